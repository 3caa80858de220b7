from build_tools.i18n.locales import load_catalogs
from build_tools.translations import DRAFT, FALLBACK, OUTDATED, PAGE_STATES, decorate, page_language, status_problem
from project import ROOT

CATALOGS = load_catalogs(ROOT / "locales", ["es", "en", "nah"], "es", ROOT)


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
    html = decorate("<p>Hola</p>", where, CATALOGS["en"], {"es": "inglés", "en": "English"}, None)
    assert "This page is not translated yet" in html
    assert '<div lang="es"><p>Hola</p></div>' in html


def test_untranslated_notice_falls_back_to_spanish_and_says_so():
    where = page_language("nah", "es", "es", {})
    html = decorate("<p>Hola</p>", where, CATALOGS["nah"], {"es": "náhuatl", "nah": "Nāhuatl"}, None)
    assert '<p class="admonition-title" lang="es">Esta página todavía no está traducida</p>' in html
    # The Spanish sentence names the language as Spanish does
    assert "Aún no hay versión en náhuatl" in html


def test_draft_notice_links_to_spanish():
    where = page_language("nah", "nah", "es", {"translation": {"status": "draft"}})
    html = decorate("<p>X</p>", where, CATALOGS["nah"], {"es": "náhuatl", "nah": "Nāhuatl"}, "../")
    assert "Traducción en borrador" in html and 'href="../"' in html


def test_reviewed_page_is_unchanged():
    where = page_language("en", "en", "es", {"translation": {"status": "reviewed"}})
    assert decorate("<p>X</p>", where, CATALOGS["en"], {"es": "inglés", "en": "English"}, None) == "<p>X</p>"



def test_each_reported_state_and_notice_has_its_words_in_spanish_and_english():
    for lang in ("es", "en"):
        strings = CATALOGS[lang].strings["site"]
        assert all(f"status.state.{state}" in strings for state in PAGE_STATES)
        assert all(f"notice.{kind}.title" in strings for kind in (FALLBACK, DRAFT, OUTDATED))
        assert all(f"status.state.{state}" in CATALOGS[lang].translated["site"] for state in PAGE_STATES)
