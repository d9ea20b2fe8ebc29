"""Raw seed text -> the article's lines, and every dropped line with the reason it was dropped.

A pure stage: lines in, lines out, nothing read or written (the rules come from data/cleaning.yaml).
Kept lines are input lines with their surrounding spaces removed, never rewritten, so a kept line can
always be found in the seed.

The cleaner works in passes. The page model (layout.py) decides where the article is; the curated
patterns of cleaning.yaml are the last resort for the lines the model cannot tell by shape:

1. lines      a teaser marker (相关文章, Related articles) opens a block of other pages' teasers; the
              curated rules of cleaning.yaml; lines without words, breadcrumbs, relative time stamps;
2. crumbs     section names repeated from the breadcrumb;
3. shapes     key-points boxes, teasers under a label in capitals, and in-body lines whose shape is not
              article text: captions and credits, promotions behind a label, placeholders, engagement
              prompts, publication lines;
4. regions    the page model: the body is the densest run of prose, the headline the headline-shaped line
              that sits where a headline sits before it; chrome before, header between, tail after;
5. position   for a page with no body to find (a one-line page): the headline by position alone;
6. repetition summary boxes (导读, 简介) that repeat the article, lines repeated verbatim;
7. structure  headings left with no text under them (``参考文献`` above dropped placeholders).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "cleaning.yaml"

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*")
LETTER = re.compile(r"[^\W\d_]")
# Sentence punctuation: a line that has it reads as running text, not as a title or a label.
SENTENCE_END = re.compile(r"[。！？!?…]|\.(?:\s|$|[\"'”’)])")
CLAUSE_PUNCT = re.compile(r"[,，;；。]")
# Characters around a label or marker that are decoration, not words: ">>> Read more <<<", 【相关阅读】.
DECORATION = " \t<>»«›‹|·•*#=_~\u2014\u2013-【】[]()（）「」『』:：!！.。>"
BULLET = re.compile(r"^(?:[•●○■□◆◇▪▫‣⁃·*\-–]\s+|\d{1,2}[.、)）]\s*)")
# (?<!\s): a run of spaces is tried once, from its start, not again from each of its spaces (quadratic).
BREADCRUMB_SPLIT = re.compile(r"(?<!\s)\s*(?:>|»|›|/|\||＞)\s*")
# Relative time stamps of teaser lists: 1月前, 27天前, 3 hours ago, 刚刚.
RELATIVE_TIME = re.compile(
    r"^(?:\d+\s*(?:秒|分钟|分鐘|小时|小時|天|周|週|个月|個月|月|年)前|刚刚|剛剛|昨天|前天"
    r"|\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|just now|yesterday)$",
    re.IGNORECASE)
# A date or a time of day; a short line that is little more than this is a publication line.
DATE_OR_TIME = re.compile(
    r"(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}\s*月\s*\d{1,2}\s*日|民國\s*\d{2,3}\s*年"
    r"|\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4})",
    re.IGNORECASE)
# A time of day alone on its line with its zone or half of the day, as a live page heads its entries: 18.40
# GMT, 11:58 AM PT (a bare 03:41 is a recording's chapter mark, a byline's time).
TIME_ALONE = re.compile(r"\d{1,2}[:.][0-5]\d\s?(?:[ap]\.?m\.?(?:\s?[a-z]{2,4})?|[a-z]{2,4})", re.IGNORECASE)
# Lines longer than this are article text without looking further: no junk rule or shape applies to a line
# this long (the longest rule allows 600 characters), and no pattern runs over a line of unbounded length.
MAX_PATTERN_CHARS = 5000
META_WORDS = re.compile(
    r"(?:gmt|utc|cst|est|edt|pst|pdt|[+-]\d{1,2}|am|pm|updated|published|posted|ago|星期.|周.|週.|上午|下午"
    r"|北京|上海|深圳|台北|香港|发表于|發表於|发布|發布)", re.IGNORECASE)


@dataclass(frozen=True)
class Kept:
    """An article line: ``line`` is 1-based in the input; ``role`` is headline, heading, item or text."""

    line: int
    text: str
    role: str = "text"


@dataclass(frozen=True)
class Dropped:
    """A junk line: ``kind`` is the rule's stable code (see cleaning.yaml), ``reason`` what is reported."""

    line: int
    text: str
    reason: str
    kind: str


@dataclass
class Cleaned:
    """The result of cleaning one seed."""

    kept: list[Kept] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)

    @property
    def headline(self) -> Kept | None:
        return next((k for k in self.kept if k.role == "headline"), None)

    @property
    def body(self) -> list[Kept]:
        """The article lines in order, headline excluded."""
        return [k for k in self.kept if k.role != "headline"]


@dataclass(frozen=True)
class _Rule:
    kind: str
    reason: str
    patterns: tuple[re.Pattern[str], ...]
    max_chars: int


@dataclass(frozen=True)
class Rules:
    """The compiled contents of cleaning.yaml."""

    thresholds: dict[str, int]
    rules: tuple[_Rule, ...]
    markers: dict[str, bool]  # normalised marker -> ends_article
    summary_labels: re.Pattern[str]
    generic_headings: frozenset[str]


