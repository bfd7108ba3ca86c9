"""Surface forms of values: a date, a time, a count, a sum, an item, a quote, each written many ways.

Each renderer returns (phrase, [(start, end, form)]) with the claim's span inside the phrase and an
id of the form used; the random choices it makes are part of the pinned byte stream.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .story import Article, Fact, Story
from .vocab import CURRENCIES, HEDGES, ITEMS, MONTH_ABBR, MONTHS, ONES, WEEKDAYS, num, ordinal, words

Claims = list[tuple[int, int, str]]


@dataclass(eq=False)
class Ctx:
    """What rendering one article's sentences needs, and what it has done so far."""

    rng: random.Random
    story: Story
    art: Article
    introduced: set[str] = field(default_factory=set)
    pending: list[tuple[str, str, str]] = field(default_factory=list)  # (fact, side, form) by claim id
    head: bool = False  # rendering a headline: no claims, surnames only


def _r_day(f: Fact, v: date, side: str, frame: str, ctx: Ctx) -> tuple[str, Claims]:
    rng = ctx.rng
    wd = WEEKDAYS[v.weekday()]
    d, m, y = v.day, MONTHS[v.month - 1], v.year
    forms: list[tuple[str, str]] = []  # (claim text, form id)
    if not (side == "W" and f.plant == "weekday"):
        forms += [
            (f"{d} {m}", "d-month"),
            (f"{m} {d}", "month-d"),
            (f"{m} {ordinal(d)}", "month-dth"),
            (f"{MONTH_ABBR[v.month - 1]} {d}", "abbr"),
            (f"{d} {m} {y}", "d-month-y"),
            (f"{m} {d}, {y}", "month-d-y"),
            (f"{wd}, {d} {m}", "wd-d-month"),
            (f"{wd}, {m} {d}", "wd-month-d"),
        ]
    if not (side == "W" and f.plant == "date"):
        forms += [(wd, "weekday")] * 3
        if side == "T" and (ctx.art.pub - v).days == 1:
            forms += [("yesterday", "yesterday")] * 3
    text, form = rng.choice(forms)
    if text == "yesterday":
        return text, [(0, len(text), form)]
    return "on " + text, [(3, 3 + len(text), form)]


def _r_time(f: Fact, v: tuple[int, int], side: str, frame: str, ctx: Ctx) -> tuple[str, Claims]:
    h, mi = v
    h12 = h % 12 or 12
    ap = "a.m." if h < 12 else "p.m."
    apc = ap.replace(".", "")
    part = "in the morning" if h < 12 else ("in the afternoon" if h < 18 else "in the evening")
    mm = f"{mi:02d}"
    forms = [
        (f"{h12}:{mm} {ap}", "12h"),
        (f"{h12}:{mm}{apc}", "12h-short"),
        (f"{h:02d}:{mm}", "24h"),
        (f"{h:02d}:{mm} local time", "24h-local"),
        (f"{h12}.{mm}{apc}", "12h-dot"),
    ]
    if mi == 0:
        forms += [(f"{h12} {ap}", "12h-hour"), (f"{h12}{apc}", "12h-hour-short")]
    else:
        forms.append((f"{h12}:{mm} {part}", "12h-words"))
    text, form = ctx.rng.choice(forms)
    if frame == "bare":
        return text, [(0, len(text), form)]
    return "at " + text, [(3, 3 + len(text), form)]


def _r_count(f: Fact, v: tuple[int, str], side: str, frame: str, ctx: Ctx) -> tuple[str, Claims]:
    n, style = v
    rng = ctx.rng
    w = words(n)
    use_words = w is not None and (n <= 20 or rng.random() < 0.35)
    core = w if use_words and w is not None else num(n)
    if style == "exact":
        prefix = "at least " if f.at_least and rng.random() < 0.4 else ""
    else:
        prefix = rng.choice(HEDGES[style]) + " "
    text = prefix + core
    return text, [(0, len(text), (prefix.strip() or "exact") + ("|w" if use_words else "|d"))]


def _r_years(f: Fact, v: int, side: str, frame: str, ctx: Ctx) -> tuple[str, Claims]:
    w = words(v) if v <= 20 else None
    core = w if w and ctx.rng.random() < 0.6 else str(v)
    text = f"{core}-year" if frame == "adj" else f"{core} years"
    return text, [(0, len(text), frame + ("|w" if core == w else "|d"))]


def _r_mag(f: Fact, v: str, side: str, frame: str, ctx: Ctx) -> tuple[str, Claims]:
    forms = {
        "adj": (f"magnitude {v}", f"{v}-magnitude", f"magnitude-{v}"),
        "pred": (v, f"magnitude {v}"),
        "num": (v,),
    }[frame or "adj"]
    text = ctx.rng.choice(forms)
    return text, [(0, len(text), text.replace(v, "#"))]


