"""Paper: QR codes, links written out for print, and one-page summaries.

A guide lists its key rights in its front matter, one sentence per item,
with fact references allowed (CONTRIBUTING.md, "Printable summary"):

    summary:
      - "Te toca, por lo menos, el salario de {{ aguinaldo.dias }}."

Each language's page has its own list, so translators need no Python; a
page without one (a fallback, or a translation not done yet) uses Spanish.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from urllib.parse import urljoin

import segno
from markdown import Markdown

from build_tools.errors import ContentError
from build_tools.facts import FactRegistry
from build_tools.facts.markdown_extension import Document, FactsExtension
from build_tools.facts.rendering import RenderContext
from build_tools.front_matter import ListLine

QR_MASK = 2
# The summary of guide /hogar/aguinaldo/ is /hogar/aguinaldo/resumen/
SUMMARY_FOLDER = "resumen"

_LINK = re.compile(r"<a\s[^>]*?href=\"([^\"]*)\"[^>]*>")
_NOT_A_PAGE = re.compile(r"^(?:[a-z][a-z0-9+.\-]*:|#|//)", re.I)
_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.S)


def qr_svg(url: str, label: str | None = None, css_class: str = "dc-qr") -> str:
    """The URL as a QR code: one inline SVG path (about 400 bytes gzipped)."""
    svg = _made.get((url, css_class)) or _qr(url, css_class)
    name = f'role="img" aria-label="{_attr(label)}"' if label else 'aria-hidden="true"'
    return svg.replace("<svg ", f"<svg {name} ", 1)


# Error correction M survives a creased or smudged photocopy. A fixed mask
# pattern: choosing the best of the eight costs 12 ms per code (a minute of
# build at 800 pages per language), and phones read any of them. Cached: a
# guide and its summary share one, and `mkdocs serve` rebuilds reuse them.
@lru_cache(maxsize=None)
def _qr(url: str, css_class: str) -> str:
    out = io.BytesIO()
    segno.make(url, error="m", micro=False, boost_error=False, mask=QR_MASK).save(
        out, kind="svg", xmldecl=False, svgns=False, nl=False, border=2, omitsize=True,
        svgclass=css_class, lineclass=None,
    )
    return out.getvalue().decode("ascii")


# Codes made ahead, in the background (see ``qr_codes``)
_made: dict[tuple[str, str], str] = {}


def qr_codes(urls: list[str], css_class: str = "dc-qr") -> dict[str, str]:
    """The QR codes of many URLs; made beside the build (build_tools/pipeline)."""
    return {url: _qr(url, css_class) for url in urls}


def remember_qr_codes(codes: dict[str, str], css_class: str = "dc-qr") -> None:
    _made.update(((url, css_class), svg) for url, svg in codes.items())


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def print_urls(html: str, page_url: str) -> str:
    """Give each link to another page of the site its absolute URL, for print.

    Print CSS writes ``data-print-url`` after the link text: on paper a
    relative link means nothing. Links to other sites print their ``href``.
    """

    def add(match: re.Match) -> str:
        tag, href = match.group(0), match.group(1)
        if not href or _NOT_A_PAGE.match(href) or "data-print-url" in tag:
            return tag
        return tag[:-1] + f' data-print-url="{_attr(urljoin(page_url, href))}">'

    return _LINK.sub(add, html)


class SummaryRenderer:
    """Renders summary items as inline HTML, fact references included."""

    def __init__(self, facts: FactRegistry):
        self._document: Document | None = None
        self.md = Markdown(extensions=[FactsExtension(facts=facts, document=lambda: self._document)])

    def render(self, items: list[ListLine], shown: str, ctx: RenderContext) -> list[str]:
        """``ctx``: the summary's own (its items are one document)."""
        out, problems = [], []
        for item in items:
            # Fact errors name the item's own line in the page's file
            self._document = Document(path=shown, line_offset=item.line - 1, ctx=ctx)
            try:
                html = self.md.reset().convert(item.text)
            except ContentError as error:
                problems += error.problems
                continue
            finally:
                self._document = None
            paragraph = _PARAGRAPH.match(html)
            out.append(paragraph.group(1) if paragraph else html)
        if problems:
            raise ContentError(problems)
        return out


def help_phones(used_facts, defaults: list[str], facts: FactRegistry) -> list[str]:
    """The phone facts a summary lists: the guide's own, then the default ones."""
    ids = [fact.id for fact in used_facts if fact.type == "phone"]
    return ids + [fact_id for fact_id in defaults if fact_id not in ids and fact_id in facts]


def summary_url(page_url: str) -> str:
    """'hogar/aguinaldo/' -> 'hogar/aguinaldo/resumen/'."""
    return f"{page_url}{SUMMARY_FOLDER}/"
