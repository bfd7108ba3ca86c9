"""The JUnit XML report, for CI systems that show test results (GitLab, Jenkins, Azure, ...).

One test suite "discrepancy"; one test case per discrepancy. A discrepancy nobody reviewed yet
(or whose decision went stale) is a failure whose body lists every position and its claims as
`path:line:column "text"`; one confirmed, dismissed or explained in review is skipped, with the
decision and its note as the message. With no discrepancy at all there is one passing case.

Article text can hold anything: ElementTree escapes markup, and characters that XML 1.0 cannot
carry at all (NUL and other control characters, lone surrogates) are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..models import Discrepancy, Result
from .common import LineIndex, is_open, located

# Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Drop the characters XML 1.0 does not allow."""
    return _NOT_XML.sub("", text)


class _Locator:
    def __init__(self, result: Result, corpus_dir: str) -> None:
        self.docs = result.corpus.by_id()
        self.corpus_dir = corpus_dir
        self._index: dict[str, LineIndex] = {}

    def where(self, doc_id: str, offset: int) -> str:
        doc = self.docs.get(doc_id)
        if doc is None:
            return doc_id
        if doc_id not in self._index:
            self._index[doc_id] = LineIndex.of(doc)
        line, col = self._index[doc_id].position(offset)
        return f"{located(self.corpus_dir, doc)}:{line}:{col}"

    def outlet(self, doc_id: str) -> str:
        doc = self.docs.get(doc_id)
        return doc.outlet if doc else doc_id


def _one_line(text: str) -> str:
    return " ".join(text.split())


def failure_body(d: Discrepancy, loc: _Locator) -> str:
    """Every position of a discrepancy and the claims that state it."""
    lines = [d.summary, ""]
    if d.stale and d.note:
        lines.extend([d.note, ""])
    for p in d.positions:
        lines.append(f"“{_one_line(p.value)}”:")
        for c in p.claims:
            where, outlet = loc.where(c.doc, c.start), loc.outlet(c.doc)
            lines.append(f'  {where} "{_one_line(c.text)}" ({outlet})')
    return "\n".join(lines) + "\n"


def _set(el: ET.Element, **attrs: object) -> ET.Element:
    """Set attributes in the order given (ElementTree keeps insertion order)."""
    for k, v in attrs.items():
        el.set(k, xml_safe(str(v)))
    return el


def to_element(result: Result, *, corpus_dir: str = "") -> ET.Element:
    """The <testsuites> element."""
    loc = _Locator(result, corpus_dir)
    cases = list(result.discrepancies)
    failures = sum(1 for d in cases if is_open(d))
    skipped = len(cases) - failures
    tests = max(len(cases), 1)
    root = _set(
        ET.Element("testsuites"),
        name="discrepancy",
        tests=tests,
        failures=failures,
        errors=0,
        skipped=skipped,
    )
    suite = _set(
        ET.SubElement(root, "testsuite"),
        name="discrepancy",
        tests=tests,
        failures=failures,
        errors=0,
        skipped=skipped,
    )
    if not cases:
        _set(ET.SubElement(suite, "testcase"), classname="discrepancy", name="no discrepancies")
    for d in cases:
        case = _set(
            ET.SubElement(suite, "testcase"),
            classname=f"discrepancy.{d.kind}",
            name=f"{d.id}: {d.subject}",
        )
        if is_open(d):
            failure = _set(ET.SubElement(case, "failure"), message=d.summary, type=d.severity)
            failure.text = xml_safe(failure_body(d, loc))
        else:
            message = f"{d.status}: {d.note}" if d.note else str(d.status)
            _set(ET.SubElement(case, "skipped"), message=message)
    if result.notices:  # skipped inputs and other processing notes, after the test cases
        ET.SubElement(suite, "system-err").text = xml_safe(
            "\n".join(f"note: {n.path}: {n.message}" for n in result.notices)
        )
    return root


def render(result: Result, *, corpus_dir: str = "") -> str:
    """The JUnit XML text."""
    root = to_element(result, corpus_dir=corpus_dir)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
