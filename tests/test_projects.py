"""The other languages' builds in worker processes (build_tools/site/projects.py): how many workers, which
languages each builds in turn, and that every result comes back whatever the others did.

The builds themselves are real MkDocs builds in tests/test_site_build.py; here a worker's build of one
project is replaced by one that reports a given error and a large result, to check the worker's order,
its pipes and the parent's wait without building three sites for each case.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from build_tools.site import projects
from build_tools.site.language import other_languages


@pytest.mark.parametrize(("languages", "cores", "expected"), [
    (2, 2, 1), (2, 1, 1), (2, None, 1), (2, 3, 2), (2, 8, 2), (5, 4, 3), (5, 3, 2), (1, 8, 1),
])
def test_a_worker_per_core_but_one_and_at_most_one_per_language(languages, cores, expected):
    assert projects.worker_count(languages, cores) == expected


def test_languages_are_dealt_to_the_workers_in_table_order():
    assert projects.worker_groups(["zh", "zh-hant"], 1) == [["zh", "zh-hant"]]
    assert projects.worker_groups(["zh", "zh-hant"], 2) == [["zh"], ["zh-hant"]]
    assert projects.worker_groups(["a", "b", "c"], 2) == [["a", "c"], ["b"]]
    assert projects.worker_groups(["a"], 4) == [["a"]]


class _Parent:
    """What a worker and the wait read of the English build's plugin."""

    def __init__(self) -> None:
        self.received: list[tuple[Path, object]] = []
        self.facts: list[dict] = []
        self.serve = SimpleNamespace(dirty=False, manifest_json=lambda site_dir: "x" * 300_000,
                                     receive=lambda site_dir, keys: self.received.append((site_dir, keys)))
        self.page_facts = SimpleNamespace(remember=self.facts.append)
        self.sitemaps_after_build = False


@pytest.mark.parametrize("workers", [1, 2])
def test_every_language_reports_back_and_a_failure_does_not_stop_the_next(tmp_path, monkeypatch, workers):
    """One worker builds the languages one after the other: the first one's failure is reported and the
    next one is still built. Results larger than a pipe holds are all read before the wait ends."""
    order = tmp_path / "order"
    first = other_languages()[0]

    def build_project(config_file: str, site_dir: str, parent) -> tuple[str | None, dict]:
        with order.open("a") as fh:
            fh.write(Path(config_file).name + "\n")
        if config_file.endswith(first.config_file):
            return "the first language failed", {}
        return None, {site_dir: ("y" * 200_000,)}

    monkeypatch.setattr(projects, "_build_project", build_project)
    parent = _Parent()
    builds = projects.start_builds(tmp_path / "mkdocs.yml", tmp_path / "site", parent, workers=workers)
    assert len({id(b.process) for b in builds}) == min(workers, len(builds))
    errors = _wait_for(builds, parent)  # fails, rather than hangs, should a worker block on a pipe
    assert errors == [f"[{first.code}] the first language failed"]
    built = order.read_text().split()
    assert sorted(built) == sorted(lang.config_file for lang in other_languages())
    if workers == 1:
        assert built == [lang.config_file for lang in other_languages()]
    # Every language but the failed one handed back its pages and facts; every worker has ended.
    assert [site for site, _ in parent.received] == [b.site_dir for b in builds if b.code != first.code]
    assert len(parent.facts) == len(builds) - 1
    assert all(not b.process.is_alive() for b in builds)


def test_a_worker_builds_its_languages_itself_in_turn_collecting_between_them(tmp_path, monkeypatch):
    """No process is forked per language (it would leave the worker waiting beside it with its copy of
    the English build's memory): the worker builds each in turn, and gives back what one left before
    the next."""
    pids = tmp_path / "pids"

    def build_project(config_file: str, site_dir: str, parent) -> tuple[str | None, dict]:
        with pids.open("a") as fh:
            fh.write(f"{os.getpid()} {config_file} {_Garbage.alive}\n")
        _Garbage()  # a cycle only a collection frees
        return None, {}

    monkeypatch.setattr(projects, "_build_project", build_project)
    parent = _Parent()
    builds = projects.start_builds(tmp_path / "mkdocs.yml", tmp_path / "site", parent, workers=1)
    assert len(builds) > 1
    assert _wait_for(builds, parent) == []
    rows = [line.split() for line in pids.read_text().splitlines()]
    assert {int(pid) for pid, *_ in rows} == {builds[0].process.pid}
    assert [Path(config).name for _, config, _ in rows] == [lang.config_file for lang in other_languages()]
    assert [int(alive) for *_, alive in rows] == [0] * len(rows)  # each build's garbage was collected


