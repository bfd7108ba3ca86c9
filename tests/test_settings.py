"""Settings: [tool.discrepancy] / discrepancy.toml, validated with did-you-mean hints; options win."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import discrepancy
from discrepancy.cli import cli
from discrepancy.errors import SettingsError
from discrepancy.settings import load_settings

from .conftest import md_title

A = "The bridge opened on 3 May 2021, the city said. Officials said 12 people were injured."
B = "The city said the bridge opened on 4 May 2021. Officials said 12 people were injured."


def corpus(tmp_path: Path, settings: str = "", name: str = "discrepancy.toml") -> Path:
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    if settings:
        (tmp_path / name).write_text(settings, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('fail_on = "high"', "unknown setting 'fail_on'; did you mean 'fail-on'?"),
        ('fail-on = "urgent"', "'fail-on' must be low, medium or high"),
        ('kinds = ["dates"]', "unknown kind 'dates'"),
        ("ignore = 3", "'ignore' must be a list"),
        ("fail-on = ", "cannot read settings"),
        ("title = 3", "'title' must be a non-empty string"),
        ('title = "  "', "'title' must be a non-empty string"),
        ('titel = "x"', "did you mean 'title'?"),
        ("tool.discrepancy = 3", "[tool.discrepancy] must be a table"),
    ],
)
def test_bad_settings_are_errors_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    c = corpus(tmp_path, text)
    with pytest.raises(SettingsError, match="discrepancy.toml") as info:
        load_settings(c)
    assert message in str(info.value)
    res = CliRunner().invoke(cli, ["check", str(c)])
    assert res.exit_code == 2 and message in res.stderr


def test_pyproject_table(tmp_path: Path) -> None:
    c = corpus(tmp_path, '[tool.discrepancy]\nfail-on = "high"\nkinds = ["quantity"]\n', name="pyproject.toml")
    s = load_settings(c)
    assert s.fail_on == "high" and s.kinds == {"quantity"}


def test_kinds_and_fail_on_apply_and_options_win(tmp_path: Path) -> None:
    c = corpus(tmp_path, 'kinds = ["quantity"]\n')
    assert discrepancy.check(c).discrepancies == ()  # the date conflict is not a kind asked for
    (c / "discrepancy.toml").write_text('fail-on = "high"\n', encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["check", str(c)]).exit_code == 1  # a date conflict is high
    (c / "b.txt").write_text(A.replace("12 people", "more than 12 people"), encoding="utf-8")
    assert runner.invoke(cli, ["check", str(c)]).exit_code == 0  # only a hedge differs now: low severity
    assert runner.invoke(cli, ["check", str(c), "--fail-on", "low"]).exit_code == 1  # the option wins


def test_ignore_patterns(tmp_path: Path) -> None:
    c = corpus(tmp_path, 'ignore = ["b.txt"]\n')
    assert [d.id for d in discrepancy.check(c).corpus.documents] == ["a"]


def test_extra_lexicon_terms(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The rebels sent zorbs to the front, officials said.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The rebels sent quargs to the front, officials said.", encoding="utf-8")
    assert discrepancy.check(tmp_path).discrepancies == ()
    (tmp_path / "discrepancy.toml").write_text(
        '[lexicon.gadget]\nterms = []\n[lexicon.zorb]\nparent = "gadget"\nterms = ["zorbs"]\n'
        '[lexicon.quarg]\nparent = "gadget"\nterms = ["quargs"]\n',
        encoding="utf-8",
    )
    (d,) = discrepancy.check(tmp_path).discrepancies
    assert d.kind == "item"


def test_thresholds_apply_and_are_validated(tmp_path: Path) -> None:
    c = corpus(tmp_path, "[thresholds]\npair = 0.99\n")
    assert discrepancy.check(c).discrepancies == ()  # nothing is that alike: no slot, no discrepancy
    (c / "discrepancy.toml").write_text("[thresholds]\npair = 0.45\n", encoding="utf-8")
    assert len(discrepancy.check(c).discrepancies) == 1
    for text, message in (
        ("[thresholds]\npiar = 0.5\n", "did you mean 'pair'?"),
        ("[thresholds]\npair = 3\n", "from 0 to 1"),
    ):
        (c / "discrepancy.toml").write_text(text, encoding="utf-8")
        with pytest.raises(SettingsError, match=message):
            load_settings(c)


def test_extra_frames_reach_the_measures(tmp_path: Path) -> None:
    """A corpus's own frame expressions (settings `frames`) say what a measure is of, for that
    corpus's run only."""
    from discrepancy.keys import Key, KeyKind
    from discrepancy.pipeline import run

    (tmp_path / "a.txt").write_text("The probe descended 3,200 metres before contact was lost.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The probe descended 2,100 metres before contact was lost.", encoding="utf-8")
    depth = Key(KeyKind.FRAME, "depth")

    def framed(path: Path) -> set[str]:
        return {f.raw for f in run(path, decisions=False).facts if depth in f.keys}

    assert framed(tmp_path) == set()
    (tmp_path / "discrepancy.toml").write_text('[frames]\ndepth = ["descended"]\n', encoding="utf-8")
    assert framed(tmp_path) == {"3,200 metres", "2,100 metres"}
    (tmp_path / "discrepancy.toml").unlink()
    assert framed(tmp_path) == set()  # the next run does not keep the last one's frames
    (tmp_path / "discrepancy.toml").write_text("[frames]\ndepth = 'descended'\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="frame 'depth' needs a list"):
        load_settings(tmp_path)


def test_title_setting_and_option(tmp_path: Path) -> None:
    c = corpus(tmp_path, '[tool.discrepancy]\ntitle = "The bridge"\n', name="pyproject.toml")
    assert load_settings(c).title == "The bridge"
    assert discrepancy.check(str(c)).title == "The bridge"
    res = CliRunner().invoke(cli, ["check", str(c), "--format", "md"])
    assert md_title(res.stdout) == "The bridge"
    res = CliRunner().invoke(cli, ["check", str(c), "--format", "md", "--title", "Bridge, revised"])
    assert md_title(res.stdout) == "Bridge, revised", "the option wins"


TABLE = '[tool.discrepancy]\nfail-on = "{}"\n'


def tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("files", "found"),
    [
        # the repository root's pyproject.toml serves a corpus anywhere below it
        ({"repo/.git/HEAD": "", "repo/pyproject.toml": TABLE.format("high")}, "repo/pyproject.toml"),
        # nearest wins: a folder between the corpus and the root
        (
            {"repo/.git/HEAD": "", "repo/pyproject.toml": TABLE.format("high"), "repo/news/discrepancy.toml": ""},
            "repo/news/discrepancy.toml",
        ),
        # a pyproject.toml without [tool.discrepancy] is passed over
        (
            {"repo/.git/HEAD": "", "repo/pyproject.toml": TABLE.format("high"), "repo/news/pyproject.toml": "[x]\n"},
            "repo/pyproject.toml",
        ),
        # in one folder, discrepancy.toml before pyproject.toml
        (
            {"repo/.git/HEAD": "", "repo/news/pyproject.toml": TABLE.format("high"), "repo/news/discrepancy.toml": ""},
            "repo/news/discrepancy.toml",
        ),
        # the corpus folder's own settings first
        (
            {"repo/.git/HEAD": "", "repo/pyproject.toml": TABLE.format("high"), "repo/news/2024/discrepancy.toml": ""},
            "repo/news/2024/discrepancy.toml",
        ),  # fmt: skip
        # the search stops at the folder holding .git (a directory, or a git worktree's file)
        ({"outer/discrepancy.toml": 'fail-on = "high"\n', "outer/repo/.git/HEAD": ""}, None),
        ({"outer/discrepancy.toml": 'fail-on = "high"\n', "outer/repo/.git": "gitdir: /elsewhere\n"}, None),
        # ... and without a repository, at the filesystem root
        ({"outer/discrepancy.toml": 'fail-on = "high"\n'}, "outer/discrepancy.toml"),
    ],
)
def test_settings_are_found_from_the_corpus_up_to_the_repository_root(
    tmp_path: Path, files: dict[str, str], found: str | None
) -> None:
    tree(tmp_path, files)
    base = tmp_path / ("outer/repo" if any(k.startswith("outer") for k in files) else "repo")
    (base / "news" / "2024").mkdir(parents=True, exist_ok=True)
    c = corpus(base / "news" / "2024")
    settings = load_settings(c)
    assert settings.source == (str(tmp_path / found) if found else "")
    assert settings.fail_on == ("high" if found and "fail-on" in (tmp_path / found).read_text() else "low")


