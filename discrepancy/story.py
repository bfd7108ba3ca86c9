"""The same-story check: an article about another story, saved in the corpus folder by mistake,
is set aside before alignment, so that it never changes what the story's own articles say (the
corpus-wide word weights and document counts that alignment uses, or a slot an unrelated fact
would join), nor any discrepancy's id.

What an article is about is read from what it names: its proper names (people, places,
organisations, teams: runs of capitalised words inside a sentence, unbroken by punctuation; a
person's full name counts as the surname, so "Marta Velden" is the later "Velden"; each word by its
first letter and consonants, so a name one outlet misspells, Harlowe/Harlow, is still the name) and
its figures of three digits or more with the word they count ("4200 tents"; years left out).
Generic news words ("police", "said", "Thursday", titles) are never names: every story uses them.
Figures count only as shared evidence, never against an article: outlets of one story give
different figures (that is what this tool reports).

Two articles are linked when they share SHARED_NAMES names and figures, or at least one that is
half the names of the one naming fewer; the story is the largest group of linked articles. An
article outside it is set aside when, against the story's articles together, it shares fewer than
SHARED_NAMES and fewer than half of its own names. Kept always: an article that names fewer
than JUDGED_NAMES (too little to judge it by), and every article when no group is strictly the largest (two articles
that share nothing: which one is the story?). Exact copies (reprints.exact_copies) are left out of
the count and follow their original, so copies never make another story's group the larger.
Calibrated on every article of fixtures/, the generated stories (2 to 300 articles) and the real
clusters: none is set aside; the fewest names an article there shares with its story is 2.

Cost: names are indexed (a name -> the first COMMON articles holding it, in id order), and each
article is compared with the articles its names' postings list, never with all pairs; the result
depends on the articles' ids and text, never on the order they are given in.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import cache, lru_cache

from .align.clusters import UnionFind
from .lexicon import given_names, words
from .memory import Memory
from .models import Document, Notice, Reprint
from .text import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES

SHARED_NAMES = 2  # names (and figures) shared that tie an article to a story (see the docstring)
# An article naming fewer is never set aside: a brief that names only the official it quotes
# and calls the people it is about "the man" and "a 41-year-old climber" is still the story's.
JUDGED_NAMES = 2
COMMON = 20  # a name's postings hold the first COMMON articles: enough to link an article to its story
NAME_WORDS = 8  # capitalised words in a row that are no name: a title-case line, a shout
_WORD = r"[\w'’.&-]*"
_YEARS = re.compile(r"1[89]\d\d|20\d\d")
# a figure of three digits or more ("21,400", "3.1" is not one) and the two words after it
_FIGURE = re.compile(
    r"(?<![\w,.-])(\d{1,3}(?:,\d{3})+|\d{3,})(?:\.\d+)?(?!\d)(?:[^\w]*([^\W\d_]+))?(?:\W+([^\W\d_]+))?"
)
_VOWELS = str.maketrans("", "", "aeiouy'’.&-")
_DOUBLED = re.compile(r"(.)\1+")
_TRIM = re.compile(r"(?:'s)?\.*(?=\s|$)")  # a possessive and a final full stop: "Velden's." is "velden"


@cache
def _not_names() -> frozenset[str]:
    """Capitalised words that name no one: stopwords, days, months and people's titles."""
    vocabulary = words()
    titles = {w for title in vocabulary.title_role for w in title.split()}
    return vocabulary.stopwords | WEEKDAY_NAMES | MONTH_NAMES | MONTH_ABBREVIATIONS | titles


@cache
def _runs() -> re.Pattern[str]:
    """Runs of capitalised words with only spaces between them (punctuation ends a name:
    "Velden, Harbour Board"); the first word of a sentence is matched too (see _read)."""
    upper = _char_class(str.isupper)
    word = f"[{upper}]{_WORD}"
    return re.compile(rf"(?<![\w'’&-]){word}(?:[ \t]+{word})*")


