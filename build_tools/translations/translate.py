"""The translator's tool: start, check, diff and finish a translated page.

    python -m build_tools translate start hogar/aguinaldo.md nah
    python -m build_tools translate check hogar/aguinaldo.md nah
    python -m build_tools translate diff  hogar/aguinaldo.md nah
    python -m build_tools translate done  hogar/aguinaldo.md nah --reviewer "Nombre"

PAGE is the page's path inside docs/es/. LANG is a language tag from
mkdocs.yml. Every command prints what it did, or why it did nothing.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path

from build_tools import front_matter, translations
from build_tools.errors import display_path
from build_tools.facts import load_facts
from build_tools.translations import parity
from build_tools.yaml_source import read_text


class TranslateError(Exception):
    """A mistake in the command; the message says how to fix it."""


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    source_lang: str
    langs: list[str]
    facts_dir: Path

    def source(self, page: str) -> Path:
        path = self.docs_dir / self.source_lang / page
        if not path.is_file():
            raise TranslateError(f"there is no Spanish page '{page}' in {display_path(path.parent, self.root)}")
        return path

    def translation(self, page: str, lang: str) -> Path:
        if lang == self.source_lang:
            raise TranslateError(f"'{lang}' is the source language; pick the language you translate into")
        if lang not in self.langs:
            raise TranslateError(f"'{lang}' is not a language in mkdocs.yml (languages: {', '.join(self.langs)})")
        return self.docs_dir / lang / page

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)


def start(project: Project, page: str, lang: str) -> str:
    """Copy the Spanish page as the starting point of a draft translation."""
    source = project.source(page)
    target = project.translation(page, lang)
    if target.exists():
        raise TranslateError(f"{project.shown(target)} already exists; it was not changed")
    source_text = read_text(source, project.root)
    digest = translations.archive_source(project.root, source_text)
    block = {"status": translations.DRAFT, "source": digest}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(front_matter.set_block(source_text, "translation", block), encoding="utf-8")
    return f"Created {project.shown(target)}: translate the text, keep the {{{{ facts }}}}, links and {{#ids}}."


def done(project: Project, page: str, lang: str, reviewer: str, today: dt.date | None = None) -> str:
    """Mark a translation as reviewed against the current Spanish page."""
    target = project.translation(page, lang)
    if not target.exists():
        raise TranslateError(f"{project.shown(target)} does not exist; run 'translate start' first")
    problems = check(project, page, lang)
    if problems:
        raise TranslateError("fix these differences first:\n" + "\n".join(problems))
    source_text = read_text(project.source(page), project.root)
    digest = translations.archive_source(project.root, source_text)
    text = read_text(target, project.root)
    block = {
        "status": translations.REVIEWED,
        "source": digest,
        "reviewed_by": reviewer,
        "reviewed_on": today or dt.date.today(),
    }
    with open(target, "w", encoding="utf-8", newline="") as f:
        f.write(front_matter.set_block(text, "translation", block))
    return f"Marked {project.shown(target)} as reviewed by {reviewer}."


def diff(project: Project, page: str, lang: str) -> str:
    """What changed in the Spanish page since the translation was made."""
    target = project.translation(page, lang)
    if not target.exists():
        raise TranslateError(f"{project.shown(target)} does not exist")
    meta = front_matter.split(read_text(target, project.root)).meta
    recorded = translations.recorded_source(meta)
    if recorded is None:
        raise TranslateError(f"{project.shown(target)} does not say which Spanish version it translates (translation.source)")
    old = translations.archived_source(project.root, recorded)
    if old is None:
        raise TranslateError(f"the Spanish text of version {recorded} was not kept in {translations.ARCHIVE}/")
    source = project.source(page)
    new = read_text(source, project.root)
    if translations.fingerprint(new) == recorded:
        return f"{project.shown(target)} is up to date: the Spanish page has not changed."
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True),
        fromfile=f"{project.shown(source)} (translated version {recorded})",
        tofile=f"{project.shown(source)} (now)",
    )
    return "".join(lines)


def check(project: Project, page: str, lang: str) -> list[str]:
    """Parity problems between a translation and its Spanish page."""
    source = project.source(page)
    target = project.translation(page, lang)
    facts = load_facts(project.facts_dir, project.root, project.source_lang)
    problems = parity.compare(
        read_text(source, project.root), read_text(target, project.root),
        facts, project.shown(source), project.shown(target),
    )
    return [str(p) for p in problems]
