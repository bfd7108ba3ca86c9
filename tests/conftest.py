"""Shared fixtures: paths to the corpora, a cached run per corpus (read on GOLDEN_TODAY), the
--update-golden flag."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

import discrepancy
from discrepancy import workers
from discrepancy.extract import extract_facts
from discrepancy.models import Document, Fact, Result

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
REPORTS = ROOT / "reports"
OWN_CORPORA = ("quake", "trial", "match", "results")
# The day the golden reports are read on (recorded in report.json): after every fixture's date.
GOLDEN_TODAY = dt.date(2026, 11, 30)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="Rewrite the golden reports in reports/ from this run."
    )


@pytest.fixture(autouse=True, scope="session")
def _fact_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Commands run by the tests keep their fact cache in a folder of this session, never in
    fixtures/ (an entry left by an earlier version of the code would add a note to stderr)."""
    old = os.environ.get("DISCREPANCY_CACHE_DIR")
    os.environ["DISCREPANCY_CACHE_DIR"] = str(tmp_path_factory.mktemp("fact-cache"))
    yield
    if old is None:
        os.environ.pop("DISCREPANCY_CACHE_DIR", None)
    else:
        os.environ["DISCREPANCY_CACHE_DIR"] = old


@cache
def run_corpus(path: str) -> Result:
    """One run per corpus per test session (the pipeline is pure)."""
    return discrepancy.check(path, today=GOLDEN_TODAY)


@pytest.fixture
def seed_result() -> Result:
    return run_corpus(str(FIXTURES))


def md_title(text: str) -> str:
    """The first level-one heading of a Markdown report (after its generator mark)."""
    return next((line[2:] for line in text.splitlines() if line.startswith("# ")), "")


def write_articles(folder: Path, articles: dict[str, str]) -> Path:
    """A corpus folder holding these articles (file name -> text); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the documents extracted from now on (in this process)."""
    seen: list[str] = []

    def extract(doc: Document, *args: object) -> tuple[Fact, ...]:
        seen.append(doc.id)
        return extract_facts(doc, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(workers, "extract_facts", extract)
    return seen
