"""Seed file -> draft briefing: read and decode, clean, extract metadata, tag, write ``briefings/<id>.md``.

``python -m build_tools ingest SEED ...`` writes one draft per seed; ``--json`` prints the extraction
instead (one JSON object per seed and line; the keys are documented in docs/en/format.md and are a stable
interface).

A person edits the drafts, so ingest never overwrites one they have changed. Each file ingest writes is
recorded with the SHA-256 of its content in ``.cache/ingest-hashes.json`` (next to the output folder).
An existing file is replaced only when its content still has the recorded hash (nobody touched it since),
or when ``--force`` is given. Without the record (a fresh clone) an existing file counts as edited: the
safe default. Re-ingesting a seed reuses the id of the briefing already made from it, so the draft is
updated in place rather than duplicated.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import signal
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.briefing.frontmatter import dump_briefing
from build_tools.briefing.schema import MAX_ID_LENGTH
from build_tools.briefing.taxonomy import ID_PATTERN
from build_tools.errors import InputError, Problem, display_path
from build_tools.files import write_atomic
from build_tools.ingest import layout
from build_tools.ingest.clean import (
    BULLET,
    Cleaned,
    Dropped,
    Kept,
    clean_lines,
    han_count,
    is_heading,
    load_rules,
    word_count,
)
from build_tools.ingest.metadata import (
    completes_name,
    extract_date,
    extract_metadata,
    extract_source,
    host_spelled_out,
    hosted,
    labelled_sources,
    own_script,
    simplified_characters,
    spells_out,
    without_han_spaces,
)
from build_tools.ingest.tagging import get_tagger
from build_tools.model import Bilingual, Briefing, Paragraph, Source, body_language

ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = ROOT / "seeds"
# A seed is one article. Anything larger is a whole site dump or the wrong file, and would slow a batch.
MAX_SEED_BYTES = 2 * 1024 * 1024
# Seconds one seed may take: an article takes well under one; more is a page built to make the cleaner slow.
SEED_SECONDS = 20.0
SEED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
# Batches at least this large are spread over worker processes; below it, starting them costs more.
POOL_MIN_SEEDS = 16
# UTF-16 without a byte-order mark (see _utf16_without_bom): the share of character pairs with a zero high
# byte (line ends alone make a few percent of a Chinese article), and how many times more often zeros
# fall on that side than on the other.
UTF16_MIN_ZERO_SHARE = 0.02
UTF16_ZERO_RATIO = 8
HASHES_FILE = Path(".cache") / "ingest-hashes.json"
# Frequent characters of Chinese text in both scripts: the decoding of a legacy-encoded seed (GB18030 or
# Big5) that yields most of them is the right one; a wrong decoding yields rare characters.
_COMMON_HAN = frozenset("的一是不了人在有我他这這个個们們中来來上大为為和国國地到以说說时時要就出"
                        "会會可也你对對生能而子"
                        "那得于於着著下自之年过過发發后後作里裡用道行所然家种種事成方多经經么麼去法学學如都同现現当當"
                        "没沒动動面起看定天分还還进進好小部其些主样樣理心她本前开開但因只从從想实實日军軍者意无無力它与與"
                        "长長把机機十民第公此已工使情明性知全三又关關点點正业業外将將两兩高间間由问問很最重并並物手应應战戰"
                        "向头頭文体體政美相见見被利什二等产產或新己制製身果加西斯月话話合回特代内內信表化老给給世位次度门門任"
                        "常先海通教儿兒原东東声聲提立及比员員解水名真论論处處走义義各入几幾口认認条條平系气氣题題活尔爾更别別打"
                        "女变變四神总總何电電数數安少报報才结結反受目太量再感建务務做接必场場件计計管期市直德资資命山金指克许許"
                        "统統区區保至队隊形社便空决決治展马馬科司五基眼书書非则則听聽白却界达達光放强強即像难難且权權思王象完设設"
                        "式色路记記南品住告类類求据據程北边邊死张張该該交规規万萬取拉格望觉覺术術领領共确確传傳师師观觀清今切院让讓"
                        "识識候带帶导導争爭运運笑飞飛风風步改收根干幹造言联聯持组組每济濟车車亲親极極林服快办辦议議往元英士证證近失"
                        "转轉夫令准準布始怎呢存未远遠叫台单單影具罗羅字爱愛击擊流备備兵连連调調深商算质質团團集百需价價花党黨华華城石")


@dataclass
class Extraction:
    """Everything ingest learns from one seed."""

    path: str
    seed_hash: str
    language: str
    title: str
    title_derived: bool
    date: str | None
    source: str | None
    url: str | None
    paragraphs: list[Kept]
    dropped: list[dict[str, Any]]
    tags: list[str]
    entities: list[str]
    suggestions: list[tuple[str, int]] = field(default_factory=list)
    about: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The documented ``ingest --json`` object; keys and their order are a stable interface."""
        return {
            "language": self.language,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "paragraphs": [k.text for k in self.paragraphs],
            "dropped": [{"text": d["text"], "reason": d["reason"]} for d in self.dropped],
            "tags": list(self.tags),
            "entities": list(self.entities),
        }


# ---------------------------------------------------------------- reading


def decode_seed(raw: bytes, shown: str) -> str:
    """Bytes of a seed as text: UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030, Big5."""
    if not raw.strip():
        raise InputError(Problem(shown, 0, "empty file; a seed is the text of one article"))
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return _checked_text(raw.decode(codec), shown)
            except UnicodeDecodeError:
                raise InputError(Problem(shown, 0, f"starts with a {codec.upper()} byte-order mark but "
                                                   "is not valid in that encoding")) from None
    if b"\0" in raw:
        utf16 = _utf16_without_bom(raw)
        if utf16 is None:
            raise InputError(Problem(shown, 0, "binary file, not text; a seed is the text of one article "
                                               "(.txt, .md or .html)"))
        return _checked_text(raw.decode(utf16), shown)
    try:
        return _checked_text(raw.decode("utf-8"), shown)
    except UnicodeDecodeError:
        pass
    decoded = []
    for codec in ("gb18030", "big5hkscs"):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        decoded.append((sum(ch in _COMMON_HAN for ch in text), codec, text))
    if not decoded:
        raise InputError(Problem(shown, 0, "cannot decode the file as UTF-8, UTF-16, GB18030 or Big5; "
                                           "save it as UTF-8"))
    return _checked_text(max(decoded)[2], shown)


