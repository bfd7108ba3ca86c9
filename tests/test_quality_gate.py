"""The quality gate: no corpus may fall below its pinned recall and precision floors."""

from __future__ import annotations

import pytest

from .quality_gate import CORPORA, corpus_hash, corpus_path, load_floors, measure

FLOORS = load_floors()


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_corpus_is_pinned(name: str) -> None:
    assert name in FLOORS, f"{name} has no floors: run `python -m tests.quality_gate --update`"
    assert FLOORS[name]["hash"] == corpus_hash(corpus_path(name)), (
        f"{name}: the corpus or its gold changed; re-pin with `python -m tests.quality_gate --update`"
    )


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_quality_floors(name: str) -> None:
    measured = measure(corpus_path(name))
    below = []
    for kind, floor in FLOORS[name]["floors"].items():
        got = measured.get(kind, {"recall": 1.0, "precision": 1.0})
        for metric in ("recall", "precision"):
            if got[metric] + 1e-9 < floor[metric]:
                below.append(f"{kind} {metric} {got[metric]:.2f} < {floor[metric]:.2f}")
    assert below == []
