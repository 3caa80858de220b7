"""Links that work when shared: a build without SITE_URL writes no loopback
address anywhere and says so once; a build with it prints QR codes that
phones read as the page's public address; without it, share and copy give
the address the reader is on. The two builds are conftest.py's moved_site
(without SITE_URL) and public_site (with it)."""

import gzip
import io
import re
import subprocess
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import quote

import brotli
import jinja2
import pytest

from build_tools.i18n.locales import load_catalogs
from build_tools.reader import page_tools
from project import AS_OF, MOVED, MOVED_TO, PREFIXES, PUBLIC_URL, ROOT, build_env, copy_project, only

ZBARIMG = "/usr/bin/zbarimg"
LOOPBACK = re.compile(rb"127\.0\.0\.1|localhost|\[::1\]", re.I)
GUIDE = MOVED_TO  # MOVED is a redirect page leading to it


def test_without_the_public_address_the_tools_leave_the_address_to_the_browser():
    # As MkDocs' theme environment: no autoescape, the templates escape with `| e`
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))
    catalog = load_catalogs(ROOT / "locales", ["es", "en"], "es", ROOT)["en"]
    tools = page_tools.PageTools(summary_lang="en", text_lang="en", summary=["One point."])
    content = '<h1>T</h1><p><a href="../y/">y</a></p>'
    bare = page_tools.add_tools(content, env, catalog, tools, None, "The aguinaldo", "November 21, 2026")
    assert "data-url" not in bare and "<svg" not in bare and "data-print-url" not in bare
    assert 'href="https://wa.me/?text=The%20aguinaldo"' in bare
    assert "<p>" + catalog.t("print.no_qr").replace("'", "&#39;") + "</p>" in bare
    public = page_tools.add_tools(content, env, catalog, tools, "https://x.org/en/y/", "The aguinaldo", "November 21, 2026")
    assert 'data-url="https://x.org/en/y/"' in public and 'class="dc-qr"' in public and "print.no_qr" not in public
    assert page_tools.whatsapp_link("The aguinaldo", "https://x.org/en/y/") == (
        "https://wa.me/?text=The%20aguinaldo%20https%3A%2F%2Fx.org%2Fen%2Fy%2F"
    )


def every_content(site: Path):
    """(name, bytes) of every file the build wrote: .gz and .br files
    decompressed, each entry of the zip copies on its own."""
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name, data = path.relative_to(site).as_posix(), path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        if path.suffix == ".br":
            data = brotli.decompress(data)
        if path.suffix == ".zip":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for entry in archive.namelist():
                    yield f"{name}:{entry}", archive.read(entry)
            continue
        yield name, data


def loopback_addresses(site: Path) -> list[str]:
    found = []
    for name, data in every_content(site):
        for match in LOOPBACK.finditer(data):
            found.append(f"{name}: ...{data[max(0, match.start() - 60):match.end() + 30]!r}...")
    return found


@pytest.mark.build
def test_a_build_without_site_url_writes_no_loopback_address(moved_site):
    site, _ = moved_site
    # The scan reaches every kind of file the build writes
    names = [name for name, _ in every_content(site)]
    for kind in ("index.html", "sitemap.xml", "search_index.json", "offline.json", ".csp.conf", ".redirects.conf", "sw.js"):
        assert any(name.endswith(kind) for name in names), kind
    assert any(".zip:" in name for name in names) and any(p.suffix == ".gz" for p in site.rglob("*"))
    assert loopback_addresses(site) == []


@pytest.mark.build
def test_a_build_without_site_url_has_no_canonical_and_shares_the_address_read_at(moved_site):
    site, _ = moved_site
    for lang, prefix in PREFIXES.items():
        html = (site / prefix / GUIDE / "index.html").read_text(encoding="utf-8")
        assert 'rel="canonical"' not in html and 'property="og:url"' not in html, lang
        assert "data-dc-share data-title=" in html and "data-url=" not in html, lang
        assert 'class="dc-qr"' not in html and "data-dc-here" in html, lang
        summary = (site / prefix / GUIDE / "resumen/index.html").read_text(encoding="utf-8")
        assert 'rel="canonical"' not in summary and "<svg" not in summary, lang
        moved = (site / prefix / MOVED / "index.html").read_text(encoding="utf-8")
        assert 'rel="canonical"' not in moved and "../aguinaldo/" in moved, lang
    # Without JavaScript the WhatsApp link sends the title (no dead address)
    english = (site / "en" / GUIDE / "index.html").read_text(encoding="utf-8")
    assert 'href="https://wa.me/?text=The%20aguinaldo"' in english
    assert "A QR code would go here, but it needs the site&#39;s public address" in english


@pytest.mark.build
def test_a_build_without_site_url_says_so_once_in_spanish_and_english(moved_site, public_site):
    _, said = moved_site
    lines = [line for line in said.splitlines() if "SITE_URL" in line]
    assert lines == ["WARNING -  " + page_tools.NO_PUBLIC_ADDRESS]
    assert "SITE_URL no está definida" in lines[0] and "SITE_URL is not set" in lines[0]
    assert "SITE_URL" not in public_site[1]


