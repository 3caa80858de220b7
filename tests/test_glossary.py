"""The English glossary: one list, rendered on the glossary pages and checked
against every English page and locales/en.yml."""

import pytest

from build_tools.errors import ContentError
from build_tools.translations import glossary
from build_tools.yaml_source import parse_yaml
from project import ROOT

GLOSSARY = glossary.load(ROOT)

SMALL = """\
language: en
headings:
  es: {source: "En español", term: "En inglés", avoid: "No escribas", meaning: "Qué quiere decir"}
  en: {source: "Spanish", term: "English", avoid: "Do not write", meaning: "What it means"}
terms:
  - es: prima vacacional
    en: vacation premium
    avoid: [holiday bonus, vacation bonus]
    meaning: {es: "Un pago extra.", en: "An extra payment."}
  - es: indemnización
    en: severance pay
    avoid: [indemnity, severance]
    meaning: {es: "Un pago <extra>.", en: "A payment & more."}
  - es: persona empleadora
    en: employer
    avoid: [boss]
    meaning: {es: "Quien te paga.", en: "Who pays you."}
"""


def small(text: str = SMALL) -> glossary.Glossary:
    return glossary.parse(parse_yaml(text, "translations/glossary.yml"), "translations/glossary.yml")


def problems(text: str, terms=None) -> list[str]:
    return [str(p) for p in glossary.check_page(text, "docs/en/x.md", terms or small())]


def test_the_glossary_file_is_read_with_its_lines():
    terms = small()
    assert terms.language == "en"
    assert [(t.source, t.term, t.avoid, t.line) for t in terms.terms] == [
        ("prima vacacional", "vacation premium", ("holiday bonus", "vacation bonus"), 6),
        ("indemnización", "severance pay", ("indemnity", "severance"), 10),
        ("persona empleadora", "employer", ("boss",), 14),
    ]


def test_the_project_glossary_has_the_agreed_terms():
    english = {t.source: t.term for t in GLOSSARY.terms}
    assert english["prima vacacional"] == "vacation premium"
    assert english["aguinaldo"] == "aguinaldo"
    assert english["finiquito"] == "finiquito (final pay)"
    assert english["indemnización (por despido)"] == "severance pay"
    assert english["prima de antigüedad"] == "seniority premium"
    assert english["días de descanso obligatorio"] == "mandatory rest days"
    assert english["horas extra, tiempo extraordinario"] == "overtime"
    assert english["persona empleadora, patrón"] == "employer"
    assert english["Centro de Conciliación"] == "conciliation centre"
    assert english["salario mínimo"] == "minimum wage"
    assert english["jornada"] == "working hours"
    # Domestic workers rest a day and a half a week (LFT art. 336): not "a day"
    assert english["descanso semanal"] == "weekly rest"
    avoided = {v for t in GLOSSARY.terms for v in t.avoid}
    assert {"holiday bonus", "vacation bonus", "indemnity", "labor"} <= avoided
    assert all(t.meaning.get("es") and t.meaning.get("en") for t in GLOSSARY.terms)


def test_a_variant_is_reported_with_file_line_and_the_term_to_use():
    text = "---\ntitle: Vacation\n---\n\n# Vacation\n\nYou also get the holiday bonus.\n"
    assert problems(text) == [
        'docs/en/x.md:7: "holiday bonus" is not the site\'s English for "prima vacacional"; '
        'write "vacation premium" (see participa/glosario)'
    ]


def test_case_and_plural_do_not_hide_a_variant():
    assert [p.split(": ", 1)[1][:22] for p in problems("# X\n\nThe Holiday Bonus and two vacation bonuses.\n")] == [
        '"Holiday Bonus" is not',
        '"vacation bonuses" is ',
    ]
    assert len(problems("# X\n\nThe holiday\n\nbonus.\n")) == 0  # not across lines


@pytest.mark.parametrize(
    "line",
    [
        "The bossa nova and a bossy tone.",  # inside a longer word
        "Severance pay is owed.",  # inside the glossary's own term
        "Write {{ holiday.bonus }} there.",  # inside a fact reference
        "Read [this](https://example.org/holiday-bonus) or https://example.org/indemnity.",  # in an address
        "Type `holiday bonus` to search.",  # in code
        "<!-- the boss -->",  # in a comment
        "## Bonus {#holiday-bonus}",  # in a heading id
        "A vacation premium and an employer.",  # the right words
    ],
)
def test_no_false_positive(line):
    assert problems(f"# X\n\n{line}\n") == []


