"""Command-line interface: parse options, call the library, write files, set the exit code."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import getpass
import io
import json
import os
import shlex
import sys
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import click

from .cliopts import run_settings, settings_options
from .errors import DiscrepancyError
from .fsutil import atomic_write
from .models import Result, Severity, Status
from .report.common import plural
from .runopts import run_engine, run_options
from .safe import escape_line, guard_lines, json_text
from .version import __version__

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2
T = TypeVar("T")


class InputError(click.ClickException):
    """Unusable corpus, settings or output path; exits 2 like a usage error."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(escape_line(message))  # one line, whatever the file names in it hold


def _say(message: str, *, err: bool = False) -> None:
    """Print one line to stdout (or stderr): corpus names in it cannot break it or steer a terminal."""
    click.echo(escape_line(message), err=err)


corpus_argument = click.argument("corpus", type=click.Path(path_type=Path))


# A progress bar is worth drawing only when a run takes a while.
PROGRESS_MIN_DOCUMENTS = 200


def _progress(stage: str, items: list[T]) -> Iterable[T]:
    """A progress bar on stderr when it is a terminal and the run is long; silent otherwise."""
    if len(items) < PROGRESS_MIN_DOCUMENTS or not sys.stderr.isatty():
        return items
    return _bar(stage, items)


def _bar(stage: str, items: list[T]) -> Iterator[T]:
    with click.progressbar(items, label=stage, file=sys.stderr, show_pos=True) as bar:
        yield from bar


def _run(
    corpus: Path, decisions: Path | None = None, output: tuple[Path, ...] = (), *, title: str | None = None
) -> tuple[Result, Path]:
    """Call the library with the run's settings (every stage, review included; `output`, where this command writes,
    is never read); turn user-fixable errors into exit code 2; say on stderr what was skipped
    and which decisions are stale or unused. Returns the reviewed result (titled `title` when
    given) and the decisions used."""
    from .factcache import CacheStats
    from .pipeline import run
    from .workers import default_jobs

    jobs, cache = run_engine(corpus)
    stats = CacheStats()
    try:
        if not corpus.exists():
            raise DiscrepancyError(f"{corpus}: no such file or directory")
        result = run(
            corpus, settings=run_settings(corpus), decisions=decisions, progress=_progress, output=output,
            jobs=jobs or default_jobs(), cache=cache, cache_stats=stats,
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
        _say(f"note: skipped {first.path} ({first.message[9:]}){more}; the report lists every note", err=True)
    for dec in result.review.stale:
        _say(
            f"warning: {path}: decision {dec.id} is stale (the values of '{dec.subject}' changed); review it again",
            err=True,
        )
    for dec in result.review.unused:
        _say(
            f"warning: {path}: decision {dec.id} matches no discrepancy ('discrepancy decisions prune' drops it)",
            err=True,
        )
    if title and title.strip():
        result = replace(result, title=" ".join(title.split()))
    return result, path


def _write(path: Path, text: str) -> None:
    try:
        atomic_write(path, text)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from exc


decisions_option = click.option(
    "--decisions", type=click.Path(path_type=Path),
    help="Decisions folder, one file per decision  [default: CORPUS/.discrepancy/decisions]",
)  # fmt: skip
FORMATS = ["text", "json", "md", "html", "csv", "jsonl", "sarif", "junit", "github"]
REPORT_FILES = (("report.json", "json"), ("report.md", "md"), ("report.html", "html"), ("report.csv", "csv"))


color_option = click.option(
    "--color/--no-color", default=None,
    help="Colours in terminal output  [default: on a terminal, unless NO_COLOR is set]",
)  # fmt: skip
title_option = click.option("--title", help="The report's title  [default: the corpus's `title` setting]")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="discrepancy")
@color_option
@click.pass_context
def cli(ctx: click.Context, color: bool | None) -> None:
    """Find factual disagreements between news articles about one story."""
    if color is not None:
        ctx.color = color
    elif os.environ.get("NO_COLOR"):
        ctx.color = False


