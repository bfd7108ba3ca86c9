"""The tool never reads what it wrote: reports in a corpus are recognized in every format and
left out with a notice, and the folder or file a run writes to is not read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import discrepancy
from discrepancy.cli import FORMATS, cli
from discrepancy.generated import generated_format
from discrepancy.report import render

from .conftest import FIXTURES, ROOT, write_articles
from .test_review import PARITY_ARTICLES


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_carries_a_mark_the_reader_knows(fmt: str) -> None:
    result = discrepancy.check(FIXTURES, decisions=False)
    assert generated_format(render(result, fmt, corpus_dir="fixtures")) == fmt


def test_text_summary_heads_are_known_with_any_count() -> None:
    assert generated_format("story: 1,000 articles compared, 12 facts stated by two sources; 1,204 discrepancies\n")
    assert generated_format("1 document, 3 facts, 0 aligned slots, 0 discrepancies\n") == "text"
    assert generated_format("Title: 5 articles\n\nThey found 3 discrepancies.\n") is None  # not the first line


def test_no_article_passes_for_a_report() -> None:
    articles = [
        p for p in sorted(ROOT.glob("fixtures/**/*")) if p.suffix in {".txt", ".md", ".html", ".htm", ".csv", ".jsonl"}
    ]
    assert len(articles) > 30
    assert [p.name for p in articles if generated_format(p.read_text("utf-8"))] == []
    assert generated_format("Title: Bridge opens\n\n12 articles and 3 reports were filed.\n") is None


def findings(corpus: Path) -> list[tuple[str, str]]:
    return [(d.id, d.status) for d in discrepancy.check(corpus).discrepancies]


def invoke(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, list(args))
    return res.exit_code, res.stdout, res.stderr


def test_report_twice_inside_the_corpus_gives_the_same_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_articles(tmp_path, PARITY_ARTICLES)
    monkeypatch.chdir(tmp_path)
    assert invoke("report", ".")[0] == 0
    first = json.loads((tmp_path / "reports" / "report.json").read_text("utf-8"))
    assert invoke("report", ".")[0] == 0
    second = json.loads((tmp_path / "reports" / "report.json").read_text("utf-8"))
    assert first["discrepancies"] == second["discrepancies"] and len(first["discrepancies"]) == 3
    assert first["corpus"]["documents"] == second["corpus"]["documents"]
    notes = {n["path"]: n["message"] for n in second["notices"]}
    assert notes["reports"] == "left out: reports/ is where this run writes its reports"
    md = (tmp_path / "reports" / "report.md").read_text("utf-8")
    assert "reports/ is where this run writes its reports" in md  # the notice is in the report
    # a later check that does not write there still knows the reports for what they are
    result = discrepancy.check(tmp_path)
    assert [(d.id, d.status) for d in result.discrepancies] == [(d["id"], d["status"]) for d in first["discrepancies"]]
    skipped = {n.path: n.message for n in result.notices}
    assert skipped["reports/report.md"] == "skipped: a report written by discrepancy (md), not an article; not read"
    assert skipped["reports/report.html"].startswith("skipped: a report written by discrepancy (html)")


@pytest.mark.parametrize("fmt", ["text", "md", "html", "junit", "github", "json"])
def test_a_report_saved_as_an_article_file_is_left_out(tmp_path: Path, fmt: str) -> None:
    write_articles(tmp_path, PARITY_ARTICLES)
    before = findings(tmp_path)
    saved = tmp_path / "notes" / "summary.txt"
    code, _, _ = invoke("check", str(tmp_path), "--format", fmt, "-o", str(saved))
    assert code == 1 and saved.exists()
    assert findings(tmp_path) == before
    code, out, err = invoke("check", str(tmp_path), "--format", "json")
    assert f"skipped: a report written by discrepancy ({fmt})" in json.dumps(json.loads(out)["notices"])
    assert "note: skipped notes/summary.txt" in err
    code, out, _ = invoke("check", str(tmp_path), "--format", "json", "-o", str(saved))
    assert code == 1  # the file this run writes is left out before it is even looked at
    assert "left out: this run writes its report there" in saved.read_text("utf-8")


def test_a_report_given_as_the_corpus_is_an_error(tmp_path: Path) -> None:
    write_articles(tmp_path, PARITY_ARTICLES)
    for fmt, name in (("csv", "claims.csv"), ("jsonl", "claims.jsonl")):
        invoke("check", str(tmp_path), "--format", fmt, "-o", str(tmp_path / name))
        code, _, err = invoke("check", str(tmp_path / name))
        assert code == 2 and f"{name}: a report written by discrepancy ({fmt}), not an article" in err
