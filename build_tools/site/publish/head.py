"""What publishing adds to each language's site: feeds, social meta tags, language links, the 404 page.

Called by the plugin (build_tools/site/plugin.py) for the site of its ``language``:

- ``root_url``: the Chinese sites' ``site_url`` is the root URL plus their prefix (``.../zh/``), so
  canonical links, feeds and Open Graph URLs are absolute and right; hosts set the root with ``SITE_URL``;
- ``write_feeds``: ``feed.xml`` (RSS 2.0) and ``feed.json`` (JSON Feed 1.1) of the whole site and
  ``feed-<topic>.xml``/``.json`` of every topic at the root of the language's site, from the front
  matter of the briefings;
- ``head_tags``: feed autodiscovery links, Open Graph and Twitter meta for every page's ``<head>``;
- ``language_links`` and ``not_found``: the links to the other languages (the language roots for
  ``<link rel="alternate" hreflang>``, the same page for the switcher) and the 404 page's strings.

Material's JavaScript fetches ``sitemap.xml`` from the folder of every ``<link rel="alternate">`` in
the ``<head>``. So those links stay on the site and point into folders that have one: feed links are
relative to the page, topic feeds sit at the language root beside the site feed, and hreflang links
name the language roots (the page-to-page translations are in the sitemaps, which search engines
accept instead). The 404 page is shown at any depth, so its links are paths from the server root.

Page text comes from the briefings, which are untrusted: every value put into HTML is escaped here
with ``html.escape(quote=True)``; feeds are built with xml.etree and json.
"""

from __future__ import annotations

import html
import posixpath
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.utils import get_relative_url

from build_tools.files import write_atomic
from build_tools.model import Briefing, Entry
from build_tools.site.collect import Corpus
from build_tools.site.language import LANGUAGES, SiteLanguage
from build_tools.site.publish import feeds
from build_tools.site.render import (
    ARCHIVE_URL,
    SITE_FEED_FILES,
    TOPIC_FEED_FILES,
    TOPICS_URL,
    briefing_url,
    topic_url,
)

# The file names live in render.py, which links them from the footer and the topic pages.
RSS_FILE, JSON_FILE = SITE_FEED_FILES
# A topic's feeds, at the language root: a feed in topics/<id>/ would send Material's sitemap fetch
# for its autodiscovery link to topics/<id>/sitemap.xml, which does not exist.
TOPIC_RSS_FILE, TOPIC_JSON_FILE = TOPIC_FEED_FILES
# The 404 page's strings (``404.<key>`` in language.STRINGS), in every language.
NOT_FOUND_STRINGS = ("title", "text", "home", "archive", "topics", "search", "search_label", "feed")


def root_url(config, lang: SiteLanguage) -> str:
    """The URL of the whole site (the English root), ending in '/'."""
    url = (config.site_url or "/").rstrip("/") + "/"
    prefix = lang.prefix
    if prefix and url.endswith("/" + prefix):
        url = url[: -len(prefix)]
    return url


def language_site_url(config, lang: SiteLanguage) -> str | None:
    """A language's ``site_url``: the root's plus its prefix (``https://host/zh/``)."""
    if config.site_url and lang.prefix:
        return root_url(config, lang) + lang.prefix
    return config.site_url


def _site_url(config) -> str:
    return (config.site_url or "/").rstrip("/") + "/"


def _briefing_of(page, corpus: Corpus) -> Briefing | None:
    src = page.file.src_uri
    if not src.startswith("briefings/") or not src.endswith(".md"):
        return None
    return corpus.by_id.get(src[len("briefings/") : -len(".md")])


def _topic_of(page, corpus: Corpus) -> Entry | None:
    src = page.file.src_uri
    if not src.startswith(TOPICS_URL) or not src.endswith(".md"):
        return None
    entry = corpus.taxonomy.get(src[len(TOPICS_URL) : -len(".md")])
    return entry if entry is not None and entry.is_topic else None


