"""What a build keeps on disk between builds: rendered briefing pages, by content hash.

A key is the hash of everything its value is made from: the code that makes it, the site language, the
taxonomy and the briefings involved (their parsed content, so an unchanged file costs nothing however
often it is touched). An unchanged briefing is then neither rendered, converted to Traditional Chinese
nor segmented again. Values are never updated in place, only added (or made again over one that does
not verify).

They are rows of one SQLite database (``cache.sqlite3``, in write-ahead-log mode, so builds running at
the same time share it safely) rather than a file each: a build of thousands of briefings keeps tens of
thousands of values, and on this project's build machines creating a file costs more than writing its
bytes (a cold build of 3,000 briefings made 18,700 of them; bench/results/2026-12-07-cache-database.txt).
Each process opens its own connection (one forked from another does not use its parent's).

The cache is not part of the project: it lives in the user's cache folder (``$XDG_CACHE_HOME/ai-briefing``,
else ``~/.cache/ai-briefing``), never in the checkout, where a pull request could add files to it. Every
value is signed (HMAC-SHA256) with a secret of this machine kept in the user's config folder; a value
whose signature does not match is not used but made again. Cached values are data, never code: there is
no template bytecode cache (SECURITY.md).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
import secrets
import sqlite3
import stat
import threading
from functools import cache
from pathlib import Path

from build_tools.model import Briefing

ROOT = Path(__file__).resolve().parents[2]
CACHE_ENV = "AI_BRIEFING_CACHE"  # another folder (tests, CI's runner temp, benchmarks); "off" disables it
KEY_ENV = "AI_BRIEFING_CACHE_KEY"  # the file of the signing secret (default: the user's config folder)
KEY_BYTES = 32
DATABASE = "cache.sqlite3"  # in the cache folder
log = logging.getLogger("mkdocs.plugins.ai_briefing.cache")
# The code whose output is cached: a change to any of these files makes every key new.
_CODE = (
    *sorted((ROOT / "build_tools" / "site").rglob("*.py")),
    ROOT / "build_tools" / "model.py",
    ROOT / "build_tools" / "convert.py",
    ROOT / "build_tools" / "briefing" / "taxonomy.py",
    ROOT / "build_tools" / "data" / "zh_hant_overrides.tsv",
)


def _user_folder(variable: str, fallback: str) -> Path:
    return Path(os.environ.get(variable) or Path.home() / fallback) / "ai-briefing"


def directory() -> Path | None:
    """The cache folder of this build, or None when caching is off."""
    value = os.environ.get(CACHE_ENV, "")
    if value.lower() == "off":
        return None
    return Path(value) if value else _user_folder("XDG_CACHE_HOME", ".cache")


def key_path() -> Path:
    """The file that holds this machine's signing secret."""
    value = os.environ.get(KEY_ENV)
    return Path(value) if value else _user_folder("XDG_CONFIG_HOME", ".config") / "cache-key"


@cache
def _secret() -> bytes | None:
    """This machine's signing secret, made on first use; None (no cache) when it cannot be kept safely.

    Never inside the project (a pull request could supply it), never through a link, readable only by
    the user who made it.
    """
    path = key_path()
    absolute = path if path.is_absolute() else Path.cwd() / path
    if absolute.is_relative_to(ROOT) or path.resolve().is_relative_to(ROOT):
        log.warning(f"{path}: the cache's secret must be outside the project; building without the cache")
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(FileExistsError):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(secrets.token_bytes(KEY_BYTES))
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            key = fh.read(KEY_BYTES + 1)
    except OSError as exc:
        log.warning(f"{path}: cannot keep the cache's secret ({exc.strerror or exc}); building without the "
                    "cache")
        return None
    if not stat.S_ISREG(info.st_mode) or len(key) != KEY_BYTES:
        log.warning(f"{path}: not a {KEY_BYTES}-byte secret; delete it to make a new one (the cache is "
                    "rebuilt); building without the cache")
        return None
    return key


