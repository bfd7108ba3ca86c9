"""TIME facts: times of day ("3:45 p.m.", "15:30 GMT", "noon"), with qualifiers."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from functools import cache
from importlib import resources

from ..models import DEADLINE, LEAD_TIME, Document, Fact, Kind, Sentence, word_keys
from ..text import matches
from ..values import DAY_MINUTES, LOCAL_CLOCKS, TimeValue
from ..vocab import Vocabulary
from .context import fact_at, proper_words, temporal_keys, temporal_subject
from .dates import LEAD_SENTENCES, frame_keys
from .roles import known_surnames

# A zone after a time: an abbreviation of data/zones.toml, "local time", or an offset ("UTC+2",
# "GMT-04:00", "+0200").
_OFFSET = r"(?:UTC|GMT)\s?[+\u2212-]\s?\d{1,2}(?::?[0-5]\d)?|[+\u2212-](?:0\d|1[0-4])[0-5]\d"
_TIME_PATTERN = r"""(?<![\w:.])(?:(?P<q>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after)|after|before)\s+)?
    (?:(?P<h>[01]?\d|2[0-3])(?::|\.)(?P<m>[0-5]\d)(?:\s*(?P<ap>[ap]\.?\s?m\b\.?))?
      |(?P<h2>1[0-2]|0?[1-9])\s*(?P<ap2>[ap]\.?\s?m\b\.?)
      |(?P<h3>[01]\d|2[0-3])(?P<m3>[0-5]\d)(?=\s*(?:(?-i:{zones})|{offset})(?![\w+\u2212-]))
      |(?P<named>noon|midday|midnight))
    (?:\s*(?P<zone>local\s+time|{offset}|(?-i:{zones}))(?![\w+\u2212-]))?"""


@cache
def zones() -> dict[str, tuple[int, ...]]:
    """Zone abbreviations and the offsets from UTC (minutes east) each may mean (data/zones.toml)."""
    with resources.files("discrepancy.data").joinpath("zones.toml").open("rb") as fh:
        table = tomllib.load(fh)["zones"]
    return {name: tuple(int(x) for x in offsets) for name, offsets in table.items()}


@cache
def _grammar() -> re.Pattern[str]:
    names = "|".join(sorted(zones(), key=len, reverse=True))
    return re.compile(_TIME_PATTERN.format(zones=names, offset=_OFFSET), re.IGNORECASE | re.VERBOSE)


def _offsets(zone: str) -> tuple[int, ...]:
    """The offsets a written zone may mean: a listed abbreviation's, or the stated offset."""
    if zone in zones():
        return zones()[zone]
    m = re.fullmatch(r"(?:UTC|GMT)?\s?([+\u2212-])\s?(\d{1,2}?):?(\d\d)?", zone)
    if m is None or int(m.group(2)) > 14:
        return ()
    total = int(m.group(2)) * 60 + int(m.group(3) or 0)
    return (total if m.group(1) == "+" else -total,)


APPROX_MINUTES = 15  # "around 3 p.m." covers a quarter of an hour either side


def _minutes(m: re.Match[str]) -> int | None:
    if m.group("named"):
        return 0 if m.group("named").lower() == "midnight" else 12 * 60
    if m.group("h3"):  # "0737 GMT": a 24-hour time, read only with its zone
        return int(m.group("h3")) * 60 + int(m.group("m3")) if m.group("zone") else None
    if m.group("h2"):
        h, mi, ap = int(m.group("h2")), 0, m.group("ap2")
    else:
        h, mi, ap = int(m.group("h")), int(m.group("m")), m.group("ap")
        if not ap and m.group("zone") is None and "." in m.group(0):
            return None  # "3.45" without a.m./p.m. or zone is more likely a number
    if ap:
        if h > 12:
            return None
        pm = ap.lower().startswith("p")
        h = (h % 12) + (12 if pm else 0)
    return h * 60 + mi


# "at 2:50 in the afternoon", "3 o'clock in the morning": the part of the day settles a.m./p.m.
_DAYPART = re.compile(
    r"\s+(?:in\s+the\s+(?P<part>morning|afternoon|evening)|(?P<night>at\s+night|tonight))", re.IGNORECASE
)
# A local time given with its zoned equivalent: "3:58 p.m. local time (0758 GMT)", "15:58 / 07:58 UTC".
_PAIRED = re.compile(r"\s*(?:\(|,|/|or\b|\[)\s*$", re.IGNORECASE)
# Universal references: a zone like these names no place, so it says nothing of the local offset.
_UNIVERSAL = frozenset({"UTC", "GMT"})


