from build_tools.site import source_line_offset


def test_front_matter_offset_counts_what_mkdocs_strips():
    # MkDocs removes the front matter and the blank lines after it
    assert source_line_offset("---\ntitle: X\n---\n\n\n# T\n") == 5
    assert source_line_offset("# T\n") == 0
    assert source_line_offset("---\nnot closed\n# T\n") == 0