def _utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le' or '-be' when the zero bytes are the high bytes of ASCII characters, else None (binary).

    In UTF-16 every line end, digit and Latin letter has a zero byte, all on the same side of each pair;
    in a binary file zero bytes fall on both sides alike. Han characters such as 一 (U+4E00) put a few on
    the other side, hence a ratio rather than none at all.
    """
    if len(raw) % 2:
        return None
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    pairs = len(raw) // 2
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= UTF16_MIN_ZERO_SHARE * pairs and zeros >= UTF16_ZERO_RATIO * other:
            try:
                raw.decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    return None


# Bidirectional controls too: check refuses them in a briefing (they make text read other than it is stored).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Unicode's control characters (category Cc, fixed by its stability policy to U+0000-U+001F and
# U+007F-U+009F) other than the line and page breaks a text file holds; counted by one scan of the text.
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _checked_text(text: str, shown: str) -> str:
    controls = len(_BINARY_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise InputError(Problem(shown, 0, "binary file, not text; a seed is the text of one article "
                                           "(.txt, .md or .html)"))
    # The odd control character of a copied page is not text: it would only reach a draft as garbage.
    return _CONTROL.sub("", text)


# Link texts hold no brackets and targets at most one level of parentheses: a class that could run on over
# the next "[" or "(" would make every opener of a line like "[[[[..." scan to its end (quadratic).
_MD_IMAGE = re.compile(r" ?!\[[^\[\]]*\]\((?:[^()]|\([^()]*\))*\)")
# A web address in a Markdown page's markup: a link's target, the front matter's url; at most this many.
_MD_ADDRESS = re.compile(r"https?://[A-Za-z0-9.-]{1,253}")
MD_ADDRESSES = 50
# A line that is only an image, or an image linked somewhere: a logo, "[![Name](logo.png)](/)".
_MD_IMAGE_LINE = re.compile(r"\[?!\[[^\[\]]*\]\([^()\s]*\)(?:\]\([^()\s]*\))?")
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\((?:[^()]|\([^()]*\))*\)")
_MD_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
# A site's logo: an image alone on its line, linked to the site's home page. Its alt text is the name the
# reader sees drawn there (a masthead), unlike a picture's alt text in the article.
_MD_LOGO = re.compile(r"^\s{0,3}\[!\[([^\[\]]{1,60})\]\([^()\s]{1,300}\)\]\((?:https?://[^/()\s]{1,253})?/?\)\s*$",
                      re.MULTILINE)
# How far into a Markdown page its logo may sit (above the headline, past any front matter).
LOGO_REACH = 2000
_MD_EMPHASIS = re.compile(r"(\*\*|__|`)(.+?)\1")
# The fence that opens or closes a code block (```python, ~~~): kept as it is, for the cleaner to pair.
_MD_FENCE = re.compile(r"\s{0,3}(?:`{3,}|~{3,})[\w+.-]{0,30}\s*")
# Raw HTML in Markdown: elements whose content is never shown, comments, and tags (the text between
# tags is kept). Only tag-shaped text counts: "a < b > c" in a sentence is left alone. The end of a hidden
# element is searched for once per opener (see _without_hidden_html), never by a lazy ".*?" that rescans the
# rest of the text from every unclosed opener ("<!--" * 40000 took a minute).
_HTML_HIDDEN_START = re.compile(r"<(script|style|template|noscript|iframe)\b[^<>]*>|<!--", re.IGNORECASE)
_HIDDEN_ELEMENTS = ("script", "style", "template", "noscript", "iframe")
_HTML_HIDDEN_END = {"": re.compile("-->")} | {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in _HIDDEN_ELEMENTS}
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# A .txt seed that is in fact a saved web page.
_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)


# A link to a site's home page opening the page's first line: [问知](https://www.wenzhi.example/) 首页 会员,
# [Notes from the Build Queue](/).
_MD_HOME_LINK = re.compile(r"\s{0,3}\[([^\[\]]{1,40})\]\((?:https?://[^/()\s]{1,253}/?|/)\)")


def _home_link(text: str) -> str | None:
    """The words of a link to a site's home page that open a Markdown page's first line (past any front
    matter): the site's name, as a logo linked there shows it."""
    lines = text.replace("\r\n", "\n").split("\n", 200)[:200]
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
    first = next((line for line in lines[start:] if line.strip()), "")
    m = _MD_HOME_LINK.match(first)
    return m.group(1).strip() if m else None


def _without_hidden_html(text: str) -> str:
    """Remove scripts, styles and comments, keeping their line ends (line numbers still point into the seed).

    Linear: each opener looks for its closer once; an element left open hides nothing (as before), and once
    a closer is missing, later openers of the same kind do not look for it again.
    """
    out: list[str] = []
    done = pos = 0
    missing: set[str] = set()
    while m := _HTML_HIDDEN_START.search(text, pos):
        name = (m.group(1) or "").lower()
        closer = None if name in missing else _HTML_HIDDEN_END[name].search(text, m.end())
        if closer is None:
            missing.add(name)
            pos = m.start() + 1
            continue
        out += [text[done:m.start()], "\n" * text.count("\n", m.start(), closer.end())]
        done = pos = closer.end()
    out.append(text[done:])
    return "".join(out)


