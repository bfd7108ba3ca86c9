"""Renderers: pure functions from a Result to text. The CLI does the writing.

`json` is the contract; `md`, `html` and `text` are for people; `csv` and `jsonl` for
spreadsheets and scripts; `sarif`, `junit` and `github` for CI systems, which place each claim
by file, line and column (relative to `corpus_dir`).
"""

from __future__ import annotations

from importlib import import_module

from ..models import Notice, Result

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
    return renderer(result, corpus_dir=corpus_dir) if located else renderer(result)


def grouped_notices(notices: tuple[Notice, ...], *, show: int = 3) -> list[tuple[str, str]]:
    """(paths, message) lines for people: one line per distinct message, in order of first
    appearance, naming at most `show` paths ("a.txt, b.txt, c.txt and 19,997 more"), so that
    20,000 empty files make one line, not 20,000. The JSON report keeps every notice."""
    by_message: dict[str, list[str]] = {}
    for n in notices:
        by_message.setdefault(n.message, []).append(n.path)
    out = []
    for message, paths in by_message.items():
        shown = ", ".join(paths[:show])
        if len(paths) > show:
            shown += f" and {len(paths) - show:,} more"
        out.append((shown, message))
    return out


def outlet_names(doc_ids, result: Result) -> list[str]:
    """Sorted outlet names of some documents; a reprint or rewrite is marked as such."""
    docs = result.corpus.by_id()
    copies = {r.doc: r.kind for r in result.reprints}
    return sorted({(docs[i].outlet if i in docs else i) + (f" [{copies[i]}]" if i in copies else "") for i in doc_ids})


def sources_label(n_outlets: int, n_sources: int) -> str:
    """ "3 sources", or "3 outlets, 1 independent source" when some copy another."""
    if n_sources and n_sources < n_outlets:
        return f"{n_outlets} outlets, {n_sources} independent source{'' if n_sources == 1 else 's'}"
    return f"{n_outlets} source{'' if n_outlets == 1 else 's'}"
