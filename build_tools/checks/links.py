"""Find the links in a Markdown file, with their line numbers, and check them.

MkDocs' own link validation names the page but not the line; translators
need the line.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import SplitResult, unquote, urlsplit

from build_tools.errors import Problem
from build_tools.markdown_source import AUTOLINK, REFERENCE_DEFINITION, prose_lines, strip_code_spans

_INLINE = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_HTML_URL = re.compile(r"""<[a-z][^>]*?\s(?:src|href)\s*=\s*["']([^"']+)["']""", re.I)


def _split(target: str) -> SplitResult | None:
    """The parts of an address; None where Python cannot read one ("http://[gob.mx")."""
    try:
        return urlsplit(target)
    except ValueError:
        return None


@dataclass(frozen=True)
class Link:
    line: int
    target: str

    @property
    def is_internal(self) -> bool:
        parts = _split(self.target)  # an address that cannot be read: see malformed_links
        return parts is not None and not (parts.scheme or parts.netloc or self.target.startswith("//"))

    @property
    def path(self) -> str:
        parts = _split(self.target)
        return unquote(parts.path) if parts else ""

    @property
    def anchor(self) -> str:
        parts = _split(self.target)
        return unquote(parts.fragment) if parts else ""


def find_links(text: str, autolinks: bool = False) -> list[Link]:
    """Inline links, images, reference definitions and HTML src/href outside
    code (and <https://...> autolinks if asked)."""
    links = []
    for number, line in prose_lines(text.splitlines()):
        if line.startswith(("    ", "\t")):
            continue
        line = strip_code_spans(line)
        for found in _INLINE.finditer(line):
            links.append(Link(number, found.group(1)))
        for found in _HTML_URL.finditer(line):
            links.append(Link(number, found.group(1)))
        definition = REFERENCE_DEFINITION.match(line)
        if definition:
            links.append(Link(number, definition.group(2)))
        if autolinks:
            links += [Link(number, found.group(1)) for found in AUTOLINK.finditer(line)]
    return links


def malformed_links(found: list[Link], shown: str) -> list[Problem]:
    """Of the links found in ``shown``, those whose address is not one
    ("http://[gob.mx"): no browser opens them, and MkDocs would stop on them
    with a traceback."""
    return [
        Problem(shown, link.line, f"the link '{link.target}' is not a web address that can be opened: check it for a stray [ or ]")
        for link in found
        if _split(link.target) is None
    ]


def resolve(link: Link, page_src_uri: str) -> str | None:
    """The ``src_uri`` a relative link points to, or None for '#anchor' links."""
    if not link.path:
        return None
    if link.path.startswith("/"):
        return link.path.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_src_uri), link.path))


_ID = re.compile(r"""\sid=["']([^"']+)["']""")


def anchors_in(html: str) -> set[str]:
    """Every element id in rendered HTML."""
    return set(_ID.findall(html or ""))


def check_links(pages: list[tuple[str, str, list[Link]]], target_of, anchors_of, lang: str) -> list[Problem]:
    """Every link of a language's pages to a missing page or section.

    ``pages``: (src_uri, shown path, internal links) of each page;
    ``target_of(src_uri)``: the shown path of the page there, or None;
    ``anchors_of(src_uri)``: the ids in that page (None if it is not a page).
    """
    problems = []
    anchors: dict[str, set[str] | None] = {}  # each target page's ids, found once
    for src_uri, shown, found in sorted(pages):
        for link in found:
            target_uri = resolve(link, src_uri) or src_uri
            where = target_of(target_uri)
            if where is None:
                problems.append(Problem(shown, link.line, f"(language: {lang}) the link '{link.target}' points to a page that does not exist"))
                continue
            if link.anchor and target_uri not in anchors:
                anchors[target_uri] = anchors_of(target_uri)
            ids = anchors[target_uri] if link.anchor else None
            if ids is not None and link.anchor not in ids:
                problems.append(Problem(shown, link.line, f"(language: {lang}) the link '{link.target}' points to a section '#{link.anchor}' that does not exist in {where}"))
    return problems
