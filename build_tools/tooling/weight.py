"""Page weight: the bytes a reader's phone downloads, measured in Chromium.

    python -m build_tools weight [--site DIR] [--json FILE]

Method (also in BENCHMARKS.md):
- The site is served by nginx with the shipped configuration (brotli and
  gzip files, cache headers, CSP), as readers get it.
- Each visit runs in Debian's Chromium through Playwright. The page, its
  workers and its service worker are followed with the Chrome DevTools
  Protocol (Network domain, with auto-attach to worker targets).
- A request counts with the bytes nginx sent for it, headers included and
  compressed (``$bytes_sent``): CDP's ``encodedDataLength`` is the same
  figure, but Chromium reports only the headers for a worker's own script.
  CDP also lists the requests that never reached the server: those to
  other hosts are blocked (DNS maps every other host to nothing) and count
  0 bytes; a default Material build asks Google Fonts for Roboto that way.
- First visit: a fresh browser context (empty cache, no service worker),
  the guide page, then waiting until the server has seen no request for
  QUIET seconds (at least SETTLE seconds in all), so lazy work such as the
  search worker, a service worker or sitemap fetches is counted. The reader
  does nothing.
- Repeat visit: in the same context, another guide page, same waiting.
- Baseline: the same pages built with a default Material +
  mkdocs-static-i18n configuration (build_tools.tooling.bench.plain_config, stock
  settings), served and measured the same way, in the same run.

First paint (:func:`measure_paint`), on a cheap phone over a poor link:
- Chromium, viewport 360×640, mobile, device scale 2; CPU slowed 4× and the
  network held to 400 ms round trips and 50,000 bytes/s each way (CDP
  ``Emulation.setCPUThrottlingRate``, ``Network.emulateNetworkConditions``).
- Each run is a fresh context (empty cache) with service workers blocked.
  First contentful paint from ``performance.getEntriesByName('first-contentful-paint')``;
  cumulative layout shift from a ``layout-shift`` PerformanceObserver
  installed before the page's own scripts, read once the page has loaded
  and settled (SETTLE_PAINT seconds).
- PAINT_RUNS runs of each page, the project's and the default build's
  alternating; the medians are compared.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from build_tools import deploy
from build_tools.tooling import bench, nginx
from build_tools.tooling.chromium import CHROMIUM, CHROMIUM_ARGS

# (first visit, repeat visit), as paths of the project's site
# in every language, and the longest guide
GUIDES = [
    ("/hogar/aguinaldo/", "/hogar/vacaciones/"),
    ("/en/hogar/aguinaldo/", "/en/hogar/vacaciones/"),
    ("/nah/hogar/aguinaldo/", "/nah/hogar/vacaciones/"),
    ("/tzo/hogar/aguinaldo/", "/tzo/hogar/vacaciones/"),
    ("/mix/hogar/aguinaldo/", "/mix/hogar/vacaciones/"),
    ("/hogar/salario/", "/hogar/aguinaldo/"),
]
FIRST_BUDGET = 64 * 1024
BASELINE_SHARE = 0.70
REPEAT_BUDGET = 12 * 1024
# First paint: the guide of the target, and the throttling profile
PAINT_GUIDES = ["/hogar/salario/", "/hogar/aguinaldo/", "/en/hogar/aguinaldo/", "/nah/hogar/aguinaldo/"]
PAINT_SHARE = 0.5  # first contentful paint at most half the default build's
PAINT_RUNS = 5
SETTLE_PAINT = 1.0
LAYOUT_SHIFT_LIMIT = 0.1
PHONE = {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
SLOW_LINK = {"offline": False, "latency": 400, "downloadThroughput": 50000, "uploadThroughput": 50000}
CPU_SLOWDOWN = 4
# Installed before any script of the page: layout shifts, CSP violations
OBSERVERS = """
window.__dc = {shift: 0, violations: []};
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) { if (!entry.hadRecentInput) window.__dc.shift += entry.value; });
}).observe({type: "layout-shift", buffered: true});
document.addEventListener("securitypolicyviolation", function (event) {
  window.__dc.violations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " + (event.sourceFile || ""));
});
"""
SETTLE = 5.0
QUIET = 2.0
LIMIT = 30.0
# Nothing leaves loopback: another host does not resolve
ISOLATED = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


@dataclass
class Visit:
    path: str
    transfers: list[tuple[str, int, int]] = field(default_factory=list)  # (path, status, bytes)
    blocked: list[str] = field(default_factory=list)

    @property
    def bytes(self) -> int:
        return sum(size for _, _, size in self.transfers)

    def as_dict(self) -> dict:
        return {"path": self.path, "bytes": self.bytes, "transfers": self.transfers, "blocked": self.blocked}


class _Log:
    """The lines nginx appends to its access log."""

    def __init__(self, path: Path):
        self.path = path
        self.offset = 0

    def new_lines(self) -> list[tuple[str, int, int]]:
        if not self.path.exists():
            return []
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            data = f.read()
        end = data.rfind(b"\n") + 1
        self.offset += end
        lines = []
        for line in data[:end].decode("utf-8", "replace").splitlines():
            uri, status, sent = line.rsplit(" ", 2)
            lines.append((uri, int(status), int(sent)))
        return lines


def _record_blocked(cdp, blocked: list[str]) -> None:
    """Record failed requests of the page and of every worker it starts."""

    def failed(params: dict, urls: dict) -> None:
        url = urls.get(params["requestId"], "?")
        if not url.startswith("data:"):
            blocked.append(f"{url} ({params.get('blockedReason') or params.get('errorText')})")

    page_urls: dict = {}
    cdp.on("Network.requestWillBeSent", lambda p: page_urls.__setitem__(p["requestId"], p["request"]["url"]))
    cdp.on("Network.loadingFailed", lambda p: failed(p, page_urls))
    worker_urls: dict = {}

    def from_worker(event: dict) -> None:
        message = json.loads(event["message"])
        params = message.get("params", {})
        if message.get("method") == "Network.requestWillBeSent":
            worker_urls[params["requestId"]] = params["request"]["url"]
        elif message.get("method") == "Network.loadingFailed":
            failed(params, worker_urls)

    def attached(event: dict) -> None:
        session = event["sessionId"]
        for number, method in enumerate(("Network.enable", "Runtime.runIfWaitingForDebugger"), 1):
            cdp.send("Target.sendMessageToTarget", {"sessionId": session, "message": json.dumps({"id": number, "method": method})})

    cdp.on("Target.attachedToTarget", attached)
    cdp.on("Target.receivedMessageFromTarget", from_worker)
    cdp.send("Network.enable")
    cdp.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": False})


def _visit(page, base: str, path: str, log: _Log, blocked: list[str]) -> Visit:
    visit = Visit(path)
    log.new_lines()
    start = time.monotonic()
    page.goto(base + path, wait_until="load")
    last = time.monotonic()
    while True:
        page.wait_for_timeout(250)
        lines = log.new_lines()
        now = time.monotonic()
        if lines:
            visit.transfers += lines
            last = now
        if (now - start >= SETTLE and now - last >= QUIET) or now - start >= LIMIT:
            break
    visit.blocked, blocked[:] = list(blocked), []
    return visit


def measure(site_dir: Path, guides=GUIDES, log=print, browser=None) -> list[tuple[Visit, Visit]]:
    """(first visit, repeat visit) for each pair of paths in ``guides``.

    ``browser``: a Playwright Chromium already running (the tests' one);
    otherwise Debian's Chromium is started with other hosts unresolvable.
    """
    with tempfile.TemporaryDirectory(prefix="dc-weight-") as tmp:
        access_log = Path(tmp) / "access.log"
        with nginx.serve(site_dir, access_log=access_log) as base:
            if browser is not None:
                return _measure(browser, base, _Log(access_log), guides, log)
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + ISOLATED)
                try:
                    return _measure(browser, base, _Log(access_log), guides, log)
                finally:
                    browser.close()


def _measure(browser, base: str, server: _Log, guides, log) -> list[tuple[Visit, Visit]]:
    results = []
    for first, repeat in guides:
        context = browser.new_context()
        try:
            page = context.new_page()
            blocked: list[str] = []
            _record_blocked(context.new_cdp_session(page), blocked)
            visits = (_visit(page, base, first, server, blocked), _visit(page, base, repeat, server, blocked))
        finally:
            context.close()
        log(f"{first}: first {visits[0].bytes} B, then {repeat}: {visits[1].bytes} B")
        results.append(visits)
    return results


def baseline_site(root: Path, target: Path, log=print) -> Path:
    """The project's pages built with default Material + mkdocs-static-i18n."""
    docs = target / "docs"
    for lang, plain in zip(bench.PROJECT_LANGS, bench.PLAIN_LANGS):
        if (root / "docs" / lang).is_dir():
            shutil.copytree(root / "docs" / lang, docs / plain)
    (target / "mkdocs.yml").write_text(bench.plain_config(stock=True), encoding="utf-8")
    site = target / "site"
    log("building the default Material + mkdocs-static-i18n site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=target, capture_output=True, text=True, env=bench.build_env(),
    )
    if result.returncode != 0:
        raise RuntimeError("the baseline build failed:\n" + result.stderr[-3000:])
    files = deploy.BuiltSite(site)
    deploy.write_csp(files)
    deploy.precompress(files)
    return site


def baseline_path(path: str) -> str:
    """The same page in the baseline, where nah/tzo/mix are fr/de/it."""
    plain = dict(zip(bench.PROJECT_LANGS, bench.PLAIN_LANGS))
    head, _, rest = path.lstrip("/").partition("/")
    if head in plain:
        return f"/{plain[head]}/{rest}"
    return path


def check(first: int, repeat: int, baseline: int | None) -> list[str]:
    """The budget lines a page fails (empty if it meets them all)."""
    problems = []
    if first > FIRST_BUDGET:
        problems.append(f"first visit {first / 1024:.1f} KB > {FIRST_BUDGET / 1024:.0f} KB")
    if baseline and first > BASELINE_SHARE * baseline:
        problems.append(f"first visit is {first / baseline:.0%} of the default build (limit {BASELINE_SHARE:.0%})")
    if repeat > REPEAT_BUDGET:
        problems.append(f"repeat visit {repeat / 1024:.1f} KB > {REPEAT_BUDGET / 1024:.0f} KB")
    return problems


def report(project: list[tuple[Visit, Visit]], baseline: list[tuple[Visit, Visit]]) -> tuple[str, bool]:
    lines = [
        "| page | first visit | repeat visit | default build, first visit | ratio | budget |",
        "|---|---|---|---|---|---|",
    ]
    ok = True
    for (first, repeat), (base_first, _) in zip(project, baseline):
        problems = check(first.bytes, repeat.bytes, base_first.bytes)
        ok &= not problems
        lines.append(
            f"| `{first.path}` (then `{repeat.path}`) | {first.bytes / 1024:.1f} KB | {repeat.bytes / 1024:.1f} KB | "
            f"{base_first.bytes / 1024:.1f} KB | {first.bytes / base_first.bytes:.0%} | {'; '.join(problems) or 'met'} |"
        )
    lines.append(
        f"\nTargets: first visit <= {FIRST_BUDGET // 1024} KB and <= {BASELINE_SHARE:.0%} of the default build; "
        f"repeat visit <= {REPEAT_BUDGET // 1024} KB (1 KB = 1024 bytes)."
    )
    for title, runs in (("This site", project), ("Default build", baseline)):
        for visits in runs:
            for visit in visits:
                lines.append(f"\n{title}, {visit.path}: {visit.bytes} bytes")
                lines += [f"  {size:>7}  {status}  {uri}" for uri, status, size in visit.transfers]
                lines += [f"  blocked, 0 bytes: {url}" for url in visit.blocked]
    return "\n".join(lines), ok


@dataclass
class Paint:
    path: str
    first_paint: float  # ms after navigation started
    layout_shift: float
    violations: list[str] = field(default_factory=list)


def paint_visit(browser, base: str, path: str, throttle: bool = True) -> Paint:
    """One first visit on the phone profile (empty cache, no service worker)."""
    context = browser.new_context(service_workers="block", **PHONE)
    try:
        context.add_init_script(OBSERVERS)
        page = context.new_page()
        if throttle:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_LINK)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(base + path, wait_until="load", timeout=120_000)
        page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0", timeout=60_000)
        page.wait_for_timeout(SETTLE_PAINT * 1000)
        result = page.evaluate(
            "({fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime, shift: window.__dc.shift, violations: window.__dc.violations})"
        )
        return Paint(path, result["fcp"], result["shift"], result["violations"])
    finally:
        context.close()


