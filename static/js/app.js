/* Behaviour every page shares. No inline script anywhere (Content-Security-Policy):
   templates mark elements with data attributes instead. */
(function () {
  "use strict";
  /* <select data-autosubmit>: choosing an option submits its form. With the
     keyboard, the arrow keys step through the options of a closed select and
     Chromium fires "change" at every step: then the form is sent on Enter or
     when the focus leaves the select, not at the first step (WCAG 3.2.2). */
  var stepping = null;
  function autosubmit(target) {
    return target.matches && target.matches("select[data-autosubmit]") && target.form;
  }
  document.addEventListener("pointerdown", function () { stepping = null; });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!autosubmit(target)) return;
    if (event.key === "Enter") {
      event.preventDefault();
      target.form.submit();
    } else if (event.key !== "Tab" && event.key !== "Shift") {
      stepping = target;
    }
  });
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!autosubmit(target)) return;
    if (stepping === target) {
      target.setAttribute("data-changed", "");
      return;
    }
    target.form.submit();
  });
  document.addEventListener("focusout", function (event) {
    var target = event.target;
    if (autosubmit(target) && target.hasAttribute("data-changed")) {
      target.removeAttribute("data-changed");
      stepping = null;
      target.form.submit();
    }
  });
  /* <form data-confirm="Question?">: ask before submitting. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
  /* <input type="checkbox" data-select-all="name">: (un)ticks every box of that name. */
  document.addEventListener("change", function (event) {
    var box = event.target;
    var name = box.getAttribute && box.getAttribute("data-select-all");
    if (!name) return;
    document.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (other) {
      other.checked = box.checked;
    });
  });
  /* <a href="#id" data-jump> (the skip link, „Zum Export“): moves the focus
     to its target without adding the fragment to the address. A form on the
     page posts to that address, and the fragment would take the focus from
     the error summary of the answer. The target has tabindex="-1". */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-jump]");
    var target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView();
  });
  /* A form that came back with errors: its summary (templates/includes/
     form_error_summary.html) takes the focus, so that a screen reader reads it
     and Tab goes on to the links to the fields. */
  var summary = document.querySelector(".form-error-summary");
  if (summary) {
    summary.focus();
  }
})();
