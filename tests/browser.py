"""Shared set-up for tests that need nginx or Chromium.

On a developer machine without them the tests skip with a loud reason; with
the CI variable set they fail instead, because `.ci/run` installs both.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_tools.chromium import CHROMIUM, CHROMIUM_ARGS


def require(path: str) -> None:
    """Skip on a developer machine without the tool; CI installs it, so fail there."""
    if not Path(path).exists():
        message = f"{path} is missing: `make system-deps` installs it (Debian)"
        if os.environ.get("CI"):
            pytest.fail(message + "; browser and server tests never skip in CI")
        pytest.skip("SKIPPED, NOT RUN: " + message)


def launch(playwright):
    """Debian's Chromium; Playwright never downloads a browser here."""
    require(CHROMIUM)
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
