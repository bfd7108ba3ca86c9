"""Write a corpus: the articles, an empty discrepancy.toml, and gold.toml (format version 1)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .compose import generate
from .forms import describe
from .story import TEMPLATES, Article, Fact, Story

_SIDE_CAP = 10  # claims per side of a discrepancy in gold.toml
_AGREE_CAP = 6  # claims per agreement

_Cited = tuple[Article, str, int, int, str]  # article, side, start, end, form


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


def _claim(art: Article, start: int, end: int) -> str:
    text = art.text[start:end]
    occ = _occurrence(art.text, text, start)
    extra = f", occurrence = {occ}" if occ > 1 else ""
    return f"{{ doc = {_toml_str(art.name)}, text = {_toml_str(text)}{extra} }}"


def _first_claims(arts: list[Article], key: str) -> list[_Cited]:
    out: list[_Cited] = []
    for a in arts:
        for f, side, s, e, form in a.claims:
            if f == key:
                out.append((a, side, s, e, form))
                break
    return out


def _gold(st: Story, arts: list[Article], planted: list[Fact], seed: int) -> tuple[str, int, int]:
    lines = [
        f"# Gold annotations for a synthetic {st.template} story (seed {seed}, {len(arts)} "
        f"articles). "
        "Format version 1.",
        "# Written by discrepancy.synth; regenerate rather than edit.",
        "#",
        f"# Story: {st.summary}; event on {describe(st.facts['day'], st.event)}.",
        "# True values:",
    ]
    for f in st.facts.values():
        if f.vtype != "quote":
            lines.append(f"#   {f.subject}: {describe(f, f.true)}")
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
            lines.append(f"# true: {describe(f, f.true)}; planted: {describe(f, f.wrong)} ({f.detail})")
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
        chosen: list[_Cited] = []
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


_ARTICLE_NAME = re.compile(r"a\d{4,}\.txt")


def write_corpus(out_dir: str | Path, *, template: str, articles: int, seed: int) -> dict[str, Any]:
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
    st, arts, planted = generate(template, articles, seed)
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
