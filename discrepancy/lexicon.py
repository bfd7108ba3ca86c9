"""Load the vocabulary data files (item taxonomy, word groups, titles, furniture patterns)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path


def _load(name: str) -> dict:
    """Read one TOML data file shipped with the package."""
    with resources.files("discrepancy.data").joinpath(name).open("rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """Item nodes: surface term -> node, node -> parent; conflicts are decided by ancestry."""

    term_node: dict[str, str]
    parent: dict[str, str]
    cumulative: frozenset[str]  # roots whose members add up (relief supplies), never conflict alone
    pattern: re.Pattern[str] | None  # case-insensitive
    lower_pattern: re.Pattern[str] | None  # the same for lowercased text: several times faster

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Matches of taxonomy terms in text (offsets into text)."""
        if self.pattern is None or self.lower_pattern is None:
            return iter(())
        lower = text.lower()
        if len(lower) == len(text):  # lowercasing kept every offset (it does for nearly all text)
            return self.lower_pattern.finditer(lower)
        return self.pattern.finditer(text)

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


def _alternation(terms: list[str], ignore_case: bool = True) -> re.Pattern[str] | None:
    """Whole-word pattern over the terms, built as a trie so that matching stays fast with
    thousands of terms; the longest term wins (greedy branches, longer alternatives first)."""
    if not terms:
        return None
    trie: dict = {}
    for term in sorted(set(terms)):
        node = trie
        for word in term.split(" "):
            node = node.setdefault(word, {})
        node[""] = {}  # end of a term
    return re.compile(r"(?<![\w-])" + _trie_regex(trie) + r"(?![\w-])", re.IGNORECASE if ignore_case else 0)


def _trie_regex(node: dict) -> str:
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


def build_taxonomy(nodes: dict[str, dict]) -> Taxonomy:
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
        pattern=_alternation(list(term_node)),
        lower_pattern=_alternation(list(term_node), ignore_case=False),
    )


def _norm_term(term: str) -> str:
    return re.sub(r"[\s-]+", " ", term.strip().lower())


def norm_term(term: str) -> str:
    """Normalize a surface term for lookup (case, spaces and hyphens)."""
    return _norm_term(term)


@cache
def items(extra: tuple[tuple[str, str, tuple[str, ...]], ...] = ()) -> Taxonomy:
    """The item taxonomy, with optional extra nodes (node, parent, terms) from settings."""
    nodes: dict[str, dict] = {}
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
    phrases: re.Pattern[str] | None  # multiword surface forms, replaced before tokenizing
    stopwords: frozenset[str]
    title_role: dict[str, str]  # surface title -> canonical role
    title_pattern: re.Pattern[str] | None
    title_family: dict[str, int]  # role -> family index; same family, different role = conflict
    count_subjects: frozenset[str]  # word groups that name what a figure counts


@cache
def words() -> Words:
    """The word-group vocabulary."""
    data = _load("words.toml")
    canonical: dict[str, str] = {}
    multi: list[str] = []
    for key, forms in sorted(data.get("groups", {}).items()):
        for form in [key, *forms]:
            f = _norm_term(form)
            canonical.setdefault(f, key)
            if " " in f:
                multi.append(f)
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
        phrases=_alternation(multi),
        stopwords=stop,
        title_role=title_role,
        title_pattern=_alternation(list(title_role)),
        title_family=families,
        count_subjects=frozenset(data.get("count_subjects", {}).get("groups", [])),
    )


@dataclass(frozen=True, slots=True)
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

    def compile_all(section: dict) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple(
            (name, re.compile(p, re.IGNORECASE))
            for name, pats in sorted(section.items())
            for p in pats
        )

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
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@cache
def group_keys() -> frozenset[str]:
    """Canonical tokens of the word groups: words that name events, roles and things."""
    return frozenset(words().canonical.values())
