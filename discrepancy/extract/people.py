"""Whose a fact is: one key per person, from the words of a name, resolved within a document.

An age, a home town or a title belongs to one person. Its key is the person's given name and
surname ("robert buckley") when the document names them in full, so that relatives sharing a
surname ("Herbert Flynn", his daughter "Kaloni Flynn") never meet; a lone surname ("Buckley, 32")
takes the given name the document gives that surname elsewhere, when it gives exactly one.
Spellings are folded (`fold_name`), so "Rait" and "Raite" are one key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicon import given_names, norm_term, words
from ..models import Document
from ..text import matches
from .names import find_people
from .spelling import fold_name, honorific

# A capitalized run that may be a name ("Raj K. Chohan", "Ka'Loni Flynn", "Duncan Rait").
NAME_RUN = r"[A-Z][\w’'-]*\.?(?:\s+(?:(?:bin|ibn|al|el|de|da|van|von|der|la|le|di|del)\s+)?[A-Z][\w’'-]*\.?){0,4}"
_RUN_AT_END = re.compile(rf"(?<![\w’'-])({NAME_RUN})$")
_RUN_AT_START = re.compile(rf"^({NAME_RUN})(?![\w’'-])")
# "Raj Chohan, 59," "Vishwanand Subryan, 23, of": two or more capitalized words before an age.
_APPOSED_AGE = re.compile(rf"(?<![\w’'-])({NAME_RUN}),\s+\d{{1,3}},")
_YEAR_OLD_NAME = re.compile(rf"\d{{1,3}}[- ]years?[- ]old\s+({NAME_RUN})")
# Words of nationality or origin before a name ("Englishman", "Australian"), not a given name.
_ORIGIN_WORD = re.compile(r"(?:an|ish|ese|man|men|ss)$")
# Words that a capitalized run may start with but that are no part of a name.
_NOT_NAMES = frozenset({"the", "a", "an", "in", "on", "at", "of", "and", "but", "when", "after", "before", "police"})


def clean_tokens(run: str) -> list[str]:
    """The words of a name run without honorifics, initials, a possessive or a final full stop."""
    return list(_clean_tokens(run))


@lru_cache(maxsize=4096)
def _clean_tokens(run: str) -> tuple[str, ...]:
    # cached: a run is cleaned for each extractor that asks whose a fact is
    out = []
    for tok in run.split():
        tok = _POSSESSIVE.sub("", tok)
        if honorific(tok) or _INITIAL.fullmatch(tok) or tok.lower() in _NOT_NAMES or _title_word(tok):
            continue
        out.append(tok.rstrip(".,;:"))
    return tuple(t for t in out if t)


_POSSESSIVE = re.compile(r"['’]s$")
_INITIAL = re.compile(r"[A-Z]\.?")


def _title_word(token: str) -> bool:
    """True for a title written before a name ("Inspector", "Constable", "Judge")."""
    return norm_term(token) in words().title_role


def given_of(tokens: list[str]) -> str:
    """The given name among a run's words ("Englishman Robert Buckley": Robert), or ""."""
    if len(tokens) < 2:
        return ""
    given = given_names()
    if tokens[0].lower() in given or not _ORIGIN_WORD.search(tokens[0]):
        return tokens[0]  # "Kaloni Marie Flynn": the first word, even when it is a rare name
    return next((t for t in tokens[1:-1] if t.lower() in given), "")  # "Englishman Robert Buckley"


@dataclass(frozen=True, slots=True)
class People:
    """The people a document names in full: surname fold -> the given-name folds it comes with."""

    given: dict[str, frozenset[str]] = field(default_factory=dict)

    def key(self, tokens: list[str]) -> str:
        """The key of the person a run of name words names ("" when it names nobody)."""
        if not tokens:
            return ""
        surname = fold_name(tokens[-1])
        first = given_of(tokens)
        if first:
            return f"{fold_name(first)} {surname}"
        known = self.given.get(surname, frozenset())
        return f"{next(iter(known))} {surname}" if len(known) == 1 else surname

    def knows(self, token: str) -> bool:
        """True when the word is the surname of someone the document names in full."""
        return fold_name(clean_tokens(token)[0] if clean_tokens(token) else token) in self.given


@lru_cache(maxsize=16)  # ages and places of one document both ask (a pure function of the document)
def people_of(doc: Document) -> People:
    """Who the document names in full: a known given name before a surname ("Robert Buckley"),
    or two or more capitalized words before an age ("Vishwanand Subryan, 23,") or after one."""
    given: dict[str, set[str]] = {}

    def add(tokens: list[str]) -> None:
        first = given_of(tokens)
        if first:
            given.setdefault(fold_name(tokens[-1]), set()).add(fold_name(first))

    for sent in doc.sentences:
        for p in find_people(sent.text):
            if p.full:
                add(clean_tokens(" ".join(p.tokens)))
        for m in (*matches(_APPOSED_AGE, sent.text), *matches(_YEAR_OLD_NAME, sent.text)):
            add(clean_tokens(m.group(1)))
    return People({k: frozenset(v) for k, v in given.items()})


def run_before(text: str) -> str:
    """The capitalized run that ends the text ("... convicting Christopher Kenyon Simpson")."""
    m = _RUN_AT_END.search(text)
    return m.group(1) if m else ""


def run_after(text: str) -> str:
    """The capitalized run that starts the text."""
    m = _RUN_AT_START.match(text)
    return m.group(1) if m else ""
