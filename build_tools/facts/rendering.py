"""Render facts as HTML for one language, formatted with Babel."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field

import phonenumbers
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from build_tools.errors import ContentError, Problem
from build_tools.facts import UNIT_TYPES, DatedValue, Fact, LegalBasis, is_yearly
from build_tools.facts.law_text import article_refs
from build_tools.i18n.locales import Catalog

MODES = ("value", "next", "since", "schedule")
# Modes that render a block (a table), alone on their line
BLOCK_MODES = ("schedule",)
EXTERNAL_REL = "noopener noreferrer"
# Mexican law is written in Spanish: its words and citations are Spanish on every page
LAW_LANG = "es"
# Why the value shown is not simply the one in force (see current_value)
ENDED = "ended"
NOT_IN_FORCE = "not_in_force"


@dataclass
class RenderContext:
    """What rendering one document needs to know: its language and date, and
    the facts it used so far. Each document gets its own (``for_document``):
    the facts Markdown extension makes one per page."""

    lang: str
    locale: Locale
    catalog: Catalog
    as_of: dt.date
    # Facts used on the page, in order of first use: their footnote numbers
    used: list[Fact] = field(default_factory=list)
    # A printed summary has no list of sources to point to
    footnotes: bool = True
    # An ended amount was already explained in full on this page: later mentions say only its year
    ended_explained: bool = False

    def for_document(self) -> RenderContext:
        """A fresh context in the same language and date, for a new document."""
        return RenderContext(self.lang, self.locale, self.catalog, self.as_of, footnotes=self.footnotes)

    def footnote(self, fact: Fact) -> int:
        if fact not in self.used:
            self.used.append(fact)
        return self.used.index(fact) + 1


# Pages repeat the same facts: render each (fact, language, date) once per run.
# Entries keep the objects they were made from, so a reused id() never matches.
_MEMO: dict[tuple, tuple] = {}


def _memo(key: tuple, make, owners: tuple = ()) -> str:
    entry = _MEMO.get(key)
    if entry is None or any(a is not b for a, b in zip(entry[0], owners)):
        entry = _MEMO[key] = (owners, make())
    return entry[1]


def clear_cache() -> None:
    """Forget rendered facts (a new run: `mkdocs serve` reloads the facts)."""
    _MEMO.clear()


def _key(ctx: RenderContext, fact: Fact, *parts) -> tuple:
    return (ctx.lang, ctx.as_of, id(ctx.catalog), str(ctx.locale), id(fact), *parts)


def anchor(fact: Fact) -> str:
    return "dc-fact-" + fact.id.replace(".", "-")


def current_value(fact: Fact, as_of: dt.date) -> tuple[DatedValue, str | None]:
    """The value to show, and why it is not simply the one in force: None
    (it is), ENDED (the last value ended and none follows yet: a yearly amount
    whose next one is not in the facts), or NOT_IN_FORCE (any other gap)."""
    value = fact.value_on(as_of)
    if value is not None:
        return value, None
    ended = fact.ended_without_successor(as_of)
    if ended is not None:
        return ended, ENDED
    return (fact.last_expired(as_of) or fact.next_change(as_of) or fact.values[-1]), NOT_IN_FORCE


def format_date_for(day: dt.date, ctx: RenderContext) -> str:
    return _memo(("date", day, str(ctx.locale)), lambda: format_date(day, format="long", locale=ctx.locale))


def format_plain(fact: Fact, value: object, ctx: RenderContext) -> str:
    """The value as plain text (not escaped) in the page's language."""
    return _memo(_key(ctx, fact, "plain", repr(value)), lambda: _format_plain(fact, value, ctx), (fact, ctx.catalog))


def _format_plain(fact: Fact, value: object, ctx: RenderContext) -> str:
    kind, locale = fact.type, ctx.locale
    if kind == "money":
        amount = format_currency(value, fact.currency, locale=locale)
        return ctx.catalog.t(f"money.per.{fact.per}", amount=amount) if fact.per else amount
    if kind == "number":
        return format_decimal(value, locale=locale)
    if kind == "percent":
        # Keep the decimals the source gives (19.6 %, not 20 %)
        return format_percent(value / 100, locale=locale, decimal_quantization=False)
    if kind in UNIT_TYPES:
        return ctx.catalog.plural(f"unit.{kind}", value, locale, n=format_decimal(value, locale=locale))
    if kind == "date":
        return format_date_for(value, ctx)
    if kind == "phone":
        number = phonenumbers.parse(value, fact.region)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    if kind == "url":
        return value.split("://", 1)[1].rstrip("/")
    if kind == "text":
        if isinstance(value, dict):
            return value.get(ctx.lang) or value[ctx.catalog.source_lang]
        return value
    raise ValueError(f"fact '{fact.id}' of type {kind} has no inline form; put it on its own line")


