"""The three site languages: which body column each reads, its scripts, and its interface strings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from build_tools.convert import to_traditional
from build_tools.model import Bilingual, Entry


@dataclass(frozen=True)
class SiteLanguage:
    """One published language: ``code`` is also the URL prefix of its site (``""`` for English)."""

    code: str  # en | zh | zh-hant
    body: str  # the body column its readers read: en | zh
    html_lang: str  # BCP 47 tag for lang="" and hreflang
    prefix: str  # path of its site below the English site root
    name: str  # its own name, as shown in the language switcher

    @property
    def other_body(self) -> str:
        """The body column a reader of this language does not read first."""
        return "zh" if self.body == "en" else "en"

    def script(self, zh_text: str, *, once: bool = False) -> str:
        """Simplified Chinese text in this language's script (Traditional on the zh-hant site).

        Conversions are kept for the next call (titles and labels are shown on many pages), except
        with ``once``: an article's paragraphs are shown once, and keeping them would keep the text
        of the whole corpus, twice, for the rest of the build.
        """
        if self.code != "zh-hant":
            return zh_text
        return to_traditional(zh_text) if once else traditional(zh_text)

    def column(self, body_lang: str, text: str, *, once: bool = False) -> str:
        """Text of body column ``body_lang`` as this site shows it (``once``: see ``script``)."""
        return self.script(text, once=once) if body_lang == "zh" else text

    def pick(self, value: Bilingual | None) -> str:
        """The reader's language of a bilingual text, falling back to the other language when empty."""
        if value is None:
            return ""
        own = value.get(self.body)
        if own:
            return self.column(self.body, own)
        return self.column(self.other_body, value.get(self.other_body))

    def column_lang(self, body_lang: str) -> str:
        """The lang attribute of body column ``body_lang`` on this site."""
        if body_lang == "en":
            return "en"
        return "zh-Hant" if self.code == "zh-hant" else "zh-Hans"

    def label(self, entry: Entry) -> str:
        """A taxonomy entry's label in this language; an official Traditional form beats OpenCC."""
        if self.code == "en":
            return entry.en
        if self.code == "zh-hant":
            return entry.zh_hant or traditional(entry.zh)
        return entry.zh

    def other_label(self, entry: Entry) -> str:
        """The label in the other body language (Chinese beside English, English beside Chinese)."""
        if self.code == "en":
            return entry.zh
        return entry.en

    def t(self, key: str, **values: object) -> str:
        """An interface string, formatted with ``values``."""
        row = STRINGS[key]
        text = row.get(self.code) or (traditional(row["zh"]) if self.code == "zh-hant" else row["en"])
        return text.format(**values) if values else text

    def date(self, day: dt.date) -> str:
        """A date as readers of this language write it."""
        if self.code == "en":
            return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
        return f"{day.year}年{day.month}月{day.day}日"

    def month(self, year: int, month: int) -> str:
        """A month heading: 'June 2024' or '2024年6月'."""
        if self.code == "en":
            return f"{MONTHS_EN[month - 1]} {year}"
        return f"{year}年{month}月"


@cache
def traditional(text: str) -> str:
    """OpenCC s2twp, cached: labels and interface strings repeat on every page."""
    return to_traditional(text)


