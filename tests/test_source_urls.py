"""A source URL names the outlet it leads to: ``https://reuters.com@evil.example/`` leads to evil.example.

The part before ``@`` is a user name, not the host; a label built from the text of the URL showed
"reuters.com@evil.example" over a link to evil.example. Such URLs are refused by check, never linked,
and a label is made from the parsed host only.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from build_tools.model import Source
from build_tools.site.collect import load_corpus
from build_tools.site.language import LANGUAGES
from build_tools.site.render import DEFAULT_REPOSITORY_LINKS, briefing_page, safe_url

FIXTURES = Path(__file__).parent / "fixtures"
BRIEFING = """\
---
id: spoofed-source
date: 2024-06-03
language: en
source:
  url: https://reuters.com@evil.example/
title:
  en: Rainfall in a small town
translation:
  en: original
  zh: pending
---

en: The first paragraph of a synthetic briefing about quarterly rainfall in a small mountain town.
"""


def test_check_refuses_a_user_name_before_the_host(cli, tmp_path: Path):
    (tmp_path / "spoofed-source.md").write_text(BRIEFING, encoding="utf-8")
    run = cli("check", "spoofed-source.md")
    assert run.code == 1
    assert run.err.splitlines() == [
        "spoofed-source.md:6: 'source.url': 'reuters.com@' is a user name, not the host: this address leads "
        "to evil.example; give the article's own address", "1 problem in 1 file"]


def _source_line(source: Source) -> str:
    corpus = load_corpus(FIXTURES / "briefings", FIXTURES / "taxonomy.yaml")
    b = dataclasses.replace(corpus.by_id["altman-open-source"], source=source)
    html = briefing_page(b, LANGUAGES["en"], corpus.taxonomy, corpus.relations, corpus.by_id,
                         DEFAULT_REPOSITORY_LINKS).html
    match = re.search(r'<p class="briefing-source"[^>]*>.*?</p>', html)
    assert match
    return match.group(0)


def test_a_url_with_a_user_name_is_never_linked_nor_named():
    assert safe_url("https://reuters.com@evil.example/") is None
    line = _source_line(Source(None, "https://reuters.com@evil.example/"))
    assert "reuters.com" not in line and "evil.example" not in line
    assert 'data-source="unknown"' in line


@pytest.mark.parametrize(("url", "label"), [
    ("https://www.Example.org:8443/a?b=c", "example.org"),
    ("http://news.example.com/x/y", "news.example.com"),
])
def test_the_label_is_the_parsed_host(url: str, label: str):
    line = _source_line(Source(None, url))
    assert f'<span class="briefing-source__outlet">{label}</span>' in line
