"""pandas views of a Result. The only module that imports pandas; it is itself imported
lazily (by `Result.to_frame()` / `Result.facts_table()`), so `import discrepancy` and
`discrepancy.check()` never load pandas."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from .models import Result
from .report.csv import COLUMNS, NUMERIC, rows

EXTRA_COLUMNS = ("kind", "discrepancy")


def claims_frame(result: Result) -> pd.DataFrame:
    """One row per claim, with the CSV report's columns (raw values, not neutralized);
    `position`, `start` and `end` are int64."""
    frame = pd.DataFrame(rows(result, notices=False), columns=list(COLUMNS))
    return frame.astype({c: "int64" for c in NUMERIC})


def _doc_columns(result: Result) -> dict[str, str]:
    """Document id -> column name: the outlet, or the document id when the outlet is shared
    by several documents (or would clash with another column)."""
    docs = result.corpus.documents
    counts = Counter(d.outlet for d in docs)
    ids = {d.id for d in docs}
    names: dict[str, str] = {}
    for d in docs:
        name = d.outlet
        if counts[name] > 1 or name in EXTRA_COLUMNS or (name != d.id and name in ids):
            name = d.id
        names[d.id] = name
    return names


def facts_table(result: Result) -> pd.DataFrame:
    """Facts x outlets: one row per slot (agreements included), indexed by
    "subject [kind]" (made unique with " #2", " #3"); one column per document holding the
    value as written (several values of one document joined with " / "; missing where the
    document does not state it), then `kind` and `discrepancy` (the id of the discrepancy
    whose claims come from the slot, else None; object dtype so that None stays None)."""
    columns = _doc_columns(result)
    claim_owner: dict[tuple[str, int], str] = {}
    for d in result.discrepancies:
        for p in d.positions:
            for c in p.claims:
                claim_owner.setdefault((c.doc, c.start), d.id)

    labels: list[str] = []
    seen: Counter[str] = Counter()
    records: list[dict[str, object]] = []
    for slot in result.slots:
        base = f"{slot.subject} [{slot.kind}]"
        seen[base] += 1
        labels.append(base if seen[base] == 1 else f"{base} #{seen[base]}")
        values: dict[str, list[str]] = {}
        owner = None
        for f in slot.facts:
            raws = values.setdefault(f.doc, [])
            if f.raw not in raws:
                raws.append(f.raw)
            if owner is None:
                owner = claim_owner.get((f.doc, f.start))
        rec: dict[str, object] = {columns.get(doc, doc): " / ".join(v) for doc, v in values.items()}
        rec["kind"] = str(slot.kind)
        rec["discrepancy"] = owner
        records.append(rec)

    order = list(dict.fromkeys([*columns.values(), *(k for r in records for k in r if k not in EXTRA_COLUMNS)]))
    frame = pd.DataFrame(records, columns=[*order, *EXTRA_COLUMNS], index=pd.Index(labels, name="fact"))
    frame["discrepancy"] = pd.Series([r["discrepancy"] for r in records], index=frame.index, dtype=object)
    frame.columns.name = "outlet"
    return frame
