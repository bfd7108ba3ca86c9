"""Measures: figures with a unit (lengths, areas, speeds, masses, volumes, temperatures and
earthquake magnitudes), what they measure and, for a distance, the place and direction.

The units are data (`data/units.toml`: each with its factor to the dimension's base unit and its
aliases), and so are the frames, the words that say what a figure measures (`data/frames.toml`:
"depth of", "fell", "below ground"...). A conversion in parentheses ("2,000ft (609 metres)") is
one fact whose value keeps the equivalent. The numbers extractor calls `find` for each sentence
before it reads plain counts, so a measure's figure is never also a count."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..models import Document, Fact, Key, KeyKind, Kind, Sentence
from ..text import matches
from ..values import Measure
from .context import CLAUSE_OPENERS, fact_at
from .figures import QUALIFIERS, TENS, UNITS, interval, parse_number
from .roles import who_keys

# A round figure ("2,000", "600") covers its rounding, but never more than this share of itself:
# "2,000 ft" is 1,900-2,100 ft, so that the 609 m it converts to agrees with "about 600 m" while
# 700 m does not. Calibrated on conversions in news copy (feet/metres, miles/km), which round to
# two significant digits at most.
ROUND_SHARE = 0.05
# An approximate figure ("about 3 miles") is at least as wide as its qualifier says and as its
# rounding; a magnitude, compared to one decimal, is widened by this much instead.
MAGNITUDE_HEDGE = 0.1


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as the tables give it."""

    symbol: str
    dim: str
    factor: float
    offset: float = 0.0
    context: bool = False  # also another word ("m" = million): needs a length context
    spread: float = 0.0  # share of the value a unit's own vagueness adds (US/UK tons)


@dataclass(frozen=True, slots=True)
class Tables:
    """The unit and frame tables, and the patterns built from them."""

    aliases: dict[str, Unit]
    frames: tuple[tuple[str, tuple[str, ...]], ...]  # (frame, its expressions as words)
    quake_events: frozenset[str]
    aftershocks: frozenset[str]
    bearings: dict[str, float]
    measure: re.Pattern[str]
    magnitude: re.Pattern[str]
    place: re.Pattern[str]


def _load(name: str) -> dict[str, Any]:
    with resources.files("discrepancy.data").joinpath(name).open("rb") as fh:
        return tomllib.load(fh)


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


_WORDNUM = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:{_WORDNUM})(?:[\s-](?:{_WORDNUM}))?)"
_QUAL = _alt(list(QUALIFIERS))
_FRACTION = {"half": 0.5, "quarter": 0.25, "three quarters": 0.75, "three-quarters": 0.75}


