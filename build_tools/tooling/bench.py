"""Build-time benchmark: the project's build against plain MkDocs and the
Python-Markdown floor, on synthetic corpora, plus the `make serve` edit loop.

    python -m build_tools bench [--sizes 50 200 800] [--runs 3] [--json FILE]

Method (also in BENCHMARKS.md):
- For each N, a temporary corpus has N pages in each of the five languages,
  shaped like the guides: front matter, headings with ids, paragraphs, a
  list, a table, links with anchors to other pages, and fact references.
  Pages sit in sections of 25. Nothing is written into docs/.
- (a) the project: this repository's mkdocs.yml, hooks, facts and locales.
  (b) plain: Material + mkdocs-static-i18n with the same pages and the same
  theme features (navigation.prune included), and no hooks or project plugin. Stock mkdocs-static-i18n rejects nah/tzo/mix, so (b)
  uses the two-letter folders fr/de/it for the same three sets of pages.
  (c) floor: Python-Markdown alone converting the same pages with the same
  extensions, in one process.
- Each language's pages carry its code in the text, as real translations
  differ; otherwise mkdocs-static-i18n drops identical pages from (b)'s
  search index and (b) does less work than a real site would.
- Runs alternate a, b, c within each round, so drift in the machine affects
  all three alike. Each build is its own process; the time is wall time
  around it, and the memory is that process's peak RSS (wait4).
- Reported: the median of the runs, a/b, a/c, and time(800)/time(200).
"""

from __future__ import annotations

import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_LANGS = ["es", "en", "nah", "tzo", "mix"]
PLAIN_LANGS = ["es", "en", "fr", "de", "it"]
SECTION_SIZE = 25
FACT_IDS = ["salario_minimo.general", "aguinaldo.dias", "vacaciones.prima", "prescripcion.general", "profedet.telefono"]
EXTENSIONS = ["attr_list", "admonition", "tables", "toc"]


def page_text(index: int, n: int, lang: str) -> str:
    """One synthetic guide page; links point at other pages of the corpus."""
    target = (index * 7 + 3) % n
    other_section = target // SECTION_SIZE
    link = f"../tema-{other_section:03d}/pagina-{target:04d}.md#derechos"
    facts = " ".join(f"{{{{ {FACT_IDS[(index + k) % len(FACT_IDS)]} }}}}" for k in range(3))
    return textwrap.dedent(f"""\
        ---
        title: Página {index} ({lang})
        description: Una guía de prueba para medir la construcción del sitio.
        last_reviewed: 2026-11-21
        ---

        # Guía de prueba

        Esta es una página de prueba en {lang}. Tiene frases cortas y palabras sencillas.

        ## ¿Cuáles son mis derechos? {{#derechos}}

        Te toca lo que dice la ley: {facts}.

        - Primer punto de la lista, con [un enlace]({link}).
        - Segundo punto, con **negritas** y *cursivas*.
        - Tercer punto, con `código`.

        ## ¿Cómo sé si se respetan? {{#respetan}}

        | Concepto | Dato |
        |---|---|
        | Aguinaldo | {{{{ aguinaldo.dias }}}} |
        | Prima | {{{{ vacaciones.prima }}}} |

        !!! note "Importante"
            Guarda tus recibos y mensajes.

        ## ¿Qué puedo hacer? {{#que-hacer}}

        Lee [la primera guía](../tema-000/pagina-0000.md#que-hacer) y pide ayuda.
        """)


def write_pages(docs: Path, n: int, langs: list[str]) -> None:
    for lang in langs:
        for index in range(n):
            path = docs / lang / f"tema-{index // SECTION_SIZE:03d}" / f"pagina-{index:04d}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page_text(index, n, lang), encoding="utf-8")
        (docs / lang / "index.md").write_text(f"---\ntitle: Inicio\nlast_reviewed: 2026-11-21\n---\n\n# Inicio {lang}\n\nTexto.\n", encoding="utf-8")


