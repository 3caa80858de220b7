"""Translations: which Spanish version each one translates, their status,
and the notices that tell readers about it.

A translated page records in its front matter the fingerprint of the
Spanish source it translates (``translation.source``). When the Spanish page
changes, its fingerprint changes and the translation is *outdated*. The
Spanish text of every recorded fingerprint is kept in ``translations/sources``
so that ``translate diff`` can show what changed, without git history.

Three words, each for one thing:

- review status (``REVIEW_STATUSES``): what a translation's front matter
  says, ``translation.status``: ``draft`` until a person who speaks the
  language checked it, then ``reviewed``. A page that says nothing is a draft.
- page state (``PAGE_STATES``): what ``python -m build_tools status`` and the
  public status page report for each Spanish page in each language, one
  word per page: ``translated`` (reviewed, of the current Spanish page),
  ``outdated`` (of an older Spanish page, reviewed or not), ``draft`` (of the
  current Spanish page, not reviewed) or ``missing``.
- text kind (``PageLanguage.kind``, ``TEXT_KINDS``): what a reader gets on
  one built page: the ``source`` page itself, the Spanish text as a
  ``fallback`` in another language's section (also a whole-file draft that
  is still mostly Spanish: it is not called a translation), a page from a PO
  file with some paragraphs still in Spanish (``partial``) or all of them
  ``translated``, or a whole-file translation, by its review status
  (``draft`` or ``reviewed``); whether it is outdated is kept beside it, as
  a page can be both (and then shows both notices).

Pages translated paragraph by paragraph live in gettext PO files
(``translations/<lang>/<page>.po``, see ``po_files`` and ``segments``).
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from build_tools import front_matter
from build_tools.errors import Problem, display_path
from build_tools.i18n.locales import Catalog
from build_tools.translations import po_files, segments
from build_tools.yaml_source import read_text

DRAFT, REVIEWED = "draft", "reviewed"
REVIEW_STATUSES = (DRAFT, REVIEWED)
TRANSLATED, OUTDATED, MISSING = "translated", "outdated", "missing"
PAGE_STATES = (TRANSLATED, OUTDATED, DRAFT, MISSING)
SOURCE, FALLBACK, PARTIAL = "source", "fallback", "partial"
TEXT_KINDS = (SOURCE, FALLBACK, PARTIAL, TRANSLATED, *REVIEW_STATUSES)
ARCHIVE = Path("translations") / "sources"


def fingerprint(source_text: str) -> str:
    """A short content hash of a Spanish page (line endings normalised)."""
    normalised = source_text.replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def archive_source(root: Path, source_text: str) -> str:
    """Keep this Spanish text under its fingerprint; return the fingerprint."""
    digest = fingerprint(source_text)
    path = Path(root) / ARCHIVE / f"{digest}.md"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source_text, encoding="utf-8")
    return digest


def archived_source(root: Path, digest: str) -> str | None:
    path = Path(root) / ARCHIVE / f"{digest}.md"
    return path.read_text(encoding="utf-8") if path.exists() else None


def recorded_source(meta: dict) -> str | None:
    """The fingerprint a translation says it translates."""
    block = meta.get("translation")
    return str(block.get("source")) if isinstance(block, dict) and block.get("source") else None


@dataclass(frozen=True)
class PageStatus:
    page: str  # path under docs/<lang>/, e.g. "hogar/aguinaldo.md"
    lang: str
    state: str  # one of PAGE_STATES
    reviewed_by: str | None = None
    reviewed_on: str | None = None
    title: str = ""  # the Spanish page's title
    # Paragraphs of a page translated in a PO file (None for whole files)
    segments: po_files.Counts | None = None
    # A whole-file draft that is still the Spanish text: shown as Spanish
    spanish_copy: bool = field(default=False, repr=False)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["segments"] = asdict(self.segments) if self.segments else None
        del data["spanish_copy"]
        return data

    @property
    def share(self) -> float:
        """How much of the page is in the language, from 0 to 1."""
        if self.segments is not None:
            total = self.segments.translated + self.segments.fuzzy + self.segments.untranslated
            return self.segments.translated / total if total else 0.0
        return 1.0 if self.state in (TRANSLATED, DRAFT) and not self.spanish_copy else 0.0


def state_of(source_text: str, translation_text: str | None, meta: dict | None = None) -> tuple[str, dict]:
    """The page state (one of PAGE_STATES) of one translation, and its front
    matter (``meta``, if already parsed)."""
    if translation_text is None:
        return MISSING, {}
    if meta is None:
        meta = front_matter.split(translation_text).meta
    if recorded_source(meta) != fingerprint(source_text):
        return OUTDATED, meta
    if translation_status(meta) != REVIEWED:
        return DRAFT, meta
    return TRANSLATED, meta


def source_pages(docs_dir: Path, source_lang: str) -> list[str]:
    base = Path(docs_dir) / source_lang
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.md"))


def pages_without_a_source(docs_dir: Path, source_lang: str, langs: list[str], root: Path | None = None) -> list[Problem]:
    """Pages of other languages that translate no page of ``source_lang``:
    left behind when a Spanish page moved or was removed, they would go on
    showing what the site no longer says. Hidden files are not published."""
    spanish = set(source_pages(docs_dir, source_lang))
    problems = []
    for lang in langs:
        if lang == source_lang:
            continue
        for page in source_pages(docs_dir, lang):
            if page in spanish or any(part.startswith(".") for part in page.split("/")):
                continue
            source = display_path(Path(docs_dir) / source_lang / page, root)
            problems.append(Problem(
                display_path(Path(docs_dir) / lang / page, root), None,
                f"esta traducción no tiene página en español ({source}): si la página se movió, mueve este archivo igual; "
                f"si se quitó, quita también este archivo / this translation has no Spanish page ({source}): "
                "if the page moved, move this file the same way; if it was removed, remove this file too",
            ))
    return problems


@dataclass(frozen=True)
class SegmentFile:
    """A page translated paragraph by paragraph: its PO file, read."""

    path: Path
    catalog: object  # babel.messages.catalog.Catalog
    counts: po_files.Counts
    entries: dict[str, tuple[str, int]]  # Spanish text -> (translation, line), fuzzy ones left out

    @property
    def state(self) -> str:
        counts = self.counts
        if counts.translated == 0 and counts.fuzzy == 0:
            return MISSING
        if counts.fuzzy:
            return OUTDATED
        return DRAFT if counts.untranslated else TRANSLATED


@dataclass(frozen=True)
class Translation:
    """One page in one language, read from disk (``text`` None if there is no
    whole-file translation; ``segments`` its PO file, if there is one)."""

    page: str
    lang: str
    state: str  # one of PAGE_STATES
    meta: dict
    source_path: Path
    path: Path
    source_text: str
    text: str | None
    segments: SegmentFile | None = None
    title: str = ""  # the Spanish page's
    # A whole-file translation, not reviewed, whose text is still mostly the
    # Spanish (a copy `translate start` made): never shown as a translation
    spanish_copy: bool = False


# PO files read, by path, size and time of change: `mkdocs serve` surveys
# them again at every rebuild, and Babel's reader is slow
_READ: dict[tuple[str, int, int], SegmentFile] = {}


def read_segments(path: Path, root: Path | None) -> SegmentFile:
    stat = os.stat(path)
    key = (os.path.abspath(path), stat.st_size, stat.st_mtime_ns)
    if key not in _READ:
        catalog = po_files.read(path, root)
        _READ[key] = SegmentFile(Path(path), catalog, po_files.counts(catalog), po_files.translations_of(catalog))
    return _READ[key]


def survey(docs_dir: Path, source_lang: str, langs: list[str], root: Path | None = None, parse=None) -> list[Translation]:
    """Every Spanish page in every other language, with its state: a whole
    file in docs/<lang>/ wins; else its PO file in translations/<lang>/.

    ``parse(path)`` returns a file's text and front matter (default: read and split it).
    """
    docs_dir = Path(docs_dir)
    root = Path(root) if root else docs_dir.parent
    parse = parse or (lambda path: front_matter.split(read_text(path, root)))
    found = []
    for page in source_pages(docs_dir, source_lang):
        source_path = docs_dir / source_lang / page
        source = parse(source_path)
        title = str(source.meta.get("title") or page)
        for lang in langs:
            if lang == source_lang:
                continue
            path = docs_dir / lang / page
            translation = parse(path) if path.exists() else None
            text, meta = (translation.text, translation.meta) if translation else (None, None)
            state, meta = state_of(source.text, text, meta)
            segments = None
            po = po_files.po_path(root, lang, page)
            if translation is None and po.exists():
                segments = read_segments(po, root)
                state = segments.state
            # A reviewed one passed the same check in `translate done`
            spanish_copy = text is not None and state != TRANSLATED and mostly_spanish(source.text, text)
            found.append(Translation(page, lang, state, meta, source_path, path, source.text, text, segments, title, spanish_copy))
    return found


def stale_segment_files(items: list[Translation]) -> dict[str, int]:
    """Per language translated in PO files: how many pages' PO files do not
    follow the current Spanish page (or are missing), i.e. need
    ``translate update``. Their changed paragraphs show in Spanish until then."""
    po_langs = {item.lang for item in items if item.segments is not None}
    texts: dict[str, set[str]] = {}
    stale: dict[str, int] = {}
    for item in items:
        if item.lang not in po_langs or item.text is not None:
            continue
        if item.page not in texts:
            texts[item.page] = {segment.text for segment in segments.segments(item.source_text)}
        if item.segments is None or po_files.msgids(item.segments.catalog) != texts[item.page]:
            stale[item.lang] = stale.get(item.lang, 0) + 1
    return stale


def status_of(item: Translation) -> PageStatus:
    block = item.meta.get("translation") if isinstance(item.meta.get("translation"), dict) else {}
    reviewed_on = block.get("reviewed_on")
    return PageStatus(
        item.page, item.lang, item.state, block.get("reviewed_by"), str(reviewed_on) if reviewed_on else None,
        item.title, item.segments.counts if item.segments else None, item.spanish_copy,
    )


def collect_status(docs_dir: Path, source_lang: str, langs: list[str], root: Path | None = None) -> list[PageStatus]:
    """The state of every page in every translated language."""
    return [status_of(item) for item in survey(docs_dir, source_lang, langs, root)]


def language_share(statuses: list[PageStatus]) -> dict[str, float]:
    """Per language: how much of the site is in it, from 0 to 1 (each page
    counts the same; a page in a PO file counts its translated paragraphs)."""
    shares: dict[str, list[float]] = {}
    for status in statuses:
        shares.setdefault(status.lang, []).append(status.share)
    return {lang: sum(values) / len(values) for lang, values in shares.items()}


def status_text(statuses: list[PageStatus]) -> str:
    """The terminal report: each page's state (and paragraphs), then each language's coverage."""
    lines = []
    width = max((len(s.title) for s in statuses), default=10)
    for status in statuses:
        line = f"{status.lang:<5} {status.title:<{width}} {status.state}"
        if status.segments is not None:
            c = status.segments
            line += f" ({c.translated} traducidos / translated, {c.fuzzy} por revisar / fuzzy, {c.untranslated} sin traducir / untranslated)"
        lines.append(line + f"  [{status.page}]")
    lines.append("")
    shares = language_share(statuses)
    for lang, counts in coverage(statuses).items():
        summary = ", ".join(f"{counts[state]} {state}" for state in PAGE_STATES)
        lines.append(f"{lang:<5} {shares[lang]:>4.0%} ({summary})")
    return "\n".join(lines)


def coverage(statuses: list[PageStatus]) -> dict[str, dict[str, int]]:
    """Per language: how many pages are in each of PAGE_STATES."""
    table: dict[str, dict[str, int]] = {}
    for status in statuses:
        counts = table.setdefault(status.lang, dict.fromkeys(PAGE_STATES, 0))
        counts[status.state] += 1
    return table


@dataclass(frozen=True)
class PageLanguage:
    """How a page relates to the language being built."""

    build_lang: str  # the language section the reader is in
    text_lang: str  # the language the page's text is written in
    kind: str  # one of TEXT_KINDS
    outdated: bool = False  # its Spanish source changed since it was translated


def translation_status(meta: dict) -> str | None:
    """The review status a page's front matter gives (``translation.status``), or None."""
    block = meta.get("translation")
    if not isinstance(block, dict):
        return None
    return block.get("status")


