"""The committed reports in reports/ are golden files: the same input gives the same bytes.

Regenerate them only on purpose: `pytest tests/test_golden.py --update-golden`.
"""

from __future__ import annotations

import pytest

from discrepancy.report import render

from .conftest import FIXTURES, REPORTS, run_corpus

GOLDEN = {"report.json": "json", "report.md": "md", "report.html": "html", "report.csv": "csv"}


@pytest.mark.parametrize(("name", "fmt"), sorted(GOLDEN.items()))
def test_golden_report(request: pytest.FixtureRequest, name: str, fmt: str) -> None:
    text = render(run_corpus(str(FIXTURES)), fmt)
    path = REPORTS / name
    if request.config.getoption("--update-golden"):
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.read_text("utf-8") == text
