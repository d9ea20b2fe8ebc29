"""``check``: every rule, with the exact ``path:line: message`` and exit code a contributor sees."""

from __future__ import annotations

from pathlib import Path

import pytest

GOOD = """\
---
id: good-briefing
date: 2024-06-03
date_basis: published
language: en
source:
  name: Example News
  url: https://example.com/a
seed: seeds/000_9383764b6e2d7e5b.txt
title:
  en: Rainfall in a small town
  zh: 小镇的降雨
summary:
  en: ''
  zh: ''
tags:
  - open-source
entities:
  - openai
translation:
  en: original
  zh: reviewed
---

en: The first paragraph of a synthetic briefing about quarterly rainfall in a small mountain town.
zh: 一篇关于山区小镇季度降雨量的测试简报的第一段。
"""
ALLOWED = ("id, date, date_basis, language, source, seed, title, summary, key_points, tags, entities, "
           "translation, editor_note, notes_ack")


def _write(folder: Path, text: str, name: str = "good-briefing.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_briefing_passes(cli, tmp_path: Path):
    _write(tmp_path, GOOD)
    run = cli("check", "good-briefing.md")
    # Valid, so the check passes; what an editor still has to write is listed, without failing.
    assert (run.code, run.err) == (0, "")
    assert run.out.splitlines() == [
        "good-briefing.md:2: to do: 'key_points.en': empty; list three to five key points",
        "good-briefing.md:2: to do: 'key_points.zh': empty; list three to five key points",
        "good-briefing.md:14: to do: 'summary.en': empty; write two or three sentences "
        "from the article's facts",
        "good-briefing.md:15: to do: 'summary.zh': empty; write two or three sentences "
        "from the article's facts",
        "1 briefing OK; 1 still has work to do",
    ]
    finished = GOOD.replace("  en: ''\n  zh: ''\n", "  en: A short summary.\n  zh: 简短的摘要。\n", 1)
    finished = finished.replace(
        "tags:", "key_points:\n  en:\n    - One point.\n  zh:\n    - 一个要点。\ntags:", 1)
    _write(tmp_path, finished)
    run = cli("check", "--strict", "good-briefing.md")
    assert (run.code, run.out, run.err) == (0, "1 briefing OK\n", "")


@pytest.mark.parametrize(("old", "new", "message"), [
    # malformed YAML: PyYAML's own words, at the line of the mistake
    ("language: en\n", "language: en: x\n",
     "good-briefing.md:5: invalid YAML: mapping values are not allowed here"),
    # missing field
    ("date: 2024-06-03\n", "",
     "good-briefing.md:1: 'date': missing; every briefing needs id, date, language, title, translation"),
    # wrong types
    ("tags:\n  - open-source\n", "tags: open-source\n",
     "good-briefing.md:16: 'tags': expected a list of taxonomy ids"),
    ("  en: Rainfall in a small town\n", "  en: [42]\n",
     "good-briefing.md:11: 'title.en': expected text, got a list"),
    ("date: 2024-06-03\n", "date: 3 June 2024\n",
     "good-briefing.md:3: 'date': expected YYYY-MM-DD, got '3 June 2024'"),
    # a date that does not exist
    ("date: 2024-06-03\n", "date: 2024-02-30\n", "good-briefing.md:3: 'date': 2024-02-30 is not a real date"),
    # tags and entities must be known, and of the right kind
    ("  - open-source\n", "  - quantum-widgets\n",
     "good-briefing.md:17: 'tags': 'quantum-widgets' is not in the taxonomy; "
     "add it to build_tools/data/taxonomy.yaml or use a known id"),
    ("  - open-source\n", "  - openai\n",
     "good-briefing.md:17: 'tags': 'openai' is an organisation, not a topic; list it under 'entities'"),
    ("  - openai\n", "  - open-source\n",
     "good-briefing.md:19: 'entities': 'open-source' is a topic, not an entity; list it under 'tags'"),
    # seeds stay inside seeds/
    ("seed: seeds/000_9383764b6e2d7e5b.txt\n", "seed: ../etc/passwd\n",
     "good-briefing.md:9: 'seed': expected a relative path inside seeds/ (no '..', not absolute), "
     "got '../etc/passwd'"),
    ("seed: seeds/000_9383764b6e2d7e5b.txt\n", "seed: /etc/passwd\n",
     "good-briefing.md:9: 'seed': expected a relative path inside seeds/ (no '..', not absolute), "
     "got '/etc/passwd'"),
    ("seed: seeds/000_9383764b6e2d7e5b.txt\n", "seed: seeds/../../etc/passwd\n",
     "good-briefing.md:9: 'seed': expected a relative path inside seeds/ (no '..', not absolute), "
     "got 'seeds/../../etc/passwd'"),
    ("seed: seeds/000_9383764b6e2d7e5b.txt\n", "seed: seeds/missing.txt\n",
     "good-briefing.md:9: 'seed': seeds/missing.txt does not exist"),
    # a reviewed translation must be complete and aligned
    ("zh: 一篇关于山区小镇季度降雨量的测试简报的第一段。\n", "",
     "good-briefing.md:25: paragraph has no 'zh:' text but translation.zh is 'reviewed'; "
     "translate it, or set translation.zh to pending"),
    ("en: The first", "## en: The first",
     "good-briefing.md:25: the lines of one paragraph use different markers ('', '## '); "
     "use the same for both"),
    # unknown keys, at every level
    ("date_basis: published\n", "date_basis: published\ncolour: blue\n",
     f"good-briefing.md:5: 'colour': unknown key; allowed keys: {ALLOWED}"),
    ("  url: https://example.com/a\n", "  url: https://example.com/a\n  author: Jane\n",
     "good-briefing.md:9: 'source.author': unknown key; allowed keys: name, url"),
    ("  zh: 小镇的降雨\n", "  zh: 小镇的降雨\n  fr: Pluie\n",
     "good-briefing.md:13: 'title.fr': unknown language; use 'en' and 'zh' (Traditional is generated)"),
    # duplicate keys are a mistake, not "the last one wins"
    ("date_basis: published\n", "date_basis: published\ndate: 2024-06-04\n",
     "good-briefing.md:5: 'date': duplicate key"),
    ("translation:\n  en: original\n", "translation:\n  en: reviewed\n",
     "good-briefing.md:21: 'translation.en': the article was written in en, so 'en' must be 'original'"),
])
def test_each_problem_is_reported_exactly(cli, tmp_path: Path, old: str, new: str, message: str):
    assert old in GOOD
    _write(tmp_path, GOOD.replace(old, new, 1))
    run = cli("check", "good-briefing.md")
    assert run.code == 1
    assert run.out == ""
    assert run.err == f"{message}\n1 problem in 1 file\n"


def test_misaligned_block_while_reviewed(cli, tmp_path: Path):
    _write(tmp_path, GOOD.replace("zh: 一篇关于山区小镇季度降雨量的测试简报的第一段。\n",
                                  "en: A second English line in the same block.\n"))
    run = cli("check", "good-briefing.md")
    assert (run.code, run.err.splitlines()) == (1, [
        "good-briefing.md:25: paragraph has no 'zh:' text but translation.zh is 'reviewed'; "
        "translate it, or set translation.zh to pending",
        "good-briefing.md:26: second 'en:' line in one paragraph; separate paragraphs with a blank line",
        "2 problems in 1 file",
    ])


def test_duplicate_id_in_two_folders(cli, tmp_path: Path):
    _write(tmp_path / "a", GOOD)
    other = GOOD.replace("quarterly rainfall in a small mountain town",
                         "the opening hours of a public library")
    _write(tmp_path / "b", other.replace("山区小镇季度降雨量", "公共图书馆开放时间"))
    run = cli("check", "a", "b")
    assert run.code == 1
    assert run.err == ("b/good-briefing.md:2: 'id': 'good-briefing' is already used by a/good-briefing.md; "
                       "ids must be unique\n1 problem in 1 file\n")


def test_id_must_match_the_file_name(cli, tmp_path: Path):
    _write(tmp_path, GOOD, name="rainfall.md")
    run = cli("check", "rainfall.md")
    assert (run.code, run.err) == (1, "rainfall.md:2: 'id': 'good-briefing' does not match the file name "
                                      "'rainfall.md'; rename the file to 'good-briefing.md' "
                                      "or change the id\n"
                                      "1 problem in 1 file\n")


def test_every_problem_of_every_file_is_reported_before_stopping(cli, tmp_path: Path):
    _write(tmp_path, GOOD.replace("date: 2024-06-03", "date: 2024-13-01").replace("- open-source", "- nope"))
    _write(tmp_path, "no front matter\n", name="broken.md")
    run = cli("check", ".")
    assert run.code == 1
    assert run.err.splitlines() == [
        "broken.md:1: expected '---' to open the YAML front matter",
        "good-briefing.md:3: 'date': 2024-13-01 is not a real date",
        "good-briefing.md:17: 'tags': 'nope' is not in the taxonomy; "
        "add it to build_tools/data/taxonomy.yaml or use a known id",
        "3 problems in 2 files",
    ]


def test_a_draft_with_the_translation_pending_is_valid(cli, tmp_path: Path):
    draft = GOOD.replace("  zh: reviewed", "  zh: pending").replace(
        "zh: 一篇关于山区小镇季度降雨量的测试简报的第一段。\n", "")
    _write(tmp_path, draft.replace("  zh: 小镇的降雨\n", "  zh: ''\n"))
    assert cli("check", "good-briefing.md").code == 0
    strict = cli("check", "--strict", "good-briefing.md")
    assert (strict.code, strict.err.splitlines()) == (1, [
        "good-briefing.md:2: 'key_points.en': empty; list three to five key points",
        "good-briefing.md:14: 'summary.en': empty; write two or three sentences from the article's facts",
        "good-briefing.md:20: 'translation.zh': still 'pending'; --strict requires every language reviewed",
        "3 problems in 1 file",
    ])


def test_binary_and_non_utf8_files(cli, tmp_path: Path):
    (tmp_path / "bin.md").write_bytes(b"\x00\x01\x02")
    (tmp_path / "gbk.md").write_bytes("---\nid: 简报\n---\n".encode("gbk"))
    run = cli("check", "bin.md", "gbk.md")
    assert run.err.splitlines() == [
        "bin.md: binary file; a briefing is UTF-8 text",
        "gbk.md:2: not valid UTF-8; save the file as UTF-8",
        "2 problems in 2 files",
    ]
