"""Gettext PO files for translating a page one segment at a time.

Layout, for the Spanish page ``docs/es/hogar/aguinaldo.md``:

- ``translations/templates/hogar/aguinaldo.pot``: its segments (the template);
- ``translations/<lang>/hogar/aguinaldo.po``: one language's translations.

Translators open the PO file in Poedit or Weblate. When the Spanish page
changes, ``update`` keeps every translation whose Spanish did not change; a
changed segment gets the closest old translation marked fuzzy, with the old
Spanish kept as ``#| msgid`` so the translator sees what changed. Reading
and writing are Babel's; the bytes written depend only on the input.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, normalize, read_po, unescape, write_po

from build_tools.errors import ContentError, Problem, display_path
from build_tools.facts import FactRegistry
from build_tools.front_matter import split
from build_tools.markdown_source import strip_code_spans
from build_tools.translations import parity
from build_tools.translations.segments import segments
from build_tools.yaml_source import read_text

PROJECT = "Derechos Claros"
FOLDER = "translations"
TEMPLATES = "templates"
# Poedit and GNU gettext wrap at 79 columns: a file they re-save changes little
WIDTH = 79
# A page with no review date: a fixed date, so the same page gives the same bytes
_NO_DATE = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)

# The extracted comment over each message: what the segment is, in Spanish and English
KIND_NAMES = {
    "title": "título de la página / page title",
    "description": "descripción de la página / page description",
    "summary": "frase del resumen para imprimir / printable summary sentence",
    "heading": "encabezado / heading",
    "paragraph": "párrafo / paragraph",
    "item": "punto de una lista / list item",
    "cell": "celda de una tabla / table cell",
    "admonition-title": "título de un recuadro / box title",
}


def po_path(root: str | Path, lang: str, page: str) -> Path:
    """``translations/<lang>/<page without .md>.po``; ``page`` is its path inside docs/es/."""
    return Path(root) / FOLDER / lang / Path(page).with_suffix(".po")


def pot_path(root: str | Path, page: str) -> Path:
    return Path(root) / FOLDER / TEMPLATES / Path(page).with_suffix(".pot")


def _source_date(source_text: str) -> dt.datetime:
    """When the Spanish page was last reviewed (its ``last_reviewed``)."""
    reviewed = split(source_text).meta.get("last_reviewed")
    if isinstance(reviewed, dt.datetime):
        return reviewed if reviewed.tzinfo else reviewed.replace(tzinfo=dt.timezone.utc)
    if isinstance(reviewed, dt.date):
        return dt.datetime(reviewed.year, reviewed.month, reviewed.day, tzinfo=dt.timezone.utc)
    return _NO_DATE


def _header_comment(page: str) -> str:
    return (
        f"# {PROJECT}: {page}\n"
        "# Traduce cada texto; deja igual lo que está entre {{ }}, las direcciones de los enlaces y los {#id}.\n"
        "# Translate each text; keep what is inside {{ }}, link addresses and {#id} as they are."
    )


def template(page: str, source_text: str, source_shown: str) -> Catalog:
    """The POT of a Spanish page: one message per distinct text, with every
    place it appears (``source_shown``, line) and what kind of text it is."""
    catalog = Catalog(
        project=PROJECT, version=page, charset="utf-8", fuzzy=False,
        creation_date=_source_date(source_text), revision_date=_source_date(source_text),
        header_comment=_header_comment(page), language_team=PROJECT,
    )
    for segment in segments(source_text):
        existing = catalog.get(segment.text)
        comment = KIND_NAMES[segment.kind]
        if existing is None:
            catalog.add(segment.text, locations=[(source_shown, segment.line)], auto_comments=[comment])
        else:
            existing.locations.append((source_shown, segment.line))
            if comment not in existing.auto_comments:
                existing.auto_comments.append(comment)
    return catalog


def update(existing: Catalog | None, template: Catalog, lang: str) -> Catalog:
    """The PO of ``lang`` for a new template: Babel's update (unchanged texts
    keep their translation; a changed one gets the closest old translation,
    fuzzy, with the old Spanish as previous id; removed ones become obsolete)."""
    if existing is None:
        catalog = Catalog(
            locale=lang, project=template.project, version=template.version, charset="utf-8", fuzzy=False,
            creation_date=template.creation_date, revision_date=template.creation_date,
            header_comment=template.header_comment, language_team=f"{PROJECT} {lang}",
        )
    else:
        catalog = existing
        catalog.locale = lang  # a tag with no Babel locale data (nah, tzo...) is kept as it is
        catalog.header_comment = template.header_comment
        catalog.project, catalog.version = template.project, template.version
    catalog.update(template, update_header_comment=False, update_creation_date=True)
    return catalog


def _without_format_checks(catalog: Catalog) -> None:
    """Our texts are not printf formats: '25% de' would look like one to
    Babel, and msgfmt and Poedit would then check it."""
    for message in [*catalog, *catalog.obsolete.values()]:
        if message.python_format or "no-python-format" in message.flags:
            message.flags.discard("python-format")
            message.flags.add("no-python-format")


def to_bytes(catalog: Catalog) -> bytes:
    _without_format_checks(catalog)
    buffer = io.BytesIO()
    # Babel 2.18 wraps a long previous msgid as one comment, joining its
    # quoted lines ('#| msgid "" "Te lo...'): written here as gettext does
    write_po(buffer, catalog, width=WIDTH, include_previous=False, sort_output=False)
    text = buffer.getvalue().decode("utf-8")
    for message in catalog:
        if message.id and message.previous_id:
            entry = f"\nmsgid {normalize(message.id, width=WIDTH)}\n"
            previous = f"#| msgid {normalize(message.previous_id[0], prefix='#| ', width=WIDTH)}"
            text = text.replace(entry, f"\n{previous}{entry}", 1)
    return text.encode("utf-8")


def write(path: str | Path, catalog: Catalog) -> bool:
    """Write a PO or POT file; False when it already had these bytes."""
    path = Path(path)
    data = to_bytes(catalog)
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


_QUOTED_LINE = re.compile(r'^(?:#~ ?)?(?:msg\w+(?:\[\d+\])?[ \t]+)?"')
_CLOSED = re.compile(r'(?<!\\)(?:\\\\)*"[ \t]*$')


def _unclosed_quote(lines: list[str]) -> int | None:
    """The first line whose text in quotes is not closed: Babel would drop
    its last letter without a word."""
    for number, line in enumerate(lines, 1):
        if _QUOTED_LINE.match(line) and (line.rstrip().count('"') < 2 or not _CLOSED.search(line)):
            return number
    return None


_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+(".*)$')


def _duplicate_entry(lines: list[str]) -> tuple[int, int] | None:
    """The lines of two entries for the same text, if any: msgfmt refuses
    them; Babel keeps the first and drops the second's translation without a word."""
    seen: dict[tuple[str | None, str], int] = {}
    keyword, parts, id_line, context = None, [], 0, None
    for number, line in enumerate([*lines, ""], 1):
        match = _KEYWORD.match(line)
        if match is None and keyword and line.startswith('"'):
            parts.append(line)
            continue
        value = "".join(unescape(part.strip()) for part in parts)
        if keyword == "msgctxt":
            context = value
        elif keyword == "msgid":
            key = (context, value)
            context = None
            if value and key in seen:
                return seen[key], id_line
            seen.setdefault(key, id_line)
        keyword, parts = (match.group(1), [match.group(2)]) if match else (None, [])
        if keyword == "msgid":
            id_line = number
    return None


