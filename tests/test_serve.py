"""A broken edit under a real ``mkdocs serve``: every page answers with the error, and the next good save
brings the site back. Real server process, real HTTP requests on 127.0.0.1, real file edits."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from build_tools.site.serve import ServeState, error_page

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
# A cold first build of the fixture site in three languages on a loaded 2-core machine.
STARTUP_SECONDS = 240
# A single request must never be held longer than a rebuild takes.
REQUEST_SECONDS = 60
BAD_DATE = "2025-07-32"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    """Status and body of ``url``; a request held past REQUEST_SECONDS fails the test."""
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_SECONDS) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _wait(url: str, want, deadline: float) -> tuple[int, str]:
    last: tuple[int, str] = (0, "")
    while time.monotonic() < deadline:
        with contextlib.suppress(urllib.error.URLError, ConnectionError):
            last = _get(url)
            if want(*last):
                return last
        time.sleep(0.5)
    pytest.fail(f"{url}: still {last[0]} after waiting; body starts {last[1][:300]!r}")


def _wait_for_log(log: Path, text: str, deadline: float) -> None:
    """Until the server's output holds ``text``."""
    while text not in log.read_text(encoding="utf-8", errors="replace"):
        if time.monotonic() > deadline:
            pytest.fail(f"the server never logged {text!r}:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.1)


@pytest.mark.slow
def test_a_broken_edit_shows_an_error_page_and_the_next_good_save_recovers(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES, tmp_path / "input")
    briefing = tmp_path / "input" / "briefings" / "gpt-4o-race.md"
    good = briefing.read_text(encoding="utf-8")
    lines = good.splitlines()
    date_line = next(i for i, line in enumerate(lines, 1) if line.startswith("date:"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "AI_BRIEFING_BRIEFINGS": str(tmp_path / "input" / "briefings"),
           "AI_BRIEFING_TAXONOMY": str(tmp_path / "input" / "taxonomy.yaml"),
           "AI_BRIEFING_CACHE": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1"}
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen([str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT, env=env,
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    page = base + "briefings/gpt-4o-race/"
    try:
        _wait(page, lambda status, body: status == 200 and 'id="briefing-title"' in body,
              time.monotonic() + STARTUP_SECONDS)
        # MkDocs starts watching the files after the first build; it says so once it does.
        _wait_for_log(tmp_path / "serve.log", "Watching paths for changes",
                      time.monotonic() + STARTUP_SECONDS)
        briefing.write_text(good.replace("date: 2024-06-03", f"date: {BAD_DATE}", 1), encoding="utf-8")
        _, body = _wait(page, lambda status, body: status == 500, time.monotonic() + STARTUP_SECONDS)
        assert "data-build-error" in body
        message = body.split('<pre id="build-error">', 1)[1].split("</pre>", 1)[0]
        assert f"gpt-4o-race.md:{date_line}: &#x27;date&#x27;: " in message, message
        assert BAD_DATE in message
        # Every page says so, in every language; what is not a page still loads.
        for other in ("", "zh/", "zh-hant/topics/openai/", "archive/"):
            assert _get(base + other)[0] == 500, other
        assert _get(base + "assets/stylesheets/briefing.css")[0] == 200
        briefing.write_text(good, encoding="utf-8")
        _wait(page, lambda status, body: status == 200 and 'id="briefing-title"' in body
              and "data-build-error" not in body, time.monotonic() + STARTUP_SECONDS)
        assert _get(base + "zh/")[0] == 200
    finally:
        briefing.write_text(good, encoding="utf-8")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)  # the server and its language workers
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")
    assert f"gpt-4o-race.md:{date_line}: 'date'" in output  # the terminal names it too


def test_the_error_page_escapes_the_message_and_passes_assets_through() -> None:
    state = ServeState()
    calls = []

    def app(environ, start_response):
        calls.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b"page"]

    serve = state.error_app(app)
    responses = []

    def start(status, headers):
        responses.append(status)

    assert serve({"PATH_INFO": "/x/"}, start) == [b"page"]
    state.failed(ValueError("briefings/<b>.md:3: 'date': bad"))
    body = b"".join(serve({"PATH_INFO": "/x/"}, start))
    assert responses[-1].startswith("500")
    assert b"briefings/&lt;b&gt;.md:3: &#x27;date&#x27;: bad" in body and b"<b>" not in body
    assert serve({"PATH_INFO": "/assets/site.css"}, start) == [b"page"]
    assert serve({"PATH_INFO": "/livereload/1/2"}, start) == [b"page"]
    assert error_page("a\nb").count(b"\n") > 2
