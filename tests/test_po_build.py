"""Pages translated paragraph by paragraph in PO files, built: a partly
translated page, a changed Spanish paragraph, a variety with a fallback
chain, and errors that name the PO file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from build_tools.i18n.language_marks import KnownText
from build_tools.translations import po_files
from language_sweep import unmarked_text
from project import ROOT, copy_project, line_of, run_build, run_tools
from test_po_files import msgfmt

PAGE = "hogar/aguinaldo.md"
# Test text standing in for a translation: nobody here writes Nahuatl
NAH = {
    "El aguinaldo": "Aguinaldo nah-prueba",
    "¿Cuánto me toca?": "Quezqui nah-prueba",
    "Te toca, por lo menos, el salario de {{ aguinaldo.dias }}.": "Nah-prueba {{ aguinaldo.dias }}.",
    "Te lo deben pagar cada año antes del {{ aguinaldo.fecha_limite }}. Si te lo pagan ese día o después, ya es tarde.":
        "Nah-prueba {{ aguinaldo.fecha_limite }} tlen.",
}
NHE = {"¿Cuándo me lo pagan?": "Quemman nhe-prueba"}
CHANGED_FROM = "Te lo deben pagar cada año antes del {{ aguinaldo.fecha_limite }}."
CHANGED_TO = "Te lo deben pagar cada año, siempre antes del {{ aguinaldo.fecha_limite }}."


def po_file(project: Path, lang: str, page: str = PAGE) -> Path:
    return project / "translations" / lang / page.replace(".md", ".po")


def translate_entries(path: Path, translations: dict[str, str]) -> None:
    """What a translator does in Poedit: fill in some entries and save."""
    with open(path, "rb") as f:
        catalog = read_po(f, abort_invalid=True)
    for msgid, msgstr in translations.items():
        assert catalog.get(msgid) is not None, msgid
        catalog.get(msgid).string = msgstr
    po_files.write(path, catalog)


def add_variety(project: Path) -> None:
    """Eastern Huasteca Nahuatl, falling back to Nahuatl: mkdocs.yml, locales/ and its PO file."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    entry = "        - locale: nah\n"
    variety = (
        "        - locale: nhe\n          name: Nahuatl nhe-prueba\n          name_es: náhuatl de la Huasteca oriental\n"
        "          variety: náhuatl de la Huasteca oriental\n          fallback: [nah]\n          build: true\n"
    )
    assert text.count(entry) == 1
    config.write_text(text.replace(entry, variety + entry), encoding="utf-8")
    (project / "locales/nhe.yml").write_text('site:\n  notice.partial.title: "Nhe-prueba tlahtolli"\n', encoding="utf-8")


@pytest.fixture(scope="module")
def po_build(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("po") / "project")
    translate_entries(po_file(project, "nah"), NAH)
    (project / "locales/nah.yml").write_text('site:\n  notice.partial.title: "Nah-prueba tlahtolli"\n', encoding="utf-8")
    # The Spanish changes one translated paragraph; the tool brings the PO file up to date
    source = project / "docs/es" / PAGE
    text = source.read_text(encoding="utf-8")
    assert text.count(CHANGED_FROM + " Si te") == 1
    source.write_text(text.replace(CHANGED_FROM + " Si te", CHANGED_TO + " Si te"), encoding="utf-8")
    before = po_file(project, "nah").read_text(encoding="utf-8")
    updated = run_tools(project, "translate", "update", "nah")
    assert updated.returncode == 0, updated.stderr
    add_variety(project)
    made = run_tools(project, "translate", "update", "nhe", PAGE)
    assert made.returncode == 0, made.stderr
    translate_entries(po_file(project, "nhe"), NHE)
    site = project.parent / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, site, before


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_only_the_changed_paragraph_becomes_fuzzy_with_its_old_spanish(po_build):
    project, _site, before = po_build
    text = po_file(project, "nah").read_text(encoding="utf-8")
    old = [m for m in NAH if m.startswith("Te lo deben")][0]
    assert old not in before or "#, fuzzy" not in before
    # One fuzzy entry, keeping the previous Spanish for the translator
    assert text.count("#, fuzzy") == 1
    fuzzy = text[text.index("#, fuzzy"):].split("\n\n", 1)[0]
    previous = "".join(re.findall(r'^#\| (?:msgid )?"(.*)"$', fuzzy, re.M))
    assert previous == "Te lo deben pagar cada año antes del {{ aguinaldo.fecha_limite }}. Si te lo pagan ese día o después, ya es tarde."
    assert "siempre antes del" in fuzzy and "Nah-prueba {{ aguinaldo.fecha_limite }} tlen." in fuzzy
    # The other translations stay translated
    with open(po_file(project, "nah"), "rb") as f:
        catalog = read_po(f)
    kept = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    assert {k: NAH[k] for k in NAH if not k.startswith("Te lo deben")} == kept
    msgfmt(po_file(project, "nah"))