def _signature(kind: str, key: str, suffix: str, text: str) -> str | None:
    secret = _secret()
    if secret is None:
        return None
    material = f"{kind}\0{key}\0{suffix}\0{text}".encode("utf-8", "surrogatepass")
    return hmac.new(secret, material, hashlib.sha256).hexdigest()


@cache
def code_version() -> str:
    """Hash of the code that renders pages, and of the libraries it calls."""
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


class _Connections(dict[Path, sqlite3.Connection | None]):
    """This process's connection to each cache database, by its path (None: one that could not be
    opened, not tried again), and the lock of their use (mkdocs serve builds in another thread than
    the one that may have opened them)."""

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.Lock()
        self.inherited: list[sqlite3.Connection | None] = []

    def forget(self) -> None:
        """In a forked process: none of the parent's connections (SQLite's do not cross a fork), nor its
        lock, which another thread may hold. They are kept, never used: closed, one would act on the
        database as if this process held the parent's locks."""
        self.inherited += self.values()
        self.clear()
        self.lock = threading.Lock()


_databases = _Connections()
os.register_at_fork(after_in_child=_databases.forget)


def _database() -> sqlite3.Connection | None:
    """This process's connection to the cache database, opened on first use; None when caching is off
    or the database cannot be used (said once)."""
    folder = directory()
    if folder is None or _secret() is None:
        return None
    path = folder / DATABASE
    if path in _databases:
        return _databases[path]
    connection = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise sqlite3.DatabaseError("not a file")
        connection = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA journal_mode=WAL")
        # A cache: a value lost to a crash of the machine is made again, so nothing is synced to disk.
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("CREATE TABLE IF NOT EXISTS value (kind TEXT NOT NULL, key TEXT NOT NULL, "
                           "signature TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (kind, key))")
    except (OSError, sqlite3.Error) as exc:
        log.warning(f"{path}: cannot use the build cache ({exc}); building without it")
        if connection is not None:
            connection.close()
        connection = None
    _databases[path] = connection
    return connection


def close() -> None:
    """Close this process's connections to cache databases (tests that delete a cache folder)."""
    with _databases.lock:
        for connection in _databases.values():
            if connection is not None:
                connection.close()
        _databases.clear()


def read_text(kind: str, key: str, suffix: str = ".html") -> str | None:
    """The cached text of ``key``, or None: also when its signature is not this machine's."""
    database = _database()
    if database is None:
        return None
    try:
        with _databases.lock:
            row = database.execute("SELECT signature, text FROM value WHERE kind = ? AND key = ?",
                                   (kind, key + suffix)).fetchone()
    except sqlite3.Error:
        return None
    if row is None or not isinstance(row[0], str) or not isinstance(row[1], str):
        return None
    signature, text = row
    expected = _signature(kind, key, suffix, text)
    if expected is None or not hmac.compare_digest(signature, expected):
        return None
    return text


def write_text(kind: str, key: str, text: str, suffix: str = ".html") -> None:
    """Keep ``text`` as the value of ``key``, signed (a cache that cannot be written is no cache)."""
    database = _database()
    signature = _signature(kind, key, suffix, text)
    if database is None or signature is None:
        return
    with contextlib.suppress(sqlite3.Error, UnicodeEncodeError), _databases.lock:
        database.execute("INSERT OR REPLACE INTO value VALUES (?, ?, ?, ?)",
                         (kind, key + suffix, signature, text))


def has(kind: str, key: str, suffix: str = ".json") -> bool:
    """Whether ``key`` has a value this machine signed."""
    return read_text(kind, key, suffix) is not None


def read_json(kind: str, key: str) -> object | None:
    """The cached JSON value of ``key``, or None."""
    text = read_text(kind, key, ".json")
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def write_json(kind: str, key: str, value: object) -> None:
    """Keep the JSON ``value`` of ``key``."""
    write_text(kind, key, json.dumps(value, ensure_ascii=False, separators=(",", ":")), ".json")
