/* Report section editor: the value and block buttons insert their reference at the cursor. */
(function () {
  "use strict";
  document.querySelectorAll(".insert-reference").forEach(function (button) {
    button.addEventListener("click", function () {
      var area = document.getElementById("id_narrative");
      var text = button.dataset.insert;
      var start = area.selectionStart, end = area.selectionEnd;
      area.value = area.value.slice(0, start) + text + area.value.slice(end);
      area.focus();
      area.selectionStart = area.selectionEnd = start + text.length;
    });
  });
})();
