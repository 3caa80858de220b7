import datetime as dt

import markdown
import pytest

from build_tools.checks.pages import check_page
from build_tools.errors import ContentError
from build_tools.facts import LegalBasis, load_facts
from build_tools.facts.markdown_extension import Document, FactsExtension, find_references
from build_tools.facts.rendering import _citation, RenderContext, render_page_footer, render_sources
from build_tools.i18n.languages import babel_locale
from build_tools.i18n.locales import load_catalogs
from project import AS_OF, ROOT

FACTS = load_facts(ROOT / "facts", ROOT)
CATALOGS = load_catalogs(ROOT / "locales", ["es", "en", "nah"], "es", ROOT)
FORMATS = {"es": "es_MX", "en": "en_US", "nah": None}


def context(lang="es", as_of=AS_OF):
    return RenderContext(lang, babel_locale(lang, FORMATS[lang]), CATALOGS[lang], as_of)


def render(text, lang="es", as_of=AS_OF, offset=0, facts=FACTS):
    document = Document("docs/es/page.md", offset, context(lang, as_of))
    md = markdown.Markdown(extensions=[FactsExtension(facts=facts, document=lambda: document), "attr_list"])
    html = md.convert(text)
    return html, md.fact_context


def test_money_is_formatted_per_language():
    es, _ = render("{{ salario_minimo.general }}", "es")
    en, _ = render("{{ salario_minimo.general }}", "en")
    assert "$315.04 al día" in es
    assert "MX$315.04 a day" in en


def test_dates_follow_the_language_and_nah_uses_the_fallback_locale():
    assert "1 de enero de 2026" in render("{{ salario_minimo.general | since }}", "es")[0]
    assert "January 1, 2026" in render("{{ salario_minimo.general | since }}", "en")[0]
    # Babel has no Nahuatl data: es-MX formats, Spanish strings fill in
    assert "$315.04 al día" in render("{{ salario_minimo.general }}", "nah")[0]


def test_as_of_selects_the_value_in_force():
    assert "$278.80" in render("{{ salario_minimo.general }}", as_of=dt.date(2025, 6, 1))[0]
    assert "$315.04" in render("{{ salario_minimo.general }}", as_of=dt.date(2026, 6, 1))[0]


def test_next_scheduled_change_and_none_when_there_is_none():
    html, _ = render("{{ jornada.horas_semanales_maximas | next }}", as_of=AS_OF)
    assert "A partir del 1 de enero de 2027: 46 horas." in html
    html, _ = render("X{{ jornada.horas_semanales_maximas | next }}Y", as_of=dt.date(2031, 1, 1))
    assert "<p>XY</p>" in html


def test_next_skips_a_year_that_keeps_the_same_figure():
    # Overtime stays at 9 hours in 2026 and 2027 (transitional art. Cuarto): the next change is 2028
    html, _ = render("{{ jornada.horas_extra_semanales_maximas | next }}", as_of=AS_OF)
    assert "A partir del 1 de enero de 2028: 10 horas." in html
    assert "2027" not in html


def test_percent_keeps_its_decimals(tmp_path):
    (tmp_path / "f.yml").write_text(
        "p:\n  type: percent\n  legal_basis: [{law: LFT, article: '1'}]\n"
        "  sources: [{title: T, url: 'https://example.org'}]\n"
        "  last_verified: 2026-11-01\n  confidence: high\n  value: 19.6\n",
        encoding="utf-8",
    )
    facts = load_facts(tmp_path)
    assert "19.6%" in render("{{ p }}", "en", facts=facts)[0]
    assert "25%" in render("{{ vacaciones.prima }}", "en")[0]


def test_units_use_plural_rules():
    assert "1 año" in render("{{ prescripcion.general }}")[0]
    assert "15 días" in render("{{ aguinaldo.dias }}")[0]
    assert "15 days" in render("{{ aguinaldo.dias }}", "en")[0]


def test_phone_becomes_a_tel_link():
    html, _ = render("{{ profedet.telefono }}")
    assert '<a class="dc-fact__tel" href="tel:+528007172942">800 717 2942</a>' in html


def test_every_rendered_fact_links_to_its_source_and_legal_basis():
    html, ctx = render("{{ aguinaldo.dias }} y {{ salario_minimo.general }}")
    assert 'href="#dc-fact-aguinaldo-dias"' in html
    assert "Ley Federal del Trabajo, art. 87" in html
    sources = render_sources(ctx)
    assert 'id="dc-fact-aguinaldo-dias"' in sources
    assert "https://imcp.org.mx/" in sources
    assert 'rel="noopener noreferrer"' in sources
    assert "Vigente desde el 1 de enero de 2026" in sources


