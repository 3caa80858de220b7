import pytest
from mkdocs.config.base import ValidationError
from mkdocs_static_i18n.config import Locale as UpstreamLocale

from build_tools.i18n import languages
from build_tools.i18n.config import I18nConfig, LanguageTag


@pytest.mark.parametrize("tag", ["es", "en", "nah", "tzo", "mix", "zap", "es-MX", "nah-MX"])
def test_real_bcp47_tags_are_accepted(tag):
    assert languages.is_valid_tag(tag)
    assert LanguageTag().run_validation(tag) == tag


@pytest.mark.parametrize("tag", ["xx", "zz", "img", "nahuatl", "", "es_MX", " es", "123"])
def test_made_up_or_malformed_tags_are_rejected(tag):
    assert not languages.is_valid_tag(tag)
    with pytest.raises(ValidationError):
        LanguageTag().run_validation(tag)


def test_underscore_error_explains_the_hyphen():
    assert "use '-'" in languages.tag_error("es_MX")


def test_upstream_rejects_three_letter_codes_which_is_why_the_adapter_exists():
    with pytest.raises(ValidationError):
        UpstreamLocale(str).run_validation("nah")


def _languages_config(*locales, only=None, **entries):
    """Validate a plugin config with these languages (the first is the source);
    ``entries`` adds options to a language: nah={"fallback": ["es"]}."""
    config = I18nConfig()
    config.load_dict({
        "docs_structure": "folder",
        "build_only_locale": only,
        "languages": [
            {"locale": locale, "name": locale, "name_es": locale, "default": index == 0, "build": True,
             **entries.get(locale, {})}
            for index, locale in enumerate(locales)
        ],
    })
    failed, _ = config.validate()
    return config, " ".join(str(error) for _, error in failed)


def test_plugin_config_accepts_indigenous_language_tags():
    _, failed = _languages_config("es", "en", "nah", "tzo", "mix")
    assert failed == ""


def test_plugin_config_rejects_a_fake_tag():
    _, failed = _languages_config("es", "qq")
    assert "qq" in failed


def test_the_project_languages_have_names_varieties_and_chains():
    from mkdocs.config import load_config

    from build_tools.pipeline.site import i18n_plugin
    from project import ROOT

    i18n = i18n_plugin(load_config(str(ROOT / "mkdocs.yml")))
    assert i18n.source_language == "es"
    assert [i18n.get_language_config(tag).name for tag in i18n.language_tags] == [
        "Español", "English", "Nāhuatl", "Batsʼi kʼop", "Tu'un savi"]
    assert [i18n.spanish_name(tag) for tag in i18n.language_tags] == ["español", "inglés", "náhuatl", "tsotsil", "mixteco"]
    assert i18n.variety("tzo") == "tsotsil de los Altos de Chiapas" and i18n.variety("es") is None
    assert all(i18n.variety(tag) for tag in ("nah", "tzo", "mix"))
    assert i18n.fallback_chain("nah") == ["nah", "es"] and i18n.fallback_chain("es") == ["es"]


@pytest.mark.parametrize("fallbacks, chain", [
    ({"nhe": ["nah"]}, ["nhe", "nah", "es"]),
    # The fallbacks' own fallbacks follow, each language once
    ({"nhe": ["nah"], "nah": ["nch"], "nch": []}, ["nhe", "nah", "nch", "es"]),
    ({"nhe": ["nch", "nah"], "nah": ["nch"]}, ["nhe", "nch", "nah", "es"]),
    ({}, ["nhe", "es"]),
])
def test_fallback_chain_ends_with_the_source(fallbacks, chain):
    assert languages.fallback_chain("nhe", fallbacks, "es") == chain


@pytest.mark.parametrize("entries, expected", [
    ({"nhe": {"fallback": ["zap"]}}, "entry 'nhe', fallback: 'zap' no es un idioma de esta lista"),
    ({"nhe": {"fallback": ["nhe"]}}, "a language cannot fall back to itself ('nhe')"),
    ({"nhe": {"fallback": ["es"]}}, "leave out 'es': the source language is always the last fallback"),
    ({"nhe": {"fallback": ["nah", "nah"]}}, "entry 'nhe', fallback: un idioma aparece dos veces"),
    ({"nhe": {"fallback": ["nah"]}, "nah": {"fallback": ["nhe"]}}, "círculo: nah → nhe → nah"),
    ({"es": {"fallback": ["nah"]}}, "entry 'es', fallback: el idioma de origen no recurre a otro"),
    ({"nhe": {"fallback": ["xx"]}}, "'xx' is not a registered BCP 47 language tag"),
])
def test_bad_fallbacks_name_mkdocs_yml_the_entry_and_the_reason(entries, expected):
    _, failed = _languages_config("es", "nah", "nhe", **entries)
    assert expected in failed
    if "registered" not in expected:
        assert "mkdocs.yml, plugins: derechos-i18n: languages" in failed


def test_a_language_needs_its_spanish_name():
    _, failed = _languages_config("es", "nah", nah={"name_es": None})
    assert "entry 'nah': falta 'name_es'" in failed and "'name_es' is missing" in failed
    _, failed = _languages_config("es", "nah", nah={"variety": "  "})
    assert "variety" in failed and "is empty" in failed


def test_exactly_one_source_language():
    _, failed = _languages_config("es", "nah", nah={"default": True})
    assert "exactly one language, the source" in failed and "(found 2)" in failed


def test_building_one_language_keeps_the_source_language():
    config, failed = _languages_config("es", "en", "nah", only="nah")
    assert failed == ""
    assert [(lang.locale, lang.default, lang.build) for lang in config.languages] == [
        ("es", True, False), ("en", False, False), ("nah", False, True)]
    _, failed = _languages_config("es", "en", only="nah")
    assert "DC_ONLY_LANG" in failed and "is not one of these languages: es, en" in failed


def test_babel_locale_uses_configured_then_own_then_fallback():
    assert str(languages.babel_locale("es", "es_MX")) == "es_MX"
    assert str(languages.babel_locale("en")) == "en"
    # Babel has no CLDR data for Nahuatl: the fallback formats its numbers
    assert str(languages.babel_locale("nah", None, "es_MX")) == "es_MX"


def test_babel_locale_rejects_an_unknown_configured_locale():
    with pytest.raises(ValueError):
        languages.babel_locale("es", "xx_YY")
