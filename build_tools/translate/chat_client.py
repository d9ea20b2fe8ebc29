"""A client for any OpenAI-compatible chat-completions endpoint: configuration, one request, retries.

Configuration comes from, highest first: command-line flags, ``AI_BRIEFING_*`` environment variables,
the ``[translate]`` table of a TOML config file (``.ai-briefing.toml`` in the working directory, or
``--config``), and last the ``OPENAI_BASE_URL`` / ``OPENAI_API_KEY`` variables other tools use. The key
itself is never read from a file: the config file names the environment variable that holds it.
"""

from __future__ import annotations

import contextlib
import email.utils
import http.client
import json
import re
import socket
import threading
import time
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools import __version__
from build_tools.characters import forbidden_character
from build_tools.errors import display_path

CONFIG_NAME = ".ai-briefing.toml"
DOCS_HINT = "see docs/en/translation.md"

# Defaults, each overridable in the config file. A hosted model answers a paragraph in seconds; a local
# model on a laptop CPU can take a minute, hence the generous timeout.
DEFAULT_TIMEOUT = 120.0  # seconds one answer may take, from connecting to its last byte
DEFAULT_MAX_ATTEMPTS = 4  # first try + 3 retries
DEFAULT_RETRY_DELAY = 1.0  # seconds before the first retry; doubles each time (1, 2, 4)
DEFAULT_MAX_WAIT = 120.0  # seconds of waiting between attempts for one text, Retry-After included
# A translated paragraph is a few KiB; a larger answer is a broken or hostile server, not read further.
MAX_ANSWER_BYTES = 1024 * 1024

# Worth another try: the server is busy, overloaded or restarting. Any other 4xx is about the request.
RETRYABLE_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}
# About the configuration, not the text: every further request would fail the same way.
CONFIGURATION_STATUS = {401: "check the API key", 403: "check the API key and its permissions",
                        404: "check the base URL and the model name"}
_CONFIG_KEYS: dict[str, type | tuple[type, ...]] = {
    "base_url": str, "model": str, "api_key_env": str, "timeout": (int, float),
    "max_attempts": int, "retry_delay": (int, float), "max_wait": (int, float)}
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Reasoning models served locally often prefix their answer with their thoughts.
_THINKING = re.compile(r"^\s*<think>.*?</think>", re.DOTALL)


