"""The checker on the real-news development set (../shared/realnews/): each cluster folder is a
corpus with its own gold.toml (format version 2), checked and scored one at a time.

    python -m benchmarks.realnews                     # Markdown table, per cluster and in total
    python -m benchmarks.realnews --format json
    python -m benchmarks.realnews --root path/to/realnews

Per cluster and in total: recall (found/gold, stretch discrepancies left out), matched-flag share
(flags finding a gold discrepancy, stretch ones included / flags), stretch discrepancies found,
agreements broken and distinct entries violated. Totals are summed counts, not averaged ratios.
Exits 2 with a one-line message when the root is missing or a cluster cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from discrepancy.errors import DiscrepancyError
from discrepancy.evaluate import evaluate_folder

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ROOT = ROOT.parent / "shared" / "realnews"
# The counts reported, as (numerator, denominator) keys of evaluate.report()'s "overall".
FIGURES = {
    "recall": ("found", "gold"),
    "matched_flag_share": ("matched_flags", "flags"),
    "stretch_found": ("stretch_found", "stretch"),
    "agreements_broken": ("agreements_broken", "agreements"),
    "distinct_violated": ("distinct_violated", "distinct"),
}
COUNTS = sorted({key for pair in FIGURES.values() for key in pair})


def clusters(root: Path) -> list[Path]:
    """The cluster folders of the set: sub-folders holding a gold.toml, by name."""
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / "gold.toml").is_file())


def counts(path: Path) -> dict[str, int]:
    """Check one cluster and return its counts (the numerators and denominators of FIGURES)."""
    overall = evaluate_folder(path)["overall"]
    return {key: int(overall[key]) for key in COUNTS}


def measure(root: Path) -> dict[str, Any]:
    """Counts and ratios per cluster and in total (summed counts)."""
    per = {p.name: counts(p) for p in clusters(root)}
    total = {key: sum(c[key] for c in per.values()) for key in COUNTS}
    return {
        "clusters": {name: _with_ratios(c) for name, c in per.items()},
        "total": _with_ratios(total),
    }


def _ratio(num: int, den: int) -> float:
    """A share, 1.0 when there is nothing to count (no gold discrepancy, no flag)."""
    return round(num / den, 4) if den else 1.0


def _with_ratios(c: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = dict(c)
    out["recall_ratio"] = _ratio(c["found"], c["gold"])
    out["matched_flag_share_ratio"] = _ratio(c["matched_flags"], c["flags"])
    return out


def table(data: dict[str, Any]) -> str:
    """The figures as a Markdown table, one row per cluster and a total row."""
    head = "| cluster | recall | matched-flag share | stretch found | agreements broken | distinct violated |"
    lines = [head, "|---|---|---|---|---|---|"]
    rows = [(f"`{name}`", c) for name, c in data["clusters"].items()]
    rows.append(("**total**", data["total"]))
    for name, c in rows:
        lines.append(
            f"| {name} | {c['recall_ratio']:.2f} ({c['found']}/{c['gold']}) "
            f"| {c['matched_flag_share_ratio']:.2f} ({c['matched_flags']}/{c['flags']}) "
            f"| {c['stretch_found']}/{c['stretch']} | {c['agreements_broken']}/{c['agreements']} "
            f"| {c['distinct_violated']}/{c['distinct']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.realnews",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--root", type=Path, default=DEFAULT_ROOT, help="the realnews folder [default: ../shared/realnews]"
    )
    parser.add_argument("--format", dest="fmt", choices=["text", "json"], default="text")
    args = parser.parse_args(argv)
    root: Path = args.root
    if not root.is_dir():
        print(f"{root}: no such folder (the real-news set; pass --root)", file=sys.stderr)
        return 2
    try:
        data = measure(root)
    except DiscrepancyError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if not data["clusters"]:
        print(f"{root}: no cluster folder with a gold.toml", file=sys.stderr)
        return 2
    if args.fmt == "json":
        print(json.dumps(data, indent=2, sort_keys=True))
    else:
        print(table(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
