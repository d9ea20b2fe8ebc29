"""Every generated page of one site language: as Markdown files, and as MkDocs pages that skip Markdown.

Generated pages are HTML already (every text escaped by render.py and indexes.py), so MkDocs gets them
as ``GeneratedPage`` objects: their meta is known when the page is created, Python-Markdown never sees
them, and their HTML is loaded only while the theme renders the page, then released, so a build holds
one page's HTML at a time whatever the number of briefings. A briefing page's HTML is cached on disk
under a key made of everything it shows: the briefing, its related briefings and neighbours, the
taxonomy, the language and the code. ``generate_pages`` gives the same pages as Markdown files (front
matter and raw HTML blocks), which is what the tests and the benchmark's floor read.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from build_tools.model import Entry
from build_tools.site import cache
from build_tools.site.collect import Corpus
from build_tools.site.edition_pages import (
    EDITIONS_URL,
    edition_meta,
    edition_page,
    edition_url,
    editions_index_page,
)
from build_tools.site.indexes import (
    PAGE_SIZE,
    archive_page,
    glossary_page,
    home_latest_ids,
    home_meta,
    home_page,
    home_pages,
    month_meta,
    month_page,
    month_pages,
    topic_index_page,
    topic_meta,
    topic_page,
    topic_pages,
)
from build_tools.site.language import SiteLanguage
from build_tools.site.relations import Relations
from build_tools.site.render import (
    ARCHIVE_URL,
    DEFAULT_REPOSITORY_LINKS,
    HOME_URL,
    TOPICS_URL,
    PageContent,
    Repository,
    briefing_meta,
    briefing_page,
    briefing_url,
    month_url,
    page_url,
    src_uri,
    topic_url,
)

# Generated pages outside the navigation (listed in each config's not_in_nav): Material renders the
# whole navigation into every page, so listing briefings there would grow the site with N².
NOT_IN_NAV = ("briefings/", "topics/", "archive/", "editions/")
# Generated pages in the navigation (mkdocs.yml `nav`).
NAV_PAGES = (
    src_uri(HOME_URL), src_uri(TOPICS_URL), src_uri(ARCHIVE_URL), src_uri(EDITIONS_URL), "glossary.md"
)
_ID = re.compile(r'\sid="([^"]+)"')


@dataclass
class PageSource:
    """A generated page before MkDocs sees it: its meta now, its HTML when asked for.

    ``key`` changes whenever the page's HTML or meta may change: ``mkdocs serve`` rewrites only the
    pages whose key changed since the last build.
    """

    uri: str
    meta: dict[str, object]
    key: str
    _make: Callable[[], str] = field(repr=False)

    def html(self) -> str:
        """The page's HTML."""
        return self._make()


def _shown(corpus: Corpus, ids: list[str]) -> list[str]:
    """Briefing ids with the hash of their content: a page that lists them changes with them."""
    hashes = corpus.hashes
    return [f"{i}={hashes.get(i, '')}" for i in ids]


def _cached_source(
    uri: str, meta: dict[str, object], key: str, render: Callable[[], PageContent]
) -> PageSource:
    """A page whose HTML is rendered on first use and kept on disk under ``key``."""

    def make() -> str:
        text = cache.read_text("page", key)
        if text is None:
            text = render().html
            cache.write_text("page", key, text)
        return text

    return PageSource(uri, meta, key, make)


def _uri(url: str) -> str:
    """The virtual source file of a generated page below the site root (``topics/x/page/2/`` ->
    ``topics/x/page/2.md``, which MkDocs publishes at that URL)."""
    return f"{url.rstrip('/')}.md" if url else src_uri(url)


def _briefing_source(
    corpus: Corpus, rel: Relations, lang: SiteLanguage, bid: str, repo: Repository
) -> PageSource:
    b = corpus.by_id[bid]
    shown = [bid, *rel.related.get(bid, []), rel.older.get(bid) or "", rel.newer.get(bid) or ""]
    key = cache.digest("briefing", lang.code, corpus.taxonomy_hash, repr(repo), *_shown(corpus, shown))
    return _cached_source(
        _uri(briefing_url(bid)),
        briefing_meta(b, lang),
        key,
        lambda: briefing_page(b, lang, corpus.taxonomy, rel, corpus.by_id, repo),
    )


def _page_ids(ids: list[str], number: int) -> list[str]:
    return ids[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]


