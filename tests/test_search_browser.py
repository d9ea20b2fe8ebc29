"""Full-text search as a reader uses it, in real headless Chromium on the built site.

Words are picked from briefings/ by the test, not listed: words of the second half of one briefing's
article that occur nowhere else (not in its first half, title, summary, key points, names, nor in any
other briefing). Each must find its briefing in its language. The candidates are split in two by a
hash of the word: the index was tuned on words of the other half; this test reports the held-out one.
Run: ``.venv/bin/python -m pytest tests/test_search_browser.py`` (AI_BRIEFING_SITE_DIR=site skips the
build).
"""

from __future__ import annotations

import hashlib
import re

import pytest

pytest.register_assert_rewrite("tests.support.browser")
from build_tools.briefing.taxonomy import load_taxonomy  # noqa: E402
from build_tools.model import Briefing  # noqa: E402
from build_tools.site.language import LANGUAGES  # noqa: E402
from build_tools.site.render import entry_names, indexed_column  # noqa: E402
from tests.support.browser import (  # noqa: E402
    LANGS,
    SITE_PREFIX,
    Reader,
    briefing_ids,
    briefing_path,
    corpus_briefings,
    language_of,
    result_count,
    result_paths,
    search,
    wait_for_results,
)

pytest_plugins = ["tests.support.browser"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

# At most this many words per language (sorted by hash: the same words on every run).
WORDS_PER_LANGUAGE = 40
# The share of body-only words that must find their briefing (issue 12: 98 %).
FOUND_AT_LEAST = 0.98
_EN_WORD = re.compile(r"[A-Za-z][a-z]{5,}")
_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")


def _texts(b: Briefing, lang: str) -> tuple[list[str], str]:
    """The article's paragraphs as the ``lang`` site shows them first, and everything else on the page."""
    language = LANGUAGES[lang]
    column = indexed_column(b, language)
    paragraphs = [language.column(column, p.text(column)) for p in b.paragraphs]
    tax = load_taxonomy()
    names = [n for key in [*b.tags, *b.entities] if tax.get(key) for n in entry_names(language, tax.get(key))]
    heads = [b.title.en, b.title.zh, b.summary.en, b.summary.zh, *b.key_points.get("en", []),
             *b.key_points.get("zh", []), *names]
    return paragraphs, language.script("\n".join(heads))


def _candidates(b: Briefing, lang: str) -> list[str]:
    """Words of the second half of ``b``'s article, as a reader of ``lang`` would type them."""
    language = LANGUAGES[lang]
    paragraphs, _ = _texts(b, lang)
    second = paragraphs[len(paragraphs) // 2:]
    if indexed_column(b, language) == "en":
        return sorted({w for p in second for w in _EN_WORD.findall(p)})
    import jieba

    column = indexed_column(b, language)
    simplified = [p.text(column) for p in b.paragraphs[len(b.paragraphs) // 2:]]
    words = {w for p in simplified for w in jieba.cut(p) if _HAN_WORD.match(w)}
    return sorted({language.script(w) for w in words})


def body_only_words(lang: str) -> list[tuple[str, str]]:
    """(briefing id, word) for words found in one briefing's second half only; the held-out half."""
    briefings = corpus_briefings()
    pages = {}
    for b in briefings:
        paragraphs, heads = _texts(b, lang)
        pages[b.id] = (paragraphs, heads.casefold())
    found = []
    for b in briefings:
        paragraphs, heads = pages[b.id]
        first = "\n".join(paragraphs[: len(paragraphs) // 2]).casefold() + heads
        for word in _candidates(b, lang):
            key = word.casefold()
            if key in first or not any(word in p for p in paragraphs[len(paragraphs) // 2:]):
                continue
            if any(key in "\n".join(o[0]).casefold() or key in o[1] for i, o in pages.items() if i != b.id):
                continue
            digest = hashlib.sha256(f"{b.id}\n{word}".encode()).hexdigest()
            if int(digest, 16) % 2:  # the held-out half
                found.append((digest, b.id, word))
    return [(bid, word) for _, bid, word in sorted(found)[:WORDS_PER_LANGUAGE]]


def _search_again(reader: Reader, query: str) -> tuple[list[str], str]:
    """Replace the query in the open search box; return the results as ``search`` does."""
    reader.page.locator("input.md-search__input").fill(query)
    wait_for_results(reader, query)
    return result_paths(reader)


@pytest.mark.parametrize("lang", LANGS)
def test_words_from_anywhere_in_an_article_find_it(new_reader, lang: str) -> None:
    """≥ 98 % of body-only words (held-out half, picked from briefings/) find their briefing."""
    words = body_only_words(lang)
    assert len(words) >= 10, f"only {len(words)} body-only words in briefings/ for {lang}"
    reader: Reader = new_reader("desktop")
    reader.open(SITE_PREFIX[lang])
    missed = []
    for i, (briefing_id, word) in enumerate(words):
        paths, meta = search(reader, word) if i == 0 else _search_again(reader, word)
        if briefing_path(lang, briefing_id) not in paths:
            missed.append(f"{word} ({briefing_id}: {meta})")
        assert all(language_of(p) == lang for p in paths), f"{word}: results of another language: {paths}"
    found = 1 - len(missed) / len(words)
    print(f"{lang}: {len(words) - len(missed)}/{len(words)} body-only words found their briefing")
    assert found >= FOUND_AT_LEAST, f"{lang}: {found:.0%} found; missed: {missed}"
    reader.watch.assert_clean()


def _filter(reader: Reader, key: str, value: str) -> None:
    details = reader.page.locator(".pf-filters")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    select = reader.page.locator(f'select[data-pf-filter="{key}"]')
    select.locator(f'option[value="{value}"]').wait_for(state="attached")
    select.select_option(value)


@pytest.mark.parametrize("lang", LANGS)
def test_filters_list_exactly_what_is_tagged(new_reader, lang: str) -> None:
    """Topic, name and year filters (no query) list exactly the briefings with that tag, name or year."""
    language = LANGUAGES[lang]
    tax = load_taxonomy()
    reader: Reader = new_reader("desktop")
    reader.open(SITE_PREFIX[lang])
    reader.page.keyboard.press("/")
    year = max(b.date.year for b in corpus_briefings() if b.date)
    cases = [("topic", language.label(tax.get("open-source")), set(briefing_ids(tag="open-source"))),
             ("name", language.label(tax.get("sam-altman")), set(briefing_ids(entity="sam-altman"))),
             ("year", str(year), {b.id for b in corpus_briefings() if b.date and b.date.year == year})]
    reader.page.locator(".pf-filters summary").click()
    for key, value, expected in cases:
        for other in ("topic", "name", "year"):
            reader.page.locator(f'select[data-pf-filter="{other}"]').select_option("")
        _filter(reader, key, value)
        wait_for_results(reader, "")
        paths, meta = result_paths(reader)
        assert {briefing_path(lang, i) for i in expected} == set(paths), (key, value, meta)
        assert result_count(meta) == len(paths), meta
    reader.watch.assert_clean()


@pytest.mark.parametrize(("lang", "query"), [("en", "OpenAI"), ("zh-hant", "人工智慧")])
def test_sort_by_date_lists_newest_first(new_reader, lang: str, query: str) -> None:
    """"Newest first" orders the briefings by date, newest first; relevance is the default."""
    reader: Reader = new_reader("desktop")
    reader.open(SITE_PREFIX[lang])
    search(reader, query)
    details = reader.page.locator(".pf-filters")
    details.locator("summary").click()
    reader.page.locator("select[data-pf-sort]").select_option("date:desc")
    wait_for_results(reader, query)
    paths, _ = result_paths(reader)
    dates = {briefing_path(lang, b.id): b.date for b in corpus_briefings()}
    listed = [dates[p] for p in paths if p in dates]
    assert len(listed) >= 2 and listed == sorted(listed, reverse=True), paths
    reader.watch.assert_clean()


@pytest.mark.parametrize("key", ["/", "s", "Control+k"])
def test_keyboard_opens_search_and_escape_closes_it(new_reader, key: str) -> None:
    """/, s or Ctrl-K open search with the cursor in the box; Escape closes it; typing s in it stays."""
    reader: Reader = new_reader("desktop")
    reader.open(briefing_path("en", corpus_briefings()[0].id))
    page = reader.page
    page.keyboard.press(key)
    page.wait_for_function("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("sam")
    assert page.locator("input.md-search__input").input_value() == "sam"
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('__search').checked")
    reader.watch.assert_clean()


def test_arrow_keys_reach_the_results_and_enter_opens_one(new_reader) -> None:
    """Down from the box focuses the first result; Enter on it opens that page, words highlighted."""
    reader: Reader = new_reader("desktop")
    reader.open("/")
    paths, _ = search(reader, "Altman")
    reader.page.keyboard.press("ArrowDown")
    assert reader.page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    with reader.page.expect_navigation():
        reader.page.keyboard.press("Enter")
    reader.settle()
    assert reader.path() == paths[0]
    # The words searched for are marked on the page the result opened (?h=Altman).
    mark = reader.page.locator("article mark").first
    mark.wait_for()
    assert "altman" in mark.inner_text().lower()
    reader.watch.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_results_fit_a_phone(new_reader, lang: str) -> None:
    """On a phone the search overlay fills the screen, results and filters fit its width."""
    reader: Reader = new_reader("phone")
    reader.open(SITE_PREFIX[lang])
    paths, meta = search(reader, "OpenAI")
    assert paths, meta
    reader.page.locator(".pf-filters summary").click()
    # Measured once the overlay has slid into place: while Material's opening transition runs, the
    # panel stands partly off the screen and a phone's layout viewport widens with it.
    reader.page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    width = reader.page.evaluate("window.innerWidth")
    for selector in (".md-search__output", ".md-search-result__item", "select[data-pf-filter='name']"):
        box = reader.page.locator(selector).first.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (selector, box, width)
    assert reader.page.evaluate("document.documentElement.scrollWidth") <= width
    reader.screenshot(f"search-{lang}-phone-filters")
    reader.watch.assert_clean()


def test_a_query_in_the_address_opens_search(new_reader) -> None:
    """?q= (the 404 page's search form) opens the search box with that query and its results."""
    reader: Reader = new_reader("desktop")
    reader.open("/zh/?q=奥特曼")
    wait_for_results(reader, "奥特曼")
    paths, _ = result_paths(reader)
    assert {briefing_path("zh", i) for i in briefing_ids(entity="sam-altman")} <= set(paths)
    reader.watch.assert_clean()


# A space the index put between Chinese words, or a mark it put beside one, shown to a reader.
_INDEX_SPACE = re.compile(r"[\u4e00-\u9fff，。、：；「」（）“”] +[\u4e00-\u9fff，。、：；「」（）“”]|\^")


@pytest.mark.parametrize("query", ["開源", "奧特曼", "OpenAI"])
def test_traditional_results_read_as_written(new_reader, query: str) -> None:
    """The spaces put between the Traditional site's words for its index never show: each result's
    title is the page's title, its excerpt and its marked matches have no space between Chinese characters."""
    hant = LANGUAGES["zh-hant"]
    titles = {briefing_path("zh-hant", b.id): hant.pick(b.title) for b in corpus_briefings()}
    reader: Reader = new_reader("desktop")
    reader.open(SITE_PREFIX["zh-hant"])
    paths, meta = search(reader, query)
    assert paths, meta
    items = reader.page.locator(".md-search-result__item")
    marks = []
    for i, path in enumerate(paths):
        title = items.nth(i).locator("article > h1").inner_text()
        excerpt = items.nth(i).locator("article > p").inner_text()
        assert not _INDEX_SPACE.search(title) and not _INDEX_SPACE.search(excerpt), (path, title, excerpt)
        if path in titles:
            assert title == titles[path]
        marks += items.nth(i).locator("article > p mark").all_inner_texts()
    assert marks and not [m for m in marks if _INDEX_SPACE.search(m)], marks
    reader.watch.assert_clean()


# A character of a word the index leaves out, shown to a reader as it is kept in the index.
_HIDDEN = re.compile("[\ue000-\ue07f\U000f0000-\U000fffff]")


@pytest.mark.parametrize(("lang", "query", "common"),
                         [("en", "Altman", "the"), ("zh", "奥特曼", "的"), ("zh-hant", "奧特曼", "的")])
def test_stop_words_are_taken_out_of_a_query_and_shown_in_results(new_reader, lang: str, query: str,
                                                                   common: str) -> None:
    """A stop word beside a word finds what the word finds; excerpts show it as written; a query of
    stop words alone says so instead of searching."""
    reader: Reader = new_reader("desktop")
    reader.open(SITE_PREFIX[lang])
    alone, _ = search(reader, query)
    assert alone
    paths, meta = _search_again(reader, f"{common} {query}")
    assert paths == alone, meta
    texts = reader.page.locator(".md-search-result__article").all_inner_texts()
    assert not [t for t in texts if _HIDDEN.search(t)], texts
    pattern = rf"\b{common}\b" if lang == "en" else common
    assert any(re.search(pattern, t, re.IGNORECASE) for t in texts), texts
    paths, meta = _search_again(reader, common.upper())
    assert not paths and meta == reader.page.locator(".pf-search").get_attribute("data-pf-common"), meta
    if lang == "en":  # a stop word inside a compound stays, as the index keeps the compound whole
        whole, _ = _search_again(reader, "texttoimage")  # the compound as Pagefind indexes it
        paths, meta = _search_again(reader, "text-to-image")
        apart, _ = _search_again(reader, "text image")  # what leaving "to" out would search
        assert whole and paths == whole and paths != apart, meta
    reader.watch.assert_clean()
