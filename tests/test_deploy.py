"""build_tools.deploy without MkDocs: the built site read once, gzip files and the CSP."""

import base64
import gzip
import hashlib
import json
import io
import re
import zipfile

import brotli
import pytest
from babel import Locale

from build_tools import deploy
from build_tools.i18n.locales import load_catalogs
from build_tools.reader import offline
from project import ROOT

MTIME = 1_795_219_200
SCRIPT = "document.body.dataset.ready = 1"


def csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    files = {
        "index.html": f"<html><head><script>{SCRIPT}</script></head><body>{'x' * 400}</body></html>",
        "en/index.html": (
            '<html><head><script src="../assets/app.js"></script>'
            '<script type="application/ld+json">{"a": 1}</script>'
            f"<script>{SCRIPT}</script><script>\r\nwindow.a = 1\r\n</script></head><body></body></html>"
        ),
        "assets/app.js": "a" * 300,
        "assets/small.css": "b{}",
        "assets/logo.png": "p" * 400,
        "search/search_index.json": json.dumps({"config": {"lang": ["es"]}, "docs": []}),
    }
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(text.encode("utf-8"))
    return root


def test_built_site_lists_files_in_pathlib_order(site):
    (site / "assets-old").mkdir()
    (site / "assets-old/x.js").write_text("x")
    files = deploy.BuiltSite(site)
    assert files.paths() == [p.relative_to(site).as_posix() for p in sorted(site.rglob("*")) if p.is_file()]
    assert "assets/app.js" in files and "assets" not in files
    assert files.size("assets/app.js") == 300 and files.text("assets/small.css") == "b{}"


def test_write_puts_the_file_on_disk_and_in_the_list(site):
    files = deploy.BuiltSite(site)
    files.write("new/ñ.txt", "ñ")
    assert (site / "new/ñ.txt").read_bytes() == "ñ".encode("utf-8") == files.bytes("new/ñ.txt")
    assert "new/ñ.txt" in files.paths() and files.text("new/ñ.txt") == "ñ"
    files.write("assets/small.css", b"c{}")
    assert files.text("assets/small.css") == "c{}"  # not the text read before


def test_precompress_writes_reproducible_gzip_and_brotli_of_text_files_only(site):
    files = deploy.BuiltSite(site)
    assert deploy.precompress(files, MTIME) == 2  # index.html, app.js; not small, not png
    assert sorted(p for p in files.paths() if deploy.is_compressed_copy(p)) == [
        "assets/app.js.br", "assets/app.js.gz", "index.html.br", "index.html.gz",
    ]
    for path in ("index.html", "assets/app.js"):
        assert brotli.decompress(files.bytes(path + ".br")) == (site / path).read_bytes()
        assert (site / f"{path}.br").read_bytes() == files.bytes(path + ".br")
    data = (site / "index.html.gz").read_bytes()
    assert gzip.decompress(data) == (site / "index.html").read_bytes()
    assert data == files.bytes("index.html.gz")
    # No file name, the given date: the same bytes on every build
    assert data[3] & 0x08 == 0 and int.from_bytes(data[4:8], "little") == MTIME
    assert deploy.BuiltSite(site).bytes("index.html.gz") == data


def test_precompress_on_several_cores_writes_what_one_file_at_a_time_does(tmp_path):
    """Compressed in threads, written in order: the same files and bytes as
    compress() on each file in turn, first-visit files (zopfli, brotli 11) included."""
    texts = {f"p/{n:03}/index.html": f"<p>{'página ' * (40 + n)}</p>" for n in range(40)}
    texts.update({"assets/javascripts/bundle.0123abcd.min.js": "var a=1;" * 400, "sw.js": "self;" * 300,
                  "assets/small.css": "b{}", "assets/logo.png": "p" * 400})
    folders = {}
    for name in ("threads", "one_by_one"):
        for path, text in texts.items():
            (tmp_path / name / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name / path).write_text(text, encoding="utf-8")
        folders[name] = deploy.BuiltSite(tmp_path / name)
    assert deploy.precompress(folders["threads"], MTIME) == 42
    assert sum(deploy.compress(folders["one_by_one"], path, MTIME) for path in folders["one_by_one"].paths()) == 42
    written = {name: {p.relative_to(tmp_path / name).as_posix(): p.read_bytes() for p in (tmp_path / name).rglob("*") if p.is_file()}
               for name in folders}
    assert written["threads"] == written["one_by_one"] and len(written["threads"]) == len(texts) + 84
    assert folders["threads"].paths() == folders["one_by_one"].paths()


