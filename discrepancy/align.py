"""Align facts about the same thing across documents into slots. The only importer of rapidfuzz.

Facts are aligned by what they are about (their keys: the words they attach to) and by the
words of their sentences, never by their values. Candidates come from an inverted index over
keys (blocking), so the cost grows with the facts that share a key, not with all pairs.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from .models import Fact, Kind, Slot

# Minimum pair score (0-1) for two facts to be the same fact. Calibrated on fixtures/ (the seed
# corpus and our own corpora): re-run `pytest tests/test_fixtures.py` after changing it.
PAIR_THRESHOLD = 0.45
KEY_WEIGHT = 0.55  # share of the score that comes from the keys; the rest from the sentence words
KEY_PRIOR = 0.3  # see weighted_containment: one key of weight log(2) shared alone scores 0.7
COMMON_KEY_WEIGHT = 0.45  # log(1 + 1/1.7): a key on nearly two facts per document is common
MIN_CONTEXT = 0.12  # sentences sharing less than this (weighted Dice) are about different things
LEAD_SCORE = 0.9  # two ledes' "when" are the same fact: the story's main event
# A key found on more than this share of a kind's facts says little about any of them.
GENERIC_KEY_SHARE = 0.5
# Quotes: minimum content-word overlap (Dice) to be the same quote, and with the same speaker.
QUOTE_DICE = 0.34
QUOTE_MIN_SHARED = 3
SAME_SPEAKER_DICE = 0.2
OTHER_SPEAKER_DICE = 0.6  # quotes credited to different speakers must be this close to align
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


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap of two sets, 0-1."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two sets, 0-1."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


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
        self.df: Counter[str] = Counter(w for ws in sentences.values() for w in ws)

    def weight(self, word: str) -> float:
        return math.log((self.n + 1) / (self.df.get(word, 0) + 0.5))

    def dice(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted overlap, 0-1."""
        if not a or not b:
            return 0.0
        shared = math.fsum(self.weight(x) for x in a & b)
        total = math.fsum([*(self.weight(x) for x in a), *(self.weight(x) for x in b)])
        return 2 * shared / total if total else 0.0


def weighted_containment(a: frozenset[str], b: frozenset[str], weight: Callable[[str], float], prior: float = 0.0) -> float:
    """How much of the lighter set the other contains, elements weighted, 0-1: one outlet
    naming more about a figure ("jobs worldwide") does not make it another figure. `prior`
    keeps a single light shared element ("people") from counting as full agreement."""
    if not a or not b:
        return 0.0
    smaller = min(math.fsum(weight(x) for x in a), math.fsum(weight(x) for x in b)) + prior
    return min(1.0, math.fsum(weight(x) for x in a & b) / smaller) if smaller else 0.0


def align(facts: Iterable[Fact]) -> tuple[Slot, ...]:
    """Group facts into slots, one per fact stated by two or more documents."""
    facts = list(facts)
    weights = Weights(facts)
    by_group: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        group = "temporal" if f.kind in TEMPORAL else str(f.kind)
        by_group[group].append(f)
    slots: list[Slot] = []
    for group, fs in sorted(by_group.items()):
        fs.sort(key=lambda f: (f.doc, f.start, f.end, f.kind))
        if group == Kind.QUOTE:
            links = _complete_linkage(fs, _quote_scores(fs, weights))
        elif group == Kind.NAME:
            links = _name_links(fs)
        elif group == Kind.TITLE:
            links = _same_key_links(fs)
        else:
            exclusive = fs[0].kind in EXCLUSIVE
            links, scores = _key_links(fs, exclusive, weights)
            slots.extend(_components(fs, links, scores))
            continue
        slots.extend(_components(fs, links))
    return tuple(sorted(slots, key=lambda s: (s.kind, s.key, [(f.doc, f.start) for f in s.facts])))


def _components(fs: list[Fact], links: Iterable[tuple[int, int]], scores: dict[tuple[int, int], float] | None = None) -> list[Slot]:
    uf = _UnionFind()
    weakest: dict[int, float] = {}
    links = list(links)
    for a, b in links:
        uf.union(a, b)
    for a, b in links:
        r = uf.find(a)
        weakest[r] = min(weakest.get(r, 1.0), (scores or {}).get((a, b), 1.0))
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(fs)):
        if i in uf.parent:
            members[uf.find(i)].append(i)
    out = []
    for idx in members.values():
        facts = tuple(fs[i] for i in sorted(idx))
        if len({f.doc for f in facts}) < 2:
            continue
        out.append(
            Slot(
                kind=_slot_kind(facts), key=key_of(facts), subject=readable_subject(facts), facts=facts,
                score=round(weakest.get(uf.find(idx[0]), 1.0), 6),
            )  # fmt: skip
        )
    return out


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


