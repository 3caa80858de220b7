"""What the web server needs from a build: gzip and brotli files and the CSP header.

Both are made after MkDocs finishes, from the files it wrote, so they always
match the site being deployed. Those files are read once, into a
:class:`BuiltSite` that the offline step (build_tools.reader.offline) uses too.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import os
import posixpath
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

import brotli
import rjsmin
import zopfli.gzip

from build_tools import background

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".webmanifest")
MIN_SIZE = 256  # smaller files gain nothing from gzip
# Beside each text file: file.gz for any browser, file.br for those that ask
# for brotli (all current ones; about 10 % fewer bytes than gzip)
COMPRESSED_COPIES = (".gz", ".br")
# What a first visit downloads and no later build changes under the same name
# (name.<8 hex>.min.js/css), and the service worker get the slow best
# settings: zopfli (gzip 3 % smaller) and brotli 11 (8 % smaller than 6).
# Too slow for hundreds of pages, which get gzip 9 and brotli 6.
_FIRST_VISIT = re.compile(r"(?:\.[0-9a-f]{8}\.min\.(?:js|css)|^sw\.js)$")
BROTLI_BEST, BROTLI_FAST = 11, 6
CSP_FILE = ".csp.conf"  # included by deploy/nginx/derechos-claros.conf
# A page for a phone that has the whole stylesheet saved: x/index.html's is
# x/index.lean.html, which nginx serves only to our service worker (see
# write_lean_pages); never a page of its own (no sitemap, manifest, zip or CSP entry)
LEAN_PAGE = ".lean.html"

# An inline <script> a browser would run (not JSON data, not src=)
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_INLINE_STYLE = re.compile(r"<style(?P<attrs>[^>]*)>(?P<body>.*?)</style>", re.S | re.I)
_DATA_TYPE = re.compile(r"""\stype\s*=\s*["']?application/(ld\+)?json""", re.I)


class BuiltSite:
    """Every file of a built site, read from disk once, by site path ('en/index.html').

    The steps after MkDocs (CSP, gzip, offline files) all work from these
    bytes, and write through :meth:`write` so that later steps see the new
    files without reading them back.
    """

    def __init__(self, root: Path):
        self.root = Path(root)
        self._data: dict[str, bytes] = {}
        self._text: dict[str, str] = {}
        for folder, _folders, names in os.walk(self.root):
            for name in names:
                path = os.path.join(folder, name)
                with open(path, "rb") as file:
                    self._data[Path(path).relative_to(self.root).as_posix()] = file.read()

    def paths(self) -> list[str]:
        """Every file, sorted folder by folder as pathlib sorts paths (build_id hashes in this order)."""
        return sorted(self._data, key=lambda path: path.split("/"))

    def __contains__(self, path: str) -> bool:
        return path in self._data

    def bytes(self, path: str) -> bytes:
        return self._data[path]

    def text(self, path: str) -> str:
        """The file decoded as UTF-8 (decoded once)."""
        if path not in self._text:
            self._text[path] = self._data[path].decode("utf-8")
        return self._text[path]

    def size(self, path: str) -> int:
        return len(self._data[path])

    def write(self, path: str, data: bytes | str) -> None:
        """Write a file into the site (text as UTF-8) and keep its bytes."""
        if isinstance(data, str):
            self._text[path] = data
            data = data.encode("utf-8")
        else:
            self._text.pop(path, None)
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self._data[path] = data

    def remove(self, path: str) -> None:
        (self.root / path).unlink()
        del self._data[path]
        self._text.pop(path, None)


def drop_source_maps(site: BuiltSite) -> list[str]:
    """Remove the source maps (``*.map``) theme assets ship with.

    Readers never download them (only a browser's developer tools do), and
    Material's quote the address of its authors' own test server, which would
    then appear in the published site.
    """
    maps = [path for path in site.paths() if path.endswith(".map")]
    for path in maps:
        site.remove(path)
    return maps


