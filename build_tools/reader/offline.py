"""Offline reading: the service worker, a download list per language and a
zip per language that works when opened from a file.

`python -m build_tools build` calls :func:`publish` once MkDocs has written
every language and the gzip files exist, so the sizes are what a phone
downloads. A plain `mkdocs build` has none of these files; the pages then
say that saving is not available (see overrides/partials/offline.html).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import rjsmin
from babel import Locale
from babel.dates import format_date
from babel.units import format_unit
from markupsafe import escape

from build_tools import deploy
from build_tools.checks import html_safety
from build_tools.deploy import BuiltSite
from build_tools.errors import ContentError, display_path
from build_tools.i18n.locales import Catalog

WORKER = "sw.js"
MANIFEST = "offline.json"
WORKER_SOURCE = Path(__file__).with_name("offline_worker.js")
VERSION_PLACEHOLDER = "__VERSION__"
# The text of the page the worker shows for a page that was not saved
NOT_SAVED_TEMPLATE = "partials/not-saved.html"
# Our search worker: it loads Material's, and sits beside it
SEARCH_LOADER = "search-stemmed.js"

# Tags a page needs to show: styles, icon, scripts, images (not links to
# other pages or downloads such as audio)
_TAG = re.compile(r"<(?P<tag>link|script|img)\b(?P<attrs>[^>]*)>", re.I)
_ATTR = re.compile(r"""\s(?P<name>[a-z-]+)\s*=\s*(?P<q>["'])(?P<value>.*?)(?P=q)""", re.I | re.S)
_NEEDED_REL = {"stylesheet", "icon", "manifest"}
_CSS_URL = re.compile(r"""url\(\s*["']?(?P<url>[^"')]+)""")
# Material starts its search worker if this form exists
_SEARCH_FORM = re.compile(r"""(<form\b[^>]*?)\s+name=["']search["']""", re.I)
_CONFIG = re.compile(r'<script id="__config" type="application/json">(?P<json>.*?)</script>', re.S)
# href="..." and src="..." anywhere in a page, for the file:// copy
_LINK = re.compile(r"""(?P<pre>\s(?:href|src)=)(?P<q>["'])(?P<url>[^"']*)(?P=q)""", re.I)
# Material fetches sitemap.xml beside each alternate: from a file, that
# would be a request to the site on the web
_ALTERNATE = re.compile(r"<link\b[^>]*\brel=[\"']?alternate\b[^>]*>\s*", re.I)
# A rendered page's title (base.html)
_TITLE = re.compile(r"<title>(?P<text>.*?)</title>", re.S)
# A copy opened from a file cannot run the search (no worker from file://).
# !important: Material shows its header buttons with a more specific rule
# (.md-header__button:not([hidden])) once its script runs.
NO_SEARCH = "<style>.md-search,[for=__search]{display:none!important}</style>"


@dataclass
class Language:
    tag: str
    prefix: str  # the URL folder: '' for the default language
    name: str
    locale: Locale
    catalog: Catalog


# Sizes and dates as the reader's language writes them

def format_size(size: int, locale: Locale) -> str:
    """'1.2 MB', '850 kB' (decimal units, one decimal under 10 MB), never
    broken across two lines."""
    if size >= 1_000_000:
        megabytes = size / 1_000_000
        text = format_unit(round(megabytes, 1 if megabytes < 10 else 0), "digital-megabyte", length="short", locale=locale)
    else:
        text = format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=locale)
    return text.replace(" ", "\u00a0")


def page_strings(catalog: Catalog, locale: Locale, as_of: dt.date) -> dict[str, str]:
    """What every page's offline partial shows: the date of this copy and the control's labels."""
    t = catalog.t
    # offline.js writes its messages into the status line: say their language where it is not the page's
    status_lang = catalog.lang_of("offline.saving")
    return {
        "updated": t("offline.updated", date=format_date(as_of, format="long", locale=locale)),
        **{key: t(f"offline.{key}") for key in ("save", "yes", "no", "saving", "failed", "unavailable")},
        "status_lang": status_lang if status_lang != catalog.lang else "",
    }


# The service worker

def build_id(site: BuiltSite) -> str:
    """A fingerprint of the built site: same files, same id."""
    digest = hashlib.sha256()
    for rel in site.paths():
        if _is_offline_output(rel) or deploy.is_compressed_copy(rel) or rel.startswith("."):
            continue
        digest.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(site.bytes(rel)).digest())
    return digest.hexdigest()[:16]


