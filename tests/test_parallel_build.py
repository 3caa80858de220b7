"""build_tools.i18n.parallel_build: languages built in worker processes give the
same site, the same messages and the same errors as one after the other."""

import logging
import os
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError
from mkdocs.utils import CountHandler

from build_tools.background import Pending
from build_tools.errors import ContentError, Problem
from build_tools.i18n import parallel_build
from conftest import copy_project, run_build

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
TAGS = ["en", "nah", "tzo", "mix"]


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def fake_language_build(tag: str, site_dir: str) -> None:
    """Like a language build: its folder, plus files every language writes at the root."""
    write(Path(site_dir, tag, "index.html"), f"{tag} built by {os.getpid()}")
    write(Path(site_dir, "assets", "theme.css"), "same bytes in every language")
    write(Path(site_dir, "last.txt"), tag)  # the last language's wins, as in one process


def files_under(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*")) if p.is_file()}


def test_merge_moves_every_file_and_replaces_what_was_there(tmp_path):
    site, staging = tmp_path / "site", tmp_path / "site.en-1"
    write(site / "index.html", "es")
    write(site / "assets" / "theme.css", "old")
    write(site / "en" / "gone-folder", "a file where the language has a folder")
    write(staging / "assets" / "theme.css", "new")
    write(staging / "en" / "index.html", "en")
    write(staging / "en" / "gone-folder" / "index.html", "folder")
    parallel_build.merge_tree(str(staging), str(site))
    assert files_under(site) == {
        "index.html": "es", "assets/theme.css": "new",
        "en/index.html": "en", "en/gone-folder/index.html": "folder",
    }
    assert files_under(staging) == {}


@needs_fork
def test_workers_build_the_same_site_as_one_process(tmp_path):
    one, many = tmp_path / "one" / "site", tmp_path / "many" / "site"
    parallel_build.build_languages(TAGS, fake_language_build, str(one), jobs=1)
    parallel_build.build_languages(TAGS, fake_language_build, str(many), jobs=2)
    sequential, parallel = files_under(one), files_under(many)
    assert {tag: sequential.pop(f"{tag}/index.html") for tag in TAGS} == {tag: f"{tag} built by {os.getpid()}" for tag in TAGS}
    builders = {parallel.pop(f"{tag}/index.html") for tag in TAGS}
    assert len(builders) == len(TAGS) and f"built by {os.getpid()}" not in " ".join(builders)  # each in a worker
    assert parallel == sequential == {"assets/theme.css": "same bytes in every language", "last.txt": "mix"}
    assert os.listdir(tmp_path / "many") == ["site"]  # no staging folder left


@needs_fork
def test_a_workers_content_error_and_messages_reach_the_parent(tmp_path, caplog):
    problems = [Problem("docs/nah/index.md", 12, "(language: nah) the link 'x.md' points to a page that does not exist")]

    def build(tag, site_dir):
        logging.getLogger("mkdocs.test").warning("warning from %s", tag)
        if tag in ("nah", "mix"):
            raise ContentError(problems if tag == "nah" else [Problem("later.md", 1, "not shown")])
        fake_language_build(tag, site_dir)

    counter = CountHandler()
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        with caplog.at_level(logging.WARNING), pytest.raises(ContentError) as raised:
            parallel_build.build_languages(TAGS, build, str(tmp_path / "site"), jobs=2)
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
    assert raised.value.problems == problems  # the first failing language's, as in one process
    assert str(raised.value) == "docs/nah/index.md:12: (language: nah) the link 'x.md' points to a page that does not exist"
    assert [r.getMessage() for r in caplog.records] == ["warning from en", "warning from nah"]
    assert counter.get_counts() == [("WARNING", 2)]  # strict mode sees them
    assert os.listdir(tmp_path) == ["site"]  # the other workers stopped, their staging removed
    assert sorted(files_under(tmp_path / "site")) == ["assets/theme.css", "en/index.html", "last.txt"]


@needs_fork
def test_a_worker_leaves_the_parents_checks_and_workers_alone(tmp_path):
    check = Pending(lambda: [Problem("docs/es/a.md", 3, "x")], fork=True)
    workers = None

    def build(tag, site_dir):
        workers.stop()  # as on a failed build in the worker: must not touch its siblings
        write(Path(site_dir, tag, "check.txt"), repr(check.result()))

    workers = parallel_build.LanguageWorkers(TAGS, build, str(tmp_path / "site"), jobs=2)
    workers.start()
    workers.finish()
    assert {tag: (tmp_path / "site" / tag / "check.txt").read_text(encoding="utf-8") for tag in TAGS} == dict.fromkeys(TAGS, "()")
    assert check.result() == [Problem("docs/es/a.md", 3, "x")]  # the parent still reports it


@needs_fork
def test_a_worker_that_dies_is_an_error_naming_its_language(tmp_path):
    def build(tag, site_dir):
        os._exit(3)

    with pytest.raises(PluginError, match=r"building the language 'en' stopped without a result \(exit code 3\); DC_JOBS=1"):
        parallel_build.build_languages(["en", "nah"], build, str(tmp_path / "site"), jobs=2)


@needs_fork
def test_mkdocs_abort_crosses_with_its_message(tmp_path):
    def build(tag, site_dir):
        raise Abort("Aborted with 1 warnings in strict mode!")

    with pytest.raises(Abort, match="Aborted with 1 warnings in strict mode!"):
        parallel_build.build_languages(["en", "nah"], build, str(tmp_path / "site"), jobs=2)


def test_job_count():
    assert parallel_build.job_count(TAGS, {"DC_JOBS": "3"}) == 3
    assert parallel_build.job_count(TAGS, {}) in (1, len(TAGS))  # one core, or all at once
    with pytest.raises(PluginError, match="DC_JOBS must be a whole number .* not 'dos'"):
        parallel_build.job_count(TAGS, {"DC_JOBS": "dos"})


@pytest.mark.build
def test_a_broken_link_in_a_translation_fails_the_same_in_workers(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/nah/index.md"  # a whole-file draft: parity does not check its links
    page.parent.mkdir(parents=True, exist_ok=True)
    text = (project / "docs/es/index.md").read_text(encoding="utf-8").rstrip("\n") + "\n\n[x](hogar/no-such-page.md)\n"
    page.write_text(text, encoding="utf-8")
    line = text.count("\n")  # the link is the last line
    env = {"PYTHONPATH": str(Path(parallel_build.__file__).parent.parent)}
    outputs = []
    for jobs in ("2", "1"):
        result = run_build(project, tmp_path / f"site-{jobs}", extra_env={**env, "DC_JOBS": jobs})
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        outputs.append(result.stderr)
    expected = f"docs/nah/index.md:{line}: (language: nah) the link 'hogar/no-such-page.md' points to a page that does not exist"
    assert expected in outputs[0]
    assert outputs[0] == outputs[1].replace("site-1", "site-2")
    assert sorted(os.listdir(tmp_path)) == ["project", "site-1", "site-2"]  # no staging folder left
