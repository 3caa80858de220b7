from pathlib import Path

import jinja2
import pytest

from build_tools.errors import ContentError
from build_tools.i18n.locales import coverage_report, load_catalogs, material_partial
from project import ROOT


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def locales(tmp_path):
    write(tmp_path, "es.yml", "theme:\n  search: Buscar\n  top: Volver arriba\nsite:\n  hello: Hola {name}\n  bye: Adiós\n")
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


def test_a_language_without_a_locale_file_falls_back_entirely(locales):
    zap = load_catalogs(locales, ["es", "zap"], "es")["zap"]
    assert zap.t("hello", name="X") == "Hola X"
    assert zap.coverage() == (0, 4)
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
    assert "nah" in report and "25%" in report and "100%" in report
