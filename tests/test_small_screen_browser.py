"""A cheap phone (360×640) in Chromium over the served site, in every
language of mkdocs.yml: a guide's first screen shows its title and its first
key point, "save for offline" is reachable from the top, nothing moves once
the text is on screen, and no page scrolls sideways or cuts text off."""

from __future__ import annotations

import pytest

from build_tools.tooling import weight
from project import LANGUAGES

pytestmark = pytest.mark.server

WIDTH, HEIGHT = 360, 640
PHONE = dict(viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True, has_touch=True)
LANGUAGE_IDS = [tag for tag, _ in LANGUAGES]


def pages_of(site, prefix: str) -> list[str]:
    """Every page the build wrote for a language, as addresses under the site's root."""
    others = [link.strip("/") + "/" for _, link in LANGUAGES if link.strip("/") and link != prefix]
    found = []
    for html in sorted(site.rglob("*.html")):
        address = html.relative_to(site).as_posix().removesuffix("index.html")
        if address.startswith(prefix.lstrip("/")) and not address.startswith(tuple(others)):
            found.append("/" + address)
    return found


def guides_of(site, prefix: str) -> list[str]:
    """A language's guides: the pages whose tools row links to a printable summary."""
    return [
        address for address in pages_of(site, prefix)
        if address.endswith("/") and "dc-tools__summary" in (site / address.lstrip("/") / "index.html").read_text(encoding="utf-8")
    ]


@pytest.fixture(scope="module")
def phone(chromium):
    # No service worker: every load goes to nginx, where the test can hold the scripts
    context = chromium.new_context(**PHONE, service_workers="block")
    yield context
    context.close()


@pytest.fixture(scope="module")
def sweep(served, phone):
    """What each page of a language shows on the phone, loaded once for the
    checks that read it: {address: (first screen of a guide or None, sideways problems)}."""
    base, site = served
    done = {}

    def sweep(prefix: str) -> dict[str, tuple[dict | None, list[str]]]:
        if prefix not in done:
            guides = set(guides_of(site, prefix))
            page = phone.new_page()
            found = {}
            for address in pages_of(site, prefix):
                page.goto(base + address, wait_until="load")
                # The first screen before anything else reads the page
                first = page.evaluate(FIRST_SCREEN) if address in guides else None
                found[address] = (first, page.evaluate(SIDEWAYS))
            page.close()
            done[prefix] = found
        return done[prefix]

    return sweep