def _key_links(fs: list[Fact], exclusive: bool, weights: Weights) -> tuple[list[tuple[int, int]], dict[tuple[int, int], float]]:
    """Pairs of facts from different documents that are about the same thing."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(fs):
        for k in f.keys:
            index[k].append(i)
    limit = max(2, int(len(fs) * GENERIC_KEY_SHARE))
    generic = {k for k, v in index.items() if len(v) > limit and not k.startswith(("@", "domain:", "per-"))}
    if not exclusive:
        generic = set()  # items: the event word is the whole key ("supplied" what?)
    n_docs = len({f.doc for f in fs})
    # A key carried by about one fact per document names one fact; one carried by many facts in
    # every document ("people") names none in particular.
    key_weight = {k: math.log(1 + n_docs / len(v)) for k, v in index.items()}
    scores: dict[tuple[int, int], float] = {}
    for k, idx in index.items():
        if k in generic or k.startswith("domain:"):
            continue
        for x in range(len(idx)):
            for y in range(x + 1, len(idx)):
                i, j = idx[x], idx[y]
                if fs[i].doc == fs[j].doc or (i, j) in scores:
                    continue
                # fsum and rounding make the score independent of set iteration order
                scores[(i, j)] = round(_pair_score(fs[i], fs[j], generic, weights, key_weight), 9)
    good = {p: s for p, s in scores.items() if s >= PAIR_THRESHOLD}
    if not exclusive:
        return sorted(good), good
    return _mutual_best(fs, good), good


def _pair_score(a: Fact, b: Fact, generic: set[str], weights: Weights, key_weight: dict[str, float]) -> float:
    if a.kind != b.kind and not (a.kind in TEMPORAL and b.kind in TEMPORAL):
        return 0.0
    if a.kind == Kind.ITEM and a.keys & b.keys <= {k for k in a.keys if k.startswith("domain:")}:
        return 0.0
    if ("@weak" in a.keys) != ("@weak" in b.keys):
        return 0.0  # an item placed by its sentence only aligns with items as loosely placed
    if (a.kind == Kind.ITEM) and not any(k.startswith("domain:") and k in b.keys for k in a.keys):
        return 0.0
    if a.lead and b.lead:
        return LEAD_SCORE
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
    """Links that build groups in which every two members from different documents match.

    Quotes chain easily (A shares words with B, B with C, while A and C say different things),
    so a fact joins a group only if it matches every member of it, best pairs first.
    """
    group_of: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    links = []
    for (i, j), _ in sorted(good.items(), key=lambda kv: (-kv[1], kv[0])):
        gi, gj = group_of.get(i), group_of.get(j)
        if gi is not None and gi == gj:
            continue
        if gi is not None and gj is not None:
            continue
        if gi is None and gj is None:
            group_of[i] = group_of[j] = i
            members[i] = [i, j]
            links.append((i, j))
            continue
        grp, new = (gi, j) if gi is not None else (gj, i)
        if all(fs[m].doc == fs[new].doc or (min(m, new), max(m, new)) in good for m in members[grp]):
            if any(fs[m].doc == fs[new].doc for m in members[grp]):
                continue  # one quote per document in a group
            members[grp].append(new)
            group_of[new] = grp
            links.append((i, j))
    return sorted(links)


def _quote_scores(fs: list[Fact], weights: Weights) -> dict[tuple[int, int], float]:
    """Quotes that are the same statement: shared content words, or the same speaker."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(fs):
        for w in f.context:
            index[w].append(i)
    limit = max(3, len(fs) // 2)
    seen: set[tuple[int, int]] = set()
    good: dict[tuple[int, int], float] = {}
    for w, idx in index.items():
        if len(idx) > limit:
            continue
        for x in range(len(idx)):
            for y in range(x + 1, len(idx)):
                i, j = idx[x], idx[y]
                if (i, j) in seen or fs[i].doc == fs[j].doc:
                    continue
                seen.add((i, j))
                a, b = fs[i], fs[j]
                shared = sum(1 for w in a.context & b.context if weights.weight(w) > COMMON_WORD_WEIGHT)
                d = weights.dice(a.context, b.context)
                sa, sb = a.get("speaker"), b.get("speaker")
                same_speaker = bool(sa) and sa == sb
                if sa and sb and sa != sb and d < OTHER_SPEAKER_DICE:
                    continue  # two people saying similar things are two statements
                if (d >= QUOTE_DICE and shared >= QUOTE_MIN_SHARED) or (same_speaker and d >= SAME_SPEAKER_DICE):
                    good[(i, j)] = round(d + (0.2 if same_speaker else 0.0), 9)
    return good


def _name_links(fs: list[Fact]) -> list[tuple[int, int]]:
    """Full names spelled differently: same given name and a near surname, or the reverse."""
    from rapidfuzz import fuzz

    by_first: dict[str, list[int]] = defaultdict(list)
    by_last: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(fs):
        toks = str(f.value).split()
        by_first[toks[0].lower()].append(i)
        by_last[toks[-1].lower()].append(i)
    links: list[tuple[int, int]] = []

    def near(a: str, b: str) -> bool:
        a, b = a.lower(), b.lower()
        if a == b or a.startswith(b) or b.startswith(a):
            return a == b
        return len(a) >= 4 and len(b) >= 4 and fuzz.ratio(a, b) >= NAME_RATIO

    def scan(groups: dict[str, list[int]], part: Callable[[Fact], str]) -> None:
        for idx in groups.values():
            for x in range(len(idx)):
                for y in range(x + 1, len(idx)):
                    i, j = idx[x], idx[y]
                    if fs[i].value == fs[j].value:
                        links.append((i, j))
                    elif near(part(fs[i]), part(fs[j])):
                        links.append((i, j))

    scan(by_first, lambda f: str(f.value).split()[-1])
    scan(by_last, lambda f: str(f.value).split()[0])
    return sorted(set(links))
