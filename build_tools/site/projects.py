"""The Chinese sites are MkDocs projects of their own, built in worker processes beside the English one.

One project per language (Material's advice for multilingual sites) keeps each search index and each
navigation to one language. The English build starts the others once its output folder is clean, and
waits for them before it finishes, so ``mkdocs build`` and ``mkdocs serve`` always produce all three.
Workers are forked where the platform allows: they inherit the corpus already read and indexed and the
imported modules. There is one worker per core, at most one per language (``worker_count``); where a
worker builds more than one language, it builds them one after the other. Each
build reads back the pages it wrote for the sitemaps (``sitemap.PageFacts.read``) while the others
still build. Their warnings are relayed to the English build's log, where ``--strict`` counts them like
its own; a failure fails the whole build. A build's result goes into a file the English build reads
when it waits for the others: the process that built a language ends as soon as it is built, and does
not hold its memory while the others index.

The English build writes every language's search index once the other languages are built: their
processes have ended by then, and no memory of theirs waits beside the Pagefind processes (each holds
a part of a language's index, and for Chinese text its dictionary, until it writes it). The indexes
are made in processes forked for them (search_index.index_beside), at most one per core. The
Chinese sites' records are segmented by a helper started with the builds (``beside``), while the pages
are made; it holds jieba's dictionary, which no build holds meanwhile.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import logging
import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from build_tools.site.language import SiteLanguage, other_languages

if TYPE_CHECKING:
    from build_tools.site.plugin import BriefingPlugin

# The plugin's name in mkdocs.yml (its entry point in pyproject.toml).
PLUGIN = "ai-briefing"


@dataclass
class LanguageBuild:
    """A language's build running in a worker process."""

    code: str
    site_dir: Path
    process: multiprocessing.process.BaseProcess
    results: Connection  # says when the result is in ``result_file`` (its end: the build died)
    result_file: Path


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _build_in_worker(projects: list[tuple[str, str, Connection, Path]], parent: BriefingPlugin) -> None:
    """Worker: build each (config file, site folder, results pipe, result file) project in turn, here
    (not strict: the parent judges its warnings), reporting each back as it ends; one that fails does
    not stop the next.

    One process for all its languages: what a finished build leaves is collected and given back before
    the next, which reuses the rest of its heap (at 3,000 briefings the Traditional build after the
    Simplified one peaked at 109 MiB against 104 in a process of its own). A build forked for each
    language would leave this worker waiting beside it with its copy of the English build's memory:
    42 MiB of it its own by then, at the build's peak (bench/results/2026-12-07-worker-builds.txt).
    """
    for number, project in enumerate(projects):
        if number:
            gc.collect()
            release_memory()
        _build_and_report(*project, parent=parent)


def _build_and_report(config_file: str, site_dir: str, results: Connection, result_file: Path, *,
                      parent: BriefingPlugin) -> None:
    """Build one project, write what the parent needs of it into ``result_file`` and say so down
    ``results``. The result of thousands of
    pages does not fit in a pipe: sent down it, it would keep this process, and all it holds, alive
    until the parent reads it (60 MiB a language at 3,000 briefings,
    bench/results/2026-12-07-mem-exit.txt).

    A dirty build under ``mkdocs serve`` stays dirty here; the worker sends back the keys of the pages
    it built, for the next one.
    """
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):  # the parent prints; the worker only collects
        logger.removeHandler(handler)
    collect = _Collect()
    logger.addHandler(collect)
    error, facts = _build_project(config_file, site_dir, parent)
    result = (collect.messages, error, parent.serve.manifest_json(site_dir), facts)
    result_file.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    results.send(True)  # a few bytes: never waits for the parent
    results.close()
    logger.removeHandler(collect)


