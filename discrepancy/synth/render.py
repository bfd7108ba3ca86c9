"""The sentence template language: parse a template, render it for one article.

* ``{fact}`` / ``{fact:frame}``: a fact's value in a surface form (recorded as a claim)
* ``{@person}``: a person: full name (with title) at the first mention, surname later
* ``{$const}``: a story constant
* ``<a|b|c>``: a random choice of plain words
* ``[ ... ]``: an optional segment (one level), kept when its facts are available

Claims are carried through rendering as private-use marks around their words, so that the
article/punctuation fixes and capitalisation can move text and the claims still point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .forms import RENDER, Claims, Ctx
from .story import Claim
from .vocab import TITLES

_TOKEN = re.compile(r"\{[^{}]+\}|<[^<>]*>|\[|\]|[^{}<>\[\]]+")


@dataclass(frozen=True)
class Text:
    """Plain words."""

    text: str


@dataclass(frozen=True)
class Alt:
    """A random choice of plain words."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class Slot:
    """A fact, person or constant."""

    name: str
    frame: str


@dataclass(frozen=True)
class Opt:
    """An optional segment."""

    nodes: tuple[Text | Alt | Slot, ...]


Node = Text | Alt | Slot | Opt


@dataclass(frozen=True)
class Tpl:
    """A parsed sentence template."""

    nodes: tuple[Node, ...]
    required: frozenset[str]  # facts outside optional segments
    opts: tuple[frozenset[str], ...]  # facts in each optional segment
    persons: frozenset[str]  # persons outside optional segments
    opt_persons: tuple[frozenset[str], ...]
    slots: frozenset[str]  # every slot name, optional or not ("day", "@judge", "$town")


_PARSED: dict[str, Tpl] = {}


def _facts(nodes: list[Text | Alt | Slot]) -> frozenset[str]:
    return frozenset(n.name for n in nodes if isinstance(n, Slot) and n.name[0] not in "@$")


def _persons(nodes: list[Text | Alt | Slot]) -> frozenset[str]:
    return frozenset(n.name[1:] for n in nodes if isinstance(n, Slot) and n.name[0] == "@" and n.frame != "sur")


def parse(text: str) -> Tpl:
    """Parse a sentence template (cached); ValueError for a nested, unopened or unclosed segment."""
    got = _PARSED.get(text)
    if got is not None:
        return got
    top: list[Text | Alt | Slot] = []
    segs: list[list[Text | Alt | Slot]] = []
    order: list[int | None] = []  # per top-level node: index of its segment, None for a plain node
    cur = top
    for tok in _TOKEN.findall(text):
        if tok == "[":
            if cur is not top:
                raise ValueError(f"nested optional segment in {text!r}")
            cur = []
            segs.append(cur)
            order.append(len(segs) - 1)
        elif tok == "]":
            if cur is top:
                raise ValueError(f"']' without '[' in {text!r}")
            cur = top
        else:
            if tok[0] == "{":
                name, _, frame = tok[1:-1].partition(":")
                node: Text | Alt | Slot = Slot(name, frame)
            elif tok[0] == "<":
                node = Alt(tuple(tok[1:-1].split("|")))
            else:
                node = Text(tok)
            if cur is top:
                order.append(None)
            cur.append(node)
    if cur is not top:
        raise ValueError(f"unclosed optional segment in {text!r}")
    plain = iter(top)
    nodes: tuple[Node, ...] = tuple(next(plain) if k is None else Opt(tuple(segs[k])) for k in order)
    every = [n for seg in [top, *segs] for n in seg]
    tpl = Tpl(
        nodes=nodes,
        required=_facts(top),
        opts=tuple(_facts(s) for s in segs),
        persons=_persons(top),
        opt_persons=tuple(_persons(s) for s in segs),
        slots=frozenset(n.name for n in every if isinstance(n, Slot)),
    )
    _PARSED[text] = tpl
    return tpl


