"""Corpora given as records: one JSON Lines or CSV file of articles, and the manifest
(corpus.toml or corpus.csv) that gives a folder's articles their metadata."""

from __future__ import annotations

import datetime as dt
import json
import re
from bisect import bisect_right
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import CorpusError
from ..generated import generated_format, generated_notice
from ..models import Corpus, Document, Notice, RecordPlace
from ..safe import escape_line
from .corpus import MAX_ARTICLE_MB, SKIPPED, make_corpus, nothing_usable, too_big, usable
from .document import FIELD_NAMES, HEADER_KEYS, make_document, metadata_field, name_key, unknown_keys
from .files import decode, is_binary

RECORD_SUFFIXES = (".jsonl", ".csv")
# The names users' tables give the id and the body, in order of preference (case, spaces, dashes
# and underscores aside); the metadata fields go by document.FIELD_NAMES.
COLUMN_NAMES = {
    "id": ("id", "doc_id", "document_id", "article_id", "uid", "guid"),
    "text": ("text", "body", "content", "article", "article_text", "full_text", "body_text", "maintext", "story"),
    **FIELD_NAMES,
}
RECORD_FIELDS = tuple(COLUMN_NAMES)  # id, text, title, source, published, url, author
_FIELD_OF = {name_key(name): field for field, names in COLUMN_NAMES.items() for name in names}
_READ_AS = {
    "id": "the id", "text": "the body", "title": "the headline", "source": "the outlet",
    "published": "the publication date", "url": "the URL", "author": "the author",
}  # fmt: skip
# A JSON escape of a surrogate (paired or not: json.loads joins a pair into one character, so
# what _LONE finds in the values read is lone).
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_LINE_BREAK = re.compile(r"\r\n?|\n")  # as editors and CI systems count lines
_LONE = re.compile("[\ud800-\udfff]")
LONE_SURROGATE = "a lone surrogate escape (\\ud800-\\udfff) read as U+FFFD"
# One input record as read: a JSON object (any values) or a CSV row (strings; None for a short row).
Record = dict[str, Any]


