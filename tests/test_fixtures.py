"""The checker on the fixture corpora: what it must find, and what it must not flag."""

from __future__ import annotations

import pytest

from discrepancy.evaluate import load_gold, score
from discrepancy.models import Kind, Result, Severity

from .conftest import FIXTURES, OWN_CORPORA, run_corpus

CORPORA = ("", *OWN_CORPORA)
MAX_SEED_DISCREPANCIES = 16  # what an editor would want to read on five articles


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda c: c or "seeds")
def test_every_gold_discrepancy_is_found(corpus: str) -> None:
    result = run_corpus(str(FIXTURES / corpus))
    gold = load_gold(FIXTURES / corpus / "gold.toml", result.corpus)
    s = score(result, gold)
    assert [g.subject for g in s.missed] == []


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda c: c or "seeds")
def test_no_gold_agreement_is_flagged(corpus: str) -> None:
    result = run_corpus(str(FIXTURES / corpus))
    gold = load_gold(FIXTURES / corpus / "gold.toml", result.corpus)
    assert [g.subject for g in score(result, gold).broken] == []


def test_seed_total_stays_readable(seed_result: Result) -> None:
    assert 0 < len(seed_result.discrepancies) <= MAX_SEED_DISCREPANCIES


def _find(result: Result, kind: Kind, *texts: str):
    for d in result.discrepancies:
        values = [c.text for p in d.positions for c in p.claims]
        if d.kind == kind and all(any(t in v for v in values) for t in texts):
            return d
    raise AssertionError(f"no {kind} discrepancy with {texts}")


@pytest.mark.parametrize(
    ("kind", "left", "right"),
    [
        (Kind.DATE, "18 October", "November 18, 2022"),
        (Kind.WEEKDAY, "Friday", "Thursday"),
        (Kind.ITEM, "artillery shells", "rockets and missiles"),
        (Kind.QUOTE, "rumors and speculations", "gossip and speculation"),
        (Kind.QUOTE, "principled attitude on the question", "principled stand on the issue"),
        (Kind.QUOTE, "pays a heavy price", "pays a high price"),
        (Kind.QUOTE, "have not changed the dynamics", "will not change battlefield dynamics"),
        (Kind.MONEY, "more than $100 million", "about $100 million"),
    ],
)
def test_seed_discrepancy_sides(seed_result: Result, kind: Kind, left: str, right: str) -> None:
    d = _find(seed_result, kind, left, right)
    side = {t: next(i for i, p in enumerate(d.positions) for c in p.claims if t in c.text) for t in (left, right)}
    assert side[left] != side[right]


def test_weekday_sides_group_the_outlets(seed_result: Result) -> None:
    d = _find(seed_result, Kind.WEEKDAY, "Friday", "Thursday")
    docs = {p.normalized: {c.doc[:3] for c in p.claims} for p in d.positions}
    assert {"000", "001"} <= docs["Friday"]
    assert {"003", "004"} <= docs["Thursday"]


def test_hedged_figure_is_low_severity(seed_result: Result) -> None:
    assert _find(seed_result, Kind.MONEY, "more than $100 million", "about $100 million").severity == Severity.LOW


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda c: c or "seeds")
def test_page_furniture_is_never_cited(corpus: str) -> None:
    result = run_corpus(str(FIXTURES / corpus))
    docs = result.corpus.by_id()
    for d in result.discrepancies:
        for p in d.positions:
            for c in p.claims:
                removed = [b for b in docs[c.doc].blocks if not b.kept and b.start <= c.start < b.end]
                assert removed == [], (c, removed)


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda c: c or "seeds")
def test_every_claim_cites_the_file_text(corpus: str) -> None:
    result = run_corpus(str(FIXTURES / corpus))
    for d in result.discrepancies:
        for p in d.positions:
            for c in p.claims:
                text = (FIXTURES / corpus / result.corpus.by_id()[c.doc].path).read_bytes().decode("utf-8-sig")
                assert text[c.start : c.end] == c.text
                assert c.text in c.sentence
