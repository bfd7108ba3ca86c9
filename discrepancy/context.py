"""The explicit context of one run: settings, vocabulary, thresholds and the kinds in use.

Built once from the settings and passed into every stage; no stage reads or writes module
state, so two runs with different settings in one process (or in two threads) do not meet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .extract import BUILTIN
from .kinds import Registry
from .settings import Settings, Thresholds
from .vocab import Vocabulary


@dataclass(frozen=True, slots=True, kw_only=True)
class RunContext:
    """Everything a stage may depend on besides its input."""

    settings: Settings = field(default_factory=Settings)
    vocab: Vocabulary = field(default_factory=Vocabulary.build)
    thresholds: Thresholds = field(default_factory=Thresholds)
    registry: Registry = BUILTIN  # the kinds extracted, aligned, compared and shown

    @classmethod
    def of(cls, settings: Settings | None = None, registry: Registry | None = None) -> RunContext:
        """The context for a run with these settings (and, for library callers, these kinds)."""
        settings = settings if settings is not None else Settings()
        kinds = registry if registry is not None else BUILTIN
        # the `kinds` setting selects among the built-in kinds; a caller's own kinds stay
        kinds = kinds.select(settings.kinds | (set(kinds.names) - set(BUILTIN.names)))
        return cls(
            settings=settings,
            vocab=Vocabulary.build(settings.lexicon, settings.frames),
            thresholds=Thresholds().changed(settings.thresholds),
            registry=kinds,
        )
