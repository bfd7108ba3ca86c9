"""Quotes: the same statement when most words are shared (or the same speaker says nearly the
same thing), complete linkage so that quotes do not chain into one."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterator

from ..models import Fact, KeyKind
from ..settings import Thresholds
from ..text import content_words
from ..values import QuoteValue
from .clusters import Matcher
from .keys import Weights

QUOTE_MIN_SHARED = 3  # content words two quotes share at least (with the quote Dice threshold)
OTHER_SPEAKER_DICE = 0.6  # quotes credited to different speakers must be this close to align
# One statement shares at least half the shorter quote's content words in order, and at least
# two of them; two thirds when one speaker is unknown. Calibrated on the real-news clusters: a
# speaker's different remarks share at most one content word in order ("help" / "can't help
# but affect you"), reworded ones half or more ("within one minute or two, the whole roof was
# ablaze" / "within a moment or two, the entire roof was engulfed in flame": 2 of 4).
ORDERED_SHARE = 0.5
UNKNOWN_SPEAKER_ORDERED = 0.67
ORDERED_MIN_WORDS = 2
SAME_SPEAKER_FRAME = 0.6  # rapidfuzz ratio of the whole wording, for one speaker's reworded quote
SAME_SPEAKER_CONTAINED = 0.5  # share of the shorter quote's content words one speaker's two wordings share
SAME_SPEAKER_LOOSE_FRAME = 0.5  # ... when they share some content words (same-speaker Dice)
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
        self.blocks = [sorted(w for w in f.context if w not in self.common) for f in fs]

    def block_keys(self, i: int) -> list[str]:
        return self.blocks[i]

    def cluster_score(self, f: int, reps: list[int]) -> float | None:
        if any(self.fs[r].doc == self.fs[f].doc for r in reps):
            return None
        scores = [quote_pair(self.fs[f], self.fs[r], self.weights, self.thresholds) for r in reps]
        matched = [s for s in scores if s is not None]
        if len(matched) * 2 <= len(scores):
            return None  # it must match most of the representatives
        return math.fsum(matched) / len(scores)


def quote_pair(a: Fact, b: Fact, weights: Weights, thresholds: Thresholds) -> float | None:
    """How surely two quotes are one statement (None: they are not).

    One statement shares a substantial part of its content words IN ORDER (the longest common
    subsequence): at least ORDERED_SHARE of the shorter quote's, more when a speaker is unknown,
    nearly all when the quotes are credited to different people. Two statements of one speaker
    that share a word or two ("help" / "can't help but affect you") stay apart."""
    shared = sum(1 for w in a.context & b.context if weights.weight(w) > COMMON_WORD_WEIGHT)
    d = weights.dice(a.context, b.context)
    sa, sb = a.speaker, b.speaker
    same_speaker = bool(sa) and sa == sb
    short, long_ = sorted((a, b), key=lambda f: f.value.size)
    if long_.value.size >= FRAGMENT_RATIO * short.value.size and not short.context <= long_.context:
        return None  # a few words quoted from elsewhere in the statement, not a rewording of it
    if not same_speaker and not (d >= thresholds.quote and shared >= QUOTE_MIN_SHARED):
        return None  # (every later test needs one speaker or this much overlap: skip the costly ones)
    seq_a, seq_b = content_words(a.raw), content_words(b.raw)
    common = ordered_common(seq_a, seq_b)
    ordered = common / max(1, min(len(seq_a), len(seq_b)))
    if sa and sb and sa != sb and (d < OTHER_SPEAKER_DICE or ordered < ORDERED_SHARE):
        return None  # two people saying similar things are two statements
    frame = _frame(a, b)
    if common < ORDERED_MIN_WORDS and not (same_speaker and frame >= SAME_SPEAKER_FRAME):
        return None  # one word in common ("help" / "can't help but affect you") is two remarks
    if d >= thresholds.quote and shared >= QUOTE_MIN_SHARED:
        # most content words shared: in order, or one speaker's words turned round ("more
        # equipment was expected to be delivered" / "planning to deliver more equipment")
        if ordered >= (ORDERED_SHARE if sa and sb else UNKNOWN_SPEAKER_ORDERED) or same_speaker:
            return round((d + ordered) / 2 + (0.2 if same_speaker else 0.0), 9)
        return None
    if same_speaker:
        # reworded around the same frame ("not an accident but a decision you made every day" /
        # "not an oversight but a choice you made again and again"): the words in order; or half
        # the content words in order and a looser frame. Few words in common and another frame
        # is another remark of the speaker.
        loose = d >= thresholds.same_speaker and frame >= SAME_SPEAKER_LOOSE_FRAME
        if loose and ordered < ORDERED_SHARE:  # synonyms changed: the sentence's words in order
            wa, wb = _words(a), _words(b)
            loose = ordered_common(wa, wb) >= ORDERED_SHARE * min(len(wa), len(wb))
        if frame >= SAME_SPEAKER_FRAME or loose:
            return round((frame + ordered) / 2 * 0.8 + 0.2, 9)
        # most of the shorter quote's content words, turned round ("more equipment was expected
        # to be delivered" / "planning to deliver more equipment"), however rare the words are
        smaller = min(len(a.context), len(b.context))
        if shared >= QUOTE_MIN_SHARED and len(a.context & b.context) >= SAME_SPEAKER_CONTAINED * smaller:
            return round((d + ordered) / 2 + 0.2, 9)
    return None


def _frame(a: Fact, b: Fact) -> float:
    """How alike two quotes' wordings are, letter by letter in order (0-1)."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a.normalized, b.normalized)) / 100


