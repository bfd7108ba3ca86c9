"""The same-story check (story.py): an article about another story is set aside, so that it never
changes a discrepancy, its values or its id; no article of a real story ever is."""

from __future__ import annotations

import dataclasses
import itertools
import tomllib
from pathlib import Path

import pytest

from discrepancy import check
from discrepancy.ingest import load_corpus
from discrepancy.models import Corpus, Document, Result
from discrepancy.pipeline import run_corpus
from discrepancy.report import RENDERERS, render
from discrepancy.reprints import exact_copies, find_reprints
from discrepancy.settings import Settings, load_settings
from discrepancy.story import off_story
from discrepancy.synth import TEMPLATES, write_corpus

from .conftest import FIXTURES, GOLDEN_TODAY, write_articles
from .quality_gate import REALNEWS, realnews_clusters

ARTICLES: dict[str, str] = {
    a["name"]: a["text"]
    for a in tomllib.loads((Path(__file__).parent / "cases" / "off_story.toml").read_text("utf-8"))["article"]
}
# Each corpus with a place it names itself, for the article that shares a place name.
CORPORA = {"": "Washington", "quake": "Sorvik", "match": "Redmoor", "results": "Brightwater", "election": "Brennmouth"}
CORPORA |= {"trial": "Brennmouth", "crash": "Corrin", "storm": "Isla Marena", "fire": "Ardmere"}

Table = dict[str, tuple[tuple[str, str, tuple[tuple[str, int, int], ...]], ...]]


def loaded(path: Path) -> tuple[Corpus, Settings]:
    settings = dataclasses.replace(load_settings(path), today=GOLDEN_TODAY)
    return load_corpus(path, today=GOLDEN_TODAY, ignore=settings.ignore), settings


def table(result: Result) -> Table:
    """Every discrepancy by id: each position's value, normalized value and claims."""
    return {
        d.id: tuple((p.value, p.normalized, tuple((c.doc, c.start, c.end) for c in p.claims)) for p in d.positions)
        for d in result.discrepancies
    }


def article(tmp: Path, name: str, place: str, doc_id: str) -> Document:
    """One of the unrelated articles, read as a document of id `doc_id`."""
    text = ARTICLES[name].replace("{place}", place)
    doc = load_corpus(write_articles(tmp / doc_id, {f"{doc_id}.txt": text}), today=GOLDEN_TODAY).documents[0]
    assert doc.id == doc_id
    return doc


def with_docs(corpus: Corpus, *docs: Document) -> Corpus:
    return dataclasses.replace(corpus, documents=tuple(sorted((*corpus.documents, *docs), key=lambda d: d.id)))


def aside(corpus: Corpus) -> tuple[str, ...]:
    return off_story(corpus.documents, exact_copies(find_reprints(corpus.documents), corpus.by_id()))


# The corpora some unrelated article changed before the same-story check (the others never did).
CHANGED = ["", "election", "match", "results"]


@pytest.mark.parametrize("name", CHANGED, ids=lambda c: c or "seeds")
def test_unrelated_articles_change_no_discrepancy(name: str, tmp_path: Path) -> None:
    """Each unrelated article, first or last in id order, then all of them together: the
    corpus's discrepancies keep their ids, values and claims, and none is added (before the
    check: the police item moved a claim of the seeds, the match report cost election 1 id and
    match 4, the earnings story results 2)."""
    corpus, settings = loaded(FIXTURES / name)
    before = table(run_corpus(corpus, settings=settings))
    assert before
    extra = [article(tmp_path, a, CORPORA[name], f"{'000' if n % 2 else 'zzz'}-{a}") for n, a in enumerate(ARTICLES)]
    for doc in extra:
        assert table(run_corpus(with_docs(corpus, doc), settings=settings)) == before, f"adding {doc.id}"
    assert table(run_corpus(with_docs(corpus, *extra), settings=settings)) == before


@pytest.mark.parametrize("template", ["results", "sports"])
def test_unrelated_articles_change_nothing_in_a_generated_story(template: str, tmp_path: Path) -> None:
    """Both changed before the same-story check (the earnings story and the match report met
    the generated results and match)."""
    write_corpus(tmp_path / "story", template=template, articles=6, seed=1)
    corpus, settings = loaded(tmp_path / "story")
    before = table(run_corpus(corpus, settings=settings))
    extra = [article(tmp_path, a, "Harbourton", f"x-{a}") for a in ARTICLES]
    assert table(run_corpus(with_docs(corpus, *extra), settings=settings)) == before


@pytest.mark.parametrize("cluster", realnews_clusters() or ["(absent)"])
def test_no_article_of_a_real_cluster_is_set_aside(cluster: str) -> None:
    if not REALNEWS.is_dir():
        pytest.skip("the real-news set (shared/realnews) is absent")
    corpus, _ = loaded(REALNEWS / cluster)
    assert aside(corpus) == ()


