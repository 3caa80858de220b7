// Derechos Claros' service worker. `python -m build_tools build` writes it to
// the site root as sw.js, with the build's id in VERSION: a new build makes a
// new worker, which moves what the reader had saved into its own cache.
// Nothing is fetched here unless a page asks for it.
const VERSION = "__VERSION__";
// The languages' URL folders ("en", "nah"...; the default language is at the
// root) and, by folder, what each says for a page that was not saved
// (offline.py, not_saved_text): its tag, <title> text and that text's
// language, and the inside of its <article>. It comes with the worker, so a
// reader who only visited pages gets it without another download.
const LANGUAGES = __LANGUAGES__;
const NOT_SAVED = __NOT_SAVED__;
// The site path of the build's whole stylesheet (or null). Once it is saved
// here, pages are asked for with STYLES_HEADER: nginx then sends the page
// without the copy of its first screen's CSS inline (~2.5 KB), which links
// the stylesheet instead. A header, not a cookie: nothing is stored for it.
const STYLESHEET = __STYLESHEET__;
const STYLES_HEADER = "X-DC-Styles";
// Navigation preload: the browser asks for a page while it starts this
// worker, with "Service-Worker-Navigation-Preload: cached" once the
// stylesheet is saved (nginx reads it as STYLES_HEADER). Without it,
// Chromium sends such a request anyway where it had stopped the worker
// (after ~30 s idle), and hands its answer, the full page, to the worker's fetch.
const PRELOAD = self.registration.navigationPreload;
const PREFIX = "dc-";
const CACHE = PREFIX + VERSION;
// Material's fingerprinted files (name.1a2b3c4d.min.js) never change
const FINGERPRINT = /\.[0-9a-f]{8}(\.min\.(?:js|css))$/;
const MATCH = { ignoreVary: true };
// How long the network has to answer before the saved copy is shown. On a
// weak signal the server may accept the connection and never answer; a page
// of a few KB arrives well within this on 2G, so past it the phone's copy is
// the better answer. The network keeps going and refreshes the copy.
const NETWORK_WAIT_MS = 3500;
const LATE = Symbol("late");
// Where the list of saved pages goes in the "not saved" page
const SAVED_LIST = "<!--dc-saved-pages-->";
const NONE_SAVED = /(<[a-z]+ class="dc-not-saved__none")/;

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
    // An optimisation: the worker activates whether or not the browser allows it
    if (PRELOAD) await PRELOAD.enable().catch(() => null);
    await sayIfStylesheetSaved(cache);
    await self.clients.claim();
  })());
});

// What the next page's preload says: "cached" once the stylesheet is saved.
// One after the other, each looking at the cache anew: the first visit's
// files may be saved while the worker is still activating.
let saying = Promise.resolve();
function sayIfStylesheetSaved(cache) {
  if (!PRELOAD || !STYLESHEET) return saying;
  saying = saying.then(async () => {
    const saved = await cache.match(new URL(STYLESHEET, self.registration.scope).href, MATCH);
    await PRELOAD.setHeaderValue(saved ? "cached" : "no");
  }).catch(() => null);
  return saying;
}

// A page opened before the worker existed (the first visit) sends its own
// URL and files, which the browser just loaded, so they are kept too: from
// the HTTP cache as they are (force-cache), with no request for the page.
self.addEventListener("message", (event) => {
  const urls = (event.data && event.data.keep) || [];
  event.waitUntil(caches.open(CACHE).then((cache) =>
    Promise.all(urls.filter(sameSite).map((url) => cache.add(new Request(url, { cache: "force-cache" }))
      .then(() => STYLESHEET && new URL(url, location.href).pathname.endsWith(STYLESHEET) && sayIfStylesheetSaved(cache))
      .catch(() => null)))));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Downloads (the zip) and partial requests (audio) are not kept
  if (request.method !== "GET" || !sameSite(url) || url.pathname.endsWith(".zip") || request.headers.has("range")) return;
  event.respondWith(FINGERPRINT.test(url.pathname) ? cacheFirst(request, url) : networkFirst(event, request, url));
});

