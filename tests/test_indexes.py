"""Indexes over the whole set: order in time, related briefings, topics, home, archive, glossary."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType, ModuleType

import pytest

from build_tools.briefing.taxonomy import Taxonomy
from build_tools.model import Bilingual, Briefing, Entry
from build_tools.site import relations
from build_tools.site.collect import Corpus, load_corpus
from build_tools.site.indexes import render_glossary, render_home, render_topic, render_topic_index
from build_tools.site.language import LANGUAGES
from build_tools.site.relations import POSTING_WINDOW, RELATED_COUNT, build_relations, update_relations

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(FIXTURES / "briefings", FIXTURES / "taxonomy.yaml")


def test_timeline_neighbours_postings_and_months(corpus: Corpus) -> None:
    rel = corpus.relations
    dates = [corpus.by_id[i].date for i in rel.timeline]
    assert dates == sorted(dates, reverse=True) and len(rel.timeline) == len(corpus.briefings)
    for newer, older in zip(rel.timeline, rel.timeline[1:], strict=False):
        assert rel.older[newer] == older and rel.newer[older] == newer
    assert rel.newer[rel.timeline[0]] is None and rel.older[rel.timeline[-1]] is None
    for key, ids in rel.postings.items():
        assert ids == [i for i in rel.timeline if key in corpus.by_id[i].tags + corpus.by_id[i].entities]
    assert list(rel.months) == sorted(rel.months, reverse=True)
    assert sum(len(v) for v in rel.months.values()) == len(corpus.briefings)


def test_related_prefers_shared_entities_over_shared_topics(corpus: Corpus) -> None:
    # board-crisis shares two people/organisations with altman-open-source; gpt-4o-race one organisation
    # and one topic; hostile-text one topic only.
    assert corpus.relations.related["altman-open-source"] == ["board-crisis", "gpt-4o-race", "hostile-text"]
    for bid, related in corpus.relations.related.items():
        assert bid not in related and len(related) <= RELATED_COUNT


def _synthetic(n: int) -> tuple[list[Briefing], Taxonomy]:
    tax = Taxonomy({"common": Entry("common", "topic", "Common", "常见")})
    start = dt.date(2020, 1, 1)
    briefings = [
        Briefing(
            id=f"b{i:05d}",
            date=start + dt.timedelta(days=i),
            language="en",
            title=Bilingual(f"Title {i}", f"标题{i}"),
            tags=["common"],
        )
        for i in range(n)
    ]
    return briefings, tax


def test_related_is_looked_up_among_neighbours_in_time_only() -> None:
    briefings, tax = _synthetic(400)
    rel = build_relations(briefings, tax)
    # With one topic shared by all and equal similarity, the related briefings are the nearest in time
    # (a tie in distance goes to the smaller id).
    assert rel.related["b00200"] == ["b00199", "b00201", "b00198", "b00202", "b00197"]
    for bid, related in rel.related.items():
        for other in related:
            assert abs(int(other[1:]) - int(bid[1:])) <= POSTING_WINDOW


def test_updated_relations_equal_relations_made_afresh() -> None:
    briefings, tax = _synthetic(400)
    briefings = [dataclasses.replace(b, title=Bilingual(f"{b.title.en} {WORDS[i % 5]}", b.title.zh))
                 for i, b in enumerate(briefings)]
    before = build_relations(briefings, tax)
    edited = list(briefings)
    # Text edits (related lists change) and, last, a date edit (every index changes).
    for i, title in ((200, "Title 230 quantum"), (10, "Title 11 robots chips"), (399, "Title 0")):
        edited[i] = dataclasses.replace(edited[i], title=Bilingual(title, "新标题"))
        fresh = build_relations(edited, tax)
        assert update_relations(edited, tax, briefings, before) == fresh
    assert fresh.related != before.related
    edited[5] = dataclasses.replace(edited[5], date=dt.date(2030, 1, 1))
    assert update_relations(edited, tax, briefings, before) == build_relations(edited, tax)
    assert update_relations(briefings, tax, briefings, before) == before


WORDS = ["quantum", "robots", "chips", "vision", "speech"]


def _lines_run(module: ModuleType, work: Callable[[], object]) -> int:
    """How many lines of ``module``'s code ``work()`` executes: its work, counted, not timed."""
    count = 0

    def in_module(frame: FrameType, event: str, arg: object) -> Callable[..., object] | None:
        return count_line if frame.f_code.co_filename == module.__file__ else None

    def count_line(frame: FrameType, event: str, arg: object) -> Callable[..., object]:
        nonlocal count
        count += event == "line"
        return count_line

    sys.settrace(in_module)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def test_relations_grow_linearly() -> None:
    """Four times the briefings, about four times the work; comparing all pairs would be sixteen."""
    small, tax = _synthetic(200)
    large, _ = _synthetic(800)
    # Above POSTING_WINDOW briefings on one posting list, so that a pass over all pairs shows.
    assert len(small) > 4 * POSTING_WINDOW
    small_work = _lines_run(relations, lambda: build_relations(small, tax))
    large_work = _lines_run(relations, lambda: build_relations(large, tax))
    assert large_work < 5 * small_work, f"{small_work} lines run for 200 briefings, {large_work} for 800"


