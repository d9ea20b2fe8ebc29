"""The page model: a copied page is chrome -> headline -> header -> body -> tail, found from line shapes.

A reader copies the whole page: the site's masthead, menus and app prompts (chrome), then the headline,
then a header of standfirst, byline, date and share buttons, then the article, then the tail (tags,
share bars, related stories, comments, footer). None of that is recognised by its words here:

- the body is the densest run of prose on the page: each line scores by how much it reads like running
  text (length, sentence punctuation, in words for Latin script and characters for Han), a line that
  does not costs a little, and the run with the highest total wins (prose in a footer or a comment is too
  far from the article, across too many short lines, to join it);
- the headline is the headline-shaped line before the body that best sits where a headline sits: after
  chrome, directly before the byline or date, the first of a headline and its standfirst; never a line
  shaped like a menu, a market ticker, a masthead in capitals, a date line or a prompt to open an app;
- lines between the headline and the body are the header; lines after the body are the tail;
- inside the body a line is dropped only when its own shape says so (a caption or photo credit, a
  promotion behind a label, a placeholder, an engagement prompt, a key-points box), each with its reason.

Every regex here reads a line cut to ``MAX_LINE_CHARS`` first and has no nested quantifiers, so a hostile
line costs linear time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from build_tools.ingest.clean import han_count, word_count

# Regexes only ever see this much of a line: shapes are decided by a line's start and end.
MAX_LINE_CHARS = 400
# Lines whose shape is remembered: the passes ask about the same line several times.
LINE_CACHE = 4096

# ---------------------------------------------------------------- line shapes

_FINAL = re.compile(r"(?:[。！？!?…]|\.|[.。!?！？…][\"'”’」』)）]{1,2})\s*$")
# A quotation with its attribution after a dash: > "A benchmark you can google …" — a reader
_ATTRIBUTED = re.compile(r"[.。!?！？…]?[\"”」』]\s?[—–-]{1,2}\s?[^\"“”.。!?！？]{1,40}$")
SENTENCE_END = re.compile(r"[。！？!?…]|\.(?:\s|$)|[.。!?！？][\"'”’」』)）]")
CLAUSE = re.compile(r"[,，;；、:：]")
_LATIN_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.&-]*")
# Words that a headline or a sentence in English has and a menu does not.
_FUNCTION_WORDS = frozenset([
    "a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "but", "as", "at", "by", "with", "from",
    "is", "are", "was", "were", "be", "has", "have", "had", "its", "it", "this", "that", "these", "those",
    "will", "can", "could", "may", "might", "not", "no", "than", "into", "over", "after", "before", "about",
    "how", "why", "what", "when", "who", "which", "while", "your", "you", "our", "we", "they", "he", "she",
    "his", "her", "their"])
_TICKER_CHARS = re.compile(r"[\d.,%+\-−▲▼△▽↑↓]")
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
# A year and a month stand alone: inside a longer run of digits they are a telephone number (0000-12345678).
_DATE_HINT = re.compile(
    r"(?<!\d)\d{4}\s*[-/.年]\s*\d{1,2}(?!\d)|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}:\d{2}"
    rf"|\b{_MONTHS}\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTHS}\b|民國\s*\d{{2,3}}\s*年", re.IGNORECASE)
_DAY_HINT = re.compile(
    r"(?<!\d)\d{4}\s*[-/.年]\s*\d{1,2}(?!\d)|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}/\d{1,2}/\d{4}"
    rf"|\b{_MONTHS}\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTHS}\b|民國\s*\d{{2,3}}\s*年", re.IGNORECASE)
_APP_PROMPT = re.compile(
    r"(?:打开|打開|下载|下載|开启|開啟|在|用)\s*\S{0,8}?\s*app"
    r"|\bapp\s*(?:中|内|內)?\s*(?:打开|打開|开启|開啟)"
    r"|\b(?:open|download|get) (?:in |the )?\S{0,20} ?app\b|\bget the app\b"
    r"|^(?:打开|打開)\S{1,10}\s?[,，]?\s?(?:查看|阅读|閱讀|观看|觀看)", re.IGNORECASE)
# A prompt opens with its call ("打开App阅读全文", "Open in the app", "点击下载APP"): the call starts within
# this many characters of the line's start; a headline may mention an app further on (乘客可在App内一键呼叫…).
APP_PROMPT_MAX_LEAD = 10


def _app_prompt(s: str) -> bool:
    m = _APP_PROMPT.search(s)
    return m is not None and m.start() <= APP_PROMPT_MAX_LEAD


# "Headline - Outlet" / "Headline | Outlet": the form of a page's <title>, and of a share card.
_TITLE_SEPARATORS = (" - ", " | ", " – ", " — ", " _ ", " ｜ ")
# Bylines: "By Dana Whitcomb, a senior reviewer ...", "潮點新聞／綜合報導", "記者吳承恩／編譯".
_BYLINE_EN = re.compile(r"^[Bb][Yy]\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:,|$|and\b|&|\||·|•)")
_BYLINE_ZH = re.compile(r"^\S{0,16}[/／]\s*\S{0,10}(?:報導|报道|報道|编译|編譯|撰文|整理|采访|採訪)$")
# (with the paper's correspondent or intern after the reporters: 记者 龚雅婷 通讯员 许朗)
_REPORTER_ZH = re.compile(
    r"^\S{0,12}(?:記者|记者)(?:\s*[^\s、,，]{2,4}(?:\s*[、,，]\s*[^\s、,，]{2,4}){0,4})?"
    r"(?:\s+(?:通讯员|通訊員|实习生|實習生)\s*[^\s、,，]{2,4}(?:\s*[、,，]\s*[^\s、,，]{2,4}){0,4}){0,2}$")

# Captions and credits of pictures and video: the frame of the line, not its words.
_CAPTION_TAIL = re.compile(
    r"[(（]\s*[^()（）]{0,30}(?:攝|摄|圖|图|照|提供|photo|image|screenshot|file|截图|截圖|courtesy"
    r"|illustration|diagram|graphic|插画|插畫)"
    r"[^()（）]{0,20}[)）]\s*$",
    re.IGNORECASE)
_CAPTION_START = re.compile(
    r"^\*{0,2}\s?(?:图|圖|图片|圖片|配图|配圖|题图|題圖|视频|視頻|影片"
    r"|image|photo|photograph|picture|screenshot|video|illustration|figure|fig\.|chart|diagram|exhibit"
    r"|图表|圖表)"
    # "Image 1 of 3: …", the count of a gallery
    r"\s?\d{0,2}(?:\sof\s\d{1,2})?\s?(?:[:：/／|｜]|\s(?:by|via|credit)\b)"
    # a numbered table or figure: 表1：…, Table 2: …
    r"|^\*{0,2}\s?(?:表|table)\s?\d{1,2}\s?[:：.]\s"
    # the source under a chart or a picture: 资料来源：…, 数据来源：…
    r"|^[\u4e00-\u9fff]{1,3}(?:来源|來源)\s?[:：]", re.IGNORECASE)
_CAPTION_MARK = re.compile(
    r"[/／]\s*(?:翻攝|翻摄)|(?:截圖|截图|示意圖|示意图|資料圖片|资料图片|資料照|资料照)\s*[/／)）]"
    r"|(?:图片来源|圖片來源)\s*[:：]|^(?:图|圖)\s*\d{1,2}\s"
    r"|\b(?:photograph|photo|illustration|image|screenshot|credit)\s*:\s*[A-Z][\w&.'/ -]{0,40}$"
    r"|[\s。][^\s。，,]{2,4} ?(?:摄|攝)$"
    # a picture's label alone or after its caption: 视频截图, 資料圖片, "…出席法說會。資料照片"
    r"|(?:^|。\s?)[^\s。，,]{0,4}(?:截图|截圖|图片|圖片|照片)$"
    r"|\b(?:photo|images?|pictures?)\s?/\s?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}\)?$", re.IGNORECASE)
# A sentence and then its credit, capitalised words without a full stop: "A cyclone nears the coast. NASA
# Earth Observatory" (a paragraph never ends with a name).
_CAPTION_CREDIT = re.compile(r"[a-z]\. ([A-Z][\w&'’/-]*)(?: [A-Z][\w&'’/-]*){0,4}$")
# A promotion behind a label: 相关阅读：…, ALSO READ: …, 【广告】…, 【相關新聞】…
_PROMO_WORDS = (
    r"(?:相关阅读|相關閱讀|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|相关新闻|相關新聞|相关文章|相關文章"
    r"|相关报道|相關報導|热门推荐|熱門推薦|广告|廣告|推广|推廣"
    r"|also read|read also|read more|see also|related|more from|recommended|sponsored|advertisement"
    r"|watch|listen)")
_PROMO_LABEL = re.compile(
    rf"^(?:[\[【(（]\s*{_PROMO_WORDS}[^\]】)）]{{0,8}}[\]】)）]|{_PROMO_WORDS}\s*[:：|｜》»>])",
    re.IGNORECASE)
# A notice under a label: 风险提示：…, 免责声明：…, Disclaimer: …
_DISCLAIMER = re.compile(r"^(?:风险提示|風險提示|免责声明|免責聲明|郑重声明|鄭重聲明|特别声明|特別聲明"
                         r"|disclaimer)\s*[:：]", re.IGNORECASE)
# The risks of a research note under a notice's label: short items set apart by semicolons, no sentence
# among them (风险提示：AI资本开支不及预期；存储扩产快于需求；…): a section of the report, not a notice.
_LIST_ITEMS = re.compile(r"^[^,，。;；]{2,30}(?:[;；][^,，。;；]{2,30}){1,8}[。.]?$")


# A research note's section of risks is headed by this label alone on its line, its items under it.
_RISKS_HEADING = re.compile(r"^(?:风险提示|風險提示)\s*[:：]$")


def _disclaimer(s: str) -> bool:
    m = _DISCLAIMER.match(s)
    return m is not None and not _LIST_ITEMS.match(s[m.end():].strip()) \
        and not _RISKS_HEADING.match(s.strip())


# A summary box's label at the start of a line: 【摘要】…, [导读] …
_SUMMARY = re.compile(r"^[【\[](?:摘要|导读|導讀|导语|導語|summary)[】\]]", re.IGNORECASE)
# A row of buttons in brackets, perhaps under a short label: 【打印本页】【关闭窗口】, "Messages sorted by:
# [ date ] [ thread ] [ subject ] [ author ]".
_BUTTONS = re.compile(r"^(?:[^\[\]【】:：]{1,24}[:：]\s?)?(?:[【\[][^】\]]{1,10}[】\]]\s?){2,6}$")
# A separator around an ad label: ——广告——, --- Advertisement ---
_AD_RULE = re.compile(
    r"^[-—–=_*·]{2,}\s?(?:广告|廣告|推广|推廣|advertisement|sponsored)\S{0,4}\s?[-—–=_*·]{2,}$",
    re.IGNORECASE)
# A sponsor's read in a podcast's or newsletter's notes.
_SPONSOR = re.compile(r"^(?:this (?:episode|issue|newsletter|post|show) is )?"
                      r"(?:brought to you by|sponsored by)\b", re.IGNORECASE)
# A market quote row: a name and numbers only (星云智芯 688721  128.40  +5.21%).
_QUOTE_NUMBER = re.compile(r"^[+\-−]?\d[\d,.]*%?$")


def _quote_row(s: str) -> bool:
    tokens = s.split()
    numbers = sum(1 for t in tokens if _QUOTE_NUMBER.match(t))
    return numbers >= 3 and len(tokens) - numbers <= 2


# A promotion's label alone on a line: SPONSORED CONTENT, ——广告——, [Advertisement]
_PROMO_BLOCK_LABEL = re.compile(r"^[\W_]{0,4}(?:sponsored(?: content)?|advertisement|paid content"
                                r"|partner content|广告|廣告|推广|推廣)[\W_]{0,4}$", re.IGNORECASE)
# How far a promotion under such a label may run before its call to action.
PROMO_BLOCK_MAX_LINES = 4
# A promotion's pitch is short: a line of prose longer than this (words and Han characters) is a paragraph
# (a news story's paragraph of three sentences runs to 40 and more; a pitch and its offer are shorter).
PROMO_PITCH_MAX_UNITS = 40


def promotion_block_end(norms: list[str], n: int) -> int | None:
    """The last line of a promotion under a label at line ``n``: the label down to its call to action
    (Download now, 点击了解); None when line ``n`` is no such label or no call to action follows."""
    if not _PROMO_BLOCK_LABEL.match(_cut(norms[n]).strip()):
        return None
    for m in range(n + 1, min(len(norms), n + 1 + PROMO_BLOCK_MAX_LINES)):
        s = _cut(norms[m])
        if units(s) > PROMO_PITCH_MAX_UNITS and ends_like_prose(s):
            return None  # a paragraph under an empty ad slot's label is the article resuming, not a pitch
        if len(s) <= 200 and _CALL_TO_ACTION.search(s):
            return m
    # no call to action: a sponsored story's label has its teaser under it, a title without a full stop
    # ("These 5 garden tools are selling out"), and a paragraph under that is the article's again. A bare
    # ad slot's label (广告, Advertisement) lost its picture in the copy: the line under it is the article's.
    if _SPONSORED_LABEL.search(norms[n]) and n + 1 < len(norms) and norms[n + 1].strip() \
            and not ends_like_prose(norms[n + 1]) and not reads_as_text(norms[n + 1]):
        return n + 1
    return None


_SPONSORED_LABEL = re.compile(r"sponsored|paid content|partner content", re.IGNORECASE)


# A list of the page's tags or categories: Tags: AI, Laptops / 文章标签： 论文阅读 合成数据 / Filed under: …
_TAG_LIST = re.compile(
    r"^(?:tags?|topics|filed under|categories|标签|標籤|文章标签|文章標籤|关键词|關鍵詞|关键字|關鍵字"
    r"|分类|分類|分类专栏|分類專欄)\s*[:：]", re.IGNORECASE)
_BRACKET_LABEL = re.compile(r"^[【\[〔]([^】\]〕]{1,24})[】\]〕]\s*(.*)$")
# "app" as a word of its own (下载APP, Get the app), not inside one ("happens", "approach")
_CALL_TO_ACTION = re.compile(
    r"下载|下載|订阅|訂閱|按此|点击|點擊|立即|加入|扫码|掃碼|即刻|睇|(?<![a-z])apps?(?![a-z])"
    r"|sign up|subscribe|click|download now|learn more|get the report|request a demo|book a demo",
    re.IGNORECASE)
_PLACEHOLDER = re.compile(
    r"在这里插入图片描述|在這裡插入圖片描述|此处应插入|此處應插入|待补充|待補充"
    r"|视频加载中|視頻加載中|影片載入中"
    r"|^(?:图片|圖片|image|video|视频|影片|loading|资料图|資料圖|示意图|示意圖|配图|配圖)\W{0,3}$"
    r"|^type your email"
    r"|^\[(?:image|photo|video|chart|图片|圖片|视频|視頻|图|圖)\s?[:：]", re.IGNORECASE)
_ENGAGEMENT = re.compile(
    r"helpful\?|be the first to comment|write a comment|discussion about this post|join the discussion"
    r"|喜欢这篇|喜歡這篇|觉得还不错|覺得還不錯|给个赞|給個讚|点个赞|點個讚|一键收藏|一鍵收藏|展开全文|展開全文"
    r"|reader-supported|to receive new posts|paid subscriber\b|subscribe for free|on the free list"
    # a paywall's note, not a product's "rolling out to paid subscribers in the US"
    r"|\b(?:post|issue|article|story|episode) is (?:only )?for paid subscribers"
    r"|听全文|聽全文|预计阅读|預計閱讀|字号|字號|\bmin(?:ute)? read$"
    r"|^(?:subscribe to|sign up (?:for|to)|download|register for|follow us|don't miss|do not miss)\b"
    r"|^listen to (?:this|the) (?:article|story)|^click here\b"
    r"|^(?:点击|點擊)\s?(?:关注|關注|订阅|訂閱|蓝字|藍字)"
    r"|^privacy notice:|\bnewsletter promotion\b|\bfree articles?\b|\bsubscribe (?:for|now|today)\b"
    r"|^(?:参与讨论|參與討論)\s?[:：]"
    r"|^(?:comments?|评论|評論|留言|跟贴|跟帖)\s?[(（]?\d{1,6}[)）]?$", re.IGNORECASE)
# A label in capitals over a teaser: WATCH NOW, VIDEO 03:12, KEY POINTS.
_CAPS_LABEL = re.compile(r"^[A-Z][A-Z ]{2,24}(?:\s+\d{1,2}:\d{2})?$")
_KEY_POINTS = re.compile(
    r"^(?:key points|key takeaways|highlights|at a glance|the big picture|in brief|in short|tl;?dr"
    r"|划重点|劃重點|要点|要點|重点速览|重點速覽|本文要点|本文要點|重點摘要|重点摘要)\s*[:：]?$",
    re.IGNORECASE)
_NUMBERED = re.compile(r"^(?:\d{1,2}[.、)）]|[•●·*\-–])\s*")
# Numbered section headings that may open the body: 一、 1. 01 第一部分
_SECTION_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.、．)]\s*\S|0\d\s|第[一二三四五六七八九十\d]{1,3}[章节節部])")


def _cut(text: str) -> str:
    return text[:MAX_LINE_CHARS]


def units(text: str) -> int:
    """Length in reading units: Han characters plus Latin words."""
    return han_count(text) + word_count(text)


@lru_cache(maxsize=LINE_CACHE)
def reads_as_text(text: str) -> bool:
    """A sentence or more: enough words or characters, and sentence or clause punctuation."""
    s = _cut(text)
    han, words = han_count(s), word_count(s)
    long_enough = han >= 12 or (not han and words >= 7) or (han > 0 and han + words >= 14)
    return long_enough and bool(SENTENCE_END.search(s) or CLAUSE.search(s))


def ends_like_prose(text: str) -> bool:
    """A paragraph ends with a full stop, or is long: a headline, a label or a teaser ends with neither."""
    s = _cut(text).rstrip()
    han, words = han_count(s), word_count(s)
    return bool(_FINAL.search(s) or _ATTRIBUTED.search(s)) or (han >= 50 if han else words >= 25)


@lru_cache(maxsize=LINE_CACHE)
def is_metadata_line(text: str, *, times: bool = True) -> bool:
    """A short line that states a date or an author: a publication line, whatever else it carries.

    ``times``: whether the line is in the header, above the article's first prose, where a time of day
    alone (09:12, no day) and a row of fields (发布机构：X   分析师：Y) count; inside an article the first
    may be a schedule or a show's chapter marks, the second a product's specifications.
    """
    s = _cut(text)
    dated = has_date(s) and (times or bool(_DAY_HINT.search(s)))
    return (dated and units(s) <= 30 and not _FINAL.search(s.rstrip())) or is_byline(s) or (
        times and is_field_row(s))


# One field of a page's header: a short label, its colon, a short value ("发布机构：华岳证券", "Author: X").
_FIELD = re.compile(r"(?:^|\s)[^\s:：]{1,8}[:：]\s?\S{1,40}(?=\s|$)")
_WIDE_GAP = re.compile(r"\S(?:\s{2,}|　)\S")


def is_field_row(text: str) -> bool:
    """Fields of a page's header set in a row, apart: two or more ``label：value`` pairs, not a sentence."""
    s = _cut(text).strip()
    if len(s) > 120 or _FINAL.search(s) or not _WIDE_GAP.search(s):
        return False
    return len(_FIELD.findall(s)) >= 2


