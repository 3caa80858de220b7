"""Facts whose values run out: the ending-soon report, and what readers see
once a yearly amount has ended and the next one is not in the facts yet."""

import datetime as dt
import subprocess
import textwrap
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from build_tools import facts as facts_module
from build_tools.errors import ContentError
from build_tools.facts import load_facts, report_staleness
from build_tools.facts.rendering import RenderContext, render_inline, render_schedule, render_sources
from build_tools.i18n.languages import babel_locale
from build_tools.i18n.locales import load_catalogs
from build_tools.pipeline.settings import load_settings
from project import ROOT, copy_project, run_tools

CATALOGS = load_catalogs(ROOT / "locales", ["es", "en", "nah"], "es", ROOT)
FORMATS = {"es": "es_MX", "en": "en_US", "nah": None}
NEW_YEAR = dt.date(2027, 1, 1)

HEAD = """\
wage:
  type: money
  per: day
  legal_basis:
    - law: Ley Federal del Trabajo
      article: "570"
    - law: Ley Federal del Trabajo
      article: "90"
  sources:
    - title: Fuente
      url: https://example.org/wage
  last_verified: 2026-11-21
  confidence: high
"""
RENEWAL = """\
  renewal:
    check_at: https://www.gob.mx/conasami
    not_below_inflation: {law: Ley Federal del Trabajo, article: "90"}
"""
YEARS = """\
  values:
    - value: 278.80
      valid_from: 2025-01-01
      valid_until: 2025-12-31
    - value: 315.04
      valid_from: 2026-01-01
      valid_until: 2026-12-31
"""
NEXT_YEAR = """\
    - value: 340.00
      valid_from: 2027-01-01
"""


def load(directory: Path, text: str):
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "salarios.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    return load_facts(directory, directory)


def load_error(tmp_path, text) -> str:
    with pytest.raises(ContentError) as error:
        load(tmp_path, text)
    return str(error.value)


def context(lang="es", as_of=NEW_YEAR, footnotes=True):
    return RenderContext(lang, babel_locale(lang, FORMATS[lang]), CATALOGS[lang], as_of, footnotes=footnotes)


# -----------------------------------------------------------------------------
# The ending-soon list


def test_a_value_ending_within_the_window_with_nothing_after_is_listed(tmp_path):
    registry = load(tmp_path, HEAD + YEARS)
    report = registry.staleness(dt.date(2026, 11, 21), 365, 60)
    assert [(fact.id, value.valid_until) for fact, value in report.ending] == [("wage", dt.date(2026, 12, 31))]
    assert report.ending_lines() == [
        "salarios.yml:1: fact 'wage': its value ends on 2026-12-31 and no value follows; "
        "add next year's amount before then"
    ]
    # A warning, not a problem: nothing for --strict to fail on
    assert not report
    assert report.lines(dt.date(2026, 11, 21)) == []


def test_the_window_counts_days_up_to_the_last_day_in_force(tmp_path):
    registry = load(tmp_path, HEAD + YEARS)
    assert registry.staleness(dt.date(2026, 11, 1), 365, 60).ending  # 60 days before
    assert not registry.staleness(dt.date(2026, 10, 31), 365, 60).ending  # 61 days before
    assert not registry.staleness(dt.date(2026, 10, 1), 365, 60).ending
    assert registry.staleness(dt.date(2026, 12, 31), 365, 60).ending  # its last day
    assert not registry.staleness(dt.date(2026, 11, 21), 365, 30).ending


def test_a_following_value_or_an_open_ended_value_is_not_listed(tmp_path):
    followed = load(tmp_path / "a", HEAD + YEARS + NEXT_YEAR)
    assert not followed.staleness(dt.date(2026, 11, 21), 365, 60).ending
    open_ended = load(tmp_path / "b", HEAD + YEARS.rsplit("      valid_until", 1)[0])
    assert open_ended["wage"].values[-1].valid_until is None
    assert not open_ended.staleness(dt.date(2026, 11, 21), 365, 60).ending


def test_a_fact_with_no_value_in_force_is_expired_not_ending(tmp_path):
    registry = load(tmp_path, HEAD + YEARS)
    report = registry.staleness(NEW_YEAR, 365, 60)
    assert report.ending == []
    assert [fact.id for fact in report.expired] == ["wage"]
    assert report.lines(NEW_YEAR) == ["salarios.yml:1: fact 'wage' has no value in force on 2027-01-01"]


