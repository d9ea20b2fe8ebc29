"""Every generated page of one site language, as Markdown keyed by its virtual source path."""

from __future__ import annotations

from build_tools.site.collect import Corpus
from build_tools.site.indexes import (
    render_archive,
    render_glossary,
    render_home,
    render_month,
    render_topic,
    render_topic_index,
)
from build_tools.site.language import SiteLanguage
from build_tools.site.relations import Relations
from build_tools.site.render import (
    ARCHIVE_URL,
    HOME_URL,
    TOPICS_URL,
    briefing_url,
    month_url,
    render_briefing,
    src_uri,
    topic_url,
)

# Generated pages outside the navigation (listed in each config's not_in_nav): Material renders the
# whole navigation into every page, so listing briefings there would grow the site with N².
NOT_IN_NAV = ("briefings/", "topics/", "archive/")


def generate_pages(corpus: Corpus, rel: Relations, lang: SiteLanguage) -> dict[str, str]:
    """Source path (``briefings/<id>.md`` ...) -> Markdown, for every generated page of ``lang``."""
    tax, by_id = corpus.taxonomy, corpus.by_id
    pages: dict[str, str] = {
        src_uri(HOME_URL): render_home(lang, tax, rel, by_id),
        src_uri(TOPICS_URL): render_topic_index(lang, tax, rel),
        src_uri(ARCHIVE_URL): render_archive(lang, rel),
        "glossary.md": render_glossary(lang, tax),  # URL glossary/
    }
    for b in corpus.briefings:
        pages[f"{briefing_url(b.id).rstrip('/')}.md"] = render_briefing(b, lang, tax, rel, by_id)
    for entry in sorted(tax, key=lambda e: e.id):
        pages[f"{topic_url(entry.id).rstrip('/')}.md"] = render_topic(entry, lang, tax, rel, by_id)
    for month in rel.months:
        pages[f"{month_url(month).rstrip('/')}.md"] = render_month(month, lang, rel, by_id)
    return dict(sorted(pages.items()))
