"""Measures (figures with units): extraction, comparison across units and rounding, and a few
small corpora end to end. The cases are data (tests/cases/units.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import discrepancy
from discrepancy.compare import compatible
from discrepancy.extract import extract_facts
from discrepancy.ingest import make_document
from discrepancy.models import Discrepancy, Fact
from discrepancy.values import Measure

CASES = tomllib.loads((Path(__file__).parent / "cases" / "units.toml").read_text("utf-8"))


def measures(text: str, doc_id: str = "case") -> list[Fact]:
    doc = make_document(doc_id, text)
    return [f for f in extract_facts(doc) if isinstance(f.value, Measure)]


@pytest.mark.parametrize("case", CASES["extract"], ids=[c["name"] for c in CASES["extract"]])
def test_extract(case: dict) -> None:
    facts = measures(case["text"])
    got = {f.raw: f for f in facts}
    for exp in case.get("expect", []):
        assert exp["text"] in got, sorted(got)
        fact = got[exp["text"]]
        assert isinstance(fact.value, Measure)
        assert fact.normalized == exp["normalized"]
        assert fact.value.frame == exp.get("frame", fact.value.frame)
        assert fact.value.place == exp.get("place", fact.value.place)
    for absent in case.get("absent", []):
        assert absent not in got, sorted(got)
    assert not any(f.raw in case.get("absent", []) for f in extract_facts(make_document("case", case["text"])))


@pytest.mark.parametrize("case", CASES["relate"], ids=[c["name"] for c in CASES["relate"]])
def test_relate(case: dict) -> None:
    a, b = measures(case["a"], "a")[0], measures(case["b"], "b")[0]
    assert a.value.measure == b.value.measure  # one fact: the same dimension, frame and place
    assert compatible(a, b) is case["compatible"]
    assert compatible(b, a) is case["compatible"]


def _sides(flags: tuple[Discrepancy, ...], doc_text: dict[str, str], x: str, y: str) -> bool:
    """True when some flag puts the claims containing x and y in different positions."""
    for d in flags:
        where = {}
        for n, p in enumerate(d.positions):
            for c in p.claims:
                start = c.start
                for needle in (x, y):
                    at = doc_text[c.doc].find(needle)
                    if at != -1 and at < c.end and start < at + len(needle):
                        where.setdefault(needle, set()).add(n)
        if x in where and y in where and where[x] != where[y]:
            return True
    return False


@pytest.mark.parametrize("case", CASES["corpus"], ids=[c["name"] for c in CASES["corpus"]])
def test_corpus(case: dict, tmp_path: Path) -> None:
    for i, text in enumerate(case["docs"]):
        (tmp_path / f"{i:02d}-outlet.txt").write_text(f"Date: 2031-05-12\n\n{text}\n", "utf-8")
    result = discrepancy.check(tmp_path)
    texts = {d.id: d.text for d in result.corpus.documents}
    for x, y in case.get("flag", []):
        assert _sides(result.discrepancies, texts, x, y), f"{x!r} vs {y!r} not flagged"
    for x, y in [*case.get("agree", []), *case.get("distinct", [])]:
        assert not _sides(result.discrepancies, texts, x, y), f"{x!r} vs {y!r} flagged"


def test_tables_cover_every_alias_once() -> None:
    """Each alias names one unit; every unit converts to its dimension's base."""
    from discrepancy.extract.measures import tables

    t = tables()
    assert t.aliases["feet"].factor == pytest.approx(0.3048)
    assert t.aliases["miles"].dim == t.aliases["km"].dim == "length"
    assert all(u.factor > 0 for u in t.aliases.values())
