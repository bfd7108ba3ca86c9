"""The CI recipes users copy: the pre-commit hook (.pre-commit-hooks.yaml) and the GitHub
composite action (action.yml), read as their tools read them and run as they run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from discrepancy.ingest import MANIFESTS, RECORD_SUFFIXES, SUFFIXES
from discrepancy.report.sarif import INFORMATION_URI
from discrepancy.review import DEFAULT_PATH
from discrepancy.settings import SETTINGS_FILES

from .conftest import ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"
README = ROOT / "README.md"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}  # fmt: skip
# What installing the package from a checkout needs (pyproject.toml names README.md).
PACKAGE_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "action.yml", "discrepancy")

PAGE = """<html><head><title>Bridge opens</title><meta property="og:site_name" content="{site}">
<meta name="date" content="2024-05-10"></head><body><nav>Home | World | Sport</nav><article><h1>Bridge opens</h1>
<p>The new river bridge opened on {day} May 2024, the city said.</p>
<p>Officials said 12 people were injured in a crush at the ceremony, the mayor said.</p></article>
<footer>Copyright {site}</footer></body></html>"""


def git(cwd: Path, *args: str) -> str:
    out = subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def committed_copy(dest: Path) -> Path:
    """This repository's package and recipes, committed in a fresh git repository: what a user
    gets from GitHub at one commit (and clean, so pre-commit uses that commit as it is)."""
    dest.mkdir()
    for name in PACKAGE_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(src, dest / name)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "snapshot")
    return dest


def saved_pages(root: Path, days: tuple[int, int]) -> None:
    """Two saved web pages of one story (read only with the `html` extra)."""
    root.mkdir(parents=True, exist_ok=True)
    for site, day in zip(("Alpha News", "Beta Daily"), days, strict=True):
        name = site.split()[0].lower() + ".html"
        (root / name).write_text(PAGE.format(site=site, day=day), encoding="utf-8")


# --- the pre-commit hook -------------------------------------------------------------------------


def hook() -> dict[str, Any]:
    (entry,) = [h for h in yaml.safe_load(HOOKS.read_text(encoding="utf-8")) if h["id"] == "discrepancy"]
    return entry


def inputs() -> list[str]:
    """A path of every kind of file that can change what `discrepancy check` says."""
    articles = [f"news/story{s}" for s in (*SUFFIXES, *RECORD_SUFFIXES)]
    return [
        *articles,
        *(a.upper() for a in articles),  # suffixes are read in any case
        *(f"news/{m}" for m in MANIFESTS),
        *(f"news/{name}" for name, _ in SETTINGS_FILES),
        *(name for name, _ in SETTINGS_FILES),  # at the repository root
        f"news/{DEFAULT_PATH.as_posix()}",
        "review/decisions.json",  # the `decisions` setting
        "news/.discrepancy/decisions/D1a2b3c4d5e.json",
    ]


def test_hook_files_filter_covers_every_input_and_nothing_else() -> None:
    files = re.compile(hook()["files"])
    assert [p for p in inputs() if not files.search(p)] == []
    assert [p for p in ("src/app.py", "docs/logo.png", "Makefile", "news/story.txt.orig") if files.search(p)] == []


def test_hook_installs_what_checking_needs() -> None:
    """The hook's environment is this repository installed with the `html` extra, so that it
    reads saved pages as CI does (`.[html]` is resolved in the hook's checkout)."""
    h = hook()
    assert h["language"] == "python" and h["entry"] == "discrepancy check" and h["pass_filenames"] is False
    assert h["additional_dependencies"] == [".[html]"]
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert any(dep.startswith("trafilatura") for dep in extras["html"])


def readme_block(heading: str, lang: str) -> str:
    """The first fenced block of a language after a heading of the README."""
    text = README.read_text(encoding="utf-8")
    start = text.index(heading)
    match = re.compile(rf"```{lang}\n(.*?)```", re.S).search(text, start)
    assert match, f"no {lang} block after {heading!r}"
    return match.group(1)


def test_readme_pre_commit_config_names_this_hook_at_a_rev_that_exists() -> None:
    """No invented tag: the rev is `main` (pinned by `pre-commit autoupdate`), a commit sha or
    one of the repository's tags."""
    config = yaml.safe_load(readme_block("### pre-commit", "yaml"))
    (repo,) = config["repos"]
    assert repo["repo"] == INFORMATION_URI
    assert [h["id"] for h in repo["hooks"]] == [hook()["id"]]
    tags = git(ROOT, "tag", "--list").split()
    assert repo["rev"] == "main" or re.fullmatch(r"[0-9a-f]{40}", repo["rev"]) or repo["rev"] in tags
    assert "pre-commit autoupdate" in README.read_text(encoding="utf-8")


@pytest.mark.slow
def test_pre_commit_try_repo_fails_on_a_new_discrepancy_and_passes_once_dismissed(tmp_path: Path) -> None:
    """pre-commit itself installs the hook from a commit of this repository and runs it on a
    repository of saved pages (.html: only the `html` extra reads them, and only a filter that
    covers them runs the hook at all)."""
    hooks = committed_copy(tmp_path / "discrepancy")
    user = tmp_path / "newsroom"
    saved_pages(user, (3, 4))
    git(user, "init", "-q", "-b", "main")
    git(user, "add", "-A")
    git(user, "commit", "-q", "-m", "two pages")
    env = {**os.environ, **GIT_ENV, "PIP_NO_COMPILE": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("VIRTUAL_ENV", None)

    def try_repo() -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), "discrepancy", "--all-files"]
        return subprocess.run(cmd, cwd=user, env=env, capture_output=True, text=True, timeout=900)

    failed = try_repo()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(r"discrepancy \(unreviewed factual discrepancies\)\.+Failed", failed.stdout), failed.stdout
    assert "opened" in failed.stdout and "alpha.html" in failed.stdout  # the date conflict, from the pages
    review = [sys.executable, "-m", "discrepancy", "review", ".", "--all", "--status", "dismissed", "--note", "t"]
    subprocess.run(review, cwd=user, check=True, capture_output=True)
    git(user, "add", "-A")
    git(user, "commit", "-q", "-m", "dismissed")
    passed = try_repo()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"discrepancy \(unreviewed factual discrepancies\)\.+Passed", passed.stdout), passed.stdout
