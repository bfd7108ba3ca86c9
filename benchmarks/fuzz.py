"""Fuzz ingestion and extraction at scale with hypothesis, for a fixed time.

    python -m benchmarks.fuzz --minutes 10

Each input is a small corpus written to a temporary folder as raw bytes (any encoding, BOMs,
NUL bytes, mixed line endings, header lines and YAML front matter, broken or hostile HTML, a
manifest, a JSON Lines or CSV corpus) and read by the same code path as the CLI; then every
fact is extracted, aligned and compared, and reprints are looked for. A run fails on any
exception other than CorpusError (a clear "nothing usable" answer, the documented exit 2), or
when a fact's or a sentence's span is not its text. It prints the number of inputs tried and
the failures found (with the falsifying input, which hypothesis shrinks).

Inputs also include the hostile shapes of benchmarks/shapes.py (one sentence of thousands of
numbers, "Mr. " or dots over and over, initials, capitalised words, made-up names, long
articles) at up to 60 KB, lone surrogates, and odd file names (spaces, non-ASCII, leading dots
and dashes); every report format is rendered from each corpus, and an input that takes longer
than --bound seconds (default 20) is a failure: no shape may grow faster than linearly.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.shapes import SHAPES, shape
from discrepancy.errors import CorpusError
from discrepancy.extract import extract_facts
from discrepancy.ingest import load_corpus
from discrepancy.pipeline import run_corpus
from discrepancy.report import RENDERERS, render

PIECES = [
    *"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-–—'’\"“”$€£%()\n\r\t",
    "May ", "31 February ", "18 October 2023 ", "on Friday ", "yesterday ", " said ", " million", " at least ",
    " p.m.", " 3:45 ", "Mr. ", "Dr. ", "Title: ", "Date: 2024-02-31\n", "Source: X\n", "---\n", "title: [\n",
    "Read also: ", "Advertisement\n", " killed ", " rockets ", " Governor Anna Berg ", "“We will", "”", " 2099",
    "Category 3 ", "$1.5bn ", "<p>", "</p>", "<script>alert(1)</script>", "<div>" * 5, "&amp;", "\x00", "\ufeff",
    "\r\n", "\u2028", "ünïcødé ", "12,345 ", "1.5 million ", "more than 100 ", "about 150 ",
]  # fmt: skip
NEWSY = st.lists(st.sampled_from(PIECES), max_size=150).map("".join)
HOSTILE = st.builds(shape, st.sampled_from(sorted(SHAPES)), st.integers(min_value=1, max_value=60_000))
SURROGATES = st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(["\ud800", "\udfff", "\udc80x"])), max_size=40)
TEXT = st.one_of(NEWSY, st.text(max_size=400), HOSTILE, SURROGATES.map("".join))
ENCODED = st.one_of(
    TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    TEXT.map(lambda t: t.encode("cp1252", "replace")),
    TEXT.map(lambda t: "\ufeff".encode() + t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=400),
)
NAMES = st.sampled_from(
    ["a.txt", "b.md", "c.html", "d.htm", "sub/e.txt", "README.md", "f.txt", "a.md", "with space.txt", "ünï.txt",
     ".hidden.txt", "-dash.txt", "x.y.z.txt", "new\nline.txt", "tab\t.md", "\u202eevil.txt"]
)  # fmt: skip
FOLDER = st.dictionaries(NAMES, ENCODED, min_size=1, max_size=4)
MANIFEST = st.one_of(
    st.none(),
    st.tuples(st.just("corpus.csv"), TEXT.map(lambda t: "path,source,published,autor\na.txt," + t)),
    st.tuples(st.just("corpus.toml"), TEXT.map(lambda t: '["a.txt"]\nsource = "X"\npublished = "' + t[:20] + '"\n')),
)
RECORD = st.fixed_dictionaries(
    {"id": st.one_of(st.text(max_size=5), st.integers()), "text": st.one_of(TEXT, st.none(), st.integers())},
    optional={"published": TEXT, "source": TEXT, "extra": TEXT},
)
RECORDS = st.one_of(
    st.lists(RECORD, max_size=4).map(lambda rows: ("c.jsonl", "\n".join(json.dumps(r) for r in rows))),
    st.tuples(st.just("c.jsonl"), TEXT),
    st.tuples(st.just("c.csv"), TEXT.map(lambda t: "id,text,published\n1," + t)),
)
CORPUS = st.one_of(st.tuples(st.just("folder"), FOLDER, MANIFEST), st.tuples(st.just("records"), RECORDS, st.none()))


class Tally:
    bound = 20
    inputs = 0
    failures: list[str] = []


def check_one(corpus: tuple) -> None:
    Tally.inputs += 1
    kind, content, manifest = corpus
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if kind == "folder":
            for name, data in content.items():
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                (root / name).write_bytes(data)
            if manifest:
                (root / manifest[0]).write_text(manifest[1], encoding="utf-8", errors="surrogatepass")
            target = root
        else:
            target = root / content[0]
            target.write_text(content[1], encoding="utf-8", errors="surrogatepass")
        try:
            loaded = load_corpus(target)
        except CorpusError as exc:
            assert "\n" not in str(exc), "a CorpusError is one line"
            return
    docs = loaded.by_id()
    for d in loaded.documents:
        for s in d.sentences:
            assert d.text[s.start : s.end] == s.text
        for f in extract_facts(d):
            assert docs[f.doc].text[f.start : f.end] == f.raw
    result = run_corpus(loaded)
    for fmt in RENDERERS:
        render(result, fmt, corpus_dir=str(target))


class TooSlow(Exception):
    """An input took longer than the bound."""


def _alarm(signum: int, frame: object) -> None:
    raise TooSlow(f"one input took longer than the bound ({Tally.bound} s)")


def bounded_check(corpus: tuple) -> None:
    """check_one, failing when it takes longer than Tally.bound seconds."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(Tally.bound)
    try:
        check_one(corpus)
    finally:
        signal.alarm(0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--bound", type=int, default=20, help="seconds one input may take")
    args = parser.parse_args(argv)
    Tally.bound = args.bound
    deadline = time.monotonic() + args.minutes * 60
    started = time.monotonic()
    batch = 0
    while time.monotonic() < deadline:
        batch += 1

        @settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(corpus=CORPUS)
        def run(corpus: tuple) -> None:
            bounded_check(corpus)

        try:
            run()
        except Exception:  # noqa: BLE001 - report every failure, shrunk by hypothesis
            Tally.failures.append(traceback.format_exc())
            print(Tally.failures[-1], file=sys.stderr)
            break
    minutes = (time.monotonic() - started) / 60
    print(f"fuzz: {Tally.inputs:,} inputs in {minutes:.1f} min ({batch} batches), {len(Tally.failures)} failure(s)")
    return 1 if Tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
