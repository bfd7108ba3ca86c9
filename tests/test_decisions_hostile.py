"""Hostile decisions (issue 14): links written through, hand edits validated and never coerced
(fuzzed), write errors in one line, temp files of killed writers removed, a concurrent decision
kept, the `decisions` setting inside the corpus, undecodable command-line text refused."""

from __future__ import annotations

import errno
import json
import operator
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import discrepancy
import discrepancy.pipeline
from discrepancy.cli import cli
from discrepancy.decisions import GITIGNORE, load, record
from discrepancy.models import Status
from discrepancy.review import decide

from .conftest import ROOT, write_articles
from .test_review import PARITY_ARTICLES

DAY = "2024-05-12"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def one_line_error(res: Result, *names: str) -> str:
    """The run ended as a user error: exit 2, no traceback, one line naming each of names (after
    any warnings on decisions that match nothing)."""
    assert res.exit_code == 2, (res.exit_code, res.stdout, res.stderr, res.exception)
    assert isinstance(res.exception, SystemExit), res.exception
    lines = [x for x in res.stderr.strip().splitlines() if not x.startswith("warning: ")]
    assert len(lines) == 1 and lines[0].startswith("Error: "), res.stderr
    for name in names:
        assert name in lines[0], (name, lines[0])
    return lines[0]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A corpus with three discrepancies (a date, a name, a hedged figure)."""
    folder = write_articles(tmp_path / "corpus", PARITY_ARTICLES)
    return folder


def ids(corpus: Path) -> dict[str, str]:
    return {str(d.kind): d.id for d in discrepancy.check(corpus, decisions=False).discrepancies}


def statuses(corpus: Path) -> dict[str, str]:
    return {str(d.kind): str(d.status) for d in discrepancy.check(corpus).discrepancies}


def review(corpus: Path, *args: str) -> Result:
    return run("review", str(corpus), "--reviewer", "ana", "--date", DAY, *args)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()} if folder.is_dir() else {}


# --- 6. symbolic links are written through ---


def test_a_linked_decision_file_is_written_through(corpus: Path, tmp_path: Path) -> None:
    date_id = ids(corpus)["date"]
    assert review(corpus, "--id", date_id, "--status", "confirmed").exit_code == 0
    folder = corpus / ".discrepancy" / "decisions"
    shared = tmp_path / "shared" / f"{date_id}.json"
    shared.parent.mkdir()
    (folder / f"{date_id}.json").rename(shared)
    (folder / f"{date_id}.json").symlink_to(shared)
    res = review(corpus, "--id", date_id, "--status", "explained", "--note", "two time zones")
    assert res.exit_code == 0, res.stderr
    assert (folder / f"{date_id}.json").is_symlink()  # still a link ...
    assert json.loads(shared.read_text("utf-8"))["status"] == "explained"  # ... and the target has the decision
    assert statuses(corpus)["date"] == "explained"


def test_a_linked_folder_keeps_receiving_decisions(corpus: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared-decisions"
    shared.mkdir()
    (corpus / ".discrepancy").mkdir()
    (corpus / ".discrepancy" / "decisions").symlink_to(shared, target_is_directory=True)
    assert review(corpus, "--all", "--status", "confirmed").exit_code == 0
    assert (corpus / ".discrepancy" / "decisions").is_symlink()
    assert sorted(p.stem for p in shared.glob("*.json")) == sorted(ids(corpus).values())


def test_a_dangling_folder_link_is_an_error_never_no_decisions(corpus: Path, tmp_path: Path) -> None:
    (corpus / ".discrepancy").mkdir()
    (corpus / ".discrepancy" / "decisions").symlink_to(tmp_path / "unmounted", target_is_directory=True)
    one_line_error(run("check", str(corpus)), "decisions", "symbolic link", "does not exist")
    one_line_error(review(corpus, "--all", "--status", "confirmed"), "symbolic link", "does not exist")
    assert not (tmp_path / "unmounted").exists()


def test_a_linked_old_layout_file_is_read_but_never_cut(corpus: Path, tmp_path: Path) -> None:
    """Moving a linked decisions.json into the folder would leave its shared target behind:
    it is read, and a write says what to do instead."""
    found = discrepancy.check(corpus, decisions=False).discrepancies
    rec = decide(next(d for d in found if d.kind == "date"), Status.CONFIRMED, note="", reviewer="ana", date=DAY)
    shared = tmp_path / "shared.json"
    shared.write_text(json.dumps({"version": 1, "decisions": [rec.record()]}), "utf-8")
    before = shared.read_bytes()
    (corpus / ".discrepancy").mkdir()
    link = corpus / ".discrepancy" / "decisions.json"
    link.symlink_to(shared)
    assert statuses(corpus)["date"] == "confirmed"
    one_line_error(review(corpus, "--all", "--status", "confirmed"), str(link), "symbolic link", "cut the link")
    assert link.is_symlink() and shared.read_bytes() == before
    assert not list((corpus / ".discrepancy" / "decisions").glob("*.json"))


# --- 7. hand edits are validated strictly, never coerced ---

BAD_RECORDS = [
    ({"status": "dismissed", "note": None}, "'note' must be a string, not null"),
    ({"status": "confirmed", "values": "abc"}, "'values' must be a list of strings"),
    ({"status": "confirmed", "values": [1, 2]}, "'values' must be a list of strings"),
    ({"status": "confirmed", "reviewer": ["ana"]}, "'reviewer' must be a string, not a list"),
    ({"status": None}, "'status' must be a string, not null"),
    ({"status": ["confirmed"]}, "'status' must be a string, not a list"),
    ({"status": "unreviewed"}, "a decision is confirmed, dismissed or explained"),
    ({"status": "Confirmed"}, "unknown status 'Confirmed'"),
    ({"status": "confirmed", "notes": "x"}, "unknown field 'notes'"),
    ({"status": "confirmed", "date": "yesterday"}, "'yesterday' is not a day"),
    ({"status": "confirmed", "date": "2024-02-31"}, "'2024-02-31' is not a day"),
    ({"status": "explained", "note": "\ud800"}, "'note' holds U+D800, which is not text"),
    ({"status": "explained", "note": "   "}, "explained without the note it needs"),
    ({}, "no 'status'"),
]


@pytest.mark.parametrize(("fields", "problem"), BAD_RECORDS)
def test_a_hand_edited_decision_of_the_wrong_shape_is_named(corpus: Path, fields: dict[str, Any], problem: str) -> None:
    folder = corpus / ".discrepancy" / "decisions"
    folder.mkdir(parents=True)
    file = folder / "Dhand0000000.json"
    file.write_text(json.dumps({"id": "Dhand0000000", **fields}), "utf-8")
    before = snapshot(folder)
    one_line_error(run("check", str(corpus)), str(file), problem)
    one_line_error(review(corpus, "--all", "--status", "confirmed"), str(file), problem)
    assert snapshot(folder) == before  # nothing rewritten, nothing added


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[" * 100_000 + "]" * 100_000, "cannot read the decision file"),  # too deep for the parser
        ('{"id": "Dhand0000000", "status": "confirmed", "note": ' + "1" * 5000 + "}", "cannot read the decision"),
        ('["Dhand0000000", "confirmed"]', "expected an object with an id and a status, not a list"),
        ('{"id": 12, "status": "confirmed"}', "'id' must be a string, not a number"),
        ('{"id": "Dother000000", "status": "confirmed"}', "holds decision Dother000000"),
    ],
)
def test_inputs_that_crashed_the_reader_are_named(corpus: Path, text: str, problem: str) -> None:
    folder = corpus / ".discrepancy" / "decisions"
    folder.mkdir(parents=True)
    (folder / "Dhand0000000.json").write_text(text, "utf-8")
    one_line_error(run("check", str(corpus)), "Dhand0000000.json", problem)


def test_two_entries_for_one_id_in_the_old_layout_are_named(corpus: Path) -> None:
    entries = [
        {"id": "Dsame000000", "status": "confirmed", "reviewer": "ana"},
        {"id": "Dsame000000", "status": "dismissed", "note": "same event", "reviewer": "ben"},
    ]
    legacy = corpus / ".discrepancy" / "decisions.json"
    legacy.parent.mkdir()
    legacy.write_text(json.dumps({"version": 1, "decisions": entries}), "utf-8")
    one_line_error(run("check", str(corpus)), str(legacy), "decisions 1 and 2 both decide Dsame000000")


def test_the_old_file_and_the_folder_deciding_one_id_differently_are_named(corpus: Path) -> None:
    """Two files claiming one id: an old decisions.json merged back from a branch, and the
    folder. The same decision in both is an interrupted move, and fine."""
    base = corpus / ".discrepancy"
    (base / "decisions").mkdir(parents=True)
    mine = {"id": "Dsame000000", "status": "confirmed", "reviewer": "ana"}
    (base / "decisions.json").write_text(json.dumps({"version": 1, "decisions": [mine]}), "utf-8")
    (base / "decisions" / "Dsame000000.json").write_text(json.dumps(mine), "utf-8")
    assert run("check", str(corpus)).exit_code != 2  # the same decision: a move cut short
    theirs = {**mine, "status": "dismissed", "note": "same event", "reviewer": "ben"}
    (base / "decisions" / "Dsame000000.json").write_text(json.dumps(theirs), "utf-8")
    one_line_error(run("check", str(corpus)), "Dsame000000.json", "decides Dsame000000 otherwise than")


FUZZ_ID = "Dfuzz000000"
SURROGATES = st.sampled_from(["\ud800", "\udce9", "\udfff"])  # a JSON escape, or a byte that is not UTF-8
CLEAN = st.text(max_size=12)
TEXT = CLEAN | st.builds(operator.add, CLEAN, SURROGATES)
SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | TEXT
JSON = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=8
)


def mostly(likely: st.SearchStrategy[Any], other: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """likely nine times in ten (one_of would draw each side about as often)."""
    return st.sampled_from([True] * 9 + [False]).flatmap(lambda yes: likely if yes else other)


STATUS = mostly(
    st.sampled_from(["confirmed", "dismissed", "explained"]),
    st.sampled_from(["unreviewed", "Confirmed", "dismiss"]) | JSON,
)
LIKELY = {  # each field as a hand edit would have it, mostly right
    "note": CLEAN | st.just(" "), "reviewer": CLEAN, "kind": CLEAN, "key": CLEAN, "subject": CLEAN,
    "date": st.sampled_from(["", DAY, "2024-02-31", "12 May 2024", "20240512"]), "values": st.lists(CLEAN, max_size=3),
}  # fmt: skip
RECORD = st.fixed_dictionaries(
    {"id": mostly(st.just(FUZZ_ID), st.just("Dother000000") | JSON), "status": STATUS},
    optional={k: mostly(likely, JSON) for k, likely in LIKELY.items()},
)
FILLED = {"note": "", "reviewer": "", "date": "", "kind": "", "key": "", "subject": "", "values": []}


@pytest.fixture(scope="module")
def fuzz_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """One corpus for every example; the pipeline's work is cached (it does not depend on the
    decisions), so each example runs the command's reading, validation and writing only."""
    corpus = write_articles(tmp_path_factory.mktemp("fuzz") / "corpus", PARITY_ARTICLES)
    real = discrepancy.pipeline.run_corpus
    memo: dict[Any, Any] = {}

    def once(loaded: Any, **options: Any) -> Any:  # by the corpus read (the options are the run's)
        if loaded not in memo:
            memo[loaded] = real(loaded, **options)
        return memo[loaded]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(discrepancy.pipeline, "run_corpus", once)
        yield corpus, ids(corpus)["date"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=mostly(RECORD, JSON), ascii_only=st.sampled_from([True, True, False]), old_layout=st.booleans())
