/* The capture screen (Erstgespräch erfassen): organisation and person pickers,
   quick choices, and pre-filling from a business card, vCard or QR code.
   No inline script: the page's Content-Security-Policy forbids it. */
(function () {
  "use strict";
  const form = document.getElementById("capture-form");
  if (!form) return;
  const hidden = document.getElementById("id_organisation");
  const query = document.getElementById("id_organisation_query");
  const createBox = document.getElementById("id_create_organisation");
  const newOrg = document.getElementById("new-org");
  const chosen = document.getElementById("org-chosen");
  const msg = form.dataset;

  function chooseOrganisation(id, name) {
    hidden.value = id;
    query.value = name;
    document.getElementById("org-chosen-name").textContent = name;
    chosen.classList.remove("d-none");
    createBox.checked = false;
    newOrg.classList.add("d-none");
    document.getElementById("org-matches").innerHTML = "";
    document.getElementById("org-dup-hint").innerHTML = "";
    if (window.htmx && navigator.onLine !== false) {
      htmx.ajax("GET", msg.personsUrl + "?organisation=" + encodeURIComponent(id), "#person-choices");
    }
  }

  function newOrganisation(name) {
    createBox.checked = true;
    newOrg.classList.remove("d-none");
    hidden.value = "";
    chosen.classList.add("d-none");
    const field = document.getElementById("id_new_org_name");
    if (name) field.value = name;
    else if (!field.value) field.value = query.value;
    return field;
  }

  form.addEventListener("click", function (event) {
    const match = event.target.closest("[data-org-id]");
    if (!match) return;
    event.preventDefault();
    chooseOrganisation(match.dataset.orgId, match.dataset.orgName);
    // The pressed match is gone with its list: the focus goes to the line
    // naming the choice (not the search box, which would open a phone's
    // keyboard), and Tab goes on from there to the persons.
    chosen.focus();
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
    box.focus();
  });

  // Keyboard use of the search boxes (issue 16): ArrowDown or Enter in the box
  // moves to the first match (Enter must not save the half-filled form),
  // the arrows move between matches, Escape returns to the box. Tab reaches
  // the matches too; Enter or Space on one chooses it.
  function matchKeys(input, list) {
    if (!input || !list) return;
    function matches() { return Array.from(list.querySelectorAll("button")); }
    input.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowDown" && event.key !== "Enter") return;
      event.preventDefault();
      const first = matches()[0];
      if (first) first.focus();
    });
    list.addEventListener("keydown", function (event) {
      const items = matches();
      const index = items.indexOf(document.activeElement);
      if (index === -1) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        items[(index + 1) % items.length].focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        (index ? items[index - 1] : input).focus();
      } else if (event.key === "Escape") {
        event.preventDefault();
        input.focus();
      }
    });
  }
  matchKeys(query, document.getElementById("org-matches"));
  matchKeys(document.getElementById("id_person_query"), document.getElementById("person-matches"));
  query.addEventListener("input", function () {
    hidden.value = "";
    chosen.classList.add("d-none");
  });
  createBox.addEventListener("change", function () {
    newOrg.classList.toggle("d-none", !createBox.checked);
    if (createBox.checked) newOrganisation("").focus();
  });

  function addPerson() {
    const total = document.getElementById("id_person-TOTAL_FORMS");
    const index = parseInt(total.value, 10);
    const html = document.getElementById("new-person-template").innerHTML.replace(/__prefix__/g, index);
    document.getElementById("new-persons").insertAdjacentHTML("beforeend", html);
    total.value = index + 1;
    return index;
  }
  document.getElementById("add-person").addEventListener("click", addPerson);

  // Quick choices: follow-up in N days, today's event as the occasion.
  function isoDate(date) {
    const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
    return local.toISOString().slice(0, 10);
  }
  form.addEventListener("click", function (event) {
    const chip = event.target.closest("[data-follow-up-days]");
    if (!chip) return;
    const date = new Date();
    date.setDate(date.getDate() + parseInt(chip.dataset.followUpDays, 10));
    document.getElementById("id_follow_up_date").value = isoDate(date);
    form.querySelectorAll("[data-follow-up-days]").forEach(function (other) {
      other.classList.toggle("active", other === chip);
      other.setAttribute("aria-pressed", other === chip ? "true" : "false");
    });
  });
  const occasion = document.getElementById("id_occasion");
  const occasionNote = document.getElementById("id_occasion_note");
  const moreSummary = document.getElementById("capture-more-summary");
  function showOccasion() {
    if (!moreSummary || !occasion) return;
    const label = occasion.options[occasion.selectedIndex].text;
    moreSummary.textContent = "· " + label + (occasionNote.value ? ": " + occasionNote.value : "");
    form.querySelectorAll("[data-occasion-note]").forEach(function (chip) {
      const on = chip.dataset.occasionNote === occasionNote.value;
      chip.classList.toggle("active", on);
      chip.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  form.addEventListener("click", function (event) {
    const chip = event.target.closest("[data-occasion-note]");
    if (!chip) return;
    occasion.value = chip.dataset.occasion;
    occasionNote.value = chip.dataset.occasionNote;
    showOccasion();
  });
  if (occasion) {
    occasion.addEventListener("change", showOccasion);
    occasionNote.addEventListener("input", showOccasion);
    showOccasion();
  }

  // --- Business card, vCard, QR code → pre-filled fields -------------------
  const status = document.getElementById("card-status");
  const people = document.getElementById("card-people");

  function setField(id, value) {
    const field = document.getElementById(id);
    if (field && value) field.value = value;
  }

  function fillPerson(index, card) {
    const prefix = "id_person-" + index + "-";
    setField(prefix + "first_name", card.first_name);
    setField(prefix + "last_name", card.last_name);
    setField(prefix + "email", card.email);
    setField(prefix + "phone", card.phone || card.mobile);
    if (card.title) {
      setField(prefix + "function", card.title);
      const block = document.getElementById(prefix + "function").closest("details");
      if (block) block.open = true;
    }
  }

  function firstEmptyPerson() {
    const total = parseInt(document.getElementById("id_person-TOTAL_FORMS").value, 10);
    for (let index = 0; index < total; index++) {
      const last = document.getElementById("id_person-" + index + "-last_name");
      if (last && !last.value) return index;
    }
    return addPerson();
  }

  function fillOrganisation(card, matches) {
    const hint = document.getElementById("org-dup-hint");
    if (!card.organisation) return;
    query.value = card.organisation;
    newOrganisation(card.organisation);
    const city = (card.address.match(/\b\d{5}\s+([^,]+)/) || [])[1];
    setField("id_new_org_city", city);
    setField("id_new_org_website", card.website);
    hint.innerHTML = "";
    if (matches.length) {
      // The duplicate logic found it: offer the existing organisation.
      const box = document.createElement("div");
      box.className = "alert alert-warning py-2 small";
      matches.forEach(function (match) {
        const row = document.createElement("div");
        row.className = "d-flex flex-wrap align-items-center gap-2 mb-1";
        const name = document.createElement("span");
        name.textContent = match.name + " (" + match.reason + ")";
        const use = document.createElement("button");
        use.type = "button";
        use.className = "btn btn-sm btn-outline-primary";
        use.dataset.orgId = match.id;
        use.dataset.orgName = match.name;
        use.textContent = msg.msgUse;
        row.append(name, use);
        box.append(row);
      });
      hint.append(box);
    }
  }

  function applyCard(entry) {
    fillOrganisation(entry.fields, entry.organisations);
    const index = firstEmptyPerson();
    fillPerson(index, entry.fields);
    if (entry.business_card) {
      // The kept photo goes with this person when the capture is saved.
      const block = document.getElementById("id_person-" + index + "-last_name").closest(".new-person");
      let kept = block.querySelector("[name$=business_card]");
      if (!kept) {
        kept = document.createElement("input");
        kept.type = "hidden";
        kept.name = "person-" + index + "-business_card";
        block.append(kept);
      }
      kept.value = entry.business_card;
    }
  }

  function offerCards(cards) {
    // A .vcf with several cards: one button per person.
    people.innerHTML = "";
    cards.forEach(function (entry) {
      const card = entry.fields;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-outline-primary me-2 mb-2";
      button.textContent = msg.msgPerson + ": " + [card.first_name, card.last_name].join(" ").trim() +
        (card.organisation ? " (" + card.organisation + ")" : "");
      button.addEventListener("click", function () {
        applyCard(entry);
        button.disabled = true;
      });
      people.append(button);
    });
  }

  async function readCard(input) {
    const file = input.files && input.files[0];
    if (!file) return;
    status.className = "small mt-2 text-muted";
    status.textContent = msg.msgReading;
    const body = new FormData();
    body.append("card", file);
    const keep = document.getElementById("keep-card");
    if (keep && keep.checked && input.id === "card-photo") body.append("keep", "1");
    const token = form.querySelector("[name=csrfmiddlewaretoken]").value;
    try {
      const response = await fetch(msg.cardUrl, {
        method: "POST", body: body, headers: { "X-CSRFToken": token }, credentials: "same-origin",
      });
      const answer = await response.json();
      if (!response.ok) throw new Error(answer.error || msg.msgReadFailed);
      if (answer.cards.length === 1) applyCard(answer.cards[0]);
      else offerCards(answer.cards);
      status.className = "small mt-2 text-success";
      status.textContent = msg.msgRead;
      status.dataset.state = "read";
    } catch (error) {
      status.className = "small mt-2 text-danger";
      status.textContent = error.message && !/JSON|fetch/i.test(error.message) ? error.message : msg.msgReadFailed;
      status.dataset.state = "failed";
    } finally {
      input.value = "";
    }
  }
  ["card-photo", "card-vcard"].forEach(function (id) {
    const input = document.getElementById(id);
    if (input) input.addEventListener("change", function () { readCard(input); });
  });

  // Shared with capture-offline.js.
  window.kiallianzCapture = { addPerson: addPerson, chooseOrganisation: chooseOrganisation };
})();
