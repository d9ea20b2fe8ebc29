"""Metadata: dates in all three scripts, sources, original language, derived titles."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from build_tools.ingest.clean import clean_lines
from build_tools.ingest.metadata import (
    abbreviates,
    detect_language,
    extract_date,
    extract_metadata,
    extract_source,
    find_dates,
)
from build_tools.ingest.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent

ZH_BODY = [
    "本月,OpenAI 发布了最新的多模态大模型,它对语音的理解能力有了质的飞跃,同时还可分析图像和视频。",
    "2023年11月17日,OpenAI官方网站发布声明,宣布董事会的决定,这一消息在科技界引起了广泛关注和讨论。",
    "业内人士认为,多模态融合技术是人工智能竞争的新焦点,更自然的交互体验成为大模型产品化的关键。",
]
HANT_BODY = [
    "輝達股價5日大漲5%,市值首度突破3兆美元,超越蘋果成為全球市值第二高的公司,僅次於微軟。",
    "執行長黃仁勳日前在台北國際電腦展發表主題演講時表示,生成式人工智慧將重塑每一個產業。",
    "分析師指出,全球科技巨頭持續擴大資料中心投資,帶動晶片需求居高不下,投資人應留意短期波動風險。",
]
EN_BODY = [
    "Ilya Sutskever, OpenAI's co-founder and former chief scientist, is starting a new artificial "
    "intelligence company focused on safety, he said in a post on Wednesday.",
    "The new company aims to build a safe superintelligence in a single step, with no products in between, "
    "Sutskever said in the post.",
    "Sutskever left OpenAI in May after he was part of the board that voted "
    "to oust Chief Executive Sam Altman.",
]


def _date(lines: list[str]) -> str | None:
    return extract_date(clean_lines(lines))


@pytest.mark.parametrize(("meta_line", "expected"), [
    ("发布时间:2024-06-03 16:39:01来源: 152102", "2024-06-03"),
    ("2024年3月25日 10:00 来源:新华网", "2024-03-25"),
    ("发布日期:2024年03月25日", "2024-03-25"),
    ("原创 张三 AI前线 2024年05月22日 08:30 北京", "2024-05-22"),
    ("时间:二〇二四年六月三日", "2024-06-03"),
])
def test_simplified_dates(meta_line: str, expected: str):
    assert _date(["OpenAI 发布新一代多模态大模型", meta_line, *ZH_BODY]) == expected


@pytest.mark.parametrize(("meta_line", "expected"), [
    ("發布時間:2024年6月3日 10:32", "2024-06-03"),
    ("發布時間:民國113年6月3日", "2024-06-03"),
    ("2024/06/06 10:32", "2024-06-06"),
    ("發布時間:2024/06/06 10:32　更新時間:2024/06/07 08:15", "2024-06-06"),
])
def test_traditional_dates(meta_line: str, expected: str):
    assert _date(["輝達市值衝破3兆美元 黃仁勳:AI革命才剛開始", meta_line, *HANT_BODY]) == expected


@pytest.mark.parametrize(("meta_line", "expected"), [
    ("June 20, 2024", "2024-06-20"),
    ("Published June 20, 2024 4:12 AM GMT+8", "2024-06-20"),
    ("Jun. 20, 2024 10:00 am ET", "2024-06-20"),
    ("20 June 2024", "2024-06-20"),
])
def test_english_dates(meta_line: str, expected: str):
    assert _date(["OpenAI co-founder launches new AI company focused on safety", meta_line,
                  *EN_BODY]) == expected


@pytest.mark.parametrize("meta_line", [
    "Updated on June 21, 2024",
    "Last updated: June 21, 2024 10:00 AM",
    "编辑于 2024-06-05 10:00",
    "更新時間:2024/06/07 08:15",
])
def test_an_edit_date_is_never_the_publication_date(meta_line: str):
    title = "OpenAI co-founder launches new AI company focused on safety"
    body = EN_BODY if meta_line[0].isascii() else ZH_BODY
    assert _date([title, meta_line, *body]) is None


def test_published_wins_over_edited_in_either_order():
    lines = ["OpenAI 发布新一代多模态大模型", "编辑于 2024-06-05", "发布于 2024-06-01", *ZH_BODY]
    assert _date(lines) == "2024-06-01"


def test_wire_dateline_takes_the_year_from_the_page():
    lines = ["China's AI firms cut prices", "BEIJING, June 3 (Reuters) - " + EN_BODY[0], *EN_BODY[1:],
             "© 2024 Reuters. All rights reserved."]
    cleaned = clean_lines(lines)
    assert extract_date(cleaned) == "2024-06-03"
    assert extract_source(cleaned) == ("Reuters", None)


def test_wire_dateline_without_a_year_gives_no_date():
    assert _date(["China's AI firms cut prices", "BEIJING, June 3 (Reuters) - " + EN_BODY[0],
                  *EN_BODY[1:]]) is None


def test_chinese_wire_dateline():
    lines = ["人工智能治理倡议发布", "新华社北京6月3日电(记者张三)" + ZH_BODY[0],
             *ZH_BODY[1:], "版权所有 © 2024 新华网"]
    cleaned = clean_lines(lines)
    assert extract_date(cleaned) == "2024-06-03"
    assert extract_source(cleaned)[0] == "新华社"


def test_dates_in_article_text_and_teasers_are_not_publication_dates():
    lines = ["OpenAI 发布新一代多模态大模型", *ZH_BODY,
             "相关文章", "2024-05-14 最新!OpenAI 新模型简单测试", "3月前"]
    assert _date(lines) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Sat Feb  7 22:15:01 2026", dt.date(2026, 2, 7)),  # no time zone
    ("Fri Jan 9 06:03:11 CET 2026", dt.date(2026, 1, 9)),
    ("Mon Jul 21 13:45 PDT 2025", dt.date(2025, 7, 21)),
    ("Thu Sep  4 23:59:59 +0200 2025", dt.date(2025, 9, 4)),
    ("sun dec 28 01:02:03 gmt 2025", dt.date(2025, 12, 28)),
])
def test_a_system_clocks_date_with_or_without_its_time_zone(text: str, expected: dt.date):
    assert [date for _, date, _ in find_dates(text)] == [expected]


def test_a_mailing_list_archives_date_line_under_the_sender_is_the_date():
    lines = ["[ai-policy] Draft rules for model registries published",
             "Messages sorted by: [ date ] [ thread ]", "Rosa Okonjo rosa at example.org",
             "Fri Jan 9 06:03:11 CET 2026", *EN_BODY]
    assert _date(lines) == "2026-01-09"


@pytest.mark.parametrize("meta_line", [
    "Updated 11:20 a.m. ET, Fri Oct 9, 2026",
    "Last updated 9:03 PM GMT+1 Oct 9, 2026",
    "Edited 23:40, 9 October 2026",
    "更新时间：周五 08:15 2026年10月9日",
])
def test_a_time_of_day_between_an_edit_label_and_its_date_keeps_it_an_edit_date(meta_line: str):
    title = "OpenAI co-founder launches new AI company focused on safety"
    body = EN_BODY if meta_line[0].isascii() else ZH_BODY
    assert _date([title, meta_line, *body]) is None
    assert _date([title, "Published Oct 2, 2026", meta_line, *body]) == "2026-10-02"


def test_find_dates_skips_dates_that_do_not_exist():
    assert find_dates("2024-02-30 和 2024-02-29") == [(13, dt.date(2024, 2, 29), False)]


@pytest.mark.parametrize(("line", "source"), [
    ("本文来自 企业网D1net公众号", "企业网D1net"),
    ("来源:新华网 作者:张三", "新华网"),
    ("來源:中央社", "中央社"),
    ("发布时间:2024-06-03 16:39:01来源: 152102", None),  # a view count, not an outlet
    ("原创 李明 AI前线 2024年05月22日 08:30 北京", "AI前线"),
    ("Source: Bloomberg", "Bloomberg"),
])
def test_sources(line: str, source: str | None):
    assert extract_source(clean_lines(["OpenAI 发布新一代多模态大模型", line, *ZH_BODY]))[0] == source


def test_agency_credit_at_the_end_is_the_source():
    assert extract_source(clean_lines(["輝達市值衝破3兆美元", *HANT_BODY, "(中央社)"]))[0] == "中央社"


@pytest.mark.parametrize(("text", "language"), [
    ("\n".join(EN_BODY), "en"),
    ("\n".join(ZH_BODY), "zh-Hans"),
    ("\n".join(HANT_BODY), "zh-Hant"),
    # Chinese text full of English names is still Chinese; an English text citing 月之暗面 is English.
    ("OpenAI CEO Sam Altman 在 Reddit AMA 中谈到 GPT-4o、Llama 和 Anthropic 的 Claude 模型。", "zh-Hans"),
    ("Moonshot AI (月之暗面) expanded Kimi's context window to two million characters this week.", "en"),
])
def test_language(text: str, language: str):
    assert detect_language(text) == language


def test_seed_without_a_headline_gets_a_derived_title():
    lines = (ROOT / "seeds" / "001_d16a261e42c915f8.txt").read_text(encoding="utf-8").splitlines()
    cleaned = clean_lines(lines)
    assert cleaned.headline is None
    meta = extract_metadata(cleaned, "\n".join(lines), lambda clause: clause.count("OpenAI"))
    assert meta.title_derived
    assert meta.title not in ("引言", "")
    assert meta.title in "\n".join(lines)  # a clause of the article, not invented
    assert "OpenAI" in meta.title


# ---------------------------------------------------------------- the page model's metadata

EN_HEADLINE = "Memory makers weigh new lines as AI demand outpaces supply"
ZH_HEADLINE = "多家厂商下调大模型价格，中小开发者迎来低价算力"


@pytest.mark.parametrize(("header", "expected"), [
    (["Published Tue, Jun 11 2024 7:05 AM EDT Updated Wed, Jun 12 2024 8:00 AM EDT"], "2024-06-11"),
    (["By Dana Whitcomb", "September 13, 2024 at 8:12 a.m. ET"], "2024-09-13"),
    (["Wed 5 Jun 2024 06.00 BST", "Last modified on Wed 5 Jun 2024 14.27 BST"], "2024-06-05"),
    (["By Dana Whitcomb | 11 June, 2024"], "2024-06-11"),
    (["Published on Tuesday 11th of June 2024"], "2024-06-11"),
    (["Veröffentlicht 16.10.2024, 18:05"], "2024-10-16"),  # the day first, in dots
    (["By Dana Whitcomb", "Published June 3 at 9:00 AM"], "2024-06-03"),  # the year from the copyright line
    # a broadsheet's line of both, longer than a byline: the publication date, not the update
    (["By Renee Kowalczyk, Staff Writer",
      "Published June 3, 2025 at 5:00 a.m. CDT | Updated June 4, 2025 at 9:12 a.m. CDT"], "2025-06-03"),
    (["Posted Aug. 19, 2025 at 6:30 p.m. CDT · Last updated Aug. 20, 2025 at 8:00 a.m. CDT"], "2025-08-19"),
    (["Build 4.2.2024-rc1"], None),  # a version, not a date
    (["Updated 2 hours ago"], None),
    (["3小时前"], None),
])
def test_english_and_relative_dates_above_the_article(header: list[str], expected: str | None):
    assert _date(["NEWS SITE", EN_HEADLINE, *header, *EN_BODY, "© 2024 News Site"]) == expected


@pytest.mark.parametrize(("header", "expected"), [
    (["2024-07-19 08:00 更新"], None),  # an edit, and nothing else is stated
    (["已于 2024-11-05 15:20:11 修改 于 2024-11-02 22:41:07 首次发布"], "2024-11-02"),
    (["16/10/2024 18:05"], "2024-10-16"),
    (["星图科技 记者 罗晓岚", "11月21日 15:06"], "2024-11-21"),
    (["发布时间：2024/06/06 10:32　更新时间：2024/06/07 08:15"], "2024-06-06"),
    (["2024.09.16   行业评级：推荐（维持）"], "2024-09-16"),  # a rating's 推荐 is no teaser
    # an editor's field after the time is no edit date
    (["星图科技  2024-09-01 07:30  编辑：郑思远"], "2024-09-01"),
    # a portal's month and day before the time, the year from the copyright line
    (["星图科技  09-02 10:15   阅读 3.2万"], "2024-09-02"),
    (["星图科技  09-02   阅读 3.2万"], None),  # no time of day: a score, a range, not a date
])
def test_chinese_dates_above_the_article(header: list[str], expected: str | None):
    assert _date(["星图科技", ZH_HEADLINE, *header, *ZH_BODY, "© 2024 星图科技 版权所有"]) == expected


@pytest.mark.parametrize(("header", "footer", "expected"), [
    (["By Dana Whitcomb", "Published Nov 21 at 3:06 PM"], "Copyright © 1998–2025 News Site", "2025-11-21"),
    (["By Dana Whitcomb", "Published Nov 21 at 3:06 PM"], "(c) 2010 - 2025 News Site Media", "2025-11-21"),
    (["星图科技 记者 罗晓岚", "11月21日 15:06"], "(c) 2010 - 2025 星图科技 版权所有", "2025-11-21"),
    (["星图科技 记者 罗晓岚", "11月21日 15:06"], "版权所有 © 2010至2025 星图科技", "2025-11-21"),
    (["星图科技 记者 罗晓岚", "11月21日 15:06"], "© 2025 星图科技 版权所有", "2025-11-21"),  # one year
])
def test_a_month_and_day_take_the_last_year_of_a_copyright_range(header: list[str], footer: str,
                                                                  expected: str):
    headline = EN_HEADLINE if header[0].startswith("By") else ZH_HEADLINE
    body = EN_BODY if header[0].startswith("By") else ZH_BODY
    assert _date(["NEWS SITE", headline, *header, *body, footer]) == expected


@pytest.mark.parametrize("lines", [
    ["NEWS SITE", EN_HEADLINE, "Photo: © 2019 Lena Marsh", "By Dana Whitcomb", "Published Nov 21 at 3:06 PM",
     *EN_BODY, "Last updated Nov 22, 2025, 9:10 AM"],
    ["星图科技", ZH_HEADLINE, "图片来源：视觉中国 © 2018", "星图科技 记者 罗晓岚", "11月21日 15:06", *ZH_BODY,
     "最后修改于 2025-11-22 09:10"],
])
def test_a_dates_year_is_stronger_than_a_copyright_lines_for_a_month_and_day(lines: list[str]):
    assert _date(lines) == "2025-11-21"


_ANSWER_HEADLINE = "为什么大模型的推理价格一年降了九成？"
_COMMENT = "[阿北]：说得对，我们公司也是谈的年框，实际单价比标价低不少。"


@pytest.mark.parametrize(("lines", "expected"), [
    (["问知 首页 发现 等你来答", _ANSWER_HEADLINE, *ZH_BODY[:2], "发布于 2025-03-04 21:10 · IP 属地北京",
      "赞同 312 · 45 条评论 · 分享", _COMMENT, "[小林]：请问私有化部署现在大概什么报价水平？"], "2025-03-04"),
    (["问知 首页 发现 等你来答", _ANSWER_HEADLINE, *ZH_BODY, "发表于 2025年3月4日", _COMMENT, ZH_BODY[0]],
     "2025-03-04"),
    (["Forum", "Why did inference prices fall so fast this year?", *EN_BODY[:2],
      "Posted on March 4, 2025 · 312 likes",
      "Reply from dana_k: This matches what we see, our contract price is far below the list price.",
      EN_BODY[2]], "2025-03-04"),
    # an edit, or a date without a word of publishing, among the kept lines is still no publication date
    (["问知 首页 发现 等你来答", _ANSWER_HEADLINE, *ZH_BODY[:2], "编辑于 2025-03-05 09:00", _COMMENT,
      ZH_BODY[2]], None),
    (["问知 首页 发现 等你来答", _ANSWER_HEADLINE, *ZH_BODY[:2], "2025-03-05 09:00", _COMMENT, ZH_BODY[2]],
     None),
    # a date in the header still comes first
    (["问知 首页 发现 等你来答", _ANSWER_HEADLINE, "2025-03-01 08:00", *ZH_BODY[:2],
      "发布于 2025-03-04 21:10", _COMMENT, ZH_BODY[2]], "2025-03-01"),
])
def test_a_publication_line_among_the_kept_lines_dates_a_page_that_states_no_other(lines: list[str],
                                                                                   expected: str | None):
    """An answer's "发布于 …" line under it, with the readers' comments kept after it: the page's date when no
    line above or below the article gives one."""
    assert _date(lines) == expected


def test_the_dateline_of_the_first_paragraph_gives_the_date():
    lines = [ZH_HEADLINE, "芯界观察讯 2023年10月18日，" + ZH_BODY[0], *ZH_BODY[1:]]
    assert _date(lines) == "2023-10-18"
    assert extract_source(clean_lines(lines))[0] == "芯界观察"
    wire = [EN_HEADLINE, "BRUSSELS, Aug 1 (Lumen Wire) - " + EN_BODY[0], *EN_BODY[1:],
            "© 2024 Lumen Wire. All rights reserved."]
    assert _date(wire) == "2024-08-01"
    assert extract_source(clean_lines(wire))[0] == "Lumen Wire"


def test_a_date_line_under_the_headline_is_the_headers_even_below_a_kept_standfirst():
    lines = ["Margin Notes", "Are small models really catching up? What changes if they do",
             "The gap is closing, the costs are not. A short guide to the loudest argument of the month.",
             "Ines Carver",
             "Apr 2, 2024", *EN_BODY]
    assert _date(lines) == "2024-04-02"


def test_a_date_line_deep_inside_the_article_is_not_the_pages():
    lines = [EN_HEADLINE, *EN_BODY, "Apr 2, 2024", *EN_BODY]
    assert _date(lines) is None


def test_a_teasers_date_is_not_the_pages():
    lines = [ZH_HEADLINE, "最新推荐文章于 2024-08-01 09:00:00 发布", *ZH_BODY, "相关推荐",
             "2024-06-02　大模型一体机走俏，政企客户成采购主力"]
    assert _date(lines) is None


@pytest.mark.parametrize(("page", "expected"), [
    (["云帆网", "首页 新闻 科技 财经", ZH_HEADLINE, "2024-06-03 09:12　来源：云帆网　作者：郑思远", *ZH_BODY],
     "云帆网"),
    (["以下文章来源于算力前哨 ，作者林溪", ZH_HEADLINE, *ZH_BODY], "算力前哨"),
    (["維港日報", "港聞 要聞 國際 財經", ZH_HEADLINE, "維港日報記者 梁家朗", *HANT_BODY], "維港日報"),
    (["CIRCUIT ALLEY", "Tech Reviews Science Policy", EN_HEADLINE, *EN_BODY,
      "© 2024 Circuit Alley Media, LLC. All rights reserved."], "Circuit Alley"),
    (["Weights & Measures", EN_HEADLINE, "Ines Carver", "Apr 2, 2024", *EN_BODY,
      "Thanks for reading Weights & Measures!", "© 2024 Ines Carver"], "Weights & Measures"),
    ([EN_HEADLINE + " - Keystone Markets", EN_HEADLINE, "Jun 11 2024", *EN_BODY], "Keystone Markets"),
    ([EN_HEADLINE, "By Marcus Ilori", "Jun 11 2024", *EN_BODY], None),
    # A brand on the masthead beats the legal holder of the copyright line that extends it.
    (["星图电视 STTV 新聞", "直播 港聞 國際", ZH_HEADLINE, "2024年3月12日 19:45", *HANT_BODY,
      "© 2024 星图电视廣播有限公司 版權所有"], "星图电视"),
    (["Lumenpath", "Home | News | Reviews | Deals", EN_HEADLINE, "Jun 11 2024", *EN_BODY,
      "© 2024 Lumenpath Media Pvt Ltd. All rights reserved."], "Lumenpath"),
    # A Han brand with its Latin name; the outlet signing its report above the headline.
    (["星图前沿 AI Horizon", "首页 资讯 论文 专栏", "星图前沿报道", ZH_HEADLINE, *ZH_BODY,
      "© THE END 转载请联系本公众号获得授权"], "星图前沿"),
    # "Brand | section" as the first line, and a 发布机构 label.
    (["云帆证券研究所 | 研报速览", ZH_HEADLINE, "发布机构：云帆证券   分析师：周屹然", *ZH_BODY], "云帆证券"),
    # An aggregator's disclaimer is a sentence, not a source label; the 来源 after the date is.
    (["某某新闻", ZH_HEADLINE, "2024-07-26 14:32:07 来源: 潮汐科技报", *ZH_BODY,
      "本文来自某某号作者，不代表某某新闻立场。"], "潮汐科技报"),
    # A newsletter's logo as a Markdown link, named again by the platform's footer.
    (["[Prompt 周刊 Weekly](https://prompt.example/)", EN_HEADLINE, "May 20, 2024", *EN_BODY,
      "Thanks for reading Prompt 周刊! Subscribe for free to receive new posts."], "Prompt 周刊"),
    # A blank source field: the page declines to name one; a forum engine's credit names no outlet.
    (["某市人民政府 门户网站", ZH_HEADLINE, "发布时间：6月3日   信息来源：   浏览次数：917", *ZH_BODY,
      "版权所有 © 2024 某市人民政府"], None),
    ([ZH_HEADLINE, "发表于 2024-12-02 20:15", *ZH_BODY, "Powered by 某某社区 © 2008-2024"], None),
    # The outlet after the author in a byline; a role there is no outlet.
    ([EN_HEADLINE, "By Jo Roe, Lumen Wire", "June 3, 2024", *EN_BODY], "Lumen Wire"),
    ([EN_HEADLINE, "By Jo Roe, Staff Writer", "June 3, 2024", *EN_BODY], None),
    # An agency in brackets closing the article; a wire dateline with no date.
    (["港聞", ZH_HEADLINE, "2024年3月12日", *HANT_BODY, "（星橋日報）"], "星橋日報"),
    ([EN_HEADLINE, "June 3, 2024", "LONDON (Lumen Wire) — " + EN_BODY[0], *EN_BODY[1:]], "Lumen Wire"),
    # A site's address as its name: the name before the domain.
    (["Lumenpath.com", "Home | News | Reviews", EN_HEADLINE, "Jun 11 2024", *EN_BODY,
      "© 2024 Lumenpath.com. All rights reserved."], "Lumenpath"),
    # The outlet signing the first paragraph before a bracketed reporter: 星图网讯（记者 …）
    ([ZH_HEADLINE, "2024-12-02 20:15", "星图网讯（记者 郑思远）" + ZH_BODY[0], *ZH_BODY[1:]], "星图网"),
    # "来源：本网" is the site speaking of itself: its name is the masthead, an agency's long one too.
    (["星海市数据资源管理局", "首页 政务公开 通知公告", ZH_HEADLINE,
      "发布时间：2024-12-02   来源：本网   浏览次数：88", *ZH_BODY, "主办单位：星海市数据资源管理局"],
     "星海市数据资源管理局"),
    (["星海日报", "首页 要闻 科技 财经", ZH_HEADLINE, "2024-12-02 20:15   来源：本站原创", *ZH_BODY,
      "星海日报 版权所有"], "星海日报"),
    # The page's own address spells a name the page gives: an email in the sign-off, a footer's segment.
    (["THE MARROWAY", "Home  Markets  Tech", EN_HEADLINE, "By Jo Roe", "June 3, 2024", *EN_BODY,
      "Write to Jo Roe at jo.roe@marroway.example", "© 2024 Northgate Media Group"], "The Marroway"),
    (["Source: https://kettlepoint.example.com/p/memory", EN_HEADLINE, "Ines Carver", "May 30, 2024",
      *EN_BODY, "© 2024 Ines Carver · Kettle Point"], "Kettle Point"),
    # The first line names the site and says what it is; the producer holds the copyright.
    (["Quiet Hours — weekly talks about machines, work and the people in between",
      "Episodes   Guests   About", "← All episodes", "Ep. 12: Will memory makers keep up with AI demand?",
      "Mar 6, 2024 · 41 min", "▶ Play episode    ⬇ Download", *EN_BODY,
      "Quiet Hours is made by Lanternfish Audio.", "© 2024 Lanternfish Audio · Privacy"], "Quiet Hours"),
    # "& Company, Inc." of a legal name goes with it.
    (["BRIGHTWELL", "Home | News | Reviews", EN_HEADLINE, "Jun 11 2024", *EN_BODY,
      "Copyright ©2024 Brightwell & Company, Inc. All Rights Reserved."], "Brightwell"),
    # a forum's footer: its name over its ICP licence, the software's credit after it
    ([ZH_HEADLINE, "发表于 2024-12-02 20:15", *ZH_BODY,
      "某某茶馆 ( 粤ICP备12034567号 ) Powered by Discuz! © 2001-2024"], "某某茶馆"),
    # a bureau's 来源 label with the counter one space after it, above the government portal's copyright line
    (["首页 | 政务公开 | 政务服务", ZH_HEADLINE,
      "发布日期：2024-05-30 来源：星海市经济和信息化局 浏览次数：2081", *ZH_BODY,
      "版权所有 © 星海市人民政府"], "星海市经济和信息化局"),
    # a menu's 机构设置 (the office's departments) is no 机构 label naming "设置"
    (["星海大学教务处", "首页", "机构设置", "通知公告", ZH_HEADLINE, "2024-12-02", *ZH_BODY],
     "星海大学教务处"),
    # "独家报道" names a kind of report, not an outlet signing it
    (["云帆网", "首页 新闻 科技 财经", "独家报道", ZH_HEADLINE, "2024-12-02 20:15", *ZH_BODY], "云帆网"),
])
def test_the_outlet_is_the_name_the_page_gives_most_evidence_for(page: list[str], expected: str | None):
    assert extract_source(clean_lines(page))[0] == expected


def test_a_source_label_naming_the_outlet_and_its_channel_gives_the_outlet():
    """来源：星图网科技 on a page under 星图网 > 科技: the label names the channel of the outlet."""
    page = ["星图网 首页", "星图网 > 科技 > 人工智能 > 正文", ZH_HEADLINE,
            "2024-12-02 20:15  来源：星图网科技  作者：郑思远", "星图网讯（记者 郑思远）" + ZH_BODY[0],
            *ZH_BODY[1:], "星图网版权所有 © 2008-2024"]
    assert extract_source(clean_lines(page))[0] == "星图网"


def test_a_brand_shaped_like_a_menu_that_the_page_credits_again_is_the_masthead():
    """Capitalised words on a top line read as a menu, unless the page writes them again as one phrase."""
    page = ["Skip to content", "Harbour Science Review", EN_HEADLINE, "By Jo Roe · 6 May 2025",
            "Shredded bottles before treatment. (Photo: Harbour Science Review)", *EN_BODY]
    assert extract_source(clean_lines(page))[0] == "Harbour Science Review"
    menu = ["Skip to content", "World Business Markets", EN_HEADLINE, "By Jo Roe · 6 May 2025", *EN_BODY]
    assert extract_source(clean_lines(menu))[0] is None


def test_a_pictures_source_inside_the_article_is_not_the_outlet():
    lines = [ZH_HEADLINE, ZH_BODY[0], "图片", "来源：某研究报告", *ZH_BODY[1:]]
    assert extract_source(clean_lines(lines))[0] is None


@pytest.mark.parametrize("page, expected", [
    # The page's controls at the very top are no name: the brand is the next line, and © agrees.
    (["Subscribe  |  Sign in", "HALVERN TRADE JOURNAL", "Markets  Companies  Tech  Opinion", EN_HEADLINE,
      "Published Tue, Jun 11 2024 7:05 AM EDT", *EN_BODY, "Subscribe for unlimited access.", "Subscribe now",
      "Subscribe to our newsletters  |  Help  |  Privacy",
      "© 2024 Halvern Trade Journal. All rights reserved."],
     "Halvern Trade Journal"),
    (["登录 | 注册", ZH_HEADLINE, "2024-12-02 20:15", *ZH_BODY], None),
    # a brand set beside its technology channel is one name, not a channel of a shorter one
    (["HALYARD TECH", "Home | Reviews | Deals", EN_HEADLINE, "Jun 11 2024", *EN_BODY,
      "© 2024 Halyard Media Inc."], "Halyard Tech"),
])
def test_a_line_of_the_pages_controls_is_never_the_outlet(page: list[str], expected: str | None):
    assert extract_source(clean_lines(page))[0] == expected


@pytest.mark.parametrize("page, expected", [
    # A label naming the outlet's tech channel beside the outlet's own copyright line.
    (["青川在线 首页 新闻 财经 科技 体育", ZH_HEADLINE, "2024年12月2日 09:12  来源：青川在线科技  作者：林晓",
      *ZH_BODY, "Copyright © 2024 青川在线 版权所有"], "青川在线"),
    # An e-paper's masthead names its edition: the paper is the name without it.
    (["西岭日报数字报", "2024年12月02日 星期一", "上一期 下一期 往期回顾", ZH_HEADLINE, "本报记者 钱薇",
      *ZH_BODY], "西岭日报"),
])
def test_a_channel_or_edition_after_the_outlets_name_is_not_the_outlet(page: list[str], expected: str):
    assert extract_source(clean_lines(page))[0] == expected


@pytest.mark.parametrize("credit", [
    "本文来自微信公众号“深海算力”（ID：shenhai），作者：林墨，经授权发布。",
    "本文轉載自公眾號「深海算力」，已獲授權",
    "以下文章来源于深海算力，作者林墨",
])
def test_the_articles_own_source_line_inside_its_text_names_the_outlet(credit: str):
    """A portal that carries an account's article says where it comes from in a line of its own set between
    the article's paragraphs (本文来自…, 以下文章来源于…): that account is the outlet, not the portal. (A
    picture's 来源 there names the picture's source: the line names the article itself.)"""
    page = ["极客前线 首页 快讯 AI 创投", ZH_HEADLINE, "2025-03-02 08:15", ZH_BODY[0], credit, *ZH_BODY[1:],
            "© 2025 极客前线 京ICP备00000000号"]
    assert extract_source(clean_lines(page))[0] == "深海算力"


@pytest.mark.parametrize(("masthead", "footer", "expected"), [
    ("The Harbour Times Online", "© 2026 The Harbour Times Ltd. All rights reserved.", "The Harbour Times"),
    ("The Harbour Times International Edition", "© 2026 The Harbour Times", "The Harbour Times"),
    ("Northgate Courier e-Paper", "Copyright © 2026 Northgate Courier", "Northgate Courier"),
    # a name the page never gives shorter stays whole
    ("The Harbour Times Online", "Privacy · Terms · Contact", "The Harbour Times Online"),
])
def test_an_english_edition_after_a_papers_name_is_not_the_outlet(masthead: str, footer: str, expected: str):
    """The same in English: "Online", "International Edition", "e-Paper" after the name the copyright line
    gives the paper label the edition, not the outlet."""
    page = [masthead, "World  Business  Tech  Sport", EN_HEADLINE, "By Dana Okafor", "Mar 9, 2026", *EN_BODY,
            footer]
    assert extract_source(clean_lines(page))[0] == expected


@pytest.mark.parametrize(("masthead", "footer", "expected"), [
    # the paper's name, a space, the edition's word ending in 版 (edition); the copyright line names the paper
    ("南洋晨報 手機版", "© 2025 南洋晨報有限公司 版權所有", "南洋晨報"),
    ("星洲日报 网络版", "Copyright © 2025 星洲日报 版权所有", "星洲日报"),
    ("維港商報國際版", "© 2025 維港商報", "維港商報"),
    # no shorter form of the name on the page: the masthead is all the page gives
    ("南洋晨報 手機版", "私隱政策 ｜ 聯絡我們", "南洋晨報手機版"),
])
def test_an_edition_word_after_a_papers_name_is_not_the_outlet(masthead: str, footer: str, expected: str):
    """A paper's online or mobile edition names itself with its edition's word (X 網上版, X 手機版): the
    paper, as its copyright line names it, is the outlet."""
    page = [masthead, "主頁 即時 港聞 國際 財經 科技 體育", HANT_HEADLINE, "2025年3月2日 星期日 09:15",
            *HANT_BODY, footer]
    assert extract_source(clean_lines(page))[0] == expected


def test_a_rights_line_without_a_copyright_sign_names_the_paper_its_publisher_owns():
    page = ["上一期 下一期 往期回顾", ZH_HEADLINE, "2024-12-02 20:15", *ZH_BODY,
            "西岭日报社版权所有 未经书面授权不得复制或建立镜像"]
    assert extract_source(clean_lines(page))[0] == "西岭日报"
    this_site = ["上一期 下一期 往期回顾", ZH_HEADLINE, "2024-12-02 20:15", *ZH_BODY,
                 "本站版权所有 未经授权不得转载"]
    assert extract_source(clean_lines(this_site))[0] is None


def test_a_long_masthead_counts_when_the_page_names_itself_so_again():
    top = ["An official website of the government", "Here's how you know", "OFFICE FOR OPEN DIGITAL RECORDS",
           "About  Standards  News  Contact", EN_HEADLINE, "For immediate release: June 17, 2024"]
    said_again = [*EN_BODY, "The Office for Open Digital Records keeps the record of digital services."]
    assert extract_source(clean_lines([*top, *said_again]))[0] == "Office for Open Digital Records"
    assert extract_source(clean_lines([*top, *EN_BODY]))[0] is None  # five words once: maybe a slogan


def test_the_outlet_between_the_author_and_the_date_of_a_byline():
    page = [f"# {EN_HEADLINE}", "", "By Jo Roe · The Quarry Review · February 3, 2025", "", *EN_BODY,
            "[Open in browser](https://quarryreview.example/p/memory)"]
    assert extract_source(clean_lines(page))[0] == "The Quarry Review"
    # once, and nowhere else on the page: maybe a place or a desk, not said to be the outlet
    place = [f"# {EN_HEADLINE}", "", "By Jo Roe · San Francisco · February 3, 2025", "", *EN_BODY]
    assert extract_source(clean_lines(place))[0] is None
    roles = [f"# {EN_HEADLINE}", "", "By Jo Roe · Senior Reporter · February 3, 2025", "", *EN_BODY]
    assert extract_source(clean_lines(roles))[0] is None


def test_an_address_made_of_the_names_initials_confirms_a_masthead():
    page = ["Home  Services  News", "NORTHGATE EVENING COURIER", "Local  Business  Tech", EN_HEADLINE,
            "June 3, 2024", *EN_BODY, "Contact the newsroom: desk@nec.example"]
    assert extract_source(clean_lines(page))[0] == "Northgate Evening Courier"
    other = [*page[:-1], "Contact the newsroom: desk@harbourline.example"]
    assert extract_source(clean_lines(other))[0] is None


WIRE_PAGE = ["WKXN 7 News", "News Weather Traffic Sports", EN_HEADLINE, "Tue, March 4th 2025 at 11:48 AM",
             f"WASHINGTON (AW) — {EN_BODY[0]}", *EN_BODY[1:]]


@pytest.mark.parametrize(("page", "expected"), [
    ([*WIRE_PAGE, "Copyright 2025 Associated Wire. All rights reserved."], "Associated Wire"),
    # spelled out in a byline no rule reads as one: the page's words still say what the initials stand for
    ([*WIRE_PAGE[:3], "by ERIN MATSUDA Associated Wire", *WIRE_PAGE[3:]], "Associated Wire"),
    (WIRE_PAGE, "AW"),  # nowhere spelled out: the initials are all the page says
])
def test_initials_in_a_dateline_go_by_the_full_name_the_page_spells_out(page: list[str], expected: str):
    assert extract_source(clean_lines(page))[0] == expected


def test_a_masthead_the_page_calls_by_its_last_word_beats_a_legal_holder():
    page = ["The London Chronicle", "UK World Politics Business Tech",
            "Support the Chronicle: subscribe from £1", EN_HEADLINE, "Tue 11 Feb 2025 18.42 GMT", *EN_BODY,
            "© 2025 Chronicle News & Media Limited or its affiliated companies. All rights reserved."]
    assert extract_source(clean_lines(page))[0] == "The London Chronicle"


def test_an_accounts_header_line_outranks_the_credit_of_a_reprint():
    credit = "转载自公众号“数字职场研究”，已获授权"
    page = [ZH_HEADLINE, "杜若 智能办公观察 2025年05月12日 07:30 上海", credit, *ZH_BODY]
    assert extract_source(clean_lines(page))[0] == "智能办公观察"
    assert extract_source(clean_lines([ZH_HEADLINE, "2025年05月12日", credit, *ZH_BODY]))[0] == "数字职场研究"
    # "作者 发表于 date": a forum's verb of posting is no account; two reporters' names are none either
    assert extract_source(clean_lines([ZH_HEADLINE, "溪边小鹿 发表于 2024-12-02 20:15", *ZH_BODY]))[0] is None
    reporters = [ZH_HEADLINE, "张三 李小明 2025年05月12日 07:30 上海", *ZH_BODY]
    assert extract_source(clean_lines(reporters))[0] is None


@pytest.mark.parametrize("header", [
    # a clipper keeps Markdown's emphasis around the time and the place
    ["林溪 观澜手记 *2025年03月01日 08:00* *杭州*"],
    ["林溪 观澜手记 _2025-03-01 08:00_ _杭州_"],
    # the repost's badge (转载) where an original has 原创, the time on the next line
    ["转载 林溪 观澜手记", "*2025年03月01日 08:00*"],
    ["轉載 林溪 观澜手记", "2025年03月01日 08:00 杭州"],
])
def test_a_reposting_accounts_header_in_any_clipping_outranks_the_reprint_credit_under_it(header: list[str]):
    """The account's header of a public account's repost, however a clipper set it, names the account; the
    "转载自" note under it names where the text was first posted, which does not change the source."""
    page = [ZH_HEADLINE, *header, "本文转载自公众号「云端杂记」，已获授权。", *ZH_BODY]
    assert extract_source(clean_lines(page))[0] == "观澜手记"


@pytest.mark.parametrize(("app", "account", "credit", "expected"), [
    ("青禾资讯", "老周说AI", "转载自「深网实验」，已获作者授权", "老周说AI"),
    ("晨光新聞", "矽谷觀察站", "轉載自「晶片前哨」，已獲授權", "矽谷觀察站"),
    ("青禾资讯", "数码阿坤说", "本文转载自公众号“云端杂记”", "数码阿坤说"),
])
def test_an_app_share_pages_poster_outranks_the_reprint_credit_under_its_header(
        app: str, account: str, credit: str, expected: str):
    """An app's share page: the account that posted (its name, when and where, its follow button) is the
    outlet; the "转载自" note under its header says where the text was first posted, which does not change
    the source."""
    page = [app, "打开App", f"打开{app}App，阅读体验更佳", ZH_HEADLINE, account,
            "06-11 09:30 · 广东 · 科技领域创作者", "+ 关注", credit, *ZH_BODY, "举报/反馈",
            f"本文为作者发布，不代表{app}立场"]
    assert extract_source(clean_lines(page))[0] == expected


@pytest.mark.parametrize(("credit", "expected"), [
    # the name, then the platform's disclaimer after the comma
    ("本文来自南江晚报，不代表看点资讯立场", "南江晚报"),
    ("本文來自南江晚報，僅代表作者觀點", "南江晚報"),
    # a writer of the platform's own is no outlet: the app's name stays
    ("本文来自看点号作者，不代表看点资讯立场", "看点资讯"),
    # a 来源 inside a sentence of the disclaimer is no label
    ("本页所载资料的来源被认为是可靠的，但本站不保证其准确", "看点资讯"),
])
def test_a_credit_line_names_the_outlet_before_the_clause_after_its_comma(credit: str, expected: str):
    """A reader app carrying a paper's story says where it comes from on a line of its own, the
    platform's disclaimer after a comma: the outlet is the name before it."""
    page = ["打开看点资讯，阅读更多精彩内容", "看点资讯", ZH_HEADLINE, "2025-03-12 08:31", *ZH_BODY, credit,
            "看点资讯 © 2025"]
    assert extract_source(clean_lines(page))[0] == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("本文为新智库科技原创，转载请联系授权。", "新智库科技"),
    ("声明：本文为云帆网原创，转载请注明出处。", "云帆网"),
    ("版权声明：本文为博主原创文章，转载请附上原文出处链接。", None),  # a role, not an outlet
    ("本文为UP主原创，未经授权禁止转载", None),
    # 由 as the verb, and the contact note after the comma no part of the name
    ("本文由星桥数码原创，转载请联系授权。", "星桥数码"),
    ("本文由星橋數碼獨家原創，如需轉載請聯繫授權", "星橋數碼"),
    ("本文由星桥数码原创；转载请联系作者获得授权", "星桥数码"),
])
def test_an_outlets_claim_to_the_article_said_with_wei(line: str, expected: str | None):
    assert extract_source(clean_lines([ZH_HEADLINE, *ZH_BODY, line]))[0] == expected


