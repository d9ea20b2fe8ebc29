"""The language table: every part reads it, and a fourth language is a row, its strings and one config."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from build_tools.convert import CONFIG as OPENCC_PROFILE
from build_tools.site.language import LANGUAGES, STRINGS, language_of_path, other_languages, root_language
from build_tools.site.linkcheck import check_site
from tests.support.sites import FIXTURES, ROOT, copy_project


def test_every_row_is_complete_and_has_its_project() -> None:
    assert root_language().code == "en" and root_language().config_file == "mkdocs.yml"
    for lang in LANGUAGES.values():
        assert lang.prefix in ("", f"{lang.code}/"), lang
        assert lang.opencc in (None, OPENCC_PROFILE), lang  # the one profile convert.py applies
        assert (ROOT / lang.config_file).is_file(), lang
    for lang in other_languages():
        text = (ROOT / lang.config_file).read_text(encoding="utf-8")
        assert "INHERIT: mkdocs.yml" in text and f"language: {lang.code}\n" in text


def test_every_string_has_an_english_text_to_fall_back_on() -> None:
    assert [key for key, row in STRINGS.items() if not row.get("en")] == []
    assert [key for key, row in STRINGS.items() for code in row if code not in LANGUAGES] == []


def test_paths_belong_to_the_language_of_their_prefix() -> None:
    assert language_of_path("zh-hant/briefings/x/")[0].code == "zh-hant"
    assert language_of_path("zh/briefings/x/") == (LANGUAGES["zh"], "briefings/x/")
    assert language_of_path("zhx/index.html")[0].code == "en"


# What a fourth language takes: a row of the table and its strings (here added by a small program
# around `mkdocs`, as a patch to build_tools/site/language.py would add them), and mkdocs.ja.yml.
_WITH_JAPANESE = textwrap.dedent('''
    import sys
    from build_tools.site import language

    language.LANGUAGES["ja"] = language.SiteLanguage(
        "ja", "日本語", "ja/", "ja", "ja", "ja_JP", "en",
        date_format="{year}年{month}月{day}日", month_format="{year}年{month}月")
    language.STRINGS["home.latest"]["ja"] = "最新のブリーフィング"
    language.STRINGS["site.name"]["ja"] = "AI ブリーフィング"
    language.STRINGS["404.title"]["ja"] = "ページが見つかりません"

    from mkdocs.__main__ import cli
    cli.main(args=sys.argv[1:], prog_name="mkdocs")
''')
_JAPANESE_CONFIG = textwrap.dedent("""\
    # The Japanese site (/ja/): the interface in Japanese, the briefings in English.
    INHERIT: mkdocs.yml
    site_name: AI ブリーフィング
    docs_dir: docs/en
    site_dir: site/ja
    theme:
      language: ja
    plugins:
      ai-briefing:
        language: ja
""")


@pytest.fixture(scope="module")
def four_languages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site built with a fourth language, Japanese (interface only)."""
    project = copy_project(tmp_path_factory.mktemp("four-languages"))
    (project / "mkdocs.ja.yml").write_text(_JAPANESE_CONFIG, encoding="utf-8")
    env = {**os.environ, "AI_BRIEFING_BRIEFINGS": str(FIXTURES / "briefings"),
           "AI_BRIEFING_TAXONOMY": str(FIXTURES / "taxonomy.yaml"), "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": str(ROOT)}
    env.pop("SOURCE_DATE_EPOCH", None)
    site = project / "site"
    result = subprocess.run(
        [sys.executable, "-c", _WITH_JAPANESE, "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


@pytest.mark.slow
def test_a_fourth_language_is_a_row_its_strings_and_one_config(four_languages: Path) -> None:
    site = four_languages
    home = (site / "ja" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ja"' in home
    assert "最新のブリーフィング" in home  # its own string
    assert "Most active topics" in home  # a string it does not have: English, its strings_from
    assert '<meta property="og:locale" content="ja_JP">' in home
    assert '<link rel="alternate" href="../" hreflang="en">' in home
    # Every other language links to it, in the switcher and the head.
    for prefix in ("", "zh/", "zh-hant/"):
        page = (site / prefix / "index.html").read_text(encoding="utf-8")
        assert 'hreflang="ja" lang="ja"' in page and "日本語" in page, prefix
        assert '<meta property="og:locale:alternate" content="ja_JP">' in page, prefix
    # Its feed, its sitemap, the hreflang alternates of the others', robots.txt.
    channel = ET.parse(site / "ja" / "feed.xml").getroot().find("channel")
    assert channel is not None and channel.findtext("language") == "ja"
    assert channel.findtext("title") == "AI ブリーフィング"
    assert json.loads((site / "ja" / "feed.json").read_text(encoding="utf-8"))["language"] == "ja"
    assert 'hreflang="ja"' in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://ai-briefing.example.org/ja/</loc>" in (site / "ja" / "sitemap.xml").read_text(
        encoding="utf-8")
    assert "ja/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    assert "ページが見つかりません" in (site / "404.html").read_text(encoding="utf-8")
    # No link leaves its language, none is broken.
    assert [str(p) for p in check_site(site)] == []
