"""Gold annotations (gold.toml, format versions 1 and 2) and scoring a result against them.

A gold file lists expected discrepancies (kind, subject, sides: each side a list of claims
{doc, text[, occurrence]}; version 2 adds `stretch = true` for a borderline difference),
agreements that must not be flagged (kind, subject, claims) and, since version 2, distinct
entries: claims of different facts that share a value or a word (traps).

A flag's claim and a gold claim overlap when they are in the same document and their ranges
intersect. A flag finds a gold discrepancy when it puts claims overlapping two different sides
in two different positions; it breaks an agreement, or violates a distinct entry, when it puts
two of its claims in different positions. Recall counts non-stretch discrepancies only; the
matched-flag share is the share of flags finding at least one gold discrepancy, stretch ones
included (for a version 1 file it is the precision it always was).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import CorpusError
from .models import Corpus, Discrepancy, Result

GOLD_VERSIONS = (1, 2)
_ENTRY_KEYS = {
    "discrepancy": {"kind", "subject", "note", "sides", "stretch"},
    "agreement": {"kind", "subject", "note", "claims"},
    "distinct": {"kind", "subject", "note", "claims"},
}
_V2_ONLY = ("distinct", "stretch")


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
    sides: tuple[tuple[Span, ...], ...]  # for an agreement or a distinct entry: one side per claim
    stretch: bool = False  # a borderline discrepancy: finding it counts, missing it does not


@dataclass(frozen=True, slots=True, kw_only=True)
class Gold:
    discrepancies: tuple[GoldItem, ...]
    agreements: tuple[GoldItem, ...]
    distinct: tuple[GoldItem, ...] = ()
    version: int = 1

    @property
    def required(self) -> tuple[GoldItem, ...]:
        """The discrepancies recall counts (stretch ones left out)."""
        return tuple(g for g in self.discrepancies if not g.stretch)


class _Bad(Exception):
    """A malformed entry; load_gold adds the file name and raises CorpusError."""


def load_gold(path: str | Path, corpus: Corpus) -> Gold:
    """Read a gold file (version 1 or 2) and locate every claim's text in its document."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read gold file ({exc})") from exc
    try:
        return _parse(data, corpus)
    except _Bad as exc:
        raise CorpusError(f"{path}: {exc}") from None


def _parse(data: dict[str, Any], corpus: Corpus) -> Gold:
    version = data.get("version")
    if type(version) is not int or version not in GOLD_VERSIONS:
        raise _Bad(f"gold format version must be 1 or 2 (found {version!r})")
    unknown = sorted(set(data) - {"version", *_ENTRY_KEYS})
    if unknown:
        raise _Bad(f"unknown table or key {unknown[0]!r} (expected [[discrepancy]], [[agreement]], [[distinct]])")
    if version == 1 and "distinct" in data:
        raise _Bad("[[distinct]] needs gold format version 2")
    docs = corpus.by_id()

    def locate(claim: object, where: str) -> Span:
        if not isinstance(claim, dict):
            raise _Bad(f"{where}: a claim must be a table {{ doc = ..., text = ... }}")
        extra = sorted(set(claim) - {"doc", "text", "occurrence"})
        if extra:
            raise _Bad(f"{where}: unknown claim key {extra[0]!r}")
        doc = docs.get(claim.get("doc", ""))
        if doc is None:
            raise _Bad(f"{where}: unknown document {claim.get('doc')!r}")
        text = claim.get("text")
        if not isinstance(text, str) or not text:
            raise _Bad(f"{where}: the claim has no text")
        occurrence = claim.get("occurrence", 1)
        if type(occurrence) is not int or occurrence < 1:
            raise _Bad(f"{where}: occurrence must be a whole number from 1 (found {occurrence!r})")
        pos = -1
        for _ in range(occurrence):  # overlapping matches counted, as str.find from the start
            pos = doc.text.find(text, pos + 1)
            if pos < 0:
                raise _Bad(f"{where}: {text!r} (occurrence {occurrence}) not found in {doc.id}")
        return Span(doc=doc.id, start=pos, end=pos + len(text), text=text)

    def entries(table: str) -> list[tuple[str, dict[str, Any]]]:
        items = data.get(table, [])
        if not isinstance(items, list) or not all(isinstance(e, dict) for e in items):
            raise _Bad(f"{table} must be written as [[{table}]] tables")
        out = []
        for n, e in enumerate(items, 1):
            where = f"{table} {n}"
            extra = sorted(set(e) - _ENTRY_KEYS[table])
            if extra:
                raise _Bad(f"{where}: unknown key {extra[0]!r}")
            if version == 1 and "stretch" in e:
                raise _Bad(f"{where}: stretch needs gold format version 2")
            if not isinstance(e.get("kind"), str) or not e["kind"]:
                raise _Bad(f"{where}: kind is missing")
            if not isinstance(e.get("subject", ""), str):
                raise _Bad(f"{where}: subject must be a string")
            if not isinstance(e.get("stretch", False), bool):
                raise _Bad(f"{where}: stretch must be true or false")
            out.append((where, e))
        return out

    def claims(where: str, e: dict[str, Any]) -> tuple[tuple[Span, ...], ...]:
        listed = e.get("claims")
        if not isinstance(listed, list) or len(listed) < 2:
            raise _Bad(f"{where}: claims must list two or more claims")
        return tuple((locate(c, f"{where}, claim {i}"),) for i, c in enumerate(listed, 1))

    def sides(where: str, e: dict[str, Any]) -> tuple[tuple[Span, ...], ...]:
        listed = e.get("sides")
        if not isinstance(listed, list) or len(listed) < 2:
            raise _Bad(f"{where}: sides must list two or more sides")
        out = []
        for i, side in enumerate(listed, 1):
            if not isinstance(side, list) or not side:
                raise _Bad(f"{where}: side {i} must be a non-empty list of claims")
            out.append(tuple(locate(c, f"{where}, side {i}, claim {j}") for j, c in enumerate(side, 1)))
        return tuple(out)

    def item(e: dict[str, Any], spans: tuple[tuple[Span, ...], ...]) -> GoldItem:
        return GoldItem(kind=e["kind"], subject=e.get("subject", ""), sides=spans, stretch=e.get("stretch", False))

    return Gold(
        discrepancies=tuple(item(e, sides(w, e)) for w, e in entries("discrepancy")),
        agreements=tuple(item(e, claims(w, e)) for w, e in entries("agreement")),
        distinct=tuple(item(e, claims(w, e)) for w, e in entries("distinct")),
        version=version,
    )


