"""The HTML report: one self-contained page for people.

Inline CSS only; no external assets, fonts or scripts; readable with JavaScript off and
printable. A small static inline script adds filtering of discrepancies by kind, severity and
status; no content depends on it. Every piece of article text and metadata goes through
`html.escape` and is only ever placed as text or as a quoted attribute value; no tag is built
from article text and every link points to an anchor in the page. Output is deterministic.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from ..models import Claim, Discrepancy, Document, Fact, Result, Severity, Standing, Status
from .common import grouped_notices, outlet_names, sources_label
from .diff import word_diff

# Claims quoted openly under each position; the rest sit in a <details> (all are marked in the
# full texts below either way).
MAX_CLAIMS = 10

_SAFE_ID = re.compile(r"[A-Za-z0-9_-]+")


def e(value: object) -> str:
    """Escape text for HTML content and quoted attribute values."""
    return html.escape(str(value), quote=True)


def anchor_part(value: str) -> str:
    """A document or discrepancy id made safe for an id attribute and a URL fragment."""
    if _SAFE_ID.fullmatch(value):
        return value
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "_", value)
    return f"{cleaned}_{hashlib.sha256(value.encode('utf-8')).hexdigest()[:8]}"


def doc_anchor(doc: str) -> str:
    return f"doc-{anchor_part(doc)}"


def span_anchor(doc: str, start: int) -> str:
    return f"doc-{anchor_part(doc)}-{start}"


def disc_anchor(d: Discrepancy) -> str:
    return f"d-{anchor_part(d.id)}"


def render(result: Result) -> str:
    """The HTML report text."""
    docs = result.corpus.by_id()
    conflict = _conflict_spans(result)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Consistency report: {e(result.corpus.root)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        _header(result),
        _discrepancies(result, docs),
        _fact_table(result),
        _timeline(result, conflict),
        _articles(result),
        _notices(result),
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


# --- header ---------------------------------------------------------------------------------


def _header(result: Result) -> str:
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


# --- discrepancies --------------------------------------------------------------------------


def _discrepancies(result: Result, docs: dict[str, Document]) -> str:
    out = ["<main>", '<section id="discrepancies">', "<h2>Discrepancies</h2>"]
    ds = result.discrepancies
    if not ds:
        out.append("<p>No discrepancies: every fact stated by two or more sources agrees.</p>")
        out.append("</section>")
        return "\n".join(out)
    out.append(_filter_form(ds))
    for i, d in enumerate(ds, 1):
        out.append(
            f'<article class="disc sev-{e(d.severity)}" id="{e(disc_anchor(d))}" data-kind="{e(d.kind)}"'
            f' data-severity="{e(d.severity)}" data-status="{e(d.status)}">'
        )
        out.append(f"<h3>{i}. {e(d.subject)}</h3>")
        meta = [
            f'<span class="badge sev-{e(d.severity)}">{e(d.severity)}</span>',
            f'<span class="badge kind">{e(d.kind)}</span>',
            f'<span class="badge status-{e(d.status)}">{e(d.status)}</span>',
        ]
        if d.stale:
            meta.append('<span class="badge stale">stale decision</span>')
        if d.possible_update:
            meta.append(
                '<span class="badge update" title="each side was published at its own time">possible update</span>'
            )
        meta.append(f"<code>{e(d.id)}</code>")
        out.append(f'<p class="meta">{" ".join(meta)}</p>')
        if d.note:
            out.append(f'<p class="note"><strong>Note:</strong> {e(d.note)}</p>')
        out.append(f'<p class="summary">{e(d.summary)}</p>')
        if result.kind_info(d.kind).wording and len(d.positions) >= 2:
            out.append(f'<p class="qdiff"><span class="label">Words that differ:</span> {_quote_diff(d)}</p>')
        out.append(f'<div class="positions" style="--cols:{min(len(d.positions), 4)}">')
        for p in d.positions:
            outlets = outlet_names({c.doc for c in p.claims}, result)
            out.append('<div class="position">')
            out.append(f"<h4>“{e(p.value)}”</h4>")
            out.append(
                f'<p class="norm"><code>{e(p.normalized)}</code> · {e(sources_label(len(outlets), p.sources))}</p>'
            )
            shown, rest = p.claims[:MAX_CLAIMS], p.claims[MAX_CLAIMS:]
            out.append('<ul class="claims">')
            out.extend(_claim(c, docs) for c in shown)
            out.append("</ul>")
            if rest:
                out.append(f"<details><summary>{len(rest)} more claim{'' if len(rest) == 1 else 's'}</summary>")
                out.append('<ul class="claims">')
                out.extend(_claim(c, docs) for c in rest)
                out.append("</ul></details>")
            out.append("</div>")
        out.append("</div>")
        out.append("</article>")
    out.append("</section>")
    return "\n".join(out)


def _filter_form(ds: tuple[Discrepancy, ...]) -> str:
    """Filter controls: hidden until the inline script shows them (useless without it)."""

    def select(name: str, label: str, values: Iterable[str]) -> str:
        opts = "".join(f'<option value="{e(v)}">{e(v)}</option>' for v in values)
        return f'<label>{e(label)} <select name="{e(name)}"><option value="">all</option>{opts}</select></label>'

    kinds = sorted({str(d.kind) for d in ds})
    sevs = [str(s) for s in Severity][::-1]
    sevs = [s for s in sevs if any(str(d.severity) == s for d in ds)]
    statuses = [str(s) for s in Status if any(d.status == s for d in ds)]
    return (
        '<form id="filters" class="filters" hidden>'
        + select("kind", "Kind", kinds)
        + select("severity", "Severity", sevs)
        + select("status", "Status", statuses)
        + '<output id="filter-count"></output></form>'
    )


def _claim(c: Claim, docs: dict[str, Document]) -> str:
    doc = docs.get(c.doc)
    outlet = doc.outlet if doc else c.doc
    return (
        f'<li><span class="outlet">{e(outlet)}</span>'
        f"<blockquote>{_highlight(c, doc)}</blockquote>"
        f'<a class="jump" href="#{e(span_anchor(c.doc, c.start))}">in the full text ↓</a></li>'
    )


def _highlight(c: Claim, doc: Document | None) -> str:
    """The claim's sentence with the claimed words in <mark>, at the claim's exact offsets."""
    sentence = c.sentence
    rel = -1
    if doc is not None:
        for s in doc.sentences:
            if s.start <= c.start and c.end <= s.end and s.text == sentence:
                if sentence[c.start - s.start : c.end - s.start] == c.text:
                    rel = c.start - s.start
                break
    if rel < 0:
        rel = sentence.find(c.text) if c.text else -1
    if rel < 0 or not c.text:
        return f"{e(sentence)} <mark>{e(c.text)}</mark>"
    end = rel + len(c.text)
    return f"{e(sentence[:rel])}<mark>{e(sentence[rel:end])}</mark>{e(sentence[end:])}"


def _quote_diff(d: Discrepancy) -> str:
    parts = []
    for tag, a, b in word_diff(d.positions[0].value, d.positions[1].value):
        if tag == "equal":
            parts.append(e(a))
            continue
        if a:
            parts.append(f"<del>{e(a)}</del>")
        if b:
            parts.append(f"<ins>{e(b)}</ins>")
    return " ".join(parts)


# --- fact table -----------------------------------------------------------------------------


def _conflict_spans(result: Result) -> dict[tuple[str, int], list[Discrepancy]]:
    """(doc, start) of every claim -> the discrepancies citing it, in report order."""
    spans: dict[tuple[str, int], list[Discrepancy]] = defaultdict(list)
    for d in result.discrepancies:
        for p in d.positions:
            for c in p.claims:
                if d not in spans[(c.doc, c.start)]:
                    spans[(c.doc, c.start)].append(d)
    return spans


_CELL_CLASS = {
    Standing.MAJORITY: "cell-major",
    Standing.MIXED: "cell-major cell-mixed",
    Standing.ODD: "cell-odd",
    Standing.SPLIT: "cell-split",
}


def _fact_table(result: Result) -> str:
    """Draw compare's fact rows (majorities are counted there, not here)."""
    documents = result.corpus.documents
    out = [
        '<section id="facts">',
        "<h2>Fact table</h2>",
        '<p class="hint">One row per fact stated by two or more sources, one column per article, each cell the '
        'value as written; a reprint and its original count as one source. <span class="cell-major legend">Majority value</span> '
        '<span class="cell-odd legend">differs from the majority</span> '
        '<span class="cell-major cell-mixed legend">majority and other values</span> '
        '<span class="cell-split legend">no majority</span>; rows marked ⚠ are discrepancies.</p>',
    ]
    if not result.fact_rows:
        out.append("<p>No fact is stated by two or more sources.</p></section>")
        return "\n".join(out)
    out.append('<div class="scroll"><table class="facts" id="fact-table">')
    head = "".join(f'<th scope="col"><a href="#{e(doc_anchor(d.id))}">{e(d.outlet)}</a></th>' for d in documents)
    out.append(f'<thead><tr><th scope="col">Fact</th><th scope="col">Kind</th>{head}</tr></thead>')
    out.append("<tbody>")
    subjects = Counter(row.subject for row in result.fact_rows)
    by_id = {d.id: d for d in result.discrepancies}
    for row in result.fact_rows:
        disc = by_id.get(row.discrepancy) if row.discrepancy else None
        row_cls = "disputed" if disc else ("agree" if row.agree else "differs")
        label = e(row.subject or row.key)
        if subjects[row.subject] > 1 and row.key:
            label += f' <small class="muted">({e(row.key)})</small>'
        if disc:
            label = f'<a href="#{e(disc_anchor(disc))}" title="{e(disc.summary)}">⚠ {label}</a>'
        elif row.agree:
            label = f'<span class="ok" title="all sources agree">✓</span> {label}'
        by_doc = {c.doc: c for c in row.cells}
        cells = []
        for d in documents:
            cell = by_doc.get(d.id)
            if cell is None:
                cells.append('<td class="cell-none"></td>')
                continue
            title = " / ".join(cell.normalized)
            cells.append(f'<td class="{_CELL_CLASS[cell.standing]}" title="{e(title)}">{e(" / ".join(cell.raw))}</td>')
        out.append(f'<tr class="{row_cls}"><th scope="row">{label}</th><td>{e(row.kind)}</td>{"".join(cells)}</tr>')
    out.append("</tbody></table></div>")
    out.append("</section>")
    return "\n".join(out)


