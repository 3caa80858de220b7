"""Figures typed by hand into a page, in any language.

Every figure a reader relies on comes from a fact (``{{ id }}``): when the
law changes, the fact changes and every page with it, while a figure typed
into the text stays behind. This finds typed figures in a page's text and
in its printable summary (``summary:`` in the front matter, which prints on
paper). The writers' rule is in docs/es/participa/estilo.md (#datos).

What counts as a figure:

- money: "$346.54", "$ 346", "MX$346.54", "346.54 pesos", "mil pesos";
- a length of time: a number before día(s), semana(s), mes(es), año(s),
  hora(s), minuto(s), or days, weeks, months, years, hours, minutes:
  "15 días", "quince días", "two weeks", "24-hour", and halves:
  "un día y medio", "media hora", "a day and a half", "half an hour";
- a percentage: "25%", "25 %", "25 por ciento", "25 percent";
- a phone number: ten digits in groups, after an optional +52 or 01
  ("800 717 2942", "(55) 1234-5678", "+52 55 1234 5678"), and any tel:
  link typed by hand (a phone fact already renders as a link to call).

Not figures: a number with no unit ("paso 3", "Python 3.11"), years and
dates ("la reforma de 2019", "1 de mayo"), times of day ("8:00 horas"),
ordinals ("el primer año"), ordered-list markers, and "un día", "una
semana", "one day", "a week" on their own: in ordinary prose they mean "a
day" ("tu salario de un día"), not a length the law sets. Number words are
read for Spanish and English; pages in other languages are checked for
digits and phone numbers only.

Not read at all (build_tools.markdown_source.reader_lines): fact
references, code, link targets and addresses, HTML tags and comments,
heading ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from build_tools import front_matter
from build_tools.errors import ContentError, Problem
from build_tools.facts import Fact, FactRegistry, number_text, value_texts
from build_tools.facts.markdown_extension import find_references
from build_tools.front_matter import read_summary
from build_tools.markdown_source import reader_lines

# Number words, by language. "un"/"una"/"uno" and "one" count only inside a
# longer number ("treinta y un días", "twenty-one days"): alone they are
# the article of ordinary prose.
_HUNDREDS = {
    "doscient": 200, "trescient": 300, "cuatrocient": 400, "quinient": 500, "seiscient": 600,
    "setecient": 700, "ochocient": 800, "novecient": 900,
}
WORDS = {
    "es": {
        "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
        "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
        "dieciséis": 16, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19,
        "veinte": 20, "veintiuno": 21, "veintiuna": 21, "veintiún": 21, "veintiun": 21,
        "veintidós": 22, "veintidos": 22, "veintitrés": 23, "veintitres": 23, "veinticuatro": 24,
        "veinticinco": 25, "veintiséis": 26, "veintiseis": 26, "veintisiete": 27, "veintiocho": 28,
        "veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60,
        "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100, "mil": 1000,
        **{stem + ending: value for stem, value in _HUNDREDS.items() for ending in ("os", "as")},
    },
    "en": {
        "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
        "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
        "hundred": 100, "thousand": 1000,
    },
}
_ONE = {"es": {"un": 1, "una": 1, "uno": 1}, "en": {"one": 1}}
# Between the words of one number: "treinta y cinco", "twenty-five", "a hundred and ten"
_JOIN = {"es": r"(?:\s+y\s+|\s+)", "en": r"(?:-|\s+and\s+|\s+)"}
# "un día y medio", "a day and a half"; "media hora", "half an hour"
_AND_A_HALF = {"es": r"\s+y\s+medi[oa]", "en": r"\s+and\s+a\s+half"}
_HALF_OF = {"es": r"medi[oa]", "en": r"half\s+an?"}
_A = {"es": "", "en": "|an?"}

UNITS = {
    "days": {"es": ("día", "días", "dia", "dias"), "en": ("day", "days")},
    "weeks": {"es": ("semana", "semanas"), "en": ("week", "weeks")},
    "months": {"es": ("mes", "meses"), "en": ("month", "months")},
    "years": {"es": ("año", "años"), "en": ("year", "years")},
    "hours": {"es": ("hora", "horas"), "en": ("hour", "hours"), "digits": ("h", "hr", "hrs")},
    "minutes": {"es": ("minuto", "minutos"), "en": ("minute", "minutes"), "digits": ("min",)},
    "percent": {"es": ("por ciento",), "en": ("percent", "per cent"), "digits": ("%",)},
    "money": {"es": ("peso", "pesos"), "en": ("peso", "pesos"), "digits": ("MXN",)},
}
_TIME = ("days", "weeks", "months", "years", "hours", "minutes")

WHAT = {
    "money": "a money amount", "days": "a number of days", "weeks": "a number of weeks",
    "months": "a number of months", "years": "a number of years", "hours": "a number of hours",
    "minutes": "a number of minutes", "percent": "a percentage", "phone": "a phone number",
}
# The fact types that can hold each kind of figure, best first
FACT_TYPES = {
    "money": ("money",), "days": ("days", "number", "table"), "weeks": ("weeks", "number"),
    "months": ("months", "number"), "years": ("years", "number", "table"), "hours": ("hours", "number"),
    "minutes": ("number",), "percent": ("percent", "number"), "phone": ("phone",),
}


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _unit_kind(unit: str) -> str:
    unit = " ".join(unit.lower().split())
    return next(kind for kind, forms in UNITS.items() for group in forms.values() if unit in (f.lower() for f in group))


# 1,234.50 / 1 234 (no-break spaces) / 346.54 / 1,5
_NUMBER = r"\d{1,3}(?:[,\u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
# Not part of a longer token: "v2.15", "8:00", "MX$15"
_BEFORE = r"(?<![\w.,:$])"
_MONEY = re.compile(
    rf"(?<![\w$])(?:MX\$|US\$|\$|MXN\s?)\s?(?P<n>{_NUMBER})(?![\d])"
    rf"|{_BEFORE}(?P<m>{_NUMBER})\s?(?:pesos?|MXN)\b",
    re.I,
)
_DIGIT_UNITS = _alternation({u for kind in UNITS.values() for group in kind.values() for u in group} - {"peso", "pesos", "MXN"})
_DIGIT_COUNT = re.compile(rf"{_BEFORE}(?P<n>{_NUMBER})(?:\s|-)?(?P<u>{_DIGIT_UNITS})(?!\w)", re.I)
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_LIST_MARKER = re.compile(r"^(\s*(?:>\s*)*)\d+[.)](?=\s)")
_PHONE = re.compile(
    r"(?<![\w+$.,:/-])(?:\+\s?(?P<cc>\d{1,3})[\s.-]?)?(?P<national>(?:\(\d{2,3}\)[\s.-]?\d+|\d+)(?:[\s.-]\d+)*)(?![\w])"
)
# A link address: no space after "tel:" (a "Tel:" label is not one)
_TEL = re.compile(r"\btel:([+\d(][^\s\"'<>)\]]*)")


def _word_patterns(lang: str) -> list[tuple[re.Pattern, bool]]:
    """(pattern, whether a lone 'un'/'one' counts) for a language's number words."""
    words, one = WORDS[lang], _ONE[lang]
    number = rf"(?:{_alternation(words)}|{_alternation(one)})"
    sequence = rf"{number}(?:{_JOIN[lang]}{number})*"
    time = _alternation(u for kind in _TIME for u in UNITS[kind][lang])
    every = _alternation(u for kind in UNITS.values() for u in kind.get(lang, ()))
    edge = r"(?<![\w-])"
    return [
        # halves first: "un día y medio", "two and a half days", "media hora"
        (re.compile(rf"{edge}(?P<n>{sequence}{_A[lang]})\s+(?P<u>{time}){_AND_A_HALF[lang]}\b(?P<half>)", re.I), True),
        (re.compile(rf"{edge}(?P<n>{sequence}{_A[lang]}){_AND_A_HALF[lang]}\s+(?P<u>{time})\b(?P<half>)", re.I), True),
        (re.compile(rf"{edge}(?P<half>{_HALF_OF[lang]})\s+(?P<u>{time})\b", re.I), True),
        (re.compile(rf"{edge}(?P<n>{sequence})[\s-]+(?P<u>{every})\b", re.I), False),
    ]