ZH_OWN_POST = ["上个月我把家里的旧电脑改成了一台小服务器，专门用来跑开源的大模型，这里记一下过程和花费。",
               "我先试了七十亿参数的版本，量化之后显存刚好够用，回答速度也能接受，日常整理笔记完全没问题。",
               "后来我又换成更大的模型，结果电费一个月多了六十多块，风扇声音也大，最后还是换回了小的版本。"]
EN_OWN_POST = ["I moved my home lab onto a second-hand workstation last month so that I could run open "
               "models locally, and here is what it cost me.",
               "The small model ran fine after quantisation, and my notes and translations came back fast "
               "enough for daily use.",
               "The large one doubled my power bill and made the fans loud, so I went back to the small one "
               "after three weeks."]


@pytest.mark.parametrize(("page", "expected"), [
    # the banner's lead over its menu, the path's root under it and the footer's last link: one name
    (["木星论坛 - 观测 | 器材 | 交易区 | 问答", "首页 | 版块 | 搜索", "木星论坛 › 观测 › 器材交流",
      "我的家用大模型服务器折腾记录", *ZH_OWN_POST, "回复 举报", "Archiver | 手机版 | 小黑屋 | 木星论坛"],
     "木星论坛"),
    # the footer holds the short name after the forum software's credit, the banner the full one
    (["Gearhead Forums | Hardware | Software | Market", "Log in | Register",
      "My year of running open models on a second-hand workstation", *EN_OWN_POST, "Reply  Quote",
      "Powered by vBulletin® Version 5 © 2024 Gearhead"], "Gearhead Forums"),
    # the banner over its menu alone: its lead may be a section's name
    (["木星论坛 - 观测 | 器材 | 交易区 | 问答", "登录 | 注册", "我的家用大模型服务器折腾记录", *ZH_OWN_POST,
      "回复 举报"], None),
    (["木星论坛 - 观测 | 器材 | 交易区 | 问答", "登录 | 注册", "木星论坛 › 观测 › 器材交流",
      "我的家用大模型服务器折腾记录", *ZH_OWN_POST, "回复 举报"], "木星论坛"),
    # a news story copied into the forum, in no first person: not the forum's
    (["木星论坛 - 观测 | 器材 | 交易区 | 问答", "木星论坛 › 转帖 › 科技新闻", "转：" + ZH_HEADLINE, *ZH_BODY,
      "Archiver | 手机版 | 小黑屋 | 木星论坛"], None),
])
def test_a_sites_name_where_two_places_of_its_furniture_agree(page: list[str], expected: str | None):
    """A forum's name where its banner, the root of its path and its footer agree on it, though each alone is
    too weak to tell a site's name from a section's or a slogan's."""
    assert extract_source(clean_lines(page))[0] == expected


