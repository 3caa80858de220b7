"""One search index per language, with a stemmer only where lunr has one.

mkdocs-static-i18n merges every language into the one index Material
loads, so a reader on /en/ gets Spanish results and every language loads
every stemmer. Instead each language build writes its own index at
``<lang>/search/search_index.json`` (the default language's at the root),
with locations relative to the language's root, and each page tells
Material that its language root is the base the index is fetched from.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from typing import Iterable

INDEX_PATH = "search/search_index.json"
# Material's worker loads assets/javascripts/lunr/min/lunr.<lang>.min.js for
# every language but English, whose stemmer is built into lunr itself
LUNR_DIR = Path("assets/javascripts/lunr/min")
_LUNR_FILE = re.compile(r"^lunr\.([a-z]{2,3})\.min\.js$")
BUILT_IN = "en"

STEMMED_PIPELINE = ["stemmer", "stopWordFilter", "trimmer"]
# Without a stemmer the worker runs no pipeline at all (no English stop
# words or trimmer mangling other languages), so split on punctuation here;
# apostrophes stay inside words (glottal stops: Tsotsil k'op).
PLAIN_SEPARATOR = r"[\s\-.,;:!?¿¡()\[\]{}\"“”«»/]+"

# A page's ``search_words`` (front matter) go in a field of its own, which
# mkdocs.yml gives a boost (plugins: search: fields: words:). Material's
# worker indexes every field of its config and counts a query word found in
# any of them as found (no "Missing:" under the result), but shows only
# title, text and tags.
WORDS_FIELD = "words"
# Material multiplies a document's scores by its ``boost``: a page of a
# ``search_last`` folder (for contributors) comes after every guide a query
# finds (lunr takes 0 as 1)
LAST_BOOST = 1e-6

_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def search_plugin(config):
    """Material's search plugin of a MkDocs config, if it is on (named
    ``search`` or ``material/search`` in mkdocs.yml), else None."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return plugin if plugin is not None and plugin.config.enabled else None


def lunr_languages(theme_dirs: Iterable[str | Path]) -> set[str]:
    """The languages Material's search worker can stem, from the files it ships."""
    found = {BUILT_IN}
    for theme_dir in theme_dirs:
        folder = Path(theme_dir) / LUNR_DIR
        if folder.is_dir():
            found |= {m.group(1) for m in map(_LUNR_FILE.match, (p.name for p in folder.iterdir())) if m}
    return found


def search_settings(tag: str, stemmers: set[str], separator: str) -> dict:
    """Material's search config for one language: its own stemmer, or none.

    Material's worker imports ``lunr.<lang>.min.js`` for each entry of
    ``lang`` except English and keeps only the pipeline steps listed, so
    ``lang: [en]`` with an empty pipeline loads no file and stems nothing.
    """
    primary = tag.split("-")[0].lower()
    if primary in stemmers:
        return {"lang": [primary], "pipeline": list(STEMMED_PIPELINE), "separator": separator}
    return {"lang": [BUILT_IN], "pipeline": [], "separator": PLAIN_SEPARATOR}


def add_page_fields(entries: list[dict], page_url: str, words: list[str], last: bool) -> int:
    """Give the entries Material's search plugin just made for a page (the
    page's own, then one per heading, all at the end of ``entries``) the
    page's search words and, for a page of a ``search_last`` folder, a low
    boost; return how many entries it changed."""
    changed = 0
    for entry in reversed(entries):
        location = entry["location"]
        if location != page_url and not location.startswith(page_url + "#"):
            break
        if words and location == page_url:
            # One text, as lunr's and Material's tokenizers split any text
            # into words (each item of a list would be one token)
            entry[WORDS_FIELD] = " ".join(words)
        if last:
            entry["boost"] = LAST_BOOST
        changed += 1
    return changed


def relative_to_language(entries: list[dict], prefix: str) -> None:
    """Make entry locations relative to the language root ('en/a/' -> 'a/')."""
    if not prefix:
        return
    head = prefix + "/"
    for entry in entries:
        if entry["location"].startswith(head):
            entry["location"] = entry["location"][len(head):]


def language_base(base_url: str, prefix: str) -> str:
    """The URL of a language's root relative to a page, with the trailing
    slash Material needs to resolve ``search/search_index.json`` under it."""
    if not prefix:
        return base_url
    return posixpath.join(base_url or ".", prefix) + "/"


def set_config_base(html: str, prefix: str) -> str:
    """Point Material's ``__config.base`` at the page's language root."""
    if not prefix:
        return html
    match = _CONFIG_SCRIPT.search(html)
    if match is None:
        return html
    config = json.loads(match.group(2))
    config["base"] = language_base(config["base"], prefix)
    # Same serialisation as Material's tojson filter (HTML-safe)
    text = json.dumps(config, separators=(", ", ": "), sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")
    return html[: match.start(2)] + text + html[match.end(2):]
