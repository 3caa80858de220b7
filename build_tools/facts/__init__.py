"""Facts: every number, date, deadline, phone number and legal reference.

A fact lives once, in ``facts/*.yml``, with its legal basis, its sources,
when it was last checked and how sure we are of it. It may hold several
values over time; the build shows the value in force on its ``as_of`` date.
CONTRIBUTING.md describes the file format.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import phonenumbers

from build_tools.errors import ContentError, Problem, display_path, warn, warn_or_fail
from build_tools.yaml_source import DATE_PARTS, LineDict, load_yaml

UNIT_TYPES = ("days", "weeks", "months", "years", "hours")
NUMBER_TYPES = ("money", "number", "percent", *UNIT_TYPES)
FACT_TYPES = (*NUMBER_TYPES, "date", "phone", "url", "text", "table")
CONFIDENCE = ("high", "medium", "low", "unverified")
MONEY_PERIODS = ("day", "week", "month", "hour")
COLUMN_TYPES = ("text", "number")
# Types where a legal article makes no sense (a phone number, a web address)
NO_LEGAL_BASIS = ("phone", "url")

FACT_KEYS = {
    "type", "value", "values", "legal_basis", "sources", "last_verified", "confidence",
    "note", "per", "currency", "region", "columns", "renewal",
}
LEGAL_BASIS_KEYS = {"law", "article", "quote"}
VALUE_KEYS = {"value", "valid_from", "valid_until", "sources", "confidence", "note"}
RENEWAL_KEYS = {"check_at", "not_below_inflation"}
# Days before a value ends with nothing after it that the facts report says so
WARNING_DAYS = 60


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class LegalBasis:
    law: str
    article: str | None = None
    # The article's own words, as the law text has them
    quote: str | None = None
    # Where the quote is written (else the item), for error messages
    line: int | None = None


@dataclass(frozen=True)
class Renewal:
    """A value renewed from time to time (a yearly amount): what readers are
    told once the last one known has ended and the next is not in the facts."""

    # The web page where readers find the new value
    check_at: str
    # The law and article by which the increase cannot be below inflation
    not_below_inflation: LegalBasis | None = None


@dataclass(frozen=True)
class DatedValue:
    value: object
    valid_from: dt.date | None
    valid_until: dt.date | None
    confidence: str
    sources: tuple[Source, ...]
    note: str | None = None

    def in_force(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_until is None or on <= self.valid_until
        )


@dataclass(frozen=True)
class Fact:
    id: str
    type: str
    values: tuple[DatedValue, ...]
    legal_basis: tuple[LegalBasis, ...]
    last_verified: dt.date
    path: str
    line: int
    note: str | None = None
    per: str | None = None
    currency: str = "MXN"
    region: str = "MX"
    columns: tuple[tuple[str, str], ...] = ()
    renewal: Renewal | None = None

    def value_on(self, on: dt.date) -> DatedValue | None:
        """The value in force on a date, or None if none is."""
        return next((v for v in self.values if v.in_force(on)), None)

    def next_change(self, on: dt.date, *, new_value: bool = False) -> DatedValue | None:
        """The first value that starts after a date (a scheduled change).

        With ``new_value``, the first that differs from the value in force:
        a phase-in that keeps a figure for two years (overtime: 9 hours in
        2026 and 2027) announces no change on 1 January 2027.
        """
        current = self.value_on(on) if new_value else None
        return next(
            (v for v in self.values
             if v.valid_from and v.valid_from > on and (current is None or v.value != current.value)),
            None,
        )

    def last_expired(self, on: dt.date) -> DatedValue | None:
        """The latest value that ended before a date."""
        ended = [v for v in self.values if v.valid_until and v.valid_until < on]
        return ended[-1] if ended else None

    def ended_without_successor(self, on: dt.date) -> DatedValue | None:
        """The last value, if it ended before a date and nothing follows it
        (a yearly amount whose next one is not in the facts yet)."""
        if self.value_on(on) is not None or self.next_change(on) is not None:
            return None
        return self.last_expired(on)

    def ending_soon(self, on: dt.date, within_days: int) -> DatedValue | None:
        """The value in force on a date, if it ends within ``within_days``
        days and no value follows it."""
        current = self.value_on(on)
        if current is None or current.valid_until is None or self.next_change(on) is not None:
            return None
        return current if (current.valid_until - on).days <= within_days else None


def is_yearly(value: DatedValue) -> bool:
    """Whether a value holds for one calendar year (a year's minimum wage)."""
    start, end = value.valid_from, value.valid_until
    return bool(start and end) and start.year == end.year and (end.month, end.day) == (12, 31)


@dataclass
class Staleness:
    """Facts that need a maintainer's attention on a given date.

    True when a fact must be fixed now (``expired`` or ``old``): what
    ``--strict`` fails on. ``ending`` only warns ahead of time.
    """

    expired: list[Fact] = field(default_factory=list)
    old: list[Fact] = field(default_factory=list)
    # Facts whose value in force ends soon with none after it, and that value
    ending: list[tuple[Fact, DatedValue]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.expired or self.old)

    def lines(self, as_of: dt.date) -> list[str]:
        out = [f"{f.path}:{f.line}: fact '{f.id}' has no value in force on {as_of}" for f in self.expired]
        out += [
            f"{f.path}:{f.line}: fact '{f.id}' was last verified on {f.last_verified}; check it again"
            for f in self.old
        ]
        return out

    def ending_lines(self) -> list[str]:
        out = []
        for fact, value in self.ending:
            what = "next year's amount" if is_yearly(value) else "the value that follows"
            out.append(
                f"{fact.path}:{fact.line}: fact '{fact.id}': its value ends on {value.valid_until} "
                f"and no value follows; add {what} before then"
            )
        return out


class FactRegistry(Mapping):
    """All facts of the project, by id."""

    def __init__(self, facts: dict[str, Fact]):
        self._facts = dict(sorted(facts.items()))

    def __getitem__(self, key: str) -> Fact:
        return self._facts[key]

    def __iter__(self):
        return iter(self._facts)

    def __len__(self) -> int:
        return len(self._facts)

    def staleness(self, as_of: dt.date, max_age_days: int, warning_days: int = WARNING_DAYS) -> Staleness:
        report = Staleness()
        for fact in self._facts.values():
            if fact.value_on(as_of) is None:
                report.expired.append(fact)
            if (as_of - fact.last_verified).days > max_age_days:
                report.old.append(fact)
            ending = fact.ending_soon(as_of, warning_days)
            if ending is not None:
                report.ending.append((fact, ending))
        return report


# -----------------------------------------------------------------------------
# Loading and validation


def load_facts(facts_dir: Path, root: Path | None = None, source_lang: str = "es") -> FactRegistry:
    """Load and validate every ``*.yml`` file in ``facts_dir``.

    All problems are reported at once, each with its file and line.
    """
    facts: dict[str, Fact] = {}
    problems: list[Problem] = []
    paths = sorted(Path(facts_dir).glob("*.yml"))
    if not paths:
        raise ContentError(Problem(display_path(facts_dir, root), None, "no fact files (*.yml) found"))
    for path in paths:
        shown = display_path(path, root)
        try:
            data = load_yaml(path, root)
        except ContentError as error:
            problems += error.problems
            continue
        if data is None:
            continue
        if not isinstance(data, LineDict):
            problems.append(Problem(shown, 1, "a fact file must be a mapping of fact ids to facts"))
            continue
        for fact_id, body in data.items():
            line = data.line_of(fact_id)
            if fact_id in facts:
                first = facts[fact_id]
                problems.append(Problem(shown, line, f"fact '{fact_id}' is already defined in {first.path}:{first.line}"))
                continue
            fact, found = _parse_fact(str(fact_id), body, shown, line, source_lang)
            problems += found
            if fact:
                facts[fact.id] = fact
    if problems:
        raise ContentError(problems)
    return FactRegistry(facts)


def _parse_fact(fact_id, body, path, line, source_lang) -> tuple[Fact | None, list[Problem]]:
    problems: list[Problem] = []

    def problem(message, key=None, node=None):
        where = node if node is not None else body
        at = where.line_of(key) if isinstance(where, LineDict) and key else getattr(where, "line", line)
        problems.append(Problem(path, at or line, f"fact '{fact_id}': {message}"))

    if not _valid_id(fact_id):
        problems.append(Problem(path, line, f"'{fact_id}' is not a valid fact id (use letters, digits, '_', '-' and '.')"))
        return None, problems
    if not isinstance(body, LineDict):
        problems.append(Problem(path, line, f"fact '{fact_id}' must be a mapping with type, value, sources..."))
        return None, problems

    for key in body:
        if key not in FACT_KEYS:
            problem(f"unknown field '{key}' (allowed: {', '.join(sorted(FACT_KEYS))})", key)
    fact_type = body.get("type")
    if fact_type not in FACT_TYPES:
        problem(f"'type' must be one of {', '.join(FACT_TYPES)}", "type")
        return None, problems

    confidence = body.get("confidence")
    if confidence not in CONFIDENCE:
        problem(f"'confidence' must be one of {', '.join(CONFIDENCE)}", "confidence")
    last_verified = body.get("last_verified")
    if "last_verified" not in body:
        problem("needs 'last_verified', the day a person last checked it, written YYYY-MM-DD", "last_verified")
    elif why := not_a_date(last_verified):
        problem(f"'last_verified' {why}", "last_verified")
    sources = _parse_sources(body.get("sources"), "sources", body, problem)
    if not sources:
        problem("needs at least one source (title and url) under 'sources'", "sources")
    legal_basis = _parse_legal_basis(body.get("legal_basis"), body, problem)
    if not legal_basis and fact_type not in NO_LEGAL_BASIS:
        problem("needs its legal basis (law and article) under 'legal_basis'", "legal_basis")

    per = body.get("per")
    if per is not None and (fact_type != "money" or per not in MONEY_PERIODS):
        problem(f"'per' is only for money and must be one of {', '.join(MONEY_PERIODS)}", "per")
    columns: tuple[tuple[str, str], ...] = ()
    if fact_type == "table":
        columns = _parse_columns(body.get("columns"), body, problem)
    renewal = _parse_renewal(body.get("renewal"), fact_type, legal_basis, body, problem)

    # Either one 'value', or a list of dated 'values'
    if ("value" in body) == ("values" in body):
        problem("give either 'value' (one value) or 'values' (a list of dated values)")
        return None, problems
    raw_values = [body] if "value" in body else body.get("values")
    if not isinstance(raw_values, list) or not raw_values:
        problem("'values' must be a list of items with 'value' and 'valid_from'", "values")
        return None, problems

    region = body.get("region", "MX")
    # Each value with the YAML mapping it came from, for the lines of its dates
    dated: list[tuple[DatedValue, LineDict]] = []
    # Whether every value was read with valid dates: if not, checking the
    # ranges would only repeat the problem in other words
    complete = True
    for index, raw in enumerate(raw_values):
        node = raw if isinstance(raw, LineDict) else body
        if raw is not body:
            if not isinstance(raw, LineDict):
                problem(f"item {index + 1} of 'values' must be a mapping", "values")
                complete = False
                continue
            for key in raw:
                if key not in VALUE_KEYS:
                    problem(f"unknown field '{key}' in a value (allowed: {', '.join(sorted(VALUE_KEYS))})", key, raw)
        if "value" not in node:
            problem("a dated value has no 'value'", None, node)
            complete = False
            continue
        valid_from, valid_until = node.get("valid_from"), node.get("valid_until")
        dates_ok = True
        for key in ("valid_from", "valid_until"):
            if node is not body and key in node and (why := not_a_date(node[key])):
                problem(f"'{key}' {why}", key, node)
                dates_ok = complete = False
        if dates_ok and valid_from and valid_until and valid_until < valid_from:
            problem(f"'valid_until' ({valid_until}) is before 'valid_from' ({valid_from})", "valid_until", node)
            complete = False
        value_confidence = node.get("confidence", confidence) if node is not body else confidence
        # A wrong confidence the value inherits was reported on the fact's line
        if node is not body and "confidence" in node and value_confidence not in CONFIDENCE:
            problem(f"'confidence' must be one of {', '.join(CONFIDENCE)}", "confidence", node)
        value_sources = sources
        if node is not body and "sources" in node:
            value_sources = _parse_sources(node["sources"], "sources", node, problem) or sources
        error = check_value(fact_type, node["value"], columns=columns, region=region, source_lang=source_lang)
        if error:
            problem(error, "value", node)
            complete = False
            continue
        dated.append((DatedValue(
            value=_normalise(fact_type, node["value"]),
            valid_from=valid_from if node is not body else None,
            valid_until=valid_until if node is not body else None,
            confidence=value_confidence,
            sources=tuple(value_sources),
            note=node.get("note") if node is not body else None,
        ), node))

    if complete:
        dated.sort(key=lambda pair: pair[0].valid_from or dt.date.min)
        problems += [Problem(path, at, f"fact '{fact_id}': {message}") for at, message in _range_problems(dated)]
    values = [value for value, _node in dated]
    if problems:
        return None, problems
    return Fact(
        id=fact_id, type=fact_type, values=tuple(values), legal_basis=tuple(legal_basis),
        last_verified=last_verified, path=path, line=line, note=body.get("note"), per=per,
        currency=body.get("currency", "MXN"), region=region, columns=columns, renewal=renewal,
    ), problems


def _valid_id(fact_id: str) -> bool:
    return bool(fact_id) and all(ch.isalnum() or ch in "_-." for ch in fact_id) and fact_id[0].isalpha()


DATE_FORM = "a date written YYYY-MM-DD, like 2027-01-30"
# YAML reads 2027-1-5 as text: its date form needs two-digit months and days
# (one digit is only allowed when a time follows). We do not accept it either,
# so that every tool reading the files sees the same date; the message shows
# the two-digit form.


def not_a_date(raw) -> str | None:
    """Why a YAML value is not a plain date (completes "'x' ..."), or None."""
    if isinstance(raw, dt.datetime):
        return f"must be {DATE_FORM}, without a time of day; got '{raw.isoformat(' ')}'"
    if isinstance(raw, dt.date):
        return None
    if raw is None:
        return f"must be {DATE_FORM}; it is empty"
    if isinstance(raw, str):
        text = raw.strip()
        hint = ""
        if match := DATE_PARTS.fullmatch(text):
            year, month, day = (int(part) for part in match.groups())
            if len(match[2]) == len(match[3]) == 2:
                hint = " (in quotes, so it is read as text: remove the quotes)"
            elif year >= 1 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
                hint = f" (write it {year:04d}-{month:02d}-{day:02d}, with two digits for the month and the day)"
        return f"must be {DATE_FORM}; got '{raw}'{hint}"
    return f"must be {DATE_FORM}; got {raw}"


def _range_problems(dated: list[tuple[DatedValue, LineDict]]) -> list[tuple[int, str]]:
    """(line, message) for values that overlap or leave days with no value.

    ``dated`` is sorted by ``valid_from``, and every date in it is valid.
    """
    if len(dated) < 2:
        return []
    undated = [node for value, node in dated if value.valid_from is None]
    if undated:
        return [
            (node.line, "this value has no 'valid_from'; when a fact has several values, "
             "each needs the day it starts, written YYYY-MM-DD")
            for node in undated
        ]
    out = []
    day = dt.timedelta(days=1)
    for (before, before_node), (after, after_node) in zip(dated, dated[1:]):
        later = f"the value from {after.valid_from} (line {after_node.line_of('valid_from')})"
        if before.valid_from == after.valid_from:
            out.append((after_node.line_of("valid_from"), (
                f"two values start on {after.valid_from} (lines {before_node.line_of('valid_from')} and "
                f"{after_node.line_of('valid_from')}); only one value can be in force on a day. "
                "Change one 'valid_from', or remove the value that is wrong"
            )))
        elif before.valid_until is None:
            out.append((before_node.line_of("valid_from"), (
                f"the value from {before.valid_from} has no 'valid_until', so it never ends and overlaps {later}. "
                f"Give it 'valid_until: {after.valid_from - day}', the day before the next value starts"
            )))
        elif before.valid_until >= after.valid_from:
            out.append((before_node.line_of("valid_until"), (
                f"the value from {before.valid_from} runs until {before.valid_until}, so it overlaps {later} "
                "and both would apply on the same days. "
                f"Set this 'valid_until' to {after.valid_from - day}, the day before the next value starts"
            )))
        elif before.valid_until + day < after.valid_from:
            first, last = before.valid_until + day, after.valid_from - day
            days = f"on {first}" if first == last else f"from {first} to {last}"
            out.append((after_node.line_of("valid_from"), (
                f"no value is in force {days}: the value before (line {before_node.line_of('valid_until')}) "
                f"ends on {before.valid_until} and this one starts on {after.valid_from}. "
                f"Start this value on {first}, end the one before on {last}, or add a value for those days"
            )))
    return out


def _parse_sources(raw, key, node, problem) -> list[Source]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problem(f"'{key}' must be a list of items with 'title' and 'url'", key, node)
        return []
    sources = []
    for item in raw:
        if not isinstance(item, dict) or not item.get("title") or not _is_web_url(item.get("url")):
            problem("each source needs a 'title' and a 'url' starting with https:// or http://", key, node)
            continue
        sources.append(Source(str(item["title"]), str(item["url"])))
    return sources


def _parse_legal_basis(raw, node, problem) -> list[LegalBasis]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problem("'legal_basis' must be a list of items with 'law' and 'article'", "legal_basis", node)
        return []
    basis = []
    for item in raw:
        if not isinstance(item, dict) or not item.get("law"):
            problem("each legal basis needs a 'law' (and usually an 'article')", "legal_basis", node)
            continue
        for key in item:
            if key not in LEGAL_BASIS_KEYS:
                allowed = ", ".join(sorted(LEGAL_BASIS_KEYS))
                problem(f"unknown field '{key}' in a legal basis (allowed: {allowed})", key, item)
        article, quote = item.get("article"), item.get("quote")
        if "quote" in item and (not isinstance(quote, str) or not quote.strip()):
            problem("'quote' must be the article's words, as text (write it after 'quote: >-' on the next lines)", "quote", item)
            quote = None
        line = item.line_of("quote") if isinstance(item, LineDict) else None
        article = str(article) if article is not None else None
        basis.append(LegalBasis(str(item["law"]), article, quote.strip() if quote else None, line))
    return basis


def _parse_renewal(raw, fact_type, legal_basis, node, problem) -> Renewal | None:
    """The optional 'renewal' field (CONTRIBUTING.md, "The facts file format")."""
    if raw is None:
        return None
    if not isinstance(raw, LineDict):
        problem("'renewal' must be a mapping with 'check_at' (the web page where readers find the new value)", "renewal", node)
        return None
    for key in raw:
        if key not in RENEWAL_KEYS:
            problem(f"unknown field '{key}' in 'renewal' (allowed: {', '.join(sorted(RENEWAL_KEYS))})", key, raw)
    check_at = raw.get("check_at")
    if not _is_web_url(check_at):
        problem("'renewal' needs 'check_at': the web page where readers find the new value, starting with https://", "check_at", raw)
    guarantee = None
    if "not_below_inflation" in raw:
        item = raw["not_below_inflation"]
        if fact_type not in ("money", "number"):
            problem("'not_below_inflation' is only for amounts (money or number facts)", "not_below_inflation", raw)
        elif not isinstance(item, dict) or not item.get("law") or not item.get("article"):
            problem(
                "'not_below_inflation' needs the 'law' and 'article' that say so, "
                "like {law: Ley Federal del Trabajo, article: \"90\"}",
                "not_below_inflation", raw,
            )
        else:
            guarantee = LegalBasis(str(item["law"]), str(item["article"]))
            # Readers find the article in the list of sources, with the legal basis
            if not any((b.law, b.article) == (guarantee.law, guarantee.article) for b in legal_basis):
                problem(
                    f"'not_below_inflation' names {guarantee.law}, article {guarantee.article}, "
                    "which is not in the fact's 'legal_basis'; add it there too",
                    "not_below_inflation", raw,
                )
    # A problem above discards the whole fact, so a partial Renewal is never used
    return Renewal(check_at, guarantee) if _is_web_url(check_at) else None


def _parse_columns(raw, node, problem) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, list) or not raw:
        problem("a table needs 'columns', each with a 'key' and a 'type' (text or number)", "columns", node)
        return ()
    columns = []
    for item in raw:
        if not isinstance(item, dict) or not item.get("key") or item.get("type", "text") not in COLUMN_TYPES:
            problem("each column needs a 'key' and a 'type' (text or number)", "columns", node)
            continue
        columns.append((str(item["key"]), item.get("type", "text")))
    return tuple(columns)