# What a short full sentence adds to the body around it (a paragraph adds 0.6 to 2).
SHORT_SENTENCE_WEIGHT = 0.3


def _short_sentence(text: str) -> bool:
    s = _NUMBERED.sub("", _cut(text).strip())
    han, words = han_count(s), word_count(s)
    return bool(_FINAL.search(s)) and (han >= 4 if han else words >= 3) and (s[:1].isupper() or bool(han))


@lru_cache(maxsize=LINE_CACHE)
def prose_weight(text: str) -> float:
    """How much a line reads like article prose: 0 for a label, a headline or a byline, up to 2."""
    if not ends_like_prose(text) or is_metadata_line(text):
        return 0.0
    if not reads_as_text(text):
        # A short sentence ("Score them blind.", a list item): too short to open a body, enough not to
        # break one.
        return SHORT_SENTENCE_WEIGHT if _short_sentence(text) else 0.0
    size = han_count(text) / 40 + word_count(text) / 20
    return min(2.0, 0.6 + size)


# A count between two words ("Across 40 Urgent Care Clinics", "Covering 62 Languages"): a headline set in
# title case counts things; a row of section names does not.
_COUNTED = re.compile(r"[A-Za-z] \d[\d,.]* [A-Za-z]")


def is_menu(text: str) -> bool:
    """Section names in a row: short capitalised words without grammar, or short Chinese words."""
    s = _cut(text)
    if SENTENCE_END.search(s) or re.search(r"[,，。]", s):
        return False
    parts = [p for p in re.split(r"\s*[|｜·•/]\s*|\s+", s) if p]
    if len(parts) < 3:
        return False
    han = han_count(s)
    if han:
        return all(han_count(p) <= 4 and len(p) <= 8 for p in parts)
    tokens = _LATIN_TOKEN.findall(s)
    if len(tokens) < 3 or any(t.lower() in _FUNCTION_WORDS for t in tokens) or _COUNTED.search(s):
        return False
    capitalised = sum(1 for t in tokens if t[0].isupper() or t == "&")
    # "UK World Climate crisis Science": a long row of section names may have a lowercase word in it.
    return capitalised == len(tokens) or (len(tokens) >= 6 and capitalised >= 0.8 * len(tokens))


