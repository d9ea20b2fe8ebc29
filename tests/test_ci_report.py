"""CI logs: nothing from a pull request becomes a workflow command (``::warning::``, ``::add-mask::``...).

GitHub runs any log line that starts with ``::`` as a command. ``ci_report`` echoes ``check``'s output to
the log, so a line that a hostile file name, key or traceback put there must be shown, not obeyed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.briefing.taxonomy import parse_taxonomy
from build_tools.ci_report import neutralised
from build_tools.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
HOSTILE_OUTPUT = ("briefings/a.md:3: 'date': expected YYYY-MM-DD, got '1 June'\n"
                  "Traceback (most recent call last):\n"
                  "TypeError: got an unexpected keyword argument '\n"
                  "::warning file=x::pwned'\n"
                  "  ::add-mask::secret\n"
                  "::stop-commands::token\n"
                  "1 problem in 1 file\n")


def _report(text: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}
    return subprocess.run([sys.executable, "-m", "build_tools.ci_report"], input=text, cwd=tmp_path,
                          capture_output=True, text=True, env=env, check=False)


def test_lines_that_look_like_workflow_commands_are_shown_not_run(tmp_path: Path):
    """Only ci_report's own ::error annotations start with '::'; every echoed line is neutralised."""
    report = _report(HOSTILE_OUTPUT, tmp_path)
    assert report.returncode == 0
    output = (report.stdout + report.stderr).splitlines()
    commands = [line for line in output if line.lstrip().startswith("::")]
    assert commands == ["::error file=briefings/a.md,line=3,title=check::'date': expected YYYY-MM-DD, "
                        "got '1 June'"]
    assert ": :warning file=x::pwned'" in report.stderr  # still readable in the log
    assert "  : :add-mask::secret" in report.stderr


def test_neutralised_keeps_ordinary_lines():
    assert neutralised("briefings/a.md:3: x :: y") == "briefings/a.md:3: x :: y"
    assert neutralised("\t::debug::x") == "\t: :debug::x"


def test_a_taxonomy_key_holding_a_workflow_command_is_a_problem_on_one_line():
    """The key that once crashed check with a TypeError is reported, escaped onto its line."""
    text = '- id: a\n  kind: topic\n  en: A\n  zh: 甲\n  description: {"\\n::warning::pwned": x}\n'
    with pytest.raises(InputError) as caught:
        parse_taxonomy(text, "tax.yaml")
    shown = [str(p) for p in caught.value.problems]
    assert shown == ["tax.yaml:5: 'description': expected a mapping with 'en' and 'zh' texts"]
