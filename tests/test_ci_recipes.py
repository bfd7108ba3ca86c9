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
<p>{more}</p></article>
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
    more = (
        "Officials said 12 people were injured in a crush at the ceremony, the mayor said.",
        "Traffic was diverted for most of the afternoon while crowds crossed on foot.",
    )
    for site, day, text in zip(("Alpha News", "Beta Daily"), days, more, strict=True):
        name = site.split()[0].lower() + ".html"
        (root / name).write_text(PAGE.format(site=site, day=day, more=text), encoding="utf-8")


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
        f"news/{DEFAULT_PATH.as_posix()}/D1a2b3c4d5e.json",  # one file per decision
        "news/decisions.json",  # an old single decisions file
        "review/decisions/D1a2b3c4d5e.json",  # the `decisions` setting
        f"news/{DEFAULT_PATH.as_posix()}/.gitignore",
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


# --- the GitHub composite action ------------------------------------------------------------------

ACTION = ROOT / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
CONDITION = re.compile(r"^([\w.-]+) (==|!=) '([^']*)'$")


def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


class Runner:
    """Runs the action's shell steps as a GitHub runner would (`bash --noprofile --norc -eo
    pipefail`, GITHUB_OUTPUT per step, the step's env with its expressions filled in, `if:`
    conditions), skipping the steps that `uses:` another action. Only the expressions the
    action uses are known; a new one fails the test until it is taught here."""

    def __init__(self, tmp: Path, workspace: Path, action_path: Path, inputs: dict[str, str]) -> None:
        self.tmp, self.workspace = tmp, workspace
        defaults = {k: str(v.get("default", "")) for k, v in action()["inputs"].items()}
        self.context = {
            **{f"inputs.{k}": v for k, v in {**defaults, **inputs}.items()},
            "github.action_path": str(action_path),
            "github.workspace": str(workspace),
            "runner.temp": str(tmp / "runner-temp"),
        }
        self.summary = tmp / "step-summary.md"
        self.ran: list[str] = []
        self.log = ""

    def value(self, expr: str) -> str:
        assert expr in self.context or expr.startswith("steps."), f"unknown expression {expr!r}"
        return self.context.get(expr, "")

    def fill(self, text: str) -> str:
        return EXPRESSION.sub(lambda m: self.value(m.group(1)), text)

    def wanted(self, step: dict[str, Any]) -> bool:
        if "if" not in step:
            return True
        match = CONDITION.match(step["if"])
        assert match, f"unknown condition {step['if']!r}"
        name, op, expected = match.groups()
        return (self.value(name) == expected) == (op == "==")

    def run(self, *, skip: tuple[str, ...] = ()) -> tuple[str, int]:
        """Run the steps in order; the id (or name) of the last step run and its exit code."""
        (self.tmp / "runner-temp").mkdir(exist_ok=True)
        last = ("", 0)
        for step in action()["runs"]["steps"]:
            key = step.get("id", step["name"])
            if "uses" in step or key in skip or not self.wanted(step):
                continue
            output = self.tmp / f"output-{key}"
            output.write_text("", encoding="utf-8")
            env = {
                **os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(self.summary),
                "GITHUB_OUTPUT": str(output), "GITHUB_WORKSPACE": str(self.workspace),
                "RUNNER_TEMP": self.context["runner.temp"],
                "PATH": os.pathsep.join((str(Path(sys.executable).parent), os.environ["PATH"])),
                **{k: self.fill(str(v)) for k, v in step.get("env", {}).items()},
            }  # fmt: skip
            env.pop("VIRTUAL_ENV", None)
            script = self.tmp / f"step-{key}.sh"
            script.write_text(self.fill(step["run"]), encoding="utf-8")
            done = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=self.workspace, env=env, capture_output=True, text=True, timeout=900,
            )  # fmt: skip
            self.ran.append(key)
            self.log += done.stdout + done.stderr
            for line in output.read_text(encoding="utf-8").splitlines():
                name, _, val = line.partition("=")
                self.context[f"steps.{key}.outputs.{name}"] = val
            last = (key, done.returncode)
            if done.returncode:
                break  # later steps are skipped (none of them says `if: always()`)
        return last


def workspace(tmp_path: Path, second: str) -> Path:
    """A checked-out repository with a corpus in news/: two articles that disagree on a date
    (high) and hedge one figure (low)."""
    ws = tmp_path / "workspace"
    news = ws / "news"
    news.mkdir(parents=True)
    (news / "alpha.txt").write_text(
        "The bridge opened on 3 May 2021, the city said. Officials said 12 people were hurt.\n"
    )
    (news / "beta.txt").write_text(second, encoding="utf-8")
    return ws


