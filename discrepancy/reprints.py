"""Reprints and near-duplicates: the same article carried by several outlets, or one article
rewritten from another. Such copies are not independent sources, so positions and majorities
count each group of copies once.

Similarity is the share of the shorter article's four-word sequences (of its kept sentences,
lower-cased, punctuation dropped) that the other article also has: independent reports of one
event share at most 0.25 of them (measured on every corpus in fixtures/ and five real clusters), a
reprint with a new headline and curly quotes > 0.9, a rewrite that keeps half its sentences
about 0.6. Sequences are sampled by a fixed hash (one in four), which keeps memory small and
estimates the share without bias. Candidates come from an index of sequences, never from all
pairs; a sequence in more than COMMON indexed articles (boilerplate, a template) is not used to
find candidates.

Which copy is the original: a wire story first (one that carries a news agency's dateline or
credit, "ORLEN, June 2 (Reuters) -", "- AP", or names the agency as its outlet or author), then
the one published first (a date without a time counts as the start of its day; undated last),
then the longest (a copy trims more often than it adds), and the document id only as a last
resort, when all of these are equal. Alphabetical order never decides between copies that differ
in any of them.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

from .lexicon import words
from .memory import Memory
from .models import Document, Notice, Reprint
from .models import source_groups as source_groups  # it lives with Result.source_of; compare imports it here

SPAN = 4  # words per sequence
SAMPLE = 4  # keep the sequences whose hash is divisible by this
REPRINT = 0.75  # at least this share: a reprint (the same article)
REPRINT_KIND = "reprint"  # a Reprint's kind for a copy (else "rewrite"); align and compare leave copies out
REWRITE = 0.5  # at least this share: a rewrite (one article written from the other)
MIN_SEQUENCES = 8  # sampled sequences a document needs to be compared (~40 words)
COMMON = 50
_WORD = re.compile(r"\w+")


def sequences(doc: Document) -> frozenset[int]:
    """The sampled four-word sequences of a document's kept sentences, as stable hashes."""
    return _sequences(" ".join(s.text for s in doc.sentences))


def _sequences(text: str) -> frozenset[int]:
    words = _WORD.findall(text.lower())
    out = set()
    for i in range(len(words) - SPAN + 1):
        h = zlib.crc32(" ".join(words[i : i + SPAN]).encode("utf-8"))
        if h % SAMPLE == 0:
            out.add(h)
    return frozenset(out)


def find_reprints(documents: tuple[Document, ...], memory: Memory | None = None) -> tuple[Reprint, ...]:
    """Each document that repeats an earlier one, with the one it repeats most. Documents are
    taken in the order of originals (see the module docstring), so the original comes first.
    A text's sequences are taken from `memory` when an earlier run of this process kept them."""
    order = sorted(documents, key=original_order)
    # copies word for word (a wire story filed many times) are read once
    by_text: dict[str, frozenset[int]] = {}
    seqs = {}
    for d in order:
        text = " ".join(s.text for s in d.sentences)
        if text not in by_text:
            kept = memory.sequences.get(text) if memory is not None else None
            by_text[text] = kept if kept is not None else _sequences(text)
            if memory is not None:
                memory.sequences.put(text, by_text[text])
        seqs[d.id] = by_text[text]
    sizes = {doc_id: len(seq) for doc_id, seq in seqs.items()}
    index: dict[int, list[str]] = defaultdict(list)
    found: list[Reprint] = []
    for doc in order:
        own = seqs[doc.id]
        if len(own) < MIN_SEQUENCES:
            continue
        shared: Counter[str] = Counter()
        for h in own:
            posting = index.get(h)
            if posting and len(posting) <= COMMON:
                shared.update(posting)
        best: tuple[float, str] | None = None
        for other in _candidates(shared, len(own), sizes):
            share = len(own & seqs[other]) / min(len(own), sizes[other])
            if share >= REWRITE and (best is None or share > best[0]):
                best = (share, other)
        if best is not None:
            share, other = best
            kind = REPRINT_KIND if share >= REPRINT else "rewrite"
            found.append(Reprint(doc=doc.id, of=other, kind=kind, similarity=round(share, 2)))
            if kind == REPRINT_KIND:
                continue  # its sequences are its original's: indexing them adds nothing
        for h in own:
            index[h].append(doc.id)
    return tuple(sorted(found, key=lambda r: r.doc))


