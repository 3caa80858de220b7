import subprocess

from build_tools.front_matter import split
from build_tools.pipeline.site import set_old_output_aside, write_page


def test_the_body_starts_after_what_mkdocs_strips():
    # MkDocs removes the front matter and the blank lines after it
    assert split("---\ntitle: X\n---\n\n\n# T\n").body_line == 6
    assert split("# T\n").body_line == 1
    assert split("---\nnot closed\n# T\n").body_line == 1


def test_a_page_is_written_as_the_index_of_its_address(tmp_path):
    write_page(tmp_path, "hogar/aguinaldo/resumen/", "<p>á</p>")
    assert (tmp_path / "hogar/aguinaldo/resumen/index.html").read_text(encoding="utf-8") == "<p>á</p>"


def _old_site(tmp_path):
    site = tmp_path / "site"
    write_page(site, "hogar/", "<p>viejo</p>")
    (site / "sitemap.xml").write_text("x", encoding="utf-8")
    (site / ".git").mkdir()  # hidden: MkDocs keeps it, and so does this
    return site


def test_the_old_output_is_set_aside_for_rm(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda command, **options: started.append(command) or "rm")
    site = _old_site(tmp_path)
    assert set_old_output_aside(site) == "rm"
    assert sorted(p.name for p in site.iterdir()) == [".git"]
    [aside] = [p for p in tmp_path.iterdir() if p.name != "site"]
    assert aside.name.startswith("site.old-")
    assert sorted(p.name for p in aside.iterdir()) == ["hogar", "sitemap.xml"]
    assert started == [["rm", "-rf", "--", str(aside)]]


def test_the_old_output_is_deleted_beside_the_build(tmp_path):
    site = _old_site(tmp_path)
    deleting = set_old_output_aside(site)
    assert sorted(p.name for p in site.iterdir()) == [".git"]  # at once
    assert deleting.wait(timeout=30) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_nothing_to_set_aside(tmp_path):
    assert set_old_output_aside(tmp_path / "missing") is None
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / ".hidden").write_text("x", encoding="utf-8")
    assert set_old_output_aside(tmp_path / "empty") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]