def is_ticker(text: str) -> bool:
    """A market ticker: mostly numbers, signs and arrows."""
    s = _cut(text).replace(" ", "")
    return len(s) >= 12 and len(_TICKER_CHARS.findall(s)) >= 0.35 * len(s)


def is_masthead(text: str) -> bool:
    """A brand in capitals (BYTE HARBOR) or bracketed alone (【維港日報】)."""
    s = _cut(text).strip()
    letters = [ch for ch in s if ch.isalpha()]
    if letters and not han_count(s) and all(ch.isupper() for ch in letters) and word_count(s) <= 5:
        return True
    return bool(re.fullmatch(r"[【\[][^】\]]{1,12}[】\]]", s))


# The issuer of a press release on a line of its own: "Hoshizora Holdings, Inc.", "芯衡科技股份有限公司".
_ISSUER = re.compile(r"^[A-Z][\w&.'’-]*(?: [A-Z&][\w&.'’-]*){0,5},? (?:Inc|Ltd|LLC|Corp|Corporation|Co\., Ltd"
                     r"|PLC|GmbH|AG|K\.K|Limited)\.?$|^[^\s\d，,。]{2,16}(?:股份有限公司|有限公司|株式会社)$")


def is_byline(text: str) -> bool:
    """An author line: ``By Name, ...``, ``記者王小明／台北報導``, ``潮點新聞／綜合報導``, an issuer, or
    reporters and where they file from (``Ann Lee in London and Tom Bauer in Berlin``)."""
    s = _cut(text).strip()
    short = len(s) <= 40 and bool(_BYLINE_ZH.match(s) or _REPORTER_ZH.match(s) or _POSTER.fullmatch(s))
    sender = len(s) <= SENDER_MAX_CHARS and bool(_SENDER.fullmatch(s))
    return bool(_BYLINE_EN.match(s) or _ISSUER.match(s) or _placed_names(s)) or short or sender


# A message's sender as a list archive or a mail client shows it: a name, then the address, whole or with
# its "@" spelled " at " ("Marta Kowalczyk marta at fernhill.example.org", "Li Wei <li.wei@lab.example>").
_SENDER = re.compile(r"^[^\W\d_][\w.'’-]{0,30}(?: [^\W\d_][\w.'’-]{0,30}){0,3} [<(]?[\w.+-]{1,64}(?:@| at )"
                     r"[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}[>)]?$")
