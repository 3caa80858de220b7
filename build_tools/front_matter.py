"""Read and minimally edit the YAML front matter of a Markdown page.

Edits touch only the lines of one top-level key, so a translator's text
and the rest of the front matter stay byte for byte as they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from mkdocs.utils.meta import YAML_RE

from build_tools.errors import ContentError, Problem

# libyaml when PyYAML has it: headers are parsed for every page of every language
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Split:
    """A Markdown file's text with its front matter parsed: what the build
    reads once per file (``build_tools.pipeline.state.Run.source``)."""

    text: str  # the whole file
    meta: dict
    front: str  # the front matter block, delimiters included ('' if none)
    body: str  # the Markdown after it, as MkDocs reads it
    body_line: int  # the file line (1-based) where ``body`` starts


def split(text: str) -> Split:
    match = YAML_RE.match(text)
    if not match:
        return Split(text, {}, "", text, 1)
    try:
        meta = yaml.load(match.group(1), Loader=FAST_LOADER) or {}  # noqa: S506 - a safe loader
    except (yaml.YAMLError, ValueError):  # ValueError: an impossible date
        meta = None  # reported with its line by build_tools.checks.pages
    if not isinstance(meta, dict):
        return Split(text, {}, "", text, 1)
    rest = text[match.end():]
    body = rest.lstrip("\n")
    return Split(text, meta, text[: match.end()], body, text[: len(text) - len(body)].count("\n") + 1)


def key_line(text: str, key: str) -> int | None:
    """The line of a top-level front matter key (1-based)."""
    for number, line in enumerate(text.splitlines()[1:], 2):
        if line.strip() == "---":
            return None
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return None


def _dump_block(key: str, value: dict) -> str:
    return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, default_flow_style=False)


def set_block(text: str, key: str, value: dict) -> str:
    """Replace (or add) one top-level key of the front matter."""
    match = YAML_RE.match(text)
    block = _dump_block(key, value)
    if not match:
        return f"---\n{block}---\n\n{text}"
    inner = match.group(1)
    lines = inner.splitlines(keepends=True)
    out, skipping = [], False
    for line in lines:
        if re.match(rf"^{re.escape(key)}\s*:", line):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "\t")) or not line.strip()):
            continue
        skipping = False
        out.append(line)
    if out and not out[-1].endswith("\n"):
        out[-1] += "\n"
    opening = text[: match.start(1)]
    closing_start = match.start(1) + len(inner)
    return opening + "".join(out) + block + text[closing_start:]


SUMMARY_KEY = "summary"  # a guide's printable one-page summary (build_tools.reader.print_sheets)
# The words readers use for the problem a page answers ("me corrieron",
# "fired"): the search finds the page by them (build_tools.i18n.search_index)
SEARCH_WORDS_KEY = "search_words"


@dataclass(frozen=True)
class ListLine:
    """One item of a front matter list of one-line texts (``summary``, ``search_words``)."""

    text: str
    line: int  # in the page's file


def read_summary(text: str, shown: str) -> list[ListLine]:
    """The ``summary:`` items of a page's front matter, with their lines.

    Front matter that is not valid YAML is reported by build_tools.checks.pages.
    """
    return _read_lines(text, shown, SUMMARY_KEY, "sentence", "sentences")


def read_search_words(text: str, shown: str) -> list[str]:
    """The ``search_words:`` of a page's front matter: words or short phrases."""
    return [item.text for item in _read_lines(text, shown, SEARCH_WORDS_KEY, "word or phrase", "words or phrases")]


def _read_lines(text: str, shown: str, key: str, one: str, many: str) -> list[ListLine]:
    """A front matter key's list of one-line texts, with their file lines; a
    ContentError naming each bad item's line otherwise."""
    match = YAML_RE.match(text)
    if not match or key not in match.group(1):
        return []
    try:
        root = yaml.compose(match.group(1), Loader=FAST_LOADER)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    # The front matter starts on the line after the opening '---'
    first_line = text[: match.start(1)].count("\n") + 1
    for key_node, value in root.value:
        if key_node.value != key:
            continue
        line = first_line + key_node.start_mark.line
        if not isinstance(value, yaml.SequenceNode) or not value.value:
            raise ContentError(Problem(shown, line, f"'{key}' must be a list of {many}, one per line starting with '- '"))
        items, problems = [], []
        for node in value.value:
            item_line = first_line + node.start_mark.line
            if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
                problems.append(Problem(shown, item_line, f"each '{key}' item must be one {one} of text"))
            elif "\n" in node.value.strip():
                problems.append(Problem(shown, item_line, f"a '{key}' item must fit on one line; make it two items"))
            else:
                items.append(ListLine(node.value.strip(), item_line))
        if problems:
            raise ContentError(problems)
        return items
    return []
