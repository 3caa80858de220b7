"""The upstream seams: what the project copies from, patches in or reads out of
Material for MkDocs, mkdocs-static-i18n and MkDocs (README, "Upstream seams").

These tests fail when a new pinned version changes one of those things, and
say what to compare and where to port the change. They read the installed
packages only: no build runs.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import jinja2
import material
import mkdocs
import mkdocs_static_i18n
import pytest
from markdown.extensions import toc
from material.plugins.search.plugin import SearchIndex, SearchPlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import YAML_RE
from mkdocs_static_i18n import folder
from mkdocs_static_i18n.config import I18nPluginConfig, I18nPluginLanguage
from mkdocs_static_i18n.plugin import I18n

from build_tools.i18n import search_index, theme_env
from build_tools.i18n.config import LanguageConfig
from build_tools.i18n.locales import load_catalogs, material_partial
from build_tools.i18n.plugin import I18nPlugin, drop_head_alternates
from build_tools.pipeline import Pipeline
from build_tools.reader import offline
from project import ROOT

THIS_FILE = "tests/test_upstream_seams.py"
PACKAGE_DIRS = {
    "mkdocs-material": Path(material.__file__).parent,
    "mkdocs-static-i18n": Path(mkdocs_static_i18n.__file__).parent,
    "mkdocs": Path(mkdocs.__file__).parent,
}
MATERIAL = PACKAGE_DIRS["mkdocs-material"] / "templates"


def installed(distribution: str) -> str:
    return importlib.metadata.version(distribution)


# Forked files ----------------------------------------------------------------


@dataclass(frozen=True)
class Fork:
    ours: str  # path in this project
    distribution: str
    upstream: str  # path inside the installed package
    version: str  # the version it was copied from
    sha256: str  # of that version's file

    @property
    def upstream_path(self) -> Path:
        return PACKAGE_DIRS[self.distribution] / self.upstream

    @property
    def shown(self) -> str:
        """The upstream file as named in the package, e.g. material/templates/main.html."""
        return self.upstream_path.relative_to(PACKAGE_DIRS[self.distribution].parent).as_posix()


FORKS = [
    # Material's, plus a name for the search dialog
    Fork("overrides/partials/search.html", "mkdocs-material", "templates/partials/search.html", "9.8.1",
         "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30"),
    # Material's, with the page's own alternates and target="_self"
    Fork("overrides/partials/alternate.html", "mkdocs-material", "templates/partials/alternate.html", "9.8.1",
         "572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b"),
    # Material's, plus the "save for offline" entry after the search button
    Fork("overrides/partials/header.html", "mkdocs-material", "templates/partials/header.html", "9.8.1",
         "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f"),
    # Material's main.html only extends base.html; ours also fills three of its blocks
    Fork("overrides/main.html", "mkdocs-material", "templates/main.html", "9.8.1",
         "9948b55a7bc979c35825df99baba9e6971fca4eb298dea3cdde61e990a2de5e0"),
    # Material's says "404 - Not found" in English; ours, in the language, with ways on
    Fork("overrides/404.html", "mkdocs-material", "templates/404.html", "9.8.1",
         "80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495"),
    # Ours replaces both: upstream i18n's is used unless custom_dir has one
    Fork("overrides/sitemap.xml", "mkdocs-static-i18n", "custom_i18n_sitemap/sitemap.xml", "1.3.1",
         "538e71a0c68befdae40bb4e0451150b1ca424ef5b1c4f0e0e7d806640d17e5e7"),
    Fork("overrides/sitemap.xml", "mkdocs", "templates/sitemap.xml", "1.6.1",
         "0950766d642ac999c74b68150a39a961a5103bda5e2d9d7747f4c06522c11b18"),
]


@pytest.mark.parametrize("fork", FORKS, ids=lambda f: f"{f.ours}<-{f.distribution}")
def test_forked_file_matches_the_upstream_file_it_was_copied_from(fork):
    upstream, shown = fork.upstream_path, fork.shown
    assert upstream.is_file(), (
        f"{fork.ours} replaces {shown} from {fork.distribution} {fork.version}, which is gone in the "
        f"installed version {installed(fork.distribution)}: find where that version moved it, check that "
        f"the override still takes effect, then update the path in {THIS_FILE}"
    )
    digest = hashlib.sha256(upstream.read_bytes()).hexdigest()
    assert digest == fork.sha256, (
        f"{fork.ours} is a copy of {shown} from {fork.distribution} {fork.version}, which has changed "
        f"in the installed version {installed(fork.distribution)}: compare the two, port the change, "
        f"then update the version and hash in {THIS_FILE}"
    )


@pytest.mark.parametrize("fork", FORKS, ids=lambda f: f"{f.ours}<-{f.distribution}")
def test_forked_file_says_where_it_came_from(fork):
    comment = (ROOT / fork.ours).read_text(encoding="utf-8").split("-#}", 1)[0]
    head = " ".join(comment.split())  # as wrapped in the file
    assert fork.shown in head and f"{fork.distribution} {fork.version}" in head, (
        f"{fork.ours}: its first comment must say it comes from {fork.shown}, "
        f"{fork.distribution} {fork.version} (see {THIS_FILE})"
    )


# Material's base.html, which main.html extends -------------------------------

BASE = MATERIAL / "base.html"


def base_source() -> str:
    return BASE.read_text(encoding="utf-8")


def test_base_html_has_the_blocks_main_html_fills_with_the_config_before_the_bundle():
    source = base_source()
    starts = {name: source.find(f"{{% block {name} %}}") for name in ("extrahead", "footer", "config", "scripts")}
    missing = [name for name, at in starts.items() if at < 0]
    assert not missing, f"Material's base.html has no block {missing}: overrides/main.html fills them"
    # search-on-demand.js, included at the end of `config`, must run before Material's bundle
    assert starts["config"] < starts["scripts"], (
        "Material's base.html now loads its bundle before the `config` block: "
        "overrides/partials/search-on-demand.html must run before it"
    )


def test_base_html_config_script_is_the_one_the_build_rewrites():
    source = base_source()
    tag = '<script id="__config" type="application/json">'
    assert tag in source, (
        "Material's base.html no longer writes " + tag + ": build_tools/i18n/search_index.py (set_config_base) "
        "and build_tools/reader/offline.py (page_needs) read it, build_tools/reader/offline_worker.js (CONFIG) rewrites it"
    )
    config = source[source.index(tag):source.index("</script>", source.index(tag))]
    for key in ('"base": base_url', '"search": "assets/javascripts/workers/'):
        assert key in config, f"Material's __config no longer has {key}: build_tools/i18n/search_index.py and offline.py use it"


def test_config_rewrite_serialises_like_materials_tojson():
    # Material writes __config with Jinja's tojson; set_config_base must write the same bytes
    env = jinja2.Environment()
    template = env.from_string('<script id="__config" type="application/json">{{ config | tojson }}</script>')
    config = {"base": ".", "features": [], "search": "assets/x.js", "translations": {"a": "<b> & 'c'"}}
    written = template.render(config=config)
    expected = template.render(config={**config, "base": search_index.language_base(".", "en")})
    assert search_index.set_config_base(written, "en") == expected


def test_head_alternate_links_are_the_markup_the_build_removes():
    match = re.search(r'<link rel="alternate" href="\{\{ alt\.link[^\n]*>', base_source())
    assert match, (
        "Material's base.html no longer writes <link rel=\"alternate\"> for extra.alternate the way "
        "build_tools/i18n/plugin.py (drop_head_alternates) and build_tools/reader/offline.py (_ALTERNATE) expect"
    )
    env = jinja2.Environment()
    env.filters["url"] = lambda value: value
    line = env.from_string(match.group(0)).render(alt={"link": "/en/", "lang": "en"}, lang={"t": lambda key: "es"})
    html = f"<html><head>{line}\n<title>x</title></head><body></body></html>"
    assert "alternate" not in drop_head_alternates(html), f"drop_head_alternates no longer removes {line}"
    assert offline._ALTERNATE.search(html), f"build_tools/reader/offline.py no longer finds {line}"


def test_search_toggle_and_form_the_offline_copy_hides():
    assert 'id="__search"' in base_source(), "Material's search toggle is no longer #__search (build_tools/reader/offline.py NO_SEARCH)"
    # NO_SEARCH needs !important over this rule, which shows the header's search button
    css = next((PACKAGE_DIRS["mkdocs-material"] / "templates/assets/stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    assert ".md-header__button:not([hidden]){display:inline-block}" in css and "!important}" in offline.NO_SEARCH, (
        "Material's rule for header buttons changed: check that build_tools/reader/offline.py NO_SEARCH still hides the zip copy's search"
    )
    search = (ROOT / "overrides/partials/search.html").read_text(encoding="utf-8")
    assert offline._SEARCH_FORM.search(search), "overrides/partials/search.html has no <form name=\"search\"> (build_tools/reader/offline.py)"


def test_article_and_title_the_not_saved_page_is_made_with():
    article = re.search(r'<article class="md-content__inner md-typeset">.*?</article>', base_source(), re.S)
    assert article and "{% block content %}" in article.group(0), (
        "Material's base.html no longer puts the page's content in <article class=\"md-content__inner md-typeset\">: "
        "build_tools/reader/offline_worker.js (ARTICLE) puts the \"not saved\" text there in a saved page"
    )
    assert '<article class="md-content__inner md-typeset"' in offline.WORKER_SOURCE.read_text(encoding="utf-8"), (
        "build_tools/reader/offline_worker.js (ARTICLE) no longer looks for base.html's <article>"
    )
    # A page without a title (the 404 page) is titled by the site's name alone
    assert "<title>{{ config.site_name }}</title>" in base_source() and (MATERIAL / "404.html").is_file(), (
        "Material's 404 page is no longer titled by the site's name: build_tools/reader/offline.py (not_saved_text) reads it there"
    )
    # The worker drops the saved page's table of contents, by its opening tag, up to the matching </nav>
    toc = (MATERIAL / "partials/toc.html").read_text(encoding="utf-8")
    assert '<nav class="md-nav md-nav--secondary"' in toc and "CONTENTS = '<nav class=\"md-nav md-nav--secondary\"'" in offline.WORKER_SOURCE.read_text(encoding="utf-8"), (
        "Material's partials/toc.html changed its <nav class=\"md-nav md-nav--secondary\">: "
        "build_tools/reader/offline_worker.js (CONTENTS) would leave the saved page's table of contents in the \"not saved\" page"
    )


# Material's search: worker, bundle, lunr files, index -----------------------

WORKER = "search.a7633da7.min.js"
BUNDLE = "bundle.a5f9d56c.min.js"


def script_in_base(pattern: str) -> str:
    match = re.search(pattern, base_source())
    assert match, f"Material's base.html no longer loads a script matching {pattern}"
    return match.group(1)


def test_materials_search_worker_is_the_one_our_worker_loads():
    path = PurePosixPath(script_in_base(r'"search": "(assets/javascripts/workers/[^"]+)"'))
    assert path.name == WORKER, (
        f"Material's search worker is now {path.name} in mkdocs-material {installed('mkdocs-material')}: "
        "overrides/assets/javascripts/workers/search-stemmed.js loads it and replaces lunr.Index.prototype.search. "
        f"Check search still stems while typing (tests/test_search_browser.py), then update WORKER in {THIS_FILE}"
    )
    assert (MATERIAL / path).is_file()
    # Ours is served beside it, so that the worker's ../lunr/min/ paths still resolve
    assert (ROOT / "overrides" / path.parent / "search-stemmed.js").is_file(), (
        f"overrides/assets/javascripts/workers/search-stemmed.js must sit in Material's worker folder {path.parent}"
    )
    assert (MATERIAL / path.parent / ".." / search_index.LUNR_DIR.relative_to(path.parent.parent)).is_dir()


def test_materials_bundle_is_the_one_search_on_demand_wraps():
    name = script_in_base(r"'assets/javascripts/(bundle\.[0-9a-f]+\.min\.js)'")
    assert name == BUNDLE, (
        f"Material's bundle is now {name} in mkdocs-material {installed('mkdocs-material')}: "
        "overrides/assets/javascripts/search-on-demand.js holds back its XMLHttpRequest for the search index "
        "and its new Worker. Check the search still waits to be opened and then works "
        f"(tests/test_search_browser.py, tests/test_privacy.py), then update BUNDLE in {THIS_FILE}"
    )


def test_materials_bundle_opens_the_search_for_an_address_with_q():
    bundle = (MATERIAL / "assets/javascripts" / BUNDLE).read_text(encoding="utf-8")
    assert re.search(r'\.has\("q"\)&&\(\w+\("search",!0\)', bundle), (
        f"Material's bundle {BUNDLE} no longer opens the search when the address has ?q=: "
        "the search link of overrides/404.html needs another way to open it (tests/test_not_found.py)"
    )


def test_lunr_files_the_build_and_offline_list_expect_exist():
    stemmers = search_index.lunr_languages([MATERIAL])
    assert {"es", "en"} <= stemmers, f"Material's lunr stemmers are not in {search_index.LUNR_DIR} any more"
    index = json.dumps({"config": {"lang": ["es", "fr"]}})
    needed = offline.search_needs(index, f"assets/javascripts/workers/{WORKER}")
    missing = sorted(p for p in needed if not (MATERIAL / p).is_file())
    assert not missing, f"build_tools/reader/offline.py (search_needs) lists lunr files Material no longer ships: {missing}"


def test_search_index_object_has_what_the_i18n_plugin_rewrites():
    plugin_on_config = SearchPlugin.on_config.__code__.co_names
    assert "SearchIndex" in plugin_on_config and "search_index" in plugin_on_config, (
        "Material's search plugin no longer keeps a SearchIndex in .search_index (build_tools/i18n/plugin.py)"
    )
    assert list(inspect.signature(SearchIndex.generate_search_index).parameters) == ["self", "prev"]
    index = SearchIndex(lang=["en"], separator=" ", pipeline=["stemmer"], fields={"title": {"boost": 1}})
    assert isinstance(index.config, dict) and isinstance(index.entries, list)
    # What reconfigure_search_plugin and _write_language_search_index do
    index.config.update(search_index.search_settings("nah", {"en", "es"}, " "))
    index.entries.append({"location": "nah/hogar/", "title": "Hogar", "text": ""})
    search_index.relative_to_language(index.entries, "nah")
    data = json.loads(index.generate_search_index(None))
    assert data["config"]["lang"] == ["en"] and data["config"]["pipeline"] == []
    assert data["config"]["separator"] == search_index.PLAIN_SEPARATOR
    assert [doc["location"] for doc in data["docs"]] == ["hogar/"]


def test_search_plugin_runs_before_the_hooks_and_plugin_that_follow_it():
    def priority(method):
        return getattr(method, "mkdocs_priority", 0)

    # build_tools/pipeline (on_page_context, -50) adds the list of sources after the page is indexed
    assert priority(SearchPlugin.on_page_context) > -50
    # build_tools/i18n/plugin.py (-100) moves the index the search plugin wrote
    assert priority(SearchPlugin.on_post_build) > priority(I18nPlugin.on_post_build)
    # the options reconfigure_search_plugin reads and sets
    assert {"enabled", "separator", "lang", "pipeline"} <= set(dict(SearchPlugin.config_class._schema))


def test_search_entries_keep_our_fields_and_the_worker_indexes_them():
    """What search_index.add_page_fields and the `words` field rely on."""
    import types

    index = SearchIndex(lang=["es"], separator=" ", pipeline=[], fields={"words": {"boost": 1e4}, "title": {"boost": 1e3}})
    page = types.SimpleNamespace(
        meta={}, url="hogar/despido/", title="Despido", toc=[],
        content='<h1 id="despido">Despido</h1><p>Texto.</p><h2 id="derechos">Derechos</h2><p>Más.</p>',
    )
    index.add_entry_from_context(page)
    # The page's entries are appended, the page's own first, at page.url
    assert [entry["location"] for entry in index.entries][-1].startswith("hogar/despido/#")
    assert search_index.add_page_fields(index.entries, page.url, ["me corrieron"], last=True) == len(index.entries)
    data = json.loads(index.generate_search_index(None))
    assert data["config"]["fields"]["words"] == {"boost": 1e4}
    assert {"words": "me corrieron", "boost": search_index.LAST_BOOST}.items() <= next(
        doc for doc in data["docs"] if search_index.WORDS_FIELD in doc).items()
    # Material's worker adds every field of config.fields to lunr, and takes
    # the words each result matched from every field (no "Missing" for them)
    worker = next((MATERIAL / "assets/javascripts/workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    assert re.search(r"Object\.entries\(\w+\.fields\)\)this\.field\(", worker), (
        "Material's search worker no longer indexes every field of config.fields: search_words (mkdocs.yml) stop working"
    )
    assert re.search(r"matchData:(\w+)\}\)=>\{.{0,120}?Object\.keys\(\1\.metadata\)", worker), (
        "Material's search worker no longer takes a result's words from all its fields: results may show 'Missing' for search_words"
    )


def test_generated_language_partial_works_in_materials_language_template():
    # Material's search plugin and templates read strings through partials/language.html
    catalogs = load_catalogs(ROOT / "locales", ["es", "tzo"], "es", ROOT)
    env = jinja2.Environment(loader=jinja2.ChoiceLoader([
        jinja2.DictLoader({"partials/languages/tzo.html": material_partial(catalogs["tzo"])}),
        jinja2.FileSystemLoader(str(MATERIAL)),
    ]))
    template = env.get_template("partials/language.html", globals={"config": {"theme": {"language": "tzo"}}})
    for key in ("search.config.lang", "search.placeholder", "language"):
        assert template.module.t(key) == catalogs["tzo"].strings["theme"][key], (
            f"Material's partials/language.html no longer reads '{key}' from partials/languages/<lang>.html "
            "as build_tools/i18n/locales.py writes it"
        )


def test_our_stylesheets_use_only_classes_and_variables_material_has():
    material_css = "".join(p.read_text(encoding="utf-8") for p in (MATERIAL / "assets/stylesheets").glob("*.min.css"))
    ours = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "overrides/assets/stylesheets").glob("*.css")}
    gone = sorted(
        f"{name}: {used}"
        for name, css in ours.items()
        for used in set(re.findall(r"\.(md-[\w-]+)", css)) | set(re.findall(r"(--md-[\w-]+)", css))
        if used not in material_css
    )
    assert not gone, f"Material's stylesheets no longer have what ours style or use: {gone}"


def test_materials_markup_the_valid_html_test_lets_pass_is_still_materials():
    from test_valid_html import MATERIAL_ERRORS

    for error in MATERIAL_ERRORS:
        source = (MATERIAL / error.template).read_text(encoding="utf-8")
        assert re.search(error.markup, source), (
            f"Material's {error.template} no longer writes the element tests/test_valid_html.py lets pass "
            f"({error.message}): compare, then update MATERIAL_ERRORS and README's \"Valid HTML\" table"
        )


def test_material_shows_the_search_button_only_once_its_script_runs():
    """derechos.css keeps the search button's place while the page still has
    Material's no-js class, so that the header does not move when it goes."""
    material_css = "".join(p.read_text(encoding="utf-8") for p in (MATERIAL / "assets/stylesheets").glob("*.min.css"))
    bundle = (MATERIAL / "assets/javascripts" / BUNDLE).read_text(encoding="utf-8")
    assert ".no-js .md-header__button[for=__search]{display:none}" in material_css and '"no-js"' in bundle, (
        "Material no longer hides the search button until its script removes the no-js class: "
        "the rule for it in overrides/assets/stylesheets/derechos.css may be unneeded or wrong now"
    )


