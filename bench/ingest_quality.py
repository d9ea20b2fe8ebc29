"""Ingest quality on the labelled corpus: ``python -m bench.ingest_quality --split SPLIT``.

Every page of ``tests/ingest_corpus/<split>/`` is put through the ingest stage (the library, as
``python -m build_tools ingest`` runs it) and compared with its gold file. Per split:

- recall       mean over pages of the share of article lines (headline and body) that were kept; for an
               HTML page, of the gold paragraphs found in the kept text
- junk         characters of kept lines that are not article, as a share of all kept characters (pooled
               over the split)
- title, date, outlet   share of pages exactly right, after normalising spaces and character width (the
               outlet also case-insensitively: CIRCUIT ALLEY on a masthead is Circuit Alley)
- tag precision         predicted ids found in ``tags`` or ``tags_optional`` / predicted ids (pooled)
- tag recall            ids of ``tags`` predicted / ids of ``tags`` (pooled)

The predicted ids are the draft's topic tags and the entities it is about (``Extraction.about``).
Results go to ``bench/results/ingest-quality-<split>.json`` and ``.txt``. ``--pages`` adds the per-page
rows to the output. Every split in the repository (each folder of ``tests/ingest_corpus/``) has been
scored and tuned on: it is development data. What the project reports is a held-out split that is not in
the repository while the ingest stage is developed; such a split (``HELD_OUT``) is scored as a whole, once.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "ingest_corpus"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
PAGE_SUFFIXES = (".txt", ".md", ".html")
# Splits never looked at page by page: scored as a whole, once. None now: holdout was scored once
# (2026-12-06, commit 0998c65) and is development data since, like test and fresh.
HELD_OUT: tuple[str, ...] = ()
# The targets of the issue that asked for this measurement (issue 11).
TARGETS = {"recall": (">=", 0.98), "junk": ("<=", 0.05), "title": (">=", 0.90), "date": (">=", 0.90),
           "outlet": (">=", 0.90), "tag_precision": (">=", 0.90)}


def normalise(text: str | None) -> str | None:
    """Text as compared: NFKC (full-width punctuation and letters made narrow), runs of spaces made one."""
    if text is None:
        return None
    return " ".join(unicodedata.normalize("NFKC", str(text)).split())


def _outlet_key(name: str | None) -> str | None:
    """An outlet's name as compared: normalised and case-folded (a masthead in capitals is the same name)."""
    shown = normalise(name)
    return shown.casefold() if shown else shown


def squash(text: str) -> str:
    """Letters, digits and Han only, case-folded: for finding a paragraph inside other text."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


@dataclass
class PageScore:
    """One page's scores."""

    name: str
    recall: float
    kept_chars: int
    junk_chars: int
    title: bool
    date: bool
    outlet: bool
    predicted: list[str]
    tags: list[str]
    allowed: list[str]
    got: dict[str, Any]
    missed: list[str]
    junk: list[str]


def score_page(page: Path, gold: dict[str, Any]) -> PageScore:
    """Ingest one page and compare it with its gold file."""
    from build_tools.errors import InputError
    from build_tools.ingest.pipeline import extract, read_seed

    try:
        ex = extract(page)
    except InputError:
        ex = None
    if ex is None:
        kept_texts: list[tuple[int, str]] = []
        title = date = source = None
        predicted: list[str] = []
    else:
        dropped = {d["line"] for d in ex.dropped}
        title, date, source = ex.title, ex.date, ex.source
        predicted = list(dict.fromkeys(ex.tags + ex.about))
        if page.suffix == ".html":
            kept_texts = [(0, k.text) for k in ex.paragraphs]
        else:
            lines, _, _ = read_seed(page)
            kept_texts = [(n, text.strip()) for n, text in enumerate(lines, 1)
                          if text.strip() and n not in dropped]
    if page.suffix == ".html":
        recall, kept_chars, junk_chars, missed, junk = _html_lines(gold, kept_texts)
    else:
        recall, kept_chars, junk_chars, missed, junk = _text_lines(page, gold, kept_texts)
    tags = list(gold.get("tags") or [])
    allowed = tags + list(gold.get("tags_optional") or [])
    got = {"title": title, "date": date, "source": source}
    return PageScore(
        name=page.name, recall=recall, kept_chars=kept_chars, junk_chars=junk_chars,
        title=normalise(title) == normalise(gold.get("title")),
        date=(date or None) == (gold.get("date") or None),
        outlet=_outlet_key(source) == _outlet_key(gold.get("source")),
        predicted=predicted, tags=tags, allowed=allowed, got=got, missed=missed, junk=junk)


def _text_lines(page: Path, gold: dict[str, Any], kept: list[tuple[int, str]]):
    keep = set(gold.get("keep") or [])
    raw = page.read_text(encoding="utf-8").splitlines()
    kept_numbers = {n for n, _ in kept}
    recall = len(keep & kept_numbers) / len(keep) if keep else 1.0
    junk_lines = [(n, text) for n, text in kept if n not in keep]
    kept_chars = sum(len(text) for _, text in kept)
    missed = [raw[n - 1].strip() for n in sorted(keep - kept_numbers) if n <= len(raw)]
    return (recall, kept_chars, sum(len(t) for _, t in junk_lines), missed, [t for _, t in junk_lines])