def redacted(url: str) -> str:
    """``url`` with any ``user:password@`` shown as ``***@``, for messages."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urllib.parse.urlunsplit(parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2]))


def is_loopback(host: str) -> bool:
    """Whether ``host`` (from a URL) is this machine: localhost or a loopback address."""
    import ipaddress

    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class BackendConfigError(Exception):
    """The backend is not configured, or configured wrongly; the message says how to fix it."""


class BackendError(Exception):
    """A request failed for good. ``fatal``: every further request would fail too, so stop the run."""

    def __init__(self, message: str, *, fatal: bool = True):
        super().__init__(message)
        self.fatal = fatal


class _Retryable(Exception):
    def __init__(self, reason: str, detail: str = "", retry_after: float | None = None):
        super().__init__(reason)
        self.reason, self.detail, self.retry_after = reason, detail, retry_after


@dataclass(frozen=True)
class Backend:
    """Where and how to send requests."""

    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    retry_delay: float = DEFAULT_RETRY_DELAY
    max_wait: float = DEFAULT_MAX_WAIT
    key_source: str = ""  # which variable the key came from, for messages

    @property
    def endpoint(self) -> str:
        return self.base_url.rstrip("/") + "/chat/completions"


def read_config(path: Path, *, required: bool) -> dict[str, Any]:
    """The ``[translate]`` table of a TOML config file, validated; {} when an optional file is absent."""
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if required:
            raise BackendConfigError(f"{shown}: config file not found") from None
        return {}
    except OSError as exc:
        raise BackendConfigError(f"{shown}: cannot read config: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        match = re.search(r"line (\d+)", str(exc))
        where = f"{shown}:{match.group(1)}" if match else shown
        raise BackendConfigError(f"{where}: invalid TOML: {exc}") from None
    misplaced = sorted(set(data) & set(_CONFIG_KEYS))
    if misplaced:
        raise BackendConfigError(f"{shown}: put {', '.join(misplaced)} under a [translate] table")
    table = data.get("translate", {})
    if not isinstance(table, dict):
        raise BackendConfigError(f"{shown}: 'translate' must be a table: [translate]")
    for key, value in table.items():
        if key == "api_key":
            raise BackendConfigError(f"{shown}: 'api_key': never store a key in a file; put it in an "
                                     "environment variable and name that variable with api_key_env")
        if key not in _CONFIG_KEYS:
            raise BackendConfigError(f"{shown}: [translate] '{key}': unknown key; allowed: "
                                     f"{', '.join(_CONFIG_KEYS)}")
        kind = _CONFIG_KEYS[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            want = "text" if kind is str else "a whole number" if kind is int else "a number"
            raise BackendConfigError(f"{shown}: [translate] '{key}': expected {want}, got {value!r}")
    if "api_key_env" in table and not _ENV_NAME.match(table["api_key_env"]):
        raise BackendConfigError(f"{shown}: [translate] 'api_key_env': expected the name of an environment "
                                 f"variable such as MY_API_KEY, got {table['api_key_env']!r}")
    return dict(table)


def _first(*candidates: tuple[str | None, str]) -> tuple[str | None, str]:
    for value, where in candidates:
        if value:
            return value, where
    return None, ""


def resolve_backend(*, base_url: str | None = None, model: str | None = None, timeout: float | None = None,
                    config_path: Path | None = None, environ: Mapping[str, str], cwd: Path) -> Backend:
    """Combine flags, environment and config file (in that order of precedence) into a Backend."""
    path = config_path if config_path is not None else cwd / CONFIG_NAME
    config = read_config(path, required=config_path is not None)
    shown = display_path(path)
    url, _ = _first((base_url, "--base-url"), (environ.get("AI_BRIEFING_BASE_URL"), "AI_BRIEFING_BASE_URL"),
                    (config.get("base_url"), shown), (environ.get("OPENAI_BASE_URL"), "OPENAI_BASE_URL"))
    if not url:
        raise BackendConfigError(
            "no translation backend configured: set AI_BRIEFING_BASE_URL and AI_BRIEFING_MODEL "
            "(and AI_BRIEFING_API_KEY for a hosted API), pass --base-url and --model, "
            f"or write them in {CONFIG_NAME}; {DOCS_HINT}")
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise BackendConfigError(f"base URL must start with http:// or https://, got {redacted(url)!r}; "
                                 f"{DOCS_HINT}")
    if "@" in parsed.netloc:
        raise BackendConfigError(f"base URL {redacted(url)} holds a user name or password; remove it and put "
                                 f"the key in AI_BRIEFING_API_KEY; {DOCS_HINT}")
    chosen_model, _ = _first((model, "--model"), (environ.get("AI_BRIEFING_MODEL"), "AI_BRIEFING_MODEL"),
                             (config.get("model"), shown))
    if not chosen_model:
        raise BackendConfigError(f"no model configured for {redacted(url)}: set AI_BRIEFING_MODEL, pass "
                                 f"--model, or add model to {CONFIG_NAME} (a server that serves one model "
                                 f"accepts any name); {DOCS_HINT}")
    key_env = config.get("api_key_env")
    if key_env and not environ.get(key_env) and not environ.get("AI_BRIEFING_API_KEY"):
        raise BackendConfigError(f"{shown}: api_key_env names {key_env}, which is not set; "
                                 f"export {key_env}=<your key>")
    key, key_source = _first((environ.get("AI_BRIEFING_API_KEY"), "AI_BRIEFING_API_KEY"),
                             (environ.get(key_env) if key_env else None, key_env or ""),
                             (environ.get("OPENAI_API_KEY"), "OPENAI_API_KEY"))
    if key and parsed.scheme == "http" and not is_loopback(parsed.hostname or ""):
        raise BackendConfigError(f"base URL {url} is plain http to another machine: the API key "
                                 f"({key_source}) would cross the network unencrypted; use https://, or a "
                                 "server on this machine (127.0.0.1, localhost)")
    chosen_timeout = timeout if timeout is not None else float(config.get("timeout", DEFAULT_TIMEOUT))
    backend = Backend(base_url=url, model=chosen_model, api_key=key, key_source=key_source,
                      timeout=chosen_timeout,
                      max_attempts=int(config.get("max_attempts", DEFAULT_MAX_ATTEMPTS)),
                      retry_delay=float(config.get("retry_delay", DEFAULT_RETRY_DELAY)),
                      max_wait=float(config.get("max_wait", DEFAULT_MAX_WAIT)))
    if backend.timeout <= 0 or backend.max_attempts < 1 or backend.retry_delay < 0 or backend.max_wait < 0:
        raise BackendConfigError(f"{shown}: timeout must be above 0, max_attempts at least 1, "
                                 "retry_delay and max_wait at least 0")
    return backend


def retry_after_seconds(headers: Mapping[str, str] | Any) -> float | None:
    """The wait a 429 or 503 asks for: ``retry-after-ms``, or ``Retry-After`` in seconds or as a date."""
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    value = headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _server_message(raw: bytes) -> str:
    """The ``error.message`` of an OpenAI-style error body, else the start of the body."""
    text = raw.decode("utf-8", "replace").strip()
    try:
        data = json.loads(text)
        message = data["error"]["message"] if isinstance(data.get("error"), dict) else data.get("error")
        if isinstance(message, str) and message:
            text = message
    except (ValueError, AttributeError, KeyError, TypeError):
        pass
    text = " ".join(text.split())
    return text[:200] + ("…" if len(text) > 200 else "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


class _Deadline:
    """Shuts the connection's socket when the time for one answer is up, ending a read in progress.

    A socket timeout bounds each read; a server sending a byte a second never trips it. Shutting the socket
    down from a timer bounds the whole exchange: connecting, the headers and the body.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer: threading.Timer | None = None
        self.expired = False

    def start(self, seconds: float) -> None:
        self.expired = False
        self._sockets.clear()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)