@cache
def tables(extra_frames: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> Tables:
    """The package's unit and frame tables (read once), with a corpus's own frame expressions
    (settings `frames`: {frame = ["expression", ...]}) added."""
    units, frames = _load("units.toml"), _load("frames.toml")
    expressions = {frame: list(exprs) for frame, exprs in frames["measure"].items()}
    for frame, exprs in extra_frames:
        expressions[frame] = [*expressions.get(frame, []), *exprs]
    frames = {**frames, "measure": expressions}
    aliases: dict[str, Unit] = {}
    for dim, spec in units.items():
        if not isinstance(spec, dict):
            continue
        for u in spec.get("units", []):
            unit = Unit(
                symbol=u["symbol"], dim=dim, factor=float(u["factor"]), offset=float(u.get("offset", 0.0)),
                context=bool(u.get("context", False)), spread=float(u.get("spread", 0.0)),
            )  # fmt: skip
            for a in u["aliases"]:
                aliases[a.lower()] = unit
    unit_alt = _alt(list(aliases))
    measure = re.compile(
        rf"""(?<![\w$£€¥₹₽₴₩.,:/-])(?:(?P<qual>{_QUAL})\s+)?
        (?:(?P<frac>half|(?:a\s+)?quarter|three[\s-]quarters)\s+(?:of\s+)?an?\s+
          |(?P<art>an?)\s+
          |(?P<num>{_NUMBER})(?P<half>\s+and\s+a\s+half)?(?:\s?-\s?|\s*))
        (?P<unit>{unit_alt})(?P<half2>\s+and\s+a\s+half)?(?![\w/²³-]|\.\w)""",
        re.IGNORECASE | re.VERBOSE,
    )
    events = _alt(frames["magnitude"]["events"])
    magnitude = re.compile(
        rf"""(?<![\w.,-])(?:(?P<qual>{_QUAL})\s+)?
        (?:(?:(?:preliminary|richter|moment)\s+)?magnitude(?:\s+of)?[\s-]+(?P<n1>\d{{1,2}}(?:\.\d)?)(?![\d.]\d)
          |(?P<n2>\d{{1,2}}(?:\.\d)?)[\s-]+magnitude\b
          |(?<=measuring\s)(?P<n3>\d{{1,2}}\.\d)\b
          |(?:(?<=\b[Aa]\s)|(?<=\b[Aa]n\s))(?P<n4>\d{{1,2}}\.\d)(?=[\s-]+(?:{events})\b)
          |(?P<n6>\d{{1,2}}(?:\.\d)?)\s+on\s+the\s+richter\s+scale)""",
        re.IGNORECASE | re.VERBOSE,
    )
    bearings = {k.lower(): float(v) for k, v in frames["directions"].items()}
    place = re.compile(
        rf"""\s+(?:(?P<dir>{_alt(list(bearings))})\s+of|from|of)\s+
        (?P<place>(?:The\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,3}})
        |\s+(?P<dir2>{_alt(list(bearings))})\s+of\b""",
        re.VERBOSE,
    )
    frame_list = tuple((frame, tuple(e.lower().split() for e in exprs)) for frame, exprs in frames["measure"].items())
    return Tables(
        aliases=aliases,
        frames=tuple((f, tuple(" ".join(e) for e in es)) for f, es in frame_list),
        quake_events=frozenset(w.lower() for w in frames["magnitude"]["events"]),
        aftershocks=frozenset(w.lower() for w in frames["magnitude"]["aftershock"]),
        bearings=bearings,
        measure=measure,
        magnitude=magnitude,
        place=place,
    )


_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
_CLAUSE = re.compile(r"[,;:()\[\]“”\"–—]|\s-\s")
# Words after a figure with the ambiguous "m" that make it metres ("fell 600 m down"), as do the
# frame expressions; else "5 m" may be five million.
_LENGTH_AFTER = frozenset(["down", "up", "into", "from", "of", "away", "above", "below", "off", "long", "high"])
_GLUED_AFTER = frozenset(["while", "when", "as", "to", "in", "at", "on", "before", "after", "and", "but", "or"])


def find(
    doc: Document,
    sent: Sentence,
    occupied: list[tuple[int, int]],
    role: str = "",
    extra_frames: tuple[tuple[str, tuple[str, ...]], ...] = (),
) -> list[Fact]:
    """The measures of one sentence (magnitudes first); their spans are added to `occupied`.
    `role` is the sentence's role for its figures ("background": another episode);
    `extra_frames` a corpus's own frame expressions (the run's vocabulary)."""
    t = tables(extra_frames)
    facts: list[Fact] = []
    for m in matches(t.magnitude, sent.text):
        num = next(g for g in (m.group("n1"), m.group("n2"), m.group("n3"), m.group("n4"), m.group("n6")) if g)
        s, e = sent.start + m.start(), sent.start + m.end()
        if _taken(occupied, s, e):
            continue
        point = float(num)
        qual = " ".join((m.group("qual") or "").lower().split())
        lo, hi, cls = interval(point, qual)
        if cls == "=" and qual:
            lo, hi = point - MAGNITUDE_HEDGE, point + MAGNITUDE_HEDGE
        frame = _quake_frame(sent, m.start(), m.end(), t)
        value = Measure(point=point, lo=lo, hi=hi, cls=cls, unit="magnitude", dim="magnitude", frame=frame)
        occupied.append((s, e))
        facts.append(_fact(doc, sent, s, e, value, qual, f"magnitude of the {frame}", role))
    found = [x for x in _measures(sent, t) if not _taken(occupied, sent.start + x[1], sent.start + x[2])]
    folded: set[int] = set()
    for i, (value, s0, e0, qual) in enumerate(found):
        if i in folded:
            continue
        after = e0  # where the words after the measure begin (past a conversion in parentheses)
        if i + 1 < len(found):  # "2,000ft (609 metres)": one fact and its conversion
            nxt, ns, ne, _ = found[i + 1]
            gap, rest = sent.text[e0:ns], sent.text[ne:]
            if nxt.dim == value.dim and re.fullmatch(r"\s*\(\s*", gap) and re.match(r"\s*\)", rest):
                value = Measure(**{**_fields(value), "equiv": nxt})
                folded.add(i + 1)
                occupied.append((sent.start + ns, sent.start + ne))
                after = ne + len(re.match(r"\s*\)", rest).group())  # type: ignore[union-attr]
        value = _framed(sent, value, s0, after, t)
        s, e = sent.start + s0, sent.start + e0
        occupied.append((s, e))
        facts.append(_fact(doc, sent, s, e, value, qual, _subject(value), role))
    return facts


def _taken(occupied: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in occupied)


def _fields(m: Measure) -> dict[str, Any]:
    return {f: getattr(m, f) for f in Measure.__dataclass_fields__}


def _measures(sent: Sentence, t: Tables) -> Iterator[tuple[Measure, int, int, str]]:
    """(value, start, end, qualifier) of each figure with a unit, offsets into the sentence."""
    for m in matches(t.measure, sent.text):
        alias = " ".join(m.group("unit").lower().split())
        unit = t.aliases.get(alias)
        if unit is None:
            continue
        if m.group("art") and (len(alias) <= 3 or unit.symbol in {"ft", "in"}):
            continue  # "a m", "a foot patrol": an article before a symbol or an idiom
        if unit.context and not _length_context(sent, m, t):
            continue
        point, grain = _figure(m)
        if point is None:
            continue
        qual = " ".join((m.group("qual") or "").lower().split())
        lo, hi, cls = interval(point, qual)
        halo = max(grain, point * unit.spread)
        if cls == "=":
            lo, hi = min(lo, point - halo), max(hi, point + halo)
        start = m.start("num") if m.group("num") and not qual else m.start()
        value = Measure(
            point=point, lo=lo, hi=hi, cls=cls, unit=unit.symbol, dim=unit.dim, factor=unit.factor, offset=unit.offset
        )
        yield value, start, m.end(), qual


def _figure(m: re.Match[str]) -> tuple[float | None, float]:
    """The figure and the rounding it allows either side (half its last significant digit,
    at most ROUND_SHARE of it for a round number; a quarter for "half a mile")."""
    half = 0.5 if (m.group("half") or m.group("half2")) else 0.0
    if m.group("frac"):
        frac = " ".join(m.group("frac").lower().replace("a ", "", 1).split()) if m.group("frac") else ""
        value = _FRACTION.get(frac, _FRACTION.get(frac.replace(" ", "-"), 0.5))
        return value + half, 0.125 if value != 0.5 else 0.25
    if m.group("art"):
        return 1.0 + half, 0.25 if half else 0.5
    text = m.group("num")
    point = parse_number(text)
    if point is None:
        return None, 0.0
    if half:
        return point + half, 0.25
    digits = text.replace(",", "")
    if "." in digits:
        return point, 0.5 * 10 ** -len(digits.split(".")[1])
    if not digits.isdigit():
        return point, 0.5  # "twenty-six": to the unit
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == 0 or point == 0:
        return point, 0.5
    return point, min(0.5 * 10**zeros, ROUND_SHARE * point)


def _length_context(sent: Sentence, m: re.Match[str], t: Tables) -> bool:
    """An ambiguous unit ("m") glued to its figure, or followed by a word of place or length."""
    nxt = _WORD.match(sent.text[m.end() :].lstrip())
    after = nxt.group().lower() if nxt and not re.match(r"\s*[^\w\s]", sent.text[m.end() :]) else ""
    glued = bool(m.group("num")) and sent.text[m.start("unit") - 1].isdigit()
    if after in _LENGTH_AFTER or (glued and (not after or after in _GLUED_AFTER)):
        return True  # "fell 600 m down", "600m while", "600m."
    return bool(_frame_of(sent, m.start(), m.end(), t))


def _clause_words(sent: Sentence, start: int, end: int) -> tuple[list[str], list[str]]:
    """Lowercase words of the figure's clause before it (nearest first) and after it."""
    left = [w.lower() for w in reversed(_WORD.findall(_CLAUSE.split(sent.text[:start])[-1]))]
    right = [w.lower() for w in _WORD.findall(_CLAUSE.split(sent.text[end:])[0])]
    return _until_opener(left), _until_opener(right)


def _until_opener(words: list[str]) -> list[str]:
    """The words up to a clause opener ("as winds of 140 km/h": the winds are another clause's)."""
    for i, w in enumerate(words):
        if w in CLAUSE_OPENERS:
            return words[:i]
    return words


def _frame_of(sent: Sentence, start: int, end: int, t: Tables) -> str:
    """The frame whose expression stands nearest the figure in its clause ("" when none)."""
    left, right = _clause_words(sent, start, end)
    best: tuple[int, str] | None = None
    for frame, exprs in t.frames:
        for expr in exprs:
            words = expr.split()
            n = len(words)
            for i in range(min(len(left), 8)):  # "depth of" before: read leftwards
                if left[i : i + n][::-1] == words and (best is None or i < best[0]):
                    best = (i, frame)
            for i in range(min(len(right), 5)):
                if right[i : i + n] == words and (best is None or i < best[0]):
                    best = (i, frame)
    return best[1] if best else ""


def _framed(sent: Sentence, value: Measure, start: int, end: int, t: Tables) -> Measure:
    """The measure with its frame, and for a distance its place and direction."""
    fields = _fields(value)
    m = t.place.match(sent.text[end:]) if value.dim == "length" else None
    if m:
        direction = (m.group("dir") or m.group("dir2") or "").lower()
        place = re.sub(r"^the\s+", "", " ".join((m.group("place") or "").split()).lower())
        direction = " ".join(direction.split())
        bearing = t.bearings.get(direction)
        if direction or place:
            fields |= {"frame": "distance", "place": place, "direction": direction, "bearing": bearing}
            return Measure(**fields)
    fields["frame"] = _frame_of(sent, start, end, t)
    return Measure(**fields)


def _quake_frame(sent: Sentence, start: int, end: int, t: Tables) -> str:
    """ "aftershock" when the nearest event noun in the sentence is an aftershock, else "quake"."""
    best: tuple[int, str] | None = None
    for w in _WORD.finditer(sent.text):
        lw = w.group().lower()
        if lw in t.quake_events:
            dist = start - w.end() if w.end() <= start else w.start() - end
            if best is None or dist < best[0]:
                best = (dist, "aftershock" if lw in t.aftershocks else "quake")
    return best[1] if best else "quake"


def _subject(value: Measure) -> str:
    what = value.frame or value.dim
    if value.frame == "distance" and value.place:
        where = f"{value.direction} of" if value.direction else "from"
        return f"distance {where} {value.place.title()}"
    return what


def _fact(
    doc: Document, sent: Sentence, s: int, e: int, value: Measure, qual: str, subject: str, role: str = ""
) -> Fact:
    value = Measure(**{**_fields(value), "qualifier": qual})
    keys = {Key(KeyKind.FRAME, value.frame or value.dim)}
    if value.dim == "length" and value.frame != "distance":  # how far who fell, climbed, swam
        keys |= who_keys(sent, speakers=False)
    if value.place:
        keys.add(Key(KeyKind.PLACE, value.place))
    return fact_at(
        doc, sent, s, e, kind=Kind.QUANTITY, value=value, normalized=value.normalized(), keys=keys, subject=subject,
        role=role,
    )  # fmt: skip


__all__ = ["Tables", "Unit", "find", "tables"]
