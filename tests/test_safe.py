"""Corpus text cannot steer a terminal, a CI log or a Markdown page: outlets, titles, ids and
file names holding line breaks, workflow commands, escape sequences, HTML or @mentions come
out escaped in the text report, on stderr, in the GitHub format, in the interactive review and
in the Markdown reports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import discrepancy
from discrepancy.cli import cli
from discrepancy.interactive import show
from discrepancy.report import render
from discrepancy.report.github import job_summary
from discrepancy.safe import code, escape_line, escape_words, guard_lines, json_text, md

PAYLOADS = ("\n::error::x", "\x1b[31m", "\r", "\u2028", "\x00", "\u202e", "\x9b2J", "\ud800")
# What must never reach a terminal or a log raw.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# A log line the GitHub runner would run as a workflow command.
COMMAND = re.compile(r"^\s*(::|##\[)", re.MULTILINE)
HOSTILE = "".join(PAYLOADS)
ARTICLE_A = "The dam failed on 3 May 2024 and 12 people were killed, officials said."
ARTICLE_B = "Officials said 14 people were killed when the dam failed on 3 May 2024."


def hostile_records(tmp_path: Path) -> Path:
    """A JSON Lines corpus whose ids, outlets and titles carry every payload."""
    records = [
        {"id": "a" + HOSTILE, "source": "Alpha" + HOSTILE, "title": "T\n::add-mask::t", "text": ARTICLE_A},
        {"id": "b\x1b[2J", "source": "Beta\n::stop-commands::tok", "text": ARTICLE_B},
    ]
    path = tmp_path / "h.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8", errors="surrogatepass")
    return path


def hostile_files(tmp_path: Path) -> Path:
    """A folder corpus whose file names carry the payloads a file system allows."""
    root = tmp_path / "c"
    root.mkdir()
    (root / "a\n::error::boom\x1b[31m\r\u2028.txt").write_text(f"Source: Al\x1bpha\n\n{ARTICLE_A}\n")
    (root / "::warning::b.txt").write_text(f"Source: Beta\n\n{ARTICLE_B}\n")
    return root


def assert_inert(text: str) -> None:
    assert not RAW.search(text), repr(RAW.search(text))
    assert not COMMAND.search(text), repr(COMMAND.search(text))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escape_line_leaves_one_visible_line(payload: str) -> None:
    out = escape_line(f"Outlet{payload}end")
    assert "\n" not in out and "\r" not in out and not RAW.search(out)
    assert out.startswith("Outlet") and out.endswith("end") and "\\" in out


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\nb", "a\\nb"),
        ("\x1b[31m", "\\x1b[31m"),
        ("\u2028", "\\u2028"),
        ("caf\udce9.txt", "caf\\xe9.txt"),  # an undecodable byte of a file name, as Python keeps it
        ("\ud800", "\\ud800"),
    ],
)
def test_escapes_are_readable(raw: str, shown: str) -> None:
    assert escape_line(raw) == shown


@pytest.mark.parametrize("line", ["::error::x", "  ::add-mask::s", "\u00a0::stop-commands::t", "##[error]x"])
def test_no_line_reads_as_a_workflow_command(line: str) -> None:
    out = guard_lines(f"first\n{line}\nlast\n")
    assert not COMMAND.search(out) and out.startswith("first\n") and out.endswith("\nlast\n")
    assert guard_lines("a::b\nnote: ::x\n") == "a::b\nnote: ::x\n"


def test_json_keeps_its_data_and_loses_the_terminal_controls() -> None:
    data = {"outlet": "A\x9b2J\u2028\u202eB\x1b"}
    out = json_text(json.dumps(data, ensure_ascii=False, indent=2))
    assert json.loads(out) == data and not RAW.search(out) and "\n" in out


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_check_output_and_stderr_are_inert(tmp_path: Path, fmt: str) -> None:
    for corpus in (hostile_records(tmp_path), hostile_files(tmp_path)):
        res = CliRunner().invoke(cli, ["check", str(corpus), "--format", fmt, "--color"], catch_exceptions=False)
        assert res.exit_code == 1, res.output
        out = res.stdout
        if fmt == "github":  # our own commands only: one per line, each a known command
            ours = [ln for ln in out.splitlines() if COMMAND.match(ln)]
            assert all(re.match(r"::(error|warning|notice|group|endgroup)[ :]", ln) for ln in ours), ours
            result = discrepancy.check(corpus)
            assert len(ours) == len(result.discrepancies) + 2 * bool(result.notices)
            out = "\n".join(ln for ln in out.splitlines() if not ln.startswith("::"))
        else:
            out = re.sub(r"\x1b\[[0-9;]*m", "", out)  # the colours asked for
        assert_inert(out)
        assert_inert(res.stderr)


def test_the_text_report_in_a_corpus_folder_names_a_hostile_file_inertly(tmp_path: Path) -> None:
    root = hostile_files(tmp_path)
    result = discrepancy.check(root)
    text = render(result, "text", corpus_dir="")
    assert_inert(text)
    assert "\\x3a:warning::b.txt:3" in text and "a\\n::error::boom\\x1b[31m\\r\\u2028.txt:3" in text


def test_errors_on_stderr_stay_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "gone\n::error::x\x1b[2J"
    res = CliRunner().invoke(cli, ["check", str(missing)])
    assert res.exit_code == 2
    assert len(res.stderr.strip().splitlines()) == 1 and "gone\\n::error::x\\x1b[2J" in res.stderr
    assert_inert(res.stderr)


def test_the_interactive_review_shows_the_discrepancy_inertly(tmp_path: Path) -> None:
    result = discrepancy.check(hostile_records(tmp_path))
    shown = click.unstyle(show(result.discrepancies[0], result, 1, 1))  # less the styles it asks for
    assert_inert(shown)
    assert "Alpha ::error::x\\x1b[31m" in shown and "Beta ::stop-commands::tok" in shown


# --- Markdown --------------------------------------------------------------------------------

MD_ATTACKS = {
    "<img src=x onerror=alert(1)>": "<img",
    "[click](https://evil.example)": "](",
    "![pic](https://evil.example/p.png)": "![",
    "hello @octocat and @org/team": "@octocat",
    "see https://evil.example/x": "https://",
    "see www.evil.example": "www.",
    "mail me@evil.example": "me@evil",
    "fixes #12": "#12",
    "a | b": "a | b",
    "&#x202e;": "&#",
    "`code` and ``more``": "`code`",
}


def shows(raw: str, text: str) -> bool:
    """Whether `raw` is in Markdown text unescaped (not right after a backslash)."""
    return re.search(r"(?<!\\)" + re.escape(raw), text) is not None


def tables(text: str) -> list[list[str]]:
    """The Markdown tables of a text, as lists of rows."""
    out: list[list[str]] = []
    for block in re.split(r"\n(?!\|)", text):
        rows = [ln for ln in block.splitlines() if ln.startswith("|")]
        if rows:
            out.append(rows)
    return out


@pytest.mark.parametrize(("attack", "raw"), MD_ATTACKS.items())
def test_markdown_text_is_inert(attack: str, raw: str) -> None:
    assert not shows(raw, md(attack))
    assert "\n" not in md(attack + "\n# heading")


@pytest.mark.parametrize("text", ["`", "a`b", "x``y`", "|pipe|", "a\nb"])
def test_code_spans_show_the_text_and_hold_together(text: str) -> None:
    span = code(text, cell=True)
    fence = re.match(r"`+", span)
    assert fence and span.endswith(fence.group()) and fence.group() * 2 not in span[len(fence.group()) : -1]
    assert "|" not in span.replace("\\|", "")
    assert escape_words(text).replace("|", "\\|") in span


def test_markdown_reports_render_no_html_link_mention_or_table_break(tmp_path: Path) -> None:
    attack = " ".join(MD_ATTACKS)
    records = [
        {"id": "a<img src=x>@octocat", "source": "Alpha " + attack, "title": attack, "text": ARTICLE_A},
        {"id": "b](http://evil)", "source": "Beta @octocat", "url": "https://beta.example/a", "text": ARTICLE_B},
    ]
    path = tmp_path / "m.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = discrepancy.check(path)
    for text in (render(result, "md"), job_summary(result)):
        plain = re.sub(r"(`+).*?\1", "", text)  # code spans render literally
        for raw in ("<img", "](http", "![", "@octocat", "https://evil", "www.evil", "#12", "&#"):
            assert not shows(raw, plain), raw
        for rows in tables(text):  # no cell breaks out of its row
            assert len({len(re.findall(r"(?<!\\)\|", ln)) for ln in rows}) == 1, rows
    assert "[Beta @\u200boctocat](<https://beta.example/a>)" in render(result, "md")
