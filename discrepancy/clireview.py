"""The review commands of the command line: `review` (in the terminal, or in the browser with
--web) and `decisions prune`. cli.py adds them to the command group."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
from pathlib import Path

import click

from .cliopts import run_settings, settings_options
from .clirun import InputError, corpus_argument, decisions_option, run_command, say
from .errors import DiscrepancyError
from .models import Status
from .report.common import plural
from .runopts import run_options


@click.command("review")
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
    result, path = run_command(corpus, decisions)
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
            say(f"note: {verb} {dec.id}: {dec.status} by {who_else}, recorded during this run", err=True)
    say(f"recorded {plural(len(done.written), 'decision')} in {path}")


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


@click.group("decisions")
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

    result, path = run_command(corpus, decisions)
    assert result.review is not None
    try:
        dropped = prune(path, prunable(result.review, stale=stale))
    except DiscrepancyError as exc:
        raise InputError(str(exc)) from exc
    say(f"dropped {plural(len(dropped), 'decision')} from {path}" + (f": {', '.join(dropped)}" if dropped else ""))
