"""The page of labour offices in each state (ayuda/estados.md): every one of
Mexico's 32 states has its section, with the same id in every language (other
pages link to them), and in it the two offices a worker goes to: the
Centro de Conciliación Laboral and the Procuraduría de la Defensa del Trabajo.
Each section shows only its own state's facts (facts/estados.yml), and each
office line shows a value or "por confirmar"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from build_tools.facts import load_facts
from build_tools.facts.markdown_extension import find_references
from project import PREFIXES, ROOT

PAGE = "ayuda/estados.md"
FACTS_FILE = ROOT / "facts" / "estados.yml"
# The section ids, in the order of the list of states: other pages link to them
STATES = (
    "aguascalientes", "baja-california", "baja-california-sur", "campeche", "chiapas", "chihuahua",
    "ciudad-de-mexico", "coahuila", "colima", "durango", "estado-de-mexico", "guanajuato", "guerrero",
    "hidalgo", "jalisco", "michoacan", "morelos", "nayarit", "nuevo-leon", "oaxaca", "puebla", "queretaro",
    "quintana-roo", "san-luis-potosi", "sinaloa", "sonora", "tabasco", "tamaulipas", "tlaxcala", "veracruz",
    "yucatan", "zacatecas",
)
OFFICES = ("conciliacion", "procuraduria")
KINDS = {"direccion": "text", "telefono": "phone", "web": "url"}
# Facts of other files a state's section may use: the State of Mexico's
# Procuraduría phone is in facts/contactos.yml, where many guides use it
SHARED = {"estado-de-mexico": {"procuraduria_edomex.telefono"}}
LANGS = ("es", "en")
STATE_FACT = re.compile(r"^estado\.(?P<state>[a-z-]+)\.(?P<office>[a-z]+)\.(?P<kind>[a-z]+)$")
HEADING = re.compile(r"^## .*\{#(?P<id>[a-z-]+)\}\s*$")

FACTS = load_facts(ROOT / "facts", ROOT)


def state_facts() -> dict[str, object]:
    return {fid: fact for fid, fact in FACTS.items() if Path(fact.path).name == FACTS_FILE.name and fid.startswith("estado.")}


def sections(lang: str) -> dict[str, list[str]]:
    """The lines of each `##` section of the page, by heading id, in order."""
    out: dict[str, list[str]] = {}
    current = None
    for line in (ROOT / "docs" / lang / PAGE).read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            match = HEADING.match(line)
            assert match, f"docs/{lang}/{PAGE}: a heading without an id: {line}"
            current = match["id"]
            out[current] = []
        elif current:
            out[current].append(line)
    return out


def referenced(lines: list[str]) -> set[str]:
    return {ref.fact_id for ref in find_references(lines)}


# -----------------------------------------------------------------------------
# The sources: facts and pages


def test_every_state_has_both_offices_in_the_facts():
    facts = state_facts()
    missing = [f"estado.{state}.{office}.direccion" for state in STATES for office in OFFICES
               if f"estado.{state}.{office}.direccion" not in facts]
    assert missing == []


def test_state_facts_are_named_for_a_state_an_office_and_a_kind_of_value():
    wrong = []
    for fid, fact in state_facts().items():
        match = STATE_FACT.match(fid)
        if not match or match["state"] not in STATES or match["office"] not in OFFICES or match["kind"] not in KINDS:
            wrong.append(f"{fid}: not estado.<state>.<{'|'.join(OFFICES)}>.<{'|'.join(KINDS)}>")
        elif fact.type != KINDS[match["kind"]]:
            wrong.append(f"{fid}: type {fact.type}, expected {KINDS[match['kind']]}")
    assert wrong == []


def test_a_missing_address_is_marked_to_be_confirmed_never_guessed():
    # An address no source gives says so in words, and the page flags it
    wrong = []
    for fid, fact in state_facts().items():
        for value in fact.values:
            text = value.value.get("es") if isinstance(value.value, dict) else value.value
            if value.confidence == "unverified" and (fact.type != "text" or "todavía no" not in text):
                wrong.append(f"{fid}: an unverified value must be a text saying we do not have it yet")
            if value.confidence != "unverified" and "todavía no" in str(text):
                wrong.append(f"{fid}: says we do not have it, so its confidence must be 'unverified'")
    assert wrong == []


def test_the_national_finder_is_a_fact_with_a_source():
    finder = FACTS["estados.buscador_conciliacion"]
    assert finder.type == "url" and all(value.sources for value in finder.values)


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_has_a_section_for_each_state_in_the_order_of_its_list(lang):
    text = (ROOT / "docs" / lang / PAGE).read_text(encoding="utf-8")
    assert tuple(sections(lang)) == STATES
    # The list of states: plain links to the sections, in the same order
    assert tuple(re.findall(r"^- \[[^\]]+\]\(#([a-z-]+)\)$", text, flags=re.M)) == STATES


@pytest.mark.parametrize("lang", LANGS)
def test_each_section_shows_its_own_state_and_all_of_its_facts(lang):
    facts = state_facts()
    wrong = []
    for state, lines in sections(lang).items():
        refs = referenced(lines)
        own = {fid for fid in facts if fid.startswith(f"estado.{state}.")}
        foreign = refs - own - SHARED.get(state, set())
        if foreign:
            wrong.append(f"{state}: refers to {sorted(foreign)}")
        if own - refs:
            wrong.append(f"{state}: does not show {sorted(own - refs)}")
        # One line per office, starting with its name and its address
        for office in OFFICES:
            lines_of_office = [line for line in lines if f"{{{{ estado.{state}.{office}.direccion }}}}" in line]
            if len(lines_of_office) != 1 or not lines_of_office[0].startswith("- **"):
                wrong.append(f"{state}: needs one list item with estado.{state}.{office}.direccion")
    assert wrong == []


def test_spanish_and_english_sections_show_the_same_facts():
    es, en = sections("es"), sections("en")
    assert {state: referenced(lines) for state, lines in es.items()} == {state: referenced(lines) for state, lines in en.items()}


# -----------------------------------------------------------------------------
# The built page


def flag(lang: str) -> str:
    """The words an unverified value shows, from the locale ("por confirmar")."""
    catalog = yaml.safe_load((ROOT / "locales" / f"{lang}.yml").read_text(encoding="utf-8"))
    return catalog["site"]["fact.unverified"]


def built_sections(html: str) -> dict[str, str]:
    parts = re.split(r'<h2\s+id="([^"]+)"', html)
    return {parts[i]: parts[i + 1].split("</ul>", 1)[0] for i in range(1, len(parts), 2)}


def shown_text(html: str) -> str:
    html = re.sub(r"<sup\b.*?</sup>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_built_page_has_every_state_and_every_office_line_shows_something(built_site, lang):
    html = (built_site / PREFIXES[lang] / "ayuda" / "estados" / "index.html").read_text(encoding="utf-8")
    states = built_sections(html)
    assert tuple(s for s in states if s in STATES) == STATES
    # The state picker works without JavaScript: plain links to the sections
    for state in STATES:
        assert f'<a href="#{state}">' in html, f"no link to #{state} in the list of states"
    facts, to_confirm, problems = state_facts(), f"({flag(lang)})", []
    for state in STATES:
        items = re.findall(r"<li>(.*?)</li>", states[state], flags=re.S)
        if len(items) != len(OFFICES):
            problems.append(f"{state}: {len(items)} office lines, expected {len(OFFICES)}")
            continue
        for office, item in zip(OFFICES, items):
            fid = f"estado.{state}.{office}.direccion"
            value = re.search(rf'<span class="[^"]*" data-fact="{re.escape(fid)}">(.*?)</span>', item, flags=re.S)
            if not value or not shown_text(value.group(1)):
                problems.append(f"{state}: the {office} line shows no address")
                continue
            unverified = facts[fid].values[-1].confidence == "unverified"
            if unverified != (to_confirm in shown_text(value.group(1))):
                problems.append(f"{state}: the {office} address should {'' if unverified else 'not '}say {to_confirm}")
    assert problems == []
