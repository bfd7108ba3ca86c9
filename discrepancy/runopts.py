"""Options for how a run works, never what it finds: --jobs, --no-cache, --cache-dir and
--cache-max-mb. Like --config and --kinds (cliopts.py), they keep their values in the click
context, and `run_engine` (called by the CLI's run helper) turns them into the run's arguments."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from .factcache import DEFAULT_MAX_MB, FactCache, default_folder


def run_options(command: Callable[..., None]) -> Callable[..., None]:
    """--jobs, --cache/--no-cache, --cache-dir and --cache-max-mb for a command that runs a check."""

    def keep(ctx: click.Context, param: click.Parameter, value: object) -> None:
        if value is not None:
            ctx.meta[f"discrepancy.{param.name}"] = value

    options = (
        click.option(
            "--jobs", "-j", type=click.IntRange(min=1), expose_value=False, callback=keep,
            help="Processes that extract facts  [default: one per core]",
        ),
        click.option(
            "--cache/--no-cache", default=None, expose_value=False, callback=keep,
            help="Keep each article's facts in the fact cache, and read them back while the article "
            "is unchanged  [default: --cache]",
        ),
        click.option(
            "--cache-dir", type=click.Path(file_okay=False, path_type=Path), expose_value=False, callback=keep,
            envvar="DISCREPANCY_CACHE_DIR", show_envvar=True,
            help="The fact cache's folder  [default: CORPUS/.discrepancy/cache, or the user cache folder "
            "when CORPUS cannot be written]",
        ),
        click.option(
            "--cache-max-mb", type=click.FloatRange(min=0, min_open=True), expose_value=False, callback=keep,
            help=f"Size bound of the fact cache; the least recently used entries go  [default: {DEFAULT_MAX_MB:g}]",
        ),
    )  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def run_engine(corpus: Path) -> tuple[int | None, FactCache | None]:
    """The run's processes (None: one per core) and fact cache (None with --no-cache)."""
    meta = click.get_current_context().meta
    jobs = meta.get("discrepancy.jobs")
    if meta.get("discrepancy.cache") is False:
        return jobs, None
    folder = meta.get("discrepancy.cache_dir") or default_folder(corpus)
    size = meta.get("discrepancy.cache_max_mb", DEFAULT_MAX_MB)
    return jobs, FactCache(folder=Path(folder), max_bytes=int(size * 1_000_000))
