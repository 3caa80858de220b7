"""The theme's Jinja environment, shared by the language builds of one run.

mkdocs-static-i18n runs MkDocs' build once per language, and each build asks
the theme for a new Jinja environment. Without sharing, every build walks the
theme folders again (Material ships over 10,000 icon files) and parses and
compiles every template again: four of five times wasted work.

- Compiled templates are kept in memory. Jinja checks the source's checksum
  on every load, so an edited template is compiled again.
- The list of theme files is made once per build run (per loaded mkdocs.yml),
  so a file added during `mkdocs serve` is seen at the next rebuild.
"""

from __future__ import annotations

import jinja2
from jinja2 import meta

# Compiled code per set of environment options that change it
_compiled: dict[tuple, dict[str, bytes]] = {}


def _options(env: jinja2.Environment) -> tuple:
    return (
        tuple(sorted(env.extensions)),
        env.block_start_string, env.block_end_string,
        env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string,
        env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
        env.keep_trailing_newline, env.optimized, repr(env.autoescape), env.is_async,
    )


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's bytecode cache, in memory for the life of the process."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = _compiled.get(_options(bucket.environment), {}).get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # discarded if the source changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        _compiled.setdefault(_options(bucket.environment), {})[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        _compiled.clear()


def _hidden(name: str) -> bool:
    # The same rule as MkDocs' '.*' and '*/.*' patterns for theme files
    return name.startswith(".") or "/." in name


class ThemeLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that lists its folders once per ``listings`` dict."""

    def __init__(self, searchpath, listings: dict):
        super().__init__(searchpath)
        self._listings = listings

    # MkDocs lists templates only to find static theme files, and drops
    # hidden ones; dropping them here spares it 10,000 pattern matches.
    def list_templates(self) -> list[str]:
        key = tuple(self.searchpath)
        if key not in self._listings:
            self._listings[key] = [name for name in super().list_templates() if not _hidden(name)]
        return list(self._listings[key])


def share_environments(theme, listings: dict) -> None:
    """Make ``theme.get_env()`` share compiled templates and file lists."""
    if getattr(theme.get_env, "shares_environments", False):
        return
    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.loader = ThemeLoader(env.loader.searchpath, listings)
        env.bytecode_cache = CompiledTemplates()
        return env

    get_env.shares_environments = True
    theme.get_env = get_env


# The templates MkDocs renders for each language (and Material's pages extend)
PAGE_TEMPLATES = ("main.html", "404.html", "sitemap.xml")

# Per template: its source and the templates it names (`mkdocs serve`
# rebuilds parse only the templates that changed)
_named_templates: dict[str, tuple[str, list[str]]] = {}


def compile_page_templates(env: jinja2.Environment, names: list[str]) -> None:
    """Compile these templates and those they name, and the ones every page
    uses, into the cache the language builds share (CompiledTemplates):
    once here instead of once in each worker. Templates named at render time
    (icons, language partials) are compiled where they are used, as before."""
    todo, seen = [*PAGE_TEMPLATES, *names], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            env.get_template(name)
            source = env.loader.get_source(env, name)[0]
            if _named_templates.get(name, (None,))[0] != source:
                _named_templates[name] = (source, [ref for ref in meta.find_referenced_templates(env.parse(source)) if ref])
        except jinja2.TemplateError:
            continue  # the page build reports it where it is used
        todo += _named_templates[name][1]
