"""The fact cache and the extraction workers: the same report with and without them, only new
articles extracted again, bad entries passed over with a note, a bounded folder."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import json
import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from discrepancy import engine, ingest
from discrepancy.cli import cli
from discrepancy.context import RunContext
from discrepancy.extract import BUILTIN, extract_facts
from discrepancy.factcache import DOCUMENTS, FILE, KEYED_FIELDS, TABLE, CacheStats, FactCache, default_folder
from discrepancy.ingest import load_corpus
from discrepancy.kinds import KindSpec
from discrepancy.models import Document, Fact, Kind, KindInfo
from discrepancy.settings import Settings
from discrepancy.synth import write_corpus
from discrepancy.values import ColourValue
from discrepancy.workers import MIN_POOL_DOCUMENTS, beside, extract_corpus

from .conftest import FIXTURES, counting

ARTICLES = MIN_POOL_DOCUMENTS + 10  # enough for the pool to start


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "story"
    write_corpus(path, template="disaster", articles=ARTICLES, seed=3)
    return path


def rows(folder: Path, columns: str = "key", table: str = TABLE) -> list[tuple[Any, ...]]:
    """The cache's entries (the chosen columns), by key: facts, or documents as read."""
    with contextlib.closing(sqlite3.connect(folder / FILE)) as db:
        return db.execute(f"SELECT {columns} FROM {table} ORDER BY key").fetchall()


def entries(folder: Path) -> list[str]:
    return [key for (key,) in rows(folder)] if (folder / FILE).exists() else []


def change(folder: Path, sql: str, *params: object) -> None:
    with contextlib.closing(sqlite3.connect(folder / FILE)) as db, db:
        db.execute(sql, params)


def check(corpus: Path, *options: str) -> tuple[str, str]:
    """The JSON report of `discrepancy check` and its stderr."""
    res = CliRunner().invoke(cli, ["check", str(corpus), "--format", "json", *options])
    assert res.exit_code in (0, 1), res.output
    return res.stdout, res.stderr