FORUM_TOP = ["threadhub", "Search threadhub", "Log In  Sign Up", "r/LocalModels", "Posted by u/offline_first",
             "3 days ago", EN_HEADLINE]


def test_a_forums_lowercase_wordmark_is_the_outlet_of_its_posters_own_writing():
    own = ["I ran everything on a laptop with 32 GB of RAM for a month, and it was fast enough for most of "
           "my drafting work.",
           "What did not work: long documents and anything needing fresh information, so I went back to a "
           "hosted model twice a week.",
           "Biggest plus is privacy, since I stopped worrying about pasting work documents into a website."]
    assert extract_source(clean_lines([*FORUM_TOP, *own]))[0] == "threadhub"
    # an article copied into a post (no first person): the page does not say whose it is
    assert extract_source(clean_lines([*FORUM_TOP, *EN_BODY]))[0] is None


def test_a_clippers_note_names_the_site_it_clipped():
    page = ["Clipped from Lakeside Ledger", EN_HEADLINE, "By Corinne Haldane | March 20, 2025", *EN_BODY]
    cleaned = clean_lines(page)
    assert cleaned.headline is not None and cleaned.headline.text == EN_HEADLINE
    assert extract_source(cleaned)[0] == "Lakeside Ledger"


def test_a_logos_name_counts_as_the_masthead():
    page = [ZH_HEADLINE, "作者：岑小舟 | 2025-04-29 10:48", *ZH_BODY,
            "一位创业者告诉新智库科技，团队会优先测试新模型。"]
    assert extract_source(clean_lines(page))[0] is None
    assert extract_source(clean_lines(page), logo="新智库科技")[0] == "新智库科技"


def test_a_source_label_naming_a_department_yields_to_the_institutions_site():
    page = ["江州理工大学新闻网", "首页 | 学校要闻 | 综合新闻 | 院系动态", ZH_HEADLINE,
            "发布时间：2025-05-12  来源：材料科学与工程学院  作者：许文静", *ZH_BODY,
            "江州理工大学 版权所有  地址：江州市学府路88号"]
    assert extract_source(clean_lines(page))[0] == "江州理工大学新闻网"
    # alone on the page, the department that wrote it is all the page says
    alone = [ZH_HEADLINE, "来源：材料科学与工程学院", *ZH_BODY]
    assert extract_source(clean_lines(alone))[0] == "材料科学与工程学院"


@pytest.mark.parametrize(("credit", "expected"), [
    # kept with the article's text, as it reads as a sentence
    ("This article was originally published on The Conversation.", "The Conversation"),
    ("Originally published at Lantern Weekly.", "Lantern Weekly"),
    ("Republished with permission from Quarry Review.", "Quarry Review"),
    # a sentence of the article that opens with the same words names no outlet
    ("Published in the spring, the report found that most firms use AI for drafting.", "Daily Digest"),
])
def test_a_republishing_credit_in_english_names_the_outlet_over_a_masthead(credit: str, expected: str):
    page = ["Daily Digest", EN_HEADLINE, "March 3, 2025", *EN_BODY, credit]
    assert extract_source(clean_lines(page))[0] == expected


def test_a_long_masthead_counts_when_the_page_shortens_it_to_its_first_words():
    top = ["Meridian Institute for Public Technology", "Research  Commentary  Events", EN_HEADLINE,
           "Commentary · Jordan Abara · April 8, 2025"]
    footer = ["Jordan Abara is a senior fellow at the Meridian Institute.",
              "© 2025 Meridian Institute. All rights reserved."]
    full = "Meridian Institute for Public Technology"
    assert extract_source(clean_lines([*top, *EN_BODY, *footer]))[0] == full
    # a slogan's first words are not said again as a name
    slogan = ["Making Sense of the Machines Around Us", *top[1:], *EN_BODY]
    assert extract_source(clean_lines(slogan))[0] is None


@pytest.mark.parametrize(("page", "expected"), [
    ([EN_HEADLINE, "By Jo Roe for The Harbour Review", "March 3, 2025", *EN_BODY], "The Harbour Review"),
    ([EN_HEADLINE, "March 3, 2025", *EN_BODY, "Via: The Harbour Review"], "The Harbour Review"),
    # an agency's name with a hyphen in a wire dateline
    (["Byte Harbor", EN_HEADLINE, "March 3, 2025", f"PARIS (Agence France-Presse) — {EN_BODY[0]}",
      *EN_BODY[1:]], "Agence France-Presse"),
])
def test_an_author_for_an_outlet_a_via_line_and_a_hyphenated_agency(page: list[str], expected: str):
    assert extract_source(clean_lines(page))[0] == expected


