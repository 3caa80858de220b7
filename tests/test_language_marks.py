"""The lang marks on other languages' pages (build_tools/i18n/language_marks.py),
the sweep that finds text without them (tests/language_sweep.py), and the
marks facts carry when they render in another language than the page's."""

import datetime as dt
from pathlib import Path

import pytest

from build_tools.facts import load_facts
from build_tools.facts.rendering import RenderContext, format_date_for, format_plain, render_inline, render_schedule, render_table
from build_tools.i18n.language_marks import KnownText, has_letters, mark_fallback_text
from build_tools.i18n.languages import babel_locale
from build_tools.i18n.locales import load_catalogs
from language_sweep import unmarked_text
from project import AS_OF, LANGUAGES, PREFIXES, ROOT, SOURCE_LANG

NOTHING = KnownText.of([])


def page(body: str, lang: str = "nah") -> str:
    return f'<!doctype html>\n<html lang="{lang}">\n<head><title>Título</title></head>\n<body>{body}</body>\n</html>\n'


def mark(body: str, known=NOTHING) -> str:
    """The marked body of a Nahuatl page."""
    marked = mark_fallback_text(page(body), "nah", "es", known)
    return marked[marked.index("<body>") + 6 : marked.index("</body>")]


# -- The pass ---------------------------------------------------------------------


def test_unknown_text_is_wrapped_and_its_spaces_stay_outside():
    assert mark("<p>\n  Saltar a contenido\n</p>") == '<p>\n  <span lang="es">Saltar a contenido</span>\n</p>'
    assert mark("<p>Hola <b>mundo</b>.</p>") == '<p><span lang="es">Hola</span> <b><span lang="es">mundo</span></b>.</p>'


def test_text_without_letters_belongs_to_no_language():
    body = "<p>$315.04</p><p>800 717 2942</p><p>[1] &para; 19.6 %</p><p>http://127.0.0.1:8000/nah/</p><p>gob.mx/conasami</p>"
    assert mark(body) == body
    assert not has_letters("$315.04") and not has_letters("https://wa.me/?text=x") and has_letters("art. 87")
    # A bare host name, as a url fact shows it, is an address too; a sentence with a dot is not
    assert not has_letters("sinacol.veracruz.gob.mx") and has_letters("Ver. Xalapa") and has_letters("S.A.")


def test_known_strings_are_left_alone_whitespace_normalised():
    known = KnownText.of(["Tlen nochi", "Xochitl  {count}"])
    assert mark("<p>\n Tlen\n  nochi </p>", known) == "<p>\n Tlen\n  nochi </p>"
    # A template matches whatever stands in its placeholder, but not its words alone
    assert mark("<p>Xochitl 3</p><p>Xochitl tres</p>", known) == "<p>Xochitl 3</p><p>Xochitl tres</p>"
    assert mark("<p>Xochitl</p>", known) == '<p><span lang="es">Xochitl</span></p>'
    assert "Xochitl 3" in known and "Xochitl" not in known and "Xochitl 3 y más" in known


def test_known_text_from_a_catalog_holds_only_real_translations(tmp_path):
    (tmp_path / "es.yml").write_text("theme:\n  search.placeholder: Búsqueda\nsite:\n  a: Hola {name}\n  b: Adiós\n", encoding="utf-8")
    (tmp_path / "nah.yml").write_text("theme:\nsite:\n  a: Niltze {name}\n", encoding="utf-8")
    known = KnownText.from_catalog(load_catalogs(tmp_path, ["es", "nah"], "es")["nah"], extra=["Náhuatl"])
    assert "Niltze Xochitl" in known and "Náhuatl" in known
    assert "Adiós" not in known and "Búsqueda" not in known and "nah" not in known


def test_strings_of_a_fallback_language_are_marked_with_it(tmp_path):
    (tmp_path / "es.yml").write_text("theme:\n  search.placeholder: Búsqueda\nsite:\n  a: Hola\n  b: Adiós\n", encoding="utf-8")
    (tmp_path / "nah.yml").write_text('theme:\n  search.placeholder: "Tlatemoliztli"\nsite:\n  a: Niltze\n', encoding="utf-8")
    (tmp_path / "nhe.yml").write_text("site:\n  b: Nhe-prueba\n", encoding="utf-8")
    catalog = load_catalogs(tmp_path, ["es", "nah", "nhe"], "es", fallbacks={"nhe": ["nah"]})["nhe"]
    known = KnownText.from_catalog(catalog, others={"nah": ["Quezqui"]})
    assert "Nhe-prueba" in known and known.other_language("Niltze") == "nah" and known.other_language("Quezqui") == "nah"
    marked = mark_fallback_text(
        '<body><p>Nhe-prueba</p><p>Niltze</p><p>Hola</p><input placeholder="Tlatemoliztli">'
        '<nav aria-label="Tlatemoliztli"><a>Quezqui</a> <a>Nhe-prueba</a> <a>Hola</a></nav></body>',
        "nhe", "es", known,
    )
    assert marked == (
        '<body><p>Nhe-prueba</p><p><span lang="nah">Niltze</span></p><p><span lang="es">Hola</span></p>'
        '<input placeholder="Tlatemoliztli" lang="nah">'
        '<nav aria-label="Tlatemoliztli" lang="nah"><a>Quezqui</a> <a><span lang="nhe">Nhe-prueba</span></a> <a><span lang="es">Hola</span></a></nav></body>'
    )