def test_a_value_that_is_not_a_calendar_year_asks_for_the_value_that_follows(tmp_path):
    half = YEARS.replace("valid_until: 2026-12-31", "valid_until: 2026-06-30")
    report = load(tmp_path, HEAD + half).staleness(dt.date(2026, 6, 1), 365, 60)
    assert report.ending_lines() == [
        "salarios.yml:1: fact 'wage': its value ends on 2026-06-30 and no value follows; "
        "add the value that follows before then"
    ]


def test_the_warning_window_is_a_setting_of_60_days():
    assert load_settings({}).fact_warning_days == 60
    assert load_settings({"fact_warning_days": 30}).fact_warning_days == 30
    with pytest.raises(PluginError, match="fact_warning_days"):
        load_settings({"fact_warning_days": "soon"})


def _facts_command(project: Path, *args) -> subprocess.CompletedProcess:
    return run_tools(project, "facts", *args, timeout=120)


def test_facts_command_warns_of_values_ending_soon_and_strict_fails_only_once_none_is_in_force(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "facts" / "zz_ending.yml").write_text(HEAD.replace("wage:", "zz.ending:") + YEARS, encoding="utf-8")
    line = (
        "facts/zz_ending.yml:1: fact 'zz.ending': its value ends on 2026-12-31 and no value follows; "
        "add next year's amount before then"
    )
    soon = _facts_command(project, "--as-of", "2026-11-21", "--strict")
    assert soon.returncode == 0, soon.stdout + soon.stderr
    assert "WARNING: " + line in soon.stdout.splitlines()
    assert "ERROR:" not in soon.stdout
    ended = _facts_command(project, "--as-of", "2027-01-01", "--strict")
    assert ended.returncode == 1
    assert "ERROR: facts/zz_ending.yml:1: fact 'zz.ending' has no value in force on 2027-01-01" in ended.stdout.splitlines()


def test_build_warns_of_values_ending_soon_and_strict_does_not_fail_on_them(tmp_path, monkeypatch):
    warned = []
    monkeypatch.setattr(facts_module, "warn", lambda title, lines: warned.append((title, lines)))
    facts = load(tmp_path, HEAD + YEARS)
    report_staleness(facts, dt.date(2026, 11, 21), 365, 60, strict=True)
    assert warned == [(
        "Facts whose value ends within 60 days",
        ["salarios.yml:1: fact 'wage': its value ends on 2026-12-31 and no value follows; add next year's amount before then"],
    )]
    # Once no value is in force, strict_facts stops the build
    with pytest.raises(PluginError, match="fact 'wage' has no value in force on 2027-01-01"):
        report_staleness(facts, NEW_YEAR, 365, 60, strict=True)


# -----------------------------------------------------------------------------
# What readers see once a yearly amount has ended


@pytest.fixture
def ended(tmp_path):
    return load(tmp_path, HEAD + RENEWAL + YEARS)["wage"]


ES_ENDED = "cantidad de 2026; la de 2027 todavía no está en este sitio: consúltala en "
EN_ENDED = "the 2026 amount; the 2027 amount is not on this site yet: check it at "
LINK = '<a href="https://www.gob.mx/conasami" rel="noopener noreferrer">gob.mx/conasami</a>'
ES_NOT_BELOW = (
    "Por ley (Ley Federal del Trabajo, art. 90), el aumento tiene que ser por lo menos igual "
    "a lo que subieron los precios mientras valía la cantidad anterior"
)
EN_NOT_BELOW = (
    'By law (<span lang="es">Ley Federal del Trabajo, art. 90</span>), the increase must be at least '
    "as much as prices rose while the previous amount was in force"
)


def test_inline_states_the_last_amount_with_its_year_and_where_to_check(ended):
    es = render_inline(ended, context("es"))
    assert es.startswith('<span class="dc-fact" data-fact="wage">$315.04 al día<sup')
    assert es.endswith(f' <mark class="dc-fact__flag dc-fact__flag--ended">({ES_ENDED}{LINK})</mark>')
    en = render_inline(ended, context("en"))
    assert '<span class="dc-fact" data-fact="wage">MX$315.04 a day<sup' in en
    assert en.endswith(f"({EN_ENDED}{LINK})</mark>")
    for html in (es, en):
        assert "por confirmar" not in html and "to be confirmed" not in html
        # The law's guarantee is said once, in the list of sources
        assert "art. 90)" not in html