def _same_language(a: str, b: str) -> bool:
    """Tags of one language ("es", "es-MX"): Babel's locale is named by the language alone."""
    return a.split("-")[0].lower() == b.split("-")[0].lower()


def _in_language(text: str, lang: str | None, around: str) -> str:
    """HTML ``text`` marked with its language where that differs from the text
    around it (a Spanish unit in a Nahuatl sentence); ``None``: no language."""
    if lang is None or _same_language(lang, around):
        return text
    return f'<span lang="{lang}">{text}</span>'


def _date_lang(ctx: RenderContext) -> str:
    """The language of Babel's month names: Spanish where Babel has no data for the page's language."""
    return ctx.locale.language


def _date_html(day: dt.date, ctx: RenderContext, around: str | None = None) -> str:
    return _in_language(html.escape(format_date_for(day, ctx)), _date_lang(ctx), around or ctx.lang)


def _value_lang(fact: Fact, value: object, ctx: RenderContext) -> str | None:
    """The language ``format_plain`` writes a value in; None: it has no words of a language."""
    kind = fact.type
    if kind == "money":
        return ctx.catalog.lang_of(f"money.per.{fact.per}") if fact.per else None
    if kind in UNIT_TYPES:
        return ctx.catalog.lang_of(ctx.catalog.plural_key(f"unit.{kind}", value, ctx.locale))
    if kind == "date":
        return _date_lang(ctx)
    if kind == "text" and isinstance(value, dict):
        return ctx.lang if ctx.lang in value else ctx.catalog.source_lang
    return None


def _plain_html(fact: Fact, value: object, ctx: RenderContext, around: str | None = None) -> str:
    """A value as HTML text, marked with its language where it differs from ``around`` (the page's)."""
    return _in_language(html.escape(format_plain(fact, value, ctx)), _value_lang(fact, value, ctx), around or ctx.lang)


def _value_html(fact: Fact, dated: DatedValue, ctx: RenderContext) -> str:
    text = html.escape(format_plain(fact, dated.value, ctx))
    if fact.type == "phone":
        number = phonenumbers.parse(dated.value, fact.region)
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        return f'<a class="dc-fact__tel" href="tel:{e164}">{text}</a>'
    if fact.type == "url":
        return f'<a href="{html.escape(dated.value)}" rel="{EXTERNAL_REL}">{text}</a>'
    return _in_language(text, _value_lang(fact, dated.value, ctx), ctx.lang)


def _localized(ctx: RenderContext, key: str, markup: dict | None = None, **values) -> str:
    """A locale string as HTML: ``values`` escaped, ``markup`` put in as HTML,
    and marked lang="es" where the reader's language has no translation.
    A ``markup`` value is HTML, or a function giving the HTML for the language
    of the sentence around it (see ``_in_language``)."""
    slots = {name: f"\x00{name}\x00" for name in markup or {}}
    text = html.escape(ctx.catalog.t(key, **values, **slots))
    lang = ctx.catalog.lang_of(key)
    for name, slot in slots.items():
        piece = markup[name]
        text = text.replace(slot, piece(lang) if callable(piece) else piece)
    return _in_language(text, lang, ctx.lang)


def _flags_html(fact: Fact, dated: DatedValue, status: str | None, ctx: RenderContext, *, in_text: bool = False) -> str:
    """``in_text``: a mention in the page's text, where the long sentence is said once."""
    if status == ENDED:
        if in_text and ctx.ended_explained:
            text = _ended_short_html(dated, ctx)
        else:
            text = _ended_html(fact, dated, ctx)
            ctx.ended_explained = ctx.ended_explained or in_text
        return f' <mark class="dc-fact__flag dc-fact__flag--ended">({text})</mark>'
    if status == NOT_IN_FORCE:
        key = "fact.not_in_force"
    elif dated.confidence == "unverified":
        key = "fact.unverified"
    else:
        return ""
    return f' <mark class="dc-fact__flag">({_localized(ctx, key)})</mark>'


def _address(url: str) -> str:
    """A web address as readers type it: gob.mx/conasami."""
    shown = url.split("://", 1)[1].rstrip("/")
    return shown.removeprefix("www.")


