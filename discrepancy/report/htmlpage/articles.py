"""The HTML report's full texts: cited words marked and linked to their discrepancies, removed
blocks dimmed."""

from __future__ import annotations

from ...models import Discrepancy, Document, Result
from .markup import conflict_spans, disc_anchor, doc_anchor, e, external, span_anchor


def section(result: Result) -> str:
    """The full texts, one article each, with cited words marked and removed blocks dimmed."""
    # by document, where each cited span starts and ends (the longest claim starting there),
    # and the discrepancies citing it: one pass over the claims, whatever the articles' number
    ends: dict[tuple[str, int], int] = {}
    for d in result.discrepancies:
        for p in d.positions:
            for c in p.claims:
                at = (c.doc, c.start)
                ends[at] = max(ends[at], c.end) if at in ends else c.end
    cited: dict[str, list[tuple[int, int, list[Discrepancy]]]] = {}
    for (doc_id, start), ds in conflict_spans(result).items():
        cited.setdefault(doc_id, []).append((start, ends[(doc_id, start)], ds))
    out = [
        '<section id="articles">',
        "<h2>Articles</h2>",
        '<p class="hint">Full texts. Cited words are highlighted and link to their discrepancy; '
        '<span class="removed legend">dimmed</span> blocks were set aside as page furniture or repeats.</p>',
    ]
    for doc in result.corpus.documents:
        out.append(f'<article class="doc" id="{e(doc_anchor(doc.id))}">')
        out.append(f"<h3>{e(doc.outlet)}</h3>")
        meta = [f"<code>{e(doc.path)}</code>"]
        if doc.title:
            meta.append(f"<strong>{e(doc.title)}</strong>")
        if doc.published:
            meta.append(e(doc.published_label))
        if doc.author:
            meta.append(e(doc.author))
        if doc.url:
            meta.append(f'<span class="url">{e(doc.url)}</span>')
        out.append(f'<p class="meta">{" · ".join(meta)}{external(doc)}</p>')
        out.append(f'<div class="fulltext">{_annotated(doc, cited.get(doc.id, []))}</div>')
        out.append('<p class="back"><a href="#top">back to top ↑</a></p>')
        out.append("</article>")
    out.append("</section>")
    out.append("</main>")
    return "\n".join(out)


def _annotated(doc: Document, cited: list[tuple[int, int, list[Discrepancy]]]) -> str:
    """The text with claims marked and removed blocks dimmed, from sorted non-overlapping spans
    (cited: the document's cited spans, and the discrepancies citing each)."""
    text = doc.text
    n = len(text)
    # (start, end, order, payload); claims sort before a block starting at the same place. The
    # payload is a claim's discrepancies, or a removed block's reason.
    spans: list[tuple[int, int, int, list[Discrepancy] | str]] = []
    for start, end, ds in cited:
        if 0 <= start < end <= n:
            spans.append((start, end, 0, ds))
    for b in doc.blocks:
        if not b.kept and 0 <= b.start < b.end <= n:
            spans.append((b.start, b.end, 1, b.reason))
    spans.sort(key=lambda s: (s[0], s[2], -s[1]))
    kept: list[tuple[int, int, list[Discrepancy] | str, list[int]]] = []
    for start, end, _, payload in spans:
        if kept and start < kept[-1][1]:
            if isinstance(payload, list):  # a claim: keep its anchor reachable where the earlier span begins
                kept[-1][3].append(start)
            continue
        kept.append((start, end, payload, []))
    out = []
    pos = 0
    for start, end, payload, orphans in kept:
        out.append(e(text[pos:start]))
        out.extend(f'<span id="{e(span_anchor(doc.id, o))}"></span>' for o in orphans)
        words = e(text[start:end])
        if isinstance(payload, list):  # a claim, cited by these discrepancies
            ds = payload
            first = ds[0]
            title = "; ".join(f"{d.subject} ({d.severity})" for d in ds)
            out.append(
                f'<mark class="cited sev-{e(first.severity)}" id="{e(span_anchor(doc.id, start))}" title="{e(title)}">'
                f'<a href="#{e(disc_anchor(first))}">{words}</a></mark>'
            )
            out.extend(
                f'<sup><a href="#{e(disc_anchor(d))}" title="{e(d.subject)}">+{j}</a></sup>'
                for j, d in enumerate(ds[1:], 2)
            )
        else:
            reason = payload or "removed"
            out.append(f'<span class="removed" title="{e(reason)}">{words}</span>')
        pos = end
    out.append(e(text[pos:]))
    return "".join(out)