def test_a_bilingual_wordmark_leading_the_top_menu_names_the_outlet_in_the_articles_script():
    """數位脈動 DigiPulse ｜ 新聞 ｜ … ｜ 訂閱電子報 heads the page; © DigiPulse Media closes it: the Chinese
    article's outlet is 數位脈動, whatever a link in the row (訂閱) made of the line."""
    page = ["數位脈動 DigiPulse ｜ 新聞 ｜ 專題 ｜ 評測 ｜ 訂閱電子報", "首頁 / AI / 生成式AI",
            "輝達市值首度突破3兆美元 超越蘋果", "撰文 陳柏安 ｜ 2024.06.05", *HANT_BODY,
            "© 2024 DigiPulse Media. 版權所有，未經授權請勿轉載。"]
    assert extract_source(clean_lines(page))[0] == "數位脈動"


def test_a_publication_line_after_a_live_blog_names_the_day_of_the_week_between_label_and_date():
    """"First published on Tue 24 Feb 2026" below the posts: the weekday does not hide the label."""
    page = ["Live", EN_HEADLINE, *EN_BODY, "Share", "First published on Tue 11 Jun 2024 09.30 GMT",
            "© 2024 The Harbour Ledger"]
    assert extract_date(clean_lines(page)) == "2024-06-11"
    zh = [ZH_HEADLINE, *ZH_BODY[:1], *ZH_BODY[2:], "分享", "发布于 周二 2024-06-11 09:30", "© 2024 云帆网"]
    assert extract_date(clean_lines(zh)) == "2024-06-11"


def test_a_press_releases_dateline_without_a_year_takes_it_from_the_page():
    """SAN JOSE, Calif. – June 3 – …: a release's place and day, the year from its copyright line."""
    page = [EN_HEADLINE, "SAN JOSE, Calif. – June 3 – " + EN_BODY[0], *EN_BODY[1:],
            "© 2024 Vantorra, Inc. All rights reserved."]
    assert extract_date(clean_lines(page)) == "2024-06-03"


def test_a_writers_name_and_outlet_under_the_headline_name_the_outlet_the_page_confirms():
    """"Jenna Whitcombe, Cascade Courier" under the headline, the courier's address in the tail: the outlet.
    The part after the comma alone may be a place or a second writer, so it needs the page's confirming it."""
    tail = "Jenna Whitcombe covers technology. Reach her at jw@cascadecourier.example."
    page = [EN_HEADLINE, "Jenna Whitcombe, Cascade Courier", "6–8 minutes", *EN_BODY, tail]
    assert extract_source(clean_lines(page))[0] == "Cascade Courier"
    unconfirmed = [EN_HEADLINE, "Jenna Whitcombe, Rhea Batra", "6–8 minutes", *EN_BODY]
    assert extract_source(clean_lines(unconfirmed))[0] is None


def test_an_accounts_name_before_its_posting_time_under_the_headline_names_the_outlet():
    """An app's share page: "岭南科创报 · 06-03 08:12 · 广东" under the headline; a person's name is short."""
    page = ["打开App，阅读体验更佳", ZH_HEADLINE, "岭南科创报 · 06-03 08:12 · 广东", "关注", *ZH_BODY]
    assert extract_source(clean_lines(page))[0] == "岭南科创报"
    person = ["打开App，阅读体验更佳", ZH_HEADLINE, "郑思远 · 06-03 08:12 · 广东", "关注", *ZH_BODY]
    assert extract_source(clean_lines(person))[0] is None


def test_a_platforms_badge_under_an_accounts_name_is_not_the_accounts_name():
    """A share page's header: the account's name, its badge (优质科技领域创作者), when it posted, the follow
    button; the account is the name above the badge."""
    page = ["打开APP 体验更佳", ZH_HEADLINE, "算力观察室", "优质科技领域创作者", "前天 21:40 · 来自广东",
            "+ 关注", *ZH_BODY]
    assert extract_source(clean_lines(page))[0] == "算力观察室"
    plain = ["打开APP 体验更佳", ZH_HEADLINE, "算力观察室", "前天 21:40 · 来自广东", "+ 关注", *ZH_BODY]
    assert extract_source(clean_lines(plain))[0] == "算力观察室"


def test_an_accounts_header_right_above_the_headline_names_the_account_not_the_app():
    """An app's share page that sets the account's header above the headline: the app's name, the account,
    when it posted (with a badge), the follow button; the account is the outlet, not the app."""
    page = ["打开App，阅读体验更佳", "快讯头条", "硅谷与中关村", "3天前 · 优质科技领域创作者", "+ 关注",
            ZH_HEADLINE, *ZH_BODY]
    assert extract_source(clean_lines(page))[0] == "硅谷与中关村"
    placed = ["打开App，阅读体验更佳", "锐评科技", "2025-05-06 20:13 · 发布于北京 · 科技领域创作者", "+关注",
              ZH_HEADLINE, *ZH_BODY]
    assert extract_source(clean_lines(placed))[0] == "锐评科技"


def test_an_accounts_name_over_its_followed_button_and_its_posting_time_names_the_account():
    """The follow button beside the account's name (已关注, + 关注), when it posted under both; the app's name
    over the page and in its footer is the host, not the outlet. A reading time there ("6 min read") is a
    writer's page, not an account's line of posting."""
    page = ["快看资讯", "打开APP，阅读体验更佳", "硅谷日报", "已关注",
            "2024-06-03 08:15 · 发布于浙江 · 科技领域创作者", ZH_HEADLINE, *ZH_BODY,
            "©2024 快看资讯 京ICP备xxxxxxxx号"]
    assert extract_source(clean_lines(page))[0] == "硅谷日报"
    writer = ["Member-only story", EN_HEADLINE, "Kevin Zhao", "Follow", "6 min read", *EN_BODY]
    assert extract_source(clean_lines(writer))[0] is None


def test_an_apps_own_name_yields_to_the_account_that_posted_the_article():
    """The app's masthead, first line and copyright line all name the app; the account's header names who
    posted the article, and the account is its outlet."""
    page = ["快读", "打开App，阅读体验更佳", ZH_HEADLINE, "硅基观察", "06-07 09:15 · 优质科技领域创作者",
            "关注", *ZH_BODY, "打开快读App，查看更多精彩内容", "©2024 快读 京ICP备XXXXXXXX号"]
    assert extract_source(clean_lines(page))[0] == "硅基观察"


def test_an_aggregators_source_line_and_continue_reading_link_name_the_outlet():
    """An aggregator's page: "Source: X · Published …" ends the name at the dot; "Continue reading on X"
    links to the outlet the story came from, not the aggregator whose name tops the page."""
    labelled = ["NewsNook", "Sign in", EN_HEADLINE,
                "Source: Pacific Business Journal · Published June 6, 2024", *EN_BODY,
                "© 2024 NewsNook   Privacy & Cookies   Terms of use"]
    assert extract_source(clean_lines(labelled))[0] == "Pacific Business Journal"
    linked = ["NewsPulse", "Search NewsPulse", EN_HEADLINE, *EN_BODY,
              "Continue reading on The Lakeshore Observer",
              "Download the NewsPulse app for a better experience"]
    assert extract_source(clean_lines(linked))[0] == "The Lakeshore Observer"


@pytest.mark.parametrize("label", ["来源：网络", "来源：互联网", "來源：網路", "来源：综合报道",
                                   "来源：网友投稿", "来源：受访者"])
def test_a_source_label_that_names_no_one_leaves_the_site_its_outlet(label: str):
    """"来源：网络", "Source: Internet": where anyone may have found the story, no outlet; the site is."""
    page = ["鹭岛在线", "首页 | 新闻 | 科技 | 财经", ZH_HEADLINE, f"2025-03-08 10:20  {label}", *ZH_BODY,
            "Copyright © 2003-2025 鹭岛在线 版权所有"]
    assert extract_source(clean_lines(page))[0] == "鹭岛在线"
    english = ["Harbourline", "News | Tech | Business", EN_HEADLINE, "Source: Internet", *EN_BODY,
               "© 2025 Harbourline"]
    assert extract_source(clean_lines(english))[0] == "Harbourline"


@pytest.mark.parametrize(("page", "expected"), [
    # a portal that names itself at the top, in its app's banner and in its footer, carrying a paper's story
    (["鹭岛在线", "首页 | 新闻 | 科技 | 财经", ZH_HEADLINE, "2025-03-08 10:20  来源：闽江晨报  作者：林可",
      *ZH_BODY, "【免责声明】本文仅代表作者观点，与鹭岛在线无关。", "下载鹭岛在线客户端",
      "Copyright © 2003-2025 鹭岛在线 版权所有"], "闽江晨报"),
    # a reader app that says its own name five times and the outlet's once in a line of its own
    (["Feedwell", "Search Feedwell", "Open in the Feedwell app", EN_HEADLINE, *EN_BODY,
      "Read the original at The Harbour Gazette", "Trending on Feedwell",
      "© 2025 Feedwell Inc. · Terms · Privacy"], "The Harbour Gazette"),
    (["Feedwell", "Open in the Feedwell app", EN_HEADLINE, *EN_BODY,
      "Read the original story on Lakeview Daily →", "© 2025 Feedwell Inc."], "Lakeview Daily"),
    # a forum's name over its slogan, a paper's story copied into a post with its source line
    (["木星论坛 - 天文爱好者之家", "首页 | 版块 | 搜索", "木星论坛 › 新闻转帖 › 科技", "转：" + ZH_HEADLINE,
      "楼主 星空漫步 发表于 2025-3-12 09:15", "来源：东海日报", *ZH_BODY, "回复 举报",
      "Archiver | 手机版 | 木星论坛"], "东海日报"),
    # the site's own name in its source line: the site
    (["鹭岛在线", "首页 | 新闻 | 科技 | 财经", ZH_HEADLINE, "2025-03-08 10:20  来源：鹭岛在线", *ZH_BODY,
      "Copyright © 2003-2025 鹭岛在线 版权所有"], "鹭岛在线"),
])
def test_a_stated_source_outranks_a_host_naming_itself_in_its_furniture(page: list[str], expected: str):
    """However often a portal's or a reader app's furniture names the site (masthead, app banner, footer), a
    line of its own that says where the article comes from names the outlet that published it."""
    assert extract_source(clean_lines(page))[0] == expected


@pytest.mark.parametrize("posted", ["2小时前 · 浙江 · 科技领域作者", "11-03 · 浙江",
                                    "2025-11-03 · 浙江 · 数码博主", "昨天 21:40"])
def test_an_accounts_name_over_its_follow_button_and_any_line_of_posting_names_the_account(posted: str):
    """An app's share page: the account's name, its follow button, then when it posted, however the app
    writes that (relative, a month and a day, a full date, a day and a clock), over the headline."""
    page = ["打开App，体验更流畅", "数码阿泽说", "已关注", posted, ZH_HEADLINE, *ZH_BODY]
    assert extract_source(clean_lines(page))[0] == "数码阿泽说"


def test_an_accounts_name_and_when_it_posted_on_one_line_over_the_follow_button_names_the_account():
    """"数码阿坤 · 3小时前 · 上海" over 关注: a self-media account on a news app, its age relative; a line
    that opens with the day (昨天 21:40 · …) names nobody."""
    page = ["打开App，阅读体验更佳", "App内打开", ZH_HEADLINE, "数码阿坤 · 3小时前 · 上海", "关注", *ZH_BODY]
    assert extract_source(clean_lines(page))[0] == "数码阿坤"
    day = ["打开App，阅读体验更佳", "App内打开", ZH_HEADLINE, "昨天 21:40 · 上海", "关注", *ZH_BODY]
    assert extract_source(clean_lines(day))[0] is None


def test_an_original_articles_header_with_its_time_on_the_next_line_names_the_account():
    """A public account's header copied as two lines: 原创, the author, the account; then when it posted
    (2天前 上海, *2天前* in a Markdown copy). Without the time under it the line is no header."""
    page = [ZH_HEADLINE, "原创 周砚 算力札记", "2天前 上海", *ZH_BODY]
    assert extract_source(clean_lines(page))[0] == "算力札记"
    dated = [ZH_HEADLINE, "原创 周砚 算力札记", "2025年04月02日 08:30 上海", *ZH_BODY]
    assert extract_source(clean_lines(dated))[0] == "算力札记"
    alone = [ZH_HEADLINE, "原创 周砚 算力札记", *ZH_BODY]
    assert extract_source(clean_lines(alone))[0] is None


def test_a_wires_release_names_its_issuer_from_news_provided_by_and_its_source_line():
    """A release on a newswire's page: the wire's masthead and copyright, "NEWS PROVIDED BY" with the issuer
    on the next line, "SOURCE Korvax Robotics, Inc." after it; the issuer is the outlet, without its legal
    form."""
    wire = ["PrimeWire", "News  Newsroom  Send a Release  Pricing  Contact", EN_HEADLINE]
    tail = ["About Korvax Robotics", "SOURCE Korvax Robotics, Inc.", "© 2025 PrimeWire. All Rights Reserved."]
    page = [*wire, "NEWS PROVIDED BY", "Korvax Robotics, Inc.", "Sep 09, 2025, 08:00 ET", *EN_BODY, *tail]
    assert extract_source(clean_lines(page))[0] == "Korvax Robotics"
    labelled = [*wire, "Sep 09, 2025, 08:00 ET", *EN_BODY, *tail]
    assert extract_source(clean_lines(labelled))[0] == "Korvax Robotics"
    provided = [*wire, "News provided by", "Korvax Robotics Group", "Sep 09, 2025, 08:00 ET", *EN_BODY,
                "© 2025 PrimeWire. All Rights Reserved."]
    assert extract_source(clean_lines(provided))[0] == "Korvax Robotics Group"


def test_a_section_and_its_subsection_over_the_headline_are_no_outlet():
    """"Technology | Law" above the headline is the page's section path, not "Brand | section"; the
    footer's copyright names the paper, though a picture's credit under the byline names it too."""
    top = ["Home World Business Tech Opinion Arts Books Sport Subscribe", "Subscribe for $1 a week | Log in",
           "BREAKING: Heatwave warning extended across the state", "Technology | Law", EN_HEADLINE,
           "By Margaret Oduya, Technology Correspondent", "July 30, 2024"]
    credit = "The courthouse where the case is heard. Photograph: Daniel Park for The Harbour Chronicle"
    tail = ["More from Technology", "© 2024 The Harbour Chronicle. All rights reserved."]
    assert extract_source(clean_lines([*top, credit, *EN_BODY, *tail]))[0] == "The Harbour Chronicle"
    assert extract_source(clean_lines([*top, *EN_BODY, "More from Technology"]))[0] is None
    kicker = [*top[:3], "Technology", *top[4:]]  # the section's label alone right above the headline
    assert extract_source(clean_lines([*kicker, *EN_BODY, "More from Technology"]))[0] is None


def test_a_mailing_list_archive_names_the_list():
    """A list archive's header and footer name the list ("openweights-dev mailing list archive"); a prompt
    to join "our mailing list" names none."""
    head = ["openweights-dev mailing list archive", "[Date Prev][Date Next][Thread Prev][Thread Next]",
            EN_HEADLINE, "From: Ravi Natarajan <ravi@openweights.example>", "Date: Mon, 3 Jun 2024 14:22:07"]
    page = [*head, *EN_BODY, "openweights-dev mailing list", "Prev by Date: Re: GPU memory errors"]
    assert extract_source(clean_lines(page))[0] == "openweights-dev"
    prompt = [EN_HEADLINE, "By Claire Dumont", "Oct 9, 2024", *EN_BODY, "Join our mailing list"]
    assert extract_source(clean_lines(prompt))[0] is None
    # a message to the list, its archive's name not copied: the address at a host for lists names it
    message = [EN_HEADLINE, "From: Ravi Natarajan <ravi@openweights.example>",
               "To: openweights-dev@lists.example.org", "Date: Mon, 3 Jun 2024 14:22:07", *EN_BODY]
    assert extract_source(clean_lines(message))[0] == "openweights-dev"
    # the list's tag before the subject; a subject's own tag ([ANN]) names nothing
    tagged = ["[openweights-dev] Tokenizer changes in the next release", "From: Ravi Natarajan",
              "Date: Mon, 3 Jun 2024 14:22:07", *EN_BODY]
    assert extract_source(clean_lines(tagged))[0] == "openweights-dev"
    announced = [f"[ANN] {EN_HEADLINE}", "From: Ravi Natarajan", "Date: Mon, 3 Jun 2024 14:22:07", *EN_BODY]
    assert extract_source(clean_lines(announced))[0] is None