SENDER_MAX_CHARS = 120


# A board's header names who posted: the label, the poster's id, a nickname in brackets ("作者 tofu_dev
# (豆腐工程師)", "发信人: pinecone (松果), 信区: AI"), as BBS and forum pages set it.
_POSTER = re.compile(r"(?:作者|發信人|发信人|Author|From)\s?[:：]?\s[\w.-]{2,24}\s?[(（][^()（）]{1,20}[)）]"
                     r"(?:\s?[,，]\s?\S{1,8}[:：]\s?\S{1,20})?")


# Two or more people, each a name of two or three capitalised words, at least one placed "in City" or with a
# note in brackets ("(now)", "(earlier)": a live blog credits its writers in turn): a byline of reporters.
# Only names, places, notes, "and" and commas: no verb, no headline.
_PERSON_PLACED = re.compile(r"[A-Z][a-z'’-]{1,20}(?: [A-Z][a-z'’-]{1,20}){1,2}"
                            r"(?P<place> in [A-Z][a-z'’-]{1,20}(?: [A-Z][a-z'’-]{1,20})?"
                            r"| \([a-z][a-z ]{0,20}\))?")
_NAME_JOINS = re.compile(r", | and | & ")
PLACED_NAMES_MAX = 4


def _placed_names(s: str) -> bool:
    people = _NAME_JOINS.split(s) if len(s) <= MAX_LINE_CHARS // 4 else []
    found = [_PERSON_PLACED.fullmatch(p) for p in people]
    return 2 <= len(people) <= PLACED_NAMES_MAX and all(found) and any(m and m.group("place") for m in found)


def has_date(text: str) -> bool:
    """Whether a line states a date or a time of day."""
    return bool(_DATE_HINT.search(_cut(text)))


def _bracket_promotion(s: str) -> bool:
    m = _BRACKET_LABEL.match(s)
    return m is not None and len(s) <= 80 and (not m.group(2) or (
        bool(_CALL_TO_ACTION.search(s)) and not _lead_paragraph(m.group(2))))


# A paragraph after a dateline's label (【本報訊】政府今日宣布…，並首次在招標文件中加入…。): long,
# and closed by a full stop; a promotion's call to action is short or ends with an exclamation
# ("立即下載App，領取會員！").
LEAD_PARAGRAPH_MIN_UNITS = 40
_FULL_STOP = re.compile(r"[。.]\s*[”」』\"']?$")


def _lead_paragraph(text: str) -> bool:
    """Whether the words after a bracketed label are a paragraph of the article."""
    return units(text) >= LEAD_PARAGRAPH_MIN_UNITS and bool(_FULL_STOP.search(text.rstrip()))


def is_labelled_item(text: str) -> bool:
    """A short label in brackets before an item's words (【即時】…, [快讯] …, 【独家】…): a ticker's teaser, a
    category tag, a column's item; a page's own headline stands without one."""
    m = _BRACKET_LABEL.match(_cut(text).strip())
    return m is not None and bool(m.group(2)) and units(m.group(1)) <= ITEM_LABEL_MAX_UNITS


# A label before an item is a word or two: 即時, 快讯, Live, Update.
ITEM_LABEL_MAX_UNITS = 4


def is_bracket_label(text: str) -> bool:
    """A label alone in brackets: 〔相關新聞〕, 【延伸阅读】, [Related]."""
    m = _BRACKET_LABEL.match(_cut(text).strip())
    return m is not None and not m.group(2)


def _caption(s: str) -> bool:
    return bool(_CAPTION_TAIL.search(s) or _CAPTION_START.match(s) or _CAPTION_MARK.search(s)
                or _credited(s))


# A name or note alone in brackets between paragraphs: （视觉中国）, (Lumen Wire), （本文不构成投资建议）.
_BRACKETED = re.compile(r"^[(（][^()（）。，,.!?！？]{2,14}[)）]$")


def _credited(s: str) -> bool:
    m = _CAPTION_CREDIT.search(s)
    # a caption describes the picture; a writer speaking of themselves ("I replaced my chatbot with a local
    # model for a month. Notes") is titling a post
    return m is not None and m.group(1).casefold() not in _FUNCTION_WORDS and not _WRITER.search(s) and \
        not _title_case(s[: m.start() + 1])


# A caption's sentence has words in lower case; a headline set in title case has none ("Compute Thresholds Are
# a Blunt Tool. Regulators Should Keep Them Anyway" is no caption credited to "Regulators Should …").
TITLE_CASE_MIN_WORDS = 3
TITLE_CASE_SMALL = 3


def _title_case(text: str) -> bool:
    """Whether every word of ``text`` longer than a small word starts with a capital (at least three)."""
    words = [w for w in _LATIN_TOKEN.findall(text) if len(w) > TITLE_CASE_SMALL]
    return len(words) >= TITLE_CASE_MIN_WORDS and all(w[0].isupper() for w in words)


# The writer speaking of themselves, in English: I, my, me.
_WRITER = re.compile(r"\b(?:I|my|My|me)\b")


# "386 人赞同了该回答", "56 条评论", "12 篇文章 3 订阅": a count and a few words.
_COUNT = re.compile(r"^\d[\d,.]*\s*[万萬kKwW+]?\s*[^\d\s]{1,12}(?:\s+\d[\d,.]*\s*[^\d\s]{1,6}){0,3}$")


def _count(s: str) -> bool:
    return bool(_COUNT.match(s)) and han_count(s) <= 10 and word_count(s) <= 6 and not is_section_number(s)


# Items of a row set apart by a separator between spaces, or by a wide gap: "58  ·  11  ·  Share".
_ROW_SEPARATOR = re.compile(r"\s+[·•|｜/]\s+|\s{2,}|　")
# One item of such a row that is a number or a count: 58, ♥ 12, 1.2万阅读, 28 条回复, 3 天前, +25.
_ROW_NUMBER = re.compile(r"^\W{0,2}[+\-]?\d[\d,.]*\s?[万萬kKmMwW]?\+?(?:\s?[^\d\s]{1,10}){0,2}$"
                         r"|^[^\d\s]{1,6}\s?[+\-]?\d[\d,.]*$")
# Words an item of a row of links or fields may have at most: "Head of AI Risk at a global insurer".
ROW_ITEM_MAX_WORDS = 8
ROW_ITEM_MAX_HAN = 10


def _row_items(s: str) -> tuple[list[str], int] | None:
    """The items of a row of short items set apart by separators, no sentence among them, and how many are
    numbers or counts; None when the line is no such row (a row with a date is a publication line)."""
    if SENTENCE_END.search(s.rstrip(".")) or "，" in s or "。" in s or has_date(s):
        return None
    if s.startswith("|") or "\t" in s:
        return None  # a table's row (Markdown, or cells copied apart by tabs): the article's data
    items = [p for p in _ROW_SEPARATOR.split(s.strip()) if p]
    if len(items) < 2 or any(word_count(p) > ROW_ITEM_MAX_WORDS or han_count(p) > ROW_ITEM_MAX_HAN
                             for p in items):
        return None
    return items, sum(1 for p in items if _ROW_NUMBER.match(p))


def _count_row(s: str) -> bool:
    """A post's counts in a row: "58 · 11 · Share", "1.2万阅读 · 4评论", "评分  参与人数 5  经验 +25"."""
    row = _row_items(s)
    return row is not None and (row[1] == 2 if len(row[0]) == 2 else row[1] >= 1)


_VISIBLE_SEPARATOR = re.compile(r"\s[·•|｜/]\s")


def _link_row(s: str) -> bool:
    """Four or more short links set apart by a visible separator: "Listen on Apple Podcasts · Spotify · …"."""
    row = _row_items(s)
    return row is not None and len(row[0]) >= 4 and bool(_VISIBLE_SEPARATOR.search(s))


