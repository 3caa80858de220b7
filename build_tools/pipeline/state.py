"""The build's state, all of it declared here.

- ``Run``: one MkDocs run, i.e. one loaded mkdocs.yml. mkdocs-static-i18n
  builds every language with the same config, so a run spans every language
  build; `mkdocs serve` loads mkdocs.yml again for each rebuild, and so gets
  a new run.
- ``LanguageBuild``: one language's build, replaced at the start of each.
- ``PageRecord``: one page of a language build, from its Markdown to its HTML.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from build_tools import background
from build_tools.checks.links import Link
from build_tools.errors import Problem, display_path
from build_tools.facts import Fact, FactRegistry, load_facts, rendering as fact_rendering
from build_tools.facts.markdown_extension import Document, FactsExtension
from build_tools.facts.rendering import RenderContext, format_date_for
from build_tools.front_matter import Split, SummaryItem, read_summary, split
from build_tools.i18n.locales import Catalog, load_catalogs, write_material_partials
from build_tools.i18n.plugin import I18nPlugin
from build_tools.pipeline import settings as settings_module
from build_tools.pipeline.site import i18n_plugin
from build_tools.reader import offline, print_sheets
from build_tools.reader.calculators_extension import CalculatorsExtension
from build_tools.reader.external_links import ExternalLinksExtension
from build_tools.reader.page_tools import PageTools
from build_tools.reader.redirects import Redirect, load_redirects
from build_tools.translations import Translation, glossary, survey
from build_tools.yaml_source import read_text


@dataclass
class PageRecord:
    """One page of a language build."""

    page: Page
    shown: str  # its file, as messages name it
    source: Split  # its file, read and parsed once per run
    file_lang: str  # the language of its text (Spanish for a fallback page)
    document: Document  # what the facts and calculators extensions render
    links: list[Link]  # its internal links, with their lines
    # Results of rendering its Markdown (read from the Markdown instance)
    facts_used: list[Fact] = field(default_factory=list)
    calculators: list[str] = field(default_factory=list)
    # Added once the search plugin has indexed the page: the same sources
    # repeat on many pages, and parsing them for search cost a fifth of the build
    footer: str = ""
    tools: PageTools | None = None

    @property
    def src_uri(self) -> str:
        return self.page.file.src_uri


@dataclass
class LanguageBuild:
    """One language's build (mkdocs-static-i18n runs MkDocs' build once per language)."""

    lang: str
    prefix: str  # its URL folder: '' for the default language
    ctx: RenderContext  # its language and date (pages render in a copy each)
    as_of_text: str  # the build date, written in the language
    offline_strings: dict[str, str]  # the "save for offline" control's texts
    offline_manifest: str  # the manifest's path in the site
    pages: dict[str, PageRecord] = field(default_factory=dict)  # by src_uri
    page: PageRecord | None = None  # the page whose Markdown is being rendered
    files: Files | None = None  # set in on_nav, once mkdocs-static-i18n chose them
    published: dict[str, File] = field(default_factory=dict)  # files by their resolved path on disk
    qr_codes: background.Pending | None = None  # the pages' QR codes, made beside the build
    env: jinja2.Environment | None = None  # the theme's, set in on_env
    redirect_pages: dict[str, str] = field(default_factory=dict)  # old address -> page
    unsafe_html: list[Problem] = field(default_factory=list)  # found in rendered pages, raised in on_env


@dataclass
class Run:
    """One MkDocs run: every language build of one loaded mkdocs.yml."""

    config: MkDocsConfig
    root: Path
    settings: settings_module.Settings
    as_of: dt.date
    i18n: I18nPlugin
    catalogs: dict[str, Catalog]
    facts: FactRegistry
    glossary: glossary.Glossary
    redirects: list[Redirect]
    theme_dir: tempfile.TemporaryDirectory  # Material's language partials, made from locales/
    docs_dir: Path
    facts_extension: FactsExtension
    calculators_extension: CalculatorsExtension
    external_links_extension: ExternalLinksExtension
    summary_renderer: print_sheets.SummaryRenderer
    # Every file read, parsed once (by absolute path)
    sources: dict[str, Split] = field(default_factory=dict)
    translations: list[Translation] = field(default_factory=list)
    translation_by_src_uri: dict[str, Translation] = field(default_factory=dict)
    # Summary items per file (a Spanish page's serves every language that falls back to it)
    summaries: dict[str, list[SummaryItem]] = field(default_factory=dict)
    # Checks running beside the build (see build_tools.background)
    checks: list[background.Pending] = field(default_factory=list)
    language: LanguageBuild | None = None

    @classmethod
    def load(cls, config: MkDocsConfig, document, help_url) -> Run:
        """Read the project's settings, locales, facts, glossary and redirects.

        ``document`` and ``help_url``: callables the Markdown extensions ask
        for the page being rendered (see build_tools.facts.markdown_extension).
        """
        i18n = i18n_plugin(config)
        root = Path(config.config_file_path).parent
        docs_dir = Path(config.docs_dir)
        settings = settings_module.load_settings(config.extra.get("derechos"), config.config_file_path)
        catalogs = load_catalogs(root / settings.locales_dir, i18n.language_tags, i18n.source_language, root)
        facts = load_facts(root / settings.facts_dir, root, i18n.source_language)
        fact_rendering.clear_cache()
        theme_dir = tempfile.TemporaryDirectory(prefix="derechos-theme-")
        write_material_partials(catalogs, Path(theme_dir.name))
        facts_extension = FactsExtension(facts=facts, document=document)
        run = cls(
            config=config,
            root=root,
            settings=settings,
            as_of=settings_module.build_date(settings),
            i18n=i18n,
            catalogs=catalogs,
            facts=facts,
            glossary=glossary.load(root, i18n.source_language),
            redirects=load_redirects(root / settings.redirects_file, docs_dir, i18n.source_language, root),
            theme_dir=theme_dir,
            docs_dir=docs_dir,
            facts_extension=facts_extension,
            calculators_extension=CalculatorsExtension(help_url=help_url),
            external_links_extension=ExternalLinksExtension(),
            summary_renderer=print_sheets.SummaryRenderer(facts),
        )
        run.translations = survey(docs_dir, run.source_lang, i18n.language_tags, root, run.source)
        run.translation_by_src_uri = {f"{t.lang}/{t.page}": t for t in run.translations}
        return run

    def start_language(self) -> LanguageBuild:
        """A new language build, in the language mkdocs-static-i18n chose."""
        lang = self.i18n.current_language
        ctx = RenderContext(lang, self.i18n.format_locale(lang), self.catalogs[lang], self.as_of)
        prefix = self.i18n.language_prefix(lang)
        self.language = LanguageBuild(
            lang=lang,
            prefix=prefix,
            ctx=ctx,
            as_of_text=format_date_for(self.as_of, ctx),
            # The same on every page of the language; only the manifest's address depends on the page
            offline_strings=offline.page_strings(ctx.catalog, ctx.locale, self.as_of),
            offline_manifest=posixpath.join(prefix, offline.MANIFEST),
        )
        return self.language

    def source(self, path) -> Split:
        """A file's text and front matter, read and parsed once per run."""
        path = os.path.abspath(path)  # not resolve(): one lstat per folder, per read
        if path not in self.sources:
            self.sources[path] = split(read_text(path, self.root))
        return self.sources[path]

    def shown(self, path) -> str:
        return display_path(path, self.root)

    def summary(self, source: Split, shown: str) -> list[SummaryItem]:
        """A file's summary items, read once per run."""
        if shown not in self.summaries:
            self.summaries[shown] = read_summary(source.text, shown)
        return self.summaries[shown]

    def translation(self, src_uri: str) -> Translation | None:
        """The survey's entry for a translated file, e.g. 'en/hogar/aguinaldo.md'."""
        return self.translation_by_src_uri.get(src_uri)

    def check_in_background(self, check) -> None:
        """Start ``check()`` (returning a list of Problems); see ``collect_checks``."""
        self.checks.append(background.Pending(check))

    def collect_checks(self) -> list:
        """The problems found by every check started so far."""
        pending, self.checks = self.checks, []
        return [problem for check in pending for problem in check.result()]

    @property
    def source_lang(self) -> str:
        return self.i18n.source_language

    def notice_names(self, lang: str) -> dict[str, str]:
        """A language's name in a sentence of the source language, and in its own."""
        return {self.source_lang: self.i18n.spanish_name(lang), lang: self.i18n.get_language_config(lang).name}
