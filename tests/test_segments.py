"""Pages cut into segments for PO files, and rebuilt from translations."""

from __future__ import annotations

import html
import re

import pytest
from markdown import Markdown

from build_tools.front_matter import split
from build_tools.translations.segments import Segment, rebuild, segments
from project import ROOT

PAGE = """\
---
title: Página de prueba
description: >
  Una descripción
  en dos líneas.
last_reviewed: 2026-11-21
summary:
  - "Te toca {{ aguinaldo.dias }} de aguinaldo."
  - Pide ayuda gratis.
---

# Página de prueba

Un párrafo con **negritas** y un [enlace](salario.md#revisar)
que sigue en otra línea.

<!-- translation-status -->

## ¿Cuáles son mis derechos? {#derechos}

### Sin id

- Primer punto
  que continúa.
- Segundo punto con {{ aguinaldo.dias }}.
    - Un punto dentro.

    Un párrafo dentro del segundo punto.

Pasos:

1. Paso uno.
2. Paso dos.

| En vez de | Escribe |
|---|---|
| laborar | `a|b` trabajar |

!!! note "Un título"
    Texto de la nota
    en dos líneas.

    - punto en la nota

!!! tip
    Nota sin título.

> Una cita
> en dos líneas.

```
## no es un título
```

{{ jornada.horas_semanales_maximas | schedule }}

---

Un párrafo con clase.
{: .aviso }

Título setext
-------------

    código con sangría

Fin.
"""

EXPECTED = [
    Segment("title", "Página de prueba", 2),
    Segment("description", "Una descripción en dos líneas.", 3),
    Segment("summary", "Te toca {{ aguinaldo.dias }} de aguinaldo.", 8),
    Segment("summary", "Pide ayuda gratis.", 9),
    Segment("heading", "Página de prueba", 12),
    Segment("paragraph", "Un párrafo con **negritas** y un [enlace](salario.md#revisar) que sigue en otra línea.", 14),
    Segment("heading", "¿Cuáles son mis derechos?", 19),
    Segment("heading", "Sin id", 21),
    Segment("item", "Primer punto que continúa.", 23),
    Segment("item", "Segundo punto con {{ aguinaldo.dias }}.", 25),
    Segment("item", "Un punto dentro.", 26),
    Segment("paragraph", "Un párrafo dentro del segundo punto.", 28),
    Segment("paragraph", "Pasos:", 30),
    Segment("item", "Paso uno.", 32),
    Segment("item", "Paso dos.", 33),
    Segment("cell", "En vez de", 35),
    Segment("cell", "Escribe", 35),
    Segment("cell", "laborar", 37),
    Segment("cell", "`a|b` trabajar", 37),
    Segment("admonition-title", "Un título", 39),
    Segment("paragraph", "Texto de la nota en dos líneas.", 40),
    Segment("item", "punto en la nota", 43),
    Segment("paragraph", "Nota sin título.", 46),
    Segment("paragraph", "Una cita en dos líneas.", 48),
    Segment("paragraph", "Un párrafo con clase.", 59),
    Segment("heading", "Título setext", 62),
    Segment("paragraph", "Fin.", 67),
]

SOURCE_PAGES = sorted((ROOT / "docs" / "es").rglob("*.md"))


def render(text: str) -> str:
    # MkDocs always adds fenced_code to the extensions in mkdocs.yml
    md = Markdown(extensions=["attr_list", "admonition", "tables", "toc", "fenced_code"])
    return md.convert(split(text).body)


def words(rendered: str) -> str:
    """The text a reader reads, spaces normalised."""
    text = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", rendered)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def test_each_block_kind_is_a_segment_with_its_msgid_and_line():
    assert segments(PAGE) == EXPECTED


def test_each_segment_line_is_where_its_text_starts():
    lines = PAGE.splitlines()
    for segment in EXPECTED[2:]:  # the description is a block scalar: its line is the '>'
        first_word = re.sub(r"[*`\[]", "", segment.text).split()[0]
        assert first_word in lines[segment.line - 1], segment


def test_rewrapping_the_spanish_does_not_change_the_msgid():
    rewrapped = PAGE.replace("Un párrafo con **negritas** y un [enlace](salario.md#revisar)\nque sigue",
                             "Un párrafo con **negritas**\ny un [enlace](salario.md#revisar) que sigue")
    assert rewrapped != PAGE
    assert [s.text for s in segments(rewrapped)] == [s.text for s in EXPECTED]


def test_a_page_without_front_matter_starts_at_line_one():
    assert segments("Hola.\n\n## Título {#t}\n") == [Segment("paragraph", "Hola.", 1), Segment("heading", "Título", 3)]


def test_front_matter_that_is_not_valid_yaml_gives_no_segments():
    assert segments("---\ntitle: [roto\n---\n\nTexto.\n") == [Segment("paragraph", "Texto.", 5)]


def test_a_line_break_in_a_translation_does_not_end_its_list_item():
    result = rebuild("- Uno.\n- Dos.\n", lambda s: ("Se\nOme", "nah") if s.text == "Uno." else None, "es")
    assert render(result.text).count("<li>") == 2
    assert result.text == '- <span lang="nah">Se Ome</span>\n- <span lang="es">Dos.</span>\n'


@pytest.mark.parametrize("line", [
    "{{ aguinaldo.dias }}", "{{ calculadora: aguinaldo }}", "<!-- glossary -->", "***", "[](salario.md)",
])
def test_lines_without_words_are_not_segments(line):
    assert segments(f"{line}\n\nTexto.\n") == [Segment("paragraph", "Texto.", 3)]


