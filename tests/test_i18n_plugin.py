from build_tools.i18n.plugin import I18nPlugin


def plugin():
    instance = I18nPlugin()
    errors, _ = instance.load_config({
        "docs_structure": "folder",
        "languages": [
            {"locale": "es", "name": "Español", "default": True, "build": True},
            {"locale": "en", "name": "English", "build": True},
            {"locale": "nah", "name": "Náhuatl", "build": True},
        ],
    })
    assert errors == []
    return instance


def test_search_duplicates_of_the_default_language_are_dropped_in_one_pass():
    entries = [
        {"location": "", "title": "Inicio", "text": "Hola"},
        {"location": "hogar/#a", "title": "A", "text": "Texto"},
        {"location": "nah/hogar/#a", "title": "A", "text": "Texto"},  # a fallback copy: dropped
        {"location": "nah/", "title": "Inicio", "text": "Hola"},  # dropped
        {"location": "en/hogar/#a", "title": "A", "text": "Text"},  # translated: kept
        {"location": "nah/hogar/#b", "title": "A", "text": "Texto"},  # other section: kept
    ]
    plugin().reconfigure_search_duplicates(entries)
    assert [e["location"] for e in entries] == ["", "hogar/#a", "en/hogar/#a", "nah/hogar/#b"]


def test_format_locale_falls_back_for_languages_babel_lacks():
    instance = plugin()
    assert str(instance.format_locale("nah")) == "es_MX"
    assert str(instance.format_locale("en")) == "en"
    assert instance.language_prefix("es") == "" and instance.language_prefix("nah") == "nah"