def _markdown_h1(text: str) -> str | None:
    """The 1-based line of a Markdown page's only ``# `` headline (outside front matter and code), or None; a
    ``# `` line opening the page above one more is the site's name, the other the headline."""
    found: list[int] = []
    fenced = False
    lines = text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
    for n in range(start, len(lines)):
        line = lines[n]
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and re.match(r"^ {0,3}# \S", line):
            found.append(n + 1)
    # (a logo, an image alone on its line or linked to the home page, shows no text above the site's name)
    opening = next((n + 1 for n in range(start, len(lines))
                    if lines[n].strip() and not _MD_IMAGE_LINE.fullmatch(lines[n].strip())), None)
    if len(found) == 2 and found[0] == opening:
        return str(found[1])  # a newsletter's or a blog's name set as a # line over the post's own
    return str(found[0]) if len(found) == 1 else None


def markdown_lines(text: str) -> list[str]:
    """Markdown as plain lines of the text a reader sees: markup, raw HTML tags, scripts, comments and
    images (whose alt text is not shown) removed; the text of links, emphasis and HTML elements kept.
    """
    text = _without_hidden_html(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":  # front matter of a static site page or a web clipper
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            lines = [""] * (end + 1) + lines[end + 1 :]  # blank, so line numbers still point into the seed
    out = []
    for line in lines:
        if _MD_FENCE.fullmatch(line):
            out.append(line.strip())
            continue
        s = re.sub(r"^\s{0,3}#{1,6}\s+", "", line).rstrip("# ")
        s = re.sub(r"^\s*>\s?", "", s)
        s = re.sub(r"^\s*[*+]\s+", "- ", s)
        s = _MD_IMAGE.sub("", s)
        s = _MD_LINK.sub(lambda m: m.group(1), s)
        s = _MD_REF_LINK.sub(lambda m: m.group(1), s)
        s = _MD_EMPHASIS.sub(lambda m: m.group(2), s)
        s = html.unescape(_HTML_TAG.sub("", s))
        if re.fullmatch(r"\s*([-*_]\s*){3,}", s):
            s = ""
        out.append(s)
    return out


def html_lines(html: str) -> tuple[list[str], dict[str, str | None]]:
    """The main text of an HTML page (trafilatura) as lines, and the page's own metadata."""
    import trafilatura

    text = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=False,
                               include_images=False, include_links=False,
                               # trafilatura's deduplication remembers text across calls: a second page of
                               # the same site (or the same page twice) would lose its shared paragraphs.
                               deduplicate=False) or ""
    meta = trafilatura.extract_metadata(html, extensive=False)
    info: dict[str, str | None] = {"title": None, "date": None, "source": None, "url": None}
    if meta is not None:
        info = {"title": meta.title, "date": meta.date, "source": meta.sitename, "url": meta.url}
    # The page around the article (masthead, byline, date line) is where its date is stated; trafilatura
    # keeps the article only, and its date may be the page's modification time.
    page = clean_lines(page_text_lines(html))
    info["page_date"] = extract_date(page)
    info["page_source"] = extract_source(page)[0]
    # an account's or a channel's page on a platform: the site's name is the platform's
    info["hosted"] = "yes" if info["page_source"] and hosted(page) else None
    h1 = _only_h1(html)
    if info["source"] and _alnum_key(info["source"]) in {_alnum_key(t) for t in (meta.title if meta else None,
                                                                             h1) if t}:
        info["source"] = None  # no og:site_name: trafilatura falls back on the headline, which names no site
    if not info["source"]:
        # no og:site_name: <title>'s "Headline - Outlet" names the site after the page's own headline
        heads = [page.headline.text] if page.headline else []
        info["source"] = _title_outlet(html, [*heads, *([h1] if h1 else [])])
        site = info["source"] or ""
        stated = [name for name in labelled_sources(page, ("label", "reprint", "signature"))
                  if _alnum_key(name)]
        if _alnum_key(site) and stated and not any(_shares_name(site, name) for name in stated):
            # a release's "NEWS PROVIDED BY X", a 来源 line or a notice's signature names the issuer; <title>
            # the site carrying it
            info["source"] = None
    elif (page_source := info["page_source"]) and not _shares_name(info["source"], page_source) and \
            _alnum_key(page_source) in {_alnum_key(name) for name in labelled_sources(page)}:
        # og:site_name is the site's; a 来源 line of the page's own or a reader app's "Read the original at X"
        # names the outlet the story came from
        info["source"] = None
    # A site's name that is its web address (no og:site_name) yields to the name the page spells it as.
    texts = [d.text for d in page.dropped] + [k.text for k in page.kept]
    if info["source"] and (spelled := host_spelled_out(info["source"], texts)):
        info["source"] = spelled
    if h1 and (page.headline is None or _alnum_key(page.headline.text) == _alnum_key(h1)):
        # One <h1> that the page model also takes for the headline: the article's own headline, where
        # og:title and <title> are often a shorter headline written for sharing and search.
        info["title"] = h1
    elif info["title"] and page.headline is not None:
        # <title> is often "Headline - Outlet": the page's own headline is the title without the suffix.
        headline = " ".join(page.headline.text.split())
        key = _alnum_key(headline)
        if key and _alnum_key(info["title"]).startswith(key) and _alnum_key(info["title"]) != key \
                and not _runs_on(info["title"], key):
            info["title"] = headline
    if info["date"] and _only_modified(html, info["date"]):
        info["date"] = None
    return _with_lost_subheadings(html, text.splitlines()), info


def _shares_name(site: str, stated: str) -> bool:
    """Whether two names of the page are one outlet's: one holds the other (寶島即時 in 寶島即時新聞網)."""
    a, b = _alnum_key(site), _alnum_key(stated)
    return bool(a and b) and (a in b or b in a)


def _runs_on(title: str, key: str) -> bool:
    """Whether ``title`` goes on in the same run of words after its opening letters ``key``: the site's name
    opening a notice's title (临江市科学技术局关于…的通知), not a headline before the site's suffix."""
    seen = 0
    for ch in unicodedata.normalize("NFKC", title).casefold():
        if not ch.isalnum():
            if seen == len(key):
                return False
            continue
        if seen == len(key):
            return True
        seen += 1
    return False


