"""Offline reading in Chromium: the service worker, the "save for offline"
control and the zip copy opened from file://.

Each test serves its own copy of the deployed site with nginx and stops
nginx to cut the connection (as well as Playwright's offline switch), so a
page read afterwards can only come from the phone. The weak-signal tests put
a proxy in front of nginx that accepts connections and never answers
(tests/weak_signal.py).
"""

import contextlib
import json
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from build_tools import deploy
from build_tools.i18n.locales import load_catalogs
from build_tools.reader import offline
from build_tools.tooling import nginx
from project import LANGUAGES, ROOT, SOURCE_LANG
from weak_signal import WeakSignal

pytestmark = pytest.mark.server

WAIT = 15000


def heading(md: Path) -> str:
    """A page's title, read from its Markdown."""
    return next(line[2:].split("{", 1)[0].strip() for line in md.read_text(encoding="utf-8").splitlines() if line.startswith("# "))


@pytest.fixture
def site_copy(served, tmp_path):
    _, site = served
    return Path(shutil.copytree(site, tmp_path / "site"))


@contextlib.contextmanager
def server_and_browser(site, chromium):
    """(base URL, page, stop): stop() cuts the connection for good."""
    stack = contextlib.ExitStack()
    base = stack.enter_context(nginx.serve(site))
    context = chromium.new_context()
    page = context.new_page()

    def stop():
        context.set_offline(True)
        stack.close()

    try:
        yield base, page, stop
    finally:
        context.close()
        stack.close()


def worker_ready(page):
    """Wait until the page is controlled by the service worker."""
    # A function, not an expression: Playwright evals an expression in the page on each poll, which the CSP forbids
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=WAIT)


def in_cache(page, url) -> bool:
    return page.evaluate("url => caches.match(url, {ignoreVary: true}).then(r => !!r)", url)


def styled(page) -> bool:
    """Material's stylesheet applied (unstyled, the header would not stick)."""
    return page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"


def h1(page) -> str:
    return page.locator("article h1").first.inner_text().rstrip("¶").strip()


def test_a_page_visited_before_reads_offline(site_copy, chromium):
    with server_and_browser(site_copy, chromium) as (base, page, stop):
        first = base + "/hogar/aguinaldo/"
        page.goto(first)
        worker_ready(page)
        # The first page loaded before the worker existed; it is kept all the same
        page.wait_for_function("url => caches.match(url).then(Boolean)", arg=first, timeout=WAIT)
        page.goto(base + "/hogar/contrato/", wait_until="load")
        assert in_cache(page, base + "/hogar/contrato/")
        assert not in_cache(page, base + "/hogar/salario/")  # nothing else was fetched
        stop()
        page.reload()
        assert h1(page) == heading(ROOT / "docs/es/hogar/contrato.md")
        page.goto(first)
        assert h1(page) == heading(ROOT / "docs/es/hogar/aguinaldo.md")
        # It says how old this copy is; styles came from the cache too
        assert page.locator(".dc-offline__updated").inner_text() == "Esta información es del 21 de noviembre de 2026."
        assert styled(page)


def test_a_calculator_visited_before_computes_offline(site_copy, chromium):
    with server_and_browser(site_copy, chromium) as (base, page, stop):
        url = base + "/calculadoras/aguinaldo/"
        page.goto(url)
        worker_ready(page)
        page.wait_for_function("url => caches.match(url).then(Boolean)", arg=url, timeout=WAIT)
        page.reload(wait_until="load")  # now through the worker, which keeps the script and styles
        stop()
        page.reload()
        # 200 × 15 × 100 ÷ 365 = 821.917… -> $821.92
        page.fill(".dc-calc__form [name=wage]", "200")
        page.fill(".dc-calc__form [name=days_worked]", "100")
        page.click(".dc-calc__submit")
        assert page.inner_text(".dc-calc__result td:last-child") == "$821.92"


