"""Align facts about the same thing across documents into slots. The only importer of rapidfuzz.

Facts are aligned by what they are about (their keys: the words they attach to) and by the
words of their sentences, never by their values. Candidates come from an inverted index over
keys (blocking), so the cost grows with the facts that share a key, not with all pairs.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from .models import Fact, Kind, Slot

# Minimum pair score (0-1) for two facts to be the same fact. Calibrated on fixtures/ (the seed
# corpus and our own corpora): re-run `pytest tests/test_fixtures.py` after changing it.
PAIR_THRESHOLD = 0.45
KEY_WEIGHT = 0.55  # share of the score that comes from the keys; the rest from the sentence words
WEAK_ITEM_CONTEXT = 0.2  # items with no event word beside them need sentences this alike
KEY_PRIOR = 0.3  # see weighted_containment: one key of weight log(2) shared alone scores 0.7
COMMON_KEY_WEIGHT = 0.45  # log(1 + 1/1.7): a key on nearly two facts per document is common
MIN_CONTEXT = 0.12  # sentences sharing less than this (weighted Dice) are about different things
LEAD_SCORE = 0.9  # two ledes' "when" are the same fact: the story's main event
# A key found on more than this share of a kind's facts says little about any of them.
GENERIC_KEY_SHARE = 0.5
# Quotes: minimum content-word overlap (Dice) to be the same quote, and with the same speaker.
# Corpora up to this many documents are aligned pair by pair (every candidate pair scored);
# later documents join the slots found so far, which keeps the cost linear. Fixture corpora and
# real story clusters are far below it.
PAIRWISE_DOCS = 40
REPRESENTATIVES = 4  # members a later fact is compared with to join a slot
SPLIT_OVERLAP = 0.2  # share of documents two clusters of one fact may have in common
RECENT_SINGLETONS = 16  # single facts per key a later fact may still pair with
QUOTE_DICE = 0.34
QUOTE_MIN_SHARED = 3
SAME_SPEAKER_DICE = 0.2
OTHER_SPEAKER_DICE = 0.6
SAME_SPEAKER_FRAME = 0.6
QUOTE_BLOCK_WORDS = 4
FRAGMENT_RATIO = 2.5  # a quote this many times shorter than another is a fragment unless contained  # a quote is a candidate for quotes sharing one of its rarest words  # rapidfuzz ratio of the whole wording, for one speaker's reworded quote  # quotes credited to different speakers must be this close to align
# A word used by (almost) every source weighs this little; it does not count as shared evidence.
COMMON_WORD_WEIGHT = 0.3
# Names: minimum rapidfuzz ratio (0-100) for two surnames to be spellings of one name.
NAME_RATIO = 80

TEMPORAL = frozenset({Kind.DATE, Kind.WEEKDAY})
EXCLUSIVE = frozenset({Kind.DATE, Kind.WEEKDAY, Kind.TIME, Kind.QUANTITY, Kind.MONEY})


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class Weights:
    """Rarity of context words across the corpus's sentences: words in every other sentence
    (the story's protagonists, its place) say little about which fact a sentence states, while
    the words of the few sentences that state one fact single those sentences out."""

    def __init__(self, facts: list[Fact]) -> None:
        sentences: dict[tuple[str, int], set[str]] = defaultdict(set)
        for f in facts:
            if f.kind != Kind.QUOTE:  # a quote's context is its own words, not its sentence's
                sentences[(f.doc, f.sentence)].update(f.context)
        self.n = max(1, len(sentences))
        df: Counter[str] = Counter(w for ws in sentences.values() for w in ws)
        self.unseen = math.log((self.n + 1) / 0.5)
        self.table = {w: math.log((self.n + 1) / (c + 0.5)) for w, c in df.items()}
        self.totals: dict[frozenset[str], float] = {}

    def weight(self, word: str) -> float:
        return self.table.get(word, self.unseen)

    def total(self, words: frozenset[str]) -> float:
        """Summed weight of a set (cached: a sentence's context is compared many times)."""
        t = self.totals.get(words)
        if t is None:
            t = self.totals[words] = math.fsum(self.weight(x) for x in words)
        return t

    def dice(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted overlap, 0-1."""
        if not a or not b:
            return 0.0
        total = self.total(a) + self.total(b)
        return 2 * math.fsum(self.weight(x) for x in a & b) / total if total else 0.0


def weighted_containment(
    a: frozenset[str], b: frozenset[str], weight: Callable[[str], float], prior: float = 0.0
) -> float:
    """How much of the lighter set the other contains, elements weighted, 0-1: one outlet
    naming more about a figure ("jobs worldwide") does not make it another figure. `prior`
    keeps a single light shared element ("people") from counting as full agreement."""
    if not a or not b:
        return 0.0
    smaller = min(math.fsum(weight(x) for x in a), math.fsum(weight(x) for x in b)) + prior
    return min(1.0, math.fsum(weight(x) for x in a & b) / smaller) if smaller else 0.0


# Thresholds a corpus may set (settings `thresholds`), by setting name.
TUNABLE = {
    "pair": "PAIR_THRESHOLD",
    "min-context": "MIN_CONTEXT",
    "quote": "QUOTE_DICE",
    "same-speaker": "SAME_SPEAKER_DICE",
    "name-ratio": "NAME_RATIO",
}


@contextmanager
def thresholds(values: dict[str, float]) -> Iterator[None]:
    """Run with some thresholds changed (settings `thresholds`), restoring them afterwards."""
    module = globals()
    saved = {TUNABLE[k]: module[TUNABLE[k]] for k in values}
    try:
        for k, v in values.items():
            module[TUNABLE[k]] = v
        yield
    finally:
        module.update(saved)


def align(facts: Iterable[Fact]) -> tuple[Slot, ...]:
    """Group facts into slots, one per fact stated by two or more documents.

    The first PAIRWISE_DOCS documents (by id) are aligned pair by pair; every later document's
    facts then join the slot they match best, or start one, so that cost grows linearly with
    the number of documents."""
    facts = list(facts)
    weights = Weights(facts)
    by_group: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        group = "temporal" if f.kind in TEMPORAL else str(f.kind)
        by_group[group].append(f)
    slots: list[Slot] = []
    for group, fs in sorted(by_group.items()):
        fs.sort(key=lambda f: (f.doc, f.start, f.end, f.kind))
        if group == Kind.NAME:
            slots.extend(_components(fs, _name_links(fs)))
            continue
        if group == Kind.TITLE:
            slots.extend(_components(fs, _same_key_links(fs)))
            continue
        head_docs = set(sorted({f.doc for f in fs})[:PAIRWISE_DOCS])
        n_head = sum(1 for f in fs if f.doc in head_docs)  # fs is sorted by doc: the head comes first
        matcher: _Matcher
        if group == Kind.QUOTE:
            scores = _quote_scores(fs[:n_head], weights)
            links = _complete_linkage(fs[:n_head], scores)
            matcher = _QuoteMatcher(fs, weights)
        else:
            key_matcher = _KeyMatcher(fs, fs[0].kind in EXCLUSIVE, weights)
            links, scores = key_matcher.links(n_head)
            matcher = key_matcher
        one_per_doc = [f.doc for f in fs[:n_head]] if matcher.exclusive else None
        clusters = _clusters(n_head, links, scores, one_per_doc)
        _attach(fs, n_head, clusters, matcher)
        if group != Kind.QUOTE:  # a speaker's two statements must not become one
            clusters = _merge_split(fs, clusters, matcher)
        slots.extend(_slots(fs, clusters))
    return tuple(sorted(slots, key=lambda s: (s.kind, s.key, [(f.doc, f.start) for f in s.facts])))


class _Cluster:
    """Facts (indices) found to be one fact; the first REPRESENTATIVES stand for it."""

    def __init__(self, members: list[int], score: float) -> None:
        self.members = members
        self.score = score

    @property
    def reps(self) -> list[int]:
        return self.members[:REPRESENTATIVES]


def _clusters(
    n: int, links: Iterable[tuple[int, int]], scores: dict[tuple[int, int], float], docs: list[str] | None = None
) -> list[_Cluster]:
    """Connected components of the links over facts 0..n-1, singletons included. With `docs`,
    strongest links first, a link that would put two facts of one document together is left
    out: an article states one value for a fact (its 84th and 52nd minutes are two goals)."""
    uf = _UnionFind()
    members_docs: dict[int, set[str]] = {i: {docs[i]} for i in range(n)} if docs is not None else {}
    kept = []
    for a, b in sorted(links, key=lambda p: (-scores.get(p, 1.0), p)):
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            kept.append((a, b))
            continue
        if docs is not None:
            if members_docs[ra] & members_docs[rb]:
                continue
            merged = members_docs[ra] | members_docs[rb]
        uf.union(a, b)
        if docs is not None:
            members_docs[uf.find(a)] = merged
        kept.append((a, b))
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        members[uf.find(i)].append(i)
    weakest: dict[int, float] = {}
    for a, b in kept:
        r = uf.find(a)
        weakest[r] = min(weakest.get(r, 1.0), scores.get((a, b), 1.0))
    return [_Cluster(sorted(m), weakest.get(r, 1.0)) for r, m in sorted(members.items())]


def _attach(fs: list[Fact], start: int, clusters: list[_Cluster], matcher: _Matcher) -> None:
    """Let the facts of documents after the head join the best-matching cluster, document by
    document; a fact that matches none starts a cluster of its own.

    Candidates come from an index over the representatives' keys: clusters of two or more
    facts, and only the RECENT_SINGLETONS latest single facts per key, so that facts matching
    nothing (every article has some) do not make each later fact costlier."""
    shared: dict[str, set[int]] = defaultdict(set)
    single: dict[str, deque[int]] = defaultdict(lambda: deque(maxlen=RECENT_SINGLETONS))

    def index(c: int) -> None:
        target = shared if len(clusters[c].members) > 1 else None
        for i in clusters[c].reps:
            for k in matcher.block_keys(fs[i]):
                if target is not None:
                    target[k].add(c)
                else:
                    single[k].append(c)

    for c in range(len(clusters)):
        index(c)
    i = start
    while i < len(fs):
        j = i
        while j < len(fs) and fs[j].doc == fs[i].doc:
            j += 1
        offers = []
        for f in range(i, j):
            candidates: set[int] = set()
            for k in matcher.block_keys(fs[f]):
                candidates.update(shared.get(k, ()))
                candidates.update(single.get(k, ()))
            for c in sorted(candidates):
                if matcher.exclusive and fs[clusters[c].members[-1]].doc == fs[f].doc:
                    continue  # this document already gave the cluster its value
                score = matcher.cluster_score(f, clusters[c].reps)
                if score is not None:
                    offers.append((-score, f, c))
        taken_facts: set[int] = set()
        taken_clusters: set[int] = set()
        for neg, f, c in sorted(offers):
            if f in taken_facts or (matcher.exclusive and c in taken_clusters):
                continue
            taken_facts.add(f)
            taken_clusters.add(c)
            cluster = clusters[c]
            cluster.members.append(f)
            cluster.score = min(cluster.score, -neg)
            if len(cluster.members) <= REPRESENTATIVES:
                index(c)
        for f in range(i, j):
            if f not in taken_facts:
                clusters.append(_Cluster([f], 1.0))
                index(len(clusters) - 1)
        i = j


def _merge_split(fs: list[Fact], clusters: list[_Cluster], matcher: _Matcher) -> list[_Cluster]:
    """Join clusters that are one fact told two ways ("signed X for £26m" / "paid £26m for X"),
    each grown from its own first pair: most of their representatives match across, and (for
    one-value facts) no document is in both."""
    multi = [c for c in clusters if len({fs[i].doc for i in c.members}) > 1]
    if len(multi) < 2:
        return clusters
    by_key: dict[str, list[int]] = defaultdict(list)
    for n, c in enumerate(multi):
        for k in {k for i in c.reps for k in matcher.block_keys(fs[i])}:
            by_key[k].append(n)
    uf = _UnionFind()
    docs = [{fs[i].doc for i in c.members} for c in multi]
    for n in range(len(multi)):
        uf.find(n)
    pairs = sorted({(a, b) for idx in by_key.values() for x, a in enumerate(idx) for b in idx[x + 1 :]})
    for a, b in pairs:
        ra, rb = uf.find(a), uf.find(b)
        # one-value facts: two clusters of one fact hardly share a document (an article that
        # states it twice, in the two phrasings, may be in both)
        if ra == rb or (
            matcher.exclusive and len(docs[ra] & docs[rb]) > SPLIT_OVERLAP * min(len(docs[ra]), len(docs[rb]))
        ):
            continue
        votes = [matcher.cluster_score(i, multi[b].reps) is not None for i in multi[a].reps]
        if sum(votes) * 2 > len(votes):
            uf.union(ra, rb)
            root = uf.find(ra)
            docs[root] = docs[ra] | docs[rb]
    merged: dict[int, _Cluster] = {}
    for n, c in enumerate(multi):
        r = uf.find(n)
        if r in merged:
            merged[r].members.extend(c.members)
            merged[r].score = min(merged[r].score, c.score)
        else:
            merged[r] = _Cluster(list(c.members), c.score)
    for c in merged.values():
        c.members.sort()
    return [*merged.values(), *(c for c in clusters if len({fs[i].doc for i in c.members}) <= 1)]


def _slots(fs: list[Fact], clusters: list[_Cluster]) -> list[Slot]:
    out = []
    for cluster in clusters:
        facts = tuple(fs[i] for i in sorted(cluster.members))
        if len({f.doc for f in facts}) < 2:
            continue
        out.append(
            Slot(
                kind=_slot_kind(facts),
                key=key_of(facts),
                subject=readable_subject(facts),
                facts=facts,
                score=round(cluster.score, 6),
            )  # fmt: skip
        )
    return out


def _components(fs: list[Fact], links: Iterable[tuple[int, int]]) -> list[Slot]:
    return _slots(fs, _clusters(len(fs), links, {}))


def _slot_kind(facts: tuple[Fact, ...]) -> Kind:
    kinds = {f.kind for f in facts}
    if kinds <= TEMPORAL:
        return Kind.WEEKDAY if Kind.WEEKDAY in kinds else Kind.DATE
    return facts[0].kind


def readable_subject(facts: tuple[Fact, ...]) -> str:
    """The label most of the slot's facts give (ties: the shortest)."""
    counts = Counter(f.subject for f in facts if f.subject)
    if not counts:
        return str(facts[0].kind)
    return sorted(counts.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]


def key_of(facts: tuple[Fact, ...]) -> str:
    """A stable key for what the slot is about: its most shared canonical keys."""
    if all(f.lead for f in facts if f.kind in TEMPORAL) and any(f.lead for f in facts):
        return "main event (lede)"
    counts = Counter(k for f in facts for k in f.keys if not k.startswith(("@", "domain:")))
    if not counts:
        counts = Counter(str(f.kind) for f in facts)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
    words = [k.split(":", 1)[-1].replace("_", " ") for k, _ in top]
    return " / ".join(words) if words else str(facts[0].kind)


class _Matcher:
    """How a group of facts is compared: blocking keys, and a fact against a cluster."""

    exclusive = True

    def block_keys(self, f: Fact) -> list[str]:
        raise NotImplementedError

    def cluster_score(self, f: int, reps: list[int]) -> float | None:
        raise NotImplementedError


class _KeyMatcher(_Matcher):
    """Facts aligned by their keys (what they attach to) and their sentences' words."""

    def __init__(self, fs: list[Fact], exclusive: bool, weights: Weights) -> None:
        self.fs, self.exclusive, self.weights = fs, exclusive, weights
        index: dict[str, list[int]] = defaultdict(list)
        for i, f in enumerate(fs):
            for k in f.keys:
                index[k].append(i)
        limit = max(2, int(len(fs) * GENERIC_KEY_SHARE))
        # items: the event word is the whole key ("supplied" what?), so none is too common
        # ... unless it is carried by about one fact per document: then it names one fact
        self.generic = (
            {
                k
                for k, v in index.items()
                if len(v) > limit
                and len(v) >= 1.5 * len({fs[i].doc for i in v})
                and not k.startswith(("@", "domain:", "per-"))
            }
            if exclusive
            else set()
        )
        n_docs = len({f.doc for f in fs})
        # A key carried by about one fact per document names one fact; one carried by many
        # facts in every document ("people") names none in particular.
        self.key_weight = {k: math.log(1 + n_docs / len(v)) for k, v in index.items()}
        self.cache: dict[tuple[int, int], float] = {}

    def block_keys(self, f: Fact) -> list[str]:
        return sorted(k for k in f.keys if k not in self.generic and not k.startswith("domain:"))

    def score(self, i: int, j: int) -> float:
        pair = (i, j) if i < j else (j, i)
        s = self.cache.get(pair)
        if s is None:
            # fsum and rounding make the score independent of set iteration order
            s = self.cache[pair] = round(
                _pair_score(self.fs[i], self.fs[j], self.generic, self.weights, self.key_weight), 9
            )
        return s

    def links(self, n: int) -> tuple[list[tuple[int, int]], dict[tuple[int, int], float]]:
        """Pairs among facts 0..n-1 from different documents that are about the same thing."""
        index: dict[str, list[int]] = defaultdict(list)
        for i in range(n):
            for k in self.block_keys(self.fs[i]):
                index[k].append(i)
        scores: dict[tuple[int, int], float] = {}
        for _, idx in sorted(index.items()):
            for x in range(len(idx)):
                for y in range(x + 1, len(idx)):
                    i, j = idx[x], idx[y]
                    if self.fs[i].doc != self.fs[j].doc and (i, j) not in scores:
                        scores[(i, j)] = self.score(i, j)
        good = {p: s for p, s in scores.items() if s >= PAIR_THRESHOLD}
        if not self.exclusive:
            return sorted(good), good
        return _mutual_best(self.fs, good), good

    def cluster_score(self, f: int, reps: list[int]) -> float | None:
        best = max(self.score(f, r) for r in reps)
        return best if best >= PAIR_THRESHOLD else None


class _QuoteMatcher(_Matcher):
    """Quotes: the same statement when every representative matches (complete linkage)."""

    def __init__(self, fs: list[Fact], weights: Weights) -> None:
        self.fs, self.weights = fs, weights
        counts = Counter(w for f in fs for w in f.context)
        self.common = {w for w, c in counts.items() if c > max(3, len(fs) // 2)}

    def block_keys(self, f: Fact) -> list[str]:
        return sorted(w for w in f.context if w not in self.common)

    def cluster_score(self, f: int, reps: list[int]) -> float | None:
        if any(self.fs[r].doc == self.fs[f].doc for r in reps):
            return None
        scores = [_quote_pair(self.fs[f], self.fs[r], self.weights) for r in reps]
        matched = [s for s in scores if s is not None]
        if len(matched) * 2 <= len(scores):
            return None  # it must match most of the representatives
        return math.fsum(matched) / len(scores)


def _pair_score(a: Fact, b: Fact, generic: set[str], weights: Weights, key_weight: dict[str, float]) -> float:
    if a.kind != b.kind and not (a.kind in TEMPORAL and b.kind in TEMPORAL):
        return 0.0
    if a.kind == Kind.ITEM and not {k for k in a.keys & b.keys if not k.startswith(("domain:", "@"))}:
        return 0.0  # items need an event (or a count) in common, not just a domain
    if ("@weak" in a.keys) != ("@weak" in b.keys):
        return 0.0  # an item placed by its sentence only aligns with items as loosely placed
    if "@weak" in a.keys and weights.dice(a.context, b.context) < WEAK_ITEM_CONTEXT:
        return 0.0  # ... and then only when the two sentences say much the same
    if (a.kind == Kind.ITEM) and not any(k.startswith("domain:") and k in b.keys for k in a.keys):
        return 0.0
    if a.lead and b.lead:
        pa, pb = a.get("published"), b.get("published")
        return LEAD_SCORE if (not pa or not pb or pa == pb) else 0.0
    if a.kind in TEMPORAL and b.kind in TEMPORAL and (_coarse(a) != _coarse(b) or a.get("tense") != b.get("tense")):
        return 0.0  # "in 1998" is background to "on Tuesday"; "will report in March" is to come
    if a.get("role") != b.get("role"):
        return 0.0  # "fell to $212m from $265m": the earlier figure is another fact
    unit_a, unit_b = getattr(a.value, "unit", None), getattr(b.value, "unit", None)
    if unit_a != unit_b or getattr(a.value, "rate", None) != getattr(b.value, "rate", None):
        return 0.0  # 8% and 19 years, or a monthly and a yearly sum, are different measures
    ka = frozenset(k for k in a.keys if k not in generic)
    kb = frozenset(k for k in b.keys if k not in generic)
    ctx = weights.dice(a.context, b.context)
    keys = weighted_containment(ka, kb, lambda k: key_weight.get(k, 0.0), prior=KEY_PRIOR)
    if ctx < MIN_CONTEXT and all(key_weight.get(k, 0.0) < COMMON_KEY_WEIGHT for k in ka & kb):
        return 0.0  # a common head word in unrelated sentences ("32 people" killed, "400,000 people" live)
    return KEY_WEIGHT * keys + (1 - KEY_WEIGHT) * min(1.0, 2 * ctx)


def _coarse(f: Fact) -> bool:
    """A date known only to the year (or a span of months): background, not an event's day."""
    precision = getattr(f.value, "precision", "day")
    return precision in {"year", "span"}


def _mutual_best(fs: list[Fact], good: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Keep a pair only if each fact is the other's best match in the other's document."""
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for (i, j), s in good.items():
        for a, b in ((i, j), (j, i)):
            key = (a, fs[b].doc)
            cur = best.get(key)
            if cur is None or s > cur[0] or (s == cur[0] and b < cur[1]):
                best[key] = (s, b)
    return sorted((i, j) for (i, j) in good if best[(i, fs[j].doc)][1] == j and best[(j, fs[i].doc)][1] == i)


def _same_key_links(fs: list[Fact]) -> list[tuple[int, int]]:
    index: dict[frozenset[str], list[int]] = defaultdict(list)
    for i, f in enumerate(fs):
        index[f.keys].append(i)
    return [(idx[0], j) for idx in index.values() for j in idx[1:]]


def _complete_linkage(fs: list[Fact], good: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Links that build groups in which most members from different documents match.

    Quotes chain easily (A shares words with B, B with C, while A and C say different things),
    so a fact joins a group only if it matches most of its members, and two groups merge only
    if most pairs across them match, best pairs first.
    """
    group_of: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    links = []
    for (i, j), _ in sorted(good.items(), key=lambda kv: (-kv[1], kv[0])):
        gi, gj = group_of.get(i), group_of.get(j)
        if gi is not None and gi == gj:
            continue
        if gi is not None and gj is not None:
            a, b = members[gi], members[gj]
            docs_a = {fs[m].doc for m in a}
            if any(fs[m].doc in docs_a for m in b):
                continue  # one quote per document in a group
            cross = [(min(x, y), max(x, y)) in good for x in a for y in b]
            if sum(cross) * 2 > len(cross):  # most pairs across the two groups match
                for m in b:
                    group_of[m] = gi
                a.extend(b)
                del members[gj]
                links.append((i, j))
            continue
        if gi is None and gj is None:
            group_of[i] = group_of[j] = i
            members[i] = [i, j]
            links.append((i, j))
            continue
        grp, new = (gi, j) if gi is not None else (gj, i)
        if any(fs[m].doc == fs[new].doc for m in members[grp]):
            continue  # one quote per document in a group
        matches = sum((min(m, new), max(m, new)) in good for m in members[grp])
        if matches * 2 > len(members[grp]):  # it matches most of the group
            members[grp].append(new)
            group_of[new] = grp
            links.append((i, j))
    return sorted(links)


def _quote_pair(a: Fact, b: Fact, weights: Weights) -> float | None:
    """How surely two quotes are one statement (None: they are not)."""
    shared = sum(1 for w in a.context & b.context if weights.weight(w) > COMMON_WORD_WEIGHT)
    d = weights.dice(a.context, b.context)
    sa, sb = a.get("speaker"), b.get("speaker")
    same_speaker = bool(sa) and sa == sb
    short, long_ = sorted((a, b), key=lambda f: len(f.value))  # value: the quote's words
    if len(long_.value) >= FRAGMENT_RATIO * len(short.value) and not short.context <= long_.context:
        return None  # a few words quoted from elsewhere in the statement, not a rewording of it
    if sa and sb and sa != sb and d < OTHER_SPEAKER_DICE:
        return None  # two people saying similar things are two statements
    if (d >= QUOTE_DICE and shared >= QUOTE_MIN_SHARED) or (same_speaker and d >= SAME_SPEAKER_DICE):
        return round(d + (0.2 if same_speaker else 0.0), 9)
    if same_speaker:
        # reworded around the same frame ("not an accident but a decision you made every day" /
        # "not an oversight but a choice you made again and again"): the words in order
        from rapidfuzz import fuzz

        frame = fuzz.ratio(a.normalized, b.normalized) / 100
        if frame >= SAME_SPEAKER_FRAME:
            return round(frame * 0.5 + 0.2, 9)
    return None


def _quote_scores(fs: list[Fact], weights: Weights) -> dict[tuple[int, int], float]:
    """Quotes that are the same statement: shared content words, or the same speaker. Each
    quote is indexed under its rarest words (blocking), so pairs sharing none are never scored."""
    df = Counter(w for f in fs for w in f.context)
    index: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(fs):
        for w in sorted(f.context, key=lambda w: (df[w], w))[:QUOTE_BLOCK_WORDS]:
            index[w].append(i)
        if f.get("speaker"):
            index["@speaker:" + f.get("speaker")].append(i)
    seen: set[tuple[int, int]] = set()
    good: dict[tuple[int, int], float] = {}
    for _, idx in sorted(index.items()):
        for x in range(len(idx)):
            for y in range(x + 1, len(idx)):
                i, j = idx[x], idx[y]
                if (i, j) in seen or fs[i].doc == fs[j].doc:
                    continue
                seen.add((i, j))
                score = _quote_pair(fs[i], fs[j], weights)
                if score is not None:
                    good[(i, j)] = score
    return good


_FOLDS = ((r"ph", "f"), (r"z", "s"), (r"k", "c"), (r"y", "i"), (r"w", "v"), (r"(.)\1", r"\1"), (r"e$", ""), (r"h", ""))


def fold_spelling(name: str) -> str:
    """A name with the letters that vary between spellings and transliterations folded
    (ph/f, z/s, k/c, y/i, w/v, doubled letters, a final e, h)."""
    for pattern, repl in _FOLDS:
        name = re.sub(pattern, repl, name)
    return name


def _name_links(fs: list[Fact]) -> list[tuple[int, int]]:
    """Full names spelled differently: the same given name and a near surname, or the reverse.
    Distinct spellings are compared, so a name repeated by every article costs nothing."""
    from rapidfuzz import fuzz

    by_value: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(fs):
        by_value[str(f.value)].append(i)
    values = sorted(by_value)
    links = [(idx[0], j) for idx in by_value.values() for j in idx[1:]]

    def near(a: str, b: str) -> bool:
        a, b = a.lower(), b.lower()
        if a == b:
            return True
        if fold_spelling(a) == fold_spelling(b):
            return True  # Wolff/Wolfe, Ines/Inez, Katherine/Catherine
        if a.startswith(b) or b.startswith(a):
            return False  # "Korea"/"Korean", "Abe"/"Abel": another word, not a spelling
        return len(a) >= 4 and len(b) >= 4 and fuzz.ratio(a, b) >= NAME_RATIO

    by_first: dict[str, list[str]] = defaultdict(list)
    by_last: dict[str, list[str]] = defaultdict(list)
    for v in values:
        toks = v.split()
        by_first[toks[0].lower()].append(v)
        by_last[toks[-1].lower()].append(v)
    for groups, part in ((by_first, -1), (by_last, 0)):
        for vs in groups.values():
            for x in range(len(vs)):
                for y in range(x + 1, len(vs)):
                    if near(vs[x].split()[part], vs[y].split()[part]):
                        links.append((by_value[vs[x]][0], by_value[vs[y]][0]))
    return sorted(set(links))
