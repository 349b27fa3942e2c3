/* Offline capture: without network a capture goes into an IndexedDB queue
   (it survives closing the browser) with a client key, and is sent once the
   phone is online again or on „Jetzt senden“. The server saves a key only
   once; what it refuses lands in „Nicht übertragen“ with its German reason. */
(function () {
  "use strict";
  const form = document.getElementById("capture-form");
  if (!form || !form.dataset.offlineCapture || !window.indexedDB) return;
  const msg = form.dataset;
  const keyField = form.querySelector("[name=client_key]");
  const panel = document.getElementById("capture-queue");
  const statusText = document.getElementById("capture-queue-status");
  const failedBox = document.getElementById("capture-failed");
  const failedList = document.getElementById("capture-failed-list");
  const STORE = "captures";
  let syncing = false;

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
    });
  }
  if (!keyField.value) keyField.value = newKey();

  function openDb() {
    return new Promise(function (resolve, reject) {
      const request = indexedDB.open("kiallianz-capture", 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "key" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  async function withStore(mode, action) {
    const db = await openDb();
    return new Promise(function (resolve, reject) {
      const tx = db.transaction(STORE, mode);
      const result = action(tx.objectStore(STORE));
      tx.oncomplete = function () { db.close(); resolve(result && result.result); };
      tx.onerror = function () { db.close(); reject(tx.error); };
    });
  }
  const allItems = function () { return withStore("readonly", function (s) { return s.getAll(); }); };
  const putItem = function (item) { return withStore("readwrite", function (s) { return s.put(item); }); };
  const deleteItem = function (key) { return withStore("readwrite", function (s) { return s.delete(key); }); };

  function describe(entries) {
    const get = function (name) {
      const found = entries.find(function (e) { return e[0] === name; });
      return found ? found[1] : "";
    };
    const organisation = get("create_organisation") ? get("new_org_name") : get("organisation_query");
    const person = [get("person-0-first_name"), get("person-0-last_name")].join(" ").trim();
    return [organisation, person].filter(Boolean).join(" – ") || "–";
  }

  async function render() {
    const items = await allItems();
    const pending = items.filter(function (i) { return i.state === "pending"; });
    const failed = items.filter(function (i) { return i.state === "failed"; });
    panel.classList.toggle("d-none", items.length === 0);
    panel.dataset.pending = String(pending.length);
    statusText.textContent = pending.length ? msg.msgPending + " " + pending.length : "";
    if (pending.length && navigator.onLine === false) statusText.textContent += " · " + msg.msgNetwork;
    document.getElementById("capture-send-now").classList.toggle("d-none", pending.length === 0);
    failedBox.classList.toggle("d-none", failed.length === 0);
    failedList.innerHTML = "";
    failed.forEach(function (item) {
      const row = document.getElementById("capture-failed-item").content.firstElementChild.cloneNode(true);
      row.querySelector(".capture-failed-label").textContent = item.label;
      row.querySelector(".capture-failed-reason").textContent = item.reason;
      row.querySelector(".capture-failed-edit").addEventListener("click", function () { edit(item); });
      row.querySelector(".capture-failed-discard").addEventListener("click", async function () {
        await deleteItem(item.key);
        render();
      });
      failedList.append(row);
    });
  }

  function edit(item) {
    // Back into the form, same key: saving it online sends it once.
    form.reset();
    const total = item.entries.find(function (e) { return e[0] === "person-TOTAL_FORMS"; });
    while (total && parseInt(document.getElementById("id_person-TOTAL_FORMS").value, 10) < parseInt(total[1], 10)) {
      window.kiallianzCapture.addPerson();
    }
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = false; });
    item.entries.forEach(function (entry) {
      const fields = form.querySelectorAll('[name="' + entry[0] + '"]');
      fields.forEach(function (field) {
        if (field.type === "checkbox") {
          if (field.value === entry[1]) field.checked = true;
        } else if (field.name !== "csrfmiddlewaretoken") {
          field.value = entry[1];
        }
      });
    });
    document.getElementById("new-org").classList.toggle("d-none", !document.getElementById("id_create_organisation").checked);
    deleteItem(item.key).then(render);
    form.scrollIntoView();
  }

  async function queueCapture() {
    const entries = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && name !== "csrfmiddlewaretoken") entries.push([name, value]);
    });
    await putItem({
      key: keyField.value, entries: entries, label: describe(entries),
      state: "pending", reason: "", queuedAt: new Date().toISOString(),
    });
    form.reset();
    form.querySelectorAll(".capture-chip.active").forEach(function (chip) { chip.classList.remove("active"); });
    keyField.value = newKey();
    const note = document.getElementById("card-status");
    note.className = "small mt-2 text-success";
    note.textContent = msg.msgOfflineSaved;
    await render();
    window.scrollTo(0, 0);
  }

  form.addEventListener("submit", function (event) {
    if (navigator.onLine !== false) return;
    event.preventDefault();
    queueCapture();
  });

  async function freshToken() {
    // The cached page's token may be old; the reference list brings a fresh one.
    const response = await fetch(msg.referenceUrl, { credentials: "same-origin", cache: "no-store" });
    const type = response.headers.get("content-type") || "";
    if (!response.ok || response.redirected || type.indexOf("json") === -1) return null;
    return (await response.json()).csrf;
  }

  // A reconnect is often flaky for a few seconds: try again, waiting longer
  // each time, while captures are pending.
  let retryDelay = 2000;
  let retryTimer = null;
  function retryLater() {
    if (retryTimer) return;
    retryTimer = setTimeout(function () {
      retryTimer = null;
      sync();
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60000);
  }

  async function sync() {
    if (syncing || navigator.onLine === false) return;
    syncing = true;
    let unreachable = false;
    try {
      const pending = (await allItems()).filter(function (i) { return i.state === "pending"; });
      if (!pending.length) return;
      let token;
      try {
        token = await freshToken();
      } catch (error) {
        unreachable = true; // still no network
        return;
      }
      if (!token) {
        statusText.textContent = msg.msgLogin;
        return;
      }
      for (const item of pending) {
        const body = new URLSearchParams();
        item.entries.forEach(function (entry) { body.append(entry[0], entry[1]); });
        body.set("client_key", item.key);
        body.set("csrfmiddlewaretoken", token);
        let response;
        try {
          response = await fetch(form.getAttribute("action") || window.location.pathname, {
            method: "POST", body: body, credentials: "same-origin",
            headers: { "X-Capture-Sync": "1", "X-CSRFToken": token, "Accept": "application/json" },
          });
        } catch (error) {
          unreachable = true; // network gone again: the rest waits
          break;
        }
        const type = response.headers.get("content-type") || "";
        if (response.ok && type.indexOf("json") !== -1) {
          await deleteItem(item.key);
        } else if (response.redirected || response.status === 401) {
          statusText.textContent = msg.msgLogin;
          break;
        } else if (response.status >= 500) {
          unreachable = true; // server trouble: try again later, nothing is lost
          break;
        } else {
          let reason = msg.msgServer;
          if (response.status === 403) reason = msg.msgForbidden;
          if (type.indexOf("json") !== -1) reason = (await response.json()).reason || reason;
          item.state = "failed";
          item.reason = reason;
          await putItem(item);
        }
      }
    } finally {
      syncing = false;
      await render();
      if (unreachable) retryLater();
      else retryDelay = 2000;
    }
  }

  // Offline, the organisation search answers from the cached reference list.
  const orgQuery = document.getElementById("id_organisation_query");
  const orgMatches = document.getElementById("org-matches");
  let reference = null;
  async function loadReference() {
    if (reference) return reference;
    try {
      const response = await fetch(msg.referenceUrl, { credentials: "same-origin" });
      if (response.ok && (response.headers.get("content-type") || "").indexOf("json") !== -1) {
        reference = await response.json();
      }
    } catch (error) { /* neither network nor cache: no suggestions */ }
    return reference;
  }
  orgQuery.addEventListener("input", async function () {
    if (navigator.onLine !== false) return; // online, htmx asks the server
    const text = orgQuery.value.trim().toLowerCase();
    const lists = await loadReference();
    orgMatches.innerHTML = "";
    if (!lists || text.length < 2) return;
    lists.organisations.filter(function (o) {
      return o.name.toLowerCase().indexOf(text) !== -1;
    }).slice(0, 8).forEach(function (organisation) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "list-group-item list-group-item-action";
      button.dataset.orgId = organisation.id;
      button.dataset.orgName = organisation.name;
      button.textContent = organisation.name;
      orgMatches.append(button);
    });
  });
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    // No request can succeed offline; the cached list answers instead.
    if (navigator.onLine === false) event.preventDefault();
  });

  document.getElementById("capture-send-now").addEventListener("click", sync);
  window.addEventListener("online", sync);
  window.addEventListener("offline", render);
  render().then(sync);

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(msg.swUrl, { scope: msg.swScope }).catch(function () {
      /* Without a service worker the queue still works while the page is open. */
    });
  }
})();
