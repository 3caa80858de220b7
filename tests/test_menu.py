"""build_tools.reader.menu without MkDocs: the menu's sections in the
order readers look for them, and the footer's links following it."""

from types import SimpleNamespace

from build_tools.reader import menu


def page(src_uri):
    return SimpleNamespace(is_section=False, is_page=True, children=None, file=SimpleNamespace(src_uri=src_uri), title=src_uri)


def section(*children):
    return SimpleNamespace(is_section=True, is_page=False, children=list(children), parent=None)


def folders(items):
    return [menu.section_folder(item) if item.is_section else item.title for item in items]



def test_sections_follow_the_order_and_the_home_page_stays_first():
    items = [
        page("en/index.md"),
        section(page("en/ayuda/index.md")),
        section(page("en/calculadoras/index.md")),
        # a section whose first entry is a section of its own
        section(section(page("en/campo/sub/a.md")), page("en/campo/b.md")),
        section(page("en/hogar/index.md")),
        section(page("en/nuevo/index.md")),
        page("en/about.md"),
    ]
    ordered = menu.order_sections(items, ["hogar", "campo", "ayuda", "calculadoras"])
    # Pages first as they were; listed folders in order; one not listed after them
    assert folders(ordered) == ["en/index.md", "en/about.md", "hogar", "campo", "ayuda", "calculadoras", "nuevo"]
    # Nothing listed: MkDocs' order
    assert menu.order_sections(items, []) == sorted(items, key=lambda item: item.is_section)


def test_the_footer_links_follow_the_menu():
    items = [page("es/index.md"), section(page("es/hogar/index.md"), page("es/hogar/a.md")), section(page("es/ayuda/index.md"))]
    ordered = menu.order_sections(items, ["ayuda", "hogar"])
    pages = menu.pages_in_order(ordered)
    assert [p.file.src_uri for p in pages] == ["es/index.md", "es/ayuda/index.md", "es/hogar/index.md", "es/hogar/a.md"]
    menu.link_previous_and_next(pages)
    assert pages[0].previous_page is None and pages[0].next_page is pages[1]
    assert pages[2].previous_page is pages[1] and pages[3].next_page is None


def test_a_name_that_is_no_folder_or_is_listed_twice_is_reported_with_its_line(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "extra:\n  derechos:\n    menu_order:\n      - hogar\n      - fabirca  # typo\n      - hogar\n    other: 1\n",
        encoding="utf-8",
    )
    items = [page("es/index.md"), section(page("es/hogar/index.md")), section(page("es/fabrica/index.md"))]
    problems = [str(p) for p in menu.unknown_folders(["hogar", "fabirca", "hogar"], items, config)]
    assert problems == [
        "mkdocs.yml:5: menu_order: 'fabirca' is not a folder of the site's pages (they are: fabrica, hogar)",
        "mkdocs.yml:6: menu_order: 'hogar' is listed twice",
    ]
    assert menu.unknown_folders(["fabrica", "hogar"], items, config) == []


def test_a_folder_with_one_page_is_that_page_and_keeps_its_place():
    home, help_page, other = page("es/index.md"), page("es/ayuda/index.md"), page("es/hogar/index.md")
    items = [home, section(help_page), section(other, page("es/hogar/a.md"))]
    flat = menu.without_single_page_sections(items)
    assert flat[0] is home and flat[1] is help_page and flat[2].is_section
    assert help_page.parent is None
    assert folders(menu.order_sections(flat, ["hogar", "ayuda"])) == ["es/index.md", "hogar", "es/ayuda/index.md"]
