"""Build aside, then swap: a failed ``mkdocs build`` leaves the previous site folder as it was.

MkDocs cleans ``site_dir`` before it writes anything, so a build that fails half-way (bad input, a
strict-mode warning in any language) would leave a broken or empty site behind. For ``mkdocs build``
the English project (which builds the other languages into its own folder) writes into a sibling
folder instead, ``.<site>.building``, and renames it into place only when everything succeeded,
after every other hook and with no strict-mode warning counted. ``mkdocs serve`` builds into its own
temporary folder and is left alone.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import CountHandler

log = logging.getLogger("mkdocs.plugins.ai_briefing.swap")
_command: list[str] = []
_state: dict[str, object] = {}


def on_startup(command: str, dirty: bool) -> None:
    _command[:] = [command]


def _aside(final: Path) -> Path:
    return final.with_name(f".{final.name}.building")


@event_priority(200)  # before any hook reads site_dir
def on_config(config):
    """Point the English build at a folder beside the site; count warnings as strict mode does."""
    if _command != ["build"] or config.extra.get("site_language", "en") != "en" or _state:
        return config
    final = Path(config.site_dir).resolve()
    aside = _aside(final)
    shutil.rmtree(aside, ignore_errors=True)  # what a killed build left behind
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    # The other languages build in forked workers that inherit this state: only this process swaps.
    _state.update(final=final, aside=aside, counter=counter, strict=bool(config.strict), pid=os.getpid())
    config.site_dir = str(aside)
    return config


def _end() -> None:
    counter = _state.get("counter")
    if isinstance(counter, CountHandler):
        logging.getLogger("mkdocs").removeHandler(counter)
    _state.clear()


@event_priority(-1000)  # the very last: after search, feeds, sitemaps and the other languages
def on_post_build(config) -> None:
    """Swap the finished site into place, unless strict mode is about to fail the build."""
    if not _state or _state["pid"] != os.getpid():
        return
    final, aside, counter = _state["final"], _state["aside"], _state["counter"]
    assert isinstance(final, Path) and isinstance(aside, Path) and isinstance(counter, CountHandler)
    if _state["strict"] and counter.get_counts():
        log.info(f"strict mode will fail this build: {final} is left as it was")
        return  # MkDocs raises next; on_build_error removes the folder set aside
    old = final.with_name(f".{final.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    aside.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    config.site_dir = str(final)
    _end()


def on_build_error(error) -> None:
    """The build failed: drop the half-written folder; the previous site was never touched."""
    if _state and _state["pid"] == os.getpid():
        aside = _state["aside"]
        assert isinstance(aside, Path)
        shutil.rmtree(aside, ignore_errors=True)
        _end()
