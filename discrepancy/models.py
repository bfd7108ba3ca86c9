"""Types shared by every stage. Plain data: no I/O, no pandas, no click."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """What a fact (and so a discrepancy) is about."""

    DATE = "date"
    WEEKDAY = "weekday"
    TIME = "time"
    QUANTITY = "quantity"
    MONEY = "money"
    ITEM = "item"
    QUOTE = "quote"
    NAME = "name"
    TITLE = "title"


class Severity(StrEnum):
    """How much an editor should care."""

    HIGH = "high"  # contradictory values of a hard fact (date, count, money, item)
    MEDIUM = "medium"  # wording of a quote, a name spelled differently
    LOW = "low"  # hedges ("more than" vs "about"), titles, precision-only differences


class Status(StrEnum):
    """Review state of a discrepancy."""

    UNREVIEWED = "unreviewed"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    EXPLAINED = "explained"


SEVERITY_ORDER = {Severity.LOW: 0, Severity.MEDIUM: 1, Severity.HIGH: 2}


@dataclass(frozen=True, slots=True, kw_only=True)
class Notice:
    """A problem with one input that did not stop the run."""

    path: str
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """A paragraph or line of a document: kept for extraction, or removed as furniture."""

    start: int
    end: int
    kept: bool
    reason: str = ""  # why it was removed ("furniture: advertisement", "repeated paragraph")


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence of a kept block; offsets into the document text."""

    doc: str
    index: int
    block: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One article: its decoded text, metadata and the blocks that survived cleaning."""

    id: str
    path: str  # relative to the corpus root, "/" separators
    text: str  # the file text as decoded (BOM removed); every offset points into it
    sha256: str
    title: str = ""
    source: str = ""
    published: dt.date | None = None
    published_time: dt.time | None = None  # when the metadata gives the time of day too
    author: str = ""
    url: str = ""
    blocks: tuple[Block, ...] = ()
    sentences: tuple[Sentence, ...] = ()

    @property
    def outlet(self) -> str:
        """Name shown for the document in reports."""
        return self.source or self.id

    @property
    def published_label(self) -> str:
        """The publication date, with its time when known ("2026-03-10 06:45"); "" when unknown."""
        if self.published is None:
            return ""
        when = self.published.isoformat()
        return f"{when} {self.published_time.strftime('%H:%M')}" if self.published_time else when


@dataclass(frozen=True, slots=True, kw_only=True)
class Corpus:
    """The documents of one story, in id order."""

    root: str
    documents: tuple[Document, ...]
    notices: tuple[Notice, ...] = ()

    def by_id(self) -> dict[str, Document]:
        """Map document id to document."""
        return {d.id: d for d in self.documents}


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact:
    """A typed value found in a document, with its exact span and what it is about."""

    kind: Kind
    doc: str
    start: int
    end: int
    raw: str  # == document.text[start:end]
    value: object  # kind-specific normalized value (hashable)
    normalized: str  # the value as a stable string for reports and ids
    sentence: int  # index into document.sentences
    keys: frozenset[str] = frozenset()  # what the fact is about (canonical words); drives alignment
    context: frozenset[str] = frozenset()  # canonical content words of its sentence
    subject: str = ""  # readable label of what the fact is about
    lead: bool = False  # the first dated event of the article (the lede's "when")
    extra: tuple[tuple[str, str], ...] = ()  # small kind-specific details (speaker, qualifier)

    def get(self, key: str, default: str = "") -> str:
        """Look up an extra detail."""
        for k, v in self.extra:
            if k == key:
                return v
        return default


@dataclass(frozen=True, slots=True, kw_only=True)
class Slot:
    """The same fact as stated by two or more documents."""

    kind: Kind
    key: str  # what the slot is about, as canonical words: stable, part of discrepancy ids
    subject: str  # the same, readable ("satellite images taken")
    facts: tuple[Fact, ...]
    score: float = 1.0  # the weakest link that joined these facts (0-1)


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One source's words for a value: the evidence."""

    doc: str
    start: int
    end: int
    text: str
    sentence: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Position:
    """A value and the sources that state it."""

    value: str
    normalized: str
    claims: tuple[Claim, ...]
    sources: int = 0  # independent sources among the claims' documents (a reprint and its original: one)


@dataclass(frozen=True, slots=True, kw_only=True)
class Reprint:
    """A document that repeats an earlier one: a wire reprint or a rewrite."""

    doc: str
    of: str  # the document it repeats
    kind: str  # "reprint" (the same article) or "rewrite" (written from it)
    similarity: float  # share of the shorter one's four-word sequences found in the other (0-1)


@dataclass(frozen=True, slots=True, kw_only=True)
class Discrepancy:
    """One disagreeing fact, with every source's position."""

    id: str
    kind: Kind
    severity: Severity
    subject: str
    summary: str
    positions: tuple[Position, ...]
    key: str = ""  # what it is about, canonical (part of the id; decisions find stale ones by it)
    status: Status = Status.UNREVIEWED
    note: str = ""
    stale: bool = False  # a decision was taken on an earlier set of values for this fact
    possible_update: bool = False  # each side was published at its own time: the later may be an update


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    """Everything one run found."""

    corpus: Corpus
    facts: tuple[Fact, ...]
    slots: tuple[Slot, ...]
    discrepancies: tuple[Discrepancy, ...]
    notices: tuple[Notice, ...] = field(default=())
    reprints: tuple[Reprint, ...] = field(default=())

    def source_of(self) -> dict[str, str]:
        """Map each document id to the independent source it counts as (itself, or the
        original it reprints or rewrites)."""
        from .reprints import source_groups

        groups = source_groups(self.reprints)
        return {d.id: groups.get(d.id, d.id) for d in self.corpus.documents}

    def to_frame(self):  # -> pandas.DataFrame (pandas is imported only here, lazily)
        """The claims as a pandas DataFrame: one row per claim of every discrepancy."""
        from .tables import claims_frame

        return claims_frame(self)

    def facts_table(self):  # -> pandas.DataFrame
        """Facts x outlets: one row per aligned fact (agreements too), each cell as written."""
        from .tables import facts_table

        return facts_table(self)

    def exit_code(self, fail_on: Severity = Severity.LOW, *, strict: bool = False) -> int:
        """1 when an unreviewed (or stale) discrepancy is at or above `fail_on`, or, with
        `strict`, when any decision went stale; 0 otherwise."""
        floor = SEVERITY_ORDER[fail_on]
        for d in self.discrepancies:
            if (d.status == Status.UNREVIEWED or d.stale) and SEVERITY_ORDER[d.severity] >= floor:
                return 1
            if strict and d.stale:
                return 1
        return 0
