"""Names and titles: spellings of one name found by folding the letters that vary between
spellings, or by a near surname; titles of one person by identical keys."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator
from functools import lru_cache

from ..models import Fact


def same_key_links(fs: list[Fact]) -> list[tuple[int, int]]:
    index: dict[frozenset[Hashable], list[int]] = defaultdict(list)
    for i, f in enumerate(fs):
        index[f.keys].append(i)
    return [(idx[0], j) for idx in index.values() for j in idx[1:]]


_FOLDS = ((r"ph", "f"), (r"z", "s"), (r"k", "c"), (r"y", "i"), (r"w", "v"), (r"(.)\1", r"\1"), (r"e$", ""), (r"h", ""))


@lru_cache(maxsize=65536)
def fold_spelling(name: str) -> str:
    """A name with the letters that vary between spellings and transliterations folded
    (ph/f, z/s, k/c, y/i, w/v, doubled letters, a final e, h)."""
    for pattern, repl in _FOLDS:
        name = re.sub(pattern, repl, name)
    return name


def name_links(fs: list[Fact], ratio: float) -> list[tuple[int, int]]:
    """Full names spelled differently: the same given name and a near surname, or the reverse.
    Distinct spellings are compared, so a name repeated by every article costs nothing."""
    from rapidfuzz import fuzz

    by_value: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(fs):
        by_value[str(f.value)].append(i)
    values = sorted(by_value)
    links = [(idx[0], j) for idx in by_value.values() for j in idx[1:]]

    def near(a: str, b: str) -> bool:
        a, b = a.lower(), b.lower()
        if a == b:
            return True
        if fold_spelling(a) == fold_spelling(b):
            return True  # Wolff/Wolfe, Ines/Inez, Katherine/Catherine
        if a.startswith(b) or b.startswith(a):
            return False  # "Korea"/"Korean", "Abe"/"Abel": another word, not a spelling
        return len(a) >= 4 and len(b) >= 4 and fuzz.ratio(a, b) >= ratio

    by_first: dict[str, list[str]] = defaultdict(list)
    by_last: dict[str, list[str]] = defaultdict(list)
    for v in values:
        toks = v.split()
        by_first[toks[0].lower()].append(v)
        by_last[toks[-1].lower()].append(v)
    links += _single_word_links(values, by_value)
    for groups, part in ((by_first, -1), (by_last, 0)):
        for vs in groups.values():
            # names that differ in the other part only (its spellings): the names of one
            # spelling are one person (linked in a chain), and spellings are compared pairwise
            spellings: dict[str, list[str]] = defaultdict(list)
            for v in vs:
                spellings[v.split()[part].lower()].append(v)
            for same in spellings.values():
                links += [(by_value[a][0], by_value[b][0]) for a, b in zip(same, same[1:], strict=False)]
            for a, b in _candidate_pairs(sorted(spellings), fold_spelling):
                if near(a, b):
                    links.append((by_value[spellings[a][0]][0], by_value[spellings[b][0]][0]))
    return sorted(set(links))


# Spellings compared pairwise in one block (names that share a given name or a surname; one-word
# names that share their first or last letters): all pairs up to NAME_BLOCK of them, far more
# than any real corpus has; in a larger block (a made-up list of thousands of names), only the
# NAME_NEIGHBOURS that follow each in alphabetical order, and every pair that folds alike, so that
# the cost stays linear.
NAME_BLOCK = 64
NAME_NEIGHBOURS = 16


def _candidate_pairs(block: list[str], fold: Callable[[str], str]) -> Iterator[tuple[str, str]]:
    """The pairs of a sorted block to compare, each (earlier, later) in the block's order."""
    reach = len(block) if len(block) <= NAME_BLOCK else NAME_NEIGHBOURS
    for x in range(len(block)):
        for y in range(x + 1, min(len(block), x + 1 + reach)):
            yield block[x], block[y]
    if reach < len(block):
        folded: dict[str, list[int]] = defaultdict(list)
        for i, v in enumerate(block):
            folded[fold(v)].append(i)
        for same in folded.values():
            yield from ((block[x], block[y]) for x, y in zip(same, same[1:], strict=False) if y - x > reach)


# One-word names (a town, a storm) spelled two ways: one edit apart and at least this long, so
# that short words one letter apart ("Bath"/"Bash") stay apart. Calibrated on typos in real news
# ("Schnectady", "Clovedale", a storm's "George" for "Georges").
SINGLE_MIN_LENGTH = 5
SINGLE_MAX_EDITS = 1


def _single_word_links(values: list[str], by_value: dict[str, list[int]]) -> list[tuple[int, int]]:
    """One-word names one edit apart. Blocked by their first and by their last three letters
    (one edit leaves one of the two intact), so no two unrelated words are ever compared."""
    from rapidfuzz.distance import Levenshtein

    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for v in values:
        low = v.lower()
        if " " not in v and len(low) >= SINGLE_MIN_LENGTH:
            blocks[("head", low[:3])].append(v)
            blocks[("tail", low[-3:])].append(v)
    links = []
    for vs in blocks.values():
        for x, y in _candidate_pairs(vs, str.lower):
            a, b = x.lower(), y.lower()
            if a[0] != b[0] or a == b:
                continue  # "Marlow"/"Harlow": a typo seldom takes the first letter
            if Levenshtein.distance(a, b, score_cutoff=SINGLE_MAX_EDITS) <= SINGLE_MAX_EDITS:
                links.append((by_value[x][0], by_value[y][0]))
    return links
