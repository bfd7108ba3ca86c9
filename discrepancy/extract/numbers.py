"""QUANTITY and MONEY facts: figures in digits or words, scale words, currencies, rates and
qualifiers ("more than", "about", "up to") kept as intervals."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from ..lexicon import group_keys, words
from ..models import Document, Fact, Key, KeyKind, Kind, Sentence, word_keys
from ..text import canon, canon_words, is_stopword, matches, tokens
from ..values import Amount
from ..vocab import Vocabulary
from . import measures
from .context import (
    WINDOW,
    alone,
    fact_at,
    left_words,
    right_words,
    surface_left,
    surface_right,
)
from .counts import (
    CLOCK,
    COUNT_EVENTS,
    DURATIONS,
    RECORD_AFTER,
    RECORD_BEFORE,
    VAGUE_RE,
    counted,
    looks_like_year_or_label,
    vague,
    verb_counted,
)
from .figures import QUALIFIERS, SCALES, TENS, UNITS, parse_number
from .figures import interval as _interval

CURRENCY_SYMBOLS = {
    "us$": "USD", "$": "USD", "a$": "AUD", "c$": "CAD", "hk$": "HKD", "£": "GBP", "€": "EUR",
    "¥": "JPY", "₹": "INR", "₽": "RUB", "₴": "UAH", "₩": "KRW",
}  # fmt: skip
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "gbp": "GBP", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB", "hryvnia": "UAH", "hryvnias": "UAH", "franc": "CHF",
    "francs": "CHF", "lira": "TRY", "naira": "NGN", "rand": "ZAR", "peso": "MXN",
    "pesos": "MXN", "reais": "BRL", "shekel": "ILS", "shekels": "ILS",
}  # fmt: skip
RATES = {"day": "day", "daily": "day", "week": "week", "weekly": "week", "month": "month",
         "monthly": "month", "year": "year", "annually": "year", "annual": "year", "yearly": "year"}  # fmt: skip

_NUMWORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_SCALE = r"(?:hundred|thousand|million|billion|trillion|mn|mln|bn|tn|k|m|b)"
_NUM = rf"""(?:(?:{_NUMWORD}|\d{{1,3}})\s+dozen|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?
  |(?:{_NUMWORD})(?:[\s-](?:{_NUMWORD}))?(?:\s+(?:hundred|thousand|million|billion))?
  |a\s+dozen|dozens?|a\s+(?:hundred|thousand|million|billion))"""
_QUAL = "|".join(sorted((re.escape(q).replace(r"\ ", r"\s+") for q in QUALIFIERS), key=len, reverse=True))
_CURSYM = r"(?:US\$|A\$|C\$|HK\$|\$|£|€|¥|₹|₽|₴|₩|(?:USD|EUR|GBP|JPY|CHF|CNY|INR|RUB|UAH|AUD|CAD)\s)"
_CURWORD = "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))
_RATE = r"(?:\s+(?:a|per|each|every)\s+(?P<rate>day|week|month|year)(?!\s+(?:earlier|ago|before|later))|\s+(?P<rate2>daily|weekly|monthly|annually|yearly))"
_FIGURE = re.compile(
    rf"""(?:(?<![\w$£€¥.,:/-])|(?<=[a-z]{{3}}-))(?:(?P<qual>{_QUAL})\s+)?
    (?:(?P<sym>{_CURSYM})\s?(?P<n1>{_NUM})(?:(?:\s?|-(?=[a-z]{{4}}))(?P<sc1>{_SCALE})\b)?
      |(?P<n2>{_NUM})(?:(?:\s?|-(?=[a-z]{{4}}))(?P<sc2>{_SCALE})\b)?(?:(?:\s+|-)(?P<cw>{_CURWORD})\b)?(?P<pct>\s?%|\s+per\s?cent\b|\s+percent\b)?
    )(?:{_RATE})?(?![\w])""",
    re.IGNORECASE | re.VERBOSE,
)
_DIGIT = re.compile(r"\d")
_PHONE = re.compile(r"(?<![\w.-])(?:\+?1[\s.-])?(?:\(\d{3}\)\s?|\d{3}[\s.-])?\d{3}[.-]\d{4}(?![\w-])")
_ORDINAL = re.compile(r"(?<![\w.,-])(?P<n>\d{1,3})(?:st|nd|rd|th)(?=[\s-])", re.IGNORECASE)
_SCORE = re.compile(r"(?<![\w.,-])(?P<a>\d{1,2})\s?[-–]\s?(?P<b>\d{1,2})(?![\w.,%-])")
_SCORE_WORDS = frozenset(
    [
        "win",
        "won",
        "wins",
        "beat",
        "beats",
        "defeat",
        "defeated",
        "lost",
        "lose",
        "loses",
        "draw",
        "drew",
        "victory",
        "score",
        "scored",
        "thrash",
        "thrashed",
        "edged",
        "final",
        "scoreline",
    ]
)
# Ordinals worth comparing: "in the 78th minute", "the 3rd round", "the 40th anniversary".
ORDINAL_HEADS = frozenset({"minute", "lap", "round", "over", "inning", "anniversary", "floor", "storey", "place"})
_RANGE_START = re.compile(r"(?<![\w.,])(\d[\d,.]*|[a-z]+)\s*(?:to|-|–|and)\s*$", re.IGNORECASE)
_CHANGE = frozenset({"rise", "fall", "cut", "reach", "stand", "stood", "total", "overnight"})
_MONEY_WORDS = frozenset({*SCALES, "million", "billion", "dollar", "euro", "pound", *CURRENCY_WORDS})
# Words before a number that make it a rating on a scale rather than a label ("Flight 17").
SCALE_LABELS = frozenset({"category", "level", "stage", "phase", "grade", "force", "tier", "alert"})
TERMS = frozenset({"sentence", "convict", "fine"})
# A figure glued to the word it rates by a hyphen ("a height-4.2 reading"); prefixes are no labels.
_GLUED = re.compile(r"(?<![\w-])([a-z]{3,})-$")
_NOT_LABELS = frozenset({"mid", "top", "under", "over", "post", "pre", "non", "anti", "covid", "sub", "all"})


def _sentence_groups(sent: Sentence) -> set[str]:
    return set(canon_words(sent.text))


def extract(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """QUANTITY and MONEY facts of a document."""
    year = reference_year(doc)
    facts: list[Fact] = []
    for sent in doc.sentences:
        # the day of publication matters to a sentence that names a month of a year only
        published = doc.published if _months(sent.text) else None
        facts.extend(placed(doc, sent, _sentence_figures(sent.text, year, published, vocab.frames)))
    return _conversions(doc, _coordinated_sums(doc, facts))


def placed(doc: Document, sent: Sentence, facts: tuple[Fact, ...]) -> list[Fact]:
    """Facts read from a sentence on its own (`alone`), placed in their document: its id, the
    sentence's number and offsets."""
    return [
        replace(f, doc=doc.id, start=f.start + sent.start, end=f.end + sent.start, sentence=sent.index) for f in facts
    ]


