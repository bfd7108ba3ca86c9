"""Read a corpus folder into Documents: decode, metadata, cleaning, sentences. The only reader."""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .dating import parse_published
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


MAX_ARTICLE_MB = 5.0  # one news article is < 0.2 MB; a bigger file is a log, a dump or a book
MANIFESTS = ("corpus.toml", "corpus.csv")  # per-document metadata at the corpus root
SKIPPED = "skipped: "


class Skip(Exception):
    """One input is unusable: it is left out with a notice, and the run goes on."""


def load_corpus(root: str | Path, *, ignore: tuple[str, ...] = (), max_article_mb: float = MAX_ARTICLE_MB) -> Corpus:
    """Read every article under root (sorted, subfolders included) into a Corpus; files
    matching an `ignore` glob (relative to root) are left out. A file that cannot be used is
    skipped with a notice; CorpusError (exit 2) only when nothing usable is left."""
    root = Path(root)
    if not root.exists():
        raise CorpusError(f"{root}: no such file or directory")
    limit = int(max_article_mb * 1_000_000)
    if root.is_file() and root.suffix.lower() in RECORD_SUFFIXES:
        return load_records(root, limit=limit)
    if not root.is_dir():
        raise CorpusError(
            f"{root}: not a directory; give the folder that holds the articles (or a .jsonl or .csv file)"
        )
    notices: list[Notice] = []
    manifest = read_manifest(root, notices)
    paths = [p for p in _article_paths(root, notices) if not _ignored(p.relative_to(root).as_posix(), ignore)]
    docs: list[Document] = []
    used: set[str] = set()
    for path in paths:
        rel = path.relative_to(root).as_posix()
        entry = manifest.get(rel) or manifest.get(rel.rsplit(".", 1)[0])
        used.update(k for k in (rel, rel.rsplit(".", 1)[0]) if k in manifest)
        try:
            doc = read_document(root, path, notices, overrides=entry, limit=limit)
        except Skip as why:
            notices.append(Notice(path=rel, message=SKIPPED + str(why)))
            continue
        if doc is not None and _usable(doc, notices):
            docs.append(doc)
    for key in sorted(set(manifest) - used):
        notices.append(Notice(path=key, message="listed in the manifest, but there is no such article; ignored"))
    if not docs:
        raise CorpusError(_nothing_usable(str(root), notices))
    return _corpus(root.name, docs, notices)


def _usable(doc: Document, notices: list[Notice]) -> bool:
    if doc.sentences:
        return True
    notices.append(Notice(path=doc.path, message=SKIPPED + "no article text left once page furniture was removed"))
    return False


def _nothing_usable(where: str, notices: list[Notice]) -> str:
    skipped = [n for n in notices if n.message.startswith(SKIPPED)]
    if not skipped:
        return f"{where}: no .txt, .md or .html articles found"
    first = skipped[0]
    more = f" (and {len(skipped) - 1} more skipped)" if len(skipped) > 1 else ""
    return f"{where}: no usable article: {first.path}: {first.message[len(SKIPPED) :]}{more}"


def _corpus(name: str, docs: list[Document], notices: list[Notice]) -> Corpus:
    if len(docs) == 1:
        notices.append(Notice(path=docs[0].path, message="only one article: nothing to compare it with"))
    return Corpus(root=name, documents=tuple(sorted(docs, key=lambda d: d.id)), notices=tuple(notices))


RECORD_SUFFIXES = (".jsonl", ".csv")
RECORD_FIELDS = ("id", "text", "title", "source", "published", "url", "author")
# One input record as read: a JSON object (any values) or a CSV row (strings; None for a short row).
Record = dict[str, Any]


