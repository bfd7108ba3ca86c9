"""Renderers: pure functions from a Result to text. The CLI does the writing.

`json` is the contract; `md`, `html` and `text` are for people; `csv` and `jsonl` for
spreadsheets and scripts; `sarif`, `junit` and `github` for CI systems, which place each claim
by file, line and column (relative to `corpus_dir`).
"""

from __future__ import annotations

from importlib import import_module

from ..models import Result

# format -> (module, function, takes corpus_dir)
RENDERERS: dict[str, tuple[str, str, bool]] = {
    "json": ("json", "render", False),
    "md": ("markdown", "render", False),
    "html": ("html", "render", False),
    "text": ("text", "render", False),
    "csv": ("csv", "render", False),
    "jsonl": ("csv", "render_jsonl", False),
    "sarif": ("sarif", "render", True),
    "junit": ("junit", "render", True),
    "github": ("github", "render", True),
}


def render(result: Result, fmt: str, *, corpus_dir: str = "") -> str:
    """Render a result in one of RENDERERS' formats."""
    module, function, located = RENDERERS[fmt]
    renderer = getattr(import_module(f"{__name__}.{module}"), function)
    return str(renderer(result, corpus_dir=corpus_dir) if located else renderer(result))
