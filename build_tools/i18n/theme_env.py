"""The theme's Jinja environment, shared by the language builds of one run.

mkdocs-static-i18n runs MkDocs' build once per language, and each build asks
the theme for a new Jinja environment. Without sharing, every build walks the
theme folders again (Material ships over 10,000 icon files) and parses and
compiles every template again: four of five times wasted work.

- Compiled templates are kept in memory, and on disk in Jinja's own private
  folder for this user (``FileSystemBytecodeCache``), so that the next build
  loads them instead of compiling them. Jinja checks the source's checksum on
  every load, so an edited template is compiled again. The folder keeps at
  most ``DISK_FILES`` of ours, the least recently used going first.
- The list of theme files is made once per build run (per loaded mkdocs.yml),
  so a file added during `mkdocs serve` is seen at the next rebuild.
"""

from __future__ import annotations

import hashlib
import os
import re

import jinja2

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


# Jinja's private folder for this user's compiled templates (made on first
# use; False: none could be made, so templates stay in memory only)
_disk_folder: str | None | bool = None
# One disk cache per set of options: they change the compiled code
_on_disk: dict[tuple, DiskTemplates | None] = {}
# At most this many of our files in that folder: test runs and benchmarks
# build many copies of the project, and each copy's templates get files of
# their own. The least recently used go first.
DISK_FILES = 1000
_PREFIX, _SUFFIX = "derechos-", ".cache"


class DiskTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's cache on disk, for one set of options. A file read is marked
    as used (its modification time), so that pruning keeps what builds read."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        super().load_bytecode(bucket)
        if bucket.code is not None:
            try:
                os.utime(os.path.join(self.directory, self.pattern % (bucket.key,)))
            except OSError:
                pass  # deleted meanwhile by another build's pruning


def prune(folder: str, keep: int = DISK_FILES) -> None:
    """Past ``keep`` of our files in ``folder``, delete the least recently
    used down to half of it (so that not every build prunes)."""
    used = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(_PREFIX) and entry.name.endswith(_SUFFIX):
                    try:
                        used.append((entry.stat().st_mtime, entry.path))
                    except OSError:
                        pass  # deleted meanwhile
    except OSError:
        return
    if len(used) <= keep:
        return
    for _when, path in sorted(used)[: len(used) - keep // 2]:
        try:
            os.remove(path)
        except OSError:
            pass


def _disk_cache(env: jinja2.Environment, options: tuple) -> DiskTemplates | None:
    global _disk_folder
    if options in _on_disk:
        return _on_disk[options]
    if _disk_folder is None:
        try:  # 0700 and owned by this user, or Jinja refuses it
            _disk_folder = jinja2.FileSystemBytecodeCache().directory
            prune(_disk_folder)
        except (OSError, RuntimeError):
            _disk_folder = False
    cache = None
    # An autoescape function changes the code per template, and its repr (in
    # the options) differs in every process: such templates stay in memory
    if _disk_folder and isinstance(env.autoescape, bool):
        # Jinja's version too: its bytecode format number alone may miss a change
        digest = hashlib.sha1(repr((jinja2.__version__, options)).encode()).hexdigest()[:16]
        cache = DiskTemplates(_disk_folder, f"{_PREFIX}{digest}-%s{_SUFFIX}")
    _on_disk[options] = cache
    return cache


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's bytecode cache: in memory for the life of the process, and on
    disk for the next process."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        options = _options(bucket.environment)
        code = _compiled.get(options, {}).get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # discarded if the source changed
            return
        disk = _disk_cache(bucket.environment, options)
        if disk is None:
            return
        try:
            disk.load_bytecode(bucket)  # Jinja discards a stale or damaged file
        except Exception:  # a file cut short in a way Jinja does not expect
            bucket.reset()
        if bucket.code is not None:
            _compiled.setdefault(options, {})[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        options = _options(bucket.environment)
        _compiled.setdefault(options, {})[bucket.key] = bucket.bytecode_to_string()
        disk = _disk_cache(bucket.environment, options)
        if disk is not None:
            try:  # written to a temporary file and renamed: other builds read whole files
                disk.dump_bytecode(bucket)
            except OSError:
                pass  # a full or read-only disk: the next build compiles again

    def clear(self) -> None:
        _compiled.clear()


def _hidden(name: str) -> bool:
    # The same rule as MkDocs' '.*' and '*/.*' patterns for theme files
    return name.startswith(".") or "/." in name


class ThemeLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that lists its folders once per ``listings`` dict."""

    def __init__(self, searchpath, listings: dict, **options):
        super().__init__(searchpath, **options)
        self._listings = listings

    # MkDocs lists templates only to find static theme files, and drops
    # hidden ones; dropping them here spares it 10,000 pattern matches.
    def list_templates(self) -> list[str]:
        key = tuple(self.searchpath)
        if key not in self._listings:
            self._listings[key] = self._visible_templates()
        return list(self._listings[key])

    def _visible_templates(self) -> list[str]:
        """Jinja's FileSystemLoader.list_templates without hidden names, read
        without walking hidden folders: Material's 14,000 icons are in
        `.icons` (40 ms a build, before the language workers start)."""
        found = set()
        for searchpath in self.searchpath:
            for folder, subfolders, files in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                for name in files:
                    template = os.path.join(folder, name)[len(searchpath):].strip(os.path.sep).replace(os.path.sep, "/")
                    if template[:2] == "./":
                        template = template[2:]
                    if not _hidden(template):
                        found.add(template)
        return sorted(found)


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

# A template named by a literal string in {% extends/include/import/from %}.
# Jinja's own way (meta.find_referenced_templates) parses each template:
# 0.1-0.2 s before the workers fork, in every build. This only chooses what
# to compile ahead; a template it misses is compiled where it is used, as
# before. tests/test_upstream_seams.py checks that both find the same names
# in every template of the pinned Material and of overrides/.
_NAMED = re.compile(
    r"""\{%[-+]?\s*(?:extends|include|import|from)\s+(["'])([^"'{}%]+)\1"""
    r"""(?=\s*(?:[-+]?%\}|as\b|import\b|with\b|without\b|ignore\b))"""
)


def named_templates(source: str) -> list[str]:
    """The templates a template's source names by a literal string."""
    return [match.group(2) for match in _NAMED.finditer(source)]


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
        except jinja2.TemplateError:
            continue  # the page build reports it where it is used
        todo += named_templates(source)
