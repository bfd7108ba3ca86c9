"""Decisions and review: the whole CI cycle, the decisions file's safety, the interactive walk."""

from __future__ import annotations

import json
import subprocess
import threading
from dataclasses import replace
from pathlib import Path
from typing import Literal

import pytest
from click.testing import CliRunner

import discrepancy
from discrepancy.cli import cli
from discrepancy.errors import DecisionsError
from discrepancy.interactive import walk
from discrepancy.models import Severity, Status
from discrepancy.review import apply, decide, load, prune, record

from .conftest import write_articles

ARTICLES = {
    "alpha.txt": "Title: Bridge opens\nSource: Alpha News\nDate: 2024-05-10\n\nThe new river bridge opened on 3 May 2024, the city said. "
    "Officials said 12 people were injured in a crush at the ceremony.\n",
    "beta.txt": "Title: Bridge opening\nSource: Beta Daily\nDate: 2024-05-10\n\nThe city said the new river bridge opened on 4 May 2024. "
    "Officials said 12 people were injured in a crush at the ceremony.\n",
}
AGREEING = (
    "Title: Bridge\nSource: Gamma Post\nDate: 2024-05-11\n\nThe new river bridge opened on 3 May 2024, the city said.\n"
)
CONFLICTING = (
    "Title: Bridge\nSource: Delta Wire\nDate: 2024-05-10\n\nThe new river bridge opened on 6 May 2024, the city said.\n"
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    corpus = write_articles(tmp_path / "corpus", ARTICLES)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return corpus


def invoke(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, list(args))
    return res.exit_code, res.stdout, res.stderr


def test_the_whole_cycle(repo: Path) -> None:
    decisions = repo / ".discrepancy" / "decisions"
    code, out, _ = invoke("check", str(repo))
    assert code == 1 and "date" in out  # an unreviewed discrepancy fails the check

    code, out, _ = invoke(
        "review", str(repo), "--all", "--status", "confirmed", "--reviewer", "ana", "--date", "2024-05-12"
    )
    assert code == 0 and "recorded 1 decision" in out
    (file,) = decisions.glob("*.json")  # one file per decision, named after its id
    saved = json.loads(file.read_text("utf-8"))
    assert saved["status"] == "confirmed" and saved["reviewer"] == "ana" and file.stem == saved["id"]

    code, out, _ = invoke("check", str(repo))
    assert code == 0 and "(confirmed)" in out  # reviewed: the check passes and shows the status

    (repo / "gamma.txt").write_text(AGREEING, encoding="utf-8")
    code, _, _ = invoke("check", str(repo))
    assert code == 0  # an agreeing article is more evidence, not a new discrepancy

    (repo / "delta.txt").write_text(CONFLICTING, encoding="utf-8")
    code, out, err = invoke("check", str(repo))
    assert code == 1  # a new value: the old decision is stale and the item needs review again
    assert "stale" in err and "(stale decision)" in out

    before = file.read_bytes()
    file.write_bytes(b'{"id": "D1",')  # corrupt
    corrupt = file.read_bytes()
    code, out, err = invoke("check", str(repo))
    assert code == 2 and f"{file.name}: cannot read" in err and len(err.strip().splitlines()) == 1
    assert file.read_bytes() == corrupt  # untouched
    code, _, err = invoke("review", str(repo), "--all", "--status", "confirmed")
    assert code == 2 and file.read_bytes() == corrupt and sorted(decisions.glob("*.json")) == [file]
    assert before  # the valid file existed before the corruption


def test_exit_codes_follow_fail_on_and_strict(repo: Path) -> None:
    assert invoke("check", str(repo), "--fail-on", "high")[0] == 1  # a date conflict is high
    invoke("review", str(repo), "--all", "--status", "explained", "--note", "the city moved the date")
    assert invoke("check", str(repo))[0] == 0
    (repo / "delta.txt").write_text(CONFLICTING, encoding="utf-8")
    assert invoke("check", str(repo), "--exit-zero")[0] == 0
    assert invoke("check", str(repo), "--strict")[0] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--all", "--status", "dismissed"], "a note is required"),
        (["--id", "Dnothere0000", "--status", "confirmed"], "no discrepancy Dnothere0000"),
        (["--status", "confirmed"], "--status needs --id or --all"),
    ],
)
def test_review_refuses_bad_requests(repo: Path, args: list[str], message: str) -> None:
    code, _, err = invoke("review", str(repo), *args)
    assert code == 2 and message in err
    assert not (repo / ".discrepancy").exists()


