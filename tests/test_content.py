"""The guides themselves: no typed figures, every fact sourced and used."""

import re
from urllib.parse import urlsplit

import pytest

from build_tools import front_matter
from build_tools.facts import NO_LEGAL_BASIS, load_facts
from build_tools.facts.law_text import law_dir
from build_tools.facts.markdown_extension import REFERENCE, find_references
from build_tools.markdown_source import prose_lines, strip_code_spans
from build_tools.reader import calculators
from build_tools.reader import self_check
from build_tools.reader.calculators_extension import MARKER
from build_tools.reader.self_check_extension import MARKER as SELF_CHECK_MARKER
from build_tools.translations import page_url, source_pages
from project import PREFIXES, ROOT

DOCS = ROOT / "docs"
FACTS = load_facts(ROOT / "facts", ROOT)
# Pages for contributors may show version numbers and examples
NOT_GUIDES = ("participa/",)

_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:.*$")
_ATTRIBUTES = re.compile(r"\{[^}]*#[\w\-]+[^}]*\}")
_LIST_NUMBER = re.compile(r"^\s*\d+\.\s")
_COMMENT = re.compile(r"<!--.*?-->")


def guide_files(lang):
    return [
        path for path in sorted((DOCS / lang).rglob("*.md"))
        if not path.relative_to(DOCS / lang).as_posix().startswith(NOT_GUIDES)
    ]


def typed_figures(text: str) -> list[tuple[int, str]]:
    """(line, text) of every digit a writer typed in a guide's prose."""
    split = front_matter.split(text)
    found = []
    for number, line in prose_lines(split.body.splitlines()):
        for pattern in (REFERENCE, _LINK_TARGET, _ATTRIBUTES, _COMMENT):
            line = pattern.sub("", strip_code_spans(line))
        if _REFERENCE_DEFINITION.match(line):
            continue
        line = _LIST_NUMBER.sub("", line)
        for match in re.finditer(r"\S*\d\S*", line):
            found.append((number + split.body_line - 1, match.group(0)))
    return found


@pytest.mark.parametrize("lang", ["es", "en"])
def test_guides_have_no_typed_figures(lang):
    problems = [
        f"{path.relative_to(ROOT)}:{line}: '{text}' — use a {{{{ fact }}}}"
        for path in guide_files(lang)
        for line, text in typed_figures(path.read_text(encoding="utf-8"))
    ]
    assert problems == []


def test_typed_figure_detector_catches_amounts_days_and_phones():
    text = "---\ntitle: X\n---\n\n## A {#a}\n\nGanas $315.04 al día, 15 días, llama al 800 717 2942.\n\n1. Paso uno {{ aguinaldo.dias }}\n"
    assert [t for _, t in typed_figures(text)] == ["$315.04", "15", "800", "717", "2942."]
    assert typed_figures(text)[0][0] == 7


def _references():
    used = {}
    for path in sorted(DOCS.rglob("*.md")):
        for ref in find_references(path.read_text(encoding="utf-8").splitlines()):
            # {{ calculadora: x }} uses the calculator's facts
            marker, check = MARKER.match(ref.text), SELF_CHECK_MARKER.match(ref.text)
            if check:  # {{ revision }} uses its office's facts
                ids = self_check.facts_of(check.group(1) or self_check.DEFAULT_OFFICE)
            else:
                ids = calculators.facts_of(marker.group(1)) if marker else [ref.fact_id]
            for fact_id in ids:
                used.setdefault(fact_id, f"{path.relative_to(ROOT)}:{ref.line}")
    return used


def test_no_fact_is_used_but_undefined():
    used = _references()
    assert {fact_id: where for fact_id, where in used.items() if fact_id not in FACTS} == {}


def test_no_fact_is_defined_but_unused():
    used = _references()
    assert [f"{FACTS[i].path}:{FACTS[i].line}: {i}" for i in FACTS if i not in used] == []


