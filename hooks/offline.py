"""Hook: the date of this copy and the "save for offline" control on every page."""

import posixpath

from mkdocs.utils import get_relative_url

from build_tools import offline, site


# The date and the labels are the same on every page of a language: made
# once per language build; only the manifest's address depends on the page.
def on_env(env, config, files):
    state = site.state(config)
    lang = state.lang
    state.offline_strings = offline.page_strings(state.catalogs[lang], state.i18n.format_locale(lang), state.as_of)
    state.offline_manifest = posixpath.join(state.i18n.language_prefix(lang), offline.MANIFEST)
    return env


def on_page_context(context, page, config, nav):
    state = site.state(config)
    context["offline"] = {**state.offline_strings, "manifest": get_relative_url(state.offline_manifest, page.url)}
    return context
