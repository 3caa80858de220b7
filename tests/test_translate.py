import datetime as dt
import json

import pytest

from build_tools import front_matter, translations
from build_tools.translations import translate
from project import PREFIXES, copy_project, run_tools


@pytest.fixture
def project(tmp_path):
    root = copy_project(tmp_path / "project")
    return translate.Project(
        root=root, docs_dir=root / "docs", source_lang="es",
        langs=list(PREFIXES), facts_dir=root / "facts",
    )


def test_fingerprint_ignores_line_endings_only():
    assert translations.fingerprint("a\r\nb\n") == translations.fingerprint("a\nb\n")
    assert translations.fingerprint("a\nb\n") != translations.fingerprint("a\nc\n")


def test_state_of_a_translation():
    source = "# Hola\n"
    digest = translations.fingerprint(source)
    page = lambda block: front_matter.set_block("# Hello\n", "translation", block)  # noqa: E731
    assert translations.state_of(source, None)[0] == "missing"
    assert translations.state_of(source, page({"status": "reviewed", "source": "0" * 16}))[0] == "outdated"
    assert translations.state_of(source, page({"status": "draft", "source": digest}))[0] == "draft"
    assert translations.state_of(source, page({"status": "reviewed", "source": digest}))[0] == "translated"
    assert translations.state_of(source, "# Hello\n")[0] == "outdated"  # no fingerprint: unknown version


def test_start_scaffolds_source_text_metadata_and_fingerprint(project):
    message = translate.start(project, "hogar/aguinaldo.md", "nah")
    target = project.docs_dir / "nah/hogar/aguinaldo.md"
    assert "Created docs/nah/hogar/aguinaldo.md" in message
    source = (project.docs_dir / "es/hogar/aguinaldo.md").read_text(encoding="utf-8")
    split = front_matter.split(target.read_text(encoding="utf-8"))
    assert split.body == front_matter.split(source).body
    assert split.meta["title"] == front_matter.split(source).meta["title"]
    assert split.meta["translation"] == {"status": "draft", "source": translations.fingerprint(source)}
    assert translations.archived_source(project.root, translations.fingerprint(source)) == source


def test_start_refuses_to_overwrite(project):
    target = project.docs_dir / "en/hogar/aguinaldo.md"
    before = target.read_bytes()
    with pytest.raises(translate.TranslateError, match="already exists"):
        translate.start(project, "hogar/aguinaldo.md", "en")
    assert target.read_bytes() == before


def test_start_rejects_unknown_page_and_language(project):
    with pytest.raises(translate.TranslateError, match="no Spanish page"):
        translate.start(project, "hogar/nada.md", "nah")
    with pytest.raises(translate.TranslateError, match="not a language in mkdocs.yml"):
        translate.start(project, "hogar/aguinaldo.md", "zap")


def test_done_changes_only_the_metadata(project):
    translate.start(project, "hogar/aguinaldo.md", "nah")
    target = project.docs_dir / "nah/hogar/aguinaldo.md"
    # A translator's text, with odd whitespace and Windows line endings
    text = target.read_text(encoding="utf-8").replace("# El aguinaldo", "# Aguinaldo  \r\n\r\nTlen  tlakatl\t")
    target.write_bytes(text.encode("utf-8"))
    body_before = text[text.index("\n---\n") + 5:].encode("utf-8")
    translate.done(project, "hogar/aguinaldo.md", "nah", "Ana Pérez", today=dt.date(2026, 11, 21))
    after = target.read_bytes()
    assert after.endswith(body_before)
    meta = front_matter.split(after.decode("utf-8")).meta
    assert meta["translation"]["status"] == "reviewed"
    assert meta["translation"]["reviewed_by"] == "Ana Pérez"
    assert meta["translation"]["reviewed_on"] == dt.date(2026, 11, 21)


def test_done_refuses_when_parity_fails(project):
    target = project.docs_dir / "en/hogar/aguinaldo.md"
    target.write_text(target.read_text(encoding="utf-8").replace("{{ aguinaldo.dias }}", "15 days", 1), encoding="utf-8")
    before = target.read_bytes()
    with pytest.raises(translate.TranslateError, match="fix these differences first"):
        translate.done(project, "hogar/aguinaldo.md", "en", "X")
    assert target.read_bytes() == before


def test_diff_shows_what_changed_in_the_spanish_page(project):
    assert "up to date" in translate.diff(project, "hogar/aguinaldo.md", "en")
    source = project.docs_dir / "es/hogar/aguinaldo.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nUna frase nueva sobre el aguinaldo.\n", encoding="utf-8")
    output = translate.diff(project, "hogar/aguinaldo.md", "en")
    assert "+Una frase nueva sobre el aguinaldo." in output
    assert "(translated version " in output
    statuses = translations.collect_status(project.docs_dir, "es", project.langs, project.root)
    assert next(s for s in statuses if s.page == "hogar/aguinaldo.md" and s.lang == "en").state == "outdated"


def test_status_command_prints_states_and_writes_json(tmp_path):
    root = copy_project(tmp_path / "project")
    out = tmp_path / "status.json"
    result = run_tools(root, "status", "--json", str(out))
    assert result.returncode == 0, result.stderr
    assert "nah   hogar/aguinaldo.md" in result.stdout and "missing" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["coverage"]["en"]["translated"] == data["coverage"]["en"]["total"]
    nah_home = next(p for p in data["pages"] if p["page"] == "index.md" and p["lang"] == "nah")
    assert set(nah_home) == {"page", "lang", "state", "reviewed_by", "reviewed_on"}
    assert nah_home["state"] in translations.PAGE_STATES


def test_translate_command_reports_refusal_clearly(tmp_path):
    root = copy_project(tmp_path / "project")
    result = run_tools(root, "translate", "start", "index.md", "en")
    assert result.returncode == 1
    assert "Nothing done: docs/en/index.md already exists" in result.stderr