# Where white space shows or means something (kept as is), a comment, or one tag
# (attribute values quoted or not, '>' allowed inside quotes)
_KEEP_SPACE = re.compile(
    r"<(pre|textarea|script|style|code)\b.*?</\1\s*>|<!--.*?-->|<[A-Za-z/!?][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>",
    re.S | re.I,
)
# A run of white space with a line break in it (not U+00A0, which shows)
_BLANK_LINES = re.compile(r"[ \t\r\n\f]*\n[ \t\r\n\f]*")


def collapse_whitespace(html: str) -> str:
    """The page with each run of white space that holds a line break, between
    tags and in text, made one line break: the templates' indentation, which
    a browser shows as one space anyway. Tags, comments and what is inside
    pre, textarea, script, style and code are left as they are."""
    out, start = [], 0
    for match in _KEEP_SPACE.finditer(html):
        out.append(_BLANK_LINES.sub("\n", html[start:match.start()]))
        out.append(match.group(0))
        start = match.end()
    out.append(_BLANK_LINES.sub("\n", html[start:]))
    return "".join(out)


def collapse_pages(site: BuiltSite) -> int:
    """Collapse the white space of every HTML page; return how many bytes that saved."""
    saved = 0
    for path in site.paths():
        if path.endswith(".html"):
            text = site.text(path)
            tight = collapse_whitespace(text)
            if tight != text:
                saved += len(text) - len(tight)
                site.write(path, tight)
    return saved


_DEFERRED_SCRIPT = re.compile(r"""[ \t]*<script src="(?P<src>[^"]+)" defer></script>\n?""")
# Where merged scripts go: the 8 hex digits and .min.js match nginx's
# cache-forever location and the service worker's cache-first rule
MERGED_SCRIPT = "assets/javascripts/{name}.{digest}.min.js"


def merge_scripts(site: BuiltSite, scripts: list[str], name: str) -> str | None:
    """One file for several deferred scripts that every page loads: one
    request instead of several. ``scripts`` are site paths, in the order they
    must run; the merged file takes the place of the first one in each page
    that loads them all, so the others run earlier than before (they must
    not need what the page loads between them). Each runs on its own as it
    did (``document.currentScript`` is the merged file, in the same folder).
    Return the merged file's path, or None if no page loads them all."""
    text = "".join(site.text(path).rstrip() + "\n;\n" for path in scripts)
    output = MERGED_SCRIPT.format(name=name, digest=hashlib.sha256(text.encode("utf-8")).hexdigest()[:8])
    written = False
    for page in site.paths():
        if not page.endswith(".html"):
            continue
        html = site.text(page)
        tags = {}
        for match in _DEFERRED_SCRIPT.finditer(html):
            tags.setdefault(_site_path(page, match["src"]), match)
        if not all(path in tags for path in scripts):
            continue
        first = tags[scripts[0]]
        if any(tags[path].start() < first.start() for path in scripts[1:]):
            continue  # the first one must come first
        # A page that links from the site's root (404.html, served at any address) stays so
        src = "/" + output if first["src"].startswith("/") else posixpath.relpath(output, posixpath.dirname(page) or ".")
        out = [html[: first.start()], first.group(0).replace(first["src"], src)]
        start = first.end()
        for match in sorted((tags[path] for path in scripts[1:]), key=lambda m: m.start()):
            out.append(html[start: match.start()])
            start = match.end()
        out.append(html[start:])
        site.write(page, "".join(out))
        written = True
    if not written:
        return None
    site.write(output, text)
    return output


def _site_path(page: str, href: str) -> str:
    """A page's link to a file of the site, as a site path."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href)).lstrip("/")


def is_lean(path: str) -> bool:
    return path.endswith(LEAN_PAGE)


def lean_path(page: str) -> str:
    """Where a page's lean variant goes: 'en/index.html' -> 'en/index.lean.html'."""
    return page[: -len(".html")] + LEAN_PAGE


_STYLESHEET_LINK = re.compile(r"""<link rel="stylesheet" href="(?P<href>[^"]+)">\n?""")


