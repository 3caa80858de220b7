"""Errors that point a contributor to the file and line to fix."""

from __future__ import annotations

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

    # Rebuilt from its problems, not its message (pickled by build_tools.parallel_build)
    def __reduce__(self):
        return type(self), (self.problems,)


def display_path(path: str | Path, root: str | Path | None = None) -> str:
    """A path relative to the project root when possible, for messages."""
    return _display_path(str(path), str(root) if root else os.getcwd())


@lru_cache(maxsize=8192)
def _display_path(path: str, root: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()
