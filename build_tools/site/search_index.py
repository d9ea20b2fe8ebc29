"""Full-text search: one Pagefind index per language site, made from the data the build already has.

Pagefind (https://pagefind.app) writes a static index split into small fragments; the browser fetches
only the fragments of the words a reader types, so a search costs the same few hundred kilobytes
whether the archive holds a hundred briefings or thousands. Its "extended" binary segments Chinese
with a Simplified dictionary; the Traditional site's Chinese is segmented by the build instead
(search_words.py), and indexed in a language Pagefind leaves as it is given.

Briefings and topic pages are given to Pagefind as records made from the corpus (no HTML to parse):
the whole article in the column a reader of the site sees first, with the title, summary and key
points, and every name of every topic and entity the briefing is tagged with, aliases included, so
奥尔特曼 finds a briefing that writes 奥特曼. Topic, name and year are filters; the date is a sort key.
The hand-written pages (about, contributing, glossary, ...) are few: Pagefind reads their built HTML.

Each language site gets its own index in ``<site>/pagefind/``, so results are of that language only.
The index is written beside and moved into place whole: a reader never sees half an index.
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import itertools
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools.briefing.taxonomy import Taxonomy
from build_tools.model import Briefing, Entry
from build_tools.site import cache
from build_tools.site.language import SiteLanguage, other_languages
from build_tools.site.pages import NOT_IN_NAV
from build_tools.site.render import briefing_url, entry_names, esc, indexed_column, topic_url
from build_tools.site.search_words import STOP_WORDS_PATH, Segmenter, without_stop_words

# Folder of the index in each language site; overrides/partials/search.html loads it from there.
BUNDLE_DIR = "pagefind"
# Parts of hand-written pages that are lists of what is found elsewhere (the glossary's table of
# every name): left out of the index as Material's search left them out.
EXCLUDE_SELECTORS = ["[data-search-exclude]", ".headerlink"]
# The content of a hand-written page (Material's <article>), without header, navigation and footer.
ROOT_SELECTOR = "article.md-content__inner"
# The first bytes of every file Pagefind writes for the browser, after gzip.
FRAGMENT_SIGNATURE = b"pagefind_dcd"
# Where the generated pages live (they are records, or lists of what is found elsewhere: pages.py's
# NOT_IN_NAV) and the other languages' sites: not read as HTML.
OTHER_FOLDERS = (*NOT_IN_NAV, *(lang.prefix for lang in other_languages()), f"{BUNDLE_DIR}/")
# Pagefind's ready-made interfaces: the site shows results in Material's own search box instead.
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                "pagefind-component-ui.js", "pagefind-component-ui.css")
# Pagefind's weight of the line of every name a page is tagged with (its default weight is 1).
NAMES_WEIGHT = 0.3
# ... and of the line of every Chinese character of the page (see _document).
CHARACTERS_WEIGHT = 0.1
# The build cache's folder of the segmented sites' briefing records (see records).
RECORD_CACHE = "search-record"
# Requests sent before their answers are read (see write_index).
BATCH = 64
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# This process's segmenter of each language, with the taxonomy it was made from (see segmenter).
_segmenters: dict[str, tuple[Taxonomy, Segmenter]] = {}


class SearchIndexError(RuntimeError):
    """Pagefind failed or could not be started; the message says why."""


@dataclass
class Record:
    """One page as Pagefind reads it: its URL and a lean HTML document of what a reader can read there.

    The HTML holds only text (escaped), the heading Pagefind weights as the title, and Pagefind's
    ``data-pagefind-*`` attributes for the shown fields, filters and sort keys: much less to parse
    than the built page, with its navigation, and made without reading any file.
    """

    url: str  # relative to the language site's root, e.g. "briefings/<id>/"
    html: str


@dataclass
class IndexReport:
    """What one language's index holds and what it cost."""

    pages: int
    words: int
    bytes: int
    seconds: float


def _names(keys: Iterable[str], tax: Taxonomy) -> list[Entry]:
    return [e for e in (tax.get(k) for k in keys) if e is not None]


