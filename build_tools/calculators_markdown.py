"""Python-Markdown extension that puts a calculator where a page asks for one.

Syntax, documented for writers in CONTRIBUTING.md, alone on its line with a
blank line before and after:

    {{ calculadora: aguinaldo }}
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from build_tools import calculators
from build_tools.errors import ContentError, Problem
from build_tools.fact_rendering import RenderContext
from build_tools.facts import FactRegistry
from build_tools.markdown_source import prose_lines

MARKER = re.compile(r"^ {0,3}\{\{\s*calculadora\s*:\s*([\w-]*)\s*\}\}\s*$")


@dataclass
class PageCalculators:
    """Set by the hook for each page before it is rendered."""

    path: str
    line_offset: int
    ctx: RenderContext
    # The help page's URL relative to this page (looked up only when needed)
    help_url: Callable[[], str]
    # Calculators placed on the page, in order
    found: list[str] = field(default_factory=list)


def find_markers(lines: list[str]) -> list[tuple[int, str]]:
    """(1-based line, calculator name) of every marker outside fenced code."""
    return [(number, match.group(1)) for number, line in prose_lines(lines) if (match := MARKER.match(line))]


class CalculatorsPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: CalculatorsExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        page = self.extension.page
        if page is None:
            return lines
        problems: list[Problem] = []
        out = list(lines)
        for number, name in find_markers(lines):
            where = (page.path, number + page.line_offset)
            if name not in calculators.CALCULATORS:
                problems.append(Problem(*where, f"unknown calculator '{name}' (use: {', '.join(sorted(calculators.CALCULATORS))})"))
                continue
            # One line for one line: the facts extension, after this one,
            # reports problems by line number
            if any(0 < n <= len(lines) and lines[n - 1].strip() for n in (number - 1, number + 1)):
                problems.append(Problem(*where, f"put a blank line before and after '{{{{ calculadora: {name} }}}}'"))
                continue
            try:
                html = calculators.render(
                    name, self.extension.facts, page.ctx, page.help_url(), where, number=len(page.found) + 1
                )
            except ContentError as error:
                problems += error.problems
                continue
            page.found.append(name)
            out[number - 1] = self.md.htmlStash.store(html)
        if problems:
            raise ContentError(problems)
        return out


class CalculatorsExtension(Extension):
    """Renders ``{{ calculadora: name }}`` lines; ``page`` is set for each page."""

    def __init__(self, facts: FactRegistry, **kwargs):
        self.facts = facts
        self.page: PageCalculators | None = None
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalisation (30), before fact references (29),
        # which would take the marker for a malformed fact reference
        md.preprocessors.register(CalculatorsPreprocessor(md, self), "derechos_calculators", 29.5)
