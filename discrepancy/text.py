"""Text helpers shared by the stages: sentence splitting, tokens, canonical words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import words

# Abbreviations after which a period does not end a sentence (lowercase, without the period).
WEEKDAY_NAMES = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
MONTH_NAMES = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
MONTH_ABBREVIATIONS = frozenset(["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"])
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sr",
        "jr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cpt",
        "maj",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "fr",
        "hon",
        "pres",
        "no",
        "nos",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "inc",
        "corp",
        "ltd",
        "co",
        "bros",
        "dept",
        "est",
        "approx",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "a.m",
        "p.m",
        "mt",
        "ft",
        "ave",
        "blvd",
        "rd",
        "sq",
        "mln",
        "bn",
        "cf",
        "al",
    ]
)

# Possessive quantifiers and the lookbehind (a match starts at the first mark of a run) keep the
# scan linear on a run of dots or spaces: without them every position of a run rescans the run.
_BOUNDARY = re.compile(r"(?<![.!?…])([.!?…]++)([\"”’)\]]*+)(\s++)(?=[\"“‘(\[]?[A-Z0-9–—-])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
_ABBR_RUN = re.compile(r"[A-Za-z.]*")  # matched on the reversed text: the run of letters and dots before a point


def split_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each sentence in text[start:end], offsets into text."""
    cursor = start
    chunk = text[start:end]
    backwards = chunk[::-1]  # the word before each point is read backwards, never by slicing from the cursor
    for m in _BOUNDARY.finditer(chunk):
        punct_end = start + m.end(2)
        if m.group(1) == "." and _is_abbreviation(chunk, backwards, cursor - start, m.start(1)):
            continue
        s, e = _trim(text, cursor, punct_end)
        if e > s:
            yield s, e
        cursor = start + m.end(3)
    s, e = _trim(text, cursor, end)
    if e > s:
        yield s, e


def _is_abbreviation(chunk: str, backwards: str, lo: int, point: int) -> bool:
    """True if the word of letters and dots that ends at chunk[point] (not before lo) is an
    abbreviation or a single letter; each run is read once, as the previous point's spaces end it."""
    run = _ABBR_RUN.match(backwards, len(chunk) - point, len(chunk) - lo)
    word = chunk[point - len(run.group()) if run else point : point].lstrip(".").lower()
    return bool(word) and (word in ABBREVIATIONS or len(word) == 1)


# A sentence longer than this is read in pieces of at most this many characters, cut at a space:
# every stage after ingest then does a bounded amount of work per sentence, so a whole article
# costs time linear in its size whatever its shape (one sentence of 5,000 numbers, 80 KB of
# "Mr. "). The longest sentence of the fixtures and the real-news corpora has 789 characters.
MAX_SENTENCE = 2000


# How much of one document is read for facts: its first MAX_DOC_CHARACTERS characters (cut at
# a space), its first MAX_DOC_SENTENCES sentences (pieces of a long one counted), and its
# sentences up to the one that brings its numbers (runs of digits) past MAX_DOC_NUMBERS. The
# rest is set aside with a notice. The extractors cost a fraction of a millisecond a sentence and
# more a number, so these bounds keep an article of the 5 MB size limit, of any shape (80,000
# sentences of prose, a million numbers, one sentence of 5 MB), to seconds and bounded memory
# (benchmarks/sizes.py). Calibrated far above real news: the fixtures and the real-news corpora
# have at most 22,457 characters, 177 sentences and 566 numbers in one document (45, 28 and 9
# times fewer); a million characters is two novels. 5,000 sentences also stay within the
# sentence caches (8,192 entries): a document of more recomputed every reading of each sentence
# (20 s for 1 MB of made-up names).
MAX_DOC_CHARACTERS = 1_000_000
MAX_DOC_SENTENCES = 5_000
MAX_DOC_NUMBERS = 5_000
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True, slots=True, kw_only=True)
class Bounds:
    """How much of one document is read for facts (see MAX_DOC_CHARACTERS)."""

    characters: int = MAX_DOC_CHARACTERS
    sentences: int = MAX_DOC_SENTENCES
    numbers: int = MAX_DOC_NUMBERS


BOUNDS = Bounds()