def load_records(path: Path, *, limit: int = int(MAX_ARTICLE_MB * 1_000_000)) -> Corpus:
    """A corpus given as one file: JSON Lines or CSV with `id` and `text` (and optionally
    title, source, published, url, author). Offsets then index each record's `text`. A bad
    record is skipped with a notice; a file without the `id`/`text` columns is an error."""
    rel = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{rel}: cannot read file ({exc.strerror or exc})") from exc
    if is_binary(raw):
        raise CorpusError(f"{rel}: binary file, not JSON Lines or CSV text")
    notices: list[Notice] = []
    content = decode(raw, rel, notices)
    rows = _jsonl_rows(content, rel, notices) if path.suffix.lower() == ".jsonl" else _csv_rows(content, rel)
    docs: dict[str, Document] = {}
    for n, row in rows:
        where = f"{rel}#{n}"
        doc_id = str(row.get("id") or "").strip()
        text = row.get("text")
        if not doc_id or not isinstance(text, str):
            notices.append(
                Notice(path=where, message=SKIPPED + "the record needs a non-empty 'id' and a 'text' string")
            )
            continue
        if doc_id in docs:
            notices.append(Notice(path=where, message=SKIPPED + f"repeats the id {doc_id!r} of an earlier record"))
            continue
        if not text.strip():
            notices.append(Notice(path=where, message=SKIPPED + "empty text"))
            continue
        if len(text) > limit:
            notices.append(Notice(path=where, message=SKIPPED + _too_big(len(text), limit)))
            continue
        meta = {HEADER_KEYS[k]: str(row[k]) for k in ("title", "source", "published", "url", "author") if row.get(k)}
        unknown = sorted(set(row) - set(RECORD_FIELDS))
        if unknown and not docs:  # one notice per file, on its first record
            notices.append(Notice(path=rel, message=_unknown_keys("fields", unknown, RECORD_FIELDS)))
        doc = make_document(doc_id, text, path=f"{rel}#{doc_id}", metadata=meta, notices=notices)
        if _usable(doc, notices):
            docs[doc_id] = doc
    if not docs:
        raise CorpusError(_nothing_usable(rel, notices) if notices else f"{rel}: no records")
    return _corpus(path.stem, list(docs.values()), notices)


def _jsonl_rows(content: str, rel: str, notices: list[Notice]) -> list[tuple[int, Record]]:
    out: list[tuple[int, Record]] = []
    for n, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            why = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            notices.append(Notice(path=f"{rel}#{n}", message=SKIPPED + f"line {n} is not JSON ({why})"))
            continue
        if not isinstance(row, dict):
            notices.append(Notice(path=f"{rel}#{n}", message=SKIPPED + f"line {n} is not a JSON object"))
            continue
        out.append((n, row))
    return out


def _csv_rows(content: str, where: str, required: tuple[str, ...] = ("id", "text")) -> list[tuple[int, Record]]:
    """(line number, row) of a CSV table with lower-cased column names; CorpusError when a
    required column is missing or the CSV is broken."""
    import csv
    import io

    csv.field_size_limit(2**31 - 1)  # a long article is one cell; the size limit applies per record
    try:
        reader = csv.DictReader(io.StringIO(content, newline=""))
        fields = [f.strip().lower() for f in reader.fieldnames or []]
        missing = [f for f in required if f not in fields]
        if missing:
            raise CorpusError(f"{where}: no {missing[0]!r} column (columns: {', '.join(fields) or 'none'})")
        reader.fieldnames = fields
        return [(n, {k: v for k, v in row.items() if k is not None}) for n, row in enumerate(reader, 2)]
    except csv.Error as exc:
        raise CorpusError(f"{where}: not valid CSV ({exc})") from exc


def read_manifest(root: Path, notices: list[Notice]) -> dict[str, dict[str, str]]:
    """Per-document metadata from corpus.toml (a table per article path) or corpus.csv (a
    `path` column and metadata columns) at the corpus root; it overrides what the articles
    say of themselves. Unknown keys are ignored with a notice; an unreadable manifest is an
    error, as a silently ignored one would mislabel the sources."""
    present = [root / name for name in MANIFESTS if (root / name).is_file()]
    if not present:
        return {}
    if len(present) > 1:
        raise CorpusError(f"{root}: both {MANIFESTS[0]} and {MANIFESTS[1]}; keep one manifest")
    path = present[0]
    try:
        content = decode(path.read_bytes(), path.name, notices)
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read the manifest ({exc.strerror or exc})") from exc
    entries = _manifest_toml(content, path) if path.suffix == ".toml" else _manifest_csv(content, path)
    out: dict[str, dict[str, str]] = {}
    unknown: set[str] = set()
    for key, fields in entries.items():
        meta = {}
        for k, v in fields.items():
            name = HEADER_KEYS.get(str(k).strip().lower())
            if name is None:
                unknown.add(str(k))
            elif v not in (None, ""):
                meta[name] = v.isoformat() if isinstance(v, dt.date | dt.datetime) else str(v)
        out[key.strip().removeprefix("./")] = meta
    if unknown:
        notices.append(Notice(path=path.name, message=_unknown_keys("keys", sorted(unknown), HEADER_KEYS)))
    return out