# The page's <title>, as a browser's tab shows it.
_TITLE_TAG = re.compile(r"<title(?:\s[^<>]{0,200})?>([^<>]{1,300})</title>", re.IGNORECASE)
# How a <title> sets the site's name after the headline.
_TITLE_SUFFIX = (" - ", " | ", " – ", " — ", " ｜ ", "_", "-")
TITLE_OUTLET_MAX = 60
# A <title> of the headline, the page's section and the site's name.
TITLE_PARTS = 3


def _title_outlet(html_text: str, headlines: list[str]) -> str | None:
    """The name after the page's headline in its <title> ("New national AI safety testing centre to open next
    spring - Department for Digital Infrastructure"), or None when the title does not open with a headline
    of the page."""
    m = _TITLE_TAG.search(html_text[:20000])
    if not m or not headlines:
        return None
    title = " ".join(html.unescape(m.group(1)).split())
    keys = {_alnum_key(h) for h in headlines if _alnum_key(h)}
    for sep in _TITLE_SUFFIX:
        head, found, tail = title.rpartition(sep)
        if found and _alnum_key(head) in keys and 2 <= len(tail.strip()) <= TITLE_OUTLET_MAX:
            return tail.strip()
    for sep in _TITLE_SUFFIX:
        # "Headline - Board - Forum", "通知标题_通知公告_滨海市科学技术局": the site's name is the last part,
        # after the page's section
        parts = title.split(sep)
        if len(parts) == TITLE_PARTS and _alnum_key(parts[0]) in keys and \
                2 <= len(parts[-1].strip()) <= TITLE_OUTLET_MAX:
            return parts[-1].strip()
    return None


def _html_source(info: dict[str, str | None]) -> str | None:
    """The outlet of an HTML page: its og:site_name, unless the page's own text names the brand inside it
    and the site's name only adds one word to it, the edition's or the section's (og:site_name "Kisaragi
    Denki Global" or "Halvorsen Systems Newsroom", the page "Kisaragi Denki"). A longer complement is part
    of the name the page shortens ("Meridian Institute for Public Technology", "© Meridian Institute"), as is
    any word that is no such label ("Tallyhouse Engineering", a company's engineering blog)."""
    site, shown = info.get("source"), info.get("page_source")
    if info.get("hosted"):
        return shown  # the account that posted it, not the platform that hosts it
    if site and shown and spells_out(shown, site):
        return shown  # og:site_name of initials (FFR), the masthead spelling the name out
    if site and shown and _alnum_key(shown) in _alnum_key(site):
        # A bilingual og:site_name ("數位前線 DigiFront") goes by its Han form, as a masthead does, even
        # where the page's copyright line holds the Latin one.
        if own_script(site) != site:
            return own_script(site)
        prefix = site.casefold().startswith(shown.casefold())
        added = site[len(shown):].split() if prefix else []
        if prefix and completes_name(site[len(shown):]):
            return site  # a Han name's own ending: 寶島即時新聞網, shortened to 寶島即時 in its text
        # "Tallyhouse Engineering" is the blog's own name, "Vantorra Newsroom" the company's press office
        # (a Han channel's or edition's label, 電子報 or 財經, was told from a name's own ending above)
        latin = [w for w in added if w.isascii()]
        return site if any(w.casefold() not in _SECTION_WORDS for w in latin) else shown
    return site or shown


# Words an og:site_name adds to the name the page shows that label the company's press office or an edition
# of the site, not a publication of its own: the company issues the release, the outlet is the outlet.
# A company's documentation or help site (og:site_name "Tessellate Docs", © Tessellate) is the company's too.
_SECTION_WORDS = frozenset(["newsroom", "news", "press", "pressroom", "room", "media", "centre", "center",
                            "global", "international", "worldwide", "online", "edition", "official",
                            "docs", "documentation", "developers", "developer", "help", "support"])


_BLOCK_TAGS = frozenset([
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre",
    "section", "table", "td", "th", "tr", "ul"])
_HIDDEN_TAGS = ("script", "style", "noscript", "template", "iframe", "svg")
_PUBLISHED_META = re.compile(r"(?:published_time|datePublished|pubdate|publish_date|dc\.date)", re.IGNORECASE)
_MODIFIED_META = re.compile(r"(?:modified_time|dateModified|last-modified)[^>]{0,80}?(\d{4}-\d{2}-\d{2})",
                            re.IGNORECASE)


def _only_h1(html: str) -> str | None:
    """The text of the page's only ``<h1>``, when it has exactly one with words in it."""
    import lxml.html

    try:
        heads = lxml.html.fromstring(html).xpath("//h1")
    except (ValueError, lxml.etree.ParserError):
        return None
    texts = [" ".join(h.text_content().split()) for h in heads]
    texts = [t for t in texts if t]
    return texts[0] if len(texts) == 1 and len(texts[0]) <= 200 else None


# The subheadings an article sets: <h2> to <h6> (<h1> is its headline).
SUBHEADING_LEVELS = range(2, 7)


