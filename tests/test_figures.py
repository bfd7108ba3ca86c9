"""The number grammar and money conversions, as the cases in tests/cases/numbers.toml describe:
what each text yields, and which pairs of reports are flagged or agree."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from discrepancy.extract import extract_facts
from discrepancy.ingest import make_document
from discrepancy.models import Corpus
from discrepancy.pipeline import run_corpus

DATA = tomllib.loads((Path(__file__).parent / "cases" / "numbers.toml").read_text("utf-8"))
EXTRACT: list[dict[str, Any]] = DATA["extract"]
CASES: list[dict[str, Any]] = DATA["case"]


@pytest.mark.parametrize("case", EXTRACT, ids=[c["name"] for c in EXTRACT])
def test_number_grammar(case: dict[str, Any]) -> None:
    doc = make_document("case", case["text"])
    facts = extract_facts(doc)
    got = {(str(f.kind), f.raw, f.normalized) for f in facts}
    for exp in case.get("expect", []):
        assert (exp["kind"], exp["text"], exp["normalized"]) in got, sorted(got)
    raws = {(str(f.kind), f.raw) for f in facts}
    for absent in case.get("absent", []):
        assert (absent["kind"], absent["text"]) not in raws, sorted(raws)


def _flags(case: dict[str, Any]) -> list[list[set[str]]]:
    docs = tuple(make_document(d["id"], d["text"]) for d in case["docs"])
    result = run_corpus(Corpus(root="cases", documents=docs))
    kinds = set(case.get("kinds", ["quantity"]))
    return [[{c.text for c in p.claims} for p in d.positions] for d in result.discrepancies if d.kind in kinds]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_figure_flags(case: dict[str, Any]) -> None:
    flags = _flags(case)
    if case.get("none"):
        assert flags == []
        return
    wanted = [set(side) for side in case["flag"]]
    assert flags, "nothing flagged"
    assert any(
        len(positions) >= len(wanted) and all(any(w <= p for p in positions) for w in wanted) for positions in flags
    ), flags
