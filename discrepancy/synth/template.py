"""The compiled form of a story template file: its build steps, texts and sentences (see check.py)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

from .story import Quote


@dataclass(frozen=True)
class Let:
    """Values drawn or computed in order."""

    names: tuple[tuple[str, ast.expr], ...]


@dataclass(frozen=True)
class FactStep:
    """A fact: its value drawn, then the share of the articles that state it."""

    key: str
    vtype: str
    kind: str
    subject: str
    true: ast.expr
    p: tuple[float, float]
    requires: tuple[str, ...] = ()
    hedgeable: bool = False
    at_least: bool = False


@dataclass(frozen=True)
class PersonStep:
    """A named person, with a surname fact, a title fact, or both."""

    pid: str
    titles: ast.expr | None
    name_fact: str
    name_subject: str
    name_p: tuple[float, float]
    title_fact: str
    title_subject: str
    title_p: tuple[float, float]


@dataclass(frozen=True)
class QuoteStep:
    """The story's quote, said by a person."""

    speaker: str
    p: tuple[float, float]


Step = Let | FactStep | PersonStep | QuoteStep


@dataclass(frozen=True)
class Choice:
    """A text used only when an expression holds (else `otherwise`, if any)."""

    text: str
    when: ast.expr | None = None
    otherwise: str | None = None


@dataclass(frozen=True)
class Template:
    """A validated, compiled story template."""

    name: str
    steps: tuple[Step, ...]
    vocab: dict[str, Any]
    consts: dict[str, str]
    summary: str
    outlet_place: str
    event_weekdays: frozenset[int]
    office_hours: bool
    plantable: frozenset[str]
    item_pair: ast.expr | None
    taken_numbers: tuple[ast.expr, ...]
    taken_money: tuple[ast.expr, ...]
    taken_days: tuple[ast.expr, ...]
    traps: tuple[Choice, ...]
    teasers: tuple[str, ...]
    ledes: tuple[str, ...]
    headlines: tuple[str, ...]
    background: tuple[Choice, ...]
    body: dict[str, tuple[str, ...]]
    person_lines: dict[str, tuple[str, ...]]
    quotes: tuple[Quote, ...]
