"""Paper and sharing in Chromium, over the deployed site behind nginx:
print styles, the QR code, the one-page summaries (A4 and Letter) and the
share control with and without the phone's share sheet."""

import os
import re
from urllib.parse import quote

import pytest

from build_tools import front_matter
from build_tools.facts import load_facts
from build_tools.front_matter import SUMMARY_KEY
from build_tools.translations import page_url
from project import AS_OF, ROOT

pytestmark = pytest.mark.server

FACTS = load_facts(ROOT / "facts", ROOT)
# The public address the build was given (mkdocs.yml, site_url); without it
# pages share and print the address they are read at, with no QR code
SITE_URL = os.environ.get("SITE_URL")


def address(base: str, path: str) -> str:
    """Where a page says it is: its public address, or where it was read."""
    return (SITE_URL or base + "/") + path
GUIDES = [
    page for page in (p.relative_to(ROOT / "docs/es").as_posix() for p in sorted((ROOT / "docs/es").rglob("*.md")))
    if SUMMARY_KEY in front_matter.split((ROOT / "docs/es" / page).read_text(encoding="utf-8")).meta
]


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.fixture
def context(chromium):
    context = chromium.new_context()
    yield context
    context.close()


def off_site_requests(page, base):
    foreign = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((base, "data:")) else None)
    return foreign


NO_SHARE = "Object.defineProperty(Navigator.prototype, 'share', {value: undefined, configurable: true});"
STUB_SHARE = (
    "window.__shared = [];"
    "Object.defineProperty(Navigator.prototype, 'share', {configurable: true,"
    " value: function (data) { window.__shared.push(data); return Promise.resolve(); }});"
)


def test_share_sheet_where_the_phone_has_one(served, context):
    base, _ = served
    page = context.new_page()
    page.add_init_script(STUB_SHARE)
    foreign = off_site_requests(page, base)
    page.goto(base + "/en/hogar/aguinaldo/")
    native = page.locator(".dc-share__native")
    assert native.is_visible() and native.inner_text() == "Share"
    assert not page.locator(".dc-share__whatsapp").is_visible()
    assert not page.locator(".dc-share__copy").is_visible()
    native.click()
    assert page.evaluate("window.__shared") == [{"title": "The aguinaldo", "url": address(base, "en/hogar/aguinaldo/")}]
    assert foreign == []


