"""Story template files (stories/<name>.toml): load, validate, compile.

A story file has top-level settings (summary, traps, teasers, what is "taken"), a [vocab] table
of lists its expressions choose from, [[build]] steps (the random draws, in order), [consts]
(texts the sentences use as {$name}), [sentences] and [[quotes]]. Every expression is compiled
and every name, fact, person and constant a text refers to is checked here, so a bad file fails
on load with its name and the place, never halfway through a corpus.

Build steps, each a [[build]] table with exactly one of these keys:

* ``let.NAME = "expr"``: draw or compute values, in the order written;
* ``fact = "key"`` with vtype, kind, subject, true (an expression), p ([lo, hi]: drawn after the
  value) and optionally requires, hedgeable, at_least;
* ``person = "pid"`` with name_fact/name_subject/name_p and/or title_fact/title_subject/title_p
  and titles (an expression for the (true, planted) title pair): draws the person's name, then
  the name fact's p, then the title fact's p;
* ``quote = "pid"`` with p: draws one of the [[quotes]], its wording, then p.
"""

from __future__ import annotations

import ast
import tomllib
from functools import cache
from importlib.resources import files
from typing import Any

from .expr import check_text, compile_expr
from .render import parse
from .story import KINDS, PLANT_KINDS, VTYPES, Quote, StoryError
from .template import Choice, FactStep, Let, PersonStep, QuoteStep, Step, Template

# Functions and text filters a story file may use (bound to the story's random generator in build.py).
FUNCTIONS = frozenset(
    (
        "randint",
        "randrange",
        "uniform",
        "random",
        "choice",
        "money_value",
        "decimals",
        "person",
        "people",
        "randints",
        "place",
        "word",
        "country",
        "avoiding",
        "days",
        "roll_call",
        "str",
        "int",
        "float",
        "min",
        "max",
        "len",
    )
)
FILTERS = frozenset(("num", "ordinal", "words", "ones", "month", "symbol", "list"))
_GIVEN = ("event", "months")  # names every expression may use

_TOP = frozenset(
    (
        "summary",
        "outlet_place",
        "event_weekdays",
        "office_hours",
        "cannot_plant",
        "item_pair",
        "taken_numbers",
        "taken_money",
        "taken_days",
        "traps",
        "teasers",
        "vocab",
        "build",
        "consts",
        "sentences",
        "quotes",
    )
)
_FACT = frozenset(("fact", "vtype", "kind", "subject", "true", "p", "requires", "hedgeable", "at_least"))
_PERSON = frozenset(
    ("person", "titles", "name_fact", "name_subject", "name_p", "title_fact", "title_subject", "title_p")
)
_QUOTE = frozenset(("quote", "p"))
_SENTENCES = frozenset(("ledes", "headlines", "background", "body", "persons"))


@cache
def load(name: str) -> Template:
    """The story template shipped as stories/<name>.toml."""
    fname = f"{name}.toml"
    try:
        text = files(__package__).joinpath("stories", fname).read_text("utf-8")
    except FileNotFoundError:
        raise StoryError(f"no story template file {fname}") from None
    return parse_template(name, text)


def parse_template(name: str, text: str) -> Template:
    """Validate and compile a story template file's text; StoryError names the place of a problem."""
    where = f"{name}.toml"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise StoryError(f"{where}: not valid TOML: {e}") from None
    return _Checker(where, data).template(name)


