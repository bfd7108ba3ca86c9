"""CI reports place each claim where it is in the repository: lines of old Mac files (lone CR),
the file and line of a record of a JSON Lines or CSV corpus, and paths relative to the working
directory or the repository root even when the corpus is named by an absolute path (issue 14)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import discrepancy
from discrepancy.cli import cli
from discrepancy.report import render

ARTICLE_A = "The dam failed on 3 May 2024 and 12 people were killed, officials said."
ARTICLE_B = "Officials said 14 people were killed when the dam failed on 3 May 2024."


def sarif_places(text: str) -> dict[str, tuple[str, int, int]]:
    """Each located claim's snippet -> (uri, start line, start column)."""
    out = {}
    for res in json.loads(text)["runs"][0]["results"]:
        for loc in res.get("locations", []) + res.get("relatedLocations", []):
            phys = loc["physicalLocation"]
            region = phys["region"]
            out[region["snippet"]["text"]] = (
                phys["artifactLocation"]["uri"],
                region["startLine"],
                region["startColumn"],
            )
    return out


def check(corpus: str, fmt: str) -> str:
    res = CliRunner().invoke(cli, ["check", corpus, "--format", fmt])
    assert res.exit_code == 1, res.output
    return res.stdout


def test_lone_cr_line_ends_count_as_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_bytes(f"Source: Alpha\r\rIntro line.\r\r{ARTICLE_A}\r".encode())
    (tmp_path / "b.txt").write_bytes(f"Source: Beta\r\n\r\n{ARTICLE_B}\r\n".encode())
    monkeypatch.chdir(tmp_path)
    places = sarif_places(check(".", "sarif"))
    assert places["12"] == ("a.txt", 5, ARTICLE_A.index("12") + 1)
    assert places["14"] == ("b.txt", 3, ARTICLE_B.index("14") + 1)
    assert "a.txt:5" in check(".", "text") and "file=a.txt,line=5," in check(".", "github")


def write_jsonl(path: Path) -> None:
    records = [
        {"id": "a", "source": "Alpha", "title": "Dam", "text": ARTICLE_A},
        {"id": "b", "source": "Beta", "text": "Breaking.\n\n" + ARTICLE_B},
    ]
    lines = ['{"id": "x", "text": ""}', "", *(json.dumps(r) for r in records)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("where", ["x.jsonl", "data/x.jsonl"])
def test_a_json_lines_record_is_placed_at_its_line_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    (tmp_path / where).parent.mkdir(parents=True, exist_ok=True)
    write_jsonl(tmp_path / where)
    monkeypatch.chdir(tmp_path)
    lines = (tmp_path / where).read_text("utf-8").splitlines()
    column_a = lines[2].index(ARTICLE_A) + 1
    column_b = lines[3].index("Breaking.") + 1
    assert sarif_places(check(where, "sarif")) == {"12": (where, 3, column_a), "14": (where, 4, column_b)}
    assert f"file={where},line=3,col={column_a}," in check(where, "github")
    assert f"{where}:3:{column_a}" in check(where, "junit")
    text = check(where, "text")
    assert f"     {where}:3  Alpha" in text and f"     {where}:4  Beta" in text
    assert "x.jsonl#" not in text.replace("x.jsonl#1:", "")  # a notice may name a record


def test_a_csv_record_is_placed_at_the_line_of_its_claim(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body_b = f'Breaking "news".\n\n{ARTICLE_B}'
    table = (
        "id,title,text,source\r\n"
        f'a,"A title\r\non two lines",{ARTICLE_A},Alpha\r\n'
        f'b,Dam,"{body_b.replace(chr(34), chr(34) * 2)}",Beta\r\n'
    )
    (tmp_path / "t.csv").write_bytes(table.encode())
    monkeypatch.chdir(tmp_path)
    places = sarif_places(check("t.csv", "sarif"))
    assert places["12"] == ("t.csv", 3, len('on two lines",') + ARTICLE_A.index("12") + 1)
    assert places["14"] == ("t.csv", 6, ARTICLE_B.index("14") + 1)


def test_an_absolute_corpus_path_gives_relative_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    corpus = repo / "news" / "dam"
    corpus.mkdir(parents=True)
    (repo / ".git").mkdir()
    (corpus / "a.txt").write_text(f"Source: Alpha\n\n{ARTICLE_A}\n", encoding="utf-8")
    (corpus / "b.txt").write_text(f"Source: Beta\n\n{ARTICLE_B}\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    places = {repo: "news/dam/a.txt", corpus: "a.txt", tmp_path: "repo/news/dam/a.txt"}
    places[tmp_path / "elsewhere"] = "news/dam/a.txt"  # outside the working directory: the repository's
    for cwd, expected in places.items():
        monkeypatch.chdir(cwd)
        for fmt in ("sarif", "github", "junit", "text"):
            out = check(str(corpus), fmt)
            if fmt == "text":  # the closing line's review command names the corpus as typed
                out = "\n".join(line for line in out.splitlines() if line.startswith("     "))
            assert str(tmp_path) not in out, (cwd, fmt)
        assert sarif_places(check(str(corpus), "sarif"))["12"][0] == expected
    (repo / ".git").rmdir()  # outside the working directory and any repository: the corpus's name
    monkeypatch.chdir(tmp_path / "elsewhere")
    uris = {uri for uri, _, _ in sarif_places(check(str(corpus), "sarif")).values()}
    assert uris == {"dam/a.txt", "dam/b.txt"}


def test_the_library_places_records_without_a_corpus_dir(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "x.jsonl")
    result = discrepancy.check(tmp_path / "x.jsonl")
    assert {d.record.line for d in result.corpus.documents if d.record} == {3, 4}
    assert re.search(r'"uri": "x\.jsonl"', render(result, "sarif"))
