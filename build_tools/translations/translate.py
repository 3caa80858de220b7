"""The translator's tool: start, check, diff and finish a translated page.

    python -m build_tools translate start hogar/aguinaldo.md nah
    python -m build_tools translate check hogar/aguinaldo.md nah
    python -m build_tools translate diff  hogar/aguinaldo.md nah
    python -m build_tools translate done  hogar/aguinaldo.md en --reviewer "Nombre"
    python -m build_tools translate done  hogar/aguinaldo.md en --draft

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
from build_tools.translations import parity, po_files
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
            raise TranslateError(
                f"no hay una página '{page}' en español en {display_path(path.parent, self.root)} / "
                f"there is no Spanish page '{page}' in {display_path(path.parent, self.root)}"
            )
        return path

    def translation(self, page: str, lang: str) -> Path:
        return self.docs_dir / self.target_language(lang) / page

    def target_language(self, lang: str) -> str:
        """``lang``, once checked to be a configured language other than the source."""
        if lang == self.source_lang:
            raise TranslateError(f"'{lang}' es el idioma de origen; escoge el idioma al que traduces / is the source language; pick the language you translate into")
        if lang not in self.langs:
            raise TranslateError(
                f"'{lang}' no es un idioma de mkdocs.yml / is not a language in mkdocs.yml (languages: {', '.join(self.langs)})"
            )
        return lang

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)


def start(project: Project, page: str, lang: str) -> str:
    """Copy the Spanish page as the starting point of a draft translation."""
    source = project.source(page)
    target = project.translation(page, lang)
    if target.exists():
        raise TranslateError(f"{project.shown(target)} ya existe y no se cambió / already exists; it was not changed")
    po = po_files.po_path(project.root, lang, page)
    if po.exists():
        raise TranslateError(
            f"esta página se traduce por párrafos en {project.shown(po)} / this page is translated paragraph by paragraph in that PO file"
        )
    source_text = read_text(source, project.root)
    digest = translations.archive_source(project.root, source_text)
    block = {"status": translations.DRAFT, "source": digest}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(front_matter.set_block(source_text, "translation", block), encoding="utf-8")
    return (
        f"Creado / Created {project.shown(target)}: traduce el texto; deja igual los {{{{ datos }}}}, los enlaces y los {{#ids}} / "
        "translate the text; keep the {{ facts }}, links and {#ids}."
    )


def done(project: Project, page: str, lang: str, reviewer: str | None = None, today: dt.date | None = None, draft: bool = False) -> str:
    """Record that a translation follows the current Spanish page: reviewed
    by ``reviewer``, or with ``draft`` still a draft (nobody reviewed it)."""
    target = project.translation(page, lang)
    if not target.exists():
        raise TranslateError(
            f"{project.shown(target)} no existe; primero usa 'translate start' / does not exist; run 'translate start' first"
        )
    if not draft and (problem := translations.reviewer_problem(reviewer)):
        raise TranslateError(problem)
    source_text = read_text(project.source(page), project.root)
    text = read_text(target, project.root)
    same, total = translations.still_spanish(source_text, text)
    if translations.more_than_half(same, total):
        raise TranslateError(
            f"{project.shown(target)}: {same} de {total} párrafos siguen iguales al español; tradúcelos primero / "
            f"{same} of {total} paragraphs are still the Spanish text; translate them first"
        )
    if not draft and (problems := check(project, page, lang)):
        raise TranslateError("corrige primero estas diferencias / fix these differences first:\n" + "\n".join(problems))
    digest = translations.archive_source(project.root, source_text)
    if draft:
        block = {"status": translations.DRAFT, "source": digest}
        said = f"{project.shown(target)} sigue la página en español actual, como borrador / follows the current Spanish page, as a draft."
    else:
        block = {
            "status": translations.REVIEWED,
            "source": digest,
            "reviewed_by": reviewer,
            "reviewed_on": today or dt.date.today(),
        }
        said = f"{project.shown(target)}: revisada por / reviewed by {reviewer}."
    with open(target, "w", encoding="utf-8", newline="") as f:
        f.write(front_matter.set_block(text, "translation", block))
    return said


def diff(project: Project, page: str, lang: str) -> str:
    """What changed in the Spanish page since the translation was made."""
    target = project.translation(page, lang)
    if not target.exists():
        raise TranslateError(f"{project.shown(target)} no existe / does not exist")
    meta = front_matter.split(read_text(target, project.root)).meta
    recorded = translations.recorded_source(meta)
    if recorded is None:
        raise TranslateError(
            f"{project.shown(target)} no dice qué versión del español traduce / "
            "does not say which Spanish version it translates (translation.source)"
        )
    old = translations.archived_source(project.root, recorded)
    if old is None:
        raise TranslateError(
            f"el texto en español de la versión {recorded} no está en {translations.ARCHIVE}/ / "
            f"the Spanish text of version {recorded} was not kept in {translations.ARCHIVE}/"
        )
    source = project.source(page)
    new = read_text(source, project.root)
    if translations.fingerprint(new) == recorded:
        return f"{project.shown(target)} está al día: la página en español no cambió / is up to date: the Spanish page has not changed."
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True),
        fromfile=f"{project.shown(source)} (translated version {recorded})",
        tofile=f"{project.shown(source)} (now)",
    )
    return "".join(lines)


def check(project: Project, page: str, lang: str) -> list[str]:
    """Problems of a translation: its PO entries, or a whole file's parity with its Spanish page."""
    source = project.source(page)
    target = project.translation(page, lang)
    facts = load_facts(project.facts_dir, project.root, project.source_lang)
    po = po_files.po_path(project.root, lang, page)
    if not target.exists() and po.exists():
        return [str(p) for p in po_files.check(po_files.read(po, project.root), project.shown(po), facts)]
    if not target.exists():
        raise TranslateError(
            f"{page} no tiene traducción en '{lang}': usa 'translate update {lang}' / has no '{lang}' translation: run 'translate update {lang}'"
        )
    problems = parity.compare(
        read_text(source, project.root), read_text(target, project.root),
        facts, project.shown(source), project.shown(target),
    )
    return [str(p) for p in problems]


def update(project: Project, lang: str, pages: list[str] | None = None) -> list[str]:
    """Create and update a language's PO files from the Spanish pages (pages
    translated as whole files are left alone)."""
    for page in pages or ():
        project.source(page)
    project.target_language(lang)
    chosen = [
        page for page in (pages or translations.source_pages(project.docs_dir, project.source_lang))
        if not (project.docs_dir / lang / page).exists()
    ]
    return po_files.update_language(project.root, project.docs_dir, project.source_lang, lang, chosen)


def status_report(project: Project, lang: str | None = None) -> str:
    """Per page (by title) and per language: the page's state, and its
    translated, fuzzy and untranslated paragraphs when it is a PO file."""
    langs = [project.target_language(lang)] if lang else project.langs
    statuses = translations.collect_status(project.docs_dir, project.source_lang, langs, project.root)
    return translations.status_text(statuses)
