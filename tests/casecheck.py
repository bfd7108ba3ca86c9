"""What the case-data tests share: the facts a case's text must and must not yield, and the
discrepancies a small corpus of case articles gives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from discrepancy.ingest import make_document
from discrepancy.models import Corpus, Fact
from discrepancy.pipeline import run_corpus


def assert_expected(facts: Iterable[Fact], case: dict[str, Any]) -> None:
    """Every `expect` entry (kind, text, normalized) is a fact; no `absent` entry (kind, text) is."""
    facts = list(facts)
    got = {(str(f.kind), f.raw, f.normalized) for f in facts}
    for exp in case.get("expect", []):
        assert (exp["kind"], exp["text"], exp["normalized"]) in got, sorted(got)
    raws = {(str(f.kind), f.raw) for f in facts}
    for absent in case.get("absent", []):
        assert (absent["kind"], absent["text"]) not in raws, sorted(raws)


def corpus_flags(case: dict[str, Any], kinds: set[str]) -> list[list[set[str]]]:
    """The claims' texts, position by position, of each discrepancy of these kinds that the
    case's articles (`docs`: id, text, optional published date) give."""
    docs = tuple(
        replace(
            make_document(d["id"], d["text"]),
            published=dt.date.fromisoformat(d["published"]) if "published" in d else None,
        )
        for d in case["docs"]
    )
    result = run_corpus(Corpus(root="cases", documents=docs))
    return [[{c.text for c in p.claims} for p in d.positions] for d in result.discrepancies if d.kind in kinds]
