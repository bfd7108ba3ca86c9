"""Compare the facts of each slot: positions of agreeing sources, conflicts, severity, ids.

Each value says how it relates to another (values/); compare groups the values into sides,
ranks the conflict by its kind's registry entry and writes the summary."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from .context import RunContext
from .kinds import KindSpec
from .lexicon import words
from .models import (
    Claim,
    Discrepancy,
    Document,
    Fact,
    Key,
    KeyKind,
    Kind,
    Position,
    Reprint,
    Severity,
    Slot,
)
from .reprints import Copies
from .values import Comparison, Lexicon, QuoteValue, Relation
from .vocab import Vocabulary


def relation(a: Fact, b: Fact, lexicon: Lexicon | None = None) -> Comparison:
    """How two facts of one slot relate, as their values say."""
    return a.value.relate(b.value, lexicon if lexicon is not None else Vocabulary.build())


def compatible(a: Fact, b: Fact, lexicon: Lexicon | None = None) -> bool:
    """True when two facts of one slot can both be right."""
    return relation(a, b, lexicon).relation != Relation.CONFLICT


def compare(
    slots: tuple[Slot, ...],
    docs: dict[str, Document],
    reprints: tuple[Reprint, ...] = (),
    ctx: RunContext | None = None,
) -> tuple[Discrepancy, ...]:
    """One discrepancy per slot whose sources disagree. A reprint or rewrite and its original
    count as one source in each position."""
    ctx = ctx if ctx is not None else RunContext()
    copies = Copies.of(reprints, docs)
    out = [d for slot in slots if (d := _compare_slot(slot, docs, copies, ctx)) is not None]
    merged: dict[str, Discrepancy] = {}
    for d in out:
        merged.setdefault(d.id, d)
    joined = [replace(d, positions=_by_sources(d.positions, copies)) for d in _same_disagreement(list(merged.values()))]
    return tuple(sorted(joined, key=lambda d: (ctx.registry.order(d.kind), d.subject, d.id)))


def _by_sources(positions: Iterable[Position], copies: Copies) -> tuple[Position, ...]:
    """Each position with its number of independent sources (copies of one article count
    once), ordered by it."""
    counted = [replace(p, sources=len({copies.root.get(c.doc, c.doc) for c in p.claims})) for p in positions]
    return tuple(sorted(counted, key=lambda p: (-p.sources, -len({c.doc for c in p.claims}), p.normalized)))


def _same_disagreement(found: list[Discrepancy]) -> list[Discrepancy]:
    """One disagreement that surfaced in several slots (the sum "approved" in some articles,
    "released" in others) is reported once: same kind, the same values on each side, and
    (nearly) no article in both. The largest keeps its id and subject; positions are joined."""
    groups: dict[tuple[str, tuple[str, ...]], list[Discrepancy]] = defaultdict(list)
    for d in sorted(found, key=lambda d: (-sum(len(p.claims) for p in d.positions), d.id)):
        groups[(d.kind, tuple(sorted(p.normalized for p in d.positions)))].append(d)
    out = []
    for members in groups.values():
        kept = members[0]
        for other in members[1:]:
            a = {c.doc for p in kept.positions for c in p.claims}
            b = {c.doc for p in other.positions for c in p.claims}
            if len(a & b) > 0.2 * min(len(a), len(b)):
                out.append(other)
                continue
            by_norm = {p.normalized: p for p in other.positions}
            kept = replace(
                kept,
                positions=tuple(
                    replace(
                        p,
                        claims=tuple(
                            sorted((*p.claims, *by_norm[p.normalized].claims), key=lambda c: (c.doc, c.start))
                        ),
                    )
                    for p in kept.positions
                ),
            )
        out.append(kept)
    return out


# A hedge-only difference is reported when no value conflicts, in this order of preference:
# equal figures hedged apart, an exact figure against a bound, then figures hedged alike.
HEDGE_ORDER = ("hedge", "open bound", "rounded")
# An exact figure against a bound it satisfies is reported only as a possible update of a figure
# that grows while a story unfolds (a toll: "at least four killed" in the morning, six by night);
# editors count "more than two dozen" fire engines vs 31 as agreeing.
BOUND_ONLY_AS_UPDATE = "open bound"
EVOLVING = frozenset(Key(KeyKind.WORD, g) for g in words().evolving)


def _evolving(slot: Slot) -> bool:
    """A slot about a figure that grows as a story unfolds: people killed, injured, missing..."""
    return any(f.keys & EVOLVING for f in slot.facts)


def _compare_slot(slot: Slot, docs: dict[str, Document], copies: Copies, ctx: RunContext) -> Discrepancy | None:
    groups: dict[str, list[Fact]] = defaultdict(list)
    for f in slot.facts:
        groups[f.normalized].append(f)
    values = sorted(groups)
    if len(values) < 2:
        return None
    rep = {v: groups[v][0] for v in values}
    together = _stated_together(slot, ctx.registry.get(slot.kind))
    relations = {(x, y): relation(rep[x], rep[y], ctx.vocab) for i, x in enumerate(values) for y in values[i + 1 :]}
    conflicts = {p for p, r in relations.items() if r.relation == Relation.CONFLICT and p not in together}
    severity = Severity.HIGH
    reason = ""
    if not conflicts:
        hedges = [{p for p, r in relations.items() if r.relation == Relation.HEDGE and r.why == w} for w in HEDGE_ORDER]
        reason, hedge = next(((w, h) for w, h in zip(HEDGE_ORDER, hedges, strict=True) if h), ("", set()))
        if not hedge:
            return None
        conflicts, severity = hedge, Severity.LOW
    if severity == Severity.HIGH and slot.score < STRONG_LINK and _far_apart(conflicts, rep):
        return None
    involved = {v for pair in conflicts for v in pair}
    # Values compatible with every other (a vaguer "November", a broader "weapons") are not a side.
    components = _components(sorted(involved), conflicts)
    if len(components) < 2:
        return None
    kind = _kind(slot, [rep[v] for v in involved])
    spec = ctx.registry.get(kind)
    if severity == Severity.HIGH:
        severity = spec.severity
    if spec.severity == Severity.LOW:
        severity = Severity.LOW
    figure_note = ""
    if _figure_in_quote_differs(conflicts, rep):  # "within six minutes" / "within eight minutes"
        severity, figure_note = Severity.HIGH, " The figure in the quote differs."
    positions = _by_sources(
        (_position([f for v in comp for f in groups[v]], docs, copies) for comp in components), copies
    )
    subject = f"{slot.subject}: {spec.info.label}"
    update = _update_note(positions, docs) if spec.evolves else ""
    if severity == Severity.LOW and reason == BOUND_ONLY_AS_UPDATE and not (update and _evolving(slot)):
        return None  # "at least two" and "three" ladder trucks: one fact, not a toll that rose
    summary = HEDGE_SUMMARY if reason else spec.summary
    plain = _hedge_plain(reason, positions, slot) if reason else spec.info.rule + figure_note
    return Discrepancy(
        id=discrepancy_id(kind, slot.key, [p.normalized for p in positions]),
        key=slot.key,
        kind=kind,
        severity=severity,
        subject=subject,
        summary=_summary(summary, subject, positions, docs, copies) + figure_note + update,
        positions=positions,
        possible_update=bool(update),
        plain=plain + (" The later value may be an update." if update else ""),
    )


# A hedge-only difference (low severity) is told as such, not as two rival figures.
HEDGE_SUMMARY = "Sources hedge the same figure differently ({subject}): {sides}. Check which hedge the sources support."
_HEDGE_PLAIN = {
    "hedge": "The same figure, hedged differently: {words}.",
    "open bound": "An exact figure against a bound: {words}.",
    "rounded": "The same figure, rounded differently: {words}.",
}


def _hedge_plain(reason: str, positions: tuple[Position, ...], slot: Slot) -> str:
    """The plain line of a hedge-only difference: equal figures name each side's hedge as
    written ("more than" vs "about"); a bound or a rounding shows the values as written."""
    qualifier = {f.raw: getattr(f.value, "qualifier", "") for f in slot.facts}
    words = []
    for p in positions:
        hedge = qualifier.get(p.value, "")
        words.append(f"“{hedge}”" if hedge and reason == "hedge" else f"“{p.value}”")
    return _HEDGE_PLAIN.get(reason, "The same figure, stated differently: {words}.").format(words=" vs ".join(words))


# Figures an order apart (12 factories vs two, 15,000 staff vs 600) in loosely aligned
# sentences are different facts far more often than one outlet's error: flag them only when the
# alignment is strong. Calibrated on fixtures/: every planted figure conflict differs by < 2x.
FAR_APART_RATIO = 4.0
STRONG_LINK = 0.75


def _far_apart(conflicts: set[tuple[str, str]], rep: dict[str, Fact]) -> bool:
    return bool(conflicts) and all(rep[x].value.far_apart(rep[y].value, FAR_APART_RATIO) for x, y in conflicts)


def _figure_in_quote_differs(conflicts: set[tuple[str, str]], rep: dict[str, Fact]) -> bool:
    """True when two conflicting wordings of a quote state different figures: a changed
    figure is worse than a reworded sentence."""
    for x, y in conflicts:
        a, b = rep[x].value, rep[y].value
        if isinstance(a, QuoteValue) and isinstance(b, QuoteValue) and a.figure_differs(b):
            return True
    return False


def _kind(slot: Slot, facts: list[Fact]) -> str:
    kinds = {f.kind for f in facts}
    if Kind.WEEKDAY in kinds:
        return Kind.WEEKDAY
    return slot.kind if slot.kind not in kinds and len(kinds) == 1 and Kind.DATE in kinds else facts[0].kind


def _stated_together(slot: Slot, spec: KindSpec) -> set[tuple[str, str]]:
    """Values one sentence states side by side ("eight years in prison and fined"): a list,
    not alternatives (kinds declared `listable`)."""
    if not spec.listable:
        return set()
    by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for f in slot.facts:
        by_sentence[(f.doc, f.sentence)].add(f.normalized)
    return {(x, y) for vs in by_sentence.values() for x in vs for y in vs if x < y}


def _components(values: list[str], conflicts: set[tuple[str, str]]) -> list[list[str]]:
    """Group values that do not conflict with each other into sides."""
    conflict_of: dict[str, set[str]] = defaultdict(set)
    for x, y in conflicts:
        conflict_of[x].add(y)
        conflict_of[y].add(x)
    sides: list[list[str]] = []
    for v in sorted(values, key=lambda v: (-len(conflict_of[v]), v)):
        for side in sides:
            if not any(o in conflict_of[v] for o in side):
                side.append(v)
                break
        else:
            sides.append([v])
    return sides


def _position(facts: list[Fact], docs: dict[str, Document], copies: Copies) -> Position:
    """A side of a discrepancy: its value is the one its facts give most often, a word-for-word
    copy's left out, so that a copy never changes it (nor the discrepancy's id)."""
    facts = sorted(facts, key=lambda f: (f.doc, f.start))
    value = _most_given([f.raw for f in facts], facts, copies, shortest=True)
    normalized = _most_given([f.normalized for f in facts], facts, copies)
    claims = tuple(
        Claim(doc=f.doc, start=f.start, end=f.end, text=f.raw, sentence=sentence_text(docs[f.doc], f.start, f.end))
        for f in facts
    )
    return Position(value=value, normalized=normalized, claims=claims)


def _most_given(values: list[str], facts: list[Fact], copies: Copies, *, shortest: bool = False) -> str:
    """The value (one per fact) stated most often, word-for-word copies left out (a copy never
    tips it; only when every fact is a copy's are theirs counted); ties: (`shortest`) the
    shortest, then the first in order."""
    given = [(v, f) for v, f in zip(values, facts, strict=True) if f.doc not in copies.exact]
    counts = Counter(v for v, _ in given or zip(values, facts, strict=True))
    return min(counts, key=lambda v: (-counts[v], len(v) if shortest else 0, v))


def sentence_text(doc: Document, start: int, end: int) -> str:
    """The sentence around a span, or the sentences a long span (a quote) runs across."""
    spans = [(s.start, s.end) for s in doc.sentences if s.start < end and start < s.end]
    if not spans:
        return doc.text[start:end]
    return doc.text[min(spans[0][0], start) : max(spans[-1][1], end)]


def discrepancy_id(kind: str, subject: str, values: list[str]) -> str:
    """Stable id: kind, subject key and the set of normalized values; never offsets or order."""
    key = "\x1f".join([str(kind), subject, *sorted(set(values))])
    return "D" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]


def _update_note(positions: tuple[Position, ...], docs: dict[str, Document]) -> str:
    """When every source of one side was published before every source of the other (by date,
    or by time on the same day), the later value may be an update (a rising toll, a correction)
    rather than an error: say so, with the times."""
    spans = []
    for p in positions:
        if any(docs[c.doc].published is None for c in p.claims):
            return ""
        stamps = sorted({_stamp(docs[c.doc]) for c in p.claims}, key=_stamp_key)
        spans.append((stamps[0], stamps[-1], p.value))
    spans.sort(key=lambda s: _stamp_key(s[0]))
    if not all(_before(a[1], b[0]) for a, b in zip(spans, spans[1:], strict=False)):
        return ""
    sides = "; ".join(f"“{v}” {_when(lo, hi)}" for lo, hi, v in spans)
    return (
        f" The sources were published at different times ({sides}): the later value may be an update or a correction."
    )


# When a document was published: its date (known here) and its time of day, if given.
Stamp = tuple[dt.date, dt.time | None]


def _stamp(doc: Document) -> Stamp:
    assert doc.published is not None  # only dated documents are compared for updates
    return (doc.published, doc.published_time)


def _stamp_key(stamp: Stamp) -> tuple[dt.date, dt.time]:
    return (stamp[0], stamp[1] or dt.time(0))


def _before(a: Stamp, b: Stamp) -> bool:
    """a was certainly published before b (same day: only when both times are known)."""
    return a[0] < b[0] or (a[0] == b[0] and a[1] is not None and b[1] is not None and a[1] < b[1])


def _label(stamp: Stamp) -> str:
    return stamp[0].isoformat() + (f" {stamp[1].strftime('%H:%M')}" if stamp[1] else "")


def _when(lo: Stamp, hi: Stamp) -> str:
    return f"on {_label(lo)}" if lo == hi else f"from {_label(lo)} to {_label(hi)}"


def _outlets(p: Position, docs: dict[str, Document], copies: Copies) -> str:
    """The outlets of a position; a copy is marked [reprint] or [rewrite]."""
    names = {docs[c.doc].outlet + (f" [{copies.kind[c.doc]}]" if c.doc in copies.kind else "") for c in p.claims}
    return ", ".join(sorted(names))


def _summary(
    template: str, subject: str, positions: tuple[Position, ...], docs: dict[str, Document], copies: Copies
) -> str:
    """One sentence an editor can act on."""
    sides = " vs ".join(f"“{p.value}” ({_outlets(p, docs, copies)})" for p in positions)
    return template.format(subject=subject, sides=sides)


__all__ = ["compare", "compatible", "discrepancy_id", "relation"]


# --- the fact table: every slot, agreements too (appended) -----------------------------------
