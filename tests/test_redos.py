"""Every regular expression the build and the ingest run is linear on hostile input.

A seed or a briefing comes from a stranger's pull request; a pattern that backtracks lets one line of it hold
the build for minutes. The patterns are collected, not listed, so that a pattern added later is tested too:
compiled patterns at module level anywhere in ``build_tools``, pattern literals passed to ``re.*`` calls in
its source, every pattern of ``data/cleaning.yaml`` and the compiled rule set, and the taxonomy matcher.

Each pattern runs against strings made of one repeated unit (the shapes that make a backtracking engine
quadratic or exponential) in a child process with a budget of CPU time, so that a hang fails the test
instead of holding the run. Work is judged by growth, not by a clock: a pattern whose work grows more
than about linearly from MID to LARGE characters is reported, whatever the speed of the machine.

The work is the CPU time of the child's own thread, not the time on the wall: a machine busy with other
processes does not add to it (a wall clock grew tenfold under load and flaked). CPython's regular
expression engine counts no steps that a test could read, and hardware instruction counters are not
available everywhere (``perf stat -e instructions:u`` is "not supported" on the shared machine), so
CPU time is the measure of the engine's work here.
"""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import queue
import re
import resource
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from re._constants import LITERAL  # the parsed form of a pattern
from re._parser import SubPattern, parse

import yaml

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "build_tools"
CLEANING = PACKAGE / "data" / "cleaning.yaml"

# Every hostile line is tried at SCREEN characters; the slowest few are timed again at MID and LARGE.
SCREEN, MID, LARGE = 2_000, 4_000, 16_000
# Below this many CPU seconds at LARGE a pattern is fast enough whatever its growth: noise dominates small
# timings, and the quadratic patterns found so far took 0.6 to 8 s.
NOISE_SECONDS = 0.2
# Linear growth from MID to LARGE is 4x; quadratic is 16x. The margin absorbs a busy machine.
MAX_GROWTH = 10.0
# How many of the slowest strings at SMALL are timed again at LARGE.
WORST = 4
# CPU seconds one pattern may take over all its hostile strings before the child gives up on it.
PATTERN_CPU_SECONDS = 20
# CPU seconds the ingest of the reported lines may take: about 1 s when every pattern is linear.
INGEST_CPU_SECONDS = 20
# Wall seconds without a word from the child before it is stopped: a safety net only (a child past its
# CPU budget reports the pattern itself), generous for a machine shared by many.
SILENCE_SECONDS = 600

# (where it is, source, flags, how it is called: search, match or fullmatch)
Pattern = tuple[str, str, int, str]

# Repeated units: runs of spaces, brackets, comment openers, capitalised words, punctuation, mixed scripts.
UNITS = [" ", "\t", "a", "A", "1", ".", "-", "<", ">", "[", "]", "(", ")", "<!--", "x Ab ", "Ab ", "andAb",
         "中", "中 ", "。", ":", "：", "/", " /", "> ", "a ", "1 ", "1.", "1,", "'", '"', "©", "**", "`",
         "__", "#", "By ", "by Ab ", "@", "- ", "—", "a.b", "ab:", "http://a", "&#", "\\", "[a](", "![", "*a",
         "a,", "<script"]
# Prefixes that put the engine inside a pattern before the repeated part (the pattern's own words are added),
# and tails that make a match fail late.
PREFIXES = ["By Ab", "<script>", "[a"]
TAILS = ["", "\x01"]
# How many of a pattern's own literal words serve as prefixes (the longest first).
OWN_PREFIXES = 4

