from pathlib import Path

import pytest

from project import AS_OF, ROOT, copy_project, run_build, run_tools


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
    build = run_tools(project, "build", "--as-of", AS_OF.isoformat())
    assert build.returncode == 0, build.stdout + build.stderr
    return project / "site"


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
