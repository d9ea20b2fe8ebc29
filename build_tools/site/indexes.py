"""Pages made from the whole set: home, topic index, topic and entity pages, archive, glossary."""

from __future__ import annotations

from collections import Counter

from build_tools.model import Briefing, Entry
from build_tools.site.language import LANGUAGES, SiteLanguage
from build_tools.site.relations import Relations
from build_tools.site.render import (
    ARCHIVE_URL,
    GLOSSARY_URL,
    HOME_URL,
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
    topic_url,
)
from build_tools.briefing.taxonomy import KINDS, Taxonomy

HOME_LATEST = 10  # briefings on the home page
HOME_TOPICS = 12  # topics on the home page
# "Most active": counted over this many latest briefings, so the list follows the news, not all time.
ACTIVE_WINDOW = 50


def _count(lang: SiteLanguage, n: int) -> str:
    return lang.t("count.briefing") if n == 1 else lang.t("count.briefings", n=n)


def home_page(lang: SiteLanguage, tax: Taxonomy, rel: Relations, by_id: dict[str, Briefing]) -> PageContent:
    """The home page: the latest briefings with summaries, the most active topics, the archive."""
    here = HOME_URL
    meta = page_meta(lang.t("home.title"), lang.t("site.tagline"), search=False, hide=("toc",))
    blocks = [
        f'<h1 id="home-title">{esc(lang.t("home.title"))}</h1>\n'
        f'<p class="home-intro">{esc(lang.t("site.tagline"))}</p>',
        f"<h2>{esc(lang.t('home.latest'))}</h2>",
    ]
    cards = []
    for bid in rel.timeline[:HOME_LATEST]:
        b = by_id[bid]
        topics = " ".join(chip(lang, e, here) for e in (tax.get(t) for t in b.tags[:4]) if e is not None)
        day = f'<time datetime="{b.date.isoformat()}">{esc(lang.date(b.date))}</time>' if b.date else ""
        cards.append(
            f'<article class="briefing-card" data-briefing-id="{esc(b.id)}">'
            f'<h3 class="briefing-card__title"><a href="{href(here, briefing_url(b.id))}">'
            f'{esc(lang.pick(b.title))}</a></h3><p class="briefing-card__meta">{day}</p>'
            f'<p class="briefing-card__summary">{esc(lang.pick(b.summary))}</p>'
            f'<p class="briefing-card__chips">{topics}</p></article>'
        )
    blocks.append(
        f'<div class="briefing-cards">{"".join(cards)}</div>'
        if cards
        else f'<p class="home-empty">{esc(lang.t("home.empty"))}</p>'
    )
    blocks.append(
        f'<p class="home-archive"><a class="md-button" data-link="archive" '
        f'href="{href(here, ARCHIVE_URL)}">{esc(lang.t("home.archive"))}</a></p>'
    )
    active: Counter[str] = Counter()
    for bid in rel.timeline[:ACTIVE_WINDOW]:
        active.update(by_id[bid].tags)
    top = sorted(active.items(), key=lambda kv: (-kv[1], kv[0]))[:HOME_TOPICS]
    if top:
        chips = " ".join(chip(lang, tax.get(t), here, count=n) for t, n in top if tax.get(t) is not None)
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
    meta = page_meta(lang.t("topics.title"), lang.t("topics.intro"), search=False)
    blocks = [
        f'<h1 id="topics-title">{esc(lang.t("topics.title"))}</h1>\n<p>{esc(lang.t("topics.intro"))}</p>',
    ]
    for kind in KINDS:
        entries = _sorted_entries([e for e in tax if e.kind == kind], rel, lang)
        if not entries:
            continue
        items = "".join(
            f'<li class="topic-count" data-topic-id="{esc(e.id)}"><a href="{href(here, topic_url(e.id))}">'
            f'{esc(lang.label(e))}</a> <span class="other-label" lang="{_other_lang(lang)}">'
            f"{esc(lang.other_label(e))}</span> "
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
    return "zh-Hans" if lang.code == "en" else "en"


def topic_meta(entry: Entry, lang: SiteLanguage, rel: Relations) -> dict[str, object]:
    """The meta of a topic or entity page (search.topic_entry indexes it, not Material)."""
    count = _count(lang, len(rel.postings.get(entry.id, [])))
    return page_meta(
        lang.label(entry), lang.pick(entry.description) or f"{lang.label(entry)} · {count}", search=False
    )


def topic_page(
    entry: Entry, lang: SiteLanguage, tax: Taxonomy, rel: Relations, by_id: dict[str, Briefing]
) -> PageContent:
    """A topic or entity page: both labels, aliases, the briefings as a timeline, related topics."""
    here = topic_url(entry.id)
    ids = rel.postings.get(entry.id, [])
    description = lang.pick(entry.description)
    meta = topic_meta(entry, lang, rel)
    blocks = [
        f'<h1 id="topic-title" data-topic-id="{esc(entry.id)}">{esc(lang.label(entry))} '
        f'<span class="other-label" lang="{_other_lang(lang)}">{esc(lang.other_label(entry))}</span></h1>\n'
        f'<p class="topic-kind" data-kind="{entry.kind}">{esc(lang.t(f"kind1.{entry.kind}"))} · '
        f"{esc(_count(lang, len(ids)))}</p>",
    ]
    if description:
        blocks.append(f'<p class="topic-description">{esc(description)}</p>')
    if not entry.is_topic:
        names = entry_names(lang, entry)[2:]
        if names:
            blocks.append(
                f'<p class="topic-aliases"><span class="topic-aliases__label">'
                f"{esc(lang.t('briefing.aliases'))}:</span> {esc(' · '.join(names))}</p>"
            )
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
    blocks.append(
        f'<section class="timeline" data-search-exclude>\n<h2>{esc(lang.t("topic.briefings"))}</h2>\n'
        f"{body}\n</section>"
    )
    related = [(tax.get(k), n) for k, n in rel.cooccurring.get(entry.id, []) if tax.get(k) is not None]
    if related:
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
    """The Markdown of a topic or entity page."""
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
        page_meta(lang.t("archive.title"), lang.t("archive.intro"), search=False),
        [
            f'<h1 id="archive-title">{esc(lang.t("archive.title"))}</h1>\n'
            f"<p>{esc(lang.t('archive.intro'))}</p>",
            f'<ul class="archive-months">{items}</ul>',
        ],
    )