def test_unverified_fact_shows_to_be_confirmed(tmp_path):
    (tmp_path / "f.yml").write_text(
        "x:\n  type: days\n  legal_basis: [{law: LFT, article: '1'}]\n"
        "  sources: [{title: T, url: 'https://example.org'}]\n"
        "  last_verified: 2026-11-01\n  confidence: unverified\n  value: 3\n",
        encoding="utf-8",
    )
    facts = load_facts(tmp_path)
    assert "(por confirmar)" in render("{{ x }}", facts=facts)[0]
    assert "(to be confirmed)" in render("{{ x }}", "en", facts=facts)[0]


def test_expired_fact_is_marked():
    html, _ = render("{{ vacaciones.prima }} {{ salario_minimo.general }}", as_of=dt.date(2024, 6, 1))
    assert "sin dato vigente" in html


def test_table_fact_renders_translated_headings():
    html, _ = render("Intro\n\n{{ vacaciones.por_antiguedad }}\n", "en")
    assert "<th scope=\"col\">Years of service</th>" in html
    assert "<td>6–10</td><td>22</td>" in html
    assert "<p><table" not in html


def test_table_text_cells_may_be_translated(tmp_path):
    (tmp_path / "f.yml").write_text(
        "t:\n  type: table\n  columns: [{key: rest_day, type: text}]\n"
        "  legal_basis: [{law: LFT, article: '74'}]\n"
        "  sources: [{title: T, url: 'https://example.org'}]\n"
        "  last_verified: 2026-11-01\n  confidence: high\n"
        "  value:\n    - {rest_day: {es: '1 de mayo', en: 'May 1'}}\n    - {rest_day: {es: '25 de diciembre'}}\n",
        encoding="utf-8",
    )
    facts = load_facts(tmp_path)
    es = render("{{ t }}\n", "es", facts=facts)[0]
    en = render("{{ t }}\n", "en", facts=facts)[0]
    assert "<td>1 de mayo</td>" in es
    assert "<td>May 1</td>" in en
    # A cell with no English words shows the Spanish ones, marked as Spanish
    assert '<td><span lang="es">25 de diciembre</span></td>' in en
    # Words are no figures a writer could type by hand
    from build_tools.facts import value_texts
    assert value_texts(facts["t"]) == set()


def test_table_fact_inside_a_sentence_is_an_error():
    with pytest.raises(ContentError) as error:
        render("See {{ vacaciones.por_antiguedad }} here")
    assert "alone on its own line" in str(error.value)


def test_schedule_renders_every_dated_value_as_a_table():
    html, _ = render("{{ jornada.horas_semanales_maximas | schedule }}", "en", as_of=dt.date(2027, 6, 1))
    assert "<th scope=\"col\">From</th>" in html
    assert '<tr class="dc-fact__current"><td>January 1, 2027</td><td>46 hours</td></tr>' in html
    assert "<td>January 1, 2030</td><td>40 hours</td>" in html
    with pytest.raises(ContentError, match="needs a fact whose values all have"):
        render("{{ aguinaldo.dias | schedule }}")


def test_unknown_fact_names_file_and_line_with_front_matter_offset():
    with pytest.raises(ContentError) as error:
        render("# T\n\nGanas {{ salario_minimo.generl }}.\n", offset=4)
    message = str(error.value)
    assert message.startswith("docs/es/page.md:7:")
    assert "Did you mean 'salario_minimo.general'" in message


def test_unknown_option_and_malformed_reference_are_errors():
    with pytest.raises(ContentError, match=r"unknown option '\| later'"):
        render("{{ aguinaldo.dias | later }}")
    with pytest.raises(ContentError, match="not a fact reference"):
        render("{{ aguinaldo dias }}")