def test_raw_html_blocks_are_left_alone_but_a_span_starts_a_paragraph():
    text = '<div markdown>\nNada aquí.\n</div>\n\n<span lang="es">Esto sí.</span>\n'
    assert segments(text) == [Segment("paragraph", '<span lang="es">Esto sí.</span>', 5)]


def translated(segment: Segment) -> tuple[str, str] | None:
    """Half the page in 'nah' (a test language: the words are marked, not translated)."""
    if segment.kind in ("title", "heading", "cell", "admonition-title", "summary") or "Paso" in segment.text:
        return f"NAH {segment.text}", "nah"
    return None


def test_partial_translation_renders_each_block_with_its_language():
    result = rebuild(PAGE, translated, "es")
    out = render(result.text)
    assert '<h1 id="pagina-de-prueba"><span lang="nah">NAH Página de prueba</span>' in out
    assert '<h2 id="derechos"><span lang="nah">NAH ¿Cuáles son mis derechos?</span>' in out
    assert '<h3 id="sin-id"><span lang="nah">NAH Sin id</span>' in out
    assert '<h2 id="titulo-setext"><span lang="nah">NAH Título setext</span>' in out
    assert ('<p><span lang="es">Un párrafo con <strong>negritas</strong> y un '
            '<a href="salario.md#revisar">enlace</a> que sigue en otra línea.</span></p>') in out
    assert '<li><span lang="nah">NAH Paso uno.</span></li>' in out
    assert '<li><span lang="es">Primer punto que continúa.</span></li>' in out
    assert '<td><span lang="nah">NAH laborar</span></td>' in out
    assert '<td><span lang="nah">NAH <code>a|b</code> trabajar</span></td>' in out
    assert '<th><span lang="nah">NAH En vez de</span></th>' in out
    assert '<p class="admonition-title">NAH Un título</p>' in out
    assert '<p><span lang="es">Texto de la nota en dos líneas.</span></p>' in out
    assert '<blockquote>\n<p><span lang="es">Una cita en dos líneas.</span></p>\n</blockquote>' in out
    assert '<p class="aviso"><span lang="es">Un párrafo con clase.</span></p>' in out
    assert "no-es-un-titulo" not in out and "\n## no es un título\n" in result.text  # fenced code
    assert "<pre><code>código con sangría\n</code></pre>" in out
    assert "{{ jornada.horas_semanales_maximas | schedule }}" in result.text
    assert "<!-- translation-status -->" in result.text
    assert result.total == len(EXPECTED)
    assert result.translated == sum(translated(s) is not None for s in EXPECTED)
    assert result.field_langs == {"title": "nah", "description": "es", "admonition-title-1": "nah"}
    assert result.langs == {"es", "nah"}


def test_front_matter_title_and_description_are_plain_and_summary_items_are_spans():
    meta = split(rebuild(PAGE, translated, "es").text).meta
    assert meta["title"] == "NAH Página de prueba"
    assert meta["description"] == "Una descripción en dos líneas."
    assert meta["summary"] == [
        '<span lang="nah">NAH Te toca {{ aguinaldo.dias }} de aguinaldo.</span>',
        '<span lang="nah">NAH Pide ayuda gratis.</span>',
    ]
    assert meta["last_reviewed"].isoformat() == "2026-11-21"


def test_the_rebuilt_page_keeps_its_length_and_the_lines_after_blank_lines():
    result = rebuild(PAGE, translated, "es").text.splitlines()
    source = PAGE.splitlines()
    assert len(result) == len(source)
    for number in (19, 39, 57, 65, 67):  # after blank lines: the h2, the note, the rule, indented code, the end
        assert source[number - 1].split()[-1] in result[number - 1], number


def test_quotes_in_a_translated_admonition_title_do_not_end_it():
    result = rebuild(PAGE, lambda s: ('Di "sí"', "nah") if s.kind == "admonition-title" else None, "es")
    assert '<p class="admonition-title">Di \u201dsí\u201d</p>' in render(result.text)


def test_headings_without_id_get_the_spanish_id_once_each():
    text = "## Dudas\n\nUno.\n\n## Dudas\n\nDos.\n\n## Otra {#dudas_1}\n"
    result = rebuild(text, lambda s: ("X", "nah"), "es").text
    assert render(result).count('id="dudas"') == 1
    assert re.findall(r"\{#([\w-]+)\}", result) == ["dudas", "dudas_2", "dudas_1"]


@pytest.mark.parametrize("path", SOURCE_PAGES, ids=lambda p: p.relative_to(ROOT / "docs" / "es").as_posix())
def test_every_spanish_page_rebuilds_and_renders_the_same_words(path):
    text = path.read_text(encoding="utf-8")
    found = segments(text)
    assert found, "a page with no segments"
    untranslated = rebuild(text, lambda s: None, "es")
    assert untranslated.translated == 0 and untranslated.total == len(found)
    assert len(untranslated.text.splitlines()) == len(text.splitlines())
    assert words(render(untranslated.text)) == words(render(text))
    identity = rebuild(text, lambda s: (s.text, "nah"), "es")
    assert identity.translated == len(found)
    out = render(identity.text)
    assert words(out) == words(render(text))
    assert out.count('<span lang="nah">') == sum(s.kind not in ("title", "description", "summary", "admonition-title") for s in found)
    assert split(identity.text).meta.get("title") == split(text).meta.get("title")
    # every heading keeps its Spanish id
    assert re.findall(r'<h[2-6] id="([^"]+)"', out) == re.findall(r'<h[2-6] id="([^"]+)"', render(text))
