"""build_tools.template_cache: language builds share compiled templates."""

import jinja2

from build_tools.template_cache import share_compiled_templates


def make_env(templates: dict) -> jinja2.Environment:
    return share_compiled_templates(jinja2.Environment(loader=jinja2.DictLoader(templates)))


def test_a_second_environment_reuses_the_compiled_template(monkeypatch):
    make_env({"page.html": "Hola {{ name }}"}).get_template("page.html")
    compiled = []
    original = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile", lambda self, *a, **k: compiled.append(a) or original(self, *a, **k))
    assert make_env({"page.html": "Hola {{ name }}"}).get_template("page.html").render(name="Ana") == "Hola Ana"
    assert compiled == []


def test_an_edited_template_is_compiled_again():
    make_env({"edit.html": "viejo"}).get_template("edit.html")
    assert make_env({"edit.html": "nuevo {{ 1 + 1 }}"}).get_template("edit.html").render() == "nuevo 2"


def test_environments_with_other_syntax_do_not_share():
    plain = make_env({"syntax.html": "{{ x }}"})
    other = share_compiled_templates(jinja2.Environment(
        loader=jinja2.DictLoader({"syntax.html": "{{ x }}"}), variable_start_string="[[", variable_end_string="]]",
    ))
    assert plain.get_template("syntax.html").render(x=1) == "1"
    assert other.get_template("syntax.html").render(x=1) == "{{ x }}"
