/* A filter box above each multi-select marked data-picker: type to narrow the options.
   The labels come from the script tag's data attributes (translated in the template). */
(function () {
  "use strict";
  var script = document.currentScript;
  var placeholder = (script && script.dataset.placeholder) || "";
  var label = (script && script.dataset.label) || "";
  document.querySelectorAll("select[data-picker]").forEach(function (select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "form-control form-control-sm mb-1";
    box.placeholder = placeholder;
    box.setAttribute("aria-label", label);
    select.parentNode.insertBefore(box, select);
    /* A plain click adds or removes one option: without Ctrl/Cmd a click in a
       multi-select would silently drop everything chosen before. */
    select.addEventListener("mousedown", function (event) {
      var option = event.target;
      if (option.tagName !== "OPTION" || option.disabled) return;
      event.preventDefault();
      var top = select.scrollTop;
      option.selected = !option.selected;
      select.focus();
      select.scrollTop = top;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    box.addEventListener("input", function () {
      var needle = box.value.toLowerCase();
      Array.prototype.forEach.call(select.options, function (option) {
        option.hidden = needle && !option.selected && option.text.toLowerCase().indexOf(needle) === -1;
      });
    });
  });
})();
