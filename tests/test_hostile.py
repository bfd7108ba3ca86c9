"""Linear work on hostile shapes (issue 14): the work done on an article of each shape, counted
as Python function calls (deterministic, never wall time), grows in proportion to its size, and
no sentence read by the later stages is longer than MAX_SENTENCE."""

from __future__ import annotations

import functools
import gc
import sys
from collections.abc import Callable

import pytest

from benchmarks.shapes import SHAPES, shape
from discrepancy.align import align
from discrepancy.extract import extract_facts
from discrepancy.ingest import make_document
from discrepancy.models import Notice
from discrepancy.text import MAX_SENTENCE, split_sentences


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
