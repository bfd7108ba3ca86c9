"""The decisions folder: two reviews on two branches merge with plain git, the old single-file
layout is read and migrated, lock and temporary files stay out of git, conflict markers are
named, prune drops what the warnings say, and all of it works without fcntl (Windows)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest
from click.testing import CliRunner

import discrepancy
from discrepancy.cli import cli
from discrepancy.decisions import locations
from discrepancy.fsutil import posix
from discrepancy.models import Status
from discrepancy.review import decide, load, review

from .conftest import ROOT, write_articles
from .test_review import CONFLICTING, PARITY_ARTICLES, THIRD

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}  # fmt: skip


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, capture_output=True, text=True, check=check)


def invoke(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, list(args))
    return res.exit_code, res.stdout, res.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a corpus with three discrepancies (date, name, quantity)."""
    corpus = write_articles(tmp_path / "corpus", PARITY_ARTICLES)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "corpus")
    return corpus


def ids_by_kind(corpus: Path) -> dict[str, str]:
    return {str(d.kind): d.id for d in discrepancy.check(corpus, decisions=False).discrepancies}


def decide_on_branch(corpus: Path, branch: str, kind: str, status: str, note: str = "") -> None:
    root = corpus.parent
    git(root, "checkout", "-q", "-b", branch, "main")
    code, out, err = invoke(
        "review", str(corpus), "--id", ids_by_kind(corpus)[kind], "--status", status, "--note", note,
        "--reviewer", branch, "--date", "2024-05-12",
    )  # fmt: skip
    assert code == 0, err
    git(root, "add", "-A")
    git(root, "commit", "-qm", f"{branch} decides the {kind}")