# Words an item of a row of buttons has at most: "Gift this article", "Print this page", "分享到微信".
BUTTON_MAX_WORDS = 3
BUTTON_MAX_HAN = 6


def _button_row(s: str) -> bool:
    """Three or more short items set apart by wide gaps, none a number, one an action's phrase: a toolbar
    ("Gift this article    Save    Print this page"); a table's row holds figures, its header names
    ("GPT-4o  Claude  Gemini"), not phrases with a function word."""
    if not _WIDE_GAP.search(s):
        return False
    row = _row_items(s)
    if row is None or len(row[0]) < 3 or row[1]:
        return False
    if any(word_count(p) > BUTTON_MAX_WORDS or han_count(p) > BUTTON_MAX_HAN for p in row[0]):
        return False
    return any(w.casefold() in _FUNCTION_WORDS for p in row[0] if " " in p for w in p.split()[1:])


# A reader's comment: a name, a separator, the day it was posted, then the comment
# ("Theo K. · Sep 20, 2024 — The example is great.").
_COMMENT_HEAD = re.compile(r"^([^\d·•|—–]{1,30}?)\s[·•|]\s")


# A reply in a thread, addressed: "回复 深度炼丹师：…", "Reply to @kevin: …", "@kevin_x: …".
_REPLY = re.compile(r"^(?:回复|回覆|答复|答覆|reply(?:ing)? to|in reply to)\s?@?[^\s:：]{1,24}\s?[:：]"
                    r"|^@[\w.-]{1,24}\s?[:：]", re.IGNORECASE)


def _comment(s: str) -> bool:
    m = _COMMENT_HEAD.match(s)
    # a name and a date alone is a byline: a comment says something after them
    return (m is not None and not is_metadata_line(s) and word_count(m.group(1)) <= 4
            and han_count(m.group(1)) <= 8 and bool(_DAY_HINT.match(s[m.end():m.end() + 24])))


# A file attached to a post, with its size: "配置截图.png (238.5 KB, 下载次数: 112)".
_ATTACHMENT = re.compile(r"\.[A-Za-z0-9]{2,4}\s?[(（]\s?\d[\d.,]*\s?[KMG]i?B\b")
# A question and its tally or its answer buttons: "Was this useful?  👍 12  👎 1", "有帮助吗？ 是 否".
_POLL = re.compile(r"[?？]\s*(?:[^\w\s]{0,2}\s?\d{1,6}\s*){1,4}$|[?？]\s*(?:yes\s+no|是\s+否|有\s+没有)$",
                   re.IGNORECASE)
# A link set off by an arrow: "… 早鳥報名中 ›", "免费试用 >>", "← Previous: …".
_ARROW_LINK = re.compile(r"(?:[›»→➜➔▶▸]|>>)\s*$|^\s?[←‹«◀◂]")
# A reader's setting and its options: "字級設定：小 中 大 特", "Theme: A A A".
_OPTIONS = re.compile(r"[:：]\s?(?:\S{1,2}\s){2,6}\S{1,2}$")
# How long a reading or listening takes, on a short line: "Reading time: 3 min", "Listen (4 min)".
# The short unit or a label's colon: "the first 10 minutes" is a heading, not a reading time.
_DURATION = re.compile(r"\b\d{1,3}\s?mins?\b\)?$|[:：(（]\s?\d{1,3}\s?(?:分钟|分鐘)[)）]?$", re.IGNORECASE)
# An e-mail address: on a short line without a full stop, a contact line ("Write to X at x@y.example").
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}")
CONTACT_MAX_WORDS = 20


def _duration(s: str) -> bool:
    return units(s) <= 6 and not _FINAL.search(s) and not has_date(s) and bool(_DURATION.search(s))


def _contact(s: str) -> bool:
    return units(s) <= CONTACT_MAX_WORDS and not _FINAL.search(s) and bool(_EMAIL.search(s))


# The shapes of lines inside an article that are not its text, in the order they are tried:
# (kind, reason, longest line the shape applies to, test).
INLINE_SHAPES: list[tuple[str, str, int, Callable[[str], object]]] = [
    ("placeholder", "editor placeholder (image, video, form field)", MAX_LINE_CHARS, _PLACEHOLDER.search),
    ("caption", "image caption or credit", 160, _caption),
    ("credit", "a name or note alone in brackets (photo agency, credit)", 16, _BRACKETED.match),
    ("promotion", "promotion behind a label", 200, _PROMO_LABEL.match),
    ("tags", "the page's tags or categories", 200, _TAG_LIST.match),
    ("promotion", "bracketed label or promotion", 80, _bracket_promotion),
    ("engagement", "engagement prompt or reader chrome", 200, _ENGAGEMENT.search),
    ("app", "prompt to open or download an app", 60, _app_prompt),
    ("disclaimer", "notice under a disclaimer label", MAX_LINE_CHARS, _disclaimer),
    ("lead-box", "summary box repeating the article", MAX_LINE_CHARS, _SUMMARY.match),
    ("chrome", "row of buttons", 80, _BUTTONS.match),
    ("promotion", "advertisement marker", 40, _AD_RULE.match),
    ("promotion", "sponsor's message", 300, _SPONSOR.match),
    ("ticker", "market quote row", 80, _quote_row),
    ("counter", "count of readers, likes or comments", 40, _count),
    ("comment", "a reader's comment (name, separator, date)", MAX_LINE_CHARS, _comment),
    ("comment", "a reply in a thread, addressed to an earlier post", MAX_LINE_CHARS, _REPLY.match),
    ("counter", "counts in a row, set apart by separators (likes, replies, ratings)", 160, _count_row),
    ("chrome", "row of short links set apart by separators", 160, _link_row),
    ("chrome", "row of buttons set apart by wide gaps", 120, _button_row),
    ("engagement", "file attached to a post", 160, _ATTACHMENT.search),
    ("engagement", "question with its tally or answer buttons", 120, _POLL.search),
    ("promotion", "link set off by an arrow", 100, _ARROW_LINK.search),
    ("chrome", "reader setting and its options", 40, _OPTIONS.search),
    ("engagement", "reading or listening time", 40, _duration),
    ("credit", "contact line (e-mail address)", 200, _contact),
]


@lru_cache(maxsize=LINE_CACHE)
def inline_junk(text: str) -> tuple[str, str] | None:
    """The kind and reason of a line inside the body that its shape marks as not article text."""
    s = _cut(text).strip()
    for kind, reason, longest, test in INLINE_SHAPES:
        if len(s) <= longest and test(s):
            return kind, reason
    return None


# A question put to the reader, short: "What do you think of X? Join the conversation below."
_READER_QUESTION = re.compile(r"\b(?:you|your)\b[^?]{0,80}\?|[你您][^？?]{0,40}[？?]", re.IGNORECASE)
READER_QUESTION_MAX_UNITS = 20


def is_reader_question(text: str) -> bool:
    """A short question to the reader (the prompt under a SHARE YOUR THOUGHTS label)."""
    s = _cut(text).strip()
    return units(s) <= READER_QUESTION_MAX_UNITS and bool(_READER_QUESTION.search(s))


# A sign-off that asks the reader to subscribe or follow: "Thanks for reading! If you liked this, subscribe
# via RSS.", "喜欢本文请关注我们。"
_SIGN_OFF = re.compile(r"\b(?:subscribe|rss|follow (?:us|me))\b|订阅|訂閱|关注我们|關注我們|关注我|關注我",
                       re.IGNORECASE)
_TO_READER = re.compile(r"\b(?:you|your)\b|[你您]|!|！", re.IGNORECASE)
SIGN_OFF_MAX_UNITS = 25


def is_sign_off(text: str) -> bool:
    """The article's last line speaking to the reader about subscribing or following: the tail's."""
    s = _cut(text).strip()
    return units(s) <= SIGN_OFF_MAX_UNITS and bool(_SIGN_OFF.search(s)) and bool(_TO_READER.search(s))


def is_caps_label(text: str) -> bool:
    """WATCH NOW, VIDEO 03:12: a teaser's label in capitals."""
    return bool(_CAPS_LABEL.match(_cut(text).strip())) and not is_key_points_label(text)


