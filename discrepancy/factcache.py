"""The fact cache: each document's facts kept on disk, so that a re-check extracts only the
articles that changed.

All entries live in one SQLite file (the standard library's sqlite3): a run reads the entries it
needs with a few queries and writes its new ones in one transaction, where one file per entry
cost a thousand file writes per thousand articles (BENCHMARKS.md). An entry is a row: its key, a
hash of everything extraction reads (the document: its decoded text and every field of it; and
the run's extraction scope, engine.extraction_scope: the kinds, the corpus's lexicon and
frames); the engine that wrote it (engine.engine_fingerprint: the version, the extraction code
and the data files); the facts as plain JSON (factcodec: never pickle, never executable); and
when a run last used it. An entry of another engine, or one that cannot be read, is counted,
passed over and written again; a file that is not a cache at all is started again. SQLite's
locks make the file safe for two runs at once (a reader sees a whole entry or none, a writer
waits for the other). The file is kept under a size bound: after a run that wrote entries, the
least recently used go.

    CORPUS/.discrepancy/cache/      the default (a user cache folder when CORPUS is read-only)
      .gitignore                    `*`: never committed
      CACHEDIR.TAG                  backup tools pass it over
      facts.sqlite3                 table facts_2: key, engine, data (JSON), used
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import operator
import os
import re
import shutil
import sqlite3
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .factcodec import CodecError, decode_facts, encode_facts
from .keys import Key
from .models import Document, Fact

FORMAT = 2
FILE = "facts.sqlite3"
TABLE = f"facts_{FORMAT}"  # another layout of entries is another table: a later version never misreads one
DOCUMENTS = "documents_1"  # articles as read (ingest.readcache): what cleaning and sentences made of a text
DEFAULT_MAX_MB = 256.0  # about 300,000 news articles' facts
EVICT_TO = 0.8  # once over the bound, entries go until the cache is this share of it
BATCH = 500  # keys per query (SQLite's limit on a statement's parameters is 999 in old builds)
WAIT_S = 60.0  # how long a run waits for another run's write to end
GITIGNORE = "# written by discrepancy: the fact cache, never committed\n*\n"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by discrepancy (https://bford.info/cachedir/).\n"
)
_OLD_LAYOUT = re.compile(r"[0-9a-f]{2}")  # format 1: one JSON file per entry, in folders 00-ff
_OLD_ENTRY = re.compile(r"[0-9a-f]{64}\.json|\.[0-9a-f]{64}\.json\..*\.tmp")


@dataclass(frozen=True, slots=True, kw_only=True)
class FactCache:
    """Where the cache is, its bound, and what this run's entries depend on (plain data)."""

    folder: Path
    max_bytes: int = int(DEFAULT_MAX_MB * 1_000_000)
    engine: str = ""  # engine.engine_fingerprint()
    scope: str = ""  # engine.extraction_scope(ctx)
    reader: str = ""  # engine.reading_fingerprint(): documents are kept only when it is given

    @property
    def file(self) -> Path:
        return self.folder / FILE

    def key(self, doc: Document) -> str:
        """The entry name of a document's facts in this run's scope."""
        return entry_key(self.scope, doc)

    def prepare(self) -> None:
        """Create the folder with its .gitignore and CACHEDIR.TAG, and remove what an earlier
        layout of the cache left there (OSError when the folder cannot be made)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        tag = self.folder / "CACHEDIR.TAG"
        if tag.is_file() and tag.read_text("utf-8", "replace") == CACHEDIR_TAG:  # a cache this tool made
            for sub in _listing(self.folder):
                if _OLD_LAYOUT.fullmatch(sub.name) and sub.is_dir() and all(map(_old_entry, _listing(sub))):
                    shutil.rmtree(sub, ignore_errors=True)
        for name, text in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
            if not (self.folder / name).exists():
                (self.folder / name).write_text(text, encoding="utf-8")


class FactStore:
    """An open fact cache: entries read, written and evicted, each in one transaction."""

    def __init__(self, cache: FactCache, db: sqlite3.Connection, *, rebuilt: str = "") -> None:
        self.cache = cache
        self.db = db
        self.rebuilt = rebuilt  # why the file was started again ("" when it was not)
        self.failed = ""  # why entries could not be read (the run then reads every article)

    @classmethod
    def connect(cls, cache: FactCache, *, rebuild: bool = True) -> FactStore:
        """Open the cache's file, made when missing; a file that is not a cache of this layout
        (damaged, or another program's) is started again, and says why (sqlite3.Error when not
        told to `rebuild`)."""
        try:
            return cls(cache, _connect(cache.file))
        except sqlite3.DatabaseError as exc:
            if not rebuild or (isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)):
                raise
            why = str(exc)
        for suffix in ("", "-journal"):
            cache.file.with_name(cache.file.name + suffix).unlink(missing_ok=True)
        return cls(cache, _connect(cache.file), rebuilt=why)

    def close(self) -> None:
        self.db.close()

    def read(self, items: Sequence[tuple[str, Document]]) -> list[tuple[tuple[Fact, ...] | None, str]]:
        """Each document's cached facts and "hit"; or None and why not: "miss" (no entry),
        "stale" (another engine's) or "corrupt" (unreadable, or facts that do not fit); a hit
        marks its entry used now."""
        rows: dict[str, tuple[str, str]] = {}
        keys = [k for k, _ in items]
        try:
            for i in range(0, len(keys), BATCH):
                part = keys[i : i + BATCH]
                query = f"SELECT key, engine, data FROM {TABLE} WHERE key IN ({','.join('?' * len(part))})"
                for key, engine, data in self.db.execute(query, part):
                    rows[key] = (engine, data)
        except sqlite3.Error as exc:  # damaged past its first page, or locked by another run for minutes
            self.failed = str(exc)
            return [(None, "miss")] * len(items)
        out: list[tuple[tuple[Fact, ...] | None, str]] = []
        shared: dict[tuple[str, str], Key] = {}  # one object per distinct key in all the entries read
        for key, doc in items:
            row = rows.get(key)
            out.append((None, "miss") if row is None else _entry(row, self.cache.engine, doc, shared))
        hits = [k for (k, _), (_, outcome) in zip(items, out, strict=True) if outcome == "hit"]
        now = _now()
        with contextlib.suppress(sqlite3.OperationalError), self.db:  # a read-only cache still serves its entries
            self.db.executemany(f"UPDATE {TABLE} SET used = ? WHERE key = ?", ((now, k) for k in hits))
        return out

    def write(self, entries: Sequence[tuple[str, str]]) -> int:
        """Store documents' facts (key, encoded facts), all in one transaction; how many were
        written (0 when the file cannot be written: the run goes on uncached)."""
        if not entries or self.failed:
            return 0
        now = _now()
        try:
            with self.db:
                self.db.executemany(
                    f"INSERT OR REPLACE INTO {TABLE} (key, engine, data, used) VALUES (?, ?, ?, ?)",
                    ((key, self.cache.engine, data, now) for key, data in entries),
                )
        except sqlite3.Error:
            return 0
        return len(entries)

    def document(self, key: str) -> str | None:
        """A document's entry as read before (ingest.readcache), or None."""
        try:
            row = self.db.execute(f"SELECT data FROM {DOCUMENTS} WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row is not None and isinstance(row[0], str) else None

    def keep_documents(self, used: Sequence[str], new: Sequence[tuple[str, str]]) -> None:
        """Mark the documents found used now, and store the new ones (key, entry): one
        transaction, or nothing when the file cannot be written."""
        if not used and not new:
            return
        now = _now()
        with contextlib.suppress(sqlite3.Error), self.db:
            self.db.executemany(f"UPDATE {DOCUMENTS} SET used = ? WHERE key = ?", ((now, k) for k in used))
            self.db.executemany(
                f"INSERT OR REPLACE INTO {DOCUMENTS} (key, data, used) VALUES (?, ?, ?)",
                ((key, data, now) for key, data in new),
            )

    def evict(self) -> int:
        """Remove the least recently used entries (facts and documents) while the cache is over
        its bound; returns how many went."""
        both = " UNION ALL ".join(
            f"SELECT '{t}' AS t, key, length(data) AS size, used FROM {t}" for t in (TABLE, DOCUMENTS)
        )
        try:
            (total,) = self.db.execute(f"SELECT coalesce(sum(size), 0) FROM ({both})").fetchone()
            if total <= self.cache.max_bytes:
                return 0
            gone: list[tuple[str, str]] = []
            for table, key, size, _ in self.db.execute(f"{both} ORDER BY 4, 2"):
                if total <= self.cache.max_bytes * EVICT_TO:
                    break
                gone.append((table, key))
                total -= size
            with self.db:
                for table in (TABLE, DOCUMENTS):
                    self.db.executemany(f"DELETE FROM {table} WHERE key = ?", ((k,) for t, k in gone if t == table))
            self.db.execute("PRAGMA incremental_vacuum")  # the file shrinks with it
        except sqlite3.Error:
            return 0
        return sum(t == TABLE for t, _ in gone)


def encode_entry(facts: Sequence[Fact]) -> str | None:
    """A document's facts as an entry's data; None when they cannot be (a value type the codec
    does not know: the document is simply not cached)."""
    try:
        return json.dumps(encode_facts(facts), separators=(",", ":"))  # ASCII: any text, even lone surrogates
    except (CodecError, ValueError):
        return None


def _entry(
    row: tuple[str, str], engine: str, doc: Document, keys: dict[tuple[str, str], Key]
) -> tuple[tuple[Fact, ...] | None, str]:
    written_by, data = row
    if written_by != engine:
        return None, "stale"
    try:
        if not isinstance(data, str):
            raise CodecError("not an entry of this cache")
        return decode_facts(json.loads(data), doc, keys), "hit"
    except (ValueError, RecursionError):  # json.JSONDecodeError and CodecError are ValueErrors
        return None, "corrupt"


def _connect(file: Path) -> sqlite3.Connection:
    db = sqlite3.connect(file, timeout=WAIT_S)  # a transaction per `with db:` block
    try:
        db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # takes effect in a new file
        db.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} "
            "(key TEXT PRIMARY KEY, engine TEXT NOT NULL, data TEXT NOT NULL, used INTEGER NOT NULL)"
        )
        db.execute(
            f"CREATE TABLE IF NOT EXISTS {DOCUMENTS} (key TEXT PRIMARY KEY, data TEXT NOT NULL, used INTEGER NOT NULL)"
        )
        db.execute(f"SELECT count(*) FROM {TABLE} WHERE 0").fetchone()  # a damaged file fails here
    except BaseException:
        db.close()
        raise
    return db


