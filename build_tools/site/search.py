"""Search in every language: jieba's user dictionary, the briefings' own entries, a compact UTF-8 index.

Material's search plugin indexes the hand-written pages and the topic pages. Briefing pages are left
out of it (``search: exclude``): parsing every page's HTML and segmenting it with jieba was most of the
cost of a build, and what it produced read badly in the results. Each briefing instead gets two entries,
made from its data once and cached by content:

- the page itself: title, the summary and key points as ``text`` (what a result shows), and every topic
  label and every name and alias of its entities as ``tags`` (found, shown as small labels, never as
  the snippet);
- its article (``#article``): the distinct words of the column a reader sees first, in order, a short
  paragraph of new words for each paragraph of the article, so a hit shows the words of the paragraph
  that matched. Words are segmented once with jieba (Chinese) or split on non-word characters,
  deduplicated, stop words dropped, and kept within ``ENTRY_BYTES`` per briefing.

The Traditional site converts the Simplified segmentation word by word (OpenCC per word, cached), which
is faster than segmenting Traditional text and segments better: jieba's dictionary is Simplified.
Words are separated by plain spaces: the configured separator splits on whitespace, and a zero-width
space costs three bytes in UTF-8.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from build_tools.files import atomic_file, write_atomic
from build_tools.model import Briefing, Entry
from build_tools.site import cache
from build_tools.site.language import LANGUAGES, SiteLanguage, traditional
from build_tools.site.render import briefing_url, entry_names, esc, indexed_column, topic_url
from build_tools.briefing.taxonomy import Taxonomy, jieba_userdict

# Outside docs/: writing there under `mkdocs serve` would trigger another rebuild.
USERDICT_DIR = Path(__file__).resolve().parents[2] / "build" / "jieba"
# Bytes of JSON a briefing's two entries may take in one language's index: the budget is 4 KB per
# briefing and language, and topic pages and the hand-written pages share it.
ENTRY_BYTES = 3600
# fmt: off
# Words that find everything and so nothing (lunr drops English stop words too, after they are paid for).
STOP_EN = frozenset(
    [
        "a", "about", "after", "again", "against", "all", "also", "am", "an", "and",
        "any", "are", "as", "at", "be", "because", "been", "before", "being", "between",
        "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down",
        "during", "each", "few", "for", "from", "further", "had", "has", "have", "having",
        "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in",
        "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my",
        "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or",
        "other", "our", "out", "over", "own", "same", "she", "should", "so", "some",
        "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
        "this", "those", "through", "to", "too", "under", "until", "up", "very", "was",
        "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
        "will", "with", "would", "you", "your", "said", "says", "say", "new",
    ]
)
# Chinese function words jieba cuts out as words of their own.
STOP_ZH = frozenset(
    [
        "的", "了", "和", "是", "在", "也", "与", "及", "等", "将", "对", "为", "就", "都", "而", "被",
        "从", "把", "这", "那", "其", "之", "于", "以", "并", "或", "个", "们", "有", "但", "还", "又",
        "已", "让", "由", "向",
    ]
)
# fmt: on
_WORD = re.compile(r"\w+", re.UNICODE)
# Where the pages with entries of their own live (render.briefing_url, render.topic_url).
_OWN = ("briefings/", "topics/")
_HAN = re.compile(r"[\u3400-\u9fff]")
_SPECIAL = re.compile(r"[&<>\"']")


def write_userdict(tax: Taxonomy, directory: Path = USERDICT_DIR) -> Path:
    """Write jieba's user dictionary (Simplified and Traditional names) and return its path.

    The file is named by its content, so concurrent builds of different taxonomies never collide and
    an unchanged taxonomy writes nothing.
    """
    text = jieba_userdict(tax, convert=traditional)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    path = directory / f"userdict-{digest}.txt"
    if not path.is_file():
        write_atomic(path, text)
    return path


def _words_en(text: str, seen: set[str]) -> list[str]:
    out = []
    for word in _WORD.findall(text):
        key = word.casefold()
        if key in seen or key in STOP_EN or (len(word) == 1 and word.isascii()):
            continue
        seen.add(key)
        out.append(word)
    return out


def chinese_words(b: Briefing) -> list[list[str]]:
    """The distinct words of the Chinese column, per paragraph, as many as an entry can hold.

    Segmented once for the Simplified and the Traditional site alike (see ``briefing_entries``).
    """
    import jieba

    seen: set[str] = set()
    budget = ENTRY_BYTES
    paragraphs = []
    for p in b.paragraphs:
        if budget <= 0:
            break
        out = []
        for cut in jieba.cut(p.zh):
            token = cut.strip()
            if not token or token in STOP_ZH or not _WORD.fullmatch(token):
                continue
            key = token.casefold()
            if key in seen or (len(token) == 1 and token.isascii()):
                continue
            seen.add(key)
            out.append(token)
            budget -= len(token.encode("utf-8")) + 1
        paragraphs.append(out)
    return paragraphs


def _converted(paragraphs: list[list[str]], convert) -> Iterator[list[str]]:
    """Each word in the site's script; words that become the same are kept once."""
    seen: set[str] = set()
    for words in paragraphs:
        out = []
        for token in words:
            word = convert(token) if _HAN.search(token) else token
            if word.casefold() not in seen:
                seen.add(word.casefold())
                out.append(word)
        yield out


