"""The Chinese sites are MkDocs projects of their own, built in worker processes beside the English one.

One project per language (Material's advice for multilingual sites) keeps each search index and each
navigation to one language. The English build starts the others once its output folder is clean, and
waits for them before it finishes, so ``mkdocs build`` and ``mkdocs serve`` always produce all three.
Workers are forked where the platform allows: they inherit the corpus already read and indexed, jieba's
loaded dictionary and the imported modules. Each reads back the pages it wrote for the sitemaps
(``sitemap.PageFacts.read``) while the others still build. Their warnings are relayed to the English
build's log, where ``--strict`` counts them like its own; a failure fails the whole build.

Each build writes its own language's search index as soon as its pages and records are ready, but one
at a time (``search_turn``): Pagefind holds a whole language's index in memory until it writes it. A
Chinese site's records are segmented by a helper started with the builds (``beside_holding``), while
its pages are made.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import functools
import gc
import logging
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from build_tools.site.language import other_languages

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
    results: Connection


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _build_in_worker(config_file: str, site_dir: str, results: Connection, parent: BriefingPlugin) -> None:
    """Worker: build one project (not strict: the parent judges its warnings) and report back.

    A dirty build under ``mkdocs serve`` stays dirty here; the worker sends back the keys of the pages
    it built, for the next one.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):  # the parent prints; the worker only collects
        logger.removeHandler(handler)
    collect = _Collect()
    logger.addHandler(collect)
    error, facts = None, {}
    try:
        config = load_config(config_file=config_file, site_dir=site_dir, strict=False)
        cast("BriefingPlugin", config.plugins[PLUGIN]).follow(parent)
        build(config, dirty=parent.serve.dirty)
        if not parent.sitemaps_after_build:
            facts = parent.page_facts.read(site_dir)  # here, beside the other builds, not after them
    except BaseException as exc:  # reported to the parent, which fails the build with it
        error = str(exc) or type(exc).__name__
    results.send((collect.messages, error, parent.serve.manifest_json(site_dir), facts))
    results.close()


def _context() -> Any:  # get_context is typed BaseContext, which the stubs give no Process
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


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


def beside_holding(lock_file: Path, target: Callable[..., object], args: tuple,
                   ) -> multiprocessing.process.BaseProcess:
    """Start ``target(*args)`` in a helper process that holds ``lock_file``'s lock until it ends: a
    ``search_turn(lock_file)`` waits for it, and no longer should it die. (Where the platform cannot
    fork, the helper does not hold the lock, and whoever waits on it does the helper's work.)"""
    with lock_file.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        # The forked helper inherits this descriptor and with it the lock, which outlives this copy.
        return beside(target, args)


def new_lock_file(purpose: str) -> Path:
    """A new lock file for ``search_turn`` or ``beside_holding``, shared by one ``mkdocs build``."""
    handle, name = tempfile.mkstemp(prefix=f"ai-briefing-{purpose}-", suffix=".lock")
    os.close(handle)
    return Path(name)


@contextlib.contextmanager
def search_turn(lock_file: Path | None) -> Iterator[None]:
    """Wait for this build's turn to index, among the builds sharing ``lock_file`` (None: no wait).

    A lock on the file, not a multiprocessing lock: the system releases it when its holder dies, so a
    build that crashes while indexing never leaves the others waiting.
    """
    if lock_file is None:
        yield
        return
    with lock_file.open("a") as fh:  # opened here: a descriptor inherited from the parent shares its lock
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def start_builds(root_config: Path, site_dir: Path, parent: BriefingPlugin) -> list[LanguageBuild]:
    """Start the build of every other language (its ``mkdocs.<code>.yml``) into ``site_dir/<prefix>``.

    Each worker's plugin follows ``parent``: the corpus it read, the serve state, the page facts, and
    the search turn.
    """
    ctx = _context()
    # Objects made so far (corpus, relations, jieba's dictionary) stay out of the collector's sight: a
    # collection in a worker would otherwise touch, and so copy, every page of memory it shares.
    gc.freeze()
    builds = []
    for lang in other_languages():
        code = lang.code
        config_file = root_config.parent / lang.config_file
        target = site_dir / lang.prefix
        receive, send = ctx.Pipe(duplex=False)
        process = ctx.Process(
            target=_build_in_worker,
            args=(str(config_file), str(target), send, parent),
            name=f"mkdocs-{code}",
            daemon=True,
        )
        process.start()
        send.close()
        builds.append(LanguageBuild(code, target, process, receive))
    gc.unfreeze()  # the workers keep theirs; this process collects as before (serve rebuilds)
    return builds


def finish_builds(builds: list[LanguageBuild], log: logging.Logger, parent: BriefingPlugin) -> list[str]:
    """Wait for every build; relay its warnings to ``log``; return the errors, one per failed build."""
    errors = []
    for b in builds:
        try:
            messages, error, keys, facts = b.results.recv()
        except EOFError:
            error = f"the worker process ended with exit code {b.process.exitcode}"
            messages, keys, facts = [], None, {}
        b.process.join()
        if not error:
            parent.serve.receive(b.site_dir, keys)
            parent.page_facts.remember(facts)
        for message in messages:
            log.warning(f"[{b.code}] {message}")
        if error:
            errors.append(f"[{b.code}] {error}")
    return errors


def stop_builds(builds: list[LanguageBuild]) -> None:
    """Stop builds still running (after the English build failed)."""
    for b in builds:
        if b.process.is_alive():
            b.process.terminate()
        b.process.join()
