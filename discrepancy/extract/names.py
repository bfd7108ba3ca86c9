"""NAME and TITLE facts: people's names (capitalized sequences led by a known given name or a
title) and the titles written next to them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import given_names, norm_term, words
from ..models import Document, Fact, Kind, Sentence
from .context import context_words

_NAME_TOKEN = r"(?:[A-Z][a-z]*\.|[A-Z][\w’'-]*[a-z][\w’'-]*|[A-Z]{2,}(?=\s+[A-Z][a-z]))"
_CONNECT = r"(?:\s+(?:bin|ibn|al|el|de|da|dos|du|van|von|der|den|la|le|di|del)\b)?"
_NAME = re.compile(rf"(?<![\w’'-]){_NAME_TOKEN}(?:{_CONNECT}\s+{_NAME_TOKEN}){{0,3}}(?:,?\s+(?:Jr\.?|Sr\.?|II|III|IV))?")
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Words that make a capitalized sequence an organisation or place, not a person.
ORG_WORDS = frozenset(
    """house council group agency republic states state kingdom ministry department committee
    union nations court party army forces force police university company inc corp ltd bank
    office service services news times post press agency association organization organisation
    institute foundation fund federation league club team united airlines airport station
    hospital school city county province region street square river sea ocean mountain island
    islands peninsula gulf strait bay valley national international security assembly parliament
    senate congress government administration commission board authority authorities council""".split()
)
CALENDAR_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december today yesterday""".split()
)
SPEECH_VERBS = frozenset(
    """said says say told tells added adds stated states wrote writes tweeted posted announced
    explained insisted warned noted argued claimed declared continued emphasised emphasized
    reminded called described asked replied responded confirmed denied acknowledged""".split()
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


def find_people(text: str, offset: int = 0) -> list[Person]:
    """People named in text: full names, and lone surnames that precede or follow a speech verb."""
    given = given_names()
    titles = words().title_pattern
    out = []
    for m in _NAME.finditer(text):
        toks = tuple(t for t in re.split(r"[\s,]+", m.group()) if t)
        poss = re.search(r"['’]s$", m.group())
        if poss:  # "Felix Ortega's": the name without its possessive
            toks = (*toks[:-1], toks[-1][:-2])
        lead = _title_prefix(toks)
        if lead:  # "Chief Judge Helena Ostrander": the title is not part of the name
            skip = len(" ".join(toks[:lead]))
            m = _NAME.match(text, m.start() + skip + len(text[m.start() + skip :]) - len(text[m.start() + skip :].lstrip()))
            if m is None:
                continue
            toks = tuple(t for t in re.split(r"[\s,]+", m.group()) if t)
        low = [t.lower().strip(".") for t in toks]
        if any(t in ORG_WORDS for t in low) or low[-1] in CALENDAR_WORDS:
            continue
        first = next((k for k in range(len(toks) - 1) if low[k] in given), 0)
        if first:  # "Defendant Daniel Wolff" at a sentence start: the name begins at the given name
            m = _NAME.match(text, m.start() + text[m.start() :].index(toks[first], len(" ".join(toks[:first]))))
            if m is None:
                continue
            toks, low = toks[first:], low[first:]
        before = text[max(0, m.start() - 40) : m.start()]
        after = text[m.end() : m.end() + 20]
        titled = bool(titles and titles.search(before) and re.search(r"(?i)[a-z]\s+$", before))
        end = m.end() - (2 if poss else 0)
        if len(toks) >= 2 and (low[0] in given or titled or re.fullmatch(r"[A-Z]\.", toks[0])):
            out.append(Person(start=offset + m.start(), end=offset + end, tokens=toks, full=True))
            continue
        # A lone capitalized word beside a speech verb: "Kirby said", "said Kirby".
        last = toks[-1]
        if (
            re.match(r"\s+(?:" + "|".join(SPEECH_VERBS) + r")\b", after)
            or (re.search(r"\b(?:" + "|".join(SPEECH_VERBS) + r")\s+$", before) and re.match(r"\s*(?:[.,;:]|$)", after))
        ) and last.lower() not in words().stopwords and len(last) > 2:
            if len(toks) >= 2 and toks[0].lower() in words().stopwords:
                continue
            s = m.end() - len(last)
            out.append(Person(start=offset + s, end=offset + m.end(), tokens=(last,), full=False))
    return out


def _title_prefix(toks: tuple[str, ...]) -> int:
    """How many leading tokens form a title ("Foreign Secretary", "Judge")."""
    roles = words().title_role
    for k in range(len(toks) - 1, 0, -1):
        if norm_term(" ".join(toks[:k])) in roles:
            return k
    return 0


def extract(doc: Document) -> list[Fact]:
    """NAME facts (full names) and TITLE facts (a title written beside a name)."""
    facts = []
    for sent in doc.sentences:
        for p in find_people(sent.text, sent.start):
            if p.full:
                toks = tuple(t for t in p.tokens if t.lower().rstrip(".") not in SUFFIXES)
                value = " ".join(toks)
                facts.append(_fact(doc, sent, p.start, p.end, Kind.NAME, value, value, p.surname, "spelling of the name"))
                title = _title_of(sent, p)
                if title:
                    s, e, role = title
                    facts.append(_fact(doc, sent, s, e, Kind.TITLE, role, role.replace("_", " "), p.surname, f"title of {' '.join(p.tokens)}"))
    return facts


def _title_of(sent: Sentence, p: Person) -> tuple[int, int, str] | None:
    """A title right before the name ("Foreign Secretary James Cleverly", "the UK's foreign
    minister, James Cleverly") or right after it ("Kirby, a spokesman for")."""
    pat = words().title_pattern
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
    m = re.match(r",\s+(?:(?:the|a|an)\s+)?([^,]*)", after)
    if m:
        t = pat.search(m.group(1))
        if t:
            s = sent.start + rel_e + m.start(1) + t.start()
            return s, s + len(t.group()), words().title_role[norm_term(t.group())]
    return None


def _fact(doc: Document, sent: Sentence, s: int, e: int, kind: Kind, value: str, norm: str, person: str, subject: str) -> Fact:
    return Fact(
        kind=kind, doc=doc.id, start=s, end=e, raw=doc.text[s:e], value=value, normalized=norm,
        sentence=sent.index, keys=frozenset({f"person:{person}"}), context=context_words(sent, (s, e)),
        subject=subject, extra=(("person", person),),
    )  # fmt: skip