def test_fingerprinted_assets_match_what_the_worker_and_nginx_cache():
    worker = (ROOT / "build_tools/reader/offline_worker.js").read_text(encoding="utf-8")
    pattern = re.compile(re.search(r"const FINGERPRINT = /(.+)/;", worker).group(1))
    for path in ("assets/javascripts/" + BUNDLE, "assets/javascripts/workers/" + WORKER):
        assert pattern.search(path), f"Material's {path} is not named the way build_tools/reader/offline_worker.js and nginx expect"
    css = [p.name for p in (MATERIAL / "assets/stylesheets").glob("*.min.css")]
    assert css and all(pattern.search(name) for name in css), css
    nginx = (ROOT / "deploy/nginx/derechos-claros.conf").read_text(encoding="utf-8")
    cached = re.compile(re.search(r'"~\*(\\.\[0-9a-f\]\{8\}[^"]*)"', nginx).group(1), re.I)
    assert cached.search("assets/javascripts/" + BUNDLE), "deploy/nginx: the year-long cache no longer matches Material's names"


# mkdocs-static-i18n -----------------------------------------------------------


def test_folder_locale_regex_is_a_module_global_the_plugin_can_replace():
    assert isinstance(getattr(folder, "RE_LOCALE", None), re.Pattern), (
        "mkdocs_static_i18n.folder.RE_LOCALE is gone or not a regex: build_tools/i18n/plugin.py (on_config) replaces it"
    )
    readers = [name for name, fn in inspect.getmembers(folder, inspect.isfunction) if "RE_LOCALE" in fn.__code__.co_names]
    assert readers, "mkdocs_static_i18n.folder no longer reads RE_LOCALE: replacing it in on_config does nothing now"


