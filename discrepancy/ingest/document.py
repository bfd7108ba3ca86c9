"""Decoded text -> Document: metadata (front matter or header lines, unless given), the
publication date, cleaning and sentences."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable

from ..dating import parse_published
from ..lexicon import furniture
from ..models import Block, Document, Notice, Sentence
from ..text import BOUNDS, MAX_SENTENCE, Bounds, Budget, bounded, split_sentences
from .cleaning import clean, sentences

# The names metadata goes by in header lines, front matter, manifests, JSON Lines fields and CSV
# columns, in order of preference per field. Case, spaces, dashes and underscores do not count
# ("Published at", "published_at" and "publishedAt" are one name).
FIELD_NAMES = {
    "title": ("title", "headline"),
    "source": (
        "source", "outlet", "publisher", "publication", "site", "site_name", "source_name", "source_domain",
        "newspaper",
    ),
    "published": (
        "published", "date", "published_at", "publish_date", "pubdate", "pub_date", "date_published",
        "published_date", "publication_date", "date_publish", "datetime",
    ),
    "url": ("url", "link", "permalink", "canonical_url", "source_url", "article_url"),
    "author": ("author", "authors", "byline", "writer"),
}  # fmt: skip
HEADER_KEYS = {name: field for field, names in FIELD_NAMES.items() for name in names}


def name_key(name: object) -> str:
    """A field or column name as compared: lower case, letters and digits only."""
    return re.sub(r"[\W_]+", "", str(name).lower())


_FIELD_OF = {name_key(name): field for name, field in HEADER_KEYS.items()}


def metadata_field(name: object) -> str | None:
    """The metadata field a key or column name stands for ("Published At" -> "published")."""
    return _FIELD_OF.get(name_key(name))


_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z _-]*):[ \t]*(.*)")


def make_document(
    doc_id: str,
    text: str,
    *,
    path: str = "",
    data: bytes | None = None,
    notices: list[Notice] | None = None,
    metadata: dict[str, str] | None = None,
    overrides: dict[str, str] | None = None,
    today: dt.date | None = None,
    bounds: Bounds = BOUNDS,
) -> Document:
    """Build a Document from decoded text: metadata (from the text, unless given; `overrides`
    from a manifest win), cleaning, sentences. `today` is the day the run reads the article on
    (relative publication dates and the future-date cut-off; default: the current date);
    `bounds` is how much of it is read for facts (a notice says where a bound cut)."""
    notices = notices if notices is not None else []
    rel = path or doc_id
    meta, body_start = (metadata, 0) if metadata is not None else parse_metadata(text, rel, notices)
    if overrides:
        meta = {**meta, **overrides}
    published = _published(meta.get("published", ""), rel, notices, today or dt.date.today())
    blocks = clean(text, body_start, furniture())
    cut: list[tuple[int, int]] = []
    budget = Budget(bounds)
    body = sentences(doc_id, text, blocks, cut, budget)
    headline = title_span(text, body_start, meta.get("title", "")) if metadata is None else None
    if headline is not None and not budget.spent and not _repeated(text, headline, blocks):
        blocks.append(Block(start=headline[0], end=headline[1], kept=True))
        body += [
            Sentence(
                doc=doc_id,
                index=len(body) + i,
                block=len(blocks) - 1,
                start=hs,
                end=he,
                text=text[hs:he],
                headline=True,
            )
            for i, (hs, he) in enumerate(
                p
                for span in split_sentences(text, *headline)
                for p in bounded(text, *span)
                if budget.take(text[p[0] : p[1]], p[0])
            )
        ]
        cut += [span for span in split_sentences(text, *headline) if span[1] - span[0] > MAX_SENTENCE]
    if cut:
        notices.append(Notice(path=rel, message=long_sentences(text, cut)))
    if budget.spent:
        notices.append(Notice(path=rel, message=not_read(text, budget)))
    return Document(
        id=doc_id,
        path=rel,
        text=text,
        sha256=hashlib.sha256(data if data is not None else text.encode("utf-8")).hexdigest(),
        title=meta.get("title", ""),
        source=meta.get("source", ""),
        published=published[0] if published else None,
        published_time=published[1] if published else None,
        author=meta.get("author", ""),
        url=meta.get("url", ""),
        blocks=tuple(blocks),
        sentences=tuple(body),
    )


def long_sentences(text: str, cut: list[tuple[int, int]]) -> str:
    """The notice for sentences read in pieces: how many, the longest, and where the first is."""
    first = min(cut)[0]
    line = text.count("\n", 0, first) + 1
    longest = max(e - s for s, e in cut)
    many = f"{len(cut):,} sentences" if len(cut) > 1 else "a sentence"
    return (
        f"{many} longer than {MAX_SENTENCE:,} characters (the longest {longest:,}, the first at line {line})"
        f" read in pieces of at most {MAX_SENTENCE:,}: a fact across a cut is not read"
    )


def not_read(text: str, budget: Budget) -> str:
    """The notice for an article cut by its bounds: which bound, and where the rest starts."""
    line = text.count("\n", 0, budget.at) + 1
    share = 100 * (len(text) - budget.at) // len(text)
    return (
        f"the article holds {budget.spent}: read up to line {line}; the rest ({share}% of the text)"
        " is not read for facts"
    )


# The headline is read as text: it often carries the figure that differs ("Ferry sinking: 21
# dead" over a body saying 33). Its sentences come after the body's (see models.Sentence) and
# cite the characters of the title line itself. Only a title written in the file (a `Title:` or
# `Headline:` header line, or a `title:` key of front matter) is read: a title given apart from
# the text (JSON Lines or CSV field, a saved page's metadata, a manifest) has no characters in
# the text to cite, so it stays metadata.
_TITLE_LINE = re.compile(r"^[ \t]*(?:title|headline)[ \t]*:[ \t]*(.*?)[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)


def title_span(text: str, body_start: int, title: str) -> tuple[int, int] | None:
    """Where the title is written in the header (start, end), or None when it is not there."""
    if not title.strip():
        return None
    for m in _TITLE_LINE.finditer(text, 0, body_start):
        start, end = m.span(1)
        if end - start >= 2 and text[start] == text[end - 1] and text[start] in "'\"":
            start, end = start + 1, end - 1  # a quoted YAML value
        if text[start:end] == title.strip():
            return start, end
    return None


def _repeated(text: str, span: tuple[int, int], blocks: list[Block]) -> bool:
    """Whether the body repeats the headline as a line of its own (its facts are read there)."""
    key = re.sub(r"\W+", " ", text[span[0] : span[1]].lower()).strip()
    most = 2 * (span[1] - span[0]) + 8  # a longer line is not the headline: not normalized at all
    return any(
        re.sub(r"\W+", " ", text[b.start : b.end].lower()).strip() == key
        for b in blocks
        if b.kept and b.end - b.start <= most
    )


def parse_metadata(text: str, rel: str, notices: list[Notice]) -> tuple[dict[str, str], int]:
    """Metadata from YAML front matter or top header lines; returns it and where the body starts."""
    if text.startswith("---"):
        m = re.match(r"---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(\r?\n|$)", text, re.DOTALL)
        if m:
            return _front_matter(m.group(1), rel, notices), m.end()
        notices.append(Notice(path=rel, message="front matter opened with '---' is never closed; read as text"))
        return {}, 0
    meta: dict[str, str] = {}
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if not stripped:
            if meta:
                pos += len(line)
            break
        m = _HEADER_LINE.fullmatch(stripped)
        field = metadata_field(m.group(1)) if m else None
        if m is None or field is None:
            break
        meta[field] = m.group(2).strip()
        pos += len(line)
    return (meta, pos) if meta else ({}, 0)


def _front_matter(block: str, rel: str, notices: list[Notice]) -> dict[str, str]:
    import yaml  # lazily: only documents with front matter need it

    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "parse error"
        notices.append(Notice(path=rel, message=f"malformed front matter ignored ({first})"))
        return {}
    if not isinstance(data, dict):
        notices.append(Notice(path=rel, message="front matter is not a mapping; ignored"))
        return {}
    meta: dict[str, str] = {}
    unknown = []
    for key, value in data.items():
        k = metadata_field(key)
        if k is None:
            unknown.append(str(key))
        elif value is not None:
            meta.setdefault(k, value.isoformat() if isinstance(value, dt.date) else str(value))
    if unknown:
        notices.append(Notice(path=rel, message=unknown_keys("keys", unknown, HEADER_KEYS)))
    return meta


def _published(value: str, rel: str, notices: list[Notice], today: dt.date) -> tuple[dt.date, dt.time | None] | None:
    """The publication date (and time) of the metadata; a date that is not a real one, or is
    after the run's `today`, is ignored with a notice (it would misplace every "yesterday")."""
    if not value:
        return None
    found = parse_published(value, today)
    if found is None:
        notices.append(Notice(path=rel, message=f"publication date {value!r} is not a valid date; ignored"))
        return None
    if found[0] > today + dt.timedelta(days=1):  # a day's grace for time zones
        notices.append(Notice(path=rel, message=f"publication date {value!r} is in the future; ignored"))
        return None
    return found


def unknown_keys(what: str, keys: list[str], known: Iterable[str]) -> str:
    """The notice for unknown metadata keys, with the nearest known key as a hint."""
    import difflib

    shown = []
    for key in keys[:5]:
        hint = difflib.get_close_matches(str(key).lower(), list(known), n=1)
        shown.append(f"{key!r} (did you mean {hint[0]!r}?)" if hint else repr(key))
    more = f" and {len(keys) - 5} more" if len(keys) > 5 else ""
    return f"unknown metadata {what} ignored: {', '.join(shown)}{more}"
