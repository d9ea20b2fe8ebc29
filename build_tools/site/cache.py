"""What a build keeps on disk between builds: rendered briefing pages and search entries, by content hash.

A key is the hash of everything its value is made from: the code that makes it, the site language, the
taxonomy and the briefings involved (their parsed content, so an unchanged file costs nothing however
often it is touched). An unchanged briefing is then neither rendered, converted to Traditional Chinese
nor segmented again. Values are files named by their key below ``build/cache/`` (outside docs/, so
``mkdocs serve`` does not watch them); they are never updated in place, only added, so builds running
at the same time share the folder safely. ``make clean`` removes it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from functools import cache
from pathlib import Path

from build_tools.files import write_atomic
from build_tools.model import Briefing

ROOT = Path(__file__).resolve().parents[2]
CACHE_ENV = "AI_BRIEFING_CACHE"  # another folder (tests, benchmarks); "off" disables the cache
DEFAULT_DIR = ROOT / "build" / "cache"
# The code whose output is cached: a change to any of these files makes every key new.
_CODE = (
    *sorted((ROOT / "build_tools" / "site").rglob("*.py")),
    ROOT / "build_tools" / "model.py",
    ROOT / "build_tools" / "convert.py",
    ROOT / "build_tools" / "briefing" / "taxonomy.py",
    ROOT / "build_tools" / "data" / "zh_hant_overrides.tsv",
)


def directory() -> Path | None:
    """The cache folder of this build, or None when caching is off."""
    value = os.environ.get(CACHE_ENV, "")
    if value.lower() == "off":
        return None
    return Path(value) if value else DEFAULT_DIR


@cache
def code_version() -> str:
    """Hash of the code that renders pages and search entries, and of the libraries it calls."""
    import jieba
    import opencc

    h = hashlib.blake2b(digest_size=16)
    for path in _CODE:
        h.update(path.read_bytes())
    h.update(f"jieba {jieba.__version__} opencc {getattr(opencc, '__version__', '')}".encode())
    return h.hexdigest()


def digest(*parts: str) -> str:
    """A key made of ``parts`` and the code version."""
    h = hashlib.blake2b(digest_size=20)
    h.update(code_version().encode())
    for part in parts:
        h.update(b"\0")
        h.update(part.encode("utf-8"))
    return h.hexdigest()


def briefing_hash(b: Briefing) -> str:
    """Hash of a briefing's parsed content (every field, in a fixed order)."""
    return hashlib.blake2b(repr(b).encode("utf-8"), digest_size=16).hexdigest()


def _path(kind: str, key: str, suffix: str) -> Path | None:
    folder = directory()
    return None if folder is None else folder / kind / key[:2] / f"{key}{suffix}"


def read_text(kind: str, key: str, suffix: str = ".html") -> str | None:
    """The cached text of ``key``, or None."""
    path = _path(kind, key, suffix)
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def write_text(kind: str, key: str, text: str, suffix: str = ".html") -> None:
    """Keep ``text`` as the value of ``key`` (a cache that cannot be written is no cache, not an error)."""
    path = _path(kind, key, suffix)
    if path is not None:
        with contextlib.suppress(OSError):
            write_atomic(path, text)


def has(kind: str, key: str, suffix: str = ".json") -> bool:
    """Whether ``key`` has a value (a stat, not a read)."""
    path = _path(kind, key, suffix)
    return path is not None and path.is_file()


def read_json(kind: str, key: str) -> object | None:
    """The cached JSON value of ``key``, or None."""
    text = read_text(kind, key, ".json")
    return None if text is None else json.loads(text)


def write_json(kind: str, key: str, value: object) -> None:
    """Keep the JSON ``value`` of ``key``."""
    write_text(kind, key, json.dumps(value, ensure_ascii=False, separators=(",", ":")), ".json")
