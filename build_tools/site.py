"""State shared by the hooks during one MkDocs run (all language builds).

It hangs off the i18n plugin instance, which MkDocs creates anew whenever it
loads mkdocs.yml, so ``mkdocs serve`` rebuilds never see stale state.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import YAML_RE

from build_tools import background, fact_rendering
from build_tools import settings as settings_module
from build_tools.facts import FactRegistry, load_facts
from build_tools.facts_markdown import FactsExtension
from build_tools.i18n.plugin import I18nPlugin
from build_tools.locales import Catalog, load_catalogs, write_material_partials
from build_tools.translations import Translation, survey
from build_tools.yaml_source import read_text

# Not under the 'mkdocs' logger: MkDocs' strict mode would fail the build on
# these, and whether they should is the project's decision (strict_facts).
_log = logging.getLogger("derechos")


def warn(title: str, lines: list[str]) -> None:
    """Print a warning that lists items, without failing a strict build."""
    if not _log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
        _log.addHandler(handler)
        _log.propagate = False
    _log.warning(title + ":\n  " + "\n  ".join(lines))


@dataclass
class SiteState:
    root: Path
    settings: settings_module.Settings
    as_of: dt.date
    i18n: I18nPlugin
    catalogs: dict[str, Catalog]
    facts: FactRegistry
    facts_extension: FactsExtension
    theme_dir: tempfile.TemporaryDirectory
    docs_dir: Path
    links: dict = field(default_factory=dict)
    _sources: dict = field(default_factory=dict)
    _translations: list | None = None
    _by_src_uri: dict | None = None
    translations_checked: bool = False
    pages_checked: bool = False
    # Per page, HTML to add once the search plugin has indexed the page
    page_footers: dict = field(default_factory=dict)
    # Once-per-build checks running beside the build (see build_tools.background)
    pending_checks: list = field(default_factory=list)

    def check_in_background(self, check) -> None:
        """Start ``check()`` (returning a list of Problems); see ``collect_checks``."""
        self.pending_checks.append(background.Pending(check))

    def collect_checks(self) -> list:
        """The problems found by every check started so far."""
        pending, self.pending_checks = self.pending_checks, []
        return [problem for check in pending for problem in check.result()]

    @property
    def translations(self) -> list[Translation]:
        """Every page in every language, with its translation state (read once)."""
        if self._translations is None:
            self._translations = survey(self.docs_dir, self.source_lang, self.i18n.language_tags, self.root, self.read)
        return self._translations

    def translation(self, src_uri: str) -> Translation | None:
        """The survey's entry for a translated file, e.g. 'en/hogar/aguinaldo.md'."""
        if self._by_src_uri is None:
            self._by_src_uri = {f"{t.lang}/{t.page}": t for t in self.translations}
        return self._by_src_uri.get(src_uri)

    def source_text(self, file) -> str:
        """A page's file as written (read once per run; used for line numbers)."""
        return self.read(file.abs_src_path)

    def read(self, path) -> str:
        path = os.path.abspath(path)  # not resolve(): one lstat per folder, per read
        if path not in self._sources:
            self._sources[path] = read_text(path, self.root)
        return self._sources[path]

    @property
    def lang(self) -> str:
        return self.i18n.current_language

    @property
    def source_lang(self) -> str:
        return self.i18n.default_language

    def language_name(self, lang: str) -> str:
        return self.i18n.get_language_config(lang).name


def i18n_plugin(config: MkDocsConfig) -> I18nPlugin:
    plugin = config.plugins.get("derechos-i18n")
    if isinstance(plugin, I18nPlugin):
        return plugin
    for plugin in config.plugins.values():
        if isinstance(plugin, I18nPlugin):
            return plugin
    raise PluginError("mkdocs.yml: the 'derechos-i18n' plugin is missing from 'plugins'")


def state(config: MkDocsConfig) -> SiteState:
    """The run's shared state, loaded on first use."""
    i18n = i18n_plugin(config)
    existing = getattr(i18n, "derechos_state", None)
    if existing is not None:
        return existing
    root = Path(config.config_file_path).parent
    settings = settings_module.load_settings(config.extra.get("derechos"), config.config_file_path)
    catalogs = load_catalogs(root / settings.locales_dir, i18n.language_tags, i18n.default_language, root)
    facts = load_facts(root / settings.facts_dir, root, i18n.default_language)
    fact_rendering.clear_cache()
    theme_dir = tempfile.TemporaryDirectory(prefix="derechos-theme-")
    write_material_partials(catalogs, Path(theme_dir.name))
    i18n.derechos_state = SiteState(
        root=root,
        settings=settings,
        as_of=settings_module.build_date(settings),
        i18n=i18n,
        catalogs=catalogs,
        facts=facts,
        facts_extension=FactsExtension(facts),
        theme_dir=theme_dir,
        docs_dir=Path(config.docs_dir),
    )
    return i18n.derechos_state


def source_line_offset(raw: str) -> int:
    """How many lines (front matter, blank lines) MkDocs removes before the Markdown."""
    match = YAML_RE.match(raw)
    if not match:
        return 0
    body = raw[match.end():].lstrip("\n")
    return raw[: len(raw) - len(body)].count("\n")
