"""Weekly editions: weeks, numbering that never changes, introductions and the ledger as ``check`` sees
them, pages that change only with their own week, feeds, sitemaps and the email export."""

from __future__ import annotations

import datetime as dt
import email
import json
import shutil
import xml.etree.ElementTree as ET
from email import policy
from pathlib import Path

import lxml.html
import pytest

from build_tools.briefing.editions import (
    LEDGER_HEADER,
    number_editions,
    parse_week,
    read_intro,
    read_ledger,
    week_days,
    week_of,
)
from build_tools.briefing.frontmatter import dump_briefing
from build_tools.errors import InputError
from build_tools.site.collect import load_corpus
from build_tools.site.language import LANGUAGES
from build_tools.site.pages import generate_pages, page_sources
from build_tools.site.publish.newsletter import edition_mail

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
TAXONOMY = FIXTURES / "taxonomy.yaml"
SITE_URL = "https://briefing.example.net/"


def _project(tmp_path: Path) -> Path:
    """A copy of the fixture corpus (briefings, editions) whose files a test may change."""
    shutil.copytree(FIXTURES / "briefings", tmp_path / "briefings")
    shutil.copytree(FIXTURES / "editions", tmp_path / "editions")
    (tmp_path / "seeds").symlink_to(FIXTURES / "seeds")
    return tmp_path


def _corpus(project: Path):
    return load_corpus(project / "briefings", TAXONOMY)


def _add_briefing(project: Path, new_id: str, day: str) -> None:
    """A copy of the fixture briefing gpt-4o-race under another id and date."""
    b = _corpus(project).by_id["gpt-4o-race"]
    b.id, b.date = new_id, dt.date.fromisoformat(day)
    (project / "briefings" / f"{new_id}.md").write_text(dump_briefing(b), encoding="utf-8")


# ---- weeks -------------------------------------------------------------------------------------------

def test_weeks_are_iso_weeks_across_the_turn_of_the_year() -> None:
    assert week_of(dt.date(2024, 5, 30)) == "2024-w22"
    assert week_of(dt.date(2024, 12, 30)) == "2025-w01"  # a Monday: ISO week 1 of 2025
    assert week_of(dt.date(2021, 1, 3)) == "2020-w53"  # a Sunday: still 2020's last week
    assert week_days("2024-w22") == (dt.date(2024, 5, 27), dt.date(2024, 6, 2))
    assert [parse_week(t) for t in ("2024-w22", "2024-W5", " 2020-w53 ", "2024-w53", "2024-22", "w22")] == [
        "2024-w22", "2024-w05", "2020-w53", None, None, None]


