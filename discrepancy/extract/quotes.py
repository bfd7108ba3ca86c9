"""QUOTE facts: quoted words (curly or straight marks, nested, or left open to the end of the
paragraph as news does for a quote that runs on), attributed to a speaker."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..models import Document, Fact, Key, KeyKind, Kind, Sentence
from ..text import canon, is_stopword, tokens
from ..values import QuoteValue
from ..vocab import Vocabulary
from .context import SentenceIndex
from .figures import TENS, UNITS, parse_number
from .names import SPEECH_VERBS, find_people

MIN_WORDS = 2  # a one-word scare quote ("absurd") is not a statement to compare
# Who an attribution names without a name: the speaker named before ("he said", "the officer said").
_PRONOUNS = frozenset(
    {"he", "she", "they", "spokesman", "spokeswoman", "spokesperson", "official", "officer", "source", "sources"}
)
_AFTER = re.compile(
    r"^[,.!?]?\s*[”\"’]?\s*(?:(?P<verb>" + "|".join(SPEECH_VERBS) + r")\s+(?P<who1>[^,.;]+)"
    r"|(?P<who2>[^,.;“\"]{1,60}?)\s+(?:" + "|".join(SPEECH_VERBS) + r")\b)",
    re.IGNORECASE,
)


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the inner text of each top-level quote in text[start:end]."""
    return sorted(_trim(text, s, e) for s, e, _ in _pairs(text, start, end))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in "…"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",.;:…"):
        e -= 1
    return s, e


def quote_words(text: str) -> tuple[str, ...]:
    """The words of a quote, lowercase, for comparing wording."""
    return tuple(w.lower().replace("’", "'") for _, _, w in tokens(text))


# '...," Captain Ada Lind, Chief Press Officer, Navy, said': a name, its title, the verb.
_APPOSITIVE = re.compile(
    r"^[,.!?]?\s*[”\"’]?\s*(?P<who2>[^,.;“\"]{1,60}),\s[^.;“\"]{1,80},\s(?:" + "|".join(SPEECH_VERBS) + r")\b"
)
# Text between quotes that reads as an attribution (", Captain X, chief officer, said";
# "she added in a statement") is not quoted words, even when the quote marks pair wrongly.
_ATTRIBUTION = re.compile(
    r"^[,\s]*(?:(?:" + "|".join(SPEECH_VERBS) + r")\s+[^.!?]{1,80}"
    r"|[^.!?]{1,80}?\s(?:" + "|".join(SPEECH_VERBS) + r")(?:\s+(?:in|on|to|at|during)\s+[^.!?]{1,40})?)[.,]?$",
    re.IGNORECASE,
)
ATTRIBUTION_MAX_WORDS = 14  # longer stretches ending in "said" are quoted words


@dataclass(frozen=True, slots=True)
class Segment:
    """The inner text of one quote within one paragraph; a quote that runs over paragraphs is
    several segments of one run (the later ones are continuations)."""

    start: int
    end: int
    block: int
    run: int  # segments of one quotation share it
    closed: bool  # a closing mark ends it in its paragraph (an attribution may follow)


def quote_segments(doc: Document) -> list[Segment]:
    """Quotes of a document, paragraph-aware: a quote left open at the end of a paragraph
    continues in the next when that one opens with a quote mark (news style) or closes a mark
    it never opened (a paragraph split into lines); otherwise it ran to its paragraph's end."""
    text = doc.text
    out: list[Segment] = []
    carry = -1  # the run left open by the previous kept paragraph
    runs = 0
    for bi, block in enumerate(doc.blocks):
        if not block.kept:
            continue
        pos = block.start
        continued = -1  # a run the first quote opened in this paragraph continues
        if carry >= 0:
            marks = [m.start() for m in _MARK.finditer(text, block.start, block.end)]
            first = marks[0] if marks else -1
            straight = sum(1 for i in marks if text[i] == '"')
            if first == block.start:
                continued = carry
            elif first >= 0 and (text[first] == "”" or (text[first] == '"' and straight % 2)):
                out.append(Segment(*_trim(text, block.start, first), bi, carry, True))
                pos = first + 1
        carry = -1
        for qs, qe, closed in _pairs(text, pos, block.end):
            run = continued if continued >= 0 else runs
            if continued < 0:
                runs += 1
            continued = -1
            out.append(Segment(*_trim(text, qs, qe), bi, run, closed))
            if not closed:
                carry = run
    return [s for s in out if s.end > s.start and not _is_attribution(text[s.start : s.end])]


_MARK = re.compile('[“”"]')