def assert_source_unchanged(function, sha256: str, constant: str, ours: str) -> None:
    """The source of an upstream function that our code follows is the one recorded here."""
    digest = hashlib.sha256(inspect.getsource(function).encode()).hexdigest()
    assert digest == sha256, (
        f"mkdocs-static-i18n {installed('mkdocs-static-i18n')} changed {function.__module__}.{function.__qualname__}, "
        f"which {ours}: compare, port the change, then update {constant} in {THIS_FILE}"
    )


# build_tools/i18n/folder_files.py makes the same files as this function,
# without pathlib; tests/test_i18n_plugin.py compares the two on the site
UPSTREAM_CREATE_I18N_FILE_SHA256 = "852c8266e379b14f9c3a6b3780fa03a800b42565d364d53bc1e20967a605d57f"


def test_the_file_step_the_plugin_replaces_is_unchanged_and_read_from_the_module():
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    from build_tools.i18n import folder_files

    assert_source_unchanged(
        folder_files.UPSTREAM, UPSTREAM_CREATE_I18N_FILE_SHA256, "UPSTREAM_CREATE_I18N_FILE_SHA256",
        "build_tools/i18n/folder_files.py follows",
    )
    # Looked up on the module at each call (and handed on to the alternates),
    # so that replacing it in on_config takes effect
    source = inspect.getsource(ExtendedPlugin.reconfigure_files)
    assert "create_i18n_file = folder.create_i18n_file" in source and "mkdocs_config, create_i18n_file" in source, (
        "mkdocs-static-i18n's reconfigure_files no longer reads folder.create_i18n_file at each call, or no "
        "longer hands it to reconfigure_files_alternates: build_tools/i18n/plugin.py (on_config) replaces it there"
    )


