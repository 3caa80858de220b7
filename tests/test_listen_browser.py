""""Listen" in Chromium over nginx (the shipped configuration and CSP): the
phone's own voices read a guide aloud. Chromium's speechSynthesis is
replaced, before any page script runs, by a stand-in that has the voices a
test gives it, records what it is asked to say, and lets the test end each
utterance."""

import json

import pytest

from browser import axe_violations, describe_violations

from project import LANGUAGES, MOVED_TO, PREFIXES, SOURCE_LANG

pytestmark = pytest.mark.server

PHONE = {"width": 360, "height": 740}
GUIDE = "hogar/aguinaldo/"

# window.__speech: voices, what was said, the calls made, and end()/setVoices()
SPEECH = """
(() => {
  const speech = window.__speech = { voices: VOICES, spoken: [], calls: [], current: null, csp: [] };
  const listeners = {};
  class Utterance {
    constructor(text) { this.text = text; this.voice = null; this.lang = ""; this.onend = this.onerror = this.onstart = this.onboundary = null; }
  }
  const synth = {
    getVoices: () => speech.voices.slice(),
    speak(u) {
      speech.calls.push("speak");
      speech.spoken.push({ text: u.text, voice: u.voice && u.voice.name, lang: u.lang });
      speech.current = u;
      if (u.onstart) u.onstart({});
    },
    pause() { speech.calls.push("pause"); },
    resume() { speech.calls.push("resume"); },
    cancel() {
      speech.calls.push("cancel");
      const u = speech.current;
      speech.current = null;
      if (u && u.onerror) u.onerror({ error: "interrupted" });
    },
    addEventListener(type, listener) { (listeners[type] = listeners[type] || []).push(listener); },
    removeEventListener() {},
  };
  speech.end = () => { const u = speech.current; speech.current = null; if (u && u.onend) u.onend({}); return !!u; };
  speech.setVoices = (voices) => { speech.voices = voices; (listeners.voiceschanged || []).forEach((f) => f(new Event("voiceschanged"))); };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
  document.addEventListener("securitypolicyviolation", (e) => speech.csp.push(e.violatedDirective + " " + e.blockedURI));
})();
"""


def voice(name, lang, local=True):
    return {"name": name, "lang": lang, "localService": local, "default": False, "voiceURI": name}


def open_page(chromium, base, path, voices, requested=None):
    context = chromium.new_context(viewport=PHONE)
    context.add_init_script(script=SPEECH.replace("VOICES", json.dumps(voices)))
    page = context.new_page()
    if requested is not None:
        page.on("request", lambda r: requested.append(r.url))
    response = page.goto(base + path, wait_until="load")
    assert response.status == 200, path
    return context, page


def control_shown(page) -> bool:
    return page.is_visible(".dc-listen")


def reading(page) -> str | None:
    return page.evaluate("(document.querySelector('.dc-listen__reading') || {}).textContent || null")


def label(page) -> str:
    return page.inner_text(".dc-listen__play").strip()


def end_all(page) -> None:
    """End each utterance in turn, as the voice would, until the page is read."""
    page.evaluate("() => { let n = 0; while (window.__speech.end()) { if (++n > 1000) throw new Error('never ends'); } }")


@pytest.mark.parametrize("lang", [tag for tag, _ in LANGUAGES])
def test_shown_only_with_a_voice_on_the_phone_for_the_pages_language(served, chromium, lang):
    base, _ = served
    other = "en" if lang == SOURCE_LANG else SOURCE_LANG
    # Voices arrive after the page has loaded (as in Chrome)
    requested = []
    context, page = open_page(chromium, base, f"/{PREFIXES[lang]}{GUIDE}", [], requested)
    try:
        assert not control_shown(page)
        # (the first paragraph on screen: a fallback notice's text is folded away)
        first = page.locator("article p:visible").first.bounding_box()
        # A voice on a server (localService false) would send the text away
        page.evaluate("v => window.__speech.setVoices(v)", [voice("remote", f"{lang}-MX", local=False), voice("other", f"{other}-MX")])
        assert not control_shown(page)
        # Without a voice of the phone's own for the language its script is not even fetched
        assert not [url for url in requested if "listen.js" in url]
        page.evaluate("v => window.__speech.setVoices(v)", [voice("remote", f"{lang}-MX", local=False), voice("here", f"{lang}_MX")])
        page.wait_for_selector(".dc-listen", state="visible")
        assert len([url for url in requested if "listen.js" in url]) == 1
        # Showing it moved no text
        assert page.locator("article p:visible").first.bounding_box() == first
        assert page.evaluate("window.__speech.csp") == []
    finally:
        context.close()


