"""`discrepancy watch`: the snapshot that sees a change, the loop, the one-line summaries, the
memory a re-check reads from (and its result, byte for byte that of a run without it), and the
command itself in its own process."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from discrepancy import pipeline
from discrepancy.cli import cli
from discrepancy.factcache import FactCache
from discrepancy.ingest import files
from discrepancy.ingest.files import RACY_NS, settled
from discrepancy.memory import Memory
from discrepancy.report import render
from discrepancy.synth import write_corpus
from discrepancy.watch import LOOKING_SHARE, Checked, snapshot, summary, watch

from .conftest import FIXTURES, GOLDEN_TODAY, counting

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("watch") / "story"
    write_corpus(path, template="disaster", articles=12, seed=5)
    return path


def test_a_snapshot_sees_a_new_an_edited_and_a_removed_file_and_passes_over_what_it_is_told(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("one", encoding="utf-8")
    (corpus / "sub" / "b.txt").write_text("two", encoding="utf-8")
    cache, out = corpus / ".discrepancy" / "cache", tmp_path / "corpus" / "reports"
    cache.mkdir(parents=True)
    out.mkdir()
    (corpus / ".git").mkdir()
    first = snapshot([corpus, tmp_path / "missing"], skip=[cache, out])
    assert [Path(p).relative_to(corpus).as_posix() for p, _, _ in first] == ["a.txt", "sub/b.txt"]
    # what the tool writes itself, and version control, change nothing
    (cache / "facts.sqlite3").write_text("x", encoding="utf-8")
    (out / "report.json").write_text("{}", encoding="utf-8")
    (corpus / ".git" / "index").write_text("x", encoding="utf-8")
    assert snapshot([corpus], skip=[cache, out]) == first
    (corpus / "c.txt").write_text("three", encoding="utf-8")
    added = snapshot([corpus], skip=[cache, out])
    assert len(added) == 3
    (corpus / "a.txt").write_text("one more", encoding="utf-8")  # a new size
    edited = snapshot([corpus], skip=[cache, out])
    assert edited != added and len(edited) == 3
    (corpus / "sub" / "b.txt").unlink()
    assert len(snapshot([corpus], skip=[cache, out])) == 2
    # a root under another root counts its files once
    assert snapshot([corpus, corpus / "sub", corpus / "a.txt"], skip=[cache, out]) == snapshot(
        [corpus], skip=[cache, out]
    )


def test_the_loop_checks_at_once_then_only_when_the_snapshot_changes() -> None:
    looks = iter([(("a", 1, 1),), (("a", 1, 1),), (("a", 1, 1),), (("a", 2, 2),), (("a", 2, 2),), ()])
    checks: list[int] = []
    naps: list[float] = []
    done = watch(lambda: next(looks), lambda: checks.append(len(naps)), interval=0.3, sleep=naps.append, checks=3)
    assert done == 3
    assert checks == [0, 2, 3]  # at once; after two naps, on the change; at once again when the files go
    assert naps == [0.3, 0.3, 0.3]


def test_a_slow_look_makes_the_pause_after_it_longer() -> None:
    looks = iter([(), (), ()])
    # the clock at the start of each look and, when nothing changed, at its end: the first look
    # finds a change (a check, at once), the second takes 0.2 s, the third 0.01 s
    ticks = iter([0.0, 10.0, 10.2, 20.0, 20.01, 30.0])
    naps: list[float] = []
    with pytest.raises(StopIteration):  # the looks run out
        watch(lambda: next(looks), lambda: None, interval=0.5, sleep=naps.append, clock=lambda: next(ticks))
    assert naps == [pytest.approx(0.2 * LOOKING_SHARE), 0.5]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges there")
def test_a_snapshot_follows_a_link_to_a_folder_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "a.txt").write_text("one", encoding="utf-8")
    (corpus / "sub" / "loop").symlink_to(corpus)  # back to the top
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.txt").write_text("two", encoding="utf-8")
    (corpus / "more").symlink_to(tmp_path / "elsewhere")
    names = sorted(Path(p).name for p, _, _ in snapshot([corpus]))
    assert names == ["a.txt", "b.txt"]


def test_a_summary_says_what_is_new_and_what_is_gone() -> None:
    before = Checked(articles=3, found=("Da", "Db"), unreviewed=2)
    assert summary(before, None, 0.5, "10:00:00") == (
        "[10:00:00] 3 articles: 2 discrepancies, 2 unreviewed; checked in 0.50 s"
    )
    now = Checked(articles=4, found=("Db", "Dc"), unreviewed=1)
    assert summary(now, before, 0.25, "10:00:01") == (
        "[10:00:01] 4 articles: 2 discrepancies, 1 unreviewed (1 new: Dc; 1 gone: Da); checked in 0.25 s"
    )
    assert "(no change)" in summary(before, before, 0.1, "10:00:02")
    many = Checked(articles=9, found=tuple(f"D{i}" for i in range(8)), unreviewed=8)
    assert "(8 new: D0, D1, D2, D3, D4 and 3 more)" in summary(many, Checked(9, (), 0), 1.0, "10:00:03")


def _report(corpus: Path, memory: Memory | None = None, cache: FactCache | None = None) -> str:
    result = pipeline.run(corpus, decisions=False, today=GOLDEN_TODAY, memory=memory, cache=cache)
    return render(result, "json")


@pytest.mark.parametrize("with_cache", [False, True])
def test_a_recheck_from_memory_extracts_only_what_changed_and_reports_the_same_bytes(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_cache: bool
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(story, corpus)
    cache = FactCache(folder=tmp_path / "cache") if with_cache else None
    memory = Memory()
    seen = counting(monkeypatch)
    assert _report(corpus, memory, cache) == _report(corpus)
    first = {f.doc: f for f in reversed(pipeline.run(corpus, decisions=False, today=GOLDEN_TODAY, memory=memory).facts)}
    seen.clear()
    text = (corpus / "a0001.txt").read_text("utf-8")
    (corpus / "zz-new.txt").write_text(text.replace("The", "A", 1), encoding="utf-8")
    (corpus / "a0002.txt").write_text((corpus / "a0002.txt").read_text("utf-8") + "\nMore at 11.\n", encoding="utf-8")
    (corpus / "a0003.txt").unlink()
    again = pipeline.run(corpus, decisions=False, today=GOLDEN_TODAY, memory=memory)
    assert sorted(seen) == ["a0002", "zz-new"]  # the others' facts come from memory
    assert render(again, "json") == _report(corpus)
    kept = {f.doc: f for f in reversed(again.facts)}
    assert kept["a0004"] is first["a0004"]  # the very objects, not a copy decoded again
    assert not any(doc.id == "a0003" for doc, _ in memory.documents.now.values())
    # what the run before used and this one did not goes at the next turn
    pipeline.run(corpus, decisions=False, today=GOLDEN_TODAY, memory=memory)
    assert len(memory.documents) == len(memory.facts) == len(again.corpus.documents)
    assert not any(doc.id == "a0003" for doc, _ in memory.documents.before.values())


def _reading(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the article files read from now on."""
    read: list[str] = []
    real = files.read_file

    def read_file(path: str) -> bytes:
        read.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(files, "read_file", read_file)
    return read


