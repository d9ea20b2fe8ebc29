"""The search index: records made from the corpus, and Pagefind's real indexing service writing them.

Records are checked as Pagefind reads them back (its fragments), not as strings we made: what a
search can find and show. Run: ``.venv/bin/python -m pytest tests/test_search_index.py``.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from build_tools import convert
from build_tools.convert import to_traditional
from build_tools.site import search_index, search_words
from build_tools.site.collect import Corpus, load_corpus
from build_tools.site.language import LANGUAGES
from build_tools.site.search_words import (
    STOP_WORDS_PATH,
    Segmenter,
    as_written,
    derive_stop_words,
    hidden,
    shown,
    stop_words,
    word_lengths,
)
from tests.support import cache as cached

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(FIXTURES / "briefings", FIXTURES / "taxonomy.yaml")


def _indexed(tmp_path: Path, corpus: Corpus, lang: str, briefings=None) -> dict[str, dict]:
    """Index ``briefings`` (default: the corpus) for ``lang``; return Pagefind's pages by URL."""
    language = LANGUAGES[lang]
    words = search_index.segmenter(language, corpus.taxonomy)
    records = search_index.records(briefings or corpus.briefings, corpus.taxonomy, language, words)
    search_index.write_index(tmp_path, language, records)
    return {str(p["url"]): p for p in search_index.read_fragments(tmp_path / "pagefind")}


def _content(page: dict) -> str:
    # Pagefind keeps the zero-width spaces it put between the Chinese words it segmented; the
    # Traditional site's words are separated by the spaces the build put in, which readers never see.
    return as_written(str(page["content"]).replace("\u200b", ""))


def _postings(bundle: Path) -> dict[str, dict[int, list[int]]]:
    """Every word of an index: the pages it is on (by number) and its places on each."""
    words: dict[str, dict[int, list[int]]] = {}
    for chunk in sorted((bundle / "index").glob("*.pf_index")):
        for word, pages, *_ in search_index._load(chunk)[0]:
            words[word] = {page: [loc for loc in locs if loc >= 0] for page, locs, *_ in pages}
    return words


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
        assert shown(page["meta"]["title"]) == language.pick(b.title)
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


