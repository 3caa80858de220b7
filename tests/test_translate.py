import datetime as dt
import json
import re

import pytest

from build_tools import front_matter, translations
from build_tools.translations import segments, translate
from project import PREFIXES, copy_project, run_tools


@pytest.fixture
def project(tmp_path):
    root = copy_project(tmp_path / "project")
    # Nahuatl translates the aguinaldo page as a whole file in these tests
    (root / "translations/nah/hogar/aguinaldo.po").unlink()
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
    assert "Creado / Created docs/nah/hogar/aguinaldo.md" in message
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


def translate_most_of(target):
    """Put a word before each one-line paragraph of a whole-file translation,
    keeping its facts, links and ids: it is no longer the Spanish text."""
    text = target.read_text(encoding="utf-8")
    for segment in segments.segments(text):
        if segment.kind not in ("title", "description", "summary") and segment.text in text:
            text = text.replace(segment.text, "Tlen " + segment.text, 1)
    target.write_text(text, encoding="utf-8")


def test_done_changes_only_the_metadata(project):
    translate.start(project, "hogar/aguinaldo.md", "nah")
    target = project.docs_dir / "nah/hogar/aguinaldo.md"
    translate_most_of(target)
    # A translator's text, with odd whitespace and Windows line endings
    text = target.read_text(encoding="utf-8").replace("# Tlen El aguinaldo", "# Aguinaldo  \r\n\r\nTlen  tlakatl\t")
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
    # Pages by their title; paragraphs for pages in PO files
    assert re.search(r"^nah   El aguinaldo +missing \(0 traducidos / translated, 0 por revisar / fuzzy, \d+ sin traducir", result.stdout, re.M)
    assert "[hogar/aguinaldo.md]" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["coverage"]["en"]["translated"] == data["coverage"]["en"]["total"]
    assert data["coverage"]["en"]["share"] == 1 and data["coverage"]["nah"]["share"] == 0
    nah_home = next(p for p in data["pages"] if p["page"] == "index.md" and p["lang"] == "nah")
    assert set(nah_home) == {"page", "lang", "state", "reviewed_by", "reviewed_on", "title", "segments"}
    assert nah_home["state"] == "missing" and nah_home["segments"]["translated"] == 0
    one = run_tools(root, "status", "--lang", "tzo")
    assert one.returncode == 0 and "\ntzo " in "\n" + one.stdout and "\nnah " not in "\n" + one.stdout
    assert run_tools(root, "translate", "status", "tzo").stdout == one.stdout


def test_done_as_a_draft_follows_the_spanish_without_claiming_a_review(project):
    translate.start(project, "hogar/aguinaldo.md", "nah")
    target = project.docs_dir / "nah/hogar/aguinaldo.md"
    translate_most_of(target)
    source = project.docs_dir / "es/hogar/aguinaldo.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nOtro párrafo.\n", encoding="utf-8")
    assert translations.state_of(source.read_text(encoding="utf-8"), target.read_text(encoding="utf-8"))[0] == "outdated"
    message = translate.done(project, "hogar/aguinaldo.md", "nah", draft=True)
    assert "como borrador / follows the current Spanish page, as a draft" in message
    meta = front_matter.split(target.read_text(encoding="utf-8")).meta
    assert meta["translation"] == {"status": "draft", "source": translations.fingerprint(source.read_text(encoding="utf-8"))}


def test_done_refuses_a_page_that_is_still_mostly_spanish(project):
    translate.start(project, "hogar/aguinaldo.md", "nah")
    target = project.docs_dir / "nah/hogar/aguinaldo.md"
    before = target.read_bytes()
    for reviewer, draft in (("Ana Pérez", False), (None, True)):
        with pytest.raises(translate.TranslateError, match="siguen iguales al español.*still the Spanish text"):
            translate.done(project, "hogar/aguinaldo.md", "nah", reviewer, draft=draft)
    assert target.read_bytes() == before


def test_done_wants_the_reviewers_name_not_how_the_page_was_made(project):
    translate.start(project, "hogar/aguinaldo.md", "nah")
    translate_most_of(project.docs_dir / "nah/hogar/aguinaldo.md")
    with pytest.raises(translate.TranslateError, match="not how it was made"):
        translate.done(project, "hogar/aguinaldo.md", "nah", "machine translation, ticket 99")


def test_update_writes_po_files_and_start_refuses_a_page_translated_in_one(project):
    po = project.root / "translations/nah/hogar/aguinaldo.po"
    lines = translate.update(project, "nah", ["hogar/aguinaldo.md"])
    assert po.is_file() and any("creado / created" in line for line in lines)
    assert (project.root / "translations/templates/hogar/aguinaldo.pot").is_file()
    with pytest.raises(translate.TranslateError, match="paragraph by paragraph"):
        translate.start(project, "hogar/aguinaldo.md", "nah")
    # Pages with a whole-file translation get no PO file
    translate.update(project, "en", ["hogar/aguinaldo.md"])
    assert not (project.root / "translations/en/hogar/aguinaldo.po").exists()
    with pytest.raises(translate.TranslateError, match="not a language in mkdocs.yml"):
        translate.update(project, "zap")


def test_translate_command_reports_refusal_clearly(tmp_path):
    root = copy_project(tmp_path / "project")
    result = run_tools(root, "translate", "start", "index.md", "en")
    assert result.returncode == 1
    assert "No se hizo nada / Nothing done: docs/en/index.md ya existe y no se cambió / already exists" in result.stderr
