"""The Markdown report: a summary, then each discrepancy with every position and its evidence."""

from __future__ import annotations

from collections import Counter

from ..generated import MD_MARK
from ..models import Discrepancy, Result
from .common import grouped_notices, outlet_names, sources_label
from .diff import word_diff

# The same disagreement across 1,000 articles stays one readable entry: the first claims are
# quoted, the rest counted (the JSON report keeps every claim).
MAX_CLAIMS = 10
MAX_OUTLETS = 12
# GitHub takes a comment or a job summary of up to 1 MiB: stop listing well before it.
MAX_BYTES = 900_000
_ESCAPE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def md(text: str) -> str:
    """Escape Markdown control characters in article text."""
    return " ".join(text.split()).translate(_ESCAPE)


def render(result: Result) -> str:
    """The Markdown report text."""
    out = [MD_MARK, f"# Consistency report: {md(result.corpus.root)}", ""]
    n = len(result.discrepancies)
    out.append(f"{len(result.corpus.documents)} articles compared; **{n} discrepanc{'y' if n == 1 else 'ies'}** found.")
    out.append("")
    if n:
        sev = Counter(str(d.severity) for d in result.discrepancies)
        kinds = Counter(str(d.kind) for d in result.discrepancies)
        out.append("| severity | count |")
        out.append("| --- | --- |")
        out.extend(f"| {s} | {sev[s]} |" for s in ("high", "medium", "low") if sev[s])
        out.append("")
        out.append("| kind | count |")
        out.append("| --- | --- |")
        out.extend(f"| {k} | {c} |" for k, c in sorted(kinds.items()))
        out.append("")
    out.append("## Sources")
    out.append("")
    out.append("| id | outlet | title | published | copy of |")
    out.append("| --- | --- | --- | --- | --- |")
    copies = {r.doc: r for r in result.reprints}
    for doc in result.corpus.documents:
        r = copies.get(doc.id)
        copy = f"{r.kind} of `{r.of}` ({r.similarity:.0%} shared wording)" if r else ""
        out.append(f"| `{doc.id}` | {md(doc.outlet)} | {md(doc.title)} | {doc.published_label} | {copy} |")
    out.append("")
    if n:
        out.append("## Discrepancies")
        out.append("")
    size = sum(len(line) + 1 for line in out)
    for i, d in enumerate(result.discrepancies, 1):
        if size > MAX_BYTES:
            left = len(result.discrepancies) - i + 1
            out.append(f"… and {left} more discrepanc{'y' if left == 1 else 'ies'}: see the JSON report.")
            out.append("")
            break
        mark = len(out)
        out.append(f"### {i}. {md(d.subject)} ({d.kind}, {d.severity})")
        out.append("")
        update = " · **possible update** (published at different times)" if d.possible_update else ""
        out.append(f"`{d.id}` · status: **{d.status}**" + (f" · note: {md(d.note)}" if d.note else "") + update)
        out.append("")
        out.append(md(d.summary))
        out.append("")
        if result.kind_info(d.kind).wording and len(d.positions) >= 2:
            out.append(f"Words that differ: {_quote_diff(d)}")
            out.append("")
        for p in d.positions:
            outlets = outlet_names({c.doc for c in p.claims}, result)
            shown = ", ".join(outlets[:MAX_OUTLETS]) + (
                f" and {len(outlets) - MAX_OUTLETS} more" if len(outlets) > MAX_OUTLETS else ""
            )
            out.append(
                f"- **“{md(p.value)}”** (`{md(p.normalized)}`), {sources_label(len(outlets), p.sources)}: {md(shown)}"
            )
            for c in p.claims[:MAX_CLAIMS]:
                sentence = md(c.sentence)
                quoted = md(c.text)
                highlighted = sentence.replace(quoted, f"**{quoted}**", 1) if quoted in sentence else sentence
                out.append(f"  - `{c.doc}` [{c.start}:{c.end}]: {highlighted}")
            if len(p.claims) > MAX_CLAIMS:
                out.append(f"  - … and {len(p.claims) - MAX_CLAIMS} more claims (all are in the JSON report)")
        out.append("")
        size += sum(len(line.encode("utf-8")) + 1 for line in out[mark:])
    if result.notices:
        out.append("## Processing notes")
        out.append("")
        out.extend(f"- `{md(paths)}`: {md(message)}" for paths, message in grouped_notices(result.notices))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _quote_diff(d: Discrepancy) -> str:
    """The first two wordings, the first's own words struck through and the second's in bold."""
    parts = []
    for tag, a, b in word_diff(d.positions[0].value, d.positions[1].value):
        if tag == "equal":
            parts.append(md(a))
        else:
            if a:
                parts.append(f"~~{md(a)}~~")
            if b:
                parts.append(f"**{md(b)}**")
    return " ".join(parts)
