"""Helpers shared by the renderers, so that no renderer imports another: notices grouped for
people, outlet and source labels, open discrepancies, and file/line/column locations of claims
(SARIF, JUnit and GitHub place each claim by file, line and column, relative to `corpus_dir`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from ..models import Discrepancy, Notice, Result, Status


def grouped_notices(notices: tuple[Notice, ...], *, show: int = 3) -> list[tuple[str, str]]:
    """(paths, message) lines for people: one line per distinct message, in order of first
    appearance, naming at most `show` paths ("a.txt, b.txt, c.txt and 19,997 more"), so that
    20,000 empty files make one line, not 20,000. The JSON report keeps every notice."""
    by_message: dict[str, list[str]] = {}
    for n in notices:
        by_message.setdefault(n.message, []).append(n.path)
    out = []
    for message, paths in by_message.items():
        shown = ", ".join(paths[:show])
        if len(paths) > show:
            shown += f" and {len(paths) - show:,} more"
        out.append((shown, message))
    return out


def outlet_names(doc_ids: Iterable[str], result: Result) -> list[str]:
    """Sorted outlet names of some documents; a reprint or rewrite is marked as such."""
    docs = result.corpus.by_id()
    copies = {r.doc: r.kind for r in result.reprints}
    return sorted({(docs[i].outlet if i in docs else i) + (f" [{copies[i]}]" if i in copies else "") for i in doc_ids})


def sources_label(n_outlets: int, n_sources: int) -> str:
    """ "3 sources", or "3 outlets, 1 independent source" when some copy another."""
    if n_sources and n_sources < n_outlets:
        return f"{n_outlets} outlets, {n_sources} independent source{'' if n_sources == 1 else 's'}"
    return f"{n_outlets} source{'' if n_outlets == 1 else 's'}"


def is_open(d: Discrepancy) -> bool:
    """Still needs an editor: never reviewed, or its decision went stale."""
    return d.status == Status.UNREVIEWED or d.stale


def artifact_path(corpus_dir: str, path: str) -> str:
    """A document's path relative to the repository root, "/" separated."""
    prefix = corpus_dir.replace("\\", "/").rstrip("/")
    while prefix.startswith("./"):
        prefix = prefix[2:]
    if prefix in ("", "."):
        return path
    return f"{prefix}/{path}"


class LineIndex:
    """Character offsets of one text to 1-based (line, column) pairs."""

    __slots__ = ("_newlines", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._newlines = [i for i, ch in enumerate(text) if ch == "\n"]

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column of the character at `offset` (or of the gap before it)."""
        text = self._text
        offset = max(0, min(offset, len(text)))
        # In "\r\n" the "\r" belongs to the line break: a position on the "\n" is moved back.
        if 0 < offset < len(text) and text[offset] == "\n" and text[offset - 1] == "\r":
            offset -= 1
        i = bisect_left(self._newlines, offset)  # line breaks strictly before offset
        line_start = self._newlines[i - 1] + 1 if i else 0
        return i + 1, offset - line_start + 1

    def region(self, start: int, end: int) -> dict[str, int]:
        """A SARIF region: start of the span, and the column just after its last character."""
        start_line, start_col = self.position(start)
        end_line, end_col = self.position(max(start, end))
        return {
            "startLine": start_line,
            "startColumn": start_col,
            "endLine": end_line,
            "endColumn": end_col,
        }
