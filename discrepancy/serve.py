"""The review server: the HTML report with review controls, on 127.0.0.1 only, for
`discrepancy review CORPUS --web`. Standard library only (http.server).

It serves exactly three things and nothing else (no files, so no path to traverse):

    GET  /?token=T        the report page with the review controls (webreview.py does the work)
    GET  /api/state       every discrepancy's review state, read from disk on each request
    POST /api/decisions   one decision (JSON), refused with 409 if it changed on disk meanwhile

Security: the socket binds to 127.0.0.1, never another address. Each session has a random
token (`secrets.token_urlsafe`), in the printed address and in the page, required on every
request but the 404s (the page by `?token=`, the API by the X-Discrepancy-Token header, compared
with `hmac.compare_digest`): a site open in the same browser cannot read it, so it cannot write
(a cross-site request cannot set the header without a CORS preflight, which is never granted).
The Host header must name this server (127.0.0.1 or localhost and its port), which defeats DNS
rebinding; a write must come from this origin (Origin, Sec-Fetch-Site) as JSON. The page is sent
with a Content-Security-Policy that runs only its own two scripts (by hash) and connects only
to this server. Ctrl-C stops it after in-flight requests finish; a decision is written
atomically, so no file is ever half-written.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import hmac
import json
import secrets
import sys
import webbrowser
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from .errors import DecisionsError
from .report import html as html_report
from .report.htmlpage import reviewui
from .webreview import Session

HOST = "127.0.0.1"
TOKEN_HEADER = "X-Discrepancy-Token"
MAX_BODY = 64 * 1024  # bytes; a decision is a few hundred
REQUEST_TIMEOUT = 30  # seconds a connection may stay silent, so that Ctrl-C never waits long


def _csp() -> str:
    """Only the page's own scripts (by hash) run; it connects to this server only."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode('utf-8')).digest()).decode()}'"
        for s in (html_report.SCRIPT, reviewui.SCRIPT)
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; connect-src 'self'; "
        "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


class ReviewServer(ThreadingHTTPServer):
    """A threading HTTP server on 127.0.0.1 holding one review session and its token."""

    daemon_threads = False  # server_close() waits for requests in flight (a decision being written)
    block_on_close = True

    def __init__(self, session: Session, *, port: int = 0, token: str = "") -> None:
        self.session = session
        self.token = token or secrets.token_urlsafe(32)
        self.csp = _csp()
        super().__init__((HOST, port), Handler)
        self.port = int(self.server_address[1])
        self.hosts = {f"{HOST}:{self.port}", f"localhost:{self.port}"}

    @property
    def url(self) -> str:
        """The page's address, token included: what the reviewer opens."""
        return f"http://{HOST}:{self.port}/?token={self.token}"

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went away mid-request (a closed tab, a reset connection) is no error
        to print; anything else is, as the standard server prints it."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]

    def token_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))


class Handler(BaseHTTPRequestHandler):
    """Routes the three requests; refuses everything else before touching the session."""

    server: ReviewServer
    server_version = "discrepancy-review"
    sys_version = ""
    timeout = REQUEST_TIMEOUT

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._route("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._route("POST")

    def do_HEAD(self) -> None:  # noqa: N802
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, "text/plain", b"")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        """Quiet: the terminal shows the address and the decisions, not every request."""

    def _route(self, method: str) -> None:
        if self.headers.get("Host", "") not in self.server.hosts:
            return self._text(HTTPStatus.FORBIDDEN, "refused: this server answers only to its own address")
        path, _, query = self.path.partition("?")
        routes = {"/": "GET", "/api/state": "GET", "/api/decisions": "POST"}
        if path not in routes:  # exact paths only: "/../x", "/%2e%2e/", "http://host/" never match
            return self._text(HTTPStatus.NOT_FOUND, "not found: this server serves the report and its API only")
        if routes[path] != method:
            return self._text(HTTPStatus.METHOD_NOT_ALLOWED, f"{path} takes {routes[path]} only")
        if path == "/":
            return self._page(parse_qs(query).get("token", [None])[0])
        if not self.server.token_ok(self.headers.get(TOKEN_HEADER)):
            return self._json(HTTPStatus.FORBIDDEN, {"error": "refused: missing or wrong session token"})
        if path == "/api/state":
            return self._safely(lambda: (HTTPStatus.OK, self.server.session.state()))
        if not self._same_origin():
            return self._json(HTTPStatus.FORBIDDEN, {"error": "refused: the request comes from another site"})
        if self.headers.get_content_type() != "application/json":
            return self._json(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, {"error": "send the decision as application/json"})
        length = self.headers.get("Content-Length", "")
        if not length.isdigit() or int(length) > MAX_BODY:
            return self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": f"a decision is at most {MAX_BODY} bytes"})
        try:
            payload = json.loads(self.rfile.read(int(length)).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return self._json(HTTPStatus.BAD_REQUEST, {"error": "the body is not JSON"})
        self._safely(lambda: self.server.session.write(payload))

    def _same_origin(self) -> bool:
        """A write comes from this server's own page (browsers send Origin and Sec-Fetch-Site on
        every POST; a client that sends neither, like a script with the token, is let through)."""
        origin = self.headers.get("Origin")
        if origin is not None and origin not in {f"http://{h}" for h in self.server.hosts}:
            return False
        return self.headers.get("Sec-Fetch-Site", "same-origin") in {"same-origin", "none"}

    def _page(self, token: str | None) -> None:
        if not self.server.token_ok(token):
            return self._text(
                HTTPStatus.FORBIDDEN, "refused: open the address `discrepancy review --web` printed (it has the token)"
            )
        try:
            result, _ = self.server.session.current()
        except DecisionsError as exc:
            return self._text(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
        page = html_report.render(result, review_token=self.server.token)
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", page.encode("utf-8"))

    def _safely(self, answer: Callable[[], tuple[int, dict[str, Any]]]) -> None:
        """Answer with the session's JSON; a decisions folder that cannot be read is a 500 with
        its one-line message (the page shows it), never a traceback."""
        try:
            code, body = answer()
        except DecisionsError as exc:
            code, body = HTTPStatus.INTERNAL_SERVER_ERROR, {"error": str(exc)}
        self._json(code, body)

    def _json(self, code: int, body: dict[str, Any]) -> None:
        data = json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
        self._send(code, "application/json; charset=utf-8", data)

    def _text(self, code: int, message: str) -> None:
        self._send(code, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def _send(self, code: int, ctype: str, data: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", self.server.csp)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


def serve(session: Session, *, port: int = 0, open_browser: bool = True, echo: Callable[[str], None] = print) -> None:
    """Serve the review until Ctrl-C: print the address, open it in the browser unless told not
    to, and on Ctrl-C close the socket after the requests in flight are answered. A server lives
    long: Python's cyclic garbage collector runs (the command line pauses it for a batch)."""
    gc.enable()
    server = ReviewServer(session, port=port)
    try:
        echo(f"Reviewing in the browser at {server.url}")
        echo("Decisions are saved as you take them; press Ctrl-C to stop.")
        if open_browser:
            webbrowser.open(server.url)
        server.serve_forever()
    except KeyboardInterrupt:
        echo("stopped")
    finally:
        server.server_close()
