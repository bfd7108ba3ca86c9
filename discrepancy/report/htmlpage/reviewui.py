"""The review controls of the served report (`discrepancy review CORPUS --web`): the session
token, their stylesheet and their script, added to the page only when it is served. The static
report.html has none of them and stays read-only.

The script builds the controls from the server's JSON with DOM calls (text is only ever set as
textContent or an attribute), so no article text passes through markup here.
"""

from __future__ import annotations

from importlib import resources

from .markup import e


def _asset(name: str) -> str:
    return "\n" + (resources.files("discrepancy.report") / "assets" / name).read_text("utf-8")


CSS = _asset("review.css")
SCRIPT = _asset("review.js")


def head(token: str) -> str:
    """The served page's extra head: the session token (the script sends it with every request),
    no referrer to the articles' sites, and the controls' stylesheet; "" for the static page."""
    if not token:
        return ""
    return "\n".join(
        [
            f'<meta name="discrepancy-token" content="{e(token)}">',
            '<meta name="referrer" content="no-referrer">',
            f"<style>{CSS}</style>",
        ]
    )


def tail(token: str) -> str:
    """The controls' script, after the page's own; "" for the static page."""
    return f"<script>{SCRIPT}</script>" if token else ""
