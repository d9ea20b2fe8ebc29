"""A real ``mkdocs serve``: a broken edit makes every page answer with the error and the next good save
brings the site back; an edit shows on its page, and a little later search finds its new words in every
language. Real server process, real HTTP requests on 127.0.0.1, real file edits, real Chromium."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.register_assert_rewrite("tests.support.browser")
from build_tools.site import search_index  # noqa: E402
from build_tools.site.collect import load_corpus  # noqa: E402
from build_tools.site.language import LANGUAGES  # noqa: E402
from build_tools.site.serve import KEPT_DIR, SearchIndexer, ServeState, error_page  # noqa: E402
from tests.support.browser import SITE_PREFIX, PageWatch, Reader, search  # noqa: E402

pytest_plugins = ["tests.support.browser"]

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
# A cold first build of the fixture site in three languages on a loaded 2-core machine.
STARTUP_SECONDS = 240
# A single request must never be held longer than a rebuild takes.
REQUEST_SECONDS = 60
BAD_DATE = "2025-07-32"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    """Status and body of ``url``; a request held past REQUEST_SECONDS fails the test."""
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_SECONDS) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _wait(url: str, want, deadline: float) -> tuple[int, str]:
    last: tuple[int, str] = (0, "")
    while time.monotonic() < deadline:
        with contextlib.suppress(urllib.error.URLError, ConnectionError):
            last = _get(url)
            if want(*last):
                return last
        time.sleep(0.5)
    pytest.fail(f"{url}: still {last[0]} after waiting; body starts {last[1][:300]!r}")


def _wait_for_log(log: Path, text: str, deadline: float) -> None:
    """Until the server's output holds ``text``."""
    while text not in log.read_text(encoding="utf-8", errors="replace"):
        if time.monotonic() > deadline:
            pytest.fail(f"the server never logged {text!r}:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.1)


@contextlib.contextmanager
def _serving(tmp_path: Path):
    """``mkdocs serve`` of a copy of the fixture corpus on 127.0.0.1; yields (base URL, input folder, log)."""
    shutil.copytree(FIXTURES, tmp_path / "input")
    port = _free_port()
    env = {**os.environ, "AI_BRIEFING_BRIEFINGS": str(tmp_path / "input" / "briefings"),
           "AI_BRIEFING_TAXONOMY": str(tmp_path / "input" / "taxonomy.yaml"),
           "AI_BRIEFING_CACHE": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1"}
    log_path = tmp_path / "serve.log"
    log = log_path.open("wb")
    server = subprocess.Popen([str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT, env=env,
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield f"http://127.0.0.1:{port}/", tmp_path / "input", log_path
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)  # the server, its language workers and search index
        server.wait(timeout=30)
        log.close()


def _log_says(log: Path, text: str, deadline: float, *, after: int = 0) -> int:
    """Wait until the server's log holds ``text`` (past offset ``after``); return where it ends."""
    while time.monotonic() < deadline:
        output = log.read_text(encoding="utf-8", errors="replace")
        if (at := output.find(text, after)) >= 0:
            return at + len(text)
        time.sleep(0.2)
    pytest.fail(f"the server never logged {text!r}; its log ends {log.read_text(errors='replace')[-2000:]}")


def _save_until_seen(path: Path, text: str, log: Path, deadline: float) -> None:
    """Write ``text`` to ``path`` until the server says it saw a change: its watcher starts after the
    first build, and a save before its first look at the folder goes unnoticed."""
    seen = len(log.read_text(encoding="utf-8", errors="replace"))
    while time.monotonic() < deadline:
        path.write_text(text, encoding="utf-8")
        until = time.monotonic() + 5
        while time.monotonic() < until:
            if "Detected file changes" in log.read_text(encoding="utf-8", errors="replace")[seen:]:
                return
            time.sleep(0.2)
    pytest.fail(f"the server never saw the edit of {path}")


# New words, in no briefing of the fixtures: one in the English text, one in the Chinese.
NEW_WORDS = {"en": "Quorblaxian", "zh": "Zentrovik", "zh-hant": "Zentrovik"}


@pytest.mark.slow
@pytest.mark.browser
def test_an_edit_shows_on_its_page_and_search_finds_its_new_words_soon_after(tmp_path: Path,
                                                                           chromium) -> None:
    with _serving(tmp_path) as (base, inputs, log):
        briefing = inputs / "briefings" / "gpt-4o-race.md"
        page = base + "briefings/gpt-4o-race/"
        deadline = time.monotonic() + STARTUP_SECONDS
        _wait(page, lambda status, body: status == 200 and 'id="briefing-title"' in body, deadline)
        after_first = _log_says(log, "Search index updated (en, zh, zh-hant)", deadline)
        context = chromium.new_context(service_workers="block")
        try:
            reader = Reader(page=context.new_page(), watch=PageWatch(origin=base.rstrip("/")),
                            base=base.rstrip("/"), viewport="desktop", screenshots=tmp_path)

            def found(lang: str) -> list[str]:
                reader.open(SITE_PREFIX[lang])
                return search(reader, NEW_WORDS[lang])[0]

            target = {lang: f"{SITE_PREFIX[lang]}briefings/gpt-4o-race/" for lang in NEW_WORDS}
            assert all(target[lang] not in found(lang) for lang in NEW_WORDS)  # not before the edit
            text = briefing.read_text(encoding="utf-8")
            edited = (text.replace("en: Safety and alignment remain open questions.",
                                   "en: Safety and alignment remain open questions, Quorblaxian said.")
                      .replace("zh: 安全与对齐仍是悬而未决的问题。",
                               "zh: 安全与对齐仍是悬而未决的问题，Zentrovik说。"))
            assert edited.count("Quorblaxian") == edited.count("Zentrovik") == 1
            _save_until_seen(briefing, edited, log, time.monotonic() + 60)
            _wait(page, lambda status, body: status == 200 and "Quorblaxian said" in body,
                  time.monotonic() + REQUEST_SECONDS)
            _wait(base + "zh/briefings/gpt-4o-race/", lambda status, body: "Zentrovik说" in body,
                  time.monotonic() + REQUEST_SECONDS)
            # Then search: the index of the edited text follows the rebuild.
            with contextlib.suppress(pytest.fail.Exception):  # the searches below say what is missing
                _log_says(log, "Search index updated (en, zh, zh-hant)", time.monotonic() + STARTUP_SECONDS,
                          after=after_first)
            for lang in NEW_WORDS:
                assert target[lang] in found(lang), lang
        finally:
            context.close()
    assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")


@pytest.mark.slow
def test_a_broken_edit_shows_an_error_page_and_the_next_good_save_recovers(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES, tmp_path / "input")
    briefing = tmp_path / "input" / "briefings" / "gpt-4o-race.md"
    good = briefing.read_text(encoding="utf-8")
    lines = good.splitlines()
    date_line = next(i for i, line in enumerate(lines, 1) if line.startswith("date:"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "AI_BRIEFING_BRIEFINGS": str(tmp_path / "input" / "briefings"),
           "AI_BRIEFING_TAXONOMY": str(tmp_path / "input" / "taxonomy.yaml"),
           "AI_BRIEFING_CACHE": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1"}
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen([str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT, env=env,
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    page = base + "briefings/gpt-4o-race/"
    try:
        _wait(page, lambda status, body: status == 200 and 'id="briefing-title"' in body,
              time.monotonic() + STARTUP_SECONDS)
        # MkDocs starts watching the files after the first build; it says so once it does.
        _wait_for_log(tmp_path / "serve.log", "Watching paths for changes",
                      time.monotonic() + STARTUP_SECONDS)
        briefing.write_text(good.replace("date: 2024-06-03", f"date: {BAD_DATE}", 1), encoding="utf-8")
        _, body = _wait(page, lambda status, body: status == 500, time.monotonic() + STARTUP_SECONDS)
        assert "data-build-error" in body
        message = body.split('<pre id="build-error">', 1)[1].split("</pre>", 1)[0]
        assert f"gpt-4o-race.md:{date_line}: &#x27;date&#x27;: " in message, message
        assert BAD_DATE in message
        # Every page says so, in every language; what is not a page still loads.
        for other in ("", "zh/", "zh-hant/topics/openai/", "archive/"):
            assert _get(base + other)[0] == 500, other
        assert _get(base + "assets/stylesheets/briefing.css")[0] == 200
        briefing.write_text(good, encoding="utf-8")
        _wait(page, lambda status, body: status == 200 and 'id="briefing-title"' in body
              and "data-build-error" not in body, time.monotonic() + STARTUP_SECONDS)
        assert _get(base + "zh/")[0] == 200
    finally:
        briefing.write_text(good, encoding="utf-8")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)  # the server and its language workers
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")
    assert f"gpt-4o-race.md:{date_line}: 'date'" in output  # the terminal names it too


def test_the_error_page_escapes_the_message_and_passes_assets_through() -> None:
    state = ServeState()
    calls = []

    def app(environ, start_response):
        calls.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b"page"]

    serve = state.error_app(app)
    responses = []

    def start(status, headers):
        responses.append(status)

    assert serve({"PATH_INFO": "/x/"}, start) == [b"page"]
    state.failed(ValueError("briefings/<b>.md:3: 'date': bad"))
    body = b"".join(serve({"PATH_INFO": "/x/"}, start))
    assert responses[-1].startswith("500")
    assert b"briefings/&lt;b&gt;.md:3: &#x27;date&#x27;: bad" in body and b"<b>" not in body
    assert serve({"PATH_INFO": "/assets/site.css"}, start) == [b"page"]
    assert serve({"PATH_INFO": "/livereload/1/2"}, start) == [b"page"]
    assert error_page("a\nb").count(b"\n") > 2


def test_a_partial_rebuild_reuses_the_compiled_theme_however_its_folders_were_named(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import jinja2

    # The first build of `mkdocs serve -f mkdocs.yml` names the theme's folders relative to the working
    # folder, the rebuilds absolute: the same folders, so the same compiled templates.
    monkeypatch.chdir(ROOT)
    state = ServeState()
    first = jinja2.Environment(loader=jinja2.FileSystemLoader(["overrides"]))
    assert state.templates(first) is first
    state.dirty = True
    again = jinja2.Environment(loader=jinja2.FileSystemLoader([str(ROOT / "overrides")]))
    assert state.templates(again) is first
    other = jinja2.Environment(loader=jinja2.FileSystemLoader([str(ROOT / "docs")]))
    assert state.templates(other) is other  # another theme folder: compiled anew
    state.dirty = False
    fresh = jinja2.Environment(loader=jinja2.FileSystemLoader(["overrides"]))
    assert state.templates(fresh) is fresh  # a full build compiles anew


def _wait_for(condition, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"still not {what} after {seconds} s")
        time.sleep(0.1)


def test_a_search_index_that_fails_is_logged_and_the_next_run_indexes(tmp_path: Path) -> None:
    corpus = load_corpus(FIXTURES / "briefings", FIXTURES / "taxonomy.yaml")
    log_file = tmp_path / "serve.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    logger = logging.getLogger("mkdocs.plugins.ai_briefing.serve")
    logger.addHandler(handler)  # the indexing process inherits it
    level = logger.level
    logger.setLevel(logging.INFO)  # as under mkdocs serve
    indexer = SearchIndexer()
    try:
        site = tmp_path / "site"
        site.write_text("a file where the site folder should be", encoding="utf-8")
        indexer.start(site, corpus.briefings, corpus.taxonomy)
        _wait_for(lambda: not indexer.running(), "done")
        logged = log_file.read_text(encoding="utf-8")
        for lang in LANGUAGES:
            assert f"Search index of the {lang} site not updated: " in logged, logged
        assert "Traceback" not in logged and "Search index updated" not in logged
        # The next run, into a site folder that is one, indexes every language.
        site.unlink()
        for lang in LANGUAGES.values():
            (site / lang.prefix).mkdir(parents=True, exist_ok=True)
        indexer.start(site, corpus.briefings, corpus.taxonomy)
        _wait_for(lambda: not indexer.running(), "done")
        assert "Search index updated (en, zh, zh-hant)" in log_file.read_text(encoding="utf-8")
        for lang in LANGUAGES.values():
            urls = {page["url"] for page in search_index.read_fragments(site / lang.prefix / "pagefind")}
            assert {f"briefings/{b.id}/" for b in corpus.briefings} <= urls, lang.code
        # A full rebuild empties the site folder: the indexes wait aside and come back with the next run.
        indexer.set_aside()
        assert not (site / "pagefind").exists() and (site / KEPT_DIR / "en" / "pagefind-entry.json").is_file()
        indexer.start(site, corpus.briefings, corpus.taxonomy)
        assert (site / "zh" / "pagefind" / "pagefind-entry.json").is_file()  # before the new run is done
        indexer.stop()  # a run stopped half-way leaves the index in place as it was
        assert not indexer.running() and (site / "zh" / "pagefind" / "pagefind-entry.json").is_file()
        assert not (site / KEPT_DIR).exists()
    finally:
        indexer.stop()
        logger.removeHandler(handler)
        logger.setLevel(level)
        handler.close()
