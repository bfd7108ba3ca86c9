"""The number grammar and money conversions, as the cases in tests/cases/numbers.toml describe:
what each text yields, and which pairs of reports are flagged or agree."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from discrepancy.extract import extract_facts
from discrepancy.ingest import make_document

from .casecheck import assert_expected, corpus_flags

DATA = tomllib.loads((Path(__file__).parent / "cases" / "numbers.toml").read_text("utf-8"))
EXTRACT: list[dict[str, Any]] = DATA["extract"]
CASES: list[dict[str, Any]] = DATA["case"]


@pytest.mark.parametrize("case", EXTRACT, ids=[c["name"] for c in EXTRACT])
def test_number_grammar(case: dict[str, Any]) -> None:
    assert_expected(extract_facts(make_document("case", case["text"])), case)


def _flags(case: dict[str, Any]) -> list[list[set[str]]]:
    return corpus_flags(case, set(case.get("kinds", ["quantity"])))


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
