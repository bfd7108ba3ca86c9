"""People and places: ages bound to their person, home towns, name spellings.

Corpus cases are data (tests/cases/people.toml): each case's articles are checked as one corpus;
`flag` pairs must be on different sides of one discrepancy, `agree` pairs never.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import discrepancy
from discrepancy.extract.spelling import fold_name, transliterate
from discrepancy.values import NameValue, PlaceValue, Relation

CASES = Path(__file__).parent / "cases" / "people.toml"


def load_cases() -> list:
    cases = tomllib.loads(CASES.read_text("utf-8"))["case"]
    return [pytest.param(c, id=c["name"]) for c in cases]


def split_pairs(result: discrepancy.Result) -> set[tuple[str, str]]:
    """Pairs of claim texts that some discrepancy puts in different positions."""
    out = set()
    for d in result.discrepancies:
        for i, a in enumerate(d.positions):
            for b in d.positions[i + 1 :]:
                for x in a.claims:
                    for y in b.claims:
                        out |= {(x.text, y.text), (y.text, x.text)}
    return out


@pytest.mark.parametrize("case", load_cases())
def test_people_case(case: dict, tmp_path: Path) -> None:
    date = f"Date: {case['published']}\n" if case.get("published") else ""
    for i, text in enumerate(case["articles"]):
        head = f"Title: Story {i}\nSource: Outlet {i}\n{date}"
        (tmp_path / f"{i:02d}-outlet.txt").write_text(f"{head}\n{text}\n", "utf-8")
    pairs = split_pairs(discrepancy.check(tmp_path, decisions=False))
    for a, b in case.get("flag", []):
        assert (a, b) in pairs, sorted(pairs)
    for a, b in case.get("agree", []):
        assert (a, b) not in pairs, sorted(pairs)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Yevgeny Sorokin", "Evgeny Sorokin"), ("Mohammed Idrissi", "Muhammad Idrissi"), ("Sergey Alov", "Sergei Alov"),
     ("Dmitriy Alov", "Dmitry Alov"), ("Oleh Zaretskyy", "Oleh Zaretsky"), ("Tariq al-Hamdan", "Tariq el-Hamdan"),
     ("Yuri Kharlov", "Yuri Harlov")],
)  # fmt: skip
def test_romanisations_are_one_name(a: str, b: str) -> None:
    relation = NameValue(a, transliterate(a)).relate(NameValue(b, transliterate(b)), None)  # type: ignore[arg-type]
    assert relation.relation == Relation.SAME


@pytest.mark.parametrize(("a", "b"), [("Anna Wolff", "Anna Wolfe"), ("Piet Albers", "Piet Alders")])
def test_spellings_are_flagged(a: str, b: str) -> None:
    relation = NameValue(a, transliterate(a)).relate(NameValue(b, transliterate(b)), None)  # type: ignore[arg-type]
    assert relation.relation == Relation.CONFLICT


@pytest.mark.parametrize(
    ("a", "b", "region_a", "expected"),
    [("Tamsworth", "Corriden", False, Relation.CONFLICT), ("Richmond Vale", "North Richmond Vale", False, Relation.COMPATIBLE),
     ("Oklahoma", "Corriden", True, Relation.COMPATIBLE), ("Bern", "Berne", False, Relation.COMPATIBLE),
     ("Millbrook", "Millbrook", False, Relation.SAME)],
)  # fmt: skip
def test_place_relations(a: str, b: str, region_a: bool, expected: Relation) -> None:
    pa, pb = PlaceValue(a, fold_name(a), region_a), PlaceValue(b, fold_name(b))
    assert pa.relate(pb, None).relation == expected  # type: ignore[arg-type]
