"""Articles as read before: what make_document made of an article's text (its metadata, blocks,
sentences and notices), kept in the fact cache's file so that a re-check does not clean and
split again the articles that did not change.

An entry is named by a hash of everything make_document reads: the code that reads
(engine.reading_fingerprint), the article's id and path, the day of the run (relative and
future publication dates), the manifest's metadata for it, and its decoded text. It holds plain
JSON: the text itself is not kept (the file is read again, and its hash names the entry), and
every span is checked against the text when read back; an entry that does not fit is passed over
and the article read again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..factcache import FactCache, FactStore
from ..memory import Memory
from ..models import Block, Document, Notice, Sentence

T = TypeVar("T")


@dataclass(slots=True)
class ReadCache:
    """The documents of the cache, looked up one by one; the new ones are written at the end.
    With a `memory` (memory.py: a process that checks the corpus again and again), a document
    read before in this process is taken from it as it is, before the file is asked."""

    store: FactStore | None
    reader: str  # engine.reading_fingerprint()
    memory: Memory | None = None
    found: list[str] = field(default_factory=list)
    new: list[tuple[str, str]] = field(default_factory=list)

    def key(self, doc_id: str, rel: str, text: str, overrides: dict[str, str] | None, today: dt.date) -> str:
        head = json.dumps([self.reader, doc_id, rel, today.isoformat(), overrides or {}], sort_keys=True)
        digest = hashlib.sha256(head.encode() + b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get(self, key: str, doc_id: str, rel: str, text: str, sha: str) -> tuple[Document, list[Notice]] | None:
        """The document and the notices reading it gave, when kept and fitting the text."""
        if self.memory is not None:
            kept = self.memory.documents.get(key)
            if kept is not None and kept[0].sha256 == sha:  # the same text from other bytes is read again
                return kept[0], list(kept[1])
        data = self.store.document(key) if self.store is not None else None
        if data is None:
            return None
        try:
            found = _decoded(json.loads(data), doc_id, rel, text, sha)
        except (ValueError, TypeError, RecursionError):  # not an entry this version wrote
            return None
        self.found.append(key)
        self._remember(key, *found)
        return found

    def put(self, key: str, doc: Document, notices: list[Notice]) -> None:
        self._remember(key, doc, notices)
        if self.store is not None:
            self.new.append((key, json.dumps(_encoded(doc, notices), separators=(",", ":"))))

    def _remember(self, key: str, doc: Document, notices: list[Notice]) -> None:
        if self.memory is not None:
            self.memory.documents.put(key, (doc, tuple(notices)))


@contextmanager
def read_cache(cache: FactCache | None, memory: Memory | None = None) -> Iterator[ReadCache | None]:
    """The documents kept in the cache (and in `memory`), open for a corpus's reading (None
    without either, or without the reading fingerprint, or when the cache cannot be opened and
    there is no memory: the fact stage that follows says why); what was found and made is
    written when the reading ends."""
    reader = cache.reader if cache is not None else ""
    store = None
    if cache is not None and reader:
        try:
            cache.prepare()
            # a damaged file is the fact stage's to start again, with a note
            store = FactStore.connect(cache, rebuild=False)
        except Exception:  # noqa: BLE001 - any failure only means reading without the cache
            store = None
    if store is None and memory is None:
        yield None
        return
    reads = ReadCache(store=store, reader=reader, memory=memory)
    try:
        yield reads
        if store is not None:
            store.keep_documents(reads.found, reads.new)
    finally:
        if store is not None:
            store.close()


def _encoded(doc: Document, notices: list[Notice]) -> list[Any]:
    published = doc.published.isoformat() if doc.published else None
    at = doc.published_time.isoformat() if doc.published_time else None
    return [
        [doc.title, doc.source, published, at, doc.author, doc.url],
        [[b.start, b.end, b.kept, b.reason] for b in doc.blocks],
        [[s.index, s.block, s.start, s.end, s.headline] for s in doc.sentences],
        [[n.path, n.message] for n in notices],
    ]


def _decoded(data: Any, doc_id: str, rel: str, text: str, sha: str) -> tuple[Document, list[Notice]]:
    """The document an entry describes; ValueError or TypeError when it does not fit."""
    meta, blocks, sentences, notices = data
    title, source, published, at, author, url = meta
    if not all(type(x) is str for x in (title, source, author, url)):
        raise ValueError("metadata")
    out_blocks = tuple(
        Block(start=_span(text, s, e)[0], end=e, kept=_of(kept, bool), reason=_of(reason, str))
        for s, e, kept, reason in blocks
    )
    out_sentences = tuple(
        Sentence(
            doc=doc_id, index=_of(i, int), block=_index(b, len(out_blocks)), start=s, end=e,
            text=text[slice(*_span(text, s, e))], headline=_of(headline, bool),
        )
        for i, b, s, e, headline in sentences
    )  # fmt: skip
    doc = Document(
        id=doc_id,
        path=rel,
        text=text,
        sha256=sha,
        title=title,
        source=source,
        published=dt.date.fromisoformat(_of(published, str)) if published is not None else None,
        published_time=dt.time.fromisoformat(_of(at, str)) if at is not None else None,
        author=author,
        url=url,
        blocks=out_blocks,
        sentences=out_sentences,
    )
    return doc, [Notice(path=_of(p, str), message=_of(m, str)) for p, m in notices]


def _span(text: str, start: Any, end: Any) -> tuple[int, int]:
    if type(start) is not int or type(end) is not int or not 0 <= start <= end <= len(text):
        raise ValueError("a span off the text")
    return start, end


def _index(i: Any, n: int) -> int:
    if type(i) is not int or not 0 <= i < n:
        raise ValueError("an index off its list")
    return i


def _of(x: Any, want: type[T]) -> T:
    if type(x) is not want:
        raise ValueError(f"not a {want.__name__}")
    return x