def _bundle(bundle: Path) -> dict[str, object]:
    """What an index holds, decoded and without the names of its files: its pages (their fragments,
    in page order), its word chunks (bounds and words), its filters, sort orders and meta fields."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    ((_, language),) = entry["languages"].items()
    meta = search_index._load(bundle / f"pagefind.{language['hash']}.pf_meta")
    pages = [(json.loads(gzip.decompress((bundle / "fragment" / f"{name}.pf_fragment").read_bytes())
                         .removeprefix(search_index.FRAGMENT_SIGNATURE)), words) for name, words in meta[1]]
    chunks = []
    for first, last, name in meta[2]:
        words = search_index._load(bundle / "index" / f"{name}.pf_index")[0]
        chunks.append((first, last, [[w, p, sorted(map(repr, variants))] for w, p, variants in words]))
    filters = {key: {value: sorted(numbers) for value, numbers in search_index._load(
        bundle / "filter" / f"{name}.pf_filter")[1]} for key, name in meta[3]}
    return {"count": language["page_count"], "pages": pages, "chunks": chunks, "filters": filters,
            "sorts": meta[4], "fields": meta[5], "version": meta[0]}


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_an_index_made_in_parts_is_the_index_of_all_pages_at_once(tmp_path: Path, corpus: Corpus,
                                                                    lang: str) -> None:
    """Pages indexed a few at a time, each part an index of its own in one Pagefind process (deleted
    once read), merge into what Pagefind writes for all of them at once: the same pages in the same
    order, every word's places on every page, the same chunks, filters, sort order and meta fields.
    Words with accented variants, pages without a date (no sort key, fewer meta fields) and a page
    whose words are all in another part are there."""
    language = LANGUAGES[lang]
    words = search_index.segmenter(language, corpus.taxonomy)
    records = list(search_index.records(corpus.briefings, corpus.taxonomy, language, words))
    accents = ["Café in Zürich, a résumé", "cafe near Zurich", "CAFÉ and naïve résumé"]
    records[1:1] = [search_index.Record(f"extra/{i}/", f'<html lang="{language.pagefind_language}"><body>'
                                        f'<article class="md-content__inner"><h1>Extra {i}</h1><p>{text}</p>'
                                        "</article></body></html>") for i, text in enumerate(accents)]
    started: list[Any] = []

    class Recorded(search_index.Pagefind):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            started.append(self)
            self.asked: list[str] = []

        def request(self, payload: dict[str, Any]) -> dict[str, Any]:
            self.asked.append(payload["type"])
            return super().request(payload)

    indexes = {}
    for label, part_pages in (("whole", 10_000), ("parts", 3)):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(search_index, "Pagefind", Recorded)
            report = search_index.write_index(tmp_path / label, language, records, part_pages=part_pages)
        assert report.pages == len(records)
        indexes[label] = _bundle(tmp_path / label / "pagefind")
    service = started[-1]  # the parts': one process, each part's index deleted once read, then stopped
    assert len(started) == 2 and service._process.poll() is not None
    assert service.asked == ["NewIndex", "GetFiles", "DeleteIndex"] * -(-len(records) // 3)
    whole, parts = indexes["whole"], indexes["parts"]
    assert len(records) > 3 * 3 and whole["sorts"] and whole["filters"]
    assert [key for key in whole if whole[key] != parts[key]] == []
    # The variants are there to be merged (an accented word of pages in different parts).
    variants = [w for _, _, chunk in whole["chunks"] for w in chunk if w[2]]
    assert lang != "en" or variants


def test_traditional_text_is_indexed_as_its_words(tmp_path: Path, corpus: Corpus) -> None:
    """The Traditional site's index holds Traditional words, once each where they stand: no copy of
    the Simplified text, no posting of a character for each time it is part of a word."""
    pages = _indexed(tmp_path, corpus, "zh-hant")
    postings = _postings(tmp_path / "pagefind")
    b = corpus.by_id["board-crisis"]
    words = Segmenter(corpus.taxonomy).words(to_traditional(b.paragraphs[-1].zh))
    long_words = [w for w in words if len(w) >= 2 and "\u4e00" <= w[0] <= "\u9fff"]
    assert long_words and all(w.lower() in postings for w in long_words), long_words
    # Simplified forms that differ from the Traditional ones are not indexed (the names aside).
    names = "".join(_content(p) for p in pages.values())
    simplified_only = [w for w in Segmenter(corpus.taxonomy).words(b.paragraphs[-1].zh)
                       if len(w) >= 2 and w != to_traditional(w) and w not in names]
    assert simplified_only and not [w for w in simplified_only if w in postings], simplified_only
    # A character of a word is not a posting each time the word is: at most once per page (the
    # line of the page's characters that a query split into single characters can still find),
    # unless the page also has it as a word of its own (的) or a part of a longer word (奧|特曼).
    hant = LANGUAGES["zh-hant"]
    record = search_index.briefing_record(b, hant, corpus.taxonomy, Segmenter(corpus.taxonomy)).html
    text = record.split(f'<p data-pagefind-weight="{search_index.CHARACTERS_WEIGHT}">')[0]
    alone = set(re.split(r"[ ^<>]+", text))
    chars = {c for w in long_words for c in w if c not in alone}
    assert chars
    number = sorted(pages).index("briefings/board-crisis/")
    for char in chars:
        assert len(postings[char][number]) == 1, char
    assert not (tmp_path / "pagefind" / "t2s.json").exists()


def test_indexed_chinese_reads_as_written(corpus: Corpus) -> None:
    """The spaces and marks put between Chinese words for the index come out as the search box
    takes them out: every paragraph of the corpus, in each script, reads as written."""
    words = Segmenter(corpus.taxonomy)
    for b in corpus.briefings:
        for p in b.paragraphs:
            for text in (p.zh, to_traditional(p.zh), p.en, f"AI 简报，{p.zh}GPT-4o（大模型）"):
                assert as_written(words.spaced(text)) == text, text
    assert words.spaced("使用GPT的人工智能") == f"使用^ GPT^ {hidden('的')} 人工^智能"


def test_a_built_pages_text_is_segmented_and_its_scripts_kept(corpus: Corpus) -> None:
    """The hand-written pages of the Traditional site are read as HTML: their text is segmented like
    the records', their markup, scripts and styles stay as they were."""
    words = Segmenter(corpus.taxonomy)
    page = ('<html><head><script>var s = "開源模型";</script><style>p{}</style></head>'
            '<body><p class="開源">開源模型與人工智慧</p><b>AI簡報</b><script>"開源模型"')
    spaced = search_index.spaced_html(page, words)
    assert '<script>var s = "開源模型";</script><style>p{}</style>' in spaced
    assert '<p class="開源">' in spaced and spaced.endswith('<script>"開源模型"')
    assert "開源^模型 與 人工^智慧</p><b>AI^ 簡報</b>" in spaced
    assert as_written(spaced) == page


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_stop_words_are_in_the_text_and_in_no_index(tmp_path: Path, corpus: Corpus, lang: str) -> None:
    """The most frequent words (the, of, 的 ...) have no posting, and every page still reads whole,
    each of them in its place: an excerpt shows them, only the index leaves them out."""
    pages = _indexed(tmp_path, corpus, lang)
    postings = _postings(tmp_path / "pagefind")
    left_out = stop_words("en") | (stop_words("zh") if LANGUAGES[lang].body == "zh" else frozenset())
    assert not left_out & set(postings), sorted(left_out & set(postings))
    text = " ".join(_content(p) for p in pages.values())
    if LANGUAGES[lang].body == "zh":
        assert "的" in text
    else:
        assert re.search(r"\bthe\b", text, re.IGNORECASE)
    assert "model" in postings or "模型" in postings


def test_a_hidden_word_is_no_word_to_pagefind_and_reads_back() -> None:
    """The characters of a left-out word are neither letters nor digits (Pagefind indexes none of
    them) nor spaces (it stays one word in its place), and come back as written."""
    for word in ["the", "The", "THAT", "的", "是", "們", "I"]:
        moved = hidden(word)
        assert len(moved) == len(word) and shown(moved) == word
        assert not any(c.isalnum() or c.isspace() for c in moved), word
    assert shown("plain 文字 text") == "plain 文字 text"


