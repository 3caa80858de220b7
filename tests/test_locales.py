from pathlib import Path

import re

import jinja2
import pytest

from build_tools.__main__ import main
from build_tools.errors import ContentError
from build_tools.i18n.locales import SET_BY_PROJECT, coverage_report, load_catalogs, material_partial, missing_report
from project import ROOT, copy_project, line_of, run_build, run_tools


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def locales(tmp_path):
    write(
        tmp_path, "es.yml",
        "theme:\n  direction: ltr\n  search: Buscar\n  top: Volver arriba\n"
        "site:\n  hello: Hola {name}\n  bye: Adiós\n  days: '{count} días desde {date}'\n",
    )
    return tmp_path


def test_missing_keys_fall_back_to_spanish_key_by_key(locales):
    write(locales, "nah.yml", "theme:\n  search: Xictemo\nsite:\n  bye: ''\n")
    nah = load_catalogs(locales, ["es", "nah"], "es")["nah"]
    assert nah.t("search", "theme") == "Xictemo"
    assert nah.t("top", "theme") == "Volver arriba"  # not translated
    assert nah.t("bye") == "Adiós"  # empty counts as missing
    assert nah.lang_of("search", "theme") == "nah"
    assert nah.lang_of("bye") == "es"
    assert nah.t("hello", name="Ana") == "Hola Ana"


def test_a_blank_string_falls_back_like_an_empty_one(locales):
    """Spaces alone would be a button or label with nothing to read."""
    write(locales, "nah.yml", "theme:\n  search: '   '\nsite:\n  bye: \"\\t\"\n")
    nah = load_catalogs(locales, ["es", "nah"], "es")["nah"]
    assert (nah.t("search", "theme"), nah.lang_of("search", "theme")) == ("Buscar", "es")
    assert (nah.t("bye"), nah.lang_of("bye")) == ("Adiós", "es")


def test_a_blank_spanish_string_is_an_error_on_its_line(locales):
    write(locales, "es.yml", (locales / "es.yml").read_text(encoding="utf-8").replace("bye: Adiós", "bye: '  '"))
    with pytest.raises(ContentError) as error:
        load_catalogs(locales, ["es", "nah"], "es", locales)
    assert str(error.value).startswith("es.yml:7: 'site.bye' está vacío"), str(error.value)
    assert "every other language falls back to the Spanish text" in str(error.value)


def test_a_language_without_a_locale_file_falls_back_entirely(locales):
    zap = load_catalogs(locales, ["es", "zap"], "es")["zap"]
    assert zap.t("hello", name="X") == "Hola X"
    assert zap.coverage() == (0, 5)  # 'direction' and 'language' are not text
    assert zap.strings["theme"]["language"] == "zap"


def test_unknown_key_in_a_translation_names_file_and_line(locales):
    write(locales, "nah.yml", "theme:\n  search: Xictemo\n  serch: typo\n")
    with pytest.raises(ContentError) as error:
        load_catalogs(locales, ["es", "nah"], "es", root=locales)
    assert "nah.yml:3" in str(error.value)
    assert "serch" in str(error.value)


def test_html_in_a_ui_string_is_rejected_with_its_line(locales):
    write(locales, "en.yml", "site:\n  bye: <script>alert(1)</script>\n")
    with pytest.raises(ContentError) as error:
        load_catalogs(locales, ["es", "en"], "es", root=locales)
    assert "en.yml:2" in str(error.value)


def test_a_straight_double_quote_in_a_ui_string_is_rejected_with_its_line(locales):
    # The theme writes some strings into attributes unescaped: aria-label="..."
    write(locales, "en.yml", "theme:\n  search: 'Search\" onmouseover=\"alert(1)'\n")
    with pytest.raises(ContentError) as error:
        load_catalogs(locales, ["es", "en"], "es", root=locales)
    assert "en.yml:2" in str(error.value)
    assert "straight double quote" in str(error.value)


def test_malformed_yaml_names_file_and_line(locales):
    write(locales, "en.yml", "site:\n  bye: \"unclosed\n  hello: x\n")
    with pytest.raises(ContentError) as error:
        load_catalogs(locales, ["es", "en"], "es", root=locales)
    assert "en.yml:" in str(error.value)


def test_generated_partial_works_in_jinja_with_quotes_and_apostrophes(locales):
    write(locales, "tzo.yml", "theme:\n  search: \"Sa'el “k'op” \\\\\"\n")
    catalog = load_catalogs(locales, ["es", "tzo"], "es")["tzo"]
    env = jinja2.Environment(loader=jinja2.DictLoader({"p.html": material_partial(catalog)}))
    module = env.get_template("p.html").module
    assert module.t("search") == "Sa'el “k'op” \\"
    assert module.t("language") == "tzo"
    assert module.t("top") == "Volver arriba"


