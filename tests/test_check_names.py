"""``check``'s notes for taxonomy names a briefing's original text uses but its front matter does not list."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.briefing.frontmatter import dump_briefing
from build_tools.briefing.schema import read_briefing

ROOT = Path(__file__).resolve().parent.parent

# English original; Microsoft is named twice, Google once in the second paragraph, OpenAI is listed.
BRIEFING = """\
---
id: names-briefing
date: 2024-06-03
language: en
title:
  en: A quiet quarter for cloud contracts
  zh: 云合同平静的一季
summary:
  en: A summary.
  zh: 摘要。
key_points:
  en:
    - One point.
  zh:
    - 一个要点。
tags:
  - open-source
entities:
  - openai
translation:
  en: original
  zh: reviewed
---

en: OpenAI signed no new cloud contract this quarter, and Microsoft said little about it.
zh: OpenAI本季度没有签下新的云合同，微软对此也少有评论。

## en: Elsewhere
## zh: 其他

en: Google stayed quiet as well; Microsoft published its figures on time.
zh: 谷歌同样保持沉默；微软按时公布了数据。
"""
MICROSOFT_NOTE = ("names-briefing.md:25: 'Microsoft' occurs 2 times in the original text, but 'microsoft' "
                  "is not among the entities; add it, or list it under 'notes_ack' and say why in the "
                  "editor's note")


def _write(folder: Path, text: str) -> Path:
    path = folder / "names-briefing.md"
    path.write_text(text, encoding="utf-8")
    return path


def _passes(run) -> bool:
    return (run.code, run.out, run.err) == (0, "1 briefing OK\n", "")


def test_a_name_used_twice_is_noted_and_strict_fails_on_it(cli, tmp_path: Path):
    _write(tmp_path, BRIEFING)
    run = cli("check", "names-briefing.md")
    # A note, not a problem: the check passes and says what a reviewer should look at.
    assert (run.code, run.err) == (0, "")
    assert run.out.splitlines() == [f"names-briefing.md:25: note: {MICROSOFT_NOTE.split(': ', 1)[1]}",
                                    "1 briefing OK"]
    strict = cli("check", "--strict", "names-briefing.md")
    assert (strict.code, strict.out) == (1, "")
    assert strict.err.splitlines() == [MICROSOFT_NOTE, "1 problem in 1 file"]


def test_listing_the_name_settles_the_note(cli, tmp_path: Path):
    _write(tmp_path, BRIEFING.replace("  - openai\n", "  - openai\n  - microsoft\n"))
    assert _passes(cli("check", "--strict", "names-briefing.md"))


def test_an_acknowledgement_silences_the_note(cli, tmp_path: Path):
    _write(tmp_path, BRIEFING.replace("translation:", "notes_ack:\n  - microsoft\ntranslation:"))
    assert _passes(cli("check", "names-briefing.md"))
    assert _passes(cli("check", "--strict", "names-briefing.md"))


@pytest.mark.parametrize(("ack", "message"), [
    ("quantum-widgets", "names-briefing.md:22: 'notes_ack': 'quantum-widgets' is not in the taxonomy; "
                        "list only ids that check notes"),
    # named once, outside the title and the first paragraph: nothing to acknowledge
    ("google", "names-briefing.md:22: 'notes_ack': 'google' is not named often enough in the original "
               "text to be noted; remove it here"),
    ("openai", "names-briefing.md:22: 'notes_ack': 'openai' is listed under 'entities', so there is "
               "nothing to acknowledge; remove it here"),
    ("open-source", "names-briefing.md:22: 'notes_ack': 'open-source' is listed under 'tags', so there "
                    "is nothing to acknowledge; remove it here"),
])
def test_an_acknowledgement_must_be_needed(cli, tmp_path: Path, ack: str, message: str):
    _write(tmp_path, BRIEFING.replace("translation:", f"notes_ack:\n  - microsoft\n  - {ack}\ntranslation:"))
    run = cli("check", "names-briefing.md")
    assert (run.code, run.out) == (1, "")
    assert run.err.splitlines() == [message, "1 problem in 1 file"]


def test_one_mention_counts_in_the_title_or_the_first_paragraph(cli, tmp_path: Path):
    text = BRIEFING.replace("  - openai\n", "  - microsoft\n")
    _write(tmp_path, text)
    assert cli("check", "--strict", "names-briefing.md").err.splitlines() == [
        "names-briefing.md:25: 'OpenAI' occurs in the first paragraph, but 'openai' is not among the "
        "entities; add it, or list it under 'notes_ack' and say why in the editor's note",
        "1 problem in 1 file"]
    _write(tmp_path, text.replace("OpenAI signed", "A buyer signed").replace(
        "A quiet quarter for cloud contracts", "A quiet quarter for OpenAI's cloud contracts"))
    assert cli("check", "--strict", "names-briefing.md").err.splitlines() == [
        "names-briefing.md:6: 'OpenAI' occurs in the title, but 'openai' is not among the entities; "
        "add it, or list it under 'notes_ack' and say why in the editor's note",
        "1 problem in 1 file"]
    # In a later paragraph, once, it is a passing mention: no note.
    later = text.replace("OpenAI signed", "A buyer signed").replace("Google stayed", "OpenAI stayed")
    _write(tmp_path, later)
    assert _passes(cli("check", "--strict", "names-briefing.md"))


def test_topics_are_noted_as_tags(cli, tmp_path: Path):
    text = BRIEFING.replace("  - open-source\n", "  - compute\n").replace(
        "  - openai\n", "  - openai\n  - microsoft\n")
    _write(tmp_path, text.replace("cloud contract this quarter", "open-source model this quarter"))
    assert cli("check", "--strict", "names-briefing.md").err.splitlines() == [
        "names-briefing.md:26: 'open-source' occurs in the first paragraph, but 'open-source' is not "
        "among the tags; add it, or list it under 'notes_ack' and say why in the editor's note",
        "1 problem in 1 file"]


def test_only_the_original_language_counts(cli, tmp_path: Path):
    # The Chinese column names 谷歌 in its first paragraph; the English original does not: no note.
    text = BRIEFING.replace("  - openai\n", "  - openai\n  - microsoft\n")
    _write(tmp_path, text.replace("zh: OpenAI本季度", "zh: 谷歌和OpenAI本季度"))
    assert _passes(cli("check", "--strict", "names-briefing.md"))


def test_the_taggers_matcher_decides_what_a_mention_is(cli, tmp_path: Path):
    """Names inside longer words, and a name glossed in another script, are not extra mentions."""
    zh = BRIEFING.replace("language: en", "language: zh-Hans").replace(
        "  en: original\n  zh: reviewed", "  en: reviewed\n  zh: original").replace(
        "  - openai\n", "  - openai\n  - microsoft\n")
    # 萨姆·奥尔特曼(Sam Altman) is one mention, in a later paragraph: no note.
    _write(tmp_path, zh.replace("zh: 谷歌同样", "zh: 萨姆·奥尔特曼(Sam Altman)说，谷歌同样"))
    assert _passes(cli("check", "--strict", "names-briefing.md"))
    # Written twice apart, it is two.
    _write(tmp_path, zh.replace("zh: 谷歌同样", "zh: 奥尔特曼表示，萨姆·奥尔特曼认为谷歌同样"))
    assert cli("check", "--strict", "names-briefing.md").err.splitlines() == [
        "names-briefing.md:32: '奥尔特曼' occurs 2 times in the original text, but 'sam-altman' is not "
        "among the entities; add it, or list it under 'notes_ack' and say why in the editor's note",
        "1 problem in 1 file"]
    # "Metaverse" is not Meta, in an English original's first paragraph.
    _write(tmp_path, BRIEFING.replace("  - openai\n", "  - openai\n  - microsoft\n").replace(
        "this quarter,", "for the Metaverse this quarter,"))
    assert _passes(cli("check", "--strict", "names-briefing.md"))


def test_notes_ack_survives_a_rewrite(tmp_path: Path):
    path = _write(tmp_path, BRIEFING.replace("translation:", "notes_ack:\n  - microsoft\ntranslation:"))
    briefing, problems = read_briefing(path)
    assert problems == [] and briefing is not None
    assert briefing.notes_ack == ["microsoft"]
    again, _ = read_briefing(path, text=dump_briefing(briefing))
    assert again is not None and again.notes_ack == ["microsoft"]


def test_the_published_briefings_leave_no_name_unlisted(cli):
    """Every name the five briefings' originals use is listed or acknowledged."""
    run = cli("check", "--strict", cwd=ROOT)
    assert (run.code, run.err) == (0, "")
    loose = cli("check", cwd=ROOT)
    assert [line for line in loose.out.splitlines() if ": note: " in line] == []
