"""The briefing file format: whatever dump_briefing writes, read_briefing reads back unchanged."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.frontmatter import dump_briefing
from build_tools.model import (
    DATE_BASES,
    ORIGINAL_LANGUAGES,
    PARAGRAPH_MARKERS,
    Bilingual,
    Briefing,
    Paragraph,
    Source,
)
from build_tools.schema import read_briefing

# Text as a person writes it in one line: any printable character, YAML's special words included.
_chars = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Co", "Cn"))
_raw = st.one_of(st.text(_chars, min_size=1, max_size=40),
                 st.sampled_from(["null", "~", "yes", "no", "2024-06-03", "1.0", "- item", "# not a comment",
                                  "en: inside", "key: value", "'quoted'", '"double"', "---", "<b>bold</b>",
                                  "奥尔特曼说:“开源”", "a\tb"]))
# The body keeps a paragraph on one line with single spaces (dump_body normalises them).
_text = _raw.map(lambda s: " ".join(s.split())).filter(bool)
_url = st.from_regex(r"https://[a-z]{1,10}\.com/[a-z0-9/_-]{0,20}", fullmatch=True)
_id = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)


@st.composite
def briefings(draw) -> Briefing:
    language = draw(st.sampled_from(ORIGINAL_LANGUAGES))
    original = "en" if language == "en" else "zh"
    other = "zh" if original == "en" else "en"
    n_points = draw(st.integers(0, 3))
    return Briefing(
        id=draw(_id),
        date=draw(st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))),
        date_basis=draw(st.sampled_from(DATE_BASES)),
        language=language,
        title=Bilingual(en=draw(_text), zh=draw(_text)),
        summary=Bilingual(en=draw(_text | st.just("")), zh=draw(_text | st.just(""))),
        key_points={"en": draw(st.lists(_text, min_size=n_points, max_size=n_points)),
                    "zh": draw(st.lists(_text, min_size=n_points, max_size=n_points))},
        source=Source(name=draw(st.none() | _text),
                      url=draw(st.none() | _url)),
        seed=draw(st.none() | st.from_regex(r"seeds/[a-z0-9_]{1,12}\.txt", fullmatch=True)),
        tags=draw(st.lists(_id, unique=True, max_size=3)),
        entities=draw(st.lists(_id, unique=True, max_size=3)),
        translation={original: "original", other: draw(st.sampled_from(["reviewed", "machine", "pending"]))},
        editor_note=draw(st.none() | st.builds(Bilingual, en=_text, zh=_text)),
        paragraphs=draw(st.lists(st.builds(Paragraph, kind=st.sampled_from(list(PARAGRAPH_MARKERS)), en=_text,
                                           zh=_text), min_size=1, max_size=4)),
    )


def _comparable(b: Briefing) -> dict:
    data = dataclasses.asdict(b)
    data.pop("path")
    data.pop("lines")
    for p in data["paragraphs"]:
        p.pop("line")
    return data


@settings(max_examples=80, deadline=None)
@given(briefings())
def test_dump_then_read_gives_the_same_briefing(briefing: Briefing):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{briefing.id}.md"
        path.write_text(dump_briefing(briefing), encoding="utf-8")
        back, problems = read_briefing(path)
    assert problems == []
    assert _comparable(back) == _comparable(briefing)


@settings(max_examples=25, deadline=None)
@given(briefings())
def test_dumping_is_deterministic_and_idempotent(briefing: Briefing):
    text = dump_briefing(briefing)
    assert dump_briefing(briefing) == text
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{briefing.id}.md"
        path.write_text(text, encoding="utf-8")
        back, _ = read_briefing(path)
    assert dump_briefing(back) == text
