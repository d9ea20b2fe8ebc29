"""A briefing is a regular file of the pull request: never a link to something else, never read unbounded.

A link ``briefings/x.md -> /dev/zero`` was read whole before its size was checked (memory until the machine
gives up); a link to a file outside the project would be published. Links and devices are refused by name.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTE = "a briefing must be a regular file in the pull request: replace the link or device with the file"


def _limit_memory() -> None:
    """At most 1 GiB, so that a file read without limit fails here instead of filling the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def _check(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "true"}
    return subprocess.run([sys.executable, "-m", "build_tools", "check", *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60, preexec_fn=_limit_memory, check=False)


def test_a_link_to_dev_zero_is_refused_without_reading_it(tmp_path: Path):
    (tmp_path / "briefings").mkdir()
    (tmp_path / "briefings" / "x.md").symlink_to("/dev/zero")
    run = _check(tmp_path, "briefings")
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr.splitlines() == [f"briefings/x.md: is a symbolic link; {NOTE}", "1 problem in 1 file"]


def test_a_link_to_a_file_outside_is_refused(tmp_path: Path):
    (tmp_path / "briefings").mkdir()
    (tmp_path / "briefings" / "y.md").symlink_to("/etc/hostname")
    run = _check(tmp_path, "briefings/y.md")
    assert run.stderr.splitlines() == [f"briefings/y.md: is a symbolic link; {NOTE}", "1 problem in 1 file"]


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path):
    (tmp_path / "briefings").mkdir()
    os.mkfifo(tmp_path / "briefings" / "z.md")
    run = _check(tmp_path, "briefings")
    assert run.stderr.splitlines() == [f"briefings/z.md: is not a regular file (a device or a pipe); {NOTE}",
                                       "1 problem in 1 file"]


def test_a_file_over_the_cap_is_refused_after_reading_the_cap(tmp_path: Path):
    from build_tools.briefing.schema import MAX_BRIEFING_BYTES

    (tmp_path / "briefings").mkdir()
    (tmp_path / "briefings" / "big.md").write_bytes(b"a" * (3 * MAX_BRIEFING_BYTES))
    run = _check(tmp_path, "briefings")
    assert run.stderr.splitlines() == [
        f"briefings/big.md: file is {3 * MAX_BRIEFING_BYTES} bytes; a briefing is at most "
        f"{MAX_BRIEFING_BYTES}: keep only the article", "1 problem in 1 file"]
