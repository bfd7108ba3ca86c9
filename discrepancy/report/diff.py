"""Word-level differences between two wordings of one quote."""

from __future__ import annotations

import difflib
import re

_WORD = re.compile(r"\S+")


def word_diff(a: str, b: str) -> list[tuple[str, str, str]]:
    """Opcodes over words: (tag, words of a, words of b), tag in equal/replace/delete/insert.
    Case and punctuation are ignored when matching, and kept in the output."""
    wa, wb = _WORD.findall(a), _WORD.findall(b)
    key = lambda w: re.sub(r"[^\w']", "", w.lower().replace("’", "'"))  # noqa: E731
    sm = difflib.SequenceMatcher(a=[key(w) for w in wa], b=[key(w) for w in wb], autojunk=False)
    return [(tag, " ".join(wa[i1:i2]), " ".join(wb[j1:j2])) for tag, i1, i2, j1, j2 in sm.get_opcodes()]
