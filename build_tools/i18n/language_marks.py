"""Mark the source language's text on another language's page with ``lang``.

A Nahuatl page (``<html lang="nah">``) shows much Spanish: Material's
interface, the navigation's page titles, our controls, the fallback text.
A screen reader reads text in the language of its nearest ``lang``, so every
piece of Spanish must sit inside an element with ``lang="es"``.
``mark_fallback_text`` adds those marks to a finished page; it changes
nothing else, byte for byte.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from build_tools.i18n.locales import SECTIONS, Catalog

# Attributes that browsers show or screen readers read out
VISIBLE_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr".split()
)
# Their content is not text a reader sees as such (scripts, styles) or not
# words of a human language (code: identifiers and notation, read out character
# by character whatever the voice; spans in it would also split highlighted
# lines). Left exactly as they are.
SKIPPED_ELEMENTS = frozenset(("script", "style", "template", "svg", "math", "code", "pre"))
# Their text cannot hold a <span>: the element itself gets the lang attribute
NO_SPAN_INSIDE = frozenset(
    ("select", "option", "optgroup", "datalist", "textarea", "title", "table", "thead", "tbody", "tfoot", "tr", "colgroup")
)
# Raw text: everything up to the closing tag is text, whatever it looks like
_RAW_TEXT = frozenset(("script", "style", "textarea", "title"))

_LETTER = re.compile(r"[^\W\d_]")
_EDGE_PUNCTUATION = " .,:;()"
# A tag's attributes are read only when one of these may be among them: a
# name that starts where an attribute name can ("md-nav__title" cannot).
# Searched in the lowercased attributes, which start with a space or "/".
_MAY_MATTER = re.compile(r"""[\s"'/=](?:lang|aria-label|title|placeholder|alt)(?![^\s"'/=>])""")
_SAME_NAME: dict[str, re.Pattern] = {}
_BODY = re.compile(r"<body[\s>]", re.I)
_SPACE = re.compile(r"\s+")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# A web address: with its scheme, with a path, from www, or a bare host name ("sinacol.veracruz.gob.mx")
_ADDRESS = re.compile(r"(?:[a-zA-Z][\w+.-]*://|mailto:)\S+|[\w-]+(?:\.[\w-]+)+/\S*|www(?:\.[\w-]+)+|(?:[\w-]+\.)+[a-z]{2,}")
_TAG = re.compile(
    r"<(?:!--.*?-->"  # comment
    r"|![^>]*>|\?[^>]*>"  # doctype, processing instruction
    # start or end tag; atomic runs, so a tag is read without backtracking
    r"|(/?)([a-zA-Z][^\s/>]*)((?>[^>\"']+|\"[^\"]*\"|'[^']*')*)>)",
    re.S,
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']*))?""")


def normalise(text: str) -> str:
    """Text as compared with known strings: entities decoded, runs of spaces as one."""
    return _SPACE.sub(" ", html.unescape(text)).strip()


def has_letters(text: str) -> bool:
    """Numbers, punctuation, symbols and amounts ("$315.04") belong to no
    language, and neither do web addresses ("gob.mx/conasami")."""
    text = normalise(text)  # "&para;" is a sign, not letters
    return _LETTER.search(text) is not None and _ADDRESS.fullmatch(text) is None


@dataclass
class KnownText:
    """What is known to be in the page's language: exact strings, and
    templates whose ``{placeholders}`` stand for any text ("Xochitl {count}"
    matches "Xochitl 3"). Strings are compared whitespace-normalised."""

    strings: frozenset[str] = frozenset()
    templates: tuple[str, ...] = ()
    # What is known to be in the languages the page's language falls back to
    # before the source (an nhe page shows some Nahuatl): by language
    others: dict[str, KnownText] = field(default_factory=dict)
    _pattern: re.Pattern | None = field(default=None, init=False, repr=False, compare=False)
    _marks: dict[tuple[str, str, str], str | None] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self):
        self.strings = frozenset(normalise(s) for s in self.strings)
        if self.templates:
            self._pattern = re.compile("|".join(f"(?:{_template_regex(t)})" for t in self.templates), re.S)

    @classmethod
    def of(cls, strings: Iterable[str]) -> KnownText:
        """Strings with ``{placeholders}`` become templates, the others exact strings."""
        exact, templates = set(), []
        for text in strings:
            (templates.append(text) if _PLACEHOLDER.search(text) else exact.add(text))
        return cls(frozenset(exact), tuple(dict.fromkeys(templates)))

    @classmethod
    def from_catalog(
        cls, catalog: Catalog, extra: Iterable[str] = (), others: dict[str, Iterable[str]] | None = None,
    ) -> KnownText:
        """The interface strings really translated into the catalog's language
        (those that fell back to the source language are not), plus ``extra``;
        strings a fallback language supplied, plus ``others``, by language."""
        translated = [
            catalog.strings[section][key]
            for section in SECTIONS
            for key in catalog.translated.get(section, ())
            if key in catalog.strings[section]
        ]
        borrowed: dict[str, list[str]] = {tag: list(texts) for tag, texts in (others or {}).items()}
        for section in SECTIONS:
            for key, tag in catalog.borrowed.get(section, {}).items():
                borrowed.setdefault(tag, []).append(catalog.strings[section][key])
        known = cls.of([*translated, *extra])
        known.others = {tag: cls.of(texts) for tag, texts in borrowed.items() if tag != catalog.lang}
        return known

    def mark_for(self, chunk: str, lang: str, source_lang: str) -> str | None:
        """The language of a piece of text on a ``lang`` page: ``lang`` when
        known, a fallback language that knows it, else ``source_lang``; None
        for text without letters. Remembered: a page's menus, header and
        footer repeat the same pieces on every page of a language."""
        key = (chunk, lang, source_lang)
        try:
            return self._marks[key]
        except KeyError:
            pass
        if not has_letters(chunk):
            mark = None
        else:
            mark = lang if chunk in self else self.other_language(chunk) or source_lang
        self._marks[key] = mark
        return mark

    def other_language(self, text: str) -> str | None:
        """The fallback language ``text`` is known to be in, if any."""
        return next((tag for tag, known in self.others.items() if text in known), None)

    def __contains__(self, text: str) -> bool:
        text = normalise(text)
        if not has_letters(text):
            return True
        # "PROFEDET, federal matters:" is the known label with its colon
        for candidate in dict.fromkeys((text, text.strip(_EDGE_PUNCTUATION))):
            if candidate in self.strings or (self._pattern is not None and self._pattern.fullmatch(candidate)):
                return True
        return False


def _template_regex(template: str) -> str:
    parts = _PLACEHOLDER.split(normalise(template))
    # split() alternates literal text and placeholder names
    literal = [re.escape(part).replace(r"\ ", " ") for part in parts[::2]]
    return ".+?".join(literal)


class _Open:
    """An element open around the current position."""

    __slots__ = ("name", "lang", "region", "start", "end", "explicit")

    def __init__(self, name: str, lang: str, region: str, start: int, end: int, explicit: bool):
        self.name = name
        self.lang = lang  # its language: the nearest lang attribute, explicit or added here
        # "page": no explicit lang above it up to <body>; "trusted": under an
        # explicit lang; "marked": under a lang this pass added (for an attribute)
        self.region = region
        self.start, self.end = start, end  # where its start tag is in the page
        self.explicit = explicit  # has a lang attribute of its own (before or after marking)


def _attributes(text: str) -> dict[str, str]:
    found = {}
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2) or ""
        if value[:1] in "\"'":
            value = value[1:-1]
        found.setdefault(match.group(1).lower(), html.unescape(value))
    return found


