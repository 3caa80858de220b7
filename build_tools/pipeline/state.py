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
import html
import os
import posixpath
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from babel.numbers import format_percent
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from build_tools import background
from build_tools.checks.links import Link
from build_tools.errors import Problem, display_path
from build_tools.facts import Fact, FactRegistry, load_facts, rendering as fact_rendering
from build_tools.facts.markdown_extension import Document, FactsExtension
from build_tools.facts.rendering import RenderContext, format_date_for
from build_tools.front_matter import Split, ListLine, read_search_words, read_summary, split
from build_tools.i18n.language_marks import KnownText
from build_tools.i18n.locales import Catalog, load_catalogs, write_material_partials
from build_tools.i18n.plugin import I18nPlugin
from build_tools.pipeline import settings as settings_module
from build_tools.pipeline.site import i18n_plugin
from build_tools.reader import offline, print_sheets
from build_tools.reader.calculators_extension import CalculatorsExtension
from build_tools.reader.external_links import ExternalLinksExtension
from build_tools.reader.page_tools import PageTools
from build_tools.reader.redirects import Redirect, load_redirects
from build_tools.reader.self_check_extension import SelfCheckExtension
from build_tools.translations import LanguageNames, Translation, glossary, language_share, status_of, survey
from build_tools.translations.segments import Rebuilt
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
    self_checks: list[str] = field(default_factory=list)  # the offices of its self-checks
    # Added once the search plugin has indexed the page: the same sources
    # repeat on many pages, and parsing them for search cost a fifth of the build
    footer: str = ""
    tools: PageTools | None = None
    # A Spanish page rebuilt from a PO file's translated paragraphs
    segments: Rebuilt | None = None
    kind: str = ""  # what the reader gets (translations.TEXT_KINDS)

    @property
    def src_uri(self) -> str:
        return self.page.file.src_uri

    @property
    def page_path(self) -> str:
        """Its path in its language folder ('hogar/aguinaldo.md'); '' outside one."""
        return self.src_uri.partition("/")[2]


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
    published: dict[str, File] | None = None  # files by their path on disk, see published_file
    qr_codes: background.Pending | None = None  # the pages' QR codes, made beside the build
    env: jinja2.Environment | None = None  # the theme's, set in on_env
    redirect_pages: dict[str, str] = field(default_factory=dict)  # old address -> page
    unsafe_html: list[Problem] = field(default_factory=list)  # found in rendered pages, raised in on_env
    # Texts known to be in this language (translated strings and titles), set in on_env
    known: KnownText | None = None

    def published_file(self, path: Path) -> File | None:
        """The file of this language's site made from ``path``, by its path
        as written; else, through symbolic links, by where both lead (every
        file's path resolved: 15,000 at N=200, so only when the first way fails)."""
        if self.published is None:
            self.published = {os.path.normpath(f.abs_src_path): f for f in self.files if f.abs_src_path}
        found = self.published.get(os.path.normpath(os.path.abspath(path)))
        if found is None:
            real = os.path.realpath(path)
            found = next((f for f in self.files if f.abs_src_path and os.path.realpath(f.abs_src_path) == real), None)
        return found


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
    self_check_extension: SelfCheckExtension
    external_links_extension: ExternalLinksExtension
    summary_renderer: print_sheets.SummaryRenderer
    # Every file read, parsed once (by absolute path)
    sources: dict[str, Split] = field(default_factory=dict)
    translations: list[Translation] = field(default_factory=list)
    translation_by_src_uri: dict[str, Translation] = field(default_factory=dict)
    # Summary items per file (a Spanish page's serves every language that falls back to it)
    summaries: dict[tuple[str, str], list[ListLine]] = field(default_factory=dict)
    # Search words per file (its front matter's search_words)
    search_words: dict[str, list[str]] = field(default_factory=dict)
    # Checks running beside the build (see build_tools.background)
    checks: list[background.Pending] = field(default_factory=list)
    # Deleting the previous build's files, set aside (see pipeline.site)
    old_output: subprocess.Popen | None = None
    language: LanguageBuild | None = None
    shares: dict[str, float] | None = None  # how much of each language is there, from 0 to 1

    @classmethod
    def load(cls, config: MkDocsConfig, document, page_url, self_check_links) -> Run:
        """Read the project's settings, locales, facts, glossary and redirects.

        ``document``, ``page_url`` and ``self_check_links``: callables the Markdown extensions ask
        for the page being rendered (see build_tools.facts.markdown_extension).
        """
        i18n = i18n_plugin(config)
        root = Path(config.config_file_path).parent
        docs_dir = Path(config.docs_dir)
        settings = settings_module.load_settings(config.extra.get("derechos"), config.config_file_path)
        catalogs = load_catalogs(
            root / settings.locales_dir, i18n.language_tags, i18n.source_language, root,
            include_drafts=settings.include_drafts, fallbacks=i18n.language_fallbacks(),
        )
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
            calculators_extension=CalculatorsExtension(page_url=page_url),
            self_check_extension=SelfCheckExtension(links=self_check_links),
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

    def summary(self, source: Split, shown: str) -> list[ListLine]:
        """A file's summary items, read once per run (per language for a page
        rebuilt from a PO file)."""
        key = (shown, source.text)
        if key not in self.summaries:
            self.summaries[key] = read_summary(source.text, shown)
        return self.summaries[key]

    def words(self, source: Split, shown: str) -> list[str]:
        """A file's ``search_words``, read once per run."""
        if shown not in self.search_words:
            self.search_words[shown] = read_search_words(source.text, shown)
        return self.search_words[shown]

    def translation(self, src_uri: str) -> Translation | None:
        """The survey's entry for a translated file, e.g. 'en/hogar/aguinaldo.md'."""
        return self.translation_by_src_uri.get(src_uri)

    def segment_translator(self, lang: str, page: str):
        """For a page (its path in docs/es/) shown in ``lang``: a function
        giving a Spanish segment's ``(translation, language)`` from the PO
        files of ``lang`` and its fallbacks, or None when none of them
        translates a segment of it."""
        found = [
            (tag, item.segments.entries)
            for tag in self.i18n.fallback_chain(lang)
            if tag != self.source_lang
            and (item := self.translation(f"{tag}/{page}")) is not None and item.segments is not None
            and item.segments.entries
        ]
        if not found:
            return None

        def translate(text: str) -> tuple[str, str] | None:
            for tag, entries in found:
                if text in entries:
                    return entries[text][0], tag
            return None

        return translate

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

    def language_name(self, lang: str) -> str:
        return self.i18n.get_language_config(lang).name

    def language_names(self, lang: str) -> LanguageNames:
        return LanguageNames(self.language_name(lang), self.i18n.spanish_name(lang))

    def coverage_label(self, lang: str) -> tuple[str, str] | None:
        """How much of a language is there ("en preparación", "35 % traducido"),
        in that language if a translator gave the string, and the language of
        the label; None for a language with every page translated."""
        if self.shares is None:
            self.shares = language_share([status_of(item) for item in self.translations])
        share = self.shares.get(lang, 1.0)
        if share >= 1.0:
            return None
        catalog = self.catalogs[lang]
        if share == 0:
            key, text = "language.coverage.none", catalog.t("language.coverage.none")
        else:
            key = "language.coverage.some"
            text = catalog.t(key, percent=format_percent(share, locale=self.i18n.format_locale(lang)))
        return text, catalog.lang_of(key)

    def coverage_line(self, lang: str) -> str:
        """The line on a language's home page that says how much of it is there."""
        label = self.coverage_label(lang)
        if label is None:
            return ""
        catalog, key = self.catalogs[lang], "home.coverage"
        line_lang = catalog.lang_of(key)
        name = self.language_names(lang).for_string(catalog, key)
        text, text_lang = label
        coverage = html.escape(text) if text_lang == line_lang else f'<span lang="{text_lang}">{html.escape(text)}</span>'
        # The name starts the sentence
        sentence = html.escape(catalog.t(key, language=name[:1].upper() + name[1:], coverage="\0")).replace("\0", coverage)
        return f'<p class="dc-coverage" lang="{line_lang}">{sentence}</p>'

