"""A page's recording: declared in its front matter, checked by the build."""

import posixpath
import re
from pathlib import Path

import pytest
from babel import Locale

from build_tools.reader import offline
from build_tools.reader.audio import key_line, read_audio
from project import PREFIXES, declare, line_of, run_build, write_wav

PAGE = "---\ntitle: x\naudio: {value}\n---\n\n# x\n"


def read(tmp_path, value, meta):
    text = PAGE.format(value=value)
    return read_audio(meta, text, tmp_path, "docs/es/x.md", tmp_path)


def test_a_declared_file_is_found_with_its_size_and_type(tmp_path):
    size = write_wav(tmp_path / "audio/x.wav")
    audio, problems = read(tmp_path, "audio/x.wav", {"audio": "audio/x.wav"})
    assert problems == [] and audio.size == size and audio.mime == "audio/wav"
    meta = {"audio": {"file": "audio/x.wav", "title": "Escucha", "duration": "4:30"}}
    audio, problems = read(tmp_path, "...", meta)
    assert (audio.title, audio.duration) == ("Escucha", "4:30")
    assert read(tmp_path, "", {}) == (None, [])


@pytest.mark.parametrize("meta, message", [
    ({"audio": "audio/falta.mp3"}, "the audio file 'audio/falta.mp3' does not exist (looked for audio/falta.mp3)"),
    ({"audio": "../en/audio/x.wav"}, "must be inside"),
    ({"audio": "audio/x.txt"}, "must be one of"),
    ({"audio": ["audio/x.wav"]}, "'audio' must be a file path"),
    ({"audio": {"file": "audio/x.wav", "autor": "x"}}, "does not know 'autor'"),
    ({"audio": {"file": "audio/x.wav", "duration": "cuatro"}}, "minutes and seconds"),
])
def test_bad_declarations_name_the_file_and_the_audio_line(tmp_path, meta, message):
    write_wav(tmp_path / "audio/x.wav")
    audio, problems = read(tmp_path, "x", meta)
    assert audio is None
    [problem] = problems
    assert (problem.path, problem.line) == ("docs/es/x.md", 3)
    assert message in problem.message


def test_key_line_reads_only_the_front_matter():
    assert key_line("---\ntitle: x\naudio: a.mp3\n---\n") == 3
    assert key_line("---\ntitle: x\n---\naudio: a.mp3\n") is None




@pytest.mark.build
def test_each_language_plays_its_own_recording(project_copy, tmp_path):
    es_size = write_wav(project_copy / "docs/es/audio/aguinaldo.wav", 0.1)
    en_size = write_wav(project_copy / "docs/en/audio/aguinaldo.wav", 0.2)
    declare(project_copy, "es", "audio/aguinaldo.wav")
    declare(project_copy, "en", "{file: audio/aguinaldo.wav, title: Listen to the aguinaldo guide, duration: '0:01'}")
    site = tmp_path / "site"
    result = run_build(project_copy, site)
    assert result.returncode == 0, result.stdout + result.stderr
    for lang, prefix in PREFIXES.items():
        html = (site / prefix / "hogar/aguinaldo/index.html").read_text(encoding="utf-8")
        assert '<audio controls preload="none">' in html, lang
        src = re.search(r'<source src="([^"]+)" type="audio/wav">', html).group(1)
        played = Path(posixpath.normpath(posixpath.join("/", prefix, "hogar/aguinaldo/", src)))
        # English plays its own file; nah, tzo and mix show the Spanish page, and its file
        assert played == Path("/", "en/" if lang == "en" else "", "audio/aguinaldo.wav"), lang
        assert (site / played.relative_to("/")).stat().st_size == (en_size if lang == "en" else es_size)
        # The player comes right after the title
        assert html.index("</h1>") < html.index("<audio") < html.index("dc-sources")
    spanish = (site / "hogar/aguinaldo/index.html").read_text(encoding="utf-8")
    # Sizes read as in the offline control (build_tools.reader.offline.format_size): "1\u00a0kB"
    es_shown, en_shown = offline.format_size(es_size, Locale.parse("es_MX")), offline.format_size(en_size, Locale.parse("en_US"))
    assert f"Descargar el audio ({es_shown})" in spanish and "Escucha esta página" in spanish
    english = (site / "en/hogar/aguinaldo/index.html").read_text(encoding="utf-8")
    assert "Listen to the aguinaldo guide (0:01 long)" in english and f"Download the audio ({en_shown})" in english
    # A recording comes before the phone's voice: no listen control beside it
    for lang, prefix in PREFIXES.items():
        html = (site / prefix / "hogar/aguinaldo/index.html").read_text(encoding="utf-8")
        assert "dc-listen" not in html and "listen.js" not in html, lang
    salario = (site / "hogar/salario/index.html").read_text(encoding="utf-8")
    assert "<audio" not in salario and "data-dc-listen" in salario


@pytest.mark.build
def test_a_missing_recording_stops_the_build_naming_file_and_line(project_copy, tmp_path):
    declare(project_copy, "es", "audio/no-existe.mp3")
    # The Spanish page's recording, checked in the Spanish build
    result = run_build(project_copy, tmp_path / "site", only_lang="es")
    assert result.returncode != 0
    line = line_of(project_copy / "docs/es/hogar/aguinaldo.md", "audio:")
    assert (
        f"docs/es/hogar/aguinaldo.md:{line}: the audio file 'audio/no-existe.mp3' does not exist "
        "(looked for docs/es/audio/no-existe.mp3)"
    ) in result.stdout + result.stderr
    assert not (tmp_path / "site/hogar/aguinaldo/index.html").exists()
