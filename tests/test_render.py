"""Generated pages of the site: golden pages of the fixture set, escaping, views."""

from __future__ import annotations

import dataclasses
import html
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from build_tools.model import Source
from build_tools.site.collect import Corpus, load_corpus
from build_tools.site.language import LANGUAGES
from build_tools.site.pages import generate_pages
from build_tools.site.render import href, render_briefing, safe_url

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
# The Markdown extensions of mkdocs.yml that can touch raw HTML.
EXTENSIONS = ["admonition", "attr_list", "tables", "toc"]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(FIXTURES / "briefings", FIXTURES / "taxonomy.yaml")


def _page(corpus: Corpus, lang: str, briefing_id: str) -> str:
    return render_briefing(
        corpus.by_id[briefing_id], LANGUAGES[lang], corpus.taxonomy, corpus.relations, corpus.by_id
    )


def _front_matter(page: str) -> dict:
    return yaml.safe_load(page.split("---\n")[1])


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_generated_markdown_matches_golden(corpus: Corpus, lang: str, update_golden: bool) -> None:
    pages = generate_pages(corpus, corpus.relations, LANGUAGES[lang])
    folder = GOLDEN / lang
    if update_golden:
        for stale in folder.rglob("*.md") if folder.exists() else []:
            if stale.relative_to(folder).as_posix() not in pages:
                stale.unlink()
        for uri, text in pages.items():
            (folder / uri).parent.mkdir(parents=True, exist_ok=True)
            (folder / uri).write_text(text, encoding="utf-8")
    expected = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*.md")}
    assert sorted(pages) == sorted(expected), "pages added or removed: run `make golden` and review the diff"
    for uri, text in pages.items():
        assert text == expected[uri], f"{lang}/{uri} differs from tests/golden: run `make golden` and review"


class _Tags(HTMLParser):
    """Every tag and attribute of rendered HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_untrusted_text_is_never_markup(corpus: Corpus, lang: str) -> None:
    page = _page(corpus, lang, "hostile-text")
    rendered = markdown.markdown(page.split("---\n", 2)[2], extensions=EXTENSIONS)
    parser = _Tags()
    parser.feed(rendered)
    tags = {tag for tag, _ in parser.tags}
    assert not tags & {"script", "img", "iframe", "svg", "b"}, tags  # <strong> is ours (alias owners)
    for tag, attrs in parser.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert attrs.get("id") not in ("injected", "injected-zh")
        link = attrs.get("href") or ""
        assert not link.lower().startswith("javascript:"), (tag, attrs)
    # The text itself is all there, as text.
    assert "[click me](javascript:alert(1))" in html.unescape(rendered) or lang != "en"
    assert "{{ 7*7 }}" in rendered
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in rendered
    assert "**bold**" in rendered or lang != "en"


def test_page_meta_is_escaped_html(corpus: Corpus) -> None:
    b = corpus.by_id["hostile-text"]
    meta = _front_matter(_page(corpus, "en", "hostile-text"))
    # Material prints title and description unescaped: they must already be escaped HTML.
    assert meta["title"] == html.escape(b.title.en, quote=True)
    assert meta["description"] == html.escape(b.summary.en, quote=True)
    assert "<" not in meta["title"] and '"' not in meta["description"]


def test_source_link_only_for_http_urls(corpus: Corpus) -> None:
    b = corpus.by_id["altman-open-source"]
    page = _page(corpus, "en", b.id)
    assert (
        '<span class="briefing-source__outlet">Reddit AMA</span> · <a class="briefing-source__original" '
        'href="https://example.com/r/ama?id=1&amp;sort=top" rel="noopener nofollow">Read the original</a>'
        in page
    )
    hostile = dataclasses.replace(b, source=Source(name="Evil", url="javascript:alert(1)"))
    page = render_briefing(hostile, LANGUAGES["en"], corpus.taxonomy, corpus.relations, corpus.by_id)
    assert "javascript:" not in page
    assert (
        '<span class="briefing-source__outlet">Evil</span>'
        '<span class="briefing-source__no-page"> (original page not known)</span>' in page
    )
    assert safe_url("https://example.com/a") == "https://example.com/a"
    for bad in (
        "javascript:alert(1)",
        "data:text/html,x",
        "//example.com",
        'https://x.org/"onmouseover=x',
        "ftp://example.com/",
        None,
        "",
    ):
        assert safe_url(bad) is None, bad


def test_view_follows_the_reader_language(corpus: Corpus) -> None:
    # English original: English readers see the original, Chinese readers the translation.
    assert 'data-view="original" data-default-view="original"' in _page(corpus, "en", "altman-open-source")
    assert 'data-view="translation" data-default-view="translation"' in _page(
        corpus, "zh", "altman-open-source"
    )
    # Chinese original with a machine-made English translation: shown with a banner.
    page = _page(corpus, "en", "gpt-4o-race")
    assert 'data-view="translation"' in page
    assert 'data-translation-status="machine"' in page and "machine translation" in page
    for view in ("original", "translation", "parallel"):
        assert f'data-view="{view}" aria-pressed=' in page
    # English pending: the English page shows the Chinese original, says so, and offers no other view.
    page = _page(corpus, "en", "board-crisis")
    assert 'data-view="original" data-default-view="original" data-views="original"' in page
    assert 'data-translation-status="pending"' in page
    assert "view-toggle" not in page and 'data-col="translation"' not in page
    assert "data-translation-status" not in _page(corpus, "en", "altman-open-source")


def test_traditional_site_converts_text_and_prefers_official_names(corpus: Corpus) -> None:
    page = _page(corpus, "zh-hant", "gpt-4o-race")
    assert "資訊處理能力和軟體生態" in page  # s2twp: Taiwan vocabulary, not only characters
    assert "信息" not in page.split("<h1", 1)[1].split('data-entity="openai"')[0]
    page = _page(corpus, "zh-hant", "board-crisis")
    assert ">山姆·奧特曼</a>" in page  # taxonomy zh_hant beats OpenCC's 薩姆·奧爾特曼
    assert '來源：</span><span class="briefing-source__outlet">企業網D1net</span>' in page


def test_relative_links() -> None:
    assert href("briefings/a/", "topics/b/") == "../../topics/b/"
    assert href("", "topics/b/") == "topics/b/"
    assert href("briefings/a/", "") == "../../"
    assert href("topics/", "topics/b/") == "b/"
    assert href("topics/b/", "topics/") == "../"
    assert href("glossary/", "glossary/") == "./"
