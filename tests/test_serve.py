"""The review server (`discrepancy review CORPUS --web`): what it refuses (no token, another
site, another Host, any path but the report and its API), where it listens, how it keeps a
decision taken meanwhile elsewhere, how it stops; and a real headless Chromium driven through
selenium that reviews two discrepancies and reloads."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import discrepancy
from discrepancy.cli import cli
from discrepancy.decisions import load, record
from discrepancy.models import Status
from discrepancy.report import html as html_report
from discrepancy.review import decide
from discrepancy.serve import TOKEN_HEADER, ReviewServer
from discrepancy.webreview import Session

REPO = Path(__file__).resolve().parent.parent
ARTICLE = (
    "Title: Bridge <script>document.title='pwned'</script> opens\nSource: {source}\n\n"
    "The bridge opened on {day} May 2021, the city said. About {people} people attended the opening.\n"
)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """Two articles, two discrepancies (the day, the crowd), hostile markup in a title."""
    folder = tmp_path / "bridge"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE.format(source="The Daily", day=3, people=1200), encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE.format(source="The Other Paper", day=4, people=1500), encoding="utf-8")
    return folder


@pytest.fixture()
def server(corpus: Path) -> Iterator[ReviewServer]:
    result = discrepancy.check(str(corpus))
    assert len(result.discrepancies) == 2
    session = Session.of(result, corpus / ".discrepancy" / "decisions", reviewer="ana", date="2024-05-12")
    srv = ReviewServer(session)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(5)


def request(
    srv: ReviewServer, method: str, target: str, body: object = None, *, token: str | None = "", **headers: str
) -> tuple[int, bytes]:
    """One raw request (the target goes on the request line as given, unnormalized)."""
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10)
    conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", headers.pop("Host", f"127.0.0.1:{srv.port}"))
    if token is not None:
        conn.putheader(TOKEN_HEADER, token or srv.token)
    data = b"" if body is None else json.dumps(body).encode("utf-8")
    if body is not None:
        conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(len(data)))
    for name, value in headers.items():
        conn.putheader(name.replace("_", "-"), value)
    conn.endheaders(data)
    resp = conn.getresponse()
    out = resp.status, resp.read()
    conn.close()
    return out


def state(srv: ReviewServer) -> dict:
    code, body = request(srv, "GET", "/api/state")
    assert code == 200
    return json.loads(body)


def stored(corpus: Path) -> set[str]:
    return {p.stem for p in (corpus / ".discrepancy" / "decisions").glob("*.json")}


# --- where it listens and what it refuses ---------------------------------------------------------


@pytest.mark.parametrize("port", [0])
def test_binds_to_loopback_only_on_a_free_port(corpus: Path, port: int) -> None:
    srv = ReviewServer(Session.of(discrepancy.check(str(corpus)), corpus / "d", reviewer="ana"), port=port)
    try:
        assert srv.server_address[0] == "127.0.0.1"
        assert srv.port > 0 and srv.url.startswith(f"http://127.0.0.1:{srv.port}/?token=")
        assert len(srv.token) >= 40, "a fresh token of 32 random bytes"
    finally:
        srv.server_close()


@pytest.mark.parametrize("token", [None, "wrong", "ü"])
def test_a_write_without_the_token_is_refused(server: ReviewServer, corpus: Path, token: str | None) -> None:
    first = state(server)["items"][0]
    code, body = request(server, "POST", "/api/decisions", {"id": first["id"], "status": "confirmed"}, token=token)
    assert code == 403 and b"token" in body
    code, _ = request(server, "GET", "/api/state", token=token)
    assert code == 403, "reading the decisions needs the token too"
    assert stored(corpus) == set(), "nothing was written"


@pytest.mark.parametrize("query", ["", "?token=", "?token=nope"])
def test_the_page_needs_the_token_of_the_printed_address(server: ReviewServer, query: str) -> None:
    code, body = request(server, "GET", "/" + query, token=None)
    assert code == 403 and b"<html" not in body
    code, body = request(server, "GET", f"/?token={server.token}", token=None)
    assert code == 200 and body.startswith(b"<!DOCTYPE html>")


@pytest.mark.parametrize(
    "target",
    [
        "/../../etc/passwd", "/..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/", "//etc/passwd",
        "/a.txt", "/.discrepancy/decisions/", "/report.html", "/api/../api/state", "/api/state/", "/favicon.ico",
        "http://127.0.0.1/", "http://evil.example/api/state", "file:///etc/passwd", "*",
    ],
)  # fmt: skip
def test_any_path_but_the_report_and_its_api_is_refused(server: ReviewServer, target: str) -> None:
    code, body = request(server, "GET", target)
    assert code == 404, (target, code)
    assert b"root:" not in body and b"Bridge" not in body


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1", "127.0.0.1:1", "0.0.0.0:{port}"])
def test_a_bad_host_header_is_refused(server: ReviewServer, corpus: Path, host: str) -> None:
    host = host.format(port=server.port)
    code, _ = request(server, "GET", f"/?token={server.token}", token=None, Host=host)
    assert code == 403
    first = state(server)["items"][0]
    code, _ = request(server, "POST", "/api/decisions", {"id": first["id"], "status": "confirmed"}, Host=host)
    assert code == 403 and stored(corpus) == set()
    code, _ = request(server, "GET", "/api/state", Host=f"localhost:{server.port}")
    assert code == 200, "localhost with the right port is this server too"


@pytest.mark.parametrize(
    "headers", [{"Origin": "http://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}]
)
def test_a_write_from_another_site_is_refused(server: ReviewServer, corpus: Path, headers: dict[str, str]) -> None:
    first = state(server)["items"][0]
    code, _ = request(server, "POST", "/api/decisions", {"id": first["id"], "status": "confirmed"}, **headers)
    assert code == 403 and stored(corpus) == set()


# --- writing decisions -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["confirmed"])
def test_a_decision_is_written_through_the_review_code(server: ReviewServer, corpus: Path, status: str) -> None:
    before = state(server)
    assert (before["total"], before["reviewed"]) == (2, 0)
    item = before["items"][0]
    right = item["values"][1]["normalized"]
    code, body = request(
        server, "POST", "/api/decisions", {"id": item["id"], "status": status, "right": right, "base": item["version"]}
    )
    assert code == 200, body
    saved = load(corpus / ".discrepancy" / "decisions")[item["id"]]
    assert (saved.status, saved.reviewer, saved.date, saved.right) == (Status.CONFIRMED, "ana", "2024-05-12", right)
    path = corpus / ".discrepancy" / "decisions" / f"{item['id']}.json"
    assert json.loads(path.read_text("utf-8"))["right"] == right
    assert (corpus / ".discrepancy" / "decisions" / ".gitignore").is_file(), "the same folder layout as the CLI's"
    after = state(server)
    assert after["reviewed"] == 1 and after["items"][0]["version"] == json.loads(body)["item"]["version"] != ""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "dismissed"}, "note is required"),
        ({"status": "explained", "note": "   "}, "note is required"),
        ({"status": "unreviewed"}, "status must be"),
        ({"status": "confirmed", "right": "no such value"}, "is not one of the values"),
        ({"status": "confirmed", "id": "Dnothere0000"}, "no discrepancy"),
        ({"status": "confirmed", "extra": "x"}, "unknown field"),
        ({"status": "confirmed", "note": ["a"]}, "JSON object of strings"),
    ],
)
def test_a_bad_decision_is_refused_and_nothing_written(
    server: ReviewServer, corpus: Path, change: dict, message: str
) -> None:
    item = state(server)["items"][0]
    code, body = request(server, "POST", "/api/decisions", {"id": item["id"], **change})
    assert code in (400, 404) and message in json.loads(body)["error"]
    assert stored(corpus) == set()


@pytest.mark.parametrize("terminal", ["dismissed"])
def test_a_decision_taken_meanwhile_in_a_terminal_is_not_overwritten(
    server: ReviewServer, corpus: Path, terminal: str
) -> None:
    item = state(server)["items"][0]  # the page loads this (no decision yet: version "")
    d = next(d for d in discrepancy.check(str(corpus)).discrepancies if d.id == item["id"])
    folder = corpus / ".discrepancy" / "decisions"
    record(folder, [decide(d, Status(terminal), note="two different events", reviewer="bo", date="2024-05-13")])
    code, body = request(
        server, "POST", "/api/decisions", {"id": item["id"], "status": "confirmed", "base": item["version"]}
    )
    assert code == 409
    now = json.loads(body)["item"]
    assert now["decision"]["reviewer"] == "bo" and now["status"] == terminal, "the page is sent the current entry"
    assert load(folder)[item["id"]].reviewer == "bo", "the terminal's decision stands"
    # deciding again on what is now shown goes through
    code, _ = request(
        server, "POST", "/api/decisions", {"id": item["id"], "status": "confirmed", "base": now["version"]}
    )
    assert code == 200 and load(folder)[item["id"]].status == Status.CONFIRMED


@pytest.mark.parametrize("old", ["About 1000"])
def test_a_stale_decision_comes_with_the_old_and_new_values(server: ReviewServer, corpus: Path, old: str) -> None:
    crowd = next(i for i in state(server)["items"] if "1200" in i["values"][0]["value"])
    b = corpus / "b.txt"
    b.write_text(b.read_text("utf-8").replace("About 1500", old), encoding="utf-8")
    record(corpus / ".discrepancy" / "decisions", [
        decide(d, Status.CONFIRMED, note="", reviewer="bo", date="2024-05-01")
        for d in discrepancy.check(str(corpus), decisions=False).discrepancies
        if any(old in p.value for p in d.positions)
    ])  # fmt: skip
    b.write_text(b.read_text("utf-8").replace(old, "About 1500"), encoding="utf-8")
    item = next(i for i in state(server)["items"] if i["id"] == crowd["id"])
    assert item["stale"] and item["status"] == "unreviewed" and item["decision"] is None
    assert item["earlier"] and item["earlier"][0]["values"] == ["1,000", "1,200"]
    assert {v["normalized"] for v in item["values"]} == {v["normalized"] for v in crowd["values"]}
    assert state(server)["reviewed"] == 0, "a stale item still needs review"


# --- the page ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", ["<script>document.title='pwned'</script>"])
def test_the_served_page_escapes_article_text_and_the_static_page_is_unchanged(
    server: ReviewServer, corpus: Path, hostile: str
) -> None:
    code, body = request(server, "GET", f"/?token={server.token}", token=None)
    page = body.decode("utf-8")
    assert code == 200 and hostile not in page and "&lt;script&gt;document.title=" in page
    assert f'<meta name="discrepancy-token" content="{server.token}">' in page
    assert page.count("<script>") == 2, "the report's script and the review script, nothing else"
    static = html_report.render(discrepancy.check(str(corpus)))
    assert static == html_report.render(discrepancy.check(str(corpus)), review_token="")
    assert "discrepancy-token" not in static and "review-bar" not in static and static.count("<script>") == 1


@pytest.mark.parametrize("signal_name", ["SIGINT"])
def test_ctrl_c_stops_the_server_cleanly(corpus: Path, signal_name: str) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "discrepancy", "review", str(corpus), "--web", "--no-open", "--reviewer", "ana"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "BROWSER": "false"},
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=(\S+)", line)
        assert url, line + proc.stderr.read() if proc.stderr else line
        conn = http.client.HTTPConnection("127.0.0.1", int(url.group(1)), timeout=10)
        conn.request("GET", f"/?token={url.group(2)}")
        assert conn.getresponse().status == 200
        conn.close()
        proc.send_signal(getattr(signal, signal_name))
        out, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "stopped" in out and "Traceback" not in err
    assert not list(corpus.rglob("*.tmp")), "no half-written file left"


@pytest.mark.parametrize("option", [["--id", "D1"], ["--all"], ["--status", "confirmed"]])
def test_web_takes_no_decision_options(corpus: Path, option: list[str]) -> None:
    run = CliRunner().invoke(cli, ["review", str(corpus), "--web", "--no-open", *option])
    assert run.exit_code == 2 and "--web takes no" in run.output


# --- a real browser ----------------------------------------------------------------------------------

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[Any]:
    """Headless Chromium through Debian's chromedriver (no driver or browser download)."""
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.skip("chromium or chromedriver is not installed (.ci/run installs them)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--window-size=1200,900",
        f"--user-data-dir={tmp_path / 'p'}",
    ):
        options.add_argument(arg)  # fmt: skip
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()