def lean_page(html: str, page: str, stylesheet: str) -> str | None:
    """The page with its (first) inline ``<style>`` replaced by the link to
    ``stylesheet`` (a site path) that ends its body, moved there. Every
    element gets the same style: the inline rules are rules of that sheet,
    and no other style sits between the two places. If one does, the end
    link stays as well, so the sheet still applies after it. None if the page
    has no inline style or no such link."""
    style = _INLINE_STYLE.search(html)
    links = [m for m in _STYLESHEET_LINK.finditer(html) if _site_path(page, m["href"]) == stylesheet]
    if not style or not links or links[-1].start() < style.end():
        return None
    link = links[-1]
    between = html[style.end(): link.start()]
    tag = f'<link rel="stylesheet" href="{link["href"]}">'
    if _INLINE_STYLE.search(between) or re.search(r"""<link\b[^>]*\brel=["']?stylesheet""", between, re.I):
        return html[: style.start()] + tag + html[style.end():]
    return html[: style.start()] + tag + between + html[link.end():]


def write_lean_pages(site: BuiltSite, stylesheet: str) -> list[str]:
    """Beside each page with an inline ``<style>``, its lean variant
    (:func:`lean_page`): what nginx sends a phone whose service worker has
    ``stylesheet`` saved, ~2.5 KB less than the page; return their paths."""
    written = []
    for path in site.paths():
        if path.endswith(".html") and not is_lean(path):
            lean = lean_page(site.text(path), path, stylesheet)
            if lean is not None:
                site.write(lean_path(path), lean)
                written.append(lean_path(path))
    return written


def precompress(site: BuiltSite, mtime: int = 0) -> int:
    """Write ``file.gz`` and ``file.br`` beside every text file; return for
    how many files."""
    paths = [path for path in site.paths() if _worth_compressing(site, path)]
    # zlib, brotli and zopfli let go of Python's lock while they work, so
    # threads compress on every core; the files are written here, in order
    with ThreadPoolExecutor(max_workers=background.cores()) as pool:
        for path, copies in zip(paths, pool.map(lambda path: compressed(site.bytes(path), path, mtime), paths)):
            _write_copies(site, path, copies)
    return len(paths)


def is_compressed_copy(path: str) -> bool:
    """A .gz or .br file that :func:`compress` wrote (MkDocs' sitemap.xml.gz too)."""
    return path.endswith(COMPRESSED_COPIES)


def _worth_compressing(site: BuiltSite, path: str) -> bool:
    return PurePosixPath(path).suffix in COMPRESSIBLE and site.size(path) >= MIN_SIZE


def compress(site: BuiltSite, path: str, mtime: int = 0) -> bool:
    """Write ``path.gz`` and ``path.br`` if the file is worth compressing; say
    whether it did."""
    if not _worth_compressing(site, path):
        return False
    _write_copies(site, path, compressed(site.bytes(path), path, mtime))
    return True


def _write_copies(site: BuiltSite, path: str, copies: tuple[bytes, bytes]) -> None:
    gz, br = copies
    site.write(f"{path}.gz", gz)
    site.write(f"{path}.br", br)


def compressed(data: bytes, path: str, mtime: int = 0) -> tuple[bytes, bytes]:
    """The gzip and brotli copies of a file's bytes.

    A fixed ``mtime`` and no file name in the gzip header keep builds
    reproducible (brotli has no header to vary).
    """
    if _FIRST_VISIT.search(path):
        # zopfli's header time is always 0
        return zopfli.gzip.compress(data), brotli.compress(data, quality=BROTLI_BEST)
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=mtime) as gz:
        gz.write(data)
    return out.getvalue(), brotli.compress(data, quality=BROTLI_FAST)


def minify_scripts(site: BuiltSite, paths: list[str]) -> None:
    """Our own scripts without their comments and indentation, as readers get
    them (rjsmin only removes; it renames nothing). Material's come minified."""
    for path in paths:
        if path in site:
            site.write(path, rjsmin.jsmin(site.text(path)))


