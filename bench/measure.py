"""Measurements of one corpus: the real trilingual build, the floor, search index and page sizes, ingest
throughput and the edit-to-page latency of ``mkdocs serve``.

The build runs as a subprocess of the project's own configuration (``mkdocs.yml``, which also builds the
Chinese sites), reading the generated corpus through ``AI_BRIEFING_BRIEFINGS`` and writing into the
benchmark's folder, so the working tree is never touched. Memory is sampled from ``/proc`` over the
whole process tree, the forked language workers included.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from build_tools.briefing.frontmatter import dump_briefing
from build_tools.briefing.schema import read_briefing

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "mkdocs.yml"
BRIEFINGS_ENV = "AI_BRIEFING_BRIEFINGS"
# The site's cache of rendered pages and search entries: kept in the benchmark's folder, emptied before
# each full build (which is then cold) and kept for the rebuild (which shows what the cache saves).
CACHE_ENV = "AI_BRIEFING_CACHE"
# mkdocs.yml's switch of the weekly editions: the build without them shows what they cost.
EDITIONS_ENV = "AI_BRIEFING_EDITIONS"
# Sizes from which the build is measured again without the editions (two more cold builds each).
EDITIONS_COST_MIN = 1000
# Output folder of each site language below the site root (mkdocs.yml builds the others there).
LANGUAGE_DIRS = {"en": "", "zh": "zh/", "zh-hant": "zh-hant/"}
# Memory is sampled this often; a build's peak lasts seconds, so 100 ms does not miss it. The process
# tree is listed less often: scanning /proc costs more than reading the memory of a few processes, and
# on a loaded 2-core machine the sampler must not slow the build it measures.
SAMPLE_SECONDS = 0.1
TREE_SECONDS = 0.5
MIB = 1024 * 1024
# The content floor (a reference beside the floor, see bench/floor.py) only up to this size: it is slow,
# and at 1,000 it already shows what it shows.
CONTENT_FLOOR_MAX = 1000
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def _python() -> str:
    return sys.executable


def _env(briefings_dir: Path, *, editions: bool = True) -> dict[str, str]:
    env = dict(os.environ)
    env[BRIEFINGS_ENV] = str(briefings_dir)
    env[EDITIONS_ENV] = "true" if editions else "false"
    env[CACHE_ENV] = str(briefings_dir.parent / "cache")
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


# ---------------------------------------------------------------------------------------------- memory

def _parents() -> dict[int, int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        name = entry.name
        if not name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{name}/stat").read_bytes()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()  # the command name may contain spaces
        parents[int(name)] = int(fields[1])
    return parents


def process_tree(root: int) -> list[int]:
    """``root`` and every process descending from it."""
    parents = _parents()
    tree, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, ppid in parents.items() if ppid in frontier]
        tree += frontier
    return tree


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process in bytes; PSS shares pages among the processes that share them."""
    rss = pss = 0
    try:
        rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE_SIZE
        with Path(f"/proc/{pid}/smaps_rollup").open() as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
                    break
    except (OSError, ValueError, IndexError):
        pass
    return rss, pss


