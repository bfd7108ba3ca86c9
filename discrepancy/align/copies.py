"""Word-for-word copies in alignment: such a reprint states its original's facts again, so it is
left out of alignment (it would shift the corpus-wide word weights and document counts, and give
the clustering a second, identical set of facts to link), and each of its facts then joins the
slot of its twin, the original's fact it repeats: the fact of the same kind, with the same words
around it and the same text, else the same words around it, matched in the order of the text.
A copy's fact with no twin is not aligned: it is no independent evidence of anything."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable

from ..models import Fact, Reprint

FactId = tuple[str, int, int, str]  # doc, start, end, kind: a fact's identity within a run


def fact_id(f: Fact) -> FactId:
    return (f.doc, f.start, f.end, str(f.kind))


def copied_docs(reprints: tuple[Reprint, ...]) -> dict[str, str]:
    """Each copy -> the document it copies (`reprints`: the word-for-word copies,
    reprints.exact_copies; an original is never itself a reprint, see find_reprints)."""
    return {r.doc: r.of for r in reprints}


def twins(facts: list[Fact], copies: dict[str, str]) -> dict[FactId, list[Fact]]:
    """The reprints' facts, by the original fact each repeats (see the module docstring)."""
    by_doc: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        by_doc[f.doc].append(f)
    found: dict[FactId, list[Fact]] = defaultdict(list)
    for copy, original in sorted(copies.items()):
        left = sorted(by_doc.get(copy, ()), key=_order)
        taken: set[FactId] = set()
        for signature in (_exact, _same_words):
            free: dict[Hashable, list[Fact]] = defaultdict(list)
            for f in sorted(by_doc.get(original, ()), key=_order):
                if fact_id(f) not in taken:
                    free[signature(f)].append(f)
            rest = []
            for f in left:
                candidates = free.get(signature(f))
                if candidates:
                    twin = candidates.pop(0)
                    taken.add(fact_id(twin))
                    found[fact_id(twin)].append(f)
                else:
                    rest.append(f)
            left = rest
    return found


def _order(f: Fact) -> tuple[int, int, str]:
    return (f.start, f.end, str(f.kind))


def _same_words(f: Fact) -> Hashable:
    return (str(f.kind), f.context)


def _exact(f: Fact) -> Hashable:
    return (str(f.kind), f.context, f.raw)


__all__ = ["copied_docs", "fact_id", "twins"]