def _with_lost_subheadings(html: str, lines: list[str]) -> list[str]:
    """``lines`` with the article's subheadings that trafilatura left out put back above their text.

    trafilatura drops some ``<h2>``…``<h6>`` between the paragraphs it keeps (adbar/trafilatura#774): a
    subheading directly followed by a kept paragraph is the article's, above that paragraph."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return lines
    keys = [_alnum_key(line) for line in lines]
    present = set(keys)
    inserts: dict[int, list[str]] = {}
    for heading in root.iter(*(f"h{level}" for level in SUBHEADING_LEVELS)):
        text = " ".join(heading.text_content().split())
        key = _alnum_key(text)
        if not key or key in present:
            continue
        # the next element that holds text of its own: the paragraph under the subheading
        after = heading.xpath("following::*[normalize-space(text())][1]")
        if not after:
            continue
        below = _alnum_key(after[0].text_content())
        if below and below in keys:
            inserts.setdefault(keys.index(below), []).append(text)
            present.add(key)
    if not inserts:
        return lines
    out: list[str] = []
    for n, line in enumerate(lines):
        out.extend(inserts.get(n, []))
        out.append(line)
    return out


def _alnum_key(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def page_text_lines(html: str) -> list[str]:
    """Every visible text block of an HTML page, one per line, in document order."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    for element in root.iter(*_HIDDEN_TAGS):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
        elif isinstance(element.tag, str) and not (element.tail or "").strip() and \
                element.getnext() is not None:
            # inline elements set side by side (a post's meta: author, date, reading time in spans; a
            # menu's links) are separate fields on screen, whatever the markup leaves between them: a
            # field's gap, as a copied text page leaves between "来源：X局  浏览次数：2081", so that a
            # field's value ends where the element does (来源：证券先锋报, not "…先锋报 参与评论 218人")
            element.tail = _FIELD_GAP
    body = root.find("body")
    text = (body if body is not None else root).text_content()
    return ["  ".join(words for part in line.split(_FIELD_GAP) if (words := " ".join(part.split())))
            for line in text.splitlines()]


# Where one inline element ends and the next begins (a noncharacter, which no page's text holds).
_FIELD_GAP = "\ufdd0"


def _only_modified(html: str, date: str) -> bool:
    """Whether the page states ``date`` only as its modification time (no publication date at all)."""
    head = html[:20000]
    return not _PUBLISHED_META.search(head) and any(m.group(1) == date for m in _MODIFIED_META.finditer(head))


def read_seed(path: Path) -> tuple[list[str], dict[str, str | None], bytes]:
    """A seed's lines, metadata the format itself carries (HTML), and its raw bytes."""
    shown = display_path(path)
    if path.is_symlink():
        # A link can lead anywhere (/etc/passwd, another project); the seed archive holds real files.
        raise InputError(Problem(shown, 0, "is a symbolic link; a seed must be a regular file: copy the "
                                           "article into seeds/"))
    if path.is_dir():
        raise InputError(Problem(shown, 0, "is a folder; name the seed files themselves (e.g. seeds/*.txt)"))
    if not path.suffix:
        kinds = f"{', '.join(SEED_SUFFIXES[:-1])} or {SEED_SUFFIXES[-1]}"
        raise InputError(Problem(shown, 0, f"has no file extension; a seed is {kinds}"))
    if path.suffix.lower() not in SEED_SUFFIXES:
        raise InputError(Problem(shown, 0, f"unsupported seed type '{path.suffix}'; use "
                                           f"{', '.join(SEED_SUFFIXES[:3])} or .html"))
    if path.exists() and not path.is_file():
        raise InputError(Problem(shown, 0, "is not a regular file (a device or a pipe); a seed is a "
                                           "text file"))
    try:
        size = path.stat().st_size
        if size > MAX_SEED_BYTES:
            limit = MAX_SEED_BYTES // (1024 * 1024)
            raise InputError(Problem(shown, 0, f"{size} bytes is too large for one article (the limit is "
                                               f"{limit} MB); save only the article"))
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(Problem(shown, 0, f"cannot read: {exc.strerror or exc}")) from None
    text = decode_seed(raw, shown)
    info: dict[str, str | None] = {}
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm") or _HTML_START.match(text):
        lines, info = html_lines(text)
    elif suffix in (".md", ".markdown"):
        lines = markdown_lines(text)
        info["h1_line"] = _markdown_h1(text.replace("\r\n", "\n").replace("\r", "\n"))
        # the addresses Markdown hides from the reader (link targets, the front matter's url) name the site
        info["addresses"] = " ".join(_MD_ADDRESS.findall(text)[:MD_ADDRESSES]) or None
        info["logo"] = logo.group(1).strip() if (logo := _MD_LOGO.search(text[:LOGO_REACH])) else \
            _home_link(text)
    else:
        lines = text.splitlines()
    return lines, info, raw


# ---------------------------------------------------------------- extraction


def extract(path: Path) -> Extraction:
    """Read, clean, describe and tag one seed; InputError when there is no article in it."""
    from build_tools.convert import to_simplified

    shown = display_path(path)
    lines, info, raw = read_seed(path)
    cleaned = clean_lines(lines)
    if h1_line := info.get("h1_line"):
        cleaned = _with_markdown_headline(cleaned, int(h1_line))
    given_title = (info.get("title") or "").strip() or None
    if given_title:
        cleaned = _with_title(cleaned, given_title)
    if not cleaned.body and cleaned.headline is not None:
        # A page of one line: that line is both the title and the text.
        head = cleaned.headline
        cleaned.kept.append(Kept(head.line, head.text, "text"))
    if not cleaned.body:
        raise InputError(Problem(shown, 0, "no article text left after cleaning: every line is page "
                                           "furniture (menus, banners, links); save the article's own text"))
    _require_article(cleaned, shown)
    kept_text = "\n".join(k.text for k in cleaned.kept) + "\n" + (given_title or "")
    tagger = get_tagger()

    def score(clause: str) -> int:
        return len({i for i, _, _ in tagger.mentions(clause)})

    addresses = tuple((info.get("addresses") or "").split())
    meta = extract_metadata(cleaned, kept_text, score, title=given_title, addresses=addresses,
                            logo=info.get("logo"))
    simplify = to_simplified if meta.language == "zh-Hant" else (lambda s: s)
    # the headline's subtitle is no article text, but says what the article is about
    subtitles = [("heading", simplify(d.text)) for d in cleaned.dropped if d.kind == "subtitle"]
    tagging = tagger.tag(simplify(meta.title), subtitles + [(k.role, simplify(k.text)) for k in cleaned.body])
    return Extraction(
        path=shown, seed_hash=hashlib.sha256(raw).hexdigest(), language=meta.language, title=meta.title,
        title_derived=meta.title_derived,
        date=meta.date or info.get("page_date") or _iso_date(info.get("date")),
        source=without_han_spaces(_html_source(info) or meta.source),
        url=meta.url or (info.get("url") or None),
        paragraphs=cleaned.body,
        dropped=[{"text": d.text, "reason": d.reason, "line": d.line, "kind": d.kind}
                 for d in cleaned.dropped],
        tags=tagging.tags, entities=tagging.entities, suggestions=tagging.suggestions, about=tagging.about,
    )