_MARK = re.compile("\ue000(\\d+)\ue001|\ue002(\\d+)\ue003")
_MARKS = "(?:\ue000\\d+\ue001|\ue002\\d+\ue003)*"
_ENDS = "((?:\ue002\\d+\ue003)*)"
_A_AN = re.compile("(?<![\\w'\u2019])([Aa]) (" + _MARKS + ")(?=[aeiAEI]|o(?!ne)|O(?!ne)|un(?!i)|8|1[18](?!\\d)|hour)")
_COMMA_PUNCT = re.compile("," + _ENDS + "([.,:;])")
_S_POSS = re.compile("(?<=s)'s\\b")  # "Rovers's" -> "Rovers'"
_DOUBLE_DOT = re.compile("\\." + _ENDS + "\\.")
_LEAD = re.compile('(?:\ue000\\d+\ue001|\ue002\\d+\ue003|[\u201c"])*')


def _marked(phrase: str, claims: Claims, ctx: Ctx, fact: str, side: str) -> str:
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


def _person(pid: str, frame: str, ctx: Ctx) -> str:
    st, art = ctx.story, ctx.art
    p = st.persons[pid]
    nf = st.facts.get(p.name_fact) if p.name_fact else None
    surname = art.value(nf) if nf else p.surname
    if ctx.head or frame == "sur" or pid in ctx.introduced:
        return str(surname)
    ctx.introduced.add(pid)
    full = f"{p.given} {surname}"
    tf = st.facts.get(p.title_fact) if p.title_fact else None
    if tf is None or tf.key not in art.stated:
        return _marked(full, [(0, len(full), "plain")], ctx, nf.key, art.side.get(nf.key, "T")) if nf else full
    pre, post = TITLES[str(art.value(tf))]
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


def _slot(name: str, frame: str, ctx: Ctx) -> str:
    if name[0] == "$":
        return ctx.story.consts[name[1:]]
    if name[0] == "@":
        return _person(name[1:], frame, ctx)
    f = ctx.story.facts[name]
    side = ctx.art.side.get(name, "T")
    phrase, claims = RENDER[f.vtype](f, ctx.art.value(f), side, frame, ctx)
    return _marked(phrase, claims, ctx, name, side)


def _emit(nodes: tuple[Node, ...], flags: tuple[bool, ...], ctx: Ctx, out: list[str]) -> None:
    fi = 0
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Alt):
            out.append(ctx.rng.choice(node.words))
        elif isinstance(node, Slot):
            out.append(_slot(node.name, node.frame, ctx))
        else:
            if flags[fi]:
                _emit(node.nodes, (), ctx, out)
            fi += 1


def _finish(s: str, ctx: Ctx) -> tuple[str, list[Claim]]:
    """Fix articles and punctuation, capitalise, then take the claim marks out."""
    s = _A_AN.sub(lambda m: m.group(1) + "n " + m.group(2), s)
    s = _COMMA_PUNCT.sub(r"\1\2", s)
    s = _DOUBLE_DOT.sub(r".\1", s)
    s = _S_POSS.sub("'", s)
    s = s.replace("  ", " ")
    lead = _LEAD.match(s)
    i = lead.end() if lead else 0
    if i < len(s):
        s = s[:i] + s[i].upper() + s[i + 1 :]
    if ctx.art.curly:
        s = s.replace("'", "\u2019")
    out: list[str] = []
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
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
    claims = [(ctx.pending[c][0], ctx.pending[c][1], starts[c], ends[c], ctx.pending[c][2]) for c in sorted(starts)]
    return "".join(out), claims


def render(tpl: Tpl, flags: tuple[bool, ...], ctx: Ctx) -> tuple[str, list[Claim]]:
    """A sentence's text and its claims (offsets into the text), optional segments kept per flags."""
    out: list[str] = []
    _emit(tpl.nodes, flags, ctx, out)
    text, claims = _finish("".join(out), ctx)
    ctx.pending.clear()
    return text, claims
