"""The interactive review: a walk through unreviewed and stale discrepancies in a terminal.
Each decision is saved the moment it is taken, so Ctrl-C loses nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from .models import Decision, Discrepancy, Result, Status
from .report.common import plural
from .report.diff import word_diff
from .review import decide, record
from .safe import escape_line, escape_words

KEYS = {"c": Status.CONFIRMED, "d": Status.DISMISSED, "e": Status.EXPLAINED}
PROMPT = "[c]onfirm  [d]ismiss  [e]xplain  [s]kip  [b]ack  [q]uit"


def show(d: Discrepancy, result: Result, n: int, total: int) -> str:
    """The discrepancy as the reviewer sees it: every position, its outlets, the evidence
    sentences with the value marked, and for quotes the differing words."""
    docs = result.corpus.by_id()
    lines = [
        click.style(f"[{n}/{total}] {escape_words(d.subject)}", bold=True)
        + f"  ({d.kind}, {d.severity}, {escape_line(d.id)})",
        escape_words(d.summary),
    ]
    if d.stale:
        lines.append(click.style(f"earlier decision is stale: {escape_words(d.note)}", fg="yellow"))
    if result.kind_info(d.kind).wording and len(d.positions) >= 2:
        marked = []
        for tag, a, b in word_diff(escape_words(d.positions[0].value), escape_words(d.positions[1].value)):
            if tag == "equal":
                marked.append(a)
            else:
                if a:
                    marked.append(click.style(f"[-{a}-]", fg="red"))
                if b:
                    marked.append(click.style(f"{{+{b}+}}", fg="green"))
        lines.append("differs: " + " ".join(marked))
    for i, p in enumerate(d.positions, 1):
        outlets = sorted({escape_words(docs[c.doc].outlet) for c in p.claims})
        lines.append(
            click.style(f"  {i}. “{escape_words(p.value)}”", bold=True)
            + f"  {plural(len(outlets), 'source')}: {', '.join(outlets[:8])}"
        )
        for c in p.claims[:3]:
            sentence, text = escape_words(c.sentence), escape_words(c.text)
            lines.append(f"     {escape_line(c.doc)}: " + sentence.replace(text, click.style(text, reverse=True), 1))
        if len(p.claims) > 3:
            lines.append(f"     … and {plural(len(p.claims) - 3, 'more claim')}")
    return "\n".join(lines)


def walk(
    result: Result, path: Path, *, reviewer: str, date: str,
    read_key: Callable[[], str], read_note: Callable[[str], str], echo: Callable[[str], None],
) -> list[Decision]:  # fmt: skip
    """Go through the items needing review; returns the decisions taken (already saved)."""
    todo = [d for d in result.discrepancies if d.status == Status.UNREVIEWED or d.stale]
    taken: list[Decision] = []
    i = 0
    if not todo:
        echo("Nothing to review: every discrepancy has a current decision.")
    while 0 <= i < len(todo):
        d = todo[i]
        echo(show(d, result, i + 1, len(todo)))
        echo(PROMPT)
        key = read_key().strip().lower()[:1]
        if key == "q":
            break
        if key == "s":
            i += 1
            continue
        if key == "b":
            i = max(0, i - 1)
            continue
        if key not in KEYS:
            echo(f"unknown key {key!r}")
            continue
        status = KEYS[key]
        note = read_note(f"note for {status}" + (" (required)" if status != Status.CONFIRMED else " (optional)"))
        if status != Status.CONFIRMED and not note.strip():
            echo("a note is required to dismiss or explain")
            continue
        decision = decide(d, status, note=note, reviewer=reviewer, date=date)
        record(path, [decision])
        taken.append(decision)
        echo(f"saved: {escape_line(d.id)} {status}")
        i += 1
    return taken
