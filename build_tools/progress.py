"""Progress of long runs (ingesting hundreds of seeds) on stderr: live on a terminal, silent in CI.

    with Progress(len(seeds), label="ingest", enabled=args.progress) as progress:
        for seed in seeds:
            ...
            progress.advance(item=seed.name)
            progress.write("seeds/x.txt:1: warning ...")   # a message that does not garble the bar

``enabled=None`` (the default) decides by itself: on when the stream is a terminal and the ``CI``
environment variable is not set to a true value; ``True`` forces it on, ``False`` off. On a terminal
the line is redrawn in place with ``\\r``; forced on a pipe or in a log, it prints a plain line every
``LOG_STEP_PERCENT`` per cent instead, so CI logs stay short and readable.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from types import TracebackType
from typing import TextIO

# Redrawing more often than this only costs time: a person reads a few updates per second at most.
REDRAW_SECONDS = 0.1
# Without a terminal (forced on in a log), one line per this many per cent of the work.
LOG_STEP_PERCENT = 10
# Values of the CI variable that mean "not CI" (GitHub Actions, GitLab and others set CI=true).
_FALSE_VALUES = {"", "0", "false", "no", "off"}


def in_ci(environ: dict[str, str] | None = None) -> bool:
    """True when the ``CI`` environment variable says we run in continuous integration."""
    env = os.environ if environ is None else environ
    return env.get("CI", "").strip().lower() not in _FALSE_VALUES


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or file-like objects without isatty
        return False


class Progress:
    """A counter of ``total`` steps shown as one updating line; a no-op when disabled."""

    def __init__(self, total: int, label: str = "", *, enabled: bool | None = None,
                 stream: TextIO | None = None, clock=time.monotonic):
        self.total = max(int(total), 0)
        self.label = label
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.terminal = _is_terminal(self.stream)
        self.enabled = (self.terminal and not in_ci()) if enabled is None else bool(enabled)
        self._clock = clock
        self._start = clock()
        self._last_draw = float("-inf")
        self._last_step = -1
        self._width = 0  # length of the line on screen, to blank it out
        self._item = ""

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def advance(self, n: int = 1, item: str | None = None) -> None:
        """Count ``n`` more steps done; ``item`` names the last one (shown on a terminal)."""
        self.done = min(self.done + n, self.total) if self.total else self.done + n
        if item is not None:
            self._item = item
        if not self.enabled:
            return
        if self.terminal:
            now = self._clock()
            if now - self._last_draw >= REDRAW_SECONDS or self.done == self.total:
                self._last_draw = now
                self._draw(self._line(with_item=True))
        else:
            step = self.done * 100 // (self.total * LOG_STEP_PERCENT) if self.total else 0
            if step > self._last_step:
                self._last_step = step
                self.stream.write(self._line(with_item=False) + "\n")
                self.stream.flush()

    def write(self, message: str) -> None:
        """Print a whole line (a warning, a problem) above the progress line."""
        if self.enabled and self.terminal and self._width:
            self._draw("")
            self.stream.write(message + "\n")
            self._width = 0
            self._draw(self._line(with_item=True))
        else:
            self.stream.write(message + "\n")
        self.stream.flush()

    def close(self) -> None:
        """Finish the line: a last summary on a terminal, nothing more in a log."""
        if not self.enabled or not self.terminal or not self._width:
            return
        elapsed = self._clock() - self._start
        self._draw(f"{self._prefix()}{self.done}/{self.total} in {elapsed:.1f}s")
        self.stream.write("\n")
        self.stream.flush()
        self._width = 0

    def _prefix(self) -> str:
        return f"{self.label}: " if self.label else ""

    def _line(self, *, with_item: bool) -> str:
        percent = f" ({self.done * 100 // self.total}%)" if self.total else ""
        line = f"{self._prefix()}{self.done}/{self.total}{percent}"
        elapsed = self._clock() - self._start
        if self.terminal and self.done and self.total and self.done < self.total and elapsed > 0:
            remaining = elapsed / self.done * (self.total - self.done)
            line += f", about {remaining:.0f}s left"
        if with_item and self._item:
            line += f"  {self._item}"
        return line

    def _draw(self, line: str) -> None:
        # A line wider than the terminal wraps, and \r would then redraw only its last row.
        line = line[: max(shutil.get_terminal_size().columns - 1, 20)]
        # Pad with spaces so a shorter line fully covers the previous one.
        self.stream.write("\r" + line.ljust(self._width))
        if not line:
            self.stream.write("\r")
        self.stream.flush()
        self._width = len(line)
