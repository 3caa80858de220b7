"""Run the real MkDocs build and check what it writes."""

import datetime as dt
import hashlib
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from build_tools.errors import ContentError
from build_tools.facts import load_facts
from project import AS_OF, PREFIXES, ROOT, SOURCE_LANG, run_build, run_tools

pytestmark = pytest.mark.build

GUIDES = ("hogar/contrato/", "hogar/salario/", "hogar/aguinaldo/")


class Tags(HTMLParser):
    def __init__(self, text):
        super().__init__()
        self.tags = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag, **attrs):
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang,prefix", PREFIXES.items())
def test_html_lang_and_hreflang_in_every_language(built_site, lang, prefix):
    for url in ("", *GUIDES):
        html = page(built_site, prefix + url)
        assert f'<html lang="{lang}"' in html
        tags = Tags(html)
        # No hreflang links in <head>: Material would fetch a sitemap for each
        # one on every page load; the sitemaps list each page's alternates
        assert [a for a in tags.find("link", rel="alternate") if "hreflang" in a] == []
        sitemap = (built_site / prefix / "sitemap.xml").read_text(encoding="utf-8")
        entry = sitemap.split(f"/{prefix}{url}</loc>")[1].split("</url>")[0]
        alternates = {code: urlsplit(href).path for code, href in re.findall(r'hreflang="([^"]+)" href="([^"]*)"', entry)}
        assert alternates == {code: "/" + root + url for code, root in PREFIXES.items()}
        switcher = {a["hreflang"]: a["href"] for a in tags.find("a", **{"class": "md-select__link"})}
        assert set(switcher) == set(PREFIXES)


def test_language_switcher_leads_to_the_same_page(built_site):
    base = "http://site/nah/hogar/aguinaldo/"
    tags = Tags(page(built_site, "nah/hogar/aguinaldo/"))
    switcher = {a["hreflang"]: urlsplit(urljoin(base, a["href"])).path for a in tags.find("a", **{"class": "md-select__link"})}
    assert switcher == {code: f"/{root}hogar/aguinaldo/" for code, root in PREFIXES.items()}


def test_a_fact_renders_differently_in_spanish_and_english(built_site):
    spanish = page(built_site, "hogar/salario/")
    english = page(built_site, "en/hogar/salario/")
    assert "$315.04 al día" in spanish and "MX$315.04" not in spanish
    assert "MX$315.04 a day" in english
    assert "Fuentes de los datos de esta página" in spanish
    assert "Sources of the figures on this page" in english


def test_fallback_page_has_a_notice_and_spanish_text(built_site):
    html = page(built_site, "nah/hogar/aguinaldo/")
    assert "dc-notice--fallback" in html
    assert "Aún no hay versión en náhuatl" in html
    assert '<div lang="es">' in html


def test_untranslated_home_pages_say_so_and_are_never_called_a_translation(built_site):
    for prefix, name in (("nah/", "Náhuatl"), ("tzo/", "Tsotsil"), ("mix/", "Mixteco")):
        html = page(built_site, prefix)
        assert "dc-notice--fallback" in html
        assert "dc-notice--draft" not in html and "dc-notice--partial" not in html
        # How much of the language is there, in Spanish while nobody translated the line
        assert f'<p class="dc-coverage" lang="es">{name}: en preparación.' in html
        # The messages the scripts write later say they are Spanish
        assert '<p class="dc-offline__status" role="status" lang="es">' in html
        assert '<p class="dc-share__status" role="status" lang="es">' in page(built_site, prefix + "hogar/aguinaldo/")
    assert '<p class="dc-share__status" role="status">' in page(built_site, "en/hogar/aguinaldo/")
    assert "dc-notice" not in page(built_site, "en/hogar/salario/")
    assert "<p class=\"dc-coverage\"" not in page(built_site, "en/")
    assert "dc-notice" not in page(built_site, "")


def test_each_language_has_its_own_404_and_sitemap(built_site):
    for lang, prefix in PREFIXES.items():
        assert f'<html lang="{lang}"' in (built_site / prefix / "404.html").read_text(encoding="utf-8")
        sitemap = (built_site / prefix / "sitemap.xml").read_text(encoding="utf-8")
        locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
        assert locs and all(urlsplit(loc).path.startswith("/" + prefix) for loc in locs)
        assert 'hreflang="nah"' in sitemap


