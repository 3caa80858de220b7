"""Hook: the date of this copy and the "save for offline" control on every page."""

import posixpath

from mkdocs.utils import get_relative_url

from build_tools import offline, site


def on_page_context(context, page, config, nav):
    state = site.state(config)
    lang = state.lang
    manifest = posixpath.join(state.i18n.language_prefix(lang), offline.MANIFEST)
    context["offline"] = offline.page_strings(
        state.catalogs[lang], state.i18n.format_locale(lang), state.as_of, get_relative_url(manifest, page.url)
    )
    return context
