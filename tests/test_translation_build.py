"""Translation workflow in the real build: outdated pages, parity, drafts, new languages."""

import re

import pytest

from project import copy_project, run_build, run_tools

pytestmark = pytest.mark.build


def html(site, url):
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_status_page_in_spanish_and_english(built_site):
    spanish = html(built_site, "participa/traducciones")
    english = html(built_site, "en/participa/traducciones")
    assert "<!-- translation-status -->" not in spanish
    # Each language by its own name, how much of it is there, and its pages' states
    assert re.search(r'<span lang="nah">Nāhuatl</span> \(<code>nah</code>\)<br><span class="dc-variety" lang="es">náhuatl, [^<]+</span></td><td>0\s?%</td><td>0 / \d+</td>', spanish)
    assert '<code>mix</code>)<br><span class="dc-variety" lang="es">mixteco de San Juan Mixtepec, Oaxaca</span>' in english
    assert re.search(r'<span lang="en">English</span> \(<code>en</code>\)</td><td>100\s?%</td>', spanish)
    assert '<td><span lang="es">traducida</span></td>' in spanish and '<td><span lang="es">falta</span></td>' in spanish
    assert '<td><span lang="en">translated</span></td>' in english and '<td><span lang="en">missing</span></td>' in english
    # Pages by their title, with the paragraphs of those in PO files
    assert re.search(r'<td><code>nah</code></td><td><a href="[^"]*nah/hogar/aguinaldo/" target="_self"[^>]*>El aguinaldo</a></td>'
                     r'<td><span lang="es">falta</span></td><td>0 / 0 / \d+</td>', spanish)
    assert re.search(r'<td><a href="[^"]*nah/hogar/aguinaldo/" target="_self"[^>]*><span lang="es">El aguinaldo</span></a></td>', english)


def edit_the_source(project):
    """A new sentence in a Spanish guide that English translates."""
    source = project / "docs/es/hogar/aguinaldo.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nUna frase nueva.\n", encoding="utf-8")


def add_zapotec(project):
    """A language added as the README says: mkdocs.yml, locales/, then its PO files."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    last = "          variety: mixteco de San Juan Mixtepec, Oaxaca\n          build: true\n"
    assert text.count(last) == 1
    entry = (
        "        - locale: zap\n          name: Diidxazá\n          name_es: zapoteco\n"
        "          variety: zapoteco del Istmo\n          build: true\n"
    )
    config.write_text(text.replace(last, last + entry), encoding="utf-8")
    (project / "locales/zap.yml").write_text('site:\n  notice.fallback.title: "Zapotec title (test)"\n', encoding="utf-8")
    result = run_tools(project, "translate", "update", "zap")
    assert result.returncode == 0, result.stderr
    assert (project / "translations/zap/hogar/aguinaldo.po").is_file()


@pytest.fixture(scope="module")
def changed_build(tmp_path_factory):
    """One build with two changes that touch different pages: the Spanish
    aguinaldo guide edited, and Zapotec added. (site, build log)"""
    project = copy_project(tmp_path_factory.mktemp("changed") / "project")
    edit_the_source(project)
    add_zapotec(project)
    site = project.parent / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, result.stderr


def test_source_edit_makes_the_translation_outdated_with_a_banner(changed_build):
    site, log = changed_build
    assert "docs/en/hogar/aguinaldo.md: outdated" in log
    english = html(site, "en/hogar/aguinaldo")
    assert "This translation may be out of date" in english
    assert re.search(r'<a href="../../../hogar/aguinaldo/" hreflang="es"[^>]*>Read the current Spanish version</a>', english)
    assert "out of date" not in html(site, "en/hogar/salario")


def test_reviewed_translation_that_breaks_parity_fails_with_file_and_line(project_copy, tmp_path):
    path = project_copy / "docs/en/hogar/aguinaldo.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if "{{ aguinaldo.dias }}" in line)
    lines[number - 1] = lines[number - 1].replace("{{ aguinaldo.dias }}", "15 days")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_build(project_copy, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"docs/en/hogar/aguinaldo.md:{number}: the number '15' is typed as text" in output
    assert "fact reference '{{aguinaldo.dias}}' is missing; the Spanish source has it at docs/es/hogar/aguinaldo.md:" in output
    assert "Traceback" not in output


def test_drafts_can_be_left_out_and_fall_back_to_spanish(project_copy, tmp_path):
    # An English page back to draft, and a Nahuatl interface string marked draft
    page = project_copy / "docs/en/hogar/salario.md"
    page.write_text(page.read_text(encoding="utf-8").replace("status: reviewed", "status: draft"), encoding="utf-8")
    (project_copy / "locales/nah.yml").write_text('draft:\n  site:\n    notice.fallback.title: "Nah-prueba borrador"\n', encoding="utf-8")
    # Each language read is built alone, with and without drafts
    for include, name in (("true", "with"), ("false", "without")):
        for lang in ("en", "nah"):
            result = run_build(project_copy, tmp_path / name / lang, extra_env={"DC_INCLUDE_DRAFTS": include}, only_lang=lang)
            assert result.returncode == 0, result.stderr
    assert "dc-notice--draft" in html(tmp_path / "with/en", "en/hogar/salario")
    assert "Nah-prueba borrador" in html(tmp_path / "with/nah", "nah")
    left_out = html(tmp_path / "without/en", "en/hogar/salario")
    assert "dc-notice--fallback" in left_out and "dc-notice--draft" not in left_out
    home = html(tmp_path / "without/nah", "nah")
    assert "Nah-prueba borrador" not in home and '<p class="admonition-title" lang="es">Esta página todavía no está traducida' in home


def test_adding_zapotec_needs_no_python(changed_build):
    site, log = changed_build
    # Following the README gives no false "outdated" warning
    assert "docs/zap" not in log and "translations/zap" not in log and "outdated" not in log.replace("docs/en/hogar/aguinaldo.md: outdated", "")
    home = html(site, "zap")
    assert '<html lang="zap"' in home and "dc-notice--fallback" in home and "dc-notice--draft" not in home
    assert '<p class="dc-coverage" lang="es">Zapoteco: en preparación.' in home
    assert re.search(r'lang="zap"[^>]*>\s*Diidxazá <span class="dc-coverage" lang="es">\(en preparación\)</span>', home)
    guide = html(site, "zap/hogar/aguinaldo")
    # Fallback: Spanish text, the translated notice title, Spanish for the rest
    assert "dc-notice--fallback" in guide and '<div lang="es">' in guide
    assert '<p class="admonition-title" lang="zap">Zapotec title (test)</p>' in guide
    assert '<p lang="es">Aún no hay versión en zapoteco' in guide
    assert 'hreflang="zap"' in html(site, "hogar/aguinaldo")
    assert (site / "zap/sitemap.xml").is_file() and (site / "zap/404.html").is_file()
