"""Control characters, lone surrogates and bidirectional controls never reach a page or a feed.

YAML escapes put any code point in a front matter value; a raw one can sit in the body. ``check`` and the
build refuse them in every text field with ``path:line: message`` (before, a feed was no longer XML and a
lone surrogate stopped the build with a traceback).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.sites import FIXTURES, build

NOTE = "remove it (text may hold no control characters, lone surrogates or bidirectional controls)"
BRIEFING = """\
---
id: odd-characters
date: 2024-06-03
language: en
source:
  name: Example News
  url: https://example.com/a
title:
  en: Rainfall in a small town
  zh: 小镇的降雨
key_points:
  en: [It rained.]
  zh: [下雨了。]
editor_note:
  en: A note.
  zh: 一条按语。
translation:
  en: original
  zh: reviewed
---

en: The first paragraph of a synthetic briefing about quarterly rainfall in a small mountain town.
zh: 一篇关于山区小镇季度降雨量的测试简报的第一段。
"""


@pytest.mark.parametrize(("old", "new", "message"), [
    ("  en: Rainfall in a small town", '  en: "A\\x01B"',
     "odd-characters.md:9: 'title.en': holds a control character U+0001 at character 2; " + NOTE),
    ("  zh: 一条按语。", '  zh: "\\x0c"',
     "odd-characters.md:16: 'editor_note.zh': holds a control character U+000C at character 1; " + NOTE),
    ("  name: Example News", '  name: "Example \\ud800"',
     "odd-characters.md:6: 'source.name': holds a lone surrogate U+D800 at character 9; " + NOTE),
    ("  en: [It rained.]", '  en: ["It \\u202eniar"]',
     "odd-characters.md:12: 'key_points.en[0]': holds a bidirectional control U+202E at character 4; "
     + NOTE),
    ("en: The first paragraph", "en: The \x7ffirst paragraph",
     "odd-characters.md:22: paragraph ('en:' text) holds a control character U+007F at character 5; "
     + NOTE),
    ("zh: 一篇", "zh: \u2067一篇",
     "odd-characters.md:22: paragraph ('zh:' text) holds a bidirectional control U+2067 at character 1; "
     + NOTE),
])
def test_check_refuses_characters_that_cannot_be_published(cli, tmp_path: Path, old: str, new: str,
                                                            message: str):
    assert old in BRIEFING
    (tmp_path / "odd-characters.md").write_text(BRIEFING.replace(old, new, 1), encoding="utf-8")
    run = cli("check", "odd-characters.md")
    assert (run.code, run.out) == (1, "")
    assert run.err == f"{message}\n1 problem in 1 file\n"


def test_the_build_refuses_a_lone_surrogate_without_a_traceback(tmp_path: Path):
    """The build reports the same problem and writes no site, instead of crashing while writing a page."""
    briefings = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "briefings", briefings)
    odd = BRIEFING.replace("  en: Rainfall in a small town", '  en: "Rain \\ud800"')
    (briefings / "odd-characters.md").write_text(odd, encoding="utf-8")
    site = tmp_path / "site"
    built = build(site, briefings=briefings)
    assert built.returncode != 0
    assert "odd-characters.md:9: 'title.en': holds a lone surrogate U+D800 at character 6" in built.stderr, \
        built.stderr[-3000:]
    assert "Traceback" not in built.stderr, built.stderr[-3000:]
    assert not (site / "index.html").exists()
