"""Page weight: the budget checked in Chromium, in bytes, and the
pieces of `python -m build_tools weight` that need no browser."""

import pytest

from build_tools.tooling import bench, weight
from project import ROOT


def test_budget_lines():
    kb = 1024
    assert weight.check(64 * kb, 12 * kb, 200 * kb) == []
    assert weight.check(64 * kb + 1, 0, None) == ["first visit 64.0 KB > 64 KB"]
    # 50 KB of a 70 KB default build is 71%
    assert weight.check(50 * kb, 0, 70 * kb) == ["first visit is 71% of the default build (limit 70%)"]
    assert weight.check(0, 12 * kb + 1, None) == ["repeat visit 12.0 KB > 12 KB"]


def test_paint_report_compares_medians_with_the_default_build():
    def runs(path, *times, shift=0.0):
        return [weight.Paint(path, t, shift) for t in times]

    table, ok = weight.paint_report([(runs("/a/", 900, 1000, 950), runs("/a/", 2000, 2100, 1900))])
    assert ok and "| `/a/` | 950 ms | 2000 ms | 0.47 | 0.000 | 0 | met |" in table
    table, ok = weight.paint_report([(runs("/a/", 1200, shift=0.2), runs("/a/", 2000))])
    assert not ok and "first paint 0.60× the default build (limit 0.5×); layout shift 0.200 (limit 0.1)" in table


def test_baseline_paths_map_to_the_stock_language_folders():
    assert weight.baseline_path("/hogar/aguinaldo/") == "/hogar/aguinaldo/"
    assert weight.baseline_path("/en/hogar/aguinaldo/") == "/en/hogar/aguinaldo/"
    assert weight.baseline_path("/nah/hogar/aguinaldo/") == "/fr/hogar/aguinaldo/"
    assert weight.baseline_path("/mix/") == "/it/"


def test_stock_baseline_config_keeps_material_defaults():
    stock = bench.plain_config(stock=True)
    assert "font:" not in stock and "features:" not in stock and "palette" not in stock
    assert "- search" in stock and "- i18n:" in stock
    assert "font: false" in bench.plain_config(["navigation.prune"])


def test_access_log_lines_are_read_once(tmp_path):
    log = tmp_path / "access.log"
    log.write_text("/a/ 200 1000\n/b.js 304 300\n/c", encoding="utf-8")
    reader = weight._Log(log)
    assert reader.new_lines() == [("/a/", 200, 1000), ("/b.js", 304, 300)]
    with open(log, "a", encoding="utf-8") as f:
        f.write(".css 200 42\n")
    assert reader.new_lines() == [("/c.css", 200, 42)]
    assert reader.new_lines() == []


def test_report_table(tmp_path):
    def visit(path, size):
        return weight.Visit(path, [(path, 200, size)], [])

    table, ok = weight.report([(visit("/a/", 60 * 1024), visit("/b/", 8 * 1024))], [(visit("/a/", 120 * 1024), visit("/b/", 1))])
    assert ok and "| `/a/` (then `/b/`) | 60.0 KB | 8.0 KB | 120.0 KB | 50% | met |" in table


@pytest.mark.server
def test_first_and_repeat_visits_are_within_the_byte_budget(served, chromium):
    """Bytes nginx sends for everything the pages load by themselves."""
    _, site = served
    for first, repeat in weight.measure(site, weight.GUIDES[:2], log=lambda _: None, browser=chromium):
        assert first.blocked == [] and repeat.blocked == []
        assert first.bytes <= weight.FIRST_BUDGET, first.transfers
        assert repeat.bytes <= weight.REPEAT_BUDGET, repeat.transfers
        # The search loads only when the reader opens it
        assert not [uri for uri, _, _ in first.transfers if "search_index" in uri or "/lunr/" in uri]


def test_the_favicon_in_the_page_is_the_icon_file():
    """mkdocs.yml gives the favicon as a data: address (no request on a first
    visit); it must stay the icon of overrides/assets/images/favicon.svg."""
    from urllib.parse import unquote

    import yaml

    favicon = yaml.safe_load(
        "\n".join(line for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines() if line.strip().startswith("favicon:"))
    )["favicon"]
    assert favicon.startswith("data:image/svg+xml,") and " " not in favicon and "'" not in favicon
    svg = (ROOT / "overrides/assets/images/favicon.svg").read_text(encoding="utf-8").strip()
    assert unquote(favicon.removeprefix("data:image/svg+xml,")) == svg