def test_every_fact_used_has_a_source_and_legal_basis():
    for fact_id in _references():
        fact = FACTS[fact_id]
        assert all(value.sources for value in fact.values), fact_id
        # Phone numbers and web addresses are contacts, not rules
        assert fact.legal_basis or fact.type in NO_LEGAL_BASIS, fact_id


@pytest.mark.build
def test_every_guide_builds_in_every_language(built_site):
    missing = [
        f"/{prefix}{page_url(page)}"
        for page in source_pages(DOCS, "es")
        for prefix in PREFIXES.values()
        if not (built_site / prefix / page_url(page) / "index.html").is_file()
    ]
    assert source_pages(DOCS, "es") and missing == []


@pytest.mark.build
def test_every_guide_shows_its_review_date_and_laws(built_site):
    for page in source_pages(DOCS, "es"):
        for prefix in ("", "en/"):
            html = (built_site / prefix / page_url(page) / "index.html").read_text(encoding="utf-8")
            assert 'class="dc-review"' in html, f"/{prefix}{page_url(page)}"


def _official(url: str) -> bool:
    # A Mexican government site (federal or state): CONTRIBUTING lets a fact
    # cite an official source the research notes did not reach
    host = urlsplit(url).hostname or ""
    return host == "gob.mx" or host.endswith(".gob.mx")


def _from_the_press_allowed(fact, value) -> bool:
    # Where no official page gives it, the press may back an office's address,
    # phone or web page at low confidence, and any value marked unverified
    # (the page shows it "por confirmar")
    contact = fact.type in NO_LEGAL_BASIS or fact.id.endswith(".direccion")
    return value.confidence == "unverified" or (contact and value.confidence == "low")


def test_every_source_comes_from_the_research_notes_or_an_official_site():
    # Facts may only cite sources the research notes checked, the official
    # law PDFs listed beside the law text, or a government site; the press
    # only where _from_the_press_allowed says, and commentary only beside one
    # of those
    research_file = ROOT.parent / "shared/reference/facts-research.md"
    if not research_file.exists():
        pytest.skip("../shared/reference/facts-research.md is not beside the project")
    research = research_file.read_text(encoding="utf-8")
    # The official PDFs the law text was converted from are sources too
    law_readme = law_dir(ROOT) / "README.md"
    if law_readme.exists():
        research += law_readme.read_text(encoding="utf-8")
    def checked(url: str) -> bool:
        # The notes shorten sibling pages as ".../page47.html"
        return url in research or url.rsplit("/", 1)[0] + "/" in research or _official(url)

    unknown = {
        (fact.id, source.url)
        for fact in FACTS.values() for value in fact.values for source in value.sources
        if not checked(source.url) and not _from_the_press_allowed(fact, value)
        # Commentary on how the law is read, beside a checked source, makes
        # the value no more than medium confidence
        and not (value.confidence != "high" and any(checked(other.url) for other in value.sources))
    }
    assert unknown == set()


def test_every_spanish_page_has_an_english_translation():
    assert [p for p in source_pages(DOCS, "es") if not (DOCS / "en" / p).is_file()] == []


def _content_links(html: str, url: str) -> set[str]:
    from urllib.parse import urljoin, urlsplit

    article = html[html.index('<article'): html.index("</article>")]
    found = set()
    for href in re.findall(r'<a [^>]*href="([^"#]+)', article):
        target = urlsplit(urljoin("http://site/" + url, href))
        if target.netloc == "site":
            found.add(target.path.lstrip("/"))
    return found


@pytest.mark.build
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_guide_is_two_taps_from_the_home_page(built_site, prefix):
    home = prefix
    one_tap = _content_links((built_site / home / "index.html").read_text(encoding="utf-8"), home)
    two_taps = set(one_tap)
    for url in one_tap:
        path = built_site / url / "index.html"
        if path.is_file():
            two_taps |= _content_links(path.read_text(encoding="utf-8"), url)
    # The self-checks' own index is in the menu; each self-check is linked from its section page
    guides = {prefix + page_url(p) for p in source_pages(DOCS, "es") if not p.startswith(NOT_GUIDES) and p not in ("index.md", "revisa/index.md")}
    assert sorted(guides - two_taps) == []
