"""Who a sentence is about, for the facts whose frame has a person in it (the day someone died,
how far someone fell): the people it names in full and the ages it gives. Facts about different
people never meet (align/keys.py `frame_relation`)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..models import Document, Key, KeyKind, Sentence
from .ages import AGED, YEAR_OLD
from .names import find_people

# "Ilse Marani, 29, died": an age in commas after a capitalised name
_NAME_AGE = re.compile(r"\b[A-Z][\w'’-]+,\s(\d{1,3}),")
# A name right before or after a speech verb is the source of the sentence, not who it is about:
# "Inspector Dave Gaskin said the man fell 600m".
_SPEAKER_AFTER = re.compile(r"^[\s,]*(?:\w+\s+)?(?:said|says|told|added|stated|confirmed|explained)\b")
_SPEAKER_BEFORE = re.compile(r"\b(?:said|says|told|according\s+to)[\s,]*$")


def known_surnames(doc: Document) -> frozenset[str]:
    """The surnames of the people a document names in full somewhere: news names a person in
    full once, then by surname ("Ka'Loni Flynn" ... "in Flynn's car")."""
    return _known_surnames(tuple(sent.text for sent in doc.sentences))


@lru_cache(maxsize=64)
def _known_surnames(sentences: tuple[str, ...]) -> frozenset[str]:
    # cached: the date and the figure extractors both ask, for the same document
    return frozenset().union(*map(full_surnames, sentences))


@lru_cache(maxsize=8192)
def full_surnames(text: str) -> frozenset[str]:
    """The surnames of the people a sentence names in full (cached: a pure function of it)."""
    return frozenset(p.surname for p in find_people(text) if p.full and p.surname)


_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]+")


def who_keys(sent: Sentence, speakers: bool = True, known: frozenset[str] = frozenset()) -> frozenset[Key]:
    """Who a sentence is about: the surnames of the people it names in full, or by a surname the
    document `known`s from a full name elsewhere, and the ages it gives ("36-year-old", "Robert
    Buckley, 32,"); without `speakers`, a person it quotes as its source is left out."""
    text = sent.text
    who = {
        p.surname
        for p in find_people(text)
        if p.full and p.surname and (speakers or not _speaker(text, p.start, p.end))
    }
    if known:  # a surname alone, never as the sentence's source ("..., Owen said")
        who |= {
            w
            for m in _CAPITALISED.finditer(text)
            if (w := re.sub(r"['’]s$", "", m.group()).lower()) in known and not _speaker(text, m.start(), m.end())
        }
    who |= {"age:" + m.group("n") for pattern in (YEAR_OLD, AGED) for m in pattern.finditer(text)}
    who |= {"age:" + m.group(1) for m in _NAME_AGE.finditer(text)}
    return frozenset(Key(KeyKind.WHO, w) for w in who)


def _speaker(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is the source of the sentence ("Owen said")."""
    return bool(_SPEAKER_AFTER.match(text[end:]) or _SPEAKER_BEFORE.search(text[:start]))
