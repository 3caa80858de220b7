from __future__ import annotations

import functools
import logging
import os
import re
import sys
from pathlib import PurePath

import jinja2
from babel import Locale
from mkdocs import utils
from mkdocs.commands.build import build
from mkdocs.plugins import event_priority
from mkdocs_static_i18n import folder
from mkdocs_static_i18n.plugin import I18n
from mkdocs_static_i18n.utils import I18nLoggingFilter

from build_tools import background
from build_tools.i18n import folder_files, languages, parallel_build, search_index
from build_tools.i18n.config import I18nConfig
from build_tools.i18n.theme_env import compile_page_templates, share_environments

# Material's <head> links to each language (base.html, from extra.alternate)
_HEAD_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*')

# Files that every language build writes at the root of site_dir
LANGUAGE_ROOT_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz", search_index.INDEX_PATH)


class I18nPlugin(I18n):
    """mkdocs-static-i18n with BCP 47 tags, and one 404 page, sitemap and search index per language."""

    config_class = I18nConfig

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._default_root_files: dict[str, bytes] = {}
        self._format_locales: dict[str, Locale] = {}
        self._theme_files: dict = {}
        self._stemmers: set[str] | None = None
        self._workers: parallel_build.LanguageWorkers | None = None

    # Upstream guesses which folders are languages with its ISO 639-1 regex,
    # which never matches nah/tzo/mix and so walks every language for each of
    # their files (the fix upstream PR #348 proposes). Match our tags instead.
    # Each language build also asks the theme for a new Jinja environment:
    # share compiled templates and the theme's file list between them.
    @event_priority(-100)
    def on_config(self, config):
        # Upstream starts with the default language, not built with DC_ONLY_LANG=nah
        if self.current_language is None:
            self.current_language = self._first_language()
        folder.RE_LOCALE = folder_files.language_folder_pattern(lang.locale for lang in self.config.languages)
        # The same files as upstream's, made without pathlib (folder_files.py)
        folder.create_i18n_file = folder_files.create_i18n_file
        share_environments(config.theme, self._theme_files)
        return super().on_config(config)

    @property
    def language_tags(self) -> list[str]:
        """Every configured language (not upstream's link-only 'null' entry)."""
        return [lang.locale for lang in self.config.languages if lang.locale != languages.NULL_LOCALE]

    @property
    def source_language(self) -> str:
        """The language the pages are written in (the entry with `default: true`),
        also when DC_ONLY_LANG builds another one."""
        return next(lang.locale for lang in self.config.languages if lang.default)

    def fallback_chain(self, tag: str) -> list[str]:
        """Where a page or string in ``tag`` is looked for, in order: ['nhe', 'nah', 'es']."""
        fallbacks = {lang.locale: list(lang.fallback) for lang in self.config.languages}
        return languages.fallback_chain(tag, fallbacks, self.source_language)

    def language_fallbacks(self) -> dict[str, list[str]]:
        """Each language's fallbacks before the source: {'nhe': ['nah'], 'nah': []}."""
        return {tag: self.fallback_chain(tag)[1:-1] for tag in self.language_tags}

    def spanish_name(self, tag: str) -> str:
        """The language's name inside a Spanish sentence: 'náhuatl'."""
        return self.get_language_config(tag).name_es

    def variety(self, tag: str) -> str | None:
        """Which variety the language's pages are in, in Spanish, if mkdocs.yml says."""
        return self.get_language_config(tag).variety

    def language_prefix(self, locale: str | None = None) -> str:
        """The URL folder of a language: '' for the default one, else e.g. 'nah'."""
        return self.get_language_config(locale or self.current_language).link.strip("/")

    def format_locale(self, locale: str | None = None) -> Locale:
        """The Babel locale that formats numbers and dates in a language."""
        locale = locale or self.current_language
        if locale not in self._format_locales:
            self._format_locales[locale] = languages.babel_locale(
                locale,
                self.get_language_config(locale).format_locale,
                self.config.fallback_format_locale,
            )
        return self._format_locales[locale]

    # Keep the language switcher on the same page; extra.alternate keeps the
    # language roots for pages without alternates (404). Upstream's rule, with
    # shallow copies: it deep-copied the list twice per page (flat dicts).
    def reconfigure_page_context(self, context, page, config, nav):
        if not self.extra_alternate:
            return context
        alternates = [dict(entry) for entry in self.extra_alternate]
        if PurePath(page.url) not in (PurePath("."), PurePath(page.file.locale_alternate_of)):
            for entry in alternates:
                if entry["lang"] in page.file.alternates:
                    entry["link"] = page.file.alternates[entry["lang"]].url
        context["page_alternates"] = alternates
        config.extra.alternate = [dict(entry) for entry in self.extra_alternate]
        return context

    # One search index per language (see build_tools/i18n/search_index.py), so
    # upstream's merged index and its de-duplication are not needed.
    def reconfigure_search_plugin(self, config, search_plugin_name, search_plugin):
        if not search_plugin.config.enabled:
            return config
        if self._stemmers is None:
            self._stemmers = search_index.lunr_languages(config.theme.dirs)
        settings = search_index.search_settings(
            self.current_language, self._stemmers, search_plugin.config.separator
        )
        # The search plugin copied its config into its index in on_config
        search_plugin.config.update(settings)
        search_plugin.search_index.config.update(settings)
        return config

    def extend_search_entries(self, config):
        pass  # upstream collects every language's entries for one index

    def reconfigure_search_index(self, config):
        pass  # upstream writes that merged index

    @event_priority(-100)
    def on_post_page(self, output, page, config):
        return super().on_post_page(self._finish_html(output), page, config)

    def on_post_template(self, output_content, template_name, config):
        return self._finish_html(output_content) if template_name == "404.html" else output_content

    def _finish_html(self, html: str) -> str:
        # Material fetches the search index from `base`: the language's root
        html = search_index.set_config_base(html, self.language_prefix())
        return drop_head_alternates(html)

    # The other languages' workers start before this language's pages are
    # read, so that they share the cores with it: after the run's checks have
    # started (the pipeline's on_config), before this language's files are
    # picked. See build_tools/i18n/parallel_build.py.
    @event_priority(-100)
    def on_files(self, files, config):
        if not self.building and self._workers is None:
            others = self._other_languages()
            jobs = parallel_build.job_count(others)
            if parallel_build.in_workers(others, jobs):
                compile_page_templates(self._page_env(config), self._own_templates(config))
                self._workers = parallel_build.LanguageWorkers(
                    others, functools.partial(self._build_language, config), config.site_dir, jobs,
                )
                self._workers.start()
        return super().on_files(files, config)

    # Each language build writes 404.html, sitemap.xml and the search index at
    # the site root; move them into the language's folder and keep the
    # default's at the root. After the default build, the others: from their
    # workers, or one after the other here (upstream's loop).
    @event_priority(-100)
    def on_post_build(self, config):
        self._write_language_search_index(config)
        self._place_language_root_files(config.site_dir)
        if self.building:
            return
        workers, self._workers = self._workers, None
        if workers is not None:
            workers.finish()
            return
        for tag in self._other_languages():
            self._build_language(config, tag, config.site_dir)

    # The build stopped: stop its workers and the checks it no longer awaits
    def on_build_error(self, error):
        if self.building:
            return
        if self._workers is not None:
            self._workers.stop()
            self._workers = None
        background.stop_all()

    def _page_env(self, config) -> jinja2.Environment:
        """A Jinja environment as the pages get it (after upstream's on_env)."""
        env = config.theme.get_env()
        super().on_env(env, config, None)
        return env

    def _own_templates(self, config) -> list[str]:
        """The project's templates (theme.custom_dir): hooks render some directly."""
        root = config.theme.custom_dir
        if not root:
            return []
        return sorted(
            os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")
            for folder, _dirs, names in os.walk(root) for name in names if name.endswith(".html")
        )

    def _first_language(self) -> str:
        return self.source_language if self.source_language in self.build_languages else self.build_languages[0]

    def _other_languages(self) -> list[str]:
        return [tag for tag in self.build_languages if tag != self.current_language]

    # As upstream: quiet the inner build's timing lines, and do not let it
    # empty the site folder. Undone even when the language fails.
    def _build_language(self, config, tag: str, site_dir: str) -> None:
        build_logger = logging.getLogger("mkdocs.commands.build")
        quiet = I18nLoggingFilter()
        quiet.filtered_prefixes.update(("Documentation built in", "Building documentation to directory"))
        clean_directory = utils.clean_directory
        self.building = True
        build_logger.addFilter(quiet)
        utils.clean_directory = lambda path: path
        try:
            self.current_language = tag
            config.site_dir = site_dir
            build(config, dirty="--dirty" in sys.argv or "--dirtyreload" in sys.argv)
        finally:
            utils.clean_directory = clean_directory
            build_logger.removeFilter(quiet)
            self.building = False

    # The search plugin wrote this language's index at the root; rewrite it
    # with locations relative to the language's root (then moved below).
    def _write_language_search_index(self, config) -> None:
        prefix = self.language_prefix()
        search = search_index.search_plugin(config)
        if not prefix or search is None:
            return
        search_index.relative_to_language(search.search_index.entries, prefix)
        data = search.search_index.generate_search_index(None)
        with open(os.path.join(config.site_dir, search_index.INDEX_PATH), "w", encoding="utf-8") as f:
            f.write(data)

    def _place_language_root_files(self, site_dir: str) -> None:
        prefix = self.language_prefix()
        for name in LANGUAGE_ROOT_FILES:
            root_path = os.path.join(site_dir, name)
            if not os.path.exists(root_path):
                continue
            if not prefix:
                with open(root_path, "rb") as f:
                    self._default_root_files[name] = f.read()
                continue
            target = os.path.join(site_dir, prefix, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(root_path, target)
            if name in self._default_root_files:
                with open(root_path, "wb") as f:
                    f.write(self._default_root_files[name])


def drop_head_alternates(html: str) -> str:
    """Remove the <head> links to each language.

    Material fetches `sitemap.xml` beside each of them on every page load
    (five requests, to match pages for its selector, which our selector
    links do already). The per-language sitemaps carry each page's hreflang
    alternates for search engines instead.
    """
    head_end = html.find("</head>")
    return _HEAD_ALTERNATE.sub("", html[:head_end]) + html[head_end:] if head_end >= 0 else html