def _size(value: object) -> int:
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _names(b: Briefing, lang: SiteLanguage, tax: Taxonomy) -> list[str]:
    names = []
    for key in b.tags:
        entry = tax.get(key)
        if entry is not None:
            names.append(lang.label(entry))
    for key in b.entities:
        entry = tax.get(key)
        if entry is not None:
            names.extend(entry_names(lang, entry))
    return [esc(n) for n in dict.fromkeys(names)]


def make_entries(
    b: Briefing, lang: SiteLanguage, tax: Taxonomy, zh_words: list[list[str]] | None = None
) -> list[dict[str, object]]:
    """The search entries of briefing ``b`` on the ``lang`` site (see the module docstring);
    ``zh_words`` is ``chinese_words(b)`` when already known."""
    location = briefing_url(b.id)
    summary = lang.pick(b.summary)
    point_lang = lang.body if b.key_points.get(lang.body) else lang.other_body
    points = [lang.column(point_lang, p) for p in b.key_points.get(point_lang) or []]
    page: dict[str, object] = {
        "location": location,
        "title": esc(lang.pick(b.title)),
        "text": "".join(f"<p>{esc(t)}</p>" for t in [summary, *points] if t),
        "tags": _names(b, lang, tax),
    }
    column = indexed_column(b, lang)
    seen: set[str] = set()
    if column == "en":
        words = (_words_en(p.en, seen) for p in b.paragraphs)
    else:
        words = chinese_words(b) if zh_words is None else zh_words
        if lang.code == "zh-hant":
            words = _converted(words, traditional)
    article: dict[str, object] = {"location": f"{location}#article", "title": esc(lang.t("briefing.article"))}
    budget = ENTRY_BYTES - _size(page) - _size({**article, "text": ""})
    article["text"] = _fit(words, budget)
    return [page, article] if article["text"] else [page]


def _fit(paragraphs: Iterable[list[str]], budget: int) -> str:
    """Paragraphs of words as ``<p>`` blocks, as many words as ``budget`` bytes of JSON allow."""
    blocks = []
    for words in paragraphs:
        kept = []
        for word in words:
            # Words are runs of word characters (_WORD); escaped anyway should a conversion add others.
            text = esc(word) if _SPECIAL.search(word) else word
            cost = len(text.encode("utf-8")) + 1
            if cost > budget:
                break
            budget -= cost
            kept.append(text)
        if kept:
            budget -= len("<p></p>")
            blocks.append(f"<p>{' '.join(kept)}</p>")
        if budget <= len("<p></p>"):
            break
    return "".join(blocks)


# Fewer briefings than this to segment (an edit under `mkdocs serve`) are left to the builds themselves.
AHEAD_MIN = 64


def _needs_words(b: Briefing, briefing_hash: str, taxonomy_hash: str) -> bool:
    """Whether a Chinese site indexes ``b``'s Chinese column and neither its entries nor its words are
    cached yet."""
    for code in ("zh", "zh-hant"):
        lang = LANGUAGES[code]
        if indexed_column(b, lang) == "zh" and not cache.has(
            "search", cache.digest("search", code, briefing_hash, taxonomy_hash)
        ):
            return not cache.has("words", cache.digest("words", briefing_hash))
    return False


def _segment(briefings: list[Briefing], hashes: dict[str, str]) -> None:
    for b in briefings:
        cache.write_json("words", cache.digest("words", hashes[b.id]), chinese_words(b))