def test_briefings_form_one_edition_per_week_grouped_by_topic(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _add_briefing(project, "same-week-later", "2024-06-09")  # the Sunday of gpt-4o-race's week
    editions = _corpus(project).editions
    assert list(editions.by_week) == ["2025-w05", "2024-w23", "2024-w03", "2023-w46"]  # newest first
    week = editions.by_week["2024-w23"]
    assert week.briefings == ("gpt-4o-race", "same-week-later")  # oldest first
    assert (week.start, week.end, week.published) == (dt.date(2024, 6, 3), dt.date(2024, 6, 9),
                                                       dt.date(2024, 6, 9))
    assert (week.older, week.newer) == ("2024-w03", "2025-w05")
    assert editions.latest.week == "2025-w05"
    assert editions.by_week["2024-w03"].intro is not None  # tests/fixtures/editions/2024-w03.md


# ---- numbering ---------------------------------------------------------------------------------------

def test_an_older_briefing_never_renumbers_published_editions(tmp_path: Path) -> None:
    project = _project(tmp_path)
    ledger = project / "editions" / "numbers.yaml"
    weeks = set(_corpus(project).editions.by_week)
    assert number_editions(ledger, weeks) == {"2023-w46": 1, "2024-w03": 2, "2024-w23": 3, "2025-w05": 4}
    published = {e.week: e.number for e in _corpus(project).editions}
    before = ledger.read_text(encoding="utf-8")
    assert before.startswith(LEDGER_HEADER)

    _add_briefing(project, "an-older-story", "2022-03-02")  # a week older than every edition
    _add_briefing(project, "a-story-between", "2024-03-01")  # a week between two editions
    editions = _corpus(project).editions
    assert {w: e.number for w, e in editions.by_week.items() if w in published} == published
    assert editions.unnumbered == ["2022-w09", "2024-w09"]
    assert (editions.by_week["2022-w09"].number, editions.by_week["2024-w09"].number) == (5, 6)
    assert not editions.by_week["2022-w09"].numbered

    added = number_editions(ledger, set(editions.by_week))
    assert added == {"2022-w09": 5, "2024-w09": 6}
    after = ledger.read_text(encoding="utf-8")
    assert after == before + "2022-w09: 5\n2024-w09: 6\n"  # appended: no line before them changed
    editions = _corpus(project).editions
    assert {w: e.number for w, e in editions.by_week.items()} == {**published, "2022-w09": 5, "2024-w09": 6}
    assert editions.unnumbered == []
    assert number_editions(ledger, set(editions.by_week)) == {}  # nothing left: the file is untouched
    assert ledger.read_text(encoding="utf-8") == after


def test_a_briefing_in_an_old_week_changes_that_edition_and_no_other(tmp_path: Path) -> None:
    project = _project(tmp_path)
    number_editions(project / "editions" / "numbers.yaml", set(_corpus(project).editions.by_week))

    def edition_pages() -> tuple[dict[str, str], dict[str, str]]:
        corpus = _corpus(project)
        lang = LANGUAGES["zh"]
        pages = {k: v for k, v in generate_pages(corpus, corpus.relations, lang).items()
                 if k.startswith("editions/") and k != "editions/index.md"}
        keys = {k: s.key for k, s in page_sources(corpus, corpus.relations, lang).items() if k in pages}
        return pages, keys

    pages, keys = edition_pages()
    _add_briefing(project, "another-board-story", "2023-11-13")  # the Monday of board-crisis's week
    pages_after, keys_after = edition_pages()
    assert sorted(pages_after) == sorted(pages)
    changed = sorted(k for k in pages if pages[k] != pages_after[k])
    assert changed == ["editions/2023-w46.md"]
    assert sorted(k for k in keys if keys[k] != keys_after[k]) == ["editions/2023-w46.md"]
    assert "another-board-story" in pages_after["editions/2023-w46.md"]


# ---- check: the ledger and the introductions ---------------------------------------------------------

def _ledger(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "numbers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_ledger_keeps_each_number_once_and_in_order(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = _ledger(tmp_path, "# numbers\n2024-w01: 1\n2024-w02: 3\n2024-w03: 2\n2024-w04: 3\n"
                             "2024-w5: 4\n2024-w06: five\n2024-w07: 0\n2024-w53: 6\n")
    numbers, problems = read_ledger(path)
    assert numbers == {"2024-w01": 1, "2024-w02": 3, "2024-w03": 2}
    assert [str(p) for p in problems] == [
        "numbers.yaml:4: '2024-w03': number 2 comes after 3; lines are appended in the order numbers "
        "were given, never reordered",
        "numbers.yaml:5: '2024-w04': number 3 is already 2024-w02's; each edition keeps its own number",
        "numbers.yaml:6: '2024-w5' is not a week; write it as 2024-w22",
        "numbers.yaml:7: '2024-w06': expected a whole number from 1, got 'five'",
        "numbers.yaml:8: '2024-w07': expected a whole number from 1, got '0'",
        "numbers.yaml:9: '2024-w53' is not a week; write it as 2024-w22",
    ]
    assert [str(p) for p in read_ledger(_ledger(tmp_path, "2024-w01: 1\n2024-w01: 2\n"))[1]] == [
        "numbers.yaml:2: '2024-w01': duplicate key"]


INTRO = """\
---
edition: 2024-w22
language: zh-Hans
title:
  en: A week of models
  zh: 模型之周
translation:
  en: reviewed
  zh: original
---

en: The first paragraph.
zh: 第一段。
"""


def _intro(folder: Path, text: str, name: str = "2024-w22.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_introduction_passes_check(cli, tmp_path: Path) -> None:
    _intro(tmp_path / "editions", INTRO)
    run = cli("check", "editions/2024-w22.md")
    assert (run.code, run.err, run.out) == (0, "", "0 briefings, 1 introduction OK\n")
    intro, problems = read_intro(tmp_path / "editions" / "2024-w22.md")
    assert problems == []
    assert (intro.week, intro.original, intro.title.en, intro.paragraphs[0].zh) == (
        "2024-w22", "zh", "A week of models", "第一段。")


@pytest.mark.parametrize(("text", "name", "expected"), [
    (INTRO.replace("edition: 2024-w22\n", ""), "2024-w22.md",
     ["editions/2024-w22.md:1: 'edition': missing; every introduction needs edition, language, translation"]),
    (INTRO, "2024-w23.md",
     ["editions/2024-w23.md:2: 'edition': '2024-w22' does not match the file name '2024-w23.md'; rename the "
      "file to '2024-w22.md' or change the edition"]),
    (INTRO.replace("edition: 2024-w22", "edition: 2024-W22"), "2024-w22.md",
     ["editions/2024-w22.md:2: 'edition': expected a week such as 2024-w22 (ISO year, 'w', two-digit week), "
      "got '2024-W22'"]),
    (INTRO.replace("zh: 第一段。", "zh:"), "2024-w22.md",
     ["editions/2024-w22.md:12: paragraph has no 'zh:' text but translation.zh is 'original'; translate it, "
      "or set translation.zh to pending"]),
    (INTRO.replace("  en: reviewed", "  en: original"), "2024-w22.md",
     ["editions/2024-w22.md:8: 'translation.en': only the language the introduction was written in "
      "(zh-Hans) is 'original'; use reviewed, machine or pending"]),
    (INTRO.replace("  zh: original", "  zh: reviewed"), "2024-w22.md",
     ["editions/2024-w22.md:9: 'translation.zh': the introduction was written in zh-Hans, so 'zh' must be "
      "'original'"]),
    (INTRO.replace("  en: A week of models\n", ""), "2024-w22.md",
     ["editions/2024-w22.md:4: 'title.en': missing; write it, or set translation.en to pending"]),
    (INTRO.replace("title:", "summary: x\ntitle:"), "2024-w22.md",
     ["editions/2024-w22.md:4: 'summary': unknown key; allowed keys: edition, language, title, translation"]),
    (INTRO.replace("en: The first paragraph.\nzh: 第一段。\n", ""), "2024-w22.md",
     ["editions/2024-w22.md:11: the body has no paragraphs; write the introduction"]),
])
def test_a_bad_introduction_fails_check_with_its_line(cli, tmp_path: Path, text: str, name: str,
                                                      expected: list[str]) -> None:
    _intro(tmp_path / "editions", text, name)
    run = cli("check", f"editions/{name}")
    assert run.code == 1
    assert run.err.splitlines()[:-1] == expected
    assert "Traceback" not in run.err


def test_an_introduction_to_a_week_without_briefings_fails_the_build(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _intro(project / "editions", INTRO)  # no fixture briefing is dated in 2024-w22
    with pytest.raises(InputError) as caught:
        _corpus(project)
    assert [p.message for p in caught.value.problems] == [
        "no briefing is dated in week 2024-w22; an edition needs at least one, so this introduction "
        "belongs to no edition"]


# ---- the edition command -----------------------------------------------------------------------------

def test_edition_command_numbers_shows_and_writes_email(cli, tmp_path: Path, monkeypatch) -> None:
    project = _project(tmp_path)
    monkeypatch.setenv("AI_BRIEFING_BRIEFINGS", str(project / "briefings"))
    monkeypatch.setenv("AI_BRIEFING_TAXONOMY", str(TAXONOMY))
    run = cli("edition", "--number", cwd=project)
    assert (run.code, run.err) == (0, "")
    assert run.out.splitlines() == [f"editions/numbers.yaml: {w} is edition {n}" for w, n in
                                    (("2023-w46", 1), ("2024-w03", 2), ("2024-w23", 3), ("2025-w05", 4))]
    run = cli("edition", "--number", cwd=project)
    assert run.out == "editions/numbers.yaml: every edition has its number\n"
    run = cli("edition", "2024-W3", cwd=project)
    assert run.out.splitlines() == ["Edition 2 (2024-w03): 15 January 2024 – 21 January 2024, 1 briefing",
                                    "  hostile-text"]
    run = cli("edition", "2024-w04", cwd=project)
    assert (run.code, run.err) == (1, "edition: no briefing is dated in week 2024-w04, so it has no edition "
                                      "(newest: 2025-w05, 2024-w23, 2024-w03, 2023-w46)\n")
    run = cli("edition", "22", cwd=project)
    assert (run.code, run.err) == (1, "edition: '22' is not a week; write it as 2024-w22\n")
    run = cli("edition", "2024-w03", "--email", "--site-url", "javascript:alert(1)", cwd=project)
    assert (run.code, run.err) == (1, "--site-url: expected an absolute http(s) URL, "
                                      "got 'javascript:alert(1)'\n")
    run = cli("edition", "2024-w03", "--email", "--lang", "zh", "--site-url", SITE_URL, "--out", "mail",
              cwd=project)
    assert (run.code, run.err) == (0, "")
    mail = project / "mail"
    assert run.out.splitlines() == ["mail/2024-w03.zh.html", "mail/2024-w03.zh.txt", "mail/2024-w03.zh.eml"]
    message = email.message_from_bytes((mail / "2024-w03.zh.eml").read_bytes(), policy=policy.SMTP)
    assert message.get_content_type() == "multipart/alternative"
    assert message["Content-Language"] == "zh-Hans"
    plain, rich = message.iter_parts()
    assert plain.get_content().replace("\r\n", "\n") == (mail / "2024-w03.zh.txt").read_text(encoding="utf-8")
    assert rich.get_content_type() == "text/html"
    assert rich.get_content().replace("\r\n", "\n") == (mail / "2024-w03.zh.html").read_text(encoding="utf-8")


# ---- the email: constraints checked by a real HTML parser ------------------------------------------

@pytest.mark.parametrize("code", ["en", "zh", "zh-hant"])
def test_the_email_is_self_contained_tables_inline_styles_absolute_links(tmp_path: Path, code: str) -> None:
    corpus = _corpus(_project(tmp_path))
    lang = LANGUAGES[code]
    edition = corpus.editions.by_week["2024-w03"]  # the hostile briefing and the hostile introduction
    root = SITE_URL + lang.prefix
    mail = edition_mail(edition, lang, corpus, root)
    doc = lxml.html.document_fromstring(mail.html)
    assert doc.get("lang") == lang.html_lang
    assert doc.xpath("//script | //style | //link | //iframe | //object | //embed | //form | //img") == []
    assert doc.xpath("//div") == []  # layout is tables, which every mail client lays out
    tables = doc.xpath("//table")
    assert len(tables) >= 2 and all(t.get("role") == "presentation" for t in tables)
    assert all(td.get("style") and "font-family" in td.get("style") for td in doc.xpath("//td"))
    for element in doc.iter():
        assert not [a for a in element.attrib if a.startswith("on")], element.tag
        assert element.get("class") is None and element.get("id") is None  # nothing for a stylesheet
    hrefs = [a.get("href") for a in doc.xpath("//a")]
    assert hrefs and all(h.startswith(root) for h in hrefs), hrefs
    assert f"{root}editions/2024-w03/" in hrefs
    assert f"{root}briefings/hostile-text/" in hrefs
    # Hostile text is text: shown as written, never markup.
    text = doc.text_content()
    assert '<script>alert("intro")</script>' in text
    assert "onerror=alert" in text
    assert f"{root}briefings/hostile-text/" in mail.text
    assert mail.subject in mail.html.replace("&amp;", "&")
    assert edition_mail(edition, lang, corpus, root) == mail  # the same edition, the same bytes


# ---- the built site: pages, feeds, sitemaps ----------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from test_site_build import build

    dest = tmp_path_factory.mktemp("editions-site") / "site"
    result = build(dest)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return dest


@pytest.mark.slow
@pytest.mark.parametrize("code", ["en", "zh", "zh-hant"])
def test_each_language_has_edition_pages_feeds_and_sitemap_entries(site: Path, code: str) -> None:
    from build_tools.site.linkcheck import check_site

    lang = LANGUAGES[code]
    root = site / lang.prefix
    weeks = ["2025-w05", "2024-w23", "2024-w03", "2023-w46"]
    index = lxml.html.parse(str(root / "editions" / "index.html")).getroot()
    assert [li.get("data-edition") for li in index.xpath('//li[@class="edition-item"]')] == weeks
    home = lxml.html.parse(str(root / "index.html")).getroot()
    assert [a.get("href") for a in home.xpath('//a[@data-link="latest-edition"]')] == ["editions/2025-w05/"]
    page = lxml.html.parse(str(root / "editions" / "2024-w03" / "index.html")).getroot()
    assert page.get_element_by_id("edition-title").get("data-number") == "2"
    assert not page.xpath("//script[contains(., 'alert')]")  # the hostile introduction is text
    # zh is pending in the introduction: its original is shown.
    assert page.xpath('//section[@class="edition-intro"]')[0].get("lang") == "en"
    feeds = [link.get("href") for link in page.xpath('//head/link[@rel="alternate"]')]
    assert "../../feed-editions.xml" in feeds and "../../feed-editions.json" in feeds

    rss = ET.parse(root / "feed-editions.xml").getroot()
    base = f"https://ai-briefing.example.org/{lang.prefix}"
    assert [i.findtext("link") for i in rss.iter("item")] == [f"{base}editions/{w}/" for w in weeks]
    feed = json.loads((root / "feed-editions.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in feed["items"]] == [f"{base}editions/{w}/" for w in weeks]
    assert feed["items"][0]["date_published"] == "2025-02-01T00:00:00Z"  # its newest briefing's date

    sitemap = (root / "sitemap.xml").read_text(encoding="utf-8")
    for week in weeks:
        assert f"<loc>{base}editions/{week}/</loc>" in sitemap
    assert check_site(site) == []


@pytest.mark.slow
def test_a_week_missing_from_the_ledger_fails_the_strict_build(tmp_path: Path) -> None:
    from test_site_build import build

    project = _project(tmp_path)
    ledger = project / "editions" / "numbers.yaml"
    ledger.write_text("2023-w46: 1\n2024-w03: 2\n2024-w23: 3\n", encoding="utf-8")
    result = build(tmp_path / "site", briefings=project / "briefings")
    assert result.returncode == 1
    assert (f"WARNING -  {ledger.as_posix()}: 1 edition(s) without a number (2025-w05); run "
            "`python -m build_tools edition --number`") in result.stderr
