"""Reprints and rewrites (counted as one source), possible updates (with publication times),
and manifests that give or override metadata."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import discrepancy
from discrepancy import reprints
from discrepancy.cli import cli
from discrepancy.errors import CorpusError
from discrepancy.ingest import load_corpus
from discrepancy.memory import Memory
from discrepancy.models import Document, Sentence
from discrepancy.report import render
from discrepancy.reprints import REWRITE, _candidates, find_reprints
from discrepancy.synth import write_corpus

from .conftest import FIXTURES

WIRE = (
    "Flooding along the Vessa river forced the evacuation of two villages on Sunday, and 12 people were "
    "killed when a road bridge collapsed near the town of Orlen, the regional fire service said. Rescue "
    "teams in boats reached farms cut off by the water late in the evening, and the army sent two "
    "helicopters to lift stranded families from their roofs. Forecasters expect more rain on Monday."
)
OTHER_1 = (
    "Fourteen people died in Orlen after a bridge gave way under the weight of floodwater, local officials "
    "told reporters on Sunday night. Villagers described a wall of brown water sweeping cars off the road."
)
OTHER_2 = (
    "The death toll from the collapse of the Orlen bridge stands at 14, according to the mayor, who asked "
    "residents of the lower town to stay with relatives until the river falls."
)


def write(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def copies_corpus(tmp_path: Path) -> Path:
    """One wire story carried by three outlets (two verbatim, one lightly edited) against two
    independent reports: 3 outlets say 12, but only 2 independent sources say 14 vs 1."""
    return write(
        tmp_path / "copies",
        {
            "a_wire.txt": "Source: Reuters\nDate: 2024-06-02\n\n" + WIRE + "\n",
            "b_daily.txt": "Source: Daily\nDate: 2024-06-02\n\n"
            + WIRE.replace(", the regional", ", the regional")
            + "\n",
            "c_local.txt": "Source: Local\nDate: 2024-06-02\n\nFLOODS: "
            + WIRE.replace("Forecasters expect", "Forecasters said to expect")
            + "\n",
            "d_herald.txt": "Source: Herald\nDate: 2024-06-02\n\n" + OTHER_1 + "\n",
            "e_post.txt": "Source: Post\nDate: 2024-06-02\n\n" + OTHER_2 + "\n",
        },
    )


def test_wire_copies_count_as_one_source(tmp_path: Path) -> None:
    result = discrepancy.check(copies_corpus(tmp_path))
    assert [(r.doc, r.of, r.kind) for r in result.reprints] == [
        ("b_daily", "a_wire", "reprint"),
        ("c_local", "a_wire", "reprint"),
    ]
    (d,) = [d for d in result.discrepancies if d.kind == "quantity"]
    first, second = d.positions
    assert (first.normalized, first.sources, len(first.claims)) == ("14", 2, 2)  # the independent majority
    assert (second.normalized, second.sources, len(second.claims)) == ("12", 1, 3)
    assert "Daily [reprint]" in d.summary and "Local [reprint]" in d.summary
    assert result.source_of()["c_local"] == "a_wire"


def test_copies_are_shown_in_every_report(tmp_path: Path) -> None:
    result = discrepancy.check(copies_corpus(tmp_path))
    md = render(result, "md")
    assert "| Daily |  | 2024-06-02 | `b_daily.txt` | reprint of Reuters (`a_wire.txt`, 100% shared wording) |" in md
    assert "3 outlets, 1 independent source" in md
    html = render(result, "html")
    assert "reprint of <a" in html
    row = next(r for r in html.split("<tr") if r.startswith(' class="disputed"') and "number of people" in r)
    cells = dict(re.findall(r'<td class="(cell-[a-z -]+)" title="[^"]*">([^<]*)</td>', row))
    assert "cell-major" in cells and cells["cell-major"] in {"14", "Fourteen"}  # majority of sources, not copies
    for fmt in ("json", "text", "csv", "sarif", "junit"):
        assert "reprints a_wire.txt" in render(result, fmt, corpus_dir="copies"), fmt


def test_independent_reports_are_not_reprints() -> None:
    for corpus in [FIXTURES, *(p for p in sorted(FIXTURES.iterdir()) if (p / "gold.toml").is_file())]:
        found = find_reprints(load_corpus(corpus).documents)
        expected = {
            "storm": {("islanddaily", "agency", "reprint")},
            "fire": {("metro", "agency", "reprint"), ("valley", "agency", "rewrite")},
        }
        assert {(r.doc, r.of, r.kind) for r in found} == expected.get(corpus.name, set()), corpus.name


def test_reprint_detection_is_independent_of_document_order(tmp_path: Path) -> None:
    docs = load_corpus(FIXTURES / "fire").documents
    assert find_reprints(docs) == find_reprints(tuple(reversed(docs)))


def test_possible_update_with_publication_times() -> None:
    result = discrepancy.check(FIXTURES / "fire")
    toll = next(
        d for d in result.discrepancies if d.kind == "quantity" and {p.normalized for p in d.positions} == {"4", "6"}
    )
    assert toll.possible_update
    assert (
        "published at different times (“Four” on 2026-03-10 07:55; “six” from 2026-03-10 19:30 to 2026-03-11 07:15)"
        in toll.summary
    )
    assert "possible update" in render(result, "md") and "possible update" in render(result, "html")
    assert '"possible_update": true' in render(result, "json")


@pytest.mark.parametrize(
    ("dates", "update"),
    [
        (("2024-06-02", "2024-06-03"), True),
        (("2024-06-02T08:00", "2024-06-02T17:30"), True),
        (("2024-06-02", "2024-06-02"), False),  # same day, no times: order unknown
        (("2024-06-02T08:00", "2024-06-02"), False),
        ((None, "2024-06-03"), False),
    ],
)
def test_update_only_when_publication_order_is_known(tmp_path: Path, dates: tuple, update: bool) -> None:
    texts = [
        "The dam failed on 3 May 2024 and 12 people were killed.",
        "Officials said 14 people were killed when the dam failed on 3 May 2024.",
    ]
    files = {f"{n}.txt": (f"Date: {d}\n\n" if d else "") + t + "\n" for n, d, t in zip("ab", dates, texts, strict=True)}
    (d,) = discrepancy.check(write(tmp_path / "c", files)).discrepancies
    assert d.possible_update is update
    assert ("may be an update" in d.summary) is update


# --- manifests ------------------------------------------------------------------------------


def test_manifest_toml_overrides_what_articles_say(tmp_path: Path) -> None:
    root = copies_corpus(tmp_path)
    (root / "corpus.toml").write_text(
        '["a_wire.txt"]\nsource = "Wire Service"\npublished = 2024-06-01T22:15:00\nurl = "https://example.org/a"\n'
        '["d_herald"]\nsource = "The Herald"\nauthor = "R. Pike"\nsection = "news"\n'
        '["gone.txt"]\nsource = "Nobody"\n',
        encoding="utf-8",
    )
    loaded = load_corpus(root)
    docs = loaded.by_id()
    assert (docs["a_wire"].source, docs["a_wire"].published_label, docs["a_wire"].url) == (
        "Wire Service", "2024-06-01 22:15", "https://example.org/a",
    )  # fmt: skip
    assert (docs["d_herald"].source, docs["d_herald"].author) == ("The Herald", "R. Pike")
    assert docs["e_post"].source == "Post"  # not in the manifest: its own header
    notes = {n.path: n.message for n in loaded.notices}
    assert notes["corpus.toml"] == "unknown metadata keys ignored: 'section'"
    assert notes["gone.txt"] == "listed in the manifest, but there is no such article; ignored"


def test_manifest_csv_from_the_cli(tmp_path: Path) -> None:
    root = copies_corpus(tmp_path)
    (root / "corpus.csv").write_text(
        'path,source,published,autor\nd_herald.txt,"Herald, The",2024-06-03T09:00,x\n', encoding="utf-8"
    )
    res = CliRunner().invoke(cli, ["check", str(root), "--format", "json"])
    assert res.exit_code == 1
    assert '"source": "Herald, The"' in res.stdout and '"published_time": "09:00"' in res.stdout
    assert "unknown metadata keys ignored: 'autor' (did you mean 'author'?)" in res.stdout


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"corpus.csv": "file,source\na_wire.txt,X\n"}, "corpus.csv: no 'path' column (columns: file, source)"),
        ({"corpus.toml": 'source = "X"\n'}, "corpus.toml: 'source' is not a table"),
        ({"corpus.toml": "[a\n"}, "corpus.toml: not valid TOML"),
        ({"corpus.toml": "", "corpus.csv": "path\n"}, "both corpus.toml and corpus.csv; keep one manifest"),
    ],
)
def test_a_broken_manifest_is_an_error(tmp_path: Path, files: dict[str, str], message: str) -> None:
    root = write(copies_corpus(tmp_path), files)
    with pytest.raises(CorpusError, match=re.escape(message)):
        load_corpus(root)
    res = CliRunner().invoke(cli, ["check", str(root)])
    assert res.exit_code == 2 and len(res.stderr.strip().splitlines()) == 1


# --- which copy is the original ------------------------------------------------------------


def _doc(root: Path, name: str, head: str, body: str) -> None:
    write(root, {name: head + "\n\n" + body + "\n"})


@pytest.mark.parametrize(
    ("files", "original"),
    [
        # published first wins, whatever the names
        ({"a_later.txt": "Source: A\nDate: 2024-06-03", "z_first.txt": "Source: Z\nDate: 2024-06-02"}, "z_first"),
        # the same day: the earlier time
        (
            {"a_later.txt": "Source: A\nDate: 2024-06-02 18:00", "z_first.txt": "Source: Z\nDate: 2024-06-02 07:45"},
            "z_first",
        ),
        # a dated copy before an undated one
        ({"a_undated.txt": "Source: A", "z_dated.txt": "Source: Z\nDate: 2024-06-02"}, "z_dated"),
        # a wire credit marks the wire story as the original, even when another copy is dated earlier
        ({"a_paper.txt": "Source: A\nDate: 2024-06-01", "z_agency.txt": "Source: Associated Press"}, "z_agency"),
    ],
)
def test_the_original_is_the_wire_story_or_the_first_published(
    tmp_path: Path, files: dict[str, str], original: str
) -> None:
    root = tmp_path / "c"
    for name, head in files.items():
        _doc(root, name, head, WIRE)
    (found,) = find_reprints(load_corpus(root).documents)
    assert found.of == original
    assert find_reprints(load_corpus(root).documents[::-1]) == (found,)


@pytest.mark.parametrize(
    ("body_a", "body_z", "original"),
    [
        # the same day, no credit: the longer copy (a copy trims), not the first name
        (WIRE.rsplit(" Forecasters", 1)[0], WIRE, "z"),
        (WIRE, WIRE.rsplit(" Forecasters", 1)[0], "a"),
        # a dateline credit in the opening, against a copy without it
        (WIRE, "ORLEN, June 2 (Reuters) - " + WIRE, "z"),
        # a credit line at the end
        (WIRE, WIRE + "\n\n- Reuters", "z"),
        (WIRE, WIRE + "\n\nBy Jane Doe, Associated Press", "z"),
        (WIRE, WIRE + "\n\n© 2024 The Associated Press. All rights reserved.", "z"),
    ],
    ids=["longer-z", "longer-a", "dateline", "dash-credit", "byline-credit", "copyright"],
)
def test_ties_on_the_day_go_to_the_wire_then_the_longer(
    tmp_path: Path, body_a: str, body_z: str, original: str
) -> None:
    root = tmp_path / "c"
    _doc(root, "a.txt", "Source: A\nDate: 2024-06-02", body_a)
    _doc(root, "z.txt", "Source: Z\nDate: 2024-06-02", body_z)
    (found,) = find_reprints(load_corpus(root).documents)
    assert found.of == original


@pytest.mark.parametrize(
    ("head", "body", "wire"),
    [
        ("Source: Reuters", WIRE, True),
        ("Source: The Associated Press", WIRE, True),
        ("Source: AP News", WIRE, True),
        ("Source: Daily\nAuthor: Reuters staff", WIRE, True),
        ("Source: Daily", "WASHINGTON (AP) — " + WIRE, True),
        ("Source: Daily", WIRE + "\nReporting by Jane Doe; editing by Sam Roe - Reuters", True),
        # mentions are not credits
        ("Source: Daily", WIRE + " The mayor told The Associated Press the bridge was old.", False),
        ("Source: Daily", "The crowd cheered (APPLAUSE) as " + WIRE, False),
        ("Source: Daily Ap Herald", WIRE, False),
        ("Source: Daily", WIRE + "\nPhotos: AP", False),
        ("Source: Daily", WIRE + " (Reuters reported the toll first.)", False),
    ],
)
def test_wire_credits(tmp_path: Path, head: str, body: str, wire: bool) -> None:
    from discrepancy.reprints import is_wire

    _doc(tmp_path, "a.txt", head, body)
    assert is_wire(load_corpus(tmp_path).documents[0]) is wire


@given(
    st.dictionaries(st.sampled_from([f"d{i}" for i in range(12)]), st.integers(1, 40), max_size=12),
    st.integers(8, 60),
    st.lists(st.integers(8, 80), min_size=12, max_size=12),
)
def test_the_candidates_are_those_a_sort_by_count_would_visit_before_the_first_that_cannot_reach_a_rewrite(
    counts: dict[str, int], own: int, lengths: list[int]
) -> None:
    sizes = {f"d{i}": n for i, n in enumerate(lengths)}
    visited = []
    for other, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if n < REWRITE * min(own, sizes[other]) / 2:
            break
        visited.append(other)
    assert _candidates(Counter(counts), own, sizes) == visited


@pytest.fixture(scope="module")
def universe(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, ...]:
    """Articles with reprints and rewrites among them: a generated story and the copies corpus."""
    root = tmp_path_factory.mktemp("universe")
    write_corpus(root / "story", template="disaster", articles=40, seed=3)
    return load_corpus(root / "story").documents + load_corpus(copies_corpus(root)).documents


@pytest.mark.parametrize("common", [2, 5, reprints.COMMON])  # small: postings overflow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_memory_of_the_last_run_finds_the_reprints_a_fresh_run_finds(
    universe: tuple[Document, ...], data: st.DataObject, common: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reprints, "COMMON", common)
    memory = Memory()
    indices = st.integers(0, len(universe) - 1)
    for _ in range(data.draw(st.integers(2, 5))):
        chosen = sorted(data.draw(st.sets(indices, min_size=2)))
        docs = {universe[i].id: universe[i] for i in chosen}
        for i, j in data.draw(st.lists(st.tuples(st.sampled_from(chosen), indices), max_size=3)):
            # an article edited into another's text (its place among the originals moves too)
            docs[universe[i].id] = replace(universe[j], id=universe[i].id, path=universe[i].path)
        corpus = tuple(docs.values())
        assert find_reprints(corpus, memory) == find_reprints(corpus)


def test_a_sequence_whose_posting_overflows_only_with_a_new_article_is_read_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # sequences given by hand (COMMON 2): e shares h, k, g1, g2 with a (half its eight, a
    # rewrite), and sees only h and k of them, the postings of g1 and g2 holding a, b and c; once
    # d is indexed under h too, its posting overflows and e no longer finds a as a candidate
    given = {
        "a": {"h", "k", "g1", "g2", "a1", "a2", "a3", "a4"},
        "b": {"h", "g1", "g2", "b1", "b2", "b3", "b4", "b5"},
        "c": {"g1", "g2", "c1", "c2", "c3", "c4", "c5", "c6"},
        "d": {"h", "d1", "d2", "d3", "d4", "d5", "d6", "d7"},
        "e": {"h", "k", "g1", "g2", "e1", "e2", "e3", "e4"},
    }
    monkeypatch.setattr(reprints, "COMMON", 2)
    monkeypatch.setattr(
        reprints, "_sequences", lambda text: frozenset(int.from_bytes(s.encode(), "big") for s in given[text])
    )
    docs = {
        name: Document(
            id=name, path=f"{name}.txt", text=name, sha256="",
            sentences=(Sentence(doc=name, index=0, block=0, start=0, end=1, text=name),),
        )
        for name in given
    }  # fmt: skip
    memory = Memory()
    before = tuple(docs[n] for n in "abce")
    assert find_reprints(before, memory) == find_reprints(before)
    assert [r.doc for r in find_reprints(before)] == ["e"]
    after = tuple(docs.values())
    assert find_reprints(after, memory) == find_reprints(after) == ()