def _plain(text: str | None) -> str:
    # Page titles from front matter are already HTML (escaped text): bring them back to text first,
    # so escaping once below gives the same result for every source.
    return " ".join(html.unescape(text or "").split())


def _meta(attr: str, key: str, value: str) -> str:
    return f'<meta {attr}="{html.escape(key, quote=True)}" content="{html.escape(value, quote=True)}">'


def _link(rel: str, kind: str, title: str, href: str) -> str:
    return (f'<link rel="{rel}" type="{kind}" title="{html.escape(title, quote=True)}" '
            f'href="{html.escape(href, quote=True)}">')


def topic_feed_files(topic_id: str) -> tuple[str, str]:
    """The RSS and JSON Feed file names of a topic, at the root of a language's site."""
    return TOPIC_RSS_FILE.format(topic=topic_id), TOPIC_JSON_FILE.format(topic=topic_id)


def _href(config, page_url: str | None, file: str) -> str:
    # Relative to the page, so the link (and Material's sitemap fetch beside it) stays on whatever
    # host serves the site; the 404 page is served at any depth, so it gets a path from the root.
    if page_url is None:
        return urlsplit(_site_url(config)).path + file
    return get_relative_url(file, page_url)


def feed_links(config, lang: SiteLanguage, page_url: str | None, topic: Entry | None = None) -> list[str]:
    """Autodiscovery links of the site's feeds, and of the topic's when on a topic page.

    ``page_url`` is the page's URL inside the language's site (``briefings/x/``); None for the 404 page.
    """
    site = config.site_name
    title = lang.t("feed.link", site=site)
    links = [_link("alternate", "application/rss+xml", title, _href(config, page_url, RSS_FILE)),
             _link("alternate", "application/feed+json", title.replace("RSS", "JSON Feed"),
                   _href(config, page_url, JSON_FILE))]
    if topic is not None:
        title = lang.t("feed.topic_link", topic=lang.label(topic), site=site)
        rss_file, json_file = topic_feed_files(topic.id)
        links += [_link("alternate", "application/rss+xml", title, _href(config, page_url, rss_file)),
                  _link("alternate", "application/feed+json", title.replace("RSS", "JSON Feed"),
                        _href(config, page_url, json_file))]
    return links


def _below(base: str, path: str) -> str:
    """``path`` inside folder ``base`` (a relative path or one from the server root), ``..`` resolved."""
    joined = posixpath.normpath(posixpath.join(base or ".", path))
    if joined == ".":
        return "./"
    if (not path or path.endswith("/")) and not joined.endswith("/"):
        joined += "/"
    return joined


def alternate(here: SiteLanguage) -> list[dict[str, str]]:
    """Every site language, for ``extra.alternate`` (Material shows the switcher when it is set):
    its name, tags, and ``prefix``, the path of its site from this one's root."""
    up = "../" * here.prefix.count("/")
    return [{"name": lang.name, "lang": lang.html_lang, "code": lang.code,
             "link": "/" + lang.prefix, "prefix": "" if lang is here else up + lang.prefix}
            for lang in LANGUAGES.values()]


def language_links(config, here: SiteLanguage, base_url: str, page_url: str) -> list[dict[str, object]]:
    """Every site language: its name and tags, its home and this page there.

    ``base_url`` is the template's (this site's root, relative to the page or, on the 404 page, from
    the server root); ``page_url`` the page's URL inside the site (``""`` for the home and 404 pages).
    """
    return [{"name": alt["name"], "lang": alt["lang"], "code": alt["code"],
             "current": alt["code"] == here.code,
             "home": _below(base_url, alt["prefix"]), "href": _below(base_url, alt["prefix"] + page_url)}
            for alt in alternate(here)]