def _is_number(value) -> bool:
    # YAML's .nan and .inf are floats: a page would show "NaN" or "∞" as the figure
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_web_url(value) -> bool:
    if not (isinstance(value, str) and value.startswith(("https://", "http://")) and " " not in value):
        return False
    try:  # "http://[gob.mx": no browser opens it, and MkDocs would stop on it with a traceback
        return bool(urlsplit(value).hostname)
    except ValueError:
        return False


def check_value(fact_type: str, value, *, columns=(), region="MX", source_lang="es") -> str | None:
    """Why ``value`` is not a valid value of ``fact_type``, or None if it is."""
    if fact_type in NUMBER_TYPES:
        if not _is_number(value) or value < 0:
            return f"the value of a {fact_type} fact must be a number of zero or more, got {value!r}"
        # Pages show pesos and centavos: a third decimal would be rounded away unseen
        if fact_type == "money" and Decimal(str(value)).as_tuple().exponent < -2:
            return f"a money amount has at most two decimals (centavos), got {value!r}"
    elif fact_type == "date":
        if why := not_a_date(value):
            return f"the value of a date fact {why}"
    elif fact_type == "phone":
        if not isinstance(value, str):
            return "a phone number must be written in quotes, like \"800 717 2942\""
        try:
            number = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            return f"'{value}' is not a phone number"
        if not phonenumbers.is_valid_number(number):
            return f"'{value}' is not a valid phone number in {region}"
    elif fact_type == "url":
        if not _is_web_url(value):
            return f"a url fact must start with https:// or http://, got {value!r}"
    elif fact_type == "text":
        if isinstance(value, dict):
            if source_lang not in value:
                return f"a text fact with translations needs the '{source_lang}' text"
            if not all(isinstance(v, str) and v for v in value.values()):
                return "every translation of a text fact must be non-empty text"
        elif not isinstance(value, str) or not value:
            return "a text fact must be text, or a mapping of language codes to text"
    elif fact_type == "table":
        if not isinstance(value, list) or not value:
            return "a table fact's value must be a list of rows"
        keys = {key for key, _ in columns}
        for number, row in enumerate(value, 1):
            if not isinstance(row, dict) or set(row) != keys:
                return f"row {number} must have exactly the columns {', '.join(sorted(keys))}"
            for key, kind in columns:
                cell = row[key]
                if kind == "number" and not _is_number(cell):
                    return f"row {number}: '{key}' must be a number"
                if kind == "text" and isinstance(cell, dict):
                    # Words in a cell may be translated, as a text fact's value is
                    if source_lang not in cell or not all(isinstance(v, str) and v for v in cell.values()):
                        return f"row {number}: '{key}' with translations needs the '{source_lang}' text, and every translation must be non-empty text"
                elif kind == "text" and not isinstance(cell, (str, int, float)):
                    return f"row {number}: '{key}' must be text"
    return None


