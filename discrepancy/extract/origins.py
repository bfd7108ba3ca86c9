"""Dates implied by a thing's age (DATE facts): "the 86-year-old structure" in a report published
in 2012 dates the building to 1926, give or take the year (its birthday may not have come yet),
and meets "built in 1935" or "constructed in 1935" of another source as one fact: when it was
built or founded (the `founded` word group).

Which nouns have such an age is vocabulary (words.toml [aged_things]: buildings, bridges, ships,
companies ...); "a 36-year-old climber" is a person's age (ages.py), never a date.
"""

from __future__ import annotations

from ..models import Document, Fact, Key, KeyKind, Kind, word_keys
from ..text import canon, matches
from ..values import DateValue
from ..vocab import Vocabulary
from .ages import YEAR_OLD, thing_after
from .context import fact_at

FOUNDED = "founded"  # the word group of building and founding ("built", "constructed", "founded")
MAX_THING_AGE = 1000


def extract(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """Building and founding years implied by the ages of things (needs a publication date)."""
    if doc.published is None:
        return []
    facts: list[Fact] = []
    for sent in doc.sentences:
        for m in matches(YEAR_OLD, sent.text):
            noun = thing_after(sent.text, m.end(), vocab)
            age = int(m.group("n"))
            if not noun or not 0 < age <= MAX_THING_AGE:
                continue
            year = doc.published.year - age
            value = DateValue(year=year, lo=(1, 1), hi=(12, 31), relative=f"{age} years old")
            keys = {Key(KeyKind.EVENT, FOUNDED), *word_keys({FOUNDED, canon(noun)})}
            facts.append(
                fact_at(
                    doc, sent, sent.start + m.start(), sent.start + m.end(), kind=Kind.DATE, value=value,
                    normalized=value.normalized(), keys=keys, subject=f"when the {noun} was built", role="background",
                )
            )  # fmt: skip
    return facts
