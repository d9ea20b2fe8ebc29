"""Metadata of a cleaned seed: original language, title, publication date, source outlet.

Dates and sources are read only from the lines that carry them: bylines and publication lines (which the
cleaner dropped as junk, with kind ``byline``), the page furniture around the headline, and the wire
dateline that opens the first paragraph. Never from the article text ("2023年11月17日,OpenAI 发布声明" is
an event), never from teasers of other pages, never an "edited on" / "Updated" date.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from build_tools.ingest import layout
from build_tools.ingest.clean import HAN, Cleaned, Dropped, han_count, is_heading, load_rules

MONTHS = {m: i for i, names in enumerate(
    ["jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july", "aug august",
     "sep sept september", "oct october", "nov november", "dec december"], start=1) for m in names.split()}
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?" \
         r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_CN_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0}
_CN_NUM = r"[〇零一二三四五六七八九十]{1,3}"

# Date forms, each giving year (or None), month and day.
DATE_PATTERNS = [
    re.compile(r"(?<!\d)(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"民國\s*(?P<roc>\d{2,3})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    # 16/10/2024 (day first, as in Hong Kong and Europe) or 10/16/2024 (month first) when the numbers tell.
    re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d/])"),
    # 16.10.2024 and 16-10-2024, as much of Europe writes the day first
    re.compile(r"(?<![\w.\-])(?P<a>\d{1,2})(?P<sep>[.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d.\-])"),
    re.compile(rf"(?P<cy>[〇零一二三四五六七八九]{{4}})年(?P<cm>{_CN_NUM})月(?P<cd>{_CN_NUM})日"),
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<y>\d{{4}})\b",
               re.IGNORECASE),
    # Tue Mar 11 20:05:33 2025, Wed Oct 14 09:12:48 UTC 2026: a system clock's form, as forums, mail
    # headers and mailing-list archives print it, the time zone (UTC, EST, +0100) between time and year
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?"
               r"\s+(?:(?:[A-Z]{2,5}|[+-]\d{4})\s+)?(?P<y>\d{4})\b", re.IGNORECASE),
]
# Wire datelines: the year is not stated, it comes from another date on the page.
WIRE_DATELINES = [
    # BEIJING, June 3 (Reuters) -   /   WASHINGTON (AP) — June 3   /   SAN FRANCISCO, June 3 (Reuters) -
    re.compile(rf"^[A-Z][A-Za-z .'’-]{{1,40}}(?:,\s*[A-Z][A-Za-z .]{{1,30}})?,\s+{_MONTH}"
               r"\s+(?P<d>\d{1,2})\s*"
               r"\((?P<src>[A-Z][A-Za-z&.' -]{0,30}[A-Za-z.])\)\s*[-–—]", re.IGNORECASE),
    # LONDON (Lumen Wire) — : no date, only the agency
    re.compile(r"^[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .]{1,30})?\s*"
               r"\((?P<src>[A-Z][A-Za-z&.' -]{0,30}[A-Za-z.])\)\s*[-–—]"),
    # 新华社北京6月3日电 / 中新网6月3日电 / 中央社記者台北3日電 (the month is then unknown)
    re.compile(r"^[(（]?(?P<src>新华社|新華社|中新社|中新网|中新網|人民网|人民網|央视网|央視網|中央社)"
               r"[^。,，\d]{0,16}?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日(?:电|電)"),
]
# A date after one of these words is when the page was changed, not published.
EDITED = re.compile(r"(编辑于|編輯於|更新|修改|修订|修訂|updated?|edited|modified|last\s+updated|revised)\s*"
                    r"(?:(?:时间|時間|日期|于|於|on|at)\s*)?(?:[:：]\s*)?$", re.IGNORECASE)
# A verb after the date (于 2024-11-05 修改), not the label of the next field (更新時間:, 编辑：马晓).
EDITED_AFTER = re.compile(r"^[\s\d:.APMapm]{0,12}(?:修改|更新|编辑|編輯|修订|修訂|updated)"
                          r"(?![时時日]|\s?[:：])")
PUBLISHED_AFTER = re.compile(r"^[\s\d:.APMapm]{0,12}(?:首次)?"
                             r"(?:发布|發布|發佈|发表|發表|刊登|published|posted)"
                             r"(?![时時日])")
# A date next to these words is another page's (a teaser, a recommendation), not this one's.
# (Not as a field's value: "行业评级：推荐" is a rating.)
TEASER_WORDS = re.compile(r"(?<![:：])(?:推荐|推薦|相关|相關|热门|熱門|最新文章)"
                          r"|recommended|related|read next|more from|most viewed",
                          re.IGNORECASE)
PUBLISHED = re.compile(r"(发布|發布|發佈|发表|發表|刊发|刊登|出版|published|posted|时间|時間|日期|date)"
                       r"\s*(?:(?:时间|時間|日期|于|於|on|at)\s*)?(?:[:：]\s*)?$", re.IGNORECASE)

# Source lines: the outlet follows the label. Trailing words that describe the channel, not the outlet.
# (机构：, the institution a research report's summary names as its issuer on the site that hosts it; only
# with its colon, as a menu's 机构设置 (the office's list of its departments) is no label.)
SOURCE_LABELS = re.compile(
    r"^(?:以下文章来源于|以下文章來源於|本文来自|本文來自|本文转载自|本文轉載自|本文来源|本文來源|转载自|轉載自|文章来源|文章來源|稿件来源|稿件來源"
    r"|本文首发于|本文首發於|首发于|首發於|媒体来源|媒體來源|发布机构|發布機構|发布单位|發布單位"
    r"|(?:研究机构|研究機構|机构|機構)(?=\s*[:：])"
    r"|来源|來源|出处|出處|source|published in)"
    r"\s*(?:(?:于|於)\s*)?(?:[:：]\s*)?",
    re.IGNORECASE)
# A numbered template's item number before a label: "1.媒體來源:".
_ITEM_NUMBER = re.compile(r"^\d{1,2}\s*[.、)）]\s*")
# Channel words before the name: 微信公众号“算力前沿”.
SOURCE_PREFIX = re.compile(r"^(?:微信公众号|微信公眾號|公众号|公眾號)\s*")
# An account id or a note after the name: 算力前沿(ID:suanli), 芯潮日报」，已获授权.
SOURCE_TAIL = re.compile(r"[(（] {0,3}(?:id|ID|微信号|微信號)|[」』”》]")
# A company's legal form after the outlet's name: 維港財經報有限公司.
# A paper's publisher is the paper and 社 (东海日报社 publishes 东海日报).
_CN_COMPANY = re.compile(r"(?:股份有限公司|有限责任公司|有限責任公司|有限公司|集团|集團|(?<=[报報刊])社)$")
SOURCE_SUFFIX = re.compile(r"(?:微信公众号|微信公眾號|公众号|公眾號|官方微信|微信号|官方账号|官方帳號"
                           r"|官网|官網|客户端|客戶端|\s?APP|\s?App)$")
SOURCE_STOP = re.compile(r"\s*[,，]\s*(?:作者|编辑|編輯|记者|記者).*$"
                         # (Han words without \b: "来源：X局 浏览次数：2081", a word runs on into the next)
                         r"|\s+(?:作者|编辑|編輯|责任编辑|責任編輯|记者|記者|发布时间|發布時間|时间|時間"
                         r"|日期|浏览|瀏覽|阅读|閱讀|点击|點擊).*$|\s+(?:author|by)\b.*$|\s{2,}.*$"
                         # (the next field after a dot or a bar: "Source: X · Published June 6, 2024")
                         r"|\s[·|｜•]\s.*$",
                         re.IGNORECASE)
URL = re.compile(r"https?://[^\s<>\"'，。）)]+")

# A derived title is a clause of the opening paragraphs, no longer than this.
TITLE_MAX_HAN = 40
TITLE_MIN_HAN = 8
TITLE_MAX_WORDS = 16
TITLE_MIN_WORDS = 5
# A clause that only sets time or place: 在 AMA 活动中, 发布时, when asked.
ADVERBIAL = re.compile(r"(?:中|时|時|上|后|後|里|裡|前|期间|期間)$"
                       r"|^(?:when|while|after|before|during|in|at|on)\b", re.IGNORECASE)
_CONNECTIVES = re.compile(r"^(?:然而|但是|不过|因此|所以|此外|同时|最近|近日|日前|另外|其中|总之|首先|其次"
                          r"|最后|however|meanwhile|recently|moreover|also|but|and|so)\s*(?:[,，、]\s*)?",
                          re.IGNORECASE)


@dataclass
class Metadata:
    """What a seed says about itself."""

    language: str
    title: str
    title_derived: bool
    date: str | None
    source: str | None
    url: str | None = None


@cache
def _script_converters():
    import opencc

    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


def simplified_characters(text: str) -> str:
    """Traditional characters in Simplified ones (OpenCC t2s: characters only, vocabulary untouched)."""
    return _script_converters()[0].convert(text) if HAN.search(text) else text


def detect_language(text: str) -> str:
    """``en``, ``zh-Hans`` or ``zh-Hant``: Han characters against Latin letters, then which script.

    A Chinese article cites English names (OpenAI CEO Sam Altman), and an English one a Chinese name, so
    Han characters are weighed against English words: two words per character, as a Chinese sentence of
    names has more words than characters, and an English text quotes Chinese only in passing. Among
    Chinese texts, characters that OpenCC changes when converting to Simplified are Traditional-only, and
    the other way round; a text mixing both scripts is in the script of the majority of those characters
    (Simplified on a tie).
    """
    han = HAN.findall(text)
    words = len(re.findall(r"[A-Za-z]+", text))
    if not han or len(han) * 2 < words:
        return "en"
    counts = Counter(han)
    chars = sorted(counts)
    t2s, s2t = _script_converters()
    joined = "\n".join(chars)
    as_simplified = t2s.convert(joined).split("\n")
    as_traditional = s2t.convert(joined).split("\n")
    if len(as_simplified) != len(chars) or len(as_traditional) != len(chars):
        return "zh-Hans"
    traditional = sum(counts[c] for c, s in zip(chars, as_simplified, strict=True) if s != c)
    simplified = sum(counts[c] for c, t in zip(chars, as_traditional, strict=True) if t != c)
    return "zh-Hant" if traditional > simplified else "zh-Hans"


def _cn_number(text: str) -> int:
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in text))


def _to_date(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# A day of the week or a time of day right before a date, between it and its label ("Tue 24 Feb 2026",
# "周二 2024年6月4日", "Updated 4:52 PM EST, Thu December 3, 2026"); how far back they may start.
_WEEKDAY_BEFORE = re.compile(r"(?:(?:\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?"
                             r"|(?:周|週|星期|禮拜|礼拜)[一二三四五六日天]"
                             r"|\b\d{1,2}:\d{2}(?::\d{2})?(?: ?[ap]\.?m\.?)?"
                             r"(?: [A-Z]{2,5}(?:[+-]\d{1,2})?)?,?)\s?){1,2}$", re.IGNORECASE)
WEEKDAY_REACH = 40


def find_dates(text: str) -> list[tuple[int, dt.date, bool]]:
    """Every full date in ``text``: (offset, date, whether the words before it say it is an edit date)."""
    text = unicodedata.normalize("NFKC", text)
    found: list[tuple[int, dt.date, bool]] = []
    taken: list[tuple[int, int]] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            g = m.groupdict()
            if g.get("roc"):
                date = _to_date(int(g["roc"]) + 1911, int(g["m"]), int(g["d"]))
            elif g.get("a"):
                first, second = int(g["a"]), int(g["b"])
                month, day = (first, second) if second > 12 else (second, first)
                date = _to_date(int(g["y"]), month, day)
            elif g.get("cy"):
                date = _to_date(_cn_number(g["cy"]), _cn_number(g["cm"]), _cn_number(g["cd"]))
            elif g.get("mon"):
                date = _to_date(int(g["y"]), MONTHS[g["mon"].lower().rstrip(".")], int(g["d"]))
            else:
                date = _to_date(int(g["y"]), int(g["m"]), int(g["d"]))
            if date is None or not 1900 <= date.year <= 2100:
                continue
            taken.append((m.start(), m.end()))
            before = text[max(0, m.start() - 16): m.start()]
            prev_end = max((e for s, e in taken if e <= m.start()), default=0)
            # "Updated Thu, Apr 3 2025": the day of the week sits between the label and the date
            before = _WEEKDAY_BEFORE.sub("", text[max(prev_end, m.start() - WEEKDAY_REACH): m.start()])[-16:]
            after = text[m.end(): m.end() + 16]
            published = PUBLISHED_AFTER.match(_after_date(text, m.start()))
            edited = bool(EDITED_AFTER.match(after) or (EDITED.search(before) and not published))
            found.append((m.start(), date, edited))
    return sorted(found)


def _wire_dateline(text: str) -> tuple[int | None, int, str] | None:
    text = unicodedata.normalize("NFKC", text)
    for pattern in WIRE_DATELINES:
        m = pattern.search(text)
        if m:
            g = m.groupdict()
            month: int | None
            if g.get("mon"):
                month = MONTHS[g["mon"].lower().rstrip(".")]
            else:
                month = int(g["m"]) if g.get("m") else None
            return month, int(g["d"]) if g.get("d") else 0, g["src"]
    return None


# © 2024, Copyright (c) 2004-2026: the year a copyright line gives; of a range, its last (the first is when
# the site began)
_COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|copyright)\s*(\d{4})(?:\s?[-–—~至]\s?(\d{4}))?",
                             re.IGNORECASE)
# 11月21日, or a portal's 03-22 09:30 (a month and day before a time of day): the year stated elsewhere.
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日"
                        r"|(?<![\d\-/.:])(\d{1,2})-(\d{1,2})\s+\d{1,2}:\d{2}(?![\d\-/])")
# June 3, 3 June, Sept. 12th: an English month and day on a publication line, the year stated elsewhere.
_MONTH_DAY_EN = [
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{{4}}|:)", re.IGNORECASE),
    re.compile(rf"\b(?P<d>\d{{1,2}})\s+{_MONTH}(?![\w,]*\s*\d{{4}})", re.IGNORECASE)]


def _month_day(text: str, publication_line: bool) -> tuple[int, int] | None:
    """(month, day) of a date stated without its year: 11月21日, 03-22 09:30, or on a publication line
    June 3 / 3 June."""
    if m := _MONTH_DAY.search(text):
        month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return int(month), int(day)
    for pattern in _MONTH_DAY_EN if publication_line else []:
        if m := pattern.search(text):
            return MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("d"))
    return None


RELATIVE_DAY = re.compile(r"前|ago|昨天|今天", re.IGNORECASE)
# Lines whose dates are never the publication date: other pages' teasers.
_NOT_DATE_KINDS = frozenset(["teaser", "teaser-marker", "promotion", "caption", "lead-box"])
# A dateline that opens the first paragraph: 云帆网讯 2024年7月18日，… / 本报讯（2024年6月3日）
_NEWS_DATELINE = re.compile(r"^\S{0,12}?(?:讯|訊|电|電)\s*[(（]?\s*(?=\d{4}\s*年|\d{1,2}\s*月)")


# A place in capitals opening the first paragraph, before its date: "AUSTIN, Texas – ", "LONDON, ".
_PLACE_DATELINE = re.compile(r"^[A-Z][A-Z.'’-]{1,20}(?: [A-Z][A-Z.'’-]{1,20}){0,2}"
                             r"(?:, [A-Z][A-Za-z.]{1,20}(?: [A-Z][A-Za-z.]{1,20})?)?(?: ?[–—-] ?|, )")


def _body_span(cleaned: Cleaned) -> tuple[int, int]:
    lines = [k.line for k in cleaned.body]
    return (min(lines), max(lines)) if lines else (0, 0)


@dataclass
class _PageDates:
    """The dates a page states outside its article, sorted by where and how they are stated."""

    # (rank, date): the lower the rank the stronger the evidence (see _page_dates)
    above: list[tuple[int, dt.date]] = field(default_factory=list)
    below: list[dt.date] = field(default_factory=list)
    # dates of publication lines set among the kept lines (an answer's "发布于 …" above comments kept with it)
    within: list[dt.date] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    # the years of copyright lines: weaker than a date's year (a footer may be years old)
    copyright_years: list[int] = field(default_factory=list)
    # (rank, month, day): 11月21日, the year stated elsewhere
    month_days: list[tuple[int, int, int]] = field(default_factory=list)


# A date labelled with a word of publishing (发布时间, Published) beats one labelled only as a date
# (成文日期, 时间), which beats an unlabelled one.
_PUBLISH_WORD = re.compile(r"发布|發布|發佈|发表|發表|刊发|刊登|出版|published|posted", re.IGNORECASE)


# How many lines under the headline a byline's date line may sit (headline, standfirst, author, date),
# counted in the page's lines, not the file's: a Markdown copy sets a blank line between every two.
HEADER_REACH = 4


# How far a publication line's date may sit after the label that opens it: "发布于 ", "Published on ".
LABEL_GAP = 4


# How far before a date its label may start: "First published on ".
LABEL_REACH = 20


def _in_header(cleaned: Cleaned, top: int, line: int) -> bool:
    """Whether a byline's line under the headline is the header's: a few lines down, below one kept line at
    most (a standfirst taken for the article's start), or below short kept lines only (a reposted
    account's card: its name and its motto, 新知研究所 / 关注前沿科技，提供独立研究视角。)."""
    above = [k.text for k in cleaned.body if top < k.line < line and k.role == "text"]
    between = sum(1 for d in cleaned.dropped if top < d.line < line) + \
        sum(1 for k in cleaned.kept if top < k.line < line)
    if between < HEADER_REACH and len(above) <= 1:
        return True
    return len(above) <= CARD_LINES and all(len(text.strip()) <= CARD_LINE_CHARS for text in above)


# An account's card between the headline and the article: at most this many lines of at most this many
# characters (a name, a motto), never a paragraph.
CARD_LINES = 3
CARD_LINE_CHARS = 24


def _page_dates(cleaned: Cleaned) -> _PageDates:
    """Dates outside the article, ranked: those between the headline and the article (the byline region)
    before those above the headline (a masthead's "today"), and within each, by how they are labelled."""
    first, last = _body_span(cleaned)
    top = cleaned.headline.line if cleaned.headline else 0
    found = _PageDates()
    for d in cleaned.dropped:
        text = unicodedata.normalize("NFKC", d.text)
        # a copyright line gives the year, whatever block it was dropped with (a footer, a comments section)
        found.copyright_years += [int(last or first) for first, last in _COPYRIGHT_YEAR.findall(text)]
        # A date line a few lines under the headline, below one kept line at most (a standfirst taken for
        # the article's start), is the header's.
        header = cleaned.headline is not None and d.kind == "byline" and top < d.line and \
            _in_header(cleaned, top, d.line)
        if d.kind in _NOT_DATE_KINDS or TEASER_WORDS.search(text):
            continue
        if first < d.line < last and not header:
            label = _PUBLISH_WORD.match(text.strip())
            dates = find_dates(text) if label and d.kind == "byline" else []
            if label and dates and not dates[0][2] and dates[0][0] - label.end() <= LABEL_GAP:
                found.within.append(dates[0][1])
            continue
        dates = find_dates(text)
        above = d.line < first or header
        region = 0 if top < d.line < first or header else 3
        if not dates and above and not EDITED.search(text) and not RELATIVE_DAY.search(text) and \
                (month_day := _month_day(text, d.kind == "byline")):
            found.month_days.append((region + 2, *month_day))
        for offset, date, edited in dates:
            found.years.append(date.year)
            if edited or d.kind in ("footer", "credit"):
                continue
            # "First published on Tue 24 Feb 2026": the day of the week sits between the label and the date
            before = _WEEKDAY_BEFORE.sub("", text[max(0, offset - WEEKDAY_REACH): offset])
            label = PUBLISHED.search(before[-LABEL_REACH:])
            after = PUBLISHED_AFTER.match(_after_date(text, offset))
            labelled = bool(label or after)
            rank = 0 if after or (label and _PUBLISH_WORD.search(label.group())) else 1 if labelled else 2
            if above or not cleaned.body:
                found.above.append((region + rank, date))
            elif labelled:
                found.below.append(date)
    return found


def _opening_date(cleaned: Cleaned, years: list[int]) -> dt.date | None:
    """The date of the dateline opening the first paragraph: 云帆网讯 2024年7月18日, BRUSSELS, Aug 1 (…) -."""
    if not cleaned.body:
        return None
    opening = unicodedata.normalize("NFKC", cleaned.body[0].text)
    if _NEWS_DATELINE.match(opening) and (dates := find_dates(opening[:40])):
        return dates[0][1]
    place = _PLACE_DATELINE.match(opening)
    if place and (dates := find_dates(opening[: place.end() + 30])) and dates[0][0] == place.end():
        return dates[0][1]  # AUSTIN, Texas – March 4, 2025 – Quantalis … (a press release's dateline)
    if place and years and (m := _MONTH_DAY_EN[0].match(opening, place.end())) and \
            re.match(r"\s?[–—-]", opening[m.end():]):
        # SAN JOSE, Calif. – March 2 – Forty-one percent …: a release's dateline, the year from the page
        return _to_date(years[0], MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("d")))
    wire = _wire_dateline(opening)
    return _to_date(years[0], wire[0], wire[1]) if wire and wire[0] and years else None


