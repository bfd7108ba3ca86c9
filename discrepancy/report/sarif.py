"""The SARIF 2.1.0 report, for code-scanning dashboards (GitHub code scanning and the like).

One run; one rule per kind of discrepancy present; one result per discrepancy, located at the
first claim of its first position, with every other claim as a related location. Decisions
taken in review travel as SARIF suppressions (dismissed, explained) or as a property
(confirmed). Lines and columns are 1-based and count Unicode code points of `Document.text`;
"\\r\\n", "\\n" and a lone "\\r" are line breaks; a record of a JSON Lines or CSV corpus is placed
in that file, at the line where its text is. Sorted keys, no timestamps, no absolute paths: the
same input gives the same bytes.

The helpers `located`, `LineIndex` and `is_open` live in `report.common`, shared with the
JUnit and GitHub renderers.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote

from ..models import Claim, Discrepancy, Document, Result, Severity, Status
from ..safe import json_text
from ..version import __version__
from .common import LineIndex, in_repo, is_open, located

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/discrepancy/discrepancy"

LEVELS = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "note"}


def artifact_uri(corpus_dir: str, path: str) -> str:
    """A path relative to the corpus as a URI reference relative to the repository root
    (spaces and non-ASCII percent-encoded)."""
    return quote(in_repo(corpus_dir, path), safe="/")


class _Locator:
    """Physical locations of claims, with one line index per document (built on first use)."""

    def __init__(self, result: Result, corpus_dir: str) -> None:
        self.docs: dict[str, Document] = result.corpus.by_id()
        self.corpus_dir = corpus_dir
        self._index: dict[str, LineIndex] = {}

    def index(self, doc_id: str) -> LineIndex:
        if doc_id not in self._index:
            self._index[doc_id] = LineIndex.of(self.docs[doc_id])
        return self._index[doc_id]

    def outlet(self, doc_id: str) -> str:
        doc = self.docs.get(doc_id)
        return doc.outlet if doc else doc_id

    def physical(self, claim: Claim) -> dict[str, Any]:
        doc = self.docs[claim.doc]
        region: dict[str, Any] = {
            **self.index(claim.doc).region(claim.start, claim.end),
            "snippet": {"text": claim.text},
        }
        return {
            "artifactLocation": {"uri": quote(located(self.corpus_dir, doc), safe="/")},
            "region": region,
        }


def subject_key_hash(d: Discrepancy) -> str:
    """A stable hash of what the discrepancy is about (survives changes of its values)."""
    return hashlib.sha256(f"{d.kind}:{d.key}".encode()).hexdigest()[:16]


def _rule(kind: str, result: Result) -> dict[str, Any]:
    name = "".join(part.capitalize() for part in str(kind).split("_")) + "Discrepancy"
    text = result.kind_info(kind).rule
    return {"id": str(kind), "name": name, "shortDescription": {"text": text}}


def _result(d: Discrepancy, rule_index: int, loc: _Locator) -> dict[str, Any]:
    claims = [(p, c) for p in d.positions for c in p.claims]
    rec: dict[str, Any] = {
        "ruleId": str(d.kind),
        "ruleIndex": rule_index,
        "level": LEVELS.get(d.severity, "warning"),
        "message": {"text": d.summary},
        "partialFingerprints": {
            "discrepancyId/v1": d.id,
            "subjectKey/v1": subject_key_hash(d),
        },
        "properties": {
            "severity": str(d.severity),
            "subject": d.subject,
            "status": str(d.status),
            "stale": d.stale,
        },
    }
    if claims:
        first_pos, first = claims[0]
        rec["locations"] = [
            {
                "physicalLocation": loc.physical(first),
                "message": {"text": f"“{first_pos.value}” ({loc.outlet(first.doc)})"},
            }
        ]
        rec["relatedLocations"] = [
            {
                "id": i,
                "physicalLocation": loc.physical(c),
                "message": {"text": f"“{p.value}” ({loc.outlet(c.doc)})"},
            }
            for i, (p, c) in enumerate(claims[1:], 1)
        ]
    if d.note:
        rec["properties"]["note"] = d.note
    if is_open(d):
        rec["baselineState"] = "updated" if d.stale else "new"
    else:
        rec["baselineState"] = "unchanged"
        if d.status in (Status.DISMISSED, Status.EXPLAINED):
            suppression = {"kind": "external", "state": "accepted"}
            if d.note:
                suppression["justification"] = d.note
            rec["suppressions"] = [suppression]
    return rec


def to_record(result: Result, *, corpus_dir: str = "") -> dict[str, Any]:
    """The SARIF log as plain data."""
    order = {k.name: i for i, k in enumerate(result.kinds)}
    kinds = sorted({d.kind for d in result.discrepancies}, key=lambda k: (order.get(k, len(order)), k))
    rule_index = {k: i for i, k in enumerate(kinds)}
    loc = _Locator(result, corpus_dir)
    notifications = [
        {
            "level": "warning",
            "message": {"text": n.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(corpus_dir, n.path)}}}],
        }
        for n in result.notices
    ]
    run = {
        "tool": {
            "driver": {
                "name": "discrepancy",
                "informationUri": INFORMATION_URI,
                "version": __version__,
                "rules": [_rule(k, result) for k in kinds],
            }
        },
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
        "results": [_result(d, rule_index[d.kind], loc) for d in result.discrepancies],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(result: Result, *, corpus_dir: str = "") -> str:
    """The SARIF report text."""
    record = to_record(result, corpus_dir=corpus_dir)
    return json_text(json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False)) + "\n"