def test_latin_stop_words_are_hidden_as_whole_words_in_any_case() -> None:
    """the, The and THE go; a stop word inside a longer word (there, it's, e-mail), beside Chinese
    without a space (的the: one run to Pagefind), or spelt with letters that only fold to ASCII in
    Unicode (the long s of iſ, the dotless ı of ıs, the dotted İ of İn) stays as written."""
    from build_tools.site.search_words import without_stop_words

    assert {"the", "of", "is", "in", "i"} <= stop_words("en")
    for word in ("the", "The", "THE", "tHe"):
        assert without_stop_words(f"{word} model") == f"{hidden(word)} model"
    text = "I: the model (of theirs) — is"
    assert without_stop_words(text) == (f"{hidden('I')}: {hidden('the')} model ({hidden('of')} theirs) "
                                         f"— {hidden('is')}")
    for kept in ("there", "theory", "it's", "e-mail", "off-the-shelf", "的the", "iſ", "ıs", "İn", "Ｔｈｅ"):
        assert without_stop_words(kept) == kept, kept
    assert without_stop_words("") == ""


def test_the_stop_words_are_the_rules() -> None:
    """data/search_stop_words.yaml is what its rule gives (wordfreq's frequencies), not a hand-made list."""
    import yaml

    data = yaml.safe_load(STOP_WORDS_PATH.read_text(encoding="utf-8"))
    assert derive_stop_words(data["zipf_at_least"]) == {"en": data["en"], "zh": data["zh"]}


def test_simplified_stop_words_go_only_where_no_word_joins_them(corpus: Corpus) -> None:
    """On the Simplified site (Pagefind segments it), 的 了 是 are hidden where they stand alone and
    stay in 目的, 的确, 为了: no word a segmenter could make is broken. Nothing else changes."""
    words = Segmenter(corpus.taxonomy, spacing=False)
    assert words.spaced("模型的发布") == f"模型{hidden('的')}发布"
    le, shi, de = hidden("了"), hidden("是"), hidden("的")
    assert words.spaced("新模型发布了。它是开源的") == f"新模型发布{le}。它{shi}开源{de}"
    for kept in ("为了目的", "的确如此", "OpenAI 简报"):
        assert words.spaced(kept) == kept
    for b in corpus.briefings:
        for p in b.paragraphs:
            assert shown(words.spaced(p.zh)) == p.zh


def test_segmented_records_are_made_once_and_only_signed_ones_are_read(tmp_path: Path, corpus: Corpus,
                                                                        monkeypatch) -> None:
    """A Chinese site's records are segmented into the build cache by ``prepare_records``; the index
    reads them from there, without loading jieba; a record planted without this machine's signature
    is made again."""
    from build_tools.site import cache

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    hant, tax = LANGUAGES["zh-hant"], corpus.taxonomy
    fresh = [r.html for r in search_index.records(corpus.briefings, tax, hant, Segmenter(tax))]
    stored = cached.values(tmp_path / "cache", search_index.RECORD_CACHE)
    assert len(stored) == len(corpus.briefings) + len(list(tax))  # the topics' and names' records too
    words = Segmenter(tax)
    assert [r.html for r in search_index.records(corpus.briefings, tax, hant, words)] == fresh
    assert "_tokenizer" not in vars(words)  # every record read: jieba's dictionary never loaded
    # The language's own build makes none again (no value written again); a site Pagefind segments
    # keeps nothing.
    assert search_index.prepare_records(corpus.briefings, tax, hant) == len(stored)  # topics, names too
    assert search_index.prepare_records(corpus.briefings, tax, LANGUAGES["en"]) == 0
    assert cached.values(tmp_path / "cache") == stored
    for kind, key in stored:
        cached.plant(tmp_path / "cache", kind, key, "<html><body><p>PlantedRecord</p></body></html>")
    again = [r.html for r in search_index.records(corpus.briefings, tax, hant, Segmenter(tax))]
    assert again == fresh
    # A signed value is what the index reads: the record is not segmented again.
    key = min(key for _, key in stored).removesuffix(".html")
    cache.write_text(search_index.RECORD_CACHE, key, "<html><body><p>signed</p></body></html>")
    read = [r.html for r in search_index.records(corpus.briefings, tax, hant, Segmenter(tax))]
    assert "<html><body><p>signed</p></body></html>" in read
    assert sum(r != f for r, f in zip(read, fresh, strict=True)) == 1
    # Another taxonomy (a name added) is another key: nothing read from before.
    entry = next(iter(tax))
    changed = dataclasses.replace(tax, entries={**tax.entries, entry.id: dataclasses.replace(
        entry, aliases={**entry.aliases, "zh": [*entry.aliases.get("zh", []), "新別名"]})})
    assert "<html><body><p>signed</p></body></html>" not in [
        r.html for r in search_index.records(corpus.briefings, changed, hant, Segmenter(changed))]