def _now() -> int:
    return time.time_ns()


@dataclass(slots=True)
class CacheStats:
    """What the cache did in one run: counts by outcome of the look-ups, and entries written."""

    counts: dict[str, int] = field(default_factory=dict)
    written: int = 0
    evicted: int = 0
    unusable: str = ""  # why the folder could not be used, when it could not
    rebuilt: str = ""  # why the file was started again, when it was

    def add(self, outcome: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1

    def notes(self, folder: Path) -> list[str]:
        """One line for the user when entries were passed over (empty when none were)."""
        if self.unusable:
            return [f"fact cache {folder}: cannot be used ({self.unusable}); every article was read"]
        if self.rebuilt:
            return [f"fact cache {folder}: {FILE} could not be read ({self.rebuilt}); it was started again"]
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


def _old_entry(path: Path) -> bool:
    return bool(_OLD_ENTRY.fullmatch(path.name))


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


# What a document's key is made of: every field of Document (a test checks that none is left
# out, so that a field a later version adds cannot be forgotten), a block or a sentence as its
# fields (a sentence's text is its span of the document's text, which is in the key).
KEYED_FIELDS = (
    "id", "path", "text", "sha256", "title", "source", "published", "published_time", "author", "url",
    "blocks", "sentences", "record",
)  # fmt: skip
_DOCUMENT = operator.attrgetter(*KEYED_FIELDS[:10])
_BLOCK = operator.attrgetter("start", "end", "kept", "reason")
_SENTENCE = operator.attrgetter("index", "block", "start", "end", "headline")


def entry_key(scope: str, doc: Document) -> str:
    """The name of a document's facts in a run's extraction scope (engine.extraction_scope)."""
    digest = hashlib.sha256(scope.encode() + b"\0")
    digest.update(repr(document_fields(doc)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def document_fields(doc: Document) -> tuple[object, ...]:
    """What a document's key hashes, as plain values whose repr is the same in every run."""
    record = None if doc.record is None else dataclasses.astuple(doc.record)
    return (
        *_DOCUMENT(doc),
        tuple(map(_BLOCK, doc.blocks)),
        tuple(map(_SENTENCE, doc.sentences)),
        record,
    )


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
