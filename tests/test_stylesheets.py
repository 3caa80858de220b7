"""The deploy step's stylesheets (build_tools/reader/stylesheets.py): unused
rules purged, the first screen's rules chosen for inline, pages rewritten.
Plain functions on small pages; no MkDocs."""

from build_tools import deploy
from build_tools.reader import stylesheets as css

PAGE = """<!doctype html><html lang="es" class="no-js"><head><link rel="stylesheet" href="../a.css">
<link rel="stylesheet" href="../b.css"><title>t</title></head>
<body dir="ltr"><header class="top">Derechos</header>
<div class="drawer"><nav class="menu"><a class="menu__link">uno</a></nav></div>
<p class="note" hidden><span class="note__text">oculto</span></p>
<article><h1>Título</h1><p class="intro">{intro}</p><p class="later">{later}</p></article>
<footer class="foot">pie</footer><div class="bar">barra</div></body></html>"""


def page(intro="x" * 100, later="y" * 100):
    return css.html_tree(PAGE.format(intro=intro, later=later))


def selectors(rules):
    return [s for rule in rules if isinstance(rule, css.Rule) for s in rule.selector_text]


def test_purge_keeps_what_pages_or_scripts_use():
    rules = css.parse(
        ":root{--used:1px;--unused:2px;--chain:var(--used)}"
        ".top{margin:var(--chain)}.gone{color:red}.top .gone,.intro{color:blue}"
        ".js-added{animation:spin 1s}@keyframes spin{to{opacity:0}}@keyframes never{to{opacity:1}}"
        "[data-x=teal]{color:teal}[data-x=indigo]{color:indigo}.intro:not(.absent){color:red}.zz:not(.intro){color:red}"
    )
    tokens = css.page_tokens(page()) | css.script_tokens('el.classList.add("js-added")') | {"data-x", "teal"}
    kept = css.purge(rules, tokens)
    assert selectors(kept) == [":root", ".top", ".intro", ".js-added", "[data-x=teal]", ".intro:not(.absent)"]
    out = css.serialize(kept)
    assert "--used:1px" in out and "--chain" in out and "--unused" not in out
    assert "@keyframes spin" in out and "never" not in out


def test_media_queries_at_phone_widths():
    assert css.media_applies("screen and (max-width:76.234375em)", 360)
    assert not css.media_applies("screen and (min-width:60em)", 959)
    assert not css.media_applies("print", 360)
    assert not css.media_applies("(max-resolution:1dppx)", 360)
    assert css.media_applies("(hover:none),(pointer:coarse)", 360)
    assert not css.media_applies("(prefers-reduced-motion)", 360)


def test_first_screen_rules_style_what_a_phone_shows_first():
    rules = css.parse(
        "body{margin:0}.top{height:3rem;transition:all 1s;cursor:pointer}"
        "@media screen and (max-width:76em){.drawer{position:fixed;left:-12rem}}"
        "@media screen and (min-width:60em){.top{height:4rem}}"
        ".menu__link{display:block;padding:1rem}.note__text{font-weight:700}"
        ".intro{font-size:1rem}.later{font-size:2rem}.foot{padding:1rem}.bar{position:fixed;bottom:0}"
        "@media print{.intro{color:#000}}.intro:hover{color:red}"
    )
    chosen = css.first_screen_rules(rules, [page(intro="x" * 100, later="y" * 100)], chars=50)
    out = css.serialize(chosen)
    # The header, the rule that moves the drawer off the screen, the first text, a fixed bar
    assert selectors(chosen) == ["body", ".top", ".drawer", ".intro", ".bar"]
    # Not: what is inside the hidden drawer or the hidden note, text below the
    # first screen, the footer, desktop widths, print, hover, transitions
    assert "4rem" not in out and "transition" not in out and "cursor" not in out and "#000" not in out
    # Enough text on the first screen: the second paragraph is needed too
    assert ".later" in selectors(css.first_screen_rules(rules, [page(intro="x" * 10)], chars=50))


def test_a_fixed_or_sticky_element_deep_below_the_first_screen_still_counts():
    """Below the first screen only what can be fixed or sticky is looked at;
    it is found whether its rule names an id, a class, a tag or no key."""
    below = "<section><div><p class='deep'>x</p>{}</div></section>"
    keyed = "#chat{position:fixed}.pin{position:sticky !important}aside{position:fixed}.pin b{color:red}"
    others = ".deep{color:blue}.foot{padding:1rem}"
    for fixed, element, expected in [
        (keyed, "<span id='chat'>c</span>", ["#chat"]),
        (keyed, "<div class='pin x'><b>b</b></div>", [".pin", ".pin b"]),
        (keyed, "<aside>a</aside>", ["aside"]),
        (keyed, "<i>nothing fixed</i>", []),
        ("[data-dock]{position:fixed}", "<i data-dock>d</i>", ["[data-dock]"]),
        ("[data-dock]{position:fixed}", "<i>nothing fixed</i>", []),
    ]:
        tree = css.html_tree(PAGE.format(intro="x" * 100, later="y" * 100).replace("</body>", below.format(element) + "</body>"))
        chosen = selectors(css.first_screen_rules(css.parse(fixed + others), [tree], chars=50))
        # Nothing else below the first screen counts (PAGE's .bar has no rule here)
        assert chosen == expected, element