OVERRIDDEN = {
    "on_config": ["self", "config"],
    "on_files": ["self", "files", "config"],
    "on_post_page": ["self", "output", "page", "config"],
    "on_post_build": ["self", "config"],
    "reconfigure_page_context": ["self", "context", "page", "config", "nav"],
    "reconfigure_search_plugin": ["self", "config", "search_plugin_name", "search_plugin"],
    "extend_search_entries": ["self", "config"],
    "reconfigure_search_index": ["self", "config"],
}


@pytest.mark.parametrize("name", OVERRIDDEN)
def test_i18n_base_class_still_has_the_methods_we_override(name):
    upstream = getattr(I18n, name, None)
    assert upstream is not None, f"mkdocs-static-i18n's I18n has no {name} any more: build_tools/i18n/plugin.py overrides it"
    params = list(inspect.signature(upstream).parameters)
    assert params == OVERRIDDEN[name] == list(inspect.signature(getattr(I18nPlugin, name)).parameters), (
        f"mkdocs-static-i18n's I18n.{name}{inspect.signature(upstream)} changed: "
        "build_tools/i18n/plugin.py overrides it with the old arguments"
    )


@pytest.mark.parametrize(("caller", "called"), [
    (I18n.on_page_context, "reconfigure_page_context"),
    (I18n.on_post_build, "extend_search_entries"),
    (I18n.on_post_build, "reconfigure_search_index"),
    # every other language is built by calling MkDocs' build again from here
    (I18n.on_post_build, "build"),
    (I18n.reconfigure_mkdocs_config, "reconfigure_search_plugin"),
])
def test_i18n_base_class_still_calls_what_we_override(caller, called):
    assert called in caller.__code__.co_names, (
        f"mkdocs-static-i18n's I18n.{caller.__name__} no longer calls {called}: see build_tools/i18n/plugin.py"
    )


