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
