"""The build cache's database: shared by the processes of a build, each with its own connection, and
never in the way when it cannot be used (see test_cache_trust.py for what it can be trusted with)."""

from __future__ import annotations

import logging
import multiprocessing
import os
from pathlib import Path

import pytest

from build_tools.site import cache
from tests.support import cache as cached


@pytest.fixture
def folder(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    yield tmp_path / "cache"
    cache.close()


def _write(kind: str, start: int, count: int, parents: int | None = None) -> None:
    if parents is not None and id(cache._database()) == parents:
        raise SystemExit("the parent's connection, used in a forked process")
    for n in range(start, start + count):
        cache.write_text(kind, f"key{n}", f"value {n} " + "字" * (n % 50))


def test_values_written_by_processes_at_the_same_time_are_all_there(folder: Path) -> None:
    """Processes forked after this one opened the database write at once, each through its own
    connection; every value is there, read back here, and read back in another process."""
    cache.write_text("page", "before", "written before the fork")
    context = multiprocessing.get_context("fork")
    parents = id(cache._database())
    writers = [context.Process(target=_write, args=("page", 300 * n, 300, parents)) for n in range(3)]
    for writer in writers:
        writer.start()
    _write("search-record", 0, 300)  # and this process, meanwhile
    for writer in writers:
        writer.join(60)
        assert writer.exitcode == 0
    assert [cache.read_text("page", f"key{n}") for n in range(900)] == [
        f"value {n} " + "字" * (n % 50) for n in range(900)]
    assert cache.read_text("page", "before") == "written before the fork"
    assert len(cached.values(folder, "page")) == 901 and len(cached.values(folder, "search-record")) == 300
    reader = multiprocessing.get_context("spawn").Pool(1)
    try:
        assert reader.apply(_read_in_a_new_process, (str(folder),)) == "value 899 " + "字" * 49
    finally:
        reader.close()
        reader.join()


def _read_in_a_new_process(folder: str) -> str | None:
    os.environ[cache.CACHE_ENV] = folder
    return cache.read_text("page", "key899")


def test_a_value_is_read_with_its_suffix_and_kind_only(folder: Path) -> None:
    cache.write_json("search", "k", {"a": [1, "二"]})
    cache.write_text("page", "k", "<p>page</p>")
    assert cache.read_json("search", "k") == {"a": [1, "二"]}
    assert cache.has("search", "k") and not cache.has("page", "k")
    assert cache.read_text("page", "k") == "<p>page</p>"
    assert cache.read_text("search", "k") is None  # .html, not .json
    assert sorted(cached.values(folder)) == [("page", "k.html"), ("search", "k.json")]


@pytest.mark.parametrize("what", ["link", "folder", "not a database"])
def test_a_database_that_cannot_be_used_is_no_cache_and_said_once(folder: Path, tmp_path: Path, what: str,
                                                                  caplog) -> None:
    """A link in the place of the database (even to a good one), a folder, or a file that is not a
    database: nothing is read or written, nothing raised, one warning."""
    folder.mkdir(parents=True)
    path = folder / cache.DATABASE
    if what == "link":
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        os.environ[cache.CACHE_ENV] = str(elsewhere)
        cache.write_text("page", "k", "<p>linked</p>")
        os.environ[cache.CACHE_ENV] = str(folder)
        path.symlink_to(elsewhere / cache.DATABASE)
    elif what == "folder":
        path.mkdir()
    else:
        path.write_bytes(b"this is not a database\n" * 100)
    before = path.read_bytes() if what == "not a database" else None
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.ai_briefing.cache"):
        assert cache.read_text("page", "k") is None
        cache.write_text("page", "k", "<p>new</p>")
        assert cache.read_text("page", "k") is None
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}: cannot use the build cache")
    # Nothing written: not through the link, not into the folder, not over the file.
    if what == "link":
        assert [text for _, _, text in cached.values(elsewhere).values()] == ["<p>linked</p>"]
    elif what == "folder":
        assert not list(path.iterdir())
    else:
        assert path.read_bytes() == before


def test_caching_off_opens_no_database(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    monkeypatch.chdir(tmp_path)
    cache.write_text("page", "k", "<p>x</p>")
    assert cache.read_text("page", "k") is None
    assert not list(tmp_path.rglob("*"))
