"""Corpora given as records: one JSON Lines or CSV file of articles, and the manifest
(corpus.toml or corpus.csv) that gives a folder's articles their metadata."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from ..errors import CorpusError
from ..generated import generated_format, generated_notice
from ..models import Corpus, Document, Notice
from .corpus import MAX_ARTICLE_MB, SKIPPED, make_corpus, nothing_usable, too_big, usable
from .document import HEADER_KEYS, make_document, unknown_keys
from .files import decode, is_binary

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
    if fmt := generated_format(content):
        raise CorpusError(f"{rel}: {generated_notice(fmt)}; give the articles (a .jsonl or .csv file, or a folder)")
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
            notices.append(Notice(path=where, message=SKIPPED + too_big(len(text), limit)))
            continue
        meta = {HEADER_KEYS[k]: str(row[k]) for k in ("title", "source", "published", "url", "author") if row.get(k)}
        unknown = sorted(set(row) - set(RECORD_FIELDS))
        if unknown and not docs:  # one notice per file, on its first record
            notices.append(Notice(path=rel, message=unknown_keys("fields", unknown, RECORD_FIELDS)))
        doc = make_document(doc_id, text, path=f"{rel}#{doc_id}", metadata=meta, notices=notices)
        if usable(doc, notices):
            docs[doc_id] = doc
    if not docs:
        raise CorpusError(nothing_usable(rel, notices) if notices else f"{rel}: no records")
    return make_corpus(path.stem, list(docs.values()), notices)


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


MANIFESTS = ("corpus.toml", "corpus.csv")  # per-document metadata at the corpus root


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
        notices.append(Notice(path=path.name, message=unknown_keys("keys", sorted(unknown), HEADER_KEYS)))
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
