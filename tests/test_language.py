"""Articles not in English: detected, left out of extraction, and named in every report format;
English articles (short, mixed, real) are never set aside."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

import discrepancy
from discrepancy.errors import CorpusError
from discrepancy.ingest import load_corpus
from discrepancy.ingest.language import detect, english_share
from discrepancy.report import RENDERERS, render

from .conftest import FIXTURES

CASES: list[dict[str, Any]] = tomllib.loads((Path(__file__).parent / "cases" / "languages.toml").read_text())["case"]
REALNEWS = Path(__file__).resolve().parent.parent.parent / "shared" / "realnews"
NOT_ENGLISH = "not in English"


def _text(case: dict[str, Any]) -> str:
    return str(case["text"]).strip()


def _case(name: str) -> str:
    return _text(next(c for c in CASES if c["name"] == name))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_the_language_of_an_article(case: dict[str, Any]) -> None:
    found = detect(_text(case))
    assert (found or "en") == case["lang"]
    assert detect(_text(case)) == found  # the same input, the same answer


@pytest.mark.parametrize("name", ["spanish", "ukrainian"])
def test_a_foreign_article_has_few_english_function_words(name: str) -> None:
    share, words = english_share(_case(name))
    assert share < 0.1 and words > 25


ENGLISH_A = """Title: Ferry sinks off Port Lidia

The ferry Southern Star sank on Tuesday morning off Port Lidia, harbour officials said.
Rescue teams have recovered 33 bodies and are still searching for twelve people who were on board.
"""
ENGLISH_B = """Title: Southern Star ferry lost

The ferry Southern Star sank on Tuesday morning off Port Lidia, the harbour authority said.
Rescue teams have recovered 31 bodies and are still searching for the missing passengers.
"""


@pytest.fixture
def mixed_corpus(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ENGLISH_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ENGLISH_B, encoding="utf-8")
    (tmp_path / "c-es.txt").write_text("Title: Naufragio\n\n" + _case("spanish") + "\n", encoding="utf-8")
    (tmp_path / "d-uk.txt").write_text(_case("ukrainian") + "\n", encoding="utf-8")
    return tmp_path


def test_foreign_articles_are_left_out_with_a_notice(mixed_corpus: Path) -> None:
    corpus = load_corpus(mixed_corpus)
    assert [d.id for d in corpus.documents] == ["a", "b"]
    notes = {n.path: n.message for n in corpus.notices if NOT_ENGLISH in n.message}
    assert notes == {
        "c-es.txt": "skipped: not in English (detected: es); not checked",
        "d-uk.txt": "skipped: not in English (detected: uk); not checked",
    }


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_every_report_names_the_articles_not_read(mixed_corpus: Path, fmt: str) -> None:
    result = discrepancy.check(mixed_corpus)
    assert {f.doc for f in result.facts} <= {"a", "b"}
    assert any(d.kind == "quantity" for d in result.discrepancies)  # the English pair is still compared
    text = render(result, fmt, corpus_dir=str(mixed_corpus))
    assert "c-es" in text and "d-uk" in text
    assert "detected: es" in text and "detected: uk" in text


def test_a_corpus_with_no_english_article_is_an_error_not_a_clean_bill(tmp_path: Path) -> None:
    for case in ("spanish", "german", "french"):
        (tmp_path / f"{case}.txt").write_text(_case(case) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"not in English \(detected: (es|de|fr)\).*2 more skipped"):
        load_corpus(tmp_path)


def test_records_in_another_language_are_left_out(tmp_path: Path) -> None:
    import json

    rows = [{"id": "en1", "text": ENGLISH_A}, {"id": "en2", "text": ENGLISH_B}, {"id": "fr", "text": _case("french")}]
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    corpus = load_corpus(path)
    assert [d.id for d in corpus.documents] == ["en1", "en2"]
    assert any(n.message.endswith("(detected: fr); not checked") for n in corpus.notices)


def _corpora() -> list[Path]:
    # the corpora, not the tool's own folders (`.discrepancy/`: decisions and the fact cache)
    roots = [FIXTURES] + sorted(p for p in FIXTURES.iterdir() if p.is_dir() and not p.name.startswith("."))
    if REALNEWS.is_dir():
        roots += sorted(p for p in REALNEWS.iterdir() if p.is_dir() and not p.name.startswith("."))
    return roots


@pytest.mark.parametrize("root", _corpora(), ids=lambda p: p.name)
def test_no_english_article_is_taken_for_another_language(root: Path) -> None:
    settings = root / "discrepancy.toml"
    ignore = tuple(tomllib.loads(settings.read_text()).get("ignore", [])) if settings.is_file() else ()
    corpus = load_corpus(root, ignore=ignore)
    assert not [n for n in corpus.notices if NOT_ENGLISH in n.message]
