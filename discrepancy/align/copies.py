"""Word-for-word copies in alignment: such a reprint states its original's facts again, so it is
left out of alignment (it would shift the corpus-wide word weights and document counts, and give
the clustering a second, identical set of facts to link), and each of its facts then joins the
slot of its twin, the original's fact it repeats: the fact of the same kind, with the same words
around it and the same text, else the same words around it, matched in the order of the text.
A copy's fact with no twin is not aligned: it is no independent evidence of anything."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable
from operator import attrgetter

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
    read: dict[str, _Original] = {}  # a wire story may have hundreds of copies: read it once
    found: dict[FactId, list[Fact]] = defaultdict(list)
    for copy, original in sorted(copies.items()):
        if original not in read:
            read[original] = _Original(by_doc.get(original, []))
        source = read[original]
        left = sorted(by_doc.get(copy, ()), key=_order)
        if [_exact(f) for f in left] == source.exact:  # the common case: each fact is its twin's
            for twin, f in zip(source.ids, left, strict=True):
                found[twin].append(f)
            continue
        taken: set[FactId] = set()
        for signature, free in zip(_SIGNATURES, source.by_signature, strict=True):
            if not left:
                break
            left = _pair_off(left, signature, free, source.ids, taken, found)
    return found


def _pair_off(
    left: list[Fact],
    signature: Callable[[Fact], Hashable],
    free: dict[Hashable, list[int]],
    ids: list[FactId],
    taken: set[FactId],
    found: dict[FactId, list[Fact]],
) -> list[Fact]:
    """Give each fact of a copy the first free fact of the original with its signature (`free`:
    positions by signature; `taken`: the ids taken by an earlier signature, then these too);
    return the facts left without a twin."""
    before = frozenset(taken)
    used: set[int] = set()  # positions taken by this signature
    rest = []
    for f in left:
        twin = next((p for p in free.get(signature(f), ()) if p not in used and ids[p] not in before), None)
        if twin is None:
            rest.append(f)
            continue
        used.add(twin)
        taken.add(ids[twin])
        found[ids[twin]].append(f)
    return rest


class _Original:
    """An original's facts in the order of its text, their ids, and for each signature the
    positions of the facts that have it (in that order)."""

    def __init__(self, facts: list[Fact]) -> None:
        ordered = sorted(facts, key=_order)
        self.ids = [fact_id(f) for f in ordered]
        self.by_signature: list[dict[Hashable, list[int]]] = []
        for signature in _SIGNATURES:
            positions: dict[Hashable, list[int]] = defaultdict(list)
            for p, f in enumerate(ordered):
                positions[signature(f)].append(p)
            self.by_signature.append(positions)
        self.exact = [_exact(f) for f in ordered]


_order = attrgetter("start", "end", "kind")  # in the order of the text (kinds compare as their text)


def _same_words(f: Fact) -> Hashable:
    return (str(f.kind), f.context)


def _exact(f: Fact) -> Hashable:
    return (str(f.kind), f.context, f.raw)


_SIGNATURES = (_exact, _same_words)  # a twin: the same words and text, else the same words


__all__ = ["copied_docs", "fact_id", "twins"]
