"""Extractors of kinds that two modules read: one function per group of sibling kinds, so the
registry runs it once for all of them."""

from __future__ import annotations

from ..models import Document, Fact
from ..vocab import Vocabulary
from . import ages, dates, names, numbers, origins, places


def people(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """NAME, TITLE and PLACE facts: people's names and titles (names.py), home towns and the
    spellings of place names (places.py)."""
    return names.extract(doc, vocab) + places.extract(doc, vocab)


def calendar(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """DATE and WEEKDAY facts: dates and days as written (dates.py) and the years things' ages
    imply ("the 86-year-old structure", origins.py)."""
    return dates.extract(doc, vocab) + origins.extract(doc, vocab)


def figures(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """QUANTITY and MONEY facts: figures (numbers.py) and ages bound to their person (ages.py)."""
    return numbers.extract(doc, vocab) + ages.extract(doc, vocab)
