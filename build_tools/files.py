"""The only place that writes files: atomically, and only when the content changed."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, data: str | bytes) -> bool:
    """Write ``data`` to ``path`` via a temporary file and rename; return False if unchanged.

    Skipping identical content keeps ``mkdocs serve`` from seeing a change and rebuilding in a loop,
    and the rename means a reader never sees a half-written file.
    """
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == raw:
            return False
    except OSError:
        pass
    with atomic_file(path) as fh:
        fh.write(raw)
    return True


@contextmanager
def atomic_file(path: str | Path, mode: int | None = None) -> Iterator[BinaryIO]:
    """A file to write ``path``'s new content into, piece by piece; renamed over ``path`` when the
    block ends, removed if it raises, so a reader sees the old file or the whole new one.

    ``mode`` is the new file's permissions; by default, what a plain open() would give.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); web servers and other users must read what we publish.
        os.fchmod(fd, 0o666 & ~_umask() if mode is None else mode)
        with os.fdopen(fd, "wb") as fh:
            yield fh
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
