"""Find what could run script or hide text in the HTML a page renders to.

The source check (build_tools.checks.safety) gives exact lines but has to guess
what Python-Markdown and its extensions will make of the text. This check
reads the rendered HTML with the standard library's HTML parser, which
splits tags and attributes, quotes, entities and '/' separators the way a
browser does, so it sees whatever put the markup there: raw HTML, attribute
lists, fact and calculator renderers. ``check_page_html`` reads a page's
body (``page.content``), which is what contributors write, with every rule.
``check_written_pages`` reads each whole page as written (the theme's
templates, titles and strings around the body) for what may never be on
any page: an event handler, a script address, a file fetched from another
website.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser, starttagopen
from urllib.parse import urlsplit

from build_tools.errors import Problem

# Elements that run code, load another page or style sheet, or change
# where the page's links and forms go; and those whose content a browser
# reads as plain text up to their end tag while the parser here reads tags
# in it (a tag "inside" an attribute there is a live tag after it)
UNSAFE_ELEMENTS = frozenset({
    "script", "iframe", "object", "embed", "style", "frame", "frameset", "applet",
    "meta", "base", "form", "link",
    "noscript", "noembed", "noframes", "xmp", "plaintext", "textarea", "title",
})
# In SVG and MathML a <title> is an ordinary element (an icon's name)
_FOREIGN_ROOTS = ("svg", "math")
_FOREIGN_ORDINARY = frozenset({"title"})
URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "srcset", "imagesrcset", "poster",
    "data", "background", "cite", "longdesc", "ping", "codebase", "lowsrc", "dynsrc", "manifest", "icon",
})
_LIST_ATTRIBUTES = ("srcset", "imagesrcset")  # "url 1x, url 2x"
# Addresses the phone fetches without the reader choosing to (images, sound,
# video, a link's ping); in SVG, an <image>'s or <use>'s href too. One on
# another website tells that website who reads the guide.
FETCHED_ATTRIBUTES = frozenset({"src", "srcset", "imagesrcset", "poster", "data", "background", "lowsrc", "dynsrc", "ping"})
_FETCHING_ELEMENTS = frozenset({"image", "use", "feimage"})
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.I)
# SVG animation can set a link's address: <set attributeName="href" to="javascript:...">,
# or an event handler: <set attributeName="onclick" to="...">
_ANIMATION_ELEMENTS = frozenset({"set", "animate"})
_ANIMATION_VALUES = ("to", "from", "by", "values")
_CONTROL = re.compile(r"[\x00-\x20]")
_INLINE_IMAGE = re.compile(r"data:image/", re.I)
_DOCUMENT_ELEMENTS = frozenset({"iframe", "frame", "object", "embed"})
# A <link> whose address the phone fetches by itself (style sheets, icons,
# fonts and pages loaded ahead, a connection opened ahead)
_FETCHING_RELS = frozenset({
    "stylesheet", "icon", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon", "manifest",
    "preload", "prefetch", "modulepreload", "preconnect", "dns-prefetch", "prerender",
})
_BAD_SCHEME = re.compile(r"^(javascript|data|vbscript|file):", re.I)
_ANY_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
_HIDING = re.compile(
    r"display:none|visibility:(hidden|collapse)|content-visibility:hidden"
    r"|(font-size|opacity):(0(\.0*)?|\.0+)(?![.\d])"
)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_ESCAPE = re.compile(r"\\([0-9a-f]{1,6})\s?|\\(.)", re.I | re.S)

# Our own renderers' markup in page bodies, shown or used by their scripts:
# the calculator's form (build_tools.reader.calculators), the self-check's
# answers and result (build_tools.reader.self_check), the share bar and
# the listen control (overrides/partials/page-tools.html), and the printed
# page's "read it at" line (overrides/partials/print-footer.html). Contributors
# never need these; the source check refuses them in Markdown whatever their class.
OWN_HIDDEN_CLASSES = frozenset({
    "dc-calc__form", "dc-calc__error", "dc-share__native", "dc-share__copy",
    "dc-listen", "dc-listen__pause", "dc-listen__resume", "dc-listen__stop", "dc-print__here",
    "dc-self-check__private", "dc-self-check__controls", "dc-self-check__result", "dc-self-check__state-link",
})
# No action: calculators.js and self-check.js handle them in the page
OWN_FORM_CLASSES = frozenset({"dc-calc__form", "dc-self-check"})
OWN_DATA_SCRIPT_CLASS = "dc-calc__data"  # type="application/json": data, never run
_DATA_TYPE = re.compile(r"^\s*application/json\s*$", re.I)

MESSAGES = {
    "tag": "the HTML tag <{0}> is not allowed in a guide (it could run code or change the page)",
    "event": "HTML attributes that start with 'on' (like onclick=) are not allowed: they run code",
    "style": "a style that hides text is not allowed: readers must see everything the page says",
    "hidden": "the 'hidden' attribute is not allowed: readers must see everything the page says",
    "url": "links and images may not use '{0}:' addresses; use a normal https:// link or a page of the site",
    "external": (
        "this makes the reader's phone fetch a file from another website ({0}) without the reader asking, "
        "and that website would learn who reads the guide: put the file in the site (an image, sound or "
        "video in docs/; a font, script or style sheet in overrides/assets/) and use its path "
        "(ordinary links to other websites are fine)"
    ),
}


def unsafe_scheme(url: str, whole_page: bool = False, tag: str = "") -> str | None:
    """'javascript', 'data', ... if ``url`` (entities already decoded) uses one.

    ``whole_page``: the theme's rules, where a file address (``file:``) is
    only a broken link and an image given inline (``data:image/``, the
    site's icon) is shown, not run, outside the elements that open documents.
    """
    # Browsers ignore control characters and whitespace inside the scheme
    cleaned = _CONTROL.sub("", url)
    match = _BAD_SCHEME.match(cleaned)
    if match is None:
        return None
    scheme = match.group(1).lower()
    if whole_page and (scheme == "file" or (_INLINE_IMAGE.match(cleaned) and tag not in _DOCUMENT_ELEMENTS)):
        return None
    return scheme


def other_website(url: str, own_host: str | None = None) -> str | None:
    """The other website an address (entities already decoded) is on, as
    shown in messages ('tracker.example'); None for a path of this site, or
    an address on ``own_host`` (the site's public host, when it has one).

    Any address with a scheme or a host counts: browsers read '\\' as '/'
    and skip control characters, so '\\\\host/x.png' is on 'host' too.
    """
    cleaned = _CONTROL.sub("", url).replace("\\", "/")
    scheme = _ANY_SCHEME.match(cleaned)
    # A data: address holds its file: nothing is fetched
    if (not scheme and not cleaned.startswith("//")) or (scheme and scheme.group(1).lower() == "data"):
        return None
    rest = cleaned[scheme.end():] if scheme else cleaned
    host = rest.lstrip("/").split("/")[0].split("?")[0].split("#")[0] if rest.startswith("//") else ""
    if host and own_host is not None and _hostname(host) == own_host:
        return None
    return host or (scheme.group(1).lower() + ":" if scheme else cleaned[:60])


def _hostname(host: str) -> str:
    """A host as written in an address, without port or user, in lowercase."""
    try:
        return urlsplit("//" + host).hostname or host.lower()
    except ValueError:
        return host.lower()


def _as_read(line: str) -> str:
    """A source line as a browser reads an address in it: entities decoded, no spaces."""
    return _CONTROL.sub("", unescape(line)).lower()


def _css_as_read(style: str) -> str:
    """A style attribute's value (entities decoded) without comments and escapes."""
    return _CSS_ESCAPE.sub(_css_escaped, _CSS_COMMENT.sub("", style))


def _css_escaped(match: re.Match) -> str:
    if not match.group(1):
        return match.group(2)
    code = int(match.group(1), 16)
    # CSS reads zero, a surrogate or a number past Unicode as U+FFFD
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


def hides_text(style: str) -> bool:
    """Whether a style attribute's value (entities decoded) hides its element."""
    return bool(_HIDING.search(re.sub(r"\s+", "", _css_as_read(style).lower())))


@dataclass(frozen=True)
class Finding:
    line: int  # in the HTML given
    kind: str  # a key of MESSAGES
    detail: str  # the tag, attribute or scheme, for the message and for tracing
    clues: tuple[str, ...]  # texts to look for in the Markdown source, the first one needed


def attribute_findings(
    tag: str, attrs: list[tuple[str, str | None]], own: bool = False, whole_page: bool = False, own_host: str | None = None,
) -> list[tuple[str, str, tuple[str, ...]]]:
    """(kind, detail, clues) for each unsafe attribute of one start tag.

    ``own`` allows the ``hidden`` attribute of our renderers' markup.
    ``whole_page`` applies the rules for the theme's page around the body:
    only event handlers with code, script addresses and files fetched from
    another website than ``own_host`` (the site's, when it has one).
    """
    found = []
    values = {name: value or "" for name, value in attrs}
    animated = values.get("attributename", "").strip().lower() if tag in _ANIMATION_ELEMENTS else ""
    fetching_link = whole_page and tag == "link" and bool(_FETCHING_RELS & set(values.get("rel", "").lower().split()))
    for name, value in attrs:
        # The value's first line tells apart lines that name the same attribute
        clues = (name, (value or "").strip().split("\n")[0][:60]) if (value or "").strip() else (name,)
        if name.startswith("on") and (value is not None or not whole_page):
            found.append(("event", name, clues))
        elif name == "attributename" and animated.startswith("on"):
            found.append(("event", animated, clues))
        elif whole_page:
            pass  # the theme hides its own controls until their script shows them
        elif name == "style" and hides_text(value or ""):
            found.append(("style", name, clues))
        elif name == "hidden" and not own:
            found.append(("hidden", name, (name,)))
        value = value or ""
        urls = []
        if name in _LIST_ATTRIBUTES:
            urls = [candidate.split()[0] for candidate in value.split(",") if candidate.split()]
        elif name in URL_ATTRIBUTES:
            urls = [value]
        elif name in _ANIMATION_VALUES and "href" in animated:
            urls = value.split(";")
        fetched = (
            name in FETCHED_ATTRIBUTES
            or (tag in _FETCHING_ELEMENTS and name in ("href", "xlink:href"))
            or (fetching_link and name == "href")
        )
        if name == "style":
            urls, fetched = _CSS_URL.findall(_css_as_read(value)), True
        for url in urls:
            if scheme := unsafe_scheme(url, whole_page, tag):
                found.append(("url", scheme, (scheme + ":", url.strip()[:60])))
            elif fetched and (website := other_website(url, own_host)):
                # The address is what the Markdown source shows
                found.append(("external", website, (url.strip()[:60], name)))
    return found


class _Checker(HTMLParser):
    def __init__(self, own_markup: bool, whole_page: bool = False, own_host: str | None = None):
        super().__init__(convert_charrefs=True)
        self.own_markup = own_markup
        self.whole_page, self.own_host = whole_page, own_host  # see attribute_findings
        self.foreign = 0  # depth of open <svg> and <math> elements
        self.findings: list[Finding] = []

    def handle_starttag(self, tag, attrs):
        line, attributes = self.getpos()[0], dict(attrs)
        classes = set((attributes.get("class") or "").split())
        if tag in _FOREIGN_ROOTS:
            self.foreign += 1
        ordinary = self.foreign and tag in _FOREIGN_ORDINARY
        if (
            tag in UNSAFE_ELEMENTS and not ordinary and not self.whole_page
            and not (self.own_markup and _is_own_element(tag, attributes, classes))
        ):
            self.findings.append(Finding(line, "tag", tag, ("<" + tag,)))
        own = self.own_markup and bool(classes & OWN_HIDDEN_CLASSES)
        for kind, detail, clues in attribute_findings(tag, attrs, own, self.whole_page, self.own_host):
            self.findings.append(Finding(line, kind, detail, clues))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in _FOREIGN_ROOTS:
            self.foreign -= 1

    def handle_endtag(self, tag):
        if tag in _FOREIGN_ROOTS and self.foreign:
            self.foreign -= 1

    # A browser ends a comment sooner than this parser at "<!-->", "<!--->"
    # and "--!>", and "<![CDATA[" (outside SVG) at the first ">": what
    # follows is live markup there, so it is checked as such.
    def handle_comment(self, data):
        for opening in (">", "->"):
            if data.startswith(opening):
                return self._check_rest(data, len(opening))
        if "--!>" in data:
            self._check_rest(data, data.index("--!>") + 4)

    def parse_marked_section(self, i, report=1):
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:  # "<![ x ]>": the parser gives up where a browser reads a comment to the next ">"
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1

    def unknown_decl(self, data):
        if ">" in data:
            self._check_rest(data, data.index(">") + 1)

    def _check_rest(self, data: str, start: int) -> None:
        first_line = self.getpos()[0] + data.count("\n", 0, start)
        for finding in _parse(data[start:], self.own_markup, self.whole_page, self.own_host):
            self.findings.append(Finding(finding.line + first_line - 1, finding.kind, finding.detail, finding.clues))


def _is_own_element(tag: str, attrs: dict[str, str | None], classes: set[str]) -> bool:
    if tag == "script":
        return OWN_DATA_SCRIPT_CLASS in classes and bool(_DATA_TYPE.match(attrs.get("type") or "")) and "src" not in attrs
    if tag == "form":
        return bool(OWN_FORM_CLASSES & classes) and not {"action", "method", "target"} & attrs.keys()
    return False


def find_unsafe_html(html: str, own_markup: bool = True) -> list[Finding]:
    """Every unsafe element and attribute in an HTML fragment or page.

    ``own_markup`` lets our renderers' markup through (rendered pages);
    the source check turns it off, as no Markdown needs it.
    """
    return _parse(html, own_markup)


def _parse(html: str, own_markup: bool, whole_page: bool = False, own_host: str | None = None) -> list[Finding]:
    checker = _Checker(own_markup, whole_page, own_host)
    checker.feed(html)
    checker.close()
    return checker.findings


# A quick look that tells when the parse below cannot find anything: true
# for the common page, never true where it would (tests/test_html_safety.py
# checks this with generated markup). Tag names and address schemes are
# matched with re.I as in _BAD_SCHEME, which also matches the KELVIN SIGN
# that str.lower() turns into "k".
_NEEDS_PARSE = re.compile(
    # What the checker reads again: a comment that starts "<!-->" or
    # "<!--->" or holds "--!>", marked sections and other "<!" and "<?"
    # markup, "</" without a tag name
    r"<!(?!--(?!-?>))|--!>|<\?|</(?!(?-i:[a-zA-Z]))"
    # <svg> and <math> only let a <title> through, so they need no parse
    r"|<(?:" + "|".join(sorted(UNSAFE_ELEMENTS)) + ")",
    re.I,
)
# An attribute name starts after a quote, white space or '/' and ends
# before white space, '/', '=' or '>' (html.parser's attrfind_tolerant)
_WATCHED_ATTRIBUTE = re.compile(r"""(?<=['"\s/])(?:on|(?:style|hidden|attributename)(?![^\s/=><]))""", re.I)
# A tag that may fetch from another website: an attribute that fetches, or an
# element whose href does, with a scheme's ':', a '//' or a '\\' in the tag
# as read (see other_website)
_FETCHING = re.compile(
    r"""(?<=['"\s/])(?:""" + "|".join(sorted(FETCHED_ATTRIBUTES)) + r""")(?![^\s/=><])"""
    r"|<(?:" + "|".join(sorted(_FETCHING_ELEMENTS)) + r")(?![^\s/>])",
    re.I,
)
_OFF_SITE_HINT = re.compile(r"[:\\]|//")
_SCHEME_ANYWHERE = re.compile(_BAD_SCHEME.pattern.lstrip("^"), re.I)


class _StartTags(HTMLParser):
    """Where html.parser's own reading ends each start tag."""

    def __init__(self, html: str):  # no parser state: only check_for_whole_start_tag is used
        self.rawdata = html

    def texts(self) -> list[str] | None:
        """The text of every start tag the parser could read; None if one is cut off."""
        found = []
        for opening in starttagopen.finditer(self.rawdata):
            end = self.check_for_whole_start_tag(opening.start())
            if end < 0:
                return None
            found.append(self.rawdata[opening.start():end])
        return found


def plainly_safe(html: str) -> bool:
    """Whether ``html`` surely has nothing ``find_unsafe_html`` would find.

    Every tag the parser reads starts at a '<' and a letter, so looking at
    the text from each of them (also those in comments), with the
    parser's own idea of where the tag ends, sees every tag name,
    attribute name and value it reads. Attribute values are parts of that
    text; the entities in them decode alike in the whole (the characters
    around a value are never part of an entity's name), so an address the
    parser would see as "javascript:" shows in the decoded whole. The
    comments left are those the checker does not read again.
    """
    if _NEEDS_PARSE.search(html):
        return False
    tags = _StartTags(html).texts()
    if tags is None:
        return False
    text = "".join(tags)  # each starts with '<': nothing found runs across two
    if _WATCHED_ATTRIBUTE.search(text):
        return False
    if _FETCHING.search(text) and any(
        _FETCHING.search(tag) and _OFF_SITE_HINT.search(_CONTROL.sub("", unescape(tag))) for tag in tags
    ):
        return False
    return not _SCHEME_ANYWHERE.search(_CONTROL.sub("", unescape(text)))


# The quick look for a whole written page. The theme's page has scripts,
# forms, style sheets and hidden controls of its own, so this looks only for
# the start of what the whole-page rules find, with searches for fixed words
# (fast) in the page lowercased as the parser lowercases names: an on...
# attribute with a value; an address whose value may start a script address
# (a script scheme, or an entity, a control character or '\\' before the
# first ':' or '/'), or for a fetched one, an address on another website; a
# style that may hold url(); and what always takes the parse (an SVG
# animation's target, srcset, SVG images, elements that open documents).
# Every name and value the parser reads is in the raw text, so no tag context
# is needed; a word in the text only costs a parse. <link> tags are read one
# by one (_links_plainly_safe).
_FOLDS = ("\u017f", "\u0130", "\u0131")  # re.I matches them as 's' and 'i', as _BAD_SCHEME does
_ALWAYS_PARSE = ("attributename", "srcset", *(f"<{name}" for name in sorted(_FETCHING_ELEMENTS | _DOCUMENT_ELEMENTS)))
_EVENT_NAME = re.compile(r"on[^\s/=>]*\s*=")
_TRICKY_START = r"""[^\s"'>:/?#\\]*[&\x00-\x20\\]"""
_SCRIPT_START = r"""[\x00-\x20]*(?:javascript|vbscript|data(?!:image/)):"""
_OFF_SITE_START = r"""(?!data:image/)[^\s"'>:/?#\\]*:|/[\x00-\x20]*[/\\]"""
# One search per name (a fixed word first is what makes it fast); a name
# inside another ('src' in 'lowsrc', 'href' in 'xlink:href') finds both
_SUSPECT_VALUES = [
    re.compile(
        name + r"""\s*=+\s*["']?(?:""" + _TRICKY_START + "|" + _SCRIPT_START
        + ("|" + _OFF_SITE_START if name in FETCHED_ATTRIBUTES else "") + ")"
    )
    for name in ("href", "src", "action", "data", "background", "cite", "longdesc", "ping", "codebase", "manifest", "icon", "poster")
]
_STYLE_URL = re.compile(r"""style\s*=+\s*(?:"[^"]*[(\\&]|'[^']*[(\\&]|[^\s>]*[(\\&])""")
_LINK_TAG = re.compile(r"<link(?![^\s/>])", re.I)


def _links_plainly_safe(html: str, own_host: str | None) -> bool:
    """Whether no <link> tag, as the parser reads it, has a finding (a
    <link> inside a comment counts too: the parse then decides)."""
    reader = _StartTags(html)
    for opening in _LINK_TAG.finditer(html):
        end = reader.check_for_whole_start_tag(opening.start())
        if end < 0 or _parse(html[opening.start():end], True, True, own_host):
            return False
    return True


def find_unsafe_in_written_page(html: str, own_host: str | None = None) -> list[Finding]:
    """What may not be on any page, in a whole page as written (theme,
    titles, strings and body): event handlers with code, script addresses,
    and files fetched from another website than ``own_host``."""
    return [] if page_plainly_safe(html, own_host) else _parse(html, True, True, own_host)


def page_plainly_safe(html: str, own_host: str | None = None) -> bool:
    """Whether a whole page surely has nothing ``find_unsafe_in_written_page``
    would find (tests/test_html_safety.py checks it as for plainly_safe)."""
    if any(fold in html for fold in _FOLDS):
        return False
    low = html.lower()
    if any(word in low for word in _ALWAYS_PARSE) or _STYLE_URL.search(low):
        return False
    # A name starts after white space, a quote or '/' (html.parser's
    # attrfind_tolerant); matches may overlap ('none"onclick=')
    position = 0
    while match := _EVENT_NAME.search(low, position):
        start = match.start()
        before = low[start - 1] if start else ""
        if before.isspace() or before in ("'", '"', "/"):
            return False
        position = start + 1
    if any(pattern.search(low) for pattern in _SUSPECT_VALUES):
        return False
    return _links_plainly_safe(html, own_host)


def check_written_pages(pages: Iterable[tuple[str, str]], own_host: str | None, sources: Callable[[], list[tuple[str, str]]]) -> list[Problem]:
    """Problems in the site's pages as written: (site path, HTML) each.

    A finding is placed at the first line of ``sources`` ((path shown,
    text): the templates and settings, asked for only when there is a
    finding) that shows what was found; else at its line in the first page
    it was found on. One problem per place and finding, naming the first
    page and how many more have it.
    """
    found: dict[tuple, tuple[Problem, list[str]]] = {}
    texts = None
    for path, html in pages:
        for finding in find_unsafe_in_written_page(html, own_host):
            if texts is None:
                texts = [(shown, text.splitlines()) for shown, text in sources()]
            where = next(
                ((shown, line) for shown, lines in texts if (line := _source_line(lines, finding.clues, set())) is not None),
                None,
            )
            key = (where, finding.kind, finding.detail, finding.clues)
            if key not in found:
                found[key] = (Problem(*(where or (path, finding.line)), message(finding)), [])
            found[key][1].append(path)
    problems = []
    for problem, paths in found.values():
        more = f" and {len(paths) - 1} more" if len(paths) > 1 else ""
        problems.append(Problem(problem.path, problem.line, f"{problem.message} (in the built page {paths[0]}{more})"))
    return problems


def message(finding: Finding) -> str:
    return MESSAGES[finding.kind].format(finding.detail)


def check_page_html(html: str, source_path_shown: str, source_text: str) -> list[Problem]:
    """Problems in a page's rendered body, traced back to its Markdown file.

    ``html`` is ``page.content``: what the page's Markdown rendered to,
    including fact values and calculators, before the theme puts it into
    its template. The line is the first in the source that mentions what
    was found (the tag, or the attribute or address scheme with its value;
    else the attribute or scheme alone) and was not given to the same
    finding before; without one, the file alone.
    """
    findings = _page_findings(html)
    if not findings:
        return []
    lines = source_text.splitlines()
    used: dict[tuple[str, ...], set[int]] = {}
    problems = []
    for finding in findings:
        taken = used.setdefault(finding.clues, set())
        line = _source_line(lines, finding.clues, taken)
        if line is not None:
            taken.add(line)
        problems.append(Problem(source_path_shown, line, message(finding)))
    # One report per place and kind, in the order of the file
    return sorted(dict.fromkeys(problems), key=lambda problem: problem.line or 0)


@lru_cache(maxsize=64)
def _page_findings(html: str) -> tuple[Finding, ...]:
    # A page that falls back to Spanish often renders to the same HTML in
    # every language: look at it once
    return () if plainly_safe(html) else tuple(find_unsafe_html(html))


def _mentions(line: str, text: str) -> bool:
    return text.lower() in line.lower() or _CONTROL.sub("", text.lower()) in _as_read(line)


def _source_line(lines: list[str], clues: tuple[str, ...], used: set[int]) -> int | None:
    for wanted in (clues, clues[:1]):
        matches = [number for number, line in enumerate(lines, 1) if all(_mentions(line, clue) for clue in wanted)]
        if fresh := [number for number in matches if number not in used]:
            return fresh[0]
        if matches:
            return matches[0]
    return None
