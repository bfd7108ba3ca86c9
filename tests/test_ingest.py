"""Reading a corpus: ids, metadata, cleaning with offsets, encodings and unusable input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from discrepancy.errors import CorpusError
from discrepancy.ingest import load_corpus

from .conftest import FIXTURES


def write(root: Path, name: str, data: str | bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize(("name", "doc_id"), [("a.txt", "a"), ("sub/b.md", "sub/b"), ("x/y/z.txt", "x/y/z")])
def test_document_id_is_relative_path_without_extension(tmp_path: Path, name: str, doc_id: str) -> None:
    write(tmp_path, name, "Some text.")
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus.documents] == [doc_id]


@pytest.mark.parametrize(
    "head",
    [
        "Title: Storm hits coast\nSource: Daily Post\nDate: 2024-03-05\nURL: https://example.org/a\nAuthor: A. Writer\n\n",
        "TITLE: Storm hits coast\nsource: Daily Post\ndate: 5 March 2024\nurl: https://example.org/a\nAUTHOR: A. Writer\n\n",
        "---\ntitle: Storm hits coast\nsource: Daily Post\ndate: 2024-03-05\nurl: https://example.org/a\nauthor: A. Writer\n---\n",
    ],
    ids=["header-lines", "header-case", "front-matter"],
)
def test_metadata(tmp_path: Path, head: str) -> None:
    write(tmp_path, "a.txt", head + "The storm hit on Monday.\n")
    doc = load_corpus(tmp_path).documents[0]
    assert (doc.title, doc.source, doc.published, doc.url, doc.author) == (
        "Storm hits coast", "Daily Post", dt.date(2024, 3, 5), "https://example.org/a", "A. Writer",
    )  # fmt: skip
    assert [s.text for s in doc.sentences if not s.headline] == ["The storm hit on Monday."]
    assert [(s.text, s.index) for s in doc.sentences if s.headline] == [("Storm hits coast", 1)]  # read after the body


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("- Advertisement -", "advertisement"),
        ("Read also: Something else entirely", "teaser"),
        ("Source link", "link"),
        ("6.4 C", "weather"),
        ("Monday, February 26, 2024", "date stamp"),
        ("The mayor at the scenePAP/EPA/JOHN DOE", "photo caption"),
        ("Rescuers in the ruinsReuters", "photo caption"),
        ("You must be logged in to post a comment.", "comment"),
    ],
)
def test_furniture_lines_are_removed(tmp_path: Path, line: str, reason: str) -> None:
    write(tmp_path, "a.txt", f"First real paragraph here.\n\n{line}\n\nSecond real paragraph here.\n")
    doc = load_corpus(tmp_path).documents[0]
    removed = [b for b in doc.blocks if not b.kept]
    assert [doc.text[b.start : b.end] for b in removed] == [line]
    assert reason in removed[0].reason
    assert [s.text for s in doc.sentences] == ["First real paragraph here.", "Second real paragraph here."]


@pytest.mark.parametrize("marker", ["Next Post", "Please enter your comment!", "Leave a Reply"])
def test_cut_markers_drop_the_rest(tmp_path: Path, marker: str) -> None:
    write(tmp_path, "a.txt", f"The article.\n\n{marker}\n\nAnother story on Thursday.\n")
    doc = load_corpus(tmp_path).documents[0]
    assert [s.text for s in doc.sentences] == ["The article."]


def test_next_post_cuts_the_teaser(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "The article.\n\nNext Post\n\nAnother story on Thursday.\n")
    doc = load_corpus(tmp_path).documents[0]
    assert [s.text for s in doc.sentences] == ["The article."]


def test_repeated_paragraph_is_removed_and_offsets_point_to_the_first(tmp_path: Path) -> None:
    para = "This paragraph is long enough to count as a real repeated paragraph of text."
    write(tmp_path, "a.txt", f"{para}\nMiddle line.\n{para}\n")
    doc = load_corpus(tmp_path).documents[0]
    assert [s.start for s in doc.sentences] == [0, len(para) + 1]
    assert [b.reason for b in doc.blocks] == ["", "", "repeated paragraph"]


def test_offsets_index_the_decoded_text_with_bom_and_crlf(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", b"\xef\xbb\xbfTitle: T\r\n\r\nFirst one.\r\nSecond one.\r\n")
    doc = load_corpus(tmp_path).documents[0]
    # the headline, read after the body, ends before the line's "\r"
    assert [doc.text[s.start : s.end] for s in doc.sentences] == ["First one.", "Second one.", "T"]
    assert not doc.text.startswith("\ufeff")


def test_windows_1252_falls_back_with_a_notice(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", b"Caf\xe9 owner said \x93no\x94.")
    corpus = load_corpus(tmp_path)
    assert corpus.documents[0].text == "Café owner said “no”."
    assert any("cp1252" in n.message and n.path == "a.txt" for n in corpus.notices)


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda root: None, "no .txt, .md, .html, .pdf or .docx articles"),
        (lambda root: write(root, "bin.txt", b"\x00\x01\x02binary"), "no usable article: bin.txt: binary file"),
    ],
    ids=["empty", "binary"],
)
def test_unusable_corpus_raises_a_one_line_error_naming_the_file(tmp_path: Path, setup, message: str) -> None:
    setup(tmp_path)
    with pytest.raises(CorpusError, match=message) as info:
        load_corpus(tmp_path)
    assert "\n" not in str(info.value)


def test_nested_corpora_and_readmes_are_skipped(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Text.")
    write(tmp_path, "README.md", "About this folder.")
    write(tmp_path, "other/discrepancy.toml", "")
    write(tmp_path, "other/b.txt", "Other story.")
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus.documents] == ["a"]
    assert sorted(n.path for n in corpus.notices if n.message.startswith("left out: ")) == ["README.md", "other"]
    assert [n.path for n in corpus.notices if "only one article" in n.message] == ["a.txt"]


def test_seed_fixtures_lose_their_furniture() -> None:
    corpus = load_corpus(FIXTURES)
    kept = {d.id[:3]: " ".join(d.text[s.start : s.end] for s in d.sentences) for d in corpus.documents}
    assert "6.4 C" not in kept["001"]
    assert "February 26, 2024" not in kept["001"]
    assert "Zelenskyy" not in kept["002"]  # the next story's teaser after "Next Post"
    assert "Advertisement" not in kept["001"]
    assert kept["003"].count("pays a heavy price") == 1  # the repeated paragraphs


RECORDS = [
    {
        "id": "a",
        "source": "Alpha",
        "published": "2024-05-10",
        "text": "The new river bridge opened on 3 May 2024, the city said.",
    },
    {
        "id": "b",
        "source": "Beta",
        "published": "2024-05-10",
        "text": "The city said the new river bridge opened on 4 May 2024.",
    },
]


def _write_records(path: Path) -> Path:
    import csv

    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    else:
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=["id", "source", "published", "text"])
            w.writeheader()
            w.writerows(RECORDS)
    return path


@pytest.mark.parametrize("name", ["articles.jsonl", "articles.csv"])
def test_a_corpus_as_one_file(tmp_path: Path, name: str) -> None:
    import discrepancy

    result = discrepancy.check(_write_records(tmp_path / name))
    assert [(d.id, d.source, d.published.isoformat()) for d in result.corpus.documents] == [
        ("a", "Alpha", "2024-05-10"), ("b", "Beta", "2024-05-10"),
    ]  # fmt: skip
    (d,) = result.discrepancies
    for p in d.positions:
        for c in p.claims:  # offsets index each record's text
            record = next(r for r in RECORDS if r["id"] == c.doc)
            assert record["text"][c.start : c.end] == c.text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.csv", "id,summary\n1,x\n", "a.csv: no body column .*; columns: id, summary$"),
        ("a.csv", "ID,Summary\n", "a.csv: no body column .*; columns: ID, Summary$"),
        ("a.jsonl", '{"id": "a", "summary": "x"}\n', "a.jsonl: no body field .*; fields: id, summary$"),
        ("a.jsonl", "not json\n", "a.jsonl: no usable article: a.jsonl#1: line 1 is not JSON"),
        ("a.jsonl", '{"id": "", "text": "x"}\n', "needs a non-empty 'id'"),
        ("a.jsonl", "", "a.jsonl: no records"),
        ("a.csv", b"\x00\x01", "a.csv: binary file"),
    ],
)
def test_unusable_record_files(tmp_path: Path, name: str, content: str | bytes, message: str) -> None:
    write(tmp_path, name, content)
    with pytest.raises(CorpusError, match=message) as info:
        load_corpus(tmp_path / name)
    assert "\n" not in str(info.value)


def test_bad_records_are_skipped_with_a_notice(tmp_path: Path) -> None:
    good = [json.dumps(r) for r in RECORDS]
    bad = ["not json", '{"id": "a", "text": "again"}', '{"id": "c"}', '{"id": "d", "text": "  "}', "[1, 2]"]
    write(tmp_path, "a.jsonl", "\n".join([good[0], *bad, good[1]]) + "\n")
    corpus = load_corpus(tmp_path / "a.jsonl")
    assert [d.id for d in corpus.documents] == ["a", "b"]
    assert [(n.path, n.message) for n in corpus.notices] == [
        ("a.jsonl#2", "skipped: line 2 is not JSON (Expecting value)"),
        ("a.jsonl#6", "skipped: line 6 is not a JSON object"),
        ("a.jsonl#3", "skipped: repeats the id 'a' of an earlier record"),
        ("a.jsonl#4", "skipped: the record has no body: no string in a 'text', 'body', 'content', 'article' field"),
        ("a.jsonl#5", "skipped: empty text"),
    ]


def test_a_single_article_says_there_is_nothing_to_compare(tmp_path: Path) -> None:
    write(tmp_path, "only.txt", "The bridge opened on 3 May 2024.")
    corpus = load_corpus(tmp_path)
    assert [n.message for n in corpus.notices] == ["only one article: nothing to compare it with"]


PAGE = """<html><head><title>Bridge opens</title><meta property="og:site_name" content="{site}">
<meta name="date" content="2024-05-10"></head><body><nav>Home | World | Sport</nav><article><h1>Bridge opens</h1>
<p>{body}</p><p>Officials said 12 people were injured in a crush at the ceremony, the mayor said.</p></article>
<footer>Copyright {site}</footer><script>alert(1)</script></body></html>"""


def _write_pages(root: Path) -> Path:
    """Two saved pages of one story that disagree on the opening day."""
    write(
        root,
        "alpha.html",
        PAGE.format(site="Alpha News", body="The new river bridge opened on 3 May 2024, the city said."),
    )
    write(
        root,
        "beta.htm",
        PAGE.format(site="Beta Daily", body="The city said the new river bridge opened on 4 May 2024."),
    )
    return root


def test_saved_web_pages(tmp_path: Path) -> None:
    import discrepancy

    _write_pages(tmp_path)
    result = discrepancy.check(tmp_path)
    docs = result.corpus.by_id()
    assert {(d.id, d.source, d.published.isoformat()) for d in docs.values()} == {
        ("alpha", "Alpha News", "2024-05-10"), ("beta", "Beta Daily", "2024-05-10"),
    }  # fmt: skip
    assert all("Home | World" not in d.text and "Copyright" not in d.text for d in docs.values())  # page furniture
    (d,) = result.discrepancies
    for p in d.positions:
        for c in p.claims:  # offsets index the extracted text
            assert docs[c.doc].text[c.start : c.end] == c.text


@pytest.mark.parametrize("name", ["articles.jsonl", "articles.csv", "pages"])
def test_each_input_kind_from_the_cli(tmp_path: Path, name: str) -> None:
    from click.testing import CliRunner

    from discrepancy.cli import cli

    target = _write_pages(tmp_path / "pages") if name == "pages" else _write_records(tmp_path / name)
    res = CliRunner().invoke(cli, ["check", str(target), "--format", "json"])
    assert res.exit_code == 1, res.output
    data = json.loads(res.stdout)
    (d,) = data["discrepancies"]
    assert {p["normalized"] for p in d["positions"]} == {"2024-05-03", "2024-05-04"}
    assert {doc["source"] for doc in data["corpus"]["documents"]} in ({"Alpha", "Beta"}, {"Alpha News", "Beta Daily"})


TEASER_BODY = """The council of Varnholm approved the new harbour budget on Monday, the mayor's office said.
The plan sets aside 42 million crowns for the northern pier and the ferry terminal.
More from our business desk: shipping rates climb for a third week
Councillor Ines Bratt said the vote was the closest in a decade, with 17 members for and 14 against.
Work on the pier is due to start in April and to last two years, the harbour authority said.
The opposition has asked for an audit of the costs before the first contracts are signed.
"""


@pytest.mark.parametrize("teaser", ["More from our business desk: shipping rates climb for a third week"])
def test_a_teaser_in_the_middle_of_the_body_is_only_that_line(tmp_path: Path, teaser: str) -> None:
    write(tmp_path, "a.txt", TEASER_BODY)
    doc = load_corpus(tmp_path).documents[0]
    removed = [doc.text[b.start : b.end] for b in doc.blocks if not b.kept]
    assert removed == [teaser]
    assert len(doc.sentences) == 5
    assert doc.sentences[-1].text.startswith("The opposition has asked for an audit")


@pytest.mark.parametrize(
    "tail",
    [
        # a cut marker in the last third: the rest is the next story
        "Next Post\nHarbour strike ends after three weeks of talks with the port operators, union says.\n",
        # a cut marker followed by furniture only, however long the rest
        "More from Varnholm Daily\nWeather\nSport\nLetters to the editor\nObituaries\nClassifieds\nJobs\nHomes\n",
    ],
)
def test_a_cut_marker_near_the_end_drops_the_rest(tmp_path: Path, tail: str) -> None:
    body = TEASER_BODY.replace("More from our business desk: shipping rates climb for a third week\n", "")
    write(tmp_path, "a.txt", body + tail)
    doc = load_corpus(tmp_path).documents[0]
    assert [s.text for s in doc.sentences] == body.strip().splitlines()


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("notes.rtf", "a word-processor document"),
        ("old.DOC", "a word-processor document"),
        ("draft.odt", "a word-processor document"),
        ("photo.JPG", "an image"),
        ("scan.png", "an image"),
        ("pages.zip", "an archive"),
        ("feed.tar.gz", "an archive"),
        ("page.mhtml", "a web archive"),
    ],
)
def test_files_not_read_are_named_in_every_report_format(tmp_path: Path, name: str, what: str) -> None:
    from discrepancy import check
    from discrepancy.report import render

    write(tmp_path, "a.txt", "Source: A\n\nTwelve people died on Sunday.\n")
    write(tmp_path, "b.txt", "Source: B\n\nFourteen people died on Sunday.\n")
    write(tmp_path, name, b"\x00\x01binary")
    result = check(tmp_path)
    assert [d.id for d in result.corpus.documents] == ["a", "b"]
    (notice,) = [n for n in result.notices if n.path == name]
    assert notice.message.startswith(f"skipped: {what}, not read")
    for fmt in ("md", "html", "text", "csv", "json", "junit", "sarif", "github"):
        assert name in render(result, fmt), fmt


def test_a_folder_of_files_not_read_is_an_error_naming_one(tmp_path: Path) -> None:
    write(tmp_path, "story.rtf", "{\\rtf1 Twelve people died.}")
    with pytest.raises(CorpusError, match=r"no usable article: story\.rtf: a word-processor document, not read"):
        load_corpus(tmp_path)


BODY_1 = "Twelve people were killed when the bridge collapsed on Sunday, the fire service said."
BODY_2 = "Fourteen people were killed when the bridge collapsed on Sunday, the mayor said."


def test_csv_columns_under_the_names_users_give_them(tmp_path: Path) -> None:
    import csv

    path = tmp_path / "articles.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Headline", "Publisher", "Published At", "Content", "Link", "BYLINE", "Section"])
        w.writerow(
            ["Bridge falls", "Daily Post", "2024-06-02T09:30:00", BODY_1, "https://a.example/1", "A. Writer", "x"]
        )
        w.writerow(["Bridge down", "Herald", "2024-06-03", BODY_2, "https://b.example/2", "", "y"])
    corpus = load_corpus(path)
    assert [(d.id, d.path) for d in corpus.documents] == [
        ("line-2", "articles.csv#line-2"),
        ("line-3", "articles.csv#line-3"),
    ]
    a, b = corpus.documents
    assert (a.title, a.source, a.published, a.published_time, a.url, a.author) == (
        "Bridge falls", "Daily Post", dt.date(2024, 6, 2), dt.time(9, 30), "https://a.example/1", "A. Writer",
    )  # fmt: skip
    assert (b.source, b.published, b.author) == ("Herald", dt.date(2024, 6, 3), "")
    assert a.text == BODY_1 and [s.text for s in a.sentences] == [BODY_1]
    assert [n.message for n in corpus.notices if n.path == "articles.csv"] == [
        "column 'Content' read as the body; 'Headline' as the headline; 'Publisher' as the outlet; "
        "'Published At' as the publication date; 'Link' as the URL; 'BYLINE' as the author",
        "no id column: each article is named by its line number (line-N)",
        "unknown metadata columns ignored: 'Section'",
    ]


def test_jsonl_fields_under_other_names_and_values_as_lists(tmp_path: Path) -> None:
    records = [
        {"article_id": "p1", "maintext": BODY_1, "source_domain": "post.example", "date_publish": "2024-06-02",
         "authors": ["A. Writer", "B. Writer"]},
        {"article_id": "h1", "maintext": BODY_2, "source_domain": "herald.example", "date_publish": "2024-06-02"},
    ]  # fmt: skip
    write(tmp_path, "a.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
    corpus = load_corpus(tmp_path / "a.jsonl")
    by_id = corpus.by_id()
    assert sorted(by_id) == ["h1", "p1"]
    assert (by_id["p1"].text, by_id["p1"].source, by_id["p1"].author) == (
        BODY_1,
        "post.example",
        "A. Writer, B. Writer",
    )
    notes = [n.message for n in corpus.notices if n.path == "a.jsonl"]
    assert notes[0] == (
        "field 'article_id' read as the id; 'maintext' as the body; 'source_domain' as the outlet; "
        "'date_publish' as the publication date; 'authors' as the author"
    )


def test_the_preferred_name_wins_when_two_columns_could_be_the_body(tmp_path: Path) -> None:
    write(tmp_path, "a.csv", f'id,content,text\na,"{BODY_2}","{BODY_1}"\nb,x,"{BODY_2}"\n')
    corpus = load_corpus(tmp_path / "a.csv")
    assert corpus.by_id()["a"].text == BODY_1
    assert [n.message for n in corpus.notices if n.path == "a.csv"] == [
        "column 'content' not read: 'text' is read as the body"
    ]


def test_a_csv_row_spanning_lines_is_named_by_its_first_line(tmp_path: Path) -> None:
    write(tmp_path, "a.csv", f'body\n"{BODY_1}\n\nSecond paragraph."\n"{BODY_2}"\n')
    assert [d.id for d in load_corpus(tmp_path / "a.csv").documents] == ["line-2", "line-5"]


ARTICLE = "<article><h1>Bridge opens</h1><p>The new river bridge opened on 3 May 2024, the city said.</p>" + (
    "<p>Officials said 12 people were injured in a crush at the ceremony, the mayor said.</p></article>"
)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            '<meta property="og:site_name" content="Alpha News"><meta property="og:title" content="Bridge opens at last">'
            '<meta property="article:published_time" content="2024-05-10T14:32:00+02:00">'
            '<meta name="author" content="A. Writer"><meta property="og:url" content="https://alpha.example/b">',
            ("Alpha News", "Bridge opens at last", "2024-05-10 14:32", "A. Writer", "https://alpha.example/b"),
        ),
        (  # the canonical link for the URL; a profile link is no byline; name="date" as a last resort
            '<link rel="canonical" href="https://beta.example/b"><meta name="date" content="2024-05-09">'
            '<meta property="article:author" content="https://facebook.com/someone"><meta name="author" content="B. Writer">'
            '<meta property="og:site_name" content="Beta Daily">',
            ("Beta Daily", "", "2024-05-09", "B. Writer", "https://beta.example/b"),
        ),
        (  # JSON-LD NewsArticle in a @graph, over the <meta> tags
            '<meta property="og:site_name" content="Gamma site tag"><script type="application/ld+json">'
            '{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "x"}, {"@type": "NewsArticle",'
            ' "headline": "Bridge opens to traffic", "datePublished": "2024-05-08T06:00:00Z",'
            ' "publisher": {"@type": "Organization", "name": "Gamma Times"},'
            ' "author": [{"@type": "Person", "name": "C. Writer"}, {"@type": "Person", "name": "D. Writer"}],'
            ' "mainEntityOfPage": {"@id": "https://gamma.example/b"}}]}</script>'
            '<script type="application/ld+json">{not json</script>',
            (
                "Gamma Times",
                "Bridge opens to traffic",
                "2024-05-08 06:00",
                "C. Writer, D. Writer",
                "https://gamma.example/b",
            ),
        ),
    ],
    ids=["open-graph", "canonical", "json-ld"],
)
def test_saved_page_metadata(tmp_path: Path, head: str, expected: tuple[str, ...]) -> None:
    write(tmp_path, "a.html", f"<html><head><title>Page</title>{head}</head><body>{ARTICLE}</body></html>")
    doc = load_corpus(tmp_path).documents[0]
    title = expected[1] or doc.title  # without a tag of its own, the title is trafilatura's
    assert (doc.source, doc.title, doc.published_label, doc.author, doc.url) == (expected[0], title, *expected[2:])
    assert "Bridge opens to traffic" not in doc.text  # metadata, not article text


def test_the_tools_own_files_are_not_notices(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Twelve people died on Sunday.\n")
    write(tmp_path, "b.txt", "Fourteen people died on Sunday.\n")
    for name in ("discrepancy.toml", "decisions.json", "notes.yaml", "Makefile"):
        write(tmp_path, name, "x = 1\n")
    assert load_corpus(tmp_path).notices == ()


@pytest.mark.parametrize(
    ("paths", "ids"),
    [
        (["a.txt", "b.md"], ["a", "b"]),  # unique stems keep their ids (gold files name them)
        (["a.txt", "a.md"], ["a.txt", "a.md"]),
        (["story.html", "story.txt", "other.txt"], ["story.html", "story.txt", "other"]),
        (["a.txt", "a.md", "a.txt.md"], ["a.txt", "a.md", "a.txt.md"]),  # "a.txt" is also a stem
        (["a.txt", "a.txt.md"], ["a", "a.txt"]),  # stems unique: kept
        (["sub/a.txt", "a.txt", "sub/a.md"], ["sub/a.txt", "a", "sub/a.md"]),
        (["notes", "notes.txt"], ["notes", "notes.txt"]),
    ],
)
def test_document_ids_are_unique_readable_and_independent_of_order(paths: list[str], ids: list[str]) -> None:
    from itertools import permutations

    from discrepancy.ingest import document_ids

    for order in permutations(range(len(paths))):
        assert document_ids([paths[i] for i in order]) == dict(zip(paths, ids, strict=True))


def test_two_files_with_one_stem_keep_their_disagreement_apart(tmp_path: Path) -> None:
    """a.txt and a.md used to share the id "a": their disagreement vanished and evidence
    landed on the wrong file."""
    from discrepancy import check

    write(tmp_path, "a.txt", "Source: Alpha\n\nThe bridge opened on 3 May 2021, the city said.")
    write(tmp_path, "a.md", "Source: Beta\n\nThe city said the bridge opened on 4 May 2021.")
    result = check(tmp_path, decisions=False, today=dt.date(2026, 11, 30))
    docs = result.corpus.by_id()
    assert {(d.id, d.path, d.source) for d in docs.values()} == {("a.txt", "a.txt", "Alpha"), ("a.md", "a.md", "Beta")}
    assert [d.kind for d in result.discrepancies] == ["date"]
    cited = {(c.doc, c.text) for p in result.discrepancies[0].positions for c in p.claims}
    assert cited == {("a.txt", "3 May 2021"), ("a.md", "4 May 2021")}
    assert all(docs[c.doc].text[c.start : c.end] == c.text for p in result.discrepancies[0].positions for c in p.claims)