def _require_article(cleaned: Cleaned, shown: str) -> None:
    """Refuse a fragment: a few words left after cleaning are a menu or the wrong page, not an article."""
    t = load_rules().thresholds
    text = "\n".join(dict.fromkeys(k.text for k in cleaned.kept))  # a one-line page counts once
    han, words = han_count(text), word_count(text)
    if han < t["article_min_han"] and words < t["article_min_words"]:
        size = f"{han} Chinese character{'s' * (han != 1)}" if han else f"{words} word{'s' * (words != 1)}"
        raise InputError(Problem(shown, 0, f"too little article text left after cleaning ({size}; an "
                                           f"article has at least {t['article_min_words']} words or "
                                           f"{t['article_min_han']} Chinese characters); save the whole "
                                           "article"))


def _iso_date(value: str | None) -> str | None:
    return value if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def _with_markdown_headline(cleaned: Cleaned, line: int) -> Cleaned:
    """A Markdown page's only ``#`` line above the article is its headline: the writer marked it so.

    The line the page model took for the headline instead (a ``###`` deck, the site's name over the post)
    is dropped, with its reason; a page whose ``#`` line is inside or after the article is left alone.
    """
    h1: Dropped | Kept | None = next((d for d in cleaned.dropped if d.line == line), None)
    first = next((k.line for k in cleaned.kept if k.role != "headline"), None)
    current = cleaned.headline
    if h1 is None and first == line and current is not None and current.line < line:
        # The # line was taken for the article's first line (a heading above the first paragraph) under a
        # line the model chose above it (a research house's name): the writer's mark says which is which.
        h1 = next(k for k in cleaned.kept if k.line == line)
        first = next((k.line for k in cleaned.kept if k.role != "headline" and k.line != line), None)
        cleaned = Cleaned(kept=[k for k in cleaned.kept if k.line != line],
                          dropped=[*cleaned.dropped, Dropped(h1.line, h1.text, "", "")])
    if h1 is None or first is None or line > first or current is None or \
            (han_count(h1.text) < 8 and word_count(h1.text) < 4 and _named_elsewhere(cleaned, h1)):
        return cleaned  # a short "# Notes" the page names again is a section or the site, not the article
    if layout.headline_excluded(h1.text):
        return cleaned  # a clipper's "# Clipped from X", a notice: the tool's line, not the article's
    dropped = [d for d in cleaned.dropped if d.line != line]
    # above the # headline it is page furniture (the site's name), under it the header (a deck)
    dropped.append(Dropped(current.line, current.text, "a line above the article that is not its # headline "
                           "(a deck, the site's name)", "chrome" if current.line < line else "header"))
    kept = [k for k in cleaned.kept if k.role != "headline"] + [Kept(line, h1.text, "headline")]
    return Cleaned(kept=sorted(kept, key=lambda k: k.line), dropped=sorted(dropped, key=lambda d: d.line))


def _named_elsewhere(cleaned: Cleaned, line: Dropped | Kept) -> bool:
    """Whether another line of the page holds the words of ``line`` (a site's name recurs in its byline
    or footer; a short headline does not), or the words are too few to tell (a single word)."""
    key = _alnum_key(line.text)
    if len(key) < 6 or (not han_count(line.text) and word_count(line.text) < 2):
        return True
    # (a sentence of the article may use the headline's words: "what I have started calling the reasoning
    # tax"; a site's name recurs in the page's furniture and headings)
    others = [d.text for d in cleaned.dropped if d.line != line.line] + \
        [k.text for k in cleaned.kept if not layout.reads_as_text(k.text)]
    # (an address's slug spells the headline: /p/the-tutor-question)
    return any(key in _alnum_key(_ADDRESS.sub("", text)) for text in others)


_ADDRESS = re.compile(r"\S{1,20}://\S{1,2000}")


def _with_title(cleaned: Cleaned, title: str) -> Cleaned:
    """Use the page's own title: a kept line that repeats it is the headline, no other line is.

    The line the page model took for the headline, when it is not the stated title and does not end like
    a paragraph, is the standfirst under that title (the extracted text lost the title's own line): the
    header's, not the article's.
    """
    from build_tools.ingest.layout import ends_like_prose

    rules = load_rules()
    key = "".join(ch for ch in title.casefold() if ch.isalnum())
    out = Cleaned(dropped=list(cleaned.dropped))
    found = False
    for k in cleaned.kept:
        same = "".join(ch for ch in k.text.casefold() if ch.isalnum()) == key
        if same and not found:
            out.kept.append(Kept(k.line, k.text, "headline"))
            found = True
        elif k.role == "headline" and not ends_like_prose(k.text):
            out.dropped.append(Dropped(k.line, k.text, "standfirst under the page's stated title", "header"))
        elif k.role == "headline":
            role = "heading" if is_heading(k.text, rules.thresholds) else "text"
            out.kept.append(Kept(k.line, k.text, role))
        else:
            out.kept.append(k)
    out.dropped.sort(key=lambda d: d.line)
    return out


# ---------------------------------------------------------------- the draft


