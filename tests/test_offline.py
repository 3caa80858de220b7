"""build_tools.reader.offline without MkDocs: links, what a language needs, the
download list, the service worker's version and the zip."""

import gzip
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from babel import Locale

from build_tools import deploy
from build_tools.errors import ContentError
from build_tools.i18n.locales import load_catalogs
from build_tools.reader import offline
from project import ROOT

SITE_URL = "https://example.org/"


@pytest.fixture(scope="module")
def catalogs():
    return load_catalogs(ROOT / "locales", ["es", "en", "nah"], "es")


@pytest.fixture
def languages(catalogs):
    return [
        offline.Language("es", "", "Español", Locale.parse("es_MX"), catalogs["es"]),
        offline.Language("en", "en", "English", Locale.parse("en_US"), catalogs["en"]),
        offline.Language("nah", "nah", "Náhuatl", Locale.parse("es_MX"), catalogs["nah"]),
    ]


def page(title: str, depth: int, links=(), search=True) -> str:
    """A page shaped like Material's, ``depth`` folders below the site root."""
    up = "../" * depth or "./"
    body = "".join(f'<a href="{href}">x</a>' for href in links)
    form = '<form class="md-search__form" name="search"></form>' if search else ""
    config = json.dumps({"base": up.rstrip("/") or ".", "search": f"{up}assets/javascripts/workers/search.12345678.min.js"})
    return (
        f'<!doctype html><html><head><title>{title} - Derechos Claros</title><link rel="canonical" href="https://example.org/x/">'
        f'<link rel="alternate" href="/en/" hreflang="en">'
        f'<link rel="icon" href="{up}assets/images/favicon.png">'
        f'<link rel="stylesheet" href="{up}assets/stylesheets/main.abcdef12.min.css">'
        f'</head><body>{form}<article class="md-content__inner md-typeset"><h1>{title}</h1>{body}</article>'
        f'<img src="{up}assets/images/logo.svg" alt="">'
        f'<script id="__config" type="application/json">{config}</script>'
        f'<script src="{up}assets/javascripts/bundle.abcdef12.min.js"></script></body></html>'
    )


def error_page(title: str, depth: int) -> str:
    """A 404 page: Material titles it with the site's name alone."""
    return page(title, depth).replace(f"<title>{title} - ", "<title>", 1)