def test_the_long_sentence_is_said_once_per_page_then_only_the_year(ended):
    for lang, full, short in (("es", ES_ENDED, "(cantidad de 2026)"), ("en", EN_ENDED, "(the 2026 amount)")):
        ctx = context(lang)
        first, second, third = (render_inline(ended, ctx, mode) for mode in ("value", "value", "since"))
        assert f"({full}{LINK})</mark>" in first
        assert second.endswith(f'<mark class="dc-fact__flag dc-fact__flag--ended">{short}</mark>')
        assert third.endswith(f"{short}</mark>") and LINK not in second + third
        # The list of sources states it in full all the same
        assert f"({full}{LINK})</mark>" in render_sources(ctx)
        # Another page starts again
        assert f"({full}{LINK})</mark>" in render_inline(ended, context(lang))


def test_since_says_when_the_last_amount_started_and_that_it_ended(ended):
    es = render_inline(ended, context("es"), "since")
    assert es.startswith('<span class="dc-fact" data-fact="wage">1 de enero de 2026<sup')
    assert f"({ES_ENDED}{LINK})</mark>" in es
    en = render_inline(ended, context("en"), "since")
    assert "January 1, 2026" in en and f"({EN_ENDED}{LINK})</mark>" in en


def test_next_shows_nothing_when_no_value_follows(ended):
    assert render_inline(ended, context("es"), "next") == ""


def test_sources_entry_states_the_amount_its_year_and_what_the_law_guarantees(ended):
    ctx = context("es")
    render_inline(ended, ctx)
    sources = render_sources(ctx)
    assert f"<strong>$315.04 al día</strong> <mark class=\"dc-fact__flag dc-fact__flag--ended\">({ES_ENDED}{LINK})</mark>." in sources
    assert ES_NOT_BELOW + "." in sources
    ctx = context("en")
    render_inline(ended, ctx)
    sources = render_sources(ctx)
    assert f"<strong>MX$315.04 a day</strong> <mark class=\"dc-fact__flag dc-fact__flag--ended\">({EN_ENDED}{LINK})</mark>." in sources
    assert EN_NOT_BELOW + "." in sources


def test_schedule_marks_no_row_current_and_says_the_last_one_ended(ended):
    es = render_schedule(ended, context("es"))
    assert "dc-fact__current" not in es
    assert f"<caption><mark class=\"dc-fact__flag dc-fact__flag--ended\">({ES_ENDED}{LINK})</mark><sup" in es
    assert "<td>1 de enero de 2026</td><td>$315.04 al día</td>" in es
    en = render_schedule(ended, context("en"))
    assert f"({EN_ENDED}{LINK})</mark>" in en


def test_printed_summary_has_no_footnotes_so_says_what_the_law_guarantees(ended):
    es = render_inline(ended, context("es", footnotes=False))
    assert es == (
        '<span class="dc-fact" data-fact="wage">$315.04 al día</span> '
        f'<mark class="dc-fact__flag dc-fact__flag--ended">({ES_ENDED}{LINK}. {ES_NOT_BELOW})</mark>'
    )
    en = render_inline(ended, context("en", footnotes=False))
    assert "<sup" not in en
    assert f"({EN_ENDED}{LINK}. {EN_NOT_BELOW})</mark>" in en


def test_untranslated_language_shows_the_spanish_sentence_marked_as_spanish(ended):
    nah = render_inline(ended, context("nah"))
    assert f'(<span lang="es">{ES_ENDED}{LINK}</span>)</mark>' in nah
    summary = render_inline(ended, context("nah", footnotes=False))
    assert f'<span lang="es">{ES_ENDED}{LINK}</span>. <span lang="es">Por ley (' in summary


def test_without_renewal_the_page_still_says_the_new_amount_is_missing(tmp_path):
    wage = load(tmp_path, HEAD + YEARS)["wage"]
    html = render_inline(wage, context("es"))
    assert "(cantidad de 2026; la de 2027 todavía no está en este sitio)</mark>" in html
    assert "consúltala" not in html and "por confirmar" not in html
    assert "(the 2026 amount; the 2027 amount is not on this site yet)</mark>" in render_inline(wage, context("en"))
    # Without the field nothing about the law is claimed
    ctx = context("es", footnotes=False)
    assert "Por ley" not in render_inline(wage, ctx)


def test_years_later_the_sentence_asks_for_the_current_year(ended):
    assert "cantidad de 2026; la de 2028 todavía no está" in render_inline(ended, context("es", dt.date(2028, 3, 1)))


