"""The site's stylesheets, cut to what the pages use and split for a fast first paint.

After MkDocs has written the site, :func:`optimise` (called by
``python -m build_tools build``):

1. reads every stylesheet the pages link in their ``<head>`` (Material's
   main and palette CSS, ours), in page order;
2. removes the rules no page can use (:func:`purge`): a selector stays only
   if each class, id, element and attribute it needs appears in a built page
   or in one of the site's scripts (classes set by JavaScript stay), as
   PurgeCSS does, except the families Material's scripts only add to a
   page's own markup (:func:`markup_only`); custom properties and
   ``@keyframes`` nothing uses go too;
3. keeps, for every page's first screen, each rule that matches an element
   there (:func:`first_screen_rules`, matched with cssselect2 against the
   built HTML): this part goes inline, in a ``<style>`` the CSP allows by
   its hash (build_tools.deploy);
4. writes the whole purged stylesheet as one fingerprinted file, linked at
   the end of ``<body>``, so it never delays the first paint.

The inline part is a subset of that file, which repeats it in the original
order: once the file arrives every element gets exactly the style the
original stylesheets gave it, and what is on the first screen had it
already, so nothing moves.

Plain MkDocs builds (``make serve``, the tests' ``built_site``) keep the
original ``<link>`` tags: a working, unoptimised site.
"""

from __future__ import annotations

import functools
import hashlib
import re
from html.parser import HTMLParser
from typing import Callable, Iterable, Iterator
from xml.etree import ElementTree

import cssselect2
import tinycss2

from build_tools.reader.offline import relative, resolve

# About one phone screen of a guide's text (360×640): text after this many
# characters of the article is below the first screen
FIRST_SCREEN_CHARS = 900
# Where the rest of the CSS goes; the 8 hex digits and .min.css match
# nginx's cache-forever location (deploy/nginx/derechos-claros.conf)
OUTPUT = "assets/stylesheets/site.{digest}.min.css"

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_HEAD = re.compile(r"<head>.*?</head>", re.S | re.I)
_STYLESHEET = re.compile(r"""[ \t]*<link\b(?=[^>]*\brel=["']?stylesheet\b)[^>]*\bhref=["'](?P<href>[^"']+)["'][^>]*>\n?""", re.I)
_SCRIPT_SRC = re.compile(r"""<script\b[^>]*\bsrc=["'](?P<src>[^"']+)["']""", re.I)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_VAR = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")


# HTML as an ElementTree (for cssselect2), with the standard library only

class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = ElementTree.Element("html")
        self.stack = [self.root]
        self.seen_html = False

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        if tag == "html" and not self.seen_html:
            self.seen_html = True
            self.root.attrib.update(values)
            return
        element = ElementTree.SubElement(self.stack[-1], tag, values)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        ElementTree.SubElement(self.stack[-1], tag, {name: value or "" for name, value in attrs})

    def handle_endtag(self, tag):
        # Close up to the matching open element; a stray end tag changes nothing
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def html_tree(text: str) -> ElementTree.Element:
    """The ``<html>`` element of a page, as an ElementTree."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def page_tokens(root: ElementTree.Element) -> set[str]:
    """Element names, attribute names, ids, classes and attribute values of a page."""
    tokens = set()
    for element in root.iter():
        tokens.add(element.tag.lower())
        for name, value in element.attrib.items():
            tokens.add(name.lower())
            tokens.update(value.split())
    return tokens


def script_tokens(text: str) -> set[str]:
    """Every word a script could put into a page as a class, id, element or attribute."""
    return set(_WORD.findall(text))


# Material's bundle names these classes, but only adds them to markup of the
# same family that a page already has (content tabs, code annotations, the
# repository link) or never adds them (admonition types come from the
# Markdown): a script's word of one of these families counts only if some
# page has a word of that family.
MARKUP_PREFIXES = ("tabbed-", "md-annotation", "md-source")
ADMONITION_TYPES = frozenset({"note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger", "bug", "example", "quote"})
# Palette colours: the bundle sets data-md-color-primary/accent only to values
# the page's palette markup (the header's palette toggle, or <body>) holds
PALETTE_COLOURS = frozenset({"red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal", "green", "light-green",
                             "lime", "yellow", "amber", "orange", "deep-orange", "brown", "grey", "blue-grey", "black", "white"})


# Families the bundle makes only when a theme feature or setting asks for them
# (the "version" setting of `extra`): family, what asks for it
FEATURE_FAMILIES = {
    "md-tooltip": ("content.tooltips", "content.code.annotate"),
    "md-version": ("version",),
}


def markup_only(script_words: set[str], page_words: set[str], features: Iterable[str] = ()) -> set[str]:
    """``script_words`` without the families of MARKUP_PREFIXES, the
    ADMONITION_TYPES and PALETTE_COLOURS that no page has, nor those of FEATURE_FAMILIES that
    no feature in ``features`` asks for (annotations' tooltips: a page's
    ``annotate`` markup asks too)."""
    features = set(features) | ({"content.code.annotate"} if "annotate" in page_words else set())
    absent = tuple(prefix for prefix in MARKUP_PREFIXES if not any(word.startswith(prefix) for word in page_words))
    absent += tuple(family for family, asked_by in FEATURE_FAMILIES.items() if not features & set(asked_by))
    markup_words = ADMONITION_TYPES | PALETTE_COLOURS
    return {word for word in script_words if not word.startswith(absent) and (word not in markup_words or word in page_words)}


# Selectors

def _selectors(prelude) -> list[list]:
    """A rule's selector list, split on its top-level commas."""
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    selectors.append(current)
    return [_strip(selector) for selector in selectors]


