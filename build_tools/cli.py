"""Command line: parses arguments only and calls the library. ``python -m build_tools --help``."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from build_tools import __version__
from build_tools.errors import InputError, Problem, display_path

if TYPE_CHECKING:
    from build_tools.ingest.pipeline import SeedOutcome

ROOT = Path(__file__).resolve().parent.parent


def _cmd_check(args: argparse.Namespace) -> int:
    from build_tools.briefing.leftovers import junk_lines, leftover_problems
    from build_tools.briefing.names import name_notes
    from build_tools.briefing.schema import load_briefings, work_left
    from build_tools.briefing.taxonomy import load_taxonomy
    from build_tools.ingest.tagging import Tagger

    tax = load_taxonomy()
    # Introductions to editions (editions/<week>.md) are in the briefing format, with rules of their own.
    edition_paths = [Path(p) for p in args.paths if Path(p).resolve().parent.name == "editions"]
    paths = [p for p in args.paths if Path(p) not in edition_paths]
    if not args.paths:
        paths = [ROOT / "briefings"]
    briefings, problems = load_briefings(paths, tax, root=ROOT)
    tagger = Tagger(tax)
    notes = []
    for b in briefings:
        found, ack_problems = name_notes(b, tagger)
        notes += found
        problems += ack_problems
        problems += leftover_problems(b)  # a menu for a title, contact details: never published
    problems = sorted({*problems, *_duplicate_problems(briefings, checked_all=not args.paths)})
    problems = sorted({*problems, *_edition_problems(edition_paths, briefings, checked_all=not args.paths)})
    todo = [item for b in briefings
            for item in sorted([*work_left(b), *junk_lines(b)], key=lambda p: p.line)]
    if args.strict:
        problems += todo + notes
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        files = len({p.path for p in problems})
        print(f"{len(problems)} problem{'s' * (len(problems) != 1)} in {files} file{'s' * (files != 1)}",
              file=sys.stderr)
        return 1
    if not args.quiet:
        # A valid draft is not a finished briefing: say what is left, without failing the check.
        for item in todo:
            print(f"{item.path}:{item.line}: to do: {item.message}")
        for item in notes:  # names the article is about that the briefing does not list
            print(Problem(item.path, item.line, f"note: {item.message}"))
        unfinished = len({item.path for item in todo})
        left = f"; {unfinished} still {'has' if unfinished == 1 else 'have'} work to do" if unfinished else ""
        n = len(edition_paths)
        intros = f", {n} introduction{'s' * (n != 1)}" if n else ""
        print(f"{len(briefings)} briefing{'s' * (len(briefings) != 1)}{intros} OK{left}")
    return 0


def _duplicate_problems(briefings, *, checked_all: bool):
    """Near-duplicates among the checked files, and of a checked file with any other briefing."""
    from build_tools.briefing.duplicates import find_near_duplicates
    from build_tools.briefing.schema import briefing_paths, read_briefing

    others = []
    if not checked_all:  # checking some files: compare them with the whole collection too
        checked = {b.path for b in briefings}
        others = [b for p in briefing_paths([ROOT / "briefings"])
                  if (b := read_briefing(p)[0]) is not None and b.path not in checked]
    return find_near_duplicates(briefings, others=others)


def _edition_problems(paths: list[Path], briefings, *, checked_all: bool):
    """Problems of the editions folder (everything, when the whole collection is checked) or of the
    introductions among ``paths``."""
    from build_tools.briefing.editions import check_editions, read_editions, read_intro, week_of

    if checked_all:
        found, problems = read_editions(ROOT / "editions")
        return problems + check_editions(found, {week_of(b.date) for b in briefings if b.date})
    return [p for path in paths for p in read_intro(path)[1]]


def _cmd_edition(args: argparse.Namespace) -> int:
    from build_tools.briefing.editions import EDITIONS_DIR, LEDGER_FILE, number_editions, parse_week
    from build_tools.site.collect import load_corpus
    from build_tools.site.edition_pages import edition_range, edition_title
    from build_tools.site.language import LANGUAGES

    corpus = load_corpus()
    editions = corpus.editions
    if args.number:
        ledger = corpus.briefings_dir.parent / EDITIONS_DIR / LEDGER_FILE
        added = number_editions(ledger, set(editions.by_week))
        for new_week, number in added.items():
            print(f"{display_path(ledger)}: {new_week} is edition {number}")
        if not added:
            print(f"{display_path(ledger)}: every edition has its number")
        if args.week is None:
            return 0
        corpus = load_corpus()
        editions = corpus.editions
    week: str | None = parse_week(args.week) if args.week else None
    if not args.week and editions.latest is not None:
        week = editions.latest.week
    if week is None:
        shown = (f"'{args.week}' is not a week; write it as 2024-w22" if args.week
                 else "there are no editions yet")
        print(f"edition: {shown}", file=sys.stderr)
        return 1
    edition = editions.by_week.get(week)
    if edition is None:
        known = ", ".join(list(editions.by_week)[:5])
        print(f"edition: no briefing is dated in week {week}, so it has no edition (newest: {known})",
              file=sys.stderr)
        return 1
    langs = [args.lang] if args.lang else list(LANGUAGES)
    if not args.email:
        en = LANGUAGES["en"]
        print(f"{edition_title(en, edition)} ({edition.week}): {edition_range(en, edition)}, "
              f"{len(edition.briefings)} briefing{'s' * (len(edition.briefings) != 1)}")
        for bid in edition.briefings:
            print(f"  {bid}")
        return 0
    from build_tools.site.publish.newsletter import edition_mail, write_mail

    root = _site_url(args.site_url)
    for code in langs:
        lang = LANGUAGES[code]
        mail = edition_mail(edition, lang, corpus, root + lang.prefix)
        for path in write_mail(mail, args.out, f"{edition.week}.{code}"):
            print(display_path(path))
    return 0


def _site_url(given: str | None) -> str:
    """The site's absolute root URL: ``--site-url``, else mkdocs.yml's ``site_url`` (SITE_URL sets it)."""
    if given is None:
        from mkdocs.config import load_config

        given = load_config(str(ROOT / "mkdocs.yml")).site_url or ""
    if not re.fullmatch(r"https?://[^\s<>\"'`\\]+", given):
        raise InputError(Problem("--site-url", 0, f"expected an absolute http(s) URL, got {given!r}"))
    return given.rstrip("/") + "/"


def _cmd_ingest(args: argparse.Namespace) -> int:
    from build_tools.ingest.pipeline import IngestOptions, run_ingest
    from build_tools.progress import Progress

    seeds, urls, fetch_failed = _fetch_urls(args)
    options = IngestOptions(seeds=seeds, out=Path(args.out), force=args.force, jobs=args.jobs,
                            extract_only=args.json, source_urls=urls)
    with Progress(len(options.seeds), label="ingest", enabled=args.progress) as progress:
        report = run_ingest(options, lambda done, total: progress.advance())
        for outcome in report.outcomes:
            _print_outcome(args, outcome, warn=progress.write)
    if not args.json and report.written and not args.quiet:
        print("next: review each draft (title, date, summary, key points, translation), then run "
              "`python -m build_tools check`")
    return 0 if report.ok and not fetch_failed else 1


def _fetch_urls(args: argparse.Namespace) -> tuple[list[Path], dict[Path, str], bool]:
    """The seeds to ingest, web addresses fetched into --seeds-dir first; and whether a fetch failed."""
    from build_tools.ingest.fetch import fetch_page, is_url, save_seed

    seeds: list[Path] = []
    urls: dict[Path, str] = {}
    failed = False
    for arg in args.seeds:
        if not is_url(arg):
            seeds.append(Path(arg))
            continue
        try:
            page = fetch_page(arg, timeout=args.timeout)
            path = save_seed(page, Path(args.seeds_dir))
        except InputError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            failed = True
            continue
        if not args.quiet and not args.json:
            print(f"{arg} -> {display_path(path)}: fetched ({len(page.body)} bytes)")
        seeds.append(path)
        urls[path] = page.final_url
    return seeds, urls, failed


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _print_outcome(args: argparse.Namespace, outcome: SeedOutcome, *, warn: Callable[[str], None]) -> None:
    """One seed's lines: problems and notes through ``warn`` (stderr), the rest on stdout."""
    ex = outcome.extraction
    if ex is None:
        for p in outcome.problems:
            warn(str(p))
        return
    for name, count in ex.suggestions:
        warn(f"{ex.path}: note: '{name}' ({count}x) is not in the taxonomy; add it to "
             "build_tools/data/taxonomy.yaml if the story is about it")
    if args.json:
        print(json.dumps(ex.to_json(), ensure_ascii=False), flush=True)
        return
    for p in outcome.problems:  # the draft was not written: a person has edited it
        warn(str(p))
    if outcome.problems:
        return
    if not args.quiet:
        notes = [f"{_count(len(ex.paragraphs), 'paragraph')}, {_count(len(ex.dropped), 'line')} dropped"]
        if ex.title_derived:
            notes.append("title derived (no headline in the seed)")
        if ex.date is None:
            notes.append("no date stated: fill in 'date'")
        if outcome.seed is None:
            notes.append("seed is outside seeds/: copy it there and set 'seed'")
        assert outcome.target is not None  # written, since it has no problem
        print(f"{ex.path} -> {display_path(outcome.target)}: {outcome.status} ({'; '.join(notes)})")
    if args.report:
        for d in ex.dropped:
            print(f"{ex.path}:{d['line']}: dropped ({d['reason']}): {d['text']}")