def _use_color(ctx: click.Context, color: bool | None) -> bool:
    """Colour the text summary: as asked (--color/--no-color, here or before the command), else
    only on a terminal and unless NO_COLOR is set (https://no-color.org)."""
    if color is None:
        color = ctx.color
    if color is None:
        color = not os.environ.get("NO_COLOR") and sys.stdout.isatty()
    ctx.color = color  # click.echo keeps or strips the codes accordingly
    return color


@cli.command("check")
@corpus_argument
@settings_options
@run_options
@decisions_option
@click.option(
    "--fail-on", type=click.Choice(["low", "medium", "high"]), help="Lowest severity that fails  [default: low]"
)
@click.option("--strict", is_flag=True, help="Also fail when a decision went stale.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when discrepancies are found.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here instead of stdout."
)
@title_option
@color_option
@click.pass_context
def check_cli(
    ctx: click.Context, corpus: Path, decisions: Path | None, fail_on: str | None, strict: bool,
    exit_zero: bool, fmt: str, output: Path | None, title: str | None, color: bool | None,
) -> None:  # fmt: skip
    """Check the articles in CORPUS (a folder) and report where sources disagree.

    Reviewed discrepancies keep their status (see `discrepancy review`); only unreviewed or
    stale ones at or above --fail-on fail the check.

    \b
    Example:
      discrepancy check fixtures --format json --output reports/report.json
      discrepancy check corpus --fail-on medium --format sarif -o results.sarif
    \b
    Exit codes:
      0  nothing unreviewed at or above --fail-on
      1  unreviewed discrepancies (or stale decisions, with --strict)
      2  usage, input, settings or decisions-file error
    """
    from .report import render

    result, _ = _run(corpus, decisions, output=(output,) if output else (), title=title)
    if fail_on:
        result = replace(result, fail_on=Severity(fail_on))
    review = ["discrepancy", "review", corpus.as_posix()] + (["--decisions", str(decisions)] if decisions else [])
    text = render(
        result, fmt, corpus_dir=_corpus_dir(corpus), color=not output and _use_color(ctx, color), strict=strict,
        exit_zero=exit_zero, review_command=shlex.join(review),
    )  # fmt: skip
    if output:
        _write(output, text)
        _say(f"wrote {output}: {plural(len(result.discrepancies), 'discrepancy')}", err=True)
    else:
        click.echo(text, nl=False)
    _github_summary(result, corpus)
    ctx.exit(EXIT_OK if exit_zero else result.exit_code(strict=strict))


def _corpus_dir(corpus: Path) -> str:
    """The corpus as CI reports place files under it: as written on the command line when
    relative, else relative to the working directory (the repository root in CI) or, outside
    it, to the repository that holds the corpus; a path outside both keeps only its name, as
    no relative location could reach it (CI reports never carry absolute paths)."""
    if corpus.is_absolute():
        corpus = _relative(corpus)
    text = corpus.as_posix().rstrip("/")
    return "" if text in {"", "."} else text


def _relative(corpus: Path) -> Path:
    real = Path(os.path.realpath(corpus))
    repository = next((folder for folder in real.parents if (folder / ".git").exists()), None)
    bases = [Path.cwd(), *([repository] if repository else [])]
    for base in bases:
        for path in (corpus, real):
            with contextlib.suppress(ValueError):
                return path.relative_to(base)
    return Path(corpus.name)


def _github_summary(result: Result, corpus: Path) -> None:
    """In a GitHub Actions job, add a Markdown summary of the check to the job's page."""
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if os.environ.get("GITHUB_ACTIONS") != "true" or not summary_file:
        return
    from .report.github import job_summary

    try:
        with open(summary_file, "a", encoding="utf-8") as fh:
            fh.write(job_summary(result, corpus_dir=_corpus_dir(corpus)))
    except OSError as exc:  # the summary is a courtesy: the check's result and exit code stand
        _say(f"warning: {summary_file}: cannot write the job summary ({exc.strerror or exc}); skipped", err=True)


