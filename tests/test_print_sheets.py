"""Paper: QR codes, print addresses and the summary lists (no MkDocs run)."""

import re

import pytest
import segno

from build_tools.errors import ContentError
from build_tools.facts import load_facts
from build_tools.facts.rendering import RenderContext
from build_tools.front_matter import read_summary
from build_tools.i18n.languages import babel_locale
from build_tools.i18n.locales import load_catalogs
from build_tools.reader import print_sheets
from build_tools.reader.print_sheets import QR_MASK, SummaryRenderer, help_phones, print_urls, qr_svg, summary_url
from project import AS_OF, ROOT

FACTS = load_facts(ROOT / "facts", ROOT)
CATALOGS = load_catalogs(ROOT / "locales", ["es", "en"], "es", ROOT)


def dark_modules(svg: str) -> set[tuple[int, int]]:
    """The dark squares an SVG path draws: 'M x y' moves, 'hN' draws N across,
    'm dx dy' moves relative to where the last line ended."""
    path = re.search(r' d="([^"]+)"', svg).group(1)
    dark, x, y = set(), 0.0, 0.0
    for op, a, b in re.findall(r"([MmHh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?", path):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            length = float(a)
            dark |= {(int(x + i), int(y)) for i in range(int(length))}
            x += length
    return dark


def test_qr_draws_the_modules_of_the_url():
    url = "https://derechosclaros.mx/en/hogar/aguinaldo/"
    svg = qr_svg(url)
    border = 2
    expected = {
        (col + border, row + border)
        for row, line in enumerate(segno.make(url, error="m", micro=False, boost_error=False, mask=QR_MASK).matrix)
        for col, bit in enumerate(line) if bit
    }
    assert dark_modules(svg) == expected
    assert svg.startswith('<svg aria-hidden="true"') and "xmlns" not in svg and "<?xml" not in svg


def test_qr_with_a_label_is_an_image_with_a_name():
    svg = qr_svg("https://x.example/", 'QR of "x"')
    assert svg.startswith('<svg role="img" aria-label="QR of &quot;x&quot;"')


def test_qr_stays_small():
    # On every page (print only): keep it well under a kilobyte gzipped
    import gzip
    svg = qr_svg("https://derechosclaros.mx/nah/empleadores/contrato-modelo/")
    assert len(gzip.compress(svg.encode())) < 700


def test_print_urls_make_internal_links_absolute_and_leave_others():
    html = (
        '<a href="../salario/#revisar">a</a> <a href="https://www.gob.mx/">b</a> '
        '<a href="tel:+528007172942">c</a> <a href="#cuanto">d</a> <a class="x" href="resumen/">e</a>'
    )
    out = print_urls(html, "https://dc.example/en/hogar/aguinaldo/")
    assert '<a href="../salario/#revisar" data-print-url="https://dc.example/en/hogar/salario/#revisar">' in out
    assert '<a class="x" href="resumen/" data-print-url="https://dc.example/en/hogar/aguinaldo/resumen/">' in out
    assert out.count("data-print-url") == 2
    assert print_urls(out, "https://dc.example/") == out  # idempotent


PAGE = """---
title: Prueba
summary:
  - "Te toca el salario de {{ aguinaldo.dias }}."
  - Sin comillas también.
translation:
  status: draft
---

# Prueba
"""


def test_read_summary_gives_each_item_its_line_in_the_file():
    items = read_summary(PAGE, "docs/es/x.md")
    assert [(i.text, i.line) for i in items] == [
        ("Te toca el salario de {{ aguinaldo.dias }}.", 4),
        ("Sin comillas también.", 5),
    ]
    assert read_summary("---\ntitle: x\n---\n\n# x\n", "p") == []
    assert read_summary("# no front matter\n", "p") == []


