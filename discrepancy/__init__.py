"""discrepancy: find factual disagreements between news articles about one story.

>>> import discrepancy
>>> result = discrepancy.check("fixtures")
>>> [d.subject for d in result.discrepancies]
"""

from __future__ import annotations

from pathlib import Path

from .errors import CorpusError, DiscrepancyError, SettingsError
from .models import (
    Claim,
    Corpus,
    Discrepancy,
    Document,
    Fact,
    Kind,
    Notice,
    Position,
    Result,
    Severity,
    Slot,
    Status,
)

__version__ = "0.1.0"


def check(corpus: str | Path) -> Result:
    """Check the articles in a corpus folder and return the discrepancies found."""
    from .pipeline import run

    return run(corpus)


__all__ = [
    "Claim",
    "Corpus",
    "CorpusError",
    "Discrepancy",
    "DiscrepancyError",
    "Document",
    "Fact",
    "Kind",
    "Notice",
    "Position",
    "Result",
    "SettingsError",
    "Severity",
    "Slot",
    "Status",
    "__version__",
    "check",
]
