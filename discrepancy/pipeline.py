"""Run the stages in order: ingest -> extract -> (set aside articles about another story,
story.py) -> align -> compare -> review.

Each stage is a pure function of the previous stage's output; only ingest reads article files
(and review its decisions, read before any other work so that a broken one stops the run
at once).
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Literal, Protocol, TypeVar

from .align import align
from .compare import compare
from .context import RunContext
from .engine import reading_fingerprint
from .factcache import CacheStats, FactCache
from .factrows import fact_rows
from .ingest import load_corpus
from .kinds import Registry
from .memory import Memory
from .models import Corpus, Reprint, Result
from .reprints import exact_copies, find_reprints, reprint_notices
from .review import decisions_path, load, review
from .selfcheck import with_inconsistencies
from .settings import Settings, load_settings
from .story import off_story, off_story_notices
from .workers import beside, extract_corpus

T = TypeVar("T")


class Progress(Protocol):
    """progress(stage, items) wraps a list to report on it (the CLI draws a bar on a terminal)."""

    def __call__(self, stage: str, items: list[T], /) -> Iterable[T]: ...


# A decisions folder (or an old-layout decisions.json); None: the corpus's own (its `decisions`
# setting, else .discrepancy/decisions); False: no review stage (every discrepancy stays unreviewed).
Decisions = str | Path | Literal[False] | None


def run(
    corpus: str | Path,
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
    registry: Registry | None = None,
    decisions: Decisions = None,
    output: tuple[Path, ...] = (),
    today: dt.date | None = None,
    jobs: int = 1,
    cache: FactCache | None = None,
    cache_stats: CacheStats | None = None,
    memory: Memory | None = None,
) -> Result:
    """Check one corpus folder and return everything found, reviewed with its decisions
    (settings: the corpus's own; registry: the kinds to look for, the built-in ones by default;
    output: the files and folders the caller writes reports to, never read as articles; today:
    the day the corpus is read on, else the settings', else the current date, read once here;
    jobs, cache, cache_stats: see run_corpus; memory: what this process kept from its earlier
    runs of the corpus, memory.py, which this run turns to its own)."""
    path = Path(corpus)
    settings = settings if settings is not None else load_settings(path if path.is_dir() else path.parent)
    settings = replace(settings, today=today or settings.today or dt.date.today())
    known = None
    if decisions is not False:
        file = decisions_path(path, setting=settings.decisions, option=decisions)
        known = load(file)  # broken decisions stop the run before any work
    if memory is not None:
        memory.turn()
    with collector_paused():
        result = run_corpus(
            load_corpus(
                corpus,
                ignore=settings.ignore,
                max_article_mb=settings.max_article_mb,
                output=output,
                today=settings.today,
                cache=replace(cache, reader=reading_fingerprint()) if cache is not None else None,
                memory=memory,
            ),
            settings=settings,
            progress=progress,
            registry=registry,
            jobs=jobs,
            cache=cache,
            cache_stats=cache_stats,
            memory=memory,
        )
    return result if known is None else review(result, known, path=file)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for a run, and left after as it was. A run
    builds millions of small objects that live until its end (documents, facts, keys, slots)
    and makes next to no reference cycles, and every full collection walks all of them: at
    10,000 generated articles, 14 full collections took 8-19 s of a 40 s run, and peak memory
    was the same without them (BENCHMARKS.md)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def run_corpus(
    loaded: Corpus,
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
    registry: Registry | None = None,
    jobs: int = 1,
    cache: FactCache | None = None,
    cache_stats: CacheStats | None = None,
    memory: Memory | None = None,
) -> Result:
    """Extract, align and compare the documents of a loaded corpus (no review). Facts come from
    `cache` when it holds them (`cache_stats` counts what it did), the others are extracted in
    `jobs` processes; the result is the same whatever both are, and with or without a `memory`
    (memory.py) of earlier runs."""
    ctx = RunContext.of(settings, registry)

    def read_texts() -> tuple[tuple[Reprint, ...], tuple[Reprint, ...], tuple[str, ...]]:  # from the text alone
        reprints = find_reprints(loaded.documents, memory)  # alignment weighs independent sources
        copies = exact_copies(reprints, loaded.by_id())
        return reprints, copies, off_story(loaded.documents, copies, memory)  # about another story: never checked

    # a memory is this process's: what it keeps of the texts is kept here
    with beside(read_texts, jobs=jobs if memory is None else 1, documents=len(loaded.documents)) as texts:
        facts = extract_corpus(
            loaded.documents, ctx, jobs=jobs, cache=cache, stats=cache_stats, progress=progress, memory=memory
        )
        reprints, copies, aside = texts()
    if aside:
        facts = tuple(f for f in facts if f.doc not in aside)
    slots = align(facts, ctx, copies)
    discrepancies = compare(slots, loaded.by_id(), reprints, ctx)
    discrepancies = with_inconsistencies(discrepancies, facts, loaded.by_id(), ctx)  # one source against itself
    return Result(
        kinds=ctx.registry.infos(),
        corpus=loaded,
        facts=facts,
        slots=slots,
        discrepancies=discrepancies,
        notices=loaded.notices + reprint_notices(reprints, loaded.by_id()) + off_story_notices(aside, loaded.by_id()),
        reprints=reprints,
        fact_rows=fact_rows(slots, discrepancies, reprints),
        fail_on=ctx.settings.fail_on,
        title=ctx.settings.title,
    )
