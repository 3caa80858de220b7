"""The language switcher keeps the reader on the same page (Chromium over the
served site). README.md, "Decisions", says why instant navigation stays off."""

import pytest

from site_pages import LANGUAGES

pytestmark = pytest.mark.server

GUIDE = "hogar/aguinaldo/"


def test_switcher_keeps_the_reader_on_the_same_guide(served, chromium):
    base, _ = served
    (default, root), *others = LANGUAGES
    sitemaps = {base + prefix + "sitemap.xml" for _, prefix in LANGUAGES}
    # Material rewrites clicks on language links with the sitemaps it fetches
    # for each language, in the order they arrive; when the default
    # language's arrives last it sends the reader to the other language's
    # home page. Make it arrive last every time: the switcher must not
    # depend on that race.
    held, arrived = [], set()
    context = chromium.new_context()
    page = context.new_page()
    page.route(base + root + "sitemap.xml", lambda route: held.append(route))
    page.on("requestfinished", lambda request: arrived.add(request.url))

    def settle():
        page.wait_for_load_state("load")
        while arrived < sitemaps - {base + root + "sitemap.xml"}:
            page.wait_for_timeout(50)
        while held:
            held.pop().continue_()
        page.wait_for_load_state("networkidle")
        arrived.clear()

    page.goto(base + root + GUIDE)
    settle()
    visited = []
    for tag, _ in [*others, (default, root)]:
        page.click(".md-header .md-select button")
        with page.expect_navigation():
            page.click(f".md-select__link[hreflang='{tag}']")
        settle()
        visited.append((page.url, page.evaluate("document.documentElement.lang")))
    context.close()
    assert visited == [(base + prefix + GUIDE, tag) for tag, prefix in [*others, (default, root)]]
