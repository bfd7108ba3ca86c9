"""Value types: each fact's normalized value, and how it relates to another value of its type.

Every value knows its normalized form and compares itself with another of its type, saying how
the two relate (same, compatible, hedge-only, conflicting) and why. compare dispatches on the
value, never on the extractor that made it. Standard library only; vocabulary that a comparison
needs (the item taxonomy, title families) comes in through the `Lexicon` protocol.

    base.py      Relation, Comparison, the Lexicon protocol, Value (the defaults)
    calendar.py  DateValue, WeekdayValue, TimeValue
    figures.py   Amount, Measure
    words.py     ItemValue, ColourValue, QuoteValue, AttributionValue, NameValue, TitleValue,
                 PlaceValue, VersionsValue, OrganisationValue

Import from here (`from discrepancy.values import DateValue`), not from the modules.
"""

from __future__ import annotations

from .base import Comparison, Lexicon, Relation, Value
from .calendar import (
    DAY_MINUTES,
    LOCAL_CLOCKS,
    ROUND_MINUTES,
    ROUNDING_MINUTES,
    WEEKDAYS,
    DateValue,
    TimeValue,
    WeekdayValue,
    utc_offset,
)
from .figures import BEARING_SPREAD, BOUNDS, RATE_TOLERANCE, Amount, Measure
from .words import (
    SPELLING_MIN_LETTERS,
    AttributionValue,
    ColourValue,
    ItemValue,
    NameValue,
    OrganisationValue,
    PlaceValue,
    QuoteValue,
    TitleValue,
    VersionsValue,
)

__all__ = [
    "Amount",
    "AttributionValue",
    "BEARING_SPREAD",
    "BOUNDS",
    "ColourValue",
    "Comparison",
    "DAY_MINUTES",
    "DateValue",
    "ItemValue",
    "LOCAL_CLOCKS",
    "Lexicon",
    "Measure",
    "NameValue",
    "OrganisationValue",
    "PlaceValue",
    "QuoteValue",
    "RATE_TOLERANCE",
    "ROUNDING_MINUTES",
    "ROUND_MINUTES",
    "Relation",
    "SPELLING_MIN_LETTERS",
    "TimeValue",
    "TitleValue",
    "Value",
    "VersionsValue",
    "WEEKDAYS",
    "WeekdayValue",
    "utc_offset",
]