# build_tools/i18n/plugin.py builds the other languages itself (in parallel
# workers, build_tools/i18n/parallel_build.py) instead of calling upstream's
# on_post_build, whose loop it follows: a change there must be ported
UPSTREAM_POST_BUILD_SHA256 = "e70db1f72973bb706c219b3f442b8b7b2df2cb7d110c882f9a59559779372e0d"


def test_i18n_post_build_loop_the_plugin_replaces_is_unchanged():
    assert_source_unchanged(
        I18n.on_post_build, UPSTREAM_POST_BUILD_SHA256, "UPSTREAM_POST_BUILD_SHA256",
        "build_tools/i18n/plugin.py (on_post_build, _build_language) replaces with its own loop over the languages",
    )


def test_what_the_language_builds_and_the_build_command_borrow_from_mkdocs():
    from mkdocs import __main__ as mkdocs_cli
    from mkdocs import utils
    from mkdocs.commands import build as build_command
    from mkdocs_static_i18n.utils import I18nLoggingFilter

    # plugin.py _build_language: quiets the inner builds, keeps site_dir
    assert isinstance(I18nLoggingFilter().filtered_prefixes, set)
    assert build_command.log.name == "mkdocs.commands.build" and callable(utils.clean_directory)
    # __main__.py runs MkDocs in-process and logs as the mkdocs command does
    assert issubclass(mkdocs_cli.ColorFormatter, logging.Formatter)
    assert list(inspect.signature(mkdocs_cli._showwarning).parameters)[:4] == ["message", "category", "filename", "lineno"]


