"""Atomic file writes (a temp file in the same folder, flushed, then renamed over the target),
and paths written the same on every OS."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path, PurePath


def atomic_write(path: str | Path, text: str) -> None:
    """Write text to path so that readers see the old file or the new one, never a half. A
    symbolic link is written through (its target is replaced, the link stays a link), as
    `open(path, "w")` would do: a shared file reached by a link keeps receiving what is written."""
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def posix(path: PurePath | str) -> str:
    """A path as reports and messages write it on every OS: "/" between folders, so that a
    run on Windows and one on Linux give the same bytes."""
    return path.as_posix() if isinstance(path, PurePath) else PurePath(path).as_posix()
