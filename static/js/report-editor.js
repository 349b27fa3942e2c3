// Section editor: a click on a value or block of the cheat sheet inserts its
// reference at the cursor of the narrative.
document.querySelectorAll(".insert-reference").forEach(function (button) {
  button.addEventListener("click", function () {
    var area = document.getElementById("id_narrative");
    var text = button.dataset.insert;
    var start = area.selectionStart;
    var end = area.selectionEnd;
    area.value = area.value.slice(0, start) + text + area.value.slice(end);
    area.focus();
    area.selectionStart = area.selectionEnd = start + text.length;
  });
});
