"""First paint on a phone, in Chromium over nginx with the shipped CSP,
every language: nothing in <head> waits for the network, the inline first
screen style is allowed and applies, the rest of the CSS arrives after the
page without moving anything, and the guide reads the same without JavaScript."""

import pytest

from build_tools.tooling import weight
from project import LANGUAGES

pytestmark = pytest.mark.server

GUIDE = "hogar/salario/"
URLS = [pytest.param(prefix.lstrip("/") + GUIDE, id=tag) for tag, prefix in LANGUAGES]

BLOCKING_IN_HEAD = """[...document.head.querySelectorAll('link[rel~=stylesheet], script[src]')]
  .filter(e => e.tagName === 'LINK' || !(e.defer || e.async)).map(e => e.outerHTML)"""
DRAWER_RIGHT = "document.querySelector('.md-sidebar--primary').getBoundingClientRect().right"
STYLE = """(() => { const s = getComputedStyle(document.querySelector('article')), h = getComputedStyle(document.querySelector('.md-header'));
  return [s.fontSize, s.lineHeight, h.position, h.height] })()"""
# The article's text, without the controls scripts show or fill
ARTICLE_TEXT = """(() => { const a = document.querySelector('article').cloneNode(true);
  // Controls, and the printed page's footer (not on screen; scripts write the address read at into it)
  a.querySelectorAll('.dc-tools, .dc-audio, .dc-listen, .dc-print, button, .md-clipboard').forEach(e => e.remove());
  return a.textContent.replace(/\\s+/g, ' ').trim() })()"""


@pytest.mark.parametrize("path", URLS)
def test_first_screen_style_is_inline_allowed_and_complete(served, chromium, path):
    """Scripts are deferred and wait for the stylesheet at the end of the
    page, so the first paint is the page without scripts: it is compared
    with the inline style alone, then with the whole stylesheet."""
    base, _ = served
    context = chromium.new_context(java_script_enabled=False, service_workers="block", **weight.PHONE)
    try:
        page = context.new_page()
        page.route("**/assets/stylesheets/site.*.min.css", lambda route: route.abort())
        page.goto(base + "/" + path, wait_until="load")
        assert page.evaluate(BLOCKING_IN_HEAD) == []
        assert page.evaluate("document.head.querySelectorAll('style').length") == 1
        assert page.evaluate(DRAWER_RIGHT) <= 0  # the navigation drawer is off the screen
        inline_only = page.evaluate(STYLE)
        page.unroute("**/assets/stylesheets/site.*.min.css")
        page.reload(wait_until="load")
        assert page.evaluate(
            "[...document.styleSheets].some(s => s.href && s.href.includes('/site.') && s.cssRules.length > 100)"
        )
        assert page.evaluate(STYLE) == inline_only
    finally:
        context.close()
    # With scripts, under the CSP: the inline style and everything else allowed
    context = chromium.new_context(service_workers="block", **weight.PHONE)
    try:
        context.add_init_script(weight.OBSERVERS)
        page = context.new_page()
        page.goto(base + "/" + path, wait_until="load")
        assert page.evaluate("document.querySelector('.md-header').getBoundingClientRect().height") < 60
        assert page.evaluate("window.__dc.violations") == []
    finally:
        context.close()


@pytest.mark.parametrize("path", URLS)
def test_no_layout_shift_on_a_slow_phone(served, chromium, path):
    """The rest of the CSS arrives late on a throttled link: nothing moves."""
    base, _ = served
    visit = weight.paint_visit(chromium, base, "/" + path)
    assert visit.violations == []
    assert visit.layout_shift < weight.LAYOUT_SHIFT_LIMIT


@pytest.mark.parametrize("path", URLS)
def test_guide_reads_the_same_and_is_styled_without_javascript(served, chromium, path):
    base, _ = served
    seen = {}
    for javascript in (False, True):
        context = chromium.new_context(java_script_enabled=javascript, service_workers="block", **weight.PHONE)
        try:
            page = context.new_page()
            page.goto(base + "/" + path, wait_until="load")
            seen[javascript] = (page.evaluate(ARTICLE_TEXT), page.evaluate(STYLE), page.evaluate(DRAWER_RIGHT))
        finally:
            context.close()
    assert seen[False][0] == seen[True][0] and len(seen[False][0]) > 200
    assert seen[False][1] == seen[True][1]
    assert seen[False][2] <= 0
