"""Recall and precision per kind over generated stories (every template, several seeds) and
over the hand-written corpora in fixtures/: the figures reported in EVALUATION.md.

    python benchmarks/quality.py                    # 5 templates x seeds 1-3 x 20 articles
    python benchmarks/quality.py --articles 40 --seeds 1 2 3 4 5
"""

from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from pathlib import Path

import discrepancy
from discrepancy.evaluate import load_gold, report
from discrepancy.synth import TEMPLATES, write_corpus

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = [
    "fixtures",
    *(f"fixtures/{c}" for c in ("quake", "trial", "match", "results", "crash", "election", "storm")),
]


def evaluate(path: Path) -> dict:
    result = discrepancy.check(path)
    return report(result, load_gold(path / "gold.toml", result.corpus))


def add(total: dict, data: dict) -> None:
    for kind, k in data["kinds"].items():
        t = total[kind]
        t["gold"] += k["gold"]
        t["found"] += k["found"]
        t["flags"] += k["flags"]
        t["correct"] += round(k["precision"] * k["flags"])


def table(total: dict) -> str:
    lines = ["| kind | gold | found | recall | flags | correct | precision |", "|---|---|---|---|---|---|---|"]
    g = {"gold": 0, "found": 0, "flags": 0, "correct": 0}
    for kind in sorted(total):
        t = total[kind]
        for key in g:
            g[key] += t[key]
        lines.append(_row(kind, t))
    lines.append(_row("**all**", g))
    return "\n".join(lines)


def _row(name: str, t: dict) -> str:
    recall = t["found"] / t["gold"] if t["gold"] else 1.0
    precision = t["correct"] / t["flags"] if t["flags"] else 1.0
    return f"| {name} | {t['gold']} | {t['found']} | {recall:.2f} | {t['flags']} | {t['correct']} | {precision:.2f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--seeds", nargs="*", type=int, default=[1, 2, 3])
    args = parser.parse_args()
    synth: dict = defaultdict(lambda: defaultdict(int))
    with tempfile.TemporaryDirectory() as tmp:
        for template in TEMPLATES:
            for seed in args.seeds:
                path = Path(tmp) / f"{template}-{seed}"
                write_corpus(path, template=template, articles=args.articles, seed=seed)
                data = evaluate(path)
                o = data["overall"]
                print(f"{template}-{seed}: recall {o['recall']:.2f} precision {o['precision']:.2f}")
                add(synth, data)
    print(f"\nSynthetic stories ({len(TEMPLATES)} templates x seeds {args.seeds} x {args.articles} articles):\n")
    print(table(synth))
    own: dict = defaultdict(lambda: defaultdict(int))
    for rel in FIXTURES:
        data = evaluate(ROOT / rel)
        o = data["overall"]
        print(f"{rel}: recall {o['recall']:.2f} precision {o['precision']:.2f}")
        if rel != "fixtures":
            add(own, data)
    print("\nHand-written corpora (fixtures/*/, seed articles excluded):\n")
    print(table(own))


if __name__ == "__main__":
    main()
