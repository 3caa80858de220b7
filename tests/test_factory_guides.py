"""The factory guides on pay, working hours and profit sharing stay on the
site, in Spanish and English, linked from the factory index, and keep showing
the figures they exist to give (each one a fact in facts/)."""

import re

import pytest

from build_tools.facts import load_facts
from build_tools.facts.markdown_extension import find_references
from project import AS_OF, ROOT

DOCS = ROOT / "docs"
FACTS = load_facts(ROOT / "facts", ROOT)

# Each page and the facts it must show: if one disappears, a reader loses that figure
KEY_FACTS = {
    "fabrica/pago.md": {
        "salario_minimo.general", "salario_minimo.frontera", "salario.plazo_pago",
        "salario.ley_forma_pago", "salario.lugar_dia_pago", "salario.descuentos",
        "salario.deuda_maxima", "salario.descuento_deuda_maximo", "salario.ley_cuota_sindical",
        "salario.ley_prueba", "imss.aviso_plazo", "imss.ley_solicitud_trabajador", "imss.semanas_cotizadas",
        "aguinaldo.dias", "vacaciones.prima", "profedet.telefono", "prescripcion.general",
    },
    "fabrica/jornada.md": {
        "jornada.horas_semanales_maximas", "jornada.horas_diarias_diurna", "jornada.horas_diarias_nocturna",
        "jornada.horas_diarias_mixta", "jornada.horario_diurno", "jornada.horario_nocturno",
        "jornada.descanso_jornada_continua", "jornada.horas_extra_semanales_maximas",
        "jornada.horas_extra_diarias_maximas", "jornada.horas_extra_pago", "jornada.horas_extra_excedente_pago",
        "jornada.horas_diarias_totales_maximas", "jornada.ley_negarse", "jornada.dias_por_descanso",
        "jornada.prima_dominical", "jornada.dias_descanso_obligatorio", "profedet.telefono", "prescripcion.general",
    },
    "fabrica/ptu.md": {
        "ptu.porcentaje", "ptu.plazo_pago", "ptu.fecha_empresas", "ptu.reparto_partes", "ptu.eventuales_dias",
        "ptu.tope_meses", "ptu.tope_promedio_anos", "ptu.copia_declaracion_dias", "ptu.objeciones_dias",
        "ptu.ley_quien", "profedet.telefono", "prescripcion.general",
    },
}
# The weekly maximum changes every year: the page must show the whole schedule and the next step
SCHEDULES = {"fabrica/jornada.md": {("jornada.horas_semanales_maximas", "schedule"), ("jornada.horas_semanales_maximas", "next"),
                                    ("jornada.horas_extra_semanales_maximas", "schedule")}}
SECTIONS = ("derechos", "respetan", "que-hacer")
LANGS = ("es", "en")
CASES = [(page, lang) for page in KEY_FACTS for lang in LANGS]


def references(page: str, lang: str):
    return list(find_references((DOCS / lang / page).read_text(encoding="utf-8").splitlines()))


@pytest.mark.parametrize("page,lang", CASES)
def test_the_page_exists_with_its_three_questions(page, lang):
    text = (DOCS / lang / page).read_text(encoding="utf-8")
    ids = set(re.findall(r"^## .*\{#([\w-]+)\}\s*$", text, re.M))
    assert set(SECTIONS) <= ids, f"docs/{lang}/{page}: missing sections {set(SECTIONS) - ids}"


@pytest.mark.parametrize("page,lang", CASES)
def test_the_page_shows_its_key_facts(page, lang):
    shown = {ref.fact_id for ref in references(page, lang)}
    assert KEY_FACTS[page] - shown == set(), f"docs/{lang}/{page} no longer shows these facts"


@pytest.mark.parametrize("page,lang", CASES)
def test_the_yearly_schedules_are_shown(page, lang):
    shown = {(ref.fact_id, ref.mode) for ref in references(page, lang)}
    assert SCHEDULES.get(page, set()) - shown == set()


def test_the_key_facts_exist_with_a_value_in_force():
    for page, ids in KEY_FACTS.items():
        for fact_id in ids:
            assert fact_id in FACTS, f"{page}: fact '{fact_id}' is not in facts/"
            assert FACTS[fact_id].value_on(AS_OF) is not None, f"fact '{fact_id}' has no value on {AS_OF}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_factory_index_links_every_page(lang):
    index = (DOCS / lang / "fabrica" / "index.md").read_text(encoding="utf-8")
    for page in KEY_FACTS:
        assert f"]({page.removeprefix('fabrica/')})" in index, f"docs/{lang}/fabrica/index.md does not link {page}"


@pytest.mark.parametrize("page", KEY_FACTS)
def test_the_english_page_is_a_translation_of_the_spanish_one(page):
    text = (DOCS / "en" / page).read_text(encoding="utf-8")
    assert re.search(r"^translation:\s*$", text, re.M), f"docs/en/{page} has no translation block"
    assert "## What are my rights? {#derechos}" in text
