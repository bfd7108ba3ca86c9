"""Settings: defaults, overridden by a settings file, overridden by command-line options.

The settings file is the one given (`--config FILE`), else the nearest found from the corpus
folder up to the repository root: in each folder, a `discrepancy.toml` (top-level keys, or a
[tool.discrepancy] table), then a `pyproject.toml` with a [tool.discrepancy] table (one without
is passed over); the search stops after the folder holding `.git`, or at the filesystem root.
Paths in settings (`decisions`, `ignore`) are relative to the corpus folder, wherever the file
is. Unknown keys are an error with a did-you-mean hint."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import os
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import SettingsError
from .fsutil import inside
from .models import Kind, Severity

KEYS = {
    "fail-on": "lowest severity that fails `check` (low, medium, high)",
    "kinds": "the kinds of discrepancy to report (default: all)",
    "ignore": "glob patterns of article files to leave out, relative to the corpus",
    "decisions": "the decisions folder, relative to the corpus (default .discrepancy/decisions)",
    "lexicon": "extra item terms: {node = {parent = '...', terms = [...]}}",
    "frames": "extra frame expressions for measures: {frame = ['expression', ...]} (e.g. depth = ['sank to'])",
    "max-article-mb": "a larger article file is skipped with a notice (default 5)",
    "title": "the reports' title (default: Consistency report: CORPUS)",
    "reviewer": "who decides in `review` (default: $DISCREPANCY_REVIEWER, git config user.name, the login name)",
    "thresholds": "alignment thresholds: pair, min-context, quote, same-speaker (0-1), name-ratio (0-100)",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Thresholds:
    """Alignment thresholds. Calibrated on fixtures/ (the seed corpus and our own corpora):
    re-run `pytest tests/test_fixtures.py` after changing a default."""

    pair: float = 0.45  # minimum pair score (0-1) for two facts to be the same fact
    min_context: float = 0.12  # sentences sharing less (weighted Dice) are about different things
    quote: float = 0.34  # minimum content-word overlap (Dice) for two quotes to be one statement
    same_speaker: float = 0.2  # ... when both are credited to the same speaker
    name_ratio: float = 80  # minimum rapidfuzz ratio (0-100) for two surnames to be one spelling

    def changed(self, values: tuple[tuple[str, float], ...]) -> Thresholds:
        """These thresholds with some set by their setting names ("min-context")."""
        return replace(self, **{TUNABLE[k]: v for k, v in values})


# Thresholds a corpus may set (settings `thresholds`): setting name -> field.
TUNABLE = {f.name.replace("_", "-"): f.name for f in fields(Thresholds)}
_UPPER = {"name-ratio": 100}


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """What a run is configured with."""

    fail_on: Severity = Severity.LOW
    kinds: frozenset[str] = frozenset(Kind)
    ignore: tuple[str, ...] = ()
    decisions: str = ""
    lexicon: tuple[tuple[str, str, tuple[str, ...]], ...] = field(default=())
    frames: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())
    thresholds: tuple[tuple[str, float], ...] = ()
    max_article_mb: float = 5.0
    title: str = ""
    reviewer: str = ""  # who decides in `review`, when neither --reviewer nor $DISCREPANCY_REVIEWER says
    source: str = ""  # the file the settings came from
    # the day the run reads the corpus on (--today; never a settings-file key): None until the
    # CLI or the library's entry point sets it, once, to the current date
    today: dt.date | None = None


SETTINGS_FILES = (("discrepancy.toml", False), ("pyproject.toml", True))  # (name, needs [tool.discrepancy])


def load_settings(corpus: Path, *, config: Path | None = None) -> Settings:
    """Settings for a corpus folder: those of `config` when given (it must exist and hold
    settings), else of the nearest settings file (see the module docstring); defaults when
    there is none."""
    if config is not None:
        if not config.is_file():
            raise SettingsError(f"{config}: no such settings file")
        table = _table(config, nested=config.name == "pyproject.toml")
        if table is None:
            raise SettingsError(f"{config}: no [tool.discrepancy] table; put the settings there")
        return parse(table, str(config))
    for path, nested in _candidates(corpus):
        if path.is_file():
            table = _table(path, nested=nested)
            if table is not None:
                return parse(table, str(path))
    return Settings()


def _candidates(corpus: Path) -> Iterator[tuple[Path, bool]]:
    """The settings files that may apply to a corpus folder, nearest first. Paths are written as
    the corpus was (relative stays relative) so that messages name them as the user would."""
    here = Path(os.path.abspath(corpus))
    for depth, folder in enumerate((here, *here.parents)):
        shown = corpus if depth == 0 else _shown(corpus, folder)
        for name, nested in SETTINGS_FILES:
            yield shown / name, nested
        if (folder / ".git").exists():  # a directory, or a file in a git worktree
            return


def _shown(corpus: Path, folder: Path) -> Path:
    if corpus.is_absolute():
        return folder
    try:
        return Path(os.path.relpath(folder))
    except ValueError:  # another drive (Windows)
        return folder


def _table(path: Path, *, nested: bool) -> dict[str, Any] | None:
    """The settings table of one file; None when a pyproject.toml has no [tool.discrepancy]."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read settings ({exc})") from exc
    tool = data.get("tool")
    table = (tool.get("discrepancy") if isinstance(tool, dict) else None) if nested or "tool" in data else data
    if table is not None and not isinstance(table, dict):
        raise SettingsError(f"{path}: [tool.discrepancy] must be a table")
    return table


