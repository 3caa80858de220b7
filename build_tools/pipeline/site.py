"""Where the build meets MkDocs' config and output folder."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from build_tools.i18n.plugin import I18nPlugin


def i18n_plugin(config: MkDocsConfig) -> I18nPlugin:
    plugin = config.plugins.get("derechos-i18n")
    if isinstance(plugin, I18nPlugin):
        return plugin
    for plugin in config.plugins.values():
        if isinstance(plugin, I18nPlugin):
            return plugin
    raise PluginError("mkdocs.yml: the 'derechos-i18n' plugin is missing from 'plugins'")


def write_page(site_dir: str | Path, address: str, html: str) -> None:
    """A page of the site at ``address`` ('hogar/aguinaldo/resumen/')."""
    target = Path(site_dir) / address / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
