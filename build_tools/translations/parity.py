"""Parity checks: does a translation keep what its Spanish source has?

A translation must keep the same fact references, internal link targets,
heading ids (level 2 and below), ``tel:`` and external links, and must not
type as a literal a number that the source renders from a fact. The
printable summary in the front matter (build_tools.reader.print_sheets) counts too.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass

from markdown.extensions.toc import slugify

from build_tools import front_matter
from build_tools.checks.links import find_links
from build_tools.errors import ContentError, Problem
from build_tools.facts import FactRegistry, value_texts
from build_tools.facts.markdown_extension import REFERENCE, find_references
from build_tools.front_matter import read_summary
from build_tools.markdown_source import prose_lines, strip_code_spans

_HEADING = re.compile(r"^(#{2,6})\s+(.*?)\s*#*\s*$")
_HEADING_ID = re.compile(r"\{[^}]*#([\w\-]+)[^}]*\}\s*$")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|^ {0,3}\[[^\]]+\]:.*$")
_LIST_MARKER = re.compile(r"^\s*\d+[.)]\s")
_NUMBER = re.compile(r"\d(?:[\d.,\u00a0 -]*\d)?")

KINDS = {
    "fact": "fact reference",
    "link": "internal link",
    "heading": "heading id",
    "external": "tel: or external link",
}


@dataclass(frozen=True)
class Item:
    kind: str
    value: str
    line: int


@lru_cache(maxsize=1024)
def _body_lines(text: str) -> tuple[tuple[str, ...], int]:
    # A Spanish page is compared with each of its translations: split it once
    split = front_matter.split(text)
    return tuple(split.body.splitlines()), split.body_line - 1


@lru_cache(maxsize=1024)
def _summary(text: str) -> tuple[tuple[int, str], ...]:
    """(line, text) of the summary items; a malformed list is the build's to report."""
    try:
        return tuple((item.line, item.text) for item in read_summary(text, ""))
    except ContentError:
        return ()


def heading_anchor(heading: str) -> str:
    """A heading's id: its ``{#id}``, or the one the toc extension makes from its text."""
    explicit = _HEADING_ID.search(heading)
    return explicit.group(1) if explicit else slugify(heading, "-")


@lru_cache(maxsize=1024)
def extract(text: str) -> tuple[Item, ...]:
    """The items of a page that must match across translations, with lines."""
    lines, offset = _body_lines(text)
    items = [
        Item("fact", ref.text.replace(" ", ""), ref.line + offset)
        for ref in find_references(lines)
    ]
    for line, item in _summary(text):
        items += [Item("fact", ref.text.replace(" ", ""), line) for ref in find_references([item])]
    for link in find_links("\n".join(lines)):
        kind = "link" if link.is_internal else "external"
        items.append(Item(kind, link.target, link.line + offset))
    for number, line in prose_lines(lines):
        heading = _HEADING.match(line)
        if heading:
            items.append(Item("heading", heading_anchor(heading.group(2)), number + offset))
    return tuple(items)


def _literal_numbers(text: str) -> list[tuple[str, int]]:
    """Digit strings typed in the prose (not in references, links or code)."""
    lines, offset = _body_lines(text)
    found = []
    summary = [(number - offset, item) for number, item in _summary(text)]
    for number, line in [*prose_lines(lines), *summary]:
        line = strip_code_spans(line)
        line = REFERENCE.sub("", line)
        line = _LINK_TARGET.sub("", line)
        line = _HEADING_ID.sub("", _LIST_MARKER.sub("", line))
        for match in _NUMBER.finditer(line):
            found.append((re.sub(r"\D", "", match.group(0)), number + offset))
    return found


def _fact_digits(facts: FactRegistry, fact_ids: set[str]) -> dict[str, str]:
    """Digit strings a fact can render, mapped to the fact's id."""
    return {
        re.sub(r"\D", "", text): fact_id
        for fact_id in fact_ids
        if (fact := facts.get(fact_id)) is not None
        for text in value_texts(fact)
    }


def compare(
    source_text: str, translation_text: str, facts: FactRegistry, source_path: str, translation_path: str
) -> list[Problem]:
    """Every difference between a translation and its source."""
    problems: list[Problem] = []
    source_items, translated_items = extract(source_text), extract(translation_text)
    for kind, label in KINDS.items():
        wanted = Counter(i.value for i in source_items if i.kind == kind)
        have = Counter(i.value for i in translated_items if i.kind == kind)
        extra, missing = have - wanted, wanted - have
        for item in translated_items:
            if item.kind == kind and extra[item.value] > 0:
                extra[item.value] -= 1
                problems.append(Problem(translation_path, item.line, f"{label} '{item.value}' is not in the Spanish source ({source_path})"))
        for item in source_items:
            if item.kind == kind and missing[item.value] > 0:
                missing[item.value] -= 1
                problems.append(Problem(
                    translation_path, None,
                    f"{label} '{item.value}' is missing; the Spanish source has it at {source_path}:{item.line}",
                ))
    for value, line, fact_id in typed_fact_numbers(source_text, translation_text, facts):
        problems.append(Problem(
            translation_path, line,
            f"the number '{value}' is typed as text; use {{{{ {fact_id} }}}} as the Spanish source does",
        ))
    return problems


def typed_fact_numbers(source_text: str, translation_text: str, facts: FactRegistry) -> list[tuple[str, int, str]]:
    """(digits, line, fact id) of each number the translation types by hand
    that one of the source's facts renders."""
    source_lines = [*_body_lines(source_text)[0], *(item for _, item in _summary(source_text))]
    fact_ids = {ref.fact_id for ref in find_references(source_lines) if ref.fact_id}
    digits = _fact_digits(facts, fact_ids)
    return [(value, line, digits[value]) for value, line in _literal_numbers(translation_text) if value in digits]
