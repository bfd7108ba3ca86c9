"""ATTRIBUTION facts: who a quote is credited to, when an article names the speaker right beside
the quoted words ('..." Kelnic said', 'said Mayor Ana Kelnic: "..."').

The value is the speaker (a surname, or an organisation's name), a person when the article
names that person in full; the fact is about the quote's words (a STATEMENT key), so the same
words credited to two different people in two articles meet and conflict. A speaker carried
over from an earlier quote, a pronoun ("he said") or a role ("the officer said") is never an
attribution: only the name written beside the quote is evidence of whom an outlet credits.
The claim is the speaker's name as written; its sentence holds the quote.
"""

from __future__ import annotations

import re

from ..lexicon import title_pattern
from ..models import Document, Fact, Key, KeyKind, Kind
from ..text import content_words, is_stopword
from ..values import AttributionValue
from ..vocab import Vocabulary
from .context import SentenceIndex
from .names import SPEECH_VERBS, find_people
from .quotes import quote_segments, quote_words
from .spelling import fold_name, honorific

# A statement worth crediting: this many content words at least ("absurd situation" may be
# two people's words; a sentence of four content words is one person's).
MIN_CONTENT_WORDS = 4
_VERBS = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
# '...," Kelnic said' / '...," said Mayor Ana Kelnic' / '...," Ana Kelnic, the mayor, said'
_AFTER = re.compile(
    r"[,.!?]?\s*[”\"’]?\s*(?:(?:" + _VERBS + r")\s+(?P<who1>[^,.;:“\"]{1,60})"
    r"|(?P<who2>[^,.;“\"]{1,60}?)(?:,\s[^.;“\"]{1,80},)?\s+(?:" + _VERBS + r")\b)",
    re.IGNORECASE,
)
# 'Kelnic said: "...' / 'Kelnic told reporters on Monday, "...': the verb and a few words
# between the name and the opening mark.
_BEFORE = re.compile(r"\s+(?:" + _VERBS + r")\b[^.!?“\"]{0,40}?[:,]?\s*[“\"]?\s*$", re.IGNORECASE)
# Words that make the name someone else's ('the lawyer for Kelnic said', 'a friend of Kelnic').
_NOT_THE_SPEAKER = frozenset({"of", "for", "to", "with", "from", "about", "by", "quoting", "citing", "and"})
_ORG = re.compile(r"(?:[A-Z][\w’'&-]*\.?\s+){0,4}[A-Z][\w’'&-]*")
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
_CALENDAR = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august"
    r"|september|october|november|december|today|yesterday|tonight",
    re.IGNORECASE,
)


