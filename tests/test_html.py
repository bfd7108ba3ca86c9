"""The HTML report: structure, determinism, escaping of hostile input, and a real headless browser."""

from __future__ import annotations

import html
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import discrepancy
from discrepancy.report import html as html_report

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
CHROMIUM = "/usr/bin/chromium"

HOSTILE_A = (
    "Title: <script>alert(1)</script>\n"
    "Source: <img src=x onerror=alert(2)>\n"
    "\n"
    "The bridge opened on 3 May 2021, the city said.\n"
    "\n"
    "<script>document.title='pwned'</script>\n"
    "\n"
    'Read more: <a href="javascript:alert(3)">x</a>\n'
)
HOSTILE_B = (
    "Title: Bridge opens\n"
    "Source: The Other Paper\n"
    "\n"
    "The bridge opened on 4 May 2021, the city said.\n"
    "\n"
    "Officials <script>document.title='pwned'</script> cut the ribbon.\n"
)


class Tree(HTMLParser):
    """Collects every start tag with its attributes, script bodies and the text of marks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.marks: list[str] = []
        self._script: list[str] | None = None
        self._mark_depth = 0
        self._mark_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = []
        if tag == "mark":
            self._mark_depth += 1
            if self._mark_depth == 1:
                self._mark_text = []

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None
        if tag == "mark" and self._mark_depth:
            self._mark_depth -= 1
            if not self._mark_depth:
                self.marks.append("".join(self._mark_text))

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        if self._mark_depth:
            self._mark_text.append(data)


def parse(page: str) -> Tree:
    tree = Tree()
    tree.feed(page)
    tree.close()
    return tree


@pytest.fixture(scope="module")
def fixtures_result():
    return discrepancy.check(str(FIXTURES))


@pytest.fixture(scope="module")
def fixtures_page(fixtures_result):
    return html_report.render(fixtures_result)


@pytest.fixture()
def hostile(tmp_path):
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    (corpus / "a.txt").write_text(HOSTILE_A, encoding="utf-8")
    (corpus / "b.txt").write_text(HOSTILE_B, encoding="utf-8")
    result = discrepancy.check(str(corpus))
    return result, html_report.render(result)


# --- structure ------------------------------------------------------------------------------


def test_renders_fixtures_as_one_self_contained_page(fixtures_page):
    page = fixtures_page
    assert page.startswith("<!DOCTYPE html>")
    assert page.rstrip().endswith("</html>")
    for section in ('id="discrepancies"', 'id="facts"', 'id="timeline"', 'id="articles"', "@media print"):
        assert section in page
    tree = parse(page)
    for tag, attrs in tree.tags:
        assert tag != "link", "no external stylesheets"
        assert "src" not in attrs, f"no external assets: <{tag}>"
        href = attrs.get("href")
        if href is not None:  # the fixtures give no article URL: every link stays in the page
            assert href.startswith("#"), f"only in-page links: {href}"
    assert tree.scripts == [html_report.SCRIPT], "only the static filter script"


def test_deterministic(fixtures_result, fixtures_page):
    assert html_report.render(fixtures_result) == fixtures_page
    assert html_report.render(discrepancy.check(str(FIXTURES))) == fixtures_page


def test_every_discrepancy_and_claim_appears(fixtures_result, fixtures_page):
    tree = parse(fixtures_page)
    ids = {attrs.get("id") for _, attrs in tree.tags}
    assert fixtures_result.discrepancies
    for d in fixtures_result.discrepancies:
        assert d.id in fixtures_page
        assert f"d-{d.id}" in ids
        for p in d.positions:
            for c in p.claims:
                assert c.text in tree.marks, f"claim {c.text!r} is not inside a <mark>"
                assert f"doc-{c.doc}-{c.start}" in ids, "the claim's link has its target"
    # every in-page link resolves
    for _, attrs in tree.tags:
        href = attrs.get("href")
        if href:
            assert href[1:] in ids, f"dangling link {href}"


def test_fact_table_has_one_row_per_slot(fixtures_result, fixtures_page):
    table = re.search(r'<table class="facts" id="fact-table">(.*?)</table>', fixtures_page, re.DOTALL)
    assert table
    body = table.group(1).split("<tbody>", 1)[1]
    assert body.count("<tr") == len(fixtures_result.slots) > 0
    assert body.count('class="disputed"') >= 1
    assert body.count('class="agree"') >= 1, "agreeing facts are shown too"
    header = table.group(1).split("<tbody>", 1)[0]
    assert header.count('<th scope="col">') == len(fixtures_result.corpus.documents) + 2


def test_quote_differences_are_marked(fixtures_result, fixtures_page):
    if any(str(d.kind) == "quote" for d in fixtures_result.discrepancies):
        assert "<del>" in fixtures_page and "<ins>" in fixtures_page


def test_removed_blocks_are_dimmed_with_their_reason(fixtures_result, fixtures_page):
    reasons = {b.reason for d in fixtures_result.corpus.documents for b in d.blocks if not b.kept}
    assert reasons
    for reason in reasons:
        assert f'<span class="removed" title="{html.escape(reason)}">' in fixtures_page


def test_timeline_places_dated_facts(fixtures_page):
    svg = re.search(r"<svg.*?</svg>", fixtures_page, re.DOTALL)
    assert svg and "<circle" in svg.group(0) and "<title>" in svg.group(0)


def test_nothing_datable_says_so(tmp_path):
    corpus = tmp_path / "plain"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Officials said 12 people were hurt.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Officials said 15 people were hurt.\n", encoding="utf-8")
    page = html_report.render(discrepancy.check(str(corpus)))
    assert "<svg" not in page
    assert "no timeline" in page


# --- hostile input --------------------------------------------------------------------------


def test_hostile_input_is_escaped(hostile):
    result, page = hostile
    assert any(str(d.kind) == "date" for d in result.discrepancies), "the date disagreement is found"
    for raw in ("<script>alert", "<img src=x", "<script>document", '<a href="javascript:', "=javascript:"):
        assert raw not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    tree = parse(page)
    assert tree.scripts == [html_report.SCRIPT]
    assert not [t for t, _ in tree.tags if t in ("img", "iframe", "object", "embed")]
    for tag, attrs in tree.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler attribute on <{tag}>"
            assert "javascript:" not in (value or ""), f"javascript: URL in <{tag} {name}>"
    # every remaining "javascript:" is escaped text
    for m in re.finditer("javascript:", page):
        assert page[m.start() - 6 : m.start()] == "&quot;"
    assert "<mark" in page and "3 May 2021" in page and "4 May 2021" in page


# --- real browser ---------------------------------------------------------------------------


def _chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (.ci/run installs it)")
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
    ]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:  # an alert() left open by hostile script blocks the page
        pytest.fail("chromium did not finish within 60 s (did a script on the page call alert()?)")


def test_browser_runs_no_hostile_script(hostile, tmp_path):
    _, page = hostile
    report = tmp_path / "report.html"
    report.write_text(page, encoding="utf-8")
    run = _chromium(["--dump-dom", report.as_uri()], tmp_path / "profile")
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    assert "</html>" in dom
    title = re.search(r"<title>(.*?)</title>", dom, re.DOTALL)
    assert title and "pwned" not in title.group(1)
    assert title.group(1).startswith("Consistency report")
    # nothing the hostile markup would have created exists; its text is shown as text
    tree = parse(dom)
    assert not [t for t, _ in tree.tags if t in ("img", "iframe", "object", "embed")]
    assert tree.scripts == [html_report.SCRIPT], "no script element but the page's own"
    for tag, attrs in tree.tags:
        assert not any(name.startswith("on") for name in attrs), f"event handler on <{tag}>"
        assert not (attrs.get("href") or "").startswith("javascript:"), f"javascript: link on <{tag}>"
    assert "<script>alert" not in dom and "<script>document" not in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert '&lt;a href="javascript:alert(3)"&gt;x&lt;/a&gt;' in dom
    # the page's own script ran (the filter form was revealed) and the key parts are there
    assert 'id="filter-count"' in dom and re.search(r'<output id="filter-count">\d+ of \d+ shown', dom)
    for key in ('id="discrepancies"', 'id="fact-table"', 'id="timeline"', "<svg", 'id="articles"'):
        assert key in dom, key


def test_browser_screenshot_of_fixtures_report(fixtures_page, tmp_path):
    report = tmp_path / "report.html"
    report.write_text(fixtures_page, encoding="utf-8")
    artifacts = REPO / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    shot = artifacts / "report.png"
    if shot.exists():
        shot.unlink()
    run = _chromium([f"--screenshot={shot}", "--window-size=1280,2000", report.as_uri()], tmp_path / "profile")
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.exists()
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000


# A page that shows the report in a frame 400 px wide (headless Chromium will not lay out a
# window narrower than 500 px) and records how wide the report's content is, and which elements
# reach past the frame's right edge outside a scroll box (tables and the timeline scroll).
NARROW = 400
FRAME = """<!DOCTYPE html><html><head><style>body{margin:0}iframe{border:0;width:%dpx;height:1600px;display:block}</style>
</head><body><iframe id="f" src="report.html"></iframe><script>
document.getElementById("f").addEventListener("load", function () {
  var d = this.contentDocument.documentElement, wide = [];
  this.contentDocument.querySelectorAll("body *").forEach(function (el) {
    if (el.getBoundingClientRect().right > d.clientWidth + 1 && !el.closest(".scroll")) wide.push(el.tagName.toLowerCase());
  });
  document.body.setAttribute("data-width", d.scrollWidth + " " + d.clientWidth);
  document.body.setAttribute("data-wide", wide.join(" "));
});
</script></body></html>"""


def _long_names_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "long"
    corpus.mkdir()
    (corpus / "a_file_name_that_runs_on_and_on_without_a_single_break_in_it_at_all.txt").write_text(
        "Title: A bridge opens after a very long delay\nSource: The Extremely Long Named Daily Chronicle\n"
        "Date: 2021-05-04 09:30\nURL: https://example.com/news/2021/05/04/a-slug-that-never-breaks-anywhere-"
        "because-it-has-no-spaces-in-it?utm_source=feed&utm_medium=rss\n\n"
        "The bridge opened on 3 May 2021, the city said. About 1200 people attended.\n",
        encoding="utf-8",
    )
    (corpus / "b.txt").write_text(
        "Title: Bridge opens\nSource: The Other Paper\nDate: 2021-05-05\n\n"
        "The bridge opened on 4 May 2021, the city said. More than 1200 people attended.\n",
        encoding="utf-8",
    )
    return corpus


@pytest.mark.parametrize("which", ["fixtures", "long names"])
def test_browser_readable_400px_wide(fixtures_page, tmp_path, which):
    page = (
        fixtures_page
        if which == "fixtures"
        else html_report.render(discrepancy.check(str(_long_names_corpus(tmp_path))))
    )
    (tmp_path / "report.html").write_text(page, encoding="utf-8")
    frame = tmp_path / "frame.html"
    frame.write_text(FRAME % NARROW, encoding="utf-8")
    args = ["--allow-file-access-from-files", "--virtual-time-budget=5000", "--window-size=500,900"]
    run = _chromium([*args, "--dump-dom", frame.as_uri()], tmp_path / "profile")
    assert run.returncode == 0, run.stderr[-2000:]
    width = re.search(r'data-width="(\d+) (\d+)"', run.stdout)
    assert width, "the frame loaded and was measured"
    scroll, client = int(width.group(1)), int(width.group(2))
    assert NARROW - 20 <= client <= NARROW, "laid out at 400 px (less a scroll bar)"
    assert scroll <= client, f"the page scrolls sideways at {NARROW} px: {scroll} > {client}"
    wide = re.search(r'data-wide="([^"]*)"', run.stdout)
    assert wide and wide.group(1) == "", f"elements wider than {NARROW} px: {wide.group(1) if wide else '?'}"
    # and a screenshot 400 px wide, kept with the test artifacts
    artifacts = REPO / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    shot = artifacts / f"report-{NARROW}px-{which.replace(' ', '-')}.png"
    shot.unlink(missing_ok=True)
    run = _chromium(
        [*args[:2], f"--window-size={NARROW},1600", f"--screenshot={shot}", frame.as_uri()], tmp_path / "p2"
    )
    assert run.returncode == 0, run.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == NARROW
