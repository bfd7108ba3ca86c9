"""Saved web pages: the article as trafilatura extracts it (an optional dependency, imported
lazily), and its metadata as the page declares it (pagemeta.py), else as trafilatura finds it."""

from __future__ import annotations

import datetime as dt

from ..models import Document, Notice
from .corpus import Skip
from .document import make_document
from .files import decode
from .pagemeta import page_metadata


def read_html(
    rel: str,
    data: bytes,
    notices: list[Notice],
    *,
    overrides: dict[str, str] | None = None,
    doc_id: str = "",
    today: dt.date | None = None,
) -> Document:
    """A saved web page: the article text as trafilatura extracts it (the page's own menus,
    footers, scripts and teasers left out). Offsets then index the extracted text. The metadata
    is the page's own (Open Graph and article tags, JSON-LD, the canonical link) where it gives
    it, else trafilatura's; a manifest overrides both. Skip when there is no article in it."""
    try:
        import trafilatura  # lazily, and optional: pip install "discrepancy[html]"
    except ImportError:
        raise Skip('reading HTML pages needs pip install "discrepancy[html]"') from None
    html = decode(data, rel, notices)
    try:
        found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    except (ValueError, TypeError, RecursionError, MemoryError) as exc:  # lxml gives up on some pages
        raise Skip(f"the HTML page could not be parsed ({type(exc).__name__})") from exc
    record = (found if isinstance(found, dict) or found is None else found.as_dict()) or {}
    text = record.get("text") or ""
    if not text.strip():
        raise Skip("no article text found in the HTML page")
    meta = {
        key: str(record[field])
        for key, field in (
            ("title", "title"),
            ("source", "sitename"),
            ("published", "date"),
            ("author", "author"),
            ("url", "url"),
        )
        if record.get(field)
    }
    meta.update(page_metadata(html))
    meta.update(overrides or {})
    return make_document(
        doc_id or rel.rsplit(".", 1)[0], text, path=rel, data=data, notices=notices, metadata=meta, today=today
    )
