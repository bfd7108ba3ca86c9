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

Hand-edited files are validated strictly and never coerced or rewritten: every field has its
type (a string; `values` a list of strings), a file holds the decision its name says, an id is
decided once (in the old file, and between it and the folder). Symbolic links are written
through (a shared folder or file keeps receiving decisions); an old-layout file that is a link
is never migrated (that would cut the link). Write errors (a read-only folder, a full disk) are
one-line errors naming the file. A writer compares what is stored with what its run read: a
decision recorded meanwhile by another writer is kept unless this one decides it explicitly.
Temp files of writers killed mid-write are removed by the next writer, under the lock.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePath

from .errors import DecisionConflict, DecisionsError
from .fsutil import atomic_write, remove_stale_temps
from .models import Decision, Status

DECISIONS_VERSION = 1  # of the old single-file layout
NOTE_REQUIRED = frozenset({Status.DISMISSED, Status.EXPLAINED})
FIELDS = {"id", "status", "note", "reviewer", "date", "kind", "key", "subject", "values", "right"}
TEXT_FIELDS = ("id", "status", "note", "reviewer", "date", "kind", "key", "subject", "right")  # strings
LOCK = ".lock"
GITIGNORE = "# written by discrepancy: the lock and temporary files of concurrent writers\n.lock\n.*.tmp\n"
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)
_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_TYPES = {type(None): "null", bool: "a boolean", int: "a number", float: "a number", str: "a string",
               list: "a list", dict: "an object"}  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class Recorded:
    """What record() did."""

    stored: dict[str, Decision]  # every decision stored now
    written: tuple[Decision, ...]  # this call's decisions that were written
    kept: tuple[Decision, ...]  # recorded meanwhile by another writer, kept instead of this call's
    replaced: tuple[Decision, ...]  # recorded meanwhile, replaced because decided again explicitly


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
    for p in (folder, legacy):
        if p.is_symlink() and not p.exists():
            raise DecisionsError(f"{p}: a symbolic link to {os.readlink(p)}, which does not exist; fix the link")
    out = _load_legacy(legacy) if legacy.is_file() else {}
    if folder.is_file():
        raise DecisionsError(f"{folder}: a file where the decisions folder should be; move it away")
    if folder.is_dir():
        with _io(folder, "read the decisions folder"):
            names = sorted(os.listdir(folder))
        for name in names:
            if name.endswith(".json") and not name.startswith("."):
                dec = _load_one(folder / name)
                if dec.id in out and out[dec.id] != dec:
                    raise DecisionsError(
                        f"{folder / name}: decides {dec.id} otherwise than {legacy} does; keep one of the two"
                    )
                out[dec.id] = dec
    return out


def record(
    path: PurePath | str, new: Iterable[Decision], *,
    read: Mapping[str, Decision] | None = None, explicit: Collection[str] = (),
    expect: Mapping[str, str] | None = None,
) -> Recorded:  # fmt: skip
    """Add or replace decisions: under the lock, re-read what is stored now (another writer may
    have added some), write one file per decision atomically, and finish moving an old-layout
    file into the folder. Nothing recorded by others is lost: given `read`, the decisions as
    this run read them, a decision stored since then (or changed) is kept, not replaced, unless
    its id is in `explicit` (decided again on purpose).

    `expect` maps ids to the `version` the writer last saw ("" for no decision): if one has
    changed on disk since, nothing is written and DecisionConflict names it (a page open in a
    browser must not overwrite what a terminal decided meanwhile)."""
    new = list(new)
    for dec in new:
        problem = _problem(dec)
        if problem:
            raise DecisionsError(f"{locations(path)[0]}: {problem}")
    with _locked(path) as folder:
        current = load(path)
        for dec_id, seen in sorted((expect or {}).items()):
            if version(current.get(dec_id)) != seen:
                raise DecisionConflict(f"{folder}: decision {dec_id} changed since it was read; reload it", dec_id)
        changed: dict[str, Decision] = {}
        kept, replaced = [], []
        for dec in new:
            now = current.get(dec.id)
            if read is not None and now is not None and now != read.get(dec.id) and now != dec:
                if dec.id not in explicit:
                    kept.append(now)
                    continue
                replaced.append(now)
            changed[dec.id] = dec
        _write(folder, {**current, **changed}, changed)
        return Recorded(
            stored={**current, **changed}, written=tuple(changed.values()), kept=tuple(kept), replaced=tuple(replaced)
        )