def _is_offline_output(rel: str) -> bool:
    return rel == WORKER or posixpath.basename(rel) == MANIFEST or rel.endswith(".zip")


def worker_script(version: str, prefixes: list[str] = (), not_saved: dict[str, dict[str, str]] | None = None,
                  stylesheet: str | None = None) -> str:
    """sw.js: the worker stamped with the build's id, the languages' folders
    and, by folder ('' for the default language), each language's "not saved"
    text (see :func:`not_saved_text`). ``stylesheet``: the site path of the
    build's whole stylesheet; once the worker has it saved, it asks for pages
    without their inline first-screen CSS (deploy.write_lean_pages)."""
    # Comments and indentation are for the source's readers, not for every
    # phone that downloads it (rjsmin only removes; it renames nothing)
    source = rjsmin.jsmin(WORKER_SOURCE.read_text(encoding="utf-8"))
    values = {
        VERSION_PLACEHOLDER: version,
        "__LANGUAGES__": json.dumps(sorted(prefixes), separators=(",", ":")),
        # Compact: every first visit downloads sw.js
        "__NOT_SAVED__": json.dumps(not_saved or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        "__STYLESHEET__": json.dumps(stylesheet),
    }
    for placeholder, value in values.items():
        if source.count(placeholder) != 1:
            raise ValueError(f"{WORKER_SOURCE.name} must contain {placeholder} once")
        source = source.replace(placeholder, value)
    return source


# What a language needs

def resolve(page: str, url: str, site_path: str = "") -> str | None:
    """The site path a link in ``page`` points to ('hogar/contrato/' for a folder),
    or None if it leaves the site (another host, mailto:, a fragment only)."""
    url = url.split("#", 1)[0].split("?", 1)[0]
    if not url or url.startswith("//") or ":" in url.split("/", 1)[0]:
        return None
    if url.startswith("/"):
        rel = url.lstrip("/")
        prefix = site_path.strip("/")
        if prefix:
            if rel != prefix and not rel.startswith(prefix + "/"):
                return None
            rel = rel[len(prefix):].lstrip("/")
    else:
        rel = posixpath.join(posixpath.dirname(page), url)
    folder = rel.endswith("/") or rel == "" or url.endswith((".", ".."))
    rel = posixpath.normpath(rel)
    if rel.startswith(".."):
        return None
    rel = "" if rel == "." else rel
    return (rel + "/" if rel else "") if folder else rel


def relative(path: str, page: str) -> str:
    """``path`` relative to ``page``'s folder (both site paths, already normalized;
    posixpath.relpath would ask the OS for the current folder on each call)."""
    to, start = path.split("/"), page.split("/")[:-1]
    common = 0
    while common < min(len(to) - 1, len(start)) and to[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:])


def as_file(target: str) -> str:
    """The file a site path is served from: folders serve their index.html."""
    return target + "index.html" if target == "" or target.endswith("/") else target


def language_pages(site: BuiltSite, language: Language, other_prefixes: list[str]) -> list[str]:
    """Every page of a language (fallback pages included: they sit in its folder)."""
    folder = language.prefix + "/" if language.prefix else ""
    pages = []
    for rel in site.paths():
        if not rel.endswith(".html") or not rel.startswith(folder) or deploy.is_lean(rel):
            continue
        inside = rel[len(folder):]
        if inside.split("/", 1)[0] in other_prefixes or inside == "404.html":
            continue
        pages.append(rel)
    return pages


def page_needs(html: str, page: str) -> tuple[set[str], set[str]]:
    """Site paths of the styles, scripts and images a page loads, and of
    Material's search (its worker and index)."""
    needed, search = set(), set()
    for tag in _TAG.finditer(html):
        attrs = {m["name"].lower(): m["value"] for m in _ATTR.finditer(tag["attrs"])}
        name = tag["tag"].lower()
        if name == "link" and not _NEEDED_REL & set(attrs.get("rel", "").lower().split()):
            continue
        url = attrs.get("href" if name == "link" else "src")
        target = resolve(page, url) if url else None
        if target and not target.endswith("/"):
            needed.add(target)
    config = _CONFIG.search(html)
    if config and _SEARCH_FORM.search(html):
        config = json.loads(config["json"])
        if config.get("search"):
            worker = resolve(page, config["search"])
            search.add(worker)
            if worker:  # search-on-demand.js starts it through ours
                search.add(posixpath.join(posixpath.dirname(worker), SEARCH_LOADER))
        base = config.get("base", ".")
        search.add(resolve(page, base.rstrip("/") + "/search/search_index.json"))
    return {p for p in needed if p}, {p for p in search if p}


