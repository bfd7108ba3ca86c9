"""The generator's vocabulary (vocab.toml): calendar and number words, invented names, outlets, values."""

from __future__ import annotations

import random
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources import files

from .story import StoryError

_FILE = "vocab.toml"


def _load() -> dict[str, object]:
    return tomllib.loads(files(__package__).joinpath(_FILE).read_text("utf-8"))


_DATA = _load()


def _table(name: str) -> dict[str, object]:
    got = _DATA.get(name)
    if not isinstance(got, dict):
        raise StoryError(f"{_FILE}: missing table [{name}]")
    return got


def _words_list(table: str, key: str) -> tuple[str, ...]:
    got = _table(table).get(key)
    if not isinstance(got, list) or not got or not all(isinstance(x, str) for x in got):
        raise StoryError(f"{_FILE}: [{table}] {key} must be a non-empty list of strings")
    return tuple(got)


def _pairs(table: str, key: str) -> tuple[tuple[str, str], ...]:
    got = _table(table).get(key)
    if not isinstance(got, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in got
    ):
        raise StoryError(f"{_FILE}: [{table}] {key} must be a list of pairs of strings")
    return tuple((p[0], p[1]) for p in got)


def _lists(table: str) -> dict[str, tuple[str, ...]]:
    return {k: _words_list(table, k) for k in _table(table)}


WEEKDAYS = _words_list("calendar", "weekdays")
MONTHS = _words_list("calendar", "months")
MONTH_ABBR = _words_list("calendar", "month_abbr")
ONES = _words_list("calendar", "ones")
TENS = _words_list("calendar", "tens")

MALE = _words_list("names", "male")
FEMALE = _words_list("names", "female")
SUR_A = _words_list("names", "surname_a")
SUR_B = _words_list("names", "surname_b")
SUR_C = _words_list("names", "surname_c")
PLACE_A = _words_list("names", "place_a")
PLACE_B = _words_list("names", "place_b")
WORD_A = _words_list("names", "word_a")
WORD_B = _words_list("names", "word_b")
COUNTRY_ROOT_END = _words_list("names", "country_root_end")
COUNTRY_END = _pairs("names", "country_end")
PLACE_ENDS = _lists("place_ends")

OUTLET_PRE = _words_list("outlets", "prefix")
OUTLET_NOUN = _words_list("outlets", "noun")
AGENCIES = _words_list("outlets", "agencies")

HEDGES = _lists("hedges")
CURRENCIES = _lists("currencies")  # code -> (symbol, code prefix, word, longer word)
ITEMS = _lists("items")  # item id -> surface forms
QUOTE_FORMS = _words_list("quotes", "forms")
FURNITURE_PREFIXES = _words_list("furniture", "prefixes")


def _titles() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    out = {}
    for k, v in _table("titles").items():
        if not isinstance(v, dict) or set(v) != {"before", "after"}:
            raise StoryError(f"{_FILE}: [titles.{k}] needs exactly 'before' and 'after'")
        before, after = v["before"], v["after"]
        if not all(isinstance(x, list) and x and all(isinstance(s, str) for s in x) for x in (before, after)):
            raise StoryError(f"{_FILE}: [titles.{k}] 'before' and 'after' must be lists of strings")
        out[k] = (tuple(before), tuple(after))
    return out


TITLES = _titles()  # title id -> (words before the name, words after it)
if any(len(v) != 4 for v in CURRENCIES.values()):
    raise StoryError(f"{_FILE}: every [currencies] entry needs symbol, code prefix, word, longer word")


# ---------------------------------------------------------------- numbers and dates in words


def words(n: int) -> str | None:
    """English words for a count, when a reporter would plausibly write them out."""
    if n < 0:
        return None
    if n < 20:
        return ONES[n]
    if n < 100:
        t, o = divmod(n, 10)
        return TENS[t] + ("-" + ONES[o] if o else "")
    if n < 1000 and n % 100 == 0:
        return ONES[n // 100] + " hundred"
    if n % 1000 == 0 and n // 1000 < 100:
        return f"{words(n // 1000)} thousand"
    return None


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 11th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def num(n: int) -> str:
    """Digits with thousands separators."""
    return f"{n:,}"


def amount(mant: str, scale: str) -> float:
    """The value of a sum given as mantissa and scale word ("1.5", "billion")."""
    return float(mant) * {"": 1, "thousand": 1e3, "million": 1e6, "billion": 1e9}[scale]


# ---------------------------------------------------------------- invented names


@dataclass
class Names:
    """Unique invented names for one story."""

    rng: random.Random
    used: set[str] = field(default_factory=set)

    def _fresh(self, make: Callable[[], str]) -> str:
        for _ in range(200):
            s = make()
            if s not in self.used and s.lower() not in self.used:
                self.used.add(s)
                self.used.add(s.lower())
                return s
        raise RuntimeError("name space exhausted")  # pragma: no cover

    def surname(self) -> str:
        """A fresh surname of three invented syllables."""
        r = self.rng

        def make() -> str:
            while True:
                s = re.sub(r"(.)\1\1", r"\1\1", r.choice(SUR_A) + r.choice(SUR_B) + r.choice(SUR_C))
                if 5 <= len(s) <= 11:
                    return s

        return self._fresh(make)

    def person(self, gender: str | None = None) -> tuple[str, str, str]:
        """(given name, surname, gender "f" or "m")."""
        g = gender or self.rng.choice(("f", "m"))
        given = self._fresh(lambda: self.rng.choice(FEMALE if g == "f" else MALE))
        return given, self.surname(), g

    def place(self, ends: tuple[str, ...]) -> str:
        """A fresh place name with one of the given endings."""
        r = self.rng
        return self._fresh(lambda: r.choice(PLACE_A) + r.choice(PLACE_B) + r.choice(ends))

    def country(self) -> tuple[str, str]:
        """(country, adjective)."""
        r = self.rng
        end, adj = r.choice(COUNTRY_END)
        root = self._fresh(lambda: r.choice(PLACE_A) + r.choice(COUNTRY_ROOT_END))
        self.used.add(root + end)
        return root + end, root + adj

    def word(self) -> str:
        """A fresh compound word for a company, a building or a stadium."""
        r = self.rng

        def make() -> str:
            a, b = r.choice(WORD_A), r.choice(WORD_B)
            return a + b if a.lower() != b else a + "field"

        return self._fresh(make)


def misspell(rng: random.Random, s: str, avoid: set[str]) -> str:
    """One letter changed or two neighbours swapped: Abernathy / Abernethy, Wolff / Wolfe."""
    vowels = "aeiou"
    subs, swaps = [], []
    for i in range(1, len(s)):
        if s[i] in vowels:
            for v in "aeio":
                if v != s[i] and s[i - 1] != v and (i + 1 >= len(s) or s[i + 1] != v):
                    subs.append(s[:i] + v + s[i + 1 :])
    for i in range(1, len(s) - 1):
        a, b = s[i], s[i + 1]
        if a != b and (a in vowels) != (b in vowels):
            swaps.append(s[:i] + b + a + s[i + 2 :])
    pool = subs if subs and (not swaps or rng.random() < 0.7) else swaps
    pool = [c for c in pool if c != s and c not in avoid and c.lower() not in avoid] or [s + "e"]
    return rng.choice(pool)
