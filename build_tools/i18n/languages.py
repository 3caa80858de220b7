"""Language tags: real BCP 47 tags, and the Babel locale used to format them.

mkdocs-static-i18n 1.3.1 only accepts ISO 639-1 codes (two letters), so it
rejects ``nah``, ``tzo`` and ``mix``. We validate against the IANA language
subtag registry (through ``langcodes``) instead, which accepts every real
tag and still rejects made-up ones.
"""

from __future__ import annotations

import langcodes
from babel import Locale, UnknownLocaleError, localedata

NULL_LOCALE = "null"  # mkdocs-static-i18n's placeholder for a link-only switcher entry


def is_valid_tag(tag: str) -> bool:
    """True for a well-formed, registered BCP 47 tag written with hyphens."""
    if not isinstance(tag, str) or not tag or "_" in tag or tag != tag.strip():
        return False
    return bool(langcodes.tag_is_valid(tag))


def tag_error(tag: object) -> str | None:
    """A sentence explaining why ``tag`` is not usable, or None if it is."""
    if tag == NULL_LOCALE:
        return None
    if not isinstance(tag, str):
        return f"a language code must be text, got {tag!r}"
    if "_" in tag:
        return f"'{tag}' uses '_'; BCP 47 language tags use '-' (for example 'es-MX')"
    if not is_valid_tag(tag):
        return (
            f"'{tag}' is not a registered BCP 47 language tag "
            "(examples: 'es', 'en', 'nah', 'tzo', 'mix', 'es-MX')"
        )
    return None


def babel_locale(tag: str, configured: str | None = None, fallback: str = "es_MX") -> Locale:
    """The Babel locale that formats numbers and dates for ``tag``.

    An explicit ``configured`` locale wins; otherwise the tag itself if Babel
    has data for it; otherwise ``fallback`` (Babel has no CLDR data for
    Nahuatl, Tsotsil or Mixtec, whose readers live with Mexican formats).
    """
    for candidate in (configured, tag):
        if not candidate:
            continue
        name = candidate.replace("-", "_")
        if localedata.exists(name):
            try:
                return Locale.parse(name)
            except (UnknownLocaleError, ValueError):
                pass
        elif candidate is configured:
            raise ValueError(f"Babel has no locale '{configured}'")
    return Locale.parse(fallback.replace("-", "_"))


def fallback_chain(tag: str, fallbacks: dict[str, list[str]], source: str) -> list[str]:
    """The languages a page or string in ``tag`` is looked for in, in order.

    ``fallbacks`` maps each language to the languages tried before the
    source (``{"nhe": ["nah"]}``); theirs are followed in turn, so the chain
    of ``nhe`` is ``["nhe", "nah", "es"]``. The source always comes last.
    Assumes no cycles (``fallback_problems`` reports them).
    """
    chain: list[str] = []
    pending = [tag]
    while pending:
        current = pending.pop(0)
        if current == source or current in chain:
            continue
        chain.append(current)
        pending[:0] = fallbacks.get(current, [])
    return [*chain, source]


def fallback_problems(fallbacks: dict[str, list[str]], source: str) -> dict[str, str]:
    """What is wrong with each language's ``fallback`` list (tag -> message):
    unknown tags, itself, the source (always implied), repeats and cycles."""
    problems: dict[str, str] = {}
    for tag, listed in fallbacks.items():
        for other in listed:
            if other not in fallbacks:
                problems[tag] = (
                    f"'{other}' no es un idioma de esta lista; agrégalo antes o quítalo / "
                    f"'{other}' is not one of the languages listed here; add it first or remove it"
                )
            elif other == tag:
                problems[tag] = (
                    f"un idioma no puede recurrir a sí mismo ('{tag}') / "
                    f"a language cannot fall back to itself ('{tag}')"
                )
            elif other == source:
                problems[tag] = (
                    f"no pongas '{source}': el idioma de origen siempre es el último recurso / "
                    f"leave out '{source}': the source language is always the last fallback"
                )
            else:
                continue
            break
        else:
            if len(set(listed)) != len(listed):
                problems[tag] = "un idioma aparece dos veces / a language is listed twice"
    for tag in fallbacks:
        if tag not in problems and (cycle := _cycle_from(tag, fallbacks)):
            path = " → ".join(cycle)
            problems[tag] = f"las sustituciones forman un círculo: {path} / the fallbacks go round in a circle: {path}"
    return problems


def _cycle_from(tag: str, fallbacks: dict[str, list[str]]) -> list[str] | None:
    """A path of fallbacks from ``tag`` back to ``tag``, if there is one."""
    stack = [(tag, [tag])]
    seen: set[str] = set()
    while stack:
        current, path = stack.pop()
        for other in fallbacks.get(current, []):
            if other == tag:
                return [*path, tag]
            if other not in seen:
                seen.add(other)
                stack.append((other, [*path, other]))
    return None
