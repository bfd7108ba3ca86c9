"""Atomic file writes (a temp file in the same folder, flushed, then renamed over the target),
the clean-up of temp files that killed writers left, and paths written the same on every OS."""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

# A temp file is `.NAME.PID.RANDOM.tmp`: the target's name, so that each folder's .gitignore can
# keep them out (`.*.tmp`), and the writer's process id, so that a later run knows its writer
# is gone (kill -9 leaves it). Earlier versions wrote `.NAME.RANDOM.tmp`.
_TEMP = re.compile(r"\.(?P<name>.+?)\.(?:(?P<pid>\d+)\.)?[a-z0-9_]{8}\.tmp")
# A temp file untouched this long is left over even if its pid is alive again (pids are reused,
# and another machine's pids mean nothing here): a live writer updates it as it writes.
STALE_TEMP_SECONDS = 10.0


def atomic_write(path: str | Path, text: str) -> None:
    """Write text to path so that readers see the old file or the new one, never a half. A
    symbolic link is written through (its target is replaced, the link stays a link), as
    `open(path, "w")` would do: a shared file reached by a link keeps receiving what is written."""
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600): keep the target's mode, or the usual one
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_stale_temps(folder: Path, target: Callable[[str], bool], *, now: float | None = None) -> list[Path]:
    """Remove the temp files that interrupted atomic writes left in folder, for the targets
    whose names `target` accepts: those whose writer process is gone, or untouched for
    STALE_TEMP_SECONDS. Call it only while holding the lock every writer of that folder takes.
    Returns the files removed."""
    now = time.time() if now is None else now
    removed = []
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    for file in entries:
        m = _TEMP.fullmatch(file.name)
        if not m or not target(m["name"]):
            continue
        try:
            st = file.lstat()
            if (m["pid"] and not _alive(int(m["pid"]))) or now - st.st_mtime > STALE_TEMP_SECONDS:
                file.unlink()
                removed.append(file)
        except OSError:
            continue  # gone already, or not ours to remove
    return removed


def _alive(pid: int) -> bool:
    """Whether a process with this id runs here (on Windows, unknown: os.kill would end it)."""
    if os.name != "posix" or pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # it exists, owned by someone else (or no pid at all: the age decides)
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def inside(relative: str) -> bool:
    """Whether a path written relative to a folder names something inside it (not the folder
    itself): no absolute path or drive, no '..' leading out, '/' or '\\' between names. Symbolic
    links are not followed: a link inside is somebody's explicit choice."""
    if PureWindowsPath(relative).anchor or PurePosixPath(relative).anchor:
        return False
    parts: list[str] = []
    for part in relative.replace("\\", "/").split("/"):
        if part == "..":
            if not parts:
                return False
            parts.pop()
        elif part not in {"", "."}:
            parts.append(part)
    return bool(parts)


def posix(path: PurePath | str) -> str:
    """A path as reports and messages write it on every OS: "/" between folders, so that a
    run on Windows and one on Linux give the same bytes."""
    return path.as_posix() if isinstance(path, PurePath) else PurePath(path).as_posix()