def _ready(driver: Any) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10).until(
        lambda d: d.find_element("css selector", "html").get_attribute("data-review") == "ready"
    )


def _until(driver: Any, css: str, text: str) -> str:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10).until(lambda d: text in d.find_element("css selector", css).text)
    return str(driver.find_element("css selector", css).text)


@pytest.mark.parametrize("note", ["the crowd was counted at different times"])
def test_browser_reviews_two_discrepancies_and_reload_shows_them(
    server: ReviewServer, corpus: Path, browser: Any, note: str
) -> None:
    from selenium.webdriver.common.keys import Keys

    browser.get(server.url)
    _ready(browser)
    assert "pwned" not in browser.title, "article markup stays text"
    assert _until(browser, "#review-progress", "0 of 2 reviewed")
    first, second = (i["anchor"] for i in state(server)["items"])
    body = browser.find_element("css selector", "body")
    body.send_keys("j")  # the first discrepancy
    assert "current" in (browser.find_element("id", first).get_attribute("class") or "")
    body.send_keys("c")  # confirm it
    _until(browser, f"#{first} .review-state", "Confirmed by ana on 2024-05-12")
    _until(browser, "#review-progress", "1 of 2 reviewed")
    body.send_keys("j", "d")  # the second: dismiss asks for the note first
    note_box = browser.switch_to.active_element
    assert note_box.get_attribute("name") == "note"
    _until(browser, "#review-message", "note is required")
    assert stored(corpus) == {first[2:]}, "nothing written before the note"
    note_box.send_keys(note, Keys.ENTER)
    _until(browser, f"#{second} .review-state", f"Dismissed by ana on 2024-05-12 — {note}")
    _until(browser, "#review-progress", "2 of 2 reviewed")
    # the filter knows the new statuses
    status = browser.find_element("css selector", '#filters select[name="status"]')
    status.find_element("css selector", 'option[value="dismissed"]').click()
    _until(browser, "#filter-count", "1 of 2 shown")
    assert not browser.find_element("id", second).get_attribute("hidden")
    browser.refresh()
    _ready(browser)
    _until(browser, f"#{first} .review-state", "Confirmed by ana")
    _until(browser, f"#{second} .review-state", f"Dismissed by ana on 2024-05-12 — {note}")
    _until(browser, "#review-progress", "2 of 2 reviewed")
    # the page as served, before any script runs, says it too (read-only without JavaScript)
    _, served = request(server, "GET", f"/?token={server.token}", token=None)
    article = re.search(rf'<article [^>]*id="{second}"[^>]*>.*?</article>', served.decode("utf-8"), re.DOTALL)
    assert article and 'data-status="dismissed"' in article.group(0) and f"</strong> {note}</p>" in article.group(0)
    assert stored(corpus) == {first[2:], second[2:]}, "exactly the two decisions, one file each"
    decided = load(corpus / ".discrepancy" / "decisions")
    assert decided[first[2:]].status == Status.CONFIRMED and decided[first[2:]].note == ""
    assert decided[second[2:]].status == Status.DISMISSED and decided[second[2:]].note == note
    # and `discrepancy check` agrees: nothing unreviewed is left
    check = CliRunner().invoke(cli, ["check", str(corpus), "--format", "json"])
    assert check.exit_code == 0, check.output
    statuses = {d["id"]: d["status"] for d in json.loads(check.stdout)["discrepancies"]}
    assert statuses == {first[2:]: "confirmed", second[2:]: "dismissed"}
    shots = REPO / "test-artifacts"
    shots.mkdir(exist_ok=True)
    browser.save_screenshot(str(shots / "review.png"))
    # a decision taken meanwhile in a terminal is not overwritten: the page is told, and shows it
    d = next(d for d in discrepancy.check(str(corpus)).discrepancies if d.id == first[2:])
    record(corpus / ".discrepancy" / "decisions", [decide(d, Status.EXPLAINED, note="a recap", reviewer="bo", date="")])
    browser.find_element("css selector", f"#{first} button.decide-confirmed").click()
    _until(browser, "#review-message", "decided meanwhile elsewhere (now explained by bo)")
    _until(browser, f"#{first} .review-state", "Explained by bo — a recap")
    assert load(corpus / ".discrepancy" / "decisions")[first[2:]].reviewer == "bo"


def test_a_client_gone_mid_request_prints_no_traceback(
    server: ReviewServer, capsys: pytest.CaptureFixture[str]
) -> None:
    for gone in (ConnectionResetError(104, "Connection reset by peer"), BrokenPipeError(32, "Broken pipe")):
        try:
            raise gone
        except ConnectionError:
            server.handle_error(None, ("127.0.0.1", 1))
    assert capsys.readouterr().err == ""
    try:
        raise ValueError("a real fault")
    except ValueError:
        server.handle_error(None, ("127.0.0.1", 1))
    assert "ValueError: a real fault" in capsys.readouterr().err