def _topic_sources(corpus: Corpus, rel: Relations, lang: SiteLanguage, entry: Entry) -> Iterator[PageSource]:
    related = json.dumps(rel.cooccurring.get(entry.id, []))
    ids = rel.postings.get(entry.id, [])
    total = topic_pages(entry.id, rel)
    for number in range(1, total + 1):
        shown = _shown(corpus, _page_ids(ids, number))
        key = cache.digest(
            "topic",
            lang.code,
            corpus.taxonomy_hash,
            entry.id,
            related,
            f"{number}/{total}/{len(ids)}",
            *shown,
        )
        yield _cached_source(
            _uri(page_url(topic_url(entry.id), number)),
            topic_meta(entry, lang, rel, number=number),
            key,
            functools.partial(topic_page, entry, lang, corpus.taxonomy, rel, corpus.by_id, number=number),
        )


def _month_sources(corpus: Corpus, rel: Relations, lang: SiteLanguage, month: str) -> Iterator[PageSource]:
    ids = rel.months[month]
    total = month_pages(month, rel)
    for number in range(1, total + 1):
        key = cache.digest(
            "month", lang.code, month, f"{number}/{total}", *_shown(corpus, _page_ids(ids, number))
        )
        yield _cached_source(
            _uri(page_url(month_url(month), number)),
            month_meta(month, lang, rel, number=number),
            key,
            functools.partial(month_page, month, lang, rel, corpus.by_id, number=number),
        )


def edition_sources(corpus: Corpus, lang: SiteLanguage) -> list[PageSource]:
    """The editions index and every edition page, keyed by what each shows (briefings, number,
    introduction, neighbours)."""
    editions, tax, by_id = corpus.editions, corpus.taxonomy, corpus.by_id
    sources = [_eager_source(src_uri(EDITIONS_URL), editions_index_page(editions, lang))]
    for ed in editions:
        around = [(w, editions.by_week[w].number) for w in (ed.older, ed.newer) if w]
        key = cache.digest("edition", lang.code, corpus.taxonomy_hash, repr((ed.week, ed.number, ed.numbered,
                           ed.intro, around)), *_shown(corpus, list(ed.briefings)))
        render = functools.partial(edition_page, ed, editions, lang, tax, by_id)
        path = f"{edition_url(ed.week).rstrip('/')}.md"
        sources.append(_cached_source(path, edition_meta(lang, ed), key, render))
    return sources


def _eager_source(uri: str, content: PageContent) -> PageSource:
    text = content.html
    key = cache.digest("eager", json.dumps(content.meta, sort_keys=True), text)
    return PageSource(uri, content.meta, key, lambda: text)


def _contents(
    corpus: Corpus, rel: Relations, lang: SiteLanguage
) -> Iterator[tuple[str, Callable[[], PageContent]]]:
    """(source path, maker) of every page but the briefings'."""
    tax, by_id = corpus.taxonomy, corpus.by_id
    for number in range(1, home_pages(rel) + 1):
        yield _uri(page_url(HOME_URL, number)), functools.partial(
            home_page, lang, tax, rel, by_id, number=number, editions=corpus.editions
        )
    yield src_uri(TOPICS_URL), lambda: topic_index_page(lang, tax, rel)
    yield src_uri(ARCHIVE_URL), lambda: archive_page(lang, rel)
    yield "glossary.md", lambda: glossary_page(lang, tax)  # URL glossary/
    for entry in sorted(tax, key=lambda e: e.id):
        for number in range(1, topic_pages(entry.id, rel) + 1):
            yield (
                _uri(page_url(topic_url(entry.id), number)),
                functools.partial(topic_page, entry, lang, tax, rel, by_id, number=number),
            )
    for month in rel.months:
        for number in range(1, month_pages(month, rel) + 1):
            yield (
                _uri(page_url(month_url(month), number)),
                functools.partial(month_page, month, lang, rel, by_id, number=number),
            )
    yield src_uri(EDITIONS_URL), lambda: editions_index_page(corpus.editions, lang)
    for ed in corpus.editions:
        uri = f"{edition_url(ed.week).rstrip('/')}.md"
        yield uri, functools.partial(edition_page, ed, corpus.editions, lang, tax, by_id)


