"""The built site behind a real nginx (Debian) on loopback, with the shipped
configuration: headers, compression, language 404s, load. Chromium loads
every page type under the CSP in tests/test_privacy.py."""

import gzip
import http.client
import re
import subprocess
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import brotli
import pytest

from browser import require
from build_tools import deploy

pytestmark = pytest.mark.server

WRK = "/usr/bin/wrk"


@pytest.fixture(scope="module")
def server(served):
    return served


def get(url: str, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def first_answer(url: str, **headers):
    """Status and headers of the server's own answer (a redirect not followed)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=10)
    try:
        connection.request("GET", parts.path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, response.headers
    finally:
        connection.close()


def test_security_headers_on_every_kind_of_response(server):
    base, site = server
    worker = next((site / "assets/javascripts/workers").glob("search.*.min.js")).name
    stylesheet = next((site / "assets/stylesheets").glob("site.*.min.css")).name
    # Each page's policy holds the hashes of its own inline scripts and styles
    pages = {"/": "index.html", "/en/hogar/aguinaldo/": "en/hogar/aguinaldo/index.html", "/nah/no-existe/": "nah/404.html"}
    workers = ("/sw.js", f"/assets/javascripts/workers/{worker}", "/assets/javascripts/workers/search-stemmed.js")
    files = ("/sitemap.xml", "/assets/images/favicon.svg", f"/assets/stylesheets/{stylesheet}", "/assets/javascripts/share.js")
    _, page_headers, _ = get(base + "/")
    assert "script-src 'self' 'sha256-" in page_headers["Content-Security-Policy"]
    for path in (*pages, *workers, *files):
        _, headers, _ = get(base + path)
        assert headers["Referrer-Policy"] == "no-referrer", path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        page = path in pages
        # Pages and workers (a worker's policy comes from its own response)
        assert ("camera=()" in headers.get("Permissions-Policy", "")) == (page or path in workers), path
        assert (headers.get("Cross-Origin-Opener-Policy") == "same-origin") == page, path
        assert (headers.get("X-Frame-Options") == "DENY") == page, path
        if page:
            html = (site / pages[path]).read_text(encoding="utf-8")
            own = deploy.content_security_policy(sorted(deploy.page_script_hashes(html)), sorted(deploy.page_style_hashes(html)))
            assert headers["Content-Security-Policy"] == own, path
        if path in workers:
            assert headers["Content-Security-Policy"] == "default-src 'self'", path
    # SVG and XML opened on their own may run nothing; scripts and styles get no policy
    assert get(base + "/sitemap.xml")[1]["Content-Security-Policy"] == "default-src 'none'"
    assert get(base + "/assets/images/favicon.svg")[1]["Content-Security-Policy"] == "default-src 'none'"
    assert get(f"{base}/assets/stylesheets/{stylesheet}")[1].get("Content-Security-Policy") is None
    assert get(base + "/assets/javascripts/share.js")[1].get("Content-Security-Policy") is None


def test_csp_allows_no_other_origin_and_no_inline_script(server):
    _, headers, _ = get(server[0] + "/")
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    script_sources = policy["script-src"].split()
    assert "'unsafe-inline'" not in script_sources and "'unsafe-eval'" not in script_sources
    assert all(s == "'self'" or s.startswith("'sha256-") for s in script_sources)
    every_source = " ".join(policy.values()).split()
    assert not [s for s in every_source if "://" in s or s in ("*", "http:", "https:")]


def test_precompressed_files_are_served(server):
    """brotli_static and gzip_static: the bytes are the build's own .br or
    .gz file, by what the browser accepts; caches are told so."""
    base, site = server
    bundle = "assets/javascripts/" + next((site / "assets/javascripts").glob("bundle.*.min.js")).name
    for path, file in (("/hogar/aguinaldo/", "hogar/aguinaldo/index.html"), ("/" + bundle, bundle), ("/sw.js", "sw.js")):
        original = (site / file).read_bytes()
        status, headers, body = get(base + path, **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Encoding"] == "gzip", path
        assert body == (site / f"{file}.gz").read_bytes() and gzip.decompress(body) == original, path
        # What Chromium, Firefox and Safari send
        status, headers, body = get(base + path, **{"Accept-Encoding": "gzip, deflate, br, zstd"})
        assert status == 200 and headers["Content-Encoding"] == "br", path
        assert body == (site / f"{file}.br").read_bytes() and brotli.decompress(body) == original, path
        assert "Accept-Encoding" in ", ".join(headers.get_all("Vary")), path
        _, plain_headers, plain = get(base + path)
        assert plain_headers.get("Content-Encoding") is None and plain == original, path


def test_caching_long_for_hashed_assets_short_for_html(server):
    base, site = server
    bundle = next((site / "assets/javascripts").glob("bundle.*.min.js")).name
    _, asset_headers, _ = get(f"{base}/assets/javascripts/{bundle}")
    max_age = int(re.search(r"max-age=(\d+)", asset_headers["Cache-Control"]).group(1))
    assert max_age >= 365 * 24 * 3600
    for path in ("/", "/en/", "/search/search_index.json"):
        assert get(base + path)[1]["Cache-Control"] == "no-cache", path


LEAN_HEADERS = [
    {"X-DC-Styles": "cached"},  # the worker's own request
    {"Service-Worker-Navigation-Preload": "cached"},  # the browser's, while it starts the worker
]


@pytest.mark.parametrize("lean", LEAN_HEADERS, ids=["worker", "preload"])
def test_the_lean_variant_only_for_the_service_workers_header(server, lean):
    """A phone whose worker has the stylesheet saved gets each page (and each
    language's 404) without the inline first-screen CSS; anyone else the page."""
    base, site = server
    pages = {"/": "index.html", "/en/hogar/aguinaldo/": "en/hogar/aguinaldo/index.html",
             "/hogar/index.html": "hogar/index.html", "/no-existe/": "404.html", "/nah/x/": "nah/404.html"}
    for path, file in pages.items():
        status, headers, body = get(base + path)
        lean_status, lean_headers, lean_body = get(base + path, **lean)
        assert status == lean_status, path
        assert body == (site / file).read_bytes() and b"<style>" in body, path
        assert lean_body == (site / deploy.lean_path(file)).read_bytes() and b"<style>" not in lean_body, path
        # Caches keep the two apart, whichever header chose
        for response in (headers, lean_headers):
            vary = ", ".join(response.get_all("Vary"))
            assert "X-DC-Styles" in vary and "Service-Worker-Navigation-Preload" in vary, path
        # The page's own policy: the same scripts
        assert lean_headers["Content-Security-Policy"] == headers["Content-Security-Policy"], path
    # Compressed by the build, like the page
    zipped = get(base + "/en/hogar/aguinaldo/", **lean, **{"Accept-Encoding": "gzip"})[2]
    assert zipped == (site / "en/hogar/aguinaldo/index.lean.html.gz").read_bytes()
    # Another value of the header (the preload's default is "true"), or none: the page
    (name,) = lean
    for value in ("no", "true", "cachedx", "x,cached"):
        assert b"<style>" in get(base + "/en/", **{name: value})[2], value
    # A folder without its slash is still sent to it, with or without the header
    for headers in ({}, lean):
        status, response = first_answer(base + "/hogar", **headers)
        assert status == 301 and response["Location"].endswith("/hogar/")
    # Files other than pages do not vary by it
    stylesheet = next((site / "assets/stylesheets").glob("site.*.min.css")).name
    _, css_headers, _ = get(f"{base}/assets/stylesheets/{stylesheet}", **lean)
    assert "X-DC-Styles" not in (css_headers.get_all("Vary") or [])


@pytest.mark.parametrize("path, lang", [("/no-existe/", "es"), ("/en/no-such-page/", "en"), ("/nah/x/", "nah"), ("/tzo/x/", "tzo"), ("/mix/x/", "mix")])
def test_404_page_in_the_language_of_the_prefix(server, path, lang):
    status, _, body = get(server[0] + path)
    assert status == 404
    assert f'<html lang="{lang}"'.encode() in body


def test_build_files_are_not_served(server):
    assert get(server[0] + "/.csp.conf")[0] == 404


def test_bounded_load_serves_without_errors(server):
    require(WRK)
    base, _ = server
    result = subprocess.run(
        [WRK, "--threads", "2", "--connections", "16", "--duration", "3s", "--timeout", "2s", base + "/hogar/aguinaldo/"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Non-2xx or 3xx responses" not in result.stdout
    assert "Socket errors" not in result.stdout
    assert int(re.search(r"(\d+) requests in", result.stdout).group(1)) > 0
