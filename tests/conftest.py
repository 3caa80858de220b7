import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 21)
# What a build needs; build_tools itself is installed in the venv
PROJECT_PARTS = ("mkdocs.yml", "docs", "locales", "facts", "hooks", "overrides", "translations", "redirects.yml")


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


def run_build(project: Path, site_dir: Path, as_of: dt.date = AS_OF, extra_env=None):
    env = {**os.environ, "DC_AS_OF": as_of.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("DC_STRICT_FACTS", None)
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project, built once for all build tests."""
    site = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def deployed_site(tmp_path_factory) -> Path:
    """The real project built as for deployment: `python -m build_tools build`
    (gzip files and .csp.conf included), once per test session."""
    project = copy_project(tmp_path_factory.mktemp("deployed") / "project")
    build = subprocess.run(
        [sys.executable, "-m", "build_tools", "build", "--as-of", AS_OF.isoformat()],
        cwd=project, capture_output=True, text=True, timeout=600,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    return project / "site"


@pytest.fixture(scope="session")
def served(deployed_site):
    """(base URL, site dir): the deployed site behind nginx with the shipped config."""
    from browser import require
    from build_tools import nginx

    require(nginx.NGINX)
    with nginx.serve(deployed_site) as base:
        yield base, deployed_site


@pytest.fixture(scope="session")
def chromium():
    """One Debian Chromium for the session; each test opens its own context."""
    from playwright.sync_api import sync_playwright

    from browser import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()
