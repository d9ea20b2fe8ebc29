"""Edition pages in one site language: one page per edition, the editions index, the home page's link.

Like every generated page, the HTML is made here with every text escaped (titles, summaries and the
editor's introduction are untrusted); links between pages are relative (render.href).
"""

from __future__ import annotations

from build_tools.briefing.editions import EditionIntro
from build_tools.briefing.taxonomy import Taxonomy
from build_tools.model import Briefing
from build_tools.site.editions import NO_TOPIC, Edition, Editions, topic_groups
from build_tools.site.language import SiteLanguage
from build_tools.site.render import PageContent, briefing_url, esc, href, page_meta, topic_url

EDITIONS_URL = "editions/"
# The editions feeds, at the language root beside the site feed (as the topic feeds are: a feed in a
# folder would send Material's sitemap fetch for its autodiscovery link to a folder without one).
EDITIONS_RSS_FILE = "feed-editions.xml"
EDITIONS_JSON_FILE = "feed-editions.json"


def edition_url(week: str) -> str:
    """URL of an edition page below a language's site root."""
    return f"{EDITIONS_URL}{week}/"


def edition_title(lang: SiteLanguage, edition: Edition) -> str:
    """'Edition 5' / '第 5 期'."""
    return lang.t("edition.title", n=edition.number)


def edition_range(lang: SiteLanguage, edition: Edition) -> str:
    """The edition's Monday to Sunday, as readers of ``lang`` write dates."""
    return lang.t("edition.range", start=lang.date(edition.start), end=lang.date(edition.end))


def _count(lang: SiteLanguage, n: int) -> str:
    return lang.t("count.briefing") if n == 1 else lang.t("count.briefings", n=n)


def intro_column(lang: SiteLanguage, intro: EditionIntro) -> str:
    """The body column of the introduction shown to readers of ``lang``: theirs unless still pending."""
    return lang.body if intro.translation.get(lang.body) != "pending" else intro.original


def intro_texts(lang: SiteLanguage, intro: EditionIntro) -> tuple[str, list[str]]:
    """The introduction's title and paragraphs in ``lang`` (or its original language)."""
    col = intro_column(lang, intro)
    title = lang.column(col, intro.title.get(col)) or lang.pick(intro.title)
    return title, [lang.column(col, p.text(col)) for p in intro.paragraphs if p.text(col)]


def key_points(lang: SiteLanguage, b: Briefing) -> tuple[str, list[str]]:
    """A briefing's key points in ``lang`` (or its other body language), with that column."""
    col = lang.body if b.key_points.get(lang.body) else lang.other_body
    return col, [lang.column(col, p) for p in b.key_points.get(col) or []]


def edition_meta(lang: SiteLanguage, edition: Edition) -> dict[str, object]:
    """The meta of an edition page (out of the search index: its text is the briefings')."""
    title = f"{edition_title(lang, edition)} · {edition_range(lang, edition)}"
    description = intro_texts(lang, edition.intro)[0] if edition.intro else ""
    return page_meta(title, description or _count(lang, len(edition.briefings)))


def _group_heading(lang: SiteLanguage, tax: Taxonomy, topic: str, here: str) -> str:
    entry = tax.get(topic) if topic != NO_TOPIC else None
    if entry is None:
        return f'<h2 id="topic-other">{esc(lang.t("edition.other"))}</h2>'
    return (
        f'<h2 id="topic-{esc(entry.id)}">'
        f'<a href="{href(here, topic_url(entry.id))}" data-topic="{esc(entry.id)}">'
        f"{esc(lang.label(entry))}</a></h2>"
    )


def _briefing_block(lang: SiteLanguage, b: Briefing, here: str) -> str:
    day = f'<time datetime="{b.date.isoformat()}">{esc(lang.date(b.date))}</time>' if b.date else ""
    summary = lang.pick(b.summary)
    col, points = key_points(lang, b)
    items = "".join(f"<li>{esc(p)}</li>" for p in points)
    return (
        f'<article class="edition-briefing" data-briefing-id="{esc(b.id)}">'
        f'<h3 class="edition-briefing__title"><a href="{href(here, briefing_url(b.id))}">'
        f"{esc(lang.pick(b.title))}</a></h3>"
        f'<p class="edition-briefing__meta">{day}</p>'
        + (f'<p class="edition-briefing__summary">{esc(summary)}</p>' if summary else "")
        + (f'<ul class="edition-briefing__points" lang="{lang.column_lang(col)}">{items}</ul>'
           if items else "")
        + "</article>"
    )


def _feed_links(lang: SiteLanguage, here: str) -> str:
    base = href(here, "")
    rss = f'<a href="{base}{EDITIONS_RSS_FILE}" data-feed="rss">{esc(lang.t("editions.rss"))}</a>'
    json = f'<a href="{base}{EDITIONS_JSON_FILE}" data-feed="json">{esc(lang.t("editions.json"))}</a>'
    return lang.t("editions.feed", rss=rss, json=json)


