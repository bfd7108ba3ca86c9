"""The base of the value types: how two values relate (Relation, Comparison), what a comparison
needs from the vocabulary (the Lexicon protocol), and Value, with its defaults."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from ..frozen import Rebuilt


class Relation(StrEnum):
    """How two values of one fact relate."""

    SAME = "same"  # the same value, perhaps written differently
    COMPATIBLE = "compatible"  # both can be right (a vaguer date, a broader term, an overlap)
    HEDGE = "hedge"  # both can be right, but the hedges or rounding differ: low severity
    CONFLICT = "conflict"  # they cannot both be right


@dataclass(frozen=True, slots=True)
class Comparison:
    """A relation and the reason for it (a short tag: "overlap", "open bound", ...)."""

    relation: Relation
    why: str


class Lexicon(Protocol):
    """What comparisons need from the vocabulary of a run."""

    def items_related(self, a: str, b: str) -> bool:
        """The same item node, or one broader than the other."""
        ...

    def items_cumulative(self, node: str) -> bool:
        """The node's domain adds up (relief supplies): its members never conflict alone."""
        ...

    def title_family(self, role: str) -> int | None:
        """The family of a title role: two roles of one family conflict."""
        ...


def _same(why: str = "equal") -> Comparison:
    return Comparison(Relation.SAME, why)


def _compatible(why: str) -> Comparison:
    return Comparison(Relation.COMPATIBLE, why)


def _conflict(why: str) -> Comparison:
    return Comparison(Relation.CONFLICT, why)


class Value(Rebuilt):
    """Base of every value type: defaults for what most values do not have (and pickled as its
    fields' values, frozen.py)."""

    __slots__ = ()

    def normalized(self) -> str:
        raise NotImplementedError

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        """How this value relates to another value of the same fact."""
        return _same() if self == other else _conflict("different values")

    def far_apart(self, other: Value, ratio: float) -> bool:
        """True when two figures are orders apart: likely different facts (figures only)."""
        return False

    @property
    def coarse(self) -> bool:
        """A date known only to the year or a span of months: background, not a day."""
        return False

    @property
    def measure(self) -> tuple[str, str]:
        """(unit, rate) of a figure; values of different measures are different facts."""
        return ("", "")

    def same_measure(self, other: Value) -> bool:
        """Whether two values measure alike (a sum and its stated conversion do)."""
        return self.measure == other.measure

    @property
    def size(self) -> int:
        """How long a wording is, in words (quotes)."""
        return 0

    def day(self) -> tuple[dt.date | None, str]:
        """The calendar day the value places its fact on, and the precision, for timelines."""
        return None, ""

    def details(self) -> dict[str, Any]:
        """Details worth showing beside the normalized form (qualifier, relative words)."""
        return {}
