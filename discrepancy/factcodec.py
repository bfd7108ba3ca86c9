"""Facts as plain JSON data and back: what a fact cache entry holds (factcache.py).

The cache may sit in a folder somebody else controls (a repository checked out in CI), so what
it holds is never executable: plain JSON, never pickle or marshal. Decoding builds only the
types listed in VALUE_TYPES, Fact, Key and the kind enums, checks every field against its type
annotation, and checks each fact against its document (its id, its span's text, its sentence).
Anything else is a CodecError, and the caller re-extracts. Tuples, frozensets, enums, ints and
floats come back as they went: decode(encode(facts), doc) == facts.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from .frozen import built, field_values
from .keys import Key, KeyKind
from .models import Document, Fact, Kind
from .values import (
    Amount,
    AttributionValue,
    ColourValue,
    DateValue,
    ItemValue,
    Measure,
    NameValue,
    OrganisationValue,
    PlaceValue,
    QuoteValue,
    TimeValue,
    TitleValue,
    Value,
    VersionsValue,
    WeekdayValue,
)

# Every value type a fact may hold; a test checks that each Value type of discrepancy.values is
# listed, so that a new one cannot be left out unnoticed (a fact whose value is of another type
# is not encoded: its document is simply not cached).
VALUE_TYPES: dict[str, type[Value]] = {
    t.__name__: t
    for t in (
        DateValue, WeekdayValue, TimeValue, Amount, Measure, ItemValue, ColourValue, QuoteValue,
        AttributionValue, NameValue, TitleValue, PlaceValue, VersionsValue, OrganisationValue,
    )
}  # fmt: skip
FACT_FIELDS = tuple(f.name for f in dataclasses.fields(Fact))
FACT_GETTER = field_values(Fact)
_PLAIN = frozenset({str, int, bool})
_KINDS = {str(k): k for k in Kind}
_KEY_KINDS = {str(k): k for k in KeyKind}

Json = Any  # what json.loads returns


class CodecError(ValueError):
    """Data that is not facts this version wrote: corrupt, forged or from another layout."""


def encode_facts(facts: Sequence[Fact]) -> list[Json]:
    """Facts as JSON-ready lists (one list per fact, its fields in FACT_FIELDS order)."""
    return [[x if type(x) in _PLAIN else _encode(x) for x in FACT_GETTER(f)] for f in facts]


def _encode(x: object) -> Json:
    if type(x) in _PLAIN or x is None or type(x) is float:
        return x
    if isinstance(x, frozenset):  # sorted, so that an entry's bytes do not depend on hashing
        if all(type(v) is str for v in x):
            return sorted(x)
        return sorted(_encode(v) for v in x)  # keys as [kind, text]: lists of strings
    if isinstance(x, Key):
        return [str(x.kind), x.text]
    if isinstance(x, tuple):
        return [_encode(v) for v in x]
    if isinstance(x, str | bool | int | float):
        return str(x) if isinstance(x, str) else x  # a StrEnum member is written as its value
    if VALUE_TYPES.get(type(x).__name__) is type(x):
        return [type(x).__name__, [_encode(v) for v in field_values(type(x))(x)]]  # type: ignore[arg-type]
    raise CodecError(f"cannot encode a {type(x).__name__}")


def decode_facts(data: Json, doc: Document, keys: dict[tuple[str, str], Key] | None = None) -> tuple[Fact, ...]:
    """The facts that encode_facts wrote for this document; CodecError when the data is not
    exactly that (a wrong shape or type, or a fact that does not fit the document). `keys`
    holds the keys met so far, shared by the documents of one read (one object per distinct
    key, as extraction shares them within an article)."""
    if not isinstance(data, list):
        raise CodecError("facts must be a list")
    keys = keys if keys is not None else {}
    plain, other = _fact_fields()
    text, sentences = doc.text, max(len(doc.sentences), 1)
    out = []
    for row in data:
        if type(row) is not list or len(row) != len(FACT_FIELDS):
            raise CodecError("a record must be a list of its fields")
        for i, want in plain:
            if type(row[i]) is not want:
                raise CodecError(f"expected {want.__name__}, found {type(row[i]).__name__}")
        values = list(row)
        for i, decode in other:
            values[i] = decode(row[i], keys)
        values[KIND] = _KINDS.get(values[KIND], values[KIND])
        fact = built(Fact, values)
        if fact.doc != doc.id or text[fact.start : fact.end] != fact.raw or not 0 <= fact.start <= fact.end:
            raise CodecError(f"a fact that does not fit document {doc.id}")
        if not 0 <= fact.sentence < sentences:
            raise CodecError(f"a fact of a sentence document {doc.id} does not have")
        out.append(fact)
    return tuple(out)


KIND, DOC = FACT_FIELDS.index("kind"), FACT_FIELDS.index("doc")


def stamped(facts: Sequence[Fact], doc: str) -> tuple[Fact, ...]:
    """The facts as another document's, word for word the same (its copy's facts): each with
    `doc` for its document, built as the decoder builds facts (dataclasses.replace, which
    builds keyword arguments for __init__, takes twice as long)."""
    out = []
    for f in facts:
        values = list(FACT_GETTER(f))
        values[DOC] = doc
        out.append(built(Fact, values))
    return tuple(out)


@cache
def _fact_fields() -> tuple[tuple[tuple[int, type], ...], tuple[tuple[int, Decoder], ...]]:
    """Fact's fields by position: those of a plain type (checked inline), and the others with
    their decoders."""
    spec = _fields("Fact")
    return (
        tuple((i, plain) for i, (plain, _) in enumerate(spec) if plain is not None),
        tuple((i, decode) for i, (plain, decode) in enumerate(spec) if plain is None),
    )


Decoder = Callable[[Json, dict[tuple[str, str], Key]], Any]
Spec = tuple[tuple[type | None, Decoder], ...]


@cache
def _fields(name: str) -> Spec:
    """Each field of Fact or a value type, in order: its type when a plain str, int or bool
    (checked inline, the common case), else None; and its decoder."""
    cls = Fact if name == "Fact" else VALUE_TYPES[name]
    hints = typing.get_type_hints(cls, localns={"Value": Value})
    return tuple(
        (hints[f.name] if hints[f.name] in (str, int, bool) else None, _decoder(hints[f.name]))
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
    )


def _record(spec: Spec, row: Json, keys: dict[tuple[str, str], Key]) -> list[Any]:
    """The fields of one record (a list of JSON data, one per field), checked and built."""
    if not isinstance(row, list) or len(row) != len(spec):
        raise CodecError("a record must be a list of its fields")
    out = []
    for (plain, decode), x in zip(spec, row, strict=True):
        if plain is None:
            out.append(decode(x, keys))
        elif type(x) is plain:
            out.append(x)
        else:
            raise CodecError(f"expected {plain.__name__}, found {type(x).__name__}")
    return out


@cache
def _decoder(hint: object) -> Decoder:
    """A function that checks JSON data against a type annotation and builds the value."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        options = [_decoder(a) for a in args if a is not type(None)]
        optional = type(None) in args
        return lambda x, keys: None if x is None and optional else _first(options, x, keys)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            if args[0] in (str, int):
                return lambda x, keys: tuple(_list(x)) if all(type(v) is args[0] for v in _list(x)) else _bad(x)
            item = _decoder(args[0])
            return lambda x, keys: tuple(item(v, keys) for v in _list(x))
        items = [_decoder(a) for a in args]
        return lambda x, keys: tuple(d(v, keys) for d, v in zip(items, _list(x, len(items)), strict=True))
    if origin is frozenset:
        if args[0] is Key:
            return lambda x, keys: frozenset([_key(v, keys) for v in _list(x)])
        if args[0] is str:
            # interned: alignment meets words by hashing and comparing them, fastest on one object
            return lambda x, keys: frozenset(map(sys.intern, x)) if all(type(v) is str for v in _list(x)) else _bad(x)
        item = _decoder(args[0])
        return lambda x, keys: frozenset(item(v, keys) for v in _list(x))
    if isinstance(hint, type) and issubclass(hint, Value):
        return lambda x, keys: _value(x, hint, keys)
    if hint in (str, int, bool, type(None), float):
        return _scalar(hint)
    raise TypeError(f"no decoder for {hint!r}")  # a new field type: add it here (tests cover every field)