def test_a_partly_translated_page_is_that_much_nahuatl_and_the_rest_spanish_in_place(po_build):
    _project, site, _before = po_build
    html = page(site, "nah/hogar/aguinaldo")
    assert "<title>Aguinaldo nah-prueba - Derechos Claros</title>" in html
    assert '<span lang="nah">Quezqui nah-prueba</span>' in html
    # A fact inside a translated paragraph, with its Spanish unit marked
    assert re.search(r'<p><span lang="nah">Nah-prueba <span class="dc-fact[^>]*>.*?</span>\.</span></p>', html)
    # Untranslated and fuzzy paragraphs: Spanish, marked, where they belong
    assert '<span lang="es">“Por lo menos” quiere decir' in html or '<span lang="es">"Por lo menos" quiere decir' in html
    assert '<span lang="es">Te lo deben pagar cada año, siempre antes del' in html
    assert "Nah-prueba {{" not in html and "tlen." not in html  # the fuzzy translation is not shown
    # The notice says it is partly translated, in the translator's words where given
    assert 'dc-notice--partial' in html and '<p class="admonition-title" lang="nah">Nah-prueba tlahtolli</p>' in html
    assert "dc-notice--fallback" not in html and "dc-notice--draft" not in html
    # Heading ids stay the Spanish ones, so links into the page work in every language
    assert '<h3 id="cuanto">' in html
    known = KnownText.of(["Tu'un savi", "Nāhuatl", "Batsʼi kʼop", "Nah-prueba tlahtolli", "Aguinaldo nah-prueba", "Quezqui nah-prueba", "Nah-prueba"])
    assert unmarked_text(html, "nah", known) == []


def test_a_variety_falls_back_to_its_language_then_to_spanish(po_build):
    _project, site, _before = po_build
    html = page(site, "nhe/hogar/aguinaldo")
    assert '<html lang="nhe"' in html
    # Its own translation, then Nahuatl's, each marked with the language it is in
    assert '<span lang="nhe">Quemman nhe-prueba</span>' in html
    assert '<span lang="nah">Quezqui nah-prueba</span>' in html
    assert '<span lang="es">Si no trabajaste el año completo</span>' in html
    # Nahuatl repeated where the variety's page shows it without a mark of its
    # own (the table of contents) is still marked Nahuatl, never Spanish
    assert html.count('<span lang="nah">Quezqui nah-prueba</span>') == html.count("Quezqui nah-prueba")
    known = KnownText.of(["Nahuatl nhe-prueba", "Nhe-prueba tlahtolli", "Quemman nhe-prueba", "Nāhuatl", "Batsʼi kʼop", "Tu'un savi"])
    assert unmarked_text(html, "nhe", known) == []
    assert '<p class="admonition-title" lang="nhe">Nhe-prueba tlahtolli</p>' in html
    # A page nobody translated in either falls back to Spanish
    assert "dc-notice--fallback" in page(site, "nhe/hogar/salario")


def test_the_status_page_counts_paragraphs(po_build):
    _project, site, _before = po_build
    html = page(site, "participa/traducciones")
    row = re.search(r'<td><code>nah</code></td><td><a [^>]*>El aguinaldo</a></td><td>(.*?)</td><td>(\d+) / (\d+) / (\d+)</td>', html)
    assert row and row.group(1) == '<span lang="es">desactualizada</span>'
    assert (int(row.group(2)), int(row.group(3))) == (len(NAH) - 1, 1)
    # The language switcher says how much of each language there is
    assert re.search(r'lang="nah"[^>]*>\s*Nāhuatl <span class="dc-coverage" lang="es">\(\d+\s?% traducido\)</span>', html)


def test_a_translated_entry_that_drops_a_fact_stops_the_build_at_the_po_line(tmp_path):
    project = copy_project(tmp_path / "project")
    path = po_file(project, "nah")
    translate_entries(path, {"Te toca, por lo menos, el salario de {{ aguinaldo.dias }}.": "Nah-prueba 15 días."})
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    line = line_of(path, 'msgid "Te toca, por lo menos, el salario de {{ aguinaldo.dias }}."')
    output = result.stdout + result.stderr
    assert f"translations/nah/hogar/aguinaldo.po:{line}:" in output
    assert "aguinaldo.dias" in output and "Traceback" not in output


def test_every_po_file_and_template_in_the_project_passes_msgfmt():
    files = sorted((ROOT / "translations").rglob("*.po")) + sorted((ROOT / "translations").rglob("*.pot"))
    assert len(files) > 100
    for path in files:
        msgfmt(path)


def test_po_files_behind_the_spanish_pages_are_reported_per_language(tmp_path):
    from build_tools import translations

    project = copy_project(tmp_path / "project")
    langs = ["es", "en", "nah", "tzo", "mix"]
    assert translations.stale_segment_files(translations.survey(project / "docs", "es", langs, project)) == {}
    source = project / "docs/es" / PAGE
    source.write_text(source.read_text(encoding="utf-8") + "\nUn párrafo nuevo.\n", encoding="utf-8")
    (project / "docs/es/hogar/nueva.md").write_text("---\ntitle: Nueva\n---\n\n# Nueva\n", encoding="utf-8")
    stale = translations.stale_segment_files(translations.survey(project / "docs", "es", langs, project))
    assert stale == {"nah": 2, "tzo": 2, "mix": 2}
    # English translates whole files: never reported here
    assert run_tools(project, "translate", "update", "nah").returncode == 0
    assert translations.stale_segment_files(translations.survey(project / "docs", "es", langs, project)) == {"tzo": 2, "mix": 2}