# A game clock, not a time of day: "at 2:56 of the sixth round", "1:58 into the second half",
# "with 4:12 left in the quarter", "at the 2:30 mark".
_PLAY_CLOCK = re.compile(
    r"\s+(?:(?:of|into|in)\s+(?:the\s+)?(?:\w+\s+)?(?:round|quarter|period|half|inning|set|overtime|game|match|bout)s?\b"
    r"|(?:left|remaining|to\s+go|to\s+play|mark)\b)",
    re.IGNORECASE,
)


def _value(sent: Sentence, m: re.Match[str]) -> TimeValue | None:
    minutes = _minutes(m)
    if minutes is None:
        return None
    explicit = bool(m.group("ap") or m.group("ap2") or m.group("named") or m.group("zone"))
    if not explicit and _PLAY_CLOCK.match(sent.text, m.end()):
        return None
    part = _DAYPART.match(sent.text, m.end())
    if part and not explicit and minutes < 12 * 60:
        if part.group("part") in {"afternoon", "evening"} or part.group("night"):
            minutes += 12 * 60 if minutes >= 60 else 0
        explicit = True
    clock12 = not explicit and minutes < 13 * 60
    q = (m.group("q") or "").lower()
    lo = hi = minutes
    if q in {"about", "around", "approximately"}:
        lo, hi = minutes - APPROX_MINUTES, minutes + APPROX_MINUTES
    elif q:
        before = "before" in q
        lo, hi = (minutes - APPROX_MINUTES, minutes) if before else (minutes, minutes + APPROX_MINUTES)
    zone = " ".join((m.group("zone") or "").split())
    zone = "local time" if zone.lower().startswith("local") else zone.upper().replace("\u2212", "-")
    return TimeValue(lo=lo, hi=hi, zone=zone, clock12=clock12, qualifier=q, offsets=_offsets(zone))


def local_offsets(found: list[tuple[Sentence, re.Match[str], TimeValue]]) -> tuple[int, ...]:
    """The offset of the article's "local time": from a local time given with its zoned
    equivalent, else from the one named zone the article uses for the place (not UTC/GMT)."""
    for (sa, ma, a), (sb, mb, b) in zip(found, found[1:], strict=False):
        pair = sa is sb and a.zone in LOCAL_CLOCKS and len(b.offsets) == 1 and not (a.clock12 or b.clock12)
        if pair and _PAIRED.match(sa.text[ma.end() : mb.start()]):
            offset = ((a.lo + a.hi) // 2 - (b.lo + b.hi) // 2 + b.offsets[0]) % DAY_MINUTES
            offset -= DAY_MINUTES if offset > 14 * 60 else 0
            if offset % 15 == 0:
                return (offset,)
    named = {v.zone for _, _, v in found if v.zone in zones() and v.zone not in _UNIVERSAL}
    return zones()[named.pop()] if len(named) == 1 else ()


def extract(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """TIME facts of a document; "local time" takes the offset the article states."""
    found = [(sent, m, v) for sent in doc.sentences for m in matches(_grammar(), sent.text) if (v := _value(sent, m))]
    local = local_offsets(found)
    paired = {
        id(ma)
        for (sa, ma, a), (sb, mb, b) in zip(found, found[1:], strict=False)
        if sa is sb and a.zone == "" and len(b.offsets) == 1 and _PAIRED.match(sa.text[ma.end() : mb.start()])
    }
    facts = []
    lead_taken = False
    named = proper_words(doc)
    known = known_surnames(doc)
    for sent, m, value in found:
        if value.zone == "local time" or (id(m) in paired and local):
            value = replace(value, offsets=local)
        s, e = sent.start + m.start(), sent.start + m.end()
        keys = word_keys(temporal_keys(sent, s, e), named) | frame_keys(sent, s, e, known)
        # "by 6:40 a.m. the fire was under control": an end, not when the event happened
        deadline = bool(re.search(r"\b(?:by|until|till)\s+$", sent.text[: m.start()], re.IGNORECASE))
        lead = not lead_taken and sent.index < LEAD_SENTENCES and not sent.headline and not deadline
        if deadline:
            keys = keys | {DEADLINE}
        lead_taken = lead_taken or lead
        if lead:  # the lede's time of day is the main event's
            keys = keys | {LEAD_TIME}
        facts.append(
            fact_at(
                doc,
                sent,
                s,
                e,
                kind=Kind.TIME,
                value=value,
                normalized=value.normalized(),
                keys=keys,
                lead=lead,
                subject="main event (lede)" if lead else temporal_subject(sent, s, e),
            )  # fmt: skip
        )
    return facts