def extract_date(cleaned: Cleaned) -> str | None:
    """The publication date as YYYY-MM-DD, or None when the page does not state one.

    In order: a date labelled as published in the lines above the article (byline, header, chrome); an
    unlabelled one there; a month and day there with the year stated elsewhere on the page; the dateline
    opening the first paragraph (云帆网讯 2024年7月18日; a wire dateline, the year taken from the page); a
    date labelled as published below the article (answer sites put it there); last, a publication line
    that opens with its label ("发布于 2026-10-12 18:03") among the kept lines (an answer's, with the
    readers' comments kept under it). Never a date of the article's text, a teaser's date, a relative one
    (3小时前) or an "updated" one.
    """
    page = _page_dates(cleaned)
    ranked: list[tuple[int, dt.date | None]] = list(page.above)
    years = page.years + page.copyright_years
    if years:
        ranked += [(rank, _to_date(years[0], month, day)) for rank, month, day in page.month_days]
    choices = [date for _, date in sorted(ranked, key=lambda pair: pair[0])]  # stable: page order in a rank
    choices += [_opening_date(cleaned, years), *page.below, *page.within]
    return next((date.isoformat() for date in choices if date), None)


def _after_date(text: str, offset: int) -> str:
    """The words after the date that starts at ``offset`` (its digits and separators skipped)."""
    rest = text[offset:]
    m = re.match(r"[\d\s\-/.年月日:]{4,30}", rest)
    return rest[m.end():] if m else rest


def _clean_source(name: str, *, opens_line: bool = False) -> str | None:
    name = SOURCE_STOP.sub("", name.strip())
    head, comma, rest = name.replace("，", ",").partition(",")
    if comma and (_RIGHTS.search(rest) or (opens_line and HAN.search(head) and HAN.search(rest))):
        # "本文来自X，未经授权不得转载"; on a line the label opens, "本文来自X，不代表Y立场": the name, then a
        # clause of the page's (a Han name holds no comma; a 来源 inside a sentence is no label)
        name = head
    name = SOURCE_PREFIX.sub("", name.strip(" 「『“"))
    if m := SOURCE_TAIL.search(name):
        name = name[: m.start()]
    name = URL.sub("", name).strip(" ,，:：;；|/-《》<>「」『』“”\"'")
    name = SOURCE_SUFFIX.sub("", _LEGAL_FORM.sub("", name)).strip()
    if (m := _SHORT_AFTER.fullmatch(name)) and _shortens(m.group(2), m.group(1)):
        name = m.group(1)  # "Ministry of Digital Affairs (MODA)", 临江市互联网信息办公室（市网信办）
    if not name or not re.search(r"[^\W\d_]", name) or len(name) > 40 or _NOT_A_NAME.search(name):
        return None  # "来源: 152102" is a counter, "本文来自X号作者，不代表X立场" a sentence: not outlets
    if _SELF.fullmatch(name):
        return None  # "来源：本网" says "this site": its name is on the masthead, not in the label
    if name.endswith("作者"):
        return None  # "本文来自网澜号作者": a writer of the platform's, no outlet
    if _NAMES_NO_ONE.fullmatch(name):
        return None  # "来源：网络", "Source: Internet": where anyone may have found it, no outlet
    return name


# What a source label says that names no one: the internet, a roundup of several, readers' contributions,
# the people interviewed, "official".
_NAMES_NO_ONE = re.compile(r"网络|網絡|網路|互联网|互聯網|网上|網上|综合(?:报道)?|綜合(?:報導)?|网友(?:投稿)?"
                           r"|網友(?:投稿)?|受访者|受訪者|官方|(?:企业|企業)供稿|(?:作者|网友|網友)供[图圖]"
                           r"|(?i:(?:the )?internet|(?:the )?web|online|social media|various)")
# A name, then its own short form in brackets: "Ministry of Digital Affairs (MODA)".
_SHORT_AFTER = re.compile(r"([^()（）]{2,40}?) ?[(（]([^()（）]{2,12})[)）]")


def _shortens(short: str, name: str) -> bool:
    """Whether ``short`` is the initials of ``name`` (MODA, with or without its small words) or its usual Han
    short form (市网信办)."""
    if re.fullmatch(r"[A-Z]{2,6}", short):
        words = re.findall(r"[A-Za-z][\w'’-]*", name)
        return short.casefold() in (_initial_letters(words), "".join(w[0] for w in words).casefold())
    return abbreviates(short, _squash(name))


# A company's legal form after a comma, as a release's source line ends its issuer's name ("SOURCE Korvax
# Robotics, Inc."): the name goes without it, as the release calls the company.
_LEGAL_FORM = re.compile(r",\s?(?:Inc|Ltd|LLC|L\.L\.C|Corp|Co|plc|PLC|GmbH|AG|S\.A|N\.V|B\.V)\.?$")
# The words a page uses for itself in place of its name: 本网, 本站, 本报, 本台, 本刊 (this site, paper, ...).
_SELF = re.compile(r"本(?:网|網|站|报|報|台|刊|号|號|平台|公众号|公眾號)"
                   r"(?:原创|原創|编辑|編輯|整理|综合|綜合)?")


# Punctuation a name never holds: a clause (a sentence follows the label) or the next field's label
# ("信息来源：   浏览次数：917", the source left blank).
_NOT_A_NAME = re.compile(r"[,，。;；!！?？:：]")
# A source label with nothing after it: the page has a field for its source and leaves it blank.
_EMPTY_LABEL = re.compile(
    r"(?:^|\s)(?:信息来源|信息來源|来源|來源|source)\s*[:：]\s*(?:$|\s{2,}|\S{1,8}[:：](?!//))",
    re.IGNORECASE)


def _labelled_source(text: str) -> str | None:
    """``来源：新华网``, ``本文来自 企业网D1net公众号``, ``Source: Reuters``."""
    text = _ITEM_NUMBER.sub("", text)
    start = 0
    for part in re.split(r"(?=来源|來源|本文来自|本文來自|转载自|轉載自)", text):
        m = SOURCE_LABELS.match(part)
        if m and (name := _clean_source(part[m.end():], opens_line=not text[:start].strip())):
            return name
        start += len(part)
    return None


# An account's header line: the author, the account, the date and time it posted, the place it posted from
# ("杜若 智能办公观察 2025年05月12日 07:30 上海"); two words before a full date and a time, a place after.
_ACCOUNT_HEADER = re.compile(r"^[^\s\d]{1,12}\s+([^\s\d]{2,20})\s+"
                             r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?"
                             r"\s+\d{1,2}:\d{2}(?:\s+[\u4e00-\u9fff]{2,4})?$")


# An account's name in such a header is longer than a person's (two to three characters, as in a line of two
# reporters "张三 李四 2025年05月12日 07:30 北京").
ACCOUNT_MIN_HAN = 4
# A writer's role before a name ("记者 欧阳晓明 2025-05-12 07:30", "文 林书亚"): a person's byline, the word
# after it a person's name, not an account's.
_WRITER_ROLES = frozenset(["记者", "記者", "文", "作者", "撰文", "编辑", "編輯", "责编", "責編",
                           "采写", "採寫", "通讯员", "通訊員", "实习生", "實習生"])
# A writer's role set before a byline as its label (撰文：X記者 Y, 文／X記者 Y, 编辑：许宁): the outlet, if
# any, is the name before 記者 after it; the label names a person otherwise.
_WRITER_LABEL = re.compile("^[(（]?(?:" + "|".join(sorted(_WRITER_ROLES, key=len, reverse=True)) +
                           r")\s?[:：/／|｜]\s?(?=\S)")
# The word of posting in a forum's "作者 发表于 2024-12-02 20:15": no account's name.
_POSTING = re.compile(r"发表|發表|发布|發布|更新|编辑|編輯|回复|回覆")


# Markdown's emphasis marks at a word's either end, as a clipper sets the time and place of a header.
_EMPHASIS = re.compile(r"(?<!\S)[*_]{1,2}(?=\S)|(?<=\S)[*_]{1,2}(?!\S)")


def _wechat_source(text: str) -> str | None:
    """``原创 作者 公众号 2024年05月22日 08:30 北京``: the account is the word after the author.

    Without 原创 the line is known by the place it was posted from after the time (``作者 公众号
    2024-05-16 07:45 发表于北京``, ``作者 公众号 2025年05月12日 07:30 上海``); then an author alone is no
    account.
    """
    text = _EMPHASIS.sub("", text)  # a clipper's *2024年06月21日 21:05* *北京*
    original = re.match(r"^原[创創]\s+(.+)$", text)
    header = None if original else _ACCOUNT_HEADER.match(text)
    account = header.group(1) if header and text.split(maxsplit=1)[0] not in _WRITER_ROLES else ""
    if han_count(account) >= ACCOUNT_MIN_HAN and not _POSTING.search(account) and find_dates(text):
        return _clean_source(account)
    m = original or re.match(r"^(.+\d\s+(?:发表于|發表於)\S{1,6})$", text)
    if not m or not find_dates(text):
        return None
    if original and (date := DATE_STRIP.search(m.group(1))) and \
            re.search(r"(?:^|\s)[于於]\s*$", m.group(1)[:date.start()]):
        # "原创 炼丹小周 于 2024-05-20 10:11:32 发布", "原创 于 2026-11-27 22:15:08 发布": a blog platform's
        # line of posting (who, 于 when, 发布), not an account's header; it names the writer or no one
        return None
    words = [w for w in DATE_STRIP.sub(" ", m.group(1)).split()
             if not re.fullmatch(r"[\d:]+|发表于\S*|發表於\S*|北京|上海|广东|廣東|浙江", w)]
    if not original and len(words) != 2:
        return None
    return _clean_source(words[1] if len(words) > 1 else words[0]) if words else None


# How much each kind of evidence counts towards an outlet's name (see extract_source). A name needs
# SOURCE_MIN_SCORE: a label (来源：X), a dateline or a byline alone is enough; a copyright line or a masthead
# needs the name to recur on the page.
# A segment of a byline ("By Jo Roe · The Quarry Review · date") may be a place or a desk: it needs other
# evidence for the name (its address, a footer), not only the page's repeating it (a dateline's place).
SOURCE_WEIGHTS = {"label": 4.0, "reprint": 3.0, "unit": 2.0, "dateline": 3.0, "byline": 2.0,
                  "byline-part": 1.0, "credit": 2.0, "title": 2.0, "address": 2.0, "tagline": 2.0,
                  "copyright": 1.5, "masthead": 1.0, "late-masthead": 0.5, "first-line": 0.5, "logo": 2.0,
                  "account": 2.0, "signature": 3.0, "issuer": 3.0,
                  "feed": 3.0, "carried": 3.0, "column": 2.0, "sponsor": 1.0, "channel": 2.5, "agreed": 1.5}
SOURCE_MIN_SCORE = 1.5
SOURCE_REPEAT_BONUS = 0.5
SOURCE_REPEAT_MAX = 1.5
# A masthead is one of the first lines of the page, dropped as furniture (a logo's words may read as tags).
MASTHEAD_LINES = 3
_MASTHEAD_KINDS = frozenset(["chrome", "tag-line"])
# Which form of an outlet's name is shown when several name it (明港電視 on the masthead, 明港電視廣播 in
# the copyright line): the one the page itself sets as its name, before a legal holder's. A wire dateline
# signs with the short form ("BRUSSELS (Lumen) -" of © Lumen Wire), so any fuller form found wins over it.
# An address only counts for a name, it shows none of its own.
SOURCE_DISPLAY = {"label": 5, "reprint": 5, "unit": 3, "dateline": 0, "byline": 3, "byline-part": 3,
                  "credit": 3, "title": 3, "address": 0, "tagline": 2, "masthead": 2, "late-masthead": 2,
                  "first-line": 2, "copyright": 1, "logo": 2, "account": 3, "signature": 1, "issuer": 3,
                  "feed": 3, "carried": 3, "column": 3, "sponsor": 1, "channel": 3, "agreed": 2}
# (The name ends at the clause: "本文由X原创，转载请联系授权" does not say X授权.)
_SHARED_BY = re.compile(r"^本文由\s?[「『“\"]?([^」』”\"\s,，。;；]{2,20}?)[」』”\"]?\s?(?:app|APP|App)?\s?"
                        r"(?:分享|提供|授权|授權)")
# An outlet's claim to the article: 本文系智源前沿原创, 声明：本文为云帆网原创, 本文由跃迁科技原创.
_ORIGINAL_TO = re.compile(r"^(?:[^\s:：]{1,6}[:：]\s?)?本文(?:系|係|为|為|由)\s?"
                          r"[「『“\"]?([^」』”\"\s，,。]{2,20}?)[」』”\"]?\s?(?:独家|獨家)?原[创創]")
# An account's header without its time: its badge (原创, or 转载 for a repost), the author, the account; the
# time on the next line.
_ORIGINAL_BY = re.compile(r"(?:原[创創]|转载|轉載) [^\s\d]{1,12} ([^\s\d:：,，。]{2,20})")


def _split_header(text: str, following: str) -> list[tuple[str, str]]:
    """The account of a public account's header copied as two lines: 原创, the author, the account, then
    when it posted on the next line (2天前 上海, *2025年04月02日 08:30*)."""
    after = unicodedata.normalize("NFKC", following).strip("*_ ")
    if (m := _ORIGINAL_BY.fullmatch(text)) and _POSTED.match(after) and \
            (find_dates(after) or RELATIVE_DAY.search(after)):
        return [("label", m.group(1))]
    return []


# A notice's signature under its text: the issuing body's name alone on its line (all Han), the date alone on
# the next one ("滨海市科学技术局" / "2025年4月25日"). It adds to the name's other forms on the page and shows
# only where none is there (网络与信息中心 signs for 东岳大学网络与信息中心).
# The name ends as a body's does (局, 厅, 委员会, 中心, 政府, 公司, 大学 …), not as a person's role
# (本报评论员, 一位老读者).
_SIGNATORY = re.compile(r"[\u4e00-\u9fff]{2,22}(?:局|厅|廳|部|委|会|會|院|中心|政府|公司|集团|集團|协会|協會"
                        r"|大学|大學|学校|學校|银行|銀行|署|办|辦|馆|館|所|站|处|處)")
_DATE_ALONE = re.compile(r"\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日|\d{4}-\d{1,2}-\d{1,2}")


def _signatory(text: str, following: str) -> list[tuple[str, str]]:
    """The body that signs a notice after its text, over the date it signed it: who issues it."""
    name = text.strip()
    if not (_SIGNATORY.fullmatch(name) and _DATE_ALONE.fullmatch(following.strip())):
        return []
    if _UNIT.search(name) and not _INSTITUTION_OFFICE.fullmatch(name):
        # a department signing by its bare name (教务处) is who wrote it, as in a source label (see _UNIT),
        # unless the label names it with its institution (see _countersigned); named with its institution
        # (星海大学教务处), the office issues the notice
        return [("countersign", name)]
    return [("signature", name)]