def test_the_report_is_the_same_with_or_without_cache_and_with_1_or_2_jobs(synth: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    plain, _ = check(synth, "--no-cache", "--jobs", "1")
    assert json.loads(plain)["discrepancies"]
    cold, _ = check(synth, "--cache-dir", str(cache), "--jobs", "2")
    assert len(entries(cache)) == ARTICLES
    warm, _ = check(synth, "--cache-dir", str(cache), "--jobs", "1")
    assert (check(synth, "--no-cache", "--jobs", "2")[0], cold, warm) == (plain, plain, plain)


def test_a_worker_started_by_spawn_extracts_the_same_facts(synth: Path) -> None:
    docs = load_corpus(synth).documents
    ctx = RunContext.of()
    here = extract_corpus(docs, ctx, jobs=1)
    assert extract_corpus(docs, ctx, jobs=2, start_method="spawn") == here


def test_two_jobs_share_the_documents_between_this_process_and_a_worker(
    synth: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = load_corpus(synth).documents
    ctx = RunContext.of()
    alone = extract_corpus(docs, ctx, jobs=1)
    seen = counting(monkeypatch)  # what this process extracts (a worker's own list is its copy)
    assert extract_corpus(docs, ctx, jobs=2) == alone
    assert 0 < len(seen) < len(docs)  # this process took some chunks, the worker the others
    assert seen == [d.id for d in docs[: len(seen)]]  # from the first one on


def test_a_recheck_after_adding_one_article_extracts_that_article_only(
    synth: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(synth, corpus)
    cache = FactCache(folder=tmp_path / "cache")
    ctx = RunContext.of()
    seen = counting(monkeypatch)
    extract_corpus(load_corpus(corpus).documents, ctx, cache=cache)
    assert len(seen) == ARTICLES
    text = (corpus / "a0001.txt").read_text("utf-8")
    (corpus / "zz-new.txt").write_text(text.replace("The", "A", 1), encoding="utf-8")
    seen.clear()
    stats = CacheStats()
    docs = load_corpus(corpus).documents
    facts = extract_corpus(docs, ctx, cache=cache, stats=stats)
    assert seen == ["zz-new"]
    assert stats.counts == {"hit": ARTICLES, "miss": 1} and stats.written == 1
    assert facts == tuple(f for d in docs for f in extract_facts(d, ctx.registry, ctx.vocab))


def test_a_word_for_word_copy_is_read_once_and_keeps_its_own_id(
    synth: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    original = (synth / "a0001.txt").read_text("utf-8")
    (corpus / "a.txt").write_text(original, encoding="utf-8")
    (corpus / "b.txt").write_text(original, encoding="utf-8")  # the same article under another name
    (corpus / "c.txt").write_text(original.replace("The", "A", 1), encoding="utf-8")
    docs = load_corpus(corpus).documents
    ctx = RunContext.of()
    seen = counting(monkeypatch)
    cache = FactCache(folder=tmp_path / "cache")
    stats = CacheStats()
    facts = extract_corpus(docs, ctx, cache=cache, stats=stats)
    assert seen == ["a", "c"]
    # the copy's facts are the original's, stamped with its own id; only the original is cached
    assert facts == tuple(f for d in docs for f in extract_facts(d, ctx.registry, ctx.vocab))
    assert {f.doc for f in facts} == {"a", "b", "c"} and stats.written == 2
    seen.clear()
    stats = CacheStats()
    assert extract_corpus(docs, ctx, cache=cache, stats=stats) == facts
    assert seen == [] and stats.counts == {"hit": 2}  # the copy is not looked up either


def _spoil(folder: Path, key: str, how: str) -> None:
    (data,) = next(r for r in rows(folder, "key, data") if r[0] == key)[1:]
    if how == "truncated":
        change(folder, f"UPDATE {TABLE} SET data = ? WHERE key = ?", data[:40], key)
    elif how == "forged fact":
        facts = json.loads(data)
        facts[0][4] = "not what the article says"  # raw
        change(folder, f"UPDATE {TABLE} SET data = ? WHERE key = ?", json.dumps(facts), key)
    else:  # another version of the engine wrote it
        change(folder, f"UPDATE {TABLE} SET engine = ? WHERE key = ?", "0" * 64, key)


@pytest.mark.parametrize(
    ("how", "note"),
    [
        ("truncated", "1 unreadable cached entry"),
        ("forged fact", "1 unreadable cached entry"),
        ("other version", "1 cached entry from another version of discrepancy"),
    ],
)
def test_a_bad_entry_is_passed_over_with_a_note_and_written_again(tmp_path: Path, how: str, note: str) -> None:
    cache = tmp_path / "cache"
    first, err = check(FIXTURES, "--cache-dir", str(cache))
    assert "note:" not in err
    spoiled = next(key for key, data in rows(cache, "key, data") if json.loads(data))
    _spoil(cache, spoiled, how)
    again, err = check(FIXTURES, "--cache-dir", str(cache))
    assert again == first
    assert note in err and str(cache) in err and err.count("\n") == 1
    assert check(FIXTURES, "--cache-dir", str(cache)) == (first, "")  # written again, whole


def test_no_cache_writes_nothing(synth: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(synth, corpus)
    monkeypatch.delenv("DISCREPANCY_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    before = sorted(p for p in tmp_path.rglob("*"))
    check(corpus, "--no-cache", "--jobs", "2")
    assert sorted(p for p in tmp_path.rglob("*")) == before
    check(corpus, "--jobs", "1")  # the default: the corpus's own folder, kept out of git
    folder = corpus / ".discrepancy" / "cache"
    assert len(entries(folder)) == ARTICLES
    assert (folder / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"
    assert not (tmp_path / "user").exists()


def test_a_cache_folder_that_cannot_be_made_is_a_note(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    out, err = check(FIXTURES, "--cache-dir", str(blocked / "cache"))
    assert out == check(FIXTURES, "--no-cache")[0]
    assert err.startswith(f"note: fact cache {blocked / 'cache'}: cannot be used (") and err.count("\n") == 1


def test_a_corpus_that_cannot_hold_the_cache_uses_the_user_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    monkeypatch.setattr("sys.platform", "linux")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    assert default_folder(corpus) == corpus / ".discrepancy" / "cache"
    (corpus / ".discrepancy").write_text("a file where a folder would go", encoding="utf-8")
    assert default_folder(corpus) == tmp_path / "user" / "discrepancy"


def test_the_size_bound_evicts_the_least_recently_used(synth: Path, tmp_path: Path) -> None:
    docs = load_corpus(synth).documents
    ctx = RunContext.of()
    cache = FactCache(folder=tmp_path / "cache")
    extract_corpus(docs, ctx, cache=cache)
    keys = entries(cache.folder)
    sizes = sum(size for (size,) in rows(cache.folder, "length(data)"))
    for age, key in enumerate(keys):  # the first entry the least recently used
        change(cache.folder, f"UPDATE {TABLE} SET used = ? WHERE key = ?", 1_000_000 + age, key)
    bound = replace(cache, max_bytes=sizes // 2)
    stats = CacheStats()
    extract_corpus(docs[:1], RunContext.of(Settings(kinds=frozenset({"date"}))), cache=bound, stats=stats)
    kept = entries(cache.folder)
    assert stats.evicted > 0 and sum(size for (size,) in rows(cache.folder, "length(data)")) <= bound.max_bytes
    gone = [k for k in keys if k not in kept]
    assert gone == keys[: len(gone)]  # the least recently used went, in order


def test_a_hit_marks_its_entry_used(synth: Path, tmp_path: Path) -> None:
    docs = load_corpus(synth).documents[:3]
    cache = FactCache(folder=tmp_path / "cache")
    extract_corpus(docs, RunContext.of(), cache=cache)
    change(cache.folder, f"UPDATE {TABLE} SET used = 1")
    extract_corpus(docs[:1], RunContext.of(), cache=cache)
    assert sorted(used for (used,) in rows(cache.folder, "used"))[:2] == [1, 1]
    assert max(used for (used,) in rows(cache.folder, "used")) > 1


def test_a_file_that_is_not_a_cache_is_started_again_with_a_note(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, _ = check(FIXTURES, "--cache-dir", str(cache))
    (cache / FILE).write_bytes(b"not a database, " * 100)
    again, err = check(FIXTURES, "--cache-dir", str(cache))
    assert again == first
    assert err.startswith(f"note: fact cache {cache}: {FILE} could not be read (") and err.count("\n") == 1
    assert len(entries(cache)) == len(load_corpus(FIXTURES).documents)
    assert check(FIXTURES, "--cache-dir", str(cache)) == (first, "")


def test_an_earlier_layout_of_the_cache_is_removed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    check(FIXTURES, "--cache-dir", str(cache))
    (cache / "3f").mkdir()
    (cache / "3f" / ("3f" * 32 + ".json")).write_text("{}", encoding="ascii")
    check(FIXTURES, "--cache-dir", str(cache))
    assert not (cache / "3f").exists()
    (cache / "ab").mkdir()  # a folder of somebody else's in the cache folder stays
    (cache / "ab" / "notes.txt").write_text("mine", encoding="utf-8")
    other = tmp_path / "other"  # and so does anything in a folder the tool did not make
    (other / "3f").mkdir(parents=True)
    (other / "3f" / ("3f" * 32 + ".json")).write_text("{}", encoding="ascii")
    (other / "3f" / "notes.txt").write_text("mine", encoding="utf-8")
    check(FIXTURES, "--cache-dir", str(cache))
    check(FIXTURES, "--cache-dir", str(other))
    assert (cache / "ab" / "notes.txt").is_file() and len(list((other / "3f").iterdir())) == 2


def test_what_extraction_reads_is_in_the_key() -> None:
    doc = load_corpus(FIXTURES).documents[0]
    cache = FactCache(folder=Path("unused"), scope="s")
    key = cache.key(doc)
    assert cache.key(replace(doc)) == key
    assert set(KEYED_FIELDS) == {f.name for f in dataclasses.fields(Document)}  # none left out
    changed = [
        replace(doc, title="other"),
        replace(doc, published=dt.date(1999, 1, 2)),
        replace(doc, sentences=doc.sentences[1:]),
        replace(doc, sentences=(replace(doc.sentences[0], headline=not doc.sentences[0].headline), *doc.sentences[1:])),
        replace(doc, blocks=doc.blocks[1:]),
        replace(doc, text=doc.text + " "),
        replace(doc, id="other"),
    ]
    assert len({key, *(cache.key(d) for d in changed), replace(cache, scope="t").key(doc)}) == len(changed) + 2
    scopes = [
        engine.extraction_scope(RunContext.of(s))
        for s in (
            Settings(),
            Settings(kinds=frozenset({"date"})),
            Settings(lexicon=(("boat", "vehicle", ("skiff",)),)),
            Settings(frames=(("depth", ("sank to",)),)),
        )
    ]
    assert len(set(scopes)) == len(scopes)


def test_the_engine_fingerprint_covers_the_extraction_code_only() -> None:
    files = {p.relative_to(engine.PACKAGE).as_posix() for p in engine.extraction_modules()}
    assert {"extract/dates.py", "extract/numbers.py", "values/figures.py", "keys.py", "text.py", "lexicon.py"} <= files
    assert not {"cli.py", "align/__init__.py", "report/json.py", "compare.py"} & files


def test_a_run_with_a_callers_kind_is_not_cached(tmp_path: Path) -> None:
    extra: Callable[[Document, object], list[Fact]] = lambda doc, vocab: []  # noqa: E731
    spec = KindSpec(info=KindInfo(name="red", label="red", rule="-"), extractor=extra, value_type=ColourValue)  # type: ignore[arg-type]
    ctx = RunContext.of(registry=BUILTIN.with_kind(spec))
    docs = load_corpus(FIXTURES).documents
    stats = CacheStats()
    facts = extract_corpus(docs, ctx, cache=FactCache(folder=tmp_path / "cache"), stats=stats)
    assert facts and stats.counts == {} and not (tmp_path / "cache").exists()
    assert {f.kind for f in facts} <= set(Kind)


def test_two_runs_at_once_share_the_cache(synth: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cmd = [sys.executable, "-m", "discrepancy", "check", str(synth), "--format", "json", "--jobs", "1"]
    runs = [
        subprocess.Popen([*cmd, "-o", str(tmp_path / f"{i}.json"), "--cache-dir", str(cache)], stderr=subprocess.PIPE)
        for i in range(2)
    ]
    errs = [p.communicate()[1] for p in runs]
    assert [p.returncode for p in runs] == [1, 1], errs  # 1: discrepancies found
    assert all(b"note:" not in e for e in errs), errs
    reports = {(tmp_path / f"{i}.json").read_text("utf-8") for i in range(2)}
    assert reports == {check(synth, "--no-cache")[0]}
    assert len(entries(cache)) == ARTICLES


def reading_cache(folder: Path) -> FactCache:
    return replace(FactCache(folder=folder), reader=engine.reading_fingerprint())


def test_a_recheck_cleans_and_splits_only_the_new_article(
    synth: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(synth, corpus)
    # notices that reading gives come back from the cache too: a date after the day of the run
    (corpus / "a0002.txt").write_text("Published: 2999-01-01\n\n" + (synth / "a0002.txt").read_text("utf-8"), "utf-8")
    cache = reading_cache(tmp_path / "cache")
    made: list[str] = []
    real = ingest.make_document

    def counted(doc_id: str, *args: Any, **kwargs: Any) -> Document:
        made.append(doc_id)
        return real(doc_id, *args, **kwargs)

    monkeypatch.setattr(ingest, "make_document", counted)
    first = load_corpus(corpus, cache=cache)
    assert len(made) == ARTICLES and any(n.path == "a0002.txt" for n in first.notices)
    (corpus / "zz-new.txt").write_text((synth / "a0001.txt").read_text("utf-8").replace("The", "A", 1), "utf-8")
    made.clear()
    again = load_corpus(corpus, cache=cache)
    assert made == ["zz-new"]
    assert again.documents[:-1] == first.documents and again.notices == first.notices
    assert load_corpus(corpus) == again  # the same as read without the cache


def test_a_document_entry_that_does_not_fit_is_read_again(synth: Path, tmp_path: Path) -> None:
    cache = reading_cache(tmp_path / "cache")
    first = load_corpus(synth, cache=cache)
    for (key,) in rows(cache.folder, table=DOCUMENTS):
        change(
            cache.folder, f"UPDATE {DOCUMENTS} SET data = ? WHERE key = ?", '[["x"],[],[[0,9999999,true,""]],[]]', key
        )
    assert load_corpus(synth, cache=cache) == first
    assert load_corpus(synth, cache=cache) == first  # written again, whole


def test_work_beside_runs_in_a_forked_process_and_gives_its_result() -> None:
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("a process beside is forked, where the platform forks")
    here = os.getpid()
    with beside(os.getpid, jobs=2, documents=MIN_POOL_DOCUMENTS) as result:
        assert result() != here
    with beside(os.getpid, jobs=1, documents=MIN_POOL_DOCUMENTS) as result:
        assert result() == here  # one job: done here
    with beside(os.getpid, jobs=2, documents=MIN_POOL_DOCUMENTS - 1) as result:
        assert result() == here  # too few documents to pay for a process


def _dies_unless_in(pid: int) -> str:
    if os.getpid() != pid:
        raise RuntimeError("a failure of the forked process")
    return "done here"


def test_work_whose_process_fails_is_done_here() -> None:
    with beside(functools.partial(_dies_unless_in, os.getpid()), jobs=2, documents=MIN_POOL_DOCUMENTS) as result:
        assert result() == "done here"
