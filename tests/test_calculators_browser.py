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
from project import AS_OF, copy_project, run_tools

pytestmark = pytest.mark.server


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
        page.fill(f".dc-calc__form [name={name}]", value)
    page.click(".dc-calc__submit")
    return page.eval_on_selector_all(
        ".dc-calc__result tr", "rows => rows.map(r => [r.cells[0].textContent, r.cells[1].textContent])"
    )


def errors(page):
    """{field name: message} of the messages shown."""
    return page.eval_on_selector_all(
        ".dc-calc__form input[aria-invalid=true]",
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
        ["Prima vacacional (25% del pago de las vacaciones)", "$900.00"],
        ["Total", "$4,500.00"],
    ]
    assert "Con 1 año de servicio te tocan por lo menos 12 días de vacaciones pagadas." in page.inner_text(".dc-calc__result")


def test_vacation_after_five_years_in_english(served, page):
    # 5 years -> 20 days; 250 × 20 = 5000; 25 % of 5000 = 1250; total 6250
    rows = calculate(page, served[0] + "/en/calculadoras/vacaciones/", {"years": "5", "wage": "250"})
    assert rows == [
        ["Pay for 20 days of vacation", "MX$5,000.00"],
        ["Vacation premium (25% of the vacation pay)", "MX$1,250.00"],
        ["Total", "MX$6,250.00"],
    ]
    assert "With 5 years of service you get at least 20 days of paid vacation." in page.inner_text(".dc-calc__result")


