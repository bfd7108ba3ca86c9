"""The quality gate: no corpus may fall below its pinned recall and precision floors; no
real-news cluster below its recall and matched-flag share floors or above its ceilings for
agreements broken and distinct entries violated (skipped when ../shared/realnews is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from . import quality_gate
from .quality_gate import (
    CEILING_METRICS,
    CORPORA,
    FLOOR_METRICS,
    REALNEWS,
    REALNEWS_FLOORS,
    below_floors,
    corpus_hash,
    corpus_path,
    load_floors,
    load_realnews_floors,
    measure,
    measure_realnews,
    realnews_clusters,
    realnews_hash,
    update_realnews,
)

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


# ---------------------------------------------------------------- the real-news development set

REALNEWS_PINNED = load_realnews_floors()
REALNEWS_NAMES = sorted(set(REALNEWS_PINNED) | set(realnews_clusters()))
needs_realnews = pytest.mark.skipif(not REALNEWS.is_dir(), reason=f"{REALNEWS} is absent")


@needs_realnews
@pytest.mark.parametrize("name", REALNEWS_NAMES)
def test_realnews_cluster_is_pinned(name: str) -> None:
    assert name in REALNEWS_PINNED, f"realnews {name} has no floors: run `python -m tests.quality_gate --update`"
    assert (REALNEWS / name / "gold.toml").is_file(), (
        f"realnews {name} is pinned but gone from {REALNEWS}: drop its entry from {REALNEWS_FLOORS.name} by hand"
    )
    assert REALNEWS_PINNED[name]["hash"] == realnews_hash(REALNEWS / name), (
        f"realnews {name}: its articles or gold changed; re-pin with `python -m tests.quality_gate --update`"
    )


@needs_realnews
@pytest.mark.parametrize("name", sorted(REALNEWS_PINNED))
def test_realnews_floors_and_ceilings(name: str) -> None:
    assert below_floors(REALNEWS_PINNED[name], measure_realnews(REALNEWS / name)) == []


# Measured figures the update is tested with (the checker is not run: this tests the pinning rule).
MEASURED = {"recall": 0.5, "matched_flag_share": 0.25, "agreements_broken": 2, "distinct_violated": 1}
# pinned before -> problem words (empty: accepted) and the figures pinned after
UPDATES = {
    "first pin": (None, [], MEASURED),
    "same figures": (MEASURED, [], MEASURED),
    "better figures tighten": (
        {"recall": 0.25, "matched_flag_share": 0.0, "agreements_broken": 5, "distinct_violated": 3},
        [],
        MEASURED,
    ),
    "lower recall refused": ({**MEASURED, "recall": 0.75}, ["recall 0.50 is below the floor 0.75"], None),
    "lower share refused": ({**MEASURED, "matched_flag_share": 0.5}, ["matched_flag_share"], None),
    "more agreements broken refused": ({**MEASURED, "agreements_broken": 1}, ["above the ceiling 1"], None),
    "more distinct violated refused": ({**MEASURED, "distinct_violated": 0}, ["distinct_violated 1"], None),
}


def _pin(figures: dict) -> dict:
    return {
        "floors": {m: figures[m] for m in FLOOR_METRICS},
        "ceilings": {m: figures[m] for m in CEILING_METRICS},
    }


@pytest.mark.parametrize("case", sorted(UPDATES))
def test_realnews_update_never_loosens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    before, problems, after = UPDATES[case]
    root = tmp_path / "realnews"
    (root / "cluster").mkdir(parents=True)
    (root / "cluster" / "gold.toml").write_text("version = 2\n", encoding="utf-8")
    (root / "notes").mkdir()  # no gold.toml: not a cluster
    floors_path = tmp_path / "floors.json"
    if before is not None:
        floors_path.write_text(json.dumps({"cluster": {"hash": "old", **_pin(before)}}), encoding="utf-8")
    written = floors_path.read_text("utf-8") if floors_path.exists() else None
    monkeypatch.setattr(quality_gate, "measure_realnews", lambda path: dict(MEASURED))
    got = update_realnews(root, floors_path)
    assert len(got) == len(problems) and all(words in p for words, p in zip(problems, got, strict=True))
    if after is None:
        assert floors_path.read_text("utf-8") == written  # refused: nothing written
    else:
        pinned = json.loads(floors_path.read_text("utf-8"))
        assert pinned == {"cluster": {"hash": realnews_hash(root / "cluster"), **_pin(after)}}
