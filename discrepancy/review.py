"""Review decisions: the decisions file (load, validate, save atomically under a lock), applying
decisions to a result (the review stage of the pipeline), and finding stale and unused
decisions.

The file is human data that goes through pull requests like code: JSON, sorted, indent 2,
trailing newline, no run timestamps (only the day each decision was taken)::

    {"decisions": [{"date": "2026-11-22", "id": "D1a2b3c4d5e", "key": "image / show",
                    "kind": "date", "note": "", "reviewer": "ana", "status": "confirmed",
                    "subject": "...", "values": ["--10-18", "2022-11-18"]}],
     "version": 1}

A decision applies to the discrepancy with its id. When a fact gets a new value, the
discrepancy's id changes but its kind and key stay: the old decision is then *stale* and the
item needs review again. A decision that matches neither an id nor a key is *unused*.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from .errors import DecisionsError
from .fsutil import atomic_write
from .models import Decision, Discrepancy, Result, ReviewState, Status

DECISIONS_VERSION = 1
DEFAULT_PATH = Path(".discrepancy") / "decisions.json"
NOTE_REQUIRED = frozenset({Status.DISMISSED, Status.EXPLAINED})
FIELDS = {"id", "status", "note", "reviewer", "date", "kind", "key", "subject", "values"}


def decide(d: Discrepancy, status: Status, *, note: str, reviewer: str, date: str) -> Decision:
    """A decision on a discrepancy as it is now."""
    if status == Status.UNREVIEWED:
        raise DecisionsError("a decision is confirmed, dismissed or explained, not unreviewed")
    if status in NOTE_REQUIRED and not note.strip():
        raise DecisionsError(f"a note is required to mark {d.id} {status} (--note TEXT)")
    return Decision(
        id=d.id, status=status, note=note.strip(), reviewer=reviewer, date=date, kind=str(d.kind),
        key=d.key, subject=d.subject, values=tuple(sorted(p.normalized for p in d.positions)),
    )  # fmt: skip


def load(path: Path) -> dict[str, Decision]:
    """The decisions in a file; none when it does not exist. Anything unreadable is an error:
    a broken decisions file must never pass as an empty one."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DecisionsError(f"{path}: cannot read the decisions file ({_first_line(exc)}); fix or restore it") from exc
    if (
        not isinstance(data, dict)
        or data.get("version") != DECISIONS_VERSION
        or not isinstance(data.get("decisions"), list)
    ):
        raise DecisionsError(
            f'{path}: not a decisions file (expected {{"version": {DECISIONS_VERSION}, "decisions": [...]}})'
        )
    out: dict[str, Decision] = {}
    for n, rec in enumerate(data["decisions"], 1):
        if not isinstance(rec, dict) or set(rec) - FIELDS or not {"id", "status"} <= set(rec):
            raise DecisionsError(f"{path}: decision {n} is malformed (fields: {', '.join(sorted(FIELDS))})")
        try:
            status = Status(rec["status"])
        except ValueError:
            raise DecisionsError(f"{path}: decision {n} has an unknown status {rec['status']!r}") from None
        if status == Status.UNREVIEWED or (status in NOTE_REQUIRED and not str(rec.get("note", "")).strip()):
            raise DecisionsError(f"{path}: decision {n} ({rec['id']}) is {status} without the note it needs")
        out[str(rec["id"])] = Decision(
            id=str(rec["id"]), status=status, note=str(rec.get("note", "")), reviewer=str(rec.get("reviewer", "")),
            date=str(rec.get("date", "")), kind=str(rec.get("kind", "")), key=str(rec.get("key", "")),
            subject=str(rec.get("subject", "")), values=tuple(str(v) for v in rec.get("values", [])),
        )  # fmt: skip
    return out


def dumps(decisions: dict[str, Decision]) -> str:
    """The file text: sorted by id, sorted keys, indent 2, trailing newline."""
    records = [decisions[k].record() for k in sorted(decisions)]
    return (
        json.dumps({"version": DECISIONS_VERSION, "decisions": records}, indent=2, sort_keys=True, ensure_ascii=False)
        + "\n"
    )


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock beside the decisions file, so that concurrent writers take turns."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_name(path.name + ".lock")
    fd = os.open(lock, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def record(path: Path, new: Iterable[Decision]) -> dict[str, Decision]:
    """Add or replace decisions: under the lock, re-read the file as it is now (another writer
    may have added some), apply ours, write atomically. Nothing recorded by others is lost."""
    with _locked(path):
        current = load(path)
        for d in new:
            current[d.id] = d
        atomic_write(path, dumps(current))
        return current


def prune(path: Path, keep: set[str]) -> list[str]:
    """Drop the decisions whose ids are not in keep; returns the ids dropped."""
    with _locked(path):
        current = load(path)
        dropped = sorted(set(current) - keep)
        if dropped:
            atomic_write(path, dumps({k: v for k, v in current.items() if k in keep}))
        return dropped


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


def review(result: Result, decisions: dict[str, Decision], *, path: Path | str = "") -> Result:
    """The review stage: the result with its decisions applied, stale ones marked, and how the
    decisions met it (stale, unused, the file they came from) in `result.review`."""
    reviewed, state = apply(result, decisions)
    return replace(reviewed, review=replace(state, path=str(path)))


def decisions_path(corpus: Path, *, setting: str = "", option: Path | str | None = None) -> Path:
    """The decisions file of a corpus: the one given, else the `decisions` setting (relative to
    the corpus folder, or to a corpus file's folder), else .discrepancy/decisions.json there."""
    if option is not None:
        return Path(option)
    base = corpus if corpus.is_dir() else corpus.parent
    return base / (setting or DEFAULT_PATH)


def kept_by_prune(result: Result, decisions: dict[str, Decision]) -> set[str]:
    """The ids of the decisions that still mean something for a result: those of its
    discrepancies, and stale ones (same kind and key), which show what was decided before."""
    return {d.id for d in result.discrepancies} | {
        dec.id
        for dec in decisions.values()
        if any(str(d.kind) == dec.kind and d.key == dec.key for d in result.discrepancies)
    }


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]
