"""Shared pytest options and fixtures: the build cache, the sites built once per session, the CLI."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_tools.site.cache import CACHE_ENV, KEY_ENV
from build_tools.site.search_index import PART_PAGES_ENV
from tests.support.sites import REAL_BRIEFINGS, REAL_TAXONOMY, build

# An already built real site for the browser tests to read instead of building one (a person re-running
# them after a build of their own).
SITE_DIR_ENV = "AI_BRIEFING_SITE_DIR"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden files in tests/golden/ from the current output (`make golden`)")


@pytest.fixture(scope="session", autouse=True)
def build_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One temporary build cache, and its signing secret, for every build of the session: tests never
    touch the user's cache or the secret in the user's config folder."""
    folder = tmp_path_factory.mktemp("build-cache")
    secret = tmp_path_factory.mktemp("cache-key") / "cache-key"
    # Every site a test builds is indexed for search in parts of 40 pages, merged into one index
    # (search_index.write_index), so the browser's searches read a merged index as an archive's are.
    settings = {CACHE_ENV: str(folder), KEY_ENV: str(secret), PART_PAGES_ENV: "40"}
    before = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    yield folder
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture corpus (tests/fixtures) built strict in every language, once per session."""
    dest = tmp_path_factory.mktemp("fixture-site") / "site"
    result = build(dest)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return dest


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real corpus (briefings/) built strict in every language, once per session.

    AI_BRIEFING_SITE_DIR names an already built one instead.
    """
    given = os.environ.get(SITE_DIR_ENV)
    if given:
        site = Path(given)
        if not (site / "index.html").is_file():
            pytest.fail(f"{SITE_DIR_ENV}={given}: no index.html there; build the site first")
        return site
    site = tmp_path_factory.mktemp("real-site") / "site"
    done = build(site, briefings=REAL_BRIEFINGS, taxonomy=REAL_TAXONOMY)
    if done.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed (exit {done.returncode}):\n{done.stderr[-4000:]}",
                    pytrace=False)
    assert "WARNING" not in done.stderr, done.stderr
    return site


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
