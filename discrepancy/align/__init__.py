"""Align facts about the same thing across documents into slots. The only importer of rapidfuzz.

Facts are aligned by what they are about (their keys: the words they attach to) and by the
words of their sentences, never by their values. Each kind aligns as its registry entry says:
`keys` (scoring.py: blocking by an inverted index over keys, so the cost grows with the facts
that share a key, not with all pairs), `quotes` (quotes.py), `names` and `same-keys` (names.py);
clusters.py turns links into slots; copies.py puts word-for-word copies beside their originals.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain, groupby
from operator import attrgetter

from ..context import RunContext
from ..kinds import Matching
from ..models import Fact, Kind, Reprint, Slot
from .clusters import Cluster, Matcher, attach, build_clusters, complete_linkage, merge_split
from .copies import FactId, copied_docs, fact_id, twins
from .keys import KeyMatcher, Weights, weighted_containment
from .names import fold_spelling, name_links, same_key_links
from .quotes import QuoteMatcher, quote_scores, statement_scores

# Corpora up to this many documents are aligned pair by pair (every candidate pair scored);
# later documents join the slots found so far, which keeps the cost linear. Fixture corpora and
# real story clusters are far below it.
PAIRWISE_DOCS = 40


def align(facts: Iterable[Fact], ctx: RunContext | None = None, reprints: tuple[Reprint, ...] = ()) -> tuple[Slot, ...]:
    """Group facts into slots, one per fact stated by two or more documents.

    The first PAIRWISE_DOCS documents (by id) are aligned pair by pair; every later document's
    facts then join the slot they match best, or start one, so that cost grows linearly with
    the number of documents.

    What a slot is about depends only on what independent sources say: the word-for-word copies
    (`reprints`: reprints.exact_copies, found from the text alone) are left out of alignment and join the slots of
    the facts they repeat (copies.py), and a slot's key and label count each source once."""
    ctx = ctx if ctx is not None else RunContext()
    registry, thresholds = ctx.registry, ctx.thresholds
    temporal = registry.temporal()
    names = set(registry.names)
    copies = copied_docs(reprints)
    every = [f for f in facts if f.kind in names]
    facts = [f for f in every if f.doc not in copies]
    repeats = twins(every, copies)
    grouping = _Grouping(temporal, frozenset(copies), repeats, frozenset(doc for doc, *_ in repeats))
    weights = Weights(facts)
    by_group: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        group = "temporal" if f.kind in temporal else str(f.kind)
        by_group[group].append(f)
    slots: list[Slot] = []
    for _, fs in sorted(by_group.items()):
        fs.sort(key=_order)
        spec = registry.get(fs[0].kind)
        if spec.matching == Matching.NAMES:
            slots.extend(_components(fs, name_links(fs, thresholds.name_ratio), grouping))
            continue
        if spec.matching == Matching.STATEMENTS:  # attributions: by the words they credit
            # one statement repeated by every article would make this quadratic in the articles:
            # attributions are weighed among the first PAIRWISE_DOCS documents only
            first_docs = set(sorted({f.doc for f in fs})[:PAIRWISE_DOCS])
            head = [f for f in fs if f.doc in first_docs]
            slots.extend(_components(head, complete_linkage(head, statement_scores(head)), grouping))
            continue
        if spec.matching == Matching.SAME_KEYS:
            slots.extend(_components(fs, same_key_links(fs), grouping))
            continue
        head_docs = set(sorted({f.doc for f in fs})[:PAIRWISE_DOCS])
        n_head = sum(1 for f in fs if f.doc in head_docs)  # fs is sorted by doc: the head comes first
        matcher: Matcher
        if spec.matching == Matching.QUOTES:
            scores = quote_scores(fs[:n_head], weights, thresholds)
            links = complete_linkage(fs[:n_head], scores)
            matcher = QuoteMatcher(fs, weights, thresholds)
        else:
            key_matcher = KeyMatcher(fs, spec.exclusive, weights, thresholds, temporal)
            links, scores = key_matcher.links(n_head)
            matcher = key_matcher
        one_per_doc = [f.doc for f in fs[:n_head]] if matcher.exclusive else None
        clusters = build_clusters(n_head, links, scores, one_per_doc)
        attach(fs, n_head, clusters, matcher)
        if spec.matching != Matching.QUOTES:  # a speaker's two statements must not become one
            clusters = merge_split(fs, clusters, matcher)
        slots.extend(_slots(fs, clusters, grouping))
    return _in_order(slots)


