"""Alignment: facts about the same thing join one slot; facts about different things do not."""

from __future__ import annotations

import pytest

from discrepancy.align import align, weighted_containment
from discrepancy.extract import extract_facts
from discrepancy.ingest import make_document
from discrepancy.models import Kind


def slots_for(*texts: str):
    facts = [f for i, t in enumerate(texts) for f in extract_facts(make_document(f"d{i}", t))]
    return align(facts)


def members(slot) -> set[tuple[str, str]]:
    return {(f.doc, f.raw) for f in slot.facts}


@pytest.mark.parametrize(
    ("texts", "together"),
    [
        (
            ("Rescuers said 32 people were killed in the quake.", "The quake killed 40 people, rescuers said."),
            {("d0", "32"), ("d1", "40")},
        ),
        (
            ("The photos were taken on 18 October, officials said.", "Officials showed photos from November 18."),
            {("d0", "18 October"), ("d1", "November 18")},
        ),
        (
            ("The company will cut 1,200 jobs, it said.", "Brightwater plans to cut 2,100 jobs worldwide."),
            {("d0", "1,200"), ("d1", "2,100")},
        ),
        (
            (
                "The ministry said Pyongyang supplied rockets to the group.",
                "Officials said the country supplied artillery shells.",
            ),
            {("d0", "rockets"), ("d1", "artillery shells")},
        ),
        (
            (
                "Officials said the bridge was hit overnight. At 1:27 a.m., the ship struck a pylon.",
                "The ship struck the pylon at 1:40 a.m., officials said.",
            ),
            {("d0", "1:27 a.m."), ("d1", "1:40 a.m.")},
        ),
    ],
    ids=["toll", "photo-date", "job-cuts", "supplied-items", "sentence-opening-time"],
)
def test_same_fact_aligns(texts: tuple[str, ...], together: set[tuple[str, str]]) -> None:
    assert any(together <= members(s) for s in slots_for(*texts))


@pytest.mark.parametrize(
    ("texts", "apart"),
    [
        (
            ("The quake killed 32 people.", "About 400,000 people live in the province."),
            {("d0", "32"), ("d1", "About 400,000")},
        ),
        (
            ("At least 12 people were injured.", "Rescuers said 12 people were killed."),
            {("d0", "At least 12"), ("d1", "12")},
        ),
        (
            ("Profit fell to $212 million from $265 million.", "Profit fell to $221 million from $265 million."),
            {("d0", "$265 million"), ("d1", "$221 million")},
        ),
        (
            (
                "Nurses will get a raise of $200 a month, the union said.",
                "Nurses will get a raise of $2,400 a year, the union said.",
            ),
            {("d0", "$200"), ("d1", "$2,400")},
        ),
        (
            (
                "Unemployment in the region rose to 9% last month.",
                "Unemployment in the region rose to 9,000 last month.",
            ),
            {("d0", "9%"), ("d1", "9,000")},
        ),
    ],
    ids=["population-vs-toll", "injured-vs-killed", "prior-figure", "rates", "units"],
)
def test_different_facts_stay_apart(texts: tuple[str, ...], apart: set[tuple[str, str]]) -> None:
    assert not any(apart <= members(s) for s in slots_for(*texts))


def test_the_ledes_when_aligns_across_outlets() -> None:
    slots = slots_for(
        "The ministry said on Friday that the talks had failed.",
        "Talks collapsed, the government announced on Thursday.",
    )
    lede = [s for s in slots if s.subject == "main event (lede)"]
    assert len(lede) == 1 and {f.raw for f in lede[0].facts} == {"Friday", "Thursday"}


def test_quotes_of_one_speaker_align_across_wording() -> None:
    slots = slots_for(
        '"We will rebuild every home in this valley," Governor Marta Kelnic said.',
        'Governor Marta Kelnic said: "We are going to rebuild every single home in the valley."',
    )
    assert [s.kind for s in slots if s.kind == Kind.QUOTE] == [Kind.QUOTE]


def test_quotes_of_different_people_stay_apart() -> None:
    slots = slots_for(
        '"The bridge will reopen next week," said Mayor Anna Berg.',
        '"The bridge will not reopen next week," said engineer Paul Novak.',
    )
    assert [s for s in slots if s.kind == Kind.QUOTE] == []


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [({"x", "y"}, {"x", "y", "z"}, 1.0), ({"x"}, {"y"}, 0.0), ({"x"}, {"x"}, 1.0)],
)
def test_weighted_containment(a: set[str], b: set[str], expected: float) -> None:
    assert weighted_containment(frozenset(a), frozenset(b), lambda _: 1.0) == pytest.approx(expected)


def test_names_spelled_differently_align() -> None:
    slots = slots_for("Defendant Daniel Wolff was jailed.", "Daniel Wolfe was sent to prison.")
    names = [s for s in slots if s.kind == Kind.NAME]
    assert len(names) == 1 and {f.raw for f in names[0].facts} == {"Daniel Wolff", "Daniel Wolfe"}


def test_different_people_with_one_surname_do_not_align_as_a_spelling() -> None:
    slots = slots_for("Kim Jong Un met officials.", "Kim Yo Jong issued a statement.")
    assert [s for s in slots if s.kind == Kind.NAME] == []
