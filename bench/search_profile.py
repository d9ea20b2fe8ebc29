"""What each part of the search records costs Pagefind: ``python -m bench.search_profile [--n 500]``.

The records of the seeded synthetic corpus are indexed by Pagefind's real service, one language at a
time, as the build does (search_index.write_index); then again without the line of every Chinese
character of a page. For each: the seconds spent making the records (on the Traditional site most of
it segmenting its Chinese into words), wall and CPU seconds of the Pagefind process, the words it
indexed, the index bytes per briefing and the peak memory of a Pagefind process; ``--part-pages``
compares the numbers of pages one Pagefind process indexes (the parts merged after). The line is taken
out of the very records the build makes, by its weight (search_index.CHARACTERS_WEIGHT): what is
measured is what is built.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench import corpus as corpus_mod
from build_tools.briefing.taxonomy import load_taxonomy
from build_tools.site import search_index
from build_tools.site.language import LANGUAGES

SAMPLE_SECONDS = 0.1
PARTS = {"characters": search_index.CHARACTERS_WEIGHT}
VARIANTS = (("all", ()), ("no characters line", ("characters",)))


def _without(record: search_index.Record, parts: tuple[str, ...]) -> search_index.Record:
    html = record.html
    for part in parts:
        html = re.sub(rf'<p data-pagefind-weight="{PARTS[part]}">[^<]*</p>', "", html)
    return search_index.Record(record.url, html)


class _PeakRSS(threading.Thread):
    """The peak RSS of this process's Pagefind children, sampled until stopped."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        me = str(os.getpid())
        while not self._stop_event.is_set():
            for status in Path("/proc").glob("[0-9]*/status"):
                try:
                    text = status.read_text()
                except OSError:
                    continue
                if "\nPPid:\t" + me + "\n" in text and text.startswith("Name:\tpagefind"):
                    # An exited process not yet reaped has no VmRSS line.
                    rss = [int(line.split()[1]) for line in text.splitlines() if line.startswith("VmRSS")]
                    self.peak = max([self.peak, *(kib * 1024 for kib in rss)])
            self._stop_event.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def _largest_child() -> int:
    """The peak RSS of the largest child this process has waited for (Pagefind processes): where every
    Pagefind process of a row ended between two samples (a few pages), an upper bound of their peak."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


def profile(n: int, work: Path, languages: list[str], part_pages: list[int] | None = None,
            variants: tuple[tuple[str, tuple[str, ...]], ...] = VARIANTS) -> list[dict[str, Any]]:
    """Index the ``n``-briefing corpus for each language, variant and number of pages a Pagefind
    process indexes (search_index.PART_PAGES); one row each."""
    tax = load_taxonomy()
    briefings = list(corpus_mod.iter_briefings(n))
    rows: list[dict[str, Any]] = []
    for code in languages:
        lang = LANGUAGES[code]
        start = time.perf_counter()
        words = search_index.segmenter(lang, tax)
        records = list(search_index.records(briefings, tax, lang, words))
        records_seconds = time.perf_counter() - start
        for (name, parts), part in itertools.product(variants, part_pages or [search_index.PART_PAGES]):
            search_index.PART_PAGES = part
            chosen = [_without(r, parts) for r in records]
            memory = _PeakRSS()
            memory.start()
            before, start = os.times(), time.perf_counter()
            report = search_index.write_index(work / f"{code}-{len(rows)}", lang, chosen)
            seconds, after = time.perf_counter() - start, os.times()
            memory.stop()
            rows.append({
                "language": code, "records": name, "part_pages": part,
                "records_seconds": round(records_seconds, 2),
                "seconds": round(seconds, 2),
                "pagefind_cpu_seconds": round(after.children_user + after.children_system
                                              - before.children_user - before.children_system, 3),
                "merge_cpu_seconds": round(after.user + after.system - before.user - before.system, 2),
                "words": report.words, "bytes_per_briefing": round(report.bytes / n),
                "peak_pagefind_mib": round((memory.peak or _largest_child()) / 2**20),
            })
            print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr, flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    """Profile, print a table, write the JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.search_profile",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500, help="briefings in the corpus (default: 500)")
    parser.add_argument("--languages", default="en,zh,zh-hant", help="site languages (default: all three)")
    parser.add_argument("--part-pages", default="",
                        help="pages per Pagefind process to compare, e.g. 250,100000 (default: the build's)")
    parser.add_argument("--all-records", action="store_true",
                        help="only the records the build makes (not also without the line of characters)")
    parser.add_argument("--out", type=Path, help="JSON results file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ai-briefing-search-profile-") as tmp:
        parts = [int(p) for p in args.part_pages.split(",") if p]
        variants = VARIANTS[:1] if args.all_records else VARIANTS
        rows = profile(args.n, Path(tmp), args.languages.split(","), parts, variants)
    head = ["language", "records", "part_pages", "records_seconds", "seconds", "pagefind_cpu_seconds",
            "merge_cpu_seconds", "words",
            "bytes_per_briefing", "peak_pagefind_mib"]
    print(f"Pagefind indexing of N={args.n} (load {os.getloadavg()[0]:.2f})\n")
    print("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
    for row in rows:
        print("| " + " | ".join(str(row[k]) for k in head) + " |")
    if args.out:
        args.out.write_text(json.dumps({"n": args.n, "rows": rows}, indent=2, ensure_ascii=False) + "\n",
                            encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
