"""UI strings per language (``locales/<lang>.yml``), with key-by-key fallback.

Each file has two sections:

* ``theme``: Material for MkDocs' own strings, under Material's key names;
* ``site``: this project's strings (banners, fact labels, units...).

The source language's file (Spanish) defines every key. Any other file may
leave keys out or empty: those fall back to Spanish one by one, so a page
never breaks because a translation is incomplete.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale

from build_tools.errors import ContentError, Problem, display_path
from build_tools.yaml_source import LineDict, load_yaml

SECTIONS = ("theme", "site")
# Material keys that the build sets from the language itself
DERIVED_THEME_KEYS = ("language",)
# Material puts UI strings into HTML attributes unescaped: a '"' would end one
_UNSAFE = re.compile(r'[<>"]')


@dataclass
class Catalog:
    """The strings of one language, already merged with the source language."""

    lang: str
    source_lang: str
    strings: dict[str, dict[str, str]]
    translated: dict[str, set[str]] = field(default_factory=dict)

    def t(self, key: str, section: str = "site", **values: object) -> str:
        """The string for ``key``, with ``{placeholders}`` filled in."""
        text = self.strings[section].get(key)
        if text is None:
            raise KeyError(f"no string '{section}.{key}' in the {self.source_lang} locale")
        return text.format(**values) if values else text

    def lang_of(self, key: str, section: str = "site") -> str:
        """The language a string is really in (the source language if it fell back)."""
        return self.lang if key in self.translated.get(section, set()) else self.source_lang

    def plural(self, key: str, count: float, locale: Locale, **values: object) -> str:
        """A string chosen by plural category, e.g. ``unit.days.one`` / ``.other``."""
        return self.t(self.plural_key(key, count, locale), **values)

    def plural_key(self, key: str, count: float, locale: Locale) -> str:
        """The key ``plural`` uses for ``count`` (``lang_of`` says its language)."""
        category = locale.plural_form(count)
        if f"{key}.{category}" not in self.strings["site"]:
            category = "other"
        return f"{key}.{category}"

    def coverage(self) -> tuple[int, int]:
        """(translated keys, total keys), the derived keys not counted."""
        total = sum(len(self.strings[s]) for s in SECTIONS) - len(DERIVED_THEME_KEYS)
        done = sum(len(self.translated.get(s, ())) for s in SECTIONS)
        return done, total

    def missing(self) -> list[str]:
        return [
            f"{section}.{key}"
            for section in SECTIONS
            for key in self.strings[section]
            if key not in self.translated.get(section, set()) and key not in DERIVED_THEME_KEYS
        ]


def _read_sections(
    path: Path, root: Path | None, known: dict | None = None, known_file: str = ""
) -> tuple[dict, list[Problem]]:
    """The strings of one locale file; keys missing from ``known`` are reported."""
    shown = display_path(path, root)
    data = load_yaml(path, root)
    if data is None:
        return {s: {} for s in SECTIONS}, []
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return {}, [Problem(shown, 1, "a locale file must be a mapping with 'theme:' and 'site:' sections")]
    sections = {}
    for name, body in data.items():
        line = data.line_of(name) if isinstance(data, LineDict) else None
        if name not in SECTIONS:
            problems.append(Problem(shown, line, f"unknown section '{name}'; use 'theme:' or 'site:'"))
            continue
        body = body or {}
        if not isinstance(body, dict):
            problems.append(Problem(shown, line, f"'{name}:' must contain 'key: text' lines"))
            continue
        for key, text in body.items():
            key_line = body.line_of(key) if isinstance(body, LineDict) else line
            if text is None or text == "":
                continue
            if not isinstance(text, str):
                problems.append(Problem(shown, key_line, f"'{key}' must be text; put it in quotes"))
            elif _UNSAFE.search(text):
                problems.append(Problem(shown, key_line, f"'{key}' contains '<', '>' or a straight double quote (\"); HTML is not allowed in UI strings (for quotes, use “ ” or ')"))
            elif known is not None and key not in known[name]:
                problems.append(Problem(shown, key_line, f"'{name}.{key}' does not exist in {known_file}; check the spelling of the key"))
        sections[name] = {k: v for k, v in body.items() if isinstance(v, str) and v != ""}
    for name in SECTIONS:
        sections.setdefault(name, {})
    return sections, problems


def load_catalogs(
    locales_dir: Path, langs: list[str], source_lang: str, root: Path | None = None
) -> dict[str, Catalog]:
    """Load ``locales/<lang>.yml`` for every language, merged over the source."""
    locales_dir = Path(locales_dir)
    source_path = locales_dir / f"{source_lang}.yml"
    if not source_path.exists():
        raise ContentError(Problem(display_path(source_path, root), None, "the source language's locale file is missing"))
    source, problems = _read_sections(source_path, root)
    catalogs = {}
    for lang in langs:
        if lang == source_lang:
            own = source
        else:
            path = locales_dir / f"{lang}.yml"
            own = {s: {} for s in SECTIONS}
            if path.exists():
                own, more = _read_sections(path, root, source, source_path.name)
                problems += more
        strings = {s: {**source[s], **own.get(s, {})} for s in SECTIONS}
        strings["theme"]["language"] = lang
        translated = {s: set(own.get(s, {})) - set(DERIVED_THEME_KEYS) for s in SECTIONS}
        catalogs[lang] = Catalog(lang, source_lang, strings, translated)
    if problems:
        raise ContentError(problems)
    return catalogs


def material_partial(catalog: Catalog) -> str:
    """Material's ``partials/languages/<lang>.html`` for one catalog."""
    entries = ",\n".join(
        f"  {json.dumps(key)}: {json.dumps(text, ensure_ascii=False)}"
        for key, text in sorted(catalog.strings["theme"].items())
    )
    return (
        "{#- Generated by build_tools.i18n.locales from locales/*.yml - do not edit -#}\n"
        "{% macro t(key) %}{{ {\n" + entries + "\n}[key] }}{% endmacro %}\n"
    )


def write_material_partials(catalogs: dict[str, Catalog], theme_dir: Path) -> None:
    """Write one language partial per catalog under ``theme_dir``."""
    target = Path(theme_dir) / "partials" / "languages"
    target.mkdir(parents=True, exist_ok=True)
    for lang, catalog in catalogs.items():
        (target / f"{lang}.html").write_text(material_partial(catalog), encoding="utf-8")


def coverage_report(catalogs: dict[str, Catalog]) -> str:
    """A short table of translated UI strings per language."""
    lines = [f"{'language':<10} {'translated':>10} {'total':>6} {'coverage':>9}"]
    for lang, catalog in catalogs.items():
        done, total = catalog.coverage()
        lines.append(f"{lang:<10} {done:>10} {total:>6} {done / total:>8.0%}")
    return "\n".join(lines)
