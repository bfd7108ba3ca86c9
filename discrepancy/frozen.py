"""Frozen slotted dataclasses (Fact and the value types) built fast from their fields' values in
order: by the fact cache's decoder (factcodec.py) and when a worker process sends its facts back
(pickle, through `Rebuilt.__reduce__`).

A frozen dataclass refuses setattr, so its own __init__ and the __setstate__ that dataclasses
gives a slotted class for pickling set each field through object.__setattr__, by name; setting
the slots through their descriptors spares that (decoding 15,647 cached facts: 0.71 s through
__init__, 0.48 s this way; unpickling the facts of 1,000 generated articles: 0.53 s through
__setstate__, 0.39 s this way).
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def built(cls: type[T], values: Sequence[Any]) -> T:
    """An instance of a frozen slotted dataclass from its fields' values in order, which the
    caller vouches for (no check, no __post_init__)."""
    obj = object.__new__(cls)
    for put, value in zip(_setters(cls), values, strict=True):  # type: ignore[arg-type]  # a class is hashable
        put(obj, value)
    return obj


@cache
def _setters(cls: type) -> tuple[Callable[[object, Any], None], ...]:
    """The slot setters of a dataclass's fields, in order (a frozen dataclass refuses setattr;
    its slots' own descriptors do not)."""
    out = []
    for f in dataclasses.fields(cls):
        owner = next(c for c in cls.__mro__ if f.name in vars(c))
        out.append(vars(owner)[f.name].__set__)
    return tuple(out)


@cache
def field_values(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving an instance's fields' values in order."""
    names = [f.name for f in dataclasses.fields(cls)]
    return operator.attrgetter(*names) if len(names) > 1 else lambda obj: (getattr(obj, names[0]),)


class Rebuilt:
    """A base for frozen slotted dataclasses that pickles an instance as its class and its
    fields' values, unpickled by `built`."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        cls: type = type(self)
        return built, (cls, field_values(cls)(self))