def test_words_are_where_jieba_cuts_them(corpus: Corpus, tmp_path: Path) -> None:
    """``word_lengths`` finds jieba's own words (``cut`` without HMM) in every shape of text: Latin
    words and single letters or digits among Chinese (run together, as jieba does), whitespace of
    every kind, wide punctuation and letters, characters outside the dictionary or outside the Basic
    Multilingual Plane, names of the taxonomy (the user dictionary); and on a tie between two routes,
    the route of the longer first word, as jieba's ``max`` picks it."""
    import jieba

    segmenter = Segmenter(corpus.taxonomy)
    tokenizer = segmenter._tokenizer
    texts = [
        "",
        " ",
        "\r\n\r\n\t  ",
        "人工智能公司发布了新的大模型",
        "OpenAI 发布 GPT-4o，性能提升 35.5% 与 Llama3.1 相比",
        "a b c 1 2 3 甲a乙b丙1丁2 x.y_z #tag &amp; C++ 模型",
        "ｆｕｌｌ ｗｉｄｔｈ ＡＢＣ１２３，全角字母。",
        "𠀀𠀁中文😀表情、「引号」……破折号——完",
        "龘靐齉爩麤龖龗",
        "模型\r\n训练\n推理\t部署",
        *(f"{e.zh}和{e.en}的{''.join(e.aliases.get('zh', []))}" for e in corpus.taxonomy),
        *(segmenter._as_simplified(p.text("zh")) for b in corpus.briefings for p in b.paragraphs),
    ]
    assert len(texts) > 20
    for text in texts:
        assert list(word_lengths(tokenizer, text)) == [len(w) for w in tokenizer.cut(text, HMM=False)], text
        assert "".join(segmenter.words(text)) == text
    # 甲|乙丙 and 甲乙|丙 score the same (2 x 3 either way): jieba takes the longer first word.
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("甲 2\n甲乙 2\n乙丙 3\n丙 3\n丁 1\n", encoding="utf-8")
    tie = jieba.Tokenizer(str(dictionary))
    tie.tmp_dir = str(tmp_path)
    tie.initialize()
    assert [len(w) for w in tie.cut("甲乙丙", HMM=False)] == [2, 1]
    for text in ("甲乙丙", "丁甲乙丙丁", "甲乙丙甲乙丙"):
        assert list(word_lengths(tie, text)) == [len(w) for w in tie.cut(text, HMM=False)]


def test_both_scripts_segment_with_one_jieba_dictionary(corpus: Corpus) -> None:
    """jieba's dictionary (a hundred megabytes) is held once by the Segmenters of both Chinese sites, so
    that the processes forked after loading it share it, and a new taxonomy replaces it."""
    # From a process's start, as in a build: segmenters an earlier test made hold the dictionary they loaded.
    search_index.drop_segmenters()
    tax = corpus.taxonomy
    zh, hant = search_index.segmenter(LANGUAGES["zh"], tax), search_index.segmenter(LANGUAGES["zh-hant"], tax)
    assert zh is not None and hant is not None and zh is not hant
    zh.load()
    assert vars(zh)["_tokenizer"] is hant._tokenizer is Segmenter(tax)._tokenizer
    changed = dataclasses.replace(tax, entries=dict(tax.entries))
    assert Segmenter(changed)._tokenizer is not zh._tokenizer
    assert search_words._tokenizer["held"][0] is changed  # the old one is not kept beside it
    # The English build, once it has forked the processes that segment, keeps none.
    search_index.drop_segmenters()
    assert not search_words._tokenizer and not search_index._segmenters
    assert search_index.segmenter(LANGUAGES["zh"], tax) is not zh


@pytest.mark.parametrize(("given", "pages"), [(None, search_index.PART_PAGES), ("", search_index.PART_PAGES),
                                              ("40", 40), (" 7 ", 7), ("1", 1)])
def test_the_pages_per_pagefind_process_can_be_set(given: str | None, pages: int) -> None:
    environ = {} if given is None else {search_index.PART_PAGES_ENV: given}
    assert search_index.part_pages(environ) == pages


@pytest.mark.parametrize("given", ["0", "-5", "many", "2.5", "\uff14\uff10"])
def test_pages_per_pagefind_process_that_are_no_count_are_refused(given: str) -> None:
    with pytest.raises(search_index.SearchIndexError, match=search_index.PART_PAGES_ENV):
        search_index.part_pages({search_index.PART_PAGES_ENV: given})


def test_built_pages_wait_compressed_and_are_let_go_once_given() -> None:
    """The built pages wait for the records to be indexed in a fraction of their text's size, come back
    as they were, in order, and each is let go once it is handed on."""
    pages = [(f"page/{n}/", f"<p>第{n}页 {'开源模型与人工智能，' * 200}🙂</p>") for n in range(2, 12)]
    held = search_index.HeldPages(iter(pages))
    in_strings = sum(sys.getsizeof(html) for _, html in pages)
    assert held.held_bytes() * 10 < in_strings
    given = iter(held)
    first = next(given)
    assert (first.url, first.html) == pages[0]
    assert len(held) == len(pages) - 1
    assert [(r.url, r.html) for r in given] == pages[1:]
    assert len(held) == 0


@pytest.mark.parametrize(("given", "cores", "lanes"), [(None, 2, 2), (None, 8, search_index.INDEX_LANES),
                                                       (None, 1, 1), (None, None, 1), ("3", 1, 3)])
def test_the_index_processes_at_a_time_are_one_per_core_or_as_set(given, cores, lanes) -> None:
    environ = {} if given is None else {search_index.INDEX_LANES_ENV: given}
    assert search_index.index_lanes(environ, cores) == lanes


