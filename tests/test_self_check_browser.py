"""Self-checks in Chromium, over the site served by nginx: answers shown in
the result with their links, the figure of the fact in force, one printed
sheet, nothing kept or sent, and a plain checklist without JavaScript; in
Spanish, English and a language that falls back to Spanish."""

import re

import pytest

from browser import axe_violations, describe_violations
from build_tools.facts import load_facts
from project import AS_OF, ROOT

pytestmark = pytest.mark.server

FACTS = load_facts(ROOT / "facts", ROOT)
LANGS = {"es": "", "en": "en/", "nah": "nah/"}
ANSWER = {  # the labels of the answers, by page language (nah falls back to Spanish)
    "es": {"yes": "Sí", "no": "No", "unknown": "No sé"},
    "en": {"yes": "Yes", "no": "No", "unknown": "I don’t know"},
    "nah": {"yes": "Sí", "no": "No", "unknown": "No sé"},
}
NOTHING = {"es": "No hay nada por revisar", "en": "There is nothing to check", "nah": "No hay nada por revisar"}
STORED = """async () => ({
  local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
  databases: indexedDB.databases ? (await indexedDB.databases()).length : 0,
})"""


@pytest.fixture
def context(served, chromium):
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    context.requests = []
    context.on("request", lambda request: context.requests.append(request.url))
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    assert page.errors == []


def questions(page):
    return page.locator("form.dc-self-check fieldset")


def answer(page, lang, answers):
    """Answer question i with answers[i] ('yes', 'no', 'unknown' or None), then see the result."""
    for index, value in enumerate(answers):
        if value:
            questions(page).nth(index).get_by_label(ANSWER[lang][value], exact=True).check()
    page.locator(".dc-self-check__submit").click()
    page.locator(".dc-self-check__result").wait_for()


def listed(page, answer):
    """(question, link href) of each item the result lists under an answer."""
    return page.eval_on_selector_all(
        f'.dc-self-check__group[data-answer="{answer}"] li',
        "items => items.map(li => [li.querySelector('.dc-self-check__question').textContent.trim(),"
        " li.querySelector('a.dc-self-check__guide').getAttribute('href')])",
    )


def asked(page):
    """(question, link href) of every question, as the page asks them."""
    return page.eval_on_selector_all(
        "form.dc-self-check .dc-self-check__questions > li",
        "items => items.map(li => [li.querySelector('legend').textContent.replace(/\\[\\d+\\]/g, '').trim(),"
        " li.querySelector('a.dc-self-check__guide').getAttribute('href')])",
    )


@pytest.mark.parametrize("lang", LANGS)
def test_answers_no_and_dont_know_are_listed_with_their_links(served, page, lang):
    base, _ = served
    page.goto(f"{base}/{LANGS[lang]}revisa/hogar/")
    all_questions = asked(page)
    assert 10 <= len(all_questions) <= 20
    entries = page.evaluate("history.length")
    answers = ["yes"] * len(all_questions)
    answers[1], answers[4], answers[6] = "no", "unknown", None  # left unanswered: to check
    answer(page, lang, answers)
    assert listed(page, "no") == [all_questions[1]]
    assert listed(page, "unknown") == [all_questions[4], all_questions[6]]
    assert page.locator(".dc-self-check__none").is_hidden()
    # Each link leads to its guide's section
    href = page.locator('.dc-self-check__group[data-answer="no"] a.dc-self-check__guide').get_attribute("href")
    assert href.endswith("hogar/salario/#minimo")
    # Where to go: the states' offices
    office = page.locator(".dc-self-check__office a").first
    assert office.evaluate("a => a.href") == f"{base}/{LANGS[lang]}ayuda/estados/"
    # The address never carries the answers
    assert page.url == f"{base}/{LANGS[lang]}revisa/hogar/"
    assert page.evaluate("history.length") == entries


@pytest.mark.parametrize("lang", LANGS)
def test_all_yes_says_there_is_nothing_to_check(served, page, lang):
    base, _ = served
    page.goto(f"{base}/{LANGS[lang]}revisa/campo/")
    answer(page, lang, ["yes"] * questions(page).count())
    assert NOTHING[lang] in page.locator(".dc-self-check__none").inner_text()
    assert page.locator(".dc-self-check__group").evaluate_all("groups => groups.every(g => g.hidden)")


@pytest.mark.parametrize("lang", LANGS)
def test_the_figure_shown_is_the_fact_in_force(served, page, lang):
    base, _ = served
    page.goto(f"{base}/{LANGS[lang]}revisa/hogar/")
    value = FACTS["salario_minimo_hogar.general"].value_on(AS_OF).value
    legend = page.locator('legend:has([data-fact="salario_minimo_hogar.general"])')
    shown = legend.locator('[data-fact="salario_minimo_hogar.general"]').first.inner_text()
    assert re.sub(r"\[\d+\]", "", shown) == {"en": f"MX${value:.2f} a day"}.get(lang, f"${value:.2f} al día")
    answer(page, lang, [None, "no"])
    assert f"{value:.2f}" in page.locator('.dc-self-check__group[data-answer="no"]').inner_text()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["revisa/hogar/", "revisa/campo/", "revisa/fabrica/"])