def read_columns(names: list[str]) -> dict[str, str]:
    """Which column is read as each field (field -> column as named in the file): for each
    field, the column with its most preferred name; a column is read as one field at most."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(name_key(name), name)
    out: dict[str, str] = {}
    for field, aliases in COLUMN_NAMES.items():
        found = next((by_key[k] for k in map(name_key, aliases) if k in by_key), None)
        if found is not None and found not in out.values():
            out[field] = found
    return out


def load_records(path: Path, *, limit: int = int(MAX_ARTICLE_MB * 1_000_000)) -> Corpus:
    """A corpus given as one file: JSON Lines or CSV with the article's body (a `text`, `body`,
    `content` or `article` column) and optionally its id, headline, outlet, publication date,
    URL and author under the names users give them (COLUMN_NAMES); a notice says how columns
    with other names than the fields' were read. Without an id, an article is named by its line
    number. Offsets index each record's body. A bad record is skipped with a notice; a file with
    no body column is an error naming the columns found."""
    rel = escape_line(path.name)  # shown in reports, never opened again
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
    jsonl = path.suffix.lower() == ".jsonl"
    columns, rows = _jsonl_rows(content, rel, notices) if jsonl else _csv_rows(content, rel)
    what = "field" if jsonl else "column"
    has_body = any("text" in read_columns(list(row)) for _, row in rows) if jsonl else "text" in read_columns(columns)
    body = ", ".join(repr(n) for n in COLUMN_NAMES["text"][:4])
    if (rows or not jsonl) and not has_body:
        raise CorpusError(f"{rel}: no body {what} (named {body} ...); {what}s: {', '.join(columns) or 'none'}")
    width = len(str(rows[-1][0])) if rows else 1
    places = _Places(content, rel, jsonl)
    read: dict[str, str] = {}  # column -> field, over all records
    docs: dict[str, Document] = {}
    for n, row in rows:
        where = f"{rel}#{n}"
        fields = read_columns(list(row))
        read.update({column: field for field, column in fields.items()})
        doc_id = str(row[fields["id"]] or "").strip() if "id" in fields else f"line-{n:0{width}d}"
        text = row.get(fields.get("text", ""))
        if not doc_id or not isinstance(text, str):
            why = f"needs a non-empty {fields['id']!r}" if not doc_id else f"has no body: no string in a {body} {what}"
            notices.append(Notice(path=where, message=SKIPPED + f"the record {why}"))
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
        meta = {f: v for f, column in fields.items() if f not in ("id", "text") and (v := _value(row[column]))}
        doc = make_document(doc_id, text, path=f"{rel}#{doc_id}", metadata=meta, notices=notices)
        doc = replace(doc, record=places(n, fields["text"], text))
        if usable(doc, notices):
            docs[doc_id] = doc
    if not docs:
        raise CorpusError(nothing_usable(rel, notices) if notices else f"{rel}: no records")
    notices[:0] = _columns_notices(rel, what, columns, read)
    return make_corpus(path.stem, list(docs.values()), notices)


def _columns_notices(rel: str, what: str, columns: list[str], read: dict[str, str]) -> list[Notice]:
    """How the columns were read (those named otherwise than their field), and which were not."""
    out = []
    renamed = [(c, f) for c, f in read.items() if c != f]
    if renamed:
        renamed.sort(key=lambda cf: RECORD_FIELDS.index(cf[1]))
        said = "; ".join(f"{c!r} {'read ' if i == 0 else ''}as {_READ_AS[f]}" for i, (c, f) in enumerate(renamed))
        out.append(Notice(path=rel, message=f"{what} {said}"))
    if "id" not in read.values():
        out.append(Notice(path=rel, message=f"no id {what}: each article is named by its line number (line-N)"))
    column_of = {f: c for c, f in read.items()}
    unknown = []
    for c in (c for c in columns if c not in read):
        field = _FIELD_OF.get(name_key(c))
        if field is None:
            unknown.append(c)
        elif field in column_of:  # a second name for a field read from another column
            out.append(
                Notice(path=rel, message=f"{what} {c!r} not read: {column_of[field]!r} is read as {_READ_AS[field]}")
            )
    if unknown:
        out.append(
            Notice(path=rel, message=unknown_keys(f"{what}s", unknown, [n for ns in COLUMN_NAMES.values() for n in ns]))
        )
    return out


def _value(value: Any) -> str:
    """A metadata value as text: a list (of authors) joined, an object by its name."""
    if isinstance(value, list):
        return ", ".join(v for v in map(_value, value) if v)
    if isinstance(value, dict):
        return _value(value.get("name", ""))
    return "" if value is None else str(value).strip()


def _jsonl_rows(content: str, rel: str, notices: list[Notice]) -> tuple[list[str], list[tuple[int, Record]]]:
    """The keys of the records (in order of appearance), and (line number, record)."""
    out: list[tuple[int, Record]] = []
    keys: dict[str, None] = {}
    for n, line in enumerate(_LINE_BREAK.split(content), 1):  # not str.splitlines: U+2028 may be in a string
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if _SURROGATE.search(line) and (fixed := _no_surrogates(row)) != row:
                row = fixed
                notices.append(Notice(path=f"{rel}#{n}", message=f"line {n}: {LONE_SURROGATE}"))
        except (json.JSONDecodeError, RecursionError) as exc:
            why = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            notices.append(Notice(path=f"{rel}#{n}", message=SKIPPED + f"line {n} is not JSON ({why})"))
            continue
        if not isinstance(row, dict):
            notices.append(Notice(path=f"{rel}#{n}", message=SKIPPED + f"line {n} is not a JSON object"))
            continue
        keys.update(dict.fromkeys(map(str, row)))
        out.append((n, row))
    return list(keys), out


def _no_surrogates(value: Any) -> Any:
    """A JSON value with each lone surrogate (a "\\ud800" escape with no pair, which no
    report could write) replaced by U+FFFD: one character for one, so offsets hold."""
    if isinstance(value, str):
        return _LONE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_no_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_no_surrogates(k): _no_surrogates(v) for k, v in value.items()}
    return value


class _Places:
    """Where each record's text is in its file: the line and column where it starts."""

    def __init__(self, content: str, name: str, jsonl: bool) -> None:
        self.content, self.name, self.jsonl = content, name, jsonl
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(content)]  # offset of each line

    def __call__(self, line: int, column: str, text: str) -> RecordPlace:
        """The place of `text`, the value of `column` in the record starting on `line`."""
        start = self.starts[line - 1]
        if self.jsonl:  # the value is on the record's line, after its key
            end = self.starts[line] if line < len(self.starts) else len(self.content)
            key = re.compile(re.escape(json.dumps(column, ensure_ascii=False)) + r'\s*:\s*"')
            found = key.search(self.content, start, end)
            return RecordPlace(file=self.name, line=line, column=found.end() - start + 1 if found else 1, one_line=True)
        at = self.content.find(text.replace('"', '""'), start)  # a quoted cell doubles its quotes
        if at < 0:
            return RecordPlace(file=self.name, line=line, column=1, one_line=False)
        line = bisect_right(self.starts, at)
        return RecordPlace(file=self.name, line=line, column=at - self.starts[line - 1] + 1, one_line=False)


def _csv_rows(content: str, where: str) -> tuple[list[str], list[tuple[int, Record]]]:
    """The column names (stripped) of a CSV table, and (line number where the row starts, row);
    CorpusError when the CSV is broken."""
    import csv
    import io

    csv.field_size_limit(2**31 - 1)  # a long article is one cell; the size limit applies per record
    try:
        reader = csv.DictReader(io.StringIO(content, newline=""))
        fields = [f.strip() for f in reader.fieldnames or []]
        reader.fieldnames = fields
        rows = []
        line = reader.line_num + 1
        for row in reader:
            rows.append((line, {k: v for k, v in row.items() if k is not None}))
            line = reader.line_num + 1
        return fields, rows
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
            name = metadata_field(k)
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
    columns, rows = _csv_rows(content, str(path))
    column = next((c for c in columns if name_key(c) == "path"), None)
    if column is None:
        raise CorpusError(f"{path}: no 'path' column (columns: {', '.join(columns) or 'none'})")
    return {key: row for _, row in rows if (key := (row.pop(column) or "").strip())}
