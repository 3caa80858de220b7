"""A sweep for build tests: text on a page that claims to be in the page's
language without being known to be.

It walks the page with the standard library's HTML parser, not with the
tokenizer of ``build_tools.i18n.language_marks``, so that a mistake in one
shows up against the other. Whether a string is known (exact strings and
``{placeholder}`` templates, whitespace-normalised) is decided as the build
decides it.
"""

from __future__ import annotations

from collections.abc import Iterable
from html.parser import HTMLParser

from build_tools.i18n.language_marks import VISIBLE_ATTRIBUTES, VOID_ELEMENTS, KnownText, has_letters, normalise

# Contents not read as text in a human language
SKIPPED = frozenset(("script", "style", "template", "svg", "math", "code", "pre"))


class _Sweep(HTMLParser):
    def __init__(self, lang: str, known: KnownText):
        super().__init__(convert_charrefs=True)
        self.known = known
        self.stack: list[tuple[str, str]] = [("html", lang)]  # (element, its nearest lang)
        self.page_lang = lang
        self.in_body = False
        self.skipping: list[str] = []
        self.found: list[str] = []

    def _check(self, text: str) -> None:
        if has_letters(text) and self.stack[-1][1] == self.page_lang and text not in self.known:
            self.found.append(normalise(text))

    def handle_starttag(self, tag, attrs):
        if self.skipping:
            if tag == self.skipping[0]:
                self.skipping.append(tag)
            return
        attributes = dict(attrs)
        if tag == "html":
            self.stack = [("html", attributes.get("lang") or self.page_lang)]
            return
        self.in_body = self.in_body or tag == "body"
        lang = attributes["lang"] if "lang" in attributes else self.stack[-1][1]
        if self.in_body and lang == self.page_lang:
            for name in VISIBLE_ATTRIBUTES:
                if attributes.get(name):
                    self._check(attributes[name])
        if tag in SKIPPED:
            self.skipping.append(tag)
        elif tag not in VOID_ELEMENTS:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        if self.skipping:
            if tag == self.skipping[0]:
                self.skipping.pop()
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break
        if tag == "body":
            self.in_body = False

    def handle_data(self, data):
        if self.in_body and not self.skipping:
            self._check(data)


def unmarked_text(html: str, lang: str, known: Iterable[str]) -> list[str]:
    """Every text and user-visible attribute value (``aria-label``, ``title``,
    ``placeholder``, ``alt``) in ``<body>`` that has letters, whose nearest
    ``lang`` is ``lang`` and that is not one of the ``known`` strings of that
    language (a known string may be a template with ``{placeholders}``).
    Scripts, styles, templates, SVG and code are not looked at."""
    sweep = _Sweep(lang, known if isinstance(known, KnownText) else KnownText.of(known))
    sweep.feed(html)
    sweep.close()
    return sweep.found
