"""Calculators: aguinaldo, vacations, a finiquito estimate and whether pay reaches the minimum.

A page asks for one on a line of its own, ``{{ calculadora: aguinaldo }}``
(see ``build_tools.reader.calculators_extension``). The build writes the form, with
every label from ``locales/``, and beside it a JSON block with the facts in
force on the build's date and the strings the script needs in the page's
language. ``overrides/assets/javascripts/calculators.js`` does the arithmetic
in the reader's browser, so it works offline and sends nothing anywhere.

No legal figure lives here or in the script: a changed fact changes the
calculators with no code change, and a missing fact, or one with no value in
force, stops the build naming the file and line.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from babel.numbers import format_decimal

from build_tools.errors import ContentError, Problem
from build_tools.facts import Fact, FactRegistry
from build_tools.facts.rendering import RenderContext, format_plain, render_inline, render_table

# The help page of each language, relative to the language's folder
HELP_PAGE = "ayuda/index.md"
HELP_PHONE = "profedet.telefono"
# Part of a year counts in days out of 365, as the guides explain it; a leap
# day does not make a year worth more than a full aguinaldo.
YEAR_DAYS = 365
SERVICE_TABLE_COLUMNS = (("years_of_service", "text"), ("vacation_days", "number"))
# "1", "6–10" (en dash), "6-10"
_SERVICE_YEARS = re.compile(r"^\s*(\d+)\s*(?:[–—-]\s*(\d+)\s*)?$")
# "162 fr. I y III", "334 Bis", "123, apartado A"
_ARTICLE = re.compile(r"^\s*(\d+(?:\s+(?:Bis|Ter|Quáter))?)\b")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "money", "count", "date" or "choice"
    hint: bool = False  # whether calc.field.<name>.hint exists
    # For a choice: the values, each labelled by calc.field.<name>.<value>
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Calculator:
    # Fact id -> the type the arithmetic relies on
    facts: dict[str, str]
    fields: tuple[Field, ...]
    # Facts shown as "the legal minimums it uses", in this order
    shown_facts: tuple[str, ...]
    # Locale keys the script shows (results, messages of this calculator)
    strings: tuple[str, ...]
    # Locale keys of the notes under the form (what the estimate leaves out)
    notes: tuple[str, ...] = ()
    # Placeholder -> fact id: the fact's value, in words, filled at build time
    values: dict[str, str] = field(default_factory=dict)
    # Placeholder -> (fact id, which legal basis): the article's number, so
    # that a result line says where it comes from without a typed figure
    articles: dict[str, tuple[str, int]] = field(default_factory=dict)
    # Name -> page (in the language's folder, with its #section) the result links to
    links: dict[str, str] = field(default_factory=dict)


WAGE = Field("wage", "money", hint=True)
WORK = Field("work", "choice", options=("other", "hogar"))
ZONE = Field("zone", "choice", hint=True, options=("general", "frontera"))
# The minimum wages by kind of work and zone: "<prefix><zone>"
MINIMUMS = {
    "salario_minimo.general": "money", "salario_minimo.frontera": "money",
    "salario_minimo_hogar.general": "money", "salario_minimo_hogar.frontera": "money",
    "salario_minimo.frontera_municipios": "number",
}
VACATION_ARTICLES = {
    "art_aguinaldo": ("aguinaldo.dias", 0), "art_vacation": ("vacaciones.por_antiguedad", 0),
    "art_vacation_end": ("vacaciones.proporcional_fin", 0), "art_premium": ("vacaciones.prima", 0),
}
CALCULATORS = {
    "aguinaldo": Calculator(
        facts={"aguinaldo.dias": "days"},
        fields=(WAGE, Field("days_worked", "count", hint=True)),
        shown_facts=("aguinaldo.dias",),
        strings=("calc.error.year_days", "calc.aguinaldo.result", "calc.aguinaldo.formula"),
    ),
    "vacaciones": Calculator(
        facts={"vacaciones.por_antiguedad": "table", "vacaciones.dias_primer_ano": "days", "vacaciones.prima": "percent"},
        fields=(Field("years", "count", hint=True), WAGE),
        shown_facts=("vacaciones.prima",),
        strings=(
            "calc.error.years_first", "calc.error.years_max", "calc.vacaciones.days",
            "calc.vacaciones.pay", "calc.premium",
        ),
        articles={"art_premium": ("vacaciones.prima", 0)},
    ),
    # Vacation not taken includes the part of the year of service in progress
    # (LFT art. 79), from the dates and the years-of-service table. How the
    # job ended decides the seniority premium (art. 162) and the indemnity
    # (arts. 48-50, 52, 343); lost wages depend on a trial and are left out.
    "finiquito": Calculator(
        facts={
            "aguinaldo.dias": "days", "vacaciones.por_antiguedad": "table", "vacaciones.prima": "percent",
            "vacaciones.proporcional_fin": "text", **MINIMUMS, "salario.divisor_mes": "number",
            "despido.prima_antiguedad_dias": "days", "despido.prima_antiguedad_renuncia_anos": "years",
            "despido.prima_antiguedad_tope_veces": "number", "despido.prima_antiguedad_proporcional": "text",
            "despido.indemnizacion_meses": "months", "despido.indemnizacion_dias_por_ano": "days",
            "despido.indemnizacion_determinado_fraccion": "percent", "despido.indemnizacion_determinado_meses": "months",
            "despido.indemnizacion_determinado_dias_por_ano": "days", "despido.veinte_dias_casos": "text",
            "despido.hogar_periodo_inicial": "days", "despido.salarios_vencidos_meses": "months",
            "despido.tiempo_indeterminado": "text", "despido.prima_antiguedad_tope": "text",
        },
        fields=(
            Field("ending", "choice", hint=True, options=("quit", "dismissed_cause", "dismissed", "employer_fault")),
            WORK, Field("contract", "choice", hint=True, options=("indefinite", "fixed")), ZONE,
            WAGE, Field("start", "date"), Field("end", "date", hint=True),
            Field("unpaid", "count", hint=True), Field("pending_vacation", "count", hint=True),
        ),
        shown_facts=("aguinaldo.dias", "vacaciones.prima", "despido.prima_antiguedad_dias", "despido.indemnizacion_meses"),
        strings=(
            "calc.error.date_order", "calc.error.future", "calc.error.unpaid_days", "calc.error.years_max",
            "calc.error.pending_vacation", "calc.error.pending_vacation_first", "calc.finiquito.unpaid.one", "calc.finiquito.unpaid.other",
            "calc.finiquito.aguinaldo.one", "calc.finiquito.aguinaldo.other", "calc.finiquito.vacation", "calc.premium",
            "calc.finiquito.seniority.dismissed_cause", "calc.finiquito.seniority.dismissed",
            "calc.finiquito.seniority.employer_fault", "calc.finiquito.seniority.quit",
            "calc.finiquito.indemnity.dismissed", "calc.finiquito.indemnity.hogar", "calc.finiquito.indemnity.employer_fault",
            "calc.finiquito.per_year", "calc.finiquito.fixed_short", "calc.finiquito.fixed_long",
            "calc.finiquito.note.seniority_quit", "calc.finiquito.note.seniority_fixed",
            "calc.finiquito.note.seniority_floor", "calc.finiquito.note.seniority_cap",
            "calc.finiquito.note.whole_years", "calc.finiquito.note.reinstatement",
            "calc.finiquito.note.hogar_first_days", "calc.finiquito.note.back_pay",
        ),
        notes=("calc.finiquito.note.aguinaldo", "calc.finiquito.note.more"),
        values={
            "seniority_days": "despido.prima_antiguedad_dias", "quit_years": "despido.prima_antiguedad_renuncia_anos",
            "cap_times": "despido.prima_antiguedad_tope_veces", "months": "despido.indemnizacion_meses",
            "per_year": "despido.indemnizacion_dias_por_ano", "first_year_months": "despido.indemnizacion_determinado_meses",
            "fixed_per_year": "despido.indemnizacion_determinado_dias_por_ano", "first_days": "despido.hogar_periodo_inicial",
            "back_pay_months": "despido.salarios_vencidos_meses", "municipalities": "salario_minimo.frontera_municipios",
        },
        articles={
            **VACATION_ARTICLES, "art_seniority": ("despido.prima_antiguedad_dias", 0),
            "art_floor": ("despido.prima_antiguedad_tope", 1), "art_cap": ("despido.prima_antiguedad_tope_veces", 0),
            "art_indemnity": ("despido.indemnizacion_meses", 0), "art_reinstate": ("despido.veinte_dias_casos", 0),
            "art_exempt": ("despido.veinte_dias_casos", 1), "art_separation": ("despido.veinte_dias_casos", 2),
            "art_hogar_end": ("despido.hogar_periodo_inicial", 0), "art_hogar_exempt": ("despido.indemnizacion_meses", 1),
            "art_back_pay": ("despido.salarios_vencidos_meses", 0),
        },
    ),
    # Whether pay reaches the minimum once paid rest days are counted (LFT
    # arts. 69, 72, 89; 336 for domestic work), over a month of
    # salario.divisor_mes days
    "pago_justo": Calculator(
        facts={
            **MINIMUMS, "salario.divisor_semana": "number", "salario.divisor_mes": "number", "salario.dias_quincena": "days",
            "jornada.dias_por_descanso": "days", "jornada.descanso_dias_pagados": "days", "hogar.descanso_semanal": "text",
        },
        fields=(
            WORK, ZONE, Field("period", "choice", options=("day", "week", "fortnight", "month")),
            Field("pay", "money", hint=True), Field("week_days", "count", hint=True),
        ),
        shown_facts=("salario_minimo.general", "salario_minimo.frontera", "salario_minimo_hogar.general", "salario_minimo_hogar.frontera"),
        strings=(
            "calc.error.week_days", "calc.pago_justo.paid", "calc.pago_justo.minimum", "calc.pago_justo.minimum_worked",
            "calc.pago_justo.missing", "calc.pago_justo.below", "calc.pago_justo.below_worked", "calc.pago_justo.enough",
            "calc.pago_justo.enough_worked", "calc.pago_justo.unclear", "calc.pago_justo.hogar_rest",
            "calc.pago_justo.formula.day", "calc.pago_justo.formula.week", "calc.pago_justo.formula.fortnight",
            "calc.pago_justo.formula.month", "calc.pago_justo.formula.minimum", "calc.pago_justo.formula.minimum_worked",
            "calc.pago_justo.what_to_do", "calc.pago_justo.ask",
        ),
        values={
            "six_days": "jornada.dias_por_descanso", "rest_days": "jornada.descanso_dias_pagados",
            "hogar_rest": "hogar.descanso_semanal", "municipalities": "salario_minimo.frontera_municipios",
        },
        articles={
            "art_rest": ("jornada.dias_por_descanso", 0), "art_part_week": ("jornada.descanso_dias_pagados", 1),
            "art_divisor": ("salario.divisor_mes", 0), "art_hogar_rest": ("hogar.descanso_semanal", 0),
        },
        links={"what_to_do": "hogar/salario.md#que-hacer", "help": HELP_PAGE},
    ),
}
# Strings every calculator's script needs
COMMON_STRINGS = (
    "calc.error.required", "calc.error.number", "calc.error.amount_format", "calc.error.negative", "calc.error.zero",
    "calc.error.whole", "calc.error.date", "calc.error.choice", "calc.result.title", "calc.total",
    "unit.days.one", "unit.days.other", "unit.years.one", "unit.years.other",
)
INPUT_MODES = {"money": "decimal", "count": "numeric"}


class _Keep(dict):
    """Fill the placeholders known at build time; keep the others for the script."""

    def __missing__(self, key):
        return "{" + key + "}"


def facts_of(name: str) -> list[str]:
    """The ids of the facts a calculator uses."""
    return [*CALCULATORS[name].facts, HELP_PHONE]


def facts_in_force(
    name: str, facts: FactRegistry, ctx: RenderContext, where: tuple[str, int | None]
) -> tuple[dict[str, Fact], list[Fact]]:
    """The facts a calculator needs, checked: defined, of the right type, in
    force; and those whose last value ended with no next one yet (a yearly
    minimum wage not yet renewed), which pause the calculator rather than
    the build: the facts check warns about them, and fails a strict build."""
    problems, found, ended = [], {}, []
    for fact_id, kind in {**CALCULATORS[name].facts, HELP_PHONE: "phone"}.items():
        fact = facts.get(fact_id)
        if fact is None:
            problems.append(Problem(*where, f"the '{name}' calculator needs the fact '{fact_id}', which is not defined in facts/*.yml"))
        elif fact.type != kind:
            problems.append(Problem(fact.path, fact.line, f"fact '{fact_id}' must be of type {kind} for the '{name}' calculator (it is {fact.type})"))
        elif fact.ended_without_successor(ctx.as_of) is not None:
            ended.append(fact)
        elif fact.value_on(ctx.as_of) is None:
            problems.append(Problem(
                fact.path, fact.line,
                f"fact '{fact_id}' has no value in force on {ctx.as_of}; the '{name}' calculator ({where[0]}:{where[1]}) needs one",
            ))
        else:
            found[fact_id] = fact
    if problems:
        raise ContentError(problems)
    return found, ended


def service_table(fact: Fact, rows: list[dict]) -> list[list[int]]:
    """[first year, last year, vacation days] for each row of the years-of-service table."""
    problems, ranges = [], []
    if tuple(fact.columns) != SERVICE_TABLE_COLUMNS:
        wanted = ", ".join(f"{key} ({kind})" for key, kind in SERVICE_TABLE_COLUMNS)
        raise ContentError(Problem(fact.path, fact.line, f"fact '{fact.id}' must have the columns {wanted}"))
    for number, row in enumerate(rows, 1):
        years = str(row["years_of_service"])
        match = _SERVICE_YEARS.match(years)
        if not match:
            problems.append(Problem(fact.path, fact.line, f"fact '{fact.id}', row {number}: '{years}' is not a number of years like '5' or a range like '6–10'"))
            continue
        low, high = int(match.group(1)), int(match.group(2) or match.group(1))
        if high < low or (ranges and low <= ranges[-1][1]):
            problems.append(Problem(fact.path, fact.line, f"fact '{fact.id}', row {number}: '{years}' must come after the years of the row above, without overlapping"))
            continue
        ranges.append([low, high, _number(row["vacation_days"])])
    if problems:
        raise ContentError(problems)
    return ranges


def _number(value) -> int | float:
    # Money is a Decimal; JSON and the script want plain numbers
    number = float(value)
    return int(number) if number.is_integer() else number


def script_data(name: str, facts: dict[str, Fact], ctx: RenderContext, known: _Keep, links: dict[str, str] | None = None) -> dict:
    """What the script needs: locale, facts in force, strings in the page's language."""
    values = {}
    for fact_id in CALCULATORS[name].facts:
        fact = facts[fact_id]
        value = fact.value_on(ctx.as_of).value
        if fact.type == "text":
            continue  # words for the strings, filled in at build time
        values[fact_id] = service_table(fact, value) if fact.type == "table" else _number(value)
    strings = {key: ctx.catalog.t(key).format_map(known) for key in COMMON_STRINGS + CALCULATORS[name].strings}
    return {
        "calculator": name,
        "locale": str(ctx.locale).replace("_", "-"),
        "year_days": YEAR_DAYS,
        "facts": values,
        "strings": strings,
        "links": links or {},
    }


