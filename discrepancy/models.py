"""Types shared by every stage. Plain data: no I/O, no pandas, no click."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

# The typed keys live in keys.py; their names stay importable from here.
from .frozen import Rebuilt
from .keys import DEADLINE as DEADLINE
from .keys import FRAME_KEYS as FRAME_KEYS
from .keys import LEAD_DAY as LEAD_DAY
from .keys import LEAD_TIME as LEAD_TIME
from .keys import LOOSE as LOOSE
from .keys import STATEMENT_LABEL_WORDS as STATEMENT_LABEL_WORDS
from .keys import Key as Key
from .keys import KeyKind as KeyKind
from .keys import word_keys as word_keys

if TYPE_CHECKING:
    from .values import Value


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
    COLOUR = "colour"
    PLACE = "place"
    ATTRIBUTION = "attribution"  # who a quote is credited to
    VERSIONS = "versions"  # which numbered versions of a product ("IE6 to 10")
    ORGANISATION = "organisation"  # which organisation did what a sentence reports


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
class KindInfo:
    """How reports present a kind of fact (declared once, in the kind registry)."""

    name: str
    label: str  # what differs, in a subject ("date", "figure", "wording")
    rule: str  # one sentence for CI formats ("Sources give different dates for the same event.")
    wording: bool = False  # values are wordings: reports show a word diff


def kind_info(kinds: tuple[KindInfo, ...], name: str) -> KindInfo:
    """The info of a kind, or a plain one for a kind the tuple does not declare."""
    for k in kinds:
        if k.name == name:
            return k
    return KindInfo(name=name, label=name, rule=f"Sources disagree on a {name}.")


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
    # A sentence of the headline (the title line of the file), numbered after the body's: never
    # the lede, and it never shifts the body's sentence numbers.
    headline: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordPlace:
    """Where a record's text is in its JSON Lines or CSV file, for the locations CI reports give."""

    file: str  # the file's name
    line: int  # 1-based line of the file where the text starts
    column: int  # 1-based column of that line where the text starts
    one_line: bool  # the text's own line breaks are escaped in the file (JSON): it is all on `line`


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
    record: RecordPlace | None = None  # set for a record of a JSON Lines or CSV corpus

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
    today: dt.date | None = None  # the day it was read on: relative and future publication dates

    def by_id(self) -> dict[str, Document]:
        """Map document id to document."""
        return {d.id: d for d in self.documents}


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact(Rebuilt):
    """A typed value found in a document, with its exact span and what it is about (pickled as its
    fields' values, frozen.py)."""

    kind: str  # a registered kind (Kind for the built-in ones)
    doc: str
    start: int
    end: int
    raw: str  # == document.text[start:end]
    value: Value  # the normalized value; it compares itself with another of its type
    normalized: str  # the value as a stable string for reports and ids
    sentence: int  # index into document.sentences
    keys: frozenset[Key] = frozenset()  # what the fact is about; drives alignment
    context: frozenset[str] = frozenset()  # canonical content words of its sentence
    subject: str = ""  # readable label of what the fact is about
    lead: bool = False  # the first dated event of the article (the lede's "when")
    future: bool = False  # stated as to come ("will vote on June 21")
    role: str = ""  # a figure's role: "prior" (fell from), "background" (an earlier year), "demand"
    published: str = ""  # a lede's publication day (ISO), "" when unknown
    speaker: str = ""  # who said a quote (surname or organisation, lowercase)
    person: str = ""  # whose name or title

    @property
    def key_words(self) -> frozenset[str]:
        """The canonical words among its keys."""
        return frozenset(k.text for k in self.keys if k.kind == KeyKind.WORD)

    def details(self) -> dict[str, Any]:
        """The typed details that are set, for `discrepancy extract` output."""
        out: dict[str, Any] = {"role": self.role, "published": self.published, "speaker": self.speaker}
        out |= {"person": self.person, "future": self.future}
        out |= self.value.details()
        return {k: v for k, v in sorted(out.items()) if v not in ("", False, None)}