def test_whatsapp_link_and_copy_button_without_a_share_sheet(served, context):
    base, _ = served
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    page.add_init_script(NO_SHARE)
    foreign = off_site_requests(page, base)
    page.goto(base + "/hogar/aguinaldo/")
    url = address(base, "hogar/aguinaldo/")
    assert not page.locator(".dc-share__native").is_visible()
    page.locator(".dc-share__menu > summary").click()  # "Compartir" unfolds the two
    whatsapp = page.locator(".dc-share__whatsapp")
    assert whatsapp.is_visible() and whatsapp.inner_text() == "Enviar por WhatsApp"
    assert whatsapp.get_attribute("href") == "https://wa.me/?text=" + quote("El aguinaldo " + url, safe="")
    assert whatsapp.get_attribute("rel") == "noopener noreferrer"
    copy = page.locator(".dc-share__copy")
    assert copy.is_visible() and copy.inner_text() == "Copiar enlace"
    copy.click()
    page.wait_for_function("() => document.querySelector('.dc-share__status').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == url
    assert page.locator(".dc-share__status").inner_text().startswith("Enlace copiado")
    assert foreign == []  # the WhatsApp link is only a link: nothing loads from wa.me


def test_copy_falls_back_without_the_clipboard_api(served, context):
    base, _ = served
    page = context.new_page()
    page.add_init_script(
        NO_SHARE + "Object.defineProperty(Navigator.prototype, 'clipboard', {value: undefined, configurable: true});"
        "window.__copied = []; document.execCommand = function (command) {"
        " window.__copied.push([command, document.activeElement.value]); return true; };"
    )
    page.goto(base + "/en/hogar/salario/")
    page.locator(".dc-share__menu > summary").click()
    page.locator(".dc-share__copy").click()
    assert page.evaluate("window.__copied") == [["copy", address(base, "en/hogar/salario/")]]
    assert page.locator(".dc-share__status").inner_text().startswith("Link copied")


def test_the_share_control_is_on_every_kind_of_page_in_every_language(served, context):
    base, _ = served
    page = context.new_page()
    for path in ("/", "/en/", "/nah/hogar/aguinaldo/", "/tzo/campo/", "/mix/participa/traducir/"):
        page.goto(base + path)
        assert page.locator("[data-dc-share]").count() == 1, path
        assert page.locator("[data-dc-share]").get_attribute("data-url") == (SITE_URL and SITE_URL + path.lstrip("/")), path


def test_a_guide_prints_without_chrome_with_addresses_qr_and_sources(served, context):
    base, _ = served
    page = context.new_page()
    page.goto(base + "/en/hogar/aguinaldo/")
    context.set_offline(True)  # printing a page read earlier needs nothing more
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".dc-tools"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator(".dc-sources").is_visible() and page.locator(".dc-review").is_visible()
    footer = page.locator(".dc-print")
    assert footer.is_visible() and address(base, "en/hogar/aguinaldo/") in footer.inner_text()
    if SITE_URL:
        box = footer.locator("svg.dc-qr").bounding_box()
        assert box and box["width"] > 50 and box["height"] > 50
    else:
        assert footer.locator("svg").count() == 0 and "A QR code would go here" in footer.inner_text()
    after = "el => getComputedStyle(el, '::after').content"
    internal = page.locator('.md-content a[href="../salario/#revisar"]').first
    assert address(base, "en/hogar/salario/#revisar") in internal.evaluate(after)
    external = page.locator(".dc-sources a[href^='http']").first
    assert external.get_attribute("href") in external.evaluate(after)
    # On screen the QR block stays out of sight
    page.emulate_media(media="screen")
    assert not footer.is_visible()
    # The counter below can see more than one page
    assert pdf_pages(page.pdf(format="A4")) > 1


@pytest.mark.parametrize("prefix", ["", "en/", "nah/"])
def test_every_summary_fits_one_page_on_a4_and_letter(served, context, prefix):
    base, _ = served
    page = context.new_page()
    too_long = []
    for guide in GUIDES:
        address = f"{base}/{prefix}{page_url(guide)}resumen/"
        assert page.goto(address).status == 200, address
        for paper in ("A4", "Letter"):
            pages = pdf_pages(page.pdf(format=paper))
            if pages != 1:
                too_long.append((address, paper, pages))
    assert too_long == []


def test_summary_has_rights_phones_qr_and_a_print_button(served, context):
    base, _ = served
    page = context.new_page()
    guide = page.goto(base + "/en/hogar/aguinaldo/")
    page.locator(".dc-tools__summary").click()
    assert page.url == base + "/en/hogar/aguinaldo/resumen/"
    if not SITE_URL:
        # The click returns once the sheet is there; its deferred script then writes the address
        page.locator("[data-dc-here]").wait_for(state="visible")
    text = page.locator("main").inner_text()
    days = FACTS["aguinaldo.dias"].value_on(AS_OF).value
    assert f"You get, at least, the pay for {days} days as aguinaldo" in text
    for phone in ("procuraduria_edomex.telefono", "profedet.telefono"):
        assert FACTS[phone].values[0].value in text  # as typed in facts/contactos.yml
    if SITE_URL:
        assert page.locator("svg.dc-qr[role=img]").get_attribute("aria-label") == f"QR code of {SITE_URL}en/hogar/aguinaldo/"
    else:
        assert page.locator("svg").count() == 0 and address(base, "en/hogar/aguinaldo/") in text
    button = page.locator("[data-dc-print]")
    assert button.is_visible() and button.inner_text() == "Print"
    page.emulate_media(media="print")
    assert not button.is_visible()
    assert guide.status == 200