def _strip(tokens: list) -> list:
    while tokens and tokens[0].type in ("whitespace", "comment"):
        tokens = tokens[1:]
    while tokens and tokens[-1].type in ("whitespace", "comment"):
        tokens = tokens[:-1]
    return tokens


def selector_needs(selector: list) -> set[str]:
    """What must be in a page for a selector to match: its classes, ids,
    element names and attribute names (and ``=`` values). What is inside
    :not(), :is(), :where() or :has() is not needed (it may be absent)."""
    needs = set()
    previous = None
    for token in selector:
        if token.type == "ident" and previous is not None and previous.type == "literal" and previous.value == ".":
            needs.add(token.value)
        elif token.type == "ident" and not (previous is not None and previous.type == "literal" and previous.value in (":", "::")):
            needs.add(token.value.lower())
        elif token.type == "hash":
            needs.add(token.value)
        elif token.type == "[] block":
            parts = [t for t in token.content if t.type not in ("whitespace", "comment")]
            if parts and parts[0].type == "ident":
                needs.add(parts[0].value.lower())
            if len(parts) >= 3 and parts[1].type == "literal" and parts[1].value == "=" and parts[2].type in ("ident", "string"):
                needs.update(parts[2].value.split())
        if token.type not in ("whitespace", "comment"):
            previous = token
        else:
            previous = None
    return needs


def _text(tokens) -> str:
    return tinycss2.serialize(tokens).strip()


# Parsed stylesheet: a flat list of style rules, each with its at-rule context

class Rule:
    """One style rule: its selectors, its declarations as (name, value)
    pairs (parsed once, when the stylesheet is read) and the at-rules around it."""

    def __init__(self, selectors: list[list], declarations: list[tuple[str, str]], context: tuple[str, ...],
                 selector_text: list[str] | None = None):
        self.selectors = selectors
        self.selector_text = selector_text if selector_text is not None else [_text(s) for s in selectors]
        self.declarations = declarations
        self.context = context  # e.g. ('@media screen and (max-width:76.2344em)',)


class Other:
    """An at-rule kept as a whole (@keyframes, @font-face, @page...)."""

    def __init__(self, text: str, context: tuple[str, ...], name: str, keyframes: str | None = None):
        self.text = text
        self.context = context
        self.name = name
        self.keyframes = keyframes


def parse(css: str) -> list[Rule | Other]:
    """The rules of a stylesheet in order, nested at-rules flattened into ``context``."""
    return list(_walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), ()))


def _walk(nodes, context) -> Iterator[Rule | Other]:
    for node in nodes:
        if node.type == "qualified-rule":
            yield Rule(_selectors(node.prelude), _declarations(node.content), context)
        elif node.type == "at-rule" and node.lower_at_keyword in ("media", "supports") and node.content is not None:
            header = f"@{node.lower_at_keyword} {_text(node.prelude)}"
            inner = tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
            yield from _walk(inner, context + (header,))
        elif node.type == "at-rule":
            name = node.lower_at_keyword
            keyframes = _text(node.prelude) if name.endswith("keyframes") else None
            yield Other(tinycss2.serialize([node]).strip(), context, name, keyframes)