def social_meta(config, lang: SiteLanguage, page, corpus: Corpus) -> list[str]:
    """Open Graph and Twitter card meta of a page; briefings are articles with their date and summary."""
    briefing = _briefing_of(page, corpus)
    if briefing is not None:
        title, description = lang.pick(briefing.title), lang.pick(briefing.summary)
    else:
        title = _plain(page.meta.get("title") or page.title or config.site_name)
        description = _plain(page.meta.get("description") or config.site_description)
    description = description or _plain(config.site_description)
    url = page.canonical_url or (_site_url(config) + page.url)
    tags = [
        _meta("property", "og:type", "article" if briefing is not None else "website"),
        _meta("property", "og:site_name", config.site_name),
        _meta("property", "og:title", title),
        _meta("property", "og:description", description),
        _meta("property", "og:url", url),
        _meta("property", "og:locale", lang.og_locale),
        *(_meta("property", "og:locale:alternate", other.og_locale)
          for other in LANGUAGES.values() if other.code != lang.code),
    ]
    if briefing is not None:
        if briefing.date is not None:
            tags.append(_meta("property", "article:published_time", briefing.date.isoformat()))
        tax = corpus.taxonomy
        tags += [_meta("property", "article:tag", lang.label(entry))
                 for entry in map(tax.get, briefing.tags) if entry is not None]
    # The card's title and description are the og: ones: X (Twitter) reads og:title and og:description
    # when twitter:title and twitter:description are missing, so they are not written twice.
    tags.append(_meta("name", "twitter:card", "summary"))
    return tags


def head_tags(config, lang: SiteLanguage, page, corpus: Corpus) -> list[str]:
    """Feed links and social meta for the ``<head>`` of a page."""
    return (feed_links(config, lang, page.url, _topic_of(page, corpus))
            + social_meta(config, lang, page, corpus))


def inject(output: str, tags: list[str]) -> str:
    """``output`` with ``tags`` at the end of its ``<head>``."""
    block = "".join(f"\n    {line}" for line in tags) + "\n  "
    return output.replace("</head>", block + "</head>", 1)


def not_found(config, here: SiteLanguage) -> list[dict[str, str]]:
    """The 404 page's strings and links in every language, its own first (see overrides/404.html)."""
    root_path = urlsplit(root_url(config, here)).path or "/"
    blocks = []
    for lang in sorted(LANGUAGES.values(), key=lambda lang: lang.code != here.code):
        home = root_path + lang.prefix
        blocks.append({
            "lang": lang.html_lang, "prefix": lang.prefix, "home_url": home,
            "archive_url": home + ARCHIVE_URL, "topics_url": home + TOPICS_URL, "feed_url": home + RSS_FILE,
            **{key: lang.t(f"404.{key}") for key in NOT_FOUND_STRINGS},
        })
    return blocks


def write_feeds(config, lang: SiteLanguage, corpus: Corpus) -> int:
    """Write the site feed and every topic feed of this language; return the number of files written."""
    base, site_dir = _site_url(config), Path(config.site_dir)
    tax = corpus.taxonomy

    def label(entry_id: str) -> str:
        entry = tax.get(entry_id)
        return lang.label(entry) if entry is not None else entry_id

    items: dict[str, feeds.FeedItem] = {}
    for b in corpus.briefings:
        item = feeds.feed_item(b, lang.code, base + briefing_url(b.id), tag_label=label)
        if item is not None:
            items[b.id] = item
    written = 0
    files = {(RSS_FILE, JSON_FILE): feeds.site_feed(items.values(), lang.code, base, base + RSS_FILE,
                                                     base + JSON_FILE)}
    for entry in tax.topics:
        tagged = [items[b.id] for b in corpus.briefings if entry.id in b.tags and b.id in items]
        rss_file, json_file = topic_feed_files(entry.id)
        files[rss_file, json_file] = feeds.topic_feed(tagged, lang.code, lang.label(entry),
                                                      base + topic_url(entry.id), rss_url=base + rss_file,
                                                      json_url=base + json_file)
    for (rss_file, json_file), feed in sorted(files.items()):
        written += write_atomic(site_dir / rss_file, feeds.render_rss(feed))
        written += write_atomic(site_dir / json_file, feeds.render_json_feed(feed))
    return written
