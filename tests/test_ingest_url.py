"""``ingest URL``: a real HTTP server on 127.0.0.1 serves pages, redirects, errors, slow and huge answers."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from build_tools.ingest.fetch import MAX_PAGE_BYTES, MAX_REDIRECTS

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Chipmakers weigh new AI memory lines - Corvane</title>
<meta property="og:site_name" content="Corvane">
<meta property="article:published_time" content="2024-03-27T06:41:00+09:00"></head>
<body><nav>World Business Markets Technology</nav>
<article><h1>Chipmakers weigh new AI memory lines</h1>
<p>South Korea's two largest memory makers are weighing new production lines for the high-bandwidth chips
used in artificial intelligence servers, four people familiar with the plans said on Wednesday.</p>
<p>The discussions centre on expanding advanced packaging capacity, which the people said has become the
tightest link in the supply chain for the stacked memory that sits beside AI processors.</p>
<p>One of the people said a decision could come before the end of the second quarter, but cautioned that
board approval was not yet certain given the cost of each new line.</p>
</article><footer>© 2024 Corvane. All rights reserved.</footer></body></html>
"""


TOO_LARGE = "the page is larger than 2 MB, too large for one article; save only the article from the browser"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _send(self, code: int, body: bytes, kind: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/article":
            self._send(200, PAGE.encode())
        elif path == "/moved":
            self._send(301, b"", Location="/article")
        elif path.startswith("/loop"):
            n = int(path.removeprefix("/loop") or 0)
            self._send(302, b"", Location=f"/loop{n + 1}")
        elif path == "/to-file":
            self._send(302, b"", Location="file:///etc/passwd")
        elif path == "/missing":
            self._send(404, b"<html><body>not here</body></html>")
        elif path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):  # a byte at a time: each read is quick, the whole answer never ends in time
                self.wfile.write(b"<")
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/huge":
            self._send(200, b"<p>" + b"x" * (MAX_PAGE_BYTES + 10) + b"</p>")
        elif path == "/huge-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(MAX_PAGE_BYTES // 65536 + 2):
                self.wfile.write(b"y" * 65536)
        elif path == "/paper.pdf":
            self._send(200, b"%PDF-1.7", kind="application/pdf")
        else:
            self._send(404, b"")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # The client gives up on /slow and /huge on purpose; the broken pipe that leaves behind in the
        # handler's thread is expected, and printed it would land in a later test's captured stderr.
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_a_page_is_kept_as_a_seed_and_ingested(cli, tmp_path: Path, server: str):
    run = cli("ingest", "--json", "--seeds-dir", "seeds", f"{server}/article")
    assert run.code == 0, run.err
    [seed] = (tmp_path / "seeds").iterdir()
    assert seed.name.startswith(tuple(f"20{y}-" for y in range(20, 100))) and "_127.0.0.1_" in seed.name
    assert seed.suffix == ".html" and seed.read_text(encoding="utf-8") == PAGE
    got = json.loads(run.out)
    assert got["title"] == "Chipmakers weigh new AI memory lines"
    assert (got["date"], got["source"]) == ("2024-03-27", "Corvane")
    assert len(got["paragraphs"]) == 3


def test_a_draft_records_the_address_it_came_from(cli, tmp_path: Path, server: str):
    run = cli("ingest", "--seeds-dir", "seeds", "--out", "drafts", f"{server}/moved")
    assert run.code == 0, run.err
    assert run.out.startswith(f"{server}/moved -> seeds/")
    [draft] = (tmp_path / "drafts").glob("*.md")
    assert f"url: {server}/article" in draft.read_text(encoding="utf-8")


@pytest.mark.parametrize(("path", "message"), [
    ("/missing", "the server answered HTTP 404 Not Found; check the address"),
    ("/loop", f"more than {MAX_REDIRECTS} redirects; open the page in a browser and give its final address"),
    ("/to-file", "redirected to an address that is not http or https, which is not fetched"),
    ("/paper.pdf", "is application/pdf, not an HTML page; save the article's text as a .txt seed instead"),
    ("/huge", TOO_LARGE),
    ("/huge-chunked", TOO_LARGE),
    ("/slow", "no complete answer within 1 s; try again later, or save the page from the browser"),
])
def test_a_page_that_cannot_be_had_is_one_line_and_nothing_is_written(cli, tmp_path: Path, server: str,
                                                                       path: str, message: str):
    run = cli("ingest", "--timeout", "1", "--seeds-dir", "seeds", "--out", "drafts", f"{server}{path}")
    assert (run.code, run.err, run.out) == (1, f"{server}{path}: {message}\n", "")
    assert _files(tmp_path) == []


def test_only_http_and_https_are_fetched(cli, tmp_path: Path):
    run = cli("ingest", "--seeds-dir", "seeds", "ftp://127.0.0.1/article.html")
    assert (run.code, run.err) == (1, "ftp://127.0.0.1/article.html: only http and https addresses can be "
                                      "fetched, not ftp:\n")
    assert _files(tmp_path) == []


def test_a_failed_address_does_not_stop_the_other_seeds(cli, tmp_path: Path, server: str):
    run = cli("ingest", "--json", "--seeds-dir", "seeds", f"{server}/missing", f"{server}/article")
    assert run.code == 1
    assert run.err == f"{server}/missing: the server answered HTTP 404 Not Found; check the address\n"
    assert json.loads(run.out)["title"] == "Chipmakers weigh new AI memory lines"
