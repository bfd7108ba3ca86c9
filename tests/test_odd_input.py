"""Odd input and odd surroundings end in a notice, a warning or a one-line error, never a
traceback: lone surrogates in JSON Lines, file names that are not UTF-8, a locale that is not
UTF-8, an unwritable job summary, an output path that is a symbolic link, a size limit that is
not a number (issue 14)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import discrepancy
from discrepancy.cli import cli
from discrepancy.fsutil import atomic_write
from discrepancy.report import RENDERERS, render

ARTICLE_A = "The dam failed on 3 May 2024 and 12 people were killed, officials said."
ARTICLE_B = "Officials said 14 people were killed when the dam failed on 3 May 2024."


def folder(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text(f"Source: Alpha\n\n{ARTICLE_A}\n", encoding="utf-8")
    (root / "b.txt").write_text(f"Source: Beta\n\n{ARTICLE_B}\n", encoding="utf-8")
    return root


def run_cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """The command line in a process of its own (its locale and streams are its own)."""
    return subprocess.run(
        [sys.executable, "-m", "discrepancy", *args], capture_output=True, env={**os.environ, **(env or {})}, cwd=cwd
    )


def test_a_lone_surrogate_in_json_lines_is_read_as_a_replacement_character(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    lines = [
        json.dumps({"id": "a\ud800", "source": "Al\udfffpha", "text": ARTICLE_A + " \ud800 \ud83d\ude00"}),
        json.dumps({"id": "b", "source": "Beta \ud83d\ude00", "text": ARTICLE_B}),  # a pair: an emoji, no notice
    ]
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    result = discrepancy.check(path)
    docs = result.corpus.by_id()
    assert docs["a\ufffd"].outlet == "Al\ufffdpha" and docs["a\ufffd"].text.endswith(" \ufffd \U0001f600")
    assert docs["b"].outlet == "Beta \U0001f600"
    assert [n.path for n in result.notices if "surrogate" in n.message] == ["s.jsonl#1"]
    for fmt in RENDERERS:
        render(result, fmt).encode("utf-8")
    res = run_cli("report", str(path), "--output-dir", str(tmp_path / "out"))
    assert res.returncode == 0 and b"Traceback" not in res.stderr, res.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux only")
def test_a_file_name_that_is_not_utf8_is_skipped_with_a_notice(tmp_path: Path) -> None:
    root = folder(tmp_path)
    (root / "c.txt").write_text(f"Source: Gamma\n\n{ARTICLE_B}\n", encoding="utf-8")
    with open(os.fsencode(root) + b"/caf\xe9.txt", "w", encoding="utf-8") as fh:
        fh.write(f"Source: Delta\n\n{ARTICLE_A}\n")
    os.mkdir(os.fsencode(root) + b"/d\xff")
    result = discrepancy.check(root)
    skipped = {n.path: n.message for n in result.notices if n.message.startswith("skipped")}
    assert skipped["caf\\xe9.txt"] == "skipped: the file name is not valid UTF-8; rename it"
    assert skipped["d\\xff"] == "skipped: the folder name is not valid UTF-8; rename it"
    assert sorted(d.path for d in result.corpus.documents) == ["a.txt", "b.txt", "c.txt"]
    for args in (["check", str(root)], ["report", str(root), "--output-dir", str(tmp_path / "out")]):
        res = run_cli(*args)
        assert res.returncode in (0, 1) and b"Traceback" not in res.stderr, res.stderr
    assert b"note: caf\\xe9.txt: skipped: the file name" in run_cli("check", str(root)).stdout


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux only")
def test_a_corpus_folder_whose_name_is_not_utf8(tmp_path: Path) -> None:
    root = folder(tmp_path)
    odd = os.fsencode(tmp_path) + b"/story\xe9"
    os.rename(root, odd)
    res = run_cli("check", os.fsdecode(odd), "--format", "json")
    assert res.returncode == 1 and b"Traceback" not in res.stderr, res.stderr
    res = run_cli("report", os.fsdecode(odd), "--output-dir", str(tmp_path / "out"))
    assert res.returncode == 0, res.stderr
    assert "story\\\\xe9" in (tmp_path / "out" / "report.md").read_text("utf-8")  # Markdown for story\\xe9


@pytest.mark.parametrize(
    "env",
    [
        {"LANG": "C", "LC_ALL": "C"},
        {"LC_ALL": "POSIX"},
        {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
        {"PYTHONIOENCODING": "latin-1"},
        {"PYTHONIOENCODING": "ascii"},
    ],
)
@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_a_locale_that_is_not_utf8(tmp_path: Path, env: dict[str, str], fmt: str) -> None:
    root = folder(tmp_path)
    (root / "a.txt").write_text(f"Source: Alpha “Ünïcode” ✓\n\n{ARTICLE_A}\n", encoding="utf-8")
    res = run_cli("check", str(root), "--format", fmt, env=env)
    assert res.returncode == 1 and b"Traceback" not in res.stderr, res.stderr
    assert b"Alpha" in res.stdout
    if fmt == "json":  # an escaped character is still the same JSON
        assert json.loads(res.stdout.decode("ascii", "replace"))["corpus"]["documents"][0]["source"].startswith("Alpha")


def test_an_unwritable_job_summary_warns_and_the_check_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = folder(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "no" / "such" / "summary.md"))
    runner = CliRunner()
    res = runner.invoke(cli, ["check", str(root), "--exit-zero"])
    assert res.exit_code == 0, res.output
    assert "cannot write the job summary" in res.stderr and str(tmp_path / "no") in res.stderr
    assert runner.invoke(cli, ["check", str(root)]).exit_code == 1  # the findings decide, as without a summary


def test_output_through_a_symbolic_link_writes_its_target(tmp_path: Path) -> None:
    root = folder(tmp_path)
    target = tmp_path / "shared" / "report.json"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "r.json"
    link.symlink_to(target)
    res = CliRunner().invoke(cli, ["check", str(root), "--format", "json", "-o", str(link)])
    assert res.exit_code == 1, res.output
    assert link.is_symlink() and json.loads(target.read_text("utf-8"))["schema_version"] == 1
    out = tmp_path / "reports"
    out.mkdir()
    (out / "report.md").symlink_to(tmp_path / "shared" / "report.md")
    assert CliRunner().invoke(cli, ["report", str(root), "--output-dir", str(out)]).exit_code == 0
    assert (out / "report.md").is_symlink() and (tmp_path / "shared" / "report.md").read_text("utf-8").strip()


def test_atomic_write_follows_a_chain_of_links_and_keeps_no_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    first = tmp_path / "l1"
    first.symlink_to(tmp_path / "l2")
    (tmp_path / "l2").symlink_to(tmp_path / "real" / "f.txt")
    atomic_write(first, "one\n")
    atomic_write(first, "two\n")
    assert first.is_symlink() and (tmp_path / "l2").is_symlink()
    assert (tmp_path / "real" / "f.txt").read_text("utf-8") == "two\n"
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["f.txt"]


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "+nan", "0", "-1", '"5"', "true"])
def test_a_size_limit_that_is_not_a_positive_finite_number(tmp_path: Path, value: str) -> None:
    root = folder(tmp_path)
    (root / "discrepancy.toml").write_text(f"max-article-mb = {value}\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", str(root)])
    assert res.exit_code == 2, res.output
    assert len(res.stderr.strip().splitlines()) == 1
    assert "discrepancy.toml" in res.stderr and "'max-article-mb' must be a positive number" in res.stderr
