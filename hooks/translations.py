"""Hook: tell readers when a page falls back to Spanish or is a draft translation."""

from mkdocs.utils import get_relative_url

from build_tools import site, translations
from build_tools.errors import ContentError, Problem, display_path


# Prepend the notice in the reader's language; mark fallback text as Spanish.
def on_page_content(html, page, config, files):
    state = site.state(config)
    meta = page.meta or {}
    if problem := translations.status_problem(meta):
        raise ContentError(Problem(display_path(page.file.abs_src_path, state.root), 1, problem))
    where = translations.page_language(state.lang, page.file.locale, state.source_lang, meta)
    source_link = None
    source_file = getattr(page.file, "alternates", {}).get(state.source_lang)
    if where.status == "draft" and source_file is not None:
        source_link = get_relative_url(source_file.url, page.url)
    return translations.decorate(html, where, state.catalogs[state.lang], state.language_name(state.lang), source_link)