def test_the_result_prints_on_one_sheet_of_a4_and_letter(served, context, lang, path):
    base, _ = served
    too_long = []
    for value in ("no", "unknown"):
        page = context.new_page()
        page.goto(f"{base}/{LANGS[lang]}{path}")
        answer(page, lang, [value] * questions(page).count())
        # With her state picked, the longest name of the list
        page.locator(".dc-self-check__state select").select_option("baja-california-sur")
        for paper in ("A4", "Letter"):
            pages = len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format=paper)))
            if pages != 1:
                too_long.append((path, value, paper, pages))
        # The printed page is the result: nothing of the questions or the menus
        page.emulate_media(media="print")
        assert page.locator(".dc-self-check__result h2").is_visible()
        assert not page.locator(".dc-self-check__questions").is_visible() and not page.locator(".md-header").is_visible()
        assert "Baja California Sur" in page.locator(".dc-self-check__state-link").inner_text()
        page.close()
    assert too_long == []


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_is_kept_or_sent(served, context, page, lang):
    base, _ = served
    page.goto(f"{base}/{LANGS[lang]}revisa/fabrica/", wait_until="networkidle")
    before = len(context.requests)
    answer(page, lang, ["no", "unknown", "yes"] + ["no"] * (questions(page).count() - 3))
    page.locator(".dc-self-check__print").evaluate("button => { window.print = () => {}; button.click(); }")
    assert context.requests[before:] == []  # answering asks the network for nothing
    assert [url for url in context.requests if not url.startswith(base)] == []
    assert page.evaluate(STORED) == {"local": 0, "session": 0, "cookie": "", "databases": 0}
    assert page.url == f"{base}/{LANGS[lang]}revisa/fabrica/"
    # The office for factories: PROFEDET's phone, as a tel: link
    phone = FACTS["profedet.telefono"].value_on(AS_OF).value
    assert phone in page.locator(".dc-self-check__office").inner_text()


def test_reload_and_back_forget_the_answers(served, page):
    base, _ = served
    page.goto(f"{base}/revisa/hogar/")
    answer(page, "es", ["no", "unknown"])
    page.reload()
    assert page.locator("form.dc-self-check input:checked").count() == 0
    assert page.locator(".dc-self-check__result").is_hidden()
    answer(page, "es", ["no", "unknown"])
    page.locator('.dc-self-check__group[data-answer="no"] a').first.click()
    page.wait_for_url("**/hogar/contrato/**")
    page.go_back()
    page.locator("form.dc-self-check--ready").wait_for()
    assert page.locator("form.dc-self-check input:checked").count() == 0
    assert page.locator(".dc-self-check__result").is_hidden()
    assert page.locator("form.dc-self-check").get_attribute("autocomplete") == "off"


def test_erase_my_answers_empties_the_form(served, page):
    base, _ = served
    page.goto(f"{base}/en/revisa/campo/")
    answer(page, "en", ["no", "no"])
    page.locator(".dc-self-check__again").click()
    assert page.locator("form.dc-self-check input:checked").count() == 0
    assert page.locator(".dc-self-check__result").is_hidden()


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_questions_are_a_checklist_with_links(served, chromium, lang):
    base, _ = served
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{base}/{LANGS[lang]}revisa/hogar/")
    items = page.locator(".dc-self-check__questions > li")
    assert items.count() >= 10
    for index in range(items.count()):
        item = items.nth(index)
        assert item.is_visible() and item.locator("a.dc-self-check__guide").is_visible()
        assert "?" in item.locator(".dc-self-check__question").inner_text()
    for hidden in ("input", ".dc-self-check__submit", ".dc-self-check__result", ".dc-self-check__private"):
        assert not page.locator(f"form.dc-self-check {hidden}").first.is_visible(), hidden
    context.close()


def test_script_loads_only_on_self_check_pages(served, context, page):
    base, _ = served
    page.goto(base + "/hogar/aguinaldo/", wait_until="networkidle")
    assert not [url for url in context.requests if "self-check" in url]
    page.goto(base + "/en/revisa/hogar/", wait_until="networkidle")
    # (the offline worker may fetch it again from the HTTP cache to keep it)
    assert {url for url in context.requests if "self-check" in url} == {base + "/assets/javascripts/self-check.js"}


@pytest.mark.parametrize("lang", ["es", "nah"])
def test_no_accessibility_violations_with_the_result_shown(served, page, lang):
    base, _ = served
    page.goto(f"{base}/{LANGS[lang]}revisa/fabrica/")
    answer(page, lang, ["no", "unknown"])
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    for box in [element.bounding_box() for element in page.query_selector_all("form.dc-self-check input, form.dc-self-check button")]:
        assert box["height"] >= 44 and box["width"] >= 44


@pytest.mark.parametrize("lang", LANGS)
def test_the_reader_picks_her_state_and_the_result_links_its_offices(served, context, page, lang):
    base, _ = served
    page.goto(f"{base}/{LANGS[lang]}revisa/hogar/", wait_until="networkidle")
    before = len(context.requests)
    answer(page, lang, ["no"])
    state_link = page.locator(".dc-self-check__state-link a")
    assert state_link.is_hidden()
    page.locator(".dc-self-check__state select").select_option("oaxaca")
    assert state_link.is_visible() and "Oaxaca" in page.locator(".dc-self-check__state-link").inner_text()
    assert context.requests[before:] == []  # picking her state asks the network for nothing
    assert page.evaluate(STORED) == {"local": 0, "session": 0, "cookie": "", "databases": 0}
    state_link.click()
    page.wait_for_url("**/ayuda/estados/#oaxaca")
    assert page.locator("#oaxaca").is_visible()
    # Back on the self-check, nothing was kept
    page.go_back()
    page.locator("form.dc-self-check--ready").wait_for()
    assert page.locator(".dc-self-check__state select").input_value() == ""
    assert page.locator(".dc-self-check__state-link").is_hidden()
