"""Build a story from its template: run the template's steps with the story's random generator."""

from __future__ import annotations

import ast
import random
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

from .expr import Function, evaluate, fill
from .story import Fact, Person, Story
from .template import Choice, FactStep, Let, PersonStep, QuoteStep, Template
from .vocab import CURRENCIES, MONTHS, ONES, PLACE_ENDS, QUOTE_FORMS, Names, amount, num, ordinal, words

_FIRST_EVENT = date(2016, 1, 1)
_EVENT_DAYS = 365 * 9  # events fall in the nine years from _FIRST_EVENT

FILTERS: dict[str, Any] = {
    "num": num,
    "ordinal": ordinal,
    "words": lambda n: words(n) or str(n),
    "ones": lambda n: ONES[n],
    "month": lambda d: MONTHS[d.month - 1],
    "symbol": lambda cur: CURRENCIES[cur][0],
    "list": lambda xs: ", ".join(map(str, xs)),
}


def _functions(rng: random.Random, names: Names) -> dict[str, Function]:
    """The functions a story file's expressions call, bound to the story's generator and names."""

    def money_value(lo: float, hi: float, decimals: int) -> str:
        x = rng.uniform(lo, hi)
        if decimals:
            s = f"{x:.{decimals}f}"
            if s.endswith("0"):
                s = s[:-1] + str(rng.randint(1, 9))
            return s
        return str(int(x))

    def avoiding(x: int, step: int, taken: tuple[int, ...]) -> int:
        while x in taken:
            x += step
        return x

    def roll_call(people: list[tuple[str, str, str]], ages: list[int]) -> str:
        """ "A B, 34, C D, 51, and E F, 60," for people and their ages."""
        out = ", ".join(f"{g} {s}, {a}" for (g, s, _), a in zip(people[:-1], ages[:-1], strict=True))
        return out + f", and {people[-1][0]} {people[-1][1]}, {ages[-1]},"

    return {
        "randint": rng.randint,
        "randrange": rng.randrange,
        "uniform": rng.uniform,
        "random": rng.random,
        "choice": rng.choice,
        "money_value": money_value,
        "decimals": lambda x, n: f"{x:.{n}f}",
        "person": names.person,
        "people": lambda n: [names.person() for _ in range(n)],
        "randints": lambda n, lo, hi: [rng.randint(lo, hi) for _ in range(n)],
        "place": lambda kind: names.place(PLACE_ENDS[kind]),
        "word": names.word,
        "country": names.country,
        "avoiding": avoiding,
        "days": lambda n: timedelta(days=n),
        "roll_call": roll_call,
        "str": str,
        "int": int,
        "float": float,
        "min": min,
        "max": max,
        "len": len,
    }


def _freeze(v: Any) -> Any:
    """Lists from the data as tuples: a fact's value is immutable."""
    return tuple(_freeze(x) for x in v) if isinstance(v, list | tuple) else v


def _numbers(v: Any) -> list[float]:
    if isinstance(v, list | tuple):
        return [x for item in v for x in _numbers(item)]
    return [float(v) if isinstance(v, str) else v]


def _pick(choices: tuple[Choice, ...], env: Mapping[str, Any], fns: Mapping[str, Function]) -> list[str]:
    out = []
    for c in choices:
        if c.when is None or evaluate(c.when, env, fns):
            out.append(c.text)
        elif c.otherwise is not None:
            out.append(c.otherwise)
    return out


def build(t: Template, rng: random.Random) -> Story:
    """Invent a story: the event's date, then the template's steps in order, then its texts."""
    names = Names(rng)
    event = _FIRST_EVENT + timedelta(days=rng.randrange(_EVENT_DAYS))
    while t.event_weekdays and event.weekday() not in t.event_weekdays:
        event += timedelta(days=1)
    st = Story(t.name, event, office_hours=t.office_hours)
    env: dict[str, Any] = {**t.vocab, "event": event, "months": list(MONTHS)}
    fns = _functions(rng, names)

    def ev(e: ast.expr) -> Any:
        return evaluate(e, env, fns)

    for step in t.steps:
        if isinstance(step, Let):
            for name, e in step.names:
                env[name] = ev(e)
        elif isinstance(step, FactStep):
            true = _freeze(ev(step.true))
            st.add(
                Fact(
                    step.key,
                    step.vtype,
                    step.kind,
                    step.subject,
                    true,
                    p=rng.uniform(*step.p),
                    requires=step.requires,
                    hedgeable=step.hedgeable,
                    at_least=step.at_least,
                )
            )
        elif isinstance(step, PersonStep):
            _person(st, step, names, rng, env, ev)
        elif isinstance(step, QuoteStep):
            _quote(st, t, step, rng)
    consts = {k: fill(v, env, FILTERS) for k, v in t.consts.items()}
    st.consts = consts
    texts = {**env, "const": consts}
    if t.item_pair is not None:
        first, second = ev(t.item_pair)
        st.item_pair = (first, second)
    st.taken_numbers = {x for e in t.taken_numbers for x in _numbers(ev(e))}
    st.taken_money = {amount(*ev(e)[:2]) for e in t.taken_money}
    st.taken_days = {ev(e) for e in t.taken_days}
    st.traps = [fill(x, texts, FILTERS) for x in _pick(t.traps, env, fns)]
    st.teasers = [fill(x, texts, FILTERS) for x in t.teasers]
    st.summary = fill(t.summary, texts, FILTERS)
    st.outlet_place = fill(t.outlet_place, texts, FILTERS)
    st.ledes = list(t.ledes)
    st.headlines = list(t.headlines)
    st.background = _pick(t.background, env, fns)
    st.body["quote"] += t.body.get("quote", ())
    st.body.update({k: list(v) for k, v in t.body.items() if k != "quote"})
    st.person_lines = {k: list(v) for k, v in t.person_lines.items()}
    return st


def _person(
    st: Story, step: PersonStep, names: Names, rng: random.Random, env: dict[str, Any], ev: Callable[[ast.expr], Any]
) -> None:
    """A named person; their surname fact, then their title fact (with the title pair)."""
    given, surname, g = names.person()
    env[step.pid] = (given, surname, g)
    p = Person(step.pid, given, surname, g, name_fact=step.name_fact, title_fact=step.title_fact)
    st.persons[step.pid] = p
    who = {**env, "given": given, "surname": surname}
    if step.name_fact:
        subject = fill(step.name_subject, who, FILTERS)
        st.add(Fact(step.name_fact, "name", "name", subject, surname, p=rng.uniform(*step.name_p), person=step.pid))
    if step.title_fact and step.titles is not None:
        first, second = ev(step.titles)
        st.title_pair = (first, second)
        subject = fill(step.title_subject, who, FILTERS)
        fact = Fact(step.title_fact, "title", "title", subject, first, p=rng.uniform(*step.title_p), person=step.pid)
        fact.needs = step.name_fact
        st.add(fact)


def _quote(st: Story, t: Template, step: QuoteStep, rng: random.Random) -> None:
    """The story's quote: which one, its true wording, how often it is stated."""
    st.quote = rng.choice(t.quotes)
    path = tuple(rng.randrange(2) for _ in range(st.quote.points))
    p = st.persons[step.speaker]
    st.add(
        Fact(
            "quote",
            "quote",
            "quote",
            f"{p.given} {p.surname}'s quote on {st.quote.topic}",
            path,
            p=rng.uniform(*step.p),
            person=step.speaker,
            needs=p.name_fact,
        )
    )
    st.body["quote"] = [form.replace("@Q", "@" + step.speaker) for form in QUOTE_FORMS]