def page_language(
    build_lang: str, file_lang: str, source_lang: str, meta: dict, outdated: bool = False,
    segments: tuple[int, int] | None = None, mostly_spanish: bool = False,
) -> PageLanguage:
    """``segments``: (translated, total) paragraphs of a page built from its
    PO file; ``mostly_spanish``: a whole-file translation still mostly Spanish."""
    if build_lang == source_lang and file_lang == build_lang:
        return PageLanguage(build_lang, build_lang, SOURCE)
    if segments is not None and segments[0] > 0:
        translated, total = segments
        return PageLanguage(build_lang, build_lang, TRANSLATED if translated == total else PARTIAL)
    if file_lang != build_lang:
        return PageLanguage(build_lang, file_lang, FALLBACK)
    if mostly_spanish:
        return PageLanguage(build_lang, source_lang, FALLBACK)
    # A translation that does not say it was reviewed is treated as a draft
    status = translation_status(meta)
    return PageLanguage(build_lang, build_lang, status if status in REVIEW_STATUSES else DRAFT, outdated)


def mostly_spanish(source_text: str, text: str) -> bool:
    """True when more than half of a translation's paragraphs are its Spanish page's, unchanged."""
    return more_than_half(*still_spanish(source_text, text))


def more_than_half(same: int, total: int) -> bool:
    return bool(total) and same * 2 > total


