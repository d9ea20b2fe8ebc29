"""What one search costs a reader: bytes fetched and time to the first results, in real Chromium.

The built site is served on 127.0.0.1; each query runs in a fresh browser profile (nothing cached),
in the search box of the language's home page, twice: pasted the moment the box is focused (the worst
case: Pagefind starts loading with the query) and typed at a reader's pace (Pagefind loads while the
reader types; the time runs from the last key). Every response under
``pagefind/`` is counted twice: as served here (uncompressed, the index files are gzip already) and
as a static host would send it (the index files as they are, the scripts gzipped), see ``_sizes``.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import gzip
import os
import re
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PREFIX = {"en": "/", "zh": "/zh/", "zh-hant": "/zh-hant/"}
TIMEOUT_MS = 30_000
# A reader's pace between two keys (or two characters an input method commits): about 7 a second.
TYPING_DELAY_MS = 150
_GZIP_MAGIC = b"\x1f\x8b"
_WORD = re.compile(r"[A-Za-z]{6,}")
_HAN_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")
_ANY_WORD = re.compile(r"[a-z]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# What each fetched file of the index is, by its path below pagefind/: the parts that grow with the
# archive (meta, index chunks, filters) apart from those that do not (wasm, scripts).
KINDS = (("wasm", re.compile(r"/wasm\.[^/]*\.pagefind$")), ("js", re.compile(r"\.js$")),
         ("entry/meta", re.compile(r"/pagefind-entry\.json$|\.pf_meta$")),
         ("filters", re.compile(r"/filter/[^/]+\.pf_filter$")),
         ("index", re.compile(r"/index/[^/]+\.pf_index$")),
         ("fragments", re.compile(r"/fragment/[^/]+\.pf_fragment$")))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def _served(directory: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _sizes(body: bytes) -> tuple[int, int]:
    """(bytes a static host sends, bytes uncompressed): Pagefind's files are gzip already."""
    if body.startswith(_GZIP_MAGIC):
        return len(body), len(gzip.decompress(body))
    return len(gzip.compress(body, compresslevel=6)), len(body)


def kind(url: str) -> str:
    """The kind of an index file by its URL (see ``KINDS``); "other" for anything else (t2s.json)."""
    path = url.split("?", 1)[0]
    return next((name for name, pattern in KINDS if pattern.search(path)), "other")


def by_kind(fetched: list[tuple[str, int, int]]) -> dict[str, dict[str, int]]:
    """Files, bytes served and bytes uncompressed of each kind of fetched file."""
    out: dict[str, dict[str, int]] = {}
    for url, served, uncompressed in fetched:
        row = out.setdefault(kind(url), {"files": 0, "served": 0, "uncompressed": 0})
        row["files"] += 1
        row["served"] += served
        row["uncompressed"] += uncompressed
    return out


