"""The benchmark suite: ``python -m bench [--sizes 100,1000,3000] [--out FILE] [--skip-serve]``.

For each size N a seeded synthetic corpus is generated, built in all three languages, and compared with
the floor measured in the same run and, when ``hugo`` is installed (``make bench-deps``), with Hugo +
Pagefind building the same corpus (bench/hugo_peer.py); then ingest throughput and the ``mkdocs serve``
edit latency. The results are printed as a table and written as JSON (default
``bench/results/<date>.json``). Targets that fail are marked FAIL in the table; the exit status is
non-zero only when a measurement could not be made (a build that failed), since benchmarks report,
they do not gate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import corpus as corpus_mod
from bench import hugo_peer, measure
from bench.targets import evaluate, render_report

RESULTS_DIR = Path(__file__).resolve().parent / "results"
DEFAULT_SIZES = "100,1000,3000"
SERVE_SIZE = 1000
INGEST_SEEDS = 1000


def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 100,1000,3000, got {text!r}") from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError(f"expected positive sizes, got {text!r}")
    return sizes


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=_sizes, default=_sizes(DEFAULT_SIZES),
                        help=f"numbers of briefings to build, comma-separated (default: {DEFAULT_SIZES})")
    parser.add_argument("--out", type=Path, help="JSON results file (default: bench/results/<date>.json)")
    parser.add_argument("--skip-serve", action="store_true",
                        help="do not measure the mkdocs serve edit latency")
    parser.add_argument("--skip-ingest", action="store_true", help="do not measure ingest throughput")
    parser.add_argument("--skip-peer", action="store_true",
                        help="do not build the Hugo + Pagefind peer (built only when hugo is installed)")
    parser.add_argument("--serve-size", type=int, default=SERVE_SIZE,
                        help=f"briefings in the corpus served for the edit latency (default: {SERVE_SIZE})")
    parser.add_argument("--ingest-seeds", type=int, default=INGEST_SEEDS,
                        help=f"raw seeds for the ingest throughput (default: {INGEST_SEEDS})")
    parser.add_argument("--jobs", type=int, default=0, help="ingest worker processes (default: all cores)")
    parser.add_argument("--editions-from", type=int, default=measure.EDITIONS_COST_MIN, metavar="N",
                        help="from this size, also build without the weekly editions to measure their cost "
                             f"(default: {measure.EDITIONS_COST_MIN})")
    parser.add_argument("--seed", type=int, default=corpus_mod.DEFAULT_SEED, help="corpus random seed")
    parser.add_argument("--workdir", type=Path,
                        help="keep corpora and sites here (default: a temporary folder)")
    return parser


def _write_corpus(root: Path, n: int, seed: int) -> float:
    start = time.perf_counter()
    corpus_mod.write_corpus(root, n, seed=seed)
    return round(time.perf_counter() - start, 3)


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Every measurement the arguments ask for, as one JSON-ready mapping."""
    import os

    work = args.workdir or Path(tempfile.mkdtemp(prefix="ai-briefing-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus_dir = work / "corpus"
    jobs = args.jobs or os.cpu_count() or 1
    sample_id = corpus_mod.make_briefing(0, args.seed).id
    results: dict[str, Any] = {
        "date": dt.date.today().isoformat(), "machine": measure.machine(), "seed": args.seed,
        "sample_briefing": sample_id, "sizes": [],
    }
    try:
        for n in args.sizes:
            print(f"bench: {n} briefings ...", file=sys.stderr, flush=True)
            corpus_seconds = _write_corpus(corpus_dir, n, args.seed)
            size = measure.measure_size(n, corpus_dir, work, sample_id, rebuild=n <= SERVE_SIZE,
                                        editions_from=args.editions_from)
            size["corpus_seconds"] = corpus_seconds
            if not args.skip_peer and "error" not in size and hugo_peer.available():
                print(f"bench: Hugo + Pagefind, {n} briefings ...", file=sys.stderr, flush=True)
                size["hugo_peer"] = hugo_peer.measure_peer(corpus_dir / "briefings", work / f"hugo-{n}")
                shutil.rmtree(work / f"hugo-{n}", ignore_errors=True)
            results["sizes"].append(size)
            shutil.rmtree(work / f"site-{n}", ignore_errors=True)
        if not args.skip_ingest:
            print(f"bench: ingest of {args.ingest_seeds} seeds ...", file=sys.stderr, flush=True)
            _write_corpus(corpus_dir, args.ingest_seeds, args.seed)
            seeds = sorted((corpus_dir / "seeds").glob("*.txt"))[: args.ingest_seeds]
            results["ingest"] = measure.measure_ingest(seeds, jobs)
        if not args.skip_serve:
            print(f"bench: mkdocs serve with {args.serve_size} briefings ...", file=sys.stderr, flush=True)
            _write_corpus(corpus_dir, args.serve_size, args.seed)
            newest = max(corpus_mod.iter_briefings(args.serve_size, args.seed),
                         key=lambda b: (b.date.isoformat() if b.date else "", b.id))
            serve = measure.measure_serve(corpus_dir, corpus_dir / "briefings" / f"{newest.id}.md")
            results["serve"] = {"n": args.serve_size, **serve}
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    results["machine"]["load_end"] = [round(x, 2) for x in os.getloadavg()]
    results["targets"] = evaluate(results)
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks, print the table, write the JSON."""
    args = build_parser().parse_args(argv)
    results = run(args)
    out = args.out or RESULTS_DIR / f"{results['date']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(render_report(results))
    print(f"\nresults written to {out}")
    failed = [s for s in results["sizes"] if "error" in s]
    for s in failed:
        print(f"bench: N={s['n']}: {s['error']}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
