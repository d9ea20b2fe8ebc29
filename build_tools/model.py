"""The one data model: briefings, their aligned paragraphs, and taxonomy entries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

# Languages a briefing body holds. Traditional Chinese is generated from "zh" with OpenCC; the languages
# the site is published in are the table in build_tools/site/language.py.
BodyLanguage = Literal["en", "zh"]
# Typed str, not BodyLanguage: dictionaries keyed by them are read with any str.
BODY_LANGUAGES: tuple[str, ...] = ("en", "zh")
# What a seed may be written in (front matter ``language``).
ORIGINAL_LANGUAGES = ("en", "zh-Hans", "zh-Hant")
TRANSLATION_STATUSES = ("original", "reviewed", "machine", "pending")
DATE_BASES = ("published", "event")

# Paragraph kinds and the line prefix that marks them in the body.
PARAGRAPH_MARKERS = {"h": "## ", "li": "- ", "quote": "> ", "p": ""}


def body_language(original: str) -> str:
    """The body column that holds the original text of a briefing written in ``original``."""
    return "en" if original == "en" else "zh"


@dataclass(slots=True)
class Paragraph:
    """One aligned unit of the article: the same paragraph in both body languages."""

    kind: str = "p"  # one of PARAGRAPH_MARKERS
    en: str = ""
    zh: str = ""
    line: int = 0  # line of the block in the briefing file, for messages

    def text(self, lang: str) -> str:
        """The paragraph in ``lang`` ('en' or 'zh')."""
        return self.en if lang == "en" else self.zh


@dataclass(slots=True)
class Bilingual:
    """A short text in both body languages (title, summary, editor's note)."""

    en: str = ""
    zh: str = ""

    def get(self, lang: str) -> str:
        """The text in ``lang`` ('en' or 'zh')."""
        return self.en if lang == "en" else self.zh


@dataclass(slots=True)
class Source:
    name: str | None = None
    url: str | None = None


@dataclass(slots=True)
class Briefing:
    """A curated bilingual briefing, as stored in ``briefings/<id>.md``."""

    id: str
    date: dt.date | None
    language: str  # original language, one of ORIGINAL_LANGUAGES
    title: Bilingual
    summary: Bilingual = field(default_factory=Bilingual)
    key_points: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "zh": []})
    source: Source = field(default_factory=Source)
    seed: str | None = None
    tags: list[str] = field(default_factory=list)  # topic ids
    entities: list[str] = field(default_factory=list)  # organisation, person and product ids
    translation: dict[str, str] = field(default_factory=lambda: {"en": "pending", "zh": "pending"})
    date_basis: str = "published"
    editor_note: Bilingual | None = None
    notes_ack: list[str] = field(default_factory=list)  # ids check would note, left out on purpose
    paragraphs: list[Paragraph] = field(default_factory=list)
    path: str | None = None  # where it was read from, for messages
    lines: dict[str, int] = field(default_factory=dict)  # front matter key -> line, for messages

    @property
    def original(self) -> str:
        """The body column ('en' or 'zh') holding the original text."""
        return body_language(self.language)

    def is_translated(self, lang: str) -> bool:
        """True when ``lang`` ('en' or 'zh') has text a reader can be shown."""
        return self.translation.get(lang) != "pending"


@dataclass(slots=True)
class Entry:
    """A taxonomy entry: one topic or entity, with its labels and aliases in every script."""

    id: str
    kind: str  # topic | organisation | person | product
    en: str
    zh: str
    aliases: dict[str, list[str]] = field(default_factory=lambda: {"en": [], "zh": []})
    zh_hant: str | None = None  # Traditional label when OpenCC's conversion is not the official form
    description: Bilingual | None = None
    # A topic nearly every AI story touches (large language models, compute): one word repeated is not
    # evidence for it (see ingest/tagging.py).
    broad: bool = False
    # The wider topic a topic is part of (the EU AI Act is AI governance): a story tagged with the one is
    # tagged with the other, as a reader browsing the wider topic expects to find it there.
    broader: str | None = None
    # Words of another topic that are this one's too (compute's "chips" in a story on the chip industry):
    # lender id -> its names that this topic may take (see ingest/tagging.py).
    borrows: dict[str, list[str]] = field(default_factory=dict)
    line: int = 0

    @property
    def is_topic(self) -> bool:
        return self.kind == "topic"

    def names(self) -> list[str]:
        """Every name this entry is known by: labels first, then aliases."""
        seen: list[str] = []
        for name in [self.en, self.zh, *self.aliases.get("en", []), *self.aliases.get("zh", [])]:
            if name and name not in seen:
                seen.append(name)
        return seen