def test_prune_drops_decisions_that_match_nothing(repo: Path) -> None:
    invoke("review", str(repo), "--all", "--status", "confirmed")
    path = repo / ".discrepancy" / "decisions"
    (kept,) = path.glob("*.json")
    data = json.loads(kept.read_text("utf-8"))
    (path / "Dgone0000000.json").write_text(json.dumps({**data, "id": "Dgone0000000", "key": "elsewhere"}), "utf-8")
    code, _, err = invoke("check", str(repo))
    assert code == 0 and "Dgone0000000 matches no discrepancy" in err
    code, out, _ = invoke("decisions", "prune", str(repo))
    assert code == 0 and "Dgone0000000" in out
    assert sorted(path.glob("*.json")) == [kept]


def test_decisions_file_is_sorted_and_diff_friendly(repo: Path) -> None:
    invoke("review", str(repo), "--all", "--status", "confirmed", "--date", "2024-05-12", "--reviewer", "ana")
    (file,) = (repo / ".discrepancy" / "decisions").glob("*.json")
    text = file.read_text("utf-8")
    assert (
        text.endswith("}\n")
        and text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    )


@pytest.mark.parametrize(
    "content",
    [b"not json", b'{"version": 2, "decisions": []}', b'{"version": 1, "decisions": [{"id": "D1"}]}', b"\xff\xfe"],
)
def test_malformed_decisions_file_is_an_error_never_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "decisions.json"
    path.write_bytes(content)
    with pytest.raises(DecisionsError, match="decisions.json"):
        load(path)