def _ended_html(fact: Fact, dated: DatedValue, ctx: RenderContext) -> str:
    """Which amount this is, that the next one is not on the site yet, and
    where to find it; and, on a page with no list of sources, what the law
    guarantees about the next one."""
    if is_yearly(dated):
        key, values = "fact.ended.year", {"year": dated.valid_until.year, "new_year": ctx.as_of.year}
    else:
        key, values = "fact.ended.date", {}
    renewal, markup = fact.renewal, {}
    if not is_yearly(dated):
        markup["date"] = lambda around: _date_html(dated.valid_until, ctx, around)
    if renewal:
        key += "_check_at"
        markup["where"] = f'<a href="{html.escape(renewal.check_at)}" rel="{EXTERNAL_REL}">{html.escape(_address(renewal.check_at))}</a>'
    text = _localized(ctx, key, markup, **values)
    if not ctx.footnotes and renewal and renewal.not_below_inflation:
        text += ". " + _not_below_inflation_html(renewal.not_below_inflation, ctx)
    return text


def _ended_short_html(dated: DatedValue, ctx: RenderContext) -> str:
    """Which amount this is, once the page has said the new one is not on the site yet."""
    if is_yearly(dated):
        return _localized(ctx, "fact.ended.year_short", year=dated.valid_until.year)
    return _localized(ctx, "fact.ended.date_short", {"date": lambda around: _date_html(dated.valid_until, ctx, around)})


def _not_below_inflation_html(basis: LegalBasis, ctx: RenderContext) -> str:
    """The sentence saying that by law the increase cannot be below inflation."""
    source_lang = ctx.catalog.source_lang
    text = html.escape(_basis_text(basis, ctx))
    # Law names stay in Spanish
    if ctx.lang != source_lang:
        text = f'<span lang="{source_lang}">{text}</span>'
    return _localized(ctx, "fact.ended.not_below_inflation", {"basis": text})


def _footnote_html(fact: Fact, ctx: RenderContext) -> str:
    if not ctx.footnotes:
        return ""
    number = ctx.footnote(fact)

    def title() -> str:
        basis = "; ".join(_legal_basis_text(fact, ctx))
        if not basis:
            return ""
        # A title in Spanish on another language's page says so (law names are Spanish everywhere)
        lang = ctx.catalog.lang_of("fact.legal_basis")
        mark = "" if _same_language(lang, ctx.lang) else f' lang="{lang}"'
        return f' title="{html.escape(ctx.catalog.t("fact.legal_basis") + ": " + basis)}"{mark}'

    return f'<sup class="dc-fact__ref"><a href="#{anchor(fact)}"{_memo(_key(ctx, fact, "title"), title, (fact, ctx.catalog))}>[{number}]</a></sup>'


# Fact types whose values are sentences or addresses, longer than a phone's line
WRAPPING_TYPES = ("text", "url")


def render_inline(fact: Fact, ctx: RenderContext, mode: str = "value") -> str:
    """A fact inside a sentence: its value, flags and a link to its source."""
    if mode == "next":
        change = fact.next_change(ctx.as_of, new_value=True)
        if change is None:
            return ""
        sentence = _localized(ctx, "fact.next_change", {
            "date": lambda around: _date_html(change.valid_from, ctx, around),
            "value": lambda around: _plain_html(fact, change.value, ctx, around),
        })
        flags = _flags_html(fact, change, None, ctx)
        return f'<span class="dc-fact dc-fact--next" data-fact="{fact.id}">{sentence}{flags}{_footnote_html(fact, ctx)}</span>'
    dated, status = current_value(fact, ctx.as_of)
    if mode == "since":
        if dated.valid_from is None:
            raise ValueError(f"fact '{fact.id}' has no 'valid_from', so '| since' cannot show a date")
        body = _date_html(dated.valid_from, ctx)
    else:
        body = _value_html(fact, dated, ctx)
    flags = _flags_html(fact, dated, status, ctx, in_text=True)
    # A value stays whole on a line; a sentence or an address wraps (derechos.css)
    classes = f"dc-fact dc-fact--{fact.type}" if fact.type in WRAPPING_TYPES else "dc-fact"
    if status == ENDED:
        # A sentence long enough to need wrapping: outside the unbreakable value
        return f'<span class="{classes}" data-fact="{fact.id}">{body}{_footnote_html(fact, ctx)}</span>{flags}'
    return f'<span class="{classes}" data-fact="{fact.id}">{body}{flags}{_footnote_html(fact, ctx)}</span>'


