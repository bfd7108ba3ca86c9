"""Typed keys: what a fact is about (a word, a speaker, a person, the lede's day...), never a
string with a prefix. Alignment meets facts by their keys. Plain data, standard library only."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any, NamedTuple


class KeyKind(StrEnum):
    """What a key of a fact says it is about."""

    WORD = "word"  # a canonical word the fact attaches to ("killed", "image")
    DOMAIN = "domain"  # an item's broadest taxonomy node ("weapon")
    COUNT = "count"  # the figure an item is counted by ("12 rockets")
    RATE = "rate"  # the period of a sum ("a month")
    SPEAKER = "speaker"  # who said a quote
    PERSON = "person"  # whose name or title
    LEAD = "lead"  # the lede's day ("day") or time of day ("time"): the main event's
    LOOSE = "loose"  # an item placed by its sentence only, with no event word beside it
    NAMED = "named"  # a proper noun the fact attaches to ("Microsoft", "Alabama"): who or where, not what happened
    EVENT = "event"  # a kind of event its sentence reports ("die", "quake", "say"): a lede's frame
    WHO = "who"  # who its sentence is about (a surname, or "age:36"): a lede's role
    FRAME = "frame"  # what a measure is of ("depth", "fall", "distance", "magnitude")
    PLACE = "place"  # the place a distance is measured from ("santa rosa")
    RESIDENCE = "residence"  # where a person lives ("of Spiro", "a Spiro man"): the person's key
    ORIGIN = "origin"  # where a person comes from ("originally from Essex"): the person's key
    PLACE_OF = "place-of"  # where an event happened ("centred in X"): the event's word
    STATEMENT = "statement"  # the words of a quote, lowercase: what an attribution credits


_MARKERS = frozenset({KeyKind.DOMAIN, KeyKind.LEAD, KeyKind.LOOSE, KeyKind.EVENT, KeyKind.WHO})
# Keys that describe a lede's frame and roles: they decide whether two ledes meet, not how alike
# two facts' words are.
FRAME_KEYS = frozenset({KeyKind.EVENT, KeyKind.WHO})
# How each key kind is spelled as text: its sort order and its legacy form in `extract` output.
_KEY_PREFIX = {
    KeyKind.WORD: "",
    KeyKind.NAMED: "",
    KeyKind.DOMAIN: "domain:",
    KeyKind.COUNT: "n:",
    KeyKind.RATE: "per-",
    KeyKind.SPEAKER: "speaker:",
    KeyKind.PERSON: "person:",
    KeyKind.LEAD: "@",
    KeyKind.LOOSE: "@",
    KeyKind.EVENT: "event:",
    KeyKind.WHO: "who:",
    KeyKind.FRAME: "frame:",
    KeyKind.PLACE: "place:",
    KeyKind.RESIDENCE: "home:",
    KeyKind.ORIGIN: "from:",
    KeyKind.PLACE_OF: "where:",
    KeyKind.STATEMENT: "said:",
}
STATEMENT_LABEL_WORDS = 8  # a statement key names its slot by its first words


class Key(NamedTuple):
    """One thing a fact is about: a typed key (never a string with a prefix). A named tuple, so
    that hashing and equality, which alignment does millions of times, stay in C."""

    kind: KeyKind
    text: str

    def __str__(self) -> str:
        return _KEY_PREFIX[self.kind] + self.text

    def __lt__(self, other: tuple[Any, ...]) -> bool:  # order by the text form
        return str(self) < str(other)

    @property
    def label(self) -> str:
        """The key as words for a slot's key ("death toll", "per-month")."""
        text = "per-" + self.text if self.kind == KeyKind.RATE else self.text
        if self.kind == KeyKind.STATEMENT and len(text.split()) > STATEMENT_LABEL_WORDS:
            text = " ".join(text.split()[:STATEMENT_LABEL_WORDS]) + "…"
        return text.replace("_", " ")

    @property
    def names_fact(self) -> bool:
        """True for keys that name what the fact is about (not a domain or a marker)."""
        return self.kind not in _MARKERS


def word_keys(words: Iterable[str], named: frozenset[str] = frozenset()) -> frozenset[Key]:
    """Keys for canonical words; those in `named` (proper nouns) are NAMED keys."""
    return frozenset(Key(KeyKind.NAMED if w in named else KeyKind.WORD, w) for w in words)


LEAD_DAY = Key(KeyKind.LEAD, "lead")
LEAD_TIME = Key(KeyKind.LEAD, "lead-time")
LOOSE = Key(KeyKind.LOOSE, "weak")
DEADLINE = Key(KeyKind.EVENT, "deadline")  # "by 6:40 a.m.": when something was over, not when it happened