@lru_cache(maxsize=8192)
def _sentence_figures(
    text: str, year: int | None, published: dt.date | None, frames: tuple[tuple[str, tuple[str, ...]], ...]
) -> tuple[Fact, ...]:
    """The figures of a sentence read on its own, offsets into it (cached: a pure function of the
    sentence, the story's year and day and the corpus's frames; wire copy repeats sentences)."""
    sent = alone(text)
    doc = Document(id="", path="", text=text, sha256="", published=published, sentences=(sent,))
    facts: list[Fact] = []
    # a telephone number ("745-4811"), a clock time ("1415 GMT") or a won-lost record ("9-4
    # at home") is no figure
    digits = _DIGIT.search(sent.text) is not None  # phones, clocks, scores and ordinals need one
    occupied: list[tuple[int, int]] = [
        (sent.start + m.start(), sent.start + m.end())
        for pat in ((_PHONE, CLOCK) if digits else ())
        for m in pat.finditer(sent.text)
    ]
    for m in _SCORE.finditer(sent.text) if digits else ():
        s, e = sent.start + m.start(), sent.start + m.end()
        if RECORD_AFTER.match(sent.text, m.end()) or RECORD_BEFORE.search(
            sent.text[max(0, m.start() - WINDOW) : m.start()]
        ):
            occupied.append((s, e))
            continue
        if not _has_score_words(sent.text):
            continue
        a, b = sorted((int(m.group("a")), int(m.group("b"))), reverse=True)
        occupied.append((s, e))
        value = Amount(point=a * 100 + b, lo=a * 100 + b, hi=a * 100 + b, unit="score")
        facts.append(
            _fact(doc, sent, s, e, Kind.QUANTITY, value, word_keys(["score"]), "", norm=f"{a}-{b}", subject="score")
        )
    for m in _ORDINAL.finditer(sent.text) if digits else ():
        s, e = sent.start + m.start(), sent.start + m.end()
        head = counted(sent, e)
        if head and head[0] in ORDINAL_HEADS:
            n = float(m.group("n"))
            occupied.append((s, e))
            value = Amount(point=n, lo=n, hi=n, unit="ordinal")
            label = surface_right(sent, e, 1)
            facts.append(
                _fact(doc, sent, s, e, Kind.QUANTITY, value, word_keys(head), "", norm=m.group().lower(),
                      subject=f"which {label}")
            )  # fmt: skip
    # "2,000ft", "magnitude 4.6": measures, never counts
    role = dated_role(sent, year, published)
    facts.extend(measures.find(doc, sent, occupied, role, frames))
    facts.extend(_vague_counts(doc, sent, occupied, year))
    for m in matches(_FIGURE, sent.text):
        s, e = sent.start + m.start(), sent.start + m.end()
        if any(a < e and s < b for a, b in occupied):
            continue
        fact = _figure(doc, sent, m, s, e, year)
        if fact is not None:
            facts.append(fact)
    return tuple(facts)


