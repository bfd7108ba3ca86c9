"""QUOTE facts: quoted words (curly or straight marks, nested, or left open to the end of the
paragraph as news does for a quote that runs on), attributed to a speaker."""

from __future__ import annotations

import re

from ..models import Document, Fact, Key, KeyKind, Kind, Sentence
from ..text import canon, is_stopword, tokens
from ..values import QuoteValue
from ..vocab import Vocabulary
from .names import SPEECH_VERBS, find_people

MIN_WORDS = 2  # a one-word scare quote ("absurd") is not a statement to compare
_PRONOUNS = frozenset({"he", "she", "they", "spokesman", "spokeswoman", "spokesperson", "official"})
_AFTER = re.compile(
    r"^[,.!?]?\s*[”\"’]?\s*(?:(?P<verb>" + "|".join(SPEECH_VERBS) + r")\s+(?P<who1>[^,.;]+)"
    r"|(?P<who2>[^,.;“\"]{1,60}?)\s+(?:" + "|".join(SPEECH_VERBS) + r")\b)",
    re.IGNORECASE,
)


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the inner text of each top-level quote in text[start:end]."""
    spans = []
    depth = 0
    open_at = -1
    straight_open = -1
    for i in range(start, end):
        c = text[i]
        if c == "“":
            if depth == 0:
                open_at = i + 1
            depth += 1
        elif c == "”" and depth:
            depth -= 1
            if depth == 0:
                spans.append((open_at, i))
        elif c == '"' and depth == 0:
            if straight_open < 0:
                straight_open = i + 1
            else:
                spans.append((straight_open, i))
                straight_open = -1
    if depth:
        spans.append((open_at, end))
    elif straight_open >= 0:
        spans.append((straight_open, end))
    return sorted(_trim(text, s, e) for s, e in spans)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in "…"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",.;:…"):
        e -= 1
    return s, e


def quote_words(text: str) -> tuple[str, ...]:
    """The words of a quote, lowercase, for comparing wording."""
    return tuple(w.lower().replace("’", "'") for _, _, w in tokens(text))


def extract(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """QUOTE facts of a document, each with its speaker (surname or organisation, lowercase)."""
    facts: list[Fact] = []
    mentions = person_mentions(doc)
    last_speaker = ""
    for bi, block in enumerate(doc.blocks):
        if not block.kept:
            continue
        sents = [s for s in doc.sentences if s.block == bi]
        for qs, qe in quote_spans(doc.text, block.start, block.end):
            raw = doc.text[qs:qe]
            if len(quote_words(raw)) < MIN_WORDS:
                continue
            sent = _sentence_at(sents, qs) or _sentence_at(list(doc.sentences), qs)
            if sent is None:
                continue
            recent = [name for pos, name in mentions if pos < qs]
            in_block = [name for pos, name in mentions if block.start <= pos < qs]
            speaker = _speaker(doc.text, block.end, qs, qe, sent, recent[-1] if recent else last_speaker)
            if not speaker:  # a paragraph that is all quote: the person just named, else the last speaker
                speaker = in_block[-1] if in_block else (recent[-1] if recent else last_speaker)
            last_speaker = speaker or last_speaker
            content = frozenset(canon(w) for _, _, w in tokens(raw) if not is_stopword(w) and not w[0].isdigit())
            facts.append(
                Fact(
                    kind=Kind.QUOTE,
                    doc=doc.id,
                    start=qs,
                    end=qe,
                    raw=raw,
                    value=QuoteValue(quote_words(raw)),
                    normalized=" ".join(quote_words(raw)),
                    sentence=sent.index,
                    keys=frozenset({Key(KeyKind.SPEAKER, speaker)} if speaker else set()),
                    context=content,
                    subject=f"words of {speaker.title()}" if speaker else "quoted words",
                    speaker=speaker,
                )  # fmt: skip
            )
    return facts


def person_mentions(doc: Document) -> list[tuple[int, str]]:
    """Where people are named, in order: full names, and later mentions of their surnames."""
    found: list[tuple[int, str]] = []
    for s in doc.sentences:
        found.extend((p.start, p.surname) for p in find_people(s.text, s.start))
    known = {name for _, name in found if name}
    if known:
        pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(known)) + r")\b", re.IGNORECASE)
        for s in doc.sentences:
            for m in pattern.finditer(s.text):
                if m.group()[0].isupper():
                    found.append((s.start + m.start(), m.group().lower()))
    return sorted(set(found))


def _sentence_at(sents: list[Sentence], pos: int) -> Sentence | None:
    for s in sents:
        if s.start <= pos < s.end or (s.start <= pos <= s.end):
            return s
    for s in sents:  # a quote that opens just before its sentence's first word
        if pos < s.start:
            return s
    return None


def _speaker(text: str, bend: int, qs: int, qe: int, sent: Sentence, previous: str) -> str:
    """Who said the quote: the attribution after it, else the name before it, else the previous."""
    after = text[qe : min(bend, qe + 80)]
    # A quote that closes a sentence ('... abandoned." His government...') is followed by a new
    # sentence, not by its attribution ('...," he said').
    closes = re.match(r"[.!?…]*[”\"’]?\s+[A-Z]", after) and re.match(r"[.!?…]", text[qe : qe + 1] or " ")
    m = None if closes else _AFTER.match(after)
    if m:
        who = (m.group("who1") or m.group("who2") or "").strip()
        name = _name_in(who, qe)
        if name:
            return name
        if who.split() and who.split()[-1].lower() in _PRONOUNS | {"official"}:
            return previous
    before = text[sent.start : qs] if sent.start < qs else ""
    people = find_people(before, 0)
    if people:
        return people[0].surname
    orgs = re.findall(
        r"(?:[A-Z][\w’'-]+\s+){0,4}(?:Ministry|Office|Department|Government|Council|House|Agency)\b", before
    )
    if orgs:
        return orgs[0].split()[-1].lower() if len(orgs[0].split()) == 1 else " ".join(orgs[0].lower().split()[-2:])
    if re.search(r"\b(?:he|she)\s+(?:" + "|".join(SPEECH_VERBS) + r")\b", before + after[:30], re.IGNORECASE):
        return previous
    return ""


def _name_in(who: str, offset: int) -> str:
    people = find_people(who, offset)
    if people:
        return people[-1].surname
    toks = [t for t in who.split() if t[:1].isupper() and not is_stopword(t)]
    if toks and toks[-1].lower() not in _PRONOUNS:
        return toks[-1].strip(".,").lower()
    return ""
