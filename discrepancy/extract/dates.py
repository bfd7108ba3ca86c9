"""DATE and WEEKDAY facts: a compact grammar of news date expressions, resolved against the
publication date. (Publication dates from metadata are parsed by discrepancy.dating, the only
module that imports dateparser.)"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from ..lexicon import words
from ..models import LEAD_DAY, Document, Fact, Key, KeyKind, Kind, Sentence, word_keys
from ..text import canon, canon_words, matches, tokens
from ..values import WEEKDAYS, DateValue, Value, WeekdayValue
from ..vocab import Vocabulary
from .context import alone, fact_at, proper_words, temporal_keys, temporal_subject
from .roles import known_surnames, who_keys

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MON = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
_WD = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_PART = r"(?:(?:the\s+)?(?:beginning|start|end|middle)\s+of|early|mid|late)"

# Longest alternatives first; named groups tell the resolver what was written.
_DATE = re.compile(
    rf"""(?<![\w-])(?:
      (?:(?P<wd1>{_WD}),?\s+)?(?P<mon1>{_MON})\s+(?P<day1>{_DAY})(?!\d)(?:,?\s+(?P<year1>{_YEAR}))?
    | (?:(?P<wd2>{_WD}),?\s+)?(?:the\s+)?(?P<day2>{_DAY})\s+(?:of\s+)?(?P<mon2>{_MON})(?:,?\s+(?P<year2>{_YEAR}))?
    | (?P<part>{_PART})[\s-]+(?P<mon3>{_MON})(?:\s+(?P<year3>{_YEAR}))?
    | (?P<mon4>{_MON})\s+(?P<year4>{_YEAR})
    | (?P<iso>{_YEAR})-(?P<isom>[01]\d)-(?P<isod>[0-3]\d)
    | \b(?:in|since|until|by|during|from|of|early|late|last|next|this)\s+(?P<mon5>{_MON})(?!\s+\d)
    | \b(?:in|since|until|by|during|of)\s+(?P<year6>{_YEAR})(?!\d|[-–]\d|,\d)
    | (?P<rel>yesterday|today|tonight|last\s+night|(?:the\s+)?(?:next|following|previous)\s+day
        |the\s+day\s+(?:before|after)|a\s+day\s+(?:later|earlier)
        |(?:earlier|later)\s+this\s+(?:week|month|year)|(?:last|this|next)\s+(?:week|month|year))
    )(?![\w])""",
    re.IGNORECASE | re.VERBOSE,
)
# The lede: the "when" of a story is stated in its first sentences (inverted pyramid). Four
# sentences cover a headline, a standfirst and the first paragraph; later first mentions are
# too often another event (a press conference the day after). Checked on the seeds, where the
# lede's weekday sits in sentence 2 or 4, and on a real two-outlet cluster where a sixth-sentence
# "said Thursday" is not the event.
LEAD_SENTENCES = 4

# Words that put a weekday ahead of the publication date rather than behind it.
_FUTURE = re.compile(
    r"\b(?:will|shall|'ll|is|are)\s+(?:be\s+)?(?:due|set|scheduled|expected|planned|starting|beginning)\b"
    r"|\bwill\b|\bstarting\b|\bfrom\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|\bnext\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(rf"(?<![\w-])(?P<wd>{_WD})(?:['’]s)?(?![\w])", re.IGNORECASE)


def _last_day(year: int | None, month: int) -> int:
    return calendar.monthrange(year or 2001, month)[1]


def _day(text: str) -> int:
    return int(re.sub(r"\D.*", "", text))


def _month(text: str) -> int:
    return MONTHS[text[:3].lower()]


def _weekday(text: str) -> int:
    return WEEKDAYS.index(text.lower().rstrip("s'’").removesuffix("'"))


def _past_year(month: int, day: int, published: dt.date | None, future: bool = False) -> int | None:
    """The year a yearless date falls in: news reports the past (allow a week ahead for previews);
    a sentence about what is to come ("will vote again on June 21") names a day ahead, so a day
    more than a month before the publication date is next year's."""
    if published is None:
        return None
    year = published.year
    try:
        when = dt.date(year, month, min(day, _last_day(year, month)))
    except ValueError:
        return None
    if future:
        return year + 1 if when < published - dt.timedelta(days=FUTURE_GRACE_DAYS) else year
    return year - 1 if when > published + dt.timedelta(days=7) else year