@pytest.mark.build
def test_a_build_with_site_url_uses_it_everywhere(public_site):
    site, _ = public_site
    for lang, prefix in PREFIXES.items():
        url = PUBLIC_URL + prefix + GUIDE
        html = (site / prefix / GUIDE / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{url}">' in html, lang
        assert f'<meta property="og:url" content="{url}">' in html, lang
        assert f'data-url="{url}"' in html and quote(url, safe="") in html, lang
        assert f"<loc>{url}</loc>" in (site / prefix / "sitemap.xml").read_text(encoding="utf-8"), lang
        assert f'<link rel="canonical" href="{url}">' in (site / prefix / MOVED / "index.html").read_text(encoding="utf-8"), lang
    assert loopback_addresses(site) == []


@pytest.mark.build
def test_the_dev_server_shares_the_address_it_is_opened_at(tmp_path):
    """`make serve`: MkDocs gives site_url the server's own loopback address;
    the preview must not write it into what it shares, as a deployed build
    without SITE_URL does not."""
    from build_tools.tooling.bench import _wait_for, start_dev_server, stop_dev_server
    from build_tools.tooling.nginx import free_port

    project = copy_project(tmp_path / "project")
    port = free_port()
    env = build_env({"DC_AS_OF": AS_OF.isoformat(), **only("en"), "SITE_URL": None})
    server = start_dev_server(port, project, env, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/en/{GUIDE}"
    try:
        _wait_for(url, "</html>", 120)
        html = urllib.request.urlopen(url, timeout=10).read()
    finally:
        said = stop_dev_server(server)
    assert b"data-dc-share data-title=" in html and b'rel="canonical"' not in html
    assert not LOOPBACK.search(html), "the preview wrote its own address into the page"
    assert "SITE_URL" not in said  # no deployment here: nothing to warn about


# -- In Chromium, over nginx with the shipped configuration ------------------

@pytest.fixture(scope="module")
def public_served(public_site):
    from browser import require
    from build_tools.tooling import nginx

    require(*nginx.REQUIRED)
    with nginx.serve(public_site[0]) as base:
        yield base


@pytest.fixture(scope="module")
def bare_served(moved_site):
    from browser import require
    from build_tools.tooling import nginx

    require(*nginx.REQUIRED)
    with nginx.serve(moved_site[0]) as base:
        yield base


def decode_qr(png: bytes, tmp_path: Path) -> str:
    image = tmp_path / "qr.png"
    image.write_bytes(png)
    result = subprocess.run([ZBARIMG, "--quiet", "--raw", str(image)], capture_output=True, text=True)
    assert result.returncode == 0, f"no QR code found in the printed page: {result.stderr}"
    return result.stdout.strip()


@pytest.mark.server
@pytest.mark.parametrize("lang", PREFIXES)
def test_the_printed_qr_codes_read_as_the_public_address(public_served, chromium, lang, tmp_path):
    from browser import require

    require(ZBARIMG)
    url = PUBLIC_URL + PREFIXES[lang] + GUIDE
    context = chromium.new_context(device_scale_factor=2)
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(f"{public_served}/{PREFIXES[lang]}{GUIDE}")
        assert decode_qr(page.locator(".dc-print").screenshot(), tmp_path) == url
        page.goto(f"{public_served}/{PREFIXES[lang]}{GUIDE}resumen/")
        assert decode_qr(page.locator(".qr").screenshot(), tmp_path) == url
    finally:
        context.close()


NO_SHARE = "Object.defineProperty(Navigator.prototype, 'share', {value: undefined, configurable: true});"
STUB_SHARE = (
    "window.__shared = [];"
    "Object.defineProperty(Navigator.prototype, 'share', {configurable: true,"
    " value: function (data) { window.__shared.push(data); return Promise.resolve(); }});"
)


@pytest.mark.server
@pytest.mark.parametrize("lang", PREFIXES)
def test_without_site_url_copy_and_share_give_the_address_read_at(bare_served, chromium, lang):
    address = f"{bare_served}/{PREFIXES[lang]}{GUIDE}"
    context = chromium.new_context()
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=bare_served)
        page = context.new_page()
        page.add_init_script(NO_SHARE)
        page.goto(address + "#dc-sources")  # the part after '#' is left out
        title = page.locator("[data-dc-share]").get_attribute("data-title")
        assert page.locator(".dc-share__whatsapp").get_attribute("href") == (
            "https://wa.me/?text=" + quote(f"{title} {address}", safe="")
        )
        page.locator(".dc-share__menu summary").click()  # the menu unfolds the copy button
        page.locator(".dc-share__copy").click()
        page.wait_for_function("() => document.querySelector('.dc-share__status').textContent !== ''")
        assert page.evaluate("navigator.clipboard.readText()") == address
        # Paper says where the page was read
        page.emulate_media(media="print")
        assert address in page.locator(".dc-print").inner_text()

        shared = context.new_page()
        shared.add_init_script(STUB_SHARE)
        shared.goto(address)
        shared.locator(".dc-share__native").click()
        assert shared.evaluate("window.__shared") == [{"title": title, "url": address}]
    finally:
        context.close()


@pytest.mark.server
def test_with_the_qr_codes_every_language_stays_within_the_byte_budget(public_site, chromium):
    """The QR code costs bytes on every page: with the public address set,
    a first visit is still within 64 KB and the next page within 12 KB
    (bytes nginx sends). Measured on the heaviest pages: the longest guide,
    and a Nahuatl guide (Spanish fallback marks; tzo and mix weigh the same
    to within 10 bytes, es and en less: BENCHMARKS.md)."""
    from browser import require
    from build_tools.tooling import nginx, weight

    require(*nginx.REQUIRED)
    site, _ = public_site
    heaviest = [pair for pair in weight.GUIDES if pair[0] in ("/nah/hogar/aguinaldo/", "/hogar/salario/")]
    assert len(heaviest) == 2
    for first, repeat in weight.measure(site, heaviest, log=lambda _: None, browser=chromium):
        assert first.blocked == [] and repeat.blocked == []
        assert 'class="dc-qr"' in (site / first.path.lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert first.bytes <= weight.FIRST_BUDGET, (first.path, first.bytes, first.transfers)
        assert repeat.bytes <= weight.REPEAT_BUDGET, (repeat.path, repeat.bytes, repeat.transfers)
