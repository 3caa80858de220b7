"""Hook: translation state, parity checks and the notices readers see."""

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from build_tools import glossary, parity, site, translations
from build_tools.errors import ContentError, Problem, display_path


# Check every translation once per run, beside the build (collected before
# anything is written): reviewed ones must match their Spanish page (drafts
# are work in progress: `translate check` shows theirs); outdated ones are
# listed for maintainers.
def on_config(config):
    state = site.state(config)
    if state.translations_checked:
        return config
    state.translations_checked = True
    notes, reviewed = [], []
    for item in state.translations:
        if item.state == "outdated":
            shown = display_path(item.path, state.root)
            notes.append(f"{shown}: outdated; its Spanish page changed (python -m build_tools translate diff {item.page} {item.lang})")
        elif item.state == "translated":
            reviewed.append(item)
    state.check_in_background(lambda: _parity_problems(state, reviewed))
    if notes:
        site.warn("Translations to look at", notes)
    return config


def _parity_problems(state, items):
    problems = []
    for item in items:
        source, shown = display_path(item.source_path, state.root), display_path(item.path, state.root)
        problems += parity.compare(item.source_text, item.text, state.facts, source, shown)
    return problems


# Without drafts, a draft translation is left out and Spanish shows instead.
# Runs before mkdocs-static-i18n (-100) picks each language's files.
@event_priority(0)
def on_files(files, config):
    state = site.state(config)
    if state.settings.include_drafts:
        return files
    for item in state.translations:
        if item.text is not None and translations.translation_status(item.meta) != "reviewed":
            file = files.get_file_from_path(f"{item.lang}/{item.page}")
            if file is not None:
                files.remove(file)
    return files


# Prepend the notices in the reader's language; mark fallback text as
# Spanish; fill in the public status table and the glossary.
def on_page_content(html, page, config, files):
    state = site.state(config)
    meta = page.meta or {}
    if problem := translations.status_problem(meta):
        raise ContentError(Problem(display_path(page.file.abs_src_path, state.root), 1, problem))
    if translations.STATUS_PLACEHOLDER in html:
        html = html.replace(translations.STATUS_PLACEHOLDER, _status_table(state, page))
    if glossary.PLACEHOLDER in html:
        html = html.replace(glossary.PLACEHOLDER, glossary.render(glossary.load(state.root, state.source_lang), state.lang))
    source_file = getattr(page.file, "alternates", {}).get(state.source_lang)
    item = state.translation(page.file.src_uri)
    outdated = item is not None and item.state == "outdated"
    where = translations.page_language(state.lang, page.file.locale, state.source_lang, meta, outdated)
    source_link = get_relative_url(source_file.url, page.url) if source_file is not None else None
    return translations.decorate(html, where, state.catalogs[state.lang], state.language_name(state.lang), source_link)


def _status_table(state, page):
    statuses = [translations.status_of(item) for item in state.translations]
    names = {lang.locale: lang.name for lang in state.i18n.config.languages}

    def href(lang, target):
        url = state.i18n.language_prefix(lang) + "/" + translations.page_url(target)
        return get_relative_url(url.lstrip("/"), page.url)

    return translations.render_status(statuses, state.catalogs[state.lang], names, href)