def edition_page(
    edition: Edition, editions: Editions, lang: SiteLanguage, tax: Taxonomy, by_id: dict[str, Briefing]
) -> PageContent:
    """The page of one edition: number, dates, introduction, briefings by topic, previous and next."""
    here = edition_url(edition.week)
    year, week = edition.week.split("-w")
    blocks = [
        f'<h1 id="edition-title" data-edition="{esc(edition.week)}" data-number="{edition.number}" '
        f'data-numbered="{"true" if edition.numbered else "false"}">'
        f'{esc(edition_title(lang, edition))}</h1>\n'
        f'<p class="edition-meta"><time datetime="{edition.start.isoformat()}">'
        f'{esc(lang.date(edition.start))}'
        f'</time>{esc(lang.t("edition.range", start="", end=""))}<time datetime="{edition.end.isoformat()}">'
        f"{esc(lang.date(edition.end))}</time> · {esc(lang.t('edition.week', week=int(week), year=year))} · "
        f"{esc(_count(lang, len(edition.briefings)))}</p>",
    ]
    if edition.intro is not None:
        title, paragraphs = intro_texts(lang, edition.intro)
        col = intro_column(lang, edition.intro)
        text = "".join(f"<p>{esc(p)}</p>" for p in paragraphs)
        blocks.append(
            f'<section class="edition-intro" lang="{lang.column_lang(col)}">'
            f'<h2 id="intro">{esc(title or lang.t("edition.intro"))}</h2>{text}</section>'
        )
    for topic, ids in topic_groups(edition, by_id, tax):
        briefings = "".join(_briefing_block(lang, by_id[bid], here) for bid in ids)
        blocks.append(
            f'<section class="edition-topic" data-topic-group="{esc(topic or "other")}">'
            f"{_group_heading(lang, tax, topic, here)}{briefings}</section>"
        )
    pager = []
    for key, neighbour in (("older", edition.older), ("newer", edition.newer)):
        other = editions.by_week.get(neighbour) if neighbour else None
        if other is not None:
            pager.append(
                f'<a class="edition-pager__{key}" data-pager="{key}" '
                f'rel="{"prev" if key == "older" else "next"}" '
                f'href="{href(here, edition_url(other.week))}"><span class="edition-pager__label">'
                f'{esc(lang.t(f"edition.{key}"))}</span> {esc(edition_title(lang, other))} · '
                f"{esc(edition_range(lang, other))}</a>"
            )
    if pager:
        blocks.append(
            f'<nav class="edition-pager" aria-label="{esc(lang.t("edition.neighbours"))}">'
            f'{"".join(pager)}</nav>'
        )
    blocks.append(
        f'<p class="edition-back"><a data-link="editions" href="{href(here, EDITIONS_URL)}">'
        f'{esc(lang.t("edition.all"))}</a> · {_feed_links(lang, here)}</p>'
    )
    return PageContent(edition_meta(lang, edition), blocks)


def editions_index_page(editions: Editions, lang: SiteLanguage) -> PageContent:
    """Every edition, newest first, with its dates, number of briefings and introduction's title."""
    here = EDITIONS_URL
    items = []
    for edition in editions:
        intro = intro_texts(lang, edition.intro)[0] if edition.intro else ""
        items.append(
            f'<li class="edition-item" data-edition="{esc(edition.week)}">'
            f'<a href="{href(here, edition_url(edition.week))}">{esc(edition_title(lang, edition))}</a> '
            f'<span class="edition-item__range">{esc(edition_range(lang, edition))}</span> '
            f'<span class="count">{esc(_count(lang, len(edition.briefings)))}</span>'
            + (f'<p class="edition-item__title">{esc(intro)}</p>' if intro else "")
            + "</li>"
        )
    return PageContent(
        page_meta(lang.t("editions.title"), lang.t("editions.intro")),
        [
            f'<h1 id="editions-title">{esc(lang.t("editions.title"))}</h1>\n'
            f'<p>{esc(lang.t("editions.intro"))}</p>\n'
            f'<p class="editions-feeds">{_feed_links(lang, here)}</p>',
            f'<ul class="edition-list">{"".join(items)}</ul>',
        ],
    )


def latest_edition_link(editions: Editions, lang: SiteLanguage, here: str) -> str:
    """The home page's link to the newest edition ('' when there is none)."""
    latest = editions.latest
    if latest is None:
        return ""
    text = lang.t("home.edition", title=edition_title(lang, latest), range=edition_range(lang, latest))
    return (
        f'<p class="home-edition"><a class="md-button md-button--primary" data-link="latest-edition" '
        f'data-edition="{esc(latest.week)}" href="{href(here, edition_url(latest.week))}">{esc(text)}</a></p>'
    )
