"""Facts aligned by their keys (what they attach to) and the words of their sentences.

Candidates come from an inverted index over keys (blocking), so the cost grows with the facts
that share a key, not with all pairs. Thresholds come from the run context."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import chain
from typing import NamedTuple, TypeVar

from ..lexicon import words
from ..models import DEADLINE, FRAME_KEYS, LOOSE, Fact, Key, KeyKind, Kind
from ..settings import Thresholds
from ..values import DateValue
from .clusters import Matcher

T = TypeVar("T")

KEY_WEIGHT = 0.55  # share of the score that comes from the keys; the rest from the sentence words
KEY_PRIOR = 0.3  # see weighted_containment: one key of weight log(2) shared alone scores 0.7
COMMON_KEY_WEIGHT = 0.45  # log(1 + 1/1.7): a key on nearly two facts per document is common
# Word groups that name what happened to what a figure counts (data/words.toml [events] figure):
# figures of different ones are different facts.
EVENT_WORDS = words().figure_events
ONCE_EVENTS = frozenset(Key(KeyKind.EVENT, e) for e in words().once)  # built, founded: one year each
SAME_PERSON_RATIO = 80  # rapidfuzz ratio of two surnames that are one person (Abernathy/Abernethy)
LEAD_SCORE = 0.9
LEAD_CONTEXT = 0.05  # ledes sharing less (weighted Dice) are about different stories: set below every lede pair of fixtures/ and the real clusters
FRAME_SCORE = 0.8  # two days of one kind of event about one person (not ledes)  # two ledes' "when" are the same fact: the story's main event
# A key found on more than this share of a kind's facts says little about any of them.
GENERIC_KEY_SHARE = 0.5
# Keys that never count as generic: markers, domains and rates say which measure, not which fact.
_NEVER_GENERIC = frozenset({KeyKind.LEAD, KeyKind.LOOSE, KeyKind.DOMAIN, KeyKind.RATE, KeyKind.FRAME, *FRAME_KEYS})


class Weights:
    """Rarity of context words across the corpus's sentences: words in every other sentence
    (the story's protagonists, its place) say little about which fact a sentence states, while
    the words of the few sentences that state one fact single those sentences out."""

    def __init__(self, facts: list[Fact]) -> None:
        sentences: dict[tuple[str, int], list[frozenset[str]]] = defaultdict(list)
        for f in facts:
            if f.kind != Kind.QUOTE:  # a quote's context is its own words, not its sentence's
                sentences[(f.doc, f.sentence)].append(f.context)
        self.n = max(1, len(sentences))
        # each sentence's words once (its facts' contexts, joined only when it has several)
        words = (ws[0] if len(ws) == 1 else frozenset().union(*ws) for ws in sentences.values())
        df = Counter(chain.from_iterable(words))
        self.unseen = math.log((self.n + 1) / 0.5)
        self.table = {w: math.log((self.n + 1) / (c + 0.5)) for w, c in df.items()}
        # each distinct context by id, with its summed weight: pairs of contexts are read by id
        self.ids: dict[frozenset[str], int] = {}
        self.contexts: list[frozenset[str]] = []
        self.totals: list[float] = []
        self.dices: dict[tuple[int, int], float] = {}

    def weight(self, word: str) -> float:
        return self.table.get(word, self.unseen)

    def context_id(self, words: frozenset[str]) -> int:
        """The id of a context (a set of words), the same for equal sets."""
        n = self.ids.get(words)
        if n is None:
            n = self.ids[words] = len(self.contexts)
            self.contexts.append(words)
            table, unseen = self.table, self.unseen
            self.totals.append(math.fsum([table.get(x, unseen) for x in words]))
        return n

    def dice(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted overlap, 0-1."""
        return self.dice_of(self.context_id(a), self.context_id(b))

    def dice_of(self, x: int, y: int) -> float:
        """dice() of two contexts by id (cached: copies of one sentence meet again in many documents)."""
        d = self.dices.get((x, y))
        if d is None:
            d = self.dices[(x, y)] = self._dice(x, y)
        return d

    def _dice(self, x: int, y: int) -> float:
        a, b = self.contexts[x], self.contexts[y]
        if not a or not b:
            return 0.0
        total = self.totals[x] + self.totals[y]
        table, unseen = self.table, self.unseen
        return 2 * math.fsum([table.get(w, unseen) for w in a & b]) / total if total else 0.0


def _generic(fs: list[Fact], counts: Counter[Key]) -> set[Key]:
    """Keys on more than GENERIC_KEY_SHARE of the facts, and on at least 1.5 facts per document
    that has them (a key on about one fact per document names that fact)."""
    limit = max(2, int(len(fs) * GENERIC_KEY_SHARE))
    common = {k for k, n in counts.items() if n > limit and k.kind not in _NEVER_GENERIC}
    docs: dict[Key, set[str]] = defaultdict(set)
    for f in fs:
        for k in f.keys & common:
            docs[k].add(f.doc)
    return {k for k in common if counts[k] >= 1.5 * len(docs[k])}


def weighted_containment(a: frozenset[T], b: frozenset[T], weight: Callable[[T], float], prior: float = 0.0) -> float:
    """How much of the lighter set the other contains, elements weighted, 0-1: one outlet
    naming more about a figure ("jobs worldwide") does not make it another figure. `prior`
    keeps a single light shared element ("people") from counting as full agreement."""
    if not a or not b:
        return 0.0
    smaller = min(math.fsum(weight(x) for x in a), math.fsum(weight(x) for x in b)) + prior
    return min(1.0, math.fsum(weight(x) for x in a & b) / smaller) if smaller else 0.0


class KeyMatcher(Matcher):
    """Facts aligned by their keys (what they attach to) and their sentences' words."""

    def __init__(
        self, fs: list[Fact], exclusive: bool, weights: Weights, thresholds: Thresholds, temporal: frozenset[str]
    ) -> None:
        self.fs, self.exclusive, self.weights = fs, exclusive, weights
        self.thresholds, self.temporal = thresholds, temporal
        # A pair's score reads only what its two facts say (not where): facts that say the same
        # (a sentence repeated by wire copy, reprints, a template) share one score per pair, and
        # what is read of a fact below is read once for all the facts that say the same: the
        # lists below are by content (said[i]), read from its first fact.
        said: dict[tuple[object, ...], int] = {}
        self.said: list[int] = []
        distinct: list[Fact] = []
        for f in fs:
            n = said.setdefault((f.kind, f.keys, f.context, f.lead, f.future, f.role, f.value), len(said))
            if n == len(distinct):
                distinct.append(f)
            self.said.append(n)
        facts_of = Counter(self.said)
        counts: Counter[Key] = Counter()  # facts by key
        for n, f in enumerate(distinct):
            for k in f.keys:
                counts[k] += facts_of[n]
        # items: the event word is the whole key ("supplied" what?), so none is too common
        # ... unless it is carried by about one fact per document: then it names one fact
        self.generic = _generic(fs, counts) if exclusive else set()
        n_docs = len({f.doc for f in fs})
        # A key carried by about one fact per document names one fact; one carried by many
        # facts in every document ("people") names none in particular.
        self.key_weight = {k: math.log(1 + n_docs / n) for k, n in counts.items()}
        of_keys: dict[frozenset[Key], _Keyed] = {}  # a template's facts share their keys
        self.reads = [self.read(f, of_keys) for f in distinct]
        # scores by content: scored[said[i]][said[j]] (a row per content, so that a lookup
        # builds no pair)
        self.scored: list[dict[int, float]] = [{} for _ in distinct]

    def read(self, f: Fact, of_keys: dict[frozenset[Key], _Keyed]) -> _Read:
        """What a pair's score reads of a fact beyond its fields: most of it from its keys
        alone, read once per set of keys (`of_keys`)."""
        k = of_keys.get(f.keys)
        if k is None:
            k = of_keys[f.keys] = self.read_keys(f.keys)
        return _Read(
            dated=f.kind in self.temporal,
            item=f.kind == Kind.ITEM,
            naming=k.naming,
            domains=k.domains,
            loose=k.loose,
            framed=k.framed,
            frame=(*k.frame, bool(getattr(f.value, "coarse", False))),
            kept=k.kept,
            kept_weight=k.kept_weight,
            events=k.events,
            blocks=k.blocks,
            context=self.weights.context_id(f.context),
        )

    def read_keys(self, keys: frozenset[Key]) -> _Keyed:
        """What a pair's score reads of a fact's keys."""
        kept = frozenset(k for k in keys if k not in self.generic and k.kind not in FRAME_KEYS)
        return _Keyed(
            naming=frozenset(k for k in keys if k.names_fact),
            domains=frozenset(k for k in keys if k.kind == KeyKind.DOMAIN),
            loose=LOOSE in keys,
            framed=any(k.kind in FRAME_KEYS for k in keys),
            frame=_frame_keys(keys),
            kept=kept,
            kept_weight=math.fsum(self.key_weight[k] for k in kept),
            events=frozenset(k.text for k in keys if k.kind == KeyKind.WORD) & EVENT_WORDS,  # Fact.key_words
            # a person the sentence is about is a candidate key too ("shot Flynn on April 8" and
            # "the murder took place on April 9 in Flynn's car" share no word); the event kinds
            # are not
            blocks=sorted(
                (
                    k
                    for k in keys
                    if k not in self.generic
                    and k.kind != KeyKind.DOMAIN
                    and (k.kind not in FRAME_KEYS or k.kind == KeyKind.WHO)
                ),
                key=str,  # (Key's own order, read once per key)
            ),
        )

    def block_keys(self, i: int) -> list[Key]:
        return self.reads[self.said[i]].blocks

    def content(self, i: int) -> int:
        return self.said[i]  # a score reads only what its two facts say (see score)

    def score(self, i: int, j: int) -> float:
        row, said_j = self.scored[self.said[i]], self.said[j]
        s = row.get(said_j)
        if s is None:
            # fsum and rounding make the score independent of set iteration order
            s = row[said_j] = round(self._pair_score(i, j), 9)
        return s

    def links(self, n: int) -> tuple[list[tuple[int, int]], dict[tuple[int, int], float]]:
        """Pairs among facts 0..n-1 from different documents that are about the same thing."""
        index: dict[Key, list[int]] = defaultdict(list)
        for i in range(n):
            for k in self.block_keys(i):
                index[k].append(i)
        docs = [f.doc for f in self.fs[:n]]
        scores: dict[tuple[int, int], float] = {}
        for _, idx in sorted(index.items(), key=lambda kv: str(kv[0])):  # (Key's own order)
            # facts are sorted by document, so one document's facts are a run of idx: each fact
            # is paired with the runs after its own (never walking its own document's facts, which
            # made one long article quadratic)
            run_end = 0
            for x in range(len(idx)):
                if x == run_end:
                    doc = docs[idx[x]]
                    while run_end < len(idx) and docs[idx[run_end]] == doc:
                        run_end += 1
                i = idx[x]
                for j in idx[run_end:]:
                    if (i, j) not in scores:
                        scores[(i, j)] = self.score(i, j)
        good = {p: s for p, s in scores.items() if s >= self.thresholds.pair}
        if not self.exclusive:
            return sorted(good), good
        return mutual_best(self.fs, good), good

    def cluster_score(self, f: int, reps: list[int]) -> float | None:
        # the commonest call of alignment (each later fact against each candidate cluster's
        # representatives), nearly always answered by a score already computed: read in place
        said, row = self.said, self.scored[self.said[f]]
        best = -1.0
        for r in reps:
            s = row.get(said[r])
            if s is None:
                s = self.score(f, r)
            if s > best:
                best = s
        return best if best >= self.thresholds.pair else None

    def _pair_score(self, i: int, j: int) -> float:
        """How surely facts i and j are the same fact, 0-1."""
        a, b = self.fs[i], self.fs[j]
        ra, rb = self.reads[self.said[i]], self.reads[self.said[j]]
        weights, key_weight = self.weights, self.key_weight
        dated = ra.dated and rb.dated  # days and times
        if a.kind != b.kind and not dated:
            return 0.0
        if ra.item and ra.naming.isdisjoint(b.keys):
            return 0.0  # items need an event (or a count) in common, not just a domain
        if ra.loose or rb.loose:
            return 0.0  # an item with no event beside it fills no role: no role, no item flag
        if ra.item and ra.domains.isdisjoint(b.keys):
            return 0.0
        # ledes published on different days meet too (giving publication dates must never lose a
        # finding); a follow-up lede about another event differs by its frame
        if a.lead and b.lead and _relation(ra.frame, rb.frame) is not False:
            # two ledes' "when" of the same event, unless both sentences have words and share
            # nothing of note (an article about another story in the folder)
            unrelated = a.context and b.context and weights.dice_of(ra.context, rb.context) < LEAD_CONTEXT
            return 0.0 if unrelated else LEAD_SCORE

        if (a.lead or b.lead) and not (_a_day(a.value) and _a_day(b.value)):
            return 0.0  # a lede's "when" is a day: "late June" is another event's
        if dated and (a.value.coarse != b.value.coarse or a.future != b.future):
            return 0.0  # "in 1998" is background to "on Tuesday"; "will report in March" is to come
        shared = ra.kept & rb.kept
        if ra.framed and rb.framed:  # facts whose extractor gave their frame and roles
            frame = _relation(ra.frame, rb.frame)
            if frame is not None:
                return FRAME_SCORE if frame else 0.0
        if ra.dated and not any(k.kind == KeyKind.WORD for k in shared):
            return 0.0  # days that share only a name ("Microsoft", "Alabama") date different events
        if not ra.dated and ra.events and rb.events and ra.events.isdisjoint(rb.events):
            return 0.0  # three men rescued, two men died: figures of different events
        if a.role != b.role:
            return 0.0  # "fell to $212m from $265m": the earlier figure is another fact
        if not a.value.same_measure(b.value):
            return 0.0  # 8% and 19 years, or a monthly and a yearly sum, are different measures
        ctx = weights.dice_of(ra.context, rb.context)
        # weighted_containment of the two key sets, with each set's weight computed once
        keys = 0.0
        if ra.kept and rb.kept:
            smaller = min(ra.kept_weight, rb.kept_weight) + KEY_PRIOR
            keys = min(1.0, math.fsum([key_weight[k] for k in shared]) / smaller) if smaller else 0.0
        if ctx < self.thresholds.min_context and all(key_weight[k] < COMMON_KEY_WEIGHT for k in shared):
            return 0.0  # a common head word in unrelated sentences ("32 people" killed, "400,000 people" live)
        return KEY_WEIGHT * keys + (1 - KEY_WEIGHT) * min(1.0, 2 * ctx)


class _Keyed(NamedTuple):
    """What KeyMatcher's pair score reads of a set of keys."""

    naming: frozenset[Key]  # the keys an item must share with another (one naming it, one domain)
    domains: frozenset[Key]
    loose: bool
    framed: bool  # its extractor gave its frame and roles
    frame: tuple[frozenset[Key], frozenset[Key], frozenset[str]]  # a Frame but its coarseness
    kept: frozenset[Key]  # its keys that are not generic nor its frame's, and their summed weight
    kept_weight: float
    events: frozenset[str]  # the figure events among its words
    blocks: list[Key]  # its candidate keys (blocking)


class _Read(NamedTuple):
    """What KeyMatcher's pair score reads of a fact beyond its fields, read once per content:
    what it reads of its keys (_Keyed), and of its kind, value and sentence."""

    dated: bool  # a day or a time
    item: bool
    naming: frozenset[Key]
    domains: frozenset[Key]
    loose: bool
    framed: bool
    frame: Frame
    kept: frozenset[Key]
    kept_weight: float
    events: frozenset[str]
    blocks: list[Key]
    context: int  # Weights.context_id of its sentence's words


# A lede sentence that reports only a statement ("police said the climber fell on Friday") may
# date the event it reports: its sentence's events say nothing either way. A day attached to the
# speech verb itself ("said Monday", "announced today") dates the statement, not the event.
_STATEMENT = Key(KeyKind.EVENT, "say")
_STATEMENT_DAY = Key(KeyKind.EVENT, "statement")


_FRAMING = frozenset({KeyKind.EVENT, KeyKind.FRAME})
_DISCOVERY = Key(KeyKind.EVENT, "discovery")  # "her body was found on April 9": not the day she died
# Days of one kind of event that are not the event itself: a statement about it, when it was over,
# when a body was found.
_MARKERS = frozenset({_STATEMENT_DAY, DEADLINE, _DISCOVERY})
_NOT_EVENTS = _MARKERS | {_STATEMENT}


def _a_day(value: object) -> bool:
    """A weekday, a date of one day, or a time (a value of no date kind)."""
    return not isinstance(value, DateValue) or value.precision == "day"


def frame_relation(a: Fact, b: Fact) -> bool | None:
    """Whether two days or times date one event, by their frames and roles: False when their
    sentences report different kinds of event (both name one, none in common), are about different
    people (both say who, no one in common), or one dates a statement, the end of an event or the
    finding of a body and the other the event; True when they share a kind of event and a person
    (one sentence's events within the other's), or date the building or founding of a thing in
    years; None when the frames cannot tell."""
    return _relation(frame_of(a), frame_of(b))


# A fact's frame as frame_relation reads it: its markers (a statement's day, a deadline, a body
# found), its kinds of event (or a measure's frame), whom its sentence is about, and whether its
# value is coarse (a year).
Frame = tuple[frozenset[Key], frozenset[Key], frozenset[str], bool]


def frame_of(f: Fact) -> Frame:
    """The frame of a fact (KeyMatcher reads it once per fact)."""
    return (*_frame_keys(f.keys), bool(getattr(f.value, "coarse", False)))


def _frame_keys(keys: frozenset[Key]) -> tuple[frozenset[Key], frozenset[Key], frozenset[str]]:
    """The frame read from the keys: markers, kinds of event, who."""
    events = frozenset(k for k in keys if k.kind in _FRAMING) - _NOT_EVENTS
    who = frozenset(k.text for k in keys if k.kind == KeyKind.WHO)
    return keys & _MARKERS, events, who


def _relation(a: Frame, b: Frame) -> bool | None:
    if a[0] != b[0]:
        return False  # the day of a statement and of an event; when it was over and when it began
    events_a, events_b, who_a, who_b = a[1], b[1], a[2], b[2]
    if events_a and events_b and events_a.isdisjoint(events_b):
        return False
    if who_a and who_b:
        if not any(_same_who(x, y) for x in who_a for y in who_b):
            return False
        if events_a & events_b and (events_a <= events_b or events_b <= events_a):
            return True  # one kind of event about one person ("arrested ... for the murder" and
            # "convicted of the murder" share a death, not what each dates)
    if events_a & events_b & ONCE_EVENTS and a[3] and b[3]:
        return True  # the years it was built: a building is built once
    return None


def _same_who(a: str, b: str) -> bool:
    """One person: the same age, or the same surname, also spelled a little differently (a
    misspelt name is a discrepancy of its own, not another person)."""
    if a == b:
        return True
    if a.startswith("age:") or b.startswith("age:") or min(len(a), len(b)) < 4:
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) >= SAME_PERSON_RATIO


def mutual_best(fs: list[Fact], good: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Keep a pair only if each fact is the other's best match in the other's document."""
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for (i, j), s in good.items():
        for a, b in ((i, j), (j, i)):
            key = (a, fs[b].doc)
            cur = best.get(key)
            if cur is None or s > cur[0] or (s == cur[0] and b < cur[1]):
                best[key] = (s, b)
    return sorted((i, j) for (i, j) in good if best[(i, fs[j].doc)][1] == j and best[(j, fs[i].doc)][1] == i)
