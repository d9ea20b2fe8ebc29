"""Seeded synthetic corpus: N briefings in the real file format and N raw seeds with page junk.

Briefing ``i`` depends only on the seed and ``i``, so the corpus of 100 is the first 100 of the corpus of
1,000 and runs on different days compare like with like.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench import phrases
from build_tools.briefing.frontmatter import dump_briefing
from build_tools.briefing.taxonomy import Taxonomy, load_taxonomy
from build_tools.files import write_atomic
from build_tools.model import Bilingual, Briefing, Entry, Paragraph, Source

DEFAULT_SEED = 20240603
# Real briefings span these years; the end is fixed (not today) so the corpus does not change with the date.
FIRST_DATE = dt.date(2021, 1, 1)
LAST_DATE = dt.date(2026, 10, 31)
# Shape of a briefing body, from the real briefings: paragraphs per briefing, and Chinese characters per
# paragraph (the English column of a pair is 2-3 times longer, as in a real translation).
PARAGRAPHS = (8, 30)
PARAGRAPH_CHARS = (40, 250)
PARAGRAPH_CHARS_MODE = 110
HEADING_EVERY = (4, 7)
# Shares of original languages and translation states; a few drafts still have a pending translation.
LANGUAGE_WEIGHTS = {"en": 40, "zh-Hans": 52, "zh-Hant": 8}
OTHER_STATUS_WEIGHTS = {"reviewed": 70, "machine": 27, "pending": 3}
# Chinese organisations, for the ``{cnorg}`` slot.
CHINESE_ORGS = ("alibaba", "bytedance", "baidu", "tencent", "01-ai", "moonshot-ai", "minimax")
# How often a mention uses an alias instead of the label (exercises tagging and search of aliases).
ALIAS_RATE = 0.15
# How often a sentence slot takes one of the briefing's own entities rather than any entity.
OWN_ENTITY_RATE = 0.6
_FILLERS = {
    "place": phrases.PLACES, "field": phrases.FIELDS, "role": phrases.ROLES, "metric": phrases.METRICS,
    "cap": phrases.CAPABILITIES, "risk": phrases.RISKS, "tf": phrases.TIMEFRAMES, "future": phrases.FUTURES,
    "event": phrases.EVENTS, "summit": phrases.SUMMITS, "outlet": phrases.OUTLETS, "data": phrases.DATA,
    "bench": phrases.BENCHMARKS, "money": phrases.MONEY,
}


def _zipf_pick(rng: random.Random, items: list[Entry], k: int) -> list[Entry]:
    """``k`` distinct items, earlier ones more often: a few topics are popular, most are rare."""
    weights = [1.0 / (rank + 1) for rank in range(len(items))]
    chosen: list[Entry] = []
    while len(chosen) < min(k, len(items)):
        item = rng.choices(items, weights)[0]
        if item not in chosen:
            chosen.append(item)
    return chosen


class _Slots:
    """Slot values of one sentence pair: chosen on first use, the same in both languages."""

    def __init__(self, gen: _Generator, rng: random.Random):
        self.gen, self.rng, self.values = gen, rng, {}

    def pair(self, key: str) -> tuple[str, str]:
        if key not in self.values:
            self.values[key] = self.gen.fill(key, self.rng, self)
        return self.values[key]

    def view(self, index: int) -> _View:
        return _View(self, index)


class _View(dict):
    def __init__(self, slots: _Slots, index: int):
        super().__init__()
        self.slots, self.index = slots, index

    def __missing__(self, key: str) -> str:
        return self.slots.pair(key)[self.index]


class _Generator:
    """Text of one briefing: its own entities and topics are mentioned most."""

    def __init__(self, tax: Taxonomy, own: list[Entry]):
        self.tax = tax
        kinds = ("organisation", "person", "product", "topic")
        self.by_kind = {kind: [e for e in tax if e.kind == kind] for kind in kinds}
        self.own = {kind: [e for e in own if e.kind == kind] for kind in self.by_kind}
        cn_orgs = [e for e in (tax.get(i) for i in CHINESE_ORGS) if e is not None]
        self.cn_orgs = cn_orgs or self.by_kind["organisation"]

    def _entry_names(self, e: Entry, rng: random.Random, kind: str) -> tuple[str, str]:
        en, zh = e.en, e.zh
        if rng.random() < ALIAS_RATE:
            en = rng.choice(e.aliases.get("en") or [en])
            zh = rng.choice(e.aliases.get("zh") or [zh])
        if kind == "topic" and len(en) > 1 and en[1].islower():
            en = en[0].lower() + en[1:]  # "large language models", but "AI safety", "AGI"
        return en, zh

    def _entity(self, kind: str, rng: random.Random, avoid: str | None = None) -> tuple[str, str]:
        pool = self.own[kind] if self.own[kind] and rng.random() < OWN_ENTITY_RATE else self.by_kind[kind]
        pool = [e for e in pool if e.id != avoid] or self.by_kind[kind]
        e = rng.choice(pool)
        return self._entry_names(e, rng, kind)

    def fill(self, key: str, rng: random.Random, slots: _Slots) -> tuple[str, str]:
        base = key.rstrip("2")
        kinds = {"org": "organisation", "person": "person", "product": "product", "topic": "topic"}
        if base in kinds:
            return self._entity(kinds[base], rng)
        if key == "cnorg":
            e = rng.choice(self.cn_orgs)
            return e.en, e.zh
        if base in _FILLERS:
            return rng.choice(_FILLERS[base])
        if key == "ord":
            k = int(slots.pair("k")[0])
            return phrases.ORDINALS[min(k, 6) - 2], ""
        numbers = {"k": (2, 6), "k2": (2, 9), "n": (1, 50), "pct": (5, 60), "pct2": (1, 15),
                   "year": (2019, 2024)}
        if key in numbers:
            value = str(rng.randint(*numbers[key]))
            return value, value
        if key == "score":
            value = f"{rng.uniform(55, 92):.1f}"
            return value, value
        raise KeyError(key)

    def pair(self, templates: list[phrases.Pair], rng: random.Random) -> tuple[str, str]:
        en_t, zh_t = rng.choice(templates)
        slots = _Slots(self, rng)
        en = en_t.format_map(slots.view(0))
        zh = zh_t.format_map(slots.view(1))
        return en[0].upper() + en[1:], zh

    def paragraph(self, rng: random.Random, target: int) -> tuple[str, str]:
        """Sentences until the Chinese text reaches ``target`` characters (at least one sentence)."""
        en_parts: list[str] = []
        zh_parts: list[str] = []
        while not zh_parts or sum(map(len, zh_parts)) < target:
            en, zh = self.pair(phrases.SENTENCES, rng)
            if zh_parts and sum(map(len, zh_parts)) + len(zh) > PARAGRAPH_CHARS[1]:
                break
            en_parts.append(en)
            zh_parts.append(zh)
        return " ".join(en_parts), "".join(zh_parts)


@dataclass
class Corpus:
    """Where a generated corpus lives."""

    root: Path
    briefings: list[Path]
    seeds: list[Path]


def _slug(text: str, limit: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "briefing"


def _date(rng: random.Random) -> dt.date:
    return FIRST_DATE + dt.timedelta(days=rng.randint(0, (LAST_DATE - FIRST_DATE).days))


def make_briefing(index: int, seed: int = DEFAULT_SEED, tax: Taxonomy | None = None) -> Briefing:
    """Briefing number ``index`` of the corpus drawn with ``seed``."""
    tax = tax or load_taxonomy()
    rng = random.Random(f"{seed}:briefing:{index}")
    topics = [e for e in tax if e.is_topic]
    entities = [e for e in tax if not e.is_topic]
    tags = _zipf_pick(rng, topics, rng.randint(1, 4))
    named = _zipf_pick(rng, entities, rng.randint(1, 6))
    gen = _Generator(tax, tags + named)

    language = rng.choices(list(LANGUAGE_WEIGHTS), list(LANGUAGE_WEIGHTS.values()))[0]
    original = "en" if language == "en" else "zh"
    other = "zh" if original == "en" else "en"
    other_status = rng.choices(list(OTHER_STATUS_WEIGHTS), list(OTHER_STATUS_WEIGHTS.values()))[0]

    def keep(pair: tuple[str, str]) -> tuple[str, str]:
        # A pending translation has only the original column filled.
        if other_status != "pending":
            return pair
        return (pair[0], "") if other == "zh" else ("", pair[1])

    title = Bilingual(*keep(gen.pair(phrases.TITLES, rng)))
    summary_pairs = [gen.pair(phrases.SENTENCES, rng) for _ in range(2)]
    summary = Bilingual(*keep((" ".join(p[0] for p in summary_pairs), "".join(p[1] for p in summary_pairs))))
    points = [keep(gen.pair(phrases.SENTENCES, rng)) for _ in range(rng.randint(2, 5))]
    key_points = {"en": [p[0] for p in points if p[0]], "zh": [p[1] for p in points if p[1]]}
    note = Bilingual(*keep(gen.pair(phrases.SENTENCES, rng))) if rng.random() < 0.15 else None

    paragraphs: list[Paragraph] = []
    count = rng.randint(*PARAGRAPHS)
    next_heading = rng.randint(*HEADING_EVERY)
    while len(paragraphs) < count:
        if len(paragraphs) == next_heading:
            kind, pair = "h", gen.pair(phrases.HEADINGS, rng)
            next_heading += rng.randint(*HEADING_EVERY)
        elif rng.random() < 0.06:
            kind, pair = "quote", gen.pair(phrases.QUOTES, rng)
        elif rng.random() < 0.05:
            for _ in range(rng.randint(3, 5)):
                paragraphs.append(Paragraph("li", *keep(gen.pair(phrases.LIST_ITEMS, rng))))
            continue
        else:
            target = int(rng.triangular(PARAGRAPH_CHARS[0], PARAGRAPH_CHARS[1], PARAGRAPH_CHARS_MODE))
            kind, pair = "p", gen.paragraph(rng, target)
        paragraphs.append(Paragraph(kind, *keep(pair)))

    source_name, source_url = rng.choice(phrases.SOURCES)
    briefing_id = f"{_slug(title.en or gen.pair(phrases.TITLES, rng)[0])}-{index:05d}"
    return Briefing(
        id=briefing_id, date=_date(rng), language=language, title=title, summary=summary,
        key_points=key_points, source=Source(source_name, f"{source_url}{index:05d}.html"),
        seed=f"seeds/bench-{index:05d}.txt", tags=[e.id for e in tags], entities=[e.id for e in named],
        translation={original: "original", other: other_status},
        date_basis="event" if rng.random() < 0.1 else "published", editor_note=note, paragraphs=paragraphs,
    )


def make_seed(index: int, seed: int = DEFAULT_SEED, tax: Taxonomy | None = None,
              briefing: Briefing | None = None) -> str:
    """Raw seed number ``index``: article text as copied from a news page, with the junk around it."""
    tax = tax or load_taxonomy()
    rng = random.Random(f"{seed}:seed:{index}")
    b = briefing or make_briefing(index, seed, tax)
    lang = 1 if b.language != "en" else 0
    text_of = (lambda p: p.zh or p.en) if lang else (lambda p: p.en or p.zh)
    lines: list[str] = []
    if rng.random() < 0.3:
        lines += rng.choice(phrases.COOKIE_BANNERS)
    if rng.random() < 0.5:
        lines.append(rng.choice(phrases.BREADCRUMBS))
    lines.append(b.title.zh if lang and b.title.zh else b.title.en or b.title.zh)
    date = b.date or FIRST_DATE
    if lang:
        lines.append(f"发布时间:{date.isoformat()} {rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}:"
                     f"{rng.randint(0, 59):02d} 来源:{b.source.name}")
    else:
        lines.append(f"Published {date.strftime('%B')} {date.day}, {date.year} · {b.source.name}")
    numbers = {"n": rng.randint(100, 99999), "k": rng.randint(1, 9), "k2": rng.randint(0, 9)}
    if rng.random() < 0.5:
        lines.append(rng.choice(phrases.COUNTERS).format(**numbers))
    if rng.random() < 0.4:
        lines.append(rng.choice(phrases.SHARE_LINES))
    for p in b.paragraphs:
        lines.append(text_of(p))
    if rng.random() < 0.6:
        lines.append(rng.choice(phrases.RELATED_HEADERS))
        gen = _Generator(tax, [])
        lines += [gen.pair(phrases.TITLES, rng)[lang] for _ in range(rng.randint(4, 6))]
    for footer in rng.sample(phrases.FOOTERS, rng.randint(1, 3)):
        lines.append(footer.format(editor=rng.choice(phrases.EDITORS), year=date.year))
    separator = "\n\n" if rng.random() < 0.6 else "\n"
    return separator.join(line for line in lines if line) + "\n"


def iter_briefings(n: int, seed: int = DEFAULT_SEED) -> Iterator[Briefing]:
    """The first ``n`` briefings of the corpus."""
    tax = load_taxonomy()
    for i in range(n):
        yield make_briefing(i, seed, tax)


def write_corpus(root: Path, n: int, *, seed: int = DEFAULT_SEED) -> Corpus:
    """Write ``n`` briefings to ``root/briefings`` and the raw seed of each to ``root/seeds``.

    Every briefing names its seed, as an ingested one does, so ``check`` finds nothing missing.
    Files already holding the same content are left untouched, so a second run changes nothing on disk;
    files beyond ``n`` left by an earlier, larger run are removed.
    """
    tax = load_taxonomy()
    briefing_dir, seed_dir = root / "briefings", root / "seeds"
    briefing_dir.mkdir(parents=True, exist_ok=True)
    seed_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    seed_paths: list[Path] = []
    for i in range(n):
        b = make_briefing(i, seed, tax)
        path = briefing_dir / f"{b.id}.md"
        write_atomic(path, dump_briefing(b))
        paths.append(path)
        seed_path = root / (b.seed or f"seeds/bench-{i:05d}.txt")
        write_atomic(seed_path, make_seed(i, seed, tax, briefing=b))
        seed_paths.append(seed_path)
    for folder, wanted in ((briefing_dir, set(paths)), (seed_dir, set(seed_paths))):
        for stale in folder.glob("*.*"):
            if stale not in wanted and not stale.name.startswith("."):
                stale.unlink()
    return Corpus(root, sorted(paths), seed_paths)
