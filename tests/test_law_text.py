"""Finding a quote in the law text, on small law files made for each test."""

import datetime as dt
from pathlib import Path

import pytest

from build_tools.facts import DatedValue, Fact, LegalBasis, Source, law_text
from build_tools.facts.law_text import article_ids, check_quotes, law_dir, law_for

LFT = "Ley Federal del Trabajo"

# Laid out as the converted PDFs are: running headers between pages (here in
# the middle of article 87), reform notes, bold headers, fractions on their own
# line, and transitional articles after a heading at the end.
LAW = """\
# Ley Federal del Trabajo

LEY FEDERAL DEL TRABAJO

Últimas Reformas DOF 01-05-2026

## TITULO PRIMERO

**Artículo 3o.-** El trabajo es un derecho y un deber social.

**Artículo 3o.** Bis.- Para efectos de esta Ley se entiende por:
a) Hostigamiento, el ejercicio del poder en una relación de subordinación.
Artículo adicionado DOF 30-11-2012

**Artículo 15-A.** El trabajo en régimen de subcontratación queda prohibido.

**Artículo 22 Bis.** Queda prohibido el trabajo de menores de quince años.

**Artículo 22 Ter.** Queda prohibido el trabajo de menores de dieciocho años en **lugares insalubres**.

**Artículo 76.-** Las personas trabajadoras que tengan más de un año de servicios disfrutarán de un
período anual de vacaciones pagadas, que en ningún caso podrá ser inferior a doce días laborables.

**Artículo 87.-** Los trabajadores tendrán derecho a un aguinaldo anual que deberá pagarse antes del
día veinte de diciembre, equivalente a quince días de

LEY FEDERAL DEL TRABAJO

Últimas Reformas DOF 01-05-2026

salario, por lo menos.
Párrafo reformado DOF 30-11-2012
Los que no hayan cumplido el año de servicios   tendrán derecho a que se les pague la parte
proporcional del mismo.

**Artículo 88.-** Los plazos para el pago del salario nunca podrán ser mayores de una semana.

#### seccion es que integren el sindicato.

Los plazos para el pago de las demás personas trabajadoras nunca podrán ser mayores de quince días.

## TRANSITORIOS

**Artículo Cuarto.-** La jornada se reducirá de manera gradual hasta llegar a cuarenta horas en
el año 2030.

**Artículo 87.-** Los trabajadores tendrán derecho a un aguinaldo de diez días.
"""

CONSTITUTION = """\
**Artículo 123.** Toda persona tiene derecho al trabajo digno y socialmente útil.
A. Entre los obreros, jornaleros, empleados domésticos:
I. La duración de la jornada máxima será de ocho horas.
"""


@pytest.fixture()
def law(tmp_path):
    (tmp_path / "LFT.md").write_text(LAW, encoding="utf-8")
    (tmp_path / "CPEUM.md").write_text(CONSTITUTION, encoding="utf-8")
    return law_for(LFT, tmp_path)


def test_a_quote_across_a_running_header_and_line_breaks_is_found(law):
    quote = (
        "Los trabajadores tendrán derecho a un aguinaldo anual que deberá pagarse antes del día veinte de "
        "diciembre, equivalente a quince días de salario, por lo menos."
    )
    assert law.find(quote, "87") is None
    # Folded YAML keeps a line break here and there; repeated spaces do not count either
    assert law.find(quote.replace("anual que", "anual\nque").replace("días de", "días  de"), "87") is None


def test_a_reform_note_between_paragraphs_is_not_part_of_the_quote(law):
    quote = "equivalente a quince días de salario, por lo menos. Los que no hayan cumplido el año de servicios tendrán derecho"
    assert law.find(quote, "87") is None
    assert law.find("por lo menos. Párrafo reformado DOF 30-11-2012 Los que", "87") is not None


def test_running_headers_are_not_the_law(law):
    assert "Últimas Reformas" not in law.text
    assert "LEY FEDERAL DEL TRABAJO" not in law.text
    reason = law.find("equivalente a quince días de LEY FEDERAL DEL TRABAJO salario", "87")
    assert reason is not None