def test_concurrent_writers_lose_no_decision(repo: Path) -> None:
    result = discrepancy.check(repo)
    base = result.discrepancies[0]
    path = repo / ".discrepancy" / "decisions"
    from dataclasses import replace

    fakes = [replace(base, id=f"D{n:010d}") for n in range(40)]
    threads = [
        threading.Thread(
            target=record, args=(path, [decide(d, Status.CONFIRMED, note="", reviewer=f"r{n}", date="2024-05-12")])
        )
        for n, d in enumerate(fakes)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(load(path)) == sorted(d.id for d in fakes)


def test_interactive_review_driven_by_input(repo: Path) -> None:
    res = CliRunner().invoke(
        cli, ["review", str(repo), "--reviewer", "ana", "--date", "2024-05-12"], input="x\nd\n\nd\nnot the same event\n"
    )
    assert res.exit_code == 0, res.output
    assert "[c]onfirm" in res.output and "unknown key" in res.output and "a note is required" in res.output
    saved = load(repo / ".discrepancy" / "decisions")
    assert [(d.status, d.note) for d in saved.values()] == [(Status.DISMISSED, "not the same event")]


def test_walk_goes_back_and_quits(tmp_path: Path) -> None:
    result = discrepancy.check(Path(__file__).resolve().parent.parent / "fixtures")
    keys = iter(["s", "b", "c", "q"])
    out: list[str] = []
    taken = walk(
        result,
        tmp_path / "d.json",
        reviewer="ana",
        date="2024-05-12",
        read_key=lambda: next(keys),
        read_note=lambda _: "",
        echo=out.append,
    )
    assert [d.status for d in taken] == [Status.CONFIRMED]
    assert taken[0].id == result.discrepancies[0].id  # back from the second item to the first
    assert any("[2/" in line for line in out)  # it did show the second item
    assert sorted(load(tmp_path / "d.json")) == [taken[0].id]  # saved at once


def test_stale_detection_by_kind_and_key(repo: Path) -> None:
    result = discrepancy.check(repo)
    (d,) = result.discrepancies
    old = decide(d, Status.CONFIRMED, note="", reviewer="ana", date="2024-05-12")
    from dataclasses import replace

    moved = replace(old, id="Dold00000000")
    reviewed, state = apply(result, {moved.id: moved})
    assert reviewed.discrepancies[0].stale and [x.id for x in state.stale] == ["Dold00000000"]
    assert state.unused == ()


# --- the library and the command agree --------------------------------------------------------

PARITY_ARTICLES = {
    "a.txt": "Title: Bridge opens\nSource: Alpha News\nDate: 2024-05-10\n\nThe new river bridge opened on 3 May 2024, "
    "the city said. Officials said more than 12 people were injured in a crush at the ceremony. "
    "Mayor Ann Wolfe cut the ribbon.\n",
    "b.txt": "Title: Bridge opening\nSource: Beta Daily\nDate: 2024-05-10\n\nThe city said the new river bridge opened on "
    "4 May 2024. Officials said about 12 people were injured in a crush at the ceremony. "
    "Mayor Ann Wolff cut the ribbon.\n",
}  # a date (high), a name spelled two ways (medium), a hedge on one figure (low)
THIRD = (  # a third date for the main event: the date decision goes stale
    "Title: Bridge\nSource: Delta Wire\nDate: 2024-05-10\n\nThe new river bridge opened on 6 May 2024, the city said.\n"
)


def _decide_on(corpus: Path, path: Path, statuses: dict[str, Status]) -> None:
    """Record decisions (by kind) on the corpus's discrepancies as they are now."""
    found = discrepancy.check(corpus, decisions=False).discrepancies
    chosen = [(d, statuses[str(d.kind)]) for d in found if str(d.kind) in statuses]
    record(path, [decide(d, s, note="checked", reviewer="ana", date="2024-05-12") for d, s in chosen])


def _scenario(root: Path, name: str) -> tuple[Path, Path | None]:
    """A corpus in one review situation; returns it and the --decisions file to pass, if any."""
    corpus = write_articles(root / "corpus", PARITY_ARTICLES)
    default = corpus / ".discrepancy" / "decisions"
    given = None
    if name == "confirmed":
        _decide_on(corpus, default, {"date": Status.CONFIRMED})
    elif name == "dismissed":
        _decide_on(corpus, default, {k: Status.DISMISSED for k in ("date", "name", "quantity")})
    elif name == "stale":
        _decide_on(corpus, default, {"date": Status.EXPLAINED, "name": Status.CONFIRMED})
        (corpus / "d.txt").write_text(THIRD, encoding="utf-8")
    elif name == "stale-below-fail-on":  # the low figure's decision is stale: only --strict fails above low
        _decide_on(corpus, default, {k: Status.CONFIRMED for k in ("date", "name", "quantity")})
        decided = load(default)
        (figure,) = (dec for dec in decided.values() if dec.kind == "quantity")
        prune(default, {figure.id})
        record(default, [replace(figure, id="Dearlier0000", values=("12", "13"))])  # taken on other values
    elif name == "unused":
        _decide_on(corpus, default, {"quantity": Status.CONFIRMED})
        gone = decide(discrepancy.check(corpus, decisions=False).discrepancies[0], Status.CONFIRMED, note="",
                      reviewer="ana", date="2024-05-12")  # fmt: skip
        record(default, [replace(gone, id="Dgone0000000", key="elsewhere")])
    elif name == "given-file":
        given = root / "elsewhere.json"
        _decide_on(corpus, given, {"name": Status.CONFIRMED, "date": Status.CONFIRMED})
    elif name == "settings":
        (corpus / "discrepancy.toml").write_text('fail-on = "medium"\ndecisions = "review/d.json"\n', "utf-8")
        _decide_on(corpus, corpus / "review" / "d.json", {"name": Status.DISMISSED, "date": Status.CONFIRMED})
    return corpus, given


SCENARIOS = ["none", "confirmed", "dismissed", "stale", "stale-below-fail-on", "unused", "given-file", "settings"]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_library_and_command_agree(tmp_path: Path, scenario: str) -> None:
    """check(path, decisions=...) is `discrepancy check`: the same report (statuses, stale
    marks, notes), the same stale and unused decisions, the same exit code for every
    --fail-on and --strict."""
    from discrepancy.report import render

    corpus, given = _scenario(tmp_path, scenario)
    result = discrepancy.check(corpus, decisions=given)
    option = ["--decisions", str(given)] if given else []
    code, out, err = invoke("check", str(corpus), "--format", "json", *option)
    assert out == render(result, "json")
    assert code == result.exit_code()
    assert result.review is not None
    for dec in result.review.stale:
        assert f"decision {dec.id} is stale" in err
    for dec in result.review.unused:
        assert f"decision {dec.id} matches no discrepancy" in err
    assert err.count("warning:") == len(result.review.stale) + len(result.review.unused)
    for fail_on in ("low", "medium", "high"):
        for strict in (False, True):
            args = ["check", str(corpus), *option, "--fail-on", fail_on, *(["--strict"] if strict else [])]
            assert invoke(*args)[0] == result.exit_code(Severity(fail_on), strict=strict), (fail_on, strict)
    assert invoke("check", str(corpus), *option, "--strict")[0] == result.exit_code(strict=True)
    expected = {"stale": (1, 0), "stale-below-fail-on": (1, 0), "unused": (0, 1)}.get(scenario, (0, 0))
    assert (len(result.review.stale), len(result.review.unused)) == expected


@pytest.mark.parametrize("decisions", [False])
def test_check_can_skip_review(repo: Path, decisions: Literal[False]) -> None:
    invoke("review", str(repo), "--all", "--status", "confirmed")
    skipped = discrepancy.check(repo, decisions=decisions)
    assert skipped.review is None and {d.status for d in skipped.discrepancies} == {Status.UNREVIEWED}
    assert discrepancy.check(repo).exit_code() == 0 and skipped.exit_code() == 1


@pytest.mark.parametrize("content", [b"not json"])
def test_check_raises_on_a_broken_decisions_file(repo: Path, content: bytes) -> None:
    path = repo / ".discrepancy" / "decisions.json"
    path.parent.mkdir()
    path.write_bytes(content)
    with pytest.raises(DecisionsError, match="decisions.json"):
        discrepancy.check(repo)
    assert discrepancy.check(repo, decisions=False).discrepancies  # nothing read, nothing broken
    assert invoke("check", str(repo))[0] == 2
