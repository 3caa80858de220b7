"""Walk a Markdown file's lines the way a writer sees them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

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
