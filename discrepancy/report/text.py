"""The short text summary printed by `discrepancy check` by default."""

from __future__ import annotations

from collections import Counter

from ..models import Position, Result
from .common import grouped_notices, outlet_names


def render(result: Result) -> str:
    """A few lines: counts, then one line per discrepancy."""
    n = len(result.discrepancies)
    lines = [
        f"{len(result.corpus.documents)} documents, {len(result.facts)} facts, "
        f"{len(result.slots)} aligned slots, {n} discrepanc{'y' if n == 1 else 'ies'}"
    ]
    if n:
        by_kind = Counter(str(d.kind) for d in result.discrepancies)
        lines.append("by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items())))
    for d in result.discrepancies:
        sides = " vs ".join(f"“{p.value}” ({_outlets(p, result)})" for p in d.positions)
        status = "" if d.status == "unreviewed" and not d.stale else f" ({'stale decision' if d.stale else d.status})"
        update = " (possible update)" if d.possible_update else ""
        lines.append(f"{d.id} [{d.severity}]{status}{update} {d.kind}: {d.subject}: {sides}")
    for paths, message in grouped_notices(result.notices):
        lines.append(f"note: {paths}: {message}")
    return "\n".join(lines) + "\n"


def _outlets(p: Position, result: Result) -> str:
    names = outlet_names({c.doc for c in p.claims}, result)
    return ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
