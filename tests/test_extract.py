"""Extractors, case by case: the cases are data (tests/cases/*.toml); adding one adds no code.

Each case gives an article text (optionally its publication date) and the facts expected, each
by kind, text as written and normalized value; `absent` lists texts that must not be a fact.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from discrepancy.extract import extract_facts
from discrepancy.ingest import make_document

from .casecheck import assert_expected

CASES = Path(__file__).parent / "cases" / "extract"


def load_cases() -> list:
    out = []
    for path in sorted(CASES.glob("*.toml")):
        for i, case in enumerate(tomllib.loads(path.read_text("utf-8"))["case"]):
            out.append(pytest.param(case, id=f"{path.stem}-{i}-{case.get('name', '')}"))
    return out


def doc_for(case: dict):
    head = f"Date: {case['published']}\n\n" if case.get("published") else ""
    return make_document("case", head + case["text"])


@pytest.mark.parametrize("case", load_cases())
def test_extractor_case(case: dict) -> None:
    doc = doc_for(case)
    facts = extract_facts(doc)
    assert_expected(facts, case)
    for f in facts:
        assert doc.text[f.start : f.end] == f.raw
