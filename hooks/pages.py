"""Hook: check every page and the docs/ layout before MkDocs reads anything."""

from pathlib import Path

from mkdocs.plugins import event_priority

from build_tools import glossary, pages, site, typed_figures
from build_tools.errors import ContentError, display_path
from build_tools.external_links import ExternalLinksExtension


# External links get rel="noopener noreferrer" (see build_tools.external_links).
def on_config(config):
    if not any(isinstance(e, ExternalLinksExtension) for e in config.markdown_extensions):
        config.markdown_extensions.append(ExternalLinksExtension())
    return config


# Once per run, ahead of mkdocs-static-i18n (-100) and the other hooks;
# the checks run beside the build and are collected in on_env. Each file is
# checked once: a page that falls back to Spanish is the Spanish file.
@event_priority(100)
def on_files(files, config):
    state = site.state(config)
    if state.pages_checked:
        return files
    state.pages_checked = True
    paths = [file.abs_src_path for file in files.documentation_pages()]
    state.check_in_background(lambda: _page_problems(state, paths))
    return files


def _page_problems(state, paths):
    problems = pages.check_layout(state.docs_dir, state.i18n.language_tags, state.root)
    terms = glossary.load(state.root, state.source_lang)
    for path in paths:
        text, shown = state.read(path), display_path(path, state.root)
        lang = Path(path).relative_to(state.docs_dir).parts[0]
        problems += pages.check_page(text, shown)
        problems += typed_figures.check_page(text, shown, lang, state.facts)
        if lang == terms.language:
            problems += glossary.check_page(text, shown, terms)
    locale = state.root / state.settings.locales_dir / f"{terms.language}.yml"
    if locale.is_file():
        problems += glossary.check_locale(state.read(locale), display_path(locale, state.root), terms)
    return problems


# Every page is rendered and nothing is written yet: stop on any problem
# the background checks found.
@event_priority(100)
def on_env(env, config, files):
    if problems := site.state(config).collect_checks():
        raise ContentError(problems)
    return env