def article_number(fact: Fact, index: int) -> str:
    """The number of the article a fact's legal basis names ("162 fr. I" -> "162")."""
    if index >= len(fact.legal_basis) or not (match := _ARTICLE.match(fact.legal_basis[index].article or "")):
        raise ContentError(Problem(fact.path, fact.line, f"fact '{fact.id}' needs a legal basis number {index + 1} with an article number for the calculators"))
    return match.group(1)


def _build_time_values(facts: dict[str, Fact], ctx: RenderContext, name: str | None = None) -> _Keep:
    """Placeholders of the strings that depend only on facts and the language."""
    def days(n):
        return ctx.catalog.plural("unit.days", n, ctx.locale, n=format_decimal(n, locale=ctx.locale))

    known = _Keep(year_days=format_decimal(YEAR_DAYS, locale=ctx.locale), year_days_unit=days(YEAR_DAYS))
    if name is not None:
        calculator = CALCULATORS[name]
        for key, fact_id in calculator.values.items():
            known[key] = format_plain(facts[fact_id], facts[fact_id].value_on(ctx.as_of).value, ctx)
        for key, (fact_id, index) in calculator.articles.items():
            known[key] = article_number(facts[fact_id], index)
    if "aguinaldo.dias" in facts:
        known["aguinaldo_days"] = format_decimal(facts["aguinaldo.dias"].value_on(ctx.as_of).value, locale=ctx.locale)
    if "vacaciones.prima" in facts:
        fact = facts["vacaciones.prima"]
        known["percent"] = format_plain(fact, fact.value_on(ctx.as_of).value, ctx)
    if "vacaciones.dias_primer_ano" in facts:
        known["first_year_days"] = days(facts["vacaciones.dias_primer_ano"].value_on(ctx.as_of).value)
    if "vacaciones.por_antiguedad" in facts:
        fact = facts["vacaciones.por_antiguedad"]
        last = service_table(fact, fact.value_on(ctx.as_of).value)[-1][1]
        known["max_years"] = ctx.catalog.plural("unit.years", last, ctx.locale, n=format_decimal(last, locale=ctx.locale))
    return known


