"""The benchmark suite runs end to end at a tiny N; its corpus is seeded, valid and varied.

These are not timed tests: they check that every measurement is made and is sane, never how fast.
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import corpus, hugo_peer
from build_tools.briefing.frontmatter import dump_briefing
from build_tools.briefing.schema import load_briefings
from build_tools.briefing.taxonomy import load_taxonomy
from build_tools.site import projects, search_index
from tests.support import cache as cached

pytest_plugins = ["tests.support.browser"]

ROOT = Path(__file__).resolve().parent.parent


def test_corpus_is_seeded_and_a_prefix_of_larger_corpora(tmp_path):
    a = corpus.write_corpus(tmp_path / "a", 6, seed=7)
    b = corpus.write_corpus(tmp_path / "b", 9, seed=7)
    assert [p.read_bytes() for p in a.briefings] == [
        (tmp_path / "b" / "briefings" / p.name).read_bytes() for p in a.briefings]
    assert len(b.briefings) == 9
    other = corpus.make_briefing(0, seed=8)
    assert dump_briefing(other) != dump_briefing(corpus.make_briefing(0, seed=7))


def test_corpus_shrinks_when_n_shrinks(tmp_path):
    corpus.write_corpus(tmp_path, 8)
    smaller = corpus.write_corpus(tmp_path, 3)
    assert sorted((tmp_path / "briefings").glob("*.md")) == smaller.briefings
    assert len(list((tmp_path / "seeds").glob("*.txt"))) == 3


def test_corpus_briefings_pass_check_and_look_like_real_ones(tmp_path):
    written = corpus.write_corpus(tmp_path, 40)
    tax = load_taxonomy()
    briefings, problems = load_briefings(written.briefings, tax, root=tmp_path)
    assert problems == []
    assert len(briefings) == 40
    paragraphs = [p for b in briefings for p in b.paragraphs]
    counts = [len(b.paragraphs) for b in briefings]
    assert min(counts) >= corpus.PARAGRAPHS[0]
    lengths = [len(p.zh) for p in paragraphs if p.kind == "p" and p.zh]
    assert min(lengths) >= corpus.PARAGRAPH_CHARS[0] - 10
    assert max(lengths) <= corpus.PARAGRAPH_CHARS[1]
    # Varied text, not one paragraph repeated.
    texts = [p.en for p in paragraphs if p.kind == "p" and p.en]
    assert len(set(texts)) > 0.95 * len(texts)
    assert {p.kind for p in paragraphs} >= {"p", "h"}
    assert len({b.date.year for b in briefings}) >= 4
    assert {b.language for b in briefings} >= {"en", "zh-Hans"}
    assert all(set(b.tags) <= {e.id for e in tax.topics} and b.tags for b in briefings)


def test_seeds_carry_the_junk_the_cleaner_drops():
    seeds = [corpus.make_seed(i) for i in range(30)]
    text = "\n".join(seeds)
    assert any(banner[0] in text for banner in corpus.phrases.COOKIE_BANNERS)
    assert any(crumb in text for crumb in corpus.phrases.BREADCRUMBS)
    assert any(header in text for header in corpus.phrases.RELATED_HEADERS)
    assert len(set(seeds)) == 30


def _check_size(size: dict) -> None:
    n = size["n"]
    assert "error" not in size
    build = size["build"]
    assert build["returncode"] == 0
    assert build["seconds"] > 0 and build["cpu_seconds"] > 0
    # The forked language workers are sampled with the English build: at least three processes.
    assert build["processes"] >= 3
    assert 50 < build["peak_pss_mib"] <= build["peak_rss_mib"]
    # Which part holds the memory: the MkDocs processes and the Pagefind processes, each on its own.
    assert 0 < build["peak_pss_pagefind_mib"] < build["peak_pss_mib"]
    assert 0 < build["peak_pss_site_mib"] <= build["peak_pss_mib"]
    assert set(build["stages"]) == {"en", "zh", "zh-hant"}
    for stages in build["stages"].values():
        assert {"build", "generation", "search"} <= set(stages)
    assert 0 < build["stages"]["en"]["languages_wait"] < build["stages"]["en"]["build"]
    for lang in ("en", "zh", "zh-hant"):
        index = size["search_index"][lang]
        assert index["bytes"] > 1000 and index["has_sample"] and index["pages"] >= n
        assert index["bytes_per_briefing"] == pytest.approx(index["bytes"] / n, abs=1)
        runs = size["search_fetch"]["runs"][lang]
        assert runs and all(r["requests"] > 0 and r["bytes_served"] > 0 for r in runs)
        assert all(r["bytes_served"] < r["bytes_uncompressed"] for r in runs)
        # Every fetched file is of a known kind; the WebAssembly and the scripts come with every search.
        for r in [*runs, size["search_fetch"]["frequent_runs"][lang]]:
            assert {"wasm", "js", "entry/meta", "index", "fragments"} <= set(r["by_kind"]), r["by_kind"]
            assert sum(k["served"] for k in r["by_kind"].values()) == r["bytes_served"]
        assert 5000 < size["briefing_html_bytes"][lang] < 1_000_000
        # Every briefing page and at least home, topic index and archive: the floor rendered this corpus.
        assert size["floor"]["seconds"][lang] > 0 and size["floor"]["pages"][lang] >= n + 3
    ratio = build["seconds"] / size["floor"]["total_seconds"]
    assert size["build_floor_ratio"] == pytest.approx(ratio, rel=0.01)
    assert size["floor"]["cpu_seconds"] > 0 and size["build_floor_cpu_ratio"] > 0
    assert size["rebuild"]["returncode"] == 0
    listing = size["listing_pages"]
    assert 5000 < listing["max"] < 1_000_000 and listing["pages"] >= 3 * 3  # home, topics, archive x 3


@pytest.mark.slow
def test_bench_runs_at_a_tiny_size_and_reports_every_field(tmp_path):
    out = tmp_path / "results.json"
    # Two sizes in one run: each must be measured on its own corpus, nothing carried over.
    command = [sys.executable, "-m", "bench", "--sizes", "3,5", "--skip-serve", "--ingest-seeds", "4",
               "--editions-from", "5", "--out", str(out), "--workdir", str(tmp_path / "work")]
    proc = subprocess.run(command,
                          cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "| target | value | limit | status |" in proc.stdout
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["machine"]["cpus"] >= 1 and "load average" in results["machine"]["uptime"]
    assert [s["n"] for s in results["sizes"]] == [3, 5]
    for size in results["sizes"]:
        _check_size(size)
    # The build without the weekly editions, measured at the sizes from --editions-from only.
    assert "editions" not in results["sizes"][0]
    editions = results["sizes"][1]["editions"]
    assert editions["returncodes"] == [0, 0, 0] and editions["editions"] >= 1
    assert editions["without_seconds"] > 0 and len(editions["with_seconds"]) == 2
    assert editions["stage_seconds"] > 0  # the driver timed the plugin's edition stages
    assert "Editions (N=5" in proc.stdout
    ingest = results["ingest"]
    assert ingest["all"]["returncode"] == 0 and ingest["all"]["results"] == 4
    assert ingest["all"]["cpu_seconds"] > 0
    assert "serve" not in results
    statuses = {t["target"]: t["status"] for t in results["targets"]}
    assert statuses["build / floor at N=1000"] == "n/a"
    assert statuses["serve edit -> page seconds at N=1000"] == "n/a"
    assert set(statuses.values()) <= {"PASS", "FAIL", "n/a", "info"}
    # The Hugo + Pagefind peer is built at each size when hugo is installed, and judged against the build.
    peer_rows = [t["target"] for t in results["targets"] if t["target"].startswith("build / (Hugo")]
    if hugo_peer.available():
        assert peer_rows == ["build / (Hugo + Pagefind) at N=3", "build / (Hugo + Pagefind) at N=5"]
        assert all(s["hugo_peer"]["seconds"] > 0 for s in results["sizes"])
        assert "Hugo + Pagefind at N=5 (" in proc.stdout
    else:
        assert peer_rows == []


def test_bad_sizes_are_refused_with_a_message():
    proc = subprocess.run([sys.executable, "-m", "bench", "--sizes", "ten"], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 2
    assert "expected sizes like 100,1000,3000, got 'ten'" in proc.stderr


def test_search_profile_takes_each_part_out_of_the_records(tmp_path):
    from bench import search_profile

    rows = {r["records"]: r for r in search_profile.profile(5, tmp_path, ["zh-hant"])}
    assert list(rows) == ["all", "no characters line"]
    assert rows["no characters line"]["words"] < rows["all"]["words"]
    assert all(r["pagefind_cpu_seconds"] > 0 and r["peak_pagefind_mib"] > 0 for r in rows.values())
    assert all(r["records_seconds"] > 0 for r in rows.values())


def test_the_english_build_indexes_every_site_in_processes_of_its_own_and_no_build_segments(tmp_path):
    """Once every language is built (their processes ended), the English build indexes the three sites,
    each in a process of its own (search_index.index_beside); the Chinese records are segmented by a
    helper beside the builds, so neither a build nor an index segments them."""
    from bench import measure

    corpus.write_corpus(tmp_path / "corpus", 4)
    run = measure.run_build(tmp_path / "corpus" / "briefings", tmp_path / "site", tmp_path)
    assert run.returncode == 0, run.log_tail
    lines = [json.loads(line) for line in (tmp_path / "stages.jsonl").read_text().splitlines() if line]
    builds = {line["lang"]: line["pid"] for line in lines if line["stage"] == "build"}
    assert sorted(builds) == ["en", "zh", "zh-hant"]
    # The Chinese sites are built beside the English one, in as many workers as the machine has for them.
    workers = projects.worker_count(2, os.cpu_count())
    assert builds["en"] not in (builds["zh"], builds["zh-hant"]) and len(set(builds.values())) == 1 + workers
    searches = {line["lang"]: (line["pid"], line["calls"]) for line in lines if line["stage"] == "search"}
    assert sorted(searches) == ["en", "zh", "zh-hant"]
    assert all(calls == 1 for _, calls in searches.values())
    index_pids = {pid for pid, _ in searches.values()}
    assert len(index_pids) == 3 and not index_pids & set(builds.values())
    assert [line for line in lines if line["stage"] == "search_records"] == []
    # The helper's records and pages are what the indexes read: each Chinese site's are in the build cache.
    records = cached.values(tmp_path / "corpus" / "cache", search_index.RECORD_CACHE)
    pages = sum(len(search_index.built_pages(tmp_path / "site" / prefix)) for prefix in ("zh", "zh-hant"))
    assert len(records) == 2 * (4 + len(list(load_taxonomy()))) + pages  # briefings, topics, names, pages
    waited = next(line for line in lines if line["lang"] == "en" and line["stage"] == "languages_wait")
    assert waited["calls"] == 1
    for prefix in ("", "zh/", "zh-hant/"):
        assert (tmp_path / "site" / prefix / "pagefind" / "pagefind-entry.json").is_file()


@pytest.mark.browser
def test_a_search_is_timed_pasted_and_typed_and_its_bytes_counted(fixture_site, chromium):
    from bench import search

    # The session's Chromium: a second Playwright cannot start inside the one the browser tests run.
    result = search.measure_search(fixture_site, {"en": ["Altman"], "zh-hant": ["開源"]}, browser=chromium)
    for lang, runs in result["runs"].items():
        (run,) = runs
        assert run["requests"] > 0 and run["bytes_served"] > 0, lang
        assert run["count_line"] and not run["count_line"].startswith("0"), (lang, run["count_line"])
        assert 0 < run["typed_results_seconds"] < search.TIMEOUT_MS / 1000, lang
        assert 0 < run["first_results_seconds"] < search.TIMEOUT_MS / 1000, lang
    assert result["max_typed_results_seconds"] == max(r["typed_results_seconds"]
                                                      for rs in result["runs"].values() for r in rs)


def test_each_build_and_index_gives_back_its_free_memory(tmp_path):
    """Each language's build hands its free heap back to the system once its pages are written (before
    it waits for the others), the root too once it let go of OpenCC before the indexes; each process
    that makes a share of an index once it has let go of jieba's dictionary (before Pagefind starts)
    and after each part: the memory the others can use meanwhile (bench/results/2026-12-07-peak.txt)."""
    from bench import measure

    corpus.write_corpus(tmp_path / "corpus", 4)
    run = measure.run_build(tmp_path / "corpus" / "briefings", tmp_path / "site", tmp_path)
    assert run.returncode == 0, run.log_tail
    lines = [json.loads(line) for line in (tmp_path / "stages.jsonl").read_text().splitlines() if line]
    builds = {line["lang"]: line["pid"] for line in lines if line["stage"] == "build"}
    size = search_index.part_pages()
    released: dict[int, int] = collections.Counter()
    for line in lines:
        if line["stage"] == "release":
            released[line["pid"]] += line["calls"]
    # After each build's pages (a build's lines count from its start: a worker's release between two
    # languages is before the second, tests/test_projects.py checks it); the root twice more, once it
    # let go of OpenCC before the helper segments the built pages, and before the index processes fork.
    expected = collections.Counter(builds.values())
    expected[builds["en"]] += 2
    assert {pid: released[pid] for pid in expected} == expected
    for lang, prefix in (("en", ""), ("zh", "zh/"), ("zh-hant", "zh-hant/")):
        entry = json.loads((tmp_path / "site" / prefix / "pagefind" / "pagefind-entry.json").read_text())
        (pages,) = [language["page_count"] for language in entry["languages"].values()]
        parts = -(-pages // size)
        assert parts > 1, (lang, pages, size)  # the index is made in parts here
        # Its shares and its merge, each a process of its own: each share once jieba is let go of,
        # then after each of its parts; the merge gives back all it held as it ends.
        indexes = {line["pid"] for line in lines if line["stage"] == "search" and line["lang"] == lang}
        shares = len(indexes) - 1
        assert shares > 1 and not set(indexes) & set(expected), lang
        assert sum(released[pid] for pid in indexes) == parts + shares, lang

