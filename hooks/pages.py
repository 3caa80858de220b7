"""Hook: check every page and the docs/ layout before MkDocs reads anything."""

from mkdocs.plugins import event_priority

from build_tools import pages, site
from build_tools.errors import ContentError, display_path
from build_tools.external_links import ExternalLinksExtension


# External links get rel="noopener noreferrer" (see build_tools.external_links).
def on_config(config):
    if not any(isinstance(e, ExternalLinksExtension) for e in config.markdown_extensions):
        config.markdown_extensions.append(ExternalLinksExtension())
    return config


# Once per run, ahead of mkdocs-static-i18n (-100) and the other hooks.
@event_priority(100)
def on_files(files, config):
    state = site.state(config)
    if state.pages_checked:
        return files
    state.pages_checked = True
    problems = pages.check_layout(state.docs_dir, state.i18n.language_tags, state.root)
    for file in files.documentation_pages():
        text = state.source_text(file)
        problems += pages.check_page(text, display_path(file.abs_src_path, state.root))
    if problems:
        raise ContentError(problems)
    return files