def slugify(text: str, limit: int = MAX_ID_LENGTH) -> str:
    """Lowercase ASCII words joined by '-', cut at a word boundary to at most ``limit`` characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))
    slug = ""
    for w in words:
        candidate = f"{slug}-{w}" if slug else w
        if len(candidate) > limit:
            break
        slug = candidate
    return slug


def draft_id(ex: Extraction) -> str:
    """A readable id: the English title's words, or the main entities and topics plus the seed's hash."""
    suffix = ex.seed_hash[:8]
    if ex.language == "en":
        slug = slugify(ex.title)
        if slug:
            return slug
    parts = (ex.entities[:2] + ex.tags[:1]) or ["briefing"]
    return f"{slugify('-'.join(parts), MAX_ID_LENGTH - len(suffix) - 1)}-{suffix}"


def seed_reference(path: Path) -> str | None:
    """The seed's path as front matter records it (``seeds/...``), or None when it is not in seeds/."""
    try:
        rel = path.resolve().relative_to(SEEDS_DIR.resolve())
    except ValueError:
        return None
    return f"seeds/{rel.as_posix()}"


def draft_briefing(ex: Extraction, briefing_id: str, seed: str | None) -> Briefing:
    """The draft: original text filled in, the other language pending translation."""
    from build_tools.convert import to_simplified

    original = body_language(ex.language)
    other = "zh" if original == "en" else "en"
    # The zh column is Simplified. A seed mostly in Traditional is converted whole (characters and Taiwan
    # vocabulary); the odd Traditional characters of a mostly Simplified seed become Simplified characters,
    # its words untouched.
    to_column = {"zh-Hant": to_simplified, "zh-Hans": simplified_characters}.get(ex.language, lambda s: s)
    paragraphs = []
    for k in ex.paragraphs:
        kind = {"heading": "h", "item": "li"}.get(k.role, "p")
        text = BULLET.sub("", k.text) if kind == "li" else k.text
        texts = Bilingual(**{original: to_column(text)})
        paragraphs.append(Paragraph(kind=kind, en=texts.en, zh=texts.zh))
    return Briefing(
        id=briefing_id, date=None, language=ex.language,
        title=Bilingual(**{original: to_column(ex.title), other: ""}),
        source=Source(name=ex.source, url=ex.url), seed=seed, tags=list(ex.tags), entities=list(ex.entities),
        translation={original: "original", other: "pending"}, paragraphs=paragraphs,
    )


def render_draft(ex: Extraction, briefing_id: str, seed: str | None) -> str:
    """The draft file's text."""
    import datetime as dt

    b = draft_briefing(ex, briefing_id, seed)
    b.date = dt.date.fromisoformat(ex.date) if ex.date else None
    return dump_briefing(b)


# ---------------------------------------------------------------- writing


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _existing_ids(out: Path) -> dict[str, str]:
    """seed reference -> id of the briefing already made from it."""
    found: dict[str, str] = {}
    if not out.is_dir():
        return found
    for path in sorted(out.glob("*.md")):
        try:
            with path.open(encoding="utf-8", errors="replace") as fh:
                head = fh.read(4000)  # the front matter; a huge file is not read whole
        except OSError:
            continue
        m = re.search(r"^seed:\s*['\"]?([^'\"\n]+?)['\"]?\s*$", head, re.MULTILINE)
        if m and m.group(1) not in ("null", "~"):
            found.setdefault(m.group(1), path.stem)
    return found


class Writer:
    """Writes drafts into ``out`` without ever replacing a file a person has edited.

    The record (``.cache/ingest-hashes.json`` beside ``out``) maps each file ingest wrote to the SHA-256
    of what it wrote and the seed it came from, so a later run knows both whether the file is untouched
    and which draft belongs to a seed kept outside seeds/.
    """

    def __init__(self, out: Path, force: bool):
        self.out, self.force = out, force
        self.record_path = out.parent / HASHES_FILE
        try:
            record = json.loads(self.record_path.read_text(encoding="utf-8"))
            self.record: dict[str, dict[str, str]] = {
                k: v for k, v in record.items() if isinstance(v, dict) and isinstance(v.get("sha256"), str)}
        except (OSError, ValueError, AttributeError):
            self.record = {}
        self.saved = dict(self.record)
        self.by_seed = _existing_ids(out)
        for name, entry in sorted(self.record.items()):
            if entry.get("seed") and (out / name).exists():
                self.by_seed.setdefault(entry["seed"], Path(name).stem)
        # Only a file name that is a valid id is reused (the record and the folder are not trusted input).
        self.by_seed = {seed: stem for seed, stem in self.by_seed.items() if ID_PATTERN.match(stem)}
        self.owner = {briefing_id: key for key, briefing_id in self.by_seed.items()}
        self.claimed: dict[str, str] = {}  # id -> seed key, for ids given in this run

    def seed_key(self, path: Path, seed: str | None) -> str:
        """How the record names a seed: its seeds/ reference, else its resolved path."""
        return seed or path.resolve().as_posix()

    def choose_id(self, ex: Extraction, key: str) -> str:
        """The briefing id for a seed: the existing one for that seed, else a fresh, unused one."""
        if key in self.by_seed:
            return self.by_seed[key]
        wanted = draft_id(ex)
        # A file of that name made from another seed keeps its name; this draft gets the seed's hash.
        # One whose seed is unknown is taken to be this seed's: write() then refuses to overwrite it.
        owner = self.claimed.get(wanted) or self.owner.get(wanted)
        if owner not in (None, key) and not wanted.endswith(ex.seed_hash[:8]):
            wanted = f"{slugify(wanted, MAX_ID_LENGTH - 9)}-{ex.seed_hash[:8]}"
        self.claimed[wanted] = key
        return wanted

    def write(self, briefing_id: str, text: str, key: str) -> tuple[str, Problem | None]:
        """Write one draft; returns what happened ('written', 'unchanged', 'updated') or a refusal."""
        path = self.out / f"{briefing_id}.md"
        name = path.name
        shown = display_path(path)
        if path.is_symlink() or (path.exists() and not path.is_file()):
            # Replacing a link would write where it points, or drop what a person put there on purpose.
            return "kept", Problem(shown, 0, "is a symbolic link or not a regular file, so ingest does not "
                                             "write it; remove it, or give --out another folder")
        try:
            current = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        except (OSError, UnicodeDecodeError):
            current = ""
        recorded = self.record.get(name, {}).get("sha256")
        if current == text:
            status = "unchanged"
        elif current is not None and not self.force and recorded != _sha(current):
            return "kept", Problem(shown, 0, "edited since ingest wrote it, so it is not "
                                             "overwritten; use --force to replace it")
        else:
            try:
                write_atomic(path, text)
            except OSError as exc:
                return "kept", Problem(shown, 0, f"cannot write: {exc.strerror or exc}")
            status = "written" if current is None else "updated"
        self.record[name] = {"sha256": _sha(text), "seed": key}
        return status, None

    def save(self) -> None:
        """Store the record (sorted, so the file is stable); a run that wrote nothing leaves no trace."""
        if self.record == self.saved:
            return
        try:
            write_atomic(self.record_path, json.dumps(dict(sorted(self.record.items())), indent=1) + "\n")
        except OSError as exc:
            raise InputError(Problem(display_path(self.record_path), 0,
                                     f"cannot write: {exc.strerror or exc}")) from None
        self.saved = dict(self.record)


