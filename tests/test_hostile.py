"""Linear work on hostile shapes (issue 14): the work done on an article of each shape, counted
as Python function calls (deterministic, never wall time), grows in proportion to its size, no
sentence read by the later stages is longer than MAX_SENTENCE, and a document is read for facts
only up to its Bounds, with a notice naming it (time and memory: benchmarks/sizes.py)."""

from __future__ import annotations

import functools
import gc
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.shapes import SHAPES, shape
from discrepancy.align import align
from discrepancy.extract import extract_facts
from discrepancy.ingest import load_corpus, make_document
from discrepancy.models import Notice
from discrepancy.text import MAX_DOC_NUMBERS, MAX_DOC_SENTENCES, MAX_SENTENCE, Bounds, split_sentences

from .conftest import write_articles


def _calls(work: Callable[[], object]) -> int:
    count = 0

    def tally(frame: object, event: str, arg: object) -> None:
        nonlocal count
        count += event in ("call", "c_call")

    sys.setprofile(tally)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


def _cold(name: str, size: int) -> int:
    """The work of one run with no reading of an earlier run cached: the caches of sentences are
    emptied (a larger article starts with the smaller one's text, so it would reuse its readings),
    then the vocabulary is loaded again on text of another shape."""
    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper) and getattr(obj, "__module__", "").startswith("discrepancy"):
            obj.cache_clear()
    _pipeline("article" if name != "article" else "short-sentences", 2_000)
    return _pipeline(name, size)


def _pipeline(name: str, size: int) -> int:
    text = shape(name, size)
    return _calls(lambda: align(tuple(extract_facts(make_document("d", text)))))


@pytest.mark.parametrize(
    "name",
    sorted(SHAPES),
)
def test_work_grows_linearly_with_the_article(name: str) -> None:
    small, large = _cold(name, 4_000), _cold(name, 12_000)
    assert large <= 3.6 * small, f"{name}: {small:,} calls at 4 KB, {large:,} at 12 KB"


@pytest.mark.parametrize("name", ["numbers", "dots", "honorifics", "initials", "long-sentence"])
def test_a_long_sentence_is_read_in_pieces_with_a_notice(name: str) -> None:
    notices: list[Notice] = []
    doc = make_document("d", shape(name, 30_000), notices=notices)
    assert doc.sentences and max(s.end - s.start for s in doc.sentences) <= MAX_SENTENCE
    assert all(doc.text[s.start : s.end] == s.text for s in doc.sentences)
    assert [n.message for n in notices if "read in pieces" in n.message], notices


@pytest.mark.parametrize("unit", [".", "Mr. ", "A. ", "e.g. "])
def test_splitting_a_run_of_abbreviations_calls_no_more_per_character(unit: str) -> None:
    def split(n: int) -> int:
        text = unit * n
        return _calls(lambda: list(split_sentences(text, 0, len(text))))

    assert split(8_000) <= 2.2 * split(4_000)


def test_splitting_is_unchanged_on_ordinary_sentences() -> None:
    text = 'Mr. Smith left at 5 p.m. on Friday. "We are safe," he said! J. R. Doe, 40, stayed... Then rain.'
    spans = list(split_sentences(text, 0, len(text)))
    assert [text[s:e] for s, e in spans] == [
        "Mr. Smith left at 5 p.m. on Friday.",
        '"We are safe," he said!',
        "J. R. Doe, 40, stayed...",
        "Then rain.",
    ]


# Bounds of one document (discrepancy/text.py MAX_DOC_CHARACTERS, _SENTENCES, _NUMBERS), set low here
CASES = [
    # (bounds, text, sentences read, the bound named)
    (Bounds(sentences=3), "One fell. Two fell.\n\nThree fell. Four fell.\n\nFive fell.", 3, "more than 3 sentences"),
    (Bounds(numbers=5), "At 1 and 2.\n\nAt 3 and 4. At 5 and 6. At 7.", 2, "more than 5 numbers"),
    (Bounds(characters=30), "At 1 and 2.\n\nAt 3 and 4 and 5 and 6.", 2, "more than 30 characters"),
]


@pytest.mark.parametrize(("bounds", "text", "read", "bound"), CASES)
def test_a_document_past_a_bound_is_read_up_to_it_with_a_notice(
    bounds: Bounds, text: str, read: int, bound: str
) -> None:
    notices: list[Notice] = []
    doc = make_document("d", text, notices=notices, bounds=bounds)
    assert len(doc.sentences) == read
    cut = doc.sentences[-1].end
    assert [n.message for n in notices] == [
        f"the article holds {bound}: read up to line 3; the rest ({100 * (len(text) - cut - 1) // len(text)}% of the"
        " text) is not read for facts"
    ]
    # the text after the last sentence read is set aside, in blocks that say why
    assert all(doc.blocks[s.block].kept for s in doc.sentences)
    second = text.index("\n\n") + 2
    assert [(b.start, b.end) for b in doc.blocks if b.kept] == [(0, second - 2), (second, cut)]
    assert {b.reason for b in doc.blocks if not b.kept} == {f"not read: the article holds {bound}"}
    assert max(b.end for b in doc.blocks) == len(text)


def test_no_fact_is_read_past_a_bound() -> None:
    text = (
        'Three people died on Monday. "We are safe," Anna Marek said.\n\nFive people died. "We left," Ivan Belov said.'
    )
    full = extract_facts(make_document("d", text))
    assert any(f.start > text.index("Five") for f in full)  # read when no bound cuts
    facts = extract_facts(make_document("d", text, bounds=Bounds(sentences=2)))
    assert facts and all(f.end <= text.index("\n\n") for f in facts)


@pytest.mark.parametrize(
    ("name", "size", "bound", "what"),
    [("numbers", 40_000, MAX_DOC_NUMBERS, "numbers"), ("short-sentences", 80_000, MAX_DOC_SENTENCES, "sentences")],
)
def test_the_default_bounds_cut_a_hostile_shape_with_a_notice_naming_the_file(
    tmp_path: Path, name: str, size: int, bound: int, what: str
) -> None:
    corpus = load_corpus(write_articles(tmp_path, {"a.txt": "Two men died.", "zz.txt": shape(name, size)}))
    assert [
        n.message.split(":")[0] for n in corpus.notices if n.path == "zz.txt" and "the article holds" in n.message
    ] == [f"the article holds more than {bound:,} {what}"]
    assert len(corpus.by_id()["zz"].sentences) <= MAX_DOC_SENTENCES
