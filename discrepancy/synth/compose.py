"""Articles: compose each from the story's sentences, add reprints and page furniture."""

from __future__ import annotations

import random
from datetime import timedelta

from .build import build
from .check import load
from .forms import Ctx
from .plant import choose_plants, plan
from .render import Tpl, parse, render
from .story import TEMPLATES, Article, Claim, Fact, Story
from .vocab import AGENCIES, FEMALE, FURNITURE_PREFIXES, MALE, OUTLET_NOUN, OUTLET_PRE, SUR_A, SUR_C

Plan = tuple[Tpl, tuple[bool, ...], bool]  # a sentence: template, optional segments kept, is the quote


def _outlets(st: Story, rng: random.Random, n: int) -> list[str]:
    pre = list(OUTLET_PRE) + [st.outlet_place]
    combos = [f"{p} {q}" for p in pre for q in OUTLET_NOUN]
    rng.shuffle(combos)
    return combos[: max(2, min(n + 1, 60))]


def _compose(st: Story, art: Article, rng: random.Random) -> list[list[Plan]]:
    """Pick an article's sentences (templates, optional segments) and group them in paragraphs."""
    avail = set(art.stated)
    facts = st.facts
    absent = frozenset(pid for pid, p in st.persons.items() if p.name_fact and p.name_fact not in art.stated)

    def blocked(
        seg: frozenset[str],
    ) -> bool:  # never state a fact another available fact needs alongside it
        return any(r in seg and g in avail and g not in seg for g in avail for r in facts[g].requires)

    def flags_for(tpl: Tpl) -> tuple[bool, ...]:
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

    def pick(cands: list[str]) -> Plan | None:
        tpls = [
            t for t in map(parse, cands) if t.required <= avail and not blocked(t.required) and not t.persons & absent
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
    body: list[Plan] = []
    quote_plan: Plan | None = None
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
    mentioned: set[str] = set()
    for tpl, flags, _ in plans:
        mentioned |= tpl.persons
        for seg, on in zip(tpl.opt_persons, flags, strict=True):
            if on:
                mentioned |= seg
    for pid, p in st.persons.items():
        need = (p.name_fact and p.name_fact in art.stated) or (p.title_fact and p.title_fact in art.stated)
        if need and pid not in mentioned:
            tpl = parse(rng.choice(st.person_lines[pid]))
            body.insert(rng.randint(0, len(body)), (tpl, tuple(False for _ in tpl.opts), False))
    for line in rng.sample(st.background, rng.randint(1, min(3, len(st.background)))):
        tpl = parse(line)
        body.insert(rng.randint(0, len(body)), (tpl, tuple(False for _ in tpl.opts), False))
    if quote_plan:
        body.insert(rng.randint(min(1, len(body)), len(body)), quote_plan)
    paras: list[list[Plan]] = [[lede]]
    cur: list[Plan] = []
    size = rng.choice((1, 2, 2, 3))
    for sentence in body:
        if sentence[2]:
            if cur:
                paras.append(cur)
                cur = []
            paras.append([sentence])
            continue
        cur.append(sentence)
        if len(cur) >= size:
            paras.append(cur)
            cur = []
            size = rng.choice((1, 2, 2, 3))
    if cur:
        paras.append(cur)
    return paras


def _headline(st: Story, art: Article, rng: random.Random, said: set[str], avoid: str = "") -> str:
    ctx = Ctx(rng, st, art, head=True)
    cands = [t for t in map(parse, st.headlines) if t.required <= said]
    for _ in range(4):
        tpl = rng.choice(cands)
        text, _ = render(tpl, tuple(False for _ in tpl.opts), ctx)
        if text != avoid:
            break
    return text


def _furnish(
    st: Story, rng: random.Random, paras: list[tuple[str, list[Claim]]], art: Article, outlets: list[str]
) -> list[tuple[str, list[Claim]]]:
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
            "Photo: " + rng.choice(AGENCIES),
            f"Photo: {art.source} / {rng.choice(FEMALE + MALE)} {rng.choice(SUR_A)}{rng.choice(SUR_C)}",
        ],
        rng.randint(1, 3),
    )
    for line in lines:
        out.insert(rng.randint(1, len(out)), (line, []))
    if rng.random() < 0.3:
        out.append(("Please enter your comment!", []))
    return out


def _assemble(art: Article) -> None:
    head = f"Title: {art.title}\nSource: {art.source}\nDate: {art.pub.isoformat()}\n\n"
    parts, pos = [head], len(head)
    claims: list[Claim] = []
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


def generate(template: str, n: int, seed: int) -> tuple[Story, list[Article], list[Fact]]:
    """Invent the story, plant its discrepancies, and write its n articles (in memory)."""
    kinds = plan(seed, {t: load(t).plantable for t in TEMPLATES})
    rng = random.Random(seed * 31 + TEMPLATES.index(template) + 1)
    st = build(load(template), rng)
    planted = choose_plants(st, rng, kinds[template]) if n >= 3 else []
    facts = st.facts
    # wire reprints: ~10% of the articles copy an earlier one
    arts = [Article(i, "") for i in range(n)]
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
    dropped: list[Fact] = []
    for f in planted:
        stating = [i for i in originals if f.key in arts[i].stated]
        total = sum(map(weight, stating))
        target = max(1, min(int(0.3 * total), round(rng.uniform(0.1, 0.3) * total)))
        rng.shuffle(stating)
        dev: list[int] = []
        got = 0
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
        if a.side.get("day") == "W" and day.wrong > day.true:
            a.pub = st.event + timedelta(days=rng.choice((1, 2)))
        else:
            a.pub = st.event + timedelta(days=rng.choice((0, 1, 1, 2)))
    width = max(4, len(str(n)))
    for i, a in enumerate(arts):
        a.name = f"a{i + 1:0{width}d}"
        a.source = outlets[i] if i < len(outlets) else rng.choice(outlets)
        if a.reprint_of is not None:
            orig = arts[a.reprint_of]
            a.stated, a.side, a.pub, a.curly = orig.stated, orig.side, orig.pub, orig.curly
            if a.source == orig.source:
                a.source = rng.choice([o for o in outlets if o != orig.source])
            content = [p for p in orig.paras if p[1] or not _is_furniture(p[0])]
            if rng.random() < 0.5:
                dateline = f"{st.consts['dateline'].upper()} ({rng.choice(AGENCIES[:5])}) \u2014 "
                t0, c0 = content[0]
                content[0] = (
                    dateline + t0,
                    [(f, s, x + len(dateline), y + len(dateline), fm) for f, s, x, y, fm in c0],
                )
            a.paras = _furnish(st, rng, content, a, outlets)
            said = {c[0] for p in content for c in p[1]}
            a.title = _headline(st, a, rng, said, avoid=orig.title)
            _assemble(a)
            continue
        a.curly = rng.random() < 0.5
        ctx = Ctx(rng, st, a)
        paras: list[tuple[str, list[Claim]]] = []
        for plan_para in _compose(st, a, rng):
            texts: list[str] = []
            claims: list[Claim] = []
            pos = 0
            for tpl, flags, _q in plan_para:
                text, rel = render(tpl, flags, ctx)
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


def _is_furniture(text: str) -> bool:
    return text.startswith(FURNITURE_PREFIXES)