def render_archive(lang: SiteLanguage, rel: Relations) -> str:
    """The Markdown of the archive."""
    return archive_page(lang, rel).markdown()


def month_meta(month: str, lang: SiteLanguage) -> dict[str, object]:
    """The meta of one month of the archive."""
    title = lang.month(int(month[:4]), int(month[5:]))
    return page_meta(f"{lang.t('archive.title')} · {title}", search=False)


def month_page(month: str, lang: SiteLanguage, rel: Relations, by_id: dict[str, Briefing]) -> PageContent:
    """One month of the archive: its briefings with their summaries, newest first."""
    here = month_url(month)
    title = lang.month(int(month[:4]), int(month[5:]))
    items = "".join(briefing_link(lang, by_id[bid], here, summary=True) for bid in rel.months[month])
    return PageContent(
        month_meta(month, lang),
        [
            f'<h1 id="month-title">{esc(title)}</h1>',
            f'<ul class="archive-list">{items}</ul>',
            f'<p class="archive-back"><a data-link="archive" href="{href(here, ARCHIVE_URL)}">'
            f"{esc(lang.t('archive.back'))}</a></p>",
        ],
    )


def render_month(month: str, lang: SiteLanguage, rel: Relations, by_id: dict[str, Briefing]) -> str:
    """The Markdown of one month of the archive."""
    return month_page(month, lang, rel, by_id).markdown()


def glossary_page(lang: SiteLanguage, tax: Taxonomy) -> PageContent:
    """Every taxonomy term in English, Simplified and Traditional Chinese, linked to its page.

    The table stays out of the search index: as one search result it reads as a run-on list of every
    name; each term is found on its own topic page instead.
    """
    here = GLOSSARY_URL
    zh_hant = LANGUAGES["zh-hant"]
    rows = []
    for e in sorted(tax, key=lambda e: (KINDS.index(e.kind), e.en.casefold(), e.id)):
        rows.append(
            f'<tr id="term-{esc(e.id)}" data-topic-id="{esc(e.id)}">'
            f'<td lang="en"><a href="{href(here, topic_url(e.id))}">{esc(e.en)}</a></td>'
            f'<td lang="zh-Hans">{esc(e.zh)}</td><td lang="zh-Hant">{esc(zh_hant.label(e))}</td>'
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