def test_reads_the_guide_in_order_with_the_local_voice_and_moves_the_highlight(served, chromium):
    base, _ = served
    voices = [voice("remote es", "es-ES", local=False), voice("es", "es-MX"), voice("en", "en-US")]
    context, page = open_page(chromium, base, f"/{GUIDE}", voices)
    try:
        assert label(page) == "Escuchar"
        page.click(".dc-listen__play")
        spoken = page.evaluate("window.__speech.spoken")
        # The title without its anchor sign
        assert spoken == [{"text": "El aguinaldo", "voice": "es", "lang": "es-MX"}]
        assert reading(page).startswith("El aguinaldo") and page.evaluate("document.querySelector('.dc-listen__reading').tagName") == "H1"
        page.evaluate("window.__speech.end()")
        assert page.evaluate("window.__speech.spoken[1].text").startswith("El aguinaldo es un pago extra")
        assert reading(page).startswith("El aguinaldo es un pago extra")
        # The control and the highlighted paragraph pass axe (contrast, names, target size)
        violations = axe_violations(page)
        assert violations == [], describe_violations(violations)
        page.evaluate("window.__speech.end(); window.__speech.end(); window.__speech.end()")
        # Footnote marks are not read
        assert page.evaluate("window.__speech.spoken[4].text") == "Te toca, por lo menos, el salario de 15 días."
        end_all(page)
        texts = [item["text"] for item in page.evaluate("window.__speech.spoken")]
        # Headings, paragraphs and list items, in the page's order
        expected = page.evaluate("""[...document.querySelectorAll('article h1, article h2, article h3, article p, article li')]
            .filter(e => !e.closest('.dc-tools, .dc-listen, .dc-sources, .dc-print') && e.textContent.trim())
            .map(e => e.textContent.replace(/\\u00b6/g, '').replace(/\\[\\d+\\]/g, '').replace(/\\s+/g, ' ').trim())""")
        assert texts == [t for t in expected if t]
        # Not the sources list, nor the controls
        assert not [t for t in texts if "Fuentes de los datos" in t or "Fundamento legal" in t or "WhatsApp" in t]
        assert {item["voice"] for item in page.evaluate("window.__speech.spoken")} == {"es"}
        # At the end: no highlight, ready to start again
        assert reading(page) is None and label(page) == "Escuchar" and not page.is_visible(".dc-listen__stop")
    finally:
        context.close()


def test_pause_resume_and_stop(served, chromium):
    base, _ = served
    context, page = open_page(chromium, base, f"/en/{GUIDE}", [voice("en", "en-GB")])
    try:
        page.click(".dc-listen__play")
        assert label(page) == "Pause" and page.is_visible(".dc-listen__stop")
        page.click(".dc-listen__play")
        assert label(page) == "Resume"
        page.click(".dc-listen__play")
        assert label(page) == "Pause"
        assert page.evaluate("window.__speech.calls") == ["cancel", "speak", "pause", "resume"]
        page.evaluate("window.__speech.end()")
        assert reading(page).startswith(page.evaluate("window.__speech.spoken[1].text")[:20])
        page.click(".dc-listen__stop")
        assert page.evaluate("window.__speech.calls").count("cancel") == 2
        assert reading(page) is None and label(page) == "Listen" and not page.is_visible(".dc-listen__stop")
        # The cancelled utterance's events do not start the next block
        assert len(page.evaluate("window.__speech.spoken")) == 2
    finally:
        context.close()


@pytest.mark.parametrize("lang", [tag for tag, _ in LANGUAGES if tag not in ("es", "en")])
def test_spanish_fallback_text_is_read_with_a_spanish_voice_where_the_phone_has_one(served, chromium, lang):
    base, _ = served
    context, page = open_page(chromium, base, f"/{PREFIXES[lang]}{GUIDE}", [voice("own", lang), voice("es", "es-US")])
    try:
        page.click(".dc-listen__play")
        page.evaluate("window.__speech.end()")
        first, second = page.evaluate("window.__speech.spoken")[:2]
        # The page is Spanish, marked lang="es": the Spanish voice reads it
        assert first["voice"] == second["voice"] == "es" and first["lang"] == "es-US"
    finally:
        context.close()
    # Without a Spanish voice, the page's own voice reads it all
    context, page = open_page(chromium, base, f"/{PREFIXES[lang]}{GUIDE}", [voice("own", lang)])
    try:
        page.click(".dc-listen__play")
        assert page.evaluate("window.__speech.spoken[0].voice") == "own"
    finally:
        context.close()


def test_not_on_the_home_page_nor_the_contributors_pages(served, chromium):
    base, site = served
    assert "listen.js" not in (site / "index.html").read_text(encoding="utf-8")
    assert "listen.js" not in (site / "participa/traducir/index.html").read_text(encoding="utf-8")
    assert "listen.js" in (site / "ayuda/index.html").read_text(encoding="utf-8")


def test_a_page_with_a_recording_plays_it_and_not_the_phones_voice(chromium, moved_site):
    from build_tools.tooling import nginx
    from browser import require

    require(*nginx.REQUIRED)
    site, _ = moved_site  # the Spanish guide has a recording
    assert GUIDE == MOVED_TO
    with nginx.serve(site) as base:
        context, page = open_page(chromium, base, f"/{GUIDE}", [voice("es", "es-MX")])
        requested = []
        try:
            page.on("request", lambda r: requested.append(r.url))
            page.reload(wait_until="load")
            assert page.is_visible(".dc-audio audio") and page.locator(".dc-listen").count() == 0
            assert not [url for url in requested if "listen.js" in url]
            # The player is under the title, before the text
            assert page.evaluate("document.querySelector('.dc-audio').compareDocumentPosition(document.querySelector('article > p:not(.dc-share__status)')) & 4")
        finally:
            context.close()
        # Its other guides still read themselves aloud
        context, page = open_page(chromium, base, "/hogar/salario/", [voice("es", "es-MX")])
        try:
            page.wait_for_selector(".dc-listen", state="visible")
        finally:
            context.close()
