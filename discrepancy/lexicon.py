"""Load the vocabulary data files (item taxonomy, word groups, titles, furniture patterns)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any


def _load(name: str) -> dict[str, Any]:
    """Read one TOML data file shipped with the package."""
    with resources.files("discrepancy.data").joinpath(name).open("rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True, slots=True, eq=False)
class Taxonomy:
    """Item nodes: surface term -> node, node -> parent; conflicts are decided by ancestry.
    Equal to itself only (hashable: readings of a sentence are cached per taxonomy)."""

    term_node: dict[str, str]
    parent: dict[str, str]
    cumulative: frozenset[str]  # roots whose members add up (relief supplies), never conflict alone
    by_first: dict[str, tuple[tuple[str, ...], ...]]  # first word -> terms as words, longest first

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, term) of each taxonomy term in text, longest match first, whole words
        only; spaces and hyphens between a term's words are interchangeable. Matching walks the
        words of the text (no regex over thousands of terms: that costs 0.4 s to compile)."""
        toks = _term_words(text)
        i = 0
        while i < len(toks):
            for term in self.by_first.get(toks[i][2], ()):
                n = len(term)
                if i + n <= len(toks) and all(toks[i + k][2] == term[k] for k in range(1, n)):
                    gaps = [text[toks[i + k - 1][1] : toks[i + k][0]] for k in range(1, n)]
                    if all(_TERM_GAP.fullmatch(g) for g in gaps) and not _glued(text, toks[i][0], toks[i + n - 1][1]):
                        yield toks[i][0], toks[i + n - 1][1], " ".join(term)
                        i += n
                        break
            else:
                i += 1

    def ancestors(self, node: str) -> tuple[str, ...]:
        """The node and every broader node up to its root."""
        out = [node]
        seen = {node}
        while (p := self.parent.get(out[-1], "")) and p not in seen:
            out.append(p)
            seen.add(p)
        return tuple(out)

    def root(self, node: str) -> str:
        """The broadest node above this one: its domain."""
        return self.ancestors(node)[-1]

    def related(self, a: str, b: str) -> bool:
        """True when a and b are the same node or one is broader than the other."""
        return a in self.ancestors(b) or b in self.ancestors(a)


_TERM_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_TERM_GAP = re.compile(r"[\s-]+")


@lru_cache(maxsize=4096)
def _term_words(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, lowercase word) of each word of a text (cached: pure, and a sentence repeated
    across articles is read once)."""
    return tuple((m.start(), m.end(), m.group().lower()) for m in _TERM_WORD.finditer(text))


def _glued(text: str, start: int, end: int) -> bool:
    """True when the span is part of a longer hyphenated or alphanumeric word."""
    return (start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-")) or (
        end < len(text) and (text[end].isalnum() or text[end] == "-")
    )


def _by_first(term_node: dict[str, str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for term in term_node:
        words = tuple(w.lower() for w in _TERM_WORD.findall(term))
        if words:
            index.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(set(v), key=lambda t: (-len(t), t))) for k, v in index.items()}


def _alternation(terms: list[str], ignore_case: bool = True) -> re.Pattern[str] | None:
    """Whole-word pattern over the terms, built as a trie so that matching stays fast with
    thousands of terms; the longest term wins (greedy branches, longer alternatives first)."""
    if not terms:
        return None
    trie: dict[str, Any] = {}
    for term in sorted(set(terms)):
        node = trie
        for word in term.split(" "):
            node = node.setdefault(word, {})
        node[""] = {}  # end of a term
    return re.compile(r"(?<![\w-])" + _trie_regex(trie) + r"(?![\w-])", re.IGNORECASE if ignore_case else 0)


def _trie_regex(node: dict[str, Any]) -> str:
    """Regex for the word-level trie below `node` (words joined by spaces or hyphens)."""
    branches = []
    ends = "" in node
    for word in sorted((w for w in node if w), key=lambda w: (-len(w), w)):
        rest = node[word]
        tail = _trie_regex(rest) if any(k for k in rest) else ""
        if tail:
            tail = r"(?:[\s-]+" + tail + ")" + ("?" if "" in rest else "")
        branches.append(re.escape(word) + tail)
    body = "(?:" + "|".join(branches) + ")"
    return body if not ends else body


def build_taxonomy(nodes: dict[str, dict[str, Any]]) -> Taxonomy:
    """Index a taxonomy given as {node: {"parent": str, "terms": [...]}}."""
    term_node: dict[str, str] = {}
    parent: dict[str, str] = {}
    cumulative = set()
    for node, spec in sorted(nodes.items()):
        parent[node] = str(spec.get("parent", "") or "")
        if spec.get("cumulative"):
            cumulative.add(node)
        for term in spec.get("terms", []):
            term_node.setdefault(_norm_term(term), node)
    return Taxonomy(
        term_node=term_node,
        parent=parent,
        cumulative=frozenset(cumulative),
        by_first=_by_first(term_node),
    )


def _norm_term(term: str) -> str:
    return re.sub(r"[\s-]+", " ", term.strip().lower())


def norm_term(term: str) -> str:
    """Normalize a surface term for lookup (case, spaces and hyphens)."""
    return _norm_term(term)


@cache
def items(extra: tuple[tuple[str, str, tuple[str, ...]], ...] = ()) -> Taxonomy:
    """The item taxonomy, with optional extra nodes (node, parent, terms) from settings."""
    nodes: dict[str, dict[str, Any]] = {}
    for entry in sorted(resources.files("discrepancy.data").iterdir(), key=lambda p: p.name):
        if entry.name.startswith("items") and entry.name.endswith(".toml"):
            nodes.update({k: v for k, v in _load(entry.name).items() if isinstance(v, dict)})
    for node, parent, terms in extra:
        spec = nodes.setdefault(node, {"parent": parent, "terms": []})
        spec["terms"] = list(spec.get("terms", [])) + list(terms)
        if parent:
            spec["parent"] = parent
    return build_taxonomy(nodes)


@dataclass(frozen=True, slots=True)
class Words:
    """Canonical word groups, stopwords and people's titles."""

    canonical: dict[str, str]  # surface word -> canonical token
    stopwords: frozenset[str]
    title_role: dict[str, str]  # surface title -> canonical role (title_pattern() finds them)
    title_family: dict[str, int]  # role -> family index; same family, different role = conflict
    count_subjects: frozenset[str]  # word groups that name what a figure counts
    day_events: frozenset[str]  # word groups naming the kinds of event a day or time dates
    figure_events: frozenset[str]  # word groups naming what happened to what a figure counts
    evolving: frozenset[str]  # word groups of figures that grow as a story unfolds (a toll)
    wire_agencies: tuple[str, ...]  # news agencies whose credit marks a wire story
    once: frozenset[str] = frozenset()  # events that happen once to a thing (built, founded)
    aged_things: frozenset[str] = frozenset()  # nouns whose age dates their building or founding
    statement_nouns: frozenset[str] = frozenset()  # nouns naming something said, beside the say group