def test_explicit_lang_is_trusted_down_to_the_next_one():
    body = '<div lang="es"><p>Texto</p><p lang="en">Text <b>bold</b><span lang="nah">Tlen</span></p></div><a lang="nah">Náhuatl</a>'
    assert mark(body) == body


def test_unknown_attribute_marks_its_element_and_known_text_inside_keeps_the_page_language():
    known = KnownText.of(["Tlen nochi"])
    assert mark('<nav aria-label="Navegación"><a>Tlen nochi</a> <a>Ayuda</a></nav>', known) == (
        '<nav aria-label="Navegación" lang="es"><a><span lang="nah">Tlen nochi</span></a> <a>Ayuda</a></nav>'
    )
    assert mark('<input placeholder="Búsqueda" required>') == '<input placeholder="Búsqueda" required lang="es">'
    assert mark('<img src="a.png" alt="Una foto"/>') == '<img src="a.png" alt="Una foto" lang="es"/>'
    # Known or neutral attributes change nothing; the tag keeps its own spacing
    assert mark('<a title="Tlen nochi" aria-label="[1]">1</a>', known) == '<a title="Tlen nochi" aria-label="[1]">1</a>'
    assert mark('<nav aria-label="Pie" >x</nav>') == '<nav aria-label="Pie" lang="es" >x</nav>'


def test_where_html_allows_no_span_the_element_gets_the_attribute():
    assert mark("<select><option>Uno</option><option>2</option></select>") == (
        '<select><option lang="es">Uno</option><option>2</option></select>'
    )
    assert mark("<textarea>Escribe aquí</textarea>") == '<textarea lang="es">Escribe aquí</textarea>'
    assert mark("<table><tr><td>Días</td></tr></table>") == '<table><tr><td><span lang="es">Días</span></td></tr></table>'


def test_marks_land_in_place_whatever_order_they_are_found_in():
    # The option's mark is found after the paragraph before it was wrapped;
    # a self-closing tag keeps its "/>", with the mark before it
    body = '<p>Uno</p><select><option>Dos</option></select><img alt="Foto" /><p>Tres</p>'
    assert mark(body) == (
        '<p><span lang="es">Uno</span></p><select><option lang="es">Dos</option></select>'
        '<img alt="Foto" lang="es" /><p><span lang="es">Tres</span></p>'
    )


def test_spaces_alone_in_a_textarea_or_title_are_kept():
    # A textarea's text is its starting value, spaces included
    assert mark("<textarea>\n  </textarea><p>Hola</p>") == '<textarea>\n  </textarea><p><span lang="es">Hola</span></p>'
    assert mark("<title> </title>") == "<title> </title>"


def test_scripts_styles_svg_and_code_are_left_alone():
    body = (
        '<script>var s = "</p> Hola <b>";</script><style>p::after{content:"Hola"}</style>'
        '<svg viewBox="0 0 1 1"><title>Icono</title><g><text>Hola</text></g></svg>'
        "<pre><code>mkdocs build --strict</code></pre><p><code>salario_minimo</code></p>"
        "<template><p>Plantilla</p></template>"
    )
    assert mark(body) == body


def test_what_follows_a_stretch_copied_whole_is_read_from_its_end():
    # Read from inside the script, "<!--" would start a comment running to the
    # end: the text after the script would never be marked
    body = '<script>var c = "<!--";</script><p>Hola</p><!-- fin -->'
    assert mark(body) == '<script>var c = "<!--";</script><p><span lang="es">Hola</span></p><!-- fin -->'
    body = '<div lang="es"><p title="x>">Texto</p></div><p>Adiós</p><code>a<b</code><p>Sí</p>'
    assert mark(body) == (
        '<div lang="es"><p title="x>">Texto</p></div><p><span lang="es">Adiós</span></p>'
        '<code>a<b</code><p><span lang="es">Sí</span></p>'
    )


