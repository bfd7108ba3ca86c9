"""Days and times meet by what they date (frame, roles, episode), as the cases in
tests/cases/episodes.toml describe."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from discrepancy.ingest import make_document
from discrepancy.models import Corpus
from discrepancy.pipeline import run_corpus

CASES = tomllib.loads((Path(__file__).parent / "cases" / "episodes.toml").read_text("utf-8"))["case"]
TEMPORAL = {"date", "weekday", "time"}


def _temporal_flags(case: dict[str, Any]) -> list[list[set[str]]]:
    docs = tuple(
        replace(make_document(d["id"], d["text"]), published=dt.date.fromisoformat(d["published"]))
        for d in case["docs"]
    )
    result = run_corpus(Corpus(root="cases", documents=docs))
    return [[{c.text for c in p.claims} for p in d.positions] for d in result.discrepancies if d.kind in TEMPORAL]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_episode_case(case: dict[str, Any]) -> None:
    flags = _temporal_flags(case)
    if case.get("none"):
        assert flags == []
        return
    wanted = [set(side) for side in case["flag"]]
    assert any(all(any(w <= p for p in positions) for w in wanted) for positions in flags), flags