def test_pages_get_the_inline_style_and_the_rest_after_the_body():
    html = PAGE.format(intro="i", later="l")
    out = css.rewrite_page(html, "guia/index.html", ["a.css", "b.css"], ".top{height:1px}", "assets/site.0123abcd.min.css")
    head, body = out.split("</head>")
    assert "<style>.top{height:1px}</style>" in head and "stylesheet" not in head
    assert body.endswith('<link rel="stylesheet" href="../assets/site.0123abcd.min.css">\n</body></html>')


def test_optimise_a_built_site_and_hash_its_style_for_the_csp(tmp_path):
    (tmp_path / "guia").mkdir()
    (tmp_path / "guia/index.html").write_text(PAGE.format(intro="i", later="l"), encoding="utf-8")
    (tmp_path / "a.css").write_text(".top{height:3rem}.unused{color:red}", encoding="utf-8")
    (tmp_path / "b.css").write_text(".foot{padding:1px}", encoding="utf-8")
    (tmp_path / "app.js").write_text('x.className="foot"', encoding="utf-8")
    site = deploy.BuiltSite(tmp_path)
    output = css.optimise(site)
    assert site.text(output) == ".top{height:3rem}.foot{padding:1px}"
    assert "<style>.top{height:3rem}</style>" in site.text("guia/index.html")
    policy = deploy.content_security_policy(deploy.inline_script_hashes(site), deploy.inline_style_hashes(site))
    style_src = policy.split("style-src ")[1].split(";")[0].split()
    assert style_src[0] == "'self'" and len(style_src) == 2 and style_src[1].startswith("'sha256-")
    assert "unsafe-inline" not in policy


def test_each_group_of_pages_gets_only_its_own_first_screen_rules(tmp_path):
    # Each page has one of the two classes
    for folder, absent in (("guia", "later"), ("en/guide", "intro")):
        (tmp_path / folder).mkdir(parents=True)
        html = PAGE.format(intro="i", later="l").replace(f'class="{absent}"', 'class="other"').replace("../", "../" * folder.count("/") + "../")
        (tmp_path / folder / "index.html").write_text(html, encoding="utf-8")
    (tmp_path / "a.css").write_text(".top{height:3rem}.intro{color:red}.later{color:blue}", encoding="utf-8")
    (tmp_path / "b.css").write_text("", encoding="utf-8")
    site = deploy.BuiltSite(tmp_path)
    css.optimise(site, group=lambda path: "en" if path.startswith("en/") else "es")
    assert "<style>.top{height:3rem}.intro{color:red}</style>" in site.text("guia/index.html")
    assert "<style>.top{height:3rem}.later{color:blue}</style>" in site.text("en/guide/index.html")
    assert len(deploy.inline_style_hashes(site)) == 2


def test_script_words_of_markup_families_count_only_where_a_page_has_that_markup():
    scripts = {"tabbed-button", "md-annotation__index", "warning", "note", "md-search__input", "hidden"}
    # No page has tabs, annotations or warnings: their styles can go
    assert css.markup_only(scripts, {"note", "md-typeset"}) == {"note", "md-search__input", "hidden"}
    # Palette colours: only those of the page's palette
    assert css.markup_only({"red", "teal", "md-nav"}, {"teal"}) == {"teal", "md-nav"}
    # A page with content tabs keeps what the bundle adds to them
    assert "tabbed-button" in css.markup_only(scripts, {"tabbed-labels"})
    # Tooltips and the version selector only when a feature or setting asks
    scripts = {"md-tooltip", "md-tooltip__inner", "md-version__current", "md-nav"}
    assert css.markup_only(scripts, set()) == {"md-nav"}
    assert css.markup_only(scripts, set(), ["content.tooltips", "version"]) == scripts
    assert css.markup_only(scripts, {"annotate"}) == {"md-tooltip", "md-tooltip__inner", "md-nav"}


def test_a_page_linked_from_the_root_gets_the_rest_from_the_root():
    """404.html is served at any missing address: its links start at /."""
    html = PAGE.format(intro="i", later="l").replace("../", "/")
    out = css.rewrite_page(html, "404.html", ["a.css", "b.css"], ".top{height:1px}", "assets/site.0123abcd.min.css")
    assert out.endswith('<link rel="stylesheet" href="/assets/site.0123abcd.min.css">\n</body></html>')


def test_icons_drawn_out_of_the_flow_are_left_to_the_file():
    rules = css.parse(".intro{padding-left:2rem}.intro:before{position:absolute;width:1rem;content:''}.top:after{display:block;height:1px;content:''}")
    chosen = css.first_screen_rules(rules, [page()])
    assert selectors(chosen) == [".intro", ".top:after"]
