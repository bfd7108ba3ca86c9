"""Gold annotations (gold.toml, format version 1) and scoring a result against them.

A gold file lists expected discrepancies (kind, subject, sides: each side a list of
{doc, text[, occurrence]}) and agreements that must not be flagged (kind, subject, claims).
A flag finds a gold discrepancy when it puts spans of two different gold sides in two
different positions (spans overlap, kind aside). An agreement is broken when a flag puts two of
its claims in different positions.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusError
from .models import Corpus, Discrepancy, Result

GOLD_VERSION = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldItem:
    kind: str
    subject: str
    sides: tuple[tuple[Span, ...], ...]  # for an agreement: one side per claim


@dataclass(frozen=True, slots=True, kw_only=True)
class Gold:
    discrepancies: tuple[GoldItem, ...]
    agreements: tuple[GoldItem, ...]


def load_gold(path: str | Path, corpus: Corpus) -> Gold:
    """Read a gold file and locate every claim's text in its document."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read gold file ({exc})") from exc
    if data.get("version") != GOLD_VERSION:
        raise CorpusError(f"{path}: gold format version must be {GOLD_VERSION}")
    docs = corpus.by_id()

    def locate(claim: dict) -> Span:
        doc = docs.get(claim.get("doc", ""))
        if doc is None:
            raise CorpusError(f"{path}: unknown document {claim.get('doc')!r}")
        text = claim["text"]
        pos = -1
        for _ in range(int(claim.get("occurrence", 1))):
            pos = doc.text.find(text, pos + 1)
            if pos < 0:
                raise CorpusError(f"{path}: {text!r} not found in {doc.id}")
        return Span(doc=doc.id, start=pos, end=pos + len(text), text=text)

    disc = tuple(
        GoldItem(
            kind=d["kind"],
            subject=d.get("subject", ""),
            sides=tuple(tuple(locate(c) for c in side) for side in d["sides"]),
        )
        for d in data.get("discrepancy", [])
    )
    agree = tuple(
        GoldItem(kind=a["kind"], subject=a.get("subject", ""), sides=tuple((locate(c),) for c in a["claims"]))
        for a in data.get("agreement", [])
    )
    return Gold(discrepancies=disc, agreements=agree)


def _position_of(d: Discrepancy, span: Span) -> int | None:
    for i, p in enumerate(d.positions):
        for c in p.claims:
            if c.doc == span.doc and c.start < span.end and span.start < c.end:
                return i
    return None


def separates(d: Discrepancy, item: GoldItem) -> bool:
    """True when the flag puts two sides of the gold item in different positions."""
    where = []
    for side in item.sides:
        found = {p for s in side if (p := _position_of(d, s)) is not None}
        where.append(found)
    for i in range(len(where)):
        for j in range(i + 1, len(where)):
            if any(a != b for a in where[i] for b in where[j]):
                return True
    return False


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    found: tuple[GoldItem, ...]
    missed: tuple[GoldItem, ...]
    broken: tuple[GoldItem, ...]  # agreements flagged
    extra: tuple[Discrepancy, ...]  # flags matching no gold discrepancy
    flags: int  # all flags raised

    @property
    def recall(self) -> float:
        total = len(self.found) + len(self.missed)
        return len(self.found) / total if total else 1.0

    @property
    def precision(self) -> float:
        return (self.flags - len(self.extra)) / self.flags if self.flags else 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class KindScore:
    kind: str
    gold: int  # gold discrepancies of this kind
    found: int
    flags: int  # flags of this kind
    correct: int  # flags of this kind that match a gold discrepancy

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.flags if self.flags else 1.0


def by_kind(result: Result, gold: Gold, s: Score) -> list[KindScore]:
    """Recall and precision per kind (gold kinds for recall, flag kinds for precision)."""
    extra = {d.id for d in s.extra}
    kinds = sorted({g.kind for g in gold.discrepancies} | {str(d.kind) for d in result.discrepancies})
    out = []
    for k in kinds:
        flags = [d for d in result.discrepancies if str(d.kind) == k]
        out.append(
            KindScore(
                kind=k,
                gold=sum(1 for g in gold.discrepancies if g.kind == k),
                found=sum(1 for g in s.found if g.kind == k),
                flags=len(flags),
                correct=sum(1 for d in flags if d.id not in extra),
            )
        )
    return out


def report(result: Result, gold: Gold) -> dict:
    """The evaluation as plain data (for --format json and for the quality gate)."""
    s = score(result, gold)
    sides = lambda g: [[{"doc": x.doc, "text": x.text, "start": x.start} for x in side] for side in g.sides]  # noqa: E731
    return {
        "overall": {
            "recall": round(s.recall, 4), "precision": round(s.precision, 4), "gold": len(gold.discrepancies),
            "found": len(s.found), "flags": s.flags, "agreements": len(gold.agreements), "agreements_broken": len(s.broken),
        },
        "kinds": {
            k.kind: {"recall": round(k.recall, 4), "precision": round(k.precision, 4), "gold": k.gold, "found": k.found, "flags": k.flags}
            for k in by_kind(result, gold, s)
        },
        "missed": [{"kind": g.kind, "subject": g.subject, "sides": sides(g)} for g in s.missed],
        "broken": [{"kind": g.kind, "subject": g.subject, "claims": sides(g)} for g in s.broken],
        "extra": [
            {"id": d.id, "kind": str(d.kind), "subject": d.subject,
             "positions": [{"value": p.value, "docs": sorted({c.doc for c in p.claims})} for p in d.positions]}
            for d in s.extra
        ],
    }  # fmt: skip


def score(result: Result, gold: Gold) -> Score:
    """Compare a result with the gold annotations."""
    found, missed = [], []
    matched: set[str] = set()
    for g in gold.discrepancies:
        hits = [d for d in result.discrepancies if separates(d, g)]
        (found if hits else missed).append(g)
        matched.update(d.id for d in hits)
    broken = [a for a in gold.agreements if any(separates(d, a) for d in result.discrepancies)]
    extra = [d for d in result.discrepancies if d.id not in matched]
    return Score(
        found=tuple(found),
        missed=tuple(missed),
        broken=tuple(broken),
        extra=tuple(extra),
        flags=len(result.discrepancies),
    )
