"""Errors that point a contributor to the file and line to fix."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mkdocs.exceptions import PluginError


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class ContentError(PluginError):
    """One or more problems in the project's content.

    It subclasses MkDocs' ``PluginError`` so that MkDocs prints the message
    and stops without a traceback.
    """

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    # Rebuilt from its problems, not its message (pickled by build_tools.i18n.parallel_build)
    def __reduce__(self):
        return type(self), (self.problems,)


def display_path(path: str | Path, root: str | Path | None = None) -> str:
    """A path relative to the project root when possible, for messages."""
    return _display_path(str(path), str(root) if root else os.getcwd())


@lru_cache(maxsize=8192)
def _display_path(path: str, root: str) -> str:
    try:
        return Path(path).resolve().relative_to(_resolved(root)).as_posix()
    except ValueError:
        return Path(path).as_posix()


@lru_cache(maxsize=64)
def _resolved(root: str) -> Path:
    return Path(root).resolve()


# Not under the 'mkdocs' logger: MkDocs' strict mode would fail the build on
# these, and whether they should is the project's decision (strict_facts).
_log = logging.getLogger("derechos")


def warn(title: str, lines: list[str] = ()) -> None:
    """Print a warning that lists items (or one line), without failing a strict build."""
    if not _log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
        _log.addHandler(handler)
        _log.propagate = False
    _log.warning(title + (":\n  " + "\n  ".join(lines) if lines else ""))


def warn_or_fail(title: str, lines: list[str], strict: bool) -> None:
    """A warning, or with ``strict`` an error that stops the build."""
    if strict:
        raise PluginError(f"{title} (strict_facts is on):\n" + "\n".join(lines))
    warn(f"{title} (use --strict to fail the build)", lines)
