"""CSV and JSON Lines reports, and the pandas views (claims_frame, facts_table)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import discrepancy
from discrepancy.models import Result
from discrepancy.report.csv import COLUMNS, render, render_jsonl

from .conftest import FIXTURES, ROOT

HOSTILE = "=cmd|' /C calc'!A0 "


def claims(result: Result) -> list:
    return [c for d in result.discrepancies for p in d.positions for c in p.claims]


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def hostile_result(tmp_path: Path) -> Result:
    (tmp_path / "a.txt").write_text(HOSTILE + "The bridge opened on 3 May 2021 to traffic.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(HOSTILE + "The bridge opened on 9 May 2021 to traffic.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("+SUM(1,2) The bridge opened on 3 May 2021 to traffic.\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text("@SUM(1,2) The bridge opened on 9 May 2021 to traffic.\n", encoding="utf-8")
    return discrepancy.check(tmp_path)


def test_csv_one_row_per_claim(seed_result: Result) -> None:
    rows = parse(render(seed_result))
    assert tuple(rows[0]) == COLUMNS
    body = [r for r in rows[1:] if r[1] != "notice"]
    notes = [r for r in rows[1:] if r[1] == "notice"]
    assert rows[-len(notes) :] == notes  # the notes come last
    assert [(r[COLUMNS.index("path")], r[COLUMNS.index("text")]) for r in notes] == [
        (n.path, n.message) for n in seed_result.notices
    ]
    assert len(body) == len(claims(seed_result)) > 0
    assert all(len(r) == len(COLUMNS) for r in body)
    assert [r[0] for r in body] == [d.id for d in seed_result.discrepancies for p in d.positions for _ in p.claims]


def test_csv_text_is_the_file_text_between_start_and_end(seed_result: Result) -> None:
    col = {c: i for i, c in enumerate(COLUMNS)}
    for row in parse(render(seed_result))[1:]:
        if row[col["kind"]] == "notice":
            continue
        text = (FIXTURES / row[col["path"]]).read_bytes().decode("utf-8-sig")
        start, end = int(row[col["start"]]), int(row[col["end"]])
        assert row[col["text"]] == text[start:end]
        assert int(row[col["position"]]) >= 1


def test_csv_is_deterministic(seed_result: Result) -> None:
    assert render(seed_result) == render(discrepancy.check(FIXTURES))


def test_csv_neutralizes_formulas(hostile_result: Result) -> None:
    assert hostile_result.discrepancies, "the hostile corpus should disagree on the date"
    col = {c: i for i, c in enumerate(COLUMNS)}
    body = parse(render(hostile_result))[1:]
    sentences = [r[col["sentence"]] for r in body]
    assert any(s.startswith("'=cmd|") for s in sentences)
    assert any(s.startswith("'+SUM") for s in sentences)
    assert any(s.startswith("'@SUM") for s in sentences)
    for row in body:
        assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
        for name in ("position", "start", "end"):
            assert row[col[name]].isdigit()


def test_jsonl_is_raw_and_matches_csv(seed_result: Result, hostile_result: Result) -> None:
    for result in (seed_result, hostile_result):
        text = render_jsonl(result)
        assert text.endswith("\n")
        lines = text.splitlines()
        assert len(lines) == len(parse(render(result))) - 1
        for line in lines:
            obj = json.loads(line)
            assert list(obj) == sorted(obj) == sorted(COLUMNS)
            assert all(isinstance(obj[k], int) for k in ("position", "start", "end"))
    sentences = [json.loads(line)["sentence"] for line in render_jsonl(hostile_result).splitlines()]
    assert any(s.startswith("=cmd|") for s in sentences)  # JSON keeps the text as written


def test_no_claims(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The bridge opened on 3 May 2021 to traffic.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The bridge opened on 3 May 2021 to traffic.\n", encoding="utf-8")
    result = discrepancy.check(tmp_path)
    assert render_jsonl(result) == ""
    assert parse(render(result)) == [list(COLUMNS)]


def test_claims_frame(seed_result: Result) -> None:
    from discrepancy.tables import claims_frame

    frame = claims_frame(seed_result)
    assert frame.shape == (len(claims(seed_result)), len(COLUMNS))
    assert tuple(frame.columns) == COLUMNS
    for name in ("position", "start", "end"):
        assert str(frame[name].dtype) == "int64"
    assert list(frame["text"]) == [c.text for c in claims(seed_result)]


def test_claims_frame_is_not_neutralized(hostile_result: Result) -> None:
    from discrepancy.tables import claims_frame

    assert claims_frame(hostile_result)["sentence"].str.startswith("=cmd|").any()


def test_facts_table(seed_result: Result) -> None:
    from discrepancy.tables import facts_table

    table = facts_table(seed_result)
    outlets = [d.outlet for d in seed_result.corpus.documents]
    assert len(table) == len(seed_result.slots)
    assert table.index.is_unique
    assert list(table.columns) == [*outlets, "kind", "discrepancy"]
    row = table.loc["showed photos [date]"]
    assert set(row[outlets].dropna()) == {"18 October", "November 18, 2022"}
    assert row["kind"] == "date"
    date = next(d for d in seed_result.discrepancies if d.kind == "date")
    assert row["discrepancy"] == date.id
    # every discrepancy is found on some row; agreements have None
    assert {d.id for d in seed_result.discrepancies} <= set(table["discrepancy"].dropna())
    assert table["discrepancy"].isna().any()


def test_facts_table_repeated_outlets(tmp_path: Path) -> None:
    from discrepancy.tables import facts_table

    for name, day in (("a", 3), ("b", 9), ("c", 3)):
        outlet = "Daily Planet" if name != "c" else "Bugle"
        (tmp_path / f"{name}.md").write_text(
            f"---\nsource: {outlet}\n---\nThe bridge opened on {day} May 2021 to traffic.\n", encoding="utf-8"
        )
    result = discrepancy.check(tmp_path)
    table = facts_table(result)
    assert [d.outlet for d in result.corpus.documents] == ["Daily Planet", "Daily Planet", "Bugle"]
    # the shared outlet falls back to document ids; a unique outlet is kept
    assert list(table.columns) == ["a", "b", "Bugle", "kind", "discrepancy"]
    assert list(table.iloc[0][["a", "b", "Bugle"]]) == ["3 May 2021", "9 May 2021", "3 May 2021"]


def test_pandas_is_imported_lazily() -> None:
    code = "import discrepancy, sys; discrepancy.check('fixtures'); print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    code = "import discrepancy.tables, sys; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
