"""Synthetic corpora: many articles about one invented story, with planted discrepancies and gold.

``write_corpus(out_dir, template=..., articles=N, seed=S)`` invents one story (people, places,
organisations and a set of FACTS with true values), then writes N articles about it, each told in
its own words: every fact is stated (or not) with a randomly chosen sentence template and a
randomly chosen surface form of its value ("12 March" / "Mar. 12" / "yesterday", "$1.5 billion"
/ "1.5bn dollars", "thirty-two" / "32", a title before or after a name, curly or straight quote
marks). A few facts get a PLANTED discrepancy: a minority of the articles that state the fact give
a different, plausible value (a transposed digit, an off-by-one day, a sibling item, a misspelt
surname, a neighbouring title, a quote with two or three words changed). Background sentences
carry traps (a previous year's figure, another count sharing a number), and the articles carry
scraping noise: page furniture, a repeated paragraph, wire reprints of earlier articles.

The gold file (format version 1, as read by ``discrepancy.evaluate``) lists every planted
discrepancy (true side vs planted side) and one agreement per fact (the true value in different
surface forms), with every claim's ``text`` an exact substring of its document.

Standard library only; deterministic: ``random.Random`` instances seeded from ``seed`` (no
clock, no global random state, no set iteration), so the same arguments give the same bytes.
All vocabulary lives in this module (nothing under ``data/`` is read), so the generator does not
change when the engine's word lists do.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

__all__ = ["KINDS", "TEMPLATES", "write_corpus"]

TEMPLATES: tuple[str, ...] = ("disaster", "court", "results", "sports", "diplomacy")
KINDS: tuple[str, ...] = (
    "date",
    "weekday",
    "time",
    "quantity",
    "money",
    "item",
    "quote",
    "name",
    "title",
)
# What can be planted; "hedge" is a quantity discrepancy ("more than 40" vs "about 40").
PLANT_KINDS: tuple[str, ...] = (
    "date",
    "weekday",
    "time",
    "quantity",
    "hedge",
    "money",
    "item",
    "quote",
    "name",
    "title",
)
_SUPPORTED: dict[str, frozenset[str]] = {
    "disaster": frozenset(PLANT_KINDS),
    "court": frozenset(PLANT_KINDS),
    "results": frozenset(PLANT_KINDS),
    "sports": frozenset(PLANT_KINDS) - {"item"},
    "diplomacy": frozenset(PLANT_KINDS),
}
_SIDE_CAP = 10  # claims per side of a discrepancy in gold.toml
_AGREE_CAP = 6  # claims per agreement

# ---------------------------------------------------------------- calendar and numbers

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_ABBR = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
_ONES = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ("_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _words(n: int) -> str | None:
    """English words for a count, when a reporter would plausibly write them out."""
    if n < 0:
        return None
    if n < 20:
        return _ONES[n]
    if n < 100:
        t, o = divmod(n, 10)
        return _TENS[t] + ("-" + _ONES[o] if o else "")
    if n < 1000 and n % 100 == 0:
        return _ONES[n // 100] + " hundred"
    if n % 1000 == 0 and n // 1000 < 100:
        return _words(n // 1000) + " thousand"  # type: ignore[operator]
    return None


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _num(n: int) -> str:
    return f"{n:,}"


def _amount(mant: str, scale: str) -> float:
    return float(mant) * {"": 1, "thousand": 1e3, "million": 1e6, "billion": 1e9}[scale]


# ---------------------------------------------------------------- names, places, outlets

_MALE = (
    "Anton",
    "Daniel",
    "Jonah",
    "Marek",
    "Tomas",
    "Felix",
    "Owen",
    "Victor",
    "Lukas",
    "Emil",
    "Pavel",
    "Henrik",
    "Oskar",
    "Julian",
    "Stefan",
    "Adrian",
    "Milan",
    "Rafael",
    "Simon",
    "Teodor",
    "Nikolai",
    "Bruno",
    "Elias",
    "Gustav",
    "Leon",
    "Matteo",
    "Ivo",
    "Karl",
    "Tobias",
    "Arne",
    "Dominik",
    "Fabian",
    "Gregor",
    "Hugo",
    "Jakob",
    "Kasimir",
    "Lorenz",
    "Mateus",
)
_FEMALE = (
    "Helena",
    "Ingrid",
    "Marta",
    "Priya",
    "Dora",
    "Greta",
    "Hannah",
    "Nadia",
    "Lidia",
    "Vera",
    "Alma",
    "Clara",
    "Elena",
    "Irena",
    "Johanna",
    "Katja",
    "Lena",
    "Mira",
    "Nora",
    "Petra",
    "Sofia",
    "Tereza",
    "Ulla",
    "Zofia",
    "Amara",
    "Beatrix",
    "Celine",
    "Daria",
    "Freya",
    "Agnes",
    "Bianca",
    "Edith",
    "Flora",
    "Ilse",
    "Livia",
    "Maren",
    "Selma",
)
_SUR_A = (
    "Bre",
    "Kel",
    "Ost",
    "Ar",
    "Dra",
    "Hal",
    "Lin",
    "Mor",
    "Vel",
    "Tor",
    "Sar",
    "Ber",
    "Kas",
    "Ro",
    "Fen",
    "Gal",
    "Nor",
    "Pel",
    "Sten",
    "Var",
    "Wen",
    "Zel",
    "Mar",
    "Dor",
    "Hel",
    "Jar",
    "Lor",
    "Ral",
    "Tam",
    "Vos",
    "Kor",
    "Bal",
    "Fal",
    "Grin",
    "Has",
    "Lund",
    "Mal",
    "Nes",
    "Per",
    "Rus",
    "Sol",
    "Tre",
    "Ves",
    "Wol",
    "Zan",
    "Ab",
    "Cor",
    "Dun",
    "Gor",
    "Kal",
    "Lev",
    "Mel",
    "Nov",
    "Pal",
    "Rad",
    "Sev",
    "Tal",
    "Hur",
    "Bran",
    "Cas",
)
_SUR_B = ("", "a", "e", "i", "o", "an", "en", "in", "er", "ar", "el", "or", "ov", "ik", "us", "al")
_SUR_C = (
    "zal",
    "nic",
    "der",
    "sen",
    "ich",
    "berg",
    "mann",
    "ard",
    "ski",
    "ant",
    "ez",
    "ow",
    "ett",
    "ley",
    "ton",
    "dal",
    "ner",
    "ek",
    "by",
    "ani",
    "ero",
    "ak",
    "ian",
    "ovic",
    "ren",
    "stad",
    "holm",
    "vik",
    "ford",
    "more",
    "das",
    "lin",
    "rick",
    "wald",
    "ida",
    "aro",
)
_PLACE_A = (
    "Ard",
    "Bren",
    "Kres",
    "Lund",
    "Mar",
    "Oster",
    "Vel",
    "Tarn",
    "Hal",
    "Cor",
    "Dun",
    "Esk",
    "Fal",
    "Gar",
    "Hol",
    "Ister",
    "Kal",
    "Lor",
    "Mor",
    "Nor",
    "Pell",
    "Rav",
    "Sel",
    "Thorn",
    "Ulm",
    "Var",
    "Wes",
    "Yar",
    "Zen",
    "Brak",
    "Cald",
    "Dorn",
    "Elm",
    "Fen",
    "Glen",
    "Harr",
    "Ivel",
    "Jor",
    "Kel",
    "Lis",
    "Mend",
    "Quar",
    "Rost",
    "Sund",
    "Tav",
    "Vard",
)
_PLACE_B = ("en", "a", "o", "i", "ar", "er", "or", "", "", "")
_REGION_END = ("vale", "mark", "land", "ia", "shire", "ova", "ania", "moor")
_TOWN_END = (
    "mouth",
    "ton",
    "burg",
    "ford",
    "haven",
    "stad",
    "a",
    "ovo",
    "ica",
    "bridge",
    "field",
    "port",
    "wick",
    "by",
)
_COUNTRY_END = (("ia", "ian"), ("ania", "anian"), ("ova", "ovan"), ("aria", "arian"))
_WORD_A = (
    "Bright",
    "Silver",
    "North",
    "Clear",
    "Blue",
    "Stone",
    "Oak",
    "Swift",
    "Iron",
    "Green",
    "Summit",
    "Harbor",
    "Crest",
    "True",
    "Red",
    "Linden",
    "Willow",
    "Falcon",
    "Cedar",
    "Amber",
    "Hollow",
    "Maple",
    "Copper",
    "Lark",
)
_WORD_B = (
    "water",
    "line",
    "field",
    "gate",
    "wave",
    "bridge",
    "point",
    "peak",
    "stone",
    "brook",
    "light",
    "wind",
    "ridge",
    "vale",
    "haven",
    "crest",
    "wood",
    "mere",
)
# No "Daily", "Sunday", "Evening", "Morning": they make real mastheads (Sunday Times).
_OUTLET_PRE = (
    "Midvale",
    "Tidewater",
    "Northridge",
    "Lowland",
    "Valley",
    "Coastal",
    "Lakeside",
    "Harbour",
    "Highland",
    "Riverside",
    "Frontier",
    "Upland",
    "Fenland",
    "Brookside",
    "Westmarch",
    "Eastmoor",
    "Crossroads",
    "Saltmarsh",
    "Greystone",
    "Hillcrest",
    "Meadowbank",
    "Stonebridge",
    "Larchmont",
    "Ashgrove",
)
_OUTLET_NOUN = (
    "Ledger",
    "Gazette",
    "Tribune",
    "Post",
    "Herald",
    "Courier",
    "Chronicle",
    "Observer",
    "Times",
    "Record",
    "Dispatch",
    "Sentinel",
    "Journal",
    "Mirror",
    "Echo",
    "Review",
    "Bulletin",
    "Standard",
    "Express",
    "Monitor",
    "Telegraph",
    "Examiner",
    "Register",
    "Star",
    "News",
    "Wire",
    "Press",
    "Voice",
    "Leader",
    "Argus",
)
_AGENCIES = (
    "Northwire",
    "Continental Press",
    "Meridian News Agency",
    "Atlas Wire",
    "Vector Press Service",
    "Polaris Photo",
    "Lumen Images",
)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


@dataclass
class _Names:
    """Unique invented names for one story."""

    rng: random.Random
    used: set[str] = field(default_factory=set)

    def _fresh(self, make) -> str:
        for _ in range(200):
            s = make()
            if s not in self.used and s.lower() not in self.used:
                self.used.add(s)
                self.used.add(s.lower())
                return s
        raise RuntimeError("name space exhausted")  # pragma: no cover

    def surname(self) -> str:
        r = self.rng

        def make() -> str:
            while True:
                s = re.sub(r"(.)\1\1", r"\1\1", r.choice(_SUR_A) + r.choice(_SUR_B) + r.choice(_SUR_C))
                if 5 <= len(s) <= 11:
                    return s

        return self._fresh(make)

    def person(self, gender: str | None = None) -> tuple[str, str, str]:
        g = gender or self.rng.choice(("f", "m"))
        given = self._fresh(lambda: self.rng.choice(_FEMALE if g == "f" else _MALE))
        return given, self.surname(), g

    def place(self, ends: tuple[str, ...]) -> str:
        r = self.rng
        return self._fresh(lambda: r.choice(_PLACE_A) + r.choice(_PLACE_B) + r.choice(ends))

    def country(self) -> tuple[str, str]:
        r = self.rng
        end, adj = r.choice(_COUNTRY_END)
        root = self._fresh(lambda: r.choice(_PLACE_A) + r.choice(("", "en", "or", "al", "ar")))
        self.used.add(root + end)
        return root + end, root + adj

    def word(self) -> str:
        r = self.rng

        def make() -> str:
            a, b = r.choice(_WORD_A), r.choice(_WORD_B)
            return a + b if a.lower() != b else a + "field"

        return self._fresh(make)


def _misspell(rng: random.Random, s: str, avoid: set[str]) -> str:
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


# ---------------------------------------------------------------- value vocabularies

# item id -> surface forms (synonyms in the engine's taxonomy; plural, lower case)
_ITEMS: dict[str, tuple[str, ...]] = {
    "tents": ("tents",),
    "blankets": ("blankets", "thermal blankets", "emergency blankets"),
    "shelter_kits": ("shelter kits", "tarpaulins"),
    "food": ("food parcels", "food packages"),
    "hygiene_kits": ("hygiene kits",),
    "manslaughter": ("manslaughter", "involuntary manslaughter"),
    "murder": ("murder", "second-degree murder"),
    "heat_pumps": ("heat pumps",),
    "air_conditioners": ("air conditioners", "air-conditioners", "air conditioning units"),
    "refrigerators": ("refrigerators", "fridges"),
    "washing_machines": ("washing machines",),
    "laptops": ("laptops", "notebook computers"),
    "tablets": ("tablet computers",),
    "smartphones": ("smartphones", "mobile phones"),
    "solar_panels": ("solar panels", "solar modules"),
    "wind_turbines": ("wind turbines",),
    "artillery_shells": ("artillery shells", "artillery rounds"),
    "mortar_shells": ("mortar shells", "mortar rounds"),
    "rockets": ("rockets",),
    "howitzers": ("howitzers", "self-propelled howitzers"),
    "rocket_launchers": ("rocket launchers",),
    "air_defence": ("air defence systems", "anti-aircraft systems"),
    "anti_tank_missiles": ("anti-tank missiles", "anti-tank guided missiles"),
}

# title id -> (before the name, after the name); "{$x}" are story constants
_TITLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "governor": (
        ("Governor",),
        ("the governor of {$region}", "{$region}'s governor", "the provincial governor"),
    ),
    "deputy governor": (
        ("Deputy Governor",),
        (
            "the deputy governor of {$region}",
            "{$region}'s deputy governor",
            "the provincial deputy governor",
        ),
    ),
    "head": (
        ("civil protection chief",),
        (
            "the head of civil protection in {$region}",
            "the head of {$region}'s civil protection agency",
        ),
    ),
    "deputy head": (
        ("deputy civil protection chief",),
        (
            "the deputy head of civil protection in {$region}",
            "the deputy head of {$region}'s civil protection agency",
        ),
    ),
    "mayor": (("Mayor",), ("the mayor of {$town}", "{$town}'s mayor")),
    "deputy mayor": (("Deputy Mayor",), ("the deputy mayor of {$town}", "{$town}'s deputy mayor")),
    "judge": (("Judge",), ("the judge in the case", "a judge at {$court}")),
    "chief judge": (("Chief Judge",), ("the chief judge of {$court}", "the court's chief judge")),
    "ceo": (
        ("chief executive", "CEO"),
        (
            "the chief executive",
            "{$short}'s chief executive",
            "the company's chief executive officer",
        ),
    ),
    "coo": (
        ("chief operating officer",),
        ("the chief operating officer", "{$short}'s chief operating officer"),
    ),
    "cfo": (
        ("chief financial officer", "finance director"),
        ("the chief financial officer", "{$short}'s finance director"),
    ),
    "coach": (
        ("coach", "head coach", "{$home} coach"),
        ("the {$home} coach", "{$home}'s head coach"),
    ),
    "assistant coach": (
        ("assistant coach", "{$home} assistant coach"),
        ("the {$home} assistant coach", "{$home}'s assistant coach"),
    ),
    "foreign minister": (
        ("Foreign Minister", "{$adjA} Foreign Minister"),
        (
            "{$countryA}'s foreign minister",
            "the {$adjA} foreign minister",
            "the foreign minister of {$countryA}",
        ),
    ),
    "defence minister": (
        ("Defence Minister", "{$adjA} Defence Minister"),
        (
            "{$countryA}'s defence minister",
            "the {$adjA} defence minister",
            "the defence minister of {$countryA}",
        ),
    ),
}

# A quote: its first sentence has choice points (true wording = one path; a planted wording flips
# two or three of them); its optional second sentence is fixed.
_QUOTES: dict[str, tuple[tuple[tuple, str, str], ...]] = {
    "disaster": (
        (
            (
                "We are ",
                ("racing", "working"),
                " against ",
                ("time", "the clock"),
                " to reach every family still ",
                ("trapped", "buried"),
                " under the ",
                ("rubble", "ruins"),
            ),
            "Nobody will be left behind",
            "reaching trapped families",
        ),
        (
            (
                "The ",
                ("priority", "task"),
                " now is to get ",
                ("shelter", "help"),
                " to the people who have lost ",
                ("everything", "their homes"),
                " in a ",
                ("matter of seconds", "few seconds"),
            ),
            "The nights are getting cold",
            "help for the homeless",
        ),
        (
            (
                "This is the ",
                ("worst", "deadliest"),
                " disaster our province has ",
                ("seen", "suffered"),
                " in a ",
                ("generation", "lifetime"),
            ),
            "We will rebuild, but first we must grieve",
            "the scale of the disaster",
        ),
    ),
    "court": (
        (
            (
                "You put profit ",
                ("before", "above"),
                " the lives of the ",
                ("people", "families"),
                " who ",
                ("trusted", "relied on"),
                " you",
            ),
            "Those warnings were clear, and you chose to ignore them",
            "profit and lives",
        ),
        (
            (
                "This was not an ",
                ("accident", "oversight"),
                " but a ",
                ("choice", "decision"),
                " you made ",
                ("again and again", "every single day"),
            ),
            "The law does not allow that",
            "a choice, not an accident",
        ),
        (
            (
                "No ",
                ("sentence", "punishment"),
                " I pass today can ",
                ("bring back", "replace"),
                " the ",
                ("lives", "people"),
                " that were lost",
            ),
            "But the law must be upheld",
            "what a sentence can do",
        ),
    ),
    "results": (
        (
            (
                "These are ",
                ("painful", "difficult"),
                " decisions, but they are ",
                ("necessary", "essential"),
                " for the ",
                ("long-term", "future"),
                " health of the company",
            ),
            "We can't stand still while our competitors cut prices",
            "the job cuts",
        ),
        (
            (
                "Demand for our ",
                ("products", "machines"),
                " has never been ",
                ("stronger", "higher"),
                ", but our ",
                ("costs", "margins"),
                " are under real pressure",
            ),
            "That is why we are acting now",
            "demand and costs",
        ),
        (
            (
                "We are ",
                ("confident", "convinced"),
                " that the ",
                ("worst", "hardest"),
                " part of the cycle is ",
                ("behind", "now behind"),
                " us",
            ),
            "The second half will be better",
            "the outlook",
        ),
    ),
    "sports": (
        (
            (
                "This is a ",
                ("team", "side"),
                " that ",
                ("refuses", "simply refuses"),
                " to ",
                ("lose", "give up"),
            ),
            "I am proud of every one of them",
            "the team's character",
        ),
        (
            (
                "We ",
                ("showed", "proved"),
                " today that we ",
                ("belong", "deserve to be"),
                " at the ",
                ("top", "very top"),
                " of this league",
            ),
            "Nobody can take that away from us",
            "the team's ambitions",
        ),
        (
            (
                "It was a ",
                ("hard", "tough"),
                " game, but the ",
                ("players", "lads"),
                " ",
                ("never stopped", "kept on"),
                " believing",
            ),
            "That's what wins you matches",
            "belief",
        ),
    ),
    "diplomacy": (
        (
            (
                "Our ",
                ("support", "commitment"),
                " will not ",
                ("waver", "weaken"),
                " for as long as it ",
                ("takes", "is needed"),
            ),
            "This is an investment in our own security",
            "lasting support",
        ),
        (
            (
                "This package sends a ",
                ("clear", "strong"),
                " message to anyone who ",
                ("doubts", "questions"),
                " our ",
                ("resolve", "determination"),
            ),
            "We will not be intimidated",
            "the message of the package",
        ),
        (
            (
                "We stand ",
                ("shoulder to shoulder", "side by side"),
                " with our ",
                ("friends", "partners"),
                ", ",
                ("today", "now"),
                " and in the years ahead",
            ),
            "That is a promise",
            "solidarity",
        ),
    ),
}

_QUOTE_FORMS = (
    "{quote:lead} said {@Q}.",
    "{quote:lead} {@Q} said.",
    "{@Q} said: {quote:colon}",
    "{@Q} told reporters: {quote:colon}",
    "{quote:first} {@Q} said. {quote:second}",
    "{quote:first} said {@Q}. {quote:second}",
)

# ---------------------------------------------------------------- the template language
#
# "{fact}" / "{fact:frame}"  a fact's value in a surface form (recorded as a claim)
# "{@person}"                a person: full name (with title) at the first mention, surname later
# "{$const}"                 a story constant
# "<a|b|c>"                  a random choice of plain words
# "[ ... ]"                  an optional segment (one level), kept when its facts are available

_TOKEN = re.compile(r"\{[^{}]+\}|<[^<>]*>|\[|\]|[^{}<>\[\]]+")


@dataclass(frozen=True)
class _Tpl:
    nodes: tuple
    required: frozenset[str]
    opts: tuple[frozenset[str], ...]  # facts in each optional segment
    persons: frozenset[str]  # persons outside optional segments
    opt_persons: tuple[frozenset[str], ...]


_PARSED: dict[str, _Tpl] = {}


def _parse(text: str) -> _Tpl:
    got = _PARSED.get(text)
    if got is not None:
        return got
    top: list = []
    cur = top
    for tok in _TOKEN.findall(text):
        if tok == "[":
            if cur is not top:
                raise ValueError(f"nested optional segment in {text!r}")
            seg: list = []
            top.append(("opt", seg))
            cur = seg
        elif tok == "]":
            cur = top
        elif tok[0] == "{":
            name, _, frame = tok[1:-1].partition(":")
            cur.append(("slot", name, frame))
        elif tok[0] == "<":
            cur.append(("alt", tuple(tok[1:-1].split("|"))))
        else:
            cur.append(("t", tok))
    if cur is not top:
        raise ValueError(f"unclosed optional segment in {text!r}")

    def facts(nodes) -> frozenset[str]:
        return frozenset(n[1] for n in nodes if n[0] == "slot" and n[1][0] not in "@$")

    def persons(nodes) -> frozenset[str]:
        return frozenset(n[1][1:] for n in nodes if n[0] == "slot" and n[1][0] == "@" and n[2] != "sur")

    opts = [n[1] for n in top if n[0] == "opt"]
    tpl = _Tpl(
        nodes=tuple((n[0], tuple(n[1])) if n[0] == "opt" else n for n in top),
        required=facts(top),
        opts=tuple(facts(o) for o in opts),
        persons=persons(top),
        opt_persons=tuple(persons(o) for o in opts),
    )
    _PARSED[text] = tpl
    return tpl


# ---------------------------------------------------------------- story model


@dataclass(eq=False)
class _Fact:
    key: str
    vtype: str  # day time count mag years minute score money item quote name title
    kind: str  # gold kind of an agreement
    subject: str
    true: object
    p: float = 0.75
    requires: tuple[str, ...] = ()
    hedgeable: bool = False
    at_least: bool = False  # a count that may be written "at least N"
    person: str = ""  # name/title/quote facts: whose
    needs: str = ""  # a name fact that must be stated too (a quote or title needs its person present)
    wrong: object = None
    plant: str = ""  # planted kind
    detail: str = ""  # how the planted value differs


@dataclass(eq=False)
class _Person:
    pid: str
    given: str
    surname: str
    gender: str
    name_fact: str = ""
    title_fact: str = ""


@dataclass(eq=False)
class _Story:
    template: str
    event: date
    consts: dict[str, str] = field(default_factory=dict)
    persons: dict[str, _Person] = field(default_factory=dict)
    facts: dict[str, _Fact] = field(default_factory=dict)
    ledes: list[str] = field(default_factory=list)
    body: dict[str, list[str]] = field(default_factory=dict)
    person_lines: dict[str, list[str]] = field(default_factory=dict)
    background: list[str] = field(default_factory=list)
    headlines: list[str] = field(default_factory=list)
    teasers: list[str] = field(default_factory=list)
    quote: tuple = ()
    item_pair: tuple[str, str] = ("", "")
    title_pair: tuple[str, str] = ("", "")
    taken_numbers: set[float] = field(default_factory=set)
    taken_money: set[float] = field(default_factory=set)
    taken_days: set[date] = field(default_factory=set)
    summary: list[str] = field(default_factory=list)
    traps: list[str] = field(default_factory=list)

    def add(self, f: _Fact) -> _Fact:
        self.facts[f.key] = f
        return f

    def const(self, text: str) -> str:
        return re.sub(r"\{\$(\w+)\}", lambda m: self.consts[m.group(1)], text)


# ---------------------------------------------------------------- value renderers
# Each returns (phrase, [(start, end, form)]) with the claim's span inside the phrase.


def _r_day(f: _Fact, v: date, side: str, frame: str, ctx: _Ctx):
    rng = ctx.rng
    wd = _WEEKDAYS[v.weekday()]
    d, m, y = v.day, _MONTHS[v.month - 1], v.year
    forms: list[tuple[str, str]] = []  # (claim text, form id)
    if not (side == "W" and f.plant == "weekday"):
        forms += [
            (f"{d} {m}", "d-month"),
            (f"{m} {d}", "month-d"),
            (f"{m} {_ordinal(d)}", "month-dth"),
            (f"{_MONTH_ABBR[v.month - 1]} {d}", "abbr"),
            (f"{d} {m} {y}", "d-month-y"),
            (f"{m} {d}, {y}", "month-d-y"),
            (f"{wd}, {d} {m}", "wd-d-month"),
            (f"{wd}, {m} {d}", "wd-month-d"),
        ]
    if not (side == "W" and f.plant == "date"):
        forms += [(wd, "weekday")] * 3
        if side == "T" and (ctx.art.pub - v).days == 1:
            forms += [("yesterday", "yesterday")] * 3
    text, form = rng.choice(forms)
    if text == "yesterday":
        return text, [(0, len(text), form)]
    return "on " + text, [(3, 3 + len(text), form)]


def _r_time(f: _Fact, v: tuple[int, int], side: str, frame: str, ctx: _Ctx):
    h, mi = v
    h12 = h % 12 or 12
    ap = "a.m." if h < 12 else "p.m."
    apc = ap.replace(".", "")
    part = "in the morning" if h < 12 else ("in the afternoon" if h < 18 else "in the evening")
    mm = f"{mi:02d}"
    forms = [
        (f"{h12}:{mm} {ap}", "12h"),
        (f"{h12}:{mm}{apc}", "12h-short"),
        (f"{h:02d}:{mm}", "24h"),
        (f"{h:02d}:{mm} local time", "24h-local"),
        (f"{h12}.{mm}{apc}", "12h-dot"),
    ]
    if mi == 0:
        forms += [(f"{h12} {ap}", "12h-hour"), (f"{h12}{apc}", "12h-hour-short")]
    else:
        forms.append((f"{h12}:{mm} {part}", "12h-words"))
    text, form = ctx.rng.choice(forms)
    if frame == "bare":
        return text, [(0, len(text), form)]
    return "at " + text, [(3, 3 + len(text), form)]


_HEDGES = {
    "approx": ("about", "some", "around", "roughly", "approximately"),
    "more": ("more than", "over"),
}


def _r_count(f: _Fact, v: tuple[int, str], side: str, frame: str, ctx: _Ctx):
    n, style = v
    rng = ctx.rng
    w = _words(n)
    use_words = w is not None and (n <= 20 or rng.random() < 0.35)
    core = w if use_words else _num(n)
    if style == "exact":
        prefix = "at least " if f.at_least and rng.random() < 0.4 else ""
    else:
        prefix = rng.choice(_HEDGES[style]) + " "
    text = prefix + core
    return text, [(0, len(text), (prefix.strip() or "exact") + ("|w" if use_words else "|d"))]


def _r_years(f: _Fact, v: int, side: str, frame: str, ctx: _Ctx):
    w = _words(v) if v <= 20 else None
    core = w if w and ctx.rng.random() < 0.6 else str(v)
    text = f"{core}-year" if frame == "adj" else f"{core} years"
    return text, [(0, len(text), frame + ("|w" if core == w else "|d"))]


def _r_mag(f: _Fact, v: str, side: str, frame: str, ctx: _Ctx):
    forms = {
        "adj": (f"magnitude {v}", f"{v}-magnitude", f"magnitude-{v}"),
        "pred": (v, f"magnitude {v}"),
        "num": (v,),
    }[frame or "adj"]
    text = ctx.rng.choice(forms)
    return text, [(0, len(text), text.replace(v, "#"))]


def _r_minute(f: _Fact, v: int, side: str, frame: str, ctx: _Ctx):
    text = f"{_ordinal(v)}-minute" if frame == "adj" else f"{_ordinal(v)} minute"
    return text, [(0, len(text), frame)]


def _r_score(f: _Fact, v: tuple[int, int], side: str, frame: str, ctx: _Ctx):
    a, b = v
    forms = [f"{a}-{b}", f"{a}-{b}", f"{a}\u2013{b}"]
    if frame != "bare":
        forms.append(f"by {_words(a)} goal{'s' if a > 1 else ''} to {_words(b) if b else 'nil'}")
    text = ctx.rng.choice(forms)
    start = 3 if text.startswith("by ") else 0
    return text, [(start, len(text), "words" if start else ("dash" if "\u2013" in text else "hyphen"))]


_CUR = {
    "USD": ("$", "US$", "dollars", "US dollars"),
    "EUR": ("\u20ac", "EUR ", "euros", "euros"),
    "GBP": ("\u00a3", "GBP ", "pounds", "pounds sterling"),
}


def _r_money(f: _Fact, v: tuple[str, str, str], side: str, frame: str, ctx: _Ctx):
    mant, scale, cur = v
    sym, code, word, word2 = _CUR[cur]
    rng = ctx.rng
    if scale == "":
        digits = _num(int(mant))
        forms = [
            (f"{sym}{digits}", "sym"),
            (f"{digits} {word}", "word"),
            (f"{code}{digits}", "code"),
        ]
    else:
        short = {"million": "m", "billion": "bn", "thousand": "k"}[scale]
        forms = [
            (f"{sym}{mant} {scale}", "sym-scale"),
            (f"{sym}{mant}{short}", "sym-short"),
            (f"{mant} {scale} {word}", "scale-word"),
            (f"{mant}{short} {word}", "short-word"),
            (f"{code}{mant}{short}", "code-short"),
            (f"{code}{mant} {scale}", "code-scale"),
            (f"{mant} {scale} {word2}", "scale-word2"),
        ]
        if "." not in mant and _words(int(mant)) and int(mant) < 100:
            forms.append((f"{_words(int(mant))} {scale} {word}", "words"))
        if mant.endswith(".5") and 1 <= int(float(mant)) <= 9:
            forms.append((f"{_ONES[int(float(mant))]} and a half {scale} {word}", "half"))
    if frame == "adj":  # before a noun: "a $1.5bn package", never "a 1.5 billion dollars package"
        forms = [(t, fm) for t, fm in forms if fm.startswith(("sym", "code"))]
    text, form = rng.choice(forms)
    return text, [(0, len(text), form)]


def _r_item(f: _Fact, v: str, side: str, frame: str, ctx: _Ctx):
    text = ctx.rng.choice(_ITEMS[v])
    return text, [(0, len(text), text)]


def _quote_text(parts: tuple, path: tuple[int, ...]) -> str:
    out, i = [], 0
    for p in parts:
        if isinstance(p, str):
            out.append(p)
        else:
            out.append(p[path[i]])
            i += 1
    return "".join(out)


def _r_quote(f: _Fact, v: tuple[int, ...], side: str, frame: str, ctx: _Ctx):
    parts, second, _topic = ctx.story.quote
    s1 = _quote_text(parts, v)
    op, cl = ("\u201c", "\u201d") if ctx.art.curly else ('"', '"')
    if frame == "second":
        return f"{op}{second}.{cl}", []
    if frame == "first":
        text = f"{op}{s1},{cl}"
    elif frame == "colon":
        text = f"{op}{s1}." + (f" {second}." if ctx.rng.random() < 0.5 else "") + cl
    else:  # lead
        text = f"{op}{s1}" + (f". {second}," if ctx.rng.random() < 0.5 else ",") + cl
    return text, [(len(op), len(op) + len(s1), frame)]


_RENDER = {
    "day": _r_day,
    "time": _r_time,
    "count": _r_count,
    "years": _r_years,
    "mag": _r_mag,
    "minute": _r_minute,
    "score": _r_score,
    "money": _r_money,
    "item": _r_item,
    "quote": _r_quote,
}


# ---------------------------------------------------------------- articles


@dataclass(eq=False)
class _Article:
    idx: int
    name: str
    pub: date = date(2000, 1, 1)
    source: str = ""
    title: str = ""
    stated: set[str] = field(default_factory=set)
    side: dict[str, str] = field(default_factory=dict)
    curly: bool = False
    reprint_of: int | None = None
    paras: list[tuple[str, list]] = field(default_factory=list)  # (text, claims relative to it)
    text: str = ""
    claims: list[tuple[str, str, int, int, str]] = field(default_factory=list)  # fact side start end form

    def value(self, f: _Fact) -> object:
        return f.wrong if self.side.get(f.key) == "W" else f.true


@dataclass(eq=False)
class _Ctx:
    rng: random.Random
    story: _Story
    art: _Article
    introduced: set[str] = field(default_factory=set)
    pending: list[tuple[str, str, str]] = field(default_factory=list)  # (fact, side, form) by claim id
    head: bool = False  # rendering a headline: no claims, surnames only


_MARK = re.compile("\ue000(\\d+)\ue001|\ue002(\\d+)\ue003")
_MARKS = "(?:\ue000\\d+\ue001|\ue002\\d+\ue003)*"
_ENDS = "((?:\ue002\\d+\ue003)*)"
_A_AN = re.compile("(?<![\\w'\u2019])([Aa]) (" + _MARKS + ")(?=[aeiAEI]|o(?!ne)|O(?!ne)|un(?!i)|8|1[18](?!\\d)|hour)")
_COMMA_PUNCT = re.compile("," + _ENDS + "([.,:;])")
_S_POSS = re.compile("(?<=s)'s\\b")  # "Rovers's" -> "Rovers'"
_DOUBLE_DOT = re.compile("\\." + _ENDS + "\\.")
_LEAD = re.compile('(?:\ue000\\d+\ue001|\ue002\\d+\ue003|[\u201c"])*')


def _marked(phrase: str, claims: list, ctx: _Ctx, fact: str, side: str) -> str:
    if ctx.head or not claims:
        return phrase
    inserts: list[tuple[int, int, str]] = []
    for start, end, form in claims:
        cid = len(ctx.pending)
        ctx.pending.append((fact, side, form))
        inserts.append((start, 1, f"\ue000{cid}\ue001"))
        inserts.append((end, 0, f"\ue002{cid}\ue003"))
    for pos, _, mark in sorted(inserts, key=lambda t: (-t[0], -t[1])):
        phrase = phrase[:pos] + mark + phrase[pos:]
    return phrase


def _person(pid: str, frame: str, ctx: _Ctx) -> str:
    st, art = ctx.story, ctx.art
    p = st.persons[pid]
    nf = st.facts.get(p.name_fact) if p.name_fact else None
    surname = art.value(nf) if nf else p.surname  # type: ignore[assignment]
    if ctx.head or frame == "sur" or pid in ctx.introduced:
        return str(surname)
    ctx.introduced.add(pid)
    full = f"{p.given} {surname}"
    tf = st.facts.get(p.title_fact) if p.title_fact else None
    if tf is None or tf.key not in art.stated:
        return _marked(full, [(0, len(full), "plain")], ctx, nf.key, art.side.get(nf.key, "T")) if nf else full
    pre, post = _TITLES[str(art.value(tf))]
    tside = art.side.get(tf.key, "T")
    if ctx.rng.random() < 0.5:
        title = st.const(ctx.rng.choice(pre))
        named = _marked(full, [(0, len(full), "after-title")], ctx, nf.key, art.side.get(nf.key, "T")) if nf else full
        # the title claim is the title's words only: it must never overlap the name's claim
        return _marked(title, [(0, len(title), "before")], ctx, tf.key, tside) + " " + named
    app = st.const(ctx.rng.choice(post))
    lead = 4 if app.startswith("the ") else (2 if app.startswith("a ") else 0)
    named = _marked(full, [(0, len(full), "before-title")], ctx, nf.key, art.side.get(nf.key, "T")) if nf else full
    title_text = _marked(app, [(lead, len(app), "after")], ctx, tf.key, tside)
    return f"{named}, {title_text},"


def _slot(name: str, frame: str, ctx: _Ctx) -> str:
    if name[0] == "$":
        return ctx.story.consts[name[1:]]
    if name[0] == "@":
        return _person(name[1:], frame, ctx)
    f = ctx.story.facts[name]
    side = ctx.art.side.get(name, "T")
    phrase, claims = _RENDER[f.vtype](f, ctx.art.value(f), side, frame, ctx)
    return _marked(phrase, claims, ctx, name, side)


def _emit(nodes: tuple, flags: tuple[bool, ...], ctx: _Ctx, out: list[str]) -> None:
    fi = 0
    for node in nodes:
        typ = node[0]
        if typ == "t":
            out.append(node[1])
        elif typ == "alt":
            out.append(ctx.rng.choice(node[1]))
        elif typ == "slot":
            out.append(_slot(node[1], node[2], ctx))
        else:
            if flags[fi]:
                _emit(node[1], (), ctx, out)
            fi += 1


def _finish(s: str, ctx: _Ctx) -> tuple[str, list]:
    """Fix articles and punctuation, capitalise, then take the claim marks out."""
    s = _A_AN.sub(lambda m: m.group(1) + "n " + m.group(2), s)
    s = _COMMA_PUNCT.sub(r"\1\2", s)
    s = _DOUBLE_DOT.sub(r".\1", s)
    s = _S_POSS.sub("'", s)
    s = s.replace("  ", " ")
    i = _LEAD.match(s).end()  # type: ignore[union-attr]
    if i < len(s):
        s = s[:i] + s[i].upper() + s[i + 1 :]
    if ctx.art.curly:
        s = s.replace("'", "\u2019")
    out, starts, ends = [], {}, {}
    pos = last = 0
    for m in _MARK.finditer(s):
        out.append(s[last : m.start()])
        pos += m.start() - last
        last = m.end()
        if m.group(1) is not None:
            starts[int(m.group(1))] = pos
        else:
            ends[int(m.group(2))] = pos
    out.append(s[last:])
    claims = [(*ctx.pending[c][:2], starts[c], ends[c], ctx.pending[c][2]) for c in sorted(starts)]
    return "".join(out), claims


def _render(tpl: _Tpl, flags: tuple[bool, ...], ctx: _Ctx) -> tuple[str, list]:
    out: list[str] = []
    _emit(tpl.nodes, flags, ctx, out)
    text, claims = _finish("".join(out), ctx)
    ctx.pending.clear()
    return text, claims


# ---------------------------------------------------------------- story builders


def _rand_date(rng: random.Random) -> date:
    return date(2016, 1, 1) + timedelta(days=rng.randrange(365 * 9))


def _money_value(rng: random.Random, scale: str, lo: float, hi: float, *, decimals: int) -> str:
    x = rng.uniform(lo, hi)
    if decimals:
        s = f"{x:.{decimals}f}"
        if s.endswith("0"):
            s = s[:-1] + str(rng.randint(1, 9))
        return s
    return str(int(x))


def _title_person(
    st: _Story,
    pid: str,
    names: _Names,
    rng: random.Random,
    pair: tuple[str, str],
    *,
    name_fact: str,
    title_fact: str,
    role: str,
    name_subject: str,
) -> _Person:
    given, surname, g = names.person()
    p = _Person(pid, given, surname, g, name_fact=name_fact, title_fact=title_fact)
    st.persons[pid] = p
    if name_fact:
        st.add(
            _Fact(
                name_fact,
                "name",
                "name",
                name_subject.format(given=given, surname=surname, role=role),
                surname,
                p=rng.uniform(0.8, 0.92),
                person=pid,
            )
        )
    if title_fact:
        st.title_pair = pair
        st.add(
            _Fact(
                title_fact,
                "title",
                "title",
                f"title of {given} {surname}",
                pair[0],
                p=rng.uniform(0.75, 0.95),
                person=pid,
                needs=name_fact,
            )
        )
    return p


def _quote_fact(st: _Story, rng: random.Random, speaker: str) -> None:
    st.quote = rng.choice(_QUOTES[st.template])
    parts, _second, topic = st.quote
    points = sum(1 for p in parts if not isinstance(p, str))
    path = tuple(rng.randrange(2) for _ in range(points))
    p = st.persons[speaker]
    st.add(
        _Fact(
            "quote",
            "quote",
            "quote",
            f"{p.given} {p.surname}'s quote on {topic}",
            path,
            p=rng.uniform(0.75, 0.95) if p.name_fact else rng.uniform(0.62, 0.88),
            person=speaker,
            needs=p.name_fact,
        )
    )
    st.body["quote"] = [t.replace("@Q", "@" + speaker) for t in _QUOTE_FORMS]


def _day_fact(st: _Story, rng: random.Random, what: str) -> None:
    st.add(_Fact("day", "day", "date", f"date of {what}", st.event, p=rng.uniform(0.65, 0.9)))
    st.taken_days.add(st.event)


def _build_disaster(rng: random.Random) -> _Story:
    names = _Names(rng)
    st = _Story("disaster", _rand_date(rng))
    region, town = names.place(_REGION_END), names.place(_TOWN_END)
    c = st.consts
    c.update(
        region=region,
        town=town,
        dateline=town,
        agency=f"the {region} Seismological Institute",
        hospital=f"{town} General Hospital",
        depth=str(rng.randint(8, 35)),
    )
    _day_fact(st, rng, "the earthquake")
    st.facts["day"].subject = "date of the earthquake"
    st.add(
        _Fact(
            "time",
            "time",
            "time",
            "time of day the earthquake struck",
            (rng.randrange(24), rng.randint(1, 59)),
            p=rng.uniform(0.6, 0.85),
        )
    )
    mag = f"{rng.uniform(5.2, 7.6):.1f}"
    st.add(_Fact("mag", "mag", "quantity", "magnitude of the earthquake", mag, p=rng.uniform(0.65, 0.9)))
    deaths = rng.randint(9, 240)
    st.add(
        _Fact(
            "deaths",
            "count",
            "quantity",
            "death toll",
            (deaths, "exact"),
            p=rng.uniform(0.7, 0.9),
            at_least=True,
        )
    )
    injured = rng.randint(4, 60) * 10
    st.add(
        _Fact(
            "injured",
            "count",
            "quantity",
            "number of people injured",
            (injured, rng.choice(("approx", "more"))),
            p=rng.uniform(0.6, 0.85),
            hedgeable=True,
        )
    )
    evac = rng.randint(12, 300) * 100
    st.add(
        _Fact(
            "evacuated",
            "count",
            "quantity",
            "number of people evacuated",
            (evac, rng.choice(("approx", "more"))),
            p=rng.uniform(0.6, 0.8),
            hedgeable=True,
        )
    )
    cur = rng.choice(("USD", "EUR", "EUR", "GBP"))
    aid = (_money_value(rng, "million", 4, 60, decimals=rng.choice((0, 0, 1))), "million", cur)
    st.add(
        _Fact(
            "aid",
            "money",
            "money",
            "emergency aid approved by the government",
            aid,
            p=rng.uniform(0.6, 0.85),
        )
    )
    st.item_pair = rng.choice(
        (
            ("tents", "blankets"),
            ("blankets", "tents"),
            ("shelter_kits", "tents"),
            ("food", "hygiene_kits"),
            ("hygiene_kits", "food"),
        )
    )
    st.add(
        _Fact(
            "item",
            "item",
            "item",
            "relief items sent to the area",
            st.item_pair[0],
            p=rng.uniform(0.6, 0.85),
        )
    )
    pair = rng.choice(
        (
            ("governor", "deputy governor"),
            ("head", "deputy head"),
            ("mayor", "deputy mayor"),
            ("deputy governor", "governor"),
        )
    )
    role = {
        "governor": "governor",
        "deputy governor": "deputy governor",
        "head": "civil protection chief",
        "mayor": "mayor",
    }[pair[0]]
    _title_person(
        st,
        "official",
        names,
        rng,
        pair,
        name_fact="name",
        title_fact="title",
        role=role,
        name_subject="spelling of the {role}'s surname ({given} {surname})",
    )
    _quote_fact(st, rng, "official")
    eg, es, _ = names.person()
    item_count = rng.choice((1500, 2000, 2500, 3000, 4000, 5000, 6000, 8000))
    villages = int(float(aid[0])) if "." not in aid[0] and int(aid[0]) < 60 else rng.randint(5, 40)
    prev_year = st.event.year - rng.randint(8, 40)
    prev_deaths = rng.randint(5, 400)
    while prev_deaths in (deaths, injured):
        prev_deaths += 7
    mourning = st.event + timedelta(days=3)
    code_year = prev_year + rng.randint(1, 5)
    c.update(
        item_count=_num(item_count),
        villages=str(villages),
        prev_year=str(prev_year),
        prev_deaths=str(prev_deaths),
        aftershocks=str(deaths),
        expert=f"{eg} {es}",
        university=f"the University of {names.place(_TOWN_END)}",
        code_year=str(code_year),
        mourning=f"{mourning.day} {_MONTHS[mourning.month - 1]}",
    )
    st.taken_numbers |= {
        deaths,
        injured,
        evac,
        item_count,
        villages,
        prev_year,
        prev_deaths,
        code_year,
        float(mag),
        int(c["depth"]),
    }
    st.taken_money.add(_amount(aid[0], aid[1]))
    st.taken_days.add(mourning)
    st.traps += [
        f"{deaths} aftershocks (same number as the death toll)",
        f"{villages} villages cut off (shares a number with the aid)"
        if villages == int(float(aid[0]))
        else f"{villages} villages cut off",
        f"the {prev_year} earthquake that killed {prev_deaths}",
        f"mourning from {c['mourning']}",
    ]
    st.ledes = [
        "A[ {mag:adj}] <earthquake|quake> <struck|hit|shook> {$region} province[ {time}][ {day}][, "
        "killing {deaths} "
        "people][ and injuring {injured}].",
        "{deaths} people <were killed|died> when a[ {mag:adj}] <earthquake|quake> <struck|hit> "
        "{$region} "
        "province[ {day}][ {time}].",
        "Rescuers in {$region} were searching for survivors after a[ {mag:adj}] "
        "<earthquake|quake>[ {time}][ {day}] "
        "killed {deaths} people.",
        "[{day}, ]a[ {mag:adj}] <earthquake|quake> <flattened|destroyed> homes across {$region} "
        "province[, leaving "
        "{deaths} people dead].",
    ]
    st.body.update(
        {
            "day": [
                "The <earthquake|quake> struck {day}[ {time}].",
                "The first tremor was felt {day}[ {time}] across much of {$region}.",
                "The ground began shaking {day}[ {time}], residents said.",
            ],
            "time": [
                "The <earthquake|quake> struck {time}[ {day}], according to {$agency}.",
                "{$agency} said the <earthquake|quake> struck {time}[ at a depth of {$depth} kilometres].",
                "The ground began shaking {time}[ {day}].",
            ],
            "mag": [
                "{$agency} said the <earthquake|quake> measured {mag:pred}.",
                "The <earthquake|quake> had a magnitude of {mag:num}[ and struck at a depth of {$depth} kilometres].",
                "The {mag:adj} <earthquake|quake> was centred near {$town}.",
            ],
            "deaths": [
                "The death toll <rose|climbed> to {deaths}, <officials|the authorities> said.",
                "{deaths} people were <killed|confirmed dead>[, and {injured} were injured].",
                "<Officials|The authorities> said {deaths} people had <died|been killed>.",
                "The <earthquake|quake> killed {deaths} people, most of them in {$town}.",
            ],
            "injured": [
                "{injured} people were injured, many of them <seriously|critically>.",
                "Hospitals in {$town} were treating {injured} injured people.",
                "Health officials said {injured} people had been <hurt|injured>.",
            ],
            "evacuated": [
                "{evacuated} people were evacuated from their homes.",
                "<The authorities|Emergency teams> moved {evacuated} residents into temporary shelters.",
                "Officials said {evacuated} people had been evacuated[ from damaged buildings].",
            ],
            "aid": [
                "The national government approved {aid} in emergency aid.",
                "{aid} in emergency <aid|funding> was approved by the national government.",
                "The cabinet released {aid} for <relief|reconstruction>[, and {$item_count} {item} "
                "were sent to "
                "the area].",
            ],
            "item": [
                "{@official} said {$item_count} {item} had been sent to the <region|area>.",
                "Trucks carrying {$item_count} {item} arrived in {$town}[ as part of {aid} in emergency aid].",
                "{$item_count} {item} <were|had been> distributed to families sleeping outdoors, {@official} said.",
            ],
        }
    )
    st.person_lines = {
        "official": [
            "{@official} <visited|toured> the worst-hit villages by helicopter.",
            "{@official} <ordered|announced> that schools across {$region} would remain closed.",
            "{@official} <appealed|called> for calm and urged residents to stay away from damaged buildings.",
        ]
    }
    st.body["quote"] += ["{@official} told reporters in {$town}: {quote:colon}"]
    st.background = [
        "{$region} was last hit by a major <earthquake|quake> in {$prev_year}, when {$prev_deaths} people died.",
        "Seismologists recorded {$aftershocks} aftershocks in the hours that followed.",
        "Roads to {$villages} villages <remained|were still> cut off by landslides.",
        "The government declared three days of national mourning starting on {$mourning}.",
        "{$expert}, a seismologist at {$university}, said further aftershocks were likely.",
        "Many of the buildings that collapsed were built before {$code_year}, when stricter "
        "building rules came "
        "into force.",
        "Aid agencies said the greatest need was for clean water and medicine.",
    ]
    st.headlines = [
        "{deaths} dead as <earthquake|quake> hits {$region}",
        "<Earthquake|Quake> in {$region}: rescuers search for survivors",
        "{@official:sur} pledges help after deadly <earthquake|quake>",
        "Deadly <earthquake|quake> leaves thousands homeless in {$region}",
        "Magnitude {mag:num} <earthquake|quake> strikes {$region}",
    ]
    st.teasers = [
        f"Why {region} was not ready for the big one",
        "Aftershocks: what residents need to know",
        f"Inside the race to rebuild {town}",
        f"How to help the victims of the {region} earthquake",
    ]
    st.summary = [f"an earthquake in {region} province (epicentre near {town})"]
    return st


_COURT_VARIANTS = (
    {
        "incident": "balcony collapse",
        "victims_noun": "tenants",
        "role": "property developer",
        "site_noun": "apartment block",
        "desc": "the balcony they were standing on tore away from the building",
        "warn": "engineers had warned that the balcony supports were rusting through",
    },
    {
        "incident": "warehouse fire",
        "victims_noun": "workers",
        "role": "warehouse owner",
        "site_noun": "warehouse",
        "desc": "fire swept through the building and the emergency exits were found locked",
        "warn": "inspectors had ordered the fire exits to be unblocked months earlier",
    },
    {
        "incident": "crane collapse",
        "victims_noun": "pedestrians",
        "role": "construction boss",
        "site_noun": "building site",
        "desc": "a tower crane toppled onto a busy pavement",
        "warn": "engineers had warned that the crane's foundations were unsafe",
    },
)


def _build_court(rng: random.Random) -> _Story:
    names = _Names(rng)
    st = _Story("court", _rand_date(rng))
    while st.event.weekday() >= 5:
        st.event += timedelta(days=1)
    city = names.place(_TOWN_END)
    v = rng.choice(_COURT_VARIANTS)
    c = st.consts
    building = names.word() + " " + rng.choice(("House", "Yard", "Point", "Works", "Tower"))
    nvict = rng.randint(2, 4)
    c.update(
        city=city,
        dateline=city,
        court=f"{city} {rng.choice(('District Court', 'Crown Court', 'High Court'))}",
        building=building,
        site=f"the {building} {v['site_noun']}",
        incident=v["incident"],
        victims=f"{_ONES[nvict]} {v['victims_noun']}",
        role=v["role"],
        desc=v["desc"],
        warn=v["warn"],
    )
    _day_fact(st, rng, "the verdict")
    st.add(
        _Fact(
            "time",
            "time",
            "time",
            "time the verdict was read",
            (rng.randint(9, 16), rng.choice((5, 10, 15, 20, 25, 35, 40, 45, 50))),
            p=rng.uniform(0.6, 0.8),
        )
    )
    years = rng.randint(3, 14)
    st.add(
        _Fact(
            "years",
            "years",
            "quantity",
            "length of the prison sentence",
            years,
            p=rng.uniform(0.7, 0.9),
        )
    )
    cur = rng.choice(("USD", "USD", "EUR", "GBP"))
    fine = (str(rng.randint(5, 45) * 10000), "", cur)
    damages = (_money_value(rng, "million", 1.1, 9.8, decimals=1), "million", cur)
    st.add(
        _Fact(
            "fine",
            "money",
            "money",
            "fine imposed on the defendant",
            fine,
            p=rng.uniform(0.6, 0.85),
        )
    )
    st.add(
        _Fact(
            "damages",
            "money",
            "money",
            "damages awarded to the victims' families",
            damages,
            p=rng.uniform(0.6, 0.85),
        )
    )
    st.item_pair = ("manslaughter", "murder")
    st.add(
        _Fact(
            "item",
            "item",
            "item",
            "offence the defendant was convicted of",
            "manslaughter",
            p=rng.uniform(0.6, 0.85),
        )
    )
    witnesses = rng.randint(2, 9) * 10
    st.add(
        _Fact(
            "witnesses",
            "count",
            "quantity",
            "number of witnesses heard at the trial",
            (witnesses, rng.choice(("approx", "more"))),
            p=rng.uniform(0.62, 0.8),
            hedgeable=True,
        )
    )
    _title_person(
        st,
        "defendant",
        names,
        rng,
        ("", ""),
        name_fact="name",
        title_fact="",
        role=v["role"],
        name_subject="spelling of the defendant's surname ({given} {surname})",
    )
    _title_person(
        st,
        "judge",
        names,
        rng,
        ("judge", "chief judge"),
        name_fact="",
        title_fact="title",
        role="judge",
        name_subject="",
    )
    _quote_fact(st, rng, "judge")
    age = rng.randint(38, 67)
    vict = [names.person() for _ in range(nvict)]
    ages = [rng.randint(19, 80) for _ in vict]
    victims_list = ", ".join(f"{g} {s}, {a}" for (g, s, _), a in zip(vict[:-1], ages[:-1], strict=True))
    victims_list += f", and {vict[-1][0]} {vict[-1][1]}, {ages[-1]},"
    pg, ps, _ = names.person()
    lg, ls, lgen = names.person()
    demand = years + 2
    weeks = rng.randint(3, 9)
    appeal = rng.choice((14, 21, 28, 30))
    inspected = rng.randint(12, 60) * 10
    incident_date = st.event - timedelta(days=rng.randint(400, 900))
    c.update(
        age=str(age),
        victim_list=victims_list,
        prosecutor=f"{pg} {ps}",
        lawyer=f"{lg} {ls}",
        demand=str(demand),
        weeks=_words(weeks) or str(weeks),
        appeal=str(appeal),
        inspected=str(inspected),
        incident_when=f"{_MONTHS[incident_date.month - 1]} {incident_date.year}",
        nvict=_ONES[nvict],
        storeys=_words(years) or str(years),
        his="her" if lgen == "f" else "his",
        defpos="her" if st.persons["defendant"].gender == "f" else "his",
    )
    st.taken_numbers |= {
        years,
        witnesses,
        age,
        demand,
        weeks,
        appeal,
        inspected,
        nvict,
        *ages,
        int(fine[0]),
        incident_date.year,
    }
    st.taken_money |= {_amount(*fine[:2]), _amount(*damages[:2])}
    st.traps += [
        f"prosecutors asked for {demand} years (a demand, not the sentence)",
        f"closed for {c['storeys']} months (shares a number with the sentence)",
        f"{appeal} days to appeal; the victims' ages ({', '.join(map(str, ages))}) and the defendant's ({age})",
        f"{c['nvict']} counts (the number of victims)",
        f"more than {inspected} buildings inspected",
    ]
    st.ledes = [
        "A {$role} was sentenced to {years} in prison[ {day}] over the {$incident} that killed {$victims}.",
        "[{day}, ]a court in {$city} <jailed|sentenced> {@defendant}[ for {years}] over the deaths of {$victims}.",
        "{@defendant} was found guilty of {item}[ {day}] over the {$incident} that killed {$victims}.",
        "{@defendant} will spend the next {years} behind bars after a court ruled that the "
        "{$incident} which killed "
        "{$victims} was {$defpos} fault.",
        "A court in {$city} <delivered|gave> its verdict[ {day}] in the trial over the {$incident} "
        "that killed "
        "{$victims}.",
    ]
    st.body.update(
        {
            "day": [
                "The verdict was <handed down|delivered> {day}[ {time}] at {$court}.",
                "The court <delivered|announced> its verdict {day}[ after a {$weeks}-week trial].",
                "Sentence was passed {day}[ {time}].",
            ],
            "time": [
                "The verdict was read {time}[ {day}].",
                "The hearing resumed {time}[ {day}], and the verdict was read <soon after|shortly afterwards>.",
                "{@judge} began reading the verdict {time}.",
            ],
            "years": [
                "{@judge} sentenced {@defendant} to {years} in prison.",
                "The {years:adj} sentence was shorter than the {$demand} years the prosecution had <sought|asked for>.",
                "{@defendant} was <jailed|sentenced> for {years}.",
            ],
            "fine": [
                "{@judge} also fined {@defendant} {fine}.",
                "The court also imposed a fine of {fine}[ and ordered {damages} in damages to be "
                "paid to the victims' "
                "families].",
                "{@defendant} was also fined {fine}.",
            ],
            "damages": [
                "The court ordered {@defendant} to pay {damages} in damages to the victims' families.",
                "The families were awarded {damages} in <damages|compensation>.",
                "The victims' relatives will receive {damages} in compensation[, and the defendant "
                "must pay a "
                "fine of {fine}].",
            ],
            "item": [
                "{@defendant} was convicted of {item}[ after a {$weeks}-week trial].",
                "The court found {@defendant} guilty on {$nvict} counts of {item}.",
                "{@judge} found {@defendant} guilty of {item}.",
                "The court ruled that the deaths amounted to {item}.",
            ],
            "witnesses": [
                "The court heard from {witnesses} witnesses during the trial.",
                "{witnesses} witnesses <gave evidence|testified> during the {$weeks}-week trial.",
                "Over the course of the trial, {witnesses} witnesses were called.",
            ],
        }
    )
    st.person_lines = {
        "defendant": [
            "{@defendant}, {$age}, showed no emotion as the sentence was read.",
            "{@defendant} had pleaded not guilty.",
            "{@defendant}, whose company owned {$site}, was taken into custody.",
        ],
        "judge": [
            "{@judge} heard the case without a jury.",
            "{@judge} rejected the defence's argument that the warnings had never reached the owner.",
        ],
    }
    st.body["quote"] += [
        "{quote:lead} {@judge} told the court.",
        "{@judge} told the defendant: {quote:colon}",
    ]
    st.background = [
        "{$victim_list} died in {$incident_when} when {$desc}.",
        "Prosecutor {$prosecutor} had asked for {$demand} years.",
        "The defence has {$appeal} days to lodge an appeal.",
        "The court heard that {$warn}.",
        "{$lawyer}, the defendant's lawyer, said {$his} client would appeal.",
        "{$site} has been closed for {$storeys} months.",
        "The city has since inspected more than {$inspected} buildings.",
    ]
    st.headlines = [
        "{@defendant:sur} jailed over deadly {$incident}",
        "{$role} sentenced over {$incident} deaths",
        "{@defendant:sur} gets {years} over {$incident}",
        "Verdict in {$incident} trial: {$role} guilty",
        "Families welcome verdict in {$building} case",
    ]
    st.teasers = [
        "Tenants demand a register of unsafe buildings",
        "What the verdict means for landlords",
        f"Inside {city}'s ageing building stock",
    ]
    st.summary = [f"the {v['incident']} trial at {c['court']}; {c['victims']} died"]
    return st


_RESULTS_KINDS = (
    (
        "Appliances",
        (
            ("heat_pumps", "air_conditioners"),
            ("air_conditioners", "heat_pumps"),
            ("refrigerators", "washing_machines"),
            ("washing_machines", "refrigerators"),
        ),
        "appliance maker",
    ),
    ("Electronics", (("laptops", "tablets"), ("smartphones", "laptops")), "electronics maker"),
    (
        "Energy",
        (("solar_panels", "wind_turbines"), ("wind_turbines", "solar_panels")),
        "energy equipment maker",
    ),
)


def _build_results(rng: random.Random) -> _Story:
    names = _Names(rng)
    st = _Story("results", _rand_date(rng))
    while st.event.weekday() >= 5:
        st.event += timedelta(days=1)
    suffix, pairs, what = rng.choice(_RESULTS_KINDS)
    short = names.word()
    m = st.event.month
    quarter, qend = (
        ("fourth quarter", "the end of December"),
        ("first quarter", "the end of March"),
        ("second quarter", "the end of June"),
        ("third quarter", "the end of September"),
    )[(m - 1) // 3]
    c = st.consts
    hq = names.place(_TOWN_END)
    c.update(
        company=f"{short} {suffix}",
        short=short,
        what=what,
        quarter=quarter,
        qend=qend,
        hq=hq,
        dateline=hq,
    )
    _day_fact(st, rng, "the results announcement")
    st.add(
        _Fact(
            "time",
            "time",
            "time",
            "time the results were published",
            rng.choice(((7, 0), (6, 30), (7, 30), (8, 0), (7, 15))),
            p=rng.uniform(0.62, 0.8),
        )
    )
    cur = rng.choice(("USD", "USD", "EUR", "GBP"))
    revenue = (_money_value(rng, "billion", 1.1, 9.8, decimals=1), "billion", cur)
    profit = (str(rng.randint(40, 900)), "million", cur)
    st.add(_Fact("revenue", "money", "money", "quarterly revenue", revenue, p=rng.uniform(0.65, 0.9)))
    st.add(
        _Fact(
            "profit",
            "money",
            "money",
            "net profit for the quarter",
            profit,
            p=rng.uniform(0.6, 0.85),
        )
    )
    jobs = rng.randint(3, 40) * 100 + rng.choice((0, 0, 50))
    st.add(
        _Fact(
            "jobs",
            "count",
            "quantity",
            "number of job cuts",
            (jobs, "exact"),
            p=rng.uniform(0.65, 0.9),
        )
    )
    workforce = rng.randint(6, 60) * 1000
    st.add(
        _Fact(
            "workforce",
            "count",
            "quantity",
            "size of the workforce",
            (workforce, rng.choice(("approx", "more"))),
            p=rng.uniform(0.62, 0.8),
            hedgeable=True,
        )
    )
    st.item_pair = rng.choice(pairs)
    st.add(
        _Fact(
            "item",
            "item",
            "item",
            "product category driving sales",
            st.item_pair[0],
            p=rng.uniform(0.6, 0.85),
        )
    )
    pair = rng.choice((("ceo", "coo"), ("ceo", "cfo"), ("ceo", "coo")))
    _title_person(
        st,
        "ceo",
        names,
        rng,
        pair,
        name_fact="name",
        title_fact="title",
        role="chief executive",
        name_subject="spelling of the chief executive's surname ({given} {surname})",
    )
    _quote_fact(st, rng, "ceo")
    prev_profit = (str(int(profit[0]) + rng.choice((-1, 1)) * rng.randint(15, 60)), "million", cur)
    growth = rng.randint(3, 15)
    countries = rng.randint(5, 30)
    dividend = ("0." + str(rng.randint(10, 45)), "", cur)
    restructuring = (str(rng.randint(3, 18) * 10), "million", cur)
    ag, asur, _ = names.person()
    ceo_year = st.event.year - rng.randint(2, 9)
    sym = _CUR[cur][0]
    c.update(
        prev_profit=f"{sym}{prev_profit[0]} million",
        growth=str(growth),
        countries=str(countries),
        dividend=f"{sym}{dividend[0]}",
        restructuring=f"{sym}{restructuring[0]} million",
        analyst=f"{ag} {asur}",
        firm=names.word() + " Research",
        ceo_year=str(ceo_year),
        next_month=_MONTHS[(st.event.month + 2) % 12],
    )
    st.taken_numbers |= {
        jobs,
        workforce,
        growth,
        countries,
        ceo_year,
        int(restructuring[0]),
        int(prev_profit[0]),
    }
    st.taken_money |= {
        _amount(*revenue[:2]),
        _amount(*profit[:2]),
        _amount(*prev_profit[:2]),
        _amount(*restructuring[:2]),
        float(dividend[0]),
    }
    st.traps += [
        f"last year's profit {c['prev_profit']} (a previous year's figure)",
        f"dividend {c['dividend']}",
        f"revenue growth {growth} per cent; {countries} countries; restructuring cost {c['restructuring']}",
        f"the chief executive took over in {ceo_year}",
    ]
    st.ledes = [
        "{$company} said[ {day}] it would cut {jobs} jobs[ even as demand for its {item} pushed "
        "quarterly revenue to "
        "{revenue}].",
        "{$company}[ {day}] <posted|reported> quarterly revenue of {revenue}[, helped by strong sales of {item}].",
        "[{day}, ]{$company} <reported|posted> a {$quarter} profit of {profit}[ and said it would shed {jobs} jobs].",
        "The {$what} {$company} <reported|announced> its {$quarter} results[ {day}][, with revenue of {revenue}].",
    ]
    st.body.update(
        {
            "day": [
                "The results were published {day}[ {time}].",
                "{$short} <released|published> the figures {day}[ {time}], before the stock market opened.",
                "{$short} announced the figures {day} in {$hq}.",
            ],
            "time": [
                "The figures were released {time}[ {day}], before the stock market opened.",
                "{$short} published its report {time}[ {day}].",
                "The results came out {time}, an hour before trading began.",
            ],
            "revenue": [
                "Revenue <rose|climbed> {$growth} per cent to {revenue}[ in the three months to {$qend}].",
                "Quarterly revenue reached {revenue}.",
                "Sales <came in at|totalled> {revenue}[, the company said].",
            ],
            "profit": [
                "Net profit <fell|dropped|slipped> to {profit}, from {$prev_profit} a year earlier.",
                "The company made a net profit of {profit}[ in the quarter].",
                "Profit came in at {profit}[, below what analysts had expected].",
            ],
            "jobs": [
                "The company <also confirmed|said> it would cut {jobs} jobs[, mostly in administration].",
                "{jobs} <jobs|posts|positions> will go under the restructuring plan.",
                "{$short} plans to shed {jobs} jobs[ and close two factories].",
            ],
            "workforce": [
                "{$short} employs {workforce} people[ in {$countries} countries].",
                "The cuts affect a workforce of {workforce}.",
                "The group has {workforce} employees worldwide.",
            ],
            "item": [
                "Sales of {item} <drove|powered> the <growth|increase>[, the company said].",
                "{item} now make up more than half of {$short}'s sales.",
                "Demand for {item} remained strong[, {@ceo} said].",
            ],
        }
    )
    st.person_lines = {
        "ceo": [
            "{@ceo} presented the figures to analysts on a conference call.",
            "{@ceo} took charge of the company in {$ceo_year}.",
            "{@ceo} defended the strategy in front of investors.",
        ]
    }
    st.body["quote"] += [
        "{quote:lead} {@ceo} told analysts.",
        "{@ceo} said in a statement: {quote:colon}",
    ]
    st.background = [
        "{$short} will pay an unchanged dividend of {$dividend} per share.",
        "The restructuring is expected to cost around {$restructuring}.",
        "{$analyst}, an analyst at {$firm}, said the figures were weaker than investors had hoped.",
        "{$short} will report its next results in {$next_month}.",
        "The company sells its products in {$countries} countries.",
        "Shares in {$short} ended the day lower.",
    ]
    st.headlines = [
        "{$short} to cut {jobs} jobs",
        "{$short} profit slides despite record sales",
        "{$short} revenue tops {revenue}",
        "{item} lift {$short} sales, but costs bite",
        "{$short} results: what the numbers say",
    ]
    st.teasers = [
        "Why manufacturers are struggling with costs",
        "Five things to watch this earnings season",
        f"{short} shares: what analysts say",
    ]
    st.summary = [f"{c['company']} ({what}) reports {quarter} results"]
    return st


def _build_sports(rng: random.Random) -> _Story:
    names = _Names(rng)
    st = _Story("sports", _rand_date(rng))
    while st.event.weekday() not in (2, 5, 6):
        st.event += timedelta(days=1)
    ht, at = names.place(_TOWN_END), names.place(_TOWN_END)
    home = ht + " " + rng.choice(("City", "United", "Rovers", "Town", "Albion"))
    away = at + " " + rng.choice(("Athletic", "Wanderers", "FC", "County", "Rangers"))
    c = st.consts
    c.update(
        home=home,
        away=away,
        dateline=ht,
        stadium=names.word() + " " + rng.choice(("Stadium", "Park", "Arena", "Ground")),
        league=rng.choice(("the league", "the First Division", "the Premier Division")),
    )
    _day_fact(st, rng, "the match")
    st.add(
        _Fact(
            "time",
            "time",
            "time",
            "kick-off time",
            rng.choice(((15, 0), (17, 30), (19, 45), (20, 0), (12, 30), (14, 0), (18, 15))),
            p=rng.uniform(0.62, 0.8),
        )
    )
    b = rng.choice((0, 1, 1, 2))
    score = (b + 1, b)
    st.add(_Fact("score", "score", "quantity", "final score", score, p=rng.uniform(0.7, 0.9)))
    minute = rng.randint(71, 89)
    st.add(
        _Fact(
            "minute",
            "minute",
            "quantity",
            "minute of the winning goal",
            minute,
            p=rng.uniform(0.6, 0.85),
        )
    )
    attendance = rng.randint(12000, 61000)
    st.add(
        _Fact(
            "attendance",
            "count",
            "quantity",
            "attendance",
            (attendance, "exact"),
            p=rng.uniform(0.62, 0.8),
        )
    )
    away_fans = rng.randint(8, 60) * 100
    st.add(
        _Fact(
            "away_fans",
            "count",
            "quantity",
            "number of travelling away fans",
            (away_fans, rng.choice(("approx", "more"))),
            p=rng.uniform(0.62, 0.8),
            hedgeable=True,
        )
    )
    cur = rng.choice(("GBP", "EUR", "EUR"))
    fee = (str(rng.randint(3, 45)), "million", cur)
    st.add(
        _Fact(
            "fee",
            "money",
            "money",
            "transfer fee paid for the match-winner",
            fee,
            p=rng.uniform(0.62, 0.8),
        )
    )
    _title_person(
        st,
        "scorer",
        names,
        rng,
        ("", ""),
        name_fact="name",
        title_fact="",
        role="match-winner",
        name_subject="spelling of the match-winner's surname ({given} {surname})",
    )
    _title_person(
        st,
        "coach",
        names,
        rng,
        ("coach", "assistant coach"),
        name_fact="",
        title_fact="title",
        role="coach",
        name_subject="",
    )
    _quote_fact(st, rng, "coach")
    opener_min = rng.randint(5, 40)
    eq_min = rng.randint(opener_min + 5, min(minute - 3, 70))
    wins = rng.randint(5, 19)
    games_left = rng.randint(3, 12)
    red_min = rng.randint(40, 70)
    while red_min in (opener_min, eq_min, minute):
        red_min += 1
    og, os_, _ = names.person("m")
    eg, es, _ = names.person("m")
    rg, rs, _ = names.person("m")
    c.update(
        opener=f"{og} {os_}",
        equaliser=f"{eg} {es}",
        sent_off=f"{rg} {rs}",
        opener_min=str(opener_min),
        eq_min=_ordinal(eq_min),
        wins=_ordinal(wins),
        table=_ordinal(wins),
        games_left=_words(games_left) or "",
        red_min=_ordinal(red_min),
    )
    st.taken_numbers |= {
        minute,
        attendance,
        away_fans,
        opener_min,
        eq_min,
        wins,
        games_left,
        red_min,
        *score,
    }
    st.taken_money.add(_amount(*fee[:2]))
    st.traps += [
        f"other minutes: opener after {opener_min} minutes, equaliser {c['eq_min']}, red card {c['red_min']}",
        f"{c['wins']} win of the season vs {c['table']} in the table (same number)",
        f"{games_left} games to play",
    ]
    st.ledes = [
        "{$home} beat {$away} {score}[ {day}][ thanks to a {minute:adj} winner from {@scorer}].",
        "{@scorer} scored[ in the {minute:ord}] as {$home} beat {$away} {score}[ {day}][ at {$stadium}].",
        "[{day}, ]{$home} <edged|beat> {$away} {score:bare} in front of {attendance} fans at {$stadium}.",
        "A late goal from {@scorer} gave {$home} victory over {$away}[ {day}].",
        "{$home} <beat|edged past> {$away}[ {day}][ at {$stadium}].",
    ]
    st.body.update(
        {
            "day": [
                "The match was played {day}[ at {$stadium}].",
                "{$home} and {$away} met {day}[ in front of {attendance} spectators].",
                "The game took place {day}[ and kicked off {time}].",
            ],
            "time": [
                "The match kicked off {time}[ {day}].",
                "Kick-off was {time}[, in heavy rain].",
                "The game started {time}[ {day}].",
            ],
            "score": [
                "The final score was {score:bare}.",
                "{$home} won {score}[ {day}].",
                "The match ended {score:bare}[ after {$away} pressed late for an equaliser].",
            ],
            "minute": [
                "{@scorer} <scored|struck> the winner in the {minute:ord}.",
                "The winning goal came in the {minute:ord}[ from {@scorer}].",
                "The decisive goal arrived in the {minute:ord}, when {$away} failed to clear a corner.",
            ],
            "attendance": [
                "A crowd of {attendance} watched the match[ at {$stadium}].",
                "The attendance was {attendance}.",
                "{attendance} fans <packed into|filled> {$stadium}.",
            ],
            "away_fans": [
                "{away_fans} {$away} fans made the trip.",
                "The visitors were backed by {away_fans} travelling supporters.",
                "{$away} had sold {away_fans} tickets to their own fans.",
            ],
            "fee": [
                "{@scorer} joined {$home} last summer for a fee of {fee}.",
                "{$home} paid {fee} for {@scorer}[ last summer].",
                "The club signed {@scorer} for {fee}[ from a rival in the same division].",
                "The match-winner had cost {$home} {fee} last summer.",
            ],
        }
    )
    st.person_lines = {
        "scorer": [
            "{@scorer} was <mobbed|surrounded> by team-mates after the final whistle.",
            "{@scorer} had come on as a substitute in the second half.",
        ],
        "coach": [
            "{@coach} made two changes to the starting line-up.",
            "{@coach} was booked for protesting after the equaliser was ruled out.",
        ],
    }
    st.body["quote"] += ["{quote:lead} {@coach} told reporters after the match."]
    st.background = [
        "{$sent_off} was sent off in the {$red_min} minute.",
        "It was {$home}'s {$wins} win of the season.",
        "{$away} remain {$table} in the table with {$games_left} games to play.",
        "The home side had <struggled|laboured> to create chances before the break.",
    ]
    if b >= 1:
        st.background += [
            "{$opener} opened the scoring after {$opener_min} minutes.",
            "{$equaliser} equalised for {$away} in the {$eq_min} minute.",
        ]
    st.headlines = [
        "{$home} beat {$away} {score:bare}",
        "Late winner from {@scorer:sur} sinks {$away}",
        "{@scorer:sur} the hero as {$home} edge {$away}",
        "{$home} snatch late win over {$away}",
    ]
    st.teasers = [
        f"Player ratings from {c['stadium']}",
        "Transfer rumours: who is next?",
        "Five talking points from the weekend",
    ]
    st.summary = [f"{home} beat {away} at {c['stadium']}"]
    return st


_DIPLO_ITEMS = (
    (("artillery_shells", "rockets"), (20, 90), 1000),
    (("rockets", "artillery_shells"), (2, 9), 1000),
    (("artillery_shells", "mortar_shells"), (20, 90), 1000),
    (("howitzers", "rocket_launchers"), (12, 60), 1),
    (("air_defence", "anti_tank_missiles"), (3, 9), 1),
)


def _build_diplomacy(rng: random.Random) -> _Story:
    names = _Names(rng)
    st = _Story("diplomacy", _rand_date(rng))
    (ca, adja), (cb, adjb) = names.country(), names.country()
    c = st.consts
    capital = names.place(_TOWN_END)
    c.update(countryA=ca, adjA=adja, countryB=cb, adjB=adjb, capitalB=capital, dateline=capital)
    _day_fact(st, rng, "the announcement")
    st.facts["day"].subject = "date of the minister's visit"
    st.add(
        _Fact(
            "time",
            "time",
            "time",
            "time of the joint news conference",
            (rng.randint(10, 19), rng.choice((5, 10, 15, 20, 25, 35, 40, 45, 50))),
            p=rng.uniform(0.62, 0.8),
        )
    )
    cur = rng.choice(("EUR", "USD", "EUR", "GBP"))
    if rng.random() < 0.5:
        aid = (_money_value(rng, "billion", 1.1, 6.8, decimals=1), "billion", cur)
    else:
        aid = (str(rng.randint(12, 95) * 10), "million", cur)
    st.add(_Fact("aid", "money", "money", "value of the aid package", aid, p=rng.uniform(0.65, 0.9)))
    st.item_pair, (lo, hi), mult = rng.choice(_DIPLO_ITEMS)
    count = rng.randint(lo, hi) * mult
    st.add(
        _Fact(
            "count",
            "count",
            "quantity",
            "number of weapons supplied",
            (count, "exact"),
            p=rng.uniform(0.6, 0.8),
            requires=("item",),
        )
    )
    st.add(_Fact("item", "item", "item", "weapons supplied", st.item_pair[0], p=rng.uniform(0.35, 0.6)))
    troops = rng.randint(2, 30) * 500
    st.add(
        _Fact(
            "troops",
            "count",
            "quantity",
            "number of soldiers to be trained",
            (troops, rng.choice(("approx", "more"))),
            p=rng.uniform(0.62, 0.8),
            hedgeable=True,
        )
    )
    pair = rng.choice((("foreign minister", "defence minister"), ("defence minister", "foreign minister")))
    _title_person(
        st,
        "minister",
        names,
        rng,
        pair,
        name_fact="name",
        title_fact="title",
        role="minister",
        name_subject="spelling of the minister's surname ({given} {surname})",
    )
    _quote_fact(st, rng, "minister")
    cg, cs, _ = names.person()
    prev = (str(rng.randint(2, 9) * 100 + rng.choice((0, 50))), "million", cur)
    treaty = st.event.year - rng.randint(2, 15)
    need = count * rng.choice((2, 3, 4)) if count >= 1000 else rng.randint(100, 900) * 1000
    c.update(
        counterpart=f"President {cg} {cs}",
        prev=f"{_CUR[cur][0]}{prev[0]} million",
        treaty=str(treaty),
        same=_num(count),
        need=_num(need),
        years_period=_ONES[rng.randint(2, 5)],
    )
    st.taken_numbers |= {count, troops, treaty, need, int(prev[0])}
    st.taken_money |= {_amount(*aid[:2]), _amount(*prev[:2])}
    st.traps += [
        f"last year's {c['prev']} package (a previous year's figure)",
        f"the {treaty} agreement",
        f"{c['same']} armoured vehicles last year (same number as the weapons supplied)"
        if count < 1000
        else f"{c['same']} rounds fired a week (same number as the weapons supplied)",
        f"the army needs about {c['need']} rounds a month",
    ]
    st.ledes = [
        "{$countryA} will send {count} {item} to {$countryB}[ as part of a {aid:adj} package], "
        "{@minister} said[ {day}].",
        "{@minister} <announced|unveiled> a {aid:adj} military aid package for {$countryB}[ during "
        "a visit to {$capitalB}]"
        "[ {day}].",
        "[{day}, ]{$countryA} <pledged|promised> {aid} in military aid to {$countryB}[, including {count} {item}].",
        "{$countryA} and {$countryB} <agreed|signed> a new military aid package[ {day}] in {$capitalB}.",
    ]
    st.body.update(
        {
            "day": [
                "{@minister} met {$counterpart} in {$capitalB} {day}.",
                "The talks took place {day} in {$capitalB}[, and a joint news conference followed {time}].",
                "The package was announced {day}[ after talks in {$capitalB}].",
            ],
            "time": [
                "The two sides held a joint news conference {time}[ {day}].",
                "The joint news conference began {time}[ {day}], after several hours of talks.",
                "{@minister} spoke to reporters {time}[ {day}] at a joint news conference.",
            ],
            "aid": [
                "The package is worth {aid}[, officials said].",
                "{$countryA} will provide {aid} in military <aid|assistance> over the next {$years_period} years.",
                "Officials put the value of the package at {aid}.",
            ],
            "count": [
                "The package includes {count} {item}.",
                "{count} {item} will be delivered by the end of the year.",
                "{@minister} said {count} {item} would be sent[ within weeks].",
            ],
            "item": [
                "The first deliveries of {item} are expected within weeks.",
                "{$countryB} had asked for {item} for months.",
                "The {item} will come from {$adjA} army stocks.",
            ],
            "troops": [
                "{$countryA} will also train {troops} {$adjB} soldiers.",
                "Instructors will train {troops} soldiers[ at bases in {$countryA}].",
                "The agreement also covers training for {troops} troops.",
            ],
        }
    )
    st.person_lines = {
        "minister": [
            "{@minister} arrived in {$capitalB} by <train|plane>.",
            "{@minister} laid a wreath at a memorial in {$capitalB}.",
            "{@minister} also met opposition leaders during the visit.",
        ]
    }
    st.body["quote"] += ["{quote:lead} {@minister} told a news conference in {$capitalB}."]
    st.background = [
        "{$countryA} sent {$prev} in aid to {$countryB} last year.",
        "The two countries signed a security agreement in {$treaty}.",
        "{$countryB}'s army says it needs about {$need} rounds of ammunition a month.",
        "{$counterpart} thanked {$countryA} for its support.",
        (
            "Last year {$countryA} sent {$same} armoured vehicles."
            if count < 1000
            else "{$adjB} commanders say their troops fire up to {$same} rounds a week."
        ),
    ]
    st.headlines = [
        "{$countryA} pledges {aid} to {$countryB}",
        "{$countryA} to send {count} {item} to {$countryB}",
        "{@minister:sur} in {$capitalB}: new aid package",
        "{$countryA} steps up military aid to {$countryB}",
    ]
    st.teasers = [
        f"What the new package means for {cb}",
        "Analysis: allies under pressure to do more",
        f"Timeline: military aid to {cb}",
    ]
    st.summary = [f"{ca} announces military aid for {cb} during a visit to {c['capitalB']}"]
    return st


_BUILDERS = {
    "disaster": _build_disaster,
    "court": _build_court,
    "results": _build_results,
    "sports": _build_sports,
    "diplomacy": _build_diplomacy,
}


# ---------------------------------------------------------------- planting


def _plan(seed: int) -> dict[str, tuple[str, ...]]:
    """Two kinds per template so that, for every seed, the five templates cover every kind."""
    rng = random.Random(seed)
    kinds = list(PLANT_KINDS)
    for _ in range(1000):
        rng.shuffle(kinds)
        plan = {t: tuple(kinds[2 * i : 2 * i + 2]) for i, t in enumerate(TEMPLATES)}
        if all(set(k) <= _SUPPORTED[t] and set(k) != {"date", "weekday"} for t, k in plan.items()):
            return plan
    raise RuntimeError("no plan")  # pragma: no cover


def _options(st: _Story) -> list[tuple[str, str]]:
    out = []
    for f in st.facts.values():
        if f.vtype == "day":
            out += [("date", f.key), ("weekday", f.key)]
        elif f.vtype == "time":
            out.append(("time", f.key))
        elif f.vtype in ("count", "years", "mag", "minute", "score"):
            out.append(("quantity", f.key))
            if f.hedgeable:
                out.append(("hedge", f.key))
        elif f.vtype in ("money", "item", "quote", "name", "title"):
            out.append((f.vtype, f.key))
    return out


def _wrong_int(rng: random.Random, n: int, taken: set[float], *, round_: bool = False, hi: int | None = None) -> int:
    s = str(n)
    swaps, steps = set(), set()
    if round_:
        tz = len(s) - len(s.rstrip("0"))
        i = len(s) - tz - 1
        for dd in (-2, -1, 1, 2, 3):
            d = int(s[i]) + dd
            if 0 <= d <= 9 and not (i == 0 and d == 0):
                steps.add(int(s[:i] + str(d) + s[i + 1 :]))
    else:
        for i in range(len(s) - 1):
            if s[i] != s[i + 1] and not (i == 0 and s[1] == "0"):
                swaps.add(int(s[:i] + s[i + 1] + s[i] + s[i + 2 :]))
        for dd in (-1, 1):
            d = int(s[-1]) + dd
            if 0 <= d <= 9:
                steps.add(int(s[:-1] + str(d)))

    def ok(x: int) -> bool:
        return x > 0 and x != n and x not in taken and (hi is None or x <= hi) and len(str(x)) == len(s)

    swaps_ok = sorted(x for x in swaps if ok(x))
    steps_ok = sorted(x for x in steps if ok(x))
    if swaps_ok and (not steps_ok or rng.random() < 0.6):
        return rng.choice(swaps_ok)
    if steps_ok:
        return rng.choice(steps_ok)
    lead = [int(str(d) + s[1:]) for d in (int(s[0]) - 1, int(s[0]) + 1) if 1 <= d <= 9 and len(s) > 1]
    if any(ok(x) for x in lead):
        return rng.choice([x for x in lead if ok(x)])
    x = n + 1
    while not ok(x):
        x += 1
    return x


def _describe(f: _Fact, v: object, st: _Story | None = None) -> str:
    if f.vtype == "day":
        assert isinstance(v, date)
        return f"{_WEEKDAYS[v.weekday()]} {v.day} {_MONTHS[v.month - 1]} {v.year}"
    if f.vtype == "time":
        h, m = v  # type: ignore[misc]
        return f"{h:02d}:{m:02d}"
    if f.vtype == "count":
        n, style = v  # type: ignore[misc]
        return {"exact": "", "approx": "about ", "more": "more than "}[style] + _num(n)
    if f.vtype == "money":
        mant, scale, cur = v  # type: ignore[misc]
        sym = _CUR[cur][0]
        return f"{sym}{_num(int(mant)) if not scale else mant + ' ' + scale}"
    if f.vtype == "score":
        return "{}-{}".format(*v)  # type: ignore[str-format]
    if f.vtype == "minute":
        return f"{_ordinal(v)} minute"  # type: ignore[arg-type]
    if f.vtype == "years":
        return f"{v} years"
    if f.vtype == "item":
        return _ITEMS[v][0]  # type: ignore[index]
    if f.vtype == "quote":
        return _quote_text(st.quote[0], v) if st else str(v)  # type: ignore[arg-type]
    return str(v)


def _make_wrong(st: _Story, f: _Fact, kind: str, rng: random.Random) -> bool:
    """Set f.wrong for a planted discrepancy of `kind`; False when no plausible value exists."""
    if kind in ("date", "weekday"):
        shifts = sorted((1, -1) if kind == "date" else (-1,), key=lambda _: rng.random())
        if st.template in ("court", "results"):  # courts and companies keep office hours
            shifts.sort(key=lambda sh: (st.event + timedelta(days=sh)).weekday() >= 5)
        for sh in shifts:
            d = st.event + timedelta(days=sh)
            if d not in st.taken_days - {st.event}:
                f.wrong = d
                f.detail = "a day late" if sh > 0 else "a day early"
                return True
        return False
    if kind == "time":
        h, m = f.true  # type: ignore[misc]
        mm = f"{m:02d}"
        cands = []
        if mm[0] != mm[1] and int(mm[::-1]) < 60:
            cands.append(((h, int(mm[::-1])), "minutes transposed"))
        cands += [(((h + 1) % 24, m), "an hour late"), (((h - 1) % 24, m), "an hour early")]
        f.wrong, f.detail = cands[0] if len(cands) == 3 and rng.random() < 0.7 else rng.choice(cands)
        return True
    if kind == "hedge":
        n, style = f.true  # type: ignore[misc]
        f.wrong = (n, "approx" if style == "more" else "more")
        f.detail = "hedge conflict: same figure, 'more than' vs 'about'"
        return True
    if kind == "quantity":
        if f.vtype == "count":
            n, style = f.true  # type: ignore[misc]
            f.wrong = (_wrong_int(rng, n, st.taken_numbers, round_=style != "exact"), style)
        elif f.vtype == "years":
            years = [f.true + d for d in (-1, 1, -2, 2, 3)]  # type: ignore[operator]
            cands = [y for y in years if y > 0 and y not in st.taken_numbers]
            if not cands:
                return False
            f.wrong = rng.choice(cands[:3])
        elif f.vtype == "mag":
            deltas = (-0.3, -0.2, -0.1, 0.1, 0.2, 0.3)
            mags = [f"{float(f.true) + d:.1f}" for d in deltas]  # type: ignore[arg-type]
            cands = [x for x in mags if float(x) not in st.taken_numbers]
            if not cands:
                return False
            f.wrong = rng.choice(cands)
        elif f.vtype == "minute":
            f.wrong = _wrong_int(rng, f.true, st.taken_numbers, hi=90)  # type: ignore[arg-type]
        elif f.vtype == "score":
            a, b = f.true  # type: ignore[misc]
            f.wrong = rng.choice([(a + 1, b)] + ([(a, b - 1)] if b else []))
        f.detail = "a different figure"
        return True
    if kind == "money":
        mant, scale, cur = f.true  # type: ignore[misc]
        if scale == "":
            w = str(_wrong_int(rng, int(mant), st.taken_numbers, round_=True))
        else:
            digits = mant.replace(".", "")
            dot = mant.find(".")
            for _ in range(20):
                nd = str(_wrong_int(rng, int(digits), set()))
                w = nd if dot < 0 else nd[:dot] + "." + nd[dot:]
                if _amount(w, scale) not in st.taken_money:
                    break
        f.wrong = (w, scale, cur)
        f.detail = "a different sum (a digit changed or two swapped)"
        return True
    if kind == "item":
        f.wrong = st.item_pair[1]
        f.detail = "a sibling term"
        return True
    if kind == "title":
        f.wrong = st.title_pair[1]
        f.detail = "a different role of the same family"
        return True
    if kind == "name":
        avoid = {p.surname for p in st.persons.values()} | set(st.consts.values())
        f.wrong = _misspell(rng, str(f.true), avoid)
        f.detail = "surname misspelt"
        return True
    if kind == "quote":
        path = list(f.true)  # type: ignore[call-overload]
        k = min(len(path), rng.choice((2, 2, 3)))
        for i in sorted(rng.sample(range(len(path)), k)):
            path[i] = 1 - path[i]
        f.wrong = tuple(path)
        f.detail = f"{k} phrases changed"
        return True
    return False  # pragma: no cover


def _choose_plants(st: _Story, rng: random.Random, mandatory: tuple[str, ...]) -> list[_Fact]:
    options = _options(st)
    planted: list[_Fact] = []

    def plant(kind: str, key: str) -> bool:
        f = st.facts[key]
        if f.plant or (kind in ("date", "weekday") and any(p.vtype == "day" for p in planted)):
            return False
        if not _make_wrong(st, f, kind, rng):
            return False
        f.plant = kind
        planted.append(f)
        return True

    for kind in sorted(mandatory, key=lambda k: k != "hedge"):  # hedge first: it needs a hedged count
        cands = [k for kd, k in options if kd == kind]
        rng.shuffle(cands)
        for key in cands:
            if plant(kind, key):
                break
    extras = list(options)
    rng.shuffle(extras)
    want = rng.randint(2, 3)
    for kind, key in extras:
        if want == 0:
            break
        if plant(kind, key):
            want -= 1
    return sorted(planted, key=lambda f: list(st.facts).index(f.key))


# ---------------------------------------------------------------- corpus


def _outlets(st: _Story, rng: random.Random, n: int) -> list[str]:
    pre = list(_OUTLET_PRE) + [st.consts.get("region") or st.consts.get("city") or st.consts.get("home", "Metro")]
    combos = [f"{p} {q}" for p in pre for q in _OUTLET_NOUN]
    rng.shuffle(combos)
    return combos[: max(2, min(n + 1, 60))]


def _compose(st: _Story, art: _Article, rng: random.Random) -> list[list[tuple[_Tpl, tuple[bool, ...], bool]]]:
    """Pick an article's sentences (templates, optional segments) and group them in paragraphs."""
    avail = set(art.stated)
    facts = st.facts
    absent = frozenset(pid for pid, p in st.persons.items() if p.name_fact and p.name_fact not in art.stated)

    def blocked(
        seg: frozenset[str],
    ) -> bool:  # never state a fact another available fact needs alongside it
        return any(r in seg and g in avail and g not in seg for g in avail for r in facts[g].requires)

    def flags_for(tpl: _Tpl) -> tuple[bool, ...]:
        out = []
        for seg, who in zip(tpl.opts, tpl.opt_persons, strict=True):
            if who & absent:
                ok = False
            elif seg:
                ok = seg <= avail and not blocked(seg) and rng.random() < 0.75
                if ok:
                    avail.difference_update(seg)
            else:
                ok = rng.random() < 0.5
            out.append(ok)
        return tuple(out)

    def pick(cands: list[str]) -> tuple[_Tpl, tuple[bool, ...], bool] | None:
        tpls = [
            t for t in map(_parse, cands) if t.required <= avail and not blocked(t.required) and not t.persons & absent
        ]
        if not tpls:
            return None
        tpl = rng.choice(tpls)
        avail.difference_update(tpl.required)
        return tpl, flags_for(tpl), False

    lede = pick(st.ledes)
    assert lede is not None
    order = [k for k in facts if k in avail]
    rng.shuffle(order)
    order.sort(key=lambda k: not facts[k].requires)
    body: list[tuple[_Tpl, tuple[bool, ...], bool]] = []
    quote_plan = None
    for k in order:
        if k not in avail or k not in st.body:
            continue
        got = pick(st.body[k])
        if got is None:
            avail.discard(k)
            continue
        if k == "quote":
            quote_plan = (got[0], got[1], True)
        else:
            body.append(got)
    plans = [lede, *body] + ([quote_plan] if quote_plan else [])
    mentioned = set()
    for tpl, flags, _ in plans:
        mentioned |= tpl.persons
        for seg, on in zip(tpl.opt_persons, flags, strict=True):
            if on:
                mentioned |= seg
    for pid, p in st.persons.items():
        need = (p.name_fact and p.name_fact in art.stated) or (p.title_fact and p.title_fact in art.stated)
        if need and pid not in mentioned:
            tpl = _parse(rng.choice(st.person_lines[pid]))
            body.insert(rng.randint(0, len(body)), (tpl, tuple(False for _ in tpl.opts), False))
    for line in rng.sample(st.background, rng.randint(1, min(3, len(st.background)))):
        tpl = _parse(line)
        body.insert(rng.randint(0, len(body)), (tpl, tuple(False for _ in tpl.opts), False))
    if quote_plan:
        body.insert(rng.randint(min(1, len(body)), len(body)), quote_plan)
    paras: list[list] = [[lede]]
    cur: list = []
    size = rng.choice((1, 2, 2, 3))
    for plan in body:
        if plan[2]:
            if cur:
                paras.append(cur)
                cur = []
            paras.append([plan])
            continue
        cur.append(plan)
        if len(cur) >= size:
            paras.append(cur)
            cur = []
            size = rng.choice((1, 2, 2, 3))
    if cur:
        paras.append(cur)
    return paras


