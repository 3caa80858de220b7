"""`make serve ONLY=<tag>`: one language builds with Spanish still the source;
`make serve` reloads on data changes and takes PORT."""

import re
import subprocess
from pathlib import Path

import pytest
from mkdocs.config import load_config

from project import LANGUAGES, PREFIXES, ROOT, SOURCE_LANG, run_build

HTML_LANG = re.compile(r"<html lang=\"([^\"]+)\"")


@pytest.mark.build
@pytest.mark.parametrize("tag", [tag for tag, _link in LANGUAGES])
def test_one_language_builds_alone_in_its_own_folder(tag, tmp_path):
    site = tmp_path / "site"
    result = run_build(ROOT, site, only_lang=tag)
    assert result.returncode == 0, result.stdout + result.stderr
    folder = site / PREFIXES[tag]
    others = {PREFIXES[other].rstrip("/") for other, _ in LANGUAGES if other != tag and PREFIXES[other]}
    pages = [
        path for path in folder.rglob("*.html")
        if path.relative_to(folder).parts[0] not in others
    ]
    assert folder / "index.html" in pages and folder / "hogar/aguinaldo/index.html" in pages
    assert (folder / "404.html").is_file() and (folder / "search/search_index.json").is_file()
    other_lang = [path for path in pages if HTML_LANG.search(path.read_text(encoding="utf-8")).group(1) != tag]
    assert other_lang == []
    # No other language is built (their folders hold nothing)
    assert not any((site / other).exists() for other in others)
    if tag != SOURCE_LANG:
        assert not (site / "index.html").exists()
    # A page this language lacks falls back to the Spanish source
    if not (ROOT / "docs" / tag / "hogar/aguinaldo.md").exists():
        assert "dc-notice--fallback" in (folder / "hogar/aguinaldo/index.html").read_text(encoding="utf-8")


def test_serve_reloads_when_facts_locales_translations_or_redirects_change():
    config = load_config(str(ROOT / "mkdocs.yml"))
    watched = [Path(path) for path in config.watch]
    assert all(path.is_absolute() and path.exists() for path in watched)
    assert {path.relative_to(ROOT).as_posix() for path in watched} >= {"facts", "locales", "translations", "redirects.yml"}


@pytest.mark.parametrize("args, address, only", [
    ([], "127.0.0.1:8000", None),
    (["PORT=8001", "ONLY=nah"], "127.0.0.1:8001", "nah"),
])
def test_serve_takes_the_port_and_the_language(args, address, only):
    # -n prints the commands without running them; -o: the venv counts as set up
    result = subprocess.run(
        ["make", "-n", "-o", ".venv/.installed", "serve", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 0, result.stderr
    # Under `make test`, make -n also prints "Entering/Leaving directory"
    command = [line for line in result.stdout.splitlines() if "mkdocs serve" in line][-1]
    assert command.endswith(f"-m mkdocs serve --dev-addr {address}")
    assert ("DC_ONLY_LANG=nah" in command) == (only == "nah")