def test_fuzz_any_json_in_a_decision_is_kept_as_is_or_named_in_one_line(
    fuzz_corpus: tuple[Path, str], value: Any, ascii_only: bool, old_layout: bool
) -> None:
    """Any JSON value as a decision file (or an old-layout entry): `review` either accepts it
    exactly as written (nothing coerced, the file untouched) or stops with one line naming
    the file, exit 2. Never a traceback, never a silent rewrite."""
    corpus, real_id = fuzz_corpus
    base = corpus / ".discrepancy"
    shutil.rmtree(base, ignore_errors=True)
    folder = base / "decisions"
    folder.mkdir(parents=True)
    file = base / "decisions.json" if old_layout else folder / f"{FUZZ_ID}.json"
    doc = {"version": 1, "decisions": [value]} if old_layout else value
    text = json.dumps(doc, ensure_ascii=ascii_only)
    file.write_bytes(text.encode("utf-8", "surrogatepass"))
    before = file.read_bytes()
    res = review(corpus, "--id", real_id, "--status", "confirmed")
    event(f"exit {res.exit_code}")
    if res.exit_code == 2:
        one_line_error(res, str(file))
        assert file.read_bytes() == before and not (folder / f"{real_id}.json").exists()
        return
    assert res.exit_code == 0, (res.stderr, res.exception)
    stored = load(folder)
    assert isinstance(value, dict) and set(stored) == {value["id"], real_id}
    assert stored[value["id"]].record() == {**FILLED, **value}  # exactly as written: nothing coerced
    if value["status"] in {"dismissed", "explained"}:
        assert value["note"].strip()
    if not old_layout:
        assert file.read_bytes() == before


