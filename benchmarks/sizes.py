"""Time and peak memory by article size (issue 14): for each hostile shape of
benchmarks/shapes.py, `discrepancy check --no-cache --jobs 1` on the five seed articles plus one
article of that shape at each size (100 KB, 1 MB, 5 MB: the size limit), each a whole process,
several runs, medians; the seed articles alone are the baseline.

    python -m benchmarks.sizes                         # every shape at 100 KB, 1 MB and 5 MB
    python -m benchmarks.sizes --shapes numbers names --sizes 100000 1000000
    python -m benchmarks.sizes --runs 5 --write        # rewrite the table in BENCHMARKS.md

"Added" is the run less the baseline (interpreter start, imports and the seed articles), what
the one article costs; its ratio between sizes is at most the ratio of the sizes (10x, 5x) when
the work is linear, and lower where a document's bounds (discrepancy/text.py MAX_DOC_SENTENCES,
MAX_DOC_NUMBERS) stop the reading. Corpora are written once into benchmarks/.cache/sizes/.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

from .run import CACHE, ROOT, Run, machine, timed, write_section
from .shapes import SHAPES, shape

SIZES = [100_000, 1_000_000, 5_000_000]
NOISE = 0.2  # CPU seconds: an article adding less has no ratio (runs of one command differ by 0.1 s)


def corpus(name: str, size: int) -> Path:
    """The seed articles plus one article of the shape (none for the baseline, size 0), written
    by a process of its own: a child of this one would start with its memory, and the operating
    system counts that in the child's peak."""
    path = CACHE / "sizes" / f"{name}-{size}"
    if not (path / "done").exists():
        subprocess.run([sys.executable, "-m", "benchmarks.sizes", "--make", name, str(size)], check=True, cwd=ROOT)
    return path


def make(name: str, size: int) -> None:
    """Write the corpus of corpus(): the article is cut to `size` bytes (the size limit is in
    bytes: 5 MB is 5,000,000)."""
    path = CACHE / "sizes" / f"{name}-{size}"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    for seed in sorted((ROOT / "fixtures").glob("*.txt")):
        shutil.copyfile(seed, path / seed.name)
    if size:
        data = shape(name, size).encode("utf-8")[:size]
        (path / f"zz-{name}.txt").write_bytes(data.decode("utf-8", "ignore").encode("utf-8"))
    (path / "done").write_text("", encoding="utf-8")  # not a .txt: never read as an article


def command(path: Path) -> list[str]:
    return [sys.executable, "-m", "discrepancy", "check", str(path), "--no-cache", "--jobs", "1", "--format", "json"]


def measure(path: Path, runs: int) -> dict[str, float]:
    """Medians of `runs` runs after one warm-up."""
    found: list[Run] = [timed(command(path)) for _ in range(runs + 1)][1:]
    return {
        "wall": statistics.median(r.wall for r in found),
        "cpu": statistics.median(r.cpu for r in found),
        "rss_mb": statistics.median(r.rss_mb for r in found),
    }


def _mb(size: int) -> str:
    return f"{size / 1e6:g} MB" if size >= 1_000_000 else f"{size // 1000} KB"


def table(base: dict[str, float], rows: dict[str, dict[int, dict[str, float]]], sizes: list[int]) -> str:
    """Per shape and size: wall, CPU and peak memory; then the ratio of the CPU each article
    adds to the baseline between consecutive sizes."""
    head = ["shape"] + [f"{_mb(size)}: {fig}" for size in sizes for fig in ("wall s", "CPU s", "RSS MB")]
    head += [f"added CPU {_mb(b)} / {_mb(a)} (size x{b / a:g})" for a, b in pairwise(sizes)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    seeds = f"{base['wall']:.2f} | {base['cpu']:.2f} | {base['rss_mb']:.0f}"
    lines.append(f"| seed articles alone | {seeds} |" + " |" * (len(head) - 4))
    for name, by_size in rows.items():
        cells = [name]
        for size in sizes:
            r = by_size[size]
            cells += [f"{r['wall']:.2f}", f"{r['cpu']:.2f}", f"{r['rss_mb']:.0f}"]
        for a, b in pairwise(sizes):
            before, after = by_size[a]["cpu"] - base["cpu"], by_size[b]["cpu"] - base["cpu"]
            cells.append(f"{after / before:.1f}x" if before >= NOISE else "-")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shapes", nargs="*", default=sorted(SHAPES), choices=sorted(SHAPES))
    parser.add_argument("--sizes", nargs="*", type=int, default=SIZES, help="article sizes in characters")
    parser.add_argument("--runs", type=int, default=3, help="counted runs of each command (medians)")
    parser.add_argument("--write", action="store_true", help="rewrite the table in BENCHMARKS.md")
    parser.add_argument("--make", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        return make(args.make[0], int(args.make[1]))
    base = measure(corpus("seeds", 0), args.runs)
    print(json.dumps({"baseline": base}), flush=True)
    rows: dict[str, dict[int, dict[str, float]]] = {}
    for name in args.shapes:
        for size in args.sizes:
            rows.setdefault(name, {})[size] = measure(corpus(name, size), args.runs)
            print(json.dumps({"shape": name, "size": size, **rows[name][size]}), flush=True)
    text = f"Machine: {machine()}; {args.runs} runs, medians; --jobs 1.\n\n{table(base, rows, args.sizes)}"
    print(text)
    if args.write:
        write_section("sizes", text)


if __name__ == "__main__":
    main()