def _flag_value(node: ast.expr) -> int | None:
    """``re.I | re.S`` in the source as a number; None when it is not that simple."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re":
        value = getattr(re, node.attr, None)
        return int(value) if isinstance(value, re.RegexFlag) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = _flag_value(node.left), _flag_value(node.right)
        return None if left is None or right is None else left | right
    return None


_FLAG_POSITION = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "findall": 2, "finditer": 2,
                  "split": 3, "sub": 4, "subn": 4}


def _source_patterns(module, path: Path) -> list[Pattern]:
    """Pattern literals (or module-level names of strings) given to ``re`` functions in a module's source."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                and node.func.attr in _FLAG_POSITION and node.args):
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            source = first.value
        elif isinstance(first, ast.Name) and isinstance(getattr(module, first.id, None), str):
            source = getattr(module, first.id)
        else:
            continue  # built at run time (an f-string): compiled at module level and collected there
        flags = 0
        position = _FLAG_POSITION[node.func.attr]
        flag_nodes = node.args[position:position + 1] + [k.value for k in node.keywords if k.arg == "flags"]
        for flag_node in flag_nodes:
            flags |= _flag_value(flag_node) or 0
        mode = node.func.attr if node.func.attr in ("match", "fullmatch") else "search"
        found.append((f"{path.relative_to(ROOT)}:{node.lineno}", source, flags, mode))
    return found