def serialize(rules: Iterable[Rule | Other]) -> str:
    """Rules back to CSS, neighbours in the same at-rules grouped again."""
    out: list[str] = []
    open_context: tuple[str, ...] = ()
    for rule in rules:
        common = 0
        while common < min(len(open_context), len(rule.context)) and open_context[common] == rule.context[common]:
            common += 1
        out.append("}" * (len(open_context) - common))
        out.extend(header + "{" for header in rule.context[common:])
        open_context = rule.context
        if isinstance(rule, Rule):
            out.append(",".join(rule.selector_text) + "{" + ";".join(f"{name}:{value}" for name, value in rule.declarations) + "}")
        else:
            out.append(rule.text)
    out.append("}" * len(open_context))
    return "".join(out)


# 1. What no page uses

def _value(tokens) -> str:
    """A declaration's value, its runs of white space (outside strings) made one space."""
    text, space = [], False
    for token in tokens:
        if token.type in ("whitespace", "comment"):
            space = True
            continue
        if space and text:
            text.append(" ")
        space = False
        text.append(tinycss2.serialize([token]))
    return "".join(text)


def _declarations(content) -> list[tuple[str, str]]:
    """A rule's block (tinycss2 tokens) as (name, value) pairs, ``!important`` kept in the value."""
    parsed = tinycss2.parse_declaration_list(content, skip_comments=True, skip_whitespace=True)
    return [(d.name, _value(d.value) + (" !important" if d.important else "")) for d in parsed if d.type == "declaration"]


def _with_declarations(rule: Rule, declarations: list[tuple[str, str]]) -> Rule:
    return Rule(rule.selectors, declarations, rule.context, rule.selector_text)


def _keep_selectors_at(rule: Rule, indexes: set[int]) -> Rule:
    """The rule with only its selectors at ``indexes``."""
    kept = [i for i in range(len(rule.selectors)) if i in indexes]
    return Rule([rule.selectors[i] for i in kept], rule.declarations, rule.context, [rule.selector_text[i] for i in kept])


def drop_unused_variables(rules: list[Rule | Other], also_used: set[str] = frozenset()) -> list[Rule | Other]:
    """Drop custom properties (``--name``) that no other declaration uses,
    directly or through other custom properties, nor ``also_used`` (names
    scripts read or set); drop rules left empty."""
    definitions: dict[str, set[str]] = {}
    used: set[str] = set(also_used)
    parsed = []
    for rule in rules:
        declarations = rule.declarations if isinstance(rule, Rule) else []
        parsed.append(declarations)
        for name, value in declarations:
            if name.startswith("--"):
                definitions.setdefault(name, set()).update(_VAR.findall(value))
            else:
                used.update(_VAR.findall(value))
        if isinstance(rule, Other):
            used.update(_VAR.findall(rule.text))
    pending = list(used)
    while pending:
        for name in definitions.get(pending.pop(), ()):
            if name not in used:
                used.add(name)
                pending.append(name)
    result = []
    for rule, declarations in zip(rules, parsed):
        if isinstance(rule, Other):
            result.append(rule)
            continue
        kept = [(name, value) for name, value in declarations if not name.startswith("--") or name in used]
        if kept:
            result.append(rule if len(kept) == len(declarations) else _with_declarations(rule, kept))
    return result


def _animations(rules: list[Rule | Other]) -> set[str]:
    names = set()
    for rule in rules:
        if isinstance(rule, Rule):
            for name, value in rule.declarations:
                if name in ("animation", "animation-name"):
                    names.update(_WORD.findall(value))
    return names


def purge(rules: list[Rule | Other], tokens: set[str]) -> list[Rule | Other]:
    """The rules whose selectors can match: each class, id, element and
    attribute a selector needs is in ``tokens``. Then the custom properties
    and @keyframes nothing uses are dropped."""
    kept = []
    for rule in rules:
        if isinstance(rule, Other):
            kept.append(rule)
            continue
        indexes = {i for i, selector in enumerate(rule.selectors) if selector_needs(selector) <= tokens}
        if indexes:
            kept.append(rule if len(indexes) == len(rule.selectors) else _keep_selectors_at(rule, indexes))
    kept = drop_unused_variables(kept, {token for token in tokens if token.startswith("--")})
    animations = _animations(kept)
    return [rule for rule in kept if not (isinstance(rule, Other) and rule.keyframes is not None and rule.keyframes not in animations)]