def _candidates(shared: Counter[str], own: int, sizes: dict[str, int]) -> list[str]:
    """The documents worth comparing with one of `own` sequences, most shared first (ties: by
    id): those before the first, in that order, that shares too few sequences to reach REWRITE
    however they overlap (as if sorted by count, stopping at it; found without sorting them all)."""
    stop: tuple[int, str] | None = None  # the first one that cannot reach it, as (-count, id)
    maybe = []
    for other, n in shared.items():
        if n < REWRITE * min(own, sizes[other]) / 2:
            if stop is None or (-n, other) < stop:
                stop = (-n, other)
        else:
            maybe.append((-n, other))
    return [other for m, other in sorted(maybe) if stop is None or (m, other) < stop]


def exact_copies(reprints: tuple[Reprint, ...], docs: dict[str, Document]) -> tuple[Reprint, ...]:
    """The reprints whose article text (their body's sentences) is their original's, word for
    word: such a copy says nothing its original does not, so alignment leaves it out and it never
    changes a discrepancy or its id. A reprint that changed a word still weighs in alignment
    (leaving near-copies out too moved borderline links on real clusters)."""
    return tuple(r for r in reprints if r.kind == REPRINT_KIND and _body(docs[r.doc]) == _body(docs[r.of]))


def _body(doc: Document) -> list[str]:
    return [s.text for s in doc.sentences if not s.headline]


def original_order(doc: Document) -> tuple[bool, bool, dt.date, dt.time, int, str]:
    """The key that puts the original of copies first: wire story, published first, longest, id."""
    length = sum(s.end - s.start for s in doc.sentences if not s.headline)
    return (
        not is_wire(doc),
        doc.published is None,
        doc.published or dt.date.min,
        doc.published_time or dt.time(0),
        -length,
        doc.id,
    )


def is_wire(doc: Document) -> bool:
    """Whether a document is a news agency's story: its outlet or author is the agency, or its
    text carries the agency's dateline ("(AP)" in the opening) or credit line ("- Reuters",
    "Associated Press" or "By Jane Doe, Associated Press" on a line of its own)."""
    patterns = _wire_patterns()
    if patterns.outlet.fullmatch(doc.source.strip()) or patterns.agency.search(doc.author):
        return True
    body = [s for s in doc.sentences if not s.headline]
    opening = doc.text[body[0].start : body[0].end] if body else ""
    return bool(patterns.dateline.search(opening) or patterns.credit.search(doc.text))


class _WirePatterns:
    """The agencies' names compiled: as a word, as an outlet, in a dateline, as a credit line."""

    def __init__(self, agencies: tuple[str, ...]) -> None:
        names = sorted(agencies, key=len, reverse=True)
        alternation = "|".join(re.escape(a) if a.isupper() else f"(?i:{re.escape(a)})" for a in names)
        name = rf"(?:(?i:the)\s+)?(?:{alternation})"
        self.agency = re.compile(rf"\b{name}\b")
        self.outlet = re.compile(rf"{name}(?:\s+(?i:news|staff))?\.?")
        self.dateline = re.compile(rf"\({name}\)")
        by = r"(?i:by)\s+[^\n,;|]{1,60}[,;|][ \t]*"  # "By Jane Doe, " before the agency
        copyright = r"(?:©|\((?i:c)\)|(?i:copyright))[ \t]*(?:\d{4}[ \t]+)?"
        self.credit = re.compile(
            rf"^[ \t]*(?:(?:[-—–][ \t]*)?(?:{by})?{name}\.?|.*\S[ \t]+[-—–][ \t]*{name}\.?|{copyright}{name}\b.*)[ \t]*$",
            re.MULTILINE,
        )


@cache
def _wire_patterns() -> _WirePatterns:
    return _WirePatterns(words().wire_agencies)


def reprint_notices(reprints: tuple[Reprint, ...], docs: dict[str, Document]) -> tuple[Notice, ...]:
    """One note per copy, so that every report format lists them."""
    verb = {"reprint": "reprints", "rewrite": "is rewritten from"}
    return tuple(
        Notice(
            path=docs[r.doc].path,
            message=f"{verb[r.kind]} {docs[r.of].path} ({r.similarity:.0%} shared wording): counted as one source with it",
        )
        for r in reprints
    )


@dataclass(frozen=True, slots=True)
class Copies:
    """Which documents copy which (from reprints.find_reprints)."""

    root: dict[str, str]  # a copy -> the original it comes from
    kind: dict[str, str]  # a copy -> "reprint" or "rewrite"
    exact: frozenset[str] = frozenset()  # the copies word for word (reprints.exact_copies)

    @classmethod
    def of(cls, reprints: tuple[Reprint, ...], docs: dict[str, Document] | None = None) -> Copies:
        exact = frozenset(r.doc for r in exact_copies(reprints, docs)) if docs is not None else frozenset()
        return cls(root=source_groups(reprints), kind={r.doc: r.kind for r in reprints}, exact=exact)