def test_csp_hashes_the_inline_scripts_a_browser_runs(site):
    policy = deploy.write_csp(deploy.BuiltSite(site))
    # Each distinct script once; not src= nor JSON data; CR LF read as LF, as browsers parse it
    script_src = policy.split("script-src ")[1].split(";")[0].split()
    assert script_src == ["'self'", *sorted([csp_hash(SCRIPT), csp_hash("\nwindow.a = 1\n")])]
    conf = (site / deploy.CSP_FILE).read_text()
    assert f'    default "{policy}";' in conf
    # Each page with its own hashes only: index.html runs one of the two scripts
    own = deploy.content_security_policy([csp_hash(SCRIPT)])
    assert f'    "/index.html" "{own}";' in conf and own != policy


def test_the_deploy_steps_never_read_a_file_again(site):
    """Everything after MkDocs works from the bytes read once: with the
    files gone from disk, the steps still run and write the same output."""
    catalogs = load_catalogs(ROOT / "locales", ["es"], "es")
    languages = [offline.Language("es", "", "Español", Locale.parse("es_MX"), catalogs["es"])]
    (site / "404.html").write_text('<html><head><title>x</title></head><body><article class="md-content__inner md-typeset"></article></body></html>')
    files = deploy.BuiltSite(site)
    for path in files.paths():
        (site / path).unlink()
    deploy.write_csp(files)
    deploy.precompress(files, MTIME)
    for path in offline.publish(files, languages, "https://example.org/", MTIME, ROOT / "overrides"):
        deploy.compress(files, path, MTIME)
    written = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    # en/index.html is under MIN_SIZE: no .gz
    assert written == {
        deploy.CSP_FILE, "index.html.gz", "index.html.br", "assets/app.js.gz", "assets/app.js.br",
        "sw.js", "sw.js.gz", "sw.js.br", "offline.json", "offline.json.gz", "offline.json.br",
        "derechos-claros-es.zip",
    }
    manifest = json.loads((site / "offline.json").read_text(encoding="utf-8"))
    assert {f["url"]: f["bytes"] for f in manifest["files"]}["./"] == files.size("index.html.gz")


def test_collapse_whitespace_keeps_what_a_reader_sees():
    html = (
        '<ul>\n    <li>\n      <a title="a\n   b > c" href="x">Uno</a>\n    </li>\n\n  </ul>\n'
        "<p>dos\xa0\n   tres <code>a\n    b</code></p>\n<pre>\n    cuatro\n</pre>\n"
        "<script>\n  var a = 1\n    + 2\n</script>\n<!-- \n   -->\n<textarea>\n  t</textarea>"
    )
    assert deploy.collapse_whitespace(html) == (
        '<ul>\n<li>\n<a title="a\n   b > c" href="x">Uno</a>\n</li>\n</ul>\n'
        "<p>dos\xa0\ntres <code>a\n    b</code></p>\n<pre>\n    cuatro\n</pre>\n"
        "<script>\n  var a = 1\n    + 2\n</script>\n<!-- \n   -->\n<textarea>\n  t</textarea>"
    )
    # One line and spaces in a line are left alone
    assert deploy.collapse_whitespace("<p>a  b</p> <p>c</p>") == "<p>a  b</p> <p>c</p>"


