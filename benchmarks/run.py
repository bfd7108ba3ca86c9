"""Speed and memory of `discrepancy check`, every figure of BENCHMARKS.md, each command timed as
a whole process (interpreter start and imports included, as a user sees it), several runs,
medians; the naive reference (benchmarks/naive.py) side by side.

    python -m benchmarks.run                          # every figure (about an hour on 2 cores)
    python -m benchmarks.run --sizes 100 1000 --news  # some sizes only
    python -m benchmarks.run --runs 5 --write         # more runs; rewrite the tables in BENCHMARKS.md

For each corpus: the cold run (an empty fact cache, which the run fills) with --jobs 1 and with
one process per core, the warm run (the cache holds every article), and the re-check after
adding one article (the cache holds all the others). CPU is user + system time of the command
and of the worker processes it waited for; peak memory is the largest single process (the
operating system's accounting of the finished child, os.wait4). Ratios against the naive
reference are taken run by run (the two commands run in turn), then their median: pairing keeps
a ratio meaningful on a shared machine whose speed drifts. Corpora are generated once into
benchmarks/.cache/ (seeded: every run measures the same bytes).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"
TEMPLATE, SEED = "disaster", 7
NAIVE_MAX = 100  # the naive all-pairs reference needs O(n^2) memory beyond this
ADDED = "zz-added.txt"  # the article a re-check finds new


@dataclass(frozen=True, slots=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds, waited-for children included
    rss_mb: float  # peak resident memory of the largest single process


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


def plus_one(path: Path) -> Path:
    """A copy of a corpus with one more article: its first article with one figure changed."""
    out = path.with_name(path.name + "-plus1")
    if not (out / ADDED).exists():
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(path, out, ignore=shutil.ignore_patterns(".discrepancy"))
        first = min(path.glob("*.txt"))
        text = first.read_text("utf-8")
        (out / ADDED).write_text(re.sub(r"\d+", lambda m: str(int(m[0]) + 1), text, count=1), encoding="utf-8")
    return out


def timed(cmd: list[str]) -> Run:
    """One command in its own process, its output thrown away."""
    # as a user runs it: Python's byte code cached on disk (an environment that turns the cache
    # off makes every run compile the package's source again, 0.2 s of the start-up)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    if not hasattr(os, "wait4"):  # Windows: wall time only
        proc.wait()
        return Run(time.perf_counter() - start, float("nan"), float("nan"))
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{cmd} failed with {status}")
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * scale / 1e6)


def check(path: Path, *options: str) -> list[str]:
    out = CACHE / "out.json"
    return [sys.executable, "-m", "discrepancy", "check", str(path), "--format", "json", "-o", str(out), *options]


def interleaved(commands: dict[str, tuple[list[str], Callable[[], None]]], runs: int) -> dict[str, list[Run]]:
    """Each command `runs` times, in turn (A B C A B C ...), each after its preparation, once
    more first as a warm-up (the file system's cache, the interpreter's byte code)."""
    out: dict[str, list[Run]] = {name: [] for name in commands}
    for i in range(runs + 1):
        for name, (cmd, prepare) in commands.items():
            prepare()
            run = timed(cmd)
            if i:
                out[name].append(run)
    return out


def measure(n: int, kind: str, runs: int, jobs: int) -> dict[str, object]:
    path = corpus(n, kind)
    bigger = plus_one(path)
    cache, warm, scratch = CACHE / f"fc-{kind}-{n}", CACHE / f"fc-{kind}-{n}-warm", CACHE / "fc-scratch"

    def empty() -> None:
        shutil.rmtree(scratch, ignore_errors=True)

    def warmed() -> None:
        empty()
        shutil.copytree(cache, scratch)

    shutil.rmtree(cache, ignore_errors=True)
    timed(check(path, "--cache-dir", str(cache)))  # the cache of the n articles
    shutil.rmtree(warm, ignore_errors=True)
    shutil.copytree(cache, warm)
    commands = {
        "cold_1": (check(path, "--cache-dir", str(scratch), "--jobs", "1"), empty),
        f"cold_{jobs}": (check(path, "--cache-dir", str(scratch), "--jobs", str(jobs)), empty),
        "warm": (check(path, "--cache-dir", str(warm)), lambda: None),
        "recheck": (check(bigger, "--cache-dir", str(scratch)), warmed),
    }
    if n <= NAIVE_MAX:
        commands["naive"] = ([sys.executable, str(ROOT / "benchmarks" / "naive.py"), str(path)], lambda: None)
    results = interleaved(commands, runs)
    empty()
    timed(check(path, "--no-cache"))
    found = len(json.loads((CACHE / "out.json").read_text("utf-8"))["discrepancies"])
    row: dict[str, object] = {"corpus": kind, "articles": n, "runs": runs, "jobs": jobs, "discrepancies": found}
    for name, rs in results.items():
        row[name] = {
            "wall": statistics.median(r.wall for r in rs),
            "cpu": statistics.median(r.cpu for r in rs),
            "rss_mb": statistics.median(r.rss_mb for r in rs),
        }
        if "naive" in results and name != "naive":
            pairs = [b.wall / a.wall for a, b in zip(rs, results["naive"], strict=True)]
            row[name]["naive_ratio"] = statistics.median(pairs)  # type: ignore[index]
    return row


def watched(n: int, kind: str, runs: int, formats: tuple[str, ...] = ()) -> dict[str, object]:
    """The re-check of a running `discrepancy watch` writing `formats` (default: all four, as the
    command does): one more article lands in the folder (moved in whole), and the time is taken until the line that
    says it was checked, its reports written (the wait for the next look included: 0.25 s between looks, the default); the check's
    own time as that line gives it; the first check's time (a warm fact cache). Each run adds an
    article with another figure (new to the cache), then removes it again (not timed)."""
    path = corpus(n, kind)
    folder, out, scratch = CACHE / f"watch-{kind}-{n}", CACHE / "watch-out", CACHE / "fc-scratch"
    warm = CACHE / f"fc-{kind}-{n}-warm"
    if not warm.exists():
        timed(check(path, "--cache-dir", str(warm)))
    for old in (folder, out, scratch):
        shutil.rmtree(old, ignore_errors=True)
    shutil.copytree(path, folder, ignore=shutil.ignore_patterns(".discrepancy"))
    shutil.copytree(warm, scratch)
    first = min(path.glob("*.txt")).read_text("utf-8")
    cmd = [sys.executable, "-m", "discrepancy", "watch", str(folder), "-o", str(out)]
    cmd += ["--cache-dir", str(scratch), *(f"--format={fmt}" for fmt in formats)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT, env=env, text=True, preexec_fn=_interruptible
    )  # fmt: skip
    assert proc.stdout is not None
    lines = [proc.stdout.readline()]
    opening = time.perf_counter() - start
    landed, own = [], []
    for i in range(runs + 1):
        staged = CACHE / "watch-staged.txt"
        staged.write_text(re.sub(r"\d+", lambda m, i=i: str(int(m[0]) + 1 + i), first, count=1), encoding="utf-8")
        start = time.perf_counter()
        os.replace(staged, folder / ADDED)
        lines.append(proc.stdout.readline())
        took = time.perf_counter() - start
        if i:  # the first is a warm-up
            landed.append(took)
            own.append(float(re.search(r"checked in ([\d.]+) s", lines[-1]).group(1)))  # type: ignore[union-attr]
        (folder / ADDED).unlink()
        lines.append(proc.stdout.readline())
    proc.send_signal(signal.SIGINT)
    _, _, usage = os.wait4(proc.pid, 0)
    scale = 1 if sys.platform == "darwin" else 1024
    if not all("checked in" in line for line in lines):
        raise RuntimeError(f"{cmd}: unexpected output {lines}")
    return {
        "corpus": kind, "articles": n, "formats": ", ".join(formats) or "all four", "first": opening,
        "landed": statistics.median(landed),
        "own": statistics.median(own), "rss_mb": usage.ru_maxrss * scale / 1e6,
    }  # fmt: skip


def _interruptible() -> None:
    """In the watch's process: Ctrl-C (SIGINT) stops it, even when this benchmark runs in the
    background of a shell (which ignores SIGINT, and a child inherits that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def watch_table(rows: list[dict]) -> str:
    lines = [
        "| corpus | articles | reports | first check (warm cache), s "
        "| re-check +1: article landed to reports written, s | the check itself, s | peak RSS MB |",
        "|" + "---|" * 7,
    ]
    for r in rows:
        lines.append(
            f"| {r['corpus']} | {r['articles']:,} | {r['formats']} | {r['first']:.2f} | {r['landed']:.2f} | {r['own']:.2f} "
            f"| {r['rss_mb']:.0f} |"
        )
    return "\n".join(lines)


def table(rows: list[dict]) -> str:
    head = (
        "| corpus | articles | CPU s (cold, --jobs 1) | CPU ms/article | wall s, --jobs 1 | wall s, --jobs N "
        "| warm cache, wall s | re-check +1, wall s | peak RSS MB | discrepancies |"
    )
    lines = [head, "|" + "---|" * 10]
    for r in rows:
        c1, cn, warm, re1 = r["cold_1"], r[f"cold_{r['jobs']}"], r["warm"], r["recheck"]
        lines.append(
            f"| {r['corpus']} | {r['articles']:,} | {c1['cpu']:.2f} | {1000 * c1['cpu'] / r['articles']:.1f} "
            f"| {c1['wall']:.2f} | {cn['wall']:.2f} | {warm['wall']:.2f} | {re1['wall']:.2f} "
            f"| {max(c1['rss_mb'], cn['rss_mb']):.0f} | {r['discrepancies']} |"
        )
    return "\n".join(lines)


def naive_table(rows: list[dict]) -> str:
    lines = [
        "| corpus | articles | naive wall s | naive CPU s | naive RSS MB | cold, --jobs N | faster | warm | faster |",
        "|" + "---|" * 9,
    ]
    for r in rows:
        if "naive" not in r:
            continue
        nv, cn, warm = r["naive"], r[f"cold_{r['jobs']}"], r["warm"]
        lines.append(
            f"| {r['corpus']} | {r['articles']:,} | {nv['wall']:.2f} | {nv['cpu']:.2f} | {nv['rss_mb']:.0f} "
            f"| {cn['wall']:.2f} | {cn['naive_ratio']:.1f}x | {warm['wall']:.2f} | {warm['naive_ratio']:.1f}x |"
        )
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    with contextlib.suppress(OSError, AttributeError):
        cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text()).group(1)  # type: ignore[union-attr]
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"
    )


