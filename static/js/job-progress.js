/* Progress of a background job (contacts import): polls the job's status URL
   and moves the bar, announces a new message in the live region, and opens
   the job's page (its result) once it is finished. No inline script: the
   page marks the element with data-job-status-url (Content-Security-Policy). */
(function () {
  "use strict";
  var box = document.querySelector("[data-job-status-url]");
  if (!box) return;
  var bar = box.querySelector("[role=progressbar]");
  var fill = box.querySelector("[data-job-progress-fill]");
  var message = box.querySelector("[role=status]");
  var url = box.getAttribute("data-job-status-url");
  var interval = 1000;
  var failures = 0;

  function show(progress) {
    var value = Math.max(0, Math.min(100, Number(progress) || 0));
    bar.setAttribute("aria-valuenow", String(value));
    bar.setAttribute("aria-valuetext", value + " %");
    fill.style.width = value + "%";
    fill.textContent = value + " %";
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (job) {
        failures = 0;
        show(job.progress);
        // Only a changed text is written, so screen readers announce each step once.
        if (job.message && message.textContent !== job.message) {
          message.textContent = job.message;
        }
        if (job.finished) {
          window.location.assign(job.url);
        } else {
          window.setTimeout(poll, interval);
        }
      })
      .catch(function () {
        // A lost connection or a restarting server: keep trying, more slowly.
        failures += 1;
        window.setTimeout(poll, Math.min(interval * (failures + 1), 10000));
      });
  }

  show(bar.getAttribute("aria-valuenow"));
  window.setTimeout(poll, interval);
})();
