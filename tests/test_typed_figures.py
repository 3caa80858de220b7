"""Figures typed by hand: what counts, what does not, and what the message says."""


import pytest

from build_tools.checks.typed_figures import check_page, find_figures
from build_tools.facts import load_facts
from build_tools.markdown_source import reader_lines
from project import ROOT

FACTS = load_facts(ROOT / "facts", ROOT)


def found(text: str, lang: str = "es") -> list[tuple[str, str]]:
    return [(figure.text, figure.kind) for figure in find_figures(text, lang)]


@pytest.mark.parametrize(
    "line, expected",
    [
        # money
        ("Ganas $346.54 al día.", [("$346.54", "money")]),
        ("Son $ 346 a la semana.", [("$ 346", "money")]),
        ("Son MX$346.54 al día.", [("MX$346.54", "money")]),
        ("Son 346.54 pesos al día.", [("346.54 pesos", "money")]),
        ("Son 346 pesos.", [("346 pesos", "money")]),
        ("Te deben $1,234.50.", [("$1,234.50", "money")]),
        ("Te deben dos mil pesos.", [("dos mil pesos", "money")]),
        # lengths of time, in digits and in words
        ("Te tocan 15 días.", [("15 días", "days")]),
        ("Te tocan quince días.", [("quince días", "days")]),
        ("Descansa seis días.", [("seis días", "days")]),
        ("Tienes un día y medio de descanso.", [("un día y medio", "days")]),
        ("Tienes treinta y un días.", [("treinta y un días", "days")]),
        ("Son veintidós semanas.", [("veintidós semanas", "weeks")]),
        ("Espera dos semanas.", [("dos semanas", "weeks")]),
        ("Durante seis meses.", [("seis meses", "months")]),
        ("Si tienes quince años.", [("quince años", "years")]),
        ("Trabajas 48 horas.", [("48 horas", "hours")]),
        ("Una pausa de media hora.", [("media hora", "hours")]),
        ("Una o dos semanas.", [("dos semanas", "weeks")]),
        # percentages
        ("El 25% del salario.", [("25%", "percent")]),
        ("El 25 % del salario.", [("25 %", "percent")]),
        ("El 25 por ciento del salario.", [("25 por ciento", "percent")]),
        ("El veinticinco por ciento del salario.", [("veinticinco por ciento", "percent")]),
        # phone numbers
        ("Llama al 800 717 2942.", [("800 717 2942", "phone")]),
        ("Llama al 55 1234 5678.", [("55 1234 5678", "phone")]),
        ("Llama al (55) 1234-5678.", [("(55) 1234-5678", "phone")]),
        ("Llama al +52 55 1234 5678.", [("+52 55 1234 5678", "phone")]),
        ("Llama al 01 800 717 2942.", [("01 800 717 2942", "phone")]),
        ("Llama al 8007172942.", [("8007172942", "phone")]),
        ("[Llama](tel:+528007172942).", [("tel:+528007172942", "tel")]),
        ('<a href="tel:5512345678">Llama</a>', [("tel:5512345678", "tel")]),
        # several on one line, in order
        ("Ganas $346.54 y 15 días.", [("$346.54", "money"), ("15 días", "days")]),
    ],
)
def test_spanish_figures_are_found(line, expected):
    assert found(line) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("You get 15 days.", [("15 days", "days")]),
        ("Wait two weeks.", [("two weeks", "weeks")]),
        ("You rest a day and a half.", [("a day and a half", "days")]),
        ("You rest one and a half days.", [("one and a half days", "days")]),
        ("A break of half an hour.", [("half an hour", "hours")]),
        ("You get twenty-five days.", [("twenty-five days", "days")]),
        ("Pay every two months.", [("two months", "months")]),
        ("A 24-hour line.", [("24-hour", "hours")]),
        ("At least 25 percent.", [("25 percent", "percent")]),
        ("At least 25 per cent.", [("25 per cent", "percent")]),
        ("At least 25%.", [("25%", "percent")]),
        ("It is MX$346.54 a day.", [("MX$346.54", "money")]),
    ],
)
def test_english_figures_are_found(line, expected):
    assert found(line, "en") == expected


@pytest.mark.parametrize(
    "line",
    [
        # "un día", "one day": ordinary prose, not a length the law sets
        "Multiplica tu salario de un día.",
        "Si trabajaste menos de un año.",
        "En una semana puedes trabajar más.",
        # years, dates, times, ordinals, numbers with no unit
        "Desde la reforma de 2019.",
        "El 1 de mayo de 2019 cambió la ley.",
        "Entre 2025-2026 y 2026-11-21.",
        "Abre de 8:00 a 16:00 horas.",
        "En el primer año.",
        "Paso 3: usa Python 3.11.",
        "Divídelo entre treinta.",
        # fact references, code, links, ids, comments, list markers
        "Te tocan {{ aguinaldo.dias }}.",
        "Escribe `15 días` así no.",
        "Lee [la guía](salario.md#15-dias).",
        "Visita https://example.org/pago/15%20dias o <https://example.org/25%>.",
        "## Cuánto {#15-dias}",
        "Texto {: #a15 }",
        "<!-- 15 días -->",
        "1. Paso uno.",
        "15. Paso quince.",
        '<img src="x.png" width="15%">',
        "Tel: {{ profedet.telefono }}",
    ],
)
def test_what_is_not_a_figure(line):
    assert found(line) == []


