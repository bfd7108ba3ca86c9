"""Read a corpus folder into Documents: decode, metadata, cleaning, sentences. The only reader.

The package, by concern: this module reads a corpus (`load_corpus`) and one article file
(`read_document`); files.py finds the article files under a folder and decodes their bytes;
records.py reads corpora given as one JSON Lines or CSV file, and manifests; pages.py reads saved
web pages through trafilatura (pagemeta.py reads their metadata tags); documents.py reads PDF and
DOCX articles through pypdf and python-docx; document.py turns decoded text into a Document (metadata,
publication date, the headline's sentences); cleaning.py sets page furniture and repeats aside
and splits sentences; language.py tells articles not in English; corpus.py holds what the
readers share (the size limit, skip notices, articles not usable or not in English, the Corpus).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from pathlib import Path

from ..errors import CorpusError
from ..factcache import FactCache
from ..generated import generated_format, generated_notice
from ..memory import FileRead, Memory
from ..models import Corpus, Document, Notice
from . import files
from .cleaning import clean, furniture_reason
from .corpus import MAX_ARTICLE_MB, SKIPPED, Skip, make_corpus, nothing_usable, too_big, usable
from .document import HEADER_KEYS, make_document, parse_metadata
from .documents import DOCUMENT_SUFFIXES, SIZE_FACTOR, read_office
from .files import (
    CORPUS_MARKER,
    HTML_SUFFIXES,
    NOT_ARTICLES,
    SUFFIXES,
    article_paths,
    decode,
    document_ids,
    ignored,
    is_binary,
    settled,
    signature,
)
from .readcache import ReadCache, read_cache
from .records import MANIFESTS, RECORD_FIELDS, RECORD_SUFFIXES, Record, load_records, read_manifest


def load_corpus(
    root: str | Path,
    *,
    ignore: tuple[str, ...] = (),
    max_article_mb: float = MAX_ARTICLE_MB,
    output: tuple[Path, ...] = (),
    today: dt.date | None = None,
    cache: FactCache | None = None,
    memory: Memory | None = None,
) -> Corpus:
    """Read every article under root (sorted, subfolders included) into a Corpus; files
    matching an `ignore` glob (relative to root) are left out, and so are the files and folders
    this run writes its reports to (`output`) and any report the tool wrote before. A file that
    cannot be used is skipped with a notice; CorpusError (exit 2) only when nothing usable is
    left. `today` is the day the corpus is read on (relative publication dates, the future-date
    cut-off): default the current date, read once here and recorded in the Corpus. With a
    `cache` that names the reading code (FactCache.reader), an article whose text it read before
    is not cleaned and split again (readcache.py), nor one this process read before when given
    the `memory` it kept (memory.py)."""
    root = Path(root)
    today = today or dt.date.today()
    if not root.exists():
        raise CorpusError(f"{root}: no such file or directory")
    limit = int(max_article_mb * 1_000_000)
    if root.is_file() and root.suffix.lower() in RECORD_SUFFIXES:
        return load_records(root, limit=limit, today=today)
    if not root.is_dir():
        raise CorpusError(
            f"{root}: not a directory; give the folder that holds the articles (or a .jsonl or .csv file)"
        )
    notices: list[Notice] = []
    manifest = read_manifest(root, notices)
    started = time.time_ns()  # before any file is looked at: see files.settled
    listed = [(rel, info) for rel, info in article_paths(root, notices, output=output) if not ignored(rel, ignore)]
    docs: list[Document] = []
    used: set[str] = set()
    ids = document_ids([rel for rel, _ in listed])
    top = os.fspath(root)
    with read_cache(cache, memory) as reads:
        for rel, info in listed:
            entry = manifest.get(rel) or manifest.get(rel.rsplit(".", 1)[0])
            used.update(k for k in (rel, rel.rsplit(".", 1)[0]) if k in manifest)
            path = os.path.join(top, rel)
            # what reading the file depends on besides its bytes
            known = (path, rel, ids[rel], tuple(sorted(entry.items())) if entry else (), today, limit)
            kept = memory.files.get(known) if memory is not None and info is not None else None
            if kept is not None and info is not None and kept.signature == signature(info):
                notices.extend(kept.notices)  # unchanged since this process read it: not read again
                docs.append(kept.document)
                continue
            before = len(notices)
            try:
                doc = _read(
                    path, rel, info, notices, overrides=entry, limit=limit, doc_id=ids[rel], today=today, reads=reads
                )
            except Skip as why:
                notices.append(Notice(path=rel, message=SKIPPED + str(why)))
                continue
            if doc is not None and usable(doc, notices):
                docs.append(doc)
                if memory is not None and info is not None and settled(info, started):
                    memory.files.put(
                        known, FileRead(signature=signature(info), document=doc, notices=tuple(notices[before:]))
                    )
    for key in sorted(set(manifest) - used):
        notices.append(Notice(path=key, message="listed in the manifest, but there is no such article; ignored"))
    if not docs:
        raise CorpusError(nothing_usable(str(root), notices))
    return make_corpus(root.name, docs, notices, today=today)


def read_document(
    root: Path,
    path: Path,
    notices: list[Notice],
    *,
    overrides: dict[str, str] | None = None,
    limit: int = int(MAX_ARTICLE_MB * 1_000_000),
    doc_id: str = "",
    today: dt.date | None = None,
    reads: ReadCache | None = None,
) -> Document | None:
    """Read and clean one article file; Skip when it cannot be used. Its id is `doc_id` (see
    files.document_ids), by default its path without the suffix. A text article found in
    `reads` (readcache.py) is not cleaned again."""
    rel = path.relative_to(root).as_posix()
    return _read(
        os.fspath(path), rel, None, notices, overrides=overrides, limit=limit, doc_id=doc_id, today=today, reads=reads
    )


def _read(
    path: str,
    rel: str,
    info: os.stat_result | None,
    notices: list[Notice],
    *,
    overrides: dict[str, str] | None,
    limit: int,
    doc_id: str,
    today: dt.date | None,
    reads: ReadCache | None,
) -> Document | None:
    """read_document of the file at `path` (`rel` from the root), of which os.stat said `info`
    while the corpus was listed (None: it is asked here)."""
    doc_id = doc_id or rel.rsplit(".", 1)[0]
    suffix = os.path.splitext(rel)[1].lower()
    office = suffix in DOCUMENT_SUFFIXES
    try:
        size = (info or os.stat(path)).st_size
        if size > limit * (SIZE_FACTOR if office else 1):
            raise Skip(too_big(size, limit * (SIZE_FACTOR if office else 1)))
        data = files.read_file(path)
    except OSError as exc:
        raise Skip(f"cannot read the file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise Skip("empty file")
    if office:
        return read_office(rel, data, notices, overrides=overrides, limit=limit, doc_id=doc_id, today=today)
    if is_binary(data):
        raise Skip("binary file, not text")
    if fmt := generated_format(data.decode("utf-8", "replace")):
        raise Skip(generated_notice(fmt))
    if suffix in HTML_SUFFIXES:
        from .pages import read_html  # here: its HTML parser is for saved pages only

        return read_html(rel, data, notices, overrides=overrides, doc_id=doc_id, today=today)
    text = decode(data, rel, notices)
    if reads is None:
        return make_document(doc_id, text, path=rel, data=data, notices=notices, overrides=overrides, today=today)
    key = reads.key(doc_id, rel, text, overrides, today or dt.date.today())
    sha = hashlib.sha256(data).hexdigest()
    found = reads.get(key, doc_id, rel, text, sha)
    if found is None:
        made: list[Notice] = []
        doc = make_document(doc_id, text, path=rel, data=data, notices=made, overrides=overrides, today=today)
        reads.put(key, doc, made)
        found = doc, made
    notices.extend(found[1])
    return found[0]


__all__ = [
    "CORPUS_MARKER",
    "DOCUMENT_SUFFIXES",
    "HEADER_KEYS",
    "HTML_SUFFIXES",
    "MANIFESTS",
    "MAX_ARTICLE_MB",
    "NOT_ARTICLES",
    "RECORD_FIELDS",
    "RECORD_SUFFIXES",
    "SKIPPED",
    "SUFFIXES",
    "Record",
    "Skip",
    "clean",
    "decode",
    "document_ids",
    "furniture_reason",
    "is_binary",
    "load_corpus",
    "load_records",
    "make_document",
    "parse_metadata",
    "read_document",
    "read_manifest",
]
