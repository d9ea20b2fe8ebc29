"""The one sitemap of the trilingual site: every page, its hreflang alternates, front matter dates."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from build_tools.sitemap import render_sitemap, write_sitemap

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


def test_one_sitemap_for_all_languages_with_alternates(tmp_path: Path):
    site = built_site(tmp_path / "site")
    assert write_sitemap(site, SITE) is True
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    found = urls(text)
    assert sorted(found) == [
        f"{SITE}", f"{SITE}about/", f"{SITE}briefings/gpt-4o-launch/",
        f"{SITE}zh-hant/", f"{SITE}zh-hant/briefings/gpt-4o-launch/",
        f"{SITE}zh/", f"{SITE}zh/briefings/gpt-4o-launch/",
    ]
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
    # MkDocs' per-language sitemaps are gone: nothing contradicts the one at the root
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("sitemap.xml*")) == ["sitemap.xml"]
    # a second run finds nothing to change: the output does not depend on the time of the build
    assert write_sitemap(site, SITE.rstrip("/")) is False


def test_sitemap_escapes_and_sorts():
    from build_tools.sitemap import SitemapPage

    text = render_sitemap([SitemapPage(loc="https://e.org/b?x=1&y=2"), SitemapPage(loc="https://e.org/a")])
    assert "x=1&amp;y=2" in text
    assert list(urls(text)) == ["https://e.org/a", "https://e.org/b?x=1&y=2"]
