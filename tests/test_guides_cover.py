"""The domestic-work and farmwork guides answer the common questions: each
answer is a section (same id in Spanish and English) whose figures and
articles come from facts, each fact resting on the article that gives it.

Removing a section, or a fact it relies on, or the article a fact cites,
fails here with the page and the section named."""

import re

import pytest

from build_tools import front_matter
from build_tools.facts import load_facts
from build_tools.facts.markdown_extension import find_references
from project import ROOT

DOCS = ROOT / "docs"
FACTS = load_facts(ROOT / "facts", ROOT)

# (page, section id, facts the section must use, articles those facts must cite)
COVERED = [
    ("hogar/jornada.md", "obligatorios",
     {"jornada.dias_descanso_obligatorio", "jornada.descanso_obligatorio_pago",
      "hogar_jornada.descanso_obligatorio_articulo"}, {"74", "75", "336"}),
    ("hogar/jornada.md", "domingo", {"jornada.prima_dominical", "jornada.descanso_trabajado_pago"}, {"71"}),
    ("hogar/salario.md", "cada-cuando",
     {"salario.plazo_pago", "salario.periodicidad_contrato", "salario.lugar_dia_pago"}, {"88", "331 Ter fr. V", "101"}),
    ("hogar/descuentos.md", "descuentos",
     {"salario.descuentos", "salario.descuento_deuda_maximo", "salario.deuda_maxima", "salario.minimo_sin_descuento"},
     {"110", "110 fr. I", "97", "123, apartado A, fr. VIII"}),
    ("hogar/descuentos.md", "no-descontar", {"salario.comida_cuarto_garantizados"}, {"334"}),
    ("hogar/despido.md", "injustificado", {"despido.aviso_escrito"}, {"47"}),
    ("hogar/despido.md", "plazo", {"prescripcion.despido"}, {"518", "47"}),
    ("hogar/despido.md", "renunciar",
     {"despido.hogar_aviso", "despido.renuncia", "despido.prima_antiguedad_renuncia_anos"}, {"342", "162 fr. III"}),
    ("hogar/despido.md", "calculo-indemnizacion",
     {"despido.salario_base", "despido.indemnizacion_meses", "despido.indemnizacion_dias_por_ano", "salario.divisor_mes"},
     {"89", "50 fr. II", "50 fr. III"}),
    ("hogar/despido.md", "calculo-prima",
     {"despido.prima_antiguedad_dias", "despido.prima_antiguedad_tope"}, {"162 fr. I y III", "486"}),
    ("hogar/vacaciones.md", "cuando", {"vacaciones.plazo_otorgar", "vacaciones.proporcional_fin"}, {"81", "79"}),
    ("hogar/vacaciones.md", "termina", {"vacaciones.proporcional_fin"}, {"79"}),
    ("hogar/maternidad.md", "salario",
     {"maternidad.imss_subsidio", "maternidad.imss_cotizaciones", "maternidad.salario_sin_imss"},
     {"101", "102", "103", "170 fr. V", "88"}),
    ("campo/salud.md", "primeros-auxilios", set(), set()),
    ("campo/salud.md", "incapacidad",
     {"campo.incapacidad_porcentaje", "campo.incapacidad_dias", "campo.ley_salud_trabajo"}, {"283 fr. VII"}),
    ("campo/salud.md", "pausas", set(), set()),
    ("campo/salud.md", "equipo", set(), set()),
    ("campo/salud.md", "agroquimicos", {"campo.ley_proteccion"}, {"283 fr. XIV", "283 fr. XV", "283 fr. XVII"}),
    ("campo/vivienda.md", "transporte", {"campo.ley_transporte"}, {"283 fr. XI"}),
    ("campo/contrato.md", "interprete", {"campo.ley_interprete"}, {"283 fr. XII"}),
    ("campo/contrato.md", "autoridades", {"campo.ley_contrato_autoridades"}, {"282"}),
    ("campo/contrato.md", "capacitacion", {"campo.ley_capacitacion"}, {"283 Bis"}),
    ("campo/contrato.md", "discriminacion", {"campo.ley_mujeres"}, {"283 Ter"}),
    ("campo/contrato.md", "inspeccion", {"campo.inspeccion"}, {"284 Bis"}),
    ("campo/familia.md", "embarazo", {"campo.ley_mujeres", "maternidad.semanas_antes"}, {"283 Ter"}),
    ("campo/familia.md", "lactancia", {"maternidad.lactancia_reposos"}, set()),
    ("campo/familia.md", "guarderia", set(), set()),
    ("campo/familia.md", "escuela", {"campo.ley_familia"}, {"283 fr. X", "283 fr. XIII"}),
]