def test_two_reviewers_on_two_branches_merge_with_plain_git(repo: Path) -> None:
    root = repo.parent
    decide_on_branch(repo, "ana", "date", "confirmed")
    decide_on_branch(repo, "ben", "name", "dismissed", note="two spellings in use")
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-edit", "ana")
    merged = git(root, "merge", "--no-edit", "ben", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr  # no conflict
    code, out, err = invoke("check", str(repo), "--format", "json")
    statuses = {d["kind"]: d["status"] for d in json.loads(out)["discrepancies"]}
    assert statuses == {"date": "confirmed", "name": "dismissed", "quantity": "unreviewed"}
    assert "warning" not in err
    tracked = git(root, "ls-files").stdout.split()
    assert "corpus/.discrepancy/decisions/.gitignore" in tracked
    assert not [f for f in tracked if f.endswith((".lock", ".tmp"))]  # the lock was never committed


def test_two_decisions_on_one_discrepancy_conflict_and_the_error_says_so(repo: Path) -> None:
    root = repo.parent
    decide_on_branch(repo, "ana", "date", "confirmed")
    decide_on_branch(repo, "ben", "date", "explained", note="the city moved the date")
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-edit", "ana")
    assert git(root, "merge", "--no-edit", "ben", check=False).returncode != 0  # somebody must choose
    code, _, err = invoke("check", str(repo))
    file = repo / ".discrepancy" / "decisions" / f"{ids_by_kind(repo)['date']}.json"
    line = next(n for n, text in enumerate(file.read_text("utf-8").splitlines(), 1) if text.startswith("<<<<<<< "))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert f"{file.name}: unresolved git merge conflict markers at line {line};" in err


def test_lock_and_temporary_files_are_ignored_by_git(repo: Path) -> None:
    root = repo.parent
    invoke("review", str(repo), "--all", "--status", "confirmed")
    folder = repo / ".discrepancy" / "decisions"
    (folder / ".lock").touch()
    (folder / ".D0000000000.json.x1y2.tmp").touch()  # what an interrupted atomic write leaves
    ignored = git(root, "check-ignore", "corpus/.discrepancy/decisions/.lock",
                  "corpus/.discrepancy/decisions/.D0000000000.json.x1y2.tmp", check=False)  # fmt: skip
    assert ignored.stdout.split() == [
        "corpus/.discrepancy/decisions/.lock", "corpus/.discrepancy/decisions/.D0000000000.json.x1y2.tmp"
    ]  # fmt: skip
    git(root, "add", "-A")
    assert sorted(git(root, "ls-files", "corpus/.discrepancy").stdout.split()) == sorted(
        f"corpus/.discrepancy/decisions/{f.name}"
        for f in folder.iterdir()
        if f.suffix == ".json" or f.name == ".gitignore"
    )


def old_layout(corpus: Path, kinds: dict[str, Status]) -> Path:
    """A decisions.json as version 1 wrote it (one file, every decision in a list)."""
    found = discrepancy.check(corpus, decisions=False).discrepancies
    records = [decide(d, kinds[str(d.kind)], note="checked", reviewer="ana", date="2024-05-12").record()
               for d in found if str(d.kind) in kinds]  # fmt: skip
    path = corpus / ".discrepancy" / "decisions.json"
    path.parent.mkdir(exist_ok=True)
    text = json.dumps({"version": 1, "decisions": sorted(records, key=lambda r: str(r["id"]))}, indent=2)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def test_the_old_layout_is_read_then_migrated_on_the_next_write(repo: Path) -> None:
    legacy = old_layout(repo, {"date": Status.CONFIRMED, "name": Status.EXPLAINED})
    ids = ids_by_kind(repo)
    code, out, err = invoke("check", str(repo), "--format", "json")
    statuses = {d["kind"]: d["status"] for d in json.loads(out)["discrepancies"]}
    assert statuses == {"date": "confirmed", "name": "explained", "quantity": "unreviewed"} and not err
    code, _, err = invoke("review", str(repo), "--id", ids["quantity"], "--status", "confirmed")
    assert code == 0, err
    folder = repo / ".discrepancy" / "decisions"
    assert not legacy.exists()
    assert sorted(f.name for f in folder.glob("*.json")) == sorted(f"{i}.json" for i in ids.values())
    assert {d.status for d in load(folder).values()} == {Status.CONFIRMED, Status.EXPLAINED}
    assert invoke("check", str(repo))[0] == 0  # nothing lost in the move


def test_conflict_markers_in_the_old_layout_are_named(repo: Path) -> None:
    legacy = old_layout(repo, {"date": Status.CONFIRMED})
    lines = legacy.read_text("utf-8").splitlines(keepends=True)
    legacy.write_text("".join([*lines[:2], "<<<<<<< HEAD\n", *lines[2:], "=======\n", ">>>>>>> ben\n"]), "utf-8")
    code, _, err = invoke("check", str(repo))
    assert code == 2 and "decisions.json: unresolved git merge conflict markers at line 3" in err
    assert len(err.strip().splitlines()) == 1


def test_prune_drops_what_the_warning_says(tmp_path: Path) -> None:
    """A decision taken again on new values leaves the old one matching nothing: the warning
    says prune drops it, and prune does; the live decision stays; a pending stale decision
    stays unless --stale."""
    corpus = write_articles(tmp_path / "corpus", PARITY_ARTICLES)
    folder = corpus / ".discrepancy" / "decisions"
    invoke("review", str(corpus), "--all", "--status", "confirmed")
    first = {d.kind: d.id for d in load(folder).values()}
    (corpus / "d.txt").write_text(THIRD, encoding="utf-8")  # a third date: the date decision goes stale
    (corpus / "e.txt").write_text(CONFLICTING, encoding="utf-8")
    date_now = ids_by_kind(corpus)["date"]
    assert invoke("review", str(corpus), "--id", date_now, "--status", "confirmed")[0] == 0
    _, _, err = invoke("check", str(corpus))
    assert f"decision {first['date']} matches no discrepancy ('discrepancy decisions prune' drops it)" in err
    code, out, _ = invoke("decisions", "prune", str(corpus))
    assert code == 0 and out.startswith("dropped 1 decision ") and first["date"] in out
    assert sorted(load(folder)) == sorted([date_now, first["name"], first["quantity"]])
    assert not [f for f in folder.iterdir() if f.name.endswith(".tmp")]
    _, _, err = invoke("check", str(corpus))
    assert "matches no discrepancy" not in err


def test_prune_keeps_stale_decisions_unless_asked(tmp_path: Path) -> None:
    corpus = write_articles(tmp_path / "corpus", PARITY_ARTICLES)
    folder = corpus / ".discrepancy" / "decisions"
    invoke("review", str(corpus), "--all", "--status", "confirmed")
    first = {d.kind: d.id for d in load(folder).values()}
    (corpus / "d.txt").write_text(THIRD, encoding="utf-8")
    _, _, err = invoke("check", str(corpus))
    assert f"decision {first['date']} is stale" in err
    assert invoke("decisions", "prune", str(corpus))[1].startswith("dropped 0 decisions ")
    assert sorted(load(folder)) == sorted(first.values())
    code, out, _ = invoke("decisions", "prune", str(corpus), "--stale")
    assert code == 0 and first["date"] in out
    assert sorted(load(folder)) == sorted([first["name"], first["quantity"]])


HIDDEN_FCNTL = """
import sys
sys.modules["fcntl"] = None  # as on Windows: importing it fails
import discrepancy
from discrepancy.cli import main

def run(*args):
    sys.argv = ["discrepancy", *args]
    try:
        main()
    except SystemExit as exc:
        return exc.code
corpus = sys.argv[1]
assert discrepancy.check(corpus).discrepancies
assert run("check", corpus) == 1
assert run("review", corpus, "--all", "--status", "confirmed", "--reviewer", "ana") == 0
assert run("check", corpus) == 0
assert sys.modules["fcntl"] is None
print("ok")
"""


def test_works_without_fcntl(tmp_path: Path) -> None:
    corpus = write_articles(tmp_path / "corpus", PARITY_ARTICLES)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", HIDDEN_FCNTL, str(corpus)], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0 and done.stdout.endswith("ok\n"), done.stderr
    assert len(load(corpus / ".discrepancy" / "decisions")) == 3


def test_paths_are_written_the_same_on_every_os() -> None:
    assert posix(PureWindowsPath(r"corpus\.discrepancy\decisions")) == "corpus/.discrepancy/decisions"
    folder, legacy = locations(PureWindowsPath(r"corpus\review\decisions.json"))
    assert (folder.as_posix(), legacy.as_posix()) == ("corpus/review/decisions", "corpus/review/decisions.json")
    result = discrepancy.check(ROOT / "fixtures", decisions=False)
    reviewed = review(result, {}, path=PureWindowsPath(r"fixtures\.discrepancy\decisions"))
    assert reviewed.review is not None and reviewed.review.path == "fixtures/.discrepancy/decisions"