def _compiled_in(value, depth: int = 0):
    """Compiled patterns in a module attribute: the pattern itself, or inside a tuple, list or dict."""
    if isinstance(value, re.Pattern):
        yield value
    elif depth < 2 and isinstance(value, tuple | list | frozenset | set):
        for item in value:
            yield from _compiled_in(item, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _compiled_in(item, depth + 1)


def collect_patterns() -> list[Pattern]:
    """(where, pattern, flags) for every regular expression the project runs on input."""
    patterns: list[Pattern] = []
    for info in pkgutil.walk_packages([str(PACKAGE)], "build_tools."):
        if info.name.endswith("__main__"):
            continue  # runs the command line when imported
        module = importlib.import_module(info.name)
        path = Path(module.__file__ or "")
        if path.suffix != ".py":
            continue
        for name, value in sorted(vars(module).items()):
            for p in _compiled_in(value):
                patterns.append((f"{info.name}.{name}", p.pattern, p.flags, "search"))
        patterns += _source_patterns(module, path)
    data = yaml.safe_load(CLEANING.read_text(encoding="utf-8"))
    for rule in data["rules"]:
        for i, source in enumerate(rule["search"]):
            patterns.append((f"cleaning.yaml:{rule['kind']}[{i}]", source, re.IGNORECASE, "search"))
    from build_tools.ingest.clean import load_rules
    from build_tools.ingest.tagging import get_tagger

    rules = load_rules()
    patterns += [(f"cleaning.yaml:{r.kind} (combined)", p.pattern, p.flags, "search") for r in rules.rules
                 for p in r.patterns]
    patterns.append(("cleaning.yaml:summary_labels", rules.summary_labels.pattern, rules.summary_labels.flags,
                     "match"))
    tagger = get_tagger()
    patterns.append(("tagging: taxonomy names", tagger.pattern.pattern, tagger.pattern.flags, "search"))
    unique: dict[tuple[str, int], tuple[str, str]] = {}
    for where, source, flags, mode in patterns:
        key = (source, int(flags) & ~re.UNICODE)
        # The most demanding use decides: a pattern searched anywhere is tried at every position.
        if key not in unique or mode == "search":
            unique[key] = (unique.get(key, (where,))[0], mode)
    return [(where, source, flags, mode) for (source, flags), (where, mode) in unique.items()]


def _literals(tree, out: list[str]) -> None:
    """Runs of literal characters in a parsed pattern: the words a hostile line starts with."""
    run = ""
    for op, arg in tree:
        if op is LITERAL:
            run += chr(arg)
            continue
        if run:
            out.append(run)
        run = ""
        for item in arg if isinstance(arg, tuple | list) else ():
            if isinstance(item, SubPattern):
                _literals(item, out)
            elif isinstance(item, tuple | list):
                for sub in item:
                    if isinstance(sub, SubPattern):
                        _literals(sub, out)
    if run:
        out.append(run)


def hostile_specs(source: str, flags: int) -> list[tuple[str, str, str]]:
    """(prefix, unit, tail) of the lines tried on one pattern."""
    words: list[str] = []
    _literals(parse(source, flags), words)
    own = sorted(set(words), key=lambda w: (-len(w), w))[:OWN_PREFIXES]
    specs = [("", unit, tail) for unit in UNITS for tail in TAILS]
    specs += [(prefix, unit, TAILS[-1]) for prefix in PREFIXES + own for unit in UNITS]
    return specs


def hostile(spec: tuple[str, str, str], length: int) -> str:
    """A line of about ``length`` characters built to make a backtracking pattern slow."""
    prefix, unit, tail = spec
    return prefix + unit * max(1, length // len(unit)) + tail


def _time(pattern: re.Pattern[str], line: str, mode: str, repeat: int = 1) -> float:
    """The least CPU time of ``repeat`` runs of the calls the project makes with the pattern."""
    best = float("inf")
    for _ in range(repeat):
        start = time.thread_time()
        if mode == "search":
            for _ in pattern.finditer(line):
                pass
        pattern.match(line)
        if mode != "match":
            pattern.fullmatch(line)
        best = min(best, time.thread_time() - start)
    return best


class _OverBudget(Exception):
    """A pattern used up its CPU time (the engine checks for signals while it backtracks)."""


def _over_budget(signum: int, frame: object) -> None:
    raise _OverBudget


def probe(patterns: list[Pattern]) -> None:
    """Child process: measure each pattern, printing a line before (so a hang names it) and after."""
    signal.signal(signal.SIGVTALRM, _over_budget)
    for where, source, flags, mode in patterns:
        print(json.dumps({"start": where}), flush=True)
        # ITIMER_VIRTUAL counts this process's CPU time, not the wall's.
        signal.setitimer(signal.ITIMER_VIRTUAL, PATTERN_CPU_SECONDS)
        try:
            result = _probe_one(where, source, flags, mode)
        except _OverBudget:
            result = {"done": where, "over_budget": True}
        finally:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        print(json.dumps(result), flush=True)


def _probe_one(where: str, source: str, flags: int, mode: str) -> dict[str, object]:
    """The slowest hostile line's CPU time at MID and LARGE characters."""
    compiled = re.compile(source, flags)
    specs = hostile_specs(source, flags)
    timed = sorted(((_time(compiled, hostile(spec, SCREEN), mode), spec) for spec in specs),
                   reverse=True)[:WORST]
    worst = (0.0, 0.0, "")
    for _, spec in timed:
        t_large = _time(compiled, hostile(spec, LARGE), mode, repeat=3)
        if t_large > worst[1]:
            worst = (_time(compiled, hostile(spec, MID), mode, repeat=3), t_large, hostile(spec, 24)[:24])
    if worst[1] > NOISE_SECONDS and worst[1] > MAX_GROWTH * max(worst[0], 1e-6):
        # Confirm before reporting: one slow measurement is not growth.
        spec = next(spec for _, spec in timed if hostile(spec, 24)[:24] == worst[2])
        worst = (_time(compiled, hostile(spec, MID), mode, repeat=5),
                 _time(compiled, hostile(spec, LARGE), mode, repeat=5), worst[2])
    return {"done": where, "small": worst[0], "large": worst[1], "sample": worst[2]}


def test_collects_the_patterns_of_every_stage():
    """The collection reaches the cleaner's data, its code, inline patterns and the taxonomy matcher."""
    wheres = [w for w, *_ in collect_patterns()]
    assert any(w.startswith("cleaning.yaml:byline") for w in wheres)
    assert any(w.startswith("build_tools.ingest.clean.") for w in wheres)
    assert any(w.startswith("build_tools/ingest/metadata.py:") for w in wheres)
    assert "tagging: taxonomy names" in wheres
    assert len(wheres) > 100


def _forward(stream, lines: queue.Queue[str]) -> None:
    """Copy the child's lines into a queue (then an empty line), so the reader can wait with a timeout."""
    for line in stream:
        lines.put(line)
    lines.put("")


def test_every_pattern_is_linear_on_hostile_lines():
    """No pattern hangs or grows faster than linearly on lines built to make it backtrack."""
    patterns = collect_patterns()
    failures: list[str] = []
    pending = patterns
    while pending:
        proc = subprocess.Popen([sys.executable, __file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                text=True, cwd=ROOT)
        assert proc.stdin and proc.stdout
        proc.stdin.write(json.dumps(pending))
        proc.stdin.close()
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=_forward, args=(proc.stdout, lines), daemon=True).start()
        done: set[str] = set()
        current = None
        while True:
            try:
                line = lines.get(timeout=SILENCE_SECONDS)
            except queue.Empty:
                break  # ``current`` hangs
            if not line:
                break
            msg = json.loads(line)
            if "start" in msg:
                current = msg["start"]
                continue
            done.add(msg["done"])
            current = None
            if msg.get("over_budget"):
                failures.append(f"{msg['done']}: more than {PATTERN_CPU_SECONDS} CPU seconds (it backtracks)")
                continue
            slow = msg["large"] > NOISE_SECONDS and msg["large"] > MAX_GROWTH * max(msg["small"], 1e-6)
            if slow:
                failures.append(f"{msg['done']}: {msg['small']:.3f} CPU s at {MID} chars, "
                                f"{msg['large']:.3f} CPU s at {LARGE} chars on {msg['sample']!r}...")
        proc.kill()
        proc.wait()
        if current is not None:
            failures.append(f"{current}: no word from the child in {SILENCE_SECONDS} s (it backtracks)")
        pending = [p for p in pending if p[0] not in done and p[0] != current]
        if current is None:
            break
    assert not failures, "patterns that backtrack:\n" + "\n".join(failures)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    probe([tuple(p) for p in json.load(sys.stdin)])


# The lines of the report, each in an otherwise ordinary article: the byline rule (exponential), the
# breadcrumb split, hidden HTML, Markdown links and the sentence-start search of tagging (quadratic).
ARTICLE = ("Open models gain ground\n\n"
           + "\n\n".join(["The lab released the weights of its new model on Monday, and researchers began "
                          "testing it against the closed systems that dominate the field today."] * 4)
           + "\n\n")
REPORTED_LINES = {
    "byline.txt": "By Ab" + "andAb" * 24 + "!",
    "breadcrumb.txt": "a" + " " * 16000 + "b",
    "comments.md": "<!--" * 40000,
    "links.md": "[" * 40000,
    # Lines under the length at which the cleaner stops looking, many of them: tagging sees the whole text.
    "names.txt": "\n\n".join(["x Ab " * 900] * 22),
}


def test_reported_seed_lines_are_ingested_quickly(tmp_path: Path):
    """Each line of the report, in a seed, is cleaned and tagged in seconds of CPU time, not minutes."""
    for name, line in REPORTED_LINES.items():
        (tmp_path / name).write_text(ARTICLE + line + "\n", encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run([sys.executable, "-m", "build_tools", "ingest", "--json", "--jobs", "1",
                          *sorted(REPORTED_LINES)], cwd=tmp_path, capture_output=True, text=True,
                         timeout=SILENCE_SECONDS, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert "Traceback" not in run.stderr, run.stderr
    # Every seed is ingested: none is refused for going over ingest's own time budget per seed.
    assert run.returncode == 0, run.stderr
    # The CPU time of the ingest and its workers, which other processes on the machine do not add to.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert cpu < INGEST_CPU_SECONDS, f"took {cpu:.1f} CPU seconds"


def test_a_seed_over_its_time_budget_is_reported(tmp_path: Path, monkeypatch, capsys):
    """A seed that takes longer than the budget is a problem with its path, not a hang."""
    from build_tools.ingest import pipeline

    (tmp_path / "slow.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(pipeline, "SEED_SECONDS", 0.001)
    problems = pipeline._work("slow.txt")
    assert [str(p) for p in problems] == [
        "slow.txt: took more than 0.001 s to clean and tag; a seed is the text of one article: save only the "
        "article"]
