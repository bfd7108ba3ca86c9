"""ORGANISATION facts: which organisation did what a sentence reports ("the Indian Navy captured
26 pirates" vs "the Coast Guard captured 26 pirates"; "arrested by FBI agents" vs "police
arrested"), keyed by the kind of event and who it was done to, so that one outlet's agent meets
another's for the same act.

An organisation is a capitalised run of words ending in a head word ("Alabama State Medical
Association", "Indian Navy"), an acronym ("FBI", "USGS"), or a generic body ("police"): data in
data/organisations.toml. It is the agent when the event verb follows it ("police arrested",
"the navy has seized") or when "by" introduces it after a participle ("were arrested by police").
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from ..lexicon import words
from ..models import Document, Fact, Key, KeyKind, Kind, Sentence
from ..text import canon, matches
from ..values import OrganisationValue
from ..vocab import Vocabulary
from .context import fact_at
from .roles import who_keys

# Events an organisation does that another outlet may credit to another body; statements are
# the attribution kind's ("police said" vs "the FBI said" are two sources, not a conflict).
_NOT_ACTS = frozenset({"say"})
_AUX = r"(?:(?:has|have|had|was|were|is|are|also|later|then|reportedly)\s+){0,2}"


@cache
def _grammar() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    data = tomllib.loads(resources.files("discrepancy.data").joinpath("organisations.toml").read_text("utf-8"))
    heads = sorted(data["heads"]["words"], key=len, reverse=True)
    head = "|".join(re.escape(h.title()).replace(r"\ ", r"\s+") for h in heads)  # "Navy", "Coast Guard"
    generic = "|".join(
        re.escape(g).replace(r"\ ", r"\s+") for g in sorted(data["generic"]["words"], key=len, reverse=True)
    )
    name = (
        rf"(?:[A-Z][\w&'’.-]*\s+(?:(?:of|for|and)\s+(?:the\s+)?)?){{0,6}}(?:{head})(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})?(?![\w-])"
        rf"|(?<![\w-])[A-Z]{{2,6}}(?![\w-])|(?<![\w-])(?i:{generic})(?![\w-])"
    )
    active = re.compile(
        rf"(?P<org>{name})(?:\s+(?:agents|officers|officials|troops|forces|staff))?\s+{_AUX}(?P<verb>[a-z]+)\b"
    )
    passive = re.compile(rf"\b(?P<verb>[a-z]+ed)\s+by\s+(?:the\s+)?(?P<org>{name})")
    return active, passive, frozenset(data["not_acronyms"]["words"])


def extract(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """ORGANISATION facts of a document."""
    active, passive, not_acronyms = _grammar()
    acts = (words().day_events | words().figure_events) - _NOT_ACTS
    facts: list[Fact] = []
    for sent in doc.sentences:
        seen: set[int] = set()
        for pattern in (active, passive):
            for m in matches(pattern, sent.text):
                org = re.sub(r"^(?:the|The)\s+", "", " ".join(m.group("org").split()))
                event = canon(m.group("verb"))
                if event not in acts or org in not_acronyms or m.start("org") in seen or _sentence_start_word(sent, m):
                    continue
                seen.add(m.start("org"))
                facts.append(_fact(doc, sent, m.start("org"), m.end("org"), org, event))
    return facts


def _sentence_start_word(sent: Sentence, m: re.Match[str]) -> bool:
    """A single capitalised word opening the sentence is no name ("Police arrested" is read as
    the generic body; "Investigators" or "Officials" are people, not an organisation)."""
    org = m.group("org")
    return m.start("org") == 0 and " " not in org.strip() and not org.isupper() and org.lower() != "police"


def _fact(doc: Document, sent: Sentence, s: int, e: int, org: str, event: str) -> Fact:
    value = OrganisationValue(name=org)
    keys = {Key(KeyKind.EVENT, event), *who_keys(sent)}
    return fact_at(
        doc, sent, sent.start + s, sent.start + e, kind=Kind.ORGANISATION, value=value,
        normalized=value.normalized(), keys=keys, subject=f"who {event}",
    )  # fmt: skip
