"""PLACE facts: where a person lives or comes from, keyed by the person (KeyKind.RESIDENCE or
KeyKind.ORIGIN with the person's key from `people.py`), the value the place name.

Read: "Jane Roe, 36, of Millbrook", "Jane Roe of Millbrook", "Roe, a resident of Millbrook",
"Roe, who lives in Millbrook", "the driver, who is from Millbrook", "a Millbrook man" (keyed by
the noun), "Roe, originally from Millbrook" (origin). A place name is a run of capitalized words
with no organisation word in it ("of Millbrook Police" is no home town).
"""

from __future__ import annotations

import re
from functools import cache

from ..lexicon import _load, given_names
from ..models import Document, Fact, Key, KeyKind, Kind, Sentence
from ..text import canon_words, matches
from ..values import NameValue, PlaceValue
from ..vocab import Vocabulary
from .context import fact_at
from .names import CALENDAR_WORDS
from .numbers import reference_year
from .people import clean_tokens, people_of, run_before
from .spelling import fold_name, transliterate

_PLACE = r"(?P<place>[A-Z][\w’'-]*[a-z][\w’'-]*(?:\s+[A-Z][\w’'-]*[a-z][\w’'-]*){0,3})(?![\w’'-])(?!['’]s)"
# After a person: "of X", "from X", "a resident of X", "originally from X", "who lives in X".
_AFTER_PERSON = re.compile(
    r"(?:,\s+\d{1,3})?(?P<comma>,)?\s+(?:"
    r"(?P<home>of|from|a\s+(?:resident|native)\s+of|who\s+(?:lives|lived|resides|resided|had\s+lived)(?:\s+[\w-]+){0,5}?\s+in"
    r"|who\s+(?:is|was)\s+from|who\s+(?:lives|lived)\s+in)"
    r"|(?P<origin>originally\s+from|born\s+in|who\s+(?:comes|came|hails|hailed)\s+from))\s+" + _PLACE
)
# "the driver, who is from X": a noun before the relative clause.
_NOUN_WHO = re.compile(r"\b(?:the|a|an)\s+(?P<noun>[a-z]+),?\s*$")
# "a Millbrook man": the place as the adjective of a person noun.
_PLACE_NOUN = re.compile(
    r"(?<![\w’'-])(?:[Aa]n?)\s+"
    + _PLACE
    + r"\s+(?P<noun>man|woman|resident|native|teen|teenager|boy|girl|couple|family|youth|mother|father)\b"
)
# A place or a storm named after a cue: "east of X", "near X", "in X", "Hurricane X".
_NAMED = re.compile(
    r"(?:\b(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of|near|outside|in|from)\s+"
    r"|\b(?:Hurricane|Typhoon|Cyclone|Tropical\s+Storm|Storm)\s+)" + _PLACE
)
# Where an event happened, said with a cue that places its centre: "centred in X", "located near X".
_CENTRE = re.compile(r"\b(?:centred|centered|located|epicent(?:re|er)\s+(?:was\s+)?)\s*(?:in|near|at)\s+" + _PLACE)
# The events whose place is compared (word groups of data/words.toml): the event of the sentence.
EVENTS = ("quake", "flood", "fire_event", "crash", "collapse", "attack")
# Words of nationality ("an Australian man"): not a place.
_DEMONYM = re.compile(r"(?:an|ans|ish|ese|ian|i|ch|ss)$")


@cache
def _places_data() -> tuple[frozenset[str], frozenset[str]]:
    data = _load("places.toml")
    return frozenset(data.get("regions", [])), frozenset(data.get("organisation_words", []))