def _normalise(fact_type: str, value):
    # Decimal keeps 278.80 exact for money formatting
    if fact_type == "money":
        return Decimal(str(value))
    return value


# -----------------------------------------------------------------------------
# Figures as typed: to recognise a fact's value typed by hand in a page


def number_text(value) -> str:
    """A figure as plain digits and point: 346.50 -> '346.5', 15 -> '15';
    a phone number as its digits: '800 717 2942' -> '8007172942'."""
    if isinstance(value, str):
        return "".join(c for c in value if c.isdigit())
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def value_texts(fact: Fact) -> set[str]:
    """``number_text`` of every value the fact has held or will hold
    (a table's number cells); nothing for text, dates and addresses."""
    if fact.type in ("text", "date", "url"):
        return set()
    found = set()
    for dated in fact.values:
        values = [dated.value]
        if fact.type == "table":
            values = [cell for row in dated.value for cell in row.values() if _is_number(cell)]
        found.update(number_text(value) for value in values)
    return found


def report_staleness(facts: FactRegistry, as_of: dt.date, max_age_days: int, warning_days: int, strict: bool) -> None:
    """The build's report on facts to check: a warning, or with ``strict`` an error."""
    report = facts.staleness(as_of, max_age_days, warning_days)
    # Never fails the build: it gives maintainers time to add the next value
    if report.ending:
        warn(f"Facts whose value ends within {warning_days} days", report.ending_lines())
    if report:
        warn_or_fail("Facts need checking", report.lines(as_of), strict)
