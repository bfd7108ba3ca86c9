"""TIME facts: times of day ("3:45 p.m.", "15:30 GMT", "noon"), with qualifiers."""

from __future__ import annotations

import re

from ..models import DEADLINE, LEAD_TIME, Document, Fact, Kind, word_keys
from ..values import TimeValue
from ..vocab import Vocabulary
from .context import fact_at, proper_words, temporal_keys, temporal_subject
from .dates import LEAD_SENTENCES, frame_keys

_TIME = re.compile(
    r"""(?<![\w:.])(?:(?P<q>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after)|after|before)\s+)?
    (?:(?P<h>[01]?\d|2[0-3])(?::|\.)(?P<m>[0-5]\d)(?:\s*(?P<ap>[ap]\.?\s?m\b\.?))?
      |(?P<h2>1[0-2]|0?[1-9])\s*(?P<ap2>[ap]\.?\s?m\b\.?)
      |(?P<named>noon|midday|midnight))
    (?:\s+(?P<zone>GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|MSK|IST|JST|ET|PT)\b)?""",
    re.IGNORECASE | re.VERBOSE,
)
APPROX_MINUTES = 15  # "around 3 p.m." covers a quarter of an hour either side


def _minutes(m: re.Match[str]) -> int | None:
    if m.group("named"):
        return 0 if m.group("named").lower() == "midnight" else 12 * 60
    if m.group("h2"):
        h, mi, ap = int(m.group("h2")), 0, m.group("ap2")
    else:
        h, mi, ap = int(m.group("h")), int(m.group("m")), m.group("ap")
        if not ap and m.group("zone") is None and "." in m.group(0):
            return None  # "3.45" without a.m./p.m. or zone is more likely a number
    if ap:
        if h > 12:
            return None
        pm = ap.lower().startswith("p")
        h = (h % 12) + (12 if pm else 0)
    return h * 60 + mi


# "at 2:50 in the afternoon", "3 o'clock in the morning": the part of the day settles a.m./p.m.
_DAYPART = re.compile(
    r"\s+(?:in\s+the\s+(?P<part>morning|afternoon|evening)|(?P<night>at\s+night|tonight))", re.IGNORECASE
)


def extract(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """TIME facts of a document."""
    facts = []
    lead_taken = False
    named = proper_words(doc)
    for sent in doc.sentences:
        for m in _TIME.finditer(sent.text):
            minutes = _minutes(m)
            if minutes is None:
                continue
            explicit = bool(m.group("ap") or m.group("ap2") or m.group("named") or m.group("zone"))
            part = _DAYPART.match(sent.text, m.end())
            if part and not explicit and minutes < 12 * 60:
                if part.group("part") in {"afternoon", "evening"} or part.group("night"):
                    minutes += 12 * 60 if minutes >= 60 else 0
                explicit = True
            clock12 = not explicit and minutes < 13 * 60
            q = (m.group("q") or "").lower()
            lo = hi = minutes
            if q in {"about", "around", "approximately"}:
                lo, hi = minutes - APPROX_MINUTES, minutes + APPROX_MINUTES
            elif q:
                before = "before" in q
                lo, hi = (minutes - APPROX_MINUTES, minutes) if before else (minutes, minutes + APPROX_MINUTES)
            zone = " ".join((m.group("zone") or "").upper().split())
            value = TimeValue(lo=lo, hi=hi, zone=zone, clock12=clock12, qualifier=q)
            s, e = sent.start + m.start(), sent.start + m.end()
            keys = word_keys(temporal_keys(sent, s, e), named) | frame_keys(sent, s, e)
            # "by 6:40 a.m. the fire was under control": an end, not when the event happened
            deadline = bool(re.search(r"\b(?:by|until|till)\s+$", sent.text[: m.start()], re.IGNORECASE))
            lead = not lead_taken and sent.index < LEAD_SENTENCES and not sent.headline and not deadline
            if deadline:
                keys = keys | {DEADLINE}
            lead_taken = lead_taken or lead
            if lead:  # the lede's time of day is the main event's
                keys = keys | {LEAD_TIME}
            facts.append(
                fact_at(
                    doc,
                    sent,
                    s,
                    e,
                    kind=Kind.TIME,
                    value=value,
                    normalized=value.normalized(),
                    keys=keys,
                    lead=lead,
                    subject="main event (lede)" if lead else temporal_subject(sent, s, e),
                )  # fmt: skip
            )
    return facts