CONFLICT = "Officials said more than 12 people were hurt.\nThe city said the bridge opened on\n4 May 2021.\n"


def test_readme_github_actions_recipes_install_from_the_repository() -> None:
    """The README's job uses this action with inputs it has; the recipe without it installs
    from the repository (the package is not on PyPI)."""
    job = yaml.safe_load(readme_block("### GitHub Actions", "yaml"))
    steps = job["jobs"]["check"]["steps"]
    (step,) = [s for s in steps if s.get("uses", "").startswith("discrepancy/discrepancy@")]
    assert set(step["with"]) <= set(action()["inputs"]) and "corpus" in step["with"]
    assert job["jobs"]["check"]["permissions"]["security-events"] == "write"
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### GitHub Actions") : text.index("### pre-commit")]
    installs = re.findall(r"pip install (.+?)(?:\s+#|$)", section, re.M)
    assert installs == [f'"discrepancy[html] @ git+{INFORMATION_URI}@main"']
    assert INFORMATION_URI.removeprefix("https://github.com/") + "@" in section


def test_action_inputs_and_steps() -> None:
    data = action()
    assert data["runs"]["using"] == "composite"
    assert set(data["inputs"]) >= {"corpus", "fail-on", "format", "python-version"}
    assert data["inputs"]["corpus"]["required"] is True
    steps = data["runs"]["steps"]
    uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    assert uses == ["actions/setup-python", "github/codeql-action/upload-sarif"]
    setup = next(s for s in steps if "uses" in s and "setup-python" in s["uses"])
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    upload = next(s for s in steps if "uses" in s and "upload-sarif" in s["uses"])
    assert upload["with"]["sarif_file"] == "${{ steps.check.outputs.sarif-file }}"
    install = next(s for s in steps if s.get("id") == "install")
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}" and '"$ACTION_PATH[html]"' in install["run"]
    assert all(s.get("shell") == "bash" for s in steps if "run" in s)
    assert all("${{" not in s["run"] for s in steps if "run" in s)  # inputs reach scripts through env only


def sarif_basics(path: Path, workspace: Path) -> dict[str, Any]:
    """What GitHub code scanning needs of a SARIF upload."""
    log: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))  # JSON is YAML
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    assert run["tool"]["driver"]["name"] == "discrepancy"
    rules = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert run["results"]
    for result in run["results"]:
        assert result["ruleId"] in rules and result["message"]["text"]
        for loc in result["locations"]:
            physical = loc["physicalLocation"]
            uri = physical["artifactLocation"]["uri"]
            assert not re.match(r"^(/|[a-z]+:|\.\./)", uri, re.I) and (workspace / uri).is_file(), uri
            assert isinstance(physical["region"]["startLine"], int) and physical["region"]["startLine"] >= 1
    return log


@pytest.mark.parametrize("absolute", [False, True], ids=["relative", "absolute"])
def test_action_check_writes_sarif_and_summary_then_fails_after_the_upload(tmp_path: Path, absolute: bool) -> None:
    """The check step (with the test's own install of discrepancy in place of the install
    step) writes the SARIF file and the job summary, prints annotations, and the last step
    fails the job; a corpus given as an absolute path still gives repository-relative URIs."""
    ws = workspace(tmp_path, CONFLICT)
    corpus = str(ws / "news") if absolute else "news"
    runner = Runner(tmp_path, ws, ROOT, {"corpus": corpus})
    runner.context["steps.install.outputs.bin"] = str(Path(sys.executable).parent)
    assert runner.run(skip=("install",)) == ("Fail on unreviewed discrepancies", 1)
    assert runner.context["steps.check.outputs.exit-code"] == "1"
    log = sarif_basics(ws / "discrepancy.sarif", ws)
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"] for loc in r["locations"]
    }
    assert uris <= {"news/alpha.txt", "news/beta.txt"}
    (date,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "date"]
    lines = {
        loc["physicalLocation"]["artifactLocation"]["uri"]: loc["physicalLocation"]["region"]["startLine"]
        for loc in date["locations"] + date["relatedLocations"]
    }
    assert lines == {"news/alpha.txt": 1, "news/beta.txt": 3}  # "4 May 2021" is on line 3
    summary = runner.summary.read_text(encoding="utf-8")
    assert summary.count("## discrepancy: news\n") == 1  # once: the log's report adds none
    assert "**2 to review**" in summary and "“4 May 2021” (beta)" in summary
    assert re.search(r"^::error file=news/(alpha|beta)\.txt,line=\d+", runner.log, re.M)  # the github format
    assert "review them (discrepancy review" in runner.log


