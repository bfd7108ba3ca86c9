"""The package's import graph: no cycle, and every import points down the declared layers.

Imports are read with `ast` from every module of the package, function-level (lazy) imports
included, so a lazy import that points back up fails like a top-level one. Importing a submodule
also runs its parents' `__init__`; that is Python's doing, not an edge here. Dynamic imports
(`importlib.import_module` with a computed name, as `report.render` does) are not seen.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = "discrepancy"
ROOT = Path(__file__).resolve().parent.parent / PACKAGE

# Low to high: a module may import modules of its own layer or of lower ones, never of higher
# ones. "x.*" is the package x (its __init__) and everything under it. Modules named here that do
# not exist yet are planned; a module that exists but matches no entry fails the test.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "frozen", "models", "keys", "values.*", "fsutil", "safe", "version", "data", "generated"),
    # facts as JSON; the fact cache; what a watching process keeps between its checks
    ("text", "lexicon", "vocab", "settings", "dating", "factcodec", "factcache", "memory"),
    ("kinds",),  # what a kind is (its spec type and the registry type)
    ("ingest.*", "extract.*"),  # extract declares the built-in kinds
    ("context",),  # a run's settings, vocabulary, thresholds and kinds (the built-in ones by default)
    ("engine", "workers"),  # what cached facts depend on; extraction over the cache and a process pool
    ("align.*",),
    ("compare", "factrows", "reprints", "selfcheck", "story"),  # story: the same-story check, over documents
    ("decisions", "review"),  # the decisions folder, and the review stage that applies it
    ("pipeline",),
    ("evaluate", "tables", "report.*", "watch"),  # watch: the loop and lines of `discrepancy watch`
    ("synth.*",),
    ("webreview", "serve"),  # the review in the browser: the session over the report, its HTTP server
    ("interactive", "cliopts", "runopts", "clirun", "clireview", "cliwatch", "cli", "__init__", "__main__"),
)
# Import nothing else from the package (and, being above the stages, are imported only by the
# edge): the story generator writes its own articles and gold files.
STANDALONE = ("synth.*",)
# Peers of one layer that must still not import each other: ingest reads files and must not
# depend on the extractors (nor they on it).
FORBIDDEN: tuple[tuple[str, str], ...] = (("ingest.*", "extract.*"), ("extract.*", "ingest.*"))
# A renderer shares helpers through these, never by importing another renderer or report/__init__
# (which imports the renderers by name).
SHARED_REPORT_MODULES = ("report.common", "report.diff")
# A renderer split into parts of its own: the renderer and its parts may import those parts; no
# other renderer may (what two renderers share belongs in a shared module above).
RENDERER_PARTS: dict[str, str] = {"report.html": "report.htmlpage.*"}
# Known upward imports being removed; none left.
ALLOWED_FOR_NOW: set[tuple[str, str]] = set()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name inside the package ("report.csv",
    "report" for report/__init__.py, "__init__" for the package itself)."""
    return {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def parse_imports(name: str, source: str, *, is_package: bool = False) -> frozenset[tuple[str, int]]:
    """(imported package module, line) for every import statement of a module's source, at
    any depth: `from .x import y` is the module x.y when there is one, else x."""
    known = modules()
    parts = [] if name == "__init__" else name.split(".")
    package = parts if is_package or name == "__init__" else parts[:-1]
    found: set[tuple[str, int]] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                dotted = alias.name.split(".")
                if dotted[0] == PACKAGE:
                    found.add((".".join(dotted[1:]) or "__init__", node.lineno))
            continue
        if not isinstance(node, ast.ImportFrom):
            continue
        module = node.module.split(".") if node.module else []
        if node.level:
            target = package[: len(package) - (node.level - 1)] + module
        elif module and module[0] == PACKAGE:
            target = module[1:]
        else:
            continue
        for alias in node.names:
            sub = ".".join([*target, alias.name])
            found.add((sub if sub in known else ".".join(target) or "__init__", node.lineno))
    return frozenset((t, line) for t, line in found if t != name)


@cache
def imports(name: str) -> frozenset[tuple[str, int]]:
    """The package modules a module imports, with the line of each import."""
    path = modules()[name]
    return parse_imports(name, path.read_text("utf-8"), is_package=path.name == "__init__.py")


def matches(name: str, entry: str) -> bool:
    if entry.endswith(".*"):
        stem = entry[:-2]
        return name == stem or name.startswith(stem + ".")
    return name == entry


def layer_of(name: str) -> int | None:
    for i, layer in enumerate(LAYERS):
        if any(matches(name, entry) for entry in layer):
            return i
    return None


def entry_of(name: str) -> str:
    return next(entry for layer in LAYERS for entry in layer if matches(name, entry))


def renderer_may_import(name: str, target: str) -> bool:
    """Whether report module `name` may import report module `target`: a shared module, or a part
    of the renderer that `name` is (or is a part of)."""
    if target in SHARED_REPORT_MODULES or not name.startswith("report.") or name in SHARED_REPORT_MODULES:
        return True
    owner = next((r for r, parts in RENDERER_PARTS.items() if matches(name, parts)), name)
    parts = RENDERER_PARTS.get(owner)
    return parts is not None and matches(target, parts)


def _problems(name: str) -> list[str]:
    own = layer_of(name)
    if own is None:
        return [f"{name} is in no layer: add it to LAYERS in tests/test_layout.py"]
    out = []
    for target, line in sorted(imports(name)):
        where = f"{PACKAGE}/{modules()[name].relative_to(ROOT)}:{line}"
        theirs = layer_of(target)
        if theirs is None:
            out.append(f"{where}: imports {target}, which is in no layer: add it to LAYERS in tests/test_layout.py")
            continue
        if (entry_of(name), entry_of(target)) in ALLOWED_FOR_NOW:
            continue
        if theirs > own:
            out.append(f"{where}: {name} (layer {own}) imports {target} (layer {theirs}), which is above it")
        if any(matches(name, s) for s in STANDALONE) and not matches(target, entry_of(name)):
            out.append(f"{where}: {name} is standalone but imports {target}")
        for a, b in FORBIDDEN:
            if matches(name, a) and matches(target, b):
                out.append(f"{where}: {name} must not import {target} ({a} -> {b} is forbidden)")
        if matches(target, "report.*") and not renderer_may_import(name, target):
            out.append(
                f"{where}: renderer {name} imports {target}; share code through {' or '.join(SHARED_REPORT_MODULES)}"
            )
    return out


@pytest.mark.parametrize("name", sorted(modules()))
def test_imports_point_down_the_layers(name: str) -> None:
    assert _problems(name) == []


def _cycle() -> list[str]:
    """One import cycle among the package's modules, as a path that returns to its start; []
    when there is none."""
    graph = {name: sorted({t for t, _ in imports(name) if t in modules()}) for name in modules()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return []


@pytest.mark.parametrize("package", [PACKAGE])
def test_no_import_cycle(package: str) -> None:
    assert modules(), f"no modules found under {package}"
    assert _cycle() == []


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from ..models import Result\nfrom .common import is_open\n", {"models", "report.common"}),
        ("from .. import __version__\n", {"__init__"}),
        ("from . import common, diff\n", {"report.common", "report.diff"}),
        ("def f():\n    from ..tables import claims_frame\n", {"tables"}),
        ("import discrepancy.report.csv\nfrom discrepancy import models\nimport os\n", {"report.csv", "models"}),
    ],
)
def test_imports_are_resolved(source: str, found: set[str]) -> None:
    """The parser itself, on a renderer's relative, package-level, lazy and absolute imports."""
    assert {t for t, _ in parse_imports("report.fake", source)} == found


@pytest.mark.parametrize(
    ("name", "target", "allowed"),
    [
        ("report.markdown", "report.common", True),
        ("report.markdown", "report.html", False),
        ("report.html", "report.htmlpage.markup", True),
        ("report.htmlpage.timeline", "report.htmlpage.markup", True),
        ("report.htmlpage.timeline", "report.diff", True),
        ("report.markdown", "report.htmlpage.markup", False),
        ("report.htmlpage.header", "report.html", False),
        ("report.htmlpage.header", "report.markdown", False),
        ("report", "report.html", True),
    ],
)
def test_renderers_share_only_through_shared_modules(name: str, target: str, allowed: bool) -> None:
    """A renderer's own parts are its own; anything else it imports from report is shared."""
    assert renderer_may_import(name, target) is allowed