def _vague_counts(doc: Document, sent: Sentence, occupied: list[tuple[int, int]], year: int | None) -> list[Fact]:
    """ "dozens of people", "hundreds of homes", "killing dozens": counts read as intervals."""
    out = []
    for m in matches(VAGUE_RE, sent.text):
        span = vague(m)
        s, e = sent.start + m.start("v"), sent.start + m.end("v")
        if span is None or any(a < e and s < b for a, b in occupied):
            continue
        head = counted(sent, sent.start + m.end()) if m.group("of") else []
        verb, verb_word = ("", "") if head else verb_counted(sent.text[: m.start()])
        if not head and not verb:
            continue
        if head and (head[0] in DURATIONS or head[0] in CURRENCY_WORDS or head[0] in _MONEY_WORDS):
            continue  # "hundreds of years", "millions of dollars": no count of things
        occupied.append((s, e))
        lo, hi = span
        value = Amount(point=lo, lo=lo, hi=hi, cls="vague")
        word = " ".join(m.group("v").lower().split())
        subject = f"number {verb_word}" if verb else f"number of {surface_right(sent, sent.start + m.end(), 3)}"
        out.append(
            _fact(doc, sent, s, e, Kind.QUANTITY, value, word_keys(head or [verb]), word, subject=subject,
                  role=_role(sent, s, e, year))
        )  # fmt: skip
    return out


def _conversions(doc: Document, facts: list[Fact]) -> list[Fact]:
    """ "€4 million ($4.4 million)": one sum and its conversion, kept on the value."""
    out: list[Fact] = []
    skip: set[int] = set()
    for i, f in enumerate(facts):
        if i in skip:
            continue
        nxt = facts[i + 1] if i + 1 < len(facts) else None
        if (
            nxt is not None and f.kind == nxt.kind == Kind.MONEY and f.sentence == nxt.sentence
            and isinstance(f.value, Amount) and isinstance(nxt.value, Amount) and f.value.unit != nxt.value.unit
            and re.fullmatch(r"\s*\(\s*(?:about|around|roughly|some|or|approximately)?\s*", doc.text[f.end : nxt.start])
            and re.match(r"\s*\)", doc.text[nxt.end :])
        ):  # fmt: skip
            value = replace(f.value, converted=nxt.value)
            f = replace(f, value=value, normalized=value.normalized())
            skip.add(i + 1)
        out.append(f)
    return out


