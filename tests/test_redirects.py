"""Moved pages: checking redirects.yml (unit) and the pages the build writes."""

import re
import urllib.error
import urllib.request
from types import SimpleNamespace

import jinja2
import pytest

from browser import require
from build_tools.errors import ContentError
from build_tools.reader.redirects import Redirect, language_pages, link, load_redirects, nginx_conf, normalise
from build_tools.tooling import nginx
from project import MOVED, MOVED_TO, PREFIXES, PUBLIC_URL, run_build


@pytest.fixture
def docs(tmp_path):
    for page in ("index.md", "hogar/index.md", "hogar/aguinaldo.md", "hogar/salario.md"):
        path = tmp_path / "docs/es" / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# x\n", encoding="utf-8")
    return tmp_path


def load(docs, text):
    path = docs / "redirects.yml"
    path.write_text(text, encoding="utf-8")
    return load_redirects(path, docs / "docs", "es", docs)


def problems(docs, text):
    with pytest.raises(ContentError) as error:
        load(docs, text)
    return [(p.path, p.line, p.message) for p in error.value.problems]


def test_addresses_are_normalised():
    assert normalise("/hogar/aguinaldo") == "hogar/aguinaldo/"
    assert normalise("hogar//aguinaldo/") == "hogar/aguinaldo/"
    assert normalise("/") == ""
    for bad in ("", "hogar/aguinaldo.md", "https://x.mx/a/", "a/../b/", "a/#x", "a b/"):
        assert normalise(bad) is None, bad


def test_a_valid_list(docs):
    text = "# moved\nhogar/pago-extra/: hogar/aguinaldo/\n/viejo: /\nhogar/sueldo: hogar/salario\n"
    assert load(docs, text) == [
        Redirect("hogar/pago-extra/", "hogar/aguinaldo/", 2),
        Redirect("viejo/", "", 3),
        Redirect("hogar/sueldo/", "hogar/salario/", 4),
    ]


def test_no_file_or_an_empty_one_means_no_redirects(docs):
    assert load_redirects(docs / "missing.yml", docs / "docs", "es") == []
    assert load(docs, "# nothing moved yet\n") == []


def test_target_must_exist(docs):
    assert problems(docs, "a/: hogar/no-existe/\n") == [
        ("redirects.yml", 1, "there is no page at 'hogar/no-existe/' (no docs/es/hogar/no-existe.md)"),
    ]


def test_old_address_must_not_be_a_page(docs):
    [(_, line, message)] = problems(docs, "x: hogar/salario/\nhogar/aguinaldo/: hogar/salario/\n")
    assert line == 2 and "'hogar/aguinaldo/' is still a page" in message


def test_chains_and_loops_are_refused(docs):
    chain = problems(docs, "a/: b/\nb/: hogar/aguinaldo/\n")
    assert chain == [("redirects.yml", 1, "'b/' is itself redirected to 'hogar/aguinaldo/' (line 2); point straight to the final page")]
    loop = problems(docs, "a/: b/\nb/: a/\n")
    assert [line for _, line, _ in loop] == [1, 2]
    assert all("is itself redirected" in message for _, _, message in loop)
    assert "redirects to itself" in problems(docs, "a/: a\n")[0][2]


def test_bad_entries_name_their_line(docs):
    found = problems(docs, "ok/: hogar/aguinaldo/\nhogar/x.md: hogar/aguinaldo/\ny/: [a, b]\n")
    assert [(line, message[:30]) for _, line, message in found] == [
        (2, "'hogar/x.md' is not a page add"),
        (3, "both addresses must be text, l"),
    ]
    assert problems(docs, "- a\n- b\n")[0][:2] == ("redirects.yml", 1)
    # Two lines for one old address (the same key twice is a YAML error)
    assert problems(docs, "a/: hogar/aguinaldo/\n/a: hogar/salario/\n")[0][1:] == (2, "'/a' is already redirected on line 1")
    assert problems(docs, "a/: hogar/aguinaldo/\na/: hogar/salario/\n")[0][1] == 2


def test_links_stay_in_the_language():
    redirect = Redirect("hogar/pago-extra/", "hogar/aguinaldo/", 1)
    assert link(redirect, "") == "../aguinaldo/"
    assert link(redirect, "nah") == "../aguinaldo/"
    assert link(Redirect("viejo/", "", 1), "en") == "../"
    conf = nginx_conf([redirect], ["", "en"])
    assert "location = /hogar/pago-extra/ { return 301 /hogar/aguinaldo/; }" in conf
    assert "location = /en/hogar/pago-extra/ { return 301 /en/hogar/aguinaldo/; }" in conf


