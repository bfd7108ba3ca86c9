"""Escaping and in-page anchors, shared by the HTML report's sections.

Every piece of article text and metadata goes through `e` and is only ever placed as text or as a
quoted attribute value; anchors are made safe for id attributes and URL fragments; the only
links out are articles' own http(s) URLs, made safe by `common.safe_url`.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import defaultdict
from functools import lru_cache

from ...models import Discrepancy, Document, Result
from ..common import safe_url

_SAFE_ID = re.compile(r"[A-Za-z0-9_-]+")


def e(value: object) -> str:
    """Escape text for HTML content and quoted attribute values."""
    return _escaped(value if type(value) is str else str(value))


# A report escapes the same strings again and again (an outlet's name in every row, the values
# of a fact table of a thousand columns, copies of one article): 160,000 calls for a thousand
# articles, a tenth of the distinct strings. The cache holds short strings only.
ESCAPED_CACHE = 16384
_SHORT = 300


def _escaped(text: str) -> str:
    return _cached(text) if len(text) <= _SHORT else html.escape(text, quote=True)


@lru_cache(maxsize=ESCAPED_CACHE)
def _cached(text: str) -> str:
    return html.escape(text, quote=True)


def external(doc: Document, label: str = "article ↗") -> str:
    """A link to the article's own page when its metadata gives an http(s) URL; "" otherwise."""
    url = safe_url(doc.url)
    if not url:
        return ""
    return f' <a class="ext" href="{e(url)}" rel="noopener noreferrer nofollow">{e(label)}</a>'


def anchor_part(value: str) -> str:
    """A document or discrepancy id made safe for an id attribute and a URL fragment."""
    if _SAFE_ID.fullmatch(value):
        return value
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "_", value)
    return f"{cleaned}_{hashlib.sha256(value.encode('utf-8')).hexdigest()[:8]}"


def doc_anchor(doc: str) -> str:
    return f"doc-{anchor_part(doc)}"


def span_anchor(doc: str, start: int) -> str:
    return f"doc-{anchor_part(doc)}-{start}"


def disc_anchor(d: Discrepancy) -> str:
    return f"d-{anchor_part(d.id)}"


def conflict_spans(result: Result) -> dict[tuple[str, int], list[Discrepancy]]:
    """(doc, start) of every claim -> the discrepancies citing it, in report order."""
    spans: dict[tuple[str, int], list[Discrepancy]] = defaultdict(list)
    for d in result.discrepancies:
        for p in d.positions:
            for c in p.claims:
                if d not in spans[(c.doc, c.start)]:
                    spans[(c.doc, c.start)].append(d)
    return spans