def _coordinated_sums(doc: Document, facts: list[Fact]) -> list[Fact]:
    """Mark "60 passengers and four crew members": the two counts add up to one total."""
    out = []
    by_start = sorted(facts, key=lambda f: f.start)
    for i, f in enumerate(by_start):
        nxt = by_start[i + 1] if i + 1 < len(by_start) else None
        if (
            nxt is not None and f.kind == nxt.kind == Kind.QUANTITY and f.sentence == nxt.sentence
            and isinstance(f.value, Amount) and isinstance(nxt.value, Amount) and not f.value.unit and not nxt.value.unit
            and re.fullmatch(r"\s+[\w\s-]{1,40}?\s+and\s+", doc.text[f.end : nxt.start])
        ):  # fmt: skip
            total = f.value.point + nxt.value.point
            f = replace(f, value=replace(f.value, total=total))
        out.append(f)
    return out


def _figure(doc: Document, sent: Sentence, m: re.Match[str], s: int, e: int, year: int | None) -> Fact | None:
    reading = _read_figure(sent.text, m, year)
    return None if reading is None else _at(doc, sent, reading)


# What a figure reads as: its span in the sentence (start, end), kind, value (qualifier set),
# keys, normalized value, subject and role.
Reading = tuple[int, int, Kind, Amount, frozenset[Key], str, str, str]


