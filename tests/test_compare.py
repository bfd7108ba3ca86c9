"""Comparison: when two statements of one fact can both be right, and how conflicts are graded."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from discrepancy.compare import compare, compatible, discrepancy_id
from discrepancy.extract import extract_facts
from discrepancy.ingest import make_document
from discrepancy.models import Kind, Severity, Slot

CASES = tomllib.loads((Path(__file__).parent / "cases" / "compare.toml").read_text("utf-8"))["case"]


def first_fact(text: str, kind: str, published: str | None, doc_id: str):
    head = f"Date: {published}\n\n" if published else ""
    doc = make_document(doc_id, head + text)
    facts = [f for f in extract_facts(doc) if f.kind == kind]
    assert facts, f"no {kind} fact in {text!r}"
    return doc, facts[0]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_compatible(case: dict) -> None:
    _, a = first_fact(case["a"], case["kind"], case.get("a_published"), "a")
    _, b = first_fact(case["b"], case["kind"], case.get("b_published"), "b")
    assert compatible(a, b) is case["compatible"]
    assert compatible(b, a) is case["compatible"]


def slot_of(kind: Kind, *texts: str):
    docs, facts = {}, []
    for i, t in enumerate(texts):
        doc, fact = first_fact(t, kind, None, f"d{i}")
        docs[doc.id] = doc
        facts.append(fact)
    return Slot(kind=kind, key="k", subject="the fact", facts=tuple(facts)), docs


@pytest.mark.parametrize(
    ("kind", "texts", "severity"),
    [
        (
            Kind.MONEY,
            ("He spends more than $100 million a month.", "He spends about $100 million a month."),
            Severity.LOW,
        ),
        (Kind.DATE, ("It opened on 3 May 2021.", "It opened on 9 May 2021."), Severity.HIGH),
        (
            Kind.QUOTE,
            ('He said: "pays a heavy price for it."', 'He said: "pays a high price for it."'),
            Severity.MEDIUM,
        ),
    ],
    ids=["hedge", "date", "quote"],
)
def test_severity(kind: Kind, texts: tuple[str, ...], severity: Severity) -> None:
    slot, docs = slot_of(kind, *texts)
    (d,) = compare((slot,), docs)
    assert d.severity == severity


def test_agreeing_slot_gives_no_discrepancy() -> None:
    slot, docs = slot_of(Kind.QUANTITY, "Five rail cars left.", "5 rail cars left.")
    assert compare((slot,), docs) == ()


def test_positions_group_agreeing_sources() -> None:
    slot, docs = slot_of(
        Kind.DATE, "It was 18 October.", "It was on October 18th.", "It was in October.", "It was November 18."
    )
    (d,) = compare((slot,), docs)
    assert sorted(sorted(c.doc for c in p.claims) for p in d.positions) == [["d0", "d1", "d2"], ["d3"]]


def test_a_value_compatible_with_every_side_is_not_a_side() -> None:
    slot, docs = slot_of(Kind.DATE, "It was 18 October 2022.", "It happened in 2022.", "It was November 18, 2022.")
    (d,) = compare((slot,), docs)
    assert sorted(sorted(c.doc for c in p.claims) for p in d.positions) == [["d0"], ["d2"]]


def test_id_depends_on_kind_key_and_values_only() -> None:
    a = discrepancy_id(Kind.DATE, "image", ["--10-18", "2022-11-18"])
    assert a == discrepancy_id(Kind.DATE, "image", ["2022-11-18", "--10-18", "2022-11-18"])
    assert a != discrepancy_id(Kind.DATE, "image", ["--10-18", "2022-11-19"])
    assert a != discrepancy_id(Kind.WEEKDAY, "image", ["--10-18", "2022-11-18"])
