"""What the build adds around a page's text: the share bar, and the audio
player or the "listen" control, under its title, the print footer (QR code, date of the figures), and the
printable one-page summary of a guide (build_tools.reader.print_sheets)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from build_tools.errors import ContentError, Problem, display_path
from build_tools.facts import Fact, FactRegistry
from build_tools.facts.rendering import RenderContext, format_date_for, render_inline
from build_tools.i18n.locales import Catalog
from build_tools.reader import audio, offline, print_sheets

SHARE_SCRIPT = "assets/javascripts/share.js"
LISTEN_SCRIPT = "assets/javascripts/listen.js"
# The guides and the help page read themselves aloud; the home page, the
# calculators and the contributors' pages (participa/) do not.
LISTEN_FOLDERS = frozenset(("hogar", "campo", "fabrica", "empleadores", "ayuda"))

# Said once per build made without the public address (mkdocs.yml, site_url)
NO_PUBLIC_ADDRESS = (
    "SITE_URL no está definida: compartir usa la dirección en la que se lee la página y lo impreso sale sin código QR"
    " / SITE_URL is not set: sharing uses the address the page is read at, and printed pages have no QR code"
)


@dataclass(frozen=True)
class AudioPlayer:
    href: str  # relative to the page
    mime: str
    title: str | None
    duration: str | None
    size: str  # '340 kB', in the page's language (offline.format_size)


@dataclass
class PageTools:
    """What overrides/partials/page-tools.html and summary-sheet.html show."""

    summary_lang: str  # the language of the summary's items
    text_lang: str  # the language of the page's text
    audio: AudioPlayer | None = None
    listen_script: str | None = None  # listen.js relative to the page, where it has the control
    summary: list[str] = field(default_factory=list)  # items, as HTML
    phones: list[tuple[str, str]] = field(default_factory=list)  # (label, phone as HTML)


def check_summary_phones(summary_phones: list[str], facts: FactRegistry, source_catalog: Catalog, locale_file: str) -> None:
    """The help lines every summary lists must be phone facts with a label."""
    source = source_catalog.strings["site"]
    for fact_id in summary_phones:
        fact = facts.get(fact_id)
        if fact is None or fact.type != "phone":
            raise PluginError(f"mkdocs.yml: extra.derechos.summary_phones: '{fact_id}' is not a phone fact in facts/")
        if f"summary.phone.{fact_id}" not in source:
            raise PluginError(f"{locale_file}: add 'summary.phone.{fact_id}' (its label on printed summaries)")


def audio_player(found: audio.Audio, published_url: str | None, page_url: str, ctx: RenderContext,
                 shown: str, line: int | None, root: Path) -> AudioPlayer:
    """The player of a page's recording; ``published_url`` is where the site has the file."""
    if published_url is None:
        raise ContentError(Problem(shown, line, f"the audio file {display_path(found.path, root)} is not published (excluded from the site?)"))
    return AudioPlayer(
        href=get_relative_url(published_url, page_url), mime=found.mime, title=found.title,
        duration=found.duration, size=offline.format_size(found.size, ctx.locale),
    )


def listen_script(page_path: str, page_url: str, has_recording: bool) -> str | None:
    """listen.js relative to the page, on a page that reads itself aloud with
    the phone's voice: a guide or the help page (``page_path`` is its path in
    its language folder, e.g. ``hogar/aguinaldo.md``) without a recording of
    its own (a person reading it comes first). None elsewhere."""
    if has_recording or page_path.split("/", 1)[0] not in LISTEN_FOLDERS:
        return None
    return get_relative_url(LISTEN_SCRIPT, page_url)


def help_lines(facts_used: list[Fact], defaults: list[str], facts: FactRegistry, ctx: RenderContext,
               shown: str, locale_file: str) -> list[tuple[str, str]]:
    """(label, phone) of the help lines a summary lists: the guide's own phones, then the default ones."""
    lines = []
    for fact_id in print_sheets.help_phones(facts_used, defaults, facts):
        key = f"summary.phone.{fact_id}"
        if key not in ctx.catalog.strings["site"]:
            raise ContentError(Problem(locale_file, None, f"add '{key}': {shown} gives this phone number, and printed summaries need its label"))
        lines.append((ctx.catalog.t(key), render_inline(facts[fact_id], ctx)))
    return lines


def summary_clashes(pages: list[tuple[str, str, bool]]) -> list[Problem]:
    """A summary's address must not be a page's. ``pages``: (url, shown path,
    has a summary) of every page of a language."""
    shown_at = {url: shown for url, shown, _ in pages}
    return [
        Problem(shown_at[print_sheets.summary_url(url)], None,
                f"this page's address is where the printable summary of {shown} goes; rename one")
        for url, shown, has_summary in pages
        if has_summary and print_sheets.summary_url(url) in shown_at
    ]


def whatsapp_link(title: str, url: str | None) -> str:
    """The WhatsApp link that works without JavaScript. Without the public
    address it carries the title only; share.js adds the address read at."""
    return "https://wa.me/?text=" + quote(f"{title} {url}" if url else title, safe="")


def add_tools(content: str, env: jinja2.Environment, catalog: Catalog, tools: PageTools, url: str | None,
              title: str, as_of: str) -> str:
    """The page's HTML with the tools under its title and the print footer at its end.

    ``url``: the page's public address, or None when the build has none
    (no SITE_URL): then share.js shares the address the page is read at, and
    paper gets no QR code but a note saying why.
    """
    values = dict(t=catalog.t, url=url, title=title, tools=tools)
    bar = env.get_template("partials/page-tools.html").render(
        **values,
        # The messages share.js shows say their language where it is not the page's
        status_lang=catalog.lang_of("share.copied") if catalog.lang_of("share.copied") != catalog.lang else None,
        whatsapp=whatsapp_link(title, url),
        summary_href=print_sheets.SUMMARY_FOLDER + "/" if tools.summary else None,
    )
    footer = env.get_template("partials/print-footer.html").render(
        **values, qr=print_sheets.qr_svg(url) if url else None, as_of=as_of,
    )
    if url:
        content = print_sheets.print_urls(content, url)
    head, mark, rest = content.partition("</h1>")
    return (head + mark + bar + rest if mark else bar + content) + footer


def summary_sheet(env: jinja2.Environment, ctx: RenderContext, tools: PageTools, *, url: str | None, page_url: str,
                  title: str, site_name: str, as_of: str, last_reviewed) -> str:
    """The printable summary of a guide: a page of its own at ``print_sheets.summary_url(page_url)``.
    ``url``: the guide's public address, or None (no QR code, see ``add_tools``)."""
    address = print_sheets.summary_url(page_url)
    return env.get_template("partials/summary-sheet.html").render(
        t=ctx.catalog.t, lang=ctx.lang, source_lang=ctx.catalog.source_lang, tools=tools, url=url,
        qr=print_sheets.qr_svg(url, ctx.catalog.t("print.qr", url=url)) if url else None,
        title=title, site_name=site_name, as_of=as_of,
        last_reviewed=format_date_for(last_reviewed, ctx) if last_reviewed else None,
        guide_href="../", script=get_relative_url(SHARE_SCRIPT, address),
    )