@cli.command("report")
@corpus_argument
@settings_options
@run_options
@decisions_option
@click.option(
    "--output-dir", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("reports"), show_default=True
)
@title_option
def report_cli(corpus: Path, decisions: Path | None, output_dir: Path, title: str | None) -> None:
    """Write report.json, report.md, report.html and report.csv for CORPUS into a folder.

    \b
    Example:
      discrepancy report fixtures --output-dir reports
    """
    from .report import render

    result, _ = _run(corpus, decisions, output=(output_dir,), title=title)
    rendered = {name: render(result, fmt) for name, fmt in REPORT_FILES}
    for name, text in rendered.items():
        _write(output_dir / name, text)
    _say(
        f"{plural(len(result.corpus.documents), 'article')}, {plural(len(result.discrepancies), 'discrepancy')}; "
        f"wrote {', '.join(str(output_dir / n) for n in rendered)}"
    )


@cli.command("extract")
@corpus_argument
@settings_options
@run_options
@click.option("--doc", "doc_id", help="Only this document id.")
def extract_cli(corpus: Path, doc_id: str | None) -> None:
    """Print the facts found in CORPUS as JSON Lines (for debugging the extractors)."""
    result, _ = _run(corpus)
    for f in result.facts:
        if doc_id and f.doc != doc_id:
            continue
        rec = {
            "kind": str(f.kind), "doc": f.doc, "start": f.start, "end": f.end, "text": f.raw,
            "normalized": f.normalized, "keys": sorted(str(k) for k in f.keys), "lead": f.lead,
            "subject": f.subject, "details": f.details(),
        }  # fmt: skip
        click.echo(json_text(json.dumps(rec, ensure_ascii=False, sort_keys=True)))


@cli.command("eval")
@corpus_argument
@settings_options
@run_options
@click.option(
    "--gold",
    "gold_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Gold file  [default: CORPUS/gold.toml]",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def eval_cli(corpus: Path, gold_path: Path | None, fmt: str) -> None:
    """Score the checker on CORPUS against its gold annotations (gold.toml, version 1 or 2):
    recall, the matched-flag share (precision), stretch discrepancies found, agreements broken
    and distinct entries violated; per kind; the missed and the extra flags with their evidence.

    \b
    Example:
      discrepancy eval fixtures/quake
      discrepancy eval fixtures --gold fixtures/gold.toml --format json
    """
    from .evaluate import load_gold, report, text_lines

    result, _ = _run(corpus)
    try:
        gold = load_gold(gold_path or corpus / "gold.toml", result.corpus)
    except DiscrepancyError as exc:
        raise InputError(str(exc)) from exc
    data = report(result, gold)
    if fmt == "json":
        click.echo(json_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)))
        return
    click.echo(guard_lines("\n".join(map(escape_line, text_lines(data)))))


@cli.command("synth")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path), required=False)
@click.option("--template", "-t", default="disaster", show_default=True, help="Story kind (see --list).")
@click.option("--articles", "-n", type=click.IntRange(1, 1_000_000), default=20, show_default=True)
@click.option("--seed", "-s", type=int, default=1, show_default=True)
@click.option("--list", "list_templates", is_flag=True, help="List the story templates and exit.")
def synth_cli(out_dir: Path | None, template: str, articles: int, seed: int, list_templates: bool) -> None:
    """Write a synthetic corpus of ARTICLES articles about one invented story, with its
    gold.toml of planted discrepancies and agreements (seeded: the same seed, the same bytes).

    \b
    Example:
      discrepancy synth /tmp/quake20 --template disaster --articles 20 --seed 3
      discrepancy eval /tmp/quake20
    """
    from .synth import TEMPLATES, write_corpus

    if list_templates:
        click.echo("\n".join(TEMPLATES))
        return
    if out_dir is None:
        raise click.UsageError("missing OUT_DIR: the folder to write the corpus into")
    if template not in TEMPLATES:
        raise InputError(f"unknown template {template!r}; choose one of: {', '.join(TEMPLATES)}")
    summary = write_corpus(out_dir, template=template, articles=articles, seed=seed)
    click.echo(
        f"wrote {summary['articles']} articles ({summary['bytes']:,} bytes) to {out_dir}: "
        f"{summary['discrepancies']} planted discrepancies, {summary['agreements']} agreements"
    )


