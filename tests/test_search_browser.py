"""Search per language in Chromium: each language searches its own pages,
stems only where lunr can, and nothing loads before the reader searches."""

import pytest

pytestmark = pytest.mark.server

PHONE = {"width": 360, "height": 740}


def search(chromium, base: str, path: str, query: str):
    """(result links, paths requested before opening the search, all paths
    requested, the words Material marks "Missing" under each result)."""
    context = chromium.new_context(viewport=PHONE)
    requested = []
    context.on("request", lambda r: requested.append(r.url.removeprefix(base)))
    try:
        page = context.new_page()
        page.goto(base + path, wait_until="networkidle")
        before = list(requested)
        page.click("header label[for=__search]")
        # Material shows its placeholder once the worker has the index
        placeholder = page.evaluate("JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']")
        page.wait_for_function("text => document.querySelector('.md-search-result__meta').textContent.trim() === text", arg=placeholder)
        page.keyboard.type(query)
        # Results change as each letter is typed: read them once they settle
        read = """() => [
          document.querySelector('.md-search-result__meta').textContent,
          [...document.querySelectorAll('.md-search-result__item a')].map(a => a.href),
          [...document.querySelectorAll('.md-search-result__item a')].map(a => [...a.querySelectorAll('.md-search-result__terms del')].map(d => d.textContent)),
        ]"""
        last = None
        for _ in range(40):
            page.wait_for_load_state("networkidle")
            current = page.evaluate(read)
            if current == last and current[0].strip() != placeholder:
                break
            last = current
            page.wait_for_timeout(250)
        links, missing = last[1], last[2]
        return [link.removeprefix(base) for link in links], before, list(requested), missing
    finally:
        context.close()


def test_nothing_of_the_search_loads_before_the_reader_opens_it(served, chromium):
    base, _ = served
    _, before, after, _ = search(chromium, base, "/en/hogar/aguinaldo/", "bonus")
    assert not [p for p in before if "search_index" in p or "/workers/" in p or "/lunr/" in p or "sitemap" in p]
    assert "/en/search/search_index.json" in after and "/search/search_index.json" not in after


def test_english_search_returns_only_english_pages_and_stems(served, chromium):
    base, _ = served
    # "dismisses" is in no English page; its stem is ("dismissed", "dismissal")
    links, _, requested, _ = search(chromium, base, "/en/hogar/aguinaldo/", "dismisses")
    assert links and all(link.startswith("/en/") for link in links)
    assert "/en/hogar/despido/" in links
    assert not [p for p in requested if "/lunr/" in p]  # English stems with lunr itself


def test_spanish_search_stems_with_the_spanish_stemmer(served, chromium):
    base, _ = served
    # "pagarán" is in no page; "pagan", "pago", "pagaron" share its stem
    links, _, requested, _ = search(chromium, base, "/hogar/aguinaldo/", "pagarán")
    assert links and not [link for link in links if link.startswith(("/en/", "/nah/", "/tzo/", "/mix/"))]
    assert "/assets/javascripts/lunr/min/lunr.es.min.js" in requested


@pytest.mark.parametrize("lang", ["nah", "tzo", "mix"])
def test_languages_without_a_stemmer_load_none_and_search_their_pages(served, chromium, lang):
    base, _ = served
    links, _, requested, _ = search(chromium, base, f"/{lang}/hogar/aguinaldo/", "aguinaldo")
    assert links and all(link.startswith(f"/{lang}/") for link in links)
    assert f"/{lang}/hogar/aguinaldo/" in links
    assert not [p for p in requested if "/lunr/" in p]
    # Without a stemmer, a form that is in no page finds nothing
    none, _, _, _ = search(chromium, base, f"/{lang}/hogar/aguinaldo/", "pagarán")
    assert none == []


# The words readers use for their problem (front matter search_words)
# Where domestic and factory work each have a guide on the problem, either
# may come first; the test below wants both among the first results
DISMISSAL = ("/hogar/despido/", "/fabrica/despido/")
PAY = ("/hogar/salario/", "/fabrica/pago/")
EVERYDAY_WORDS = [
    ("/hogar/aguinaldo/", "me corrieron", DISMISSAL),
    ("/hogar/aguinaldo/", "me despidieron", DISMISSAL),
    ("/hogar/aguinaldo/", "no me pagan", (*PAY, "/hogar/reclamar/")),
    ("/en/hogar/aguinaldo/", "fired", tuple("/en" + page for page in DISMISSAL)),
    ("/en/hogar/aguinaldo/", "laid off", tuple("/en" + page for page in DISMISSAL)),
    # A form in no page, found by its stem ("pag"): not marked missing either
    ("/hogar/aguinaldo/", "pagarán", PAY),
    # A language without its own words searches the Spanish page's
    ("/nah/hogar/aguinaldo/", "me corrieron", "/nah/hogar/despido/"),
]


@pytest.mark.parametrize("path, query, expected", EVERYDAY_WORDS)
def test_everyday_words_find_their_guide_first_with_nothing_missing(served, chromium, path, query, expected):
    base, _ = served
    links, _, _, missing = search(chromium, base, path, query)
    assert links, query
    pages = list(dict.fromkeys(link.split("#")[0] for link in links))
    expected = (expected,) if isinstance(expected, str) else expected
    assert pages[0] in expected, (query, links[:5])
    # The domestic and the factory guide on the same problem: both near the top
    guides = [page for page in expected if page.removeprefix("/en") in DISMISSAL + PAY]
    assert all(page in pages[:3] for page in guides), (query, pages[:5])
    # Every word of the query was found: Material strikes none through
    assert missing[0] == [], (query, missing[0])


def test_pages_for_contributors_come_after_every_guide(served, chromium):
    """"traducir" and "inglés" are words of the contributors' pages, and of
    the home page too: the pages for readers come first."""
    base, _ = served
    for query in ("traducir", "inglés"):
        links, _, _, _ = search(chromium, base, "/hogar/aguinaldo/", query)
        kinds = ["participa" if link.startswith("/participa/") else "reader" for link in links]
        assert "reader" in kinds and "participa" in kinds, (query, links)
        assert kinds == sorted(kinds, key=lambda kind: kind == "participa"), (query, links)
