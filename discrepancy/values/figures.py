"""Values of how many: figures as intervals (Amount), with their hedges, rounding and stated
conversions, and figures with a unit (Measure)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

from .base import Comparison, Lexicon, Relation, Value, _compatible, _conflict, _same

BOUNDS = frozenset({">", ">=", "<", "<="})


@dataclass(frozen=True, slots=True, order=True)
class Amount(Value):
    """A figure as an interval; `point` is the number as written, `cls` the qualifier class."""

    point: float
    lo: float
    hi: float
    cls: str = "="  # "=" exact or approximate, ">"/">=" floors, "<"/"<=" ceilings, "range"
    unit: str = ""  # currency code, "%", "age", "score" or "" for a plain count
    rate: str = ""  # "month" for "a month", ...
    qualifier: str = field(default="", compare=False)  # the hedge as written ("more than")
    total: float | None = field(default=None, compare=False)  # "60 passengers and four crew": 64
    converted: Amount | None = field(default=None, compare=False)  # "€4 million ($4.4 million)": the $

    def compatible(self, other: Amount) -> bool:
        if self.unit != other.unit or self.rate != other.rate:
            return True  # different units or rates: not the same measure
        if self.point == other.point:
            return True  # hedges on one figure are compared by hedge_conflict, as low severity
        return self.lo <= other.hi * 1.0000001 and other.lo <= self.hi * 1.0000001

    def hedge_conflict(self, other: Amount) -> bool:
        """The same figure hedged in incompatible directions ("more than 100" vs "about 100")."""
        if self.point != other.point or self.unit != other.unit or self.rate != other.rate:
            return False
        a, b = self.cls, other.cls
        if a == b:
            return False
        if {a, b} & {">", ">="} and ({a, b} & {"<", "<="} or self._from_below() or other._from_below()):
            return False  # "over 100 billion" and "nearly 100 billion": one rounds up, one down
        if ">" in (a, b):  # a strict floor excludes the figure itself
            return not {a, b} <= {">", ">="}
        if "<" in (a, b):
            return not {a, b} <= {"<", "<="}
        return False

    def _from_below(self) -> bool:
        """An approximation from below ("nearly 100", "almost 100"): the figure it approaches."""
        return self.cls == "=" and self.hi == self.point and self.lo < self.point

    def _open_bound(self, other: Amount) -> bool:
        """A figure stated exactly against another stated as a bound ("17 dead" vs "at least
        12"): both can be true; compare reports it only when each side was published at its own
        time, as a toll that may have risen (a bound from the same reports is an agreement)."""
        if {self.cls, other.cls} & BOUNDS and "=" in {self.cls, other.cls}:
            exact = self if self.cls == "=" else other
            return not exact.qualifier
        return False

    def _rounded(self, other: Amount) -> bool:
        """Two different figures hedged alike ("some 180" vs "around 170"): each allows the
        other, but the outlets state different numbers."""
        return self.rate == other.rate and self.cls == other.cls and bool(self.qualifier and other.qualifier)

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if not isinstance(other, Amount):
            return _conflict("not a figure")
        if self.cls == other.cls == "vague":
            return _compatible("vague counts")  # "dozens" and "scores of": neither is a figure
        via = _via_conversion(self, other, lexicon)
        if via is not None:
            return via
        # "60 passengers and four crew" here is the "64 passengers and crew" of another outlet
        summed = _sums_to(self.total, other.point) or _sums_to(other.total, self.point)
        if not summed and not self.compatible(other):
            return _conflict("different figures")
        if self.hedge_conflict(other):
            return Comparison(Relation.HEDGE, "hedge")
        if self.unit == other.unit and self.point != other.point:
            if self._open_bound(other):
                return Comparison(Relation.HEDGE, "open bound")
            if self._rounded(other):
                return Comparison(Relation.HEDGE, "rounded")
        if summed:
            return _compatible("a sum of parts")
        return _same() if self.normalized() == other.normalized() else _compatible("overlapping figures")

    def far_apart(self, other: Value, ratio: float) -> bool:
        if not isinstance(other, Amount) or self.unit in {"score", "ordinal"}:
            return False
        lo, hi = sorted((abs(self.point), abs(other.point)))
        return lo != 0 and hi / lo >= ratio

    @property
    def measure(self) -> tuple[str, str]:
        return (self.unit, self.rate)

    def same_measure(self, other: Value) -> bool:
        if self.measure == other.measure:
            return True
        return isinstance(other, Amount) and any(
            x.converted is not None and x.converted.measure == y.measure for x, y in ((self, other), (other, self))
        )

    def normalized(self) -> str:
        n = f"{self.point:,.2f}".rstrip("0").rstrip(".")
        if self.cls in {"range", "vague"}:
            lo = f"{self.lo:,.2f}".rstrip("0").rstrip(".")
            n = f"{lo}–{self.hi:,.2f}".rstrip("0").rstrip(".") if self.cls == "vague" else f"{lo}–{n}"
        cls = "~" if self.cls == "vague" else "" if self.cls in {"=", "range"} else self.cls
        unit = f" {self.unit}" if self.unit and self.unit not in {"%"} else self.unit
        rate = f" per {self.rate}" if self.rate else ""
        conv = f" ({self.converted.normalized()})" if self.converted is not None else ""
        return f"{cls}{n}{unit}{rate}{conv}"

    def details(self) -> dict[str, Any]:
        out: dict[str, Any] = {"qualifier": self.qualifier} if self.qualifier else {}
        return out | ({"sum": f"{self.total:g}"} if self.total is not None else {})


# Two outlets converting one sum may use rates a few days apart, and round the result: implied
# rates within this share of each other agree (1.10 and 1.12 do; 1.10 and 1.25 do not).
RATE_TOLERANCE = 0.05


def _via_conversion(a: Amount, b: Amount, lexicon: Lexicon) -> Comparison | None:
    """A sum against another in its stated conversion's currency, or two conversions of one sum
    at different rates; None when no conversion is stated."""
    if a.unit != b.unit:
        for x, y in ((a, b), (b, a)):
            if x.converted is not None and x.converted.unit == y.unit and x.converted.rate == y.rate:
                return x.converted.relate(replace(y, converted=None), lexicon)
        return None
    ca, cb = a.converted, b.converted
    if ca is None or cb is None or ca.unit != cb.unit or not (a.point and b.point and ca.point and cb.point):
        return None
    first = a.relate(replace(b, converted=None), lexicon)
    ra, rb = ca.point / a.point, cb.point / b.point
    if first.relation != Relation.CONFLICT and abs(ra - rb) > RATE_TOLERANCE * min(ra, rb):
        return _conflict("different exchange rates")
    return first


def _sums_to(total: float | None, point: float) -> bool:
    return total is not None and f"{total:g}" == f"{point:g}"


# --- measures: figures with a unit (appended; extractor: extract/measures.py) ---

# Compass directions: two bearings are compatible when their sectors meet ("north-northeast" and
# "northeast" are one direction told at two precisions); a sector is half the step between the
# named points of its precision (45 degrees for the eight-point rose).
BEARING_SPREAD = 22.5


@dataclass(frozen=True, slots=True, order=True)
class Measure(Amount):
    """A figure with a unit. `point`, `lo` and `hi` are in the unit as written (`unit`: "ft",
    "km"); `lo`/`hi` cover the figure's hedge and the rounding its writing allows ("2,000 ft"
    covers 1,900-2,100 ft, "1.2 miles" 1.15-1.25); `factor` and `offset` take them to the base
    unit of the dimension. Two measures of one fact compare in the base unit."""

    dim: str = ""  # "length", "area", "speed", "mass", "volume", "temperature", "magnitude"
    factor: float = 1.0  # base = factor * value + offset
    offset: float = 0.0
    frame: str = ""  # what is measured: "depth", "fall", "distance", "aftershock"...
    place: str = ""  # the place a distance is measured from, lowercase ("santa rosa")
    bearing: float | None = None  # compass direction from the place, in degrees
    direction: str = ""  # the direction as written ("north-northeast")
    equiv: Measure | None = field(default=None, compare=False)  # "2,000 ft (609 m)": the 609 m

    def base(self) -> tuple[float, float]:
        """The interval in the base unit; a stated conversion narrows it when the two meet."""
        lo, hi = _to_base(self)
        if self.equiv is not None:
            elo, ehi = _to_base(self.equiv)
            if max(lo, elo) <= min(hi, ehi):
                return max(lo, elo), min(hi, ehi)
        return lo, hi

    def base_point(self) -> float:
        return self.point * self.factor + self.offset

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if not isinstance(other, Measure):
            return _conflict("not a measure")
        if self.measure != other.measure:
            return _compatible("different measures")
        if self.bearing is not None and other.bearing is not None and _bearing_gap(self, other) > BEARING_SPREAD:
            return _conflict("different directions")
        same_point = math.isclose(self.base_point(), other.base_point(), rel_tol=1e-9)
        (alo, ahi), (blo, bhi) = self.base(), other.base()
        # rounding intervals are half-open: "3 miles" (2.5-3.5) and "4 miles" (3.5-4.5) do not meet
        meet = max(alo, blo) < min(ahi, bhi) or (alo == ahi and blo <= alo <= bhi) or (blo == bhi and alo <= blo <= ahi)
        if not same_point and not meet:
            return _conflict("different figures")
        if same_point and self.unit == other.unit and self.hedge_conflict(other):
            return Comparison(Relation.HEDGE, "hedge")
        # a bound that holds the other figure is compatible ("more than 600 m", "609 m"): unlike a
        # toll, a measure seldom grows between reports; a conversion is not a rounding
        if not same_point and self.unit == other.unit and self._rounded(other):
            return Comparison(Relation.HEDGE, "rounded")
        if self.normalized() == other.normalized():
            return _same()
        return _compatible("a conversion" if self.unit != other.unit else "within rounding")

    def far_apart(self, other: Value, ratio: float) -> bool:
        """Figures an order apart are different facts only when nothing names what they measure:
        two depths of one quake, 12 miles and 1.2 miles, are a slip of the decimal point."""
        if not isinstance(other, Measure) or (self.frame and self.frame == other.frame):
            return False
        lo, hi = sorted((abs(self.base_point()), abs(other.base_point())))
        return lo != 0 and hi / lo >= ratio

    @property
    def measure(self) -> tuple[str, str]:
        """A measure is its dimension, frame and place: a depth and a fall, or distances from
        two towns, are different facts whatever their figures."""
        return (":".join((self.dim, self.frame, self.place)), self.rate)

    def normalized(self) -> str:
        n = f"{self.point:,.2f}".rstrip("0").rstrip(".")
        cls = "" if self.cls in {"=", "range"} else self.cls
        text = f"M{n}" if self.dim == "magnitude" else f"{cls}{n} {self.unit}"
        if self.dim == "magnitude" and cls:
            text = f"{cls}{text}"
        if self.direction:
            text += f" {self.direction}"
        if self.equiv is not None:
            text += f" ({self.equiv.normalized()})"
        return text

    def details(self) -> dict[str, Any]:
        out = Amount.details(self)
        lo, hi = self.base()
        out |= {"dimension": self.dim, "base": f"{lo:.6g}-{hi:.6g}" if lo != hi else f"{lo:.6g}"}
        return out | {k: v for k, v in (("frame", self.frame), ("place", self.place)) if v}


def _to_base(m: Measure) -> tuple[float, float]:
    return m.lo * m.factor + m.offset, m.hi * m.factor + m.offset


def _bearing_gap(a: Measure, b: Measure) -> float:
    gap = abs((a.bearing or 0.0) - (b.bearing or 0.0)) % 360
    return min(gap, 360 - gap)