def _manifest_toml(content: str, path: Path) -> dict[str, dict[str, Any]]:
    import tomllib

    try:
        data = tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        raise CorpusError(f"{path}: not valid TOML ({exc})") from exc
    for key, value in data.items():
        if not isinstance(value, dict):
            raise CorpusError(f'{path}: {key!r} is not a table; write ["article.txt"] and its keys under it')
    return data


def _manifest_csv(content: str, path: Path) -> dict[str, Record]:
    rows = (row for _, row in _csv_rows(content, str(path), required=("path",)))
    return {key: row for row in rows if (key := (row.pop("path") or "").strip())}


def _unknown_keys(what: str, keys: list[str], known: Iterable[str]) -> str:
    import difflib

    shown = []
    for key in keys[:5]:
        hint = difflib.get_close_matches(str(key).lower(), list(known), n=1)
        shown.append(f"{key!r} (did you mean {hint[0]!r}?)" if hint else repr(key))
    more = f" and {len(keys) - 5} more" if len(keys) > 5 else ""
    return f"unknown metadata {what} ignored: {', '.join(shown)}{more}"


def _ignored(rel: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel.rsplit("/", 1)[-1], p) for p in patterns)


def _identity(path: Path) -> tuple[int, int]:
    st = path.stat()  # follows symbolic links; raises OSError on a loop or a dangling link
    return st.st_dev, st.st_ino


