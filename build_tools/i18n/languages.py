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
