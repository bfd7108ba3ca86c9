"""The JSON report: the contract (schema_version 1). Sorted keys, indent 2, trailing newline,
no timestamps and no absolute paths, so that the same input gives the same bytes."""

from __future__ import annotations

import json
from typing import Any

from ..models import Claim, Discrepancy, Document, Notice, Position, Result
from ..safe import json_text
from ..version import __version__

SCHEMA_VERSION = 1


def document_record(d: Document) -> dict[str, Any]:
    """A document's metadata as written in reports."""
    return {
        "id": d.id,
        "path": d.path,
        "title": d.title,
        "source": d.source,
        "published": d.published.isoformat() if d.published else None,
        "published_time": d.published_time.strftime("%H:%M") if d.published_time else None,
        "sha256": d.sha256,
    }


def claim_record(c: Claim) -> dict[str, Any]:
    """One source's evidence."""
    return {"doc": c.doc, "start": c.start, "end": c.end, "text": c.text, "sentence": c.sentence}


def position_record(p: Position) -> dict[str, Any]:
    """A value and the claims that state it."""
    return {
        "value": p.value,
        "normalized": p.normalized,
        "sources": p.sources,
        "claims": [claim_record(c) for c in p.claims],
    }


def discrepancy_record(d: Discrepancy) -> dict[str, Any]:
    """One discrepancy as in the contract."""
    rec: dict[str, Any] = {
        "id": d.id,
        "kind": str(d.kind),
        "severity": str(d.severity),
        "subject": d.subject,
        "summary": d.summary,
        "status": str(d.status),
        "key": d.key,
        "positions": [position_record(p) for p in d.positions],
    }
    if d.note:
        rec["note"] = d.note
    if d.stale:
        rec["stale"] = True
    if d.possible_update:
        rec["possible_update"] = True
    if d.plain:
        rec["plain"] = d.plain
    return rec


def notice_record(n: Notice) -> dict[str, Any]:
    """A processing note."""
    return {"path": n.path, "message": n.message}


def to_record(result: Result) -> dict[str, Any]:
    """The whole report as plain data."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "discrepancy", "version": __version__},
        "corpus": {"documents": [document_record(d) for d in result.corpus.documents]},
        "discrepancies": [discrepancy_record(d) for d in result.discrepancies],
        "notices": [notice_record(n) for n in result.notices],
        "reprints": [{"doc": r.doc, "of": r.of, "kind": r.kind, "similarity": r.similarity} for r in result.reprints],
    }


def render(result: Result) -> str:
    """The JSON report text."""
    return json_text(json.dumps(to_record(result), sort_keys=True, indent=2, ensure_ascii=False)) + "\n"
