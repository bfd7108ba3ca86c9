"""The synthetic-story generator: files, determinism, gold claims, kind coverage, scale, story files."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest

from discrepancy import synth
from discrepancy.evaluate import load_gold
from discrepancy.ingest import load_corpus
from discrepancy.synth import KINDS, TEMPLATES, write_corpus
from discrepancy.synth.check import load as load_template
from discrepancy.synth.check import parse_template
from discrepancy.synth.story import StoryError
from discrepancy.synth.template import FactStep

SEEDS = (1, 2)
N = 6
HEADER = re.compile(r"Title: [^\n]+\nSource: [^\n]+\nDate: (\d{4}-\d{2}-\d{2})\n\n(?=\S)")


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], tuple[Path, dict]]:
    """Every template x seed, generated once for the module."""
    out = {}
    for template in TEMPLATES:
        for seed in SEEDS:
            d = tmp_path_factory.mktemp(f"{template}-{seed}")
            out[template, seed] = (d, write_corpus(d, template=template, articles=N, seed=seed))
    return out


def _gold(d: Path) -> dict:
    return tomllib.loads((d / "gold.toml").read_text("utf-8"))


def _claims(gold: dict) -> list[dict]:
    out = [c for item in gold.get("discrepancy", []) for side in item["sides"] for c in side]
    return out + [c for item in gold.get("agreement", []) for c in item["claims"]]


def _locate(text: str, claim: dict) -> int:
    """Where the evaluator finds a claim: the occurrence-th match, overlapping matches counted."""
    pos = -1
    for _ in range(claim.get("occurrence", 1)):
        pos = text.find(claim["text"], pos + 1)
        assert pos >= 0, f"{claim} not found"
    return pos


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_files_written(corpora, template: str, seed: int) -> None:
    d, summary = corpora[template, seed]
    names = sorted(p.name for p in d.iterdir())
    assert names == [f"a{i:04d}.txt" for i in range(1, N + 1)] + ["discrepancy.toml", "gold.toml"]
    assert (d / "discrepancy.toml").read_bytes() == b""
    gold = _gold(d)
    assert summary == {
        "template": template,
        "articles": N,
        "seed": seed,
        "discrepancies": len(gold.get("discrepancy", [])),
        "agreements": len(gold.get("agreement", [])),
        "bytes": sum(p.stat().st_size for p in d.iterdir()),
    }
    dates = []
    for p in sorted(d.glob("a*.txt")):
        text = p.read_text("utf-8")
        m = HEADER.match(text)
        assert m, p.name
        dates.append(dt.date.fromisoformat(m.group(1)))
        body = text[m.end() :]
        assert "\n\n" in body.strip() and text.endswith("\n") and not re.search(r"[{}<>\[\]\ue000-\ue003]", body)
    assert (max(dates) - min(dates)).days <= 2


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_deterministic(tmp_path: Path, template: str, seed: int) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert write_corpus(a, template=template, articles=N, seed=seed) == write_corpus(
        b, template=template, articles=N, seed=seed
    )
    files = sorted(p.name for p in a.iterdir())
    assert files == sorted(p.name for p in b.iterdir())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_gold_claims_found(corpora, template: str, seed: int) -> None:
    d, _ = corpora[template, seed]
    gold = _gold(d)
    assert gold["version"] == 1
    first = (d / "gold.toml").read_text("utf-8").split("\n", 1)[0]
    assert first == (
        f"# Gold annotations for a synthetic {template} story (seed {seed}, {N} articles). Format version 1."
    )
    texts = {p.stem: p.read_text("utf-8") for p in d.glob("a*.txt")}
    for claim in _claims(gold):
        text = texts[claim["doc"]]
        pos = _locate(text, claim)
        header = HEADER.match(text)
        assert header and pos >= header.end(), f"{claim} points into the header"
        if "occurrence" in claim:
            assert claim["occurrence"] > 1
    for item in gold.get("discrepancy", []):
        assert item["kind"] in KINDS and item["note"] == "planted" and item["subject"]
        true, wrong = item["sides"]
        assert 1 <= len(wrong) < len(true)  # a planted value is a minority
        assert not {c["doc"] for c in true} & {c["doc"] for c in wrong}
    for item in gold.get("agreement", []):
        assert item["kind"] in KINDS and 2 <= len(item["claims"]) <= 6


@pytest.mark.parametrize("template", TEMPLATES)
def test_gold_loads_and_cites_kept_text(corpora, template: str) -> None:
    """The project's gold loader accepts the file; no claim sits in furniture or a repeat."""
    d, _ = corpora[template, 1]
    corpus = load_corpus(d)
    gold = load_gold(d / "gold.toml", corpus)
    docs = corpus.by_id()
    for item in gold.discrepancies + gold.agreements:
        for side in item.sides:
            for span in side:
                blocks = docs[span.doc].blocks
                assert any(b.kept and b.start <= span.start and span.end <= b.end for b in blocks), span


def test_every_kind_planted_across_templates(corpora) -> None:
    kinds = {item["kind"] for t in TEMPLATES for item in _gold(corpora[t, 1][0]).get("discrepancy", [])}
    assert kinds == set(KINDS)
    assert any("hedge conflict" in (corpora[t, 1][0] / "gold.toml").read_text("utf-8") for t in TEMPLATES)