def queries(text_by_lang: dict[str, str]) -> dict[str, list[str]]:
    """Three words of each language's sample text (a briefing's last paragraphs): what a reader types."""
    out = {}
    for lang, text in text_by_lang.items():
        found = _WORD.findall(text) if lang == "en" else _HAN_PAIR.findall(text)
        words = sorted(set(found), key=found.index)
        out[lang] = [words[i] for i in (0, len(words) // 2, len(words) - 1)] if words else []
    return out


def frequent_words(text_by_lang: dict[str, str]) -> dict[str, str]:
    """The most frequent word of each language's sample text that the index holds (not a stop word,
    which the search box takes out of a query): the largest index chunk a search can fetch, reported
    beside the three words a reader types."""
    from build_tools.site.search_words import query_stop_words

    stop = set(query_stop_words().split())
    out = {}
    for lang, text in text_by_lang.items():
        found = _ANY_WORD.findall(text.lower()) if lang == "en" else _HAN.findall(text)
        found = [w for w in found if w not in stop]
        if found:
            out[lang] = collections.Counter(found).most_common(1)[0][0]
    return out


_DONE = ("q => { const r = document.querySelector('.md-search-result');"
         " return r.getAttribute('data-pf-query') === q && r.getAttribute('data-pf-state') === 'done'; }")


def _typed(browser, base: str, lang: str, query: str) -> float:
    """Seconds from the last key of ``query``, typed at a reader's pace into a fresh profile's search
    box, to its results: what the issue's "first results after typing" measures."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    try:
        page.goto(base + PREFIX[lang], wait_until="load")
        page.wait_for_load_state("networkidle")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query, delay=TYPING_DELAY_MS)
        start = time.perf_counter()
        page.wait_for_function(_DONE, arg=query, timeout=TIMEOUT_MS)
        return time.perf_counter() - start
    finally:
        context.close()


def _one(browser, base: str, lang: str, query: str) -> dict[str, Any]:
    result = _pasted(browser, base, lang, query)
    result["typed_results_seconds"] = round(_typed(browser, base, lang, query), 3)
    return result


def _pasted(browser, base: str, lang: str, query: str) -> dict[str, Any]:
    """Bytes fetched and seconds to the results when the whole query is put into the search box the
    moment it is focused (a paste): nothing of Pagefind is loaded yet, the worst case."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    fetched: list[tuple[str, int, int]] = []

    def on_response(response) -> None:
        if "/pagefind/" in response.url:
            with contextlib.suppress(Exception):
                fetched.append((response.url, *_sizes(response.body())))

    page.on("response", on_response)
    try:
        page.goto(base + PREFIX[lang], wait_until="load")
        page.wait_for_load_state("networkidle")
        box = page.locator("input.md-search__input")
        box.click()
        start = time.perf_counter()
        box.fill(query)
        page.wait_for_function(_DONE, arg=query, timeout=TIMEOUT_MS)
        first = time.perf_counter() - start
        meta = page.locator(".md-search-result__meta").inner_text()
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return {"query": query, "first_results_seconds": round(first, 3), "count_line": meta,
            "requests": len(fetched), "bytes_served": sum(c for _, c, _ in fetched),
            "bytes_uncompressed": sum(u for _, _, u in fetched), "by_kind": by_kind(fetched)}


def measure_search(site_dir: Path, words: dict[str, list[str]],
                   frequent: dict[str, str] | None = None, *, browser: Any = None) -> dict[str, Any]:
    """Each language's queries on the built ``site_dir``: bytes per search and time to first results;
    the ``frequent`` word of each language apart (``frequent_runs``), not in the maxima. Chromium is
    started here unless a running ``browser`` is given."""
    from playwright.sync_api import sync_playwright

    if browser is None and not Path(CHROMIUM).is_file():
        return {"error": f"{CHROMIUM} is missing: run `make browser-deps`"}
    runs: dict[str, list[dict[str, Any]]] = {}
    frequent_runs: dict[str, dict[str, Any]] = {}

    def run_all(chromium: Any) -> None:
        for lang, qs in words.items():
            runs[lang] = [_one(chromium, base, lang, q) for q in qs]
        frequent_runs.update({lang: _one(chromium, base, lang, q) for lang, q in (frequent or {}).items()})

    with _served(site_dir) as base:
        if browser is not None:
            run_all(browser)
        else:
            with sync_playwright() as pw:
                own = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                try:
                    run_all(own)
                finally:
                    own.close()
    every = [r for rs in runs.values() for r in rs]
    return {
        "runs": runs,
        "frequent_runs": frequent_runs,
        "max_bytes_served": max((r["bytes_served"] for r in every), default=0),
        "max_bytes_uncompressed": max((r["bytes_uncompressed"] for r in every), default=0),
        "max_first_results_seconds": max((r["first_results_seconds"] for r in every), default=0.0),
        "max_typed_results_seconds": max((r["typed_results_seconds"] for r in every), default=0.0),
    }
