"""Values told in words: items, colours, quotes and who they are credited to, names, titles,
places."""

from __future__ import annotations

from dataclasses import dataclass, field

from .base import Comparison, Lexicon, Value, _compatible, _conflict, _same


@dataclass(frozen=True, slots=True, order=True)
class ItemValue(Value):
    """A set of taxonomy nodes named together."""

    nodes: tuple[str, ...]
    count: str = field(default="", compare=False)  # the figure before the list ("12 rockets")

    def normalized(self) -> str:
        return " + ".join(self.nodes)

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if not isinstance(other, ItemValue):
            return _conflict("not an item")
        if self == other:
            return _same()
        if lexicon.items_cumulative(self.nodes[0]) and not (self.count and self.count == other.count):
            return _compatible("parts of one list")  # "tarpaulins" here and "food" there
        if any(lexicon.items_related(x, y) for x in self.nodes for y in other.nodes):
            return _compatible("the same or a broader term")
        return _conflict("different things")


@dataclass(frozen=True, slots=True, order=True)
class ColourValue(Value):
    """A colour: its base colour ("grey") and the word as written ("gray", "charcoal")."""

    base: str
    shade: str = field(default="", compare=False)

    def normalized(self) -> str:
        return self.base

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if not isinstance(other, ColourValue):
            return _conflict("not a colour")
        return _same("one colour") if self.base == other.base else _conflict("different colours")


@dataclass(frozen=True, slots=True, order=True)
class QuoteValue(Value):
    """The words of a quote, lowercase; which of them an editor inserted in brackets, and
    before which words an ellipsis leaves some out."""

    words: tuple[str, ...]
    inserted: tuple[int, ...] = ()  # indices of words in brackets ("altered (its direction) towards")
    gaps: tuple[int, ...] = ()  # indices of words an ellipsis precedes ("we will ... rebuild")
    figures: tuple[float, ...] = field(default=(), compare=False)  # the numbers it states, sorted

    def normalized(self) -> str:
        return " ".join(self.words)

    def figure_differs(self, other: QuoteValue) -> bool:
        """True when both wordings state figures and not the same ones ("within six minutes" /
        "within eight minutes"): a changed figure, more serious than a rewording."""
        return bool(self.figures) and bool(other.figures) and self.figures != other.figures

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if not isinstance(other, QuoteValue):
            return _conflict("not a quote")
        a, b = self.normalized(), other.normalized()
        if a == b:
            return _same()
        if a in b or b in a:
            return _compatible("an excerpt")
        edited = self.inserted or self.gaps or other.inserted or other.gaps
        if edited and (_pieces_in(self.pieces(), other.words) or _pieces_in(other.pieces(), self.words)):
            return _compatible("an editorial insertion or ellipsis")
        return _conflict("different wording")

    def pieces(self) -> list[tuple[str, ...]]:
        """The quoted words in runs, split where an editor inserted words or left some out."""
        out: list[tuple[str, ...]] = []
        run: list[str] = []
        cut = set(self.gaps)
        for i, w in enumerate(self.words):
            if i in cut or i in self.inserted:
                if run:
                    out.append(tuple(run))
                run = []
            if i not in self.inserted:
                run.append(w)
        if run:
            out.append(tuple(run))
        return out

    @property
    def size(self) -> int:
        return len(self.words)


@dataclass(frozen=True, slots=True, order=True)
class AttributionValue(Value):
    """Who a quote is credited to: a surname or an organisation (lowercase), a person when the
    article names that person in full, and the name's spelling folded (Rait/Raite)."""

    speaker: str
    person: bool = field(default=False, compare=False)
    folded: str = field(default="", compare=False)

    def normalized(self) -> str:
        return self.speaker

    def __str__(self) -> str:
        return self.speaker

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if not isinstance(other, AttributionValue):
            return _conflict("not an attribution")
        if self.speaker == other.speaker:
            return _same()
        if (self.folded and self.folded == other.folded) or _one_edit(self.speaker, other.speaker):
            return _same("another spelling of the name")  # the name kind reports spellings (Grinford/Grinfard)
        if not (self.person and other.person):
            # "the AMA said" / "said its president, Dr Ruiz": a body speaks through its people
            return _compatible("an organisation and a person who may speak for it")
        return _conflict("different speakers")


SPELLING_MIN_LETTERS = 5  # shorter names one letter apart are different names (Lee/Lea)