# ---------------------------------------------------------------- the command


class _OverBudget(Exception):
    """Raised by the timer when one seed has taken SEED_SECONDS."""


def _over_budget(signum, frame) -> None:
    raise _OverBudget


def _work(path: str) -> Extraction | list[Problem]:
    """Extract one seed within SEED_SECONDS; the problems instead when it has none or takes too long."""
    # A timer signal interrupts even a regular expression (the engine checks for signals as it runs); only
    # the main thread of a process receives it, which is where the command and its pool workers run.
    timed = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGALRM, _over_budget) if timed else None
    if timed:
        signal.setitimer(signal.ITIMER_REAL, SEED_SECONDS)
    try:
        return extract(Path(path))
    except InputError as exc:
        return exc.problems
    except _OverBudget:
        return [Problem(display_path(path), 0, f"took more than {SEED_SECONDS:g} s to clean and tag; a seed "
                                               "is the text of one article: save only the article")]
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _warm_up() -> None:
    """Load what every seed needs once, before worker processes fork and share it."""
    from build_tools.convert import to_simplified
    from build_tools.ingest.metadata import detect_language

    load_rules()
    get_tagger().tokenizer  # noqa: B018 - loads jieba and the taxonomy dictionary
    # OpenCC's dictionaries (a quarter of a second) weigh the scripts of every Chinese seed and bring a
    # Traditional one to Simplified for tagging: loaded here, not again in each worker.
    detect_language("臺灣")
    to_simplified("臺灣")


def extract_all(paths: list[Path], jobs: int, progress=None):
    """Extract every seed, in input order; batches go to a process pool (one jieba load, shared by fork)."""
    names = [str(p) for p in paths]
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and len(names) >= POOL_MIN_SEEDS:
        import multiprocessing

        _warm_up()
        ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() \
            else multiprocessing.get_context()
        with ctx.Pool(min(jobs, len(names)), initializer=_warm_up) as pool:
            for i, result in enumerate(pool.imap(_work, names, chunksize=8), 1):
                if progress:
                    progress(i, len(names))
                yield result
        return
    for i, name in enumerate(names, 1):
        result = _work(name)
        if progress:
            progress(i, len(names))
        yield result


@dataclass(frozen=True)
class IngestOptions:
    """What ``run_ingest`` does: which seeds, where the drafts go, whether anything is written."""

    seeds: list[Path]
    out: Path = ROOT / "briefings"  # folder for the drafts
    force: bool = False  # overwrite a draft a person has edited
    jobs: int = 0  # worker processes for batches (0: all cores)
    extract_only: bool = False  # extract and report; write nothing (``--json``)
    source_urls: dict[Path, str] = field(default_factory=dict)  # where each fetched seed came from


@dataclass
class SeedOutcome:
    """What became of one seed: its extraction, or the problems that stopped it, and the draft written."""

    path: Path
    extraction: Extraction | None = None
    problems: list[Problem] = field(default_factory=list)
    status: str | None = None  # written | updated | unchanged, when the draft was saved
    target: Path | None = None  # the draft's file
    seed: str | None = None  # the seed's path below seeds/, None when it is elsewhere


@dataclass
class IngestReport:
    """Every seed's outcome, in the order given."""

    outcomes: list[SeedOutcome] = field(default_factory=list)

    @property
    def written(self) -> int:
        """The number of drafts created or changed."""
        return sum(o.status not in (None, "unchanged") for o in self.outcomes)

    @property
    def ok(self) -> bool:
        """True when no seed had a problem."""
        return not any(o.problems for o in self.outcomes)


def run_ingest(options: IngestOptions, on_progress: Callable[[int, int], None] | None = None) -> IngestReport:
    """Extract every seed and, unless ``extract_only``, write its draft; see the module docstring.

    ``on_progress(done, total)`` is called as seeds are extracted.
    """
    out = options.out
    if not options.extract_only and out.exists() and not out.is_dir():
        raise InputError(Problem(display_path(out), 0, "--out must be a folder, and this is a file; give the "
                                                       "folder for the drafts (default: briefings/)"))
    writer = None if options.extract_only else Writer(out, options.force)
    report = IngestReport()
    results = extract_all(options.seeds, options.jobs, on_progress)
    for path, result in zip(options.seeds, results, strict=True):
        outcome = SeedOutcome(path)
        report.outcomes.append(outcome)
        if isinstance(result, list):
            outcome.problems += result
            continue
        if result.url is None and path in options.source_urls:
            result.url = options.source_urls[path]
        outcome.extraction = result
        if writer is None:
            continue
        outcome.seed = seed_reference(path)
        key = writer.seed_key(path, outcome.seed)
        briefing_id = writer.choose_id(result, key)
        status, refusal = writer.write(briefing_id, render_draft(result, briefing_id, outcome.seed), key)
        if refusal:
            outcome.problems.append(refusal)
        else:
            outcome.status, outcome.target = status, out / f"{briefing_id}.md"
    if writer is not None:
        writer.save()
    return report
