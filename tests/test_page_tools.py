"""What the build adds around a page (build_tools.reader.page_tools), without MkDocs."""

import dataclasses

import jinja2
import pytest
from mkdocs.exceptions import PluginError

from build_tools.errors import ContentError
from build_tools.facts import load_facts
from build_tools.facts.rendering import RenderContext
from build_tools.i18n.languages import babel_locale
from build_tools.i18n.locales import load_catalogs
from build_tools.reader import offline, page_tools
from build_tools.reader.audio import Audio
from project import AS_OF, ROOT

FACTS = load_facts(ROOT / "facts", ROOT)
CATALOGS = load_catalogs(ROOT / "locales", ["es", "en"], "es", ROOT)


def context(lang="es", catalog=None):
    catalog = catalog or CATALOGS[lang]
    return RenderContext(lang, babel_locale(lang, {"es": "es_MX", "en": "en_US"}[lang]), catalog, AS_OF, footnotes=False)


def without(key):
    """The Spanish strings without one key."""
    strings = {**CATALOGS["es"].strings, "site": {k: v for k, v in CATALOGS["es"].strings["site"].items() if k != key}}
    return dataclasses.replace(CATALOGS["es"], strings=strings)


def test_summary_phones_must_be_phone_facts_with_a_label():
    page_tools.check_summary_phones(["profedet.telefono"], FACTS, CATALOGS["es"], "locales/es.yml")
    with pytest.raises(PluginError, match="'aguinaldo.dias' is not a phone fact"):
        page_tools.check_summary_phones(["aguinaldo.dias"], FACTS, CATALOGS["es"], "locales/es.yml")
    with pytest.raises(PluginError, match=r"locales/es.yml: add 'summary.phone.imss.telefono'"):
        page_tools.check_summary_phones(["imss.telefono"], FACTS, without("summary.phone.imss.telefono"), "locales/es.yml")


def test_help_lines_have_their_label_and_a_phone_link():
    lines = page_tools.help_lines([FACTS["aguinaldo.dias"]], ["profedet.telefono"], FACTS, context("en"), "docs/en/x.md", "locales/es.yml")
    assert [label for label, _ in lines] == [CATALOGS["en"].t("summary.phone.profedet.telefono")]
    assert 'href="tel:+52' in lines[0][1]


def test_a_phone_the_guide_gives_needs_its_label():
    with pytest.raises(ContentError) as error:
        catalog = without("summary.phone.imss.telefono")
        page_tools.help_lines([FACTS["imss.telefono"]], [], FACTS, context(catalog=catalog), "docs/es/x.md", "locales/es.yml")
    assert str(error.value) == (
        "locales/es.yml: add 'summary.phone.imss.telefono': docs/es/x.md gives this phone number, "
        "and printed summaries need its label"
    )


def test_an_audio_file_left_out_of_the_site_stops_the_build(tmp_path):
    found = Audio(tmp_path / "audio/a.mp3", None, "4:30", 340_000, "audio/mpeg")
    with pytest.raises(ContentError, match=r"^docs/es/x.md:3: the audio file audio/a.mp3 is not published"):
        page_tools.audio_player(found, None, "hogar/x/", context(), "docs/es/x.md", 3, tmp_path)
    player = page_tools.audio_player(found, "audio/a.mp3", "hogar/x/", context(), "docs/es/x.md", 3, tmp_path)
    assert (player.href, player.duration) == ("../../audio/a.mp3", "4:30")
    assert player.size.startswith("340") and player.size == offline.format_size(340_000, context().locale)


def test_a_page_where_a_summary_goes_is_named_with_the_guide():
    pages = [("hogar/x/", "docs/es/hogar/x.md", True), ("hogar/x/resumen/", "docs/es/hogar/x/resumen.md", False),
             ("hogar/y/", "docs/es/hogar/y.md", False), ("hogar/y/resumen/", "docs/es/hogar/y/resumen.md", False)]
    assert [str(p) for p in page_tools.summary_clashes(pages)] == [
        "docs/es/hogar/x/resumen.md: this page's address is where the printable summary of docs/es/hogar/x.md goes; rename one",
    ]


def test_tools_go_under_the_title_and_the_print_footer_at_the_end():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=True)
    tools = page_tools.PageTools(summary_lang="es", text_lang="es", summary=["Una frase."])
    html = page_tools.add_tools('<h1>T</h1><p><a href="../y/">y</a></p>', env, CATALOGS["es"], tools, "https://x.org/hogar/x/", "T", "21 de noviembre de 2026")
    head, rest = html.split("</h1>", 1)
    assert head == "<h1>T"
    assert rest.startswith('<div class="dc-tools"') and 'href="resumen/"' in rest
    assert 'data-print-url="https://x.org/hogar/y/"' in rest
    assert rest.rstrip().endswith("</aside>") and "21 de noviembre de 2026" in rest


@pytest.mark.parametrize("page_path, page_url, expected", [
    ("hogar/aguinaldo.md", "hogar/aguinaldo/", "../../assets/javascripts/listen.js"),
    ("campo/index.md", "campo/", "../assets/javascripts/listen.js"),
    ("fabrica/salario.md", "nah/fabrica/salario/", "../../../assets/javascripts/listen.js"),
    ("empleadores/index.md", "en/empleadores/", "../../assets/javascripts/listen.js"),
    ("ayuda/index.md", "ayuda/", "../assets/javascripts/listen.js"),
    ("index.md", "", None),
    ("participa/traducir.md", "participa/traducir/", None),
    ("calculadoras/aguinaldo.md", "calculadoras/aguinaldo/", None),
])
def test_guides_and_the_help_page_read_themselves_aloud(page_path, page_url, expected):
    assert page_tools.listen_script(page_path, page_url, has_recording=False) == expected


def test_a_page_with_a_recording_plays_it_instead_of_the_phones_voice():
    assert page_tools.listen_script("hogar/aguinaldo.md", "hogar/aguinaldo/", has_recording=True) is None


def test_the_listen_control_is_hidden_until_the_script_finds_a_voice():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=True)
    tools = page_tools.PageTools("es", "es", listen_script="../../assets/javascripts/listen.js")
    html = env.get_template("partials/page-tools.html").render(
        t=CATALOGS["en"].t, url="https://example.org/x/", title="x", tools=tools, whatsapp="", summary_href=None, status_lang=None,
    )
    # share.js fetches the script only where the phone has a voice for the language
    assert ('<div class="dc-listen" data-dc-listen data-script="../../assets/javascripts/listen.js" role="group" '
            'aria-label="Listen to this page in your phone&#39;s voice" hidden>') in html
    assert "<script" not in html
    assert ">Listen</span>" in html and ">Pause</span>" in html and ">Resume</span>" in html and ">Stop</button>" in html
    plain = env.get_template("partials/page-tools.html").render(
        t=CATALOGS["en"].t, url="https://example.org/x/", title="x", tools=page_tools.PageTools("es", "es"), whatsapp="", summary_href=None, status_lang=None,
    )
    assert "dc-listen" not in plain and "listen.js" not in plain
