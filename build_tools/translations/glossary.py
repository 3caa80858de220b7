"""The English glossary: one English term for each legal concept.

``translations/glossary.yml`` is the only list. The build renders it as a
table on the pages ``participa/glosario`` (in each language, where the page
has ``<!-- glossary -->``), and fails when an English page or
``locales/en.yml`` uses a word the glossary says to avoid, naming the file,
the line and the word to use instead.

Why an error and not a warning: the words name money and rights ("holiday
bonus", "vacation bonus" and "vacation premium" read as three different
payments), English pages are reviewed translations, and the fix is one word.

Not read: code, fact references, link targets and addresses, HTML tags and
comments (build_tools.markdown_source.reader_lines), and in the front
matter, the ``translation:`` block (the reviewer's name) and the
``search_words:`` list: readers search with the everyday words the guides
avoid ("fired"), and a reader never sees that list.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from build_tools.errors import ContentError, Problem, display_path
from build_tools.front_matter import SEARCH_WORDS_KEY, Split, split
from build_tools.markdown_source import reader_lines
from build_tools.yaml_source import LineDict, load_yaml

GLOSSARY = Path("translations") / "glossary.yml"
PLACEHOLDER = "<!-- glossary -->"
COLUMNS = ("source", "term", "avoid", "meaning")
_LOCALE_VALUE = re.compile(r"^\s*[^#\s][^:]*:\s+(.*)$")


@dataclass(frozen=True)
class Term:
    source: str  # the Spanish term
    term: str  # the one English term
    avoid: tuple[str, ...]
    meaning: dict  # language -> one plain line
    line: int


def _words(phrase: str) -> str:
    """A phrase as a pattern: any spaces between its words."""
    return r"\s+".join(re.escape(word) for word in phrase.split())


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


@dataclass(frozen=True)
class Glossary:
    language: str  # the language whose pages and locale file are checked
    source_language: str
    headings: dict  # language -> {column: heading}
    terms: tuple[Term, ...]
    path: str

    # Patterns over lower-cased text: twice as fast as re.IGNORECASE
    @cached_property
    def _terms(self) -> re.Pattern:
        phrases = sorted({_key(t.term) for t in self.terms}, key=len, reverse=True)
        return re.compile(r"(?<![\w-])(?:" + "|".join(map(_words, phrases)) + r")(?![\w-])")

    @cached_property
    def _avoided(self) -> tuple[re.Pattern | None, dict[str, Term]]:
        by_variant = {_key(v): t for t in self.terms for v in t.avoid}
        if not by_variant:
            return None, {}
        phrases = sorted(by_variant, key=len, reverse=True)
        # A plural ("holidays") is the same word
        pattern = re.compile(r"(?<![\w-])(?P<v>" + "|".join(map(_words, phrases)) + r")(?:e?s)?(?![\w-])")
        return pattern, by_variant

    def variants_in(self, text: str) -> list[tuple[str, Term]]:
        """(the words as written, their term) for every avoided variant in a
        line of text, except inside one of the glossary's own terms
        ("severance" in "severance pay"). Upper or lower case alike."""
        pattern, by_variant = self._avoided
        if pattern is None:
            return []
        lower = text.lower()
        if len(lower) != len(text):  # a letter whose lower case is longer: spans would shift
            lower = _lower_keeping_length(text)
        found = list(pattern.finditer(lower))
        if not found:
            return []
        terms = [m.span() for m in self._terms.finditer(lower)]
        return [
            (text[m.start():m.end()], by_variant[_key(m.group("v"))])
            for m in found
            if not any(start <= m.start() and m.end() <= end for start, end in terms)
        ]


def _lower_keeping_length(text: str) -> str:
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _problem(shown: str, line: int, words: str, term: Term) -> Problem:
    return Problem(
        shown, line,
        f'"{words}" is not the site\'s English for "{term.source}"; write "{term.term}" (see participa/glosario)',
    )


def check_page(text: str, shown: str, glossary: Glossary, page: Split | None = None) -> list[Problem]:
    """Every avoided variant in a page of the glossary's language (``page``: the text already split)."""
    page = page or split(text)
    problems = []
    if page.front:
        unread = False  # inside a block the glossary does not read
        for number, line in enumerate(page.front.splitlines(), 1):
            if re.match(rf"^(translation|{SEARCH_WORDS_KEY})\s*:", line):
                unread = True
            elif line[:1] not in (" ", "\t", "-", ""):
                unread = False
            if not unread and number > 1 and line.strip() != "---":
                problems += [_problem(shown, number, w, t) for w, t in glossary.variants_in(line)]
    for reader in reader_lines(page.body.splitlines()):
        problems += [_problem(shown, reader.number + page.body_line - 1, w, t) for w, t in glossary.variants_in(reader.text)]
    return problems