def _headline(st: _Story, art: _Article, rng: random.Random, said: set[str], avoid: str = "") -> str:
    ctx = _Ctx(rng, st, art, head=True)
    cands = [t for t in map(_parse, st.headlines) if t.required <= said]
    for _ in range(4):
        tpl = rng.choice(cands)
        text, _ = _render(tpl, tuple(False for _ in tpl.opts), ctx)
        if text != avoid:
            break
    return text


def _furnish(
    st: _Story, rng: random.Random, paras: list[tuple[str, list]], art: _Article, outlets: list[str]
) -> list[tuple[str, list]]:
    """Page furniture in ~20% of articles."""
    if rng.random() >= 0.2 or len(paras) < 2:
        return paras
    out = list(paras)
    lines = rng.sample(
        [
            "Advertisement",
            "Read also: " + rng.choice(st.teasers),
            "Share this article",
            "Sign up for our newsletter",
            "Photo: " + rng.choice(_AGENCIES),
            f"Photo: {art.source} / {rng.choice(_FEMALE + _MALE)} {rng.choice(_SUR_A)}{rng.choice(_SUR_C)}",
        ],
        rng.randint(1, 3),
    )
    for line in lines:
        out.insert(rng.randint(1, len(out)), (line, []))
    if rng.random() < 0.3:
        out.append(("Please enter your comment!", []))
    return out