def _cmd_translate(args: argparse.Namespace) -> int:
    """0 when every briefing is drafted, 1 on failures, 2 without a backend, 130 when interrupted."""
    from build_tools.translate.chat_client import BackendConfigError
    from build_tools.translate.drafts import MemoryFileError, Outcome, TranslateOptions, run_translate

    quiet = bool(args.quiet) or os.environ.get("CI", "").lower() == "true"
    options = TranslateOptions(briefings=[Path(b) for b in args.briefings], base_url=args.base_url,
                               model=args.model, timeout=args.timeout, config=args.config, memory=args.memory,
                               force=args.force)

    def show(outcome: Outcome) -> None:
        for line in outcome.problems + outcome.warnings:
            print(line, file=sys.stderr)
        if outcome.note and not quiet:
            print(outcome.note)

    try:
        report = run_translate(options, show)
    except BackendConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    except MemoryFileError as exc:
        print(exc, file=sys.stderr)
        return 1
    if report.not_attempted:
        left = report.not_attempted
        print(f"stopped: {left} briefing{'s' * (left != 1)} not attempted; fix the backend at "
              f"{report.base_url} and run again", file=sys.stderr)
    if report.interrupted:
        added = report.memory_added
        print(f"interrupted: {added} new translation{'s' * (added != 1)} kept in "
              f"{display_path(report.memory_path)}; run the command again to resume", file=sys.stderr)
        return 130
    return 1 if report.failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m build_tools",
                                     description="AI Briefing: seeds in, bilingual briefings out.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for name, help_text in (("ingest", "turn raw seed articles into draft briefings in briefings/"),
                            ("new", "same as ingest: start a briefing from a seed")):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("seeds", nargs="+", metavar="SEED",
                       help="seed files (.txt, .md or .html), or web addresses (http or https) to fetch")
        p.add_argument("--seeds-dir", type=Path, default=ROOT / "seeds",
                       help="folder that keeps each fetched page as a seed (default: seeds/)")
        p.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS",
                       help="give up fetching a web address after this long (default: 20)")
        p.add_argument("--json", action="store_true",
                       help="print the extraction of each seed as one JSON object per line; write nothing")
        p.add_argument("--out", type=Path, default=ROOT / "briefings",
                       help="folder for drafts (default: briefings/)")
        p.add_argument("--force", action="store_true", help="overwrite a briefing that a person has edited")
        p.add_argument("--jobs", type=int, default=0,
                       help="worker processes for batches (default: all cores)")
        p.add_argument("--progress", action="store_true", default=None,
                       help="show progress (default: on for a terminal, off in CI)")
        p.add_argument("--quiet", "-q", action="store_true", help="print only problems")
        p.add_argument("--report", action="store_true", help="list every dropped line with its reason")
        p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser("check", help="validate briefings; every problem as path:line: message",
                       description="Validate briefings: schema, ids, dates, tags, "
                                   "alignment of both languages.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="briefing files or folders (default: briefings/)")
    p.add_argument("--strict", action="store_true",
                   help="also fail on translations still pending or machine-made")
    p.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("translate", help="draft the missing translation of a briefing with a machine backend",
                       description="Fill the pending language of a briefing with a machine draft "
                                   "(status: machine).")
    p.add_argument("briefings", nargs="+", metavar="BRIEFING", help="briefing files")
    p.add_argument("--backend", default="openai", choices=["openai"], help="translation backend")
    p.add_argument("--base-url", help="OpenAI-compatible API base URL (env AI_BRIEFING_BASE_URL)")
    p.add_argument("--model", help="model name (env AI_BRIEFING_MODEL)")
    p.add_argument("--memory", type=Path,
                   help="translation memory file (default: .cache/translation-memory.jsonl)")
    p.add_argument("--config", type=Path, help="TOML config file with base_url, model, api_key_env")
    p.add_argument("--timeout", type=float, help="seconds to wait for each answer (default: 120)")
    p.add_argument("--force", action="store_true",
                   help="redraft every part, even a translation a person has reviewed or edited")
    p.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    p.set_defaults(func=_cmd_translate)

    p = sub.add_parser("edition", help="show a weekly edition, write it as email, or number new editions",
                       description="A weekly edition (the briefings of one ISO week): show it, write it as "
                                   "an email (--email), or give new editions their numbers (--number).")
    p.add_argument("week", nargs="?", metavar="WEEK", help="the edition's week, such as 2024-w22 "
                                                           "(default: the newest edition)")
    p.add_argument("--email", action="store_true",
                   help="write WEEK.LANG.html (self-contained, inline styles), .txt and .eml (both parts)")
    p.add_argument("--lang", choices=["en", "zh", "zh-hant"], help="one site language (default: all three)")
    p.add_argument("--out", type=Path, default=ROOT / "build" / "editions",
                   help="folder for the email files (default: build/editions/)")
    p.add_argument("--site-url", help="absolute URL of the site the links lead to "
                                      "(default: site_url of mkdocs.yml, which SITE_URL sets)")
    p.add_argument("--number", action="store_true",
                   help="append a number for every edition without one to editions/numbers.yaml")
    p.set_defaults(func=_cmd_edition)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point: run one command; bad input is reported as path:line: message with exit 1."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
