"""Single-source inconsistencies: one sentence that contradicts itself.

A weekday written with a full date that falls on another day ("on Thursday, 18 November 2022",
a Friday) is wrong in one of its two halves, whatever the other sources say. It is reported as
a discrepancy of the date kind whose two positions are the two claims of that one document (the
weekday and the date), so every report format, the review and `discrepancy eval` treat it like
any other discrepancy."""

from __future__ import annotations

import re

from .compare import discrepancy_id, sentence_text
from .context import RunContext
from .models import Claim, Discrepancy, Document, Fact, Kind, Position, Severity
from .values import WEEKDAYS, DateValue

# The weekday at the head of a date fact's text, and the separator after it.
_LEADING_WEEKDAY = re.compile(r"((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day),?\s+", re.IGNORECASE)
# Only a date whose year is written: a year the resolver inferred may be the wrong one.
_YEAR = re.compile(r"\b(?:1[89]|2[01])\d\d\b")
SEVERITY = Severity.MEDIUM  # one of two halves is wrong: worth a look, not a conflict between sources


def inconsistencies(facts: tuple[Fact, ...], docs: dict[str, Document], ctx: RunContext) -> tuple[Discrepancy, ...]:
    """One discrepancy per date whose written weekday is not the date's."""
    if Kind.DATE not in ctx.registry.names:
        return ()
    out = []
    for f in facts:
        v = f.value
        if f.kind != Kind.DATE or not isinstance(v, DateValue) or v.weekday is None:
            continue
        actual = v.resolved_weekday()
        m = _LEADING_WEEKDAY.match(f.raw)
        if actual is None or actual == v.weekday or m is None or not _YEAR.search(f.raw[m.end() :]):
            continue
        doc = docs[f.doc]
        wd_end, date_start = f.start + m.end(1), f.start + m.end()
        written, real = WEEKDAYS[v.weekday].capitalize(), WEEKDAYS[actual].capitalize()
        date_norm = f"{v.normalized()} ({real})"
        positions = (
            _position(doc, f.start, wd_end, written),
            _position(doc, date_start, f.end, date_norm),
        )
        key = f"{f.doc}: weekday and date of one sentence"
        subject = "weekday and date in one sentence: date"
        summary = (
            f"One article ({doc.outlet}) gives a weekday and a date that disagree: “{positions[0].value}” vs "
            f"“{positions[1].value}” (a {real}). Check which is right."
        )
        out.append(
            Discrepancy(
                id=discrepancy_id(Kind.DATE, key, [written, date_norm]),
                key=key,
                kind=Kind.DATE,
                severity=SEVERITY,
                subject=subject,
                summary=summary,
                positions=positions,
                plain=f"One article gives a weekday and a date that disagree ({positions[1].value} was a {real}).",
            )
        )
    return tuple(out)


def _position(doc: Document, start: int, end: int, normalized: str) -> Position:
    text = doc.text[start:end]
    claim = Claim(doc=doc.id, start=start, end=end, text=text, sentence=sentence_text(doc, start, end))
    return Position(value=text, normalized=normalized, claims=(claim,), sources=1)


def with_inconsistencies(
    found: tuple[Discrepancy, ...], facts: tuple[Fact, ...], docs: dict[str, Document], ctx: RunContext
) -> tuple[Discrepancy, ...]:
    """The discrepancies between sources and those within one source, in report order."""
    extra = inconsistencies(facts, docs, ctx)
    if not extra:
        return found
    joined = {d.id: d for d in (*found, *extra)}
    return tuple(sorted(joined.values(), key=lambda d: (ctx.registry.order(d.kind), d.subject, d.id)))


__all__ = ["inconsistencies", "with_inconsistencies"]
