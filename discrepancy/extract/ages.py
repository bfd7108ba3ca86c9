"""Ages (QUANTITY facts, unit "age"), each bound to whose age it is.

"Jane Roe, 36," "36-year-old Jane Roe", "Roe, 36, of Town", "Jane Roe, aged 36" and "the
36-year-old" after a named person in the sentence are keyed by that person (KeyKind.PERSON,
`people.People.key`); "a 59-year-old woman" by the noun phrase. Ages of different people never
share a key, so they never meet; an age bound to nobody ("the 20-year-old found out") is left out.
"""

from __future__ import annotations

import re

from ..models import Document, Fact, Key, KeyKind, Kind, Sentence
from ..text import is_stopword, matches
from ..values import Amount
from ..vocab import Vocabulary
from .context import CLAUSE_OPENERS, fact_at
from .people import People, clean_tokens, people_of, run_after, run_before

YEAR_OLD = re.compile(r"(?<![\w-])(?P<n>\d{1,3})[- ]years?[- ]old\b(?![-’'])", re.IGNORECASE)
AGED = re.compile(r"\baged\s+(?P<n>\d{1,3})\b(?!\s*(?:to|-|–|and)\s*\d)", re.IGNORECASE)
# "Raj Chohan, 59, of Queens", "Subryan, 23, was charged", "Ravi Singh, 32." (not a list of numbers)
_APPOSED = re.compile(r",\s+(?P<n>\d{1,3})(?=\s*(?:,(?!\s*\d)|;|\)|\.(?:\s|$)|$))")
# Words after "a 59-year-old" that end the noun phrase: verbs and adverbs of the clause.
_CLAUSE_WORDS = re.compile(
    r"(?:ed|ing)$|^(?:is|was|were|has|had|have|will|would|never|also|then|who|said|says|fell|fled|died)$"
)
# Words of nationality or origin ("Australian", "Englishman", "Swiss"): an adjective, not a surname.
_DEMONYM = re.compile(r"(?:an|ans|ish|ese|ian|man|men|i|ch|ss)$")
_THE_AGE = re.compile(r"\bthe\s+\d{1,3}[- ]years?[- ]old$", re.IGNORECASE)
MAX_AGE = 120
MAX_NOUN_WORDS = 2

# The words after an "N-year-old" that may name a thing: "the 86-year-old structure", "the
# 86-year-old wooden warehouse" (lowercase words; a name or a function word ends the phrase).
_WORDS_AFTER = re.compile(r"(?:\s+[a-z][\w-]*){1,3}")


def thing_after(text: str, end: int, vocab: Vocabulary) -> str:
    """The noun of a thing (words.toml [aged_things]: "structure") whose age ends at `end`, or ""."""
    m = _WORDS_AFTER.match(text, end)
    for word in m.group().split() if m else ():
        if word in vocab.words.aged_things:
            return word
        if is_stopword(word) or _CLAUSE_WORDS.search(word):
            break
    return ""


def extract(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """Age facts of a document, each keyed by whose age it is."""
    if not any(matches(p, sent.text) for sent in doc.sentences for p in (YEAR_OLD, AGED, _APPOSED)):
        return []  # no age: whom the document names is not needed
    people = people_of(doc)
    facts: list[Fact] = []
    for sent in doc.sentences:
        text = sent.text
        for m in matches(YEAR_OLD, text):
            if thing_after(text, m.end(), vocab):
                continue  # "the 86-year-old structure": when it was built (origins.py), nobody's age
            key, label = _after_age(people, text, m.end()) or _bare(people, text, m.start()) or ("", "")
            facts += _age(doc, sent, m, key, label)
        for m in matches(AGED, text):
            before = text[: m.start()].rstrip(", ")
            tokens = clean_tokens(run_before(before))
            if tokens:
                facts += _age(doc, sent, m, people.key(tokens), " ".join(tokens))
            else:
                noun = re.search(r"\b(?:a|an|the)\s+((?:[a-z]+\s+){0,1}[a-z]+)$", before)
                if noun:
                    facts += _age(doc, sent, m, "", noun.group(1))
        for m in matches(_APPOSED, text):
            tokens = clean_tokens(run_before(text[: m.start()]))
            if tokens and (len(tokens) >= 2 or people.knows(tokens[-1])) and not _list_of_numbers(text, m.start()):
                facts += _age(doc, sent, m, people.key(tokens), " ".join(tokens))
    return facts


def _after_age(people: People, text: str, end: int) -> tuple[str, str] | None:
    """Whose an "N-year-old" is, from what follows it: a name ("36-year-old Duncan Rait", "the
    36-year-old champion Klitschko") or a noun phrase ("a 59-year-old woman")."""
    rest = text[end:]
    words: list[str] = []
    pos = 0
    while len(words) <= MAX_NOUN_WORDS:
        gap = re.match(r"\s+", rest[pos:])
        if gap is None:
            break
        pos += gap.end()
        run = run_after(rest[pos:])
        if run:
            tokens = clean_tokens(run)
            if tokens and (len(tokens) >= 2 or people.knows(tokens[-1]) or not _DEMONYM.search(tokens[0])):
                return people.key(tokens), " ".join(tokens)  # "the 36-year-old champion Klitschko"
            if tokens:  # "a 36-year-old Australian climber": an adjective of the noun phrase
                words.append(tokens[0].lower())
                pos += len(run)
                continue
            break
        word = re.match(r"[a-z][\w-]*", rest[pos:])
        if word is None or is_stopword(word.group()) or word.group() in CLAUSE_OPENERS:
            break
        if _CLAUSE_WORDS.search(word.group()):
            break
        words.append(word.group())
        pos += word.end()
    if words and not _CLAUSE_WORDS.search(words[-1]) and not _THE_AGE.search(text[:end]):
        return "", " ".join(words)  # "a 59-year-old woman"; "the 20-year-old found out" is no noun
    return None


def _bare(people: People, text: str, start: int) -> tuple[str, str] | None:
    """ "the 36-year-old" with no noun: the one person the sentence named before it, if one."""
    named = {}
    for m in re.finditer(r"(?<![\w’'-])[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*", text[:start]):
        tokens = clean_tokens(m.group())
        if tokens and people.knows(tokens[-1]):
            named[people.key(tokens)] = " ".join(tokens)
    return next(iter(named.items())) if len(named) == 1 else None


def _list_of_numbers(text: str, start: int) -> bool:
    return bool(re.search(r"\d\s*,?\s*$", text[:start]))


def _age(doc: Document, sent: Sentence, m: re.Match[str], person: str, label: str) -> list[Fact]:
    n = float(m.group("n"))
    if not 0 < n <= MAX_AGE or not (person or label):
        return []
    s = sent.start + m.start("n") if m.re is _APPOSED else sent.start + m.start()
    e = sent.start + m.end()
    whose = person or "a " + label.lower()
    value = Amount(point=n, lo=n, hi=n, unit="age")
    subject = f"age of {label}" if person else f"age of a {label.lower()}"
    return [
        fact_at(
            doc, sent, s, e, kind=Kind.QUANTITY, value=value, normalized=value.normalized(),
            keys=(Key(KeyKind.PERSON, whose),), subject=subject, person=person,
        )
    ]  # fmt: skip
