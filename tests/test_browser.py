"""A new reader on the built site, in real headless Chromium: search, navigation, languages, views.

Expectations are computed from briefings/*.md (which briefings name Sam Altman, which are tagged
open source), never copied from the output. Screenshots go to the session's temporary
folder (or AI_BRIEFING_SCREENSHOTS) for people to judge; each test prints their paths.
Run: ``.venv/bin/python -m pytest -m browser tests/test_browser.py`` (AI_BRIEFING_SITE_DIR=site skips
the build).
"""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite("tests.support.browser")
from tests.support.browser import (  # noqa: E402
    LANGS,
    SITE_PREFIX,
    Reader,
    briefing_ids,
    briefing_path,
    click_link_to,
    corpus_briefings,
    language_of,
    reachable_links,
    result_count,
    search,
)

# The fixtures (built_site, site_url, chromium, new_reader) live in tests/support/browser.py.
pytest_plugins = ["tests.support.browser"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The language attribute each site gives text in its reader's language.
READER_LANG = {"en": "en", "zh": "zh-Hans", "zh-hant": "zh-Hant"}
# What <html lang> may say on each site (Material writes its own code, e.g. "zh" for Simplified).
HTML_LANG = {"en": {"en"}, "zh": {"zh", "zh-Hans", "zh-CN"}, "zh-hant": {"zh-Hant", "zh-TW"}}
VIEWS = ("original", "translation", "parallel")


# ---- Search ---------------------------------------------------------------------------------------

# (site language, query, which briefings it must find). "The Altman briefings" are those listing the
# entity sam-altman; Traditional forms are what a Traditional reader types.
ALTMAN = {"entity": "sam-altman"}
SEARCHES = [
    *[(lang, q, ALTMAN) for lang in LANGS for q in ("奥特曼", "奥尔特曼", "Altman")],
    ("zh-hant", "奧特曼", ALTMAN),
    ("zh-hant", "奧爾特曼", ALTMAN),
    ("zh-hant", "開源", {"tag": "open-source"}),
    ("en", "Moonshot", {"entity": "moonshot-ai"}),
    ("en", "alignment", {"english_word": "alignment"}),
    ("zh", "开源", {"tag": "open-source"}),
    ("zh", "多模态", {"tag": "multimodal-ai"}),
]


@pytest.mark.parametrize(("lang", "query", "which"), SEARCHES,
                         ids=[f"{lang}-{query}" for lang, query, _ in SEARCHES])
def test_search_finds_the_briefings(new_reader, lang: str, query: str, which: dict[str, str]) -> None:
    """Searching from the home page lists the expected briefings of that language, each once."""
    expected = {briefing_path(lang, i) for i in briefing_ids(**which)}
    assert expected, f"no briefing in briefings/ matches {which}: the expectation is empty"
    reader: Reader = new_reader("desktop")
    reader.open(SITE_PREFIX[lang])
    paths, meta = search(reader, query)
    found = {p for p in paths if "/briefings/" in p}
    assert expected <= found, (f"{lang} search {query!r} ({meta!r}) misses "
                               f"{sorted(expected - found)}; results: {paths}")
    others = [p for p in paths if language_of(p) != lang]
    assert not others, f"{lang} search {query!r} lists pages of another language: {others}"
    twice = sorted({p for p in paths if paths.count(p) > 1})
    assert not twice, f"{lang} search {query!r} lists a page more than once: {twice}"
    assert result_count(meta) == len(paths), f"count line {meta!r} but {len(paths)} results listed"
    reader.watch.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_search_on_a_phone_opens_the_briefing(new_reader, lang: str) -> None:
    """On a phone, the header's search button opens search; tapping a result opens that briefing."""
    reader: Reader = new_reader("phone")
    reader.open(SITE_PREFIX[lang])
    paths, meta = search(reader, "Altman")
    targets = [p for p in paths if "/briefings/" in p]
    assert targets, f"no briefing found for 'Altman' on the {lang} site ({meta!r})"
    reader.screenshot(f"search-{lang}-phone")
    first = reader.page.locator(f'.md-search-result__item a.md-search-result__link[href*="{targets[0]}"]')
    with reader.page.expect_navigation():
        first.first.click()
    reader.settle()
    assert reader.path() == targets[0]
    assert reader.page.locator("h1#briefing-title").is_visible()
    reader.watch.assert_clean()


# ---- Every briefing within two clicks of the home page ------------------------------------------

@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_briefing_within_two_clicks_of_home(new_reader, lang: str, viewport: str) -> None:
    """From the home page each briefing is one or two clicks away, using links a reader can see."""
    reader: Reader = new_reader(viewport)
    home = reader.base + SITE_PREFIX[lang]
    reader.open(SITE_PREFIX[lang])
    reader.screenshot(f"home-{lang}-{viewport}", full_page=True)
    _assert_fits_the_window(reader)
    labels = reader.page.eval_on_selector_all(
        ".md-tabs__link, .md-nav__link", "els => els.map(e => e.textContent.trim())")
    assert not [t for t in labels if t in ("", "None")], f"navigation entries without a title: {labels}"
    wanted = {reader.base + briefing_path(lang, b.id) for b in corpus_briefings()}
    first = reachable_links(reader)
    paths: dict[str, list[tuple[str, bool]]] = {u: [(u, first[u])] for u in wanted if u in first}
    # Second click: only pages one click from home, and only while some briefing is still missing.
    for middle in sorted(u for u in first if u != home):
        missing = wanted - set(paths)
        if not missing:
            break
        reader.open(middle.removeprefix(reader.base))
        second = reachable_links(reader)
        for url in missing & set(second):
            paths[url] = [(middle, first[middle]), (url, second[url])]
    assert set(paths) == wanted, (f"{lang} {viewport}: not within two clicks of {home}: "
                                  f"{sorted(wanted - set(paths))}")
    # Now really click each path, from the home page, as a reader would.
    for url, steps in sorted(paths.items()):
        reader.open(SITE_PREFIX[lang])
        for target, via_drawer in steps:
            click_link_to(reader, target, via_drawer=via_drawer)
        assert reader.page.url.split("#")[0] == url
        assert reader.page.locator("h1#briefing-title").is_visible(), f"{url}: no briefing title shown"
        assert reader.page.locator("html").get_attribute("lang") in HTML_LANG[lang]
    reader.watch.assert_clean()


def _assert_fits_the_window(reader: Reader) -> None:
    """Nothing on the page is wider than the window (no sideways scrolling on a phone)."""
    overflow = reader.page.evaluate(
        "() => { const w = document.documentElement.clientWidth; const out = [];"
        " for (const el of document.querySelectorAll('.md-content *')) {"
        "  const r = el.getBoundingClientRect();"
        "  if (r.width && r.right > w + 1 && !el.closest('pre, .md-typeset__table, .highlight'))"
        "   out.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' right=' +"
        "            Math.round(r.right));"
        " } return [document.documentElement.scrollWidth, w, out.slice(0, 5)]; }")
    scroll_width, width, examples = overflow
    assert scroll_width <= width and not examples, (
        f"{reader.page.url} is wider than the {reader.viewport} window ({scroll_width} > {width}): "
        f"{examples}")


# ---- Topics and briefings link each other ----------------------------------------------------------

@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("lang", LANGS)
def test_jump_between_topics_and_briefings(new_reader, lang: str, viewport: str) -> None:
    """A briefing's topic chip opens the topic page, which lists that briefing and leads back to it."""
    briefing = corpus_briefings()[0]
    topic = briefing.tags[0]
    reader: Reader = new_reader(viewport)
    reader.open(briefing_path(lang, briefing.id))
    chip = reader.page.locator(f'.briefing-tags a.chip[data-topic="{topic}"]')
    assert chip.count() == 1, f"no chip for topic {topic!r} on {reader.page.url}"
    with reader.page.expect_navigation():
        chip.click()
    reader.settle()
    assert reader.path() == f"{SITE_PREFIX[lang]}topics/{topic}/"
    assert reader.page.locator("h1#topic-title").get_attribute("data-topic-id") == topic
    reader.screenshot(f"topic-{lang}-{viewport}", full_page=True)
    _assert_fits_the_window(reader)
    listed = reader.page.locator(f'.timeline li.briefing-link[data-briefing-id="{briefing.id}"] a')
    assert listed.count() == 1, f"topic page {reader.page.url} does not list {briefing.id}"
    # Every briefing tagged with the topic is on its page.
    tagged = {b.id for b in corpus_briefings() if topic in b.tags}
    shown = set(reader.page.eval_on_selector_all(".timeline li.briefing-link",
                                                 "els => els.map(e => e.dataset.briefingId)"))
    assert shown == tagged, f"topic {topic}: lists {sorted(shown)}, tagged {sorted(tagged)}"
    with reader.page.expect_navigation():
        listed.click()
    reader.settle()
    assert reader.path() == briefing_path(lang, briefing.id)
    # And an entity chip leads to the entity's page.
    entity = briefing.entities[0]
    with reader.page.expect_navigation():
        reader.page.locator(f'.briefing-tags a.chip[data-entity="{entity}"]').click()
    reader.settle()
    assert reader.path() == f"{SITE_PREFIX[lang]}topics/{entity}/"
    reader.watch.assert_clean()


# ---- Language switcher ------------------------------------------------------------------------------

def _switch_language(reader: Reader, target: str) -> None:
    """Open the header's language menu and choose ``target`` (en, zh or zh-hant)."""
    page = reader.page
    page.locator("[data-language-switcher] button.md-header__button").hover()
    link = page.locator(f'[data-language-switcher] a.md-select__link[data-lang="{target}"]')
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()
    reader.settle()


@pytest.mark.parametrize("kind", ["briefing", "topic", "archive"])
def test_language_switcher_keeps_the_page(new_reader, kind: str) -> None:
    """Switching language on a briefing, a topic page or the archive opens the same page translated."""
    briefing = corpus_briefings()[-1]
    below = {"briefing": f"briefings/{briefing.id}/", "topic": f"topics/{briefing.tags[0]}/",
             "archive": "archive/"}[kind]
    reader: Reader = new_reader("desktop")
    for source in LANGS:
        for target in LANGS:
            if target == source:
                continue
            reader.open(SITE_PREFIX[source] + below)
            _switch_language(reader, target)
            assert reader.path() == SITE_PREFIX[target] + below, (
                f"{kind}: switching {source} -> {target} on {SITE_PREFIX[source] + below} "
                f"went to {reader.path()}")
            assert reader.page.locator("html").get_attribute("lang") in HTML_LANG[target]
    reader.watch.assert_clean()


def test_language_switcher_on_a_phone(new_reader) -> None:
    """The language menu is usable on a phone and keeps the briefing."""
    briefing = corpus_briefings()[0]
    reader: Reader = new_reader("phone")
    reader.open(briefing_path("en", briefing.id))
    page = reader.page
    page.locator("[data-language-switcher] button.md-header__button").click()
    link = page.locator('[data-language-switcher] a.md-select__link[data-lang="zh-hant"]')
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()
    reader.settle()
    assert reader.path() == briefing_path("zh-hant", briefing.id)
    reader.watch.assert_clean()


# ---- The bilingual view toggle ----------------------------------------------------------------------

def _visible_columns(reader: Reader) -> set[str]:
    """data-col of the article's columns that are displayed."""
    return set(reader.page.eval_on_selector_all(
        ".bilingual .bi-row:first-child [data-col]",
        "cols => cols.filter(c => getComputedStyle(c).display !== 'none' && c.getClientRects().length)"
        ".map(c => c.dataset.col)"))


def _column_boxes(reader: Reader) -> list[dict[str, dict[str, float]]]:
    """For every paragraph row with two columns: each column's box, by data-col."""
    return reader.page.eval_on_selector_all(
        ".bilingual .bi-row",
        "rows => rows.filter(r => r.querySelectorAll('[data-col]').length === 2).map(r => {"
        " const out = {}; for (const c of r.querySelectorAll('[data-col]')) {"
        "  const b = c.getBoundingClientRect(); const t = c.firstElementChild.getBoundingClientRect();"
        "  out[c.dataset.col] = {left: b.left, top: t.top, bottom: b.bottom, width: b.width}; }"
        " return out; })")


def _click_view(reader: Reader, view: str) -> None:
    button = reader.page.locator(f'.view-toggle button[data-view="{view}"]')
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert reader.page.locator(".bilingual").get_attribute("data-view") == view


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("lang", LANGS)
def test_view_toggle_shows_and_remembers_the_view(new_reader, lang: str, viewport: str) -> None:
    """Each view button shows its columns; the choice survives another briefing and a reload."""
    translated = [b for b in corpus_briefings() if b.is_translated("en") and b.is_translated("zh")]
    assert len(translated) >= 2, "need two translated briefings to test that the view is remembered"
    first, second = translated[0], translated[1]
    reader: Reader = new_reader(viewport)
    reader.open(briefing_path(lang, first.id))
    page = reader.page
    toggle = page.locator(".view-toggle")
    assert toggle.is_visible(), "the view toggle is hidden although both languages exist"
    assert [b.get_attribute("data-view") for b in toggle.locator("button").all()] == list(VIEWS)
    # A new reader first sees the article in the language of the site.
    shown = page.eval_on_selector_all(
        ".bilingual [data-col]", "cols => [...new Set(cols.filter(c => c.getClientRects().length)"
        ".map(c => c.lang))]")
    assert shown == [READER_LANG[lang]], f"{lang}: a new reader sees columns in {shown}"

    _click_view(reader, "original")
    assert _visible_columns(reader) == {"original"}
    page.locator("h2#article").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('article').scrollIntoView()")
    reader.screenshot(f"briefing-{lang}-{viewport}-original")
    _click_view(reader, "translation")
    assert _visible_columns(reader) == {"translation"}
    page.evaluate("document.getElementById('article').scrollIntoView()")
    reader.screenshot(f"briefing-{lang}-{viewport}-translation")
    _click_view(reader, "parallel")
    assert _visible_columns(reader) == {"original", "translation"}
    page.evaluate("document.getElementById('article').scrollIntoView()")
    reader.screenshot(f"briefing-{lang}-{viewport}-parallel")

    boxes = _column_boxes(reader)
    assert boxes, "no paragraph rows with both languages"
    for i, row in enumerate(boxes):
        a, b = row["original"], row["translation"]
        if viewport == "desktop":  # side by side: the pair starts on one line, in two columns
            assert abs(a["top"] - b["top"]) <= 2, f"row {i}: columns start at {a['top']} and {b['top']}"
            assert abs(a["left"] - b["left"]) > 100, (
                f"row {i}: columns overlap (left {a['left']}, {b['left']})")
        else:  # stacked: original, then its translation below it, full width
            assert abs(a["left"] - b["left"]) <= 2, f"row {i}: stacked columns misaligned"
            assert b["top"] >= a["bottom"] - 1, f"row {i}: translation not below the original"
            assert a["width"] > 0.75 * reader.page.viewport_size["width"], f"row {i}: column too narrow"
    _assert_fits_the_window(reader)

    # Remembered on another briefing (reached by a click) and after a reload.
    assert page.evaluate("localStorage.getItem('ai-briefing.view')") == "parallel"
    reader.open(briefing_path(lang, second.id))
    assert page.locator(".bilingual").get_attribute("data-view") == "parallel"
    assert _visible_columns(reader) == {"original", "translation"}
    _click_view(reader, "original")
    page.reload()
    reader.settle()
    assert page.locator(".bilingual").get_attribute("data-view") == "original"
    assert page.locator('.view-toggle button[data-view="original"]').get_attribute("aria-pressed") == "true"
    assert _visible_columns(reader) == {"original"}
    reader.screenshot(f"briefing-{lang}-{viewport}-top")
    reader.watch.assert_clean()


# ---- No console errors, no broken or foreign requests, anywhere ---------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_pages_load_without_errors(new_reader, lang: str) -> None:
    """Home, topics, a topic, the archive and a month, the glossary and every briefing load cleanly."""
    reader: Reader = new_reader("desktop")
    prefix = SITE_PREFIX[lang]
    reader.open(f"{prefix}archive/")
    months = reader.page.eval_on_selector_all(
        "a[href]", "els => els.map(a => new URL(a.href).pathname)"
                   ".filter(p => /\\/archive\\/\\d{4}-\\d{2}\\/$/.test(p))")
    pages = [prefix, f"{prefix}topics/", f"{prefix}archive/", f"{prefix}glossary/", f"{prefix}about/",
             *sorted(set(months)),
             *(briefing_path(lang, b.id) for b in corpus_briefings()),
             *sorted({f"{prefix}topics/{t}/" for b in corpus_briefings() for t in b.tags[:2]})]
    for path in pages:
        reader.open(path)
        assert reader.page.locator("h1").first.is_visible(), f"{path}: no heading shown"
    reader.watch.assert_clean()