@lru_cache(maxsize=8192)
def _read_figure(text: str, m: re.Match[str], year: int | None) -> Reading | None:
    """What the figure `m` of a sentence reads as, None when it is no fact (cached, a pure
    function of the sentence, its figure and the story's year: wire copy repeats sentences)."""
    sent = Sentence(doc="", index=0, block=0, start=0, end=len(text), text=text)
    s, e = m.start(), m.end()
    g = m.groupdict()
    num_text = g["n1"] or g["n2"]
    point = parse_number(num_text)
    if point is None:
        return None
    scale = (g["sc1"] or g["sc2"] or "").lower()
    sym = (g["sym"] or "").strip()
    currency = (
        CURRENCY_SYMBOLS.get(sym.lower(), "")
        or (sym.upper() if len(sym) == 3 else "")
        or CURRENCY_WORDS.get((g["cw"] or "").lower(), "")
    )
    if scale in {"m", "b", "k"} and not currency:
        return None  # "5 m" is a distance more often than five million
    if scale:
        point *= SCALES[scale]
    rate = RATES.get((g["rate"] or g["rate2"] or "").lower(), "")
    qual = " ".join((g["qual"] or "").lower().split())
    lo, hi, cls = _interval(point, qual)
    before = sent.text[max(0, s - sent.start - WINDOW) : s - sent.start]
    low_end = _RANGE_START.search(before)
    if low_end and not qual and not scale:  # "40 to 50 years": the figure is a range
        first = parse_number(low_end.group(1))
        if first is not None and first < point:
            lo, hi, cls = first, point, "range"
    role = _role(sent, s, e, year)
    if currency:
        value = Amount(point=point, lo=lo, hi=hi, cls=cls, unit=currency, rate=rate)
        near = [w for w in left_words(sent, s, 2) + right_words(sent, e, 2) if w not in _MONEY_WORDS]
        keys = word_keys(near) | ({Key(KeyKind.RATE, rate)} if rate else set())
        near_text = " ".join(w for w in (surface_left(sent, s, 2), surface_right(sent, e, 2)) if w)
        subject = f"amount ({near_text})" if near_text else "amount"
        return _reading(s, e, Kind.MONEY, value, keys, qual, role=role, subject=subject)
    if g["pct"]:
        value = Amount(point=point, lo=lo, hi=hi, cls=cls, unit="%")
        keys = word_keys([*left_words(sent, s, 2), *right_words(sent, e, 2), "percent"])
        near_text = surface_right(sent, e, 2) or surface_left(sent, s, 2)
        return _reading(s, e, Kind.QUANTITY, value, keys, qual, subject=f"percentage ({near_text})")
    label = re.search(r"\b([A-Za-z]+)\s*$", before) or _GLUED.search(before)
    glued = bool(label and before.endswith("-"))
    if glued and label and label.group(1) in _NOT_LABELS:
        return None  # "mid-2012", "COVID-19": a prefix or a name, as before the hyphen was read
    if label and (glued or label.group(1).lower() in SCALE_LABELS) and not qual:
        # "a Category 3 hurricane", "a Level 4 alert": a rating, compared like a count
        name = label.group(1).lower()
        value = Amount(point=point, lo=point, hi=point, unit=name)
        s_label = s - len(before) + label.start(1)
        return _reading(
            s_label, e, Kind.QUANTITY, value, word_keys([name]), "", subject=name, norm=f"{name} {num_text}"
        )
    after = sent.text[e - sent.start : e - sent.start + WINDOW]
    if looks_like_year_or_label(num_text, before, after):
        return None
    if re.match(
        r"-(?:year|month|week|day|hour|minute|second|storey|story|floor|page|point|game|man|member|strong|bit)s?\b",
        after,
    ):
        return None  # "a 160-year history", "a 12-member panel": a description, not a count
    head = after_noun = counted(sent, e)
    if num_text.lower() == "one" and (not (qual or set(head) & COUNT_EVENTS) or not head or head[0] in DURATIONS):
        return None  # "one of", "one day": a pronoun or an idiom far more often than a count
    if after.startswith("-") and len(head) > 1:
        # "a five-boat attack", "a 10-vehicle convoy": the size of the attack, in boats
        value = Amount(point=point, lo=lo, hi=hi, cls=cls, unit=head[0])
        unit, what = _surface_of_compound(sent, e)
        subject = f"{unit} count of {what}" + _ROLE_LABEL.get(role, "")
        return _reading(s, e, Kind.QUANTITY, value, word_keys(head[1:]), qual, subject=subject, role=role,
                        norm=replace(value, unit="").normalized())  # fmt: skip
    verb, verb_word = ("", "") if head else verb_counted(before)
    if verb:  # "killing 12 and injuring 57": what the verb did is what is counted
        head = [verb]
    left = [w for w in left_words(sent, s, 2) if w in group_keys()]
    if not head and re.search(r"\b(?:of|to|at|by)\s*$", before):
        # "a crowd of 38,412", "the death toll rose overnight to 3,381": what stands before
        near = left_words(sent, s, 12, stop_at_opener=False)
        counted_groups = words().count_subjects
        head = [w for w in near if w in counted_groups][:1] or [w for w in near[:3] if w not in _CHANGE][:1]
        left = [w for w in near[:3] if w in _CHANGE and w != "overnight"][:1]
    if not head:
        return None  # a bare number ("10,000 of which") is about something we cannot name
    keys = word_keys([*head, *left[:1]])
    if set(head) <= DURATIONS and not (_sentence_groups(sent) & TERMS):
        # "for 19 years", "two years later": a span of time says little about which fact,
        # unless it is a term ("sentenced to eight years", "a five-year ban")
        return None
    value = Amount(point=point, lo=lo, hi=hi, cls=cls)
    what = surface_right(sent, e, 3) if after_noun else _surface_of(sent, s, head[0])
    subject = f"number {verb_word}" if verb else f"number of {what}"
    subject += _ROLE_LABEL.get(role, "")
    return _reading(s, e, Kind.QUANTITY, value, keys, qual, subject=subject, role=role)