def extract(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """ATTRIBUTION facts: one per quotation whose speaker is named right beside it."""
    text = doc.text
    by_run: dict[int, list[tuple[int, int, int, bool]]] = {}
    for seg in quote_segments(doc):
        by_run.setdefault(seg.run, []).append((seg.start, seg.end, seg.block, seg.closed))
    full = _named_in_full(doc)
    sentences = SentenceIndex(sorted(doc.sentences, key=lambda s: s.start))
    facts: list[Fact] = []
    for segs in by_run.values():
        words = tuple(w for s, e, _, _ in segs for w in quote_words(text[s:e]))
        content = content_words(" ".join(words))
        if len(content) < MIN_CONTENT_WORDS:
            continue
        (qs, _, first_block, _), (_, qe, last_block, closed) = segs[0], segs[-1]
        found = _named_after(text, qe, doc.blocks[last_block].end) if closed else None
        if found is None:
            found = _named_before(doc, qs, first_block)
        if found is None:
            continue
        start, end, speaker, is_person = found
        sent = sentences.holding(start)
        if sent is None or not speaker:
            continue
        value = AttributionValue(speaker, is_person or speaker in full, fold_name(speaker))
        # No context words: the quote's words are its key, and must not count as a sentence's
        # words when alignment weighs word rarity for the other kinds.
        facts.append(
            Fact(
                kind=Kind.ATTRIBUTION,
                doc=doc.id,
                start=start,
                end=end,
                raw=text[start:end],
                value=value,
                normalized=speaker,
                sentence=sent.index,
                keys=frozenset({Key(KeyKind.STATEMENT, " ".join(words))}),
                subject=f"who said “{_opening(words)}”",
                speaker=speaker,
            )
        )
    return facts


def _opening(words: tuple[str, ...]) -> str:
    return " ".join(words[:8]) + ("…" if len(words) > 8 else "")


def _named_in_full(doc: Document) -> frozenset[str]:
    """Surnames the article gives with a given name or a title: people, not organisations."""
    return frozenset(p.surname for s in doc.sentences for p in find_people(s.text, s.start) if p.full)


def _named_after(text: str, qe: int, bend: int) -> tuple[int, int, str, bool] | None:
    """The speaker named right after a quote's closing mark, as (start, end, speaker, person)."""
    after = text[qe : min(bend, qe + 100)]
    if re.match(r"[.!?…]", after[:1] or " ") and re.match(r"[.!?…]*[”\"’]?\s+[A-Z]", after):
        return None  # the quote closed its sentence: what follows is a new one
    m = _AFTER.match(after)
    if not m:
        return None
    group = "who1" if m.group("who1") else "who2"
    return _name(text, qe + m.start(group), qe + m.end(group), trailing=group == "who1")


def _named_before(doc: Document, qs: int, block: int) -> tuple[int, int, str, bool] | None:
    """The speaker named just before a quote's opening mark ('Kelnic said: "...')."""
    lo = max(doc.blocks[block].start, qs - 120)
    before = doc.text[lo:qs]
    m = _BEFORE.search(before)
    if not m:
        return None
    head = before[: m.start()]
    cut = max(head.rfind(c) for c in '.!?”"')  # the same sentence only
    return _name(doc.text, lo + cut + 1, lo + m.start(), trailing=False)


def _name(text: str, lo: int, hi: int, *, trailing: bool) -> tuple[int, int, str, bool] | None:
    """The name text[lo:hi] gives: a person's (surname) or an organisation's. `trailing`: the
    name opens the span and a title may follow ('said Ana Kelnic, the mayor'); otherwise the
    name ends it ('Mayor Ana Kelnic said')."""
    who = text[lo:hi]
    people = [p for p in find_people(who, lo) if p.surname]
    if people:
        p = people[0] if trailing else people[-1]
        outside = text[lo : p.start] if trailing else text[p.end : hi]
        inside = text[lo : p.start] if not trailing else ""
        if outside.strip(" ,") and not trailing:
            return None  # 'Kelnic's lawyer said': someone else speaks
        if _someone_else(inside) or _someone_else(text[lo : p.start]):
            return None
        end = p.end
        while end > p.start and text[end - 1] in ".,;:’'":
            end -= 1
        if text[p.start : end].endswith(("’s", "'s")):
            return None
        return p.start, end, p.surname, p.full or (len(p.tokens) > 1 and honorific(p.tokens[0]))
    orgs = list(_ORG.finditer(who))
    m = (orgs[0] if trailing else orgs[-1]) if orgs else None
    if m is None or _someone_else(who[: m.start()]):
        return None
    name = m.group().rstrip(".")
    if trailing and who[m.end() :].strip(" ,"):
        return None
    if not trailing and who[m.end() :].strip():
        return None
    toks = name.split()
    if any(_CALENDAR.fullmatch(t) for t in toks):
        return None  # '..." said on Tuesday': when, not who
    if all(is_stopword(t) or t.lower() in _PRONOUNS for t in toks):
        return None
    while toks and (is_stopword(toks[0]) or toks[0].lower() in _PRONOUNS):
        toks.pop(0)  # "The Navy" -> "Navy"
    start = lo + m.start() + m.group().find(toks[0])
    end = start + len(" ".join(toks))
    if text[start:end] != " ".join(toks):
        return None  # spaced irregularly: leave it
    pattern = title_pattern()
    titled = pattern.search(text[start:end].lower()) if pattern is not None else None
    if titled and text[start + titled.end() : end].strip():  # "Academy President Boone Isaacs"
        start += titled.end() + 1
        return start, end, text[start:end].split()[-1].lower(), True
    if len(toks) > 1 and honorific(toks[0]):  # "Insp Gaskin", "Dr. Lorn": a person
        return start, end, toks[-1].lower(), True
    return start, end, " ".join(toks).lower(), False


def _someone_else(words: str) -> bool:
    return any(w.lower().strip(",") in _NOT_THE_SPEAKER for w in words.split())
