"""Run the stages in order: ingest -> extract -> align -> compare.

Each stage is a pure function of the previous stage's output; only ingest reads files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from .align import align
from .compare import compare
from .context import RunContext
from .extract import extract_facts
from .ingest import load_corpus
from .kinds import Registry
from .models import Corpus, Result
from .reprints import find_reprints, reprint_notices
from .settings import Settings, load_settings

T = TypeVar("T")
# progress(stage, items) wraps an iterable to report on it (the CLI draws a bar on a terminal)
Progress = Callable[[str, list[T]], Iterable[T]]


def _silent(stage: str, items: list[T]) -> Iterator[T]:
    return iter(items)


def run(
    corpus: str | Path,
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
    registry: Registry | None = None,
) -> Result:
    """Check one corpus folder and return everything found (settings: the corpus's own; registry:
    the kinds to look for, the built-in ones by default)."""
    path = Path(corpus)
    settings = settings if settings is not None else load_settings(path if path.is_dir() else path.parent)
    return run_corpus(
        load_corpus(corpus, ignore=settings.ignore, max_article_mb=settings.max_article_mb),
        settings=settings,
        progress=progress,
        registry=registry,
    )


def run_corpus(
    loaded: Corpus,
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
    registry: Registry | None = None,
) -> Result:
    """Extract, align and compare the documents of a loaded corpus."""
    ctx = RunContext.of(settings, registry)
    step = progress or _silent
    facts = tuple(
        f
        for doc in step("extracting facts", list(loaded.documents))
        for f in extract_facts(doc, ctx.registry, ctx.vocab)
    )
    slots = align(facts, ctx)
    reprints = find_reprints(loaded.documents)
    discrepancies = compare(slots, loaded.by_id(), reprints, ctx)
    return Result(
        kinds=ctx.registry.infos(),
        corpus=loaded,
        facts=facts,
        slots=slots,
        discrepancies=discrepancies,
        notices=loaded.notices + reprint_notices(reprints, loaded.by_id()),
        reprints=reprints,
    )
