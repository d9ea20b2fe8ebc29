"""The editions feed of each site language (RSS 2.0 and JSON Feed 1.1), made with feeds.py.

One item per edition, newest first: its page is the item's address, the date of its newest briefing
the item's date (never the clock, so two builds give the same bytes), the editor's introduction and the
titles of its briefings the item's text.
"""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.utils import get_relative_url

from build_tools.files import write_atomic
from build_tools.site.collect import Corpus
from build_tools.site.edition_pages import (
    EDITIONS_JSON_FILE,
    EDITIONS_RSS_FILE,
    EDITIONS_URL,
    edition_range,
    edition_title,
    edition_url,
    intro_texts,
)
from build_tools.site.editions import Edition
from build_tools.site.language import SiteLanguage
from build_tools.site.publish import feeds


def edition_item(edition: Edition, lang: SiteLanguage, corpus: Corpus, base: str) -> feeds.FeedItem:
    """The feed entry of one edition on the ``lang`` site; ``base`` is the site's absolute URL."""
    titles = [lang.pick(corpus.by_id[bid].title) for bid in edition.briefings]
    intro_title, paragraphs = intro_texts(lang, edition.intro) if edition.intro else ("", [])
    heading = f"{edition_title(lang, edition)} · {edition_range(lang, edition)}"
    lines = [*paragraphs, *(f"• {t}" for t in titles)]
    return feeds.FeedItem(
        url=base + edition_url(edition.week),
        title=f"{heading}: {intro_title}" if intro_title else heading,
        summary=intro_title or "; ".join(titles),
        content_text="\n\n".join(lines),
        date=edition.published,
        language=lang.html_lang,
    )


def editions_feed(corpus: Corpus, lang: SiteLanguage, base: str, site_name: str) -> feeds.Feed:
    """The editions feed of the ``lang`` site."""
    items = (edition_item(e, lang, corpus, base) for e in corpus.editions)
    return feeds.Feed(
        title=lang.t("editions.feed_title", site=site_name),
        description=lang.t("editions.feed_description"),
        language=lang.code,
        home_page_url=base + EDITIONS_URL,
        rss_url=base + EDITIONS_RSS_FILE,
        json_url=base + EDITIONS_JSON_FILE,
        items=feeds.newest_first(items),
    )


def write_edition_feeds(site_dir: str, site_url: str | None, lang: SiteLanguage, corpus: Corpus,
                        site_name: str) -> int:
    """Write the editions feeds at the root of the language's site; return the number of files written."""
    base = (site_url or "/").rstrip("/") + "/"
    feed = editions_feed(corpus, lang, base, site_name)
    folder = Path(site_dir)
    return (write_atomic(folder / EDITIONS_RSS_FILE, feeds.render_rss(feed))
            + write_atomic(folder / EDITIONS_JSON_FILE, feeds.render_json_feed(feed)))


def edition_feed_links(lang: SiteLanguage, page_url: str, site_name: str) -> list[str]:
    """Autodiscovery links of the editions feeds, for the ``<head>`` of the edition pages."""
    title = html.escape(lang.t("editions.feed_title", site=site_name), quote=True)
    return [
        f'<link rel="alternate" type="{kind}" title="{title} ({label})" '
        f'href="{html.escape(get_relative_url(file, page_url), quote=True)}">'
        for kind, label, file in (("application/rss+xml", "RSS", EDITIONS_RSS_FILE),
                                  ("application/feed+json", "JSON Feed", EDITIONS_JSON_FILE))
    ]
