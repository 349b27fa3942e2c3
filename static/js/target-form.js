/* Show only what the chosen kind and metric need (everything stays usable without JS). */
(function () {
  "use strict";
  var metric = document.getElementById("id_metric_key");
  var kind = document.getElementById("id_kind");
  function update() {
    document.querySelectorAll(".metric-params").forEach(function (group) {
      group.hidden = group.dataset.metric !== metric.value;
    });
    document.getElementById("computed-fields").hidden = kind.value !== "computed";
    document.getElementById("manual-fields").hidden = kind.value !== "manual";
  }
  if (metric && kind) {
    metric.addEventListener("change", update);
    kind.addEventListener("change", update);
    update();
  }
})();