def test_save_control_then_a_page_never_visited_reads_offline(site_copy, chromium):
    manifest = json.loads((site_copy / "en/offline.json").read_text(encoding="utf-8"))
    with server_and_browser(site_copy, chromium) as (base, page, stop):
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(base + "/en/")
        worker_ready(page)
        never = base + "/en/campo/salud/"
        assert not in_cache(page, never)
        requests.clear()
        page.click(".dc-offline__start")
        status = page.locator(".dc-offline__status")
        status.filter(has_text="Up to").wait_for(timeout=WAIT)
        # It says how much first, and fetches nothing but the list until asked
        assert re.fullmatch(r"\d+ pages will be saved on this phone\. Up to [\d.]+\s(kB|MB) will be downloaded\. Do you want to continue\?", status.inner_text())
        assert status.inner_text() == manifest["text"]["ask"]
        assert [u for u in requests if not u.endswith("/en/offline.json")] == []
        assert not in_cache(page, never)
        link = page.locator(".dc-offline__zip a")
        assert link.get_attribute("href") == base + "/en/derechos-claros-en.zip"
        assert link.inner_text().startswith("Copy to share from phone to phone (zip file, ")
        page.click(".dc-offline__yes")
        status.filter(has_text="Done").wait_for(timeout=60000)
        pages = len(list((site_copy / "en").rglob("index.html")))
        assert status.inner_text() == f"Done: {pages} pages saved. You can now read them without internet on this phone."
        stop()
        page.goto(never)
        assert h1(page) == heading(ROOT / "docs/en/campo/salud.md")
        # Only the language asked for was saved: a Nahuatl page is not on the
        # phone, and the page shown instead says so
        page.goto(base + "/nah/hogar/salario/")
        assert not in_cache(page, base + "/nah/hogar/salario/")
        assert page.locator("article").get_attribute("lang") == "nah"
        assert h1(page) != heading(ROOT / "docs/es/hogar/salario.md")
        assert page.locator("article .dc-not-saved__list").count() == 1


def test_a_new_build_replaces_the_old_cache_and_keeps_what_was_read(site_copy, chromium):
    old_id = offline.build_id(deploy.BuiltSite(site_copy))
    with server_and_browser(site_copy, chromium) as (base, page, stop):
        visited = base + "/en/hogar/aguinaldo/"
        page.goto(visited)
        worker_ready(page)
        page.wait_for_function("url => caches.match(url).then(Boolean)", arg=visited, timeout=WAIT)
        assert page.evaluate("caches.keys()") == [f"dc-{old_id}"]
        # A new build: a page changed, so the worker carries a new id
        changed = site_copy / "en/hogar/salario/index.html"
        changed.write_text(changed.read_text(encoding="utf-8") + "<!-- new build -->", encoding="utf-8")
        files = deploy.BuiltSite(site_copy)
        new_id = offline.build_id(files)
        assert new_id != old_id
        files.write(offline.WORKER, offline.worker_script(new_id))
        deploy.compress(files, offline.WORKER)
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        page.wait_for_function("id => caches.keys().then(k => k.length === 1 && k[0] === 'dc-' + id)", arg=new_id, timeout=WAIT)
        assert in_cache(page, visited)
        stop()
        page.reload()
        assert h1(page) == heading(ROOT / "docs/en/hogar/aguinaldo.md")


