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
  ``fallback`` in another language's section, or a translation, by its
  review status (``draft`` or ``reviewed``); whether it is outdated is kept
  beside it, as a page can be both (and then shows both notices).
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import asdict, dataclass
from pathlib import Path

from build_tools import front_matter
from build_tools.i18n.locales import Catalog
from build_tools.yaml_source import read_text

DRAFT, REVIEWED = "draft", "reviewed"
REVIEW_STATUSES = (DRAFT, REVIEWED)
TRANSLATED, OUTDATED, MISSING = "translated", "outdated", "missing"
PAGE_STATES = (TRANSLATED, OUTDATED, DRAFT, MISSING)
SOURCE, FALLBACK = "source", "fallback"
TEXT_KINDS = (SOURCE, FALLBACK, *REVIEW_STATUSES)
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

    def as_dict(self) -> dict:
        return asdict(self)


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


@dataclass(frozen=True)
class Translation:
    """One page in one language, read from disk (``text`` None if missing)."""

    page: str
    lang: str
    state: str  # one of PAGE_STATES
    meta: dict
    source_path: Path
    path: Path
    source_text: str
    text: str | None


def survey(docs_dir: Path, source_lang: str, langs: list[str], root: Path | None = None, parse=None) -> list[Translation]:
    """Every Spanish page in every other language, with its state.

    ``parse(path)`` returns a file's text and front matter (default: read and split it).
    """
    docs_dir = Path(docs_dir)
    parse = parse or (lambda path: front_matter.split(read_text(path, root)))
    found = []
    for page in source_pages(docs_dir, source_lang):
        source_path = docs_dir / source_lang / page
        source_text = parse(source_path).text
        for lang in langs:
            if lang == source_lang:
                continue
            path = docs_dir / lang / page
            translation = parse(path) if path.exists() else None
            text, meta = (translation.text, translation.meta) if translation else (None, None)
            state, meta = state_of(source_text, text, meta)
            found.append(Translation(page, lang, state, meta, source_path, path, source_text, text))
    return found


def status_of(item: Translation) -> PageStatus:
    block = item.meta.get("translation") if isinstance(item.meta.get("translation"), dict) else {}
    reviewed_on = block.get("reviewed_on")
    return PageStatus(item.page, item.lang, item.state, block.get("reviewed_by"), str(reviewed_on) if reviewed_on else None)


def collect_status(docs_dir: Path, source_lang: str, langs: list[str], root: Path | None = None) -> list[PageStatus]:
    """The state of every page in every translated language."""
    return [status_of(item) for item in survey(docs_dir, source_lang, langs, root)]


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
    build_lang: str, file_lang: str, source_lang: str, meta: dict, outdated: bool = False
) -> PageLanguage:
    if file_lang != build_lang:
        return PageLanguage(build_lang, file_lang, FALLBACK)
    if build_lang == source_lang:
        return PageLanguage(build_lang, build_lang, SOURCE)
    # A translation that does not say it was reviewed is treated as a draft
    status = translation_status(meta)
    return PageLanguage(build_lang, build_lang, status if status in REVIEW_STATUSES else DRAFT, outdated)


def status_problem(meta: dict) -> str | None:
    status = translation_status(meta)
    if status is not None and status not in REVIEW_STATUSES:
        return f"translation.status must be {' or '.join(repr(s) for s in REVIEW_STATUSES)}, not '{status}'"
    return None


def _notice(kind: str, catalog: Catalog, language_names: dict[str, str], link: str | None) -> str:
    title_key, body_key, link_key = (f"notice.{kind}.{part}" for part in ("title", "body", "link"))
    # A Spanish sentence says "náhuatl", a Nahuatl one the language's own name
    language_name = language_names.get(catalog.lang_of(body_key), language_names[catalog.lang])
    parts = [
        f'<p class="admonition-title" lang="{catalog.lang_of(title_key)}">{html.escape(catalog.t(title_key))}</p>',
        f'<p lang="{catalog.lang_of(body_key)}">{html.escape(catalog.t(body_key, language=language_name))}',
    ]
    if link:
        parts.append(
            f' <a href="{html.escape(link)}" hreflang="{catalog.source_lang}" lang="{catalog.lang_of(link_key)}">'
            f"{html.escape(catalog.t(link_key))}</a>"
        )
    parts.append("</p>")
    return f'<div class="admonition info dc-notice dc-notice--{kind}" role="note" data-search-exclude>' + "".join(parts) + "</div>"


def decorate(content: str, where: PageLanguage, catalog: Catalog, language_names: dict[str, str], source_link: str | None) -> str:
    """Add the reader's notices to a fallback, outdated or draft page's HTML.

    ``language_names``: the page language's name as written in each language
    a notice may be in: ``{"es": "náhuatl", "nah": "Nāhuatl"}``."""
    if where.kind == FALLBACK:
        notice = _notice(FALLBACK, catalog, language_names, None)
        return notice + f'<div lang="{where.text_lang}">{content}</div>'
    notices = ""
    if where.outdated:
        notices += _notice(OUTDATED, catalog, language_names, source_link)
    if where.kind == DRAFT:
        notices += _notice(DRAFT, catalog, language_names, source_link)
    return notices + content


STATUS_PLACEHOLDER = "<!-- translation-status -->"


def page_url(page: str) -> str:
    """The directory URL of a page path: 'hogar/aguinaldo.md' -> 'hogar/aguinaldo/'."""
    stem = page[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def render_status(statuses: list[PageStatus], catalog: Catalog, names: dict[str, str], href) -> str:
    """The public status table; ``href(lang, page)`` links to a page."""
    t = catalog.t
    # Coverage is the translated pages; the other states get a column each
    others = [state for state in PAGE_STATES if state != TRANSLATED]
    rows = []
    for lang, counts in coverage(statuses).items():
        total = sum(counts.values())
        rows.append(
            # Each language by its own name, read in that language
            f'<tr><td><span lang="{lang}">{html.escape(names.get(lang, lang))}</span> (<code>{lang}</code>)</td>'
            f"<td>{counts[TRANSLATED]} / {total}</td>"
            + "".join(f"<td>{counts[state]}</td>" for state in others)
            + "</tr>"
        )
    summary = (
        f'<table class="dc-status"><thead><tr><th>{html.escape(t("status.language"))}</th>'
        f'<th>{html.escape(t("status.coverage"))}</th>'
        + "".join(f"<th>{html.escape(t('status.state.' + state))}</th>" for state in others)
        + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )
    detail = []
    for status in statuses:
        label = html.escape(t(f"status.state.{status.state}"))
        page = html.escape(status.page)
        # target="_self": Material would swap a link into another language
        # for the current page in that language (README.md, "Decisions")
        link = page if status.state == MISSING else f'<a href="{html.escape(href(status.lang, status.page))}" target="_self">{page}</a>'
        review = ", ".join(html.escape(str(v)) for v in (status.reviewed_by, status.reviewed_on) if v)
        detail.append(
            f'<tr class="dc-status--{status.state}"><td><code>{status.lang}</code></td>'
            f"<td>{link}</td><td>{label}</td><td>{review}</td></tr>"
        )
    details = (
        f'<table class="dc-status"><thead><tr><th>{html.escape(t("status.language"))}</th>'
        f'<th>{html.escape(t("status.page"))}</th><th>{html.escape(t("status.state"))}</th>'
        f'<th>{html.escape(t("status.reviewed"))}</th></tr></thead><tbody>' + "".join(detail) + "</tbody></table>"
    )
    return f"<p>{html.escape(t('status.intro'))}</p>{summary}{details}"
