"""Python-Markdown extension that puts a calculator where a page asks for one.

Syntax, documented for writers in CONTRIBUTING.md, alone on its line with a
blank line before and after:

    {{ calculadora: aguinaldo }}
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from build_tools.errors import ContentError, Problem
from build_tools.facts.markdown_extension import facts_extension_of
from build_tools.markdown_source import prose_lines
from build_tools.reader import calculators

MARKER = re.compile(r"^ {0,3}\{\{\s*calculadora\s*:\s*([\w-]*)\s*\}\}\s*$")


def find_markers(lines: list[str]) -> list[tuple[int, str]]:
    """(1-based line, calculator name) of every marker outside fenced code."""
    return [(number, match.group(1)) for number, line in prose_lines(lines) if (match := MARKER.match(line))]


class CalculatorsPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: CalculatorsExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        document, found = self.extension.facts.document, self.md.calculators
        if document is None:
            return lines
        problems: list[Problem] = []
        out = list(lines)
        for number, name in find_markers(lines):
            where = (document.path, number + document.line_offset)
            if name not in calculators.CALCULATORS:
                problems.append(Problem(*where, f"unknown calculator '{name}' (use: {', '.join(sorted(calculators.CALCULATORS))})"))
                continue
            # One line for one line: the facts extension, after this one,
            # reports problems by line number
            if any(0 < n <= len(lines) and lines[n - 1].strip() for n in (number - 1, number + 1)):
                problems.append(Problem(*where, f"put a blank line before and after '{{{{ calculadora: {name} }}}}'"))
                continue
            try:
                # Its facts are numbered among the page's (md.fact_context)
                html = calculators.render(
                    name, self.extension.facts.getConfig("facts"), self.md.fact_context,
                    self.extension.getConfig("page_url"), where, number=len(found) + 1,
                )
            except ContentError as error:
                problems += error.problems
                continue
            found.append(name)
            out[number - 1] = self.md.htmlStash.store(html)
        if problems:
            raise ContentError(problems)
        return out


class CalculatorsExtension(Extension):
    """Renders ``{{ calculadora: name }}`` lines, with the facts extension of
    the same Markdown (its document, facts and footnotes).

    After a conversion, ``md.calculators`` lists the calculators placed on
    the page, in order (its template loads their script only then).
    """

    def __init__(self, **kwargs):
        self.config = {
            "page_url": [_no_page_url, "a callable taking a page's path in the language's folder (with any #section) and returning its URL relative to the page being rendered"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        self.md = md
        self.facts = facts_extension_of(md, "calculators")
        # After whitespace normalisation (30), before fact references (29),
        # which would take the marker for a malformed fact reference
        md.preprocessors.register(CalculatorsPreprocessor(md, self), "derechos_calculators", 29.5)

    def reset(self) -> None:
        self.md.calculators = []


def _no_page_url(path: str) -> str:
    raise ValueError("the calculators extension was given no 'page_url'")


def makeExtension(**kwargs) -> CalculatorsExtension:  # noqa: N802 - Python-Markdown's name
    return CalculatorsExtension(**kwargs)
