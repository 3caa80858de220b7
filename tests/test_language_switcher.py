"""Links into another language go where they say (Chromium over the served
site): the language switcher keeps the reader on the same page. README.md,
"Decisions", says why instant navigation stays off."""

import pytest

from site_pages import LANGUAGES

pytestmark = pytest.mark.server

GUIDE = "hogar/aguinaldo/"
(DEFAULT, ROOT), *OTHERS = LANGUAGES


@pytest.fixture
def page(served, chromium):
    """A page on which the default language's sitemap always arrives last.

    Material rewrites clicks on links into other languages with the sitemaps
    it fetches for each <link rel="alternate"> in <head>, in the order they
    arrive; when the default language's arrives last it replaces the link's
    path. Our pages have no such links today (see build_tools/i18n), but our
    links must not depend on that race: if Material fetches sitemaps again,
    the test makes the race go the bad way every time.
    """
    base, _ = served
    default_sitemap = base + ROOT + "sitemap.xml"
    others = {base + prefix + "sitemap.xml" for _, prefix in OTHERS}
    held, requested, arrived = [], set(), set()
    context = chromium.new_context()
    page = context.new_page()
    page.route(default_sitemap, lambda route: held.append(route))
    page.on("request", lambda request: requested.add(request.url))
    page.on("requestfinished", lambda request: arrived.add(request.url))

    def wait_for(condition, what):
        for _ in range(200):
            if condition():
                return
            page.wait_for_timeout(50)
        raise AssertionError(f"{page.url}: {what} never arrived")

    def settle():
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)  # Material's start-up requests
        wait_for(lambda: arrived >= (requested & others), "the other languages' sitemaps")
        if held:
            page.wait_for_timeout(200)  # Material reads them
            held.pop().continue_()
            wait_for(lambda: default_sitemap in arrived, "the default language's sitemap")
            page.wait_for_timeout(200)
        requested.clear()
        arrived.clear()

    page.settle = settle
    yield page
    context.close()


def test_switcher_keeps_the_reader_on_the_same_guide(served, page):
    base, _ = served
    page.goto(base + ROOT + GUIDE)
    page.settle()
    visited = []
    for tag, _ in [*OTHERS, (DEFAULT, ROOT)]:
        page.click(".md-header .md-select button")
        with page.expect_navigation():
            page.click(f".md-select__link[hreflang='{tag}']")
        page.settle()
        visited.append((page.url, page.evaluate("document.documentElement.lang")))
    assert visited == [(base + prefix + GUIDE, tag) for tag, prefix in [*OTHERS, (DEFAULT, ROOT)]]


def test_status_table_links_into_other_languages(served, page):
    base, _ = served
    tag, prefix = OTHERS[0]
    page.goto(base + ROOT + "participa/traducciones/")
    page.settle()
    with page.expect_navigation():
        page.click(f"table.dc-status a[href$='{prefix}{GUIDE}']")
    page.settle()
    assert (page.url, page.evaluate("document.documentElement.lang")) == (base + prefix + GUIDE, tag)
