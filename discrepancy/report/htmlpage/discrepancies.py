"""The HTML report's discrepancies, high severity first: each with a plain-words line, its values
as written (the compared form behind a toggle), the claims quoting each source (outlet, link,
publication time, file:line; the claimed words marked in their sentence), a word diff for
wording, and the filter controls."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ...models import SEVERITY_ORDER, Claim, Discrepancy, Document, Result, Status
from ..common import file_of, in_reading_order, line_finder, outlet_names, plain, plural, sources_label
from ..diff import word_diff
from .markup import disc_anchor, e, external, span_anchor

# Claims quoted openly under each position; the rest sit in a <details> (all are marked in the
# full texts below either way).
MAX_CLAIMS = 10


def section(result: Result, docs: dict[str, Document]) -> str:
    """Open <main> with the discrepancies, one <article> each (articles.section closes it)."""
    out = ["<main>", '<section id="discrepancies">', "<h2>Discrepancies</h2>"]
    ds = in_reading_order(result)
    line = line_finder(result)
    if not ds:
        out.append("<p>No discrepancies: every fact stated by two or more sources agrees.</p>")
        out.append("</section>")
        return "\n".join(out)
    out.append(_filter_form(tuple(ds)))
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
        out.append(f'<p class="plain">{e(plain(d, result))}</p>')
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
                f'<div class="norm">{e(sources_label(len(outlets), p.sources))} '
                f"<details><summary>as compared</summary><code>{e(p.normalized)}</code></details></div>"
            )
            shown, rest = p.claims[:MAX_CLAIMS], p.claims[MAX_CLAIMS:]
            out.append('<ul class="claims">')
            out.extend(_claim(c, docs, line) for c in shown)
            out.append("</ul>")
            if rest:
                out.append(f"<details><summary>{plural(len(rest), 'more claim')}</summary>")
                out.append('<ul class="claims">')
                out.extend(_claim(c, docs, line) for c in rest)
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
    sevs = [str(s) for s in SEVERITY_ORDER][::-1]
    sevs = [s for s in sevs if any(str(d.severity) == s for d in ds)]
    statuses = [str(s) for s in Status if any(d.status == s for d in ds)]
    return (
        '<form id="filters" class="filters" hidden>'
        + select("kind", "Kind", kinds)
        + select("severity", "Severity", sevs)
        + select("status", "Status", statuses)
        + '<output id="filter-count"></output></form>'
    )


def _claim(c: Claim, docs: dict[str, Document], line: Callable[[str, int], int]) -> str:
    """One source's words: outlet (and a link to the article), publication time, file:line."""
    doc = docs.get(c.doc)
    who = [f'<span class="outlet">{e(doc.outlet if doc else c.doc)}</span>']
    if doc and doc.published_label:
        who.append(f'<time datetime="{e(doc.published_label.replace(" ", "T"))}">{e(doc.published_label)}</time>')
    who.append(f"<code>{e(file_of(doc) if doc else c.doc)}:{line(c.doc, c.start)}</code>")
    return (
        f'<li><p class="who">{" · ".join(who)}{external(doc) if doc else ""}</p>'
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
