"""``check`` flags what no article contains: a menu for a title, contact details, lines of web junk."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from test_check import GOOD, _write

from build_tools.briefing.leftovers import contact_kind, junk_reason, menu_words

TITLE_EN = "  en: Rainfall in a small town\n"
TITLE_ZH = "  zh: 小镇的降雨\n"
PERSONAL = "contact details are personal data that must not be published: remove them"


def _with_paragraph(en: str, zh: str) -> str:
    return GOOD + f"\nen: {en}\nzh: {zh}\n"


@pytest.mark.parametrize(("old", "new", "message"), [
    (TITLE_EN, "  en: Latest Startups Venture AI Security Hardware Events Podcasts Newsletters\n",
     "good-briefing.md:11: 'title.en': reads as a menu or a run of section names ('Latest', 'Startups', "
     "'Venture', 'AI', 'Security', 'Hardware', ...), not a headline; write the article's own title"),
    (TITLE_ZH, "  zh: 首页 | 新闻 | 科技 | 财经 | 视频\n",
     "good-briefing.md:12: 'title.zh': reads as a menu or a run of section names ('首页', '新闻', '科技', "
     "'财经', '视频'), not a headline; write the article's own title"),
])
def test_a_title_that_reads_as_a_menu_fails_check(cli, tmp_path: Path, old: str, new: str, message: str):
    _write(tmp_path, GOOD.replace(old, new, 1))
    run = cli("check", "good-briefing.md")
    assert (run.code, run.err.splitlines()) == (1, [message, "1 problem in 1 file"])


@pytest.mark.parametrize(("en", "zh", "kinds"), [
    ("Reach the reporter at jane.doe@example.com.", "记者邮箱：jane.doe@example.com。",
     ("an e-mail address", "an e-mail address")),
    ("Send tips on Signal at jdoe.42 or on WhatsApp at +1 202 555 0143.", "可通过微信号：jdoe_42 联系记者。",
     ("a messaging handle", "a messaging handle")),
    ("Newsroom phone: +44 20 7946 0958.", "新闻热线：010-65123456，手机13812345678。",
     ("a phone number", "a phone number")),
])
def test_contact_details_in_the_body_fail_check(
    cli, tmp_path: Path, en: str, zh: str, kinds: tuple[str, str]
):
    _write(tmp_path, _with_paragraph(en, zh))
    run = cli("check", "good-briefing.md")
    assert (run.code, run.err.splitlines()) == (1, [
        f"good-briefing.md:28: 'en:': holds {kinds[0]}; {PERSONAL}",
        f"good-briefing.md:29: 'zh:': holds {kinds[1]}; {PERSONAL}",
        "2 problems in 1 file",
    ])


def test_contact_details_in_the_front_matter_fail_check(cli, tmp_path: Path):
    _write(tmp_path, GOOD.replace("  en: ''\n", "  en: 'Write to tips@example.org with news.'\n", 1))
    run = cli("check", "good-briefing.md")
    assert (run.code, run.err.splitlines()) == (1, [
        f"good-briefing.md:14: 'summary.en': holds an e-mail address; {PERSONAL}", "1 problem in 1 file"])


def test_lines_the_cleaner_rates_as_junk_are_work_left(cli, tmp_path: Path):
    _write(tmp_path, _with_paragraph("Share on Facebook Twitter LinkedIn", "分享到：微信 微博 QQ空间"))
    run = cli("check", "good-briefing.md")
    assert run.code == 0
    junk = [line for line in run.out.splitlines() if "web junk" in line]
    assert junk == [
        "good-briefing.md:28: to do: 'en:' reads as web junk (share/like bar), not article text; "
        "remove the paragraph",
        "good-briefing.md:29: to do: 'zh:' reads as web junk (share/like bar), not article text; "
        "remove the paragraph",
    ]
    strict = cli("check", "--strict", "good-briefing.md")
    assert strict.code == 1 and "good-briefing.md:28: 'en:' reads as web junk (share/like bar)" in strict.err


@pytest.mark.parametrize("text", [
    "Signal's president Meredith Whittaker said the app keeps no logs.",
    "WeChat: the super app that runs daily life in China",
    "Telegram founder Pavel Durov was detained in Paris on 24 August 2024.",
    "He posted from @sama on X on 13 May 2024 at 10:00.",
    "Revenue rose 12% to $1,234,567,890 in the quarter.",
    "“If we get copyright wrong, the rest will not matter,” she wrote.",
    "2024年6月3日，OpenAI发布了GPT-4o，售价为每百万个token 5美元。",
])
def test_what_articles_do_say_is_not_flagged(text: str):
    assert contact_kind(text) is None
    assert junk_reason(text) is None


@pytest.mark.parametrize("title", [
    "OpenAI launches GPT-4o, its fastest model",
    "The latest AI security news from the events",
    "AI Security",
    "GPT-4o和谷歌Project Astra:AI竞争的新焦点",
])
def test_headlines_are_not_menus(title: str):
    lang = "zh" if any("\u4e00" <= c <= "\u9fff" for c in title) else "en"
    assert menu_words(title, lang) is None


def test_the_briefings_pass_the_content_rules(cli):
    run = cli("check", cwd=Path(__file__).resolve().parents[1])
    assert run.code == 0, run.err
    assert "web junk" not in run.out


@pytest.mark.parametrize("line", [
    "+1 " + "1 " * 50_000, "Signal " + "1-" * 50_000, "Tel: " + "1 (" * 30_000, "a@" + "b." * 50_000,
    "微信号：" + "a" * 100_000,
])
def test_hostile_lines_are_judged_in_linear_time(line: str):
    # CPU time of this thread: other processes on a busy machine do not add to it.
    start = time.thread_time()
    contact_kind(line), menu_words(line, "en"), junk_reason(line)
    assert time.thread_time() - start < 5