def _countersigned(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The evidence with a notice's signature by an office's bare name (教务处 over its date) read as the
    office a label of the page names with its institution (来源：东澜大学教务处): the label's office signs
    the notice, so it issues it, whichever office's site carries it. On a site the institution itself holds
    (© 江州大学), the bare signature is that institution's office (江州大学信息化建设与管理处); alone, or on
    a site one of its offices holds, it is no name."""
    offices = {name for kind, name in found if kind == "unit" and _INSTITUTION_OFFICE.fullmatch(name)}
    # the institution itself holding the site (© 江州大学, not one of its offices): its own office signs
    holders = {name for kind, name in found if kind in ("copyright", "sponsor") and _HOLDING.fullmatch(name)}
    out = [(kind, name) for kind, name in found if kind != "countersign"]
    for kind, name in found:
        signed = {office for office in offices if office.endswith(name)} if kind == "countersign" else set()
        if len(signed) == 1:
            out.append(("signature", signed.pop()))
        elif kind == "countersign" and not signed and len(holders) == 1:
            out.append(("signature", next(iter(holders)) + name))
    return out


# An institution's name alone, as its site's footer holds the rights: 江州大学, 東華大學, 东湖理工学院.
_HOLDING = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:大学|大學|学院|學院)")


# A department of an institution, as a source label names the unit that wrote the story on the institution's
# site (来源：材料科学与工程学院, 来源：教务处): it says who wrote it, like a byline, more than whose
# page it is, so it names the outlet only when nothing else on the page does (see extract_source).
_UNIT = re.compile(r"(?:学院|學院|系|研究所|实验室|實驗室|课题组|課題組|教研室|处|處|科|办公室|辦公室)$")
# A person's role, not an outlet, in that claim: 本文为博主原创, 本文为UP主原创, 本文为作者原创.
_ROLES = ("主", "者")
# A credit for the article another outlet first published: 转载自公众号“数字职场研究”，已获授权. It names the
# original's outlet, which a page's own account line or label outranks.
_REPRINT = re.compile(r"^(?:\d{1,2}\s*[.、)）]\s*)?(?:本文)?(?:转载自|轉載自)")
# "Via: X" on a line of its own, the colon required ("Via satellite, clinics …" is a sentence).
_VIA = re.compile(r"^via\s?[:：]\s?(.{2,40})$", re.IGNORECASE)
# How many of the article's last lines may be its republishing credit.
REPUBLISHED_REACH = 2
# The same credit in English: "This article was originally published on The Conversation.", "Originally
# published at X", "This story first appeared in X", "Republished with permission from X".
_REPUBLISHED = re.compile(
    r"^(?i:(?:this (?:article|story|post|piece|essay|column) )?(?:was |is )?(?:originally |first )?"
    r"(?:published|appeared|ran|republished|reprinted|reproduced)(?: with (?:kind )?permission)?"
    r" (?:in|on|at|by|from)) "
    r"(?P<name>(?:the |The )?[A-Z][\w&'’.-]*(?: (?:[A-Z&][\w&'’.-]*|of|for|and|on|the)){0,5})"
    r"(?:[.,;]|\s[-–—(]|$)")
# An aggregator's link to the story on the site it came from: "Continue reading on The Lakeshore Observer",
# "Read the full story at X", "Read the original at X ↗" (an arrow for the link out).
_READ_ON = re.compile(r"^(?i:continue reading|read (?:the )?(?:(?:full|whole|rest of the) (?:story|article)"
                      r"|original(?: story| article)?))"
                      r" (?i:on|at|in) (?P<name>(?:the |The )?[A-Z][\w&'’.-]*"
                      r"(?: (?:[A-Z&][\w&'’.-]*|of|for|and|on|the)){0,5}) ?[↗→»›]?$")
# 光科网讯 …, 光科网讯（记者 邓佳音）…: the outlet signs the first paragraph.
_NEWS_AGENCY_PREFIX = re.compile(r"^([^\s\d，,。(（]{2,10}?)(?:讯|訊)[\s(（]")
_OUTLET_BYLINE = re.compile(r"^([^\s／/]{2,12}?)\s*[／/]\s*(?:綜合|综合)?(?:報導|报道|編譯|编译)$")
_OUTLET_REPORTER = re.compile(r"^([^\s]{2,10}?)(?:記者|记者)\s*[^\s]{2,4}$")
# "智源前沿报道" alone on a line: the outlet signs the report.
_OUTLET_REPORTS = re.compile(r"^([^\s／/记記者]{2,10}?)(?:报道|報導|報道)$")
# Kinds of report that head a story the way an outlet's name does (独家报道, 深度报道): no outlet.
_REPORT_KINDS = frozenset([
    "特别", "特別", "独家", "獨家", "深度", "现场", "現場", "专题",
    "專題", "连续", "連續", "追踪", "追蹤", "调查", "調查", "系列",
    "图片", "圖片", "视频", "視頻", "新闻", "新聞",
])
# "By Jo Roe, Lumen Wire": the outlet after the author's name, in capitals, no role ("staff writer").
# "By Jo Roe for The Harbour Review": the outlet the author writes for.
_BYLINE_OUTLET = re.compile(r"^[Bb]y [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}(?:, | for )"
                            r"([A-Z][\w&.'’-]*(?: [A-Z&][\w&.'’-]*){0,3})$")
# "By Felix Arrowood · The Lantern Review · February 3, 2025": the author, the outlet, the date.
_BYLINE_PARTS = re.compile(r"^[Bb]y [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}\s[·|•]\s(.+)$")
_BYLINE_NAME = re.compile(r"(?:The )?[A-Z][\w&.'’-]*(?: (?:[A-Z&][\w&.'’-]*|of|for|and|on)){0,4}")
_ROLE_WORDS = re.compile(r"\b(?:writer|reporter|correspondent|editor|contributor|columnist|analyst|staff"
                         r"|senior|chief|desk)\b", re.IGNORECASE)
# A newsletter platform's footer: "Thanks for reading Prompt 周刊! Subscribe for free …".
# A mailing list's name as its archive and its footer set it: "openweights-dev mailing list archive",
# "openweights-dev mailing list", "开源模型开发邮件列表".
# The name is one token that is no word of a sentence ("Join our mailing list" names none).
_LIST_NAME = re.compile(r"(?!(?:our|the|this|your|my|their|a|an) )([\w.+-]{2,40})"
                        r" (?:mailing|e-?mail|discussion) list(?: archives?)?"
                        r"|(?!(?:我们的|本站|订阅|加入))(\S{2,20}?) ?(?:邮件列表|郵件列表|邮件组|郵件組)"
                        r"(?:存档|存檔|归档|歸檔)?", re.IGNORECASE)
# A message's header addressed to a mailing list, at a host for lists: the list's name is the address's own.
_TO_LIST = re.compile(r"(?:to|cc|list-id)\s?:\s?<?([a-z0-9][\w.+-]{1,40})@(?:lists?|groups|mail(?:man)?)\."
                      r"[\w.-]{2,80}>?", re.IGNORECASE)
_THANKS_FOR_READING = re.compile(r"^thanks for reading ([^!.?]{2,40})[!.]", re.IGNORECASE)
_NOT_OUTLETS = frozenset(["本报", "本報", "本网", "本網", "本台", "综合", "綜合", "记者", "記者"])
_COPYRIGHT = re.compile(r"(?:copyright\s?(?:©|\(c\))?|©|\(c\))\s*(?:\d{4}\s*(?:[-–]\s*\d{4})?)?",
                        re.IGNORECASE)
_RIGHTS = re.compile(r"(?:版权所有|版權所有|all rights reserved|不得转载|不得轉載|转载请|轉載請"
                    r"|未经|未經|禁止).*$", re.IGNORECASE)
# A holder that opens a Chinese rights line without a © sign: 东海日报社版权所有.
_RIGHTS_HOLDER = re.compile(r"^([^\s©:：,，。]{2,20}?)\s*(?:版权所有|版權所有)")
_NOT_RIGHTS_HOLDERS = re.compile(r"本|作者|原作者|图片|圖片|文章|内容|內容")
# Words in a copyright line that are no holder: an article's end mark (THE END), a forum engine's credit.
_NOT_HOLDERS = re.compile(r"^(?:the end|end|完|全文完)$", re.IGNORECASE)
# Words of a company's legal name that are not the outlet's (Keystone Markets LLC, … Media Group Limited).
_COMPANY_WORDS = frozenset(["media", "group", "limited", "ltd", "llc", "inc", "corp", "co", "plc", "holdings",
                            "company", "pvt", "pte", "gmbh", "ag", "sa", "kk", "bv"])


# A site's address set as its name (Example.com, 云帆网.cn): the outlet is the name before the domain.
_DOMAIN = re.compile(r"(?<=[^\W_])\.(?:com|net|org|io|ai|co|cn|tw|hk|sg|uk|in)"
                     r"(?:\.(?:cn|tw|hk|uk|au|in|sg))?$", re.IGNORECASE)


_JOINERS = frozenset(["&", "and"])


def _without_company_words(name: str) -> str:
    name = _CN_COMPANY.sub("", name).strip() or name
    words = name.replace(",", " ").split()
    # "Ledgerpoint & Company, Inc.": the "&" of the legal name goes with it
    while len(words) > 1 and (words[-1].casefold().rstrip(".") in _COMPANY_WORDS or words[-1] in _JOINERS):
        words.pop()
    return " ".join(words)


# A Han holder, then its office and the footer's next fields after spaces: "江城大学 党委宣传部 地址：…".
# (A Han name holds no space: the institution holds the rights, its office runs the site.)
_HOLDER_OFFICE = re.compile(r"([\u4e00-\u9fff]{2,20}) [\u4e00-\u9fff]")


def _copyright_name(text: str) -> str | None:
    """The holder named in a copyright line: ``© 2024 Corvane.``, ``北辰日報 版權所有 © 2024``."""
    m = _COPYRIGHT.search(text)
    if not m and ("权所有" in text or "權所有" in text) and (held := _RIGHTS_HOLDER.match(text)):
        name = _without_company_words(held.group(1))
        if han_count(name) < 2 or _NOT_RIGHTS_HOLDERS.match(name):
            return None  # 本站版权所有, 图片版权所有: "this site", "the picture's", no name
        return name  # "东海日报社版权所有 未经…": the holder, no ©
    if not m or re.search(r"\bpowered by\b", text, re.IGNORECASE):
        return None  # "Powered by <forum engine> © 2008-2024" credits software, not the page's outlet
    before = _RIGHTS.sub("", text[: m.start()]).strip(" |·,，")
    # The holder ends where the footer's links start: "© 2025 Halyard Audio · Privacy".
    after = re.split(r"\s+or its\b|\.\s|\s{2,}|　|\s京ICP|\s[A-Z]{2,}备|\s[·|｜•]\s", text[m.end():])[0]
    after = _RIGHTS.sub("", after).strip(" |·,，.")
    if m_office := _HOLDER_OFFICE.match(after):
        after = m_office.group(1)  # "江城大学 党委宣传部 地址：…": the institution, not its office
    for part in (before, after):
        name = _without_company_words(part).strip(" ,.")
        if name and len(name) <= 40 and re.search(r"[^\W\d_]", name) and len(name.split()) <= 5 \
                and not _NOT_HOLDERS.search(name):
            return name
    return None


def _masthead(text: str) -> str | None:
    """A brand alone on one of the first lines: ``Corvane``, ``CIRCUIT ALLEY``, ``【維港日報】``,
    ``智源前沿 AI Frontier``, ``北辰日報 電子報``, ``华岳证券研究所 | 研报速览``."""
    text = _MARKDOWN_LINK.sub(r"\1", text.strip())
    if _controls(text):
        return None  # "Subscribe | Sign in", "登录 | 注册": the page's buttons, not its name
    if len(parts := text.replace("｜", "|").split("|")) == 2 and not layout.is_menu(text):
        text = parts[0]  # "Brand | section": the site's name, then the page's section
    name = text.strip().strip("【】[]").strip()
    if m := _HAN_BRAND.fullmatch(name):
        name = m.group(1)
    # 首页 通知公告: a menu (a Han home link only: the Home Office is a name)
    home = any(word in _HOME_WORDS and HAN.search(word) for word in name.split())
    if not name or home or layout.is_menu(name) or layout.has_date(name) or \
            re.search(r"[,，。:：!?！？|/]", name):
        return None
    han = han_count(name)
    if not han and "  " in name:
        return None  # links set apart by wide gaps (Home   Archive   About): a menu, not one name
    if m := re.fullmatch(r"([^\x00-\x7f]{2,8}) [A-Za-z][A-Za-z0-9]{1,20}", name):
        return name if han_count(m.group(1)) == len(m.group(1)) else None  # 數位浪潮 DigiWave
    if not han and not all(w[0].isupper() or w.casefold() in _NAME_SMALL_WORDS for w in name.split()):
        return None  # "Member-only story": a label in sentence case, not a brand
    return name if (2 <= han <= MASTHEAD_MAX_HAN and han == len(name.replace(" ", ""))) or (
        not han and 1 <= len(name.split()) <= LONG_BRAND_MAX_WORDS) else None


def _section_path(text: str) -> bool:
    """A section and its subsection, set apart by a bar: "Technology | Law", "科技 | 人工智能"."""
    parts = [p.strip() for p in text.replace("｜", "|").split("|")]
    return len(parts) == 2 and all(p and len(p.split()) == 1 and han_count(p) <= SECTION_MAX_HAN
                                   for p in parts)


# A section's name in Han is a word of a few characters (科技, 人工智能).
SECTION_MAX_HAN = 4


def _long_masthead(text: str, cleaned: Cleaned, line: int) -> str | None:
    """A masthead; one of five words or more alone at the top may be a slogan, so it counts only if the page
    names itself so again (NATIONAL OFFICE FOR DIGITAL STANDARDS, then "The National Office for …"), or by
    its first words, as a page shortens its own long name (Meridian Institute for Public Technology, then
    "© 2025 Meridian Institute")."""
    name = _masthead(text)
    if not name or len(words := name.split()) <= BRAND_MAX_WORDS or _said_again(name, cleaned, line):
        return name
    short = " ".join(words[:SHORT_NAME_WORDS])
    named = all(w[0].isupper() for w in words[:SHORT_NAME_WORDS]) and not _shouting(short)
    return name if named and _said_again(short, cleaned, line, case=True) else None


# The first words of a long name that a page shortens it to: Meridian Institute.
SHORT_NAME_WORDS = 2


def _repeated_brand(text: str, cleaned: Cleaned, line: int) -> str | None:
    """A name in title case on one of the first lines that the page writes again, word for word, inside
    another line (a photo credit, a footer), or spells in its address (NORTHGATE EVENING COURIER and
    desk@nec.example): "Lowland Science Journal" has a menu's shape, but a row of sections does not recur
    as one phrase nor make the site's address."""
    name = " ".join(_MARKDOWN_LINK.sub(r"\1", text.strip()).split())
    words = name.split()
    if han_count(name) or not 2 <= len(words) <= BRAND_MAX_WORDS or not layout.is_menu(name) or \
            re.search(r"[|/·•>›»]", name):
        return None
    if _said_again(name, cleaned, line):
        return name
    hosts = _page_hosts([unicodedata.normalize("NFKC", o) for o in
                         [d.text for d in cleaned.dropped] + [k.text for k in cleaned.kept]])
    return name if _squash(name) in hosts or _initials(name) in hosts else None  # desk@nec.example


# A brand written as one word in lower case (threadhub, a site's wordmark), at least this long.
LOWERCASE_BRAND_MIN = 4


def _lowercase_brand(text: str, cleaned: Cleaned, line: int) -> str | None:
    """A page's first line that is one word in lower case, which the page writes again inside another line
    ("threadhub", then "Search threadhub"): the wordmark of a site where people post (a word of the page's
    controls is not one). It names the outlet of a post its writer wrote (in the first person), not of an
    article someone copied in, whose outlet the page does not say."""
    name = text.strip()
    if not re.fullmatch(r"[a-z][a-z0-9]{1,30}", name) or len(name) < LOWERCASE_BRAND_MIN or \
            name in _UI_WORDS or name in _HOME_WORDS:
        return None
    return name if _in_the_first_person(cleaned) and _said_again(name, cleaned, line) else None


# A writer speaking of themselves: "I", "my", "我".
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|my|My)\b|我")
FIRST_PERSON_LINES = 2


def _in_the_first_person(cleaned: Cleaned) -> bool:
    """Whether the body reads as its writer's own post: FIRST_PERSON_LINES lines or more say I, my or 我."""
    return sum(1 for k in cleaned.body if _FIRST_PERSON.search(k.text)) >= FIRST_PERSON_LINES


def _said_again(name: str, cleaned: Cleaned, line: int, *, case: bool = False) -> bool:
    """Whether the page writes ``name`` again, word for word, inside a longer line than ``line`` (``case``: in
    the same capitals)."""
    phrase = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", 0 if case else re.IGNORECASE)
    others = [d.text for d in cleaned.dropped if d.line != line] + [k.text for k in cleaned.kept]
    return any(len(o) > len(name) and phrase.search(" ".join(o.split())) for o in others)


# A brand in title case is at most this many words (The Northgate Evening Courier); a longer masthead (an
# agency's name: NATIONAL OFFICE FOR DIGITAL STANDARDS) is a name only if the page writes it again.
BRAND_MAX_WORDS = 4
LONG_BRAND_MAX_WORDS = 6


# A Han brand is at most this long: an agency's or a university's full name (江临省经济和信息化厅).
MASTHEAD_MAX_HAN = 12


# A Markdown link, as a clipper writes the site's logo: [Prompt 周刊 Weekly](https://…)
_MARKDOWN_LINK = re.compile(r"^\[([^\]]{1,60})\]\([^)\s]{1,300}\)$")
# A Han brand and the words set beside it in the logo: its Latin name, its channel (電子報, 门户网站, 新聞).
_HAN_BRAND = re.compile(r"([^\x00-\x7f\s]{2,10}) (?:[A-Za-z][A-Za-z0-9]*(?: [A-Za-z][A-Za-z0-9]*){1,2}"
                        r"|(?:[A-Z]{2,6} )?(?:新闻|新聞|电子报|電子報|门户网站|門戶網站|官网|官網|网|網"
                        r"|频道|頻道))")


# Lowercase words a brand set in title case may hold: The Northgate Courier, House of Code.
_NAME_SMALL_WORDS = frozenset(["of", "the", "and", "&", "for", "on", "in", "from", "at", "to", "a"])


# Words of a page's controls (buttons and links of the reader's account, sharing, the menu): a line made of
# them only is no outlet's name, however it is set.
_UI_WORDS = frozenset([
    "subscribe", "subscribe now", "sign in", "sign up", "log in", "login", "log out", "register", "share",
    "menu", "search", "print", "email", "follow", "newsletter", "newsletters", "account", "my account",
    "登录", "登錄", "注册", "註冊", "订阅", "訂閱", "分享", "搜索", "搜尋", "菜单", "選單", "退出",
    "客户端下载", "客戶端下載", "下载app", "下載app", "打开app", "打開app",
])
_UI_SPLIT = re.compile(r"\s*[|｜·•/]\s*|\s{2,}")