_WORD_PATTERNS = {lang: _word_patterns(lang) for lang in WORDS}
# One search says whether a line may hold a figure at all (most lines hold none)
_MAY_HOLD = {
    lang: re.compile(rf"\d|\b(?:{_alternation(WORDS[lang])}|medi[oa]|half)\b", re.I) for lang in WORDS
}
_DIGIT = re.compile(r"\d")


def _words_value(text: str, lang: str) -> Decimal | None:
    values = {**WORDS[lang], **_ONE[lang], "a": 1, "an": 1}
    total = current = 0
    for word in re.findall(r"\w+", text.lower()):
        if word in ("y", "and"):
            continue
        value = values.get(word)
        if value is None:
            return None
        if value == 1000:
            total, current = total + max(current, 1) * 1000, 0
        elif value == 100 and lang == "en":
            current = max(current, 1) * 100
        else:
            current += value
    return Decimal(total + current)


def _digits_value(text: str) -> Decimal | None:
    if re.fullmatch(r"\d{1,3}(?:[,\u00a0\u202f]\d{3})+(?:\.\d+)?", text):
        text = re.sub(r"[,\u00a0\u202f]", "", text)
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None


def _phone_digits(match: re.Match) -> str | None:
    """The ten national digits of a phone-like match, or None if it is not one."""
    groups = re.findall(r"\d+", match.group("national"))
    country = match.group("cc")
    if groups and groups[0] == "01" and not country:  # old long-distance prefix
        groups = groups[1:]
    elif country == "52" and groups and groups[0] == "1":  # old mobile prefix
        groups = groups[1:]
    digits = ""
    for number, group in enumerate(groups):
        if len(group) > 4 and len(groups) > 1:
            return None
        digits += group
        if len(digits) == 10 and (number > 0 or len(groups) == 1):
            return digits
        if len(digits) > 10:
            return None
    return None


