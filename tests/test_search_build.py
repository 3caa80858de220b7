"""One search index per language, in the real build."""

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from project import PREFIXES, ROOT

pytestmark = pytest.mark.build



def index(site: Path, prefix: str) -> dict:
    return json.loads((site / prefix / "search/search_index.json").read_text(encoding="utf-8"))


def pages_of(site: Path, prefix: str) -> set[str]:
    """The language's pages, from the HTML files in its folder (others' folders
    excluded). A sheet the build writes beside a page (a guide's printable
    summary, a redirect) is not a page of its own, nor searched: it has no
    Material article, and with SITE_URL its canonical address is the page's."""
    folder = site / prefix
    others = [site / p for p in PREFIXES.values() if p and p != prefix]
    found = set()
    for html in folder.rglob("index.html"):
        if any(html.is_relative_to(other) for other in others) or html.is_relative_to(site / "assets"):
            continue
        text = html.read_text(encoding="utf-8")
        if '<article class="md-content__inner' not in text:
            continue
        own = "/" + html.parent.relative_to(site).as_posix() + "/" if html.parent != site else "/"
        canonical = re.search(r'<link rel="canonical" href="([^"]*)"', text)
        if canonical and urlsplit(canonical.group(1)).path != own:
            continue
        found.add(html.parent.relative_to(folder).as_posix().removeprefix(".") + "/" if html.parent != folder else "")
    return {p.lstrip("/") for p in found}


@pytest.mark.parametrize("lang, prefix", PREFIXES.items())
def test_each_language_indexes_exactly_its_own_pages(built_site, lang, prefix):
    docs = index(built_site, prefix)["docs"]
    indexed = {d["location"].split("#")[0] for d in docs}
    assert indexed == pages_of(built_site, prefix)
    # Locations are relative to the language's root, where the page lives
    for location in indexed:
        assert (built_site / prefix / location / "index.html").is_file(), location


def test_english_index_has_no_spanish_only_text_and_fallbacks_keep_spanish(built_site):
    spanish = "Muéstrale esta página: tal vez no conoce la ley"
    english = (ROOT / "docs/en/hogar/aguinaldo.md").read_text(encoding="utf-8")
    assert spanish not in english
    texts = {lang: json.dumps(index(built_site, prefix), ensure_ascii=False) for lang, prefix in PREFIXES.items()}
    assert spanish in texts["es"] and spanish not in texts["en"]
    # nah, tzo and mix have no translation of this guide: its Spanish page falls back
    assert all(spanish in texts[lang] for lang in ("nah", "tzo", "mix"))
    # (the Spanish glossary page lists "year-end bonus" as the English term: a longer phrase)
    english_only = "is an extra payment you get every year"
    assert english_only in texts["en"] and english_only not in texts["es"]


def test_stemmers_only_for_spanish_and_english(built_site):
    expected = {
        "es": (["es"], True), "en": (["en"], True),
        # No lunr file for these: English alone loads none, and no step runs
        "nah": (["en"], False), "tzo": (["en"], False), "mix": (["en"], False),
    }
    for lang, prefix in PREFIXES.items():
        config = index(built_site, prefix)["config"]
        assert (config["lang"], "stemmer" in config["pipeline"]) == expected[lang], lang
        if not expected[lang][1]:
            assert config["pipeline"] == []
        for code in config["lang"]:
            assert code == "en" or (built_site / f"assets/javascripts/lunr/min/lunr.{code}.min.js").is_file()


@pytest.mark.parametrize("lang, prefix", PREFIXES.items())
def test_pages_fetch_the_index_of_their_language(built_site, lang, prefix):
    for url in ("", "hogar/aguinaldo/", "404.html"):
        path = built_site / prefix / (url if url.endswith(".html") else url + "index.html")
        html = path.read_text(encoding="utf-8")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html).group(1))
        page_url = "/" + prefix + url
        assert urljoin(urljoin(page_url, config["base"]), "search/search_index.json") == f"/{prefix}search/search_index.json"
