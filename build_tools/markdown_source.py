"""Walk a Markdown file's lines the way a writer sees them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def prose_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(1-based line number, line) for every line outside fenced code blocks."""
    fence = None
    for number, line in enumerate(lines, 1):
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is None:
            yield number, line


_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")


def in_code_span(line: str, position: int) -> bool:
    """Whether ``position`` of ``line`` is inside an inline `code span`."""
    return any(span.start() <= position < span.end() for span in _CODE_SPAN.finditer(line))


def strip_code_spans(line: str) -> str:
    """The line without its inline `code spans`."""
    return _CODE_SPAN.sub("", line)


# A fact reference, {{ id }} or {{ id | mode }}, or a calculator marker
FACT_REFERENCE = re.compile(r"\{\{(.*?)\}\}")
_COMMENT_START, _COMMENT_END = "<!--", "-->"
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_URL = re.compile(r"<?\b(?:https?://|www\.|mailto:|tel:)[^\s<>()\[\]]*>?", re.I)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
# Heading ids and attribute lists: {#cuanto}, {: .class }
_ATTRIBUTES = re.compile(r"\{\s*[:#.][^}]*\}")


# A link reference definition, "[name]: address", its name and address
# (re.M: also found in a whole text); an autolink, "<https://...>", its address
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
AUTOLINK = re.compile(r"<([a-z][a-z0-9+.\-]*:[^<>]*)>", re.I)
# Where on a line a fact's HTML cannot go: a link's text and address, an
# image's description, a reference definition's address, an autolink, the
# inside of an HTML tag
_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\](?:\(([^)]*)\)|\[([^\]]*)\])")
LINK_TEXT, LINK_ADDRESS, IMAGE_DESCRIPTION, INSIDE_TAG = "link text", "link address", "image description", "HTML tag"


def markup_around(line: str, position: int) -> str | None:
    """Which of LINK_TEXT, LINK_ADDRESS, IMAGE_DESCRIPTION and INSIDE_TAG
    ``position`` of ``line`` is in, if any (a link on one line)."""
    def inside(match, group) -> bool:
        return match.group(group) is not None and match.start(group) <= position < match.end(group)

    definition = REFERENCE_DEFINITION.match(line)
    # After "]:" (address and title); a footnote's text ("[^1]: ...") is text
    if definition and not definition.group(1).startswith("^") and position > definition.end(1):
        return LINK_ADDRESS
    for match in AUTOLINK.finditer(line):
        if inside(match, 0):
            return LINK_ADDRESS
    for match in _LINK.finditer(line):
        if inside(match, 3) or inside(match, 4):
            return LINK_ADDRESS
        if inside(match, 2):
            return IMAGE_DESCRIPTION if match.group(1) else LINK_TEXT
    for match in _TAG.finditer(line):
        if inside(match, 0):
            return INSIDE_TAG
    return None


@dataclass(frozen=True)
class ReaderLine:
    number: int  # 1-based, within the lines given
    markup: str  # the line without code and HTML comments: links and tags kept
    text: str  # what a reader reads: no facts, link targets, URLs, tags or ids


def reader_lines(lines: Iterable[str]) -> Iterator[ReaderLine]:
    """The text a writer typed for readers, line by line.

    Left out: fenced code and `code spans`, HTML comments (also across
    lines), fact references, link targets, web and tel: addresses, HTML
    tags with their attributes, heading ids and attribute lists. What is
    left out becomes a space, so words on either side stay apart.
    """
    in_comment = False
    for number, line in prose_lines(lines):
        kept, rest = [], strip_code_spans(line)
        while rest:
            if in_comment:
                end = rest.find(_COMMENT_END)
                if end < 0:
                    rest = ""
                    break
                rest, in_comment = rest[end + len(_COMMENT_END):], False
                kept.append(" ")
            start = rest.find(_COMMENT_START)
            if start < 0:
                kept.append(rest)
                break
            kept.append(rest[:start])
            rest, in_comment = rest[start + len(_COMMENT_START):], True
        markup = "".join(kept)
        if REFERENCE_DEFINITION.match(markup):
            yield ReaderLine(number, markup, "")
            continue
        text = FACT_REFERENCE.sub(" ", markup)
        for pattern in (_LINK_TARGET, _URL, _TAG, _ATTRIBUTES):
            text = pattern.sub(" ", text)
        yield ReaderLine(number, markup, text)
