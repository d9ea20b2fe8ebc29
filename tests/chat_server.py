"""A real OpenAI-compatible chat-completions server on 127.0.0.1, with scripted failures, for the tests.

It speaks HTTP on a free port and answers ``POST /v1/chat/completions`` like a hosted API or a local
model server would: a chat completion in JSON, OpenAI-style error bodies, ``Retry-After`` on 429. It
"translates" deterministically: known sentences from ``TRANSLATIONS``, anything else echoed with a
language marker, and, like a model that follows its instructions, it writes the names the system
message asks for (lines ``- source → target``). Behaviours are scripted per request (``script``, used
up in order) or per source text (``rules``, by substring, for as long as they stay set).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# The sentences the tests' briefings are made of, in both directions.
TRANSLATIONS = {
    "en": {
        "月之暗面发布新模型": "Moonshot AI releases a new model",
        "月之暗面周六发布了新模型，萨姆·奥尔特曼表示欢迎。":
            "Moonshot AI released a new model on Saturday, and Sam Altman welcomed it.",
        "新模型支持长文本。": "The new model supports long texts.",
        "公司计划明年开源部分代码。": "The company plans to open-source part of the code next year.",
        "发布会": "The launch",
        "月之暗面周六在北京发布了新模型。": "Moonshot AI released a new model in Beijing on Saturday.",
        "OpenAI 首席执行官奥特曼称赞了这个模型。": "OpenAI chief executive Sam Altman praised the model.",
        "支持长文本": "Supports long texts",
        "这是一个好的开始。": "This is a good start.",
        "公司没有公布价格。": "The company did not publish prices.",
    },
    "zh": {
        "Sam Altman talks about GPT-4o": "萨姆·奥尔特曼谈GPT-4o",
        "Sam Altman said GPT-4o is faster.": "萨姆·奥尔特曼表示，GPT-4o速度更快。",
        "Moonshot AI did not comment.": "月之暗面未予置评。",
    },
}
# What a careless model writes instead of a required name (a literal rendering, a nickname).
NAME_SLIPS = {"Moonshot AI": "Dark Side of the Moon", "Sam Altman": "Ultraman",
              "月之暗面": "暗月公司", "萨姆·奥尔特曼": "奥特曼"}
_GLOSSARY_LINE = re.compile(r"^- (?P<source>.+?) → (?P<target>.+)$", re.MULTILINE)
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Behaviour:
    """How to answer one request."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (longer than the client's timeout: a timeout)
    raw_body: str | None = None  # sent as is instead of a completion: malformed JSON
    drop_names: bool = False  # translate, but miss the names the glossary requires
    finish_reason: str = "stop"


TRANSLATE = Behaviour()
DROP_NAMES = Behaviour(drop_names=True)
MALFORMED = Behaviour(raw_body='{"id": "x", "choices": [{"message": ')


def error(status: int, **headers: str) -> Behaviour:
    """An HTTP error with an OpenAI-style body; headers with '_' become '-' (Retry_After -> Retry-After)."""
    return Behaviour(status=status, headers={k.replace("_", "-"): v for k, v in headers.items()})


def slow(seconds: float) -> Behaviour:
    """A correct answer that takes ``seconds`` to arrive."""
    return Behaviour(delay=seconds)


@dataclass
class Received:
    """One request as the server saw it."""

    at: float  # time.monotonic() when it arrived
    path: str
    headers: dict[str, str]
    body: Any
    text: str  # the user message: the text to translate
    system: str
    status: int = 0


def translate(text: str, system: str, *, drop_names: bool = False) -> str:
    """The server's deterministic translation of ``text`` under the instructions in ``system``."""
    target = "en" if _CJK.search(text) else "zh"
    glossary = [(m.group("source"), m.group("target")) for m in _GLOSSARY_LINE.finditer(system)]
    answer = TRANSLATIONS[target].get(text)
    if answer is None:
        answer = text
        for source, wanted in glossary:
            answer = answer.replace(source, wanted)
        answer = f"[{target}] {answer}"
    if drop_names:
        for _, wanted in glossary:
            if wanted != NAME_SLIPS.get(wanted, wanted):
                answer = answer.replace(wanted, NAME_SLIPS[wanted])
    return answer


class ChatServer:
    """Start with ``with ChatServer() as server:``; ``server.url`` is the base URL (…/v1)."""

    def __init__(self) -> None:
        self.script: deque[Behaviour] = deque()
        self.rules: dict[str, Behaviour] = {}
        self.received: list[Received] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.chat = self  # type: ignore[attr-defined]
        # A short poll interval: shutdown() waits up to one interval, at the end of every test.
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> ChatServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()  # wakes up slow answers still waiting
        self._httpd.shutdown()
        self._httpd.server_close()

    def texts(self) -> list[str]:
        """The texts of every request so far, in order."""
        with self._lock:
            return [r.text for r in self.received]

    def choose(self, received: Received) -> Behaviour:
        with self._lock:
            self.received.append(received)
            if self.script:
                return self.script.popleft()
            for needle, behaviour in self.rules.items():
                if needle in received.text:
                    return behaviour
            return TRANSLATE


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ChatServer/1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests read ``received`` instead."""

    def _send(self, status: int, body: str, headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (a timeout); nothing to answer

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        kind = {429: "rate_limit_error", 401: "authentication_error"}.get(status, "server_error")
        self._send(status, json.dumps({"error": {"message": message, "type": kind}}), headers)

    def do_POST(self) -> None:
        chat: ChatServer = self.server.chat  # type: ignore[attr-defined]
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        messages = body.get("messages") if isinstance(body, dict) else None
        messages = messages if isinstance(messages, list) else []
        text = next((m.get("content", "") for m in reversed(messages) if m.get("role") == "user"), "")
        system = next((m.get("content", "") for m in messages if m.get("role") == "system"), "")
        received = Received(time.monotonic(), self.path, dict(self.headers.items()), body, text, system)
        behaviour = chat.choose(received)
        if self.path != "/v1/chat/completions":
            received.status = 404
            self._error(404, f"no route for {self.path}")
            return
        if not isinstance(body, dict) or not isinstance(body.get("model"), str) or not messages \
                or body.get("temperature") != 0:
            received.status = 400
            self._error(400, "expected JSON with model, messages and temperature 0")
            return
        if behaviour.delay and chat.stopping.wait(behaviour.delay):
            return
        received.status = behaviour.status
        if behaviour.status != 200:
            self._error(behaviour.status, f"scripted error {behaviour.status}", behaviour.headers)
            return
        if behaviour.raw_body is not None:
            self._send(200, behaviour.raw_body)
            return
        answer = translate(text, system, drop_names=behaviour.drop_names)
        self._send(200, json.dumps({
            "id": f"chatcmpl-{len(chat.received)}", "object": "chat.completion", "created": 0,
            "model": body["model"],
            "choices": [{"index": 0, "message": {"role": "assistant", "content": answer},
                         "finish_reason": behaviour.finish_reason}],
            "usage": {"prompt_tokens": len(system) + len(text), "completion_tokens": len(answer),
                      "total_tokens": len(system) + len(text) + len(answer)},
        }, ensure_ascii=False))