def test_a_lone_one_is_read_only_in_spanish_and_english_prose():
    assert found("You get your pay for one day, once a year.", "en") == []
    # Number words are read only for languages whose words the module knows
    assert found("Quince días. 15 días.", "nah") == [("15 días", "days")]
    assert found("Llama al 800 717 2942 o paga $346.", "tzo") == [("800 717 2942", "phone"), ("$346", "money")]


def test_fenced_code_and_html_comments_across_lines_are_not_read():
    text = "# X\n\n```\n$346.54\n```\n\n<!--\n15 días\n-->\n\n~~~\n15 días\n~~~\n\nSon 15 días.\n"
    assert [(f.line, f.text) for f in find_figures(text, "es")] == [(15, "15 días")]


def test_lines_count_from_the_top_of_the_file_with_front_matter():
    text = "---\ntitle: X\ndescription: Y\n---\n\n# X\n\nTexto.\n\nSon 15 días.\n"
    assert [(f.line, f.text) for f in find_figures(text, "es")] == [(10, "15 días")]


def test_summary_lines_count_with_their_own_line():
    text = (
        "---\ntitle: X\nsummary:\n"
        '  - "Te toca el salario de {{ aguinaldo.dias }}."\n'
        '  - "Y una prima del 25 %."\n'
        "---\n\n# X\n\nTexto.\n"
    )
    assert [(f.line, f.text, f.kind) for f in find_figures(text, "es")] == [(5, "25 %", "percent")]


def test_a_front_matter_that_cannot_be_read_is_left_to_the_page_check():
    assert find_figures("---\ntitle: [X\n---\n\nSon 15 días.\n", "es") == []


def test_the_message_names_the_fact_the_page_uses():
    text = "---\ntitle: X\n---\n\n# X\n\nTe tocan {{ aguinaldo.dias }}, o sea 15 días.\n"
    assert [str(p) for p in check_page(text, "docs/es/hogar/x.md", "es", FACTS)] == [
        'docs/es/hogar/x.md:7: "15 días" is a number of days typed by hand; use the fact that holds it '
        "({{ aguinaldo.dias }}), or add one to facts/ (see participa/estilo)"
    ]


def test_a_fact_with_the_same_value_is_named_as_a_possibility():
    phone = FACTS["profedet.telefono"].values[0].value
    problems = check_page(f"# X\n\nLlama al {phone}.\n", "docs/es/x.md", "es", FACTS)
    assert [p.line for p in problems] == [3]
    assert problems[0].message == (
        f'"{phone}" is a phone number typed by hand; if it is the figure of {{{{ profedet.telefono }}}}, '
        "use that fact; if not, add one to facts/ (see participa/estilo)"
    )


def test_a_figure_no_fact_holds_asks_for_a_fact():
    problems = check_page("# X\n\nGanas $346.54 al día.\n", "docs/es/hogar/salario.md", "es", FACTS)
    assert [str(p) for p in problems] == [
        'docs/es/hogar/salario.md:3: "$346.54" is a money amount typed by hand; use a fact instead '
        "({{ its.id }}): find the one that holds it in facts/, or add one (see participa/estilo)"
    ]


def test_a_typed_tel_link_points_to_the_phone_fact():
    phone = FACTS["profedet.telefono"].values[0].value
    digits = "".join(c for c in phone if c.isdigit())
    problems = check_page(f"# X\n\n[Llama](tel:+52{digits}).\n", "docs/es/x.md", "es", FACTS)
    assert [p.message for p in problems] == [
        f'"tel:+52{digits}" is a phone number typed by hand in a link; write the fact alone '
        "({{ profedet.telefono }}): it shows as a link to call"
    ]


def test_money_is_matched_to_money_facts_only():
    wage = FACTS["salario_minimo.general"]
    amount = wage.values[-1].value
    text = f"# X\n\nGanas ${amount} al día, {{{{ salario_minimo.general }}}}.\n"
    problems = check_page(text, "x.md", "es", FACTS)
    assert len(problems) == 1 and "({{ salario_minimo.general }})" in problems[0].message


def test_reader_lines_keep_link_text_and_drop_what_readers_do_not_read():
    lines = ["Lee [quince días](a.md#b) `code` {{ x.y }} <b>negritas</b> https://x.org/a {#id}"]
    (line,) = reader_lines(lines)
    assert line.text.split() == ["Lee", "[quince", "días", "negritas"]


@pytest.mark.parametrize("page", ["index.md", "participa/estilo.md", "participa/traducir.md", "participa/glosario.md", "participa/traducciones.md"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_pages_for_writers_and_the_home_page_type_no_figures(page, lang):
    path = ROOT / "docs" / lang / page
    assert [str(p) for p in check_page(path.read_text(encoding="utf-8"), f"docs/{lang}/{page}", lang, FACTS)] == []


def test_no_page_types_a_figure():
    # Fails until every guide uses facts (the build fails with the same list)
    problems = [
        str(problem)
        for path in sorted((ROOT / "docs").rglob("*.md"))
        for problem in check_page(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix(), path.relative_to(ROOT / "docs").parts[0], FACTS)
    ]
    assert problems == []
