"""The committed reports in reports/ are golden files: the same input gives the same bytes.
reports/ holds the seed corpus's reports (the Quick start's); reports/fire/ those of the fire
corpus, which shows reprints, a rewrite and possible updates with publication times.

Regenerate them only on purpose: `pytest tests/test_golden.py --update-golden`.
"""

from __future__ import annotations

import pytest

from discrepancy.report import render

from .conftest import FIXTURES, REPORTS, run_corpus

GOLDEN = {"report.json": "json", "report.md": "md", "report.html": "html", "report.csv": "csv"}


CORPORA = {"": FIXTURES, "fire": FIXTURES / "fire"}


@pytest.mark.parametrize("corpus", sorted(CORPORA))
@pytest.mark.parametrize(("name", "fmt"), sorted(GOLDEN.items()))
def test_golden_report(request: pytest.FixtureRequest, corpus: str, name: str, fmt: str) -> None:
    text = render(run_corpus(str(CORPORA[corpus])), fmt)
    path = REPORTS / corpus / name
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.read_text("utf-8") == text