def _text(ctx: RenderContext, key: str, known: _Keep, **parts: str) -> str:
    """A UI string as HTML: escaped, with HTML ``parts`` put into its placeholders."""
    return html.escape(ctx.catalog.t(key).format_map(known)).format_map(_Keep(parts))


def render(
    name: str, facts: FactRegistry, ctx: RenderContext, page_url, where: tuple[str, int | None], number: int = 1
) -> str:
    """The HTML of one calculator on a page; ``number`` keeps ids unique on the page.

    ``page_url(path)``: the URL, relative to the page, of a page given by its
    path in the language's folder (``ayuda/index.md``, ``hogar/salario.md#que-hacer``).
    """
    calculator = CALCULATORS[name]
    used, ended = facts_in_force(name, facts, ctx, where)
    help_url = page_url(HELP_PAGE)
    if ended:
        return _paused(ctx, help_url)
    known = _build_time_values(used, ctx, name)
    data = script_data(name, used, ctx, known, {key: page_url(path) for key, path in calculator.links.items()})
    t = ctx.catalog.t
    prefix = f"dc-calc-{number}"

    fields = "".join(_field_html(field, prefix, ctx, known) for field in calculator.fields)
    basis = "; ".join(_text(ctx, f"calc.basis.{fact_id}", known, value=render_inline(used[fact_id], ctx)) for fact_id in calculator.shown_facts)
    table = ""
    if "vacaciones.por_antiguedad" in used:
        table = (
            f'<details class="dc-calc__table"><summary>{html.escape(t("calc.vacaciones.table"))}</summary>'
            f"{render_table(used['vacaciones.por_antiguedad'], ctx)}</details>"
        )
    notes = "".join(f"<p>{_text(ctx, key, known)}</p>" for key in calculator.notes)
    phone = render_inline(used[HELP_PHONE], ctx)
    # Every fact it relies on is listed with the page's sources, numbered
    # in reading order after those shown above
    for fact in used.values():
        ctx.footnote(fact)
    help_link = f'<a href="{html.escape(help_url)}">{html.escape(t("calc.help.link"))}</a>'
    # JSON inside <script>: "</" must not close the element
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return (
        f'<div class="dc-calc" data-calculator="{name}" lang="{ctx.catalog.lang_of("calc.submit")}">'
        f'<script type="application/json" class="dc-calc__data">{payload}</script>'
        f'<p class="dc-calc__nojs">{html.escape(t("calc.nojs"))}</p>'
        f'<form class="dc-calc__form" id="{prefix}" novalidate hidden>{fields}'
        f'<button type="submit" class="dc-calc__submit">{html.escape(t("calc.submit"))}</button></form>'
        f'<div class="dc-calc__result" role="status" aria-live="polite"></div>'
        f'<p class="dc-calc__basis">{_text(ctx, "calc.basis", known, facts=basis)}</p>{table}{notes}'
        f'<div class="dc-calc__help"><p><strong>{html.escape(t("calc.estimate"))}</strong> '
        f'{_text(ctx, "calc.help", known, link=help_link, phone=phone)}</p></div>'
        "</div>"
    )