def test_i18n_state_the_project_reads():
    plugin = I18nPlugin()
    assert plugin.extra_alternate == {} and plugin.current_language is None
    for name in ("default_language", "build_languages", "current_language_config"):
        assert isinstance(inspect.getattr_static(I18n, name), property), f"I18n.{name} is no longer a property"
    assert list(inspect.signature(I18n.get_language_config).parameters) == ["self", "locale"]
    # build_tools/pipeline leaves drafts out in on_files (0), before this, and reads each language's files in on_nav
    assert I18n.on_files.mkdocs_priority == -100 and I18n.on_post_build.mkdocs_priority == -100
    # build_tools/pipeline names the menu's sections once upstream has made the language's menu
    assert I18n.on_nav.mkdocs_priority > Pipeline.on_nav.mkdocs_priority
    # The file attributes set per language build, read by the plugin, hooks and sitemap.xml
    source = inspect.getsource(folder)
    for attribute in ("file.alternates =", "file.locale =", "file.locale_alternate_of ="):
        assert attribute in source, f"mkdocs_static_i18n.folder no longer sets {attribute.split()[0]}"


def test_i18n_config_options_our_subclass_replaces_or_reads():
    config_options = dict(I18nPluginConfig._schema)
    language_options = dict(I18nPluginLanguage._schema)
    assert {"languages", "build_only_locale", "docs_structure", "fallback_to_default"} <= set(config_options)
    assert {"locale", "name", "link", "build", "default"} <= set(language_options)
    # language_prefix() is the link upstream derives from the locale
    language = LanguageConfig()
    language.load_dict({"locale": "nah", "name": "Náhuatl"})
    assert language.validate() == ([], []) and language.link == "/nah/"


