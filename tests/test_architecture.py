"""The shape of build_tools: domain packages in layers, no cycles, thin hooks."""

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "build_tools"
# Lowest first: a module imports only from its own layer or the ones before it.
# "core" is the modules directly in build_tools/ (errors, YAML and Markdown sources, front matter, background work, the deploy files).
LAYERS = ["core", "i18n", "facts", "checks", "translations", "reader", "pipeline", "tooling", "__main__"]
HOOK_MAX_LINES = 60


def _layer(module: str) -> str:
    parts = module.split(".")[1:]  # without "build_tools"
    if parts == ["__main__"]:
        return "__main__"
    if len(parts) > 1 or (PACKAGE / parts[0]).is_dir():
        return parts[0]
    return "core"


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT).with_suffix("")
        parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
        yield ".".join(parts), path


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _imports(path: Path):
    """The build_tools modules a file imports ("from a import b" is a.b when b is a module)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("build_tools"):
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                yield submodule if _is_module(submodule) else node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.startswith("build_tools"))


def test_every_package_is_a_known_layer():
    packages = {path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").exists()}
    assert packages <= set(LAYERS), f"add the new package to LAYERS in {__file__}: {packages - set(LAYERS)}"


def test_no_module_imports_from_a_higher_layer():
    upward = []
    for module, path in _modules():
        if module == "build_tools":
            continue
        here = LAYERS.index(_layer(module))
        for imported in _imports(path):
            if LAYERS.index(_layer(imported)) > here:
                upward.append(f"{module} imports {imported}")
    assert not upward, "imports that go up a layer:\n" + "\n".join(upward)


def test_no_import_cycles():
    graph = {module: set() for module, _ in _modules()}
    for module, path in _modules():
        for imported in _imports(path):
            if imported in graph and imported != module:
                graph[module].add(imported)
    seen, stack, cycles = set(), [], []

    def visit(node):
        if node in stack:
            cycles.append(" -> ".join(stack[stack.index(node):] + [node]))
            return
        if node in seen:
            return
        seen.add(node)
        stack.append(node)
        for nxt in sorted(graph[node]):
            visit(nxt)
        stack.pop()

    for node in sorted(graph):
        visit(node)
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_hooks_are_thin_adapters():
    long = {path.name: n for path in (ROOT / "hooks").glob("*.py") if (n := len(path.read_text(encoding="utf-8").splitlines())) > HOOK_MAX_LINES}
    assert not long, f"hooks should hand their events to build_tools.pipeline (at most {HOOK_MAX_LINES} lines): {long}"
