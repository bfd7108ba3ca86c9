"""Renderers: pure functions from a Result to text. The CLI does the writing."""

from __future__ import annotations

from collections.abc import Callable

from ..models import Result
from . import json as json_report
from . import markdown, text

RENDERERS: dict[str, Callable[[Result], str]] = {
    "json": json_report.render,
    "md": markdown.render,
    "text": text.render,
}


def render(result: Result, fmt: str) -> str:
    """Render a result in one of RENDERERS' formats."""
    return RENDERERS[fmt](result)
