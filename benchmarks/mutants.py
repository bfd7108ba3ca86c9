"""Mutation check: each guard in the code has a test that fails when the guard is broken.

    python -m benchmarks.mutants            # every mutant
    python -m benchmarks.mutants units      # mutants whose name contains "units"

Each mutant is one textual edit of one module (`old` must occur exactly once) and the tests
that guard it. The project (package, tests, fixtures) is copied to a temporary folder, the edit
applied there, and the tests run on the copy: a mutant is *killed* when they fail. The list is
data (mutants.toml beside this file), so a guard and its test are added together.
Exit 0 when every mutant is killed, 1 otherwise, 2 on a bad mutant.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("discrepancy", "tests", "fixtures", "reports", "pyproject.toml")
MUTANTS = Path(__file__).with_name("mutants.toml")


@dataclass(frozen=True, slots=True, kw_only=True)
class Mutant:
    name: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]
    why: str


def load(path: Path = MUTANTS) -> list[Mutant]:
    data = tomllib.loads(path.read_text("utf-8"))
    return [
        Mutant(name=m["name"], file=m["file"], old=m["old"], new=m["new"], tests=tuple(m["tests"]), why=m["why"])
        for m in data["mutant"]
    ]


def run(m: Mutant) -> tuple[bool, str]:
    """Apply one mutant to a copy of the project and run its tests: (killed, last output line)."""
    with tempfile.TemporaryDirectory(prefix="mutant-") as tmp:
        work = Path(tmp) / "project"
        work.mkdir()
        if (ROOT.parent / "shared").is_dir():  # tests read ../shared/realnews beside the project
            (Path(tmp) / "shared").symlink_to(ROOT.parent / "shared")
        for name in COPIED:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, work / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copy2(src, work / name)
        target = work / m.file
        text = target.read_text("utf-8")
        if text.count(m.old) != 1:
            raise SystemExit(f"mutant {m.name}: `old` occurs {text.count(m.old)} times in {m.file}, not once")
        target.write_text(text.replace(m.old, m.new), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(work), "PYTHONDONTWRITEBYTECODE": "1"}
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *m.tests],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        lines = [line for line in proc.stdout.splitlines() if line.strip()]
        return proc.returncode != 0, lines[-1] if lines else proc.stderr.strip()[-200:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="?", default="", help="run the mutants whose name contains this")
    args = parser.parse_args(argv)
    mutants = [m for m in load() if args.only in m.name]
    survived = 0
    for m in mutants:
        killed, last = run(m)
        survived += not killed
        print(f"{'killed  ' if killed else 'SURVIVED'} {m.name}: {m.why} [{last}]")
    print(f"{len(mutants) - survived}/{len(mutants)} mutants killed")
    return 0 if survived == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
