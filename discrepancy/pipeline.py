"""Run the stages in order: ingest -> extract -> align -> compare.

Each stage is a pure function of the previous stage's output; only ingest reads files.
"""

from __future__ import annotations

from pathlib import Path

from .align import align
from .compare import compare
from .extract import extract_facts
from .ingest import load_corpus
from .models import Result


def run(corpus: str | Path) -> Result:
    """Check one corpus folder and return everything found."""
    loaded = load_corpus(corpus)
    facts = tuple(f for doc in loaded.documents for f in extract_facts(doc))
    slots = align(facts)
    discrepancies = compare(slots, loaded.by_id())
    return Result(corpus=loaded, facts=facts, slots=slots, discrepancies=discrepancies, notices=loaded.notices)