def _article_paths(root: Path, notices: list[Notice]) -> list[Path]:
    """Article files under root, skipping hidden folders and nested corpora. Symbolic links
    are followed once: a link back to a folder already read (a loop) or a second path to one
    file is skipped with a notice."""
    found: list[Path] = []
    seen_dirs = {_identity(root)}
    seen_files: dict[tuple[int, int], str] = {}

    def unreadable(exc: OSError) -> None:
        rel = Path(exc.filename).relative_to(root).as_posix() if exc.filename else str(root)
        notices.append(Notice(path=rel, message=SKIPPED + f"cannot open the folder ({exc.strerror or exc})"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=unreadable):
        here = Path(dirpath)
        keep = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            rel = (here / d).relative_to(root).as_posix()
            try:
                ident = _identity(here / d)
            except OSError as exc:
                notices.append(Notice(path=rel, message=SKIPPED + f"cannot open the folder ({exc.strerror or exc})"))
                continue
            if ident in seen_dirs:
                notices.append(Notice(path=rel, message=SKIPPED + "a symbolic link to a folder already read (a loop)"))
                continue
            if (here / d / CORPUS_MARKER).is_file():
                notices.append(
                    Notice(path=rel, message=f"left out: {rel}/ has its own {CORPUS_MARKER} (a corpus of its own)")
                )
                continue
            seen_dirs.add(ident)
            keep.append(d)
        dirnames[:] = keep
        for f in sorted(filenames):
            if not f.lower().endswith(SUFFIXES) or f.startswith("."):
                continue
            rel = (here / f).relative_to(root).as_posix()
            if NOT_ARTICLES.fullmatch(f):
                notices.append(Notice(path=rel, message="left out: documentation, not an article"))
                continue
            file_ident: tuple[int, int] | None
            try:
                file_ident = _identity(here / f)
            except OSError:
                file_ident = None  # read_document says why it cannot be read
            if file_ident is not None and file_ident in seen_files:
                notices.append(
                    Notice(path=rel, message=SKIPPED + f"the same file as {seen_files[file_ident]} (a link)")
                )
                continue
            if file_ident is not None:
                seen_files[file_ident] = rel
            found.append(here / f)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")


def is_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, in the first 8 KiB: not a text file."""
    head = data[:8192]
    return b"\x00" in head or len(_CONTROL.findall(head)) > max(8, len(head) // 20)


def decode(data: bytes, rel: str, notices: list[Notice]) -> str:
    """Decode UTF-8 (BOM removed); fall back to Windows-1252 or Latin-1 with a notice."""
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


def _too_big(size: int, limit: int) -> str:
    return f"{size / 1e6:.1f} MB, over the {limit / 1e6:g} MB limit for one article (setting max-article-mb)"


def read_document(
    root: Path,
    path: Path,
    notices: list[Notice],
    *,
    overrides: dict[str, str] | None = None,
    limit: int = int(MAX_ARTICLE_MB * 1_000_000),
) -> Document | None:
    """Read and clean one article file; Skip when it cannot be used."""
    rel = path.relative_to(root).as_posix()
    try:
        size = path.stat().st_size
        if size > limit:
            raise Skip(_too_big(size, limit))
        data = path.read_bytes()
    except OSError as exc:
        raise Skip(f"cannot read the file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise Skip("empty file")
    if is_binary(data):
        raise Skip("binary file, not text")
    if path.suffix.lower() in HTML_SUFFIXES:
        return read_html(rel, data, notices, overrides=overrides)
    text = decode(data, rel, notices)
    return make_document(rel.rsplit(".", 1)[0], text, path=rel, data=data, notices=notices, overrides=overrides)


def read_html(rel: str, data: bytes, notices: list[Notice], *, overrides: dict[str, str] | None = None) -> Document:
    """A saved web page: the article text and its metadata as trafilatura extracts them (the
    page's own menus, footers, scripts and teasers left out). Offsets then index the extracted
    text. Skip when there is no article in it."""
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
    meta.update(overrides or {})
    return make_document(rel.rsplit(".", 1)[0], text, path=rel, data=data, notices=notices, metadata=meta)


def make_document(
    doc_id: str,
    text: str,
    *,
    path: str = "",
    data: bytes | None = None,
    notices: list[Notice] | None = None,
    metadata: dict[str, str] | None = None,
    overrides: dict[str, str] | None = None,
) -> Document:
    """Build a Document from decoded text: metadata (from the text, unless given; `overrides`
    from a manifest win), cleaning, sentences."""
    notices = notices if notices is not None else []
    rel = path or doc_id
    meta, body_start = (metadata, 0) if metadata is not None else parse_metadata(text, rel, notices)
    if overrides:
        meta = {**meta, **overrides}
    published = _published(meta.get("published", ""), rel, notices)
    blocks = clean(text, body_start, furniture())
    sentences: list[Sentence] = []
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
        published=published[0] if published else None,
        published_time=published[1] if published else None,
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
        if m is None or key not in HEADER_KEYS:
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
    unknown = []
    for key, value in data.items():
        k = HEADER_KEYS.get(str(key).strip().lower())
        if k is None:
            unknown.append(str(key))
        elif value is not None:
            meta.setdefault(k, value.isoformat() if isinstance(value, dt.date) else str(value))
    if unknown:
        notices.append(Notice(path=rel, message=_unknown_keys("keys", unknown, HEADER_KEYS)))
    return meta


def _published(value: str, rel: str, notices: list[Notice]) -> tuple[dt.date, dt.time | None] | None:
    """The publication date (and time) of the metadata; a date that is not a real one, or is
    after today, is ignored with a notice (it would misplace every "yesterday")."""
    if not value:
        return None
    found = parse_published(value)
    if found is None:
        notices.append(Notice(path=rel, message=f"publication date {value!r} is not a valid date; ignored"))
        return None
    if found[0] > dt.date.today() + dt.timedelta(days=1):  # a day's grace for time zones
        notices.append(Notice(path=rel, message=f"publication date {value!r} is in the future; ignored"))
        return None
    return found


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
