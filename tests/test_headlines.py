"""The headline is read as text: its figures are claims citing the title line's characters,
never the lede, and a title that is not written in the text stays metadata."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

import discrepancy
from discrepancy.extract import extract_facts
from discrepancy.ingest import load_corpus, make_document
from discrepancy.models import Kind

CASES: list[dict[str, Any]] = tomllib.loads((Path(__file__).parent / "cases" / "headlines.toml").read_text())["case"]


def _write(root: Path, articles: dict[str, str]) -> Path:
    for name, text in articles.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def _header_end(text: str) -> int:
    return text.index("\n\n")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_headline_figures_compare_like_any_claim(tmp_path: Path, case: dict[str, Any]) -> None:
    result = discrepancy.check(_write(tmp_path, case["articles"]))
    texts = {d.id: d.text for d in result.corpus.documents}
    found = [d for d in result.discrepancies if d.kind == Kind.QUANTITY]
    if case.get("agree"):
        assert found == []
        return
    (d,) = found
    got = sorted(
        (c.doc, c.text, c.start < _header_end(texts[c.doc])) for p in d.positions for c in p.claims if c.doc in "ab"
    )
    assert got == sorted((doc, text, headline) for doc, text, headline in case["flagged"])
    for p in d.positions:
        for c in p.claims:
            assert texts[c.doc][c.start : c.end] == c.text


def test_the_headline_cites_the_title_line_and_keeps_the_body_numbering() -> None:
    text = "Title: Ferry sinking: 21 dead\nSource: Harbour Tribune\n\nThe ferry sank on Tuesday.\nDivers searched.\n"
    doc = make_document("a", text)
    body = [s for s in doc.sentences if not s.headline]
    (head,) = [s for s in doc.sentences if s.headline]
    assert [s.index for s in body] == [0, 1] and head.index == 2
    assert text[head.start : head.end] == "Ferry sinking: 21 dead" == head.text
    assert text[: head.start] == "Title: "
    (fact,) = [f for f in extract_facts(doc) if f.kind == Kind.QUANTITY]
    assert text[fact.start : fact.end] == fact.raw == "21"


def test_a_headline_is_never_the_lede() -> None:
    text = "Title: Ferry sinks on Monday, 21 dead\n\nThe ferry sank on Tuesday, the coast guard said.\n"
    facts = extract_facts(make_document("a", text))
    assert [f.raw for f in facts if f.kind in (Kind.WEEKDAY, Kind.DATE)] == ["Tuesday"]
    assert [f.raw for f in facts if getattr(f, "lead", False)] == ["Tuesday"]


@pytest.mark.parametrize(
    "head",
    [
        '---\ntitle: "Ferry sinking: 21 dead"\n---\n',  # front matter, quoted
        "Headline: Ferry sinking: 21 dead\n\n",
    ],
)
def test_other_written_titles_are_read(head: str) -> None:
    doc = make_document("a", head + "The ferry sank on Tuesday.\n")
    (s,) = [s for s in doc.sentences if s.headline]
    assert doc.text[s.start : s.end] == "Ferry sinking: 21 dead"


def test_a_headline_the_body_repeats_is_read_once() -> None:
    doc = make_document("a", "Title: Ferry sinking: 21 dead\n\nFerry sinking: 21 dead\nThe ferry sank on Tuesday.\n")
    assert not any(s.headline for s in doc.sentences)


def test_a_title_not_written_in_the_text_stays_metadata(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "title": "Ferry sinking: 21 dead", "text": "The ferry sank on Tuesday. Divers searched the bay."},
        {"id": "b", "title": "Ferry lost", "text": "The ferry sank on Tuesday. Divers found 33 dead."},
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    corpus = load_corpus(path)
    assert corpus.documents[0].title == "Ferry sinking: 21 dead"
    assert not any(s.headline for d in corpus.documents for s in d.sentences)


def test_a_file_with_only_a_headline_has_no_article_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title: Ferry sinking: 21 dead\n\nThe ferry sank on Tuesday.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title: Ferry sinking: 33 dead\n\nAdvertisement\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus.documents] == ["a"]
