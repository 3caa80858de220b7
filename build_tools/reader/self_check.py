"""Self-checks: "¿Se respetan tus derechos?", a list of yes / no / don't
know questions written in a page, with a result to print.

A page marks its list of questions with a line ``{{ revision }}`` (see
``build_tools.reader.self_check_extension``). Each item is a question
whose "yes" means the right is respected, ending with a link to the guide
section to read. Without JavaScript the list reads as a checklist with its
links. ``overrides/assets/javascripts/self-check.js`` turns each item into a
group of answers and shows the result in the page: nothing is sent or kept.

Here: the markup the build adds around the list, hidden until the script
uses it, with every string from ``locales/`` (keys ``selfcheck.*``), so
the language marks of the finished page apply to it as to any text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from build_tools.facts import Fact, FactRegistry
from build_tools.errors import ContentError, Problem
from build_tools.facts.rendering import RenderContext, format_date_for, render_inline

# Pages the result links to, relative to the language's folder
STATES_PAGE = "ayuda/estados.md"
HELP_PAGE = "ayuda/index.md"
# Answers, in the order the reader sees them; the values the script reads
ANSWERS = ("yes", "no", "unknown")
FORM_CLASS = "dc-self-check"


@dataclass(frozen=True)
class Office:
    """Where the result sends the reader: a locale string with its links."""

    text: str  # locale key; placeholders {states}, {help}, {phone}
    facts: tuple[str, ...] = ()  # phone facts it shows, by placeholder name "phone"


OFFICES = {
    # Domestic and farm work are local: the state's offices
    "estado": Office("selfcheck.office.estado"),
    # Auto parts are federal (PROFEDET); other factories may be local
    "autopartes": Office("selfcheck.office.autopartes", facts=("profedet.telefono",)),
}
DEFAULT_OFFICE = "estado"


@dataclass(frozen=True)
class State:
    """A state as the page of offices names it: its section id and name."""

    id: str
    name: str


@dataclass(frozen=True)
class Links:
    """Addresses of the pages the result links to, relative to the page."""

    states: str  # ayuda/estados.md: each state's offices
    help: str  # ayuda/index.md: where to get help
    # The states of that page, for the reader to pick hers, and the language
    # of their names (Spanish on a page that falls back to it)
    state_list: tuple[State, ...] = ()
    state_lang: str = ""


# A state's section on the page of offices: "## Chiapas {#chiapas}"
_STATE_HEADING = re.compile(r"^## +(.+?) +\{#([a-z0-9-]+)\} *$", re.M)


def states_of(text: str) -> tuple[State, ...]:
    """The states of the page of offices, in its order, from its Markdown:
    each ``##`` heading with an id is one state."""
    return tuple(State(id=match[2], name=match[1].strip()) for match in _STATE_HEADING.finditer(text))


def facts_of(office: str) -> list[str]:
    """The ids of the facts a self-check's result shows."""
    return list(OFFICES[office].facts)


def office_facts(office: str, facts: FactRegistry, ctx: RenderContext, where: tuple[str, int | None]) -> dict[str, Fact]:
    """The facts an office's text needs, checked: defined and in force."""
    problems, found = [], {}
    for fact_id in OFFICES[office].facts:
        fact = facts.get(fact_id)
        if fact is None:
            problems.append(Problem(*where, f"the self-check needs the fact '{fact_id}', which is not defined in facts/*.yml"))
        elif fact.value_on(ctx.as_of) is None:
            problems.append(Problem(fact.path, fact.line, f"fact '{fact_id}' has no value in force on {ctx.as_of}; the self-check ({where[0]}:{where[1]}) needs one"))
        else:
            found[fact_id] = fact
    if problems:
        raise ContentError(problems)
    return found


def _text(ctx: RenderContext, key: str, **parts: str) -> str:
    """A string as HTML, escaped, with HTML ``parts`` put into its placeholders."""
    escaped = html.escape(ctx.catalog.t(key))
    for name, part in parts.items():
        escaped = escaped.replace("{" + name + "}", part)
    return escaped


def _link(href: str, ctx: RenderContext, key: str) -> str:
    return f'<a href="{html.escape(href)}">{_text(ctx, key)}</a>'


