"""A dated value may have its own confidence, sources and note: the page and
its list of sources show the value's own, or else the fact's."""

import datetime as dt

import markdown
import pytest

from build_tools.errors import ContentError
from build_tools.facts import Source, load_facts
from build_tools.facts.markdown_extension import Document, FactsExtension
from build_tools.facts.rendering import RenderContext, render_sources
from build_tools.i18n.languages import babel_locale
from build_tools.i18n.locales import load_catalogs
from project import ROOT

CATALOG = load_catalogs(ROOT / "locales", ["es"], "es", ROOT)["es"]

FACT = """\
wage:
  type: money
  per: day
  legal_basis: [{law: Ley Federal del Trabajo, article: "570"}]
  sources: [{title: Fuente del dato, url: "https://example.org/fact-source"}]
  last_verified: 2026-11-01
  confidence: high
  note: "Nota del dato."
  values:
    - value: 100
      valid_from: 2025-01-01
      valid_until: 2025-12-31
      confidence: unverified
      sources: [{title: Fuente del valor, url: "https://example.org/value-source"}]
      note: "Nota del valor."
    - value: 200
      valid_from: 2026-01-01
      valid_until: 2026-12-31
    - value: 300
      valid_from: 2027-01-01
      confidence: unverified
"""
FACT_SOURCE = Source("Fuente del dato", "https://example.org/fact-source")
VALUE_SOURCE = Source("Fuente del valor", "https://example.org/value-source")


@pytest.fixture
def facts(tmp_path):
    (tmp_path / "x.yml").write_text(FACT, encoding="utf-8")
    return load_facts(tmp_path, tmp_path)


def render(facts, text, as_of):
    ctx = RenderContext("es", babel_locale("es", "es_MX"), CATALOG, as_of)
    document = Document("docs/es/page.md", 0, ctx)
    md = markdown.Markdown(extensions=[FactsExtension(facts=facts, document=lambda: document)])
    return md.convert(text), render_sources(md.fact_context)


def test_each_value_keeps_its_own_or_the_facts_confidence_sources_and_note(facts):
    own, inherited, own_confidence_only = facts["wage"].values
    assert (own.confidence, own.sources, own.note) == ("unverified", (VALUE_SOURCE,), "Nota del valor.")
    assert (inherited.confidence, inherited.sources, inherited.note) == ("high", (FACT_SOURCE,), None)
    assert (own_confidence_only.confidence, own_confidence_only.sources) == ("unverified", (FACT_SOURCE,))


def test_value_with_its_own_confidence_and_sources_shows_them(facts):
    page, sources = render(facts, "{{ wage }}", dt.date(2025, 6, 1))
    assert "(por confirmar)" in page
    assert "https://example.org/value-source" in sources
    assert "https://example.org/fact-source" not in sources
    assert "Confianza: sin verificar." in sources
    assert "Nota del valor." in sources and "Nota del dato." in sources


def test_value_without_its_own_shows_the_facts(facts):
    page, sources = render(facts, "{{ wage }}", dt.date(2026, 6, 1))
    assert "$200.00" in page and "por confirmar" not in page
    assert "https://example.org/fact-source" in sources
    assert "https://example.org/value-source" not in sources
    assert "Confianza: alta." in sources
    assert "Nota del valor." not in sources


def test_next_value_is_flagged_by_its_own_confidence(facts):
    page, _ = render(facts, "{{ wage }}. {{ wage | next }}", dt.date(2026, 6, 1))
    now, change = page.split("A partir del")
    assert "por confirmar" not in now
    assert "$300.00" in change and "(por confirmar)" in change


def test_a_values_own_confidence_must_be_valid(tmp_path):
    (tmp_path / "x.yml").write_text(FACT.replace("      confidence: unverified\n", "      confidence: dudosa\n", 1), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_facts(tmp_path, tmp_path)
    assert str(error.value) == "x.yml:13: fact 'wage': 'confidence' must be one of high, medium, low, unverified"
