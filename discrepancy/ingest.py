"""Read a corpus folder into Documents: decode, metadata, cleaning, sentences. The only reader."""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import json
import os
import re
from pathlib import Path

from .errors import CorpusError
from .lexicon import Furniture, furniture
from .models import Block, Corpus, Document, Notice, Sentence
from .text import split_sentences

SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
# Files that document a folder rather than report the story.
NOT_ARTICLES = re.compile(r"(readme|license|licence|changelog|contributing)(\.[\w.]+)?", re.IGNORECASE)
CORPUS_MARKER = "discrepancy.toml"  # a subfolder holding one is a corpus of its own, skipped
HEADER_KEYS = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "outlet": "source",
    "publisher": "source",
    "date": "published",
    "published": "published",
    "url": "url",
    "link": "url",
    "author": "author",
    "byline": "author",
}
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z _-]*):[ \t]*(.*)")
_BLOCK = re.compile(r"[^\r\n]+")


def load_corpus(root: str | Path, *, ignore: tuple[str, ...] = ()) -> Corpus:
    """Read every article under root (sorted, subfolders included) into a Corpus; files
    matching an `ignore` glob (relative to root) are left out."""
    root = Path(root)
    if not root.exists():
        raise CorpusError(f"{root}: no such file or directory")
    if root.is_file() and root.suffix.lower() in RECORD_SUFFIXES:
        return load_records(root)
    if not root.is_dir():
        raise CorpusError(
            f"{root}: not a directory; give the folder that holds the articles (or a .jsonl or .csv file)"
        )
    notices: list[Notice] = []
    paths = [p for p in _article_paths(root, notices) if not _ignored(p.relative_to(root).as_posix(), ignore)]
    docs = [doc for path in paths if (doc := read_document(root, path, notices)) is not None]
    if not docs:
        raise CorpusError(f"{root}: no .txt, .md or .html articles found")
    return _corpus(root.name, docs, notices)


def _corpus(name: str, docs: list[Document], notices: list[Notice]) -> Corpus:
    if len(docs) == 1:
        notices.append(Notice(path=docs[0].path, message="only one article: nothing to compare it with"))
    return Corpus(root=name, documents=tuple(sorted(docs, key=lambda d: d.id)), notices=tuple(notices))


RECORD_SUFFIXES = (".jsonl", ".csv")
RECORD_FIELDS = ("id", "text", "title", "source", "published", "url", "author")


def load_records(path: Path) -> Corpus:
    """A corpus given as one file: JSON Lines or CSV with `id` and `text` (and optionally
    title, source, published, url, author). Offsets then index each record's `text`."""
    rel = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{rel}: cannot read file ({exc.strerror or exc})") from exc
    notices: list[Notice] = []
    content = decode(raw, rel, notices)
    rows = _jsonl_rows(content, rel) if path.suffix.lower() == ".jsonl" else _csv_rows(content, rel)
    docs: dict[str, Document] = {}
    for n, row in rows:
        doc_id = str(row.get("id") or "").strip()
        text = row.get("text")
        if not doc_id or not isinstance(text, str):
            raise CorpusError(f"{rel}: record {n} needs a non-empty 'id' and a 'text' string")
        if doc_id in docs:
            raise CorpusError(f"{rel}: record {n} repeats the id {doc_id!r}")
        meta = {HEADER_KEYS[k]: str(row[k]) for k in ("title", "source", "published", "url", "author") if row.get(k)}
        docs[doc_id] = make_document(doc_id, text, path=f"{rel}#{doc_id}", metadata=meta, notices=notices)
    if not docs:
        raise CorpusError(f"{rel}: no records")
    return _corpus(path.stem, list(docs.values()), notices)


def _jsonl_rows(content: str, rel: str) -> list[tuple[int, dict]]:
    out = []
    for n, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{rel}: line {n} is not JSON ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise CorpusError(f"{rel}: line {n} is not a JSON object")
        out.append((n, row))
    return out


def _csv_rows(content: str, rel: str) -> list[tuple[int, dict]]:
    import csv
    import io

    reader = csv.DictReader(io.StringIO(content, newline=""))
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    missing = [f for f in ("id", "text") if f not in fields]
    if missing:
        raise CorpusError(f"{rel}: no {missing[0]!r} column (columns: {', '.join(fields) or 'none'})")
    reader.fieldnames = fields
    return [(n, row) for n, row in enumerate(reader, 2)]


def _ignored(rel: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel.rsplit("/", 1)[-1], p) for p in patterns)