def test_merge_scripts_makes_one_request_in_the_first_ones_place(tmp_path):
    (tmp_path / "js").mkdir()
    (tmp_path / "guia").mkdir()
    for name in ("a", "b", "c"):
        (tmp_path / f"js/{name}.js").write_text(f"run('{name}')", encoding="utf-8")
    scripts = '<script src="../js/a.js" defer></script>\n<script src="../js/m.js" defer></script>\n<script src="../js/b.js" defer></script>\n<script src="../js/c.js" defer></script>\n'
    (tmp_path / "guia/index.html").write_text(f"<body>{scripts}</body>", encoding="utf-8")
    (tmp_path / "solo.html").write_text('<body><script src="js/c.js" defer></script></body>', encoding="utf-8")
    site = deploy.BuiltSite(tmp_path)
    output = deploy.merge_scripts(site, ["js/a.js", "js/b.js", "js/c.js"], "reader")
    assert re.fullmatch(r"assets/javascripts/reader\.[0-9a-f]{8}\.min\.js", output)
    # In order, each ended, so that one's last line cannot join the next one's first
    assert site.text(output) == "run('a')\n;\nrun('b')\n;\nrun('c')\n;\n"
    assert site.text("guia/index.html") == (
        f'<body><script src="../{output}" defer></script>\n<script src="../js/m.js" defer></script>\n</body>'
    )
    # 404.html, served at any address, links from the root: so does the merged file
    (tmp_path / "404.html").write_text(scripts.replace("../", "/"), encoding="utf-8")
    site = deploy.BuiltSite(tmp_path)
    deploy.merge_scripts(site, ["js/a.js", "js/b.js", "js/c.js"], "reader")
    assert site.text("404.html").startswith(f'<script src="/{output}" defer></script>')
    # A page without them all keeps its scripts
    assert site.text("solo.html") == '<body><script src="js/c.js" defer></script></body>'


