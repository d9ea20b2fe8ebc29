"""``check`` problems for GitHub Actions: annotations on the pull request's files, and a summary table.

    python -m build_tools check 2> check.log; status=$?
    python -m build_tools.ci_report < check.log      # annotations + $GITHUB_STEP_SUMMARY
    exit $status

Reads the ``path:line: message`` lines ``check`` prints, echoes them to stderr for the log, prints
one ``::error file=...,line=...::message`` workflow command per problem (GitHub shows them on the
lines of the diff), and appends a Markdown summary to the file named by ``GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

# path:line: message, or path: message for a problem with the whole file (see errors.Problem).
# The path is the shortest prefix that ends before ":<line>: " or ": " and looks like a file name.
_PROBLEM = re.compile(r"^(?P<path>\S.*?)(?::(?P<line>\d+))?: (?P<message>.+)$")
_TOTAL = re.compile(r"^\d+ problems? in \d+ files?$")
# Most problems a summary lists; the log has them all.
SUMMARY_ROWS = 200


@dataclass(frozen=True)
class Reported:
    path: str
    line: int
    message: str


def parse_problems(text: str) -> tuple[list[Reported], list[str]]:
    """Problems in ``check``'s output, and any other lines (tracebacks, notes) kept as they are."""
    problems, other = [], []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line or _TOTAL.match(line):
            continue
        m = _PROBLEM.match(line)
        if m and ("/" in m["path"] or "." in m["path"]):  # not "ValueError: ..." from a traceback
            problems.append(Reported(m["path"], int(m["line"] or 0), m["message"]))
        else:
            other.append(line)
    return problems, other


# The runner takes a line that starts with "::" (after spaces) as a command: ::warning, ::add-mask,
# ::stop-commands. Lines from check's output (file names, keys, a traceback) are echoed, never obeyed.
_COMMAND_START = re.compile(r"^(\s*):(?=:)", re.MULTILINE)


def neutralised(text: str) -> str:
    """``text`` with every line that would start a workflow command changed from '::' to ': :'."""
    return _COMMAND_START.sub(r"\1: ", text)


def _escape_data(text: str) -> str:
    # Workflow command escaping, as in @actions/core's command.ts.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Reported) -> str:
    """The ``::error`` workflow command of one problem."""
    props = f"file={_escape_property(problem.path)}"
    if problem.line:
        props += f",line={problem.line}"
    return f"::error {props},title=check::{_escape_data(problem.message)}"


def _cell(text: str) -> str:
    # Markdown table cell: no pipes or newlines, and no HTML from the message.
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|").replace("\n", " "))


def summary(problems: list[Reported], other: list[str]) -> str:
    """A Markdown report: what to fix, file by file, and how to reproduce it locally."""
    if not problems and not other:
        return "### ✅ `check`: every briefing is valid\n"
    files = sorted({p.path for p in problems})
    lines = [f"### ❌ `check` found {len(problems)} problem{'s' * (len(problems) != 1)} "
             f"in {len(files)} file{'s' * (len(files) != 1)}", "",
             "Run `python -m build_tools check` locally to see the same list; each line says what to change.",
             ""]
    if problems:
        lines += ["| File | Line | Problem |", "| --- | ---: | --- |"]
        for p in problems[:SUMMARY_ROWS]:
            lines.append(f"| `{_cell(p.path)}` | {p.line or ''} | {_cell(p.message)} |")
        if len(problems) > SUMMARY_ROWS:
            lines.append(f"\n… and {len(problems) - SUMMARY_ROWS} more in the job log.")
    if other:
        lines += ["", "Other output:", "", "```", *(neutralised(line) for line in other[:50]), "```"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Read check's output on stdin; print annotations; append the summary for the job page."""
    del argv
    text = sys.stdin.read()
    sys.stderr.write(neutralised(text))
    problems, other = parse_problems(text)
    for p in problems:
        print(annotation(p))
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with Path(target).open("a", encoding="utf-8") as fh:
            fh.write(summary(problems, other))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
