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

from mkdocs.utils import CountHandler

log = logging.getLogger("mkdocs.plugins.ai_briefing.swap")


def aside_of(final: Path) -> Path:
    """The folder a build writes into before it replaces ``final``."""
    return final.with_name(f".{final.name}.building")


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
        final = Path(config.site_dir).resolve()
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
        old = self.final.with_name(f".{self.final.name}.old")
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
