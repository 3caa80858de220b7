from __future__ import annotations

import os
import re
from copy import deepcopy

from babel import Locale
from mkdocs.plugins import event_priority
from mkdocs_static_i18n import folder
from mkdocs_static_i18n.plugin import I18n

from build_tools import languages
from build_tools.theme_env import share_environments
from build_tools.i18n.config import I18nConfig

# Files that every language build writes at the root of site_dir
LANGUAGE_ROOT_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")


class I18nPlugin(I18n):
    """mkdocs-static-i18n with BCP 47 tags and one 404 page and sitemap per language."""

    config_class = I18nConfig

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._default_root_files: dict[str, bytes] = {}
        self._format_locales: dict[str, Locale] = {}
        self._theme_files: dict = {}

    # Upstream guesses which folders are languages with its ISO 639-1 regex,
    # which never matches nah/tzo/mix and so walks every language for each of
    # their files (the fix upstream PR #348 proposes). Match our tags instead.
    # Each language build also asks the theme for a new Jinja environment:
    # share compiled templates and the theme's file list between them.
    @event_priority(-100)
    def on_config(self, config):
        tags = sorted((lang.locale for lang in self.config.languages), key=len, reverse=True)
        folder.RE_LOCALE = re.compile("^(?:" + "|".join(re.escape(tag) for tag in tags) + ")$")
        share_environments(config.theme, self._theme_files)
        return super().on_config(config)

    @property
    def language_tags(self) -> list[str]:
        """Every configured language (not upstream's link-only 'null' entry)."""
        return [lang.locale for lang in self.config.languages if lang.locale != languages.NULL_LOCALE]

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

    # Keep the language switcher on the same page, but point the <head>
    # alternates at the language roots: Material fetches `sitemap.xml`
    # next to each of them, and only the roots have one.
    def reconfigure_page_context(self, context, page, config, nav):
        context = super().reconfigure_page_context(context, page, config, nav)
        if self.extra_alternate:
            context["page_alternates"] = deepcopy(config.extra.alternate)
            config.extra.alternate = deepcopy(self.extra_alternate)
        return context

    # Upstream compares every default-language entry with every other entry
    # (quadratic: minutes at 800 pages per language). Same rule, one pass:
    # drop an entry identical to the default language's entry at the same path.
    def reconfigure_search_duplicates(self, search_index_entries):
        prefixes = tuple(f"{lang}/" for lang in self.build_languages)
        defaults = {
            (entry["title"], entry["text"], entry["location"])
            for entry in search_index_entries
            if not entry["location"].startswith(prefixes)
        }
        kept = [
            entry for entry in search_index_entries
            if not (
                entry["location"].startswith(prefixes)
                and (entry["title"], entry["text"], entry["location"].split("/", 1)[1]) in defaults
            )
        ]
        search_index_entries[:] = kept

    # Each language build writes 404.html and sitemap.xml at the site root;
    # move them into the language's folder and keep the default's at the root.
    @event_priority(-100)
    def on_post_build(self, config):
        self._place_language_root_files(config.site_dir)
        return super().on_post_build(config)

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
