"""Every bad-input case of the README's troubleshooting table: what the run does with it, from
the CLI (exit code, one-line error naming the file) and the API (notices). A bad document is
skipped with a notice, listed in every report format; exit 2 only when nothing usable is left."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import discrepancy
from discrepancy.cli import cli
from discrepancy.errors import CorpusError
from discrepancy.extract import extract_facts
from discrepancy.ingest import files, load_corpus
from discrepancy.report import RENDERERS, render

ARTICLE_A = (
    "Title: Dam breach\nSource: Alpha\n\nThe dam failed on 3 May 2024 and 12 people were killed, officials said.\n"
)
ARTICLE_B = (
    "Title: Dam breach\nSource: Beta\n\nOfficials said 14 people were killed when the dam failed on 3 May 2024.\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def corpus(tmp_path: Path, **files: str | bytes) -> Path:
    root = tmp_path / "corpus"
    root.mkdir(exist_ok=True)
    for name, data in {"a.txt": ARTICLE_A, "b.txt": ARTICLE_B, **files}.items():
        path = root / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return root


def notes(result_or_corpus) -> dict[str, str]:
    return {n.path: n.message for n in result_or_corpus.notices}


def one_line_error(runner: CliRunner, root: Path, expected: str) -> None:
    res = runner.invoke(cli, ["check", str(root)])
    assert res.exit_code == 2, res.output
    assert expected in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


# --- an empty corpus, a single document ---------------------------------------------------


def test_empty_corpus_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    one_line_error(runner, tmp_path, "no .txt, .md, .html, .pdf or .docx articles found")


def test_only_empty_files_exit_2_naming_one(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    one_line_error(runner, tmp_path, "no usable article: a.txt: empty file (and 1 more skipped)")


def test_single_document_says_nothing_to_compare_exit_0(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "only.txt").write_text(ARTICLE_A, encoding="utf-8")
    res = runner.invoke(cli, ["check", str(tmp_path)])
    assert res.exit_code == 0
    assert "note: only.txt: only one article: nothing to compare it with" in res.stdout


# --- a binary file: skipped, listed in every format -----------------------------------------


def test_binary_file_is_skipped_and_listed_in_every_format(tmp_path: Path) -> None:
    root = corpus(tmp_path, **{"photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))})
    result = discrepancy.check(root)
    assert [d.id for d in result.corpus.documents] == ["a", "b"]
    assert notes(result)["photo.txt"] == "skipped: binary file, not text"
    assert len(result.discrepancies) == 1  # the two good articles are still compared
    for fmt in RENDERERS:
        text = render(result, fmt, corpus_dir=str(root))
        assert "photo.txt" in text and "binary file" in text, fmt


def test_skipped_inputs_are_mentioned_on_stderr(runner: CliRunner, tmp_path: Path) -> None:
    root = corpus(tmp_path, **{"x.txt": b"\x00", "y.txt": b""})
    res = runner.invoke(cli, ["check", str(root), "--format", "json"])
    assert res.exit_code == 1
    assert "note: skipped x.txt (binary file, not text) and 1 more; the report lists every note" in res.stderr


def test_many_control_characters_count_as_binary(tmp_path: Path) -> None:
    root = corpus(tmp_path, **{"dump.txt": bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15] * 50)})
    assert notes(load_corpus(root))["dump.txt"] == "skipped: binary file, not text"


# --- encodings and line endings -------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "named"), [("latin-1", "cp1252"), ("cp1252", "cp1252")])
def test_latin1_and_windows_1252_are_decoded_with_a_notice(tmp_path: Path, encoding: str, named: str) -> None:
    text = "Title: Café\n\nThe café in Zürich closed on 3 May 2024 after 12 “years”, its owner said.\n"
    data = text.replace("“", '"').replace("”", '"').encode(encoding) if encoding == "latin-1" else text.encode(encoding)
    root = corpus(tmp_path, **{"c.txt": data})
    loaded = load_corpus(root)
    doc = loaded.by_id()["c"]
    assert "Zürich" in doc.text
    assert notes(loaded)["c.txt"].startswith("not valid UTF-8 (byte ") and named in notes(loaded)["c.txt"]
    for f in extract_facts(doc):
        assert doc.text[f.start : f.end] == f.raw


def test_mixed_line_endings_keep_offsets_into_the_file(tmp_path: Path) -> None:
    data = (
        "Title: Dam\r\nSource: Gamma\r\n\r\nThe dam failed on 3 May 2024.\rOfficials said\n13 people were killed.\r\n"
    )
    root = corpus(tmp_path, **{"c.txt": data})
    result = discrepancy.check(root)
    on_disk = (root / "c.txt").read_bytes().decode("utf-8")  # bytes as written: no newline translation
    assert result.corpus.by_id()["c"].source == "Gamma"
    claims = [c for d in result.discrepancies for p in d.positions for c in p.claims if c.doc == "c"]
    assert claims and all(on_disk[c.start : c.end] == c.text for c in claims)
    assert any(c.text == "13" for c in claims)


# --- size and number of files ---------------------------------------------------------------


def test_a_50_mb_article_is_skipped_without_being_read(tmp_path: Path) -> None:
    big = ("The dam failed on 3 May 2024 and 99 people were killed, officials said. " * 700_000).encode()
    assert len(big) > 50_000_000
    root = corpus(tmp_path, **{"huge.txt": big})
    result = discrepancy.check(root)
    assert notes(result)["huge.txt"] == "skipped: 50.4 MB, over the 5 MB limit for one article (setting max-article-mb)"
    assert [d.id for d in result.corpus.documents] == ["a", "b"]


def test_the_size_limit_is_a_setting(tmp_path: Path) -> None:
    root = corpus(tmp_path)
    (root / "discrepancy.toml").write_text("max-article-mb = 0.0001\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"no usable article: a.txt: 0.0 MB, over the 0.0001 MB limit"):
        discrepancy.check(root)


@pytest.mark.slow  # ~15 s: most of the suite's time
def test_20000_tiny_files(tmp_path: Path) -> None:
    root = tmp_path / "many"
    root.mkdir()
    for i in range(20_000):
        (root / f"n{i:05d}.txt").write_text(
            f"Officials said {i % 7 + 2} people were hurt on Monday.\n", encoding="utf-8"
        )
    result = discrepancy.check(root)
    assert len(result.corpus.documents) == 20_000
    (d,) = result.discrepancies  # one disagreement, however many articles state it
    assert sum(len(p.claims) for p in d.positions) == 20_000
    assert len(render(result, "md").encode()) < 1_048_576


# --- links and permissions ------------------------------------------------------------------


def test_symlink_loops_are_skipped_with_a_notice(tmp_path: Path) -> None:
    root = corpus(tmp_path, **{"sub__c.txt": ARTICLE_B.replace("Beta", "Gamma")})
    (root / "sub" / "back").symlink_to(root, target_is_directory=True)  # a folder loop
    (root / "x.txt").symlink_to(root / "y.txt")  # a file loop
    (root / "y.txt").symlink_to(root / "x.txt")
    (root / "again.txt").symlink_to(root / "a.txt")  # a second path to one file
    loaded = load_corpus(root)
    assert [d.id for d in loaded.documents] == ["a", "b", "sub/c"]
    assert notes(loaded)["sub/back"] == "skipped: a symbolic link to a folder already read (a loop)"
    assert notes(loaded)["x.txt"].startswith("skipped: cannot read the file (")
    assert notes(loaded)["again.txt"] == "skipped: the same file as a.txt (a link)"


def test_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = corpus(tmp_path, **{"locked.txt": ARTICLE_B})
    real = files.read_file

    def read_file(path: str) -> bytes:  # as for a file without read permission (tests may run as root)
        if path.endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(files, "read_file", read_file)
    loaded = load_corpus(root)
    assert notes(loaded)["locked.txt"] == "skipped: cannot read the file (Permission denied)"
    assert len(loaded.documents) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_by_its_permissions(tmp_path: Path) -> None:
    root = corpus(tmp_path, **{"locked.txt": ARTICLE_B})
    (root / "locked.txt").chmod(0)
    assert notes(load_corpus(root))["locked.txt"] == "skipped: cannot read the file (Permission denied)"


# --- metadata -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "message"),
    [
        ("---\ntitle: [unclosed\n---\n", "malformed front matter ignored ("),
        ("---\ntitle: Dam\n", "front matter opened with '---' is never closed; read as text"),
        ("---\n- a list\n---\n", "front matter is not a mapping; ignored"),
    ],
)
def test_malformed_front_matter_is_ignored_with_a_notice(tmp_path: Path, head: str, message: str) -> None:
    root = corpus(tmp_path, **{"c.txt": head + "\nThe dam failed on 3 May 2024.\n"})
    loaded = load_corpus(root)
    assert notes(loaded)["c.txt"].startswith(message)
    assert "c" in loaded.by_id()  # the article itself is still read


@pytest.mark.parametrize(
    ("published", "message"),
    [
        ("2024-02-31", "publication date '2024-02-31' is not a valid date; ignored"),
        ("2999-01-01", "publication date '2999-01-01' is in the future; ignored"),
        ("next blue moon", "publication date 'next blue moon' is not a valid date; ignored"),
    ],
)
def test_impossible_or_future_publication_date(tmp_path: Path, published: str, message: str) -> None:
    root = corpus(tmp_path, **{"c.txt": f"Date: {published}\n\nThe dam failed on Monday.\n"})
    loaded = load_corpus(root)
    assert notes(loaded)["c.txt"] == message
    assert loaded.by_id()["c"].published is None


def test_impossible_date_in_the_text_is_not_a_fact(tmp_path: Path) -> None:
    root = corpus(tmp_path, **{"c.txt": "The dam failed on 31 February 2024, officials said.\n"})
    facts = extract_facts(load_corpus(root).by_id()["c"])
    assert not [f for f in facts if f.kind == "date" and "February" in f.raw]


def test_unknown_metadata_keys_are_named_with_a_hint(tmp_path: Path) -> None:
    root = corpus(tmp_path, **{"c.md": "---\ntitle: Dam\nautor: Ann Lee\ntags: [dam]\n---\nThe dam failed.\n"})
    loaded = load_corpus(root)
    assert notes(loaded)["c.md"] == "unknown metadata keys ignored: 'autor' (did you mean 'author'?), 'tags'"
    assert loaded.by_id()["c"].title == "Dam"


# --- record files and HTML ------------------------------------------------------------------


def test_csv_without_text_column_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    path.write_text("id,summary\n1,The dam failed.\n", encoding="utf-8")
    one_line_error(
        runner,
        path,
        "articles.csv: no body column (named 'text', 'body', 'content', 'article' ...); columns: id, summary",
    )


HOSTILE = (
    """<html><head><title>Dam <script>alert('t')</script></title>