def _one_edit(a: str, b: str) -> bool:
    """True when two names of SPELLING_MIN_LETTERS or more, with the same first letter, are one
    substitution, insertion or deletion apart: one name spelled two ways."""
    if min(len(a), len(b)) < SPELLING_MIN_LETTERS or a[:1] != b[:1] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _pieces_in(pieces: list[tuple[str, ...]], words: tuple[str, ...]) -> bool:
    """True when every piece occurs in words, contiguously and in order."""
    at = 0
    for piece in pieces:
        n = len(piece)
        found = next((i for i in range(at, len(words) - n + 1) if words[i : i + n] == piece), -1)
        if found < 0:
            return False
        at = found + n
    return True


@dataclass(frozen=True, slots=True, order=True)
class NameValue(Value):
    """A person's name as written (title words and a final full stop removed), with its
    romanisation folded (`folded`: Yevgeny/Evgeny, Mohammed/Muhammad fold alike)."""

    text: str
    folded: str = field(default="", compare=False)

    def normalized(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if self == other:
            return _same()
        if isinstance(other, NameValue) and self.folded and self.folded == other.folded:
            return _same("another romanisation")  # Sergey/Sergei, Zelensky/Zelenskyy: not a discrepancy
        return _conflict("different spellings")


@dataclass(frozen=True, slots=True, order=True)
class TitleValue(Value):
    """A person's title, as its canonical role ("spokesperson", "minister")."""

    role: str

    def normalized(self) -> str:
        return self.role.replace("_", " ")

    def __str__(self) -> str:
        return self.role

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if not isinstance(other, TitleValue):
            return _conflict("not a title")
        if self == other:
            return _same()
        fa, fb = lexicon.title_family(self.role), lexicon.title_family(other.role)
        if fa is None or fb is None or fa != fb:
            return _compatible("roles of different kinds")
        return _conflict("different titles")


@dataclass(frozen=True, slots=True, order=True)
class PlaceValue(Value):
    """A place name as written ("South Ozone Park"), with its spelling fold (`folded`: names
    that differ only in transliteration or letters that vary between spellings fold alike)."""

    name: str
    folded: str = field(default="", compare=False)
    region: bool = field(default=False, compare=False)  # a country, state or province (data/places.toml)

    def normalized(self) -> str:
        return self.name

    def __str__(self) -> str:
        return self.name

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if not isinstance(other, PlaceValue):
            return _conflict("not a place")
        if self.name == other.name:
            return _same()
        a, b = set((self.folded or self.name.lower()).split()), set((other.folded or other.name.lower()).split())
        if a == b:
            return _compatible("variant spelling")  # "Bern" / "Berne"
        if self.region != other.region:
            return _compatible("a region and a place in it may both be right")  # "Ohio" / "Dayton"
        if a <= b or b <= a:
            return _compatible("one place name contains the other")  # "Richmond Hill" / "South Richmond Hill"
        return _conflict("different places")


@dataclass(frozen=True, slots=True, order=True)
class VersionsValue(Value):
    """Which numbered versions of a product a claim covers ("IE6 to 10": 6-10), as written."""

    product: str
    lo: int
    hi: int

    def normalized(self) -> str:
        return f"{self.product} {self.lo}" if self.lo == self.hi else f"{self.product} {self.lo}-{self.hi}"

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if not isinstance(other, VersionsValue):
            return _conflict("not versions")
        if (self.lo, self.hi) == (other.lo, other.hi):
            return _same()
        return _conflict("different versions")


@dataclass(frozen=True, slots=True, order=True)
class OrganisationValue(Value):
    """An organisation as written ("the Indian Navy", "FBI", "police"), without a leading "the"."""

    name: str

    def normalized(self) -> str:
        return self.name

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        if not isinstance(other, OrganisationValue):
            return _conflict("not an organisation")
        a, b = _org_key(self.name), _org_key(other.name)
        if a == b:
            return _same("one organisation")
        if _initials(self.name) == other.name.upper() or _initials(other.name) == self.name.upper():
            return _compatible("a name and its acronym")
        if a in b or b in a:
            return _compatible("a shorter form of the name")  # "Navy" / "Indian Navy"
        return _conflict("different organisations")


def _org_key(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _initials(name: str) -> str:
    """ "Federal Bureau of Investigation" -> "FBI" (small words left out)."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())