class _Garbage:
    """An object in a reference cycle: freed by the garbage collector, not by its reference count."""

    alive = 0

    def __init__(self) -> None:
        self.me = self
        type(self).alive += 1

    def __del__(self) -> None:
        type(self).alive -= 1


def _wait_for(builds, parent) -> list[str]:
    done: list[list[str]] = []
    wait = threading.Thread(target=lambda: done.append(
        projects.finish_builds(builds, logging.getLogger("test"), parent)), daemon=True)
    wait.start()
    wait.join(60)
    if not done:
        projects.stop_builds(builds)
        pytest.fail("the parent's wait for the workers did not end")
    return done[0]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_build_that_dies_is_reported_with_its_exit_code(tmp_path, monkeypatch, workers):
    """A crash (no exception to report) ends the worker: its language, and those it had still to build,
    are reported with the exit code; a worker of its own builds the other language."""
    first = other_languages()[0]

    def build_project(config_file: str, site_dir: str, parent) -> tuple[str | None, dict]:
        if config_file.endswith(first.config_file):
            os._exit(3)  # as a crash would: nothing sent
        return None, {}

    monkeypatch.setattr(projects, "_build_project", build_project)
    parent = _Parent()
    builds = projects.start_builds(tmp_path / "mkdocs.yml", tmp_path / "site", parent, workers=workers)
    lost = [b for b in builds if b.process is builds[0].process]
    ended = [f"[{b.code}] the worker process ended with exit code 3" for b in lost]
    assert _wait_for(builds, parent) == ended
    assert [site for site, _ in parent.received] == [b.site_dir for b in builds if b not in lost]
    assert len(lost) == (len(builds) if workers == 1 else 1)


def test_stopping_the_builds_stops_the_one_running(tmp_path, monkeypatch):
    """After the English build failed, the worker stops with the build it runs; the next never starts."""
    pids = tmp_path / "pids"

    def build_project(config_file: str, site_dir: str, parent) -> tuple[str | None, dict]:
        with pids.open("a") as fh:
            fh.write(f"{os.getpid()}\n")
        time.sleep(120)
        return None, {}

    monkeypatch.setattr(projects, "_build_project", build_project)
    builds = projects.start_builds(tmp_path / "mkdocs.yml", tmp_path / "site", _Parent(), workers=1)
    deadline = time.monotonic() + 30
    while not pids.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    (pid,) = map(int, pids.read_text().split())
    assert pid == builds[0].process.pid  # built in the worker itself
    projects.stop_builds(builds)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]
    assert not pids.read_text().split()[1:]  # the next language was never started


@pytest.mark.parametrize("workers", [1, 2])
def test_a_worker_ends_when_its_languages_are_built_before_the_parent_reads_their_results(
        tmp_path, monkeypatch, workers):
    """The root build reads the results only after its own index: a worker kept alive until then would
    hold its memory through every index. Results larger than a pipe holds do not keep it."""

    def build_project(config_file: str, site_dir: str, parent) -> tuple[str | None, dict]:
        return None, {site_dir: ("y" * 500_000,)}

    monkeypatch.setattr(projects, "_build_project", build_project)
    parent = _Parent()
    builds = projects.start_builds(tmp_path / "mkdocs.yml", tmp_path / "site", parent, workers=workers)
    processes = list(dict.fromkeys(b.process for b in builds))
    for process in processes:
        process.join(30)
    alive = [p for p in processes if p.is_alive()]
    if alive:
        projects.stop_builds(builds)
        pytest.fail("a worker waited for the parent to read its result")
    assert _wait_for(builds, parent) == []
    assert [site for site, _ in parent.received] == [b.site_dir for b in builds]
    assert parent.facts == [{str(b.site_dir): ("y" * 500_000,)} for b in builds]
    assert not any(b.result_file.exists() for b in builds)  # read and removed
