"""Same input, same bytes: two runs, and documents given in reverse order."""

from __future__ import annotations

import dataclasses

import pytest

from discrepancy.align import align
from discrepancy.compare import compare
from discrepancy.extract import extract_facts
from discrepancy.ingest import load_corpus
from discrepancy.models import Result
from discrepancy.report import render

from .conftest import FIXTURES, OWN_CORPORA


def run_in_order(path, reverse: bool) -> str:
    corpus = load_corpus(path)
    docs = tuple(reversed(corpus.documents)) if reverse else corpus.documents
    facts = [f for d in docs for f in extract_facts(d)]
    if reverse:
        facts.reverse()
    slots = align(facts)
    result = Result(
        corpus=dataclasses.replace(corpus, documents=corpus.documents), facts=tuple(facts), slots=slots,
        discrepancies=compare(slots, corpus.by_id()), notices=corpus.notices,
    )  # fmt: skip
    return render(result, "json")


@pytest.mark.parametrize("corpus", ["", *OWN_CORPORA], ids=lambda c: c or "seeds")
def test_two_runs_and_reversed_order_give_identical_json(corpus: str) -> None:
    path = FIXTURES / corpus
    first = run_in_order(path, reverse=False)
    assert run_in_order(path, reverse=False) == first
    assert run_in_order(path, reverse=True) == first
