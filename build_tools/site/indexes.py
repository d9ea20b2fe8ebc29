"""Pages made from the whole set: home, topic index, topic and entity pages, archive, glossary."""

from __future__ import annotations

from collections import Counter

from build_tools.briefing.taxonomy import KINDS, Taxonomy
from build_tools.model import Briefing, Entry
from build_tools.site.edition_pages import latest_edition_link
from build_tools.site.editions import Editions
from build_tools.site.language import SiteLanguage, traditional_label
from build_tools.site.relations import Relations
from build_tools.site.render import (
    ARCHIVE_URL,
    GLOSSARY_URL,
    HOME_URL,
    TOPIC_FEED_FILES,
    TOPICS_URL,
    PageContent,
    briefing_link,
    briefing_url,
    chip,
    entry_names,
    esc,
    href,
    month_url,
    page_meta,
    page_url,
    reading_time,
    topic_url,
)

HOME_LATEST = 10  # briefing cards on each page of the home listing
# Briefings on each page of a topic, entity or month listing: at N = 3,000 the largest listing (a
# topic on a third of all briefings) stays far below 100 KB of HTML a page.
PAGE_SIZE = 50
HOME_TOPICS = 12  # topics on the home page
# "Most active": counted over this many latest briefings, so the list follows the news, not all time.
ACTIVE_WINDOW = 50


def _count(lang: SiteLanguage, n: int) -> str:
    return lang.t("count.briefing") if n == 1 else lang.t("count.briefings", n=n)


