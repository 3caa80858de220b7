"""UI strings per language (``locales/<lang>.yml``), with key-by-key fallback.

Each file has two sections:

* ``theme``: Material for MkDocs' own strings, under Material's key names;
* ``site``: this project's strings (banners, fact labels, units...);

and a translation may add a third, ``draft``, holding ``theme`` and ``site``
strings that a second speaker has not checked yet (left out of a build with
``include_drafts`` off).

The source language's file (Spanish) defines every key. Any other file may
leave keys out or empty: those fall back one by one, through the language's
fallback chain (e.g. ``nhe`` -> ``nah``) and then to Spanish, so a page never
breaks because a translation is incomplete.
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale

from build_tools.errors import ContentError, Problem, display_path
from build_tools.yaml_source import LineDict, load_yaml

SECTIONS = ("theme", "site")
DRAFT = "draft"
# Theme keys that are settings, not text: es.yml sets them for every
# language, except 'language', which the build derives from the language tag.
# Nobody translates them; they count neither in coverage nor as missing.
SET_BY_PROJECT = ("direction", "search.config.lang", "search.config.pipeline", "search.config.separator", "language")
DERIVED_KEY = "language"
# Material puts UI strings into HTML attributes unescaped: a '"' would end one
_UNSAFE = re.compile(r'[<>"]')
_FORMATTER = string.Formatter()


def is_text(section: str, key: str) -> bool:
    """Whether a key holds text a translator translates (not a theme setting)."""
    return not (section == "theme" and key in SET_BY_PROJECT)


@dataclass
class Catalog:
    """The strings of one language, already merged with its fallbacks and the source language."""

    lang: str
    source_lang: str
    strings: dict[str, dict[str, str]]
    # Keys the language itself supplies (drafts included when loaded)
    translated: dict[str, set[str]] = field(default_factory=dict)
    # Keys supplied by a language of the fallback chain, with that language
    borrowed: dict[str, dict[str, str]] = field(default_factory=dict)
    # Keys whose string is a draft (the language's own or a fallback's)
    drafts: dict[str, set[str]] = field(default_factory=dict)

    def t(self, key: str, section: str = "site", **values: object) -> str:
        """The string for ``key``, with ``{placeholders}`` filled in."""
        text = self.strings[section].get(key)
        if text is None:
            raise KeyError(f"no string '{section}.{key}' in the {self.source_lang} locale")
        return text.format(**values) if values else text

    def lang_of(self, key: str, section: str = "site") -> str:
        """The language that really supplied a string: this one, a fallback, or the source."""
        if key in self.translated.get(section, set()):
            return self.lang
        return self.borrowed.get(section, {}).get(key, self.source_lang)

    def is_draft(self, key: str, section: str = "site") -> bool:
        """Whether the string shown for ``key`` is a draft not yet checked by a second speaker."""
        return key in self.drafts.get(section, set())

    def plural(self, key: str, count: float, locale: Locale, **values: object) -> str:
        """A string chosen by plural category, e.g. ``unit.days.one`` / ``.other``."""
        return self.t(self.plural_key(key, count, locale), **values)

    def plural_key(self, key: str, count: float, locale: Locale) -> str:
        """The key ``plural`` uses for ``count`` (``lang_of`` says its language)."""
        category = locale.plural_form(count)
        if f"{key}.{category}" not in self.strings["site"]:
            category = "other"
        return f"{key}.{category}"

    def text_keys(self) -> list[tuple[str, str]]:
        """(section, key) of every translatable string, in file order."""
        return [(s, key) for s in SECTIONS for key in self.strings[s] if is_text(s, key)]

    def coverage(self) -> tuple[int, int]:
        """(keys this language translates itself, translatable keys); fallbacks not counted."""
        keys = self.text_keys()
        done = sum(1 for section, key in keys if key in self.translated.get(section, set()))
        return done, len(keys)

    def missing(self) -> list[str]:
        """The translatable keys this language does not translate itself, as 'section.key'."""
        return [
            f"{section}.{key}" for section, key in self.text_keys()
            if key not in self.translated.get(section, set())
        ]

    def own_drafts(self) -> list[str]:
        """The language's own draft strings, as 'section.key'."""
        return [
            f"{section}.{key}" for section, key in self.text_keys()
            if key in self.translated.get(section, set()) and key in self.drafts.get(section, set())
        ]