def _cell_html(cell: object, kind: str, ctx: RenderContext) -> str:
    """A table cell as HTML: a number in the page's locale, or text in the page's
    language where the cell has it (else the Spanish, marked as such)."""
    if kind == "number":
        return html.escape(format_decimal(cell, locale=ctx.locale))
    if isinstance(cell, dict):
        lang = ctx.lang if ctx.lang in cell else ctx.catalog.source_lang
        return _in_language(html.escape(cell[lang]), lang, ctx.lang)
    return html.escape(str(cell))


def render_table(fact: Fact, ctx: RenderContext) -> str:
    """A table fact as an HTML table with translated column headings."""
    dated, status = current_value(fact, ctx.as_of)
    head = "".join(f'<th scope="col">{_localized(ctx, "table." + key)}</th>' for key, _ in fact.columns)
    rows = []
    for row in dated.value:
        cells = []
        for key, kind in fact.columns:
            cells.append(f"<td>{_cell_html(row[key], kind, ctx)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    caption = _flags_html(fact, dated, status, ctx, in_text=True) + _footnote_html(fact, ctx)
    return (
        f'<table class="dc-fact dc-fact--table" data-fact="{fact.id}">'
        f"<caption>{caption.strip()}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def render_schedule(fact: Fact, ctx: RenderContext) -> str:
    """Every dated value of a fact as a table: from when, and how much."""
    if fact.type == "table" or not all(v.valid_from for v in fact.values):
        raise ValueError(f"'| schedule' needs a fact whose values all have 'valid_from' ('{fact.id}' does not)")
    shown, status = current_value(fact, ctx.as_of)
    marks = {id(shown): ' class="dc-fact__current"'} if status is None else {}
    # After the last value ended, say so as inline values do
    flags = _flags_html(fact, shown, status, ctx, in_text=True) if status == ENDED else ""
    rows = "".join(
        f"<tr{marks.get(id(dated), '')}>"
        f"<td>{_date_html(dated.valid_from, ctx)}</td>"
        f"<td>{_plain_html(fact, dated.value, ctx)}</td></tr>"
        for dated in fact.values
    )
    return (
        f'<table class="dc-fact dc-fact--table" data-fact="{fact.id}">'
        f"<caption>{(flags + _footnote_html(fact, ctx)).strip()}</caption>"
        f'<thead><tr><th scope="col">{_localized(ctx, "fact.schedule.from")}</th>'
        f'<th scope="col">{_localized(ctx, "fact.schedule.value")}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _legal_basis_text(fact: Fact, ctx: RenderContext) -> list[str]:
    return [_basis_text(basis, ctx) for basis in fact.legal_basis]


def _basis_text(basis: LegalBasis, ctx: RenderContext) -> str:
    if not basis.article:
        return basis.law
    if basis.article[:1].isdigit():
        return f"{basis.law}, {ctx.catalog.t('fact.article', article=basis.article)}"
    # "Título VI, capítulo XIII", "DOF 2 de julio de 2019": not an article number
    return f"{basis.law}, {basis.article}"


def render_sources(ctx: RenderContext) -> str:
    """The list of sources of every fact used on the page, or '' if none."""
    if not ctx.used:
        return ""
    items = [_memo(_key(ctx, fact, "source"), lambda fact=fact: _source_item(fact, ctx), (fact, ctx.catalog)) for fact in ctx.used]
    return (
        f'<aside class="dc-sources"{_own_lang(ctx)}>'
        f'<h2 id="dc-sources">{_localized(ctx, "fact.sources.title")}</h2>'
        f"<p>{_localized(ctx, 'fact.sources.intro')}</p>"
        f"<ol>{''.join(items)}</ol></aside>"
    )


def _own_lang(ctx: RenderContext) -> str:
    """A lang attribute for a block on another language's page: every piece
    in it that is not in that language says its own (see ``_localized``)."""
    return "" if _same_language(ctx.lang, ctx.catalog.source_lang) else f' lang="{ctx.lang}"'


def _source_item(fact: Fact, ctx: RenderContext) -> str:
    """One fact's entry in a page's list of sources."""
    source_lang = ctx.catalog.source_lang
    dated, status = current_value(fact, ctx.as_of)
    parts = []
    if fact.type != "table":
        parts.append(f"<strong>{_value_html(fact, dated, ctx)}</strong>{_flags_html(fact, dated, status, ctx)}.")
    if status == ENDED and fact.renewal and fact.renewal.not_below_inflation:
        parts.append(_not_below_inflation_html(fact.renewal.not_below_inflation, ctx) + ".")
    basis = _legal_basis_text(fact, ctx)
    if basis:
        parts.append(f"{_localized(ctx, 'fact.legal_basis')}: <span lang=\"{source_lang}\">{html.escape('; '.join(basis))}</span>.")
    parts += [_quote_html(legal, ctx) for legal in fact.legal_basis if legal.quote]
    links = ", ".join(
        f'<a href="{html.escape(s.url)}" rel="{EXTERNAL_REL}" lang="{source_lang}">{html.escape(s.title)}</a>'
        for s in dated.sources
    )
    parts.append(f"{_localized(ctx, 'fact.source')}: {links}.")
    if dated.valid_from:
        parts.append(_localized(ctx, "fact.in_force_since", {"date": lambda around: _date_html(dated.valid_from, ctx, around)}) + ".")
    parts.append(_localized(ctx, "fact.last_verified", {"date": lambda around: _date_html(fact.last_verified, ctx, around)}) + ".")
    level = _localized(ctx, f"fact.confidence.{dated.confidence}")
    parts.append(_localized(ctx, "fact.confidence", {"level": lambda around: level}) + ".")
    for note in (fact.note, dated.note):
        if note:
            parts.append(f'{_localized(ctx, "fact.note")}: <span lang="{source_lang}">{html.escape(note)}</span>')
    return f'<li id="{anchor(fact)}">' + " ".join(parts) + "</li>"


def _quote_html(basis: LegalBasis, ctx: RenderContext) -> str:
    """The law's own words, in Spanish on every page: a worker can show them to an employer."""
    key = "fact.quote.title"
    label = f'<span class="dc-quote__label" lang="{ctx.catalog.lang_of(key)}">{html.escape(ctx.catalog.t(key))}</span>'
    cite = f'<cite lang="{LAW_LANG}">{html.escape(_citation(basis))}</cite>'
    words = html.escape(" ".join(basis.quote.split()))
    return (
        f'<figure class="dc-quote"><figcaption>{label}: {cite}</figcaption>'
        f'<blockquote lang="{LAW_LANG}"><p>{words}</p></blockquote></figure>'
    )


def _citation(basis: LegalBasis) -> str:
    """The law and article as the law names them: "Ley Federal del Trabajo, artículo 87"."""
    if not basis.article:
        return basis.law
    if not basis.article[:1].isdigit():  # "Cuarto transitorio, DOF 01-05-2026"
        return f"{basis.law}, {basis.article}"
    refs = article_refs(basis.article)
    several = len(refs) > 1 or any(last is not None for _first, last in refs)
    return f"{basis.law}, {'artículos' if several else 'artículo'} {basis.article}"


def laws_of(ctx: RenderContext, extra: list[str] | tuple = ()) -> list[str]:
    """The laws a page relies on: its facts' legal bases, then any it names."""
    laws: list[str] = []
    for law in [basis.law for fact in ctx.used for basis in fact.legal_basis] + list(extra):
        if law not in laws:
            laws.append(law)
    return laws


def render_review(ctx: RenderContext, last_reviewed: dt.date | None, extra_laws: list[str] | tuple = ()) -> str:
    """When the page's content was last reviewed, and the laws it relies on."""
    source_lang = ctx.catalog.source_lang
    parts = []
    if last_reviewed:
        parts.append(_localized(ctx, "page.last_reviewed", {"date": lambda around: _date_html(last_reviewed, ctx, around)}))
    laws = laws_of(ctx, extra_laws)
    if laws:
        names = "; ".join(html.escape(law) for law in laws)
        parts.append(f'{_localized(ctx, "page.laws")} <span lang="{source_lang}">{names}</span>.')
    return f'<p class="dc-review"{_own_lang(ctx)}>{" ".join(parts)}</p>' if parts else ""


def render_page_footer(ctx: RenderContext, meta: dict, shown: str) -> str:
    """What ends a page: when it was reviewed, the laws it relies on (its
    front matter's ``last_reviewed`` and ``laws``) and the sources of the facts it used."""
    last_reviewed, laws = meta.get("last_reviewed"), meta.get("laws", [])
    if last_reviewed is not None and not isinstance(last_reviewed, dt.date):
        raise ContentError(Problem(shown, None, f"'last_reviewed' must be a date like 2026-11-21, not '{last_reviewed}'"))
    if not isinstance(laws, list) or not all(isinstance(law, str) for law in laws):
        raise ContentError(Problem(shown, None, "'laws' must be a list of law names"))
    return render_review(ctx, last_reviewed, laws) + render_sources(ctx)