def test_settings_from_a_parent_apply_and_are_named_as_the_corpus_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relative corpus path gives relative settings paths in messages; fail-on from the root
    applies (a hedge alone is low: it passes with fail-on high); a broken file is exit 2."""
    tree(tmp_path, {".git/HEAD": "", "pyproject.toml": TABLE.format("high")})
    (tmp_path / "articles").mkdir()
    corpus(tmp_path / "articles")
    (tmp_path / "articles" / "b.txt").write_text(A.replace("12 people", "more than 12 people"), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "articles")
    assert load_settings(Path(".")).source == str(Path("..") / "pyproject.toml")
    runner = CliRunner()
    assert runner.invoke(cli, ["check", "."]).exit_code == 0
    (tmp_path / "pyproject.toml").write_text(TABLE.format("low"), encoding="utf-8")
    assert runner.invoke(cli, ["check", "."]).exit_code == 1
    (tmp_path / "pyproject.toml").write_text('[tool.discrepancy]\nfail-on = "urgent"\n', encoding="utf-8")
    res = runner.invoke(cli, ["check", "."])
    assert res.exit_code == 2
    assert res.stderr.strip().splitlines() == [
        f"Error: {Path('..') / 'pyproject.toml'}: 'fail-on' must be low, medium or high, not 'urgent'"
    ]