# 2. What the first screen needs

# Phone and small-tablet widths, in CSS px, at which the inline part must
# give the final layout (wider screens get it when the rest arrives)
WIDTHS = (320, 360, 412, 480, 600, 720, 768, 959)
SCREEN_HEIGHT = 640
# Declarations that change nothing in a first paint (what the reader does
# next, and transitions that have nothing to animate yet), or only a shade
# that moves nothing when the file brings it (shadows, focus outlines,
# font smoothing for macOS, Firefox-only and print properties): left to the file
_NOT_FIRST_PAINT = ("transition", "cursor", "pointer-events", "touch-action", "will-change", "backface-visibility",
                    "scroll-snap", "scroll-behavior", "scroll-padding", "-webkit-tap-highlight-color", "user-select", "-webkit-user-select", "scrollbar-",
                    "box-shadow", "outline", "-moz-", "-webkit-font-smoothing", "-webkit-print-color-adjust", "color-adjust")
_FEATURE = re.compile(r"\(\s*(?P<name>[a-z-]+)\s*(?::\s*(?P<value>[^)]+?))?\s*\)")


def _pixels(value: str) -> float | None:
    match = re.fullmatch(r"\s*([0-9.]+)\s*(px|em|rem)?\s*", value)
    if not match:
        return None
    return float(match[1]) * (16 if match[2] in ("em", "rem") else 1)


@functools.lru_cache(maxsize=None)
def media_applies(query_list: str, width: float, height: float = SCREEN_HEIGHT) -> bool:
    """Whether an @media query list holds on a phone's screen ``width`` px wide
    (device pixel ratio 2, touch, light scheme, motion allowed). A feature
    this does not know is taken as true."""
    for query in query_list.split(","):
        words = query.strip().lower()
        negate = words.startswith("not ")
        words = re.sub(r"^(not|only)\s+", "", words)
        media_type = words.split("(")[0].replace("and", " ").split()
        holds = not media_type or media_type[0] in ("screen", "all")
        for feature in _FEATURE.finditer(words):
            name, value = feature["name"], (feature["value"] or "").strip()
            size = _pixels(value) if value else None
            if name in ("min-width", "max-width", "min-height", "max-height") and size is not None:
                actual = width if name.endswith("width") else height
                holds &= actual >= size if name.startswith("min") else actual <= size
            elif name == "prefers-reduced-motion":
                holds &= value == "no-preference"
            elif name == "prefers-color-scheme":
                holds &= value != "dark"
            elif name in ("max-resolution", "min-resolution") and value.endswith("dppx"):
                ratio = float(value[:-4])
                holds &= 2 <= ratio if name.startswith("max") else 2 >= ratio
            elif name == "hover":
                holds &= value == "none"
            elif name == "pointer":
                holds &= value == "coarse"
        if holds != negate:
            return True
    return False


def _applies(rule: Rule | Other, width: float) -> bool:
    return all(media_applies(header[len("@media "):], width) for header in rule.context if header.startswith("@media "))


def _cascade(matches, rules, width: float, element) -> dict[str, str]:
    """The values of a few layout properties on an element at ``width``, from
    the author rules that match it (lowest to highest priority) and the
    browser's ``[hidden]{display:none}``."""
    values = {"display": "none"} if element.etree_element.get("hidden") is not None else {}
    important = set()
    for *_, pseudo, (number, _index) in matches:
        if pseudo is not None or not _applies(rules[number], width):
            continue
        for name, value in rules[number].declarations:
            if name in ("display", "position", "opacity", "left", "right") and (name not in important or value.endswith("!important")):
                values[name] = value.removesuffix(" !important")
                if value.endswith("!important"):
                    important.add(name)
    return values


def _hidden(values: dict[str, str]) -> bool:
    """Nothing inside this element shows or moves anything on the first
    screen: not displayed, or out of the flow and transparent or pushed off
    the screen's side (the navigation drawer, the search panel, menus)."""
    if values.get("display") == "none":
        return True
    out_of_flow = values.get("position") in ("fixed", "absolute")
    off_side = any(values.get(side, "").startswith("-") for side in ("left", "right"))
    return out_of_flow and (values.get("opacity") in ("0", "0.0") or off_side)


