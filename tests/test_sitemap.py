"""The sitemaps of the trilingual site: one per language root, every page with its hreflang alternates and
front matter date, and robots.txt naming them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from build_tools.site.publish.sitemap import render_sitemap, write_sitemaps

SITE = "https://example.org/ai/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def page(root: Path, rel: str, head: str = "") -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><head><title>t</title>{head}</head><body>"
                    '<meta property="article:published_time" content="1999-01-01">'  # body: ignored
                    "</body></html>", encoding="utf-8")


def built_site(root: Path) -> Path:
    """The shape of a build: English at the root, Chinese under zh/ and zh-hant/, MkDocs' own sitemaps."""
    dated = '<meta property="article:published_time" content="2024-06-03T00:00:00+00:00">'
    for prefix in ("", "zh/", "zh-hant/"):
        page(root, f"{prefix}index.html")
        page(root, f"{prefix}briefings/gpt-4o-launch/index.html", dated)
        page(root, f"{prefix}404.html")
        (root / prefix / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
        (root / prefix / "sitemap.xml.gz").write_bytes(b"stale")
    page(root, "about/index.html")  # English only
    page(root, "zh/search-only/index.html", '<meta name="robots" content="noindex">')
    return root


def urls(text: str) -> dict[str, ET.Element]:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return {u.findtext("s:loc", namespaces=NS): u for u in root.findall("s:url", NS)}


def test_a_sitemap_per_language_with_alternates(tmp_path: Path):
    site = built_site(tmp_path / "site")
    assert write_sitemaps(site, SITE) == 4  # three sitemaps and robots.txt
    sitemaps = {prefix: urls((site / prefix / "sitemap.xml").read_text(encoding="utf-8"))
                for prefix in ("", "zh/", "zh-hant/")}
    # each language's pages in its own sitemap, once
    assert {prefix: sorted(found) for prefix, found in sitemaps.items()} == {
        "": [f"{SITE}", f"{SITE}about/", f"{SITE}briefings/gpt-4o-launch/"],
        "zh/": [f"{SITE}zh/", f"{SITE}zh/briefings/gpt-4o-launch/"],
        "zh-hant/": [f"{SITE}zh-hant/", f"{SITE}zh-hant/briefings/gpt-4o-launch/"],
    }
    found = {loc: entry for entries in sitemaps.values() for loc, entry in entries.items()}
    entry = found[f"{SITE}zh/briefings/gpt-4o-launch/"]
    alternates = {a.get("hreflang"): a.get("href") for a in entry.findall("x:link", NS)}
    assert alternates == {
        "en": f"{SITE}briefings/gpt-4o-launch/",
        "zh-Hans": f"{SITE}zh/briefings/gpt-4o-launch/",
        "zh-Hant": f"{SITE}zh-hant/briefings/gpt-4o-launch/",
        "x-default": f"{SITE}briefings/gpt-4o-launch/",
    }
    assert all(a.get("rel") == "alternate" for a in entry.findall("x:link", NS))
    # lastmod from the briefing's date; none for pages without one (never the build time)
    assert entry.findtext("s:lastmod", namespaces=NS) == "2024-06-03"
    assert found[f"{SITE}zh/"].find("s:lastmod", NS) is None
    assert found[f"{SITE}about/"].findall("x:link", NS) == []
    assert found[f"{SITE}"].find("x:link[@hreflang='zh-Hant']", NS).get("href") == f"{SITE}zh-hant/"
    # MkDocs' sitemaps are replaced, its compressed copies removed: nothing contradicts ours
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("sitemap.xml*")) == [
        "sitemap.xml", "zh-hant/sitemap.xml", "zh/sitemap.xml"]
    # crawlers learn of all three from robots.txt, which allows everything
    assert (site / "robots.txt").read_text(encoding="utf-8").splitlines()[1:] == [
        "User-agent: *", "Disallow:", "",
        *(f"Sitemap: {SITE}{prefix}sitemap.xml" for prefix in ("", "zh/", "zh-hant/"))]
    # a second run finds nothing to change: the output does not depend on the time of the build
    assert write_sitemaps(site, SITE.rstrip("/")) == 0


def test_a_language_that_was_not_built_gets_no_sitemap(tmp_path: Path):
    site = tmp_path / "site"
    page(site, "index.html")
    page(site, "about/index.html")
    assert write_sitemaps(site, SITE) == 2
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.xml")) == ["sitemap.xml"]
    assert sorted(urls((site / "sitemap.xml").read_text(encoding="utf-8"))) == [SITE, f"{SITE}about/"]
    assert (site / "robots.txt").read_text(encoding="utf-8").splitlines()[-1] == f"Sitemap: {SITE}sitemap.xml"


def test_sitemap_escapes_and_sorts():
    from build_tools.site.publish.sitemap import SitemapPage

    text = render_sitemap([SitemapPage(loc="https://e.org/b?x=1&y=2"), SitemapPage(loc="https://e.org/a")])
    assert "x=1&amp;y=2" in text
    assert list(urls(text)) == ["https://e.org/a", "https://e.org/b?x=1&y=2"]


def test_a_page_changed_since_the_last_sitemap_is_read_again(tmp_path: Path):
    root = built_site(tmp_path)
    write_sitemaps(root, SITE)
    before = (root / "sitemap.xml").read_text(encoding="utf-8")
    page(root, "briefings/gpt-4o-launch/index.html",
         '<meta property="article:published_time" content="2025-02-01">')
    page(root, "about/index.html", '<meta name="robots" content="noindex">')
    write_sitemaps(root, SITE)
    after = urls((root / "sitemap.xml").read_text(encoding="utf-8"))
    assert after[SITE + "briefings/gpt-4o-launch/"].findtext("s:lastmod", namespaces=NS) == "2025-02-01"
    assert SITE + "about/" in urls(before) and SITE + "about/" not in after
