"""The engine's fingerprint: it covers every module extraction runs, the extractors a registry
names lazily included, and changes when any of them changes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from discrepancy import engine

from .conftest import FIXTURES

# Run in a fresh process: the package's source files that extracting one article imports (its
# reading and the vocabulary loaded first, so that only extraction's own imports are counted).
_EXTRACTION_IMPORTS = """
import json, sys
from discrepancy.extract import extract_facts
from discrepancy.ingest import load_corpus
from discrepancy.vocab import Vocabulary
doc, vocab = load_corpus({corpus!r}).documents[0], Vocabulary.build()
before = set(sys.modules)
extract_facts(doc, vocab=vocab)
print(json.dumps(sorted(sys.modules[m].__file__ for m in set(sys.modules) - before if m.startswith("discrepancy."))))
"""
EXTRACTORS = sorted(p.name for p in (engine.PACKAGE / "extract").glob("*.py"))


@pytest.mark.parametrize("corpus", [FIXTURES])
def test_every_module_extraction_imports_is_in_the_fingerprint(corpus: Path) -> None:
    code = _EXTRACTION_IMPORTS.format(corpus=str(corpus))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imported = {Path(f).resolve() for f in json.loads(out.stdout)}
    assert engine.PACKAGE / "extract" / "dates.py" in imported  # extraction ran, and was seen
    assert imported <= engine.extraction_modules()


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package's source and data, to change."""
    copy = tmp_path_factory.mktemp("engine") / engine.PACKAGE.name
    shutil.copytree(engine.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def fingerprint(package: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(engine, "PACKAGE", package)
    return str(engine.engine_fingerprint.__wrapped__())  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", EXTRACTORS)
def test_the_fingerprint_changes_with_any_extractor(name: str, package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = fingerprint(package, monkeypatch)
    source = package / "extract" / name
    text = source.read_text("utf-8")
    try:
        source.write_text(text + "\n# changed\n", "utf-8")
        assert fingerprint(package, monkeypatch) != before
    finally:
        source.write_text(text, "utf-8")
    assert fingerprint(package, monkeypatch) == before
