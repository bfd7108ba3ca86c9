"""Watching a corpus (`discrepancy watch`): check it again whenever a file in it changes (an
article arrives, is edited or removed; a setting or a decision changes), and say what the new
check found that the one before did not.

A change is seen by polling: a snapshot is each file's path, size and modification time, taken
every `interval` seconds (about 9 ms for a thousand articles; with many thousands, less often,
so that looking takes at most a tenth of the time), with no dependency and the same on every
platform. What the tool writes itself is left out of the snapshot (the fact cache,
the report folder), or every check would start another. A file changed while a check runs is
seen by the next snapshot and checked again, so a half-written article is read whole in the end.

The checks themselves are the caller's (cliwatch.py runs the pipeline with a memory.Memory, so
that a re-check reads and extracts only what changed); this module owns the loop, the snapshots
and the one-line summaries, each a function of its inputs.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .models import Result, Status
from .report.common import plural

# Folders never part of a snapshot: version control and bytecode, which tools rewrite freely.
PASSED_OVER = frozenset({".git", ".hg", ".svn", "__pycache__"})

# A look at the files takes about 9 ms per 1,000 of them: the pause after one is at least this
# many times as long as the look took.
LOOKING_SHARE = 9.0

Snapshot = tuple[tuple[str, int, int], ...]  # (path, size, modification time in ns), sorted


def snapshot(roots: Iterable[Path], skip: Iterable[Path] = ()) -> Snapshot:
    """Every file under `roots` (a root may be a file, or missing, or under another root), with
    its size and modification time; nothing under a path of `skip`. Links to folders are
    followed once (a loop is not walked again)."""
    skipped = {os.path.abspath(p) for p in skip}
    out: list[tuple[str, int, int]] = []
    seen: set[tuple[int, int]] = set()
    for root in roots:
        path = os.path.abspath(root)
        if path in skipped:
            continue
        try:
            info = os.stat(path)
        except OSError:  # missing, or unreadable: nothing of it to watch now
            continue
        if stat.S_ISDIR(info.st_mode):
            _walk(path, info, skipped, seen, out)
        elif stat.S_ISREG(info.st_mode):
            out.append((path, info.st_size, info.st_mtime_ns))
    return tuple(sorted(set(out)))


def _walk(
    folder: str, info: os.stat_result, skipped: set[str], seen: set[tuple[int, int]], out: list[tuple[str, int, int]]
) -> None:
    if (info.st_dev, info.st_ino) in seen:
        return
    seen.add((info.st_dev, info.st_ino))
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name in PASSED_OVER or entry.path in skipped:
            continue
        try:
            if entry.is_dir():  # a link to a folder is followed, as the corpus's reader does
                _walk(entry.path, entry.stat(), skipped, seen, out)
            elif entry.is_file():
                found = entry.stat()
                out.append((entry.path, found.st_size, found.st_mtime_ns))
        except OSError:  # gone since it was listed
            continue


@dataclass(frozen=True, slots=True)
class Checked:
    """What one check found, as the summary line needs it."""

    articles: int
    found: tuple[str, ...]  # discrepancy ids, in report order
    unreviewed: int


def checked(result: Result) -> Checked:
    return Checked(
        articles=len(result.corpus.documents),
        found=tuple(d.id for d in result.discrepancies),
        unreviewed=sum(d.status == Status.UNREVIEWED or d.stale for d in result.discrepancies),
    )


def summary(now: Checked, before: Checked | None, seconds: float, clock: str) -> str:
    """One line about a check: what it found, what is new since the check before and what is
    gone, and how long it took."""
    line = (
        f"[{clock}] {plural(now.articles, 'article')}: {plural(len(now.found), 'discrepancy')}, "
        f"{now.unreviewed} unreviewed"
    )
    if before is not None:
        was, found = set(before.found), set(now.found)
        new = [i for i in now.found if i not in was]
        gone = [i for i in before.found if i not in found]
        changes = [f"{len(new)} new: {_ids(new)}" if new else "", f"{len(gone)} gone: {_ids(gone)}" if gone else ""]
        line += f" ({'; '.join(c for c in changes if c)})" if new or gone else " (no change)"
    return f"{line}; checked in {seconds:.2f} s"


def _ids(ids: list[str], most: int = 5) -> str:
    return ", ".join(ids[:most]) + (f" and {len(ids) - most} more" if len(ids) > most else "")


def watch(
    look: Callable[[], Snapshot],
    check: Callable[[], None],
    *,
    interval: float,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    checks: int | None = None,
) -> int:
    """Call `check` now, then each time `look` sees something else than at the check before,
    looking every `interval` seconds, or less often when looking takes long (a folder of many
    thousands of files: at most a tenth of the time goes to looking); stop after `checks` checks
    when given (else at Ctrl-C, the caller's to catch). Returns the number of checks."""
    done = 0
    seen: Snapshot | None = None
    while checks is None or done < checks:
        start = clock()
        now = look()
        if now != seen:
            seen = now  # taken before the check: a change made while it runs starts another
            check()
            done += 1
            continue
        sleep(max(interval, LOOKING_SHARE * (clock() - start)))
    return done
