"""Dates in facts files: impossible dates, other ways of writing a date,
overlapping ranges and gaps each give one message naming the file and line,
with no traceback and no knock-on errors."""

import datetime as dt
import textwrap

import pytest

from build_tools.errors import ContentError
from build_tools.facts import FACT_TYPES, load_facts
from build_tools.yaml_source import parse_yaml
from project import WAGE_FACT, line_of, run_tools

WAGE = WAGE_FACT

# A date fact: its value is a date too (lines: value 11, valid_from 12)
HOLIDAY = """\
holiday:
  type: date
  legal_basis: [{law: Ley Federal del Trabajo, article: "74"}]
  sources: [{title: Fuente, url: "https://example.org/holiday"}]
  last_verified: 2026-11-01
  confidence: high
  values:
    - value: 2026-12-25
      valid_from: 2026-01-01
      valid_until: 2026-12-31
    - value: 2027-12-25
      valid_from: 2027-01-01
"""


def write(folder, name, text):
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")


def problems(tmp_path, text, name="x.yml") -> list[str]:
    """The messages of loading one facts file, one per problem."""
    write(tmp_path, name, text)
    with pytest.raises(ContentError) as error:
        load_facts(tmp_path, tmp_path)
    messages = [str(problem) for problem in error.value.problems]
    for message in messages:
        assert "Traceback" not in message and "None" not in message, message
    return messages


def only_problem(tmp_path, text) -> str:
    found = problems(tmp_path, text)
    assert len(found) == 1, found
    return found[0]


def replace(text, old, new):
    assert old in text, old
    return text.replace(old, new, 1)


# -- Impossible dates, caught where the YAML is read


def test_impossible_date_names_the_file_line_and_month_length(tmp_path):
    message = only_problem(tmp_path, replace(WAGE, "valid_from: 2026-01-01", "valid_from: 2027-02-30"))
    assert message == (
        "x.yml:17: '2027-02-30' is not a real date: February 2027 has 28 days. Write the date as YYYY-MM-DD."
    )


def test_impossible_date_does_not_stop_other_files_being_checked(tmp_path):
    write(tmp_path, "a.yml", replace(WAGE, "last_verified: 2026-11-01", "last_verified: 2026-04-31"))
    write(tmp_path, "b.yml", replace(WAGE, "wage:", "wage2:").replace("type: money", "type: salary"))
    with pytest.raises(ContentError) as error:
        load_facts(tmp_path, tmp_path)
    assert [str(p) for p in error.value.problems] == [
        "a.yml:10: '2026-04-31' is not a real date: April 2026 has 30 days. Write the date as YYYY-MM-DD.",
        f"b.yml:2: fact 'wage2': 'type' must be one of {', '.join(FACT_TYPES)}",
    ]


def test_every_impossible_date_of_a_file_is_reported(tmp_path):
    text = replace(WAGE, "valid_from: 2025-01-01", "valid_from: 2025-13-01")
    text = replace(text, "valid_until: 2025-12-31", "valid_until: 2025-12-00")
    assert problems(tmp_path, text) == [
        "x.yml:14: '2025-13-01' is not a real date: there is no month 13 (months go from 01 to 12). Write the date as YYYY-MM-DD.",
        "x.yml:15: '2025-12-00' is not a real date: a month has no day 0. Write the date as YYYY-MM-DD.",
    ]


def test_leap_day_is_a_real_date(tmp_path):
    write(tmp_path, "x.yml", replace(WAGE, "last_verified: 2026-11-01", "last_verified: 2028-02-29"))
    assert load_facts(tmp_path, tmp_path)["wage"].last_verified == dt.date(2028, 2, 29)


@pytest.mark.parametrize("text, reason", [
    ("2100-02-29", "February 2100 has 28 days"),  # not a leap year: divisible by 100
    ("2027-06-31", "June 2027 has 30 days"),
    ("2027-02-30 10:00:00", "February 2027 has 28 days"),
])
def test_impossible_dates_in_any_yaml_file(text, reason):
    # Locales, redirects and facts share this loader
    with pytest.raises(ContentError) as error:
        parse_yaml(f"site:\n  day: {text}\n", "locales/xx.yml")
    assert str(error.value) == f"locales/xx.yml:2: '{text}' is not a real date: {reason}. Write the date as YYYY-MM-DD."


