"""The project under test, for every test file: where it is, the build date,
its languages (read from mkdocs.yml), and how to build a copy of it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 21)
# What a build needs besides build_tools (this checkout's, see build_env)
PROJECT_PARTS = ("mkdocs.yml", "docs", "locales", "facts", "hooks", "overrides", "translations", "redirects.yml")


def _languages() -> list[tuple[str, str]]:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config

    from build_tools.pipeline.site import i18n_plugin

    i18n = i18n_plugin(load_config(str(ROOT / "mkdocs.yml")))
    return [(tag, i18n.get_language_config(tag).link) for tag in i18n.language_tags]


# (tag, URL prefix) of every language in mkdocs.yml: [("es", "/"), ("en", "/en/"), ...]
LANGUAGES = _languages()
SOURCE_LANG = LANGUAGES[0][0]
# Each language's folder in the built site: {"es": "", "en": "en/", ...}
PREFIXES = {tag: link.lstrip("/") for tag, link in LANGUAGES}


# A valid fact with two dated values, for tests that load facts from a temporary folder
WAGE_FACT = """\
wage:
  type: money
  per: day
  legal_basis:
    - law: Ley Federal del Trabajo
      article: "570"
  sources:
    - title: Fuente
      url: https://example.org/wage
  last_verified: 2026-11-01
  confidence: high
  values:
    - value: 278.80
      valid_from: 2025-01-01
      valid_until: 2025-12-31
    - value: 315.04
      valid_from: 2026-01-01
"""


# A page that moved (redirects.yml has none yet), to a guide that gets a
# recording (no guide has one yet): the moved_site and public_site fixtures
# (conftest.py)
MOVED = "hogar/pago-de-fin-de-ano/"
MOVED_TO = "hogar/aguinaldo/"
# The public address (SITE_URL) of the public_site fixture's build
PUBLIC_URL = "https://derechos.example.org/"


def write_wav(path: Path, seconds: float = 0.1) -> int:
    """A short silent WAV (8 kHz, 8-bit mono); returns its size in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(8000)
        out.writeframes(b"\x80" * int(8000 * seconds))
    return path.stat().st_size


def declare(project: Path, lang: str, value: str) -> None:
    """A recording in the front matter of the language's aguinaldo guide."""
    path = project / f"docs/{lang}/hogar/aguinaldo.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("last_reviewed:", f"audio: {value}\nlast_reviewed:", 1), encoding="utf-8")


def line_of(path: Path, text: str, after: str | None = None) -> int:
    """The line (1-based) where ``text`` starts a line, after the first line starting with ``after``."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(after)) if after else 0
    return next(i for i in range(start, len(lines)) if lines[i].lstrip().startswith(text)) + 1


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


def build_env(extra_env: dict | None = None) -> dict:
    """The environment for a build or command in a copy of the project: this
    checkout's build_tools (not another one installed in the venv), and
    ``extra_env``, where None unsets a variable the shell may have."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    for name, value in (extra_env or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def source_date_epoch(day: dt.date) -> str:
    """Midnight UTC of the build date: the time `build_tools build` gives a build."""
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()))


def only(lang: str | None) -> dict:
    """The environment that builds one language alone (`make serve ONLY=`):
    every step of that language's build, and the run's own checks."""
    return {"DC_ONLY_LANG": lang} if lang else {}


def run_build(project: Path, site_dir: Path, as_of: dt.date = AS_OF, extra_env=None, only_lang: str | None = None):
    """`mkdocs build` of a project into site_dir, for the facts in force on as_of
    and dated that day, so two builds of the same files are byte-identical;
    with ``only_lang``, of that language alone."""
    # One process per build: the suite runs builds side by side already
    # (pytest-xdist). `python -m build_tools build` (the deployed_site fixture)
    # and tests/test_parallel_build.py cover the parallel language builds.
    env = build_env({
        "DC_AS_OF": as_of.isoformat(), "SOURCE_DATE_EPOCH": source_date_epoch(as_of), "DC_JOBS": "1",
        "DC_STRICT_FACTS": None, **only(only_lang), **(extra_env or {}),
    })
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


def run_tools(project: Path, *args: str, timeout: int = 600, extra_env=None, only_lang: str | None = None):
    """`python -m build_tools ARGS` in a project (`build`, `facts`, `status`...);
    with ``only_lang``, a build of that language alone."""
    return subprocess.run(
        [sys.executable, "-m", "build_tools", *args],
        cwd=project, env=build_env({**only(only_lang), **(extra_env or {})}), capture_output=True, text=True, timeout=timeout,
    )


def deploy(project: Path, site_url: str | None = None):
    """`python -m build_tools build` of a project for AS_OF, as for
    deployment, with SITE_URL set to ``site_url``, else unset (whatever the
    shell running the tests has)."""
    return run_tools(project, "build", "--as-of", AS_OF.isoformat(), extra_env={"SITE_URL": site_url})


def move_page(project: Path) -> None:
    """MOVED moved to MOVED_TO, in the project's redirects.yml."""
    with (project / "redirects.yml").open("a", encoding="utf-8") as redirects:
        redirects.write(f"{MOVED}: {MOVED_TO}\n")
