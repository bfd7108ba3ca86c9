"""The kind registry: a kind is declared once, and a new kind added through the registry alone
is extracted, aligned, compared and rendered in every format."""

from __future__ import annotations

import json
import pickle
import re
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

import discrepancy
from discrepancy.extract import BUILTIN, extract_facts
from discrepancy.extract.context import fact_at
from discrepancy.ingest import make_document
from discrepancy.kinds import KindSpec, LazyExtractor, Registry
from discrepancy.models import Document, Fact, Kind, KindInfo, Severity, word_keys
from discrepancy.pipeline import run
from discrepancy.report import RENDERERS, render
from discrepancy.values import Comparison, Lexicon, Relation, Value
from discrepancy.vocab import Vocabulary

from .conftest import FIXTURES

_COLOUR = re.compile(r"\b(red|blue|green|silver|grey|gray)\s+(car|van|truck)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True, order=True)
class Colour(Value):
    """A toy value: a colour, grey and gray being one."""

    name: str

    def normalized(self) -> str:
        return "grey" if self.name == "gray" else self.name

    def relate(self, other: Value, lexicon: Lexicon) -> Comparison:
        assert isinstance(other, Colour)
        same = self.normalized() == other.normalized()
        return Comparison(Relation.SAME if same else Relation.CONFLICT, "colour")


def extract_colours(doc: Document, vocab: Vocabulary) -> list[Fact]:
    out = []
    for sent in doc.sentences:
        for m in _COLOUR.finditer(sent.text):
            s, e = sent.start + m.start(1), sent.start + m.end(1)
            value = Colour(m.group(1).lower())
            out.append(
                fact_at(
                    doc,
                    sent,
                    s,
                    e,
                    kind="paint",
                    value=value,
                    normalized=value.normalized(),
                    keys=word_keys([m.group(2).lower()]),
                    subject=f"colour of the {m.group(2).lower()}",
                )  # fmt: skip
            )
    return out


TOY = KindSpec(
    info=KindInfo(name="paint", label="paint", rule="Sources give different colours for the same thing."),
    extractor=extract_colours,
    value_type=Colour,
    severity=Severity.MEDIUM,
)
A = "Police said the suspect fled in a silver car on Tuesday night."
B = "The suspect fled in a gray car, police said on Tuesday."
C = "Witnesses said the suspect drove off in a grey car on Tuesday night."


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for name, text in (("a", A), ("b", B), ("c", C)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return tmp_path


def test_registry_refuses_a_kind_declared_twice() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        Registry((*BUILTIN.specs, BUILTIN.specs[0]))


@pytest.mark.parametrize("registry", [BUILTIN.with_kind(TOY)])
def test_a_toy_kind_is_extracted(registry: Registry) -> None:
    facts = extract_facts(make_document("a", A), registry)
    assert [(f.kind, f.raw) for f in facts if f.kind == "paint"] == [("paint", "silver")]
    assert not any(f.kind == "paint" for f in extract_facts(make_document("a", A)))  # BUILTIN is unchanged


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_a_toy_kind_is_aligned_compared_and_rendered(corpus: Path, fmt: str) -> None:
    result = discrepancy.check(corpus, registry=BUILTIN.with_kind(TOY))
    (slot,) = [s for s in result.slots if s.kind == "paint"]
    assert {f.doc for f in slot.facts} == {"a", "b", "c"}
    (d,) = [d for d in result.discrepancies if d.kind == "paint"]
    assert d.severity == Severity.MEDIUM
    assert sorted((p.normalized, len(p.claims)) for p in d.positions) == [("grey", 2), ("silver", 1)]
    assert d.subject == "colour of the car: paint"
    text = render(result, fmt, corpus_dir=str(corpus))
    assert "paint" in text
    if fmt == "sarif":
        assert "Sources give different colours for the same thing." in text
    if fmt in {"md", "html", "text", "json"}:
        assert "silver" in text and "gray" in text


def test_without_the_toy_kind_nothing_is_found(corpus: Path) -> None:
    assert not any(d.kind == "paint" for d in run(corpus).discrepancies)


@pytest.mark.parametrize("kinds", [["date"], ["quote"], ["quantity", "money"]])
def test_the_kinds_setting_selects_what_is_extracted_aligned_and_shown(tmp_path: Path, kinds: list[str]) -> None:
    fixtures = Path(__file__).parent.parent / "fixtures"
    for f in sorted(fixtures.glob("*.txt")):
        (tmp_path / f.name).write_text(f.read_text("utf-8"), encoding="utf-8")
    (tmp_path / "discrepancy.toml").write_text(f"kinds = {kinds!r}\n".replace("'", '"'), encoding="utf-8")
    result = run(tmp_path)
    assert {f.kind for f in result.facts} <= set(kinds)
    assert {s.kind for s in result.slots} <= set(kinds) | ({"weekday"} if "date" in kinds else set())
    assert {d.kind for d in result.discrepancies} <= set(kinds)
    html = render(result, "html")
    shown = set(re.findall(r'class="badge kind-(\w+)"', html))
    assert shown <= set(kinds)


# Run in a fresh process: which submodules of discrepancy.extract (every extractor module,
# today's and any added later) it has imported once its code has run.
_EXTRACTORS_IMPORTED = """
import json, sys
{code}
print(json.dumps(sorted(m for m in sys.modules if m.startswith("discrepancy.extract."))))
"""
_CHECK = """
from click.testing import CliRunner
from discrepancy.cli import cli
res = CliRunner().invoke(cli, ["check", {corpus!r}, "--cache-dir", {cache!r}, "--format", "json"])
assert res.exit_code in (0, 1), res.output
"""


def extractors_imported(code: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", _EXTRACTORS_IMPORTED.format(code=code)], capture_output=True, text=True, check=True
    )
    return list(json.loads(out.stdout.splitlines()[-1]))


@pytest.mark.parametrize("code", ["import discrepancy, discrepancy.pipeline, discrepancy.cli, discrepancy.report.json"])
def test_reading_the_registry_imports_no_extractor(code: str) -> None:
    assert extractors_imported(code + "\nfrom discrepancy.extract import BUILTIN\nBUILTIN.infos()") == []


@pytest.mark.parametrize("corpus", [FIXTURES])
def test_a_check_whose_facts_are_all_cached_imports_no_extractor(corpus: Path, tmp_path: Path) -> None:
    check = _CHECK.format(corpus=str(corpus), cache=str(tmp_path / "cache"))
    cold = extractors_imported(check)
    assert {"discrepancy.extract.dates", "discrepancy.extract.joint"} <= set(cold)  # what this test would see
    assert extractors_imported(check) == []


@pytest.mark.parametrize("spec", [s for s in BUILTIN.specs if s.name == Kind.DATE])
def test_a_lazy_extractor_is_known_by_what_it_names(spec: KindSpec) -> None:
    """Pickled to a worker, or declared twice, the extractor of sibling kinds still runs once."""
    again = replace(spec, extractor=LazyExtractor(spec.extractor.target))  # type: ignore[attr-defined]
    registry = pickle.loads(pickle.dumps(BUILTIN.with_kind(again)))
    assert registry.specs[-1].extractor == spec.extractor
    doc = make_document("a", "The quake struck on Tuesday and the inquiry opened on March 3, 2015.")
    facts = extract_facts(doc, registry)
    assert facts == extract_facts(doc) and len(set(facts)) == len(facts)
    assert {f.kind for f in facts} >= {Kind.DATE, Kind.WEEKDAY}