_HEADING = re.compile(r"^(#{2,3}) .*\{#([\w-]+)\}\s*$")


def section(path, section_id):
    """The text under the heading with ``section_id``, up to the next heading
    of the same or a higher level; None if the page has no such heading."""
    lines = front_matter.split(path.read_text(encoding="utf-8")).body.splitlines()
    for start, line in enumerate(lines):
        found = _HEADING.match(line)
        if found and found.group(2) == section_id:
            level = len(found.group(1))
            end = next(
                (i for i in range(start + 1, len(lines))
                 if (h := _HEADING.match(lines[i])) and len(h.group(1)) <= level),
                len(lines),
            )
            return "\n".join(lines[start + 1:end])
    return None


def used_facts(text):
    return {ref.fact_id for ref in find_references(text.splitlines())}


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize(("page", "section_id", "facts", "articles"), COVERED, ids=lambda v: v if isinstance(v, str) else None)
def test_section_exists_and_its_figures_are_facts(lang, page, section_id, facts, articles):
    text = section(DOCS / lang / page, section_id)
    assert text is not None, f"docs/{lang}/{page} has no section {{#{section_id}}}"
    assert text.strip(), f"docs/{lang}/{page}#{section_id} is empty"
    missing = facts - used_facts(text)
    assert not missing, f"docs/{lang}/{page}#{section_id} no longer uses {sorted(missing)}"


@pytest.mark.parametrize(("page", "section_id", "facts", "articles"), COVERED, ids=lambda v: v if isinstance(v, str) else None)
def test_facts_rest_on_the_articles(page, section_id, facts, articles):
    cited = {basis.article for fact_id in facts for basis in FACTS[fact_id].legal_basis}
    missing = articles - cited
    assert not missing, f"the facts of {page}#{section_id} no longer cite articles {sorted(missing)}"
    for fact_id in facts:
        assert all(basis.quote for basis in FACTS[fact_id].legal_basis), f"{fact_id} has a legal basis with no quote"


def test_mandatory_rest_days_are_listed_from_the_law():
    fact = FACTS["jornada.dias_descanso_obligatorio"]
    assert fact.type == "table"
    rows = fact.values[-1].value
    # One row for each fraction of article 74 (I., II., … in the quote), in both languages
    quote = next(b.quote for b in fact.legal_basis if b.article == "74")
    assert len(rows) == len(re.findall(r"\b[IVX]+\. ", quote))
    assert all({"es", "en"} <= set(row["rest_day"]) for row in rows)


def test_every_what_can_i_do_points_to_the_states_offices():
    pages = [*sorted((DOCS / "es" / "hogar").glob("*.md")), *sorted((DOCS / "es" / "campo").glob("*.md")),
             # Not the T-MEC page: a federal and international mechanism, never a state's
             *(page for page in sorted((DOCS / "es" / "fabrica").glob("*.md")) if page.name != "tmec.md")]
    for es in pages:
        text = section(es, "que-hacer") or section(es, "ayuda")
        if text is None:
            continue
        en = DOCS / "en" / es.relative_to(DOCS / "es")
        for path, body in ((es, text), (en, section(en, "que-hacer") or section(en, "ayuda"))):
            assert body and "../ayuda/estados.md" in body, f"{path.relative_to(ROOT)}: its 'what can I do' does not link to the state offices"