def parse_kinds(text: str, known: Iterable[str], source: str = "--kinds") -> frozenset[str]:
    """The kinds named in a comma-separated list ("date,time"), each one known."""
    known = list(known)
    names = [k.strip().lower() for k in text.split(",") if k.strip()]
    if not names:
        raise SettingsError(f"{source}: no kind given; valid kinds: {', '.join(known)}")
    bad = [k for k in names if k not in known]
    if bad:
        raise SettingsError(f"{source}: unknown kind {bad[0]!r}; valid kinds: {', '.join(known)}")
    return frozenset(names)


def parse(table: dict[str, Any], source: str) -> Settings:
    """Validate a settings table; every problem names the file and the key."""
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        key = unknown[0]
        hint = difflib.get_close_matches(key, list(KEYS), n=1)
        did_you_mean = f"; did you mean {hint[0]!r}?" if hint else f"; known keys: {', '.join(sorted(KEYS))}"
        raise SettingsError(f"{source}: unknown setting {key!r}{did_you_mean}")
    out = Settings(source=source)
    if "fail-on" in table:
        out = _replace(out, fail_on=_severity(table["fail-on"], source))
    if "kinds" in table:
        kinds = table["kinds"]
        if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
            raise SettingsError(f"{source}: 'kinds' must be a list of kinds")
        bad = [k for k in kinds if k not in {str(x) for x in Kind}]
        if bad:
            raise SettingsError(
                f"{source}: unknown kind {bad[0]!r} in 'kinds' (known: {', '.join(str(k) for k in Kind)})"
            )
        out = _replace(out, kinds=frozenset(str(Kind(k)) for k in kinds))
    if "ignore" in table:
        if not isinstance(table["ignore"], list) or not all(isinstance(x, str) for x in table["ignore"]):
            raise SettingsError(f"{source}: 'ignore' must be a list of glob patterns")
        out = _replace(out, ignore=tuple(table["ignore"]))
    if "decisions" in table:
        if not isinstance(table["decisions"], str):
            raise SettingsError(f"{source}: 'decisions' must be a path")
        if table["decisions"] and not inside(table["decisions"]):
            raise SettingsError(
                f"{source}: 'decisions' = {table['decisions']!r} is not a folder inside the corpus; "
                "to keep decisions elsewhere, give the path with --decisions"
            )
        out = _replace(out, decisions=table["decisions"])
    if "lexicon" in table:
        out = _replace(out, lexicon=_lexicon(table["lexicon"], source))
    if "frames" in table:
        out = _replace(out, frames=_frames(table["frames"], source))
    if "thresholds" in table:
        out = _replace(out, thresholds=_thresholds(table["thresholds"], source))
    if "title" in table:
        if not isinstance(table["title"], str) or not table["title"].strip():
            raise SettingsError(f"{source}: 'title' must be a non-empty string")
        out = _replace(out, title=" ".join(table["title"].split()))
    if "reviewer" in table:
        if not isinstance(table["reviewer"], str) or not table["reviewer"].strip():
            raise SettingsError(f"{source}: 'reviewer' must be a non-empty name")
        out = _replace(out, reviewer=table["reviewer"].strip())
    if "max-article-mb" in table:
        size = table["max-article-mb"]
        if isinstance(size, bool) or not isinstance(size, int | float) or not 0 < size < math.inf:  # nan too
            raise SettingsError(f"{source}: 'max-article-mb' must be a positive number of megabytes, not {size!r}")
        out = _replace(out, max_article_mb=float(size))
    return out


def _thresholds(value: object, source: str) -> tuple[tuple[str, float], ...]:
    if not isinstance(value, dict):
        raise SettingsError(f"{source}: 'thresholds' must be a table (e.g. pair = 0.5)")
    out = []
    for name, number in sorted(value.items()):
        if name not in TUNABLE:
            hint = difflib.get_close_matches(name, list(TUNABLE), n=1)
            tail = f"; did you mean {hint[0]!r}?" if hint else f"; known: {', '.join(sorted(TUNABLE))}"
            raise SettingsError(f"{source}: unknown threshold {name!r}{tail}")
        top = _UPPER.get(name, 1)
        if isinstance(number, bool) or not isinstance(number, int | float) or not 0 <= number <= top:
            raise SettingsError(f"{source}: threshold {name!r} must be a number from 0 to {top}")
        out.append((name, float(number)))
    return tuple(out)


def _frames(value: object, source: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise SettingsError(f"{source}: 'frames' must be a table of frames (e.g. depth = ['sank to'])")
    out = []
    for frame, exprs in sorted(value.items()):
        if not isinstance(exprs, list) or not all(isinstance(x, str) and x.strip() for x in exprs):
            raise SettingsError(f"{source}: frame {frame!r} needs a list of expressions (e.g. ['sank to'])")
        out.append((str(frame), tuple(" ".join(x.lower().split()) for x in exprs)))
    return tuple(out)


def _severity(value: object, source: str) -> Severity:
    try:
        return Severity(str(value))
    except ValueError:
        raise SettingsError(f"{source}: 'fail-on' must be low, medium or high, not {value!r}") from None


def _lexicon(value: object, source: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise SettingsError(f"{source}: 'lexicon' must be a table of nodes")
    out = []
    for node, spec in sorted(value.items()):
        if not isinstance(spec, dict) or not isinstance(spec.get("terms", []), list):
            raise SettingsError(f"{source}: lexicon node {node!r} needs terms = [...] (and parent = '...')")
        out.append((str(node), str(spec.get("parent", "")), tuple(str(t) for t in spec.get("terms", []))))
    return tuple(out)


def _replace(s: Settings, **changes: object) -> Settings:
    return replace(s, **changes)  # type: ignore[arg-type]