def read(path: str | Path, root: str | Path | None = None) -> Catalog:
    """A PO file; a malformed one is a ContentError with its file and line."""
    shown = display_path(path, root)
    data = Path(path).read_bytes()
    try:
        lines = data.decode("utf-8").splitlines()  # for our two checks; Babel reads the bytes
        unclosed = _unclosed_quote(lines)
        if unclosed is not None:
            raise ContentError(Problem(
                shown, unclosed,
                "a esta línea le faltan las comillas \" del final / this line is missing its closing quote \"",
            ))
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
        if duplicate := _duplicate_entry(lines):
            first, second = duplicate
            raise ContentError(Problem(
                shown, second,
                f"este texto ya tiene una entrada en la línea {first}: deja una sola, con su traducción / "
                f"this text already has an entry on line {first}: keep one, with its translation",
            ))
    except PoFileError as error:
        raise ContentError(Problem(
            shown, error.lineno + 1,  # Babel counts lines from 0
            "esta línea no se entiende: cada línea empieza con msgid, msgstr, # o comillas; "
            "ábrelo con Poedit o compáralo con el archivo .pot / "
            "this line cannot be read: each line starts with msgid, msgstr, # or a quote; "
            "open the file in Poedit or compare it with the .pot file",
        )) from None
    except UnicodeDecodeError:
        raise ContentError(Problem(
            shown, None,
            "este archivo no está guardado como UTF-8; guárdalo otra vez como UTF-8 / "
            "this file is not saved as UTF-8; save it again as UTF-8",
        )) from None
    for message in catalog:
        if message.pluralizable:  # a page's text has one translation; our code reads msgstr as text
            raise ContentError(Problem(
                shown, message.lineno,
                "esta entrada tiene formas de plural (msgid_plural, msgstr[0]...), que las páginas no usan: "
                "deja un solo msgid y un solo msgstr, como en el archivo .pot / "
                "this entry has plural forms (msgid_plural, msgstr[0]...), which pages do not use: "
                "keep one msgid and one msgstr, as in the .pot file",
            ))
    _without_format_checks(catalog)
    return catalog


@dataclass(frozen=True)
class Counts:
    translated: int
    fuzzy: int
    untranslated: int


def _entries(catalog: Catalog) -> list[Message]:
    return [message for message in catalog if message.id]  # the header has an empty id