def is_key_points_label(text: str) -> bool:
    """The label of a box of key points that repeats the article (KEY POINTS, 划重点)."""
    return bool(_KEY_POINTS.match(_cut(text).strip()))


def is_key_point(text: str) -> bool:
    """One point of a key-points box: a single short sentence or a numbered item."""
    s = _NUMBERED.sub("", _cut(text).strip())
    han, words = han_count(s), word_count(s)
    short = han <= 45 if han else words <= 25
    return short and len(SENTENCE_END.findall(s.rstrip("。.!！?？"))) == 0


def same_ending(text: str, other: str) -> bool:
    """Whether two lines both end with a full stop, or both without, or are both numbered or bulleted
    items ("1. …；" then "2. …。"): the items of one box share a form."""
    closed = bool(_FINAL.search(_cut(text).rstrip())) == bool(_FINAL.search(_cut(other).rstrip()))
    return closed or bool(_NUMBERED.match(_cut(text).strip()) and _NUMBERED.match(_cut(other).strip()))


# A wire or news dateline opening a paragraph: the article's lead, never a standfirst.
_DATELINE_START = re.compile(r"^(?:[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]{1,}){0,2}\s?[,:(—–-]"
                             r"|\S{0,12}?(?:讯|訊|电|電)\s?[(（]?\s?\d|[(（]\S{1,10}?(?:讯|訊|电|電)[)）])")


def is_deck(text: str, sentences: int = 1, *, under_headline: bool = False) -> bool:
    """A standfirst's shape: a sentence (or ``sentences``), shorter than a paragraph, not a dated lead.

    ``under_headline``: the line sits directly under the headline, where a standfirst may run longer.
    """
    s = _cut(text).strip()
    if _DATELINE_START.match(s):
        return False
    han, words = han_count(s), word_count(s)
    short = han <= DECK_MAX_HAN if han else words <= (DECK_LONG_WORDS if under_headline else DECK_MAX_WORDS)
    return short and len(SENTENCE_END.findall(s)) <= sentences


# A standfirst is one sentence of at most this many characters or words; directly under the headline and
# above the byline, where no paragraph of the article sits, an English one may run to the longer count (a
# Chinese lead paragraph is often set there, above a byline, at that length).
DECK_MAX_HAN = 25
DECK_MAX_WORDS = 16
DECK_LONG_WORDS = 32


# The salutation that opens a letter or an official notice, ended by a colon or a comma; or a whole body of
# addressees ended by a colon (全校师生：, 全体员工：, 广大市民：, 各位家长：).
_SALUTATION = re.compile(r"^(?:各|致|尊敬的|亲爱的|親愛的|dear\b)[^:：。.!?]{1,40}[:：,，]$"
                         r"|^(?:全校|全院|全市|全体|全體|广大|廣大|各位)[^:：。.!?,，]{1,20}[:：]$",
                         re.IGNORECASE)
# The formula that closes an official notice, alone on its line: 特此通知。 特此公告。 特此函告。 特此公示。
_CLOSING_FORMULA = re.compile(
    r"^特此(?:通知|公告|公示|公布|通报|通報|通告|函告|告知|说明|說明|批复|批覆|函复|函覆|报告|報告)[。.!！]?$")


# A greeting alone on its line, ended by a comma as a letter's is ("Hi all,", "Hello everyone,", "大家好，"):
# a few words, no other punctuation. No headline, byline or label ends with a comma.
_GREETING = re.compile(r"^[^\W\d_][\w'’-]{0,20}(?: [\w'’-]{1,20}){0,2}[,，]$")
GREETING_MAX_HAN = 6


def is_salutation(text: str) -> bool:
    """``各区县数据主管部门，各有关企业：``, ``Dear readers,``, ``Hi all,``: the addressees of a letter, a
    message or a notice."""
    s = _cut(text).strip()
    return bool(_SALUTATION.match(s)) or (bool(_GREETING.fullmatch(s)) and han_count(s) <= GREETING_MAX_HAN)


# A notice's contact line: whom to call, labelled (联系人：产业处 王先生，电话：0000-12345678).
_CONTACT_LABEL = re.compile(
    r"^(?:联系人|联系电话|咨询电话|联系方式|聯絡人|聯絡電話|聯繫人|聯繫電話|諮詢電話)\s?[:：]\s?\S")
CONTACT_MAX_UNITS = 40


def is_contact_line(text: str) -> bool:
    """``联系人：王先生，电话：0000-12345678``: whom a notice's readers call, part of its text."""
    s = _cut(text).strip()
    return bool(_CONTACT_LABEL.match(s)) and units(s) <= CONTACT_MAX_UNITS


def is_closing_formula(text: str) -> bool:
    """``特此通知。``: the last line of an official notice's text, above its signature."""
    return bool(_CLOSING_FORMULA.match(_cut(text).strip()))


def is_section_number(text: str) -> bool:
    """A numbered section heading (一、背景, 1. Long context, 01 供给)."""
    return bool(_SECTION_NUMBER.match(_cut(text).strip()))


@lru_cache(maxsize=LINE_CACHE)
def headline_excluded(text: str) -> bool:
    """Lines that are never the headline, whatever their length."""
    s = _cut(text).strip()
    return (is_menu(s) or is_ticker(s) or is_masthead(s) or is_metadata_line(s) or is_profile(s)
            or _spaced_items(s) or is_control_row(s) or bool(_AGE.match(s)) or _app_prompt(s)
            or inline_junk(s) is not None or s.endswith((":", "：")) or is_notice(s) or is_handle(s)
            or is_tool_label(s) is not None or _repetitive(s) or is_edition_name(s) or is_label_for_next(s)
            or is_speaker_turn(s) or is_bare_link(s) or is_site_action(s) or is_subtitle(s)
            or bool(_MAIL_HEADER.match(s)) or bool(_TICKER_ROW.match(s)) or bool(_CHEVRON_PATH.fullmatch(s))
            or bool(_QUOTED.match(s))
            or bool(_LABELLED_TERMS.fullmatch(s)))


# A label and the short terms it offers, set apart by spaces, no sentence: a portal's "热门搜索：低空经济
# 新能源车 人工智能", "Trending: Nvidia OpenAI Robotics". A headline's clauses are longer, or punctuated.
_LABELLED_TERMS = re.compile(r"[^\W\d]{2,6}[:：] ?[^\W_]{1,8}(?: [^\W_]{1,8}){2,7}")


# A path of short names set apart by chevrons, even of two steps: a forum's "看板 › 職場甘苦談",
# "Home » Policy". A headline may hold a bar, a slash or ">", hardly ever these.
_PATH_STEP = r"[^›»\s]{1,16}(?: [^›»\s]{1,16}){0,2}"
_CHEVRON_PATH = re.compile(rf"{_PATH_STEP}(?: ?[›»] ?{_PATH_STEP})+")


# A news ticker's label before its items, set apart by bars: "即時新聞 港股半日跌56點 ｜ 機管局公布…",
# "Breaking: Markets slip | Storm warning", "滚动：各地出台算力扶持政策｜沪深两市成交额破万亿"
# (Chinese sets the bar without spaces), "热点快讯：… | …" (a word or two before the ticker's kind).
_TICKER_ROW = re.compile(r"(?:[^\W\d]{0,4}?(?:即時新聞|即时新闻|即時|即时|快讯|快訊|突發|突发|滚动|滾動)"
                         r"|breaking(?: news)?|latest|just in)[:：]? ?\S[^|｜]{1,60} ?[|｜] ?\S",
                         re.IGNORECASE)


# A message's header field copied from a list archive or a mail client ("From: Ravi Natarajan <…>",
# "To: …", "Message-ID: …"): never the headline (the subject is, without its label).
_MAIL_HEADER = re.compile(r"^(?:from|to|cc|bcc|reply-to|message-id|in-reply-to|references|list-id|sent"
                          r"|newsgroups)\s?:\s?\S", re.IGNORECASE)
