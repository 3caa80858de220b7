from build_tools.checks.pages import check_layout
from build_tools.i18n.locales import load_catalogs
from build_tools.translations import (
    DRAFT, FALLBACK, OUTDATED, PAGE_STATES, LanguageNames, decorate, mostly_spanish, page_language, pages_without_a_source,
    reviewer_problem, status_problem,
)
from project import ROOT

CATALOGS = load_catalogs(ROOT / "locales", ["es", "en", "nah"], "es", ROOT)
ENGLISH, NAHUATL = LanguageNames("English", "inglés"), LanguageNames("Nāhuatl", "náhuatl")


def test_page_language_kinds():
    assert page_language("es", "es", "es", {}).kind == "source"
    assert page_language("nah", "es", "es", {}).kind == "fallback"
    assert page_language("nah", "nah", "es", {"translation": {"status": "draft"}}).kind == "draft"
    assert page_language("en", "en", "es", {"translation": {"status": "reviewed"}}).kind == "reviewed"
    # A translation that does not say it was reviewed is shown as a draft
    assert page_language("en", "en", "es", {}).kind == "draft"


def test_bad_status_is_reported():
    assert status_problem({"translation": {"status": "done"}})
    assert status_problem({"translation": {"status": "draft"}}) is None


def test_fallback_notice_in_reader_language_and_spanish_marked():
    where = page_language("en", "es", "es", {})
    html = decorate("<p>Hola</p>", where, CATALOGS["en"], ENGLISH, None)
    assert "This page is not translated yet" in html
    assert '<div lang="es"><p>Hola</p></div>' in html


def test_untranslated_notice_falls_back_to_spanish_and_says_so():
    where = page_language("nah", "es", "es", {})
    html = decorate("<p>Hola</p>", where, CATALOGS["nah"], NAHUATL, None)
    assert '<p class="admonition-title" lang="es">Esta página todavía no está traducida</p>' in html
    # The Spanish sentence names the language as Spanish does
    assert "Aún no hay versión en náhuatl" in html


def test_draft_notice_links_to_spanish():
    where = page_language("nah", "nah", "es", {"translation": {"status": "draft"}})
    html = decorate("<p>X</p>", where, CATALOGS["nah"], NAHUATL, "../")
    assert "Traducción en borrador" in html and 'href="../"' in html


def test_reviewed_page_gets_no_notice_and_says_its_language():
    where = page_language("en", "en", "es", {"translation": {"status": "reviewed"}})
    assert decorate("<p>X</p>", where, CATALOGS["en"], ENGLISH, None) == '<div lang="en"><p>X</p></div>'


def test_pages_from_po_files_are_partial_or_translated_and_never_fallback_once_translated():
    assert page_language("nah", "es", "es", {}, segments=(0, 10)).kind == "fallback"
    partial = page_language("nah", "es", "es", {}, segments=(3, 10))
    assert partial.kind == "partial" and partial.text_lang == "nah"
    html = decorate('<p><span lang="nah">X</span></p>', partial, CATALOGS["nah"], NAHUATL, "../")
    assert "Traducción en curso" in html and "Una parte de esta página está en náhuatl" in html
    # Each paragraph carries its own language: no wrapper that would relabel them
    assert html.endswith('<p><span lang="nah">X</span></p>')
    assert page_language("nah", "es", "es", {}, segments=(10, 10)).kind == "translated"
    whole = decorate("<p>X</p>", page_language("nah", "es", "es", {}, segments=(10, 10)), CATALOGS["nah"], NAHUATL, None)
    assert whole == "<p>X</p>"


SPANISH = "---\ntitle: Hola\n---\n\n# Hola\n\nUno dos tres.\n\nCuatro cinco seis.\n\n- siete\n- ocho\n"


def test_a_draft_that_is_still_mostly_spanish_is_not_called_a_translation():
    assert mostly_spanish(SPANISH, SPANISH)
    # Six paragraphs (title, heading, two paragraphs, two items): four still Spanish
    two = SPANISH.replace("Uno dos tres.", "One two three.").replace("- siete", "- seven")
    assert mostly_spanish(SPANISH, two)
    assert not mostly_spanish(SPANISH, two.replace("title: Hola", "title: Hi"))
    where = page_language("nah", "nah", "es", {"translation": {"status": "draft"}}, mostly_spanish=True)
    assert where.kind == "fallback" and where.text_lang == "es"
    html = decorate("<p>X</p>", where, CATALOGS["nah"], NAHUATL, None)
    assert "borrador" not in html and '<div lang="es"><p>X</p></div>' in html


def test_a_reviewer_is_people_or_an_organisation_not_a_process():
    assert reviewer_problem("Ana Pérez, Colectivo Tlamatini") is None
    assert reviewer_problem("Derechos Claros maintainers") is None
    for process in ("", None, "translated in ticket #99", "machine translation", "generado automáticamente", "session helper"):
        assert reviewer_problem(process), process
    assert status_problem({"translation": {"status": "reviewed"}})
    assert status_problem({"translation": {"status": "reviewed", "reviewed_by": "see issue 7"}})
    assert status_problem({"translation": {"status": "reviewed", "reviewed_by": "Ana Pérez"}}) is None



def test_each_reported_state_and_notice_has_its_words_in_spanish_and_english():
    for lang in ("es", "en"):
        strings = CATALOGS[lang].strings["site"]
        assert all(f"status.state.{state}" in strings for state in PAGE_STATES)
        assert all(f"notice.{kind}.title" in strings for kind in (FALLBACK, DRAFT, OUTDATED))
        assert all(f"status.state.{state}" in CATALOGS[lang].translated["site"] for state in PAGE_STATES)


def test_every_page_of_another_language_translates_a_spanish_page(tmp_path):
    for name in ("es/a.md", "es/sub/b.md", "en/a.md", "en/sub/b.md", "en/sub/gone.md", "en/.drafts/c.md",
                 "nah/audio/a.mp3", "nah/solo.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    problems = pages_without_a_source(tmp_path, "es", ["es", "en", "nah"], tmp_path)
    assert [(p.path, p.line) for p in problems] == [("en/sub/gone.md", None), ("nah/solo.md", None)]
    assert "no Spanish page (es/sub/gone.md)" in problems[0].message
    assert check_layout(tmp_path, ["es", "en", "nah"], tmp_path) == []  # the layout check: the folders only
