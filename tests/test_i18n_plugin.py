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


def test_head_alternates_are_dropped_but_not_the_selector_links():
    from build_tools.i18n.plugin import drop_head_alternates

    html = (
        '<head><link rel="canonical" href="x">\n<link rel="alternate" href="/" hreflang="es">\n'
        '<link rel="alternate" href="/en/" hreflang="en">\n'
        '<link rel="alternate" type="application/rss+xml" href="feed.xml"></head>'
        '<body><a href="/en/" hreflang="en" class="md-select__link">English</a></body>'
    )
    out = drop_head_alternates(html)
    assert 'hreflang="es"' not in out and '<link rel="alternate" href="/en/"' not in out
    assert "rss+xml" in out and 'class="md-select__link"' in out and '<link rel="canonical"' in out


def test_format_locale_falls_back_for_languages_babel_lacks():
    instance = plugin()
    assert str(instance.format_locale("nah")) == "es_MX"
    assert str(instance.format_locale("en")) == "en"
    assert instance.language_prefix("es") == "" and instance.language_prefix("nah") == "nah"