# A sentence about an earlier period: its figures are background, not today's facts.
_PAST = re.compile(
    r"\b(?:last|previous|past)\s+(?:year|decade|season)\b|\b(?:years|decades)\s+ago\b|\bpreviously\b", re.IGNORECASE
)
_DEMAND = re.compile(
    r"\b(?:sought|seeking|seeks|asked\s+for|asking\s+for|demanded|demanding|requested|called\s+for|wanted|proposed)\b[^.;]*$",
    re.IGNORECASE,
)
_DEMAND_AFTER = re.compile(
    r"[^.;,]{0,60}\b(?:had\s+)?(?:sought|asked\s+for|demanded|requested|called\s+for|wanted|proposed)\b", re.IGNORECASE
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_YEAR = re.compile(
    r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?"
    r"|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(1[89]\d\d|20\d\d)\b"
)
_YEAR_RE = r"(?<![\d,.])(1[89]\d\d|20\d\d)(?!\d|,\d)"
_YEAR = re.compile(_YEAR_RE)


def reference_year(doc: Document) -> int | None:
    """The story's year: the publication year, else the latest year the article names."""
    if doc.published:
        return doc.published.year
    return _latest_year(doc.text)


@lru_cache(maxsize=256)
def _latest_year(text: str) -> int | None:
    # cached: asked for each figure of an undated article
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None


def _surface_of_compound(sent: Sentence, end: int) -> tuple[str, str]:
    """The noun glued to a figure and the words it modifies, as written ("boat", "pirate attack")."""
    words = surface_right(sent, end, 3).split(" ")
    return words[0].lower(), " ".join(words[1:]).lower() or "what it modifies"


def _surface_of(sent: Sentence, before: int, canonical: str) -> str:
    """The words as written for a canonical word found before a figure ("death toll")."""
    toks = [w for _, e, w in tokens(sent.text, sent.start) if e <= before]
    for i in range(len(toks) - 1, -1, -1):
        if canon(toks[i]) == canonical:
            prev = toks[i - 1] if i and not is_stopword(toks[i - 1]) and not toks[i - 1][0].isdigit() else ""
            return f"{prev} {toks[i]}".strip().lower()
    return canonical


# How a figure's role reads in its subject ("number of pupils (part)").
_ROLE_LABEL = {
    "prior": " (earlier figure)", "background": " (earlier event)", "demand": " (demanded)",
    "part": " (part)", "whole": " (whole group)",
}  # fmt: skip
# A figure for a part of the whole ("including three pupils", "of them, eight", "in the northern
# district"): another fact than the total.
_PART_BEFORE = re.compile(r"\b(?:including|among\s+them|of\s+(?:them|whom),?)\s*$", re.IGNORECASE)
_PART_AFTER = re.compile(
    r"^\s*(?:of\s+(?:them|whom)\b|\w+(?:\s+\w+){0,3}\s+among\s+(?:the|them)\b"
    r"|\w+(?:\s+\w+){0,3}\s+in\s+the\s+(?:\w+\s+)?(?:district|region|province|county|suburb|neighbou?rhood|ward)\b)",
    re.IGNORECASE,
)


def _role(sent: Sentence, s: int, e: int, reference_year: int | None = None, published: dt.date | None = None) -> str:
    """ "prior" for the earlier figure of a change ("fell to $212m from $265m", "up from 12");
    "background" for a figure in a sentence about an earlier year ("in 1990, when 122 died") or
    an earlier month ("In June 2012, a 3.0 quake struck" in an article of March 2013)."""
    return _role_in(sent.text, s - sent.start, e - sent.start, reference_year, published)


@lru_cache(maxsize=8192)
def _role_in(text: str, s: int, e: int, reference_year: int | None, published: dt.date | None) -> str:
    # the role of text[s:e] (cached, a pure function: the measures and counts of a sentence ask)
    if _dated_text(text, reference_year, published) or _past(text):
        return "background"
    if _DEMAND.search(text[max(0, s - 60) : s]) or _DEMAND_AFTER.match(text[e : e + WINDOW]):
        return "demand"  # "the 16 years the prosecution had asked for", "unions demand 10%"
    before = text[max(0, s - 12) : s]
    if _WHOLE.search(before):
        return "whole"  # "one of four men": the size of the group, not how many did what the sentence says
    after = text[e : e + 30]
    clause_after = _CLAUSE_END.split(text[e : e + WINDOW])[0]
    if _PART_BEFORE.search(text[max(0, s - 30) : s]) or _PART_AFTER.search(clause_after):
        return "part"  # "including three pupils", "eight of them", "8 died in the northern district"
    if _FROM.search(before) and not _RANGE_ON.match(after):
        return "prior"
    if _EARLIER_AFTER.match(after):
        return "prior"
    return ""


_WHOLE = re.compile(r"\b(?:one|two|three|four|five|some|many|several|most|all|each|any|none)\s+of\s*$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:()]|\s[-–—]\s")
_FROM = re.compile(r"\bfrom\s*$")
_RANGE_ON = re.compile(r"\s*(?:to|-|–)\s")
_EARLIER_AFTER = re.compile(r",?\s+(?:a|the)\s+(?:year|quarter|month)\s+(?:earlier|before|ago)")


def dated_role(sent: Sentence, reference_year: int | None, published: dt.date | None) -> str:
    """ "background" when the sentence names an earlier year, or a month more than a month
    before the article ("In June 2012" in March 2013): another episode. Measures take only this
    part of a figure's role: "moved a mile away years ago" still gives today's distance."""
    return _dated_text(sent.text, reference_year, published)


def _dated_text(text: str, reference_year: int | None, published: dt.date | None) -> str:
    if reference_year and any(y < reference_year - 1 for y in _years(text)):
        return "background"
    if published is not None:
        for year, month in _months(text):
            if (year, month) < (published.year, published.month - 1):
                return "background"
    return ""


@lru_cache(maxsize=4096)
def _has_score_words(text: str) -> bool:
    # once per sentence, not per score in it (a sentence of 5,000 scores read its words each time)
    return not _SCORE_WORDS.isdisjoint(w.lower() for _, _, w in tokens(text))


@lru_cache(maxsize=4096)
def _past(text: str) -> bool:
    # cached, as the two below: asked for each figure of the sentence
    return bool(_PAST.search(text))


@lru_cache(maxsize=4096)
def _years(text: str) -> tuple[int, ...]:
    return tuple(int(y) for y in _YEAR.findall(text))


@lru_cache(maxsize=4096)
def _months(text: str) -> tuple[tuple[int, int], ...]:
    """(year, month) of each month named with its year ("June 2012")."""
    return tuple((int(m.group(2)), _MONTHS.index(m.group(1).lower()[:3]) + 1) for m in _MONTH_YEAR.finditer(text))


def _fact(
    doc: Document, sent: Sentence, s: int, e: int, kind: Kind, value: Amount,
    keys: frozenset[Key], qual: str, subject: str = "", norm: str = "", role: str = "",
) -> Fact:  # fmt: skip
    return _at(doc, sent, _reading(s - sent.start, e - sent.start, kind, value, keys, qual, subject, norm, role))


def _reading(
    s: int, e: int, kind: Kind, value: Amount, keys: frozenset[Key], qual: str, subject: str = "", norm: str = "",
    role: str = "",
) -> Reading:  # fmt: skip
    value = replace(value, qualifier=qual)
    subject = subject or " ".join(sorted(str(k) for k in keys))
    return s, e, kind, value, keys, norm or value.normalized(), subject, role


def _at(doc: Document, sent: Sentence, reading: Reading) -> Fact:
    """The fact a reading gives at its place in the document."""
    s, e, kind, value, keys, norm, subject, role = reading
    return fact_at(
        doc, sent, sent.start + s, sent.start + e, kind=kind, value=value, normalized=norm, keys=keys,
        subject=subject, role=role,
    )  # fmt: skip
