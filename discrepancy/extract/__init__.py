"""Fact extraction: one module per fact kind, and the registry of the built-in kinds.

Each extractor is ``extract(doc, vocab) -> list[Fact]``; `extract_facts` runs those of the kinds
a run selected, checks every span against the text (a bug guard, not input validation) and
sorts the result. Adding a kind: write its extractor module and add one `KindSpec` below.
"""

from __future__ import annotations

from ..kinds import KindSpec, Matching, Registry
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
from . import (
    ages,
    attribution,
    colours,
    dates,
    items,
    names,
    numbers,
    organisations,
    origins,
    places,
    quotes,
    times,
    versions,
)


def _people(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """NAME, TITLE and PLACE facts: people's names and titles (names.py), home towns and the
    spellings of place names (places.py)."""
    return names.extract(doc, vocab) + places.extract(doc, vocab)


def _calendar(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """DATE and WEEKDAY facts: dates and days as written (dates.py) and the years things' ages
    imply ("the 86-year-old structure", origins.py)."""
    return dates.extract(doc, vocab) + origins.extract(doc, vocab)


def _figures(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """QUANTITY and MONEY facts: figures (numbers.py) and ages bound to their person (ages.py)."""
    return numbers.extract(doc, vocab) + ages.extract(doc, vocab)


def _info(kind: Kind, label: str, rule: str, *, wording: bool = False) -> KindInfo:
    return KindInfo(name=str(kind), label=label, rule=rule, wording=wording)


# Which reading of an overlapping span wins (lower first): "15:00" is a time, not the number 0;
# "$5m" is money, not a count. Kinds with no priority (items, quotes, names) overlap anything.
BUILTIN = Registry(
    (
        KindSpec(
            info=_info(Kind.DATE, "date", "Sources give different dates for the same event."),
            extractor=_calendar, value_type=DateValue, temporal=True, priority=0,
        ),
        KindSpec(
            info=_info(Kind.WEEKDAY, "day of the week", "Sources give different days of the week for the same event."),
            extractor=_calendar, value_type=WeekdayValue, temporal=True, priority=0,
        ),
        KindSpec(
            info=_info(Kind.TIME, "time", "Sources give different times of day for the same event."),
            extractor=times.extract, value_type=TimeValue, priority=1,
        ),
        KindSpec(
            info=_info(Kind.QUANTITY, "figure", "Sources give different counts or measures for the same thing."),
            extractor=_figures, value_type=Amount, priority=3,
        ),
        KindSpec(
            info=_info(Kind.MONEY, "amount", "Sources give different amounts of money for the same thing."),
            extractor=_figures, value_type=Amount, priority=2,
        ),
        KindSpec(
            info=_info(Kind.ITEM, "what", "Sources name different things for the same fact."),
            extractor=items.extract, value_type=ItemValue, exclusive=False, listable=True,
        ),
        KindSpec(
            info=_info(Kind.QUOTE, "wording", "Sources quote the same statement in different words.", wording=True),
            extractor=quotes.extract, value_type=QuoteValue, matching=Matching.QUOTES, exclusive=False,
            severity=Severity.MEDIUM, evolves=False,
            summary="The same statement is quoted in different words ({subject}): {sides}. Check the original.",
        ),
        KindSpec(
            info=_info(Kind.ATTRIBUTION, "speaker", "Sources credit the same quoted words to different speakers."),
            extractor=attribution.extract, value_type=AttributionValue, matching=Matching.STATEMENTS,
            exclusive=False, severity=Severity.HIGH, evolves=False,
            summary="The same words are credited to different speakers ({subject}): {sides}. Check who said them.",
        ),
        KindSpec(
            info=_info(Kind.NAME, "spelling", "Sources spell the same name differently."),
            extractor=_people, value_type=NameValue, matching=Matching.NAMES, exclusive=False,
            severity=Severity.MEDIUM, evolves=False,
            summary="A name is spelled differently: {sides}. Check the correct spelling.",
        ),
        KindSpec(
            info=_info(Kind.TITLE, "title", "Sources give the same person different titles or roles."),
            extractor=_people, value_type=TitleValue, matching=Matching.SAME_KEYS, exclusive=False,
            severity=Severity.LOW, evolves=False,
            summary="A person is given different titles: {sides}. Check the current title.",
        ),
        KindSpec(
            info=_info(Kind.PLACE, "place", "Sources give different places for the same person or event."),
            extractor=_people, value_type=PlaceValue, matching=Matching.SAME_KEYS, exclusive=False,
            severity=Severity.MEDIUM, evolves=False,
            summary="Sources give different places ({subject}): {sides}. Check which is right.",
        ),
        KindSpec(
            info=_info(Kind.COLOUR, "colour", "Sources give different colours for the same thing."),
            extractor=colours.extract, value_type=ColourValue, severity=Severity.MEDIUM,
        ),
        KindSpec(
            info=_info(Kind.VERSIONS, "versions", "Sources give different versions of a product for the same claim."),
            extractor=versions.extract, value_type=VersionsValue, matching=Matching.SAME_KEYS, severity=Severity.MEDIUM, priority=1,
            evolves=False, summary="Sources name different versions ({subject}): {sides}. Check which versions it is.",
        ),
        KindSpec(
            info=_info(Kind.ORGANISATION, "organisation", "Sources credit the same act to different organisations."),
            extractor=organisations.extract, value_type=OrganisationValue, matching=Matching.SAME_KEYS,
            exclusive=False, severity=Severity.MEDIUM, evolves=False,
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
    done: set[int] = set()
    for spec in specs:
        if id(spec.extractor) in done:
            continue
        done.add(id(spec.extractor))
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
    ranked = sorted((f for f in facts if f.kind in priority), key=lambda f: (priority[f.kind], f.start))
    kept: list[Fact] = []
    for f in ranked:
        if not any(k.start < f.end and f.start < k.end and priority[k.kind] < priority[f.kind] for k in kept):
            kept.append(f)
    return kept + [f for f in facts if f.kind not in priority]


__all__ = ["BUILTIN", "extract_facts"]
