"""The HTML report's header (what was compared, counts by severity, kind and status) and its
sources table, placed after the findings."""

from __future__ import annotations

from collections import Counter

from ...models import SEVERITY_ORDER, Result, Status
from ..common import plural, severity_counts, title
from .markup import doc_anchor, e, external

# A longer sources table is collapsed (<details>): the findings come first.
OPEN_SOURCES = 20


def section(result: Result) -> str:
    """The page header: the title, the lead, the section links and the counts."""
    ds = result.discrepancies
    n_docs = len(result.corpus.documents)
    lead = f"{plural(n_docs, 'article')} compared; <strong>{plural(len(ds), 'discrepancy')}</strong> found"
    if ds:
        lead += f" ({e(severity_counts(ds))})"
    lead += f" across {plural(len(result.slots), 'fact')} stated by two or more sources."
    out = [
        '<header id="top">',
        f"<h1>{e(title(result))}</h1>",
        f'<p class="lead">{lead}</p>',
        '<nav aria-label="Sections"><ul>',
        '<li><a href="#discrepancies">Discrepancies</a></li>',
        f'<li><a href="#sources">Sources ({n_docs:,})</a></li>',
        '<li><a href="#facts">Fact table</a></li>',
        '<li><a href="#timeline">Timeline</a></li>',
        '<li><a href="#articles">Articles</a></li>',
    ]
    if result.notices:
        out.append('<li><a href="#notes">Processing notes</a></li>')
    out.append("</ul></nav>")
    out.append('<div class="counts">')
    out.append(
        _count_table("Severity", Counter(str(d.severity) for d in ds), [str(s) for s in SEVERITY_ORDER][::-1], "sev")
    )
    out.append(_count_table("Kind", Counter(str(d.kind) for d in ds), [k.name for k in result.kinds], "kind"))
    out.append(_count_table("Review status", Counter(str(d.status) for d in ds), [str(s) for s in Status], "status"))
    out.append("</div>")
    stale = sum(d.stale for d in ds)
    if stale:
        out.append(
            f'<p class="stale-note">{plural(stale, "review decision")} went stale: the values changed since.</p>'
        )
    out.append("</header>")
    return "\n".join(out)


def sources(result: Result) -> str:
    """The sources table, after the findings; collapsed when it is long."""
    documents = result.corpus.documents
    out = ['<section id="sources">', "<h2>Sources</h2>"]
    if len(documents) > OPEN_SOURCES:
        out.append(
            f"<details><summary>{plural(len(documents), 'source')}: outlet, title, publication time, file</summary>"
        )
    out.append('<div class="scroll"><table class="sources">')
    out.append(
        "<thead><tr><th>Outlet</th><th>Title</th><th>Published</th><th>Copy of</th><th>Size</th>"
        "<th>Removed blocks</th><th>File</th></tr></thead><tbody>"
    )
    copies = {r.doc: r for r in result.reprints}
    docs = result.corpus.by_id()
    for d in documents:
        removed = sum(not b.kept for b in d.blocks)
        words = len(d.text.split())
        pub = e(d.published_label) if d.published else '<span class="muted">unknown</span>'
        r = copies.get(d.id)
        copy = (
            f'{e(r.kind)} of <a href="#{e(doc_anchor(r.of))}">{e(docs[r.of].outlet)}</a>'
            f' <span class="muted">({r.similarity:.0%} shared wording)</span>'
            if r
            else ""
        )
        out.append(
            f'<tr><td><a href="#{e(doc_anchor(d.id))}">{e(d.outlet)}</a>{external(d)}</td><td>{e(d.title)}</td>'
            f"<td>{pub}</td><td>{copy}</td>"
            f'<td class="num">{plural(words, "word")} / {len(d.text):,} chars</td>'
            f'<td class="num">{removed}</td><td><code>{e(d.path)}</code></td></tr>'
        )
    out.append("</tbody></table></div>")
    if len(documents) > OPEN_SOURCES:
        out.append("</details>")
    out.append("</section>")
    return "\n".join(out)


def _count_table(title: str, counts: Counter[str], order: list[str], cls: str) -> str:
    rows = [
        f'<tr><th scope="row"><span class="badge {cls}-{e(k)}">{e(k)}</span></th><td class="num">{counts[k]}</td></tr>'
        for k in order
        if counts[k]
    ]
    rows += [
        f'<tr><th scope="row">{e(k)}</th><td class="num">{c}</td></tr>'
        for k, c in sorted(counts.items())
        if k not in order
    ]
    if not rows:
        rows = ['<tr><td colspan="2" class="muted">none</td></tr>']
    return f'<table class="count"><caption>{e(title)}</caption><tbody>{"".join(rows)}</tbody></table>'