class Budget:
    """What is left of a document's Bounds as its blocks and sentences are read in order."""

    def __init__(self, bounds: Bounds) -> None:
        self.bounds = bounds
        self.characters = 0
        self.sentences = 0
        self.numbers = 0
        self.spent = ""  # which bound cut ("" while none has)
        self.at = -1  # where the text not read starts

    def clip(self, text: str, start: int, end: int) -> int:
        """Where the reading of text[start:end] ends: `end`, or the last space before the
        characters left run out (None of it once they have)."""
        left = max(0, self.bounds.characters - self.characters)
        if end - start > left:
            cut = text.rfind(" ", start + left // 2, start + left)
            end = cut if cut > start else start + left
        self.characters += end - start
        return end

    def cut(self, at: int) -> None:
        """The characters ran out at `at` (see clip)."""
        if not self.spent:
            self.spent, self.at = f"more than {self.bounds.characters:,} characters", at

    def take(self, text: str, start: int) -> bool:
        """Count one more sentence, at `start`; False (and `spent` says why) when it passes a bound."""
        if not self.spent:
            self.at = start
            self.sentences += 1
            self.numbers += len(_NUMBER.findall(text))
            if self.sentences > self.bounds.sentences:
                self.spent = f"more than {self.bounds.sentences:,} sentences"
            elif self.numbers > self.bounds.numbers:
                self.spent = f"more than {self.bounds.numbers:,} numbers"
        return not self.spent


def bounded(text: str, start: int, end: int, most: int = MAX_SENTENCE) -> Iterator[tuple[int, int]]:
    """Yield text[start:end] in pieces of at most `most` characters, cut at the last space
    before the bound (or at the bound when the second half of a piece has no space)."""
    while end - start > most:
        cut = text.rfind(" ", start + most // 2, start + most)
        cut = cut if cut > start else start + most
        s, e = _trim(text, start, cut)
        if e > s:
            yield s, e
        start, _ = _trim(text, cut, end)
    s, e = _trim(text, start, end)
    if e > s:
        yield s, e


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def tokens(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """Word and number tokens with absolute offsets."""
    return list(_tokens(text) if not offset else _tokens_at(text, offset))


@lru_cache(maxsize=8192)
def _tokens_at(text: str, offset: int) -> tuple[tuple[int, int, str], ...]:
    # cached: a sentence is tokenized at its offset by every fact of it
    return tuple((s + offset, e + offset, w) for s, e, w in _tokens(text))


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """Tokens of a text (cached: every extractor tokenizes the same sentences)."""
    return tuple((m.start(), m.end(), m.group()) for m in _WORD.finditer(text))


@lru_cache(maxsize=65536)
def canon(word: str) -> str:
    """The canonical token of a word: its word group, else a crude singular lowercase stem."""
    w = word.lower().replace("’", "'").strip(".'")
    if w.endswith("'s"):
        w = w[:-2]
    vocab = words().canonical
    if w in vocab:
        return vocab[w]
    stem = w
    if len(w) > 4 and w.endswith("ies"):
        stem = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        stem = w[:-1]
    return vocab.get(stem, stem)


@lru_cache(maxsize=32768)  # about twenty patterns read each sentence
def matches(pattern: re.Pattern[str], text: str) -> tuple[re.Match[str], ...]:
    """Every match of a pattern in a text, in order (cached, a pure function: the costly patterns
    of the extractors read a sentence once, and a sentence repeated across articles, as wire copy
    and reprints are, once in the run)."""
    return tuple(pattern.finditer(text))


@lru_cache(maxsize=4096)
def canon_words(text: str) -> tuple[str, ...]:
    """The canonical token of each word of a text, in order (cached: several extractors read
    the word groups of each sentence)."""
    return tuple(canon(w) for _, _, w in _tokens(text))


@lru_cache(maxsize=65536)
def is_stopword(word: str) -> bool:
    """True for function words and news filler."""
    return word.lower().strip(".'’") in words().stopwords


def content_words(text: str) -> list[str]:
    """Canonical content words of a text (stopwords and numbers dropped), in order."""
    return list(_content_words(text))


@lru_cache(maxsize=16384)
def _content_words(text: str) -> tuple[str, ...]:
    # cached: a quote is compared with many others, always by the same words
    return tuple(canon(w) for _, _, w in tokens(text) if not (w[0].isdigit() or is_stopword(w) or len(w) < 2))


def is_capitalized(word: str) -> bool:
    """True for a word that starts with a capital letter."""
    return word[:1].isupper()
