"""When a build's memory peaks and what is alive then: ``python -m bench.timeline BRIEFINGS SITE OUT.json``.

Runs the real trilingual build (as bench/measure.py does, through bench/driver.py) and samples the PSS
of every process of its tree on its own, every ``measure.SAMPLE_SECONDS``, beside the start and end of
each process's stages (the driver's events). Each process is named by its role: the MkDocs build of a
language, a helper segmenting a Chinese site's records, or a Pagefind process of one of those. Prints
the peak, the processes alive at that moment with their PSS and the stages running then, each role's
own peak, and a coarse timeline; the JSON holds every sample.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench import driver, measure

MIB = 1024 * 1024
# Rows of the printed timeline: one every this many seconds.
ROW_SECONDS = 2.0


class PerProcess(threading.Thread):
    """Samples the PSS of each process of a tree until stopped, with the monotonic time of each sample."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.samples: list[tuple[float, dict[int, int]]] = []
        self.parents: dict[int, int] = {}
        self.names: dict[int, str] = {}
        self._stop_event = threading.Event()

    def run(self) -> None:
        tree: list[int] = []
        listed = 0.0
        while not self._stop_event.is_set():
            if time.monotonic() - listed >= measure.TREE_SECONDS:
                tree, listed = measure.process_tree(self.pid), time.monotonic()
                for pid in tree:
                    self._remember(pid)
            pss = {pid: memory[1] for pid in tree if (memory := measure._memory(pid))[0]}
            self.samples.append((time.monotonic(), pss))
            self._stop_event.wait(measure.SAMPLE_SECONDS)

    def _remember(self, pid: int) -> None:
        if pid in self.names:
            return
        try:
            stat = Path(f"/proc/{pid}/stat").read_bytes()
            self.names[pid] = Path(f"/proc/{pid}/comm").read_text().strip()
        except OSError:
            return
        self.parents[pid] = int(stat[stat.rfind(b")") + 2 :].split()[1])

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def roles(events: list[dict[str, Any]], probe: PerProcess) -> dict[int, str]:
    """Each sampled process's role, from the stages it ran and, for Pagefind, from its parent's role."""
    named: dict[int, str] = {}
    for e in events:
        if e["stage"] == "build" and e["lang"]:
            named[e["pid"]] = f"mkdocs {e['lang']}"
        elif e["stage"] == "search_records" and e["pid"] not in named:
            named[e["pid"]] = f"segmenting {e['lang']}"
    out = {}
    for pid, name in probe.names.items():
        if name.startswith("pagefind"):
            out[pid] = f"pagefind of {named.get(probe.parents.get(pid, 0), '?')}"
        else:
            out[pid] = named.get(pid, f"{name} (other)")
    return out


def running(events: list[dict[str, Any]], at: float) -> list[str]:
    """The stages started and not yet ended at ``at`` (per-page stages: started), by process."""
    open_: dict[tuple[int, str, str | None], int] = defaultdict(int)
    for e in events:
        if e["t"] > at:
            break
        key = (e["pid"], e["stage"], e["lang"])
        open_[key] += 1 if e["event"] == "start" else -1
    coarse = {key for key, n in open_.items() if n > 0 and key[1] in driver._COARSE}
    return sorted(f"{pid} {stage} {lang or ''}".strip() for pid, stage, lang in coarse)


