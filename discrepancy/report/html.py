"""The HTML report: one self-contained page for people.

Inline CSS only; no external assets, fonts or scripts; readable with JavaScript off and
printable, readable 400 px wide. A small static inline script adds filtering of discrepancies by
kind, severity and status; no content depends on it. Every piece of article text and metadata
goes through `html.escape` and is only ever placed as text or as a quoted attribute value; no tag
is built from article text. Links point to an anchor in the page, or to an article's own http(s)
URL from its metadata (`rel="noopener noreferrer"`). Output is deterministic.

This module is the page: its head, the sections in order (the findings before the long tables)
and the processing notes. Each section
is a module of `htmlpage/`; the stylesheet and the script are package data in `assets/`, read once
and inlined.
"""

from __future__ import annotations

from importlib import resources

from ..generated import HTML_MARK
from ..models import Result
from .common import grouped_notices, title
from .htmlpage import articles, discrepancies, facts, header, reviewui, timeline
from .htmlpage.discrepancies import MAX_CLAIMS
from .htmlpage.markup import anchor_part, conflict_spans, disc_anchor, doc_anchor, e, span_anchor
from .htmlpage.timeline import fact_day


def _asset(name: str) -> str:
    """A static asset's text, as inlined after the line break that opens its element."""
    return "\n" + (resources.files("discrepancy.report") / "assets" / name).read_text("utf-8")


CSS = _asset("report.css")
SCRIPT = _asset("report.js")


def render(result: Result, *, review_token: str = "") -> str:
    """The HTML report text; with a review token, the page served by `discrepancy review --web`
    (the review controls and the token their requests carry; see htmlpage/reviewui.py)."""
    docs = result.corpus.by_id()
    conflict = conflict_spans(result)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        HTML_MARK,
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title(result))}</title>",
        f"<style>{CSS}</style>",
        reviewui.head(review_token),
        "</head>",
        "<body>",
        header.section(result),
        discrepancies.section(result, docs),
        header.sources(result),
        facts.section(result),
        timeline.section(result, conflict),
        articles.section(result),
        _notices(result),
        f"<script>{SCRIPT}</script>",
        reviewui.tail(review_token),
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _notices(result: Result) -> str:
    if not result.notices:
        return ""
    items = "".join(
        f"<li><code>{e(paths)}</code>: {e(message)}</li>" for paths, message in grouped_notices(result.notices)
    )
    return f'<footer id="notes"><h2>Processing notes</h2><ul>{items}</ul></footer>'


__all__ = [
    "CSS",
    "MAX_CLAIMS",
    "SCRIPT",
    "anchor_part",
    "disc_anchor",
    "doc_anchor",
    "e",
    "fact_day",
    "render",
    "span_anchor",
]