def still_spanish(source_text: str, text: str) -> tuple[int, int]:
    """(paragraphs of a translation that are a Spanish paragraph unchanged, its paragraphs)."""
    spanish = {segment.text for segment in segments.segments(source_text)}
    own = [segment.text for segment in segments.segments(text)]
    return sum(1 for segment in own if segment in spanish), len(own)


# A reviewer is a person or an organisation; these words describe a process instead
_NOT_A_REVIEWER = re.compile(
    r"#\d|\b(issues?|tickets?|sessions?|sesi[oó]n(es)?|helpers?|bots?|scripts?|ai|ia|machines?|m[aá]quinas?|"
    r"automatic(ally)?|autom[aá]tic[oa]s?|generated|generad[oa]s?|pipeline|commit)\b",
    re.IGNORECASE,
)


def reviewer_problem(reviewer: object) -> str | None:
    """Why ``reviewer`` does not name who reviewed a translation, or None."""
    if not isinstance(reviewer, str) or not reviewer.strip():
        return (
            "una traducción revisada dice quién la revisó: translation.reviewed_by, con el nombre de las personas o de la organización / "
            "a reviewed translation names who reviewed it: translation.reviewed_by, with the names of the people or the organisation"
        )
    if _NOT_A_REVIEWER.search(reviewer):
        return (
            f"translation.reviewed_by ('{reviewer}') debe nombrar a las personas o la organización que revisaron la traducción, no cómo se hizo / "
            "must name the people or organisation who reviewed the translation, not how it was made"
        )
    return None