function sameSite(url) {
  return new URL(url, location.href).origin === location.origin;
}

// Pages and other files: the network's copy when it answers in time, so new
// content wins; the saved copy when it does not, or without a connection.
function networkFirst(event, request, url) {
  const cache = caches.open(CACHE);
  // A navigation's preloaded answer, else the worker's own request
  const preloaded = event.preloadResponse || Promise.resolve();
  const network = preloaded.then((answer) => answer || pageRequest(request, cache).then((asked) => fetch(asked))).then(async (response) => {
    // Saved under the page's address, whichever variant came
    if (response.status === 200) await (await cache).put(request, response.clone());
    return response;
  });
  // A late answer still refreshes the saved copy for next time
  event.waitUntil(network.catch(() => null));
  return savedIfLate(network, request, url, cache);
}

// A page of this site, when the stylesheet its lean variant links is saved:
// the same request with STYLES_HEADER. It stays a navigation's request in
// all else (credentials, cache mode, and redirect "manual": a redirect such
// as /hogar to /hogar/ goes back to the browser, which must not be handed a
// response that followed one).
async function pageRequest(request, cache) {
  if (request.mode !== "navigate" || !STYLESHEET) return request;
  const sheet = new URL(STYLESHEET, self.registration.scope).href;
  if (!(await (await cache).match(sheet, MATCH))) return request;
  const headers = new Headers(request.headers);
  headers.set(STYLES_HEADER, "cached");
  return new Request(request, { headers });
}

async function savedIfLate(network, request, url, cache) {
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(resolve, NETWORK_WAIT_MS, LATE); });
  const saved = () => cache.then((c) => c.match(request, { ignoreSearch: true, ignoreVary: true })).then(asAsked(request));
  try {
    const first = await Promise.race([network, late]);
    // A server error (or a carrier's proxy timing out) is no better than no answer
    if (first !== LATE) return first.status >= 500 ? (await saved()) || first : first;
    // Nothing saved: the network is the only answer, however slow
    return (await saved()) || await network;
  } catch (error) {
    const copy = await saved();
    if (copy) return copy;
    const page = request.mode === "navigate" && await notSavedPage(await cache, url);
    if (page) return page;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

// A copy saved without the query (search-stemmed.js?material=...): a worker
// takes its address from the response, so give it the address asked for
function asAsked(request) {
  return (saved) => saved && saved.url !== request.url ? new Response(saved.body, saved) : saved;
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
      if (STYLESHEET && url.pathname.endsWith(STYLESHEET)) await sayIfStylesheetSaved(cache);
    }
    return response;
  } catch (error) {
    if (siblings.length) return cache.match(siblings[0], MATCH);
    throw error;
  }
}

// The language folder of a site path ("" for the default language)
function languageOf(path) {
  const first = path.split("/", 1)[0];
  return LANGUAGES.includes(first) ? first : "";
}

function sitePath(url) {
  const scope = new URL(self.registration.scope).pathname;
  return url.pathname.startsWith(scope) ? url.pathname.slice(scope.length) : null;
}

