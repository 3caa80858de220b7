"""The site menu in the order readers look for it: who they are first
(domestic, farm, factory work), then employers, help and calculators.

MkDocs sorts the folders of docs/<lang>/ alphabetically (ayuda, calculadoras,
campo...). ``extra.derechos.menu_order`` in mkdocs.yml lists them in the
order the menu shows; pages at the top (the home page) stay first, and a
folder not listed comes after the listed ones.
"""

from __future__ import annotations

import re
from pathlib import Path

from build_tools.errors import Problem


def section_folder(section) -> str | None:
    """The docs/<lang>/ folder a top-level menu section stands for ('hogar'),
    from the first page in it (its file is '<lang>/hogar/...')."""
    for child in section.children:
        if child.is_section:
            found = section_folder(child)
            if found:
                return found
        elif child.is_page:
            return _page_folder(child)
    return None


def order_sections(items: list, order: list[str]) -> list:
    """``items`` (a menu's top level) with its sections (and pages standing
    for a folder, see without_single_page_sections) in ``order`` of their
    folders; the top folder's pages first, in their order."""
    rank = {folder: number for number, folder in enumerate(order)}

    def key(pair):
        position, item = pair
        folder = section_folder(item) if item.is_section else _page_folder(item)
        if folder is None:  # a page of the language's top folder (home)
            return (0, 0, position)
        return (1, rank.get(folder, len(order)), position)

    return [item for _, item in sorted(enumerate(items), key=key)]


def without_single_page_sections(items: list) -> list:
    """A section that holds only its index page (ayuda/) shown as that
    page: otherwise the menu names it twice, as section and as page."""
    flat = []
    for item in items:
        only = item.children[0] if item.is_section and len(item.children) == 1 else None
        if only is not None and only.is_page:
            only.parent = item.parent
            flat.append(only)
        else:
            flat.append(item)
    return flat


def pages_in_order(items: list) -> list:
    """The menu's pages, depth first, as MkDocs lists them (``nav.pages``)."""
    found = []
    for item in items:
        if item.is_page:
            found.append(item)
        if item.children:
            found.extend(pages_in_order(item.children))
    return found


def link_previous_and_next(pages: list) -> None:
    """The footer's previous and next links follow the menu's order."""
    for number, page in enumerate(pages):
        page.previous_page = pages[number - 1] if number else None
        page.next_page = pages[number + 1] if number + 1 < len(pages) else None


def unknown_folders(order: list[str], items: list, config_file: Path, shown: str = "mkdocs.yml") -> list[Problem]:
    """Names in ``menu_order`` that no section of the menu has, and names
    given twice: most likely a typo, which would leave a section last."""
    folders = {section_folder(item) if item.is_section else _page_folder(item) for item in items}
    problems, seen = [], []
    for name in order:
        line = _line_of(config_file, name, seen.count(name))
        if name in seen:
            problems.append(Problem(shown, line, f"menu_order: '{name}' is listed twice"))
        elif name not in folders:
            known = ", ".join(sorted(f for f in folders if f))
            problems.append(Problem(shown, line, f"menu_order: '{name}' is not a folder of the site's pages (they are: {known})"))
        seen.append(name)
    return problems


def _page_folder(page) -> str | None:
    """'hogar' for '<lang>/hogar/a.md'; None for a page of the language's top folder."""
    parts = page.file.src_uri.split("/")
    return parts[1] if len(parts) > 2 else None


def _line_of(config_file: Path, name: str, skip: int = 0) -> int | None:
    """The line of ``- name`` under ``menu_order:`` in mkdocs.yml (its
    ``skip``-th repeat)."""
    try:
        lines = Path(config_file).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    inside = False
    for number, line in enumerate(lines, start=1):
        if re.match(r"\s*menu_order\s*:", line):
            inside = True
        elif inside and re.match(rf"\s*-\s*['\"]?{re.escape(name)}['\"]?\s*(#.*)?$", line):
            if not skip:
                return number
            skip -= 1
        elif inside and line.strip() and not line.lstrip().startswith(("-", "#")):
            inside = False
    return None