# MkDocs -------------------------------------------------------------------------


def test_front_matter_regex():
    assert isinstance(YAML_RE, re.Pattern), "mkdocs.utils.meta.YAML_RE is gone (build_tools/front_matter.py, pages.py, site.py, print_sheets.py)"
    match = YAML_RE.match("---\ntitle: A\n---\n\nText\n")
    assert match and match.group(1) == "title: A\n"


def test_theme_environment_the_project_shares():
    theme = Theme(name="material")
    env = theme.get_env()
    assert type(env.loader) is jinja2.FileSystemLoader and env.loader.searchpath == list(theme.dirs), (
        "MkDocs' Theme.get_env() no longer gives a FileSystemLoader over theme.dirs (build_tools/i18n/theme_env.py)"
    )
    assert list(inspect.signature(jinja2.FileSystemLoader.list_templates).parameters) == ["self"]
    # theme_env._hidden repeats the patterns MkDocs drops from theme files
    assert "'.*', '*/.*'" in inspect.getsource(Files.add_files_from_theme)
    theme_env.share_environments(theme, {})
    assert isinstance(theme.get_env().loader, theme_env.ThemeLoader)


def test_templates_named_ahead_are_the_ones_jinja_finds():
    """theme_env.named_templates reads the names of {% include %} and the like
    with a pattern, where Jinja parses: both agree on every template of the
    pinned Material and of overrides/ (a name built with ~ is neither's)."""
    from jinja2 import meta

    theme = Theme(name="material", custom_dir=str(ROOT / "overrides"))
    env = theme.get_env()
    disagree, read = [], 0
    for name in env.list_templates():
        if not name.endswith((".html", ".xml")) or "/.icons/" in f"/{name}":
            continue
        source = env.loader.get_source(env, name)[0]
        jinjas = {ref for ref in meta.find_referenced_templates(env.parse(source)) if ref}
        ours = set(theme_env.named_templates(source))
        read += 1
        if ours != jinjas:
            disagree.append(f"{name}: Jinja {sorted(jinjas)}, pattern {sorted(ours)}")
    assert read > 50
    assert not disagree, "theme_env._NAMED reads these templates' names differently from Jinja:\n" + "\n".join(disagree)


def test_named_templates_reads_each_way_of_naming_one():
    source = """{% extends "base.html" %}{%- include 'partials/a.html' -%}
    {% import "partials/b.html" as b with context %}{% from "partials/c.html" import c %}
    {% include "partials/d.html" ignore missing %}{% include "partials/languages/" ~ lang ~ ".html" %}
    {% include name %}{{ "partials/e.html" }}"""
    assert theme_env.named_templates(source) == [
        "base.html", "partials/a.html", "partials/b.html", "partials/c.html", "partials/d.html",
    ]


def test_mkdocs_helpers_the_hooks_use():
    assert get_relative_url("en/offline.json", "en/hogar/") == "../offline.json"
    assert "present_anchor_ids" in Page.__annotations__, "MkDocs' Page.present_anchor_ids is gone (build_tools/pipeline, _check_links)"
    # build_tools/translations/parity.py computes heading ids with the toc extension's default
    assert toc.TocExtension().getConfig("slugify") is toc.slugify


