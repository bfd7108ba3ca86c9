"""Days and times meet by what they date (frame, roles, episode), and figures are read as news
states them, as the cases in tests/cases/episodes.toml and figures.toml describe."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from .casecheck import corpus_flags


def _cases(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = tomllib.loads((Path(__file__).parent / "cases" / name).read_text("utf-8"))["case"]
    return cases


CASES = _cases("episodes.toml")
FIGURES = _cases("figures.toml")
COLOURS = _cases("colours.toml")
ITEMS = _cases("items.toml")
TEMPORAL = {"date", "weekday", "time"}


def _check(case: dict[str, Any], kinds: set[str]) -> None:
    flags = corpus_flags(case, kinds)
    if case.get("none"):
        assert flags == []
        return
    wanted = [set(side) for side in case["flag"]]
    assert any(all(any(w <= p for p in positions) for w in wanted) for positions in flags), flags


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_episode_case(case: dict[str, Any]) -> None:
    _check(case, TEMPORAL)


@pytest.mark.parametrize("case", FIGURES, ids=[c["name"] for c in FIGURES])
def test_figure_case(case: dict[str, Any]) -> None:
    _check(case, {"quantity"})


@pytest.mark.parametrize("case", COLOURS, ids=[c["name"] for c in COLOURS])
def test_colour_case(case: dict[str, Any]) -> None:
    _check(case, {"colour"})


@pytest.mark.parametrize("case", ITEMS, ids=[c["name"] for c in ITEMS])
def test_item_case(case: dict[str, Any]) -> None:
    _check(case, set(case.get("kinds", ["item"])))