def page_sources(
    corpus: Corpus, rel: Relations, lang: SiteLanguage, repo: Repository = DEFAULT_REPOSITORY_LINKS,
    *,
    editions: bool = True,
) -> dict[str, PageSource]:
    """Source path -> PageSource of every generated page of ``lang``, sorted by path.

    Briefing, topic and month pages (nearly all of them) get their keys from what they show, without
    being rendered; the few pages made from the whole set are rendered here and keyed by their HTML.
    """
    tax, by_id = corpus.taxonomy, corpus.by_id
    # The first home page also shows the latest edition and the most active topics: rendered here.
    whole = {
        _uri(HOME_URL): home_page(lang, tax, rel, by_id, number=1,
                                  editions=corpus.editions if editions else None),
        src_uri(TOPICS_URL): topic_index_page(lang, tax, rel),
        src_uri(ARCHIVE_URL): archive_page(lang, rel),
        "glossary.md": glossary_page(lang, tax),  # URL glossary/
    }
    sources = {uri: _eager_source(uri, content) for uri, content in whole.items()}
    for source in (
        *_later_home_sources(corpus, rel, lang),
        *(_briefing_source(corpus, rel, lang, b.id, repo) for b in corpus.briefings),
        *(s for entry in tax for s in _topic_sources(corpus, rel, lang, entry)),
        *(s for month in rel.months for s in _month_sources(corpus, rel, lang, month)),
        *(edition_sources(corpus, lang) if editions else ()),
    ):
        sources[source.uri] = source
    return dict(sorted(sources.items()))


def _later_home_sources(corpus: Corpus, rel: Relations, lang: SiteLanguage) -> Iterator[PageSource]:
    """Pages 2, 3, ... of the home listing, keyed by what each shows, rendered only when changed."""
    total = home_pages(rel)
    for number in range(2, total + 1):
        key = cache.digest("home", lang.code, corpus.taxonomy_hash, f"{number}/{total}",
                           *_shown(corpus, home_latest_ids(rel, number)))
        yield _cached_source(
            _uri(page_url(HOME_URL, number)),
            home_meta(lang, rel, number=number),
            key,
            functools.partial(home_page, lang, corpus.taxonomy, rel, corpus.by_id, number=number),
        )


def generate_pages(
    corpus: Corpus, rel: Relations, lang: SiteLanguage, repo: Repository = DEFAULT_REPOSITORY_LINKS
) -> dict[str, str]:
    """Source path (``briefings/<id>.md`` ...) -> Markdown, for every generated page of ``lang``."""
    pages = {uri: make().markdown() for uri, make in _contents(corpus, rel, lang)}
    for b in corpus.briefings:
        pages[_uri(briefing_url(b.id))] = briefing_page(
            b, lang, corpus.taxonomy, rel, corpus.by_id, repo
        ).markdown()
    return dict(sorted(pages.items()))


class GeneratedFile(File):
    """The virtual file of a generated page; ``modified`` is False when its output is already written."""

    modified: bool = True

    def is_modified(self) -> bool:
        """Whether a dirty build (``mkdocs serve`` after a briefing changed) must build this page."""
        return self.modified or not Path(self.abs_dest_path).is_file()


class GeneratedPage(Page):
    """A generated page: meta from its source, HTML loaded only while the theme renders it."""

    def __init__(self, file: File, config, source: PageSource) -> None:
        super().__init__(None, file, config)
        self.source = source
        # Known from the start, so that the navigation has every title even when a dirty build
        # skips reading the page.
        self.meta = dict(source.meta)
        self.markdown = ""

    def read_source(self, config) -> None:
        """Nothing to read: the page has no Markdown."""
        self.meta = dict(self.source.meta)
        self.markdown = ""

    def render(self, config, files) -> None:
        """No Markdown to convert: the HTML is set by ``load`` just before the theme needs it."""
        self.content = ""
        self.toc = get_toc([])

    def load(self) -> None:
        """Set the page's HTML (and the ids MkDocs checks links to anchors against)."""
        self.content = self.source.html()
        self.present_anchor_ids = set(_ID.findall(self.content))

    def release(self) -> None:
        """Drop the page's HTML once it is written."""
        self.content = None


def add_pages(files, config, sources: dict[str, PageSource], previous: dict[str, str] | None = None) -> None:
    """Add the generated pages to ``files``: all of them, or after ``previous`` (source path -> key of
    the last build, for a dirty build) only those whose key changed and those in the navigation.

    Pages left out of a dirty build keep their output from the last build; nothing links to them
    through MkDocs (generated HTML has its links already, and hand-written pages are not rebuilt).
    """
    nav = set(NAV_PAGES)
    for uri, source in sources.items():
        modified = previous is None or previous.get(uri) != source.key
        if not modified and uri not in nav:
            continue
        file = cast(GeneratedFile, GeneratedFile.generated(config, uri, content=""))
        file.modified = modified
        files.append(file)
        GeneratedPage(file, config, source)
