"""The bench's Hugo + Pagefind peer: its Hugo project holds the corpus in three languages, and Hugo builds it.

Not timed: these check what the peer builds and that its measurement is made, never how fast.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from bench import corpus, hugo_peer
from bench.targets import peer_targets
from build_tools.briefing.taxonomy import load_taxonomy
from build_tools.model import Briefing, Paragraph
from build_tools.site.language import LANGUAGES

needs_hugo = pytest.mark.skipif(not hugo_peer.available(),
                                reason="hugo is not installed: `make bench-deps` installs Debian's")
# Text that must reach the page as text: HTML and Markdown syntax in an article paragraph.
HOSTILE_EN = "<script>alert(1)</script> *not emphasis* [a link](http://example.com) |x|"
HOSTILE_ZH = "<b>粗体</b>与*星号*"


def _briefings() -> list[Briefing]:
    briefings = [corpus.make_briefing(i) for i in range(3)]
    briefings[0].paragraphs.append(Paragraph("p", en=HOSTILE_EN, zh=HOSTILE_ZH))
    return briefings


def _front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    front, end = json.JSONDecoder().raw_decode(text)
    return front, text[end:]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> tuple[Path, list[Briefing]]:
    briefings = _briefings()
    root = tmp_path_factory.mktemp("hugo") / "project"
    hugo_peer.write_project(briefings, root)
    return root, briefings


def test_markdown_text_keeps_markup_as_text():
    assert hugo_peer.markdown_text("1. *a* <b>&") == "1\\. \\*a\\* &lt;b&gt;&amp;"
    assert hugo_peer.markdown_text("- not a list,\n  one line") == "\\- not a list, one line"
    assert hugo_peer.markdown_text("# no heading [x](y)") == "\\# no heading \\[x\\](y)"


def test_project_holds_every_briefing_and_term_in_three_languages(project):
    root, briefings = project
    config = json.loads((root / "hugo.json").read_text(encoding="utf-8"))
    assert list(config["languages"]) == ["en", "zh", "zh-hant"]
    assert config["taxonomies"] == {"topic": "topics", "entity": "entities"}
    assert {p.name for p in (root / "layouts" / "_default").iterdir()} == {
        "baseof.html", "single.html", "list.html", "taxonomy.html", "term.html"}
    tax = load_taxonomy()
    for code, lang in LANGUAGES.items():
        content = root / "content" / code
        assert (content / "_index.md").is_file() and (content / "briefings" / "_index.md").is_file()
        for b in briefings:
            front, body = _front_matter(content / "briefings" / f"{b.id}.md")
            assert front["title"] == lang.pick(b.title) and front["date"] == b.date.isoformat()
            assert front["topics"] == b.tags and front["entities"] == b.entities
            assert body.count("\n\n") >= len(b.paragraphs) // 2  # the article, a block per paragraph
            for key in b.tags:
                term, _ = _front_matter(content / "topics" / key / "_index.md")
                assert term["title"] == lang.label(tax.get(key))
            for key in b.entities:
                assert (content / "entities" / key / "_index.md").is_file()


def test_traditional_text_is_converted_before_the_build(project):
    root, briefings = project
    hans, hant = LANGUAGES["zh"], LANGUAGES["zh-hant"]
    titles = [(_front_matter(root / "content" / "zh" / "briefings" / f"{b.id}.md")[0]["title"],
               _front_matter(root / "content" / "zh-hant" / "briefings" / f"{b.id}.md")[0]["title"])
              for b in briefings]
    assert titles == [(hans.pick(b.title), hant.pick(b.title)) for b in briefings]
    assert any(simplified != traditional for simplified, traditional in titles)


@needs_hugo
def test_hugo_builds_the_pages_of_each_language(project, tmp_path):
    root, briefings = project
    public = tmp_path / "public"
    command = ["hugo", "--quiet", "--source", str(root), "--destination", str(public),
               "--cacheDir", str(tmp_path / "cache")]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    for code, lang in LANGUAGES.items():
        site = public / lang.prefix
        home = (site / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang.html_lang}">' in home
        for b in briefings:
            page = (site / "briefings" / b.id / "index.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang.html_lang}">' in page
            assert lang.pick(b.title).split()[0] in page, code
            assert b.id in home  # the home lists all three
            topic = site / "topics" / b.tags[0] / "index.html"
            assert f"/briefings/{b.id}/" in topic.read_text(encoding="utf-8")
    english = (public / "briefings" / briefings[0].id / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *not emphasis* [a link](http://example.com)" in english
    assert "<script" not in english and "<em>not emphasis" not in english
    chinese = (public / "zh" / "briefings" / briefings[0].id / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;粗体&lt;/b&gt;与*星号*" in chinese


@needs_hugo
def test_measure_peer_times_hugo_and_pagefind_on_a_corpus(tmp_path):
    written = corpus.write_corpus(tmp_path / "corpus", 3)
    result = hugo_peer.measure_peer(written.root / "briefings", tmp_path / "peer")
    assert "error" not in result, result.get("error")
    assert result["hugo"]["returncode"] == 0 and result["pagefind"]["returncode"] == 0
    assert result["languages_indexed"] == ["en", "zh-hans", "zh-hant"]
    assert all(result["pages"][code] >= 3 for code in LANGUAGES)
    for step in ("hugo", "pagefind"):
        assert result[step]["seconds"] > 0 and result[step]["peak_pss_mib"] > 0
    assert result["seconds"] == pytest.approx(result["hugo"]["seconds"] + result["pagefind"]["seconds"])
    assert (tmp_path / "peer" / "project" / "public" / "pagefind" / "pagefind-entry.json").is_file()


def test_the_peer_target_is_the_measured_ratio_else_the_recorded_range():
    def size(n: int, seconds: float, peer: float | None) -> dict:
        s = {"n": n, "build": {"seconds": seconds, "cpu_seconds": seconds * 1.5}}
        return s | ({"hugo_peer": {"seconds": peer, "cpu_seconds": peer}} if peer else {})

    rows = peer_targets([size(1000, 30.0, 20.0), size(3000, 100.0, 40.0)], None)
    assert [(r["target"], r["value"], r["status"]) for r in rows] == [
        ("build / (Hugo + Pagefind) at N=1000", 1.5, "PASS"),
        ("(info) build / (Hugo + Pagefind) in CPU seconds at N=1000", 2.25, "info"),
        ("build / (Hugo + Pagefind) at N=3000", 2.5, "FAIL"),
        ("(info) build / (Hugo + Pagefind) in CPU seconds at N=3000", 3.75, "info"),
    ]
    recorded = peer_targets([size(1000, 39.2, None)], size(1000, 39.2, None))
    assert [(r["value"], r["status"]) for r in recorded] == [("2.00-3.14", "info")]