def write(path: Path, text: str, gz: bytes | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if gz is not None:
        Path(f"{path}.gz").write_bytes(gz)


@pytest.fixture
def site(tmp_path) -> Path:
    """A small built site: Spanish at the root, English under en/, nah not built."""
    root = tmp_path / "site"
    write(root / "index.html", page("Inicio", 0, ["hogar/aguinaldo/", "en/"]), gz=b"x" * 300)
    write(root / "hogar/aguinaldo/index.html", page("El aguinaldo", 2, ["../../", "../salario/#revisar", "../../audio/a.mp3"]))
    write(root / "hogar/salario/index.html", page("Tu salario", 2, ["../aguinaldo/"]))
    write(root / "404.html", error_page("No existe", 0))
    write(root / "en/index.html", page("Home", 1, ["hogar/aguinaldo/", "../"]))
    write(root / "en/hogar/aguinaldo/index.html", page("The aguinaldo", 3, ["../../"]))
    write(root / "en/404.html", error_page("Not found", 1))
    write(root / "assets/stylesheets/main.abcdef12.min.css", 'a{background:url("../images/bg.svg")}b{c:url(data:image/png;base64,AA)}', gz=b"g" * 20)
    write(root / "assets/images/bg.svg", "<svg/>")
    write(root / "assets/images/favicon.png", "png")
    write(root / "assets/images/logo.svg", "<svg/>")
    write(root / "assets/javascripts/bundle.abcdef12.min.js", "b" * 1000)
    write(root / "assets/javascripts/workers/search.12345678.min.js", "w")
    write(root / "assets/javascripts/workers/search-stemmed.js", "s")
    write(root / "assets/javascripts/lunr/min/lunr.es.min.js", "es")
    write(root / "assets/javascripts/lunr/min/lunr.multi.min.js", "m")
    write(root / "assets/javascripts/lunr/min/lunr.stemmer.support.min.js", "s")
    write(root / "search/search_index.json", json.dumps({"config": {"lang": ["es", "en"]}, "docs": []}))
    write(root / "audio/a.mp3", "mp3")
    write(root / "sitemap.xml", "<urlset/>")
    return root


@pytest.fixture
def built(site) -> deploy.BuiltSite:
    return deploy.BuiltSite(site)


# Links

@pytest.mark.parametrize("page_path, url, expected", [
    ("hogar/aguinaldo/index.html", "../salario/", "hogar/salario/"),
    ("hogar/aguinaldo/index.html", "../salario/#revisar", "hogar/salario/"),
    ("hogar/aguinaldo/index.html", "../../", ""),
    ("hogar/aguinaldo/index.html", "..", "hogar/"),
    ("en/index.html", "../assets/x.css?v=1", "assets/x.css"),
    ("en/index.html", "/en/", "en/"),
    ("index.html", "/", ""),
    ("index.html", "#top", None),
    ("index.html", "https://example.org/", None),
    ("index.html", "mailto:a@example.org", None),
    ("index.html", "tel:+528001234567", None),
    ("index.html", "//cdn.example.org/x.js", None),
    ("index.html", "../../outside", None),
])
def test_resolve(page_path, url, expected):
    assert offline.resolve(page_path, url) == expected


def test_resolve_absolute_links_under_a_site_path():
    assert offline.resolve("index.html", "/sub/en/", "/sub/") == "en/"
    assert offline.resolve("index.html", "/other/", "/sub/") is None


def test_page_urls_are_folders_relative_to_the_language():
    assert offline.page_url("en/hogar/aguinaldo/index.html", "en") == "hogar/aguinaldo/"
    assert offline.page_url("en/index.html", "en") == "./"
    assert offline.page_url("index.html", "") == "./"
    assert offline.page_url("assets/x.css", "en") == "../assets/x.css"


# What a language needs

def test_language_files_default_language_leaves_out_other_languages_and_404(built, languages):
    pages, needed, search = offline.language_files(built, languages[0], ["en", "nah"])
    assert pages == ["hogar/aguinaldo/index.html", "hogar/salario/index.html", "index.html"]
    # Styles (and what they load), icon, image, script; not the mp3 link, not a data: URL
    assert needed == [
        "assets/images/bg.svg", "assets/images/favicon.png", "assets/images/logo.svg",
        "assets/javascripts/bundle.abcdef12.min.js", "assets/stylesheets/main.abcdef12.min.css",
    ]
    # Material's search: worker (and ours, which starts it), index and the stemmers for the index's es + en
    assert search == [
        "assets/javascripts/lunr/min/lunr.es.min.js", "assets/javascripts/lunr/min/lunr.multi.min.js",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
        "assets/javascripts/workers/search-stemmed.js",
        "assets/javascripts/workers/search.12345678.min.js", "search/search_index.json",
    ]


def test_language_files_of_a_language_in_its_folder(built, languages):
    pages, needed, _ = offline.language_files(built, languages[1], [])
    assert pages == ["en/hogar/aguinaldo/index.html", "en/index.html"]
    assert "assets/javascripts/bundle.abcdef12.min.js" in needed


def test_search_needs_follows_materials_rules():
    worker = "assets/javascripts/workers/search.1.min.js"
    assert offline.search_needs('{"config": {"lang": ["en"]}}', worker) == set()
    assert offline.search_needs('{"config": {"lang": ["es"]}}', worker) == {
        "assets/javascripts/lunr/min/lunr.es.min.js", "assets/javascripts/lunr/min/lunr.stemmer.support.min.js"}


def test_a_page_without_search_needs_no_search_files():
    _, search = offline.page_needs(page("x", 0, search=False), "index.html")
    assert search == set()


# Sizes and the download list

@pytest.mark.parametrize("size, locale, expected", [
    (399_843, "en_US", "400\u00a0kB"),
    (1_260_000, "en_US", "1.3\u00a0MB"),
    (1_260_000, "es_MX", "1.3\u00a0MB"),
    (12_600_000, "en_US", "13\u00a0MB"),
    (120, "es_MX", "1\u00a0kB"),
])
def test_format_size(size, locale, expected):
    assert offline.format_size(size, Locale.parse(locale)) == expected


def test_manifest_counts_gzip_bytes_where_the_server_has_them(built, languages):
    pages, needed, search = offline.language_files(built, languages[0], ["en", "nah"])
    data = offline.manifest(built, languages[0], pages, [*needed, *search], "v1")
    sizes = {f["url"]: f["bytes"] for f in data["files"]}
    assert sizes["./"] == 300  # index.html.gz
    assert sizes["assets/stylesheets/main.abcdef12.min.css"] == 20  # its .gz
    assert sizes["assets/javascripts/bundle.abcdef12.min.js"] == 1000  # no .gz: as is
    assert sizes["hogar/salario/"] == len(page("Tu salario", 2, ["../aguinaldo/"]).encode())
    assert data["bytes"] == sum(sizes.values())
    assert (data["pages"], data["version"], data["encoding"]) == (3, "v1", "gzip")
    size = offline.format_size(data["bytes"], Locale.parse("es_MX"))
    assert data["text"]["ask"] == f"Se guardan 3 páginas en este teléfono. Se descargan hasta {size}. ¿Quieres continuar?"
    assert data["text"]["done"] == "Listo: 3 páginas guardadas. Ya puedes leerlas sin internet en este teléfono."


def test_manifest_in_english_and_singular(site, built, languages):
    data = offline.manifest(built, languages[1], ["en/index.html"], [], "v1")
    assert data["files"] == [{"url": "./", "bytes": (site / "en/index.html").stat().st_size}]
    assert data["text"]["done"] == "Done: 1 page saved. You can now read it without internet on this phone."


def test_page_strings_date_in_the_readers_language(catalogs):
    import datetime as dt

    day = dt.date(2026, 11, 21)
    es = offline.page_strings(catalogs["es"], Locale.parse("es_MX"), day)
    en = offline.page_strings(catalogs["en"], Locale.parse("en_US"), day)
    assert es["updated"] == "Esta información es del 21 de noviembre de 2026."
    assert en["updated"] == "This information is from November 21, 2026."
    assert en["save"] == "Save to read without internet"
    # nah has no strings of its own: Spanish, key by key
    assert offline.page_strings(catalogs["nah"], Locale.parse("es_MX"), day)["save"] == es["save"]


# The service worker's version

def test_build_id_follows_the_pages_and_ignores_its_own_outputs(site):
    first = offline.build_id(deploy.BuiltSite(site))
    assert first == offline.build_id(deploy.BuiltSite(site))
    (site / "sw.js").write_text("x")
    (site / "en/offline.json").write_text("{}")
    (site / "derechos-claros-es.zip").write_bytes(b"zip")
    (site / "hogar/salario/index.html.gz").write_bytes(gzip.compress(b"y"))
    (site / ".csp.conf").write_text("csp")
    assert offline.build_id(deploy.BuiltSite(site)) == first
    (site / "hogar/salario/index.html").write_text("changed", encoding="utf-8")
    assert offline.build_id(deploy.BuiltSite(site)) != first


def test_worker_script_carries_the_version():
    script = offline.worker_script("abc123")
    assert 'const VERSION="abc123";' in script
    assert offline.worker_script("abc123", ["nah", "en"]).count('const LANGUAGES=["en","nah"];') == 1
    assert offline.VERSION_PLACEHOLDER not in script
    assert "skipWaiting" in script and "caches.delete" in script
    # Without the source's comments and indentation (every first visit downloads it)
    source = offline.WORKER_SOURCE.read_text(encoding="utf-8")
    assert "// Derechos Claros' service worker" in source and "service worker" not in script
    assert "\n  " in source and "\n  " not in script


def worker_constant(script: str, name: str):
    """The value sw.js gives a constant written by the build (JSON)."""
    start = re.search(rf"\bconst {name}=", script).end()
    return json.JSONDecoder().raw_decode(script, start)[0]


def test_worker_script_carries_each_languages_not_saved_text(built, languages):
    texts = {lang.prefix: offline.not_saved_text(built, lang, ROOT / "overrides") for lang in languages[:2]}
    script = offline.worker_script("v1", ["en"], texts)
    assert worker_constant(script, "NOT_SAVED") == texts
    assert set(worker_constant(script, "NOT_SAVED")) == {"", "en"}
    # Written as is (every first visit downloads sw.js): no escapes, no spaces
    assert "Esta página no está guardada" in script and '{"":{"article":"<h1>Esta página' in script
    assert worker_constant(offline.worker_script("v1"), "NOT_SAVED") == {}


# The copy opened from a file

def test_rewrite_for_files_points_links_at_index_files():
    html = page("x", 2, ["../salario/#revisar", "../../", "../../en/", "https://dof.gob.mx/", "#top", "../../audio/a.mp3"])
    included = {"hogar/salario/index.html", "index.html", "assets/stylesheets/main.abcdef12.min.css"}
    out = offline.rewrite_for_files(html, "hogar/aguinaldo/index.html", included, SITE_URL)
    assert 'href="../salario/index.html#revisar"' in out
    assert 'href="../../index.html"' in out
    assert 'href="../../assets/stylesheets/main.abcdef12.min.css"' in out
    # Not in the copy: the page on the web
    assert 'href="https://example.org/en/"' in out
    assert 'href="https://example.org/audio/a.mp3"' in out
    assert 'href="https://dof.gob.mx/"' in out and 'href="#top"' in out
    # Nothing the page would fetch from the web by itself, and no search
    assert 'rel="alternate"' not in out
    assert 'name="search"' not in out and offline.NO_SEARCH + "</head>" in out
    assert 'rel="canonical" href="https://example.org/x/"' in out


def test_zip_is_reproducible_and_opens_at_the_language_home(built, languages):
    files = ["en/index.html", "en/hogar/aguinaldo/index.html", "assets/javascripts/bundle.abcdef12.min.js"]
    first = offline.zip_archive(built, languages[1], files, SITE_URL, 1_795_219_200)
    assert first == offline.zip_archive(built, languages[1], list(reversed(files)), SITE_URL, 1_795_219_200)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist() == [
            "derechos-claros-en/assets/javascripts/bundle.abcdef12.min.js",
            "derechos-claros-en/en/hogar/aguinaldo/index.html",
            "derechos-claros-en/en/index.html",
            "derechos-claros-en/index.html",
        ]
        assert {i.date_time for i in archive.infolist()} == {(2026, 11, 21, 0, 0, 0)}
        assert "url=en/index.html" in archive.read("derechos-claros-en/index.html").decode()
        home = archive.read("derechos-claros-en/en/index.html").decode()
        assert 'href="hogar/aguinaldo/index.html"' in home and 'href="https://example.org/"' in home
        assert archive.read("derechos-claros-en/assets/javascripts/bundle.abcdef12.min.js") == b"b" * 1000


def test_an_event_handler_in_the_not_saved_template_stops_the_build_at_its_line(built, languages, tmp_path):
    """The worker shows this template's HTML: it gets the check of every page as written."""
    templates = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides" / "partials", templates / "partials")
    template = templates / offline.NOT_SAVED_TEMPLATE
    lines = template.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines) if "<p" in line)
    lines[number] = lines[number].replace("<p", '<p onclick="alert(1)"', 1)
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        offline.publish(built, languages, SITE_URL, 1_795_219_200, templates)
    assert [(p.line, "attributes that start with 'on'" in p.message) for p in error.value.problems] == [(number + 1, True)]
    assert error.value.problems[0].path.endswith("partials/not-saved.html")
    assert "sw.js" not in built  # nothing written