@pytest.mark.parametrize(("tag", "again", "expected"), [
    ("[Lumen-Users]", "Previous message (by thread): [Lumen-Users] Re: GPU memory errors", "Lumen-Users"),
    ("[Open_Models.Announce]", "Next message (by thread): [Open_Models.Announce] Call for volunteers",
     "Open_Models.Announce"),
    # a capitalised tag the page shows once is the subject's own ([Re-Post]), not a list's
    ("[Re-Post]", "Previous message (by thread): Call for volunteers", None),
])
def test_a_lists_tag_in_capitals_that_the_archive_repeats_names_the_list(tag: str, again: str,
                                                                         expected: str | None):
    """A list whose name has capitals ([Open-models-announce]), its tag before the subject and again in the
    archive's links to the thread's other messages: the list is the outlet of a message with no other."""
    sorted_by = "Messages sorted by: [ date ] [ thread ] [ subject ] [ author ]"
    page = [f"{tag} {EN_HEADLINE}", "", again, sorted_by, "", "Ravi Natarajan ravi at natarajan.example",
            "Wed Oct 14 09:12:48 UTC 2026", "", *EN_BODY, "", again, sorted_by]
    assert extract_source(clean_lines(page))[0] == expected


@pytest.mark.parametrize(("sender", "opening", "signoff", "expected"), [
    ("Ines Moreau ines.moreau at tidewater-labs.example",
     "Tidewater Labs is releasing the weights of Heron-2 today.",
     ["Ines Moreau", "Head of research, Tidewater Labs"], "Tidewater Labs"),
    ("From: Jo Park <jo@kestrel.example.org>",
     "On behalf of the Kestrel Open Data Collective board, I am glad to announce our new evaluation set.",
     ["Jo Park", "for the Kestrel board"], "Kestrel Open Data Collective"),
    # the sign-off names the organisation, the opening does not: a member writing to the list
    ("Ines Moreau ines.moreau at tidewater-labs.example", "The working group has finished a first draft.",
     ["Ines Moreau", "Chair, Working Group, Tidewater Labs"], "harbor-announce"),
    # the opening names an organisation that is not the sender's: the list
    ("Ines Moreau ines at moreau.example", "Tidewater Labs is releasing the weights of Heron-2 today.",
     ["Ines"], "harbor-announce"),
])
def test_an_organisations_announcement_to_a_list_is_the_organisations(
        sender: str, opening: str, signoff: list[str], expected: str):
    """A message to a list from an organisation's address that opens by naming the organisation as who
    announces (Tidewater Labs is releasing …) and signs off for it: the organisation issues the announcement,
    the list only distributes it, as a newswire does a release."""
    page = [f"[harbor-announce] {EN_HEADLINE}", "", sender, "Wed Oct 14 09:12:48 UTC 2026", "", "Hello all,",
            opening, *EN_BODY, "-- ", *signoff, "", "More information about the harbor-announce mailing list"]
    assert extract_source(clean_lines(page))[0] == expected


def test_a_forums_first_line_of_name_and_short_han_description_names_the_forum():
    """"码驿论坛 - 程序员的技术社区": the site's name, a dash, what it is, as its <title> sets it."""
    page = ["码驿论坛 - 程序员的技术社区", "门户 论坛 问答 下载 搜索", "码驿论坛 » 论坛 › 职场 › 求职面经",
            ZH_HEADLINE, "秋招打工人", "楼主", "发表于 2024-10-17 10:48 | 只看该作者", *ZH_BODY]
    assert extract_source(clean_lines(page))[0] == "码驿论坛"


def test_a_notices_signature_over_its_date_names_the_issuer_over_its_departments_source_label():
    """A bureau's notice: "来源：科技金融处" above the text names the department that wrote it; the body that
    signs it under the text, over the date, issues it."""
    head = ["首页 机构概况 政务公开 通知公告", ZH_HEADLINE,
            "发布日期：2025-04-25 来源：科技金融处 浏览次数：2718"]
    page = [*head, *ZH_BODY, "滨海市科学技术局", "2025年4月25日", "【字体：大 中 小】 【打印本页】"]
    assert extract_source(clean_lines(page))[0] == "滨海市科学技术局"
    unsigned = [*head, *ZH_BODY, "【字体：大 中 小】 【打印本页】"]
    assert extract_source(clean_lines(unsigned))[0] == "科技金融处"
    # a writer's role over the date is no body that issues anything
    column = [ZH_HEADLINE, "2025-04-25", *ZH_BODY, "东海日报评论员", "2025年4月25日"]
    assert extract_source(clean_lines(column))[0] is None


def test_an_office_named_by_its_level_alone_goes_by_the_form_with_its_place():
    """"来源：市数据局" and "发布机构：滨江市数据局" on one notice: the office named by its level alone (市)
    is the page's own city's, and goes by the name with the city."""
    page = ["首页 机构概况 政务公开 通知公告", ZH_HEADLINE, "发布机构：滨江市数据局",
            "发布日期：2024-05-27 来源：市数据局 浏览次数：943", *ZH_BODY]
    assert extract_source(clean_lines(page))[0] == "滨江市数据局"


def test_a_copyright_holders_office_and_address_after_it_are_not_its_name():
    """"版权所有 © 江城大学 党委宣传部 地址：…": the university holds the rights, its office runs the site;
    the site's masthead (江城大学新闻网) holds that name and is the outlet."""
    page = ["江城大学新闻网", "首页 要闻 综合新闻 学术动态 通知公告", ZH_HEADLINE, "发布时间：2024-06-06",
            *ZH_BODY, "版权所有 © 江城大学 党委宣传部　地址：江城市学府路88号　邮编：43xxxx"]
    assert extract_source(clean_lines(page))[0] == "江城大学新闻网"


def test_an_offices_bare_name_on_its_institutions_site_goes_with_the_institution():
    """"发布单位：研究生院" on a site the university holds (© 江城大学): the university's graduate school;
    the same office on a page that names no institution keeps its bare name."""
    notice = [ZH_HEADLINE, "发布单位：研究生院　发布时间：2024-05-15", *ZH_BODY, "研究生院", "2024年5月15日"]
    footer = "版权所有 © 江城大学 党委宣传部　地址：江城市学府路88号"
    assert extract_source(clean_lines(["江城大学新闻网", *notice, footer]))[0] == "江城大学研究生院"
    assert extract_source(clean_lines(notice))[0] == "研究生院"


@pytest.mark.parametrize(("page", "expected"), [
    # a department's label, its name in full in the copyright line of its own site
    (["星河理工学院科研处", ZH_HEADLINE, "来源：科研处　发布时间：2025-04-25", *ZH_BODY,
      "版权所有 © 星河理工学院科研处　地址：星河市学院路1号"], "星河理工学院科研处"),
    # a notice's label with the office's bare name, its signature with the institution's name before it
    (["云岭大学教务处", "首页 | 通知公告 | 下载中心", ZH_HEADLINE, "发布时间：2025-04-25　浏览次数：312",
      "来源：数据管理中心", *ZH_BODY, "特此通知。", "云岭大学数据管理中心", "2025年4月25日"],
     "云岭大学数据管理中心"),
])
def test_a_bodys_short_name_is_shown_as_the_page_writes_it_in_full(page: list[str], expected: str):
    """An office named bare in a label (科研处, 数据管理中心) and in full elsewhere on the page (in the
    copyright line, in the notice's signature) is shown by its full name: whose office it is."""
    assert extract_source(clean_lines(page))[0] == expected


@pytest.mark.parametrize(("address", "expected"), [
    ("https://docs.lumenhq.example/guides", "Lumenhq"),
    ("https://developer.lumenhq.example", "Lumenhq"),
    # an address that is not the name's: the site's own name stays whole
    ("https://pages.hostly.example/lumenhq", "Lumenhq Docs"),
])
def test_a_docs_sites_name_at_the_companys_address_is_the_companys(address: str, expected: str):
    """"Lumenhq Docs" over a changelog at docs.lumenhq.example, © its legal name: the documentation site
    holds the company's own pages; the company is the outlet."""
    page = ["Lumenhq Docs", "Search docs", "Guides · API reference · Changelog", EN_HEADLINE, *EN_BODY,
            "© 2025 Lumenhq Technologies · Status · Terms"]
    # (a Markdown page: its logo's words and its links' targets, which its text does not show)
    assert extract_source(clean_lines(page), (address,), logo="Lumenhq Docs")[0] == expected


NOTICE_ON_OFFICE_SITE = ["云岭大学研究生院", "首页 | 通知公告 | 下载中心", ZH_HEADLINE,
                         "发布时间：2025-04-25　来源：云岭大学科研处", *ZH_BODY, "特此通知。", "科研处",
                         "2025年4月25日", "版权所有 © 2025 云岭大学研究生院　地址：云岭市学府路1号"]


def test_a_notice_signed_by_the_office_its_label_names_is_that_offices():
    """A notice on one office's site (研究生院) whose label names another office with its university
    (来源：云岭大学科研处) and which that office signs by its bare name over the date: the office issues it.
    Without the signature the label's office only wrote the story, and the site is its outlet."""
    assert extract_source(clean_lines(NOTICE_ON_OFFICE_SITE))[0] == "云岭大学科研处"
    unsigned = [line for line in NOTICE_ON_OFFICE_SITE if line not in ("科研处", "2025年4月25日")]
    assert extract_source(clean_lines(unsigned))[0] == "云岭大学研究生院"
    # a bare signature alone names no one
    bare = [line.replace("来源：云岭大学科研处", "浏览次数：88") for line in NOTICE_ON_OFFICE_SITE]
    assert extract_source(clean_lines(bare))[0] == "云岭大学研究生院"


@pytest.mark.parametrize(("top", "signature", "footer", "expected"), [
    (["海川大学 信息公开网", "首页 | 学校概况 | 信息公开 | 通知公告"], "信息化建设与管理处",
     "版权所有 © 海川大学　地址：海川市大学路1号", "海川大学信息化建设与管理处"),
    (["東華大學", "首頁 | 行政單位 | 最新公告"], "研究發展處", "© 2025 東華大學 版權所有",
     "東華大學研究發展處"),
    # the footer's holder is one of the institution's offices, not the institution: the site is the outlet
    (["云岭大学研究生院", "首页 | 通知公告 | 下载中心"], "科研处", "版权所有 © 2025 云岭大学研究生院",
     "云岭大学研究生院"),
])
def test_an_office_that_signs_by_its_bare_name_on_its_institutions_site_issues_the_notice(
        top: list[str], signature: str, footer: str, expected: str):
    """A notice on the site its university holds (© 海川大学), signed under its text by an office's bare name
    over the date: the university's office issues it, named with its university."""
    page = [*top, ZH_HEADLINE, "发布时间：2025-03-02　浏览次数：318", *ZH_BODY, "特此通知。", signature,
            "2025年3月2日", footer]
    assert extract_source(clean_lines(page))[0] == expected


def test_an_html_notices_signature_outranks_the_site_in_its_title(tmp_path: Path):
    """The same notice as a saved page whose <title> ends with the carrying office's name."""
    body = "".join(f"<p>{line}</p>" for line in NOTICE_ON_OFFICE_SITE[3:])
    seed = tmp_path / "notice.html"
    seed.write_text(f"<html><head><title>{ZH_HEADLINE}-云岭大学研究生院</title></head><body>"
                    f"<div>云岭大学研究生院</div><div>首页 | 通知公告 | 下载中心</div>"
                    f"<h1>{ZH_HEADLINE}</h1><article>{body}</article></body></html>", encoding="utf-8")
    assert extract(seed).source == "云岭大学科研处"


@pytest.mark.parametrize(("issuer", "expected"), [
    (["From: Office for Clinical Software Safety and Ministry of Health and Social Care"],
     "Office for Clinical Software Safety"),
    (["From:", "National Robotics Standards Board and Department of Trade"],
     "National Robotics Standards Board"),
    # one name with "and" inside it: whole
    (["From: Department for Science, Industry and Technology"],
     "Department for Science, Industry and Technology"),
    (["From:", "Office of Research and Innovation"], "Office of Research and Innovation"),
    (["From: Department of Health and Social Care"], "Department of Health and Social Care"),
])
def test_a_releases_joint_issuers_give_the_one_that_leads(issuer: list[str], expected: str):
    """A government release "From" two bodies names the first, who leads it; an "and" inside one body's name
    (Research and Innovation) does not split it."""
    page = ["GOVSITE.example", "Menu Search", "Press release", EN_HEADLINE, *issuer, "Published 3 March 2025",
            *EN_BODY]
    assert extract_source(clean_lines(page))[0] == expected


@pytest.mark.parametrize("credit", ["Read the original at The Harbour Gazette",
                                    "Continue reading on The Harbour Gazette"])
def test_a_reader_apps_saved_page_names_the_outlet_it_links_to_over_its_own_site_name(tmp_path: Path,
                                                                                      credit: str):
    """A reader app's saved page: og:site_name and <title> name the app; the line that links to the story
    where it ran names the outlet."""
    body = "".join(f"<p>{line}</p>" for line in EN_BODY)
    seed = tmp_path / "reader.html"
    seed.write_text(f"<html><head><title>{EN_HEADLINE} | Feedwell</title>"
                    '<meta property="og:site_name" content="Feedwell"></head><body>'
                    "<div>Feedwell</div><nav>For You | Local | Tech | Business</nav>"
                    f"<main><h1>{EN_HEADLINE}</h1>{body}<p>{credit}</p></main>"
                    "<footer>Trending on Feedwell · © 2025 Feedwell Inc. · Terms</footer></body></html>",
                    encoding="utf-8")
    assert extract(seed).source == "The Harbour Gazette"


def test_a_releases_about_heading_names_its_issuer_when_its_opening_does():
    """A release on a wire's page without a source line: "About Korvax Robotics" after the text, the company
    its opening paragraph names, issues it; an "About" heading the opening does not name is no issuer."""
    opening = ("AUSTIN, Texas, Sept. 9, 2025 /PrimeWire/ -- Korvax Robotics, Inc., a developer of humanoid "
               "robots, today unveiled K2, its second-generation humanoid designed for warehouses.")
    wire = ["PrimeWire", "News  Newsroom  Pricing  Contact", EN_HEADLINE, "Sep 09, 2025, 08:00 ET"]
    about = ["About Korvax Robotics", "Korvax Robotics builds humanoid robots for logistics and factories.",
             "© 2025 PrimeWire. All Rights Reserved."]
    assert extract_source(clean_lines([*wire, opening, *EN_BODY, *about]))[0] == "Korvax Robotics"
    other = ["About Ridgeline Ventures", "Ridgeline Ventures invests in early-stage robotics companies.",
             "© 2025 PrimeWire. All Rights Reserved."]
    assert extract_source(clean_lines([*wire, opening, *EN_BODY, *other]))[0] == "PrimeWire"


@pytest.mark.parametrize(("card", "link", "more", "expected"), [
    ("THE LANTERN REVIEW · 5 min read", "Open original at lanternreview.example",
     "More from The Lantern Review", "The Lantern Review"),
    # the address spells the name but its last word ("Daily"), which the page gives the name twice
    ("HARBOUR TECH DAILY · 4 min read", "View the original on www.harbourtech.example/2026/05/ai-act ↗",
     "More from Harbour Tech Daily", "Harbour Tech Daily"),
    ("Copper Wire · 3 min read", "Read original at copperwire.example", "Saved · Archive", "Copper Wire"),
    # an address the page spells no name for: no guess from the address, the app's own name stays
    ("5 min read", "Open original at lanternreview.example", "More stories", "Skimpad"),
])
def test_a_reader_apps_link_to_the_original_names_the_outlet_its_address_spells(
        card: str, link: str, more: str, expected: str):
    """A reader app's page of an article it carries: its link out to the original (Open original at
    lanternreview.example) and the name the page spells that address with are the outlet, not the app."""
    page = ["Skimpad", "For You    Following    Topics    Saved", "← Back to feed", card, EN_HEADLINE,
            "By Dana Okafor", "Mar 9, 2026", *EN_BODY, link, "♡ Like     ⤓ Save     ↗ Share", more,
            "Why memory, not math, is the new bottleneck for AI servers"]
    assert extract_source(clean_lines(page))[0] == expected


