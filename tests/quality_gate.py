"""The quality gate: recall and precision floors per corpus and kind, pinned in
tests/quality_floors.json with a hash of each corpus and its gold file.

    python -m tests.quality_gate            # print the measured figures against the floors
    python -m tests.quality_gate --update   # raise floors to the measured figures (never lower)

Floors only go up. When a corpus or its gold file changes, its hash no longer matches and the
gate fails until it is re-pinned with --update, which refuses to lower a floor: a drop must be
an explicit, reviewed edit of the floors file.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from functools import cache
from pathlib import Path

import discrepancy
from discrepancy.evaluate import load_gold, report
from discrepancy.synth import TEMPLATES, write_corpus

ROOT = Path(__file__).resolve().parent.parent
FLOORS = Path(__file__).with_name("quality_floors.json")
CORPORA = {
    "seeds": "fixtures",
    "quake": "fixtures/quake",
    "trial": "fixtures/trial",
    "match": "fixtures/match",
    "results": "fixtures/results",
    "crash": "fixtures/crash",
    "election": "fixtures/election",
    "storm": "fixtures/storm",
    "fire": "fixtures/fire",
}
# Generated stories: every template, three seeds, 20 articles (the issue's synthetic target).
SYNTH_ARTICLES = 20
CORPORA.update({f"synth-{t}-{seed}": f"synth:{t}:{seed}" for t in TEMPLATES for seed in (1, 2, 3)})


@cache
def _tmp() -> Path:
    return Path(tempfile.mkdtemp(prefix="discrepancy-gate-"))


def corpus_path(name: str) -> Path:
    """Where a gated corpus lives (a synthetic one is generated on first use)."""
    spec = CORPORA[name]
    if not spec.startswith("synth:"):
        return ROOT / spec
    _, template, seed = spec.split(":")
    path = _tmp() / name
    if not (path / "gold.toml").exists():
        write_corpus(path, template=template, articles=SYNTH_ARTICLES, seed=int(seed))
    return path


def corpus_hash(path: Path) -> str:
    """sha256 over the corpus's article files (this folder only) and its gold file."""
    h = hashlib.sha256()
    for f in sorted(p for p in path.iterdir() if p.suffix in {".txt", ".md", ".toml"} and p.name != "README.md"):
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def measure(path: Path) -> dict:
    """Overall and per-kind recall and precision of the checker on one corpus."""
    result = discrepancy.check(path)
    data = report(result, load_gold(path / "gold.toml", result.corpus))
    figures = {"overall": {k: data["overall"][k] for k in ("recall", "precision")}}
    for kind, k in data["kinds"].items():
        figures[kind] = {"recall": k["recall"], "precision": k["precision"]}
    return figures


def load_floors() -> dict:
    return json.loads(FLOORS.read_text("utf-8")) if FLOORS.exists() else {}


def update() -> list[str]:
    """Raise the floors to what is measured now; refuse to lower one."""
    floors = load_floors()
    problems = []
    for name in CORPORA:
        path = corpus_path(name)
        measured = measure(path)
        old = floors.get(name, {}).get("floors", {})
        new: dict[str, dict[str, float]] = {}
        for kind in sorted(set(old) | set(measured)):
            for metric in ("recall", "precision"):
                before = old.get(kind, {}).get(metric, 0.0)
                now = measured.get(kind, {}).get(metric, 1.0)
                if now < before:
                    problems.append(f"{name} {kind} {metric}: measured {now:.2f} is below the floor {before:.2f}")
                new.setdefault(kind, {})[metric] = max(before, now)
        floors[name] = {"hash": corpus_hash(path), "floors": new}
    if not problems:
        FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return problems


if __name__ == "__main__":
    if "--update" in sys.argv:
        issues = update()
        print("\n".join(issues) or f"floors written to {FLOORS}")
        sys.exit(1 if issues else 0)
    floors = load_floors()
    for name in CORPORA:
        measured = measure(corpus_path(name))
        for kind, m in sorted(measured.items()):
            f = floors.get(name, {}).get("floors", {}).get(kind, {})
            print(
                f"{name:<9} {kind:<9} recall {m['recall']:.2f} (floor {f.get('recall', 0):.2f})  precision {m['precision']:.2f} (floor {f.get('precision', 0):.2f})"
            )
