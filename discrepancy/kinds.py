"""The registry of fact kinds: each kind declared once, with everything the stages need to know.

A kind is an extractor, a value type, how its facts align (matching strategy, one value per
document or not, temporal or not), how its conflicts rank (highest severity, whether a later
value may be an update) and how reports present it (label, rule text, word diff). The built-in
kinds are declared in `discrepancy.extract`; a run may use another registry (`with_kind`), and
adding a kind is one extractor module and one `KindSpec`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache
from importlib import import_module

from .models import Document, Fact, KindInfo, Severity
from .values import Value
from .vocab import Vocabulary

Extractor = Callable[[Document, Vocabulary], list[Fact]]


@dataclass(frozen=True, slots=True)
class LazyExtractor:
    """An extractor named "package.module:function", imported on its first call.

    The registry is read at every start, the extractors (patterns compiled at import, 0.13 s)
    only when a document is extracted, so a run whose facts all come from the fact cache never
    imports them. Plain data: it pickles to a worker process under any start method."""

    target: str

    def __call__(self, doc: Document, vocab: Vocabulary) -> list[Fact]:
        return _resolve(self.target)(doc, vocab)


@cache
def _resolve(target: str) -> Extractor:
    """The function a "package.module:function" target names (imported once per process)."""
    module, _, name = target.partition(":")
    function: Extractor = getattr(import_module(module), name)
    return function


class Matching(StrEnum):
    """How the facts of a kind find each other across documents."""

    KEYS = "keys"  # by what they attach to (typed keys) and the words of their sentences
    QUOTES = "quotes"  # by shared words in order, and the speaker
    NAMES = "names"  # by spelling: the same given name and a near surname, or the reverse
    SAME_KEYS = "same-keys"  # by identical keys (a title belongs to one person)
    STATEMENTS = "statements"  # by the words of the quote they credit (attributions)


@dataclass(frozen=True, slots=True, kw_only=True)
class KindSpec:
    """One kind of fact, declared once."""

    info: KindInfo
    extractor: Extractor  # one extractor may serve sibling kinds (dates and weekdays); it runs once
    value_type: type[Value]
    matching: Matching = Matching.KEYS
    exclusive: bool = True  # an article states one value for a fact of this kind
    temporal: bool = False  # dates and weekdays align with each other
    priority: int | None = None  # overlapping spans: the lower number's reading wins; None overlaps freely
    severity: Severity = Severity.HIGH  # the severity of a hard conflict of this kind
    evolves: bool = True  # a later value may be an update (a rising toll), not an error
    listable: bool = False  # values one sentence states side by side are a list, not rivals
    summary: str = "Sources disagree ({subject}): {sides}. Check which is right."

    @property
    def name(self) -> str:
        return self.info.name


@dataclass(frozen=True, slots=True)
class Registry:
    """The kinds a run knows, in report order."""

    specs: tuple[KindSpec, ...]

    def __post_init__(self) -> None:
        names = [s.name for s in self.specs]
        if len(set(names)) != len(names):
            raise ValueError(f"kinds declared twice: {sorted(n for n in set(names) if names.count(n) > 1)}")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.specs)

    def get(self, name: str) -> KindSpec:
        for s in self.specs:
            if s.name == name:
                return s
        raise KeyError(name)

    def order(self, name: str) -> int:
        """Report order of a kind (unknown kinds last)."""
        return self.names.index(name) if name in self.names else len(self.specs)

    def with_kind(self, spec: KindSpec) -> Registry:
        """A registry with one more kind (or a kind replaced), leaving this one unchanged."""
        kept = tuple(s for s in self.specs if s.name != spec.name)
        return replace(self, specs=(*kept, spec))

    def select(self, names: Iterable[str] | None) -> Registry:
        """Only the named kinds (all when names is None)."""
        if names is None:
            return self
        wanted = set(names)
        return replace(self, specs=tuple(s for s in self.specs if s.name in wanted))

    def infos(self) -> tuple[KindInfo, ...]:
        return tuple(s.info for s in self.specs)

    def temporal(self) -> frozenset[str]:
        return frozenset(s.name for s in self.specs if s.temporal)
