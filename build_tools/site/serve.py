"""``mkdocs serve``: after an edit of briefings only, rebuild only the pages that show what changed.

MkDocs rebuilds the whole site after every change; with thousands of pages in three languages that is
many seconds between saving a briefing and seeing it. When nothing changed but briefings (no config,
template, hand-written page or taxonomy), the rebuild here is MkDocs' own dirty build: the site folder
is kept, and a page is built only if its file says it is modified. A generated page is modified when
its key (pages.PageSource.key: everything its HTML and meta are made from) differs from the key it had
in the last build, so an edited briefing rebuilds its own page, the pages that list it (topics, month,
home, archive, related briefings, neighbours) and nothing else, in every language. Anything else that
changed gets MkDocs' full rebuild, as before.

Search and the sitemaps follow the pages: once a (re)build is done, ``SearchIndexer`` writes the sitemaps
(they read every page of the three sites) and makes each language's Pagefind
index in a process of its own, at a low priority, while the browsers already reload. The next rebuild
stops an index run that is still going (its index would be of the text before the edit) and starts
a new one when it is done, so the rebuild never waits for search nor shares the CPU with it. A full
rebuild empties the site folder: the last indexes are set aside meanwhile and put back, so search
keeps working (on the text before the edit) until the new index is there. An index that fails is
logged as an error; the pages, the server and the indexes of later rebuilds are not affected.

The state is a ``ServeState`` owned by the plugin (plugin.py), which MkDocs keeps across the rebuilds
of ``mkdocs serve`` because it defines ``on_startup``; the forked language workers inherit it.
"""

from __future__ import annotations

import contextlib
import html
import json
import logging
import multiprocessing
import os
import shutil
import signal
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from build_tools.site import projects, search_index
from build_tools.site.language import LANGUAGES, SiteLanguage

if TYPE_CHECKING:
    from build_tools.briefing.taxonomy import Taxonomy
    from build_tools.model import Briefing

ROOT = Path(__file__).resolve().parents[2]
# MkDocs warns that dirty builds may leave the navigation inaccurate; here they do not (see module
# docstring and BriefingPlugin.on_nav), so the warning would only alarm.
_DIRTY_WARNING = "A 'dirty' build is being performed"
# The search index is made at this niceness (Pagefind inherits it): whatever else wants the CPU (the
# browser reloading the edited page, the server, the next rebuild) goes first.
INDEX_NICENESS = 10
log = logging.getLogger("mkdocs.plugins.ai_briefing.serve")
# Where a full rebuild keeps the last indexes: hidden, so MkDocs' cleaning of the site folder skips it.
KEPT_DIR = ".search-kept"


class _QuietDirty(logging.Filter):
    def __init__(self, state: ServeState) -> None:
        super().__init__()
        self.state = state

    def filter(self, record: logging.LogRecord) -> bool:
        return not (self.state.dirty and record.getMessage().startswith(_DIRTY_WARNING))


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
    """A snapshot of everything but the briefings a build reads.

    Its paths are absolute: MkDocs names the config file as given on the command line for the first
    build (``mkdocs.yml``) and absolute for the rebuilds, and the same files must give the same snapshot.
    """
    base = Path(config_file).resolve().parent if config_file else ROOT
    paths = [*sorted(base.glob("mkdocs*.yml")), *docs_dirs, base / "overrides", taxonomy]
    return _snapshot([p.resolve() for p in paths])


def _search_path(env: jinja2.Environment) -> list[str] | None:
    """The theme's folders, absolute: the first build names them from the config file as given
    (``-f mkdocs.yml``: ``overrides``), the rebuilds from its absolute path."""
    paths = getattr(env.loader, "searchpath", None)
    return None if paths is None else [str(Path(p).resolve()) for p in paths]


def site_key(site_dir: str | Path) -> str:
    """The key of a site folder in ``ServeState.built``."""
    return str(Path(site_dir).resolve())


# The page shown instead of every page of the site while the last rebuild failed. It asks for its own
# address again each second (a request waits while a rebuild runs) and reloads once that is a page.
ERROR_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">\
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Build error - mkdocs serve</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:50rem;padding:0 1rem}}
pre{{white-space:pre-wrap;overflow-wrap:anywhere;background:#fdecea;border-left:4px solid #c62828;\
padding:1rem}}</style>
</head><body data-build-error>
<h1>The site could not be rebuilt</h1>
<p>Fix the file named below and save it: this page reloads by itself once the site builds again.
Until then every page of the site shows this message.</p>
<pre id="build-error">{message}</pre>
<script>
(function poll() {{
  fetch(location.href, {{cache: "no-store"}}).then(function (r) {{
    if (r.ok) location.reload(); else setTimeout(poll, 1000);
  }}, function () {{ setTimeout(poll, 1000); }});
}})();
</script>
</body></html>
"""


def error_page(message: str) -> bytes:
    """The page that names a failed rebuild's problems (``path:line: message`` lines), escaped."""
    return ERROR_PAGE.format(message=html.escape(message)).encode("utf-8")