@pytest.mark.parametrize("name", sorted(CORPORA), ids=lambda c: c or "seeds")
def test_no_article_of_a_fixture_is_set_aside(name: str) -> None:
    assert aside(loaded(FIXTURES / name)[0]) == ()


@pytest.mark.parametrize(("template", "articles", "seed"), list(itertools.product(sorted(TEMPLATES), (2, 4), (1, 6))))
def test_no_article_of_a_generated_story_is_set_aside(template: str, articles: int, seed: int, tmp_path: Path) -> None:
    """Generated stories plant misspelt names and differing figures, and their articles are short."""
    write_corpus(tmp_path, template=template, articles=articles, seed=seed)
    assert aside(loaded(tmp_path)[0]) == ()


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # two articles that share nothing: neither is the story
        ({"a": ARTICLES["sports"], "b": ARTICLES["earnings"]}, ()),
        # a story of two short articles (a misspelt name is still the name) and one about another
        (
            {
                "a": "Mayor Ilka Varnholt of Dellby said on Monday the Tarrow Bridge would close.",
                "b": "The Tarrow Bridge in Dellby closes next week, Mayor Varnholdt said.",
                "c": ARTICLES["police"],
            },
            ("c",),
        ),
        # an article that names nothing is kept: there is nothing to judge it by
        ({"a": ARTICLES["sports"], "b": ARTICLES["sports"].replace("Thursday", "Friday"), "c": "It rained."}, ()),
        # a brief naming only the official it quotes ("the man", "a 41-year-old climber") is kept
        (
            {
                "a": "On Friday, 41-year-old Tomas Verhoek died after falling from a ridge near Kessel Hut.",
                "b": "Tomas Verhoek, 41, fell about 300ft from the ridge below Kessel Hut.",
                "c": "Inspector Karla Ouden said the man fell near the hut. A 41-year-old climber died on Friday.",
            },
            (),
        ),
    ],
    ids=["two-unrelated", "short-story", "nothing-named", "one-name-brief"],
)
def test_which_articles_are_set_aside(texts: dict[str, str], expected: tuple[str, ...], tmp_path: Path) -> None:
    corpus = load_corpus(write_articles(tmp_path, {f"{k}.txt": v for k, v in texts.items()}), today=GOLDEN_TODAY)
    assert aside(corpus) == expected


@pytest.mark.parametrize("copies", [1, 3])
def test_copies_of_an_unrelated_article_never_outnumber_the_story(copies: int, tmp_path: Path) -> None:
    """Three copies of one unrelated article are one source: the two-article story stays the story."""
    texts = {
        "a.txt": "Mayor Ilka Varnholt of Dellby said on Monday the Tarrow Bridge would close.",
        "b.txt": "The Tarrow Bridge in Dellby closes next week, Mayor Varnholt said.",
    }
    texts |= {f"z{n}.txt": ARTICLES["sports"] for n in range(copies)}
    corpus = load_corpus(write_articles(tmp_path, texts), today=GOLDEN_TODAY)
    assert aside(corpus) == tuple(f"z{n}" for n in range(copies))


def test_the_result_does_not_depend_on_the_order_of_files(tmp_path: Path) -> None:
    corpus, settings = loaded(FIXTURES / "quake")
    extra = [article(tmp_path, a, "Sorvik", f"x-{a}") for a in ARTICLES]
    base = with_docs(corpus, *extra)
    expected = table(run_corpus(base, settings=settings))
    for order in (base.documents[::-1], base.documents[1::2] + base.documents[::2]):
        shuffled = dataclasses.replace(base, documents=order)
        assert aside(shuffled) == tuple(sorted(d.id for d in extra))
        assert table(run_corpus(shuffled, settings=settings)) == expected


@pytest.fixture(scope="module")
def with_robbery(tmp_path_factory: pytest.TempPathFactory) -> Result:
    """The quake corpus with the police item saved in it."""
    corpus = tmp_path_factory.mktemp("quake")
    write_articles(corpus, {p.name: p.read_text("utf-8") for p in (FIXTURES / "quake").glob("*.txt")})
    write_articles(corpus, {"robbery.txt": ARTICLES["police"]})
    return check(corpus, decisions=False, today=GOLDEN_TODAY)


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_every_report_names_the_article_set_aside(fmt: str, with_robbery: Result) -> None:
    result = with_robbery
    text = render(result, fmt)
    assert "robbery.txt" in text
    assert "off-story" in text
    assert all("robbery" not in c.doc for d in result.discrepancies for p in d.positions for c in p.claims)
