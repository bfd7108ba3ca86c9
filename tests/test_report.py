"""Renderers: the JSON contract's shape and the Markdown view."""

from __future__ import annotations

import json

import pytest

import discrepancy
from discrepancy.report import render
from discrepancy.report.markdown import md

from .conftest import FIXTURES, run_corpus

CONTRACT_TOP = {"schema_version", "tool", "corpus", "discrepancies", "notices", "reprints"}
DISCREPANCY_KEYS = {"id", "kind", "severity", "subject", "summary", "status", "positions"}
CLAIM_KEYS = {"doc", "start", "end", "text", "sentence"}


def test_json_contract_shape() -> None:
    data = json.loads(render(run_corpus(str(FIXTURES)), "json"))
    assert set(data) == CONTRACT_TOP
    assert data["schema_version"] == 1
    assert data["tool"] == {"name": "discrepancy", "version": discrepancy.__version__}
    assert {d["id"] for d in data["corpus"]["documents"]} >= {"000_ce86ac23983d97ae"}
    for doc in data["corpus"]["documents"]:
        assert set(doc) == {"id", "path", "title", "source", "published", "published_time", "sha256"}
        assert not doc["path"].startswith("/")
    for d in data["discrepancies"]:
        assert set(d) >= DISCREPANCY_KEYS
        assert d["kind"] in {k.value for k in discrepancy.Kind}
        assert d["severity"] in {"high", "medium", "low"}
        assert len(d["positions"]) >= 2
        for p in d["positions"]:
            assert {"value", "normalized", "sources", "claims"} == set(p)
            assert 1 <= p["sources"] <= len({c["doc"] for c in p["claims"]})
            for c in p["claims"]:
                assert set(c) == CLAIM_KEYS


def test_json_is_sorted_indented_with_trailing_newline() -> None:
    text = render(run_corpus(str(FIXTURES)), "json")
    assert text.endswith("}\n")
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_ids_are_unique_and_stable_in_form() -> None:
    ids = [d.id for d in run_corpus(str(FIXTURES)).discrepancies]
    assert len(ids) == len(set(ids))
    assert all(len(i) == 11 and i.startswith("D") for i in ids)


@pytest.mark.parametrize(
    ("raw", "escaped"), [("a*b", "a\\*b"), ("<script>", "\\<script\\>"), ("x|y", "x\\|y"), ("a\n b", "a b")]
)
def test_markdown_escapes_article_text(raw: str, escaped: str) -> None:
    assert md(raw) == escaped


def test_markdown_lists_every_discrepancy_with_its_evidence() -> None:
    result = run_corpus(str(FIXTURES))
    text = render(result, "md")
    for d in result.discrepancies:
        assert d.id in text
        for p in d.positions:
            for c in p.claims:
                assert f"[{c.start}:{c.end}]" in text


@pytest.mark.parametrize(
    ("a", "b", "changed"),
    [
        ("pays a heavy price", "pays a high price", [("replace", "heavy", "high")]),
        (
            "gossip and speculation,",
            "rumors and speculations",
            [("replace", "gossip", "rumors"), ("replace", "speculation,", "speculations")],
        ),
        ("We will win.", "we will win", []),
    ],
)
def test_word_diff(a: str, b: str, changed: list) -> None:
    from discrepancy.report.diff import word_diff

    assert [op for op in word_diff(a, b) if op[0] != "equal"] == changed


def test_markdown_stays_under_a_mebibyte(monkeypatch: pytest.MonkeyPatch) -> None:
    from discrepancy.report import markdown

    monkeypatch.setattr(markdown, "MAX_BYTES", 2_000)  # as if the report were huge
    text = render(run_corpus(str(FIXTURES)), "md")
    assert "more discrepancies: see the JSON report" in text
    assert len(text.encode("utf-8")) < 2_000 + 10_000
