"""Extraction over a corpus: each document's facts from the fact cache when it holds them, the
others extracted, over several processes when there are enough of them to pay for it.

Extraction is a pure function of one document and the run's kinds and vocabulary, so the
documents are cut into chunks, shared between this process and a pool of workers, and their
facts collected in document order: the result is the same whatever the number of processes.
With `jobs` N, N - 1 workers take the chunks from the last one back while this process takes
them from the first one on: no process waits while chunks are left, and the facts this process
extracts are never pickled. What a worker receives is plain data (the documents, the registry,
whose extractors are module-level functions, the corpus's lexicon and frames), so the pool works
under every start method ('fork' on Linux, 'spawn' on macOS and Windows). A worker builds its
vocabulary once (loading is cached per process) and encodes the cache entries of the documents
it extracts; this process writes them, all in one transaction.

`beside` runs other work of a run (what is read from the texts alone) in a forked process of
its own while this one extracts or decodes facts.
"""

from __future__ import annotations

import gc
import math
import os
import pickle
import signal
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from typing import TypeVar

from .context import RunContext
from .engine import engine_fingerprint, extraction_scope
from .extract import extract_facts
from .factcache import CacheStats, FactCache, FactStore, encode_entry, entry_key
from .factcodec import stamped
from .kinds import Registry
from .memory import Memory
from .models import Document, Fact
from .vocab import ExtraFrames, ExtraItems, Vocabulary

T = TypeVar("T")
Step = Callable[[str, list[T]], Iterable[T]]

# Fewer documents than this to extract are extracted in this process: starting the workers,
# and sending facts back, cost more than a second core saves. Estimated from what was measured
# (BENCHMARKS.md, "Every core"): extraction takes 6-15 ms of CPU per article, the pool about
# 0.1 s to start and 0.5-1.3 ms per article to send its facts back, so a second idle core pays
# from about 40 articles. (On the shared machine of the benchmarks no core was idle, and the
# crossover itself could not be seen.)
MIN_POOL_DOCUMENTS = 50
# Chunks per process: small enough for the processes to finish together, few enough to send
# cheaply (at 1,000 generated articles, --jobs 2, three runs each on a busy machine: 4 chunks of
# 125 per process took 5.4-5.9 s, 16 of 32 4.1-4.7 s; a chunk of 32 is about 0.1 s of work).
CHUNKS_PER_WORKER = 16


def default_jobs() -> int:
    """The processors this process may run on (all the machine's cores, unless restricted)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


@contextmanager
def beside(work: Callable[[], T], *, jobs: int, documents: int) -> Iterator[Callable[[], T]]:
    """A function giving work's result: computed in a forked process, started on entry, while
    this one goes on with other work, when `jobs` allows a second process, the documents are
    enough to pay for one, and the platform forks ('fork', the default on Linux: the process
    inherits what work needs, and only the result is pickled); else computed here when asked.
    The work must be a pure function of what this process holds: if the process fails, it is
    computed here. A warm run of 1,000 generated articles spends about 0.4 s finding reprints
    and the story's outliers, while decoding its facts takes about 0.5 s."""
    import multiprocessing  # here: a run of one job starts no process

    if jobs <= 1 or documents < MIN_POOL_DOCUMENTS or multiprocessing.get_start_method() != "fork":
        yield work
        return
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_send, args=(work, sender), daemon=True)
    process.start()
    sender.close()

    def result() -> T:
        try:
            out: T = receiver.recv()
        except (EOFError, OSError):  # the process failed: its work is done here
            return work()
        return out

    try:
        yield result
    finally:
        receiver.close()
        if process.is_alive():
            process.terminate()
        process.join()


