"""What a reader sees first: the source line, reading time, chips, pagination, feeds and the footer."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from build_tools.model import Bilingual, Briefing, Entry, Paragraph, Source
from build_tools.site.collect import Corpus, load_corpus
from build_tools.site.indexes import (
    HOME_LATEST,
    PAGE_SIZE,
    home_page,
    month_page,
    page_count,
    topic_index_page,
    topic_page,
    topic_pages,
)
from build_tools.site.language import LANGUAGES
from build_tools.site.pages import generate_pages
from build_tools.site.relations import build_relations
from build_tools.site.render import (
    DEFAULT_REPOSITORY_LINKS,
    HAN_PER_MINUTE,
    HEADER_NAMES,
    HEADER_TOPICS,
    WORDS_PER_MINUTE,
    Repository,
    briefing_page,
    footer_links,
    reading_minutes,
    repository_from,
)

FIXTURES = Path(__file__).parent / "fixtures"
# The largest listing page may hold this much HTML of its own: the theme around it (header, navigation,
# footer: ~14 KB, measured on the built site by tests/test_reading_browser.py) keeps it under 100 KB.
LISTING_CONTENT_MAX_BYTES = 60_000


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(FIXTURES / "briefings", FIXTURES / "taxonomy.yaml")


def _html(corpus: Corpus, b: Briefing, lang: str, repo: Repository = DEFAULT_REPOSITORY_LINKS) -> str:
    return briefing_page(b, LANGUAGES[lang], corpus.taxonomy, corpus.relations, corpus.by_id, repo).html


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def _source_line(html: str) -> str:
    match = re.search(r'<p class="briefing-source"[^>]*>.*?</p>', html)
    assert match, "no source line"
    return match.group(0)


# ---- Source line ----------------------------------------------------------------------------------

SOURCE_CASES = [
    (
        Source("Xinhua", "https://example.org/a.html"),
        "linked",
        {
            "en": "Source: Xinhua · Read the original",
            "zh": "来源：Xinhua · 阅读原文",
            "zh-hant": "來源：Xinhua · 閱讀原文",
        },
    ),
    (
        Source("企业网D1net", None),
        "no-page",
        {
            "en": "Source: 企业网D1net (original page not known)",
            "zh": "来源：企业网D1net（原文网址不详）",
            "zh-hant": "來源：企業網D1net（原文網址不詳）",
        },
    ),
    (
        Source(None, "https://www.example.org/x"),
        "linked",
        {
            "en": "Source: example.org · Read the original",
            "zh": "来源：example.org · 阅读原文",
            "zh-hant": "來源：example.org · 閱讀原文",
        },
    ),
    (
        Source(None, None),
        "unknown",
        {
            "en": "Source: not known (the page this was copied from names no outlet)",
            "zh": "来源：不详（所录网页未注明出处）",
            "zh-hant": "來源：不詳（所錄網頁未註明出處）",
        },
    ),
    (
        Source("Evil", "javascript:alert(1)"),
        "no-page",
        {
            "en": "Source: Evil (original page not known)",
            "zh": "来源：Evil（原文网址不详）",
            "zh-hant": "來源：Evil（原文網址不詳）",
        },
    ),
]


@pytest.mark.parametrize(
    ("source", "state", "texts"), SOURCE_CASES, ids=[c[1] + str(i) for i, c in enumerate(SOURCE_CASES)]
)
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_source_line_names_the_outlet_and_links_the_original_or_says_what_is_not_known(
    corpus: Corpus, source: Source, state: str, texts: dict[str, str], lang: str
) -> None:
    b = dataclasses.replace(corpus.by_id["altman-open-source"], source=source)
    line = _source_line(_html(corpus, b, lang))
    assert f'data-source="{state}"' in line
    assert _text(line) == texts[lang]
    links = re.findall(r'href="([^"]*)"', line)
    assert links == ([source.url] if state == "linked" else [])


def test_the_source_line_comes_before_the_summary_and_the_chips_after(corpus: Corpus) -> None:
    html = _html(corpus, corpus.by_id["altman-open-source"], "en")
    order = [
        html.index(marker)
        for marker in (
            'id="briefing-title"',
            'class="briefing-meta"',
            'class="briefing-source"',
            'class="briefing-summary"',
            'class="briefing-tags"',
            'id="article"',
            'class="briefing-made"',
        )
    ]
    assert order == sorted(order)


def test_how_this_was_made_links_the_seed_and_the_file_in_the_configured_repository(corpus: Corpus) -> None:
    b = corpus.by_id["altman-open-source"]
    repo = repository_from({"repository": {"url": "https://git.example.org/team/briefing/", "branch": "dev"}})
    html = _html(corpus, b, "en", repo)
    made = re.search(r'<p class="briefing-made">.*?</p>', html).group(0)
    assert re.findall(r'href="([^"]*)"', made) == [
        "https://git.example.org/team/briefing/blob/dev/seeds/ama.txt",
        "https://git.example.org/team/briefing/blob/dev/briefings/altman-open-source.md",
    ]
    # The path breaks only after its slash: no break opportunity inside a name.
    assert "<code>seeds/<wbr>ama.txt</code>" in made
    assert _text(made) == (
        "How this was made: drafted from seeds/ama.txt, the copy of the original page "
        "kept in the repository · Edit this briefing"
    )
    assert repository_from({}).url == "https://github.com/ai-briefing/ai-briefing"
    hostile = repository_from({"repository": {"url": "javascript:alert(1)//"}})
    assert "javascript:" not in _html(corpus, b, "en", hostile)


# ---- Reading time ---------------------------------------------------------------------------------


def _briefing_with(en: str, zh: str) -> Briefing:
    return Briefing(
        id="t",
        date=None,
        language="en",
        title=Bilingual("T", "T"),
        paragraphs=[Paragraph("p", en, zh)],
        translation={"en": "original", "zh": "reviewed"},
    )


@pytest.mark.parametrize(
    ("words", "minutes"), [(1, 1), (WORDS_PER_MINUTE * 3, 3), (WORDS_PER_MINUTE * 7 + 10, 7)]
)
def test_reading_time_counts_english_words(words: int, minutes: int) -> None:
    assert reading_minutes(_briefing_with(" ".join(["word"] * words), ""), "en") == minutes


def test_reading_time_counts_chinese_characters_and_latin_words_as_one_each() -> None:
    zh = "模" * (HAN_PER_MINUTE * 4 - 10) + " OpenAI GPT-4o" * 10
    assert reading_minutes(_briefing_with("", zh), "zh") == 4
    assert reading_minutes(_briefing_with("", "字" * (HAN_PER_MINUTE * 2)), "zh") == 2


def test_reading_time_is_on_the_page_and_in_listings(corpus: Corpus) -> None:
    b = corpus.by_id["altman-open-source"]
    assert '<span class="briefing-meta__reading-time">1 min read</span>' in _html(corpus, b, "en")
    assert '<span class="briefing-meta__reading-time">阅读约 1 分钟</span>' in _html(corpus, b, "zh")
    tax, rel = corpus.taxonomy, corpus.relations
    for page in (
        home_page(LANGUAGES["en"], tax, rel, corpus.by_id),
        topic_page(tax.get("openai"), LANGUAGES["en"], tax, rel, corpus.by_id),
    ):
        assert page.html.count('class="reading-time"') >= 2


# ---- Chips --------------------------------------------------------------------------------------------


def test_header_shows_the_first_topics_and_names_and_the_rest_behind_more(corpus: Corpus) -> None:
    from build_tools.briefing.taxonomy import load_taxonomy

    tax = load_taxonomy()  # the project's: more topics than the fixtures' three
    topics = [e.id for e in tax if e.is_topic][:10]
    names = [e.id for e in tax if not e.is_topic][:28]
    assert len(topics) > HEADER_TOPICS and len(names) > HEADER_NAMES
    b = dataclasses.replace(corpus.by_id["altman-open-source"], tags=topics, entities=names)
    html = briefing_page(b, LANGUAGES["en"], tax, corpus.relations, corpus.by_id).html
    for kind, ids, shown in (("topics", topics, HEADER_TOPICS), ("entities", names, HEADER_NAMES)):
        line = re.search(rf'<div class="briefing-chips briefing-chips--{kind}">.*?</div>', html).group(0)
        first, _, rest = line.partition("<details")
        assert first.count('class="chip ') == shown
        assert f"<summary>+ {len(ids) - shown} more</summary>" in rest
        assert rest.count('class="chip ') == len(ids) - shown
    assert "+ 1 more" not in _html(corpus, corpus.by_id["altman-open-source"], "en")


# ---- Labels that read the same ----------------------------------------------------------------------


def test_a_label_equal_in_both_languages_is_shown_once(corpus: Corpus) -> None:
    tax, rel = corpus.taxonomy, corpus.relations
    openai = tax.get("openai")
    assert openai.en == openai.zh == "OpenAI"
    for lang in LANGUAGES.values():
        heading = re.search(
            r"<h1[^>]*>.*?</h1>", topic_page(openai, lang, tax, rel, corpus.by_id).html
        ).group(0)
        assert _text(heading) == "OpenAI"
        index = topic_index_page(lang, tax, rel).html
        item = re.search(r'<li class="topic-count" data-topic-id="openai">.*?</li>', index).group(0)
        assert "other-label" not in item
    arm = Entry("arm", "organisation", "Arm Holdings", "Arm")
    for lang in LANGUAGES.values():  # one label holds the other's words: "Arm Arm Holdings" says nothing more
        heading = re.search(r"<h1[^>]*>.*?</h1>", topic_page(arm, lang, tax, rel, corpus.by_id).html).group(0)
        assert _text(heading) == lang.label(arm)
    altman = topic_page(tax.get("sam-altman"), LANGUAGES["en"], tax, rel, corpus.by_id).html
    assert 'Sam Altman <span class="other-label" lang="zh-Hans">' in altman


# ---- Pagination -------------------------------------------------------------------------------------


def _synthetic(n: int) -> tuple[list[Briefing], object]:
    from bench.corpus import iter_briefings
    from build_tools.briefing.taxonomy import load_taxonomy

    briefings = list(iter_briefings(n))
    tax = load_taxonomy()
    return briefings, tax


def _pager_links(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="pagination".*?</nav>', html)
    return dict(re.findall(r'rel="(prev|next)" href="([^"]+)"', nav.group(0))) if nav else {}


def _resolve(here: str, link: str) -> str:
    import posixpath

    return posixpath.normpath(posixpath.join(here, link)) + "/"


@pytest.fixture(scope="module")
def big() -> tuple[list[Briefing], object, object]:
    briefings, tax = _synthetic(400)
    return briefings, tax, build_relations(briefings, tax)


def test_topic_pages_hold_page_size_briefings_each_once_and_link_each_other(big) -> None:
    briefings, tax, rel = big
    by_id = {b.id: b for b in briefings}
    top = max(rel.postings, key=lambda k: len(rel.postings[k]))
    ids = rel.postings[top]
    total = topic_pages(top, rel)
    assert total == page_count(len(ids), PAGE_SIZE) >= 3
    lang = LANGUAGES["en"]
    seen: list[str] = []
    for number in range(1, total + 1):
        page = topic_page(tax.get(top), lang, tax, rel, by_id, number=number)
        here = f"topics/{top}/" if number == 1 else f"topics/{top}/page/{number}/"
        listed = re.findall(r'<li class="briefing-link" data-briefing-id="([^"]+)"', page.html)
        assert len(listed) == min(PAGE_SIZE, len(ids) - (number - 1) * PAGE_SIZE)
        seen += listed
        links = {rel_: _resolve(here, href) for rel_, href in _pager_links(page.html).items()}
        expected = {}
        if number > 1:
            expected["prev"] = f"topics/{top}/" if number == 2 else f"topics/{top}/page/{number - 1}/"
        if number < total:
            expected["next"] = f"topics/{top}/page/{number + 1}/"
        assert links == expected, number
        meta_links = {k: _resolve(here, v) for k, v in page.meta.get("pagination", {}).items()}
        assert meta_links == expected, number
        assert f"Page {number} of {total}" in page.html
        if number > 1:
            assert page.meta["title"] == f"{lang.label(tax.get(top))} · page {number}"
    assert seen == ids


def test_generated_pages_include_every_page_of_every_listing(big) -> None:
    briefings, tax, rel = big
    corpus = Corpus(briefings, tax, Path(), Path())
    corpus._relations = rel
    lang = LANGUAGES["zh"]
    pages = generate_pages(corpus, rel, lang)
    top = max(rel.postings, key=lambda k: len(rel.postings[k]))
    total = topic_pages(top, rel)
    assert f"topics/{top}/page/{total}.md" in pages and f"topics/{top}/page/{total + 1}.md" not in pages
    assert "topics/" + top + ".md" in pages and f"topics/{top}/page/1.md" not in pages
    homes = page_count(len(briefings), HOME_LATEST)
    assert {f"page/{n}.md" for n in range(2, homes + 1)} <= set(pages) and "index.md" in pages
    month = max(rel.months, key=lambda m: len(rel.months[m]))
    listed = re.findall(r'data-briefing-id="([^"]+)"', month_page(month, lang, rel, corpus.by_id).html)
    assert listed == rel.months[month][:PAGE_SIZE]


@pytest.mark.slow
def test_the_largest_listing_pages_stay_small_at_3000_briefings() -> None:
    """Every page of the largest topic and month at N = 3,000 (bench corpus), in every language."""
    briefings, tax = _synthetic(3000)
    rel = build_relations(briefings, tax)
    by_id = {b.id: b for b in briefings}
    top = max(rel.postings, key=lambda k: len(rel.postings[k]))
    month = max(rel.months, key=lambda m: len(rel.months[m]))
    assert len(rel.postings[top]) > 1000  # a listing that unpaginated would pass half a megabyte
    largest = 0
    for lang in LANGUAGES.values():
        for number in range(1, topic_pages(top, rel) + 1):
            largest = max(
                largest, len(topic_page(tax.get(top), lang, tax, rel, by_id, number=number).html.encode())
            )
        largest = max(largest, len(month_page(month, lang, rel, by_id).html.encode()))
        largest = max(largest, len(home_page(lang, tax, rel, by_id).html.encode()))
    assert largest <= LISTING_CONTENT_MAX_BYTES


# ---- Footer -------------------------------------------------------------------------------------------


def test_footer_links_about_feeds_licence_and_repository_in_each_language() -> None:
    extra = {
        "repository": {"url": "https://git.example.org/x"},
        "content_licence": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    }
    labels = {
        code: [(link["kind"], link["label"], link["href"]) for link in footer_links(lang, extra)]
        for code, lang in LANGUAGES.items()
    }
    assert labels["en"] == [
        ("about", "About", "about/"),
        ("feed-rss", "RSS", "feed.xml"),
        ("feed-json", "JSON Feed", "feed.json"),
        ("licence", "Content licence: CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
        ("repository", "Source code", "https://git.example.org/x"),
    ]
    assert [label for _, label, _ in labels["zh"]] == [
        "关于",
        "RSS",
        "JSON Feed",
        "内容许可: CC BY 4.0",
        "源代码",
    ]
    assert labels["zh-hant"][0][1] == "關於"
    assert [k for k, _, _ in (x for x in labels["en"])] == [k for k, _, _ in labels["zh-hant"]]


def test_topic_pages_link_their_feeds_entities_do_not(corpus: Corpus) -> None:
    tax, rel = corpus.taxonomy, corpus.relations
    topic = next(e for e in tax if e.is_topic and rel.postings.get(e.id))
    html = topic_page(topic, LANGUAGES["zh"], tax, rel, corpus.by_id).html
    feed = re.search(r'<p class="topic-feed">.*?</p>', html).group(0)
    assert re.findall(r'href="([^"]+)"', feed) == [
        f"../../feed-{topic.id}.xml",
        f"../../feed-{topic.id}.json",
    ]
    assert _text(feed) == "订阅本话题：RSS · JSON Feed"
    entity = Entry("x", "person", "X", "某")
    assert 'class="topic-feed"' not in topic_page(entity, LANGUAGES["en"], tax, rel, corpus.by_id).html
