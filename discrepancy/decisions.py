"""The decisions folder: one JSON file per decision, read, validated, and written atomically
under a lock. The only module that touches decision files (and the only user of filelock).

Why one file per decision: decisions go through pull requests like code, and two reviewers on
two branches decide different discrepancies all the time. In a single sorted file (JSON or JSON
Lines) two new entries that sort between the same neighbours are two insertions at one place, a
conflict for git, however the entries are laid out. One file per decision makes two reviews of
different discrepancies two different files, which plain git always merges; two different
decisions on the *same* discrepancy still conflict, as they should (somebody must choose)::

    .discrepancy/decisions/
      .gitignore             # keeps the lock and temporary files out of git
      D1a2b3c4d5e.json       # {"date": "2026-11-22", "id": "D1a2b3c4d5e", "key": "image / show",
                             #  "kind": "date", "note": "", "reviewer": "ana", "status": "confirmed",
                             #  "subject": "...", "values": ["--10-18", "2022-11-18"]}

Each file is sorted JSON, indent 2, trailing newline, no run timestamps (only the day each
decision was taken). The old layout, one `decisions.json` ({"version": 1, "decisions": [...]}),
is still read; the next write moves its decisions into the folder of the same name without
`.json` and removes it. A file left with git's conflict markers is named as such (exit 2).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path, PurePath

from .errors import DecisionConflict, DecisionsError
from .fsutil import atomic_write
from .models import Decision, Status

DECISIONS_VERSION = 1  # of the old single-file layout
NOTE_REQUIRED = frozenset({Status.DISMISSED, Status.EXPLAINED})
FIELDS = {"id", "status", "note", "reviewer", "date", "kind", "key", "subject", "values", "right"}
LOCK = ".lock"
GITIGNORE = "# written by discrepancy: the lock and temporary files of concurrent writers\n.lock\n.*.tmp\n"
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)


def locations(path: PurePath | str) -> tuple[Path, Path]:
    """The decisions folder and the old-layout file for a path naming either one:
    `.discrepancy/decisions` and `.discrepancy/decisions.json` for both of them."""
    path = Path(path)
    folder = path.with_suffix("") if path.suffix.lower() == ".json" else path
    return folder, folder.with_name(folder.name + ".json")


def load(path: PurePath | str) -> dict[str, Decision]:
    """The decisions stored at path (the folder, and the old-layout file while it is there);
    none when neither exists. Anything unreadable is an error: broken decisions must never
    pass as no decisions."""
    folder, legacy = locations(path)
    out = _load_legacy(legacy) if legacy.is_file() else {}
    if folder.is_file():
        raise DecisionsError(f"{folder}: a file where the decisions folder should be; move it away")
    if folder.is_dir():
        for file in sorted(folder.glob("*.json")):
            if not file.name.startswith("."):
                dec = _load_one(file)
                out[dec.id] = dec
    return out


def record(
    path: PurePath | str, new: Iterable[Decision], *, expect: Mapping[str, str] | None = None
) -> dict[str, Decision]:
    """Add or replace decisions: under the lock, re-read what is stored now (another writer may
    have added some), write one file per decision atomically, and finish moving an old-layout
    file into the folder. Nothing recorded by others is lost. Returns every decision stored.

    `expect` maps ids to the `version` the writer last saw ("" for no decision): if one has
    changed on disk since, nothing is written and DecisionConflict names it (a page open in a
    browser must not overwrite what a terminal decided meanwhile)."""
    new = list(new)
    for dec in new:
        _check_id(dec.id, locations(path)[0])
    with _locked(path) as folder:
        current = load(path)
        for dec_id, seen in sorted((expect or {}).items()):
            if version(current.get(dec_id)) != seen:
                raise DecisionConflict(f"{folder}: decision {dec_id} changed since it was read; reload it", dec_id)
        changed = {d.id: d for d in new}
        _write(folder, {**current, **changed}, changed)
        return {**current, **changed}


def prune(path: PurePath | str, drop: set[str]) -> list[str]:
    """Remove the decisions with these ids (under the lock; each file goes at once, so readers
    see a decision or none); returns the ids removed."""
    with _locked(path) as folder:
        current = load(path)
        dropped = sorted(set(current) & drop)
        kept = {k: v for k, v in current.items() if k not in drop}
        _write(folder, kept, {})
        for k in dropped:
            (folder / f"{k}.json").unlink(missing_ok=True)
        return dropped


def version(dec: Decision | None) -> str:
    """A short fingerprint of a decision as stored ("" for none), to tell whether it changed."""
    return "" if dec is None else hashlib.sha256(dumps(dec).encode("utf-8")).hexdigest()[:16]


def dumps(dec: Decision) -> str:
    """One decision's file: sorted keys, indent 2, trailing newline."""
    return json.dumps(dec.record(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _write(folder: Path, decisions: dict[str, Decision], changed: dict[str, Decision]) -> None:
    """Write the changed decisions; if an old-layout file is still there, write every decision
    it held as well, then remove it (the migration)."""
    legacy = locations(folder)[1]
    todo = dict(changed)
    if legacy.is_file():
        todo = {**{k: v for k, v in decisions.items() if not (folder / f"{k}.json").is_file()}, **changed}
    for k in sorted(todo):
        atomic_write(folder / f"{k}.json", dumps(todo[k]))
    if legacy.is_file():
        legacy.unlink()
        legacy.with_name(legacy.name + ".lock").unlink(missing_ok=True)  # the old layout's lock


@contextmanager
def _locked(path: PurePath | str) -> Iterator[Path]:
    """An exclusive lock in the decisions folder, so that concurrent writers take turns; the
    folder's .gitignore keeps the lock and temporary files out of commits. Yields the folder."""
    from filelock import FileLock  # lazy: only writers need it

    folder = locations(path)[0]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DecisionsError(f"{folder}: cannot create the decisions folder ({exc.strerror or exc})") from exc
    if not folder.is_dir():
        raise DecisionsError(f"{folder}: a file where the decisions folder should be; move it away")
    ignore = folder / ".gitignore"
    if not ignore.exists():
        atomic_write(ignore, GITIGNORE)
    with FileLock(folder / LOCK):
        yield folder


def _read(file: Path, what: str) -> object:
    """The JSON in a decisions file; an error naming git's conflict markers when it has them."""
    try:
        text = file.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DecisionsError(f"{file}: cannot read the {what} ({_first_line(exc)}); fix or restore it") from exc
    marker = _CONFLICT.search(text)
    if marker:
        line = text.count("\n", 0, marker.start()) + 1
        raise DecisionsError(
            f"{file}: unresolved git merge conflict markers at line {line}; keep one side, remove the markers"
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DecisionsError(f"{file}: cannot read the {what} ({_first_line(exc)}); fix or restore it") from exc


def _load_legacy(file: Path) -> dict[str, Decision]:
    data = _read(file, "decisions file")
    if (
        not isinstance(data, dict)
        or data.get("version") != DECISIONS_VERSION
        or not isinstance(data.get("decisions"), list)
    ):
        raise DecisionsError(
            f'{file}: not a decisions file (expected {{"version": {DECISIONS_VERSION}, "decisions": [...]}})'
        )
    out: dict[str, Decision] = {}
    for n, rec in enumerate(data["decisions"], 1):
        dec = _decision(rec, file, f"decision {n}")
        out[dec.id] = dec
    return out


def _load_one(file: Path) -> Decision:
    dec = _decision(_read(file, "decision file"), file, "the decision")
    if dec.id != file.stem:
        raise DecisionsError(f"{file}: holds decision {dec.id}; a decision's file is named after its id")
    return dec


def _decision(rec: object, file: Path, which: str) -> Decision:
    if not isinstance(rec, dict) or set(rec) - FIELDS or not {"id", "status"} <= set(rec):
        raise DecisionsError(f"{file}: {which} is malformed (fields: {', '.join(sorted(FIELDS))})")
    _check_id(str(rec["id"]), file)
    try:
        status = Status(rec["status"])
    except ValueError:
        raise DecisionsError(f"{file}: {which} has an unknown status {rec['status']!r}") from None
    if status == Status.UNREVIEWED or (status in NOTE_REQUIRED and not str(rec.get("note", "")).strip()):
        raise DecisionsError(f"{file}: {which} ({rec['id']}) is {status} without the note it needs")
    return Decision(
        id=str(rec["id"]), status=status, note=str(rec.get("note", "")), reviewer=str(rec.get("reviewer", "")),
        date=str(rec.get("date", "")), kind=str(rec.get("kind", "")), key=str(rec.get("key", "")),
        subject=str(rec.get("subject", "")), values=tuple(str(v) for v in rec.get("values", [])),
        right=str(rec.get("right", "")),
    )  # fmt: skip


def _check_id(dec_id: str, where: Path) -> None:
    """A decision's id names its file: letters, digits, '-' and '_' only."""
    if not _ID.fullmatch(dec_id):
        raise DecisionsError(f"{where}: {dec_id!r} is not a discrepancy id (letters and digits, as D1a2b3c4d5e)")


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]