@pytest.mark.parametrize("front, line, message", [
    ("summary: una frase\n", 3, "'summary' must be a list"),
    ("summary:\n", 3, "'summary' must be a list"),
    ("summary:\n  - a: b\n", 4, "must be one sentence of text"),
    ("summary:\n  - \"\"\n", 4, "must be one sentence of text"),
    ("summary:\n  - |\n    una\n    dos\n", 4, "must fit on one line"),
])
def test_bad_summaries_name_the_file_and_line(front, line, message):
    with pytest.raises(ContentError) as error:
        read_summary("---\ntitle: x\n" + front + "---\n\n# x\n", "docs/es/x.md")
    problem = error.value.problems[0]
    assert (problem.path, problem.line) == ("docs/es/x.md", line)
    assert message in problem.message


def context(lang):
    return RenderContext(lang, babel_locale(lang, {"es": "es_MX", "en": "en_US"}[lang]), CATALOGS[lang], AS_OF, footnotes=False)


def test_summary_items_render_facts_without_footnotes():
    days = FACTS["aguinaldo.dias"].value_on(AS_OF).value  # from facts/prestaciones.yml
    items = read_summary(PAGE, "docs/es/x.md")
    html = SummaryRenderer(FACTS).render(items, "docs/es/x.md", context("en"))
    assert html[0] == f'Te toca el salario de <span class="dc-fact" data-fact="aguinaldo.dias">{days} days</span>.'
    assert html[1] == "Sin comillas también."
    assert "dc-fact__ref" not in "".join(html)


def test_an_unknown_fact_in_a_summary_names_the_item_line():
    items = read_summary(PAGE.replace("aguinaldo.dias", "aguinaldo.diaz"), "docs/es/x.md")
    with pytest.raises(ContentError) as error:
        SummaryRenderer(FACTS).render(items, "docs/es/x.md", context("es"))
    problem = error.value.problems[0]
    assert (problem.path, problem.line) == ("docs/es/x.md", 4)
    assert "aguinaldo.dias" in problem.message  # the suggestion


def test_help_phones_are_the_guides_own_then_the_defaults():
    used = [FACTS["aguinaldo.dias"], FACTS["procuraduria_edomex.telefono"], FACTS["profedet.telefono"]]
    assert help_phones(used, ["profedet.telefono", "imss.telefono"], FACTS) == [
        "procuraduria_edomex.telefono", "profedet.telefono", "imss.telefono",
    ]
    assert help_phones([], ["profedet.telefono"], FACTS) == ["profedet.telefono"]


def test_summary_address_is_beside_the_guide():
    assert summary_url("en/hogar/aguinaldo/") == "en/hogar/aguinaldo/resumen/"


@pytest.mark.build
def test_a_bad_fact_in_a_summary_stops_the_build_at_its_line(project_copy, tmp_path):
    from project import run_build

    path = project_copy / "docs/es/hogar/aguinaldo.md"
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index('  - "Te lo deben pagar cada año antes del {{ aguinaldo.fecha_limite }}."') + 1
    path.write_text(text.replace("{{ aguinaldo.fecha_limite }}.\"", "{{ aguinaldo.fecha_limit }}.\"", 1), encoding="utf-8")
    # The Spanish page's summary, rendered in the Spanish build
    result = run_build(project_copy, tmp_path / "site", only_lang="es")
    assert result.returncode != 0
    assert f"docs/es/hogar/aguinaldo.md:{line}: unknown fact 'aguinaldo.fecha_limit'" in result.stdout + result.stderr


def test_codes_made_ahead_are_the_same_and_are_used():
    url = "https://example.org/en/hogar/aguinaldo/"
    made = print_sheets.qr_codes([url])
    assert print_sheets.qr_svg(url) == made[url].replace("<svg ", '<svg aria-hidden="true" ', 1)
    print_sheets.remember_qr_codes({"https://example.org/made-ahead/": "<svg class=\"dc-qr\"></svg>"})
    assert print_sheets.qr_svg("https://example.org/made-ahead/") == '<svg aria-hidden="true" class="dc-qr"></svg>'
