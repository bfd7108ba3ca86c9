"""Gold files (versions 1 and 2) and scoring: recall, matched-flag share, stretch discrepancies,
agreements broken, distinct entries violated; bad gold as one-line errors; `discrepancy eval`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from discrepancy.cli import cli
from discrepancy.errors import CorpusError
from discrepancy.evaluate import evaluate_folder, load_gold, report, score
from discrepancy.models import Claim, Corpus, Discrepancy, Document, Kind, Position, Result, Severity

from .conftest import FIXTURES, run_corpus

TEXTS = {
    "a": "The storm killed 12 people on Monday. Mayor Ann Lee said the road was closed.",
    "b": "The storm killed 15 people on Monday. Mayor Ann Lee said the road is closed.",
    "c": "The storm killed 12 people on Tuesday. Deputy Mayor Ann Lee said 12 roads were shut.",
}
CORPUS = Corpus(
    root="story",
    documents=tuple(Document(id=k, path=f"{k}.txt", text=v, sha256="") for k, v in sorted(TEXTS.items())),
)

ENTRIES = """
[[discrepancy]]
kind = "quantity"
subject = "toll"
sides = [
  [ { doc = "a", text = "12 people" }, { doc = "c", text = "12 people" } ],
  [ { doc = "b", text = "15 people" } ],
]

[[discrepancy]]
kind = "weekday"
subject = "day of the storm"
sides = [ [ { doc = "a", text = "Monday" }, { doc = "b", text = "Monday" } ], [ { doc = "c", text = "Tuesday" } ] ]

[[agreement]]
kind = "quote"
subject = "the road"
claims = [ { doc = "a", text = "the road was closed" }, { doc = "b", text = "the road is closed" } ]
"""
V2_ENTRIES = """
[[discrepancy]]
stretch = true
kind = "title"
subject = "Ann Lee's title"
sides = [ [ { doc = "a", text = "Mayor" } ], [ { doc = "c", text = "Deputy Mayor" } ] ]

