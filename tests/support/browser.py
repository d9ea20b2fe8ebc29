"""Real headless Chromium against a really built site served on 127.0.0.1: fixtures and reader actions.

The site is the session's real site (tests/conftest.py: ``real_site``, built once, or the folder
``AI_BRIEFING_SITE_DIR`` names). Chromium is Debian's (/usr/bin/chromium), driven
by Playwright; Playwright never downloads a browser of its own here. Every page a test opens is
watched: console errors, uncaught exceptions, dialogs, failed or 4xx/5xx requests, and any request that
leaves 127.0.0.1 (it is aborted, so a test never waits on the network, and reported).

Test modules load the fixtures from here (``pytest_plugins = ["tests.support.browser"]``).
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from build_tools.briefing.schema import briefing_paths, read_briefing
from build_tools.model import Briefing
from tests.support.sites import ROOT

# Debian's chromium by default; CHROMIUM names another build (e.g. Chrome on a CI runner without it).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# No sandbox (containers without user namespaces), no GPU, and none of Chromium's own traffic
# (component updates, sync, QUIC probes): the only requests are the site's.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Screenshots are for people to look at (each test prints their paths): in the session's temporary
# folder, never in the checkout, unless this names a folder to keep them in.
SCREENSHOTS_ENV = "AI_BRIEFING_SCREENSHOTS"

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}  # a current mid-size phone in portrait, CSS pixels
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}

# Site language -> path of its home page on the server.
SITE_PREFIX = {"en": "/", "zh": "/zh/", "zh-hant": "/zh-hant/"}
LANGS = tuple(SITE_PREFIX)
# Generous for a 2-core machine shared with others, short enough to fail quickly.
TIMEOUT_MS = 15_000
# One broken asset shows on every page: the first problems say what is wrong, the count how widely.
MAX_PROBLEMS_SHOWN = 12


# ---- The corpus the site is built from ------------------------------------------------------------

@functools.cache
def corpus_briefings(folder: Path = ROOT / "briefings") -> tuple[Briefing, ...]:
    """The valid briefings of ``folder``, sorted by id (the tests compute expectations from them)."""
    found = []
    for path in briefing_paths([folder]):
        briefing, _problems = read_briefing(path)
        if briefing is not None:
            found.append(briefing)
    return tuple(sorted(found, key=lambda b: b.id))


def english_heads(b: Briefing) -> str:
    """The English title, summary, key points and editor's note: what search indexes in full (of the
    article itself only the opening is indexed, see ARTICLE_INDEX_CHARS in build_tools/site/render.py)."""
    return "\n".join([b.title.en, b.summary.en, *b.key_points.get("en", []),
                      b.editor_note.en if b.editor_note else ""])


def briefing_ids(*, entity: str | None = None, tag: str | None = None,
                 english_word: str | None = None) -> list[str]:
    """Ids of the briefings naming ``entity``, tagged ``tag``, with ``english_word`` in english_heads."""
    word = re.compile(rf"\b{re.escape(english_word)}\b", re.IGNORECASE) if english_word else None
    return [b.id for b in corpus_briefings()
            if (entity is None or entity in b.entities) and (tag is None or tag in b.tags)
            and (word is None or word.search(english_heads(b)))]


def briefing_path(lang: str, briefing_id: str) -> str:
    """Server path of a briefing page in a site language."""
    return f"{SITE_PREFIX[lang]}briefings/{briefing_id}/"


def language_of(path: str) -> str:
    """The site language a server path belongs to."""
    for lang in ("zh-hant", "zh"):
        if path.startswith(SITE_PREFIX[lang]):
            return lang
    return "en"


# ---- Building and serving -------------------------------------------------------------------------

class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files, without a log line per request in the test output."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on 127.0.0.1 at a free port; yield the base URL (no slash)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def built_site(real_site: Path) -> Path:
    """The whole site in every language, as the browser tests read it."""
    return real_site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL of the built site, served by a real HTTP server on 127.0.0.1."""
    with serve_directory(built_site) as url:
        yield url


# ---- The browser and its watched pages ------------------------------------------------------------

