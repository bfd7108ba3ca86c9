"""The review behind the served report (`discrepancy review CORPUS --web`), without HTTP: the
current state of every discrepancy, read from the decisions folder on each call, and one
decision written through the same code as the command-line review (review.decide, then
decisions.record under its lock, atomically).

Each item carries the `version` of its decision as stored ("" for none). A write sends back the
version it was shown; if the file changed since (a decision taken meanwhile in a terminal or
another tab), nothing is written and the caller gets the item as it is now (409).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .decisions import NOTE_REQUIRED, load, record, version
from .errors import DecisionConflict, DecisionsError
from .models import Decision, Discrepancy, Result, Status
from .report.common import in_reading_order
from .report.htmlpage.markup import disc_anchor
from .review import decide, review

DECIDABLE = (Status.CONFIRMED, Status.DISMISSED, Status.EXPLAINED)
MAX_NOTE = 4000  # characters; a note is a sentence or two, not an article


def _today() -> str:
    return dt.date.today().isoformat()


@dataclass(frozen=True, slots=True, kw_only=True)
class Session:
    """One review session: the corpus's result before review, where its decisions live, and who
    decides. `today` gives the day of each decision (the server may run past midnight)."""

    base: Result
    path: Path
    reviewer: str
    today: Callable[[], str] = field(default=_today)

    @classmethod
    def of(cls, result: Result, path: Path, *, reviewer: str, date: str = "") -> Session:
        """A session on a result (reviewed or not: its decisions are read again on every call)."""
        base = replace(
            result,
            discrepancies=tuple(
                replace(d, status=Status.UNREVIEWED, note="", stale=False) for d in result.discrepancies
            ),
            review=None,
        )
        return cls(base=base, path=path, reviewer=reviewer, today=(lambda: date) if date else _today)

    def current(self) -> tuple[Result, dict[str, Decision]]:
        """The result with the decisions stored now, and those decisions."""
        decisions = load(self.path)
        return review(self.base, decisions, path=self.path), decisions

    def state(self) -> dict[str, Any]:
        """Every discrepancy's review state, in report order, with the progress counts."""
        result, decisions = self.current()
        items = [_item(d, decisions) for d in in_reading_order(result)]
        return {
            "items": items,
            "note_required": sorted(str(s) for s in NOTE_REQUIRED),
            "reviewed": sum(1 for i in items if i["status"] != Status.UNREVIEWED and not i["stale"]),
            "reviewer": self.reviewer,
            "total": len(items),
        }

    def item(self, dec_id: str) -> dict[str, Any] | None:
        """One discrepancy's review state as stored now; None when there is no such discrepancy."""
        result, decisions = self.current()
        found = [d for d in result.discrepancies if d.id == dec_id]
        return _item(found[0], decisions) if found else None

    def write(self, payload: object) -> tuple[int, dict[str, Any]]:
        """Record one decision sent by the page: {"id", "status", "note", "right", "base"}.
        Returns an HTTP status and a JSON body: 200 and the item as stored, 400 for a bad
        decision, 404 for an unknown id, 409 (and the item as it is now) when its decision
        changed on disk since the page read it (`base`), 500 when the folder cannot be used."""
        if not isinstance(payload, dict) or not all(isinstance(payload.get(k, ""), str) for k in _FIELDS):
            return 400, {"error": f"a decision is a JSON object of strings: {', '.join(_FIELDS)}"}
        if set(payload) - set(_FIELDS):
            return 400, {"error": f"unknown field {sorted(set(payload) - set(_FIELDS))[0]!r}"}
        dec_id, status, note = payload.get("id", ""), payload.get("status", ""), payload.get("note", "")
        if status not in {str(s) for s in DECIDABLE}:
            return 400, {"error": "status must be confirmed, dismissed or explained"}
        if len(note) > MAX_NOTE:
            return 400, {"error": f"the note is longer than {MAX_NOTE} characters"}
        found = [d for d in self.base.discrepancies if d.id == dec_id]
        if not found:
            return 404, {"error": f"no discrepancy {dec_id!r}"}
        try:
            dec = decide(
                found[0], Status(status), note=note, reviewer=self.reviewer, date=self.today(),
                right=payload.get("right", ""),
            )  # fmt: skip
        except DecisionsError as exc:
            return 400, {"error": str(exc)}
        try:
            record(self.path, [dec], expect={dec_id: payload.get("base", "")})
        except DecisionConflict as exc:
            return 409, {"error": str(exc), "item": self.item(dec_id)}
        except DecisionsError as exc:
            return 500, {"error": str(exc)}
        return 200, {"item": self.item(dec_id)}


_FIELDS = ("id", "status", "note", "right", "base")


def _item(d: Discrepancy, decisions: dict[str, Decision]) -> dict[str, Any]:
    """What the page shows and sends back for one discrepancy."""
    taken = decisions.get(d.id)
    earlier = (
        [x for x in sorted(decisions.values(), key=lambda x: x.id) if (x.kind, x.key) == (str(d.kind), d.key)]
        if d.stale
        else []
    )
    return {
        "anchor": disc_anchor(d),
        "decision": _decision(taken) if taken else None,
        "earlier": [_decision(x) for x in earlier],
        "id": d.id,
        "note": d.note,
        "stale": d.stale,
        "status": str(d.status),
        "values": [{"normalized": p.normalized, "sources": p.sources, "value": p.value} for p in d.positions],
        "version": version(taken),
    }


def _decision(dec: Decision) -> dict[str, Any]:
    return {
        "date": dec.date, "id": dec.id, "note": dec.note, "reviewer": dec.reviewer, "right": dec.right,
        "status": str(dec.status), "values": list(dec.values),
    }  # fmt: skip
