"""The HTML report's header: what was compared, counts by severity, kind and status, the sources."""

from __future__ import annotations

from collections import Counter

from ...models import Result, Severity, Status
from .markup import doc_anchor, e


def section(result: Result) -> str:
    """The page header: the lead, the section links, the counts and the sources table."""
    ds = result.discrepancies
    n = len(ds)
    out = [
        '<header id="top">',
        f"<h1>Consistency report: {e(result.corpus.root)}</h1>",
        f'<p class="lead">{len(result.corpus.documents)} articles compared; '
        f"<strong>{n} discrepanc{'y' if n == 1 else 'ies'}</strong> found"
        f" across {len(result.slots)} fact{'' if len(result.slots) == 1 else 's'} stated by two or more sources.</p>",
        '<nav aria-label="Sections"><ul>',
        '<li><a href="#discrepancies">Discrepancies</a></li>',
        '<li><a href="#facts">Fact table</a></li>',
        '<li><a href="#timeline">Timeline</a></li>',
        '<li><a href="#articles">Articles</a></li>',
    ]
    if result.notices:
        out.append('<li><a href="#notes">Processing notes</a></li>')
    out.append("</ul></nav>")
    out.append('<div class="counts">')
    out.append(_count_table("Severity", Counter(str(d.severity) for d in ds), [str(s) for s in Severity][::-1], "sev"))
    out.append(_count_table("Kind", Counter(str(d.kind) for d in ds), [k.name for k in result.kinds], "kind"))
    out.append(_count_table("Review status", Counter(str(d.status) for d in ds), [str(s) for s in Status], "status"))
    out.append("</div>")
    stale = sum(d.stale for d in ds)
    if stale:
        out.append(f'<p class="stale-note">{stale} review decision(s) went stale: the values changed since.</p>')
    out.append('<h2 id="sources">Sources</h2>')
    out.append('<div class="scroll"><table class="sources">')
    out.append(
        "<thead><tr><th>Outlet</th><th>Title</th><th>Published</th><th>Copy of</th><th>Size</th>"
        "<th>Removed blocks</th><th>File</th></tr></thead><tbody>"
    )
    copies = {r.doc: r for r in result.reprints}
    docs = result.corpus.by_id()
    for d in result.corpus.documents:
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
            f'<tr><td><a href="#{e(doc_anchor(d.id))}">{e(d.outlet)}</a></td><td>{e(d.title)}</td>'
            f"<td>{pub}</td><td>{copy}</td>"
            f'<td class="num">{words:,} words / {len(d.text):,} chars</td>'
            f'<td class="num">{removed}</td><td><code>{e(d.path)}</code></td></tr>'
        )
    out.append("</tbody></table></div>")
    out.append("</header>")
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