# A future sentence may still name a day just past ("the vote, set for May 30, will..." in a
# report filed after it); only a day further back than this moves to the next year.
FUTURE_GRACE_DAYS = 31


def _span(start: dt.date, end: dt.date) -> DateValue:
    if start.year != end.year:  # keep it simple: clamp to the later year
        start = dt.date(end.year, 1, 1)
    return DateValue(year=end.year, lo=(start.month, start.day), hi=(end.month, end.day))


def _from_date(d: dt.date) -> DateValue:
    return DateValue(year=d.year, lo=(d.month, d.day), hi=(d.month, d.day))


def _shift(v: DateValue, days: int) -> DateValue | None:
    if v.precision != "day":
        return None
    year = v.year or 2001
    try:
        d = dt.date(year, *v.lo) + dt.timedelta(days=days)
    except ValueError:
        return None
    return DateValue(year=v.year if d.year == year else None, lo=(d.month, d.day), hi=(d.month, d.day))


def resolve(
    m: re.Match[str], published: dt.date | None, previous: DateValue | None, future: bool = False
) -> DateValue | None:
    """The value of a matched date expression (None when it cannot be anchored or is impossible);
    `future` when its sentence speaks of what is to come."""
    g = m.groupdict()
    if g["iso"]:
        try:
            return _from_date(dt.date(int(g["iso"]), int(g["isom"]), int(g["isod"])))
        except ValueError:
            return None
    for i in ("1", "2"):
        if g[f"mon{i}"]:
            month, day = _month(g[f"mon{i}"]), _day(g[f"day{i}"])
            year = int(g[f"year{i}"]) if g[f"year{i}"] else _past_year(month, day, published, future)
            if day > _last_day(year, month):
                return None
            wd = _weekday(g[f"wd{i}"]) if g[f"wd{i}"] else None
            return DateValue(year=year, lo=(month, day), hi=(month, day), weekday=wd)
    if g["mon3"]:
        month = _month(g["mon3"])
        year = int(g["year3"]) if g["year3"] else _past_year(month, 1, published, future)
        last = _last_day(year, month)
        part = g["part"].lower()
        lo, hi = (
            (1, 10)
            if ("beginning" in part or "start" in part or "early" in part)
            else ((11, 20) if ("mid" in part) else (21, last))
        )
        return DateValue(year=year, lo=(month, lo), hi=(month, hi))
    if g["mon4"] or g["mon5"]:
        month = _month(g["mon4"] or g["mon5"])
        year = int(g["year4"]) if g["year4"] else _past_year(month, 1, published, future)
        return DateValue(year=year, lo=(month, 1), hi=(month, _last_day(year, month)))
    if g["year6"]:
        return DateValue(year=int(g["year6"]), lo=(1, 1), hi=(12, 31))
    return _relative(" ".join(g["rel"].lower().split()), published, previous)


def _relative(rel: str, published: dt.date | None, previous: DateValue | None) -> DateValue | None:
    if rel in {"the next day", "next day", "the following day", "following day", "the day after", "a day later"}:
        return _shift(previous, 1) if previous else None
    if rel in {"the previous day", "previous day", "the day before", "a day earlier"}:
        return _shift(previous, -1) if previous else None
    if published is None:
        return None
    p = published
    if rel in {"today", "tonight"}:
        return _from_date(p)
    if rel in {"yesterday", "last night"}:
        return _from_date(p - dt.timedelta(days=1))
    unit = rel.split()[-1]
    if unit == "week":
        monday = p - dt.timedelta(days=p.weekday())
        if rel.startswith("last"):
            monday -= dt.timedelta(days=7)
        elif rel.startswith("next"):
            monday += dt.timedelta(days=7)
        return _span(monday, monday + dt.timedelta(days=6))
    if unit == "month":
        y, mth = p.year, p.month
        if rel.startswith("last"):
            y, mth = (y - 1, 12) if mth == 1 else (y, mth - 1)
        elif rel.startswith("next"):
            y, mth = (y + 1, 1) if mth == 12 else (y, mth + 1)
        return DateValue(year=y, lo=(mth, 1), hi=(mth, _last_day(y, mth)))
    if unit == "year":
        y = p.year - 1 if rel.startswith("last") else p.year + 1 if rel.startswith("next") else p.year
        return DateValue(year=y, lo=(1, 1), hi=(12, 31))
    return None


