"""The translation memory: every machine translation ever paid for, one JSON object per line.

The file is append-only and every record is flushed and fsynced as soon as its answer arrives, so a run
that is interrupted (Ctrl-C, a kill, a crash) loses at most the answer it was waiting for, and the next
run pays only for what is still missing. A torn last line from a kill mid-write is skipped on reading.

A record is keyed by what decides the translation: the direction, the source text and the names the
glossary requires. The model is recorded but is not part of the key: switching models never pays twice
for a paragraph, and a draft is reviewed by a person anyway. To draft again from scratch, delete the file.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from pathlib import Path
from types import TracebackType
from typing import Any

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_LINK_REFUSAL = "is a symbolic link; the translation memory must be a regular file: delete the link"


def memory_key(source_lang: str, target_lang: str, text: str, names: list[str]) -> str:
    """The key of a translation: sha256 of direction, source text and required target names."""
    material = json.dumps({"from": source_lang, "to": target_lang, "text": text, "names": sorted(names)},
                          ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class TranslationMemory:
    """Read the memory file once; look translations up; append new ones durably."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.records: dict[str, dict[str, Any]] = {}
        self.skipped_lines: list[int] = []  # unreadable lines (a torn write), for messages
        self.added = 0
        self._fd: int | None = None
        self._needs_newline = False
        self._load()

    def _open(self, flags: int, mode: int = 0o644) -> int:
        """Open the memory file itself, never a link in its place (a checkout may hold one)."""
        try:
            return os.open(self.path, flags | _NOFOLLOW, mode)
        except OSError as exc:
            if exc.errno == errno.ELOOP or self.path.is_symlink():
                raise OSError(errno.ELOOP, _LINK_REFUSAL, str(self.path)) from None
            raise

    def _load(self) -> None:
        try:
            fd = self._open(os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            return
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(errno.EINVAL, "is not a regular file; the translation memory is a .jsonl file",
                              str(self.path))
            raw = fh.read()
        for number, line in enumerate(raw.split(b"\n"), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                self.skipped_lines.append(number)
                continue
            if isinstance(record, dict) and isinstance(record.get("key"), str) \
                    and isinstance(record.get("translation"), str):
                self.records[record["key"]] = record  # a later record for the same key wins
            else:
                self.skipped_lines.append(number)
        self._needs_newline = bool(raw) and not raw.endswith(b"\n")

    def get(self, key: str) -> str | None:
        """The stored translation for ``key``, if any."""
        record = self.records.get(key)
        return record["translation"] if record else None

    def translations(self) -> set[str]:
        """Every translation in the memory: text equal to one of them was written by a machine."""
        return {r["translation"] for r in self.records.values()}

    def add(self, key: str, record: dict[str, Any]) -> None:
        """Store a translation and make it durable before returning."""
        record = {"key": key, **record}
        line = (json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        if self._fd is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = self._open(os.O_WRONLY | os.O_APPEND | os.O_CREAT)
            if self._needs_newline:
                # Finish a torn last line, so that it stays one unreadable line and ours starts clean.
                line = b"\n" + line
                self._needs_newline = False
        view = memoryview(line)
        while view:
            view = view[os.write(self._fd, view):]
        os.fsync(self._fd)
        self.records[key] = record
        self.added += 1

    def close(self) -> None:
        """Close the file; everything added is already on disk."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
