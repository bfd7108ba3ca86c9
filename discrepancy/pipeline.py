"""Run the stages in order: ingest -> extract -> align -> compare.

Each stage is a pure function of the previous stage's output; only ingest reads files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from .align import align
from .compare import compare
from .extract import extract_facts
from .ingest import load_corpus
from .models import Corpus, Result

T = TypeVar("T")
# progress(stage, items) wraps an iterable to report on it (the CLI draws a bar on a terminal)
Progress = Callable[[str, list[T]], Iterable[T]]


def _silent(stage: str, items: list[T]) -> Iterator[T]:
    return iter(items)


def run(corpus: str | Path, *, progress: Progress | None = None) -> Result:
    """Check one corpus folder and return everything found."""
    return run_corpus(load_corpus(corpus), progress=progress)


def run_corpus(loaded: Corpus, *, progress: Progress | None = None) -> Result:
    """Extract, align and compare the documents of a loaded corpus."""
    step = progress or _silent
    facts = tuple(f for doc in step("extracting facts", list(loaded.documents)) for f in extract_facts(doc))
    slots = align(facts)
    discrepancies = compare(slots, loaded.by_id())
    return Result(corpus=loaded, facts=facts, slots=slots, discrepancies=discrepancies, notices=loaded.notices)