# A fact renders to HTML with links of its own: inside a link, an image's
# description or a tag, that made a link inside a link or markup inside an
# attribute ('<a href="<span ...') without a word
@pytest.mark.parametrize("line, where", [
    ("Ver [los {{ aguinaldo.dias }} de aguinaldo](aguinaldo.md).", "in a link's text"),
    ("Llama al [número]({{ profedet.telefono }}).", "part of a link's address"),
    ('Ver [la guía](aguinaldo.md "{{ aguinaldo.dias }}").', "part of a link's address"),
    ("Ver [la guía][g].", None),
    ("[^1]: Son {{ aguinaldo.dias }}.", None),  # a footnote's text, where footnotes are on
    ("[g]: https://www.gob.mx/{{ aguinaldo.dias }}", "part of a link's address"),
    ("<https://www.gob.mx/{{ aguinaldo.dias }}>", "part of a link's address"),
    ("![Recibo de {{ aguinaldo.dias }}](recibo.png)", "in an image's description"),
    ('<span title="{{ aguinaldo.dias }}">días</span>', "inside an HTML tag"),
])
def test_a_fact_where_its_html_cannot_go_is_an_error_on_its_line(line, where):
    text = f"# T\n\nTexto.\n\n{line}\n"
    if where is None:
        render(text)
        return
    with pytest.raises(ContentError) as error:
        render(text, offset=3)
    assert str(error.value).startswith("docs/es/page.md:8: '{{ ")
    assert f"a fact cannot be {where}" in str(error.value)


def test_a_fact_next_to_a_link_in_markup_and_in_a_heading_renders():
    html, ctx = render(
        "## Días: {{ aguinaldo.dias }} { #dias }\n\n"
        "[El aguinaldo](aguinaldo.md): {{ aguinaldo.dias }}, *{{ aguinaldo.dias }}*\n\n"
        "<div markdown>{{ aguinaldo.dias }}</div>\n\n| a |\n|---|\n| {{ aguinaldo.dias }} |\n"
    )
    assert html.count("15 días") == 5
    assert "{{" not in html


def test_a_fact_in_the_title_or_description_is_an_error_on_its_line():
    """Both are shown as written (browser tab, share text, link previews)."""
    page = '---\ntitle: "Tus {{ aguinaldo.dias }}"\ndescription: Son {{ aguinaldo.dias }}.\nsummary:\n  - "Son {{ aguinaldo.dias }}."\n---\n\n# Aguinaldo\n\nSon {{ aguinaldo.dias }}.\n'
    problems = check_page(page, "docs/es/x.md")
    assert [(p.line, p.message.split(",")[0]) for p in problems] == [
        (2, "the title is shown as it is written"), (3, "the description is shown as it is written"),
    ]


def test_references_in_code_blocks_are_left_alone():
    html, ctx = render("```\n{{ no.such.fact }}\n```\n")
    assert "{{ no.such.fact }}" in html
    assert ctx.used == []


def test_references_in_inline_code_are_left_alone():
    html, ctx = render("Escribe `{{ aguinaldo.dias }}` para {{ aguinaldo.dias }}.")
    assert "<code>{{ aguinaldo.dias }}</code>" in html
    assert "15 días" in html


def test_find_references_reports_lines():
    refs = list(find_references(["a", "{{ x.y }} and {{ z | next }}", "```", "{{ q }}", "```"]))
    assert [(r.line, r.fact_id, r.mode) for r in refs] == [(2, "x.y", "value"), (2, "z", "next")]


def test_legal_basis_that_is_not_an_article_number_is_not_called_an_article():
    # A decree's transitional article is named as it is, not as "art. Segundo…"
    html, _ = render("{{ jornada.horas_semanales_maximas }}")
    assert "Ley Federal del Trabajo, Segundo transitorio (DOF 01-05-2026)" in html
    assert "art. Segundo" not in html
    assert "Ley Federal del Trabajo, art. 59" in html


QUOTED = """\
aguinaldo:
  type: days
  legal_basis:
    - law: Ley Federal del Trabajo
      article: "87"
      quote: >-
        Los trabajadores tendrán derecho a un aguinaldo anual
        que deberá pagarse antes del día veinte de diciembre <b>& "más"</b>
    - law: Ley del Seguro Social
      article: "5 A fr. XIX"
  sources: [{title: T, url: 'https://example.org'}]
  last_verified: 2026-11-01
  confidence: high
  value: 15
"""


def quoted_sources(tmp_path, lang):
    (tmp_path / "f.yml").write_text(QUOTED, encoding="utf-8")
    _, ctx = render("{{ aguinaldo }}", lang, facts=load_facts(tmp_path))
    return render_sources(ctx)


