"""Compare the facts files with a git revision: a value that changed while
its fact's ``last_verified`` date did not was probably not checked.

Only files git says changed are read again, so a clean checkout costs one
git call. Without git, outside a repository, or for a file the revision
does not have, nothing is reported.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from build_tools.errors import ContentError, Problem, display_path, warn_or_fail
from build_tools.yaml_source import LineDict, load_yaml, parse_yaml


class GitError(Exception):
    """Git could not compare with the revision (unknown revision, unreadable repository)."""


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess | None:
    """Run git; None when git is not installed."""
    # English messages, and no pager or prompt in a build
    env = {**os.environ, "LC_ALL": "C", "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"}
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, env=env, capture_output=True, encoding="utf-8", errors="replace", timeout=60,
        )
    except (FileNotFoundError, NotADirectoryError):
        return None


def _blob_id(data: bytes, length: int) -> str:
    """The id git gives a file's content (SHA-1, or SHA-256 in such repositories)."""
    return hashlib.new("sha1" if length == 40 else "sha256", b"blob %d\0" % len(data) + data).hexdigest()


def _changes(facts_dir: Path, since: str) -> list[tuple[str, str]]:
    """(file name, id of its content at ``since``) of each changed facts file."""
    if since.startswith("-"):
        raise GitError(f"'{since}' is not a revision")  # git would read it as an option
    # diff-index, unlike `git diff`, never compares folders outside a repository;
    # --relative: names relative to facts_dir, whatever the repository's top
    result = _git(["diff-index", "-z", "--relative", since, "--", "."], Path(facts_dir))
    if result is None or "not a git repository" in result.stderr:
        return []
    if result.returncode != 0:
        message = result.stderr.strip().splitlines()[0] if result.stderr.strip() else f"git diff-index {since} failed"
        raise GitError(message.removeprefix("fatal: "))
    fields = result.stdout.split("\0")
    changes = []
    for meta, name in zip(fields[0::2], fields[1::2]):
        _old_mode, _new_mode, old_id, new_id, _status = meta.lstrip(":").split()
        path = Path(facts_dir) / name
        # Only the folder's own files, as load_facts reads; a new or deleted file has nothing to compare
        if not name.endswith(".yml") or "/" in name or not old_id.strip("0") or not path.is_file():
            continue
        # An id of zeros: git did not look at the file, whose timestamp changed
        if not new_id.strip("0") and _blob_id(path.read_bytes(), len(old_id)) == old_id:
            continue
        changes.append((name, old_id))
    return changes


def changed_files(facts_dir: Path, since: str = "HEAD") -> list[str]:
    """Names of the ``*.yml`` files in ``facts_dir`` that differ from ``since``.

    Raises GitError when git cannot read the revision; returns [] without
    git or outside a repository.
    """
    return [name for name, _old_id in _changes(facts_dir, since)]


def _values(body) -> list[tuple] | None:
    """What a fact says its values are: each value with its dates.

    A value's note, sources or confidence may change without a new check
    of the figure; the figure and the days it applies to may not.
    """
    if not isinstance(body, dict):
        return None
    if "value" in body:
        return [(body["value"], None, None)]
    items = body.get("values")
    if not isinstance(items, list):
        return None
    return [
        (item.get("value"), item.get("valid_from"), item.get("valid_until")) if isinstance(item, dict) else (item,)
        for item in items
    ]


def unverified_changes(facts_dir: Path, root: Path | None = None, since: str = "HEAD") -> list[Problem]:
    """Facts whose values differ from ``since`` while ``last_verified`` does not.

    Each problem points at the fact's ``last_verified`` line. Raises
    GitError when git cannot read ``since``.
    """
    problems = []
    for name, old_id in _changes(facts_dir, since):
        path = Path(facts_dir) / name
        shown = _git(["cat-file", "blob", old_id], Path(facts_dir))
        if shown is None or shown.returncode != 0:
            continue
        try:
            old = parse_yaml(shown.stdout, f"{since}:{name}")
            new = load_yaml(path, root)
        except ContentError:
            continue  # unreadable on one side; load_facts reports the current file
        if not isinstance(old, dict) or not isinstance(new, LineDict):
            continue
        for fact_id, body in new.items():
            before = old.get(fact_id)
            if not isinstance(body, LineDict) or not isinstance(before, dict):
                continue  # a new fact
            if _values(body) == _values(before) or body.get("last_verified") != before.get("last_verified"):
                continue
            changed = "its values changed" if since == "HEAD" else f"its values changed since {since}"
            problems.append(Problem(
                display_path(path, root),
                body.line_of("last_verified"),
                f"fact '{fact_id}': {changed} but 'last_verified' still says {body.get('last_verified')}; "
                "set it to the day you checked the new value",
            ))
    return problems


def report_unverified_changes(facts_dir: Path, root: Path, strict: bool) -> None:
    """The build's report on values changed since the last commit without a new 'last_verified'."""
    try:
        problems = unverified_changes(facts_dir, root)
    except GitError:
        return  # git cannot read the last commit (none yet): nothing to compare with
    if problems:
        warn_or_fail("Fact values changed without a new 'last_verified'", [str(p) for p in problems], strict)