def test_zip_dates_before_1980_are_1980(built, languages):
    data = offline.zip_archive(built, languages[0], ["index.html"], SITE_URL, 0)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)
        assert archive.namelist() == ["derechos-claros-es/index.html"]


def test_publish_writes_every_built_language(site, built, languages):
    version = offline.build_id(built)
    written = offline.publish(built, languages, SITE_URL, 1_795_219_200, ROOT / "overrides")
    assert written == ["sw.js", "offline.json", "en/offline.json"]
    # What it wrote is on disk, and the site's files know it without reading it back
    for path in [*written, "en/derechos-claros-en.zip"]:
        assert built.bytes(path) == (site / path).read_bytes()
    assert offline.build_id(built) == version  # its own outputs do not change the version
    assert f'"{version}"' in (site / "sw.js").read_text(encoding="utf-8")
    es = json.loads((site / "offline.json").read_text(encoding="utf-8"))
    en = json.loads((site / "en/offline.json").read_text(encoding="utf-8"))
    assert es["version"] == en["version"] == version
    assert not (site / "nah").exists()  # nah was not built: nothing for it
    zip_path = site / "en/derechos-claros-en.zip"
    assert en["zip"] == {
        "url": "derechos-claros-en.zip",
        "bytes": zip_path.stat().st_size,
        "text": f"Copy to share from phone to phone (zip file, {offline.format_size(zip_path.stat().st_size, Locale.parse('en_US'))})",
    }
    with zipfile.ZipFile(zip_path) as archive:
        # The copy has no search: its files stay out
        assert not [n for n in archive.namelist() if "search" in n or "lunr" in n]
        assert "derechos-claros-en/assets/stylesheets/main.abcdef12.min.css" in archive.namelist()
    # The manifest lists the search files for the phone; the "not saved" page comes with sw.js
    urls = {f["url"] for f in en["files"]}
    assert {"../search/search_index.json", "../assets/javascripts/workers/search-stemmed.js"} <= urls
    assert es["pages"] == 3 and not [u for u in urls | {f["url"] for f in es["files"]} if "not-saved" in u]
    assert not list(site.rglob("not-saved.html*"))
    texts = worker_constant((site / "sw.js").read_text(encoding="utf-8"), "NOT_SAVED")
    assert set(texts) == {"", "en"}  # nah was not built
    assert texts["en"]["title"] == "This page is not saved - Derechos Claros"