def _lang_position(start_tag: str) -> int:
    """Where a lang attribute goes in a start tag: before its end (">" or "/>")."""
    return len(start_tag[: len(start_tag) - (2 if start_tag.endswith("/>") else 1)].rstrip())


def mark_fallback_text(html_text: str, lang: str, source_lang: str, known: KnownText) -> str:
    """The page with every piece of ``source_lang`` text inside ``<body>``
    marked with ``lang="{source_lang}"``; ``lang`` is the page's language
    (its ``<html lang>``).

    - An element with its own ``lang`` attribute is trusted: its text and
      attributes are in that language, down to any element inside with
      another ``lang``. To say that a part of the page (the article of a
      translated page, say) is known to be in ``lang``, wrap it in an element
      with ``lang="{lang}"`` before calling.
    - Any other text with letters whose language is the page's and that is not
      in ``known`` is wrapped in ``<span lang="{source_lang}">``, or in the
      fallback language ``known.others`` knows it in.
    - An element whose ``aria-label``, ``title``, ``placeholder`` or ``alt`` is
      such text gets ``lang="{source_lang}"``; text inside it that is in
      ``known`` is then wrapped in ``<span lang="{lang}">``.
    - Where HTML allows no ``<span>`` (``<option>``, ``<select>``, table rows,
      ``<textarea>``, ``<title>``), the element gets the ``lang`` attribute.
    - Scripts, styles, templates, SVG, MathML and code are left alone.

    Everything else comes back byte for byte; marking twice is marking once.
    Linear in the size of the page.
    """
    body = _BODY.search(html_text)
    if body is None:
        return html_text
    # What changes, as (start, end, new text) in html_text; the rest is kept
    edits: list[tuple[int, int, str]] = []
    stack: list[_Open] = []
    pos = body.start()
    mark_for = known.mark_for

    def mark_element(item: _Open, mark: str) -> None:
        at = item.start + _lang_position(html_text[item.start:item.end])
        edits.append((at, at, f' lang="{mark}"'))
        item.explicit = True

    def text(start: int, chunk: str) -> None:
        mark = mark_for(chunk, lang, source_lang)
        if mark is None:  # no letters
            return
        parent = stack[-1]
        # Under an explicit lang, text is trusted; known text is in the page's
        # language or a fallback's, the rest is Spanish
        if parent.region == "trusted" or mark == parent.lang:
            return
        if parent.name in NO_SPAN_INSIDE:
            if not parent.explicit:
                mark_element(parent, mark)
                parent.lang, parent.region = mark, "trusted"
            return
        stripped = chunk.strip()
        lead = len(chunk) - len(chunk.lstrip())
        edits.append((start + lead, start + lead + len(stripped), f'<span lang="{mark}">{stripped}</span>'))

    # One scan for tags, started again after each stretch skipped whole
    # (inside a script, "<!--" would seem to open a comment)
    tags = _TAG.finditer(html_text, pos)
    while True:
        restart = None
        for match in tags:
            start = match.start()
            if start > pos and stack:
                chunk = html_text[pos:start]
                if not chunk.isspace():  # most are the spaces between tags
                    text(pos, chunk)
            pos = match.end()
            closing, name, raw = match.groups()
            if not name:  # comment, doctype
                continue
            name = name.lower()
            if closing:  # an end tag
                if stack and stack[-1].name == name:
                    stack.pop()
                    continue
                for depth in range(len(stack) - 2, -1, -1):
                    if stack[depth].name == name:
                        del stack[depth:]
                        break
                continue
            # Most tags have neither a lang nor words in an attribute: not parsed
            attributes = _attributes(raw) if raw and _MAY_MATTER.search(raw.lower()) else None
            own = attributes.get("lang") if attributes else None
            empty = name in VOID_ELEMENTS or raw.endswith("/")
            if own is not None and not empty and name not in _RAW_TEXT:
                # A trusted element: nothing in it changes, so it is skipped
                restart = _end_of_element(html_text, name, pos)
                break
            if own is not None:
                item = _Open(name, own, "trusted", start, pos, True)
            else:
                here, region = (stack[-1].lang, stack[-1].region) if stack else (lang, "page")
                item = _Open(name, here, region, start, pos, False)
                if attributes and region == "page":
                    # The first shown attribute whose words are not in the page's language
                    shown = (mark_for(attributes[key], lang, source_lang) for key in VISIBLE_ATTRIBUTES if key in attributes)
                    mark = next((m for m in shown if m not in (None, lang)), None)
                    if mark:
                        mark_element(item, mark)
                        item.lang, item.region = mark, "marked"
            if empty:
                continue
            if name in _RAW_TEXT:
                # Up to the closing tag, whatever it contains ("</" in a script's strings)
                close = re.compile(rf"</{name}[\s>]", re.I).search(html_text, pos)
                stop = close.start() if close else len(html_text)
                if name not in SKIPPED_ELEMENTS:
                    stack.append(item)
                    if stop > pos and not html_text[pos:stop].isspace():
                        text(pos, html_text[pos:stop])
                restart = stop
                break
            if name in SKIPPED_ELEMENTS:
                restart = _end_of_element(html_text, name, pos)
                break
            stack.append(item)
        if restart is None:
            if len(html_text) > pos and stack and not html_text[pos:].isspace():
                text(pos, html_text[pos:])
            break
        pos = restart
        tags = _TAG.finditer(html_text, pos)
    if not edits:
        return html_text
    pieces, copied = [], 0
    for start, end, new in sorted(edits, key=lambda edit: edit[0]):
        pieces += (html_text[copied:start], new)
        copied = end
    pieces.append(html_text[copied:])
    return "".join(pieces)


