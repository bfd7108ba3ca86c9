"""VERSIONS facts: which numbered versions of a product a claim covers, keyed by the product
("IE6 to 10", "IE6 through IE11", "from IE 6 through to the latest IE 11", "IE6, 7, 8, 9, 10, and
11"). Security and technology news states which versions a flaw or a fix affects this way; one
outlet's "6 to 10" against another's "6 through 11" is a discrepancy.

The product is the word a version number is glued to ("IE6", "iOS7"), or a word written again
before the last number ("IE 6 through IE 11"): "June 6 to 10" or "pages 6 to 10" are no versions.
"""

from __future__ import annotations

import re

from ..models import Document, Fact, Key, KeyKind, Kind, Sentence
from ..text import matches
from ..values import VersionsValue
from ..vocab import Vocabulary
from .context import fact_at

_TO = r"\s*(?:to|through(?:\s+to)?|thru|until|–|-)\s*"
_LATEST = r"(?:the\s+)?(?:latest\s+|current\s+|newest\s+)?"
_RANGE = re.compile(
    rf"(?<![\w-])(?P<p>[A-Z][A-Za-z]{{0,15}})(?P<a>\d{{1,2}}){_TO}(?:{_LATEST}(?P=p)\s?)?(?P<b>\d{{1,2}})(?![\w-]|\.\d)"
    rf"|(?<![\w-])(?P<q>[A-Z][A-Za-z]{{0,15}})\s(?P<c>\d{{1,2}}){_TO}{_LATEST}(?P=q)\s?(?P<d>\d{{1,2}})(?![\w-]|\.\d)"
)
# "IE6, 7, 8, 9, 10, and 11": a list of versions after the first one glued to its product
_LIST = re.compile(
    r"(?<![\w-])(?P<p>[A-Z][A-Za-z]{0,15})(?P<a>\d{1,2})((?:,\s*\d{1,2})+),?\s+(?:and|&)\s+(?P<b>\d{1,2})\b"
)
MAX_VERSION_SPAN = 30  # "Windows 3 to 11" is a range of versions; "F1 to 99" is not


def extract(doc: Document, vocab: Vocabulary) -> list[Fact]:
    """VERSIONS facts of a document."""
    facts: list[Fact] = []
    for sent in doc.sentences:
        for m in matches(_RANGE, sent.text):
            product = m.group("p") or m.group("q")
            lo, hi = int(m.group("a") or m.group("c")), int(m.group("b") or m.group("d"))
            facts += _fact(doc, sent, m.start(), m.end(), product, lo, hi)
        for m in matches(_LIST, sent.text):
            numbers = [int(m.group("a")), *(int(n) for n in re.findall(r"\d+", m.group(3))), int(m.group("b"))]
            if numbers == list(range(numbers[0], numbers[-1] + 1)):  # consecutive: a range written out
                facts += _fact(doc, sent, m.start(), m.end(), m.group("p"), numbers[0], numbers[-1])
    return facts


def _fact(doc: Document, sent: Sentence, s: int, e: int, product: str, lo: int, hi: int) -> list[Fact]:
    if not lo < hi <= lo + MAX_VERSION_SPAN:
        return []
    value = VersionsValue(product=product, lo=lo, hi=hi)
    return [
        fact_at(
            doc, sent, sent.start + s, sent.start + e, kind=Kind.VERSIONS, value=value,
            normalized=value.normalized(), keys=(Key(KeyKind.NAMED, product.lower()),),
            subject=f"versions of {product}",
        )
    ]  # fmt: skip
