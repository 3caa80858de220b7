"""Every quote in the facts is the law's own words.

The law text lives outside the project (``../shared/reference/law/`` or
$DC_LAW_DIR). When it is updated after a reform, the first test lists exactly
the facts whose quotes no longer match: check those facts again.
"""

import os
import textwrap
from pathlib import Path

import pytest

from build_tools.errors import ContentError
from build_tools.facts import LegalBasis, law_text, load_facts
from project import ROOT

# Quoting the law is how a reader can check a figure: most facts should do it
MIN_QUOTED_FACTS = 20


def require_law_text() -> Path:
    """The law folder; skip loudly on a developer machine without it, fail in CI."""
    directory = law_text.law_dir(ROOT)
    if not directory.is_dir():
        message = f"law text not found at {directory} (set {law_text.LAW_DIR_VARIABLE} to the folder with LFT.md)"
        if os.environ.get("CI"):
            pytest.fail(message + "; the quotes are always checked in CI")
        pytest.skip("SKIPPED, NOT RUN: " + message)
    return directory


def test_every_quote_is_in_the_article_it_cites():
    directory = require_law_text()
    facts = load_facts(ROOT / "facts", ROOT)
    check = law_text.check_quotes(facts.values(), directory)
    assert not check.problems, f"{len(check.problems)} of {check.checked} quotes do not match the law text in {directory}:\n" + "\n".join(
        str(problem) for problem in check.problems
    )


def test_enough_facts_quote_the_law():
    facts = load_facts(ROOT / "facts", ROOT)
    quoted = [fact.id for fact in facts.values() if any(basis.quote for basis in fact.legal_basis)]
    assert len(quoted) >= MIN_QUOTED_FACTS, f"only {len(quoted)} facts quote the law: {', '.join(quoted) or 'none'}"


# -----------------------------------------------------------------------------
# The 'quote' field of a legal basis

FACT = """\
aguinaldo:
  type: days
  legal_basis:
    - law: Ley Federal del Trabajo
      article: "87"
{extra}
  sources:
    - title: Fuente
      url: https://example.org/aguinaldo
  last_verified: 2026-11-01
  confidence: high
  value: 15
"""


def load(tmp_path, extra):
    (tmp_path / "x.yml").write_text(FACT.format(extra=textwrap.indent(extra, "      ")), encoding="utf-8")
    return load_facts(tmp_path, tmp_path)


def load_error(tmp_path, extra) -> str:
    with pytest.raises(ContentError) as error:
        load(tmp_path, extra)
    return str(error.value)


def test_a_folded_quote_is_read_with_its_line(tmp_path):
    facts = load(tmp_path, "quote: >-\n  Los trabajadores tendrán derecho a un aguinaldo anual\n  que deberá pagarse antes del día veinte de diciembre\n")
    assert facts["aguinaldo"].legal_basis == (
        LegalBasis(
            "Ley Federal del Trabajo",
            "87",
            "Los trabajadores tendrán derecho a un aguinaldo anual que deberá pagarse antes del día veinte de diciembre",
            6,
        ),
    )


def test_a_legal_basis_without_a_quote_still_loads(tmp_path):
    basis = load(tmp_path, "")["aguinaldo"].legal_basis[0]
    assert (basis.law, basis.article, basis.quote) == ("Ley Federal del Trabajo", "87", None)


@pytest.mark.parametrize("extra", ['quote: ""', "quote: >-\n", "quote:", 'quote: "   "'])
def test_an_empty_quote_is_an_error(tmp_path, extra):
    assert load_error(tmp_path, extra) == (
        "x.yml:6: fact 'aguinaldo': 'quote' must be the article's words, as text "
        "(write it after 'quote: >-' on the next lines)"
    )


@pytest.mark.parametrize("extra", ["quote: 15", "quote: [Los, trabajadores]", "quote: {text: Los trabajadores}"])
def test_a_quote_that_is_not_text_is_an_error(tmp_path, extra):
    assert "x.yml:6: fact 'aguinaldo': 'quote' must be the article's words, as text" in load_error(tmp_path, extra)


def test_an_unknown_field_in_a_legal_basis_names_file_and_line(tmp_path):
    message = load_error(tmp_path, "qoute: Los trabajadores tendrán derecho\n")
    assert message == "x.yml:6: fact 'aguinaldo': unknown field 'qoute' in a legal basis (allowed: article, law, quote)"
