"""Accessibility in Chromium over the served site: axe-core finds nothing on
any page type in any language, and a phone screen gets big enough tap targets
and text. The page list is tests/site_pages.py."""

import pytest

from browser import axe_violations, describe_violations
from site_pages import LANGUAGES, MATRIX, PAGE_TYPES, visit

pytestmark = pytest.mark.server

# A cheap Android phone, and a laptop (sidebar, search box in the header)
VIEWPORTS = {
    "phone": dict(viewport={"width": 360, "height": 640}, is_mobile=True, has_touch=True),
    "desktop": dict(viewport={"width": 1280, "height": 800}),
}
MIN_TARGET = 44  # CSS px: WCAG 2.5.5 (AAA) and Android's guidance, beyond 2.5.8's 24
MIN_TEXT = 16  # CSS px


@pytest.fixture(scope="module")
def contexts(chromium):
    """One browser context per viewport for the module."""
    made = {name: chromium.new_context(**options) for name, options in VIEWPORTS.items()}
    yield made
    for context in made.values():
        context.close()


@pytest.fixture(scope="module")
def load(served, contexts):
    """The page of a type, language and viewport, loaded once for the checks
    that follow each other on it (axe first; the tap check opens menus last)."""
    current = {}

    def load(page_type, prefix, viewport):
        key = (page_type.name, prefix, viewport)
        if key not in current:
            for page in current.values():
                page.close()
            current.clear()
            current[key] = contexts[viewport].new_page()
            visit(current[key], served[0], prefix, page_type, wait_until="load")
        return current[key]

    yield load
    for page in current.values():
        page.close()


# Per page type and language: axe on a laptop, axe on the phone, then the
# phone's tap targets and text sizes on the same loaded page
CHECKS = [
    (check, page_type, lang, prefix, viewport)
    for page_type, lang, prefix in MATRIX
    for check, viewport in (("axe", "desktop"), ("axe", "phone"), ("tap", "phone"))
]
CHECK_IDS = [f"{check}-{page_type.name}-{lang}-{viewport}" for check, page_type, lang, _, viewport in CHECKS]


@pytest.mark.parametrize("check, page_type, lang, prefix, viewport", CHECKS, ids=CHECK_IDS)
def test_accessibility(load, check, page_type, lang, prefix, viewport):
    page = load(page_type, prefix, viewport)
    if check == "axe":
        # At rest, as a reader sees it: axe blends the colours of an element
        # still fading in (a contrast of 1.1 once, on the phone's first page)
        settle(page)
        violations = axe_violations(page)
        assert not violations, f"axe on {page.url} ({viewport}):\n{describe_violations(violations)}"
    else:
        tap_targets_and_text_size_on_a_phone(page, page_type)


def test_the_matrix_covers_fallback_pages_and_the_coverage_line(served):
    """The sweeps only mean something if they include a page shown from the
    Spanish fallback and a language's home page saying how much of it is
    translated (see PAGE_TYPES' comments). The site has no draft or partly
    translated page: their notices share the fallback notice's markup."""
    _, site = served
    html = [(site / prefix.strip("/") / page_type.path / "index.html") for page_type, _, prefix in MATRIX]
    html = [path.read_text(encoding="utf-8") for path in html if path.exists()]
    assert any("dc-notice--fallback" in text for text in html), "no fallback page in PAGE_TYPES × languages"
    assert any('<p class="dc-coverage"' in text for text in html), "no coverage line in PAGE_TYPES × languages"


# Visible, non-inline controls smaller than MIN_TARGET. Links inside a
# sentence are exempt (WCAG 2.5.8's inline exception), as are controls that
# are not visible (opacity 0, outside the screen).
SMALL_TARGETS = """(min) => {
  const small = [];
  for (const el of document.querySelectorAll(
      'a[href], button, input:not([type=hidden]), select, textarea, summary, label[for]')) {
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || box.bottom <= 0 || box.top >= innerHeight
        || box.right <= 0 || box.left >= innerWidth) continue;
    if (getComputedStyle(el).display === 'inline') continue;
    if (el.type === 'checkbox' && el.hidden) continue;
    if (Math.round(box.width) < min || Math.round(box.height) < min)
      small.push(`${el.outerHTML.slice(0, 90)} is ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return small;
}"""

# Visible text in the reading areas smaller than MIN_TEXT (superscript
# references and code, seen only on the translators' pages, excepted)
SMALL_TEXT = """([min, areas]) => {
  const small = new Set();
  for (const area of document.querySelectorAll(areas)) {
    const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const el = walker.currentNode.parentElement;
      if (!walker.currentNode.textContent.trim() || el.closest('sup, sub, code')) continue;
      if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < min) small.add(`${el.tagName.toLowerCase()}.${el.className} ${size}px: ${walker.currentNode.textContent.trim().slice(0, 40)}`);
    }
  }
  return [...small];
}"""


def settle(page) -> None:
    """Wait until Material's opening transitions have finished (not a fixed
    time): two frames for them to start, then each one's end."""
    page.evaluate("""() => new Promise(frame => requestAnimationFrame(() => requestAnimationFrame(frame)))
      .then(() => Promise.all(document.getAnimations()
        .filter(a => a.effect.getComputedTiming().endTime !== Infinity).map(a => a.finished)))""")


def phone_problems(page, state, areas=".md-content, .md-search-result, .md-nav--primary"):
    targets = page.evaluate(SMALL_TARGETS, MIN_TARGET)
    text = page.evaluate(SMALL_TEXT, [MIN_TEXT, areas])
    return [f"{state}: target {t}" for t in targets] + [f"{state}: text {t}" for t in text]


def tap_targets_and_text_size_on_a_phone(page, page_type):
    if not page_type.theme:  # a standalone sheet: all of it is reading text
        problems = phone_problems(page, "page", areas="body")
        assert not problems, f"{page.url} at 360x640:\n" + "\n".join(problems)
        return
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)") >= MIN_TEXT
    problems = phone_problems(page, "page")
    if not page_type.search:
        page.click(".md-header .md-select button")  # the language list
        settle(page)
        problems += phone_problems(page, "languages open")
        page.click(".md-header label[for=__drawer]")  # the menu
        settle(page)
        problems += phone_problems(page, "menu open")
    assert not problems, f"{page.url} at 360x640:\n" + "\n".join(problems)


def test_page_types_are_listed_once():
    assert len({page_type.name for page_type in PAGE_TYPES}) == len(PAGE_TYPES)
    assert LANGUAGES and LANGUAGES[0][1] == "/"
