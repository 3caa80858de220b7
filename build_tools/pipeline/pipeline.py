"""The build, step by step: one method per MkDocs event (hooks/pipeline.py
hands them over), each calling its steps in order.

For a page: read and check its source (on_page_markdown), render its facts
calculators and self-checks (the Markdown extensions), then its page tools, the end of
page (review date, laws, sources) and translation notices (on_page_content),
then, once the search plugin indexed it, add the sources and tools
(on_page_context) and write its printable summary (on_post_page).
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from urllib.parse import urljoin

from babel.numbers import format_percent
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import get_files
from mkdocs.utils import get_relative_url

from build_tools import background, translations
from build_tools.checks import html_safety, links, pages, typed_figures
from build_tools.errors import ContentError, Problem, warn
from build_tools.facts import report_staleness
from build_tools.facts.history import report_unverified_changes
from build_tools.facts.markdown_extension import Document
from build_tools.facts.rendering import RenderContext, render_page_footer
from build_tools.front_matter import split
from build_tools.i18n import language_marks, search_index
from build_tools.pipeline import site
from build_tools.pipeline.state import LanguageBuild, PageRecord, Run
from build_tools.reader import audio, menu, page_tools, print_sheets, redirects, self_check
from build_tools.translations import glossary, parity, po_files, segments
from build_tools.yaml_source import read_text


class Pipeline:
    """The project's build steps, in the order MkDocs' events call them."""

    def __init__(self):
        self.run: Run | None = None
        self.serving = False  # `mkdocs serve` (make serve)
        self.clean_builds = False  # MkDocs empties the output folder first (not --dirty)

    # `mkdocs serve` gives site_url its own address (http://127.0.0.1:8000/),
    # which nobody else can open: the preview builds as without SITE_URL.
    def on_startup(self, command, dirty):
        self.serving = command == "serve"
        self.clean_builds = not dirty

    @property
    def language(self) -> LanguageBuild:
        return self.run.language

    # Each language build starts here, after mkdocs-static-i18n (-100) chose
    # its language. A config MkDocs has not given us before is a new run.
    @event_priority(-110)
    def on_config(self, config: MkDocsConfig):
        if self.run is None or self.run.config is not config:
            self._start_run(config)
        language = self.run.start_language()
        # The headings' link title, in the language (Python-Markdown's is English)
        toc = config.mdx_configs.setdefault("toc", {})
        toc["permalink_title"] = language.ctx.catalog.t("toc.permalink")
        return config

    def _start_run(self, config: MkDocsConfig) -> None:
        if self.serving:
            config.site_url = None
        elif not config.site_url:
            warn(page_tools.NO_PUBLIC_ADDRESS)
        run = self.run = Run.load(config, document=self._document, page_url=self._page_url, self_check_links=self._self_check_links)
        # Material's language partials, made from locales/, ahead of its own
        config.theme.dirs.insert(0, run.theme_dir.name)
        config.markdown_extensions += [
            run.external_links_extension, run.facts_extension, run.calculators_extension, run.self_check_extension,
        ]
        report_staleness(run.facts, run.as_of, run.settings.fact_max_age_days, run.settings.fact_warning_days, run.settings.strict_facts)
        report_unverified_changes(run.root / run.settings.facts_dir, run.root, run.settings.strict_facts)
        self._report_outdated_translations()
        page_tools.check_summary_phones(
            run.settings.summary_phones, run.facts, run.catalogs[run.source_lang],
            f"{run.settings.locales_dir}/{run.source_lang}.yml",
        )
        # Beside the build; collected in on_env, before anything is written
        run.check_in_background(self._page_problems)
        run.check_in_background(self._parity_problems)

    # Just before MkDocs empties the output folder: the previous build's files
    # go aside and are deleted beside this build (once per run).
    def on_pre_build(self, config):
        if self.clean_builds and not self.run.i18n.building:
            self.run.old_output = site.set_old_output_aside(config.site_dir)

    # Before mkdocs-static-i18n (-100) picks each language's files: without
    # drafts, a draft translation is left out and Spanish shows instead.
    def on_files(self, files, config):
        if not self.run.settings.include_drafts:
            for item in self.run.translations:
                if item.text is not None and translations.translation_status(item.meta) != translations.REVIEWED:
                    file = files.get_file_from_path(f"{item.lang}/{item.page}")
                    if file is not None:
                        files.remove(file)
        return files

    # This language's files are chosen and have their URLs: start its QR
    # codes in a second process while its pages render. After
    # mkdocs-static-i18n (-100) has made this language's menu: name its
    # sections and put them in the order readers look for them.
    @event_priority(-110)
    def on_nav(self, nav, config, files):
        run, language = self.run, self.language
        self._name_sections(nav.items)
        if language.lang == run.source_lang:
            problems = menu.unknown_folders(run.settings.menu_order, nav.items, config.config_file_path)
            if problems:
                warn("The menu order names folders the site does not have", [str(p) for p in problems])
        nav.items[:] = menu.order_sections(menu.without_single_page_sections(nav.items), run.settings.menu_order)
        nav.pages[:] = menu.pages_in_order(nav.items)
        menu.link_previous_and_next(nav.pages)
        language.files = files
        # Without the public address (SITE_URL: a preview, a test build) there
        # is nothing to encode, and no second process to start for it
        urls = [urljoin(config.site_url, file.url) for file in files.documentation_pages()] if config.site_url else []
        language.qr_codes = background.Pending(lambda: print_sheets.qr_codes(urls), fork=None if urls else False)
        return nav

    # Read the page's source (once per run) and its links; the Markdown
    # extensions render it through self._document.
    def on_page_markdown(self, markdown, page, config, files):
        run, language = self.run, self.language
        source, shown = run.source(page.file.abs_src_path), run.shown(page.file.abs_src_path)
        found = links.find_links(source.text, autolinks=True)
        if problems := links.malformed_links(found, shown):
            raise ContentError(problems)  # before MkDocs reads them
        language.page = language.pages[page.file.src_uri] = PageRecord(
            page=page,
            shown=shown,
            source=source,
            file_lang=getattr(page.file, "locale", None) or language.lang,
            # MkDocs renders the body: error lines count from where it starts
            document=Document(shown, source.body_line - 1, language.ctx.for_document()),
            links=[link for link in found if link.is_internal],
        )
        return self._from_segments(language.page) or markdown

    # The page is rendered: check the HTML it rendered to, take what the
    # extensions found, make its page tools and end of page, and add the
    # translation notices.
    def on_page_content(self, html, page, config, files):
        record, md = self.language.page, self.run.facts_extension.md
        self.language.page = None
        self.language.unsafe_html += html_safety.check_page_html(html, record.shown, record.source.text)
        record.facts_used, record.calculators = list(md.facts_used), list(self.run.calculators_extension.md.calculators)
        record.self_checks = list(self.run.self_check_extension.md.self_checks)
        record.tools = self._page_tools(record)
        record.footer = render_page_footer(md.fact_context, page.meta or {}, record.shown)
        return self._translation_notices(html, record)

    # Every page of this language is rendered and nothing is written yet:
    # stop on any problem found, then prepare what the pages are written with.
    def on_env(self, env, config, files):
        run, language = self.run, self.language
        if problems := run.collect_checks():
            raise ContentError(problems)
        # What the source checks could not see: attributes and elements that
        # only exist once the Markdown and its extensions have rendered it
        if language.unsafe_html:
            raise ContentError(sorted(set(language.unsafe_html), key=lambda p: (p.path, p.line or 0)))
        self._check_links(files)
        language.env = env
        # The switcher says how much of each language is there
        env.globals["language_coverage"] = {lang: run.coverage_label(lang) for lang in run.i18n.language_tags}
        # Templates MkDocs renders without a page (404.html) take our strings from here
        env.globals["site_string"] = language.ctx.catalog.t
        language.known = self._known_text()
        print_sheets.remember_qr_codes(language.qr_codes.result())
        self._check_summary_addresses()
        language.redirect_pages = redirects.language_pages(
            run.redirects,
            {file.url: file.page.title for file in files.documentation_pages() if file.page},
            language.prefix, language.lang, run.shown(run.root / run.settings.redirects_file),
            env.get_template("partials/redirect.html"), language.ctx.catalog, config.site_url,
        )
        return env

    # After the search plugin (0) indexed the page: give its entries the
    # page's search words, add the end of page and the page tools, and give
    # the templates what they show.
    @event_priority(-50)
    def on_page_context(self, context, page, config, nav):
        run, language = self.run, self.language
        record = language.pages[page.file.src_uri]
        search = search_index.search_plugin(config)
        if search is not None:
            search_index.add_page_fields(
                search.search_index.entries, page.url,
                run.words(record.source, record.shown),
                record.page_path.startswith(tuple(f"{folder}/" for folder in run.settings.search_last)),
            )
        context["offline"] = {**language.offline_strings, "manifest": get_relative_url(language.offline_manifest, page.url)}
        # overrides/partials/calculators.html loads their script only where there is one
        context["calculators"] = record.calculators
        # and overrides/partials/self-check.html the self-check's
        context["self_checks"] = record.self_checks
        page.content = (page.content or "") + record.footer
        page.content = page_tools.add_tools(
            page.content, language.env, language.ctx.catalog, record.tools,
            page.canonical_url, (page.meta or {}).get("title") or page.title or config.site_name,
            language.as_of_text,
        )
        return context

    # Mark the Spanish text of another language's page as Spanish, then
    # write the guide's printable summary: a page of its own, beside it.
    def on_post_page(self, output, page, config):
        language = self.language
        record = language.pages[page.file.src_uri]
        output = self._mark_languages(output)
        tools = record.tools
        if tools.summary:
            sheet = page_tools.summary_sheet(
                language.env, language.ctx, tools, url=page.canonical_url, page_url=page.url,
                title=(page.meta or {}).get("title") or page.title, site_name=config.site_name,
                as_of=language.as_of_text, last_reviewed=(page.meta or {}).get("last_reviewed"),
            )
            site.write_page(config.site_dir, print_sheets.summary_url(page.url), self._mark_languages(sheet))
        return output

    # The 404 page, in each language
    def on_post_template(self, output, template_name, config):
        return self._mark_languages(output) if template_name == "404.html" else output

    # The old addresses of moved pages, in this language; nginx's list once.
    def on_post_build(self, config):
        run, language = self.run, self.language
        for address, html in language.redirect_pages.items():
            site.write_page(config.site_dir, address, self._mark_languages(html))
        if language.lang == run.source_lang:
            prefixes = [run.i18n.language_prefix(lang) for lang in run.i18n.language_tags]
            Path(config.site_dir, redirects.NGINX_FILE).write_text(redirects.nginx_conf(run.redirects, prefixes), encoding="utf-8")
        if run.old_output is not None and not run.i18n.building:
            run.old_output.wait()  # no folder of old files is left behind a finished build
            run.old_output = None

    # -- Steps -----------------------------------------------------------------

    def _name_sections(self, items) -> None:
        """A menu section takes its index page's title, in the page's language
        (MkDocs names it after its folder: "Fabrica", and Spanish in English)."""
        run, language = self.run, self.language
        for section in items:
            if not section.is_section:
                continue
            self._name_sections(section.children)
            index = next((child for child in section.children if child.is_page and child.file.name == "index"), None)
            if index is None:
                continue
            title = run.source(index.file.abs_src_path).meta.get("title")
            if not isinstance(title, str) or not title.strip():
                continue
            translate = run.segment_translator(language.lang, index.file.src_uri.split("/", 1)[1])
            translated = translate(" ".join(title.split())) if translate else None
            section.title = translated[0] if translated else title

    def _known_text(self) -> language_marks.KnownText:
        """What this language build knows to be in its language: the
        interface strings translated into it, and its pages' titles and
        headings that are translated."""
        run, language = self.run, self.language
        if language.lang == run.source_lang:
            return language_marks.KnownText()
        # By language: a page of a variety also shows its fallback's paragraphs
        texts: dict[str, list[str]] = {language.lang: [run.language_name(language.lang)]}
        for record in language.pages.values():
            page = record.page
            if record.kind in (translations.DRAFT, translations.REVIEWED):
                texts[language.lang] += [page.title, *(item.title for item in _toc_items(page.toc))]
            elif record.segments is not None:
                for tag in record.segments.langs - {run.source_lang}:
                    texts.setdefault(tag, []).extend(language_marks.texts_in(page.content or "", tag))
                for text, tag in record.segments.plain:
                    if tag != run.source_lang:
                        texts.setdefault(tag, []).append(text)
        own = texts.pop(language.lang)
        return language_marks.KnownText.from_catalog(language.ctx.catalog, own, others=texts)

    def _mark_languages(self, html: str) -> str:
        """Every piece of Spanish on another language's page inside lang="es"."""
        run, language = self.run, self.language
        if language.lang == run.source_lang:
            return html
        return language_marks.mark_fallback_text(html, language.lang, run.source_lang, language.known)

    def _from_segments(self, record: PageRecord) -> str | None:
        """A Spanish page shown in another language, rebuilt from the PO files
        of that language and its fallbacks: the Markdown to render, or None
        when none of its paragraphs is translated."""
        run, language = self.run, self.language
        if language.lang == run.source_lang or record.file_lang != run.source_lang:
            return None
        translate = run.segment_translator(language.lang, record.page_path)
        if translate is None:
            return None
        rebuilt = segments.rebuild(record.source.text, lambda segment: translate(segment.text), run.source_lang)
        if not rebuilt.translated:
            return None
        source = split(rebuilt.text)
        record.source, record.segments = source, rebuilt
        record.document = Document(record.shown, source.body_line - 1, language.ctx.for_document())
        # The title and description go into <title>, the menus and meta tags
        for key in ("title", "description"):
            if key in source.meta:
                record.page.meta[key] = source.meta[key]
        return source.body

    def _document(self) -> Document | None:
        """The page the Markdown extensions render (None outside a page)."""
        page = self.language.page
        return page.document if page else None

    def _page_url(self, path: str) -> str:
        """A page the calculators link to (``ayuda/index.md``, ``hogar/salario.md#que-hacer``),
        in the page's own language, else the Spanish one."""
        target, hash_mark, section = path.partition("#")
        return self._url_of(target, "a page that calculators link to is missing") + hash_mark + section

    def _self_check_links(self) -> self_check.Links:
        """The pages a self-check's result links to, from the page rendered,
        and the states the page of offices lists, for the reader to pick hers."""
        states = self._file_of(self_check.STATES_PAGE, "the page of each state's offices, which self-checks link to, is missing")
        return self_check.Links(
            states=states.url_relative_to(self.language.page.page.file),
            help=self._url_of(self_check.HELP_PAGE, "the help page that self-checks link to is missing"),
            state_list=self_check.states_of(self.run.source(states.abs_src_path).text),
            state_lang=states.src_uri.split("/", 1)[0],  # its language folder
        )

    def _url_of(self, path: str, missing: str) -> str:
        """A page (its path in a language folder) in the rendered page's
        language, else the Spanish one, relative to the rendered page."""
        return self._file_of(path, missing).url_relative_to(self.language.page.page.file)

    def _file_of(self, path: str, missing: str):
        """A page's file (its path in a language folder) in the rendered
        page's language, else the Spanish one."""
        run, language = self.run, self.language
        folder = language.page.page.file.src_uri.split("/", 1)[0]
        for lang in dict.fromkeys((folder, run.source_lang)):
            target = language.files.get_file_from_path(f"{lang}/{path}")
            if target is not None:
                return target
        raise ContentError(Problem(f"docs/{run.source_lang}/{path}", None, missing))

    def _page_problems(self) -> list[Problem]:
        """Every page and the docs/ layout, each file once (a page that falls
        back to Spanish is the Spanish file)."""
        run = self.run
        problems = pages.check_layout(run.docs_dir, run.i18n.language_tags, run.root)
        problems += translations.pages_without_a_source(run.docs_dir, run.source_lang, run.i18n.language_tags, run.root)
        terms = run.glossary
        for file in get_files(run.config).documentation_pages():
            path = file.abs_src_path
            source, shown = run.source(path), run.shown(path)
            lang = Path(path).relative_to(run.docs_dir).parts[0]
            problems += pages.check_page(source.text, shown, source)
            problems += typed_figures.check_page(source.text, shown, lang, run.facts, source)
            if lang == terms.language:
                problems += glossary.check_page(source.text, shown, terms, source)
        locale = run.root / run.settings.locales_dir / f"{terms.language}.yml"
        if locale.is_file():
            problems += glossary.check_locale(read_text(locale, run.root), run.shown(locale), terms)
        return problems

    def _parity_problems(self) -> list[Problem]:
        """Reviewed translations must match their Spanish page (drafts are
        work in progress: `translate check` shows theirs), and every
        translated paragraph of a PO file its Spanish paragraph."""
        run = self.run
        problems = []
        for item in run.translations:
            if item.segments is not None:
                problems += po_files.check(item.segments.catalog, run.shown(item.segments.path), run.facts)
            elif item.state == translations.TRANSLATED:
                problems += parity.compare(item.source_text, item.text, run.facts, run.shown(item.source_path), run.shown(item.path))
        return problems

    def _report_outdated_translations(self) -> None:
        run = self.run
        notes = [
            f"{run.shown(item.path)}: outdated; its Spanish page changed (python -m build_tools translate diff {item.page} {item.lang})"
            for item in run.translations if item.state == translations.OUTDATED and item.segments is None
        ]
        notes += [
            f"{run.shown(item.segments.path)}: {item.segments.counts.fuzzy} párrafos por revisar / fuzzy paragraphs to check"
            for item in run.translations if item.segments is not None and item.segments.counts.fuzzy
        ]
        notes += [
            f"translations/{lang}/: {count} archivos PO no siguen las páginas en español / PO files do not follow the Spanish pages "
            f"(python -m build_tools translate update {lang})"
            for lang, count in translations.stale_segment_files(run.translations).items()
        ]
        if notes:
            warn("Translations to look at", notes)

    def _page_tools(self, record: PageRecord) -> page_tools.PageTools:
        """Audio player, summary and help lines of a page."""
        run, language = self.run, self.language
        page, source = record.page, record.source
        found, problems = audio.read_audio(source.meta, source.text, run.docs_dir / record.file_lang, record.shown, run.root)
        if problems:
            raise ContentError(problems)
        # A printed summary has no list of sources; its items are one document
        ctx = RenderContext(language.lang, language.ctx.locale, language.ctx.catalog, run.as_of, footnotes=False)
        # The title's language (a page from a PO file may have it translated)
        title_lang = record.segments.field_langs.get("title", record.file_lang) if record.segments else record.file_lang
        tools = page_tools.PageTools(summary_lang=language.lang, text_lang=title_lang)
        if found:
            published = language.published_file(found.path)
            tools.audio = page_tools.audio_player(
                found, published.url if published else None, page.url, ctx, record.shown, audio.key_line(source.text), run.root,
            )
        tools.listen_script = page_tools.listen_script(record.page_path, page.url, tools.audio is not None)
        items_source, items_shown, items_lang = source, record.shown, record.file_lang
        items = run.summary(items_source, items_shown)
        translation = run.translation(page.file.src_uri)
        if not items and translation is not None:
            # A translation without its own summary yet prints the Spanish one
            items_source, items_shown, items_lang = run.source(translation.source_path), run.shown(translation.source_path), run.source_lang
            items = run.summary(items_source, items_shown)
        if items:
            tools.summary = run.summary_renderer.render(items, items_shown, ctx)
            tools.summary_lang = items_lang
            language.unsafe_html += html_safety.check_page_html("".join(tools.summary), items_shown, items_source.text)
            tools.phones = page_tools.help_lines(
                record.facts_used, run.settings.summary_phones, run.facts, ctx, record.shown,
                f"{run.settings.locales_dir}/{run.source_lang}.yml",
            )
        return tools

    def _translation_notices(self, html: str, record: PageRecord) -> str:
        """Prepend the notices in the reader's language; mark fallback text as
        Spanish; fill in the public status table and the glossary."""
        run, language = self.run, self.language
        page, meta = record.page, record.page.meta or {}
        if problem := translations.status_problem(meta):
            raise ContentError(Problem(record.shown, 1, problem))
        if translations.STATUS_PLACEHOLDER in html:
            html = html.replace(translations.STATUS_PLACEHOLDER, self._status_table(page))
        if glossary.PLACEHOLDER in html:
            html = html.replace(glossary.PLACEHOLDER, glossary.render(run.glossary, language.lang))
        source_file = getattr(page.file, "alternates", {}).get(run.source_lang)
        item = run.translation(page.file.src_uri)
        outdated = item is not None and item.state == translations.OUTDATED
        rebuilt = record.segments
        where = translations.page_language(
            language.lang, record.file_lang, run.source_lang, meta, outdated,
            segments=(rebuilt.translated, rebuilt.total) if rebuilt else None,
            mostly_spanish=item is not None and item.spanish_copy,
        )
        record.kind = where.kind
        source_link = get_relative_url(source_file.url, page.url) if source_file is not None else None
        html = translations.decorate(html, where, language.ctx.catalog, run.language_names(language.lang), source_link)
        # The language's home page says how much of the language is there
        if language.lang != run.source_lang and page.url == f"{language.prefix}/":
            html = run.coverage_line(language.lang) + html
        return html

    def _status_table(self, page) -> str:
        run, language = self.run, self.language
        statuses = [translations.status_of(item) for item in run.translations]
        names = {lang.locale: lang.name for lang in run.i18n.config.languages}
        varieties = {tag: run.i18n.variety(tag) for tag in run.i18n.language_tags}

        def href(lang, target):
            url = run.i18n.language_prefix(lang) + "/" + translations.page_url(target)
            return get_relative_url(url.lstrip("/"), page.url)

        return translations.render_status(
            statuses, language.ctx.catalog, names, href, lambda share: format_percent(share, locale=language.ctx.locale),
            varieties,
        )

    def _check_links(self, files) -> None:
        """Every link and anchor of this language's pages, with file and line."""
        run, language = self.run, self.language

        def target_of(src_uri):
            file = files.get_file_from_path(src_uri)
            return run.shown(file.abs_src_path) if file is not None else None

        def anchors_of(src_uri):
            target = files.get_file_from_path(src_uri).page
            if target is None:
                return None
            return set(getattr(target, "present_anchor_ids", ()) or ()) | links.anchors_in(target.content)

        found = [(record.src_uri, record.shown, record.links) for record in language.pages.values()]
        if problems := links.check_links(found, target_of, anchors_of, language.lang):
            raise ContentError(problems)

    def _check_summary_addresses(self) -> None:
        language = self.language
        found = [
            (record.page.url, record.shown, bool(record.tools.summary))
            for record in language.pages.values()
        ]
        if problems := page_tools.summary_clashes(found):
            raise ContentError(problems[0])


def _toc_items(items):
    for item in items:
        yield item
        yield from _toc_items(item.children)


def state_of(config: MkDocsConfig) -> Run:
    """The run of an in-process MkDocs build of ``config`` (its catalogs, languages...)."""
    for plugin in config.plugins.values():
        pipeline = vars(plugin).get("pipeline") if isinstance(plugin, ModuleType) else None
        if isinstance(pipeline, Pipeline) and pipeline.run is not None and pipeline.run.config is config:
            return pipeline.run
    raise LookupError("no build of this MkDocs config has run in this process (is hooks/pipeline.py in mkdocs.yml?)")
