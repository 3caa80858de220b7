"""Calculators, build side: facts in force, forms in each language, errors."""

import datetime as dt
import json
import re
import shutil

import markdown
import pytest

from build_tools.errors import ContentError
from build_tools.facts import load_facts
from build_tools.facts.markdown_extension import Document, FactsExtension
from build_tools.facts.rendering import RenderContext, render_sources
from build_tools.i18n.languages import babel_locale
from build_tools.i18n.locales import load_catalogs
from build_tools.reader import calculators
from build_tools.reader.calculators_extension import CalculatorsExtension, find_markers
from project import AS_OF, ROOT, copy_project, run_build

FACTS = load_facts(ROOT / "facts", ROOT)
CATALOGS = load_catalogs(ROOT / "locales", ["es", "en", "nah"], "es", ROOT)
FORMATS = {"es": "es_MX", "en": "en_US", "nah": None}
WHERE = ("docs/es/calculadoras/x.md", 12)


def context(lang="es", as_of=AS_OF):
    return RenderContext(lang, babel_locale(lang, FORMATS[lang]), CATALOGS[lang], as_of)


def page_url(path):
    """URLs as the build gives them, from docs/es/calculadoras/x.md"""
    target, hash_mark, section = path.partition("#")
    return "../../" + target.removesuffix(".md").removesuffix("index") + ("" if target.endswith("index.md") else "/") + hash_mark + section


def render(name, lang="es", facts=FACTS, as_of=AS_OF):
    ctx = context(lang, as_of)
    return calculators.render(name, facts, ctx, page_url, WHERE), ctx