class _Checker:
    def __init__(self, where: str, data: dict[str, Any]) -> None:
        self.where, self.data = where, data
        self.names: set[str] = set(_GIVEN)
        self.facts: list[str] = []
        self.persons: list[str] = []

    def fail(self, place: str, problem: str) -> StoryError:
        return StoryError(f"{self.where}: {place}: {problem}")

    def get(
        self, table: dict[str, Any], key: str, typ: type | tuple[type, ...], place: str, default: Any = None
    ) -> Any:
        if key not in table:
            if default is None:
                raise self.fail(place, f"missing {key!r}")
            return default
        value = table[key]
        if not isinstance(value, typ) or isinstance(value, bool) != (typ is bool):
            raise self.fail(place, f"{key!r} must be {getattr(typ, '__name__', typ)}, not {value!r}")
        return value

    def strings(self, table: dict[str, Any], key: str, place: str, default: Any = None) -> tuple[str, ...]:
        value = self.get(table, key, list, place, default)
        if not all(isinstance(s, str) for s in value):
            raise self.fail(place, f"{key!r} must be a list of strings")
        return tuple(value)

    def expr(self, text: object, place: str) -> ast.expr:
        if not isinstance(text, str):
            raise self.fail(place, f"expected an expression (a string), not {text!r}")
        return compile_expr(text, self.names, FUNCTIONS, f"{self.where}: {place}")

    def span(self, table: dict[str, Any], key: str, place: str) -> tuple[float, float]:
        value = self.get(table, key, list, place)
        if len(value) != 2 or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in value):
            raise self.fail(place, f"{key!r} must be [low, high], not {value!r}")
        return float(value[0]), float(value[1])

    def only(self, table: dict[str, Any], allowed: frozenset[str], place: str) -> None:
        unknown = sorted(set(table) - allowed)
        if unknown:
            raise self.fail(place, f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")

    def new_fact(self, key: str, place: str) -> str:
        if key in self.facts:
            raise self.fail(place, f"fact {key!r} defined twice")
        self.facts.append(key)
        return key

    def step(self, i: int, raw: object) -> Step:
        place = f"build[{i}]"
        if not isinstance(raw, dict):
            raise self.fail(place, "a step must be a table")
        kinds = [k for k in ("let", "fact", "person", "quote") if k in raw]
        if len(kinds) != 1:
            raise self.fail(place, "a step needs exactly one of let, fact, person, quote")
        if kinds == ["let"]:
            self.only(raw, frozenset({"let"}), place)
            lets = self.get(raw, "let", dict, place)
            out = []
            for name, text in lets.items():
                out.append((name, self.expr(text, f"{place}: let {name}")))
                self.names.add(name)
            return Let(tuple(out))
        if kinds == ["fact"]:
            self.only(raw, _FACT, place)
            key = self.new_fact(self.get(raw, "fact", str, place), place)
            place = f"{place} (fact {key})"
            vtype, kind = self.get(raw, "vtype", str, place), self.get(raw, "kind", str, place)
            if vtype not in VTYPES or kind not in KINDS:
                raise self.fail(place, f"vtype must be one of {', '.join(VTYPES)} and kind one of {', '.join(KINDS)}")
            return FactStep(
                key=key,
                vtype=vtype,
                kind=kind,
                subject=self.get(raw, "subject", str, place),
                true=self.expr(raw.get("true"), f"{place}: true"),
                p=self.span(raw, "p", place),
                requires=self.strings(raw, "requires", place, []),
                hedgeable=self.get(raw, "hedgeable", bool, place, False),
                at_least=self.get(raw, "at_least", bool, place, False),
            )
        if kinds == ["person"]:
            self.only(raw, _PERSON, place)
            pid = self.get(raw, "person", str, place)
            name_fact, title_fact = (
                self.get(raw, "name_fact", str, place, ""),
                self.get(raw, "title_fact", str, place, ""),
            )
            if not name_fact and not title_fact:
                raise self.fail(place, "a person needs a name_fact, a title_fact or both")
            for key in (name_fact, title_fact):
                if key:
                    self.new_fact(key, place)
            given = self.names | {"given", "surname"}
            subjects = {}
            for k in ("name_subject", "title_subject"):
                subjects[k] = self.get(raw, k, str, place, "")
                check_text(subjects[k], given, FILTERS, f"{self.where}: {place}: {k}")
            titles = self.expr(raw["titles"], f"{place}: titles") if title_fact else None
            self.names.add(pid)
            self.persons.append(pid)
            return PersonStep(
                pid=pid,
                titles=titles,
                name_fact=name_fact,
                name_subject=subjects["name_subject"] if name_fact else "",
                name_p=self.span(raw, "name_p", place) if name_fact else (0.0, 0.0),
                title_fact=title_fact,
                title_subject=subjects["title_subject"] if title_fact else "",
                title_p=self.span(raw, "title_p", place) if title_fact else (0.0, 0.0),
            )
        self.only(raw, _QUOTE, place)
        speaker = self.get(raw, "quote", str, place)
        if speaker not in self.persons:
            raise self.fail(place, f"the quote's speaker {speaker!r} is not a person defined before it")
        self.new_fact("quote", place)
        return QuoteStep(speaker, self.span(raw, "p", place))

    def choices(self, items: object, names: set[str] | None, place: str) -> tuple[Choice, ...]:
        """Texts with conditions; names=None for sentences (checked as sentences, not as texts)."""
        if not isinstance(items, list):
            raise self.fail(place, "must be a list")
        out = []
        for i, item in enumerate(items):
            if isinstance(item, str):
                out.append(Choice(item))
                continue
            if not isinstance(item, dict):
                raise self.fail(f"{place}[{i}]", "must be a text or a table {when, text, otherwise}")
            self.only(item, frozenset({"when", "text", "otherwise"}), f"{place}[{i}]")
            out.append(
                Choice(
                    self.get(item, "text", str, f"{place}[{i}]"),
                    self.expr(item.get("when"), f"{place}[{i}]: when"),
                    self.get(item, "otherwise", str, f"{place}[{i}]", "") or None,
                )
            )
        for c in out:
            for t in (c.text, c.otherwise):
                if t is not None and names is not None:
                    check_text(t, names, FILTERS, f"{self.where}: {place}")
        return tuple(out)

    def sentence(self, text: str, consts: dict[str, str], place: str) -> None:
        try:
            tpl = parse(text)
        except ValueError as e:
            raise self.fail(place, str(e)) from None
        for name in tpl.slots:
            if name[0] == "$" and name[1:] not in consts:
                raise self.fail(place, f"unknown constant {{{name}}} in {text!r}")
            if name[0] == "@" and name[1:] not in self.persons:
                raise self.fail(place, f"unknown person {{{name}}} in {text!r}")
            if name[0] not in "$@" and name not in self.facts:
                raise self.fail(place, f"unknown fact {{{name}}} in {text!r}")

    def template(self, name: str) -> Template:
        d = self.data
        self.only(d, _TOP, "top level")
        vocab = self.get(d, "vocab", dict, "top level", {})
        self.names |= set(vocab)
        steps = self.get(d, "build", list, "top level")
        compiled = tuple(self.step(i, raw) for i, raw in enumerate(steps))
        if "day" not in self.facts or "quote" not in self.facts:
            raise self.fail("build", "a story needs a 'day' fact and a quote")
        consts = self.get(d, "consts", dict, "top level")
        for k, v in consts.items():
            if not isinstance(v, str):
                raise self.fail(f"consts.{k}", "must be a text")
            check_text(v, self.names, FILTERS, f"{self.where}: consts.{k}")
        texts = self.names | {"const"}
        for key in ("summary", "outlet_place"):
            check_text(self.get(d, key, str, "top level", "Metro"), texts, FILTERS, f"{self.where}: {key}")
        teasers = self.strings(d, "teasers", "top level")
        for t in teasers:
            check_text(t, texts, FILTERS, f"{self.where}: teasers")
        cannot = set(self.strings(d, "cannot_plant", "top level", []))
        if cannot - set(PLANT_KINDS):
            raise self.fail("cannot_plant", f"unknown kind(s) {sorted(cannot - set(PLANT_KINDS))}")
        s = self.get(d, "sentences", dict, "top level")
        self.only(s, _SENTENCES, "sentences")
        body = {k: self.strings(s["body"], k, "sentences.body") for k in self.get(s, "body", dict, "sentences")}
        persons = {
            k: self.strings(s["persons"], k, "sentences.persons") for k in self.get(s, "persons", dict, "sentences")
        }
        if set(persons) != set(self.persons):
            raise self.fail("sentences.persons", f"needs sentences for exactly the persons {self.persons}")
        background = self.choices(s.get("background"), None, "sentences.background")
        ledes, headlines = self.strings(s, "ledes", "sentences"), self.strings(s, "headlines", "sentences")
        for place, group in [("ledes", ledes), ("headlines", headlines), *(("body." + k, v) for k, v in body.items())]:
            for text in group:
                self.sentence(text, consts, f"sentences.{place}")
        for pid, group in persons.items():
            for text in group:
                self.sentence(text, consts, f"sentences.persons.{pid}")
        for c in background:
            for alt in (c.text, c.otherwise):
                if alt is not None:
                    self.sentence(alt, consts, "sentences.background")
        return Template(
            name=name,
            steps=compiled,
            vocab=vocab,
            consts=consts,
            summary=self.get(d, "summary", str, "top level"),
            outlet_place=self.get(d, "outlet_place", str, "top level", "Metro"),
            event_weekdays=frozenset(self.get(d, "event_weekdays", list, "top level", [])),
            office_hours=self.get(d, "office_hours", bool, "top level", False),
            plantable=frozenset(PLANT_KINDS) - cannot,
            item_pair=self.expr(d["item_pair"], "item_pair") if "item_pair" in d else None,
            taken_numbers=tuple(self.expr(e, "taken_numbers") for e in self.strings(d, "taken_numbers", "top level")),
            taken_money=tuple(self.expr(e, "taken_money") for e in self.strings(d, "taken_money", "top level")),
            taken_days=tuple(self.expr(e, "taken_days") for e in self.strings(d, "taken_days", "top level")),
            traps=self.choices(d.get("traps", []), texts, "traps"),
            teasers=teasers,
            ledes=ledes,
            headlines=headlines,
            background=background,
            body=body,
            person_lines=persons,
            quotes=self.quotes(d.get("quotes")),
        )

    def quotes(self, raw: object) -> tuple[Quote, ...]:
        if not isinstance(raw, list) or not raw:
            raise self.fail("quotes", "a story needs at least one [[quotes]] table")
        out = []
        for i, q in enumerate(raw):
            place = f"quotes[{i}]"
            if not isinstance(q, dict):
                raise self.fail(place, "must be a table")
            self.only(q, frozenset({"topic", "first", "second"}), place)
            first = self.get(q, "first", list, place)
            parts: list[str | tuple[str, str]] = []
            for p in first:
                if isinstance(p, str):
                    parts.append(p)
                elif isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p):
                    parts.append((p[0], p[1]))
                else:
                    raise self.fail(place, f"'first' holds texts and pairs of wordings, not {p!r}")
            out.append(Quote(tuple(parts), self.get(q, "second", str, place), self.get(q, "topic", str, place)))
        return tuple(out)
