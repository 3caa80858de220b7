"""Property tests: whatever a contributor writes, the parsers answer with a
value or with our own error naming the file, never an unhandled exception."""

import datetime as dt
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools import front_matter
from build_tools.checks.pages import check_page
from build_tools.errors import ContentError
from build_tools.facts import FACT_TYPES, load_facts
from build_tools.i18n.locales import load_catalogs

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    st.sampled_from([*FACT_TYPES, "high", "low", "unverified", "https://example.org", "800 717 2942", "day"]),
)
yaml_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["type", "value", "values", "sources", "legal_basis", "title", "url", "law",
                         "article", "valid_from", "valid_until", "confidence", "last_verified", "per",
                         "columns", "key", "note", "x"]) | st.text(max_size=8),
        children, max_size=6,
    ),
    max_leaves=25,
)


def load_fact_text(text: str):
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "f.yml").write_text(text, encoding="utf-8")
        try:
            return load_facts(Path(folder), Path(folder))
        except ContentError as error:
            assert all(p.path == "f.yml" for p in error.problems), error
            return error


@SETTINGS
@given(st.text(max_size=300))
def test_fact_files_of_arbitrary_text(text):
    load_fact_text(text)


# A list or a mapping as a key ("? [a, b]"): PyYAML's own constructor says
# so, ours keeps line numbers and has to say it too
@pytest.mark.parametrize("text, line", [
    ("? [1, 2]\n: x\n", 1), ("{[1]: x}\n", 1), ("? {a: 1}\n: x\n", 1), ("a:\n  ? 0:\n", 2),
])
def test_a_key_that_is_a_list_or_a_mapping_is_named_with_its_line(text, line):
    error = load_fact_text(text)
    assert isinstance(error, ContentError)
    assert [(p.path, p.line) for p in error.problems] == [("f.yml", line)]
    assert "a key must be a single word or text" in error.problems[0].message


@SETTINGS
@given(st.dictionaries(st.text(min_size=1, max_size=12), yaml_values, max_size=3))
def test_fact_files_of_arbitrary_yaml_structures(data):
    load_fact_text(yaml.safe_dump(data, allow_unicode=True))


@SETTINGS
@given(st.text(max_size=300))
def test_locale_files_of_arbitrary_text(text):
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "es.yml").write_text("site:\n  a: A\n", encoding="utf-8")
        Path(folder, "en.yml").write_text(text, encoding="utf-8")
        try:
            load_catalogs(Path(folder), ["es", "en"], "es", Path(folder))
        except ContentError as error:
            assert all(p.path == "en.yml" for p in error.problems)


@SETTINGS
@given(st.text(max_size=200), yaml_values)
def test_pages_with_arbitrary_headers(body, header):
    for text in (
        body,
        "---\n" + body,
        "---\n" + yaml.safe_dump(header, allow_unicode=True) + "---\n\n" + body,
        "---\n" + body + "\n---\n" + body,
    ):
        split = front_matter.split(text)
        assert isinstance(split.meta, dict)
        problems = check_page(text, "docs/es/x.md")
        assert all(p.path == "docs/es/x.md" for p in problems)