@dataclass
class _LocaleFile:
    """One file's strings: reviewed and draft, by section."""

    reviewed: dict[str, dict[str, str]]
    drafts: dict[str, dict[str, str]]

    @classmethod
    def empty(cls) -> _LocaleFile:
        return cls({s: {} for s in SECTIONS}, {s: {} for s in SECTIONS})


def _line(mapping, key, default: int | None) -> int | None:
    return mapping.line_of(key) if isinstance(mapping, LineDict) else default


def _placeholders(text: str) -> list[str] | None:
    """The ``{names}`` a string uses, in order; None if a brace is stray."""
    try:
        fields = list(_FORMATTER.parse(text))
    except ValueError:
        return None
    if any(conversion not in (None, "r", "s", "a") for _, name, _, conversion in fields if name is not None):
        return None
    return [name for _, name, _, _ in fields if name is not None]


def _braces(names) -> str:
    return ", ".join("{" + name + "}" for name in dict.fromkeys(names))


def _placeholder_problem(text: str, source_text: str | None) -> str | None:
    """What is wrong with a string's placeholders, if anything (Spanish first, then English)."""
    names = _placeholders(text)
    if names is None:
        return (
            "hay una llave '{' o '}' suelta o mal cerrada: un marcador se escribe entero, como {date}; "
            "para mostrar una llave, escríbela dos veces ({{ o }}) / "
            "a '{' or '}' is stray or not closed: write a placeholder whole, like {date}; "
            "to show a brace, write it twice ({{ or }})"
        )
    if source_text is None:
        return None
    expected = _placeholders(source_text) or []
    unknown = [name for name in dict.fromkeys(names) if name not in expected]
    if unknown:
        shown = _braces(unknown)
        uses_es = f"usa {_braces(expected)}" if expected else "no usa ninguno"
        uses_en = f"uses {_braces(expected)}" if expected else "uses none"
        return (
            f"{shown} no existe en este texto; el texto en español {uses_es}. "
            "Copia los marcadores tal como están en español, sin traducirlos / "
            f"{shown} does not exist in this text; the Spanish text {uses_en}. "
            "Copy the placeholders as the Spanish text writes them, without translating them"
        )
    dropped = [name for name in dict.fromkeys(expected) if name not in names]
    if dropped:
        shown = _braces(dropped)
        # Left out, a count or a date would silently vanish from the page
        return (
            f"falta {shown}: el texto en español lo usa y el lector necesita ese dato. "
            "Ponlo donde va en tu idioma (puedes cambiar el orden de los marcadores) / "
            f"{shown} is missing: the Spanish text uses it and the reader needs that value. "
            "Put it where it goes in your language (placeholders may change order)"
        )
    return None