// The "not saved" page, made from a page of the site the phone has (the most
// recently saved one of the language asked for, else of another language):
// its header, menu and footer around the language's "not saved" text, with
// links to the pages of that language the phone has. Its links are made
// absolute, as it is shown at another address. Nothing saved: null.
async function notSavedPage(cache, url) {
  const path = sitePath(url);
  const text = path !== null && NOT_SAVED[languageOf(path)];
  if (!text) return null;
  const lang = languageOf(path);
  const links = [];
  let own = null, other = null;
  for (const request of await cache.keys()) {
    const saved = new URL(request.url);
    const savedPath = sitePath(saved);
    if (savedPath === null || savedPath.endsWith("404.html")) continue;
    const response = await cache.match(request, MATCH);
    if (!(response.headers.get("content-type") || "").startsWith("text/html")) continue;
    const html = await response.text();
    // A "not saved" page an older build saved is not a page to list
    if (html.includes(SAVED_LIST)) continue;
    // Pages without Material's article (printable summaries) are listed, not used
    const page = ARTICLE.test(html) && { url: saved, html, headers: response.headers };
    if (languageOf(savedPath) !== lang) { other = page || other; continue; }
    own = page || own;
    const title = pageTitle(html);
    if (title) links.push({ href: saved.pathname, ...title });
  }
  const shell = own || other;
  if (!shell) return null;
  links.sort((a, b) => a.href < b.href ? -1 : 1);
  let article = text.article;
  if (links.length) {
    article = article.replace(NONE_SAVED, "$1 hidden").replace(SAVED_LIST, () => links.map((link) =>
      `<li><a href="${link.href}"${link.lang ? ` lang="${link.lang}"` : ""}>${link.text}</a></li>`).join(""));
  }
  const shellLang = (HTML_LANG.exec(shell.html) || [])[1];
  const mark = (tag) => tag !== shellLang ? ` lang="${tag}"` : "";
  const html = absoluteLinks(withoutContents(shell.html)
    .replace(ARTICLE, (match, open) => `${open}${mark(text.lang)}>${article}</article>`)
    .replace(TITLE, () => `<title${mark(text.titleLang)}>${text.title}</title>`), shell.url);
  const headers = new Headers(shell.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  // 200: the page is the site's whole answer for this address without a connection
  return new Response(html, { status: 200, headers });
}

// Material's content and the page's language (base.html)
const ARTICLE = /(<article class="md-content__inner md-typeset")>[\s\S]*?<\/article>/;
const HTML_LANG = /<html\b[^>]*?\blang="([^"]*)"/;
// Addresses in a page, and in Material's settings (read against the page's address)
const URL_ATTRIBUTE = /(\s(?:href|src|data-manifest)=")([^"#][^"]*)"/g;
const CONFIG = /<script id="__config" type="application\/json">[\s\S]*?<\/script>/;
const CONFIG_URL = /("(?:base|search)":\s*")([^"]*)"/g;

// The saved page's table of contents (Material's, in the menu and beside the
// text) would list sections this page does not have
const CONTENTS = '<nav class="md-nav md-nav--secondary"';
const NAV_TAG = /<(\/?)nav\b/g;

function withoutContents(html) {
  for (let start = html.indexOf(CONTENTS); start >= 0; start = html.indexOf(CONTENTS, start)) {
    let depth = 0, tag;
    NAV_TAG.lastIndex = start;
    while ((tag = NAV_TAG.exec(html)) && (depth += tag[1] ? -1 : 1) > 0);
    if (!tag) break;
    html = html.slice(0, start) + html.slice(html.indexOf(">", tag.index) + 1);
  }
  return html;
}

// The page's addresses on this site as absolute paths (the page is shown at
// another address, where relative ones would lead elsewhere); fragments,
// other sites, tel: and mailto: stay as they are
function absoluteLinks(html, base) {
  const fix = (match, before, address) => {
    let to;
    try { to = new URL(address, base); } catch (error) { return match; }
    return to.origin === base.origin ? `${before}${to.pathname}${to.search}${to.hash}"` : match;
  };
  return html.replace(URL_ATTRIBUTE, fix).replace(CONFIG, (config) => config.replace(CONFIG_URL, fix));
}

// A page's heading, as HTML text, and its language where the text around it
// says (a page that falls back to Spanish is wrapped in <div lang="es">)
const HEADING = /(?:<div lang="([^"]+)">\s*)?<h1\b([^>]*)>([\s\S]*?)<\/h1>/;
const TITLE = /<title>([\s\S]*?)<\/title>/;
const QUOTE = /"/g;

function pageTitle(html) {
  const heading = HEADING.exec(html);
  let text, lang = "";
  if (heading) {
    const own = /\blang="([^"]+)"/.exec(heading[2]);
    lang = own ? own[1] : heading[1] || "";
    text = heading[3].replace(/<a class="headerlink"[\s\S]*?<\/a>/g, "");
  } else {
    const title = TITLE.exec(html);
    if (!title) return null;
    text = title[1];
  }
  // Already HTML (entities kept); no tags, so nothing in it can run
  text = text.replace(/<[^>]*>/g, "").trim();
  return text ? { text, lang: lang.replace(QUOTE, "") } : null;
}