@pytest.mark.parametrize("given", ["0", "two"])
def test_index_processes_at_a_time_that_are_no_count_are_refused(given: str) -> None:
    with pytest.raises(search_index.SearchIndexError, match=search_index.INDEX_LANES_ENV):
        search_index.index_lanes({search_index.INDEX_LANES_ENV: given}, 2)


def _site_folder(root: Path, lang: str) -> Path:
    """A language site of one hand-written page, as the build leaves it for its index."""
    folder = root / LANGUAGES[lang].prefix
    (folder / "about").mkdir(parents=True)
    (folder / "about" / "index.html").write_text(
        '<html><body><article class="md-content__inner"><h1>About 关于</h1><p>Handwritten 手写页面</p>'
        "</article></body></html>", encoding="utf-8")
    return folder


def test_each_sites_index_is_made_in_shares_and_a_merge_each_a_process_at_most_lanes_at_a_time(
        tmp_path: Path, corpus: Corpus) -> None:
    """Every site gets its whole index: each share of its pages made in a process forked for it, then
    merged in another once its shares have ended (this process makes none and loads no jieba
    dictionary), never more than ``lanes`` at once; ``ready`` is asked once before each site's first;
    ``meanwhile`` is done once, when a lane has nothing to start (beside the last site's last share).
    OpenCC's dictionaries are let go of before the processes fork."""
    import os
    import time

    sites = [(_site_folder(tmp_path, lang), LANGUAGES[lang]) for lang in ("en", "zh", "zh-hant")]
    asked: list[tuple[str, float]] = []
    meanwhile: list[float] = []
    log = tmp_path / "ran.jsonl"
    make_parts, merge = search_index._index_share, search_index._finish_share

    def logged(what, work):
        def run(folder, lang, *args, **kwargs):  # what each process does, and when (forked: in it)
            start = time.monotonic()
            opencc = convert._converter.cache_info().currsize  # OpenCC's dictionaries it started with
            report = work(folder, lang, *args, **kwargs)
            line = {"what": what, "lang": lang.code, "pid": os.getpid(), "start": start,
                    "end": time.monotonic(), "opencc": opencc}
            with log.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(line) + "\n")
            return report
        return run

    search_index._segmenters.clear()
    search_words.release_tokenizer()
    convert.preload()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(search_index.PART_PAGES_ENV, "3")  # a few parts a site: two shares each
        patch.setattr(search_index, "_index_share", logged("share", make_parts))
        patch.setattr(search_index, "_finish_share", logged("merge", merge))
        reports = search_index.index_beside(sites, corpus.briefings, corpus.taxonomy, lanes=2,
                                            ready=lambda lang: asked.append((lang.code, time.monotonic())),
                                            meanwhile=lambda: meanwhile.append(time.monotonic()),
                                            hashes=corpus.hashes)
    assert [code for code, _ in asked] == ["en", "zh", "zh-hant"]
    pages = len(corpus.briefings) + len(list(corpus.taxonomy)) + 1
    assert len(reports) == 3 and all(r.pages == pages for r in reports)
    runs = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    shares = len(search_index.site_windows(sites[0][0], corpus.briefings, corpus.taxonomy,
                                           2 * search_index.SHARES_PER_LANE, 3))
    assert shares >= 2
    assert sorted((r["lang"], r["what"]) for r in runs) == sorted(
        (code, what) for code in ("en", "zh", "zh-hant") for what in ["share"] * shares + ["merge"])
    assert len({r["pid"] for r in runs} | {os.getpid()}) == len(runs) + 1  # a process each
    assert {r["opencc"] for r in runs} == {0}  # let go of before they forked
    assert convert._converter.cache_info().currsize == 0
    for run in runs:  # never more than two at once
        assert sum(other["start"] <= run["start"] < other["end"] for other in runs) <= 2
    # Once, beside a share that runs alone, when nothing else could start: every share had begun, and
    # what begins after is the merge waiting for that share (and a merge that ended meanwhile).
    (idle,) = meanwhile
    (beside,) = [r for r in runs if r["start"] <= idle < r["end"]]
    assert beside["what"] == "share"
    assert all(r["what"] == "merge" for r in runs if r["start"] > idle)
    assert beside["lang"] in {r["lang"] for r in runs if r["start"] > idle}
    for code, when in asked:
        mine = [r for r in runs if r["lang"] == code]
        assert min(r["start"] for r in mine) >= when
        (merged,) = (r for r in mine if r["what"] == "merge")
        assert merged["start"] >= max(r["end"] for r in mine if r["what"] == "share")
    for folder, lang in sites:
        urls = {str(p["url"]) for p in search_index.read_fragments(folder / "pagefind")}
        assert "about/" in urls and f"briefings/{corpus.briefings[0].id}/" in urls, lang.code
        assert not list(folder.glob(".pagefind*")), lang.code  # no parts left
    assert not search_words._tokenizer and not search_index._segmenters  # all in the index processes


