"""Command-line interface: parse options, call the library, write files, set the exit code."""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from . import __version__
from .errors import DiscrepancyError
from .fsutil import atomic_write
from .models import Result

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


class InputError(click.ClickException):
    """Unusable corpus, settings or output path; exits 2 like a usage error."""

    exit_code = EXIT_ERROR


corpus_argument = click.argument("corpus", type=click.Path(path_type=Path))


# A progress bar is worth drawing only when a run takes a while.
PROGRESS_MIN_DOCUMENTS = 200


def _progress(stage: str, items: list) -> Iterable:
    """A progress bar on stderr when it is a terminal and the run is long; silent otherwise."""
    if len(items) < PROGRESS_MIN_DOCUMENTS or not sys.stderr.isatty():
        return items
    return _bar(stage, items)


def _bar(stage: str, items: list) -> Iterator:
    with click.progressbar(items, label=stage, file=sys.stderr, show_pos=True) as bar:
        yield from bar


def _run(corpus: Path) -> Result:
    """Call the library; turn user-fixable errors into exit code 2."""
    from .pipeline import run

    try:
        return run(corpus, progress=_progress)
    except DiscrepancyError as exc:
        raise InputError(str(exc)) from exc


def _write(path: Path, text: str) -> None:
    try:
        atomic_write(path, text)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="discrepancy")
def cli() -> None:
    """Find factual disagreements between news articles about one story."""


@cli.command("check")
@corpus_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here instead of stdout.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when discrepancies are found.")
@click.pass_context
def check_cli(ctx: click.Context, corpus: Path, fmt: str, output: Path | None, exit_zero: bool) -> None:
    """Check the articles in CORPUS (a folder) and report where sources disagree.

    \b
    Example:
      discrepancy check fixtures --format json --output reports/report.json
    \b
    Exit codes:
      0  no discrepancy found
      1  discrepancies found
      2  usage or input error
    """
    from .report import render

    result = _run(corpus)
    text = render(result, fmt)
    if output:
        _write(output, text)
        click.echo(f"wrote {output}: {len(result.discrepancies)} discrepancies", err=True)
    else:
        click.echo(text, nl=False)
    ctx.exit(EXIT_OK if exit_zero else result.exit_code)


@cli.command("report")
@corpus_argument
@click.option("--output-dir", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("reports"), show_default=True)
def report_cli(corpus: Path, output_dir: Path) -> None:
    """Write report.json and report.md for CORPUS into a folder.

    \b
    Example:
      discrepancy report fixtures --output-dir reports
    """
    from .report import render

    result = _run(corpus)
    rendered = {name: render(result, fmt) for name, fmt in (("report.json", "json"), ("report.md", "md"))}
    for name, text in rendered.items():
        _write(output_dir / name, text)
    click.echo(
        f"{len(result.corpus.documents)} documents, {len(result.discrepancies)} discrepancies; "
        f"wrote {', '.join(str(output_dir / n) for n in rendered)}"
    )


@cli.command("extract")
@corpus_argument
@click.option("--doc", "doc_id", help="Only this document id.")
def extract_cli(corpus: Path, doc_id: str | None) -> None:
    """Print the facts found in CORPUS as JSON Lines (for debugging the extractors)."""
    result = _run(corpus)
    for f in result.facts:
        if doc_id and f.doc != doc_id:
            continue
        rec = {
            "kind": str(f.kind), "doc": f.doc, "start": f.start, "end": f.end, "text": f.raw,
            "normalized": f.normalized, "keys": sorted(f.keys), "lead": f.lead, "extra": dict(f.extra),
        }  # fmt: skip
        click.echo(json.dumps(rec, ensure_ascii=False, sort_keys=True))


@cli.command("eval")
@corpus_argument
@click.option("--gold", "gold_path", type=click.Path(dir_okay=False, path_type=Path), help="Gold file  [default: CORPUS/gold.toml]")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def eval_cli(corpus: Path, gold_path: Path | None, fmt: str) -> None:
    """Score the checker on CORPUS against its gold annotations: recall and precision per kind,
    the missed and the extra flags with their evidence.

    \b
    Example:
      discrepancy eval fixtures/quake
      discrepancy eval fixtures --gold fixtures/gold.toml --format json
    """
    from .evaluate import load_gold, report

    result = _run(corpus)
    try:
        gold = load_gold(gold_path or corpus / "gold.toml", result.corpus)
    except DiscrepancyError as exc:
        raise InputError(str(exc)) from exc
    data = report(result, gold)
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))
        return
    o = data["overall"]
    click.echo(
        f"recall {o['recall']:.2f} ({o['found']}/{o['gold']}), precision {o['precision']:.2f} "
        f"({o['flags'] - len(data['extra'])}/{o['flags']}), agreements flagged {o['agreements_broken']}/{o['agreements']}"
    )
    click.echo(f"{'kind':<10} {'recall':>7} {'precision':>9} {'gold':>5} {'flags':>5}")
    for kind, k in data["kinds"].items():
        click.echo(f"{kind:<10} {k['recall']:>7.2f} {k['precision']:>9.2f} {k['gold']:>5} {k['flags']:>5}")
    for g in data["missed"]:
        sides = " vs ".join("/".join(f"{c['doc']}[{c['start']}]:{c['text']!r}" for c in side) for side in g["sides"])
        click.echo(f"missed  {g['kind']}: {g['subject']}: {sides}")
    for g in data["broken"]:
        click.echo(f"flagged agreement  {g['kind']}: {g['subject']}")
    for d in data["extra"]:
        sides = " vs ".join(f"{p['value']!r} ({', '.join(p['docs'])})" for p in d["positions"])
        click.echo(f"extra   {d['kind']}: {d['subject']}: {sides}")


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


def main() -> None:
    """Console-script entry point: a crash must not look like 'discrepancies found'."""
    try:
        cli.main(prog_name="discrepancy")
    except SystemExit:
        raise
    except Exception:  # click already handled ClickException and Exit
        traceback.print_exc()
        click.echo("discrepancy: internal error (a bug); please report it with the traceback above", err=True)
        sys.exit(EXIT_ERROR)
