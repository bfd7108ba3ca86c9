"""Spellings of names: romanisation alternations (data/names.toml) and the letters that vary
between spellings, folded so that two spellings of one name compare equal."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from ..lexicon import _load

_FOLDS = ((r"ph", "f"), (r"z", "s"), (r"k", "c"), (r"y", "i"), (r"w", "v"), (r"(.)\1", r"\1"), (r"e\b", ""), (r"h", ""))


@cache
def _names_data() -> tuple[tuple[tuple[re.Pattern[str], str], ...], frozenset[str]]:
    data = _load("names.toml")
    alts = tuple((re.compile(p), r) for p, r in data.get("alternations", []))
    return alts, frozenset(data.get("honorifics", []))


def honorific(token: str) -> bool:
    """True for "Mr", "Dr.", "Insp": written before a name, never part of it."""
    return token.lower().rstrip(".") in _names_data()[1]


@lru_cache(maxsize=8192)
def transliterate(name: str) -> str:
    """A name with its romanisation alternations folded (Yevgeny/Evgeny, Mohammed/Muhammad,
    Sergey/Sergei, Zelensky/Zelenskyy, al-/el-): spellings that are not a discrepancy."""
    text = unicodedata.normalize("NFKD", name.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    for pattern, repl in _names_data()[0]:
        text = pattern.sub(repl, text)
    return " ".join(text.split())


@lru_cache(maxsize=8192)  # a pure function; names repeat across sentences and documents
def fold_name(name: str) -> str:
    """A name with transliterations and the letters that vary between spellings folded (ph/f,
    z/s, k/c, y/i, w/v, doubled letters, a final e, h): Wolff/Wolfe, Rait/Raite are one fold."""
    text = transliterate(name)
    for pattern, repl in _FOLDS:
        text = re.sub(pattern, repl, text)
    return text