def data_of(html):
    block = re.search(r'<script type="application/json" class="dc-calc__data">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def facts_with(tmp_path, old, new, file="prestaciones.yml"):
    """A copy of the project's facts with one piece of text replaced."""
    target = tmp_path / "facts"
    shutil.copytree(ROOT / "facts", target)
    path = target / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_facts(target, tmp_path)


def convert(text, lang="es", offset=0, facts=FACTS):
    """Render Markdown the way the build sets it up for a page."""
    document = Document("docs/es/page.md", offset, context(lang))
    md = markdown.Markdown(extensions=[
        FactsExtension(facts=facts, document=lambda: document),
        CalculatorsExtension(page_url=lambda path: "../" + path),
    ])
    html = md.convert(text)
    return html, md.fact_context, md.calculators


# -- Facts --------------------------------------------------------------------


def test_the_service_table_reads_years_and_ranges_of_years():
    fact = FACTS["vacaciones.por_antiguedad"]
    table = calculators.service_table(fact, fact.value_on(AS_OF).value)
    # facts/prestaciones.yml: "1": 12 ... "5": 20, then "6–10": 22 ... "31–35": 32
    assert table[:6] == [[1, 1, 12], [2, 2, 14], [3, 3, 16], [4, 4, 18], [5, 5, 20], [6, 10, 22]]
    assert table[-1] == [31, 35, 32]
    assert len(table) == 11


def test_a_year_range_with_a_plain_hyphen_is_read_too(tmp_path):
    facts = facts_with(tmp_path, '"6–10"', '"6-10"')
    fact = facts["vacaciones.por_antiguedad"]
    assert calculators.service_table(fact, fact.value_on(AS_OF).value)[5] == [6, 10, 22]


def test_unreadable_years_of_service_stop_the_build_at_the_fact(tmp_path):
    facts = facts_with(tmp_path, '"6–10"', '"de 6 a 10"')
    with pytest.raises(ContentError) as error:
        render("vacaciones", facts=facts)
    fact = facts["vacaciones.por_antiguedad"]
    assert str(error.value).startswith(f"{fact.path}:{fact.line}: ")
    assert "row 6: 'de 6 a 10'" in str(error.value)


def test_overlapping_rows_stop_the_build(tmp_path):
    facts = facts_with(tmp_path, '"11–15"', '"10–15"')
    with pytest.raises(ContentError, match="row 7: '10–15' must come after"):
        render("vacaciones", facts=facts)


def test_a_missing_fact_stops_the_build_at_the_page_line(tmp_path):
    facts = facts_with(tmp_path, "aguinaldo.dias:\n", "aguinaldo.dias_minimos:\n")
    with pytest.raises(ContentError) as error:
        render("aguinaldo", facts=facts)
    assert str(error.value) == (
        "docs/es/calculadoras/x.md:12: the 'aguinaldo' calculator needs the fact "
        "'aguinaldo.dias', which is not defined in facts/*.yml"
    )


def test_a_fact_with_no_value_in_force_stops_the_build_at_the_fact(tmp_path):
    # Only a value that starts later: nothing in force, nothing ended either
    facts = facts_with(tmp_path, "    - value: 12\n      valid_from: 2023-01-01\n\nvacaciones.dias_continuos",
                       "    - value: 12\n      valid_from: 2027-01-01\n\nvacaciones.dias_continuos")
    fact = facts["vacaciones.dias_primer_ano"]
    with pytest.raises(ContentError) as error:
        render("vacaciones", facts=facts)
    assert str(error.value).startswith(f"{fact.path}:{fact.line}: fact 'vacaciones.dias_primer_ano' has no value in force on 2026-11-21")
    assert "docs/es/calculadoras/x.md:12" in str(error.value)


def test_a_fact_of_the_wrong_type_stops_the_build(tmp_path):
    facts = facts_with(tmp_path, "vacaciones.prima:\n  type: percent", "vacaciones.prima:\n  type: number")
    with pytest.raises(ContentError, match="'vacaciones.prima' must be of type percent"):
        render("finiquito", facts=facts)


def test_the_data_follows_the_value_in_force_on_the_build_date(tmp_path):
    facts = facts_with(
        tmp_path, "  confidence: high\n  value: 15\n",
        "  confidence: high\n  values:\n    - value: 15\n      valid_from: 2020-01-01\n      valid_until: 2026-12-31\n"
        "    - value: 30\n      valid_from: 2027-01-01\n",
    )
    assert data_of(render("aguinaldo", facts=facts)[0])["facts"] == {"aguinaldo.dias": 15}
    assert data_of(render("aguinaldo", facts=facts, as_of=dt.date(2027, 1, 1))[0])["facts"] == {"aguinaldo.dias": 30}


def test_the_data_holds_the_facts_the_locale_and_the_days_of_a_year():
    data = data_of(render("finiquito")[0])
    assert data["facts"]["aguinaldo.dias"] == 15 and data["facts"]["vacaciones.prima"] == 25
    # The years-of-service table, for the part of the year of service in progress (LFT art. 79)
    assert data["facts"]["vacaciones.por_antiguedad"][:2] == [[1, 1, 12], [2, 2, 14]]
    assert data["locale"] == "es-MX" and data["year_days"] == 365 and data["calculator"] == "finiquito"
    assert data_of(render("finiquito", "en")[0])["locale"] == "en-US"
    # No CLDR data for Nahuatl: Mexican formats, like the rest of the page
    assert data_of(render("finiquito", "nah")[0])["locale"] == "es-MX"


def test_the_finiquito_has_the_table_for_the_year_of_service_in_progress():
    html, _ = render("finiquito")
    # The vacation of the year not completed is summed (LFT art. 79), not left to a note
    assert '<details class="dc-calc__table">' in html
    assert "hasta 35 años de servicio" in data_of(html)["strings"]["calc.error.years_max"]
    notes = re.findall(r"<p>([^<]*)</p>", html.split('class="dc-calc__basis"')[1].split('class="dc-calc__help"')[0])
    # What it leaves out: an aguinaldo already paid, and the payments it does not sum
    assert len(notes) == 2 and "aguinaldo" in notes[0] and "indemnización" in notes[1]


def test_every_fact_a_calculator_uses_is_listed_with_the_sources():
    _, ctx = render("vacaciones")
    sources = render_sources(ctx)
    for fact_id in calculators.facts_of("vacaciones"):
        assert f'id="dc-fact-{fact_id.replace(".", "-")}"' in sources


# -- Strings and form ------------------------------------------------------------


def test_strings_get_the_build_values_and_keep_the_script_placeholders():
    strings = data_of(render("vacaciones")[0])["strings"]
    # 12 first-year days, 25 %, 35 years: from facts/prestaciones.yml
    assert strings["calc.error.years_first"].endswith("te tocan por lo menos 12 días.")
    assert "hasta 35 años de servicio" in strings["calc.error.years_max"]
    # The article comes from the fact's legal basis (LFT art. 80)
    assert strings["calc.premium"] == "Prima vacacional (25% del pago de las vacaciones; art. 80)"
    assert strings["calc.vacaciones.days"] == "Con {years} de servicio te tocan por lo menos {days} de vacaciones pagadas."
    english = data_of(render("aguinaldo", "en")[0])["strings"]
    assert english["calc.error.year_days"] == "A year has 365 days. Enter 365 or less."


def test_labels_are_in_the_page_language_and_fall_back_to_spanish():
    es, _ = render("aguinaldo", "es")
    en, _ = render("aguinaldo", "en")
    nah, _ = render("aguinaldo", "nah")
    assert '<label for="dc-calc-1-wage">Tu salario de un día, en pesos</label>' in es
    assert '<label for="dc-calc-1-wage">Your daily wage, in pesos</label>' in en
    assert 'lang="en"' in en and ">Calculate</button>" in en
    # Nothing is translated into Nahuatl yet: Spanish, marked as Spanish
    assert '<div class="dc-calc" data-calculator="aguinaldo" lang="es">' in nah
    assert '<label for="dc-calc-1-wage">Tu salario de un día, en pesos</label>' in nah


def test_inputs_suit_phones_and_dates_are_native():
    html, _ = render("finiquito")
    assert re.search(r'<input type="text" inputmode="decimal"[^>]* name="wage"', html)
    assert re.search(r'<input type="text" inputmode="numeric"[^>]* name="unpaid"', html)
    assert re.search(r'<input type="date" id="dc-calc-1-start" name="start"', html)
    assert 'aria-describedby="dc-calc-1-end-hint dc-calc-1-end-error"' in html
    # A choice is a list whose first entry chooses nothing, so the reader must choose
    assert re.search(
        r'<select id="dc-calc-1-ending" name="ending" aria-describedby="dc-calc-1-ending-hint dc-calc-1-ending-error">'
        r'<option value="">Escoge una opción</option><option value="quit">Renuncié</option>', html)


def test_it_says_it_is_an_estimate_and_where_to_get_help():
    html, _ = render("vacaciones", "en")
    assert "This is an estimate, not an official amount." in html
    assert '<a href="../../ayuda/">where to get help</a>' in html
    assert 'href="tel:+528007172942"' in html


def test_no_inline_script_or_handler_and_the_json_cannot_close_its_element():
    for name in calculators.CALCULATORS:
        html, _ = render(name)
        assert not re.search(r"\son[a-z]+=", html), name
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
        assert [attrs for attrs, _ in scripts] == [' type="application/json" class="dc-calc__data"']
        assert "</" not in scripts[0][1]


def test_a_second_calculator_on_a_page_gets_its_own_ids():
    html, _, found = convert("{{ calculadora: aguinaldo }}\n\n{{ calculadora: finiquito }}\n")
    assert found == ["aguinaldo", "finiquito"]
    assert 'id="dc-calc-1-wage"' in html and 'id="dc-calc-2-wage"' in html


# -- Markdown ------------------------------------------------------------------------


def test_the_marker_becomes_the_calculator():
    html, _, found = convert("# Aguinaldo\n\nText.\n\n{{ calculadora: aguinaldo }}\n\nMore {{ aguinaldo.dias }}.\n")
    assert html.count('<div class="dc-calc"') == 1
    assert "{{" not in html and "<p><div" not in html
    assert found == ["aguinaldo"]


def test_markers_in_code_are_left_alone():
    text = "```\n{{ calculadora: aguinaldo }}\n```\n\n`{{ calculadora: aguinaldo }}`\n"
    assert find_markers(text.splitlines()) == []
    assert find_markers(["", "   {{calculadora:finiquito}}  "]) == [(2, "finiquito")]


def test_an_unknown_calculator_is_reported_with_file_and_line():
    with pytest.raises(ContentError) as error:
        convert("Text.\n\n{{ calculadora: aguinald }}\n", offset=4)
    assert str(error.value) == "docs/es/page.md:7: unknown calculator 'aguinald' (use: aguinaldo, finiquito, pago_justo, vacaciones)"


def test_a_marker_inside_a_paragraph_is_reported():
    with pytest.raises(ContentError, match=r"page.md:2: put a blank line before and after"):
        convert("Text.\n{{ calculadora: aguinaldo }}\n")


def test_fact_references_after_a_calculator_keep_their_line_numbers():
    with pytest.raises(ContentError) as error:
        convert("{{ calculadora: aguinaldo }}\n\nText.\n\n{{ aguinaldo.diaz }}\n", offset=5)
    assert str(error.value).startswith("docs/es/page.md:10: unknown fact 'aguinaldo.diaz'")


# -- Build ------------------------------------------------------------------------------


@pytest.mark.build
def test_a_calculator_fact_with_no_value_in_force_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    facts = project / "facts/prestaciones.yml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("  confidence: high\n  value: 25\n", "  confidence: high\n  values:\n    - value: 25\n      valid_from: 2030-01-01\n"), encoding="utf-8")
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    line = text.splitlines().index("vacaciones.prima:") + 1
    assert f"facts/prestaciones.yml:{line}: fact 'vacaciones.prima' has no value in force on 2026-11-21" in build.stdout + build.stderr


# -- Pay against the minimum (pago_justo) --------------------------------------------


def test_pago_justo_data_holds_the_minimums_divisors_and_rest_days_in_force():
    data = data_of(render("pago_justo")[0])
    # facts/salarios.yml (2026 amounts), jornada.yml (LFT art. 69)
    assert data["facts"] == {
        "salario_minimo.general": 315.04, "salario_minimo.frontera": 440.87,
        "salario_minimo_hogar.general": 342.47, "salario_minimo_hogar.frontera": 440.87,
        "salario_minimo.frontera_municipios": 43,
        "salario.divisor_semana": 7, "salario.divisor_mes": 30, "salario.dias_quincena": 15,
        "jornada.dias_por_descanso": 6, "jornada.descanso_dias_pagados": 1,
    }
    # The links of the result, relative to the page
    assert data["links"] == {"what_to_do": "../../hogar/salario/#que-hacer", "help": "../../ayuda/"}
    # A minimum of another year is another value
    later = data_of(render("pago_justo", as_of=dt.date(2025, 6, 1))[0])["facts"]
    assert later["salario_minimo.general"] == 278.8 and later["salario_minimo_hogar.general"] == 303.07


def test_pago_justo_strings_name_the_articles_and_the_rest_rule_from_the_facts():
    strings = data_of(render("pago_justo")[0])["strings"]
    assert strings["calc.pago_justo.minimum"] == "Lo mínimo en un mes, con tus días de descanso pagados (arts. 69 y 72)"
    assert strings["calc.error.week_days"].startswith("Por cada 6 días de trabajo te toca por lo menos 1 día de descanso pagado.")
    assert "un día y medio sin interrupción cada semana (art. 336)" in strings["calc.pago_justo.hogar_rest"]
    english = data_of(render("pago_justo", "en")[0])["strings"]
    assert english["calc.pago_justo.minimum"] == "The minimum for a month, with your paid rest days (arts. 69 and 72)"
    # Placeholders the script fills stay as they are
    assert "{missing}" in english["calc.pago_justo.below"]


def test_pago_justo_form_asks_the_kind_of_work_the_zone_and_how_often():
    html, _ = render("pago_justo")
    assert [name for name in re.findall(r'name="(\w+)"', html)] == ["work", "zone", "period", "pay", "week_days"]
    assert '<option value="fortnight">Por quincena</option>' in html
    # The border zone's size, from salario_minimo.frontera_municipios
    assert "La zona fronteriza del norte son 43 municipios" in html
    assert re.search(r"salario mínimo del trabajo del hogar de <span [^>]*>\$342\.47 al día", html)


@pytest.mark.parametrize("fact_id, file", [
    ("salario.dias_quincena", "salarios.yml"), ("jornada.dias_por_descanso", "fabrica_pago.yml"),
    ("jornada.descanso_dias_pagados", "jornada.yml"), ("salario_minimo_hogar.frontera", "salarios.yml"),
])
def test_a_missing_pago_justo_fact_stops_the_build_at_the_page_line(tmp_path, fact_id, file):
    facts = facts_with(tmp_path, f"\n{fact_id}:\n", f"\n{fact_id}_old:\n", file=file)
    with pytest.raises(ContentError) as error:
        render("pago_justo", facts=facts)
    assert str(error.value) == (
        f"docs/es/calculadoras/x.md:12: the 'pago_justo' calculator needs the fact '{fact_id}', which is not defined in facts/*.yml"
    )


def test_a_minimum_wage_that_ended_with_no_new_one_pauses_the_calculator(tmp_path):
    # A new year with no new minimum yet: no sum with the old one. The build
    # goes on (the facts check warns, and fails a strict build)
    facts = facts_with(tmp_path, "\n    - value: 342.47\n      valid_from: 2026-01-01\n      valid_until: 2026-12-31\n",
                       "\n    - value: 342.47\n      valid_from: 2026-01-01\n      valid_until: 2026-06-30\n", file="salarios.yml")
    for name in ("pago_justo", "finiquito"):
        html, _ = render(name, facts=facts)
        assert "<form" not in html and "dc-calc__data" not in html, name
        assert html.startswith('<div class="admonition warning dc-calc-paused" lang="es"><p class="admonition-title">Esta calculadora está en pausa</p>')
        assert '<a href="../../ayuda/">dónde pedir ayuda</a>' in html
    # The others do not use that minimum
    assert "<form" in render("aguinaldo", facts=facts)[0]
    english, _ = render("pago_justo", "en", facts=facts)
    assert "This calculator is paused" in english


def test_a_fact_whose_article_a_result_line_names_needs_that_legal_basis(tmp_path):
    # jornada.descanso_dias_pagados gives art. 69 and art. 72; the result names both
    facts = facts_with(tmp_path, '      article: "72"\n', '      article: "setenta y dos"\n', file="jornada.yml")
    fact = facts["jornada.descanso_dias_pagados"]
    with pytest.raises(ContentError) as error:
        render("pago_justo", facts=facts)
    assert str(error.value).startswith(f"{fact.path}:{fact.line}: fact 'jornada.descanso_dias_pagados' needs a legal basis number 2")


# -- How the job ended (finiquito) -----------------------------------------------------


def test_finiquito_data_holds_the_seniority_and_indemnity_facts():
    facts = data_of(render("finiquito")[0])["facts"]
    # facts/despido.yml: LFT arts. 162, 486, 50, 343
    assert {key: facts[key] for key in (
        "despido.prima_antiguedad_dias", "despido.prima_antiguedad_renuncia_anos", "despido.prima_antiguedad_tope_veces",
        "despido.indemnizacion_meses", "despido.indemnizacion_dias_por_ano", "despido.indemnizacion_determinado_fraccion",
        "despido.indemnizacion_determinado_meses", "despido.indemnizacion_determinado_dias_por_ano", "despido.hogar_periodo_inicial",
    )} == {
        "despido.prima_antiguedad_dias": 12, "despido.prima_antiguedad_renuncia_anos": 15, "despido.prima_antiguedad_tope_veces": 2,
        "despido.indemnizacion_meses": 3, "despido.indemnizacion_dias_por_ano": 20, "despido.indemnizacion_determinado_fraccion": 50,
        "despido.indemnizacion_determinado_meses": 6, "despido.indemnizacion_determinado_dias_por_ano": 20, "despido.hogar_periodo_inicial": 30,
    }
    # Text facts fill strings at build time and are not sent to the script
    assert "despido.veinte_dias_casos" not in facts


def test_finiquito_lines_say_their_article_and_when_they_apply():
    strings = data_of(render("finiquito")[0])["strings"]
    assert strings["calc.finiquito.seniority.dismissed"] == "Prima de antigüedad, que te toca porque te despidieron: {days} de salario (art. 162)"
    assert strings["calc.finiquito.seniority.quit"].startswith("Prima de antigüedad, que te toca porque renunciaste con 15 años de servicio o más")
    assert strings["calc.finiquito.indemnity.dismissed"] == "Indemnización por despido sin una razón justificada: 3 meses de salario (art. 48)"
    assert strings["calc.finiquito.indemnity.hogar"].endswith("3 meses de salario (arts. 49, 50 y 343)")
    assert strings["calc.finiquito.indemnity.employer_fault"].endswith("3 meses de salario (arts. 50 y 52)")
    assert strings["calc.finiquito.per_year"] == "Indemnización de 20 días por cada año completo de servicio: {days} de salario (art. 50)"
    assert "hasta por 12 meses" in strings["calc.finiquito.note.back_pay"] and "(art. 48)" in strings["calc.finiquito.note.back_pay"]
    assert "(art. 486)" in strings["calc.finiquito.note.seniority_cap"] and "(art. 485)" in strings["calc.finiquito.note.seniority_floor"]
    english = data_of(render("finiquito", "en")[0])["strings"]
    assert english["calc.finiquito.indemnity.employer_fault"].endswith("3 months of wages (arts. 50 and 52)")


def test_a_missing_seniority_fact_stops_the_build(tmp_path):
    facts = facts_with(tmp_path, "\ndespido.prima_antiguedad_tope_veces:\n", "\ndespido.prima_antiguedad_veces:\n", file="despido.yml")
    with pytest.raises(ContentError, match=r"x.md:12: the 'finiquito' calculator needs the fact 'despido.prima_antiguedad_tope_veces'"):
        render("finiquito", facts=facts)