def _local_requests(site: Path, html_file: Path) -> set[str]:
    """Paths the browser fetches on load: assets, and Material's sitemap lookups."""
    url = "http://site/" + html_file.relative_to(site).as_posix()
    tags = Tags(html_file.read_text(encoding="utf-8"))
    wanted = [a["href"] for a in tags.find("link", rel="stylesheet")]
    wanted += [a["src"] for t, a in tags.tags if t in ("script", "img") and a.get("src")]
    # Material fetches sitemap.xml next to every <link rel="alternate">
    wanted += [urljoin(urljoin(url, a["href"]), "sitemap.xml") for a in tags.find("link", rel="alternate")]
    paths = set()
    for item in wanted:
        parts = urlsplit(urljoin(url, item))
        assert parts.netloc == "site", f"{html_file}: request to another host: {item}"
        paths.add(parts.path)
    return paths


def test_no_request_from_any_page_fails(built_site):
    requested = set()
    for html_file in built_site.rglob("*.html"):
        requested |= _local_requests(built_site, html_file)
    missing = sorted(p for p in requested if not (built_site / p.lstrip("/")).is_file())
    assert requested and missing == []


def test_search_loads_only_language_assets_that_exist(built_site):
    html = page(built_site, "")
    config = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    langs = re.search(r'"lang":\[([^\]]*)\]', config).group(1).replace('"', "").split(",")
    for lang in langs:
        if lang != "en":  # English is built into lunr itself
            assert (built_site / f"assets/javascripts/lunr/min/lunr.{lang}.min.js").is_file()
    assert "search" in html


# --- Failing builds: the message names the file and the line ---------------


def whole_file_draft(project: Path, lang: str = "nah", page: str = "index.md") -> Path:
    """A whole-file draft translation: at first a copy of the Spanish page."""
    target = project / "docs" / lang / page
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text((project / "docs/es" / page).read_text(encoding="utf-8"), encoding="utf-8")
    return target


def append_line(path: Path, line: str) -> int:
    """Add a line at the end of a file; return its line number."""
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + line + "\n"
    path.write_text(text, encoding="utf-8")
    return text.count("\n")


def failed_build(project: Path, tmp_path: Path, lang: str) -> str:
    """Build a broken project, in the language whose page is broken: it must
    fail, cleanly, and say why."""
    result = run_build(project, tmp_path / "site", only_lang=lang)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    return output


def test_broken_link_fails_naming_file_and_line(project_copy, tmp_path):
    line = append_line(project_copy / "docs/es/hogar/aguinaldo.md", "Mira [esto](no-existe.md).")
    output = failed_build(project_copy, tmp_path, "es")
    assert f"docs/es/hogar/aguinaldo.md:{line}: (language: es) the link 'no-existe.md'" in output


def test_missing_anchor_in_a_translation_fails_naming_language(project_copy, tmp_path):
    # A draft translation: parity differences only warn, the link check fails
    line = append_line(whole_file_draft(project_copy), "[X](hogar/salario.md#no-such-section)")
    output = failed_build(project_copy, tmp_path, "nah")
    assert f"docs/nah/index.md:{line}: (language: nah)" in output
    assert "'#no-such-section' that does not exist in docs/es/hogar/salario.md" in output


def test_unknown_fact_fails_naming_file_and_line(project_copy, tmp_path):
    line = append_line(project_copy / "docs/es/hogar/salario.md", "Ganas {{ salario_minimo.imaginario }}.")
    output = failed_build(project_copy, tmp_path, "es")
    assert f"docs/es/hogar/salario.md:{line}: unknown fact 'salario_minimo.imaginario'" in output


def test_malformed_fact_yaml_fails_naming_file_and_line(project_copy):
    # Read before any page: the loader says it (tests/test_bad_input.py runs such cases through the build)
    path = project_copy / "facts/plazos.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  type: years", "  type: [years", 1), encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        load_facts(project_copy / "facts", project_copy, SOURCE_LANG)
    assert re.search(r"facts/plazos\.yml:\d+: this YAML cannot be read", str(refused.value))


def _tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def test_failed_build_leaves_the_previous_site_in_place(deployed_site, project_copy):
    # The previous site: the deployed build of the same files
    shutil.copytree(deployed_site, project_copy / "site", symlinks=True)
    before = _tree_hash(project_copy / "site")
    (project_copy / "facts/plazos.yml").write_text("broken: [\n", encoding="utf-8")
    bad = run_tools(project_copy, "build", "--as-of", AS_OF.isoformat())
    assert bad.returncode != 0
    assert "site/ was left as it was" in bad.stderr
    assert _tree_hash(project_copy / "site") == before
    assert not list(project_copy.glob("site.building-*"))


def test_locales_command_prints_coverage():
    result = run_tools(ROOT, "locales")
    assert result.returncode == 0, result.stderr
    assert re.search(r"^nah\s+\d+\s+\d+\s+\d+%$", result.stdout, re.M)
    assert re.search(r"^es\s+(\d+)\s+\1\s+100%$", result.stdout, re.M)