def _same_size_edit(path: Path) -> None:
    """Change one digit of a file, keeping its size and its modification time."""
    before = path.stat()
    text = path.read_text("utf-8")
    digit = next(i for i, c in enumerate(text) if c.isdigit())
    path.write_text(text[:digit] + str((int(text[digit]) + 1) % 10) + text[digit + 1 :], encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_a_recheck_reads_no_unchanged_file_again_and_sees_an_edit_that_keeps_size_and_time(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(story, corpus)
    monkeypatch.setattr(files, "RACY_NS", 0)  # as when the files were written long before the check
    memory = Memory()
    first = _report(corpus, memory)
    read = _reading(monkeypatch)
    assert _report(corpus, memory) == first
    assert read == []  # every file as it was: none read again
    _same_size_edit(corpus / "a0002.txt")
    again = _report(corpus, memory)
    assert read == ["a0002.txt"]
    assert again == _report(corpus) != first  # the edit is seen, and the report is a fresh run's


def test_a_file_changed_just_before_it_was_read_is_read_again_at_each_check(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(story, corpus)  # just written: within the timestamps' tick of a reading (racy)
    memory = Memory()
    _report(corpus, memory)
    read = _reading(monkeypatch)
    _report(corpus, memory)
    assert sorted(read) == sorted(p.name for p in corpus.glob("*.txt"))


@pytest.mark.parametrize("age_s", [0.0, 1.0, 2.9, 3.1, 60.0])
def test_a_file_is_told_unchanged_by_its_signature_only_once_it_is_older_than_the_racy_margin(age_s: float) -> None:
    started = 1_700_000_000 * 10**9
    changed = started - int(age_s * 1e9)
    seconds = changed // 10**9
    times = {"st_atime_ns": changed, "st_mtime_ns": changed, "st_ctime_ns": changed}
    info = os.stat_result((0o100644, 1, 1, 1, 0, 0, 10, seconds, seconds, seconds), times)
    assert settled(info, started) is (age_s * 1e9 > RACY_NS)


def test_memory_keeps_each_corpus_day_apart(story: Path) -> None:
    memory = Memory()
    pipeline.run(story, decisions=False, today=GOLDEN_TODAY, memory=memory)
    later = GOLDEN_TODAY + dt.timedelta(days=400)
    result = pipeline.run(story, decisions=False, today=later, memory=memory)
    assert render(result, "json") == render(pipeline.run(story, decisions=False, today=later), "json")


def test_the_first_check_failing_stops_the_command_with_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    res = CliRunner().invoke(cli, ["watch", str(empty), "-o", str(tmp_path / "out")])
    assert res.exit_code == 2
    assert f"{empty}: no .txt, .md, .html, .pdf or .docx articles found" in res.stderr, res.stderr
    assert not (tmp_path / "out").exists()


def _wait(what: Callable[[], bool], seconds: float = 60.0) -> None:
    end = time.monotonic() + seconds
    while not what():
        assert time.monotonic() < end, "waited too long"
        time.sleep(0.05)


def _ids(path: Path) -> list[str]:
    try:
        return [d["id"] for d in json.loads(path.read_text("utf-8"))["discrepancies"]]
    except (OSError, ValueError):
        return []


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl-C is a signal here")
def test_the_command_rechecks_on_each_change_keeps_the_last_good_reports_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    seeds = sorted(FIXTURES.glob("*.txt"))
    for seed in seeds[:2]:
        shutil.copy(seed, corpus / seed.name)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "discrepancy", "watch", str(corpus), "-o", str(out), "--format", "json"]
    cmd += ["--format", "md", "--interval", "0.1", "--today", GOLDEN_TODAY.isoformat()]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # each report lands by a rename of its own: the first check is written when both are
        _wait(lambda: (out / "report.json").exists() and (out / "report.md").exists())
        assert sorted(p.name for p in out.iterdir()) == ["report.json", "report.md"]
        before = _ids(out / "report.json")
        for seed in seeds[2:]:
            shutil.copy(seed, corpus / seed.name)
        every = _report(corpus)  # the five seed articles, checked by a run of its own
        _wait(lambda: _ids(out / "report.json") == [d["id"] for d in json.loads(every)["discrepancies"]])
        assert _ids(out / "report.json") != before
        good = (out / "report.json").read_bytes()
        for path in corpus.glob("*.txt"):  # nothing usable left: an error line, the reports kept
            path.unlink()
        time.sleep(1.5)
        assert (out / "report.json").read_bytes() == good
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0, stderr
    lines = stdout.splitlines()
    assert lines[0].endswith("unreviewed; checked in " + lines[0].rsplit(" ", 2)[-2] + " s")
    assert any("new:" in line for line in lines[1:]), stdout
    assert "error:" in stderr and "the reports were left as they were" in stderr
    assert stderr.rstrip().splitlines()[-1].startswith("stopped after ")


def test_the_library_call_takes_a_memory_too(story: Path) -> None:
    import discrepancy

    memory = Memory()
    first = discrepancy.check(story, today=GOLDEN_TODAY, decisions=False, memory=memory)
    again = discrepancy.check(story, today=GOLDEN_TODAY, decisions=False, memory=memory)
    assert len(memory.facts) == len(first.corpus.documents)
    assert again.facts[0] is first.facts[0]
    assert render(again, "json") == render(first, "json")


@pytest.mark.skipif(sys.platform == "win32", reason="a service manager's stop is a signal here")
def test_the_command_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    for seed in sorted(FIXTURES.glob("*.txt"))[:2]:
        shutil.copy(seed, corpus / seed.name)
    cmd = [sys.executable, "-m", "discrepancy", "watch", str(corpus), "-o", str(out), "--format", "md"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait(lambda: (out / "report.md").exists())
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0, stderr
    assert stderr.rstrip().splitlines()[-1] == "stopped after 1 check"