def _bad(x: Json) -> Any:
    raise CodecError(f"unexpected {type(x).__name__}")


def _scalar(hint: object) -> Decoder:
    def decode(x: Json, keys: object) -> Json:
        ok = (
            x is None
            if hint is type(None)
            else isinstance(x, int | float) and not isinstance(x, bool)
            if hint is float
            else type(x) is hint
        )
        if not ok:
            raise CodecError(f"expected {getattr(hint, '__name__', hint)}, found {type(x).__name__}")
        return x

    return decode


def _first(options: list[Decoder], x: Json, keys: dict[tuple[str, str], Key]) -> Any:
    for d in options:
        try:
            return d(x, keys)
        except CodecError:
            continue
    raise CodecError(f"no reading of {type(x).__name__} fits")


def _list(x: Json, n: int | None = None) -> list[Json]:
    if not isinstance(x, list) or (n is not None and len(x) != n):
        raise CodecError("expected a list" + (f" of {n}" if n is not None else ""))
    return x


def _key(x: Json, keys: dict[tuple[str, str], Key]) -> Key:
    if type(x) is list and len(x) == 2 and type(x[0]) is str and type(x[1]) is str:
        key = keys.get((x[0], x[1]))
        if key is not None:
            return key
        if x[0] in _KEY_KINDS:
            key = keys[x[0], x[1]] = Key(_KEY_KINDS[x[0]], sys.intern(x[1]))
            return key
    raise CodecError("not a key")


def _value(x: Json, want: type[Value], keys: dict[tuple[str, str], Key]) -> Value:
    name, args = _list(x, 2)
    cls = VALUE_TYPES.get(name) if isinstance(name, str) else None
    if cls is None or not issubclass(cls, want):
        raise CodecError(f"not a known value type: {name!r}")
    return built(cls, _record(_fields(name), args, keys))
