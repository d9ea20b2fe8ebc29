"""``mkdocs serve``: after an edit of briefings only, rebuild only the pages that show what changed.

MkDocs rebuilds the whole site after every change; with thousands of pages in three languages that is
many seconds between saving a briefing and seeing it. When nothing changed but briefings (no config,
template, hand-written page or taxonomy), the rebuild here is MkDocs' own dirty build: the site folder
is kept, and a page is built only if its file says it is modified. A generated page is modified when
its key (pages.PageSource.key: everything its HTML and meta are made from) differs from the key it had
in the last build, so an edited briefing rebuilds its own page, the pages that list it (topics, month,
home, archive, related briefings, neighbours) and nothing else, in every language. Anything else that
changed gets MkDocs' full rebuild, as before.

The state lives in this module, which MkDocs does not reload between builds (it reloads hooks.py):
the keys each language's site was last built with, and a snapshot of the other inputs.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Site folder -> {source path of a generated page: its key} of the last successful build.
built: dict[str, dict[str, str]] = {}
# True while a dirty rebuild runs (forked language workers inherit it).
dirty = False
_inputs: tuple | None = None
_pending_inputs: tuple | None = None
# MkDocs warns that dirty builds may leave the navigation inaccurate; here they do not (see module
# docstring and hooks.on_nav), so the warning would only alarm.
_DIRTY_WARNING = "A 'dirty' build is being performed"


class _QuietDirty(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (dirty and record.getMessage().startswith(_DIRTY_WARNING))


_filter = _QuietDirty()
logging.getLogger("mkdocs.commands.build").addFilter(_filter)


def _snapshot(paths: list[Path]) -> tuple:
    """Size and modification time of every file below ``paths``: the inputs other than briefings."""
    stamps = []
    for root in paths:
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for f in files:
            try:
                st = f.stat()
            except OSError:
                continue
            if f.is_file():
                stamps.append((str(f), st.st_size, st.st_mtime_ns))
    return tuple(stamps)


def other_inputs(config_file: str | None, docs_dirs: list[Path], taxonomy: Path) -> tuple:
    """A snapshot of everything but the briefings a build reads."""
    base = Path(config_file).parent if config_file else ROOT
    return _snapshot([*sorted(base.glob("mkdocs*.yml")), *docs_dirs, base / "overrides", taxonomy])


def begin(snapshot: tuple) -> None:
    """A build starts with these other inputs (recorded as built once it succeeds)."""
    global _pending_inputs  # noqa: PLW0603 -- state of the serving process, see module docstring
    _pending_inputs = snapshot


def succeeded(site_dirs: list[str]) -> None:
    """The build of every language succeeded: dirty rebuilds may follow if each site recorded its pages."""
    global _inputs  # noqa: PLW0603
    _inputs = _pending_inputs if all(site_key(d) in built for d in site_dirs) else None


def failed() -> None:
    """A build failed: the next one is a full build."""
    global _inputs  # noqa: PLW0603
    _inputs = None
    built.clear()


def can_rebuild_dirty(snapshot: tuple) -> bool:
    """Whether only briefings changed since the last successful build."""
    return _inputs is not None and snapshot == _inputs


def rebuilder(full: Callable[[], None], config, snapshot: Callable[[], tuple]) -> Callable[[], None]:
    """The server's builder: a dirty build when only briefings changed, else ``full`` (MkDocs' own)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def rebuild() -> None:
        global dirty  # noqa: PLW0603
        if not can_rebuild_dirty(snapshot()):
            full()
            return
        fresh = load_config(
            config_file=config.config_file_path, site_dir=config.site_dir, dev_addr=str(config.dev_addr)
        )
        fresh.site_url = config.site_url
        dirty = True
        try:
            build(fresh, serve_url=config.site_url, dirty=True)
        finally:
            dirty = False

    return rebuild


def site_key(site_dir: str | Path) -> str:
    """The key of a site folder in ``built``."""
    return str(Path(site_dir).resolve())


def record(site_dir: str | Path, keys: dict[str, str]) -> None:
    """The pages of ``site_dir`` were built with these keys."""
    built[site_key(site_dir)] = keys


def previous(site_dir: str | Path) -> dict[str, str]:
    """The keys of the last build of ``site_dir`` when this build is dirty, else nothing."""
    return built.get(site_key(site_dir), {}) if dirty else {}


def manifest_json(site_dir: str | Path) -> str:
    """The keys of a site's pages as JSON (sent by a language worker to the serving process)."""
    return json.dumps(built.get(site_key(site_dir)))


def receive(site_dir: str | Path, text: str | None) -> None:
    """Record the keys a language worker sent."""
    keys = json.loads(text) if text else None
    if isinstance(keys, dict):
        record(site_dir, keys)