@pytest.mark.parametrize("lang", ["en", "zh-hant"])
def test_an_index_made_in_shares_is_the_index_made_at_once(tmp_path: Path, corpus: Corpus, lang: str,
                                                           monkeypatch) -> None:
    """Three shares, each of whole parts, merged: byte for byte the index one process makes."""
    monkeypatch.setenv(search_index.PART_PAGES_ENV, "2")
    language = LANGUAGES[lang]
    whole, shared = _site_folder(tmp_path / "whole", lang), _site_folder(tmp_path / "shared", lang)
    search_index.index_site(whole, language, corpus.briefings, corpus.taxonomy)
    search_index.index_beside([(shared, language)], corpus.briefings, corpus.taxonomy, lanes=2, shares=3)
    files = {folder: {p.relative_to(folder).as_posix(): p.read_bytes()
                      for p in (folder / "pagefind").rglob("*") if p.is_file()} for folder in (whole, shared)}
    windows = search_index.site_windows(shared, corpus.briefings, corpus.taxonomy, 3, 2)
    assert len(windows) == 3 and windows[1][2] > 1  # shares of more than one part
    assert len(files[whole]) > 10 and files[whole] == files[shared]


@pytest.mark.parametrize(("shares", "size"), [(1, 40), (2, 4), (3, 2), (5, 1), (50, 3), (2, 1000)])
def test_the_shares_of_a_site_are_its_records_and_pages_in_whole_parts(tmp_path: Path, corpus: Corpus,
                                                                       shares: int, size: int) -> None:
    """Each window of site_records is made alone; together, in order, they are every record once."""
    language = LANGUAGES["en"]
    folder = _site_folder(tmp_path, "en")
    everything = [(r.url, r.html) for r in search_index.site_records(folder, language, corpus.briefings,
                                                                     corpus.taxonomy)]
    windows = search_index.site_windows(folder, corpus.briefings, corpus.taxonomy, shares, size)
    parts = -(-len(everything) // size)
    assert len(windows) == min(shares, parts)
    joined = []
    for first, end, first_part in windows:
        assert first == first_part * size and (end % size == 0 or end == len(everything))
        joined += [(r.url, r.html) for r in search_index.site_records(
            folder, language, corpus.briefings, corpus.taxonomy, window=(first, end))]
    assert joined == everything and everything[-1][0] == "about/"
    lengths = [end - first for first, end, _ in windows]
    assert max(lengths) - min(lengths) <= size  # as even as whole parts make them


def test_a_failed_index_process_fails_the_indexes_with_its_message(tmp_path: Path, corpus: Corpus) -> None:
    sites = [(_site_folder(tmp_path, "en"), LANGUAGES["en"]), (tmp_path / "zh", LANGUAGES["zh"])]
    (tmp_path / "zh").write_text("not a folder", encoding="utf-8")  # its index cannot be written
    with pytest.raises(search_index.SearchIndexError, match=r"the zh search index: .*Not a directory"):
        search_index.index_beside(sites, corpus.briefings, corpus.taxonomy, lanes=1)


def test_the_end_of_the_index_work_is_found_as_the_lanes_start_it() -> None:
    """``_ends``: on two lanes, a merge first, then the first job of a site no lane has; on one, one
    job after the other, each site's merge once its last share has ended."""
    queued = [(0, 3.0, False), (0, 3.0, False), (1, 2.0, False)]  # (site, seconds, merge)
    merges = {0: 1.0, 1: 1.0}
    # 0-3 site 0, 0-2 site 1, 2-3 its merge, 3-6 site 0's second, 6-7 its merge.
    assert search_index._ends(2, [], queued, {0: 2, 1: 1}, merges) == 7.0
    assert search_index._ends(1, [], queued, {0: 2, 1: 1}, merges) == 10.0
    # Running work first: a share of site 1 with 4 s left, then its merge.
    assert search_index._ends(2, [(4.0, 1, False)], queued[:2], {0: 2, 1: 1}, merges) == 7.0


def test_a_free_lane_starts_the_share_after_which_the_work_ends_soonest(monkeypatch) -> None:
    """Of the sites no lane has, the share after which the rest ends the soonest, not the first in
    line: a long share left for last runs alone, and its site's merge after it."""
    import time

    monkeypatch.setattr(search_index, "MERGE_COST", 1.0)  # a merge: a second a page of its site
    sites = [(Path(code), LANGUAGES[code]) for code in ("en", "zh", "zh-hant")]
    work = search_index._IndexWork(sites, [], None, hashes=None, shares=2, ready=None)  # type: ignore[arg-type]
    work.measured = {code: [1.0, 1] for code in ("en", "zh", "zh-hant")}  # a second a page
    share = search_index._index_share
    # en: two shares of 1 s, merge 1 s; zh: one of 4 s, merge 3 s; zh-hant: 2 s left of 3, merge 1 s.
    work.jobs.extend([search_index._Job(0, share, (), 1), search_index._Job(0, share, (), 1),
                      search_index._Job(1, share, (), 4)])
    work.left, work.pages = {0: 2, 1: 1, 2: 1}, {0: 1, 1: 3, 2: 1}
    work.running = {"pipe": (search_index._Job(2, share, (), 3), None, time.monotonic() - 1.0)}
    # The English share first: its merge and zh-hant's end at 3, the Simplified share runs 3-7 and its
    # merge 7-10. The Simplified share first: everything ends at 7.
    assert work._choose([0, 1, 2], 2) == 2
    # Merges free and the Simplified share as short as the English ones: both end at 3, and on a tie
    # the first in line goes.
    monkeypatch.setattr(search_index, "MERGE_COST", 0.0)
    work.jobs[2].pages = 1
    assert work._choose([0, 1, 2], 2) == 0
    # A merge goes first, whatever it costs.
    work.jobs.appendleft(search_index._Job(2, search_index._finish_share, (), 1, merge=True))
    assert work._choose([0, 1, 2, 3], 2) == 0


def test_a_language_not_yet_measured_is_guessed_from_those_that_are() -> None:
    """What a share should take: its pages at its language's rate so far; before any share of the
    language has ended, ``SHARE_COST`` scaled by what the others took against theirs."""
    sites = [(Path(code), LANGUAGES[code]) for code in ("en", "zh")]
    work = search_index._IndexWork(sites, [], None, hashes=None, shares=2, ready=None)  # type: ignore[arg-type]
    english, chinese = 0, 1  # the sites, each job of 100 pages
    ratio = search_index.SHARE_COST["zh"] / search_index.SHARE_COST["en"]
    assert work.seconds(chinese, 100) / work.seconds(english, 100) == pytest.approx(ratio)
    work.measured["en"] = [5.0, 50]  # 0.1 s a page
    assert work.seconds(english, 100) == pytest.approx(10.0)
    assert work.seconds(chinese, 100) == pytest.approx(10.0 * ratio)
    work.measured["zh"] = [3.0, 100]
    assert work.seconds(chinese, 100) == pytest.approx(3.0)
    assert work.seconds(chinese, 100, merge=True) == pytest.approx(3.0 * search_index.MERGE_COST)


def test_an_answer_larger_than_a_pipe_holds_is_read_while_it_comes(tmp_path: Path, corpus: Corpus) -> None:
    """A share's report (every page's sort values) can be far larger than a pipe holds: it is read as
    it is written, not once its process has ended (which would wait for it to be read)."""
    import multiprocessing
    import signal

    def share(folder, lang, briefings, tax, part):
        values = {f"briefings/{n:06d}/": {"date": f"2026-01-{n % 28 + 1:02d}"} for n in range(20000)}
        return search_index.ShareReport(part.first_part, [], len(values), 0, values, 0.0)

    def merge(folder, lang, shares):
        return search_index.IndexReport(sum(len(s.sort_values) for s in shares), 0, 0, 0.0)

    def stuck(*args):
        for process in multiprocessing.active_children():  # or they would hold up the tests' end
            process.kill()
        raise TimeoutError("the index processes and this one wait for each other")

    sites = [(_site_folder(tmp_path, "en"), LANGUAGES["en"])]
    before = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(30)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(search_index.PART_PAGES_ENV, "2")
            patch.setattr(search_index, "_index_share", share)
            patch.setattr(search_index, "_finish_share", merge)
            (report,) = search_index.index_beside(sites, corpus.briefings, corpus.taxonomy, lanes=2, shares=2)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)
    assert report.pages == 40000  # two shares' reports, both read whole