# -- Dates written another way


FORMS = [
    ("30/01/2027", "got '30/01/2027'"),
    ('"2027-01-30"', "got '2027-01-30' (in quotes, so it is read as text: remove the quotes)"),
    ("2027-1-5", "got '2027-1-5' (write it 2027-01-05, with two digits for the month and the day)"),
    ("1 de enero de 2027", "got '1 de enero de 2027'"),
    ("20270130", "got 20270130"),
    ("2027-01-30 10:00:00", "without a time of day; got '2027-01-30 10:00:00'"),
    ("", "it is empty"),
]
# (field, the text it replaces in HOLIDAY, its line, how the message names it)
FIELDS = [
    ("valid_from", "valid_from: 2027-01-01", 12, "'valid_from'"),
    ("valid_until", "valid_until: 2026-12-31", 10, "'valid_until'"),
    ("last_verified", "last_verified: 2026-11-01", 5, "'last_verified'"),
    ("value", "value: 2027-12-25", 11, "the value of a date fact"),
]


@pytest.mark.parametrize("written, got", FORMS, ids=[f[0] or "empty" for f in FORMS])
@pytest.mark.parametrize("field, old, line, name", FIELDS, ids=[f[0] for f in FIELDS])
def test_date_written_another_way_gives_one_message(tmp_path, field, old, line, name, written, got):
    message = only_problem(tmp_path, replace(HOLIDAY, old, f"{field}: {written}".rstrip()))
    assert message.startswith(f"x.yml:{line}: fact 'holiday': {name} must be a date written YYYY-MM-DD, like 2027-01-30")
    assert message.endswith(got)


@pytest.mark.parametrize("written", ["0000-1-5", "2027-2-30", "2027-13-1"])
def test_short_form_that_is_no_date_gets_no_suggestion(tmp_path, written):
    message = only_problem(tmp_path, replace(WAGE, "valid_from: 2026-01-01", f"valid_from: {written}"))
    assert message.endswith(f"got '{written}'")


def test_overlap_is_reported_with_other_problems_of_the_fact(tmp_path):
    text = replace(WAGE, "valid_until: 2025-12-31", "valid_until: 2026-03-31")
    found = problems(tmp_path, replace(text, "confidence: high", "confidence: sure"))
    assert [m.split(": fact")[0] for m in found] == ["x.yml:11", "x.yml:15"]


def test_every_badly_written_date_is_reported_at_once(tmp_path):
    text = replace(WAGE, "valid_from: 2025-01-01", "valid_from: 01/01/2025")
    text = replace(text, "valid_from: 2026-01-01", "valid_from: 1 de enero de 2026")
    found = problems(tmp_path, text)
    assert [m.split(": fact")[0] for m in found] == ["x.yml:14", "x.yml:17"]


# -- Overlapping ranges: the earlier value's end is what is wrong


def test_overlap_points_at_the_earlier_values_valid_until(tmp_path):
    message = only_problem(tmp_path, replace(WAGE, "valid_until: 2025-12-31", "valid_until: 2026-03-31"))
    assert message == (
        "x.yml:15: fact 'wage': the value from 2025-01-01 runs until 2026-03-31, so it overlaps the value "
        "from 2026-01-01 (line 17) and both would apply on the same days. "
        "Set this 'valid_until' to 2025-12-31, the day before the next value starts"
    )


def test_earlier_value_without_valid_until_overlaps_at_its_valid_from(tmp_path):
    message = only_problem(tmp_path, replace(WAGE, "      valid_until: 2025-12-31\n", ""))
    assert message == (
        "x.yml:14: fact 'wage': the value from 2025-01-01 has no 'valid_until', so it never ends and overlaps "
        "the value from 2026-01-01 (line 16). Give it 'valid_until: 2025-12-31', the day before the next value starts"
    )


