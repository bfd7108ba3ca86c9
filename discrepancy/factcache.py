"""The fact cache: each document's facts kept on disk, so that a re-check extracts only the
articles that changed.

An entry is one JSON file (factcodec: never pickle), named by a hash of everything extraction
reads: the document (its decoded text and every field of it) and the run's extraction scope
(engine.extraction_scope: the kinds, the corpus's lexicon and frames). Inside, the entry names
the engine that wrote it (engine.engine_fingerprint: the version, the extraction code and the
data files); an entry of another engine, or one that cannot be read, is counted, passed over
and written again. Entries are written atomically (a temp file, then os.replace), so two runs
may share the folder: a reader sees a whole entry or none. The folder is kept under a size
bound: after a run that wrote entries, the least recently used are removed (a hit refreshes an
entry's time).

    CORPUS/.discrepancy/cache/      the default (a user cache folder when CORPUS is read-only)
      .gitignore                    `*`: never committed
      CACHEDIR.TAG                  backup tools pass it over
      3f/3f9a....json               {"engine": ..., "facts": [...], "format": 1, "key": ...}
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import operator
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .factcodec import CodecError, decode_facts, encode_facts
from .models import Document, Fact

FORMAT = 1
DEFAULT_MAX_MB = 256.0  # about 300,000 news articles' facts
EVICT_TO = 0.8  # once over the bound, entries go until the cache is this share of it
GITIGNORE = "# written by discrepancy: the fact cache, never committed\n*\n"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by discrepancy (https://bford.info/cachedir/).\n"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class FactCache:
    """Where the cache is, its bound, and what this run's entries depend on (plain data: it is
    sent to the extraction workers, which write the entries of the articles they read)."""

    folder: Path
    max_bytes: int = int(DEFAULT_MAX_MB * 1_000_000)
    engine: str = ""  # engine.engine_fingerprint()
    scope: str = ""  # engine.extraction_scope(ctx)

    def key(self, doc: Document) -> str:
        """The entry name of a document's facts in this run's scope."""
        digest = hashlib.sha256(self.scope.encode() + b"\0")
        digest.update(json.dumps(doc, default=_plain, separators=(",", ":")).encode())
        return digest.hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def read(self, key: str, doc: Document) -> tuple[tuple[Fact, ...] | None, str]:
        """A document's cached facts and "hit"; or None and why not: "miss" (no entry),
        "stale" (another engine's) or "corrupt" (unreadable, or facts that do not fit)."""
        path = self.path(key)
        try:
            text = path.read_text("ascii")
        except FileNotFoundError:
            return None, "miss"
        except (OSError, UnicodeDecodeError):
            return None, "corrupt"
        try:
            entry = json.loads(text)
            if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
                raise CodecError("not an entry of this cache")
            if entry.get("engine") != self.engine:
                return None, "stale"
            facts = decode_facts(entry.get("facts"), doc)
        except (ValueError, RecursionError):  # json.JSONDecodeError and CodecError are ValueErrors
            return None, "corrupt"
        _touch(path)
        return facts, "hit"

    def write(self, key: str, facts: Sequence[Fact]) -> bool:
        """Store a document's facts (atomically); False when they cannot be (a value type the
        codec does not know, or a folder that cannot be written): the run goes on uncached."""
        try:
            entry = {"engine": self.engine, "facts": encode_facts(facts), "format": FORMAT, "key": key}
            text = json.dumps(entry, separators=(",", ":"), sort_keys=True)  # ASCII: any text, even lone surrogates
        except (CodecError, ValueError):
            return False
        path = self.path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(fd, "w", encoding="ascii") as fh:
                    fh.write(text)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return False
        return True

    def prepare(self) -> None:
        """Create the folder with its .gitignore and CACHEDIR.TAG (OSError when it cannot be)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
            if not (self.folder / name).exists():
                (self.folder / name).write_text(text, encoding="utf-8")

    def evict(self) -> int:
        """Remove the least recently used entries (and temp files older than a day) while the
        cache is over its bound; returns how many entries went. Entries another run removes
        meanwhile are simply gone."""
        entries = []
        total = 0
        now = dt.datetime.now().timestamp()
        for sub in _listing(self.folder):
            for file in _listing(sub):
                try:
                    st = file.stat()
                except OSError:
                    continue
                if file.name.endswith(".tmp"):
                    if now - st.st_mtime > 86_400:
                        file.unlink(missing_ok=True)
                    continue
                entries.append((st.st_mtime, file.name, st.st_size, file))
                total += st.st_size
        if total <= self.max_bytes:
            return 0
        removed = 0
        for _, _, size, file in sorted(entries):
            if total <= self.max_bytes * EVICT_TO:
                break
            try:
                file.unlink()
            except OSError:
                continue
            total -= size
            removed += 1
        return removed


@dataclass(slots=True)
class CacheStats:
    """What the cache did in one run: counts by outcome of the look-ups, and entries written."""

    counts: dict[str, int] = field(default_factory=dict)
    written: int = 0
    evicted: int = 0
    unusable: str = ""  # why the folder could not be used, when it could not

    def add(self, outcome: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1

    def notes(self, folder: Path) -> list[str]:
        """One line for the user when entries were passed over (empty when none were)."""
        if self.unusable:
            return [f"fact cache {folder}: cannot be written ({self.unusable}); every article was read"]
        stale, corrupt = self.counts.get("stale", 0), self.counts.get("corrupt", 0)
        out = []
        if stale:
            out.append(f"{stale} cached {_entries(stale)} from another version of discrepancy")
        if corrupt:
            out.append(f"{corrupt} unreadable cached {_entries(corrupt)}")
        if not out:
            return []
        return [f"fact cache {folder}: ignored {' and '.join(out)}; those articles were read again"]


def _entries(n: int) -> str:
    return "entry" if n == 1 else "entries"


def _listing(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if not p.name.startswith(".") or p.name.endswith(".tmp")]
    except OSError:  # not a folder (.gitignore, CACHEDIR.TAG), or removed meanwhile
        return []


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):  # a read-only cache still serves its entries
        os.utime(path)


def _plain(x: object) -> Any:
    """A document, or a field of one, as JSON data (json.dumps asks for what it cannot write
    itself): every field of a dataclass, so that a field a later version adds to Document is
    in the key without a change here."""
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return [type(x).__name__, *_values(type(x))(x)]
    if isinstance(x, dt.date | dt.time):
        return x.isoformat()
    raise TypeError(f"a document field of type {type(x).__name__}: teach factcache._plain to write it")


@cache
def _values(cls: type) -> Callable[[object], tuple[Any, ...]]:
    names = [f.name for f in dataclasses.fields(cls)]
    return operator.attrgetter(*names) if len(names) > 1 else lambda v: (getattr(v, names[0]),)


def default_folder(corpus: Path) -> Path:
    """CORPUS/.discrepancy/cache when the corpus's folder can be written, else the user's cache
    folder ($XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA%
    on Windows), under `discrepancy`."""
    base = corpus if corpus.is_dir() else corpus.parent
    here = base / ".discrepancy" / "cache"
    if _writable(here):
        return here
    return user_cache_folder()


def user_cache_folder() -> Path:
    if sys.platform == "win32":
        root = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(root) / "discrepancy" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "discrepancy"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "discrepancy"


def _writable(folder: Path) -> bool:
    """Whether folder exists and can be written, or can be created (its nearest existing parent
    can be written)."""
    for f in (folder, *folder.parents):
        if f.exists():
            return f.is_dir() and os.access(f, os.W_OK | os.X_OK)
    return False
