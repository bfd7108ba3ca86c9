"""Time zones and dates: times compared as instants in UTC, "local time" with the offset its
article states, yearless dates in future sentences, "last Thursday", and a sentence whose weekday
and date disagree. The cases are data (tests/cases/zones.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import discrepancy
from discrepancy.compare import compatible
from discrepancy.extract import extract_facts
from discrepancy.extract.times import zones
from discrepancy.ingest import make_document
from discrepancy.models import Discrepancy, Fact

CASES = tomllib.loads((Path(__file__).parent / "cases" / "zones.toml").read_text("utf-8"))


def facts_of(text: str, published: str | None = None, doc_id: str = "case") -> list[Fact]:
    head = f"Date: {published}\n\n" if published else ""
    return list(extract_facts(make_document(doc_id, head + text)))


@pytest.mark.parametrize("case", CASES["extract"], ids=[c["name"] for c in CASES["extract"]])
def test_extract(case: dict) -> None:
    facts = facts_of(case["text"], case.get("published"))
    got = {(str(f.kind), f.raw, f.normalized) for f in facts}
    for exp in case.get("expect", []):
        assert (exp["kind"], exp["text"], exp["normalized"]) in got, sorted(got)
    for absent in case.get("absent", []):
        assert not any(f.raw == absent and f.kind == "quantity" for f in facts), sorted(got)
    for absent in case.get("absent_time", []):
        assert not any(absent in f.raw and f.kind == "time" for f in facts), sorted(got)


@pytest.mark.parametrize("case", CASES["relate"], ids=[c["name"] for c in CASES["relate"]])
def test_relate(case: dict) -> None:
    a = next(f for f in facts_of(case["a"], doc_id="a") if f.kind == case["kind"])
    b = next(f for f in facts_of(case["b"], doc_id="b") if f.kind == case["kind"])
    assert compatible(a, b) is case["compatible"]
    assert compatible(b, a) is case["compatible"]


def _apart(flags: tuple[Discrepancy, ...], texts: dict[str, str], x: str, y: str) -> bool:
    """True when some flag puts a claim over x and a claim over y in different positions."""
    for d in flags:
        where: dict[str, set[int]] = {}
        for n, p in enumerate(d.positions):
            for c in p.claims:
                for needle in (x, y):
                    at = texts[c.doc].find(needle)
                    if at != -1 and at < c.end and c.start < at + len(needle):
                        where.setdefault(needle, set()).add(n)
        if x in where and y in where and any(i != j for i in where[x] for j in where[y]):
            return True
    return False


@pytest.mark.parametrize("case", CASES["corpus"], ids=[c["name"] for c in CASES["corpus"]])
def test_corpus(case: dict, tmp_path: Path) -> None:
    texts = {}
    for doc in case["doc"]:
        body = f"Title: {doc['id']}\nSource: Outlet {doc['id'].upper()}\nDate: {doc['published']}\n\n{doc['text']}\n"
        (tmp_path / f"{doc['id']}.txt").write_text(body, "utf-8")
        texts[doc["id"]] = body
    flags = discrepancy.check(tmp_path).discrepancies
    for x, y in case["flag"]:
        assert _apart(flags, texts, x, y), [d.summary for d in flags]
    for x, y in case["agree"]:
        assert not _apart(flags, texts, x, y), [d.summary for d in flags]


def test_one_document_discrepancy_is_complete() -> None:
    """A sentence against itself: two positions, one document, each claim citing its own span."""
    case = next(c for c in CASES["corpus"] if c["flag"] and len(c["doc"]) == 1)
    doc = make_document("a", f"Date: {case['doc'][0]['published']}\n\n{case['doc'][0]['text']}")
    from discrepancy.context import RunContext  # noqa: PLC0415
    from discrepancy.selfcheck import inconsistencies  # noqa: PLC0415

    found = inconsistencies(extract_facts(doc), {doc.id: doc}, RunContext())
    assert len(found) == 1
    (d,) = found
    assert [p.normalized for p in d.positions] == ["Thursday", "2022-11-18 (Friday)"]
    for p in d.positions:
        (c,) = p.claims
        assert doc.text[c.start : c.end] == c.text == p.value


@pytest.mark.parametrize("name", ["UTC", "GMT", "CET", "EST", "IST", "CST", "PT"])
def test_zone_table(name: str) -> None:
    offsets = zones()[name]
    assert offsets and all(-12 * 60 <= o <= 14 * 60 for o in offsets)
