"""What the browser review relies on below HTTP: a decision's version, a write refused when
the decision changed since it was read, the value the reviewer knows is right, and who the
reviewer is (option, $DISCREPANCY_REVIEWER, the `reviewer` setting, git's user.name)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import discrepancy
from discrepancy.cli import cli
from discrepancy.decisions import dumps, load, record, version
from discrepancy.errors import DecisionConflict, DecisionsError
from discrepancy.models import Status
from discrepancy.review import decide
from discrepancy.webreview import Session

ARTICLE = "Title: Bridge opens\nSource: {source}\n\nThe bridge opened on {day} May 2021, the city said.\n"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE.format(source="The Daily", day=3), encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE.format(source="The Other Paper", day=4), encoding="utf-8")
    return folder


def the_discrepancy(corpus: Path):
    (d,) = discrepancy.check(corpus, decisions=False).discrepancies
    return d


@pytest.mark.parametrize("seen", ["", "0123456789abcdef"])
def test_a_write_is_refused_when_the_decision_changed_since_it_was_read(corpus: Path, seen: str) -> None:
    d, folder = the_discrepancy(corpus), corpus / "decisions"
    theirs = decide(d, Status.DISMISSED, note="two events", reviewer="bo", date="2024-05-12")
    record(folder, [theirs])
    mine = decide(d, Status.CONFIRMED, note="", reviewer="ana", date="2024-05-12")
    with pytest.raises(DecisionConflict, match=f"decision {d.id} changed since it was read") as err:
        record(folder, [mine], expect={d.id: seen})
    assert err.value.id == d.id and load(folder)[d.id] == theirs, "nothing written"
    record(folder, [mine], expect={d.id: version(theirs)})
    assert load(folder)[d.id] == mine


@pytest.mark.parametrize("note", ["two events"])
def test_a_version_changes_with_the_decision(corpus: Path, note: str) -> None:
    d = the_discrepancy(corpus)
    a = decide(d, Status.DISMISSED, note=note, reviewer="bo", date="2024-05-12")
    b = decide(d, Status.DISMISSED, note=note + ".", reviewer="bo", date="2024-05-12")
    assert version(None) == "" and len(version(a)) == 16 and version(a) != version(b)
    assert version(a) == version(decide(d, Status.DISMISSED, note=note, reviewer="bo", date="2024-05-12"))


@pytest.mark.parametrize("which", [0, 1])
def test_the_right_value_is_kept_only_when_given(corpus: Path, which: int) -> None:
    d, folder = the_discrepancy(corpus), corpus / "decisions"
    right = sorted(p.normalized for p in d.positions)[which]
    record(folder, [decide(d, Status.CONFIRMED, note="", reviewer="ana", date="2024-05-12", right=right)])
    assert json.loads((folder / f"{d.id}.json").read_text("utf-8"))["right"] == right
    assert load(folder)[d.id].right == right
    plain = decide(d, Status.CONFIRMED, note="", reviewer="ana", date="2024-05-12")
    assert "right" not in json.loads(dumps(plain)), "files without it are written as before"
    with pytest.raises(DecisionsError, match="is not one of the values"):
        decide(d, Status.CONFIRMED, note="", reviewer="ana", date="2024-05-12", right="2021-05-05")


@pytest.mark.parametrize("status", ["dismissed"])
def test_the_session_reads_decisions_again_on_every_call(corpus: Path, status: str) -> None:
    folder = corpus / ".discrepancy" / "decisions"
    session = Session.of(discrepancy.check(corpus), folder, reviewer="ana", date="2024-05-12")
    assert session.state()["reviewed"] == 0
    d = the_discrepancy(corpus)
    record(folder, [decide(d, Status(status), note="two events", reviewer="bo", date="2024-05-12")])
    now = session.state()
    assert now["reviewed"] == 1 and now["items"][0]["status"] == status
    assert now["items"][0]["decision"]["reviewer"] == "bo"
    # a session made from a reviewed result forgets its decisions once they are gone
    reviewed = Session.of(discrepancy.check(corpus), folder, reviewer="ana")
    (folder / f"{d.id}.json").unlink()
    assert reviewed.state()["items"][0]["status"] == "unreviewed"


@pytest.mark.parametrize(
    ("option", "env", "setting", "expected"),
    [
        ("", "", "", "Git Person"),
        ("", "", "Set Person", "Set Person"),
        ("", "Env Person", "Set Person", "Env Person"),
        ("Option Person", "Env Person", "Set Person", "Option Person"),
    ],
)
def test_who_decides(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, option: str, env: str, setting: str, expected: str
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("DISCREPANCY_REVIEWER", raising=False)
    if env:
        monkeypatch.setenv("DISCREPANCY_REVIEWER", env)
    subprocess.run(["git", "init", "-q"], cwd=corpus.parent, check=True)
    subprocess.run(["git", "config", "user.name", "Git Person"], cwd=corpus.parent, check=True)
    if setting:
        (corpus / "discrepancy.toml").write_text(f'reviewer = "{setting}"\n', encoding="utf-8")
    args = ["review", str(corpus), "--all", "--status", "confirmed"] + (["--reviewer", option] if option else [])
    run = CliRunner().invoke(cli, args)
    assert run.exit_code == 0, run.output
    (dec,) = load(corpus / ".discrepancy" / "decisions").values()
    assert dec.reviewer == expected


@pytest.mark.parametrize("value", ['""', "3"])
def test_a_bad_reviewer_setting_is_named(corpus: Path, value: str) -> None:
    (corpus / "discrepancy.toml").write_text(f"reviewer = {value}\n", encoding="utf-8")
    run = CliRunner().invoke(cli, ["review", str(corpus), "--all", "--status", "confirmed"])
    assert run.exit_code == 2 and "'reviewer' must be a non-empty name" in run.output