def test_project_locales_cover_every_material_string():
    # Material's English partial lists every key the theme uses
    import material

    english = Path(material.__file__).parent / "templates/partials/languages/en.html"
    keys = set(__import__("re").findall(r'^  "([^"]+)":', english.read_text(), __import__("re").M))
    catalogs = load_catalogs(ROOT / "locales", ["es", "en", "nah"], "es", ROOT)
    assert keys <= set(catalogs["es"].strings["theme"])
    assert keys <= set(catalogs["nah"].strings["theme"])


def test_coverage_report_lists_each_language(locales):
    write(locales, "nah.yml", "site:\n  bye: X\n")
    report = coverage_report(load_catalogs(locales, ["es", "nah"], "es"))
    assert re.search(r"^nah\s+1\s+5\s+20%$", report, re.M)
    assert re.search(r"^es\s+5\s+5\s+100%$", report, re.M)


def error_of(locales, langs, **options) -> str:
    with pytest.raises(ContentError) as error:
        load_catalogs(locales, langs, "es", root=locales, **options)
    return str(error.value)


# Drafts


DRAFTS = "site:\n  bye: Ma xiyauh\ndraft:\n  site:\n    hello: Niltze {name}\n  theme:\n    search: Xictemo\n"


def test_draft_strings_are_shown_and_marked_as_drafts(locales):
    write(locales, "nah.yml", DRAFTS)
    nah = load_catalogs(locales, ["es", "nah"], "es")["nah"]
    assert nah.t("hello", name="Ana") == "Niltze Ana"
    assert nah.t("search", "theme") == "Xictemo"
    assert nah.is_draft("hello") and nah.is_draft("search", "theme")
    assert not nah.is_draft("bye")
    assert nah.lang_of("hello") == "nah"
    assert nah.coverage() == (3, 5)
    assert nah.own_drafts() == ["theme.search", "site.hello"]


def test_without_drafts_draft_strings_fall_back(locales):
    write(locales, "nah.yml", DRAFTS)
    nah = load_catalogs(locales, ["es", "nah"], "es", include_drafts=False)["nah"]
    assert nah.t("hello", name="Ana") == "Hola Ana"
    assert nah.t("search", "theme") == "Buscar"
    assert nah.lang_of("hello") == "es" and nah.lang_of("search", "theme") == "es"
    assert not nah.is_draft("hello")
    assert nah.t("bye") == "Ma xiyauh"
    assert nah.coverage() == (1, 5)


def test_a_key_both_reviewed_and_draft_is_an_error_with_its_lines(locales):
    write(locales, "nah.yml", "site:\n  bye: Ma xiyauh\ndraft:\n  site:\n    bye: Ma ximoyetzino\n")
    message = error_of(locales, ["es", "nah"])
    assert "nah.yml:5:" in message
    assert "line 2" in message and "línea 2" in message


def test_drafts_are_checked_even_when_left_out(locales):
    write(locales, "nah.yml", "draft:\n  site:\n    helo: Niltze\n")
    message = error_of(locales, ["es", "nah"], include_drafts=False)
    assert "nah.yml:3:" in message and "helo" in message


def test_a_malformed_draft_section_names_its_line(locales):
    write(locales, "nah.yml", "site:\n  bye: X\ndraft:\n  sitio:\n    bye: Y\n")
    assert "nah.yml:4:" in error_of(locales, ["es", "nah"])
    write(locales, "nah.yml", "site:\n  bye: X\ndraft: Y\n")
    assert "nah.yml:3:" in error_of(locales, ["es", "nah"])


def test_the_source_language_has_no_drafts(locales):
    write(locales, "es.yml", "site:\n  bye: Adiós\ndraft:\n  site:\n    hello: Hola\n")
    assert "es.yml:3:" in error_of(locales, ["es"])


def test_the_documented_draft_format_in_each_locale_file_works(tmp_path):
    # The example in the files' header comment, uncommented, loads as it says
    for lang in ("nah", "tzo", "mix"):
        header = (ROOT / "locales" / f"{lang}.yml").read_text(encoding="utf-8")
        example = re.search(r"^#\s+site:\n(?:#      .*\n)+", header, re.M).group(0)
        text = "".join(line[len("#      "):] + "\n" for line in example.splitlines())
        write(tmp_path, f"{lang}.yml", text)
        catalog = load_catalogs(_with_source(tmp_path), ["es", lang], "es")[lang]
        assert catalog.t("offline.save") == "texto ya revisado" and not catalog.is_draft("offline.save")
        assert catalog.is_draft("notice.fallback.title") and catalog.is_draft("search", "theme")


