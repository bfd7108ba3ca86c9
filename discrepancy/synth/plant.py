"""Planting: which facts get a wrong value in a minority of the articles, and what wrong value."""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import timedelta

from .story import PLANT_KINDS, TEMPLATES, Fact, Story
from .vocab import amount, misspell


def plan(seed: int, supported: Mapping[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    """Two kinds per template so that, for every seed, the five templates cover every kind."""
    rng = random.Random(seed)
    kinds = list(PLANT_KINDS)
    for _ in range(1000):
        rng.shuffle(kinds)
        plan = {t: tuple(kinds[2 * i : 2 * i + 2]) for i, t in enumerate(TEMPLATES)}
        if all(set(k) <= supported[t] and set(k) != {"date", "weekday"} for t, k in plan.items()):
            return plan
    raise RuntimeError("no plan")  # pragma: no cover


def _options(st: Story) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for f in st.facts.values():
        if f.vtype == "day":
            out += [("date", f.key), ("weekday", f.key)]
        elif f.vtype == "time":
            out.append(("time", f.key))
        elif f.vtype in ("count", "years", "mag", "minute", "score"):
            out.append(("quantity", f.key))
            if f.hedgeable:
                out.append(("hedge", f.key))
        elif f.vtype in ("money", "item", "quote", "name", "title"):
            out.append((f.vtype, f.key))
    return out


def _wrong_int(rng: random.Random, n: int, taken: set[float], *, round_: bool = False, hi: int | None = None) -> int:
    s = str(n)
    swaps: set[int] = set()
    steps: set[int] = set()
    if round_:
        tz = len(s) - len(s.rstrip("0"))
        i = len(s) - tz - 1
        for dd in (-2, -1, 1, 2, 3):
            d = int(s[i]) + dd
            if 0 <= d <= 9 and not (i == 0 and d == 0):
                steps.add(int(s[:i] + str(d) + s[i + 1 :]))
    else:
        for i in range(len(s) - 1):
            if s[i] != s[i + 1] and not (i == 0 and s[1] == "0"):
                swaps.add(int(s[:i] + s[i + 1] + s[i] + s[i + 2 :]))
        for dd in (-1, 1):
            d = int(s[-1]) + dd
            if 0 <= d <= 9:
                steps.add(int(s[:-1] + str(d)))

    def ok(x: int) -> bool:
        return x > 0 and x != n and x not in taken and (hi is None or x <= hi) and len(str(x)) == len(s)

    swaps_ok = sorted(x for x in swaps if ok(x))
    steps_ok = sorted(x for x in steps if ok(x))
    if swaps_ok and (not steps_ok or rng.random() < 0.6):
        return rng.choice(swaps_ok)
    if steps_ok:
        return rng.choice(steps_ok)
    lead = [int(str(d) + s[1:]) for d in (int(s[0]) - 1, int(s[0]) + 1) if 1 <= d <= 9 and len(s) > 1]
    if any(ok(x) for x in lead):
        return rng.choice([x for x in lead if ok(x)])
    x = n + 1
    while not ok(x):
        x += 1
    return x


def _make_wrong(st: Story, f: Fact, kind: str, rng: random.Random) -> bool:
    """Set f.wrong for a planted discrepancy of `kind`; False when no plausible value exists."""
    if kind in ("date", "weekday"):
        shifts = sorted((1, -1) if kind == "date" else (-1,), key=lambda _: rng.random())
        if st.office_hours:  # courts and companies keep office hours
            shifts.sort(key=lambda sh: (st.event + timedelta(days=sh)).weekday() >= 5)
        for sh in shifts:
            d = st.event + timedelta(days=sh)
            if d not in st.taken_days - {st.event}:
                f.wrong = d
                f.detail = "a day late" if sh > 0 else "a day early"
                return True
        return False
    if kind == "time":
        h, m = f.true
        mm = f"{m:02d}"
        cands = []
        if mm[0] != mm[1] and int(mm[::-1]) < 60:
            cands.append(((h, int(mm[::-1])), "minutes transposed"))
        cands += [(((h + 1) % 24, m), "an hour late"), (((h - 1) % 24, m), "an hour early")]
        f.wrong, f.detail = cands[0] if len(cands) == 3 and rng.random() < 0.7 else rng.choice(cands)
        return True
    if kind == "hedge":
        n, style = f.true
        f.wrong = (n, "approx" if style == "more" else "more")
        f.detail = "hedge conflict: same figure, 'more than' vs 'about'"
        return True
    if kind == "quantity":
        if f.vtype == "count":
            n, style = f.true
            f.wrong = (_wrong_int(rng, n, st.taken_numbers, round_=style != "exact"), style)
        elif f.vtype == "years":
            years = [f.true + d for d in (-1, 1, -2, 2, 3)]
            ok_years = [y for y in years if y > 0 and y not in st.taken_numbers]
            if not ok_years:
                return False
            f.wrong = rng.choice(ok_years[:3])
        elif f.vtype == "mag":
            deltas = (-0.3, -0.2, -0.1, 0.1, 0.2, 0.3)
            mags = [f"{float(f.true) + d:.1f}" for d in deltas]
            ok_mags = [x for x in mags if float(x) not in st.taken_numbers]
            if not ok_mags:
                return False
            f.wrong = rng.choice(ok_mags)
        elif f.vtype == "minute":
            f.wrong = _wrong_int(rng, f.true, st.taken_numbers, hi=90)
        elif f.vtype == "score":
            a, b = f.true
            f.wrong = rng.choice([(a + 1, b)] + ([(a, b - 1)] if b else []))
        f.detail = "a different figure"
        return True
    if kind == "money":
        mant, scale, cur = f.true
        if scale == "":
            w = str(_wrong_int(rng, int(mant), st.taken_numbers, round_=True))
        else:
            digits = mant.replace(".", "")
            dot = mant.find(".")
            for _ in range(20):
                nd = str(_wrong_int(rng, int(digits), set()))
                w = nd if dot < 0 else nd[:dot] + "." + nd[dot:]
                if amount(w, scale) not in st.taken_money:
                    break
        f.wrong = (w, scale, cur)
        f.detail = "a different sum (a digit changed or two swapped)"
        return True
    if kind == "item":
        f.wrong = st.item_pair[1]
        f.detail = "a sibling term"
        return True
    if kind == "title":
        f.wrong = st.title_pair[1]
        f.detail = "a different role of the same family"
        return True
    if kind == "name":
        avoid = {p.surname for p in st.persons.values()} | set(st.consts.values())
        f.wrong = misspell(rng, str(f.true), avoid)
        f.detail = "surname misspelt"
        return True
    if kind == "quote":
        path = list(f.true)
        k = min(len(path), rng.choice((2, 2, 3)))
        for i in sorted(rng.sample(range(len(path)), k)):
            path[i] = 1 - path[i]
        f.wrong = tuple(path)
        f.detail = f"{k} phrases changed"
        return True
    return False  # pragma: no cover


def choose_plants(st: Story, rng: random.Random, mandatory: tuple[str, ...]) -> list[Fact]:
    """Plant the mandatory kinds (when the story allows) and two or three more; the planted facts."""
    options = _options(st)
    planted: list[Fact] = []

    def plant(kind: str, key: str) -> bool:
        f = st.facts[key]
        if f.plant or (kind in ("date", "weekday") and any(p.vtype == "day" for p in planted)):
            return False
        if not _make_wrong(st, f, kind, rng):
            return False
        f.plant = kind
        planted.append(f)
        return True

    for kind in sorted(mandatory, key=lambda k: k != "hedge"):  # hedge first: it needs a hedged count
        cands = [k for kd, k in options if kd == kind]
        rng.shuffle(cands)
        for key in cands:
            if plant(kind, key):
                break
    extras = list(options)
    rng.shuffle(extras)
    want = rng.randint(2, 3)
    for kind, key in extras:
        if want == 0:
            break
        if plant(kind, key):
            want -= 1
    return sorted(planted, key=lambda f: list(st.facts).index(f.key))