@contextlib.contextmanager
def launch_chromium() -> Iterator[object]:
    """Debian's Chromium, headless, through Playwright (which downloads nothing here)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (Debian's chromium package)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """One headless Chromium for the session; every test opens fresh contexts (fresh profiles) in it."""
    with launch_chromium() as browser:
        yield browser


@dataclass
class PageWatch:
    """What went wrong while a page was open: console errors, exceptions, bad or foreign requests."""

    origin: str
    problems: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)

    def attach(self, context, page) -> None:
        """Route every request of ``context`` through the watch and listen to ``page``."""
        context.route("**/*", self._route)
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self._exception(page.url, exc))
        page.on("response", self._response)
        page.on("requestfailed", self._failed)
        page.on("dialog", self._dialog)
        page.on("framenavigated", lambda frame: frame == page.main_frame and self.visited.append(frame.url))

    def _local(self, url: str) -> bool:
        return url.startswith((self.origin + "/", "data:", "blob:", "about:")) or url == self.origin

    def _route(self, route) -> None:
        url = route.request.url
        if self._local(url):
            route.continue_()
            return
        # Aborted so that no test depends on (or waits for) the network; reported as a problem.
        self.problems.append(f"request outside 127.0.0.1: {url} (from {route.request.frame.url})")
        route.abort()

    def _exception(self, url: str, exc: object) -> None:
        self.exceptions.append(f"{url}: {exc}")
        self.problems.append(f"uncaught exception on {url}: {exc}")

    def _console(self, msg) -> None:
        if msg.type == "error":
            where = msg.location.get("url") or ""
            self.problems.append(f"console error: {msg.text} [{where}]")

    def _response(self, response) -> None:
        if response.status >= 400 and self._local(response.url):
            self.problems.append(f"HTTP {response.status}: {response.url} "
                                 f"(requested by {response.request.frame.url})")

    def _failed(self, request) -> None:
        # net::ERR_ABORTED is a request cancelled, not failed: the reader went on to the next page
        # before a background fetch (the sitemap Material reads, the favicon) was answered, or a
        # script cancelled it. A file the site lacks is an HTTP error, reported by _response.
        if self._local(request.url) and request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed: {request.url}: {request.failure}")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        self.problems.append(f"a {dialog.type} dialog opened: {dialog.message!r}")
        dialog.dismiss()

    def assert_clean(self) -> None:
        """Fail with every problem seen, deduplicated, in order."""
        problems = list(dict.fromkeys(self.problems))
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = f"\n  ... and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        assert not problems, (f"{len(problems)} problem(s) on {len(set(self.visited))} page(s) visited:\n  "
                              + "\n  ".join(shown) + more)


@dataclass
class Reader:
    """A new reader: a fresh browser profile at one window size, and the watch on its page."""

    page: object
    watch: PageWatch
    base: str
    viewport: str
    screenshots: Path

    @property
    def phone(self) -> bool:
        """True when the window is phone-sized."""
        return self.viewport == "phone"

    def open(self, path: str) -> None:
        """Load a server path and wait until the page and its scripts have run."""
        self.page.goto(self.base + path, wait_until="load")
        self.settle()

    def settle(self) -> None:
        """Wait for the network to be idle (search index, sitemap fetches) after a navigation."""
        # A page that keeps fetching is judged by the watch, not here.
        with contextlib.suppress(Exception):
            self.page.wait_for_load_state("networkidle", timeout=5_000)

    def path(self) -> str:
        """Server path of the current page (no query, no fragment)."""
        return urlsplit(self.page.url).path

    def screenshot(self, name: str, *, full_page: bool = False) -> Path:
        """Save a screenshot to the session's screenshot folder as <name>.png and print its path."""
        target = self.screenshots / f"{name}.png"
        # Let Material's transitions (buttons, header shadow) finish, so the picture shows the state.
        self.page.wait_for_function(_TRANSITIONS_OVER, timeout=TIMEOUT_MS)
        self.page.screenshot(path=str(target), full_page=full_page)
        print(f"screenshot: {target}")
        return target


# True when no finite animation or transition is running (an endless one would never end).
_TRANSITIONS_OVER = """() => document.getAnimations().every(
  a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)"""


