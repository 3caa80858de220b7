// Derechos Claros' service worker. `python -m build_tools build` writes it to
// the site root as sw.js, with the build's id in VERSION: a new build makes a
// new worker, which moves what the reader had saved into its own cache.
// Nothing is fetched here unless a page asks for it.
const VERSION = "__VERSION__";
const PREFIX = "dc-";
const CACHE = PREFIX + VERSION;
// Material's fingerprinted files (name.1a2b3c4d.min.js) never change
const FINGERPRINT = /\.[0-9a-f]{8}(\.min\.(?:js|css))$/;
const MATCH = { ignoreVary: true };

self.addEventListener("install", () => self.skipWaiting());

// The old build's cache is replaced; its pages move here, so a reader keeps
// what they read (each page says how old it is) until the network refreshes it.
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const name of await caches.keys()) {
      if (name === CACHE || !name.startsWith(PREFIX)) continue;
      const old = await caches.open(name);
      for (const request of await old.keys()) {
        if (!(await cache.match(request, MATCH))) await cache.put(request, await old.match(request, MATCH));
      }
      await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// A page opened before the worker existed (the first visit) sends its own
// URL and files, which the browser just loaded, so they are kept too: from
// the HTTP cache as they are (force-cache), with no request for the page.
self.addEventListener("message", (event) => {
  const urls = (event.data && event.data.keep) || [];
  event.waitUntil(caches.open(CACHE).then((cache) =>
    Promise.all(urls.filter(sameSite).map((url) => cache.add(new Request(url, { cache: "force-cache" })).catch(() => null)))));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Downloads (the zip) and partial requests (audio) are not kept
  if (request.method !== "GET" || !sameSite(url) || url.pathname.endsWith(".zip") || request.headers.has("range")) return;
  event.respondWith(FINGERPRINT.test(url.pathname) ? cacheFirst(request, url) : networkFirst(request));
});

function sameSite(url) {
  return new URL(url, location.href).origin === location.origin;
}

// Pages and other files: the network's copy when there is one, so new
// content wins; the saved copy without a connection.
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.status === 200) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const saved = await cache.match(request, { ignoreSearch: true, ignoreVary: true });
    if (saved) return saved;
    throw error;
  }
}

async function cacheFirst(request, url) {
  const cache = await caches.open(CACHE);
  const saved = await cache.match(request, MATCH);
  if (saved) return saved;
  const stem = url.pathname.replace(FINGERPRINT, "$1");
  const siblings = (await cache.keys()).filter((key) => new URL(key.url).pathname.replace(FINGERPRINT, "$1") === stem);
  try {
    const response = await fetch(request);
    if (response.status === 200) {
      // One version of each file: a page saved under an older build uses this one
      await Promise.all(siblings.map((key) => cache.delete(key)));
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    if (siblings.length) return cache.match(siblings[0], MATCH);
    throw error;
  }
}
