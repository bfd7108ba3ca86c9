"""The fact table: one row per slot, each document's values, the votes of independent sources
and where each document stands against the majority, and the discrepancy about the slot. Reports
draw it (the facts-by-outlets table); nothing counts on it."""

from __future__ import annotations

from collections import Counter, defaultdict

from .models import Discrepancy, Fact, FactCell, FactRow, Reprint, Slot, Standing
from .reprints import Copies


def fact_rows(
    slots: tuple[Slot, ...], discrepancies: tuple[Discrepancy, ...], reprints: tuple[Reprint, ...] = ()
) -> tuple[FactRow, ...]:
    """One row per slot: each document's values, the votes of independent sources (a reprint
    and its original vote once), the majority value (None on a tie) and where each document
    stands against it, and the discrepancy about the slot. Reports draw these; none counts."""
    copies = Copies.of(reprints)
    cited: dict[tuple[str, int], list[Discrepancy]] = defaultdict(list)  # (doc, start) -> citing it
    for d in discrepancies:
        for p in d.positions:
            for c in p.claims:
                if d not in cited[(c.doc, c.start)]:
                    cited[(c.doc, c.start)].append(d)
    return tuple(_fact_row(slot, cited, copies) for slot in slots)


def _fact_row(slot: Slot, cited: dict[tuple[str, int], list[Discrepancy]], copies: Copies) -> FactRow:
    by_doc: dict[str, list[Fact]] = defaultdict(list)
    for f in slot.facts:
        by_doc[f.doc].append(f)
    # each document's values, each once, in order (read once: a slot may have a fact per document)
    values = {
        doc: ((facts[0].raw,), (facts[0].normalized,))
        if len(facts) == 1
        else (tuple(dict.fromkeys(f.raw for f in facts)), tuple(dict.fromkeys(f.normalized for f in facts)))
        for doc, facts in by_doc.items()
    }
    voters: dict[str, set[str]] = defaultdict(set)
    for doc, (_, norms) in values.items():
        for norm in norms:
            voters[norm].add(copies.root.get(doc, doc))
    ranked = Counter({norm: len(who) for norm, who in voters.items()}).most_common()
    majority = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
    cells = tuple(
        FactCell(doc=doc, raw=raw, normalized=norms, standing=_standing(norms, majority))
        for doc, (raw, norms) in values.items()
    )
    about = _slot_discrepancy(slot, cited)
    return FactRow(
        kind=slot.kind, key=slot.key, subject=slot.subject, cells=cells, votes=tuple(ranked), majority=majority,
        discrepancy=about.id if about else None,
    )  # fmt: skip


def _standing(norms: tuple[str, ...], majority: str | None) -> Standing:
    """Where a document's values (each once) stand against the majority value."""
    if majority is None:
        return Standing.SPLIT
    if majority in norms:
        return Standing.MAJORITY if len(norms) == 1 else Standing.MIXED
    return Standing.ODD


def _slot_discrepancy(slot: Slot, cited: dict[tuple[str, int], list[Discrepancy]]) -> Discrepancy | None:
    """The discrepancy about a slot: of its kind, citing most of its facts (the first on a tie)."""
    votes: Counter[str] = Counter()
    order: dict[str, Discrepancy] = {}
    for f in slot.facts:
        for d in cited.get((f.doc, f.start), ()):
            if d.kind == slot.kind:
                votes[d.id] += 1
                order.setdefault(d.id, d)
    if not votes:
        return None
    best = max(votes.values())
    return next(d for i, d in order.items() if votes[i] == best)
