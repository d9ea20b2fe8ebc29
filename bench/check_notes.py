"""What the notes for unlisted names cost ``check``: ``python -m bench.check_notes [--sizes 100,1000]``.

For each size N the seeded synthetic corpus is written; then, in one process, the briefings are read and
validated (``check`` without the notes) and the notes are computed with the tagger's matcher. The result is
the ratio of the two times, measured in the same run on the same machine, and the notes found per briefing
(the synthetic corpus names entities it does not list, so it has many more than curated briefings).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench import corpus as corpus_mod
from build_tools.briefing.names import name_notes
from build_tools.briefing.schema import load_briefings
from build_tools.briefing.taxonomy import load_taxonomy
from build_tools.ingest.tagging import Tagger


def measure(n: int, root: Path) -> dict[str, float]:
    """Seconds to read and validate ``n`` briefings, seconds to compute their notes, and the notes found."""
    corpus_mod.write_corpus(root, n)
    tax = load_taxonomy()
    start = time.perf_counter()
    briefings, _ = load_briefings([root / "briefings"], tax, root=root)
    validated = time.perf_counter()
    tagger = Tagger(tax)
    _ = tagger.tokenizer  # jieba's dictionary loads once per process; not a cost per briefing
    loaded = time.perf_counter()
    notes = sum(len(name_notes(b, tagger)[0]) for b in briefings)
    done = time.perf_counter()
    return {"n": n, "validate_s": validated - start, "notes_s": done - loaded,
            "ratio": (done - loaded) / (validated - start), "notes_per_briefing": notes / max(n, 1)}


def main(argv: list[str] | None = None) -> int:
    """Print one line per size: validation time, notes time, their ratio, notes per briefing."""
    parser = argparse.ArgumentParser(prog="python -m bench.check_notes", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="numbers of briefings, comma-separated")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(f"{'N':>6} {'validate s':>11} {'notes s':>9} {'notes/validate':>15} {'notes/briefing':>15}")
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="ai-briefing-check-notes-") as tmp:
            r = measure(n, Path(tmp))
        print(f"{n:>6} {r['validate_s']:>11.2f} {r['notes_s']:>9.2f} {r['ratio']:>15.2f} "
              f"{r['notes_per_briefing']:>15.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
