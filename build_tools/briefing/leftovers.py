"""What no article contains, left in a draft by the page it was copied from: ``check``'s content rules.

A title that reads as the site's menu, lines holding contact details (e-mail addresses, phone numbers,
messaging handles: personal data that must not be published), and lines the ingest cleaner judges to be
web junk (share bars, ads, bylines). The words and labels are data (data/leftovers.yaml); the judgement of
a junk line is the cleaner's, asked in one place (``junk_reason``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from build_tools.errors import Problem
from build_tools.model import BODY_LANGUAGES, Briefing

DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "leftovers.yaml"
EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
# An international number (+44 20 7946 0958) or a Chinese mobile number (13812345678). Bounded,
# possessive repeats: a line of digits and spaces thousands long is matched in linear time.
PHONE = re.compile(
    r"(?<![\w+])\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,6}+(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)"
)
# A number after a label: at least seven digits, with the separators people write.
LABELLED_NUMBER = r"\s*+(?:[:：]|number|no\.?|号码|號碼)?\s*+\+?\(?\d[\d\s().-]{5,40}+(?<=\d)"
# A handle after a messaging service's name: @name, a number, a Signal username (name.42), or after a
# colon an id with a digit or underscore in it (an ordinary word after "WeChat:" is not a handle).
HANDLE = (
    r"[^\n]{0,24}?(?:(?<![\w.])@[A-Za-z0-9_.]{3,}|\+?\d[\d\s-]{5,40}+(?<=\d)"
    r"|\b[A-Za-z][\w-]{2,40}\.\d{2}\b|[:：]\s*+[A-Za-z0-9_.-]{0,40}?[\d_])"
)
_QUOTED = re.compile(r"[“”\"「」『』]")
_WORD = re.compile(r"[^\s|/·•>»,，、]+")
_SENTENCE = re.compile(r"[.,;:!?。，；：！？、\"“”'‘’()（）]")


@dataclass(frozen=True)
class _Data:
    names: dict[str, frozenset[str]]
    headline_words: frozenset[str]
    min_names: int
    min_share: float
    phone: re.Pattern[str]
    messaging: re.Pattern[str]


@cache
def _data(path: Path = DATA_PATH) -> _Data:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    sections = raw["section_names"]
    names = {lang: frozenset(str(n).casefold() for n in sections[lang]) for lang in BODY_LANGUAGES}
    labels = "|".join(re.escape(str(x)) for x in sorted(raw["phone_labels"], key=len, reverse=True))
    apps = "|".join(re.escape(str(x)) for x in sorted(raw["messaging"], key=len, reverse=True))
    return _Data(
        names,
        frozenset(str(w).casefold() for w in sections["headline_words"]),
        int(sections["min_names"]),
        float(sections["min_share"]),
        re.compile(rf"(?<![A-Za-z])(?:{labels})(?![A-Za-z]){LABELLED_NUMBER}", re.IGNORECASE),
        re.compile(rf"(?<![A-Za-z])(?:{apps})(?![A-Za-z]){HANDLE}", re.IGNORECASE),
    )


def menu_words(title: str, lang: str) -> list[str] | None:
    """The section names a title is made of when it reads as a menu, else None."""
    data = _data()
    if not title or _SENTENCE.search(title):
        return None
    tokens = _WORD.findall(title)
    if lang == "en" and any(t.casefold() in data.headline_words for t in tokens):
        return None
    found, i = [], 0
    while i < len(tokens):
        pair = f"{tokens[i]} {tokens[i + 1]}".casefold() if i + 1 < len(tokens) else ""
        if pair in data.names[lang]:
            found.append(f"{tokens[i]} {tokens[i + 1]}")
            i += 2
            continue
        if tokens[i].casefold() in data.names[lang]:
            found.append(tokens[i])
        i += 1
    if len(found) >= data.min_names and len(found) >= data.min_share * len(tokens):
        return found
    return None


def contact_kind(text: str) -> str | None:
    """What contact detail a line holds (an e-mail address, a phone number, a messaging handle), or None."""
    data = _data()
    if EMAIL.search(text):
        return "an e-mail address"
    if data.messaging.search(text):
        return "a messaging handle"
    if data.phone.search(text) or PHONE.search(text):
        return "a phone number"
    return None


def junk_reason(text: str) -> str | None:
    """Why the ingest cleaner drops a line like ``text`` as web junk, or None if it keeps it.

    The one place ``check`` asks ingest for its judgement of a line: today the cleaner's rules and shapes
    (passes 2 and 3 of build_tools/ingest/clean.py), judged line by line without the page around it.
    """
    from build_tools.ingest import clean

    rules = clean.load_rules()
    norm = clean._norm(text)
    if not norm or len(norm) > clean.MAX_PATTERN_CHARS:
        return None
    # Out of its page the cleaner cannot tell a quoted sentence about copyright from a copyright footer;
    # running text and quotations are an article's, whatever words they use.
    if clean.is_prose(norm, rules.thresholds) or _QUOTED.search(norm):
        return None
    rule = clean._match_rule(norm, rules)
    if rule is not None:
        return rule.reason
    shape = clean._shape_reason(norm, rules.thresholds)
    return shape[1] if shape else None


def _shown(items: list[str]) -> str:
    return ", ".join(repr(x) for x in items[:6]) + (", ..." if len(items) > 6 else "")


def leftover_problems(b: Briefing) -> list[Problem]:
    """A menu for a title and contact details anywhere: what ``check`` refuses to publish."""
    path = b.path or ""
    problems = []
    for lang in BODY_LANGUAGES:
        words = menu_words(b.title.get(lang), lang)
        if words:
            problems.append(
                Problem(
                    path,
                    b.lines.get(f"title.{lang}", b.lines.get("title", 2)),
                    f"'title.{lang}': reads as a menu or a run of section names "
                    f"({_shown(words)}), not a headline; write the article's own title",
                )
            )
    for key, line, text in _texts(b):
        kind = contact_kind(text)
        if kind:
            problems.append(
                Problem(
                    path,
                    line,
                    f"'{key}': holds {kind}; contact details are personal data "
                    "that must not be published: remove them",
                )
            )
    return problems


def junk_lines(b: Briefing) -> list[Problem]:
    """Body lines the ingest cleaner rates as web junk: work left before a draft is an article."""
    path = b.path or ""
    problems = []
    for p in b.paragraphs:
        for offset, lang in enumerate(BODY_LANGUAGES):
            text = p.text(lang)
            reason = junk_reason(text) if text and p.kind != "h" else None
            if reason:
                problems.append(
                    Problem(
                        path,
                        p.line + (offset if p.en else 0),
                        f"'{lang}:' reads as web junk ({reason}), not article text; remove the paragraph",
                    )
                )
    return problems


def _texts(b: Briefing):
    """(key, line, text) of every text of a briefing a reader sees."""
    for lang in BODY_LANGUAGES:
        for field in ("title", "summary"):
            yield f"{field}.{lang}", b.lines.get(f"{field}.{lang}", 2), getattr(b, field).get(lang)
        for i, point in enumerate(b.key_points.get(lang, [])):
            yield f"key_points.{lang}[{i}]", b.lines.get(f"key_points.{lang}[{i}]", 2), point
        if b.editor_note is not None:
            yield f"editor_note.{lang}", b.lines.get(f"editor_note.{lang}", 2), b.editor_note.get(lang)
    for p in b.paragraphs:
        for offset, lang in enumerate(BODY_LANGUAGES):
            if p.text(lang):
                yield f"{lang}:", p.line + (offset if p.en else 0), p.text(lang)
