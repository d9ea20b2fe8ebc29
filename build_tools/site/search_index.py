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
Pagefind keeps every page's words in memory until it writes, and needs about four times as much to
build its index (0.7 MiB a briefing at 1,000), so the pages are indexed a hundred or so at a time, an
index each in one Pagefind process that lets go of each once it is read, and the parts merged into
the index one index of them all would have been (``merge_parts``): the memory no longer grows with
the archive. The index is written beside and moved
into place whole: a reader never sees half an index.

Under ``mkdocs build`` the English build makes the three indexes once every site is built, in processes
forked for them, as many at a time as there are cores, up to ``INDEX_LANES`` (``index_beside``): each
site's pages cut in shares of whole parts, each share's parts made in a process, and the site's index
merged from them in one more, so that no core waits while the largest site ends; a process gives all
it held back when it ends. The Chinese sites' records and built pages come
segmented from the build cache, where a helper started with the builds put them (``prepare_search``),
so no index process loads jieba's dictionary.
"""

from __future__ import annotations

import base64
import bisect
import collections
import concurrent.futures
import functools
import gzip
import hashlib
import heapq
import io
import itertools
import json
import operator
import os
import re
import shutil
import subprocess
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

from build_tools import convert
from build_tools.briefing.taxonomy import Taxonomy
from build_tools.model import Briefing, Entry
from build_tools.site import cache, projects, search_words
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
# Requests sent before their answers are read (see _index_part).
BATCH = 64
# Pages of one part, an index of its own in Pagefind (see write_index): Pagefind's peak memory grows by
# 0.5-0.7 MiB a page (bench/results/2026-12-06-search-memory.txt), so at most about 180 MiB, against
# 260 MiB for parts of 250 pages; the build is no slower for it, as Pagefind's own work grows faster
# than its pages (bench/results/2026-12-07-peak.txt). One Pagefind process makes every part of a site
# and deletes each once read: its Chinese dictionary is loaded once, not once a part (0.17 s each;
# bench/results/2026-12-07-pagefind-service.txt).
PART_PAGES = 125
# Another number of pages per part: fewer lower the build's peak memory, at some of Pagefind's CPU;
# the tests set a small one so every search they run reads a merged index.
PART_PAGES_ENV = "AI_BRIEFING_SEARCH_PART_PAGES"
# The memory allocator (jemalloc) settings of each Pagefind process, by the environment variable its
# build reads them from: one arena instead of one per thread and core, and the pages it frees given
# back to the system soon rather than kept for a later use. Given back at once, Pagefind's peak memory
# a part goes from 155 to 125 MiB on the Simplified site (76 to 57 on the English), at some 10 % more
# of its CPU time (bench/results/2026-12-07-pagefind-allocator.txt); but it then takes them back from
# the system again and again: on the Chinese sites, 560,000 page faults for 1,000 records. Within 20
# ms, 300,000, and 12-14 % less time for 4 MiB more at its peak (bench/results/2026-12-07-cache-database.txt).
# The Chinese sites' processes, the largest, keep that little: two of them side by side make the
# index's peak, which a tenth of a second raised from 381 to 407 MiB in a bench run
# (bench/results/2026-12-07-index-shares.txt).
ALLOCATOR_ENV = {"_RJEM_MALLOC_CONF": "narenas:1,dirty_decay_ms:20,muzzy_decay_ms:0"}
# ... and for a site whose text is not Chinese, given back within a tenth of a second (11-15 % of its
# CPU, for 6-9 MiB more at its peak).
LATIN_ALLOCATOR_ENV = {"_RJEM_MALLOC_CONF": "narenas:1,dirty_decay_ms:100,muzzy_decay_ms:0"}
# Index processes at a time under mkdocs build (see index_beside), at most one per core, and the variable
# that sets another number. At 3,000 briefings on two cores, two at a time built in 85 s against 104 s
# one at a time (bench/results/2026-12-07-index-lanes.txt).
INDEX_LANES = 2
INDEX_LANES_ENV = "AI_BRIEFING_SEARCH_LANES"
# Shares a site's index is cut in (see index_beside), per lane: with one share a lane, the last site's
# shares ran one after the other while the other lane had nothing left to do.
SHARES_PER_LANE = 2
# What a page of a share costs in each language, against English, and a site's merge against its
# shares: at 3,000 briefings, a quarter of a site took 4.5 s in English, 9 s in Simplified (Pagefind
# segments it) and 7 s in Traditional, and the merges 22, 16 and 15 % of their shares
# (bench/results/2026-12-07-index-order.txt). First guesses only: the build measures its own as its
# shares end (_IndexWork.seconds). They choose what a lane starts next (_IndexWork._choose).
SHARE_COST = {"en": 1.0, "zh": 2.0, "zh-hant": 1.6}
MERGE_COST = 0.18
# Places (plus one per page) a chunk of Pagefind's word index holds before it is cut (Pagefind's own).
CHUNK_PLACES = 20000
# gzip level of the merged word index. The Simplified site's at 3,000 briefings (431 chunks, 28.9 MB
# uncompressed): level 9 (Pagefind's) 12.48 MB in 6.85 s of CPU, 6 12.63 MB in 1.69 s, 5 12.80 MB in
# 0.79 s, 4 13.21 MB in 0.57 s (bench/results/2026-12-07-index-order.txt). The merges end the build,
# and a search fetches one or two chunks: 1.3 % more bytes for half the time.
INDEX_GZIP_LEVEL = 5
# A sort key of a page, as _document writes it: an element's attribute and its text.
_SORT = re.compile(r'data-pagefind-sort="([^"]*)"[^>]*>([^<]*)<')
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
            words: Segmenter | None = None, hashes: Mapping[str, str] | None = None, *,
            entries: Iterable[Entry] | None = None) -> Iterator[Record]:
    """Every record of the ``lang`` site: the briefings, then the topics and entities, by id (or
    ``entries``, some of them, in their order).

    A Chinese site's records are kept in the build cache (cache.py): segmenting them with jieba is
    most of their cost, and an unchanged briefing is then not segmented again (see
    ``prepare_records``); when every record is there, jieba is not even loaded. ``hashes`` (briefing id
    -> ``cache.briefing_hash``, the corpus's) spare hashing each briefing again: a process forked from
    the one that read the corpus then reads no more of a briefing than its id.
    """
    entries = _entries(tax) if entries is None else entries
    if words is None:
        yield from (briefing_record(b, lang, tax) for b in briefings)
        yield from (entry_record(entry, lang) for entry in entries)
        return
    taxonomy_key = _inputs_key(tax)
    for b in briefings:
        yield _cached_record(b, lang, tax, words, taxonomy_key, hashes=hashes)
    for entry in entries:
        key = cache.digest(RECORD_CACHE, lang.code, taxonomy_key, "entry", entry.id)
        yield _cached(key, topic_url(entry.id), functools.partial(entry_record, entry, lang, words))


def _entries(tax: Taxonomy) -> list[Entry]:
    """The topics and entities, in the order of their records."""
    return sorted(tax, key=lambda e: e.id)


def _inputs_key(tax: Taxonomy) -> str:
    """A hash of every name the records (and the segmenter's dictionary) are made from, and of the
    stop words they leave out (data the cache's code version does not cover)."""
    return cache.digest(STOP_WORDS_PATH.read_text(encoding="utf-8"),
                        *(repr(e) for e in sorted(tax, key=lambda e: e.id)))


def _cached_record(b: Briefing, lang: SiteLanguage, tax: Taxonomy, words: Segmenter,
                   taxonomy_key: str, *, hashes: Mapping[str, str] | None = None) -> Record:
    known = hashes.get(b.id) if hashes is not None else None
    key = cache.digest(RECORD_CACHE, lang.code, taxonomy_key, known or cache.briefing_hash(b))
    return _cached(key, briefing_url(b.id), functools.partial(briefing_record, b, lang, tax, words))


def _cached(key: str, url: str, make: Callable[[], Record]) -> Record:
    """The record of ``url`` kept in the build cache under ``key``; made and kept there when it is not."""
    html = cache.read_text(RECORD_CACHE, key)  # None unless this machine signed it
    if html is None:
        html = make().html
        cache.write_text(RECORD_CACHE, key, html)
    return Record(url, html)


def prepare_records(briefings: Iterable[Briefing], tax: Taxonomy, lang: SiteLanguage,
                    hashes: Mapping[str, str] | None = None) -> int:
    """Segment the records of the ``lang`` site (its briefings, topics and names) into the build cache,
    where its index will read them; return how many the cache holds. Run in a process of its own
    started with the builds (prepare_search), so that the index written after the sites' pages does
    not wait for the segmenting. Nothing to do on a site whose text is not Chinese, or without a
    cache. ``hashes``: see ``records``."""
    words = segmenter(lang, tax)
    if words is None or cache.directory() is None:
        return 0
    held = 0
    for _ in records(briefings, tax, lang, words, hashes):  # each made and kept in the cache, or found there
        held += 1
    return held


def prepare_search(briefings: Iterable[Briefing], tax: Taxonomy, langs: Iterable[SiteLanguage],
                   site_dir: str | Path | None = None, pages_built: Any = None, *,
                   hashes: Mapping[str, str] | None = None) -> int:
    """In the helper the English build starts with the builds: ``prepare_records`` of each of
    the ``langs`` sites; then, once ``pages_built`` (a multiprocessing Event) is set, their built
    pages, segmented into the build cache (``prepare_pages``), so that no index loads jieba's
    dictionary. Returns how many records the cache holds. Gives up waiting if the process that
    started it ends."""
    briefings, langs = list(briefings), list(langs)
    held = sum(prepare_records(briefings, tax, lang, hashes) for lang in langs)
    # The records are made. jieba's dictionary stays for the pages, built by then or soon after:
    # loaded again, it would be the build's largest part beside the English index. OpenCC's, which
    # this process shares with the English build it was forked from, wait: freed while it still holds
    # them, every page of them that free() writes to would be copied first (43 MiB, at the moment the
    # builds end: bench/results/2026-12-07-index-shares.txt). The English build lets go of its own
    # before it sets ``pages_built``; then they are this process's alone, and go at no cost (the
    # pages' few new characters load the little conversion they need).
    projects.release_memory()
    if site_dir is None or pages_built is None:
        return held
    parent = os.getppid()
    while not pages_built.wait(0.2):
        if os.getppid() != parent:
            return held
    convert.release()
    projects.release_memory()
    for lang in langs:
        prepare_pages(Path(site_dir) / lang.prefix, lang, tax)
    return held


def prepare_pages(site_dir: str | Path, lang: SiteLanguage, tax: Taxonomy) -> int:
    """Segment the built pages the index of the ``lang`` site reads (``built_pages``) into the build
    cache; return how many. Nothing to do on a site whose text is not Chinese, or without a cache."""
    words = segmenter(lang, tax)
    if words is None or cache.directory() is None:
        return 0
    key = _inputs_key(tax)
    return sum(1 for url, path in built_pages(site_dir)
               if _spaced_page(lang, path.read_text(encoding="utf-8"), words, key))


def _spaced_page(lang: SiteLanguage, html: str, words: Segmenter | None, taxonomy_key: str) -> str:
    """``spaced_html`` of a built page, kept in the build cache (by the page's text) on a Chinese site."""
    if words is None:
        return spaced_html(html, None)
    key = cache.digest(RECORD_CACHE, lang.code, taxonomy_key, "page", html)
    spaced = cache.read_text(RECORD_CACHE, key)
    if spaced is None:
        spaced = spaced_html(html, words)
        cache.write_text(RECORD_CACHE, key, spaced)
    return spaced


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


def drop_segmenters() -> None:
    """Let go of this process's segmenters and jieba's dictionary (the processes forked with them keep
    theirs); a segmenter still held elsewhere loads the dictionary again when next used."""
    for _, words in _segmenters.values():
        words.release()
    _segmenters.clear()
    search_words.release_tokenizer()


def part_pages(environ: Mapping[str, str] = os.environ) -> int:
    """The pages of a part of an index: ``AI_BRIEFING_SEARCH_PART_PAGES``, else ``PART_PAGES``."""
    return _whole_number(environ, PART_PAGES_ENV, PART_PAGES, "pages")


def index_lanes(environ: Mapping[str, str] = os.environ, cores: int | None = os.cpu_count()) -> int:
    """The index processes at a time: ``AI_BRIEFING_SEARCH_LANES``, else ``INDEX_LANES`` (at most
    one per core)."""
    if environ.get(INDEX_LANES_ENV, "").strip():
        return _whole_number(environ, INDEX_LANES_ENV, INDEX_LANES, "processes")
    return max(1, min(INDEX_LANES, cores or 1))


def _whole_number(environ: Mapping[str, str], name: str, default: int, unit: str) -> int:
    given = environ.get(name, "").strip()
    if not given:
        return default
    if not given.isascii() or not given.isdigit() or int(given) < 1:
        raise SearchIndexError(f"{name}={given!r}: expected a whole number of {unit}, 1 or more")
    return int(given)


def index_site(site_dir: str | Path, lang: SiteLanguage, briefings: Iterable[Briefing],
               tax: Taxonomy, *, release_words: bool = False, hashes: Mapping[str, str] | None = None,
               ) -> IndexReport:
    """The whole search index of one language site: the corpus's records and the built pages
    (``site_records``), in this process."""
    briefings = list(briefings)
    documents = site_records(site_dir, lang, briefings, tax, release_words=release_words, hashes=hashes)
    return write_index(site_dir, lang, documents, part_pages=part_pages())


def site_records(site_dir: str | Path, lang: SiteLanguage, briefings: list[Briefing], tax: Taxonomy, *,
                 window: tuple[int, int | None] = (0, None), release_words: bool = False,
                 hashes: Mapping[str, str] | None = None) -> Iterator[Record]:
    """What the index of one language site reads: the corpus's records (``records``), then the built
    pages (``built_pages``); of those, the ``window`` (first, end: Python's slice) of them alone,
    none of the others made or read.

    The built pages are read and segmented first. With ``release_words``, jieba's dictionary is then
    let go, before any Pagefind process starts: the records come segmented from the build cache
    (``prepare_records``), and a process never holds jieba's dictionary (100 MiB) and Pagefind's
    memory at once. (A record the cache does not hold loads it again.) ``hashes``: see ``records``.
    """
    start, stop = window
    entries = _entries(tax)
    held = len(briefings) + len(entries)
    words = segmenter(lang, tax)
    key = _inputs_key(tax) if words is not None else ""
    paths = built_pages(site_dir)[max(0, start - held):None if stop is None else max(0, stop - held)]
    pages = HeldPages((url, _spaced_page(lang, path.read_text(encoding="utf-8"), words, key))
                      for url, path in paths)
    if release_words:
        drop_segmenters()
        projects.release_memory()
    if start >= held:
        return iter(pages)
    after = len(briefings)  # where the entries' records begin
    mine = records(briefings[start:stop], tax, lang, words, hashes,
                   entries=entries[max(0, start - after):None if stop is None else max(0, stop - after)])
    return itertools.chain(mine, pages)


def site_windows(site_dir: str | Path, briefings: list[Briefing], tax: Taxonomy, shares: int,
                 size: int) -> list[tuple[int, int, int]]:
    """A site's index cut in at most ``shares``: (first, end, first part) of each share's
    ``site_records``, whole parts of ``size`` pages each, as even as whole parts make them."""
    count = len(briefings) + len(_entries(tax)) + len(built_pages(site_dir))
    parts = max(1, -(-count // size))
    shares = max(1, min(shares, parts))
    bounds = [part * size for part in (share * parts // shares for share in range(shares))]
    return [(first, end, first // size) for first, end in zip(bounds, [*bounds[1:], count], strict=True)]


def index_beside(sites: list[tuple[Path, SiteLanguage]], briefings: list[Briefing], tax: Taxonomy, *,
                 lanes: int = 1, ready: Callable[[SiteLanguage], None] | None = None,
                 meanwhile: Callable[[], object] | None = None,
                 hashes: Mapping[str, str] | None = None, shares: int | None = None) -> list[IndexReport]:
    """Each (site folder, language)'s index, made in processes forked from this one, at most ``lanes``
    at a time, the sites begun in the order given: a site's records and pages are cut in ``shares``
    (default: ``SHARES_PER_LANE`` a lane) of whole parts (``site_windows``), each share's parts made
    in a process of its own (``index_parts``), and once the last of them has ended, the site's index
    merged from them in one more (``finish_index``), before any other share. So every lane has work
    until the last merge, however unequal the sites (with one process a site, a core waited while the
    largest ended). Lanes go to different sites where they can (``_IndexWork.run``), to the share
    after which the rest should end the soonest (``_IndexWork._choose``). ``ready(lang)`` is called
    (it may wait) before a site's first process starts. ``meanwhile()`` is called once, the first
    time a lane has nothing to start while others run (a last share, whose merge waits for it): work
    of this process that would otherwise wait for every index, done on a core that would idle. A
    process ends with its work: what it held goes back to the system then, not into this process's
    heap. Raises ``SearchIndexError`` with the first failure; no parts are left behind."""
    # An index converts nothing its records and pages in the build cache hold: OpenCC's dictionaries
    # (50 MiB) go before the processes fork, rather than wait in this one and theirs; the memory they
    # all share is the build's largest part while the Chinese indexes are made.
    convert.release()
    projects.release_memory()
    shares = max(1, shares or SHARES_PER_LANE * lanes)
    work = _IndexWork(sites, list(briefings), tax, hashes=hashes, shares=shares, ready=ready,
                      meanwhile=meanwhile)
    try:
        work.run(max(1, lanes))
    finally:
        work.stop()
    if work.failures:
        raise SearchIndexError(work.failures[0])
    return work.reports


@dataclass
class _Share:
    """A share of a site's index (see ``index_beside``): its window of ``site_records``, the pages of a
    part, and the number of its first part."""

    window: tuple[int, int]
    size: int
    first_part: int
    hashes: Mapping[str, str] | None  # see records


@dataclass
class _Job:
    """A process of ``index_beside`` to start: a share of a site's index or the site's merge, and the
    pages it reads (a merge: every page of its site)."""

    site: int
    work: Callable[..., object]
    args: tuple
    pages: int
    merge: bool = False


class _IndexWork:
    """The processes of ``index_beside``: each a share of a site's index or a site's merge."""

    def __init__(self, sites: list[tuple[Path, SiteLanguage]], briefings: list[Briefing], tax: Taxonomy, *,
                 hashes: Mapping[str, str] | None, shares: int,
                 ready: Callable[[SiteLanguage], None] | None,
                 meanwhile: Callable[[], object] | None = None) -> None:
        self.sites, self.briefings, self.tax, self.hashes = sites, briefings, tax, hashes
        self.shares, self.ready, self.meanwhile = shares, ready, meanwhile
        self.begun = 0  # the sites begun, in order
        self.jobs: collections.deque[_Job] = collections.deque()
        self.done: dict[int, list[ShareReport]] = {}  # site -> the reports of its shares that ended
        self.left: dict[int, int] = {}  # site -> its shares not ended
        self.pages: dict[int, int] = {}  # site -> its pages
        # The end of the pipe each process answers on -> (job, process, when it started): a process's
        # answer is read as soon as it comes (an answer larger than the pipe holds waits for it), or its
        # end seen there.
        self.running: dict[Any, tuple[_Job, Any, float]] = {}
        self.measured: dict[str, list[float]] = {}  # language -> [seconds, pages] of its shares ended
        self.reports: list[IndexReport] = []
        self.failures: list[str] = []

    def run(self, lanes: int) -> None:
        from multiprocessing.connection import wait

        while not self.failures:
            while len(self.running) < lanes and not self.failures and self._more():
                # Lanes go to different sites where they can: a Chinese site's Pagefind holds
                # more than an English one's, and a site that waits (``ready``) begins no later.
                busy = {job.site for job, _, _ in self.running.values()}
                free = [at for at, job in enumerate(self.jobs) if job.site not in busy]
                if not free and self.begun < len(self.sites):
                    self._begin(self.begun)
                    continue
                at = self._choose(free or [0], lanes)
                job = self.jobs[at]
                del self.jobs[at]
                self._start(job)
            if not self.running:
                return
            if self.meanwhile is not None and len(self.running) < lanes and not self._more():
                meanwhile, self.meanwhile = self.meanwhile, None
                meanwhile()  # a lane idles: the caller's own work fills it
                continue
            for answers in wait(list(self.running)):
                self._reap(answers)

    def _more(self) -> bool:
        """Whether a process is still to start."""
        return bool(self.jobs) or self.begun < len(self.sites)

    def _begin(self, site: int) -> None:
        """A site's shares, ready to start, and those of the sites after it in the same body language
        (Simplified and Traditional wait for the same helper: the second then waits no more), so that
        ``_choose`` weighs them all."""
        body = self.sites[site][1].body
        while self.begun < len(self.sites) and (self.begun == site or self.sites[self.begun][1].body == body):
            folder, lang = self.sites[self.begun]
            self.begun += 1
            if self.ready is not None:
                self.ready(lang)
            size = part_pages()
            try:
                windows = site_windows(folder, self.briefings, self.tax, self.shares, size)
            except OSError as exc:
                self.failures.append(f"the {lang.code} search index: {exc}")
                return
            shutil.rmtree(_parts_dir(folder), ignore_errors=True)
            at = self.begun - 1
            self.done[at], self.left[at], self.pages[at] = [], len(windows), windows[-1][1]
            for first, end, first_part in windows:
                share = _Share((first, end), size, first_part, self.hashes)
                self.jobs.append(_Job(at, _index_share, (self.briefings, self.tax, share), end - first))

    def seconds(self, site: int, pages: int, merge: bool = False) -> float:
        """What a job of ``site`` reading ``pages`` should take: its pages at what a page of its
        language's shares took so far in this build, else at ``SHARE_COST`` scaled to what the other
        languages' took; a merge, ``MERGE_COST`` of its site's shares."""
        code = self.sites[site][1].code
        held = self.measured.get(code)
        if held:
            rate = held[0] / max(held[1], 1)
        else:
            known = [seconds / max(pages, 1) / SHARE_COST.get(other, 1.0)
                     for other, (seconds, pages) in self.measured.items()]
            rate = SHARE_COST.get(code, 1.0) * (sum(known) / len(known) if known else 1.0)
        return rate * pages * (MERGE_COST if merge else 1.0)

    def _choose(self, free: list[int], lanes: int) -> int:
        """Which of the jobs at ``free`` (of sites no lane has) to start: a merge first; else, of each
        site's first, the one after which the rest, started as ``run`` starts them, end the soonest
        (by ``seconds``). Started in queue order, the last site's last share and merge ran alone at
        the end while the other lane idled; the first of the three sites' order is kept on a tie."""
        if self.jobs[free[0]].merge:
            return free[0]
        firsts: dict[int, int] = {}
        for at in free:
            firsts.setdefault(self.jobs[at].site, at)
        if len(firsts) < 2:
            return free[0]
        now = time.monotonic()
        running = [(max(started + self.seconds(job.site, job.pages, job.merge) - now, 0.0), job.site,
                    job.merge) for job, _, started in self.running.values()]
        queued = [(job.site, self.seconds(job.site, job.pages, job.merge), job.merge) for job in self.jobs]
        merges = {site: self.seconds(site, self.pages[site], merge=True) for site in self.left}

        def ends(at: int) -> tuple[float, int]:  # ``at`` started now, the rest as run starts them
            site, seconds, _ = queued[at]
            rest = [job for i, job in enumerate(queued) if i != at]
            return _ends(lanes, [*running, (seconds, site, False)], rest, dict(self.left), merges), at

        return min(firsts.values(), key=ends)

    def _start(self, job: _Job) -> None:
        receive, send = projects.pipe()
        process = projects.beside(_index_and_answer, (self.sites[job.site], job.work, job.args, send))
        send.close()
        self.running[receive] = (job, process, time.monotonic())

    def _reap(self, answers: Any) -> None:
        """A process has answered, or ended: take its answer."""
        job, process, started = self.running.pop(answers)
        site = job.site
        try:
            answer = answers.recv()
        except EOFError:  # it ended without an answer
            answer = None
        answers.close()
        process.join()
        if isinstance(answer, ShareReport):
            held = self.measured.setdefault(self.sites[site][1].code, [0.0, 0])
            held[0] += time.monotonic() - started
            held[1] += job.pages
            self.done[site].append(answer)
            self.left[site] -= 1
            if not self.left[site]:  # its last share: the merge goes first
                self.jobs.appendleft(_Job(site, _finish_share, (self.done.pop(site),), self.pages[site],
                                          merge=True))
        elif isinstance(answer, IndexReport):
            self.reports.append(answer)
        else:
            code = self.sites[site][1].code
            self.failures.append(answer or f"the {code} search index: its process ended with exit code "
                                           f"{process.exitcode}")

    def stop(self) -> None:
        """Stop what still runs (only after a failure) and leave no parts behind."""
        for answers, (_, process, _) in self.running.items():
            process.terminate()
            process.join()
            answers.close()
        self.running.clear()
        if self.failures:
            for folder, _ in self.sites[:self.begun]:
                shutil.rmtree(_parts_dir(folder), ignore_errors=True)


def _ends(lanes: int, running: list[tuple[float, int, bool]], queued: list[tuple[int, float, bool]],
          left: dict[int, int], merges: dict[int, float]) -> float:
    """When work ends, started as ``_IndexWork.run`` starts it (a merge first, then the first job of a
    site no lane has, else the first), from now: ``running`` (seconds left, site, merge) on ``lanes``;
    ``queued`` (site, seconds, merge) in order; ``left`` each site's shares not ended, whose merge
    (``merges``: its seconds) is queued first when its last share ends."""
    running, queued, now = sorted(running), list(queued), 0.0
    while queued or running:
        while len(running) < lanes and queued:
            busy = {site for _, site, _ in running}
            site, seconds, merge = queued.pop(next((i for i, q in enumerate(queued) if q[0] not in busy), 0))
            bisect.insort(running, (now + seconds, site, merge))
        now, site, merge = running.pop(0)
        if not merge:
            left[site] -= 1
            if not left[site]:
                queued.insert(0, (site, merges[site], True))
    return now


def _index_and_answer(site: tuple[Path, SiteLanguage], work: Callable[..., object], args: tuple,
                      answers: Any) -> None:
    """In an index process: do ``work`` for one (folder, language) site and send back its report, or
    the message of its failure."""
    folder, lang = site
    try:
        answer = work(folder, lang, *args)
    except (SearchIndexError, OSError) as exc:  # a site folder that cannot be read or written
        answer = f"the {lang.code} search index: {exc}" if isinstance(exc, OSError) else str(exc)
    answers.send(answer)
    answers.close()


def _index_share(folder: Path, lang: SiteLanguage, briefings: list[Briefing], tax: Taxonomy,
                 share: _Share) -> ShareReport:
    """In an index process: the parts of a share of a site's index (see ``index_beside``)."""
    documents = site_records(folder, lang, briefings, tax, window=share.window, release_words=True,
                             hashes=share.hashes)
    return index_parts(folder, lang, documents, part_pages=share.size, first=share.first_part)


def _finish_share(folder: Path, lang: SiteLanguage, shares: list[ShareReport]) -> IndexReport:
    """In an index process: a site's index, merged from the parts of its shares."""
    return finish_index(folder, lang, shares)


class HeldPages:
    """Segmented built pages that wait while the corpus's records are indexed: compressed while they
    wait (a page's text can take four bytes a character in a Python string, and the home's listing
    pages, a tenth as many as the briefings, add up to tens of MiB at thousands of briefings), and each
    let go once it is handed on to Pagefind."""

    def __init__(self, pages: Iterable[tuple[str, str]]) -> None:
        self._held = [(url, zlib.compress(html.encode("utf-8"), 1)) for url, html in pages]
        self._held.reverse()

    def __len__(self) -> int:
        return len(self._held)

    def held_bytes(self) -> int:
        """The bytes the waiting pages take, compressed."""
        return sum(len(data) for _, data in self._held)

    def __iter__(self) -> Iterator[Record]:
        while self._held:
            url, data = self._held.pop()
            yield Record(url, zlib.decompress(data).decode("utf-8"))


class Pagefind:
    """Pagefind's indexing service (``pagefind --service``): requests in, responses out, over pipes.

    Its own Python wrapper waits a tenth of a second between reading two responses, which is five
    minutes for 3,000 records; this client writes every request and reads the responses as they come.
    """

    def __init__(self, allocator: Mapping[str, str] = ALLOCATOR_ENV) -> None:
        try:
            from pagefind_bin_extended import get_executable
        except ImportError as exc:  # pragma: no cover - the package is a dependency
            raise SearchIndexError("pagefind[extended] is not installed: run `make setup`") from exc
        self._process = subprocess.Popen(
            [str(get_executable()), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env={**os.environ, **allocator},
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
    *,
    part_pages: int | None = None,
) -> IndexReport:
    """Index ``page_records`` of one language site (records of the corpus, or of built pages) into
    ``<site_dir>/pagefind``; return what was indexed.

    The pages are indexed ``part_pages`` (default ``PART_PAGES``) at a time, each part an index of
    its own in one Pagefind process, deleted once its files are read (``index_parts``), and the
    parts' indexes are merged into the one index Pagefind would have written for all of them
    (``finish_index``): Pagefind holds every page's words until it writes, and needs four times that
    to build its index, so one index of the whole site grows with the archive.
    """
    parts_dir = _parts_dir(site_dir)
    shutil.rmtree(parts_dir, ignore_errors=True)
    try:
        share = index_parts(site_dir, lang, page_records, part_pages=part_pages)
        return finish_index(site_dir, lang, [share])
    finally:
        shutil.rmtree(parts_dir, ignore_errors=True)


@dataclass
class ShareReport:
    """The parts of a site's index one share of its pages made (``index_parts``): each part's files
    (by name), numbered on from ``first``; and their pages, words, sort values and seconds."""

    first: int
    parts: list[list[str]]
    pages: int
    words: int
    sort_values: dict[str, dict[str, str]]
    seconds: float


def allocator_env(lang: SiteLanguage) -> Mapping[str, str]:
    """The memory allocator settings of the Pagefind process of the ``lang`` site's index."""
    return ALLOCATOR_ENV if lang.body == "zh" else LATIN_ALLOCATOR_ENV


def _parts_dir(site_dir: str | Path) -> Path:
    """Where the parts of the ``site_dir`` site's index wait for the merge, beside the index."""
    target = Path(site_dir) / BUNDLE_DIR
    return target.with_name(f".{target.name}.parts")


def index_parts(site_dir: str | Path, lang: SiteLanguage, page_records: Iterable[Record], *,
                part_pages: int | None = None, first: int = 0) -> ShareReport:
    """Index ``page_records`` ``part_pages`` at a time, each part an index of its own in one Pagefind
    process (``_index_part``), written to the site's parts folder as parts ``first``, ``first + 1``,
    ...; return what they hold. Without a record, the first part is an empty index (a site without a
    page still gets an index, that finds nothing)."""
    start = time.perf_counter()
    size = part_pages or PART_PAGES
    documents = ((r.url, r.html) for r in page_records)
    parts_dir = _parts_dir(site_dir)
    report = ShareReport(first, [], 0, 0, {}, 0.0)
    service = Pagefind(allocator_env(lang))
    try:
        while part := list(itertools.islice(documents, size)):
            for url, html in part:
                if values := _sort_values(html):
                    report.sort_values[url.lstrip("/")] = values
            files, words_in_part = _index_part(service, lang, part)
            PartFiles.write(parts_dir / str(first + len(report.parts)), files)
            report.parts.append(list(files))
            report.pages += len(part)
            report.words += words_in_part
            del part, files  # the part's pages and Pagefind's answer are freed: their memory goes back
            projects.release_memory()
        if not report.parts and first == 0:
            files = _index_part(service, lang, [])[0]
            PartFiles.write(parts_dir / "0", files)
            report.parts.append(list(files))
    except (OSError, ValueError, KeyError, IndexError) as exc:
        raise SearchIndexError(f"pagefind: {exc}") from exc
    finally:
        service.close()
    report.seconds = time.perf_counter() - start
    return report


def finish_index(site_dir: str | Path, lang: SiteLanguage, shares: list[ShareReport]) -> IndexReport:
    """Merge the parts the ``shares`` of a site's index made (``merge_parts``) into ``<site_dir>/pagefind``,
    put in place whole; the parts folder goes. The report's seconds are those of every share and the
    merge."""
    start = time.perf_counter()
    parts_dir = _parts_dir(site_dir)
    shares = sorted(shares, key=operator.attrgetter("first"))
    parts = [PartFiles(parts_dir / str(share.first + at), names)
             for share in shares for at, names in enumerate(share.parts)]
    sort_values = {url: values for share in shares for url, values in share.sort_values.items()}
    try:
        bundle = dict(parts[0].sources()) if len(parts) == 1 else merge_parts(parts, sort_values)
        size = _write_bundle(bundle, Path(site_dir) / BUNDLE_DIR)
    except (OSError, ValueError, KeyError, IndexError) as exc:
        raise SearchIndexError(f"pagefind: {exc}") from exc
    finally:
        shutil.rmtree(parts_dir, ignore_errors=True)
    seconds = sum(share.seconds for share in shares) + time.perf_counter() - start
    return IndexReport(sum(s.pages for s in shares), sum(s.words for s in shares), size, seconds)


class PartFiles(Mapping[str, bytes]):
    """The index files Pagefind wrote for a part of the pages, kept on disk, by path: read
    when the merge comes to them, so that a language's parts never are all in memory at once."""

    def __init__(self, folder: Path, names: list[str]) -> None:
        self.folder = folder
        self._names = names

    @classmethod
    def write(cls, folder: Path, files: Mapping[str, bytes]) -> PartFiles:
        """Write ``files`` (by path) into ``folder``; return them, read back from there."""
        for name, content in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        return cls(folder, list(files))

    def __getitem__(self, name: str) -> bytes:
        if name not in self._names:
            raise KeyError(name)
        return (self.folder / name).read_bytes()

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def sources(self) -> Iterator[tuple[str, Path]]:
        """(path in the index, file on disk) of every file."""
        return ((name, self.folder / name) for name in self._names)


def _index_part(service: Pagefind, lang: SiteLanguage, documents: list[tuple[str, str]],
                ) -> tuple[dict[str, bytes], int]:
    """The index files of ``documents`` ((url, html) pairs), as Pagefind makes them in an index of
    their own in ``service``, by path; and the number of words it indexed. The index is deleted once
    its files are read: what Pagefind held for it goes back to the system (``ALLOCATOR_ENV``)."""
    config = {"root_selector": ROOT_SELECTOR, "exclude_selectors": EXCLUDE_SELECTORS,
              "force_language": lang.pagefind_language}
    index_id = service.request({"type": "NewIndex", "config": config})["index_id"]
    words_indexed = 0
    # In batches: the answers of a batch fit in the pipe, so the service never stalls on writing
    # them while this process writes the next requests.
    for at in range(0, len(documents), BATCH):
        batch = documents[at:at + BATCH]
        for url, html in batch:
            service.send({"type": "AddFile", "index_id": index_id, "url": url, "file_contents": html,
                          "file_path": None})
        service.flush()
        for _ in batch:
            words_indexed += int(service.receive().get("page_word_count", 0))
    # The files in the answer, not on disk: Pagefind answers WriteFiles before its last files are
    # written, and stops writing when it is stopped.
    answer = service.request({"type": "GetFiles", "index_id": index_id})
    files = {f["path"]: base64.b64decode(f["content"]) for f in answer["files"]}
    service.request({"type": "DeleteIndex", "index_id": index_id})
    return files, words_indexed


def _sort_values(html: str) -> dict[str, str]:
    """The sort keys of a page as Pagefind reads them from an element's text (see _document)."""
    return {unescape(key): unescape(value).strip() for key, value in _SORT.findall(html)}


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


def _write_bundle(files: Mapping[str, bytes | Path], target: Path) -> int:
    """Write the index ``files`` (by path: their content, or a file of the parts moved into place)
    beside ``target``, then put them in ``target``'s place; return the index's size."""
    fresh = target.with_name(f".{target.name}.new")
    old = target.with_name(f".{target.name}.old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        for name, content in files.items():
            path = fresh / name
            if name in UNUSED_FILES:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Path):
                content.replace(path)
            else:
                path.write_bytes(content)
        _settle_filters(fresh)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    size = sum(p.stat().st_size for p in fresh.rglob("*") if p.is_file())
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return size


def merge_parts(parts: list[PartFiles], sort_values: dict[str, dict[str, str]]) -> dict[str, bytes | Path]:
    """One index of the pages of every part (the index files of each, by path, in page order), as
    Pagefind writes it for all the pages at once: pages numbered on from part to part, each word's
    pages of every part in one list, in chunks cut where Pagefind cuts them; filters and meta fields
    joined; sort orders merged by the values in ``sort_values`` (by page URL)."""
    code = _language_code(parts[0])
    metas = [_decode(part[_meta_path(part)]) for part in parts]
    fields = sorted({field for meta in metas for field in meta[5]})
    out: dict[str, bytes | Path] = {
        name: source for name, source in parts[0].sources()
        if "/" not in name and not name.endswith(".pf_meta") and name != "pagefind-entry.json"}
    pages: list[list[Any]] = []
    bases = []
    for part, meta in zip(parts, metas, strict=True):
        bases.append(len(pages))
        for name, word_count in meta[1]:
            pages.append([_put_unique(out, code, "fragment/{}.pf_fragment", name,
                                      part.folder / f"fragment/{name}.pf_fragment"), word_count])
    streams = [_words(part, meta, base, [fields.index(f) for f in meta[5]])
               for part, meta, base in zip(parts, metas, bases, strict=True)]
    chunks: list[list[str]] = []
    # Each chunk is compressed in a thread while the next one is merged: zlib lets go of the
    # interpreter, so the two share the cores. Named in order, as they were cut.
    compressing: collections.deque[tuple[str, str, concurrent.futures.Future[bytes]]] = collections.deque()

    def name_next() -> None:
        first, last, content = compressing.popleft()
        chunks.append([first, last, _put_unique(out, code, "index/{}.pf_index", None, content.result())])

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        for words in _chunked(_joined(heapq.merge(*streams, key=operator.attrgetter("word")))):
            raw = b"".join([FRAGMENT_SIGNATURE, b"\x81", _cbor_head(4, len(words)), *(w[1] for w in words)])
            # Compressed a little less than Pagefind does (level 9): 1 % larger, four times faster.
            compressing.append((words[0][0], words[-1][0],
                                pool.submit(gzip.compress, raw, INDEX_GZIP_LEVEL, mtime=0)))
            del raw
            if len(compressing) > 2:
                name_next()
        while compressing:
            name_next()
    for before, after in itertools.pairwise(chunks):
        last, after[0] = _prefixes(before[1], after[0])
        # ... but never a bound below the chunk's first word (as Pagefind keeps it: the whole word).
        before[1] = last if last >= before[0] else before[1]
    filters = []
    for filter_name in sorted({name for meta in metas for name, _ in meta[3]}):
        values: dict[str, list[int]] = {}
        for part, meta, base in zip(parts, metas, bases, strict=True):
            for name, chunk in meta[3]:
                if name == filter_name:
                    for value, numbers in _decode(part[f"filter/{chunk}.pf_filter"])[1]:
                        values.setdefault(value, []).extend(n + base for n in numbers)
        content = _encode([filter_name, [[value, numbers] for value, numbers in values.items()]])
        filters.append([filter_name, _put_unique(out, code, "filter/{}.pf_filter", None, content)])
    sorts = _merged_sorts(parts, metas, bases, sort_values)
    meta = [metas[0][0], pages, [[a, b, name] for a, b, name in chunks], filters, sorts, fields]
    meta_name = _put_unique(out, code, "pagefind.{}.pf_meta", None, _encode(meta))
    entry = json.loads(parts[0]["pagefind-entry.json"])
    entry["languages"][code].update(hash=meta_name, page_count=len(pages))
    out["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    return out


def _language_code(part: Mapping[str, bytes]) -> str:
    (code,) = json.loads(part["pagefind-entry.json"])["languages"]
    return str(code)


def _meta_path(part: Mapping[str, bytes]) -> str:
    (name,) = [name for name in part if name.endswith(".pf_meta")]
    return name


def _decode(content: bytes) -> Any:
    import cbor2

    return cbor2.loads(gzip.decompress(content).removeprefix(FRAGMENT_SIGNATURE))


def _encode(value: object) -> bytes:
    import cbor2

    return gzip.compress(FRAGMENT_SIGNATURE + cbor2.dumps(value), mtime=0)


def _put_unique(out: dict[str, bytes | Path], code: str, pattern: str, name: str | None,
                content: bytes | Path) -> str:
    """Put ``content`` (or a file of it) in ``out`` under ``name`` (default: a hash of it), or under a
    longer hash where another content already has that name; return the name used."""
    full = ""
    length = len(code) + 8
    if name is None:
        full = f"{code}_{hashlib.sha1(_bytes(content)).hexdigest()}"
        name = full[:length]
    while _differs(out.get(pattern.format(name)), content):
        full = full or f"{code}_{hashlib.sha1(_bytes(content)).hexdigest()}"
        length += 1
        name = full[:length]
    out[pattern.format(name)] = content
    return name


def _bytes(content: bytes | Path) -> bytes:
    return content.read_bytes() if isinstance(content, Path) else content


def _differs(held: bytes | Path | None, content: bytes | Path) -> bool:
    """True when ``held`` is there and is not ``content`` (the same file, or the same bytes)."""
    return held is not None and held != content and _bytes(held) != _bytes(content)


def _words(part: Mapping[str, bytes], meta: list[Any], base: int, fields: list[int]) -> Iterator[_Word]:
    """Every word of a part's index in order: ``base`` the number of the part's first page in the
    merged index, ``fields`` the merged number of each of the part's meta fields."""
    import cbor2

    same_fields = fields == list(range(len(fields)))
    for _, _, name in meta[2]:
        raw = gzip.decompress(part[f"index/{name}.pf_index"]).removeprefix(FRAGMENT_SIGNATURE)
        major, _, at = _head(raw, 1)
        if raw[:1] != b"\x81" or major != 4:
            raise ValueError(f"index/{name}.pf_index is not a word index Pagefind writes")
        stream = io.BytesIO(raw)
        stream.seek(at)
        decoder = cbor2.CBORDecoder(stream)
        while (start := stream.tell()) < len(raw):
            decoded = decoder.decode()
            # Only places in a page's meta fields name a field (most words have none).
            names_fields = not same_fields and any(
                entry[2] for entry in itertools.chain(decoded[1], *(v for _, v in decoded[2])))
            yield _Word(decoded[0], decoded, raw[start:stream.tell()], base, fields if names_fields else [])


@dataclass
class _Word:
    """A word of one part's index: decoded ([word, pages, variants]) and as Pagefind wrote it."""

    word: str
    decoded: list[Any]
    raw: bytes
    base: int  # the number of the part's first page in the merged index
    fields: list[int]  # the merged number of each of the part's meta fields ([]: the same)

    @property
    def places(self) -> int:
        """What the word adds to the size of a chunk, as Pagefind counts it (see _chunked)."""
        pages = self.decoded[1]
        return (len(pages) + sum(map(len, map(operator.itemgetter(1), pages)))
                + sum(map(len, map(operator.itemgetter(2), pages))))


def _joined(words: Iterable[_Word]) -> Iterator[tuple[str, bytes, int]]:
    """(word, its CBOR, its places) of a merged stream of ``_words``, the pages of a word in several
    parts made one list.

    Pagefind writes each page's number as its difference from the one before, so only the first page
    of each part's list changes (it follows the last page of the part before): the bytes of the
    others are kept as they are, which spares decoding and encoding them again. A word with variants
    (the same word with accents), or whose places name meta fields that are numbered differently in
    the merged index, is made again from its decoded form.
    """
    import cbor2

    for word, group in itertools.groupby(words, key=operator.attrgetter("word")):
        items = list(group)
        places = sum(item.places for item in items)
        if any(item.decoded[2] or item.fields for item in items):
            yield word, cbor2.dumps(_joined_decoded(word, items)), places
            continue
        _, _, text_at = _head(items[0].raw, 0)  # [word, pages, variants]
        _, length, after = _head(items[0].raw, text_at)
        text = items[0].raw[text_at:after + length]
        segments, count, last = [], 0, 0
        for item in items:
            _, pages, at = _head(item.raw, text_at + len(text))
            if not pages:
                continue
            _, _, step_at = _head(item.raw, at)  # the first page's [step, locs, meta_locs]
            _, step, rest_at = _head(item.raw, step_at)
            first = item.base + step
            segments += [item.raw[at:step_at], _cbor_head(0, first - last), item.raw[rest_at:-1]]
            last = first + sum(page[0] for page in item.decoded[1][1:])
            count += pages
        yield word, b"".join([b"\x83", text, _cbor_head(4, count), *segments, b"\x80"]), places


def _joined_decoded(word: str, items: list[_Word]) -> list[Any]:
    """The merged [word, pages, variants] of ``items``, made from their decoded form."""
    pages: list[Any] = []
    variants: dict[str, list[Any]] = {}
    last: dict[str | None, int] = {}  # the number of the last page of each list (None: the word's own)
    for item in items:
        _, entries, more = item.decoded
        lists = [(None, pages, entries), *((v, variants.setdefault(v, []), e) for v, e in more)]
        for key, target, source in lists:
            if not source:
                continue
            if item.fields:
                for entry in source:
                    entry[2] = [-item.fields[-loc - 1] - 1 if loc < 0 else loc for loc in entry[2]]
            first = item.base + source[0][0]
            source[0][0] = first - last.get(key, 0)
            last[key] = first + sum(entry[0] for entry in source[1:])
            target.extend(source)
    return [word, pages, [[v, e] for v, e in variants.items()]]


def _chunked(words: Iterable[tuple[str, bytes, int]]) -> Iterator[list[tuple[str, bytes, int]]]:
    """Words in chunks as Pagefind cuts them: a chunk ends with the word that brings its places
    (plus one per page) to ``CHUNK_PLACES``."""
    chunk: list[tuple[str, bytes, int]] = []
    size = 0
    for word in words:
        size += word[2]
        chunk.append(word)
        if size >= CHUNK_PLACES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _head(raw: bytes, at: int) -> tuple[int, int, int]:
    """The CBOR item head at ``at``: (major type, its number, where what follows it starts)."""
    major, info = raw[at] >> 5, raw[at] & 31
    if info < 24:
        return major, info, at + 1
    if info > 27:
        raise ValueError("a CBOR item of indefinite length, which Pagefind does not write")
    size = 1 << (info - 24)
    return major, int.from_bytes(raw[at + 1:at + 1 + size], "big"), at + 1 + size


def _cbor_head(major: int, number: int) -> bytes:
    """A CBOR item head in its shortest form, as Pagefind writes it."""
    if number < 24:
        return bytes([major << 5 | number])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if number < 1 << (8 * size):
            return bytes([major << 5 | info]) + number.to_bytes(size, "big")
    raise ValueError(f"{number} does not fit a CBOR head")


def _prefixes(last: str, first: str) -> tuple[str, str]:
    """The shortest prefixes that tell a chunk's last word from the next chunk's first, as Pagefind
    names the bounds of its chunks."""
    common = 0
    while common < min(len(last), len(first)) and last[common] == first[common]:
        common += 1
    return last[:common + 1], first[:common + 1]


def _merged_sorts(parts: list[PartFiles], metas: list[list[Any]], bases: list[int],
                  sort_values: dict[str, dict[str, str]]) -> list[list[Any]]:
    """Each sort key's pages in order of their values (numbers if every value is one), as Pagefind
    orders them: pages of the same value in page order."""
    keyed: dict[str, list[tuple[str, int]]] = {}
    for part, meta, base in zip(parts, metas, bases, strict=True):
        for key, numbers in meta[4]:
            for number in numbers:
                url = json.loads(gzip.decompress(part[f"fragment/{meta[1][number][0]}.pf_fragment"])
                                 .removeprefix(FRAGMENT_SIGNATURE))["url"]
                value = sort_values.get(url.lstrip("/"), {}).get(key)
                if value is None:
                    raise ValueError(f"no value of the sort key {key!r} is known for {url}")
                keyed.setdefault(key, []).append((value, number + base))
    sorts = []
    for key in sorted(keyed):
        values = keyed[key]
        numeric = all(_number(v) is not None for v, _ in values)
        ordered = sorted(values, key=lambda vp: (_number(vp[0]) if numeric else vp[0], vp[1]))
        sorts.append([key, [number for _, number in ordered]])
    return sorts


def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _load(path: Path) -> Any:
    return _decode(path.read_bytes())


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
