"""discrepancy: find factual disagreements between news articles about one story.

>>> import discrepancy
>>> result = discrepancy.check("fixtures")
>>> [d.subject for d in result.discrepancies]
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .errors import CorpusError, DecisionsError, DiscrepancyError, SettingsError
from .models import (
    Claim,
    Corpus,
    Decision,
    Discrepancy,
    Document,
    Fact,
    FactCell,
    FactRow,
    Kind,
    Notice,
    Position,
    Result,
    ReviewState,
    Severity,
    Slot,
    Standing,
    Status,
)
from .version import __version__

if TYPE_CHECKING:
    import pandas

    from .kinds import Registry
    from .memory import Memory


def check(
    corpus: str | Path,
    *,
    decisions: str | Path | Literal[False] | None = None,
    registry: Registry | None = None,
    today: dt.date | None = None,
    jobs: int = 1,
    cache: bool | str | Path = False,
    memory: Memory | None = None,
) -> Result:
    """Check the articles in a corpus folder and return the discrepancies found, reviewed.

    `decisions` is the decisions folder to apply, like `discrepancy check --decisions`; None
    (the default) means the corpus's own, found as the command finds it (the `decisions`
    setting, else CORPUS/.discrepancy/decisions; a missing folder means no decisions yet);
    False skips the review stage (every discrepancy unreviewed, `result.review` None). A broken
    decision file raises DecisionsError. `result.exit_code(fail_on, strict=...)` is the command's exit
    code for the same options (without --fail-on: the corpus's `fail-on` setting). `registry`
    is the kinds to look for: `discrepancy.extract.BUILTIN` by default, or it `.with_kind(...)`.
    `today` is the day the corpus is read on, like `--today` (relative and future publication
    dates); default: the current date, recorded in `result.corpus.today`.
    `jobs` is the number of processes that extract facts (1, the default, starts none; the
    command's default is one per core; with more, call it under `if __name__ == "__main__":`
    on macOS and Windows, as any multiprocessing program). `cache` is the fact cache: False
    (the default) uses none, True the command's default folder (CORPUS/.discrepancy/cache, or
    the user cache folder), a path that folder. `memory` (a `discrepancy.memory.Memory`, made
    once and passed to every check of one corpus, as `discrepancy watch` does) keeps what a
    check read and extracted for the next: only the articles that changed are read again. The
    result is the same whatever these three are.
    """
    from .factcache import FactCache, default_folder
    from .pipeline import run

    folder = None if cache is False else default_folder(Path(corpus)) if cache is True else Path(cache)
    return run(
        corpus, decisions=decisions, registry=registry, today=today, jobs=jobs,
        cache=FactCache(folder=folder) if folder is not None else None, memory=memory,
    )  # fmt: skip


def claims_frame(result: Result) -> pandas.DataFrame:
    """The claims of a result as a pandas DataFrame: one row per claim of every discrepancy,
    with the CSV report's columns (imports pandas)."""
    from .tables import claims_frame as frame

    return frame(result)


def facts_table(result: Result) -> pandas.DataFrame:
    """Facts x outlets as a pandas DataFrame: one row per aligned fact, agreements too, each
    cell the value as written (imports pandas)."""
    from .tables import facts_table as table

    return table(result)


__all__ = [
    "Claim",
    "Corpus",
    "CorpusError",
    "Decision",
    "DecisionsError",
    "Discrepancy",
    "DiscrepancyError",
    "Document",
    "Fact",
    "FactCell",
    "FactRow",
    "Kind",
    "Notice",
    "Position",
    "Result",
    "ReviewState",
    "SettingsError",
    "Severity",
    "Slot",
    "Standing",
    "Status",
    "__version__",
    "check",
    "claims_frame",
    "facts_table",
]