def check_locale(text: str, shown: str, glossary: Glossary) -> list[Problem]:
    """Every avoided variant in the strings of a locale file (not its keys or comments)."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        value = _LOCALE_VALUE.match(line)
        if value:
            problems += [_problem(shown, number, w, t) for w, t in glossary.variants_in(value.group(1))]
    return problems


# -----------------------------------------------------------------------------
# Reading translations/glossary.yml


_loaded: dict[str, tuple[tuple[int, int], Glossary]] = {}


def load(root: Path, source_language: str = "es") -> Glossary:
    """The project's glossary (read again only when the file changes)."""
    path = Path(root) / GLOSSARY
    shown = display_path(path, root)
    if not path.is_file():
        raise ContentError(Problem(shown, None, "the glossary file is missing"))
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _loaded.get(str(path))
    if cached is None or cached[0] != stamp:
        cached = _loaded[str(path)] = (stamp, parse(load_yaml(path, root), shown, source_language))
    return cached[1]


def parse(data, shown: str, source_language: str = "es") -> Glossary:
    """A Glossary from the YAML of translations/glossary.yml; problems name their line."""
    if not isinstance(data, LineDict):
        raise ContentError(Problem(shown, 1, "the glossary must have 'language', 'headings' and 'terms'"))
    problems: list[Problem] = []
    language = data.get("language")
    if not isinstance(language, str) or not language:
        problems.append(Problem(shown, data.line_of("language"), "'language' must be the tag of the language the terms are in, like 'en'"))
        language = ""
    headings = data.get("headings")
    if not isinstance(headings, dict) or source_language not in headings or not all(
        isinstance(h, dict) and set(h) == set(COLUMNS) and all(isinstance(v, str) and v for v in h.values())
        for h in headings.values()
    ):
        problems.append(Problem(
            shown, data.line_of("headings"),
            f"'headings' must give, for '{source_language}' and each other language, the headings {', '.join(COLUMNS)}",
        ))
        headings = {}
    raw_terms = data.get("terms")
    if not isinstance(raw_terms, list) or not raw_terms:
        problems.append(Problem(shown, data.line_of("terms"), "'terms' must be a list of terms"))
        raw_terms = []
    terms, seen = [], {}
    for raw in raw_terms:
        line = getattr(raw, "line", data.line_of("terms"))
        term = _parse_term(raw, line, shown, source_language, language, problems)
        if term is None:
            continue
        # One term per concept: a word to use or to avoid belongs to one term only
        for phrase in (term.term, *term.avoid):
            if _key(phrase) in seen:
                problems.append(Problem(shown, line, f"'{phrase}' is already in the glossary, at line {seen[_key(phrase)]}; list each word once"))
            seen.setdefault(_key(phrase), line)
        terms.append(term)
    if problems:
        raise ContentError(problems)
    return Glossary(language, source_language, headings, tuple(terms), shown)


def _parse_term(raw, line: int, shown: str, source_language: str, language: str, problems: list) -> Term | None:
    if not isinstance(raw, LineDict):
        problems.append(Problem(shown, line, "each term needs 'es', 'en', 'avoid' and 'meaning'"))
        return None
    wanted = {source_language, language, "avoid", "meaning"}
    unknown = set(raw) - wanted
    if unknown:
        key = sorted(unknown)[0]
        problems.append(Problem(shown, raw.line_of(key), f"unknown field '{key}' (a term has {', '.join(sorted(wanted))})"))
    source, term, avoid, meaning = raw.get(source_language), raw.get(language), raw.get("avoid", []), raw.get("meaning")
    if not isinstance(source, str) or not source.strip() or not isinstance(term, str) or not term.strip():
        problems.append(Problem(shown, line, f"a term needs the words in '{source_language}' and in '{language}'"))
        return None
    if not isinstance(avoid, list) or not all(isinstance(v, str) and v.strip() for v in avoid):
        problems.append(Problem(shown, raw.line_of("avoid"), f"'avoid' of '{term}' must be a list of words, like [holiday bonus]"))
        return None
    if not isinstance(meaning, dict) or not all(isinstance(meaning.get(k), str) and meaning[k].strip() for k in {source_language, language}):
        problems.append(Problem(shown, raw.line_of("meaning"), f"'meaning' of '{term}' needs one line in '{source_language}' and in '{language}'"))
        return None
    return Term(source.strip(), term.strip(), tuple(v.strip() for v in avoid), dict(meaning), line)


# -----------------------------------------------------------------------------
# The table on the glossary pages


def render(glossary: Glossary, lang: str) -> str:
    """The glossary as an HTML table, with headings and meanings in ``lang``
    (or the source language); each column is marked with its language."""
    shown_lang = lang if lang in glossary.headings else glossary.source_language
    heads = glossary.headings[shown_lang]
    source, target = glossary.source_language, glossary.language

    def cell(text: str, text_lang: str) -> str:
        mark = f' lang="{text_lang}"' if text_lang != shown_lang else ""
        return f"<td{mark}>{html.escape(text)}</td>"

    rows = []
    for term in glossary.terms:
        meaning_lang = shown_lang if shown_lang in term.meaning else source
        rows.append(
            "<tr>" + cell(term.source, source) + cell(term.term, target)
            + cell(", ".join(term.avoid), target) + cell(term.meaning[meaning_lang], meaning_lang) + "</tr>"
        )
    head = "".join(f'<th scope="col">{html.escape(heads[column])}</th>' for column in COLUMNS)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