def test_attributes_are_found_by_name_wherever_a_name_can_start():
    # No space before the name, upper case, no quotes, no value: still attributes
    assert mark('<a class="x"title="Menú">1</a>') == '<a class="x"title="Menú" lang="es">1</a>'
    assert mark("<a TITLE=Menú>1</a>") == '<a TITLE=Menú lang="es">1</a>'
    assert mark("<p lang>Hola</p>") == "<p lang>Hola</p>"
    # Words inside another attribute's name or value are not those attributes
    body = '<a class="md-nav__title" data-title="Menú" data-lang="es">1</a>'
    assert mark(body) == body

def test_nothing_to_mark_returns_the_same_bytes():
    text = page('<p lang="es">Hola</p>\n<p>123</p><!-- comentario -->')
    assert mark_fallback_text(text, "nah", "es", NOTHING) is text
    # The head is not the page's text: its title stays as it is
    assert "<title>Título</title>" in mark_fallback_text(page("<p>Hola</p>"), "nah", "es", NOTHING)


def test_marking_twice_is_marking_once():
    known = KnownText.of(["Tlen nochi"])
    once = mark_fallback_text(REAL_PAGE, "nah", "es", known)
    assert once != REAL_PAGE
    assert mark_fallback_text(once, "nah", "es", known) == once
    odd = page('<nav title="Menú"><b>Tlen nochi</b></nav><select><option>Uno</option></select>')
    once = mark_fallback_text(odd, "nah", "es", known)
    assert mark_fallback_text(once, "nah", "es", known) == once


def test_a_real_page_has_no_unmarked_spanish_and_nothing_else_changes():
    marked = mark_fallback_text(REAL_PAGE, "nah", "es", NOTHING)
    assert unmarked_text(REAL_PAGE, "nah", []) != []
    assert unmarked_text(marked, "nah", []) == []
    assert '<span lang="es">Saltar a contenido</span>' in marked
    assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="Buscar" lang="es">' in marked
    assert '<nav class="md-footer__inner md-grid" aria-label="Pie" lang="es" >' in marked
    # The fallback text was marked already; the address is no language's
    start = REAL_PAGE.index('<div lang="es">')
    assert REAL_PAGE[start : REAL_PAGE.index("</div>\n<aside")] in marked
    assert "<strong>http://127.0.0.1:8000/nah/hogar/aguinaldo/</strong>" in marked
    # Taking the marks out gives the page back
    assert marked.replace('<span lang="es">', "").replace("</span>", "").replace(' lang="es"', "") == (
        REAL_PAGE.replace("</span>", "").replace(' lang="es"', "")
    )


def test_the_page_language_of_english_pages_works_the_same():
    text = '<html lang="en"><body><p>Rights</p><p>Derechos</p><div lang="en"><p>Body</p></div></body></html>'
    marked = mark_fallback_text(text, "en", "es", KnownText.of(["Rights"]))
    assert marked == '<html lang="en"><body><p>Rights</p><p><span lang="es">Derechos</span></p><div lang="en"><p>Body</p></div></body></html>'


# -- The sweep --------------------------------------------------------------------


def test_sweep_finds_text_and_visible_attributes_in_the_page_language():
    html = page(
        '<nav aria-label="Navegación"><a title="Inicio" data-x="Datos">Ayuda</a></nav>'
        '<input placeholder="Búsqueda"><img alt="Foto"><p>\n  Hola\n  mundo </p><p>42 $3.50</p>'
    )
    assert unmarked_text(html, "nah", []) == ["Navegación", "Inicio", "Ayuda", "Búsqueda", "Foto", "Hola mundo"]


def test_sweep_follows_the_nearest_lang_and_skips_code_and_scripts():
    html = page(
        '<div lang="es"><p>Hola <span lang="nah">Niltze</span></p></div>'
        "<script>var a = 'Hola';</script><style>p{}</style><svg><text>Hola</text></svg>"
        "<pre>Hola</pre><code>Hola</code><template>Hola</template><p>Adiós</p>"
    )
    assert unmarked_text(html, "nah", []) == ["Niltze", "Adiós"]
    assert unmarked_text(html, "nah", ["Niltze", "  Adiós "]) == []
    assert unmarked_text(page("<p>Xochitl 3</p>"), "nah", ["Xochitl {count}"]) == []


def test_sweep_reads_only_the_body():
    assert unmarked_text(page("<p>123</p>"), "nah", []) == []


# -- Facts in another language than the page's ------------------------------------