@dataclass(frozen=True)
class Figure:
    line: int  # in the page's file
    text: str  # as typed
    kind: str  # a key of WHAT, or "tel" for a typed tel: link
    value: str | None  # the figure as number_text(), a phone's ten digits; None if unknown


def _line_figures(markup: str, text: str, lang: str, line: int) -> list[Figure]:
    found: list[tuple[int, int, Figure]] = []
    text = _ISO_DATE.sub(" ", _LIST_MARKER.sub(r"\1 ", text))

    def add(start: int, end: int, kind: str, value) -> None:
        if any(start < e and s < end for s, e, _ in found):
            return  # a longer reading of the same words was found first
        value = number_text(value) if isinstance(value, Decimal) else value
        found.append((start, end, Figure(line, text[start:end].strip(), kind, value)))

    for match in _TEL.finditer(markup):
        digits = re.sub(r"\D", "", match.group(1))
        found.append((-1, -1, Figure(line, match.group(0), "tel", digits[-10:] or None)))
    for match in _PHONE.finditer(text):
        digits = _phone_digits(match)
        if digits:
            add(match.start(), match.end(), "phone", digits)
    for match in _MONEY.finditer(text):
        add(match.start(), match.end(), "money", _digits_value(match.group("n") or match.group("m")))
    for pattern, lone_one in _WORD_PATTERNS.get(lang, ()):
        for match in pattern.finditer(text):
            number = match.groupdict().get("n") or ""
            if not lone_one and number.lower() in _ONE[lang]:
                continue  # "un día": a day
            value = _words_value(number, lang) if number else Decimal(0)
            if match.groupdict().get("half") is not None:
                value = value + Decimal("0.5") if value is not None else None
            add(match.start(), match.end(), _unit_kind(match.group("u")), value)
    for match in _DIGIT_COUNT.finditer(text):
        add(match.start(), match.end(), _unit_kind(match.group("u")), _digits_value(match.group("n")))
    return [figure for _, _, figure in sorted(found, key=lambda item: item[0])]


def _figures_in(lines: list[str], lang: str, first_line: int) -> list[Figure]:
    may_hold = _MAY_HOLD.get(lang, _DIGIT)
    return [
        figure
        for reader in reader_lines(lines)
        if may_hold.search(reader.text) or "tel:" in reader.markup
        for figure in _line_figures(reader.markup, reader.text, lang, reader.number + first_line - 1)
    ]