def _hash(body: str) -> str:
    # Browsers hash the element's text as parsed: HTML turns CR LF and CR into LF
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def page_script_hashes(html: str) -> set[str]:
    """CSP hashes of the inline scripts a browser would run in one page."""
    return {
        _hash(match.group("body"))
        for match in _INLINE_SCRIPT.finditer(html)
        if "src=" not in match.group("attrs").lower() and not _DATA_TYPE.search(match.group("attrs"))
    }


def page_style_hashes(html: str) -> set[str]:
    """CSP hashes of one page's inline <style>s (the first screen's rules,
    build_tools.reader.stylesheets)."""
    return {_hash(match.group("body")) for match in _INLINE_STYLE.finditer(html)}


def _policy_pages(site: BuiltSite) -> list[str]:
    """The pages with a policy of their own: lean variants share their page's
    (same scripts; their one stylesheet is a file)."""
    return [p for p in site.paths() if p.endswith(".html") and not is_lean(p)]


def _page_hashes(site: BuiltSite) -> dict[str, tuple[set[str], set[str]]]:
    """Each page's (inline script hashes, inline style hashes), worked out once."""
    return {path: (page_script_hashes(site.text(path)), page_style_hashes(site.text(path))) for path in _policy_pages(site)}


def _every(hashes: dict[str, tuple[set[str], set[str]]], kind: int) -> list[str]:
    """The hashes of one kind (0 scripts, 1 styles) of all pages, sorted."""
    return sorted(set().union(*(pair[kind] for pair in hashes.values())))


def inline_script_hashes(site: BuiltSite) -> list[str]:
    """CSP hashes of every distinct inline script in the built pages."""
    return _every(_page_hashes(site), 0)


def inline_style_hashes(site: BuiltSite) -> list[str]:
    """CSP hashes of every distinct inline <style> in the built pages."""
    return _every(_page_hashes(site), 1)


def content_security_policy(script_hashes: list[str], style_hashes: list[str] = ()) -> str:
    """Nothing from another origin; scripts and styles only from files or known hashes."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", *style_hashes],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


# For SVG and XML files opened on their own: they need nothing, so nothing runs
FILE_POLICY = "default-src 'none'"
# For worker scripts: what the pages' policy allows a worker (scripts,
# fetches and workers from this site; a worker has no inline script, style,
# frame or form, so the rest of the page policy says nothing to it)
WORKER_POLICY = "default-src 'self'"


def csp_map(policy: str, pages: dict[str, str] | None = None) -> str:
    """The nginx maps that give pages, workers and SVG or XML files
    (``$dc_document``, set in deploy/nginx/derechos-claros.conf) their policy
    in ``$dc_csp``, and other files none: an empty value sends no header.
    ``pages``: a page's own policy by its file's address ('/en/index.html',
    nginx's ``$uri`` once the index file is found, through
    ``$dc_policy_uri``, which gives a lean variant its page's address); any
    other page gets ``policy``."""
    lines = ["map $dc_policy_uri $dc_page_csp {", f'    default "{policy}";']
    lines += [f'    "{uri}" "{own}";' for uri, own in sorted((pages or {}).items())]
    lines += [
        "}",
        "map $dc_document $dc_csp {",
        "    page    $dc_page_csp;",
        f'    worker  "{WORKER_POLICY}";',
        f'    file    "{FILE_POLICY}";',
        '    default "";',
        "}",
    ]
    return "\n".join(lines) + "\n"


def write_csp(site: BuiltSite) -> str:
    """Write the nginx maps that send the CSP: each page with the hashes of
    its own inline scripts and styles only (a dozen hashes are ~600 bytes
    of every page's headers); return the policy with every hash, for pages
    the build did not write."""
    # Each page's hashes, worked out once: its own policy, and their union for the default
    hashes = _page_hashes(site)
    policy = content_security_policy(_every(hashes, 0), _every(hashes, 1))
    pages = {
        "/" + path: content_security_policy(sorted(scripts), sorted(styles))
        for path, (scripts, styles) in hashes.items()
        if '"' not in path and "\\" not in path
    }
    site.write(CSP_FILE, "# Generated by python -m build_tools build - do not edit\n" + csp_map(policy, pages))
    return policy
