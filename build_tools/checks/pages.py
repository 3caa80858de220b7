"""Checks on every Markdown page before MkDocs reads it.

MkDocs silently keeps a broken YAML header as page text and shows a
traceback for a file that is not UTF-8; we name the file and line instead.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.utils.meta import YAML_RE

from build_tools.checks.safety import find_unsafe, find_unsafe_in_header
from build_tools.errors import ContentError, Problem, display_path
from build_tools.front_matter import FAST_LOADER, Split, key_line, split
from build_tools.markdown_source import FACT_REFERENCE
from build_tools.yaml_source import ImpossibleDate, parse_yaml


_INVALID = object()


def _header(text: str):
    try:
        return yaml.load(text, Loader=FAST_LOADER)  # noqa: S506 - a safe loader
    except (yaml.YAMLError, ValueError):  # ValueError: an impossible date (2026-02-30)
        return _INVALID


def check_page(text: str, shown: str, page: Split | None = None) -> list[Problem]:
    """Problems in one page's text (already decoded; ``page``: already split)."""
    page = page or split(text)
    # Only a header that split() could not use (or an empty one) needs a closer look
    if text.startswith("---") and not page.meta and (problem := _header_problem(text, shown)):
        return [problem]
    problems = []
    if page.front:
        header = YAML_RE.match(page.front)
        header_line = page.front[: header.start(1)].count("\n") + 1
        problems += [Problem(shown, line, message) for line, message in find_unsafe_in_header(header.group(1), header_line)]
    problems += _facts_in_plain_fields(page, shown)
    if not page.body.strip():
        # The line after the header, however many blank lines follow it
        problems.append(Problem(shown, page.front.count("\n") + 1, "the page is empty: it has no text after its header"))
    problems += [Problem(shown, line, message) for line, message in find_unsafe(page.body, page.body_line)]
    return problems


# Header fields shown as written (the page's title in the browser's tab,
# share text and search; the description in link previews)
PLAIN_FIELDS = ("title", "description")


def _facts_in_plain_fields(page: Split, shown: str) -> list[Problem]:
    """A fact reference where nothing fills it in would show as '{{ ... }}'."""
    problems = []
    for key in PLAIN_FIELDS:
        value = page.meta.get(key)
        if isinstance(value, str) and (reference := FACT_REFERENCE.search(value)):
            problems.append(Problem(
                shown, key_line(page.text, key),
                f"the {key} is shown as it is written, so a fact there would show as '{reference.group(0)}': "
                "write it without the fact (the text of the page can have it)",
            ))
    return problems


def _header_problem(text: str, shown: str) -> Problem | None:
    """What is wrong with a header that starts with '---', if anything."""
    match = YAML_RE.match(text)
    if not match:
        return Problem(shown, 1, "the header starts with '---' but has no closing '---' line")
    meta = _header(match.group(1))
    if meta is _INVALID:
        message = "the header (between the '---' lines) is not valid YAML. Check colons, quotes and indentation."
        try:
            parse_yaml(match.group(1), shown)  # the slow parser, for the line
            line = 2
        except ContentError as error:
            # The YAML error's line counts from the first line after '---'
            first = error.problems[0]
            line = (first.line or 0) + 1
            if isinstance(error, ImpossibleDate):  # it says what is wrong better than we can
                message = first.message
        return Problem(shown, line, message)
    if not isinstance(meta, dict):
        return Problem(shown, 2, "the header (between the '---' lines) must be 'key: value' lines")
    return None


def check_layout(docs_dir: Path, langs: list[str], root: Path | None = None) -> list[Problem]:
    """Everything in docs/ must be inside a configured language's folder."""
    problems = []
    for entry in sorted(Path(docs_dir).iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and entry.name not in langs:
            problems.append(Problem(
                display_path(entry, root), None,
                f"the folder '{entry.name}' is not a language in mkdocs.yml "
                f"(languages: {', '.join(langs)}); add the language there, or move the files",
            ))
        elif entry.is_file():
            problems.append(Problem(
                display_path(entry, root), None,
                f"files go inside a language folder, for example docs/{langs[0]}/{entry.name}",
            ))
    return problems

