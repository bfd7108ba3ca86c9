"""Values of when: dates and spans of dates, weekdays, times of day with their zones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .base import Comparison, Lexicon, Value, _compatible, _conflict, _same

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


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
        if _aged(self, other):
            return _compatible("an age in years a year apart")
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


def _aged(a: DateValue, b: DateValue) -> bool:
    """A year from an age ("the 86-year-old structure") is good to a year: the birthday may be
    still to come."""
    return (
        (a.relative.endswith(" years old") or b.relative.endswith(" years old"))
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