def _document(lang: SiteLanguage, title: str, blocks: Iterable[str], names: Iterable[str], *,
              fields: Iterable[tuple[str, str, str]] = (), words: Segmenter | None = None) -> str:
    """A lean page: ``title`` as its heading, ``blocks`` of text, ``names`` weighted low, and
    (attribute, key, value) ``fields`` Pagefind reads but does not index; with ``words``, the
    Chinese text segmented into words separated by spaces (see search_words.py); stop words left
    out of the index (search_words.py)."""
    blocks = [b for b in blocks if b]
    names = " · ".join(dict.fromkeys(names))
    fields = list(fields)
    if lang.search_words:
        # The title as written, for the result list; the heading below is the segmented one. Pagefind
        # indexes meta fields too: its Latin stop words are hidden (shown as written by the search box).
        fields.append(("meta", "title", without_stop_words(title)))
    if words is not None:
        title, names = words.spaced(title), words.spaced(names)
        blocks = [words.spaced(b) for b in blocks]
    title, names = without_stop_words(title), without_stop_words(names)
    blocks = [without_stop_words(b) for b in blocks]
    body = [f"<h1>{esc(title)}</h1>", *(f"<p>{esc(b)}</p>" for b in blocks)]
    if names:
        # Found by every name and alias, but a low weight: an excerpt prefers the article's words.
        body.append(f'<p data-pagefind-weight="{NAMES_WEIGHT}">{esc(names)}</p>')
    characters = " ".join(dict.fromkeys(_HAN.findall("".join([title, *blocks, names]))))
    if characters:
        # The browser splits a Chinese query into words with its own dictionary (Intl.Segmenter),
        # often into single characters (扎|克|伯|格, 鴻|禕) where the index holds a word (扎克伯格):
        # every character of the page, once, lets such a query still find the page, ranked below
        # pages that match it as words.
        body.append(f'<p data-pagefind-weight="{CHARACTERS_WEIGHT}">{characters}</p>')
    hidden = "".join(f'<span data-pagefind-{attr}="{esc(key)}">{esc(value)}</span>'
                     for attr, key, value in fields)
    if hidden:
        body.append(f"<div data-pagefind-ignore>{hidden}</div>")
    return (f'<html lang="{lang.pagefind_language}"><body><article class="md-content__inner">'
            + "".join(body) + "</article></body></html>")


def briefing_record(b: Briefing, lang: SiteLanguage, tax: Taxonomy, words: Segmenter | None = None) -> Record:
    """The record of briefing ``b`` on the ``lang`` site: everything a reader can read on its page
    (its Chinese segmented by ``words``, on a site that Pagefind does not segment)."""
    column = indexed_column(b, lang)
    topics = _names(b.tags, tax)
    entities = _names(b.entities, tax)
    point_lang = lang.body if b.key_points.get(lang.body) else lang.other_body
    blocks = [
        lang.pick(b.summary),
        *(lang.column(point_lang, p) for p in b.key_points.get(point_lang) or []),
        *(lang.column(column, p.text(column), once=True) for p in b.paragraphs),
        lang.pick(b.editor_note) if b.editor_note else "",
    ]
    fields: list[tuple[str, str, str]] = []
    if b.date:
        fields += [("meta", "date", lang.date(b.date)), ("sort", "date", b.date.isoformat()),
                   ("filter", "year", str(b.date.year))]
    fields += [("filter", "topic", lang.label(e)) for e in topics]
    fields += [("filter", "name", lang.label(e)) for e in entities]
    names = (n for e in [*topics, *entities] for n in entry_names(lang, e))
    html = _document(lang, lang.pick(b.title), blocks, names, fields=fields, words=words)
    return Record(briefing_url(b.id), html)


def entry_record(entry: Entry, lang: SiteLanguage, words: Segmenter | None = None) -> Record:
    """The record of a topic or entity page: its label, description and every name it is known by.

    Its list of briefings stays out: they have records of their own.
    """
    html = _document(lang, lang.label(entry), [lang.pick(entry.description)], entry_names(lang, entry),
                     words=words)
    return Record(topic_url(entry.id), html)


def records(briefings: Iterable[Briefing], tax: Taxonomy, lang: SiteLanguage,
            words: Segmenter | None = None) -> Iterator[Record]:
    """Every record of the ``lang`` site: the briefings, then the topics and entities, by id.

    A Chinese site's records are kept in the build cache (cache.py): segmenting them with jieba is
    most of their cost, and an unchanged briefing is then not segmented again (see
    ``prepare_records``); when every record is there, jieba is not even loaded.
    """
    if words is None:
        yield from (briefing_record(b, lang, tax) for b in briefings)
        yield from (entry_record(entry, lang) for entry in sorted(tax, key=lambda e: e.id))
        return
    taxonomy_key = _inputs_key(tax)
    for b in briefings:
        yield _cached_record(b, lang, tax, words, taxonomy_key)
    for entry in sorted(tax, key=lambda e: e.id):
        key = cache.digest(RECORD_CACHE, lang.code, taxonomy_key, "entry", entry.id)
        yield _cached(key, topic_url(entry.id), functools.partial(entry_record, entry, lang, words))


