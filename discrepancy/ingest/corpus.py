"""What every reader shares: the size limit, skipping an unusable input with a notice, and the
Corpus made of the documents kept."""

from __future__ import annotations

from ..models import Corpus, Document, Notice
from ..safe import escape_line
from .language import detect

MAX_ARTICLE_MB = 5.0  # one news article is < 0.2 MB; a bigger file is a log, a dump or a book
SKIPPED = "skipped: "
MAX_SENTENCES = 60  # what the language is told from: the opening (language.MAX_CHARS caps it too)


class Skip(Exception):
    """One input is unusable: it is left out with a notice, and the run goes on."""


def usable(doc: Document, notices: list[Notice]) -> bool:
    """Whether a document has English article text left; a notice says why not. An article in
    another language is left out (no facts are read from it) and named, never passed as clean."""
    if all(s.headline for s in doc.sentences):
        notices.append(Notice(path=doc.path, message=SKIPPED + "no article text left once page furniture was removed"))
        return False
    lang = detect(" ".join(s.text for s in doc.sentences[:MAX_SENTENCES]))
    if lang is not None:
        notices.append(Notice(path=doc.path, message=SKIPPED + not_english(lang)))
        return False
    return True


def not_english(lang: str) -> str:
    """Why an article in another language is left out."""
    return f"not in English (detected: {lang}); not checked"


def nothing_usable(where: str, notices: list[Notice]) -> str:
    """The error when no input was usable, naming the first one skipped and why."""
    skipped = [n for n in notices if n.message.startswith(SKIPPED)]
    if not skipped:
        return f"{where}: no .txt, .md, .html, .pdf or .docx articles found"
    first = skipped[0]
    more = f" (and {len(skipped) - 1} more skipped)" if len(skipped) > 1 else ""
    return f"{where}: no usable article: {first.path}: {first.message[len(SKIPPED) :]}{more}"


def make_corpus(name: str, docs: list[Document], notices: list[Notice]) -> Corpus:
    """The Corpus of the documents kept, sorted by id, with the notices gathered on the way; its
    name (the folder's or file's) as reports can print it, whatever bytes it holds."""
    if len(docs) == 1:
        notices.append(Notice(path=docs[0].path, message="only one article: nothing to compare it with"))
    return Corpus(root=escape_line(name), documents=tuple(sorted(docs, key=lambda d: d.id)), notices=tuple(notices))


def too_big(size: int, limit: int) -> str:
    """Why an article over the size limit is skipped."""
    return f"{size / 1e6:.1f} MB, over the {limit / 1e6:g} MB limit for one article (setting max-article-mb)"