def _controls(text: str) -> bool:
    """Whether a line is made of the page's controls only (Subscribe | Sign in)."""
    parts = [p.strip().casefold() for p in _UI_SPLIT.split(text) if p.strip()]
    return bool(parts) and all(p in _UI_WORDS for p in parts)


# The first item of nearly every site's menu, in the three scripts: never a site's name.
_HOME_WORDS = frozenset(["首页", "首頁", "主页", "主頁", "home", "homepage", "menu", "菜单", "選單"])


def _one_word(text: str) -> bool:
    """A line of one short word: an item of a menu set one per line (首页 / 会员 / 发现)."""
    text = text.strip()
    return bool(text) and " " not in text and (han_count(text) <= 4 if HAN.search(text) else len(text) <= 12)


# A place's name, as a post says where it was posted from (北京, 台北市, 黑龙江): two or three Han.
PLACE_MAX_HAN = 3
# Where a post is published, as a blog platform says it under the headline: 發佈於 AI 慢讀, 发表于「X」 (as
# "Published in X"), not when (发布于 2026-11-19, 發佈於 昨天 21:40).
_PUBLISHED_IN = re.compile(r"^(?:发布于|發佈於|發布於|发表于|發表於)\s?"
                           r"(?!\d|昨天|今天|前天|刚刚|剛剛|昨日|今日)(.{2,30})$")


def _label_evidence(text: str, kind: str) -> list[tuple[str, str]]:
    """(kind of evidence, name) for the outlet a line states in words: 来源：X, 转载自X, 本文系X原创, an
    account's header, a clipper's "Clipped from X"."""
    found: list[tuple[str, str]] = []
    label = _labelled_source(text) or _wechat_source(text)
    if label and kind not in ("teaser", "caption", "promotion"):
        kind_of = "reprint" if _REPRINT.match(text) else "unit" if _UNIT.search(label) else "label"
        found.append((kind_of, label))
    if (name := layout.is_tool_label(text)) and kind != "teaser":
        # "Clipped from Lakeside Ledger": the clipper names the site; a heading among the related stories
        # ("Recommended from X", "Selected from X") is the platform's, over its other writers' posts
        found.append(("label", name))
    if m := _REPUBLISHED.match(text):
        found.append(("reprint", m.group("name").rstrip(".")))
    if m := _READ_ON.match(text):
        found.append(("reprint", m.group("name").rstrip(".")))  # the aggregator links to where it ran
    if (m := _VIA.match(text)) and (name := _clean_source(m.group(1))):
        found.append(("reprint", name))  # "Via: The Harbour Review": where the story was taken from
    if m := _SHARED_BY.match(text):
        found.append(("label", m.group(1)))
    if (m := _ORIGINAL_TO.match(text)) and (name := _clean_source(m.group(1))) and not name.endswith(_ROLES):
        found.append(("label", name))
    return found


def _line_evidence(text: str, kind: str) -> list[tuple[str, str]]:
    """(kind of evidence, name) for the outlet names one line states."""
    found: list[tuple[str, str]] = _label_evidence(text, kind)
    if (m := _BYLINE_OUTLET.match(text)) and not _ROLE_WORDS.search(m.group(1)):
        found.append(("byline", m.group(1)))
    if m := _BYLINE_PARTS.match(text):
        for segment in re.split(r"\s[·|•]\s", m.group(1)):
            part = segment.strip()
            if _BYLINE_NAME.fullmatch(part) and not layout.has_date(part) and not _ROLE_WORDS.search(part) \
                    and part.casefold() not in _UI_WORDS:
                found.append(("byline-part", part))
                break
    if m := _LIST_NAME.fullmatch(text):
        found.append(("label", m.group(1) or m.group(2)))  # an archive names its list in header and footer
    if m := _TO_LIST.fullmatch(text):
        found.append(("label", m.group(1)))  # a post to a list: "To: openweights-dev@lists.example.org"
    if m := _THANKS_FOR_READING.match(text):
        found.append(("byline", m.group(1).strip()))
    # 撰文：港灣財經網記者 何嘉欣, （文／港灣財經網記者 何嘉欣）: the outlet, before 記者 after the label
    unlabelled = _WRITER_LABEL.sub("", text)
    for pattern in (_OUTLET_BYLINE, _OUTLET_REPORTER):
        m = pattern.match(unlabelled)
        if m and m.group(1) not in _NOT_OUTLETS and len(text) <= 30:
            found.append(("byline", m.group(1)))
    if kind == "credit" and (m := AGENCY_CREDIT.match(text)):
        found.append(("credit", m.group(1)))
    return found + _footer_evidence(text)


def _footer_evidence(text: str) -> list[tuple[str, str]]:
    """(kind of evidence, name) for the site's own name in a footer's line: its copyright holder, its name
    over its ICP licence, the body that runs it (主办：…)."""
    found: list[tuple[str, str]] = []
    if name := _copyright_name(text):
        found.append(("copyright", name))
    elif m := _ICP_LICENCE.match(text):
        found.append(("copyright", m.group(1)))  # the site's name over its ICP licence, as a footer sets it
    if m := _SPONSOR.match(text):
        found.append(("sponsor", m.group(1)))
    if m := _BBS_STATION.match(text):
        found.append(("credit", m.group(1)))
    return found


# A BBS post's sign-off names the board's site: "※ 發信站: 竹林BBS, 來自: 36.224.xx.xx",
# "※ 来源:·水木社区 newsmth.net·[FROM: 1.2.3.*]", "※ 發信站: 貓頭鷹實業坊(owlbbs.tw)".
_BBS_STATION = re.compile(r"^※\s?(?:發信站|发信站|来源|來源|Origin)\s?[:：]\s?·?\s?"
                          r"([^\s,，(（·:：\[]{2,20})")


# A government's or an institution's site names the body that runs it in its footer, in full: "主办：临江市
# 互联网信息办公室 地址：…", "主辦單位：數位發展部". It completes the short name a source label gives
# (市网信办).
_SPONSOR = re.compile(r"^(?:网站|網站)?(?:主办|主辦)(?:单位|單位)?\s?[:：]\s?([\u4e00-\u9fff]{2,30})")


# A Chinese site's footer: its name, then its ICP licence number ("数码茶馆 ( 粤ICP备12034567号 )").
_ICP_LICENCE = re.compile(r"^([^\s()（）©|｜:：,，]{2,20})\s?[(（]?\s?"
                          r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]ICP[备證证]")


# A source line that names the article itself as what comes from elsewhere ("this article comes from"), never
# a picture: 本文来自, 本文转载自, 以下文章来源于, 本文首发于.
_ARTICLE_SOURCE = re.compile(r"^(?:本文|以下文章)(?:来自|來自|转载自|轉載自|来源于|來源於|来源|來源"
                             r"|首发于|首發於)")


def _inside_evidence(text: str, kind: str) -> list[tuple[str, str]]:
    """(kind of evidence, name) for a line dropped between the article's paragraphs: a caption's 来源 there
    names a picture's source, not the page's; a footer's copyright line taken in with a kept line after it
    still names the page's holder, and the article's own source line (本文来自…) its outlet."""
    if kind == "footer" and (name := _copyright_name(text)):
        return [("copyright", name)]
    return _label_evidence(text, kind) if _ARTICLE_SOURCE.match(text) else []