def _summary(text: str) -> list:
    try:
        return read_summary(text, "")
    except ContentError:  # a malformed summary is reported where the page's summary is read
        return []


def find_figures(text: str, lang: str, page: front_matter.Split | None = None) -> list[Figure]:
    """Every figure typed by hand in a page (the file's text), with its line.

    ``lang`` is the page's language: it decides which number words are read.
    ``page``: the text already split.
    """
    split = page or front_matter.split(text)
    if text.startswith("---") and not split.front:
        return []  # a header that cannot be read is build_tools.checks.pages' to report
    found = [figure for item in _summary(text) for figure in _figures_in([item.text], lang, item.line)]
    return found + _figures_in(split.body.splitlines(), lang, split.body_line)


# Per registry: every fact by the figures it holds
_BY_VALUE: dict[int, tuple[FactRegistry, dict[str, list[Fact]]]] = {}


def _facts_by_value(facts: FactRegistry) -> dict[str, list[Fact]]:
    cached = _BY_VALUE.get(id(facts))
    if cached is None or cached[0] is not facts:
        index: dict[str, list[Fact]] = {}
        for fact in facts.values():
            for value in value_texts(fact):
                index.setdefault(value[-10:] if fact.type == "phone" else value, []).append(fact)
        cached = _BY_VALUE[id(facts)] = (facts, index)
    return cached[1]


def holding_facts(figure: Figure, facts: FactRegistry, on_page: set[str] = frozenset()) -> tuple[list[str], bool]:
    """The ids of the facts that hold this figure's value (at most three),
    and whether the page itself uses them: those it uses come first, then
    the fact types that fit best."""
    kind = "phone" if figure.kind == "tel" else figure.kind
    types = FACT_TYPES[kind]
    candidates = [f for f in _facts_by_value(facts).get(figure.value or "", ()) if f.type in types]
    if not candidates:
        return [], False

    def rank(fact: Fact):
        return (fact.id not in on_page, types.index(fact.type))

    best = min(rank(f) for f in candidates)
    return sorted(f.id for f in candidates if rank(f) == best)[:3], not best[0]


def message(figure: Figure, fact_ids: list[str], on_page: bool = False) -> str:
    """What to do, in plain words. A fact the page uses surely holds the
    figure; another fact with the same value may only share the number."""
    refs = " or ".join(f"{{{{ {fact_id} }}}}" for fact_id in fact_ids)
    if figure.kind == "tel":
        typed = f'"{figure.text}" is a phone number typed by hand in a link'
        if refs:
            return f"{typed}; write the fact alone ({refs}): it shows as a link to call"
        return f"{typed}; write its fact alone, which shows as a link to call, or add one to facts/ (see participa/estilo)"
    typed = f'"{figure.text}" is {WHAT[figure.kind]} typed by hand'
    if refs and on_page:
        return f"{typed}; use the fact that holds it ({refs}), or add one to facts/ (see participa/estilo)"
    if refs:
        return f"{typed}; if it is the figure of {refs}, use that fact; if not, add one to facts/ (see participa/estilo)"
    return f"{typed}; use a fact instead ({{{{ its.id }}}}): find the one that holds it in facts/, or add one (see participa/estilo)"


def check_page(text: str, shown: str, lang: str, facts: FactRegistry | None = None, page: front_matter.Split | None = None) -> list[Problem]:
    """A problem for every figure typed by hand in a page, naming the fact
    that holds it when its value is a fact's (``page``: the text already split)."""
    page = page or front_matter.split(text)
    figures = find_figures(text, lang, page)
    if not figures:
        return []
    on_page: set[str] = set()
    if facts is not None:
        lines = [*page.body.splitlines(), *(item.text for item in _summary(text))]
        on_page = {ref.fact_id for ref in find_references(lines) if ref.fact_id}
    return [
        Problem(shown, figure.line, message(figure, *(holding_facts(figure, facts, on_page) if facts is not None else ([], False))))
        for figure in figures
    ]
