"""Hook: render {{ fact }} references and list each page's sources."""

import datetime as dt

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from build_tools import site
from build_tools.errors import ContentError, Problem, display_path
from build_tools.fact_history import GitError, unverified_changes
from build_tools.fact_rendering import RenderContext, render_review, render_sources
from build_tools.facts_markdown import PageFacts


# Load the facts once, report stale ones, and install the Markdown extension.
def on_config(config):
    state = site.state(config)
    if state.facts_extension not in config.markdown_extensions:
        config.markdown_extensions.append(state.facts_extension)
        _report_staleness(state)
        _report_unverified_changes(state)
    return config


# Tell the extension which page, language and date it renders for.
def on_page_markdown(markdown, page, config, files):
    state = site.state(config)
    lang = state.lang
    raw = state.source_text(page.file)
    state.facts_extension.page = PageFacts(
        path=display_path(page.file.abs_src_path, state.root),
        line_offset=site.source_line_offset(raw),
        ctx=RenderContext(lang, state.i18n.format_locale(lang), state.catalogs[lang], state.as_of),
    )
    return markdown


# Render when the page was reviewed, the laws it relies on, and the
# sources of the facts it used (added to the page in on_page_context).
@event_priority(50)
def on_page_content(html, page, config, files):
    state = site.state(config)
    page_facts, state.facts_extension.page = state.facts_extension.page, None
    if page_facts is None:
        return html
    meta = page.meta or {}
    shown = display_path(page.file.abs_src_path, state.root)
    last_reviewed, laws = meta.get("last_reviewed"), meta.get("laws", [])
    if last_reviewed is not None and not isinstance(last_reviewed, dt.date):
        raise ContentError(Problem(shown, None, f"'last_reviewed' must be a date like 2026-11-21, not '{last_reviewed}'"))
    if not isinstance(laws, list) or not all(isinstance(law, str) for law in laws):
        raise ContentError(Problem(shown, None, "'laws' must be a list of law names"))
    ctx = page_facts.ctx
    state.page_footers[page.file.src_uri] = render_review(ctx, last_reviewed, laws) + render_sources(ctx)
    return html


# After the search plugin has indexed the page: the same sources repeat on
# many pages, and parsing them for search cost a fifth of the build.
@event_priority(-50)
def on_page_context(context, page, config, nav):
    footer = site.state(config).page_footers.pop(page.file.src_uri, "")
    page.content = (page.content or "") + footer
    return context


def _report_staleness(state):
    settings = state.settings
    report = state.facts.staleness(state.as_of, settings.fact_max_age_days, settings.fact_warning_days)
    # Never fails the build: it gives maintainers time to add the next value
    if report.ending:
        site.warn(f"Facts whose value ends within {settings.fact_warning_days} days", report.ending_lines())
    if report:
        _warn_or_fail(state, "Facts need checking", report.lines(state.as_of))


def _report_unverified_changes(state):
    try:
        problems = unverified_changes(state.root / state.settings.facts_dir, state.root)
    except GitError:
        return  # git cannot read the last commit (none yet): nothing to compare with
    if problems:
        _warn_or_fail(state, "Fact values changed without a new 'last_verified'", [str(p) for p in problems])


def _warn_or_fail(state, title, lines):
    if state.settings.strict_facts:
        raise PluginError(f"{title} (strict_facts is on):\n" + "\n".join(lines))
    site.warn(f"{title} (use --strict to fail the build)", lines)