def status_problem(meta: dict) -> str | None:
    status = translation_status(meta)
    if status is not None and status not in REVIEW_STATUSES:
        return f"translation.status must be {' or '.join(repr(s) for s in REVIEW_STATUSES)}, not '{status}'"
    if status == REVIEWED:
        return reviewer_problem(meta["translation"].get("reviewed_by"))
    return None


@dataclass(frozen=True)
class LanguageNames:
    """A language's name for itself, and the one used inside Spanish sentences."""

    own: str
    spanish: str

    def for_string(self, catalog: Catalog, key: str) -> str:
        # "Esta página no está en náhuatl" but "…in Nāhuatl" once translated
        return self.spanish if catalog.lang_of(key) == catalog.source_lang else self.own


def _notice(kind: str, catalog: Catalog, names: LanguageNames, link: str | None) -> str:
    return f'<div class="admonition info dc-notice dc-notice--{kind}" role="note" data-search-exclude>' + _notice_text(kind, catalog, names, link) + "</div>"


def _fallback_notice(catalog: Catalog, names: LanguageNames) -> str:
    """The fallback notice as one line that unfolds: on a phone the first
    screen is for the page's text."""
    key = "notice.fallback.line"
    line = html.escape(catalog.t(key, language=names.for_string(catalog, key)))
    return (
        f'<div class="dc-notice dc-notice--{FALLBACK}" role="note" data-search-exclude><details class="admonition info">'
        f'<summary lang="{catalog.lang_of(key)}">{line}</summary>' + _notice_text(FALLBACK, catalog, names, None) + "</details></div>"
    )


def _notice_text(kind: str, catalog: Catalog, names: LanguageNames, link: str | None) -> str:
    title_key, body_key, link_key = (f"notice.{kind}.{part}" for part in ("title", "body", "link"))
    parts = [
        f'<p class="admonition-title" lang="{catalog.lang_of(title_key)}">{html.escape(catalog.t(title_key))}</p>',
        f'<p lang="{catalog.lang_of(body_key)}">{html.escape(catalog.t(body_key, language=names.for_string(catalog, body_key)))}',
    ]
    if link:
        parts.append(
            f' <a href="{html.escape(link)}" hreflang="{catalog.source_lang}" lang="{catalog.lang_of(link_key)}">'
            f"{html.escape(catalog.t(link_key))}</a>"
        )
    parts.append("</p>")
    return "".join(parts)


