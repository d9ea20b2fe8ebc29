"""Progress output: live on a terminal, silent in CI and in pipes unless asked for."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.progress import Progress, in_ci

ROOT = Path(__file__).resolve().parent.parent


class Terminal(io.StringIO):
    """A text stream that says it is a terminal, as stderr does in an interactive shell."""

    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_ci_detection():
    assert in_ci({"CI": "true"}) and in_ci({"CI": "1"})
    assert not in_ci({}) and not in_ci({"CI": "false"}) and not in_ci({"CI": ""})


def test_silent_by_default_in_a_pipe():
    out = io.StringIO()
    with Progress(300, label="ingest", stream=out) as p:
        for _ in range(300):
            p.advance()
    assert out.getvalue() == ""
    assert p.done == 300


def test_silent_by_default_in_ci_even_on_a_terminal(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CI", "true")
    out = Terminal()
    with Progress(10, label="ingest", stream=out) as p:
        p.advance(10)
    assert out.getvalue() == ""


def test_terminal_line_is_redrawn_in_place(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("CI", raising=False)
    out, clock = Terminal(), Clock()
    with Progress(4, label="ingest", stream=out, clock=clock) as p:
        for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
            clock.now += 1.0
            p.advance(item=f"seeds/{name}")
    text = out.getvalue()
    assert text.count("\n") == 1 and text.endswith("\n")  # one line, rewritten with \r
    frames = [f.rstrip() for f in text.rstrip("\n").split("\r") if f.strip()]
    assert frames[0] == "ingest: 1/4 (25%), about 3s left  seeds/a.txt"
    assert frames[-2] == "ingest: 4/4 (100%)  seeds/d.txt"
    assert frames[-1] == "ingest: 4/4 in 4.0s"


def test_terminal_redraws_are_throttled(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("CI", raising=False)
    out, clock = Terminal(), Clock()
    with Progress(1000, stream=out, clock=clock) as p:
        for _ in range(1000):
            clock.now += 0.001  # a thousand steps in one second: about ten redraws, not a thousand
            p.advance()
    assert 9 <= out.getvalue().count("\r") <= 16


def test_messages_do_not_garble_the_line(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("CI", raising=False)
    out, clock = Terminal(), Clock()
    with Progress(2, label="ingest", stream=out, clock=clock) as p:
        p.advance(item="seeds/a.txt")
        p.write("seeds/a.txt:1: near-duplicate of briefings/b.md (Jaccard 0.91)")
        p.advance(item="seeds/b.txt")
    first = "ingest: 1/2 (50%)  seeds/a.txt"
    message = "seeds/a.txt:1: near-duplicate of briefings/b.md (Jaccard 0.91)"
    # the line is blanked, the message gets a line of its own, and the progress line comes back below
    assert out.getvalue().startswith(f"\r{first}\r{' ' * len(first)}\r{message}\n\r{first}\r")


def test_forced_in_a_log_prints_a_line_per_tenth():
    out = io.StringIO()
    with Progress(200, label="ingest", stream=out, enabled=True) as p:
        for _ in range(200):
            p.advance()
    lines = out.getvalue().splitlines()
    assert "\r" not in out.getvalue()
    assert lines[0] == "ingest: 1/200 (0%)"
    assert lines[-1] == "ingest: 200/200 (100%)"
    assert len(lines) == 11


def test_write_goes_through_when_disabled():
    out = io.StringIO()
    with Progress(1, stream=out, enabled=False) as p:
        p.write("briefings/x.md:1: something")
        p.advance()
    assert out.getvalue() == "briefings/x.md:1: something\n"


def test_real_process_in_ci_prints_nothing():
    code = ("from build_tools.progress import Progress\n"
            "with Progress(50, label='ingest') as p:\n"
            "    [p.advance() for _ in range(50)]\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "CI": "true"}, check=True)
    assert (result.stdout, result.stderr) == ("", "")