def test_home_lists_latest_briefings_with_summaries(corpus: Corpus) -> None:
    lang = LANGUAGES["en"]
    page = render_home(lang, corpus.taxonomy, corpus.relations, corpus.by_id)
    positions = [page.index(f'data-briefing-id="{bid}"') for bid in corpus.relations.timeline]
    assert positions == sorted(positions)
    assert "Multimodal interaction is the new focus of competition" in page
    assert 'href="archive/"' in page and 'href="topics/"' in page
    assert (
        'data-topic="open-source" href="topics/open-source/">Open source <span class="chip__count">3</span>'
        in page
    )


def test_topic_page_has_both_labels_timeline_aliases_and_related(corpus: Corpus) -> None:
    entry = corpus.taxonomy.get("sam-altman")
    page = render_topic(entry, LANGUAGES["zh"], corpus.taxonomy, corpus.relations, corpus.by_id)
    assert '萨姆·奥尔特曼 <span class="other-label" lang="en">Sam Altman</span></h1>' in page
    assert page.index("altman-open-source") < page.index("board-crisis")  # newest first
    assert "2025年2月" in page and "2023年11月" in page
    assert "奥特曼" in page.split('class="topic-aliases"')[1].split("</p>")[0]
    related = page.split('class="related-topics"')[1]
    assert 'data-entity="openai" href="../openai/">OpenAI <span class="chip__count">2</span>' in related
    topic = render_topic(
        corpus.taxonomy.get("open-source"), LANGUAGES["en"], corpus.taxonomy, corpus.relations, corpus.by_id
    )
    assert "topic-aliases" not in topic  # aliases are shown for entities


def test_topic_index_counts(corpus: Corpus) -> None:
    page = render_topic_index(LANGUAGES["en"], corpus.taxonomy, corpus.relations)
    for entry in corpus.taxonomy:
        n = sum(entry.id in b.tags + b.entities for b in corpus.briefings)
        assert f'data-topic-id="{entry.id}">' in page
        item = page.split(f'data-topic-id="{entry.id}">')[1].split("</li>")[0]
        assert item.endswith(f'<span class="count">{n}</span>'), (entry.id, item)


def test_glossary_gives_every_term_in_three_scripts(corpus: Corpus) -> None:
    for code in LANGUAGES:
        page = render_glossary(LANGUAGES[code], corpus.taxonomy)
        for entry in corpus.taxonomy:
            row = page.split(f'<tr id="term-{entry.id}"')[1].split("</tr>")[0]
            assert f">{entry.en}</a></td>" in row and f'<td lang="zh-Hans">{entry.zh}</td>' in row
        row = page.split('<tr id="term-sam-altman"')[1].split("</tr>")[0]
        assert '<td lang="zh-Hant">山姆·奧特曼</td>' in row  # the official form, not OpenCC's
        row = page.split('<tr id="term-large-language-models"')[1].split("</tr>")[0]
        assert '<td lang="zh-Hant">大語言模型</td>' in row