def test_bold_emphasis_does_not_count(law):
    assert law.find("dieciocho años en lugares insalubres", "22 Ter") is None
    assert law.find("dieciocho años en **lugares insalubres**", "22 Ter") is None


def test_an_ellipsis_joins_parts_of_the_same_article_in_order(law):
    assert law.find("Los trabajadores tendrán derecho a un aguinaldo anual … quince días de salario", "87") is None
    assert law.find("Los trabajadores tendrán derecho … la parte proporcional del mismo.", "87") is None
    assert law.find("Los trabajadores tendrán derecho [...] por lo menos.", "87") is None
    assert law.find("quince días de salario … Los trabajadores tendrán derecho", "87") == (
        "each part of the quote is in article 87 of the Ley Federal del Trabajo, "
        "but «Los trabajadores tendrán derecho» comes earlier there, not after the «…»"
    )


def test_an_ellipsis_does_not_join_two_articles(law):
    # Each part is in the law, but the second is in article 88
    reason = law.find("Los trabajadores tendrán derecho … nunca podrán ser mayores de una semana", "87")
    assert reason == (
        "these words are not in article 87 of the Ley Federal del Trabajo: «nunca podrán ser mayores de una semana»"
    )
    assert law.find("Los trabajadores tendrán derecho … nunca podrán ser mayores de una semana", "87 y 88") == (
        "the parts of the quote are in articles 87 y 88 of the Ley Federal del Trabajo, but not all in one article; "
        "quote each article in its own legal basis"
    )


def test_a_quote_in_the_wrong_article_says_where_it_is(law):
    reason = law.find("que en ningún caso podrá ser inferior a doce días laborables", "87")
    assert reason == (
        "the quote is in the Ley Federal del Trabajo, but not in the article cited (87); it is in article 76"
    )


def test_a_quote_not_in_the_law_shows_where_it_stops_following_the_law(law):
    reason = law.find("deberá pagarse antes del día diez de diciembre", "87")
    assert reason.startswith("the quote follows article 87 of the Ley Federal del Trabajo up to «")
    assert "«diez de diciembre»" in reason
    assert "where the law has «veinte de diciembre," in reason
    assert law.find("Nada de esto está en la ley", "87") == (
        "these words are not in article 87 of the Ley Federal del Trabajo: «Nada de esto está en la ley»"
    )
    assert law.find("Nada de esto está en la ley") == (
        "these words are not in the Ley Federal del Trabajo: «Nada de esto está en la ley»"
    )


def test_an_article_the_law_does_not_have(law):
    assert law.find("Los trabajadores tendrán derecho", "8700") == (
        "the Ley Federal del Trabajo has no article 8700 (the legal basis cites '8700')"
    )


def test_bis_ter_and_lettered_articles(law):
    assert law.find("Para efectos de esta Ley se entiende por: a) Hostigamiento", "3o. Bis") is None
    assert law.find("Para efectos de esta Ley se entiende por", "3 Bis") is None
    assert law.find("El trabajo es un derecho y un deber social.", "3o.") is None
    assert law.find("Para efectos de esta Ley", "3o.") is not None
    assert law.find("queda prohibido", "15-A") is None
    assert law.find("Queda prohibido el trabajo de menores de quince años.", "22 Bis") is None
    assert "it is in article 22 Bis" in law.find("Queda prohibido el trabajo de menores de quince años.", "22 Ter")
    assert list(law.articles)[:5] == ["3", "3 bis", "15 a", "22 bis", "22 ter"]


def test_article_ids_as_facts_cite_them():
    assert article_ids("87") == ["87"]
    assert article_ids("279 Bis y 280") == ["279 bis", "280"]
    assert article_ids("170 fr. II Bis") == ["170"]
    assert article_ids("5 A fr. XIX") == ["5 a"]
    assert article_ids("3o. Bis") == ["3 bis"]
    # Dates and titles are not article numbers
    assert article_ids("DOF 24 de enero de 2024") == []
    assert article_ids("Título VI, capítulo XIII") == []
    assert article_ids("Título II, capítulo XI (arts. 239-A y siguientes)") == ["239 a"]
    assert article_ids("Cuarto transitorio, DOF 01-05-2026") == []


