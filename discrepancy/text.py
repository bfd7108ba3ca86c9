"""Text helpers shared by the stages: sentence splitting, tokens, canonical words."""

from __future__ import annotations

import re
from collections.abc import Iterator
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

_BOUNDARY = re.compile(r"([.!?…]+)([\"”’)\]]*)(\s+)(?=[\"“‘(\[]?[A-Z0-9–—-])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
_TRAILING_ABBR = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def split_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each sentence in text[start:end], offsets into text."""
    cursor = start
    chunk = text[start:end]
    for m in _BOUNDARY.finditer(chunk):
        punct_end = start + m.end(2)
        before = text[cursor : start + m.start(1)]
        word = _TRAILING_ABBR.search(before)
        if m.group(1) == "." and word:
            w = word.group(1).lower().rstrip(".")
            if w in ABBREVIATIONS or len(w) == 1:
                continue
        s, e = _trim(text, cursor, punct_end)
        if e > s:
            yield s, e
        cursor = start + m.end(3)
    s, e = _trim(text, cursor, end)
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