[[distinct]]
kind = "quantity"
subject = "the dead and the roads shut"
claims = [ { doc = "a", text = "12 people" }, { doc = "c", text = "12 roads" } ]
"""
V1 = "version = 1\n" + ENTRIES
V2 = "version = 2\n" + ENTRIES + V2_ENTRIES


def _claim(spec: str) -> Claim:
    """'a:12 people' -> the claim of that text in document a (first occurrence)."""
    doc, text = spec.split(":", 1)
    start = TEXTS[doc].index(text)
    return Claim(doc=doc, start=start, end=start + len(text), text=text, sentence="")


def _flag(name: str, *positions: list[str]) -> Discrepancy:
    return Discrepancy(
        id=name,
        kind=Kind.QUANTITY,
        severity=Severity.MEDIUM,
        subject=name,
        summary="",
        positions=tuple(
            Position(value=str(i), normalized=str(i), claims=tuple(_claim(c) for c in claims))
            for i, claims in enumerate(positions)
        ),
    )


def _result(*flags: Discrepancy) -> Result:
    return Result(corpus=CORPUS, facts=(), slots=(), discrepancies=flags)


def _gold(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "gold.toml"
    path.write_text(text, encoding="utf-8")
    return path


TOLL = _flag("toll", ["a:12 people", "c:12 people"], ["b:15 people"])
DAY = _flag("day", ["a:Monday"], ["c:Tuesday"])
TITLE = _flag("title", ["a:Mayor"], ["c:Deputy Mayor"])
ROAD = _flag("road", ["a:the road was closed"], ["b:the road is closed"])
TRAP = _flag("trap", ["a:12 people"], ["c:12 roads"])
TRAP_KEPT = _flag("trap-kept", ["a:12 people", "c:12 roads"], ["b:15 people"])
UNRELATED = _flag("unrelated", ["a:Ann Lee"], ["b:Ann Lee"])
# The gold side's claim "12 people on Monday" overlaps claims in both positions: it counts in each.
WIDE = _flag("wide", ["a:Monday", "b:15 people"], ["a:12 people"])

# flags -> (found, gold, matched flags, flags, stretch found, agreements broken, distinct violated)
V2_CASES = {
    "no flags": ((), (0, 2, 0, 0, 0, 0, 0)),
    "discrepancy found": ((TOLL,), (1, 2, 1, 1, 0, 0, 0)),
    "two found, one extra": ((TOLL, DAY, UNRELATED), (2, 2, 2, 3, 0, 0, 0)),
    "stretch found: a matched flag, not recall": ((TITLE,), (0, 2, 1, 1, 1, 0, 0)),
    "agreement broken": ((ROAD,), (0, 2, 0, 1, 0, 1, 0)),
    "distinct violated": ((TRAP,), (0, 2, 0, 1, 0, 0, 1)),
    "distinct kept in one position": ((TRAP_KEPT,), (1, 2, 1, 1, 0, 0, 0)),
    "everything at once": ((UNRELATED, TRAP, ROAD, TITLE, DAY, TOLL), (2, 2, 3, 6, 1, 1, 1)),
}


@pytest.mark.parametrize("case", sorted(V2_CASES))
def test_version_2_scoring(tmp_path: Path, case: str) -> None:
    flags, expected = V2_CASES[case]
    gold = load_gold(_gold(tmp_path, V2), CORPUS)
    o = report(_result(*flags), gold)["overall"]
    got = tuple(o[k] for k in ("found", "gold", "matched_flags", "flags", "stretch_found"))
    assert got + (o["agreements_broken"], o["distinct_violated"]) == expected
    assert (o["stretch"], o["agreements"], o["distinct"], o["version"]) == (1, 1, 1, 2)
    assert o["recall"] == round(expected[0] / expected[1], 4)
    assert o["matched_flag_share"] == o["precision"] == (round(expected[2] / expected[3], 4) if expected[3] else 1.0)


@pytest.mark.parametrize("flags", [(TOLL, UNRELATED)])
def test_version_1_scores_as_before(tmp_path: Path, flags: tuple[Discrepancy, ...]) -> None:
    gold = load_gold(_gold(tmp_path, V1), CORPUS)
    s = score(_result(*flags), gold)
    assert (gold.version, len(gold.distinct), [g.stretch for g in gold.discrepancies]) == (1, 0, [False, False])
    assert [g.subject for g in s.found] == ["toll"] and [g.subject for g in s.missed] == ["day of the storm"]
    assert [d.id for d in s.extra] == ["unrelated"]
    assert s.precision == s.matched_flag_share == 0.5
    o = report(_result(*flags), gold)["overall"]
    assert (o["stretch"], o["distinct"], o["precision"]) == (0, 0, 0.5)


@pytest.mark.parametrize("flags", [(), (TITLE,)])
def test_only_stretch_gold_means_recall_1(tmp_path: Path, flags: tuple[Discrepancy, ...]) -> None:
    text = "version = 2\n" + V2_ENTRIES
    o = report(_result(*flags), load_gold(_gold(tmp_path, text), CORPUS))["overall"]
    assert (o["recall"], o["gold"], o["stretch_found"]) == (1.0, 0, len(flags))


@pytest.mark.parametrize("flag", [WIDE])
def test_a_gold_claim_overlapping_two_positions_counts_in_each(tmp_path: Path, flag: Discrepancy) -> None:
    text = V1.replace('{ doc = "a", text = "12 people" }', '{ doc = "a", text = "12 people on Monday" }')
    s = score(_result(flag), load_gold(_gold(tmp_path, text), CORPUS))
    assert [g.subject for g in s.found] == ["toll"]


@pytest.mark.parametrize("flags", [(TOLL, TITLE, UNRELATED)])
def test_per_kind_table_counts_required_gold_and_matched_flags(tmp_path: Path, flags: tuple[Discrepancy, ...]) -> None:
    kinds = report(_result(*flags), load_gold(_gold(tmp_path, V2), CORPUS))["kinds"]
    assert sorted(kinds) == ["quantity", "weekday"]  # the stretch title is not a recall row
    assert (kinds["quantity"]["gold"], kinds["quantity"]["flags"], kinds["quantity"]["matched"]) == (1, 3, 2)
    assert kinds["weekday"]["recall"] == 0.0


@pytest.mark.parametrize("version", [1, 2])
def test_repeated_text_is_found_by_occurrence(tmp_path: Path, version: int) -> None:
    text = f'version = {version}\n[[agreement]]\nkind = "quantity"\nclaims = [ {{ doc = "c", text = "12", occurrence = 2 }}, {{ doc = "a", text = "12" }} ]\n'
    gold = load_gold(_gold(tmp_path, text), CORPUS)
    assert gold.agreements[0].sides[0][0].start == TEXTS["c"].index("12 roads")


BAD = {
    "version 3": ("version = 3\n", "gold format version must be 1 or 2"),
    "no version": ('[[agreement]]\nkind = "x"\nclaims = []\n', "gold format version must be 1 or 2"),
    "version as text": ('version = "2"\n', "gold format version must be 1 or 2"),
    "distinct in version 1": ("version = 1\n[[distinct]]" + V2_ENTRIES.split("[[distinct]]")[1], "[[distinct]] needs gold format version 2"),
    "stretch in version 1": ("version = 1\n" + V2_ENTRIES.split("[[distinct]]")[0], "discrepancy 1: stretch needs gold format version 2"),
    "no claim text": ('version = 2\n[[agreement]]\nkind = "x"\nclaims = [ { doc = "a" }, { doc = "b", text = "Monday" } ]\n', "agreement 1, claim 1: the claim has no text"),
    "empty claim text": ('version = 2\n[[agreement]]\nkind = "x"\nclaims = [ { doc = "a", text = "" }, { doc = "b", text = "Monday" } ]\n', "the claim has no text"),
    "unknown doc": ('version = 2\n[[distinct]]\nkind = "x"\nclaims = [ { doc = "z", text = "12" }, { doc = "b", text = "15" } ]\n', "distinct 1, claim 1: unknown document 'z'"),
    "text not found": ('version = 1\n[[discrepancy]]\nkind = "x"\nsides = [ [ { doc = "a", text = "13" } ], [ { doc = "b", text = "15" } ] ]\n', "discrepancy 1, side 1, claim 1: '13' (occurrence 1) not found in a"),
    "occurrence past the last": ('version = 2\n[[agreement]]\nkind = "x"\nclaims = [ { doc = "a", text = "12", occurrence = 2 }, { doc = "b", text = "15" } ]\n', "not found in a"),
    "occurrence 0": ('version = 2\n[[agreement]]\nkind = "x"\nclaims = [ { doc = "a", text = "12", occurrence = 0 }, { doc = "b", text = "15" } ]\n', "occurrence must be a whole number from 1"),
    "one side": ('version = 2\n[[discrepancy]]\nkind = "x"\nsides = [ [ { doc = "a", text = "12" } ] ]\n', "discrepancy 1: sides must list two or more sides"),
    "one claim": ('version = 2\n[[distinct]]\nkind = "x"\nclaims = [ { doc = "a", text = "12" } ]\n', "distinct 1: claims must list two or more claims"),
    "no kind": ('version = 2\n[[agreement]]\nclaims = [ { doc = "a", text = "12" }, { doc = "b", text = "15" } ]\n', "agreement 1: kind is missing"),
    "stretch not a boolean": ('version = 2\n[[discrepancy]]\nkind = "x"\nstretch = "yes"\nsides = [ [ { doc = "a", text = "12" } ], [ { doc = "b", text = "15" } ] ]\n', "stretch must be true or false"),
    "unknown entry key": ('version = 2\n[[agreement]]\nkind = "x"\nclams = []\n', "agreement 1: unknown key 'clams'"),
    "unknown table": ('version = 2\n[[distinction]]\nkind = "x"\n', "unknown table or key 'distinction'"),
    "not TOML": ("version = 2\n[[agreement]\n", "cannot read gold file"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_gold_is_a_one_line_error_naming_the_file(tmp_path: Path, case: str) -> None:
    text, message = BAD[case]
    path = _gold(tmp_path, text)
    with pytest.raises(CorpusError) as err:
        load_gold(path, CORPUS)
    assert str(err.value).startswith(f"{path}: ")
    assert message in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("corpus", ["quake", "trial"])
def test_a_version_1_gold_read_as_version_2_scores_the_same(tmp_path: Path, corpus: str) -> None:
    v1_text = (FIXTURES / corpus / "gold.toml").read_text("utf-8")
    assert "\nversion = 1\n" in v1_text
    result = run_corpus(str(FIXTURES / corpus))
    v1 = report(result, load_gold(FIXTURES / corpus / "gold.toml", result.corpus))
    v2 = report(
        result, load_gold(_gold(tmp_path, v1_text.replace("\nversion = 1\n", "\nversion = 2\n")), result.corpus)
    )
    assert v1["overall"].pop("version") == 1 and v2["overall"].pop("version") == 2
    assert v1 == v2
    assert v1["overall"]["precision"] == v1["overall"]["matched_flag_share"]


@pytest.mark.parametrize("corpus", ["quake"])
def test_evaluate_folder_checks_and_scores_a_folder(corpus: str) -> None:
    result = run_corpus(str(FIXTURES / corpus))
    expected = report(result, load_gold(FIXTURES / corpus / "gold.toml", result.corpus))
    assert evaluate_folder(FIXTURES / corpus) == expected


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_eval_cli_reports_the_version_2_figures(tmp_path: Path, fmt: str) -> None:
    text = (FIXTURES / "quake" / "gold.toml").read_text("utf-8").replace("\nversion = 1\n", "\nversion = 2\n")
    gold = _gold(tmp_path, text)
    res = CliRunner().invoke(cli, ["eval", str(FIXTURES / "quake"), "--gold", str(gold), "--format", fmt])
    assert res.exit_code == 0, res.output
    expected = evaluate_folder(FIXTURES / "quake", gold)["overall"]
    if fmt == "json":
        o = json.loads(res.stdout)["overall"]
        assert o == expected
        return
    first = res.stdout.splitlines()[0]
    assert first.startswith(f"recall {expected['recall']:.2f} ({expected['found']}/{expected['gold']})")
    for words in ("matched-flag share", "stretch found 0/0", f"agreements broken 0/{expected['agreements']}"):
        assert words in first
    assert "distinct violated 0/0" in first


@pytest.mark.parametrize("case", ["version 3", "unknown doc"])
def test_eval_cli_bad_gold_exits_2_with_one_line(tmp_path: Path, case: str) -> None:
    gold = _gold(tmp_path, BAD[case][0])
    res = CliRunner().invoke(cli, ["eval", str(FIXTURES / "quake"), "--gold", str(gold)])
    assert res.exit_code == 2
    assert str(gold) in res.stderr and BAD[case][1] in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
