"""Translation status of a page, and the notices that tell readers about it."""

from __future__ import annotations

import html
from dataclasses import dataclass

from build_tools.locales import Catalog

STATUSES = ("draft", "reviewed")


@dataclass(frozen=True)
class PageLanguage:
    """How a page relates to the language being built."""

    build_lang: str  # the language section the reader is in
    text_lang: str  # the language the page's text is written in
    status: str  # "source", "fallback", "draft" or "reviewed"


def translation_status(meta: dict) -> str | None:
    """The ``translation.status`` of a translated page, or None if missing."""
    block = meta.get("translation")
    if not isinstance(block, dict):
        return None
    return block.get("status")


def page_language(build_lang: str, file_lang: str, source_lang: str, meta: dict) -> PageLanguage:
    if file_lang != build_lang:
        return PageLanguage(build_lang, file_lang, "fallback")
    if build_lang == source_lang:
        return PageLanguage(build_lang, build_lang, "source")
    # A translation that does not say it was reviewed is treated as a draft
    status = translation_status(meta)
    return PageLanguage(build_lang, build_lang, status if status in STATUSES else "draft")


def status_problem(meta: dict) -> str | None:
    status = translation_status(meta)
    if status is not None and status not in STATUSES:
        return f"translation.status must be 'draft' or 'reviewed', not '{status}'"
    return None


def _notice(kind: str, catalog: Catalog, language_name: str, link: str | None) -> str:
    title_key, body_key = f"notice.{kind}.title", f"notice.{kind}.body"
    parts = [
        f'<p class="admonition-title" lang="{catalog.lang_of(title_key)}">{html.escape(catalog.t(title_key))}</p>',
        f'<p lang="{catalog.lang_of(body_key)}">{html.escape(catalog.t(body_key, language=language_name))}',
    ]
    if link:
        link_key = "notice.draft.link"
        parts.append(
            f' <a href="{html.escape(link)}" hreflang="{catalog.source_lang}" lang="{catalog.lang_of(link_key)}">'
            f"{html.escape(catalog.t(link_key))}</a>"
        )
    parts.append("</p>")
    return f'<div class="admonition info dc-notice dc-notice--{kind}" role="note">' + "".join(parts) + "</div>"


def decorate(content: str, where: PageLanguage, catalog: Catalog, language_name: str, source_link: str | None) -> str:
    """Add the reader's notice to a fallback or draft page's HTML."""
    if where.status == "fallback":
        notice = _notice("fallback", catalog, language_name, None)
        return notice + f'<div lang="{where.text_lang}">{content}</div>'
    if where.status == "draft":
        return _notice("draft", catalog, language_name, source_link) + content
    return content