def test_values_out_of_order_in_the_file_are_checked_in_date_order(tmp_path):
    text = WAGE.replace(
        "    - value: 278.80\n      valid_from: 2025-01-01\n      valid_until: 2025-12-31\n"
        "    - value: 315.04\n      valid_from: 2026-01-01\n",
        "    - value: 315.04\n      valid_from: 2026-01-01\n"
        "    - value: 278.80\n      valid_from: 2025-01-01\n      valid_until: 2026-01-15\n",
    )
    message = only_problem(tmp_path, text)
    assert message.startswith("x.yml:17: fact 'wage': the value from 2025-01-01 runs until 2026-01-15")
    assert "overlaps the value from 2026-01-01 (line 14)" in message


def test_two_values_starting_the_same_day(tmp_path):
    text = replace(WAGE, "valid_from: 2025-01-01", "valid_from: 2026-01-01")
    text = replace(text, "valid_until: 2025-12-31", "valid_until: 2026-12-31")
    message = only_problem(tmp_path, text)
    assert message.startswith("x.yml:17: fact 'wage': two values start on 2026-01-01 (lines 14 and 17)")


# -- Gaps: days with no value


def test_gap_between_values_is_an_error_at_the_later_valid_from(tmp_path):
    message = only_problem(tmp_path, replace(WAGE, "valid_until: 2025-12-31", "valid_until: 2025-11-30"))
    assert message == (
        "x.yml:17: fact 'wage': no value is in force from 2025-12-01 to 2025-12-31: the value before (line 15) "
        "ends on 2025-11-30 and this one starts on 2026-01-01. "
        "Start this value on 2025-12-01, end the one before on 2025-12-31, or add a value for those days"
    )


def test_gap_of_one_day(tmp_path):
    message = only_problem(tmp_path, replace(WAGE, "valid_until: 2025-12-31", "valid_until: 2025-12-30"))
    assert "no value is in force on 2025-12-31:" in message


def test_values_that_meet_leave_no_gap(tmp_path):
    write(tmp_path, "x.yml", WAGE)
    wage = load_facts(tmp_path, tmp_path)["wage"]
    assert wage.value_on(dt.date(2025, 12, 31)).valid_until == dt.date(2025, 12, 31)
    assert wage.value_on(dt.date(2026, 1, 1)).valid_from == dt.date(2026, 1, 1)


# -- Other range mistakes


def test_value_without_valid_from_among_several(tmp_path):
    message = only_problem(tmp_path, replace(WAGE, "      valid_from: 2026-01-01\n", ""))
    assert message.startswith("x.yml:16: fact 'wage': this value has no 'valid_from'")


def test_valid_until_before_valid_from(tmp_path):
    message = only_problem(tmp_path, replace(WAGE, "valid_until: 2025-12-31", "valid_until: 2024-12-31"))
    assert message == "x.yml:15: fact 'wage': 'valid_until' (2024-12-31) is before 'valid_from' (2025-01-01)"


# -- The command maintainers run


def run_facts_command(project, *args):
    return run_tools(project, "facts", *args, timeout=120)


def test_facts_command_reports_bad_dates_without_a_traceback(project_copy):
    salarios = project_copy / "facts/salarios.yml"
    salarios.write_text(
        replace(salarios.read_text(encoding="utf-8"), "      valid_until: 2025-12-31\n", "      valid_until: 31/12/2025\n"),
        encoding="utf-8",
    )
    until = line_of(salarios, "valid_until: 31/12/2025", after="salario_minimo.general:")
    plazos = project_copy / "facts/plazos.yml"
    verified = line_of(plazos, "last_verified:")
    text = plazos.read_text(encoding="utf-8").splitlines(keepends=True)
    text[verified - 1] = "  last_verified: 2026-02-30\n"
    plazos.write_text("".join(text), encoding="utf-8")
    result = run_facts_command(project_copy)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"facts/plazos.yml:{verified}: '2026-02-30' is not a real date: February 2026 has 28 days." in output
    assert (
        f"facts/salarios.yml:{until}: fact 'salario_minimo.general': 'valid_until' must be a date written YYYY-MM-DD, "
        "like 2027-01-30; got '31/12/2025'" in output
    )
    assert "Traceback" not in output and "None" not in output
    assert "overlaps" not in output  # no knock-on error from the unreadable date
