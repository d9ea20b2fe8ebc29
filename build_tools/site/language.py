"""The site languages: one table that every part of the build reads, and the interface strings.

A row (``SiteLanguage``) holds everything the build knows of a language: its code and its site's URL
prefix, its tags for ``lang``/hreflang, RSS and Open Graph, the body column its readers read, the
OpenCC profile that makes its script, and how it writes dates. Its interface strings are the
``STRINGS`` entries under its code (missing ones come from ``strings_from``, in the row's script).
Each language other than the root (English, at ``/``) is also a MkDocs project, ``mkdocs.<code>.yml``,
that inherits mkdocs.yml and sets ``plugins: ai-briefing: language: <code>`` and Material's
``theme.language``; the English build builds it into ``<site_dir>/<prefix>``. Adding a language is a
row here, its strings, and that file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Literal

from build_tools.convert import CONFIG as OPENCC_PROFILE
from build_tools.convert import to_traditional
from build_tools.model import Bilingual, BodyLanguage, Entry

# The codes of the site languages (the keys of LANGUAGES).
LanguageCode = Literal["en", "zh", "zh-hant"]


@dataclass(frozen=True)
class SiteLanguage:
    """One published language: a row of the language table."""

    code: LanguageCode  # the plugin's ``language`` option and the STRINGS column
    name: str  # its own name, as shown in the language switcher
    prefix: str  # path of its site below the root site ("" for the root)
    html_lang: str  # BCP 47 tag for lang="", hreflang and JSON Feed
    rss_language: str  # RSS 2.0 <language> (the older W3C/RFC 1766 values RSS names)
    og_locale: str  # Open Graph locale (language_TERRITORY, as the protocol asks)
    body: BodyLanguage  # the body column its readers read first
    # OpenCC profile that turns Simplified Chinese text into this site's script (None: shown as
    # written). convert.py applies s2twp with data/zh_hant_overrides.tsv, the only profile in use.
    opencc: str | None = None
    zh_tag: str = "zh-Hans"  # the lang attribute of Chinese text on this site
    # The language Pagefind segments and stems this site's index in (None: ``html_lang``, lower case).
    search_language: str | None = None
    # True: the build segments this site's Chinese into words for search (search_words.py), and
    # ``search_language`` must be one whose text Pagefind does not segment again (not zh, ja or th).
    search_words: bool = False
    strings_from: LanguageCode = "en"  # where interface strings not given for this language come from
    date_format: str = "{day} {month_name} {year}"
    month_format: str = "{month_name} {year}"

    @property
    def is_root(self) -> bool:
        """True for the language of the root site, whose build builds every other language."""
        return self.prefix == ""

    @property
    def pagefind_language(self) -> str:
        """The language Pagefind indexes this site in."""
        return self.search_language or self.html_lang.lower()

    @property
    def converts_script(self) -> bool:
        """True when this site shows Chinese text converted from the Simplified it is written in."""
        return self.opencc is not None

    @property
    def config_file(self) -> str:
        """The MkDocs project of this language, beside mkdocs.yml."""
        return "mkdocs.yml" if self.is_root else f"mkdocs.{self.code}.yml"

    @property
    def other_body(self) -> BodyLanguage:
        """The body column a reader of this language does not read first."""
        return "zh" if self.body == "en" else "en"

    def script(self, zh_text: str, *, once: bool = False) -> str:
        """Simplified Chinese text in this language's script (Traditional on the zh-hant site).

        Conversions are kept for the next call (titles and labels are shown on many pages), except
        with ``once``: an article's paragraphs are shown once, and keeping them would keep the text
        of the whole corpus, twice, for the rest of the build.
        """
        if self.opencc is None:
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
        return "en" if body_lang == "en" else self.zh_tag

    def label(self, entry: Entry) -> str:
        """A taxonomy entry's label in this language; an official Traditional form beats OpenCC."""
        if self.body == "en":
            return entry.en
        if self.opencc is not None:
            return traditional_label(entry)
        return entry.zh

    def other_label(self, entry: Entry) -> str:
        """The label in the other body language (Chinese beside English, English beside Chinese)."""
        return entry.zh if self.body == "en" else entry.en

    def t(self, key: str, **values: object) -> str:
        """An interface string, formatted with ``values``."""
        row = STRINGS[key]
        text = row.get(self.code) or self.script(row.get(self.strings_from) or row["en"])
        return text.format(**values) if values else text

    def date(self, day: dt.date) -> str:
        """A date as readers of this language write it."""
        return self.date_format.format(day=day.day, month=day.month, year=day.year,
                                       month_name=MONTHS_EN[day.month - 1])

    def month(self, year: int, month: int) -> str:
        """A month heading: 'June 2024' or '2024年6月'."""
        return self.month_format.format(month=month, year=year, month_name=MONTHS_EN[month - 1])


