"""Command-line tools for maintainers and translators.

    python -m build_tools build [--as-of DATE] [--strict] [--debug]
    python -m build_tools locales [--lang TAG] [--missing]
    python -m build_tools facts [--as-of DATE] [--strict] [--since REV]
    python -m build_tools status [--lang LANG] [--json FILE]
    python -m build_tools translate start|check|diff PAGE LANG
    python -m build_tools translate done PAGE LANG --reviewer NAME | --draft
    python -m build_tools translate update LANG [PAGE...]
    python -m build_tools translate status [LANG]
    python -m build_tools bench [--sizes 50 200 800] [--runs 3]
    python -m build_tools weight [--site DIR] [--json FILE] [--runs N]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import logging
import os
import shutil
import sys
import tempfile
import warnings
from pathlib import Path
from urllib.parse import urlsplit

from build_tools import deploy, translations
from build_tools.checks import html_safety
from build_tools.errors import ContentError, display_path
from build_tools.facts import law_text, load_facts
from build_tools.facts.history import GitError, unverified_changes
from build_tools.i18n.locales import coverage_report, load_catalogs, missing_report
from build_tools.pipeline.settings import build_date
from build_tools.reader import offline, stylesheets
from build_tools.translations import translate

# Commands run from the project folder, like mkdocs itself
ROOT = Path.cwd()
# Our scripts on every page (mkdocs.yml, overrides/partials), in the order they run
READER_SCRIPTS = ["assets/javascripts/search-on-demand.js", "assets/javascripts/offline.js", "assets/javascripts/share.js"]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-21") from None


def _load_config(config_file: Path | None = None, **options):
    """mkdocs.yml as MkDocs validates it; ``options`` replace its settings."""
    # No NO_MKDOCS_2_WARNING needed: Material prints that notice only under the mkdocs command
    from mkdocs.config import load_config

    return load_config(str(config_file or ROOT / "mkdocs.yml"), **options)


def _project(config_file: Path | None = None):
    """The validated MkDocs config, our i18n plugin and the project settings."""
    from build_tools.pipeline.settings import load_settings
    from build_tools.pipeline.site import i18n_plugin

    config = _load_config(config_file)
    i18n = i18n_plugin(config)
    return config, i18n, load_settings(config.extra.get("derechos"), config.config_file_path)


def _build_environment(args) -> dict[str, str]:
    """The variables mkdocs.yml reads (!ENV) for this build, and the date of
    the gzip and zip files: same commit, same date, byte-identical site."""
    env = {}
    if args.as_of:
        env["DC_AS_OF"] = args.as_of.isoformat()
    if args.strict:
        env["DC_STRICT_FACTS"] = "true"
    if "SOURCE_DATE_EPOCH" not in os.environ:
        as_of = env.get("DC_AS_OF") or os.environ.get("DC_AS_OF")
        day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
        env["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()))
    return env


@contextlib.contextmanager
def _environment(values: dict[str, str]):
    """Set environment variables, and put back what was there (main() may run in a test)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def _mkdocs_logging(debug: bool):
    """MkDocs' log as `mkdocs build` prints it (INFO and up; everything with --debug)."""
    from mkdocs import utils
    from mkdocs.__main__ import ColorFormatter, _showwarning
    from mkdocs.commands import build

    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    plain = not sys.stdout.isatty() or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb"
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s") if plain else ColorFormatter())
    # mkdocs-static-i18n changes these during the build and leaves them if it fails
    level, propagate, filters, clean_directory = logger.level, logger.propagate, list(build.log.filters), utils.clean_directory
    logger.setLevel(logging.DEBUG if debug else logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings():
            if not sys.warnoptions:  # as the mkdocs command does
                build.log.addFilter(utils.DuplicateFilter())
                warnings.simplefilter("module", DeprecationWarning)
                warnings.showwarning = _showwarning
            yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
        build.log.filters[:] = filters
        utils.clean_directory = clean_directory


def _run_mkdocs(site_dir: Path, debug: bool):
    """Build every language into ``site_dir`` in this process; return the run's config."""
    from mkdocs.commands.build import build

    with _mkdocs_logging(debug):
        config = _load_config(site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    return config


def _offline_languages(config) -> list[offline.Language]:
    """The configured languages, with the catalogs the MkDocs run loaded."""
    from build_tools.pipeline import state_of

    state = state_of(config)
    i18n = state.i18n
    return [
        offline.Language(tag, i18n.language_prefix(tag), i18n.get_language_config(tag).name, i18n.format_locale(tag), state.catalogs[tag])
        for tag in i18n.language_tags
    ]


def _language_of(languages: list[offline.Language]):
    """A function giving a site path's language tag (by its URL folder)."""
    folders = sorted(((lang.prefix.strip("/") + "/", lang.tag) for lang in languages), key=lambda pair: -len(pair[0]))

    def language(path: str) -> str:
        return next((tag for folder, tag in folders if folder == "/" or path.startswith(folder)), "")

    return language


def _own_scripts(config) -> list[str]:
    """The site paths of the scripts in overrides/ (Material's come minified)."""
    scripts = Path(config.theme.custom_dir) / "assets" / "javascripts"
    return sorted(path.relative_to(config.theme.custom_dir).as_posix() for path in scripts.rglob("*.js"))


def _theme_sources(config) -> list[tuple[str, str]]:
    """What writes the page around the body, as (path shown, text): mkdocs.yml
    (its settings, such as copyright, go into the page as written), the
    templates in overrides/, then Material's."""
    config_file = Path(config.config_file_path)
    found = [(display_path(config_file, ROOT), config_file.read_text(encoding="utf-8"))]
    for folder in map(Path, config.theme.dirs):
        shown_from = ROOT if folder.is_relative_to(ROOT) else folder.parent.parent  # material/templates/...
        for path in sorted(folder.rglob("*.html")):
            if not any(part.startswith(".") for part in path.relative_to(folder).parts):
                found.append((display_path(path, shown_from), path.read_text(encoding="utf-8")))
    return found


def _finish(staging: Path, config, mtime: int) -> None:
    """What the web server and offline readers need, from the files MkDocs wrote (each read once)."""
    files = deploy.BuiltSite(staging)
    # Nothing on any page runs code or fetches from another website, whatever
    # wrote it (the templates, a title, a string): read before any step below
    # changes the pages, and with SITE_URL, the site's own address is no other
    pages = ((path, files.text(path)) for path in files.paths() if path.endswith(".html"))
    if problems := html_safety.check_written_pages(pages, urlsplit(config.site_url or "").hostname, lambda: _theme_sources(config)):
        raise ContentError(problems)
    languages = _offline_languages(config)
    # Nothing a reader loads; Material's quote a loopback address
    deploy.drop_source_maps(files)
    # Smaller pages: the templates' indentation, which a browser shows as one space
    deploy.collapse_pages(files)
    # Our scripts as readers get them: without comments and indentation
    deploy.minify_scripts(files, _own_scripts(config))
    # One request for our scripts on every page. Order: search-on-demand.js
    # before Material's bundle; offline.js and share.js need nothing from it
    deploy.merge_scripts(files, READER_SCRIPTS, "reader")
    # First paint: the first screen's CSS inline, the rest (purged) after the page.
    # Per language: a fallback language's notice needs rules the others do not
    features = [*config.theme.get("features", []), *(["version"] if config.extra.get("version") else [])]
    stylesheet = stylesheets.optimise(files, group=_language_of(languages), features=features)
    # For the web server (deploy/nginx): CSP hashes, each page's variant for a
    # phone that has the stylesheet saved (same policy), pre-compressed files
    deploy.write_csp(files)
    if stylesheet:
        deploy.write_lean_pages(files, stylesheet)
    deploy.precompress(files, mtime)
    # Offline reading: service worker, download lists and zips (sizes need the .gz files)
    templates = Path(config.theme.custom_dir)
    for path in offline.publish(files, languages, config.site_url or "/", mtime, templates, stylesheet):
        deploy.compress(files, path, mtime)


def cmd_build(args) -> int:
    """Build into a temporary folder; replace site/ only if the build succeeded."""
    from mkdocs.exceptions import MkDocsException

    target = ROOT / "site"
    staging = Path(tempfile.mkdtemp(prefix="site.building-", dir=ROOT))
    try:
        with _environment(_build_environment(args)):
            config = _run_mkdocs(staging, args.debug)
            _finish(staging, config, int(os.environ["SOURCE_DATE_EPOCH"]))
    except MkDocsException as error:
        shutil.rmtree(staging, ignore_errors=True)
        error.show()  # as the mkdocs command shows it: no traceback
        print("\nThe build failed; site/ was left as it was.", file=sys.stderr)
        return error.exit_code
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = None
    if target.exists():
        old = target.with_name(f"site.old-{os.getpid()}")
        target.rename(old)
    staging.rename(target)
    if old:
        shutil.rmtree(old, ignore_errors=True)
    print(f"Site written to {target.relative_to(ROOT)}/")
    return 0


def cmd_locales(args) -> int:
    """Print how much of the UI each language translates; with --missing, what is left."""
    _config, i18n, settings = _project()
    default = i18n.source_language
    catalogs = load_catalogs(ROOT / settings.locales_dir, i18n.language_tags, default, ROOT, fallbacks=i18n.language_fallbacks())
    if args.lang is not None:
        if args.lang not in catalogs:
            known = ", ".join(catalogs)
            print(
                f"No hay un idioma '{args.lang}'; los idiomas son: {known}.\n"
                f"There is no language '{args.lang}'; the languages are: {known}.",
                file=sys.stderr,
            )
            return 1
        shown = {args.lang: catalogs[args.lang]}
    else:
        shown = catalogs
    print(coverage_report(shown))
    if args.missing:
        report = missing_report(shown, catalogs[default])
        if report:
            print("\n" + report)
    return 0


def cmd_facts(args) -> int:
    """Validate all facts and list the ones that need checking."""
    _config, i18n, settings = _project()
    facts_dir = ROOT / settings.facts_dir
    registry = load_facts(facts_dir, ROOT, i18n.source_language)
    as_of = args.as_of or build_date(settings)
    report = registry.staleness(as_of, settings.fact_max_age_days, settings.fact_warning_days)
    try:
        unverified = unverified_changes(facts_dir, ROOT, args.since or "HEAD")
    except GitError as error:
        if args.since:
            print(f"Error: cannot compare the facts with '{args.since}' ({error}).", file=sys.stderr)
            return 1
        unverified = []  # a repository with no commit yet
    print(f"{len(registry)} facts are valid.")
    lines = report.lines(as_of) + [str(problem) for problem in unverified]
    for line in lines:
        print(("ERROR: " if args.strict else "WARNING: ") + line)
    # Values about to end are a warning even with --strict
    for line in report.ending_lines():
        print("WARNING: " + line)
    quotes_wrong = _check_quotes(registry)
    return 1 if (lines and args.strict) or quotes_wrong else 0


def _check_quotes(registry) -> bool:
    """Check the facts' quotes against the law text, if it is here; True if any is wrong."""
    directory = law_text.law_dir(ROOT)
    if not directory.is_dir():
        print(f"Quotes not checked: law text not found at {directory} (set {law_text.LAW_DIR_VARIABLE}).")
        return False
    check = law_text.check_quotes(registry.values(), directory)
    for problem in check.problems:
        print(f"ERROR: {problem}")
    wrong = len(check.problems)
    quotes = "1 quote" if check.checked == 1 else f"{check.checked} quotes"
    print(f"{quotes} checked against the law text in {directory}: {check.checked - wrong} match, {wrong} do not.")
    return bool(wrong)


def _translation_project() -> translate.Project:
    config, i18n, settings = _project()
    return translate.Project(
        root=ROOT,
        docs_dir=Path(config.docs_dir),
        source_lang=i18n.source_language,
        langs=i18n.language_tags,
        facts_dir=ROOT / settings.facts_dir,
    )


def cmd_status(args) -> int:
    """Each page's state in each language, and the coverage per language."""
    project = _translation_project()
    langs = project.langs
    if args.lang:
        try:
            langs = [project.target_language(args.lang)]
        except translate.TranslateError as error:
            print(f"Error: {error}", file=sys.stderr)
            return 1
    statuses = translations.collect_status(project.docs_dir, project.source_lang, langs, ROOT)
    table = translations.coverage(statuses)
    if args.json:
        shares = translations.language_share(statuses)
        data = {
            "source_language": project.source_lang,
            "coverage": {lang: {**counts, "total": sum(counts.values()), "share": round(shares[lang], 4)} for lang, counts in table.items()},
            "pages": [status.as_dict() for status in statuses],
        }
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if args.json == "-":
            sys.stdout.write(text)
            return 0
        Path(args.json).write_text(text, encoding="utf-8")
    print(translations.status_text(statuses))
    return 0


def cmd_translate(args) -> int:
    project = _translation_project()
    try:
        if args.action == "start":
            print(translate.start(project, args.page, args.lang))
        elif args.action == "done":
            print(translate.done(project, args.page, args.lang, args.reviewer, draft=args.draft))
        elif args.action == "diff":
            print(translate.diff(project, args.page, args.lang))
        elif args.action == "update":
            print("\n".join(translate.update(project, args.lang, args.pages)))
        elif args.action == "status":
            print(translate.status_report(project, args.lang))
        else:
            problems = translate.check(project, args.page, args.lang)
            print("\n".join(problems) or "Sin diferencias con la página en español / No differences with the Spanish page.")
            return 1 if problems else 0
    except translate.TranslateError as error:
        print(f"No se hizo nada / Nothing done: {error}", file=sys.stderr)
        return 1
    return 0


def cmd_bench(args) -> int:
    """Time the build against plain MkDocs and Markdown; see build_tools/tooling/bench.py."""
    from build_tools.tooling import bench

    sizes = bench.measure_sizes(ROOT, args.sizes, args.runs, log=lambda m: print(m, file=sys.stderr))
    loops = {}
    if not args.no_serve:
        for only in (None, "es"):
            loops[only or "all"] = bench.edit_loop(ROOT, args.runs, only, log=lambda m: print(m, file=sys.stderr))
    print(bench.report(sizes, loops))
    if args.json:
        Path(args.json).write_text(json.dumps({"sizes": sizes, "edit_loop": loops}, indent=2) + "\n", encoding="utf-8")
    return 0


def cmd_weight(args) -> int:
    """Bytes of a first and a repeat visit, against a default build; see build_tools/tooling/weight.py."""
    from build_tools.tooling import weight

    def log(message):
        print(message, file=sys.stderr)

    site = args.site
    if site is None:
        if cmd_build(argparse.Namespace(as_of=None, strict=False, debug=False)) != 0:
            return 1
        site = ROOT / "site"
    project = weight.measure(site, log=log)
    with tempfile.TemporaryDirectory(prefix="dc-weight-baseline-") as tmp:
        baseline_site = weight.baseline_site(ROOT, Path(tmp), log=log)
        guides = [(weight.baseline_path(first), weight.baseline_path(repeat)) for first, repeat in weight.GUIDES]
        baseline = weight.measure(baseline_site, guides, log=log)
        paint = weight.measure_paint(site, baseline_site, runs=args.runs, log=log)
    table, ok = weight.report(project, baseline)
    print(table)
    paint_table, paint_ok = weight.paint_report(paint)
    print("\n## First paint\n\n" + paint_table)
    ok &= paint_ok
    if args.json:
        data = {"project": [[v.as_dict() for v in pair] for pair in project], "baseline": [[v.as_dict() for v in pair] for pair in baseline],
                "paint": [{"project": [vars(p) for p in ours], "baseline": [vars(p) for p in theirs]} for ours, theirs in paint]}
        Path(args.json).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build the whole site into site/")
    build.add_argument("--as-of", type=_date, help="show the facts in force on this date (default: today)")
    build.add_argument("--strict", action="store_true", help="fail on facts with no value in force or stale (values ending soon only warn)")
    build.add_argument("--debug", action="store_true", help="show MkDocs' full log")
    build.set_defaults(run=cmd_build)

    locales = commands.add_parser("locales", help="UI string coverage per language")
    locales.add_argument("--lang", metavar="TAG", help="only this language, e.g. nah")
    locales.add_argument("--missing", action="store_true", help="also list the untranslated and draft keys, with the Spanish text")
    locales.set_defaults(run=cmd_locales)

    facts = commands.add_parser("facts", help="validate facts and list those needing a check")
    facts.add_argument("--as-of", type=_date)
    facts.add_argument(
        "--strict", action="store_true",
        help="exit 1 if a fact has no value in force, is stale or changed without a new last_verified (values ending soon only warn)",
    )
    facts.add_argument(
        "--since", metavar="REV",
        help="report values changed since this git revision without a new last_verified (default: the last commit)",
    )
    facts.set_defaults(run=cmd_facts)

    status = commands.add_parser("status", help="translation state of every page in every language")
    status.add_argument("--json", metavar="FILE", help="also write the data as JSON ('-' for standard output only)")
    status.add_argument("--lang", help="only this language, e.g. nah")
    status.set_defaults(run=cmd_status)

    translate_cmd = commands.add_parser("translate", help="translate pages: whole files (English) or paragraph by paragraph in PO files")
    actions = translate_cmd.add_subparsers(dest="action", required=True)
    page_help, lang_help = "the page inside docs/es/, e.g. hogar/aguinaldo.md", "the language tag, e.g. nah"
    for name, text in (
        ("start", "start a whole-file translation from a copy of the Spanish page"),
        ("check", "compare a translation (file or PO) with its Spanish page"),
        ("diff", "what changed in the Spanish page since a file translation was made"),
        ("done", "record that a file translation follows the current Spanish page"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("page", help=page_help)
        action.add_argument("lang", help=lang_help)
        if name == "done":
            who = action.add_mutually_exclusive_group(required=True)
            who.add_argument("--reviewer", help="the people or organisation who reviewed it")
            who.add_argument("--draft", action="store_true", help="still a draft: nobody reviewed it yet")
    update = actions.add_parser("update", help="create and update a language's PO files from the Spanish pages")
    update.add_argument("lang", help=lang_help)
    update.add_argument("pages", nargs="*", help="only these pages (default: every page)")
    status_one = actions.add_parser("status", help="translated, fuzzy and untranslated paragraphs per page")
    status_one.add_argument("lang", nargs="?", help="only this language")
    translate_cmd.set_defaults(run=cmd_translate)

    bench = commands.add_parser("bench", help="build-time benchmark (see BENCHMARKS.md)")
    bench.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 800], help="pages per language")
    bench.add_argument("--runs", type=int, default=3, help="runs per variant (the median is reported)")
    bench.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    bench.add_argument("--no-serve", action="store_true", help="skip the `mkdocs serve` edit-loop timing")
    bench.set_defaults(run=cmd_bench)

    weight_cmd = commands.add_parser("weight", help="bytes a reader downloads per page (see BENCHMARKS.md)")
    weight_cmd.add_argument("--site", type=Path, help="measure this built site instead of building site/")
    weight_cmd.add_argument("--json", metavar="FILE", help="also write every request as JSON")
    weight_cmd.add_argument("--runs", type=int, default=5, help="first-paint runs of each page and of the default build (median; default 5)")
    weight_cmd.set_defaults(run=cmd_weight)

    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except ContentError as error:
        print(f"Error:\n{error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
