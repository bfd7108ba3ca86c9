"""PDF and DOCX articles (the `documents` extra): text extracted with exact offsets, lines of a
PDF's layout joined into paragraphs, and a notice naming the extra when it is not installed."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

import discrepancy
from discrepancy.ingest import load_corpus
from discrepancy.ingest.documents import unwrap
from discrepancy.report import render

HEAD = ["Source: Valley Courier", "Date: 2024-06-02", ""]
BODY = [
    "Flooding along the Vessa river forced the evacuation of two villages on",
    "Sunday, and 12 people were killed when a road bridge collapsed near the",
    "town of Orlen, the regional fire service said.",
    "Rescue teams reached the farms cut off by the water late in the evening.",
]


def pdf_bytes(lines: list[str]) -> bytes:
    """A minimal valid one-page PDF that shows each line of text on a line of its own."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops += [f"({escaped}) Tj", "T*"]
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def docx_bytes(paragraphs: list[str]) -> bytes:
    import io

    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def other_article() -> str:
    return (
        "Source: Orlen Herald\nDate: 2024-06-02\n\nFourteen people were killed when the bridge near the town of "
        "Orlen collapsed on Sunday, the mayor said.\n"
    )


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_facts_are_read_with_offsets_into_the_extracted_text(tmp_path: Path, suffix: str) -> None:
    data = pdf_bytes(HEAD + BODY) if suffix == ".pdf" else docx_bytes(HEAD + [" ".join(BODY[:3]), BODY[3]])
    (tmp_path / f"courier{suffix}").write_bytes(data)
    (tmp_path / "herald.txt").write_text(other_article(), encoding="utf-8")
    result = discrepancy.check(tmp_path)
    doc = result.corpus.by_id()["courier"]
    assert (doc.path, doc.source, doc.published) == (f"courier{suffix}", "Valley Courier", dt.date(2024, 6, 2))
    # the PDF's wrapped layout lines are joined: one sentence per sentence, as in the DOCX
    assert [s.text for s in doc.sentences] == [
        " ".join(BODY[:3]),
        BODY[3],
    ]
    (d,) = [d for d in result.discrepancies if d.kind == "quantity"]
    (claim,) = [c for p in d.positions for c in p.claims if c.doc == "courier"]
    assert (claim.text, claim.start) == ("12", doc.text.index("12 people"))
    assert doc.text[claim.start : claim.end] == claim.text
    assert not [n for n in result.notices if n.path == doc.path]


@pytest.mark.parametrize(("suffix", "module"), [(".pdf", "pypdf"), (".docx", "docx")])
def test_without_the_extra_the_file_is_a_notice_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, module: str
) -> None:
    data = pdf_bytes(HEAD + BODY) if suffix == ".pdf" else docx_bytes(HEAD + BODY)
    (tmp_path / f"courier{suffix}").write_bytes(data)
    (tmp_path / "herald.txt").write_text(other_article(), encoding="utf-8")
    monkeypatch.setitem(sys.modules, module, None)  # as if not installed: importing it fails
    result = discrepancy.check(tmp_path)
    assert [d.id for d in result.corpus.documents] == ["herald"]
    kind = suffix[1:].upper()
    expected = f'skipped: reading {kind} articles needs pip install "discrepancy[documents]"'
    assert [(n.path, n.message) for n in result.notices if n.path == f"courier{suffix}"] == [
        (f"courier{suffix}", expected)
    ]
    for fmt in ("md", "html", "text", "csv", "json", "junit", "sarif"):
        out = render(result, fmt)
        assert f"courier{suffix}" in out and f"reading {kind} articles needs" in out, fmt


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.4\nnot a pdf at all\n", "the PDF could not be read"),
        (pdf_bytes([]), "no text in the PDF file"),
    ],
    ids=["broken", "no-text"],
)
def test_unreadable_pdf_is_skipped_with_a_notice(tmp_path: Path, data: bytes, reason: str) -> None:
    (tmp_path / "scan.pdf").write_bytes(data)
    (tmp_path / "herald.txt").write_text(other_article(), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    (notice,) = [n for n in corpus.notices if n.path == "scan.pdf"]
    assert notice.message.startswith("skipped: " + reason)


@pytest.mark.parametrize(
    ("page", "paragraphs"),
    [
        ("Headline of the story\nA line that is long enough to be wrapped by the\nlayout of the page here.", 2),
        ("A well-\nknown case, ended.\nNext paragraph.", 2),
        ("Short.\nAlso short.", 2),
        ("A line that is long enough to be wrapped by the\ncontinued in lower case.", 1),
    ],
)
def test_unwrap_joins_wrapped_lines_only(page: str, paragraphs: int) -> None:
    out = unwrap(page)
    assert len(out.splitlines()) == paragraphs
    assert " ".join(out.split()).replace("well-known", "well- known") == " ".join(page.split())
