/* The capture screen: organisation and person pickers, new organisation, new person rows. */
(function () {
  "use strict";
  const form = document.getElementById("capture-form");
  const hidden = document.getElementById("id_organisation");
  const query = document.getElementById("id_organisation_query");
  const createBox = document.getElementById("id_create_organisation");
  const newOrg = document.getElementById("new-org");
  const chosen = document.getElementById("org-chosen");
  if (!form) return;
  const personsUrl = form.dataset.personsUrl;

  form.addEventListener("click", function (event) {
    const match = event.target.closest("[data-org-id]");
    if (!match) return;
    event.preventDefault();
    hidden.value = match.dataset.orgId;
    query.value = match.dataset.orgName;
    document.getElementById("org-chosen-name").textContent = match.dataset.orgName;
    chosen.classList.remove("d-none");
    createBox.checked = false;
    newOrg.classList.add("d-none");
    document.getElementById("org-matches").innerHTML = "";
    document.getElementById("org-dup-hint").innerHTML = "";
    htmx.ajax("GET", personsUrl + "?organisation=" + encodeURIComponent(match.dataset.orgId), "#person-choices");
  });
  form.addEventListener("click", function (event) {
    const match = event.target.closest("[data-person-id]");
    if (!match) return;
    event.preventDefault();
    const id = match.dataset.personId;
    let box = document.getElementById("person-choice-" + id);
    if (!box) {
      const wrapper = document.createElement("div");
      wrapper.className = "form-check";
      box = document.createElement("input");
      box.type = "checkbox"; box.name = "persons"; box.value = id;
      box.className = "form-check-input"; box.id = "person-choice-" + id;
      const label = document.createElement("label");
      label.className = "form-check-label"; label.htmlFor = box.id;
      label.textContent = match.dataset.personName;
      wrapper.append(box, label);
      document.getElementById("picked-persons").append(wrapper);
    }
    box.checked = true;
    document.getElementById("person-matches").innerHTML = "";
    document.getElementById("id_person_query").value = "";
  });
  query.addEventListener("input", function () {
    hidden.value = "";
    chosen.classList.add("d-none");
  });
  createBox.addEventListener("change", function () {
    newOrg.classList.toggle("d-none", !createBox.checked);
    if (createBox.checked) {
      hidden.value = "";
      chosen.classList.add("d-none");
      const name = document.getElementById("id_new_org_name");
      if (!name.value) name.value = query.value;
      name.focus();
    }
  });
  document.getElementById("add-person").addEventListener("click", function () {
    const total = document.getElementById("id_person-TOTAL_FORMS");
    const index = parseInt(total.value, 10);
    const html = document.getElementById("new-person-template").innerHTML.replace(/__prefix__/g, index);
    document.getElementById("new-persons").insertAdjacentHTML("beforeend", html);
    total.value = index + 1;
  });
})();
