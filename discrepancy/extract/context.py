"""What a fact is about: canonical words around its span (keys) and in its sentence (context)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..models import Document, Fact, Key, Sentence
from ..text import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES, canon, is_stopword, tokens
from ..values import Value

# A clause ends at these marks; words beyond them rarely say what a value is about.
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]“”\"–—]|\s-\s")
# Words that open a new clause: the value attaches to what follows, not to what precedes.
CLAUSE_OPENERS = frozenset(
    [
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "while",
        "and",
        "but",
        "or",
        "as",
        "after",
        "before",
        "since",
        "because",
        "if",
    ]
)


def context_words(sentence: Sentence, skip: tuple[int, int] | None = None) -> frozenset[str]:
    """Canonical content words of the sentence, leaving out the span `skip`."""
    ends, words, counts, every = _sentence_words(sentence.text)
    if not skip:
        return every
    # only the words inside the span are looked at: a fact costs the same in a long sentence
    a, b = skip[0] - sentence.start, skip[1] - sentence.start
    i = bisect_right(ends, a)
    if i >= len(words) or words[i][0] >= b:
        return every  # no word inside the span (a figure, a date's digits)
    inside: dict[str, int] = {}
    while i < len(words) and words[i][0] < b:
        inside[words[i][2]] = inside.get(words[i][2], 0) + 1
        i += 1
    gone = {w for w, n in inside.items() if n == counts[w]}
    return every - gone if gone else every


@lru_cache(maxsize=8192)
def _sentence_words(
    text: str,
) -> tuple[tuple[int, ...], tuple[tuple[int, int, str], ...], dict[str, int], frozenset[str]]:
    """A sentence's content words with their spans (relative to the sentence, so that a sentence
    repeated across articles is read once), the end of each, how often each occurs, and all of
    them (cached: asked for each fact of the sentence)."""
    words = tuple((s, e, canon(w)) for s, e, w in tokens(text) if not (w[0].isdigit() or len(w) < 2 or is_stopword(w)))
    counts = Counter(w for _, _, w in words)
    return tuple(e for _, e, _ in words), words, dict(counts), frozenset(counts)


# How far a fact's clause is read on either side (characters). The dozen words a fact's keys and
# subject take at most lie well within it; the bound keeps the cost of a fact independent of the
# length of its sentence (one sentence of 5,000 numbers read each one's clause: quadratic).
WINDOW = 400


def _clause_left(sentence: Sentence, start: int) -> str:
    rel = start - sentence.start
    left = sentence.text[max(0, rel - WINDOW) : rel]
    parts = _CLAUSE_BREAK.split(left)
    return parts[-1] if parts else left


def _clause_right(sentence: Sentence, end: int) -> str:
    rel = end - sentence.start
    right = sentence.text[rel : rel + WINDOW]
    return _CLAUSE_BREAK.split(right)[0]


def left_words(sentence: Sentence, start: int, limit: int, stop_at_opener: bool = True) -> list[str]:
    """Up to `limit` canonical content words before `start` in its clause, nearest first."""
    out: list[str] = []
    words = tokens(_clause_left(sentence, start))
    for _, _, w in reversed(words):
        lw = w.lower()
        if stop_at_opener and lw in CLAUSE_OPENERS:
            break
        if w[0].isdigit() or is_stopword(w) or len(w) < 2:
            continue
        out.append(canon(w))
        if len(out) >= limit:
            break
    return out


def right_words(sentence: Sentence, end: int, limit: int, stop_at_stopword: bool = False) -> list[str]:
    """Up to `limit` canonical content words after `end` in its clause, nearest first."""
    out: list[str] = []
    for _, _, w in tokens(_clause_right(sentence, end)):
        lw = w.lower()
        if lw in CLAUSE_OPENERS and out:
            break
        if w[0].isdigit() or len(w) < 2:
            continue
        if is_stopword(w):
            if stop_at_stopword and out:
                break
            continue
        out.append(canon(w))
        if len(out) >= limit:
            break
    return out


class SentenceIndex:
    """Sentences sorted by position and not overlapping (a block's, a document's body), found
    by bisection: asking once per quote or name must not walk every sentence (quadratic)."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.ends = [s.end for s in sentences]

    def holding(self, pos: int, *, closed: bool = False) -> Sentence | None:
        """The first sentence with start <= pos < end (<= end when `closed`)."""
        n = bisect_right(self.starts, pos)
        i = (bisect_left if closed else bisect_right)(self.ends, pos, 0, n)
        return self.sentences[i] if i < n else None

    def after(self, pos: int) -> Sentence | None:
        """The first sentence that starts after pos."""
        i = bisect_right(self.starts, pos)
        return self.sentences[i] if i < len(self.sentences) else None


def proper_words(doc: Document) -> frozenset[str]:
    """Canonical words the document writes only capitalized, and at least once inside a sentence:
    names of people, places and organisations ("Microsoft", "Alabama"), not common words that
    open a sentence ("Voters")."""
    return _proper_words(tuple(s.text for s in doc.sentences))


