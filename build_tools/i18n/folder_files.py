"""mkdocs-static-i18n's step that makes each file of the docs folder a file
of one language build, with string operations instead of pathlib.

Upstream's ``folder.create_i18n_file`` runs once for every file in every
language build, and again for each alternate: 15,075 times at N=200 in
``python -m build_tools bench``, a tenth of the build's time, most of it
building ``PurePath`` objects. ``create_i18n_file`` here gives the same
``File`` for the files every build has: normalised relative paths under a
language folder or beside them. Anything else (README files, a file named
like a language, paths pathlib would normalise differently, debug logging
on) goes to upstream's function unchanged. ``tests/test_i18n_plugin.py``
compares the two on every file of the site in every language, and
``tests/test_upstream_seams.py`` records the hash of the upstream function
this one follows.
"""

from __future__ import annotations

import functools
import logging
import os
import posixpath
import re

from mkdocs.structure.files import File
from mkdocs_static_i18n import folder

UPSTREAM = folder.create_i18n_file


@functools.lru_cache(maxsize=8)
def _plain_tags(tags: tuple[str, ...]) -> bool:
    """Whether every tag is one folder name, so that string prefixes match as pathlib does."""
    return all(tag and "/" not in tag and tag not in (".", "..") for tag in tags)


def language_folder_pattern(tags) -> re.Pattern:
    """``folder.RE_LOCALE`` for the configured tags: upstream's own only knows
    ISO 639-1 codes, so nah/tzo/mix files would walk every language."""
    return re.compile("^(?:" + "|".join(re.escape(tag) for tag in sorted(tags, key=len, reverse=True)) + ")$")


def _under(path: str, top: str) -> bool:
    return path.startswith(top) and path[len(top):len(top) + 1] == "/"


def create_i18n_file(file: File, current_language: str, default_language: str, all_languages: list, config) -> File:
    """The same as ``mkdocs_static_i18n.folder.create_i18n_file``."""
    src, dest = file.src_uri, file.dest_uri
    if (
        os.sep != "/"
        or not _plain_tags((current_language, default_language, *all_languages))
        or src.startswith("/") or dest.startswith("/")
        or posixpath.normpath(src) != src or posixpath.normpath(dest) != dest
        or "README" in src or dest.endswith("README.html")
        or folder.log.isEnabledFor(logging.DEBUG)  # upstream logs each file
    ):
        return UPSTREAM(file, current_language, default_language, all_languages, config)
    # Upstream's loop over the languages, in one test: the file's first
    # folder is a language, or looks like one (RE_LOCALE)
    first = src.split("/", 1)[0]
    locale, localization = default_language, None
    if all_languages and (first in all_languages or folder.RE_LOCALE.match(first)):
        locale = localization = first
    if dest == locale or src == localization:  # pathlib's "." cases
        return UPSTREAM(file, current_language, default_language, all_languages, config)

    new = File.__new__(File)  # as File(file.src_path, ...) would set it, without pathlib
    new.src_uri, new.src_dir, new.dest_dir = src, config.docs_dir, file.dest_path
    new.use_directory_urls, new.dest_uri, new.inclusion = config.use_directory_urls, dest, file.inclusion
    if locale != current_language:
        if _under(dest, locale):
            new.dest_uri = f"{current_language}/{dest[len(locale) + 1:]}"
        elif current_language != default_language:
            new.dest_uri = f"{current_language}/{dest}"
    elif locale == default_language:
        if _under(dest, locale):
            new.dest_uri = dest[len(locale) + 1:]
        elif current_language != default_language:
            new.dest_uri = f"{current_language}/{dest}"
    new.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, new.dest_uri))
    new.url = new._get_url(config.use_directory_urls)
    new.alternates = {current_language: new}
    new.locale = locale
    new.locale_alternate_of = current_language
    new.localization = localization
    new.norm_src_uri = src[len(localization) + 1:] if localization else src
    return new
