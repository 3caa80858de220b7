"""Python-Markdown extension that renders fact references.

Syntax, documented for writers in CONTRIBUTING.md:

    {{ salario_minimo.general }}           the value in force
    {{ salario_minimo.general | since }}   the date it took effect
    {{ jornada.horas_semanales_maximas | next }}  the next scheduled change
    {{ vacaciones.por_antiguedad }}        a table fact, alone on its line
    {{ jornada.horas_semanales_maximas | schedule }}  every dated value, as a table
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from build_tools.errors import ContentError, Problem
from build_tools.facts.rendering import (
    BLOCK_MODES,
    MODES,
    RenderContext,
    render_inline,
    render_schedule,
    render_table,
)
from build_tools.facts import FactRegistry
from build_tools.markdown_source import (
    FACT_REFERENCE as REFERENCE, IMAGE_DESCRIPTION, INSIDE_TAG, LINK_ADDRESS, LINK_TEXT, in_code_span, markup_around, prose_lines,
)

_INNER = re.compile(r"^\s*([A-Za-z][\w.\-]*)\s*(?:\|\s*([A-Za-z]+)\s*)?$")


@dataclass(frozen=True)
class Reference:
    line: int  # 1-based, within the text given
    text: str  # as written, e.g. "{{ aguinaldo.dias }}"
    fact_id: str | None  # None when the reference cannot be parsed
    mode: str | None
    misplaced: str | None = None  # the markup it is in where a fact cannot go (markup_around)


# A fact renders to HTML with links of its own (its source note, a phone
# number): where it cannot go, and what to do instead
MISPLACED = {
    LINK_TEXT: "a fact cannot be in a link's text: its value and its source note are links themselves. "
               "Put it next to the link: [el aguinaldo](aguinaldo.md), {{ aguinaldo.dias }}",
    LINK_ADDRESS: "a fact cannot be part of a link's address; write the address itself",
    IMAGE_DESCRIPTION: "a fact cannot be in an image's description (what is between ![ and ]); write it in words",
    INSIDE_TAG: "a fact cannot be inside an HTML tag (between < and >); put it in the text",
}


def find_references(lines: list[str]) -> Iterator[Reference]:
    """Every ``{{ ... }}`` outside fenced code blocks, with its line number."""
    for number, line in prose_lines(lines):
        for ref in REFERENCE.finditer(line):
            if in_code_span(line, ref.start()):
                continue
            inner = _INNER.match(ref.group(1))
            fact_id, mode = (inner.group(1), inner.group(2) or "value") if inner else (None, None)
            yield Reference(number, ref.group(0), fact_id, mode, markup_around(line, ref.start()))


@dataclass(frozen=True)
class Document:
    """A document to render, as the extension's ``document`` provider gives it."""

    path: str  # the file, for error messages
    line_offset: int  # lines of the file before the Markdown (front matter...)
    # Its language and date, and the facts it uses: one per document (a
    # summary's items, converted one by one, are one document)
    ctx: RenderContext


class FactsPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: FactsExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        document, facts = self.extension.document, self.extension.getConfig("facts")
        if document is None:
            return lines
        problems: list[Problem] = []
        rendered: dict[tuple[int, str], str] = {}
        tables: dict[int, str] = {}
        for ref in find_references(lines):
            where = (document.path, ref.line + document.line_offset)
            problem = _check(ref, facts)
            if problem:
                problems.append(Problem(*where, problem))
                continue
            fact = facts[ref.fact_id]
            try:
                if fact.type == "table" or ref.mode in BLOCK_MODES:
                    if lines[ref.line - 1].strip() != ref.text or ref.mode not in ("value", *BLOCK_MODES):
                        problems.append(Problem(*where, f"the table for '{fact.id}' must be alone on its own line"))
                        continue
                    render = render_schedule if ref.mode == "schedule" else render_table
                    tables[ref.line] = render(fact, document.ctx)
                else:
                    rendered[(ref.line, ref.text)] = render_inline(fact, document.ctx, ref.mode)
            except ValueError as error:
                problems.append(Problem(*where, str(error)))
        if problems:
            raise ContentError(problems)

        out: list[str] = []
        stash = self.md.htmlStash.store
        for number, line in enumerate(lines, 1):
            if number in tables:
                out += ["", stash(tables[number]), ""]
                continue
            out.append(REFERENCE.sub(lambda m: _replacement(m, number, line, rendered, stash), line))
        return out


def _replacement(match, number: int, line: str, rendered: dict, stash) -> str:
    key = (number, match.group(0))
    if key not in rendered or in_code_span(line, match.start()):
        return match.group(0)
    return stash(rendered[key])


def _check(ref: Reference, facts: FactRegistry) -> str | None:
    if ref.fact_id is None:
        return f"'{ref.text}' is not a fact reference; write it like {{{{ aguinaldo.dias }}}}"
    if ref.misplaced:
        return f"'{ref.text}': {MISPLACED[ref.misplaced]}"
    if ref.fact_id not in facts:
        close = difflib.get_close_matches(ref.fact_id, list(facts), n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        return f"unknown fact '{ref.fact_id}'. Facts are defined in facts/*.yml.{hint}"
    if ref.mode not in MODES:
        return f"unknown option '| {ref.mode}' for fact '{ref.fact_id}' (use: {', '.join(MODES[1:])})"
    return None


class FactsExtension(Extension):
    """Renders ``{{ fact.id }}`` references.

    After a conversion, ``md.facts_used`` lists the facts the document used,
    in the order of their footnotes, and ``md.fact_context`` is the
    document's RenderContext, in which other extensions that render facts
    into the same document (calculators) number their footnotes.
    """

    def __init__(self, **kwargs):
        self.config = {
            "facts": [{}, "the facts (a FactRegistry)"],
            "document": [_no_document, "a callable returning the Document being rendered, or None to leave references as written"],
        }
        self.document: Document | None = None
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        self.md = md
        # After whitespace normalisation (30), before fenced code (25), so
        # line numbers still match the file
        md.preprocessors.register(FactsPreprocessor(md, self), "derechos_facts", 29)

    def reset(self) -> None:
        self.document = self.getConfig("document")()
        self.md.fact_context = self.document.ctx if self.document else None
        self.md.facts_used = self.document.ctx.used if self.document else []


def _no_document() -> None:
    return None


def facts_extension_of(md: Markdown, needed_by: str) -> FactsExtension:
    """The facts extension registered on ``md`` before the ``needed_by``
    extension, which renders with its document, facts and footnotes."""
    found = next((e for e in md.registeredExtensions if isinstance(e, FactsExtension)), None)
    if found is None:
        raise ValueError(f"the {needed_by} extension needs the facts extension before it")
    return found


def makeExtension(**kwargs) -> FactsExtension:  # noqa: N802 - Python-Markdown's name
    return FactsExtension(**kwargs)
