"""Run the ``mkdocs`` command line with stage timers: ``python -m bench.driver STAGE_LOG mkdocs-args...``.

The build is the real one (same command, same plugin, same worker processes); the driver only wraps a
few functions with a clock before MkDocs starts. Each process, English and the forked language workers,
appends one JSON line per stage to STAGE_LOG when its MkDocs build ends:

    {"pid": 123, "lang": "zh", "stage": "generation", "seconds": 1.23, "calls": 1}

Stages: ``collect`` (read + validate the corpus), ``generation`` (the generated pages: their sources,
and their HTML when the theme asks for it, from the cache or rendered), ``search`` (Pagefind indexing
the language's site, in processes the English build starts once every site is built, each share of
its pages and the merge in one: each writes its own stage lines, summed per language), ``search_records``
(segmenting a Chinese site's records into the build cache, when a build does it itself: a helper
process beside the builds does it, and writes no stage line), ``languages_wait`` (the English build
waiting for the others), ``sitemaps`` (the English build writing the sitemaps of all three) and
``build`` (the whole MkDocs build of that language; for English it includes ``languages_wait``);
``release`` counts the times a build gave its free memory back (after its pages, each part of its
index, and its index). A function that no longer exists is simply not timed.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

_seconds: dict[str, float] = defaultdict(float)
_calls: dict[str, int] = defaultdict(int)
# Between a stage and the language it was done for, in the keys of _seconds.
_OTHER = "@"
# Where the stage lines go (set by main(); a forked worker inherits it).
_log: dict[str, Path] = {}
# Where each stage's start and end go as they happen, when set (bench/timeline.py): a line per event,
# with the system's monotonic clock, which every process of the machine shares.
EVENTS_ENV = "AI_BRIEFING_BENCH_EVENTS"
# Stages run once or a few times per process: each call's start and end are events. The others run per
# page: only their first start is one.
_COARSE = {"build", "collect", "search", "search_records", "languages_wait", "sitemaps"}


def _event(stage: str, lang: str | None, what: str) -> None:
    path = os.environ.get(EVENTS_ENV)
    if not path:
        return
    line = json.dumps({"pid": os.getpid(), "lang": lang, "stage": stage, "event": what,
                       "t": time.monotonic()})
    with Path(path).open("a", encoding="utf-8") as fh:  # one short append: lines of processes do not mix
        fh.write(line + "\n")


def _timed(stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        # A stage done for another language than the process's (the English build indexes all three
        # sites) is counted for the language it was done for: its SiteLanguage argument.
        lang = next((a.code for a in args if hasattr(a, "code") and hasattr(a, "prefix")), None)
        key = f"{stage}{_OTHER}{lang}" if lang else stage
        coarse = stage in _COARSE
        if coarse or not _calls[key]:
            _event(stage, lang, "start")
        try:
            return fn(*args, **kwargs)
        finally:
            _seconds[key] += time.perf_counter() - start
            _calls[key] += 1
            if coarse:
                _event(stage, lang, "end")

    return wrapper


def _patch(owner: Any, name: str, stage: str) -> None:
    fn = getattr(owner, name, None)
    if fn is not None:  # a renamed function is not timed rather than breaking the build
        setattr(owner, name, _timed(stage, fn))


def _write(lang: str) -> None:
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0])
    for key, seconds in _seconds.items():
        stage, _, done_for = key.partition(_OTHER)
        total = totals[(done_for or lang, stage)]
        total[0] += seconds
        total[1] += _calls[key]
    lines = [json.dumps({"pid": os.getpid(), "lang": done, "stage": stage, "seconds": round(seconds, 4),
                         "calls": int(calls)})
             for (done, stage), (seconds, calls) in sorted(totals.items())]
    with _log["path"].open("a", encoding="utf-8") as fh:  # one short append per process
        fh.write("\n".join(lines) + "\n")


def _timed_index(index: Callable[..., Any]) -> Callable[..., Any]:
    """An index process (search_index.index_beside) writes its own stage lines, for its language: it
    ends without returning to the MkDocs build it was forked from."""

    @functools.wraps(index)
    def wrapper(site: Any, *args: Any, **kwargs: Any) -> Any:
        _seconds.clear()  # the counters of the build it was forked from are that build's
        _calls.clear()
        try:
            return index(site, *args, **kwargs)
        finally:
            _write(site[1].code)

    return wrapper


def _timed_build(build: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(build)
    def wrapper(config: Any, *args: Any, **kwargs: Any) -> Any:
        # A forked worker inherits the parent's counters: start from zero in every build.
        _seconds.clear()
        _calls.clear()
        plugin = config.plugins.get("ai-briefing")
        lang = str(plugin.config.language) if plugin is not None else "en"
        start = time.perf_counter()
        _event("build", lang, "start")
        try:
            return build(config, *args, **kwargs)
        finally:
            _seconds["build"] = time.perf_counter() - start
            _calls["build"] = 1
            _event("build", lang, "end")
            _write(lang)

    return wrapper


# (module, function or Class.method, stage): the site's stages as its modules name them. The plugin imports
# some of these by name, so they are wrapped before MkDocs loads the plugin.
STAGES = (
    ("build_tools.site.collect", "CorpusReader.load", "collect"),
    ("build_tools.site.pages", "page_sources", "generation"),
    ("build_tools.site.pages", "PageSource.html", "generation"),
    ("build_tools.site.pages", "generate_pages", "generation"),
    ("build_tools.site.projects", "finish_builds", "languages_wait"),
    ("build_tools.site.publish.sitemap", "write_sitemaps", "sitemaps"),
    ("build_tools.site.collect", "build_editions", "editions"),
    ("build_tools.site.pages", "edition_sources", "editions"),
    ("build_tools.site.pages", "edition_page", "editions"),
    ("build_tools.site.plugin", "write_edition_feeds", "editions"),
    ("build_tools.site.search_index", "index_parts", "search"),
    ("build_tools.site.search_index", "finish_index", "search"),
    ("build_tools.site.search_index", "prepare_records", "search_records"),
    ("build_tools.site.projects", "release_memory", "release"),
)


def install() -> None:
    """Wrap the stages with timers (before MkDocs loads the configuration and the plugin)."""
    import importlib

    import mkdocs.commands.build as mkdocs_build

    mkdocs_build.build = _timed_build(mkdocs_build.build)
    from build_tools.site import search_index

    search_index._index_and_answer = _timed_index(search_index._index_and_answer)
    for module_name, name, stage in STAGES:
        try:
            owner = importlib.import_module(module_name)
        except ImportError:
            continue
        *classes, attr = name.split(".")
        for cls in classes:
            owner = getattr(owner, cls, None)
        if owner is not None:
            _patch(owner, attr, stage)


def main(argv: list[str]) -> int:
    """Install the timers and run ``mkdocs`` with ``argv[1:]``; stage lines go to ``argv[0]``."""
    _log["path"] = Path(argv[0])
    install()
    from mkdocs.__main__ import cli

    try:
        cli.main(args=argv[1:], prog_name="mkdocs", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
