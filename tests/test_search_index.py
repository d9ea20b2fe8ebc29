"""The search index: records made from the corpus, and Pagefind's real indexing service writing them.

Records are checked as Pagefind reads them back (its fragments), not as strings we made: what a
search can find and show. Run: ``.venv/bin/python -m pytest tests/test_search_index.py``.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from build_tools.convert import to_simplified, to_traditional
from build_tools.site import search_index
from build_tools.site.collect import Corpus, load_corpus
from build_tools.site.language import LANGUAGES

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(FIXTURES / "briefings", FIXTURES / "taxonomy.yaml")


def _indexed(tmp_path: Path, corpus: Corpus, lang: str, briefings=None) -> dict[str, dict]:
    """Index ``briefings`` (default: the corpus) for ``lang``; return Pagefind's pages by URL."""
    language = LANGUAGES[lang]
    records = search_index.records(briefings or corpus.briefings, corpus.taxonomy, language)
    search_index.write_index(tmp_path, language, records)
    return {str(p["url"]): p for p in search_index.read_fragments(tmp_path / "pagefind")}


def _content(page: dict) -> str:
    # Pagefind keeps the zero-width spaces it put between the Chinese words it segmented.
    return str(page["content"]).replace("\u200b", "")


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_briefing_is_indexed_whole_once_with_every_name(tmp_path: Path, corpus: Corpus,
                                                             lang: str) -> None:
    pages = _indexed(tmp_path, corpus, lang)
    language = LANGUAGES[lang]
    for b in corpus.briefings:
        page = pages[f"briefings/{b.id}/"]
        column = search_index.indexed_column(b, language)
        text = _content(page)
        # Every paragraph of the article, to the last, in the site's script.
        for p in b.paragraphs:
            assert language.column(column, p.text(column)) in text, (lang, b.id, p.line)
        assert page["meta"]["title"] == language.pick(b.title)
    text = _content(pages["briefings/altman-open-source/"])
    for name in ("Sam Altman", "Altman", "萨姆·奥尔特曼", "奥尔特曼", "奥特曼"):
        assert name in text, (lang, name)
    assert ("奧特曼" in text) == (lang == "zh-hant")
    # Topic and entity pages are indexed too; home, archive and the topic index are not.
    assert "topics/sam-altman/" in pages and "" not in pages and "topics/" not in pages


def test_filters_and_sort_are_in_the_readers_language(tmp_path: Path, corpus: Corpus) -> None:
    pages = _indexed(tmp_path, corpus, "zh-hant")
    b = corpus.by_id["board-crisis"]
    page = pages["briefings/board-crisis/"]
    hant = LANGUAGES["zh-hant"]
    assert page["filters"]["year"] == [str(b.date.year)]
    assert sorted(page["filters"]["topic"]) == sorted(hant.label(corpus.taxonomy.get(t)) for t in b.tags)
    assert sorted(page["filters"]["name"]) == sorted(hant.label(corpus.taxonomy.get(e)) for e in b.entities)
    assert page["meta"]["date"] == hant.date(b.date)
    # One name per entity, the reader's own: not every alias.
    assert "Sam Altman" not in page["filters"]["name"]


def test_hostile_text_is_indexed_as_text(tmp_path: Path, corpus: Corpus) -> None:
    b = corpus.by_id["board-crisis"]
    hostile = "<script>alert(1)</script> & <img src=x onerror=alert(2)> Zorblax"
    changed = dataclasses.replace(b, title=dataclasses.replace(b.title, en=hostile),
                                  paragraphs=[dataclasses.replace(b.paragraphs[0], en=hostile)])
    pages = _indexed(tmp_path, corpus, "en", [changed])
    page = pages["briefings/board-crisis/"]
    assert page["meta"]["title"] == hostile  # shown with textContent by the search box
    assert hostile in page["content"]


def test_a_new_index_replaces_the_old_whole_and_a_failure_keeps_it(tmp_path: Path, corpus: Corpus) -> None:
    _indexed(tmp_path, corpus, "en")
    bundle = tmp_path / "pagefind"
    before = sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*"))
    assert "pagefind.js" in before and not [p for p in before if "pagefind-ui" in p]
    records = list(search_index.records(corpus.briefings, corpus.taxonomy, LANGUAGES["en"]))

    def failing():
        yield from records[:2]
        raise search_index.SearchIndexError("the corpus went away")

    with pytest.raises(search_index.SearchIndexError):
        search_index.write_index(tmp_path, LANGUAGES["en"], failing())
    assert sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pagefind"]  # nothing left beside it


def test_two_indexes_of_the_same_pages_are_byte_identical(tmp_path: Path, corpus: Corpus) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        _indexed(folder, corpus, "zh")
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    assert [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()] == []


def test_traditional_queries_reach_the_simplified_text(tmp_path: Path, corpus: Corpus) -> None:
    """The Traditional site's pages hold the Simplified text too, and its table maps every character."""
    pages = _indexed(tmp_path, corpus, "zh-hant")
    b = corpus.by_id["board-crisis"]
    assert b.paragraphs[-1].zh in _content(pages["briefings/board-crisis/"])
    table = json.loads((tmp_path / "pagefind" / search_index.SIMPLIFIED_MAP).read_text(encoding="utf-8"))
    assert table["開"] == "开" and table["奧"] == "奥"
    last = to_traditional(b.paragraphs[-1].zh)
    changed = {c: to_simplified(c) for c in last if "\u4e00" <= c <= "\u9fff" and to_simplified(c) != c}
    assert changed and all(table[c] == s for c, s in changed.items())
    assert all(len(k) == 1 and len(v) == 1 and k != v for k, v in table.items())
    assert search_index.simplified_map(["開", "开", "a"]) == {"開": "开"}
    _indexed(tmp_path / "zh", corpus, "zh")
    assert not (tmp_path / "zh" / "pagefind" / search_index.SIMPLIFIED_MAP).exists()
