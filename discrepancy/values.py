"""Value types: each fact's normalized value, and how it relates to another value of its type.

Every value knows its normalized form and compares itself with another of its type, saying how
the two relate (same, compatible, hedge-only, conflicting) and why. compare dispatches on the
value, never on the extractor that made it. Standard library only; vocabulary that a comparison
needs (the item taxonomy, title families) comes in through the `Lexicon` protocol.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Protocol

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
BOUNDS = frozenset({">", ">=", "<", "<="})


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


class Value:
    """Base of every value type: defaults for what most values do not have."""

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


@dataclass(frozen=True, slots=True, order=True)
class DateValue(Value):
    """A date or a span of dates: year may be unknown; lo/hi are (month, day) bounds."""

    year: int | None
    lo: tuple[int, int]
    hi: tuple[int, int]
    weekday: int | None = None  # 0=Monday, when written
    relative: str = field(default="", compare=False)  # "yesterday", "last year": as written

    @property
    def precision(self) -> str:
        if self.lo == self.hi:
            return "day"
        if self.lo[0] == self.hi[0]:
            return "month" if self.lo[1] == 1 and self.hi[1] >= 28 else "part of month"
        return "year" if self.lo == (1, 1) and self.hi == (12, 31) else "span"

    def normalized(self) -> str:
        y = f"{self.year:04d}-" if self.year else "--"  # ISO 8601: "--11-18" has no year
        if self.precision == "day":
            return f"{y}{self.lo[0]:02d}-{self.lo[1]:02d}"
        if self.precision == "month":
            return f"{y}{self.lo[0]:02d}"
        if self.precision == "year":
            return y.rstrip("-")
        return f"{y}{self.lo[0]:02d}-{self.lo[1]:02d}/{self.hi[0]:02d}-{self.hi[1]:02d}"

    def compatible(self, other: DateValue) -> bool:
        """True when the two can describe the same day (intervals overlap, years agree)."""
        if self.year and other.year and self.year != other.year:
            return False
        return self.lo <= other.hi and other.lo <= self.hi

    def resolved_weekday(self) -> int | None:
        if self.year and self.precision == "day":
            return dt.date(self.year, *self.lo).weekday()
        return None

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if self.relative and self.relative == _relative(other):
            return _same("the same relative words")  # both "last year", whatever day each was published
        if isinstance(other, WeekdayValue):
            return other.relate(self, lexicon)
        if not isinstance(other, DateValue):
            return _conflict("not a date")
        if self == other:
            return _same()
        if self.compatible(other):
            return _compatible("overlapping dates")
        if _season(self, other):
            return _compatible("a relative year a year apart")
        return _conflict("different dates")

    @property
    def coarse(self) -> bool:
        return self.precision in {"year", "span"}

    def day(self) -> tuple[dt.date | None, str]:
        if self.year is None:
            return None, ""
        try:
            return dt.date(self.year, *self.lo), self.precision
        except ValueError:
            return None, ""

    def details(self) -> dict[str, Any]:
        return {"relative": self.relative} if self.relative else {}


# "This year's show" and "next year's" may name one event: a season, a school or fiscal year, an
# awards ceremony runs across two calendar years, so a year said relative to the publication date
# is only good to a year.
_RELATIVE_YEARS = frozenset({"this year", "next year", "last year"})


def _season(a: DateValue, b: DateValue) -> bool:
    return (
        bool({a.relative, b.relative} & _RELATIVE_YEARS)
        and a.precision == b.precision == "year"
        and a.year is not None
        and b.year is not None
        and abs(a.year - b.year) <= 1
    )


def _relative(v: Value) -> str:
    return v.relative if isinstance(v, DateValue | WeekdayValue) else ""


@dataclass(frozen=True, slots=True, order=True)
class WeekdayValue(Value):
    """A weekday as written, with its date when the publication date anchors it."""

    weekday: int
    date: DateValue | None = None
    relative: str = field(default="", compare=False)

    def normalized(self) -> str:
        name = WEEKDAYS[self.weekday].capitalize()
        return f"{name} ({self.date.normalized()})" if self.date else name

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if self.relative and self.relative == _relative(other):
            return _same("the same relative words")
        if isinstance(other, WeekdayValue):
            ok = self.date.compatible(other.date) if self.date and other.date else self.weekday == other.weekday
        elif isinstance(other, DateValue):
            if self.date is not None:
                ok = other.compatible(self.date)
            else:
                wd = other.weekday if other.weekday is not None else other.resolved_weekday()
                ok = wd is None or wd == self.weekday
        else:
            return _conflict("not a date")
        if self == other:
            return _same()
        return _compatible("the same day") if ok else _conflict("different days")

    def day(self) -> tuple[dt.date | None, str]:
        return self.date.day() if self.date is not None else (None, "")

    def details(self) -> dict[str, Any]:
        return {"relative": self.relative} if self.relative else {}


ROUND_MINUTES = 30  # times on these are round
ROUNDING_MINUTES = 5  # ... and may stand for a time this close


@dataclass(frozen=True, slots=True, order=True)
class TimeValue(Value):
    """Minutes after midnight as an interval, with the zone as written (may be empty) and the
    offsets from UTC it may mean (minutes east; empty when unknown, several for "CST")."""

    lo: int
    hi: int
    zone: str = ""
    clock12: bool = False  # written without a.m./p.m. on a 12-hour reading ("at 2:50"): +12h possible
    qualifier: str = field(default="", compare=False)  # "about", "shortly after"
    offsets: tuple[int, ...] = ()  # "GMT": (0,); "local time" with the offset the article states

    def normalized(self) -> str:
        mid = (self.lo + self.hi) // 2
        base = f"{mid // 60:02d}:{mid % 60:02d}"
        if self.hi > self.lo:
            base = f"~{base}"
        zone = self.zone
        if len(self.offsets) == 1 and not zone.isupper():  # "local time", "+0200": say which offset
            zone = f"{zone} ({utc_offset(self.offsets[0])})".strip()
        return f"{base} {zone}".strip()

    def compatible(self, other: TimeValue) -> bool:
        shifts = [0, DAY_MINUTES, -DAY_MINUTES]  # an instant may fall on the next or previous day
        if self.clock12 or other.clock12:
            shifts += [d + h for d in shifts for h in (12 * 60, -12 * 60)]  # "2:50" may be "14:50"
        (alo, ahi), (blo, bhi) = self.span(), other.span()
        if self.offsets and other.offsets:  # both zoned: the same instant in UTC?
            pairs = [(a, b) for a in self.offsets for b in other.offsets]
        elif self.zone == other.zone or (self.zone in LOCAL_CLOCKS and other.zone in LOCAL_CLOCKS):
            pairs = [(0, 0)]  # the same clock
        else:
            return True  # a zoned time against a local clock whose offset is unknown: no conflict
        # two hedged times ("around 3 p.m.", "around 3:30 p.m.") that only touch are two times
        gap = 1 if self.hi > self.lo and other.hi > other.lo else 0
        return any(alo - a + d + gap <= bhi - b and blo - b + gap <= ahi - a + d for a, b in pairs for d in shifts)

    def span(self) -> tuple[int, int]:
        """The minutes the time covers: a time on the hour or half hour ("3:30 a.m.") is often a
        rounding of the minute another outlet gives ("3:33 a.m.")."""
        if self.lo == self.hi and self.lo % ROUND_MINUTES == 0:
            return self.lo - ROUNDING_MINUTES, self.hi + ROUNDING_MINUTES
        return self.lo, self.hi

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if not isinstance(other, TimeValue):
            return _conflict("not a time")
        if self == other:
            return _same()
        zoned = bool(self.offsets and other.offsets) and self.zone != other.zone
        if self.compatible(other):
            return _compatible("the same instant in different zones" if zoned else "overlapping times")
        return _conflict("different instants (in UTC)" if zoned else "different times")

    def details(self) -> dict[str, Any]:
        return {"qualifier": self.qualifier} if self.qualifier else {}


DAY_MINUTES = 24 * 60
# Times told by the clock of the place (no zone, or "local time"): comparable with each other.
LOCAL_CLOCKS = frozenset({"", "local time"})


def utc_offset(minutes: int) -> str:
    """ "UTC+05:30" for 330 minutes east."""
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


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


@dataclass(frozen=True, slots=True, order=True)
class ItemValue(Value):
    """A set of taxonomy nodes named together."""

    nodes: tuple[str, ...]
    count: str = field(default="", compare=False)  # the figure before the list ("12 rockets")

    def normalized(self) -> str:
        return " + ".join(self.nodes)

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if not isinstance(other, ItemValue):
            return _conflict("not an item")
        if self == other:
            return _same()
        if lexicon.items_cumulative(self.nodes[0]) and not (self.count and self.count == other.count):
            return _compatible("parts of one list")  # "tarpaulins" here and "food" there
        if any(lexicon.items_related(x, y) for x in self.nodes for y in other.nodes):
            return _compatible("the same or a broader term")
        return _conflict("different things")


@dataclass(frozen=True, slots=True, order=True)
class ColourValue(Value):
    """A colour: its base colour ("grey") and the word as written ("gray", "charcoal")."""

    base: str
    shade: str = field(default="", compare=False)

    def normalized(self) -> str:
        return self.base

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if not isinstance(other, ColourValue):
            return _conflict("not a colour")
        return _same("one colour") if self.base == other.base else _conflict("different colours")


@dataclass(frozen=True, slots=True, order=True)
class QuoteValue(Value):
    """The words of a quote, lowercase; which of them an editor inserted in brackets, and
    before which words an ellipsis leaves some out."""

    words: tuple[str, ...]
    inserted: tuple[int, ...] = ()  # indices of words in brackets ("altered (its direction) towards")
    gaps: tuple[int, ...] = ()  # indices of words an ellipsis precedes ("we will ... rebuild")
    figures: tuple[float, ...] = field(default=(), compare=False)  # the numbers it states, sorted

    def normalized(self) -> str:
        return " ".join(self.words)

    def figure_differs(self, other: QuoteValue) -> bool:
        """True when both wordings state figures and not the same ones ("within six minutes" /
        "within eight minutes"): a changed figure, more serious than a rewording."""
        return bool(self.figures) and bool(other.figures) and self.figures != other.figures

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if not isinstance(other, QuoteValue):
            return _conflict("not a quote")
        a, b = self.normalized(), other.normalized()
        if a == b:
            return _same()
        if a in b or b in a:
            return _compatible("an excerpt")
        edited = self.inserted or self.gaps or other.inserted or other.gaps
        if edited and (_pieces_in(self.pieces(), other.words) or _pieces_in(other.pieces(), self.words)):
            return _compatible("an editorial insertion or ellipsis")
        return _conflict("different wording")

    def pieces(self) -> list[tuple[str, ...]]:
        """The quoted words in runs, split where an editor inserted words or left some out."""
        out: list[tuple[str, ...]] = []
        run: list[str] = []
        cut = set(self.gaps)
        for i, w in enumerate(self.words):
            if i in cut or i in self.inserted:
                if run:
                    out.append(tuple(run))
                run = []
            if i not in self.inserted:
                run.append(w)
        if run:
            out.append(tuple(run))
        return out

    @property
    def size(self) -> int:
        return len(self.words)


@dataclass(frozen=True, slots=True, order=True)
class AttributionValue(Value):
    """Who a quote is credited to: a surname or an organisation (lowercase), a person when the
    article names that person in full, and the name's spelling folded (Rait/Raite)."""

    speaker: str
    person: bool = field(default=False, compare=False)
    folded: str = field(default="", compare=False)

    def normalized(self) -> str:
        return self.speaker

    def __str__(self) -> str:
        return self.speaker

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if not isinstance(other, AttributionValue):
            return _conflict("not an attribution")
        if self.speaker == other.speaker:
            return _same()
        if (self.folded and self.folded == other.folded) or _one_edit(self.speaker, other.speaker):
            return _same("another spelling of the name")  # the name kind reports spellings (Grinford/Grinfard)
        if not (self.person and other.person):
            # "the AMA said" / "said its president, Dr Ruiz": a body speaks through its people
            return _compatible("an organisation and a person who may speak for it")
        return _conflict("different speakers")