def write_section(marker: str, text: str) -> None:
    """Replace what stands between <!-- marker --> and <!-- /marker --> in BENCHMARKS.md."""
    md = ROOT / "BENCHMARKS.md"
    block = f"<!-- {marker} -->\n{text}\n<!-- /{marker} -->"
    pattern = f"<!-- {marker} -->.*<!-- /{marker} -->"
    md.write_text(re.sub(pattern, lambda _: block, md.read_text("utf-8"), flags=re.DOTALL), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="*", type=int, default=[100, 1000, 10000], help="generated corpora")
    parser.add_argument("--news", nargs="*", type=int, default=[100, 1000], help="news-sized corpora")
    parser.add_argument("--runs", type=int, default=3, help="counted runs of each command (medians)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes of the --jobs N runs")
    parser.add_argument("--write", action="store_true", help="rewrite the results in BENCHMARKS.md")
    parser.add_argument("--watch-only", action="store_true", help="only the re-checks of a running watch")
    args = parser.parse_args()
    rows, watches = [], []
    for kind, sizes in (("synth", args.sizes), ("news", args.news)):
        for n in sizes:
            if not args.watch_only:
                rows.append(measure(n, kind, args.runs, args.jobs))
                print(json.dumps(rows[-1]), flush=True)
            for formats in (("json",), ()):
                watches.append(watched(n, kind, args.runs, formats))
                print(json.dumps(watches[-1]), flush=True)
    head = f"Machine: {machine()}; {args.runs} runs, medians"
    text = f"{head}; N = {args.jobs}.\n\n{table(rows)}\n\n{naive_table(rows)}"
    watching = f"{head}.\n\n{watch_table(watches)}"
    print(watching if args.watch_only else f"{text}\n\n{watching}")
    if args.write:
        if not args.watch_only:
            write_section("results", text)
        write_section("watch", watching)


if __name__ == "__main__":
    main()