def test_stale_facts_warn_and_strict_makes_them_an_error(project_copy, tmp_path):
    # Two years on, every fact's last_verified is older than a year. The facts
    # are checked once for the run, whichever languages it builds: Spanish alone
    later = dt.date(2028, 12, 1)
    warned = run_build(project_copy, tmp_path / "a", as_of=later, only_lang=SOURCE_LANG)
    assert warned.returncode == 0, warned.stderr
    assert "Facts need checking" in warned.stderr
    assert "facts/salarios.yml:4: fact 'salario_minimo.general' was last verified on 2026-11-29" in warned.stderr
    strict = run_build(project_copy, tmp_path / "b", as_of=later, extra_env={"DC_STRICT_FACTS": "true"}, only_lang=SOURCE_LANG)
    assert strict.returncode != 0
    assert "strict_facts is on" in strict.stdout + strict.stderr


def test_as_of_changes_the_rendered_value(project_copy, tmp_path):
    # Only the Spanish page is read
    result = run_build(project_copy, tmp_path / "site", as_of=dt.date(2025, 6, 1), only_lang=SOURCE_LANG)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site/hogar/salario/index.html").read_text(encoding="utf-8")
    assert "$303.07 al día" in html and "$342.47" not in html


def test_two_builds_of_the_same_commit_are_byte_identical(built_site, project_copy, tmp_path):
    # built_site is the same files, built in another folder on the same date.
    # This one builds over an earlier site, with files of its own: MkDocs'
    # rule, all go but the hidden ones (set aside and deleted during the build)
    shutil.copytree(built_site, tmp_path / "again")
    (tmp_path / "again" / "hogar" / "gone.html").write_text("old", encoding="utf-8")
    (tmp_path / "again" / ".kept").write_text("hidden", encoding="utf-8")
    again = run_build(project_copy, tmp_path / "again")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "again" / ".kept").read_text(encoding="utf-8") == "hidden"
    (tmp_path / "again" / ".kept").unlink()
    assert _tree_hash(tmp_path / "again") == _tree_hash(built_site)
    assert sorted(os.listdir(tmp_path)) == ["again", "project"]  # no folder of old files beside it


def test_every_external_link_has_noopener_noreferrer(built_site):
    external = 0
    for html_file in built_site.rglob("*.html"):
        for tag in re.findall(r'<a [^>]*href="https?://[^"]*"[^>]*>', html_file.read_text(encoding="utf-8")):
            external += 1
            rel = re.search(r'rel="([^"]*)"', tag)
            assert rel and {"noopener", "noreferrer"} <= set(rel.group(1).split()), f"{html_file}: {tag}"
    assert external > 0
    assert '<meta name="referrer" content="no-referrer">' in page(built_site, "")


def test_link_previews_are_in_the_page_language(built_site):
    spanish, english = page(built_site, "hogar/aguinaldo/"), page(built_site, "en/hogar/aguinaldo/")
    assert '<meta property="og:locale" content="es">' in spanish
    assert '<meta property="og:locale" content="en">' in english
    assert '<meta property="og:title" content="El aguinaldo">' in spanish
    assert '<meta property="og:title" content="The aguinaldo">' in english
    # og:url only with the public address (SITE_URL; tests/test_shared_links.py)
    site_url = os.environ.get("SITE_URL")
    assert (f'<meta property="og:url" content="{site_url}en/hogar/aguinaldo/">' in english) if site_url else "og:url" not in english
    assert '<meta name="twitter:card" content="summary">' in english
    description = re.search(r'<meta property="og:description" content="([^"]+)">', english).group(1)
    assert description and "aguinaldo" in description.lower()


def test_build_command_in_process_fails_cleanly_and_puts_everything_back(project_copy, monkeypatch, capsys):
    """`build` runs MkDocs inside the calling process: a build that fails in a later
    language leaves no staging folder, and the environment, MkDocs' logging
    and mkdocs.utils as they were (mkdocs-static-i18n patches both)."""
    import logging
    import os

    import material.templates  # noqa: F401  (sets NO_MKDOCS_2_WARNING when first imported)
    from mkdocs import utils

    from build_tools import __main__ as cli

    line = append_line(whole_file_draft(project_copy), "[X](hogar/salario.md#no-such-section)")
    monkeypatch.setattr(cli, "ROOT", project_copy)
    monkeypatch.chdir(project_copy)
    for name in ("SOURCE_DATE_EPOCH", "DC_AS_OF", "DC_STRICT_FACTS"):
        monkeypatch.delenv(name, raising=False)

    def outside():
        mkdocs_log = logging.getLogger("mkdocs")
        build_log = logging.getLogger("mkdocs.commands.build")
        return list(mkdocs_log.handlers), mkdocs_log.level, mkdocs_log.propagate, list(build_log.filters), utils.clean_directory

    environ, before = dict(os.environ), outside()
    assert cli.main(["build", "--as-of", "2026-11-21", "--strict"]) == 1
    output = capsys.readouterr()
    log = output.out + output.err
    assert "mkdocs_static_i18n: Building 'nah' documentation" in log
    assert f"docs/nah/index.md:{line}: (language: nah)" in log
    assert log.rstrip().endswith("The build failed; site/ was left as it was.")
    assert "Traceback" not in log
    assert not list(project_copy.glob("site*"))
    assert dict(os.environ) == environ
    assert outside() == before