def date_span(m: re.Match[str]) -> tuple[int, int]:
    """The span of the date itself (a month or year matched after its preposition excludes it)."""
    for g in ("mon5", "year6"):
        if m.group(g):
            return m.span(g)
    return m.span()


def weekday_date(weekday: int, published: dt.date | None, future: bool = False, word: str = "") -> DateValue | None:
    """The most recent such weekday on or before the publication date, or the next one on or
    after it when the sentence speaks of the future ("mourning will start on Wednesday").
    "last Thursday" written on a Thursday is the week before, "next Thursday" the week after."""
    if published is None:
        return None
    word = word.lower()
    if future or word == "next":
        ahead = (weekday - published.weekday()) % 7
        return _from_date(published + dt.timedelta(days=ahead or (7 if word == "next" else 0)))
    back = (published.weekday() - weekday) % 7
    return _from_date(published - dt.timedelta(days=back or (7 if word == "last" else 0)))


# The word before a weekday that moves it a week: "last Thursday", "next Thursday".
_WEEK_WORD = re.compile(r"\b(last|next)\s+$", re.IGNORECASE)


def extract(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """DATE and WEEKDAY facts of a document, in order; "the next day" follows the discourse."""
    from .quotes import quote_spans  # noqa: PLC0415 - the quote grammar lives with quotes

    facts: list[Fact] = []
    previous: DateValue | None = None
    lead_taken = False
    named = proper_words(doc)
    known = known_surnames(doc)
    quoted: list[tuple[int, int]] | None = None  # the quotes' spans, read at the first relative day
    for sent in doc.sentences:
        spans: list[tuple[int, int]] = []
        found: list[Fact] = []
        for m in matches(_DATE, sent.text):
            s, e = (sent.start + x for x in date_span(m))
            value = resolve(m, doc.published, previous, future=_is_future(sent, s, e))
            spans.append((s, e))
            if value is None or _DATELINE.match(sent.text[: m.start()]):
                continue
            if m.group("rel"):
                if quoted is None:
                    quoted = [span for b in doc.blocks if b.kept for span in quote_spans(doc.text, b.start, b.end)]
                if any(a <= s < b for a, b in quoted):
                    continue  # "today" inside a quote is the speaker's day, not the article's
            if value.precision == "day":
                previous = value
            if m.group("rel"):
                value = replace(value, relative=" ".join(m.group("rel").lower().split()))
            fact = _fact(doc, sent, s, e, Kind.DATE, value, value.normalized(), named, known)
            if _recap(value, doc.published):
                fact = replace(fact, role="background")  # a recap of an earlier event, not the story's
            ahead = bool(m.group("rel")) and value.relative.startswith(("next ", "tomorrow"))
            if ahead or _is_future(
                sent, s, e
            ):  # "will report its next results in March" is not when they were reported
                fact = replace(fact, future=True)
            found.append(fact)
        for m in matches(_WEEKDAY, sent.text):
            s, e = sent.start + m.start("wd"), sent.start + m.end("wd")
            if any(a <= s < b for a, b in spans) or _in_name(sent.text, m.start("wd")):
                continue
            if _habitual(sent.text, m.start("wd"), m.end()):
                continue
            wd = _weekday(m.group("wd"))
            future = _is_future(sent, s, e)
            said = _WEEK_WORD.search(sent.text[: m.start("wd")])
            day = weekday_date(wd, doc.published, future=future, word=said.group(1) if said else "")
            weekday = WeekdayValue(weekday=wd, date=day)
            fact = _fact(doc, sent, s, e, Kind.WEEKDAY, weekday, weekday.normalized(), named, known)
            found.append(replace(fact, future=True) if future else fact)
        found.sort(key=lambda f: f.start)
        if not lead_taken and sent.index < LEAD_SENTENCES and not sent.headline and _is_event_sentence(sent):
            # the lede's "when" is a day ("on Thursday", "yesterday", "March 26"), never a
            # month or a year ("last year", "in 2022" are background)
            days = [i for i, f in enumerate(found) if _is_day(f.value) and f.role != "background"]
            # prefer the day attached to an event ("last night's collision") over another
            # ("investigators spent Wednesday combing...")
            days.sort(key=lambda i: (not (found[i].key_words & LEDE_EVENTS), i))
            if days:
                found[days[0]] = _with_lead(found[days[0]], doc.published)
                lead_taken = True
        facts.extend(found)
    return facts


# A day or month this long before the publication date dates an earlier event (a recap), not the
# story's; a year is a recap when it is before the previous year.
RECAP_DAYS = 60


def _recap(value: DateValue, published: dt.date | None) -> bool:
    if published is None or value.year is None:
        return False  # (years named in the text may be page stamps: no publication date, no recap)
    if value.precision == "year":
        return value.year < published.year - 1
    day, _ = value.day()
    return day is not None and day < published - dt.timedelta(days=RECAP_DAYS)


# Words before a weekday that make it part of a name, not a day: "Patch Tuesday", "Black Friday".
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+\s+$")
_DATE_WORDS = frozenset(
    {"On", "Last", "Next", "This", "Since", "By", "Until", "From", "Each", "Every", "Early", "Late"}
)


def _in_name(text: str, start: int) -> bool:
    """A weekday right after a capitalised word inside a sentence ("Patch Tuesday", "Super
    Tuesday") is part of a name."""
    m = _NAME_BEFORE.search(text[:start])
    return m is not None and m.start() > 0 and m.group().strip() not in _DATE_WORDS


# A weekday that recurs is no event's day: "every Tuesday", "each Friday", "the second Tuesday
# of each month", "the first Monday of the month".
_EVERY_BEFORE = re.compile(
    r"\b(?:every|each)\s+(?:other\s+)?$|\bthe\s+(?:first|second|third|fourth|fifth|last|final)\s+$", re.IGNORECASE
)
_EVERY_AFTER = re.compile(r"\s+(?:of|in)\s+(?:each|every|the|a)\s+(?:month|week|year)\b", re.IGNORECASE)


def _habitual(text: str, start: int, end: int) -> bool:
    return bool(_EVERY_BEFORE.search(text[max(0, start - 30) : start]) or _EVERY_AFTER.match(text, end))


def _is_future(sent: Sentence, start: int, end: int) -> bool:
    """True when the words around a date speak of what is to come ("will start on Wednesday")."""
    a, b = start - sent.start, end - sent.start
    left = re.split(r"[,;:]", sent.text[max(0, a - 50) : a])[-1]
    right = re.split(r"[,;:]", sent.text[b : b + 25])[0]
    return bool(_FUTURE.search(left + " @ " + right))


def _is_day(value: Value) -> bool:
    return isinstance(value, WeekdayValue) or (isinstance(value, DateValue) and value.precision == "day")


def _is_event_sentence(sent: Sentence) -> bool:
    """A sentence whose first day is the story's: not a quote, and not a follow-up lede that
    dates the event relative to another day ("on Tuesday, a day after the storm hit")."""
    return (
        not sent.text.lstrip().startswith(("“", '"', "‘"))
        and not _RELATIVE_EVENT.search(sent.text)
        and not _RISEN_TO.search(sent.text)  # "the toll has risen to six after ... on Tuesday": a follow-up
        and not _FUTURE.search(sent.text)  # "mourning starting on 16 November" is not what happened
    )


# Word groups naming the kinds of event a day or time dates (data/words.toml [events] day).
LEDE_EVENTS = words().day_events
# "a day after", "two days after", "hours after": the day named is not the event's
_RELATIVE_EVENT = re.compile(
    r"\b(?:a|one|two|three|four|five|several|\d+)\s+(?:days?|weeks?|hours?)\s+(?:after|since)\b", re.IGNORECASE
)
# A follow-up lede reports a figure that changed since the event ("has risen to", "climbed to").
_RISEN_TO = re.compile(
    r"\b(?:risen|rose|climbed|jumped|increased|grown|grew|fallen|fell|dropped)\s+to\b", re.IGNORECASE
)
# A dateline ("PUERTO ALBA, Sept 15 (Reuters) -") dates the filing, not an event.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{2,40},\s*$")


# Words either side of a day that make it the day of a statement ("said on Thursday", "during a
# briefing on Friday", "on Friday released"), not of the event the statement reports.
_SPEECH_REACH = (3, 2)


def frame_keys(sent: Sentence, start: int, end: int, known: frozenset[str] = frozenset()) -> frozenset[Key]:
    """The frame and roles of a day or time: the kinds of event its sentence reports, whether it
    is a statement's day, and who the sentence is about (the surnames it names, the ages it gives)."""
    return _frame_keys(sent.text, start - sent.start, end - sent.start, known)


@lru_cache(maxsize=8192)
def _frame_keys(text: str, rel_s: int, rel_e: int, known: frozenset[str]) -> frozenset[Key]:
    sent = alone(text)
    events = set(canon_words(sent.text)) & LEDE_EVENTS
    left_clause = re.split(r"[,;:()“”\"]", sent.text[:rel_s])[-1]
    right_clause = re.split(r"[,;:()“”\"]", sent.text[rel_e:])[0]
    left = [w for _, _, w in tokens(left_clause)][-_SPEECH_REACH[0] :]
    right = [w for _, _, w in tokens(right_clause)][: _SPEECH_REACH[1]]
    if any(canon(w) == "say" for w in (*left, *right)) or _said_noun(sent.text[rel_e:]):
        events.add("statement")
    if _DISCOVERY.search(sent.text):
        events.add("discovery")  # "her body was found on April 9": not the day she died
    return frozenset({Key(KeyKind.EVENT, e) for e in events} | who_keys(sent, known=known))


# A day written as a possessive and the word after it ("Today's admission"): the noun it is the
# day of.
_POSSESSED = re.compile(r"['’]s\s+(\w+)")
STATEMENT_NOUNS = words().statement_nouns


def _said_noun(after: str) -> bool:
    """Whether a day is the possessive of something said ("Today's admission", "Friday's
    announcement"): the day of a statement, not of the event it is about; "last night's
    collision" stays the event's."""
    m = _POSSESSED.match(after)
    return m is not None and (m.group(1).lower() in STATEMENT_NOUNS or canon(m.group(1)) == "say")


_DISCOVERY = re.compile(
    r"\b(?:body|bodies|remains)\b[^.;:]{0,40}?\b(?:found|discovered|recovered|located)\b"
    r"|\b(?:found|discovered|recovered|located)\s+(?:\w+\s+){0,2}(?:body|bodies|remains|dead)\b",
    re.IGNORECASE,
)


def _with_lead(f: Fact, published: dt.date | None) -> Fact:
    # the publication day travels with a lede: a follow-up published a day later leads with a
    # later development, so only same-day (or undated) ledes are the same fact
    day = published.isoformat() if published else ""
    keys = f.keys | {LEAD_DAY}
    return replace(f, keys=keys, subject="main event (lede)", lead=True, published=day)


def _fact(
    doc: Document, sent: Sentence, s: int, e: int, kind: Kind, value: Value, norm: str, named: frozenset[str],
    known: frozenset[str],
) -> Fact:  # fmt: skip
    keys = word_keys(temporal_keys(sent, s, e), named) | frame_keys(sent, s, e, known)
    return fact_at(
        doc, sent, s, e, kind=kind, value=value, normalized=norm, keys=keys,
        subject=temporal_subject(sent, s, e),
    )  # fmt: skip