def extract(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """PLACE facts (home towns and origins of the people a document names) and NAME facts for
    the places and storms it names (`mentions`)."""
    homes = _homes(doc) + _events(doc)
    return homes + mentions(doc, homes)


def _events(doc: Document) -> list[Fact]:
    """PLACE facts of where an event happened ("the quake was centred in Millbrook"), keyed by
    the event's word group (KeyKind.PLACE_OF); a sentence that names no event gives none."""
    facts = []
    year = reference_year(doc)
    for sent in doc.sentences:
        centres = matches(_CENTRE, sent.text)
        if not centres:
            continue
        event = next((g for g in canon_words(sent.text) if g in EVENTS), "")
        if not event or _earlier(sent.text, year):
            continue  # no event, or an earlier one ("a 2012 quake was centred near Y")
        for m in centres:
            place = _place_words(m.group("place"))
            if place:
                label = event.replace("_event", "")
                facts.append(_fact(doc, sent, m.start("place"), place, KeyKind.PLACE_OF, event, f"the {label}"))
    return facts


def _homes(doc: Document) -> list[Fact]:
    """PLACE facts of a document: home towns and origins of the people it names."""
    if not any(matches(p, sent.text) for sent in doc.sentences for p in (_AFTER_PERSON, _PLACE_NOUN)):
        return []  # no home town: whom the document names is not needed
    people = people_of(doc)
    facts: list[Fact] = []
    for sent in doc.sentences:
        text = sent.text
        for m in matches(_AFTER_PERSON, text):
            place = _place_words(m.group("place"))
            if not place:
                continue
            kind = KeyKind.ORIGIN if m.group("origin") else KeyKind.RESIDENCE
            tokens = clean_tokens(run_before(text[: m.start()]))
            org = any(t.lower() in _places_data()[1] for t in tokens)
            # a person: named with a known given name, or with an age ("Jane Roe, 36, of"), or
            # a surname the document names in full; "Bureau of Investigation" is no person
            named = bool(tokens) and (
                tokens[0].lower() in given_names()
                or m.group().startswith(", ")
                and m.group()[2:3].isdigit()
                or people.knows(tokens[-1])
            )
            if named and not org:
                person, label = people.key(tokens), " ".join(tokens)
            else:
                noun = _NOUN_WHO.search(text[: m.start()]) if m.group("comma") and "who" in m.group() else None
                if noun is None:
                    continue
                person, label = "a " + noun.group("noun"), "a " + noun.group("noun")
            facts.append(_fact(doc, sent, m.start("place"), place, kind, person, label))
        for m in matches(_PLACE_NOUN, text):
            place = _place_words(m.group("place"))
            if place and not _DEMONYM.search(place) and not people.knows(place.split()[-1]):
                whose = "a " + m.group("noun")
                facts.append(_fact(doc, sent, m.start("place"), place, KeyKind.RESIDENCE, whose, whose))
    return facts


_EARLIER = re.compile(
    r"\b(?:last|previous|past)\s+(?:year|month|week)\b|\bago\b|\bpreviously\b|\bearlier\s+(?:quake|one)\b", re.I
)


def _earlier(text: str, year: int | None) -> bool:
    """True for a sentence about an earlier event: an earlier year, "last month", "years ago"."""
    years = [int(y) for y in re.findall(r"(?<![\d,.])(1[89]\d\d|20\d\d)(?!\d)", text)]
    return bool(_EARLIER.search(text)) or any(year is not None and y < year for y in years)


def mentions(doc: Document, homes: list[Fact]) -> list[Fact]:
    """NAME facts for places and storms named in the document ("east of Millbrook", "in
    Millbrook", "Hurricane Odile", home towns), so that one spelled two ways across sources is
    a spelling discrepancy like a person's name."""
    found = {f.start: (doc.sentences[f.sentence], f.raw) for f in homes}
    for sent in doc.sentences:
        for m in matches(_NAMED, sent.text):
            place = _place_words(m.group("place"))
            if place and not (_DEMONYM.search(place.split()[0]) and place.split()[0].lower() not in _places_data()[0]):
                found.setdefault(sent.start + m.start("place"), (sent, place))
    facts = []
    for s, (sent, place) in sorted(found.items()):
        facts.append(
            fact_at(
                doc, sent, s, s + len(place), kind=Kind.NAME, value=NameValue(place, _variant(place)),
                normalized=place, keys=(Key(KeyKind.WORD, "place_name"),), subject="spelling of the place name",
            )
        )  # fmt: skip
    return facts


def _variant(place: str) -> str:
    """A place name with its romanisation and a final e folded: "Bern" and "Berne" are one
    name, while a letter left out or doubled ("Harowgate") is a spelling to check."""
    return re.sub(r"e\b", "", transliterate(place))


def _place_words(place: str) -> str:
    """The place name, cut before a calendar word ("Millbrook Friday"); "" for an organisation
    ("Millbrook University", "Millbrook Police")."""
    out = []
    for tok in place.split():
        if tok.lower() in CALENDAR_WORDS:
            break
        out.append(tok)
    if out and out[-1].lower() in _places_data()[1]:
        return ""
    return " ".join(out)


def _fact(doc: Document, sent: Sentence, rel: int, place: str, kind: KeyKind, person: str, label: str) -> Fact:
    s = sent.start + rel
    e = s + len(place)
    value = PlaceValue(place, fold_name(place), place.lower() in _places_data()[0])
    what = {KeyKind.RESIDENCE: "home town", KeyKind.ORIGIN: "origin"}.get(kind, "place")
    return fact_at(
        doc, sent, s, e, kind=Kind.PLACE, value=value, normalized=place, keys=(Key(kind, person),),
        subject=f"{what} of {label}", person=person,
    )  # fmt: skip