def _pairs(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of the top-level quotes in text[start:end], in order."""
    spans = []
    depth = 0
    open_at = -1
    straight_open = -1
    for m in _MARK.finditer(text, start, end):  # only the marks matter: skip the words between
        i = m.start()
        c = text[i]
        if c == "“" and straight_open < 0:
            if depth == 0:
                open_at = i + 1
            depth += 1
        elif c == "”" and depth:
            depth -= 1
            if depth == 0:
                spans.append((open_at, i, True))
        elif c == '"' and depth == 0:
            if straight_open < 0:
                straight_open = i + 1
            else:
                spans.append((straight_open, i, True))
                straight_open = -1
    if depth:
        spans.append((open_at, end, False))
    elif straight_open >= 0:
        spans.append((straight_open, end, False))
    return spans


def _is_attribution(raw: str) -> bool:
    return len(raw.split()) <= ATTRIBUTION_MAX_WORDS and bool(_ATTRIBUTION.match(raw))


_BRACKETED = re.compile(r"[(\[][^()\[\]]*[)\]]")
_ELLIPSIS = re.compile(r"…|\.\s?\.\s?\.")


def quote_value(raw: str) -> QuoteValue:
    """A quote's words, with the words an editor put in brackets and the ellipses marked."""
    toks = tokens(raw)
    inside = [m.span() for m in _BRACKETED.finditer(raw)]
    dots = [m.end() for m in _ELLIPSIS.finditer(raw)]
    inserted = tuple(i for i, (s, _, _) in enumerate(toks) if any(a <= s < b for a, b in inside))
    gaps = tuple(sorted({next((i for i, (s, _, _) in enumerate(toks) if s >= d), len(toks)) for d in dots}))
    return QuoteValue(
        quote_words(raw), inserted, tuple(g for g in gaps if 0 < g < len(toks)), figures=quote_figures(raw)
    )


_NUMBER_WORD = frozenset({*UNITS, *TENS, "hundred", "thousand", "million", "billion"})


def quote_figures(raw: str) -> tuple[float, ...]:
    """The numbers a quote states, in digits or words, sorted ("twenty-five" = "25"). A lone
    "one" is left out: it is a pronoun or "a" as often as a figure ("no one", "one of them")."""
    out: list[float] = []
    run: list[str] = []
    for _, _, w in [*tokens(raw), (0, 0, "")]:
        low = w.lower()
        parts = low.split("-")
        if low and (re.fullmatch(r"\d[\d,]*(?:\.\d+)?", low) or all(p in _NUMBER_WORD for p in parts)):
            if run and (low[0].isdigit() or run[-1][0].isdigit()):
                out.extend(n for n in (parse_number(" ".join(run)),) if n is not None and run != ["one"])
                run = []
            run.append(low)
            continue
        if run and run != ["one"]:
            n = parse_number(" ".join(run))
            if n is not None:
                out.append(n)
        run = []
    return tuple(sorted(out))


def extract(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """QUOTE facts of a document, each with its speaker (surname or organisation, lowercase).
    All segments of one quotation share its speaker: the attribution after its last segment,
    else the name before its first, else the speaker of the quote before."""
    facts: list[Fact] = []
    mentions = person_mentions(doc)
    positions = [pos for pos, _ in mentions]
    segments = quote_segments(doc)
    blocks: dict[int, list[Sentence]] = {}
    for s in doc.sentences:
        blocks.setdefault(s.block, []).append(s)
    by_block = {b: SentenceIndex(sents) for b, sents in blocks.items()}
    by_run: dict[int, list[Segment]] = {}
    for seg in segments:
        by_run.setdefault(seg.run, []).append(seg)
    last_speaker = ""
    speakers: dict[int, str] = {}
    for run, segs in sorted(by_run.items(), key=lambda kv: kv[1][0].start):
        first, last = segs[0], segs[-1]
        n_before = bisect_left(positions, first.start)  # the mentions before the quote
        prev = mentions[n_before - 1][1] if n_before else last_speaker
        speaker = ""
        if last.closed:
            speaker = _after(doc.text, doc.blocks[last.block].end, last.end, prev)
        if not speaker:
            sent = _sentence_of(doc, by_block, first)
            speaker = (
                _speaker(doc.text, doc.blocks[first.block].end, first.start, first.end, sent, prev) if sent else ""
            )
        if not speaker:  # a paragraph that is all quote: the person just named, else the last speaker
            block = doc.blocks[first.block]
            in_block = bool(n_before) and block.start <= positions[n_before - 1]
            speaker = mentions[n_before - 1][1] if in_block else prev
        speakers[run] = speaker
        last_speaker = speaker or last_speaker
    for seg in segments:
        raw = doc.text[seg.start : seg.end]
        sent = _sentence_of(doc, by_block, seg)
        if len(quote_words(raw)) < MIN_WORDS or sent is None:
            continue
        speaker = speakers[seg.run]
        content = frozenset(canon(w) for _, _, w in tokens(raw) if not is_stopword(w) and not w[0].isdigit())
        facts.append(
            Fact(
                kind=Kind.QUOTE,
                doc=doc.id,
                start=seg.start,
                end=seg.end,
                raw=raw,
                value=quote_value(raw),
                normalized=" ".join(quote_words(raw)),
                sentence=sent.index,
                keys=frozenset({Key(KeyKind.SPEAKER, speaker)} if speaker else set()),
                context=content,
                subject=f"words of {speaker.title()}" if speaker else "quoted words",
                speaker=speaker,
            )  # fmt: skip
        )
    return facts


def _sentence_of(doc: Document, by_block: dict[int, SentenceIndex], seg: Segment) -> Sentence | None:
    """The sentence of the segment's block that holds its start, else the next one; else the
    same among all the document's sentences."""
    block = by_block.get(seg.block)
    found = block and (block.holding(seg.start, closed=True) or block.after(seg.start))
    return found or _sentence_at(list(doc.sentences), seg.start)


def person_mentions(doc: Document) -> list[tuple[int, str]]:
    """Where people are named, in order: full names, and later mentions of their surnames."""
    found: list[tuple[int, str]] = []
    for s in doc.sentences:
        found.extend((s.start + start, name) for start, name in _named(s.text))
    known = frozenset(name for _, name in found if name)
    if known:
        most = max(len(_PIECE.findall(k)) for k in known)  # word pieces in the longest name
        for s in doc.sentences:
            found.extend((s.start + start, name) for start, name in _surname_mentions(s.text, known, most))
    return sorted(set(found))


@lru_cache(maxsize=8192)
def _named(text: str) -> tuple[tuple[int, str], ...]:
    """Where a sentence names people, and their surnames (cached: a pure function of it)."""
    return tuple((p.start, p.surname) for p in find_people(text))


@lru_cache(maxsize=8192)
def _surname_mentions(text: str, known: frozenset[str], most: int) -> tuple[tuple[int, str], ...]:
    """_mentions of the known surnames in a sentence (cached: wire copy repeats sentences, and
    the people an article names)."""
    return tuple(_mentions(text, known, most))


_PIECE = re.compile(r"\w+")
_JOINERS = frozenset("’'-")


def _mentions(text: str, known: frozenset[str], most: int) -> Iterator[tuple[int, str]]:
    """Where text names one of the known surnames (capitalized; case aside the same letters, whole
    words), as the alternation regex of all the names would find them, without trying every name
    at every position (quadratic in a long article): a name is a run of word pieces joined by
    apostrophes or hyphens, so only the runs that start at each piece are looked up. Of two names
    at one place the first in alphabetical order is taken, as the regex did."""
    pieces = [m.span() for m in _PIECE.finditer(text)]
    after = 0
    for i, (start, _) in enumerate(pieces):
        if start < after:
            continue
        found = None
        for j in range(i, min(len(pieces), i + most)):
            if j > i and not all(c in _JOINERS for c in text[pieces[j - 1][1] : pieces[j][0]]):
                break
            name = text[start : pieces[j][1]].lower()
            if name in known and (found is None or name < found[1]):
                found = (pieces[j][1], name)
        if found is not None:
            after = found[0]  # a lowercase mention is passed over, but still read
            if text[start].isupper():
                yield start, found[1]


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
    found = _after(text, bend, qe, previous)
    if found:
        return found
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


def _after(text: str, bend: int, qe: int, previous: str) -> str:
    """The speaker an attribution right after a quote names ('...," Kelnic said'), the previous
    speaker for a pronoun or a role ('he said', 'the officer said'), else ""."""
    after = text[qe : min(bend, qe + 80)]
    # A quote that closes a sentence ('... abandoned." His government...') is followed by a new
    # sentence, not by its attribution ('...," he said').
    closes = re.match(r"[.!?…]*[”\"’]?\s+[A-Z]", after) and re.match(r"[.!?…]", text[qe : qe + 1] or " ")
    m = None if closes else (_AFTER.match(after) or _APPOSITIVE.match(after))
    if not m:
        return ""
    who = (m.groupdict().get("who1") or m.group("who2") or "").strip()
    name = _name_in(who, qe)
    if name:
        return name
    if who.split() and who.split()[-1].lower() in _PRONOUNS:
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