def test_front_matter_is_read_except_the_reviewers_name():
    text = (
        "---\ntitle: The holiday bonus\nsummary:\n  - \"Ask your boss.\"\n"
        "translation:\n  status: reviewed\n  reviewed_by: The Boss Team\n---\n\n# X\n"
    )
    assert [p.split(":")[1] for p in problems(text)] == ["2", "4"]


def test_locale_strings_are_checked_but_not_keys_or_comments():
    text = '# the boss file\nsite:\n  calc.boss: "Ask the employer"\n  calc.note: "It does not include the indemnity."\n'
    assert [str(p) for p in glossary.check_locale(text, "locales/en.yml", small())] == [
        'locales/en.yml:4: "indemnity" is not the site\'s English for "indemnización"; write "severance pay" (see participa/glosario)'
    ]


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda t: t.replace("avoid: [boss]", "avoid: [boss, holiday bonus]"), "translations/glossary.yml:14: 'holiday bonus' is already in the glossary, at line 6"),
        (lambda t: t.replace("avoid: [boss]", "avoid: [vacation premium]"), "translations/glossary.yml:14: 'vacation premium' is already in the glossary"),
        (lambda t: t.replace('meaning: {es: "Quien te paga.", en: "Who pays you."}', 'meaning: {es: "Quien te paga."}'), "translations/glossary.yml:17: 'meaning' of 'employer' needs one line in 'es' and in 'en'"),
        (lambda t: t.replace("    en: employer\n", ""), "translations/glossary.yml:14: a term needs the words in 'es' and in 'en'"),
        (lambda t: t.replace("avoid: [boss]", "avoid: boss"), "translations/glossary.yml:16: 'avoid' of 'employer' must be a list of words"),
        (lambda t: t.replace("avoid: [boss]", "avoid: [boss]\n    note: x"), "translations/glossary.yml:17: unknown field 'note'"),
        (lambda t: t.replace("language: en\n", ""), "translations/glossary.yml:1: 'language' must be"),
    ],
    ids=["variant-twice", "variant-is-a-term", "meaning-missing", "term-missing", "avoid-not-a-list", "unknown-field", "no-language"],
)
def test_a_broken_glossary_names_file_and_line(change, expected):
    with pytest.raises(ContentError) as error:
        small(change(SMALL))
    assert any(str(p).startswith(expected) for p in error.value.problems), error.value.problems


def test_the_table_is_in_the_page_language_with_each_column_marked():
    spanish = glossary.render(small(), "es")
    assert '<th scope="col">En español</th>' in spanish
    assert '<td>prima vacacional</td><td lang="en">vacation premium</td><td lang="en">holiday bonus, vacation bonus</td><td>Un pago extra.</td>' in spanish
    english = glossary.render(small(), "en")
    assert '<td lang="es">prima vacacional</td><td>vacation premium</td><td>holiday bonus, vacation bonus</td><td>An extra payment.</td>' in english
    assert "A payment &amp; more." in english and "Un pago &lt;extra&gt;." in spanish
    # A language without headings shows the Spanish table (the page falls back to Spanish)
    assert glossary.render(small(), "nah") == spanish


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_glossary_page_shows_the_table_and_the_guides_link_to_it(lang):
    page = ROOT / "docs" / lang / "participa"
    assert glossary.PLACEHOLDER in (page / "glosario.md").read_text(encoding="utf-8")
    for guide in ("estilo.md", "traducir.md"):
        assert "(glosario.md)" in (page / guide).read_text(encoding="utf-8"), guide


@pytest.mark.parametrize("page", ["index.md", "participa/estilo.md", "participa/traducir.md", "participa/glosario.md", "participa/traducciones.md"])
def test_the_pages_for_writers_and_the_home_page_use_the_glossary_terms(page):
    path = ROOT / "docs" / "en" / page
    assert glossary.check_page(path.read_text(encoding="utf-8"), f"docs/en/{page}", GLOSSARY) == []


def test_the_english_site_uses_the_glossary_terms():
    # Fails until every English guide uses the glossary (the build fails with the same list)
    found = [
        str(p)
        for path in sorted((ROOT / "docs" / "en").rglob("*.md"))
        for p in glossary.check_page(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix(), GLOSSARY)
    ]
    found += [str(p) for p in glossary.check_locale((ROOT / "locales/en.yml").read_text(encoding="utf-8"), "locales/en.yml", GLOSSARY)]
    assert found == []