def _end_of_element(html_text: str, name: str, pos: int) -> int:
    """Where the element whose start tag ends at ``pos`` ends (after its end
    tag), counting the elements of the same name inside it."""
    tags = _SAME_NAME.get(name)
    if tags is None:
        tags = _SAME_NAME[name] = re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^>]*>", re.I)
    depth = 1
    for match in tags.finditer(html_text, pos):
        if match.group(1):
            depth -= 1
            if not depth:
                return match.end()
        elif not match.group(0).endswith("/>"):
            depth += 1
    return len(html_text)


class _LanguageTexts(HTMLParser):
    """Collects the text of each element whose own lang is the one sought."""

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.lang, self.depth, self.texts, self.current = lang, 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_ELEMENTS:
            return
        if self.depth:
            self.depth += 1
        elif dict(attrs).get("lang") == self.lang:
            self.depth, self.current = 1, []

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS or not self.depth:
            return
        self.depth -= 1
        if not self.depth and (text := normalise("".join(self.current))):
            self.texts.append(text)

    def handle_data(self, data):
        if self.depth:
            self.current.append(data)


def texts_in(html_text: str, lang: str) -> list[str]:
    """The text of every element marked ``lang`` (a translated heading, say,
    whose words the table of contents repeats without the mark)."""
    if f'lang="{lang}"' not in html_text:
        return []
    parser = _LanguageTexts(lang)
    parser.feed(html_text)
    parser.close()
    return parser.texts
