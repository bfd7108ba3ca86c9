"""Clustering facts into slots: union-find components with one value per document, later
documents attached to the clusters found so far, clusters of one fact told two ways merged, and
complete linkage for facts that chain easily (quotes)."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Sequence

from ..models import Fact

REPRESENTATIVES = 4  # members a later fact is compared with to join a slot
SPLIT_OVERLAP = 0.2  # share of documents two clusters of one fact may have in common
RECENT_SINGLETONS = 16  # single facts per key a later fact may still pair with
UNSCORED = -1.0  # no score yet (scores are 0-1, or None for no match)


class UnionFind:
    """Components of 0..n-1, each named by its smallest member."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class Matcher:
    """How a group of facts is compared: blocking keys, and a fact against a cluster."""

    exclusive = True

    def block_keys(self, i: int) -> Sequence[Hashable]:
        """The candidate keys of fact i (each matcher computes them once per fact)."""
        raise NotImplementedError

    def cluster_score(self, f: int, reps: list[int]) -> float | None:
        raise NotImplementedError

    def content(self, f: int) -> Hashable | None:
        """What fact f says, when its score against a cluster depends on that alone (facts that
        say the same, as copies of a wire story or a template do, then share their scores);
        None when it does not."""
        return None


class Cluster:
    """Facts (indices) found to be one fact; the first REPRESENTATIVES stand for it."""

    def __init__(self, members: list[int], score: float) -> None:
        self.members = members
        self.score = score

    @property
    def reps(self) -> list[int]:
        return self.members[:REPRESENTATIVES]


def build_clusters(
    n: int, links: Iterable[tuple[int, int]], scores: dict[tuple[int, int], float], docs: list[str] | None = None
) -> list[Cluster]:
    """Connected components of the links over facts 0..n-1, singletons included. With `docs`,
    strongest links first, a link that would put two facts of one document together is left
    out: an article states one value for a fact (its 84th and 52nd minutes are two goals)."""
    uf = UnionFind(n)
    find = uf.find
    members_docs: dict[int, set[str]] = {i: {docs[i]} for i in range(n)} if docs is not None else {}
    kept = []
    # strongest first (a link without a score counts as 1.0: with none, the links in order)
    order = sorted(links, key=lambda p: (-scores.get(p, 1.0), p)) if scores else sorted(links)
    for a, b in order:
        ra, rb = find(a), find(b)
        if ra == rb:
            kept.append((a, b))
            continue
        if docs is not None:
            if members_docs[ra] & members_docs[rb]:
                continue
            merged = members_docs[ra] | members_docs[rb]
        uf.union(a, b)
        if docs is not None:
            members_docs[find(a)] = merged
        kept.append((a, b))
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        members[find(i)].append(i)  # in order: each list is sorted
    weakest: dict[int, float] = {}
    if scores:  # (without scores every link counts as 1.0)
        for a, b in kept:
            r = find(a)
            weakest[r] = min(weakest.get(r, 1.0), scores.get((a, b), 1.0))
    return [Cluster(m, weakest.get(r, 1.0)) for r, m in sorted(members.items())]