def test_base_html_scripts_block_writes_the_bundle_tag_main_html_defers():
    """overrides/main.html adds `defer` by replacing '.min.js"></script>' in the block's output."""
    source = base_source()
    block = source[source.find("{% block scripts %}"):]
    assert re.search(r"""<script src="\{\{ 'assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js' \| url \}\}"></script>""", block), (
        "Material's `scripts` block writes its bundle tag differently: overrides/main.html would no longer defer it"
    )
    # The deploy step replaces the <link rel="stylesheet"> tags of <head> (build_tools/reader/stylesheets.py)
    assert """<link rel="stylesheet" href="{{ 'assets/stylesheets/main.""" in source


def test_what_the_pipeline_relies_on_about_site_url():
    from mkdocs.commands import serve
    from mkdocs.config.defaults import MkDocsConfig

    # build_tools/pipeline: `mkdocs serve` starts plugins (and hooks) with command "serve",
    # then gives site_url its own loopback address; the pipeline clears it again
    source = inspect.getsource(serve.serve)
    assert "on_startup(command=('build' if is_clean else 'serve')" in source, "mkdocs serve no longer calls on_startup with 'serve'"
    assert "config.site_url = serve_url" in source, "mkdocs serve no longer sets site_url to its own address"
    # Without site_url a page has no canonical_url: Material's base.html and overrides/main.html write none
    page = Page("T", File("a.md", "docs", "site", True), MkDocsConfig())
    assert page.canonical_url is None
    base = (Path(material.__file__).parent / "templates/base.html").read_text(encoding="utf-8")
    assert re.search(r"{% if page.canonical_url %}\s*<link rel=\"canonical\" href=\"{{ page.canonical_url }}\">", base), (
        "Material's base.html writes the canonical link differently: check it is left out without site_url"
    )


def test_the_markup_only_families_the_stylesheet_purge_drops_are_still_materials():
    """build_tools/reader/stylesheets.py drops these families from the words of
    Material's bundle unless a page has them: the bundle must still add them
    only inside markup of the same family (it finds that markup first) and
    never make admonitions."""
    from build_tools.reader import stylesheets

    bundle = (MATERIAL / "assets/javascripts" / BUNDLE).read_text(encoding="utf-8")
    material_css = "".join(p.read_text(encoding="utf-8") for p in (MATERIAL / "assets/stylesheets").glob("*.min.css"))
    assert "admonition" not in bundle, "Material's bundle now makes admonitions: ADMONITION_TYPES must count its words"
    # Where the bundle looks for each family's markup before it adds classes to it
    finds = {"tabbed-": '".tabbed-labels"', "md-annotation": '.contains("annotate")', "md-source": "md-source__repository"}
    assert set(finds) == set(stylesheets.MARKUP_PREFIXES)
    for prefix, selector in finds.items():
        assert "." + prefix in material_css, f"Material's CSS no longer styles {prefix}*: drop it from MARKUP_PREFIXES"
        assert selector in bundle, f"Material's bundle no longer starts from {selector} markup: check MARKUP_PREFIXES"
    # Tooltips: made for the content.tooltips feature and for annotations; the version selector from config.version
    for feature in ("content.tooltips", "content.code.annotate"):
        assert f'"{feature}"' in bundle, f"Material's bundle no longer asks for {feature}: check FEATURE_FAMILIES"
    assert "e.version" in bundle and '"md-version"' in bundle, "Material's version selector changed: check FEATURE_FAMILIES"
    # Palette colours come from the page's markup
    assert 'getAttribute("data-md-color-primary")' in bundle, "Material's palette no longer reads the page's markup: check PALETTE_COLOURS"


def test_playwrights_disabled_features_are_the_ones_the_chromium_arguments_repeat():
    """Chromium keeps only the last `--disable-features`: ours replaces
    Playwright's, so it must hold all of Playwright's (the browser itself is
    checked in tests/test_chromium_browser.py)."""
    import playwright

    from build_tools.tooling import chromium

    bundle = Path(playwright.__file__).parent / "driver/package/lib/coreBundle.js"
    source = bundle.read_text(encoding="utf-8")
    found = re.search(r"\bdisabledFeatures = \[(.*?)\]", source, re.DOTALL)
    assert found, f"Playwright {installed('playwright')} no longer lists disabledFeatures in {bundle}: check how it disables features"
    theirs = re.findall(r'"([^"]+)"', re.sub(r"//[^\n]*", "", found[1]))
    assert theirs and set(theirs) == set(chromium.PLAYWRIGHT_DISABLED_FEATURES), (
        f"Playwright {installed('playwright')} disables {sorted(theirs)}: copy them into "
        "PLAYWRIGHT_DISABLED_FEATURES in build_tools/tooling/chromium.py"
    )
