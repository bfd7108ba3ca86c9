"""Fact extraction: one module per fact kind, and the registry of the built-in kinds.

Each extractor is ``extract(doc, vocab) -> list[Fact]``; `extract_facts` runs those of the kinds
a run selected, checks every span against the text (a bug guard, not input validation) and
sorts the result. Adding a kind: write its extractor module and add one `KindSpec` below, naming
the extractor with a `LazyExtractor` (this module imports no extractor: reading the registry
stays cheap).
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate, groupby

from ..kinds import KindSpec, LazyExtractor, Matching, Registry
from ..models import Document, Fact, Kind, KindInfo, Severity
from ..values import (
    Amount,
    AttributionValue,
    ColourValue,
    DateValue,
    ItemValue,
    NameValue,
    OrganisationValue,
    PlaceValue,
    QuoteValue,
    TimeValue,
    TitleValue,
    VersionsValue,
    WeekdayValue,
)  # fmt: skip
from ..vocab import Vocabulary

# Each kind's extractor, named and imported when a document is first extracted: the extractor
# modules compile their patterns at import, and a run whose facts all come from the fact cache
# needs none of them. (engine.py finds these names for the fingerprint of the extraction code.)
_CALENDAR = LazyExtractor("discrepancy.extract.joint:calendar")
_FIGURES = LazyExtractor("discrepancy.extract.joint:figures")
_PEOPLE = LazyExtractor("discrepancy.extract.joint:people")


def _info(kind: Kind, label: str, rule: str, *, wording: bool = False) -> KindInfo:
    return KindInfo(name=str(kind), label=label, rule=rule, wording=wording)


# Which reading of an overlapping span wins (lower first): "15:00" is a time, not the number 0;
# "$5m" is money, not a count. Kinds with no priority (items, quotes, names) overlap anything.
BUILTIN = Registry(
    (
        KindSpec(
            info=_info(Kind.DATE, "date", "Sources give different dates for the same event."),
            extractor=_CALENDAR, value_type=DateValue, temporal=True, priority=0,
        ),
        KindSpec(
            info=_info(Kind.WEEKDAY, "day of the week", "Sources give different days of the week for the same event."),
            extractor=_CALENDAR, value_type=WeekdayValue, temporal=True, priority=0,
        ),
        KindSpec(
            info=_info(Kind.TIME, "time", "Sources give different times of day for the same event."),
            extractor=LazyExtractor("discrepancy.extract.times:extract"), value_type=TimeValue, priority=1,
        ),
        KindSpec(
            info=_info(Kind.QUANTITY, "figure", "Sources give different counts or measures for the same thing."),
            extractor=_FIGURES, value_type=Amount, priority=3,
        ),
        KindSpec(
            info=_info(Kind.MONEY, "amount", "Sources give different amounts of money for the same thing."),
            extractor=_FIGURES, value_type=Amount, priority=2,
        ),
        KindSpec(
            info=_info(Kind.ITEM, "what", "Sources name different things for the same fact."),
            extractor=LazyExtractor("discrepancy.extract.items:extract"), value_type=ItemValue,
            exclusive=False, listable=True,
        ),
        KindSpec(
            info=_info(Kind.QUOTE, "wording", "Sources quote the same statement in different words.", wording=True),
            extractor=LazyExtractor("discrepancy.extract.quotes:extract"), value_type=QuoteValue,
            matching=Matching.QUOTES, exclusive=False, severity=Severity.MEDIUM, evolves=False,
            summary="The same statement is quoted in different words ({subject}): {sides}. Check the original.",
        ),
        KindSpec(
            info=_info(Kind.ATTRIBUTION, "speaker", "Sources credit the same quoted words to different speakers."),
            extractor=LazyExtractor("discrepancy.extract.attribution:extract"), value_type=AttributionValue,
            matching=Matching.STATEMENTS, exclusive=False, severity=Severity.HIGH, evolves=False,
            summary="The same words are credited to different speakers ({subject}): {sides}. Check who said them.",
        ),
        KindSpec(
            info=_info(Kind.NAME, "spelling", "Sources spell the same name differently."),
            extractor=_PEOPLE, value_type=NameValue, matching=Matching.NAMES, exclusive=False,
            severity=Severity.MEDIUM, evolves=False,
            summary="A name is spelled differently: {sides}. Check the correct spelling.",
        ),
        KindSpec(
            info=_info(Kind.TITLE, "title", "Sources give the same person different titles or roles."),
            extractor=_PEOPLE, value_type=TitleValue, matching=Matching.SAME_KEYS, exclusive=False,
            severity=Severity.LOW, evolves=False,
            summary="A person is given different titles: {sides}. Check the current title.",
        ),
        KindSpec(
            info=_info(Kind.PLACE, "place", "Sources give different places for the same person or event."),
            extractor=_PEOPLE, value_type=PlaceValue, matching=Matching.SAME_KEYS, exclusive=False,
            severity=Severity.MEDIUM, evolves=False,
            summary="Sources give different places ({subject}): {sides}. Check which is right.",
        ),
        KindSpec(
            info=_info(Kind.COLOUR, "colour", "Sources give different colours for the same thing."),
            extractor=LazyExtractor("discrepancy.extract.colours:extract"), value_type=ColourValue,
            severity=Severity.MEDIUM,
        ),
        KindSpec(
            info=_info(Kind.VERSIONS, "versions", "Sources give different versions of a product for the same claim."),
            extractor=LazyExtractor("discrepancy.extract.versions:extract"), value_type=VersionsValue,
            matching=Matching.SAME_KEYS, severity=Severity.MEDIUM, priority=1, evolves=False,
            summary="Sources name different versions ({subject}): {sides}. Check which versions it is.",
        ),
        KindSpec(
            info=_info(Kind.ORGANISATION, "organisation", "Sources credit the same act to different organisations."),
            extractor=LazyExtractor("discrepancy.extract.organisations:extract"), value_type=OrganisationValue,
            matching=Matching.SAME_KEYS, exclusive=False, severity=Severity.MEDIUM, evolves=False,
            summary="Sources credit different organisations ({subject}): {sides}. Check who did it.",
        ),
    )
)  # fmt: skip


def extract_facts(doc: Document, registry: Registry | None = None, vocab: Vocabulary | None = None) -> tuple[Fact, ...]:
    """Run the registry's extractors on one document; facts sorted by position, overlaps resolved.

    An extractor runs once for all its kinds. Kinds the registry leaves out are still read
    when their reading of a span would win over a selected kind's (a date's "18" is never a
    count), then dropped."""
    registry = registry if registry is not None else BUILTIN
    vocab = vocab if vocab is not None else Vocabulary.build()
    selected = set(registry.names)
    specs = list(registry.specs)
    floor = min((s.priority for s in specs if s.priority is not None), default=None)
    if floor is not None:  # stronger readings that claim spans from the selected kinds
        specs += [s for s in BUILTIN.specs if s.priority is not None and s.priority < floor and s.name not in selected]
    priority = {s.name: s.priority for s in specs if s.priority is not None}
    known = {s.name for s in specs}
    facts: list[Fact] = []
    done: set[object] = set()
    for spec in specs:
        # a lazy extractor is known by what it names, a caller's function by its identity
        ran = spec.extractor if isinstance(spec.extractor, LazyExtractor) else id(spec.extractor)
        if ran in done:
            continue
        done.add(ran)
        for fact in spec.extractor(doc, vocab):
            if doc.text[fact.start : fact.end] != fact.raw:
                raise RuntimeError(f"extractor of {spec.name} returned a span that does not match its text: {fact!r}")
            if fact.kind in known:
                facts.append(fact)
    kept = _resolve_overlaps(facts, priority)
    kept = _headline_facts(doc, kept)
    return tuple(sorted((f for f in kept if f.kind in selected), key=lambda f: (f.start, f.end, f.kind)))


# What a headline is read for: its figures ("Ferry sinking: 21 dead"). Headlines are written in
# Title Case ("Mayor Jo Brandt To Quit Council") and in telegraphic style, where names, items,
# dates ("Today", "Next Year") and quotes are misread: on the real-news clusters reading them
# found nothing the bodies did not, and gave names with a verb attached.
HEADLINE_KINDS = frozenset({Kind.QUANTITY, Kind.MONEY})


def _headline_facts(doc: Document, facts: list[Fact]) -> list[Fact]:
    """The facts, less a headline's facts of other kinds and the figures its own body states:
    "3.9 tremor jolts the valley" over "a magnitude 3.9 tremor" is one statement, and a second
    fact of one document would split the slot where another source's figure differs."""
    headline = {s.index for s in doc.sentences if s.headline}
    if not headline:
        return facts
    body = {_figure(f) for f in facts if f.sentence not in headline}
    return [f for f in facts if f.sentence not in headline or (f.kind in HEADLINE_KINDS and _figure(f) not in body)]


