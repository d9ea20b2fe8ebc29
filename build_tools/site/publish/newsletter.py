"""One edition as an email: a self-contained HTML part, a plain-text part, and both as one message.

Mail clients are not browsers: many drop ``<style>`` and every external stylesheet, run no script, lay
out ``<div>`` poorly and resolve no relative link. So the HTML is tables for layout with the styles
inline on each element, no ``<script>``, ``<style>`` or ``<link>``, no image, and every link absolute
(the language's ``site_url``). Every text from a briefing or an introduction is escaped. The message
(``.eml``) is ``multipart/alternative`` made by the standard library's ``email`` package, with no date
or recipients: the sending tool adds those.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from build_tools.files import write_atomic
from build_tools.model import Briefing
from build_tools.site.collect import Corpus
from build_tools.site.edition_pages import edition_range, edition_title, edition_url, intro_texts, key_points
from build_tools.site.editions import NO_TOPIC, Edition, topic_groups
from build_tools.site.language import SiteLanguage
from build_tools.site.render import briefing_url, esc, topic_url

# Colours and fonts of the site's default palette (Material's indigo), written out for mail clients.
# Chinese fonts only for Chinese mail: they draw Latin quotes full width.
FONTS = {
    "en": "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
    "zh": "-apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
    "zh-hant": "-apple-system, 'PingFang TC', 'Microsoft JhengHei', 'Noto Sans CJK TC', sans-serif",
}
PRIMARY = "#3f51b5"
TEXT = "#1f2328"
MUTED = "#5f6368"
PAGE = "#f4f5f7"
WIDTH = 600  # pixels: the width mail clients' reading panes show without scrolling


@dataclass(frozen=True)
class EditionMail:
    """An edition as mail in one language: subject, HTML part, plain-text part."""

    subject: str
    html: str
    text: str
    language: str  # BCP 47 tag

    def message(self) -> EmailMessage:
        """Both parts as one ``multipart/alternative`` message, plain text first (RFC 2046)."""
        msg = EmailMessage(policy=SMTP)
        msg["Subject"] = self.subject
        msg.set_content(self.text)
        msg.add_alternative(self.html, subtype="html")
        msg["Content-Language"] = self.language  # after the content, which clears Content-* headers
        # A boundary made from the content (never found in it): the same edition gives the same bytes.
        digest = hashlib.blake2b((self.text + self.html).encode("utf-8"), digest_size=12).hexdigest()
        msg.set_boundary(f"=_edition_{digest}")
        return msg


def _p(text: str, style: str) -> str:
    return f'<p style="margin:0 0 12px;{style}">{text}</p>'


def _link(url: str, text: str, style: str = "") -> str:
    return f'<a href="{esc(url)}" style="color:{PRIMARY};{style}">{esc(text)}</a>'


def _row(inner: str, font: str, padding: str = "8px 24px", colours: str = f"color:{TEXT};") -> str:
    return f'<tr><td style="padding:{padding};font-family:{font};{colours}">{inner}</td></tr>'


def _briefing_html(lang: SiteLanguage, b: Briefing, base: str) -> str:
    url = base + briefing_url(b.id)
    col, points = key_points(lang, b)
    items = "".join(f'<li style="margin:0 0 6px;">{esc(p)}</li>' for p in points)
    parts = [
        f'<h3 style="margin:0 0 4px;font-size:17px;line-height:1.35;">'
        f'{_link(url, lang.pick(b.title), "text-decoration:none;")}</h3>',
        _p(esc(lang.date(b.date)) if b.date else "", f"font-size:13px;color:{MUTED};"),
    ]
    if lang.pick(b.summary):
        parts.append(_p(esc(lang.pick(b.summary)), "font-size:15px;line-height:1.55;"))
    if items:
        parts.append(f'<ul lang="{lang.column_lang(col)}" style="margin:0 0 12px;padding-left:20px;'
                     f'font-size:14px;line-height:1.5;">{items}</ul>')
    parts.append(_p(_link(url, lang.t("mail.read") + " →"), "font-size:14px;"))
    return "".join(parts)


def edition_mail(edition: Edition, lang: SiteLanguage, corpus: Corpus, site_url: str) -> EditionMail:
    """The mail of ``edition`` for readers of ``lang``; ``site_url`` is that language's absolute root."""
    base = site_url.rstrip("/") + "/"
    tax, by_id = corpus.taxonomy, corpus.by_id
    site = lang.t("site.name")
    font = FONTS[lang.code]

    def row(inner: str, **style: str) -> str:
        return _row(inner, font, **style)

    title, dates = edition_title(lang, edition), edition_range(lang, edition)
    page = base + edition_url(edition.week)
    rows = [row(
        f'<p style="margin:0 0 8px;font-size:14px;">'
        f'{_link(base, site, "color:#ffffff;text-decoration:none;")}</p>'
        f'<h1 style="margin:0 0 6px;font-size:26px;font-weight:normal;color:#ffffff;">{esc(title)}</h1>'
        f'<p style="margin:0;font-size:14px;color:#e8eaf6;">{esc(dates)}</p>',
        padding="20px 24px",
        colours=f"color:#ffffff;background:{PRIMARY};",
    )]
    text = [f"{site} · {title}", dates, "", f"{lang.t('mail.online')}: {page}", ""]
    if edition.intro is not None:
        heading, paragraphs = intro_texts(lang, edition.intro)
        heading = heading or lang.t("edition.intro")
        rows.append(row(
            f'<h2 style="margin:0 0 8px;font-size:19px;">{esc(heading)}</h2>'
            + "".join(_p(esc(p), "font-size:15px;line-height:1.6;") for p in paragraphs),
            padding="20px 24px 4px",
        ))
        text += [heading, "", *(f"{p}\n" for p in paragraphs)]
    for topic, ids in topic_groups(edition, by_id, tax):
        entry = tax.get(topic) if topic != NO_TOPIC else None
        label = lang.label(entry) if entry is not None else lang.t("edition.other")
        heading = _link(base + topic_url(entry.id), label, "text-decoration:none;") if entry else esc(label)
        rows.append(row(
            f'<h2 style="margin:0;padding-top:12px;border-top:1px solid #e0e0e0;font-size:19px;">'
            f'{heading}</h2>',
            padding="16px 24px 4px",
        ))
        text += [f"== {label} ==", ""]
        for bid in ids:
            b = by_id[bid]
            rows.append(row(_briefing_html(lang, b, base)))
            _, points = key_points(lang, b)
            text += [lang.pick(b.title), " · ".join(x for x in (lang.date(b.date) if b.date else "",
                                                               base + briefing_url(b.id)) if x)]
            text += [lang.pick(b.summary)] if lang.pick(b.summary) else []
            text += [*(f"  • {p}" for p in points), ""]
    links = [_link(page, lang.t("mail.online"))]
    rows.append(row(
        _p(" · ".join(links), "font-size:14px;")
        + _p(esc(lang.t("mail.footer", site=site)), f"font-size:12px;color:{MUTED};"),
        padding="16px 24px 24px",
    ))
    text += ["--", lang.t("mail.footer", site=site), base]
    subject = f"{site} · {title} · {dates}"
    html = (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang.html_lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(subject)}</title></head>"
        f'<body style="margin:0;padding:0;background:{PAGE};">'
        f'<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
        f'style="background:{PAGE};"><tr><td align="center" style="padding:24px 12px;font-family:{font};">'
        f'<table role="presentation" width="{WIDTH}" cellpadding="0" cellspacing="0" border="0" '
        f'style="width:100%;max-width:{WIDTH}px;background:#ffffff;border-collapse:collapse;">'
        + "".join(rows)
        + "</table></td></tr></table></body></html>\n"
    )
    return EditionMail(subject, html, "\n".join(text).rstrip() + "\n", lang.html_lang)


def write_mail(mail: EditionMail, out_dir: Path, stem: str) -> list[Path]:
    """Write ``<stem>.html``, ``<stem>.txt`` and ``<stem>.eml`` into ``out_dir``; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / f"{stem}.{ext}" for ext in ("html", "txt", "eml")]
    contents: tuple[str | bytes, ...] = (mail.html, mail.text, mail.message().as_bytes())
    for path, content in zip(paths, contents, strict=True):
        write_atomic(path, content)
    return paths
