"""The peer the build is compared with: Hugo + Pagefind over the same bench corpus, in three languages.

``write_project`` turns the briefings of a bench corpus into a Hugo project: one content file per
briefing per language (en at ``/``, zh at ``/zh/``, zh-hant at ``/zh-hant/``) holding its title, date,
summary, key points and article, the article in the column a reader of that language sees first
(Markdown) and the other column where the briefing has one; topics and names (entities) as two Hugo
taxonomies, so Hugo renders a page per topic and per name as the site does, with the aliases on the
briefing page; a home and a briefings list paginated 50 a page as the site's lists are, related
briefings (Hugo's related content, which grows faster than the corpus: about half of Hugo's CPU time at
N=3,000, see bench/results/2026-12-06-hugo-peer.txt), a home feed of 50 items, and a minimal theme of its
own in ``layouts/`` (no external theme).
Pagefind indexes the main content of every page; the other column is left out of the index
(``data-pagefind-ignore``), as the site indexes only the column its readers see first, and topic,
name and year are filters, the date a sort key, as on the site.

``measure_peer`` then times, each in its own process tree with its wall seconds, CPU seconds and peak
memory: ``hugo --quiet`` (read the project, render all three languages into ``public/``) and
``python -m pagefind --site public`` (index them). Not timed: generating the corpus, reading the
briefing files and writing the Hugo project, nor the Simplified -> Traditional conversion of the
zh-hant text, which is done here with the project's own OpenCC helper (``build_tools.convert``) before
the clock starts. A Hugo site would hold that text ready-made, while the site's build converts inside its
timed run: the peer is neither charged nor credited for a conversion the site's build does.

``python -m bench.hugo_peer BRIEFINGS WORKDIR`` measures the peer alone and prints its figures as JSON.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.measure import MIB, run_measured
from build_tools.briefing.schema import read_briefing
from build_tools.briefing.taxonomy import Taxonomy, load_taxonomy
from build_tools.files import write_atomic
from build_tools.model import Briefing, Entry, Paragraph
from build_tools.site.language import LANGUAGES, SiteLanguage
from build_tools.site.render import entry_names, indexed_column

HUGO = "hugo"
# The site's list pages and home feed: PAGE_SIZE (build_tools/site/indexes.py), FEED_ITEMS (feeds.py).
PAGE_SIZE = 50
FEED_ITEMS = 50
# Hugo's two taxonomies: singular -> plural (the plural is the URL folder and the front matter key).
TAXONOMIES = {"topic": "topics", "entity": "entities"}
# The interface strings of the templates, from the site's own table (build_tools/site/language.py).
STRINGS = {"key_points": "briefing.key_points", "article": "briefing.article", "topics": "briefing.topics",
           "entities": "briefing.entities", "aliases": "briefing.aliases", "related": "briefing.related",
           "latest": "home.latest", "all_topics": "home.all_topics", "topics_title": "topics.title"}
# Markdown syntax that article text must not trigger: inline markers anywhere (ASCII punctuation may be
# backslash-escaped in CommonMark), and block markers at the start of a paragraph (lists, headings).
_INLINE = re.compile(r"([\\`*_\[\]#|~!])")
_BLOCK_START = re.compile(r"^(?:(\d+)([.)])|([-+=]))")
_PREFIX = {"h": "### ", "li": "- ", "quote": "> ", "p": ""}

# The minimal theme of the project: baseof, single, list (home and sections), taxonomy and term templates.
LAYOUTS = Path(__file__).resolve().parent / "hugo_layouts"


def available() -> bool:
    """True when ``hugo`` is on PATH (``make bench-deps`` installs Debian's)."""
    return shutil.which(HUGO) is not None


def hugo_version() -> str:
    """``hugo version``'s line, or an empty string without Hugo."""
    if not available():
        return ""
    proc = subprocess.run([HUGO, "version"], capture_output=True, text=True, check=False)
    return proc.stdout.strip()


# ----------------------------------------------------------------------------------------- the project

def markdown_text(text: str) -> str:
    """``text`` as literal Markdown: HTML escaped, Markdown's markers backslash-escaped, one line."""
    escaped = _INLINE.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def _article_markdown(paragraphs: Iterable[Paragraph], column: str, lang: SiteLanguage) -> str:
    blocks = []
    for p in paragraphs:
        text = lang.column(column, p.text(column), once=True)
        if text:
            blocks.append(_PREFIX.get(p.kind, "") + markdown_text(text))
    return "\n\n".join(blocks) + "\n"


def _document(front: dict[str, Any], body: str = "") -> str:
    # JSON front matter: json.dumps writes any text safely, where YAML would need care.
    return json.dumps(front, ensure_ascii=False, indent=1) + "\n\n" + body


def briefing_content(b: Briefing, lang: SiteLanguage, tax: Taxonomy) -> str:
    """The content file of briefing ``b`` on the ``lang`` site."""
    column = indexed_column(b, lang)
    other = "zh" if column == "en" else "en"
    entries = [e for e in (tax.get(key) for key in [*b.tags, *b.entities]) if e is not None]
    points = b.key_points.get(lang.body) or b.key_points.get(lang.other_body) or []
    point_lang = lang.body if b.key_points.get(lang.body) else lang.other_body
    front: dict[str, Any] = {
        "title": lang.pick(b.title), "summary": lang.pick(b.summary),
        "key_points": [lang.column(point_lang, p) for p in points],
        "topics": list(b.tags), "entities": list(b.entities),
        "names": list(dict.fromkeys(n for e in entries for n in entry_names(lang, e))),
    }
    if b.date:
        front["date"] = b.date.isoformat()
    other_column = [{"kind": p.kind, "text": lang.column(other, p.text(other), once=True)}
                    for p in b.paragraphs if p.text(other)]
    if other_column:
        front["other_column"] = other_column
        front["other_lang"] = lang.column_lang(other)
    return _document(front, _article_markdown(b.paragraphs, column, lang))


def term_content(entry: Entry, lang: SiteLanguage) -> str:
    """The content file of a topic's or name's term page: its label, other names and description."""
    front = {"title": lang.label(entry), "names": entry_names(lang, entry)[1:]}
    description = lang.pick(entry.description)
    return _document(front, markdown_text(description) + "\n" if description else "")


def hugo_config(languages: Iterable[SiteLanguage]) -> dict[str, Any]:
    """The project's configuration: three languages, the two taxonomies, pagination, related pages."""
    return {
        "baseURL": "http://127.0.0.1/", "title": "AI Briefing", "defaultContentLanguage": "en",
        "defaultContentLanguageInSubdir": False, "hasCJKLanguage": True, "paginate": PAGE_SIZE,
        "rssLimit": FEED_ITEMS, "taxonomies": TAXONOMIES, "enableRobotsTXT": False,
        # Article text is text: a web address in it stays as written, as on the site.
        "markup": {"goldmark": {"extensions": {"linkify": False}}},
        "outputs": {"home": ["HTML", "RSS"], "section": ["HTML"], "taxonomy": ["HTML"], "term": ["HTML"]},
        "related": {"includeNewer": True, "threshold": 80, "toLower": False,
                    "indices": [{"name": "topics", "weight": 100}, {"name": "entities", "weight": 80}]},
        "languages": {
            lang.code: {"languageName": lang.name, "languageCode": lang.html_lang, "weight": weight,
                        "contentDir": f"content/{lang.code}", "title": lang.t("site.name"),
                        "params": {key: lang.t(name) for key, name in STRINGS.items()}}
            for weight, lang in enumerate(languages, start=1)
        },
    }


def read_corpus(briefings_dir: Path) -> list[Briefing]:
    """Every briefing of a bench corpus folder, in file name order."""
    briefings = []
    for path in sorted(briefings_dir.glob("*.md")):
        briefing, problems = read_briefing(path)
        if briefing is None or problems:
            raise ValueError(f"{path}: not a valid briefing: {problems}")
        briefings.append(briefing)
    return briefings


def write_project(briefings: list[Briefing], project: Path, tax: Taxonomy | None = None) -> dict[str, int]:
    """Write the Hugo project of ``briefings`` into ``project`` (emptied first); files per language."""
    tax = tax or load_taxonomy()
    shutil.rmtree(project, ignore_errors=True)
    write_atomic(project / "hugo.json", json.dumps(hugo_config(LANGUAGES.values()), ensure_ascii=False,
                                                   indent=1) + "\n")
    shutil.copytree(LAYOUTS, project / "layouts")
    used = {key for b in briefings for key in [*b.tags, *b.entities]}
    counts = {}
    for code, lang in LANGUAGES.items():
        content = project / "content" / code
        write_atomic(content / "_index.md", _document({"title": lang.t("home.title")}))
        write_atomic(content / "briefings" / "_index.md", _document({"title": lang.t("home.latest")}))
        for b in briefings:
            write_atomic(content / "briefings" / f"{b.id}.md", briefing_content(b, lang, tax))
        for plural in TAXONOMIES.values():
            title = lang.t("briefing.topics" if plural == "topics" else "briefing.entities")
            write_atomic(content / plural / "_index.md", _document({"title": title}))
        for key in sorted(used):
            entry = tax.get(key)
            if entry is not None:
                plural = "topics" if entry.is_topic else "entities"
                write_atomic(content / plural / key / "_index.md", term_content(entry, lang))
        counts[code] = sum(1 for p in content.rglob("*.md"))
    return counts


# ------------------------------------------------------------------------------------------ timing

@dataclass
class StepRun:
    """One timed command: wall and CPU seconds, peak memory of its process tree."""

    seconds: float
    cpu_seconds: float
    peak_pss_mib: float
    peak_rss_mib: float
    returncode: int
    log_tail: str = ""


def run_step(command: list[str], cwd: Path) -> StepRun:
    """Run ``command`` in ``cwd``; time it and sample the memory of its process tree."""
    run = run_measured(command, cwd)
    tail = "\n".join(run.output.splitlines()[-15:])
    return StepRun(round(run.seconds, 3), round(run.cpu_seconds, 3), round(run.memory.peak_pss / MIB, 1),
                   round(run.memory.peak_rss / MIB, 1), run.returncode, tail)


def html_pages(public: Path) -> dict[str, int]:
    """HTML pages Hugo wrote per language (the other languages' folders are not the root's)."""
    folders = {"zh": public / "zh", "zh-hant": public / "zh-hant"}
    every = sum(1 for _ in public.rglob("*.html"))
    counts = {code: sum(1 for _ in folder.rglob("*.html")) for code, folder in folders.items()}
    return {"en": every - sum(counts.values()), **counts}


def measure_peer(briefings_dir: Path, work: Path) -> dict[str, Any]:
    """Write the Hugo project of the corpus in ``briefings_dir`` (untimed), then time Hugo and Pagefind."""
    start = time.perf_counter()
    project = work / "project"
    files = write_project(read_corpus(briefings_dir), project)
    result: dict[str, Any] = {"hugo_version": hugo_version(), "content_files": files,
                              "prepare_seconds": round(time.perf_counter() - start, 3)}
    public = project / "public"
    hugo = run_step([HUGO, "--quiet", "--source", str(project), "--destination", str(public),
                     "--cacheDir", str(work / "hugo-cache")], project)
    result["hugo"] = asdict(hugo)
    if hugo.returncode != 0:
        result["error"] = f"hugo exited with {hugo.returncode}:\n{hugo.log_tail}"
        return result
    result["pages"] = html_pages(public)
    pagefind = run_step([sys.executable, "-m", "pagefind", "--site", str(public)], project)
    result["pagefind"] = asdict(pagefind)
    if pagefind.returncode != 0:
        result["error"] = f"pagefind exited with {pagefind.returncode}:\n{pagefind.log_tail}"
        return result
    result["languages_indexed"] = sorted(json.loads((public / "pagefind" / "pagefind-entry.json")
                                                    .read_text(encoding="utf-8"))["languages"])
    result["seconds"] = round(hugo.seconds + pagefind.seconds, 3)
    result["cpu_seconds"] = round(hugo.cpu_seconds + pagefind.cpu_seconds, 3)
    result["peak_pss_mib"] = max(hugo.peak_pss_mib, pagefind.peak_pss_mib)
    return result


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.hugo_peer BRIEFINGS WORKDIR``: measure the peer alone, print JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.hugo_peer", description=__doc__.split("\n\n")[0])
    parser.add_argument("briefings", type=Path, help="a bench corpus's briefings folder")
    parser.add_argument("workdir", type=Path, help="where the Hugo project and its output are written")
    args = parser.parse_args(argv)
    if not available():
        print(f"python -m bench.hugo_peer: {HUGO} is not installed: run `make bench-deps`", file=sys.stderr)
        return 2
    result = measure_peer(args.briefings, args.workdir)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 1 if "error" in result else 0


if __name__ == "__main__":
    sys.exit(main())
