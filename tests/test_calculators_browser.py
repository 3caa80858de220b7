"""Calculators in Chromium, over the site served by nginx: results checked
against sums done by hand from facts/prestaciones.yml, and messages for bad
input, in Spanish, English and a language that falls back to Spanish.

Facts in force on the test build date (2026-11-21):
aguinaldo.dias = 15; vacaciones.prima = 25 (%); vacaciones.dias_primer_ano = 12;
vacaciones.por_antiguedad: 1 year -> 12 days, 2 -> 14, 5 -> 20, 6–10 -> 22, up to 31–35.
A part of a calendar year counts in days out of 365 (aguinaldo); a part of a
year of service in days out of that year's length (vacation, LFT art. 79).
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser import require
from build_tools import deploy
from project import copy_project, run_build

pytestmark = pytest.mark.server

# A job ended by resigning before the years that give the seniority premium:
# only the finiquito itself, as before the calculator asked how the job ended
QUIT = {"ending": "quit", "work": "other", "contract": "indefinite", "zone": "general"}


@pytest.fixture
def page(served, chromium):
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    yield page
    assert page.errors == []
    context.close()


def calculate(page, url, values):
    """Fill a calculator, press its button, return the result's rows."""
    page.goto(url)
    for name, value in values.items():
        selector = f".dc-calc__form [name={name}]"
        if page.eval_on_selector(selector, "e => e.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    page.click(".dc-calc__submit")
    return page.eval_on_selector_all(
        ".dc-calc__result tr", "rows => rows.map(r => [r.cells[0].textContent, r.cells[1].textContent])"
    )


def paragraphs(page):
    """The result's paragraphs after the title, in order."""
    return page.eval_on_selector_all(".dc-calc__result > p", "ps => ps.slice(1).map(p => p.textContent)")


def links(page):
    """[text, href] of the links in the result."""
    return page.eval_on_selector_all(".dc-calc__result a", "links => links.map(a => [a.textContent, a.href])")


def errors(page):
    """{field name: message} of the messages shown."""
    return page.eval_on_selector_all(
        ".dc-calc__form [aria-invalid=true]",
        "inputs => Object.fromEntries(inputs.map(i => [i.name, document.getElementById(i.id + '-error').textContent]))",
    )


# -- Aguinaldo -------------------------------------------------------------------


def test_proportional_aguinaldo_in_spanish(served, page):
    # 200 × 15 × 100 ÷ 365 = 300000 ÷ 365 = 821.917… -> $821.92
    rows = calculate(page, served[0] + "/calculadoras/aguinaldo/", {"wage": "200", "days_worked": "100"})
    assert rows == [["Tu aguinaldo, por lo menos", "$821.92"]]
    assert page.inner_text(".dc-calc__result").splitlines()[0] == "Resultado aproximado"
    assert "La cuenta: salario de un día ($200.00) × días de aguinaldo (15) × días del año con el trabajo (100) ÷ días del año (365)." in page.inner_text(".dc-calc__result")
    # The days are calendar days of the job, as the law counts them: the label says so
    assert page.inner_text(".dc-calc__field label[for$=days_worked]") == "Días del año en que tuviste este trabajo"
    assert "también los de descanso" in page.inner_text(".dc-calc__field [id$=days_worked-hint]")


def test_full_year_aguinaldo_in_english(served, page):
    # 315.04 × 15 × 365 ÷ 365 = 4725.60
    rows = calculate(page, served[0] + "/en/calculadoras/aguinaldo/", {"wage": "315.04", "days_worked": "365"})
    assert rows == [["Your aguinaldo, at least", "MX$4,725.60"]]


def test_aguinaldo_in_a_language_that_falls_back_to_spanish(served, page):
    # 250.50 × 15 × 73 ÷ 365 = 250.50 × 15 ÷ 5 = 751.50; Mexican format, Spanish labels
    rows = calculate(page, served[0] + "/nah/calculadoras/aguinaldo/", {"wage": "250,50", "days_worked": "73"})
    assert rows == [["Tu aguinaldo, por lo menos", "$751.50"]]
    assert page.get_attribute("html", "lang") == "nah"


def test_aguinaldo_messages_for_bad_input(served, page):
    base = served[0]
    calculate(page, base + "/calculadoras/aguinaldo/", {"wage": "", "days_worked": "366"})
    assert errors(page) == {
        "wage": "Falta este dato. Escribe un número.",
        "days_worked": "Un año tiene 365 días. Escribe 365 o menos.",
    }
    assert page.inner_text(".dc-calc__result") == ""
    # The first field with a problem gets the focus
    assert page.evaluate("document.activeElement.name") == "wage"
    calculate(page, base + "/calculadoras/aguinaldo/", {"wage": "doscientos", "days_worked": "-3"})
    assert errors(page) == {"wage": "Escribe solo un número, sin letras.", "days_worked": "El número no puede ser negativo."}
    calculate(page, base + "/en/calculadoras/aguinaldo/", {"wage": "0", "days_worked": "10.5"})
    assert errors(page) == {"wage": "Enter a number greater than zero.", "days_worked": "Enter a whole number, with no decimals."}
    calculate(page, base + "/en/calculadoras/aguinaldo/", {"wage": "abc", "days_worked": "400"})
    assert errors(page) == {"wage": "Enter a number only, with no letters.", "days_worked": "A year has 365 days. Enter 365 or less."}
    calculate(page, base + "/nah/calculadoras/aguinaldo/", {"wage": "100", "days_worked": ""})
    assert errors(page) == {"days_worked": "Falta este dato. Escribe un número."}
    # Corrected, the messages go and the result comes
    page.fill("[name=days_worked]", "365")
    page.click(".dc-calc__submit")
    assert errors(page) == {}
    assert page.is_hidden(".dc-calc__error")
    # 100 × 15 = 1500
    assert "$1,500.00" in page.inner_text(".dc-calc__result")


# -- Vacations -------------------------------------------------------------------


def test_vacation_after_one_year_in_spanish(served, page):
    # 1 year -> 12 days; 300 × 12 = 3600; 25 % of 3600 = 900; 3600 + 900 = 4500
    rows = calculate(page, served[0] + "/calculadoras/vacaciones/", {"years": "1", "wage": "300"})
    assert rows == [
        ["Pago de 12 días de vacaciones", "$3,600.00"],
        ["Prima vacacional (25% del pago de las vacaciones; art. 80)", "$900.00"],
        ["Total", "$4,500.00"],
    ]
    assert "Con 1 año de servicio te tocan por lo menos 12 días de vacaciones pagadas." in page.inner_text(".dc-calc__result")


def test_vacation_after_five_years_in_english(served, page):
    # 5 years -> 20 days; 250 × 20 = 5000; 25 % of 5000 = 1250; total 6250
    rows = calculate(page, served[0] + "/en/calculadoras/vacaciones/", {"years": "5", "wage": "250"})
    assert rows == [
        ["Pay for 20 days of vacation", "MX$5,000.00"],
        ["Vacation premium (25% of the vacation pay; art. 80)", "MX$1,250.00"],
        ["Total", "MX$6,250.00"],
    ]
    assert "With 5 years of service you get at least 20 days of paid vacation." in page.inner_text(".dc-calc__result")


def test_vacation_after_seven_years_uses_the_six_to_ten_row(served, page):
    # 7 years is in the "6–10" row -> 22 days; 315.04 × 22 = 6930.88;
    # 25 % of 6930.88 = 1732.72; total 8663.60
    rows = calculate(page, served[0] + "/nah/calculadoras/vacaciones/", {"years": "7", "wage": "315.04"})
    assert rows == [
        ["Pago de 22 días de vacaciones", "$6,930.88"],
        ["Prima vacacional (25% del pago de las vacaciones; art. 80)", "$1,732.72"],
        ["Total", "$8,663.60"],
    ]


def test_vacation_messages_for_bad_input(served, page):
    base = served[0]
    calculate(page, base + "/calculadoras/vacaciones/", {"years": "0", "wage": "-100"})
    assert errors(page) == {
        "years": "Las vacaciones se ganan al cumplir el primer año de trabajo. Ese año te tocan por lo menos 12 días.",
        "wage": "El número no puede ser negativo.",
    }
    # The table in facts/prestaciones.yml ends at 31–35 years
    calculate(page, base + "/calculadoras/vacaciones/", {"years": "36", "wage": "100"})
    assert errors(page) == {"years": "La tabla de esta calculadora llega hasta 35 años de servicio. Para tu caso, pide orientación."}
    calculate(page, base + "/en/calculadoras/vacaciones/", {"years": "2.5", "wage": ""})
    assert errors(page) == {"years": "Enter a whole number, with no decimals.", "wage": "This is missing. Enter a number."}
    calculate(page, base + "/en/calculadoras/vacaciones/", {"years": "0", "wage": "100"})
    assert errors(page) == {"years": "You earn vacation when you complete your first year of work. For that year you get at least 12 days."}


# -- Finiquito ---------------------------------------------------------------------


def test_finiquito_across_two_years_in_spanish(served, page):
    # 10 April 2026: 31 (Jan) + 28 (Feb) + 31 (Mar) + 10 = 100 days of 2026.
    # Unpaid: 400 × 5 = 2000. Aguinaldo: 400 × 15 × 100 ÷ 365 = 1643.835… -> 1643.84.
    # Second year of service from 1 March 2026: 41 days of 365 served, of its
    # 14 vacation days: 14 × 41 ÷ 365 = 1.572… -> 1.57 days, plus the 12 of
    # the first year, not taken. Vacation: 400 × 13.57 = 5428; premium 25 % = 1357.
    # Total: 2000 + 1643.84 + 5428 + 1357 = 10428.84
    rows = calculate(page, served[0] + "/calculadoras/finiquito/", {**QUIT,
        "wage": "400", "start": "2025-03-01", "end": "2026-04-10", "unpaid": "5", "pending_vacation": "12",
    })
    assert rows == [
        ["Salario de 5 días trabajados sin pago", "$2,000.00"],
        ["Aguinaldo proporcional por 100 días trabajados este año (art. 87)", "$1,643.84"],
        ["Pago de 13.57 días de vacaciones no tomadas (arts. 76 y 79)", "$5,428.00"],
        ["Prima vacacional (25% del pago de las vacaciones; art. 80)", "$1,357.00"],
        ["Total", "$10,428.84"],
    ]


def test_finiquito_of_a_job_that_began_the_same_year_in_english(served, page):
    # 1 February to 2 March 2026: 28 + 2 = 30 days. Unpaid: 365 × 30 = 10950.
    # Aguinaldo: 365 × 15 × 30 ÷ 365 = 450. First year of service, 30 days of
    # 365 served: 12 × 30 ÷ 365 = 0.986… -> 0.99 days; 365 × 0.99 = 361.35;
    # premium 25 % = 90.3375 -> 90.34. Total: 10950 + 450 + 361.35 + 90.34 = 11851.69
    rows = calculate(page, served[0] + "/en/calculadoras/finiquito/", {**QUIT,
        "wage": "365", "start": "2026-02-01", "end": "2026-03-02", "unpaid": "30", "pending_vacation": "0",
    })
    assert rows == [
        ["Wages for 30 days worked without pay", "MX$10,950.00"],
        ["Proportional aguinaldo for 30 days worked this year (art. 87)", "MX$450.00"],
        ["Pay for 0.99 days of vacation not taken (arts. 76 and 79)", "MX$361.35"],
        ["Vacation premium (25% of the vacation pay; art. 80)", "MX$90.34"],
        ["Total", "MX$11,851.69"],
    ]


def test_finiquito_counts_the_part_of_a_later_year_of_service(served, page):
    # 1 July 2019 to 31 March 2026: six years completed on 30 June 2025; of the
    # seventh (22 days, row 6–10), 274 days of 365 served: 22 × 274 ÷ 365 =
    # 16.515… -> 16.52 days; 100 × 16.52 = 1652; premium 413.
    # Aguinaldo: 90 days of 2026: 100 × 15 × 90 ÷ 365 = 369.863… -> 369.86.
    rows = calculate(page, served[0] + "/calculadoras/finiquito/", {**QUIT,
        "wage": "100", "start": "2019-07-01", "end": "2026-03-31", "unpaid": "0", "pending_vacation": "0",
    })
    assert rows[1:] == [
        ["Aguinaldo proporcional por 90 días trabajados este año (art. 87)", "$369.86"],
        ["Pago de 16.52 días de vacaciones no tomadas (arts. 76 y 79)", "$1,652.00"],
        ["Prima vacacional (25% del pago de las vacaciones; art. 80)", "$413.00"],
        ["Total", "$2,434.86"],
    ]
    # Past the last row of the table (35 years), the year in progress has no figure
    calculate(page, served[0] + "/calculadoras/finiquito/", {**QUIT,
        "wage": "100", "start": "1980-01-01", "end": "2026-06-30", "unpaid": "0", "pending_vacation": "0",
    })
    assert errors(page) == {"start": "La tabla de esta calculadora llega hasta 35 años de servicio. Para tu caso, pide orientación."}


def test_finiquito_of_a_whole_leap_year_counts_a_whole_aguinaldo(served, page):
    # 2024 has 366 days, counted as a full year: 100 × 15 = 1500. Five whole
    # years of service: no part of a sixth to pay
    rows = calculate(page, served[0] + "/nah/calculadoras/finiquito/", {**QUIT,
        "wage": "100", "start": "2020-01-01", "end": "2024-12-31", "unpaid": "0", "pending_vacation": "0",
    })
    assert rows[1] == ["Aguinaldo proporcional por 365 días trabajados este año (art. 87)", "$1,500.00"]
    assert rows[2] == ["Pago de 0 días de vacaciones no tomadas (arts. 76 y 79)", "$0.00"]
    assert rows[-1] == ["Total", "$1,500.00"]


def test_finiquito_messages_for_bad_input(served, page):
    base = served[0]
    calculate(page, base + "/calculadoras/finiquito/", {**QUIT,
        "wage": "300", "start": "2026-05-01", "end": "2026-04-30", "unpaid": "1", "pending_vacation": "1",
    })
    assert errors(page) == {"end": "Este día es antes del primer día de trabajo. Revisa las fechas."}
    # 1 to 10 March: 10 days, so 11 unpaid days cannot be
    calculate(page, base + "/calculadoras/finiquito/", {**QUIT,
        "wage": "300", "start": "2026-03-01", "end": "2026-03-10", "unpaid": "11", "pending_vacation": "x",
    })
    assert errors(page) == {
        "unpaid": "Son más días de los que hay entre tu primer y tu último día de trabajo (10 días).",
        "pending_vacation": "Escribe solo un número, sin letras.",
    }
    calculate(page, base + "/en/calculadoras/finiquito/", {**QUIT, "wage": "300", "unpaid": "", "pending_vacation": "-1"})
    assert errors(page) == {
        "start": "The date is missing. Choose a day.",
        "end": "The date is missing. Choose a day.",
        "unpaid": "This is missing. Enter a number.",
        "pending_vacation": "The number cannot be negative.",
    }
    calculate(page, base + "/en/calculadoras/finiquito/", {**QUIT,
        "wage": "300", "start": "2026-05-01", "end": "2026-04-30", "unpaid": "0", "pending_vacation": "0",
    })
    assert errors(page) == {"end": "This day is before your first day of work. Check the dates."}


def test_finiquito_of_one_day_says_day_in_the_singular(served, page):
    # 1 January 2026 only. Unpaid: 365 × 1 = 365. Aguinaldo: 365 × 15 × 1 ÷ 365 = 15.
    # First year of service, 1 day of 365 served: 12 × 1 ÷ 365 = 0.0328… -> 0.03 days;
    # 365 × 0.03 = 10.95; premium 25 % = 2.7375 -> 2.74. Total: 365 + 15 + 10.95 + 2.74 = 393.69
    values = {**QUIT, "wage": "365", "start": "2026-01-01", "end": "2026-01-01", "unpaid": "1", "pending_vacation": "0"}
    rows = calculate(page, served[0] + "/calculadoras/finiquito/", values)
    assert rows == [
        ["Salario de 1 día trabajado sin pago", "$365.00"],
        ["Aguinaldo proporcional por 1 día trabajado este año (art. 87)", "$15.00"],
        ["Pago de 0.03 días de vacaciones no tomadas (arts. 76 y 79)", "$10.95"],
        ["Prima vacacional (25% del pago de las vacaciones; art. 80)", "$2.74"],
        ["Total", "$393.69"],
    ]
    rows = calculate(page, served[0] + "/en/calculadoras/finiquito/", values)
    assert rows[:2] == [
        ["Wages for 1 day worked without pay", "MX$365.00"],
        ["Proportional aguinaldo for 1 day worked this year (art. 87)", "MX$15.00"],
    ]


def test_an_amount_written_another_way_gets_how_to_write_it(served, page):
    base = served[0]
    calculate(page, base + "/calculadoras/aguinaldo/", {"wage": "1.000,50", "days_worked": "365"})
    assert errors(page) == {"wage": "Escribe la cantidad así: 1,500.50, con un punto antes de los centavos. La coma de los miles se puede dejar fuera."}
    calculate(page, base + "/en/calculadoras/vacaciones/", {"years": "1", "wage": "1,5,0"})
    assert errors(page) == {"wage": "Write the amount like this: 1,500.50, with a point before the centavos. You can leave out the comma for thousands."}
    calculate(page, base + "/nah/calculadoras/finiquito/", {**QUIT,
        "wage": "2.000", "start": "2026-01-01", "end": "2026-02-01", "unpaid": "1.000", "pending_vacation": "0",
    })
    assert errors(page) == {
        "wage": "Escribe la cantidad así: 1,500.50, con un punto antes de los centavos. La coma de los miles se puede dejar fuera.",
        "unpaid": "Escribe un número entero, sin decimales.",
    }
    # Letters are still letters
    calculate(page, base + "/calculadoras/aguinaldo/", {"wage": "mil", "days_worked": "365"})
    assert errors(page) == {"wage": "Escribe solo un número, sin letras."}


def test_finiquito_refuses_a_start_in_the_future_and_more_vacation_than_earned(served, page):
    base = served[0]
    calculate(page, base + "/calculadoras/finiquito/", {**QUIT,
        "wage": "300", "start": "2099-01-01", "end": "2099-02-01", "unpaid": "0", "pending_vacation": "0",
    })
    assert errors(page) == {"start": "Este día todavía no llega. Revisa la fecha."}
    # 1 March 2024 to 10 April 2026: two years completed, 12 + 14 = 26 days earned at most
    values = {**QUIT, "wage": "300", "start": "2024-03-01", "end": "2026-04-10", "unpaid": "0", "pending_vacation": "27"}
    calculate(page, base + "/calculadoras/finiquito/", values)
    assert errors(page) == {"pending_vacation": (
        "Con 2 años de trabajo completos, lo más que pudiste ganar son 26 días de vacaciones. "
        "La parte del año que no completaste la suma la calculadora."
    )}
    calculate(page, base + "/en/calculadoras/finiquito/", values)
    assert errors(page) == {"pending_vacation": (
        "With 2 years of work completed, the most you could have earned is 26 days of vacation. "
        "The calculator adds the part of the year you did not complete."
    )}
    # 26 is possible
    rows = calculate(page, base + "/calculadoras/finiquito/", {**values, "pending_vacation": "26"})
    assert errors(page) == {} and rows[-1][0] == "Total"
    # Before the first year is complete, none are left from past years
    calculate(page, base + "/nah/calculadoras/finiquito/", {**QUIT,
        "wage": "300", "start": "2026-01-01", "end": "2026-03-01", "unpaid": "0", "pending_vacation": "1",
    })
    assert errors(page) == {"pending_vacation": (
        "Todavía no cumpliste un año en este trabajo, así que no te quedan vacaciones de años completos: "
        "escribe 0. La parte de este año la suma la calculadora."
    )}


# Finiquito by how the job ended. Besides the facts above (despido.yml,
# salarios.yml in force on 2026-11-21): seniority premium 12 days a year
# (art. 162), owed on resigning after 15 years, counted on a daily wage of at
# least the minimum of the zone and kind of work and at most 2 times it
# (arts. 485, 486); indemnity 3 months of 30 days (arts. 48, 50 fr. III, 89)
# plus, art. 50 fr. II, 20 days per full year (fr. I for a fixed term: half
# the days served under a year; else 6 months for the first year and 20 days
# per full year after it). Minimum wages: general 315.04, border 440.87,
# domestic work 342.47 (general zone). Domestic work ended by the employer
# within 30 days of its start: no indemnity (art. 343).


def test_finiquito_of_a_dismissal_without_cause_in_spanish(served, page):
    # 1 March 2023 to 10 April 2026: three years completed on 28 February 2026;
    # of the fourth (18 days), 41 days of 365 served (31 in March + 10).
    # Aguinaldo: 100 days of 2026: 400 × 15 × 100 ÷ 365 = 1643.835… -> 1643.84.
    # Vacation: 18 × 41 ÷ 365 = 2.021… -> 2.02 days; 400 × 2.02 = 808; premium 202.
    # Seniority: 12 × (3 + 41 ÷ 365) = 37.347… -> 37.35 days; 400 is between
    # 315.04 and 630.08, so 400 × 37.35 = 14940.
    # Indemnity (art. 48): 400 × 3 × 30 = 36000.
    # Not added: 20 days × 3 full years = 60 days; 400 × 60 = 24000 (only if
    # the employer need not take the worker back, art. 49).
    # Total: 0 + 1643.84 + 808 + 202 + 14940 + 36000 = 53593.84
    rows = calculate(page, served[0] + "/calculadoras/finiquito/", {
        "ending": "dismissed", "work": "other", "contract": "indefinite", "zone": "general",
        "wage": "400", "start": "2023-03-01", "end": "2026-04-10", "unpaid": "0", "pending_vacation": "0",
    })
    assert rows == [
        ["Salario de 0 días trabajados sin pago", "$0.00"],
        ["Aguinaldo proporcional por 100 días trabajados este año (art. 87)", "$1,643.84"],
        ["Pago de 2.02 días de vacaciones no tomadas (arts. 76 y 79)", "$808.00"],
        ["Prima vacacional (25% del pago de las vacaciones; art. 80)", "$202.00"],
        ["Prima de antigüedad, que te toca porque te despidieron: 37.35 días de salario (art. 162)", "$14,940.00"],
        ["Indemnización por despido sin una razón justificada: 3 meses de salario (art. 48)", "$36,000.00"],
        ["Total", "$53,593.84"],
    ]
    notes = paragraphs(page)
    assert notes[0].startswith("Si te despidieron sin una razón justificada, puedes pedir volver a tu trabajo o esta indemnización (art. 48).")
    assert "también te debe $24,000.00, el salario de 60 días (arts. 49 y 50)." in notes[0]
    assert notes[1].startswith("Los días de indemnización por año cuentan solo los años completos")
    assert notes[2] == (
        "No suma los salarios vencidos: tu salario desde el día en que terminó el trabajo, hasta por 12 meses. "
        "Se pagan solo si lo decide un juicio (art. 48)."
    )


def test_finiquito_of_domestic_work_ended_by_the_employer_in_english(served, page):
    # 1 June 2024 to 31 May 2026: two whole years of service, none of a third.
    # Unpaid: 350 × 3 = 1050. Aguinaldo: 31 + 28 + 31 + 30 + 31 = 151 days of
    # 2026: 350 × 15 × 151 ÷ 365 = 2171.917… -> 2171.92. Vacation: 14 days of
    # the second year not taken (12 + 14 = 26 at most): 350 × 14 = 4900; premium 1225.
    # Seniority: 12 × 2 = 24 days; 350 is between 342.47 and 684.94: 350 × 24 = 8400.
    # Indemnity (arts. 49 fr. IV, 50, 343): 350 × 3 × 30 = 31500; plus 20 × 2 =
    # 40 days: 350 × 40 = 14000.
    # Total: 1050 + 2171.92 + 4900 + 1225 + 8400 + 31500 + 14000 = 63246.92
    rows = calculate(page, served[0] + "/en/calculadoras/finiquito/", {
        "ending": "dismissed", "work": "hogar", "contract": "indefinite", "zone": "general",
        "wage": "350", "start": "2024-06-01", "end": "2026-05-31", "unpaid": "3", "pending_vacation": "14",
    })
    assert rows == [
        ["Wages for 3 days worked without pay", "MX$1,050.00"],
        ["Proportional aguinaldo for 151 days worked this year (art. 87)", "MX$2,171.92"],
        ["Pay for 14 days of vacation not taken (arts. 76 and 79)", "MX$4,900.00"],
        ["Vacation premium (25% of the vacation pay; art. 80)", "MX$1,225.00"],
        ["Seniority premium, owed because you were dismissed: 24 days of wages (art. 162)", "MX$8,400.00"],
        ["Severance pay because the employer ended the domestic work: 3 months of wages (arts. 49, 50 and 343)", "MX$31,500.00"],
        ["Severance pay of 20 days for each full year of service: 40 days of wages (art. 50)", "MX$14,000.00"],
        ["Total", "MX$63,246.92"],
    ]
    # Whole years only: no part year, so no note about it; lost wages are left out
    assert paragraphs(page) == [
        "It does not add lost wages: your wages from the day the job ended, for up to 12 months. "
        "They are paid only if a trial decides so (art. 48)."
    ]


def test_finiquito_of_domestic_work_ended_in_its_first_days_falls_back_to_spanish(served, page):
    # 1 to 20 March 2026, 20 days: within 30 days of the start, no indemnity (art. 343).
    # Aguinaldo: 300 × 15 × 20 ÷ 365 = 246.575… -> 246.58.
    # Vacation: 12 × 20 ÷ 365 = 0.657… -> 0.66 days; 300 × 0.66 = 198; premium 49.50.
    # Seniority: 12 × 20 ÷ 365 = 0.657… -> 0.66 days, on the domestic minimum
    # 342.47, more than 300 (art. 485): 342.47 × 0.66 = 226.0302 -> 226.03.
    # Total: 0 + 246.58 + 198 + 49.50 + 226.03 = 720.11
    values = {
        "ending": "dismissed", "work": "hogar", "contract": "indefinite", "zone": "general",
        "wage": "300", "start": "2026-03-01", "end": "2026-03-20", "unpaid": "0", "pending_vacation": "0",
    }
    rows = calculate(page, served[0] + "/nah/calculadoras/finiquito/", values)
    assert rows[1:] == [
        ["Aguinaldo proporcional por 20 días trabajados este año (art. 87)", "$246.58"],
        ["Pago de 0.66 días de vacaciones no tomadas (arts. 76 y 79)", "$198.00"],
        ["Prima vacacional (25% del pago de las vacaciones; art. 80)", "$49.50"],
        ["Prima de antigüedad, que te toca porque te despidieron: 0.66 días de salario (art. 162)", "$226.03"],
        ["Total", "$720.11"],
    ]
    assert paragraphs(page) == [
        "Para la prima de antigüedad, tu salario de un día cuenta por lo menos como el salario mínimo de tu zona y de tu trabajo: $342.47 (art. 485).",
        "En el trabajo del hogar, durante los primeros 30 días la persona empleadora puede terminar el trabajo, y la ley no "
        "menciona indemnización (art. 343). Pero un despido por embarazo, discriminación o violencia de género siempre es "
        "injustificado: pide orientación.",
    ]
    # 31 March is the 30th day after 1 March: still within; 1 April is not
    rows = calculate(page, served[0] + "/nah/calculadoras/finiquito/", {**values, "end": "2026-03-31"})
    assert not [row for row in rows if row[0].startswith("Indemnización")]
    rows = calculate(page, served[0] + "/nah/calculadoras/finiquito/", {**values, "end": "2026-04-01"})
    assert [row[0] for row in rows if row[0].startswith("Indemnización")] == [
        "Indemnización porque la persona empleadora terminó el trabajo del hogar: 3 meses de salario (arts. 49, 50 y 343)",
        "Indemnización de 20 días por cada año completo de servicio: 0 días de salario (art. 50)",
    ]


def test_finiquito_of_leaving_for_the_employers_fault_with_a_fixed_term_in_spanish(served, page):
    # 1 September 2025 to 28 February 2026: 30 + 31 + 30 + 31 + 31 + 28 = 181 days.
    # Aguinaldo: 31 + 28 = 59 days of 2026: 500 × 15 × 59 ÷ 365 = 1212.328… -> 1212.33.
    # Vacation: 12 × 181 ÷ 365 = 5.950… -> 5.95 days; 500 × 5.95 = 2975; premium 743.75.
    # Seniority: a fixed term, not added (art. 162 names permanent workers): a note.
    # Indemnity (arts. 50, 52): 500 × 3 × 30 = 45000; fixed term under a year
    # (art. 50 fr. I): half of 181 days = 90.5 days; 500 × 90.5 = 45250.
    # Total: 0 + 1212.33 + 2975 + 743.75 + 45000 + 45250 = 95181.08
    rows = calculate(page, served[0] + "/calculadoras/finiquito/", {
        "ending": "employer_fault", "work": "other", "contract": "fixed", "zone": "frontera",
        "wage": "500", "start": "2025-09-01", "end": "2026-02-28", "unpaid": "0", "pending_vacation": "0",
    })
    assert rows[1:] == [
        ["Aguinaldo proporcional por 59 días trabajados este año (art. 87)", "$1,212.33"],
        ["Pago de 5.95 días de vacaciones no tomadas (arts. 76 y 79)", "$2,975.00"],
        ["Prima vacacional (25% del pago de las vacaciones; art. 80)", "$743.75"],
        ["Indemnización porque te fuiste por una falta de la persona empleadora: 3 meses de salario (arts. 50 y 52)", "$45,000.00"],
        ["Indemnización por un contrato con fecha de fin, de menos de un año: la mitad del tiempo que trabajaste, 90.5 días de salario (art. 50)", "$45,250.00"],
        ["Total", "$95,181.08"],
    ]
    assert paragraphs(page)[0] == (
        "La ley da la prima de antigüedad a quien trabaja de planta (art. 162). "
        "Con un contrato con fecha de fin, pregunta si te toca: no está sumada."
    )


def test_finiquito_of_a_dismissal_with_cause_caps_the_seniority_wage_in_english(served, page):
    # 1 July 2020 to 30 June 2026: six whole years. Aguinaldo: 181 days of 2026:
    # 1000 × 15 × 181 ÷ 365 = 7438.356… -> 7438.36. Vacation: 0 days.
    # Seniority: 12 × 6 = 72 days on at most 2 × 315.04 = 630.08 (art. 486):
    # 630.08 × 72 = 45365.76. No indemnity for a dismissal with cause.
    # Total: 7438.36 + 45365.76 = 52804.12
    rows = calculate(page, served[0] + "/en/calculadoras/finiquito/", {
        "ending": "dismissed_cause", "work": "other", "contract": "indefinite", "zone": "general",
        "wage": "1000", "start": "2020-07-01", "end": "2026-06-30", "unpaid": "0", "pending_vacation": "0",
    })
    assert rows[4:] == [
        ["Seniority premium, owed even if the dismissal was justified: 72 days of wages (art. 162)", "MX$45,365.76"],
        ["Total", "MX$52,804.12"],
    ]
    assert rows[1] == ["Proportional aguinaldo for 181 days worked this year (art. 87)", "MX$7,438.36"]
    assert paragraphs(page) == [
        "For the seniority premium, your daily wage counts as at most 2 times the minimum wage for your zone and your work: MX$630.08 (art. 486)."
    ]


def test_finiquito_of_resigning_gives_the_seniority_premium_only_after_fifteen_years(served, page):
    # 1 January 2010 to 31 December 2025: 16 whole years. Aguinaldo: all of
    # 2025, 365 days: 400 × 15 = 6000. Seniority: 12 × 16 = 192 days; 400 × 192 = 76800.
    # Total: 6000 + 76800 = 82800
    values = {**QUIT, "wage": "400", "start": "2010-01-01", "end": "2025-12-31", "unpaid": "0", "pending_vacation": "0"}
    rows = calculate(page, served[0] + "/calculadoras/finiquito/", values)
    assert rows[4:] == [
        ["Prima de antigüedad, que te toca porque renunciaste con 15 años de servicio o más: 192 días de salario (art. 162)", "$76,800.00"],
        ["Total", "$82,800.00"],
    ]
    assert rows[1] == ["Aguinaldo proporcional por 365 días trabajados este año (art. 87)", "$6,000.00"]
    # 1 January 2012: 14 whole years, none owed on resigning: the result says why
    rows = calculate(page, served[0] + "/en/calculadoras/finiquito/", {**values, "start": "2012-01-01"})
    assert [row[0] for row in rows if "Seniority" in row[0]] == []
    assert paragraphs(page) == [
        "If you resign, you get the seniority premium only after 15 years of service or more (art. 162). So it is not added."
    ]


def test_finiquito_asks_how_the_job_ended(served, page):
    calculate(page, served[0] + "/calculadoras/finiquito/", {
        "wage": "300", "start": "2026-01-01", "end": "2026-02-01", "unpaid": "0", "pending_vacation": "0",
    })
    assert errors(page) == {name: "Falta este dato. Escoge una opción." for name in ("ending", "work", "contract", "zone")}
    # The first field with a problem, a list, gets the focus
    assert page.evaluate("document.activeElement.name") == "ending"
    calculate(page, served[0] + "/en/calculadoras/finiquito/", {
        "ending": "quit", "work": "hogar", "zone": "general",
        "wage": "300", "start": "2026-01-01", "end": "2026-02-01", "unpaid": "0", "pending_vacation": "0",
    })
    assert errors(page) == {"contract": "This is missing. Choose one."}


# -- Am I paid fairly? ----------------------------------------------------------------
# Facts in force on 2026-11-21 (salarios.yml, jornada.yml): minimum wages
# general 315.04, border 440.87, domestic work 342.47 (border 440.87) a day;
# one paid rest day per 6 worked (LFT art. 69), in proportion for fewer
# (art. 72); a week is 7 days, a month 30 (art. 89), a fortnight 15 (art. 88).
# Minimum for a month: minimum × days × 7 ÷ 6 × 30 ÷ 7.


def test_weekly_pay_below_the_minimum_in_spanish(served, page):
    # Paid 1800 a week, 6 days: 1800 × 30 ÷ 7 = 7714.285… -> 7714.29 a month.
    # Minimum: 315.04 × 6 × 7 ÷ 6 × 30 ÷ 7 = 315.04 × 30 = 9451.20.
    # Missing: 9451.20 − 7714.29 = 1736.91
    rows = calculate(page, served[0] + "/calculadoras/pago-justo/", {
        "work": "other", "zone": "general", "period": "week", "pay": "1800", "week_days": "6",
    })
    assert rows == [
        ["Lo que te pagan en un mes", "$7,714.29"],
        ["Lo mínimo en un mes, con tus días de descanso pagados (arts. 69 y 72)", "$9,451.20"],
        ["Te falta cada mes", "$1,736.91"],
    ]
    assert paragraphs(page) == [
        "Te pagan menos que el mínimo de la ley. Te faltan $1,736.91 cada mes.",
        "Tu pago de un mes: $1,800.00 por semana × 30 ÷ 7 (art. 89).",
        "El mínimo de un mes: $315.04 por día × 6 días de trabajo a la semana × 7 ÷ 6, para pagar el descanso, × 30 ÷ 7.",
        "Qué puedes hacer si te pagan menos",
    ]
    assert links(page) == [["Qué puedes hacer si te pagan menos", served[0] + "/hogar/salario/#que-hacer"]]


def test_daily_pay_above_the_minimum_can_fall_short_once_rest_is_paid_in_english(served, page):
    # Domestic work, border zone, 500 a day for 6 days: more than 440.87 a day,
    # but the rest day is paid too. 500 × 6 × 30 ÷ 7 = 12857.142… -> 12857.14.
    # Minimum: 440.87 × 30 = 13226.10. Missing: 13226.10 − 12857.14 = 368.96
    rows = calculate(page, served[0] + "/en/calculadoras/pago-justo/", {
        "work": "hogar", "zone": "frontera", "period": "day", "pay": "500", "week_days": "6",
    })
    assert rows == [
        ["What you are paid in a month", "MX$12,857.14"],
        ["The minimum for a month, with your paid rest days (arts. 69 and 72)", "MX$13,226.10"],
        ["Missing each month", "MX$368.96"],
    ]
    assert paragraphs(page)[:2] == [
        "You are paid less than the legal minimum. You are short MX$368.96 each month.",
        "Your pay for a month: MX$500.00 a day × 6 days of work a week × 30 ÷ 7 (art. 89).",
    ]
    assert paragraphs(page)[3] == (
        "In domestic work you get a rest of a day and a half without interruption every week (art. 336). "
        "If you work during that rest, it must be paid on top."
    )
    assert links(page) == [["What you can do if you are paid less", served[0] + "/en/hogar/salario/#que-hacer"]]


def test_part_of_the_week_counts_part_of_the_rest_falling_back_to_spanish(served, page):
    # 300 a day, 3 days a week: 300 × 3 × 30 ÷ 7 = 3857.142… -> 3857.14.
    # Minimum (art. 72): 315.04 × 3 × 7 ÷ 6 × 30 ÷ 7 = 315.04 × 15 = 4725.60.
    # Missing: 4725.60 − 3857.14 = 868.46
    rows = calculate(page, served[0] + "/nah/calculadoras/pago-justo/", {
        "work": "other", "zone": "general", "period": "day", "pay": "300", "week_days": "3",
    })
    assert rows == [
        ["Lo que te pagan en un mes", "$3,857.14"],
        ["Lo mínimo en un mes, con tus días de descanso pagados (arts. 69 y 72)", "$4,725.60"],
        ["Te falta cada mes", "$868.46"],
    ]
    assert links(page) == [["Qué puedes hacer si te pagan menos", served[0] + "/nah/hogar/salario/#que-hacer"]]


def test_fortnightly_and_monthly_pay_in_spanish(served, page):
    # Domestic work, general zone, 4000 a fortnight, 6 days: 4000 × 30 ÷ 15 = 8000.
    # Minimum: 342.47 × 30 = 10274.10. Missing: 10274.10 − 8000 = 2274.10
    rows = calculate(page, served[0] + "/calculadoras/pago-justo/", {
        "work": "hogar", "zone": "general", "period": "fortnight", "pay": "4000", "week_days": "6",
    })
    assert rows[0] == ["Lo que te pagan en un mes", "$8,000.00"]
    assert rows[1:] == [
        ["Lo mínimo en un mes, con tus días de descanso pagados (arts. 69 y 72)", "$10,274.10"],
        ["Te falta cada mes", "$2,274.10"],
    ]
    assert paragraphs(page)[1] == "Tu pago de un mes: $4,000.00 por quincena × 30 ÷ 15."
    # 10000 a month, other work, general zone, 6 days: minimum 9451.20: enough, no link
    rows = calculate(page, served[0] + "/calculadoras/pago-justo/", {
        "work": "other", "zone": "general", "period": "month", "pay": "10,000", "week_days": "6",
    })
    assert rows == [
        ["Lo que te pagan en un mes", "$10,000.00"],
        ["Lo mínimo en un mes, con tus días de descanso pagados (arts. 69 y 72)", "$9,451.20"],
    ]
    assert paragraphs(page)[0] == "Te pagan por lo menos el mínimo de la ley."
    assert links(page) == []


def test_part_time_domestic_work_says_the_law_is_unclear(served, page):
    # Domestic work, general zone, 1000 a week for 3 days: 1000 × 30 ÷ 7 = 4285.714… -> 4285.71.
    # Only the days worked (the law does not say how rest is paid here):
    # 342.47 × 3 × 30 ÷ 7 = 4403.185… -> 4403.19. Missing: 4403.19 − 4285.71 = 117.48
    values = {"work": "hogar", "zone": "general", "period": "week", "pay": "1000", "week_days": "3"}
    rows = calculate(page, served[0] + "/calculadoras/pago-justo/", values)
    assert rows == [
        ["Lo que te pagan en un mes", "$4,285.71"],
        ["Lo mínimo en un mes solo por los días que trabajas, sin los días de descanso", "$4,403.19"],
        ["Te falta cada mes", "$117.48"],
    ]
    assert paragraphs(page)[0] == (
        "Te pagan menos que el mínimo de la ley, aun sin contar tus días de descanso. Te faltan por lo menos $117.48 cada mes."
    )
    assert paragraphs(page)[3].startswith("En el trabajo del hogar, la ley no dice cómo se pagan los días de descanso")
    assert links(page) == [
        ["Qué puedes hacer si te pagan menos", served[0] + "/hogar/salario/#que-hacer"],
        ["Dónde pedir orientación", served[0] + "/ayuda/"],
    ]
    # 1200 a week: 1200 × 30 ÷ 7 = 5142.857… -> 5142.86, more than 4403.19;
    # still it says rest days are not counted and where to ask
    rows = calculate(page, served[0] + "/en/calculadoras/pago-justo/", {**values, "pay": "1200"})
    assert rows == [
        ["What you are paid in a month", "MX$5,142.86"],
        ["The minimum for a month for the days you work only, without rest days", "MX$4,403.19"],
    ]
    assert paragraphs(page)[0] == "You are paid at least the minimum for the days you work."
    assert links(page) == [["Where to get advice", served[0] + "/en/ayuda/"]]


def test_pay_for_one_day_a_week_says_day_in_the_singular(served, page):
    # 400 a day, 1 day a week: 400 × 1 × 30 ÷ 7 = 1714.285… -> 1714.29.
    # Minimum: 315.04 × 1 × 7 ÷ 6 × 30 ÷ 7 = 315.04 × 5 = 1575.20: enough
    values = {"work": "other", "zone": "general", "period": "day", "pay": "400", "week_days": "1"}
    rows = calculate(page, served[0] + "/calculadoras/pago-justo/", values)
    assert rows[0] == ["Lo que te pagan en un mes", "$1,714.29"] and rows[1][1] == "$1,575.20"
    assert paragraphs(page)[1] == "Tu pago de un mes: $400.00 por día × 1 día de trabajo a la semana × 30 ÷ 7 (art. 89)."
    calculate(page, served[0] + "/en/calculadoras/pago-justo/", values)
    assert paragraphs(page)[1] == "Your pay for a month: MX$400.00 a day × 1 day of work a week × 30 ÷ 7 (art. 89)."


def test_pago_justo_messages_for_bad_input(served, page):
    base = served[0]
    calculate(page, base + "/calculadoras/pago-justo/", {"pay": "1.000,50", "week_days": "7"})
    assert errors(page) == {
        "work": "Falta este dato. Escoge una opción.",
        "zone": "Falta este dato. Escoge una opción.",
        "period": "Falta este dato. Escoge una opción.",
        "pay": "Escribe la cantidad así: 1,500.50, con un punto antes de los centavos. La coma de los miles se puede dejar fuera.",
        "week_days": (
            "Por cada 6 días de trabajo te toca por lo menos 1 día de descanso pagado. "
            "Si trabajas también en tu día de descanso, te lo deben pagar aparte: pide orientación."
        ),
    }
    assert page.inner_text(".dc-calc__result") == ""
    values = {"work": "other", "zone": "general", "period": "week"}
    calculate(page, base + "/en/calculadoras/pago-justo/", {**values, "pay": "mil", "week_days": "0"})
    assert errors(page) == {"pay": "Enter a number only, with no letters.", "week_days": "Enter a number greater than zero."}
    calculate(page, base + "/nah/calculadoras/pago-justo/", {**values, "pay": "", "week_days": "2.5"})
    assert errors(page) == {"pay": "Falta este dato. Escribe un número.", "week_days": "Escribe un número entero, sin decimales."}


# -- Page -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/calculadoras/finiquito/", "/en/calculadoras/vacaciones/", "/tzo/calculadoras/aguinaldo/", "/mix/calculadoras/pago-justo/"])
def test_calculator_pages_say_it_is_an_estimate_and_where_to_get_help(served, page, path):
    page.goto(served[0] + path)
    help_text = page.inner_text(".dc-calc__help")
    assert help_text.startswith(("Es un cálculo aproximado", "This is an estimate"))
    assert "800 717 2942" in help_text
    help_url = page.eval_on_selector(".dc-calc__help a", "a => a.href")
    prefix = re.match(r"/(en/|tzo/|mix/)?", path).group(0)
    assert help_url == served[0] + prefix + "ayuda/"
    assert page.is_hidden(".dc-calc__nojs") and page.is_visible(".dc-calc__form")


def test_script_and_style_load_only_on_calculator_pages_and_obey_the_csp(served, page):
    loaded = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(served[0] + "/hogar/aguinaldo/", wait_until="networkidle")
    assert not [url for url in loaded if "calculators" in url]
    page.goto(served[0] + "/en/calculadoras/aguinaldo/", wait_until="networkidle")
    # Their few styles travel in the site's one stylesheet (the deploy step merges and purges them)
    assert sorted(url for url in loaded if "calculators" in url) == [served[0] + "/assets/javascripts/calculators.js"]
    assert page.evaluate("window.__csp") == []


def test_tap_targets_and_text_suit_a_small_phone(served, page):
    page.goto(served[0] + "/calculadoras/finiquito/")
    for selector in (".dc-calc__form input", ".dc-calc__form select", ".dc-calc__submit"):
        for box in [element.bounding_box() for element in page.query_selector_all(selector)]:
            assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 360, selector
    assert page.eval_on_selector(".dc-calc__form input", "i => parseFloat(getComputedStyle(i).fontSize)") >= 16


@pytest.mark.parametrize("path, values", [
    ("/calculadoras/finiquito/", {**QUIT, "wage": "400", "start": "2025-03-01", "end": "2026-04-10", "unpaid": "5", "pending_vacation": "14"}),
    ("/en/calculadoras/vacaciones/", {"years": "abc", "wage": ""}),
    ("/nah/calculadoras/aguinaldo/", {"wage": "100", "days_worked": "30"}),
    ("/calculadoras/finiquito/", {"ending": "dismissed", "work": "hogar", "contract": "fixed", "zone": "frontera", "wage": "400",
                                  "start": "2023-03-01", "end": "2026-04-10", "unpaid": "0", "pending_vacation": "0"}),
    ("/en/calculadoras/pago-justo/", {"work": "hogar", "zone": "general", "period": "week", "pay": "1000", "week_days": "3"}),
    ("/calculadoras/pago-justo/", {"work": "other", "zone": "general", "period": "", "pay": "1.000,50", "week_days": "9"}),
])
def test_no_accessibility_violations_with_results_or_messages_shown(served, page, path, values):
    calculate(page, served[0] + path, values)
    if page.query_selector(".dc-calc__table"):
        page.click(".dc-calc__table summary")  # the vacation table, opened
    axe = Axe()
    # Links keep the theme's colour, site-wide (test_accessibility checks
    # them): every rule but contrast for them, every rule elsewhere
    results = axe.run(page, context={"include": [".dc-calc"], "exclude": [".dc-calc a"]})
    assert results.violations_count == 0, results.generate_report()
    options = {"resultTypes": ["violations"], "rules": {"color-contrast": {"enabled": False}}}
    results = axe.run(page, context=".dc-calc a", options=options)
    assert results.violations_count == 0, results.generate_report()


# -- Facts drive the calculators ---------------------------------------------------


@pytest.mark.build
def test_a_changed_fact_changes_the_result_with_no_code_change(tmp_path, chromium):
    from build_tools.tooling import nginx

    require(*nginx.REQUIRED)
    project = copy_project(tmp_path / "project")
    facts = project / "facts/prestaciones.yml"
    text = facts.read_text(encoding="utf-8")
    text = text.replace("  confidence: high\n  value: 15\n", "  confidence: high\n  value: 30\n")
    text = text.replace("  confidence: high\n  value: 25\n", "  confidence: high\n  value: 30\n")
    facts.write_text(text, encoding="utf-8")
    # The two languages read, each built alone, with the CSP nginx serves
    sites = {lang: tmp_path / "site" / lang for lang in ("es", "en")}
    for lang, site in sites.items():
        build = run_build(project, site, only_lang=lang)
        assert build.returncode == 0, build.stdout + build.stderr
        deploy.write_csp(deploy.BuiltSite(site))
    html = (sites["es"] / "calculadoras/aguinaldo/index.html").read_text(encoding="utf-8")
    assert '"facts":{"aguinaldo.dias":30}' in html
    context = chromium.new_context()
    page = context.new_page()
    with nginx.serve(sites["es"]) as base, nginx.serve(sites["en"]) as base_en:
        # 200 × 30 × 73 ÷ 365 = 200 × 30 ÷ 5 = 1200 (it was 600 with 15 days)
        assert calculate(page, base + "/calculadoras/aguinaldo/", {"wage": "200", "days_worked": "73"}) == [
            ["Tu aguinaldo, por lo menos", "$1,200.00"],
        ]
        # 5 years -> 20 days; 100 × 20 = 2000; 30 % of 2000 = 600; total 2600
        assert calculate(page, base_en + "/en/calculadoras/vacaciones/", {"years": "5", "wage": "100"}) == [
            ["Pay for 20 days of vacation", "MX$2,000.00"],
            ["Vacation premium (30% of the vacation pay; art. 80)", "MX$600.00"],
            ["Total", "MX$2,600.00"],
        ]
    context.close()