def test_each_language_checks_its_own_pages_and_renders_the_old_addresses():
    template = jinja2.Environment().from_string("{{ lang }} {{ title }} {{ href }} {{ canonical }}")
    catalog = SimpleNamespace(t=lambda key: key)
    moved = [Redirect("hogar/pago-extra/", "hogar/aguinaldo/", 1)]
    pages = language_pages(moved, {"en/hogar/aguinaldo/": "Aguinaldo"}, "en", "en", "redirects.yml", template, catalog, "https://x.org/")
    assert pages == {"en/hogar/pago-extra/": "en Aguinaldo ../aguinaldo/ https://x.org/en/hogar/aguinaldo/"}
    with pytest.raises(ContentError) as error:
        language_pages(moved, {"nah/hogar/pago-extra/": "Viejo"}, "nah", "nah", "redirects.yml", template, catalog, None)
    assert [str(p) for p in error.value.problems] == [
        "redirects.yml:1: (language: nah) 'hogar/pago-extra/' is still a page; remove it, or remove this redirect",
    ]
    with pytest.raises(ContentError, match=r"redirects.yml:1: \(language: es\) there is no page at 'hogar/aguinaldo/'"):
        language_pages(moved, {}, "", "es", "redirects.yml", template, catalog, None)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# The build, in a copy of the project (no page has moved yet)
# English has its own page; the other languages show the Spanish one
TITLES = {lang: "The aguinaldo" if lang == "en" else "El aguinaldo" for lang in PREFIXES}


@pytest.mark.build
def test_old_addresses_lead_to_the_new_page_in_every_language(public_site):
    # MOVED_TO moved from MOVED. The canonical link needs the public address
    # (tests/test_shared_links.py: without it, none)
    site, _ = public_site
    for lang, prefix in PREFIXES.items():
        html = (site / prefix / MOVED / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html
        assert '<meta http-equiv="refresh" content="0; url=../aguinaldo/">' in html
        assert f'<link rel="canonical" href="{PUBLIC_URL}{prefix}{MOVED_TO}">' in html
        # The page's title, marked Spanish where the language has no translation of it
        title = TITLES[lang] if lang in ("es", "en") else f'<span lang="es">{TITLES[lang]}</span>'
        assert f'<a href="../aguinaldo/">{title}</a>' in html
        assert "<script" not in html
        # The target is the same page, in the same language
        target = site / prefix / MOVED_TO / "index.html"
        assert f'<html lang="{lang}"' in target.read_text(encoding="utf-8")
    assert "Ahora está aquí:" in (site / MOVED / "index.html").read_text(encoding="utf-8")
    assert "It is now here:" in (site / "en" / MOVED / "index.html").read_text(encoding="utf-8")
    conf = (site / ".redirects.conf").read_text(encoding="utf-8")
    assert len(re.findall(r"return 301", conf)) == len(PREFIXES)
    # Behind nginx the same addresses answer with a permanent redirect
    require(*nginx.REQUIRED)
    with nginx.serve(site) as base:
        for prefix in PREFIXES.values():
            request = urllib.request.Request(f"{base}/{prefix}{MOVED}", method="HEAD")
            with pytest.raises(urllib.error.HTTPError) as answer:
                urllib.request.build_opener(NoRedirect).open(request, timeout=10)
            assert answer.value.code == 301
            assert answer.value.headers["Location"].endswith(f"/{prefix}{MOVED_TO}")


@pytest.mark.build
def test_a_redirect_to_a_missing_page_stops_the_build(project_copy, tmp_path):
    (project_copy / "redirects.yml").write_text("# moved\nhogar/viejo/: hogar/nuevo/\n", encoding="utf-8")
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "redirects.yml:2: there is no page at 'hogar/nuevo/'" in result.stdout + result.stderr


@pytest.mark.build
def test_an_old_address_that_is_a_page_in_one_language_stops_the_build(project_copy, tmp_path):
    (project_copy / "redirects.yml").write_text("hogar/solo-ingles/: hogar/aguinaldo/\n", encoding="utf-8")
    (project_copy / "docs/en/hogar/solo-ingles.md").write_text("---\ntitle: Only English\n---\n\n# Only English\n\nText.\n", encoding="utf-8")
    # Each language's redirects are checked in its own build. A page at the
    # old address in one language only is a translation without a Spanish
    # page, which the page checks name first (the redirect check's own
    # message: test_each_language_checks_its_own_pages_and_renders_the_old_addresses)
    result = run_build(project_copy, tmp_path / "site", only_lang="en")
    assert result.returncode != 0
    assert "docs/en/hogar/solo-ingles.md: esta traducción no tiene página en español (docs/es/hogar/solo-ingles.md)" in result.stdout + result.stderr