def _words(f: Fact) -> list[str]:
    return list(f.value.words) if isinstance(f.value, QuoteValue) else f.normalized.split()


def ordered_common(a: list[str], b: list[str]) -> int:
    """How many words two sequences share in order (longest common subsequence)."""
    if a == b:
        return len(a)  # (one wording repeated by many outlets: the common case, and the costliest)
    in_a, in_b = set(a), set(b)
    a, b = [w for w in a if w in in_b], [w for w in b if w in in_a]  # only shared words can be common
    if a == b:
        return len(a)
    if len(a) < len(b):
        a, b = b, a
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


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
    good: dict[tuple[int, int], float] = {}
    for i, j in candidate_pairs(index, fs):
        score = quote_pair(fs[i], fs[j], weights, thresholds)
        if score is not None:
            good[(i, j)] = score
    return good


def candidate_pairs(index: dict[str, list[int]], fs: list[Fact]) -> Iterator[tuple[int, int]]:
    """Each pair of facts from different documents that share a blocking word, once, in a
    stable order."""
    seen: set[tuple[int, int]] = set()
    for _, idx in sorted(index.items()):
        for x in range(len(idx)):
            for y in range(x + 1, len(idx)):
                i, j = idx[x], idx[y]
                if (i, j) in seen or fs[i].doc == fs[j].doc:
                    continue
                seen.add((i, j))
                yield i, j


# --- attributions: the same words credited in several articles -------------------------------

# Two attributions credit one statement when the shorter quote's words are the longer's (an
# excerpt), or when nearly all its content words appear in the other in order, and at least
# STATEMENT_MIN_WORDS of them: two people saying similar things ("the bridge will reopen next
# week" / "the tunnel will reopen next month") stay apart. Stricter than a quote's wording match,
# because here the speakers differ by definition.
STATEMENT_SHARE = 0.8
STATEMENT_MIN_WORDS = 4


def statement_scores(fs: list[Fact]) -> dict[tuple[int, int], float]:
    """Attributions (facts with a STATEMENT key) that credit one statement, scored; blocked by
    the rarest content words of their quotes."""
    words = [next((k.text for k in f.keys if k.kind == KeyKind.STATEMENT), "") for f in fs]
    seqs = [content_words(w) for w in words]
    df = Counter(w for seq in seqs for w in set(seq))
    index: dict[str, list[int]] = defaultdict(list)
    for i, seq in enumerate(seqs):
        for w in sorted(set(seq), key=lambda w: (df[w], w))[:QUOTE_BLOCK_WORDS]:
            index[w].append(i)
    good: dict[tuple[int, int], float] = {}
    for i, j in candidate_pairs(index, fs):
        score = _same_statement(words[i], words[j], seqs[i], seqs[j])
        if score is not None:
            good[(i, j)] = score
    return good


def _same_statement(a: str, b: str, seq_a: list[str], seq_b: list[str]) -> float | None:
    if min(len(seq_a), len(seq_b)) < STATEMENT_MIN_WORDS:
        return None
    if a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return 1.0
    common = ordered_common(seq_a, seq_b)
    if common >= STATEMENT_MIN_WORDS and common >= STATEMENT_SHARE * min(len(seq_a), len(seq_b)):
        return round(common / max(len(seq_a), len(seq_b)), 9)
    return None