# A message's subject or a post's title under its header's label, after a colon or a wide gap ("Subject:
# [ANN] openweights-eval 2.0", "主题：…", a board's "Title   [Experience] …").
_SUBJECT = re.compile(r"(?:subject|主题|主題|title|标题|標題)(?:\s?[:：]\s?|\s{2,}|\u3000)(\S.{0,300})",
                      re.IGNORECASE)


def subject_of(text: str) -> str | None:
    """The subject of a message's "Subject:" header line (a post's "Title" field), without its label; None for
    any other line."""
    m = _SUBJECT.fullmatch(_cut(text).strip())
    return m.group(1).strip() if m else None


# A line quoted from an earlier message ("> I think we should …"): the reply's, never its headline.
_QUOTED = re.compile(r"^(?:>\s?)+\S")
# A subtitle under a newspaper's headline opens with a dash (——走访甬江电子元件厂): the headline's, never one.
_SUBTITLE = re.compile(r"^[—―─]{1,2}\s?\S")


def is_subtitle(text: str) -> bool:
    """A subtitle set under the headline after a dash ("——走访…"): never the headline itself."""
    return bool(_SUBTITLE.match(_cut(text).strip()))


# A link that shows no words: a logo image inside a link to the home page, its picture dropped
# ("[![Token Economics](logo.png)](https://…)" reads "[](https://…)"), never a headline.
_BARE_LINK = re.compile(r"^(?:\[\s*\]\([^()\s]{0,300}\)\s*)+$")


def is_bare_link(text: str) -> bool:
    """A line of links without words (a logo's link to the home page): never a headline."""
    return bool(_BARE_LINK.match(_cut(text).strip()))


# A site's call to its visitors as a menu item: a verb of taking part and at most its object ("Send a
# Release", "Submit a Story", "Post a Job", "Sign up", "投稿"), never a headline.
_SITE_ACTION = re.compile(r"^(?:send|submit|post|upload|publish|distribute|pitch|contribute|advertise"
                          r"|register|subscribe|sign (?:in|up)|log ?(?:in|out)|write for us|contact us"
                          r"|get started)(?: (?:a|an|your|us|new|press|news)){0,2}"
                          r"(?: (?:release|story|stories|tip|tips|article|post|link|event|job|news|content"
                          r"|now))?$"
                          r"|^(?:我要)?(?:投稿|发布新闻稿|發布新聞稿|提交新闻稿|提交新聞稿)$", re.IGNORECASE)


def is_site_action(text: str) -> bool:
    """A site's menu item asking the visitor to take part ("Send a Release", "Submit a Story", 投稿)."""
    return bool(_SITE_ACTION.match(" ".join(_cut(text).split())))


# A self-media platform's header for the account that posted: its name, when it posted (2天前, 昨天 21:40,
# 2025-05-06 20:13 · 发布于北京, with a badge after it; "Published Mar 4, 2025", "Posted on 3 June 2025",
# 发布于 2025-03-04), its follow button ("+ 关注", "Follow"); on a network where people post under their own
# name, the line they write about themselves between the name and the rest.
POSTED_WHEN = re.compile(r"^(?:\d|前天|昨天|今天|刚刚|剛剛"
                         r"|(?i:published|posted)(?: on)? (?:[A-Z][a-z]{2,8}\.? \d|\d)"
                         r"|(?:发布于|發布於|发表于|發表於) ?\d)")
_FOLLOW_BUTTON = re.compile(r"^[+＋]?\s?(?:已\s?)?(?:关注|關注)$|^[+＋]?\s?follow(?:ing)?$", re.IGNORECASE)
# A clock time on the line of posting (06-03 08:15), which a reading time ("6 min read") lacks.
_CLOCK_TIME = re.compile(r"\d:\d\d")
# An account's name is a few words or Han at most.
ACCOUNT_MAX_UNITS = 12
# A poster's name: two to five capitalised words ("Rachel Okafor", "Dr. Amara Nwosu"), or Han without a
# sentence's punctuation; with its follow button beside it on one line ("Rachel Okafor · Follow").
_POSTER_NAME = re.compile(r"(?<![\w.'’-])[A-Z][\w.'’-]*+(?: [A-Z][\w.'’-]*+){1,4}"
                          r"|(?=\S{0,11}[\u4e00-\u9fff])[^\s\d,，。:：!?！？|/·•]{2,12}")
NAME_FOLLOW = re.compile(rf"(?P<name>{_POSTER_NAME.pattern}) ?[·•|]? ?[+＋]? ?(?i:follow|关注|關注)")
# A line that says it was posted then, in words: "Published Mar 4, 2025", 发布于 2025-03-04.
POSTED_IN_WORDS = re.compile(r"^(?i:published|posted)|^(?:发布于|發布於|发表于|發表於)")
# The line a poster writes about themselves is at most this long: a role and a motto.
ABOUT_LINE_MAX_UNITS = 30


def _posted_then_follow(a: str, b: str) -> bool:
    """Whether ``a``, ``b`` are when the account posted and its follow button, in either order (a follow
    button first needs a clock time or an explicit "Published" under it: a reading time has neither)."""
    if POSTED_WHEN.match(a) and _FOLLOW_BUTTON.match(b):
        return True
    return bool(_FOLLOW_BUTTON.match(a) and POSTED_WHEN.match(b) and
                (_CLOCK_TIME.search(b) or POSTED_IN_WORDS.match(b)))


def about_line(text: str) -> bool:
    """A poster's line about themselves: no name, no button, no time, no sentence ending it."""
    return not (_POSTER_NAME.fullmatch(text) or NAME_FOLLOW.fullmatch(text) or _FOLLOW_BUTTON.match(text)
                or POSTED_WHEN.match(text) or _FINAL.search(text)) and units(text) <= ABOUT_LINE_MAX_UNITS


def is_account_header(norms: list[str], i: int) -> bool:
    """Whether line ``i`` is the name of the account that posted, over its line of posting and its follow
    button in either order, the poster's line about themselves between them or not: the poster's, never a
    headline."""
    if i + 2 >= len(norms) or units(norms[i]) > ACCOUNT_MAX_UNITS:
        return False
    second, third = norms[i + 1].strip(), norms[i + 2].strip()
    if _posted_then_follow(second, third):
        return True
    name = norms[i].strip()
    if NAME_FOLLOW.fullmatch(name) and (POSTED_WHEN.match(second) or (
            about_line(second) and POSTED_WHEN.match(third))):
        return True  # the follow button beside the name: "Rachel Okafor · Follow" / "Published …"
    return i + 3 < len(norms) and bool(_POSTER_NAME.fullmatch(name)) and about_line(second) and \
        _posted_then_follow(third, norms[i + 3].strip())


def in_account_header(norms: list[str], i: int) -> bool:
    """Whether line ``i`` is the poster's name or the line about themselves under it (see
    is_account_header): never a headline."""
    return is_account_header(norms, i) or (i > 0 and about_line(norms[i].strip()) and
                                           is_account_header(norms, i - 1))


# A label whose name is on the next line: "News provided by" / "Corvane Robotics", "Posted by", "樓主" and the
# poster's name after it (a forum's original poster), never a headline.
_LABEL_FOR_NEXT = re.compile(r"^(?:[A-Za-z]+ ){0,3}[a-z]+(?:ed|en) by$|^(?:brought to you|presented) by$"
                             r"|^(?:楼主|樓主|层主|層主|发帖人|發帖人)(?:\s|$)", re.IGNORECASE)


def is_label_for_next(text: str) -> bool:
    """A byline's label that names nobody itself ("News provided by") or a forum's poster line (樓主 …)."""
    return bool(_LABEL_FOR_NEXT.search(_cut(text).strip()))


# A transcript's turn: a speaker's role, a colon, what they say ("Host: Rafael, there are dozens of …").
# An episode's credits ("With guest Rafael Mendes, …", "With host Maya Chen and guest …") name its speakers.
_SPEAKER_TURN = re.compile(r"^(?:host|co-host|guest|interviewer|moderator|narrator|question|answer|q|a"
                           r"|主持人|嘉宾|嘉賓|记者|記者|问|問|答)\s?[:：]\s?\S"
                           r"|^(?:with|featuring) (?:(?:our|special) )?(?:co-)?(?:hosts?|guests?)"
                           r" (?-i:[A-Z])",
                           re.IGNORECASE)