# --- timeline -------------------------------------------------------------------------------


def fact_day(f: Fact) -> dt.date | None:
    """The calendar day a fact's value places it on, if it has one (dates, dated weekdays)."""
    return f.value.day()[0]


def _placed(f: Fact, day: dt.date) -> str:
    """The day a dot stands for, saying so when the fact is vaguer than a day."""
    precision = f.value.day()[1] or "day"
    return day.isoformat() if precision == "day" else f"{precision}; placed at {day.isoformat()}"


_LABEL_W = 190
_PLOT_W = 760
_ROW_H = 30
_TOP = 34


def _timeline(result: Result, conflict: dict[tuple[str, int], list[Discrepancy]]) -> str:
    out = ['<section id="timeline">', "<h2>Timeline</h2>"]
    per_doc: dict[str, list[tuple[dt.date, Fact]]] = defaultdict(list)
    for f in result.facts:
        day = fact_day(f)
        if day is not None:
            per_doc[f.doc].append((day, f))
    rows = [d for d in result.corpus.documents if per_doc.get(d.id)]
    if not rows:
        out.append("<p>No fact in these articles resolves to a calendar day, so there is no timeline.</p>")
        out.append("</section>")
        return "\n".join(out)
    days = [day for d in rows for day, _ in per_doc[d.id]]
    first, last = min(days), max(days)
    if first == last:
        first, last = first - dt.timedelta(days=1), last + dt.timedelta(days=1)
    span = (last - first).days

    def x(day: dt.date) -> float:
        return _LABEL_W + 40 + (day - first).days / span * (_PLOT_W - 80)

    height = _TOP + len(rows) * _ROW_H + 10
    width = _LABEL_W + _PLOT_W
    out.append(
        '<p class="hint">Each dot is a date stated in an article (hover for the words); '
        '<span class="dot-conflict legend">red</span> dots are claims of a discrepancy.</p>'
    )
    svg = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="timeline-title">',
        f'<title id="timeline-title">Dated facts from {e(first.isoformat())} to {e(last.isoformat())}, one row per source</title>',
    ]
    step = max(1, -(-span // 6))
    ticks = [first + dt.timedelta(days=k) for k in range(0, span + 1, step)]
    for t in ticks:
        tx = x(t)
        svg.append(f'<line class="tick" x1="{tx:.1f}" y1="{_TOP - 8}" x2="{tx:.1f}" y2="{height - 6}"/>')
        svg.append(
            f'<text class="tick-label" x="{tx:.1f}" y="{_TOP - 14}" text-anchor="middle">{e(t.isoformat())}</text>'
        )
    for i, d in enumerate(rows):
        y = _TOP + i * _ROW_H + _ROW_H / 2
        label = d.outlet if len(d.outlet) <= 26 else d.outlet[:25] + "…"
        svg.append(f'<line class="row" x1="{_LABEL_W}" y1="{y:.1f}" x2="{width}" y2="{y:.1f}"/>')
        svg.append(
            f'<text class="row-label" x="{_LABEL_W - 8}" y="{y + 4:.1f}" text-anchor="end">'
            f"<title>{e(d.outlet)}</title>{e(label)}</text>"
        )
        stacked: Counter[dt.date] = Counter()
        for day, f in sorted(per_doc[d.id], key=lambda p: (p[0], p[1].start)):
            k = stacked[day]
            stacked[day] += 1
            dy = (0, -7, 7)[k % 3]
            cls = "dot-conflict" if (f.doc, f.start) in conflict else "dot"
            tip = f"{f.raw} — {f.subject or f.kind} ({_placed(f, day)})"
            dot = f'<circle class="{cls}" cx="{x(day):.1f}" cy="{y + dy:.1f}" r="5"><title>{e(tip)}</title></circle>'
            if (f.doc, f.start) in conflict:
                dot = f'<a href="#{e(span_anchor(f.doc, f.start))}">{dot}</a>'
            svg.append(dot)
    svg.append("</svg>")
    out.append('<div class="scroll">' + "\n".join(svg) + "</div>")
    out.append("</section>")
    return "\n".join(out)


# --- articles -------------------------------------------------------------------------------


def _articles(result: Result) -> str:
    conflict = _conflict_spans(result)
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
            meta.append(e(doc.published.isoformat()))
        if doc.author:
            meta.append(e(doc.author))
        if doc.url:
            meta.append(f'<span class="url">{e(doc.url)}</span>')
        out.append(f'<p class="meta">{" · ".join(meta)}</p>')
        out.append(f'<div class="fulltext">{_annotated(doc, conflict)}</div>')
        out.append('<p class="back"><a href="#top">back to top ↑</a></p>')
        out.append("</article>")
    out.append("</section>")
    out.append("</main>")
    return "\n".join(out)


def _annotated(doc: Document, conflict: dict[tuple[str, int], list[Discrepancy]]) -> str:
    """The text with claims marked and removed blocks dimmed, from sorted non-overlapping spans."""
    text = doc.text
    n = len(text)
    # (start, end, order, payload); claims sort before a block starting at the same place. The
    # payload is a claim's discrepancies, or a removed block's reason.
    spans: list[tuple[int, int, int, list[Discrepancy] | str]] = []
    for (d_id, start), ds in conflict.items():
        if d_id != doc.id:
            continue
        end = max(
            (c.end for d in ds for p in d.positions for c in p.claims if c.doc == d_id and c.start == start),
            default=start,
        )
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


# --- notices --------------------------------------------------------------------------------


def _notices(result: Result) -> str:
    if not result.notices:
        return ""
    items = "".join(
        f"<li><code>{e(paths)}</code>: {e(message)}</li>" for paths, message in grouped_notices(result.notices)
    )
    return f'<footer id="notes"><h2>Processing notes</h2><ul>{items}</ul></footer>'


# --- static assets --------------------------------------------------------------------------

CSS = """
:root{--fg:#1d2125;--muted:#5f6b76;--line:#d6dbe0;--bg:#fff;--soft:#f5f7f9;--high:#b42318;--medium:#b54708;
--low:#52606d;--major:#e3f4e8;--odd:#fde4e1;--split:#fff4d6;--mark:#fff1a8;--accent:#1f5fa8}
*{box-sizing:border-box}
[hidden]{display:none !important}
body{margin:0 auto;max-width:1200px;padding:1rem 1.5rem 3rem;color:var(--fg);background:var(--bg);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.3rem;margin:2rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid var(--line)}
h3{font-size:1.08rem;margin:.2rem 0}h4{font-size:1rem;margin:0 0 .2rem}
a{color:var(--accent)}code{font:.85em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
.lead{font-size:1.05rem}.muted,.hint{color:var(--muted)}.hint{font-size:.9rem}
nav ul{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem}
.counts{display:flex;flex-wrap:wrap;gap:1.2rem;align-items:flex-start}
table{border-collapse:collapse}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid var(--line)}
table.count caption{text-align:left;font-weight:600;padding-bottom:.2rem}.num{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto;max-width:100%}
.badge{display:inline-block;padding:0 .45rem;border-radius:.6rem;font-size:.8rem;background:var(--soft);border:1px solid var(--line)}
.sev-high.badge{background:var(--high);color:#fff;border-color:var(--high)}
.sev-medium.badge{background:var(--medium);color:#fff;border-color:var(--medium)}
.sev-low.badge{background:var(--low);color:#fff;border-color:var(--low)}
.status-confirmed{background:#fde4e1}.status-dismissed{background:#eceff1}.status-explained{background:#e3f4e8}
.badge.stale{background:#fff4d6;border-color:#b54708}.badge.update{background:#e8f0fb;border-color:#1f5fa8}
.stale-note{color:var(--medium)}
.filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;padding:.5rem .8rem;margin-bottom:1rem;background:var(--soft);border-radius:.4rem}
.disc{border:1px solid var(--line);border-left:5px solid var(--low);border-radius:.4rem;padding:.7rem 1rem;margin:0 0 1rem;break-inside:avoid}
.disc.sev-high{border-left-color:var(--high)}.disc.sev-medium{border-left-color:var(--medium)}
.meta{margin:.2rem 0;color:var(--muted);font-size:.9rem}.note{background:var(--soft);padding:.3rem .6rem;border-radius:.3rem}
.summary{margin:.4rem 0}
.qdiff del{background:#fde4e1;color:#8a1c12}.qdiff ins{background:#e3f4e8;color:#135b2c;text-decoration:none;border-bottom:2px solid #2f8a4b}
.qdiff .label{color:var(--muted)}
.positions{display:grid;grid-template-columns:repeat(var(--cols,2),minmax(0,1fr));gap:.8rem}
@media (max-width:800px){.positions{grid-template-columns:1fr}}
.position{background:var(--soft);border-radius:.4rem;padding:.6rem .8rem;min-width:0}
.position .norm{margin:0 0 .4rem;font-size:.85rem;color:var(--muted)}
.claims{list-style:none;margin:0;padding:0}.claims li{margin:.4rem 0 .7rem}
.outlet{font-weight:600;font-size:.9rem}
blockquote{margin:.2rem 0;padding-left:.6rem;border-left:3px solid var(--line);overflow-wrap:anywhere}
mark{background:var(--mark);padding:0 .1em;border-radius:.15em}
.jump{font-size:.8rem}
table.facts{font-size:.88rem}table.facts thead th{position:sticky;top:0;background:var(--bg)}
table.facts th[scope=row]{min-width:10rem;max-width:16rem}
table.facts thead th{overflow-wrap:anywhere;white-space:normal;min-width:7rem}
table.facts td{max-width:18rem;min-width:7rem;overflow-wrap:anywhere}
tr.disputed th[scope=row]{border-left:4px solid var(--high)}tr.agree th[scope=row]{border-left:4px solid #2f8a4b}
tr.differs th[scope=row]{border-left:4px solid var(--medium)}
.cell-major{background:var(--major)}.cell-mixed{box-shadow:inset 4px 0 0 #d92d20}.cell-odd{background:var(--odd);font-weight:600}.cell-split{background:var(--split)}
.legend{padding:0 .35rem;border-radius:.2rem}.ok{color:#2f8a4b}
svg.timeline{font:12px system-ui,sans-serif;max-width:none}
svg .tick{stroke:#e3e7eb}svg .row{stroke:#c9d0d6}svg .tick-label,svg .row-label{fill:#3c4650}
svg .dot{fill:#1f5fa8;stroke:#fff;stroke-width:1.5}svg .dot-conflict{fill:#d92d20;stroke:#fff;stroke-width:1.5}
.dot-conflict.legend{background:#d92d20;color:#fff}
.doc{border-top:1px solid var(--line);padding-top:.6rem;margin-top:1rem}
.fulltext{white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.55 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
background:var(--soft);padding:.8rem 1rem;border-radius:.4rem}
.fulltext mark a{color:inherit;text-decoration:none}.fulltext mark.sev-high{background:#ffd2cc}
.fulltext sup{font-size:.7em}
.removed{opacity:.45;text-decoration:line-through;text-decoration-color:rgba(0,0,0,.3)}
.removed.legend{opacity:.5}
:target{outline:3px solid var(--accent);outline-offset:2px}
.back{font-size:.85rem}
@media print{
body{max-width:none;padding:0;font-size:11pt}nav,.filters,.back,.jump{display:none !important}
a{color:inherit;text-decoration:none}.scroll{overflow:visible}
.disc,.position,tr,svg{break-inside:avoid}h2,h3{break-after:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.fulltext{background:none;border:1px solid var(--line)}
}
"""

SCRIPT = """
(function () {
  var form = document.getElementById("filters");
  if (!form) { return; }
  form.hidden = false;
  var names = ["kind", "severity", "status"];
  function apply() {
    var shown = 0;
    var items = document.querySelectorAll("article.disc");
    for (var i = 0; i < items.length; i++) {
      var el = items[i], ok = true;
      for (var j = 0; j < names.length; j++) {
        var want = form.elements[names[j]].value;
        if (want && el.getAttribute("data-" + names[j]) !== want) { ok = false; }
      }
      el.hidden = !ok;
      if (ok) { shown++; }
    }
    document.getElementById("filter-count").textContent = shown + " of " + items.length + " shown";
  }
  form.addEventListener("change", apply);
  apply();
})();
"""