def test_zip_copy_opens_from_a_file_and_its_links_work(served, chromium, tmp_path):
    base, site = served
    with zipfile.ZipFile(site / "derechos-claros-es.zip") as archive:
        archive.extractall(tmp_path)
    start = tmp_path / "derechos-claros-es/hogar/aguinaldo/index.html"
    context = chromium.new_context()
    page = context.new_page()
    problems = []
    page.on("requestfailed", lambda r: problems.append(r.url))
    page.on("request", lambda r: problems.append(r.url) if not r.url.startswith("file://") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(start.as_uri())
    assert h1(page) == heading(ROOT / "docs/es/hogar/aguinaldo.md")
    assert styled(page)  # by the copy's own files: nothing was fetched from the web
    # The guide's own link to a section of another guide (salario.md#revisar)
    page.locator("article a[href='../salario/index.html#revisar']").first.click()
    page.wait_for_load_state()
    assert page.url == (tmp_path / "derechos-claros-es/hogar/salario/index.html").as_uri() + "#revisar"
    assert h1(page) == heading(ROOT / "docs/es/hogar/salario.md")
    page.goto((tmp_path / "derechos-claros-es/index.html").as_uri())
    page.wait_for_timeout(500)
    context.close()
    assert problems == []


# A weak signal, pages not saved, search and the zip in every language

EVERY_LANGUAGE = pytest.mark.parametrize("lang, link", LANGUAGES, ids=[tag for tag, _ in LANGUAGES])
# A page every language has (its own or the Spanish one) and a word it holds
GUIDE, WORD = "hogar/aguinaldo/", "aguinaldo"


def save_for_offline(page, home: str, done: str) -> None:
    """Open a language's home and save it all with the "save for offline" control."""
    page.goto(home)
    worker_ready(page)
    page.click(".dc-offline__start")
    page.locator(".dc-offline__yes").wait_for(timeout=WAIT)
    page.click(".dc-offline__yes")
    page.locator(".dc-offline__status").filter(has_text=done).wait_for(timeout=60000)


def manifest_of(site: Path, link: str) -> dict:
    return json.loads((site / link.lstrip("/") / offline.MANIFEST).read_text(encoding="utf-8"))


def new_version(page_file: Path, version: str) -> None:
    """Change a built page and its lean variant on disk as a new build would
    (their .gz and .br files go: nginx gzips them)."""
    for path in (page_file, page_file.with_name(deploy.lean_path(page_file.name))):
        html = path.read_text(encoding="utf-8")
        html = re.sub(r'(<article class="md-content__inner md-typeset">)(?:<p class="dc-version">[^<]*</p>)?', rf'\1<p class="dc-version">{version}</p>', html, count=1)
        path.write_text(html, encoding="utf-8")
        for copy in deploy.COMPRESSED_COPIES:
            Path(f"{path}{copy}").unlink(missing_ok=True)


def cached_text_has(page, url: str, text: str) -> None:
    page.wait_for_function(
        "([url, text]) => caches.match(url).then(r => r ? r.text() : '').then(t => t.includes(text))",
        arg=[url, text], timeout=WAIT,
    )


@EVERY_LANGUAGE
def test_a_weak_signal_shows_the_saved_copy_and_an_answer_wins(site_copy, chromium, lang, link):
    guide_file = site_copy / link.lstrip("/") / GUIDE / "index.html"
    with nginx.serve(site_copy) as origin, WeakSignal(int(origin.rsplit(":", 1)[1])) as proxy:
        context = chromium.new_context()
        try:
            page = context.new_page()
            save_for_offline(page, proxy.base + link, manifest_of(site_copy, link)["text"]["done"])
            guide = proxy.base + link + GUIDE
            # The network answers: its new copy wins over the saved one, and is kept
            new_version(guide_file, "network-1")
            page.goto(guide)
            assert page.inner_text(".dc-version") == "network-1"
            cached_text_has(page, guide, "network-1")
            # Connections are accepted, nothing answers: the saved copy, within the limit
            new_version(guide_file, "network-2")
            proxy.hang()
            page.goto(guide, wait_until="commit", timeout=WAIT)
            page.locator(".dc-version").filter(has_text="network-1").wait_for(timeout=WAIT)
            # The network answers late: its answer is kept for next time
            proxy.answer()
            cached_text_has(page, guide, "network-2")
        finally:
            context.close()


@pytest.fixture(scope="module")
def catalogs():
    return load_catalogs(ROOT / "locales", [tag for tag, _ in LANGUAGES], SOURCE_LANG)


def lang_of(locator) -> str:
    """The language an element is in: its own lang or its nearest ancestor's."""
    return locator.evaluate("el => el.closest('[lang]').getAttribute('lang')")


@EVERY_LANGUAGE
def test_a_page_not_saved_shows_the_sites_own_page_offline(site_copy, chromium, catalogs, lang, link):
    catalog = catalogs[lang]
    manifest = manifest_of(site_copy, link)
    other = "/en/" if link == "/" else "/"  # another language's page, kept too
    with server_and_browser(site_copy, chromium) as (base, page, stop):
        page.goto(base + other)
        worker_ready(page)
        page.wait_for_function("url => caches.match(url).then(Boolean)", arg=base + other, timeout=WAIT)
        save_for_offline(page, base + link, manifest["text"]["done"])
        # This page was not saved (or was cleared from the phone)
        missing = base + link + GUIDE
        assert page.evaluate("url => caches.keys().then(k => caches.open(k[0])).then(c => c.delete(url))", missing)
        violations = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        stop()
        page.goto(missing)
        assert page.url == missing
        heading = page.locator("article h1")
        assert heading.inner_text() == catalog.t("offline.not_saved.title")
        # Spanish strings on another language's page say they are Spanish
        assert lang_of(heading) == catalog.lang_of("offline.not_saved.title")
        assert page.locator("html").get_attribute("lang") == lang
        assert styled(page) and violations == []
        # Links to the pages of this language the phone has, by their titles
        saved = {urljoin(base + link, f["url"]) for f in manifest["files"] if f["url"].endswith("/")} - {missing}
        links = page.locator(".dc-not-saved__list a")
        assert {urljoin(base, a.get_attribute("href")) for a in links.all()} == saved
        assert page.locator(".dc-not-saved__none").is_hidden()
        home = links.and_(page.locator(f"[href='{urlsplit(base + link).path}']"))
        home_file = (site_copy / link.lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert home.inner_text() == re.search(r"<h1[^>]*>(.*?)<", home_file)[1]
        fallback = 'dc-notice--fallback' in (site_copy / link.lstrip("/") / "hogar/salario/index.html").read_text(encoding="utf-8")
        salario = links.and_(page.locator(f"[href='{urlsplit(base + link).path}hogar/salario/']"))
        assert lang_of(salario) == (SOURCE_LANG if fallback else lang)
        home.click()
        page.wait_for_load_state()
        assert page.url == base + link


# A reader who only visited pages: the "not saved" page comes with sw.js
CSP_WATCH = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
)
# Never visited, two folders below the language's home
MISSING = "hogar/salario/"


def visit(page, url: str) -> None:
    """Open a page, as a reader does, and wait until the phone keeps it and its stylesheets."""
    page.goto(url)
    worker_ready(page)
    urls = [url, *page.eval_on_selector_all("link[rel=stylesheet]", "links => links.map(l => l.href)")]
    page.wait_for_function("urls => Promise.all(urls.map(u => caches.match(u))).then(r => r.every(Boolean))", arg=urls, timeout=WAIT)


def open_offline(page, url: str):
    """Open a page without a connection; the response, with no CSP violation or script error."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(url)
    assert page.url == url and response.from_service_worker
    # The CSP nginx sent with the saved page applies to the page made from it
    assert "script-src 'self'" in response.header_value("content-security-policy")
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.__csp") == [] and errors == []
    # Every stylesheet came from the phone (the first screen's inline CSS alone would look styled)
    sheets = page.eval_on_selector_all("link[rel=stylesheet]", "links => links.map(l => { try { return l.sheet.cssRules.length > 0 } catch (e) { return false } })")
    assert sheets and all(sheets) and styled(page)
    # Not the saved page's table of contents: its sections are not on this page
    assert page.locator(".md-nav--secondary").count() == 0
    return response


@EVERY_LANGUAGE
def test_a_page_not_visited_shows_the_not_saved_page_to_a_reader_who_only_visited_one(site_copy, chromium, catalogs, lang, link):
    catalog = catalogs[lang]
    with server_and_browser(site_copy, chromium) as (base, page, stop):
        page.add_init_script(CSP_WATCH)
        home = base + link
        visit(page, home)
        stop()
        open_offline(page, home + MISSING)
        # The site's page, in the reader's language (Spanish strings marked as such)
        assert page.locator("html").get_attribute("lang") == lang
        heading = page.locator("article h1")
        assert heading.inner_text() == catalog.t("offline.not_saved.title")
        assert lang_of(heading) == catalog.lang_of("offline.not_saved.title")
        assert page.title() == catalog.t("offline.not_saved.title") + " - Derechos Claros"
        assert lang_of(page.locator("title")) == catalog.lang_of("offline.not_saved.title")
        assert lang_of(page.locator("article p").first) == catalog.lang_of("offline.not_saved.text")
        assert styled(page)
        # The page visited, by its heading, is the one listed
        links = page.locator(".dc-not-saved__list a")
        assert [a.get_attribute("href") for a in links.all()] == [urlsplit(home).path]
        home_file = (site_copy / link.lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert links.inner_text() == re.search(r"<h1[^>]*>(.*?)<", home_file)[1]
        assert page.locator(".dc-not-saved__none").is_hidden()
        # The page it was made from had links relative to its own address: they still lead there
        assert urljoin(page.url, page.locator("a.md-header__button.md-logo").get_attribute("href")) == home
        links.click()
        page.wait_for_load_state()
        assert page.url == home and h1(page) == re.search(r"<h1[^>]*>(.*?)<", home_file)[1]


@EVERY_LANGUAGE
def test_the_not_saved_page_uses_another_languages_page_when_the_language_has_none(site_copy, chromium, catalogs, lang, link):
    catalog = catalogs[lang]
    other = "/en/" if link == "/" else "/"
    with server_and_browser(site_copy, chromium) as (base, page, stop):
        page.add_init_script(CSP_WATCH)
        visit(page, base + other + GUIDE)
        stop()
        open_offline(page, base + link + MISSING)
        # The text in the language asked for, marked as such inside the other language's page
        heading = page.locator("article h1")
        assert heading.inner_text() == catalog.t("offline.not_saved.title")
        assert lang_of(heading) == catalog.lang_of("offline.not_saved.title")
        assert lang_of(page.locator("article")) == lang
        assert lang_of(page.locator("title")) == catalog.lang_of("offline.not_saved.title")
        # Nothing of this language on the phone: it says so
        assert page.locator(".dc-not-saved__list a").count() == 0
        none = page.locator(".dc-not-saved__none")
        assert none.is_visible() and none.inner_text() == catalog.t("offline.not_saved.none")
        assert lang_of(none) == catalog.lang_of("offline.not_saved.none")
        assert styled(page)


def test_nothing_of_the_site_on_the_phone_leaves_the_browsers_error(site_copy, chromium):
    with server_and_browser(site_copy, chromium) as (base, page, stop):
        visit(page, base + "/en/")
        # Emptied once the connection is gone, so that no save still under way lands after it
        stop()
        saved = page.evaluate("""() => caches.keys().then(keys => Promise.all(keys.map(k => caches.open(k)
          .then(c => c.keys().then(r => Promise.all(r.map(x => c.delete(x)))).then(() => c.keys())))))
          .then(left => left.flat().map(r => r.url))""")
        assert saved == [], f"still on the phone: {saved}"
        with pytest.raises(PlaywrightError):
            page.goto(base + "/en/" + MISSING)


@EVERY_LANGUAGE
def test_search_works_offline_after_saving(site_copy, chromium, lang, link):
    with server_and_browser(site_copy, chromium) as (base, page, stop):
        save_for_offline(page, base + link, manifest_of(site_copy, link)["text"]["done"])
        stop()
        page.goto(base + link + GUIDE)
        # Material's script has set the search up (it takes the no-js class off)
        page.wait_for_function("() => !document.documentElement.classList.contains('no-js')", timeout=WAIT)
        page.click(".md-search__input")
        # The worker, the stemmers and the index come from the phone's copy: on a
        # busy machine, slowly. Material shows its placeholder once the worker
        # has the index; then type as a reader does (Material searches on keyup)
        placeholder = page.evaluate("JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']")
        page.wait_for_function(
            "text => document.querySelector('.md-search-result__meta').textContent.trim() === text", arg=placeholder, timeout=2 * WAIT,
        )
        page.keyboard.type(WORD)
        # Results of the first letters typed ("agu": water, housing) show
        # before the word's own, which come last: wait for those to lead
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(
                "word => (document.querySelector('.md-search-result__item') || {textContent: ''}).textContent.toLowerCase().includes(word)",
                arg=WORD, timeout=2 * WAIT,
            )
        result = page.locator(".md-search-result__item").first
        result.wait_for(timeout=2 * WAIT)
        assert WORD in result.inner_text().lower()


@EVERY_LANGUAGE
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_zip_copy_hides_the_search_it_cannot_run(served, chromium, tmp_path, lang, link, javascript):
    _, site = served
    name = f"derechos-claros-{lang}"
    with zipfile.ZipFile(site / link.lstrip("/") / f"{name}.zip") as archive:
        archive.extractall(tmp_path)
    context = chromium.new_context(java_script_enabled=javascript, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto((tmp_path / name / link.lstrip("/") / GUIDE / "index.html").as_uri())
        assert h1(page)
        page.keyboard.press("/")  # Material's shortcut to the search
        for selector in (".md-search", "label[for=__search]", ".md-search__input"):
            assert all(element.is_hidden() for element in page.locator(selector).all()), selector
    finally:
        context.close()