def analyse(probe: PerProcess, events: list[dict[str, Any]], start: float) -> dict[str, Any]:
    """The peak, who held it, each role's peak and a coarse timeline."""
    events = sorted(events, key=lambda e: e["t"])
    role = roles(events, probe)
    totals = [(t, sum(pss.values()), pss) for t, pss in probe.samples]
    t_peak, total, at_peak = max(totals, key=lambda x: x[1])
    by_role: dict[str, float] = defaultdict(float)
    for _, _, pss in totals:
        summed: dict[str, int] = defaultdict(int)
        for pid, value in pss.items():
            summed[role.get(pid, "?")] += value
        for name, value in summed.items():
            by_role[name] = max(by_role[name], value / MIB)
    rows = []
    next_row = start
    for t, value, pss in totals:
        if t >= next_row:
            summed = defaultdict(int)
            for pid, v in pss.items():
                summed[role.get(pid, "?")] += v
            rows.append({"s": round(t - start, 1), "total_mib": round(value / MIB),
                         "roles": {k: round(v / MIB) for k, v in sorted(summed.items())}})
            next_row = t + ROW_SECONDS
    return {
        "peak_mib": round(total / MIB, 1),
        "peak_at_s": round(t_peak - start, 1),
        "alive_at_peak": sorted(({"pid": pid, "role": role.get(pid, "?"), "pss_mib": round(v / MIB, 1)}
                                 for pid, v in at_peak.items()), key=lambda r: -r["pss_mib"]),
        "stages_at_peak": running(events, t_peak),
        "role_peaks_mib": {k: round(v, 1) for k, v in sorted(by_role.items())},
        "events": [{**e, "s": round(e["t"] - start, 2)} for e in events],
        "timeline": rows,
    }


def run(briefings: Path, site: Path, work: Path) -> dict[str, Any]:
    """One cold build of ``briefings`` into ``site``, sampled per process."""
    work.mkdir(parents=True, exist_ok=True)
    events_path = work / "events.jsonl"
    events_path.unlink(missing_ok=True)
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(briefings.parent / "cache", ignore_errors=True)
    env = measure._env(briefings)
    env[driver.EVENTS_ENV] = str(events_path)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    wall = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bench.driver", str(work / "stages.jsonl"), "build", "-f",
                             str(measure.CONFIG), "-d", str(site)], cwd=measure.REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    probe = PerProcess(proc.pid)
    probe.start()
    output, _ = proc.communicate()
    seconds = time.perf_counter() - wall
    probe.stop()
    if proc.returncode != 0:
        raise SystemExit(f"the build failed:\n{output.decode('utf-8', 'replace')[-3000:]}")
    events = [json.loads(line) for line in events_path.read_text(encoding="utf-8").splitlines() if line]
    result = analyse(probe, events, start)
    result["seconds"] = round(seconds, 2)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the whole tree: on a machine others share, less at the mercy of their load.
    result["cpu_seconds"] = round(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 2)
    return result


def report(result: dict[str, Any]) -> str:
    """The result as text."""
    lines = [f"build {result['seconds']} s (CPU {result['cpu_seconds']} s); "
             f"peak {result['peak_mib']} MiB (PSS) at {result['peak_at_s']} s",
             "alive at the peak:"]
    lines += [f"  {r['pid']:>7} {r['role']:<28} {r['pss_mib']:>7.1f} MiB" for r in result["alive_at_peak"]]
    lines.append("stages running at the peak: " + (", ".join(result["stages_at_peak"]) or "-"))
    lines.append("each role's own peak (MiB): " + ", ".join(f"{k} {v}" for k, v in
                                                             result["role_peaks_mib"].items()))
    lines.append("events (s):")
    lines += [f"  {e['s']:>7.2f} {e['pid']:>7} {e['stage']} {e['lang'] or ''} {e['event']}"
              for e in result["events"]]
    lines.append("timeline (s, total MiB, by role):")
    lines += [f"  {r['s']:>6} {r['total_mib']:>5} " + " ".join(f"{k}={v}" for k, v in r["roles"].items())
              for r in result["timeline"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Build, sample, print the report, write the JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.timeline", description=__doc__.split("\n\n")[0])
    parser.add_argument("briefings", type=Path, help="the corpus's briefings folder (its cache goes beside)")
    parser.add_argument("site", type=Path, help="the site folder to build into (emptied first)")
    parser.add_argument("out", type=Path, help="JSON file of the result")
    args = parser.parse_args(argv)
    result = run(args.briefings.resolve(), args.site.resolve(), args.out.resolve().parent)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