def _build_project(config_file: str, site_dir: str, parent: BriefingPlugin) -> tuple[str | None, dict]:
    """Build one project; return its error (None when it built) and its pages' facts for the sitemaps."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    try:
        config = load_config(config_file=config_file, site_dir=site_dir, strict=False)
        cast("BriefingPlugin", config.plugins[PLUGIN]).follow(parent)
        build(config, dirty=parent.serve.dirty)
        if not parent.sitemaps_after_build:
            return None, parent.page_facts.read(site_dir)  # here, beside the other builds, not after them
    except BaseException as exc:  # reported to the parent, which fails the build with it
        return str(exc) or type(exc).__name__, {}
    return None, {}


def worker_count(languages: int, cores: int | None) -> int:
    """How many worker processes build ``languages`` other languages beside the English build.

    One per core but one, at most one per language, and at least one: the English build and the helper
    that segments the Chinese records keep the other core busy while the pages are made. At 3,000
    briefings on two cores, one worker building both Chinese sites in turn: 86 s and 408 MiB at the
    peak, against 84 s and 435 MiB with one worker each (bench/results/2026-12-07-index-lanes.txt).
    Where a worker builds several languages, it builds them one after the other.
    """
    return max(1, min(languages, (cores or 1) - 1))


def worker_groups(codes: list[str], workers: int) -> list[list[str]]:
    """The languages ``codes`` (in table order) dealt to ``workers`` workers, each built in turn."""
    groups: list[list[str]] = [[] for _ in range(min(workers, len(codes)))]
    for i, code in enumerate(codes):
        groups[i % len(groups)].append(code)
    return groups


def forks() -> bool:
    """Whether ``beside`` forks (a process that starts at once, sharing this one's memory)."""
    return "fork" in multiprocessing.get_all_start_methods()


def _context() -> Any:  # get_context is typed BaseContext, which the stubs give no Process
    return multiprocessing.get_context("fork" if forks() else "spawn")


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none (musl, macOS)."""
    name = ctypes.util.find_library("c")
    try:
        return cast("Callable[[int], int]", ctypes.CDLL(name).malloc_trim)
    except (OSError, AttributeError, TypeError):
        return None


def release_memory() -> None:
    """Give the system back the free memory of this process's heap.

    Freed blocks of more than a few hundred bytes (a page's HTML, a Pagefind answer) stay in the C
    library's heap, which returns only what is free at its very end: after a language's pages are
    written, or after each part of its index, a build holds tens of megabytes it no longer uses
    while the others work (bench/results/2026-12-07-peak.txt). No garbage collection here: in the
    English build it would touch, and so copy, every page of memory the forked builds share with it.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def beside(target: Callable[..., object], args: tuple) -> multiprocessing.process.BaseProcess:
    """Start ``target(*args)`` in a helper process (forked where the platform allows) and return it."""
    gc.freeze()  # see start_builds
    try:
        process = _context().Process(target=target, args=args, name="ai-briefing-helper", daemon=True)
        process.start()
    finally:
        gc.unfreeze()
    return process


def pipe() -> tuple[Connection, Connection]:
    """A one-way pipe (receiving end, sending end) for a process started by ``beside``."""
    receive, send = _context().Pipe(duplex=False)
    return receive, send


def event() -> Any:
    """A multiprocessing Event that the processes started next by ``beside`` share."""
    return _context().Event()


def _result_file(code: str) -> Path:
    """A new, empty file for the result of the build of language ``code``: made here, readable and
    writable by this user alone (mkstemp), so that what the parent unpickles is what its worker wrote."""
    handle, name = tempfile.mkstemp(prefix=f"ai-briefing-result-{code}-", suffix=".pickle")
    os.close(handle)
    return Path(name)


def start_builds(root_config: Path, site_dir: Path, parent: BriefingPlugin, workers: int | None = None,
                 ) -> list[LanguageBuild]:
    """Start the build of every other language (its ``mkdocs.<code>.yml``) into ``site_dir/<prefix>``,
    in ``workers`` workers (default: ``worker_count`` of this machine's cores).

    Each worker's plugin follows ``parent``: the corpus it read, the serve state and the page facts.
    """
    ctx = _context()
    languages: dict[str, SiteLanguage] = {lang.code: lang for lang in other_languages()}
    # Objects made so far (corpus, relations, jieba's dictionary) stay out of the collector's sight: a
    # collection in a worker would otherwise touch, and so copy, every page of memory it shares.
    gc.freeze()
    builds: list[LanguageBuild] = []
    workers = workers or worker_count(len(languages), os.cpu_count())
    for group in worker_groups(list(languages), workers):
        projects, pipes = [], []
        for code in group:
            receive, send = ctx.Pipe(duplex=False)
            target = site_dir / languages[code].prefix
            result_file = _result_file(code)
            projects.append((str(root_config.parent / languages[code].config_file), str(target), send,
                             result_file))
            pipes.append((code, target, receive, result_file))
        process = ctx.Process(target=_build_in_worker, args=(projects, parent),
                              name=f"mkdocs-{'-'.join(group)}", daemon=True)
        process.start()
        for _, _, send, _ in projects:
            send.close()
        builds += [LanguageBuild(code, target, process, receive, result_file)
                   for code, target, receive, result_file in pipes]
    gc.unfreeze()  # the workers keep theirs; this process collects as before (serve rebuilds)
    return builds


def finish_builds(builds: list[LanguageBuild], log: logging.Logger, parent: BriefingPlugin) -> list[str]:
    """Wait for every build; relay its warnings to ``log``; return the errors, one per failed build."""
    outcomes: list[tuple[LanguageBuild, list[str], str | None]] = []  # None: died without a word
    for b in builds:
        try:
            b.results.recv()
            messages, error, keys, facts = pickle.loads(b.result_file.read_bytes())
        except EOFError:  # its worker's exit code tells how it ended (below)
            outcomes.append((b, [], None))
            continue
        finally:
            b.results.close()
            b.result_file.unlink(missing_ok=True)
        if not error:
            parent.serve.receive(b.site_dir, keys)
            parent.page_facts.remember(facts)
        outcomes.append((b, messages, error or ""))
    # Joined once every result is read: a worker building several languages sends the next one's
    # result after this one's, and would wait on a full pipe for it to be read.
    for process in dict.fromkeys(b.process for b in builds):
        process.join()
    errors = []
    for b, messages, error in outcomes:
        for message in messages:
            log.warning(f"[{b.code}] {message}")
        if error is None:
            errors.append(f"[{b.code}] the worker process ended with exit code {b.process.exitcode}")
        elif error:
            errors.append(f"[{b.code}] {error}")
    return errors


def stop_builds(builds: list[LanguageBuild]) -> None:
    """Stop builds still running (after the English build failed)."""
    for process in dict.fromkeys(b.process for b in builds):
        if process.is_alive():
            process.terminate()
        process.join()
    for b in builds:
        b.result_file.unlink(missing_ok=True)