def is_speaker_turn(text: str) -> bool:
    """A line of a transcript that a speaker's role opens (Host:, Guest:, 主持人：), or an episode's credits
    line ("With guest …"): never a headline."""
    return bool(_SPEAKER_TURN.match(_cut(text).strip()))


# A request to the reader opening a line ("Please turn on JavaScript …", "请务必阅读…"), or a line that
# speaks of the page's own workings ("… to use this feature", "Listen to this article"): a notice from the
# site to its reader, never the article's headline.
_NOTICE = re.compile(r"^(?:please|kindly)\b|^(?:请|請)"
                     r"|\bthis (?:feature|page|site|website|article|content|browser)\b|\byour browser\b"
                     r"|\b(?:enable|turn on|allow) (?:javascript|cookies)\b"
                     r"|(?:本页|本頁|此页|此頁|本功能|此功能)"
                     # a recommendation to the reader: 建议使用最新版浏览器, 建議您升級…
                     r"|(?:建议|建議)您?(?:使用|升级|升級|更换|更換|开启|開啟)", re.IGNORECASE)


def is_notice(text: str) -> bool:
    """A notice to the reader: a request ("Please …", 请…) or words about the page itself ("this feature")."""
    return bool(_NOTICE.search(_cut(text).strip()))


# A social account's handle: "@反诈小林同学" opening a line, or ending one after a name ("Ann Lee @annlee").
_HANDLE = re.compile(r"^@[^\s@]{2,30}|\s@[\w.]{2,30}$")


def is_handle(text: str) -> bool:
    """A line that is or ends with an account's handle (@name): the poster's, never a headline."""
    return bool(_HANDLE.search(_cut(text).strip()))


# A tool's note of where a page came from: a past participle, "from" and a name in title case ("Clipped from
# Lakeside Ledger", "Saved from …", "Shared from …"), or 摘自/转自/剪藏自 and a name.
_TOOL_LABEL = re.compile(r"^[A-Z][a-z]{2,14}(?:ed|en) from (?P<en>(?:the |The )?[A-Z][\w&'’.-]*"
                         r"(?: (?:[A-Z&][\w&'’.-]*|of|for|and|on|the)){0,5})$"
                         r"|^(?:摘自|转自|轉自|剪藏自|收藏自|保存自)\s?[「『“《]?(?P<zh>[^\s，,。」』”》]{2,20})[」』”》]?$")


def is_tool_label(text: str) -> str | None:
    """The name in a tool's note of where a page came from ("Clipped from Lakeside Ledger"), or None."""
    m = _TOOL_LABEL.match(_cut(text).strip())
    return (m.group("en") or m.group("zh")) if m else None


# A row of repeated words: "SHARE Share Article via Facebook Share Article via Twitter …" (a share bar).
# (A headline may repeat itself for effect, "The AI the world wants and the AI the world gets": more than half
# of its words differ.)
REPEAT_MIN_WORDS = 10
REPEAT_MAX_DISTINCT = 0.5


def _repetitive(s: str) -> bool:
    if s.count(" ") < REPEAT_MIN_WORDS - 1:
        return False
    words = [w.casefold() for w in _LATIN_TOKEN.findall(s)]
    return len(words) >= REPEAT_MIN_WORDS and len(set(words)) <= REPEAT_MAX_DISTINCT * len(words)


# An edition's or a channel's name after a Chinese outlet's: 东海日报数字报 (its e-paper), X电子报, X客户端.
EDITION = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:数字报|數字報|电子报|電子報|电子版|電子版|客户端|客戶端)$")


def is_edition_name(text: str) -> bool:
    """An outlet's edition alone on a line (东海日报数字报, 江城晚报 数字报): a masthead, never a headline."""
    s = _cut(text).strip()
    if s.count(" ") == 1 and han_count(s) == len(s) - 1:
        s = s.replace(" ", "")  # the name and its edition set apart by a space, as a masthead sets them
    return len(s) <= 16 and " " not in s and bool(EDITION.search(s))


# A post's age, as social sites stamp it: "2d • Edited", "3h", "5 hours ago", "3小时前".
_AGE = re.compile(r"^\d{1,3}\s?(?:[smhdwy]|mo|min|hrs?|hours?|days?|weeks?)\b(?:\s?ago)?(?:\W|$)"
                  r"|^\d{1,3}\s?(?:秒|分钟|分鐘|小时|小時|天|周|週)前", re.IGNORECASE)


def is_profile(text: str) -> bool:
    """Three or more short phrases set apart by bars: a person's profile line under their name
    ("Head of Research at X | Speaker | Views my own"), never a headline."""
    s = _cut(text)
    if han_count(s):
        return False  # a Chinese headline may set its column and its words apart so (深度 | … | …)
    parts = [p.strip() for p in re.split(r"\s[|｜]\s", s)]
    return len(parts) >= 3 and all(p and units(p) <= PROFILE_PART_UNITS for p in parts)


# A phrase of a profile line is at most this long (words, or Han characters).
PROFILE_PART_UNITS = 10


def _spaced_items(s: str) -> bool:
    """A site's menu led by its home item, the items set apart by wide gaps, whatever words they hold
    ("Home  My Network  Jobs  For Business", "首页  发现  等你来答"): never a headline."""
    items = [p for p in re.split(r"\s{2,}|　", s.strip()) if p]
    return len(items) >= 4 and items[0].casefold() in _HOME_ITEMS and all(units(p) <= 4 for p in items)


_HOME_ITEMS = frozenset(["home", "首页", "首頁", "主页", "主頁"])
# A control of a page's toolbar: a word or three ("Save", "Print this page", "Auto-update ON").
CONTROL_MAX_WORDS = 3


def is_control_row(text: str) -> bool:
    """Two or more Latin controls set apart by wide gaps, none a sentence ("Gift this article    Save",
    "Refresh    Auto-update ON"): a toolbar copied as one line, never a headline (a headline's words are
    set one space apart; a Chinese headline may set its parts apart with a wide space, so Han is not one)."""
    s = _cut(text).strip()
    if han_count(s) or SENTENCE_END.search(s) or CLAUSE.search(s):
        return False
    items = [p for p in re.split(r"\s{2,}", s) if p]
    return len(items) >= 2 and all(len(p.split()) <= CONTROL_MAX_WORDS for p in items)


def split_title(text: str) -> tuple[str, str] | None:
    """(headline, outlet) of a ``Headline - Outlet`` line, or None (plain string search: no regex)."""
    s = " ".join(_cut(text).split())
    cut = max(s.rfind(sep) for sep in _TITLE_SEPARATORS)
    if cut < 6:
        return None
    head, tail = s[:cut].strip(), s[cut + 3:].strip()
    if not 2 <= len(tail) <= 30 or any(sep.strip() in tail for sep in _TITLE_SEPARATORS):
        return None
    return head, tail


# A host name alone in brackets after a linked headline on an aggregator ("… study finds (lab.example)").
_LINKED_HOST = re.compile(r"\((?:www\.)?[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,4}\.[a-z]{2,24}\)")


def title_suffix(text: str) -> str | None:
    """The headline of a ``Headline - Outlet`` or a linked ``Headline (host.example)`` line, or None."""
    parts = split_title(text)
    if parts:
        return parts[0]
    s = " ".join(_cut(text).split())
    cut = s.rfind(" (")
    if cut >= 6 and _LINKED_HOST.fullmatch(s[cut + 1:]):
        return s[:cut]
    return None


@dataclass(frozen=True)
class Regions:
    """Where the parts of a page are: indexes into the page's non-blank lines."""

    headline: int | None
    body_start: int
    body_end: int


def densest_run(gains: list[float]) -> tuple[int, int] | None:
    """The run of lines with the highest total gain (Kadane), or None when no line gains."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, g in enumerate(gains):
        if total <= 0:
            total, start = 0.0, i
        total += g
        if total > best:
            best, best_span = total, (start, i)
    return best_span