def segment_ahead(
    briefings: list[Briefing], hashes: dict[str, str], taxonomy_hash: str, beside: Callable
) -> int:
    """Segment, before the language builds start, the Chinese column of every briefing a Chinese site
    will index and the cache lacks; return how many were segmented.

    The Chinese builds then only read the words from the cache. jieba looks up every substring of
    the text in its dictionary (60 MiB of small objects); done in each forked build, those look-ups
    would copy most of the dictionary into each of them. Here it is copied once, into the helper that
    ``beside(fn, args)`` starts for half of the work while this process does the other half. Without
    a cache, or for a few briefings, nothing is done ahead: the builds segment what they need.
    """
    if cache.directory() is None:
        return 0
    todo = [b for b in briefings if _needs_words(b, hashes[b.id], taxonomy_hash)]
    if len(todo) < AHEAD_MIN:
        return 0
    half = len(todo) // 2
    helper = beside(_segment, (todo[half:], hashes))
    _segment(todo[:half], hashes)
    helper.join()  # a helper that failed leaves its half to the builds, which segment what is missing
    return len(todo)


def briefing_entries(
    b: Briefing, lang: SiteLanguage, tax: Taxonomy, briefing_hash: str, taxonomy_hash: str
) -> list[dict[str, object]]:
    """``make_entries``, cached by the briefing's content, the taxonomy and the code.

    The Chinese words are cached apart, by the briefing alone: the Simplified and the Traditional
    site, built at the same time, go through the briefings in opposite orders (``briefing_order``) and
    each segments what the other has not segmented yet.
    """
    key = cache.digest("search", lang.code, briefing_hash, taxonomy_hash)
    found = cache.read_json("search", key)
    if isinstance(found, list):
        return found
    zh_words = None
    if indexed_column(b, lang) == "zh":
        words_key = cache.digest("words", briefing_hash)
        zh_words = cache.read_json("words", words_key)
        if not isinstance(zh_words, list):
            zh_words = chinese_words(b)
            cache.write_json("words", words_key, zh_words)
    entries = make_entries(b, lang, tax, zh_words)
    cache.write_json("search", key, entries)
    return entries


def briefing_order(briefings: list[Briefing], lang: SiteLanguage) -> list[Briefing]:
    """The order in which ``lang`` makes (and lists) its entries: the Traditional site starts from the
    end, so that it and the Simplified site, built at the same time, each segment the half the other
    has not segmented yet (the words are cached on disk)."""
    return briefings[::-1] if lang.code == "zh-hant" else briefings


def read_docs(site_dir: str | Path) -> list[dict[str, object]]:
    """The entries of the search index a previous build left in ``site_dir``."""
    path = Path(site_dir) / "search" / "search_index.json"
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("docs", [])
    except (OSError, ValueError):
        return []


def topic_entry(entry: Entry, lang: SiteLanguage) -> dict[str, object]:
    """The search entry of a topic or entity page: its label, description, and every name as tags.

    Its list of briefings stays out: they have entries of their own.
    """
    description = lang.pick(entry.description)
    return {
        "location": topic_url(entry.id),
        "title": esc(lang.label(entry)),
        "text": f"<p>{esc(description)}</p>" if description else "",
        "tags": [esc(n) for n in entry_names(lang, entry)],
    }


def compact_index(
    site_dir: str | Path,
    entries: Iterable[dict[str, object]] = (),
    previous: list[dict[str, object]] | None = None,
) -> int:
    """Add ``entries`` to Material's search index, written with CJK as UTF-8; return its size.

    Entries with neither title nor text (sections whose content is all excluded) are dropped. After a
    dirty build, Material's index holds only the pages it built: ``previous`` (the last index) gives
    back the entries of the other pages, except briefings' and topics', which ``entries`` always holds.
    The entries are written as they come, one at a time: the index of thousands of briefings is never
    held in memory, neither as entries nor as one string. The file is replaced whole at the end.
    """
    path = Path(site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return 0
    data = json.loads(path.read_text(encoding="utf-8"))
    docs = [d for d in data.pop("docs", []) if d.get("text") or d.get("title")]
    if previous:
        fresh = {str(d["location"]).split("#")[0] for d in docs}
        kept = [
            d
            for d in previous
            if str(d["location"]).split("#")[0] not in fresh and not str(d["location"]).startswith(_OWN)
        ]
        docs = kept + docs
    size = 0
    with atomic_file(path, mode=path.stat().st_mode & 0o777) as fh:  # the permissions MkDocs gave it

        def put(text: str) -> None:
            nonlocal size
            raw = text.encode("utf-8")
            fh.write(raw)
            size += len(raw)

        put("{")
        for key, value in data.items():
            put(f"{_dumps(key)}:{_dumps(value)},")
        put('"docs":[')
        for i, doc in enumerate(itertools.chain(docs, entries)):
            put(("," if i else "") + _dumps(doc))
        put("]}")
    return size


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
