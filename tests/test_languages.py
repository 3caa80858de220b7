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


def _languages_config(*locales):
    config = I18nConfig()
    config.load_dict({
        "docs_structure": "folder",
        "languages": [
            {"locale": locale, "name": locale, "default": index == 0, "build": True}
            for index, locale in enumerate(locales)
        ],
    })
    return config.validate()


def test_plugin_config_accepts_indigenous_language_tags():
    failed, _ = _languages_config("es", "en", "nah", "tzo", "mix")
    assert failed == []


def test_plugin_config_rejects_a_fake_tag():
    failed, _ = _languages_config("es", "qq")
    assert failed and "qq" in str(failed)


def test_babel_locale_uses_configured_then_own_then_fallback():
    assert str(languages.babel_locale("es", "es_MX")) == "es_MX"
    assert str(languages.babel_locale("en")) == "en"
    # Babel has no CLDR data for Nahuatl: the fallback formats its numbers
    assert str(languages.babel_locale("nah", None, "es_MX")) == "es_MX"


def test_babel_locale_rejects_an_unknown_configured_locale():
    with pytest.raises(ValueError):
        languages.babel_locale("es", "xx_YY")
