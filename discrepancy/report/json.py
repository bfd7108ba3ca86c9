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
        "corpus": _corpus_record(result),
        "discrepancies": [discrepancy_record(d) for d in result.discrepancies],
        "notices": [notice_record(n) for n in result.notices],
        "reprints": [{"doc": r.doc, "of": r.of, "kind": r.kind, "similarity": r.similarity} for r in result.reprints],
    }


def _corpus_record(result: Result) -> dict[str, Any]:
    """The documents, and the day the corpus was read on (a run is reproduced with --today)."""
    rec: dict[str, Any] = {"documents": [document_record(d) for d in result.corpus.documents]}
    if result.corpus.today is not None:
        rec["today"] = result.corpus.today.isoformat()
    return rec


def render(result: Result) -> str:
    """The JSON report text."""
    return json_text(dumps(to_record(result))) + "\n"


def dumps(data: Any) -> str:
    """json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False), byte for byte (a test
    holds them equal), in a third of the time: with an indent, the json module encodes in
    Python, through a generator per container (0.1 s for the report of a thousand articles)."""
    out: list[str] = []
    try:
        _put(data, out, "\n")
    except _Unusual:  # a key that is not a string, a type of its own: as the json module does
        return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)
    return "".join(out)


class _Unusual(Exception):
    pass


_string = json.encoder.encode_basestring  # the C encoder json.dumps uses with ensure_ascii=False


def _put(o: Any, out: list[str], nl: str) -> None:
    """Append the JSON of `o` to `out`, its lines after the first starting with `nl`."""
    kind = type(o)
    if kind is str:
        out.append(_string(o))
    elif kind is dict:
        if not o:
            out.append("{}")
            return
        inner = nl + "  "
        sep = "{" + inner
        for key, value in sorted(o.items()):
            if type(key) is not str:
                raise _Unusual
            if type(value) is str:  # the commonest values, written here (a call less)
                out.append(f"{sep}{_string(key)}: {_string(value)}")
            elif type(value) is int:
                out.append(f"{sep}{_string(key)}: {int.__repr__(value)}")
            else:
                out.append(f"{sep}{_string(key)}: ")
                _put(value, out, inner)
            sep = "," + inner
        out.append(nl + "}")
    elif kind is list or kind is tuple:
        if not o:
            out.append("[]")
            return
        inner = nl + "  "
        sep = "[" + inner
        for value in o:
            if type(value) is str:
                out.append(sep + _string(value))
            else:
                out.append(sep)
                _put(value, out, inner)
            sep = "," + inner
        out.append(nl + "]")
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(o))
    elif kind is float:
        out.append(_float(o))
    else:
        raise _Unusual


def _float(x: float) -> str:
    if x != x:
        return "NaN"
    if x in (float("inf"), float("-inf")):
        return "Infinity" if x > 0 else "-Infinity"
    return float.__repr__(x)
