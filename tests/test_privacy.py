"""Privacy in Chromium over the served site: every page type in every
language (tests/site_pages.py) loads with no request to any other origin, no
failed request and no CSP violation, including what Material's JavaScript
fetches after load and when the search is opened."""

from urllib.parse import urlsplit

import pytest

from site_pages import MATRIX, MATRIX_IDS, open_search, visit

pytestmark = pytest.mark.server

# Schemes that never reach the network
LOCAL_SCHEMES = ("data", "blob", "about")
SEARCH_QUERY = "aguinaldo"


@pytest.mark.parametrize("page_type, lang, prefix", MATRIX, ids=MATRIX_IDS)
def test_no_request_leaves_the_site_or_fails(served, chromium, page_type, lang, prefix):
    base, _ = served
    origin = urlsplit(base)[:2]
    url = base + prefix + page_type.path
    foreign, failed, csp = [], [], []

    def on_request(request):
        parts = urlsplit(request.url)
        if parts.scheme not in LOCAL_SCHEMES and parts[:2] != origin:
            foreign.append(request.url)

    def on_response(response):
        deliberate = response.url == url and response.status == page_type.status
        if response.status >= 400 and not deliberate:
            failed.append(f"{response.url}: HTTP {response.status}")

    # On the context, so that requests from workers are seen too
    context = chromium.new_context()
    context.on("request", on_request)
    context.on("response", on_response)
    context.on("requestfailed", lambda request: failed.append(f"{request.url}: {request.failure}"))
    page = context.new_page()
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        visit(page, base, prefix, page_type)
        if page_type.theme and not page_type.search:
            open_search(page, SEARCH_QUERY)  # starts Material's search worker and index
        page.wait_for_load_state("networkidle")
        csp += page.evaluate("window.__csp")
    finally:
        context.close()
    assert foreign == [], f"{url} made requests to other origins"
    assert failed == [], f"{url} had failed requests"
    assert csp == [], f"{url} broke the Content-Security-Policy"
