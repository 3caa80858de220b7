from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError
from mkdocs_static_i18n.config import I18nPluginConfig, I18nPluginLanguage

from build_tools.i18n import languages

WHERE = "mkdocs.yml, plugins: derechos-i18n: languages"


class LanguageTag(c.Type):
    """A BCP 47 language tag, checked against the IANA registry."""

    def __init__(self):
        super().__init__(str)

    def run_validation(self, value):
        value = super().run_validation(value)
        if problem := languages.tag_error(value):
            raise ValidationError(problem)
        return value


class Text(c.Type):
    """Text that is not empty."""

    def __init__(self):
        super().__init__(str)

    def run_validation(self, value):
        value = super().run_validation(value)
        if not value.strip():
            raise ValidationError("está vacío / is empty")
        return value


# -----------------------------------------------------------------------------


class LanguageConfig(I18nPluginLanguage):
    locale = LanguageTag()

    # The language's own name for itself, shown in the language switcher ("Nāhuatl")
    name = Text()

    # Its name inside Spanish sentences, lower case ("náhuatl"); required (checked below)
    name_es = c.Optional(Text())

    # Which variety this entry is, in Spanish ("tsotsil de los Altos de Chiapas")
    variety = c.Optional(Text())

    # Languages tried, in order, before the source language (nhe: [nah])
    fallback = c.ListOfItems(LanguageTag(), default=[])

    # Babel locale for numbers and dates; default: the tag, else the fallback
    format_locale = c.Optional(c.Type(str))


class I18nConfig(I18nPluginConfig):
    build_only_locale = c.Optional(LanguageTag())
    languages = c.ListOfItems(c.SubConfig(LanguageConfig, validate=True))

    # Babel locale for languages Babel has no data for
    fallback_format_locale = c.Type(str, default="es_MX")

    # Upstream's validate() makes build_only_locale the default language, so
    # the project would take it for its source: keep the source, build only it.
    def validate(self):
        failed, warnings = Config.validate(self)
        if not failed:
            failed.extend(self._language_problems())
        if not failed and self.build_only_locale:
            for lang in self.languages:
                lang.build = lang.locale == self.build_only_locale
        return failed, warnings

    def _language_problems(self) -> list[tuple[str, ValidationError]]:
        tags = [lang.locale for lang in self.languages if lang.locale != languages.NULL_LOCALE]
        sources = [lang for lang in self.languages if lang.default]
        if len(sources) != 1:
            return [("languages", ValidationError(
                f"{WHERE}: marca exactamente un idioma, el de origen, con 'default: true' / "
                f"mark exactly one language, the source, with 'default: true' "
                f"(found {len(sources)})"
            ))]
        source = sources[0]
        problems = []
        if not (source.build or self.build_only_locale):
            problems.append(f"'{source.locale}': el idioma de origen necesita 'build: true' / the source language needs 'build: true'")
        if source.fallback:
            problems.append(
                f"entry '{source.locale}', fallback: el idioma de origen no recurre a otro; quita 'fallback' / "
                f"the source language falls back to none; remove 'fallback'"
            )
        if self.build_only_locale and self.build_only_locale not in tags:
            listed = ", ".join(tags)
            problems.append(
                f"build_only_locale (DC_ONLY_LANG): '{self.build_only_locale}' no es uno de estos idiomas: {listed} / "
                f"is not one of these languages: {listed}"
            )
        if len(set(tags)) != len(tags):
            problems.append("un idioma aparece dos veces / a language is listed twice")
        for lang in self.languages:
            if lang.locale != languages.NULL_LOCALE and not lang.name_es:
                problems.append(
                    f"entry '{lang.locale}': falta 'name_es', su nombre en una oración en español, en minúsculas "
                    f"(por ejemplo 'náhuatl') / 'name_es' is missing: its name inside a Spanish sentence, lower case"
                )
        fallbacks = {tag: list(self._entry(tag).fallback) for tag in tags}
        for tag, problem in languages.fallback_problems(fallbacks, source.locale).items():
            problems.append(f"entry '{tag}', fallback: {problem}")
        return [("languages", ValidationError(f"{WHERE}: {problem}")) for problem in problems]

    def _entry(self, tag: str) -> LanguageConfig:
        return next(lang for lang in self.languages if lang.locale == tag)