def decorate(content: str, where: PageLanguage, catalog: Catalog, names: LanguageNames, source_link: str | None) -> str:
    """Add the reader's notices to a fallback, partial, outdated or draft
    page's HTML, and say which language its text is in."""
    if where.kind == SOURCE:
        return content
    if where.kind == FALLBACK:
        notice = _fallback_notice(catalog, names)
        return notice + f'<div lang="{where.text_lang}">{content}</div>'
    if where.kind in (PARTIAL, TRANSLATED):
        # Each paragraph of a page from a PO file says its own language
        return (_notice(PARTIAL, catalog, names, source_link) if where.kind == PARTIAL else "") + content
    notices = ""
    if where.outdated:
        notices += _notice(OUTDATED, catalog, names, source_link)
    if where.kind == DRAFT:
        notices += _notice(DRAFT, catalog, names, source_link)
    return notices + f'<div lang="{where.text_lang}">{content}</div>'


STATUS_PLACEHOLDER = "<!-- translation-status -->"


def page_url(page: str) -> str:
    """The directory URL of a page path: 'hogar/aguinaldo.md' -> 'hogar/aguinaldo/'."""
    stem = page[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def render_status(
    statuses: list[PageStatus], catalog: Catalog, names: dict[str, str], href, percent, varieties: dict[str, str | None] | None = None,
) -> str:
    """The public status table; ``href(lang, page)`` links to a page,
    ``percent(share)`` formats a share; ``varieties``: each language's, in Spanish."""
    t = catalog.t

    def th(key: str) -> str:
        return f'<th lang="{catalog.lang_of(key)}">{html.escape(t(key))}</th>'

    # Coverage is the translated pages; the other states get a column each
    others = [state for state in PAGE_STATES if state != TRANSLATED]
    shares = language_share(statuses)
    rows = []
    for lang, counts in coverage(statuses).items():
        total = sum(counts.values())
        variety = (varieties or {}).get(lang)
        # Which variety translators write in, as mkdocs.yml says it (in Spanish)
        variety = f'<br><span class="dc-variety" lang="{catalog.source_lang}">{html.escape(variety)}</span>' if variety else ""
        rows.append(
            # Each language by its own name, read in that language
            f'<tr><td><span lang="{lang}">{html.escape(names.get(lang, lang))}</span> (<code>{lang}</code>){variety}</td>'
            f"<td>{html.escape(percent(shares[lang]))}</td>"
            f"<td>{counts[TRANSLATED]} / {total}</td>"
            + "".join(f"<td>{counts[state]}</td>" for state in others)
            + "</tr>"
        )
    # On a phone it scrolls sideways in its own box: reachable with the keyboard
    summary = (
        f'<table class="dc-status" tabindex="0"><thead><tr>{th("status.language")}{th("status.share")}{th("status.coverage")}'
        + "".join(th("status.state." + state) for state in others)
        + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )
    detail = []
    for status in statuses:
        key = f"status.state.{status.state}"
        label = f'<span lang="{catalog.lang_of(key)}">{html.escape(t(key))}</span>'
        # Page titles are the Spanish pages'
        title = html.escape(status.title or status.page)
        title = title if catalog.lang == catalog.source_lang else f'<span lang="{catalog.source_lang}">{title}</span>'
        # target="_self": Material would swap a link into another language
        # for the current page in that language (README.md, "Decisions")
        link = title if status.state == MISSING and status.segments is None else (
            f'<a href="{html.escape(href(status.lang, status.page))}" target="_self">{title}</a>'
        )
        counts = status.segments
        paragraphs = f"{counts.translated} / {counts.fuzzy} / {counts.untranslated}" if counts else ""
        review = ", ".join(html.escape(str(v)) for v in (status.reviewed_by, status.reviewed_on) if v)
        detail.append(
            f'<tr class="dc-status--{status.state}"><td><code>{status.lang}</code></td>'
            f"<td>{link}</td><td>{label}</td><td>{paragraphs}</td><td>{review}</td></tr>"
        )
    details = (
        f'<table class="dc-status"><thead><tr>{th("status.language")}{th("status.page")}{th("status.state")}'
        f'{th("status.paragraphs")}{th("status.reviewed")}</tr></thead><tbody>' + "".join(detail) + "</tbody></table>"
    )
    intro = f'<p lang="{catalog.lang_of("status.intro")}">{html.escape(t("status.intro"))}</p>'
    return f"{intro}{summary}{details}"
