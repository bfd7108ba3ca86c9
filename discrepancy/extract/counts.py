"""The grammar of counts: what a number counts (the noun after it, an event participle after an
auxiliary, the verb before it), which numbers are labels, clock times or won-lost records
rather than counts, and vague counts ("dozens", "hundreds of") read as intervals."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import group_keys
from ..models import Sentence
from ..text import canon, is_stopword, tokens
from .context import CLAUSE_OPENERS, WINDOW

DURATIONS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "time", "decade", "century"})
_AUX = frozenset(
    ["were", "was", "are", "is", "have", "has", "had", "been", "being", "be", "reportedly", "also", "still"]
)
# Words between an auxiliary and its participle that say when or how sure ("have by then been
# declared dead", "were all later found"): skipped, at most _MAX_FILLER of them.
_FILLER = frozenset(
    ["by", "then", "now", "already", "so", "far", "all", "both", "later", "since", "initially", "officially",
     "apparently", "subsequently", "eventually", "each"]
)  # fmt: skip
_MAX_FILLER = 3
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "your", "my"})
# Reporting verbs ("declared dead", "confirmed killed") say who told, not what happened.
_REPORTING = frozenset({"say"})
# Verb groups whose object is what the number counts: "killing 12", "wounding another 49".
COUNTING_VERBS = frozenset({"die", "injure", "arrest", "rescue", "displace"})
# Event groups that make "one" a count ("one crew member died", "one man was arrested").
COUNT_EVENTS = frozenset({"die", "injure", "arrest", "rescue", "displace", "missing"})
# Capitalised words before a number that are a determiner or a hedge, not a label ("The 31
# firefighters", "An 18-car train"), unlike "Flight 17" or "Resolution 2231".
DETERMINERS = frozenset(
    ["The", "A", "An", "This", "That", "These", "Those", "Its", "Their", "His", "Her", "Our", "Another", "Each",
     "All", "Only", "Just", "Some", "About", "Nearly", "Over", "At", "Up", "Almost", "Around", "Roughly", "More",
     "Fewer", "Less", "Another", "Of", "Some"]
)  # fmt: skip
_HEDGES = frozenset({"About", "Some", "Nearly", "Over", "At", "Up"})
_VERB_BEFORE = re.compile(
    r"\b([A-Za-z]+)\s+(?:(?:another|a\s+further|an\s+additional|an\s+estimated)\s+)?$", re.IGNORECASE
)
# A 24-hour clock time with its zone ("at 1415 GMT", "0900 hours"): a time, never a count.
CLOCK = re.compile(r"(?<![\w.,:])(?:[01]\d|2[0-3])[0-5]\d\s*(?:GMT|UTC|Zulu|Z|hrs|hours|h|local|[A-Z]{1,3}[SD]?T)\b")
# A won-lost record ("9-4 at home", "a 58-3 record"): neither a score nor a count.
RECORD_AFTER = re.compile(
    r"\s*(?:record|at\s+home|on\s+the\s+road|away\s+from\s+home|overall|this\s+season|on\s+the\s+season"
    r"|in\s+(?:the\s+|their\s+|its\s+)?(?:league|conference|division|season|last))\b",
    re.IGNORECASE,
)
RECORD_BEFORE = re.compile(
    r"\b(?:record\s+(?:of|to|at)|improved\s+to|(?:fell|dropped|slipped)\s+to)\s+$", re.IGNORECASE
)
# Vague counts: the interval each allows; two vague counts never conflict with each other.
VAGUE = {
    "dozens": (24.0, 99.0), "scores": (40.0, 199.0), "hundreds": (200.0, 999.0), "thousands": (2e3, 9999.0),
    "millions": (2e6, 999_999_999.0), "tens of thousands": (2e4, 99_999.0),
    "hundreds of thousands": (2e5, 999_999.0), "tens of millions": (2e7, 99_999_999.0),
    "hundreds of millions": (2e8, 999_999_999.0),
}  # fmt: skip
# "dozens" may stand alone ("killing dozens"); the others need "of" ("scores of", "hundreds of").
VAGUE_RE = re.compile(
    r"(?<![\w-])(?P<v>(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|scores|hundreds|thousands|millions)"
    r"(?P<of>\s+of\s+(?!the\b|them\b|those\b|these\b|us\b|you\b))?",
    re.IGNORECASE,
)


def vague(m: re.Match[str]) -> tuple[float, float] | None:
    """The interval of a vague count, or None ("scores" without "of" is a sports word)."""
    word = " ".join(m.group("v").lower().split())
    if not m.group("of") and word != "dozens":
        return None
    return VAGUE[word]


def looks_like_year_or_label(num: str, before: str, after: str) -> bool:
    """A year ("in 1998") or a label ("Flight 17"), not a count."""
    if re.fullmatch(r"(1[89]|20)\d\d", num) and not re.match(r"\s+(people|persons|residents|soldiers|troops)", after):
        return True
    prev = before.rstrip().split(" ")[-1] if before.strip() else ""
    word = prev.rstrip(".,")
    # "An 18-car train", "The 31-metre wall": a determiner before a compound modifier; a bare
    # "The three crew" stays unread (a definite count names a group told of elsewhere)
    determiner = word in _HEDGES or word in {"A", "An"} or (word in DETERMINERS and after.startswith("-"))
    if prev[:1].isupper() and not determiner and before.strip():
        return True  # "Resolution 2231", "Flight 17", "Boeing 737"
    return bool(re.match(r"(st|nd|rd|th)\b|[/:]\d", after))


def verb_counted(before: str) -> tuple[str, str]:
    """The event a number after a verb counts, and the verb ("killing 12 and injuring 57": die,
    injure); ("", "") when no such verb stands before it."""
    m = _VERB_BEFORE.search(before)
    if not m:
        return "", ""
    verb = m.group(1).lower()
    group = canon(verb)
    return (group, verb) if group in COUNTING_VERBS and verb.endswith(("ing", "ed")) else ("", "")


def counted(sent: Sentence, end: int) -> list[str]:
    """The canonical words of what a number counts: the noun phrase after it, and a participle
    after an auxiliary ("32 people were killed" -> people, die)."""
    return list(_counted(sent.text, end - sent.start))


@lru_cache(maxsize=8192)
def _counted(text: str, end: int) -> tuple[str, ...]:
    # what text[end:] counts (cached, a pure function: a figure's head is asked more than once)
    out: list[str] = []
    toks = tokens(text[end : end + WINDOW], end)
    i = 0
    if len(toks) > 2 and toks[0][2].lower() == "of" and toks[1][2].lower() in _POSSESSIVES:
        i = 2  # "four of its security updates": four updates, of the ones it had
    while i < len(toks) and len(out) < 3:
        st, _, w = toks[i]
        gap = text[(toks[i - 1][1] if i else end) : st]
        if _GAP_BREAK.search(gap):
            break
        lw = w.lower()
        if lw in CLAUSE_OPENERS or w[0].isdigit() or is_stopword(w):
            break  # "10,000 of which", "five of the": the thing counted is elsewhere
        out.append(canon(w))
        i += 1
    # an auxiliary then a participle: "were killed", "have by then been declared dead"
    j, filler = i, 0
    while j < len(toks) and (toks[j][2].lower() in _AUX or (toks[j][2].lower() in _FILLER and filler < _MAX_FILLER)):
        filler += toks[j][2].lower() not in _AUX
        j += 1
    if out and j > i:
        after = [canon(w) for _, _, w in toks[j : j + 4] if not is_stopword(w) and not w[0].isdigit()][:2]
        events = [w for w in after if w in group_keys()]
        events = [w for w in events if w not in _REPORTING] or events
        out.extend(events[:1])
    return tuple(out)


_GAP_BREAK = re.compile(r"[,;:()“”\"—–]|\s-\s")
