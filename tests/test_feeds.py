"""RSS 2.0 and JSON Feed 1.1: valid by the specifications, escaped, dated from front matter, stable."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlparse

import pytest

from build_tools.briefing.frontmatter import dump_briefing
from build_tools.briefing.schema import read_briefing
from build_tools.model import Bilingual, Briefing, Paragraph
from build_tools.site.publish.feeds import (
    FEED_ITEMS,
    JSON_FEED_VERSION,
    feed_item,
    render_json_feed,
    render_rss,
    site_feed,
    topic_feed,
)

SITE = "https://example.org/ai/"
HOSTILE = 'Caf\u00e9 <script>alert("x")</script> & <b>bold</b> ]]> \u201cquoted\u201d'
# RFC 822 as RSS 2.0 uses it: day name, two-digit day, month name, four-digit year, time, zone.
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} "
                    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
                    r"\d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def briefing_file(folder: Path, briefing_id: str, date: str, *, title_en: str, title_zh: str = "",
                  tags: list[str] | None = None, zh_status: str = "reviewed") -> Briefing:
    """Write a briefing file and read it back: the feed sees what the reader parses."""
    b = Briefing(
        id=briefing_id, date=dt.date.fromisoformat(date), language="en",
        title=Bilingual(en=title_en, zh=title_zh),
        summary=Bilingual(en=f"Summary of {title_en}.",
                          zh=f"{title_zh}的摘要，关于软件与信息。" if title_zh else ""),
        key_points={"en": ["First point.", "Second point."],
                    "zh": ["第一点。", "第二点。"] if title_zh else []},
        tags=tags or [], translation={"en": "original", "zh": zh_status},
        paragraphs=[Paragraph(kind="h", en="What happened", zh="发生了什么" if title_zh else ""),
                    Paragraph(kind="p", en=f"First paragraph of {title_en}.",
                              zh="软件与信息的第一段。" if title_zh else ""),
                    Paragraph(kind="li", en="A list item.", zh="一个列表项。" if title_zh else "")],
    )
    path = folder / f"{briefing_id}.md"
    path.write_text(dump_briefing(b), encoding="utf-8")
    read, problems = read_briefing(path)
    assert problems == [] and read is not None
    return read


@pytest.fixture
def briefings(tmp_path: Path) -> list[Briefing]:
    return [
        briefing_file(tmp_path, "older-story", "2024-05-30", title_en="An older story", title_zh="较早的故事",
                      tags=["open-source"]),
        briefing_file(tmp_path, "hostile-title", "2024-06-03", title_en=HOSTILE,
                      title_zh="软件 <i>信息</i> & 网络",
                      tags=["open-source", "ai-safety"]),
        briefing_file(tmp_path, "pending-chinese", "2024-06-01", title_en="Not yet translated",
                      zh_status="pending"),
    ]


def url_of(lang: str, b: Briefing) -> str:
    prefix = "" if lang == "en" else f"{lang}/"
    return f"{SITE}{prefix}briefings/{b.id}/"


def make_feed(briefings: list[Briefing], lang: str):
    prefix = "" if lang == "en" else f"{lang}/"
    items = [feed_item(b, lang, url_of(lang, b), tag_label=str.upper) for b in briefings]
    return site_feed([i for i in items if i], lang, SITE + prefix, f"{SITE}{prefix}feed.xml",
                     f"{SITE}{prefix}feed.json")


def validate_rss(text: str) -> ET.Element:
    """The RSS 2.0 rules a reader relies on; returns the channel."""
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "rss" and root.get("version") == "2.0"
    channels = root.findall("channel")
    assert len(channels) == 1
    channel = channels[0]
    for required in ("title", "link", "description"):  # required channel elements
        assert (channel.findtext(required) or "").strip(), required
    assert urlparse(channel.findtext("link")).scheme == "https"
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link is not None and self_link.get("rel") == "self"
    for date_tag in ("pubDate", "lastBuildDate"):
        for node in channel.iter(date_tag):
            assert RFC822.match(node.text), node.text
            parsedate_to_datetime(node.text)
    guids = []
    for item in channel.findall("item"):
        # "at least one of title or description must be present"
        assert item.findtext("title") or item.findtext("description")
        assert urlparse(item.findtext("link")).netloc
        guid = item.find("guid")
        assert guid is not None and guid.get("isPermaLink") == "true"
        assert urlparse(guid.text).scheme in ("http", "https")
        guids.append(guid.text)
    assert len(guids) == len(set(guids))
    return channel


def validate_json_feed(text: str) -> dict:
    """JSON Feed 1.1's required fields and formats (https://www.jsonfeed.org/version/1.1/)."""
    feed = json.loads(text)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    assert isinstance(feed["items"], list)
    for key in ("home_page_url", "feed_url"):
        assert urlparse(feed[key]).scheme in ("http", "https")
    ids = []
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]  # required, a string
        ids.append(item["id"])
        assert isinstance(item.get("content_html"), str) or isinstance(item.get("content_text"), str)
        for key in ("date_published", "date_modified"):
            if key in item:
                assert RFC3339.match(item[key]), item[key]
                dt.datetime.fromisoformat(item[key].replace("Z", "+00:00"))
        if "tags" in item:
            assert all(isinstance(t, str) for t in item["tags"])
        if "url" in item:
            assert urlparse(item["url"]).scheme in ("http", "https")
    assert len(ids) == len(set(ids))
    return feed


