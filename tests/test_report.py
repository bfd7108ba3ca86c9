"""Renderers: the JSON contract's shape and the Markdown view."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

import discrepancy
from discrepancy.report import RENDERERS, render
from discrepancy.report.json import dumps, to_record
from discrepancy.report.markdown import code, md

from .conftest import FIXTURES, md_title, run_corpus

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


@pytest.mark.parametrize(
    "data",
    [
        {"a": [1, 2.5, -0.0, 1e-300, 10**30, True, False, None], "b": {"z": {"y": [], "x": {}}}, "": ()},
        {"text": 'quote " backslash \\ line\nbreak \u2028 \x1b é 日本', "nested": [[["deep"]], {"k": [1]}]},
        {"odd": [float("nan"), float("inf"), -float("inf")], "tuple": ("a", 1)},
        {2: "keys that are no strings", 1: "b"},
        [],
        "just a string",
    ],
)
def test_the_json_writer_writes_what_json_dumps_writes(data: object) -> None:
    assert dumps(data) == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)


def test_the_json_writer_writes_a_whole_report_as_json_dumps_does() -> None:
    record = to_record(run_corpus(FIXTURES))
    assert dumps(record) == json.dumps(record, sort_keys=True, indent=2, ensure_ascii=False)


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
    docs = result.corpus.by_id()
    for d in result.discrepancies:
        assert d.id in text
        for p in d.positions:
            for c in p.claims:
                doc = docs[c.doc]
                line = doc.text.count("\n", 0, c.start) + 1
                assert c.text in doc.text.splitlines()[line - 1]
                assert f"`{doc.path}:{line}`" in text, "each claim gives its file:line"


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


# --- reports that lead with what matters ----------------------------------------------------

PEOPLE_FORMATS = ("md", "html", "text")


def _positions_of_ids(text: str, ids: list[str]) -> list[int]:
    return [text.index(i) for i in ids]


@pytest.mark.parametrize("fmt", PEOPLE_FORMATS)
def test_findings_come_high_severity_first_then_by_kind(fmt: str) -> None:
    result = run_corpus(str(FIXTURES))
    kinds = [k.name for k in result.kinds]
    rank = {"high": 0, "medium": 1, "low": 2}
    expected = sorted(result.discrepancies, key=lambda d: (rank[d.severity], kinds.index(d.kind)))
    assert [d.id for d in expected] != [d.id for d in result.discrepancies], "the fixtures exercise the reordering"
    text = render(result, fmt)
    where = _positions_of_ids(text, [d.id for d in expected])
    assert where == sorted(where)


@pytest.mark.parametrize("fmt", PEOPLE_FORMATS)
def test_a_hedge_is_told_as_a_hedge_in_plain_words(fmt: str) -> None:
    result = run_corpus(str(FIXTURES))
    hedge = next(d for d in result.discrepancies if d.kind == "money")
    assert hedge.plain == "The same figure, hedged differently: “more than” vs “about”."
    assert "Check which is right" not in hedge.summary and "hedge" in hedge.summary
    date = next(d for d in result.discrepancies if d.kind == "date")
    assert date.plain == result.kind_info("date").rule
    assert hedge.plain in render(result, fmt)


@pytest.mark.parametrize("fmt", PEOPLE_FORMATS)
def test_values_are_shown_as_written_not_in_machine_form(fmt: str) -> None:
    result = run_corpus(str(FIXTURES))
    text = render(result, fmt)
    if fmt == "html":  # the machine form only behind a toggle, or in a tooltip of the fact table
        text = re.sub(r'<details><summary>as compared</summary>.*?</details>| title="[^"]*"', "", text)
    for d in result.discrepancies:
        for p in d.positions:
            shown = {"html": html.escape, "md": md}.get(fmt, str)
            assert shown(p.value) in text
    for machine in ("--10-18", ">100,000,000 USD per month", "~100,000,000 USD per month"):
        assert machine not in text and html.escape(machine) not in text
    assert "--10-18" in render(result, "json"), "JSON keeps the machine form"


@pytest.mark.parametrize(
    ("text", "cell", "span"),
    [
        ("state_wire.txt", False, "`state_wire.txt`"),
        ("a*b_c[d]", False, "`a*b_c[d]`"),
        ("it`s", False, "``it`s``"),
        ("``x", False, "``` ``x ```"),
        ("a|b", True, "`a\\|b`"),
        ("a|b", False, "`a|b`"),
    ],
)
def test_code_spans_show_text_literally(text: str, cell: bool, span: str) -> None:
    assert code(text, cell=cell) == span


def test_markdown_code_spans_hold_no_stray_backslashes(tmp_path: Path) -> None:
    (tmp_path / "state_wire.txt").write_text("Title: A\nSource: State_Wire\n\nIt opened on 3 May 2021.\n")
    (tmp_path / "city_desk.txt").write_text("Title: B\nSource: City\n\nIt opened on 9 May 2021.\n")
    text = render(discrepancy.check(str(tmp_path)), "md")
    assert "`state_wire.txt:4`" in text and "`state_wire.txt`" in text
    assert "State\\_Wire" in text, "outside code spans, Markdown is still escaped"
    for span in re.findall(r"(?<!`)`([^`\n]+)`(?!`)", text):
        assert "\\" not in span, span


def _corpus_with_urls(tmp_path: Path, n_more: int = 0) -> Path:
    (tmp_path / "a.txt").write_text(
        "Title: Bridge opens\nSource: The Daily\nDate: 2021-05-04 14:05\nURL: https://daily.example/bridge?a=1&b=(2)\n\n"
        "The bridge opened on 3 May 2021, the city said.\n"
    )
    (tmp_path / "b.txt").write_text(
        "Title: Bridge\nSource: Evil Post\nDate: 2021-05-05\nURL: javascript:alert(1)\n\n"
        "The bridge opened on 4 May 2021, the city said.\n"
    )
    for i in range(n_more):
        (tmp_path / f"z{i:02}.txt").write_text(
            f"Title: Other {i}\nSource: Outlet {i}\n\nThe fair had {i + 5} stalls.\n"
        )
    return tmp_path


def test_claims_show_outlet_publication_time_and_link(tmp_path: Path) -> None:
    result = discrepancy.check(str(_corpus_with_urls(tmp_path)))
    link = "https://daily.example/bridge?a=1&b=%282%29"
    md_text = render(result, "md")
    assert f"  - [The Daily](<{link}>) · 2021-05-04 14:05 · `a.txt:6`: The bridge opened on **3 May 2021**" in md_text
    assert "  - Evil Post · 2021-05-05 · `b.txt:6`:" in md_text, "no link for a URL that is not http(s)"
    page = render(result, "html")
    assert f'href="{html.escape(link)}" rel="noopener noreferrer nofollow"' in page
    assert '<time datetime="2021-05-04T14:05">2021-05-04 14:05</time>' in page
    assert 'href="javascript:' not in page
    text = render(result, "text", corpus_dir="news")
    assert "news/a.txt:6  The Daily, 2021-05-04 14:05" in text


def test_sources_table_comes_after_the_findings(tmp_path: Path) -> None:
    result = discrepancy.check(str(_corpus_with_urls(tmp_path)))
    md_text = render(result, "md")
    assert md_text.index("## Discrepancies") < md_text.index("## Sources")
    assert md_text.rstrip().endswith("|"), "the sources table ends the Markdown report"
    page = render(result, "html")
    assert page.index('id="discrepancies"') < page.index('<section id="sources">') < page.index('id="facts"')
    assert "<details><summary>" not in page.split('<section id="sources">')[1].split("</section>")[0]


def test_a_long_sources_table_is_collapsed(tmp_path: Path) -> None:
    result = discrepancy.check(str(_corpus_with_urls(tmp_path, n_more=20)))
    assert len(result.corpus.documents) == 22
    section = render(result, "html").split('<section id="sources">')[1].split("</section>")[0]
    assert section.startswith("\n<h2>Sources</h2>\n<details><summary>22 sources:")
    assert section.rstrip().endswith("</details>")


@pytest.mark.parametrize("fmt", PEOPLE_FORMATS)
def test_title_from_settings(tmp_path: Path, fmt: str) -> None:
    _corpus_with_urls(tmp_path)
    (tmp_path / "discrepancy.toml").write_text('title = "Bridge   opening: what the papers said"\n')
    result = discrepancy.check(str(tmp_path))
    assert result.title == "Bridge opening: what the papers said"
    text = render(result, fmt)
    if fmt == "md":
        assert md_title(text) == "Bridge opening: what the papers said"
    elif fmt == "html":
        assert "<title>Bridge opening: what the papers said</title>" in text
        assert "<h1>Bridge opening: what the papers said</h1>" in text
    else:
        assert text.startswith("Bridge opening: what the papers said: 2 articles compared")


_BAD_COUNTS = re.compile(
    r"\(s\)|\b1 (?:documents|articles|sources|discrepancies|facts|claims|decisions|outlets)\b"
    r"|\b(?:[02-9]|\d\d+) (?:document|article|source|discrepancy|fact|claim|decision|outlet)\b(?!s)"
)


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_counts_agree_with_their_nouns(tmp_path: Path, fmt: str) -> None:
    one = tmp_path / "one"
    one.mkdir()
    (one / "a.txt").write_text("It opened on 3 May 2021.\n")
    (one / "b.txt").write_text("It opened on 9 May 2021.\n")
    for result in (run_corpus(str(FIXTURES)), discrepancy.check(str(one))):
        text = render(result, fmt, corpus_dir="c")
        bad = [m.group(0) for m in _BAD_COUNTS.finditer(text)]
        assert not bad, bad