def _source_evidence(cleaned: Cleaned, addresses: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(kind of evidence, name) for every line that names the outlet."""
    first, last = _body_span(cleaned)
    found: list[tuple[str, str]] = []
    headline_keys = {_squash(k.text) for k in cleaned.kept[:3]}
    dropped = sorted(cleaned.dropped, key=lambda d: d.line)
    by_line = {d.line: unicodedata.normalize("NFKC", d.text).strip() for d in dropped}
    top = cleaned.headline.line if cleaned.headline else first
    for n, d in enumerate(dropped):
        text = unicodedata.normalize("NFKC", d.text).replace("\xa0", " ").strip()
        if first < d.line < last:
            found += _inside_evidence(text, d.kind)
            continue
        # A name alone in brackets right after the article credits the agency that supplied it: （星橋日報）
        closing = d.line > last and not any(ch.isdigit() for ch in text) and len(text) <= 16
        kind = "credit" if closing and d.kind in ("orphan-heading", "tail") else d.kind
        found += _line_evidence(text, kind)
        following = dropped[n + 1].text if n + 1 < len(dropped) else ""
        found += _split_header(text, following) + (_signatory(text, following) if d.line > last else [])
        label = SOURCE_LABELS.fullmatch(_ITEM_NUMBER.sub("", text).rstrip(":："))
        if label and (name := _clean_source(by_line.get(d.line + 1, ""))):
            found.append(("label", name))  # "1.媒體來源:" with the outlet on the next line
        if d.line > first:
            continue
        found += _header_evidence(text) if top < d.line else []
        found += _issuer_evidence(cleaned, text, d.line, header=top < d.line)
        if (m := _OUTLET_REPORTS.match(text)) and m.group(1) not in _NOT_OUTLETS | _REPORT_KINDS:
            found.append(("byline", m.group(1)))
        parts = layout.split_title(text)
        if parts and _squash(parts[0]) in headline_keys:
            found.append(("title", parts[1]))
        at_top = d.kind in _MASTHEAD_KINDS and (n < MASTHEAD_LINES or d.line < top)
        # the page's first line above the headline leads its menu, whatever a link in it made it (訂閱電子報)
        name = _long_masthead(text, cleaned, d.line) if at_top else \
            _menu_brand(text, cleaned) if n == 0 and d.line < top and re.search(r"[|·]", text) else None
        neighbours = [by_line.get(d.line + 1, ""), by_line.get(d.line - 1, "")]
        if name and (name.casefold() in _HOME_WORDS or (
                n > 0 and _one_word(text) and any(_one_word(t) and t != text for t in neighbours))):
            name = None  # a menu's items set one word per line; a site's name may head them
        # a section name above the headline (政策), too short to tell from a brand, or a section and its
        # subsection (Technology | Law), not "Brand | section"; past the page's first lines, one word right
        # above the headline is its section's label (a kicker: Technology), not the site's name
        kicker = _one_word(text) and n + 1 < len(dropped) and dropped[n + 1].line > top
        if name and n >= MASTHEAD_LINES and (len(_squash(name)) < 3 or _section_path(text) or kicker):
            name = None
        if not name and n < MASTHEAD_LINES and d.kind in _MASTHEAD_KINDS:
            # a newsletter's name and what it is about, under its "View this email in your browser"
            name = ((_first_line_brand(text, cleaned, found) or _name_over_menu(text, neighbours[0]))
                    if n == 0 else _tagline_brand(text, found) if d.line < top else None) or \
                _repeated_brand(text, cleaned, d.line) or (_lowercase_brand(text, cleaned, d.line) if n == 0
                                                           else None)
        if name and not any(kind in ("masthead", "late-masthead") for kind, _ in found):
            found.append(("masthead" if n < MASTHEAD_LINES else "late-masthead", name))
            if n == 0:  # the page's first line: where a site puts its name
                found.append(("first-line", name))
    # a republishing credit closing the article reads as a sentence and may be kept with it
    found += [("reprint", m.group("name").rstrip(".")) for k in cleaned.body[-REPUBLISHED_REACH:]
              if (m := _REPUBLISHED.match(unicodedata.normalize("NFKC", k.text).strip()))]
    found += _dateline_evidence(cleaned) + _account_evidence(cleaned, top, first) + _about_evidence(cleaned)
    found += _feed_evidence(dropped, top) + _list_tag_evidence(cleaned) + _carried_evidence(dropped, first)
    found += _original_evidence(cleaned, dropped)
    found += _audience_evidence(cleaned, dropped, first) + _column_evidence(cleaned, top, first)
    found += _linked_evidence(cleaned, dropped, top, first) + _breadcrumb_evidence(cleaned, dropped, top)
    # (a name the masthead or the copyright line already gives has its weight: the places' agreement counts
    # only for a name none of them gives alone)
    known = {_squash(name) for _, name in found}
    found += [(kind, name) for kind, name in _agreed_evidence(cleaned, dropped, top)
              if not any(_squash(name) in k or k in _squash(name) for k in known if k)]
    return _with_addresses(cleaned, _countersigned(_academic_units(_without_reposts(
        cleaned, _announced(cleaned, found)))), addresses)


def _without_reposts(cleaned: Cleaned, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The evidence without a repost's credit above the article (转载自「深网实验」) where an account's header
    names who posted it: the account's repost is the account's; the credit says where the text first ran."""
    if not any(kind == "account" for kind, _ in found):
        return found
    first, _ = _body_span(cleaned)
    reposts = {name for d in cleaned.dropped if d.line < first
               and _REPRINT.match(text := unicodedata.normalize("NFKC", d.text).strip())
               and (name := _labelled_source(text))}
    return [(kind, name) for kind, name in found if not (kind == "reprint" and name in reposts)]


def _announced(cleaned: Cleaned, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The evidence with an organisation's announcement to a list (see _announcer_evidence) naming the
    organisation, and the list's names set aside: the list only distributes the message, as a newswire a
    release."""
    if not (announcer := _announcer_evidence(cleaned)):
        return found
    lists = _list_names(cleaned)
    return [(kind, name) for kind, name in found if not (kind == "label" and name in lists)] + announcer


# A message's sender between its subject and its text, with the address it wrote from, as an archive shows it
# ("Tomasz Urbanek tomasz.urbanek at lorikeet-systems.example", "From: Jo Park <jo@kestrel.example.org>").
_SENDER = re.compile(r"^(?:From:\s?)?[A-Z][\w.'’ -]{1,60}?\s<?[\w.+-]{1,64}(?:@| at )"
                     r"(?P<host>[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,4})>?$")
# How many lines from the article's last paragraph on may sign it off (--, the name, the line under it).
SIGN_OFF_REACH = 4
# How many of the article's first lines may name who announces (a greeting may come first).
ANNOUNCING_LINES = 3


def _announcer_evidence(cleaned: Cleaned) -> list[tuple[str, str]]:
    """An organisation's announcement sent to a list: the sender writes from the organisation's address
    (lorikeet-systems.example), the message's first lines name the organisation in full ("Lorikeet Systems
    is releasing …", "On behalf of the Fernhill Open Model Initiative steering group") and its sign-off names
    it too ("Release manager, Lorikeet Systems", "for the Fernhill steering group"): the organisation issues
    it. A member's message from their own address, or one whose opening names no such body, is the list's."""
    first, last = _body_span(cleaned)
    top = cleaned.headline.line if cleaned.headline else 0
    senders = [m.group("host") for d in cleaned.dropped if top < d.line < first
               and (m := _SENDER.match(" ".join(d.text.split())))]
    labels = [label for label in senders[0].casefold().split(".") if label not in _HOST_WORDS] \
        if senders else []
    if not labels or len(key := _squash(labels[0])) < 3:
        return []
    name = next((run for k in cleaned.body[:ANNOUNCING_LINES]
                 if (run := _run_from(unicodedata.normalize("NFKC", k.text), key))), None)
    lines = {k.line: k.text for k in cleaned.kept} | {d.line: d.text for d in cleaned.dropped}
    signed = any(key in _squash(lines.get(n, "")) for n in range(last - 1, last + SIGN_OFF_REACH + 1))
    return [("issuer", name)] if name and signed else []


def _run_from(text: str, key: str) -> str | None:
    """The run of capitalised words in ``text`` (two or more) from the word where its letters start with
    ``key`` (an address's label, lorikeetsystems) to the run's end: Lorikeet Systems, Fernhill Open Model
    Initiative; None where no run does."""
    for run in _CAPITALISED_RUN.findall(text):
        words = run.split()
        for a in range(len(words)):
            rest = words[a:]
            if len(rest) >= 2 and _squash("".join(rest)).startswith(key):
                return " ".join(rest)
    return None


def _list_names(cleaned: Cleaned) -> set[str]:
    """The names of the lists the page names: the tag before the subject, the archive's "X mailing list",
    the address the message went to."""
    names = {name for _, name in _list_tag_evidence(cleaned)}
    for d in cleaned.dropped:
        text = unicodedata.normalize("NFKC", d.text).strip()
        if m := _LIST_NAME.fullmatch(text):
            names.add(m.group(1) or m.group(2))
        if m := _TO_LIST.fullmatch(text):
            names.add(m.group(1))
    return names


# A school, faculty or department of a university as an English source line names it (Source: School of
# Engineering and Computing), and a name that says it is a university's or a college's.
_ACADEMIC_UNIT = re.compile(r"(?:School|Faculty|College|Department|Division|Institute|Centre|Center|Office"
                            r"|Laboratory|Lab) (?:of|for) [A-Z]")
_ACADEMY = re.compile(r"\b(?:University|College|Institute|Polytechnic|Academy)\b")


def _academic_units(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The evidence with a source line's school or department of the university whose site it is (its
    masthead or copyright line names a university, a college or an institute) read as a unit of that
    institution, like 来源：生命科学学院: who wrote the story, not its outlet (a news site's "Source:
    Department of Energy" stays a label)."""
    if not any(kind in _SELF_NAMING and _ACADEMY.search(name) for kind, name in found):
        return found
    return [("unit" if kind == "label" and _ACADEMIC_UNIT.match(name) else kind, name)
            for kind, name in found]


def _with_addresses(cleaned: Cleaned, found: list[tuple[str, str]], addresses: tuple[str, ...]) \
        -> list[tuple[str, str]]:
    """The evidence and the names of it that the page's own web addresses spell."""
    return found + _address_evidence(cleaned, [name for _, name in found], addresses)


# A label alone on its line, the organisation that issues a release or a notice on the next one, as a
# definition list sets it ("From:" / "Department for Digital Infrastructure").
_ISSUER_LABEL = re.compile(r"(?:from|issued by|published by)\s?[:：]|(?:news |content )?provided by",
                           re.IGNORECASE)
_ISSUED_BY = re.compile(r"(?:from|issued by|published by)\s?[:：]\s?(.+)$", re.IGNORECASE)
# An organisation's name: capitalised words, small words and commas between them (Department for Science,
# Innovation and Technology). Each word is matched whole and words are set apart by one space: linear.
_ORGANISATION = re.compile(r"(?<![\w&.'’-])(?:The )?[A-Z][\w&.'’-]*+"
                           r"(?:,? (?:[A-Z&][\w&.'’-]*+|of|for|and|on|the|in)){1,9}")
# A person's name has two or three words (From: Ed Marsh); an issuer's name under the headline has at least
# this many.
ISSUER_MIN_WORDS = 3


def _issuer_evidence(cleaned: Cleaned, text: str, line: int, *, header: bool) -> list[tuple[str, str]]:
    """A release's issuer above the article: "From:" alone, the name on the next line (as a definition list
    sets it), or "From: Department for Digital Infrastructure" between the headline and the article."""
    if _ISSUER_LABEL.fullmatch(text) and (name := _issuer(cleaned, line)):
        return [("label", name)]
    if header and (m := _ISSUED_BY.match(text)) and (name := _organisation(_lead_issuer(m.group(1)))):
        return [("label", name)]
    return []


def _issuer(cleaned: Cleaned, line: int) -> str | None:
    """The name on the first line with words after ``line`` (kept or dropped), if it reads as an
    organisation's name: capitalised words, no address, no date."""
    after = [(k.line, k.text) for k in cleaned.kept if k.line > line] + \
        [(d.line, d.text) for d in cleaned.dropped if d.line > line]
    if not after:
        return None
    return _organisation(_lead_issuer(min(after)[1]), 2)


# Two organisations that issue a release together: "AI Assurance Office and Department for Science and
# Innovation".
_JOINT = re.compile(r" and (?=[A-Z])")


def _lead_issuer(text: str) -> str:
    """The first of two organisations an issuer's line names together, the one that leads the release
    ("From: AI Assurance Office and Department for Science and Innovation"): split at the first "and" with an
    organisation's name before it and one of ISSUER_MIN_WORDS words or more after it ("Department for
    Science and Innovation" and "Department of Health and Social Care" are one name each)."""
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    for m in _JOINT.finditer(text):
        first, second = text[: m.start()], text[m.end():]
        if _organisation(first, 2) and _organisation(second):
            return first
    return text


def _organisation(text: str, words: int = ISSUER_MIN_WORDS) -> str | None:
    """``text`` if it reads as an organisation's name of ``words`` words or more: capitalised words, no
    address, no date."""
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    if not _ORGANISATION.fullmatch(text) or layout.has_date(text) or len(text.split()) < words:
        return None
    return text if len(text) <= SOURCE_NAME_MAX else None


# The longest outlet's name (as _clean_source allows).
SOURCE_NAME_MAX = 60


# A self-media platform's header under the headline, three lines: the account's name, when (and where) it
# posted, its follow button ("科技老炮说 / 2天前 · 优质科技领域创作者 / 关注"). A writer's own name and bio
# over "关注他" or "Follow", without the line of posting, is the writer's, not an outlet's.
_FOLLOW = re.compile(r"[+＋]?\s?(?:已\s?)?(?:关注|關注)|[+＋]?\s?follow(?:ing)?", re.IGNORECASE)
# The line of posting opens with when: 2天前, 11-06 19:42, 前天 21:40, 3 hours ago, 2w • Edited; or says it
# was posted then: "Published Mar 4, 2025", "Posted on 3 June 2025", "发布于 2025-03-04".
_POSTED = re.compile(r"^(?:\d|前天|昨天|今天|刚刚|剛剛"
                     r"|(?i:published|posted)(?: on)? (?:[A-Z][a-z]{2,8}\.? \d|\d)"
                     r"|(?:发布于|發布於|发表于|發表於) ?\d)")
# How long the article takes to read ("6 min read", "阅读 5 分钟"): a writer's page, not a line of posting.
_READING_TIME = re.compile(r"\d ?(?:min|minute)s? read|分钟|分鐘|min read", re.IGNORECASE)
# A clock time in a line of posting: 06-03 08:15.
_CLOCK = re.compile(r"\d:\d\d")
# An account's name: no digits, no sentence's or label's punctuation, not a "By" line.
_NOT_ACCOUNT = re.compile(r"[\d,，。:：!?！？@|/·•]|^[Bb]y ")
ACCOUNT_MAX_HAN = 12
ACCOUNT_MAX_WORDS = 4


# A month and a day in figures, as an app dates a post of this year: 05-21, 5/21.
_SHORT_DAY = re.compile(r"\d{1,2}[-/]\d{1,2}(?![\d/-])")


def _account_evidence(cleaned: Cleaned, top: int, first: int) -> list[tuple[str, str]]:
    """The account that posted the article, from a self-media platform's header between the headline and
    the article: its name, the line of posting, the follow button."""
    if cleaned.headline is None:
        return []
    # the header sits under the headline, or right above it on an app's share page (the app's name, the
    # account, when it posted, 关注, then the headline): there, the last three lines above it
    header = sorted((d.line, " ".join(unicodedata.normalize("NFKC", d.text).split()))
                    for d in cleaned.dropped if d.line < first and d.line != top)
    above = sum(1 for line, _ in header if line < top)
    present = {k.line for k in cleaned.kept} | {d.line for d in cleaned.dropped}
    found: list[tuple[str, str]] = []
    for n, ((at, shown), (_, second), (_, third)) in enumerate(zip(header, header[1:], header[2:],
                                                                   strict=False)):
        posted, button = second, third
        if _FOLLOW.fullmatch(second) and _POSTED.match(third) and \
                (_CLOCK.search(third) or layout.POSTED_IN_WORDS.match(third) or RELATIVE_DAY.search(third)
                 or _SHORT_DAY.match(third) or find_dates(third)):
            # the follow button beside the name, the time under both: by the clock, a day (05-21, 2024-05-21)
            # or relative (3天前, 2h ago) (a reading time there, "6 min read", is a writer's page: no
            # account's line of posting)
            posted, button = third, second
        if not (_FOLLOW.fullmatch(button) and _POSTED.match(posted)) or (at < top and n + 3 != above) or \
                _READING_TIME.search(posted):
            continue
        name = shown
        if _BADGE.search(shown) or (at > top and not _account_name(shown) and not _ROLE_WORDS.search(shown)):
            # the platform's badge under the account's name (优质科技领域创作者), or the writer's own line
            # about themselves under the headline ("Head of IT Procurement | Speaker"): the name is the line
            # above (a newsroom's role there, "Senior Reporter | Technology", is a news site's writer's)
            # (a blank line between them is no line of the page)
            name = header[n - 1][1] if n and not any(k in present for k in range(header[n - 1][0] + 1, at)) \
                else ""
        elif at > top and n and header[n - 1][0] > top and _account_name(header[n - 1][1]) and \
                not _ROLE_WORDS.search(shown) and \
                not any(k in present for k in range(header[n - 1][0] + 1, at)):
            # two names' shapes under the headline, over the line of posting: the poster's name heads the
            # header, the line they write about themselves is under it (陈立 / 物流集团采购总监)
            name = header[n - 1][1]
        if _account_name(name) and not _ROLE_WORDS.search(name):
            found.append(("account", name))
    for (at, shown), (_, second), (_, third) in zip(header, header[1:], header[2:], strict=False):
        # the follow button beside the name ("Rachel Okafor · Follow"), then when it posted, the poster's line
        # about themselves between them or not
        m = layout.NAME_FOLLOW.fullmatch(shown)
        when = bool(_POSTED.match(second) or (layout.about_line(second) and _POSTED.match(third)))
        if m and at > top and when and _account_name(name := m.group("name")) and \
                not _ROLE_WORDS.search(second):
            found.append(("account", name))
    for n, ((at, shown), (_, button)) in enumerate(itertools.pairwise(header)):
        # the name and when it posted on one line over the follow button: "数码阿坤 · 3小时前 · 上海" / 关注
        # (a Han name as short as a person's, 郑思远 · 06-03 08:12, may be the writer's: no outlet)
        m = _NAME_WHEN.match(shown)
        if m and _FOLLOW.fullmatch(button) and (at > top or n + 2 == above) and \
                not _POSTED.match(m.group(1)) and _account_name(m.group(1)) and \
                han_count(m.group(1)) >= ACCOUNT_MIN_HAN:
            found.append(("account", m.group(1)))
    return found


# An account's name, then when it posted, on one line: "数码阿坤 · 3小时前 · 上海", "科技老炮说 2天前".
_NAME_WHEN = re.compile(r"^([^\s\d·|•]{2,12}) ?(?:[·|•] ?)?(?=\d|前天|昨天|今天|刚刚|剛剛)")


# A platform's badge for an account, what kind of writer it is: 优质科技领域创作者, 科技博主, 知名答主.
_BADGE = re.compile(r"(?:创作者|創作者|作者|博主|达人|達人|答主|媒体人|媒體人|自媒体|自媒體)$")


def _account_name(name: str) -> bool:
    """Whether a line reads as an account's name: a few Han or capitalised words."""
    if not name or _NOT_ACCOUNT.search(name) or name.casefold() in _UI_WORDS:
        return False
    if han := han_count(name):
        return 2 <= han <= ACCOUNT_MAX_HAN
    words = name.split()
    return len(words) <= ACCOUNT_MAX_WORDS and all(w[0].isupper() for w in words)


# Under the headline, a writer's name and the outlet they write for: "Jenna Whitcombe, Cascade Courier".
# (A "By" line is a byline of its own: "By Owen Castellano, Rhea Batra" names two writers.)
_NAME_COMMA_OUTLET = re.compile(r"^(?!By )[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,2}, (.{2,60})$")
# Under the headline, an account's name, then when it posted: "岭南科创报 · 03-05 08:12 · 广东".
_ACCOUNT_POSTED = re.compile(r"^([\u4e00-\u9fff]{2,12}) ?[·|•] ?(?:\d{4}[-/.年])?\d{1,2}[-/.月]\d{1,2}日?"
                             r"(?: \d{1,2}:\d{2})?(?: ?[·|•] ?[\u4e00-\u9fff]{2,4})?$")


def _header_evidence(text: str) -> list[tuple[str, str]]:
    """(kind of evidence, name) for an outlet named between the headline and the article: after a writer's
    name (a segment of a byline: it may be a place, so it needs other evidence), as the account that
    posted it, a name longer than a person's (ACCOUNT_MIN_HAN) before the time of posting, or as the
    publication it is published in (發佈於 X; a teaser's "发表于X" after the article names the teaser's)."""
    if (m := _NAME_COMMA_OUTLET.match(text)) and _BYLINE_NAME.fullmatch(part := m.group(1)) and \
            not _ROLE_WORDS.search(part) and not layout.has_date(part):
        return [("byline-part", part)]
    if (m := _ACCOUNT_POSTED.match(text)) and han_count(m.group(1)) >= ACCOUNT_MIN_HAN:
        return [("byline", m.group(1))]
    if (m := _PUBLISHED_IN.match(text)) and (name := _clean_source(m.group(1))) and _account_name(name) \
            and not (han_count(name) == len(name) <= PLACE_MAX_HAN):
        # 發佈於 AI 慢讀: the platform's publication the post is published in (发表于北京, 發佈於 台北市: a
        # place's name, two or three Han, says where it was posted from)
        return [("label", name)]
    return []


# A web address or an email address on the page: its host names the site (news@northgate.example).
_HOST = re.compile(r"(?:https?://|@)((?:[A-Za-z0-9-]{1,63}\.){1,5}[A-Za-z]{2,12})\b")
# Labels of a host that are not the site's name: subdomains of every site, registries' suffixes.
_HOST_WORDS = frozenset(["www", "news", "blog", "mail", "static", "example", "com", "net", "org", "edu",
                         "gov"])
# Segments of a footer line: "© 2025 Ines Carver · Margin Notes", "版权所有 | 京ICP备…".
_FOOTER_PARTS = re.compile(r"\s[·|｜•∙]\s")


def _address_evidence(cleaned: Cleaned, names: list[str], addresses: tuple[str, ...] = ()) \
        -> list[tuple[str, str]]:
    """Names on the page that spell the page's own web or email address (THE LEDGERPOINT and
    maria@ledgerpoint.example; "Signal Hill" in a footer and signalhill.example.com)."""
    texts = [d.text for d in cleaned.dropped] + [k.text for k in cleaned.kept]
    lines = [unicodedata.normalize("NFKC", text) for text in texts]
    hosts = _page_hosts(lines, addresses)
    if not hosts:
        return []
    candidates = list(names)
    for line in lines:
        if _COPYRIGHT.search(line):
            candidates += [part.strip(" .") for part in _FOOTER_PARTS.split(line)[1:]]
    found: list[tuple[str, str]] = []
    for name in candidates:
        key = _squash(name)
        if key in hosts or (key.startswith("the") and key[3:] in hosts) or _initials(name) in hosts:
            found.append(("address", name))
    return found


def _page_hosts(lines: list[str], addresses: tuple[str, ...] = ()) -> set[str]:
    """The labels of the hosts in the page's web and email addresses that may be a site's name."""
    return {label.casefold() for line in [*lines, *addresses] if "@" in line or "//" in line
            for host in _HOST.findall(line) for label in host.split(".")
            if len(label) >= 3 and label.casefold() not in _HOST_WORDS}


def _initials(name: str) -> str | None:
    """The initials of a name of three words or more, as its address abbreviates it (National Office for
    Digital Standards at nods.example), small words skipped; None for a shorter or a Han name."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w.casefold() not in _NAME_SMALL_WORDS]
    if len(words) < 3 or HAN.search(name):
        return None
    return "".join(w[0] for w in words).casefold()


# "Second Shift — conversations about work and technology": a name, a dash, a description in lower case.
# (A Han description says as much in half the characters: 码驿论坛 - 程序员的技术社区.)
_TAGLINE = re.compile(r"^(.{2,40}?)\s[—–-]{1,2}\s"
                      r"([a-z][^.。!?！？]{10,120}|[\u4e00-\u9fff][^.。!?！？]{5,120})$")


def _first_line_brand(text: str, cleaned: Cleaned, found: list[tuple[str, str]]) -> str | None:
    """The site's name on a page's first line that is more than a name: leading its menu, or before a dash
    and a description of what the site is about (then also noted in ``found`` as a tagline)."""
    if "·" in text or "|" in text:
        return _menu_brand(text, cleaned)
    return _tagline_brand(text, found)


def _tagline_brand(text: str, found: list[tuple[str, str]]) -> str | None:
    """The site's name before a dash and a description of what the site is about ("The Gradient Ledger — a
    weekly letter on the business of AI"), also noted in ``found`` as a tagline."""
    m = _TAGLINE.match(text.strip())
    if not m or (len(m.group(2).split()) < 3 and not han_count(m.group(2))):
        return None
    name = _masthead(m.group(1))
    if name:
        found.append(("tagline", name))  # the site says what it is beside its name
    return name


def _name_over_menu(text: str, following: str) -> str | None:
    """The site's name alone on the page's first line, right over its menu (a blog's "Stack Trace Notes",
    then "Home  Archive  About"): a name in title case that a row of sections would not be, as the row that
    starts with the home link comes under it."""
    name = _MARKDOWN_LINK.sub(r"\1", text.strip())
    words = name.split()
    # a row of links set apart by wide gaps (Contact  About  Careers) is a menu, not one name
    if "  " in name or han_count(name) or not 2 <= len(words) <= BRAND_MAX_WORDS or _controls(name) or \
            re.search(r"[^\w &'’.-]", name) or layout.has_date(name) or \
            not all(w[0].isupper() or w.casefold() in _NAME_SMALL_WORDS for w in words):
        return None
    items = [p for p in _UI_SPLIT.split(following.strip()) if p]
    if len(items) == 1:
        items = following.split()
    if len(items) < ROW_MIN_LINKS or items[0].casefold() not in _HOME_WORDS or \
            any(w.casefold() in _HOME_WORDS for w in words):
        return None
    return name


# A path of links from the site's root to the page: 竹林BBS › 看板 Soft_Job › 文章, 灵犀社区 » 论坛 › 职场.
_PATH_STEP = re.compile(r"\s[›»>]\s")


def _breadcrumb_evidence(cleaned: Cleaned, dropped: list[Dropped], top: int) -> list[tuple[str, str]]:
    """The site's name at the root of the path of links over the headline, where the path opens the page or
    its root is the page's first line alone (a forum's and a BBS's banner); the root is a name the page
    writes again (its footer, a BBS's sign-off), not a home link or a section's name alone. It names the
    outlet of a post its writer wrote (in the first person), not of an article someone copied in."""
    if not _in_the_first_person(cleaned):
        return []  # an article someone copied into a forum ("转：…") is not the forum's
    above = [unicodedata.normalize("NFKC", d.text).strip() for d in dropped if d.line < top]
    for n, text in enumerate(above[:MASTHEAD_LINES + 2]):
        parts = _PATH_STEP.split(text)
        if len(parts) < 2:
            continue
        name = _masthead(parts[0])
        if not name or name.casefold() in _HOME_WORDS or len(key := _squash(name)) < 4:
            return []
        if n != 0 and _squash(above[0]) != key:
            return []
        others = [_squash(d.text) for d in cleaned.dropped if d.line >= top] + \
            [_squash(k.text) for k in cleaned.kept if k.line > top]
        return [("masthead", name)] if any(key in o for o in others) or n != 0 else []
    return []


# How a site's name is set apart from what follows it in a banner, a path or a footer's row: a dash before a
# tagline (极客茶馆 - 数码爱好者社区), a bar, a dot, a path's step, a wide gap.
_CHROME_PARTS = re.compile(r"\s[-–—|｜·•›»>]\s|\s{2,}|　")
# A footer's credit for the software that runs the site ("Powered by Discuz! X3.4"), before the holder's ©.
_POWERED_BY = re.compile(r"^(?i:powered by)\s.*?(?=©|\(c\)|(?i:copyright))")
# How many of the page's lines at either end its banner and its footer take.
CHROME_REACH = 3


def _chrome_names(cleaned: Cleaned, dropped: list[Dropped], top: int) -> list[set[str]]:
    """The names each place of the site's own furniture gives: its banner's lead (the first line's first
    part), the root of the path over the headline, its footer's copyright holder or the last link of its last
    row. One set per place, so that a name is counted once where a place repeats it."""
    above = [unicodedata.normalize("NFKC", d.text).strip() for d in dropped if d.line < top]
    _, last = _body_span(cleaned)
    below = [unicodedata.normalize("NFKC", d.text).strip() for d in dropped if d.line > last][-CHROME_REACH:]
    banner, path, footer = set(), set(), set()
    if above and (name := _masthead(_CHROME_PARTS.split(above[0])[0])):
        banner.add(name)
    for text in above[1:CHROME_REACH + 2]:  # (a path on the first line is its banner: one place)
        if len(parts := _PATH_STEP.split(text)) > 1 and (name := _masthead(parts[0])):
            path.add(name)
    for text in below:
        if (holder := _copyright_name(_POWERED_BY.sub("", text))) and _masthead(holder):
            footer.add(holder)
        elif _link_row(text) or layout.is_menu(text):
            parts = [p.strip() for p in re.split(r"[|｜·•]", text) if p.strip()]
            if parts and (name := _masthead(parts[-1])):
                footer.add(name)
    return [{n for n in place if n.casefold() not in _HOME_WORDS} for place in (banner, path, footer)]


# How many places of the furniture must agree on a name that no one of them gives strongly enough alone.
CHROME_AGREEMENT = 2
CHROME_MIN_CHARS = 4


def _agreed_evidence(cleaned: Cleaned, dropped: list[Dropped], top: int) -> list[tuple[str, str]]:
    """The site's name where its banner, the root of its path and its footer agree on it (极客茶馆 -
    爱好者社区, 极客茶馆 › 版块 › …, Archiver | 手机版 | 极客茶馆), one name holding the other (极客工坊
    in the footer of 极客工坊论坛): each place alone may be a section or a slogan, two of them the site. Its
    form is the one most places give, the longer on a tie."""
    if not any(_FIRST_PERSON.search(k.text) for k in cleaned.body) and \
            any(_PATH_STEP.search(d.text) for d in dropped if d.line < top):
        # an article someone copied into a forum ("转：…"), in no first person at all, is not the forum's
        return []
    places = _chrome_names(cleaned, dropped, top)
    names = {name for place in places for name in place if len(_squash(name)) >= CHROME_MIN_CHARS}
    best: tuple[int, int, str] | None = None
    for name in names:
        key = _squash(name)
        agree = sum(1 for place in places if any(key in _squash(o) or _squash(o) in key for o in place))
        given = sum(1 for place in places if any(_squash(o) == key for o in place))
        if agree >= CHROME_AGREEMENT and (best is None or (given, len(key)) > best[:2]):
            best = (given, len(key), name)
    return [("agreed", best[2])] if best else []


def _menu_brand(text: str, cleaned: Cleaned) -> str | None:
    """The site's name leading the menu on a page's first line (``Kernel Notes · Posts · Talks``), if the
    page names it again: a section's name (AI · Phones · Chips) is not repeated below."""
    if not layout.is_menu(text) and not _link_row(text):
        return None
    first = re.split(r"[|｜·•]", text, maxsplit=1)[0].strip()
    name = _masthead(first)
    if not name or name.casefold() in _HOME_WORDS or len(key := _squash(name)) < 4:
        return None
    lines = [d.text for d in cleaned.dropped if d.text.strip() != text.strip()]
    lines += [k.text for k in cleaned.kept]
    # A bilingual wordmark (數位脈動 DigiPulse) recurs by either of its forms: 《數位脈動》, © DigiPulse.
    keys = {key} | {k for k in map(_squash, _bilingual_parts(name)) if len(k) >= 4 or han_count(k) >= 2}
    return name if any(k in _squash(line) for line in lines for k in keys) else None


def _bilingual_parts(name: str) -> tuple[str, ...]:
    """The Han and the Latin form of a bilingual brand (數位脈動 DigiPulse), or none."""
    m = _BILINGUAL.fullmatch(name)
    return (m.group(1), m.group(2)) if m else ()


# A Han brand and its Latin wordmark, as a logo sets them side by side: 數位脈動 DigiPulse.
_BILINGUAL = re.compile(r"([^\x00-\x7f\s]{2,8}) ([A-Za-z][A-Za-z0-9]{1,20})")


# A row of links set apart by bars or dots, each a few words at most: 數位脈動 DigiPulse ｜ 新聞 ｜ 訂閱.
_ROW_SPLIT = re.compile(r"[|｜·•]")
ROW_MIN_LINKS = 3
LINK_MAX_HAN = 6
LINK_MAX_WORDS = 3


def _link_row(text: str) -> bool:
    """Whether a line is a row of short links (a menu that is_menu's words may not fit: a section's
    name of five Han, a Latin wordmark beside the Han one)."""
    parts = [p.strip() for p in _ROW_SPLIT.split(text) if p.strip()]
    return len(parts) >= ROW_MIN_LINKS and not re.search(r"[,，。!?！？:：]", text) and all(
        han_count(p) <= LINK_MAX_HAN and len(p.split()) <= LINK_MAX_WORDS for p in parts)


# A mailing list's tag before a message's subject, as the list sets it: "[openweights-dev] Tokenizer …",
# "Re: [python-ideas] …"; a list's name is lower case with a hyphen, a dot or an underscore, where a subject's
# own tags ([ANN], [RFC], [经验分享]) are not.
_LIST_TAG = re.compile(r"(?:[Rr][Ee]:\s?)?\[([a-z0-9]{1,20}[-_.][a-z0-9][a-z0-9._-]{0,30})\]\s")
# The same with capitals (Open-models-announce, Lumen-Users): a list's name only where the archive shows the
# tag again (its links to the thread's other messages), as a subject's own tag ([Re-Post]) is not shown.
_LIST_TAG_CAPITALS = re.compile(r"(?:[Rr][Ee]:\s?)?\[([A-Za-z0-9]{1,20}[-_.][A-Za-z0-9][A-Za-z0-9._-]{0,30})"
                                r"\]\s")


def _list_tag_evidence(cleaned: Cleaned) -> list[tuple[str, str]]:
    """The list a message was posted to, by the tag before its subject (the headline)."""
    if cleaned.headline is None:
        return []
    head = unicodedata.normalize("NFKC", cleaned.headline.text)
    if m := _LIST_TAG.match(head):
        return [("label", m.group(1))]
    if (m := _LIST_TAG_CAPITALS.match(head)) and any(f"[{m.group(1)}]" in d.text for d in cleaned.dropped):
        return [("label", m.group(1))]
    return []


# A feed in a reader's list of feeds, with its count of unread articles: "Curbside Dispatch · 31".
_FEED_COUNT = re.compile(r"(.{2,40}?)\s?[·•|]\s?\d[\d,]{0,6}|(.{2,40}?)\s?[(（]\d[\d,]{0,6}[)）]")


def _feed_evidence(dropped: list[Dropped], top: int) -> list[tuple[str, str]]:
    """A feed reader's article: the feed's name right above the headline, as the reader's list of feeds
    names it with its count; the feed is the outlet, not the reader (its name tops the page)."""
    above = [unicodedata.normalize("NFKC", d.text).strip() for d in dropped if d.line < top]
    if len(above) < 2:
        return []
    listed = {(m.group(1) or m.group(2)).strip() for text in above[:-1] if (m := _FEED_COUNT.fullmatch(text))}
    return [("feed", above[-1])] if above[-1] in listed else []


# An aggregator's card for a story it carries: the outlet's name alone, "Story by" its writer under it.
_STORY_BY = re.compile(r"^(?i:story|article|reporting) by [A-Z\u4e00-\u9fff]")


def _carried_evidence(dropped: list[Dropped], first: int) -> list[tuple[str, str]]:
    """An aggregator's card above the article it carries: the outlet that wrote the story alone on its line
    over "Story by" its writer ("Sierra Ledger" / "Story by Owen Baptiste"); the outlet, not the aggregator
    whose name tops the page."""
    found: list[tuple[str, str]] = []
    for n, d in enumerate(dropped):
        if d.line >= first:
            break
        if not _STORY_BY.match(d.text.strip()):
            continue
        # the outlet's line over the writer's, or under it where the card sets the writer first (a dropped
        # line between the writer's and the headline)
        beside = [o for o in dropped[max(0, n - 1): n + 2] if abs(o.line - d.line) == 1 and o.line < first]
        for other in sorted(beside, key=lambda o: o.line):
            text = " ".join(unicodedata.normalize("NFKC", other.text).split())
            if _account_name(text) and (HAN.search(text) or " " in text) and not layout.is_menu(text) and \
                    not _controls(text):
                # (one Latin word there may be the card's section: Technology)
                found.append(("carried", text))
                break
    return found


# A reader app's link out to the article where it first ran, by that site's address: "Open original at
# lanternreview.example", "View the original on www.x.example/2026/… ↗".
_ORIGINAL_AT = re.compile(r"^(?i:(?:open|read|view|see) (?:the )?original(?: article| story| post)?"
                          r" (?:at|on|in)) (?:https?://)?(?P<host>[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,4})"
                          r"(?:/\S*)? ?[↗→»›]?$")


def _original_evidence(cleaned: Cleaned, dropped: list[Dropped]) -> list[tuple[str, str]]:
    """A reader app's link out to the original at its site's address, with the name the page spells that
    address with (Open original at lanternreview.example, "More from The Lantern Review"): that site is the
    outlet, not the app. The name goes on by one word the address leaves out where the page gives it so
    twice (northlinetech.example, "NORTHLINE TECH DAILY · 4 min read", "More from Northline Tech Daily");
    an address the page spells no name for names no one."""
    links = [m.group("host") for d in dropped if (m := _ORIGINAL_AT.match(" ".join(d.text.split())))]
    if not links:
        return []
    texts = [unicodedata.normalize("NFKC", t)
             for t in [d.text for d in dropped] + [k.text for k in cleaned.kept]]
    found: list[tuple[str, str]] = []
    for host in links:
        if not (name := host_spelled_out(host.casefold().removeprefix("www."), texts)):
            continue
        longer = re.compile(rf"(?<![\w-])(?i:{re.escape(name)}) [A-Z][\w'’&-]*")
        named = [m.group() for t in texts if (m := longer.search(t))]
        if len(named) >= 2 and len({_squash(n) for n in named}) == 1:
            name = next((n for n in named if not _shouting(n)), named[0])
        found.append(("reprint", name))
    return found


# How many subscribe to a channel: "214K subscribers", "12.3万订阅者", "訂閱者 3.4萬". (A count of
# followers, 粉丝, is a person's: a writer's column on a platform names no outlet by it, as a writer's follow
# button does not.)
_AUDIENCE = (r"(?:\d[\d.,]{0,8} ?[KkMm万萬千亿億]? ?(?i:subscribers)|\d[\d.,]{0,8} ?[万萬千亿億]? ?"
             r"(?:订阅者|訂閱者|人订阅|人訂閱|位订阅者|位訂閱者)"
             r"|(?:订阅者|訂閱者) ?\d[\d.,]{0,8} ?[万萬千亿億]?)")
# Its buttons beside the count, one or a few: Subscribe, "Join Subscribe", Follow, 关注, + 订阅.
_AUDIENCE_BUTTON = (r"(?: ?[·•|]? ?[+＋]? ?(?:(?i:subscribed|subscribe|following|follow|join|member)"
                    r"|(?:已 ?)?(?:关注|關注|订阅|訂閱|加入|充电|充電)))"
                    r"{0,3}")
# A channel's name and its count of subscribers on one line: "Signal Path 214K subscribers Subscribe".
_NAME_AUDIENCE = re.compile(rf"([^\d·•|]{{2,40}}?) ?[·•|]? ?{_AUDIENCE}{_AUDIENCE_BUTTON}")
_AUDIENCE_ALONE = re.compile(rf"{_AUDIENCE}{_AUDIENCE_BUTTON}")


def _audience_evidence(cleaned: Cleaned, dropped: list[Dropped], first: int) -> list[tuple[str, str]]:
    """The channel that posted the article, named above it with the count of its subscribers ("Signal Path
    214K subscribers Subscribe", or the count on the line under the name): a video site's or a platform's
    page shows who posted, and that channel is the outlet, not the site."""
    found: list[tuple[str, str]] = []
    header = [(d.line, " ".join(unicodedata.normalize("NFKC", d.text).split())) for d in dropped
              if d.line < first]
    present = {k.line for k in cleaned.kept} | {d.line for d in dropped}
    for n, (line, text) in enumerate(header):
        m = _NAME_AUDIENCE.fullmatch(text)
        if not m and not _AUDIENCE_ALONE.fullmatch(text):
            continue
        name = m.group(1).strip() if m else ""
        if name.casefold() in _COUNT_WORDS or (m and _CARD_KIND.fullmatch(name)):
            name = "" if m and _CARD_KIND.fullmatch(name) else name
        if name.casefold() in _COUNT_WORDS:
            continue  # "Over 18,000 subscribers": a pitch, no channel's card
        if not _account_name(name):
            # the count on a line of its own, or after what the channel is ("Weekly newsletter · 18,402
            # subscribers"): the card's name is the nearest name above it, past its tagline and its writer's
            # "By" line, on the card's lines (no line of the page between)
            # (of two such lines, a tagline and the name, the one the page names again elsewhere)
            names, at = [], line
            for back in range(n - 1, max(-1, n - 1 - CARD_REACH), -1):
                above, candidate = header[back]
                if any(k in present for k in range(above + 1, at)):
                    break
                if _account_name(candidate) and candidate.casefold() not in _COUNT_WORDS:
                    names.append(candidate)
                at = above
            name = next((c for c in names if _named_again(cleaned, c)), names[0] if names else "")
        if name:
            found.append(("channel", name))
    return found


def _named_again(cleaned: Cleaned, name: str) -> bool:
    """Whether more than one line of the page holds ``name``."""
    key = _squash(name)
    texts = [k.text for k in cleaned.kept] + [d.text for d in cleaned.dropped]
    return sum(1 for text in texts if key in _squash(text)) > 1


# What a card says its channel is, before its count ("Weekly newsletter · 18,402 subscribers",
# "每周通讯 · 1.8万订阅者"): no name.
_CARD_KIND = re.compile(r"(?i:(?:daily|weekly|monthly) )?(?i:newsletter|podcast|channel|publication)"
                        r"|(?:每日|每周|每週|每月)?(?:通讯|通訊|简报|簡報|周刊|週刊|电子报|電子報|频道|頻道|专栏|專欄)")
# How many lines above its count of subscribers a channel's card may set its name: its tagline, its writer.
CARD_REACH = 3


# A link aggregator's item: the story's title, then the site it links to in brackets ("… study finds
# (latticelab.example)").
_LINKED_SITE = re.compile(r".{8,300}? \((?:www\.)?([a-z0-9][a-z0-9-]{2,40})(?:\.[a-z0-9-]{1,40}){1,3}\)")
# The linked site's header under the headline: its name, then the section ("Lattice Lab Blog · Research").
_HEADER_PARTS = re.compile(r"\s[·|｜•]\s")


def _linked_evidence(cleaned: Cleaned, dropped: list[Dropped], top: int, first: int) -> list[tuple[str, str]]:
    """A link aggregator's page with the story it links to copied under its item: the site the item links to
    ("(latticelab.example)" after its title) and, between the headline and the story, the header that spells
    that site's name ("Lattice Lab Blog · Research"): that site is the outlet, not the aggregator."""
    items = [d.text for d in dropped if d.line < top] + ([cleaned.headline.text] if cleaned.headline else [])
    sites = {m.group(1).replace("-", "") for text in items
             if (m := _LINKED_SITE.fullmatch(" ".join(text.split())))}
    found: list[tuple[str, str]] = []
    for d in dropped:
        if sites and top < d.line < first:
            name = _HEADER_PARTS.split(" ".join(unicodedata.normalize("NFKC", d.text).split()))[0]
            if _account_name(name) and any(_squash(name).startswith(site) for site in sites):
                found.append(("carried", name))
    return found


# A writer's follow button: 关注他, 关注她, + Follow.
_WRITER_FOLLOW = re.compile(r"[+＋]?\s?(?:已\s?)?(?:关注|關注)(?:他|她|TA)?|[+＋]?\s?follow(?:ing)?",
                            re.IGNORECASE)
# How far under the headline a writer's follow button may sit: the writer's name, their line about themselves.
WRITER_REACH = 3


def _column_evidence(cleaned: Cleaned, top: int, first: int) -> list[tuple[str, str]]:
    """A column on a platform where people write: its name alone right above the headline, the writer's name
    and follow button under it ("大模型落地笔记" / headline / "程序员阿恒" / bio / "关注他"). The column is
    the outlet, as a blog's own name is, not the writer nor the platform."""
    if cleaned.headline is None:
        return []
    lines = {d.line: " ".join(unicodedata.normalize("NFKC", d.text).split()) for d in cleaned.dropped}
    if publication := _followed_publication(cleaned, lines, top):
        return [publication]
    name = lines.get(top - 1, "")
    if _column_name(name):
        for line in range(top + 2, min(first, top + 2 + WRITER_REACH)):
            if _WRITER_FOLLOW.fullmatch(lines.get(line, "")) and \
                    all(n in lines for n in range(top + 1, line)) and \
                    not any(_POSTED.match(lines[n]) for n in range(top + 1, line)):
                # (a line of posting between them makes it an account's header, which names the account: the
                # name over the headline is then the app's that shows it)
                # a Latin name there may be a news site's section (Artificial Intelligence) over a writer's
                # follow button: it counts, but the site's own name is no platform's to set aside for it
                return [("account" if HAN.search(name) else "column", name)]
    name = lines.get(top + 1, "")
    return [("account" if HAN.search(name) else "column", name)] if _column_name(name) and \
        _writers_card(lines, top + 2, first) else []


# A publication's own follow button, or the line of its counts that says how many follow it: "Follow
# publication", 追蹤, 訂閱, "专栏 · 312 篇文章 · 4.1 万人关注", "1.2K subscribers".
_PUBLICATION_FOLLOW = re.compile(r"[+＋]?\s?(?:已\s?)?(?:关注|關注|追蹤|追踪|订阅|訂閱)(?:专栏|專欄)?"
                                 r"|[+＋]?\s?(?:follow(?:ing)?|subscribe(?:d)?)"
                                 r"(?: (?:publication|blog|column))?",
                                 re.IGNORECASE)
_FOLLOWER_COUNT = re.compile(r"\d[\d.,]{0,8}\s?(?:[万萬千kKmM]\s?)?(?:人\s?)?"
                             r"(?:关注|關注|追蹤|追踪|订阅|訂閱)"
                             r"|\d[\d.,]{0,8}\s?[kKmM]?\s(?:followers|subscribers)\b")
# The longest line of a publication's counts under its name.
COUNTS_MAX = 60


def _followed_publication(cleaned: Cleaned, lines: dict[int, str], top: int) -> tuple[str, str] | None:
    """A blog's, a column's or a publication's own name over its follow button or its count of followers,
    right above the headline (the platform's name and menu above them): 林子晴的沙龍 / 追蹤 / headline,
    "Gradient Notes" / "Follow publication", 模型工坊 / "专栏 · 312 篇文章 · 4.1 万人关注". The post is the
    publication's, not the platform's that tops the page."""
    present = {k.line for k in cleaned.kept} | set(lines)
    above = [n for n in range(top - 1, max(0, top - 4), -1) if n in present][:2]
    if len(above) < 2 or any(n not in lines for n in above):
        return None
    button, name = lines[above[0]], lines[above[1]]
    follows = _PUBLICATION_FOLLOW.fullmatch(button) or \
        (len(button) <= COUNTS_MAX and _FOLLOWER_COUNT.search(button) is not None)
    if not follows or not _column_name(name):
        return None
    # (a Latin name over a bare "Follow" may be a news site's section, a topic readers follow: it counts as a
    # column's; a button that says it follows a publication, or its count of followers, is a publication's)
    own = HAN.search(name) or not re.fullmatch(r"[+＋]?\s?follow(?:ing)?", button, re.IGNORECASE)
    return ("account" if own else "column", name)


def _column_name(name: str) -> bool:
    """Whether a line reads as a column's name: an account's name, not a control, of ACCOUNT_MIN_HAN Han or
    two words or more (a section's label, 科技 or Technology, is no column)."""
    return _account_name(name) and not _controls(name) and name.casefold() not in _HOME_WORDS and \
        (han_count(name) >= ACCOUNT_MIN_HAN if HAN.search(name) else len(name.split()) >= 2)


def _writers_card(lines: dict[int, str], start: int, first: int) -> bool:
    """Whether the lines from ``start`` on are a writer's card: its picture (a line with no words outside a
    web address) or not, the writer's name as short as a person's, the line about themselves or not, then
    the follow button; at least two lines over the button, no line of the page's between."""
    card: list[str] = []
    for line in range(start, min(first, start + WRITER_REACH + 1)):
        text = lines.get(line)
        if text is None:
            return False
        if _WRITER_FOLLOW.fullmatch(text):
            worded = [t for t in card if re.search(r"[^\W\d_]", URL.sub("", t))]
            return len(card) >= 2 and bool(worded) and _persons_name(worded[0])
        card.append(text)
    return False


# A person's name: two to four Han, or two or three capitalised words.
PERSON_MAX_HAN = 4


def _persons_name(name: str) -> bool:
    if HAN.search(name):
        return 2 <= han_count(name) == len(name) <= PERSON_MAX_HAN
    words = name.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words)


# Words before a count that are no name: "Over 18,000 subscribers", "Join 2,400 followers".
_COUNT_WORDS = frozenset(["over", "about", "nearly", "almost", "around", "more than", "join", "joined by",
                          "超过", "超過", "已有", "共有", "近"])


def hosted(cleaned: Cleaned) -> bool:
    """Whether the page shows who posted the article on the site that hosts it (an account's header, a channel
    and its subscribers, an aggregator's card for the outlet it carries): the site's own name (an HTML page's
    <title> suffix or og:site_name) is then the host's, not the outlet's."""
    return any(kind in _POSTER_KINDS for kind, _ in _source_evidence(cleaned))


# Evidence of who posted an article on a site that hosts it.
_POSTER_KINDS = frozenset(["account", "carried", "channel"])


# A release's boilerplate after its text, headed by its issuer's name: "About Korvax Robotics", 关于芯衡科技.
# (A name of capitalised words, or of four Han or more: "About Us", 关于我们 are the site's pages.)
_ABOUT = re.compile(r"(?:[Aa]bout|ABOUT|關於|关于) ?((?:The )?[A-Z][\w&.'’-]*(?: [A-Z&][\w&.'’-]*){0,5}"
                    r"|(?!我们|我們|本)[\u4e00-\u9fff]{4,16})")


OPENING_PARAGRAPHS = 2


def _about_evidence(cleaned: Cleaned) -> list[tuple[str, str]]:
    """A release's issuer: the name an "About X" heading after the text gives, where the opening paragraphs
    name it too (the release opens with who announces it); of several, the one they name first."""
    if not cleaned.body:
        return []
    first, _ = _body_span(cleaned)
    # (the first two paragraphs: a standfirst set apart may come before the dateline's paragraph)
    opening = unicodedata.normalize("NFKC", " ".join(k.text for k in cleaned.body[:OPENING_PARAGRAPHS]))
    named: list[tuple[int, str]] = []
    after = [d for d in cleaned.dropped if d.line > first] + [k for k in cleaned.body if k.role == "heading"]
    for line in after:
        m = _ABOUT.fullmatch(unicodedata.normalize("NFKC", line.text).strip())
        name = m.group(1) if m else ""
        # (a page of the site's, "About Careers", is no name the release opens with)
        if name and name.casefold() not in _UI_WORDS and \
                (at := re.search(rf"(?<![\w&]){re.escape(name)}(?![\w&])", opening)):
            named.append((at.start(), name))
    return [("issuer", min(named)[1])] if named else []


def _dateline_evidence(cleaned: Cleaned) -> list[tuple[str, str]]:
    """The outlet named by the dateline opening the first paragraph: ``BRUSSELS (Lumen Wire) -``, ``X讯``."""
    if not cleaned.body:
        return []
    found: list[tuple[str, str]] = []
    opening = unicodedata.normalize("NFKC", cleaned.body[0].text)
    if wire := _wire_dateline(opening):
        found.append(("dateline", wire[2]))
    m = _NEWS_AGENCY_PREFIX.match(opening)
    if m and m.group(1) not in _NOT_OUTLETS:
        found.append(("dateline", m.group(1)))
    return found


def _declines_source(cleaned: Cleaned) -> bool:
    """Whether a source field above the article is left blank (``信息来源：   浏览次数：917``)."""
    first, _ = _body_span(cleaned)
    return any(d.line < first and _EMPTY_LABEL.search(unicodedata.normalize("NFKC", d.text))
               for d in cleaned.dropped)


# Everything but letters, digits and Han (\w is str.isalnum() and the underscore): one substitution per
# line, not a generator over its characters, as this runs on every line of the page.
_NOT_ALNUM = re.compile(r"[\W_]+")


def _squash(text: str) -> str:
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())


# A rights or licence phrase where a holder's name would stand: "© Crown copyright", "Creative Commons".
_RIGHTS_PHRASE = re.compile(r"\b(?:copyright|all rights reserved|creative commons|licen[cs]ed?"
                            r"|public domain)\b|版权所有|版權所有", re.IGNORECASE)
_BRACKETS = ("【】", "[]", "()", "（）", "「」", "『』", "《》", "〔〕", "〖〗")
# The paper's word for itself ("this paper", "this site"), a name only in its own context.
_SELF_WORDS = re.compile(r"本[報报網网站]")


# A reporter's byline, which names a person, never an outlet: 記者 林子謙／台北報導, 林子謙/台北報導,
# 中央社記者林子謙, "Jo Roe, staff reporter". (An outlet's own name before 記者 or 綜合報導 is taken
# apart from it by _OUTLET_REPORTER and _OUTLET_BYLINE; what is left with the reporter's word is the byline.)
_REPORTER_BYLINE = re.compile(r"^(?:記者|记者)|(?:記者|记者)\s?[\u4e00-\u9fff]{2,4}$"
                              r"|[／/]\s?[\u4e00-\u9fff]{0,6}(?:報導|报道|報道|電|电|訊|讯|攝|摄)$"
                              r"|\b(?:staff|senior|chief|special) (?:reporter|correspondent|writer)$")


def _may_be_name(stated: str) -> bool:
    """Whether a piece of text that evidence gives may be an outlet's name: not a rights phrase, not a
    reporter's byline or a writer's credit (编辑：许宁), not a piece of a bracketed line (an opening bracket
    without its close), not 本報 in brackets."""
    if _RIGHTS_PHRASE.search(stated) or _REPORTER_BYLINE.search(stated.strip()) or \
            _WRITER_LABEL.match(stated) or stated.rstrip().endswith((":", "：", "/", "／")):
        return False
    bracketed = False
    for pair in _BRACKETS:
        opened, closed = stated.count(pair[0]), stated.count(pair[1])
        if opened != closed:
            return False
        bracketed = bracketed or opened > 0
    return not (bracketed and _SELF_WORDS.search(stated))


def labelled_sources(cleaned: Cleaned, kinds: tuple[str, ...] = ("label", "reprint")) -> list[str]:
    """The names the page states in a source line of its own (来源：X, "Source: X", "News provided by X");
    ``kinds`` of evidence: a label, a reprint's credit."""
    return [name for kind, name in _source_evidence(cleaned) if kind in kinds and _may_be_name(name)]


def extract_source(cleaned: Cleaned, addresses: tuple[str, ...] = (),
                   logo: str | None = None) -> tuple[str | None, str | None]:
    """The outlet's name and the original URL, when the page states them.

    Every line that names an outlet is evidence (a 来源 label, a dateline, a byline, a copyright line, a
    share card's "Headline - Outlet", the masthead); names are compared case- and width-insensitively,
    and a name the page repeats elsewhere gains. The best name with enough evidence wins; None otherwise.
    ``addresses`` are the page's web addresses its text does not show (a Markdown link's target, a front
    matter's ``url``): their hosts count like an address written out; ``logo``, the name a logo image at the
    top shows, counts as a masthead.
    """
    url: str | None = None
    for d in cleaned.dropped:
        text = unicodedata.normalize("NFKC", d.text).replace("\xa0", " ")
        if url is None and re.search(r"原文链接|原文連結|原文地址|source|来源|來源|url", text, re.IGNORECASE):
            m = URL.search(text)
            url = m.group().rstrip(".") if m else None
    scores: dict[str, float] = {}
    strongest: dict[str, float] = {}
    display: dict[str, int] = {}
    forms: dict[str, list[str]] = {}
    kinds: dict[str, set[str]] = {}
    top = cleaned.headline.line if cleaned.headline else 0
    first, _ = _body_span(cleaned)
    # (a picture's credit there, "Photograph: Daniel Park for The Harbour Chronicle", is no author's line)
    authors = {_squash(d.text) for d in cleaned.dropped if top < d.line < first and d.kind != "caption"}
    evidence = _source_evidence(cleaned, addresses)
    if logo and (brand := _masthead(logo)) and brand.casefold() not in _HOME_WORDS:
        # a logo linked to the home page, above everything: the site's name where its first line puts it, the
        # way the site sets it (a blog's "© 2026 Maya Lindqvist" names who holds the rights, not the blog)
        evidence += [("logo", brand), ("first-line", brand)]
    texts = [unicodedata.normalize("NFKC", text) for text in
             [d.text for d in cleaned.dropped] + [k.text for k in cleaned.kept]]
    if any(_ACRONYM.fullmatch(stated) for _, stated in evidence):
        names = [stated for _, stated in evidence]
        evidence = [(kind, _spelled_out(stated, names, texts) or stated) for kind, stated in evidence]
    # "© Crown copyright", "【本報記者 …】": a rights phrase, a bracket's piece; the next evidence decides
    evidence = [(kind, stated) for kind, stated in evidence if _may_be_name(stated)]
    evidence = _in_full(_without_host(evidence))
    for kind, stated in evidence:
        name = _DOMAIN.sub("", stated) or stated
        name = _EDITION.sub("", name).strip() or name
        key = _squash(name)
        if len(key) < 2 or (kind == "copyright" and not HAN.search(name) and any(key in a for a in authors)):
            continue  # a blog's "© 2024 Ines Carver" names its author, who signs the byline too
        scores[key] = scores.get(key, 0.0) + SOURCE_WEIGHTS[kind]
        strongest[key] = max(strongest.get(key, 0.0), SOURCE_WEIGHTS[kind])
        display[key] = max(display.get(key, 0), SOURCE_DISPLAY[kind])
        forms.setdefault(key, []).append(name.strip())
        kinds.setdefault(key, set()).add(kind)
    if not scores or (_declines_source(cleaned) and max(strongest.values()) < SOURCE_WEIGHTS["byline"]):
        return None, url  # a blank source field outweighs a masthead or a copyright line
    page = [_squash(d.text) for d in cleaned.dropped] + [_squash(k.text) for k in cleaned.kept]
    for key in scores:
        repeats = sum(1 for line in page if key in line) - 1 + _called_by_head(forms[key][0], key, texts)
        scores[key] += min(SOURCE_REPEAT_MAX, SOURCE_REPEAT_BONUS * max(0, repeats))
    # Names inside one another are one outlet: a brand and its legal name (明港電視, © 明港電視廣播有限公司),
    # a masthead and its owner (The Northgate Courier and © Northgate Media Group). Each counts for the
    # other, and the outlet goes by the form its strongest evidence gives (a label, a masthead before a
    # copyright line), the shorter one on a tie.
    totals = dict(scores)
    for key, value in scores.items():
        for other in scores:
            if other != key and (key in other or other in key):
                totals[other] += value
    # A department's label (来源：教务处) yields to any name the page gives itself with enough evidence (its
    # masthead, its site's name, its copyright line): the department wrote the story, the page is the site's.
    own = [k for k in totals if kinds[k] != {"unit"} and totals[k] >= SOURCE_MIN_SCORE]
    best = _stated_over_host(max(own or totals, key=lambda k: (totals[k], strongest[k], -len(k))),
                             totals, kinds)
    group = [k for k in totals if k == best or k in best or best in k]
    best = _signed_in_full(_shown_key(group, display, forms), group, forms, kinds)
    # "市数据局" on a page that also says "滨江市数据局": an office named by its level alone (市, 县, 区) is
    # the one of the page's own place, which the longer form names
    best = next((k for k in group if _LEVEL_ONLY.match(best) and k != best and k.endswith(best)), best)
    best = _site_over_office(_without_channel(best, group, cleaned), totals, kinds)
    best = _signing_office(best, totals, kinds)
    if totals[best] < SOURCE_MIN_SCORE or set().union(*(kinds[k] for k in group)) == {"byline-part"}:
        return None, url  # a byline's segment alone may be a place or a desk (By Jo Roe · San Francisco)
    shown = [f for f in forms[best] if not _shouting(f)] or [_as_written(forms[best][0], cleaned)]
    name = _with_school(_with_institution(_named_in_full(shown[0], group, forms), forms, kinds), forms, kinds)
    return without_han_spaces(own_script(_docs_owner(name, texts, addresses))), url


def _docs_owner(name: str, texts: list[str], addresses: tuple[str, ...]) -> str:
    """The company whose documentation site it is (Tessellate Docs at docs.tessellate.example): the name
    without what the site holds, where the rest is the name of the page's own web address."""
    words = name.split()
    if len(words) < 2 or not _DOCS_WORDS.fullmatch(_squash(words[-1])):
        return name
    owner = " ".join(words[:-1])
    return owner if _squash(owner) in _page_hosts(texts, addresses) else name


def _named_in_full(name: str, group: list[str], forms: dict[str, list[str]]) -> str:
    """A Han body's name as the page also writes it in full, with whose body it is before it (教务处 of a
    label, 江淮理工大学教务处 in the copyright line; 网络与信息中心 and the notice's signature
    东海理工大学网络与信息中心): the same body, named so that a reader can tell which. One such form only."""
    short = name.replace(" ", "")
    if not short or han_count(short) != len(short):
        return name
    written = {f.replace(" ", "") for key in group for f in forms[key]}
    longer = {f for f in written if f.endswith(short) and len(f) - len(short) >= 2 and han_count(f) == len(f)}
    return longer.pop() if len(longer) == 1 else name


# What only names the site that shows the page: its masthead, first line, logo, its name over its slogan,
# its copyright line, web address, the body that runs it. However many of them agree, they say whose page it
# is, not whose article.
_HOST_ONLY_KINDS = frozenset(["masthead", "late-masthead", "first-line", "logo", "copyright", "address",
                              "sponsor", "agreed", "tagline"])
# A line of its own that says where the article comes from (来源：X, "Read the full story at X").
_STATED_KINDS = frozenset(["label", "reprint"])


def _stated_over_host(best: str, totals: dict[str, float], kinds: dict[str, set[str]]) -> str:
    """The outlet a line of the page states the article comes from (来源：海滨日报, "From Botwatch", "Read the
    original at X") over a name that only the site's own furniture gives (its masthead, copyright line and
    address, however often it repeats them): a portal, a reader app or an aggregator carries the story, the
    stated outlet published it. A department's label (来源：教务处) says who wrote it and does not count."""
    if not kinds[best] <= _HOST_ONLY_KINDS:
        return best
    stated = [k for k in totals if kinds[k] & _STATED_KINDS and k not in best and best not in k
              and totals[k] >= SOURCE_MIN_SCORE]
    return max(stated, key=lambda k: (totals[k], -len(k))) if stated else best


def _shown_key(group: list[str], display: dict[str, int], forms: dict[str, list[str]]) -> str:
    """Which name of one outlet's group is shown: the form its strongest kind of evidence gives, the shorter
    on a tie; a sentence's article before it ("published by the Home Office") is not the name's."""
    best = max(group, key=lambda k: (display[k], -len(k)))
    if best.startswith("the") and best[3:] in group and all(f.startswith("the ") for f in forms[best]):
        return best[3:]
    return best


# Evidence that signs with an outlet's short name: a wire's dateline ("WASHINGTON, June 11 (Meridian) -"),
# an "About X" heading, a credit in brackets, a byline's segment.
_SHORT_SIGNS = frozenset(["dateline", "issuer", "credit", "byline-part"])
# What names the site itself in full: its masthead, first line, logo, copyright line.
_SELF_NAMING = frozenset(["masthead", "late-masthead", "first-line", "logo", "copyright"])


def _signed_in_full(best: str, group: list[str], forms: dict[str, list[str]],
                    kinds: dict[str, set[str]]) -> str:
    """The name the site gives itself (Meridian Wire on its masthead and in its copyright line) over the short
    form its dateline or an "About" link signs with (Meridian), when that name extends the short one by whole
    words (港灣財經網 of a 港灣訊 lead: by Han that completes the name, no channel's word)."""
    if not kinds[best] <= _SHORT_SIGNS:
        return best
    short = forms[best][0].strip()
    longer = {key for key in group if key != best and kinds[key] & _SELF_NAMING and any(
        form.startswith(short) and (form[len(short):].startswith(" ") if not HAN.search(short)
                                    else completes_name(form[len(short):]))
        for form in forms[key])}
    return longer.pop() if len(longer) == 1 else best


# An institution's office or department after its name: 江城大学党委宣传部, 东湖理工大学研究生院.
_INSTITUTION_OFFICE = re.compile(r"([\u4e00-\u9fff]{2,12}?(?:大学|大學|学院|學院))([\u4e00-\u9fff]{2,10})")
# What the site calls itself at its top.
_TOP_KINDS = frozenset(["masthead", "first-line", "logo"])


def _site_over_office(best: str, totals: dict[str, float], kinds: dict[str, set[str]]) -> str:
    """The site's own name at its top (江城大学新闻网) over the office of the same institution that holds its
    rights in the footer only (© 江城大学党委宣传部): the office runs the site, the site is the outlet."""
    m = _INSTITUTION_OFFICE.fullmatch(best)
    if not m or not kinds[best] <= {"copyright", "sponsor"}:
        return best
    tops = [k for k in totals if k != best and kinds[k] & _TOP_KINDS and k.startswith(m.group(1))]
    return max(tops, key=lambda k: totals[k]) if len(tops) == 1 else best


def _signing_office(best: str, totals: dict[str, float], kinds: dict[str, set[str]]) -> str:
    """The office that signs a notice under its text, named with its institution (星海大学教务处 over its
    date), over the institution's own name or its news site's (星海大学, 东岭大学新闻网): it issues the
    notice; the site only carries it."""
    offices = {k for k in totals if "signature" in kinds[k] and (m := _INSTITUTION_OFFICE.fullmatch(k))
               and k != best and best.startswith(m.group(1))}
    return offices.pop() if len(offices) == 1 else best


# A university's name alone (东川大学, 東海大學), and a school's or an office's name without one
# (人工智能学院, 資訊工程學系, 研究生院, 教务处).
_UNIVERSITY = re.compile(r"[\u4e00-\u9fff]{2,12}(?:大学|大學)")
_SCHOOL = re.compile(r"[\u4e00-\u9fff]{1,10}(?:学院|學院|学系|學系|系|研究院|院|处|處|中心|办公室|辦公室)")


def _with_school(name: str, forms: dict[str, list[str]], kinds: dict[str, set[str]]) -> str:
    """A university's name on a site whose top names one of its schools (人工智能学院 over © 东川大学): the
    school's site, the school named with its university (东川大学人工智能学院)."""
    if not _UNIVERSITY.fullmatch(name):
        return name
    schools = {form for key, names in forms.items() if kinds[key] & _TOP_KINDS for form in names
               if _SCHOOL.fullmatch(form) and not _UNIVERSITY.search(form) and not _LEVEL_ONLY.match(form)}
    return f"{name}{schools.pop()}" if len(schools) == 1 else name


# A space between two Han characters, as a masthead sets an institution apart from its office (东湖理工大学
# 研究生院): a Han name is written without it.
_HAN_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])")


