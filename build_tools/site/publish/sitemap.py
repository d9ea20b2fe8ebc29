"""A ``sitemap.xml`` at the root of each language's site, every page with its ``hreflang`` alternates.

The three languages are built as three MkDocs sites (en at /, zh at /zh/, zh-hant at /zh-hant/),
and MkDocs writes a sitemap into each, none knowing the others. Search engines accept the
translations of a page named in a sitemap instead of in the page's ``<head>``
(https://developers.google.com/search/docs/specialty/international/localized-versions#sitemap), so
the sitemaps are made from the finished output tree: every HTML page, grouped with the pages at the
same path in the other languages, each listed once, in the sitemap of its own language's folder.

Why one sitemap per language rather than one for all: the sitemaps protocol lets a sitemap list only
URLs at or below its own folder, which fits a site per folder exactly; and Material's language
selector fetches ``sitemap.xml`` next to every ``<link rel="alternate">`` (the language roots), so each
root needs one. ``robots.txt`` at the root names all three for crawlers (a host serving the site
below a sub-path has its own robots.txt: submit the three sitemaps there or to the search engines).

``lastmod`` is a briefing's front matter date (read back from the page's
``article:published_time``) and is omitted for other pages: a build date would change every build,
tell a crawler nothing true, and make two builds differ.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.files import write_atomic
from build_tools.site.language import LANGUAGES, language_of_path, root_language

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
SITEMAP_FILE = "sitemap.xml"
ROBOTS_FILE = "robots.txt"
# Each language's URL prefix and hreflang value (BCP 47 with script for Chinese) are in the language
# table; the root site's language is the one a reader with none of ours is sent to (x-default).
# Output that is not a page for readers: error pages, and anything a page asks crawlers to skip.
SKIPPED_FILES = {"404.html"}
_NOINDEX = re.compile(r"<meta\s+name=[\"']robots[\"']\s+content=[\"'][^\"']*noindex", re.IGNORECASE)
_PUBLISHED = re.compile(
    r"<meta\s+property=[\"']article:published_time[\"']\s+content=[\"'](\d{4}-\d{2}-\d{2})", re.IGNORECASE)


@dataclass(frozen=True)
class SitemapPage:
    """One URL and its translations (hreflang -> absolute URL, itself included)."""

    loc: str
    alternates: dict[str, str] = field(default_factory=dict)
    lastmod: dt.date | None = None
    language: str = "en"  # the code of the site language whose sitemap lists it


def render_sitemap(pages: Iterable[SitemapPage]) -> str:
    """The sitemap XML, pages sorted by URL."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for page in sorted(pages, key=lambda p: p.loc):
        url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = page.loc
        if page.lastmod:
            ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = page.lastmod.isoformat()
        for hreflang, href in page.alternates.items():
            attributes = {"rel": "alternate", "hreflang": hreflang, "href": href}
            ET.SubElement(url, f"{{{XHTML_NS}}}link", attributes)
    ET.indent(urlset, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(urlset, encoding="unicode") + "\n"


def render_robots(sitemap_urls: Iterable[str]) -> str:
    """robots.txt: everything may be crawled; where the sitemaps are."""
    lines = ["# Every page may be crawled; each language's sitemap lists its pages and their translations.",
             "User-agent: *", "Disallow:", ""]
    lines += [f"Sitemap: {url}" for url in sitemap_urls]
    return "\n".join(lines) + "\n"


def _url_path(rel: str) -> str:
    # use_directory_urls: a/b/index.html is served as a/b/
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


# Bytes read from the start of a page to find the end of its <head> (read whole when not found there).
HEAD_BYTES = 16384


def _head(path: Path) -> str:
    with path.open("rb") as fh:
        raw = fh.read(HEAD_BYTES)
        end = raw.find(b"</head>")
        if end < 0:
            raw += fh.read()
            end = raw.find(b"</head>")
    return (raw if end < 0 else raw[:end]).decode("utf-8", errors="replace")


class PageFacts:
    """Whether each page is for crawlers, and its date, as last read from its ``<head>``.

    Kept by path with the file's (size, mtime, inode): under ``mkdocs serve`` a rebuild rewrites a few
    pages, and reading the head of every other page again cost half a second.
    """

    def __init__(self) -> None:
        self.heads: dict[str, tuple[tuple[int, int, int], bool, dt.date | None]] = {}

    def of(self, path: Path) -> tuple[bool, dt.date | None]:
        """Whether a page is for crawlers, and its date; read again only when the file changed."""
        st = path.stat()
        stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
        known = self.heads.get(str(path))
        if known is None or known[0] != stamp:
            head = _head(path)
            found = _PUBLISHED.search(head)
            lastmod = dt.date.fromisoformat(html.unescape(found.group(1))) if found else None
            known = self.heads[str(path)] = (stamp, not _NOINDEX.search(head), lastmod)
        return known[1], known[2]

    def read(self, folder: str | Path, skip: Iterable[str] = ()) -> dict[str, tuple]:
        """Read the facts of every page below ``folder`` (outside ``skip``) and return them.

        Each language's build reads its own pages when it ends, at the same time as the others, and
        hands them to the root build (``remember``), which then writes the sitemaps without reading
        any page again.
        """
        paths = _pages(Path(folder), set(skip))
        for path in paths:
            self.of(path)
        return {str(p): self.heads[str(p)] for p in paths}

    def remember(self, facts: dict[str, tuple]) -> None:
        """Take the page facts another process read (``read``); stale ones are read again."""
        self.heads.update(facts)

    def forget_missing(self, root: Path, seen: set[str]) -> None:
        """Drop the facts of pages below ``root`` that are gone (a briefing deleted under serve)."""
        for gone in [p for p in self.heads if p.startswith(str(root)) and p not in seen]:
            del self.heads[gone]


def _pages(root: Path, skip: Iterable[str] = ()) -> list[Path]:
    """Every HTML page below ``root``, sorted, outside hidden folders and the folders named in ``skip``."""
    found = []
    for folder, dirs, files in os.walk(root):
        rel = Path(folder).relative_to(root).as_posix()
        dirs[:] = [d for d in dirs if not d.startswith(".")
                   and (f"{d}/" if rel == "." else f"{rel}/{d}/") not in skip]
        found += [Path(folder, name) for name in files if name.endswith(".html")]
    return sorted(found)


def pages_from_site(site_dir: str | Path, root_url: str, facts: PageFacts | None = None) -> list[SitemapPage]:
    """Every page of the built site under ``site_dir`` (all languages), with its alternates."""
    facts = facts if facts is not None else PageFacts()
    root = Path(site_dir)
    root_url = root_url.rstrip("/") + "/"
    groups: dict[str, dict[str, tuple[str, dt.date | None]]] = {}
    seen = set()
    for path in _pages(root):
        rel = path.relative_to(root).as_posix()
        if path.name in SKIPPED_FILES:
            continue
        seen.add(str(path))
        indexed, lastmod = facts.of(path)
        if not indexed:
            continue
        lang, inner = language_of_path(rel)
        url = root_url + lang.prefix + _url_path(inner)
        groups.setdefault(_url_path(inner), {})[lang.code] = (url, lastmod)
    pages = []
    default = root_language().code
    for versions in groups.values():
        alternates = {lang.html_lang: versions[code][0]
                      for code, lang in LANGUAGES.items() if code in versions}
        if len(alternates) > 1 and default in versions:
            alternates["x-default"] = versions[default][0]
        if len(alternates) == 1:
            alternates = {}  # a page without translations has nothing to announce
        for code, (url, lastmod) in versions.items():
            pages.append(SitemapPage(loc=url, alternates=alternates, lastmod=lastmod, language=code))
    facts.forget_missing(root, seen)
    return pages


def write_sitemaps(site_dir: str | Path, root_url: str, facts: PageFacts | None = None) -> int:
    """Write each language's ``sitemap.xml`` and the root ``robots.txt``; return the files changed.

    The sitemaps MkDocs wrote (without translations, ``sitemap.xml.gz`` too) are replaced or removed,
    so no two sitemaps disagree.
    """
    root = Path(site_dir)
    root_url = root_url.rstrip("/") + "/"
    pages = pages_from_site(root, root_url, facts)
    written, sitemap_urls = 0, []
    for lang in LANGUAGES.values():
        prefix = lang.prefix
        if not (root / prefix).is_dir():
            continue  # a language that was not built
        stale = root / prefix / (SITEMAP_FILE + ".gz")
        if stale.is_file():
            stale.unlink()
        written += write_atomic(root / prefix / SITEMAP_FILE,
                                render_sitemap(p for p in pages if p.language == lang.code))
        sitemap_urls.append(root_url + prefix + SITEMAP_FILE)
    written += write_atomic(root / ROBOTS_FILE, render_robots(sitemap_urls))
    return written
