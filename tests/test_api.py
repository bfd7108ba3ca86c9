"""The public Python API."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import discrepancy

from .conftest import FIXTURES


@pytest.mark.parametrize("module", ["discrepancy", "discrepancy.values"])
def test_all_is_sorted_and_exported(module: str) -> None:
    mod = importlib.import_module(module)
    assert mod.__all__ == sorted(mod.__all__)
    for name in mod.__all__:
        assert hasattr(mod, name)


def _public_names(path: Path) -> set[str]:
    """The public names a module defines at its top level (classes, functions, constants)."""
    out: set[str] = set()
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef):
            out.add(node.name)
        elif isinstance(node, ast.Assign):
            out |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return {n for n in out if not n.startswith("_") and n != "__all__"}


@pytest.mark.parametrize("package", ["discrepancy.values"])
def test_package_all_lists_every_public_name(package: str) -> None:
    """values.py became a package: every public name its modules define is still importable from
    the package (and listed in its __all__)."""
    pkg = importlib.import_module(package)
    for path in sorted(Path(pkg.__file__ or "").parent.glob("*.py")):
        if path.stem == "__init__":
            continue
        module = importlib.import_module(f"{package}.{path.stem}")
        for name in sorted(_public_names(path)):
            assert name in pkg.__all__, f"{package}.{path.stem}.{name}"
            assert getattr(pkg, name) is getattr(module, name)


@pytest.mark.parametrize(("moved", "old"), [("discrepancy.keys", "discrepancy.models")])
def test_moved_names_keep_their_old_import_path(moved: str, old: str) -> None:
    """The typed keys left models.py: each is still importable from there."""
    new, was = importlib.import_module(moved), importlib.import_module(old)
    names = _public_names(Path(new.__file__ or ""))
    assert names
    for name in sorted(names):
        assert getattr(was, name) is getattr(new, name), name


def test_check_returns_a_result() -> None:
    result = discrepancy.check(FIXTURES)
    assert isinstance(result, discrepancy.Result)
    assert result.discrepancies and result.exit_code() == 1
    assert all(isinstance(d, discrepancy.Discrepancy) for d in result.discrepancies)


@pytest.mark.parametrize("enabled", [True, False])
def test_a_run_pauses_the_garbage_collector_and_leaves_it_as_it_was(
    enabled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from discrepancy import pipeline

    during: list[bool] = []
    align = pipeline.align
    monkeypatch.setattr(pipeline, "align", lambda *a: (during.append(gc.isenabled()), align(*a))[1])
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        assert discrepancy.check(FIXTURES).discrepancies
        assert during == [False] and gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_the_command_line_pauses_the_collector_and_the_web_review_runs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc
    import sys

    from discrepancy import serve
    from discrepancy.cli import main

    was = gc.isenabled()
    try:
        gc.enable()
        monkeypatch.setattr(sys, "argv", ["discrepancy", "check", str(FIXTURES), "-o", str(tmp_path / "r.json")])
        with pytest.raises(SystemExit) as exited:
            main()
        assert exited.value.code == 1 and not gc.isenabled()  # a batch: paused until the process ends

        running: list[bool] = []

        class Server:
            url = "http://127.0.0.1:1/"

            def __init__(self, *args: object, **kwargs: object) -> None:
                pass

            def serve_forever(self) -> None:
                running.append(gc.isenabled())

            def server_close(self) -> None:
                pass

        monkeypatch.setattr(serve, "ReviewServer", Server)
        serve.serve(None, open_browser=False, echo=lambda _: None)  # type: ignore[arg-type]
        assert running == [True]  # a server lives long: its cycles are collected
    finally:
        (gc.enable if was else gc.disable)()


def test_import_is_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, discrepancy; print(sorted(m for m in ('pandas', 'dateparser', 'rapidfuzz') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
