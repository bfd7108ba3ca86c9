"""Ids that hold: a discrepancy's id depends only on what the independent sources say. An exact
copy of an article, or an unrelated article, never changes an id; nor does the order of files."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from discrepancy import check
from discrepancy.ingest import load_corpus
from discrepancy.models import Corpus, Document
from discrepancy.pipeline import run_corpus
from discrepancy.settings import load_settings

from .conftest import FIXTURES, GOLDEN_TODAY

# The seed corpus, one of our own, and two that already hold a reprint and a rewrite.
CORPORA = ["", "quake", "storm", "fire"]


def loaded(name: str) -> tuple[Corpus, object]:
    path = FIXTURES / name
    settings = dataclasses.replace(load_settings(path), today=GOLDEN_TODAY)
    return load_corpus(path, today=GOLDEN_TODAY, ignore=settings.ignore), settings


def ids(corpus: Corpus, settings: object) -> set[str]:
    return {d.id for d in run_corpus(corpus, settings=settings).discrepancies}  # type: ignore[arg-type]


def renamed(doc: Document, doc_id: str) -> Document:
    """The same article under another file name."""
    sentences = tuple(dataclasses.replace(s, doc=doc_id) for s in doc.sentences)
    return dataclasses.replace(doc, id=doc_id, path=f"{doc_id}.txt", sentences=sentences)


def with_doc(corpus: Corpus, doc: Document) -> Corpus:
    return dataclasses.replace(corpus, documents=tuple(sorted((*corpus.documents, doc), key=lambda d: d.id)))


@pytest.mark.parametrize("name", CORPORA, ids=lambda c: c or "seeds")
def test_an_exact_copy_of_any_article_changes_no_id(name: str) -> None:
    """The copy comes first or last in id order by turns: which of the two is taken as the
    original must not matter either."""
    corpus, settings = loaded(name)
    before = ids(corpus, settings)
    assert before
    for n, doc in enumerate(corpus.documents):
        copy = renamed(doc, ("000-copy" if n % 2 else "zzz-copy") + f"-{n}")
        assert ids(with_doc(corpus, copy), settings) == before, f"a copy of {doc.id}"


@pytest.mark.parametrize(("name", "other"), [("", "match"), ("fire", "results")])
def test_an_unrelated_article_changes_no_id(name: str, other: str) -> None:
    """An article about something else may bring findings of its own, never change one."""
    corpus, settings = loaded(name)
    before = ids(corpus, settings)
    for doc in load_corpus(FIXTURES / other, today=GOLDEN_TODAY).documents:
        assert before <= ids(with_doc(corpus, renamed(doc, f"x-{doc.id}")), settings), f"adding {other}/{doc.id}"


@pytest.mark.parametrize("name", CORPORA, ids=lambda c: c or "seeds")
def test_ids_do_not_depend_on_the_order_of_files(name: str) -> None:
    corpus, settings = loaded(name)
    shuffled = dataclasses.replace(corpus, documents=(*corpus.documents[1::2], *reversed(corpus.documents[::2])))
    assert ids(shuffled, settings) == ids(corpus, settings)


def test_a_copied_file_in_a_reviewed_corpus_keeps_the_check_green(tmp_path: Path) -> None:
    """The attack: reviewed ids must survive someone saving an article twice."""
    corpus = tmp_path / "quake"
    shutil.copytree(FIXTURES / "quake", corpus)
    before = check(corpus, decisions=False, today=GOLDEN_TODAY)
    for doc in before.corpus.documents:
        shutil.copy(corpus / doc.path, corpus / f"copy-of-{Path(doc.path).name}")
    after = check(corpus, decisions=False, today=GOLDEN_TODAY)
    assert len(after.corpus.documents) == 2 * len(before.corpus.documents)
    assert [(d.id, [p.normalized for p in d.positions]) for d in after.discrepancies] == [
        (d.id, [p.normalized for p in d.positions]) for d in before.discrepancies
    ]
