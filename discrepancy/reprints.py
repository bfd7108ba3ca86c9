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
from .memory import Memory, Step
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

    With a `memory` of this process's last run, a document that run read the same (the same
    place in the order, the same sequences) keeps its outcome unless one of its sequences is
    "dirty" (a sequence that a document added, removed or changed since, or one whose outcome
    changed, is indexed under in one run and not the other) and still read: a sequence whose
    posting holds more than COMMON documents indexed alike in both runs is read in neither. A
    document's outcome reads only what is indexed before it under its own sequences, and the
    documents read the same in both runs keep their order among themselves, so such a document
    sees what it saw then: its outcome is the same (a property test checks it against a fresh
    run)."""
    last = memory.reprints if memory is not None else {}
    texts: dict[str, frozenset[int]] = {}  # copies word for word (a wire story filed many times) are read once
    steps = [_step(d, last.get(d.id), texts, memory) for d in documents]
    steps.sort(key=lambda step: step.order)
    same: dict[str, Step] = {}  # the documents read the same as in the last run
    dirty: set[int] = set()  # sequences some document is indexed under in one run and not the other
    if last:
        for step in steps:
            before = last.get(step.doc.id)
            if before is not None and before.order == step.order and before.sequences == step.sequences:
                same[step.doc.id] = before
        for doc_id, before in last.items():
            if before.indexed and doc_id not in same:  # removed, or read otherwise
                dirty.update(before.sequences)
    seqs = {step.doc.id: step.sequences for step in steps}
    sizes = {doc_id: len(seq) for doc_id, seq in seqs.items()}
    index: dict[int, list[str]] = defaultdict(list)
    fresh: Counter[int] = Counter()  # entries of a posting not indexed so in the last run
    done: list[Step] = []
    for step in steps:
        own = step.sequences
        before = same.get(step.doc.id)
        if before is not None and all(len(index.get(h, ())) - fresh[h] > COMMON for h in own & dirty):
            found, indexed = before.found, before.indexed
        else:
            found = _repeated(step.doc.id, own, index, seqs, sizes)
            indexed = len(own) >= MIN_SEQUENCES and (found is None or found.kind != REPRINT_KIND)
        again = before is not None and before.indexed
        if indexed:  # a reprint's sequences are its original's: indexing them adds nothing
            for h in own:
                index[h].append(step.doc.id)
            if not again:
                fresh.update(own)
        if last and indexed != again:
            dirty.update(own)
        done.append(Step(step.doc, step.order, own, found, indexed))
    if memory is not None:
        memory.reprints = {step.doc.id: step for step in done}
    return tuple(sorted((step.found for step in done if step.found is not None), key=lambda r: r.doc))


def _step(doc: Document, before: Step | None, texts: dict[str, frozenset[int]], memory: Memory | None) -> Step:
    """A document's place in the order and its sequences: the last run's for the same Document
    object, else read (a text's sequences once per run, and from the memory when kept there)."""
    if before is not None and before.doc is doc:
        return before
    text = " ".join(s.text for s in doc.sentences)
    found = texts.get(text)
    if found is None:
        kept = memory.sequences.get(text) if memory is not None else None
        found = texts[text] = kept if kept is not None else _sequences(text)
        if memory is not None:
            memory.sequences.put(text, found)
    return Step(doc, original_order(doc), found, None, False)


def _repeated(
    doc_id: str,
    own: frozenset[int],
    index: dict[int, list[str]],
    seqs: dict[str, frozenset[int]],
    sizes: dict[str, int],
) -> Reprint | None:
    """The indexed document (before this one) that this one repeats most, if any."""
    if len(own) < MIN_SEQUENCES:
        return None
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
    if best is None:
        return None
    share, other = best
    kind = REPRINT_KIND if share >= REPRINT else "rewrite"
    return Reprint(doc=doc_id, of=other, kind=kind, similarity=round(share, 2))


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