@dataclass(frozen=True, slots=True, kw_only=True)
class Slot:
    """The same fact as stated by two or more documents."""

    kind: str
    key: str  # what the slot is about, as canonical words: stable, part of discrepancy ids
    subject: str  # the same, readable ("the bridge reopened")
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
    kind: str
    severity: Severity
    subject: str
    summary: str
    positions: tuple[Position, ...]
    key: str = ""  # what it is about, canonical (part of the id; decisions find stale ones by it)
    status: Status = Status.UNREVIEWED
    note: str = ""
    stale: bool = False  # a decision was taken on an earlier set of values for this fact
    possible_update: bool = False  # each side was published at its own time: the later may be an update
    # What kind of disagreement it is, in one short line of plain words ("The same figure,
    # hedged differently: “more than” vs “about”."); reports lead each finding with it.
    plain: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    """Everything one run found."""

    corpus: Corpus
    facts: tuple[Fact, ...]
    slots: tuple[Slot, ...]
    discrepancies: tuple[Discrepancy, ...]
    notices: tuple[Notice, ...] = field(default=())
    reprints: tuple[Reprint, ...] = field(default=())
    kinds: tuple[KindInfo, ...] = field(default=())  # the kinds this run looked for, in report order

    def kind_info(self, name: str) -> KindInfo:
        """How reports present a kind."""
        return kind_info(self.kinds, name)

    fact_rows: tuple[FactRow, ...] = field(default=())  # compare's view of every slot, agreements too
    review: ReviewState | None = None  # what the review stage did; None when it did not run
    fail_on: Severity = Severity.LOW  # the corpus's `fail-on` setting: exit_code's default
    title: str = ""  # the report's title (the corpus's `title` setting, or --title); "" for the default

    def source_of(self) -> dict[str, str]:
        """Map each document id to the independent source it counts as (itself, or the
        original it reprints or rewrites)."""
        groups = source_groups(self.reprints)
        return {d.id: groups.get(d.id, d.id) for d in self.corpus.documents}

    def exit_code(self, fail_on: Severity | None = None, *, strict: bool = False) -> int:
        """1 when an unreviewed (or stale) discrepancy is at or above `fail_on` (default: the
        corpus's setting), or, with `strict`, when any decision went stale; 0 otherwise. The
        one place the check's verdict is computed: `discrepancy check` exits with it."""
        floor = SEVERITY_ORDER[fail_on or self.fail_on]
        for d in self.discrepancies:
            if (d.status == Status.UNREVIEWED or d.stale) and SEVERITY_ORDER[d.severity] >= floor:
                return 1
            if strict and d.stale:
                return 1
        return 0


# --- review and fact-table types (appended; the stages that fill them: review.py, compare.py) ---


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """A reviewer's verdict on one discrepancy, with a snapshot of what it was taken on."""

    id: str
    status: Status
    note: str
    reviewer: str
    date: str
    kind: str
    key: str
    subject: str
    values: tuple[str, ...]
    right: str = ""  # the value (one of `values`) the reviewer knows is right; "" when not known

    def record(self) -> dict[str, object]:
        """The decision as a decisions-file record (`right` only when the reviewer gave it)."""
        rec: dict[str, object] = {
            "id": self.id, "status": str(self.status), "note": self.note, "reviewer": self.reviewer,
            "date": self.date, "kind": self.kind, "key": self.key, "subject": self.subject,
            "values": list(self.values),
        }  # fmt: skip
        if self.right:
            rec["right"] = self.right
        return rec


@dataclass(frozen=True, slots=True, kw_only=True)
class ReviewState:
    """How the decisions met the result."""

    stale: tuple[Decision, ...]  # taken on earlier values of a fact that changed since
    unused: tuple[Decision, ...]  # match no discrepancy at all
    path: str = ""  # where the decisions were read, "/" separated (need not exist: then there are none)
    read: tuple[Decision, ...] = ()  # every decision read, by id (a writer compares them with what is stored)


class Standing(StrEnum):
    """Where one document's values of a fact stand against the majority of sources."""

    MAJORITY = "majority"  # only the majority value
    MIXED = "mixed"  # the majority value and others
    ODD = "odd"  # only values other than the majority
    SPLIT = "split"  # the fact has no majority value


@dataclass(frozen=True, slots=True, kw_only=True)
class FactCell:
    """One document's values of one aligned fact."""

    doc: str
    raw: tuple[str, ...]  # as written, each once, in order
    normalized: tuple[str, ...]  # normalized, each once, in order
    standing: Standing


@dataclass(frozen=True, slots=True, kw_only=True)
class FactRow:
    """One aligned fact (a slot) across the corpus, agreements included: each document's
    values, the votes of independent sources (a reprint and its original vote once) and the
    majority, computed once by compare for every report to draw."""

    kind: str  # a registered kind (Kind for the built-in ones)
    key: str
    subject: str
    cells: tuple[FactCell, ...]  # the documents stating the fact, in the slot's order
    votes: tuple[tuple[str, int], ...]  # normalized value -> independent sources, most first
    majority: str | None  # the value most independent sources state; None on a tie
    discrepancy: str | None = None  # the id of the discrepancy about this fact, if any

    @property
    def agree(self) -> bool:
        """Every source states the same value."""
        return len(self.votes) == 1

    @property
    def odd(self) -> tuple[str, ...]:
        """The documents that state only values other than the majority."""
        return tuple(c.doc for c in self.cells if c.standing == Standing.ODD)


def source_groups(reprints: tuple[Reprint, ...]) -> dict[str, str]:
    """Map each copy to the original it comes from (following chains); documents that copy
    nothing are not in the map and are their own source."""
    of = {r.doc: r.of for r in reprints}
    out = {}
    for doc in of:
        root, seen = doc, {doc}
        while root in of and of[root] not in seen:
            root = of[root]
            seen.add(root)
        out[doc] = root
    return out