def attach(fs: list[Fact], start: int, clusters: list[Cluster], matcher: Matcher) -> None:
    """Let the facts of documents after the head join the best-matching cluster, document by
    document; a fact that matches none starts a cluster of its own.

    Candidates come from an index over the representatives' keys: clusters of two or more
    facts, and only the RECENT_SINGLETONS latest single facts per key, so that facts matching
    nothing (every article has some) do not make each later fact costlier."""
    shared: dict[Hashable, set[int]] = defaultdict(set)
    single: dict[Hashable, deque[int]] = defaultdict(lambda: deque(maxlen=RECENT_SINGLETONS))

    def index(c: int) -> None:
        target = shared if len(clusters[c].members) > 1 else None
        for i in clusters[c].reps:
            for k in matcher.block_keys(i):
                if target is not None:
                    target[k].add(c)
                else:
                    single[k].append(c)

    for c in range(len(clusters)):
        index(c)
    docs = [f.doc for f in fs]
    last_doc = [docs[c.members[-1]] for c in clusters]  # the document that last gave each its value
    exclusive, cluster_score, content, block_keys = (
        matcher.exclusive, matcher.cluster_score, matcher.content, matcher.block_keys
    )  # fmt: skip
    # each cluster's scores of the facts offered to it so far, by what they say (matcher.content),
    # until its representatives change: later documents repeat what earlier ones said
    known: list[dict[Hashable, float | None]] = [{} for _ in clusters]
    i, n = start, len(fs)
    while i < n:
        doc = docs[i]
        j = i
        while j < n and docs[j] == doc:
            j += 1
        offers = []
        for f in range(i, j):
            said = content(f)
            candidates: set[int] = set()
            for k in block_keys(f):
                candidates.update(shared.get(k, ()), single.get(k, ()))
            # in no particular order: the offers are sorted below, and a score is the same
            # whatever was scored before it
            for c in candidates:
                if exclusive and last_doc[c] == doc:
                    continue  # this document already gave the cluster its value
                scores = known[c]
                score = scores.get(said, UNSCORED) if said is not None else UNSCORED
                if score == UNSCORED:
                    score = cluster_score(f, clusters[c].members[:REPRESENTATIVES])
                    if said is not None:
                        scores[said] = score
                if score is not None:
                    offers.append((-score, f, c))
        taken_facts: set[int] = set()
        taken_clusters: set[int] = set()
        for neg, f, c in sorted(offers):
            if f in taken_facts or (exclusive and c in taken_clusters):
                continue
            taken_facts.add(f)
            taken_clusters.add(c)
            cluster = clusters[c]
            cluster.members.append(f)
            cluster.score = min(cluster.score, -neg)
            last_doc[c] = doc
            if len(cluster.members) <= REPRESENTATIVES:
                index(c)
                known[c] = {}  # new representatives: new scores
        for f in range(i, j):
            if f not in taken_facts:
                clusters.append(Cluster([f], 1.0))
                last_doc.append(doc)
                known.append({})
                index(len(clusters) - 1)
        i = j


def merge_split(fs: list[Fact], clusters: list[Cluster], matcher: Matcher) -> list[Cluster]:
    """Join clusters that are one fact told two ways ("signed X for £26m" / "paid £26m for X"),
    each grown from its own first pair: most of their representatives match across, and (for
    one-value facts) no document is in both."""
    multi = [c for c in clusters if len({fs[i].doc for i in c.members}) > 1]
    if len(multi) < 2:
        return clusters
    by_key: dict[Hashable, list[int]] = defaultdict(list)
    for n, c in enumerate(multi):
        for k in {k for i in c.reps for k in matcher.block_keys(i)}:
            by_key[k].append(n)
    uf = UnionFind(len(multi))
    docs = [{fs[i].doc for i in c.members} for c in multi]
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
    merged: dict[int, Cluster] = {}
    for n, c in enumerate(multi):
        r = uf.find(n)
        if r in merged:
            merged[r].members.extend(c.members)
            merged[r].score = min(merged[r].score, c.score)
        else:
            merged[r] = Cluster(list(c.members), c.score)
    for c in merged.values():
        c.members.sort()
    return [*merged.values(), *(c for c in clusters if len({fs[i].doc for i in c.members}) <= 1)]


def complete_linkage(fs: list[Fact], good: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
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
        assert grp is not None  # one of the two is in a group here
        if any(fs[m].doc == fs[new].doc for m in members[grp]):
            continue  # one quote per document in a group
        matches = sum((min(m, new), max(m, new)) in good for m in members[grp])
        if matches * 2 > len(members[grp]):  # it matches most of the group
            members[grp].append(new)
            group_of[new] = grp
            links.append((i, j))
    return sorted(links)
