"""The build's pipeline: one run per loaded mkdocs.yml, one language build at a time."""

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from build_tools.pipeline import state_of
from project import ROOT


def _config(site_dir):
    return load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir))


@pytest.mark.build
def test_each_loaded_config_is_a_run_of_its_own(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("DC_AS_OF", "2026-11-21")
    monkeypatch.setenv("DC_ONLY_LANG", "es")
    first = _config(tmp_path / "one")
    build(first)
    run = state_of(first)
    # The run's catalogs and languages, for the deploy step after an in-process build
    assert run.i18n.language_tags == ["es", "en", "nah", "tzo", "mix"]
    assert set(run.catalogs) == set(run.i18n.language_tags)
    assert run.language.lang == "es" and run.language.pages
    record = run.language.pages["es/calculadoras/aguinaldo.md"]
    assert record.calculators == ["aguinaldo"] and record.facts_used
    # `mkdocs serve` loads mkdocs.yml again for a rebuild: a new run, nothing carried over
    second = _config(tmp_path / "two")
    with pytest.raises(LookupError):
        state_of(second)
    build(second)
    assert state_of(second) is not run
    assert state_of(second).sources is not run.sources


@pytest.mark.build
def test_each_source_file_is_parsed_once_per_run(tmp_path, monkeypatch):
    from collections import Counter

    from build_tools.pipeline import state

    parsed = Counter()
    split = state.split

    def counting_split(text):
        parsed[text] += 1
        return split(text)

    monkeypatch.setattr(state, "split", counting_split)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("DC_AS_OF", "2026-11-21")
    monkeypatch.setenv("DC_JOBS", "1")
    config = _config(tmp_path / "site")
    build(config)
    # Every language was built in this process, and every page file was read
    assert len(state_of(config).sources) >= len(list((ROOT / "docs").rglob("*.md")))
    assert parsed and max(parsed.values()) == 1


def test_a_recording_is_found_among_the_published_files_by_its_path_or_a_link(tmp_path):
    from mkdocs.structure.files import File, Files

    from build_tools.pipeline.state import LanguageBuild

    docs = tmp_path / "docs"
    (docs / "es/audio").mkdir(parents=True)
    (docs / "es/audio/aguinaldo.mp3").write_bytes(b"ID3")
    (docs / "es/index.md").write_text("# Inicio\n", encoding="utf-8")
    (tmp_path / "linked").symlink_to(docs / "es/audio", target_is_directory=True)
    files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in ("es/audio/aguinaldo.mp3", "es/index.md")])
    language = LanguageBuild("es", "", None, "", {}, "", files=files)

    assert language.published_file(docs / "es/audio/aguinaldo.mp3").src_uri == "es/audio/aguinaldo.mp3"
    assert language.published_file(docs / "es/audio/../audio/aguinaldo.mp3").src_uri == "es/audio/aguinaldo.mp3"
    assert language.published_file(tmp_path / "linked/aguinaldo.mp3").src_uri == "es/audio/aguinaldo.mp3"
    assert language.published_file(docs / "es/audio/otro.mp3") is None