def test_source_maps_are_not_published(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets/bundle.min.js").write_text("x;\n//# sourceMappingURL=bundle.min.js.map\n")
    (tmp_path / "assets/bundle.min.js.map").write_text('{"sources": ["http://localhost:8000/src"]}')
    site = deploy.BuiltSite(tmp_path)
    assert deploy.drop_source_maps(site) == ["assets/bundle.min.js.map"]
    assert site.paths() == ["assets/bundle.min.js"]
    assert not (tmp_path / "assets/bundle.min.js.map").exists()


def test_own_scripts_lose_comments_and_indentation_but_not_their_strings(tmp_path):
    (tmp_path / "a.js").write_text('// why\nfunction f() {\n  /* note */\n  return "  // kept  ";\n}\n', encoding="utf-8")
    site = deploy.BuiltSite(tmp_path)
    deploy.minify_scripts(site, ["a.js", "missing.js"])
    assert site.text("a.js") == 'function f(){return"  // kept  ";}'
    assert (tmp_path / "a.js").read_text(encoding="utf-8") == site.text("a.js")


def test_first_visit_files_get_the_smaller_gzip_and_brotli(tmp_path):
    text = "".join(f".md-x{n}{{color:#{n:06x};margin:{n % 7}px}}\n" for n in range(2000))
    for name in ("site.0123abcd.min.css", "plain.css"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    site = deploy.BuiltSite(tmp_path)
    assert deploy.precompress(site) == 2
    fingerprinted, plain = site.bytes("site.0123abcd.min.css.gz"), site.bytes("plain.css.gz")
    assert gzip.decompress(fingerprinted) == gzip.decompress(plain) == text.encode()
    assert len(fingerprinted) < len(plain)
    best, fast = site.bytes("site.0123abcd.min.css.br"), site.bytes("plain.css.br")
    assert brotli.decompress(best) == brotli.decompress(fast) == text.encode()
    # Brotli at its best setting beats zopfli, and its fast one beats gzip 9
    assert len(best) < len(fast) < len(plain) and len(best) < len(fingerprinted)


SHEET = "assets/stylesheets/site.0123abcd.min.css"


def styled_page(href: str, body: str = "") -> str:
    return (
        f"<html><head><title>t</title><script>{SCRIPT}</script>\n<style>p{{color:red}}</style>\n</head>"
        f'<body><article class="md-content__inner md-typeset"><p>{"x" * 300}</p></article>{body}\n'
        f'<link rel="stylesheet" href="{href}">\n</body></html>'
    )


def test_lean_page_links_the_stylesheet_where_the_inline_style_was():
    html = styled_page("../assets/stylesheets/site.0123abcd.min.css")
    lean = deploy.lean_page(html, "guia/index.html", SHEET)
    link = '<link rel="stylesheet" href="../assets/stylesheets/site.0123abcd.min.css">'
    # The one change: the end link moved to the style's place (the sheet applied once, where the inline rules were)
    assert lean == html.replace("<style>p{color:red}</style>", link).replace(f"\n{link}\n</body>", "\n</body>")
    assert "<style" not in lean and lean.count(link) == 1
    # A style between them: the end link stays, so the sheet still comes after it
    between = styled_page("/" + SHEET, body="<style>q{}</style>")
    kept = deploy.lean_page(between, "404.html", SHEET)
    assert kept.count(f'<link rel="stylesheet" href="/{SHEET}">') == 2 and "<style>p{" not in kept
    # Nothing to swap: no inline style, or no link to this stylesheet
    assert deploy.lean_page(html.replace("<style>p{color:red}</style>", ""), "guia/index.html", SHEET) is None
    assert deploy.lean_page(html, "guia/index.html", "assets/other.css") is None


def test_lean_pages_sit_beside_their_pages_and_are_no_pages_of_their_own(tmp_path):
    catalogs = load_catalogs(ROOT / "locales", ["es"], "es")
    languages = [offline.Language("es", "", "Español", Locale.parse("es_MX"), catalogs["es"])]
    files = {
        "index.html": styled_page(SHEET),
        "guia/index.html": styled_page("../" + SHEET),
        "404.html": styled_page("/" + SHEET),
        "plain/index.html": f"<html><head></head><body>{'x' * 300}</body></html>",
        SHEET: "p{color:red}" * 30,
    }
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    site = deploy.BuiltSite(tmp_path)
    policy = deploy.write_csp(site)
    assert sorted(deploy.write_lean_pages(site, SHEET)) == ["404.lean.html", "guia/index.lean.html", "index.lean.html"]
    assert deploy.lean_page(files["guia/index.html"], "guia/index.html", SHEET) == site.text("guia/index.lean.html")
    deploy.precompress(site, MTIME)
    assert gzip.decompress(site.bytes("guia/index.lean.html.gz")) == site.bytes("guia/index.lean.html")
    for path in offline.publish(site, languages, "https://example.org/", MTIME, ROOT / "overrides", SHEET):
        deploy.compress(site, path, MTIME)
    # Not in the CSP map (nginx gives them their page's policy), the download list or the zip
    conf = site.text(deploy.CSP_FILE)
    assert ".lean" not in conf and '"/guia/index.html"' in conf
    assert deploy.write_csp(site) == policy  # their pages' hashes, nothing else
    manifest = json.loads(site.text("offline.json"))
    assert not [f for f in manifest["files"] if "lean" in f["url"]] and any(f["url"] == "guia/" for f in manifest["files"])
    with zipfile.ZipFile(io.BytesIO(site.bytes("derechos-claros-es.zip"))) as archive:
        names = archive.namelist()
    assert not [name for name in names if "lean" in name] and any(name.endswith("guia/index.html") for name in names)
    # The worker knows which stylesheet the lean pages link
    assert f'const STYLESHEET="{SHEET}";' in site.text("sw.js")
