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