def _watched(connection: type[http.client.HTTPConnection], deadline: _Deadline):
    """``connection`` with its socket handed to ``deadline`` as soon as it is connected."""

    class Watched(connection):  # type: ignore[misc, valid-type]
        def connect(self) -> None:
            super().connect()
            deadline.watch(self.sock)

    return Watched


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self.deadline = deadline

    def http_open(self, req):
        return self.do_open(_watched(http.client.HTTPConnection, self.deadline), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self.deadline = deadline

    def https_open(self, req):
        return self.do_open(_watched(http.client.HTTPSConnection, self.deadline), req, context=self._context)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an error: following it would send the request, and its key, wherever it points."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # urllib then raises the 3xx as an HTTPError


def read_capped(response: Any, limit: int) -> bytes | None:
    """At most ``limit`` bytes of a response body; None when there is more."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(min(65536, limit + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return None
    return b"".join(chunks)


class ChatClient:
    """Sends chat-completions requests with retries; counts the requests it made."""

    def __init__(self, backend: Backend, sleep: Callable[[float], None] = time.sleep):
        self.backend = backend
        self.sleep = sleep
        self.requests = 0
        self._deadline = _Deadline()
        handlers: list[urllib.request.BaseHandler] = [
            _HTTPHandler(self._deadline), _HTTPSHandler(self._deadline), _NoRedirect()]
        # A server on this machine is never reached through a proxy, whatever http_proxy says.
        if is_loopback(urllib.parse.urlsplit(backend.base_url).hostname or ""):
            handlers.append(urllib.request.ProxyHandler({}))
        self._opener = urllib.request.build_opener(*handlers)

    def complete(self, messages: list[dict[str, str]]) -> str:
        """The assistant's answer to ``messages``; retries what is worth it, else raises BackendError."""
        b = self.backend
        waited = 0.0
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._request(messages)
            except _Retryable as exc:
                failure = exc
            if attempt >= b.max_attempts:
                break
            delay = b.retry_delay * 2 ** (attempt - 1)
            if failure.retry_after is not None:
                delay = max(delay, failure.retry_after)
            if waited + delay > b.max_wait:
                if failure.retry_after is not None and failure.retry_after > b.max_wait - waited:
                    raise BackendError(f"{failure.reason}: the server asks to wait {failure.retry_after:g} "
                                       f"s, more than the {b.max_wait:g} s this run waits (max_wait)")
                break
            self.sleep(delay)
            waited += delay
        detail = f": {failure.detail}" if failure.detail else ""
        raise BackendError(f"{failure.reason} after {_plural(attempt, 'attempt')}{detail}")

    def _request(self, messages: list[dict[str, str]]) -> str:
        b = self.backend
        body = json.dumps({"model": b.model, "messages": messages, "temperature": 0}).encode("utf-8")
        headers = {"Content-Type": "application/json", "Accept": "application/json",
                   "User-Agent": f"ai-briefing/{__version__}"}
        if b.api_key:
            headers["Authorization"] = f"Bearer {b.api_key}"
        request = urllib.request.Request(b.endpoint, data=body, headers=headers, method="POST")
        self.requests += 1
        timed_out = _Retryable("timed out", f"no answer within {b.timeout:g} s")
        self._deadline.start(b.timeout)
        try:
            with self._opener.open(request, timeout=b.timeout) as response:
                raw = read_capped(response, MAX_ANSWER_BYTES)
        except urllib.error.HTTPError as exc:
            raw = (read_capped(exc, 64 * 1024) or b"") if exc.fp is not None else b""
            self._raise_for_status(exc.code, exc.reason, exc.headers, raw)
            raise  # unreachable: _raise_for_status always raises
        except TimeoutError:
            raise timed_out from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError) or self._deadline.expired:
                raise timed_out from None
            reason = getattr(exc.reason, "strerror", None) or str(exc.reason)
            raise _Retryable("cannot connect", f"{redacted(b.base_url)}: {reason}") from None
        except (http.client.HTTPException, OSError) as exc:
            if self._deadline.expired:
                raise timed_out from None
            raise _Retryable("connection failed", f"{type(exc).__name__}: {exc}") from None
        finally:
            self._deadline.stop()
        if self._deadline.expired:
            raise timed_out  # the socket was shut mid-answer: what was read is cut short
        if raw is None:
            raise BackendError(f"the answer is larger than {MAX_ANSWER_BYTES // 1024 // 1024} MiB; a "
                               "translation is far smaller")
        return self._answer(raw)

    def _raise_for_status(self, code: int, reason: str, headers: Any, raw: bytes) -> None:
        message = _server_message(raw)
        if 300 <= code < 400:
            target = redacted(headers.get("Location") or "?")
            raise BackendError(f"HTTP {code}: the server redirects to {target}; a redirect is not "
                               "followed (it would carry the API key elsewhere): set the base URL to the "
                               "final address")
        if code == 429:
            raise _Retryable("rate limited (429)", message, retry_after_seconds(headers))
        if code in RETRYABLE_STATUS:
            raise _Retryable(f"server error {code}", message, retry_after_seconds(headers))
        hint = CONFIGURATION_STATUS.get(code)
        if hint and code in (401, 403) and self.backend.key_source:
            hint += f" ({self.backend.key_source})"
        text = f"HTTP {code} {reason}: {message}" if message else f"HTTP {code} {reason}"
        # 401/403/404 concern every request; any other 4xx (e.g. text too long) concerns this one.
        raise BackendError(f"{text}; {hint}" if hint else text, fatal=hint is not None)

    def _answer(self, raw: bytes) -> str:
        try:
            data = json.loads(raw.decode("utf-8"))
            choice = data["choices"][0]
            content = choice["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            start = " ".join(raw.decode("utf-8", "replace").split())[:80]
            raise _Retryable("malformed response",
                             f"expected a chat completion in JSON, got {start!r}") from None
        if not isinstance(content, str):
            raise _Retryable("malformed response", "the answer has no text content")
        finish = choice.get("finish_reason") if isinstance(choice, dict) else None
        if finish in ("length", "content_filter"):
            # A cut-off or filtered translation must never be taken for a whole one.
            raise BackendError(f"the answer was cut off (finish_reason: {finish})", fatal=False)
        text = _THINKING.sub("", content).strip()
        if not text:
            raise _Retryable("empty answer")
        wrong = forbidden_character(text)
        if wrong:
            # Never written into a briefing: check would refuse it, and a feed could not carry it.
            raise _Retryable("unusable answer", f"it holds a {wrong}")
        return text