def first_screen(root: ElementTree.Element, chars: int = FIRST_SCREEN_CHARS) -> set[int]:
    """ids of the elements of a page that can be on its first screen: the
    document up to ``chars`` characters of text into the article
    (everything before the article, such as the header, the navigation
    drawer and the sidebars, included)."""
    chosen: set[int] = set()
    article_text = [0]

    def visit(element, in_article) -> bool:
        """False once the first screen is full."""
        chosen.add(id(element))
        in_article = in_article or element.tag == "article"
        if in_article:
            article_text[0] += len((element.text or "").strip())
        for child in element:
            if in_article and article_text[0] >= chars:
                return False
            if not visit(child, in_article):
                return False
            if in_article:
                article_text[0] += len((child.tail or "").strip())
        return element.tag != "article"

    visit(root, False)
    return chosen


def first_screen_rules(rules: list[Rule | Other], pages: Iterable[ElementTree.Element], chars: int = FIRST_SCREEN_CHARS) -> list[Rule | Other]:
    """The rules (only their selectors that match) that style an element of
    some page's first screen at phone widths, with the custom properties
    they use.

    Pseudo-elements positioned out of the flow (icons) are left out: they
    move nothing when the file brings them.

    A page's first screen: its elements up to ``chars`` characters into the
    article (the header and whatever comes before the article included),
    and any fixed or sticky element after that. Inside an element that is
    hidden at every phone width (see :func:`_hidden`), only the rules that
    hide it count: its content cannot show or move anything.
    """
    matcher = cssselect2.Matcher()
    # Only rules that can make an element fixed or sticky: most of a page is
    # off its first screen, and there this small matcher is all that is asked
    placing = cssselect2.Matcher()
    placing_keys: set[tuple[str, str] | None] = set()
    for number, rule in enumerate(rules):
        if isinstance(rule, Other) or not any(_applies(rule, width) for width in WIDTHS):
            continue
        places = any(name == "position" and _PLACED.match(value) for name, value in rule.declarations)
        for index, selector in enumerate(rule.selectors):
            try:
                compiled = cssselect2.compile_selector_list(selector)
            except cssselect2.SelectorError:
                continue  # a selector cssselect2 cannot read cannot be matched here
            for one in compiled:
                matcher.add_selector(one, (number, index))
                if places:
                    placing.add_selector(one, (number, index))
                    placing_keys.add(_key(one))
    matched: set[tuple[int, int]] = set()
    for root in pages:
        on_screen = first_screen(root, chars)
        may_place = _holding(root, placing_keys)

        def visit(element, shown: bool) -> None:
            off = not shown and id(element.etree_element) not in on_screen
            if off and may_place is not None and id(element.etree_element) not in may_place:
                return  # off the first screen, and nothing in it can be fixed or sticky
            # Off the first screen, only an element that may become fixed or sticky is matched
            if not off or placing.match(element):
                matches = matcher.match(element)
                values = [_cascade(matches, rules, width, element) for width in WIDTHS]
                shown = shown or any(v.get("position") in ("fixed", "sticky") and not _hidden(v) for v in values)
            if not shown and id(element.etree_element) not in on_screen:
                for child in element.iter_children():
                    visit(child, False)
                return
            matched.update(payload for *_, pseudo, payload in matches if pseudo is None or not _out_of_flow(rules[payload[0]].declarations))
            if all(_hidden(v) for v in values):
                return
            for child in element.iter_children():
                visit(child, shown)

        visit(cssselect2.ElementWrapper.from_html_root(root), False)
    selected: list[Rule | Other] = []
    for number, rule in enumerate(rules):
        indexes = {index for n, index in matched if n == number}
        if indexes:
            selected.append(_keep_selectors_at(rule, indexes))
    return drop_unused_variables([_without(rule, _NOT_FIRST_PAINT) for rule in selected])


def _key(selector) -> tuple[str, str] | None:
    """What an element needs for a compiled selector to match it, as
    cssselect2 indexes it: ("id", …), ("class", …) or ("name", …); None if
    any element may match."""
    if selector.id is not None:
        return ("id", selector.id)
    if selector.class_name is not None:
        return ("class", selector.class_name)
    if selector.lower_local_name is not None:
        return ("name", selector.lower_local_name)
    return None


