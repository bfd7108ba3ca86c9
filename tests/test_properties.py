"""Properties of ingestion and extraction on arbitrary text (hypothesis): no exception, every
span inside the text and equal to its raw value, results independent of document order."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from discrepancy.align import align
from discrepancy.compare import compare
from discrepancy.extract import extract_facts
from discrepancy.ingest import make_document

# News-like alphabet: words, digits, currency, quotes, dashes, newlines, some non-ASCII.
PIECES = [
    *"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-–—'’\"“”$€£%()\n\r\t",
    "May ", "March ", "18 October ", "on Friday ", "yesterday ", " said ", " million", " at least ", "p.m.",
    " 3:45 ", "Mr. ", "Dr. ", "Title: ", "Date: ", "---\n", "Read also: ", "Advertisement\n", " killed ",
    " rockets and missiles ", " Governor Anna Berg ", "“We will", "”", " 2022", "Category 3 ", "$1.5bn ",
]  # fmt: skip
NEWSY = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)
ANY = st.text(max_size=300)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(NEWSY, ANY), dated=st.booleans())
def test_extraction_never_raises_and_spans_match(text: str, dated: bool) -> None:
    head = "Date: 2024-03-05\n\n" if dated else ""
    doc = make_document("d", head + text)
    for f in extract_facts(doc):
        assert 0 <= f.start <= f.end <= len(doc.text)
        assert doc.text[f.start : f.end] == f.raw
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(NEWSY, min_size=2, max_size=4))
def test_results_do_not_depend_on_document_order(texts: list[str]) -> None:
    docs = [make_document(f"d{i}", t) for i, t in enumerate(texts)]
    by_id = {d.id: d for d in docs}
    forward = compare(align([f for d in docs for f in extract_facts(d)]), by_id)
    backward = compare(align([f for d in reversed(docs) for f in reversed(extract_facts(d))]), by_id)
    assert forward == backward