# --- 11. a read-only folder or a full disk: one line, exit 2 ---


def _fail_with(code: int) -> Any:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


def test_a_full_disk_is_one_line_and_leaves_no_temp_file(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = corpus / ".discrepancy" / "decisions"
    folder.mkdir(parents=True)
    monkeypatch.setattr(os, "replace", _fail_with(errno.ENOSPC))
    line = one_line_error(review(corpus, "--all", "--status", "confirmed"), str(folder), "No space left on device")
    assert "free some disk space" in line
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_prune_on_a_full_disk_keeps_the_old_file(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Prune moves an old-layout file into the folder: on a full disk that stops in one line,
    and the old file still holds every decision."""
    found = discrepancy.check(corpus, decisions=False).discrepancies
    legacy = corpus / ".discrepancy" / "decisions.json"
    legacy.parent.mkdir()
    recs = [decide(d, Status.CONFIRMED, note="", reviewer="ana", date=DAY).record() for d in found]
    legacy.write_text(json.dumps({"version": 1, "decisions": recs}), "utf-8")
    before = legacy.read_bytes()
    monkeypatch.setattr(os, "replace", _fail_with(errno.ENOSPC))
    one_line_error(run("decisions", "prune", str(corpus)), "decisions", "No space left on device")
    assert legacy.read_bytes() == before


def test_prune_on_a_read_only_file_system_is_one_line(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert review(corpus, "--all", "--status", "confirmed").exit_code == 0
    folder = corpus / ".discrepancy" / "decisions"
    gone = folder / "Dgone0000000.json"
    gone.write_text(json.dumps({"id": "Dgone0000000", "status": "confirmed", "key": "elsewhere"}), "utf-8")
    monkeypatch.setattr(os, "unlink", _fail_with(errno.EROFS))
    line = one_line_error(run("decisions", "prune", str(corpus)), str(gone), "Read-only file system")
    assert "read-only" in line and gone.exists()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes to read-only folders")
@pytest.mark.parametrize("command", ["review", "prune"])
def test_a_read_only_folder_is_one_line(corpus: Path, command: str) -> None:
    assert review(corpus, "--id", ids(corpus)["date"], "--status", "confirmed").exit_code == 0
    folder = corpus / ".discrepancy" / "decisions"
    (folder / "Dgone0000000.json").write_text(json.dumps({"id": "Dgone0000000", "status": "confirmed"}), "utf-8")
    folder.chmod(0o555)
    try:
        args = ["decisions", "prune", str(corpus)] if command == "prune" else ["review", str(corpus), "--all",
                                                                               "--status", "confirmed"]  # fmt: skip
        one_line_error(run(*args), "decisions", "Permission denied")
    finally:
        folder.chmod(0o755)


# --- 12. temp files of a writer killed mid-write are removed by the next one ---


def test_temp_files_of_killed_writers_are_removed_under_the_lock(corpus: Path) -> None:
    folder = corpus / ".discrepancy" / "decisions"
    folder.mkdir(parents=True)
    (folder / ".gitignore").write_text(GITIGNORE, "utf-8")
    date_id = ids(corpus)["date"]
    killed = subprocess.run(  # a writer killed (kill -9) between writing its temp file and renaming it
        [sys.executable, "-c", (
            "import os, signal, sys\n"
            "from discrepancy.decisions import record\nfrom discrepancy.models import Decision, Status\n"
            "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)\n"
            f"record(sys.argv[1], [Decision(id={date_id!r}, status=Status.CONFIRMED, note='', reviewer='x', "
            "date='', kind='', key='', subject='', values=())])\n"
        ), str(folder)],
        cwd=ROOT, capture_output=True, check=False,
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL
    (left,) = folder.glob(f".{date_id}.json.*.tmp")
    live = folder / f".Dlive000000.json.{os.getpid()}.abcd1234.tmp"  # a live writer's, just written
    live.touch()
    old = folder / ".Dold0000000.json.x1y2z3w4.tmp"  # an earlier version's (no pid), a minute old
    old.touch()
    os.utime(old, (time.time() - 60, time.time() - 60))
    legacy_tmp = corpus / ".discrepancy" / ".decisions.json.q9w8e7r6.tmp"  # the old layout's
    legacy_tmp.touch()
    os.utime(legacy_tmp, (time.time() - 60, time.time() - 60))
    other = corpus / ".discrepancy" / ".notes.txt.q9w8e7r6.tmp"  # not ours
    other.touch()
    os.utime(other, (time.time() - 60, time.time() - 60))
    assert review(corpus, "--id", ids(corpus)["name"], "--status", "confirmed").exit_code == 0
    assert not left.exists() and not old.exists() and not legacy_tmp.exists()
    assert live.exists() and other.exists()


# --- 13. a decision recorded during a run is kept ---


def test_review_all_keeps_a_decision_recorded_while_it_ran(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`review --all` reads the decisions, then works; a `review --id` recording one meanwhile
    must not be overwritten."""
    folder = corpus / ".discrepancy" / "decisions"
    found = {str(d.kind): d for d in discrepancy.check(corpus, decisions=False).discrepancies}
    theirs = decide(found["name"], Status.DISMISSED, note="two spellings in use", reviewer="ben", date=DAY)
    real = discrepancy.pipeline.run_corpus

    def concurrent(*args: Any, **kwargs: Any) -> Any:
        record(folder, [theirs])  # ben's `review --id`, after this run read the decisions
        return real(*args, **kwargs)

    monkeypatch.setattr(discrepancy.pipeline, "run_corpus", concurrent)
    res = review(corpus, "--all", "--status", "confirmed")
    assert res.exit_code == 0, res.stderr
    assert f"kept {theirs.id}: dismissed by ben" in res.stderr and "recorded 2 decisions" in res.stdout
    monkeypatch.setattr(discrepancy.pipeline, "run_corpus", real)
    assert load(folder)[theirs.id] == theirs
    assert statuses(corpus) == {"date": "confirmed", "name": "dismissed", "quantity": "confirmed"}


def test_review_id_decides_again_on_purpose(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = corpus / ".discrepancy" / "decisions"
    name = next(d for d in discrepancy.check(corpus, decisions=False).discrepancies if d.kind == "name")
    real = discrepancy.pipeline.run_corpus

    def concurrent(*args: Any, **kwargs: Any) -> Any:
        record(folder, [decide(name, Status.DISMISSED, note="same person", reviewer="ben", date=DAY)])
        return real(*args, **kwargs)

    monkeypatch.setattr(discrepancy.pipeline, "run_corpus", concurrent)
    res = review(corpus, "--id", name.id, "--status", "confirmed")
    assert res.exit_code == 0 and f"replaced {name.id}: dismissed by ben" in res.stderr
    assert load(folder)[name.id].status == Status.CONFIRMED


# --- 14. the `decisions` setting stays inside the corpus ---


@pytest.mark.parametrize("setting", ["../../elsewhere", "sub/../../elsewhere", "/tmp/elsewhere", "."])
def test_the_decisions_setting_outside_the_corpus_is_refused(corpus: Path, tmp_path: Path, setting: str) -> None:
    (corpus / "discrepancy.toml").write_text(f"decisions = {json.dumps(setting)}\n", "utf-8")
    one_line_error(run("check", str(corpus)), "discrepancy.toml", "not a folder inside the corpus", "--decisions")
    one_line_error(review(corpus, "--all", "--status", "confirmed"), "not a folder inside the corpus")
    assert not (tmp_path.parent / "elsewhere").exists()


def test_a_folder_outside_the_corpus_is_fine_on_the_command_line(corpus: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    res = review(corpus, "--all", "--status", "confirmed", "--decisions", str(elsewhere))
    assert res.exit_code == 0, res.stderr
    assert len(list(elsewhere.glob("*.json"))) == 3
    (corpus / "discrepancy.toml").write_text('decisions = "review/decisions"\n', "utf-8")
    assert run("check", str(corpus), "--decisions", str(elsewhere)).exit_code == 0


# --- 16. undecodable bytes on the command line ---


@pytest.mark.parametrize(
    ("args", "env", "name"),
    [
        (["--note", "caf\udce9"], {}, "--note: not valid UTF-8 (byte 0xe9)"),
        (["--reviewer", "b\udcffn"], {}, "--reviewer: not valid UTF-8 (byte 0xff)"),
        ([], {"DISCREPANCY_REVIEWER": "b\udcffn"}, "DISCREPANCY_REVIEWER: not valid UTF-8 (byte 0xff)"),
    ],
)
def test_undecodable_command_line_text_is_refused(
    corpus: Path, args: list[str], env: dict[str, str], name: str
) -> None:
    res = run("review", str(corpus), "--all", "--status", "explained", "--note", "checked", *args, env=env)
    one_line_error(res, name)
    assert not (corpus / ".discrepancy").exists()


def test_undecodable_note_from_a_real_command_line(corpus: Path) -> None:
    """As a shell passes it on Linux: bytes that are not UTF-8, decoded with surrogateescape."""
    done = subprocess.run(
        [sys.executable, "-m", "discrepancy", "review", str(corpus), "--all", "--status", "dismissed",
         b"--note", b"caf\xe9 au lait"],
        cwd=ROOT, capture_output=True, check=False, env={**os.environ, "LC_ALL": "C.UTF-8"},
    )  # fmt: skip
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2 and "Traceback" not in err, err
    assert err.strip().splitlines() == ["Error: --note: not valid UTF-8 (byte 0xe9); give it as UTF-8 text"]
    assert not (corpus / ".discrepancy").exists()
