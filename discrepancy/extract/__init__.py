"""Fact extraction: one module per fact kind, run over the sentences of every document.

Each extractor is ``extract(doc: Document) -> list[Fact]``; `extract_facts` runs them all,
checks every span against the text (a bug guard, not input validation) and sorts the result.
"""

from __future__ import annotations

from ..models import Document, Fact, Kind
from . import dates, items, names, numbers, quotes, times

EXTRACTORS = {
    "dates": dates.extract,
    "times": times.extract,
    "numbers": numbers.extract,
    "items": items.extract,
    "quotes": quotes.extract,
    "names": names.extract,
}


def extract_facts(doc: Document, kinds: frozenset[Kind] | None = None) -> tuple[Fact, ...]:
    """Run every extractor on one document; facts sorted by position, overlaps resolved."""
    facts: list[Fact] = []
    for name, fn in EXTRACTORS.items():
        for fact in fn(doc):
            if doc.text[fact.start : fact.end] != fact.raw:
                raise RuntimeError(f"extractor {name} returned a span that does not match its text: {fact!r}")
            if kinds is None or fact.kind in kinds:
                facts.append(fact)
    return tuple(sorted(facts, key=lambda f: (f.start, f.end, f.kind)))
