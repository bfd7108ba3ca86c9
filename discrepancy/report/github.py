"""GitHub Actions output: workflow-command annotations, and a Markdown job summary.

`render` prints one `::error`, `::warning` or `::notice` command per discrepancy still open
(never reviewed, or whose decision went stale), at its first claim. GitHub shows at most
10 annotations of each level per step, so at most 10 of each are printed and one closing
`::notice::` says how many more were left out; when that closing notice is needed, at most 9
discrepancy notices are printed so that it is itself shown. Reviewed discrepancies are not
annotated. Nothing to annotate gives an empty string.

`job_summary` is GitHub-flavoured Markdown for `$GITHUB_STEP_SUMMARY`, kept under GitHub's
1 MiB limit for one step's summary.
"""

from __future__ import annotations

from collections import Counter

from ..models import Discrepancy, Result, Severity, Status
from ..safe import code, escape_line, escape_words, md
from .common import LineIndex, artifact_path, grouped_notices, is_open, located

LEVELS = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "notice"}
MAX_PER_LEVEL = 10
SUMMARY_LIMIT = 1024 * 1024  # GitHub refuses a step summary over 1 MiB
SUMMARY_BUDGET = SUMMARY_LIMIT - 16 * 1024  # room for the closing lines
MAX_CELL = 300  # characters of one side of a discrepancy in the summary table


def escape_data(text: str) -> str:
    """Escape a workflow command's message (line breaks as GitHub decodes them; any other
    control character, or one that steers a terminal, as a visible escape)."""
    return escape_line(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props: object) -> str:
    """One workflow command line (without the newline)."""
    head = f"::{level}"
    if props:
        head += " " + ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"{head}::{escape_data(message)}"


def _annotation(d: Discrepancy, result: Result, corpus_dir: str, indexes: dict[str, LineIndex]) -> str:
    level = LEVELS.get(d.severity, "warning")
    title = f"{d.kind}: {d.subject}"
    claim = next((c for p in d.positions for c in p.claims), None)
    docs = result.corpus.by_id()
    if claim is None or claim.doc not in docs:
        return command(level, d.summary, title=title)
    doc = docs[claim.doc]
    if doc.id not in indexes:
        indexes[doc.id] = LineIndex.of(doc)
    region = indexes[doc.id].region(claim.start, claim.end)
    return command(
        level,
        d.summary,
        file=located(corpus_dir, doc),
        line=region["startLine"],
        col=region["startColumn"],
        endLine=region["endLine"],
        endColumn=region["endColumn"],
        title=title,
    )


def render(result: Result, *, corpus_dir: str = "") -> str:
    """Workflow commands annotating the open discrepancies."""
    todo = [d for d in result.discrepancies if is_open(d)]
    by_level = Counter(LEVELS.get(d.severity, "warning") for d in todo)
    overflow = any(by_level[lv] > MAX_PER_LEVEL for lv in ("error", "warning", "notice"))
    caps = {"error": MAX_PER_LEVEL, "warning": MAX_PER_LEVEL, "notice": MAX_PER_LEVEL}
    if overflow:
        caps["notice"] = MAX_PER_LEVEL - 1  # keep a place for the closing notice
    shown: Counter[str] = Counter()
    lines = []
    indexes: dict[str, LineIndex] = {}
    for d in todo:
        level = LEVELS.get(d.severity, "warning")
        if shown[level] >= caps[level]:
            continue
        shown[level] += 1
        lines.append(_annotation(d, result, corpus_dir, indexes))
    left = len(todo) - sum(shown.values())
    if left:
        parts = [
            f"{by_level[lv] - shown[lv]} {lv}" for lv in ("error", "warning", "notice") if by_level[lv] > shown[lv]
        ]
        lines.append(
            command(
                "notice",
                f"{left} more unreviewed discrepanc{'y was' if left == 1 else 'ies were'} not "
                f"annotated ({', '.join(parts)}): GitHub shows at most {MAX_PER_LEVEL} annotations "
                "of each level per step. See the job summary or the full report.",
                title="discrepancy: more not annotated",
            )
        )
    if result.notices:  # plain log lines in a collapsed group; "note: " keeps them from reading as commands
        lines.append("::group::discrepancy: processing notes")
        lines.extend(
            f"note: {escape_words(paths)}: {escape_words(message)}"
            for paths, message in grouped_notices(result.notices)
        )
        lines.append("::endgroup::")
    return "".join(line + "\n" for line in lines)


def _cell(text: str, limit: int = MAX_CELL) -> str:
    """Article text made safe for one Markdown table cell, cut to `limit` characters."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return md(text)


def _sides(d: Discrepancy, outlets: dict[str, str], most: int = 5) -> str:
    sides = []
    for p in d.positions[:most]:
        names = sorted({outlets.get(c.doc, c.doc) for c in p.claims})
        shown = ", ".join(names[:5]) + (f" +{len(names) - 5} more" if len(names) > 5 else "")
        sides.append(f"“{_cell(p.value, 120)}” ({_cell(shown, 160)})")
    more = f" vs {len(d.positions) - most} more" if len(d.positions) > most else ""
    return " vs ".join(sides) + more


def job_summary(result: Result, *, corpus_dir: str = "") -> str:
    """GitHub-flavoured Markdown for $GITHUB_STEP_SUMMARY."""
    ds = result.discrepancies
    todo = [d for d in ds if is_open(d)]
    where = artifact_path(corpus_dir, "").rstrip("/") or result.corpus.root  # "" -> root name
    out = [f"## discrepancy: {_cell(where)}", ""]
    n = len(ds)
    out.append(
        f"{len(result.corpus.documents)} articles compared; "
        f"**{n} discrepanc{'y' if n == 1 else 'ies'}**, **{len(todo)} to review**."
    )
    out.append("")
    if n:
        sev = Counter(str(d.severity) for d in ds)
        open_sev = Counter(str(d.severity) for d in todo)
        out += ["| severity | found | to review |", "| --- | ---: | ---: |"]
        out += [f"| {s} | {sev[s]} | {open_sev[s]} |" for s in Severity if sev[s]]
        out.append("")
        status = Counter(str(d.status) for d in ds)
        stale = sum(1 for d in ds if d.stale)
        out += ["| status | count |", "| --- | ---: |"]
        out += [f"| {s} | {status[s]} |" for s in Status if status[s]]
        if stale:
            out.append(f"| stale decision | {stale} |")
        out.append("")
    if todo:
        outlets = {doc.id: doc.outlet for doc in result.corpus.documents}
        out += ["### To review", ""]
        out += ["| id | kind | severity | subject | sides |", "| --- | --- | --- | --- | --- |"]
        size = sum(len(line.encode()) + 1 for line in out)
        for i, d in enumerate(todo):
            stale_mark = " (stale decision)" if d.stale else ""
            row = f"| {code(d.id, cell=True)} | {md(d.kind)} | {d.severity}{stale_mark} | {_cell(d.subject)} | {_sides(d, outlets)} |"
            row_size = len(row.encode()) + 1
            if size + row_size > SUMMARY_BUDGET:
                out.append("")
                out.append(
                    f"… and {len(todo) - i} more not shown (GitHub limits a job summary to 1 MiB); see the full report."
                )
                break
            out.append(row)
            size += row_size
        out.append("")
    elif n:
        out += ["Every discrepancy has been reviewed.", ""]
    else:
        out += ["No discrepancies found.", ""]
    if result.notices:
        out += ["### Processing notes", ""]
        out.extend(f"- {code(paths)}: {_cell(message)}" for paths, message in grouped_notices(result.notices)[:20])
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
