"""The vocabulary of one run: the package's word lists and item taxonomy, with a corpus's own
item terms (settings `lexicon`). Built once per run and passed to the stages that need it."""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Taxonomy, Words, items, words

# A corpus's own item nodes: (node, parent, terms), as settings `lexicon` gives them.
ExtraItems = tuple[tuple[str, str, tuple[str, ...]], ...]
# A corpus's own frame expressions: (frame, expressions), as settings `frames` gives them.
ExtraFrames = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Word lists and the item taxonomy a run uses (the `Lexicon` that values compare with)."""

    items: Taxonomy
    words: Words
    frames: ExtraFrames = ()  # a corpus's own frame expressions (settings `frames`)

    @classmethod
    def build(cls, extra_items: ExtraItems = (), extra_frames: ExtraFrames = ()) -> Vocabulary:
        """The package's vocabulary with a corpus's extra item terms and frame expressions
        (loading is cached)."""
        return cls(items=items(tuple(extra_items)), words=words(), frames=tuple(extra_frames))

    def items_related(self, a: str, b: str) -> bool:
        return self.items.related(a, b)

    def items_cumulative(self, node: str) -> bool:
        return self.items.root(node) in self.items.cumulative

    def title_family(self, role: str) -> int | None:
        return self.words.title_family.get(role)
