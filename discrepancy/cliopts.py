"""Options shared by the commands that read settings: --config, --kinds and --today.

The commands do not take them as parameters: the options keep their values in the click
context, and `run_settings` (called by the CLI's run helper) turns them into the run's Settings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import click

from .settings import Settings, load_settings, parse_kinds


def settings_options(command: Callable[..., None]) -> Callable[..., None]:
    """--config, --kinds and --today for a command that reads settings; the CLI's run helper takes them
    from the command's context, so the command itself does not pass them on."""

    def keep(ctx: click.Context, param: click.Parameter, value: object) -> None:
        if value is not None:
            ctx.meta[f"discrepancy.{param.name}"] = value

    command = click.option(
        "--today", metavar="YYYY-MM-DD", type=click.DateTime(formats=["%Y-%m-%d"]), expose_value=False,
        callback=keep, help="The day to read the corpus on (relative and future publication dates)  [default: today]",
    )(command)  # fmt: skip
    command = click.option(
        "--kinds", metavar="KIND,...", expose_value=False, callback=keep,
        help="Only these kinds of discrepancy, comma-separated (e.g. date,time,quantity).",
    )(command)  # fmt: skip
    return click.option(
        "--config", type=click.Path(dir_okay=False, path_type=Path), expose_value=False, callback=keep,
        help="Settings file  [default: the nearest discrepancy.toml or pyproject.toml [tool.discrepancy]]",
    )(command)  # fmt: skip


def run_settings(corpus: Path) -> Settings:
    """The settings of this run: the --config file or the corpus's own, with --kinds applied,
    and the run's day: --today, else the current date, read once here."""
    from .extract import BUILTIN  # the registry of kinds (imported when a command runs)

    meta = click.get_current_context().meta
    settings = load_settings(corpus if corpus.is_dir() else corpus.parent, config=meta.get("discrepancy.config"))
    kinds = meta.get("discrepancy.kinds")
    if kinds is not None:
        settings = replace(settings, kinds=parse_kinds(kinds, BUILTIN.names))
    day = meta.get("discrepancy.today")
    return replace(settings, today=day.date() if day is not None else dt.date.today())
