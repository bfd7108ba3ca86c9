"""The command line: exit codes, the stdout/stderr split, output files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from discrepancy.cli import cli

from .conftest import FIXTURES


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def corpus(tmp_path: Path, *texts: str) -> Path:
    for i, t in enumerate(texts):
        (tmp_path / f"doc{i}.txt").write_text(t, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("texts", "code"),
    [
        (("The bridge opened on 3 May 2021 to traffic.", "The bridge opened on 3 May 2021 to traffic."), 0),
        (("The bridge opened on 3 May 2021 to traffic.", "The bridge opened on 9 May 2021 to traffic."), 1),
    ],
    ids=["agree", "disagree"],
)
def test_check_exit_code(runner: CliRunner, tmp_path: Path, texts: tuple[str, ...], code: int) -> None:
    res = runner.invoke(cli, ["check", str(corpus(tmp_path, *texts))])
    assert res.exit_code == code, res.output
    assert "documents" in res.stdout


def test_exit_zero(runner: CliRunner, tmp_path: Path) -> None:
    c = corpus(tmp_path, "It opened on 3 May 2021.", "It opened on 9 May 2021.")
    assert runner.invoke(cli, ["check", str(c), "--exit-zero"]).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "does-not-exist"], "does-not-exist: no such file or directory"),
        (["check", "{empty}"], "no .txt, .md, .html, .pdf or .docx articles"),
        (["check", "{empty}", "--format", "xml"], "Invalid value for '--format'"),
    ],
)
def test_errors_exit_2_with_one_line_on_stderr(
    runner: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    args = [a.replace("{empty}", str(tmp_path)) for a in args]
    res = runner.invoke(cli, args)
    assert res.exit_code == 2
    assert message in res.stderr
    assert res.stdout == ""


def test_a_binary_file_is_skipped_with_a_notice(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\xff\x00")
    res = runner.invoke(cli, ["check", str(tmp_path), "--format", "text"])
    assert res.exit_code == 0
    assert "note: bad.txt: skipped: binary file, not text" in res.stdout


def test_only_binary_files_exit_2_naming_the_file(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00\xff\x00")
    res = runner.invoke(cli, ["check", str(tmp_path)])
    assert res.exit_code == 2
    assert "no usable article: bad.txt: binary file" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_json_output_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out" / "report.json"
    res = runner.invoke(cli, ["check", str(FIXTURES), "--format", "json", "--output", str(out)])
    assert res.exit_code == 1
    assert res.stdout == ""
    assert "wrote" in res.stderr
    data = json.loads(out.read_text("utf-8"))
    assert data["schema_version"] == 1
    assert out.read_text("utf-8").endswith("}\n")


def test_report_writes_the_four_reports(runner: CliRunner, tmp_path: Path) -> None:
    res = runner.invoke(cli, ["report", str(FIXTURES), "--output-dir", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv", "report.html", "report.json", "report.md"]


@pytest.mark.parametrize("fmt", ["text", "json", "md", "html", "csv", "jsonl"])
def test_formats_on_stdout(runner: CliRunner, fmt: str) -> None:
    res = runner.invoke(cli, ["check", str(FIXTURES), "--format", fmt])
    assert res.exit_code == 1
    assert res.stdout.strip()


def test_no_progress_bar_when_stderr_is_not_a_terminal(runner: CliRunner, tmp_path: Path) -> None:
    for i in range(210):  # above the size at which a bar would be drawn on a terminal
        (tmp_path / f"d{i:03}.txt").write_text("The bridge opened on 3 May 2021.", encoding="utf-8")
    res = runner.invoke(cli, ["check", str(tmp_path)])
    assert res.exit_code == 0
    assert res.stderr == ""


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github"])
def test_ci_formats_from_the_cli(runner: CliRunner, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES.parent)
    res = runner.invoke(cli, ["check", "fixtures", "--format", fmt])
    assert res.exit_code == 1 and res.stdout.strip()
    assert str(FIXTURES.parent) not in res.stdout  # locations relative to where the corpus was named


def test_github_job_summary_when_in_actions(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.chdir(FIXTURES.parent)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    res = runner.invoke(cli, ["check", "fixtures", "--format", "github"])
    assert res.exit_code == 1
    assert "discrepanc" in summary.read_text("utf-8").lower()


def test_no_color(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    res = runner.invoke(cli, ["review", str(FIXTURES), "--decisions", "/dev/null/none.json"], input="q\n", color=True)
    assert "\x1b[" not in res.output
    res = runner.invoke(cli, ["--no-color", "check", str(FIXTURES)], color=True)
    assert "\x1b[" not in res.output


def test_written_files_are_not_private(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    runner.invoke(cli, ["check", str(FIXTURES), "--format", "json", "-o", str(out)])
    assert out.stat().st_mode & 0o044  # readable by others, like any file the user writes


@pytest.mark.parametrize("doc", ["000_ce86ac23983d97ae"])
def test_extract_prints_typed_facts(doc: str) -> None:
    out = CliRunner().invoke(cli, ["extract", "fixtures", "--doc", doc])
    assert out.exit_code == 0, out.output
    recs = [json.loads(line) for line in out.output.splitlines()]
    assert recs and {r["doc"] for r in recs} == {doc}
    text = Path("fixtures", f"{doc}.txt").read_text("utf-8")
    assert all(text[r["start"] : r["end"]] == r["text"] for r in recs)
    lead = [r for r in recs if r["lead"]]
    assert lead and "@lead" in lead[0]["keys"] and lead[0]["subject"] == "main event (lede)"
    assert any(r["details"].get("person") for r in recs if r["kind"] == "name")
