"""What the pages say about each other, computed once for all languages in linear time.

Order in time, previous/next, the briefings of each topic and entity, topics that occur together, months,
and related briefings. Related briefings come from inverted indexes of shared entities and topics, looked
up only within a window of neighbours in time on each posting list, then ranked by a cheap text
similarity; no pass over all pairs of briefings.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from build_tools.briefing.taxonomy import Taxonomy
from build_tools.model import Briefing

RELATED_COUNT = 5  # related briefings shown at the bottom of a briefing page
# Neighbours in time looked at on each posting list: bounds the work per briefing whatever N is,
# and what a reader calls related is mostly recent anyway.
POSTING_WINDOW = 40
# Neighbours in time that may fill the related list by text similarity alone, when shared names are few.
TIME_WINDOW = 12
ENTITY_WEIGHT = 2.0  # a shared person, organisation or product says more than a shared topic
TOPIC_WEIGHT = 1.0
COOCCURRING_COUNT = 10  # related topics on a topic page
_WORD = re.compile(r"[a-z0-9]{3,}")
_HAN = re.compile(r"[\u3400-\u9fff]+")
_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "are",
        "was",
        "were",
        "has",
        "have",
        "its",
        "their",
        "into",
        "about",
        "more",
        "than",
        "will",
        "not",
        "but",
        "also",
        "which",
        "they",
        "said",
        "says",
    ]
)


@dataclass
class Relations:
    """Language-independent indexes over the whole corpus."""

    timeline: list[str] = field(default_factory=list)  # ids, newest first (date, then id)
    older: dict[str, str | None] = field(default_factory=dict)
    newer: dict[str, str | None] = field(default_factory=dict)
    related: dict[str, list[str]] = field(default_factory=dict)
    postings: dict[str, list[str]] = field(default_factory=dict)  # entry id -> ids, newest first
    cooccurring: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    months: dict[str, list[str]] = field(default_factory=dict)  # "YYYY-MM" -> ids, newest month first


def _day(b: Briefing) -> dt.date:
    return b.date or dt.date.min


def shingles(b: Briefing) -> frozenset[str]:
    """Words of the English title and summary and character bigrams of the Chinese ones."""
    en = f"{b.title.en} {b.summary.en}".lower()
    items = {w for w in _WORD.findall(en) if w not in _STOP}
    for run in _HAN.findall(f"{b.title.zh} {b.summary.zh}"):
        items.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(items)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b|, 0 for two empty sets."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def _shape(b: Briefing) -> tuple:
    """What every index but the text similarity is made from."""
    return b.id, b.date, tuple(b.tags), tuple(b.entities)


def _text(b: Briefing) -> tuple:
    """What the text similarity (shingles) is made from."""
    return b.title.en, b.summary.en, b.title.zh, b.summary.zh


def update_relations(
    briefings: list[Briefing], taxonomy: Taxonomy, before: list[Briefing], previous: Relations
) -> Relations:
    """``build_relations``, reusing ``previous`` (made from ``before``, same taxonomy) where it still holds.

    Under ``mkdocs serve`` an edit mostly leaves dates, topics and names alone: then every index but
    the related briefings is unchanged, and a briefing's related list can change only if its own text
    changed or that of a briefing it is compared with (a neighbour on one of its posting lists or in
    time: both relations are symmetric). Anything else is computed again from scratch.
    """
    old = {b.id: b for b in before}
    if len(old) != len(briefings) or any(
        b.id not in old or (old[b.id] is not b and _shape(old[b.id]) != _shape(b)) for b in briefings
    ):
        return build_relations(briefings, taxonomy)
    changed = [b for b in briefings if old[b.id] is not b and _text(old[b.id]) != _text(b)]
    rel = Relations(previous.timeline, previous.older, previous.newer, dict(previous.related),
                    previous.postings, previous.cooccurring, previous.months)
    if not changed:
        return rel
    ascending = sorted(briefings, key=lambda b: (_day(b), b.id))
    position = {b.id: i for i, b in enumerate(ascending)}
    ascending_postings = {key: ids[::-1] for key, ids in previous.postings.items()}
    affected: set[str] = set()
    for b in changed:
        for key in dict.fromkeys([*b.tags, *b.entities]):
            ids = ascending_postings[key]
            at = ids.index(b.id)
            affected.update(ids[max(0, at - POSTING_WINDOW) : at + POSTING_WINDOW + 1])
        at = position[b.id]
        affected.update(near.id for near in ascending[max(0, at - TIME_WINDOW) : at + TIME_WINDOW + 1])
    rel.related.update(_related(ascending, position, ascending_postings, taxonomy, only=affected))
    return rel


def build_relations(briefings: list[Briefing], taxonomy: Taxonomy) -> Relations:
    """Every index the pages need, from briefings already validated against ``taxonomy``."""
    rel = Relations()
    ascending = sorted(briefings, key=lambda b: (_day(b), b.id))
    position = {b.id: i for i, b in enumerate(ascending)}
    rel.timeline = [b.id for b in reversed(ascending)]
    for i, b in enumerate(ascending):
        rel.older[b.id] = ascending[i - 1].id if i > 0 else None
        rel.newer[b.id] = ascending[i + 1].id if i + 1 < len(ascending) else None

    ascending_postings: dict[str, list[str]] = defaultdict(list)
    for b in ascending:
        for key in dict.fromkeys([*b.tags, *b.entities]):
            ascending_postings[key].append(b.id)
    rel.postings = {key: ascending_postings[key][::-1] for key in sorted(ascending_postings)}

    months: dict[str, list[str]] = defaultdict(list)
    for b in reversed(ascending):
        months[_day(b).strftime("%Y-%m")].append(b.id)
    rel.months = dict(months)

    pairs: dict[str, Counter[str]] = defaultdict(Counter)
    for b in briefings:
        keys = list(dict.fromkeys([*b.tags, *b.entities]))
        for k in keys:
            for other in keys:
                if other != k:
                    pairs[k][other] += 1
    rel.cooccurring = {
        k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:COOCCURRING_COUNT]
        for k, c in sorted(pairs.items())
    }

    rel.related = _related(ascending, position, ascending_postings, taxonomy)
    return rel


class _LazyShingles(dict):
    """Briefing id -> shingles, computed when first asked for."""

    def __init__(self, by_id: dict[str, Briefing]) -> None:
        super().__init__()
        self.by_id = by_id

    def __missing__(self, bid: str) -> frozenset[str]:
        value = self[bid] = shingles(self.by_id[bid])
        return value


def _related(
    ascending: list[Briefing],
    position: dict[str, int],
    postings: dict[str, list[str]],
    taxonomy: Taxonomy,
    only: set[str] | None = None,
) -> dict[str, list[str]]:
    """Shared entities and topics first (rarer names weigh more), then text similarity, then time.

    With ``only``, the related briefings of those ids alone.
    """
    if only is None:
        index_in_posting = {key: {bid: i for i, bid in enumerate(ids)} for key, ids in postings.items()}
        texts = {b.id: shingles(b) for b in ascending}
    else:  # a few briefings: the text and posting indexes of theirs and their neighbours only
        chosen = [b for b in ascending if b.id in only]
        keys = {key for b in chosen for key in [*b.tags, *b.entities]}
        index_in_posting = {key: {bid: i for i, bid in enumerate(postings[key])} for key in keys}
        by_id = {b.id: b for b in ascending}
        texts = _LazyShingles(by_id)
    related: dict[str, list[str]] = {}
    for b in ascending:
        if only is not None and b.id not in only:
            continue
        scores: dict[str, float] = defaultdict(float)
        for key in dict.fromkeys([*b.tags, *b.entities]):
            ids = postings[key]
            entry = taxonomy.get(key)
            weight = TOPIC_WEIGHT if entry is None or entry.is_topic else ENTITY_WEIGHT
            weight /= math.log2(1 + len(ids))  # a name on every briefing relates nothing
            at = index_in_posting[key][b.id]
            for other in ids[max(0, at - POSTING_WINDOW) : at + POSTING_WINDOW + 1]:
                if other != b.id:
                    scores[other] += weight
        at = position[b.id]
        for near in ascending[max(0, at - TIME_WINDOW) : at + TIME_WINDOW + 1]:
            if near.id != b.id and near.id not in scores and jaccard(texts[b.id], texts[near.id]) > 0:
                scores[near.id] = 0.0
        # Only the best score levels can hold the first RELATED_COUNT: text similarity, the costly
        # part of the order, is computed for those candidates only.
        levels: dict[float, list[str]] = defaultdict(list)
        for other, score in scores.items():
            levels[round(score, 9)].append(other)
        candidates: list[str] = []
        for level in sorted(levels, reverse=True):
            candidates += levels[level]
            if len(candidates) >= RELATED_COUNT:
                break
        ranked = sorted(
            candidates,
            key=lambda o: (-round(scores[o], 9), -jaccard(texts[b.id], texts[o]), abs(position[o] - at), o),
        )
        related[b.id] = ranked[:RELATED_COUNT]
    return related