SPELLING_MIN_LETTERS = 5  # shorter names one letter apart are different names (Lee/Lea)


def _one_edit(a: str, b: str) -> bool:
    """True when two names of SPELLING_MIN_LETTERS or more, with the same first letter, are one
    substitution, insertion or deletion apart: one name spelled two ways."""
    if min(len(a), len(b)) < SPELLING_MIN_LETTERS or a[:1] != b[:1] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _pieces_in(pieces: list[tuple[str, ...]], words: tuple[str, ...]) -> bool:
    """True when every piece occurs in words, contiguously and in order."""
    at = 0
    for piece in pieces:
        n = len(piece)
        found = next((i for i in range(at, len(words) - n + 1) if words[i : i + n] == piece), -1)
        if found < 0:
            return False
        at = found + n
    return True


@dataclass(frozen=True, slots=True, order=True)
class NameValue(Value):
    """A person's name as written (title words and a final full stop removed), with its
    romanisation folded (`folded`: Yevgeny/Evgeny, Mohammed/Muhammad fold alike)."""

    text: str
    folded: str = field(default="", compare=False)

    def normalized(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if self == other:
            return _same()
        if isinstance(other, NameValue) and self.folded and self.folded == other.folded:
            return _same("another romanisation")  # Sergey/Sergei, Zelensky/Zelenskyy: not a discrepancy
        return _conflict("different spellings")


@dataclass(frozen=True, slots=True, order=True)
class TitleValue(Value):
    """A person's title, as its canonical role ("spokesperson", "minister")."""

    role: str

    def normalized(self) -> str:
        return self.role.replace("_", " ")

    def __str__(self) -> str:
        return self.role

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if not isinstance(other, TitleValue):
            return _conflict("not a title")
        if self == other:
            return _same()
        fa, fb = lexicon.title_family(self.role), lexicon.title_family(other.role)
        if fa is None or fb is None or fa != fb:
            return _compatible("roles of different kinds")
        return _conflict("different titles")


@dataclass(frozen=True, slots=True, order=True)
class PlaceValue(Value):
    """A place name as written ("South Ozone Park"), with its spelling fold (`folded`: names
    that differ only in transliteration or letters that vary between spellings fold alike)."""

    name: str
    folded: str = field(default="", compare=False)
    region: bool = field(default=False, compare=False)  # a country, state or province (data/places.toml)

    def normalized(self) -> str:
        return self.name

    def __str__(self) -> str:
        return self.name

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if not isinstance(other, PlaceValue):
            return _conflict("not a place")
        if self.name == other.name:
            return _same()
        a, b = set((self.folded or self.name.lower()).split()), set((other.folded or other.name.lower()).split())
        if a == b:
            return _compatible("variant spelling")  # "Bern" / "Berne"
        if self.region != other.region:
            return _compatible("a region and a place in it may both be right")  # "Ohio" / "Dayton"
        if a <= b or b <= a:
            return _compatible("one place name contains the other")  # "Richmond Hill" / "South Richmond Hill"
        return _conflict("different places")


__all__ = [
    "WEEKDAYS",
    "Amount",
    "ColourValue",
    "Comparison",
    "DateValue",
    "ItemValue",
    "Lexicon",
    "Measure",
    "NameValue",
    "PlaceValue",
    "QuoteValue",
    "Relation",
    "TimeValue",
    "TitleValue",
    "Value",
    "WeekdayValue",
]
