"""RSS 2.0 and JSON Feed 1.1 of the briefings, per site language and per topic.

Pure functions: briefings in, feed text out; the build hook (head.py) decides the URLs and
writes the files. Feeds are built with ``xml.etree`` and ``json``, never by pasting text together,
so titles and summaries from articles are always escaped. Article text is untrusted: an RSS item's
``<description>`` (HTML) gets it HTML-escaped; JSON Feed items carry it as plain text (``summary``,
``content_text``), never as ``content_html``. Dates come from the briefings' front
matter (midnight UTC of ``date``), never from the clock or git: two builds give the same bytes, and
``lastBuildDate`` is the newest item's date.

Specifications: https://www.rssboard.org/rss-specification and https://www.jsonfeed.org/version/1.1/
"""

from __future__ import annotations

import datetime as dt
import html
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.utils import format_datetime

from build_tools.model import Briefing
from build_tools.site.language import LANGUAGES, SiteLanguage

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
ATOM_NS = "http://www.w3.org/2005/Atom"
# The newest items a feed carries. Readers poll feeds often; the archive pages hold everything, and a
# feed of thousands of full articles would be megabytes fetched again and again for nothing.
FEED_ITEMS = 50
GENERATOR = "AI Briefing"
# Titles, descriptions and language tags come from the language table (site/language.py): JSON Feed
# takes BCP 47 (RFC 5646) tags, RSS 2.0 the older W3C/RFC 1766 values.


@dataclass(frozen=True)
class FeedItem:
    """One briefing as a feed entry, already in the feed's language."""

    url: str  # absolute; also the item's id and guid: one permanent address per briefing and language
    title: str
    summary: str
    content_text: str
    date: dt.date
    tags: tuple[str, ...] = ()
    language: str = ""  # BCP 47 tag of the item's text, when it differs from the feed's


@dataclass(frozen=True)
class Feed:
    """A feed: its metadata and items (newest first). URLs are absolute."""

    title: str
    description: str
    language: str  # site language: en, zh or zh-hant
    home_page_url: str
    rss_url: str
    json_url: str
    items: tuple[FeedItem, ...] = field(default_factory=tuple)


def feed_item(briefing: Briefing, site_lang: str, url: str,
              tag_label: Callable[[str], str] = str) -> FeedItem | None:
    """The feed entry of ``briefing`` on the ``site_lang`` site; None when it has no date.

    Like the site, a briefing whose translation into the reader's language is pending is listed in
    its original language (and the item's ``language`` says so), rather than left out.
    """
    if briefing.date is None:
        return None
    lang = LANGUAGES[site_lang]
    col: str = lang.body
    if not briefing.is_translated(col) or not briefing.title.get(col):
        col = briefing.original
    # The item carries the summary and key points; the page holds the article itself. A feed of whole
    # articles would weigh megabytes per topic and language, fetched again at every poll.
    lines = [briefing.summary.get(col).strip()] if briefing.summary.get(col).strip() else []
    lines += [f"• {point}" for point in briefing.key_points.get(col, []) if point.strip()]
    return FeedItem(
        url=url,
        title=lang.column(col, briefing.title.get(col), once=True),
        summary=lang.column(col, briefing.summary.get(col), once=True),
        content_text=lang.column(col, "\n\n".join(lines), once=True),
        date=briefing.date,
        tags=tuple(tag_label(t) for t in briefing.tags),
        language=lang.column_lang(col),
    )


def newest_first(items: Iterable[FeedItem], limit: int = FEED_ITEMS) -> tuple[FeedItem, ...]:
    """The ``limit`` newest items, newest first; ties in date by URL, for a stable order."""
    ordered = sorted(items, key=lambda i: i.url)
    ordered.sort(key=lambda i: i.date, reverse=True)
    return tuple(ordered[:limit])


def _midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def rfc822(day: dt.date) -> str:
    """RSS date: 'Fri, 17 Nov 2023 00:00:00 GMT' (RFC 822 with a four-digit year, as RSS 2.0 asks)."""
    return format_datetime(_midnight_utc(day), usegmt=True)


def rfc3339(day: dt.date) -> str:
    """JSON Feed date: '2023-11-17T00:00:00Z'."""
    return _midnight_utc(day).strftime("%Y-%m-%dT%H:%M:%SZ")


def _language(feed: Feed) -> SiteLanguage:
    return LANGUAGES[feed.language]


def render_rss(feed: Feed) -> str:
    """The feed as an RSS 2.0 document (UTF-8 XML text)."""
    ET.register_namespace("atom", ATOM_NS)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    for tag, text in (("title", feed.title), ("link", feed.home_page_url), ("description", feed.description),
                      ("language", _language(feed).rss_language), ("generator", GENERATOR),
                      ("docs", "https://www.rssboard.org/rss-specification")):
        ET.SubElement(channel, tag).text = text
    if feed.items:
        ET.SubElement(channel, "lastBuildDate").text = rfc822(max(i.date for i in feed.items))
    # The feed's own address, as the RSS Advisory Board recommends for RSS 2.0 feeds.
    ET.SubElement(channel, f"{{{ATOM_NS}}}link", {"href": feed.rss_url, "rel": "self",
                                                   "type": "application/rss+xml"})
    for item in feed.items:
        node = ET.SubElement(channel, "item")
        ET.SubElement(node, "title").text = item.title
        ET.SubElement(node, "link").text = item.url
        # RSS 2.0's <description> is HTML (entity-encoded in the XML): readers render what it decodes
        # to, so the plain text of a summary is HTML-escaped first, then XML-escaped by ElementTree.
        ET.SubElement(node, "description").text = html.escape(item.summary or item.title, quote=False)
        for tag in item.tags:
            ET.SubElement(node, "category").text = tag
        ET.SubElement(node, "guid", {"isPermaLink": "true"}).text = item.url
        ET.SubElement(node, "pubDate").text = rfc822(item.date)
    ET.indent(rss, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(rss, encoding="unicode") + "\n"


def render_json_feed(feed: Feed) -> str:
    """The feed as a JSON Feed 1.1 document."""
    language = _language(feed).html_lang
    items = []
    for item in feed.items:
        entry: dict[str, object] = {"id": item.url, "url": item.url, "title": item.title}
        if item.summary:
            entry["summary"] = item.summary
        entry["content_text"] = item.content_text or item.summary or item.title
        entry["date_published"] = rfc3339(item.date)
        if item.tags:
            entry["tags"] = list(item.tags)
        entry["language"] = item.language or language
        items.append(entry)
    document = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.home_page_url,
        "feed_url": feed.json_url,
        "description": feed.description,
        "language": language,
        "items": items,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def site_feed(briefings_items: Iterable[FeedItem], site_lang: str, home_url: str, rss_url: str,
              json_url: str) -> Feed:
    """The feed of every briefing on one language's site."""
    lang = LANGUAGES[site_lang]
    return Feed(title=lang.t("site.name"), description=lang.t("feed.description"), language=site_lang,
                home_page_url=home_url, rss_url=rss_url, json_url=json_url,
                items=newest_first(briefings_items))


def topic_feed(items: Iterable[FeedItem], site_lang: str, topic_label: str, home_url: str, *, rss_url: str,
               json_url: str) -> Feed:
    """The feed of one topic on one language's site; ``home_url`` is the topic page."""
    lang = LANGUAGES[site_lang]
    return Feed(title=lang.t("feed.topic_title", site=lang.t("site.name"), topic=topic_label),
                description=lang.t("feed.topic_description", topic=topic_label), language=site_lang,
                home_page_url=home_url, rss_url=rss_url, json_url=json_url, items=newest_first(items))
