"""The benchmark runs and reports well-formed figures (timings are not checked)."""

import pytest

from build_tools.tooling import bench
from project import ROOT

pytestmark = pytest.mark.build


def test_benchmark_runs_on_a_tiny_corpus():
    sizes = bench.measure_sizes(ROOT, [2, 4], runs=1, log=lambda _: None)
    assert set(sizes) == {2, 4}
    for n, result in sizes.items():
        assert result["pages"] == n * len(bench.PROJECT_LANGS)
        assert set(result["median_seconds"]) == {"project", "plain", "markdown"}
        assert all(seconds > 0 for seconds in result["median_seconds"].values())
        assert result["a_over_b"] == pytest.approx(result["median_seconds"]["project"] / result["median_seconds"]["plain"])
        assert all(mb > 0 for mb in result["peak_rss_mb"].values())
    text = bench.report(sizes, {})
    assert "| 2 | 10 |" in text and "time(4) / time(2), project:" in text


def test_synthetic_pages_have_no_typed_figures_and_valid_links(tmp_path):
    from test_content import typed_figures

    corpus = bench.project_corpus(ROOT, tmp_path / "p", 30)
    page = (corpus / "docs/es/tema-001/pagina-0030.md") if (corpus / "docs/es/tema-001/pagina-0030.md").exists() else corpus / "docs/es/tema-001/pagina-0025.md"
    assert typed_figures(page.read_text(encoding="utf-8")) == []


def test_edit_loop_sees_the_change_and_leaves_no_temporary_files(tmp_path, monkeypatch):
    # The server's own temporary folder: MkDocs's site and our language
    # partials go there, and must be gone once the server is stopped
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    result = bench.edit_loop(ROOT, runs=1, only_lang="es", log=lambda _: None)
    assert len(result["runs"]) == 1 and result["median_seconds"] > 0
    # What stays is Jinja's cache of compiled templates, meant to last
    left = [path.name for path in tmp_path.iterdir() if not path.name.startswith("_jinja2-cache-")]
    assert left == [], "the stopped server left these in its temporary folder"
