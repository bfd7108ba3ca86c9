"""What a process that checks one corpus again and again (`discrepancy watch`) keeps in memory
between its runs, so that a re-check after one article arrives reads, splits and extracts only
that article, and decodes nothing from the fact cache.

It holds, by the same keys as the fact cache on disk (factcache.py, ingest/readcache.py): the
articles as read (the Document and the notices reading gave) and each document's facts; and by
the text they are read from, each text's sampled word sequences (reprints.py) and its names and
figures (story.py). By file, what os.stat said of each article file when it was read, with the
document it gave: a file whose signature is unchanged is not read, decoded or hashed again
(ingest/files.py says when a signature can be trusted). And the last run's pass finding
reprints, one Step per document (reprints.py reads it to compare again only what a change
touches). Everything in it is immutable, so a run hands out
the very objects an earlier run made; the result is the one a run without it gives, byte for
byte (tests). A Memory is explicit state: the caller makes one, passes it to every run
(pipeline.run), and nothing else keeps one.

It holds one corpus's worth: each run starts a new generation (`turn`), an entry an earlier run
made is carried into it when this run looks it up, and what the run before used and this one did
not is dropped at the next turn (an article deleted or edited frees its entries).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .models import Document, Fact, Notice, Reprint

K = TypeVar("K")
V = TypeVar("V")


@dataclass(slots=True)
class Shelf(Generic[K, V]):
    """One kind of entry: those this run used, and those the run before used."""

    now: dict[K, V] = field(default_factory=dict)
    before: dict[K, V] = field(default_factory=dict)

    def get(self, key: K) -> V | None:
        found = self.now.get(key)
        if found is None:
            found = self.before.get(key)
            if found is not None:
                self.now[key] = found
        return found

    def put(self, key: K, value: V) -> None:
        self.now[key] = value

    def turn(self) -> None:
        self.before, self.now = self.now, {}

    def __len__(self) -> int:
        return len(self.now)


@dataclass(frozen=True, slots=True)
class FileRead:
    """An article file as a run read it: what os.stat said of it then (ingest.files.signature),
    and the usable document and the notices reading it gave."""

    signature: tuple[int, ...]
    document: Document
    notices: tuple[Notice, ...]


@dataclass(frozen=True, slots=True)
class Step:
    """What finding reprints (reprints.py) did with one document: its place in the order of
    originals, its sampled sequences, the reprint it was found to be (or None), and whether its
    sequences were indexed for the documents after it."""

    doc: Document
    order: tuple[bool, bool, dt.date, dt.time, int, str]  # reprints.original_order
    sequences: frozenset[int]
    found: Reprint | None
    indexed: bool


@dataclass(slots=True)
class Memory:
    """Articles as read, facts and word sequences, kept from one run of a corpus to the next."""

    documents: Shelf[str, tuple[Document, tuple[Notice, ...]]] = field(default_factory=Shelf)
    facts: Shelf[str, tuple[Fact, ...]] = field(default_factory=Shelf)
    sequences: Shelf[str, frozenset[int]] = field(default_factory=Shelf)  # by text (reprints.py)
    names: Shelf[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=Shelf)  # by body (story.py)
    # by file and all else reading it depends on: its path, id, manifest entry, the day, the size limit
    files: Shelf[tuple[object, ...], FileRead] = field(default_factory=Shelf)
    # the last run's pass over the documents finding reprints, by document id (reprints.py)
    reprints: dict[str, Step] = field(default_factory=dict)

    def turn(self) -> None:
        """Start a run: what the run before did not use is dropped now."""
        for shelf in (self.documents, self.facts, self.sequences, self.names, self.files):
            shelf.turn()