@pytest.mark.parametrize("case", ["below fail-on", "dismissed"])
def test_action_passes_when_nothing_unreviewed_is_left(tmp_path: Path, case: str) -> None:
    """Only a low hedge with fail-on high; or every discrepancy dismissed (with the default
    fail-on: the corpus's, else low). The check step passes; the last step does not run."""
    if case == "below fail-on":
        ws = workspace(tmp_path, CONFLICT.replace("4 May", "3 May"))
        inputs = {"corpus": "news", "fail-on": "high"}
    else:
        ws = workspace(tmp_path, CONFLICT)
        review = [
            sys.executable,
            "-m",
            "discrepancy",
            "review",
            "news",
            "--all",
            "--status",
            "dismissed",
            "--note",
            "t",
        ]
        subprocess.run(review, cwd=ws, check=True, capture_output=True)
        inputs = {"corpus": "news", "format": "none"}
    runner = Runner(tmp_path, ws, ROOT, inputs)
    runner.context["steps.install.outputs.bin"] = str(Path(sys.executable).parent)
    assert runner.run(skip=("install",)) == ("check", 0)
    assert runner.ran == ["check"] and runner.context["steps.check.outputs.exit-code"] == "0"
    assert runner.summary.is_file()
    log = sarif_basics(ws / "discrepancy.sarif", ws)
    assert [bool(r.get("suppressions")) for r in log["runs"][0]["results"]] == (
        [True, True] if case == "dismissed" else [False]
    )
    assert ("::notice" in runner.log) == (case == "below fail-on")  # format none prints no second report


def test_action_stops_at_a_bad_corpus(tmp_path: Path) -> None:
    ws = workspace(tmp_path, CONFLICT)
    runner = Runner(tmp_path, ws, ROOT, {"corpus": "nowhere"})
    runner.context["steps.install.outputs.bin"] = str(Path(sys.executable).parent)
    assert runner.run(skip=("install",)) == ("check", 2)
    assert "nowhere: no such file or directory" in runner.log and not (ws / "discrepancy.sarif").exists()


# --- the hook, installed from a commit -------------------------------------------------------------


@pytest.mark.slow
def test_hook_installs_from_a_commit_and_fails_on_new_discrepancies_only(tmp_path: Path) -> None:
    """Installed as users get it, from a commit of this repository, on saved pages (.html: read
    only with the `html` extra, and by the hook only if its filter covers them): the hook, pinned
    to that commit in a `.pre-commit-config.yaml` as the README shows (pre-commit installs its
    environment, with the extra), fails on a repository with a new discrepancy and passes on one
    where it is dismissed. The second run reuses the hook's environment (one pre-commit home, one
    commit). The action's steps are run as written by the tests above; its install step is the
    same `pip install` of the same checkout with the same extra, not repeated here (a minute of
    the suite's three)."""
    commit = committed_copy(tmp_path / "discrepancy")
    new, dismissed = tmp_path / "new", tmp_path / "dismissed"
    sha = git(commit, "rev-parse", "HEAD")
    config = f"repos:\n  - repo: {commit.as_posix()}\n    rev: {sha}\n    hooks:\n      - id: discrepancy\n"
    for user in (new, dismissed):
        saved_pages(user, (3, 4))
        (user / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
        git(user, "init", "-q", "-b", "main")
    review = [sys.executable, "-m", "discrepancy", "review", ".", "--all", "--status", "dismissed", "--note", "t"]
    subprocess.run(review, cwd=dismissed, check=True, capture_output=True)
    for user in (new, dismissed):
        git(user, "add", "-A")
        git(user, "commit", "-q", "-m", "articles")
    env = {
        **os.environ, **GIT_ENV, "PIP_NO_COMPILE": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
    }  # fmt: skip
    env.pop("VIRTUAL_ENV", None)

    def hook(user: Path) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "pre_commit", "run", "discrepancy", "--all-files"]
        return subprocess.run(cmd, cwd=user, env=env, capture_output=True, text=True, timeout=1200)

    failed = hook(new)  # installs the hook's environment
    passed = hook(dismissed)  # reuses it

    hook_line = r"^discrepancy \(unreviewed factual discrepancies\)\.+{}$"
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(hook_line.format("Failed"), failed.stdout, re.M), failed.stdout
    assert "3 May 2024" in failed.stdout and "4 May 2024" in failed.stdout  # the date conflict, from the pages
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(hook_line.format("Passed"), passed.stdout, re.M), passed.stdout