def _inputs_key(tax: Taxonomy) -> str:
    """A hash of every name the records (and the segmenter's dictionary) are made from, and of the
    stop words they leave out (data the cache's code version does not cover)."""
    return cache.digest(STOP_WORDS_PATH.read_text(encoding="utf-8"),
                        *(repr(e) for e in sorted(tax, key=lambda e: e.id)))


def _cached_record(b: Briefing, lang: SiteLanguage, tax: Taxonomy, words: Segmenter,
                   taxonomy_key: str) -> Record:
    key = cache.digest(RECORD_CACHE, lang.code, taxonomy_key, cache.briefing_hash(b))
    return _cached(key, briefing_url(b.id), functools.partial(briefing_record, b, lang, tax, words))


def _cached(key: str, url: str, make: Callable[[], Record]) -> Record:
    """The record of ``url`` kept in the build cache under ``key``; made and kept there when it is not."""
    html = cache.read_text(RECORD_CACHE, key)  # None unless this machine signed it
    if html is None:
        html = make().html
        cache.write_text(RECORD_CACHE, key, html)
    return Record(url, html)


def prepare_records(briefings: Iterable[Briefing], tax: Taxonomy, lang: SiteLanguage) -> int:
    """Segment the briefing records of the ``lang`` site into the build cache, where its index will
    read them; return how many the cache holds. Run in a process of its own started with the builds
    (projects.beside_holding), so that the index written after the site's pages does not wait for the
    segmenting. Nothing to do on a site whose text is not Chinese, or without a cache."""
    words = segmenter(lang, tax)
    if words is None or cache.directory() is None:
        return 0
    taxonomy_key = _inputs_key(tax)
    held = 0
    for b in briefings:
        _cached_record(b, lang, tax, words, taxonomy_key)
        held += 1
    return held


def segmenter(lang: SiteLanguage, tax: Taxonomy) -> Segmenter | None:
    """The word segmenter of the ``lang`` site's Chinese text (where Pagefind segments it, one that
    only finds its stop words), or None on a site whose text is not Chinese.

    One per language and taxonomy in a process: the records segmented before the index and the
    index's own pages share it, and its jieba dictionary, loaded once.
    """
    if not (lang.search_words or lang.body == "zh"):
        return None
    held = _segmenters.get(lang.code)
    if held is None or held[0] is not tax:
        held = _segmenters[lang.code] = (tax, Segmenter(tax, spacing=lang.search_words))
    return held[1]


def index_site(site_dir: str | Path, lang: SiteLanguage, briefings: Iterable[Briefing],
               tax: Taxonomy) -> IndexReport:
    """The whole search index of one language site: the corpus's records and the built pages."""
    words = segmenter(lang, tax)
    return write_index(site_dir, lang, records(briefings, tax, lang, words), built_pages(site_dir), words)


