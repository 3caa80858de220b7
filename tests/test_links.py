from build_tools.links import Link, anchors_in, find_links, resolve


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
