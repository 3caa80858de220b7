"""A Spanish page cut into segments (title, paragraphs, list items, cells...)
for translation one at a time in a PO file, and the page rebuilt from them.

Why we segment the source lines ourselves instead of using mdpo or
translate-toolkit's md2po/po2md: those parse the page into a tree (md4c,
CommonMark) and write the whole translated document back from it, with their
own wrapping, list indentation and escaping. Our pages are Python-Markdown
with attribute lists (``{#id}``, ``{: ...}``), admonitions and ``{{ fact }}``
references that a CommonMark tree does not know, and the page must keep them
byte for byte; so we only replace the text of each block in its own lines.

Headings are ATX (``## Title``) or setext (a line of ``=`` or ``-`` under
them). A paragraph or list item written over several lines becomes one line
in the rebuilt page; the lines it saves come back as blank lines at the next
blank line of the page, so the page keeps its length and every line after a
blank line keeps its number.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml
from markdown.extensions.toc import unique
from mkdocs.utils.meta import YAML_RE

from build_tools.front_matter import FAST_LOADER, SUMMARY_KEY, split
from build_tools.markdown_source import FACT_REFERENCE, prose_lines, strip_code_spans
from build_tools.translations.parity import heading_anchor

KINDS = (
    "title", "description", "summary", "heading", "paragraph", "item", "cell", "admonition-title",
)


@dataclass(frozen=True)
class Segment:
    kind: str  # one of KINDS
    text: str  # the msgid: the Spanish inline Markdown, without block marks
    line: int  # 1-based, in the whole file (front matter included)


@dataclass
class Rebuilt:
    text: str  # the whole file, translated where a translation was given
    translated: int
    total: int
    # The language of the fields a reader sees as plain text: "title",
    # "description" and "admonition-title-1", "admonition-title-2"... in order
    field_langs: dict[str, str] = field(default_factory=dict)
    langs: set[str] = field(default_factory=set)  # every language the page shows
    # The texts written without a <span lang> (title, description, admonition
    # titles), with their language: the build marks them on the finished page
    plain: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Piece:
    """Where a segment's text sits in the file, to replace it."""

    segment: Segment
    index: int  # 0-based line in the file where the text starts
    start: int  # column where the text starts on that line
    end: int  # column where it ends on that line (multi-line: the line's end)
    last: int  # 0-based line where the text ends
    tail: str = ""  # written after the text: a setext heading's attribute list, an added id
    anchor: str | None = None  # a heading's id, added when it has none
    quoted: bool = False  # in the front matter: written as a YAML string
    span: bool = True  # wrapped in <span lang>; plain text otherwise