def _figure(f: Fact) -> tuple[str, object]:
    """A fact's kind and number ("3.9" in a headline is the body's "magnitude 3.9")."""
    return f.kind, getattr(f.value, "point", f.normalized)


def _resolve_overlaps(facts: list[Fact], priority: dict[str, int]) -> list[Fact]:
    """Drop a fact that overlaps a kept fact of a stronger kind (lower priority), strongest first.
    The spans kept so far are searched by position, so a long article is not quadratic."""
    ranked = sorted((f for f in facts if f.kind in priority), key=lambda f: (priority[f.kind], f.start))
    kept: list[Fact] = []
    spans: list[tuple[int, int]] = []  # the stronger kinds' kept spans, by start
    starts: list[int] = []
    reach: list[int] = []  # the furthest end among spans[: i + 1]
    for _, level in groupby(ranked, key=lambda f: priority[f.kind]):
        found = []
        for f in level:
            n = bisect_left(starts, f.end)  # kept spans that start before f ends ...
            if not (n and reach[n - 1] > f.start):  # ... one of which ends after f starts
                found.append(f)
        kept += found
        spans = sorted([*spans, *((f.start, f.end) for f in found)])
        starts = [s for s, _ in spans]
        reach = list(accumulate((e for _, e in spans), max))
    return kept + [f for f in facts if f.kind not in priority]


__all__ = ["BUILTIN", "extract_facts"]
