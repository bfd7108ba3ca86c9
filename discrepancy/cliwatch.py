"""The `watch` command: check a corpus again each time a file in it changes, write its reports
each time, and say in one line what changed (watch.py owns the loop and the lines; memory.py what
is kept between checks). cli.py adds it to the command group."""

from __future__ import annotations

import gc
import signal
import time
from pathlib import Path
from types import FrameType

import click

from .cliopts import run_settings, settings_options
from .clirun import (
    EXIT_OK,
    REPORT_FILES,
    InputError,
    corpus_argument,
    decisions_option,
    run_command,
    say,
    title_option,
    write_reports,
)
from .errors import DiscrepancyError
from .memory import Memory
from .review import decisions_path
from .runopts import run_engine, run_options
from .watch import Checked, checked, snapshot, summary, watch

FORMATS = tuple(fmt for _, fmt in REPORT_FILES)
# A check leaves a few dozen objects in reference cycles (the collector is paused for a command,
# cli.main): collected every so many checks, after the check's line is out.
COLLECT_EVERY = 20


@click.command("watch")
@corpus_argument
@settings_options
@run_options
@decisions_option
@click.option(
    "--output-dir", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("reports"), show_default=True
)
@click.option(
    "--format", "formats", type=click.Choice(FORMATS), multiple=True,
    help="A report to write (repeat for several)  [default: all four, as `report` writes]",
)  # fmt: skip
@click.option(
    "--interval", type=click.FloatRange(min=0.05), default=0.25, show_default=True,
    help="Seconds between two looks at the corpus's files.",
)  # fmt: skip
@title_option
@click.pass_context
def watch_cli(
    ctx: click.Context, corpus: Path, decisions: Path | None, output_dir: Path, formats: tuple[str, ...],
    interval: float, title: str | None,
) -> None:  # fmt: skip
    """Check CORPUS now and again each time a file in it changes (an article arrives, is edited or
    removed; a setting or a decision changes), writing its reports into a folder each time, until
    Ctrl-C.

    Each check prints one line: the discrepancies found, how many are unreviewed, which are new
    since the check before and which are gone. A re-check reads and extracts only the articles
    that changed: the others' facts stay in memory. A check that fails (an article folder left
    empty, a broken decision file) says why and leaves the reports as they were; the next change
    is checked again. Only the first check's failure stops the command (exit code 2).

    \b
    Example:
      discrepancy watch stories/quake --output-dir reports --format html
    """
    files = [(name, fmt) for name, fmt in REPORT_FILES if not formats or fmt in formats]
    _, cache = run_engine(corpus)
    memory = Memory()
    skip = [output_dir] + ([cache.folder] if cache is not None else [])
    config = ctx.meta.get("discrepancy.config")
    try:
        kept = decisions_path(corpus, setting=run_settings(corpus).decisions, option=decisions)
    except DiscrepancyError as exc:
        raise InputError(str(exc)) from exc
    roots = [corpus, kept] + ([config] if config is not None else [])
    last: Checked | None = None
    checks = 0

    def check() -> None:
        nonlocal checks, last
        start = time.perf_counter()
        clock = time.strftime("%H:%M:%S")
        try:
            result, _ = run_command(corpus, decisions, output=(output_dir,), title=title, memory=memory)
            write_reports(output_dir, result, files)
        except InputError as exc:
            if not checks:
                raise  # nothing usable to watch: exit 2 at once
            say(f"[{clock}] error: {exc.message}; the reports were left as they were", err=True)
            checks += 1
            return
        if not checks:
            say(f"watching {corpus}: reports in {output_dir}; Ctrl-C stops", err=True)
        now = checked(result)
        say(summary(now, last, time.perf_counter() - start, clock))
        last = now
        checks += 1
        if checks % COLLECT_EVERY == 0:
            gc.collect()

    signal.signal(signal.SIGTERM, _interrupt)  # a service manager's stop: as Ctrl-C
    try:
        watch(lambda: snapshot(roots, skip), check, interval=interval)
    except KeyboardInterrupt:
        say(f"stopped after {checks} {'check' if checks == 1 else 'checks'}", err=True)
        ctx.exit(EXIT_OK)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
