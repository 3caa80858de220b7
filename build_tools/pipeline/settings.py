"""Project settings, read from ``extra.derechos`` in mkdocs.yml."""

from __future__ import annotations

import datetime as dt

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError
from mkdocs.exceptions import PluginError

from build_tools.facts import WARNING_DAYS


class DateOption(c.OptionallyRequired):
    """A date written as YYYY-MM-DD (or a YAML date); empty means today."""

    def run_validation(self, value):
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValidationError(f"'{value}' is not a date like 2026-11-21") from None


class Settings(Config):
    facts_dir = c.Type(str, default="facts")
    locales_dir = c.Type(str, default="locales")

    # The day whose facts the site shows; empty means today
    as_of = c.Optional(DateOption())

    # A fact checked longer ago than this is reported as stale
    fact_max_age_days = c.Type(int, default=365)

    # A value ending within this many days with none after it is reported
    # (a warning only): December's report asks for January's figures
    fact_warning_days = c.Type(int, default=WARNING_DAYS)

    # Stale or expired facts fail the build instead of warning
    strict_facts = c.Type(bool, default=False)

    # Draft translations are published; off, they fall back to Spanish
    include_drafts = c.Type(bool, default=True)

    # Printable summaries: help lines listed besides the guide's own phones
    summary_phones = c.ListOfItems(c.Type(str), default=[])

    # Pages that moved (build_tools.reader.redirects)
    redirects_file = c.Type(str, default="redirects.yml")

    # The menu's sections by folder of docs/<lang>/, in the order shown
    # (build_tools.reader.menu); folders not listed come after these
    menu_order = c.ListOfItems(c.Type(str), default=[])

    # Folders of pages for contributors: search lists them after every guide
    search_last = c.ListOfItems(c.Type(str), default=[])


def load_settings(raw: dict | None, config_file: str | None = None) -> Settings:
    """Validate the ``extra.derechos`` mapping, or fail naming the bad option."""
    settings = Settings(config_file_path=config_file)
    settings.load_dict(dict(raw or {}))
    failed, _warnings = settings.validate()
    if failed:
        details = "; ".join(f"extra.derechos.{key}: {error}" for key, error in failed)
        raise PluginError(f"mkdocs.yml: {details}")
    return settings


def build_date(settings: Settings, today: dt.date | None = None) -> dt.date:
    return settings.as_of or today or dt.date.today()