FACTS = load_facts(ROOT / "facts", ROOT)
CATALOGS = load_catalogs(ROOT / "locales", ["es", "en", "nah"], "es", ROOT)
FORMATS = {"es": "es_MX", "en": "en_US", "nah": None}


def context(lang):
    return RenderContext(lang, babel_locale(lang, FORMATS[lang]), CATALOGS[lang], AS_OF)


def test_spanish_units_and_dates_in_a_nahuatl_page_are_marked():
    ctx = context("nah")
    assert '<span lang="es">15 días</span>' in render_inline(FACTS["aguinaldo.dias"], ctx)
    assert '<span lang="es">$315.04 al día</span>' in render_inline(FACTS["salario_minimo.general"], ctx)
    assert '<span lang="es">1 de enero de 2026</span>' in render_inline(FACTS["salario_minimo.general"], ctx, "since")
    # The sentence is Spanish as a whole: its pieces need no marks of their own
    assert '<span lang="es">A partir del 1 de enero de 2027: 46 horas.</span>' in render_inline(
        FACTS["jornada.horas_semanales_maximas"], ctx, "next"
    )
    schedule = render_schedule(FACTS["salario_minimo.general"], ctx)
    assert '<th scope="col"><span lang="es">Desde</span></th>' in schedule
    assert '<td><span lang="es">1 de enero de 2026</span></td><td><span lang="es">$315.04 al día</span></td>' in schedule
    assert '<th scope="col"><span lang="es">Años de servicio</span></th>' in render_table(FACTS["vacaciones.por_antiguedad"], ctx)
    assert 'title="Fundamento legal: Ley Federal del Trabajo, art. 87" lang="es">' in render_inline(FACTS["aguinaldo.dias"], ctx)


def test_a_translated_unit_with_a_spanish_date_marks_only_the_date(tmp_path):
    catalog = CATALOGS["nah"]
    translated = {**catalog.translated, "site": catalog.translated["site"] | {"fact.next_change", "unit.hours.other"}}
    strings = {**catalog.strings, "site": {**catalog.strings["site"], "fact.next_change": "Ipan {date}: {value}.", "unit.hours.other": "{n} hora"}}
    ctx = RenderContext("nah", babel_locale("nah"), type(catalog)("nah", "es", strings, translated), AS_OF)
    html = render_inline(FACTS["jornada.horas_semanales_maximas"], ctx, "next")
    assert 'Ipan <span lang="es">1 de enero de 2027</span>: 46 hora.' in html


def test_spanish_and_english_facts_carry_no_marks_and_plain_text_stays_plain():
    for lang in ("es", "en"):
        ctx = context(lang)
        for fact_id, mode in (("aguinaldo.dias", "value"), ("salario_minimo.general", "since"), ("jornada.horas_semanales_maximas", "next")):
            assert "lang=" not in render_inline(FACTS[fact_id], ctx, mode)
    ctx = context("nah")
    assert format_plain(FACTS["aguinaldo.dias"], 15, ctx) == "15 días"
    assert format_date_for(dt.date(2026, 1, 1), ctx) == "1 de enero de 2026"


# -- The built site ---------------------------------------------------------------


def test_nah_pages_have_no_unmarked_spanish(built_site):
    from build_tools.pipeline.site import i18n_plugin
    from mkdocs.config import load_config

    i18n = i18n_plugin(load_config(str(ROOT / "mkdocs.yml")))
    catalogs = load_catalogs(ROOT / "locales", [tag for tag, _ in LANGUAGES], SOURCE_LANG, ROOT)
    found = {}
    for lang in ("nah", "tzo", "mix"):
        # The language's own name in the language switcher is marked with its tag
        known = KnownText.from_catalog(catalogs[lang], extra=[i18n.get_language_config(lang).name])
        pages = sorted(Path(built_site, PREFIXES[lang]).rglob("*.html"))
        assert pages, f"no pages built for {lang}"
        for path in pages:
            if unmarked := unmarked_text(path.read_text(encoding="utf-8"), lang, known):
                found[str(path.relative_to(built_site))] = unmarked[:5]
    assert not found, found