def _in_order(slots: list[Slot]) -> tuple[Slot, ...]:
    """The slots by kind, key and their facts' places: the places (a list of a thousand facts'
    for a big slot) are read only for slots whose kind and key are the same."""
    slots = sorted(slots, key=attrgetter("kind", "key"))
    out: list[Slot] = []
    for _, same in groupby(slots, key=attrgetter("kind", "key")):
        tied = list(same)
        out.extend(sorted(tied, key=lambda s: [(f.doc, f.start) for f in s.facts]) if len(tied) > 1 else tied)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Grouping:
    """What turning clusters into slots needs: the temporal kinds, the reprints (left out of a
    slot's key and label) and their facts by the fact each repeats."""

    temporal: frozenset[str]
    copies: frozenset[str]
    twins: dict[FactId, list[Fact]]
    twinned: frozenset[str]  # the documents whose facts have twins: only theirs are looked up


def _slots(fs: list[Fact], clusters: list[Cluster], group: _Grouping) -> list[Slot]:
    temporal, twinned = group.temporal, group.twinned
    out = []
    for cluster in clusters:
        members = [fs[i] for i in cluster.members]
        repeated = [t for f in members if f.doc in twinned for t in group.twins.get(fact_id(f), ())]
        if len(members) == 1 and not repeated:
            continue  # one document's fact (most clusters: what no other source states)
        facts = tuple(sorted((*members, *repeated), key=_order))
        if facts[0].doc == facts[-1].doc:  # one document (they are sorted by document)
            continue
        out.append(
            Slot(
                kind=_slot_kind(facts, temporal),
                key=key_of(facts, temporal, group.copies),
                subject=readable_subject(facts, group.copies),
                facts=facts,
                score=round(cluster.score, 6),
            )  # fmt: skip
        )
    return out


def _components(fs: list[Fact], links: Iterable[tuple[int, int]], group: _Grouping) -> list[Slot]:
    return _slots(fs, build_clusters(len(fs), links, {}), group)


# A fact's place in a slot: by document, then in the text (kinds compare as their text).
_order = attrgetter("doc", "start", "end", "kind")


def _slot_kind(facts: tuple[Fact, ...], temporal: frozenset[str]) -> str:
    kinds = {f.kind for f in facts}
    if kinds <= temporal:
        return Kind.WEEKDAY if Kind.WEEKDAY in kinds else Kind.DATE
    return facts[0].kind


def readable_subject(facts: tuple[Fact, ...], copies: frozenset[str] = frozenset()) -> str:
    """The label most of the slot's facts give, a reprint's left out (ties: the shortest)."""
    counts = Counter(f.subject for f in _originals(facts, copies) if f.subject)
    if not counts:
        return str(facts[0].kind)
    return sorted(counts.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]


def _originals(facts: tuple[Fact, ...], copies: frozenset[str]) -> tuple[Fact, ...]:
    """The facts of a slot that are no reprint's (all of them, if every one is)."""
    return tuple(f for f in facts if f.doc not in copies) or facts


def key_of(facts: tuple[Fact, ...], temporal: frozenset[str], copies: frozenset[str] = frozenset()) -> str:
    """A stable key for what the slot is about: its most shared canonical keys, a reprint's
    facts (`copies`: the reprints) left out, so that a copy never changes it."""
    facts = _originals(facts, copies)
    if all(f.lead for f in facts if f.kind in temporal) and any(f.lead for f in facts):
        return "main event (lede)"
    # each distinct key is counted, then spelt once (a slot of a thousand facts has a few dozen)
    keys = Counter(chain.from_iterable(f.keys for f in facts))
    counts: Counter[tuple[str, str]] = Counter()
    for k, n in keys.items():
        if k.names_fact:
            counts[(str(k), k.label)] += n
    if not counts:
        counts = Counter((str(f.kind), str(f.kind)) for f in facts)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:2]  # ties: by the key as text
    return " / ".join(label for (_, label), _ in top)


__all__ = ["PAIRWISE_DOCS", "align", "fold_spelling", "key_of", "readable_subject", "weighted_containment"]