_ATX = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_ATTR_LIST = re.compile(r"[ \t]*\{[:#.][^}]*\}[ \t]*$")
_ATTR_ID = re.compile(r"#([\w\-]+)")
_ATTR_ONLY = re.compile(r"^\{:?[ \t]*[^}\n ][^}\n]*\}[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ITEM = re.compile(r"^([-*+]|\d+[.)])([ \t]+)(?=\S)")
_ADMONITION = re.compile(r'^!!![ \t]*[\w\-]+(?:[ \t]+[\w\-]+)*(?:[ \t]+"(.*?)")?[ \t]*$')
_QUOTE = re.compile(r"^(?: {0,3}>[ \t]?)+")
_TABLE_SEPARATOR = re.compile(r"^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
# Raw HTML blocks start with a block-level tag (a <span> starts a paragraph)
_HTML_BLOCK = re.compile(
    r"^</?(?:address|article|aside|audio|blockquote|details|dialog|div|dl|fieldset|figure|footer|form"
    r"|h[1-6]|header|hr|iframe|nav|ol|p|pre|script|section|style|table|ul|video)\b",
    re.I,
)
_COMMENT_END = "-->"
# What is not words: fact references, link targets, tags, code spans
_NOT_WORDS = (FACT_REFERENCE, re.compile(r"\]\([^)]*\)"), re.compile(r"<[^>]*>"))
_LETTER = re.compile(r"[^\W\d_]")


def has_words(text: str) -> bool:
    """Whether a text has letters outside fact references, link targets and tags."""
    text = strip_code_spans(text)
    for pattern in _NOT_WORDS:
        text = pattern.sub(" ", text)
    return bool(_LETTER.search(text))


def segments(text: str) -> list[Segment]:
    """The segments of a whole file, in the order of their lines."""
    return [piece.segment for piece in _pieces(text)]


def _pieces(text: str) -> list[_Piece]:
    pieces = _front_pieces(text)
    offset = _body_offset(text)
    pieces += _body_pieces(text.splitlines()[offset:], offset)
    return [p for p in pieces if has_words(p.segment.text)]


def _body_offset(text: str) -> int:
    """File lines before the Markdown body; front matter that is not valid
    YAML is still front matter (build_tools.checks.pages reports it)."""
    match, parsed = YAML_RE.match(text), split(text)
    if match and not parsed.front:
        return text[: match.end()].count("\n") + 1
    return parsed.body_line - 1


def _front_pieces(text: str) -> list[_Piece]:
    """title, description and summary items, located by the YAML parser."""
    match = YAML_RE.match(text)
    if not match:
        return []
    try:
        root = yaml.compose(match.group(1), Loader=FAST_LOADER)
    except yaml.YAMLError:
        return []  # reported with its line by build_tools.checks.pages
    if not isinstance(root, yaml.MappingNode):
        return []
    first = text[: match.start(1)].count("\n")  # 0-based line of the YAML's first line
    lines = text.splitlines()
    pieces = []

    def piece(kind: str, node, span: bool) -> None:
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            return
        start, end = node.start_mark, node.end_mark
        index, last = first + start.line, first + end.line
        if last > index and end.column == 0:  # a block scalar ends at the next line's start
            last -= 1
        end_column = end.column if last == index else len(lines[index])
        segment = Segment(kind, " ".join(str(node.value).split()), index + 1)
        pieces.append(_Piece(segment, index, start.column, end_column, last, quoted=True, span=span))

    for key, value in root.value:
        if key.value in ("title", "description"):
            piece(key.value, value, span=False)  # they go into <title> and meta tags
        elif key.value == SUMMARY_KEY and isinstance(value, yaml.SequenceNode):
            for node in value.value:
                piece("summary", node, span=True)  # rendered as inline Markdown
    return pieces


def _body_pieces(lines: list[str], offset: int) -> list[_Piece]:
    """The blocks of the Markdown body; ``offset``: file lines before it."""
    prose = {number - 1 for number, _ in prose_lines(lines)}
    pieces: list[_Piece] = []
    open_piece: _Piece | None = None  # the paragraph or item that a next line continues
    containers: list[int] = []  # content columns of the open list items and admonitions
    in_table = in_comment = in_html = after_blank = False
    code = False  # inside an indented code block

    def close() -> None:
        nonlocal open_piece
        open_piece = None

    for i, line in enumerate(lines):
        index = offset + i
        if i not in prose:  # fenced code, fences included
            close()
            in_table = False
            continue
        if in_comment:
            in_comment = _COMMENT_END not in line
            continue
        quote = _QUOTE.match(line)
        head = quote.group(0) if quote else ""
        rest = line[len(head):]
        stripped = rest.lstrip(" \t")
        indent = len(rest) - len(stripped)
        column = len(head) + indent
        if not stripped.strip():
            close()
            in_table = in_html = False
            after_blank = True
            continue
        blank_before, after_blank = after_blank, False
        if in_html:
            continue
        # Containers end where a line starts left of their content
        while containers and indent < containers[-1] and not (open_piece and not blank_before):
            containers.pop()
        base = containers[-1] if containers else 0
        if code and indent >= base + 4:
            continue
        code = False
        if indent >= base + 4 and (blank_before or open_piece is None) and not head:
            code = True  # an indented code block
            close()
            continue
        if stripped.startswith("<!--"):
            close()
            in_comment = _COMMENT_END not in stripped
            continue
        if open_piece is None and _HTML_BLOCK.match(stripped):
            in_html = True  # raw HTML: not ours to translate
            continue
        if open_piece is not None and _SETEXT.match(line) and open_piece.segment.kind == "paragraph":
            _to_heading(open_piece, lines[open_piece.index - offset])
            close()
            continue
        if _RULE.match(stripped):
            close()
            continue
        atx = _ATX.match(stripped)
        if atx:
            close()
            content = atx.group(2)
            attrs = _ATTR_LIST.search(content)
            words = content[: attrs.start()] if attrs else content
            start = column + atx.start(2)
            segment = Segment("heading", words.strip(), index + 1)
            explicit = _ATTR_ID.search(attrs.group(0)) if attrs else None
            pieces.append(_Piece(
                segment, index, start, start + len(words.rstrip()), index,
                anchor=None if explicit else heading_anchor(words.strip()),
            ))
            continue
        admonition = _ADMONITION.match(stripped)
        if admonition:
            close()
            containers.append(indent + 4)
            if admonition.group(1) is not None:
                start = column + admonition.start(1)
                segment = Segment("admonition-title", admonition.group(1).strip(), index + 1)
                pieces.append(_Piece(segment, index, start, start + len(admonition.group(1)), index, span=False))
            continue
        if in_table or ("|" in stripped and i + 1 < len(lines) and _TABLE_SEPARATOR.match(_unquote(lines[i + 1]))):
            close()
            in_table = True
            if not _TABLE_SEPARATOR.match(stripped):
                pieces += _cells(line, index)
            continue
        if _ATTR_ONLY.match(stripped):
            close()  # a block's attribute list stays on its own line, as attr_list wants it
            continue
        item = _ITEM.match(stripped)
        if item:
            close()
            content = column + item.end()
            while containers and containers[-1] > indent:
                containers.pop()
            containers.append(content)
            open_piece = _Piece(Segment("item", "", index + 1), index, content, len(line), index)
            _append(open_piece, line[content:])
            pieces.append(open_piece)
            continue
        if open_piece is not None and not blank_before:
            _append(open_piece, stripped)
            open_piece.last = index
            continue
        open_piece = _Piece(Segment("paragraph", "", index + 1), index, column, len(line), index)
        _append(open_piece, stripped)
        pieces.append(open_piece)
    return pieces


def _unquote(line: str) -> str:
    quote = _QUOTE.match(line)
    return (line[quote.end():] if quote else line).strip()


def _append(piece: _Piece, text: str) -> None:
    """Add a line's words to a paragraph or item; the msgid joins lines with one space."""
    text = text.strip()
    joined = f"{piece.segment.text} {text}".strip()
    piece.segment = Segment(piece.segment.kind, joined, piece.segment.line)


def _to_heading(piece: _Piece, first_line: str) -> None:
    """A paragraph underlined with = or -: a setext heading."""
    text = piece.segment.text
    attrs = _ATTR_LIST.search(text)
    explicit = _ATTR_ID.search(attrs.group(0)) if attrs else None
    if attrs:
        text = text[: attrs.start()].rstrip()
        piece.tail = " " + attrs.group(0).strip()
    piece.segment = Segment("heading", text, piece.segment.line)
    piece.anchor = None if explicit else heading_anchor(text)


def _cells(line: str, index: int) -> list[_Piece]:
    """A table row's cells; pipes inside `code` do not split cells."""
    pieces = []
    quote = _QUOTE.match(line)
    start = quote.end() if quote else 0
    bounds, in_code, position = [start - 1], False, start
    for position, char in enumerate(line[start:], start):
        if char == "`":
            in_code = not in_code
        elif char == "|" and not in_code and (position == 0 or line[position - 1] != "\\"):
            bounds.append(position)
    bounds.append(len(line))
    for left, right in zip(bounds, bounds[1:]):
        cell = line[left + 1: right]
        words = cell.strip()
        if not words:
            continue
        begin = left + 1 + (len(cell) - len(cell.lstrip()))
        pieces.append(_Piece(Segment("cell", words, index + 1), index, begin, begin + len(words), index))
    return pieces


def rebuild(
    text: str, translate: Callable[[Segment], tuple[str, str] | None], source_lang: str
) -> Rebuilt:
    """The whole file with each segment's text replaced.

    ``translate(segment)`` gives ``(msgstr, lang)``, the translation and the
    language it is in, or None (untranslated or fuzzy): then the Spanish
    stays, marked with ``source_lang``. Body text becomes
    ``<span lang="...">...</span>``; the front matter's title and
    description and admonition titles get the plain text, and their
    language is in ``field_langs``.
    """
    lines = text.splitlines()
    ending = "\n" if text.endswith("\n") else ""
    pieces = _pieces(text)
    result = Rebuilt(text, 0, len(pieces))
    headings = [p for p in pieces if p.segment.kind == "heading"]
    # As the toc extension does: explicit ids first, then the others in order
    used_ids = {
        match.group(1) for p in headings if (match := _ATTR_ID.search(_heading_attrs(lines[p.index], p)))
    }
    for piece in headings:
        if piece.anchor is not None:
            piece.tail += " {#" + unique(piece.anchor, used_ids) + "}"
    found = {id(piece): translate(piece.segment) for piece in pieces}
    removed: set[int] = set()
    # Right to left, so the columns of earlier pieces on a line stay right
    for piece in sorted(pieces, key=lambda p: (p.index, p.start), reverse=True):
        translation = found[id(piece)]
        if translation is not None:
            words, lang = translation
            words = " ".join(words.splitlines())  # a line break would end the block
            result.translated += 1
        else:
            words, lang = piece.segment.text, source_lang
        result.langs.add(lang)
        if piece.span:
            new = f'<span lang="{lang}">{words}</span>'
        else:
            new = " ".join(words.split())  # a title is one line
            result.plain.append((new, lang))
        if piece.quoted:
            new = json.dumps(new, ensure_ascii=False)  # a valid YAML string
        elif not piece.span:
            new = new.replace('"', "\u201d")  # an admonition title sits between quotes
        line = lines[piece.index]
        if piece.last > piece.index:
            lines[piece.index] = line[: piece.start] + new + piece.tail
            removed.update(range(piece.index + 1, piece.last + 1))
        else:
            lines[piece.index] = line[: piece.start] + new + piece.tail + line[piece.end:]
    admonitions = 0
    for piece in pieces:
        lang = found[id(piece)][1] if found[id(piece)] is not None else source_lang
        if piece.segment.kind in ("title", "description"):
            result.field_langs[piece.segment.kind] = lang
        elif piece.segment.kind == "admonition-title":
            admonitions += 1
            result.field_langs[f"admonition-title-{admonitions}"] = lang
    result.text = "\n".join(_pad(lines, removed, text)) + ending
    return result


def _heading_attrs(line: str, piece: _Piece) -> str:
    if piece.last > piece.index:  # setext: the attribute list is in the tail
        return piece.tail
    return line[piece.end:] + piece.tail


def _pad(lines: list[str], removed: set[int], text: str) -> list[str]:
    """Drop the joined lines, giving them back as blank lines at the next
    blank line outside code (or at the end), so the page keeps its length."""
    offset = _body_offset(text)
    blank_prose = {offset + n - 1 for n, line in prose_lines(text.splitlines()[offset:]) if not line.strip()}
    out, owed = [], 0
    for index, line in enumerate(lines):
        if index in removed:
            if index < offset:  # in the front matter a blank line is harmless
                out.append("")
            else:
                owed += 1
            continue
        if owed and index in blank_prose:
            out += [""] * owed
            owed = 0
        out.append(line)
    return out + [""] * owed