@pytest.mark.parametrize("dies", ["_index_share", "_finish_share"])
def test_an_index_process_that_dies_is_named_and_leaves_no_parts(tmp_path: Path, corpus: Corpus,
                                                                 dies: str) -> None:
    import os

    def die(*args, **kwargs):
        os._exit(3)

    folder = _site_folder(tmp_path, "zh-hant")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_index, dies, die)
        with pytest.raises(search_index.SearchIndexError, match=r"zh-hant search index: .* exit code 3"):
            search_index.index_beside([(folder, LANGUAGES["zh-hant"])], corpus.briefings, corpus.taxonomy,
                                      lanes=2)
    assert not (folder / "pagefind").exists() and not list(folder.glob(".pagefind*"))


def test_built_pages_segmented_ahead_are_read_without_jieba(tmp_path: Path, corpus: Corpus,
                                                            monkeypatch) -> None:
    """The helper segments the built pages of a Chinese site into the build cache (prepare_pages); the
    index reads them from there, as it would have segmented them, and loads no jieba dictionary."""
    from build_tools.site import cache

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    hant, tax = LANGUAGES["zh-hant"], corpus.taxonomy
    folder = _site_folder(tmp_path / "site", "zh-hant")
    html = (folder / "about" / "index.html").read_text(encoding="utf-8")
    expected = search_index.spaced_html(html, Segmenter(tax))
    search_index.drop_segmenters()
    assert search_index.prepare_pages(folder, hant, tax) == 1
    assert search_index.prepare_pages(folder, LANGUAGES["en"], tax) == 0
    search_index.drop_segmenters()
    words = search_index.segmenter(hant, tax)
    key = search_index._inputs_key(tax)
    assert search_index._spaced_page(hant, html, words, key) == expected
    assert "_tokenizer" not in vars(words) and not search_words._tokenizer