def traditional_label(entry: Entry) -> str:
    """An entry's label in Traditional characters: its official form, else OpenCC's."""
    return entry.zh_hant or traditional(entry.zh)


@cache
def traditional(text: str) -> str:
    """OpenCC s2twp, cached: labels and interface strings repeat on every page."""
    return to_traditional(text)


# The language table. The first row is the root site, at "/".
LANGUAGES: dict[str, SiteLanguage] = {
    "en": SiteLanguage("en", "English", "", "en", "en", "en_US", "en"),
    "zh": SiteLanguage("zh", "简体中文", "zh/", "zh-Hans", "zh-cn", "zh_CN", "zh", search_language="zh-cn",
                       date_format="{year}年{month}月{day}日", month_format="{year}年{month}月"),
    "zh-hant": SiteLanguage("zh-hant", "繁體中文", "zh-hant/", "zh-Hant", "zh-tw", "zh_TW", "zh",
                            opencc=OPENCC_PROFILE, zh_tag="zh-Hant", strings_from="zh",
                            # Pagefind's dictionary is Simplified: the build finds the words, and
                            # "und" (BCP 47: language not given) keeps Pagefind from splitting them.
                            search_language="und-hant", search_words=True,
                            date_format="{year}年{month}月{day}日", month_format="{year}年{month}月"),
}


def root_language() -> SiteLanguage:
    """The language of the root site."""
    return next(lang for lang in LANGUAGES.values() if lang.is_root)


def other_languages() -> list[SiteLanguage]:
    """Every language but the root's, in table order: the projects the root build builds."""
    return [lang for lang in LANGUAGES.values() if not lang.is_root]


