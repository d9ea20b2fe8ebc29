"""Problems in user input, reported like a compiler: ``path:line: message``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Characters of a file name or a quoted value that could rewrite the terminal (ESC sequences), split a
# message over lines, or reorder it (bidirectional controls): shown escaped, so a message stays one line.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escaped(text: str) -> str:
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one input file; ``line`` is 1-based, 0 when the whole file is meant."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return _escaped(f"{self.path}:{self.line}: {self.message}")
        return _escaped(f"{self.path}: {self.message}")


class InputError(Exception):
    """Bad input: carries every problem found, so the CLI can print them all and exit non-zero."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: str | Path) -> str:
    """A path as the user should see it: relative to the working directory when inside it.

    The path itself first (a symbolic link is named, not where it points), then the resolved path.
    """
    p = Path(path)
    try:
        cwd = Path.cwd()
        for candidate, base in ((p.absolute(), cwd), (p.resolve(), cwd.resolve())):
            if candidate.is_relative_to(base):
                return candidate.relative_to(base).as_posix()
    except (ValueError, OSError):
        pass
    return p.as_posix()
