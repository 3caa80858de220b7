from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs_static_i18n.config import I18nPluginConfig, I18nPluginLanguage

from build_tools.i18n import languages


class LanguageTag(c.Type):
    """A BCP 47 language tag, checked against the IANA registry."""

    def __init__(self):
        super().__init__(str)

    def run_validation(self, value):
        value = super().run_validation(value)
        if problem := languages.tag_error(value):
            raise ValidationError(problem)
        return value


# -----------------------------------------------------------------------------


class LanguageConfig(I18nPluginLanguage):
    locale = LanguageTag()

    # Babel locale for numbers and dates; default: the tag, else the fallback
    format_locale = c.Optional(c.Type(str))


class I18nConfig(I18nPluginConfig):
    build_only_locale = c.Optional(LanguageTag())
    languages = c.ListOfItems(c.SubConfig(LanguageConfig, validate=True))

    # Babel locale for languages Babel has no data for
    fallback_format_locale = c.Type(str, default="es_MX")