@cache
def load_rules(path: Path = DATA_PATH) -> Rules:
    """Compile the cleaning rules (once per process)."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    thresholds = dict(data["thresholds"])
    rules = tuple(
        _Rule(kind=r["kind"], reason=r["reason"],
              # One regex per rule: a line is tested once per rule, not once per pattern.
              patterns=(re.compile("|".join(f"(?:{p})" for p in r["search"]), re.IGNORECASE),),
              max_chars=int(r.get("max_chars", thresholds["max_junk_chars"])))
        for r in data["rules"])
    markers = {_key(name): group["ends_article"]
               for group in data["section_markers"] for name in group["names"]}
    labels = sorted((re.escape(unicodedata.normalize("NFKC", s)) for s in data["summary_labels"]),
                    key=len, reverse=True)
    summary = re.compile(rf"^(?:{'|'.join(labels)})\s*[:：]?\s*", re.IGNORECASE)
    return Rules(thresholds, rules, markers, summary, frozenset(_key(h) for h in data["generic_headings"]))


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _key(text: str) -> str:
    """Comparison form: normalised, decoration stripped, case-folded, inner spaces collapsed."""
    return " ".join(_norm(text).strip(DECORATION).casefold().split())


# Everything but letters, digits and Han (\W, and the underscore that \w lets through).
_NOT_ALNUM = re.compile(r"[\W_]+")


def _squash(text: str) -> str:
    """Comparison form for repetition: letters, digits and Han only."""
    return _NOT_ALNUM.sub("", _norm(text).casefold())


def han_count(text: str) -> int:
    """Number of Han characters."""
    return len(HAN.findall(text))


def word_count(text: str) -> int:
    """Number of Latin words and numbers."""
    return len(WORD.findall(text))


def is_prose(text: str, t: dict[str, int]) -> bool:
    """Running text: long enough, and punctuated like sentences."""
    long_enough = han_count(text) >= t["prose_min_han"] or word_count(text) >= t["prose_min_words"]
    return long_enough and bool(SENTENCE_END.search(text) or CLAUSE_PUNCT.search(text))


def _size_ok(text: str, max_han: int, max_words: int) -> bool:
    han = han_count(text)
    return han <= max_han if han else word_count(text) <= max_words


def is_heading(text: str, t: dict[str, int]) -> bool:
    """A sub-heading: short, no clause punctuation, not ending like a sentence."""
    s = _norm(text)
    if not LETTER.search(s) or BULLET.match(s) or CLAUSE_PUNCT.search(s) or s.endswith((".", ":")):
        return False
    return _size_ok(s, t["heading_max_han"], t["heading_max_words"])


def _headline_shaped(text: str, t: dict[str, int], r: Rules) -> bool:
    s = _norm(text)
    if BULLET.match(s) or "。" in s or s.endswith((".", ",", "，", ";", "；", ":", "、")):
        return False
    if _key(s) in r.generic_headings:
        return False
    han, words = han_count(s), word_count(s)
    if han:
        return t["headline_min_han"] <= han <= t["headline_max_han"]
    return t["headline_min_words"] <= words <= t["headline_max_words"]


def _match_rule(norm: str, r: Rules) -> _Rule | None:
    for rule in r.rules:
        if len(norm) <= rule.max_chars and any(p.search(norm) for p in rule.patterns):
            return rule
    return None


# A short label ended by a colon before a path of the site's sections.
_PATH_LABEL = re.compile(r"[^:：>»›|/]{1,12}[:：] ?")
_HOME_STEPS = frozenset(["首页", "首頁", "主页", "主頁", "home", "homepage"])


def _breadcrumb_segments(norm: str) -> list[str] | None:
    """The segments of a breadcrumb line (``首页 > 科技 > 标题``), or None if it is not one."""
    home = norm.startswith(("首页", "首頁", "当前位置", "當前位置"))
    # a path set with chevrons may end in the page's headline, a question or a sentence (论坛 › 版块 › 标题？)
    chevrons = norm.count("›") + norm.count("»") >= 2
    if SENTENCE_END.search(norm.rstrip(">»›/| ")) and not home and not chevrons:
        return None
    parts = [p for p in BREADCRUMB_SPLIT.split(norm) if p]
    if len(parts) == 2 and (m := _PATH_LABEL.match(parts[0])) \
            and parts[0][m.end():].strip().casefold() in _HOME_STEPS and _size_ok(parts[1], 12, 5):
        # under a label, a path of two steps from the site's home is one ("您现在的位置：首页 > 通知公告",
        # "You are here: Home > News")
        parts = [parts[0][:m.end()].rstrip(" :："), parts[0][m.end():].strip(), parts[1]]
    if len(parts) < 3 or not all(LETTER.search(p) for p in parts):
        return None
    if not all(_size_ok(p, 12, 5) for p in parts[:-1]):
        return None
    return parts


def _shape_reason(norm: str, t: dict[str, int]) -> tuple[str, str] | None:  # noqa: PLR0911 - one per shape
    """Junk recognised by the shape of the line rather than by its words."""
    if TIME_ALONE.fullmatch(norm.strip()):
        # a live page's entries are headed by their time: no byline, and nothing to set a deck against
        return "timestamp", "time of day alone (a live entry's time stamp)"
    if len(norm) <= 60 and DATE_OR_TIME.search(norm):
        rest = META_WORDS.sub("", DATE_OR_TIME.sub("", norm))
        if han_count(rest) <= 6 and word_count(rest) <= 3 and not SENTENCE_END.search(rest):
            return "byline", "publication date line"
    if not LETTER.search(norm):
        return "no-words", "numbers or symbols without words (counter, separator)"
    if RELATIVE_TIME.match(norm):
        return "teaser", "relative time stamp of a teaser list"
    if _breadcrumb_segments(norm):
        return "navigation", "navigation/breadcrumb"
    gaps = len(re.findall(r"[\u4e00-\u9fff”\"!?)]\s+(?=[\u4e00-\u9fff“\"])", norm))
    if (len(norm) >= t["headline_run_min_chars"] and han_count(norm) and "。" not in norm
            and gaps >= t["headline_run_min_gaps"] and han_count(norm) / max(gaps, 1) < 40):
        return "headline-run", "run of unrelated headlines"
    tokens = norm.split()
    if (len(tokens) >= 3 and han_count(norm) and all(len(tok) <= 6 for tok in tokens)
            and not re.search(r"[,，。:：!！?？;；、]", norm)
            and sum(1 for tok in tokens if HAN.search(tok)) >= 2 and all(len(tok) >= 2 for tok in tokens)):
        return "tag-line", "tag line"
    return None


# A count after a section's name: "Comments (14)", "跟贴 128", "相关推荐（12）".
_TRAILING_COUNT = re.compile(r"\s?[(（]?\d{1,6}[)）]?$")


def _marker(norm: str, r: Rules) -> tuple[str, bool] | None:
    key = _key(_TRAILING_COUNT.sub("", norm) if len(norm) <= 40 else norm)
    if key in r.markers:
        return norm.strip(DECORATION), r.markers[key]
    return None


@dataclass
class _Page:
    """The state the passes share: the non-blank lines, their normal forms, and a verdict for each."""

    items: list[tuple[int, str]]
    norms: list[str]
    verdict: list[tuple[str, str] | None]
    headline: int | None = None
    modelled: bool = False  # the page model placed the headline and the body (see _pass_regions)
    timecodes: set[int] = field(default_factory=set)  # lines that open with a recording's running time
    wrapped: set[int] = field(default_factory=set)  # lines of paragraphs broken at a fixed width

    def alive(self) -> list[int]:
        return [n for n, v in enumerate(self.verdict) if v is None]

    def kind(self, n: int) -> str | None:
        """What line ``n`` was dropped as ("byline", "promotion", ...), or None while it is kept."""
        v = self.verdict[n]
        return v[0] if v is not None else None


def clean_lines(lines: list[str], rules: Rules | None = None) -> Cleaned:
    """Split raw lines into article lines (with roles) and dropped lines (with reasons)."""
    r = rules or load_rules()
    items = [(i + 1, raw.strip()) for i, raw in enumerate(lines) if raw.strip()]
    page = _Page(items, [_norm(text) for _, text in items], [None] * len(items))
    stages = (_pass_lines, _pass_crumbs, _pass_shapes, _pass_running_times, _pass_regions, _pass_position,
              _pass_repetition, _pass_structure, _pass_fences)
    for stage in stages:
        stage(page, r)
    out = Cleaned()
    for n, (lineno, text) in enumerate(items):
        v = page.verdict[n]
        if v is not None:
            out.dropped.append(Dropped(lineno, text, v[1], v[0]))
        elif n == page.headline:
            out.kept.append(Kept(lineno, text, "headline"))
        elif BULLET.match(page.norms[n]):
            out.kept.append(Kept(lineno, text, "item"))
        else:
            # a line of a paragraph broken at a fixed width is text, however short and unpunctuated
            role = "heading" if is_heading(page.norms[n], r.thresholds) and n not in page.wrapped else "text"
            out.kept.append(Kept(lineno, text, role))
    return out


def _pass_lines(page: _Page, r: Rules) -> None:
    """Pass 1: teaser sections, the curated patterns, the shape of each line."""
    norms = page.norms
    section: tuple[str, bool] | None = None
    for n, norm in enumerate(norms):
        if len(norm) > MAX_PATTERN_CHARS:
            section = None  # a paragraph this long is the article, never a teaser
            continue
        marker = _marker(norm, r)
        if marker:
            page.verdict[n] = ("teaser-marker", f"start of a related-articles block ({marker[0]})")
            section = marker
            continue
        rule = _match_rule(norm, r)
        shape = None if rule else _shape_reason(norm, r.thresholds)
        if section:
            if rule is None and shape is None and _resumes(norms, n, section[1], r):
                section = None
            else:
                page.verdict[n] = ("teaser", f"related-articles block (after {section[0]})")
                continue
        if rule:
            page.verdict[n] = (rule.kind, rule.reason)
        elif shape:
            page.verdict[n] = shape


# What a line between others costs the run of lines that is the body (see layout.densest_run): a line
# still alive that does not read as prose, and a line already dropped (a caption, a share bar). A body
# paragraph gains up to 2, so a paragraph pays for a heading or a caption next to it, while prose in the
# tail, across a credit line and a few labels, does not join the article.
ALIVE_LINE_COST = 0.45
DROPPED_LINE_COST = 0.3
# Lines between two lines of one promotion that belong to it (its name, its pitch).
PROMOTION_MAX_INSIDE = 3
# A teaser's headline under a label in brackets is at most this long (words and Han characters).
TEASER_MAX_UNITS = 30

# The headline's score (layout.py): a byline or date within this many lines after it; a point for each
# this many words or characters of length, up to the length of a full headline (a column name or a
# slogan is shorter than a headline).
BYLINE_WINDOW = 2
HEADLINE_UNITS_PER_POINT = 8
HEADLINE_FULL_UNITS = 24
# A line above the headline shorter than this and than half the headline is a kicker or a section label.
KICKER_MAX_UNITS = 6
# A paragraph of this many words or Han characters is the article's text, no deck or standfirst.
PARAGRAPH_MIN_UNITS = 35


def _pass_shapes(page: _Page, r: Rules) -> None:
    """Pass 3: key-points boxes, teasers under a label in capitals, and lines whose shape is not article."""
    from build_tools.ingest import layout

    norms, verdict = page.norms, page.verdict
    count = len(norms)
    seen_prose: int | None = None  # the first line of prose: above it, a time of day is a publication line
    paragraph_above = False  # a full paragraph (no deck's length) is above
    listed = {m for run in numbered_runs(norms) for m in run}
    n = 0
    while n < count:
        # A key points box sits above the article's text; a label of its words under a full paragraph,
        # over items that are sentences ("Highlights" in release notes), heads a section of the text.
        if verdict[n] is None and layout.is_key_points_label(norms[n]) and not (
                paragraph_above and n + 1 < count and layout.ends_like_prose(norms[n + 1])):
            # The box ends where its form does (a sentence after items without full stops is the article),
            # and at a blank line once it has items: a box is set in one block.
            n = _drop_run(page, n, "lead-box", "key points box repeating the article",
                          lambda m, first=n + 1: layout.is_key_point(norms[m])
                          and layout.same_ending(norms[m], norms[first])
                          and (m == first or page.items[m][0] - page.items[m - 1][0] == 1))
            continue
        if (after := _drop_promotion_block(page, n)) is not None:
            n = after
            continue
        if verdict[n] is None and layout.is_caps_label(norms[n]) and any(
                layout.prose_weight(norms[m]) for m in range(n)):
            n = _drop_run(page, n, "promotion", "teaser under a label (video, newsletter, live)",
                          lambda m, label=n: m - label <= 3 and not layout.is_key_points_label(norms[m]) and (
                              layout.is_caps_label(norms[m]) or not layout.ends_like_prose(norms[m])
                              or (m == label + 1 and layout.is_reader_question(norms[m]))))
            continue
        if verdict[n] is None:
            verdict[n] = layout.inline_junk(norms[n])
        if verdict[n] is None and layout.is_metadata_line(norms[n], times=seen_prose is None) \
                and not (seen_prose is not None and n in listed):
            # An item of a numbered list inside the article may carry a date (（二）…于5月31日前完成初审；).
            verdict[n] = ("byline", "author/publication line")
        if seen_prose is None and layout.prose_weight(norms[n]):
            seen_prose = n
        if verdict[n] is None and layout.units(norms[n]) >= PARAGRAPH_MIN_UNITS \
                and layout.prose_weight(norms[n]):
            paragraph_above = True
        n += 1
    _promotion_neighbours(page)


# A line that opens with a running time of a recording: "00:00 Intro", "(02:41) The missing rung",
# "[00:06:40]", "1:04:09 Q&A".
_RUNNING_TIME = re.compile(r"[\[(]?(?:(\d{1,2}):)?(\d{1,2}):([0-5]\d)[\])]?(?=\s|$)")
RUNNING_TIMES_MIN = 2


def _running_time(norm: str) -> int | None:
    """The seconds of the running time that opens line ``norm``, or None."""
    m = _RUNNING_TIME.match(norm.strip())
    if m is None:
        return None
    return int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + int(m.group(3))


def _pass_running_times(page: _Page, r: Rules) -> None:
    """Pass 3b: a recording's running times (a show's chapter marks, a transcript's time marks) are no
    publication time. Lines that open with a time, in the page's order, starting at zero and rising
    (00:00 Intro, 02:10 …, 14:35 …) count a recording from its start; a clock's times (a live page's entries,
    a publication line) do not start at midnight and rise. None of them is the byline of a line above it
    (the show notes' description over its chapter list is no headline); they stay what the other passes
    make of them (a chapter list inside the article is kept)."""
    runs: list[list[int]] = []
    current: list[int] | None = None
    last = 0
    for n, norm in enumerate(page.norms):
        seconds = _running_time(norm)
        if seconds is None:
            continue
        if seconds == 0:
            current = [n]
            runs.append(current)
        elif current is not None and seconds > last:
            current.append(n)
        else:
            current = None  # a time that does not continue the count ends it
        last = seconds
    for run in runs:
        if len(run) < RUNNING_TIMES_MIN:
            continue
        page.timecodes.update(run)


def _recording_description(page: _Page, start: int) -> None:
    """A show's description between its headline and its chapter marks (the show notes) is no article
    text, but like a headline's subtitle it says what the episode is about: it is dropped as one."""
    from build_tools.ingest import layout

    marks = [n for n in page.timecodes if n < start]
    if page.headline is None or not marks:
        return
    for n in reversed(range(page.headline + 1, min(marks))):
        if page.kind(n) == "header" and layout.prose_weight(page.norms[n]):
            page.verdict[n] = ("subtitle", "the show's description, above its chapter marks")
            return


def _promotion_neighbours(page: _Page) -> None:
    """Short lines between two lines of one promotion are part of it (a newsletter box: its name, its
    pitch, its privacy notice), and a teaser's headline under a label alone in brackets is the teaser's."""
    from build_tools.ingest import layout

    norms, verdict = page.norms, page.verdict
    count = len(norms)
    promo = ("promotion", "engagement")
    for n in range(1, count):
        before = page.kind(n - 1)
        if before not in promo or verdict[n] is not None:
            continue
        run = n
        while run < count and run - n < PROMOTION_MAX_INSIDE and verdict[run] is None \
                and not layout.ends_like_prose(norms[run]):
            run += 1
        if run < count and page.kind(run) in promo:
            for m in range(n, run):
                verdict[m] = (before, "inside a promotion")
    # A teaser's headline under a label alone in brackets (〔相關新聞〕, 【延伸阅读】): short, no full stop;
    # but a line with its own byline under it is the page's headline under its category ([经验分享]), and a
    # line ending in a colon leads into the text under it (a notice's salutation, 各有关单位：).
    for n in range(1, count):
        if verdict[n] is None and page.kind(n - 1) == "promotion" and layout.is_bracket_label(norms[n - 1]) \
                and not layout.ends_like_prose(norms[n]) and layout.units(norms[n]) <= TEASER_MAX_UNITS \
                and not layout.is_section_number(norms[n]) and not norms[n].rstrip().endswith(("：", ":")) \
                and not _byline_under(page, n):
            verdict[n] = ("teaser", "teaser under a label in brackets")


# A headline's byline may sit under the poster's name and a forum's label for them (秋招打工人 / 楼主 /
# 发表于 …): this many short lines down at most, none longer than a name.
BYLINE_UNDER_REACH = 3
NAME_MAX_UNITS = 8


def _byline_under(page: _Page, n: int) -> bool:
    """Whether line ``n`` has its own byline under it, past a name and a label at most."""
    from build_tools.ingest import layout

    for m in range(n + 1, min(len(page.norms), n + 1 + BYLINE_UNDER_REACH)):
        if page.kind(m) == "byline":
            return True
        if page.verdict[m] is not None or layout.units(page.norms[m]) > NAME_MAX_UNITS:
            return False
    return False


def _drop_promotion_block(page: _Page, n: int) -> int | None:
    """Drop a promotion under a label at line ``n`` down to its call to action; the next line, or None."""
    from build_tools.ingest import layout

    last = layout.promotion_block_end(page.norms, n)
    if last is None:
        return None
    for m in range(n, last + 1):
        page.verdict[m] = page.verdict[m] or ("promotion", "promotion under a label, to its call to action")
    return last + 1


def _drop_run(page: _Page, n: int, kind: str, reason: str, belongs) -> int:
    """Drop line ``n`` and the lines after it that ``belongs`` (dropped lines are passed over); the next."""
    page.verdict[n] = (kind, reason)
    m = n + 1
    while m < len(page.norms) and (page.verdict[m] is not None or belongs(m)):
        if page.verdict[m] is None:
            page.verdict[m] = (kind, reason)
        m += 1
    return m


def _pass_regions(page: _Page, r: Rules) -> None:
    """Pass 4, the page model (layout.py): the body, the headline, then header, chrome and tail."""
    from build_tools.ingest import layout

    norms, verdict = page.norms, page.verdict
    count = len(norms)
    gains = [-DROPPED_LINE_COST if verdict[i] else (_text_weight(norms[i]) or -ALIVE_LINE_COST)
             for i in range(count)]
    wrapped = page.wrapped = _wrapped_paragraphs(page, gains)
    _lists_between_paragraphs(page, gains)
    span = layout.densest_run(gains)
    if span is None:
        return
    body = [i for i in range(span[0], span[1] + 1) if verdict[i] is None and gains[i] > 0]
    # A short sentence holds a list inside the article together, but does not extend it: after the last
    # paragraph it is the tail's ("Thanks for reading.", "欢迎转发分享。").
    # Above the editor's credit, which closes the article's text, it is the article's last line.
    while len(body) > 1 and gains[body[-1]] <= layout.SHORT_SENTENCE_WEIGHT \
            and not _above_credit(page, body[-1]) and body[-1] not in wrapped:
        body.pop()
    body = _before_author_box(page, _before_tail_rows(page, _before_boilerplate(norms, body)))
    if len(body) > 1 and layout.is_sign_off(norms[body[-1]]):
        body.pop()  # "Thanks for reading! If you liked this, subscribe …": the tail's
    end = _with_contact_lines(page, _with_closing_formula(page, _with_list_after(page, body[-1], r)))
    start = body[0]
    page.headline = _labelled_headline(page, r, start) or _find_headline(page, r, start)
    if page.headline is None and len(body) >= 3 and _opening_hook(norms[start], r):
        page.headline = start  # a post without a headline: its short opening line stands for one
    if page.headline == start:  # a headline with a colon or comma reads as text: the body starts after it
        start = next((i for i in body if i > start), start)
    start = _above_lead_picture(page, _past_deck(page, start, body), body)
    start = _with_opening(page, r, start, end)
    page.modelled = True
    for i in range(count):
        if verdict[i] is not None or start <= i <= end or i == page.headline:
            continue
        if i > end and is_heading(norms[i], r.thresholds) and all(verdict[m] for m in range(end + 1, i)):
            verdict[i] = ("orphan-heading", "heading of a dropped section")
        elif i > end:
            verdict[i] = ("tail", "after the article (tags, share, related stories, comments, footer)")
        elif page.headline is not None and i > page.headline:
            verdict[i] = ("header", "between the headline and the article (standfirst, byline, share)")
        elif page.headline is not None or not is_prose(norms[i], r.thresholds):
            verdict[i] = ("chrome", "page furniture before the headline")
    _recording_description(page, start)


# A line broken at a fixed width (a board's post, a mail archive): a line that goes on in the next one ends
# with a clause's mark and is at least this long (words and Han characters), or ends inside a clause and is
# at least this share of the widest line of its block, and this many columns wide.
WRAPPED_MIN_UNITS = 8
WRAPPED_WIDTH_SHARE = 0.75
WRAPPED_MIN_COLUMNS = 40
_GOES_ON = re.compile(r"[,，、;；]$")
_BROKEN_OFF = re.compile(r"[\w\u4e00-\u9fff)）\]」』”\"']$")


def _columns(text: str) -> int:
    """The width of a line in columns: a wide (CJK) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrapped_paragraphs(page: _Page, gains: list[float]) -> set[int]:
    """Lines broken at a fixed width are one paragraph: each line of it gains its share of what the whole
    paragraph gains, so that a post wrapped into short lines (none of which ends like a sentence) reads as
    the prose it is. A block is a run of lines with no blank line between them; in it a line goes on in the
    next when it ends in the middle of a sentence (after a comma, or inside a clause at the block's width).
    The lines of such paragraphs are returned."""
    from build_tools.ingest import layout

    wrapped: set[int] = set()
    count = len(page.norms)
    n = 0
    while n < count:
        block_end = n + 1
        while block_end < count and page.items[block_end][0] - page.items[block_end - 1][0] == 1:
            block_end += 1
        # the width the text is broken at: its widest line (not a row of items set apart by wide gaps)
        widest = max((_columns(page.norms[m].strip()) for m in range(n, block_end)
                      if not _WIDE_GAPS.search(page.norms[m].strip())), default=0)
        m = n
        while m < block_end:
            last = m
            while last + 1 < block_end and page.verdict[last] is None and page.verdict[last + 1] is None \
                    and _goes_on(*_unquoted(page.norms[last], page.norms[last + 1]), widest):
                last += 1
            if last > m:
                lines = [page.norms[k].strip() for k in range(m, last + 1)]
                joined = ("" if han_count(lines[0]) else " ").join(lines)
                weight = layout.prose_weight(joined)
                if weight:
                    total = sum(len(line) for line in lines)
                    for k, line in zip(range(m, last + 1), lines, strict=True):
                        gains[k] = weight * len(line) / total
                    wrapped.update(range(m, last + 1))
            m = last + 1
        n = block_end
    return wrapped


_QUOTE_MARKS = re.compile(r"^(?:>\s?)+")


def _unquoted(line: str, following: str) -> tuple[str, str]:
    """Two lines of a block, without the marks that quote both of them from an earlier message (> …)."""
    line, following = line.strip(), following.strip()
    if _QUOTE_MARKS.match(line) and _QUOTE_MARKS.match(following):
        return _QUOTE_MARKS.sub("", line), _QUOTE_MARKS.sub("", following)
    return line, following


def _goes_on(line: str, following: str, widest: int) -> bool:
    """Whether a line of a block broken at a fixed width goes on in the next line: it ends after a comma,
    or inside a clause at about the block's width, where the next line takes the sentence up (in lower
    case, or in Chinese after a clause already begun). A line of items set apart by wide gaps never does."""
    from build_tools.ingest import layout

    if BULLET.match(line) or layout.ends_like_prose(line) or _WIDE_GAPS.search(line):
        return False
    if _GOES_ON.search(line):
        return layout.units(line) >= WRAPPED_MIN_UNITS
    columns = _columns(line)
    if not (_BROKEN_OFF.search(line) and columns >= WRAPPED_MIN_COLUMNS
            and columns >= WRAPPED_WIDTH_SHARE * widest):
        return False
    if han_count(line):
        return bool(CLAUSE_PUNCT.search(line)) and bool(HAN.match(following) or following[:1].isalnum())
    return following[:1].islower()


_WIDE_GAPS = re.compile(r"\S(?: {2,}|\t|\u3000)\S")


# A paragraph that leads into what follows it ends with a colon ("…有关事项通知如下：", "Here is what we
# found after a month:"): at least this long (words and Han characters), with a clause inside it.
LEAD_PARAGRAPH_MIN_UNITS = 20


def _text_weight(norm: str) -> float:
    """What a line gains the body (layout.prose_weight); a paragraph that ends with a colon, leading into a
    list or the text under it, gains as the sentence it is."""
    from build_tools.ingest import layout

    s = norm.strip()
    if s.endswith((":", "：")) and layout.units(s) >= LEAD_PARAGRAPH_MIN_UNITS and CLAUSE_PUNCT.search(s) \
            and not BULLET.match(s):
        return layout.prose_weight(s[:-1] + ("。" if han_count(s) else "."))
    return layout.prose_weight(norm)


# A list's lead-in ("In this episode:", "本期内容：") is at most this long (words and Han characters).
LEAD_IN_MAX_UNITS = 12
# A list under a lead-in has at least this many items; under a subheading without a colon, this many.
LIST_MIN_ITEMS = 2
SUBHEADING_LIST_MIN_ITEMS = 3
SUBHEADING_ITEM_MIN_UNITS = 4


# A list set without bullets inside the article: at most this many items, each at most this many words or
# Han characters (a feature, a task, a name), between two paragraphs.
LIST_MAX_ITEMS = 12
LIST_ITEM_MAX_UNITS = 12


def _lists_between_paragraphs(page: _Page, gains: list[float]) -> None:
    """A run of short lines without a full stop set directly between two paragraphs is a list inside the
    article whose items carry no bullet: it costs the body nothing, so the paragraph after it is not cut
    off (a line that is not prose costs the body otherwise)."""
    from build_tools.ingest import layout

    count = len(gains)
    n = 1
    while n < count:
        if gains[n - 1] <= layout.SHORT_SENTENCE_WEIGHT:
            n += 1
            continue
        # under a short lead-in ending with a colon ("草案提出三项要求：", "The draft sets out three tests:"),
        # the items may carry bullets
        led = page.verdict[n] is None and gains[n] <= 0 and _lead_in(page.norms[n])
        first = end = n + 1 if led else n
        while end < count and page.verdict[end] is None and gains[end] <= 0 and (
                _bare_item(page.norms[end]) or (led and _bulleted_item(page.norms[end]))):
            end += 1
        if LIST_MIN_ITEMS <= end - first <= LIST_MAX_ITEMS and end < count \
                and gains[end] > layout.SHORT_SENTENCE_WEIGHT:
            for m in range(n, end):
                gains[m] = 0.0
        n = end + 1
    # A numbered list set between two paragraphs is the article's too (拟立项名单 1. … 8., a course list),
    # unlike a numbered list of teasers or a ranking, which sits under its own label or after the text.
    for run in numbered_runs(page.norms):
        before, after = run.start - 1, run.stop
        if before >= 0 and after < count and gains[before] > layout.SHORT_SENTENCE_WEIGHT \
                and gains[after] > layout.SHORT_SENTENCE_WEIGHT \
                and all(page.verdict[m] is None for m in run):
            for m in run:
                gains[m] = max(gains[m], 0.0)


# A numbered list inside the article (a notice's projects, courses, steps) has at most this many items, each
# at most this many words or Han characters: a name with its owner in brackets, a step ending in "；".
NUMBERED_MAX_ITEMS = 30
NUMBERED_ITEM_MAX_UNITS = 60
_HAN_DIGITS = "一二三四五六七八九十"
_ITEM_NUMBER = re.compile(
    r"^(?:(\d{1,2})[.、．)）]|[（(](\d{1,2}|[一二三四五六七八九十]{1,2})[）)]|([①-⑳]))\s*\S")


def _item_number(norm: str) -> int | None:
    """The number of a list's item (1. 2、 3) （一） (4) ⑤), or None for a line that is not numbered."""
    m = _ITEM_NUMBER.match(norm)
    if m is None:
        return None
    if m.group(3):
        return ord(m.group(3)) - ord("①") + 1
    digits = m.group(1) or m.group(2)
    if digits.isdigit():
        return int(digits)
    if len(digits) == 1:
        return _HAN_DIGITS.index(digits) + 1
    # 十一 .. 十九 and 二十: one numeral ten, or tens before it.
    if digits[0] == "十":
        return 10 + _HAN_DIGITS.index(digits[1]) + 1
    return (_HAN_DIGITS.index(digits[0]) + 1) * 10 if digits[1] == "十" else None


def numbered_runs(norms: list[str]) -> list[range]:
    """Runs of consecutive lines numbered in sequence from one (1. 2. 3., （一）（二）, ①②), at least two
    items of at most NUMBERED_ITEM_MAX_UNITS each."""
    from build_tools.ingest import layout

    runs = []
    n = 0
    while n < len(norms):
        if _item_number(norms[n]) != 1:
            n += 1
            continue
        end = n + 1
        while end < len(norms) and end - n < NUMBERED_MAX_ITEMS \
                and _item_number(norms[end]) == end - n + 1 \
                and layout.units(norms[end]) <= NUMBERED_ITEM_MAX_UNITS:
            end += 1
        if end - n >= LIST_MIN_ITEMS and layout.units(norms[n]) <= NUMBERED_ITEM_MAX_UNITS:
            runs.append(range(n, end))
        n = end
    return runs


def _lead_in(norm: str) -> bool:
    """A list's short lead-in, ended by a colon ("本次调整包括：", "What changes:")."""
    from build_tools.ingest import layout

    s = norm.strip()
    return s.endswith((":", "：")) and layout.units(s) <= LEAD_IN_MAX_UNITS and not BULLET.match(s)


def _bulleted_item(norm: str) -> bool:
    """A list's item behind a bullet, short (a feature, a task, a name)."""
    from build_tools.ingest import layout

    return bool(BULLET.match(norm)) and layout.units(norm) <= LIST_ITEM_MAX_UNITS


def _bare_item(norm: str) -> bool:
    """A list's item set without a bullet: short, no label before a colon (a bulleted list and a line of
    ``Label: value`` have their own rules)."""
    from build_tools.ingest import layout

    return layout.units(norm) <= LIST_ITEM_MAX_UNITS and not BULLET.match(norm) \
        and ":" not in norm and "：" not in norm


def _above_credit(page: _Page, n: int) -> bool:
    """Whether line ``n`` sits directly above the editor's or the agency's credit (责任编辑：…, (完),
    Reporting by …), which closes the article's text: a short sentence there is its last line."""
    return n + 1 < len(page.norms) and page.kind(n + 1) == "credit"


def _with_list_after(page: _Page, end: int, r: Rules) -> int:
    """The body's last line, past a list that directly follows it under a lead-in ending with a colon
    ("In this episode:" then "- …" items): a list's items have no full stop, but they are the article's.
    A subheading leads into a list the same way ("Topics discussed", a blank line, then the items), but it
    says less than a colon: its list has at least SUBHEADING_LIST_MIN_ITEMS items (a box of two notes or two
    links under a heading is the page's tail), each a phrase of SUBHEADING_ITEM_MIN_UNITS words or more (a
    row of topic tags under "Explore more" is not), and a section the page names as its tail ("Related
    stories") is dropped before this and leads into nothing."""
    from build_tools.ingest import layout

    lead = end + 1
    if lead >= len(page.norms) or page.verdict[lead] is not None:
        return end
    s = page.norms[lead].strip()
    subheading = not s.endswith((":", "：")) and is_heading(s, r.thresholds)
    if not (s.endswith((":", "：")) or subheading) or layout.units(s) > LEAD_IN_MAX_UNITS or BULLET.match(s):
        return end
    gap = 2 if subheading else 1  # a blank line may stand under a subheading
    last = lead
    while last + 1 < len(page.norms) and page.verdict[last + 1] is None \
            and BULLET.match(page.norms[last + 1]) \
            and page.items[last + 1][0] - page.items[last][0] <= (gap if last == lead else 1):
        last += 1
    if subheading and (last - lead < SUBHEADING_LIST_MIN_ITEMS or any(
            layout.units(page.norms[m]) < SUBHEADING_ITEM_MIN_UNITS for m in range(lead + 1, last + 1))):
        return end
    return last if last - lead >= LIST_MIN_ITEMS else end


# How many lines of a notice (a contact line, a note) may stand between its last paragraph and its closing
# formula.
CLOSING_MAX_GAP = 2


def _with_contact_lines(page: _Page, end: int) -> int:
    """The body's last line, past a notice's contact lines directly under it (联系人：…，电话：…): whom to
    call is the notice's text, though it has no full stop; its signature and attachments below are not."""
    from build_tools.ingest import layout

    after = end + 1
    while after < len(page.norms) and page.verdict[after] is None \
            and layout.is_contact_line(page.norms[after]):
        after += 1
    return after - 1


def _with_closing_formula(page: _Page, end: int) -> int:
    """The body's last line, past the formula that closes a notice under it (特此通知。), with what stands
    between them (联系人：…): a short sentence after the last paragraph is otherwise the tail's."""
    from build_tools.ingest import layout

    for after in range(end + 1, min(end + 2 + CLOSING_MAX_GAP, len(page.norms))):
        if page.verdict[after] is not None:
            return end
        if layout.is_closing_formula(page.norms[after]):
            return after
    return end


def _last_of_list(page: _Page, n: int, r: Rules) -> bool:
    """Whether line ``n``, a heading's shape above the first paragraph, is the last of a run of lines of that
    shape in the header (a summary's points without full stops): an item of the header's list, not the
    heading of the article's first section. A numbered or generic heading opens the body whatever is above
    it, and so does one that repeats an earlier line (the heading a table of contents pointed to)."""
    from build_tools.ingest import layout

    norm = page.norms[n]
    if _key(norm) in r.generic_headings or layout.is_section_number(norm):
        return False
    if any(_squash(page.norms[m]) == _squash(norm) for m in range(n)):
        return False
    above = range(n - LIST_MIN_ITEMS, n)
    return above.start >= 0 and all(
        m != page.headline and page.kind(m) != "byline" and _opens_body(page.norms[m], r) for m in above)


def _above_lead_picture(page: _Page, start: int, body: list[int]) -> int:
    """The body's first line, past a single sentence above the lead picture: a line of a standfirst's shape
    with only a picture's caption between it and the next paragraph sits in the header (a disclosure, a
    deck), since the lead picture opens the article."""
    from build_tools.ingest import layout

    after = [i for i in body if i > start]
    between = range(start + 1, after[0]) if after else range(0)
    # the picture's caption, and what is set with it that is no prose (a rating, a label)
    kinds = [page.kind(j) for j in between]
    if "caption" not in kinds or any(
            kind not in ("caption", None) or (kind is None and layout.prose_weight(page.norms[j]))
            for j, kind in zip(between, kinds, strict=True)):
        return start
    if not layout.is_deck(page.norms[start]) or len(body) < 3:
        return start
    for j in (start, *between):
        page.verdict[j] = page.verdict[j] or ("header", "above the lead picture (standfirst, disclosure)")
    return after[0]


def _past_deck(page: _Page, start: int, body: list[int]) -> int:
    """The body's first line, past a standfirst set against the header above it.

    On a page whose paragraphs are set apart by blank lines, a one-sentence line that sits directly under
    the byline or date lines, with a blank line only after it, belongs to the header (a deck, a teaser of
    the article), not to the article.
    """
    from build_tools.ingest import layout

    after = [i for i in body if i > start]
    under = page.headline is not None and start == page.headline + 1
    if after and layout.is_deck(page.norms[start], sentences=2, under_headline=under) and any(
            (page.verdict[j] or ("", ""))[0] == "byline" for j in range(start + 1, after[0])):
        # a standfirst under the headline, above the byline: the article starts after the byline
        page.verdict[start] = ("header", "standfirst above the byline")
        return after[0]
    if page.headline is None or start - 1 <= page.headline or not after:
        return start
    line = [page.items[i][0] for i in body]
    apart = sum(1 for a, b in itertools.pairwise(line) if b - a >= 2)
    attached = page.items[start][0] - page.items[start - 1][0] == 1
    if not (attached and page.items[after[0]][0] - page.items[start][0] >= 2 and 2 * apart > len(line) - 1
            and layout.is_deck(page.norms[start])):
        return start
    page.verdict[start] = ("header", "standfirst set against the header, apart from the article")
    return after[0]


# A heading that opens the boilerplate after an article: About Quantalis, 关于芯衡科技, About the author,
# a press release's Notes to editors, a report's statements and disclosures (分析师声明, Disclosures).
_ABOUT_HEADING = re.compile(r"^(?:about|关于|關於)\s?\S|^notes? (?:to|for) editors?$|^editor'?s notes?$"
                            r"|^[^\s:：]{0,6}(?:声明|聲明)$|^(?:important )?disclosures?$", re.IGNORECASE)


def _before_boilerplate(norms: list[str], body: list[int]) -> list[int]:
    """The body up to an "About …" heading in its second half: what follows describes the company or the
    author (a press release's boilerplate, an author box), not the news."""
    for i in range(body[len(body) // 2] + 1, body[-1] + 1):
        s = norms[i].strip()
        short = han_count(s) <= 12 if HAN.search(s) else len(s.split()) <= 6
        if _ABOUT_HEADING.match(s) and short and not s.endswith((".", "。", "?", "？", "!", "！")):
            return [n for n in body if n < i]
    return body


# Lines dropped as these close an article: what follows them is a page's tail (a comment thread under its
# count, tags, a copyright line), however much it reads as prose.
_TAIL_KINDS = frozenset(["comment", "counter", "tags", "footer", "comment-form"])
# At most this many body lines, and less than this share of the body, may follow such a line to be cut.
TAIL_MAX_LINES = 3
TAIL_MAX_SHARE = 0.25


def _before_tail_rows(page: _Page, body: list[int]) -> list[int]:
    """The body up to a line of the tail inside its last lines (a reply count, a reader's comment, the tags,
    a copyright line): the few prose lines after it are comments or footer notes, not the article."""
    for i in range(body[len(body) // 2] + 1, body[-1]):
        if page.kind(i) in _TAIL_KINDS:
            after = sum(1 for n in body if n > i)
            if after <= TAIL_MAX_LINES and after < TAIL_MAX_SHARE * len(body):
                return [n for n in body if n < i]
    return body


# An author's name on a byline: "By Daniel Okafor", "By Maria Delacroix and Jo Lee".
_BYLINE_NAME = re.compile(r"^[Bb]y\s+([A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){1,3})")
# How many of the body's last lines may be an author box.
AUTHOR_BOX_MAX_LINES = 2


def _before_author_box(page: _Page, body: list[int]) -> list[int]:
    """The body without its author's box among its last lines, and what follows it: a line that starts with
    the name on the byline ("Daniel Okafor covers artificial intelligence for …"), or that describes a name
    set alone above the article ("Priya Ramanathan is a senior writer at …"), then the publisher's note."""
    names = {m.group(1) for n, norm in enumerate(page.norms)
             if page.kind(n) == "byline" and (m := _BYLINE_NAME.match(norm))}
    described = tuple(f"{norm.strip()} is " for norm in page.norms[:body[0]]
                      if _AUTHOR_ALONE.fullmatch(norm.strip()))
    for i in body[max(1, len(body) - AUTHOR_BOX_MAX_LINES):]:
        norm = page.norms[i]
        if (names and norm.startswith(tuple(names))) or (described and norm.startswith(described)):
            return [n for n in body if n < i]
    return body


# An author's name alone on a line above the article (a byline without "By"): two or three capitalised words.
_AUTHOR_ALONE = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z'’-]+){1,2}")


# A name before a colon opening a line ("KAT: Welcome back …", "张三：…"): a speaker's turn when the same
# name opens several lines of the page, as in a transcript; a label opening one line ("BREAKING:") is not.
_TURN_LABEL = re.compile(r"^([^\s:：]{1,20}(?: [^\s:：]{1,20})?) ?[:：] ?\S")
SPEAKER_MIN_TURNS = 3


def _turn_label(text: str) -> str | None:
    """The name before a colon that opens the line, case-folded, or None."""
    m = _TURN_LABEL.match(text)
    return m.group(1).casefold() if m else None


def _speaker_labels(norms: list[str]) -> set[str]:
    """Names that open at least SPEAKER_MIN_TURNS lines of the page: the speakers of a transcript."""
    counts: dict[str, int] = {}
    for norm in norms:
        if (label := _turn_label(norm)) is not None:
            counts[label] = counts.get(label, 0) + 1
    return {label for label, n in counts.items() if n >= SPEAKER_MIN_TURNS}


# A short label before a colon that opens a line ("Next message (by thread): …", "Next episode: …",
# "上一篇：…"): at most this many words or Han characters.
_LINK_LABEL = re.compile(r"([^:：]{1,40}?) ?[:：] ?\S")
LINK_LABEL_MAX_UNITS = 5


def _link_label(text: str) -> str | None:
    """The short label before a colon that opens the line, case-folded, or None."""
    from build_tools.ingest import layout

    m = _LINK_LABEL.match(text.strip())
    if m is None or layout.units(m.group(1)) > LINK_LABEL_MAX_UNITS:
        return None
    return m.group(1).casefold()


def _labels_below(norms: list[str], start: int) -> set[str]:
    """Labels that open a line under the body's first line: a page's links to its neighbours are set
    above the article and again under it ("Previous message: …", "Next message: …"); a line above the
    article under such a label is one of them. A headline's own label ("Ep. 142: …", "Exclusive: …") does
    not open a line of the article or its tail."""
    return {label for norm in norms[start + 1:] if (label := _link_label(norm)) is not None}


def _find_headline(page: _Page, r: Rules, start: int) -> int | None:
    """The line before the body that sits where a headline sits (see layout.py), or None."""
    from build_tools.ingest import layout

    norms, verdict = page.norms, page.verdict
    squashed = [_squash(s) for s in norms]
    speakers = _speaker_labels(norms)
    labels = _labels_below(norms, start)
    candidates = [i for i in range(start + 1) if verdict[i] is None and not layout.headline_excluded(norms[i])
                  and not layout.in_account_header(norms, i) and _turn_label(norms[i]) not in speakers
                  and _link_label(norms[i]) not in labels
                  and (_headline_shaped(norms[i], r.thresholds, r) or _stated_headline(page, r, i))]
    eligible = _eligible(page, candidates, squashed, start)
    best, best_score = None, 0.0
    for i in sorted(eligible):
        score = 1.0 + min(layout.units(norms[i]), HEADLINE_FULL_UNITS) / HEADLINE_UNITS_PER_POINT
        following = i + 2 if i + 1 in candidates else i + 1  # past a standfirst under the headline
        # the body's first line may be the headline itself (a question reads as text), unless it sits
        # under a headline-shaped line (a standfirst): look past it for the byline
        past = i == start and i - 1 not in candidates
        limit = len(norms) if past else start
        end = min(limit, following + BYLINE_WINDOW)
        # the page's controls and notices set between a headline and its byline ("Key events", "Show key
        # events only", "Please turn on JavaScript …") do not move the byline away from it
        while end < limit and end - following < BYLINE_REACH and \
                all(_control_between(page, j) for j in range(following, end - BYLINE_WINDOW + 1)):
            end += 1
        after = range(following, end)
        bylined = any((page.kind(j) == "byline" and j not in page.timecodes)
                      or (layout.is_metadata_line(norms[j]) and j not in page.timecodes)
                      or (j == i + 1 and verdict[j] is None and _name_alone(norms[j])) for j in after)
        score += 2.0 if bylined else 0.0
        if i == 0 or i - 1 not in candidates or layout.units(norms[i - 1]) < KICKER_MAX_UNITS:
            score += 1.0  # the top of the header (a short kicker, label or button above does not count)
        if i + 1 in candidates and layout.units(norms[i]) < KICKER_MAX_UNITS and \
                layout.units(norms[i + 1]) >= 2 * layout.units(norms[i]):
            score -= 2.0  # a section label or kicker above the headline ("Artificial intelligence (AI)")
        if _deck_under_headline(page, eligible, i):
            score -= 2.0  # a longer line right under a headline of full length is its deck, not a headline
        # a longer line between it and its byline is its standfirst ("European banks shrink hiring as AI
        # spreads", then "Lenders say automation of compliance checks is reducing …"): not in its way; unless
        # it sits right under the site's name, as a tagline does (BYTE HARBOR, "Exclusive news and data …")
        deck = bylined and following == i + 2 and layout.units(norms[i + 1]) > layout.units(norms[i]) and \
            i > 1 and not layout.is_masthead(norms[i - 1])
        if i + 1 < start and all(verdict[j] is not None for j in range(following if deck else i + 1, start)):
            score += 1.0  # nothing but dropped lines (an app prompt, a byline) between it and the article
        if squashed[i] and squashed.count(squashed[i]) > 1 and \
                all(squashed[m] != squashed[i] for m in range(i + 1, start + 1)):
            score += 1.0  # said again on the page (a share card, a player's title): the headline is the copy
            # nearest the article, under a table of contents or a video's title that repeat it
        if i + 1 < len(norms) and layout.is_subtitle(norms[i + 1]):
            score += 2.0  # a newspaper's headline over its subtitle after a dash (——走访…)
        if i + 1 in candidates and layout.is_labelled_item(norms[i]) and \
                not layout.is_labelled_item(norms[i + 1]):
            score -= 2.0  # an item under a label in brackets (【即時】…) stacked above a headline: a teaser
        if i > 0 and verdict[i - 1] is None and _pen_name_alone(norms[i - 1]) and any(
                c < i - 1 and layout.units(norms[c]) >= layout.units(norms[i]) for c in candidates):
            score -= 2.0  # under a name alone, below a longer candidate: an answerer's or author's profile
        if score > best_score:
            best, best_score = i, score
    return best


def _eligible(page: _Page, candidates: list[int], squashed: list[str], start: int) -> set[int]:
    """The candidates that may be the headline: not another line's copy or its site's name, not a writer's."""
    from build_tools.ingest import layout

    norms = page.norms
    others = {squashed[i] for i in candidates}
    eligible = set()
    for i in candidates:
        prefix = layout.title_suffix(norms[i])
        if prefix and _squash(prefix) in others:
            continue  # "Headline - Outlet": the share card or <title> of the headline below
        if _site_and_tagline(norms, i) or _tagged_copy(norms, candidates, i) \
                or _named_in_byline(page, squashed, i) or _writer_under_headline(page, candidates, i) \
                or _copied_above_article(squashed, candidates, i, start):
            continue
        eligible.add(i)
    return eligible


# How far under a deck the byline or date line starts ("News provided by" / the issuer / the date).
DECK_BYLINE_REACH = 3


def _deck_under_headline(page: _Page, candidates: set[int], i: int) -> bool:
    """Whether line ``i`` is the deck under a headline in a Latin script: a longer headline-shaped line
    right under one of a headline's full length (not a kicker, not a label's link: "Previous message: …",
    not a site's tagline under its name), over the byline or the date line. A Chinese standfirst ends with
    。 and is no candidate; a longer line under a shorter one there is the headline under the page's
    furniture (a masthead, a profile's motto). The first line of a paragraph broken at a fixed width has
    the rest of the paragraph under it."""
    from build_tools.ingest import layout

    norms = page.norms
    above = norms[i - 1] if i - 1 in candidates else ""
    if not above or han_count(above) or han_count(norms[i]) or _link_label(above) is not None or \
            not KICKER_MAX_UNITS <= layout.units(above) < layout.units(norms[i]):
        return False
    if i > 1 and layout.is_masthead(norms[i - 2]):
        return False  # the line above is the tagline under the site's name (BYTE HARBOR, "Exclusive news …")
    return any(page.kind(j) == "byline" or layout.is_metadata_line(norms[j])
               for j in range(i + 1, min(len(norms), i + 1 + DECK_BYLINE_REACH)))


# Words of a person's name that need no capital: particles and short forms (Ana de la Cruz, Ali bin Said).
_NAME_PARTICLES = frozenset(["de", "da", "das", "do", "dos", "del", "della", "di", "du", "la", "le", "van",
                             "von", "der", "den", "ter", "bin", "binti", "ibn", "al", "el", "y", "e"])
PERSON_NAME_WORDS = (2, 4)
# How far above a writer's name the headline (or its deck) may sit, and how far below it its date line.
WRITER_HEADLINE_REACH = 3
WRITER_DATE_REACH = 2


def person_name(text: str) -> bool:
    """Whether ``text`` is a person's name alone in a script with capitals: two to four words of letters
    (hyphens, apostrophes and initials allowed), each capitalised but for particles, no digits and no
    sentence punctuation (Hollis Adebayo-Kerr, José Álvarez-Núñez, Ана Петрова, Ana de la Cruz)."""
    words = text.split()
    if not PERSON_NAME_WORDS[0] <= len(words) <= PERSON_NAME_WORDS[1]:
        return False
    capitals = 0
    for word in words:
        core = word.replace("-", "").replace("'", "").replace("’", "").rstrip(".")
        if not core.isalpha() or (word.endswith(".") and len(core) > 1):
            return False  # a digit, a symbol, a sentence's full stop (an initial's "K." is allowed)
        if word[0].isupper():
            capitals += 1
            if len(core) > 1 and core.isupper():
                return False  # a word in capitals: an acronym, a section's name, not a person's
        elif word.lower() not in _NAME_PARTICLES:
            return False
    return capitals >= 2


def _writer_under_headline(page: _Page, candidates: list[int], i: int) -> bool:
    """Whether line ``i`` is the writer's name in the header: a person's name alone, under a longer
    headline-shaped line (the headline, its deck) a few lines up and over a date line a line or two down.
    A headline is longer than the name it is set over, and no date line sits right under a kicker."""
    from build_tools.ingest import layout

    norms = page.norms
    if not person_name(norms[i].strip()):
        return False
    longer_above = any(i - WRITER_HEADLINE_REACH <= c < i and layout.units(norms[c]) > layout.units(norms[i])
                       for c in candidates)
    dated_below = any(layout.has_date(norms[j]) and layout.is_metadata_line(norms[j])
                      for j in range(i + 1, min(len(norms), i + 1 + WRITER_DATE_REACH)))
    return longer_above and dated_below


# A site's name before its tagline ("Signal & Weights — a podcast about …", "极客茶馆 - 数码·AI 爱好者社区",
# "ml-eval -- Discussion of …"): the name is at most this many words or Han characters.
SITE_NAME_MAX_UNITS = 4
_NAME_SEPARATOR = re.compile(r" (?:[-–—|｜]{1,2}) ")


def _site_and_tagline(norms: list[str], i: int) -> bool:
    """Whether line ``i`` is a site's name and its tagline set apart by a dash or a bar: a short name first
    that another line of the page repeats (its footer, its breadcrumb, a list's tag), then the words that
    describe it. A headline before an outlet's name has the long part first."""
    from build_tools.ingest import layout

    parts = _NAME_SEPARATOR.split(norms[i].strip(), maxsplit=1)
    if len(parts) != 2 or not 1 <= layout.units(parts[0]) <= SITE_NAME_MAX_UNITS \
            or layout.units(parts[1]) <= layout.units(parts[0]) or SENTENCE_END.search(parts[0]):
        return False
    name = _squash(parts[0])
    return len(name) >= 2 and any(name in _squash(norms[m]) for m in range(len(norms)) if m != i)


def _copied_above_article(squashed: list[str], candidates: list[int], i: int, start: int) -> bool:
    """Whether line ``i`` is said again directly above the article's first line (a share page's card over
    the writer's header, then the article under its own headline): that copy is where the article starts."""
    return bool(squashed[i]) and any(squashed[m] == squashed[i] for m in candidates
                                     if i < m and start - 1 <= m <= start)


def _named_in_byline(page: _Page, squashed: list[str], i: int) -> bool:
    """Whether line ``i`` is said again inside a publication line of the page (本帖最后由 X 于 … 编辑,
    "Last edited by X on …"): a poster's or a site's name, not the headline, which no byline repeats."""
    key = squashed[i]
    return bool(key) and any(page.kind(j) == "byline" and key in squashed[j] and len(squashed[j]) > len(key)
                             for j in range(len(squashed)) if j != i)


# A label in brackets that opens a line: a list's or a board's tag ("[fernhill-announce] …", "【转载】…").
_OPENING_TAG = re.compile(r"[\[【〔][^\]】〕]{1,30}[\]】〕] ?")


def _tagged_copy(norms: list[str], candidates: list[int], i: int) -> bool:
    """Whether line ``i`` is another candidate's line under a tag in brackets: an archive's title for the
    page ("[list-name] Subject" above the message's "Subject"), a copy of the headline, not the headline."""
    m = _OPENING_TAG.match(norms[i].strip())
    if m is None:
        return False
    rest = _squash(norms[i].strip()[m.end():])
    return bool(rest) and any(j != i and _squash(norms[j]) == rest for j in candidates)


# How far past the page's controls under a headline its byline may sit (see _control_between).
BYLINE_REACH = 6


def _control_between(page: _Page, j: int) -> bool:
    """Whether line ``j`` under a headline candidate is a control, a label or a notice of the page (shorter
    than a kicker, or never a headline), not a line of the header that separates a headline from a byline."""
    from build_tools.ingest import layout

    norm = page.norms[j]
    return page.verdict[j] is None and (layout.units(norm) < KICKER_MAX_UNITS or layout.is_notice(norm))


# A person's name alone on a line: two to four Han characters, or two or three capitalised words.
_NAME_ALONE = re.compile(r"[\u4e00-\u9fff]{2,4}|[A-Z][a-z]+(?: [A-Z][a-z.'’-]*){1,2}")


def _name_alone(norm: str) -> bool:
    return bool(_NAME_ALONE.fullmatch(norm.strip()))


# A writer's pen name alone on a line: a person's name, or a Chinese handle of up to this many characters
# without punctuation (程序员阿恒, 木棉妈妈), set between a column's headline and the writer's profile.
PEN_NAME_MAX_HAN = 6


def _pen_name_alone(norm: str) -> bool:
    s = norm.strip()
    return _name_alone(s) or (2 <= len(s) <= PEN_NAME_MAX_HAN and han_count(s) == len(s))


# A label that says the next line is the headline: "3.完整新聞標題:", "Title:".
_TITLE_LABEL = re.compile(r"(?:标题|標題|title|headline)\s*[:：]$", re.IGNORECASE)


def _labelled_headline(page: _Page, r: Rules, start: int) -> int | None:
    """The line under a "标题:" / "Title:" label above the article (a repost template), or a message's
    "Subject:" line (its header as a mail client or a list archive shows it), or None."""
    from build_tools.ingest import layout

    for i in range(min(start + 1, len(page.norms))):
        subject = layout.subject_of(page.norms[i])
        if subject is not None and page.verdict[i] is None and _headline_shaped(subject, r.thresholds, r):
            return i
    for i in range(min(start, len(page.norms) - 1)):
        s = page.norms[i].strip()
        if len(s) <= 24 and _TITLE_LABEL.search(s) and page.verdict[i + 1] is None and \
                _headline_shaped(page.norms[i + 1], r.thresholds, r):
            return i + 1
    return None


def _stated_headline(page: _Page, r: Rules, i: int) -> bool:
    """A headline written as a sentence or two ("We tried X. Here's what mattered."), with no prose under it.

    It has a headline's length and is followed by dropped lines (byline, follow button) rather than by a
    paragraph, which a paragraph of that length never is.
    """
    from build_tools.ingest import layout

    def furniture(j: int) -> bool:
        return page.verdict[j] is not None or not layout.prose_weight(page.norms[j])

    s = page.norms[i]
    if not s.endswith(".") or han_count(s) or i + 1 >= len(page.norms) or not furniture(i + 1):
        return False  # a Chinese headline never ends with 。
    above = page.norms[i - 1] if i > 0 else ""
    if page.verdict[i - 1] is None and layout.units(above) >= KICKER_MAX_UNITS and \
            _headline_shaped(above, r.thresholds, r) and not layout.headline_excluded(above):
        return False  # a sentence under a headline set without a full stop (not a kicker) is its deck
    return _headline_shaped(s.rstrip("."), r.thresholds, r) and (i == 0 or furniture(i - 1))


def _opening_hook(norm: str, r: Rules) -> bool:
    """One or two short sentences of a headline's length opening a post that has no headline ("We tested
    X for a week. Three things surprised me.")."""
    from build_tools.ingest import layout

    s = norm.strip()
    sentences = len(layout.SENTENCE_END.findall(s))
    if han_count(s) > HOOK_MAX_HAN:
        return False  # a Chinese paragraph is often one sentence of this length or more
    return 1 <= sentences <= 2 and not layout.headline_excluded(s) and \
        _headline_shaped(s.rstrip(".!?。！？…"), r.thresholds, r)


# The longest opening line in Han characters that may stand for a post's headline.
HOOK_MAX_HAN = 30


# A section's label alone on its line, ended by a colon (事件：, 点评：, Background:): this many words or Han
# characters at most.
SECTION_LABEL_MAX_UNITS = 6


def _section_label(norm: str) -> bool:
    from build_tools.ingest import layout

    s = norm.strip()
    return s.endswith((":", "：")) and layout.units(s) <= SECTION_LABEL_MAX_UNITS and not BULLET.match(s)


def _first_of_labels(page: _Page, n: int, end: int) -> bool:
    """Whether line ``n``, directly above the first paragraph, is a section's label (事件：) like one that
    heads a later section of the body (点评：, 风险提示：): the body is set in labelled sections."""
    if not _section_label(page.norms[n]):
        return False
    return any(page.verdict[m] is None and _section_label(page.norms[m]) for m in range(n + 2, end + 1))


def _with_opening(page: _Page, r: Rules, start: int, end: int) -> int:
    """The body's first line, with the line directly above it when that opens the body (a section's
    heading, a salutation, the first of the body's labels); a heading's shape directly under the headline is
    its subtitle instead, dropped."""
    above = start - 1
    if above < 0 or above == page.headline or page.verdict[above] is not None \
            or not (_opens_body(page.norms[above], r) or _first_of_labels(page, above, end)) \
            or _last_of_list(page, above, r):
        return start
    if _subtitle(page, above, r):
        page.verdict[above] = ("subtitle", "the headline's subtitle, above the article")
        return start
    return above


def _subtitle(page: _Page, n: int, r: Rules) -> bool:
    """Whether line ``n``, a heading's shape above the first paragraph, sits directly under the headline:
    the headline's subtitle (a press release's, a report's), not the heading of the article's first section,
    which follows a paragraph. A numbered or generic heading, or a salutation, opens the body wherever it
    is."""
    from build_tools.ingest import layout

    norm = page.norms[n]
    if page.headline is None or n != page.headline + 1 or _key(norm) in r.generic_headings \
            or layout.is_section_number(norm) or layout.is_salutation(norm):
        return False
    return page.items[n][0] - page.items[page.headline][0] == 1


def _opens_body(norm: str, r: Rules) -> bool:
    """A heading directly above the first paragraph: a numbered or generic section heading, a subtitle, or
    the salutation of a letter or notice (各区县主管部门，各有关企业： / Dear members,)."""
    from build_tools.ingest import layout

    if _key(norm) in r.generic_headings or layout.is_section_number(norm) or layout.is_salutation(norm):
        return True
    return (is_heading(norm, r.thresholds) and layout.units(norm) >= 4 and not layout.headline_excluded(norm)
            and not layout.is_menu(norm))


def _pass_crumbs(page: _Page, r: Rules) -> None:
    """Pass 2: section names the breadcrumb repeats (科技 above the headline, under 首页 > 科技 > 正文)."""
    crumbs: set[str] = set()
    for n, norm in enumerate(page.norms):
        if page.kind(n) == "navigation":
            parts = _breadcrumb_segments(norm) or [p for p in BREADCRUMB_SPLIT.split(norm) if p]
            crumbs.update(_key(p) for p in parts[:-1])
    for n, norm in enumerate(page.norms):
        if page.verdict[n] is None and _key(norm) in crumbs and _size_ok(norm, 12, 5):
            page.verdict[n] = ("navigation", "section name repeated from the breadcrumb")


def _pass_position(page: _Page, r: Rules) -> None:
    """Pass 5, for a page without a body the model could find: the headline; page furniture before it."""
    t = r.thresholds
    if page.modelled:
        return
    alive = page.alive()
    for n in alive[: t["headline_window"]]:
        if is_prose(page.norms[n], t):
            break
        if _headline_shaped(page.norms[n], t, r):
            page.headline = n
            break
    if page.headline is not None:
        for n in alive:
            if n >= page.headline:
                break
            if not is_prose(page.norms[n], t):
                page.verdict[n] = ("chrome", "page furniture before the headline")


def _pass_repetition(page: _Page, r: Rules) -> None:
    """Pass 6: summary boxes (导读, 简介) that repeat the article, then verbatim repeats of earlier lines."""
    alive = page.alive()
    squashed = {n: _squash(page.norms[n]) for n in alive}
    # Where the article starts: a summary box stands between the headline and the first paragraph.
    top = [n for n in alive if n != page.headline][:2]
    for n in alive:
        m = r.summary_labels.match(page.norms[n])
        if not m or m.end() == 0:
            continue
        rest = page.norms[n][m.end():]
        truncated = rest.rstrip().endswith(("...", "…", "……"))
        core = _squash(rest.rstrip(" .…"))
        repeats = bool(core) and any(o != n and core in squashed[o] for o in alive)
        if truncated or repeats or n in top:
            page.verdict[n] = ("lead-box", "summary box repeating the article")
    seen: set[str] = set()
    for n in alive:
        if page.verdict[n] is not None:
            continue
        s = squashed[n]
        if s in seen and len(s) >= r.thresholds["repeat_min_chars"]:
            page.verdict[n] = ("repeat", "repeated line")
        seen.add(s)


def _pass_structure(page: _Page, r: Rules) -> None:
    """Pass 7: a heading with nothing kept after it, up to the end, is the title of a dropped section."""
    from build_tools.ingest import layout

    verdict = page.verdict
    if all(is_heading(page.norms[n], r.thresholds) for n in page.alive()):
        return  # a page of headings only: nothing to tell a heading from
    for n in reversed(range(len(verdict))):
        if verdict[n] is not None or n == page.headline:
            continue
        # A notice's contact line is as short as a heading, but it ends the notice's text.
        if not is_heading(page.norms[n], r.thresholds) or layout.is_contact_line(page.norms[n]):
            break
        if all(verdict[m] is not None for m in range(n + 1, len(verdict))):
            verdict[n] = ("orphan-heading", "heading of a dropped section")


# The fence of a Markdown code block, as markdown_lines leaves it: ``` or ~~~ and the block's language.
_FENCE = re.compile(r"(?:`{3,}|~{3,})[\w+.-]{0,30}")


def _pass_fences(page: _Page, r: Rules) -> None:
    """Pass 8: the fences of a code block go with what they enclose: kept around a kept line of code, dropped
    around a dropped block (a citation's BibTeX, an embed) or left without a partner."""
    fences = [n for n, norm in enumerate(page.norms) if _FENCE.fullmatch(norm.strip())]
    for n in fences:
        page.verdict[n] = ("code-fence", "fence of a dropped code block")
    for opening, closing in zip(fences[::2], fences[1::2], strict=False):
        if any(page.verdict[m] is None for m in range(opening + 1, closing)):
            page.verdict[opening] = page.verdict[closing] = None


def _resumes(norms: list[str], n: int, ends_article: bool, r: Rules) -> bool:
    """Whether the article resumes at line ``n`` after a teaser block."""
    t = r.thresholds
    if not is_prose(norms[n], t):
        return False
    if not ends_article:
        return (han_count(norms[n]) >= 2 * t["prose_min_han"]
                or word_count(norms[n]) >= 2 * t["prose_min_words"])
    run = 1
    for s in norms[n + 1 : n + t["resume_min_prose_run"]]:
        if not (is_prose(s, t) and _match_rule(s, r) is None and _shape_reason(s, t) is None):
            # paragraphs closed by the editor's credit (【责任编辑：…】) are the article's last ones
            rule = _match_rule(s, r)
            return run >= RESUME_BEFORE_CREDIT_RUN and rule is not None and rule.kind == "credit"
        run += 1
    return run >= t["resume_min_prose_run"]


# Prose lines in a row after a teaser block that its editor's credit closes: the article's last paragraphs.
RESUME_BEFORE_CREDIT_RUN = 2
