"""Hook: calculators on the pages that ask for one, and their script only there."""

from build_tools import calculators, site
from build_tools.calculators_markdown import CalculatorsExtension, PageCalculators
from build_tools.errors import ContentError, Problem


def on_config(config):
    if not any(isinstance(e, CalculatorsExtension) for e in config.markdown_extensions):
        config.markdown_extensions.append(CalculatorsExtension(site.state(config).facts))
    return config


# After hooks/facts.py: a calculator's facts join the page's list of sources.
def on_page_markdown(markdown, page, config, files):
    facts_page = site.state(config).facts_extension.page
    _extension(config).page = PageCalculators(
        path=facts_page.path,
        line_offset=facts_page.line_offset,
        ctx=facts_page.ctx,
        help_url=lambda: _help_url(page, files, config),
    )
    return markdown


# The page template loads the script where this is set
# (overrides/partials/calculators.html).
def on_page_content(html, page, config, files):
    extension = _extension(config)
    found, extension.page = extension.page, None
    if found and found.found:
        page.meta["dc_calculators"] = found.found
    return html


def _extension(config) -> CalculatorsExtension:
    return next(e for e in config.markdown_extensions if isinstance(e, CalculatorsExtension))


def _help_url(page, files, config) -> str:
    # The help page in the page's own language, else the Spanish one
    state = site.state(config)
    folder = page.file.src_uri.split("/", 1)[0]
    for lang in dict.fromkeys((folder, state.source_lang)):
        target = files.get_file_from_path(f"{lang}/{calculators.HELP_PAGE}")
        if target is not None:
            return target.url_relative_to(page.file)
    raise ContentError(Problem(f"docs/{state.source_lang}/{calculators.HELP_PAGE}", None, "the help page that calculators link to is missing"))
