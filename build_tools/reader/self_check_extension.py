"""Python-Markdown extension that makes the list after a ``{{ revision }}``
line a self-check (see ``build_tools.reader.self_check``).

Syntax, documented for writers in CONTRIBUTING.md: the marker alone on its
line, a blank line, then the list; each item a question and, last, a link
to the guide section that answers it:

    {{ revision }}

    - ¿Te pagan al menos {{ salario_minimo_hogar.general }}? [Tu salario](../hogar/salario.md#minimo)

``{{ revision: autopartes }}`` sends the reader to PROFEDET as well as to
the state's offices (factory work, where auto parts are federal).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from build_tools.errors import ContentError, Problem
from build_tools.facts.markdown_extension import facts_extension_of
from build_tools.markdown_source import prose_lines
from build_tools.reader import self_check

MARKER = re.compile(r"^ {0,3}\{\{\s*revision\s*(?::\s*([\w-]*)\s*)?\}\}\s*$")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])\s+(?P<text>.*)$")
_INLINE_LINK = re.compile(r"\[[^\]]+\]\([^)\s]+\)")


def find_markers(lines: list[str]) -> list[tuple[int, str]]:
    """(1-based line, office) of every marker outside fenced code."""
    return [
        (number, match.group(1) if match.group(1) is not None else self_check.DEFAULT_OFFICE)
        for number, line in prose_lines(lines) if (match := MARKER.match(line))
    ]


def list_items(lines: list[str], marker: int) -> tuple[list[tuple[int, str]], str | None]:
    """The items (line, text) of the list after the marker on line
    ``marker``, or what is wrong instead of it."""
    number = marker + 1
    if number <= len(lines) and lines[number - 1].strip():
        return [], "put a blank line after '{{ revision }}'"
    while number <= len(lines) and not lines[number - 1].strip():
        number += 1
    items: list[tuple[int, str]] = []
    while number <= len(lines):
        line = lines[number - 1]
        if match := _LIST_ITEM.match(line):
            items.append((number, match.group("text")))
        elif line.strip() and (not items or not line.startswith((" ", "\t"))):
            break  # the list ended (a continuation line is indented)
        number += 1
    if not items:
        return [], "'{{ revision }}' must be followed by a list of questions (lines starting with '- ')"
    return items, None


class SelfCheckPreprocessor(Preprocessor):
    """Checks each marker and its list, with file and line, and leaves a
    placeholder paragraph where the marker was for the tree processor."""

    def __init__(self, md: Markdown, extension: SelfCheckExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        document = self.extension.facts.document
        if document is None:
            return lines
        problems: list[Problem] = []
        out = list(lines)
        for number, office in find_markers(lines):
            where = (document.path, number + document.line_offset)
            if office not in self_check.OFFICES:
                problems.append(Problem(*where, f"unknown office '{office}' for the self-check (use: {', '.join(sorted(self_check.OFFICES))})"))
                continue
            if number > 1 and lines[number - 2].strip():
                problems.append(Problem(*where, "put a blank line before '{{ revision }}'"))
                continue
            items, problem = list_items(lines, number)
            if problem:
                problems.append(Problem(*where, problem))
                continue
            for item_line, text in items:
                if not _INLINE_LINK.search(text):
                    problems.append(Problem(
                        document.path, item_line + document.line_offset,
                        "each question of a self-check ends with a link to the guide section to read, like [Tu salario](../hogar/salario.md#minimo)",
                    ))
            if problems:
                continue
            try:
                # The result's facts are numbered among the page's
                before, after = self_check.render_parts(
                    office, self.extension.facts.getConfig("facts"), self.md.fact_context,
                    self.extension.getConfig("links")(), where, number=len(self.md.self_checks) + 1,
                )
            except ContentError as error:
                problems += error.problems
                continue
            self.md.self_checks.append(office)
            # One line for one line: the facts extension, after this one,
            # reports problems by line number
            placeholder = self.md.htmlStash.store("")
            self.extension.pending.append((placeholder, office, self.md.htmlStash.store(before), self.md.htmlStash.store(after)))
            out[number - 1] = placeholder
        if problems:
            raise ContentError(problems)
        return out


class SelfCheckTreeprocessor(Treeprocessor):
    """Wraps the list after each marker's placeholder in the self-check form."""

    def __init__(self, md: Markdown, extension: SelfCheckExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        pending = {placeholder: rest for placeholder, *rest in self.extension.pending}
        if not pending:
            return
        number = 0
        for parent in list(root.iter()):
            children = list(parent)
            for index, child in enumerate(children):
                if child.tag != "p" or (child.text or "").strip() not in pending or len(child):
                    continue
                office, before, after = pending[child.text.strip()]
                following = children[index + 1] if index + 1 < len(children) else None
                # The preprocessor saw the list; Markdown made it this element
                assert following is not None and following.tag in ("ul", "ol"), "self-check list not found"
                number += 1
                form = etree.Element("form", {
                    "class": self_check.FORM_CLASS, "autocomplete": "off", "novalidate": "novalidate",
                    "data-office": office, "id": f"{self_check.FORM_CLASS}-{number}",
                })
                form.text = "\n" + before + "\n"
                position = list(parent).index(child)
                parent.remove(child)
                parent.remove(following)
                following.set("class", f"{self_check.FORM_CLASS}__questions")
                for item in following.findall("li"):
                    _mark_item(item)
                form.append(following)
                following.tail = "\n" + after + "\n"
                form.tail = child.tail
                parent.insert(position, form)


def _mark_item(item: etree.Element) -> None:
    """The item's last link becomes the guide link; what comes before it,
    the question (in a span the script moves into the answers' legend)."""
    links = [child for child in item if child.tag == "a"]
    if not links:  # inside emphasis: the item stays as written
        return
    guide = links[-1]
    guide.set("class", f"{self_check.FORM_CLASS}__guide")
    question = etree.Element("span", {"class": f"{self_check.FORM_CLASS}__question"})
    question.text, item.text = item.text, None
    for child in list(item):
        if child is guide:
            break
        item.remove(child)
        question.append(child)
    # The space before the link stays outside the question
    last = question[-1] if len(question) else None
    if last is not None and last.tail:
        last.tail = last.tail.rstrip()
    elif question.text:
        question.text = question.text.rstrip()
    question.tail = " "
    item.insert(0, question)


class SelfCheckExtension(Extension):
    """Renders ``{{ revision }}`` lists, with the facts extension of the same
    Markdown (its document, facts and footnotes).

    After a conversion, ``md.self_checks`` lists the offices of the
    self-checks on the page, in order (its template loads their script
    only then).
    """

    def __init__(self, **kwargs):
        self.config = {
            "links": [_no_links, "a callable returning self_check.Links for the page being rendered"],
        }
        self.pending: list[tuple[str, str, str, str]] = []
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        self.md = md
        self.facts = facts_extension_of(md, "self-check")
        # Before fact references (29), which would take the marker for an
        # unknown fact; beside the calculators' marker (29.5)
        md.preprocessors.register(SelfCheckPreprocessor(md, self), "derechos_self_check", 29.4)
        # After inline parsing (20), so the items' links are elements
        md.treeprocessors.register(SelfCheckTreeprocessor(md, self), "derechos_self_check", 15)

    def reset(self) -> None:
        self.md.self_checks = []
        self.pending = []


def _no_links() -> self_check.Links:
    raise ValueError("the self-check extension was given no 'links'")


def makeExtension(**kwargs) -> SelfCheckExtension:  # noqa: N802 - Python-Markdown's name
    return SelfCheckExtension(**kwargs)
