"""The translation client against hostile servers: real HTTP servers on 127.0.0.1, no mocks.

A base URL can come from a pull request (a config file, a contributor's instructions); the server at it can
redirect, stall or flood. The key must not leave for another host, and a run must end.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from chat_server import Behaviour, ChatServer, error

from build_tools.translate.chat_client import (
    MAX_ANSWER_BYTES,
    Backend,
    BackendConfigError,
    BackendError,
    ChatClient,
    resolve_backend,
)

KEY = "sk-test-secret-0123456789"
MESSAGES = [{"role": "user", "content": "新模型支持长文本。"}]


class _Recorder(BaseHTTPRequestHandler):
    """Records every request it gets; answers a completion, or what the test's ``mode`` asks for."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests read ``seen``."""

    def _handle(self) -> None:
        server = self.server
        server.seen.append((self.command, self.path, dict(self.headers.items())))  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        mode = server.mode  # type: ignore[attr-defined]
        if mode == "drip":
            # Headers, then one byte at a time: every read returns before any per-read timeout.
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            try:
                while not server.stopping.wait(0.1):  # type: ignore[attr-defined]
                    self.wfile.write(b" ")
                    self.wfile.flush()
            except OSError:
                pass
            return
        content = "x" * (2 * MAX_ANSWER_BYTES) if mode == "huge" else "The new model supports long texts."
        body = json.dumps({"choices": [{"message": {"role": "assistant", "content": content},
                                        "finish_reason": "stop"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client stopped reading
            self.wfile.write(body)

    do_GET = do_POST = _handle


@pytest.fixture
def recorder() -> Iterator[ThreadingHTTPServer]:
    """A second server on 127.0.0.1, reached by another host name (localhost), that records requests."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    httpd.daemon_threads = True
    httpd.seen, httpd.mode, httpd.stopping = [], "answer", threading.Event()  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.stopping.set()  # type: ignore[attr-defined]
    httpd.shutdown()
    httpd.server_close()


def _backend(url: str, **options: float) -> Backend:
    return Backend(base_url=url, model="m", api_key=KEY, key_source="AI_BRIEFING_API_KEY",
                   max_attempts=1, retry_delay=0, **options)


def test_a_redirect_is_refused_and_the_key_stays_home(recorder):
    """A 302 to another host is not followed: that host never sees the request, nor the key."""
    port = recorder.server_address[1]
    elsewhere = f"http://localhost:{port}/v1/chat/completions"
    with ChatServer() as first:
        first.script.append(error(302, Location=elsewhere))
        with pytest.raises(BackendError) as caught:
            ChatClient(_backend(first.url)).complete(MESSAGES)
        assert first.received[0].headers["Authorization"] == f"Bearer {KEY}"
    assert recorder.seen == []  # type: ignore[attr-defined]
    assert str(caught.value) == (f"HTTP 302: the server redirects to {elsewhere}; a redirect is not "
                                 "followed (it would carry the API key elsewhere): set the base URL to "
                                 "the final address")
    assert caught.value.fatal


def test_an_answer_larger_than_the_cap_is_refused(recorder):
    """A body over MAX_ANSWER_BYTES is not read whole, and the answer is not taken."""
    recorder.mode = "huge"  # type: ignore[attr-defined]
    url = f"http://127.0.0.1:{recorder.server_address[1]}/v1"
    with pytest.raises(BackendError) as caught:
        ChatClient(_backend(url)).complete(MESSAGES)
    assert str(caught.value) == "the answer is larger than 1 MiB; a translation is far smaller"


def test_a_server_dripping_bytes_is_cut_off_at_the_deadline(recorder):
    """The timeout bounds the whole answer, not each read: a byte every 0.1 s ends at the deadline."""
    recorder.mode = "drip"  # type: ignore[attr-defined]
    url = f"http://127.0.0.1:{recorder.server_address[1]}/v1"
    start = time.monotonic()
    with pytest.raises(BackendError) as caught:
        ChatClient(_backend(url, timeout=1.0)).complete(MESSAGES)
    assert time.monotonic() - start < 5
    assert str(caught.value) == "timed out after 1 attempt: no answer within 1 s"


def test_a_key_is_never_sent_in_clear_to_another_machine(tmp_path: Path):
    """With a key, http:// is only for this machine; https:// or a loopback address otherwise."""
    env = {"AI_BRIEFING_API_KEY": KEY, "AI_BRIEFING_MODEL": "m"}
    with pytest.raises(BackendConfigError) as caught:
        resolve_backend(base_url="http://api.example.com/v1", environ=env, cwd=tmp_path)
    assert str(caught.value) == ("base URL http://api.example.com/v1 is plain http to another machine: the "
                                 "API key (AI_BRIEFING_API_KEY) would cross the network unencrypted; use "
                                 "https://, or a server on this machine (127.0.0.1, localhost)")
    assert resolve_backend(base_url="https://api.example.com/v1", environ=env, cwd=tmp_path).api_key == KEY
    assert resolve_backend(base_url="http://127.0.0.1:8080/v1", environ=env, cwd=tmp_path).api_key == KEY
    # Without a key there is nothing to leak: a server on the local network is fine.
    assert resolve_backend(base_url="http://192.168.1.5:8080/v1", environ={"AI_BRIEFING_MODEL": "m"},
                           cwd=tmp_path).api_key is None


def test_credentials_in_the_base_url_are_refused_and_never_printed(tmp_path: Path, recorder):
    """user:password@ in a base URL is refused, and shown as ***@ in every message."""
    port = recorder.server_address[1]
    recorder.server_close()  # nothing listens on the port any more: a connection error
    env = {"AI_BRIEFING_MODEL": "m"}
    url = f"http://alice:hunter2@127.0.0.1:{port}/v1"
    with pytest.raises(BackendConfigError) as refused:
        resolve_backend(base_url=url, environ=env, cwd=tmp_path)
    assert str(refused.value) == (f"base URL http://***@127.0.0.1:{port}/v1 holds a user name or "
                                  "password; remove it and put the key in AI_BRIEFING_API_KEY; see "
                                  "docs/en/translation.md")
    with pytest.raises(BackendConfigError) as bad:
        resolve_backend(base_url="ftp://alice:hunter2@example.com/", environ=env, cwd=tmp_path)
    assert str(bad.value) == ("base URL must start with http:// or https://, got 'ftp://***@example.com/'; "
                              "see docs/en/translation.md")
    with pytest.raises(BackendError) as failed:  # a Backend made in code, not by resolve_backend
        ChatClient(_backend(url)).complete(MESSAGES)
    assert "hunter2" not in str(failed.value)
    assert f"http://***@127.0.0.1:{port}/v1" in str(failed.value)


def test_an_answer_with_control_characters_is_not_taken():
    """A translation holding a bidirectional override or a control character is retried, then refused."""
    answer = {"choices": [{"message": {"role": "assistant", "content": "Rain \u202eniaR"},
                           "finish_reason": "stop"}]}
    with ChatServer() as server:
        server.rules[""] = Behaviour(raw_body=json.dumps(answer))
        backend = Backend(base_url=server.url, model="m", max_attempts=2, retry_delay=0)
        with pytest.raises(BackendError) as caught:
            ChatClient(backend).complete(MESSAGES)
        assert len(server.received) == 2
    assert str(caught.value) == ("unusable answer after 2 attempts: it holds a bidirectional control U+202E "
                                 "at character 6")