def _read_file(
    path: Path, root: Path | None, source: _LocaleFile | None = None, source_file: str = ""
) -> tuple[_LocaleFile, list[Problem]]:
    """The strings of one locale file, checked; ``source`` is None for the source file itself."""
    shown = display_path(path, root)
    data = load_yaml(path, root)
    result = _LocaleFile.empty()
    if data is None:
        return result, []
    if not isinstance(data, dict):
        return result, [Problem(
            shown, 1,
            "un archivo de textos tiene las secciones 'theme:' y 'site:' (y, si hay borradores, 'draft:') / "
            "a locale file must be a mapping with 'theme:' and 'site:' sections (and 'draft:' for drafts)",
        )]
    problems: list[Problem] = []

    def section_body(container, name, draft: bool) -> dict | None:
        line = _line(container, name, None)
        body = container[name] or {}
        if not isinstance(body, dict):
            where = f"{DRAFT}: {name}:" if draft else f"{name}:"
            problems.append(Problem(
                shown, line,
                f"'{where}' debe tener líneas 'clave: texto' / '{where}' must contain 'key: text' lines",
            ))
            return None
        return body

    def read_strings(name: str, body: dict, into: dict[str, str], draft: bool) -> None:
        for key, text in body.items():
            key_line = _line(body, key, None)
            # Nothing written yet (spaces too: a blank label) falls back, marked;
            # the source language has nothing to fall back to
            if text is None or (isinstance(text, str) and not text.strip()):
                if source is None and isinstance(key, str):
                    problems.append(Problem(
                        shown, key_line,
                        f"'{name}.{key}' está vacío: el español es el texto al que vuelven los demás idiomas; escríbelo / "
                        f"'{name}.{key}' is empty: every other language falls back to the Spanish text; write it",
                    ))
                continue
            problem = None
            if not isinstance(key, str):
                problem = f"'{key}' no es una clave de texto / '{key}' is not a string key"
            elif not isinstance(text, str):
                problem = f"'{key}' debe ser texto; ponlo entre comillas / '{key}' must be text; put it in quotes"
            elif (name == "theme" and key == DERIVED_KEY) or (source is not None and not is_text(name, key)):
                problem = (
                    f"'{name}.{key}' lo pone el proyecto, no se traduce; borra esta línea / "
                    f"'{name}.{key}' is set by the project, not translated; delete this line"
                )
            elif source is not None and key not in source.reviewed[name]:
                problem = (
                    f"'{name}.{key}' no existe en {source_file}; revisa cómo se escribe la clave / "
                    f"'{name}.{key}' does not exist in {source_file}; check the spelling of the key"
                )
            elif _UNSAFE.search(text):
                problem = (
                    f"'{key}' tiene '<', '>' o comillas rectas (\"); no se permite HTML en estos textos "
                    "(para comillas, usa “ ” o ') / "
                    f"'{key}' contains '<', '>' or a straight double quote (\"); HTML is not allowed in UI strings "
                    "(for quotes, use “ ” or ')"
                )
            else:
                problem = _placeholder_problem(text, None if source is None else source.reviewed[name][key])
            if problem:
                problems.append(Problem(shown, key_line, problem))
            elif draft and key in result.reviewed[name]:
                problems.append(Problem(
                    shown, key_line,
                    f"'{name}.{key}' ya está como texto revisado (línea {_line(data[name], key, '?')}); "
                    "deja solo uno: el revisado o el borrador / "
                    f"'{name}.{key}' is also a reviewed string (line {_line(data[name], key, '?')}); "
                    "keep only one: the reviewed string or the draft",
                ))
            else:
                into[key] = text

    for name in data:
        line = _line(data, name, None)
        if name in SECTIONS:
            body = section_body(data, name, draft=False)
            if body is not None:
                read_strings(name, body, result.reviewed[name], draft=False)
        elif name != DRAFT:
            problems.append(Problem(
                shown, line,
                f"sección '{name}' desconocida; usa 'theme:', 'site:' o 'draft:' / "
                f"unknown section '{name}'; use 'theme:', 'site:' or 'draft:'",
            ))
    if DRAFT in data:
        drafts = data[DRAFT] or {}
        line = _line(data, DRAFT, None)
        if source is None:
            problems.append(Problem(
                shown, line,
                "el texto en español es el original: no tiene borradores; pasa estas líneas a 'theme:' o 'site:' / "
                "the Spanish text is the source: it has no drafts; move these lines to 'theme:' or 'site:'",
            ))
        elif not isinstance(drafts, dict):
            problems.append(Problem(
                shown, line,
                "'draft:' debe tener las secciones 'theme:' y/o 'site:' / 'draft:' must contain 'theme:' and/or 'site:' sections",
            ))
        else:
            for name in drafts:
                if name not in SECTIONS:
                    problems.append(Problem(
                        shown, _line(drafts, name, line),
                        f"sección '{name}' desconocida dentro de 'draft:'; usa 'theme:' o 'site:' / "
                        f"unknown section '{name}' inside 'draft:'; use 'theme:' or 'site:'",
                    ))
                    continue
                body = section_body(drafts, name, draft=True)
                if body is not None:
                    read_strings(name, body, result.drafts[name], draft=True)
    return result, problems