def _assemble(art: _Article) -> None:
    head = f"Title: {art.title}\nSource: {art.source}\nDate: {art.pub.isoformat()}\n\n"
    parts, claims, pos = [head], [], len(head)
    for i, (text, rel) in enumerate(art.paras):
        if i:
            parts.append("\n\n")
            pos += 2
        claims += [(f, s, pos + a, pos + b, form) for f, s, a, b, form in rel]
        parts.append(text)
        pos += len(text)
    parts.append("\n")
    art.text = "".join(parts)
    art.claims = claims


def _generate(template: str, n: int, seed: int) -> tuple[_Story, list[_Article], list[_Fact]]:
    plan = _plan(seed)
    rng = random.Random(seed * 31 + TEMPLATES.index(template) + 1)
    st = _BUILDERS[template](rng)
    planted = _choose_plants(st, rng, plan[template]) if n >= 3 else []
    facts = st.facts
    # wire reprints: ~10% of the articles copy an earlier one
    arts = [_Article(i, "") for i in range(n)]
    originals: list[int] = []
    copies: dict[int, list[int]] = {}
    for i in range(n):
        if i >= 3 and rng.random() < 0.1:  # the first three are always originals
            src = rng.choice(originals)
            arts[i].reprint_of = src
            copies.setdefault(src, []).append(i)
        else:
            originals.append(i)

    def weight(i: int) -> int:
        return 1 + len(copies.get(i, ()))

    for i in originals:
        a = arts[i]
        a.stated = {k for k, f in facts.items() if rng.random() < f.p}
        a.stated -= {k for k in a.stated if facts[k].needs and facts[k].needs not in a.stated}

    def feasible(
        stating: list[int],
    ) -> bool:  # room for a minority: at least 3 articles, one deviant < half
        total = sum(map(weight, stating))
        return total >= 3 and any(2 * weight(i) < total for i in stating)

    for f in planted:  # a planted fact needs a clear true majority
        stating = [i for i in originals if f.key in arts[i].stated]
        rest = [i for i in originals if f.key not in arts[i].stated]
        rng.shuffle(rest)
        rest.sort(key=lambda i: -weight(i))  # pop() takes single articles (no reprints) first
        while not feasible(stating) and rest:
            i = rest.pop()
            arts[i].stated.add(f.key)
            if f.needs:
                arts[i].stated.add(f.needs)
            stating.append(i)
    for i in originals:
        a = arts[i]
        for k in list(a.stated):
            a.stated.update(facts[k].requires)
    # the planted minority
    dropped = []
    for f in planted:
        stating = [i for i in originals if f.key in arts[i].stated]
        total = sum(map(weight, stating))
        target = max(1, min(int(0.3 * total), round(rng.uniform(0.1, 0.3) * total)))
        rng.shuffle(stating)
        dev, got = [], 0
        for i in sorted(stating, key=weight):
            if got >= target:
                break
            if (got + weight(i) <= target or not dev) and 2 * (got + weight(i)) < total:
                dev.append(i)
                got += weight(i)
        if not dev:
            dropped.append(f)
            f.plant, f.wrong = "", None
            continue
        for i in dev:
            arts[i].side[f.key] = "W"
    planted = [f for f in planted if f not in dropped]
    day = facts["day"]
    outlets = _outlets(st, rng, n)
    for i in originals:
        a = arts[i]
        if a.side.get("day") == "W" and day.wrong > day.true:  # type: ignore[operator]
            a.pub = st.event + timedelta(days=rng.choice((1, 2)))
        else:
            a.pub = st.event + timedelta(days=rng.choice((0, 1, 1, 2)))
    width = max(4, len(str(n)))
    for i, a in enumerate(arts):
        a.name = f"a{i + 1:0{width}d}"
        a.source = outlets[i] if i < len(outlets) else rng.choice(outlets)
        if a.reprint_of is not None:
            src = arts[a.reprint_of]
            a.stated, a.side, a.pub, a.curly = src.stated, src.side, src.pub, src.curly
            if a.source == src.source:
                a.source = rng.choice([o for o in outlets if o != src.source])
            content = [p for p in src.paras if p[1] or not _is_furniture(p[0])]
            if rng.random() < 0.5:
                dateline = f"{st.consts['dateline'].upper()} ({rng.choice(_AGENCIES[:5])}) \u2014 "
                t0, c0 = content[0]
                content[0] = (
                    dateline + t0,
                    [(f, s, x + len(dateline), y + len(dateline), fm) for f, s, x, y, fm in c0],
                )
            a.paras = _furnish(st, rng, content, a, outlets)
            said = {c[0] for p in content for c in p[1]}
            a.title = _headline(st, a, rng, said, avoid=src.title)
            _assemble(a)
            continue
        a.curly = rng.random() < 0.5
        ctx = _Ctx(rng, st, a)
        paras = []
        for plan_para in _compose(st, a, rng):
            texts, claims, pos = [], [], 0
            for tpl, flags, _q in plan_para:
                text, rel = _render(tpl, flags, ctx)
                if texts:
                    pos += 1
                claims += [(f, s, pos + x, pos + y, fm) for f, s, x, y, fm in rel]
                texts.append(text)
                pos += len(text)
            paras.append((" ".join(texts), claims))
        if len(paras) > 2 and rng.random() < 0.1:  # a paragraph repeated by the scraper
            cands = [j for j in range(1, len(paras)) if len(paras[j][0]) > 60]
            if cands:
                j = rng.choice(cands)
                paras.insert(rng.randint(j + 1, min(j + 3, len(paras))), (paras[j][0], []))
        said = {c[0] for p in paras for c in p[1]}
        a.paras = _furnish(st, rng, paras, a, outlets)
        a.title = _headline(st, a, rng, said)
        _assemble(a)
    return st, arts, planted


