"""Where the build meets MkDocs' config and output folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
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


def set_old_output_aside(site_dir: str | Path) -> subprocess.Popen | None:
    """Empty ``site_dir`` as MkDocs does before a build, without waiting for
    the deletion: its entries (not the hidden ones, which MkDocs keeps) move to
    a folder beside it, which ``rm`` deletes while the build runs.

    Returns that ``rm``, to wait for; None if nothing was moved. An entry that
    cannot be moved stays, and MkDocs deletes it as before.
    """
    if not os.path.isdir(site_dir):
        return None
    names = [name for name in os.listdir(site_dir) if not name.startswith(".")]
    if not names:
        return None
    parent, name = os.path.split(os.path.abspath(site_dir))
    try:
        old = tempfile.mkdtemp(prefix=f"{name}.old-", dir=parent)
    except OSError:
        return None  # a folder we may not write beside
    for entry in names:
        try:
            os.rename(os.path.join(site_dir, entry), os.path.join(old, entry))
        except OSError:
            pass
    try:
        return subprocess.Popen(
            ["rm", "-rf", "--", old], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    except OSError:  # no rm (Windows)
        shutil.rmtree(old, ignore_errors=True)
        return None
