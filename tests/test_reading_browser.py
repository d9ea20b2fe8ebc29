"""The reading experience in real headless Chromium, at 390×844 and 1280×800, in every language.

The summary starts on a phone's first screen, the source line says what is known of the original, the
feed links can be seen and load, paginated listings link each other and stay small, and no heading
reads "X X". Expectations come from briefings/*.md and the language table, never from the output.
A second site is built from a generated corpus (bench/corpus.py) large enough to paginate.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.register_assert_rewrite("tests.support.browser")
from build_tools.model import Briefing  # noqa: E402
from build_tools.site.language import LANGUAGES  # noqa: E402
from tests.support.browser import (  # noqa: E402
    LANGS,
    SITE_PREFIX,
    VIEWPORTS,
    Reader,
    briefing_path,
    corpus_briefings,
    serve_directory,
)
from tests.support.sites import REAL_TAXONOMY, build  # noqa: E402

pytest_plugins = ["tests.support.browser"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The bound: no page of the site is heavier than this, whatever the number of briefings.
PAGE_MAX_BYTES = 100_000
# Enough generated briefings that the largest topic and the home listing have several pages.
PAGED_CORPUS_SIZE = 160
SITE_NAMES = {"en": "AI Briefing", "zh": "AI 简报", "zh-hant": "AI 簡報"}


def _most_tagged() -> Briefing:
    """The briefing with the most topics and names: the one whose chips used to push the summary down."""
    return max(corpus_briefings(), key=lambda b: (len(b.tags) + len(b.entities), b.id))


def _top(reader: Reader, selector: str) -> float:
    box = reader.page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not laid out on {reader.page.url}"
    return box["y"]


# ---- First screen ------------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", LANGS)
def test_title_date_source_and_summary_come_first(new_reader, lang: str, viewport: str) -> None:
    b = _most_tagged()
    reader: Reader = new_reader(viewport)
    reader.open(briefing_path(lang, b.id))
    height = VIEWPORTS[viewport]["height"]
    order = [
        _top(reader, s)
        for s in (
            "h1#briefing-title",
            ".briefing-meta",
            ".briefing-source",
            ".briefing-summary",
            ".briefing-tags",
        )
    ]
    assert order == sorted(order), f"{lang} {viewport}: title, date, source, summary, chips out of order"
    summary = reader.page.locator(".briefing-summary p").first
    first_line = summary.bounding_box()
    assert first_line["y"] + 24 <= height, (
        f"{lang} {viewport}: the summary starts at {first_line['y']:.0f}px, below the first screen "
        f"({height}px)"
    )
    assert reader.page.locator(".briefing-meta__reading-time").is_visible()
    more = reader.page.locator(".briefing-chips__more > summary")
    shown = reader.page.locator(".briefing-tags > .briefing-chips > a.chip")
    assert shown.count() <= 7 and (more.count() > 0) == (len(b.tags) > 3 or len(b.entities) > 4)
    if more.count():
        hidden = reader.page.locator(".briefing-chips__more a.chip")
        assert not hidden.first.is_visible()
        more.first.click()
        assert reader.page.locator(".briefing-chips__more[open] a.chip").first.is_visible()
    reader.screenshot(f"reading-first-screen-{lang}-{viewport}")
    reader.watch.assert_clean()


# ---- Source line ---------------------------------------------------------------------------------------


def _expected_source(b: Briefing, lang: str) -> tuple[str, str | None]:
    """The words the source line must show, and the link it must have."""
    t = LANGUAGES[lang]
    name = t.script(b.source.name or "")
    if b.source.url:
        outlet = name or re.sub(r"^https?://(www\.)?", "", b.source.url).split("/")[0]
        return f"{outlet} · {t.t('source.original')}", b.source.url
    if name:
        return " ".join(f"{name}{t.t('source.no_page')}".split()), None
    return t.t("source.unknown"), None


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", LANGS)
def test_the_source_line_shows_the_outlet_and_link_or_says_the_original_is_not_known(
    new_reader, lang: str, viewport: str
) -> None:
    reader: Reader = new_reader(viewport)
    for b in corpus_briefings():
        reader.open(briefing_path(lang, b.id))
        line = reader.page.locator(".briefing-source")
        assert line.is_visible()
        words, link = _expected_source(b, lang)
        text = " ".join(line.inner_text().split())
        assert text.endswith(words), f"{lang} {b.id}: source line {text!r}, expected it to end {words!r}"
        links = line.locator("a")
        assert [links.nth(i).get_attribute("href") for i in range(links.count())] == ([link] if link else [])
        made = reader.page.locator(".briefing-made")
        if b.seed:
            seed = made.locator("a.briefing-made__seed")
            assert seed.get_attribute("href").endswith(f"/blob/main/{b.seed}")
            # The path wraps only at its slashes: one line per segment at most, inside the window.
            lines = seed.locator("code").evaluate("el => el.getClientRects().length")
            assert lines <= b.seed.count("/") + 1
            width = reader.page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= VIEWPORTS[viewport]["width"], f"{lang} {b.id}: the page scrolls sideways"
    reader.watch.assert_clean()


# ---- Feeds ---------------------------------------------------------------------------------------------


def _assert_feed(reader: Reader, link, kind: str) -> str:
    link.scroll_into_view_if_needed()
    assert link.is_visible()
    url = reader.page.evaluate("a => a.href", link.element_handle())
    response = reader.page.request.get(url)
    assert response.status == 200, f"{url}: {response.status}"
    body = response.text()
    if kind == "rss":
        assert "<rss" in body[:500], url
        return re.search(r"<title>(.*?)</title>", body).group(1)
    return json.loads(body)["title"]


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", LANGS)
def test_feed_links_are_visible_and_load(new_reader, lang: str, viewport: str) -> None:
    reader: Reader = new_reader(viewport)
    reader.open(SITE_PREFIX[lang])
    t = LANGUAGES[lang]
    footer = reader.page.locator("[data-site-footer]")
    for kind in ("rss", "json"):
        title = _assert_feed(reader, footer.locator(f'a[data-footer="feed-{kind}"]'), kind)
        assert html.unescape(title) == t.t("site.name")
    assert footer.locator('a[data-footer="about"]').is_visible()
    assert footer.locator('a[data-footer="licence"]').is_visible()
    assert footer.locator('a[data-footer="repository"]').is_visible()
    reader.screenshot(f"reading-footer-{lang}-{viewport}")
    topic = next(tag for b in corpus_briefings() for tag in b.tags)
    reader.open(f"{SITE_PREFIX[lang]}topics/{topic}/")
    feeds = reader.page.locator(".topic-feed")
    label = reader.page.locator("h1#topic-title").inner_text().strip()
    for kind in ("rss", "json"):
        title = _assert_feed(reader, feeds.locator(f'a[data-feed="{kind}"]'), kind)
        assert label.split()[0] in html.unescape(title), f"{kind} feed of {topic} is titled {title!r}"
    reader.watch.assert_clean()


# ---- Pagination, on a generated corpus ------------------------------------------------------------------


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.corpus import write_corpus

    root = tmp_path_factory.mktemp("paged")
    write_corpus(root / "input", PAGED_CORPUS_SIZE)
    site = root / "site"
    done = build(site, briefings=root / "input" / "briefings", taxonomy=REAL_TAXONOMY)
    if done.returncode != 0:
        pytest.fail(
            f"mkdocs build --strict of the generated corpus failed:\n{done.stderr[-4000:]}", pytrace=False
        )
    return site


@pytest.fixture(scope="module")
def paged_url(paged_site: Path) -> Iterator[str]:
    with serve_directory(paged_site) as url:
        yield url


def _largest_topic(paged_site: Path) -> str:
    """The topic with the most pages in the built site."""
    counts = {p.parent.name: len(list(p.iterdir())) for p in (paged_site / "topics").glob("*/page")}
    assert counts, "no topic of the generated corpus has a second page"
    return max(counts, key=lambda k: (counts[k], k))


@pytest.mark.parametrize("lang", LANGS)
def test_a_paginated_topic_links_its_pages_each_way_and_each_page_is_small(
    new_reader, paged_site: Path, paged_url: str, lang: str
) -> None:
    topic = _largest_topic(paged_site)
    reader: Reader = new_reader("phone", base=paged_url)
    start = f"{SITE_PREFIX[lang]}topics/{topic}/"
    reader.open(start)
    visited, listed = [], []
    while True:
        here = reader.path()
        visited.append(here)
        listed += reader.page.eval_on_selector_all(
            ".timeline li.briefing-link", "els => els.map(e => e.dataset.briefingId)"
        )
        file = paged_site / here.removeprefix("/") / "index.html"
        assert file.stat().st_size <= PAGE_MAX_BYTES, f"{here}: {file.stat().st_size} bytes"
        head_next = reader.page.locator('head link[rel="next"]')
        pager_next = reader.page.locator('nav.pagination a[rel="next"]')
        if pager_next.count() == 0:
            assert head_next.count() == 0
            break
        target = posixpath.normpath(posixpath.join(here, pager_next.get_attribute("href"))) + "/"
        assert posixpath.normpath(posixpath.join(here, head_next.get_attribute("href"))) + "/" == target
        assert target == f"{start}page/{len(visited) + 1}/"
        pager_next.click()
        reader.page.wait_for_url(f"**{target}")
    assert len(visited) >= 2
    assert len(listed) == len(set(listed)), "a briefing is listed on two pages"
    total = int(re.search(r"\d+", reader.page.locator(".topic-kind").inner_text().split("·")[-1]).group())
    assert len(listed) == total
    for page in reversed(visited[:-1]):  # and back, by the newer links
        reader.page.locator('nav.pagination a[rel="prev"]').click()
        reader.page.wait_for_url(f"**{page}")
    sitemap = (paged_site / SITE_PREFIX[lang].removeprefix("/") / "sitemap.xml").read_text(encoding="utf-8")
    for page in visited:
        assert f"{page}</loc>" in sitemap, f"{page} is not in the sitemap"
    reader.watch.assert_clean()


def test_every_page_of_the_generated_site_is_at_most_100_kb(paged_site: Path) -> None:
    sizes = {p: p.stat().st_size for p in paged_site.rglob("*.html")}
    too_big = {str(p.relative_to(paged_site)): n for p, n in sizes.items() if n > PAGE_MAX_BYTES}
    assert not too_big
    assert len(list((paged_site / "page").iterdir())) >= PAGED_CORPUS_SIZE // 10 - 1  # the home listing


# ---- Headings and titles -----------------------------------------------------------------------------------


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.texts: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.depth += 1
            self.texts.append("")
        elif tag == "title":
            self._in_title = True
        elif tag == "a" and self.depth and ("class", "headerlink") in attrs:
            self.depth += 100  # the ¶ permalink is not part of the heading

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self.depth:
            self.depth = 0
        elif tag == "a" and self.depth > 100:
            self.depth -= 100
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self.depth and self.depth < 100:
            self.texts[-1] += data
        if self._in_title:
            self.title += data


def doubled(text: str) -> bool:
    """True when a heading reads as the same words twice in a row ("OpenAI OpenAI")."""
    words = text.split()
    for size in range(1, len(words) // 2 + 1):
        for i in range(len(words) - 2 * size + 1):
            if words[i : i + size] == words[i + size : i + 2 * size] and any(
                w.isalpha() for w in words[i : i + size]
            ):
                return True
    return False


def test_doubled_detects_what_it_must() -> None:
    assert doubled("OpenAI OpenAI") and doubled("Sam Altman Sam Altman") and doubled("话题 OpenAI OpenAI")
    assert not doubled("OpenAI 开放人工智能") and not doubled("2024 2024") and not doubled("Sam Altman")


@pytest.mark.parametrize("which", ["site", "generated"])
def test_no_heading_anywhere_reads_x_x(request, which: str) -> None:
    site: Path = request.getfixturevalue("built_site" if which == "site" else "paged_site")
    found = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        parser = _Headings()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [
            f"{page.relative_to(site)}: {t.strip()!r}" for t in parser.texts if doubled(" ".join(t.split()))
        ]
        title = " ".join(parser.title.split())
        own, _, site_name = title.rpartition(" - ")
        assert own != site_name and not doubled(own), f"{page.relative_to(site)}: <title>{title}</title>"
    assert not found, found[:10]


def test_each_home_page_is_titled_with_the_site_name_alone(built_site: Path) -> None:
    for lang, prefix in SITE_PREFIX.items():
        parser = _Headings()
        parser.feed((built_site / prefix.removeprefix("/") / "index.html").read_text(encoding="utf-8"))
        assert " ".join(parser.title.split()) == SITE_NAMES[lang]