def _html_lines(gold: dict[str, Any], kept: list[tuple[int, str]]):
    paragraphs = [squash(p) for p in gold.get("paragraphs") or []]
    joined = squash("".join(text for _, text in kept))
    found = [p for p in paragraphs if p and p in joined]
    recall = len(found) / len(paragraphs) if paragraphs else 1.0
    article = "\n".join(paragraphs)
    junk = [text for _, text in kept if squash(text) and squash(text) not in article]
    missed = [p for p, s in zip(gold.get("paragraphs") or [], paragraphs, strict=True) if s not in joined]
    return (recall, sum(len(t) for _, t in kept), sum(len(t) for t in junk), missed, junk)


def splits() -> list[str]:
    """The corpus's splits: its folders that hold labelled pages."""
    return sorted(folder.name for folder in CORPUS.iterdir()
                  if folder.is_dir() and any(folder.glob("*.yaml")))


def pages_of(split: str) -> list[tuple[Path, dict[str, Any]]]:
    """The pages of a split with their gold files, in name order."""
    folder = CORPUS / split
    out = []
    for gold_path in sorted(folder.glob("*.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        page = folder / gold["seed"]
        if page.suffix in PAGE_SUFFIXES and page.is_file():
            out.append((page, gold))
    return out


def summarise(scores: list[PageScore]) -> dict[str, Any]:
    """The split's aggregate table."""
    n = len(scores)
    kept = sum(s.kept_chars for s in scores)
    predicted = sum(len(s.predicted) for s in scores)
    right = sum(len([p for p in s.predicted if p in s.allowed]) for s in scores)
    wanted = sum(len(s.tags) for s in scores)
    found = sum(len([t for t in s.tags if t in s.predicted]) for s in scores)
    return {
        "pages": n,
        "recall": round(sum(s.recall for s in scores) / n, 4) if n else None,
        "junk": round(sum(s.junk_chars for s in scores) / kept, 4) if kept else 0.0,
        "title": round(sum(s.title for s in scores) / n, 4) if n else None,
        "date": round(sum(s.date for s in scores) / n, 4) if n else None,
        "outlet": round(sum(s.outlet for s in scores) / n, 4) if n else None,
        "tag_precision": round(right / predicted, 4) if predicted else None,
        "tag_recall": round(found / wanted, 4) if wanted else None,
    }


def render_table(split: str, summary: dict[str, Any]) -> str:
    """The table as text, with each target and whether it is met."""
    rows = [f"ingest quality, split {split!r}: {summary['pages']} pages", ""]
    for key in ("recall", "junk", "title", "date", "outlet", "tag_precision", "tag_recall"):
        value = summary[key]
        shown = "-" if value is None else (f"{value:.1%}" if key == "junk" else f"{value:.3f}")
        target = TARGETS.get(key)
        verdict = ""
        if target and value is not None:
            op, bound = target
            ok = value >= bound if op == ">=" else value <= bound
            verdict = f"target {op} {bound:g}  {'ok' if ok else 'FAIL'}"
        rows.append(f"  {key:<14} {shown:>8}   {verdict}")
    return "\n".join(rows) + "\n"


def page_rows(scores: list[PageScore]) -> list[dict[str, Any]]:
    """Per-page detail (development splits only)."""
    return [{"page": s.name, "recall": round(s.recall, 3), "junk_chars": s.junk_chars,
             "title": s.title, "date": s.date, "outlet": s.outlet, "got": s.got,
             "predicted": s.predicted, "wrong_tags": [p for p in s.predicted if p not in s.allowed],
             "missed_tags": [t for t in s.tags if t not in s.predicted],
             "missed": s.missed, "junk": s.junk} for s in scores]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest_quality",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--split", required=True, choices=splits(),
                        help="a folder of tests/ingest_corpus/")
    parser.add_argument("--pages", action="store_true",
                        help="print per-page detail (development splits only)")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help="folder for the results")
    args = parser.parse_args(argv)
    if args.pages and args.split in HELD_OUT:
        print("--pages: the held-out split is scored as a whole only", file=sys.stderr)
        return 2
    pages = pages_of(args.split)
    if not pages:
        print(f"{CORPUS / args.split}: no labelled pages", file=sys.stderr)
        return 1
    scores = [score_page(page, gold) for page, gold in pages]
    summary = summarise(scores)
    table = render_table(args.split, summary)
    result: dict[str, Any] = {"split": args.split, "summary": summary, "targets": TARGETS}
    if args.split not in HELD_OUT:
        result["pages"] = page_rows(scores)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / f"ingest-quality-{args.split}"
    stem.with_suffix(".json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n",
                                         encoding="utf-8")
    stem.with_suffix(".txt").write_text(table, encoding="utf-8")
    print(table, end="")
    if args.pages:
        print(json.dumps(result["pages"], ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
