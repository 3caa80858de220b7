"""mkdocs-static-i18n, adapted to real BCP 47 tags and per-language files."""
