// Offline reading: register the service worker (/sw.js, written by
// `python -m build_tools build`) and run the "save for offline" control.
// Nothing is downloaded unless the reader confirms.
(function () {
  "use strict";
  var script = document.currentScript;
  // Service workers need http(s); a copy opened from a file has none
  if (!script || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var root = new URL("../../", script.src);
  var firstVisit = !navigator.serviceWorker.controller;
  // updateViaCache: the browser's update check may use the HTTP cache (sw.js
  // is kept an hour, deploy/nginx) instead of a request on every page
  navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname, updateViaCache: "all" }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    // This page loaded before the worker existed: keep it and the files it
    // shows with (not data it fetched, such as sitemaps: fetched again when needed)
    if (!firstVisit || !registration.active) return;
    var urls = performance.getEntriesByType("resource").filter(function (entry) {
      return entry.initiatorType !== "fetch" && entry.initiatorType !== "xmlhttprequest";
    }).map(function (entry) { return entry.name; });
    registration.active.postMessage({ keep: [location.href.split("#")[0]].concat(urls) });
  }).catch(function () { /* no worker (e.g. a plain `mkdocs build`): pages work online */ });

  var box = document.querySelector(".dc-offline__save");
  if (!box || !window.caches) return;
  var start = box.querySelector(".dc-offline__start");
  var status = box.querySelector(".dc-offline__status");
  var confirm = box.querySelector(".dc-offline__confirm");
  var zip = box.querySelector(".dc-offline__zip");
  var manifestUrl = new URL(box.dataset.manifest, location.href);
  var list = null;
  box.hidden = false;

  function say(text) { status.textContent = text; }

  start.addEventListener("click", function () {
    fetch(manifestUrl, { cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (manifest) {
      list = manifest;
      say(manifest.text.ask);
      confirm.hidden = false;
      if (manifest.zip) {
        var link = zip.querySelector("a");
        link.href = new URL(manifest.zip.url, manifestUrl).href;
        link.download = ""; // save the zip, do not open it (set here: an <a> without href may not have it)
        link.textContent = manifest.zip.text;
        zip.hidden = false;
      }
      confirm.querySelector(".dc-offline__yes").focus();
    }).catch(function () { say(box.dataset.unavailable); });
  });

  confirm.querySelector(".dc-offline__no").addEventListener("click", function () {
    confirm.hidden = true;
    say("");
    start.focus();
  });

  confirm.querySelector(".dc-offline__yes").addEventListener("click", function () {
    confirm.hidden = true;
    start.disabled = true;
    save(list).then(function (ok) {
      say(ok ? list.text.done : box.dataset.failed);
      start.disabled = false;
    });
  });

  // The worker's cache for this build; files already there are not fetched again
  function save(manifest) {
    var urls = manifest.files.map(function (file) { return new URL(file.url, manifestUrl).href; });
    var done = 0, failed = 0, next = 0;
    function progress() {
      say(box.dataset.saving.replace("{done}", done).replace("{total}", urls.length));
    }
    return caches.open("dc-" + manifest.version).then(function (cache) {
      function worker() {
        if (next >= urls.length) return Promise.resolve();
        var url = urls[next++];
        return cache.match(url, { ignoreVary: true }).then(function (saved) {
          return saved || cache.add(url);
        }).catch(function () { failed++; }).then(function () {
          done++;
          progress();
          return worker();
        });
      }
      progress();
      // A few at a time: quick on a good connection, gentle on a bad one
      return Promise.all([worker(), worker(), worker()]);
    }).then(function () { return failed === 0; }, function () { return false; });
  }
})();
