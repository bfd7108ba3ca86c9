"""PDF and DOCX articles: their text as pypdf and python-docx extract it (the optional extra
`pip install "discrepancy[documents]"`, imported lazily, only here).

The extracted text is the Document's text: offsets index it, and `text[start:end] == raw` holds
as for any article. It is then read like a .txt article (header lines such as `Source:` and
`Date:`, or front matter, give the metadata). The files' own properties are not read: a PDF's
title is often the name of the program or the file, and a DOCX's author the account that saved it.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from ..models import Document, Notice
from .corpus import Skip
from .document import make_document

DOCUMENT_SUFFIXES = (".pdf", ".docx")
EXTRA = 'pip install "discrepancy[documents]"'
# A PDF or DOCX carries fonts, images and layout besides its text: a file this many times the
# article size limit is still read, and the limit then applies to the text extracted.
SIZE_FACTOR = 10

# PDF text comes as layout lines, one paragraph wrapped over several. A line runs on into the
# next when the next starts in lower case, or when it is nearly as long as the page's longest
# line (wrapped by the layout) and does not end a sentence. A short line (a headline, a dateline,
# the last line of a paragraph) ends its paragraph.
WRAPPED = 0.7
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’)]$")


def read_office(
    rel: str,
    data: bytes,
    notices: list[Notice],
    *,
    overrides: dict[str, str] | None,
    limit: int,
    doc_id: str = "",
    today: dt.date | None = None,
) -> Document:
    """A PDF or DOCX article read into a Document; Skip when the extra is missing, the file is
    broken or encrypted, or it has no text (a scan)."""
    kind = "PDF" if rel.lower().endswith(".pdf") else "DOCX"
    text = _pdf_text(data) if kind == "PDF" else _docx_text(data)
    if not text.strip():
        raise Skip(f"no text in the {kind} file (a scanned page is an image; the tool does not read text in images)")
    if len(text) > limit:
        raise Skip(
            f"{len(text) / 1e6:.1f} MB of text, over the {limit / 1e6:g} MB limit for one article (setting max-article-mb)"
        )
    return make_document(
        doc_id or rel.rsplit(".", 1)[0], text, path=rel, data=data, notices=notices, overrides=overrides, today=today
    )


def _pdf_text(data: bytes) -> str:
    try:
        from pypdf import PdfReader
    except ImportError:
        raise Skip(f"reading PDF articles needs {EXTRA}") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise Skip("the PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except Skip:
        raise
    except Exception as exc:  # a parser of untrusted bytes fails in many ways; each means "cannot read"
        raise Skip(f"the PDF could not be read ({type(exc).__name__})") from exc
    return "\n\n".join(p for p in (unwrap(page) for page in pages) if p)


def _docx_text(data: bytes) -> str:
    try:
        import docx
    except ImportError:
        raise Skip(f"reading DOCX articles needs {EXTRA}") from None
    try:
        paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    except Exception as exc:  # a zip of XML from any program: each failure means "cannot read"
        raise Skip(f"the DOCX file could not be read ({type(exc).__name__})") from exc
    return "\n".join(p.replace("\r", "").strip() for p in paragraphs).strip()


def unwrap(page: str) -> str:
    """A PDF page's layout lines joined into paragraphs, one a line (see WRAPPED)."""
    lines = [" ".join(line.split()) for line in page.splitlines()]
    widest = max((len(line) for line in lines), default=0)
    out: list[str] = []
    for line in lines:
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        prev = out[-1] if out else ""
        runs_on = bool(prev) and (
            line[0].islower() or (len(prev) >= WRAPPED * widest and not _ENDS_SENTENCE.search(prev))
        )
        if not runs_on:
            out.append(line)
        elif prev.endswith("-") and prev[-2:-1].isalpha() and line[0].islower():
            out[-1] = prev + line  # a word broken at the line's end: the hyphen is kept ("well-known")
        else:
            out[-1] = prev + " " + line
    return "\n".join(out).strip()
