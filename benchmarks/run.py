"""Speed and memory of `discrepancy check` on generated one-story corpora, against the naive
reference (benchmarks/naive.py), each command in its own process.

    python benchmarks/run.py                      # 10, 100, 1000 and 10000 articles
    python benchmarks/run.py --sizes 10 100       # some sizes only
    python benchmarks/run.py --write              # also rewrite the table in BENCHMARKS.md

Corpora are generated once into benchmarks/.cache/ (seeded, so every run measures the same
bytes). Wall time includes interpreter start and imports, as a user sees it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"
TEMPLATE, SEED = "disaster", 7
NAIVE_MAX = 100  # the naive all-pairs reference needs O(n^2) memory beyond this


def corpus(n: int, kind: str = "synth") -> Path:
    """The benchmark corpus of n articles (generated on first use): a synthetic story, or the
    five seed articles (2-4 KB of real news each) copied round-robin to n files."""
    if kind == "news":
        path = CACHE / f"news-{n}"
        if not path.exists():
            path.mkdir(parents=True)
            seeds = sorted((ROOT / "fixtures").glob("*.txt"))
            for i in range(n):
                src = seeds[i % len(seeds)]
                (path / f"{src.stem}-{i:05d}.txt").write_bytes(src.read_bytes())
        return path
    from discrepancy.synth import write_corpus

    path = CACHE / f"{TEMPLATE}-{SEED}-{n}"
    if not (path / "gold.toml").exists():
        write_corpus(path, template=TEMPLATE, articles=n, seed=SEED)
    return path


def timed(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds and peak RSS (MB) of one command in its own process, and its stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
    out = proc.stdout.read().decode() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{cmd} failed with {status}")
    return wall, usage.ru_maxrss / 1024, out


def measure(n: int, kind: str = "synth") -> dict:
    path = corpus(n, kind)
    size = sum(p.stat().st_size for p in path.glob("*.txt"))
    out_file = CACHE / f"out-{n}.json"
    wall, rss, _ = timed(
        [sys.executable, "-m", "discrepancy", "check", str(path), "--format", "json", "-o", str(out_file)]
    )
    found = len(json.loads(out_file.read_text("utf-8"))["discrepancies"])
    row = {
        "corpus": kind, "articles": n, "mb": size / 1e6, "seconds": wall, "articles_per_s": n / wall,
        "mb_per_s": size / 1e6 / wall, "peak_rss_mb": rss, "discrepancies": found,
    }  # fmt: skip
    if n <= NAIVE_MAX:
        naive_wall, naive_rss, _ = timed([sys.executable, str(ROOT / "benchmarks" / "naive.py"), str(path)])
        row.update(naive_seconds=naive_wall, naive_rss_mb=naive_rss, speedup=naive_wall / wall)
    return row


def table(rows: list[dict]) -> str:
    head = "| corpus | articles | MB | seconds | articles/s | MB/s | peak RSS MB | discrepancies | naive s | naive RSS MB | speed-up |"
    lines = [head, "|" + "---|" * 11]
    for r in rows:
        naive = (
            f"{r['naive_seconds']:.2f} | {r['naive_rss_mb']:.0f} | {r['speedup']:.1f}x"
            if "naive_seconds" in r
            else "– | – | –"
        )
        lines.append(
            f"| {r['corpus']} | {r['articles']:,} | {r['mb']:.2f} | {r['seconds']:.2f} | {r['articles_per_s']:.0f} | {r['mb_per_s']:.2f} "
            f"| {r['peak_rss_mb']:.0f} | {r['discrepancies']} | {naive} |"
        )
    return "\n".join(lines)


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError, AttributeError):
        cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text()).group(1)
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="*", type=int, default=[10, 100, 1000, 10000])
    parser.add_argument("--news", nargs="*", type=int, default=[5, 100, 1000], help="sizes of the news-sized series")
    parser.add_argument("--write", action="store_true", help="rewrite the results table in BENCHMARKS.md")
    args = parser.parse_args()
    rows = []
    for kind, sizes in (("synth", args.sizes), ("news", args.news)):
        for n in sizes:
            rows.append(measure(n, kind))
            print(json.dumps(rows[-1]), flush=True)
    text = table(rows)
    print(text)
    if args.write:
        md = ROOT / "BENCHMARKS.md"
        body = md.read_text("utf-8")
        block = f"<!-- results -->\nMachine: {machine()}.\n\n{text}\n<!-- /results -->"
        body = re.sub(r"<!-- results -->.*<!-- /results -->", lambda _: block, body, flags=re.DOTALL)
        md.write_text(body, encoding="utf-8")


if __name__ == "__main__":
    main()