def test_vacation_after_seven_years_uses_the_six_to_ten_row(served, page):
    # 7 years is in the "6–10" row -> 22 days; 315.04 × 22 = 6930.88;
    # 25 % of 6930.88 = 1732.72; total 8663.60
    rows = calculate(page, served[0] + "/nah/calculadoras/vacaciones/", {"years": "7", "wage": "315.04"})
    assert rows == [
        ["Pago de 22 días de vacaciones", "$6,930.88"],
        ["Prima vacacional (25% del pago de las vacaciones)", "$1,732.72"],
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
    rows = calculate(page, served[0] + "/calculadoras/finiquito/", {
        "wage": "400", "start": "2025-03-01", "end": "2026-04-10", "unpaid": "5", "pending_vacation": "12",
    })
    assert rows == [
        ["Salario de 5 días trabajados sin pago", "$2,000.00"],
        ["Aguinaldo proporcional por 100 días trabajados este año", "$1,643.84"],
        ["Pago de 13.57 días de vacaciones no tomadas", "$5,428.00"],
        ["Prima vacacional (25% del pago de las vacaciones)", "$1,357.00"],
        ["Total", "$10,428.84"],
    ]


def test_finiquito_of_a_job_that_began_the_same_year_in_english(served, page):
    # 1 February to 2 March 2026: 28 + 2 = 30 days. Unpaid: 365 × 30 = 10950.
    # Aguinaldo: 365 × 15 × 30 ÷ 365 = 450. First year of service, 30 days of
    # 365 served: 12 × 30 ÷ 365 = 0.986… -> 0.99 days; 365 × 0.99 = 361.35;
    # premium 25 % = 90.3375 -> 90.34. Total: 10950 + 450 + 361.35 + 90.34 = 11851.69
    rows = calculate(page, served[0] + "/en/calculadoras/finiquito/", {
        "wage": "365", "start": "2026-02-01", "end": "2026-03-02", "unpaid": "30", "pending_vacation": "0",
    })
    assert rows == [
        ["Wages for 30 days worked without pay", "MX$10,950.00"],
        ["Proportional aguinaldo for 30 days worked this year", "MX$450.00"],
        ["Pay for 0.99 days of vacation not taken", "MX$361.35"],
        ["Vacation premium (25% of the vacation pay)", "MX$90.34"],
        ["Total", "MX$11,851.69"],
    ]


def test_finiquito_counts_the_part_of_a_later_year_of_service(served, page):
    # 1 July 2019 to 31 March 2026: six years completed on 30 June 2025; of the
    # seventh (22 days, row 6–10), 274 days of 365 served: 22 × 274 ÷ 365 =
    # 16.515… -> 16.52 days; 100 × 16.52 = 1652; premium 413.
    # Aguinaldo: 90 days of 2026: 100 × 15 × 90 ÷ 365 = 369.863… -> 369.86.
    rows = calculate(page, served[0] + "/calculadoras/finiquito/", {
        "wage": "100", "start": "2019-07-01", "end": "2026-03-31", "unpaid": "0", "pending_vacation": "0",
    })
    assert rows[1:] == [
        ["Aguinaldo proporcional por 90 días trabajados este año", "$369.86"],
        ["Pago de 16.52 días de vacaciones no tomadas", "$1,652.00"],
        ["Prima vacacional (25% del pago de las vacaciones)", "$413.00"],
        ["Total", "$2,434.86"],
    ]
    # Past the last row of the table (35 years), the year in progress has no figure
    calculate(page, served[0] + "/calculadoras/finiquito/", {
        "wage": "100", "start": "1980-01-01", "end": "2026-06-30", "unpaid": "0", "pending_vacation": "0",
    })
    assert errors(page) == {"start": "La tabla de esta calculadora llega hasta 35 años de servicio. Para tu caso, pide orientación."}


def test_finiquito_of_a_whole_leap_year_counts_a_whole_aguinaldo(served, page):
    # 2024 has 366 days, counted as a full year: 100 × 15 = 1500. Five whole
    # years of service: no part of a sixth to pay
    rows = calculate(page, served[0] + "/nah/calculadoras/finiquito/", {
        "wage": "100", "start": "2020-01-01", "end": "2024-12-31", "unpaid": "0", "pending_vacation": "0",
    })
    assert rows[1] == ["Aguinaldo proporcional por 365 días trabajados este año", "$1,500.00"]
    assert rows[2] == ["Pago de 0 días de vacaciones no tomadas", "$0.00"]
    assert rows[-1] == ["Total", "$1,500.00"]


def test_finiquito_messages_for_bad_input(served, page):
    base = served[0]
    calculate(page, base + "/calculadoras/finiquito/", {
        "wage": "300", "start": "2026-05-01", "end": "2026-04-30", "unpaid": "1", "pending_vacation": "1",
    })
    assert errors(page) == {"end": "Este día es antes del primer día de trabajo. Revisa las fechas."}
    # 1 to 10 March: 10 days, so 11 unpaid days cannot be
    calculate(page, base + "/calculadoras/finiquito/", {
        "wage": "300", "start": "2026-03-01", "end": "2026-03-10", "unpaid": "11", "pending_vacation": "x",
    })
    assert errors(page) == {
        "unpaid": "Son más días de los que hay entre tu primer y tu último día de trabajo (10 días).",
        "pending_vacation": "Escribe solo un número, sin letras.",
    }
    calculate(page, base + "/en/calculadoras/finiquito/", {"wage": "300", "unpaid": "", "pending_vacation": "-1"})
    assert errors(page) == {
        "start": "The date is missing. Choose a day.",
        "end": "The date is missing. Choose a day.",
        "unpaid": "This is missing. Enter a number.",
        "pending_vacation": "The number cannot be negative.",
    }
    calculate(page, base + "/en/calculadoras/finiquito/", {
        "wage": "300", "start": "2026-05-01", "end": "2026-04-30", "unpaid": "0", "pending_vacation": "0",
    })
    assert errors(page) == {"end": "This day is before your first day of work. Check the dates."}


def test_finiquito_of_one_day_says_day_in_the_singular(served, page):
    # 1 January 2026 only. Unpaid: 365 × 1 = 365. Aguinaldo: 365 × 15 × 1 ÷ 365 = 15.
    # First year of service, 1 day of 365 served: 12 × 1 ÷ 365 = 0.0328… -> 0.03 days;
    # 365 × 0.03 = 10.95; premium 25 % = 2.7375 -> 2.74. Total: 365 + 15 + 10.95 + 2.74 = 393.69
    values = {"wage": "365", "start": "2026-01-01", "end": "2026-01-01", "unpaid": "1", "pending_vacation": "0"}
    rows = calculate(page, served[0] + "/calculadoras/finiquito/", values)
    assert rows == [
        ["Salario de 1 día trabajado sin pago", "$365.00"],
        ["Aguinaldo proporcional por 1 día trabajado este año", "$15.00"],
        ["Pago de 0.03 días de vacaciones no tomadas", "$10.95"],
        ["Prima vacacional (25% del pago de las vacaciones)", "$2.74"],
        ["Total", "$393.69"],
    ]
    rows = calculate(page, served[0] + "/en/calculadoras/finiquito/", values)
    assert rows[:2] == [
        ["Wages for 1 day worked without pay", "MX$365.00"],
        ["Proportional aguinaldo for 1 day worked this year", "MX$15.00"],
    ]


def test_an_amount_written_another_way_gets_how_to_write_it(served, page):
    base = served[0]
    calculate(page, base + "/calculadoras/aguinaldo/", {"wage": "1.000,50", "days_worked": "365"})
    assert errors(page) == {"wage": "Escribe la cantidad así: 1,500.50, con un punto antes de los centavos. La coma de los miles se puede dejar fuera."}
    calculate(page, base + "/en/calculadoras/vacaciones/", {"years": "1", "wage": "1,5,0"})
    assert errors(page) == {"wage": "Write the amount like this: 1,500.50, with a point before the centavos. You can leave out the comma for thousands."}
    calculate(page, base + "/nah/calculadoras/finiquito/", {
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
    calculate(page, base + "/calculadoras/finiquito/", {
        "wage": "300", "start": "2099-01-01", "end": "2099-02-01", "unpaid": "0", "pending_vacation": "0",
    })
    assert errors(page) == {"start": "Este día todavía no llega. Revisa la fecha."}
    # 1 March 2024 to 10 April 2026: two years completed, 12 + 14 = 26 days earned at most
    values = {"wage": "300", "start": "2024-03-01", "end": "2026-04-10", "unpaid": "0", "pending_vacation": "27"}
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
    calculate(page, base + "/nah/calculadoras/finiquito/", {
        "wage": "300", "start": "2026-01-01", "end": "2026-03-01", "unpaid": "0", "pending_vacation": "1",
    })
    assert errors(page) == {"pending_vacation": (
        "Todavía no cumpliste un año en este trabajo, así que no te quedan vacaciones de años completos: "
        "escribe 0. La parte de este año la suma la calculadora."
    )}


# -- Page -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/calculadoras/finiquito/", "/en/calculadoras/vacaciones/", "/tzo/calculadoras/aguinaldo/"])
def test_calculator_pages_say_it_is_an_estimate_and_where_to_get_help(served, page, path):
    page.goto(served[0] + path)
    help_text = page.inner_text(".dc-calc__help")
    assert help_text.startswith(("Es un cálculo aproximado", "This is an estimate"))
    assert "800 717 2942" in help_text
    help_url = page.eval_on_selector(".dc-calc__help a", "a => a.href")
    prefix = re.match(r"/(en/|tzo/)?", path).group(0)
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
    for selector in (".dc-calc__form input", ".dc-calc__submit"):
        for box in [element.bounding_box() for element in page.query_selector_all(selector)]:
            assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 360, selector
    assert page.eval_on_selector(".dc-calc__form input", "i => parseFloat(getComputedStyle(i).fontSize)") >= 16


@pytest.mark.parametrize("path, values", [
    ("/calculadoras/finiquito/", {"wage": "400", "start": "2025-03-01", "end": "2026-04-10", "unpaid": "5", "pending_vacation": "14"}),
    ("/en/calculadoras/vacaciones/", {"years": "abc", "wage": ""}),
    ("/nah/calculadoras/aguinaldo/", {"wage": "100", "days_worked": "30"}),
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
    build = run_tools(project, "build", "--as-of", AS_OF.isoformat())
    assert build.returncode == 0, build.stdout + build.stderr
    html = (project / "site/calculadoras/aguinaldo/index.html").read_text(encoding="utf-8")
    assert '"facts":{"aguinaldo.dias":30}' in html
    context = chromium.new_context()
    page = context.new_page()
    with nginx.serve(project / "site") as base:
        # 200 × 30 × 73 ÷ 365 = 200 × 30 ÷ 5 = 1200 (it was 600 with 15 days)
        assert calculate(page, base + "/calculadoras/aguinaldo/", {"wage": "200", "days_worked": "73"}) == [
            ["Tu aguinaldo, por lo menos", "$1,200.00"],
        ]
        # 5 years -> 20 days; 100 × 20 = 2000; 30 % of 2000 = 600; total 2600
        assert calculate(page, base + "/en/calculadoras/vacaciones/", {"years": "5", "wage": "100"}) == [
            ["Pay for 20 days of vacation", "MX$2,000.00"],
            ["Vacation premium (30% of the vacation pay)", "MX$600.00"],
            ["Total", "MX$2,600.00"],
        ]
    context.close()