def project_corpus(root: Path, target: Path, n: int) -> Path:
    """(a): the real configuration, hooks, facts and locales, synthetic pages."""
    from build_tools import front_matter, translations

    target.mkdir(parents=True)
    for part in ("mkdocs.yml", "hooks", "overrides", "facts", "locales", "translations/glossary.yml", "redirects.yml"):
        source = root / part
        (target / part).parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    write_pages(target / "docs", n, PROJECT_LANGS)
    # Translations up to date and reviewed, so parity runs as on the real site
    for path in sorted((target / "docs" / "es").rglob("*.md")):
        digest = translations.fingerprint(path.read_text(encoding="utf-8"))
        for lang in PROJECT_LANGS[1:]:
            other = target / "docs" / lang / path.relative_to(target / "docs" / "es")
            block = {"status": "reviewed", "source": digest, "reviewed_by": "bench", "reviewed_on": "2026-11-21"}
            other.write_text(front_matter.set_block(other.read_text(encoding="utf-8"), "translation", block), encoding="utf-8")
    return target


def theme_features(root: Path) -> list[str]:
    """The project's Material features, so (a) and (b) differ only by our code."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506
    return list(config.get("theme", {}).get("features", []))


def plain_config(features: list[str] = (), stock: bool = False) -> str:
    """mkdocs.yml of Material + mkdocs-static-i18n with nothing of ours.

    ``stock``: Material's default settings too (Google Fonts, no features),
    as the page-weight baseline (build_tools/tooling/weight.py) needs.
    """
    feature_lines = "".join(f"    - {feature}\n" for feature in features)
    languages = "\n".join(
        f"        - locale: {lang}\n          name: {lang}\n          build: true" + ("\n          default: true" if lang == "es" else "")
        for lang in PLAIN_LANGS
    )
    return (
        "site_name: Bench\nsite_url: http://127.0.0.1:8000/\ntheme:\n  name: material\n  language: es\n"
        + ("" if stock else "  font: false\n")
        + (f"  features:\n{feature_lines}" if features else "") +
        "markdown_extensions:\n  - attr_list\n  - admonition\n  - tables\n  - toc:\n      permalink: true\n"
        "plugins:\n  - search\n  - i18n:\n      docs_structure: folder\n      languages:\n" + languages + "\n"
    )


def plain_corpus(target: Path, n: int, features: list[str] = ()) -> Path:
    """(b): Material + mkdocs-static-i18n with the project's theme features, nothing of ours."""
    write_pages(target / "docs", n, PLAIN_LANGS)
    (target / "mkdocs.yml").write_text(plain_config(features), encoding="utf-8")
    return target


MARKDOWN_FLOOR = """
import sys, time, pathlib, markdown
files = sorted(pathlib.Path(sys.argv[1]).rglob("*.md"))
texts = [f.read_text(encoding="utf-8") for f in files]
start = time.perf_counter()
md = markdown.Markdown(extensions={extensions!r}, extension_configs={{"toc": {{"permalink": True}}}})
for text in texts:
    md.reset().convert(text)
print(time.perf_counter() - start)
"""


@dataclass
class Sample:
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)

    def median(self) -> float:
        return statistics.median(self.seconds)


def build_env() -> dict:
    """The environment of a benchmark build: a fixed date, reproducible output."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DC_AS_OF": "2026-11-21", "SOURCE_DATE_EPOCH": "1763683200"}


def _run(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall time, peak RSS (MB) and stdout of one process."""
    env = build_env()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err)
        # wait4 gives this one process's peak memory
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{err.read().decode()[-3000:]}")
        return elapsed, usage.ru_maxrss / 1024, out.read().decode()


def _build(corpus: Path) -> tuple[float, float]:
    seconds, peak, _ = _run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(corpus / "site")], corpus)
    return seconds, peak


def _floor(corpus: Path) -> tuple[float, float]:
    script = MARKDOWN_FLOOR.format(extensions=EXTENSIONS)
    _wall, peak, out = _run([sys.executable, "-c", script, str(corpus / "docs")], corpus)
    return float(out.strip()), peak


def measure_sizes(root: Path, sizes: list[int], runs: int, log=print) -> dict:
    results = {}
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"dc-bench-{n}-") as work:
            work = Path(work)
            project = project_corpus(root, work / "project", n)
            plain = plain_corpus(work / "plain", n, theme_features(root))
            samples = {"project": Sample(), "plain": Sample(), "markdown": Sample()}
            for round_ in range(runs):
                for name, run in (("project", lambda: _build(project)), ("plain", lambda: _build(plain)), ("markdown", lambda: _floor(project))):
                    seconds, peak = run()
                    samples[name].seconds.append(seconds)
                    samples[name].peak_mb.append(peak)
                log(f"N={n} round {round_ + 1}/{runs}: " + ", ".join(f"{k} {v.seconds[-1]:.2f}s" for k, v in samples.items()))
            a, b, c = (samples[k].median() for k in ("project", "plain", "markdown"))
            results[n] = {
                "pages": n * len(PROJECT_LANGS),
                "median_seconds": {"project": a, "plain": b, "markdown": c},
                "runs": {k: v.seconds for k, v in samples.items()},
                "peak_rss_mb": {k: max(v.peak_mb) for k, v in samples.items()},
                "a_over_b": a / b,
                "a_over_c": a / c,
            }
    return results


