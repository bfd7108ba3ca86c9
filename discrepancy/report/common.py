"""Helpers shared by the renderers, so that no renderer imports another: notices grouped for
people, outlet and source labels, plurals, the order findings are read in, open discrepancies,
safe links, and file/line/column locations of claims (SARIF, JUnit and GitHub place each claim by
file, line and column, relative to `corpus_dir`; the reports for people give file:line).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from urllib.parse import quote

from ..models import SEVERITY_ORDER, Discrepancy, Document, Notice, RecordPlace, Result, Severity, Status

# Words whose plural is not the word + "s".
_PLURALS = {"discrepancy": "discrepancies", "copy": "copies", "this": "these"}


def plural(n: int, words: str) -> str:
    """ "1 document", "2 documents", "1,000 new discrepancies": a count and its words, the last
    one agreed with the count."""
    if n == 1:
        return f"{n:,} {words}"
    head, _, last = words.rpartition(" ")
    return f"{n:,} {head + ' ' if head else ''}{_PLURALS.get(last, last + 's')}"


def title(result: Result) -> str:
    """The report's title: the corpus's `title` setting or --title, else one naming the corpus."""
    return result.title or f"Consistency report: {result.corpus.root}"


def in_reading_order(result: Result) -> list[Discrepancy]:
    """The discrepancies as people read them: high severity first, then by kind (the order the
    kinds are declared in), then as the run listed them."""
    kinds = [k.name for k in result.kinds]

    def rank(d: Discrepancy) -> tuple[int, int]:
        return (-SEVERITY_ORDER[d.severity], kinds.index(d.kind) if d.kind in kinds else len(kinds))

    return sorted(result.discrepancies, key=rank)


def plain(d: Discrepancy, result: Result) -> str:
    """What kind of disagreement it is, in one line of plain words."""
    return d.plain or result.kind_info(d.kind).rule


def severity_counts(ds: Iterable[Discrepancy]) -> str:
    """ "2 high, 5 medium, 1 low" (severities that occur, highest first)."""
    counts = {s: 0 for s in (Severity.HIGH, Severity.MEDIUM, Severity.LOW)}
    for d in ds:
        counts[d.severity] += 1
    return ", ".join(f"{n:,} {s}" for s, n in counts.items() if n)


_RECORD_FILES = (".jsonl", ".csv")  # a corpus given as one file of records (as ingest reads them)
_BREAK = re.compile(r"\r\n?|\n")
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*", re.IGNORECASE)


def safe_url(url: str) -> str:
    """An article's URL fit for a link (http or https only, characters that could end a link
    or an attribute percent-encoded), or "" when it is not one."""
    url = url.strip()
    if not _URL.fullmatch(url):
        return ""
    return quote(url, safe="/:?#[]@!$&*+,;=%~.-_")


def line_finder(result: Result) -> Callable[[str, int], int]:
    """A function giving the 1-based line of an offset in a document, in the file that holds
    it (line indexes built once per document, when first asked)."""
    docs = result.corpus.by_id()
    indexes: dict[str, LineIndex] = {}

    def line(doc_id: str, offset: int) -> int:
        if doc_id not in indexes:
            indexes[doc_id] = LineIndex.of(docs[doc_id]) if doc_id in docs else LineIndex("")
        return indexes[doc_id].position(offset)[0]

    return line


def file_of(doc: Document) -> str:
    """The path of the file holding a document, relative to the corpus: for a record of a
    JSON Lines or CSV corpus, that file (whose path as given is the corpus itself)."""
    return doc.record.file if doc.record else doc.path


def located(corpus_dir: str, doc: Document) -> str:
    """The path of the file holding a document relative to the repository root, as CI systems
    place findings."""
    return in_repo(corpus_dir, file_of(doc))


def in_repo(corpus_dir: str, path: str) -> str:
    """A path relative to the corpus (a document's or a notice's) relative to the repository
    root; when the corpus is one JSON Lines or CSV file, that file stands for its records
    ("x.jsonl#12") and for itself."""
    given = corpus_dir.replace("\\", "/").rstrip("/")
    name = given.rsplit("/", 1)[-1]
    if name.lower().endswith(_RECORD_FILES) and (path == name or path.startswith(name + "#")):
        return artifact_path(given, "").rstrip("/")
    return artifact_path(corpus_dir, path)


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
        return f"{plural(n_outlets, 'outlet')}, {plural(n_sources, 'independent source')}"
    return plural(n_outlets, "source")


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
    """Character offsets of one text to 1-based (line, column) pairs. A line ends at "\\n",
    "\\r\\n" or a lone "\\r" (old Mac files), as editors and GitHub count them. For a record of
    a JSON Lines or CSV file (`of`), positions are in that file."""

    __slots__ = ("_breaks", "_place", "_text")

    def __init__(self, text: str, place: RecordPlace | None = None) -> None:
        self._text = text
        self._place = place
        # the last character of each line break (the "\n" of "\r\n")
        self._breaks = [] if place and place.one_line else [m.end() - 1 for m in _BREAK.finditer(text)]

    @classmethod
    def of(cls, doc: Document) -> LineIndex:
        """The index of a document's text, placing offsets in the file that holds it."""
        return cls(doc.text, doc.record)

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column of the character at `offset` (or of the gap before it)."""
        text = self._text
        offset = max(0, min(offset, len(text)))
        # In "\r\n" the "\r" belongs to the line break: a position on the "\n" is moved back.
        if 0 < offset < len(text) and text[offset] == "\n" and text[offset - 1] == "\r":
            offset -= 1
        i = bisect_left(self._breaks, offset)  # line breaks strictly before offset
        line_start = self._breaks[i - 1] + 1 if i else 0
        line, column = i + 1, offset - line_start + 1
        place = self._place
        if place is None:
            return line, column
        if place.one_line:  # escaped in the file: every offset is on the record's line, at its text
            return place.line, place.column
        return place.line + line - 1, column + (place.column - 1 if line == 1 else 0)

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
