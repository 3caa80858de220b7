"""The law's own words: find a fact's quote in the consolidated law text.

The text lives outside the project (``../shared/reference/law/``, one
Markdown file per law, converted from the Cámara de Diputados PDFs). A quote
must be found word for word; line breaks, repeated spaces, ``**`` emphasis,
the PDF's running headers and the Cámara's reform notes ("Párrafo reformado
DOF 01-05-2026") do not count. An ellipsis (``…``) in a quote leaves words
out: each part must be found, in order, in the same article.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from build_tools.errors import Problem

# The law's name as facts write it -> its file in the law folder
LAW_FILES = {
    "Ley Federal del Trabajo": "LFT.md",
    "Ley del Seguro Social": "LSS.md",
    "Constitución Política de los Estados Unidos Mexicanos": "CPEUM.md",
}
# Laws whose articles have apartados: "123 A" is apartado A of article 123
# (elsewhere "5 A" is an article of its own)
LAWS_WITH_APARTADOS = ("Constitución Política de los Estados Unidos Mexicanos",)
# Set DC_LAW_DIR to read the law text from somewhere else
LAW_DIR_VARIABLE = "DC_LAW_DIR"

# Lines the PDF repeats on every page; they are not part of the law
_RUNNING_HEADER = re.compile(
    r"^(?:LEY FEDERAL DEL TRABAJO|LEY DEL SEGURO SOCIAL|"
    r"CONSTITUCIÓN POLÍTICA DE LOS ESTADOS UNIDOS MEXICANOS|"
    r"Últimas Reformas DOF \d{2}-\d{2}-\d{4})\s*$"
)
# The Cámara's notes on when a part was reformed; not the law's words either.
# A long list of dates goes on in the next line.
_REFORM_NOTE = re.compile(
    r"^(?:Artículo|Párrafo|Fracción|Inciso|Numeral|Apartado|Base|Capítulo|Título|Sección|Denominación|"
    r"Fe de erratas|Aclaración|Reforma|Reformad[oa]|Derogad[oa]|Adicionad[oa]|Recorrid[oa])\b"
    r"(?=[^.]{0,150}?\bDOF \d{2}-\d{2}-\d{4})"
    r"(?=.*(?:reformad|adicionad|derogad|recorrid|original|erratas|Aclaración|Reforma))"
)
_NOTE_CONTINUED = re.compile(r"^(?:DOF )?\d{2}-\d{2}-\d{4}")

# "Bis", "Ter"... or an article's letter ("15-A", "5 A"), never the first letter of a word
_SUFFIX = r"(?:Bis|Ter|Quáter|Quintus|Quinquies|Sexies|[A-Z](?![a-záéíóúñ]))"
# "**Artículo 87.-**", "**Artículo 1o.-**", "**Artículo 15-A.**", "**Artículo 3o.** Bis.-"
_ARTICLE_HEADER = re.compile(
    rf"^\*\*Artículo (\d+)[oº]?\.?((?:[- ]{_SUFFIX})*)\.?-?\*\*"
    r"(?: (Bis|Ter|Quáter|Quintus|Quinquies|Sexies)\.)?"
)
# An article as a fact cites it: "87", "3o. Bis", "239-A", "5 A fr. XIX"
_ARTICLE_ID = rf"\d+(?:[oº]\.?)?(?:[- ]{_SUFFIX})*"
# One article, a range ("684-B a 684-E") or "239-A y siguientes"
_ARTICLE_REF = re.compile(rf"({_ARTICLE_ID})(?:\s+al?\s+({_ARTICLE_ID})|\s+y\s+(siguientes))?")
# Dates are not article numbers ("DOF 24 de enero de 2024", "DOF 01-05-2026")
_DATE = re.compile(r"\d{1,2} de [a-zé]+ de \d{4}|\d{2}-\d{2}-\d{4}")
_ELLIPSIS = re.compile(r"\s*(?:\[…\]|\[\.\.\.\]|…|\.\.\.)\s*")


def law_dir(root: Path) -> Path:
    """Where the law text is: $DC_LAW_DIR, or ``../shared/reference/law`` beside the project."""
    configured = os.environ.get(LAW_DIR_VARIABLE)
    return Path(configured) if configured else Path(root).resolve().parent / "shared" / "reference" / "law"


def normalise(text: str) -> str:
    """Text as compared: Markdown emphasis gone, any run of whitespace one space."""
    return " ".join(text.replace("**", "").split())


def _article_key(article_id: str) -> str:
    """How a cited id and a header compare: "15-A" -> "15 a", "3o. Bis" -> "3 bis"."""
    return normalise(re.sub(r"^(\d+)[oº]?\.?", r"\1", article_id).replace("-", " ")).lower()


def _article_label(key: str) -> str:
    return " ".join(word if word.isdigit() else word.capitalize() for word in key.split())


def article_refs(article: str | None) -> list[tuple[str, str | None]]:
    """The articles a legal basis cites, as (first, last) keys.

    ``last`` is None for one article, the last key of a range ("684-B a
    684-E"), or "" for "y siguientes" (to the end of the law). A transitional
    article ("Cuarto transitorio, DOF 01-05-2026") or a title or chapter
    ("Título VI, capítulo XIII") names no article of the law itself: no refs,
    and the quote is looked for in the whole text.
    """
    if not article or "transitori" in article.lower():
        return []
    cleaned = _DATE.sub(" ", article)
    if re.match(r"\s*(?:Título|Capítulo)\b", cleaned, re.IGNORECASE):
        # "Título II, capítulo XI (arts. 239-A y siguientes)": the articles named in brackets
        cleaned = " ".join(re.findall(r"\((.*?)\)", cleaned))
    refs = []
    for match in _ARTICLE_REF.finditer(cleaned):
        first, last, following = match.groups()
        refs.append((_article_key(first), "" if following else (_article_key(last) if last else None)))
    return refs


def article_ids(article: str | None) -> list[str]:
    """The first article of each article or range cited ("279 Bis y 280" -> 279 bis, 280)."""
    return [first for first, _last in article_refs(article)]


def _in_order(parts: list[str], text: str) -> bool:
    start = 0
    for part in parts:
        found = text.find(part, start)
        if found < 0:
            return False
        start = found + len(part)
    return True


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _words_from(text: str, start: int, count: int = 10) -> str:
    return " ".join(text[start:].split(" ")[:count])


@dataclass(frozen=True)
class LawText:
    """One law: its whole text and each article's text, normalised, in the law's order."""

    name: str
    text: str
    articles: dict[str, str]

    def _known(self, key: str) -> str | None:
        if key in self.articles:
            return key
        number, _, letter = key.partition(" ")
        apartado = self.name in LAWS_WITH_APARTADOS and len(letter) == 1
        return number if apartado and number in self.articles else None

    def cited(self, article: str | None) -> tuple[list[str], list[str]]:
        """(keys of the articles ``article`` cites, ids it cites that this law does not have)."""
        keys, order, unknown = [], list(self.articles), []
        for first, last in article_refs(article):
            start = self._known(first)
            end = self._known(last) if last else None
            if start is None or (last and end is None):
                unknown.append(_article_label(first if start is None else last))
                continue
            if last is None:
                keys.append(start)
            else:
                stop = order.index(end) if last else len(order) - 1
                keys += order[order.index(start) : stop + 1]
        return keys, unknown

    def find(self, quote: str, article: str | None = None) -> str | None:
        """Why ``quote`` is not in this law (or not in ``article``), or None if it is."""
        parts = [normalise(p) for p in _ELLIPSIS.split(quote) if normalise(p)]
        if not parts:
            return "the quote is empty"
        keys, unknown = self.cited(article)
        if unknown:
            return f"the {self.name} has no article {', '.join(unknown)} (the legal basis cites '{article}')"
        bodies = [self.articles[key] for key in keys]
        if any(_in_order(parts, body) for body in bodies or [self.text]):
            return None
        if bodies:
            found = next((key for key, body in self.articles.items() if _in_order(parts, body)), None)
            if found:
                return (
                    f"the quote is in the {self.name}, but not in the article cited ({article}); "
                    f"it is in article {_article_label(found)}"
                )
        where = f"{'articles' if len(bodies) > 1 else 'article'} {article} of the {self.name}" if bodies else f"the {self.name}"
        return _mismatch(parts, bodies or [self.text], where)


def _mismatch(parts: list[str], bodies: list[str], where: str) -> str:
    """Where the quote stops following the law, so a maintainer sees the typo."""
    # (body, where the next part may start) for each body that has every part so far, in order
    alive = [(body, 0) for body in bodies]
    for index, part in enumerate(parts):
        hits = [(body, body.find(part, start) + len(part)) for body, start in alive if body.find(part, start) >= 0]
        if hits:
            alive = hits
            continue
        if index and any(part in body for body, _start in alive):
            return f"each part of the quote is in {where}, but «{_shorten(part)}» comes earlier there, not after the «…»"
        if any(part in body for body in bodies):
            return f"the parts of the quote are in {where}, but not all in one article; quote each article in its own legal basis"
        words = part.split(" ")

        def found(count: int) -> tuple[str, int] | None:
            prefix = " ".join(words[:count])
            return next(((body, body.find(prefix, start) + len(prefix)) for body, start in alive if body.find(prefix, start) >= 0), None)

        # The longest run of the part's first words that the law has (the whole part it has not)
        low, high = 0, len(words) - 1
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if found(middle) else (low, middle - 1)
        if low == 0:
            return f"these words are not in {where}: «{_shorten(part)}»"
        body, after = found(low)
        return (
            f"the quote follows {where} up to «{_shorten(' '.join(words[max(0, low - 6) : low]))}», then it has "
            f"«{_shorten(' '.join(words[low : low + 10]))}» where the law has «{_shorten(_words_from(body, after).strip())}»"
        )
    return f"the quote is not in {where}"


def _is_structural(heading: str) -> bool:
    """A title, chapter, section or transitional heading, not a stray line of text.

    The PDF conversion made headings of some lines that start with such a word
    ("#### seccion es que integren el sindicato." in the middle of art. 371):
    those start in lower case or end a sentence.
    """
    text = heading.lstrip("#").strip()
    return bool(text) and text[0].isupper() and not text.endswith(".") and " ," not in text


@lru_cache(maxsize=8)
def load_law(path: Path, name: str) -> LawText:
    """Read a law file once, dropping running headers and reform notes, and split it into articles."""
    lines, in_note = [], False
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if _RUNNING_HEADER.match(line):
            continue
        in_note = bool(_REFORM_NOTE.match(line) or (in_note and _NOTE_CONTINUED.match(line)))
        if not in_note:
            lines.append(line)
    articles: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        header = _ARTICLE_HEADER.match(line)
        if header:
            key = _article_key(header.group(1) + (header.group(2) or "") + " " + (header.group(3) or ""))
            # The first occurrence is the law; later ones are decrees quoting it
            current = articles.setdefault(key, []) if key not in articles else None
        elif line.startswith("#"):
            if _is_structural(line):
                current = None
            else:  # a line of prose the conversion took for a heading
                line = line.lstrip("#").strip()
        if current is not None:
            current.append(line)
    return LawText(
        name=name,
        text=normalise("\n".join(lines)),
        articles={key: normalise("\n".join(body)) for key, body in articles.items()},
    )


def law_for(name: str, directory: Path) -> LawText | None:
    """The text of the law called ``name``, or None if the project has no file for it."""
    filename = LAW_FILES.get(name)
    if filename is None or not (Path(directory) / filename).is_file():
        return None
    return load_law(Path(directory) / filename, name)


@dataclass
class QuoteCheck:
    """How many quotes were checked against the law text, and the ones that are wrong."""

    checked: int
    problems: list[Problem]


def check_quotes(facts: Iterable, directory: Path) -> QuoteCheck:
    """Check every quote of every fact's legal basis against the law text in ``directory``."""
    checked, problems = 0, []
    for fact in facts:
        for basis in fact.legal_basis:
            if basis.quote is None:
                continue
            checked += 1
            law = law_for(basis.law, directory)
            if law is None:
                known = ", ".join(f"{name} ({file})" for name, file in LAW_FILES.items())
                reason = f"there is no text of the law '{basis.law}' to check the quote against (there is for: {known})"
            else:
                reason = law.find(basis.quote, basis.article)
            if reason:
                problems.append(Problem(fact.path, basis.line or fact.line, f"fact '{fact.id}': {reason}"))
    return QuoteCheck(checked, problems)