@cli.command("review")
@corpus_argument
@settings_options
@run_options
@decisions_option
@click.option("--id", "ids", multiple=True, help="Decide on this discrepancy (repeatable).")
@click.option("--all", "all_", is_flag=True, help="Decide on every unreviewed or stale discrepancy.")
@click.option(
    "--status", type=click.Choice(["confirmed", "dismissed", "explained"]), help="The decision for --id/--all."
)
@click.option("--note", default="", help="Why (required to dismiss or explain).")
@click.option(
    "--reviewer", default="",
    help="Who decides  [default: $DISCREPANCY_REVIEWER, the `reviewer` setting, git config user.name, the login]",
)  # fmt: skip
@click.option("--date", "date_", default="", hidden=True, help="The day of the decision (ISO)  [default: today]")
@click.option("--web", is_flag=True, help="Review in the browser: serve the report with review controls on 127.0.0.1.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="With --web: the port  [default: a free one]")
@click.option("--no-open", is_flag=True, help="With --web: print the address, do not open a browser.")
def review_cli(
    corpus: Path, decisions: Path | None, ids: tuple[str, ...], all_: bool, status: str | None,
    note: str, reviewer: str, date_: str, web: bool, port: int, no_open: bool,
) -> None:  # fmt: skip
    """Review the discrepancies of CORPUS: confirm, dismiss or explain each one. Decisions are
    saved in the decisions file after every choice and respected by later runs.

    Without --id or --all, walks through unreviewed and stale discrepancies in the terminal;
    with --web, serves the report with review controls in the browser until Ctrl-C.

    \b
    Example:
      discrepancy review fixtures
      discrepancy review fixtures --web
      discrepancy review fixtures --id D1a2b3c4d5e --status dismissed --note "different events"
      discrepancy review fixtures --all --status confirmed
    """
    from .interactive import walk
    from .review import decide, record

    day = _day(date_)
    _check_text("--note", note)
    result, path = _run(corpus, decisions)
    if not date_:
        day = (result.corpus.today or dt.date.today()).isoformat()  # the run's --today
    who = _reviewer(reviewer, run_settings(corpus).reviewer, corpus)
    if web:
        if ids or all_ or status:
            raise click.UsageError("--web takes no --id, --all or --status: decide in the browser")
        from .serve import serve
        from .webreview import Session

        session = Session.of(result, path, reviewer=who, date=day if date_ else "")
        return serve(session, port=port, open_browser=not no_open, echo=click.echo)
    if not ids and not all_:
        if status:
            raise click.UsageError("--status needs --id or --all")
        try:
            walk(
                result, path, reviewer=who, date=day,
                read_key=lambda: click.prompt("", default="s", show_default=False, prompt_suffix="> "),
                read_note=lambda label: click.prompt(label, default="", show_default=False),
                echo=click.echo,
            )  # fmt: skip
        except DiscrepancyError as exc:
            raise InputError(str(exc)) from exc
        return
    if not status:
        raise click.UsageError("--id and --all need --status confirmed|dismissed|explained")
    by_id = {d.id: d for d in result.discrepancies}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise InputError(f"{corpus}: no discrepancy {unknown[0]} (see `discrepancy check {corpus}`)")
    chosen = (
        [by_id[i] for i in ids]
        if ids
        else [d for d in result.discrepancies if d.status == Status.UNREVIEWED or d.stale]
    )
    assert result.review is not None
    try:
        new = [decide(d, Status(status), note=note, reviewer=who, date=day) for d in chosen]
        # --all decides what was undecided when this run read the decisions: one recorded since
        # (by a concurrent `review --id`) is kept; --id names its discrepancies, so it decides again
        done = record(path, new, read={x.id: x for x in result.review.read}, explicit=set(ids))
    except DiscrepancyError as exc:
        raise InputError(str(exc)) from exc
    for verb, decs in (("kept", done.kept), ("replaced", done.replaced)):
        for dec in decs:
            who_else = dec.reviewer or "someone"
            _say(f"note: {verb} {dec.id}: {dec.status} by {who_else}, recorded during this run", err=True)
    _say(f"recorded {plural(len(done.written), 'decision')} in {path}")


def _reviewer(option: str, setting: str, corpus: Path) -> str:
    """Who decides: --reviewer, else $DISCREPANCY_REVIEWER, else the `reviewer` setting, else
    git's user.name where the corpus is, else the login name."""
    if option:
        return _check_text("--reviewer", option)
    env = os.environ.get("DISCREPANCY_REVIEWER", "")
    if env:
        return _check_text("DISCREPANCY_REVIEWER", env)
    return setting or _check_text("the login name", _login(corpus))


def _day(option: str) -> str:
    """The day of the decisions: --date (ISO), else today."""
    if not option:
        return dt.date.today().isoformat()
    try:
        return dt.date.fromisoformat(_check_text("--date", option)).isoformat()
    except ValueError:
        raise click.BadParameter(f"{option!r} is not a day (YYYY-MM-DD)", param_hint="--date") from None


def _check_text(name: str, text: str) -> str:
    """Text from the command line or the environment, refused if it is not UTF-8 (on Linux an
    undecodable byte arrives as a lone surrogate, which no file can hold)."""
    from .decisions import undecodable

    bad = undecodable(text)
    if bad:
        raise InputError(f"{name}: not valid UTF-8 ({bad}); give it as UTF-8 text")
    return text


def _login(corpus: Path) -> str:
    """The reviewer's name when nothing else gives it: git's user.name where the corpus is,
    else the login name."""
    import subprocess

    with contextlib.suppress(OSError, subprocess.SubprocessError):
        git = subprocess.run(
            ["git", "config", "user.name"], cwd=corpus if corpus.is_dir() else corpus.parent,
            capture_output=True, text=True, timeout=5, check=False,
        )  # fmt: skip
        if git.returncode == 0 and git.stdout.strip():
            return git.stdout.strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


@cli.group("decisions")
def decisions_cli() -> None:
    """Manage the decisions file."""


@decisions_cli.command("prune")
@corpus_argument
@settings_options
@run_options
@decisions_option
@click.option("--stale", is_flag=True, help="Also drop stale decisions (their discrepancies become unreviewed).")
def prune_cli(corpus: Path, decisions: Path | None, stale: bool) -> None:
    """Drop the decisions that match no discrepancy of CORPUS any more: the fact is gone, or
    its discrepancy was decided again on new values. Stale decisions are kept unless --stale:
    they show what was decided before the values changed."""
    from .review import prunable, prune

    result, path = _run(corpus, decisions)
    assert result.review is not None
    try:
        dropped = prune(path, prunable(result.review, stale=stale))
    except DiscrepancyError as exc:
        raise InputError(str(exc)) from exc
    _say(f"dropped {plural(len(dropped), 'decision')} from {path}" + (f": {', '.join(dropped)}" if dropped else ""))


def main() -> None:
    """Console-script entry point: a crash must not look like 'discrepancies found'."""
    # A command is a short batch: Python's cyclic garbage collector would walk its millions of
    # live facts again and again (pipeline.collector_paused) and once more on the way out. The
    # one command that lives long, `review --web`, turns it back on (serve.serve).
    gc.disable()
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show a character gets its escape
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
            stream.reconfigure(errors="backslashreplace")
    try:
        cli.main(prog_name="discrepancy")
    except SystemExit:
        raise
    except Exception:  # click already handled ClickException and Exit
        lines = traceback.format_exc().splitlines()  # the error's text may hold a file name or an outlet
        click.echo(guard_lines("\n".join(map(escape_line, lines))), err=True)
        click.echo("discrepancy: internal error (a bug); please report it with the traceback above", err=True)
        sys.exit(EXIT_ERROR)
