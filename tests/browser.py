"""Shared set-up for tests that need nginx or Chromium.

On a developer machine without them the tests skip with a loud reason; with
the CI variable set they fail instead, because `.ci/run` installs both.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_tools.tooling.chromium import CHROMIUM, CHROMIUM_ARGS


def require(*paths: str) -> None:
    """Skip on a developer machine without the tools; CI installs them, so fail there."""
    for path in paths:
        if not Path(path).exists():
            message = f"{path} is missing: `make system-deps` installs it (Debian)"
            if os.environ.get("CI"):
                pytest.fail(message + "; browser and server tests never skip in CI")
            pytest.skip("SKIPPED, NOT RUN: " + message)


def launch(playwright):
    """Debian's Chromium; Playwright never downloads a browser here."""
    require(CHROMIUM)
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


# axe-core 4.12.1, bundled by axe-playwright-python (pinned in requirements.txt).
# Its default rules (WCAG 2 A/AA and best practices), plus WCAG 2.2's target
# size (2.5.8), which axe leaves off by default.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
_axe = None


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now.

    axe-playwright-python injects axe with ``page.evaluate``, which goes
    through the DevTools protocol: the page's CSP governs what the page loads
    and evaluates, not the test's own evaluation, so it works under our
    nginx CSP without relaxing it (and without ``bypass_csp``).
    """
    global _axe
    if _axe is None:
        from axe_playwright_python.sync_playwright import Axe

        _axe = Axe()
    return _axe.run(page, options=AXE_OPTIONS).response["violations"]


def describe_violations(violations: list[dict]) -> str:
    """One block per rule: id, impact, help, then each failing element's selector."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}  {violation['helpUrl']}")
        for node in violation["nodes"]:
            summary = " / ".join(line.strip() for line in node.get("failureSummary", "").splitlines()[1:2])
            lines.append(f"    {' > '.join(map(str, node['target']))}  {summary}")
    return "\n".join(lines)