def search_needs(index_json: str, worker: str) -> set[str]:
    """The stemmer files Material's search worker loads for the index's languages."""
    langs = json.loads(index_json).get("config", {}).get("lang", [])
    lunr = posixpath.join(posixpath.dirname(worker), "../lunr/min")
    files = [f"lunr.{lang}.min.js" for lang in langs if lang != "en"]
    if len(langs) > 1:
        files.append("lunr.multi.min.js")
    if files:
        files.append("lunr.stemmer.support.min.js")
    return {posixpath.normpath(posixpath.join(lunr, name)) for name in files}


def css_needs(css: str, css_path: str) -> set[str]:
    found = set()
    for match in _CSS_URL.finditer(css):
        target = resolve(css_path, match["url"].strip())
        if target:  # resolve() already drops data: URLs
            found.add(target)
    return found


def language_files(site: BuiltSite, language: Language, other_prefixes: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(pages, the files they load, search files) of a language, as site paths."""
    pages = language_pages(site, language, other_prefixes)
    needed: set[str] = set()
    search: set[str] = set()
    for page in pages:
        more, more_search = page_needs(site.text(page), page)
        needed |= more
        search |= more_search
    for path in sorted(needed):
        if path.endswith(".css") and path in site:
            needed |= css_needs(site.text(path), path)
    workers = [p for p in search if p.endswith(".js")]
    for path in sorted(search):
        if path.endswith(".json") and path in site:
            for worker in workers:
                search |= search_needs(site.text(path), worker)

    def existing(paths):
        return sorted(p for p in paths if p in site and p not in pages)

    return pages, existing(needed), existing(search - needed)


def wire_size(site: BuiltSite, path: str) -> int:
    """Bytes sent for a file: its .gz file when there is one. A browser that
    reads brotli gets the smaller .br, so the figure readers see is an upper bound."""
    gz = path + ".gz"
    return site.size(gz if gz in site else path)


def page_url(path: str, base: str) -> str:
    """The URL readers open for a page, relative to the language's folder."""
    rel = posixpath.relpath(path, base or ".")
    if posixpath.basename(rel) == "index.html":
        folder = posixpath.dirname(rel)
        return folder + "/" if folder else "./"
    return rel


def manifest(site: BuiltSite, language: Language, pages: list[str], others: list[str], version: str) -> dict:
    """The list the "save for offline" control downloads, with sizes."""
    files = [
        {"url": page_url(path, language.prefix), "bytes": wire_size(site, path)}
        for path in [*pages, *others]
    ]
    total = sum(f["bytes"] for f in files)
    size = format_size(total, language.locale)
    return {
        "version": version,
        "lang": language.tag,
        # Sizes are of the gzip file where there is one (see wire_size)
        "encoding": "gzip",
        "pages": len(pages),
        "bytes": total,
        "text": {
            "ask": language.catalog.plural("offline.ask", len(pages), language.locale, pages=len(pages), size=size),
            "done": language.catalog.plural("offline.done", len(pages), language.locale, pages=len(pages)),
        },
        "files": files,
    }


# The page for a page that was not saved

def not_saved_text(site: BuiltSite, language: Language, templates: Path) -> dict[str, str]:
    """What the worker needs to show a language's "not saved" page without a
    download: the inside of its <article> (NOT_SAVED_TEMPLATE, each string
    not translated marked with its language), its <title> text (with the site
    name, read from the language's 404 page) and the language of that text.
    The worker puts them in a page of the site the phone has saved."""
    folder = language.prefix + "/" if language.prefix else ""
    error_page = folder + "404.html"
    site_name = _TITLE.search(site.text(error_page)) if error_page in site else None
    if not site_name:
        raise ValueError(f"{error_page}: no <title> to read the site's name from for the \"not saved\" page")
    catalog = language.catalog
    strings = {}
    for key in ("title", "text", "list", "none"):
        lang = catalog.lang_of(f"offline.not_saved.{key}")
        strings[key] = (catalog.t(f"offline.not_saved.{key}"), lang if lang != catalog.lang else "")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=True)
    return {
        "lang": language.tag,
        "title": f"{escape(strings['title'][0])} - {site_name['text'].strip()}",
        "titleLang": catalog.lang_of("offline.not_saved.title"),
        "article": env.get_template(NOT_SAVED_TEMPLATE).render(s=strings).strip(),
    }


