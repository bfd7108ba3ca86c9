"""Pathological article shapes (issue 14): each grows to any size, to show that every stage is
linear in its input (or bounded per sentence) on text no newsroom writes but anyone can feed.

    shape("numbers", 100_000)   # about 100 KB of "12 34 56 ..." in one sentence

Used by benchmarks/fuzz.py, benchmarks/hostile.py and tests/test_hostile.py.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import count
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
WORDS = [
    "the",
    "rescue",
    "teams",
    "said",
    "that",
    "water",
    "levels",
    "near",
    "the",
    "old",
    "bridge",
    "were",
    "rising",
    "again",
    "overnight",
]


def _cycle(unit: Callable[[int], str], size: int) -> str:
    parts: list[str] = []
    total = 0
    for i in count():
        piece = unit(i)
        parts.append(piece)
        total += len(piece)
        if total >= size:
            return "".join(parts)
    raise AssertionError  # pragma: no cover - count() never ends


def _article(size: int) -> str:
    """The seed articles' paragraphs over and over, each numbered so that none is a repeat (a
    repeated paragraph is set aside before extraction, which would make this shape cheap)."""
    paragraphs = [p.strip() for f in sorted(FIXTURES.glob("*.txt")) for p in f.read_text("utf-8").split("\n\n")]
    paragraphs = [p for p in paragraphs if p and ":" not in p.split("\n")[0][:12]]
    return _cycle(lambda i: f"Update {i}. {paragraphs[i % len(paragraphs)]}\n\n", size)


GIVEN = ["Anna", "Peter", "Maria", "John", "Ewa", "Tomas", "Olga", "Ivan", "Lena", "Mark"]


def _surname(i: int) -> str:
    """A distinct made-up surname for each i ("Bacedo", "Cacedo" ...)."""
    letters = []
    for _ in range(3):
        i, r = divmod(i, 21)
        letters.append("bcdfghjklmnprstvwxzqy"[r] + "aeiou"[(i + r) % 5])
    return "".join(letters).capitalize()


SHAPES: dict[str, Callable[[int], str]] = {
    "numbers": lambda n: _cycle(lambda i: f"{(i * 37) % 9973} ", n) + ".",
    "honorifics": lambda n: _cycle(lambda i: "Mr. ", n),
    "dots": lambda n: "." * n,
    "initials": lambda n: _cycle(lambda i: chr(65 + i % 26) + ". ", n),
    "capitalised": lambda n: _cycle(lambda i: WORDS[i % len(WORDS)].capitalize() + " ", n) + ".",
    "long-sentence": lambda n: _cycle(lambda i: WORDS[i % len(WORDS)] + " ", n) + ".",
    "short-sentences": lambda n: _cycle(lambda i: f"{WORDS[i % len(WORDS)].capitalize()} said {i % 90 + 3}. ", n),
    "names": lambda n: _cycle(lambda i: f"{GIVEN[i % len(GIVEN)]} {_surname(i)} said it was over. ", n),
    "facts": lambda n: _cycle(lambda i: f"{i % 90 + 3} people were killed and ", n) + "none survived.",
    "article": _article,
}


def shape(name: str, size: int) -> str:
    """About `size` characters of the named shape."""
    return SHAPES[name](size)
