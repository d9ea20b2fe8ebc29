"""Names an article is about that its briefing does not list: ``check``'s notes, and their acknowledgements.

A taxonomy name (a label or alias of an entry) that occurs in the original text at least ``MIN_MENTIONS``
times, or once in the title or the first paragraph, usually belongs among the briefing's entities or tags.
``check`` notes each such name for a reviewer without failing; ``check --strict`` fails on the notes, as it
does on the other work left, unless the front matter lists the id under ``notes_ack`` (an editor's decision
to leave it out, explained in the editor's note). The names are found by the tagger's own matcher
(``Tagger.mentions``), so a note counts the mentions ingest finds, no more and no fewer.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from build_tools.briefing.taxonomy import Taxonomy
from build_tools.errors import Problem
from build_tools.ingest.tagging import Tagger
from build_tools.model import Briefing

# The tagger's evidence for a topic: two mentions, or one where the article says what it is about.
MIN_MENTIONS = 2
# A name glossed in another script right after itself (山姆·奥尔特曼(Sam Altman)) is one mention: the
# tagger's rule, a gap of at most this many characters.
GLOSS_GAP = 2
ACK_KEY = "notes_ack"


@dataclass(frozen=True)
class Mentions:
    """How often one taxonomy entry is named in a briefing's original text, and where first."""

    entry_id: str
    count: int
    first_name: str  # the name as written at its first mention
    first_line: int
    prominent: str | None  # "the title" or "the first paragraph" when named there


def count_mentions(b: Briefing, tagger: Tagger) -> dict[str, Mentions]:
    """Every taxonomy entry named in the original-language title and body of ``b``."""
    lang = b.original
    title_line = b.lines.get(f"title.{lang}", b.lines.get("title", 2))
    texts: list[tuple[int, str, str | None]] = [(title_line, b.title.get(lang), "the title")]
    lede = next((p for p in b.paragraphs if p.kind != "h"), None)
    texts += [(p.line, p.text(lang), "the first paragraph" if p is lede else None) for p in b.paragraphs]
    counts: Counter[str] = Counter()
    first: dict[str, tuple[str, int]] = {}
    prominent: dict[str, str] = {}
    for line, text, where in texts:
        last_end: dict[str, int] = {}
        for entry_id, start, end in tagger.mentions(text):
            glossed = start - last_end.get(entry_id, -GLOSS_GAP - 1) <= GLOSS_GAP
            last_end[entry_id] = end
            if glossed:
                continue
            counts[entry_id] += 1
            first.setdefault(entry_id, (text[start:end], line))
            if where:
                prominent.setdefault(entry_id, where)
    return {i: Mentions(i, n, *first[i], prominent.get(i)) for i, n in counts.items()}


def _noted(b: Briefing, mentions: dict[str, Mentions]) -> list[Mentions]:
    listed = {*b.tags, *b.entities}
    return [m for m in mentions.values()
            if m.entry_id not in listed and (m.count >= MIN_MENTIONS or m.prominent)]


def _note(b: Briefing, m: Mentions, tax: Taxonomy) -> Problem:
    """One note: the name as written, how often or where, the id, and the two ways to settle it."""
    entry = tax.get(m.entry_id)
    key = "tags" if entry is not None and entry.is_topic else "entities"
    where = f"{m.count} times in the original text" if m.count >= MIN_MENTIONS else f"in {m.prominent}"
    return Problem(b.path or "", m.first_line,
                   f"'{m.first_name}' occurs {where}, but '{m.entry_id}' is not among the {key}; "
                   f"add it, or list it under '{ACK_KEY}' and say why in the editor's note")


def name_notes(b: Briefing, tagger: Tagger) -> tuple[list[Problem], list[Problem]]:
    """The notes for names ``b`` leaves out (unless acknowledged) and the problems of its ``notes_ack``."""
    tax = tagger.tax
    path = b.path or ""
    noted = {m.entry_id: m for m in _noted(b, count_mentions(b, tagger))}
    problems: list[Problem] = []
    for i, entry_id in enumerate(b.notes_ack):
        line = b.lines.get(f"{ACK_KEY}[{i}]", b.lines.get(ACK_KEY, 2))
        if entry_id not in tax:
            problems.append(Problem(path, line, f"'{ACK_KEY}': '{entry_id}' is not in the taxonomy; "
                                                "list only ids that check notes"))
        elif entry_id in b.tags or entry_id in b.entities:
            key = "tags" if entry_id in b.tags else "entities"
            problems.append(Problem(path, line, f"'{ACK_KEY}': '{entry_id}' is listed under '{key}', so "
                                                "there is nothing to acknowledge; remove it here"))
        elif entry_id not in noted:
            problems.append(Problem(path, line, f"'{ACK_KEY}': '{entry_id}' is not named often enough in "
                                                "the original text to be noted; remove it here"))
    acked = set(b.notes_ack)
    notes = [_note(b, m, tax) for m in noted.values() if m.entry_id not in acked]
    return sorted(notes), problems