def _send(work: Callable[[], object], sender: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # work that fails here sends nothing: the parent does it again, and meets the error itself
    with sender, suppress(Exception):
        sender.send(work())


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractJob:
    """What a worker needs to extract a document's facts (plain, picklable data)."""

    registry: Registry
    lexicon: ExtraItems = ()
    frames: ExtraFrames = ()

    def __call__(self, item: tuple[str, Document]) -> tuple[tuple[Fact, ...], str | None]:
        """A document's facts, and their cache entry (item: its entry key, "" when uncached,
        and the document; the entry is None when uncached, or when the facts cannot be)."""
        return self.run(item, Vocabulary.build(self.lexicon, self.frames))

    def run(self, item: tuple[str, Document], vocab: Vocabulary) -> tuple[tuple[Fact, ...], str | None]:
        key, doc = item
        facts = extract_facts(doc, self.registry, vocab)
        return facts, encode_entry(facts) if key else None


def _silent(stage: str, items: list[T]) -> Iterable[T]:
    return items


def extract_corpus(
    documents: Sequence[Document],
    ctx: RunContext,
    *,
    jobs: int = 1,
    cache: FactCache | None = None,
    stats: CacheStats | None = None,
    progress: Step[Document] | None = None,
    start_method: str | None = None,
    memory: Memory | None = None,
) -> tuple[Fact, ...]:
    """The facts of every document, in document order: from the cache when given and it holds
    them (`stats` counts what it did), else extracted, in `jobs` processes when there are
    enough documents (the platform's start method unless `start_method` is given). With a
    `memory` (memory.py), the facts this process found before are taken from it first, and
    every document's are kept in it."""
    stats = stats if stats is not None else CacheStats()
    found: list[tuple[Fact, ...] | None] = [None] * len(documents)
    keys = [""] * len(documents)
    # a document that says word for word what another says (a wire story filed twice, a copy
    # under another name) has the same facts, stamped with its own id: only the first of them
    # (in document order) is looked up in the cache, extracted and cached
    first: dict[tuple[object, ...], int] = {}
    same = [first.setdefault(_content(doc), i) for i, doc in enumerate(documents)]
    originals = [i for i, j in enumerate(same) if i == j]
    scope = extraction_scope(ctx) if cache is not None or memory is not None else None
    with _opened(cache, scope, stats) as store:
        if scope is not None:  # there is a cache or a memory to look in
            for i in originals:
                keys[i] = entry_key(scope, documents[i])
        if memory is not None and scope is not None:
            for i in originals:
                found[i] = memory.facts.get(keys[i])
        if store is not None:
            asked = [i for i in originals if found[i] is None]
            read = store.read([(keys[i], documents[i]) for i in asked])
            for i, (facts, outcome) in zip(asked, read, strict=True):
                found[i] = facts
                stats.add(outcome)
            stats.unusable = store.failed
        todo = [i for i in originals if found[i] is None]
        job = ExtractJob(registry=ctx.registry, lexicon=ctx.settings.lexicon, frames=ctx.settings.frames)
        step = progress or _silent
        items = [(keys[i] if store is not None else "", documents[i]) for i in todo]  # no store: nothing to encode
        shown = step("extracting facts", [documents[i] for i in todo])
        entries = []
        # the store's connection stays open while forked workers run: no transaction is open
        # then, and a worker never touches it (it returns its entries; this process writes them)
        with _mapped(job, items, ctx.vocab, jobs, start_method) as results:
            for i, _, (facts, entry) in zip(todo, shown, results, strict=True):
                found[i] = facts
                if entry is not None:
                    entries.append((keys[i], entry))
        if memory is not None and scope is not None:
            for i in originals:
                memory.facts.put(keys[i], found[i] or ())
        if store is not None and entries:
            stats.written = store.write(entries)
            stats.evicted = store.evict() if stats.written else 0
    for i, j in enumerate(same):
        if i != j:
            found[i] = stamped(found[j] or (), documents[i].id)
    return tuple(f for facts in found if facts is not None for f in facts)


def _content(doc: Document) -> tuple[object, ...]:
    """What extraction reads of a document: all of it but its name (its id and path, which only
    label its facts)."""
    sentences = tuple((s.index, s.block, s.start, s.end, s.headline) for s in doc.sentences)
    meta = (doc.title, doc.source, doc.published, doc.published_time, doc.author, doc.url)
    return (doc.text, meta, doc.blocks, sentences)


@contextmanager
def _opened(cache: FactCache | None, scope: str | None, stats: CacheStats) -> Iterator[FactStore | None]:
    """The cache for this run's scope, open; None when the run cannot be cached (a kind that is
    not built in: no scope) or the cache cannot be made or opened (`stats` says why)."""
    if cache is None or scope is None:
        yield None
        return
    try:
        cache.prepare()
        store = FactStore.connect(replace(cache, engine=engine_fingerprint(), scope=scope))
    except (OSError, sqlite3.Error) as exc:
        stats.unusable = getattr(exc, "strerror", None) or str(exc)
        yield None
        return
    stats.rebuilt = store.rebuilt
    try:
        yield store
    finally:
        store.close()


@contextmanager
def _mapped(
    job: ExtractJob, items: list[tuple[str, Document]], vocab: Vocabulary, jobs: int, start_method: str | None
) -> Iterator[Iterator[tuple[tuple[Fact, ...], str | None]]]:
    """The job's results for each item, in order, from `jobs` processes, this one included:
    `jobs - 1` workers start on entry and take the chunks of items from the last one back,
    while this process takes them from the first one on as the results are read, each chunk
    that no worker has begun (a chunk this process extracts is never pickled, and it never
    waits idle while chunks are left)."""
    here = (job.run(item, vocab) for item in items)
    if jobs <= 1 or len(items) < MIN_POOL_DOCUMENTS:
        yield here
        return
    import multiprocessing  # here, not at start-up: a run with few articles to extract starts no process
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context(start_method)
    forked = context.get_start_method() == "fork"
    if not (forked or _picklable(job)):
        yield here
        return
    chunk = math.ceil(len(items) / (jobs * CHUNKS_PER_WORKER))
    spans = [(i, min(i + chunk, len(items))) for i in range(0, len(items), chunk)]
    if forked:
        # A forked worker inherits the job and the documents: only spans of indices are sent,
        # which saves pickling every document (a third of the pool's cost at 1,000 articles).
        pool = ProcessPoolExecutor(max_workers=jobs - 1, mp_context=context, initializer=_start, initargs=(job, items))
    else:
        # each chunk of documents is sent to a worker; a spawned worker starts with the garbage
        # collector on (a forked one inherits the run's pause, pipeline.collector_paused):
        # extraction makes no cycles, so it is paused there too
        pool = ProcessPoolExecutor(max_workers=jobs - 1, mp_context=context, initializer=gc.disable)
    with pool:
        futures = {
            span: pool.submit(_span, span) if forked else pool.submit(_chunk, job, items[slice(*span)])
            for span in reversed(spans)  # the workers begin at the end
        }
        yield (
            result
            for span in spans
            for result in (
                [job.run(items[i], vocab) for i in range(*span)] if futures[span].cancel() else futures[span].result()
            )
        )


# A forked worker's own state: its job and documents, inherited when it starts (set by _start,
# in worker processes only; the parent's module state never changes).
_WORK: list[tuple[ExtractJob, list[tuple[str, Document]]]] = []


def _start(job: ExtractJob, items: list[tuple[str, Document]]) -> None:
    _WORK[:] = [(job, items)]


def _span(span: tuple[int, int]) -> list[tuple[tuple[Fact, ...], str | None]]:
    job, items = _WORK[0]
    return [job(items[i]) for i in range(*span)]


def _chunk(job: ExtractJob, items: list[tuple[str, Document]]) -> list[tuple[tuple[Fact, ...], str | None]]:
    return [job(item) for item in items]


def _picklable(job: ExtractJob) -> bool:
    """Whether the job can be sent to a worker: a caller's kind whose extractor is a lambda or
    a local function cannot (its documents are then extracted in this process)."""
    try:
        pickle.dumps(job)
    except (pickle.PicklingError, AttributeError, TypeError):
        return False
    return True