def test_a_range_of_articles_covers_every_article_in_it(law):
    assert law.cited("76 a 88")[0] == ["76", "87", "88"]
    assert law.cited("22 Bis y siguientes")[0] == ["22 bis", "22 ter", "76", "87", "88"]
    assert law.find("nunca podrán ser mayores de una semana", "76 a 88") is None


def test_a_transitional_article_is_looked_for_in_the_whole_text(law):
    quote = "La jornada se reducirá de manera gradual hasta llegar a cuarenta horas en el año 2030."
    assert law.find(quote, "Cuarto transitorio, DOF 01-05-2026") is None
    # Transitional text belongs to no article of the law
    assert law.find(quote, "88").startswith("these words are not in article 88 of the Ley Federal del Trabajo: «La jornada")


def test_a_decree_quoting_an_article_again_does_not_replace_it(law):
    assert "aguinaldo anual" in law.articles["87"]
    assert "diez días" not in law.articles["87"]


def test_an_apartado_of_the_constitution_is_its_article(tmp_path, law):
    constitution = law_for("Constitución Política de los Estados Unidos Mexicanos", tmp_path)
    assert constitution.find("La duración de la jornada máxima será de ocho horas.", "123 A fr. I") is None
    # In other laws "15 A" is an article of its own
    assert law.cited("87 A") == ([], ["87 A"])


def test_empty_quote_and_unknown_law(tmp_path, law):
    assert law.find(" … ", "87") == "the quote is empty"
    assert law_for("Ley del Seguro Social", tmp_path) is None  # no file for it here
    assert law_for("Decreto de reforma", tmp_path) is None


def _fact(fact_id, *basis):
    value = DatedValue(15, None, None, "high", (Source("T", "https://example.org"),))
    return Fact(fact_id, "days", (value,), basis, dt.date(2026, 11, 1), "facts/x.yml", 3)


def test_check_quotes_lists_every_bad_quote_with_its_line(tmp_path, law):
    facts = [
        _fact("good", LegalBasis(LFT, "87", "equivalente a quince días de salario, por lo menos.", 7)),
        _fact("no_quote", LegalBasis(LFT, "87")),
        _fact("wrong_article", LegalBasis(LFT, "88", "equivalente a quince días de salario", 17)),
        _fact("decree", LegalBasis("Decreto de reforma", "DOF 2 de julio de 2019", "Se reforma", 27)),
    ]
    check = check_quotes(facts, tmp_path)
    assert check.checked == 3
    assert [str(p) for p in check.problems] == [
        "facts/x.yml:17: fact 'wrong_article': the quote is in the Ley Federal del Trabajo, "
        "but not in the article cited (88); it is in article 87",
        "facts/x.yml:27: fact 'decree': there is no text of the law 'Decreto de reforma' to check the quote "
        "against (there is for: Ley Federal del Trabajo (LFT.md), Ley del Seguro Social (LSS.md), "
        "Constitución Política de los Estados Unidos Mexicanos (CPEUM.md))",
    ]


def test_law_dir_is_beside_the_project_unless_set(monkeypatch, tmp_path):
    monkeypatch.delenv(law_text.LAW_DIR_VARIABLE, raising=False)
    assert law_dir(tmp_path / "project") == tmp_path / "shared" / "reference" / "law"
    monkeypatch.setenv(law_text.LAW_DIR_VARIABLE, str(tmp_path / "elsewhere"))
    assert law_dir(tmp_path / "project") == Path(tmp_path / "elsewhere")


def test_a_stray_heading_inside_an_article_does_not_end_it(law):
    # The conversion made a heading of a line of prose; the article goes on after it
    assert law.find("nunca podrán ser mayores de quince días", "88") is None
