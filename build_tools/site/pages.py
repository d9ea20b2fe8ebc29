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

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from build_tools.model import Entry
from build_tools.site import cache
from build_tools.site.collect import Corpus
from build_tools.site.indexes import (
    archive_page,
    glossary_page,
    home_page,
    month_meta,
    month_page,
    topic_index_page,
    topic_meta,
    topic_page,
)
from build_tools.site.language import SiteLanguage
from build_tools.site.relations import Relations
from build_tools.site.render import (
    ARCHIVE_URL,
    HOME_URL,
    TOPICS_URL,
    PageContent,
    briefing_meta,
    briefing_page,
    briefing_url,
    month_url,
    src_uri,
    topic_url,
)

# Generated pages outside the navigation (listed in each config's not_in_nav): Material renders the
# whole navigation into every page, so listing briefings there would grow the site with N².
NOT_IN_NAV = ("briefings/", "topics/", "archive/")
# Generated pages in the navigation (mkdocs.yml `nav`).
NAV_PAGES = (src_uri(HOME_URL), src_uri(TOPICS_URL), src_uri(ARCHIVE_URL), "glossary.md")
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


def _briefing_source(corpus: Corpus, rel: Relations, lang: SiteLanguage, bid: str) -> PageSource:
    b = corpus.by_id[bid]
    shown = [bid, *rel.related.get(bid, []), rel.older.get(bid) or "", rel.newer.get(bid) or ""]
    key = cache.digest("briefing", lang.code, corpus.taxonomy_hash, *_shown(corpus, shown))
    uri = f"{briefing_url(bid).rstrip('/')}.md"
    return _cached_source(
        uri, briefing_meta(b, lang), key, lambda: briefing_page(b, lang, corpus.taxonomy, rel, corpus.by_id)
    )


def _topic_source(corpus: Corpus, rel: Relations, lang: SiteLanguage, entry: Entry) -> PageSource:
    related = json.dumps(rel.cooccurring.get(entry.id, []))
    shown = _shown(corpus, rel.postings.get(entry.id, []))
    key = cache.digest("topic", lang.code, corpus.taxonomy_hash, entry.id, related, *shown)
    uri = f"{topic_url(entry.id).rstrip('/')}.md"
    return _cached_source(
        uri,
        topic_meta(entry, lang, rel),
        key,
        lambda: topic_page(entry, lang, corpus.taxonomy, rel, corpus.by_id),
    )


def _month_source(corpus: Corpus, rel: Relations, lang: SiteLanguage, month: str) -> PageSource:
    key = cache.digest("month", lang.code, month, *_shown(corpus, rel.months[month]))
    uri = f"{month_url(month).rstrip('/')}.md"
    return _cached_source(
        uri, month_meta(month, lang), key, lambda: month_page(month, lang, rel, corpus.by_id)
    )


def _eager_source(uri: str, content: PageContent) -> PageSource:
    text = content.html
    key = cache.digest("eager", json.dumps(content.meta, sort_keys=True), text)
    return PageSource(uri, content.meta, key, lambda: text)


def _contents(
    corpus: Corpus, rel: Relations, lang: SiteLanguage
) -> Iterator[tuple[str, Callable[[], PageContent]]]:
    """(source path, maker) of every page but the briefings'."""
    tax, by_id = corpus.taxonomy, corpus.by_id
    yield src_uri(HOME_URL), lambda: home_page(lang, tax, rel, by_id)
    yield src_uri(TOPICS_URL), lambda: topic_index_page(lang, tax, rel)
    yield src_uri(ARCHIVE_URL), lambda: archive_page(lang, rel)
    yield "glossary.md", lambda: glossary_page(lang, tax)  # URL glossary/
    for entry in sorted(tax, key=lambda e: e.id):
        uri = f"{topic_url(entry.id).rstrip('/')}.md"
        yield uri, lambda entry=entry: topic_page(entry, lang, tax, rel, by_id)
    for month in rel.months:
        uri = f"{month_url(month).rstrip('/')}.md"
        yield uri, lambda month=month: month_page(month, lang, rel, by_id)


def page_sources(corpus: Corpus, rel: Relations, lang: SiteLanguage) -> dict[str, PageSource]:
    """Source path -> PageSource of every generated page of ``lang``, sorted by path.

    Briefing, topic and month pages (nearly all of them) get their keys from what they show, without
    being rendered; the few pages made from the whole set are rendered here and keyed by their HTML.
    """
    tax, by_id = corpus.taxonomy, corpus.by_id
    whole = {
        src_uri(HOME_URL): home_page(lang, tax, rel, by_id),
        src_uri(TOPICS_URL): topic_index_page(lang, tax, rel),
        src_uri(ARCHIVE_URL): archive_page(lang, rel),
        "glossary.md": glossary_page(lang, tax),  # URL glossary/
    }
    sources = {uri: _eager_source(uri, content) for uri, content in whole.items()}
    for source in (
        *(_briefing_source(corpus, rel, lang, b.id) for b in corpus.briefings),
        *(_topic_source(corpus, rel, lang, entry) for entry in tax),
        *(_month_source(corpus, rel, lang, month) for month in rel.months),
    ):
        sources[source.uri] = source
    return dict(sorted(sources.items()))


def generate_pages(corpus: Corpus, rel: Relations, lang: SiteLanguage) -> dict[str, str]:
    """Source path (``briefings/<id>.md`` ...) -> Markdown, for every generated page of ``lang``."""
    pages = {uri: make().markdown() for uri, make in _contents(corpus, rel, lang)}
    for b in corpus.briefings:
        pages[f"{briefing_url(b.id).rstrip('/')}.md"] = briefing_page(
            b, lang, corpus.taxonomy, rel, corpus.by_id
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
        file = GeneratedFile.generated(config, uri, content="")
        file.modified = modified
        files.append(file)
        GeneratedPage(file, config, source)
