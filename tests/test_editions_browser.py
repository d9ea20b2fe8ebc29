"""Weekly editions for a reader, in real headless Chromium on the built site: from the home page to the
latest edition in one click, back and forth between editions, the language switcher, and the email.

Expectations come from briefings/*.md (their dates, so their ISO weeks) and editions/numbers.yaml,
never from the output. Screenshots go to the session's temporary folder (or AI_BRIEFING_SCREENSHOTS).
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.register_assert_rewrite("tests.support.browser")
from build_tools.briefing.editions import read_intro, read_ledger, week_of  # noqa: E402
from build_tools.site.collect import load_corpus  # noqa: E402
from build_tools.site.language import LANGUAGES  # noqa: E402
from build_tools.site.publish.newsletter import edition_mail, write_mail  # noqa: E402
from tests.support.browser import (  # noqa: E402
    LANGS,
    ROOT,
    SITE_PREFIX,
    Reader,
    click_link_to,
    corpus_briefings,
)

pytest_plugins = ["tests.support.browser"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _weeks() -> dict[str, set[str]]:
    """ISO week -> ids of the briefings dated in it, newest week first."""
    weeks: dict[str, set[str]] = {}
    for b in sorted(corpus_briefings(), key=lambda b: b.date, reverse=True):
        weeks.setdefault(week_of(b.date), set()).add(b.id)
    return weeks


def _numbers() -> dict[str, int]:
    numbers, problems = read_ledger(ROOT / "editions" / "numbers.yaml")
    assert problems == []
    return numbers


def _edition_path(lang: str, week: str) -> str:
    return f"{SITE_PREFIX[lang]}editions/{week}/"


def _shown(reader: Reader) -> tuple[str, str, set[str]]:
    """The edition page on screen: its week, number, and the briefings it links to."""
    title = reader.page.locator("#edition-title")
    title.wait_for(state="visible")
    ids = set(reader.page.locator(".edition-briefing").evaluate_all(
        "els => els.map(e => e.dataset.briefingId)"))
    return title.get_attribute("data-edition"), title.get_attribute("data-number"), ids


@pytest.mark.parametrize("lang", LANGS)
def test_the_latest_edition_is_one_click_from_home_then_every_edition_by_prev_and_next(
        new_reader, lang: str) -> None:
    weeks, numbers = _weeks(), _numbers()
    order = list(weeks)
    reader: Reader = new_reader("phone" if lang == "zh-hant" else "desktop")
    reader.open(SITE_PREFIX[lang])
    click_link_to(reader, reader.base + _edition_path(lang, order[0]))
    assert reader.path() == _edition_path(lang, order[0])
    seen = [_shown(reader)]
    for week in order[1:]:  # older and older
        click_link_to(reader, reader.base + _edition_path(lang, week))
        assert reader.page.locator('a[rel="prev"]').count() == (0 if week == order[-1] else 1)
        seen.append(_shown(reader))
    assert seen == [(w, str(numbers[w]), ids) for w, ids in weeks.items()]
    click_link_to(reader, reader.base + _edition_path(lang, order[-2]))  # "next" goes back up
    assert reader.path() == _edition_path(lang, order[-2])
    briefing = sorted(weeks[order[-2]])[0]
    click_link_to(reader, f"{reader.base}{SITE_PREFIX[lang]}briefings/{briefing}/")
    assert reader.page.locator("#briefing-title").is_visible()
    reader.watch.assert_clean()


def test_an_edition_with_an_introduction_shows_it_in_each_language(new_reader) -> None:
    intros = sorted((ROOT / "editions").glob("*-w*.md"))
    assert intros, "editions/ holds no introduction to test"
    intro, problems = read_intro(intros[0])
    assert problems == []
    reader: Reader = new_reader("desktop")
    for lang in LANGS:
        reader.open(_edition_path(lang, intro.week))
        heading = reader.page.locator(".edition-intro h2")
        expected = LANGUAGES[lang].column(LANGUAGES[lang].body, intro.title.get(LANGUAGES[lang].body))
        assert heading.inner_text() == expected
        reader.screenshot(f"edition-{lang}-{intro.week}", full_page=True)
    reader.watch.assert_clean()


def _switch_language(reader: Reader, target: str) -> None:
    page = reader.page
    page.locator("[data-language-switcher] button.md-header__button").hover()
    link = page.locator(f'[data-language-switcher] a.md-select__link[data-lang="{target}"]')
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()
    reader.settle()


def test_the_language_switcher_keeps_the_edition(new_reader) -> None:
    week = list(_weeks())[-1]
    reader: Reader = new_reader("desktop")
    for source in LANGS:
        for target in LANGS:
            if target != source:
                reader.open(_edition_path(source, week))
                _switch_language(reader, target)
                assert reader.path() == _edition_path(target, week)
    reader.open(f"{SITE_PREFIX['zh']}editions/")
    _switch_language(reader, "en")
    assert reader.path() == "/editions/"
    reader.watch.assert_clean()


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_the_email_renders_in_chromium_and_leads_to_the_site(chromium, site_url: str, tmp_path: Path,
                                                             screenshot_folder: Path, lang: str) -> None:
    corpus = load_corpus(ROOT / "briefings", ROOT / "build_tools" / "data" / "taxonomy.yaml")
    week = next(iter(_weeks()))
    site_lang = LANGUAGES[lang]
    mail = edition_mail(corpus.editions.by_week[week], site_lang, corpus, f"{site_url}/{site_lang.prefix}")
    html_file = write_mail(mail, tmp_path, f"{week}.{lang}")[0]
    for viewport, size in (("desktop", {"width": 1000, "height": 900}),
                           ("phone", {"width": 375, "height": 800})):
        context = chromium.new_context(viewport=size, java_script_enabled=False)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r, requests=requests: requests.append(r.url))
        page.goto(html_file.as_uri())
        card = page.locator("table table").first.bounding_box()
        assert card is not None
        if viewport == "desktop":
            assert card["width"] == 600
        else:
            assert card["width"] <= size["width"]
            # No sideways scrolling on a phone.
            assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        assert requests == [html_file.as_uri()]  # self-contained: nothing else is fetched
        target = screenshot_folder / f"email-{week}-{lang}-{viewport}.png"
        page.screenshot(path=str(target), full_page=True)
        print(f"screenshot: {target}")
        if viewport == "desktop":  # the absolute link leads to the edition on the site
            with page.expect_navigation():
                page.locator(f'a[href$="editions/{week}/"]').last.click()
            assert page.url == f"{site_url}/{site_lang.prefix}editions/{week}/"
            assert page.locator("#edition-title").get_attribute("data-edition") == week
        context.close()
