"""The text summary printed by `discrepancy check` by default: what was compared, each finding
(severity first) with what kind of disagreement it is, every value as written and where each
source writes it (file:line, outlet, publication time), the notes, and a closing line saying
what fails the check and the command to run next. Colour (ANSI) only when asked."""

from __future__ import annotations

import shlex

from ..models import SEVERITY_ORDER, Discrepancy, Result, Status
from ..safe import escape_line, escape_words, guard_lines
from .common import (
    grouped_notices,
    in_reading_order,
    is_open,
    line_finder,
    located,
    plain,
    plural,
    severity_counts,
    sources_label,
)

# Claims listed under each value; the rest are counted (`--format json` lists every one).
MAX_CLAIMS = 5
# ANSI styles (SGR codes), used only when the caller asks for colour.
_STYLE = {
    "high": "1;31",
    "medium": "1;33",
    "low": "1;36",
    "value": "1",
    "dim": "2",
    "fail": "1;31",
    "pass": "1;32",
}


def render(
    result: Result,
    *,
    corpus_dir: str = "",
    color: bool = False,
    strict: bool = False,
    exit_zero: bool = False,
    review_command: str = "",
) -> str:
    """The summary text. `corpus_dir` is the corpus as typed (claims are placed as
    corpus_dir/path:line); `review_command` is the command the closing line suggests."""

    def style(text: str, name: str) -> str:
        return f"\x1b[{_STYLE[name]}m{text}\x1b[0m" if color else text

    ds = in_reading_order(result)
    head = f"{escape_words(result.title or result.corpus.root)}: {plural(len(result.corpus.documents), 'article')} compared, "
    head += f"{plural(len(result.slots), 'fact')} stated by two or more sources; {plural(len(ds), 'discrepancy')}"
    lines = [head + (f" ({severity_counts(ds)})" if ds else "")]
    line = line_finder(result)
    docs = result.corpus.by_id()
    copies = {r.doc: r.kind for r in result.reprints}
    for i, d in enumerate(ds, 1):
        lines.append("")
        lines.append(
            f"{i}. {style(str(d.severity).upper(), str(d.severity))}  {escape_words(d.subject)}  "
            f"{style(escape_line(d.id), 'dim')}" + _marks(d)
        )
        lines.append(f"   {escape_words(plain(d, result))}")
        for p in d.positions:
            outlets = {c.doc for c in p.claims}
            lines.append(
                f"   {style('“' + escape_words(p.value) + '”', 'value')}  {sources_label(len(outlets), p.sources)}"
            )
            for c in p.claims[:MAX_CLAIMS]:
                doc = docs.get(c.doc)
                where = f"{escape_line(located(corpus_dir, doc) if doc else c.doc)}:{line(c.doc, c.start)}"
                who = [escape_words(doc.outlet if doc else c.doc)]
                if c.doc in copies:
                    who[0] += f" [{copies[c.doc]}]"
                if doc and doc.published_label:
                    who.append(doc.published_label)
                if c.text != p.value:
                    who.append(f"“{escape_words(c.text)}”")
                lines.append(f"     {style(where, 'dim')}  {', '.join(who)}")
            if len(p.claims) > MAX_CLAIMS:
                more = len(p.claims) - MAX_CLAIMS
                lines.append(f"     … and {plural(more, 'more claim')} (--format json lists every one)")
    notes = grouped_notices(result.notices)
    if notes:
        lines.append("")
        lines.extend(f"note: {escape_line(paths)}: {escape_words(message)}" for paths, message in notes)
    lines.append("")
    verdict, failing = _verdict(result, strict=strict, exit_zero=exit_zero, review_command=review_command)
    lines.append(style(verdict, "fail" if failing else "pass"))
    return guard_lines("\n".join(lines) + "\n")


def _marks(d: Discrepancy) -> str:
    marks = []
    if d.stale:
        marks.append("stale decision")
    elif d.status != Status.UNREVIEWED:
        marks.append(str(d.status))
    if d.possible_update:
        marks.append("possible update")
    return f"  ({'; '.join(marks)})" if marks else ""


def _verdict(result: Result, *, strict: bool, exit_zero: bool, review_command: str) -> tuple[str, bool]:
    """The closing line: what fails the check at its --fail-on, and what to do next."""
    floor = result.fail_on
    ds = result.discrepancies
    at_floor = [d for d in ds if SEVERITY_ORDER[d.severity] >= SEVERITY_ORDER[floor]]
    new = sum(d.status == Status.UNREVIEWED and not d.stale for d in at_floor)
    stale = sum(d.stale for d in (ds if strict else at_floor))
    command = escape_line(review_command or f"discrepancy review {shlex.quote(result.corpus.root)}")
    if result.exit_code(strict=strict):
        parts = [plural(new, "new discrepancy")] if new else []
        if stale:
            parts.append(plural(stale, "stale decision"))
        what = f"{' and '.join(parts)} at or above {floor}"
        them = "it" if new + stale == 1 else "them"
        if exit_zero:
            return f"{what} would fail this check (--exit-zero lets it pass); review {them} with `{command}`.", False
        return f"{what} {'fails' if new + stale == 1 else 'fail'} this check; review {them} with `{command}`.", True
    if not ds:
        return "No discrepancy: the check passes.", False
    below = sum(is_open(d) for d in ds)
    if below:
        them = "it" if below == 1 else "them"
        return (
            f"Nothing new at or above {floor}: the check passes "
            f"({plural(below, 'open discrepancy')} below it; review {them} with `{command}`).",
            False,
        )
    return "Every discrepancy is reviewed: the check passes.", False