def test_seeds_give_different_stories(corpora) -> None:
    for t in TEMPLATES:
        one, two = (corpora[t, s][0] / "a0001.txt" for s in SEEDS)
        assert one.read_text("utf-8").split("\n")[4:] != two.read_text("utf-8").split("\n")[4:]


def test_five_hundred_articles(tmp_path: Path) -> None:
    summary = write_corpus(tmp_path, template="diplomacy", articles=500, seed=3)
    assert summary["articles"] == 500 and summary["discrepancies"] >= 3
    assert len(list(tmp_path.glob("a0*.txt"))) == 500 and (tmp_path / "a0500.txt").exists()
    gold = _gold(tmp_path)
    for item in gold["discrepancy"]:
        assert all(1 <= len(side) <= 10 for side in item["sides"])
    texts: dict[str, str] = {}
    for claim in _claims(gold):
        text = texts.setdefault(claim["doc"], (tmp_path / f"{claim['doc']}.txt").read_text("utf-8"))
        _locate(text, claim)
    sources = {(tmp_path / f"a{i:04d}.txt").read_text("utf-8").split("\n")[1] for i in range(1, 501)}
    assert 2 < len(sources) < 500  # invented outlets, repeating across many articles


def test_stale_articles_removed(tmp_path: Path) -> None:
    write_corpus(tmp_path, template="court", articles=8, seed=4)
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    write_corpus(tmp_path, template="court", articles=5, seed=4)
    assert sorted(p.name for p in tmp_path.glob("*.txt")) == [f"a{i:04d}.txt" for i in range(1, 6)] + ["notes.txt"]


@pytest.mark.parametrize("n", [1, 2])
def test_tiny_corpora(tmp_path: Path, n: int) -> None:
    summary = write_corpus(tmp_path, template="sports", articles=n, seed=9)
    assert summary["discrepancies"] == 0 and len(list(tmp_path.glob("a*.txt"))) == n


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"template": "weather", "articles": 3, "seed": 1}, "unknown template"),
        ({"template": "court", "articles": 0, "seed": 1}, "positive integer"),
        ({"template": "court", "articles": 3, "seed": "1"}, "integer"),
    ],
)
def test_bad_arguments(tmp_path: Path, kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        write_corpus(tmp_path, **kwargs)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("template", TEMPLATES)
def test_story_file_loads_and_validates(template: str) -> None:
    """Every story template file compiles: expressions, texts, sentences, facts, persons."""
    t = load_template(template)
    assert t.name == template and "day" in {s.key for s in t.steps if isinstance(s, FactStep)}
    assert t.quotes and t.ledes and t.headlines and "quote" in t.body


def _story(template: str) -> str:
    return (Path(synth.__file__).parent / "stories" / f"{template}.toml").read_text("utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('let.deaths = "randint(9, 240)"', 'let.deaths = "randint(9, 240"', r"build\[5\]: let deaths: cannot parse"),
        ('let.deaths = "randint(9, 240)"', 'let.deaths = "__import__(9)"', "only calls of avoiding, choice"),
        ('let.deaths = "randint(9, 240)"', 'let.deaths = "deaths.__class__"', r"attribute \.__class__ is not allowed"),
        ('let.deaths = "randint(9, 240)"', 'let.deaths = "randint(9, 240) ** 2"', "operator Pow is not allowed"),
        (
            'let.deaths = "randint(9, 240)"',
            'let.deaths = "randint(9, injured)"',
            "unknown name 'injured'.*not drawn before",
        ),
        ('vtype = "count"', 'vtype = "counts"', r"fact deaths\): vtype must be one of"),
        ('subject = "death toll"', 'subjekt = "death toll"', "unknown key.*subjekt"),
        ("p = [0.7, 0.9]", "p = [0.7]", r"'p' must be \[low, high\]"),
        ('aftershocks = "{deaths}"', 'aftershocks = "{deths}"', "consts.aftershocks: unknown name 'deths'"),
        ('"{deaths} people were <killed', '"{death} people were <killed', "unknown fact {death}"),
        ("{@official} <visited|toured>", "{@officer} <visited|toured>", "unknown person {@officer}"),
        ("across {$region} province[", "across {$regio} province[", r"unknown constant {\$regio}"),
        ("struck {day}[ {time}].", "struck {day}[ {time}.", "unclosed optional segment"),
        ("[[quotes]]\ntopic", "[[quotes]]\ntopik", r"quotes\[0\]: unknown key"),
        ('quote = "official"', 'quote = "expert"', "speaker 'expert' is not a person"),
        ("summary = ", "summary = 3 #", "'summary' must be str"),
    ],
)
def test_bad_story_file_names_the_place(old: str, new: str, message: str) -> None:
    text = _story("disaster")
    assert old in text
    with pytest.raises(StoryError, match=message) as info:
        parse_template("disaster", text.replace(old, new, 1))
    assert str(info.value).startswith("disaster.toml: ")


def test_bad_toml_is_a_story_error() -> None:
    with pytest.raises(StoryError, match="court.toml: not valid TOML"):
        parse_template("court", _story("court") + "\n[consts\n")
