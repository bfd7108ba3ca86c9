"""What a cached fact depends on besides its document: the engine (this version's extraction
code and data files) and the settings of a run that reach the extractors.

The engine's fingerprint hashes the package version, the Python version, the source of every
module extraction imports (found by reading their import statements and the "module:function"
names of the registry's lazy extractors, from extract/ outwards, so that a change to any of them,
or to a file they come to import, invalidates the cache) and the package's data files. It is
computed once per process, in a few milliseconds.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from functools import cache
from pathlib import Path

from .context import RunContext
from .extract import BUILTIN
from .version import __version__

PACKAGE = Path(__file__).resolve().parent
# Where extraction starts: the extractors, the registry of kinds and the vocabulary they read.
ROOTS = ("extract/__init__.py", "kinds.py", "vocab.py")


# Where reading an article file's text starts (ingest.document.make_document: metadata,
# cleaning, sentences), for the fingerprint of the documents the cache keeps.
READING_ROOTS = ("ingest/document.py",)


@cache
def engine_fingerprint(roots: tuple[str, ...] = ROOTS) -> str:
    """A hash of everything in the package that extraction's result depends on (or, given other
    `roots`, the result of the code they start)."""
    digest = hashlib.sha256(f"{__version__}\0{sys.version_info[:2]}\0".encode())
    files = sorted(extraction_modules(roots)) + sorted(p for p in (PACKAGE / "data").rglob("*") if p.is_file())
    for path in files:
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def reading_fingerprint() -> str:
    """A hash of everything in the package that reading an article's text into a Document
    depends on."""
    return engine_fingerprint(READING_ROOTS)


def extraction_modules(roots: tuple[str, ...] = ROOTS) -> set[Path]:
    """The package's source files that extraction (or the code `roots` start) imports, directly
    or not (imports inside functions, and modules named by a lazy extractor, included)."""
    sources = _sources(PACKAGE)
    by_path = {path: name for name, path in sources.items()}
    seen: set[str] = set()
    todo = [by_path.get(PACKAGE / r, "") for r in roots]
    while todo:
        name = todo.pop()
        if name in seen or name not in sources:
            continue
        seen.add(name)
        todo.extend(_imported(name, PACKAGE))
    return {sources[name] for name in seen}


@cache
def _sources(package: Path) -> dict[str, Path]:
    """Every source file of the package by its module's dotted name ("discrepancy.extract" for
    extract/__init__.py), listed once: imports are resolved by name here, not on disk nor
    through pathlib (which took most of the 31 ms the walk over extraction's imports took)."""
    out = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


# Import statements, at any depth (imports inside functions count): `from ..x import (a, b)`,
# `import discrepancy.x`. Read with a pattern, not a parse: four times faster, and a false match
# in a string can only add a file to the fingerprint.
_FROM = re.compile(r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)", re.MULTILINE)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([\w., \t]+)", re.MULTILINE)
# A module named in a string as "package.module:function" (a LazyExtractor, imported when it runs).
_TARGET = re.compile(r"""["']([\w.]+):\w+["']""")


@cache
def _imported(module: str, package: Path) -> tuple[str, ...]:
    """The modules of the package that one of its modules imports, by name (read once a
    process: the fingerprints of extraction and of reading walk the same modules)."""
    sources = _sources(package)
    path = sources[module]
    here = (module if path.name == "__init__.py" else module.rpartition(".")[0]).split(".")  # discrepancy.extract
    text = path.read_text("utf-8")
    out = []
    for m in _FROM.finditer(text):
        level, name = len(m[1]), m[2]
        base = ".".join(here[: len(here) - level + 1]) if level else ""
        parent = ".".join(x for x in (base, name) if x)
        out.append(parent)
        names = re.findall(r"\w+", re.sub(r"#[^\n]*", "", m[3]))  # `from . import dates` imports a module
        out.extend(f"{parent}.{n}" for n in names)
    for m in _IMPORT.finditer(text):
        out.extend(name.strip().split(" ")[0] for name in m[1].split(","))
    out.extend(m[1] for m in _TARGET.finditer(text))
    return tuple(name for name in out if name in sources)


def extraction_scope(ctx: RunContext) -> str | None:
    """A hash of what a run passes to the extractors: the kinds selected (each with its reading
    priority) and the corpus's own lexicon and frames. None when the registry holds a kind that
    is not built in: its extractor's code is the caller's, which the fingerprint cannot see, so
    such a run is not cached."""
    builtin = set(BUILTIN.specs)
    if any(s not in builtin for s in ctx.registry.specs):
        return None
    settings = {
        "kinds": list(ctx.registry.names),
        "lexicon": ctx.settings.lexicon,
        "frames": ctx.settings.frames,
    }
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()
