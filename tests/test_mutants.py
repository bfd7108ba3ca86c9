"""The mutation check stays runnable: each mutant's text occurs exactly once in its module, so a
refactor that moves a guard must move its mutant too (`python -m benchmarks.mutants` runs them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.mutants import Mutant, load

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = load()


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.name for m in MUTANTS])
def test_mutant_applies_once(mutant: Mutant) -> None:
    assert (ROOT / mutant.file).read_text("utf-8").count(mutant.old) == 1
    assert mutant.tests and all((ROOT / t.split("::")[0]).is_file() for t in mutant.tests)
