"""Lean pages in Chromium, over nginx with the shipped configuration and CSP:
once the service worker has the whole stylesheet saved, the next pages come
without the inline first-screen CSS (also when Chromium had stopped the
worker), look exactly the same, and stay so when read offline later."""

import json

import pytest

from build_tools import deploy
from build_tools.tooling import nginx
from project import LANGUAGES, PREFIXES

pytestmark = pytest.mark.server

WAIT = 15000
FIRST, SECOND, THIRD = "hogar/aguinaldo/", "hogar/vacaciones/", "hogar/salario/"
# Elements from the top of the page to the footer, and what is compared
ELEMENTS = ("body", ".md-header", ".md-tabs", "article h1", "article p", ".md-sidebar--primary", ".md-footer")
PROPERTIES = ("display", "position", "color", "background-color", "font-family", "font-size", "font-weight",
              "line-height", "margin-top", "margin-left", "padding-top", "padding-left", "border-bottom-width")
LOOKS = """([elements, properties]) => elements.map((selector) => {
  const element = document.querySelector(selector);
  if (!element) return [selector, null];
  const style = getComputedStyle(element), box = element.getBoundingClientRect();
  return [selector, [box.x, box.y, box.width, box.height].map(Math.round).concat(properties.map((name) => style.getPropertyValue(name)))];
})"""


PRELOAD_SAYS_CACHED = """() => navigator.serviceWorker.ready
  .then((registration) => registration.navigationPreload.getState())
  .then((state) => state.enabled && state.headerValue === "cached")"""


def looks(page) -> dict:
    return dict(page.evaluate(LOOKS, [list(ELEMENTS), list(PROPERTIES)]))


@pytest.fixture(scope="module")
def stylesheet(served) -> str:
    _, site = served
    return next((site / "assets/stylesheets").glob("site.*.min.css")).relative_to(site).as_posix()


def test_lean_variants_are_no_pages_of_their_own(served):
    """Written beside each page; the sitemaps, search indexes and download
    lists, made from the pages, do not list them."""
    _, site = served
    assert (site / deploy.lean_path(FIRST + "index.html")).exists() and (site / "en/404.lean.html").exists()
    for name in ("sitemap.xml", "search/search_index.json", "offline.json"):
        for listing in site.rglob(name):
            assert ".lean" not in listing.read_text(encoding="utf-8"), listing


@pytest.mark.parametrize("lang", [tag for tag, _ in LANGUAGES])
def test_a_repeat_visit_gets_the_lean_page_styled_the_same(served, chromium, stylesheet, lang):
    _, site = served
    folder = PREFIXES[lang]
    violations = []
    context = chromium.new_context(viewport={"width": 360, "height": 640})
    try:
        page = context.new_page()
        page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
        with nginx.serve(site) as base:
            # First visit: the page with its first screen's CSS inline
            first = page.goto(f"{base}/{folder}{FIRST}")
            assert "<style>" in first.text() and not first.from_service_worker
            before = looks(page)
            assert before["article h1"] is not None and before[".md-header"][4 + PROPERTIES.index("position")] == "sticky"
            # The worker keeps what the first visit loaded, the stylesheet among it
            page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=WAIT)
            sheet = json.dumps(f"{base}/{stylesheet}")
            page.wait_for_function(f"() => caches.match({sheet}, {{ignoreVary: true}}).then(Boolean)", timeout=WAIT)
            # and says so in the requests the browser makes for it (navigation preload)
            page.wait_for_function(PRELOAD_SAYS_CACHED, timeout=WAIT)
            # Another guide: the lean page, with the stylesheet's link instead
            second = page.goto(f"{base}/{folder}{SECOND}")
            assert second.from_service_worker and second.ok
            assert second.text() == (site / deploy.lean_path(f"{folder}{SECOND}index.html")).read_text(encoding="utf-8")
            assert "<style" not in second.text() and page.evaluate("document.querySelectorAll('style').length") == 0
            # A folder's address without its slash: the worker hands the redirect back to the browser
            moved = page.goto(f"{base}/{folder}hogar")
            assert moved.ok and page.url == f"{base}/{folder}hogar/" and "<style" not in moved.text()
            # Chromium stops an idle worker (after ~30 s), and asks for the
            # next page itself while it starts it again: that page is lean too
            # (navigation preload, with the worker's header value)
            devtools = context.new_cdp_session(page)
            devtools.send("ServiceWorker.enable")
            devtools.send("ServiceWorker.stopAllWorkers")
            third = page.goto(f"{base}/{folder}{THIRD}")
            assert third.from_service_worker and third.ok
            assert third.text() == (site / deploy.lean_path(f"{folder}{THIRD}index.html")).read_text(encoding="utf-8")
            devtools.detach()
            # The first guide again, lean this time: it looks exactly as on the first visit
            again = page.goto(f"{base}/{folder}{FIRST}")
            assert "<style" not in again.text()
            assert looks(page) == before
        # Offline (the server gone too): the saved lean page, styled as before
        context.set_offline(True)
        offline = page.goto(f"{base}/{folder}{FIRST}")
        assert offline.from_service_worker and "<style" not in offline.text()
        assert looks(page) == before
        assert violations == []
    finally:
        context.close()