def _index_sites(sites: list[tuple[Path, SiteLanguage]], briefings: list[Briefing], tax: Taxonomy,
                 first: Callable[[], object] | None = None, hashes: Mapping[str, str] | None = None) -> None:
    """In the indexing process: ``first`` (the sitemaps), then each language site's index, one after
    the other (``hashes``: the corpus's, see ``search_index.records``); failures logged."""
    os.nice(INDEX_NICENESS)
    if first is not None:
        try:
            first()
        except Exception as exc:  # the pages and the indexes are not affected
            log.error(f"Sitemaps not updated: {type(exc).__name__}: {exc}")
    start = time.perf_counter()
    done = []
    for folder, lang in sites:
        try:
            search_index.index_site(folder, lang, briefings, tax, hashes=hashes)
        except Exception as exc:  # any failure is reported, and the other languages go on
            reason = exc if isinstance(exc, search_index.SearchIndexError) else f"{type(exc).__name__}: {exc}"
            log.error(f"Search index of the {lang.code} site not updated: {reason}. Search shows the "
                      "previous index; the next rebuild indexes again.")
            continue
        done.append(lang.code)
    if done:
        log.info(f"Search index updated ({', '.join(done)}) in {time.perf_counter() - start:.1f} s")


def _children(pid: int) -> list[int]:
    """The processes ``pid`` started (Pagefind), where the system lists them (Linux)."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii")
    except OSError:
        return []
    return [int(p) for p in text.split()]


class SearchIndexer:
    """Under ``mkdocs serve``: the search indexes of the language sites, made after each rebuild in a
    process of its own at a low priority, stopped when a rebuild starts (see the module docstring)."""

    def __init__(self) -> None:
        self._process: multiprocessing.process.BaseProcess | None = None
        self._site: Path | None = None
        self._owner = os.getpid()  # forked language workers inherit this object; only the server indexes

    def start(self, site_dir: str | Path, briefings: list[Briefing], tax: Taxonomy, *,
              first: Callable[[], object] | None = None, hashes: Mapping[str, str] | None = None) -> None:
        """Index every language site below ``site_dir`` from the corpus, in the background, after
        ``first`` (the sitemaps, which read every page)."""
        self.stop()
        self._site = Path(site_dir)
        self._put_back()
        sites = [(self._site / lang.prefix, lang) for lang in LANGUAGES.values()]
        self._process = projects.beside(_index_sites, (sites, briefings, tax, first, hashes))

    def running(self) -> bool:
        """Whether an index run is still going."""
        return self._process is not None and self._process.is_alive()

    def stop(self) -> None:
        """Stop the index run that is going, Pagefind included; the indexes in place stay as they are."""
        process, self._process = self._process, None
        if process is None or os.getpid() != self._owner:
            return
        if process.is_alive() and process.pid is not None:
            # Frozen first, so it starts no Pagefind between the listing of its children and its end.
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGSTOP)
                for child in _children(process.pid):
                    os.kill(child, signal.SIGKILL)
            process.kill()
        process.join()

    def set_aside(self) -> None:
        """Before a full rebuild, which empties the site folder but for its hidden entries: move the
        indexes into a hidden folder of it."""
        self.stop()
        if self._site is None:
            return
        for lang in LANGUAGES.values():
            bundle, kept = self._site / lang.prefix / search_index.BUNDLE_DIR, self._kept(lang)
            shutil.rmtree(kept, ignore_errors=True)
            if bundle.is_dir():
                kept.parent.mkdir(exist_ok=True)
                bundle.rename(kept)

    def _put_back(self) -> None:
        """The indexes set aside, back where the rebuilt sites have none (search works until the new
        ones are there)."""
        assert self._site is not None
        for lang in LANGUAGES.values():
            bundle, kept = self._site / lang.prefix / search_index.BUNDLE_DIR, self._kept(lang)
            if kept.is_dir() and not bundle.exists() and bundle.parent.is_dir():
                kept.rename(bundle)
        shutil.rmtree(self._site / KEPT_DIR, ignore_errors=True)

    def _kept(self, lang: SiteLanguage) -> Path:
        assert self._site is not None
        return self._site / KEPT_DIR / lang.code


class ServeState:
    """What the serving process knows of its last successful build, for the next rebuild."""

    def __init__(self) -> None:
        # Site folder -> {source path of a generated page: its key} of the last successful build.
        self.built: dict[str, dict[str, str]] = {}
        # True while a dirty rebuild runs (forked language workers inherit it).
        self.dirty = False
        self._inputs: tuple | None = None
        self._pending_inputs: tuple | None = None
        self._filter: _QuietDirty | None = None
        # The problems of the last rebuild when it failed, shown instead of the pages until one succeeds.
        self.error: str | None = None
        self.search = SearchIndexer()
        self._templates: jinja2.Environment | None = None

    def begin(self, snapshot: tuple) -> None:
        """A build starts with these other inputs (recorded as built once it succeeds)."""
        self._pending_inputs = snapshot

    def succeeded(self, site_dirs: list[str]) -> None:
        """Every language's build succeeded: dirty rebuilds may follow if each site recorded its pages."""
        recorded = all(site_key(d) in self.built for d in site_dirs)
        self._inputs = self._pending_inputs if recorded else None

    def failed(self, error: BaseException | None = None) -> None:
        """A build failed (with ``error``): the next one is a full build."""
        self._inputs = None
        self.built.clear()
        if error is not None:
            self.error = str(error) or type(error).__name__

    def can_rebuild_dirty(self, snapshot: tuple) -> bool:
        """Whether only briefings changed since the last successful build."""
        return self._inputs is not None and snapshot == self._inputs

    def rebuilder(
        self, full: Callable[[], None], config, snapshot: Callable[[], tuple]
    ) -> Callable[[], None]:
        """The server's builder: a dirty build when only briefings changed, else ``full`` (MkDocs' own)."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        if self._filter is None:
            self._filter = _QuietDirty(self)
            logging.getLogger("mkdocs.commands.build").addFilter(self._filter)

        def build_once() -> None:
            if not self.can_rebuild_dirty(snapshot()):
                self.search.set_aside()
                full()
                return
            self.search.stop()  # its index would be of the text before the edit: a new run follows
            fresh = load_config(
                config_file=config.config_file_path, site_dir=config.site_dir, dev_addr=str(config.dev_addr)
            )
            fresh.site_url = config.site_url
            self.dirty = True
            try:
                build(fresh, serve_url=config.site_url, dirty=True)
            finally:
                self.dirty = False

        def rebuild() -> None:
            # MkDocs' server holds every page request while a rebuild it started has not succeeded: a
            # broken edit would leave the browser waiting until the file is fixed. A failed rebuild ends
            # here instead, and the server answers with the error page (error_app) until one succeeds.
            self.error = None
            try:
                build_once()
            except (Exception, SystemExit) as exc:  # MkDocs ends a failed build with Abort, a SystemExit
                if self.error is None:  # on_build_error names the problems; Abort only says it aborted
                    self.error = str(exc) or type(exc).__name__
                self.failed()
                logging.getLogger("mkdocs").error("The pages show this error until a rebuild succeeds.")

        return rebuild

    def error_app(self, app: Callable) -> Callable:
        """The server's WSGI application: ``app``, but the error page for every page of the site while
        the last rebuild failed (assets, feeds and the live-reload poll pass through)."""

        def serve(environ: dict, start_response: Callable) -> Iterable[bytes]:
            path = environ.get("PATH_INFO", "")
            error = self.error
            if error is None or path.startswith("/livereload/") or not (path.endswith(("/", ".html"))):
                return app(environ, start_response)
            body = error_page(error)
            start_response("500 Internal Server Error", [
                ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store")])
            return [body]

        return serve

    def templates(self, env: jinja2.Environment) -> jinja2.Environment:
        """The theme's templates for this build: in a dirty rebuild, where no template changed, those of
        the last build, compiled already (compiling the theme is most of a second of every rebuild, in
        each language: the workers are forked with them); else ``env``, kept for the next."""
        kept = self._templates
        if self.dirty and kept is not None and _search_path(kept) == _search_path(env):
            return kept
        self._templates = env
        return env

    def record(self, site_dir: str | Path, keys: dict[str, str]) -> None:
        """The pages of ``site_dir`` were built with these keys."""
        self.built[site_key(site_dir)] = keys

    def previous(self, site_dir: str | Path) -> dict[str, str]:
        """The keys of the last build of ``site_dir`` when this build is dirty, else nothing."""
        return self.built.get(site_key(site_dir), {}) if self.dirty else {}

    def manifest_json(self, site_dir: str | Path) -> str:
        """The keys of a site's pages as JSON (sent by a language worker to the serving process)."""
        return json.dumps(self.built.get(site_key(site_dir)))

    def receive(self, site_dir: str | Path, text: str | None) -> None:
        """Record the keys a language worker sent."""
        keys = json.loads(text) if text else None
        if isinstance(keys, dict):
            self.record(site_dir, keys)
