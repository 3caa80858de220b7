"""PO files: templates, updates with fuzzy matching, reading, counts and checks."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from build_tools.errors import ContentError
from build_tools.facts import load_facts
from build_tools.translations import po_files
from build_tools.translations.po_files import Counts
from build_tools.translations.segments import KINDS
from project import ROOT

FACTS = load_facts(ROOT / "facts", ROOT)
MSGFMT = "/usr/bin/msgfmt"

PAGE = """\
---
title: El aguinaldo
last_reviewed: 2026-11-21
---

# El aguinaldo

Te toca el salario de {{ aguinaldo.dias }}.

Lee [revisa tu pago](salario.md#revisar) y llama al {{ profedet.telefono }}.

Un párrafo que cambia mañana.

Un párrafo que se va.

## El aguinaldo {#otra}
"""

CHANGED = (
    PAGE.replace("Un párrafo que cambia mañana.", "Un párrafo que cambió hoy, mañana no.")
    .replace("Un párrafo que se va.\n\n", "")
    .replace("## El aguinaldo {#otra}", "## El aguinaldo {#otra}\n\nUn texto nuevo y distinto de todo.")
)


def require_msgfmt() -> None:
    """Skip on a machine without GNU gettext, loudly; CI must have it, so fail there."""
    if not Path(MSGFMT).exists():
        message = f"{MSGFMT} is missing: install GNU gettext (Debian package 'gettext')"
        if os.environ.get("CI"):
            pytest.fail(message + "; PO file checks never skip in CI")
        pytest.skip("SKIPPED, NOT RUN: " + message)


# Warnings that are not problems: Poedit fills in the translator's name on
# the first save, and a template (.pot) has no language
ALLOWED_WARNINGS = ("'Last-Translator' still has the initial default", "'Language' missing in header")


def msgfmt(path: Path) -> None:
    """GNU gettext accepts the file, with no warning but the allowed ones."""
    require_msgfmt()
    done = subprocess.run(
        [MSGFMT, "--check-format", "--check-header", "--check-domain", "-o", os.devnull, str(path)],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    allowed = ALLOWED_WARNINGS if path.suffix == ".pot" else ALLOWED_WARNINGS[:1]
    others = [line for line in done.stderr.splitlines() if not any(warning in line for warning in allowed)]
    assert others == []


def translate(catalog, rule) -> None:
    for message in catalog:
        if message.id:
            message.string = rule(message.id)


def test_every_segment_kind_has_a_comment_for_translators():
    assert set(po_files.KIND_NAMES) == set(KINDS)


def test_paths_follow_the_page_path():
    assert po_files.po_path("/p", "nah", "hogar/aguinaldo.md") == Path("/p/translations/nah/hogar/aguinaldo.po")
    assert po_files.pot_path("/p", "hogar/aguinaldo.md") == Path("/p/translations/templates/hogar/aguinaldo.pot")


def test_template_has_one_message_per_text_with_every_place_and_its_kind():
    pot = po_files.template("hogar/aguinaldo.md", PAGE, "docs/es/hogar/aguinaldo.md")
    title = pot.get("El aguinaldo")
    assert title.locations == [
        ("docs/es/hogar/aguinaldo.md", 2), ("docs/es/hogar/aguinaldo.md", 6), ("docs/es/hogar/aguinaldo.md", 16)
    ]
    assert title.auto_comments == ["título de la página / page title", "encabezado / heading"]
    assert [m.id for m in pot if m.id] == [
        "El aguinaldo", "Te toca el salario de {{ aguinaldo.dias }}.",
        "Lee [revisa tu pago](salario.md#revisar) y llama al {{ profedet.telefono }}.",
        "Un párrafo que cambia mañana.", "Un párrafo que se va.",
    ]
    data = po_files.to_bytes(pot).decode()
    assert "#. párrafo / paragraph\n#: docs/es/hogar/aguinaldo.md:8\n" in data
    assert '"Project-Id-Version: Derechos Claros hogar/aguinaldo.md\\n"' in data
    assert '"POT-Creation-Date: 2026-11-21 00:00+0000\\n"' in data
    assert '"Content-Type: text/plain; charset=utf-8\\n"' in data
    assert '"Language-Team: Derechos Claros\\n"' in data


def test_same_input_gives_the_same_bytes():
    first = po_files.to_bytes(po_files.update(None, po_files.template("a.md", PAGE, "docs/es/a.md"), "nah"))
    second = po_files.to_bytes(po_files.update(None, po_files.template("a.md", PAGE, "docs/es/a.md"), "nah"))
    assert first == second


def test_round_trip_keeps_messages_and_lines_point_at_the_msgid(tmp_path):
    catalog = po_files.update(None, po_files.template("a.md", PAGE, "docs/es/a.md"), "nah")
    translate(catalog, lambda msgid: "NAH " + msgid)
    path = tmp_path / "a.po"
    assert po_files.write(path, catalog) is True
    assert po_files.write(path, catalog) is False  # unchanged: not rewritten
    again = po_files.read(path, tmp_path)
    assert [(m.id, m.string, m.locations) for m in again] == [(m.id, m.string, m.locations) for m in catalog]
    assert again.locale_identifier == "nah"
    lines = path.read_text(encoding="utf-8").splitlines()
    for msgid, (msgstr, line) in po_files.translations_of(again).items():
        assert lines[line - 1].startswith("msgid"), (msgid, line)
        assert msgstr == "NAH " + msgid


def test_update_keeps_translations_and_only_the_changed_text_goes_fuzzy(tmp_path):
    old = po_files.update(None, po_files.template("a.md", PAGE, "docs/es/a.md"), "nah")
    translate(old, lambda msgid: "NAH " + msgid)
    path = tmp_path / "a.po"
    po_files.write(path, old)
    new = po_files.update(po_files.read(path), po_files.template("a.md", CHANGED, "docs/es/a.md"), "nah")
    fuzzy = [m for m in new if m.fuzzy]
    assert [(m.id, m.string, m.previous_id) for m in fuzzy] == [
        ("Un párrafo que cambió hoy, mañana no.", "NAH Un párrafo que cambia mañana.", ["Un párrafo que cambia mañana."])
    ]
    assert new.get("Te toca el salario de {{ aguinaldo.dias }}.").string == "NAH Te toca el salario de {{ aguinaldo.dias }}."
    assert not new.get("Te toca el salario de {{ aguinaldo.dias }}.").fuzzy
    assert new.get("Un texto nuevo y distinto de todo.").string in ("", None)
    assert list(new.obsolete) == ["Un párrafo que se va."]
    assert po_files.counts(new) == Counts(translated=3, fuzzy=1, untranslated=1)
    po_files.write(path, new)
    text = path.read_text(encoding="utf-8")
    assert '#, fuzzy\n#| msgid "Un párrafo que cambia mañana."\nmsgid "Un párrafo que cambió hoy, mañana no."' in text
    assert '#~ msgid "Un párrafo que se va."\n#~ msgstr "NAH Un párrafo que se va."' in text
    assert po_files.translations_of(po_files.read(path)).keys() == {
        "El aguinaldo", "Te toca el salario de {{ aguinaldo.dias }}.",
        "Lee [revisa tu pago](salario.md#revisar) y llama al {{ profedet.telefono }}.",
    }
    msgfmt(path)


def test_counts_leave_out_the_header_and_obsolete_entries():
    catalog = po_files.update(None, po_files.template("a.md", PAGE, "docs/es/a.md"), "nah")
    assert po_files.counts(catalog) == Counts(translated=0, fuzzy=0, untranslated=5)
    catalog.get("El aguinaldo").string = "Aguinaldo"
    catalog.get("Un párrafo que se va.").string = "Tlen"
    catalog.get("Un párrafo que se va.").flags.add("fuzzy")
    assert po_files.counts(catalog) == Counts(translated=1, fuzzy=1, untranslated=3)


def checked(msgid: str, msgstr: str, tmp_path) -> list[str]:
    catalog = po_files.update(None, po_files.template("a.md", f"{msgid}\n", "docs/es/a.md"), "nah")
    catalog.get(msgid).string = msgstr
    path = tmp_path / "a.po"
    po_files.write(path, catalog)
    return [str(p) for p in po_files.check(po_files.read(path), "translations/nah/a.po", FACTS)]


LINK = "Lee [tu pago](salario.md#revisar) o llama al {{ profedet.telefono }}."


def test_a_faithful_translation_has_no_problems(tmp_path):
    assert checked(LINK, "Xikpowa [motlaxtlawil](salario.md#revisar) {{ profedet.telefono }}.", tmp_path) == []


@pytest.mark.parametrize("msgstr, expected", [
    ("Xikpowa [motlaxtlawil](salario.md) {{ profedet.telefono }}.",
     ["el enlace interno 'salario.md' no está en el español",
      "falta el enlace interno 'salario.md#revisar' del español"]),
    ("Xikpowa [motlaxtlawil](salario.md#revisar) {{ profedet.correo }}.",
     ["la referencia a un dato '{{profedet.correo}}' no está en el español",
      "falta la referencia a un dato '{{profedet.telefono}}' del español"]),
    ("Xikpowa [motlaxtlawil](salario.md#revisar) {{ profedet.telefono }} [tel](tel:5555).",
     ["el enlace tel: o externo 'tel:5555' no está en el español"]),
    ("Xikpowa [motlaxtlawil](salario.md#revisar) <b>{{ profedet.telefono }}</b>.",
     ["la traducción no puede llevar HTML como '</b>'", "la traducción no puede llevar HTML como '<b>'"]),
    ("Xikpowa [motlaxtlawil](salario.md#revisar) {{ profedet.telefono }.",
     ["las llaves {{ }} no están completas"]),
])
def test_each_problem_names_the_po_file_and_the_entry_line_in_spanish_and_english(msgstr, expected, tmp_path):
    problems = checked(LINK, msgstr, tmp_path)
    lines = (tmp_path / "a.po").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("msgid") and "Lee" in text + lines[n])
    assert len(problems) == len(expected)
    for problem, start in zip(problems, expected):
        assert problem.startswith(f"translations/nah/a.po:{line}: {start}"), problem
        assert " / " in problem  # Spanish, then English


def test_a_number_typed_by_hand_that_a_fact_gives_is_a_problem(tmp_path):
    problems = checked("Te toca el salario de {{ aguinaldo.dias }}.", "Mochiwa 15 días.", tmp_path)
    assert any("el número '15' está escrito a mano; escribe {{ aguinaldo.dias }}" in p for p in problems), problems


def test_fuzzy_and_untranslated_entries_are_not_checked(tmp_path):
    catalog = po_files.update(None, po_files.template("a.md", f"{LINK}\n\nOtro.\n", "docs/es/a.md"), "nah")
    catalog.get(LINK).string = "sin nada"
    catalog.get(LINK).flags.add("fuzzy")
    assert po_files.check(catalog, "a.po", FACTS) == []


@pytest.mark.parametrize("broken, line, start", [
    ('msgid "Hola"\nmsgtxt "x"\n', 2, "esta línea no se entiende"),
    ('msgid "Hola"\nmsgstr "x"\nsin comillas\n', 3, "esta línea no se entiende"),
    ('msgid "Hola"\nmsgstr "sin cerrar\n', 2, "a esta línea le faltan las comillas"),
    ('msgid "Hola"\nmsgstr ""\n"sigue \\"aquí\\"\n', 3, "a esta línea le faltan las comillas"),
    ('msgid "Hola\nmsgstr "x"\n', 1, "a esta línea le faltan las comillas"),
])
def test_a_malformed_po_file_is_reported_with_its_file_and_line(broken, line, start, tmp_path):
    path = tmp_path / "translations" / "nah" / "a.po"
    path.parent.mkdir(parents=True)
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        po_files.read(path, tmp_path)
    message = str(error.value)
    assert message.startswith(f"translations/nah/a.po:{line}: {start}"), message
    assert " / this line " in message  # then in English


def test_an_entry_with_plural_forms_is_reported_with_its_line(tmp_path):
    """Valid gettext, but a page's text has one translation (it ended in a traceback)."""
    path = tmp_path / "translations" / "nah" / "a.po"
    path.parent.mkdir(parents=True)
    path.write_text('msgid "Hola"\nmsgstr "Niltze"\n\nmsgid "día"\nmsgid_plural "días"\nmsgstr[0] "x"\nmsgstr[1] "y"\n', encoding="utf-8")
    with pytest.raises(ContentError) as error:
        po_files.read(path, tmp_path)
    assert str(error.value).startswith("translations/nah/a.po:4: esta entrada tiene formas de plural"), str(error.value)
    assert "this entry has plural forms" in str(error.value)


@pytest.mark.parametrize("text, duplicate", [
    ('msgid "Hola"\nmsgstr "A"\n\nmsgid "Hola"\nmsgstr "B"\n', (1, 4)),
    ('msgid ""\n"Ho"\n"la"\nmsgstr "A"\n\nmsgid "Hola"\nmsgstr "B"\n', (1, 6)),  # the same text, split
    ('msgctxt "a"\nmsgid "Hola"\nmsgstr "A"\n\nmsgid "Hola"\nmsgstr "B"\n', None),  # another context
    ('msgid "Hola"\nmsgstr "A"\n\n#~ msgid "Hola"\n#~ msgstr "B"\n', None),  # an obsolete entry
])
def test_a_text_with_two_entries_is_reported_where_babel_drops_one(text, duplicate, tmp_path):
    """msgfmt refuses such a file; Babel kept the first translation without a word."""
    path = tmp_path / "translations" / "nah" / "a.po"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    if duplicate is None:
        assert po_files.read(path, tmp_path).get("Hola").string in ("A", "B")
        return
    with pytest.raises(ContentError) as error:
        po_files.read(path, tmp_path)
    first, second = duplicate
    assert str(error.value).startswith(f"translations/nah/a.po:{second}: este texto ya tiene una entrada en la línea {first}")


def test_escaped_quotes_are_not_a_closing_quote_problem(tmp_path):
    path = tmp_path / "a.po"
    path.write_text('msgid "Di \\"sí\\""\nmsgstr ""\n"Ma \\"quema\\" \\\\"\n', encoding="utf-8")
    assert po_files.read(path).get('Di "sí"').string == 'Ma "quema" \\'


def test_a_file_not_in_utf8_is_reported(tmp_path):
    path = tmp_path / "a.po"
    path.write_bytes(b'msgid "Hola"\nmsgstr "\xf1"\n')
    with pytest.raises(ContentError, match="a.po: este archivo no está guardado como UTF-8"):
        po_files.read(path, tmp_path)


@pytest.mark.parametrize("lang", ["nah", "tzo", "mix", "nhe"])
def test_generated_files_pass_msgfmt_for_languages_without_locale_data(lang, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(ROOT / "docs" / "es", root / "docs" / "es")
    pages = ["hogar/aguinaldo.md", "participa/estilo.md", "participa/traducir.md"]
    report = po_files.update_language(root, root / "docs", "es", lang, pages)
    assert report[:2] == [
        "translations/templates/hogar/aguinaldo.pot: plantilla escrita / template written",
        f"translations/{lang}/hogar/aguinaldo.po: creado / created (0 traducidos, 0 por revisar, "
        f"{po_files.counts(po_files.read(po_files.po_path(root, lang, pages[0]))).untranslated} sin traducir / "
        f"0 translated, 0 fuzzy, "
        f"{po_files.counts(po_files.read(po_files.po_path(root, lang, pages[0]))).untranslated} untranslated)",
    ]
    for page in pages:
        po = po_files.po_path(root, lang, page)
        assert f'"Language: {lang}\\n"' in po.read_text(encoding="utf-8")
        msgfmt(po)
        msgfmt(po_files.pot_path(root, page))
    # Translated, with a '%' that looks like a printf format to Babel
    catalog = po_files.read(po_files.po_path(root, lang, "participa/estilo.md"))
    translate(catalog, lambda msgid: "X " + msgid.replace("%", " por ciento"))
    po_files.write(po_files.po_path(root, lang, "participa/estilo.md"), catalog)
    msgfmt(po_files.po_path(root, lang, "participa/estilo.md"))
    # A second run changes nothing
    assert po_files.update_language(root, root / "docs", "es", lang, pages[:1]) == []


def test_update_language_reports_an_updated_page(tmp_path):
    root = tmp_path
    page = root / "docs" / "es" / "a.md"
    page.parent.mkdir(parents=True)
    page.write_text(PAGE, encoding="utf-8")
    po_files.update_language(root, root / "docs", "es", "nah")
    page.write_text(CHANGED, encoding="utf-8")
    assert po_files.update_language(root, root / "docs", "es", "nah") == [
        "translations/templates/a.pot: plantilla escrita / template written",
        "translations/nah/a.po: actualizado / updated "
        "(0 traducidos, 0 por revisar, 5 sin traducir / 0 translated, 0 fuzzy, 5 untranslated)",
    ]
