"""CSV and JSON Lines reports: one row per claim (one source's words for one value).

Columns: discrepancy_id, kind, severity, status, subject, position, value, normalized, doc,
outlet, path, start, end, text, sentence. `position` is the 1-based index of the value among
the discrepancy's positions; `start`/`end` are offsets into the document text; `path` is
relative to the corpus folder. Rows come in result order: discrepancies, positions, claims.
Processing notes (skipped files, reprints) come last, one row each with kind `notice`, the
file in `path` and the note in `text`.

The CSV is spreadsheet-safe: a text cell starting with `=`, `+`, `-`, `@`, tab or carriage
return is prefixed with `'` so that a spreadsheet shows it instead of evaluating it (OWASP,
"CSV Injection"). The numeric columns are left alone.
"""

from __future__ import annotations

import csv
import io
import json

from ..models import Result
from ..safe import json_text

COLUMNS = (
    "discrepancy_id",
    "kind",
    "severity",
    "status",
    "subject",
    "position",
    "value",
    "normalized",
    "doc",
    "outlet",
    "path",
    "start",
    "end",
    "text",
    "sentence",
)
NUMERIC = frozenset({"position", "start", "end"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_CHARS = frozenset(_FORMULA_START)

Row = dict[str, str | int]  # a column name -> its cell (int in the NUMERIC columns)


def rows(result: Result, *, notices: bool = True) -> list[Row]:
    """One dict per claim, raw values (ints for the numeric columns), in report order; then,
    with `notices`, one per processing note."""
    docs = result.corpus.by_id()
    out: list[Row] = []
    for d in result.discrepancies:
        for i, p in enumerate(d.positions, start=1):
            for c in p.claims:
                doc = docs.get(c.doc)
                out.append(
                    {
                        "discrepancy_id": d.id,
                        "kind": str(d.kind),
                        "severity": str(d.severity),
                        "status": str(d.status),
                        "subject": d.subject,
                        "position": i,
                        "value": p.value,
                        "normalized": p.normalized,
                        "doc": c.doc,
                        "outlet": doc.outlet if doc else c.doc,
                        "path": doc.path if doc else "",
                        "start": int(c.start),
                        "end": int(c.end),
                        "text": c.text,
                        "sentence": c.sentence,
                    }
                )
    for n in result.notices if notices else ():
        row = dict.fromkeys(COLUMNS, "")
        out.append({**row, "kind": "notice", "path": n.path, "text": n.message, "position": 0, "start": 0, "end": 0})
    return out


def neutralize(cell: str) -> str:
    """Prefix a cell a spreadsheet would read as a formula with a single quote."""
    return cell if not cell or cell[0] not in _FORMULA_CHARS else "'" + cell


def render(result: Result) -> str:
    """The CSV report text: a header row, then one row per claim."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    text = [(k, k in NUMERIC) for k in COLUMNS]
    writer.writerows(
        [row[k] if numeric else neutralize(str(row[k])) for k, numeric in text] for row in rows(result)
    )  # (one call, and the common cell that needs nothing returned as it is: 7,000 rows at 1,000 articles)
    return buf.getvalue()


def render_jsonl(result: Result) -> str:
    """The same rows as JSON Lines: one object per claim, sorted keys, trailing newline;
    empty when there are no claims. No formula neutralizing here: JSON is read by programs,
    not evaluated by spreadsheets, and the values must stay exactly as in the articles."""
    return "".join(json_text(json.dumps(row, sort_keys=True, ensure_ascii=False)) + "\n" for row in rows(result))