def load_catalogs(
    locales_dir: Path,
    langs: list[str],
    source_lang: str,
    root: Path | None = None,
    include_drafts: bool = True,
    fallbacks: dict[str, list[str]] | None = None,
) -> dict[str, Catalog]:
    """Load ``locales/<lang>.yml`` for every language, merged over its fallbacks and the source.

    ``fallbacks[lang]``: the languages tried, in order, for a string ``lang``
    lacks, before the source language (``{"nhe": ["nah"]}``). With
    ``include_drafts`` off, draft strings are left out and fall back too.
    Every file is checked either way; all problems are raised together.
    """
    locales_dir = Path(locales_dir)
    fallbacks = fallbacks or {}
    source_path = locales_dir / f"{source_lang}.yml"
    if not source_path.exists():
        raise ContentError(Problem(
            display_path(source_path, root), None,
            "falta el archivo de textos del idioma original / the source language's locale file is missing",
        ))
    source, problems = _read_file(source_path, root)
    files = {source_lang: source}

    def file_of(lang: str) -> _LocaleFile:
        if lang not in files:
            path = locales_dir / f"{lang}.yml"
            files[lang] = _LocaleFile.empty()
            if path.exists():
                files[lang], more = _read_file(path, root, source, source_path.name)
                problems.extend(more)
        return files[lang]

    catalogs = {}
    for lang in langs:
        chain = [lang] + [tag for tag in fallbacks.get(lang, []) if tag not in (lang, source_lang)]
        strings = {s: dict(source.reviewed[s]) for s in SECTIONS}
        translated = {s: set() for s in SECTIONS}
        borrowed = {s: {} for s in SECTIONS}
        drafts = {s: set() for s in SECTIONS}
        if lang == source_lang:
            translated = {s: {k for k in source.reviewed[s] if is_text(s, k)} for s in SECTIONS}
        else:
            # The last language of the chain first, so that earlier ones win
            for tag in reversed(chain):
                own = file_of(tag)
                for section in SECTIONS:
                    found = dict(own.reviewed[section])
                    if include_drafts:
                        found.update(own.drafts[section])
                    for key, text in found.items():
                        strings[section][key] = text
                        borrowed[section].pop(key, None)
                        drafts[section].discard(key)
                        if tag == lang:
                            translated[section].add(key)
                        else:
                            borrowed[section][key] = tag
                        if key in own.drafts[section]:
                            drafts[section].add(key)
        strings["theme"][DERIVED_KEY] = lang
        catalogs[lang] = Catalog(lang, source_lang, strings, translated, borrowed, drafts)
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
    """A short table of the UI strings each language translates itself; drafts are counted and named."""
    lines = [
        f"{'idioma':<10} {'traducidos':>10} {'total':>6} {'cobertura':>9}",
        f"{'language':<10} {'translated':>10} {'':>6} {'coverage':>9}",
    ]
    for lang, catalog in catalogs.items():
        done, total = catalog.coverage()
        share = done / total if total else 1
        line = f"{lang:<10} {done:>10} {total:>6} {share:>8.0%}"
        drafts = len(catalog.own_drafts())
        if drafts:
            line += f"  ({drafts} de ellos borradores / {drafts} of them drafts)"
        lines.append(line)
    return "\n".join(lines)


def missing_report(catalogs: dict[str, Catalog], source: Catalog) -> str:
    """Per language, each translatable key it lacks or has as a draft, with the Spanish text."""
    blocks = []
    for lang, catalog in catalogs.items():
        if lang == source.lang:
            continue
        lines, missing, drafts = [], 0, 0
        for section, key in catalog.text_keys():
            if key not in catalog.translated[section]:
                missing += 1
                shown_in = catalog.lang_of(key, section)
                note = "" if shown_in == source.lang else f"  [se muestra en {shown_in} / shown in {shown_in}]"
            elif catalog.is_draft(key, section):
                drafts += 1
                note = "  [borrador / draft]"
            else:
                continue
            spanish = json.dumps(source.strings[section][key], ensure_ascii=False)
            lines.append(f"  {section}.{key}: {spanish}{note}")
        heading = f"{lang}: {missing} sin traducir, {drafts} borradores / {missing} untranslated, {drafts} drafts"
        blocks.append("\n".join([heading, *lines]))
    return "\n\n".join(blocks)
