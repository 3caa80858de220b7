from build_tools.checks.links import Link, anchors_in, check_links, find_links, malformed_links, resolve


def test_find_links_with_lines_skipping_code():
    text = "# T\n\n[a](b.md#c) and ![i](img.png)\n\n```\n[x](y.md)\n```\n`[z](w.md)`\n[ref]: other.md#s\n[ext](https://example.org)\n"
    links = find_links(text)
    assert [(l.line, l.target) for l in links] == [
        (3, "b.md#c"), (3, "img.png"), (9, "other.md#s"), (10, "https://example.org")
    ]


def test_internal_links_and_parts():
    assert Link(1, "b.md#c").is_internal
    assert not Link(1, "https://x.org").is_internal
    assert not Link(1, "tel:+52800").is_internal
    assert not Link(1, "mailto:a@b.c").is_internal
    link = Link(1, "../b.md#c%C3%B3")
    assert (link.path, link.anchor) == ("../b.md", "có")


def test_resolve_relative_to_the_page():
    assert resolve(Link(1, "salario.md#x"), "es/hogar/contrato.md") == "es/hogar/salario.md"
    assert resolve(Link(1, "../index.md"), "es/hogar/contrato.md") == "es/index.md"
    assert resolve(Link(1, "#x"), "es/index.md") is None


def test_anchors_in_html():
    assert anchors_in('<h2 id="cuanto">x</h2><li id=\'dc-1\'>') == {"cuanto", "dc-1"}


def test_html_sources_are_links_too():
    links = find_links('<audio controls src="audio/aguinaldo.mp3"></audio>\n<img alt="x" src=\'img/a.png\'>\n')
    assert [(l.line, l.target) for l in links] == [(1, "audio/aguinaldo.mp3"), (2, "img/a.png")]


def test_check_links_names_the_missing_page_and_the_missing_section():
    pages = {"es/a.md": "docs/es/a.md", "es/b.md": "docs/es/b.md"}
    anchors = {"es/a.md": {"top"}, "es/b.md": {"cuanto"}}
    found = [("es/a.md", "docs/es/a.md", [Link(3, "b.md#cuanto"), Link(4, "c.md"), Link(5, "b.md#nada"), Link(6, "#top"), Link(7, "#fin")])]
    problems = check_links(found, pages.get, anchors.get, "en")
    assert [str(p) for p in problems] == [
        "docs/es/a.md:4: (language: en) the link 'c.md' points to a page that does not exist",
        "docs/es/a.md:5: (language: en) the link 'b.md#nada' points to a section '#nada' that does not exist in docs/es/b.md",
        "docs/es/a.md:7: (language: en) the link '#fin' points to a section '#fin' that does not exist in docs/es/a.md",
    ]


def test_anchors_are_not_checked_in_files_that_are_not_pages():
    found = [("es/a.md", "docs/es/a.md", [Link(2, "img.png#x")])]
    assert check_links(found, lambda uri: f"docs/{uri}", lambda uri: None, "es") == []


def test_each_target_page_is_searched_for_ids_once():
    asked = []

    def anchors_of(uri):
        asked.append(uri)
        return {"uno", "dos"}

    found = [
        ("es/a.md", "docs/es/a.md", [Link(1, "b.md#uno"), Link(2, "b.md#dos"), Link(3, "b.md#tres")]),
        ("es/c.md", "docs/es/c.md", [Link(1, "b.md#uno"), Link(2, "b.md")]),
    ]
    problems = check_links(found, lambda uri: f"docs/{uri}", anchors_of, "es")
    assert [str(p) for p in problems] == [
        "docs/es/a.md:3: (language: es) the link 'b.md#tres' points to a section '#tres' that does not exist in docs/es/b.md",
    ]
    assert asked == ["es/b.md"]


def test_an_address_that_is_not_one_is_named_with_its_line():
    """Python cannot split these ("Invalid IPv6 URL"), and MkDocs' own link
    rewriting stops on them with a traceback: each way of writing a link."""
    text = (
        "# T\n\nVer [la página](http://[www.gob.mx/profedet).\n"
        "<https://[gob.mx>\n"
        '<a href="//[x">y</a>\n'
        "[ref]: https://gob.mx]/x\n"
        "`[en código](http://[x)` y [bien](https://www.gob.mx/profedet)\n"
    )
    problems = malformed_links(find_links(text, autolinks=True), "docs/es/x.md")
    assert [(p.path, p.line) for p in problems] == [("docs/es/x.md", 3), ("docs/es/x.md", 4), ("docs/es/x.md", 5), ("docs/es/x.md", 6)]
    assert "'http://[www.gob.mx/profedet' is not a web address" in problems[0].message
    # The other checks read such a link without stopping
    link = Link(3, "http://[www.gob.mx/profedet")
    assert (link.is_internal, link.path, link.anchor) == (False, "", "")

