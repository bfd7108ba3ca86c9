"""Files and folders: which files under a corpus folder are articles, and their bytes as text."""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path

from ..models import Notice
from ..safe import escape_line
from .corpus import SKIPPED
from .documents import DOCUMENT_SUFFIXES

HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = (".txt", ".md", *HTML_SUFFIXES, *DOCUMENT_SUFFIXES)
# Files a reporter keeps beside the articles that the tool does not read: each is named in a
# notice (in every report format), never passed over in silence.
_UNREAD_KINDS = {
    "a word-processor document, not read; save it as .docx, .pdf or .txt": (".doc", ".rtf", ".odt", ".pages", ".wpd"),
    "an e-book, not read": (".epub", ".mobi"),
    "a spreadsheet, not read; save it as CSV and give that file": (".xls", ".xlsx", ".ods", ".numbers"),
    "a slide deck, not read": (".ppt", ".pptx", ".odp", ".key"),
    "an image, not read (the tool reads no text in images)": (
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff", ".bmp", ".heic", ".svg",
    ),
    "an archive, not read; unpack it into the corpus folder": (".zip", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar"),
    "a web archive, not read; save the page as HTML": (".mht", ".mhtml", ".webarchive", ".warc"),
    "audio or video, not read": (".mp3", ".mp4", ".m4a", ".wav", ".mov", ".avi", ".webm"),
}  # fmt: skip
UNREAD = {suffix: what for what, suffixes in _UNREAD_KINDS.items() for suffix in suffixes}
# Files that document a folder rather than report the story.
NOT_ARTICLES = re.compile(r"(readme|license|licence|changelog|contributing)(\.[\w.]+)?", re.IGNORECASE)
NOT_UTF8 = "name is not valid UTF-8; rename it"
CORPUS_MARKER = "discrepancy.toml"  # a subfolder holding one is a corpus of its own, skipped


def ignored(rel: str, patterns: tuple[str, ...]) -> bool:
    """Whether a relative path, or its file name, matches one of the `ignore` globs."""
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel.rsplit("/", 1)[-1], p) for p in patterns)