def counts(catalog: Catalog) -> Counts:
    """Translated, fuzzy and untranslated entries (not the header, not obsolete ones)."""
    translated = fuzzy = untranslated = 0
    for message in _entries(catalog):
        if not message.string:
            untranslated += 1
        elif message.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    return Counts(translated, fuzzy, untranslated)


def msgids(catalog: Catalog) -> set[str]:
    """The Spanish texts a PO file has entries for (obsolete ones left out)."""
    return {message.id for message in _entries(catalog)}


def translations_of(catalog: Catalog) -> dict[str, tuple[str, int]]:
    """msgid -> (msgstr, the entry's line in the file) for translated, not fuzzy, entries."""
    return {
        message.id: (message.string, message.lineno)
        for message in _entries(catalog)
        if message.string and not message.fuzzy
    }


_KINDS = {
    "fact": "la referencia a un dato / the fact reference",
    "link": "el enlace interno / the internal link",
    "external": "el enlace tel: o externo / the tel: or external link",
}
_TAG = re.compile(r"<!--|</?[A-Za-z][^>]*>")
_BRACES = re.compile(r"\{\{|\}\}")


def _balanced(text: str) -> bool:
    """Every {{ closed by a }} before the next {{."""
    depth = 0
    for brace in _BRACES.findall(strip_code_spans(text)):
        depth += 1 if brace == "{{" else -1
        if depth not in (0, 1):
            return False
    return depth == 0


def check(catalog: Catalog, shown_po: str, facts: FactRegistry) -> list[Problem]:
    """What each translated entry must keep from its Spanish: the same fact
    references, internal links and anchors, tel: and external links; no
    HTML of its own; balanced {{ }}; no number typed by hand that a fact gives."""
    problems = []
    for message in _entries(catalog):
        if not message.string or message.fuzzy:
            continue
        source, translation = message.id, message.string

        def problem(text: str) -> None:
            problems.append(Problem(shown_po, message.lineno, text))

        if not _balanced(translation):
            problem("las llaves {{ }} no están completas: cada {{ se cierra con }} / "
                    "the {{ }} braces do not match: each {{ needs its }}")
            continue
        wanted = [item for item in parity.extract(source) if item.kind in _KINDS]
        have = [item for item in parity.extract(translation) if item.kind in _KINDS]
        for kind, label in _KINDS.items():
            want = Counter(i.value for i in wanted if i.kind == kind)
            got = Counter(i.value for i in have if i.kind == kind)
            for value in sorted((got - want).elements()):
                problem(f"{label.split(' / ')[0]} '{value}' no está en el español; quítala o copia la del español / "
                        f"{label.split(' / ')[1]} '{value}' is not in the Spanish text; remove it or copy the Spanish one")
            for value in sorted((want - got).elements()):
                problem(f"falta {label.split(' / ')[0]} '{value}' del español; cópiala tal como está / "
                        f"{label.split(' / ')[1]} '{value}' of the Spanish text is missing; copy it as it is")
        tags = Counter(_TAG.findall(strip_code_spans(translation))) - Counter(_TAG.findall(strip_code_spans(source)))
        for tag in sorted(tags):
            problem(f"la traducción no puede llevar HTML como '{tag}'; escribe solo texto / "
                    f"a translation cannot contain HTML such as '{tag}'; write text only")
        for value, _, fact_id in parity.typed_fact_numbers(source, translation, facts):
            problem(f"el número '{value}' está escrito a mano; escribe {{{{ {fact_id} }}}} como el español / "
                    f"the number '{value}' is typed by hand; write {{{{ {fact_id} }}}} as the Spanish does")
    return problems


def _describe(found: Counts) -> str:
    return (
        f"{found.translated} traducidos, {found.fuzzy} por revisar, {found.untranslated} sin traducir / "
        f"{found.translated} translated, {found.fuzzy} fuzzy, {found.untranslated} untranslated"
    )


def update_language(
    root: str | Path, docs_dir: str | Path, source_lang: str, lang: str, pages: list[str] | None = None
) -> list[str]:
    """Write every Spanish page's POT (or the given pages') and create or
    update its PO for ``lang``; one line per file that changed."""
    root, source_dir = Path(root), Path(docs_dir) / source_lang
    if pages is None:
        pages = sorted(path.relative_to(source_dir).as_posix() for path in source_dir.rglob("*.md"))
    report = []
    for page in pages:
        source = source_dir / page
        source_text = read_text(source, root)  # a file not in UTF-8 is named, not a traceback
        pot = template(page, source_text, display_path(source, root))
        if write(pot_path(root, page), pot):
            report.append(f"{display_path(pot_path(root, page), root)}: plantilla escrita / template written")
        target = po_path(root, lang, page)
        existing = read(target, root) if target.exists() else None
        catalog = update(existing, pot, lang)
        if write(target, catalog):
            done = "creado / created" if existing is None else "actualizado / updated"
            report.append(f"{display_path(target, root)}: {done} ({_describe(counts(catalog))})")
    return report
