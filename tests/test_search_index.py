"""build_tools.i18n.search_index, without MkDocs."""

import json

from build_tools.i18n import search_index


def test_lunr_languages_come_from_the_files_material_ships(tmp_path):
    folder = tmp_path / "assets/javascripts/lunr/min"
    folder.mkdir(parents=True)
    for name in ("lunr.es.min.js", "lunr.fr.min.js", "lunr.multi.min.js", "lunr.stemmer.support.min.js"):
        (folder / name).write_text("")
    assert search_index.lunr_languages([tmp_path / "nothing", tmp_path]) == {"en", "es", "fr"}


def test_a_language_with_a_stemmer_gets_only_its_own():
    settings = search_index.search_settings("es", {"en", "es"}, "[\\s]+")
    assert settings["lang"] == ["es"] and "stemmer" in settings["pipeline"]
    assert settings["separator"] == "[\\s]+"
    assert search_index.search_settings("es-MX", {"en", "es"}, "x")["lang"] == ["es"]
    assert search_index.search_settings("en", {"en"}, "x")["lang"] == ["en"]


def test_a_language_without_a_stemmer_loads_none_and_runs_no_pipeline():
    for tag in ("nah", "tzo", "mix"):
        settings = search_index.search_settings(tag, {"en", "es"}, "[\\s]+")
        # Material's worker imports nothing for English alone; no pipeline step runs
        assert settings == {"lang": ["en"], "pipeline": [], "separator": search_index.PLAIN_SEPARATOR}


def test_plain_separator_splits_punctuation_but_keeps_glottal_stops():
    import re

    separator = re.compile(search_index.PLAIN_SEPARATOR)
    assert [w for w in separator.split("¿Cuánto es? Ja'ch k'op, día.") if w] == ["Cuánto", "es", "Ja'ch", "k'op", "día"]


def test_locations_become_relative_to_the_language_root():
    entries = [{"location": "en/"}, {"location": "en/hogar/aguinaldo/#cuanto"}, {"location": "enlaces/"}]
    search_index.relative_to_language(entries, "en")
    assert [e["location"] for e in entries] == ["", "hogar/aguinaldo/#cuanto", "enlaces/"]
    unchanged = [{"location": "hogar/"}]
    search_index.relative_to_language(unchanged, "")
    assert unchanged == [{"location": "hogar/"}]


def test_config_base_points_at_the_language_root():
    config = {"base": "../../..", "search": "../../../assets/x.js", "translations": {"a": "<b> & 'c'"}}
    html = f'<p>x</p><script id="__config" type="application/json">{json.dumps(config, sort_keys=True)}</script><p>y</p>'
    out = search_index.set_config_base(html, "en")
    data = json.loads(out.split('application/json">')[1].split("</script>")[0])
    assert data["base"] == "../../../en/" and data["search"] == config["search"]
    assert data["translations"] == config["translations"] and "<b>" not in out.split("<script")[1]
    assert out.startswith("<p>x</p>") and out.endswith("<p>y</p>")
    assert search_index.set_config_base(html, "") == html
    assert search_index.language_base("/", "nah") == "/nah/"
    assert search_index.language_base(".", "nah") == "./nah/"


def test_a_pages_entries_get_its_search_words_and_contributor_pages_a_low_boost():
    entries = [
        {"location": "hogar/", "title": "Hogar", "text": ""},
        {"location": "hogar/despido/", "title": "Despido", "text": ""},
        {"location": "hogar/despido/#derechos", "title": "Derechos", "text": "x"},
    ]
    assert search_index.add_page_fields(entries, "hogar/despido/", ["me corrieron", "fired"], last=False) == 2
    # The words on the page's own entry only: a heading's entry is found by its text
    assert entries[1][search_index.WORDS_FIELD] == "me corrieron fired"
    assert search_index.WORDS_FIELD not in entries[2] and "boost" not in entries[1]
    # Entries of the page before are not this page's ("hogar/" is a prefix of the address)
    assert search_index.WORDS_FIELD not in entries[0]
    entries.append({"location": "participa/estilo/", "title": "Estilo", "text": ""})
    entries.append({"location": "participa/estilo/#x", "title": "X", "text": ""})
    assert search_index.add_page_fields(entries, "participa/estilo/", [], last=True) == 2
    assert [e.get("boost") for e in entries] == [None, None, None, search_index.LAST_BOOST, search_index.LAST_BOOST]
    assert search_index.WORDS_FIELD not in entries[3]
    # A page the search leaves out (search: exclude) has no entries: nothing changes
    assert search_index.add_page_fields(entries, "otra/", ["x"], last=True) == 0
    # The home page's address is '' and its headings' '#...'
    home = [{"location": "", "title": "Inicio", "text": ""}, {"location": "#temas", "title": "Temas", "text": ""}]
    assert search_index.add_page_fields(home, "", ["inicio"], last=False) == 2 and home[0]["words"] == "inicio"


def test_search_words_are_read_with_their_problems_named_by_line():
    import pytest

    from build_tools.errors import ContentError
    from build_tools.front_matter import read_search_words

    page = '---\ntitle: Despido\nsearch_words:\n  - "me corrieron"\n  - fired\n---\n\n# Despido\n'
    assert read_search_words(page, "docs/es/x.md") == ["me corrieron", "fired"]
    assert read_search_words("---\ntitle: x\n---\n\n# x\n", "p") == []
    for front, message in [
        ("search_words: fired", "docs/es/x.md:3: 'search_words' must be a list of words or phrases, one per line starting with '- '"),
        ("search_words:\n  - fired\n  - ''", "docs/es/x.md:5: each 'search_words' item must be one word or phrase of text"),
        ("search_words:\n  - {a: b}", "docs/es/x.md:4: each 'search_words' item must be one word or phrase of text"),
    ]:
        with pytest.raises(ContentError) as error:
            read_search_words(f"---\ntitle: x\n{front}\n---\n\n# x\n", "docs/es/x.md")
        assert str(error.value) == message
