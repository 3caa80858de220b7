"""Calculators: aguinaldo, vacations and a finiquito estimate.

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
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "money", "count" or "date"
    hint: bool = False  # whether calc.field.<name>.hint exists


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


WAGE = Field("wage", "money", hint=True)
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
    ),
    # Vacation not taken includes the part of the year of service in progress
    # (LFT art. 79), from the dates and the years-of-service table
    "finiquito": Calculator(
        facts={"aguinaldo.dias": "days", "vacaciones.por_antiguedad": "table", "vacaciones.prima": "percent"},
        fields=(
            WAGE, Field("start", "date"), Field("end", "date", hint=True),
            Field("unpaid", "count", hint=True), Field("pending_vacation", "count", hint=True),
        ),
        shown_facts=("aguinaldo.dias", "vacaciones.prima"),
        strings=(
            "calc.error.date_order", "calc.error.future", "calc.error.unpaid_days", "calc.error.years_max",
            "calc.error.pending_vacation", "calc.error.pending_vacation_first", "calc.finiquito.unpaid.one", "calc.finiquito.unpaid.other",
            "calc.finiquito.aguinaldo.one", "calc.finiquito.aguinaldo.other", "calc.finiquito.vacation", "calc.premium",
        ),
        notes=("calc.finiquito.note.aguinaldo", "calc.finiquito.note.more"),
    ),
}
# Strings every calculator's script needs
COMMON_STRINGS = (
    "calc.error.required", "calc.error.number", "calc.error.amount_format", "calc.error.negative", "calc.error.zero",
    "calc.error.whole", "calc.error.date", "calc.result.title", "calc.total",
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


def facts_in_force(name: str, facts: FactRegistry, ctx: RenderContext, where: tuple[str, int | None]) -> dict[str, Fact]:
    """The facts a calculator needs, checked: defined, of the right type, in force."""
    problems, found = [], {}
    for fact_id, kind in {**CALCULATORS[name].facts, HELP_PHONE: "phone"}.items():
        fact = facts.get(fact_id)
        if fact is None:
            problems.append(Problem(*where, f"the '{name}' calculator needs the fact '{fact_id}', which is not defined in facts/*.yml"))
        elif fact.type != kind:
            problems.append(Problem(fact.path, fact.line, f"fact '{fact_id}' must be of type {kind} for the '{name}' calculator (it is {fact.type})"))
        elif fact.value_on(ctx.as_of) is None:
            problems.append(Problem(
                fact.path, fact.line,
                f"fact '{fact_id}' has no value in force on {ctx.as_of}; the '{name}' calculator ({where[0]}:{where[1]}) needs one",
            ))
        else:
            found[fact_id] = fact
    if problems:
        raise ContentError(problems)
    return found


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


def script_data(name: str, facts: dict[str, Fact], ctx: RenderContext, known: _Keep) -> dict:
    """What the script needs: locale, facts in force, strings in the page's language."""
    values = {}
    for fact_id in CALCULATORS[name].facts:
        fact = facts[fact_id]
        value = fact.value_on(ctx.as_of).value
        values[fact_id] = service_table(fact, value) if fact.type == "table" else _number(value)
    strings = {key: ctx.catalog.t(key).format_map(known) for key in COMMON_STRINGS + CALCULATORS[name].strings}
    return {
        "calculator": name,
        "locale": str(ctx.locale).replace("_", "-"),
        "year_days": YEAR_DAYS,
        "facts": values,
        "strings": strings,
    }


def _build_time_values(facts: dict[str, Fact], ctx: RenderContext) -> _Keep:
    """Placeholders of the strings that depend only on facts and the language."""
    def days(n):
        return ctx.catalog.plural("unit.days", n, ctx.locale, n=format_decimal(n, locale=ctx.locale))

    known = _Keep(year_days=format_decimal(YEAR_DAYS, locale=ctx.locale), year_days_unit=days(YEAR_DAYS))
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
    name: str, facts: FactRegistry, ctx: RenderContext, help_url: str, where: tuple[str, int | None], number: int = 1
) -> str:
    """The HTML of one calculator on a page; ``number`` keeps ids unique on the page."""
    calculator = CALCULATORS[name]
    used = facts_in_force(name, facts, ctx, where)
    known = _build_time_values(used, ctx)
    data = script_data(name, used, ctx, known)
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


def _field_html(field: Field, prefix: str, ctx: RenderContext, known: _Keep) -> str:
    t = ctx.catalog.t
    key = f"calc.field.{field.name}"
    ident = f"{prefix}-{field.name}"
    described = [f"{ident}-error"]
    hint = ""
    if field.hint:
        described.insert(0, f"{ident}-hint")
        hint = f'<p class="dc-calc__hint" id="{ident}-hint">{_text(ctx, key + ".hint", known)}</p>'
    if field.kind == "date":
        control = f'<input type="date" id="{ident}" name="{field.name}"'
    else:
        control = f'<input type="text" inputmode="{INPUT_MODES[field.kind]}" autocomplete="off" id="{ident}" name="{field.name}"'
    return (
        f'<div class="dc-calc__field"><label for="{ident}">{html.escape(t(key))}</label>{hint}'
        f'{control} aria-describedby="{" ".join(described)}">'
        f'<p class="dc-calc__error" id="{ident}-error" hidden></p></div>'
    )
