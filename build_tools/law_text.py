"""The law's own words: find a fact's quote in the consolidated law text.

The text lives outside the project (``../shared/reference/law/``, one
Markdown file per law, converted from the Cámara de Diputados PDFs). A quote
must be found word for word; line breaks, repeated spaces and the PDF's
running headers do not count. An ellipsis (``…``) in a quote leaves words
out: each part must be found, in order, in the same article.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# The law's name as facts write it -> its file in the law folder
LAW_FILES = {
    "Ley Federal del Trabajo": "LFT.md",
    "Ley del Seguro Social": "LSS.md",
    "Constitución Política de los Estados Unidos Mexicanos": "CPEUM.md",
}
# Set DC_LAW_DIR to read the law text from somewhere else
LAW_DIR_VARIABLE = "DC_LAW_DIR"

# Lines the PDF repeats on every page; they are not part of the law
_RUNNING_HEADER = re.compile(
    r"^(?:LEY FEDERAL DEL TRABAJO|LEY DEL SEGURO SOCIAL|"
    r"CONSTITUCIÓN POLÍTICA DE LOS ESTADOS UNIDOS MEXICANOS|"
    r"Últimas Reformas DOF \d{2}-\d{2}-\d{4})\s*$"
)
_ARTICLE_HEADER = re.compile(r"^\*\*Artículo (\d+(?:[- ]?(?:[A-Z]|Bis|Ter|Quáter|Quintus|Quinquies|Sexies))*)\.?-?\*\*")
_ARTICLE_ID = re.compile(r"\d+(?:(?:-| )(?:[A-Z](?![a-z])|Bis|Ter|Quáter|Quintus|Quinquies|Sexies))*")
_ELLIPSIS = re.compile(r"\s*(?:\[…\]|\[\.\.\.\]|…|\.\.\.)\s*")


def law_dir(root: Path) -> Path:
    """Where the law text is: $DC_LAW_DIR, or ``../shared/reference/law`` beside the project."""
    configured = os.environ.get(LAW_DIR_VARIABLE)
    return Path(configured) if configured else Path(root).resolve().parent / "shared" / "reference" / "law"


def normalise(text: str) -> str:
    """Text as compared: Markdown emphasis gone, any run of whitespace one space."""
    return " ".join(text.replace("**", "").split())


def _article_key(article_id: str) -> str:
    return normalise(article_id.replace("-", " ")).lower()


@dataclass(frozen=True)
class LawText:
    """One law: its whole text and each article's text, normalised."""

    name: str
    path: Path
    text: str
    articles: dict[str, str]

    def find(self, quote: str, article: str | None = None) -> str | None:
        """Why ``quote`` is not in this law (or not in ``article``), or None if it is."""
        parts = [normalise(p) for p in _ELLIPSIS.split(quote) if normalise(p)]
        if not parts:
            return "the quote is empty"
        if not _in_order(parts, self.text):
            missing = next(p for p in parts if p not in self.text)
            return f"these words are not in the {self.name}: «{_shorten(missing)}»"
        cited = [self.articles[key] for key in article_ids(article) if key in self.articles]
        if cited and not any(_in_order(parts, body) for body in cited):
            return f"the quote is in the {self.name}, but not in the article cited ({article})"
        return None


def article_ids(article: str | None) -> list[str]:
    """The article numbers a legal basis cites ("279 Bis y 280" -> 279 bis, 280).

    A transitional article ("Cuarto transitorio, DOF 01-05-2026") names no
    article of the law itself: the quote is looked for in the whole text.
    """
    if article and "transitori" in article.lower():
        return []
    return [_article_key(m.group(0)) for m in _ARTICLE_ID.finditer(article or "")]


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


@lru_cache(maxsize=8)
def load_law(path: Path, name: str) -> LawText:
    """Read a law file once, dropping running headers, and split it into articles."""
    lines = [line for line in Path(path).read_text(encoding="utf-8").splitlines() if not _RUNNING_HEADER.match(line)]
    articles: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        header = _ARTICLE_HEADER.match(line)
        if header:
            key = _article_key(header.group(1))
            # The first occurrence is the law; later ones are decrees quoting it
            current = articles.setdefault(key, []) if key not in articles else None
        elif line.startswith("#"):
            current = None
        if current is not None:
            current.append(line)
    return LawText(
        name=name,
        path=Path(path),
        text=normalise("\n".join(lines)),
        articles={key: normalise("\n".join(body)) for key, body in articles.items()},
    )


def law_for(name: str, directory: Path) -> LawText | None:
    """The text of the law called ``name``, or None if the project has no file for it."""
    filename = LAW_FILES.get(name)
    if filename is None or not (Path(directory) / filename).is_file():
        return None
    return load_law(Path(directory) / filename, name)