def without_han_spaces(name: str | None) -> str | None:
    """An outlet's name as it is written: no space between Han characters (东湖理工大学研究生院)."""
    return _HAN_SPACE.sub("", name) if name and " " in name else name


# What names the page's own body in full: its masthead, logo, copyright line, the signature under a notice,
# the name after the headline in a share card.
_FULL_NAME_KINDS = frozenset(["masthead", "late-masthead", "first-line", "copyright", "logo", "signature",
                              "title", "sponsor"])
# How near the end of the full name its short form's last character is: the kind of body (办 of 办公室,
# 委 of 委员会, 厅, 局), which a short form keeps.
ABBREVIATION_END = 3


def abbreviates(short: str, full: str) -> bool:
    """Whether Han ``short`` is the usual short form of ``full``: some of its characters in order, not a run
    of them, the kind of body at its end kept (市网信办 of 临江市互联网信息办公室, 发改委 of 发展和改革委员会;
    中科院 is not 中国科学院自动化研究所, whose kind is 研究所)."""
    if len(short) < 3 or len(full) <= len(short) or short in full or \
            han_count(short) != len(short) or han_count(full) != len(full):
        return False
    end = full.rfind(short[-1])
    if end < len(full) - ABBREVIATION_END:
        return False
    chars = iter(full[:end])
    return all(ch in chars for ch in short[:-1])


