"""COLOUR facts: the colour a source gives a thing ("a silver Toyota Camry", "a gray 2013 Camry",
"a red car"), keyed by the thing. Colours and the nouns they describe are data
(data/colours.toml)."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from ..models import Document, Fact, Kind, word_keys
from ..text import canon, matches
from ..values import ColourValue
from ..vocab import Vocabulary
from .context import fact_at

MAX_NAME_WORDS = 3  # a make and model ("Toyota Land Cruiser") between a colour and its thing
_TOKEN = re.compile(r"[A-Za-z][\w-]*|\d{4}\b")


@cache
def _vocabulary() -> tuple[dict[str, str], frozenset[str]]:
    data = tomllib.loads(resources.files("discrepancy.data").joinpath("colours.toml").read_text("utf-8"))
    shades = {w.lower(): base for base, words in data["colours"].items() for w in words}
    return shades, frozenset(w.lower() for w in data["objects"]["nouns"])


def extract(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """COLOUR facts of a document."""
    shades, objects = _vocabulary()
    facts = []
    for sent in doc.sentences:
        toks = matches(_TOKEN, sent.text)
        for i, m in enumerate(toks):
            shade = m.group().lower()
            if shade not in shades or m.group()[0].isupper():
                continue  # "White House", "Jim Gray": a capitalised colour word is a name
            thing = _thing(sent.text, m.end(), toks[i + 1 :], objects)
            if not thing:
                continue
            s, e = sent.start + m.start(), sent.start + m.end()
            value = ColourValue(base=shades[shade], shade=shade)
            facts.append(
                fact_at(
                    doc,
                    sent,
                    s,
                    e,
                    kind=Kind.COLOUR,
                    value=value,
                    normalized=value.normalized(),
                    keys=word_keys([canon(thing)]),
                    subject=f"colour of the {thing.lower()}",
                )  # fmt: skip
            )
    return facts


def _thing(text: str, end: int, after: tuple[re.Match[str], ...], objects: frozenset[str]) -> str:
    """What a colour word describes: a model name or year run ending in the model ("Toyota
    Camry", "2013 Toyota Camry"), or a known object noun right after it ("car")."""
    name = ""
    for m in after[: MAX_NAME_WORDS + 1]:
        if text[end : m.start()].strip():
            break  # punctuation between: the run is over
        end = m.end()
        word = m.group()
        if word.lower() in objects:
            return word
        if word[0].isupper() or word.isdigit():
            if not word.isdigit():
                name = word
            continue
        break
    return name
