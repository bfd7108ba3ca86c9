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
    return tuple(sorted(_resolve_overlaps(facts), key=lambda f: (f.start, f.end, f.kind)))


# Which reading of an overlapping span wins: "15:00" is a time, not the number 0; "$5m" is
# money, not a count. Kinds not listed (items, quotes, names) may overlap anything.
PRIORITY = {Kind.DATE: 0, Kind.WEEKDAY: 0, Kind.TIME: 1, Kind.MONEY: 2, Kind.QUANTITY: 3}


def _resolve_overlaps(facts: list[Fact]) -> list[Fact]:
    ranked = sorted((f for f in facts if f.kind in PRIORITY), key=lambda f: (PRIORITY[f.kind], f.start))
    kept: list[Fact] = []
    for f in ranked:
        if not any(k.start < f.end and f.start < k.end and PRIORITY[k.kind] < PRIORITY[f.kind] for k in kept):
            kept.append(f)
    return kept + [f for f in facts if f.kind not in PRIORITY]
