"""Build aside, then swap: a failed ``mkdocs build`` leaves the previous site folder as it was.

MkDocs cleans ``site_dir`` before it writes anything, so a build that fails half-way (bad input, a
strict-mode warning in any language) would leave a broken or empty site behind. For ``mkdocs build``
the English project (which builds the other languages into its own folder) writes into a sibling
folder instead, ``.<site>.building``, and renames it into place only when everything succeeded,
after every other step and with no strict-mode warning counted. ``mkdocs serve`` builds into its own
temporary folder and is left alone.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler

log = logging.getLogger("mkdocs.plugins.ai_briefing.swap")


def aside_of(final: Path) -> Path:
    """The folder a build writes into before it replaces ``final``."""
    return final.with_name(f".{final.name}.building")


def old_of(final: Path) -> Path:
    """Where the previous site is moved while the new one takes its place."""
    return final.with_name(f".{final.name}.old")


def refuse_links(final: Path, project: Path) -> None:
    """PluginError when the build would write, rename or delete through a symbolic link.

    The site folder and the two beside it are renamed and deleted whole: a link committed under one of
    those names (``site -> ..``) would make the build delete what it points at. A folder of the project on
    the way to the site must not be a link either. Nothing is resolved: the names are checked as they are.
    """
    for path in (final, aside_of(final), old_of(final)):
        if path.is_symlink():
            raise PluginError(f"{path}: is a symbolic link; the build writes and deletes the site folder and "
                              f"the .{final.name}.building and .{final.name}.old folders beside it, so each "
                              "must be a real folder or absent: remove the link")
    if final.is_relative_to(project):
        folder = project
        for part in final.parent.relative_to(project).parts:
            folder /= part
            if folder.is_symlink():
                raise PluginError(f"{folder}: is a symbolic link on the way to the site folder {final}; "
                                  "build into a real folder of the project: remove the link")


@dataclass
class SiteSwap:
    """One build set aside: where it goes, where it is written, and the warnings counted meanwhile."""

    final: Path
    aside: Path
    counter: CountHandler
    strict: bool
    # The other languages build in forked workers that inherit this object: only this process swaps.
    pid: int

    @classmethod
    def begin(cls, config) -> SiteSwap:
        """Point ``config`` at a folder beside its site; count warnings as strict mode does."""
        # Absolute, never resolved (so not Path.resolve): a link must be refused by its own name, not
        # followed to its target.
        final = Path(os.path.abspath(config.site_dir))  # noqa: PTH100
        refuse_links(final, Path(os.path.abspath(config.config_file_path)).parent)  # noqa: PTH100
        aside = aside_of(final)
        shutil.rmtree(aside, ignore_errors=True)  # what a killed build left behind
        counter = CountHandler()
        counter.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(counter)
        config.site_dir = str(aside)
        return cls(final, aside, counter, bool(config.strict), os.getpid())

    @property
    def owned(self) -> bool:
        """True in the process that began the swap (not in a forked language worker)."""
        return self.pid == os.getpid()

    def finish(self, config) -> bool:
        """Swap the finished site into place, unless strict mode is about to fail the build.

        Return whether the swap is over (False: MkDocs raises next and ``abandon`` follows).
        """
        if self.strict and self.counter.get_counts():
            log.info(f"strict mode will fail this build: {self.final} is left as it was")
            return False
        old = old_of(self.final)
        shutil.rmtree(old, ignore_errors=True)
        if self.final.exists():
            self.final.rename(old)
        self.aside.rename(self.final)
        shutil.rmtree(old, ignore_errors=True)
        config.site_dir = str(self.final)
        self._end()
        return True

    def abandon(self) -> None:
        """The build failed: drop the half-written folder; the previous site was never touched."""
        shutil.rmtree(self.aside, ignore_errors=True)
        self._end()

    def _end(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.counter)