def _with_source(folder: Path) -> Path:
    (folder / "es.yml").write_text((ROOT / "locales/es.yml").read_text(encoding="utf-8"), encoding="utf-8")
    return folder


# Fallback chains


def test_a_fallback_chain_supplies_missing_strings_before_spanish(locales):
    write(locales, "nah.yml", "site:\n  bye: Ma xiyauh\n  hello: Niltze {name}\n")
    write(locales, "nhe.yml", "site:\n  hello: Piyali {name}\n")
    nhe = load_catalogs(locales, ["es", "nah", "nhe"], "es", fallbacks={"nhe": ["nah"]})["nhe"]
    assert nhe.t("hello", name="Ana") == "Piyali Ana" and nhe.lang_of("hello") == "nhe"
    assert nhe.t("bye") == "Ma xiyauh" and nhe.lang_of("bye") == "nah"
    assert nhe.t("search", "theme") == "Buscar" and nhe.lang_of("search", "theme") == "es"
    # Only its own strings count
    assert nhe.coverage() == (1, 5)
    assert "site.bye" in nhe.missing()
    assert nhe.strings["theme"]["language"] == "nhe"


def test_a_fallback_language_need_not_be_built_and_its_drafts_follow_the_setting(locales):
    write(locales, "nah.yml", "draft:\n  site:\n    bye: Ma xiyauh\n")
    with_drafts = load_catalogs(locales, ["es", "nhe"], "es", fallbacks={"nhe": ["nah"]})["nhe"]
    assert with_drafts.t("bye") == "Ma xiyauh" and with_drafts.lang_of("bye") == "nah"
    assert with_drafts.is_draft("bye")
    assert with_drafts.own_drafts() == []  # not nhe's own draft
    without = load_catalogs(locales, ["es", "nhe"], "es", include_drafts=False, fallbacks={"nhe": ["nah"]})["nhe"]
    assert without.t("bye") == "Adiós" and without.lang_of("bye") == "es"


def test_errors_in_a_fallback_language_file_are_reported(locales):
    write(locales, "nah.yml", "site:\n  byee: X\n")
    assert "nah.yml:2:" in error_of(locales, ["es", "nhe"], fallbacks={"nhe": ["nah"]})


def test_the_earlier_fallback_wins(locales):
    write(locales, "nah.yml", "site:\n  bye: from nah\n")
    write(locales, "nhe.yml", "site:\n  bye: from nhe\n")
    nhx = load_catalogs(locales, ["es", "nhx"], "es", fallbacks={"nhx": ["nhe", "nah"]})["nhx"]
    assert nhx.t("bye") == "from nhe" and nhx.lang_of("bye") == "nhe"


# Placeholders


def test_a_misspelled_placeholder_names_file_line_and_the_spanish_ones(locales):
    write(locales, "nah.yml", "site:\n  bye: X\n  days: '{cuenta} tonalli {date}'\n")
    message = error_of(locales, ["es", "nah"])
    assert "nah.yml:3:" in message
    assert "{cuenta} no existe en este texto" in message
    assert "{count}, {date}" in message
    assert "{cuenta} does not exist in this text" in message


@pytest.mark.parametrize("text", ["'{count días {date}'", "'{count}} días {date}'", "'{count} días {date'", "'{count!x} {date}'"])
def test_a_stray_brace_names_file_and_line(locales, text):
    write(locales, "nah.yml", f"site:\n  days: {text}\n")
    message = error_of(locales, ["es", "nah"])
    assert "nah.yml:2:" in message and "stray" in message and "suelta" in message


def test_a_dropped_placeholder_is_an_error(locales):
    write(locales, "nah.yml", "site:\n  days: 'tonalli {date}'\n")
    message = error_of(locales, ["es", "nah"])
    assert "nah.yml:2:" in message and "{count} is missing" in message


def test_placeholders_may_change_order_and_braces_may_be_escaped(locales):
    write(locales, "nah.yml", "site:\n  days: '{date}: {count} tonalli {{x}}'\n")
    nah = load_catalogs(locales, ["es", "nah"], "es")["nah"]
    assert nah.t("days", count=3, date="1 ene") == "1 ene: 3 tonalli {x}"


def test_placeholders_of_drafts_are_checked(locales):
    write(locales, "nah.yml", "draft:\n  site:\n    hello: Niltze {nombre}\n")
    assert "nah.yml:3:" in error_of(locales, ["es", "nah"], include_drafts=False)


def test_a_stray_brace_in_the_spanish_text_names_its_line(locales):
    write(locales, "es.yml", "site:\n  bye: Adiós\n  hello: Hola {name\n")
    assert "es.yml:3:" in error_of(locales, ["es"])