class PrimaryMenu(HTMLParser):
    """The site menu of a page (Material's primary nav, without the table of
    contents it holds): (depth, text, href, lang) of each link, depth 1 the
    top level; lang is the nearest lang="" around or in the link."""

    ELEMENTS = ("nav", "ul", "li", "a", "span", "div", "label")
    # (kind is "section" for a menu section's <li>, "toc" for the contents)

    def __init__(self, html):
        super().__init__()
        self.items, self.open, self.link = [], [], None
        self.feed(html[html.index('md-nav--primary') - 200:html.index('md-sidebar--secondary')])

    def handle_starttag(self, tag, attrs):
        if tag not in self.ELEMENTS:
            return
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        kind = "toc" if "md-nav--secondary" in classes else "section" if "md-nav__item--nested" in classes else tag
        self.open.append((kind, attrs.get("lang")))
        kinds = [k for k, _ in self.open]
        if tag == "a" and "md-nav__link" in classes and "toc" not in kinds:
            self.link = {"depth": kinds.count("nav"), "href": attrs["href"], "text": "", "lang": self._lang(),
                         "section": kinds[-2] == "section"}

    def _lang(self):
        return next((lang for _, lang in reversed(self.open) if lang), None)

    def handle_endtag(self, tag):
        if tag not in self.ELEMENTS or not self.open:
            return
        if self.link is not None and tag == "span" and self.open[-1][1]:
            self.link["lang"] = self.open[-1][1]  # the link's text marked inside it
        self.open.pop()
        if tag == "a" and self.link is not None:
            self.link["text"] = " ".join(self.link["text"].split())
            self.items.append(self.link)
            self.link = None

    def handle_data(self, data):
        if self.link is not None:
            self.link["text"] += data


# Who the reader is first: domestic, farm and factory work; then employers,
# help, calculators and the pages for contributors
MENU_ORDER = ["hogar", "campo", "fabrica", "empleadores", "ayuda", "calculadoras", "revisa", "participa"]


@pytest.mark.parametrize("lang,prefix", PREFIXES.items())
def test_the_menu_is_ordered_by_who_reads_and_names_each_section_once_in_the_language(built_site, lang, prefix):
    home = PrimaryMenu(page(built_site, prefix))
    top = [item for item in home.items if item.get("depth") == 1]
    folders = [item["href"].strip("./").split("/")[0] for item in top if item["href"].strip("./")]
    assert folders == MENU_ORDER, [item["text"] for item in top]
    def title(language, folder):
        index = ROOT / "docs" / language / folder / "index.md"
        return re.search(r"^title: (.+)$", index.read_text(encoding="utf-8"), re.M).group(1) if index.exists() else None

    for item, folder in zip(top[1:], MENU_ORDER):
        spanish = title(SOURCE_LANG, folder)
        if lang == SOURCE_LANG:
            assert item["text"] == spanish and item["lang"] in (None, lang), item
        elif item["text"] == spanish:
            assert item["lang"] == SOURCE_LANG, (lang, item)  # Spanish, and marked so
        else:
            assert item["lang"] in (None, lang), (lang, item)
        # English names every section in English: its index page's title
        if lang == "en":
            assert item["text"] == title("en", folder), item
    # Each name once at the top; the help folder holds the help page and the
    # page of offices in each state, so it is a section like the guides'
    names = [item["text"] for item in top]
    assert len(names) == len(set(names)), names
    sections = {item["href"].strip("./").split("/")[0]: item["section"] for item in top[1:]}
    assert sections["ayuda"] is True and sections["hogar"] is True, sections
    inside = PrimaryMenu(page(built_site, prefix + "hogar/despido/"))
    texts = [item["text"] for item in inside.items if item.get("depth") in (1, 2)]
    assert len(texts) == len(set(texts)), sorted(t for t in texts if texts.count(t) > 1)