_FURNITURE_PREFIXES = (
    "Advertisement",
    "Read also: ",
    "Share this article",
    "Sign up for our newsletter",
    "Photo: ",
    "Please enter your comment!",
)


def _is_furniture(text: str) -> bool:
    return text.startswith(_FURNITURE_PREFIXES)


# ---------------------------------------------------------------- gold.toml


def _toml_str(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _occurrence(text: str, needle: str, offset: int) -> int:
    """1-based occurrence of needle at offset, counted as the evaluator counts (overlapping)."""
    k, pos = 0, -1
    while True:
        pos = text.find(needle, pos + 1)
        k += 1
        if pos == offset:
            return k
        if pos < 0 or pos > offset:  # pragma: no cover
            raise AssertionError(f"{needle!r} not at {offset}")


def _claim(art: _Article, start: int, end: int) -> str:
    text = art.text[start:end]
    occ = _occurrence(art.text, text, start)
    extra = f", occurrence = {occ}" if occ > 1 else ""
    return f"{{ doc = {_toml_str(art.name)}, text = {_toml_str(text)}{extra} }}"


def _first_claims(arts: list[_Article], key: str) -> list[tuple[_Article, str, int, int, str]]:
    out = []
    for a in arts:
        for f, side, s, e, form in a.claims:
            if f == key:
                out.append((a, side, s, e, form))
                break
    return out


def _gold(st: _Story, arts: list[_Article], planted: list[_Fact], seed: int) -> tuple[str, int, int]:
    lines = [
        f"# Gold annotations for a synthetic {st.template} story (seed {seed}, {len(arts)} "
        f"articles). "
        "Format version 1.",
        "# Written by discrepancy.synth; regenerate rather than edit.",
        "#",
        f"# Story: {st.summary[0]}; event on {_describe(st.facts['day'], st.event)}.",
        "# True values:",
    ]
    for f in st.facts.values():
        if f.vtype != "quote":
            lines.append(f"#   {f.subject}: {_describe(f, f.true)}")
    if st.traps:
        lines.append("# Traps (other facts sharing a number or a date; must NOT be flagged):")
        lines += [f"#   - {t}" for t in st.traps]
    lines += [
        "# Noise: page furniture in ~20% of articles, a repeated paragraph in ~10%, wire reprints in ~10%.",
        "version = 1",
        "",
    ]
    k = 0
    for f in planted:
        claims = _first_claims(arts, f.key)
        sides = [
            [c for c in claims if c[1] == "T"][:_SIDE_CAP],
            [c for c in claims if c[1] == "W"][:_SIDE_CAP],
        ]
        if not sides[0] or not sides[1]:
            continue  # pragma: no cover
        k += 1
        kind = "quantity" if f.plant == "hedge" else f.plant
        subject = f.subject
        if f.plant == "weekday":
            subject = subject.replace("date of", "day of the week of")
        lines += [
            "[[discrepancy]]",
            f"kind = {_toml_str(kind)}",
            f"subject = {_toml_str(subject)}",
            'note = "planted"',
        ]
        if f.vtype != "quote":
            lines.append(f"# true: {_describe(f, f.true)}; planted: {_describe(f, f.wrong)} ({f.detail})")
        else:
            lines.append(f"# planted wording: {f.detail}")
        lines.append("sides = [")
        for side in sides:
            lines.append("  [ " + ", ".join(_claim(a, s, e) for a, _, s, e, _ in side) + " ],")
        lines += ["]", ""]
    m = 0
    for f in st.facts.values():
        claims = [c for c in _first_claims(arts, f.key) if c[1] == "T"]
        if len(claims) < 2:
            continue
        chosen: list = []
        seen_text: set[str] = set()
        seen_form: set[str] = set()
        for c in claims:  # different texts first, then different forms, then the rest
            t = c[0].text[c[2] : c[3]]
            if t not in seen_text and len(chosen) < _AGREE_CAP:
                chosen.append(c)
                seen_text.add(t)
                seen_form.add(c[4])
        for c in claims:
            if c not in chosen and c[4] not in seen_form and len(chosen) < _AGREE_CAP:
                chosen.append(c)
                seen_form.add(c[4])
        for c in claims:
            if c not in chosen and len(chosen) < 2:
                chosen.append(c)
        chosen.sort(key=lambda c: c[0].idx)
        m += 1
        note = "same value, different surface forms"
        if f.plant:
            note += " (the true side of a planted discrepancy)"
        lines += [
            "[[agreement]]",
            f"kind = {_toml_str(f.kind)}",
            f"subject = {_toml_str(f.subject)}",
            f"note = {_toml_str(note)}",
            "claims = [ " + ", ".join(_claim(a, s, e) for a, _, s, e, _ in chosen) + " ]",
            "",
        ]
    return "\n".join(lines), k, m


# ---------------------------------------------------------------- entry point

_ARTICLE_NAME = re.compile(r"a\d{4,}\.txt")


def write_corpus(out_dir: str | Path, *, template: str, articles: int, seed: int) -> dict:
    """Write `articles` .txt articles about one invented story plus `gold.toml` and an empty
    `discrepancy.toml` into out_dir (created if missing); return a summary dict:
    {"template": ..., "articles": N, "seed": S, "discrepancies": k, "agreements": m,
    "bytes": total}.

    Article files from an earlier run into the same folder (a0001.txt ...) that this run does not
    write are removed, so the folder always matches its gold file.
    """
    if template not in TEMPLATES:
        raise ValueError(f"unknown template {template!r}; choose one of {', '.join(TEMPLATES)}")
    if isinstance(articles, bool) or not isinstance(articles, int) or articles < 1:
        raise ValueError(f"articles must be a positive integer, not {articles!r}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be an integer, not {seed!r}")
    st, arts, planted = _generate(template, articles, seed)
    gold, k, m = _gold(st, arts, planted, seed)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = {a.name + ".txt" for a in arts}
    for p in sorted(out.iterdir()):
        if _ARTICLE_NAME.fullmatch(p.name) and p.name not in names and p.is_file():
            p.unlink()
    total = 0
    for a in arts:
        data = a.text.encode("utf-8")
        (out / (a.name + ".txt")).write_bytes(data)
        total += len(data)
    data = gold.encode("utf-8")
    (out / "gold.toml").write_bytes(data)
    (out / "discrepancy.toml").write_bytes(b"")
    total += len(data)
    return {
        "template": template,
        "articles": articles,
        "seed": seed,
        "discrepancies": k,
        "agreements": m,
        "bytes": total,
    }
