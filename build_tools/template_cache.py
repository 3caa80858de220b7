"""Compiled Jinja templates shared by the language builds of one process.

mkdocs-static-i18n runs MkDocs' build once per language, and each build makes
a new Jinja environment that parses and compiles every theme template again:
with five languages, four of those five compilations are wasted work. A
bytecode cache in memory keeps the compiled code; Jinja checks the source's
checksum on every load, so an edited template is compiled again (`mkdocs
serve` keeps the process, and so the cache, between rebuilds).
"""

from __future__ import annotations

import jinja2

# One store per set of environment options that change the compiled code
_stores: dict[tuple, dict[str, bytes]] = {}


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
    """Jinja's bytecode cache, kept in memory for the life of the process."""

    def __init__(self, store: dict[str, bytes]):
        self.store = store

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # discarded if the source changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.store.clear()


def share_compiled_templates(env: jinja2.Environment) -> jinja2.Environment:
    """Give ``env`` the compiled templates of earlier environments like it."""
    env.bytecode_cache = CompiledTemplates(_stores.setdefault(_options(env), {}))
    return env