@lru_cache(maxsize=64)
def _proper_words(sentences: tuple[str, ...]) -> frozenset[str]:
    # cached: the date and the time extractors both ask, for the same document
    inside: set[str] = set()
    lower: set[str] = set()
    for text in sentences:
        capitalized, lowercase = _cased_words(text)
        inside |= capitalized
        lower |= lowercase
    return frozenset(inside - lower)


@lru_cache(maxsize=4096)
def _cased_words(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Canonical words of a sentence written capitalized inside it, and written lowercase."""
    inside: set[str] = set()
    lower: set[str] = set()
    for i, (_, _, w) in enumerate(tokens(text)):
        if w[0].islower():
            lower.add(canon(w))
        elif w[0].isupper() and i and not w.isupper():
            inside.add(canon(w))
    return frozenset(inside), frozenset(lower)


def temporal_keys(sentence: Sentence, start: int, end: int) -> frozenset[str]:
    """What a date, weekday or time is about: the words it attaches to. An expression that opens
    its sentence ("At 1:27 a.m., the ship struck...") is about the clause after its comma, and
    a possessive one ("Tuesday's election", "last night's collision") about what follows it."""
    return _temporal_keys(sentence.text, start - sentence.start, end - sentence.start)


def alone(text: str) -> Sentence:
    """A sentence on its own, offsets into itself: for readings cached as pure functions of a
    sentence's text, as wire copy repeats sentences across articles."""
    return Sentence(doc="", index=0, block=0, start=0, end=len(text), text=text)


@lru_cache(maxsize=8192)
def _temporal_keys(text: str, start: int, end: int) -> frozenset[str]:
    sentence = alone(text)
    rest = sentence.text[end - sentence.start :]
    if re.match(r"['’]s\b", rest):
        return _not_calendar(right_words(sentence, end + 2, 2))
    left = _not_calendar(left_words(sentence, start, 2))
    if left:
        return left
    right = _not_calendar(right_words(sentence, end, 3))
    if not right:
        rest = sentence.text[end - sentence.start :]
        m = re.match(r"\s*[,–—-]\s*", rest)
        if m:
            right = _not_calendar(right_words(sentence, end + m.end(), 3))
    return right


# Month and weekday names beside a day or time are more of the date ("10:58 p.m. April 8"), not
# what it dates.
_CALENDAR = WEEKDAY_NAMES | MONTH_NAMES | MONTH_ABBREVIATIONS


def _not_calendar(words: list[str]) -> frozenset[str]:
    return frozenset(w for w in words if w not in _CALENDAR)


def surface_left(sentence: Sentence, start: int, limit: int) -> str:
    """Up to `limit` content words before `start` in its clause, as written, in reading order."""
    words = [w for _, _, w in reversed(tokens(_clause_left(sentence, start)))]
    return " ".join(reversed(_content_run(words, limit, stop_first=True)))


def surface_right(sentence: Sentence, end: int, limit: int) -> str:
    """Up to `limit` content words after `end` in its clause, as written."""
    words = [w for _, _, w in tokens(_clause_right(sentence, end))]
    return " ".join(_content_run(words, limit, stop_first=False))


def _content_run(words: list[str], limit: int, *, stop_first: bool) -> list[str]:
    """The first run of content words (up to `limit`), stopping at a clause opener."""
    out: list[str] = []
    for w in words:
        if w.lower() in CLAUSE_OPENERS and (stop_first or out):
            break
        if w[0].isdigit() or is_stopword(w) or len(w) < 2:
            if out:
                break
            continue
        out.append(w)
        if len(out) >= limit:
            break
    return out


def temporal_subject(sentence: Sentence, start: int, end: int) -> str:
    """A readable label for what a date or time is about ("the bridge reopened")."""
    return _temporal_subject(sentence.text, start - sentence.start, end - sentence.start)


@lru_cache(maxsize=8192)
def _temporal_subject(text: str, start: int, end: int) -> str:
    sentence = alone(text)
    return surface_left(sentence, start, 3) or surface_right(sentence, end, 3)


def fact_at(
    doc: Document, sent: Sentence, start: int, end: int, *, kind: str, value: Value, normalized: str,
    keys: Iterable[Key], subject: str, lead: bool = False, role: str = "", speaker: str = "", person: str = "",
) -> Fact:  # fmt: skip
    """A fact at doc.text[start:end] in its sentence, with the sentence's words as context."""
    return Fact(
        kind=kind, doc=doc.id, start=start, end=end, raw=doc.text[start:end], value=value,
        normalized=normalized, sentence=sent.index, keys=frozenset(keys), context=context_words(sent, (start, end)),
        subject=subject, lead=lead, role=role, speaker=speaker, person=person,
    )  # fmt: skip
