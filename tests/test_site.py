from build_tools.front_matter import split
from build_tools.pipeline.site import write_page


def test_the_body_starts_after_what_mkdocs_strips():
    # MkDocs removes the front matter and the blank lines after it
    assert split("---\ntitle: X\n---\n\n\n# T\n").body_line == 6
    assert split("# T\n").body_line == 1
    assert split("---\nnot closed\n# T\n").body_line == 1


def test_a_page_is_written_as_the_index_of_its_address(tmp_path):
    write_page(tmp_path, "hogar/aguinaldo/resumen/", "<p>á</p>")
    assert (tmp_path / "hogar/aguinaldo/resumen/index.html").read_text(encoding="utf-8") == "<p>á</p>"
