"""Shared pytest options and fixtures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden files in tests/golden/ from the current output (`make golden`)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run should rewrite golden files instead of comparing with them."""
    return bool(request.config.getoption("--update-golden"))


@dataclass
class CliRun:
    """Exit code and output of one in-process run of ``python -m build_tools``."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Run the command line in-process, from ``tmp_path`` (so paths print relative to it) unless ``cwd``."""
    from build_tools.cli import main

    def run(*argv: str, cwd: Path | None = None) -> CliRun:
        monkeypatch.chdir(cwd or tmp_path)
        monkeypatch.setenv("CI", "true")  # no progress line in the captured output
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run
