"""Readings cached as pure functions of a sentence's text: a sentence repeated across articles
(wire copy, reprints) is read once, and what depends on the article (its year, its offsets,
its id) is still the article's own."""

from __future__ import annotations

import re

from discrepancy.extract import extract_facts
from discrepancy.extract.context import context_words
from discrepancy.ingest import make_document
from discrepancy.models import Kind
from discrepancy.text import matches

SENTENCE = "In 2010, 12 people died when the old dam failed."


def test_matches_are_the_patterns_matches_and_read_once() -> None:
    pattern = re.compile(r"\d+")
    found = matches(pattern, SENTENCE)
    assert [m.group() for m in found] == ["2010", "12"]
    assert matches(pattern, SENTENCE) is found  # the second reading is the first's
    assert matches(re.compile(r"\d{4}"), SENTENCE) != found  # another pattern, another reading


def test_context_words_leave_out_only_the_span() -> None:
    doc = make_document("a", SENTENCE)
    sent = doc.sentences[0]
    every = context_words(sent)
    assert {"dam", "people"} <= every
    start = sent.start + SENTENCE.index("dam")
    assert context_words(sent, (start, start + 3)) == every - {"dam"}
    digits = sent.start + SENTENCE.index("12")
    assert context_words(sent, (digits, digits + 2)) == every  # a number is no context word


def _died(published: str, prefix: str = "") -> list:
    doc = make_document("d" + published, f"Date: {published}\n\n{prefix}{SENTENCE} The inquiry opened on Monday.")
    return [f for f in extract_facts(doc) if f.kind == Kind.QUANTITY and f.raw == "12"]


def test_one_sentence_in_two_articles_keeps_each_articles_year_and_place() -> None:
    recent, later = _died("2011-03-01"), _died("2014-03-01", prefix="Officials spoke. ")
    assert [f.role for f in recent] == [""]  # 2010 is the story's time for an article of 2011
    assert [f.role for f in later] == ["background"]  # and an earlier episode for one of 2014
    assert later[0].start == recent[0].start + len("Officials spoke. ")
    assert (recent[0].doc, later[0].doc) == ("d2011-03-01", "d2014-03-01")
    assert recent[0].value.point == later[0].value.point == 12
