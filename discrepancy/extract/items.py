"""ITEM facts: terms of the item taxonomy (data/items.toml), lists of them merged into one fact
("rockets and missiles"), keyed by the event words around them ("supplied", "charged with")."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import Taxonomy, group_keys, norm_term
from ..models import LOOSE, Document, Fact, Key, KeyKind, Kind, Sentence, word_keys
from ..text import canon, is_stopword, tokens
from ..values import ItemValue
from ..vocab import Vocabulary
from .context import CLAUSE_OPENERS, alone, fact_at
from .figures import TENS, UNITS
from .numbers import dated_role, reference_year

EVENT_WINDOW = 8  # words either side of an item that can say what happened to it
FAR_EVENT_CHARS = 80  # beyond its clause, an event word this close (in characters) still counts
# Word groups that name people, institutions, places or time rather than what happened to an item.
NOT_EVENTS = frozenset(
    {"people", "official", "country", "town", "village", "month", "year", "week", "day", "hour", "minute",
     "police", "soldier", "fighter", "worker", "passenger", "patient", "prisoner", "child", "contractor",
     "court", "hospital"}
)  # fmt: skip
_COUNT_BEFORE = re.compile(r"(?<![\w.,])(\d[\d,]*)\s+(?:[a-z-]+\s+){0,2}$")
_CLAUSE = re.compile(r"[,;:()]|\s[-–—]\s")
_JOINER = re.compile(
    r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*&\s*|\s*/\s*)(?:(?:a|an|the|some)\s+)?(?:[a-z-]+\s+){0,2}",
    re.IGNORECASE,
)


def extract(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """ITEM facts of a document."""
    tax = vocab.items
    facts = []
    year = reference_year(doc)
    for sent in doc.sentences:
        for group in _term_lists(tax, sent.text):
            s, e = sent.start + group[0][0], sent.start + group[-1][1]
            nodes = tuple(sorted({n for _, _, n in group}))
            event, word = _event(sent, s, e)
            keys = event | {Key(KeyKind.DOMAIN, tax.root(nodes[0]))}
            count = _COUNT_BEFORE.search(sent.text[: group[0][0]])
            n = ""
            if count and not re.fullmatch(
                r"(1[89]|20)\d\d", count.group(1)
            ):  # "3,000 tents": the figure is part of what the item is about
                n = count.group(1).replace(",", "")
                keys.add(Key(KeyKind.COUNT, n))
            value = ItemValue(nodes=nodes, count=n)
            subject = f"items ({word})" if word else f"{tax.root(nodes[0]).replace('_', ' ')} named"
            facts.append(
                fact_at(
                    doc,
                    sent,
                    s,
                    e,
                    kind=Kind.ITEM,
                    value=value,
                    normalized=value.normalized(),
                    keys=frozenset(keys),
                    subject=subject,
                    role=dated_role(sent, year, doc.published),  # "in 2008, a storm that killed 17"
                )
            )
    return facts


# Item words that are also verbs: "will train soldiers", "to ship grain", "they fire".
VERB_HOMOGRAPHS = frozenset(
    {"train", "trains", "ship", "ships", "tank", "fire", "fires", "shell", "shells", "mine", "bus", "fine", "fines"}
)
_VERB_CONTEXT = re.compile(
    r"(?:\b(?:to|will|would|can|could|should|must|may|might|they|we|you|i|he|she|it|also|not|and)\s+)$", re.IGNORECASE
)


@lru_cache(maxsize=8192)
def _term_lists(tax: Taxonomy, text: str) -> tuple[tuple[tuple[int, int, str], ...], ...]:
    """The items a sentence names, as lists ("rockets and missiles"): (start, end, node) of each
    term that names an item, not inside a name, not a verb (cached: a pure function of the
    sentence, and wire copy repeats sentences)."""
    hits = [
        (s, e, tax.term_node[norm_term(term)])
        for s, e, term in tax.finditer(text)
        if not _in_proper_name(text, s, e) and not _used_as_verb(text, s, text[s:e])
    ]
    return tuple(tuple(group) for group in _merge_lists(text, hits, tax))


def _used_as_verb(text: str, start: int, term: str) -> bool:
    return term.lower() in VERB_HOMOGRAPHS and bool(_VERB_CONTEXT.search(text[max(0, start - 12) : start]))


def _in_proper_name(text: str, start: int, end: int) -> bool:
    """A term inside a name ("the Aviation Accident Investigation Board") names no item."""
    if start > 0 and text[start].isupper():
        return True
    return bool(re.match(r"\s+[A-Z][a-z]", text[end:]) and text[start:end][:1].isupper())


def _merge_lists(text: str, hits: list[tuple[int, int, str]], tax: Taxonomy) -> list[list[tuple[int, int, str]]]:
    """Group terms of one domain joined by "and", "or" or commas into one list."""
    groups: list[list[tuple[int, int, str]]] = []
    # a term right before another of its domain is a modifier: "ambulance helicopter", "cargo ship"
    hits = [h for i, h in enumerate(hits) if not (
        i + 1 < len(hits) and re.fullmatch(r"\s+", text[h[1] : hits[i + 1][0]]) and tax.root(h[2]) == tax.root(hits[i + 1][2])
    )]  # fmt: skip
    for hit in hits:
        if groups:
            last = groups[-1][-1]
            gap = text[last[1] : hit[0]]
            if _JOINER.fullmatch(gap) and tax.root(last[2]) == tax.root(hit[2]):
                groups[-1].append(hit)
                continue
        groups.append([hit])
    return groups


def _event(sent: Sentence, start: int, end: int) -> tuple[set[Key], str]:
    """The event word nearest the item (a word-group key): before it first, as verbs precede
    their objects in English ("supplied rockets"), else after it ("rockets were supplied")."""
    keys, word = _event_in(sent.text, start - sent.start, end - sent.start)
    return set(keys), word


@lru_cache(maxsize=8192)
def _event_in(text: str, start: int, end: int) -> tuple[frozenset[Key], str]:
    # cached, a pure function of the sentence and the item's span
    keys, word = _nearest_event(alone(text), start, end)
    return frozenset(keys), word


def _nearest_event(sent: Sentence, start: int, end: int) -> tuple[set[Key], str]:
    groups = group_keys()
    rel_s, rel_e = start - sent.start, end - sent.start
    left = _CLAUSE.split(sent.text[:rel_s])[-1]
    right = _CLAUSE.split(sent.text[rel_e:])[0]
    before = [w for _, _, w in tokens(left)][-EVENT_WINDOW:]
    after = [w for _, _, w in tokens(right)][:EVENT_WINDOW]
    for i, w in enumerate([*reversed(before), *after]):
        if is_stopword(w) or w[0].isdigit() or w[0].isupper():
            continue
        c = canon(w)
        if c in groups and c not in NOT_EVENTS:
            return set(word_keys([c])), w.lower()
        if i < len(before) and _governs(w, before[len(before) - i :]):
            # the item's own verb, nearer than any event word: its role in the event ("using
            # two trucks", "melted the paint off cars"), which an event named elsewhere in the
            # sentence does not give
            return set(word_keys([c])), w.lower()
    # None in its clause: the nearest in the sentence ("Heat pumps, which now make up half of
    # sales"), else the sentence's events, marked weak so that it aligns only with items as
    # loosely placed.
    toks = tokens(sent.text, sent.start)
    near = sorted(
        (min(abs(s - end), abs(start - e)), canon(w).lower(), w.lower())
        for s, e, w in toks
        if not (start <= s < end) and not is_stopword(w) and not w[0].isdigit() and not w[0].isupper()
    )
    for distance, c, w in near:
        if distance > FAR_EVENT_CHARS:
            break
        if c in groups and c not in NOT_EVENTS:
            return set(word_keys([c])), w
    events = {c for _, _, w in tokens(sent.text) if not is_stopword(w) if (c := canon(w)) in groups} - NOT_EVENTS
    return set(word_keys(events)) | {LOOSE}, ""


# Words ending like a participle that are no verb.
_NOT_VERBS = frozenset({"hundred", "morning", "evening", "building", "meeting", "ceiling", "wedding", "something",
                        "nothing", "anything", "everything", "during", "according"})  # fmt: skip


# Words between a verb and an item that put the item in another clause: a relative pronoun or
# conjunction, or an auxiliary (a verb of its own).
_CLAUSE_BREAKS = CLAUSE_OPENERS | {"was", "were", "is", "are", "be", "been", "has", "have", "had", "and", "or", "but"}


def _governs(word: str, between: list[str]) -> bool:
    """Whether `word`, before an item with the words `between` them, is a verb that takes the item
    (or the phrase it ends) as its object: a participle or past form, then a determiner, a
    preposition or a number ("using at least two", "melted the paint off"); one right before
    the item ("armoured vehicles") or before other modifiers ("improvised explosive devices")
    describes it instead."""
    if not word.islower() or not word.endswith(("ed", "ing")) or len(word) < 6 or word in _NOT_VERBS:
        return False
    if not between or between[0].lower() == "by":  # "was foiled by a warship": the agent, not the object
        return False
    if any(w.lower() in _CLAUSE_BREAKS or w.lower().endswith(("ed", "ing")) for w in between):
        return False  # "approaching the boats that the warship": the item is in a clause of its own
    first = between[0].lower()
    return is_stopword(first) or first[0].isdigit() or first in UNITS or first in TENS