@cache
def words() -> Words:
    """The word-group vocabulary."""
    data = _load("words.toml")
    canonical: dict[str, str] = {}
    for key, forms in sorted(data.get("groups", {}).items()):
        for form in [key, *forms]:
            canonical.setdefault(_norm_term(form), key)
    title_role: dict[str, str] = {}
    for role, forms in sorted(data.get("titles", {}).items()):
        for form in forms:
            title_role.setdefault(_norm_term(form), role)
    families: dict[str, int] = {}
    for i, fam in enumerate(data.get("title_families", {}).get("families", [])):
        for role in fam:
            families.setdefault(role, i)
    stop = frozenset(w.lower() for w in data.get("stopwords", {}).get("words", []))
    return Words(
        canonical=canonical,
        stopwords=stop,
        title_role=title_role,
        title_family=families,
        count_subjects=frozenset(data.get("count_subjects", {}).get("groups", [])),
        day_events=frozenset(data.get("events", {}).get("day", [])),
        figure_events=frozenset(data.get("events", {}).get("figure", [])),
        evolving=frozenset(data.get("events", {}).get("evolving", [])),
        wire_agencies=tuple(data.get("wire", {}).get("agencies", [])),
        once=frozenset(data.get("events", {}).get("once", [])),
        aged_things=frozenset(data.get("aged_things", {}).get("words", [])),
        statement_nouns=frozenset(data.get("events", {}).get("statement", [])),
    )


@cache
def title_pattern() -> re.Pattern[str] | None:
    """Every surface form of a title, in one pattern: compiled when extraction first reads a
    title (8 ms), not for a run whose facts all come from the fact cache."""
    return _alternation(list(words().title_role))


@dataclass(frozen=True, slots=True, eq=False)  # one per patterns file: hashed by identity, cheaply
class Furniture:
    """Compiled page-furniture patterns."""

    line: tuple[tuple[str, re.Pattern[str]], ...]
    cut: tuple[tuple[str, re.Pattern[str]], ...]
    caption: tuple[re.Pattern[str], ...]
    caption_max_words: int


@cache
def furniture(path: str = "") -> Furniture:
    """The furniture patterns (from the package, or a file given in settings)."""
    data = tomllib.loads(Path(path).read_text("utf-8")) if path else _load("boilerplate.toml")

    def compile_all(section: dict[str, Any]) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((name, re.compile(p, re.IGNORECASE)) for name, pats in sorted(section.items()) for p in pats)

    cap = data.get("caption", {})
    return Furniture(
        line=compile_all(data.get("line", {})),
        cut=compile_all(data.get("cut", {})),
        caption=tuple(re.compile(p) for p in cap.get("glued_credit", [])),
        caption_max_words=int(cap.get("max_words", 20)),
    )


@cache
def given_names() -> frozenset[str]:
    """Common given names worldwide (data/given_names.txt), lowercase."""
    try:
        text = resources.files("discrepancy.data").joinpath("given_names.txt").read_text("utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def group_keys() -> frozenset[str]:
    """Canonical tokens of the word groups: words that name events, roles and things."""
    return frozenset(words().canonical.values())
