"""NAME and TITLE facts: people's names (capitalized sequences led by a known given name or a
title) and the titles written next to them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import given_names, norm_term, title_pattern, words
from ..models import Document, Fact, Key, KeyKind, Kind, Sentence
from ..text import MONTH_NAMES, WEEKDAY_NAMES
from ..values import NameValue, TitleValue, Value
from ..vocab import Vocabulary
from .context import context_words
from .spelling import transliterate

_NAME_TOKEN = r"(?:[A-Z][a-z]*\.|[A-Z][\w’'-]*[a-z][\w’'-]*|[A-Z]{2,}(?=\s+[A-Z][a-z]))"
_CONNECT = r"(?:\s+(?:bin|ibn|al|el|de|da|dos|du|van|von|der|den|la|le|di|del)\b)?"
_NAME = re.compile(
    rf"(?<![\w’'-]){_NAME_TOKEN}(?:{_CONNECT}\s+{_NAME_TOKEN}){{0,3}}(?:,?\s+(?:Jr\.?|Sr\.?|II|III|IV))?"
)
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Words that make a capitalized sequence an organisation or place, not a person.
ORG_WORDS = frozenset(
    [
        "house",
        "council",
        "group",
        "agency",
        "republic",
        "states",
        "state",
        "kingdom",
        "ministry",
        "department",
        "committee",
        "union",
        "nations",
        "court",
        "party",
        "army",
        "forces",
        "force",
        "police",
        "university",
        "company",
        "inc",
        "corp",
        "ltd",
        "bank",
        "office",
        "service",
        "services",
        "news",
        "times",
        "post",
        "press",
        "agency",
        "association",
        "organization",
        "organisation",
        "institute",
        "foundation",
        "fund",
        "federation",
        "league",
        "club",
        "team",
        "united",
        "airlines",
        "airport",
        "station",
        "hospital",
        "school",
        "city",
        "county",
        "province",
        "region",
        "street",
        "square",
        "river",
        "sea",
        "ocean",
        "mountain",
        "island",
        "islands",
        "peninsula",
        "gulf",
        "strait",
        "bay",
        "valley",
        "national",
        "international",
        "security",
        "assembly",
        "parliament",
        "senate",
        "congress",
        "government",
        "administration",
        "commission",
        "board",
        "authority",
        "authorities",
        "council",
    ]
)
CALENDAR_WORDS = WEEKDAY_NAMES | MONTH_NAMES | {"today", "yesterday"}
SPEECH_VERBS = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tells",
        "added",
        "adds",
        "stated",
        "states",
        "wrote",
        "writes",
        "tweeted",
        "posted",
        "announced",
        "explained",
        "insisted",
        "warned",
        "noted",
        "argued",
        "claimed",
        "declared",
        "continued",
        "emphasised",
        "emphasized",
        "reminded",
        "called",
        "described",
        "asked",
        "replied",
        "responded",
        "confirmed",
        "denied",
        "acknowledged",
    ]
)


@dataclass(frozen=True, slots=True)
class Person:
    """A person mentioned in a sentence; full when a given name (or title) leads the surname."""

    start: int
    end: int
    tokens: tuple[str, ...]
    full: bool

    @property
    def surname(self) -> str:
        toks = [t for t in self.tokens if t.lower().rstrip(".") not in SUFFIXES and t.lower() not in {"jr", "sr"}]
        return re.sub(r"(?:['’]s)?[.,;:'’]*$", "", toks[-1].lower()) if toks else ""


_RUN = re.compile(
    r"(?<![\w’'-])(?:[A-Z][\w’'-]*\.?)(?:(?:\s+(?:bin|ibn|al|el|de|da|dos|du|van|von|der|den|la|le|di|del))?\s+(?:[A-Z][\w’'-]*\.?))*"
)
MAX_NAME_TOKENS = 4


def _token_spans(run: re.Match[str]) -> list[tuple[int, int, str]]:
    return [(run.start() + t.start(), run.start() + t.end(), t.group()) for t in re.finditer(r"\S+", run.group())]


def find_people(text: str, offset: int = 0) -> list[Person]:
    """People named in text: full names (led by a known given name, or right after a title), and
    lone surnames that precede or follow a speech verb ("Novak said", ", said Novak.")."""
    if not offset:
        return list(_find_people(text))
    return [
        Person(start=p.start + offset, end=p.end + offset, tokens=p.tokens, full=p.full) for p in _find_people(text)
    ]


@lru_cache(maxsize=8192)
def _find_people(text: str) -> tuple[Person, ...]:
    """find_people at offset 0 (cached: names and quotes both look for people in each sentence)."""
    offset = 0
    given = given_names()
    out = []
    for run in _RUN.finditer(text):
        toks = _token_spans(run)
        s_, e_, last = toks[-1]
        if re.search(r"['’]s$", last):  # "Felix Ortega's": the name without its possessive
            toks[-1] = (s_, e_ - 2, last[:-2])
        low = [t.lower().rstrip(".") for _, _, t in toks]
        k = next((i for i in range(len(toks) - 1) if low[i] in given), None)
        lead = _title_prefix(tuple(t for _, _, t in toks))  # "Governor Alma Tomvik": the title is not the name
        if (
            k is None
            and len(toks) - lead >= 2
            and (_titled(text[: toks[0][0]]) or lead or _titled_after(text[toks[-1][1] :]))
        ):
            k = lead
        if (
            k is None
            and len(toks) - lead in (2, 3)
            and _beside_speech(text, toks[0][0], toks[-1][1])
            and low[lead] not in words().stopwords
        ):
            k = lead  # "..., said Alma Tomvik.": two or three capitalized words that speak are a name
        if k is not None:
            name = toks[k : k + MAX_NAME_TOKENS]
            cut = next((i for i, (_, _, t) in enumerate(name) if t.lower().rstrip(".") in ORG_WORDS), len(name))
            name = name[:cut]
            if len(name) >= 2 and name[-1][2].lower() not in CALENDAR_WORDS and len(name[-1][2]) > 1:
                out.append(
                    Person(
                        start=offset + name[0][0],
                        end=offset + name[-1][1],
                        tokens=tuple(t for _, _, t in name),
                        full=True,
                    )
                )
                continue
        # A lone capitalized word beside a speech verb: "Novak said", "said Novak."
        s, e, word = toks[-1]
        after = text[e : e + 20]
        before = text[max(0, s - 20) : s]
        if (
            len(word) > 2
            and word.lower() not in words().stopwords
            and word.lower() not in CALENDAR_WORDS
            and (
                re.match(r"\s+(?:" + "|".join(SPEECH_VERBS) + r")\b", after)
                or (
                    re.search(r"\b(?:" + "|".join(SPEECH_VERBS) + r")\s+$", before)
                    and re.match(r"\s*(?:[.,;:]|$)", after)
                )
            )
        ):
            if len(toks) >= 2 and toks[0][2].lower() in words().stopwords:
                continue
            out.append(Person(start=offset + s, end=offset + e, tokens=(word,), full=False))
    return tuple(out)


_SPEECH = "|".join(sorted(SPEECH_VERBS))
_SPEECH_BEFORE = re.compile(r"\b(?:" + _SPEECH + r")\s+$")
_SPEECH_AFTER = re.compile(r"\s*,?\s+(?:" + _SPEECH + r")\b")


def _beside_speech(text: str, start: int, end: int) -> bool:
    """True when a speech verb comes right before ("said X.") or right after ("X said") a span."""
    return bool(
        (_SPEECH_BEFORE.search(text[max(0, start - 20) : start]) and re.match(r"\s*(?:[.,;:]|$)", text[end : end + 3]))
        or _SPEECH_AFTER.match(text[end : end + 25])
    )


def _titled_after(after: str) -> bool:
    """True for a name followed by its title ("Inez Carvalho, director of the service",
    "Kasimir Abaren, the company's chief executive")."""
    pat = title_pattern()
    m = re.match(r",\s+(?:(?:the|a|an)\s+)?", after[:100])
    if pat is None or m is None:
        return False
    window = after[m.end() : m.end() + 60]
    t = pat.search(window)
    return t is not None and len(window[: t.start()].split()) <= 2 and "," not in window[: t.start()]


def _titled(before: str) -> bool:
    """True when a title ends right before this point ("Judge ", "Foreign Secretary ")."""
    pat = title_pattern()
    if pat is None:
        return False
    tail = before[-40:]
    return any(re.fullmatch(r"\s+", tail[m.end() :]) for m in pat.finditer(tail))


def _title_prefix(toks: tuple[str, ...]) -> int:
    """How many leading tokens form a title ("Foreign Secretary", "Judge")."""
    roles = words().title_role
    for k in range(len(toks) - 1, 0, -1):
        if norm_term(" ".join(toks[:k])) in roles:
            return k
    return 0


def extract(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """NAME facts (full names) and TITLE facts (a title written beside a name)."""
    facts = []
    for sent in doc.sentences:
        for p in find_people(sent.text, sent.start):
            if p.full:
                toks = tuple(t for t in p.tokens if t.lower().rstrip(".") not in SUFFIXES)
                # first and last name: a middle initial ("Lewis A. Kaplan") is not a spelling
                value = " ".join((toks[0], toks[-1])) if len(toks) > 1 else toks[0]
                end = p.end
                if value.endswith(".") and len(toks[-1]) > 2:  # "..., said Tomas Eriksen.": not the name's
                    value, end = value[:-1], end - 1
                name = NameValue(value, transliterate(value))
                facts.append(_fact(doc, sent, p.start, end, Kind.NAME, name, value, p.surname, "spelling of the name"))
                title = _title_of(sent, p)
                if title:
                    s, e, role = title
                    facts.append(
                        _fact(
                            doc,
                            sent,
                            s,
                            e,
                            Kind.TITLE,
                            TitleValue(role),
                            role.replace("_", " "),
                            p.surname,
                            f"title of {' '.join(p.tokens)}",
                        )
                    )
    return facts


def _title_of(sent: Sentence, p: Person) -> tuple[int, int, str] | None:
    """A title right before the name ("Foreign Secretary Jan Novak", "the country's foreign
    minister, Jan Novak") or right after it ("Novak, a spokesman for")."""
    pat = title_pattern()
    if pat is None:
        return None
    rel_s, rel_e = p.start - sent.start, p.end - sent.start
    before = sent.text[max(0, rel_s - 60) : rel_s]
    best = None
    for m in pat.finditer(before):
        if re.fullmatch(r",?\s*", before[m.end() :]):
            best = m
    if best is not None:
        s = sent.start + rel_s - len(before) + best.start()
        return s, s + len(best.group()), words().title_role[norm_term(best.group())]
    after = sent.text[rel_e : rel_e + 80]
    apposition = re.match(r",\s+(?:(?:the|a|an)\s+)?([^,]*)", after)
    if apposition:
        t = pat.search(apposition.group(1))
        if t and len(apposition.group(1)[: t.start()].split()) <= 1:  # "a spokesman for", "the acting head"
            s = sent.start + rel_e + apposition.start(1) + t.start()
            return s, s + len(t.group()), words().title_role[norm_term(t.group())]
    return None


def _fact(
    doc: Document, sent: Sentence, s: int, e: int, kind: Kind, value: Value, norm: str, person: str, subject: str
) -> Fact:
    return Fact(
        kind=kind, doc=doc.id, start=s, end=e, raw=doc.text[s:e], value=value, normalized=norm,
        sentence=sent.index, keys=frozenset({Key(KeyKind.PERSON, person)}), context=context_words(sent, (s, e)),
        subject=subject, person=person,
    )  # fmt: skip