def test_rss_is_valid_and_dated_from_front_matter(briefings):
    text = render_rss(make_feed(briefings, "en"))
    channel = validate_rss(text)
    items = channel.findall("item")
    assert [i.findtext("link") for i in items] == [
        f"{SITE}briefings/hostile-title/", f"{SITE}briefings/pending-chinese/",
        f"{SITE}briefings/older-story/"]
    assert [i.findtext("pubDate") for i in items] == [
        "Mon, 03 Jun 2024 00:00:00 GMT", "Sat, 01 Jun 2024 00:00:00 GMT", "Thu, 30 May 2024 00:00:00 GMT"]
    # no build time anywhere: the channel's date is the newest briefing's
    assert channel.findtext("lastBuildDate") == "Mon, 03 Jun 2024 00:00:00 GMT"
    assert channel.findtext("language") == "en"
    assert [c.text for c in items[0].findall("category")] == ["OPEN-SOURCE", "AI-SAFETY"]


def test_untrusted_text_is_escaped_not_injected(briefings):
    rss = render_rss(make_feed(briefings, "en"))
    channel = ET.fromstring(rss.encode("utf-8")).find("channel")
    assert channel.find("item").findtext("title") == HOSTILE  # the exact text survives a round trip
    assert "<script>" not in rss and "&lt;script&gt;" in rss
    assert "<b>" not in rss
    # <description> is HTML: XML-decoded it is still escaped text, and a reader's HTML parser gives back
    # exactly the summary, never an element
    description = channel.find("item").findtext("description")
    assert description == html.escape(f"Summary of {HOSTILE}.", quote=False)
    assert "<" not in description and html.unescape(description) == f"Summary of {HOSTILE}."
    feed = json.loads(render_json_feed(make_feed(briefings, "en")))
    assert feed["items"][0]["title"] == HOSTILE
    assert feed["items"][0]["summary"] == f"Summary of {HOSTILE}."
    # JSON Feed carries the text as plain text only
    assert all("content_html" not in item and item["content_text"] for item in feed["items"])


def test_json_feed_is_valid_1_1(briefings):
    feed = validate_json_feed(render_json_feed(make_feed(briefings, "zh")))
    assert feed["version"] == JSON_FEED_VERSION
    assert feed["language"] == "zh-Hans"
    assert feed["feed_url"] == f"{SITE}zh/feed.json"
    first = feed["items"][0]
    assert first["id"] == first["url"] == f"{SITE}zh/briefings/hostile-title/"
    assert first["date_published"] == "2024-06-03T00:00:00Z"
    assert first["title"] == "软件 <i>信息</i> & 网络"
    assert first["summary"] == "软件 <i>信息</i> & 网络的摘要，关于软件与信息。"
    assert first["content_text"] == f"{first['summary']}\n\n• 第一点。\n\n• 第二点。"
    assert first["tags"] == ["OPEN-SOURCE", "AI-SAFETY"]
    # pending translation: listed in its original language, and the item says which
    pending = next(i for i in feed["items"] if i["url"].endswith("/pending-chinese/"))
    assert (pending["title"], pending["language"]) == ("Not yet translated", "en")


def test_traditional_feed_is_converted(briefings):
    feed = validate_json_feed(render_json_feed(make_feed(briefings, "zh-hant")))
    assert feed["language"] == "zh-Hant"
    older = next(i for i in feed["items"] if i["url"].endswith("/older-story/"))
    assert older["title"] == "較早的故事"
    assert "軟體與資訊" in older["content_text"]  # s2twp: Taiwan vocabulary, not only characters
    channel = validate_rss(render_rss(make_feed(briefings, "zh-hant")))
    assert channel.findtext("language") == "zh-tw"
    assert channel.findtext("title") == "AI 簡報"


def test_topic_feed_lists_only_its_topic(briefings):
    items = [feed_item(b, "en", url_of("en", b)) for b in briefings if "ai-safety" in b.tags]
    feed = topic_feed(items, "en", "AI safety", f"{SITE}topics/ai-safety/",
                      rss_url=f"{SITE}feed-ai-safety.xml",
                      json_url=f"{SITE}feed-ai-safety.json")
    channel = validate_rss(render_rss(feed))
    assert channel.findtext("title") == "AI Briefing: AI safety"
    assert [i.findtext("guid") for i in channel.findall("item")] == [f"{SITE}briefings/hostile-title/"]
    data = validate_json_feed(render_json_feed(feed))
    assert data["home_page_url"] == f"{SITE}topics/ai-safety/"


def test_feeds_are_deterministic_and_capped(tmp_path: Path):
    many = [Briefing(id=f"story-{i:03d}", date=dt.date(2024, 1, 1) + dt.timedelta(days=i // 2), language="en",
                     title=Bilingual(en=f"Story {i}"), translation={"en": "original", "zh": "pending"},
                     paragraphs=[Paragraph(en="Text.")]) for i in range(FEED_ITEMS + 7)]
    first = make_feed(many, "en")
    second = make_feed(list(reversed(many)), "en")  # input order must not matter
    assert render_rss(first) == render_rss(second)
    assert render_json_feed(first) == render_json_feed(second)
    assert len(first.items) == FEED_ITEMS
    dates = [i.date for i in first.items]
    assert dates == sorted(dates, reverse=True)
    assert first.items[0].url.endswith("story-056/")  # newest date, ties by URL
    undated = Briefing(id="undated", date=None, language="en", title=Bilingual(en="x"))
    assert feed_item(undated, "en", SITE) is None


def test_empty_feed_is_still_valid():
    feed = site_feed([], "en", SITE, SITE + "feed.xml", SITE + "feed.json")
    channel = validate_rss(render_rss(feed))
    assert channel.find("lastBuildDate") is None
    assert validate_json_feed(render_json_feed(feed))["items"] == []
