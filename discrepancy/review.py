"""Review decisions: applying decisions to a result (the review stage of the pipeline), finding
stale and unused decisions, and where a corpus keeps its decisions. Storing them (one file per
decision, under a lock) is decisions.py's job.

A decision applies to the discrepancy with its id. When a fact gets a new value, the
discrepancy's id changes but its kind and key stay: the old decision is then *stale* and the
item needs review again. A decision that matches no discrepancy's id, and no undecided
discrepancy's kind and key, is *unused*: the fact is gone, or the item was decided again on
its new values. `discrepancy decisions prune` removes the unused ones.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePath

from .decisions import NOTE_REQUIRED, load, prune, record
from .errors import DecisionsError
from .fsutil import posix
from .models import Decision, Discrepancy, Result, ReviewState, Status

DEFAULT_PATH = PurePath(".discrepancy", "decisions")

__all__ = ["DEFAULT_PATH", "apply", "decide", "decisions_path", "load", "prunable", "prune", "record", "review"]


def decide(d: Discrepancy, status: Status, *, note: str, reviewer: str, date: str, right: str = "") -> Decision:
    """A decision on a discrepancy as it is now; `right` is the value (as compared) the reviewer
    knows is right, when they know it."""
    values = tuple(sorted(p.normalized for p in d.positions))
    if right and right not in values:
        raise DecisionsError(f"{right!r} is not one of the values of {d.id} ({', '.join(values)})")
    if status == Status.UNREVIEWED:
        raise DecisionsError("a decision is confirmed, dismissed or explained, not unreviewed")
    if status in NOTE_REQUIRED and not note.strip():
        raise DecisionsError(f"a note is required to mark {d.id} {status} (--note TEXT)")
    return Decision(
        id=d.id, status=status, note=note.strip(), reviewer=reviewer, date=date, kind=str(d.kind),
        key=d.key, subject=d.subject, values=values, right=right,
    )  # fmt: skip


def apply(result: Result, decisions: dict[str, Decision]) -> tuple[Result, ReviewState]:
    """Give each discrepancy its decision's status; mark those whose decision went stale."""
    by_key: dict[tuple[str, str], list[Decision]] = {}
    for dec in decisions.values():
        by_key.setdefault((dec.kind, dec.key), []).append(dec)
    used: set[str] = set()
    stale: list[Decision] = []
    out = []
    for d in result.discrepancies:
        taken = decisions.get(d.id)
        if taken is not None:
            used.add(taken.id)
            out.append(replace(d, status=taken.status, note=taken.note))
            continue
        earlier = [x for x in by_key.get((str(d.kind), d.key), []) if d.key]
        if earlier:
            used.update(x.id for x in earlier)
            stale.extend(earlier)
            first = sorted(earlier, key=lambda x: x.id)[0]
            out.append(
                replace(d, stale=True, note=f"stale: {first.status} on {', '.join(first.values)} ({first.date})")
            )
            continue
        out.append(d)
    unused = tuple(sorted((x for x in decisions.values() if x.id not in used), key=lambda x: x.id))
    stale_t = tuple(sorted({x.id: x for x in stale}.values(), key=lambda x: x.id))
    return replace(result, discrepancies=tuple(out)), ReviewState(stale=stale_t, unused=unused)


def review(result: Result, decisions: dict[str, Decision], *, path: PurePath | str = "") -> Result:
    """The review stage: the result with its decisions applied, stale ones marked, and how the
    decisions met it (stale, unused, the file they came from) in `result.review`."""
    reviewed, state = apply(result, decisions)
    read = tuple(sorted(decisions.values(), key=lambda x: x.id))
    return replace(reviewed, review=replace(state, path=posix(path) if path else "", read=read))


def decisions_path(corpus: Path, *, setting: str = "", option: PurePath | str | None = None) -> Path:
    """Where the decisions of a corpus are kept: the path given, else the `decisions` setting
    (relative to the corpus folder, or to a corpus file's folder), else .discrepancy/decisions
    there. A path may name the folder or an old-layout decisions.json (see decisions.py)."""
    if option is not None:
        return Path(option)
    base = corpus if corpus.is_dir() else corpus.parent
    return base / (setting or DEFAULT_PATH)


def prunable(state: ReviewState, *, stale: bool = False) -> set[str]:
    """The ids `decisions prune` removes: the unused decisions (those the warnings say match no
    discrepancy), and with stale=True the stale ones too (their items become unreviewed)."""
    return {d.id for d in state.unused} | ({d.id for d in state.stale} if stale else set())