def not_utf8(name: str) -> bool:
    """Whether a file name holds bytes that are not UTF-8 (Python keeps them as lone surrogates,
    which no report could write)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def document_ids(rels: list[str]) -> dict[str, str]:
    """A unique, stable id for each article file (relative paths): its path without the suffix
    ("sub/story"), or, when that is shared with another file or is another file's id ("a.txt"
    and "a.md"; "a.txt.md"), its whole path with the suffix, for every file concerned. Paths are
    unique, so the ids are; they depend only on the set of paths, never on their order."""
    whole: set[str] = set()
    while True:
        ids = {rel: rel if rel in whole or "." not in rel.rsplit("/", 1)[-1] else rel.rsplit(".", 1)[0] for rel in rels}
        holders: dict[str, list[str]] = {}
        for rel, doc_id in ids.items():
            holders.setdefault(doc_id, []).append(rel)
        shared = {rel for group in holders.values() if len(group) > 1 for rel in group}
        if not shared - whole:
            return ids
        whole |= shared


def _identity(path: str | Path) -> tuple[int, int]:
    st = os.stat(path)  # follows symbolic links; raises OSError on a loop or a dangling link
    return st.st_dev, st.st_ino


Listed = tuple[str, os.stat_result | None]  # an article file's path relative to the root ("/"), its stat


def article_paths(root: Path, notices: list[Notice], *, output: tuple[Path, ...] = ()) -> list[Listed]:
    """Article files under root, sorted by their path relative to it ("/" separators), each with
    what os.stat said of it while listing (None when it could not say: the reader says why).
    Hidden folders, nested corpora and the folders and files this run writes its reports to
    (`output`) are skipped. Symbolic links are followed once: a link back to a folder already
    read (a loop) or a second path to one file is skipped with a notice. (Paths are strings
    here: pathlib's parsing cost a third of listing a thousand files.)"""
    found: list[Listed] = []
    top = os.fspath(root)
    prefix = os.path.join(top, "")
    seen_dirs = {_identity(root)}
    written = {_identity(p) for p in output if p.exists()}
    seen_files: dict[tuple[int, int], str] = {}

    def relative(path: str) -> str:
        if path == top:
            return "."
        rel = path[len(prefix) :] if path.startswith(prefix) else path
        return rel if os.sep == "/" else rel.replace(os.sep, "/")

    def unreadable(exc: OSError) -> None:
        rel = relative(os.fspath(exc.filename)) if exc.filename else top
        notices.append(Notice(path=rel, message=SKIPPED + f"cannot open the folder ({exc.strerror or exc})"))

    for dirpath, dirnames, filenames in os.walk(top, followlinks=True, onerror=unreadable):
        here = relative(os.path.join(dirpath, ""))  # "" at the top, else "sub/"
        keep = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            rel = here + d
            if not_utf8(rel):
                notices.append(Notice(path=escape_line(rel), message=f"{SKIPPED}the folder {NOT_UTF8}"))
                continue
            full = os.path.join(dirpath, d)
            try:
                ident = _identity(full)
            except OSError as exc:
                notices.append(Notice(path=rel, message=SKIPPED + f"cannot open the folder ({exc.strerror or exc})"))
                continue
            if ident in written:
                notices.append(Notice(path=rel, message=f"left out: {rel}/ is where this run writes its reports"))
                continue
            if ident in seen_dirs:
                notices.append(Notice(path=rel, message=SKIPPED + "a symbolic link to a folder already read (a loop)"))
                continue
            if os.path.isfile(os.path.join(full, CORPUS_MARKER)):
                notices.append(
                    Notice(path=rel, message=f"left out: {rel}/ has its own {CORPUS_MARKER} (a corpus of its own)")
                )
                continue
            seen_dirs.add(ident)
            keep.append(d)
        dirnames[:] = keep
        for f in sorted(filenames):
            if f.startswith("."):
                continue
            rel = here + f
            if not_utf8(rel):
                notices.append(Notice(path=escape_line(rel), message=f"{SKIPPED}the file {NOT_UTF8}"))
                continue
            suffix = os.path.splitext(f)[1].lower()
            if suffix in UNREAD:
                notices.append(Notice(path=rel, message=SKIPPED + UNREAD[suffix]))
                continue
            if suffix not in SUFFIXES:
                continue
            if NOT_ARTICLES.fullmatch(f):
                notices.append(Notice(path=rel, message="left out: documentation, not an article"))
                continue
            info: os.stat_result | None
            try:
                info = os.stat(os.path.join(dirpath, f))
            except OSError:
                info = None  # read_document says why it cannot be read
            file_ident = (info.st_dev, info.st_ino) if info is not None else None
            if file_ident is not None and file_ident in written:
                notices.append(Notice(path=rel, message="left out: this run writes its report there"))
                continue
            if file_ident is not None and file_ident in seen_files:
                notices.append(
                    Notice(path=rel, message=SKIPPED + f"the same file as {seen_files[file_ident]} (a link)")
                )
                continue
            if file_ident is not None:
                seen_files[file_ident] = rel
            found.append((rel, info))
    return sorted(found, key=lambda listed: listed[0])


# A file's timestamps come from a clock that ticks coarsely (a few ms on Linux, 2 s on FAT, 1 s
# on some network shares): a file changed within a tick of being read may keep its size and its
# timestamps. Its signature is trusted only when both timestamps are this much older than the
# start of the reading (git's "racy" entries, racy-git.txt): a change after the reading then
# gives a later time. Such a young file is read again at each check until it is old enough.
RACY_NS = 3_000_000_000


def signature(info: os.stat_result) -> tuple[int, int, int, int, int]:
    """What os.stat says of a file that changes when its content does: size, modification and
    status-change times (a rewrite, even one that sets the modification time back, changes the
    latter), and which file it is (a file moved over it). (On Windows the status-change time
    is the creation time: there an edit that also sets the modification time back is missed.)"""
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev


def settled(info: os.stat_result, started: int) -> bool:
    """Whether a file stat'ed after `started` (time.time_ns()) can be told unchanged by its
    signature alone later on: it was last changed well before (RACY_NS)."""
    return max(info.st_mtime_ns, info.st_ctime_ns) < started - RACY_NS


def read_file(path: str) -> bytes:
    """A file's bytes (the one place article files are opened, so tests can fail it)."""
    with open(path, "rb") as file:
        return file.read()


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
