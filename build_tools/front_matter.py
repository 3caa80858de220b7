"""Read and minimally edit the YAML front matter of a Markdown page.

Edits touch only the lines of one top-level key, so a translator's text
and the rest of the front matter stay byte for byte as they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from mkdocs.utils.meta import YAML_RE

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
        meta = None  # reported with its line by build_tools.pages
    if not isinstance(meta, dict):
        return Split(text, {}, "", text, 1)
    rest = text[match.end():]
    body = rest.lstrip("\n")
    return Split(text, meta, text[: match.end()], body, text[: len(text) - len(body)].count("\n") + 1)


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