def _paused(ctx: RenderContext, help_url: str) -> str:
    """In place of a calculator whose yearly figure has ended: no sum with an old minimum."""
    t = ctx.catalog.t
    link = f'<a href="{html.escape(help_url)}">{html.escape(t("calc.help.link"))}</a>'
    return (
        f'<div class="admonition warning dc-calc-paused" lang="{ctx.catalog.lang_of("calc.paused.title")}">'
        f'<p class="admonition-title">{html.escape(t("calc.paused.title"))}</p>'
        f'<p>{html.escape(t("calc.paused.body")).format_map(_Keep(link=link))}</p></div>'
    )


def _field_html(spec: Field, prefix: str, ctx: RenderContext, known: _Keep) -> str:
    t = ctx.catalog.t
    key = f"calc.field.{spec.name}"
    ident = f"{prefix}-{spec.name}"
    described = [f"{ident}-error"]
    hint = ""
    if spec.hint:
        described.insert(0, f"{ident}-hint")
        hint = f'<p class="dc-calc__hint" id="{ident}-hint">{_text(ctx, key + ".hint", known)}</p>'
    described_by = f'aria-describedby="{" ".join(described)}"'
    if spec.kind == "choice":
        # An empty first option: nothing is chosen for the reader
        options = f'<option value="">{html.escape(t("calc.field.choose"))}</option>' + "".join(
            f'<option value="{value}">{_text(ctx, f"{key}.{value}", known)}</option>' for value in spec.options
        )
        control = f'<select id="{ident}" name="{spec.name}" {described_by}>{options}</select>'
    elif spec.kind == "date":
        control = f'<input type="date" id="{ident}" name="{spec.name}" {described_by}>'
    else:
        control = f'<input type="text" inputmode="{INPUT_MODES[spec.kind]}" autocomplete="off" id="{ident}" name="{spec.name}" {described_by}>'
    return (
        f'<div class="dc-calc__field"><label for="{ident}">{html.escape(t(key))}</label>{hint}'
        f'{control}<p class="dc-calc__error" id="{ident}-error" hidden></p></div>'
    )