@pytest.mark.parametrize(("site", "label", "expected"), [
    ("Lakemont University", "Source: School of Engineering and Computing", "Lakemont University"),
    ("Harwick College", "Source: Faculty of Medicine", "Harwick College"),
    ("Brennan Institute of Technology", "Source: Department of Physics", "Brennan Institute of Technology"),
    # a news site's source line naming a government department: the department is the source
    ("The Daily Courier", "Source: Department of Energy", "Department of Energy"),
])
def test_a_universitys_own_school_in_its_source_line_wrote_the_story(site: str, label: str, expected: str):
    """A university's newsroom names in its source line the school or department that wrote the story
    (Source: School of Engineering and Computing): like a byline, not the outlet; the university is."""
    page = [site, "About Academics Research Admissions Newsroom", EN_HEADLINE, "November 10, 2026", label,
            *EN_BODY, f"© 2026 {site}"]
    assert extract_source(clean_lines(page))[0] == expected


def test_a_feed_readers_article_names_the_feed_not_the_reader():
    """A reader app's page: its name on top, its list of feeds with their unread counts, then the feed's
    name right above the headline; the feed is the outlet. A name above the headline that no list counts
    is no feed."""
    reader = ["Feedline", "All articles (1,284)", "Starred", "Curbside Dispatch · 31",
              "The Batch Digest · 12", "Mark all as read"]
    byline = ["by Dana Whitfield · 5h", "Open original ↗  ☆ Star  ✉ Share"]
    page = [*reader, "Curbside Dispatch", EN_HEADLINE, *byline, *EN_BODY]
    assert extract_source(clean_lines(page))[0] == "Curbside Dispatch"
    unlisted = [*reader, "Harbour Letters", EN_HEADLINE, *byline, *EN_BODY]
    assert extract_source(clean_lines(unlisted))[0] != "Harbour Letters"


def test_a_reposts_original_date_under_the_original_accounts_card_is_the_publication_date():
    """A repost: the reposting account's header (2024年06月12日), then the original account's card (its
    name, its motto) and the original's "发布时间"; the card's short lines do not start the article."""
    page = [ZH_HEADLINE, "转载 AI小站 深度求知 2024年06月12日 08:00 北京",
            "以下文章来源于云帆研究所，作者林溪", "云帆研究所 .",
            "关注前沿科技，提供独立研究视角。", "来源：云帆研究所（ID：yunfan_lab）",
            "发布时间：2024年6月11日", *ZH_BODY]
    assert extract_date(clean_lines(page)) == "2024-06-11"


def test_an_updated_date_after_a_weekday_is_never_the_publication_date():
    """"Updated Thu, Apr 3 2025": the day of the week does not hide the word that makes it an edit date."""
    assert find_dates("Updated Thu, Jun 13 2024 4:18 PM EDT")[0][2] is True
    page = [EN_HEADLINE, "By Jo Roe", "Updated Thu, Jun 13 2024 4:18 PM EDT", *EN_BODY]
    assert extract_date(clean_lines(page)) is None


def test_a_rights_phrase_in_the_copyright_line_is_no_outlet():
    page = ["New national AI safety testing centre to open next spring", *EN_BODY,
            "All content is available under the Open Government Licence v3.0. © Crown copyright"]
    assert extract_source(clean_lines(page))[0] is None


def test_a_rights_phrase_yields_to_the_next_evidence():
    page = ["New national AI safety testing centre to open next spring", "Source: Harbour Review", *EN_BODY,
            "© Crown copyright"]
    assert extract_source(clean_lines(page))[0] == "Harbour Review"


def test_a_bracket_fragment_of_the_byline_is_no_outlet():
    page = ["AI晶片公司今日招股 集資逾十億元", "【本報記者 麥嘉欣】", *HANT_BODY,
            "香江財經日報 版權所有 © 2026"]
    assert extract_source(clean_lines(page))[0] == "香江財經日報"


@pytest.mark.parametrize(("header", "expected"), [
    # a professional network's post: the writer's name (twice: the picture's and the link's), the line they
    # write about themselves, when they posted, the follow button; the network's name tops the page
    (["Daniel Osei", "Daniel Osei", "Head of IT Procurement at a logistics group | Speaker",
      "Published Mar 4, 2025", "+ Follow"], "Daniel Osei"),
    (["Daniel Osei", "Head of IT Procurement at a logistics group | Speaker", "2w • Edited", "+ Follow"],
     "Daniel Osei"),
])
def test_a_posts_writer_with_a_line_about_themselves_over_their_posting_line_is_its_outlet(
        header: list[str], expected: str | None):
    """A platform where people post under their own name: the poster, not the platform, is the outlet."""
    chrome = ["ProLink", "Home  My Network  Jobs  Messaging  Notifications", "Try Premium for $0"]
    page = [*chrome, EN_HEADLINE, *header, *EN_BODY, "Like  Comment  Repost  Send",
            "© 2025 ProLink Corporation  About  Privacy Policy"]
    assert extract_source(clean_lines(page))[0] == expected


def test_a_posts_writer_on_a_chinese_professional_network_is_its_outlet():
    """The same on a network whose posting line says 发布于: the poster, not the network."""
    page = ["职链", "首页 人脉 职位 消息", ZH_HEADLINE, "陈立", "物流集团采购总监 | 演讲嘉宾",
            "发布于 2025-03-04", "+ 关注", *ZH_BODY, "© 2025 职链 京ICP备12345678号"]
    assert extract_source(clean_lines(page))[0] == "陈立"


def test_a_reading_time_under_a_writers_line_about_themselves_is_no_line_of_posting():
    """A writer's name, their line about themselves and "6 min read" over the follow button: a writer's page,
    not a post whose poster is its outlet."""
    page = ["Quillpost", "Sign in", EN_HEADLINE, "Kevin Zhao", "Head of Data | Writer", "6 min read",
            "Follow", *EN_BODY]
    assert extract_source(clean_lines(page))[0] != "Kevin Zhao"


@pytest.mark.parametrize(("card", "expected"), [
    (["Sierra Ledger", "Story by Owen Baptiste", "• 1d •", "3 min read", "Follow"], "Sierra Ledger"),
    (["The Lakeshore Observer", "Article by Mina Park", "2h"], "The Lakeshore Observer"),
    # one word over the writer is the card's section, not an outlet: the aggregator stays unnamed as well
    (["Technology", "Story by Owen Baptiste", "• 1d •"], "NewsNook"),
    # the writer first, the outlet under the writer's line (the menu over it is no outlet)
    (["Story by Owen Baptiste", "The Sierra Ledger"], "The Sierra Ledger"),
])
def test_the_outlet_over_an_aggregators_story_by_line_is_the_outlet_not_the_aggregator(
        card: list[str], expected: str):
    """An aggregator's card for a story it carries: the outlet's name alone over "Story by" its writer."""
    page = ["NewsNook", "Search the web", "Sign in", "For you   Top stories   Local   Money   Tech", *card,
            EN_HEADLINE, *EN_BODY, "Continue reading", "More for You",
            "© 2024 NewsNook   Privacy & Cookies   Terms of use"]
    assert extract_source(clean_lines(page))[0] == expected


@pytest.mark.parametrize(("header", "expected"), [
    (["Signal Path 214K subscribers Subscribe"], "Signal Path"),
    (["Signal Path · 1.2M subscribers", "Subscribe"], "Signal Path"),
    (["Signal Path", "214K subscribers"], "Signal Path"),
    # a count with no name before it: nobody posted it that the page names; the site's name stays
    (["Over 18,000 subscribers", "Subscribe"], "Vidloft"),
    (["Kevin Zhao 1.2K followers Follow"], "Vidloft"),
])
def test_a_channel_named_with_its_subscribers_is_the_outlet_not_the_video_site(header: list[str],
                                                                                expected: str):
    """A video site's page: the channel that posted the video, shown with how many follow it, is the outlet;
    the site's own name over the page and in its footer is the host's."""
    page = ["Vidloft", "Search", "Sign in", "Home  Shorts  Subscriptions  Library", EN_HEADLINE, *header,
            "Like 6.1K  Dislike  Share  Download  Save", *EN_BODY, "© 2024 Vidloft LLC  Terms  Privacy"]
    assert extract_source(clean_lines(page))[0] == expected


@pytest.mark.parametrize(("header", "expected"), [
    (["科技阿飞频道 12.3万订阅者 + 订阅"], "科技阿飞频道"),
    (["科技阿飞频道", "订阅者 12.3万", "订阅"], "科技阿飞频道"),
    # a count of fans is a person's (an uploader's column): no outlet by it, nor the site's name
    (["科技阿飞 12.3万粉丝 + 关注"], "影阁"),
])
def test_a_chinese_video_sites_channel_named_with_its_subscribers_is_the_outlet(header: list[str],
                                                                                 expected: str):
    """A Chinese video site's page: the channel with its count of subscribers over the video's text, not the
    site."""
    page = ["影阁", "打开App 看高清视频", "首页 番剧 直播 游戏", ZH_HEADLINE, *header, "点赞 投币 收藏 分享",
            *ZH_BODY, "© 2024 影阁 沪ICP备12345678号"]
    assert extract_source(clean_lines(page))[0] == expected


def test_a_traditional_chinese_channel_named_with_its_subscribers_is_the_outlet():
    page = ["影閣", "登入", "輝達市值衝破3兆美元 黃仁勳:AI革命才剛開始", "數位浪潮 訂閱者 3.4萬 訂閱",
            *HANT_BODY, "© 2024 影閣 版權所有"]
    assert extract_source(clean_lines(page))[0] == "數位浪潮"


HANT_HEADLINE = "繁中語言模型新版釋出 學界：在地語料仍是最大挑戰"


@pytest.mark.parametrize(("page", "expected"), [
    # a university's masthead sets its office apart by a space; the footer writes the name whole
    (["江州大学 教务处", "首页 机构概况 教学管理 通知公告", ZH_HEADLINE, "发布时间：2024-06-03", *ZH_BODY,
      "江州大学教务处", "2024年6月3日", "版权所有 © 江州大学教务处"], "江州大学教务处"),
    # the masthead is the only form the page gives
    (["南岭大学 研究生院", "首页 招生 培养 学位", ZH_HEADLINE, "发布时间：2024-06-03", *ZH_BODY],
     "南岭大学研究生院"),
    # Traditional script, a full-width space
    (["東海大學　研究發展處", "首頁 最新消息 計畫申請", HANT_HEADLINE, "發布日期：2024-06-03", *HANT_BODY,
      "東海大學研究發展處 版權所有"], "東海大學研究發展處"),
])
def test_a_han_name_never_keeps_a_space_between_its_characters(page: list[str], expected: str):
    assert extract_source(clean_lines(page))[0] == expected


@pytest.mark.parametrize(("page", "expected"), [
    # 来源：省工信厅 on the department's own site, its masthead and footer naming it in full
    (["南江省工业和信息化厅", "首页 政务公开 通知公告", ZH_HEADLINE,
      "发布日期：2024-06-03 来源：省工信厅 浏览次数：120", *ZH_BODY, "主办：南江省工业和信息化厅"],
     "南江省工业和信息化厅"),
    # no masthead: the footer's 主办 line names the body that runs the site
    (["首页 政务公开 通知公告", ZH_HEADLINE, "发布日期：2025-05-12　来源：市网信办　浏览次数：2311", *ZH_BODY,
      "主办：临江市互联网信息办公室　地址：临江市民主路1号"], "临江市互联网信息办公室"),
    # an office named by its level alone, its place in the 主办 line only
    (["首页 政务公开", ZH_HEADLINE, "来源：市数据局  发布时间：2024-06-03", *ZH_BODY,
      "主办单位：滨江市数据局 地址：滨江市人民路1号"], "滨江市数据局"),
])
def test_a_bodys_short_name_in_its_source_line_goes_by_the_full_name_its_site_gives(
        page: list[str], expected: str):
    assert extract_source(clean_lines(page))[0] == expected


@pytest.mark.parametrize(("short", "full", "expected"), [
    ("市网信办", "临江市互联网信息办公室", True),
    ("发改委", "发展和改革委员会", True),
    ("數位部", "數位發展部", True),
    # the academy is the institute's parent, not its short name: the institute's kind (研究所) is not kept
    ("中科院", "中国科学院自动化研究所", False),
    # a run of the full name is the name inside it (other rules decide), two characters too few to tell
    ("数据局", "滨江市数据局", False),
    ("北大", "北京大学", False),
])
def test_a_short_name_abbreviates_a_full_one_by_its_characters_in_order_and_its_kind(
        short: str, full: str, expected: bool):
    assert abbreviates(short, full) is expected


@pytest.mark.parametrize("byline", [
    # a reporter's name of four characters before the time: no account's header
    "记者 欧阳晓明 2025-05-12 07:30",
    # a source label holding the reporter's byline
    "來源：記者林子謙／台北報導",
])
def test_a_reporters_byline_is_never_the_outlet(byline: str):
    headline = HANT_HEADLINE if "來源" in byline else ZH_HEADLINE
    body = HANT_BODY if "來源" in byline else ZH_BODY
    page = ["北岸新聞網", headline, byline, *body, "北岸新聞網 © 2024 版權所有"]
    assert extract_source(clean_lines(page))[0] == "北岸新聞網"


@pytest.mark.parametrize(("page", "expected"), [
    (["[Tessellate Docs](https://docs.tessellate.example/)", "Guides  API reference  Changelog  Status",
      "Search docs", EN_HEADLINE, "2025-01-22", *EN_BODY, "Was this page helpful?",
      "© 2025 Tessellate, Inc. · Terms · Privacy"], "Tessellate"),
    (["Orbis Help Center", "Sign in", EN_HEADLINE, *EN_BODY, "© 2025 Orbis · Terms · Privacy"], "Orbis"),
    (["云栈开发者文档", "文档首页 快速开始 API 参考", ZH_HEADLINE, *ZH_BODY, "© 2025 云栈 京ICP备12345678号"],
     "云栈"),
    # a name with no shorter form of it on the page stays as the page gives it
    (["Orbis Help Center", "Sign in", EN_HEADLINE, *EN_BODY, "© 2025 Orbis Help Center · Terms"],
     "Orbis Help Center"),
])
def test_a_docs_sites_name_is_its_companys_when_the_page_names_the_company(page: list[str], expected: str):
    """A company's documentation or help site: the company is the outlet of its pages, not the docs site."""
    assert extract_source(clean_lines(page))[0] == expected


ZH_COLUMN_CHROME = ["首页 关注 推荐 热榜 专栏 圈子", "登录/注册"]


@pytest.mark.parametrize(("above", "writer", "expected"), [
    # the column's name right above the headline, the writer and their follow button under it
    (["大模型落地笔记"], ["程序员阿恒", "后端工程师，关注大模型应用", "关注他"], "大模型落地笔记"),
    (["育儿那些事"], ["木棉妈妈", "关注她"], "育儿那些事"),
    # the platform's "write an article" button right above the headline, too short for a column's name
    (["程序员的慢思考", "写文章"], ["许知远山", "后端开发，十年老码农", "关注他"], None),
    # a section's label over the headline is no column
    (["科技"], ["程序员阿恒", "关注他"], None),
    # no writer's follow button under the headline: a name there is no column's by this shape
    (["大模型落地笔记"], ["程序员阿恒", "后端工程师，关注大模型应用"], None),
])
def test_a_columns_name_over_the_headline_and_its_writers_follow_button_name_the_column(
        above: list[str], writer: list[str], expected: str | None):
    """A column on a platform where people write: the column is the outlet, not its writer nor the host."""
    page = [*ZH_COLUMN_CHROME, *above, ZH_HEADLINE, *writer, "1,204 人赞同了该文章", *ZH_BODY,
            "赞同 1.2K  86 条评论  分享  喜欢  收藏"]
    assert extract_source(clean_lines(page))[0] == expected


