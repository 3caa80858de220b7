import subprocess
import sys

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, get_files
from mkdocs_static_i18n import folder

from build_tools.i18n import folder_files
from build_tools.i18n.plugin import I18nPlugin
from project import LANGUAGES, ROOT, build_env, run_build


def plugin(only=None):
    instance = I18nPlugin()
    errors, _ = instance.load_config({
        "docs_structure": "folder",
        "build_only_locale": only,
        "languages": [
            {"locale": "es", "name": "Español", "name_es": "español", "default": True, "build": True},
            {"locale": "en", "name": "English", "name_es": "inglés", "build": True},
            {"locale": "nah", "name": "Nāhuatl", "name_es": "náhuatl", "build": True},
            {"locale": "nhe", "name": "Nāhuatl", "name_es": "náhuatl de la Huasteca", "build": True, "fallback": ["nah"]},
        ],
    })
    assert errors == []
    return instance


def test_source_language_stays_spanish_when_building_one_language():
    assert plugin().source_language == "es" and plugin().build_languages == ["es", "en", "nah", "nhe"]
    only = plugin(only="nah")
    assert only.source_language == "es" and only.build_languages == ["nah"]
    assert only.fallback_chain("nhe") == ["nhe", "nah", "es"]
    assert only.spanish_name("nhe") == "náhuatl de la Huasteca" and only.variety("nhe") is None


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


NHE_ENTRY = """\
        - locale: nhe
          name: Nāhuatl
          name_es: náhuatl de la Huasteca oriental
          variety: náhuatl de la Huasteca oriental
          fallback: [nah]
          build: true
"""


def add_language(project, entry: str) -> None:
    """Append a language entry after the last one in the copy's mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    languages_end = text.index("\nhooks:")
    config.write_text(text[:languages_end].rstrip("\n") + "\n" + entry + text[languages_end:], encoding="utf-8")


def project_plugin(project, only: str):
    """The plugin as `mkdocs build` in the copy loads it, with DC_ONLY_LANG=only."""
    script = (
        "import json; from mkdocs.config import load_config; from build_tools.pipeline.site import i18n_plugin; "
        "i18n = i18n_plugin(load_config('mkdocs.yml')); "
        "print(json.dumps([i18n.source_language, i18n.build_languages, i18n.fallback_chain('nhe')]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=project, env=build_env({"DC_ONLY_LANG": only}),
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.build
def test_eastern_huasteca_nahuatl_needs_no_python(project_copy, tmp_path):
    add_language(project_copy, NHE_ENTRY)
    (project_copy / "locales/nhe.yml").write_text("", encoding="utf-8")
    assert project_plugin(project_copy, "nhe").strip() == '["es", ["nhe"], ["nhe", "nah", "es"]]'
    site = tmp_path / "site"
    result = run_build(project_copy, site, only_lang="nhe")
    assert result.returncode == 0, result.stdout + result.stderr
    # Without docs/nhe/ every page falls back: the notice names the language in Spanish
    page = (site / "nhe/hogar/aguinaldo/index.html").read_text(encoding="utf-8")
    assert '<html lang="nhe"' in page
    assert "Aún no hay versión en náhuatl de la Huasteca oriental" in page and '<div lang="es">' in page
    assert not (site / "index.html").exists() and not (site / "nah").exists()


@pytest.mark.build
def test_a_fallback_to_an_unknown_language_stops_the_build_naming_mkdocs_yml(project_copy, tmp_path):
    add_language(project_copy, NHE_ENTRY.replace("fallback: [nah]", "fallback: [nch]"))
    result = run_build(project_copy, tmp_path / "site", only_lang="es")
    assert result.returncode != 0
    assert "mkdocs.yml, plugins: derechos-i18n: languages: entry 'nhe', fallback: 'nch'" in result.stderr
    assert "Traceback" not in result.stderr


# What a language build's file has: MkDocs' own fields and upstream's
FILE_FIELDS = (
    "src_uri", "src_path", "src_dir", "dest_dir", "use_directory_urls", "dest_uri", "dest_path", "inclusion",
    "abs_src_path", "abs_dest_path", "url", "name", "locale", "locale_alternate_of", "localization", "norm_src_uri",
)


def _fields(file) -> dict:
    found = {name: getattr(file, name) for name in FILE_FIELDS}
    found["alternates"] = {tag: alternate is file for tag, alternate in file.alternates.items()}
    return found


def test_files_are_made_for_each_language_as_upstream_makes_them(monkeypatch, tmp_path):
    """build_tools/i18n/folder_files.py against mkdocs-static-i18n's own
    create_i18n_file: every file of the site, and paths that take upstream's
    way, in every language build."""
    tags = [tag for tag, _ in LANGUAGES]
    monkeypatch.setattr(folder, "RE_LOCALE", folder_files.language_folder_pattern(tags))
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    files = list(get_files(config))
    odd = ["README.md", "es/hogar/README.md", "nah", "en/x//y.md", "./es/a.md", "fr/a.md", "es/a b/ñ.md", "assets/es.png", "esx/a.md"]
    files += [File(path, config.docs_dir, config.site_dir, config.use_directory_urls) for path in odd]
    assert len(files) > 100
    for current in tags:
        for file in files:
            ours = folder_files.create_i18n_file(file, current, "es", tags, config)
            theirs = folder_files.UPSTREAM(file, current, "es", tags, config)
            assert _fields(ours) == _fields(theirs), (current, file.src_uri)
