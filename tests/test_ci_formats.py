"""The CI output formats: SARIF 2.1.0, JUnit XML, GitHub Actions annotations and job summary."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

import discrepancy
from discrepancy import Result, Severity, Status
from discrepancy.report import github, junit, sarif
from discrepancy.report.sarif import LineIndex

from .conftest import ROOT

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
HOSTILE = "<script>&\"'\x00\x01\x0b\ud800</script>"


# --- helpers -----------------------------------------------------------------------------------


def with_statuses(result: Result) -> Result:
    """The seed result with one discrepancy of each review state (and one stale decision)."""
    ds = list(result.discrepancies)
    ds[0] = dataclasses.replace(ds[0], status=Status.DISMISSED, note="Same day, local vs UTC.")
    ds[1] = dataclasses.replace(ds[1], status=Status.EXPLAINED, note="Two events; both right.")
    ds[2] = dataclasses.replace(ds[2], status=Status.CONFIRMED, note="Outlet 3 is wrong.")
    ds[3] = dataclasses.replace(ds[3], stale=True, note="stale: dismissed on x, y (2024-01-01)")
    return dataclasses.replace(result, discrepancies=tuple(ds))


def many(result: Result, high: int, medium: int, low: int, status=Status.UNREVIEWED) -> Result:
    """A result with the given number of discrepancies of each severity (copies of the first)."""
    base = result.discrepancies[0]
    ds = []
    for sev, n in ((Severity.HIGH, high), (Severity.MEDIUM, medium), (Severity.LOW, low)):
        for i in range(n):
            ds.append(
                dataclasses.replace(
                    base,
                    id=f"D{sev}{i:08d}",
                    severity=sev,
                    status=status,
                    subject=f"{sev} subject {i}",
                )
            )
    return dataclasses.replace(result, discrepancies=tuple(ds))


def file_text(uri: str) -> str:
    """A rendered location's file, as the pipeline decoded it (BOM dropped, line ends kept)."""
    with open(ROOT / unquote(uri), encoding="utf-8-sig", newline="") as f:
        return f.read()


