"""What keeps a build of thousands of briefings small and fast, tested for what it must not change.

The measurements themselves (time, memory) are the benchmark's (``make bench``); these tests check
that each device gives the same output as the plain way it replaces: packed paragraphs read as the
list they were made from, and the sitemaps made from facts other processes read are the sitemaps
made by reading every page.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools.briefing.schema import read_briefing
from build_tools.errors import InputError
from build_tools.model import PARAGRAPH_MARKERS, Paragraph
from build_tools.site import collect
from build_tools.site.cache import briefing_hash
from build_tools.site.collect import PackedParagraphs
from build_tools.site.language import LANGUAGES, traditional
from build_tools.site.publish import sitemap

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"

# ------------------------------------------------------------------------------------ packed paragraphs

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
PARAGRAPHS = st.lists(
    st.builds(Paragraph, kind=st.sampled_from(sorted(PARAGRAPH_MARKERS)), en=TEXT, zh=TEXT,
              line=st.integers(min_value=0, max_value=10**6)),
    max_size=12,
)


@given(PARAGRAPHS)
def test_packed_paragraphs_read_as_the_list_they_were_made_from(paragraphs: list[Paragraph]) -> None:
    packed = PackedParagraphs(paragraphs)
    assert len(packed) == len(paragraphs)
    assert list(packed) == paragraphs
    assert packed == paragraphs and paragraphs == packed
    assert repr(packed) == repr(paragraphs)  # the cache keys hash the repr of a briefing
    for i in range(-len(paragraphs), len(paragraphs)):
        assert packed[i] == paragraphs[i]
    assert packed[1:-1] == paragraphs[1:-1] and packed[::2] == paragraphs[::2]


def test_packed_paragraphs_refuse_an_index_out_of_range() -> None:
    packed = PackedParagraphs([Paragraph("p", "One.", "一。", 3)])
    with pytest.raises(IndexError):
        packed[1]
    with pytest.raises(IndexError):
        packed[-2]
    assert PackedParagraphs([]) == [] and not PackedParagraphs([])


def test_the_corpus_packs_paragraphs_without_changing_briefings_or_their_hashes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(collect.BRIEFINGS_ENV, str(FIXTURES / "briefings"))
    monkeypatch.setenv(collect.TAXONOMY_ENV, str(FIXTURES / "taxonomy.yaml"))
    corpus = collect.load_corpus()
    assert corpus.briefings
    for b in corpus.briefings:
        plain, problems = read_briefing(FIXTURES / "briefings" / f"{b.id}.md")
        assert not problems and plain is not None
        assert isinstance(b.paragraphs, PackedParagraphs)
        assert b.paragraphs == plain.paragraphs and b == plain
        assert corpus.hashes[b.id] == briefing_hash(plain)


def _read_where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: Path) -> tuple[object, list[int]]:
    """The corpus of ``folder`` (or the problems it raised), and the process that read each file."""
    import os

    pids = tmp_path / "pids"
    pids.unlink(missing_ok=True)

    def reading(path, **kwargs):  # inherited by a process forked to read
        with pids.open("a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        return read_briefing(path, **kwargs)

    monkeypatch.setattr(collect, "read_briefing", reading)
    monkeypatch.setenv(collect.BRIEFINGS_ENV, str(folder))
    monkeypatch.setenv(collect.TAXONOMY_ENV, str(FIXTURES / "taxonomy.yaml"))
    try:
        corpus: object = collect.CorpusReader().load()
    except InputError as exc:
        corpus = [str(p) for p in exc.problems]
    return corpus, [int(line) for line in pids.read_text(encoding="utf-8").split()]


def test_half_the_briefings_read_beside_are_the_briefings_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From ``READ_BESIDE`` files to read on, the second half are read in a process forked for them
    while this one reads the first: the same briefings, hashes and problems (path:line) as when this
    process reads them all; read here when the process beside fails."""
    import os
    import shutil

    folder = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "briefings", folder)
    (tmp_path / "seeds").symlink_to(FIXTURES / "seeds")  # the briefings' seeds, beside them
    here, pids = _read_where(tmp_path, monkeypatch, folder)
    assert set(pids) == {os.getpid()} and len(pids) == 4
    monkeypatch.setattr(collect, "READ_BESIDE", 2)
    beside, pids = _read_where(tmp_path, monkeypatch, folder)
    (child,) = set(pids) - {os.getpid()}
    assert sorted(pids) == sorted([os.getpid(), os.getpid(), child, child])  # two files each
    assert isinstance(here, collect.Corpus) and isinstance(beside, collect.Corpus)
    assert beside.briefings == here.briefings and beside.hashes == here.hashes
    assert all(isinstance(b.paragraphs, PackedParagraphs) for b in beside.briefings)
    # A bad date in a file read beside: the same message, with its path and line.
    bad = folder / "hostile-text.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("date: 2024-01-15", "date: 15 January"),
                   encoding="utf-8")
    problems, pids = _read_where(tmp_path, monkeypatch, folder)
    assert len(set(pids)) == 2
    assert problems == [f"{bad.as_posix()}:3: 'date': expected YYYY-MM-DD, got '15 January'"]
    monkeypatch.setattr(collect, "READ_BESIDE", 10)
    assert _read_where(tmp_path, monkeypatch, folder)[0] == problems
    # The process beside ends without an answer: its half is read here.
    monkeypatch.setattr(collect, "READ_BESIDE", 2)
    monkeypatch.setattr(collect, "_read_and_send", lambda paths, answers: os._exit(3))
    again, pids = _read_where(tmp_path, monkeypatch, folder)
    assert again == problems and set(pids) == {os.getpid()} and len(pids) == 4