def test_an_english_columns_name_over_the_headline_names_the_column():
    """The same column on an English platform: "Applied Tensor" over the headline, the writer, Follow."""
    page = ["Open in app", "Sign in", "Applied Tensor", EN_HEADLINE, "Priya Raman", "Follow", "7 min read",
            *EN_BODY]
    assert extract_source(clean_lines(page))[0] == "Applied Tensor"
    section = ["Open in app", "Sign in", "Technology", EN_HEADLINE, "Priya Raman", "Follow", "7 min read",
               *EN_BODY]
    assert extract_source(clean_lines(section))[0] is None


@pytest.mark.parametrize(("published", "expected"), [
    ("發佈於 AI 慢讀", "AI 慢讀"),
    ("发布于 模型周记", "模型周记"),
    ("發表於「晶片夜讀」", "晶片夜讀"),
    # when it was published, not where: the platform it is on is all the page gives
    ("發佈於 2026/11/21", "格子舖"),
    ("发布于 2026-11-19 22:10・IP 属地上海", "格子舖"),
    ("發佈於 昨天 21:40", "格子舖"),
    # where it was posted from (a province, a city), not in which publication
    ("发表于北京", "格子舖"),
    ("發佈於 台北市", "格子舖"),
])
def test_the_publication_a_post_says_it_is_published_in_is_the_outlet(published: str, expected: str):
    """A post on a blog platform says under the headline which of the platform's publications it is published
    in (發佈於 X, "Published in X"): that publication, the blog's own name, is the outlet, not the platform
    whose name, menu and copyright line frame the page."""
    page = ["格子舖", "探索 沙龍 創作者", "登入", HANT_HEADLINE, "溫凱文", published, "2026/11/21",
            *HANT_BODY, "留言 3 · 喜歡 41 · 分享", "© 2026 格子舖 ｜ 服務條款 ｜ 隱私權政策"]
    assert extract_source(clean_lines(page))[0] == expected
    # a teaser after the article says where the post it links to is published: not this one's
    teaser = ["格子舖", "探索 沙龍 創作者", "登入", HANT_HEADLINE, "溫凱文", "2026/11/21", *HANT_BODY,
              "推薦閱讀", "大模型會取代翻譯社嗎？", "發佈於 晶片夜讀",
              "© 2026 格子舖 ｜ 服務條款 ｜ 隱私權政策"]
    assert extract_source(clean_lines(teaser))[0] == "格子舖"


AVATAR = "[](https://pic.platform.example/people/writer)"


@pytest.mark.parametrize(("under", "expected"), [
    # the column's name right under the headline, then the writer's card: picture, name, bio, follow button
    (["算力与模型", AVATAR, "沈默", "大模型推理工程师，前某云厂商", "关注他"], "算力与模型"),
    (["AI 工程筆記", "林安", "資深後端工程師", "關注她"], "AI 工程筆記"),
    (["Applied Tensor", AVATAR, "Priya Raman", "ML engineer at a regional bank", "Follow"], "Applied Tensor"),
    # the writer's card alone under the headline, with or without its picture: no column, no outlet
    (["程序员阿恒", "后端工程师", "关注他"], None),
    ([AVATAR, "沈默", "大模型推理工程师，前某云厂商", "关注他"], None),
    # a writer's pen name over a bio: no person's name under the first line, no column
    (["算力与模型", "大模型推理工程师", "十年老码农", "关注他"], None),
])
def test_a_columns_name_under_the_headline_over_its_writers_card_names_the_column(
        under: list[str], expected: str | None):
    """A column on a platform set under the headline, over the writer's card (picture, name, line about
    themselves, follow button): the column is the outlet, not the writer nor the platform above."""
    page = [*ZH_COLUMN_CHROME, ZH_HEADLINE, *under, "218 人赞同了该文章", *ZH_BODY,
            "赞同 218 · 31 条评论 · 分享 · 喜欢 · 收藏"]
    assert extract_source(clean_lines(page))[0] == expected


@pytest.mark.parametrize(("item", "header", "expected"), [
    # the item links to latticelab.example; the story's own header under the headline spells that site
    ("Half of the popular coding benchmarks leak into training data (latticelab.example)",
     "Lattice Lab Blog · Research", "Lattice Lab Blog"),
    (f"{EN_HEADLINE} (www.lattice-lab.example)", "Lattice Lab Blog", "Lattice Lab Blog"),
    # a header that does not spell the linked site is no outlet's by this shape (a section, a writer)
    ("Half of the popular coding benchmarks leak into training data (latticelab.example)",
     "Research · Evaluation", None),
    ("Half of the popular coding benchmarks leak into training data (github.example)",
     "Lattice Lab Blog · Research", None),
])
def test_a_link_aggregators_item_names_the_site_it_links_to_where_the_story_header_spells_it(
        item: str, header: str, expected: str | None):
    """A link aggregator's page with the linked story copied under its item: the linked site, named by the
    story's own header, is the outlet, not the aggregator."""
    page = ["Y Threadhub new | past | comments | ask | show | jobs | submit login", item,
            "412 points by kvn_m 9 hours ago | hide | past | favorite | 187 comments", EN_HEADLINE, header,
            *EN_BODY, "reply", "Guidelines | FAQ | Lists | API | Security | Legal | Contact"]
    assert extract_source(clean_lines(page))[0] == expected


@pytest.mark.parametrize(("page", "expected"), [
    # a school's site: its top names the school, its footer the university that holds the rights
    (["人工智能学院", "首页 学院概况 新闻动态 通知公告", ZH_HEADLINE, "发布时间：2024-06-03", *ZH_BODY,
      "版权所有 © 东川大学"], "东川大学人工智能学院"),
    (["資訊工程學系", "首頁 系所簡介 最新消息", HANT_HEADLINE, "發布日期：2024-06-03", *HANT_BODY,
      "Copyright © 東海大學"], "東海大學資訊工程學系"),
    # the university's news site whose rights its publicity office holds: the site's name
    (["江城大学新闻网", "首页 要闻 综合新闻", ZH_HEADLINE, "发布时间：2024-06-06", *ZH_BODY,
      "Copyright © 2024 江城大学党委宣传部 All Rights Reserved"], "江城大学新闻网"),
    # a section of the office that runs the site in its source line (教学运行科): the office is the outlet
    (["东岳大学教务处", "首页 教学运行 通知公告", ZH_HEADLINE, "发布时间：2024-06-03 来源：教学运行科",
      *ZH_BODY, "版权所有 © 东岳大学教务处 地址：东岳市学院路1号"], "东岳大学教务处"),
])
def test_a_school_or_an_office_of_a_university_is_named_as_its_site_names_itself(
        page: list[str], expected: str):
    assert extract_source(clean_lines(page))[0] == expected


@pytest.mark.parametrize(("line", "expected"), [
    # a name, then its own initials or short form in brackets: the name
    ("Source: Ministry of Digital Affairs (MODA)", "Ministry of Digital Affairs"),
    ("来源：临江市互联网信息办公室（市网信办）", "临江市互联网信息办公室"),
    # brackets that say something else stay with the name
    ("Source: Harbour Review (Weekend edition)", "Harbour Review (Weekend edition)"),
])
def test_a_names_own_short_form_in_brackets_is_not_part_of_it(line: str, expected: str):
    headline, body = (ZH_HEADLINE, ZH_BODY) if "来源" in line else (EN_HEADLINE, EN_BODY)
    assert extract_source(clean_lines(["Home | News", headline, line, *body]))[0] == expected


def test_a_writers_label_before_a_reporters_name_is_no_outlet():
    """"撰文：記者 麥嘉欣": the label before 記者 is no outlet's name (a name never ends in a colon)."""
    page = ["港聞日報", "AI晶片公司今日招股 集資逾十億元", "撰文：記者 麥嘉欣", *HANT_BODY]
    assert extract_source(clean_lines(page))[0] == "港聞日報"


def test_a_menus_first_item_and_a_section_are_no_masthead():
    """"首页 通知公告" over the headline: the menu's home link and a section, not a name (null beats it)."""
    page = ["首页 通知公告", ZH_HEADLINE, "发布时间：2024-06-03", *ZH_BODY]
    assert extract_source(clean_lines(page))[0] is None


def test_a_name_that_opens_with_an_english_home_word_is_still_a_masthead():
    """"Home Office" over the headline is a ministry's name, not a menu's home link."""
    page = ["Home Office", EN_HEADLINE, *EN_BODY, "© Crown copyright", "Published by the Home Office"]
    assert extract_source(clean_lines(page))[0] == "Home Office"


def test_a_news_sites_writer_with_a_role_over_a_follow_button_leaves_the_site_its_outlet():
    """A news site's writer box under the headline: the writer's name, their role in the newsroom, when the
    story ran, a follow button. The role is no account's name and no line a poster writes about themselves:
    the site, by its masthead and copyright line, is the outlet."""
    for role in ("Senior Reporter", "Senior Reporter | Technology"):
        page = ["The Harbour Chronicle", "Sign in", EN_HEADLINE, "Jane Doe", role, "Published Mar 4, 2025",
                "Follow", *EN_BODY, "© 2025 The Harbour Chronicle"]
        assert extract_source(clean_lines(page))[0] == "The Harbour Chronicle"


def test_a_news_sites_section_over_the_headline_is_no_column_that_sets_the_site_aside():
    """Two capitalised words over the headline and a writer's follow button under it: on a news site with its
    masthead and copyright line, a section's label, not a column whose platform the site would be."""
    page = ["The Harbour Chronicle", "Sign in", "Artificial Intelligence", EN_HEADLINE, "Jane Doe", "Follow",
            *EN_BODY, "© 2025 The Harbour Chronicle"]
    assert extract_source(clean_lines(page))[0] == "The Harbour Chronicle"


@pytest.mark.parametrize(("byline", "source"), [
    ("撰文：港灣財經網記者 何嘉欣", "港灣財經網"),
    ("文／北辰日報記者 林子謙", "北辰日報"),
    ("采写：江城晚报记者 李明", "江城晚报"),
    ("作者｜星桥日报记者 王晓", "星桥日报"),
])
def test_a_writers_label_before_an_outlets_reporter_is_no_part_of_the_outlets_name(byline: str, source: str):
    """"撰文：港灣財經網記者 何嘉欣": the label (撰文, 文／, 采写：) says what the line is; the outlet is the
    name before 記者 after it."""
    page = [HANT_HEADLINE if HAN_T.search(source) else ZH_HEADLINE, "2024年6月3日 17:05", byline, *ZH_BODY]
    assert extract_source(clean_lines(page))[0] == source


HAN_T = re.compile(r"[灣報財網]")


def test_a_writers_label_in_a_closing_credit_names_the_outlet_before_its_reporter_or_no_outlet():
    """"（文／港灣財經網記者 何嘉欣）" after the text credits the outlet; "（编辑：许宁）", a person."""
    credited = [HANT_HEADLINE, *HANT_BODY, "（文／港灣財經網記者 何嘉欣）"]
    assert extract_source(clean_lines(credited))[0] == "港灣財經網"
    edited = [ZH_HEADLINE, "2024-06-03", *ZH_BODY, "（编辑：许宁）"]
    assert extract_source(clean_lines(edited))[0] is None


@pytest.mark.parametrize(("top", "dateline", "footer", "source"), [
    # a wire's dateline signs with its short name, the masthead and the copyright line give the full one
    (["Meridian Wire", "World  Business  Markets  Technology"], "WASHINGTON, June 11 (Meridian) - ",
     ["About Meridian", "Careers", "© 2024 Meridian Wire. All rights reserved."], "Meridian Wire"),
    (["Lumen News Agency", "Home | World | Tech"], "LONDON (Lumen) - ",
     ["© 2024 Lumen News Agency"], "Lumen News Agency"),
    # a site that calls itself by the short name only keeps it
    (["MERIDIAN", "World  Business  Markets  Technology"], "SYDNEY, Dec 1 (Meridian) - ",
     ["© 2026 Meridian. All rights reserved."], "Meridian"),
])
def test_a_datelines_short_name_takes_the_full_name_the_site_gives_itself(
        top: list[str], dateline: str, footer: list[str], source: str):
    """"(Meridian) -" in the dateline, "Meridian Wire" on the masthead and in "© 2024 Meridian Wire": the
    outlet goes by the name it gives itself, which extends the dateline's by whole words."""
    page = [*top, EN_HEADLINE, "By Jo Roe", "Tue, Jun 11 2024 7:05 AM EDT", dateline + EN_BODY[0],
            *EN_BODY[1:], *footer]
    assert extract_source(clean_lines(page))[0] == source


def test_a_han_news_leads_short_name_takes_the_mastheads_full_name():
    """"港灣訊" opening the text under the masthead 港灣財經網: the site's own full name."""
    page = ["港灣財經網", "即時 | 港股 | 地產 | 科技", HANT_HEADLINE, "2024年6月3日 17:05",
            "港灣訊（記者 何嘉欣）" + HANT_BODY[0], *HANT_BODY[1:], "© 2024 港灣財經網"]
    assert extract_source(clean_lines(page))[0] == "港灣財經網"


@pytest.mark.parametrize(("top", "signature", "source"), [
    (["星海大学", "学校首页 学校概况 院系设置 通知公告"], "星海大学教务处", "星海大学教务处"),
    (["东岭大学新闻网", "首页 东岭要闻 综合新闻 通知公告"], "东岭大学科学技术处", "东岭大学科学技术处"),
    (["東海大學", "首頁 學校簡介 行政單位 最新公告"], "東海大學教務處", "東海大學教務處"),
])
def test_a_universitys_office_that_signs_a_notice_issues_it(top: list[str], signature: str, source: str):
    """A notice on a university's site or its news site, signed under its text by the university's office over
    the date: the office issues it, not the university or its news site."""
    page = [*top, ZH_HEADLINE, "发布时间：2024-06-05　浏览次数：1823", *ZH_BODY, "特此通知。", signature,
            "2024年6月5日", "版权所有 © " + top[0].removesuffix("新闻网")]
    assert extract_source(clean_lines(page))[0] == source


def test_a_markdown_newsletters_month_and_day_under_its_author_takes_the_copyright_year(tmp_path: Path):
    """A newsletter copied as Markdown, a blank line between every two: "Oct 2" under its subtitle and its
    author's name, the year from "© 2024"; the header is counted in the page's lines, not the file's."""
    page = ["[![The Token Ledger](https://cdn.example/logo.png)](https://tokenledger.example/)", "",
            "[The Token Ledger](https://tokenledger.example/)", "", "Subscribe", "Sign in", "",
            "# The GPU rental market is cooling. Good.", "",
            "### Hourly prices for top-end chips have fallen by about a third since spring. Here is what that"
            " means for startups.", "",
            "[![Nadia Brooks](https://cdn.example/nadia.jpg)](https://letters.example/@nadiabrooks)", "",
            "[Nadia Brooks](https://letters.example/@nadiabrooks)", "", "Oct 2", "",
            "♡ 96 · 💬 11 · Share", "",
            "Quick one this week, because the numbers tell most of the story.", *EN_BODY, "",
            "© 2024 Nadia Brooks · Privacy ∙ Terms"]
    seed = tmp_path / "newsletter.md"
    seed.write_text("\n".join(page) + "\n", encoding="utf-8")
    assert extract(seed).date == "2024-10-02"


EN_POST_CHROME = ["Linkedly", "Home", "My Network", "Jobs", "Messaging", "Try Premium for $0"]
EN_POST_HEADLINE = "What we learned putting an AI scribe in 40 clinics"
EN_ABOUT = "VP Engineering at Brightwell Health | Building software clinicians actually want to use"