def _r_minute(f: Fact, v: int, side: str, frame: str, ctx: Ctx) -> tuple[str, Claims]:
    text = f"{ordinal(v)}-minute" if frame == "adj" else f"{ordinal(v)} minute"
    return text, [(0, len(text), frame)]


def _r_score(f: Fact, v: tuple[int, int], side: str, frame: str, ctx: Ctx) -> tuple[str, Claims]:
    a, b = v
    forms = [f"{a}-{b}", f"{a}-{b}", f"{a}\u2013{b}"]
    if frame != "bare":
        forms.append(f"by {words(a)} goal{'s' if a > 1 else ''} to {words(b) if b else 'nil'}")
    text = ctx.rng.choice(forms)
    start = 3 if text.startswith("by ") else 0
    return text, [(start, len(text), "words" if start else ("dash" if "\u2013" in text else "hyphen"))]


def _r_money(f: Fact, v: tuple[str, str, str], side: str, frame: str, ctx: Ctx) -> tuple[str, Claims]:
    mant, scale, cur = v
    sym, code, word, word2 = CURRENCIES[cur]
    rng = ctx.rng
    if scale == "":
        digits = num(int(mant))
        forms = [
            (f"{sym}{digits}", "sym"),
            (f"{digits} {word}", "word"),
            (f"{code}{digits}", "code"),
        ]
    else:
        short = {"million": "m", "billion": "bn", "thousand": "k"}[scale]
        forms = [
            (f"{sym}{mant} {scale}", "sym-scale"),
            (f"{sym}{mant}{short}", "sym-short"),
            (f"{mant} {scale} {word}", "scale-word"),
            (f"{mant}{short} {word}", "short-word"),
            (f"{code}{mant}{short}", "code-short"),
            (f"{code}{mant} {scale}", "code-scale"),
            (f"{mant} {scale} {word2}", "scale-word2"),
        ]
        if "." not in mant and words(int(mant)) and int(mant) < 100:
            forms.append((f"{words(int(mant))} {scale} {word}", "words"))
        if mant.endswith(".5") and 1 <= int(float(mant)) <= 9:
            forms.append((f"{ONES[int(float(mant))]} and a half {scale} {word}", "half"))
    if frame == "adj":  # before a noun: "a $1.5bn package", never "a 1.5 billion dollars package"
        forms = [(t, fm) for t, fm in forms if fm.startswith(("sym", "code"))]
    text, form = rng.choice(forms)
    return text, [(0, len(text), form)]


def _r_item(f: Fact, v: str, side: str, frame: str, ctx: Ctx) -> tuple[str, Claims]:
    text = ctx.rng.choice(ITEMS[v])
    return text, [(0, len(text), text)]


def _r_quote(f: Fact, v: tuple[int, ...], side: str, frame: str, ctx: Ctx) -> tuple[str, Claims]:
    second = ctx.story.quote.second
    s1 = ctx.story.quote.text(v)
    op, cl = ("\u201c", "\u201d") if ctx.art.curly else ('"', '"')
    if frame == "second":
        return f"{op}{second}.{cl}", []
    if frame == "first":
        text = f"{op}{s1},{cl}"
    elif frame == "colon":
        text = f"{op}{s1}." + (f" {second}." if ctx.rng.random() < 0.5 else "") + cl
    else:  # lead
        text = f"{op}{s1}" + (f". {second}," if ctx.rng.random() < 0.5 else ",") + cl
    return text, [(len(op), len(op) + len(s1), frame)]


RENDER: dict[str, Callable[[Fact, Any, str, str, Ctx], tuple[str, Claims]]] = {
    "day": _r_day,
    "time": _r_time,
    "count": _r_count,
    "years": _r_years,
    "mag": _r_mag,
    "minute": _r_minute,
    "score": _r_score,
    "money": _r_money,
    "item": _r_item,
    "quote": _r_quote,
}


def describe(f: Fact, v: Any, st: Story | None = None) -> str:
    """A value as the gold file's comments give it."""
    if f.vtype == "day":
        assert isinstance(v, date)
        return f"{WEEKDAYS[v.weekday()]} {v.day} {MONTHS[v.month - 1]} {v.year}"
    if f.vtype == "time":
        h, m = v
        return f"{h:02d}:{m:02d}"
    if f.vtype == "count":
        n, style = v
        return {"exact": "", "approx": "about ", "more": "more than "}[style] + num(n)
    if f.vtype == "money":
        mant, scale, cur = v
        sym = CURRENCIES[cur][0]
        return f"{sym}{num(int(mant)) if not scale else mant + ' ' + scale}"
    if f.vtype == "score":
        return "{}-{}".format(*v)
    if f.vtype == "minute":
        return f"{ordinal(v)} minute"
    if f.vtype == "years":
        return f"{v} years"
    if f.vtype == "item":
        return ITEMS[v][0]
    if f.vtype == "quote":
        return st.quote.text(v) if st else str(v)
    return str(v)
