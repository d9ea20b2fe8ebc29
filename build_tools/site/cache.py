"""What a build keeps on disk between builds: rendered briefing pages, by content hash.

A key is the hash of everything its value is made from: the code that makes it, the site language, the
taxonomy and the briefings involved (their parsed content, so an unchanged file costs nothing however
often it is touched). An unchanged briefing is then neither rendered, converted to Traditional Chinese
nor segmented again. Values are files named by their key; they are never updated in place, only added, so
builds running at the same time share the folder safely.

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
import stat
from functools import cache
from pathlib import Path

from build_tools.files import write_atomic
from build_tools.model import Briefing

ROOT = Path(__file__).resolve().parents[2]
CACHE_ENV = "AI_BRIEFING_CACHE"  # another folder (tests, CI's runner temp, benchmarks); "off" disables it
KEY_ENV = "AI_BRIEFING_CACHE_KEY"  # the file of the signing secret (default: the user's config folder)
KEY_BYTES = 32
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


def _path(kind: str, key: str, suffix: str) -> Path | None:
    folder = directory()
    return None if folder is None else folder / kind / key[:2] / f"{key}{suffix}"


def read_text(kind: str, key: str, suffix: str = ".html") -> str | None:
    """The cached text of ``key``, or None: also when its signature is not this machine's."""
    path = _path(kind, key, suffix)
    if path is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return None
            raw = fh.read().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    signature, _, text = raw.partition("\n")
    expected = _signature(kind, key, suffix, text)
    if expected is None or not hmac.compare_digest(signature, expected):
        return None
    return text


def write_text(kind: str, key: str, text: str, suffix: str = ".html") -> None:
    """Keep ``text`` as the value of ``key``, signed (a cache that cannot be written is no cache)."""
    path = _path(kind, key, suffix)
    signature = _signature(kind, key, suffix, text)
    if path is not None and signature is not None:
        with contextlib.suppress(OSError):
            write_atomic(path, f"{signature}\n{text}")


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
