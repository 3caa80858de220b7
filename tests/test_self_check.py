"""Self-checks, build side: the list after {{ revision }} becomes the form,
fact references in the questions still render, and a marker without its
list stops the build with the file and line."""

import re

import markdown
import pytest

from build_tools.errors import ContentError
from build_tools.facts import load_facts
from build_tools.facts.markdown_extension import Document, FactsExtension
from build_tools.facts.rendering import RenderContext
from build_tools.i18n.languages import babel_locale
from build_tools.i18n.locales import load_catalogs
from build_tools.reader import self_check
from build_tools.reader.self_check_extension import SelfCheckExtension, find_markers
from project import AS_OF, ROOT

FACTS = load_facts(ROOT / "facts", ROOT)
CATALOGS = load_catalogs(ROOT / "locales", ["es", "en", "nah"], "es", ROOT)
FORMATS = {"es": "es_MX", "en": "en_US", "nah": None}
LINKS = self_check.Links(states="../../ayuda/estados/", help="../../ayuda/")

PAGE = """# ¿Se respetan tus derechos?

Lee cada pregunta.

{{ revision }}

- ¿Te pagan por lo menos {{ salario_minimo_hogar.general }}? [El salario mínimo](../hogar/salario.md#minimo)
- ¿Te inscribieron en el **IMSS**? [El IMSS](../hogar/imss.md#obligatorio).

Después de la lista.
"""


def convert(text, lang="es", offset=0, links=LINKS):
    """Render Markdown the way the build sets it up for a page."""
    ctx = RenderContext(lang, babel_locale(lang, FORMATS[lang]), CATALOGS[lang], AS_OF)
    document = Document("docs/es/revisa/x.md", offset, ctx)
    md = markdown.Markdown(extensions=[
        FactsExtension(facts=FACTS, document=lambda: document),
        SelfCheckExtension(links=lambda: links),
    ])
    return md.convert(text), md


def test_the_list_after_the_marker_is_wrapped_in_the_form():
    html, md = convert(PAGE)
    assert md.self_checks == ["estado"]
    form = re.search(r"<form [^>]*>.*?</form>", html, re.S).group(0)
    assert 'class="dc-self-check"' in form and 'autocomplete="off"' in form and 'data-office="estado"' in form
    assert "action=" not in form and "method=" not in form
    # The list, its two questions, then the hidden answers and result
    assert form.count("<li>") == 2 and '<ul class="dc-self-check__questions">' in form
    assert form.index("dc-self-check__questions") < form.index("dc-self-check__controls") < form.index("dc-self-check__result")
    assert re.search(r'<div class="dc-self-check__controls" hidden>', form)
    assert re.search(r'<section class="dc-self-check__result" hidden', form)
    # Text before and after the list stays outside the form
    assert html.index("Lee cada pregunta.") < html.index("<form") and html.index("</form>") < html.index("Después de la lista.")
    assert "{{" not in html and "revision" not in html


def test_each_item_is_its_question_and_its_guide_link():
    html, _ = convert(PAGE)
    items = re.findall(r"<li>(.*?)</li>", html, re.S)
    assert re.fullmatch(
        r'<span class="dc-self-check__question">¿Te inscribieron en el <strong>IMSS</strong>\?</span> '
        r'<a class="dc-self-check__guide" href="\.\./hogar/imss\.md#obligatorio">El IMSS</a>\.', items[1]
    )


def test_fact_references_in_questions_still_render():
    html, md = convert(PAGE)
    value = FACTS["salario_minimo_hogar.general"].value_on(AS_OF).value
    question = re.search(r'<span class="dc-self-check__question">(.*?)</span> <a class="dc-self-check__guide"', html, re.S).group(1)
    assert f"${value:.2f} al día" in re.sub(r"<[^>]+>", "", question)
    assert [fact.id for fact in md.facts_used] == ["salario_minimo_hogar.general"]


def test_strings_come_from_the_locale_of_the_page():
    html, _ = convert(PAGE, lang="en")
    assert ">See the result</button>" in html and ">I don’t know</span>" in html
    assert '<a href="../../ayuda/estados/">the offices of each state</a>' in html
    html, _ = convert(PAGE, lang="es")
    assert ">Ver el resultado</button>" in html and ">No sé</span>" in html


def test_the_factory_office_gives_profedet_with_its_phone_and_its_source():
    html, md = convert(PAGE.replace("{{ revision }}", "{{ revision: autopartes }}"))
    assert md.self_checks == ["autopartes"]
    phone = FACTS["profedet.telefono"].value_on(AS_OF).value
    office = re.search(r'<div class="dc-self-check__office">.*?</div>', html, re.S).group(0)
    assert phone in office and "PROFEDET" in office
    assert "profedet.telefono" in [fact.id for fact in md.facts_used]


