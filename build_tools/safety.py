"""Reject contributor Markdown that could run script or hide content.

Python-Markdown passes raw HTML through, so a guide could carry a script
that reports what a worker reads. We refuse such HTML at the source, with
the file and line, rather than trying to clean it after rendering.
"""

from __future__ import annotations

import html
import re

from build_tools.markdown_source import prose_lines, strip_code_spans

_TAG = re.compile(r"<\s*(script|iframe|object|embed|style|frame|frameset|applet|meta|base|form)\b", re.I)
_EVENT_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=", re.I)
_HIDING_STYLE = re.compile(
    r"""\sstyle\s*=\s*["'][^"']*(display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|opacity\s*:\s*0)""",
    re.I,
)
_MD_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^ {0,3}\[[^\]]+\]:\s*<?(\S+)|<([a-z][a-z0-9+.\-]*:[^>\s]*)>", re.I)
_HTML_URL = re.compile(r"""\s(?:href|src|action|formaction|xlink:href|srcset|poster|data)\s*=\s*["']?([^"'\s>]+)""", re.I)
_BAD_SCHEME = re.compile(r"^(javascript|data|vbscript|file):", re.I)

MESSAGES = {
    "tag": "the HTML tag <{0}> is not allowed in a guide (it could run code or change the page)",
    "event": "HTML attributes that start with 'on' (like onclick=) are not allowed: they run code",
    "style": "a style that hides text is not allowed: readers must see everything the page says",
    "url": "links and images may not use '{0}:' addresses; use a normal https:// link or a page of the site",
}


def _bad_scheme(url: str) -> str | None:
    # Browsers ignore control characters and whitespace inside the scheme
    cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(url))
    match = _BAD_SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def _prose(text: str) -> str:
    """The text with code blanked out, keeping every line where it was."""
    lines = text.splitlines()
    kept = dict(prose_lines(lines))
    return "\n".join(strip_code_spans(kept[n]) if n in kept else "" for n in range(1, len(lines) + 1))


_ANY_TAG = re.compile(r"<[a-z][^<>]*>", re.I | re.S)


def find_unsafe(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, explanation) for every unsafe construct outside code."""
    prose = _prose(text)

    def line_of(position: int) -> int:
        return prose.count("\n", 0, position) + first_line

    found = []
    for tag in _TAG.finditer(prose):
        found.append((line_of(tag.start()), MESSAGES["tag"].format(tag.group(1).lower())))
    # Whole tags, which may span lines, for their attributes
    for tag in _ANY_TAG.finditer(prose):
        if _EVENT_ATTRIBUTE.search(tag.group(0)):
            found.append((line_of(tag.start()), MESSAGES["event"]))
        if _HIDING_STYLE.search(tag.group(0)):
            found.append((line_of(tag.start()), MESSAGES["style"]))
    # Attribute URLs anywhere: a '<' inside a value would end the tag above
    for url in _HTML_URL.finditer(prose):
        if scheme := _bad_scheme(url.group(1)):
            found.append((line_of(url.start()), MESSAGES["url"].format(scheme)))
    for number, line in enumerate(prose.splitlines(), first_line):
        for match in _MD_TARGET.finditer(line):
            for url in filter(None, match.groups()):
                if scheme := _bad_scheme(url):
                    found.append((number, MESSAGES["url"].format(scheme)))
    return sorted(set(found))
