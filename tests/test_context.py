"""The run context: settings, vocabulary and thresholds are passed into each stage, never
written into a module, so runs with different settings do not affect each other."""

from __future__ import annotations

import ast
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import discrepancy
from discrepancy.extract import extract_facts
from discrepancy.ingest import make_document

PACKAGE = Path(discrepancy.__file__).parent

LEXICON = (
    '[lexicon.gadget]\nterms = []\n[lexicon.zorb]\nparent = "gadget"\nterms = ["zorbs"]\n'
    '[lexicon.quarg]\nparent = "gadget"\nterms = ["quargs"]\n'
)
A = "The bridge opened on 3 May 2021, the city said. The rebels sent zorbs to the front, officials said."
B = "The city said the bridge opened on 4 May 2021. The rebels sent quargs to the front, officials said."


def _corpus(root: Path, settings: str) -> Path:
    root.mkdir()
    (root / "a.txt").write_text(A, encoding="utf-8")
    (root / "b.txt").write_text(B, encoding="utf-8")
    if settings:
        (root / "discrepancy.toml").write_text(settings, encoding="utf-8")
    return root


@pytest.fixture
def corpora(tmp_path: Path) -> dict[str, Path]:
    return {
        "plain": _corpus(tmp_path / "plain", ""),
        "lexicon": _corpus(tmp_path / "lexicon", LEXICON),
        "strict": _corpus(tmp_path / "strict", "[thresholds]\npair = 0.99\n"),
        "dates": _corpus(tmp_path / "dates", 'kinds = ["date"]\n'),
    }


def _found(path: Path) -> list[str]:
    return sorted(str(d.kind) for d in discrepancy.check(path).discrepancies)


EXPECTED = {"plain": ["date"], "lexicon": ["date", "item"], "strict": [], "dates": ["date"]}


@pytest.mark.parametrize("order", [("lexicon", "plain", "strict", "dates"), ("strict", "dates", "plain", "lexicon")])
def test_runs_with_different_settings_do_not_affect_each_other(corpora: dict[str, Path], order: tuple[str]) -> None:
    for name in order:
        assert _found(corpora[name]) == EXPECTED[name], name


def test_extraction_does_not_depend_on_an_earlier_run(corpora: dict[str, Path]) -> None:
    doc = make_document("a", A)
    before = extract_facts(doc)
    assert _found(corpora["lexicon"]) == ["date", "item"]  # a run with its own item terms
    assert extract_facts(doc) == before
    assert not any(f.kind == "item" for f in before)  # "zorbs" is not in the package's taxonomy


def test_runs_in_threads_do_not_affect_each_other(corpora: dict[str, Path]) -> None:
    names = list(EXPECTED) * 6
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda n: _found(corpora[n]), names))
    assert results == [EXPECTED[n] for n in names]


def _module_writes(tree: ast.AST) -> list[str]:
    """`global` statements, writes to globals(), and assignments to another module's attributes."""
    found = []
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            imported.update((a.asname or a.name).split(".")[0] for a in node.names)
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found.append(f"line {node.lineno}: global {', '.join(node.names)}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "globals":
            found.append(f"line {node.lineno}: globals()")
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
        )
        for t in targets:
            if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id in imported:
                found.append(f"line {node.lineno}: assigns {t.value.id}.{t.attr}")
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_state_is_written_at_run_time(path: Path) -> None:
    assert _module_writes(ast.parse(path.read_text("utf-8"))) == []


def test_the_module_state_check_can_fail() -> None:
    bad = "import m\nX = 1\ndef f():\n    global X\n    X = 2\n    globals()['Y'] = 3\n    m.Z = 4\n"
    assert len(_module_writes(ast.parse(bad))) == 3
