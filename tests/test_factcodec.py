"""The fact cache's format: facts to JSON and back exactly, and nothing else back."""

from __future__ import annotations

import dataclasses
import inspect
import json
import pickle
from pathlib import Path

import pytest

from discrepancy import values
from discrepancy.context import RunContext
from discrepancy.extract import extract_facts
from discrepancy.factcodec import VALUE_TYPES, CodecError, decode_facts, encode_facts
from discrepancy.ingest import load_corpus
from discrepancy.models import Document, Fact

from .conftest import FIXTURES, OWN_CORPORA, ROOT

REALNEWS = ROOT.parent / "shared" / "realnews"


def _corpora() -> list[Path]:
    found = [FIXTURES, *(FIXTURES / c for c in OWN_CORPORA)]
    if REALNEWS.is_dir():
        found += sorted(p for p in REALNEWS.iterdir() if (p / "gold.toml").is_file())
    return found


def same_types(a: object, b: object) -> bool:
    """Equal, and of the same types all the way down (a tuple is not a list, 1 is not 1.0, an
    enum member is not its string)."""
    if type(a) is not type(b):
        return False
    if dataclasses.is_dataclass(a):
        return all(same_types(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, frozenset):
        a, b = sorted(a, key=repr), sorted(b, key=repr)  # type: ignore[arg-type]
    if isinstance(a, tuple | list) and not isinstance(a, str):
        return len(a) == len(b) and all(same_types(x, y) for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]
    return a == b


@pytest.mark.parametrize("corpus", _corpora(), ids=lambda p: p.name)
def test_decode_of_encode_gives_the_same_facts(corpus: Path) -> None:
    ctx = RunContext.of()
    docs = load_corpus(corpus).documents
    total = 0
    for doc in docs:
        facts = extract_facts(doc, ctx.registry, ctx.vocab)
        back = decode_facts(json.loads(json.dumps(encode_facts(facts))), doc)
        assert back == facts
        assert all(same_types(a, b) for a, b in zip(back, facts, strict=True))
        total += len(facts)
    assert total > 0


def test_facts_come_back_from_pickle_the_same_and_still_frozen() -> None:
    # how a worker process sends its facts back (frozen.Rebuilt)
    ctx = RunContext.of()
    facts = [f for doc in load_corpus(FIXTURES).documents for f in extract_facts(doc, ctx.registry, ctx.vocab)]
    back = pickle.loads(pickle.dumps(facts))
    assert back == facts
    assert all(same_types(a, b) for a, b in zip(back, facts, strict=True))
    assert {type(f.value) for f in back} >= {values.DateValue, values.Amount, values.QuoteValue}
    with pytest.raises(dataclasses.FrozenInstanceError):
        back[0].doc = "other"  # type: ignore[misc]
    date = next(f.value for f in back if isinstance(f.value, values.DateValue))
    with pytest.raises(dataclasses.FrozenInstanceError):
        date.year = 1  # type: ignore[misc]


def test_every_value_type_is_whitelisted() -> None:
    exported = {
        name
        for name, obj in vars(values).items()
        if inspect.isclass(obj) and issubclass(obj, values.Value) and obj is not values.Value
    }
    assert exported == set(VALUE_TYPES)


def _one_fact() -> tuple[Document, list[object]]:
    doc = next(d for d in load_corpus(FIXTURES).documents if extract_facts(d))
    fact = next(f for f in extract_facts(doc) if isinstance(f.value, values.DateValue))
    return doc, encode_facts([fact])


def _field(name: str) -> int:
    return [f.name for f in dataclasses.fields(Fact)].index(name)


def _set(row: list[object], name: str, value: object) -> list[object]:
    row = list(row)
    row[_field(name)] = value
    return row


BROKEN = {
    "start as text": lambda row: _set(row, "start", "12"),
    "a span off the text": lambda row: _set(row, "start", row[_field("start")] + 1),  # type: ignore[operator]
    "another document": lambda row: _set(row, "doc", "elsewhere"),
    "a sentence it lacks": lambda row: _set(row, "sentence", 10_000),
    "an unknown value type": lambda row: _set(row, "value", ["os.system", [["rm -rf /"]]]),
    "a value of another type's fields": lambda row: _set(row, "value", ["ColourValue", [1, 2, 3]]),
    "a key of an unknown kind": lambda row: _set(row, "keys", [["nope", "x"]]),
    "a field missing": lambda row: row[:-1],
    "a bool as a number": lambda row: _set(row, "lead", 1),
    "not a list": lambda row: {"kind": "date"},
}


@pytest.mark.parametrize("broken", list(BROKEN), ids=str)
def test_anything_but_facts_of_the_document_is_refused(broken: str) -> None:
    doc, rows = _one_fact()
    assert decode_facts(rows, doc)  # the untouched entry reads
    with pytest.raises(CodecError):
        decode_facts([BROKEN[broken](rows[0])], doc)
