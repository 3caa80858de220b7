"""Hook: an old address of a moved page leads to its new one, in every language."""

from pathlib import Path

from build_tools import redirects, site
from build_tools.errors import ContentError, Problem, display_path

NGINX_FILE = ".redirects.conf"  # included by deploy/nginx/derechos-claros.conf


# Read and check redirects.yml once, before any page is rendered.
def on_config(config):
    state = site.state(config)
    if getattr(state, "redirects", None) is None:
        state.redirects = redirects.load_redirects(
            state.root / state.settings.redirects_file, state.docs_dir, state.source_lang, state.root,
        )
    return config


# Before this language's pages are written: check each redirect against its
# pages (a page may exist in one language only) and render the old addresses.
def on_env(env, config, files):
    state = site.state(config)
    prefix = state.i18n.language_prefix()
    base = f"{prefix}/" if prefix else ""
    titles = {file.url: file.page.title for file in files.documentation_pages() if file.page}
    catalog, template = state.catalogs[state.lang], env.get_template("partials/redirect.html")
    shown = display_path(state.root / state.settings.redirects_file, state.root)
    problems, state.redirect_pages = [], {}
    for redirect in state.redirects:
        if base + redirect.old in titles:
            problems.append(Problem(shown, redirect.line, f"(language: {state.lang}) '{redirect.old}' is still a page; remove it, or remove this redirect"))
        elif base + redirect.new not in titles:
            problems.append(Problem(shown, redirect.line, f"(language: {state.lang}) there is no page at '{redirect.new}'"))
        else:
            state.redirect_pages[base + redirect.old] = template.render(
                t=catalog.t, lang=state.lang, title=titles[base + redirect.new],
                href=redirects.link(redirect, prefix),
                canonical=config.site_url.rstrip("/") + "/" + base + redirect.new if config.site_url else None,
            )
    if problems:
        raise ContentError(problems)
    return env


def on_post_build(config):
    state = site.state(config)
    for address, page in state.redirect_pages.items():
        target = Path(config.site_dir) / address / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    if state.lang == state.source_lang:
        prefixes = [state.i18n.language_prefix(lang) for lang in state.i18n.language_tags]
        Path(config.site_dir, NGINX_FILE).write_text(redirects.nginx_conf(state.redirects, prefixes), encoding="utf-8")