def prune(path: PurePath | str, drop: set[str]) -> list[str]:
    """Remove the decisions with these ids (under the lock; each file goes at once, so readers
    see a decision or none); returns the ids removed. A decision file that is a symbolic link
    loses the link; its target stays."""
    with _locked(path) as folder:
        current = load(path)
        dropped = sorted(set(current) & drop)
        kept = {k: v for k, v in current.items() if k not in drop}
        _write(folder, kept, {})
        for k in dropped:
            with _io(folder / f"{k}.json", "remove the decision"):
                (folder / f"{k}.json").unlink(missing_ok=True)
        return dropped


def version(dec: Decision | None) -> str:
    """A short fingerprint of a decision as stored ("" for none), to tell whether it changed."""
    return "" if dec is None else hashlib.sha256(dumps(dec).encode("utf-8")).hexdigest()[:16]


def dumps(dec: Decision) -> str:
    """One decision's file: sorted keys, indent 2, trailing newline."""
    return json.dumps(dec.record(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def undecodable(text: str) -> str:
    """What in text cannot be written as UTF-8 ("byte 0xe9" for an undecodable byte of a command
    line or file name, "U+D800" for a lone surrogate); "" when nothing."""
    m = _SURROGATE.search(text)
    if not m:
        return ""
    code = ord(m.group())
    return f"byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"U+{code:04X}"


def _write(folder: Path, decisions: dict[str, Decision], changed: dict[str, Decision]) -> None:
    """Write the changed decisions; if an old-layout file is still there, write every decision
    it held as well, then remove it (the migration)."""
    legacy = locations(folder)[1]
    todo = dict(changed)
    if legacy.is_symlink():
        raise DecisionsError(
            f"{legacy}: a symbolic link (to {os.readlink(legacy)}); moving its decisions into {folder.name}/ "
            "would cut the link: move them by hand and link the folder instead"
        )
    if legacy.is_file():
        todo = {**{k: v for k, v in decisions.items() if not (folder / f"{k}.json").is_file()}, **changed}
    for k in sorted(todo):
        with _io(folder / f"{k}.json", "write the decision"):
            atomic_write(folder / f"{k}.json", dumps(todo[k]))
    if legacy.is_file():
        with _io(legacy, "remove the old decisions file"):
            legacy.unlink()
            legacy.with_name(legacy.name + ".lock").unlink(missing_ok=True)  # the old layout's lock


@contextmanager
def _locked(path: PurePath | str) -> Iterator[Path]:
    """An exclusive lock in the decisions folder, so that concurrent writers take turns; the
    folder's .gitignore keeps the lock and temporary files out of commits. Under the lock, the
    temp files of writers that were killed are removed. Yields the folder."""
    from filelock import FileLock  # lazy: only writers need it

    folder, legacy = locations(path)
    if folder.is_symlink() and not folder.exists():
        raise DecisionsError(f"{folder}: a symbolic link to {os.readlink(folder)}, which does not exist; fix the link")
    with _io(folder, "create the decisions folder"):
        folder.mkdir(parents=True, exist_ok=True)
    if not folder.is_dir():
        raise DecisionsError(f"{folder}: a file where the decisions folder should be; move it away")
    lock = FileLock(folder / LOCK)
    with _io(folder / LOCK, "lock the decisions folder"):
        lock.acquire()
    try:
        remove_stale_temps(folder, lambda name: True)  # the folder is ours; its .gitignore says `.*.tmp`
        remove_stale_temps(folder.parent, lambda name: name == legacy.name)  # the old layout wrote there
        ignore = folder / ".gitignore"
        if not ignore.exists():
            with _io(ignore, "write"):
                atomic_write(ignore, GITIGNORE)
        yield folder
    finally:
        lock.release()


@contextmanager
def _io(path: Path, doing: str) -> Iterator[None]:
    """Turn an OS error while doing something to path into a one-line error naming it."""
    try:
        yield
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            hint = "free some disk space and run it again"
        elif exc.errno in {errno.EACCES, errno.EPERM, errno.EROFS}:
            hint = "the folder is read-only: make it writable, or give another one with --decisions"
        else:
            hint = "check the folder and run it again"
        raise DecisionsError(f"{path}: cannot {doing} ({exc.strerror or _first_line(exc)}); {hint}") from exc


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
    except (ValueError, RecursionError) as exc:  # not JSON; also a number of 5,000 digits, 100,000 brackets
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
    first: dict[str, int] = {}
    for n, rec in enumerate(data["decisions"], 1):
        named = isinstance(rec, dict) and isinstance(rec.get("id"), str) and _ID.fullmatch(rec["id"])
        dec = _decision(rec, file, f"decision {n} ({rec['id']}): " if named else f"decision {n}: ")
        if dec.id in out:
            raise DecisionsError(f"{file}: decisions {first[dec.id]} and {n} both decide {dec.id}; keep one")
        out[dec.id], first[dec.id] = dec, n
    return out


def _load_one(file: Path) -> Decision:
    dec = _decision(_read(file, "decision file"), file, "")
    if dec.id != file.stem:
        raise DecisionsError(f"{file}: holds decision {dec.id}; a decision's file is named after its id")
    return dec


def _decision(rec: object, file: Path, which: str) -> Decision:
    """A decision from its record, validated strictly: nothing coerced, nothing filled in but
    the optional fields' empty defaults."""
    where = f"{file}: {which}"
    if not isinstance(rec, dict):
        raise DecisionsError(f"{where}expected an object with an id and a status, not {_json_type(rec)}")
    unknown = sorted(set(rec) - FIELDS)
    if unknown:
        raise DecisionsError(f"{where}unknown field {_shown(unknown[0])} (fields: {', '.join(sorted(FIELDS))})")
    for name in ("id", "status"):
        if name not in rec:
            raise DecisionsError(f"{where}no {name!r}")
    for name in TEXT_FIELDS:
        if name in rec and not isinstance(rec[name], str):
            raise DecisionsError(f"{where}{name!r} must be a string, not {_json_type(rec[name])}")
    values = rec.get("values", [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise DecisionsError(f"{where}'values' must be a list of strings")
    try:
        status = Status(rec["status"])
    except ValueError:
        raise DecisionsError(f"{where}unknown status {_shown(rec['status'])}") from None
    dec = Decision(
        id=rec["id"], status=status, note=rec.get("note", ""), reviewer=rec.get("reviewer", ""),
        date=rec.get("date", ""), kind=rec.get("kind", ""), key=rec.get("key", ""),
        subject=rec.get("subject", ""), values=tuple(values), right=rec.get("right", ""),
    )  # fmt: skip
    problem = _problem(dec)
    if problem:
        raise DecisionsError(f"{where}{problem}")
    return dec


def _problem(dec: Decision) -> str:
    """What is wrong with a decision to store ("" when nothing): its id must name its file, its
    status be a decision with the note it needs, its date a day, its text writable as UTF-8."""
    if not _ID.fullmatch(dec.id):
        return f"{_shown(dec.id)} is not a discrepancy id (letters and digits, as D1a2b3c4d5e)"
    if dec.status == Status.UNREVIEWED:
        return f"{dec.id} is {dec.status}: a decision is confirmed, dismissed or explained"
    if dec.status in NOTE_REQUIRED and not dec.note.strip():
        return f"{dec.id} is {dec.status} without the note it needs"
    if dec.date and not (_DATE.fullmatch(dec.date) and _is_date(dec.date)):
        return f"{dec.id}: the date {_shown(dec.date)} is not a day (YYYY-MM-DD)"
    if dec.right and dec.right not in dec.values:
        return f"{dec.id}: the right value {_shown(dec.right)} is not one of its values"
    texts = [(n, getattr(dec, n)) for n in TEXT_FIELDS if n != "status"] + [("values", v) for v in dec.values]
    for name, text in texts:
        bad = undecodable(text)
        if bad:
            return f"{dec.id}: {name!r} holds {bad}, which is not text (UTF-8)"
    return ""


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _shown(value: object, limit: int = 60) -> str:
    """A value as an error message quotes it: escaped, on one line, cut when long."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]
