"""Quotes: the same statement when most words are shared (or the same speaker says nearly the
same thing), complete linkage so that quotes do not chain into one."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from ..models import Fact
from ..settings import Thresholds
from .clusters import Matcher
from .keys import Weights

QUOTE_MIN_SHARED = 3  # content words two quotes share at least (with the quote Dice threshold)
OTHER_SPEAKER_DICE = 0.6  # quotes credited to different speakers must be this close to align
SAME_SPEAKER_FRAME = 0.6  # rapidfuzz ratio of the whole wording, for one speaker's reworded quote
QUOTE_BLOCK_WORDS = 4  # a quote is a candidate for quotes sharing one of its rarest words
FRAGMENT_RATIO = 2.5  # a quote this many times shorter than another is a fragment unless contained
# A word used by (almost) every source weighs this little; it does not count as shared evidence.
COMMON_WORD_WEIGHT = 0.3


class QuoteMatcher(Matcher):
    """Quotes: the same statement when every representative matches (complete linkage)."""

    def __init__(self, fs: list[Fact], weights: Weights, thresholds: Thresholds) -> None:
        self.fs, self.weights, self.thresholds = fs, weights, thresholds
        counts = Counter(w for f in fs for w in f.context)
        self.common = {w for w, c in counts.items() if c > max(3, len(fs) // 2)}

    def block_keys(self, f: Fact) -> list[str]:  # type: ignore[override]
        return sorted(w for w in f.context if w not in self.common)

    def cluster_score(self, f: int, reps: list[int]) -> float | None:
        if any(self.fs[r].doc == self.fs[f].doc for r in reps):
            return None
        scores = [quote_pair(self.fs[f], self.fs[r], self.weights, self.thresholds) for r in reps]
        matched = [s for s in scores if s is not None]
        if len(matched) * 2 <= len(scores):
            return None  # it must match most of the representatives
        return math.fsum(matched) / len(scores)


def quote_pair(a: Fact, b: Fact, weights: Weights, thresholds: Thresholds) -> float | None:
    """How surely two quotes are one statement (None: they are not)."""
    shared = sum(1 for w in a.context & b.context if weights.weight(w) > COMMON_WORD_WEIGHT)
    d = weights.dice(a.context, b.context)
    sa, sb = a.speaker, b.speaker
    same_speaker = bool(sa) and sa == sb
    short, long_ = sorted((a, b), key=lambda f: f.value.size)
    if long_.value.size >= FRAGMENT_RATIO * short.value.size and not short.context <= long_.context:
        return None  # a few words quoted from elsewhere in the statement, not a rewording of it
    if sa and sb and sa != sb and d < OTHER_SPEAKER_DICE:
        return None  # two people saying similar things are two statements
    if (d >= thresholds.quote and shared >= QUOTE_MIN_SHARED) or (same_speaker and d >= thresholds.same_speaker):
        return round(d + (0.2 if same_speaker else 0.0), 9)
    if same_speaker:
        # reworded around the same frame ("not an accident but a decision you made every day" /
        # "not an oversight but a choice you made again and again"): the words in order
        from rapidfuzz import fuzz

        frame = fuzz.ratio(a.normalized, b.normalized) / 100
        if frame >= SAME_SPEAKER_FRAME:
            return round(frame * 0.5 + 0.2, 9)
    return None


def quote_scores(fs: list[Fact], weights: Weights, thresholds: Thresholds) -> dict[tuple[int, int], float]:
    """Quotes that are the same statement: shared content words, or the same speaker. Each
    quote is indexed under its rarest words (blocking), so pairs sharing none are never scored."""
    df = Counter(w for f in fs for w in f.context)
    index: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(fs):
        for w in sorted(f.context, key=lambda w: (df[w], w))[:QUOTE_BLOCK_WORDS]:
            index[w].append(i)
        if f.speaker:
            index["@speaker:" + f.speaker].append(i)
    seen: set[tuple[int, int]] = set()
    good: dict[tuple[int, int], float] = {}
    for _, idx in sorted(index.items()):
        for x in range(len(idx)):
            for y in range(x + 1, len(idx)):
                i, j = idx[x], idx[y]
                if (i, j) in seen or fs[i].doc == fs[j].doc:
                    continue
                seen.add((i, j))
                score = quote_pair(fs[i], fs[j], weights, thresholds)
                if score is not None:
                    good[(i, j)] = score
    return good