def _state_picker(prefix: str, links: Links, ctx: RenderContext) -> str:
    """A list of the states: the reader picks hers and the result links to
    her state's section of the page of offices (the script points the link
    there; nothing is kept)."""
    if not links.state_list:
        return ""
    lang = f' lang="{links.state_lang}"' if links.state_lang and links.state_lang != ctx.lang else ""
    options = "".join(f'<option value="{html.escape(s.id)}"{lang}>{html.escape(s.name)}</option>' for s in links.state_list)
    return (
        f'<p class="{FORM_CLASS}__state"><label for="{prefix}-state">{_text(ctx, "selfcheck.state.label")}</label> '
        f'<select id="{prefix}-state"><option value="">{_text(ctx, "selfcheck.state.none")}</option>{options}</select></p>'
        f'<p class="{FORM_CLASS}__state-link" hidden>'
        f'<a href="{html.escape(links.states)}">{_text(ctx, "selfcheck.state.link")}</a></p>'
    )


def render_parts(
    office: str, facts: FactRegistry, ctx: RenderContext, links: Links, where: tuple[str, int | None], number: int = 1
) -> tuple[str, str]:
    """The HTML that goes before and after the list of questions: a note for
    the top, and the answers, button and result the script shows. All of it
    is hidden: without JavaScript the page is the list. ``number`` keeps ids
    unique on the page."""
    used = office_facts(office, facts, ctx, where)
    prefix = f"{FORM_CLASS}-{number}"
    phone = render_inline(used["profedet.telefono"], ctx) if "profedet.telefono" in used else ""
    # The phone's source is listed with the page's, numbered in reading order
    for fact in used.values():
        ctx.footnote(fact)
    before = f'<p class="{FORM_CLASS}__private" hidden>{_text(ctx, "selfcheck.private")}</p>'
    # No autocomplete on the radios (HTML allows it only on text-like inputs):
    # the form's autocomplete="off" covers them
    choices = "".join(
        f'<label class="{FORM_CLASS}__choice"><input type="radio" value="{answer}">'
        f'<span>{_text(ctx, f"selfcheck.answer.{answer}")}</span></label>'
        for answer in ANSWERS
    )
    groups = "".join(
        f'<div class="{FORM_CLASS}__group" data-answer="{answer}">'
        f'<h3 id="{prefix}-{answer}">{_text(ctx, f"selfcheck.result.{answer}")}</h3>'
        f'<p>{_text(ctx, f"selfcheck.result.{answer}.intro")}</p><ul></ul></div>'
        for answer in ("no", "unknown")
    )
    office_text = _text(
        ctx, OFFICES[office].text,
        states=_link(links.states, ctx, "selfcheck.office.states_link"),
        help=_link(links.help, ctx, "selfcheck.office.help_link"),
        phone=phone,
    )
    after = (
        f'<div class="{FORM_CLASS}__controls" hidden>'
        f'<div class="{FORM_CLASS}__choices">{choices}</div>'
        f'<p class="{FORM_CLASS}__hint">{_text(ctx, "selfcheck.unanswered")}</p>'
        f'<button type="submit" class="{FORM_CLASS}__submit">{_text(ctx, "selfcheck.submit")}</button></div>'
        f'<section class="{FORM_CLASS}__result" hidden tabindex="-1" aria-labelledby="{prefix}-title">'
        f'<h2 id="{prefix}-title">{_text(ctx, "selfcheck.result.title")}</h2>'
        f'<p class="{FORM_CLASS}__none">{_text(ctx, "selfcheck.result.none")}</p>'
        f"{groups}"
        f'<div class="{FORM_CLASS}__office"><h3 id="{prefix}-office">{_text(ctx, "selfcheck.office.title")}</h3>'
        f"<p>{office_text}</p>{_state_picker(prefix, links, ctx)}</div>"
        f'<p class="{FORM_CLASS}__date">{_text(ctx, "selfcheck.result.as_of", date=html.escape(format_date_for(ctx.as_of, ctx)))}</p>'
        f'<p class="{FORM_CLASS}__not-advice">{_text(ctx, "selfcheck.result.not_advice")}</p>'
        f'<button type="button" class="{FORM_CLASS}__print">{_text(ctx, "selfcheck.print")}</button>'
        f'<button type="button" class="{FORM_CLASS}__again">{_text(ctx, "selfcheck.again")}</button>'
        "</section>"
    )
    return before, after
