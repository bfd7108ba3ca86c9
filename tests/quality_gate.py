"""The quality gate: recall and precision floors per corpus and kind, pinned in
tests/quality_floors.json with a hash of each corpus and its gold file; and, for each cluster of
the real-news development set (../shared/realnews/, read in place, never copied here), floors
for recall and the matched-flag share and ceilings for agreements broken and distinct entries
violated, pinned in tests/realnews_floors.json.

    python -m tests.quality_gate            # print the measured figures against the floors
    python -m tests.quality_gate --update   # raise floors (lower ceilings) to the measured figures

Floors only go up and ceilings only go down. When a corpus or its gold file changes, its hash no
longer matches and the gate fails until it is re-pinned with --update, which refuses to lower a
floor or raise a ceiling: a drop must be an explicit, reviewed edit of the floors file. The
real-news floors live in their own file because that set is optional (absent, its tests skip)
and is scored with other figures (gold format version 2).
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from functools import cache
from pathlib import Path

import discrepancy
from discrepancy.evaluate import evaluate_folder, load_gold, report
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
    """Raise the floors (lower the ceilings) to what is measured now; refuse to lower a floor or
    raise a ceiling. Nothing is written when there is a problem."""
    floors, problems = _raised_floors()
    realnews, more = _tightened_realnews(REALNEWS, load_realnews_floors(REALNEWS_FLOORS))
    problems += more
    if not problems:
        FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        if REALNEWS.is_dir():
            _write_json(REALNEWS_FLOORS, realnews)
    return problems


def _raised_floors() -> tuple[dict, list[str]]:
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
    return floors, problems


# ---------------------------------------------------------------- the real-news development set

REALNEWS = ROOT.parent / "shared" / "realnews"
REALNEWS_FLOORS = Path(__file__).with_name("realnews_floors.json")
FLOOR_METRICS = ("matched_flag_share", "recall")  # only go up
CEILING_METRICS = ("agreements_broken", "distinct_violated")  # only go down
RATIO_SLACK = 1e-9  # ratios are pinned rounded to 4 places, as measured


def realnews_clusters(root: Path = REALNEWS) -> list[str]:
    """The cluster folders of the set (sub-folders with a gold.toml), by name; none when absent."""
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "gold.toml").is_file())


def realnews_hash(path: Path) -> str:
    """sha256 over a cluster's articles, gold.toml and discrepancy.toml (NOTES.md is prose the
    checker ignores; editing it needs no re-pinning)."""
    h = hashlib.sha256()
    for f in sorted(p for p in path.iterdir() if p.is_file() and p.suffix in {".txt", ".toml"}):
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def measure_realnews(path: Path) -> dict[str, float]:
    """Recall, matched-flag share, agreements broken and distinct violated on one cluster."""
    o = evaluate_folder(path)["overall"]
    return {metric: o[metric] for metric in (*FLOOR_METRICS, *CEILING_METRICS)}


def load_realnews_floors(path: Path = REALNEWS_FLOORS) -> dict:
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


def below_floors(pinned: dict, measured: dict[str, float]) -> list[str]:
    """The figures that fall below a pinned floor or rise above a pinned ceiling."""
    out = []
    for metric, floor in sorted(pinned.get("floors", {}).items()):
        if measured[metric] + RATIO_SLACK < floor:
            out.append(f"{metric} {measured[metric]:.2f} is below the floor {floor:.2f}")
    for metric, ceiling in sorted(pinned.get("ceilings", {}).items()):
        if measured[metric] > ceiling:
            out.append(f"{metric} {measured[metric]:g} is above the ceiling {ceiling:g}")
    return out


def _tightened_realnews(root: Path, floors: dict) -> tuple[dict, list[str]]:
    """Floors raised and ceilings lowered to what is measured on every cluster under root."""
    floors = dict(floors)
    problems = []
    for name in realnews_clusters(root):
        measured = measure_realnews(root / name)
        old = floors.get(name, {})
        problems += [f"realnews {name}: {p}" for p in below_floors(old, measured)]
        low, high = old.get("floors", {}), old.get("ceilings", {})
        floors[name] = {
            "hash": realnews_hash(root / name),
            "floors": {m: max(low.get(m, 0.0), measured[m]) for m in FLOOR_METRICS},
            "ceilings": {m: min(high.get(m, measured[m]), measured[m]) for m in CEILING_METRICS},
        }
    return floors, problems


def update_realnews(root: Path = REALNEWS, floors_path: Path = REALNEWS_FLOORS) -> list[str]:
    """Pin the real-news clusters under root in floors_path (never lowering a floor or raising a
    ceiling); return the problems, and write nothing when there are any."""
    floors, problems = _tightened_realnews(root, load_realnews_floors(floors_path))
    if not problems:
        _write_json(floors_path, floors)
    return problems


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if "--update" in sys.argv:
        issues = update()
        written = f"floors written to {FLOORS}" + (f" and {REALNEWS_FLOORS}" if REALNEWS.is_dir() else "")
        print("\n".join(issues) or written)
        sys.exit(1 if issues else 0)
    floors = load_floors()
    for name in CORPORA:
        measured = measure(corpus_path(name))
        for kind, m in sorted(measured.items()):
            f = floors.get(name, {}).get("floors", {}).get(kind, {})
            print(
                f"{name:<9} {kind:<9} recall {m['recall']:.2f} (floor {f.get('recall', 0):.2f})  precision {m['precision']:.2f} (floor {f.get('precision', 0):.2f})"
            )
    pinned = load_realnews_floors()
    for name in realnews_clusters():
        m = measure_realnews(REALNEWS / name)
        f = pinned.get(name, {}).get("floors", {})
        c = pinned.get(name, {}).get("ceilings", {})
        print(
            f"realnews {name:<28} recall {m['recall']:.2f} (floor {f.get('recall', 0):.2f})  "
            f"matched-flag share {m['matched_flag_share']:.2f} (floor {f.get('matched_flag_share', 0):.2f})  "
            f"agreements broken {m['agreements_broken']:g} (ceiling {c.get('agreements_broken', '-')})  "
            f"distinct violated {m['distinct_violated']:g} (ceiling {c.get('distinct_violated', '-')})"
        )