def test_a_quoted_legal_basis_shows_the_law_s_words_in_spanish(tmp_path):
    sources = quoted_sources(tmp_path, "es")
    assert (
        '<figure class="dc-quote"><figcaption><span class="dc-quote__label" lang="es">Lo que dice la ley</span>: '
        '<cite lang="es">Ley Federal del Trabajo, artículo 87</cite></figcaption>'
        '<blockquote lang="es"><p>Los trabajadores tendrán derecho a un aguinaldo anual que deberá pagarse '
        "antes del día veinte de diciembre &lt;b&gt;&amp; &quot;más&quot;&lt;/b&gt;</p></blockquote></figure>"
    ) in sources
    # Only the basis with a quote gets one, under the legal basis it belongs to
    assert sources.count("<figure") == 1
    assert sources.index("Fundamento legal") < sources.index("<figure") < sources.index("Fuente:")


def test_the_quote_label_is_translated_and_the_law_stays_spanish(tmp_path):
    sources = quoted_sources(tmp_path, "en")
    assert '<span class="dc-quote__label" lang="en">What the law says</span>' in sources
    assert '<cite lang="es">Ley Federal del Trabajo, artículo 87</cite>' in sources
    assert '<blockquote lang="es"><p>Los trabajadores' in sources


def test_an_untranslated_quote_label_falls_back_to_spanish_marked_as_spanish(tmp_path):
    assert "fact.quote.title" not in CATALOGS["nah"].translated["site"]
    sources = quoted_sources(tmp_path, "nah")
    assert '<span class="dc-quote__label" lang="es">Lo que dice la ley</span>' in sources
    assert '<blockquote lang="es">' in sources


def test_citations_of_several_articles_and_of_transitional_articles():
    lft = "Ley Federal del Trabajo"
    assert _citation(LegalBasis(lft, "279 Bis y 280", "x")) == "Ley Federal del Trabajo, artículos 279 Bis y 280"
    assert _citation(LegalBasis(lft, "684-B a 684-E", "x")) == "Ley Federal del Trabajo, artículos 684-B a 684-E"
    assert _citation(LegalBasis(lft, "170 fr. II Bis", "x")) == "Ley Federal del Trabajo, artículo 170 fr. II Bis"
    assert _citation(LegalBasis(lft, "Cuarto transitorio, DOF 01-05-2026", "x")) == (
        "Ley Federal del Trabajo, Cuarto transitorio, DOF 01-05-2026"
    )
    assert _citation(LegalBasis(lft, None, "x")) == "Ley Federal del Trabajo"


def test_each_document_reports_its_own_facts_on_its_markdown():
    documents = iter([Document("docs/es/a.md", 0, context()), Document("docs/es/b.md", 0, context())])
    extension = FactsExtension(facts=FACTS, document=lambda: next(documents))
    first = markdown.Markdown(extensions=[extension])
    first.convert("{{ aguinaldo.dias }} y {{ salario_minimo.general }}")
    second = markdown.Markdown(extensions=[extension])
    second.convert("{{ salario_minimo.general }}")
    assert [fact.id for fact in first.facts_used] == ["aguinaldo.dias", "salario_minimo.general"]
    assert [fact.id for fact in second.facts_used] == ["salario_minimo.general"]


def test_the_extension_loads_by_name_with_its_configuration():
    document = Document("docs/es/page.md", 0, context())
    md = markdown.Markdown(
        extensions=["build_tools.facts.markdown_extension"],
        extension_configs={"build_tools.facts.markdown_extension": {"facts": FACTS, "document": lambda: document}},
    )
    assert "15 días" in md.convert("{{ aguinaldo.dias }}")
    # Without a document (not a page of the site) references are left as written
    assert "{{ aguinaldo.dias }}" in markdown.Markdown(extensions=[FactsExtension(facts=FACTS)]).convert("{{ aguinaldo.dias }}")


def test_the_page_footer_checks_last_reviewed_and_laws():
    ctx = context()
    with pytest.raises(ContentError, match=r"^docs/es/x.md: 'last_reviewed' must be a date like 2026-11-21, not 'ayer'$"):
        render_page_footer(ctx, {"last_reviewed": "ayer"}, "docs/es/x.md")
    with pytest.raises(ContentError, match=r"^docs/es/x.md: 'laws' must be a list of law names$"):
        render_page_footer(ctx, {"laws": "Ley Federal del Trabajo"}, "docs/es/x.md")
    footer = render_page_footer(ctx, {"last_reviewed": dt.date(2026, 11, 21), "laws": ["Ley del Seguro Social"]}, "docs/es/x.md")
    assert footer.startswith('<p class="dc-review">') and "Ley del Seguro Social" in footer
    assert "dc-sources" not in footer  # no facts used, no list of sources