def edit_loop(root: Path, runs: int = 3, only_lang: str | None = None, log=print) -> dict:
    """Seconds from saving a Spanish page to `mkdocs serve` serving the change."""
    from build_tools.tooling.nginx import free_port

    with tempfile.TemporaryDirectory(prefix="dc-serve-") as work:
        project = Path(work) / "project"
        project.mkdir()
        for part in ("mkdocs.yml", "hooks", "overrides", "facts", "locales", "docs", "translations", "redirects.yml"):
            source = root / part
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / part)
        port = free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DC_AS_OF": "2026-11-21"}
        if only_lang:
            env["DC_ONLY_LANG"] = only_lang
        server = start_dev_server(port, project, env, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/hogar/aguinaldo/"
        page = project / "docs/es/hogar/aguinaldo.md"
        original = page.read_text(encoding="utf-8")
        try:
            _wait_for(url, "</html>", 120)
            timings = []
            for run in range(runs):
                marker = f"Marca de prueba {run} {time.time_ns()}"
                start = time.perf_counter()
                page.write_text(original + f"\n{marker}\n", encoding="utf-8")
                _wait_for(url, marker, 120)
                timings.append(time.perf_counter() - start)
                log(f"edit loop ({only_lang or 'all languages'}) run {run + 1}: {timings[-1]:.2f}s")
                time.sleep(1.0)
        finally:
            stop_dev_server(server)
        return {"runs": timings, "median_seconds": statistics.median(timings)}


def start_dev_server(port: int, project: Path, env: dict, **popen) -> subprocess.Popen:
    """`mkdocs serve` of ``project`` on 127.0.0.1:``port``, as `make serve` starts it."""
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL,
        # Ctrl-C must reach it even where the caller's shell ignores it
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL), **popen,
    )


def stop_dev_server(server: subprocess.Popen, timeout: float = 30) -> str | None:
    """Stop it as a person does, with Ctrl-C: MkDocs then deletes its temporary
    site and the project its language partials (a plain kill leaves both in
    the temporary folder). Returns what it wrote to a piped stderr."""
    server.send_signal(signal.SIGINT)
    try:
        _, said = server.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        server.kill()
        _, said = server.communicate()
    return said


def _wait_for(url: str, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} never showed {text!r}")


def report(sizes: dict, loops: dict) -> str:
    lines = ["| N per language | pages | (a) project | (b) plain | (c) Markdown | a/b | a/c | peak RSS a / b |", "|---|---|---|---|---|---|---|---|"]
    for n, r in sizes.items():
        m = r["median_seconds"]
        lines.append(
            f"| {n} | {r['pages']} | {m['project']:.2f} s | {m['plain']:.2f} s | {m['markdown']:.2f} s | "
            f"{r['a_over_b']:.3f} | {r['a_over_c']:.2f} | {r['peak_rss_mb']['project']:.0f} / {r['peak_rss_mb']['plain']:.0f} MB |"
        )
    keys = sorted(sizes)
    if 200 in sizes and 800 in sizes:
        for name in ("project", "plain"):
            ratio = sizes[800]["median_seconds"][name] / sizes[200]["median_seconds"][name]
            lines.append(f"\ntime(800) / time(200), {name}: {ratio:.2f}")
    elif len(keys) > 1:
        ratio = sizes[keys[-1]]["median_seconds"]["project"] / sizes[keys[0]]["median_seconds"]["project"]
        lines.append(f"\ntime({keys[-1]}) / time({keys[0]}), project: {ratio:.2f}")
    for name, loop in loops.items():
        lines.append(f"\nedit loop, {name}: median {loop['median_seconds']:.2f} s (runs: {', '.join(f'{t:.2f}' for t in loop['runs'])})")
    return "\n".join(lines)
