"""Reject contributor Markdown that could run script or hide content.

Python-Markdown passes raw HTML through, so a guide could carry a script
that reports what a worker reads. We refuse such HTML at the source, with
the file and line. Tags are read with the same HTML parser as the check on
the rendered page (build_tools.checks.html_safety), which reads them as a browser
does; attribute lists and link targets, which Markdown turns into HTML, are
read here. That check on the rendered body catches whatever gets past this one.
"""

from __future__ import annotations

import html
import re

import yaml
from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.extensions.fenced_code import FencedBlockPreprocessor

from build_tools.checks.html_safety import (
    MESSAGES as HTML_MESSAGES, attribute_findings, find_unsafe_html, message, other_website, unsafe_scheme,
)
from build_tools.front_matter import FAST_LOADER
from build_tools.markdown_source import REFERENCE_DEFINITION

MESSAGES = {
    **HTML_MESSAGES,
    "quote": "the {0} may not contain straight double quotes (\"): use “ ” or ' instead (the page puts it inside HTML)",
}

_MD_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^ {0,3}\[[^\]]+\]:\s*<?(\S+)|<([a-z][a-z0-9+.\-]*:[^>\s]*)>", re.I)
# The target of an inline link may start on the next line: "[text](\njavascript:...)"
_MD_TARGET_NEXT_LINE = re.compile(r"\]\(\s*\n\s*<?([^)\s>]*)")
# An image's address, which the phone fetches with the page: inline (its
# target may start on the next line), or a reference and its definition
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]*)")
_MD_IMAGE_REFERENCE = re.compile(r"!\[([^\]\n]*)\](?:\[([^\]\n]*)\])?")
# { #id .class key=value }, after a heading, paragraph, link, image or table cell;
# the same pattern as Python-Markdown's attr_list, found anywhere on a line
_ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*)\}")


def _bad_scheme(url: str) -> str | None:
    return unsafe_scheme(html.unescape(url))


def _prose(text: str) -> str:
    """The text with the code of fenced blocks blanked, every line where it was.

    Fences are found with Python-Markdown's own pattern: a fence it does
    not take as code (indented, unclosed, with text after the backticks)
    stays prose here too. `Code spans` stay: inside an HTML block Markdown
    leaves them as they are, and the browser reads their tags.
    """
    kept = list(text)
    for fence in FencedBlockPreprocessor.FENCED_BLOCK_RE.finditer(text):
        for position in range(*fence.span("code")):
            if kept[position] != "\n":
                kept[position] = " "
    return "".join(kept)


def _attribute_lists(prose: str, first_line: int) -> list[tuple[int, str]]:
    found = []
    for number, line in enumerate(prose.splitlines(), first_line):
        for match in _ATTR_LIST.finditer(line):
            attrs, _ = get_attrs_and_remainder(match.group(1))
            # A word alone ({ hidden }) is an attribute without a value; only
            # 'hidden' does anything then
            pairs = [(name.lower(), value) for name, value in attrs if value is not None or name.lower() == "hidden"]
            for kind, detail, _clues in attribute_findings("", pairs):
                found.append((number, MESSAGES[kind].format(detail)))
    return found


def find_unsafe(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, explanation) for every unsafe construct outside code."""
    prose = _prose(text)
    found = [(finding.line + first_line - 1, message(finding)) for finding in find_unsafe_html(prose, own_markup=False)]
    found += _attribute_lists(prose, first_line)
    for number, line in enumerate(prose.splitlines(), first_line):
        for match in _MD_TARGET.finditer(line):
            for url in filter(None, match.groups()):
                if scheme := _bad_scheme(url):
                    found.append((number, MESSAGES["url"].format(scheme)))
    for match in _MD_TARGET_NEXT_LINE.finditer(prose):
        if scheme := _bad_scheme(match.group(1)):
            found.append((prose.count("\n", 0, match.start(1)) + first_line, MESSAGES["url"].format(scheme)))
    found += _images_from_other_websites(prose, first_line)
    return sorted(set(found))


def _images_from_other_websites(prose: str, first_line: int) -> list[tuple[int, str]]:
    """Markdown images whose file is on another website, on the line of its address."""
    found = []

    def check(url: str, at: int) -> None:
        if not _bad_scheme(url) and (website := other_website(html.unescape(url))):
            found.append((prose.count("\n", 0, at) + first_line, MESSAGES["external"].format(website)))

    for match in _MD_IMAGE.finditer(prose):
        check(match.group(1), match.start(1))
    # Python-Markdown matches reference names without regard to case or spacing
    references = {" ".join((match.group(2) or match.group(1)).split()).lower() for match in _MD_IMAGE_REFERENCE.finditer(prose)}
    for match in REFERENCE_DEFINITION.finditer(prose):
        if " ".join(match.group(1).split()).lower() in references:
            check(match.group(2), match.start(2))
    return found


# The theme writes the description into an attribute (<meta content="...">)
# without escaping it: a straight double quote would end the attribute.
_ATTRIBUTE_FIELDS = ("description",)


def find_unsafe_in_header(header: str, first_line: int) -> list[tuple[int, str]]:
    """(line, explanation) for unsafe text in front matter values.

    The theme shows the title as HTML and summary items are Markdown, so
    every text value gets the same check as the page's text. ``header`` is
    the YAML between the '---' lines, starting on ``first_line``.
    """
    try:
        root = yaml.compose(header, Loader=FAST_LOADER)
    except yaml.YAMLError:
        return []  # reported by build_tools.checks.pages
    found = []

    def visit(node: yaml.Node, key: str | None) -> None:
        line = node.start_mark.line + first_line
        if isinstance(node, yaml.MappingNode):
            for key_node, value in node.value:
                visit(value, key_node.value if key is None else key)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                visit(item, key)
        elif isinstance(node.value, str):
            found.extend((line, explanation) for _, explanation in find_unsafe(node.value))
            if key in _ATTRIBUTE_FIELDS and '"' in node.value:
                found.append((line, MESSAGES["quote"].format(key)))

    if root is not None:
        visit(root, None)
    return sorted(set(found))
