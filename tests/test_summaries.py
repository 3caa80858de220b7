"""Every guide lists its key rights for the printable summary, in Spanish and
English, with the same facts and no typed figures."""

import re

from build_tools.facts import load_facts
from build_tools.facts.markdown_extension import REFERENCE, find_references
from build_tools.front_matter import read_summary
from project import ROOT

DOCS = ROOT / "docs"
FACTS = load_facts(ROOT / "facts", ROOT)
# Pages that are not guides, or need no summary sheet
NOT_GUIDES = ("participa/", "calculadoras/", "revisa/")  # how to take part; tools
NO_SUMMARY = {
    "hogar/resumen.md": "it is itself a one-page summary",
    "empleadores/contrato-modelo.md": "it is a form to print and fill in",
}


def guides() -> list[str]:
    pages = (p.relative_to(DOCS / "es").as_posix() for p in sorted((DOCS / "es").rglob("*.md")))
    return [p for p in pages if not p.endswith("index.md") and not p.startswith(NOT_GUIDES) and p not in NO_SUMMARY]


def summary(lang: str, page: str):
    path = DOCS / lang / page
    return read_summary(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))


def test_every_guide_has_a_summary_in_spanish_and_english():
    assert len(guides()) >= 20
    missing = [f"docs/{lang}/{page}" for page in guides() for lang in ("es", "en") if not summary(lang, page)]
    assert missing == []


def test_summaries_use_the_same_facts_in_both_languages():
    different = []
    for page in guides():
        refs = {lang: sorted(r.text.replace(" ", "") for r in find_references([i.text for i in summary(lang, page)])) for lang in ("es", "en")}
        if refs["es"] != refs["en"] or len(summary("es", page)) != len(summary("en", page)):
            different.append(page)
    assert different == []


def test_summaries_have_no_typed_figures_and_known_facts():
    problems = []
    for page in guides():
        for lang in ("es", "en"):
            for item in summary(lang, page):
                if re.search(r"\d", REFERENCE.sub("", item.text)):
                    problems.append(f"docs/{lang}/{page}:{item.line}: a typed figure")
                problems += [f"docs/{lang}/{page}:{item.line}: {r.fact_id}" for r in find_references([item.text]) if r.fact_id not in FACTS]
    assert problems == []


def test_summaries_are_short_enough_for_one_sheet():
    # The browser test prints them; this keeps writers within reach of it
    long = [f"docs/{lang}/{page}" for page in guides() for lang in ("es", "en") if not 3 <= len(summary(lang, page)) <= 6]
    assert long == []