# The copy for file://

def rewrite_for_files(html: str, page: str, included: set[str], site_url: str) -> str:
    """A page for the file:// copy: links point at files (a folder does not
    open its index.html from a file), links to what the copy lacks point at
    the site on the web, and nothing is fetched from the web by itself."""
    site_path = urlsplit(site_url).path

    def fix(match: re.Match) -> str:
        url = match["url"]
        target = resolve(page, url, site_path)
        if target is None:
            return match[0]
        rest = url[len(url.split("#", 1)[0].split("?", 1)[0]):]
        file = as_file(target)
        if file in included:
            new = relative(file, page)
        else:
            new = site_url.rstrip("/") + "/" + target
        return f"{match['pre']}{match['q']}{new}{rest}{match['q']}"

    html = _SEARCH_FORM.sub(r"\1", _ALTERNATE.sub("", html), count=1).replace("</head>", NO_SEARCH + "</head>", 1)
    return _LINK.sub(fix, html)


def _zip_time(mtime: int) -> tuple:
    # Zip dates start in 1980 and have no time zone
    when = max(dt.datetime.fromtimestamp(mtime, dt.timezone.utc), dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc))
    return when.timetuple()[:6]


def zip_archive(site: BuiltSite, language: Language, files: list[str], site_url: str, mtime: int) -> bytes:
    """A zip of the language that opens from a file; same files, same bytes."""
    folder = zip_name(language).removesuffix(".zip") + "/"
    included = set(files)
    entries = {}
    for path in files:
        if path.endswith(".html"):
            entries[folder + path] = rewrite_for_files(site.text(path), path, included, site_url).encode("utf-8")
        else:
            entries[folder + path] = site.bytes(path)
    if language.prefix:
        # Open the folder's index.html to get to the language's home
        home = f"{language.prefix}/index.html"
        entries[folder + "index.html"] = (
            f'<!doctype html><html lang="{language.tag}"><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="0; url={home}">'
            f'<title>{language.name}</title><a href="{home}">{language.name}</a></html>\n'
        ).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=_zip_time(mtime))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name], compresslevel=9)
    return out.getvalue()


def zip_name(language: Language) -> str:
    return f"derechos-claros-{language.tag}.zip"


def publish(site: BuiltSite, languages: list[Language], site_url: str, mtime: int, templates: Path,
            stylesheet: str | None = None) -> list[str]:
    """Write sw.js (with every built language's "not saved" text), and the
    offline.json and zip of every language built; return the text files
    written (for gzip). ``templates``: the theme's folder of our templates
    (theme.custom_dir); ``stylesheet``: the whole stylesheet's site path, if
    the build wrote lean pages (:func:`worker_script`)."""
    version = build_id(site)
    prefixes = [lang.prefix for lang in languages if lang.prefix]
    built = [lang for lang in languages if (lang.prefix + "/" if lang.prefix else "") + "index.html" in site]  # DC_ONLY_LANG
    not_saved = {language.prefix: not_saved_text(site, language, templates) for language in built}
    # HTML the worker shows: checked as every page as written is
    template = templates / NOT_SAVED_TEMPLATE
    articles = [(f"{WORKER} ({language.tag})", not_saved[language.prefix]["article"]) for language in built]

    def sources() -> list[tuple[str, str]]:
        return [(display_path(template), template.read_text(encoding="utf-8"))]

    if problems := html_safety.check_written_pages(articles, urlsplit(site_url).hostname, sources):
        raise ContentError(problems)
    site.write(WORKER, worker_script(version, prefixes, not_saved, stylesheet))
    written = [WORKER]
    for language in built:
        folder = language.prefix + "/" if language.prefix else ""
        pages, needed, search = language_files(site, language, [p for p in prefixes if p != language.prefix])
        data = manifest(site, language, pages, [*needed, *search], version)
        archive = zip_name(language)
        site.write(folder + archive, zip_archive(site, language, [*pages, *needed], site_url, mtime))
        size = site.size(folder + archive)
        data["zip"] = {
            "url": archive,
            "bytes": size,
            "text": language.catalog.t("offline.zip", size=format_size(size, language.locale)),
        }
        site.write(folder + MANIFEST, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        written.append(folder + MANIFEST)
    return written