def _is_pagefind(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/comm").read_text().startswith("pagefind")
    except OSError:
        return False


class TreeMemory(threading.Thread):
    """Samples the memory of a process tree until stopped; keeps the peaks."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_pss = self.peak_rss = self.peak_process_rss = 0
        self.peak_processes = 0
        # Peak PSS of the Pagefind processes and of the rest (the MkDocs processes), each on its own:
        # which part of the build holds the memory.
        self.peak_pss_pagefind = self.peak_pss_site = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        tree: list[int] = []
        listed = 0.0
        while not self._stop_event.is_set():
            if time.monotonic() - listed >= TREE_SECONDS:
                tree, listed = process_tree(self.pid), time.monotonic()
            samples = [_memory(pid) for pid in tree]
            live = [s for s in samples if s[0]]
            pagefind = sum(s[1] for pid, s in zip(tree, samples, strict=True) if s[0] and _is_pagefind(pid))
            self.peak_pss_pagefind = max(self.peak_pss_pagefind, pagefind)
            self.peak_pss_site = max(self.peak_pss_site, sum(s[1] for s in live) - pagefind)
            self.peak_rss = max(self.peak_rss, sum(s[0] for s in live))
            self.peak_pss = max(self.peak_pss, sum(s[1] for s in live))
            self.peak_process_rss = max([self.peak_process_rss, *(s[0] for s in live)])
            self.peak_processes = max(self.peak_processes, len(live))
            self._stop_event.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


# ----------------------------------------------------------------------------------------------- build

@dataclass
class BuildRun:
    """One ``mkdocs build`` of all three languages."""

    seconds: float
    cpu_seconds: float
    peak_pss_mib: float
    peak_rss_mib: float
    peak_process_rss_mib: float
    processes: int
    returncode: int
    stages: dict[str, dict[str, float]] = field(default_factory=dict)
    log_tail: str = ""
    peak_pss_pagefind_mib: float = 0.0  # the Pagefind processes' peak, on its own
    peak_pss_site_mib: float = 0.0  # the MkDocs processes' peak, on its own

    @property
    def parallelism(self) -> float:
        """CPU seconds per wall second: above 1 when the languages build at the same time."""
        return self.cpu_seconds / self.seconds if self.seconds else 0.0


def read_stages(path: Path) -> dict[str, dict[str, float]]:
    """Site language -> stage -> seconds, from the driver's stage log: of every process that did it
    (the shares and the merge of an index are processes of their own)."""
    stages: dict[str, dict[str, float]] = {}
    if not path.exists():
        return stages
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            done = stages.setdefault(record["lang"], {})
            done[record["stage"]] = done.get(record["stage"], 0.0) + record["seconds"]
    return stages


@dataclass
class MeasuredRun:
    """One command run to its end: wall and CPU seconds, the memory of its process tree, its output."""

    seconds: float
    cpu_seconds: float
    memory: TreeMemory
    returncode: int
    output: str


def run_measured(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> MeasuredRun:
    """Run ``command`` in ``cwd`` (stderr into stdout); time it and sample the memory of its process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    memory = TreeMemory(proc.pid)
    memory.start()
    output, _ = proc.communicate()
    seconds = time.perf_counter() - start
    memory.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return MeasuredRun(seconds, cpu, memory, proc.returncode, output.decode("utf-8", "replace"))


def run_build(briefings_dir: Path, site_dir: Path, work: Path, *, clean: bool = True,
              editions: bool = True) -> BuildRun:
    """Build the three sites of ``briefings_dir`` into ``site_dir``; time, sample memory, read stages.

    ``clean`` starts cold: no site, no cache. Otherwise the site's cache of the previous build is kept.
    """
    stage_log = work / "stages.jsonl"
    stage_log.unlink(missing_ok=True)
    if clean:
        shutil.rmtree(site_dir, ignore_errors=True)
        shutil.rmtree(briefings_dir.parent / "cache", ignore_errors=True)
    run = run_measured([_python(), "-m", "bench.driver", str(stage_log), "build", "-f", str(CONFIG),
                        "-d", str(site_dir)], cwd=REPO, env=_env(briefings_dir, editions=editions))
    memory = run.memory
    return BuildRun(seconds=run.seconds, cpu_seconds=run.cpu_seconds, peak_pss_mib=memory.peak_pss / MIB,
                    peak_rss_mib=memory.peak_rss / MIB, peak_process_rss_mib=memory.peak_process_rss / MIB,
                    processes=memory.peak_processes, returncode=run.returncode,
                    peak_pss_pagefind_mib=memory.peak_pss_pagefind / MIB,
                    peak_pss_site_mib=memory.peak_pss_site / MIB,
                    stages=read_stages(stage_log),
                    log_tail="\n".join(run.output.splitlines()[-15:]))


# ----------------------------------------------------------------------------------------------- sizes

def index_stats(site_dir: Path, n: int, sample_id: str) -> dict[str, dict[str, Any]]:
    """Per language: Pagefind index bytes (on disk, as served), bytes per briefing, pages, sample found."""
    from build_tools.site.search_index import BUNDLE_DIR, read_fragments

    stats = {}
    for lang, prefix in LANGUAGE_DIRS.items():
        bundle = site_dir / prefix / BUNDLE_DIR
        size = tree_bytes(bundle) if bundle.is_dir() else 0
        urls = [str(f["url"]) for f in read_fragments(bundle)] if bundle.is_dir() else []
        stats[lang] = {
            "bytes": size,
            "bytes_per_briefing": round(size / n, 1) if n else 0.0,
            "pages": len(urls),
            # The sample briefing's page must be findable: its URL is among the indexed pages.
            "has_sample": f"briefings/{sample_id}/" in urls,
        }
    return stats


def search_fetch(site_dir: Path, sample: Path) -> dict[str, Any]:
    """Bytes and seconds of searches for words of the sample briefing's last paragraphs, in Chromium."""
    from bench.search import frequent_words, measure_search, queries
    from build_tools.briefing.schema import read_briefing
    from build_tools.site.language import LANGUAGES
    from build_tools.site.render import indexed_column

    briefing, _ = read_briefing(sample)
    if briefing is None:
        return {"error": f"{sample}: not a valid briefing"}
    texts = {}
    for code, lang in LANGUAGES.items():
        column = indexed_column(briefing, lang)
        texts[code] = " ".join(lang.column(column, p.text(column)) for p in briefing.paragraphs[-3:])
    return measure_search(site_dir, queries(texts), frequent_words(texts))


def page_bytes(site_dir: Path, briefing_id: str) -> dict[str, int]:
    """HTML bytes of one briefing's page in each language (0 when missing)."""
    sizes = {}
    for lang, prefix in LANGUAGE_DIRS.items():
        path = site_dir / prefix / "briefings" / briefing_id / "index.html"
        sizes[lang] = path.stat().st_size if path.exists() else 0
    return sizes


def briefing_page_stats(site_dir: Path) -> dict[str, float]:
    """Mean and largest HTML bytes over every English briefing page."""
    sizes = [p.stat().st_size for p in (site_dir / "briefings").glob("*/index.html")]
    if not sizes:
        return {"mean": 0, "max": 0, "pages": 0}
    return {"mean": round(sum(sizes) / len(sizes)), "max": max(sizes), "pages": len(sizes)}


def listing_page_stats(site_dir: Path) -> dict[str, Any]:
    """The largest page that lists briefings (home, topic, entity and archive pages and their further
    pages), over all three languages: listings are paginated so that none grows with N."""
    sizes = {}
    for lang, prefix in LANGUAGE_DIRS.items():
        root = site_dir / prefix
        folders = [root / "page", root / "topics", root / "archive"]
        pages = [root / "index.html", *(p for f in folders if f.is_dir() for p in f.rglob("index.html"))]
        for page in pages:
            if page.is_file():
                sizes[f"{lang}:{page.relative_to(root).as_posix()}"] = page.stat().st_size
    if not sizes:
        return {"max": 0, "page": None, "pages": 0}
    largest = max(sizes, key=lambda k: (sizes[k], k))
    return {"max": sizes[largest], "page": largest, "pages": len(sizes)}


def tree_bytes(path: Path) -> int:
    """Bytes of every file below ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# ------------------------------------------------------------------------------------------ one corpus

def run_floor(briefings_dir: Path, out_dir: Path, *, content: bool) -> tuple[dict[str, Any], dict | None]:
    """The floor of ``briefings_dir`` (and the content floor), measured in a process of its own."""
    command = [_python(), "-m", "bench.floor", str(briefings_dir), str(CONFIG), str(out_dir)]
    proc = subprocess.run([*command, "--content"] if content else command, cwd=REPO, capture_output=True,
                          text=True, env=_env(briefings_dir), check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"the floor failed:\n{proc.stderr[-2000:]}")
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return data["floor"], data["content"]


def measure_size(n: int, corpus_dir: Path, work: Path, sample_id: str, *, rebuild: bool,
                 editions_from: int = EDITIONS_COST_MIN) -> dict[str, Any]:
    """Build the corpus of ``n`` briefings in ``corpus_dir``; compare with the floor; sizes and stages."""
    site_dir = work / f"site-{n}"
    load_before = os.getloadavg()
    build = run_build(corpus_dir / "briefings", site_dir, work)
    result: dict[str, Any] = {"n": n, "load_before": [round(x, 2) for x in load_before]}
    result["build"] = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(build).items()}
    result["build"]["parallelism"] = round(build.parallelism, 2)
    if build.returncode != 0:
        result["error"] = f"mkdocs build exited with {build.returncode}:\n{build.log_tail}"
        return result
    result["search_index"] = index_stats(site_dir, n, sample_id)
    result["search_fetch"] = search_fetch(site_dir, corpus_dir / "briefings" / f"{sample_id}.md")
    result["briefing_html_bytes"] = page_bytes(site_dir, sample_id)
    result["briefing_pages_en"] = briefing_page_stats(site_dir)
    result["listing_pages"] = listing_page_stats(site_dir)
    result["site_bytes"] = tree_bytes(site_dir)
    if rebuild:
        # Nothing changed: what a second build costs shows what the caches save.
        again = run_build(corpus_dir / "briefings", site_dir, work, clean=False)
        result["rebuild"] = {"seconds": round(again.seconds, 3), "stages": again.stages,
                             "returncode": again.returncode}
    if n >= editions_from:
        result["editions"] = measure_editions(corpus_dir / "briefings", site_dir, work, build)
    floor, content = run_floor(corpus_dir / "briefings", work / f"floor-{n}", content=n <= CONTENT_FLOOR_MAX)
    result["floor"] = {"seconds": {k: round(v, 3) for k, v in floor["seconds"].items()},
                       "total_seconds": round(sum(floor["seconds"].values()), 3), "pages": floor["pages"],
                       "html_bytes": floor["html_bytes"],
                       "prepare_seconds": round(floor["prepare_seconds"], 3)}
    result["floor"]["cpu_seconds"] = round(sum(floor["cpu_seconds"].values()), 3)
    if content is not None:
        result["floor_content"] = {"seconds": {k: round(v, 3) for k, v in content["seconds"].items()},
                                   "total_seconds": round(sum(content["seconds"].values()), 3)}
    total = result["floor"]["total_seconds"]
    result["build_floor_ratio"] = round(build.seconds / total, 2) if total else None
    # The same ratio in CPU seconds: on a machine shared with others, less at the mercy of their load.
    cpu = result["floor"]["cpu_seconds"]
    result["build_floor_cpu_ratio"] = round(build.cpu_seconds / cpu, 2) if cpu else None
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    return result


def measure_editions(briefings_dir: Path, site_dir: Path, work: Path, first: BuildRun) -> dict[str, Any]:
    """What the weekly editions add to a cold build: the build without them, then with them again.

    Runs alternate (with, without, with), so a machine whose load drifts during the run weighs on both
    sides; the cost is the mean of the two builds with editions over the one without, in wall and CPU
    seconds, beside the time the plugin's edition stages took inside the builds with them. On a
    machine others share, CPU seconds move less with their load than the wall clock does.
    """
    without = run_build(briefings_dir, site_dir, work, editions=False)
    again = run_build(briefings_dir, site_dir, work)
    pages = len(list((site_dir / "editions").glob("*/index.html")))
    runs = [first, again]
    wall = sum(r.seconds for r in runs) / 2
    cpu = sum(r.cpu_seconds for r in runs) / 2
    stage = sum(sum(langs.get("editions", 0.0) for langs in r.stages.values()) for r in runs) / 2
    # The stages are timed by the clock on the wall inside each language's process: compared with
    # those processes' own build time (same clock, same load), not with CPU seconds.
    process = sum(sum(langs.get("build", 0.0) for langs in r.stages.values()) for r in runs) / 2
    return {
        "editions": pages,
        "with_seconds": [round(r.seconds, 3) for r in runs],
        "with_cpu_seconds": [round(r.cpu_seconds, 3) for r in runs],
        "without_seconds": round(without.seconds, 3),
        "without_cpu_seconds": round(without.cpu_seconds, 3),
        "returncodes": [first.returncode, without.returncode, again.returncode],
        "cost": round(wall / without.seconds - 1, 4) if without.seconds else None,
        "cpu_cost": round(cpu / without.cpu_seconds - 1, 4) if without.cpu_seconds else None,
        # The plugin's own edition work (all languages), summed over the process of each language.
        "stage_seconds": round(stage, 3),
        "stage_share": round(stage / process, 4) if process else None,
    }


# ---------------------------------------------------------------------------------------------- ingest

def _run_ingest(seeds: list[Path], jobs: int) -> tuple[float, float, int, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([_python(), "-m", "build_tools", "ingest", "--json", "--quiet", "--jobs", str(jobs),
                           *map(str, seeds)], cwd=REPO, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = sum(1 for line in proc.stdout.splitlines() if line.strip().startswith(b"{"))
    return seconds, cpu, lines, proc.returncode


def measure_ingest(seeds: list[Path], jobs: int) -> dict[str, Any]:
    """Seeds per second of ``ingest --json``, without the one-time load (dictionaries, worker start).

    Two runs, a fifth of the seeds and all of them: the difference in time is the cost of the difference
    in seeds, so what every run pays once cancels out.
    """
    small = seeds[: max(1, len(seeds) // 5)]
    t_small, cpu_small, out_small, rc_small = _run_ingest(small, jobs)
    t_all, cpu_all, out_all, rc_all = _run_ingest(seeds, jobs)
    extra = len(seeds) - len(small)
    marginal = extra / (t_all - t_small) if extra and t_all > t_small else None
    return {
        "seeds": len(seeds), "jobs": jobs,
        "small": {"seeds": len(small), "seconds": round(t_small, 3), "cpu_seconds": round(cpu_small, 3),
                  "results": out_small, "returncode": rc_small},
        "all": {"seeds": len(seeds), "seconds": round(t_all, 3), "cpu_seconds": round(cpu_all, 3),
                "results": out_all, "returncode": rc_all},
        # CPU per seed beyond the one-time load; with every core free, jobs / this is the best rate.
        "cpu_seconds_per_seed": round((cpu_all - cpu_small) / extra, 4) if extra else None,
        "one_time_seconds": round(t_small - len(small) / marginal, 3) if marginal else None,
        "seeds_per_second": round(marginal, 1) if marginal else None,
        "seeds_per_second_with_load": round(len(seeds) / t_all, 1) if t_all else None,
    }


# ----------------------------------------------------------------------------------------------- serve

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 5.0) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, ValueError):
        return None


def _wait_for(url: str, text: str | None, deadline: float, step: float = 0.05) -> float | None:
    """Seconds until ``url`` answers (and contains ``text``), or None at the deadline."""
    start = time.perf_counter()
    while time.perf_counter() < deadline:
        body = _get(url)
        if body is not None and (text is None or text in body):
            return time.perf_counter() - start
        time.sleep(step)
    return None


def _search_finds(browser: Any, base: str, prefix: str, word: str) -> list[str]:
    """The result links of searching ``word`` in the search box of a language's home page, in Chromium."""
    from bench.search import TIMEOUT_MS

    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.goto(base + prefix.lstrip("/"), wait_until="load")
        box = page.locator("input.md-search__input")
        box.click()
        box.fill(word)
        page.wait_for_function(
            "q => { const r = document.querySelector('.md-search-result');"
            " return r.getAttribute('data-pf-query') === q && r.getAttribute('data-pf-state') === 'done'; }",
            arg=word, timeout=TIMEOUT_MS)
        return page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")
    finally:
        context.close()


def _wait_for_search(base: str, page: str, word: str, before: dict[str, str | None], *, since: float,
                     deadline: float) -> dict[str, float | None]:
    """Language -> seconds from ``since`` until its served search index finds ``word`` on ``page``.

    The index file Pagefind names by its content is polled; each new index is searched once in Chromium,
    and the time is when that index was first served.
    """
    from playwright.sync_api import sync_playwright

    from bench.search import CHROMIUM, CHROMIUM_ARGS, PREFIX

    found: dict[str, float | None] = dict.fromkeys(PREFIX)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for lang, prefix in PREFIX.items():
                seen = before.get(lang)
                while time.perf_counter() < deadline:
                    entry = _get(f"{base}{prefix.lstrip('/')}pagefind/pagefind-entry.json")
                    if entry is None or entry == seen:
                        time.sleep(0.1)
                        continue
                    served, seen = time.perf_counter(), entry
                    links = _search_finds(browser, base, prefix, word)
                    if any(urlsplit(link).path == prefix + page for link in links):  # no ?h=
                        found[lang] = round(served - since, 2)
                        break
        finally:
            browser.close()
    return found


def measure_serve(corpus_dir: Path, briefing_path: Path, *, timeout: float = 900.0) -> dict[str, Any]:
    """Start ``mkdocs serve``, edit one briefing's titles, time until its page shows them, then until
    search finds the edit's new word in each language.

    Also checks that its topic page, the home page and its archive month show the new title once the
    page does: they are rebuilt together, so a reader never sees two versions of the site at once.
    """
    import html as html_lib

    briefing, problems = read_briefing(briefing_path)
    if briefing is None or problems:
        return {"error": f"cannot read {briefing_path}: {problems}"}
    original = briefing_path.read_text(encoding="utf-8")
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    log_path = corpus_dir.parent / "serve.log"
    log = log_path.open("wb")
    shutil.rmtree(corpus_dir / "cache", ignore_errors=True)  # a cold first build, then the edit
    start = time.perf_counter()
    stage_log = corpus_dir.parent / "serve-stages.jsonl"
    stage_log.unlink(missing_ok=True)
    command = [_python(), "-m", "bench.driver", str(stage_log), "serve", "-f", str(CONFIG),
               "-a", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(command,
                            cwd=REPO, env=_env(corpus_dir / "briefings"), stdout=log,
                            stderr=subprocess.STDOUT,
                            start_new_session=True)
    result: dict[str, Any] = {"briefing": briefing.id, "port": port}
    try:
        page = f"briefings/{briefing.id}/"
        ready = _wait_for(base + page, None, time.perf_counter() + timeout, step=0.5)
        if ready is None:
            result["error"] = "mkdocs serve did not come up in time"
            return result
        result["startup_seconds"] = round(time.perf_counter() - start, 2)
        token = f"{int(time.time()) % 100000:05d}"
        word = "zqx" + "".join(chr(ord("a") + int(d)) for d in token)  # in no other text: a search finds it
        briefing.title.en = f"{briefing.title.en} (revised {token} {word})"
        briefing.title.zh = f"{briefing.title.zh}(修订{token} {word})"
        new_en, new_zh = html_lib.escape(briefing.title.en), html_lib.escape(briefing.title.zh)
        time.sleep(1.0)  # let the watcher settle after the first build
        before = {lang: _get(f"{base}{prefix}pagefind/pagefind-entry.json")
                  for lang, prefix in LANGUAGE_DIRS.items()}
        briefing_path.write_text(dump_briefing(briefing), encoding="utf-8")
        edited = time.perf_counter()
        deadline = edited + timeout
        shown = _wait_for(base + page, new_en, deadline)
        result["edit_seconds"] = round(shown, 3) if shown is not None else None
        shown_zh = _wait_for(base + "zh/" + page, new_zh, deadline)
        result["edit_seconds_zh"] = round(time.perf_counter() - edited, 3) if shown_zh is not None else None
        time.sleep(1.0)  # the other languages' stage lines arrive when their builds end
        # Stages of the rebuild after the edit: each process's last lines (the first build came before).
        result["rebuild_stages"] = read_stages(stage_log)
        month = briefing.date.strftime("%Y-%m") if briefing.date else ""
        related = {"topic": f"topics/{briefing.tags[0]}/" if briefing.tags else None, "home": "",
                   "archive_month": f"archive/{month}/"}
        for name, url in related.items():
            body = _get(base + url) if url is not None else None
            result[f"{name}_consistent"] = bool(body and new_en in body)
        # Search follows the page: its index is made after the rebuild, in the background.
        result["search_seconds"] = _wait_for_search(base, page, word, before, since=edited,
                                                    deadline=edited + timeout)
    finally:
        briefing_path.write_text(original, encoding="utf-8")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 15)  # the server and its language workers: this session only
        proc.wait(timeout=30)
        log.close()
    return result


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    uptime = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    return {"cpus": os.cpu_count(), "python": sys.version.split()[0], "platform": sys.platform,
            "uptime": uptime, "load": [round(x, 2) for x in os.getloadavg()]}