def _positions_of(d: Discrepancy, span: Span) -> set[int]:
    """Every position of the flag with a claim overlapping the span."""
    return {
        i
        for i, p in enumerate(d.positions)
        for c in p.claims
        if c.doc == span.doc and c.start < span.end and span.start < c.end
    }


def separates(d: Discrepancy, item: GoldItem) -> bool:
    """True when the flag puts claims overlapping two different sides of the item (for an
    agreement or a distinct entry: two of its claims) in different positions."""
    where = [set().union(*(_positions_of(d, s) for s in side)) for side in item.sides]
    for i in range(len(where)):
        for j in range(i + 1, len(where)):
            if any(a != b for a in where[i] for b in where[j]):
                return True
    return False


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    found: tuple[GoldItem, ...]  # non-stretch gold discrepancies some flag finds
    missed: tuple[GoldItem, ...]  # non-stretch gold discrepancies no flag finds
    broken: tuple[GoldItem, ...]  # agreements flagged
    extra: tuple[Discrepancy, ...]  # flags finding no gold discrepancy (stretch ones included)
    flags: int  # all flags raised
    stretch_found: tuple[GoldItem, ...] = ()
    stretch_missed: tuple[GoldItem, ...] = ()
    violated: tuple[GoldItem, ...] = ()  # distinct entries flagged as one fact stated differently

    @property
    def recall(self) -> float:
        total = len(self.found) + len(self.missed)
        return len(self.found) / total if total else 1.0

    @property
    def matched(self) -> int:
        """Flags that find at least one gold discrepancy, stretch ones included."""
        return self.flags - len(self.extra)

    @property
    def matched_flag_share(self) -> float:
        return self.matched / self.flags if self.flags else 1.0

    @property
    def precision(self) -> float:
        """Version 1's name for the matched-flag share (the same figure)."""
        return self.matched_flag_share


def score(result: Result, gold: Gold) -> Score:
    """Compare a result with the gold annotations."""
    flags = result.discrepancies
    found: list[GoldItem] = []
    missed: list[GoldItem] = []
    stretch_found: list[GoldItem] = []
    stretch_missed: list[GoldItem] = []
    matched: set[int] = set()  # indices into flags: two flags may share an id
    for g in gold.discrepancies:
        hits = {i for i, d in enumerate(flags) if separates(d, g)}
        if g.stretch:
            (stretch_found if hits else stretch_missed).append(g)
        else:
            (found if hits else missed).append(g)
        matched |= hits
    return Score(
        found=tuple(found),
        missed=tuple(missed),
        broken=_flagged(flags, gold.agreements),
        extra=tuple(d for i, d in enumerate(flags) if i not in matched),
        flags=len(flags),
        stretch_found=tuple(stretch_found),
        stretch_missed=tuple(stretch_missed),
        violated=_flagged(flags, gold.distinct),
    )


def _flagged(flags: Iterable[Discrepancy], items: tuple[GoldItem, ...]) -> tuple[GoldItem, ...]:
    flags = tuple(flags)
    return tuple(g for g in items if any(separates(d, g) for d in flags))


@dataclass(frozen=True, slots=True, kw_only=True)
class KindScore:
    kind: str
    gold: int  # non-stretch gold discrepancies of this kind
    found: int
    flags: int  # flags of this kind
    correct: int  # flags of this kind that find a gold discrepancy (stretch ones included)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.flags if self.flags else 1.0


