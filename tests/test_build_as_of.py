"""The real site built for 1 January 2027: the day the 2026 minimum wages
end, the working week drops to 46 hours and the overtime cap is still 9."""

import datetime as dt
import re
from pathlib import Path

import pytest

from project import ROOT, SOURCE_LANG, run_build

pytestmark = pytest.mark.build

NEW_YEAR = dt.date(2027, 1, 1)
PREFIXES = {"es": "", "en": "en/"}
# The minimum wages CONASAMI sets for one calendar year
MINIMUM_WAGES = ("salario_minimo.general", "salario_minimo.frontera", "salario_minimo_hogar.general", "salario_minimo_hogar.frontera")
ENDED = {
    "es": "cantidad de 2026; la de 2027 todavía no está en este sitio: consúltala en <a href=\"https://",
    "en": "the 2026 amount; the 2027 amount is not on this site yet: check it at <a href=\"https://",
}
GENERAL = {"es": "$315.04 al día", "en": "MX$315.04 a day"}
WEEK = {"es": "46 horas", "en": "46 hours"}
OVERTIME = {"es": "9 horas", "en": "9 hours"}
ENDED_FLAG = ' <mark class="dc-fact__flag dc-fact__flag--ended">('


@pytest.fixture(scope="module")
def new_year(tmp_path_factory):
    """The real project built once with --as-of 2027-01-01: (site, build log)."""
    site = tmp_path_factory.mktemp("as-of-2027")
    result = run_build(ROOT, site, as_of=NEW_YEAR)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, result.stderr


def page(site: Path, lang: str, url: str) -> str:
    return (site / PREFIXES[lang] / url / "index.html").read_text(encoding="utf-8")


def inline_uses(html: str, fact_id: str) -> list[tuple[str, str]]:
    """Each inline rendering of a fact: (its text, what follows the value)."""
    pattern = re.compile(rf'<span class="dc-fact" data-fact="{re.escape(fact_id)}">(.*?)</span>(.{{0,60}})', re.S)
    return [(re.sub(r"<sup.*?</sup>", "", body), after) for body, after in pattern.findall(html)]


@pytest.mark.parametrize("lang", PREFIXES)
@pytest.mark.parametrize("url", ["hogar/salario/", "hogar/salario/resumen/"])
def test_minimum_wage_is_the_2026_amount_with_its_year_never_the_current_one(new_year, lang, url):
    html = page(new_year[0], lang, url)
    for fact_id in MINIMUM_WAGES:
        uses = inline_uses(html, fact_id)
        for body, after in uses:
            assert after.startswith(ENDED_FLAG), f"{url} {lang}: {fact_id} shown as current: {body}{after}"
    general = inline_uses(html, "salario_minimo.general")
    assert general and all(body == GENERAL[lang] for body, _ in general)
    assert ENDED[lang] in html
    # Not the bare "(no figure in force: to be confirmed)" either
    assert "sin dato vigente" not in html and "no figure in force" not in html


@pytest.mark.parametrize("lang", PREFIXES)
def test_salary_sources_list_states_the_2026_amount_as_ended(new_year, lang):
    html = page(new_year[0], lang, "hogar/salario/")
    entry = html.split('<li id="dc-fact-salario_minimo-general">', 1)[1].split("</li>", 1)[0]
    assert entry.startswith(f"<strong>{GENERAL[lang]}</strong>{ENDED_FLAG}")
    assert ENDED[lang] in entry


@pytest.mark.parametrize("lang", PREFIXES)
def test_working_week_is_46_hours_and_overtime_cap_9(new_year, lang):
    html = page(new_year[0], lang, "hogar/jornada/")
    week = inline_uses(html, "jornada.horas_semanales_maximas")
    assert week and all(body == WEEK[lang] and not after.startswith(" <mark") for body, after in week)
    assert f'<tr class="dc-fact__current"><td>{"1 de enero de 2027" if lang == "es" else "January 1, 2027"}</td><td>{WEEK[lang]}</td></tr>' in html
    # DOF 01-05-2026 decree, transitional article Cuarto: 9 hours a week in 2026 and 2027
    overtime = inline_uses(html, "jornada.horas_extra_semanales_maximas")
    assert overtime and all(body == OVERTIME[lang] and not after.startswith(" <mark") for body, after in overtime)
    summary = page(new_year[0], lang, "hogar/jornada/resumen/")
    assert [body for body, _ in inline_uses(summary, "jornada.horas_semanales_maximas")] == [WEEK[lang]]


def test_build_report_lists_the_ended_minimum_wage(new_year):
    assert re.search(r"facts/salarios\.yml:\d+: fact 'salario_minimo\.general' has no value in force on 2027-01-01", new_year[1])


def test_strict_build_warns_of_a_value_ending_soon_and_does_not_fail(project_copy, tmp_path):
    (project_copy / "facts" / "zz_ending.yml").write_text(
        "zz.ending:\n  type: money\n  per: day\n  legal_basis: [{law: Ley Federal del Trabajo, article: '570'}]\n"
        "  sources: [{title: T, url: 'https://example.org'}]\n  last_verified: 2026-11-21\n  confidence: high\n"
        "  values:\n    - value: 315.04\n      valid_from: 2026-01-01\n      valid_until: 2026-12-31\n",
        encoding="utf-8",
    )
    # The facts are checked once for the run, whichever languages it builds: Spanish alone
    result = run_build(project_copy, tmp_path / "site", extra_env={"DC_STRICT_FACTS": "true"}, only_lang=SOURCE_LANG)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Facts whose value ends within 60 days" in result.stderr
    assert (
        "facts/zz_ending.yml:1: fact 'zz.ending': its value ends on 2026-12-31 and no value follows; "
        "add next year's amount before then"
    ) in result.stderr