LANGUAGES: dict[str, SiteLanguage] = {
    "en": SiteLanguage("en", "en", "en", "", "English"),
    "zh": SiteLanguage("zh", "zh", "zh-Hans", "zh/", "简体中文"),
    "zh-hant": SiteLanguage("zh-hant", "zh", "zh-Hant", "zh-hant/", "繁體中文"),
}

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Interface strings of the generated pages. zh-hant is OpenCC's conversion of zh unless given.
STRINGS: dict[str, dict[str, str]] = {
    "site.name": {"en": "AI Briefing", "zh": "AI 简报"},
    "site.tagline": {
        "en": "A curated bilingual briefing on artificial intelligence, in English and Chinese.",
        "zh": "精选人工智能双语简报，中英对照。",
    },
    "home.title": {"en": "AI Briefing", "zh": "AI 简报"},
    "home.latest": {"en": "Latest briefings", "zh": "最新简报"},
    "home.topics": {"en": "Most active topics", "zh": "最活跃的话题"},
    "home.archive": {"en": "All briefings, month by month", "zh": "按月浏览全部简报"},
    "home.all_topics": {"en": "All topics and names", "zh": "全部话题与名称"},
    "home.empty": {"en": "No briefings yet.", "zh": "暂无简报。"},
    "briefing.date": {"en": "Date", "zh": "日期"},
    "briefing.event_date": {"en": "date of the event", "zh": "事件日期"},
    "briefing.source": {"en": "Source", "zh": "来源"},
    "briefing.seed": {"en": "Seed", "zh": "原始稿"},
    "briefing.reading_time": {"en": "{n} min read", "zh": "阅读约 {n} 分钟"},
    "source.original": {"en": "Read the original", "zh": "阅读原文"},
    "source.no_page": {"en": "original page not known", "zh": "原文网址不详"},
    "source.unknown": {"en": "not known: the page this was copied from names no outlet",
                       "zh": "不详：所录网页未注明出处"},
    "made.label": {"en": "How this was made", "zh": "制作说明"},
    "made.seed": {"en": "drafted from {seed}, the copy of the original page kept in the repository",
                  "zh": "据仓库中保存的原网页副本 {seed} 整理"},
    "made.edit": {"en": "Edit this briefing", "zh": "编辑本篇"},
    "chips.more": {"en": "+ {n} more", "zh": "另外 {n} 个"},
    "pagination.label": {"en": "Pages", "zh": "分页"},
    "pagination.newer": {"en": "Newer", "zh": "较新"},
    "pagination.older": {"en": "Older", "zh": "较早"},
    "pagination.page": {"en": "Page {n} of {total}", "zh": "第 {n} 页，共 {total} 页"},
    "pagination.title": {"en": "{title} · page {n}", "zh": "{title} · 第 {n} 页"},
    "feed.topic": {"en": "Follow this topic: {rss} · {json}", "zh": "订阅本话题：{rss} · {json}"},
    "feed.rss": {"en": "RSS", "zh": "RSS"},
    "feed.json": {"en": "JSON Feed", "zh": "JSON Feed"},
    "footer.about": {"en": "About", "zh": "关于"},
    "footer.feeds": {"en": "Feeds", "zh": "订阅"},
    "footer.licence": {"en": "Content licence", "zh": "内容许可"},
    "footer.repository": {"en": "Source code", "zh": "源代码"},
    "briefing.topics": {"en": "Topics", "zh": "话题"},
    "briefing.entities": {"en": "Names", "zh": "相关名称"},
    "briefing.aliases": {"en": "Also known as", "zh": "又称"},
    "briefing.summary": {"en": "Summary", "zh": "摘要"},
    "briefing.key_points": {"en": "Key points", "zh": "要点"},
    "briefing.editor_note": {"en": "Editor's note", "zh": "编者按"},
    "briefing.article": {"en": "Article", "zh": "全文"},
    "briefing.related": {"en": "Related briefings", "zh": "相关简报"},
    "briefing.previous": {"en": "Older", "zh": "较早"},
    "briefing.next": {"en": "Newer", "zh": "较新"},
    "briefing.neighbours": {"en": "Previous and next briefing", "zh": "上一篇与下一篇"},
    "view.group": {"en": "Show the article", "zh": "显示全文"},
    "view.original": {"en": "Original ({language})", "zh": "原文（{language}）"},
    "view.translation": {"en": "Translation ({language})", "zh": "译文（{language}）"},
    "view.parallel": {"en": "Side by side", "zh": "对照"},
    "lang.en": {"en": "English", "zh": "英文"},
    "lang.zh": {"en": "Chinese", "zh": "中文", "zh-hant": "中文"},
    "banner.machine.title": {"en": "Machine translation", "zh": "机器翻译"},
    "banner.machine": {
        "en": "The {language} text of this article is a machine translation that no editor has reviewed yet.",
        "zh": "本文的{language}文本为机器翻译，尚未经编辑审校。",
    },
    "banner.pending.title": {"en": "Translation pending", "zh": "译文待补"},
    "banner.pending": {
        "en": "The {language} translation of this article is not ready yet; the article is "
        "shown in its original language, {original}.",
        "zh": "本文的{language}译文尚未完成，现显示原文（{original}）。",
    },
    "topics.title": {"en": "Topics and names", "zh": "话题与名称"},
    "topics.intro": {
        "en": "Every topic, organisation, person and product the briefings are about, with the "
        "number of briefings.",
        "zh": "简报涉及的所有话题、机构、人物与产品，以及相关简报的数量。",
    },
    "kind.topic": {"en": "Topics", "zh": "话题"},
    "kind.organisation": {"en": "Organisations", "zh": "机构"},
    "kind.person": {"en": "People", "zh": "人物"},
    "kind.product": {"en": "Products", "zh": "产品"},
    "kind1.topic": {"en": "Topic", "zh": "话题"},
    "kind1.organisation": {"en": "Organisation", "zh": "机构"},
    "kind1.person": {"en": "Person", "zh": "人物"},
    "kind1.product": {"en": "Product", "zh": "产品"},
    "count.briefings": {"en": "{n} briefings", "zh": "{n} 篇简报"},
    "count.briefing": {"en": "1 briefing", "zh": "1 篇简报"},
    "topic.briefings": {"en": "Briefings", "zh": "简报"},
    "topic.none": {"en": "No briefings yet.", "zh": "暂无简报。"},
    "topic.related": {"en": "Related topics and names", "zh": "相关话题与名称"},
    "topic.all": {"en": "All topics and names", "zh": "全部话题与名称"},
    "archive.title": {"en": "Archive", "zh": "归档"},
    "archive.intro": {"en": "Every briefing, month by month.", "zh": "按月列出全部简报。"},
    "archive.back": {"en": "All months", "zh": "全部月份"},
    "glossary.title": {"en": "Glossary", "zh": "术语表"},
    "glossary.intro": {
        "en": "Every topic and name of the taxonomy in English, Simplified and Traditional Chinese.",
        "zh": "分类表中的全部话题与名称，附英文、简体与繁体写法。",
    },
    "glossary.en": {"en": "English", "zh": "英文"},
    "glossary.zh": {"en": "Simplified Chinese (简体)", "zh": "简体中文"},
    "glossary.zh_hant": {"en": "Traditional Chinese (繁體)", "zh": "繁体中文", "zh-hant": "繁體中文"},
    "glossary.kind": {"en": "Kind", "zh": "类别"},
}
