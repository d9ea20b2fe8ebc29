"""One briefing -> its page in one site language: meta and HTML (and the same page as Markdown).

Every text of a briefing is untrusted: it is HTML-escaped, and the page is HTML that no Markdown ever
interprets (``[x](javascript:...)``, ``<script>``, ``{{ }}`` all come out as the text they are); its
Markdown form puts the HTML in raw HTML blocks, which Python-Markdown leaves as they are.
Page meta goes through ``dump_yaml``; Material prints ``title`` and ``description`` unescaped, so those
values are HTML (escaped text) too. Links between generated pages are relative URLs computed here.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from build_tools.briefing.frontmatter import dump_yaml
from build_tools.briefing.taxonomy import Taxonomy
from build_tools.model import Briefing, Entry, Paragraph
from build_tools.site.language import SiteLanguage
from build_tools.site.relations import Relations

VIEWS = ("original", "translation", "parallel")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.IGNORECASE)
# Silent reading speeds of adults (IReST, Trauzettel-Klosinski et al. 2012): English 228 words a minute,
# Chinese 255 characters a minute. A Latin word inside Chinese text counts as one character.
WORDS_PER_MINUTE = 228
HAN_PER_MINUTE = 255
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORDS = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")
# Chips shown at once: the first topics and names of the front matter (the editor orders them by weight);
# the rest wait behind "+ N more", and all of them come after the summary, which a phone shows first.
HEADER_TOPICS = 3
HEADER_NAMES = 4
# Where the "how this was made" line links a briefing's seed and file when mkdocs.yml names no repository.
DEFAULT_REPOSITORY = "https://github.com/ai-briefing/ai-briefing"

# URLs of generated pages, relative to a language's site root (directory URLs).
HOME_URL = ""
TOPICS_URL = "topics/"
ARCHIVE_URL = "archive/"
GLOSSARY_URL = "glossary/"


def briefing_url(briefing_id: str) -> str:
    """URL of a briefing page below a language's site root."""
    return f"briefings/{briefing_id}/"


def topic_url(entry_id: str) -> str:
    """URL of a topic or entity page."""
    return f"topics/{entry_id}/"


def month_url(month: str) -> str:
    """URL of an archive month ('2024-06')."""
    return f"archive/{month}/"


def page_url(base: str, number: int) -> str:
    """URL of page ``number`` of the listing at ``base`` (newest first): ``base``, ``base/page/2/``..."""
    return base if number == 1 else f"{base}page/{number}/"


# A topic's feeds, at the root of a language's site (beside feed.xml; see site/publish/head.py).
TOPIC_FEED_FILES = ("feed-{topic}.xml", "feed-{topic}.json")
SITE_FEED_FILES = ("feed.xml", "feed.json")


def src_uri(url: str) -> str:
    """The virtual Markdown file that MkDocs turns into ``url``."""
    return f"{url}index.md" if url.endswith("/") or not url else f"{url}.md"


def esc(text: str | None) -> str:
    """HTML-escape untrusted text, quotes included (safe in element content and attribute values)."""
    return html.escape(text or "", quote=True)


def href(here: str, there: str) -> str:
    """Relative link from page URL ``here`` to page URL ``there`` (both directory URLs)."""
    rel = posixpath.relpath(there.rstrip("/") or ".", here.rstrip("/") or ".")
    return "./" if rel == "." else f"{rel}/"