def by_kind(result: Result, gold: Gold, s: Score) -> list[KindScore]:
    """Recall and matched-flag share per kind (gold kinds for recall, flag kinds for the share)."""
    extra = {id(d) for d in s.extra}
    kinds = sorted({g.kind for g in gold.required} | {str(d.kind) for d in result.discrepancies})
    out = []
    for k in kinds:
        flags = [d for d in result.discrepancies if str(d.kind) == k]
        out.append(
            KindScore(
                kind=k,
                gold=sum(1 for g in gold.required if g.kind == k),
                found=sum(1 for g in s.found if g.kind == k),
                flags=len(flags),
                correct=sum(1 for d in flags if id(d) not in extra),
            )
        )
    return out


def _sides(g: GoldItem) -> list[list[dict[str, Any]]]:
    return [[{"doc": x.doc, "text": x.text, "start": x.start} for x in side] for side in g.sides]


def _flag_ids(result: Result, g: GoldItem) -> list[str]:
    return sorted({d.id for d in result.discrepancies if separates(d, g)})


def report(result: Result, gold: Gold) -> dict[str, Any]:
    """The evaluation as plain data (for --format json, the quality gate and the benchmarks)."""
    s = score(result, gold)
    return {
        "overall": {
            "version": gold.version,
            "recall": round(s.recall, 4), "gold": len(gold.required), "found": len(s.found),
            "matched_flag_share": round(s.matched_flag_share, 4), "matched_flags": s.matched, "flags": s.flags,
            "precision": round(s.precision, 4),  # version 1's name for the matched-flag share
            "stretch": len(s.stretch_found) + len(s.stretch_missed), "stretch_found": len(s.stretch_found),
            "agreements": len(gold.agreements), "agreements_broken": len(s.broken),
            "distinct": len(gold.distinct), "distinct_violated": len(s.violated),
        },
        "kinds": {
            k.kind: {"recall": round(k.recall, 4), "precision": round(k.precision, 4), "gold": k.gold,
                     "found": k.found, "flags": k.flags, "matched": k.correct}
            for k in by_kind(result, gold, s)
        },
        "missed": [{"kind": g.kind, "subject": g.subject, "sides": _sides(g)} for g in s.missed],
        "stretch_found": [
            {"kind": g.kind, "subject": g.subject, "flags": _flag_ids(result, g)} for g in s.stretch_found
        ],
        "broken": [
            {"kind": g.kind, "subject": g.subject, "claims": _sides(g), "flags": _flag_ids(result, g)}
            for g in s.broken
        ],
        "violated": [
            {"kind": g.kind, "subject": g.subject, "claims": _sides(g), "flags": _flag_ids(result, g)}
            for g in s.violated
        ],
        "extra": [
            {"id": d.id, "kind": str(d.kind), "subject": d.subject,
             "positions": [{"value": p.value, "docs": sorted({c.doc for c in p.claims})} for p in d.positions]}
            for d in s.extra
        ],
    }  # fmt: skip


def evaluate_folder(path: str | Path, gold: str | Path | None = None) -> dict[str, Any]:
    """Check a corpus folder and score it against its gold file (default: gold.toml in it). The
    engine is measured as it is: review decisions are not applied."""
    from .pipeline import run

    path = Path(path)
    result = run(path, decisions=False)
    return report(result, load_gold(gold if gold is not None else path / "gold.toml", result.corpus))


def text_lines(data: dict[str, Any]) -> list[str]:
    """The evaluation as `discrepancy eval` prints it: the totals, a row per kind, then the
    missed discrepancies and the extra, stretch, agreement-breaking and distinct-violating flags."""
    o = data["overall"]
    lines = [
        f"recall {o['recall']:.2f} ({o['found']}/{o['gold']}), matched-flag share (precision) "
        f"{o['matched_flag_share']:.2f} ({o['matched_flags']}/{o['flags']}), stretch found "
        f"{o['stretch_found']}/{o['stretch']}, agreements broken {o['agreements_broken']}/{o['agreements']}, "
        f"distinct violated {o['distinct_violated']}/{o['distinct']}",
        f"{'kind':<10} {'recall':>7} {'precision':>9} {'gold':>5} {'flags':>5}",
    ]
    for kind, k in data["kinds"].items():
        lines.append(f"{kind:<10} {k['recall']:>7.2f} {k['precision']:>9.2f} {k['gold']:>5} {k['flags']:>5}")
    for g in data["missed"]:
        sides = " vs ".join("/".join(f"{c['doc']}[{c['start']}]:{c['text']!r}" for c in side) for side in g["sides"])
        lines.append(f"missed  {g['kind']}: {g['subject']}: {sides}")
    for label, key in (
        ("stretch found", "stretch_found"),
        ("flagged agreement", "broken"),
        ("distinct violated", "violated"),
    ):
        lines.extend(f"{label}  {g['kind']}: {g['subject']} ({', '.join(g['flags'])})" for g in data[key])
    for d in data["extra"]:
        sides = " vs ".join(f"{p['value']!r} ({', '.join(p['docs'])})" for p in d["positions"])
        lines.append(f"extra   {d['kind']}: {d['subject']}: {sides}")
    return lines