def test_a_marker_without_a_list_names_the_file_and_line():
    with pytest.raises(ContentError) as error:
        convert("# T\n\n{{ revision }}\n\nUn párrafo, no una lista.\n", offset=4)
    assert str(error.value).startswith("docs/es/revisa/x.md:7:")
    assert "must be followed by a list" in str(error.value)
    with pytest.raises(ContentError) as error:
        convert("# T\n\n{{ revision }}\n")
    assert "docs/es/revisa/x.md:3:" in str(error.value)


def test_a_question_without_a_guide_link_names_its_line():
    with pytest.raises(ContentError) as error:
        convert("{{ revision }}\n\n- ¿Una? [Guía](a.md#b)\n- ¿Otra sin enlace?\n", offset=2)
    assert "docs/es/revisa/x.md:6:" in str(error.value) and "link to the guide section" in str(error.value)


def test_blank_lines_and_known_offices_are_required():
    with pytest.raises(ContentError, match=r"x\.md:2: put a blank line after"):
        convert("Texto.\n\n{{ revision }}\n- ¿Una? [Guía](a.md)\n".replace("Texto.\n\n", "\n"))
    with pytest.raises(ContentError, match=r"x\.md:1: unknown office 'fabrik'"):
        convert("{{ revision: fabrik }}\n\n- ¿Una? [Guía](a.md)\n")


def test_markers_in_code_are_left_alone():
    text = "```\n{{ revision }}\n```\n\n`{{ revision }}`\n"
    assert find_markers(text.splitlines()) == []
    assert find_markers(["", "  {{revision:autopartes}} "]) == [(2, "autopartes")]
    assert find_markers(["{{ revision }}"]) == [(1, "estado")]


def test_two_self_checks_on_a_page_get_their_own_ids():
    html, md = convert(PAGE + "\n" + PAGE.split("# ¿Se respetan tus derechos?\n", 1)[1])
    assert md.self_checks == ["estado", "estado"]
    assert 'id="dc-self-check-1"' in html and 'id="dc-self-check-2"' in html
    assert 'id="dc-self-check-1-title"' in html and 'id="dc-self-check-2-title"' in html


def test_each_conversion_starts_afresh():
    _, md = convert(PAGE)
    md.reset()
    assert md.convert("Nada.") == "<p>Nada.</p>" and md.self_checks == []


def test_every_string_the_markup_uses_exists_in_spanish_and_english():
    keys = {key for key in CATALOGS["es"].strings["site"] if key.startswith("selfcheck.")}
    assert keys == {key for key in CATALOGS["en"].strings["site"] if key.startswith("selfcheck.")}
    assert {f"selfcheck.answer.{answer}" for answer in self_check.ANSWERS} <= keys
    assert {office.text for office in self_check.OFFICES.values()} <= keys


def test_the_states_come_from_the_page_of_offices_in_its_order():
    text = (ROOT / "docs/es/ayuda/estados.md").read_text(encoding="utf-8")
    states = self_check.states_of(text)
    assert len(states) == 32
    assert states[0] == self_check.State("aguascalientes", "Aguascalientes")
    assert self_check.State("oaxaca", "Oaxaca") in states and self_check.State("ciudad-de-mexico", "Ciudad de México") in states
    # Each is a section the page links to from its list
    assert all(f"(#{state.id})" in text for state in states)


def test_the_result_lets_the_reader_pick_her_state():
    states = (self_check.State("chiapas", "Chiapas"), self_check.State("oaxaca", "Oaxaca"))
    links = self_check.Links(states="../../ayuda/estados/", help="../../ayuda/", state_list=states, state_lang="es")
    html, _ = convert(PAGE, lang="nah", links=links)
    office = re.search(r'<div class="dc-self-check__office">.*?</div>', html, re.S).group(0)
    select = re.search(r'<label for="([^"]+)">[^<]+</label> <select id="([^"]+)">(.*?)</select>', office, re.S)
    assert select and select[1] == select[2]
    # Her state's names are Spanish on a page in another language, and marked so
    assert re.findall(r'<option value="(\w*)"( lang="es")?>', select[3]) == [("", ""), ("chiapas", ' lang="es"'), ("oaxaca", ' lang="es"')]
    assert re.search(r'<p class="dc-self-check__state-link" hidden><a href="\.\./\.\./ayuda/estados/">', office)


def test_without_a_list_of_states_there_is_no_picker():
    html, _ = convert(PAGE)
    assert "<select" not in html and "dc-self-check__state" not in html
