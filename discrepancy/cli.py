"""Command-line interface: parse options, call the library, write files, set the exit code."""

from __future__ import annotations

import contextlib
import gc
import io
import json
import os
import shlex
import sys
import traceback
from dataclasses import replace
from pathlib import Path

import click

from .cliopts import settings_options
from .clireview import decisions_cli, review_cli
from .clirun import (
    EXIT_ERROR,
    EXIT_OK,
    InputError,
    corpus_argument,
    decisions_option,
    run_command,
    say,
    title_option,
    write_file,
    write_reports,
)
from .cliwatch import watch_cli
from .errors import DiscrepancyError
from .models import Result, Severity
from .report.common import plural
from .runopts import run_options
from .safe import escape_line, guard_lines, json_text
from .version import __version__

FORMATS = ["text", "json", "md", "html", "csv", "jsonl", "sarif", "junit", "github"]


color_option = click.option(
    "--color/--no-color", default=None,
    help="Colours in terminal output  [default: on a terminal, unless NO_COLOR is set]",
)  # fmt: skip


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

    result, _ = run_command(corpus, decisions, output=(output,) if output else (), title=title)
    if fail_on:
        result = replace(result, fail_on=Severity(fail_on))
    review = ["discrepancy", "review", corpus.as_posix()] + (["--decisions", str(decisions)] if decisions else [])
    text = render(
        result, fmt, corpus_dir=_corpus_dir(corpus), color=not output and _use_color(ctx, color), strict=strict,
        exit_zero=exit_zero, review_command=shlex.join(review),
    )  # fmt: skip
    if output:
        write_file(output, text)
        say(f"wrote {output}: {plural(len(result.discrepancies), 'discrepancy')}", err=True)
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
        say(f"warning: {summary_file}: cannot write the job summary ({exc.strerror or exc}); skipped", err=True)


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
    result, _ = run_command(corpus, decisions, output=(output_dir,), title=title)
    written = write_reports(output_dir, result)
    say(
        f"{plural(len(result.corpus.documents), 'article')}, {plural(len(result.discrepancies), 'discrepancy')}; "
        f"wrote {', '.join(map(str, written))}"
    )


@cli.command("extract")
@corpus_argument
@settings_options
@run_options
@click.option("--doc", "doc_id", help="Only this document id.")
def extract_cli(corpus: Path, doc_id: str | None) -> None:
    """Print the facts found in CORPUS as JSON Lines (for debugging the extractors)."""
    result, _ = run_command(corpus)
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

    result, _ = run_command(corpus)
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


cli.add_command(review_cli)
cli.add_command(decisions_cli)
cli.add_command(watch_cli)


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
