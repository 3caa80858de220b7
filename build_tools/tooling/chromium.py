"""Debian's Chromium, as the browser tests and `python -m build_tools weight` use it."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"

# Playwright's own `--disable-features` list (chromiumSwitches.ts in the pinned
# Playwright). Chromium reads only the last `--disable-features` it is given,
# so ours must repeat it; tests/test_upstream_seams.py compares the two.
PLAYWRIGHT_DISABLED_FEATURES = (
    "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter", "PaintHolding",
    "ThirdPartyStoragePartitioning", "AvoidCorsURLLoaderRestartOnRedirect", "TcpPortRandomizationWin",
    "OptimizationHints", "NetworkTimeServiceQuerying", "AimEnabled", "PreconnectToSearch",
    "msForceBrowserSignIn", "msEdgeUpdateLaunchServicesPreferredVersion",
)
# Full Chromium in headless mode keeps the address bar's suggestion popup
# rendered in a renderer of its own, which redraws at every navigation: a
# quarter of the CPU of an axe run, with nothing on screen to show it.
BROWSER_UI_FEATURES = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup")

# Without the background-networking flags Chromium tries Google's hosts
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-features=" + ",".join(PLAYWRIGHT_DISABLED_FEATURES + BROWSER_UI_FEATURES),
]
