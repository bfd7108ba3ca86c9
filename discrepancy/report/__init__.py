"""Renderers: pure functions from a Result to text. The CLI does the writing.

`json` is the contract; `md` and `text` are for people; `sarif`, `junit` and `github` are for CI
systems and place each claim by file, line and column (relative to `corpus_dir`).
"""

from __future__ import annotations

from importlib import import_module

from ..models import Result

# format -> (module, takes corpus_dir)
RENDERERS: dict[str, tuple[str, bool]] = {
    "json": ("json", False),
    "md": ("markdown", False),
    "text": ("text", False),
    "sarif": ("sarif", True),
    "junit": ("junit", True),
    "github": ("github", True),
}


def render(result: Result, fmt: str, *, corpus_dir: str = "") -> str:
    """Render a result in one of RENDERERS' formats."""
    module, located = RENDERERS[fmt]
    renderer = import_module(f"{__name__}.{module}").render
    return renderer(result, corpus_dir=corpus_dir) if located else renderer(result)
