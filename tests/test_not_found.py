"""Each language's 404 page: in the reader's language (Spanish strings marked
as Spanish where a language lacks them), with links to the language's home,
help page and search that work at any depth of a missing address."""

from html.parser import HTMLParser

import pytest
from mkdocs.config import load_config

from build_tools.i18n.locales import load_catalogs
from build_tools.pipeline.site import i18n_plugin
from project import LANGUAGES, PREFIXES, ROOT, SOURCE_LANG, copy_project, run_build

TAGS = [tag for tag, _ in LANGUAGES]


def catalogs():
    i18n = i18n_plugin(load_config(str(ROOT / "mkdocs.yml")))
    fallbacks = {tag: list(i18n.get_language_config(tag).fallback or []) for tag in TAGS}
    return load_catalogs(ROOT / "locales", TAGS, SOURCE_LANG, ROOT, fallbacks=fallbacks)


class _Article(HTMLParser):
    """The article's heading, paragraphs and links, each text with its nearest lang."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.langs, self.inside, self.link = [], False, None
        self.texts: list[tuple[str, str]] = []  # (text, lang)
        self.links: list[tuple[str, str]] = []  # (href, text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.langs = [attrs["lang"]]
            return
        self.inside = self.inside or tag == "article"
        if self.inside and tag not in ("br", "img", "input", "meta", "link"):
            self.langs.append(attrs.get("lang") or self.langs[-1])
            if tag == "a":
                self.link = [attrs.get("href"), ""]

    def handle_endtag(self, tag):
        if self.inside:
            if tag == "article":
                self.inside = False
            if tag == "a" and self.link:
                self.links.append(tuple(self.link))
                self.link = None
            self.langs.pop()

    def handle_data(self, data):
        if self.inside and data.strip():
            self.texts.append((" ".join(data.split()), self.langs[-1]))
            if self.link:
                self.link[1] += data.strip()


def article(html: str) -> _Article:
    parser = _Article()
    parser.feed(html)
    return parser


@pytest.mark.build
def test_each_languages_404_speaks_its_language_and_links_to_its_home_help_and_search(built_site):
    for lang, catalog in catalogs().items():
        prefix = PREFIXES[lang]
        html = (built_site / prefix / "404.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
        assert "404 - Not found" not in html, lang
        found = article(html)
        for key in ("notfound.title", "notfound.body", "notfound.home", "notfound.help", "notfound.search"):
            # In the language, or in the fallback language that supplied it, marked so
            assert (catalog.t(key), catalog.lang_of(key)) in found.texts, (lang, key)
        root = "/" + prefix
        assert found.links == [
            (root, catalog.t("notfound.home")), (root + "ayuda/", catalog.t("notfound.help")), (root + "?q=", catalog.t("notfound.search")),
        ], lang
        assert (built_site / prefix / "ayuda/index.html").is_file() and (built_site / prefix / "index.html").is_file()
    # The languages without their own strings show Spanish, marked as Spanish
    nah = article((built_site / PREFIXES["nah"] / "404.html").read_text(encoding="utf-8"))
    assert ("Esta página no existe", "es") in nah.texts


@pytest.mark.build
def test_the_404_links_follow_a_site_that_is_not_at_the_servers_root(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    result = run_build(project, site, extra_env={"SITE_URL": "https://example.org/derechos/"}, only_lang="en")
    assert result.returncode == 0, result.stdout + result.stderr
    links = [href for href, _ in article((site / "en/404.html").read_text(encoding="utf-8")).links]
    assert links == ["/derechos/en/", "/derechos/en/ayuda/", "/derechos/en/?q="]


def link(page, text):
    return page.locator("article").get_by_role("link", name=text, exact=True)


@pytest.mark.server
@pytest.mark.parametrize("lang", TAGS)
def test_a_missing_page_answers_404_in_its_language_with_working_links(served, chromium, lang):
    base, _ = served
    catalog = catalogs()[lang]
    root = f"{base}/{PREFIXES[lang]}"
    context = chromium.new_context()
    csp = []
    page = context.new_page()
    page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        # Deep under the language's prefix: the links must not be relative to it
        response = page.goto(root + "no-existe/ni/esta/", wait_until="load")
        assert response.status == 404
        assert page.get_attribute("html", "lang") == lang
        assert page.inner_text("article h1").strip() == catalog.t("notfound.title")
        link(page, catalog.t("notfound.home")).click()
        page.wait_for_url(root)
        page.go_back()
        link(page, catalog.t("notfound.help")).click()
        page.wait_for_url(root + "ayuda/")
        assert page.get_attribute("html", "lang") == lang
        page.go_back()
        # The search link opens the search on the language's home page
        link(page, catalog.t("notfound.search")).click()
        page.wait_for_function("document.getElementById('__search').checked")
        assert page.url.startswith(root) and page.evaluate("document.activeElement.name") == "query"
        assert csp == []
    finally:
        context.close()