@pytest.mark.parametrize("header", [
    # the headline over the poster's name, the line they write about themselves, when they posted, the button
    ["Rachel Okafor", EN_ABOUT, "Published Nov 25, 2026", "+ Follow"],
    # the follow button before the line of posting
    ["Rachel Okafor", EN_ABOUT, "Follow", "Published Nov 25, 2026"],
    # the follow button beside the name
    ["Rachel Okafor · Follow", EN_ABOUT, "Posted on 25 November 2026"],
    # blank lines between the parts, as a copy from the browser may set them
    ["", "Rachel Okafor", "", EN_ABOUT, "", "Published Nov 25, 2026", "", "+ Follow", ""],
    # a line about themselves with no bar in it
    ["Rachel Okafor", "Engineering leader in digital health", "Published Nov 25, 2026", "+ Follow"],
])
def test_a_posts_headline_over_its_writers_header_is_the_headline_and_the_writer_its_outlet(
        header: list[str]):
    """A professional network's post: the writer's line about themselves between their name and when they
    posted is no headline, whatever the order of the header's parts; the writer is the outlet, not the
    network."""
    page = [*EN_POST_CHROME, EN_POST_HEADLINE, *header, *EN_BODY, "Like", "Comment", "Repost",
            "Linkedly Corporation © 2026 · About · Privacy Policy"]
    cleaned = clean_lines(page)
    assert cleaned.headline is not None and cleaned.headline.text == EN_POST_HEADLINE
    assert extract_source(cleaned)[0] == "Rachel Okafor"


@pytest.mark.parametrize(("headline", "header", "body", "footer", "expected"), [
    (ZH_HEADLINE, ["陈立", "物流集团采购总监 | 十年供应链老兵", "发布于 2025-03-04", "+ 关注"], ZH_BODY,
     "© 2025 职链 京ICP备12345678号", "陈立"),
    (ZH_HEADLINE, ["陈立", "物流集团采购总监", "+ 关注", "发布于 2025-03-04"], ZH_BODY,
     "© 2025 职链 京ICP备12345678号", "陈立"),
    (HANT_HEADLINE, ["林雅婷", "醫療科技公司技術長 | 專注臨床AI", "發表於 2025-03-04", "+ 關注"], HANT_BODY,
     "© 2025 職鏈 版權所有", "林雅婷"),
])
def test_a_chinese_posts_headline_over_its_writers_header_is_the_headline(
        headline: str, header: list[str], body: list[str], footer: str, expected: str):
    """The same post on a Chinese professional network, in either script and either order."""
    page = ["职链", "首页 人脉 职位 消息", headline, *header, *body, footer]
    cleaned = clean_lines(page)
    assert cleaned.headline is not None and cleaned.headline.text == headline
    assert extract_source(cleaned)[0] == expected


@pytest.mark.parametrize(("card", "expected"), [
    # a newsletter's card: its name, its tagline, its writer, what it is and how many subscribe, the button
    (["Applied AI Notes", "Practical lessons from shipping LLM features in production", "By Deepak Menon",
      "Weekly newsletter · 18,402 subscribers", "Subscribe"], "Applied AI Notes"),
    (["Applied AI Notes", "", "By Deepak Menon", "", "18,402 subscribers", "", "Subscribe"],
     "Applied AI Notes"),
    (["Applied AI Notes · 18,402 subscribers", "Subscribe"], "Applied AI Notes"),
])
def test_a_newsletters_card_over_a_post_names_the_newsletter_not_its_writer(card: list[str], expected: str):
    """A newsletter on a professional network: its card, with its count of subscribers, names the newsletter
    the post belongs to; the writer's header under the headline names its writer, whom the newsletter's own
    name outranks."""
    page = [*EN_POST_CHROME, *card, EN_POST_HEADLINE, "Deepak Menon",
            "Principal ML Engineer at Corvane | Author of Applied AI Notes", "Published Nov 30, 2026",
            "+ Follow", *EN_BODY, "Linkedly Corporation © 2026 · About · Privacy Policy"]
    cleaned = clean_lines(page)
    assert cleaned.headline is not None and cleaned.headline.text == EN_POST_HEADLINE
    assert extract_source(cleaned)[0] == expected


def test_a_chinese_newsletters_card_names_the_newsletter():
    page = ["职链", "首页 人脉 职位 消息", "应用AI笔记", "大模型落地的实战经验", "每周通讯 · 1.8万订阅者",
            "订阅",
            ZH_HEADLINE, "陈立", "物流集团采购总监 | 应用AI笔记作者", "发布于 2025-03-04", "+ 关注", *ZH_BODY,
            "© 2025 职链 京ICP备12345678号"]
    assert extract_source(clean_lines(page))[0] == "应用AI笔记"


@pytest.mark.parametrize(("header", "expected"), [
    # the channel's count of subscribers with more than one button after it
    (["Circuit Breakdown 486K subscribers Join Subscribe"], "Circuit Breakdown"),
    (["Circuit Breakdown", "486K subscribers", "Join", "Subscribe"], "Circuit Breakdown"),
])
def test_a_channel_with_several_buttons_after_its_subscribers_is_the_outlet(header: list[str], expected: str):
    page = ["Vidloft", "Search", "Sign in", "Home  Shorts  Subscriptions  Library", EN_HEADLINE, *header,
            "Like 6.1K  Dislike  Share  Download  Save", *EN_BODY, "© 2024 Vidloft LLC  Terms  Privacy"]
    assert extract_source(clean_lines(page))[0] == expected


def test_a_chinese_channel_with_several_buttons_is_the_outlet():
    page = ["影阁", "首页 番剧 直播 游戏", ZH_HEADLINE, "科技阿飞频道 12.3万订阅者 充电 + 订阅",
            "点赞 投币 收藏 分享", *ZH_BODY, "© 2024 影阁 沪ICP备12345678号"]
    assert extract_source(clean_lines(page))[0] == "科技阿飞频道"


# A post its writer wrote, in the first person, as forums and boards hold them.
ZH_POST = [
    "先说背景：我在一家做物流软件的公司写后端，今年初我们组开始用AI编程助手，到现在差不多半年。",
    "我觉得最有用的是补测试和改格式，以前半天的活现在一小时就能做完，省下来的时间可以多看看设计。",
    "缺点是它常常编出不存在的参数，我们后来规定所有生成的代码都要在合并请求里标出来，再由两个人审。",
]
HANT_POST = [
    "先說背景，我在南部一間做醫療系統的公司，後端大概六年，今年開始我們團隊導入AI寫程式工具。",
    "我覺得最方便的是寫測試跟整理舊程式碼，以前要一個下午的事情，現在大約一小時就可以完成了。",
    "缺點是它很愛發明不存在的參數，我們現在規定AI產生的程式碼都要在合併請求裡標註清楚再審。",
]
EN_POST = [
    "I have been running a quantised model on my own workstation for three months, and I want to share what "
    "worked and what did not before anyone else buys a second graphics card.",
    "My main use is summarising long PDFs for work. I found the smaller model was fast enough, but it lost "
    "track of tables, so I switched to the larger one and accepted the slower replies.",
    "If I did it again I would start with the hosted version and only move local once I knew my workload.",
]


@pytest.mark.parametrize(("page", "expected"), [
    # a Taiwanese BBS's post copied from its text view: the sign-off names the site (no banner copied)
    (["作者 seabird (海鳥)", "看板 Tech_Job", "標題 [心得] 導入AI寫程式半年的感想",
      "時間 Tue Jun 11 23:05:41 2024",
      *HANT_POST, "--", "※ 發信站: 海風BBS(seawind.example), 來自: 1.163.xx.xx (臺灣)",
      "推 kevin0921: 推實際心得 06/11 23:12"], "海風BBS"),
    # a mainland board's sign-off: "※ 来源:·青松社区 qingsong.example·[FROM: …]"
    (["发信人: pinecone (松果), 信区: AI", "标  题: 用AI写代码半年的体会",
      "发信站: 青松社区 (Tue Jun 11 2024)",
      *ZH_POST, "--", "※ 来源:·青松社区 qingsong.example·[FROM: 1.2.3.*]"], "青松社区"),
    # a forum's banner alone on the first line, then its path of links from the same name: the forum
    (["知行论坛", "首页 | 论坛 | 问答 | 搜索", "知行论坛 › 人工智能 › 职场与AI › 用AI写代码半年的体会",
      "查看: 9371 | 回复: 158", "用AI写代码半年的体会", "夜班后端老张", "楼主",
      "发表于 2025-2-18 21:03 | 只看该作者",
      *ZH_POST, "Powered by 知行论坛 © 2011-2025 关于我们 | 联系我们"], "知行论坛"),
    # an English forum whose path of links opens the page and whose footer names it again
    (["Tinker Forums › Hardware › Local inference", "Log in  Register",
      "Three months of running a model at home", "posted by quietfan on March 3, 2025", *EN_POST,
      "Tinker Forums is run by volunteers. Contact us."],
     "Tinker Forums"),
    # a blog's name of three words (a row of sections' shape) over its menu set with dots; the copyright
    # names its author
    (["Late Night Tensors", "Home · Posts · Talks · About", "Three months of running a model at home",
      "March 3, 2025 · by Ana Ruiz", *EN_POST, "© 2025 Ana Ruiz"], "Late Night Tensors"),
    # the same over a menu copied with wide gaps, the name a Markdown link to the home page
    (["[Late Night Tensors](https://tensors.example/)", "Home   Archive   About   RSS",
      "Three months of running a model at home", "Posted on March 3, 2025 by Ana Ruiz", *EN_POST],
     "Late Night Tensors"),
])
def test_a_boards_or_a_blogs_own_name_in_its_chrome_names_the_outlet(page, expected):
    """A forum, a BBS or a blog names itself only in its chrome: a BBS's sign-off (※ 發信站: …), the root of
    the path of links over the post, a blog's name on the first line over its menu."""
    assert extract_source(clean_lines(page))[0] == expected


@pytest.mark.parametrize("page", [
    # an article someone copied into a forum ("转：…", not in the first person): the forum is not its outlet
    ["木兰论坛", "首页 | 热帖 | 版块 | 搜索", "木兰论坛 » 亲子育儿 » 育儿交流", "查看: 2153 | 回复: 18",
     f"转：{ZH_HEADLINE}", "楼主 溪边小鹿", "发表于 2024-12-02 20:15 | 只看该作者", *ZH_BODY,
     "Powered by 木兰论坛 © 2008-2024"],
    # a section's path over a news story: its root is a section, not a name the page gives itself again
    ["Technology › Artificial intelligence", EN_HEADLINE, "By Jo Roe", "July 30, 2024", *EN_POST],
    # a row of links in wide gaps over the menu is no blog's name
    ["Contact  About  Careers", "Home · Posts · Talks · About", EN_HEADLINE, "March 3, 2025", *EN_POST],
    # a home link leads the path: no name
    ["Home › Blog › Local inference", EN_HEADLINE, "March 3, 2025", *EN_POST, "Home"],
])
def test_chrome_that_is_no_site_name_names_no_outlet(page):
    """Where the page gives no name of its own, null beats a section, a menu or a forum that holds a copy."""
    assert extract_source(clean_lines(page))[0] is None


@pytest.mark.parametrize("poster", ["作者 tofu_dev (豆腐工程師)", "作者: tofu_dev (豆腐工程师)",
                                    "发信人: pinecone (松果小站长), 信区: AI"])
def test_a_boards_poster_line_is_no_headline(poster):
    """A board's header line naming the poster by id and nickname is its byline, not its headline: the
    subject above it is ("[心得] …")."""
    headline = "[心得] 用AI寫程式三個月，公司專案的真實感想"
    page = ["竹林BBS › 看板 Soft_Job › 文章", "回看板 ｜ 精華區 ｜ 搜尋 ｜ 登入", headline, poster,
            "看板 Soft_Job", "時間 Sun Nov  8 22:41:07 2026", *HANT_POST]
    assert clean_lines(page).headline.text == headline


@pytest.mark.parametrize(("above", "expected"), [
    # a blog's or a column's own name over its follow button or its count of followers, above the headline
    (["阿哲的科技筆記", "訂閱"], "阿哲的科技筆記"),
    (["晚风读书会", "+ 关注专栏"], "晚风读书会"),
    (["算力闲谈", "专栏 · 48 篇文章 · 9,120 人关注"], "算力闲谈"),
    (["The Quiet Ledger", "Subscribe"], "The Quiet Ledger"),
    (["Latency Letters", "3.4K followers · 52 posts"], "Latency Letters"),
    # a section's label over a follow button is no publication's name; a name over no button names nothing
    (["科技", "追蹤"], "格子舖"),
    (["阿哲的科技筆記", "2026/11/21"], "格子舖"),
])
def test_a_publications_name_over_its_follow_button_above_the_headline_is_the_outlet(
        above: list[str], expected: str):
    """A post on a blog platform: the platform's name and menu top the page, then the blog's own name and its
    follow button (or how many follow it) right above the headline. The blog is the outlet."""
    page = ["格子舖", "探索 沙龍 創作者", "登入", *above, HANT_HEADLINE, "溫凱文", "2026/11/21",
            *HANT_BODY, "留言 3 · 喜歡 41 · 分享", "© 2026 格子舖 ｜ 服務條款 ｜ 隱私權政策"]
    assert extract_source(clean_lines(page))[0] == expected


def test_a_heading_of_the_platforms_recommendations_names_no_outlet():
    """"Recommended from X" over the related posts is the platform's heading, not a clipper's note of where
    the page came from: the blog over its follow button stays the outlet."""
    page = ["[Quillpad](https://quillpad.example/)", "Sign in", "The Quiet Ledger", "Follow publication",
            EN_HEADLINE, "Priya Raman", "Follow", "7 min read", *EN_BODY, "Responses (4)",
            "Recommended from Quillpad", "Another story on the platform", "About · Help · Terms"]
    assert extract_source(clean_lines(page), ("https://quillpad.example",) * 3)[0] == "The Quiet Ledger"


@pytest.mark.parametrize(("site", "shown", "expected"), [
    # a portal's channel named with its topic after the portal's name: the portal is the outlet
    ("南湖网体育频道", "南湖网", "南湖网"),
    ("港灣新聞網娛樂頻道", "港灣新聞網", "港灣新聞網"),
    ("西岭在线汽车栏目", "西岭在线", "西岭在线"),
    # the name's own ending is the name's (a news site's 新闻网), not a channel's
    ("南湖新闻网", "南湖", "南湖新闻网"),
])
def test_a_portals_channel_after_its_name_is_the_portals(site: str, shown: str, expected: str):
    """A <title>'s "Headline_X科技频道" names the portal's channel; the page's own text names the portal."""
    from build_tools.ingest.pipeline import _html_source

    assert _html_source({"source": site, "page_source": shown}) == expected


@pytest.mark.parametrize("posted", [
    "原创  于 2026-11-27 22:15:08 发布  ·  修改于 2026-11-29 09:41:30  ·  阅读量 3.2k",
    "原创 于 2025年03月02日 08:15 发布 阅读 918",
    "原创 代码搬运工 于 2025-03-02 08:15:40 发布 收藏 12",
])
def test_a_blog_platforms_line_of_posting_names_no_account(posted: str):
    """A blog platform's "原创 (writer) 于 <when> 发布" says who posted it when, not which account: neither
    the word of posting (发布) nor the writer is an outlet; the platform over the page stays the outlet."""
    page = ["码栈社区", "博客 下载 学习 社区 问答", "登录/注册", ZH_HEADLINE, posted, *ZH_BODY,
            "© 2026 码栈社区 关于我们 商务合作"]
    assert extract_source(clean_lines(page))[0] == "码栈社区"


@pytest.mark.parametrize(("header", "expected"), [
    (["算力夜话", "3小时前 · 优质科技创作者", "关注"], "算力夜话"),
    (["具身智能笔记", "昨天 21:40 · 北京", "+关注"], "具身智能笔记"),
])
def test_an_apps_name_over_the_headline_is_no_column_over_an_accounts_header(
        header: list[str], expected: str):
    """A news app's share page: the app's name right above the headline, the account's header under it (its
    name, when it posted, its follow button). The account is the outlet, not the app's name as a column's."""
    page = ["打开闪读App，阅读体验更佳", "打开", "闪读资讯", ZH_HEADLINE, *header, *ZH_BODY,
            "本文由闪读号作者发布，不代表闪读资讯立场", "© 闪读资讯"]
    assert extract_source(clean_lines(page))[0] == expected
