"""Figures as written: numbers in digits or English words, and qualifiers ("more than",
"about", "up to") read as intervals. Shared by the extractors of counts, money and measures."""

from __future__ import annotations

import re

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "dozen": 12,
}  # fmt: skip
# Qualifier -> (class, low factor, high factor). Classes: "=" exact or approximate, ">" a strict
# floor ("more than"), ">=" an inclusive floor ("at least"), "<" and "<=" the ceilings.
# Approximation widths were chosen so that news rounding ("some 50,000" for 48,700) stays
# compatible while a different round figure (40,000 vs 50,000) does not.
INF = float("inf")
QUALIFIERS = {
    "more than": (">", 1.0, INF), "over": (">", 1.0, INF), "upwards of": (">", 1.0, INF),
    "in excess of": (">", 1.0, INF), "just over": (">", 1.0, 1.1), "above": (">", 1.0, INF),
    "at least": (">=", 1.0, INF), "no fewer than": (">=", 1.0, INF), "no less than": (">=", 1.0, INF),
    "as many as": ("<=", 0.0, 1.0), "as much as": ("<=", 0.0, 1.0), "up to": ("<=", 0.0, 1.0), "at most": ("<=", 0.0, 1.0),
    "less than": ("<", 0.0, 1.0), "fewer than": ("<", 0.0, 1.0), "under": ("<", 0.0, 1.0),
    # approximations from below ("nearly 40"): a figure, not a bound
    "nearly": ("=", 0.85, 1.0), "almost": ("=", 0.85, 1.0), "just under": ("=", 0.9, 1.0),
    "close to": ("=", 0.85, 1.0),
    "about": ("=", 0.9, 1.1), "around": ("=", 0.9, 1.1), "some": ("=", 0.9, 1.1),
    "approximately": ("=", 0.9, 1.1), "roughly": ("=", 0.9, 1.1), "an estimated": ("=", 0.9, 1.1),
    "estimated": ("=", 0.9, 1.1), "circa": ("=", 0.9, 1.1),
}  # fmt: skip


def parse_number(text: str) -> float | None:
    """A number written in digits or English words ("1,500", "2.5", "thirty-two", "a dozen")."""
    t = " ".join(text.lower().replace("-", " ").split())
    if re.fullmatch(r"[\d,]+(\.\d+)?", t):
        return float(t.replace(",", ""))
    if t in {"a dozen", "dozen"}:
        return 12.0
    if t.endswith(" dozen"):  # "two dozen", "3 dozen"
        n = parse_number(t.removesuffix(" dozen"))
        return n * 12 if n is not None else None
    if t == "dozens":
        return None
    total = 0.0
    current = 0.0
    for w in t.split():
        if w == "a":
            current = 1
        elif w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w in ("hundred",):
            current = (current or 1) * 100
        elif w in ("thousand", "million", "billion"):
            total += (current or 1) * SCALES[w]
            current = 0
        else:
            return None
    return total + current


def interval(point: float, qual: str) -> tuple[float, float, str]:
    """The interval a qualified figure allows (low, high, qualifier class)."""
    if not qual:
        return point, point, "="
    cls, lo, hi = QUALIFIERS[" ".join(qual.lower().split())]
    return point * lo, point * hi, cls