<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="javascript:alert(2)//">
<style>body{background:url(javascript:alert(3))}</style></head>
<body onload="alert(4)"><iframe src="javascript:alert(5)"></iframe><nav>Home | News</nav>
<article><h1>Dam breach</h1><p>The dam failed on 3 May 2024 and 15 people were killed, officials said.</p>
<p><img src=x onerror="alert(6)">A witness wrote &lt;script&gt;alert(7)&lt;/script&gt; on the wall.</p>
<p>Rescue teams <a href="javascript:alert(8)">worked</a> through the night.</p></article>
<svg><script>alert(9)</script></svg>"""
    + "<div>" * 3000
    + "deep"
    + "</div>" * 3000
    + "</body></html>"
)


def test_hostile_html_is_read_as_text_and_stays_inert_in_reports(tmp_path: Path) -> None:
    root = corpus(tmp_path, **{"page.html": HOSTILE})
    result = discrepancy.check(root)
    page = result.corpus.by_id()["page"]
    assert "15 people were killed" in page.text
    assert "alert(1)" not in page.text and "onerror" not in page.text and "alert(9)" not in page.text
    html = render(result, "html")
    ours = html.count("<script>")
    assert ours == 1  # the report's own script only
    assert "<script>alert" not in html and "onerror=" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;alert(7)" in html  # the article's words, escaped


# --- nothing is written half-way ------------------------------------------------------------


def test_a_failing_run_writes_no_report_and_keeps_the_old_ones(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = corpus(tmp_path)
    out = tmp_path / "reports"
    assert runner.invoke(cli, ["report", str(root), "-o", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (root / "a.txt").write_bytes(b"\x00")
    (root / "b.txt").write_bytes(b"")
    res = runner.invoke(cli, ["report", str(root), "-o", str(out)])
    assert res.exit_code == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # untouched, no temp files left
    assert json.loads(before["report.json"])["discrepancies"]
