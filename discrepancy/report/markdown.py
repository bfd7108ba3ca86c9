"""The Markdown report: the findings first (high severity first, each with a plain-words line,
its values as written and every source's words, outlet, publication time and file:line), then
the processing notes, and the sources table at the end."""

from __future__ import annotations

from collections.abc import Callable

from ..generated import MD_MARK
from ..models import Discrepancy, Document, Result
from ..safe import code, md
from .common import (
    file_of,
    grouped_notices,
    in_reading_order,
    line_finder,
    outlet_names,
    plain,
    plural,
    safe_url,
    severity_counts,
    sources_label,
    title,
)
from .diff import word_diff

# The same disagreement across 1,000 articles stays one readable entry: the first claims are
# quoted, the rest counted (the JSON report keeps every claim).
MAX_CLAIMS = 10
MAX_OUTLETS = 12
# Rows of the sources table; a corpus of thousands of articles lists the rest in the JSON report.
MAX_SOURCES = 500
# GitHub takes a comment or a job summary of up to 1 MiB: stop listing well before it.
MAX_BYTES = 900_000


def _outlet(doc: Document) -> str:
    """The outlet's name, linked to the article when its URL is known."""
    url = safe_url(doc.url)
    return f"[{md(doc.outlet)}](<{url}>)" if url else md(doc.outlet)


def render(result: Result) -> str:
    """The Markdown report text."""
    out = [MD_MARK, f"# {md(title(result))}", ""]
    ds = in_reading_order(result)
    found = f"**{plural(len(ds), 'discrepancy')}** found" + (f": {severity_counts(ds)}" if ds else "")
    out.append(f"{plural(len(result.corpus.documents), 'article')} compared; {found}.")
    out.append("")
    if ds:
        out.append("## Discrepancies")
        out.append("")
    size = sum(len(line.encode("utf-8")) + 1 for line in out)
    line = line_finder(result)
    for i, d in enumerate(ds, 1):
        if size > MAX_BYTES:
            out.append(f"… and {plural(len(ds) - i + 1, 'more discrepancy')}: see the JSON report.")
            out.append("")
            break
        mark = len(out)
        out.extend(_finding(i, d, result, line))
        size += sum(len(text.encode("utf-8")) + 1 for text in out[mark:])
    if result.notices:
        out.append("## Processing notes")
        out.append("")
        out.extend(f"- {code(paths)}: {md(message)}" for paths, message in grouped_notices(result.notices))
        out.append("")
    out.extend(_sources(result))
    return "\n".join(out).rstrip("\n") + "\n"


def _finding(i: int, d: Discrepancy, result: Result, line: Callable[[str, int], int]) -> list[str]:
    """One discrepancy: heading, plain line, badges, summary, then each value and its claims."""
    docs = result.corpus.by_id()
    marks = [f"**{str(d.severity).capitalize()}**", md(str(d.kind)), f"status: **{d.status}**"]
    if d.stale:
        marks.append("**stale decision**: review it again")
    if d.possible_update:
        marks.append("**possible update** (published at different times)")
    marks.append(code(d.id))
    out = [f"### {i}. {md(d.subject)}", "", " · ".join(marks), "", f"**{md(plain(d, result))}** {md(d.summary)}", ""]
    if d.note:
        out += [f"Note: {md(d.note)}", ""]
    if result.kind_info(d.kind).wording and len(d.positions) >= 2:
        out += [f"Words that differ: {_quote_diff(d)}", ""]
    for p in d.positions:
        outlets = outlet_names({c.doc for c in p.claims}, result)
        shown = ", ".join(outlets[:MAX_OUTLETS])
        if len(outlets) > MAX_OUTLETS:
            shown += f" and {len(outlets) - MAX_OUTLETS:,} more"
        out.append(f"- **“{md(p.value)}”**, {sources_label(len(outlets), p.sources)}: {md(shown)}")
        for c in p.claims[:MAX_CLAIMS]:
            doc = docs.get(c.doc)
            who = [_outlet(doc)] if doc else []
            if doc and doc.published_label:
                who.append(doc.published_label)
            who.append(code(f"{file_of(doc) if doc else c.doc}:{line(c.doc, c.start)}"))
            sentence, quoted = md(c.sentence), md(c.text)
            highlighted = sentence.replace(quoted, f"**{quoted}**", 1) if quoted in sentence else sentence
            out.append(f"  - {' · '.join(who)}: {highlighted}")
        if len(p.claims) > MAX_CLAIMS:
            out.append(f"  - … and {plural(len(p.claims) - MAX_CLAIMS, 'more claim')} (all are in the JSON report)")
    out.append("")
    return out


def _sources(result: Result) -> list[str]:
    """The sources table, last: outlet (linked), title, publication time, file, copy of."""
    out = ["## Sources", "", "| outlet | title | published | file | copy of |", "| --- | --- | --- | --- | --- |"]
    copies = {r.doc: r for r in result.reprints}
    docs = result.corpus.by_id()
    for doc in result.corpus.documents[:MAX_SOURCES]:
        r = copies.get(doc.id)
        of = docs[r.of] if r else None
        copy = (
            f"{r.kind} of {md(of.outlet)} ({code(of.path, cell=True)}, {r.similarity:.0%} shared wording)"
            if r and of
            else ""
        )
        out.append(
            f"| {_outlet(doc)} | {md(doc.title)} | {doc.published_label} | {code(doc.path, cell=True)} | {copy} |"
        )
    left = len(result.corpus.documents) - MAX_SOURCES
    if left > 0:
        out += ["", f"… and {plural(left, 'more source')}: see the JSON report."]
    out.append("")
    return out


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
