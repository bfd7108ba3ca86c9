"""Quotes: paragraph-aware segmentation and speakers, which quotes are one statement, which
wordings are compatible, the same words credited to different speakers (attribution), and how
serious a reworded quote is. The cases are data (tests/cases/quotes.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from discrepancy.align import align
from discrepancy.compare import compare
from discrepancy.extract import extract_facts
from discrepancy.extract.quotes import quote_value
from discrepancy.ingest import make_document
from discrepancy.models import Kind
from discrepancy.values import Relation
from discrepancy.vocab import Vocabulary

CASES = tomllib.loads((Path(__file__).parent / "cases" / "quotes.toml").read_text("utf-8"))


def _params(table: str) -> list:
    return [pytest.param(c, id=c["name"]) for c in CASES[table]]


def _quotes(doc_id: str, text: str) -> list:
    return [f for f in extract_facts(make_document(doc_id, text)) if f.kind == Kind.QUOTE]


@pytest.mark.parametrize("case", _params("segment"))
def test_segments_and_speakers(case: dict) -> None:
    got = {(f.raw, f.speaker) for f in _quotes("case", case["text"])}
    for exp in case["expect"]:
        assert (exp["text"], exp["speaker"]) in got, sorted(got)
    raws = {raw for raw, _ in got}
    for absent in case.get("absent", []):
        assert not any(absent in raw for raw in raws), sorted(raws)


@pytest.mark.parametrize("case", _params("pair"))
def test_one_statement_or_two(case: dict) -> None:
    facts = _quotes("a", case["a"]) + _quotes("b", case["b"])
    slots = [s for s in align(facts) if s.kind == Kind.QUOTE]
    assert bool(slots) == case["together"], [[f.raw for f in s.facts] for s in slots]


@pytest.mark.parametrize("case", _params("relate"))
def test_wordings_compatible(case: dict) -> None:
    a, b = quote_value(case["a"]), quote_value(case["b"])
    for x, y in ((a, b), (b, a)):
        assert (x.relate(y, Vocabulary.build()).relation != Relation.CONFLICT) == case["compatible"]


def _discrepancies(case: dict, kind: str) -> list:
    docs = {d: make_document(d, case[d]) for d in ("a", "b")}
    facts = [f for doc in docs.values() for f in extract_facts(doc)]
    return [d for d in compare(align(facts), docs) if d.kind == kind]


@pytest.mark.parametrize("case", _params("attribution"))
def test_attribution(case: dict) -> None:
    found = _discrepancies(case, Kind.ATTRIBUTION)
    assert bool(found) == case["flagged"], [d.summary for d in found]
    if found:
        (d,) = found
        assert sorted(p.value for p in d.positions) == sorted(case["sides"])
        for p in d.positions:  # the claim is the name as written; its sentence shows the quote
            (claim,) = p.claims
            assert claim.text == p.value and "the water came over the levee" in claim.sentence.lower()


@pytest.mark.parametrize("case", _params("severity"))
def test_quote_severity(case: dict) -> None:
    (d,) = _discrepancies(case, Kind.QUOTE)
    assert d.severity == case["severity"]
    assert ("the figure in the quote differs" in d.summary.lower()) == case["figure"], d.summary