def measure_paint(site_dir: Path, baseline_dir: Path, paths=PAINT_GUIDES, runs: int = PAINT_RUNS, log=print) -> list[tuple[list[Paint], list[Paint]]]:
    """(project runs, default build runs) of each page, the two alternating."""
    from playwright.sync_api import sync_playwright

    results = []
    with nginx.serve(site_dir) as base, nginx.serve(baseline_dir) as baseline_base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + ISOLATED)
        try:
            for path in paths:
                ours, theirs = [], []
                for _ in range(runs):
                    ours.append(paint_visit(browser, base, path))
                    theirs.append(paint_visit(browser, baseline_base, baseline_path(path)))
                log(f"{path}: first paint {statistics.median([p.first_paint for p in ours]):.0f} ms, default build {statistics.median([p.first_paint for p in theirs]):.0f} ms")
                results.append((ours, theirs))
        finally:
            browser.close()
    return results


def paint_report(results: list[tuple[list[Paint], list[Paint]]]) -> tuple[str, bool]:
    """The first-paint table (medians) and whether every page meets the target."""
    lines = [
        "| page | first paint | default build | ratio | layout shift (max) | CSP violations | target |",
        "|---|---|---|---|---|---|---|",
    ]
    ok = True
    for ours, theirs in results:
        fcp, base = statistics.median([p.first_paint for p in ours]), statistics.median([p.first_paint for p in theirs])
        shift = max(p.layout_shift for p in ours)
        violations = sorted({v for p in ours for v in p.violations})
        problems = []
        if fcp > PAINT_SHARE * base:
            problems.append(f"first paint {fcp / base:.2f}× the default build (limit {PAINT_SHARE}×)")
        if shift >= LAYOUT_SHIFT_LIMIT:
            problems.append(f"layout shift {shift:.3f} (limit {LAYOUT_SHIFT_LIMIT})")
        if violations:
            problems.append("CSP violations")
        ok &= not problems
        lines.append(
            f"| `{ours[0].path}` | {fcp:.0f} ms | {base:.0f} ms | {fcp / base:.2f} | {shift:.3f} | {len(violations)} | {'; '.join(problems) or 'met'} |"
        )
    lines.append(
        f"\nMedians of {len(results[0][0]) if results else 0} runs each, alternating; Chromium at 360×640 (mobile, scale 2), "
        f"CPU {CPU_SLOWDOWN}× slower, {SLOW_LINK['latency']} ms round trips, {SLOW_LINK['downloadThroughput']} bytes/s each way."
    )
    for ours, theirs in results:
        lines.append(f"\n{ours[0].path}: this site {', '.join(f'{p.first_paint:.0f}' for p in ours)} ms; "
                     f"default build {', '.join(f'{p.first_paint:.0f}' for p in theirs)} ms")
        lines += [f"  CSP: {v}" for v in sorted({v for p in ours for v in p.violations})]
    return "\n".join(lines), ok