def test_every_project_locale_file_has_valid_placeholders():
    load_catalogs(ROOT / "locales", ["es", "en", "nah", "tzo", "mix"], "es", ROOT)


# Keys nobody translates


@pytest.mark.parametrize("key", SET_BY_PROJECT)
def test_a_translation_cannot_set_a_key_the_project_sets(locales, key):
    write(locales, "nah.yml", f"theme:\n  search: Xictemo\n  {key}: x\n")
    message = error_of(locales, ["es", "nah"])
    assert "nah.yml:3:" in message and "set by the project" in message and "lo pone el proyecto" in message


def test_settings_are_neither_counted_nor_missing(locales):
    write(locales, "es.yml", "theme:\n  direction: ltr\n  search.config.lang: es\n  search: Buscar\nsite:\n  bye: Adiós\n")
    nah = load_catalogs(locales, ["es", "nah"], "es")["nah"]
    assert nah.coverage() == (0, 2)
    assert nah.missing() == ["theme.search", "site.bye"]
    assert nah.t("direction", "theme") == "ltr"  # still given to the theme
    assert load_catalogs(locales, ["es"], "es")["es"].coverage() == (2, 2)


def test_the_source_file_cannot_set_the_derived_language_key(locales):
    write(locales, "es.yml", "theme:\n  language: es\n  search: Buscar\n")
    assert "es.yml:2:" in error_of(locales, ["es"])


# Reports


def test_missing_report_lists_keys_with_spanish_text_grouped_and_marks_drafts(locales):
    write(locales, "nah.yml", "site:\n  bye: X\ndraft:\n  site:\n    hello: Niltze {name}\n")
    write(locales, "nhe.yml", "")
    catalogs = load_catalogs(locales, ["es", "nah", "nhe"], "es", fallbacks={"nhe": ["nah"]})
    report = missing_report(catalogs, catalogs["es"])
    nah, nhe = report.split("\n\n")
    assert nah.splitlines() == [
        "nah: 3 sin traducir, 1 borradores / 3 untranslated, 1 drafts",
        '  theme.search: "Buscar"',
        '  theme.top: "Volver arriba"',
        '  site.hello: "Hola {name}"  [borrador / draft]',
        '  site.days: "{count} días desde {date}"',
    ]
    assert nhe.startswith("nhe: 5 sin traducir, 0 borradores")
    assert '  site.bye: "Adiós"  [se muestra en nah / shown in nah]' in nhe.splitlines()
    assert "direction" not in report and "language" not in report


def test_coverage_report_names_drafts(locales):
    write(locales, "nah.yml", DRAFTS)
    report = coverage_report(load_catalogs(locales, ["es", "nah"], "es"))
    assert re.search(r"^nah\s+3\s+5\s+60%  \(2 de ellos borradores / 2 of them drafts\)$", report, re.M)


def test_locales_command_for_one_language_with_missing_keys(capsys):
    assert main(["locales", "--lang", "nah", "--missing"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if re.match(r"^(es|en|nah|tzo|mix)\s+\d", line)]
    assert [row.split()[0] for row in rows] == ["nah"]
    assert "idioma" in out and "language" in out
    assert 'site.offline.save: "Guardar para leer sin internet"' in out
    assert "theme.direction" not in out


def test_locales_command_with_an_unknown_language_lists_the_languages(capsys):
    assert main(["locales", "--lang", "nahuatl"]) == 1
    err = capsys.readouterr().err
    assert "No hay un idioma 'nahuatl'" in err and "There is no language 'nahuatl'" in err
    assert "es, en, nah, tzo, mix" in err


def test_a_bad_placeholder_stops_the_build_and_the_locales_command_with_its_line(tmp_path):
    project = copy_project(tmp_path / "project")
    en = project / "locales/en.yml"
    en.write_text(en.read_text(encoding="utf-8").replace("{date}.", "{fecha}.", 1), encoding="utf-8")
    where = f"locales/en.yml:{line_of(en, 'page.last_reviewed:')}: {{fecha}} no existe en este texto"
    command = run_tools(project, "locales")
    assert command.returncode == 1 and where in command.stderr and "Traceback" not in command.stderr
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert where in build.stdout + build.stderr and "Traceback" not in build.stdout + build.stderr


def test_a_placeholder_in_a_text_that_has_none_says_so(locales):
    write(locales, "nah.yml", "site:\n  bye: Ma xiyauh {name}\n")
    message = error_of(locales, ["es", "nah"])
    assert "nah.yml:2: {name} no existe en este texto; el texto en español no usa ninguno" in message