class Pagefind:
    """Pagefind's indexing service (``pagefind --service``): requests in, responses out, over pipes.

    Its own Python wrapper waits a tenth of a second between reading two responses, which is five
    minutes for 3,000 records; this client writes every request and reads the responses as they come.
    """

    def __init__(self) -> None:
        try:
            from pagefind_bin_extended import get_executable
        except ImportError as exc:  # pragma: no cover - the package is a dependency
            raise SearchIndexError("pagefind[extended] is not installed: run `make setup`") from exc
        self._process = subprocess.Popen(
            [str(get_executable()), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._sent = 0
        self._buffer = bytearray()

    def send(self, payload: dict[str, object]) -> int:
        """Send one request; return its message id."""
        assert self._process.stdin is not None
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}, ensure_ascii=False)
        self._process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
        return self._sent

    def flush(self) -> None:
        """Push the requests written so far to the service."""
        assert self._process.stdin is not None
        self._process.stdin.flush()

    def receive(self) -> dict[str, Any]:
        """The next response's payload; an error response raises ``SearchIndexError``."""
        assert self._process.stdout is not None
        while True:
            while (end := self._buffer.find(b",")) < 0:
                chunk = os.read(self._process.stdout.fileno(), 1 << 16)  # what is there, up to 64 KiB
                if not chunk:
                    raise SearchIndexError("pagefind stopped before it answered")
                self._buffer += chunk
            raw, self._buffer = bytes(self._buffer[:end]).strip(), self._buffer[end + 1:]
            if not raw:  # the service may separate messages by more than one comma
                continue
            try:
                answer = json.loads(base64.b64decode(raw))
            except ValueError as exc:
                raise SearchIndexError(f"pagefind answered what is not a message: {raw[:80]!r}") from exc
            if answer is None:  # a message without content, as Pagefind's own client skips them
                continue
            payload = answer["payload"]
            if payload.get("type") == "Error":
                raise SearchIndexError(f"pagefind: {payload.get('message')}")
            return payload

    def request(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one request and wait for its answer."""
        self.send(payload)
        self.flush()
        return self.receive()

    def close(self) -> None:
        """Stop the service: it finishes what it was asked to do and exits."""
        if self._process.stdin is not None and not self._process.stdin.closed:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()


def write_index(
    site_dir: str | Path,
    lang: SiteLanguage,
    page_records: Iterable[Record],
    html_pages: Iterable[tuple[str, Path]] = (),
    words: Segmenter | None = None,
) -> IndexReport:
    """Index ``page_records`` and the built HTML ``html_pages`` ((url, file) pairs) of one language
    site into ``<site_dir>/pagefind``; return what was indexed. ``words`` segments the pages' Chinese
    text (the records come segmented)."""
    start = time.perf_counter()
    site = Path(site_dir)
    service = Pagefind()
    try:
        config = {"root_selector": ROOT_SELECTOR, "exclude_selectors": EXCLUDE_SELECTORS,
                  "force_language": lang.pagefind_language}
        index_id = service.request({"type": "NewIndex", "config": config})["index_id"]
        pages = words_indexed = 0
        requests = _requests(index_id, page_records, html_pages, words)
        # In batches: the answers of a batch fit in the pipe, so the service never stalls on writing
        # them while this process writes the next requests (and no more than a batch is held here).
        while batch := list(itertools.islice(requests, BATCH)):
            for payload in batch:
                service.send(payload)
            service.flush()
            for _ in batch:
                words_indexed += int(service.receive().get("page_word_count", 0))
                pages += 1
        size = _write_bundle(service, index_id, site / BUNDLE_DIR)
    except (OSError, ValueError, KeyError) as exc:
        raise SearchIndexError(f"pagefind: {exc}") from exc
    finally:
        service.close()
    return IndexReport(pages, words_indexed, size, time.perf_counter() - start)


def _requests(index_id: int, page_records: Iterable[Record], html_pages: Iterable[tuple[str, Path]],
              words: Segmenter | None) -> Iterator[dict[str, object]]:
    """Pagefind's requests for the records, then the HTML pages (their text segmented by ``words``)."""
    for r in page_records:
        yield {"type": "AddFile", "index_id": index_id, "url": r.url, "file_contents": r.html,
               "file_path": None}
    for url, path in html_pages:
        html = spaced_html(path.read_text(encoding="utf-8"), words)
        yield {"type": "AddFile", "index_id": index_id, "url": url, "file_contents": html,
               "file_path": None}


def spaced_html(html: str, words: Segmenter | None) -> str:
    """A built page with the Chinese of its text segmented by ``words`` (if any) and its stop words
    left out of the index; scripts, styles and the markup itself as they were."""
    lower = html.lower()
    out = []
    at = 0
    while at < len(html):
        tag = html.find("<", at)
        if tag < 0:
            tag = len(html)
        text = html[at:tag]
        out.append(without_stop_words(words.spaced(text) if words is not None else text))
        end = tag  # where the markup that stays as it is ends: a tag, or a script or style to its end
        for raw in ("script", "style"):
            if lower.startswith(f"<{raw}", tag):
                closing = lower.find(f"</{raw}", tag)
                end = len(html) if closing < 0 else closing
                break
        close = html.find(">", end)
        at = len(html) if close < 0 else close + 1
        out.append(html[tag:at])
    return "".join(out)


def _write_bundle(service: Pagefind, index_id: int, target: Path) -> int:
    """Write the index beside ``target``, then put it in ``target``'s place; return its size."""
    fresh = target.with_name(f".{target.name}.new")
    old = target.with_name(f".{target.name}.old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    service.request({"type": "WriteFiles", "index_id": index_id, "output_path": str(fresh)})
    # Pagefind answers before its last files are on disk, and stops writing when it is stopped.
    _wait_until_complete(fresh)
    service.close()
    for name in UNUSED_FILES:
        (fresh / name).unlink(missing_ok=True)
    _settle_filters(fresh)
    size = sum(p.stat().st_size for p in fresh.rglob("*") if p.is_file())
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return size


def _check_complete(bundle: Path) -> dict[str, int]:
    """The size of every file in ``bundle``; raise ``ValueError`` (or ``OSError``) unless every file
    the index names is there and whole."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta = _load(bundle / f"pagefind.{language['hash']}.pf_meta")
        names = [f"fragment/{h}.pf_fragment" for h, _ in meta[1]]
        names += [f"index/{chunk[-1]}.pf_index" for chunk in meta[2]]
        names += [f"filter/{h}.pf_filter" for _, h in meta[3]]
        names += [p.name for p in bundle.glob("wasm.*.pagefind")]
        for name in names:
            gzip.decompress((bundle / name).read_bytes())
    sizes = {p.name: p.stat().st_size for p in bundle.glob("*.js")}
    if not sizes or not all(sizes.values()):
        raise ValueError("a script is missing or empty")
    return sizes


def _wait_until_complete(bundle: Path, timeout: float = 120.0) -> None:
    """Wait until every file of the index is whole (its scripts no longer growing)."""
    deadline = time.monotonic() + timeout
    before: dict[str, int] | None = None
    while True:
        try:
            sizes = _check_complete(bundle)
            if sizes == before:
                return
            before = sizes
        except (OSError, ValueError, KeyError, IndexError, EOFError) as exc:
            if time.monotonic() > deadline:
                raise SearchIndexError(f"pagefind did not finish writing {bundle}: {exc}") from exc
        time.sleep(0.05)


def _load(path: Path) -> Any:
    import cbor2

    return cbor2.loads(gzip.decompress(path.read_bytes()).removeprefix(FRAGMENT_SIGNATURE))


def _store(folder: Path, stem: str, digits: int, suffix: str, value: object) -> str:
    """Write ``value`` as Pagefind does (signature, CBOR, gzip) under a name made from its content;
    return the name's hash part (``<stem>_<hex>``)."""
    import cbor2

    raw = FRAGMENT_SIGNATURE + cbor2.dumps(value)
    name = f"{stem}_{hashlib.sha256(raw).hexdigest()[:digits]}"
    target = folder / suffix.format(name)
    target.write_bytes(gzip.compress(raw, mtime=0))
    return name


def _settle_filters(bundle: Path) -> None:
    """Write the filters in a fixed order, so that two builds of the same site are byte-identical.

    Pagefind writes each filter's values (and its list of filters) in the order of a hash map that
    is seeded anew in each run; the files, their names and the names in the index's meta file change
    with it. The values are sorted here and the files renamed by their new content.
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for code, language in entry["languages"].items():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _load(meta_path)
        filters = []
        for name, chunk in sorted(meta[3]):
            old = bundle / "filter" / f"{chunk}.pf_filter"
            key, values = _load(old)
            ordered = sorted([value, sorted(pages)] for value, pages in values)
            filters.append([name, _store(bundle / "filter", code, 7, "{}.pf_filter", [key, ordered])])
            old.unlink()
        meta[3] = filters
        meta[4] = sorted(meta[4])
        meta_path.unlink()
        language["hash"] = _store(bundle, code, 10, "pagefind.{}.pf_meta", meta)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def built_pages(site_dir: str | Path) -> list[tuple[str, Path]]:
    """(url, file) of the built pages of one language site that search reads as HTML, found on disk:
    every page but the generated ones (the glossary aside) and the other languages' sites."""
    site = Path(site_dir)
    pages = []
    # Folders left out are not walked: the English site's index is written while the other languages'
    # builds still write theirs inside it.
    for top in sorted(site.iterdir()):
        if not top.is_dir() or f"{top.name}/".startswith(OTHER_FOLDERS):
            continue
        for path in sorted(top.rglob("index.html")):
            url = path.parent.relative_to(site).as_posix() + "/"
            if not url.startswith(OTHER_FOLDERS):
                pages.append((url, path))
    return pages


def read_fragments(bundle: str | Path) -> Iterator[dict[str, Any]]:
    """Each page an index in ``bundle`` holds, as Pagefind stores it for a result (url, content,
    meta, filters): what a search can find and show, read back for tests and the bench."""
    for path in sorted(Path(bundle).glob("fragment/*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        yield json.loads(raw.removeprefix(FRAGMENT_SIGNATURE))