def _holding(root: ElementTree.Element, keys: set[tuple[str, str] | None]) -> set[int] | None:
    """ids of the elements that have one of ``keys``, with their ancestors;
    None when a key is None (any element may match)."""
    if None in keys:
        return None
    parents = {child: parent for parent in root.iter() for child in parent}
    found: set[int] = set()
    for element in root.iter():
        own = {("id", element.get("id")), ("name", element.tag.lower())}
        own.update(("class", name) for name in _CLASS_SPLIT.split(element.get("class", "")) if name)
        if own & keys:
            while element is not None and id(element) not in found:
                found.add(id(element))
                element = parents.get(element)
    return found


# cssselect2 splits the class attribute on ASCII whitespace
_CLASS_SPLIT = re.compile(r"[ \t\n\f\r]+")
# A position value that can take an element out of the page's flow onto the screen
_PLACED = re.compile(r"\s*(fixed|sticky)\b")


def _out_of_flow(declarations: list[tuple[str, str]]) -> bool:
    """A ::before or ::after drawn out of the flow (an icon, a menu's arrow)
    moves nothing when it appears: it is left to the file."""
    return any(name == "position" and value.split()[0] in ("absolute", "fixed") for name, value in declarations)


def _without(rule: Rule, names) -> Rule:
    """The rule without the declarations that change nothing in a first paint."""
    kept = [(name, value) for name, value in rule.declarations if not name.startswith(names)]
    return rule if len(kept) == len(rule.declarations) else _with_declarations(rule, kept)


# 3. The built site

def optimise(site, pages: list[str] | None = None, group: Callable[[str], str] = lambda page: "", features: Iterable[str] = ()) -> str | None:
    """Purge and split the stylesheets of a built site (a deploy.BuiltSite);
    return the path of the stylesheet written, or None if no page links one.

    The pages of one ``group`` (a page path's group name, e.g. its
    language) get the same inline ``<style>`` (one CSP hash per group), the
    first-screen rules of those pages only, where their first stylesheet link
    was; every page gets a link to the whole purged stylesheet at the end of
    its body. ``features``: the theme's features, and "version" if the
    version selector is configured (:func:`markup_only`).
    """
    pages = pages if pages is not None else [p for p in site.paths() if p.endswith(".html")]
    sheets: list[str] = []
    linked: dict[str, list[str]] = {}
    for page in pages:
        head = _HEAD.search(site.text(page))
        if not head:
            continue
        for match in _STYLESHEET.finditer(head.group(0)):
            path = resolve(page, match["href"])
            if path is not None and path in site:
                linked.setdefault(page, []).append(path)
                if path not in sheets:
                    sheets.append(path)
    if not sheets:
        return None
    trees = {page: html_tree(site.text(page)) for page in linked}
    tokens: set[str] = set()
    for tree in trees.values():
        tokens |= page_tokens(tree)
    words: set[str] = set()
    for path in sorted(p for p in site.paths() if p.endswith(".js")):
        words |= script_tokens(site.text(path))
    tokens |= markup_only(words, tokens, features)
    rules = purge(parse("\n".join(site.text(path) for path in sheets)), tokens)
    whole = serialize(rules)
    members: dict[str, list[ElementTree.Element]] = {}
    for page, tree in trees.items():
        members.setdefault(group(page), []).append(tree)
    inline = {name: serialize(first_screen_rules(rules, pages_of)) for name, pages_of in members.items()}
    output = OUTPUT.format(digest=hashlib.sha256(whole.encode("utf-8")).hexdigest()[:8])
    site.write(output, whole)
    for page, paths in linked.items():
        site.write(page, rewrite_page(site.text(page), page, paths, inline[group(page)], output))
    return output


def rewrite_page(html: str, page: str, sheets: list[str], inline: str, output: str) -> str:
    """The page with its head's links to ``sheets`` replaced by the inline
    style, and a link to ``output`` at the end of its body."""
    head = _HEAD.search(html)
    replaced: list[str] = []

    def replace(match):
        if resolve(page, match["href"]) not in sheets:
            return match.group(0)
        replaced.append(match["href"])
        return f"<style>{inline}</style>\n" if len(replaced) == 1 else ""

    new_head = _STYLESHEET.sub(replace, head.group(0))
    html = html[: head.start()] + new_head + html[head.end():]
    end = html.rfind("</body>")
    # A page linked from the site's root (404.html, served at any address) stays so
    href = "/" + output if replaced and replaced[0].startswith("/") else relative(output, page)
    return html[:end] + f'<link rel="stylesheet" href="{href}">\n' + html[end:]