@pytest.mark.parametrize("path, page_path", [
    ("hogar/salario/index.html", "hogar/aguinaldo/index.html"),
    ("index.html", "hogar/aguinaldo/index.html"),
    ("hogar/index.html", "hogar/aguinaldo/index.html"),
    ("en/index.html", "index.html"),
    ("assets/x.css", "en/hogar/aguinaldo/index.html"),
    ("hogar/hogar/index.html", "hogar/index.html"),
])
def test_relative_matches_posixpath(path, page_path):
    import posixpath

    assert offline.relative(path, page_path) == posixpath.relpath(path, posixpath.dirname(page_path) or ".")


# The page for a page that was not saved

def test_not_saved_text_in_the_readers_language(built, languages):
    text = offline.not_saved_text(built, languages[1], ROOT / "overrides")
    # The site's name from the language's 404 page
    assert text["title"] == "This page is not saved - Derechos Claros"
    assert (text["lang"], text["titleLang"]) == ("en", "en")
    assert text["article"] == (
        "<h1>This page is not saved</h1>\n"
        f"<p>{languages[1].catalog.t('offline.not_saved.text')}</p>\n"
        "<h2>Pages saved on this phone</h2>\n"
        '<p class="dc-not-saved__none">No pages in this language are saved yet.</p>\n'
        # Where the service worker lists the saved pages
        '<ul class="dc-not-saved__list"><!--dc-saved-pages--></ul>'
    )


