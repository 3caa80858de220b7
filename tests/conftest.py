import fcntl
import os
import shutil
from pathlib import Path
from typing import Callable

import pytest

from project import PUBLIC_URL, ROOT, copy_project, declare, deploy, move_page, run_build, write_wav


def made_once(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder made once per test run for all pytest-xdist workers: the
    first worker to ask calls ``make(folder)`` under a lock, the others wait
    and use it. Tests only read it."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, shared by its workers
    folder, done = root / name, root / f"{name}.done"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project, built once per test run for all build tests."""

    def make(site: Path) -> None:
        result = run_build(ROOT, site)
        assert result.returncode == 0, result.stdout + result.stderr

    return made_once(tmp_path_factory, "site", make)


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def deployed_once(tmp_path_factory, name: str, change: Callable[[Path], None] | None = None, site_url: str | None = None):
    """A copy of the project, changed by ``change``, built as for deployment
    (`python -m build_tools build`: gzip files and .csp.conf included) with
    SITE_URL set to ``site_url`` or unset, once per test run: (site dir, what
    the build printed)."""

    def make(folder: Path) -> None:
        project = copy_project(folder / "project")
        if change:
            change(project)
        build = deploy(project, site_url)
        assert build.returncode == 0, build.stdout + build.stderr
        (folder / "build.log").write_text(build.stdout + build.stderr, encoding="utf-8")

    folder = made_once(tmp_path_factory, name, make)
    return folder / "project" / "site", (folder / "build.log").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def deployed_site(tmp_path_factory) -> Path:
    """The real project built as for deployment, once per test run."""
    return deployed_once(tmp_path_factory, "deployed")[0]


@pytest.fixture(scope="session")
def moved_site(tmp_path_factory) -> tuple[Path, str]:
    """The project with MOVED moved to MOVED_TO, a guide with a Spanish
    recording, built as for deployment without SITE_URL: (site dir, what the
    build printed)."""

    def change(project: Path) -> None:
        move_page(project)
        write_wav(project / "docs/es/audio/aguinaldo.wav")
        declare(project, "es", "audio/aguinaldo.wav")

    return deployed_once(tmp_path_factory, "moved", change)


@pytest.fixture(scope="session")
def public_site(tmp_path_factory) -> tuple[Path, str]:
    """The project with MOVED moved to MOVED_TO, built as for deployment with
    SITE_URL set to PUBLIC_URL: (site dir, what the build printed)."""
    return deployed_once(tmp_path_factory, "public", move_page, PUBLIC_URL)


@pytest.fixture(scope="session")
def served(deployed_site):
    """(base URL, site dir): the deployed site behind nginx with the shipped config."""
    from browser import require
    from build_tools.tooling import nginx

    require(*nginx.REQUIRED)
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
