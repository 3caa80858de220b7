"""Hook: share control, audio player, print footer (QR code) and the
printable one-page summary of each guide (build_tools.print_sheets)."""

from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote, urljoin

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from build_tools import audio, background, offline, print_sheets, site
from build_tools.errors import ContentError, Problem, display_path
from build_tools.fact_rendering import RenderContext, format_date_for, render_inline

SHARE_SCRIPT = "assets/javascripts/share.js"


# The help lines every summary lists must be phone facts with a label.
def on_config(config):
    state = site.state(config)
    source = state.catalogs[state.source_lang].strings["site"]
    for fact_id in state.settings.summary_phones:
        fact = state.facts.get(fact_id)
        if fact is None or fact.type != "phone":
            raise PluginError(f"mkdocs.yml: extra.derechos.summary_phones: '{fact_id}' is not a phone fact in facts/")
        if f"summary.phone.{fact_id}" not in source:
            raise PluginError(f"{state.settings.locales_dir}/{state.source_lang}.yml: add 'summary.phone.{fact_id}' (its label on printed summaries)")
    return config


# Before hooks/facts.py (50) lets go of the page's facts: the summary lists
# the phone numbers the guide gives.
@event_priority(60)
def on_page_content(html, page, config, files):
    state = site.state(config)
    run = _run(state)
    raw, meta = state.source_text(page.file), page.meta or {}
    shown = display_path(page.file.abs_src_path, state.root)
    file_lang = getattr(page.file, "locale", None) or state.lang
    found, problems = audio.read_audio(meta, raw, state.docs_dir / file_lang, shown, state.root)
    if problems:
        raise ContentError(problems)
    tools = SimpleNamespace(audio=None, summary=[], summary_lang=state.lang, text_lang=file_lang, phones=[])
    ctx = RenderContext(state.lang, state.i18n.format_locale(), state.catalogs[state.lang], state.as_of, footnotes=False)
    if found:
        published = _published(run, state, files).get(str(found.path.resolve()))
        if published is None:
            raise ContentError(Problem(shown, audio.key_line(raw), f"the audio file {display_path(found.path, state.root)} is not published (excluded from the site?)"))
        tools.audio = SimpleNamespace(
            href=get_relative_url(published.url, page.url), mime=found.mime, title=found.title,
            duration=found.duration, size=offline.format_size(found.size, ctx.locale),
        )
    items, items_shown, items_lang = _summary(run, raw, shown), shown, file_lang
    translation = state.translation(page.file.src_uri)
    if not items and translation is not None:
        # A translation without its own summary yet prints the Spanish one
        items_shown = display_path(translation.source_path, state.root)
        items, items_lang = _summary(run, translation.source_text, items_shown), state.source_lang
    if items:
        tools.summary = run.renderer.render(items, items_shown, ctx)
        tools.summary_lang = items_lang
        used = state.facts_extension.page.ctx.used if state.facts_extension.page else []
        for fact_id in print_sheets.help_phones(used, state.settings.summary_phones, state.facts):
            key = f"summary.phone.{fact_id}"
            if key not in ctx.catalog.strings["site"]:
                raise ContentError(Problem(f"{state.settings.locales_dir}/{state.source_lang}.yml", None, f"add '{key}': {shown} gives this phone number, and printed summaries need its label"))
            tools.phones.append((ctx.catalog.t(key), render_inline(state.facts[fact_id], ctx)))
    page.derechos_tools = tools
    return html


# A QR code costs about 2 ms: make this language's in a second process
# while its pages render (after mkdocs-static-i18n, -100, sets their URLs).
@event_priority(-110)
def on_files(files, config):
    run = _run(site.state(config))
    urls = [urljoin(config.site_url or "", file.url) for file in files.documentation_pages()]
    run.qr_codes = background.Pending(lambda: print_sheets.qr_codes(urls))
    return files