def frames(page) -> None:
    """Wait until what the last change did has been laid out and painted."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


# The title and the first key point (first paragraph or first item after
# the title) with their boxes; the fallback notice's visible lines
FIRST_SCREEN = """() => {
  const article = document.querySelector('article.md-content__inner');
  const title = article.querySelector('h1');
  let point = title.nextElementSibling;
  while (point && !point.matches('p, ul, ol')) point = point.nextElementSibling;
  if (point && point.matches('ul, ol')) point = point.querySelector('li');
  const box = el => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; };
  const notice = article.querySelector('.dc-notice--fallback summary');
  let lines = 0;
  if (notice) {
    const range = document.createRange();
    range.selectNodeContents(notice);
    lines = new Set([...range.getClientRects()].filter(r => r.width).map(r => Math.round(r.top))).size;
  }
  return {title: box(title), point: point && box(point), text: point && point.textContent.trim().slice(0, 50), notice_lines: lines};
}"""


@pytest.mark.parametrize("lang, prefix", LANGUAGES, ids=LANGUAGE_IDS)
def test_a_guide_starts_with_its_title_and_first_key_point(sweep, lang, prefix):
    # The sweep reads the first screen of the guides only
    first_screens = {address: first for address, (first, _) in sweep(prefix).items() if first is not None}
    assert first_screens, f"no guide with a printable summary in {lang}"
    problems = []
    for address, shown in first_screens.items():
        if shown["point"] is None:
            problems.append(f"{address}: no paragraph or list after the title")
            continue
        for part in ("title", "point"):
            if shown[part]["top"] < 0 or shown[part]["bottom"] > HEIGHT:
                problems.append(f"{address}: the {part} ends {round(shown[part]['bottom'])} px down ({shown['text']!r})")
        if shown["notice_lines"] > 1:
            problems.append(f"{address}: the fallback notice takes {shown['notice_lines']} lines")
    assert not problems, f"first screen at {WIDTH}x{HEIGHT}:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang, prefix", LANGUAGES, ids=LANGUAGE_IDS)
def test_save_for_offline_is_reachable_from_the_top(served, phone, lang, prefix):
    base, site = served
    page = phone.new_page()
    for address in (prefix, guides_of(site, prefix)[0]):
        page.goto(base + address, wait_until="load")
        entry = page.locator(".md-header .dc-offline-entry")
        assert entry.is_visible(), f"{address}: no save entry in the header"
        box = entry.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT and box["x"] + box["width"] <= WIDTH, address
        assert page.evaluate("scrollY") == 0
        entry.click()
        page.wait_for_function("() => document.activeElement && document.activeElement.matches('.dc-offline__start')")
        start = page.locator(".dc-offline__start").bounding_box()
        assert start["y"] >= 0 and start["y"] + start["height"] <= HEIGHT, f"{address}: the save control is off screen"
    page.close()


def test_without_javascript_nothing_needing_it_is_shown(served, chromium):
    base, site = served
    context = chromium.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    for _, prefix in LANGUAGES:
        page.goto(base + guides_of(site, prefix)[0], wait_until="load")
        for needs_script in (".dc-offline-entry", ".dc-offline__save", ".dc-share__copy", ".dc-share__native"):
            assert not page.locator(needs_script).is_visible(), f"{page.url}: {needs_script} shows without JavaScript"
        # The share menu still opens, with the WhatsApp link
        page.locator(".dc-share__menu > summary").click()
        assert page.locator(".dc-share__whatsapp").is_visible(), page.url
    context.close()


# What is on the first screen: each visible element's place, to compare after the scripts ran
FIRST_SCREEN_PLACES = """() => {
  const SEEN = {opacityProperty: true, visibilityProperty: true};
  window.__places = [];
  for (const el of document.querySelectorAll('.md-header *, .md-content *')) {
    const r = el.getBoundingClientRect();
    // Not seen (menus kept at opacity 0 until opened) cannot be seen moving
    if (!r.width || !r.height || r.top >= innerHeight || r.bottom <= 0 || !el.checkVisibility(SEEN)) continue;
    window.__places.push([el, r.left, r.top]);
  }
  return window.__places.length;
}"""
MOVED = """() => window.__places.filter(([el, left, top]) => el.checkVisibility({opacityProperty: true, visibilityProperty: true})
    && (Math.abs(el.getBoundingClientRect().left - left) > 1 || Math.abs(el.getBoundingClientRect().top - top) > 1))
  .map(([el, left, top]) => `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}"`
    + ` from ${Math.round(left)},${Math.round(top)} to ${Math.round(el.getBoundingClientRect().left)},${Math.round(el.getBoundingClientRect().top)}`)"""


@pytest.mark.parametrize("lang, prefix", LANGUAGES, ids=LANGUAGE_IDS)
def test_nothing_moves_once_the_text_is_on_screen(served, phone, lang, prefix):
    """On a slow phone the scripts run after the text is painted: hold them
    until then, as a 2G connection would, and see what moves when they run."""
    base, site = served
    page = phone.new_page()
    # Shifts of the layout that no tap or key caused, as the weight measure records them
    page.add_init_script(weight.OBSERVERS)
    held = []
    page.route("**/*.js", lambda route: held.append(route))
    problems = []
    for address in [prefix, *guides_of(site, prefix)]:
        held.clear()
        page.goto(base + address, wait_until="commit")
        page.wait_for_function(
            "() => document.querySelector('.md-content h1')"
            " && performance.getEntriesByType('paint').some(paint => paint.name === 'first-contentful-paint')"
        )
        frames(page)
        assert held, f"{address}: no script was held"
        assert page.evaluate(FIRST_SCREEN_PLACES)
        while held:
            held.pop().continue_()
        page.wait_for_load_state("load")
        page.wait_for_function("() => document.querySelector('[data-dc-share]').dataset.ready")
        frames(page)
        problems += [f"{address}: {moved}" for moved in page.evaluate(MOVED)]
        shift = page.evaluate("window.__dc.shift")
        if shift >= 0.1:
            problems.append(f"{address}: cumulative layout shift {shift:.3f}")
    page.close()
    assert not problems, f"moved after the text was on screen ({WIDTH}x{HEIGHT}):\n" + "\n".join(problems)


# Horizontal overflow at the phone's width: elements wider than the screen
# (unless inside a box that scrolls, as Material's tables), and text cut off
# by a box with overflow hidden or clip (an ellipsis is a deliberate cut)
SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth;
  const name = el => {
    const classes = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${classes} "${el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 50)}"`;
  };
  const scrollsInside = el => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (/auto|scroll/.test(getComputedStyle(box).overflowX)) return true;
    }
    return false;
  };
  const shown = el => {
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > 0 && r.left < width;
  };
  const problems = [];
  const wide = [...document.body.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().right > width + 0.5 && shown(el) && !scrollsInside(el));
  for (const el of wide) if (!wide.some(inner => inner !== el && el.contains(inner))) problems.push('wider than the screen: ' + name(el));
  if (document.documentElement.scrollWidth > width || innerWidth > width) {
    problems.push(`the page is ${Math.max(document.documentElement.scrollWidth, innerWidth)} px wide`);
  }
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (!/hidden|clip/.test(style.overflowX) || style.textOverflow === 'ellipsis') continue;
    if (el.scrollWidth <= el.clientWidth + 1 || !el.textContent.trim() || !shown(el)) continue;
    problems.push(`text cut off: ${name(el)} (${el.scrollWidth} px in ${el.clientWidth} px)`);
  }
  return problems;
}"""


@pytest.mark.parametrize("lang, prefix", LANGUAGES, ids=LANGUAGE_IDS)
def test_no_page_scrolls_sideways_or_cuts_text_off(served, sweep, lang, prefix):
    _, site = served
    pages = pages_of(site, prefix)
    kinds = {"404.html", "resumen/"}  # the sweep must reach the pages outside the menu too
    assert all(any(address.endswith(kind) for address in pages) for kind in kinds), pages
    shown_on = sweep(prefix)
    assert list(shown_on) == pages
    problems = [f"{address}: {problem}" for address in pages for problem in shown_on[address][1]]
    assert not problems, f"at {WIDTH} px:\n" + "\n".join(problems)