def test_the_helper_segments_records_then_pages_with_one_jieba_load_and_frees_opencc_once_told(
        tmp_path: Path, corpus: Corpus, monkeypatch) -> None:
    """prepare_search, as the helper runs it: the records of both Chinese sites, then (once the pages
    are built) their pages, all in the build cache, with jieba's dictionary loaded once; OpenCC's
    dictionaries, shared with the process it was forked from, are kept until the pages are built
    (when that process has let go of its own: freed before, they would be copied first)."""

    from build_tools.site import cache

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    chinese = [LANGUAGES["zh"], LANGUAGES["zh-hant"]]
    for lang in chinese:
        _site_folder(tmp_path / "site", lang.code)
    loads = []
    load = search_words.jieba_tokenizer
    monkeypatch.setattr(search_words, "jieba_tokenizer", lambda tax: loads.append(tax) or load(tax))
    held_at_pages = []
    held_once_built = []
    pages = search_index.prepare_pages

    def prepare_pages(*args, **kwargs):
        held_at_pages.append(convert._converter.cache_info().currsize)
        return pages(*args, **kwargs)

    class Built:  # the Event the English build sets: what the helper holds while it waits
        def wait(self, timeout):
            held_once_built.append(convert._converter.cache_info().currsize)
            return True

    monkeypatch.setattr(search_index, "prepare_pages", prepare_pages)
    search_index.drop_segmenters()
    convert.preload()
    built = Built()
    try:
        held = search_index.prepare_search(corpus.briefings, corpus.taxonomy, chinese, tmp_path / "site",
                                           built)
    finally:
        search_index.drop_segmenters()
    assert held == 2 * (len(corpus.briefings) + len(list(corpus.taxonomy)))
    assert len(loads) == 1
    assert held_once_built == [3]  # preload's three, kept through the records
    assert held_at_pages == [0, 0]  # let go of once the pages are built
    stored = cached.values(tmp_path / "cache", search_index.RECORD_CACHE)
    assert len(stored) == held + 2  # and one page of each site


def test_records_by_the_corpus_hashes_are_the_records(tmp_path: Path, corpus: Corpus, monkeypatch) -> None:
    from build_tools.site import cache

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    hant, tax = LANGUAGES["zh-hant"], corpus.taxonomy
    words = Segmenter(tax)
    made = [(r.url, r.html) for r in search_index.records(corpus.briefings, tax, hant, words)]
    by_hash = [(r.url, r.html)
               for r in search_index.records(corpus.briefings, tax, hant, words, corpus.hashes)]
    assert by_hash == made
    wrong = {b.id: "0" * 32 for b in corpus.briefings}  # a hash is the key: another one, another record
    assert len(cached.values(tmp_path / "cache")) == len(made)
    list(search_index.records(corpus.briefings, tax, hant, words, wrong))
    assert len(cached.values(tmp_path / "cache")) > len(made)


def test_the_helper_and_the_serve_indexes_hash_no_briefing_the_corpus_has_hashed(
        tmp_path: Path, corpus: Corpus, monkeypatch) -> None:
    """The corpus's hashes (computed once, before the processes fork) key the records the helper
    makes and the ones the mkdocs serve indexes read: no briefing is hashed again there."""
    import time

    from build_tools.site import cache, serve

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    log = tmp_path / "hashed"
    log.touch()
    real = cache.briefing_hash

    def counted(b):  # written down, so that a forked process's count is seen here
        with log.open("a", encoding="utf-8") as fh:
            fh.write(b.id + "\n")
        return real(b)

    monkeypatch.setattr(cache, "briefing_hash", counted)
    chinese = [LANGUAGES["zh"], LANGUAGES["zh-hant"]]
    assert search_index.prepare_search(corpus.briefings, corpus.taxonomy, chinese, hashes=corpus.hashes)
    for code in LANGUAGES:
        _site_folder(tmp_path / "site", code)
    indexer = serve.SearchIndexer()
    indexer.start(tmp_path / "site", corpus.briefings, corpus.taxonomy, hashes=corpus.hashes)
    deadline = time.monotonic() + 120
    while indexer.running() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert (tmp_path / "site" / "zh-hant" / "pagefind" / "pagefind-entry.json").exists()
    assert log.read_text(encoding="utf-8") == ""
    search_index.drop_segmenters()
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "another-cache"))
    search_index.prepare_search(corpus.briefings, corpus.taxonomy, chinese)  # without: hashed here
    assert len(log.read_text(encoding="utf-8").split()) == 2 * len(corpus.briefings)
    search_index.drop_segmenters()


@pytest.mark.parametrize(("lang", "decay"), [("en", b"dirty_decay_ms:100"), ("zh", b"dirty_decay_ms:20"),
                                             ("zh-hant", b"dirty_decay_ms:20")])
def test_pagefind_runs_with_its_allocator_set_to_give_memory_back(tmp_path: Path, lang: str, decay: bytes,
                                                                  monkeypatch) -> None:
    """Each index's Pagefind gives back the memory it frees: a Chinese site's within 20 ms (the largest
    processes), another's within a tenth of a second."""
    environs = []

    class Seen(search_index.Pagefind):
        def close(self) -> None:
            environs.append(Path(f"/proc/{self._process.pid}/environ").read_bytes().split(b"\0"))
            super().close()

    monkeypatch.setattr(search_index, "Pagefind", Seen)
    records = [search_index.Record("about/", "<html><body><h1>About</h1><p>words</p></body></html>")]
    search_index.index_parts(tmp_path, LANGUAGES[lang], records)
    (environ,) = environs
    (setting,) = [line for line in environ if line.startswith(b"_RJEM_MALLOC_CONF=")]
    assert b"narenas:1" in setting and decay in setting and b"muzzy_decay_ms:0" in setting