def _in_full(evidence: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The evidence with a body's short name (来源：市网信办) written as the full name the page gives itself
    (its masthead 临江市互联网信息办公室), when exactly one such full name fits it."""
    full: dict[str, str] = {}
    for kind, stated in evidence:
        if kind in _FULL_NAME_KINDS and HAN.search(stated):
            full.setdefault(_squash(stated), stated)
    if not full:
        return evidence
    out = []
    for kind, stated in evidence:
        key = _squash(stated)
        longer = [name for other, name in full.items() if abbreviates(key, other)]
        out.append((kind, longer[0] if len(longer) == 1 else stated))
    return out


# An office of an institution named without it (研究生院, 教务处, 信息中心); a university's or a college's
# name as the site holds it (江城大学 in its copyright line).
_OFFICE = re.compile(r"[\u4e00-\u9fff]{1,6}(?:院|处|處|办公室|辦公室|中心)")
_INSTITUTION = re.compile(r"[\u4e00-\u9fff]{2,12}(?:大学|大學|学院|學院)")
# What names the site itself: its masthead, its first line, its logo, its copyright line.
_SITE_KINDS = frozenset(["copyright", "masthead", "first-line", "logo", "sponsor"])


def _with_institution(name: str, forms: dict[str, list[str]], kinds: dict[str, set[str]]) -> str:
    """An office's bare name (发布单位：研究生院) on a site that the institution holds (© 江城大学): the
    institution's office, named with the institution (江城大学研究生院); the name unchanged otherwise."""
    if not _OFFICE.fullmatch(name) or _INSTITUTION.match(name):
        return name
    held = {form for key, names in forms.items() if kinds[key] & _SITE_KINDS
            for form in names if _INSTITUTION.fullmatch(form)}
    return f"{held.pop()}{name}" if len(held) == 1 else name


# A government office named by its level alone, without its place: 市数据局, 县教育局, 区政府.
_LEVEL_ONLY = re.compile(r"[市县縣区區省镇鎮州]")


# What a site says of itself: on a platform's page that an account posted, the platform's (or its app's) name;
# its web address too, which the account's page shares with every other account's.
_HOST_KINDS = frozenset(["masthead", "late-masthead", "first-line", "copyright", "logo", "agreed", "address"])


def _without_host(evidence: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The evidence without the hosting platform's own name where an account's header names who posted the
    article: the account is the outlet, not the platform or the app that shows it."""
    accounts = {_squash(stated) for kind, stated in evidence if kind in _POSTER_KINDS}
    if not accounts:
        return evidence
    return [(kind, stated) for kind, stated in evidence
            if kind not in _HOST_KINDS or _squash(stated) in accounts]


# An agency's or an outlet's initials, as a dateline signs with them: "WASHINGTON (AW) —".
_ACRONYM = re.compile(r"[A-Z]{2,5}")
# A run of capitalised words, small words between them allowed: "Associated Wire", "Bank of the North".
# (Starting only at a word's start, each word matched whole: linear on a line of one long word.)
_CAPITALISED_RUN = re.compile(r"(?<![\w'’&-])[A-Z][\w'’&-]*+"
                              r"(?: (?:(?:of|for|and|the|on|&) ){0,2}[A-Z][\w'’&-]*+){1,6}")


def _initial_letters(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.casefold() not in _NAME_SMALL_WORDS).casefold()


def spells_out(name: str, initials: str) -> bool:
    """Whether ``name`` is what ``initials`` stand for: "Fab & Foundry Review" for FFR."""
    words = name.split()
    return bool(_ACRONYM.fullmatch(initials)) and len(words) >= 2 and \
        _initial_letters(words) == initials.casefold()


def _spelled_out(name: str, names: list[str], texts: list[str]) -> str | None:
    """The full name that initials stand for, spelled out on the page: "AW" in a dateline and "Copyright
    Associated Wire" in the footer or "by ERIN MATSUDA Associated Wire" in the byline. Names that other
    evidence states come first, then any run of capitalised words on the page; None when nothing matches."""
    if not _ACRONYM.fullmatch(name):
        return None
    key = name.casefold()
    for other in names:
        words = other.split()
        if len(words) >= 2 and other != name and _initial_letters(words) == key and \
                all(w[0].isupper() for w in words if w.casefold() not in _NAME_SMALL_WORDS):
            return other
    size = len(key)
    for text in texts:
        for run in _CAPITALISED_RUN.findall(text):
            words = run.split()
            capital = [n for n, w in enumerate(words) if w.casefold() not in _NAME_SMALL_WORDS]
            for a in range(len(capital) - size + 1):
                part = words[capital[a]: capital[a + size - 1] + 1]
                if _initial_letters(part) == key and not _shouting(" ".join(part)):
                    return " ".join(part)
    return None


# Words a name may open with that its web address leaves out: The Valley Sentinel at valleysentinel.example.
_ARTICLES = frozenset(["the", "a", "an"])


def host_spelled_out(host: str, texts: list[str]) -> str | None:
    """The name a web address stands for, spelled out on the page: "The Valley Sentinel" for
    valleysentinel.example (the letters of the host's first label are the name's, without spaces or
    articles, in any case); the longest such run of capitalised words, None when the page spells none."""
    if not host or " " in host or "." not in host:
        return None  # a name, not an address
    label = host.casefold().removeprefix("www.").split(".")[0]
    found: str | None = None
    for text in texts:
        for run in _CAPITALISED_RUN.findall(unicodedata.normalize("NFKC", text)):
            words = run.split()
            for a in range(len(words)):
                for b in range(a + 1, len(words) + 1):
                    part = words[a:b]
                    letters = _squash("".join(w for w in part if w.casefold() not in _ARTICLES))
                    if letters == label and (found is None or len(part) > len(found.split())):
                        found = " ".join(part)
    return found


# "the Chronicle" for The London Chronicle: how an outlet names itself in its own text, by its last word.
HEAD_MIN_CHARS = 4


def _called_by_head(name: str, key: str, texts: list[str]) -> int:
    """How many lines call a name of two words or more by its last word after "the" ("Support the
    Chronicle", "told the Chronicle"), besides the lines that write the whole name."""
    words = name.split()
    if len(words) < 2 or HAN.search(name):
        return 0
    head = words[-1]
    if len(head) < HEAD_MIN_CHARS or not head[0].isupper() or head.casefold() in _COMPANY_WORDS:
        return 0
    phrase = re.compile(rf"\b[Tt]he {re.escape(head)}\b(?! [A-Z])")
    return sum(1 for text in texts if phrase.search(text) and key not in _squash(text))


def _as_written(name: str, cleaned: Cleaned) -> str:
    """A name set in capitals as the page writes it in its text (NATIONAL OFFICE FOR DIGITAL STANDARDS is
    "the National Office for Digital Standards"), else in title case."""
    phrase = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE)
    for text in [k.text for k in cleaned.kept] + [d.text for d in cleaned.dropped]:
        if (m := phrase.search(" ".join(text.split()))) and not _shouting(m.group()):
            return m.group()
    return name.title()


# The parts of a breadcrumb: 星河网 > 科技 > 人工智能 > 正文.
_CRUMB_SPLIT = re.compile(r"[>›»/|｜]")


# A channel's or an edition's name after an outlet's: 华夏在线科技 (its tech channel), X科技频道 or X体育栏目
# (a channel named with its topic), 东海日报数字报 (its e-paper), X客户端, X App, and any edition by its word
# ending in 版 ("edition": 網上版, 手机版, 国际版; not 出版, publishing) or in English (X Online, X
# International Edition, X e-Paper). Compared squashed (case-folded, no spaces).
_CHANNEL_WORDS = re.compile(r"(?:科技|财经|財經|[\u4e00-\u9fff]{0,4}(?:频道|頻道|栏目|欄目)"
                            r"|数字报|數字報|电子报|電子報"
                            r"|[\u4e00-\u9fff]{1,2}(?<!出)版|客户端|客戶端|app|online|[a-z]{0,13}edition|epaper)$")
# A company's documentation or help site, named as the company plus what it holds (Tessellate Docs beside
# © Tessellate): the site hosts the company's own pages, and the company is their outlet.
_DOCS_WORDS = re.compile(r"(?:docs|documentation|developers?|developerdocs|helpcenter|helpcentre|help"
                         r"|support|knowledgebase|文档|文档中心|帮助中心|說明中心|幫助中心|开发者中心"
                         r"|開發者中心|开发者文档|開發者文件)$")
# An edition's name never is the outlet's, even with no shorter form on the page: 东海日报数字报 is 东海日报.
_EDITION = layout.EDITION


def _without_channel(best: str, group: list[str], cleaned: Cleaned) -> str:
    """The outlet, not its channel: a name that is another name of the page plus a channel's word
    (来源：华夏在线科技 beside © 华夏在线), a docs site's (Tessellate Docs beside © Tessellate, Inc.) or the
    section its breadcrumb puts right under that name (来源：星河网科技 under 星河网 > 科技 > …) is the
    section's label; the outlet is the shorter name."""
    shorter = [k for k in group if k != best and best.startswith(k)]
    for short in sorted(shorter, key=len, reverse=True):
        channel = best[len(short):]
        if len(short) >= 2 and (_CHANNEL_WORDS.fullmatch(channel) or _DOCS_WORDS.fullmatch(channel)):
            return short
        for d in cleaned.dropped:
            if d.kind != "navigation":
                continue
            parts = [_squash(p) for p in _CRUMB_SPLIT.split(d.text) if p.strip()]
            if any(a == short and b == channel for a, b in itertools.pairwise(parts)):
                return short
    return best


def completes_name(added: str) -> bool:
    """Whether Han written after a shorter form of a name is part of the name, not a channel's or an
    edition's label: 寶島即時新聞網 is the name 寶島即時 shortens (its kind of outlet: 新聞網, 日报,
    时报), where 华夏在线科技 and 东海日报数字报 are the outlet's channel and e-paper."""
    added = added.strip()
    return bool(added) and han_count(added) == len(added) and not _CHANNEL_WORDS.fullmatch(
        _squash(added)) and not _EDITION.search("中文" + added)


def own_script(name: str) -> str:
    """A bilingual brand in the Han form it leads with: ``數位浪潮 DigiWave`` is 數位浪潮."""
    m = re.fullmatch(r"([^\x00-\x7f]{2,12})\s+[A-Za-z][A-Za-z0-9 .&'-]{0,40}", name)
    return m.group(1) if m and han_count(m.group(1)) >= 2 else name


def _shouting(name: str) -> bool:
    """A masthead set in capitals (CIRCUIT ALLEY), not an acronym (CNA) or a name with Han (AI前线)."""
    return name.isupper() and not HAN.search(name) and len(name) > 5


AGENCY_CREDIT = re.compile(r"^\(\s*([^\s()]{2,12}?)(?=記者|记者|\s|\))[^()]*\)$")


DATE_STRIP = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}:\d{2}(?::\d{2})?")


def derive_title(cleaned: Cleaned, score: Callable[[str], int] | None = None) -> str:
    """A title for a page without a headline: the most telling clause of the opening paragraphs.

    ``score`` rates a clause (the tagger counts the taxonomy names in it); a quotation adds one. Failing
    that, the first sub-heading that is not generic, else the start of the first sentence.
    """
    rules = load_rules()
    paragraphs = [k.text for k in cleaned.body if k.role == "text"][:3]
    candidates: list[tuple[int, int, int, str]] = []
    order = 0
    for para in paragraphs:
        for sentence in re.split(r"(?<=[。！？!?])\s*|(?<=\.)\s+", para):
            clauses = [c.strip() for c in re.split(r"[,，;；:：]\s*", sentence) if c.strip()]
            spans = list(clauses)
            for first, second in itertools.pairwise(clauses):
                spans.append(f"{first}，{second}" if han_count(first) else f"{first}, {second}")
            for span in spans:
                text = _CONNECTIVES.sub("", span).strip(" 。.!！?？")
                han = han_count(text)
                words = len(re.findall(r"[A-Za-z0-9]+", text))
                fits = (TITLE_MIN_HAN <= han + words <= TITLE_MAX_HAN) if han else (
                    TITLE_MIN_WORDS <= words <= TITLE_MAX_WORDS)
                if not fits:
                    continue
                value = (score(text) if score else 0) + (1 if re.search(r"[“”\"「」]", text) else 0)
                if any(ADVERBIAL.search(part.strip(" 。.")) for part in re.split(r"，|, ", text)):
                    value -= 3  # "在……活动中" sets the scene; it says nothing on its own
                candidates.append((-value, len(text), order, text))
                order += 1
    if candidates and candidates[0] is not None:
        best = min(candidates)
        if best[0] < 0:
            return best[3]
    for k in cleaned.body:
        if k.role == "heading" and is_heading(k.text, rules.thresholds) and \
                k.text.strip() not in rules.generic_headings:
            return k.text
    first = paragraphs[0] if paragraphs else (cleaned.body[0].text if cleaned.body else "")
    sentence = re.split(r"[。！？!?]|\.\s", first)[0]
    return sentence[:TITLE_MAX_HAN] if han_count(sentence) else " ".join(sentence.split()[:TITLE_MAX_WORDS])


def extract_metadata(cleaned: Cleaned, text: str, score: Callable[[str], int] | None = None,
                     *, title: str | None = None, addresses: tuple[str, ...] = (),
                     logo: str | None = None) -> Metadata:
    """All metadata of a cleaned seed; ``title`` (e.g. from HTML) wins over the headline line; ``logo`` is
    the name a page's logo image shows (its alt text), which the page's text does not hold."""
    headline = cleaned.headline
    language = detect_language(text)
    derived = False
    if title is None:
        if headline is not None:
            title = layout.subject_of(headline.text) or headline.text  # a message's subject, not its label
        else:
            title = derive_title(cleaned, score)
            derived = True
    name, url = extract_source(cleaned, addresses, logo)
    return Metadata(language=language, title=" ".join(title.split()), title_derived=derived,
                    date=extract_date(cleaned), source=name, url=url)
