"""Word-level differences between two wordings of one quote."""

from __future__ import annotations

import difflib
import re

_WORD = re.compile(r"\S+")


def word_diff(a: str, b: str) -> list[tuple[str, str, str]]:
    """Opcodes over words: (tag, words of a, words of b), tag in equal/replace/delete/insert.
    Case and punctuation are ignored when matching, and kept in the output."""
    wa, wb = _WORD.findall(a), _WORD.findall(b)
    sm = difflib.SequenceMatcher(a=[_key(w) for w in wa], b=[_key(w) for w in wb], autojunk=False)
    return [(tag, " ".join(wa[i1:i2]), " ".join(wb[j1:j2])) for tag, i1, i2, j1, j2 in sm.get_opcodes()]


def _key(word: str) -> str:
    """A word as matched: lower case, curly apostrophes straightened, punctuation dropped."""
    return re.sub(r"[^\w']", "", word.lower().replace("’", "'"))
