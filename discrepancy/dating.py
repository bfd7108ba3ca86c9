"""Publication dates and times from article metadata. The only module that imports dateparser
(lazily: it costs ~0.3 s to import); it sits below ingest and extract, which both may use it."""

from __future__ import annotations

import datetime as dt
import re

# Relative and yearless dates ("yesterday", "3 hours ago", "June 2") are read as of noon of the
# run's `today`: never the clock or the time zone of the machine that runs the check.
RELATIVE_HOUR = dt.time(12)


def parse_published(value: str, today: dt.date) -> tuple[dt.date, dt.time | None] | None:
    """A publication date from metadata, with its time of day when one is given (as written,
    any UTC offset dropped): ISO 8601 first, else dateparser (English, no future guess,
    relative to `today`).
    None when it is not a date, or an impossible one ("2024-02-31")."""
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
        try:
            stamp = dt.datetime.fromisoformat(value.replace(" ", "T", 1) if len(value) > 10 else value)
        except ValueError:
            try:
                return dt.date.fromisoformat(value[:10]), None  # a date with an odd tail
            except ValueError:
                return None  # 2024-02-31: an impossible date, not a guess
        timed = len(value) > 10 and (stamp.hour, stamp.minute, stamp.second) != (0, 0, 0)
        return stamp.date(), (stamp.time().replace(tzinfo=None, microsecond=0) if timed else None)
    import dateparser  # lazily: costs ~0.3 s to import

    parsed = dateparser.parse(
        value,
        languages=["en"],
        settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE": dt.datetime.combine(today, RELATIVE_HOUR)},
    )
    if parsed is None:
        return None
    timed = bool(re.search(r"\d:\d\d", value))
    return parsed.date(), (parsed.time().replace(microsecond=0) if timed else None)