def offset_of(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1


def all_locations(log: dict):
    for res in log["runs"][0]["results"]:
        for loc in res.get("locations", []) + res.get("relatedLocations", []):
            yield loc["physicalLocation"]


@pytest.fixture
def hostile_corpus(tmp_path: Path) -> Path:
    """Two articles disagreeing on a date, one full of markup, quotes and control characters
    (NUL itself is refused by ingest as binary, so it is tested on built results below)."""
    (tmp_path / "a.txt").write_bytes(
        b'Title: Bridge <b>opens</b> & "more"\nSource: Daily <script>&"\'\x01 Post\r\n\r\n'
        b"The Harbour bridge opened on 3 May 2021, officials said. "
        b'<script>alert("x&y")</script> \x01\x0b It cost a lot.\r\n\r\nMore text & such.\r\n'
    )
    (tmp_path / "b.txt").write_text(
        "Title: Bridge news\nSource: Evening Star\n\n"
        "The Harbour bridge opened on 9 May 2021, officials said. It cost a lot.\n",
        encoding="utf-8",
    )
    return tmp_path


# --- line and column -----------------------------------------------------------------------------


def test_line_index_counts_lines_and_columns_from_one():
    idx = LineIndex("ab\ncd\r\nef")
    assert idx.position(0) == (1, 1)
    assert idx.position(2) == (1, 3)  # the "\n" itself: just after "ab"
    assert idx.position(3) == (2, 1)
    assert idx.position(5) == (2, 3)  # the "\r" of "\r\n"
    assert idx.position(6) == (2, 3)  # the "\n" of "\r\n": the "\r" is no column
    assert idx.position(7) == (3, 1)
    assert idx.position(9) == (3, 3)  # end of text
    assert idx.region(3, 5) == {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 3}


# --- SARIF ---------------------------------------------------------------------------------------


def sarif_validator():
    import jsonschema  # a test dependency (the "test" extra)

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_vendored_schema_is_the_sarif_2_1_0_schema():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    assert {"run", "result", "region", "suppression", "toolComponent"} <= set(schema["definitions"])


def test_sarif_validates_against_the_schema(seed_result):
    validator = sarif_validator()
    empty = dataclasses.replace(seed_result, discrepancies=())
    for result in (seed_result, with_statuses(seed_result), empty):
        for corpus_dir in ("fixtures", ""):
            log = json.loads(sarif.render(result, corpus_dir=corpus_dir))
            errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
            assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_sarif_hostile_corpus_validates(hostile_corpus):
    result = discrepancy.check(hostile_corpus)
    assert len(result.discrepancies) == 1
    log = json.loads(sarif.render(result, corpus_dir="news"))
    assert not list(sarif_validator().iter_errors(log))
    uris = {p["artifactLocation"]["uri"] for p in all_locations(log)}
    assert uris == {"news/a.txt", "news/b.txt"}


def test_sarif_one_result_per_discrepancy(seed_result):
    log = json.loads(sarif.render(seed_result, corpus_dir="fixtures"))
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "discrepancy"
    assert driver["version"] == discrepancy.__version__
    assert driver["informationUri"] == "https://github.com/discrepancy/discrepancy"
    rule_ids = [r["id"] for r in driver["rules"]]
    assert sorted(rule_ids) == sorted({str(d.kind) for d in seed_result.discrepancies})
    assert all(r["shortDescription"]["text"] for r in driver["rules"])
    results = run["results"]
    assert len(results) == len(seed_result.discrepancies) == 9
    levels = {"high": "error", "medium": "warning", "low": "note"}
    for d, res in zip(seed_result.discrepancies, results, strict=True):
        assert res["ruleId"] == str(d.kind)
        assert rule_ids[res["ruleIndex"]] == str(d.kind)
        assert res["level"] == levels[str(d.severity)]
        assert res["message"]["text"] == d.summary
        key_hash = hashlib.sha256(f"{d.kind}:{d.key}".encode()).hexdigest()[:16]
        assert res["partialFingerprints"] == {"discrepancyId/v1": d.id, "subjectKey/v1": key_hash}
        assert res["properties"]["severity"] == str(d.severity)
        assert res["properties"]["subject"] == d.subject
        assert res["properties"]["status"] == "unreviewed"
        assert res["baselineState"] == "new"
        assert "suppressions" not in res
        n_claims = sum(len(p.claims) for p in d.positions)
        assert len(res["locations"]) == 1
        assert len(res["relatedLocations"]) == n_claims - 1
        assert [x["id"] for x in res["relatedLocations"]] == list(range(1, n_claims))
        first = d.positions[0]
        assert first.value in res["locations"][0]["message"]["text"]
        assert d.positions[-1].value in res["relatedLocations"][-1]["message"]["text"]


def test_sarif_regions_point_at_the_claims(seed_result):
    log = json.loads(sarif.render(seed_result, corpus_dir="fixtures"))
    checked = 0
    for phys in all_locations(log):
        uri, region = phys["artifactLocation"]["uri"], phys["region"]
        assert uri.startswith("fixtures/") and not uri.startswith("/")
        text = file_text(uri)
        snippet = region["snippet"]["text"]
        if region["startLine"] == region["endLine"]:
            line = text.split("\n")[region["startLine"] - 1]
            assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == snippet
        start = offset_of(text, region["startLine"], region["startColumn"])
        end = offset_of(text, region["endLine"], region["endColumn"])
        assert text[start:end] == snippet
        checked += 1
    assert checked == sum(len(p.claims) for d in seed_result.discrepancies for p in d.positions)


def test_sarif_columns_with_crlf_line_ends(hostile_corpus):
    result = discrepancy.check(hostile_corpus)
    log = json.loads(sarif.render(result))
    (res,) = log["runs"][0]["results"]
    for phys in all_locations(log):
        text = (hostile_corpus / phys["artifactLocation"]["uri"]).read_bytes().decode()
        region = phys["region"]
        line = text.split("\n")[region["startLine"] - 1]
        assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == phys["region"]["snippet"]["text"]
    assert res["locations"][0]["physicalLocation"]["region"]["startLine"] == 4


def test_sarif_decisions(seed_result):
    result = with_statuses(seed_result)
    log = json.loads(sarif.render(result, corpus_dir="fixtures"))
    res = {r["partialFingerprints"]["discrepancyId/v1"]: r for r in log["runs"][0]["results"]}
    ds = result.discrepancies
    dismissed, explained, confirmed, stale, unreviewed = (res[d.id] for d in ds[:5])
    assert dismissed["suppressions"] == [
        {"kind": "external", "state": "accepted", "justification": "Same day, local vs UTC."}
    ]
    assert dismissed["properties"]["status"] == "dismissed"
    assert dismissed["baselineState"] == "unchanged"
    assert explained["suppressions"][0]["justification"] == "Two events; both right."
    assert "suppressions" not in confirmed
    assert confirmed["properties"]["status"] == "confirmed"
    assert confirmed["baselineState"] == "unchanged"
    assert "suppressions" not in stale
    assert stale["properties"]["stale"] is True
    assert stale["baselineState"] == "updated"
    assert "suppressions" not in unreviewed
    assert unreviewed["baselineState"] == "new"


def test_sarif_is_deterministic(seed_result):
    one = sarif.render(seed_result, corpus_dir="fixtures")
    two = sarif.render(discrepancy.check(ROOT / "fixtures"), corpus_dir="fixtures")
    assert one.encode() == two.encode()
    assert one.endswith("}\n")
    assert str(ROOT) not in one
    assert json.dumps(json.loads(one), indent=2, sort_keys=True, ensure_ascii=False) + "\n" == one


def test_sarif_uri_joins_corpus_dir():
    assert sarif.artifact_uri("fixtures", "a.txt") == "fixtures/a.txt"
    assert sarif.artifact_uri("./news/story/", "sub/a b.txt") == "news/story/sub/a%20b.txt"
    assert sarif.artifact_uri("news\\story", "é.txt") == "news/story/%C3%A9.txt"
    assert sarif.artifact_uri("", "a.txt") == sarif.artifact_uri(".", "a.txt") == "a.txt"


# --- JUnit ---------------------------------------------------------------------------------------


def test_junit_counts(seed_result):
    root = ET.fromstring(junit.render(seed_result, corpus_dir="fixtures"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "discrepancy"
    assert suite.get("tests") == "9" and suite.get("failures") == "9"
    assert suite.get("skipped") == "0"
    cases = suite.findall("testcase")
    assert len(cases) == 9
    for d, case in zip(seed_result.discrepancies, cases, strict=True):
        assert case.get("classname") == f"discrepancy.{d.kind}"
        assert case.get("name") == f"{d.id}: {d.subject}"
        failure = case.find("failure")
        assert failure.get("message") == d.summary
        assert failure.get("type") == str(d.severity)
        for p in d.positions:
            for c in p.claims:
                assert f'"{" ".join(c.text.split())}"' in failure.text
    body = cases[0].find("failure").text
    assert re.search(r"fixtures/\S+\.txt:\d+:\d+ \"", body)


def test_junit_reviewed_are_skipped(seed_result):
    result = with_statuses(seed_result)
    root = ET.fromstring(junit.render(result))
    suite = root.find("testsuite")
    assert suite.get("tests") == "9"
    assert suite.get("failures") == "6"  # 5 unreviewed + 1 stale
    assert suite.get("skipped") == "3"
    assert root.get("failures") == "6" and root.get("skipped") == "3"
    cases = suite.findall("testcase")
    assert cases[0].find("skipped").get("message") == "dismissed: Same day, local vs UTC."
    assert cases[1].find("skipped").get("message") == "explained: Two events; both right."
    assert cases[2].find("skipped").get("message") == "confirmed: Outlet 3 is wrong."
    assert cases[3].find("failure") is not None and cases[3].find("skipped") is None


def test_junit_no_discrepancies(seed_result):
    empty = dataclasses.replace(seed_result, discrepancies=())
    root = ET.fromstring(junit.render(empty))
    suite = root.find("testsuite")
    assert suite.get("tests") == "1" and suite.get("failures") == "0"
    (case,) = suite.findall("testcase")
    assert case.get("name") == "no discrepancies"
    assert list(case) == []


def test_junit_hostile_corpus_is_well_formed(hostile_corpus):
    result = discrepancy.check(hostile_corpus)
    assert len(result.discrepancies) == 1
    text = junit.render(result, corpus_dir="news")
    root = ET.fromstring(text)
    failure = root.find("testsuite/testcase/failure")
    assert "Daily <script>&\"' Post" in failure.get("message")  # escaped, then parsed back
    assert 'news/a.txt:4:30 "3 May 2021"' in failure.text
    assert "\x01" not in text


def test_junit_hostile_fields_are_well_formed(seed_result):
    d = seed_result.discrepancies[0]
    claim = dataclasses.replace(d.positions[0].claims[0], text=HOSTILE)
    pos = dataclasses.replace(d.positions[0], value=HOSTILE, claims=(claim,))
    open_ = dataclasses.replace(d, subject=HOSTILE, summary=HOSTILE + "\nline two", positions=(pos, *d.positions[1:]))
    closed = dataclasses.replace(d, id="Dclosed", status=Status.DISMISSED, note=HOSTILE)
    result = dataclasses.replace(seed_result, discrepancies=(open_, closed))
    text = junit.render(result)
    root = ET.fromstring(text)
    clean = "<script>&\"'</script>"
    open_case, closed_case = root.findall("testsuite/testcase")
    assert open_case.get("name").endswith(clean)
    assert open_case.find("failure").get("message") == clean + "\nline two"
    body = open_case.find("failure").text
    assert '"<script>&"\'' in body and '</script>" (' in body  # "\x0b" is folded to a space
    assert closed_case.find("skipped").get("message") == f"dismissed: {clean}"
    for bad in ("\x00", "\x01", "\x0b", "\ud800"):
        assert bad not in text


def test_junit_is_deterministic(seed_result):
    one = junit.render(with_statuses(seed_result), corpus_dir="fixtures")
    assert one == junit.render(with_statuses(seed_result), corpus_dir="fixtures")
    assert one.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="discrepancy"')
    assert one.endswith("</testsuites>\n")


# --- GitHub Actions ------------------------------------------------------------------------------

COMMAND = re.compile(
    r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),"
    r"endColumn=(\d+),title=([^,:]+)::(.*)$"
)


def test_github_escapes():
    assert github.escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert github.escape_property("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext%3A a%2C b"
    assert github.escape_property("%3A") == "%253A"  # "%" first, so nothing is decoded twice
    line = github.command("error", "a\nb", file="x,y.txt", title="date: when")
    assert line == "::error file=x%2Cy.txt,title=date%3A when::a%0Ab"


def annotations(out: str) -> list[str]:
    """The workflow commands before the processing notes' group."""
    return out.split("::group::")[0].splitlines()


def test_github_annotations_for_fixtures(seed_result):
    out = github.render(seed_result, corpus_dir="fixtures")
    lines, notes = out.split("::group::discrepancy: processing notes\n")
    lines = lines.splitlines()
    assert out.endswith("::endgroup::\n")
    assert len(lines) == 9
    assert "note: README.md: left out: documentation, not an article" in notes.splitlines()
    assert all(line.startswith("note: ") for line in notes.splitlines()[:-1])  # never read as commands
    docs = seed_result.corpus.by_id()
    levels = {"high": "error", "medium": "warning", "low": "notice"}
    for d, line in zip(seed_result.discrepancies, lines, strict=True):
        m = COMMAND.match(line)
        assert m, line
        level, path, ln, col, end_ln, end_col, title, message = m.groups()
        claim = d.positions[0].claims[0]
        assert level == levels[str(d.severity)]
        assert path == f"fixtures/{docs[claim.doc].path}"
        assert title == github.escape_property(f"{d.kind}: {d.subject}")
        assert message == github.escape_data(d.summary)
        text_line = file_text(path).split("\n")[int(ln) - 1]
        if ln == end_ln:
            assert text_line[int(col) - 1 : int(end_col) - 1] == claim.text


def test_github_caps_each_level_at_ten(seed_result):
    out = github.render(many(seed_result, high=25, medium=12, low=3), corpus_dir="fixtures")
    lines = annotations(out)
    assert [ln.split(" ", 1)[0] for ln in lines].count("::error") == 10
    assert [ln.split(" ", 1)[0] for ln in lines].count("::warning") == 10
    assert [ln.split(" ", 1)[0] for ln in lines].count("::notice") == 4  # 3 + the closing notice
    assert len(lines) == 24
    last = lines[-1]
    assert last.startswith("::notice") and "::17 more unreviewed discrepancies" in last
    assert "15 error, 2 warning" in last


def test_github_closing_notice_keeps_a_place_among_notices(seed_result):
    lines = annotations(github.render(many(seed_result, high=0, medium=0, low=15)))
    assert len(lines) == 10  # GitHub shows 10 notices: 9 discrepancies and the closing one
    assert "::6 more unreviewed discrepancies" in lines[-1]
    exactly = annotations(github.render(many(seed_result, high=10, medium=10, low=10)))
    assert len(exactly) == 30
    assert not any("more unreviewed" in ln for ln in exactly)


def test_github_reviewed_are_not_annotated(seed_result):
    for status in (Status.CONFIRMED, Status.DISMISSED, Status.EXPLAINED):
        assert annotations(github.render(many(seed_result, 3, 3, 3, status=status))) == []
    lines = annotations(github.render(with_statuses(seed_result)))
    assert len(lines) == 6  # 5 unreviewed and 1 stale decision
    reviewed = {d.id for d in with_statuses(seed_result).discrepancies[:3]}
    subjects = {d.subject for d in seed_result.discrepancies if d.id in reviewed}
    unreviewed_subjects = {d.subject for d in seed_result.discrepancies if d.id not in reviewed}
    for s in subjects - unreviewed_subjects:
        assert github.escape_property(s) not in "\n".join(lines)


def test_github_hostile_text_stays_on_one_line(seed_result):
    d = dataclasses.replace(
        seed_result.discrepancies[0],
        subject="a, b: c\r\n::error::x",
        summary="50% off\n::error file=evil::owned",
    )
    out = github.render(dataclasses.replace(seed_result, discrepancies=(d,), notices=()))
    assert out.count("\n") == 1
    assert out.startswith("::error file=")
    assert "title=date%3A a%2C b%3A c%0D%0A%3A%3Aerror%3A%3Ax::" in out
    assert out.rstrip("\n").endswith("::50%25 off%0A::error file=evil::owned")


def test_job_summary(seed_result):
    result = with_statuses(seed_result)
    md = github.job_summary(result, corpus_dir="fixtures")
    assert md.startswith("## discrepancy: fixtures\n")
    assert md.endswith("\n")
    assert "| high |" in md and "| medium |" in md
    assert "| dismissed | 1 |" in md and "| confirmed | 1 |" in md
    assert "| stale decision | 1 |" in md
    rows = [ln for ln in md.splitlines() if ln.startswith("| `D")]
    assert len(rows) == 6
    for d in result.discrepancies[:3]:
        assert d.id not in md
    assert "(stale decision)" in md


def test_job_summary_escapes_and_stays_under_one_mib(seed_result):
    d = dataclasses.replace(seed_result.discrepancies[0], subject="<img src=x> | `x` " * 40)
    one = github.job_summary(dataclasses.replace(seed_result, discrepancies=(d,)))
    assert "<img" not in one.replace("\\<img", "") and "\\<img src=x\\>" in one and "\\|" in one
    big = many(seed_result, high=6000, medium=0, low=0)
    big = dataclasses.replace(
        big,
        discrepancies=tuple(dataclasses.replace(x, subject="long subject " * 50) for x in big.discrepancies),
    )
    md = github.job_summary(big, corpus_dir="fixtures")
    assert len(md.encode()) < 1024 * 1024
    assert "more not shown" in md
    assert github.job_summary(dataclasses.replace(seed_result, discrepancies=())).count("No discrepancies found.") == 1
