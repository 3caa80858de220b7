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
    found, seen = [], []  # (name, its repeat number, what is wrong)
    for name in order:
        if name in seen:
            found.append((name, seen.count(name), "is listed twice"))
        elif name not in folders:
            known = ", ".join(sorted(f for f in folders if f))
            found.append((name, 0, f"is not a folder of the site's pages (they are: {known})"))
        seen.append(name)
    if not found:
        return []
    lines = _order_lines(config_file)
    return [Problem(shown, _nth(lines, name, repeat), f"menu_order: '{name}' {what}") for name, repeat, what in found]


def _page_folder(page) -> str | None:
    """'hogar' for '<lang>/hogar/a.md'; None for a page of the language's top folder."""
    parts = page.file.src_uri.split("/")
    return parts[1] if len(parts) > 2 else None


def _order_lines(config_file: Path) -> list[tuple[int, str]]:
    """(line number, name) of each item under ``menu_order:`` in mkdocs.yml."""
    try:
        lines = Path(config_file).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    found, inside = [], False
    for number, line in enumerate(lines, start=1):
        item = re.match(r"\s*-\s*['\"]?([^'\"#\s]+)['\"]?\s*(#.*)?$", line)
        if re.match(r"\s*menu_order\s*:", line):
            inside = True
        elif inside and item:
            found.append((number, item[1]))
        elif inside and line.strip() and not line.lstrip().startswith("#"):
            inside = False
    return found


def _nth(lines: list[tuple[int, str]], name: str, repeat: int) -> int | None:
    """The line of the ``repeat``-th repeat of ``name`` (0: its first)."""
    numbers = [number for number, item in lines if item == name]
    return numbers[repeat] if repeat < len(numbers) else None