def language_of_path(rel: str) -> tuple[SiteLanguage, str]:
    """(language, path inside its site) of a path relative to the root site."""
    for lang in sorted(other_languages(), key=lambda lang: -len(lang.prefix)):
        if rel.startswith(lang.prefix):
            return lang, rel[len(lang.prefix) :]
    return root_language(), rel


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
    # With their own brackets and spacing: English " (...)" after a word, Chinese full-width "（…）".
    "briefing.event_date": {"en": " (date of the event)", "zh": "（事件日期）"},
    "briefing.reading_time": {"en": "{n} min read", "zh": "阅读约 {n} 分钟"},
    "source.original": {"en": "Read the original", "zh": "阅读原文"},
    "source.no_page": {"en": " (original page not known)", "zh": "（原文网址不详）"},
    "source.unknown": {"en": "not known (the page this was copied from names no outlet)",
                       "zh": "不详（所录网页未注明出处）"},
    # The label's own punctuation and space: "Source: Xinhua", "来源：新华社".
    "source.label": {"en": "Source: ", "zh": "来源："},
    "made.label": {"en": "How this was made: ", "zh": "制作说明："},
    "made.seed": {"en": "drafted from {seed}, the copy of the original page kept in the repository",
                  "zh": "据仓库中保存的原网页副本 {seed} 整理",
                  "zh-hant": "據儲存庫中保存的原網頁副本 {seed} 整理"},
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
    # Feeds (publish/feeds.py) and their autodiscovery links (publish/head.py).
    "feed.description": {
        "en": "A curated, bilingual briefing on artificial intelligence.",
        "zh": "精选的人工智能双语简报。",
        "zh-hant": "精選的人工智慧雙語簡報。",
    },
    "feed.topic_title": {"en": "{site}: {topic}", "zh": "{site}:{topic}", "zh-hant": "{site}:{topic}"},
    "feed.topic_description": {
        "en": "Briefings on {topic}.",
        "zh": "关于“{topic}”的简报。",
        "zh-hant": "關於「{topic}」的簡報。",
    },
    "feed.link": {"en": "{site} (RSS)", "zh": "{site}（RSS）"},
    "feed.topic_link": {"en": "{topic}: {site} (RSS)", "zh": "{topic}：{site}（RSS）"},
    # The 404 page (publish/head.py, overrides/404.html).
    "404.title": {"en": "Page not found", "zh": "找不到这个页面"},
    "404.text": {
        "en": "There is no page at this address. It may have moved, or the link may be mistyped. "
        "These will help you find what you were looking for:",
        "zh": "这个地址没有页面，可能已经移动，或者链接有误。以下入口可以帮你找到想看的内容：",
    },
    "404.home": {"en": "Latest briefings", "zh": "最新简报"},
    "404.archive": {"en": "All briefings, month by month", "zh": "按月浏览全部简报"},
    "404.topics": {"en": "Topics and names", "zh": "话题与名称"},
    "404.search": {"en": "Search", "zh": "搜索"},
    "404.search_label": {"en": "Search the briefings", "zh": "搜索简报"},
    "404.feed": {"en": "Subscribe (RSS)", "zh": "订阅（RSS）"},
    # Weekly editions (site/edition_pages.py, publish/edition_feeds.py, publish/newsletter.py).
    "editions.title": {"en": "Weekly editions", "zh": "周刊"},
    "editions.intro": {
        "en": "Each week's briefings as one numbered edition, newest first.",
        "zh": "每周的简报汇成一期，按期编号，最新的在前。",
    },
    "editions.feed": {"en": "Subscribe to the editions: {rss} · {json}", "zh": "订阅周刊：{rss} · {json}"},
    "editions.rss": {"en": "RSS", "zh": "RSS"},
    "editions.json": {"en": "JSON Feed", "zh": "JSON Feed"},
    "editions.feed_title": {"en": "{site}: weekly editions", "zh": "{site}：周刊"},
    "editions.feed_description": {
        "en": "Each week's briefings as one numbered edition.",
        "zh": "每周的简报汇成一期。",
    },
    "edition.title": {"en": "Edition {n}", "zh": "第 {n} 期"},
    "edition.range": {"en": "{start} – {end}", "zh": "{start}至{end}"},
    "edition.week": {"en": "week {week} of {year}", "zh": "{year} 年第 {week} 周",
                     "zh-hant": "{year} 年第 {week} 週"},
    "edition.intro": {"en": "From the editor", "zh": "编者的话"},
    "edition.other": {"en": "Other briefings", "zh": "其他简报"},
    "edition.older": {"en": "Previous edition", "zh": "上一期"},
    "edition.newer": {"en": "Next edition", "zh": "下一期"},
    "edition.neighbours": {"en": "Previous and next edition", "zh": "上一期与下一期"},
    "edition.all": {"en": "All editions", "zh": "往期周刊"},
    "home.edition": {"en": "Latest edition: {title}, {range}", "zh": "最新一期周刊：{title}（{range}）"},
    "mail.online": {"en": "Read this edition on the web", "zh": "在网站上阅读本期"},
    "mail.read": {"en": "Read the briefing", "zh": "阅读简报"},
    "mail.footer": {
        "en": "{site}: a curated bilingual briefing on artificial intelligence.",
        "zh": "{site}：精选人工智能双语简报。",
    },
}
