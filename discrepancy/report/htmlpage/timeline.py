"""The HTML report's timeline: an inline SVG with a row per source and a dot per dated fact."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from ...models import Discrepancy, Fact, Result
from .markup import e, span_anchor


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


def section(result: Result, conflict: dict[tuple[str, int], list[Discrepancy]]) -> str:
    """The timeline of dated facts, a row per source; claims of a discrepancy in red, linked."""
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