def _article_paths(root: Path, notices: list[Notice]) -> list[Path]:
    """Article files under root, skipping hidden folders and nested corpora."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        keep = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            if (here / d / CORPUS_MARKER).is_file():
                rel = (here / d).relative_to(root).as_posix()
                notices.append(Notice(path=rel, message=f"skipped: {rel}/ has its own {CORPUS_MARKER}"))
                continue
            keep.append(d)
        dirnames[:] = keep
        for f in sorted(filenames):
            if not f.lower().endswith(SUFFIXES) or f.startswith("."):
                continue
            if NOT_ARTICLES.fullmatch(f):
                rel = (here / f).relative_to(root).as_posix()
                notices.append(Notice(path=rel, message="skipped: documentation, not an article"))
                continue
            found.append(here / f)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def decode(data: bytes, rel: str, notices: list[Notice]) -> str:
    """Decode UTF-8 (BOM removed); fall back to Windows-1252 or Latin-1 with a notice."""
    if b"\x00" in data[:8192]:
        raise CorpusError(f"{rel}: binary file (NUL bytes); remove it or convert it to text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        for enc in ("cp1252", "latin-1"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            notices.append(Notice(path=rel, message=f"not valid UTF-8 (byte {exc.start}); decoded as {enc}"))
            return text
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def read_document(root: Path, path: Path, notices: list[Notice]) -> Document | None:
    """Read and clean one article file."""
    rel = path.relative_to(root).as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{rel}: cannot read file ({exc.strerror or exc})") from exc
    if path.suffix.lower() in HTML_SUFFIXES:
        return read_html(rel, data, notices)
    text = decode(data, rel, notices)
    return make_document(rel.rsplit(".", 1)[0], text, path=rel, data=data, notices=notices)


def read_html(rel: str, data: bytes, notices: list[Notice]) -> Document | None:
    """A saved web page: the article text and its metadata as trafilatura extracts them (the
    page's own menus, footers and teasers left out). Offsets then index the extracted text."""
    try:
        import trafilatura  # lazily, and optional: pip install "discrepancy[html]"
    except ImportError:
        notices.append(Notice(path=rel, message='skipped: reading HTML pages needs pip install "discrepancy[html]"'))
        return None
    html = decode(data, rel, notices)
    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    record = found if isinstance(found, dict) or found is None else found.as_dict()
    text = (record or {}).get("text") or ""
    if not text.strip():
        notices.append(Notice(path=rel, message="skipped: no article text found in the HTML page"))
        return None
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
    doc = make_document(rel.rsplit(".", 1)[0], text, path=rel, data=data, notices=notices, metadata=meta)
    return doc


def make_document(
    doc_id: str,
    text: str,
    *,
    path: str = "",
    data: bytes | None = None,
    notices: list[Notice] | None = None,
    metadata: dict[str, str] | None = None,
) -> Document:
    """Build a Document from decoded text: metadata (from the text, unless given), cleaning,
    sentences."""
    notices = notices if notices is not None else []
    rel = path or doc_id
    meta, body_start = (metadata, 0) if metadata is not None else parse_metadata(text, rel, notices)
    blocks = clean(text, body_start, furniture())
    sentences = []
    for bi, block in enumerate(blocks):
        if not block.kept:
            continue
        for s, e in split_sentences(text, block.start, block.end):
            sentences.append(Sentence(doc=doc_id, index=len(sentences), block=bi, start=s, end=e, text=text[s:e]))
    return Document(
        id=doc_id,
        path=rel,
        text=text,
        sha256=hashlib.sha256(data if data is not None else text.encode("utf-8")).hexdigest(),
        title=meta.get("title", ""),
        source=meta.get("source", ""),
        published=_published(meta.get("published", ""), rel, notices),
        author=meta.get("author", ""),
        url=meta.get("url", ""),
        blocks=tuple(blocks),
        sentences=tuple(sentences),
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
        key = m.group(1).strip().lower() if m else ""
        if key not in HEADER_KEYS:
            break
        meta[HEADER_KEYS[key]] = m.group(2).strip()
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
    for key, value in data.items():
        k = HEADER_KEYS.get(str(key).strip().lower())
        if k and value is not None:
            meta.setdefault(k, value.isoformat() if isinstance(value, dt.date) else str(value))
    return meta


def _published(value: str, rel: str, notices: list[Notice]) -> dt.date | None:
    if not value:
        return None
    from .extract.dates import parse_published

    date = parse_published(value)
    if date is None:
        notices.append(Notice(path=rel, message=f"publication date {value!r} not understood; ignored"))
    return date


def clean(text: str, body_start: int, patterns: Furniture) -> list[Block]:
    """Split the body into line blocks and mark furniture and repeated paragraphs as removed."""
    blocks: list[Block] = []
    seen: set[str] = set()
    cut = False
    for m in _BLOCK.finditer(text, body_start):
        start, end = m.span()
        line = m.group().strip()
        if not line:
            continue
        while text[start].isspace():
            start += 1
        end = start + len(line)
        if cut:
            blocks.append(Block(start=start, end=end, kept=False, reason="furniture: after the end of the article"))
            continue
        reason = furniture_reason(line, patterns)
        if reason.startswith("cut:"):
            cut = True
            reason = "furniture: " + reason[4:]
        if not reason:
            key = re.sub(r"\W+", " ", line.lower()).strip()
            if len(key) > 40 and key in seen:
                reason = "repeated paragraph"
            seen.add(key)
        blocks.append(Block(start=start, end=end, kept=not reason, reason=reason))
    return blocks


def furniture_reason(line: str, patterns: Furniture) -> str:
    """Why a line is page furniture ("" when it is article text)."""
    for name, pat in patterns.cut:
        if pat.fullmatch(line):
            return f"cut:{name.replace('_', ' ')}"
    for name, pat in patterns.line:
        if pat.fullmatch(line):
            return f"furniture: {name.replace('_', ' ')}"
    if len(line.split()) <= patterns.caption_max_words and not re.search(r"[.!?:\"”’]$", line):
        for pat in patterns.caption:
            if pat.search(line):
                return "furniture: photo caption"
    return ""
