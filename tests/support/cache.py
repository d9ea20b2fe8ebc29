"""The build cache's database as a test looks into it: every value, and values planted in it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from build_tools.site import cache


def values(folder: Path, kind: str | None = None) -> dict[tuple[str, str], tuple[int, str, str]]:
    """(kind, key with suffix) -> (row id, signature, text) of every value in the cache at ``folder``
    (of ``kind``, if given). A value written again gets a new row id."""
    path = folder / cache.DATABASE
    if not path.exists():
        return {}
    with closing(sqlite3.connect(path)) as database:
        rows = database.execute("SELECT rowid, kind, key, signature, text FROM value")
        return {(k, key): (rowid, signature, text) for rowid, k, key, signature, text in rows
                if kind is None or k == kind}


def plant(folder: Path, kind: str, key: str, text: str) -> None:
    """Put ``text`` in the place of the value ``key`` (with its suffix), its signature left as it was:
    what someone who could write to the cache but has not the machine's secret could do."""
    with closing(sqlite3.connect(folder / cache.DATABASE)) as database, database:
        database.execute("UPDATE value SET text = ? WHERE kind = ? AND key = ?", (text, kind, key))
