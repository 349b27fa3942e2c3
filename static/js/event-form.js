/* Regional events need a region; statewide ones none; the country only matters abroad. */
(function () {
  "use strict";
  var area = document.getElementById("id_area");
  var region = document.getElementById("div_id_region");
  var country = document.getElementById("div_id_country");
  if (!area || !region || !country) { return; }
  function update() {
    region.hidden = area.value !== "regional";
    country.hidden = area.value !== "abroad";
  }
  area.addEventListener("change", update);
  update();
})();
