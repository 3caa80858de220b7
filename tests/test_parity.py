import pytest

from build_tools.facts import load_facts
from build_tools.translations.parity import compare
from project import ROOT

FACTS = load_facts(ROOT / "facts", ROOT)

SOURCE = """---
title: Aguinaldo
---

# El aguinaldo

## ¿Cuánto? {#cuanto}

Te toca {{ aguinaldo.dias }} de salario. Lee [el contrato](contrato.md#contenido).

## Ayuda {#ayuda}

Llama al {{ profedet.telefono }} o visita [la STPS](https://www.gob.mx/stps).
"""

GOOD = """---
title: Aguinaldo
translation:
  status: reviewed
---

# The aguinaldo

## How much? {#cuanto}

You get {{ aguinaldo.dias }} of pay. Read [the contract](contrato.md#contenido).

## Help {#ayuda}

Call {{ profedet.telefono }} or visit [the STPS](https://www.gob.mx/stps).
"""


def problems(translation: str) -> list[str]:
    return [str(p) for p in compare(SOURCE, translation, FACTS, "docs/es/a.md", "docs/en/a.md")]


def test_a_faithful_translation_has_no_problems():
    assert problems(GOOD) == []


@pytest.mark.parametrize(
    "broken, expected",
    [
        # fact references
        (GOOD.replace("{{ aguinaldo.dias }}", "{{ vacaciones.prima }}"),
         ["docs/en/a.md:11: fact reference '{{vacaciones.prima}}' is not in the Spanish source",
          "docs/en/a.md: fact reference '{{aguinaldo.dias}}' is missing; the Spanish source has it at docs/es/a.md:9"]),
        # internal link targets
        (GOOD.replace("contrato.md#contenido", "contrato.md"),
         ["docs/en/a.md:11: internal link 'contrato.md' is not in the Spanish source",
          "docs/en/a.md: internal link 'contrato.md#contenido' is missing; the Spanish source has it at docs/es/a.md:9"]),
        # heading anchors
        (GOOD.replace("## Help {#ayuda}", "## Help"),
         ["docs/en/a.md:13: heading id 'help' is not in the Spanish source",
          "docs/en/a.md: heading id 'ayuda' is missing; the Spanish source has it at docs/es/a.md:11"]),
        # tel: and external links
        (GOOD.replace("https://www.gob.mx/stps", "https://example.org"),
         ["docs/en/a.md:15: tel: or external link 'https://example.org' is not in the Spanish source",
          "docs/en/a.md: tel: or external link 'https://www.gob.mx/stps' is missing"]),
        # a number the source renders from a fact, typed as text
        (GOOD.replace("Call {{ profedet.telefono }}", "Call 800-717-2942 or {{ profedet.telefono }}"),
         ["docs/en/a.md:15: the number '8007172942' is typed as text; use {{ profedet.telefono }}"]),
    ],
    ids=["fact", "link", "heading", "external", "literal-number"],
)
def test_each_parity_rule_catches_a_broken_translation(broken, expected):
    found = problems(broken)
    for message in expected:
        assert any(p.startswith(message) for p in found), (message, found)


def test_literal_number_in_words_of_another_fact_is_not_flagged():
    assert problems(GOOD.replace("of pay.", "of pay (at least 3 times a year is not a rule).")) == []


def test_a_tel_link_typed_by_hand_is_reported():
    found = problems(GOOD.replace("or visit", "or [call](tel:+528007172942) or visit"))
    assert any("tel: or external link 'tel:+528007172942' is not in the Spanish source" in p for p in found)


def test_numbered_list_markers_are_not_typed_figures():
    source = SOURCE + "\n1. Uno.\n15. Quince {{ aguinaldo.dias }}.\n"
    translation = GOOD + "\n1. One.\n15. Fifteen {{ aguinaldo.dias }}.\n"
    assert compare(source, translation, FACTS, "es.md", "en.md") == []


def test_the_printable_summary_keeps_its_facts_and_figures():
    source = '---\ntitle: x\nsummary:\n  - "Te toca {{ aguinaldo.dias }}."\n---\n\n# x\n'
    same = '---\ntitle: x\nsummary:\n  - "You get {{ aguinaldo.dias }}."\n---\n\n# x\n'
    typed = '---\ntitle: x\nsummary:\n  - "You get 15 days."\n---\n\n# x\n'
    assert compare(source, same, FACTS, "es.md", "en.md") == []
    problems = compare(source, typed, FACTS, "es.md", "en.md")
    assert [(p.line, p.message[:40]) for p in problems] == [
        (None, "fact reference '{{aguinaldo.dias}}' is m"),
        (4, "the number '15' is typed as text; use {{"),
    ]
