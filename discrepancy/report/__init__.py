"""Renderers: pure functions from a Result to text. The CLI does the writing.

`json` is the contract; `md`, `html` and `text` are for people; `csv` and `jsonl` for
spreadsheets and scripts; `sarif`, `junit` and `github` for CI systems, which place each claim
by file, line and column (relative to `corpus_dir`).
"""

from __future__ import annotations

from importlib import import_module

from ..models import Result

# format -> (module, function, the keyword options it takes). `corpus_dir` is the corpus as typed
# on the command line (claims are placed relative to it); the text summary also takes colour,
# the check's options and the review command its closing line suggests.
_LOCATED = frozenset({"corpus_dir"})
_TEXT = frozenset({"corpus_dir", "color", "strict", "exit_zero", "review_command"})
RENDERERS: dict[str, tuple[str, str, frozenset[str]]] = {
    "json": ("json", "render", frozenset()),
    "md": ("markdown", "render", frozenset()),
    "html": ("html", "render", frozenset()),
    "text": ("text", "render", _TEXT),
    "csv": ("csv", "render", frozenset()),
    "jsonl": ("csv", "render_jsonl", frozenset()),
    "sarif": ("sarif", "render", _LOCATED),
    "junit": ("junit", "render", _LOCATED),
    "github": ("github", "render", _LOCATED),
}


def render(result: Result, fmt: str, **options: object) -> str:
    """Render a result in one of RENDERERS' formats; options a format does not take are ignored."""
    module, function, takes = RENDERERS[fmt]
    renderer = getattr(import_module(f"{__name__}.{module}"), function)
    return str(renderer(result, **{k: v for k, v in options.items() if k in takes}))
