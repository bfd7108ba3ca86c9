"""The command line: exit codes, the stdout/stderr split, output files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from discrepancy.cli import cli

from .conftest import FIXTURES, md_title, run_corpus


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
    assert "2 articles compared" in res.stdout
    assert "aligned slots" not in res.stdout and "documents" not in res.stdout, "no jargon"


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


# --- the text summary: file:line, colour, the closing line ------------------------------------

TWO_DATES = ("It opened on 3 May 2021.", "It opened on 9 May 2021.")


def two_dates(tmp_path: Path) -> Path:
    (tmp_path / "c").mkdir()
    return corpus(tmp_path / "c", *TWO_DATES)


def test_text_places_each_claim_by_file_and_line(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["check", str(FIXTURES), "--exit-zero"])
    result = run_corpus(str(FIXTURES))
    docs = result.corpus.by_id()
    # a corpus inside the working directory is shown relative to it, as CI annotations need
    shown = FIXTURES.relative_to(Path.cwd()) if FIXTURES.is_relative_to(Path.cwd()) else FIXTURES
    for d in result.discrepancies:
        for c in d.positions[0].claims[:5]:
            doc = docs[c.doc]
            line = doc.text.count("\n", 0, c.start) + 1
            assert c.text in doc.text.splitlines()[line - 1]
            assert f"{shown.as_posix()}/{doc.path}:{line}  " in res.stdout


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        (["check", "{c}"], {}, False),  # not a terminal
        (["check", "{c}", "--color"], {}, True),
        (["--color", "check", "{c}"], {}, True),
        (["check", "{c}", "--color"], {"NO_COLOR": "1"}, True),  # the option wins
        (["--color", "check", "{c}", "--no-color"], {}, False),
        (["check", "{c}", "--no-color"], {}, False),
    ],
)
def test_colour_only_when_asked_or_on_a_terminal(
    runner: CliRunner, tmp_path: Path, args: list[str], env: dict[str, str], coloured: bool
) -> None:
    c = str(corpus(tmp_path, *TWO_DATES))
    res = runner.invoke(cli, [a.replace("{c}", c) for a in args], env=env, color=True)
    assert res.exit_code == 1
    assert ("\x1b[" in res.stdout) == coloured
    assert "3 May 2021" in res.stdout


@pytest.mark.parametrize(("no_color", "tty", "coloured"), [("", True, True), ("1", True, False), ("", False, False)])
def test_colour_follows_the_terminal_and_no_color(
    monkeypatch: pytest.MonkeyPatch, no_color: str, tty: bool, coloured: bool
) -> None:
    import click

    from discrepancy import cli as cli_module

    monkeypatch.setenv("NO_COLOR", no_color)
    monkeypatch.setattr(cli_module.sys.stdout, "isatty", lambda: tty)
    assert cli_module._use_color(click.Context(cli), None) is coloured


def test_colour_never_goes_to_a_file(runner: CliRunner, tmp_path: Path) -> None:
    c = two_dates(tmp_path)
    out = tmp_path / "out.txt"
    runner.invoke(cli, ["check", str(c), "--color", "-o", str(out)])
    assert "\x1b[" not in out.read_text("utf-8") and "3 May 2021" in out.read_text("utf-8")


@pytest.mark.parametrize(
    ("extra", "code", "closing"),
    [
        (["--fail-on", "medium"], 1, "8 new discrepancies at or above medium fail this check; "
         "review them with `discrepancy review {c}`."),
        (["--fail-on", "high"], 1, "3 new discrepancies at or above high fail this check; "
         "review them with `discrepancy review {c}`."),
        (["--exit-zero"], 0, "9 new discrepancies at or above low would fail this check (--exit-zero lets it pass); "
         "review them with `discrepancy review {c}`."),
    ],
)  # fmt: skip
def test_closing_line_says_what_fails_and_what_to_run(
    runner: CliRunner, extra: list[str], code: int, closing: str
) -> None:
    res = runner.invoke(cli, ["check", str(FIXTURES), *extra])
    assert res.exit_code == code
    assert res.stdout.rstrip("\n").splitlines()[-1] == closing.format(c=FIXTURES.as_posix())


def test_closing_line_after_review(runner: CliRunner, tmp_path: Path) -> None:
    c = two_dates(tmp_path)
    decisions = tmp_path / "my decisions.json"
    res = runner.invoke(cli, ["check", str(c), "--decisions", str(decisions)])
    assert res.stdout.splitlines()[-1] == (
        f"1 new discrepancy at or above low fails this check; review it with "
        f"`discrepancy review {c.as_posix()} --decisions '{decisions}'`."
    )
    runner.invoke(cli, ["review", str(c), "--decisions", str(decisions), "--all", "--status", "confirmed"])
    res = runner.invoke(cli, ["check", str(c), "--decisions", str(decisions)])
    assert res.exit_code == 0
    assert res.stdout.splitlines()[-1] == "Every discrepancy is reviewed: the check passes."


def test_closing_line_when_only_low_ones_are_open(runner: CliRunner, tmp_path: Path) -> None:
    c = corpus(tmp_path, "About 1200 people came to the fair.", "More than 1200 people came to the fair.")
    res = runner.invoke(cli, ["check", str(c), "--fail-on", "medium"])
    assert res.exit_code == 0
    assert "The same figure, hedged differently: “about” vs “more than”." in res.stdout
    assert res.stdout.splitlines()[-1].startswith(
        "Nothing new at or above medium: the check passes (1 open discrepancy"
    )


@pytest.mark.parametrize("command", ["check", "report"])
def test_title_option(runner: CliRunner, tmp_path: Path, command: str) -> None:
    c = two_dates(tmp_path)
    out = tmp_path / "out"
    args = ["--format", "md"] if command == "check" else ["--output-dir", str(out)]
    res = runner.invoke(cli, [command, str(c), "--title", "Bridge: the dates", *args])
    text = res.stdout if command == "check" else (out / "report.md").read_text("utf-8")
    assert md_title(text) == "Bridge: the dates"
    if command == "report":
        assert "<title>Bridge: the dates</title>" in (out / "report.html").read_text("utf-8")
        assert res.stdout.startswith("2 articles, 1 discrepancy; wrote ")
