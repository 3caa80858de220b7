"""The browser the tests and `python -m build_tools weight` launch: Debian's
Chromium with build_tools/tooling/chromium.py's arguments, which replace
Playwright's own `--disable-features` list with a longer one."""

from __future__ import annotations

import contextlib
import os
from collections import defaultdict
from pathlib import Path

from build_tools.tooling.chromium import BROWSER_UI_FEATURES, PLAYWRIGHT_DISABLED_FEATURES


def descendants_command_lines(pid: int) -> list[str]:
    """The command lines of every process under ``pid`` (Linux's /proc)."""
    children = defaultdict(list)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                children[int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])].append(entry)
    found, todo = [], list(children[pid])
    while todo:
        entry = todo.pop()
        todo += children[int(entry.name)]
        with contextlib.suppress(OSError):
            found.append((entry / "cmdline").read_text().replace("\0", " "))
    return found


def test_the_address_bar_popup_is_not_rendered_and_playwrights_features_stay_off(chromium):
    context = chromium.new_context()
    page = context.new_page()
    page.goto("data:text/html,<p lang=es>hola")
    session = chromium.new_browser_cdp_session()
    targets = session.send("Target.getTargets", {"filter": [{}]})["targetInfos"]
    session.detach()
    assert not [t["url"] for t in targets if t["type"] == "browser_ui"], (
        f"Chromium renders its own interface again ({targets}): BROWSER_UI_FEATURES no longer names it"
    )
    # A renderer gets the features the browser settled on
    renderers = [line for line in descendants_command_lines(os.getpid()) if "--type=renderer" in line]
    context.close()
    assert renderers, "no Chromium renderer found under this test's process"
    disabled = {
        feature for line in renderers for word in line.split() if word.startswith("--disable-features=")
        for feature in word.removeprefix("--disable-features=").split(",")
    }
    missing = set(PLAYWRIGHT_DISABLED_FEATURES + BROWSER_UI_FEATURES) - disabled
    assert not missing, f"Chromium's renderers run with {sorted(missing)} enabled: check CHROMIUM_ARGS"