@pytest.fixture(scope="session")
def screenshot_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: ``AI_BRIEFING_SCREENSHOTS``, or a temporary folder of the session."""
    given = os.environ.get(SCREENSHOTS_ENV)
    if not given:
        return tmp_path_factory.mktemp("screenshots")
    folder = Path(given)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def new_reader(chromium, site_url: str, screenshot_folder: Path) -> Iterator[Callable[..., Reader]]:
    """Factory: a fresh context (empty storage) at ``viewport`` ('desktop' or 'phone'), watched."""
    contexts = []

    def make(viewport: str = "desktop", base: str | None = None) -> Reader:
        size = VIEWPORTS[viewport]
        context = chromium.new_context(viewport=size, is_mobile=viewport == "phone",
                                       has_touch=viewport == "phone", device_scale_factor=1,
                                       locale="en-GB", service_workers="block")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        watch = PageWatch(origin=base or site_url)
        watch.attach(context, page)
        return Reader(page=page, watch=watch, base=base or site_url, viewport=viewport,
                      screenshots=screenshot_folder)

    yield make
    for context in contexts:
        context.close()


# ---- What a reader does ---------------------------------------------------------------------------

# Links a reader can see and reach now: laid out, not hidden, horizontally inside the window (a
# closed drawer is pushed off-screen to the left), not inside a closed <details>.
_VISIBLE_LINKS_JS = """
() => {
  const out = [];
  for (const a of document.querySelectorAll("a[href]")) {
    const rects = a.getClientRects();
    if (!rects.length) continue;
    const r = a.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || r.right <= 0 || r.left >= window.innerWidth) continue;
    const style = getComputedStyle(a);
    if (style.visibility === "hidden" || style.pointerEvents === "none") continue;
    let hidden = false;
    for (let el = a; el; el = el.parentElement) {
      const s = getComputedStyle(el);
      if (s.opacity === "0" || s.visibility === "hidden") { hidden = true; break; }
    }
    if (!hidden) out.push(a.href);
  }
  return out;
}
"""


def _page_url(href: str) -> str:
    return href.split("#", 1)[0].split("?", 1)[0]


def open_drawer(reader: Reader) -> bool:
    """On a phone, open the navigation drawer with the hamburger button; True if it was there."""
    button = reader.page.locator('label.md-header__button[for="__drawer"]')
    if not button.is_visible():
        return False
    button.click()
    reader.page.wait_for_function("document.getElementById('__drawer').checked")
    # Material slides the drawer in with a 250 ms transform transition.
    reader.page.wait_for_function(
        "(() => { const d = document.querySelector('.md-sidebar--primary');"
        " return d && d.getBoundingClientRect().left >= 0; })()")
    return True


def close_drawer(reader: Reader) -> None:
    """Close the drawer again (without a click that could land on a link)."""
    reader.page.evaluate("document.getElementById('__drawer').checked = false")
    reader.page.evaluate("document.getElementById('__drawer').dispatchEvent(new Event('change'))")


def reachable_links(reader: Reader) -> dict[str, bool]:
    """Same-site page URLs one click away on the current page -> True if the drawer must be opened."""
    direct = {_page_url(h) for h in reader.page.evaluate(_VISIBLE_LINKS_JS)}
    found = {url: False for url in direct if url.startswith(reader.base)}
    if reader.phone and open_drawer(reader):
        for href in reader.page.evaluate(_VISIBLE_LINKS_JS):
            url = _page_url(href)
            if url.startswith(reader.base):
                found.setdefault(url, True)
        close_drawer(reader)
    return found


def click_link_to(reader: Reader, target: str, *, via_drawer: bool = False) -> None:
    """Click a visible link to ``target`` (a full URL without fragment), as a reader would."""
    if via_drawer:
        open_drawer(reader)
    handle = reader.page.evaluate_handle(
        "([js, target]) => { const hrefs = eval(js)(); "
        "for (const a of document.querySelectorAll('a[href]')) {"
        "  const h = a.href.split('#')[0].split('?')[0];"
        "  if (h === target && hrefs.includes(a.href)) return a; } return null; }",
        [_VISIBLE_LINKS_JS, target])
    element = handle.as_element()
    assert element is not None, f"no visible link to {target} on {reader.page.url}"
    element.scroll_into_view_if_needed()
    with reader.page.expect_navigation():
        element.click()
    reader.settle()


# True once the search box holds the query and the result list as many results as its count line
# says; scrolls the list meanwhile, so that Material renders the rest.
def search(reader: Reader, query: str) -> tuple[list[str], str]:
    """Type ``query`` into the header's search box; return each result's page path (in order) and the
    text of the result count line."""
    page = reader.page
    box = page.locator("input.md-search__input")
    button = page.locator('label.md-header__button[for="__search"]')
    if button.is_visible():  # phone: the search button in the header opens the search overlay
        button.click()
        page.wait_for_function("document.getElementById('__search').checked")
    box.click()
    box.fill(query)  # the whole query at once: one search, not one per prefix
    wait_for_results(reader, query)
    return result_paths(reader)


def wait_for_results(reader: Reader, query: str) -> None:
    """Wait until the search box shows the results of ``query`` (its first ten, or that there are none)."""
    reader.page.wait_for_function(
        "q => { const r = document.querySelector('.md-search-result');"
        " return r.getAttribute('data-pf-state') === 'done' && r.getAttribute('data-pf-query') === q; }",
        arg=query.strip(), timeout=TIMEOUT_MS)


def result_paths(reader: Reader) -> tuple[list[str], str]:
    """Every result's page path, in order (scrolling the list until all are shown), and the count line."""
    page = reader.page
    meta = page.locator(".md-search-result__meta").inner_text()
    previous = -1
    for _ in range(100):
        count = page.locator(".md-search-result__item").count()
        if count == previous:
            break
        previous = count
        # Ten results are shown, then ten more each time the list is scrolled to its end.
        page.evaluate("const w = document.querySelector('.md-search__scrollwrap');"
                      " if (w) { w.scrollTop = w.scrollHeight; w.dispatchEvent(new Event('scroll')); }")
        page.wait_for_function("document.querySelector('.md-search-result')"
                               ".getAttribute('data-pf-state') === 'done'")
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item",
        "items => items.map(li => { const a = li.querySelector('a.md-search-result__link'); "
        "return a ? a.href : ''; })")
    return [urlsplit(h).path for h in hrefs], meta


def result_count(meta: str) -> int | None:
    """The number in Material's result count line ("7 matching documents", "找到 7 个…")."""
    match = re.search(r"\d+", meta)
    return int(match.group()) if match else None
