"""build_tools.i18n.theme_env: language builds share compiled templates and file lists."""

import os
from types import SimpleNamespace

import jinja2
import pytest

from build_tools.i18n import theme_env
from project import ROOT
from build_tools.i18n.theme_env import CompiledTemplates, ThemeLoader, share_environments


@pytest.fixture(autouse=True)
def own_caches(tmp_path, monkeypatch):
    """Each test starts as a new process would, with its own folder on disk."""
    folder = tmp_path / "compiled"
    folder.mkdir()
    monkeypatch.setattr(theme_env, "_compiled", {})
    monkeypatch.setattr(theme_env, "_on_disk", {})
    monkeypatch.setattr(theme_env, "_disk_folder", str(folder))
    return folder


def count_compiles(monkeypatch) -> list:
    compiled = []
    original = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile", lambda self, *a, **k: compiled.append(a) or original(self, *a, **k))
    return compiled


def theme_for(folder):
    """A stand-in for MkDocs' Theme: get_env() makes a new environment each call."""
    return SimpleNamespace(get_env=lambda: jinja2.Environment(loader=jinja2.FileSystemLoader([str(folder)])))


def a_page_compiled(folder):
    """A theme sharing environments whose page.html ("Hola {{ name }}") one
    environment has compiled."""
    (folder / "page.html").write_text("Hola {{ name }}", encoding="utf-8")
    theme = theme_for(folder)
    share_environments(theme, {})
    theme.get_env().get_template("page.html")
    return theme


def test_a_second_environment_reuses_the_compiled_template(tmp_path, monkeypatch):
    theme = a_page_compiled(tmp_path)
    compiled = count_compiles(monkeypatch)
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
    original = ThemeLoader._visible_templates
    monkeypatch.setattr(ThemeLoader, "_visible_templates", lambda self: walks.append(1) or original(self))
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


def test_the_listing_is_jinjas_without_hidden_names(tmp_path):
    """Material's and our theme folders, and a folder with every kind of
    hidden name, a symbolic link and two search paths naming one file."""
    import material

    for name in ("main.html", "a/.b/c.html", "a/b/.c.html", ".d/e.html", "a/b/c.html", "f/g.txt"):
        (tmp_path / "one" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "one" / name).write_text("x", encoding="utf-8")
    (tmp_path / "two/f").mkdir(parents=True)
    (tmp_path / "two/f/g.txt").write_text("x", encoding="utf-8")
    (tmp_path / "two/linked").symlink_to(tmp_path / "one/a")
    searchpaths = [
        [os.path.join(os.path.dirname(material.__file__), "templates"), str(ROOT / "overrides")],
        [str(tmp_path / "one"), str(tmp_path / "two")],
    ]
    for searchpath in searchpaths:
        jinjas = [name for name in jinja2.FileSystemLoader(searchpath).list_templates() if not theme_env._hidden(name)]
        assert ThemeLoader(searchpath, {}).list_templates() == jinjas
    assert jinjas == ["a/b/c.html", "f/g.txt", "main.html"]  # links to folders are not followed, as MkDocs' loader
    assert "linked/b/c.html" in ThemeLoader(searchpaths[1], {}, followlinks=True).list_templates()


def test_the_next_process_loads_the_compiled_template_from_disk(tmp_path, monkeypatch, own_caches):
    theme = a_page_compiled(tmp_path)
    assert len(list(own_caches.iterdir())) == 1
    monkeypatch.setattr(theme_env, "_compiled", {})  # what a new process has in memory
    compiled = count_compiles(monkeypatch)
    assert theme.get_env().get_template("page.html").render(name="Ana") == "Hola Ana"
    assert compiled == []
    # Edited since: compiled again, whatever the disk holds
    (tmp_path / "page.html").write_text("Adiós {{ name }}", encoding="utf-8")
    monkeypatch.setattr(theme_env, "_compiled", {})
    assert theme.get_env().get_template("page.html").render(name="Ana") == "Adiós Ana"
    assert len(compiled) == 1


def test_a_damaged_file_on_disk_is_compiled_again(tmp_path, monkeypatch, own_caches):
    theme = a_page_compiled(tmp_path)
    [saved] = own_caches.iterdir()
    for damaged in (b"", b"not a cache file", saved.read_bytes()[:40]):
        saved.write_bytes(damaged)
        monkeypatch.setattr(theme_env, "_compiled", {})
        compiled = count_compiles(monkeypatch)
        assert theme.get_env().get_template("page.html").render(name="Ana") == "Hola Ana"
        assert len(compiled) == 1


def test_other_syntax_is_kept_apart_on_disk(own_caches):
    def env(**options):
        return jinja2.Environment(loader=jinja2.DictLoader({"syntax.html": "{{ x }}"}), bytecode_cache=CompiledTemplates(), **options)

    env().get_template("syntax.html")
    theme_env._compiled.clear()
    assert env(variable_start_string="[[", variable_end_string="]]").get_template("syntax.html").render(x=1) == "{{ x }}"
    assert len(list(own_caches.iterdir())) == 2


def test_without_a_safe_folder_templates_stay_in_memory(tmp_path, monkeypatch):
    def unsafe(self):
        raise RuntimeError("Cannot determine safe temp directory.")

    monkeypatch.setattr(theme_env, "_disk_folder", None)
    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "_get_default_cache_dir", unsafe)
    (tmp_path / "page.html").write_text("Hola {{ name }}", encoding="utf-8")
    theme = theme_for(tmp_path)
    share_environments(theme, {})
    assert theme.get_env().get_template("page.html").render(name="Ana") == "Hola Ana"
    compiled = count_compiles(monkeypatch)
    assert theme.get_env().get_template("page.html").render(name="Ana") == "Hola Ana"
    assert compiled == [] and theme_env._disk_folder is False


def test_a_template_read_from_disk_is_marked_as_used(tmp_path, monkeypatch, own_caches):
    theme = a_page_compiled(tmp_path)
    [saved] = own_caches.iterdir()
    os.utime(saved, (1_000_000, 1_000_000))
    monkeypatch.setattr(theme_env, "_compiled", {})
    theme.get_env().get_template("page.html")
    assert saved.stat().st_mtime > 1_000_000


def test_past_its_size_the_least_recently_used_files_go(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    for age in range(12):
        path = folder / f"derechos-options-{age:02}.cache"
        path.write_bytes(b"x")
        os.utime(path, (1_000_000 - age, 1_000_000 - age))  # 00 is the newest
    (folder / "__jinja2_another_program.cache").write_bytes(b"x")
    theme_env.prune(str(folder), keep=12)
    assert len(list(folder.iterdir())) == 13  # not past it yet
    theme_env.prune(str(folder), keep=10)
    assert sorted(p.name for p in folder.iterdir()) == [
        "__jinja2_another_program.cache", *(f"derechos-options-{age:02}.cache" for age in range(5)),
    ]


def test_with_an_autoescape_function_templates_stay_in_memory(own_caches):
    env = jinja2.Environment(
        loader=jinja2.DictLoader({"page.html": "{{ x }}"}), bytecode_cache=CompiledTemplates(), autoescape=jinja2.select_autoescape(),
    )
    assert env.get_template("page.html").render(x="<b>") == "&lt;b&gt;"
    assert list(own_caches.iterdir()) == []
