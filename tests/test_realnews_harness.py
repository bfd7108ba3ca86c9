"""benchmarks/realnews.py: every cluster folder checked and scored, totals as summed counts,
a Markdown table or JSON, exit 2 when the root is missing. Run on copies of our own corpora."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from benchmarks import realnews
from discrepancy.evaluate import evaluate_folder

from .conftest import FIXTURES

CLUSTERS = ("quake", "trial")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A set of two clusters (copies of fixtures) and a folder without gold (not a cluster)."""
    for name in CLUSTERS:
        shutil.copytree(FIXTURES / name, tmp_path / name)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text("Not scored.\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["json"])
def test_totals_are_summed_counts(root: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    assert realnews.main(["--root", str(root), "--format", fmt]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(data["clusters"]) == list(CLUSTERS)
    for name in CLUSTERS:
        o = evaluate_folder(FIXTURES / name)["overall"]
        assert {k: data["clusters"][name][k] for k in realnews.COUNTS} == {k: o[k] for k in realnews.COUNTS}
        assert data["clusters"][name]["recall_ratio"] == o["recall"]
        assert data["clusters"][name]["matched_flag_share_ratio"] == o["matched_flag_share"]
    total = data["total"]
    for key in realnews.COUNTS:
        assert total[key] == sum(data["clusters"][n][key] for n in CLUSTERS)
    assert total["recall_ratio"] == round(total["found"] / total["gold"], 4)


@pytest.mark.parametrize("fmt", ["text"])
def test_text_is_a_table_with_a_total_row(root: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    assert realnews.main(["--root", str(root), "--format", fmt]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("| cluster | recall | matched-flag share |")
    assert [line.split(" | ")[0] for line in lines[2:]] == ["| `quake`", "| `trial`", "| **total**"]
    data = realnews.measure(root)
    t = data["total"]
    assert lines[-1] == (
        f"| **total** | {t['recall_ratio']:.2f} ({t['found']}/{t['gold']}) "
        f"| {t['matched_flag_share_ratio']:.2f} ({t['matched_flags']}/{t['flags']}) "
        f"| {t['stretch_found']}/{t['stretch']} | {t['agreements_broken']}/{t['agreements']} "
        f"| {t['distinct_violated']}/{t['distinct']} |"
    )


@pytest.mark.parametrize("problem", ["missing root", "no cluster", "bad gold"])
def test_unusable_root_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], problem: str) -> None:
    root = tmp_path / "realnews"
    if problem != "missing root":
        root.mkdir()
    if problem == "bad gold":
        shutil.copytree(FIXTURES / "quake", root / "quake")
        (root / "quake" / "gold.toml").write_text("version = 7\n", encoding="utf-8")
    assert realnews.main(["--root", str(root)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and str(root) in err
