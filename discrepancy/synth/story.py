"""The story model: an invented story's facts (true and planted values), persons and sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

TEMPLATES: tuple[str, ...] = ("disaster", "court", "results", "sports", "diplomacy")
KINDS: tuple[str, ...] = ("date", "weekday", "time", "quantity", "money", "item", "quote", "name", "title")
# What can be planted; "hedge" is a quantity discrepancy ("more than 40" vs "about 40").
PLANT_KINDS: tuple[str, ...] = (
    "date",
    "weekday",
    "time",
    "quantity",
    "hedge",
    "money",
    "item",
    "quote",
    "name",
    "title",
)


class StoryError(ValueError):
    """A story template or vocabulary file is malformed; the message names the file and the place."""


# What a fact's value is, and so how it is written: day time count mag years minute score money
# item quote name title.
VTYPES: tuple[str, ...] = ("day", "time", "count", "mag", "years", "minute", "score", "money", "item", "quote")


@dataclass(eq=False)
class Fact:
    """One fact of the story, its true value and, when planted, its wrong one."""

    key: str
    vtype: str
    kind: str  # gold kind of an agreement
    subject: str
    true: Any
    p: float = 0.75  # share of the articles that state it
    requires: tuple[str, ...] = ()
    hedgeable: bool = False
    at_least: bool = False  # a count that may be written "at least N"
    person: str = ""  # name/title/quote facts: whose
    needs: str = ""  # a name fact that must be stated too (a quote or title needs its person present)
    wrong: Any = None
    plant: str = ""  # planted kind
    detail: str = ""  # how the planted value differs


@dataclass(eq=False)
class Person:
    """A named person of the story; their surname and title may be facts."""

    pid: str
    given: str
    surname: str
    gender: str
    name_fact: str = ""
    title_fact: str = ""


@dataclass(frozen=True)
class Quote:
    """A quote: a first sentence with choice points (strings and pairs of wordings), a fixed second."""

    first: tuple[str | tuple[str, str], ...]
    second: str
    topic: str

    def text(self, path: tuple[int, ...]) -> str:
        """The first sentence with the wordings `path` picks at its choice points."""
        out, i = [], 0
        for p in self.first:
            if isinstance(p, str):
                out.append(p)
            else:
                out.append(p[path[i]])
                i += 1
        return "".join(out)

    @property
    def points(self) -> int:
        """How many choice points the first sentence has."""
        return sum(1 for p in self.first if not isinstance(p, str))


@dataclass(eq=False)
class Story:
    """One invented story: constants, persons, facts and the sentences its articles are made of."""

    template: str
    event: date
    consts: dict[str, str] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    ledes: list[str] = field(default_factory=list)
    body: dict[str, list[str]] = field(default_factory=dict)
    person_lines: dict[str, list[str]] = field(default_factory=dict)
    background: list[str] = field(default_factory=list)
    headlines: list[str] = field(default_factory=list)
    teasers: list[str] = field(default_factory=list)
    quote: Quote = Quote((), "", "")
    item_pair: tuple[str, str] = ("", "")
    title_pair: tuple[str, str] = ("", "")
    taken_numbers: set[float] = field(default_factory=set)
    taken_money: set[float] = field(default_factory=set)
    taken_days: set[date] = field(default_factory=set)
    summary: str = ""
    traps: list[str] = field(default_factory=list)
    office_hours: bool = False  # a wrong date never falls on a weekend
    outlet_place: str = "Metro"  # a local paper's name

    def add(self, f: Fact) -> Fact:
        """Add a fact (facts keep the order they are added in)."""
        self.facts[f.key] = f
        return f

    def const(self, text: str) -> str:
        """Fill the story constants ("{$region}") in a text."""
        return re.sub(r"\{\$(\w+)\}", lambda m: self.consts[m.group(1)], text)


# A claim: (fact key, side "T" true or "W" planted, start, end, form id)
Claim = tuple[str, str, int, int, str]


@dataclass(eq=False)
class Article:
    """One article: which facts it states, on which side, and its text with the claims in it."""

    idx: int
    name: str
    pub: date = date(2000, 1, 1)
    source: str = ""
    title: str = ""
    stated: set[str] = field(default_factory=set)
    side: dict[str, str] = field(default_factory=dict)
    curly: bool = False
    reprint_of: int | None = None
    paras: list[tuple[str, list[Claim]]] = field(default_factory=list)  # (text, claims relative to it)
    text: str = ""
    claims: list[Claim] = field(default_factory=list)

    def value(self, f: Fact) -> Any:
        """The value of a fact this article gives (the planted one on the wrong side)."""
        return f.wrong if self.side.get(f.key) == "W" else f.true