def safe_url(url: str | None) -> str | None:
    """``url`` if it is a plain http(s) URL, else None: nothing else is ever put in an href.

    A user name before the host (``https://reuters.com@evil.example/``) disguises where a link leads.
    """
    if not url or not _SAFE_URL.match(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.hostname and "@" not in parts.netloc else None


def outlet_host(url: str) -> str:
    """The host a URL leads to, without ``www.``: the outlet's name when a briefing gives none."""
    return (urlsplit(url).hostname or "").removeprefix("www.")


@dataclass(frozen=True)
class Repository:
    """The public repository of the project, for links to a briefing's files (``extra.repository``)."""

    url: str = DEFAULT_REPOSITORY
    branch: str = "main"

    def file(self, path: str) -> str | None:
        """The address of ``path`` (from the project root) in the repository, if it is an http(s) URL."""
        url = f"{self.url.rstrip('/')}/blob/{self.branch}/{path}"
        return safe_url(url)


DEFAULT_REPOSITORY_LINKS = Repository()


def footer_links(lang: SiteLanguage, extra: dict) -> list[dict[str, str]]:
    """The footer's links: about, the site's feeds, the content licence, the repository.

    ``href`` of a page of the site is relative to its root (the template puts ``base_url`` before it);
    ``external`` links are absolute. The licence is ``extra.content_licence`` (``name``, ``url``).
    """
    links = [{"kind": "about", "label": lang.t("footer.about"), "href": "about/", "external": ""}]
    for kind, name in zip(("rss", "json"), SITE_FEED_FILES, strict=True):
        links.append(
            {
                "kind": f"feed-{kind}",
                "label": lang.t(f"feed.{kind}"),
                "href": name,
                "external": "",
                "group": lang.t("footer.feeds"),
            }
        )
    licence = extra.get("content_licence") or {}
    if isinstance(licence, dict) and licence.get("name"):
        url = safe_url(str(licence.get("url") or ""))
        links.append(
            {
                "kind": "licence",
                "label": f"{lang.t('footer.licence')}: {licence['name']}",
                "href": url or "about/",
                "external": "1" if url else "",
            }
        )
    repo = safe_url(repository_from(extra).url)
    if repo:
        links.append(
            {"kind": "repository", "label": lang.t("footer.repository"), "href": repo, "external": "1"}
        )
    return links


def repository_from(extra: dict) -> Repository:
    """The repository named in a config's ``extra.repository`` (``url``, ``branch``), else the default."""
    value = extra.get("repository") or {}
    if not isinstance(value, dict):
        return Repository()
    return Repository(str(value.get("url") or DEFAULT_REPOSITORY), str(value.get("branch") or "main"))


_minutes: dict[tuple[str, str], tuple[object, int]] = {}


def reading_minutes(b: Briefing, column: str) -> int:
    """Minutes a reader takes for the article in body column ``column`` (en | zh), at least one."""
    paragraphs = b.paragraphs
    known = _minutes.get((b.id, column))
    if known is not None and known[0] is paragraphs:  # listings ask for the same briefing many times
        return known[1]
    text = "\n".join(p.text(column) for p in paragraphs)
    if column == "en":
        minutes = len(_WORDS.findall(text)) / WORDS_PER_MINUTE
    else:
        minutes = (len(_HAN.findall(text)) + len(_WORDS.findall(text))) / HAN_PER_MINUTE
    value = max(1, round(minutes))
    _minutes[b.id, column] = (paragraphs, value)
    return value


def reading_time(b: Briefing, lang: SiteLanguage) -> str:
    """'4 min read' for the column a reader of ``lang`` sees first."""
    return lang.t("briefing.reading_time", n=reading_minutes(b, indexed_column(b, lang)))


def page_meta(title: str, description: str = "", *, hide: Iterable[str] = ("toc",)) -> dict[str, object]:
    """The meta of a generated page; ``title`` and ``description`` are plain text, escaped here."""
    meta: dict[str, object] = {"title": esc(title)}
    if description:
        meta["description"] = esc(" ".join(description.split()))
    if hide:
        meta["hide"] = list(hide)
    return meta


@dataclass
class PageContent:
    """A generated page: its meta and its HTML, as blocks of raw HTML.

    MkDocs gets ``meta`` and ``html`` directly (the HTML is final: nothing for Python-Markdown to do);
    ``markdown()`` is the same page as a Markdown file, for readers of the generated source and tests.
    """

    meta: dict[str, object]
    blocks: list[str]

    @property
    def html(self) -> str:
        """The page's HTML, one block a line."""
        return "\n".join(self.blocks) + "\n"

    def markdown(self) -> str:
        """The page as Markdown: front matter, then every block as a raw HTML block."""
        return "\n\n".join([f"---\n{dump_yaml(self.meta)}---", *self.blocks]) + "\n"


def chip(lang: SiteLanguage, entry: Entry, here: str, *, count: int | None = None) -> str:
    """A link to a topic or entity page, labelled in ``lang``."""
    attr = "data-topic" if entry.is_topic else "data-entity"
    extra = f' <span class="chip__count">{count}</span>' if count is not None else ""
    return (
        f'<a class="chip chip--{entry.kind}" {attr}="{esc(entry.id)}" '
        f'href="{href(here, topic_url(entry.id))}">{esc(lang.label(entry))}{extra}</a>'
    )


def briefing_link(lang: SiteLanguage, b: Briefing, here: str, *, summary: bool = False,
                  marked: bool = True) -> str:
    """A list item linking to a briefing, with its date (and summary).

    ``marked`` names the briefing in a data attribute, for listings whose order is checked by id; a
    briefing page's related list leaves it out, as nothing there reads it.
    """
    day = f'<time datetime="{b.date.isoformat()}">{esc(lang.date(b.date))}</time> ' if b.date else ""
    text = f'<p class="briefing-link__summary">{esc(lang.pick(b.summary))}</p>' if summary else ""
    mark = f' data-briefing-id="{esc(b.id)}"' if marked else ""
    return (
        f'<li class="briefing-link"{mark}>{day}'
        f'<a href="{href(here, briefing_url(b.id))}">{esc(lang.pick(b.title))}</a> '
        f'<span class="reading-time">{esc(reading_time(b, lang))}</span>{text}</li>'
    )


def entry_names(lang: SiteLanguage, entry: Entry) -> list[str]:
    """Every name of an entry a reader of ``lang`` may search for, own label first, deduplicated."""
    names = [
        lang.label(entry),
        lang.other_label(entry),
        entry.en,
        entry.zh,
        *entry.aliases.get("en", []),
        *entry.aliases.get("zh", []),
    ]
    if lang.opencc is not None:  # its own script's forms, beside the Simplified ones people also type
        names += [lang.script(n) for n in [entry.zh, *entry.aliases.get("zh", [])]]
    return list(dict.fromkeys(n for n in names if n))


def _views(b: Briefing, lang: SiteLanguage) -> tuple[str, list[str]]:
    """The view shown without JavaScript (the reader's language when it exists) and the views offered."""
    translated = b.is_translated("zh" if b.original == "en" else "en")
    offered = list(VIEWS) if translated else ["original"]
    if lang.body == b.original or not translated:
        return "original", offered
    return "translation", offered


def _paragraph_html(p: Paragraph, text: str) -> str:
    body = esc(text)
    if p.kind == "h":
        return f'<h3 class="bi-heading">{body}</h3>'
    if p.kind == "li":
        return f'<ul class="bi-list"><li>{body}</li></ul>'
    if p.kind == "quote":
        return f"<blockquote><p>{body}</p></blockquote>"
    return f"<p>{body}</p>"


def _article(b: Briefing, lang: SiteLanguage) -> list[str]:
    default, offered = _views(b, lang)
    original = b.original
    translation = "zh" if original == "en" else "en"
    columns = [("original", original)] + ([("translation", translation)] if "translation" in offered else [])
    rows = []
    for p in b.paragraphs:
        cells = "".join(
            f'<div data-col="{role}" lang="{lang.column_lang(body_lang)}">'
            f"{_paragraph_html(p, lang.column(body_lang, p.text(body_lang), once=True))}</div>"
            for role, body_lang in columns
        )
        rows.append(f'<div class="bi-row bi-row--{p.kind}">{cells}</div>')
    return [
        f'<div class="bilingual" id="bilingual" data-view="{default}" data-default-view="{default}" '
        f'data-views="{" ".join(offered)}" data-original="{lang.column_lang(original)}" '
        f'data-reader="{lang.html_lang}">',
        *rows,
        "</div>",
    ]


def indexed_column(b: Briefing, lang: SiteLanguage) -> str:
    """The body column a reader of ``lang`` sees first (en | zh): the one search indexes."""
    default, _ = _views(b, lang)
    return b.original if default == "original" else ("zh" if b.original == "en" else "en")


def _language_name(lang: SiteLanguage, body_lang: str) -> str:
    return lang.t(f"lang.{body_lang}")


def _toggle(b: Briefing, lang: SiteLanguage) -> str:
    default, offered = _views(b, lang)
    if len(offered) < 2:
        return ""
    original = b.original
    translation = "zh" if original == "en" else "en"
    labels = {
        "original": lang.t("view.original", language=_language_name(lang, original)),
        "translation": lang.t("view.translation", language=_language_name(lang, translation)),
        "parallel": lang.t("view.parallel"),
    }
    buttons = "".join(
        f'<button type="button" class="md-button view-toggle__button" data-view="{view}" '
        f'aria-pressed="{"true" if view == default else "false"}">{esc(labels[view])}</button>'
        for view in offered
    )
    return (
        f'<div class="view-toggle" role="group" aria-label="{esc(lang.t("view.group"))}" '
        f"hidden>{buttons}</div>"
    )


def _banner(b: Briefing, lang: SiteLanguage) -> str:
    translation = "zh" if b.original == "en" else "en"
    status = b.translation.get(translation)
    if status not in ("machine", "pending"):
        return ""
    text = lang.t(
        f"banner.{status}",
        language=_language_name(lang, translation),
        original=_language_name(lang, b.original),
    )
    kind = "warning" if status == "machine" else "info"
    return (
        f'<div class="admonition {kind} translation-banner" data-translation-status="{status}" '
        f'data-translation-lang="{lang.column_lang(translation)}">'
        f'<p class="admonition-title">{esc(lang.t(f"banner.{status}.title"))}</p><p>{esc(text)}</p></div>'
    )


def _meta_line(b: Briefing, lang: SiteLanguage) -> str:
    parts = []
    if b.date:
        basis = (
            f'<span class="briefing-meta__basis">{esc(lang.t("briefing.event_date"))}</span>'
            if b.date_basis == "event"
            else ""
        )
        parts.append(
            f'<span class="briefing-meta__date"><time datetime="{b.date.isoformat()}">'
            f"{esc(lang.date(b.date))}</time>{basis}</span>"
        )
    parts.append(f'<span class="briefing-meta__reading-time">{esc(reading_time(b, lang))}</span>')
    return f'<p class="briefing-meta">{" · ".join(parts)}</p>'


def _source_line(b: Briefing, lang: SiteLanguage) -> str:
    """The outlet and a link to the original page, or plainly what is not known of them."""
    url = safe_url(b.source.url)
    name = lang.script(b.source.name or "") or (outlet_host(url) if url else "")
    label = f'<span class="briefing-source__label">{esc(lang.t("source.label"))}</span>'
    if not name:
        state, shown = "unknown", esc(lang.t("source.unknown"))
    elif url:
        state = "linked"
        shown = (
            f'<span class="briefing-source__outlet">{esc(name)}</span> · '
            f'<a class="briefing-source__original" href="{esc(url)}" rel="noopener nofollow">'
            f"{esc(lang.t('source.original'))}</a>"
        )
    else:
        state = "no-page"
        shown = (
            f'<span class="briefing-source__outlet">{esc(name)}</span>'
            f'<span class="briefing-source__no-page">{esc(lang.t("source.no_page"))}</span>'
        )
    return f'<p class="briefing-source" data-source="{state}">{label}{shown}</p>'


def _made_line(b: Briefing, lang: SiteLanguage, repo: Repository) -> str:
    """For contributors: the seed the briefing was drafted from and its own file, in the repository."""
    parts = []
    if b.seed:
        # A break opportunity after each slash only: a phone wraps the path there, never inside a name.
        path = "/<wbr>".join(esc(part) for part in b.seed.split("/"))
        target = repo.file(b.seed)
        seed = (
            f'<a class="briefing-made__seed" href="{esc(target)}"><code>{path}</code></a>'
            if target
            else f"<code>{path}</code>"
        )
        parts.append(esc(lang.t("made.seed", seed="\0")).replace("\0", seed))
    own = repo.file(f"briefings/{b.id}.md")
    if own:
        parts.append(f'<a class="briefing-made__edit" href="{esc(own)}">{esc(lang.t("made.edit"))}</a>')
    if not parts:
        return ""
    return (
        f'<p class="briefing-made"><span class="briefing-made__label">{esc(lang.t("made.label"))}</span>'
        f"{' · '.join(parts)}</p>"
    )


def _chip_line(lang: SiteLanguage, kind: str, entries: list[Entry], here: str, shown: int) -> str:
    first = " ".join(chip(lang, e, here) for e in entries[:shown])
    rest = entries[shown:]
    more = (
        f' <details class="briefing-chips__more"><summary>{esc(lang.t("chips.more", n=len(rest)))}'
        f"</summary>{' '.join(chip(lang, e, here) for e in rest)}</details>"
        if rest
        else ""
    )
    return (
        f'<div class="briefing-chips briefing-chips--{kind}"><span class="briefing-chips__label">'
        f"{esc(lang.t(f'briefing.{kind}'))}</span> {first}{more}</div>"
    )


def _chips(b: Briefing, lang: SiteLanguage, tax: Taxonomy, here: str) -> list[str]:
    out = []
    topics = [e for e in (tax.get(t) for t in b.tags) if e is not None]
    entities = [e for e in (tax.get(t) for t in b.entities) if e is not None]
    if topics:
        out.append(_chip_line(lang, "topics", topics, here, HEADER_TOPICS))
    if entities:
        out.append(_chip_line(lang, "entities", entities, here, HEADER_NAMES))
    return out


def briefing_meta(b: Briefing, lang: SiteLanguage) -> dict[str, object]:
    """The meta of the page of briefing ``b``; its own search entries replace Material's indexing."""
    return page_meta(lang.pick(b.title), lang.pick(b.summary))


def briefing_page(  # noqa: PLR0917 -- the five things every page is made from, and where files live
    b: Briefing,
    lang: SiteLanguage,
    tax: Taxonomy,
    rel: Relations,
    by_id: dict[str, Briefing],
    repo: Repository = Repository(),
) -> PageContent:
    """The page of briefing ``b`` on the ``lang`` site: title, date, source, reading time and summary
    first, then the main topics and names, the article, and how the briefing was made."""
    here = briefing_url(b.id)
    title = lang.pick(b.title)
    summary = lang.pick(b.summary)
    blocks = [
        f'<h1 id="briefing-title">{esc(title)}</h1>',
        "\n".join(
            [
                '<header class="briefing-header">',
                _meta_line(b, lang),
                _source_line(b, lang),
                "</header>",
            ]
        ),
    ]
    if summary:
        blocks.append(f'<div class="briefing-summary"><p>{esc(summary)}</p></div>')
    chips = _chips(b, lang, tax, here)
    if chips:
        blocks.append("\n".join(['<div class="briefing-tags">', *chips, "</div>"]))
    points = b.key_points.get(lang.body) or b.key_points.get(lang.other_body) or []
    point_lang = lang.body if b.key_points.get(lang.body) else lang.other_body
    if points:
        items = "".join(f"<li>{esc(lang.column(point_lang, p))}</li>" for p in points)
        blocks.append(
            f'<h2 id="key-points">{esc(lang.t("briefing.key_points"))}</h2>\n'
            f'<ul class="briefing-key-points">{items}</ul>'
        )
    note = lang.pick(b.editor_note)
    if note:
        blocks.append(
            f'<div class="admonition note editor-note"><p class="admonition-title">'
            f"{esc(lang.t('briefing.editor_note'))}</p><p>{esc(note)}</p></div>"
        )
    article = [f'<h2 id="article">{esc(lang.t("briefing.article"))}</h2>', _toggle(b, lang), _banner(b, lang)]
    blocks.append("\n".join(x for x in article if x))
    blocks.append("\n".join(_article(b, lang)))
    made = _made_line(b, lang, repo)
    if made:
        blocks.append(made)
    related = [by_id[r] for r in rel.related.get(b.id, []) if r in by_id]
    if related:
        blocks.append(
            f'<section class="related-briefings">\n'
            f"<h2>{esc(lang.t('briefing.related'))}</h2>\n<ul>"
            f"{''.join(briefing_link(lang, r, here, marked=False) for r in related)}</ul>\n</section>"
        )
    pager = []
    for key, neighbour in (("older", rel.older.get(b.id)), ("newer", rel.newer.get(b.id))):
        if neighbour and neighbour in by_id:
            n = by_id[neighbour]
            label = lang.t("briefing.previous" if key == "older" else "briefing.next")
            link_rel = "prev" if key == "older" else "next"
            pager.append(
                f'<a class="briefing-pager__{key}" data-pager="{key}" rel="{link_rel}" '
                f'href="{href(here, briefing_url(n.id))}"><span class="briefing-pager__label">'
                f"{esc(label)}</span> {esc(lang.pick(n.title))}</a>"
            )
    if pager:
        blocks.append(
            f'<nav class="briefing-pager" aria-label="{esc(lang.t("briefing.neighbours"))}">'
            f"{''.join(pager)}</nav>"
        )
    return PageContent(briefing_meta(b, lang), blocks)


def render_briefing(  # noqa: PLR0917 -- as briefing_page
    b: Briefing,
    lang: SiteLanguage,
    tax: Taxonomy,
    rel: Relations,
    by_id: dict[str, Briefing],
    repo: Repository = Repository(),
) -> str:
    """The Markdown of the page of briefing ``b`` on the ``lang`` site."""
    return briefing_page(b, lang, tax, rel, by_id, repo).markdown()
