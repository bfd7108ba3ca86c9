"""--config FILE and --kinds on every command that reads settings: the file given wins over
the settings found; a missing or invalid file, or an unknown kind, is one line on stderr and
exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from discrepancy.cli import cli
from discrepancy.extract import BUILTIN

from .conftest import write_articles

A = "The bridge opened on 3 May 2021, the city said. Officials said 12 people were injured."
B = "The city said the bridge opened on 4 May 2021. Officials said more than 12 people were injured."

# Every command that reads settings, with what it needs besides the corpus.
COMMANDS = [
    ["check"],
    ["report", "--output-dir", "{tmp}/out"],
    ["extract"],
    ["eval", "--gold", "{tmp}/gold.toml"],
    ["review", "--all", "--status", "confirmed"],
    ["decisions", "prune"],
]


def corpus(tmp_path: Path) -> Path:
    c = tmp_path / "corpus"
    c.mkdir()
    (c / "a.txt").write_text(A, encoding="utf-8")
    (c / "b.txt").write_text(B, encoding="utf-8")
    (tmp_path / "gold.toml").write_text("version = 1\n", encoding="utf-8")
    return c


def invoke(tmp_path: Path, command: list[str], *options: str) -> tuple[int, list[str]]:
    args = [a.format(tmp=tmp_path) for a in command]
    res = CliRunner().invoke(cli, [*args, str(tmp_path / "corpus"), *options])
    return res.exit_code, res.stderr.strip().splitlines()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0] if c[0] != "decisions" else "prune")
@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (None, "no such settings file"),
        ("fail-on = \n", "cannot read settings"),
        ("fial-on = 'high'\n", "unknown setting 'fial-on'; did you mean 'fail-on'?"),
    ],
)
def test_a_missing_or_invalid_config_file_is_exit_2_naming_it(
    tmp_path: Path, command: list[str], settings: str | None, message: str
) -> None:
    corpus(tmp_path)
    config = tmp_path / "elsewhere" / "settings.toml"
    if settings is not None:
        config.parent.mkdir()
        config.write_text(settings, encoding="utf-8")
    code, err = invoke(tmp_path, command, "--config", str(config))
    assert code == 2
    assert len(err) == 1 and err[0].startswith(f"Error: {config}: ") and message in err[0]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0] if c[0] != "decisions" else "prune")
def test_an_unknown_kind_is_exit_2_naming_the_valid_kinds(tmp_path: Path, command: list[str]) -> None:
    corpus(tmp_path)
    code, err = invoke(tmp_path, command, "--kinds", "date,dates")
    assert code == 2
    assert err == [f"Error: --kinds: unknown kind 'dates'; valid kinds: {', '.join(BUILTIN.names)}"]


def test_config_wins_over_the_settings_found(tmp_path: Path) -> None:
    """The corpus's own discrepancy.toml asks for quantities only (the hedge, low: passes at
    fail-on high); --config names another file, which is used instead and alone."""
    c = corpus(tmp_path)
    (c / "discrepancy.toml").write_text('fail-on = "high"\nkinds = ["quantity"]\n', encoding="utf-8")
    assert invoke(tmp_path, ["check"])[0] == 0
    other = tmp_path / "strict.toml"
    other.write_text('fail-on = "low"\n', encoding="utf-8")
    assert invoke(tmp_path, ["check"], "--config", str(other))[0] == 1
    project = tmp_path / "pyproject.toml"
    project.write_text('[tool.discrepancy]\nkinds = ["date"]\nfail-on = "high"\n', encoding="utf-8")
    assert invoke(tmp_path, ["check"], "--config", str(project))[0] == 1  # the date conflict is high
    project.write_text('[project]\nname = "x"\n', encoding="utf-8")
    code, err = invoke(tmp_path, ["check"], "--config", str(project))
    assert code == 2 and err == [f"Error: {project}: no [tool.discrepancy] table; put the settings there"]


def test_kinds_select_what_is_reported_and_win_over_settings(tmp_path: Path) -> None:
    c = corpus(tmp_path)
    runner = CliRunner()

    def kinds(*options: str) -> set[str]:
        res = runner.invoke(cli, ["check", str(c), "--format", "json", *options])
        assert res.exit_code in (0, 1), res.stderr
        return {d["kind"] for d in json.loads(res.stdout)["discrepancies"]}

    assert kinds() == {"date", "quantity"}
    assert kinds("--kinds", "date") == {"date"}
    assert kinds("--kinds", " Quantity , date ") == {"date", "quantity"}
    (c / "discrepancy.toml").write_text('kinds = ["quantity"]\n', encoding="utf-8")
    assert kinds() == {"quantity"}
    assert kinds("--kinds", "date") == {"date"}  # the option wins
    res = runner.invoke(cli, ["check", str(c), "--kinds", ","])
    assert res.exit_code == 2 and "--kinds: no kind given" in res.stderr


# Publication dates that depend on the day they are read on: relative, yearless, and one that
# is in the future of some days and in the past of others.
DATED = {
    "a.txt": "Published: yesterday\n\n" + A,
    "b.txt": "Published: June 2\n\n" + B,
    "c.txt": "Published: 2026-06-10\n\nThe city said the bridge opened on 5 May 2021. Officials said 12 people were injured.",
}


def dated_corpus(tmp_path: Path) -> Path:
    return write_articles(tmp_path / "corpus", DATED)


@pytest.mark.parametrize("today", ["2026-06-30", "2027-01-01"])
def test_today_fixed_gives_the_same_bytes_in_every_time_zone(tmp_path: Path, today: str) -> None:
    """--today is the only "today" a run knows: the machine's clock and TZ change nothing (UTC
    and UTC+14 are on different days for ten hours of every day)."""
    import os
    import subprocess
    import sys

    c = dated_corpus(tmp_path)
    outputs = []
    for tz in ("UTC", "Pacific/Kiritimati", "America/Los_Angeles"):
        proc = subprocess.run(
            [sys.executable, "-m", "discrepancy", "check", str(c), "--today", today, "--format", "json"],
            env={**os.environ, "TZ": tz}, capture_output=True, check=False,
        )  # fmt: skip
        assert proc.returncode == 1, proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert json.loads(outputs[0])["corpus"]["today"] == today


@pytest.mark.parametrize(
    ("today", "published", "note"),
    [
        ("2026-06-30", {"a": "2026-06-29", "b": "2026-06-02", "c": "2026-06-10"}, None),
        ("2026-06-05", {"a": "2026-06-04", "b": "2026-06-02", "c": None}, "c.txt: publication date '2026-06-10'"),
        ("2026-06-10", {"a": "2026-06-09", "b": "2026-06-02", "c": "2026-06-10"}, None),
        ("2026-06-09", {"a": "2026-06-08", "b": "2026-06-02", "c": "2026-06-10"}, None),  # a day's grace
        ("2026-03-01", {"a": "2026-02-28", "b": "2025-06-02", "c": None}, "c.txt: publication date '2026-06-10'"),
    ],
)
def test_publication_dates_are_read_as_of_today(
    tmp_path: Path, today: str, published: dict[str, str | None], note: str | None
) -> None:
    """Relative and yearless dates resolve against --today; one after it (beyond a day's grace)
    is ignored with a notice, whatever the date the check runs on."""
    c = dated_corpus(tmp_path)
    res = CliRunner().invoke(cli, ["check", str(c), "--today", today, "--format", "json"])
    assert res.exit_code == 1, res.stderr
    report = json.loads(res.stdout)
    assert {d["id"]: d["published"] for d in report["corpus"]["documents"]} == published
    future = [f"{n['path']}: {n['message']}" for n in report["notices"] if "in the future" in n["message"]]
    assert future == ([f"{note!s} is in the future; ignored"] if note else [])


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0] if c[0] != "decisions" else "prune")
def test_every_command_that_reads_a_corpus_takes_today(tmp_path: Path, command: list[str]) -> None:
    corpus(tmp_path)
    assert invoke(tmp_path, command, "--today", "2026-06-30")[0] in (0, 1)
    code, err = invoke(tmp_path, command, "--today", "30/06/2026")
    assert code == 2 and "--today" in err[-1] and "30/06/2026" in err[-1]


def test_the_run_records_the_day_it_read_on_and_review_dates_decisions_with_it(tmp_path: Path) -> None:
    import datetime as dt

    c = corpus(tmp_path)
    res = CliRunner().invoke(cli, ["check", str(c), "--format", "json"])
    assert json.loads(res.stdout)["corpus"]["today"] == dt.date.today().isoformat()  # default: read once
    res = CliRunner().invoke(cli, ["review", str(c), "--all", "--status", "confirmed", "--today", "2026-06-30"])
    assert res.exit_code == 0, res.stderr
    dates = {json.loads(p.read_text("utf-8"))["date"] for p in (c / ".discrepancy" / "decisions").glob("*.json")}
    assert dates == {"2026-06-30"}