def test_the_paths_of_the_corpus_follow_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    monkeypatch.setenv(collect.BRIEFINGS_ENV, str(tmp_path / "a"))
    assert collect.input_paths()[0] == (tmp_path / "a").resolve()
    monkeypatch.setenv(collect.BRIEFINGS_ENV, str(tmp_path / "b"))
    assert collect.input_paths()[0] == (tmp_path / "b").resolve()


def test_an_article_converted_once_is_not_kept() -> None:
    lang = LANGUAGES["zh-hant"]
    text = "这是一段只在文章里出现一次的简体中文段落，用来检查转换结果不被缓存。"
    before = traditional.cache_info().currsize
    assert lang.script(text, once=True) == traditional(text) != text
    assert traditional.cache_info().currsize == before + 1  # only the second, cached, call kept it
    assert LANGUAGES["zh"].script(text, once=True) == text


# ------------------------------------------------------------------------------------------- sitemaps

def _site(root: Path) -> Path:
    dated = '<meta property="article:published_time" content="2024-06-03T00:00:00+00:00">'
    for prefix in ("", "zh/", "zh-hant/"):
        for rel, head in (("index.html", ""), ("briefings/gpt-4o-launch/index.html", dated)):
            path = root / prefix / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            # A head longer than what is read at first: the end of the head is found all the same.
            path.write_text(f"<html><head>{head}<!-- {'x' * sitemap.HEAD_BYTES} --></head><body>"
                            "</body></html>", encoding="utf-8")
    return root


def _facts_in_another_process(folder: Path) -> dict:
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=lambda: send.send(sitemap.PageFacts().read(folder)))
    process.start()
    facts = receive.recv()
    process.join()
    return facts


def test_sitemaps_from_facts_read_elsewhere_match_sitemaps_read_from_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(tmp_path / "site")
    sitemap.write_sitemaps(site, "https://example.org/", sitemap.PageFacts())
    expected = {p: p.read_bytes() for p in site.rglob("sitemap.xml")}
    for p in expected:
        p.unlink()

    facts = sitemap.PageFacts()
    english = facts.read(site, skip=["zh/", "zh-hant/"])
    assert sorted(Path(p).relative_to(site).as_posix() for p in english) == [
        "briefings/gpt-4o-launch/index.html", "index.html"]
    for prefix in ("zh", "zh-hant"):
        facts.remember(_facts_in_another_process(site / prefix))

    def no_reading(path: Path) -> str:
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(sitemap, "_head", no_reading)
    sitemap.write_sitemaps(site, "https://example.org/", facts)
    assert {p: p.read_bytes() for p in site.rglob("sitemap.xml")} == expected
    assert b"<lastmod>2024-06-03</lastmod>" in expected[site / "zh" / "sitemap.xml"]


def test_a_page_written_after_its_facts_were_read_is_read_again(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    facts = sitemap.PageFacts()
    facts.remember(_facts_in_another_process(site))
    page = site / "zh" / "briefings" / "gpt-4o-launch" / "index.html"
    page.write_text('<html><head><meta name="robots" content="noindex"></head></html>', encoding="utf-8")
    sitemap.write_sitemaps(site, "https://example.org/", facts)
    assert "briefings/gpt-4o-launch/" not in (site / "zh" / "sitemap.xml").read_text(encoding="utf-8")
