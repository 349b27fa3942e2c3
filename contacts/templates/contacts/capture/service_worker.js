/* Service worker of the capture screen ({{ version }}): keeps the capture
   page, its assets and the reference lists so that the page opens without
   network. Captures themselves wait in IndexedDB (capture-offline.js). */
"use strict";
const CACHE = "{{ version }}";
const SHELL = {{ shell_json|safe }};
const PAGES = {{ pages_json|safe }};

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return Promise.all(SHELL.map(function (url) {
        return fetch(url, { credentials: "same-origin" }).then(function (response) {
          if (response.ok && !response.redirected) return cache.put(url, response);
        }).catch(function () {});
      }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) {
        return key.indexOf("capture-") === 0 && key !== CACHE;
      }).map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (PAGES.indexOf(path) !== -1) {
    // Network first, so that the page and lists stay current; the cached copy
    // when there is no network.
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok && !response.redirected) {
          const copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(path, copy); });
        }
        return response;
      }).catch(function () {
        return caches.match(path).then(function (cached) {
          return cached || Response.error();
        });
      })
    );
  } else if (SHELL.indexOf(path) !== -1) {
    event.respondWith(
      caches.match(path).then(function (cached) { return cached || fetch(request); })
    );
  }
});