# Templates are rendered with the theme's environment; a summary's address
# must not be a page's.
def on_env(env, config, files):
    state = site.state(config)
    run = _run(state)
    run.env = env
    # The same for every page of this language
    run.ctx = RenderContext(state.lang, state.i18n.format_locale(), state.catalogs[state.lang], state.as_of)
    run.as_of = format_date_for(state.as_of, run.ctx)
    if run.qr_codes is not None:
        print_sheets.remember_qr_codes(run.qr_codes.result())
        run.qr_codes = None
    pages = files.documentation_pages()
    urls = {file.url: file for file in pages}
    for file in pages:
        tools = getattr(file.page, "derechos_tools", None)
        clash = urls.get(print_sheets.summary_url(file.url)) if tools and tools.summary else None
        if clash is not None:
            raise ContentError(Problem(
                display_path(clash.abs_src_path, state.root), None,
                f"this page's address is where the printable summary of {display_path(file.abs_src_path, state.root)} goes; rename one",
            ))
    return env


# After the search index and the sources list (hooks/facts.py, -50).
@event_priority(-60)
def on_page_context(context, page, config, nav):
    tools = getattr(page, "derechos_tools", None)
    if tools is None:
        return context
    state = site.state(config)
    run, catalog = _run(state), state.catalogs[state.lang]
    url = page.canonical_url or page.abs_url
    title = (page.meta or {}).get("title") or page.title or config.site_name
    values = dict(t=catalog.t, url=url, title=title, tools=tools)
    bar = run.env.get_template("partials/page-tools.html").render(
        **values,
        whatsapp="https://wa.me/?text=" + quote(f"{title} {url}", safe=""),
        summary_href=print_sheets.SUMMARY_FOLDER + "/" if tools.summary else None,
    )
    footer = run.env.get_template("partials/print-footer.html").render(
        **values, qr=print_sheets.qr_svg(url), as_of=run.as_of,
    )
    content = print_sheets.print_urls(page.content or "", url)
    head, mark, rest = content.partition("</h1>")
    page.content = (head + mark + bar + rest if mark else bar + content) + footer
    return context


# The summary sheet of a guide: a page of its own, beside the guide's.
def on_post_page(output, page, config):
    tools = getattr(page, "derechos_tools", None)
    if not tools or not tools.summary:
        return output
    state = site.state(config)
    run, catalog = _run(state), state.catalogs[state.lang]
    address = print_sheets.summary_url(page.url)
    url = page.canonical_url or page.abs_url
    qr_label = catalog.t("print.qr", url=url)
    sheet = run.env.get_template("partials/summary-sheet.html").render(
        t=catalog.t, lang=state.lang, tools=tools, url=url, qr=print_sheets.qr_svg(url, qr_label),
        title=(page.meta or {}).get("title") or page.title, site_name=config.site_name, as_of=run.as_of,
        last_reviewed=format_date_for(page.meta["last_reviewed"], run.ctx) if (page.meta or {}).get("last_reviewed") else None,
        guide_href="../", script=get_relative_url(SHARE_SCRIPT, address),
    )
    target = Path(config.site_dir) / address / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(sheet, encoding="utf-8")
    return output


def _run(state):
    run = getattr(state, "page_tools", None)
    if run is None:
        run = state.page_tools = SimpleNamespace(
            renderer=print_sheets.SummaryRenderer(state.facts), env=None, ctx=None, as_of=None,
            published=None, qr_codes=None, summaries={},
        )
    return run


def _published(run, state, files):
    """This language's files by their path on disk (audio files included)."""
    if run.published is None or run.published[0] != state.lang:
        run.published = (state.lang, {str(Path(f.abs_src_path).resolve()): f for f in files if f.abs_src_path})
    return run.published[1]


def _summary(run, text, shown):
    """A file's summary items, read once per run (a Spanish page's serves
    every language that falls back to it)."""
    if shown not in run.summaries:
        run.summaries[shown] = print_sheets.read_summary(text, shown)
    return run.summaries[shown]
