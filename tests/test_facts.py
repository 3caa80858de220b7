import datetime as dt
import textwrap
from decimal import Decimal

import pytest

from build_tools.errors import ContentError
from build_tools.facts import load_facts
from project import ROOT, WAGE_FACT

GOOD = WAGE_FACT


def facts_dir(tmp_path, text, name="x.yml"):
    (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def load_error(tmp_path, text) -> str:
    with pytest.raises(ContentError) as error:
        load_facts(facts_dir(tmp_path, text), tmp_path)
    return str(error.value)


def test_project_facts_load_and_are_valid():
    registry = load_facts(ROOT / "facts", ROOT)
    assert registry["salario_minimo.general"].value_on(dt.date(2026, 6, 1)).value == Decimal("315.04")


def test_value_in_force_depends_on_the_date(tmp_path):
    wage = load_facts(facts_dir(tmp_path, GOOD))["wage"]
    assert wage.value_on(dt.date(2025, 7, 1)).value == Decimal("278.80")
    assert wage.value_on(dt.date(2026, 1, 1)).value == Decimal("315.04")
    assert wage.value_on(dt.date(2024, 12, 31)) is None
    assert wage.next_change(dt.date(2025, 7, 1)).valid_from == dt.date(2026, 1, 1)
    assert wage.next_change(dt.date(2026, 7, 1)) is None


def test_phased_values_follow_the_schedule():
    hours = load_facts(ROOT / "facts", ROOT)["jornada.horas_semanales_maximas"]
    expected = {2026: 48, 2027: 46, 2028: 44, 2029: 42, 2030: 40, 2035: 40}
    assert {year: hours.value_on(dt.date(year, 6, 1)).value for year in expected} == expected


def test_malformed_yaml_names_file_and_line(tmp_path):
    message = load_error(tmp_path, "wage:\n  type: money\n  value: [1, 2\n  sources: x\n")
    assert "x.yml:" in message
    assert "cannot be read" in message


def test_unknown_type_names_the_line(tmp_path):
    message = load_error(tmp_path, GOOD.replace("type: money", "type: salary"))
    assert "x.yml:2:" in message and "'type' must be one of" in message


def test_value_of_the_wrong_type(tmp_path):
    message = load_error(tmp_path, GOOD.replace("value: 315.04", 'value: "mucho"'))
    assert "x.yml:16:" in message and "must be a number" in message


def test_fact_without_a_source(tmp_path):
    text = GOOD.replace("  sources:\n    - title: Fuente\n      url: https://example.org/wage\n", "")
    assert "needs at least one source" in load_error(tmp_path, text)


@pytest.mark.parametrize("url", ["http://[www.gob.mx/profedet", "https://", "https:// gob.mx", "ftp://gob.mx"])
def test_a_source_address_that_cannot_be_opened(tmp_path, url):
    text = GOOD.replace("url: https://example.org/wage", f"url: '{url}'")
    assert text != GOOD
    assert "each source needs a 'title' and a 'url' starting with https:// or http://" in load_error(tmp_path, text)


@pytest.mark.parametrize("fact_type, value, expected", [
    ("money", ".nan", "must be a number of zero or more, got nan"),
    ("money", ".inf", "must be a number of zero or more, got inf"),
    ("days", ".nan", "must be a number of zero or more, got nan"),
    ("hours", ".inf", "must be a number of zero or more, got inf"),
    ("money", "315.041", "a money amount has at most two decimals (centavos), got 315.041"),
])
def test_a_figure_a_page_could_not_show_as_written(tmp_path, fact_type, value, expected):
    """YAML reads .nan and .inf as numbers; pages show pesos and centavos."""
    text = GOOD.replace("value: 315.04", f"value: {value}")
    if fact_type != "money":
        text = text.replace("type: money\n  per: day", f"type: {fact_type}").replace("value: 278.80", "value: 1")
    assert text != GOOD
    error = load_error(tmp_path, text)
    assert error.startswith(f"x.yml:{text.splitlines().index(f'    - value: {value}') + 1}: fact 'wage': "), error
    assert expected in error


def test_fact_without_legal_basis(tmp_path):
    text = GOOD.replace('  legal_basis:\n    - law: Ley Federal del Trabajo\n      article: "570"\n', "")
    assert "legal basis" in load_error(tmp_path, text)


def test_overlapping_validity_dates(tmp_path):
    assert "overlaps" in load_error(tmp_path, GOOD.replace("valid_until: 2025-12-31", "valid_until: 2026-03-31"))


def test_missing_valid_until_before_a_later_value_overlaps(tmp_path):
    assert "overlaps" in load_error(tmp_path, GOOD.replace("      valid_until: 2025-12-31\n", ""))


def test_same_id_twice_in_one_file(tmp_path):
    message = load_error(tmp_path, GOOD + "\n" + GOOD)
    assert "appears twice" in message


def test_same_id_in_two_files(tmp_path):
    facts_dir(tmp_path, GOOD, "a.yml")
    facts_dir(tmp_path, GOOD, "b.yml")
    with pytest.raises(ContentError) as error:
        load_facts(tmp_path, tmp_path)
    assert "b.yml:1" in str(error.value) and "already defined in a.yml:1" in str(error.value)


def test_unknown_field_is_reported(tmp_path):
    assert "unknown field 'sorce'" in load_error(tmp_path, GOOD.replace("confidence: high", "confidence: high\n  sorce: x"))


def test_invalid_phone_number(tmp_path):
    text = """\
    tel:
      type: phone
      sources: [{title: T, url: "https://example.org"}]
      last_verified: 2026-11-01
      confidence: low
      value: "800 717 294"
    """
    assert "not a valid phone number" in load_error(tmp_path, text)


def test_table_rows_must_match_columns(tmp_path):
    text = """\
    t:
      type: table
      columns: [{key: years, type: text}, {key: days, type: number}]
      legal_basis: [{law: LFT, article: "76"}]
      sources: [{title: T, url: "https://example.org"}]
      last_verified: 2026-11-01
      confidence: high
      value:
        - {years: "1", days: 12}
        - {years: "2", dias: 14}
    """
    assert "row 2" in load_error(tmp_path, text)


def test_translated_table_cell_needs_the_spanish_text(tmp_path):
    text = """\
    t:
      type: table
      columns: [{key: day, type: text}]
      legal_basis: [{law: LFT, article: "74"}]
      sources: [{title: T, url: "https://example.org"}]
      last_verified: 2026-11-01
      confidence: high
      value:
        - {day: {en: "May 1"}}
    """
    assert "row 1" in load_error(tmp_path, text)


def test_all_problems_are_reported_at_once(tmp_path):
    text = GOOD.replace("confidence: high", "confidence: sure").replace("last_verified: 2026-11-01", "last_verified: soon")
    message = load_error(tmp_path, text)
    assert "confidence" in message and "last_verified" in message


def test_staleness_lists_expired_and_old_facts(tmp_path):
    text = GOOD.replace("      valid_from: 2026-01-01\n", "      valid_from: 2026-01-01\n      valid_until: 2026-12-31\n")
    registry = load_facts(facts_dir(tmp_path, text))
    assert not registry.staleness(dt.date(2026, 11, 21), 365)
    late = registry.staleness(dt.date(2027, 2, 1), 365)
    assert [f.id for f in late.expired] == ["wage"]
    assert [f.id for f in registry.staleness(dt.date(2028, 1, 1), 365).old] == ["wage"]