def test_not_saved_text_marks_spanish_strings_on_another_languages_page(site, built, languages):
    write(site / "nah/index.html", page("Inicio", 1))
    write(site / "nah/404.html", error_page("No existe", 1))
    text = offline.not_saved_text(deploy.BuiltSite(site), languages[2], ROOT / "overrides")
    assert '<h1 lang="es">Esta página no está guardada</h1>' in text["article"]
    assert '<p class="dc-not-saved__none" lang="es">' in text["article"]
    assert (text["lang"], text["titleLang"]) == ("nah", "es")
    # Spanish's own text has no marks
    assert " lang=" not in offline.not_saved_text(built, languages[0], ROOT / "overrides")["article"]


def test_not_saved_text_escapes_its_strings(built, languages, catalogs, monkeypatch):
    monkeypatch.setitem(catalogs["en"].strings["site"], "offline.not_saved.title", "Not <b>saved</b> & gone")
    text = offline.not_saved_text(built, languages[1], ROOT / "overrides")
    assert text["title"] == "Not &lt;b&gt;saved&lt;/b&gt; &amp; gone - Derechos Claros"
    assert text["article"].startswith("<h1>Not &lt;b&gt;saved&lt;/b&gt; &amp; gone</h1>")


def test_not_saved_text_needs_the_languages_404_title(site, languages):
    (site / "en/404.html").write_text("<html><body><h1>Not found</h1></body></html>", encoding="utf-8")
    with pytest.raises(ValueError, match=r"en/404.html: no <title>"):
        offline.not_saved_text(deploy.BuiltSite(site), languages[1], ROOT / "overrides")