def _char_class(test: Callable[[str], bool]) -> str:
    """A regex character class body of every character up to U+FFFF that passes `test`."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x10000):
        if test(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


def names(doc: Document) -> tuple[frozenset[str], frozenset[str]]:
    """The names (as spelling keys, see _name) and the figures in context of a document's
    body (the headline left out: a title in title case capitalises every word)."""
    read = [_read(sentence.text) for sentence in doc.sentences if not sentence.headline]
    return frozenset().union(*(n for n, _ in read)), frozenset().union(*(f for _, f in read))


def _kept_names(doc: Document, memory: Memory) -> tuple[frozenset[str], frozenset[str]]:
    body = "\n".join(sentence.text for sentence in doc.sentences if not sentence.headline)
    found = memory.names.get(body)
    if found is None:
        found = names(doc)
    memory.names.put(body, found)
    return found


@lru_cache(maxsize=8192)
def _read(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A sentence's names and figures: linear in the text, and each distinct run of capitalised
    words or figure is read once (a repetitive text is cheap); cached, a pure function of the
    sentence (wire copy repeats sentences)."""
    found: set[str] = set()
    figures: set[str] = set()
    stop, given = _not_names(), given_names()
    runs = _runs()
    start = 0
    first = re.search(r"[^\W_]", text)
    opening = runs.match(text, first.start()) if first is not None else None
    if opening is not None and len(opening.group().split()) == 1:
        start = opening.end()  # a sentence's first word is capitalised anyway
    parts: set[tuple[str, ...]] = set()  # a run split at the words that are no names ("Mr")
    for run in set(runs.findall(text, start)):
        if run.count(" ") >= NAME_WORDS:
            continue  # a line in title case or in capitals, not a name
        name: list[str] = []
        for word in _TRIM.sub("", run.lower().replace("’", "'")).split():
            if word not in stop:
                name.append(word)
            elif name:
                parts.add(tuple(name))
                name = []
        if name:
            parts.add(tuple(name))
    found.update(_name(part, given) for part in parts)
    for number, *after in set(_FIGURE.findall(text)):
        number = number.replace(",", "")
        if not _YEARS.fullmatch(number):
            counted = [w.lower() for w in after if w and w.lower() not in stop]
            # with the word it counts ("4200 tents"): a bare round figure is shared by chance
            figures.add(f"{number} {counted[0]}" if counted else number)
    return frozenset(found), frozenset(figures)


def _name(run: tuple[str, ...], given: frozenset[str]) -> str:
    """A name's key: a person's full name counts as the surname ("Marta Velden" is the later
    "Velden"); each word by its first letter and its consonants, a doubled one once, so that a
    name spelt a little differently by one outlet (Harlowe/Harlow, Tamsen/Tamson) is the same."""
    words = run[-1:] if len(run) > 1 and run[0] in given else run
    return _DOUBLED.sub(r"\1", " ".join(w[:1] + w[1:].translate(_VOWELS) for w in words))


def off_story(
    documents: tuple[Document, ...], copies: tuple[Reprint, ...] = (), memory: Memory | None = None
) -> tuple[str, ...]:
    """The ids of the documents about another story than the corpus's (see the module docstring;
    `copies`: the exact copies, reprints.exact_copies), sorted. A document's names and figures
    are taken from `memory` when an earlier run of this process read the same body."""
    copy_of = {r.doc: r.of for r in copies}
    docs = sorted((d for d in documents if d.id not in copy_of), key=lambda d: d.id)
    read = [names(d) for d in docs] if memory is None else [_kept_names(d, memory) for d in docs]
    own = [len(found) for found, _ in read]
    terms = [found | figures for found, figures in read]
    groups = UnionFind(len(docs))  # over positions in id order: a group's root is its first article
    index: dict[str, list[int]] = defaultdict(list)
    for i in range(len(docs)):
        shared: Counter[int] = Counter()
        for term in terms[i]:
            shared.update(index.get(term, ()))
        root = groups.find(i)
        for j, n in sorted(shared.items()):
            if groups.find(j) != root and _same_story(n, min(own[i], own[j])):
                groups.union(i, j)
                root = groups.find(i)
        for term in terms[i]:
            if len(index[term]) < COMMON:
                index[term].append(i)
    sizes = Counter(groups.find(i) for i in range(len(docs)))
    ranked = sorted(sizes.values(), reverse=True)
    if not ranked or ranked[0] < 2 or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return ()  # no story stands out: nothing can be off it
    story = next(root for root, size in sorted(sizes.items()) if size == ranked[0])
    in_story = [groups.find(i) == story for i in range(len(docs))]
    story_terms: set[str] = set().union(*(t for t, inside in zip(terms, in_story, strict=True) if inside))
    aside = {
        docs[i].id for i in range(len(docs)) if not in_story[i] and not _same_story(len(terms[i] & story_terms), own[i])
    }
    aside |= {copy for copy, original in copy_of.items() if original in aside}
    return tuple(sorted(aside))


def _same_story(shared: int, own: int) -> bool:
    """Whether an article sharing `shared` names and figures with others, of its `own` names, is
    about their story: it shares SHARED_NAMES, or half its names, or names too little to judge by.
    Figures count only as shared: one outlet's figures differ from another's in one story."""
    return own < JUDGED_NAMES or shared >= SHARED_NAMES or 2 * shared >= own


def off_story_notices(aside: tuple[str, ...], docs: dict[str, Document]) -> tuple[Notice, ...]:
    """One note per document set aside, so that every report format lists it."""
    return tuple(
        Notice(
            path=docs[d].path,
            message="set aside as off-story: it shares too few names with the other articles "
            "to be about the same story; it is not checked",
        )
        for d in aside
    )