def test_a_value_that_is_not_a_calendar_year_is_named_by_its_end_date(tmp_path):
    wage = load(tmp_path, HEAD + RENEWAL + YEARS.replace("valid_until: 2026-12-31", "valid_until: 2026-06-30"))["wage"]
    es = render_inline(wage, context("es", dt.date(2026, 7, 1)))
    assert "(cantidad vigente hasta el 30 de junio de 2026; la nueva todavía no está en este sitio: consúltala en " in es
    en = render_inline(wage, context("en", dt.date(2026, 7, 1)))
    assert "(the amount in force until June 30, 2026; the new amount is not on this site yet: check it at " in en


def test_while_in_force_or_when_a_later_value_exists_nothing_changes(tmp_path):
    wage = load(tmp_path, HEAD + RENEWAL + YEARS)["wage"]
    in_force = render_inline(wage, context("es", dt.date(2026, 6, 1)))
    assert in_force.startswith('<span class="dc-fact" data-fact="wage">$315.04 al día<sup') and "<mark" not in in_force
    # Only future values: as before, the first one with "to be confirmed"
    early = render_inline(wage, context("es", dt.date(2024, 6, 1)))
    assert early.startswith('<span class="dc-fact" data-fact="wage">$278.80 al día <mark class="dc-fact__flag">(sin dato vigente: por confirmar)</mark><sup')
    # A gap before a known next value cannot happen: the loader refuses it
    assert "no value is in force from 2027-01-01 to 2027-02-28" in load_error(
        tmp_path / "gap", HEAD + RENEWAL + YEARS + "    - value: 340.00\n      valid_from: 2027-03-01\n"
    )


# -----------------------------------------------------------------------------
# Validation of the 'renewal' field


def test_renewal_must_be_a_mapping_with_a_web_address(tmp_path):
    message = load_error(tmp_path, HEAD + "  renewal: https://www.gob.mx/conasami\n" + YEARS)
    assert "salarios.yml:14: fact 'wage': 'renewal' must be a mapping with 'check_at'" in message
    message = load_error(tmp_path, HEAD + "  renewal:\n    check_at: www.gob.mx/conasami\n" + YEARS)
    assert "salarios.yml:15: fact 'wage': 'renewal' needs 'check_at': the web page where readers find the new value" in message
    message = load_error(tmp_path, HEAD + "  renewal:\n    not_below_inflation: {law: Ley Federal del Trabajo, article: \"90\"}\n" + YEARS)
    assert "salarios.yml:15: fact 'wage': 'renewal' needs 'check_at'" in message


def test_renewal_rejects_unknown_fields_with_their_line(tmp_path):
    message = load_error(tmp_path, HEAD + "  renewal:\n    check_at: https://www.gob.mx/conasami\n    check: yes\n" + YEARS)
    assert "salarios.yml:16: fact 'wage': unknown field 'check' in 'renewal' (allowed: check_at, not_below_inflation)" in message


def test_not_below_inflation_needs_law_and_article_found_in_the_legal_basis(tmp_path):
    base = HEAD + "  renewal:\n    check_at: https://www.gob.mx/conasami\n"
    message = load_error(tmp_path, base + "    not_below_inflation: yes\n" + YEARS)
    assert "salarios.yml:16: fact 'wage': 'not_below_inflation' needs the 'law' and 'article'" in message
    message = load_error(tmp_path, base + "    not_below_inflation: {law: Ley Federal del Trabajo, article: \"91\"}\n" + YEARS)
    assert (
        "salarios.yml:16: fact 'wage': 'not_below_inflation' names Ley Federal del Trabajo, article 91, "
        "which is not in the fact's 'legal_basis'; add it there too"
    ) in message


def test_not_below_inflation_is_only_for_amounts(tmp_path):
    hours = HEAD.replace("  type: money\n  per: day\n", "  type: hours\n") + RENEWAL + YEARS.replace("278.80", "48").replace("315.04", "46")
    message = load_error(tmp_path, hours)
    assert "salarios.yml:15: fact 'wage': 'not_below_inflation' is only for amounts (money or number facts)" in message


def test_renewal_is_kept_on_the_fact(ended):
    assert ended.renewal.check_at == "https://www.gob.mx/conasami"
    assert (ended.renewal.not_below_inflation.law, ended.renewal.not_below_inflation.article) == ("Ley Federal del Trabajo", "90")
