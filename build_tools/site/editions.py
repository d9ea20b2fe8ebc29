"""Editions: the briefings grouped by ISO week, numbered, in order, computed once for all languages.

Made from the same relations as every other listing (the timeline, newest first) in one pass over it:
an edition is a week with at least one briefing, so adding a briefing changes its own week's edition
and nothing else (a briefing in a week that had none adds an edition between two others, whose
previous/next links then point at it). Numbers come from the ledger, ``editions/numbers.yaml``
(build_tools/briefing/editions.py); weeks it does not list yet get provisional numbers after its
highest, in the order of the weeks, which the ledger fixes when ``edition --number`` appends them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from build_tools.briefing.editions import EditionInput, EditionIntro, next_numbers, week_days, week_of
from build_tools.briefing.taxonomy import Taxonomy
from build_tools.model import Briefing
from build_tools.site.relations import Relations

# Where briefings with no topic are grouped on an edition page (last).
NO_TOPIC = ""


@dataclass(frozen=True)
class Edition:
    """One week's edition: its briefings (oldest first), number and neighbours in time."""

    week: str  # 2024-w22
    number: int
    numbered: bool  # False: not in the ledger yet, the number is provisional
    start: dt.date  # Monday
    end: dt.date  # Sunday
    briefings: tuple[str, ...]  # ids, oldest first (date, then id)
    # The date of its newest briefing: the edition's date in feeds and mail (never a day still to come).
    published: dt.date
    intro: EditionIntro | None = None
    older: str | None = None  # week of the previous edition in time
    newer: str | None = None


@dataclass
class Editions:
    """Every edition, newest first, by week."""

    by_week: dict[str, Edition] = field(default_factory=dict)
    unnumbered: list[str] = field(default_factory=list)  # weeks the ledger lacks, oldest first

    @property
    def latest(self) -> Edition | None:
        """The newest edition, None when there are no briefings."""
        return next(iter(self.by_week.values()), None)

    def __iter__(self):
        return iter(self.by_week.values())

    def __len__(self) -> int:
        return len(self.by_week)


def build_editions(rel: Relations, by_id: dict[str, Briefing], found: EditionInput) -> Editions:
    """The editions of the briefings in ``rel.timeline``, with ``found``'s introductions and numbers."""
    weeks: dict[str, list[str]] = {}
    for bid in rel.timeline:  # newest first, so the weeks come newest first too
        day = by_id[bid].date
        if day is not None:
            weeks.setdefault(week_of(day), []).append(bid)
    provisional = next_numbers(found.numbers, set(weeks))
    order = list(weeks)
    editions = Editions(unnumbered=sorted(provisional) if found.ledger_path is not None else [])
    for i, week in enumerate(order):
        ids = tuple(reversed(weeks[week]))
        start, end = week_days(week)
        editions.by_week[week] = Edition(
            week=week,
            number=found.numbers.get(week) or provisional[week],
            numbered=week in found.numbers,
            start=start,
            end=end,
            briefings=ids,
            published=by_id[ids[-1]].date or end,
            intro=found.intros.get(week),
            older=order[i + 1] if i + 1 < len(order) else None,
            newer=order[i - 1] if i > 0 else None,
        )
    return editions


def topic_groups(edition: Edition, by_id: dict[str, Briefing], tax: Taxonomy) -> list[tuple[str, list[str]]]:
    """The edition's briefings grouped by their first topic: (topic id, ids oldest first), the largest
    group first, then by topic id; briefings with no topic last (``NO_TOPIC``)."""
    groups: dict[str, list[str]] = {}
    for bid in edition.briefings:
        topic = next((t for t in by_id[bid].tags if tax.get(t) is not None), NO_TOPIC)
        groups.setdefault(topic, []).append(bid)
    sizes = Counter({k: len(v) for k, v in groups.items()})
    return sorted(groups.items(), key=lambda kv: (kv[0] == NO_TOPIC, -sizes[kv[0]], kv[0]))
