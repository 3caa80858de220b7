"""The page types the browser sweeps visit, in every language of mkdocs.yml.

One list: a page type added to PAGE_TYPES is checked by the accessibility
sweep (tests/test_accessibility.py) and the privacy sweep
(tests/test_privacy.py) in every language.
"""

from __future__ import annotations

from dataclasses import dataclass

from project import LANGUAGES


@dataclass(frozen=True)
class PageType:
    name: str
    path: str  # inside a language's folder, e.g. "hogar/aguinaldo/"
    status: int = 200
    search: str | None = None  # open the search, type this and wait for results
    theme: bool = True  # False: a standalone sheet, without Material's header, menu and search


PAGE_TYPES = [
    PageType("home", ""),  # in nah, tzo and mix: Spanish, with the line that says how much is translated
    PageType("guide", "hogar/aguinaldo/"),  # falls back to Spanish in nah, tzo and mix
    PageType("section", "hogar/"),
    PageType("help", "ayuda/"),
    PageType("translation-status", "participa/traducciones/"),
    PageType("not-found", "no-existe/", status=404),
    PageType("search", "", search="aguinaldo"),
    PageType("calculator", "calculadoras/finiquito/"),
    PageType("pay-calculator", "calculadoras/pago-justo/"),
    PageType("self-check", "revisa/fabrica/"),  # questions as answers to tap; results are checked in test_self_check_browser
    PageType("summary", "hogar/aguinaldo/resumen/", theme=False),  # the printable one-page summary  # forms; results are checked in test_calculators_browser
]


# Every page type in every language, with readable test ids such as "guide-nah"
MATRIX = [(page_type, tag, prefix) for page_type in PAGE_TYPES for tag, prefix in LANGUAGES]
MATRIX_IDS = [f"{page_type.name}-{tag}" for page_type, tag, _ in MATRIX]


def open_search(page, query: str) -> None:
    page.keyboard.press("s")  # Material's shortcut to open the search
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=10000)


def visit(page, base: str, prefix: str, page_type: PageType, wait_until: str = "networkidle") -> None:
    """Load a page type in a language and bring it to the state under test."""
    url = base + prefix + page_type.path
    response = page.goto(url, wait_until=wait_until)
    assert response.status == page_type.status, f"{url}: HTTP {response.status}"
    if page_type.search:
        open_search(page, page_type.search)
