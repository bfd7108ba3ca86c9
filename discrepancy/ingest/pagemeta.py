"""A saved page's own metadata: the tags a news site writes for search engines and social
networks (Open Graph, `article:*`, `<meta name=author>`, the canonical link) and its JSON-LD
`NewsArticle`, read with the standard library's HTML parser.

These are what the site says of its article, so they win over what an extractor guesses from the
page's text; a tag that is missing leaves the field to the extractor.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

# Each field's tags (a <meta> tag's property, name or itemprop, lower case), most trusted first.
META_TAGS = {
    "published": (
        "article:published_time", "og:article:published_time", "datepublished", "article.published",
        "pubdate", "publishdate", "publish-date", "parsely-pub-date", "sailthru.date", "dc.date.issued",
        "dcterms.issued", "dc.date", "date",
    ),
    "source": ("og:site_name", "application-name", "publisher", "dc.publisher"),
    "title": ("og:title", "twitter:title", "headline", "dc.title"),
    "url": ("og:url",),
    "author": ("author", "article:author", "parsely-author", "sailthru.author", "byl", "dc.creator"),
}  # fmt: skip
ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting"})


class _Tags(HTMLParser):
    """The <meta> tags, the canonical link and the JSON-LD scripts of a page's markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.ld: list[str] = []
        self._in_ld: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "").strip() for k, v in attrs}
        if tag == "meta" and a.get("content"):
            for key in ("property", "name", "itemprop"):
                if a.get(key):
                    self.meta.setdefault(a[key].lower(), a["content"])
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.canonical = self.canonical or a["href"]
        elif tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._in_ld = []

    def handle_data(self, data: str) -> None:
        if self._in_ld is not None:
            self._in_ld.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_ld is not None:
            self.ld.append("".join(self._in_ld))
            self._in_ld = None


def page_metadata(html: str) -> dict[str, str]:
    """The article's metadata as the page declares it (title, source, published, url, author):
    JSON-LD NewsArticle first, then the <meta> tags, then the canonical link for the URL."""
    tags = _Tags()
    try:
        tags.feed(html)
        tags.close()
    except (AssertionError, ValueError):  # markup the parser cannot follow: what was read so far
        pass
    found = _json_ld(tags.ld)
    for field, names in META_TAGS.items():
        value = next((tags.meta[n] for n in names if tags.meta.get(n) and not _is_link(field, tags.meta[n])), "")
        if value and field not in found:
            found[field] = value
    if tags.canonical and "url" not in found:
        found["url"] = tags.canonical
    return {k: " ".join(v.split()) for k, v in found.items() if v.strip()}


def _is_link(field: str, value: str) -> bool:
    """An author given as a link to a profile page is no byline."""
    return field == "author" and value.startswith(("http://", "https://"))


def _json_ld(scripts: list[str]) -> dict[str, str]:
    """title, published, source, url, author of the first article object in the JSON-LD."""
    for script in scripts:
        try:
            data = json.loads(script)
        except (json.JSONDecodeError, RecursionError):
            continue
        for item in _objects(data):
            kinds = item.get("@type")
            if not ARTICLE_TYPES & set(kinds if isinstance(kinds, list) else [kinds]):
                continue
            found = {
                "title": _text(item.get("headline")),
                "published": _text(item.get("datePublished")),
                "source": _text(item.get("publisher")),
                "url": _text(item.get("url")) or _text(item.get("mainEntityOfPage")),
                "author": _text(item.get("author")),
            }
            return {k: v for k, v in found.items() if v and not _is_link(k, v)}
    return {}


def _objects(data: Any) -> list[dict[str, Any]]:
    """The objects of a JSON-LD document: itself, a list of them, or its @graph."""
    items = data if isinstance(data, list) else [data]
    out: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, dict):
            out.append(item)
            graph = item.get("@graph")
            if isinstance(graph, list):
                out.extend(i for i in graph if isinstance(i, dict))
    return out


def _text(value: Any) -> str:
    """A JSON-LD value as text: a string, an object's name (or @id), a list's names joined."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@id") or "")
    if isinstance(value, list):
        return ", ".join(t for t in map(_text, value) if t)
    return ""