def page_count(total: int, size: int) -> int:
    """Pages of a listing of ``total`` items, ``size`` a page; an empty listing still has its first page."""
    return max(1, -(-total // size))


def _slice(ids: list[str], number: int, size: int) -> list[str]:
    return ids[(number - 1) * size : number * size]


def _pagination(lang: SiteLanguage, base: str, number: int, total: int) -> dict[str, str]:
    """Relative links of a listing page to its newer (``prev``) and older (``next``) pages."""
    here = page_url(base, number)
    links = {}
    if number > 1:
        links["prev"] = href(here, page_url(base, number - 1))
    if number < total:
        links["next"] = href(here, page_url(base, number + 1))
    return links


def _pager(lang: SiteLanguage, base: str, number: int, total: int) -> str:
    """The visible pager of a listing page: newer, 'page n of total', older."""
    if total < 2:
        return ""
    links = _pagination(lang, base, number, total)
    parts = []
    if "prev" in links:
        parts.append(
            f'<a class="pagination__newer" rel="prev" href="{links["prev"]}">'
            f"{esc(lang.t('pagination.newer'))}</a>"
        )
    parts.append(
        f'<span class="pagination__current">{esc(lang.t("pagination.page", n=number, total=total))}</span>'
    )
    if "next" in links:
        parts.append(
            f'<a class="pagination__older" rel="next" href="{links["next"]}">'
            f"{esc(lang.t('pagination.older'))}</a>"
        )
    return (
        f'<nav class="pagination" aria-label="{esc(lang.t("pagination.label"))}" '
        f'data-page="{number}" data-pages="{total}">{" ".join(parts)}</nav>'
    )


def _paged_meta(
    meta: dict[str, object], lang: SiteLanguage, title: str, base: str, *, number: int, total: int
) -> dict[str, object]:
    """A listing page's meta: page n's title says its number; ``pagination`` feeds the head's rel links."""
    if number > 1:
        meta["title"] = esc(lang.t("pagination.title", title=title, n=number))
    links = _pagination(lang, base, number, total)
    if links:
        meta["pagination"] = links
    return meta


def _other_label(lang: SiteLanguage, entry: Entry) -> str:
    """The label in the other language, to put beside the own one, unless it says nothing more: both
    read the same (OpenAI) or one holds the other's words (Arm, Arm Holdings)."""
    own, other = lang.label(entry), lang.other_label(entry)
    a, b = f" {' '.join(own.casefold().split())} ", f" {' '.join(other.casefold().split())} "
    if a in b or b in a:
        return ""
    return f' <span class="other-label" lang="{_other_lang(lang)}">{esc(other)}</span>'


def home_pages(rel: Relations) -> int:
    """Pages of the home listing."""
    return page_count(len(rel.timeline), HOME_LATEST)


def home_meta(lang: SiteLanguage, rel: Relations, *, number: int = 1) -> dict[str, object]:
    """The meta of page ``number`` of the home listing."""
    meta = page_meta(lang.t("home.title"), lang.t("site.tagline"), hide=("toc",))
    return _paged_meta(meta, lang, lang.t("home.latest"), HOME_URL, number=number, total=home_pages(rel))


def home_latest_ids(rel: Relations, number: int) -> list[str]:
    """The briefings page ``number`` of the home listing shows."""
    return _slice(rel.timeline, number, HOME_LATEST)


def home_page(
    lang: SiteLanguage,
    tax: Taxonomy,
    rel: Relations,
    by_id: dict[str, Briefing],
    *,
    number: int = 1,
    editions: Editions | None = None,
) -> PageContent:
    """Page ``number`` of the home listing: the latest briefings with summaries; the first page also
    has the latest edition, the most active topics and the way to the archive."""
    base = HOME_URL
    here = page_url(base, number)
    total = home_pages(rel)
    meta = home_meta(lang, rel, number=number)
    title = (
        lang.t("home.title")
        if number == 1
        else lang.t("pagination.title", title=lang.t("home.latest"), n=number)
    )
    blocks = [
        f'<h1 id="home-title">{esc(title)}</h1>\n<p class="home-intro">{esc(lang.t("site.tagline"))}</p>',
        *([latest_edition_link(editions, lang, here)]
          if editions is not None and len(editions) and number == 1 else []),
        f"<h2>{esc(lang.t('home.latest'))}</h2>",
    ]
    cards = []
    for bid in home_latest_ids(rel, number):
        b = by_id[bid]
        topics = " ".join(chip(lang, e, here) for e in (tax.get(t) for t in b.tags[:4]) if e is not None)
        day = f'<time datetime="{b.date.isoformat()}">{esc(lang.date(b.date))}</time> · ' if b.date else ""
        cards.append(
            f'<article class="briefing-card" data-briefing-id="{esc(b.id)}">'
            f'<h3 class="briefing-card__title"><a href="{href(here, briefing_url(b.id))}">'
            f'{esc(lang.pick(b.title))}</a></h3><p class="briefing-card__meta">{day}'
            f'<span class="reading-time">{esc(reading_time(b, lang))}</span></p>'
            f'<p class="briefing-card__summary">{esc(lang.pick(b.summary))}</p>'
            f'<p class="briefing-card__chips">{topics}</p></article>'
        )
    blocks.append(
        f'<div class="briefing-cards">{"".join(cards)}</div>'
        if cards
        else f'<p class="home-empty">{esc(lang.t("home.empty"))}</p>'
    )
    pager = _pager(lang, base, number, total)
    if pager:
        blocks.append(pager)
    blocks.append(
        f'<p class="home-archive"><a class="md-button" data-link="archive" '
        f'href="{href(here, ARCHIVE_URL)}">{esc(lang.t("home.archive"))}</a></p>'
    )
    if number > 1:
        return PageContent(meta, blocks)
    active: Counter[str] = Counter()
    for bid in rel.timeline[:ACTIVE_WINDOW]:
        active.update(by_id[bid].tags)
    top = sorted(active.items(), key=lambda kv: (-kv[1], kv[0]))[:HOME_TOPICS]
    if top:
        chips = " ".join(chip(lang, e, here, count=n) for t, n in top if (e := tax.get(t)) is not None)
        blocks.append(
            f'<h2>{esc(lang.t("home.topics"))}</h2>\n<p class="active-topics">{chips}</p>\n'
            f'<p><a data-link="topics" href="{href(here, TOPICS_URL)}">{esc(lang.t("home.all_topics"))}'
            f"</a></p>"
        )
    return PageContent(meta, blocks)


def render_home(lang: SiteLanguage, tax: Taxonomy, rel: Relations, by_id: dict[str, Briefing]) -> str:
    """The Markdown of the home page."""
    return home_page(lang, tax, rel, by_id).markdown()


def _sorted_entries(entries: list[Entry], rel: Relations, lang: SiteLanguage) -> list[Entry]:
    return sorted(entries, key=lambda e: (-len(rel.postings.get(e.id, [])), lang.label(e).casefold(), e.id))


def topic_index_page(lang: SiteLanguage, tax: Taxonomy, rel: Relations) -> PageContent:
    """Every topic and entity with the number of its briefings, most frequent first, by kind."""
    here = TOPICS_URL
    meta = page_meta(lang.t("topics.title"), lang.t("topics.intro"))
    blocks = [
        f'<h1 id="topics-title">{esc(lang.t("topics.title"))}</h1>\n<p>{esc(lang.t("topics.intro"))}</p>',
    ]
    for kind in KINDS:
        entries = _sorted_entries([e for e in tax if e.kind == kind], rel, lang)
        if not entries:
            continue
        items = "".join(
            f'<li class="topic-count" data-topic-id="{esc(e.id)}"><a href="{href(here, topic_url(e.id))}">'
            f"{esc(lang.label(e))}</a>{_other_label(lang, e)} "
            f'<span class="count">{len(rel.postings.get(e.id, []))}</span></li>'
            for e in entries
        )
        blocks.append(
            f'<h2 id="{kind}">{esc(lang.t(f"kind.{kind}"))}</h2>\n<ul class="topic-index">{items}</ul>'
        )
    return PageContent(meta, blocks)


def render_topic_index(lang: SiteLanguage, tax: Taxonomy, rel: Relations) -> str:
    """The Markdown of the topic index."""
    return topic_index_page(lang, tax, rel).markdown()


def _other_lang(lang: SiteLanguage) -> str:
    return lang.column_lang(lang.other_body)


def topic_pages(entry_id: str, rel: Relations) -> int:
    """Pages of a topic's or entity's listing."""
    return page_count(len(rel.postings.get(entry_id, [])), PAGE_SIZE)


def topic_meta(entry: Entry, lang: SiteLanguage, rel: Relations, *, number: int = 1) -> dict[str, object]:
    """The meta of a topic or entity page (search.topic_entry indexes it, not Material)."""
    count = _count(lang, len(rel.postings.get(entry.id, [])))
    meta = page_meta(
        lang.label(entry), lang.pick(entry.description) or f"{lang.label(entry)} · {count}"
    )
    return _paged_meta(
        meta, lang, lang.label(entry), topic_url(entry.id), number=number, total=topic_pages(entry.id, rel)
    )


def topic_feed_links(lang: SiteLanguage, entry: Entry, here: str) -> str:
    """A topic's RSS and JSON feeds, as links a reader can see (entities have no feed of their own)."""
    if not entry.is_topic:
        return ""
    rss, json = (href(here, "") + name.format(topic=entry.id) for name in TOPIC_FEED_FILES)
    links = {
        "rss": f'<a class="topic-feed__link" data-feed="rss" href="{esc(rss)}" type="application/rss+xml">'
        f"{esc(lang.t('feed.rss'))}</a>",
        "json": f'<a class="topic-feed__link" data-feed="json" href="{esc(json)}" '
        f'type="application/feed+json">{esc(lang.t("feed.json"))}</a>',
    }
    text = (
        esc(lang.t("feed.topic", rss="\0", json="\1"))
        .replace("\0", links["rss"])
        .replace("\1", links["json"])
    )
    return f'<p class="topic-feed">{text}</p>'


def topic_page(
    entry: Entry,
    lang: SiteLanguage,
    tax: Taxonomy,
    rel: Relations,
    by_id: dict[str, Briefing],
    *,
    number: int = 1,
) -> PageContent:
    """Page ``number`` of a topic or entity: both labels, aliases, its feeds, the briefings as a
    timeline (PAGE_SIZE a page), related topics."""
    base = topic_url(entry.id)
    here = page_url(base, number)
    all_ids = rel.postings.get(entry.id, [])
    total = topic_pages(entry.id, rel)
    ids = _slice(all_ids, number, PAGE_SIZE)
    description = lang.pick(entry.description)
    meta = topic_meta(entry, lang, rel, number=number)
    blocks = [
        f'<h1 id="topic-title" data-topic-id="{esc(entry.id)}">{esc(lang.label(entry))}'
        f"{_other_label(lang, entry)}</h1>\n"
        f'<p class="topic-kind" data-kind="{entry.kind}">{esc(lang.t(f"kind1.{entry.kind}"))} · '
        f"{esc(_count(lang, len(all_ids)))}</p>",
    ]
    if description and number == 1:
        blocks.append(f'<p class="topic-description">{esc(description)}</p>')
    if not entry.is_topic and number == 1:
        names = [n for n in entry_names(lang, entry)[2:] if n != lang.label(entry)]
        if names:
            blocks.append(
                f'<p class="topic-aliases"><span class="topic-aliases__label">'
                f"{esc(lang.t('briefing.aliases'))}:</span> {esc(' · '.join(names))}</p>"
            )
    feeds = topic_feed_links(lang, entry, here)
    if feeds:
        blocks.append(feeds)
    timeline = []
    month = None
    for bid in ids:
        b = by_id[bid]
        key = b.date.strftime("%Y-%m") if b.date else ""
        if key != month:
            if month is not None:
                timeline.append("</ol>")
            month = key
            label = lang.month(b.date.year, b.date.month) if b.date else ""
            timeline.append(f'<h3 class="timeline__month">{esc(label)}</h3><ol class="timeline__list">')
        timeline.append(briefing_link(lang, b, here))
    if timeline:
        timeline.append("</ol>")
    body = "".join(timeline) or f"<p>{esc(lang.t('topic.none'))}</p>"
    pager = _pager(lang, base, number, total)
    blocks.append(
        f'<section class="timeline" data-search-exclude>\n<h2>{esc(lang.t("topic.briefings"))}</h2>\n'
        f"{body}\n{pager}</section>"
    )
    related = [(e, n) for k, n in rel.cooccurring.get(entry.id, []) if (e := tax.get(k)) is not None]
    if related and number == 1:
        blocks.append(
            f'<section class="related-topics" data-search-exclude>\n'
            f"<h2>{esc(lang.t('topic.related'))}</h2>\n"
            f"<p>{' '.join(chip(lang, e, here, count=n) for e, n in related)}</p>\n</section>"
        )
    blocks.append(
        f'<p class="topic-back"><a data-link="topics" href="{href(here, TOPICS_URL)}">'
        f"{esc(lang.t('topic.all'))}</a></p>"
    )
    return PageContent(meta, blocks)


def render_topic(
    entry: Entry, lang: SiteLanguage, tax: Taxonomy, rel: Relations, by_id: dict[str, Briefing]
) -> str:
    """The Markdown of the first page of a topic or entity."""
    return topic_page(entry, lang, tax, rel, by_id).markdown()


def archive_page(lang: SiteLanguage, rel: Relations) -> PageContent:
    """The archive: every month with its number of briefings, newest first."""
    here = ARCHIVE_URL
    items = "".join(
        f'<li class="archive-month" data-month="{m}"><a href="{href(here, month_url(m))}">'
        f'{esc(lang.month(int(m[:4]), int(m[5:])))}</a> <span class="count">{len(ids)}</span></li>'
        for m, ids in rel.months.items()
    )
    return PageContent(
        page_meta(lang.t("archive.title"), lang.t("archive.intro")),
        [
            f'<h1 id="archive-title">{esc(lang.t("archive.title"))}</h1>\n'
            f"<p>{esc(lang.t('archive.intro'))}</p>",
            f'<ul class="archive-months">{items}</ul>',
        ],
    )


def render_archive(lang: SiteLanguage, rel: Relations) -> str:
    """The Markdown of the archive."""
    return archive_page(lang, rel).markdown()


def month_pages(month: str, rel: Relations) -> int:
    """Pages of one month of the archive."""
    return page_count(len(rel.months.get(month, [])), PAGE_SIZE)


def month_meta(
    month: str, lang: SiteLanguage, rel: Relations | None = None, *, number: int = 1
) -> dict[str, object]:
    """The meta of (page ``number`` of) one month of the archive."""
    title = f"{lang.t('archive.title')} · {lang.month(int(month[:4]), int(month[5:]))}"
    meta = page_meta(title)
    total = month_pages(month, rel) if rel is not None else 1
    return _paged_meta(meta, lang, title, month_url(month), number=number, total=total)


def month_page(
    month: str, lang: SiteLanguage, rel: Relations, by_id: dict[str, Briefing], *, number: int = 1
) -> PageContent:
    """Page ``number`` of one month of the archive: its briefings with their summaries, newest first."""
    base = month_url(month)
    here = page_url(base, number)
    total = month_pages(month, rel)
    title = lang.month(int(month[:4]), int(month[5:]))
    items = "".join(
        briefing_link(lang, by_id[bid], here, summary=True)
        for bid in _slice(rel.months[month], number, PAGE_SIZE)
    )
    blocks = [f'<h1 id="month-title">{esc(title)}</h1>', f'<ul class="archive-list">{items}</ul>']
    pager = _pager(lang, base, number, total)
    if pager:
        blocks.append(pager)
    blocks.append(
        f'<p class="archive-back"><a data-link="archive" href="{href(here, ARCHIVE_URL)}">'
        f"{esc(lang.t('archive.back'))}</a></p>"
    )
    return PageContent(month_meta(month, lang, rel, number=number), blocks)


def render_month(month: str, lang: SiteLanguage, rel: Relations, by_id: dict[str, Briefing]) -> str:
    """The Markdown of one month of the archive."""
    return month_page(month, lang, rel, by_id).markdown()


def glossary_page(lang: SiteLanguage, tax: Taxonomy) -> PageContent:
    """Every taxonomy term in English, Simplified and Traditional Chinese, linked to its page.

    The table stays out of the search index: as one search result it reads as a run-on list of every
    name; each term is found on its own topic page instead.
    """
    here = GLOSSARY_URL
    rows = []
    for e in sorted(tax, key=lambda e: (KINDS.index(e.kind), e.en.casefold(), e.id)):
        rows.append(
            f'<tr id="term-{esc(e.id)}" data-topic-id="{esc(e.id)}">'
            f'<td lang="en"><a href="{href(here, topic_url(e.id))}">{esc(e.en)}</a></td>'
            f'<td lang="zh-Hans">{esc(e.zh)}</td><td lang="zh-Hant">{esc(traditional_label(e))}</td>'
            f"<td>{esc(lang.t(f'kind1.{e.kind}'))}</td></tr>"
        )
    head = "".join(
        f"<th>{esc(lang.t(k))}</th>"
        for k in ("glossary.en", "glossary.zh", "glossary.zh_hant", "glossary.kind")
    )
    return PageContent(
        page_meta(lang.t("glossary.title"), lang.t("glossary.intro")),
        [
            f'<h1 id="glossary-title">{esc(lang.t("glossary.title"))}</h1>\n'
            f"<p>{esc(lang.t('glossary.intro'))}</p>",
            f'<table class="glossary" data-search-exclude><thead><tr>{head}</tr></thead>'
            f"<tbody>\n{''.join(rows)}\n</tbody></table>",
        ],
    )


def render_glossary(lang: SiteLanguage, tax: Taxonomy) -> str:
    """The Markdown of the glossary."""
    return glossary_page(lang, tax).markdown()
