"""build_tools.i18n.theme_env: language builds share compiled templates and file lists."""

from types import SimpleNamespace

import jinja2

from build_tools.i18n.theme_env import CompiledTemplates, ThemeLoader, share_environments


def theme_for(folder):
    """A stand-in for MkDocs' Theme: get_env() makes a new environment each call."""
    return SimpleNamespace(get_env=lambda: jinja2.Environment(loader=jinja2.FileSystemLoader([str(folder)])))


def test_a_second_environment_reuses_the_compiled_template(tmp_path, monkeypatch):
    (tmp_path / "page.html").write_text("Hola {{ name }}", encoding="utf-8")
    theme = theme_for(tmp_path)
    share_environments(theme, {})
    theme.get_env().get_template("page.html")
    compiled = []
    original = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile", lambda self, *a, **k: compiled.append(a) or original(self, *a, **k))
    assert theme.get_env().get_template("page.html").render(name="Ana") == "Hola Ana"
    assert compiled == []


def test_an_edited_template_is_compiled_again(tmp_path):
    template = tmp_path / "edit.html"
    template.write_text("viejo", encoding="utf-8")
    theme = theme_for(tmp_path)
    share_environments(theme, {})
    assert theme.get_env().get_template("edit.html").render() == "viejo"
    template.write_text("nuevo {{ 1 + 1 }}", encoding="utf-8")
    assert theme.get_env().get_template("edit.html").render() == "nuevo 2"


def test_environments_with_other_syntax_do_not_share():
    def env(**options):
        return jinja2.Environment(loader=jinja2.DictLoader({"syntax.html": "{{ x }}"}), bytecode_cache=CompiledTemplates(), **options)

    assert env().get_template("syntax.html").render(x=1) == "1"
    assert env(variable_start_string="[[", variable_end_string="]]").get_template("syntax.html").render(x=1) == "{{ x }}"


def test_theme_files_are_listed_once_per_run_without_hidden_ones(tmp_path, monkeypatch):
    for name in ("main.html", "assets/app.js", ".icons/a.svg", "assets/.cache/x", ".hidden"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    walks = []
    original = jinja2.FileSystemLoader.list_templates
    monkeypatch.setattr(jinja2.FileSystemLoader, "list_templates", lambda self: walks.append(1) or original(self))
    theme = theme_for(tmp_path)
    listings = {}
    share_environments(theme, listings)
    share_environments(theme, listings)  # a second call changes nothing
    first, second = theme.get_env(), theme.get_env()
    assert isinstance(first.loader, ThemeLoader)
    assert first.list_templates() == second.list_templates() == ["assets/app.js", "main.html"]
    assert walks == [1]
    # A new run (a new dict) sees a file added since
    (tmp_path / "assets/new.js").write_text("x", encoding="utf-8")
    other = theme_for(tmp_path)
    share_environments(other, {})
    assert "assets/new.js" in other.get_env().list_templates()
