"""What the commands share: running the library with the run's settings and options, the
errors a user can fix (exit code 2), and lines for the terminal that corpus text cannot break."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import click

from .cliopts import run_settings
from .errors import DiscrepancyError
from .fsutil import atomic_write
from .memory import Memory
from .models import Result
from .runopts import run_engine
from .safe import escape_line

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2
T = TypeVar("T")


class InputError(click.ClickException):
    """Unusable corpus, settings or output path; exits 2 like a usage error."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(escape_line(message))  # one line, whatever the file names in it hold


def say(message: str, *, err: bool = False) -> None:
    """Print one line to stdout (or stderr): corpus names in it cannot break it or steer a terminal."""
    click.echo(escape_line(message), err=err)


corpus_argument = click.argument("corpus", type=click.Path(path_type=Path))
title_option = click.option("--title", help="The report's title  [default: the corpus's `title` setting]")
# what `report` and `watch` write into their folder: file name and format
REPORT_FILES = (("report.json", "json"), ("report.md", "md"), ("report.html", "html"), ("report.csv", "csv"))


# A progress bar is worth drawing only when a run takes a while.
PROGRESS_MIN_DOCUMENTS = 200


def progress(stage: str, items: list[T]) -> Iterable[T]:
    """A progress bar on stderr when it is a terminal and the run is long; silent otherwise."""
    if len(items) < PROGRESS_MIN_DOCUMENTS or not sys.stderr.isatty():
        return items
    return _bar(stage, items)


def _bar(stage: str, items: list[T]) -> Iterator[T]:
    with click.progressbar(items, label=stage, file=sys.stderr, show_pos=True) as bar:
        yield from bar


def run_command(
    corpus: Path,
    decisions: Path | None = None,
    output: tuple[Path, ...] = (),
    *,
    title: str | None = None,
    memory: Memory | None = None,
) -> tuple[Result, Path]:
    """Call the library with the run's settings (every stage, review included; `output`, where this command writes,
    is never read); turn user-fixable errors into exit code 2; say on stderr what was skipped
    and which decisions are stale or unused. Returns the reviewed result (titled `title` when
    given) and the decisions used. `memory`: what this process kept from its earlier checks of
    the corpus (memory.py; `watch`)."""
    from .factcache import CacheStats
    from .pipeline import run
    from .workers import default_jobs

    jobs, cache = run_engine(corpus)
    stats = CacheStats()
    try:
        if not corpus.exists():
            raise DiscrepancyError(f"{corpus}: no such file or directory")
        result = run(
            corpus, settings=run_settings(corpus), decisions=decisions, progress=progress, output=output,
            jobs=jobs or default_jobs(), cache=cache, cache_stats=stats, memory=memory,
        )  # fmt: skip
    except DiscrepancyError as exc:
        raise InputError(str(exc)) from exc
    for note in stats.notes(cache.folder) if cache else ():
        click.echo(f"note: {note}", err=True)
    assert result.review is not None  # run() reviews unless told decisions=False
    path = Path(result.review.path)
    skipped = [n for n in result.notices if n.message.startswith("skipped: ")]
    if skipped:
        first = skipped[0]
        more = f" and {len(skipped) - 1} more" if len(skipped) > 1 else ""
        say(f"note: skipped {first.path} ({first.message[9:]}){more}; the report lists every note", err=True)
    for dec in result.review.stale:
        say(
            f"warning: {path}: decision {dec.id} is stale (the values of '{dec.subject}' changed); review it again",
            err=True,
        )
    for dec in result.review.unused:
        say(
            f"warning: {path}: decision {dec.id} matches no discrepancy ('discrepancy decisions prune' drops it)",
            err=True,
        )
    if title and title.strip():
        result = replace(result, title=" ".join(title.split()))
    return result, path


def write_reports(folder: Path, result: Result, files: Sequence[tuple[str, str]] = REPORT_FILES) -> list[Path]:
    """Render the result in each format of `files` (file name, format), then write each into
    `folder`: nothing is written unless every report rendered. Returns the paths written."""
    from .report import render

    rendered = [(folder / name, render(result, fmt)) for name, fmt in files]
    for path, text in rendered:
        write_file(path, text)
    return [path for path, _ in rendered]


def write_file(path: Path, text: str) -> None:
    try:
        atomic_write(path, text)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from exc


decisions_option = click.option(
    "--decisions", type=click.Path(path_type=Path),
    help="Decisions folder, one file per decision  [default: CORPUS/.discrepancy/decisions]",
)  # fmt: skip