# A trimmed Nahuatl page of the quick build (hogar/aguinaldo, 2026-11-21): Material's
# skip link, search form and footer, the fallback notice and text, the print footer.
REAL_PAGE = """<!doctype html>
<html lang="nah" class="no-js">
<head><title>El aguinaldo - Derechos Claros</title></head>
<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="teal" data-md-color-accent="deep-orange">
<div data-md-component="skip">
        <a href="#el-aguinaldo" class="md-skip">
          Saltar a contenido
        </a>
    </div>
<div class="md-search" data-md-component="search" role="dialog" aria-label="Buscar">
  <label class="md-search__overlay" for="__search"></label>
  <div class="md-search__inner" role="search">
    <form class="md-search__form" name="search">
      <input type="text" class="md-search__input" name="query" aria-label="Búsqueda" placeholder="Búsqueda" autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" data-md-component="search-query" required>
      <label class="md-search__icon md-icon" for="__search">
        <svg aria-hidden="true" viewBox="0 0 33 33" class="dc-qr"><path stroke="#000" d="M2 2.5h7"/></svg>
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z"/></svg>
      </label>
      <nav class="md-search__options" aria-label="Buscar">
        <button type="reset" class="md-search__icon md-icon" title="Limpiar" aria-label="Limpiar" tabindex="-1">
          <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z"/></svg>
        </button>
      </nav>
    </form>
  </div>
</div>
<div class="admonition info dc-notice dc-notice--fallback" role="note" data-search-exclude><p class="admonition-title" lang="es">Esta página todavía no está traducida</p><p lang="es">Aún no hay versión en Náhuatl. Te mostramos el texto en español.</p></div><div lang="es"><h1 id="el-aguinaldo">El aguinaldo<a class="headerlink" href="#el-aguinaldo" title="Permanent link">&para;</a></h1><div class="dc-tools" data-dc-share data-url="http://127.0.0.1:8000/nah/hogar/aguinaldo/" data-title="El aguinaldo"
     data-copied="Enlace copiado. Ya lo puedes pegar en un mensaje." data-copy-failed="No se pudo copiar. Copia esta dirección:">
  <button type="button" class="md-button dc-tools__button dc-share__native" hidden>Compartir</button>
  <a class="md-button dc-tools__button dc-share__whatsapp" href="https://wa.me/?text=El%20aguinaldo%20http%3A%2F%2F127.0.0.1%3A8000%2Fnah%2Fhogar%2Faguinaldo%2F" rel="noopener noreferrer">Enviar por WhatsApp</a>
  <button type="button" class="md-button dc-tools__button dc-share__copy" hidden>Copiar enlace</button>
  <a class="md-button dc-tools__button dc-tools__summary" href="resumen/">Imprimir resumen</a>
  <p class="dc-share__status" role="status"></p>
</div>
<p>El <strong>aguinaldo</strong> es un pago extra que recibes cada año, al final del año. Es tu derecho, no un regalo.</p>
<h3 id="cuanto">¿Cuánto me toca?<a class="headerlink" href="#cuanto" title="Permanent link">&para;</a></h3>
<p>Te toca, por lo menos, el salario de <span class="dc-fact" data-fact="aguinaldo.dias">15 días<sup class="dc-fact__ref"><a href="#dc-fact-aguinaldo-dias" title="Fundamento legal: Ley Federal del Trabajo, art. 87">[1]</a></sup></span>.</p>
</div>
<aside class="dc-print">
  <svg aria-hidden="true" viewBox="0 0 33 33" class="dc-qr"><path stroke="#000" d="M2 2.5h7"/></svg>
  <div>
    <p>Lee esta página completa y actualizada en:<br><strong>http://127.0.0.1:8000/nah/hogar/aguinaldo/</strong></p>
    <p>Datos vigentes al 21 de noviembre de 2026.</p>
  </div>
</aside>
<footer class="md-footer">
      <nav class="md-footer__inner md-grid" aria-label="Pie" >
          <a href="../adolescentes/" class="md-footer__link md-footer__link--prev" aria-label="Anterior: Adolescentes en el trabajo del hogar">
            <div class="md-footer__button md-icon">
              <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z"/></svg>
            </div>
            <div class="md-footer__title">
              <span class="md-footer__direction">
                Anterior
              </span>
              <div class="md-ellipsis">
                Adolescentes en el trabajo del hogar
              </div>
            </div>
          </a>
          <a href="../contrato/" class="md-footer__link md-footer__link--next" aria-label="Siguiente: El contrato por escrito">
            <div class="md-footer__title">
              <span class="md-footer__direction">
                Siguiente
              </span>
              <div class="md-ellipsis">
                El contrato por escrito
              </div>
            </div>
            <div class="md-footer__button md-icon">
              <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M4 11v2h12l-5.5 5.5 1.42 1.42L19.84 12l-7.92-7.92L10.5 5.5 16 11z"/></svg>
            </div>
          </a>
      </nav>
  <div class="md-footer-meta md-typeset">
    <div class="md-footer-meta__inner md-grid">
      <div class="md-copyright">
</div>
    </div>
  </div>
</footer>
</body>
</html>
"""
