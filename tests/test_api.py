"""The public Python API."""

from __future__ import annotations

import discrepancy

from .conftest import FIXTURES


def test_all_is_sorted_and_exported() -> None:
    assert discrepancy.__all__ == sorted(discrepancy.__all__)
    for name in discrepancy.__all__:
        assert hasattr(discrepancy, name)


def test_check_returns_a_result() -> None:
    result = discrepancy.check(FIXTURES)
    assert isinstance(result, discrepancy.Result)
    assert result.discrepancies and result.exit_code() == 1
    assert all(isinstance(d, discrepancy.Discrepancy) for d in result.discrepancies)


def test_import_is_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, discrepancy; print(sorted(m for m in ('pandas', 'dateparser', 'rapidfuzz') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
