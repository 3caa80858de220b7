"""The factory guides on dismissal and on work accidents, and the union and
collective-contract lookup: their pages, sections and key facts stay in
Spanish and English, and the facts keep the figures the law gives."""

import re

import pytest

from build_tools import front_matter
from build_tools.facts import load_facts
from build_tools.facts.markdown_extension import find_references
from project import AS_OF, ROOT

DOCS = ROOT / "docs"
FACTS = load_facts(ROOT / "facts", ROOT)
LANGS = ("es", "en")

# page: (section ids, facts the page must show)
PAGES = {
    "fabrica/riesgos.md": (
        ("derechos", "que-es", "trayecto", "imss", "subsidio", "permanente", "sin-imss", "prevenir",
         "regresar", "respetan", "que-hacer", "enseguida", "anota", "enfermedad", "inconformidad",
         "plazo", "orientacion"),
        ("riesgos.definicion", "riesgos.trayecto", "riesgos.aviso_imss", "riesgos.formato_aviso",
         "riesgos.subsidio_porcentaje", "riesgos.pension_total_porcentaje", "riesgos.pension_parcial_porcentaje",
         "riesgos.indemnizacion_global_porcentaje", "riesgos.sin_imss", "riesgos.lft_prestaciones",
         "riesgos.prevencion", "riesgos.inconformidad", "prescripcion.riesgos_trabajo", "profedet.telefono"),
    ),
    "fabrica/despido.md": (
        ("derechos", "palabras", "aviso", "finiquito", "injustificado", "negativa", "prima-antiguedad",
         "renuncia", "por-su-culpa", "respetan", "revisar", "firmar", "que-hacer", "anota", "plazo",
         "conciliacion", "orientacion"),
        ("despido.aviso_escrito", "despido.eleccion_meses", "despido.reinstalacion",
         "despido.salarios_vencidos_meses", "despido.intereses_porcentaje", "despido.negativa_reinstalacion",
         "despido.negativa_meses", "despido.indemnizacion_dias_por_ano", "despido.prima_antiguedad_dias",
         "despido.prima_antiguedad_renuncia_anos", "despido.prima_antiguedad_tope", "despido.papeles_en_blanco",
         "prescripcion.despido", "prescripcion.general", "profedet.telefono"),
    ),
    "fabrica/sindicato.md": (
        ("buscar", "buscar-ley", "buscar-pasos"),
        ("cfcrl.registro_ley", "cfcrl.consulta_registros"),
    ),
}

# What a factory reader is sent to, in each guide
LINKS = {
    "fabrica/riesgos.md": ("../ayuda/estados.md", "../ayuda/index.md#profedet", "despido.md#plazo"),
    "fabrica/despido.md": ("../calculadoras/finiquito.md", "../ayuda/estados.md", "../ayuda/index.md#profedet"),
}

# The law's figures (LSS art. 58; LFT arts. 48, 49, 50, 162, 518, 519)
FIGURES = {
    "riesgos.subsidio_porcentaje": 100,
    "riesgos.pension_total_porcentaje": 70,
    "riesgos.pension_parcial_porcentaje": 50,
    "riesgos.indemnizacion_global_porcentaje": 25,
    "riesgos.indemnizacion_global_anos": 5,
    "prescripcion.riesgos_trabajo": 2,
    "prescripcion.despido": 2,
    "despido.eleccion_meses": 3,
    "despido.negativa_meses": 3,
    "despido.negativa_antiguedad_anos": 1,
    "despido.indemnizacion_dias_por_ano": 20,
    "despido.salarios_vencidos_meses": 12,
    "despido.prima_antiguedad_dias": 12,
    "despido.prima_antiguedad_renuncia_anos": 15,
}


def _text(lang, page):
    path = DOCS / lang / page
    assert path.is_file(), f"docs/{lang}/{page} is missing"
    return path.read_text(encoding="utf-8")


def _ids(text):
    return set(re.findall(r"^#{2,3} .*\{#([\w-]+)\}\s*$", text, re.MULTILINE))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_keeps_its_sections(lang, page):
    ids, _facts = PAGES[page]
    assert set(ids) - _ids(_text(lang, page)) == set()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_shows_its_key_facts(lang, page):
    _ids_, facts = PAGES[page]
    used = {ref.fact_id for ref in find_references(_text(lang, page).splitlines())}
    assert set(facts) - used == set()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", sorted(LINKS))
def test_guide_sends_readers_to_help_and_tools(lang, page):
    text = _text(lang, page)
    assert [link for link in LINKS[page] if f"]({link})" not in text] == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ["fabrica/riesgos.md", "fabrica/despido.md"])
def test_guide_has_summary_and_search_words(lang, page):
    meta = front_matter.split(_text(lang, page)).meta
    assert meta.get("title") and meta.get("description")
    assert 3 <= len(meta.get("summary") or []) <= 6
    assert meta.get("search_words")


def test_search_words_name_the_problem_as_readers_do():
    words = {
        lang: {
            word
            for page in ("fabrica/riesgos.md", "fabrica/despido.md")
            for word in front_matter.split(_text(lang, page)).meta["search_words"]
        }
        for lang in LANGS
    }
    for word in ("me corrieron", "me despidieron", "accidente", "me lastimé en el trabajo", "incapacidad"):
        assert word in words["es"]
    for word in ("fired", "laid off", "injured at work"):
        assert word in words["en"]


@pytest.mark.parametrize("lang", LANGS)
def test_factory_index_links_both_guides(lang):
    text = _text(lang, "fabrica/index.md")
    assert "](despido.md)" in text and "](riesgos.md)" in text


@pytest.mark.parametrize("fact_id", sorted(FIGURES))
def test_fact_keeps_the_figure_of_the_law(fact_id):
    assert FACTS[fact_id].value_on(AS_OF).value == FIGURES[fact_id]


def test_register_address_is_an_official_address_with_an_honest_confidence():
    fact = FACTS["cfcrl.consulta_registros"]
    dated = fact.value_on(AS_OF)
    assert fact.type == "url"
    assert dated.value.startswith("https://") and ".gob.mx" in dated.value
    # Only a state office gives this address: not high until the CFCRL confirms it
    assert dated.confidence != "high"
    assert dated.sources


@pytest.mark.parametrize("fact_id", ["riesgos.definicion", "riesgos.sin_imss", "riesgos.prevencion",
                                     "despido.negativa_reinstalacion", "despido.papeles_en_blanco",
                                     "cfcrl.registro_ley"])
def test_article_facts_quote_the_law(fact_id):
    assert FACTS[fact_id].legal_basis and all(basis.quote for basis in FACTS[fact_id].legal_basis)
