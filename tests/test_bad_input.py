"""Bad input gets a clear answer: every case in tests/bad_inputs/cases.yaml, exactly as a person sees it.

Each case runs the real command line in a fresh folder and must print exactly its expected lines on
stderr, exit non-zero, show no traceback, and leave the folder byte-for-byte as it was: nothing written,
not even a cache file. A few cases run ``python -m build_tools`` in a child process (with a time and
memory limit), to prove that nothing reaches the user as a traceback, a hang or a crash.

The second half checks what must *not* be refused: seeds in legacy encodings and line ends are decoded
to the same extraction as their UTF-8 original, and markup never reaches a draft.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from build_tools.briefing.schema import check_against, read_briefing
from build_tools.briefing.taxonomy import load_taxonomy
from build_tools.errors import Problem
from build_tools.ingest.metadata import simplified_characters

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = ROOT / "tests" / "bad_inputs"
_SUITE = yaml.safe_load((CASES_DIR / "cases.yaml").read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = _SUITE["cases"]
DECODED: list[dict[str, Any]] = _SUITE["decoded"]
# A child process gets this long and this much memory: a YAML bomb or a runaway regex fails the test
# instead of hanging the suite or the machine.
CHILD_TIMEOUT_S = 120
CHILD_MEMORY_BYTES = 2 * 1024**3


# ---------------------------------------------------------------- building a case's files


def _bytes(spec: dict[str, Any]) -> bytes:
    """The content a ``make`` spec describes (see the header of cases.yaml)."""
    if "bytes" in spec:
        raw = spec["bytes"].encode("latin-1")
    else:
        text = spec["text"] if "text" in spec else (ROOT / spec["from"]).read_text(encoding="utf-8")
        for old, new, *times in spec.get("replace", []):
            assert old in text, f"{old!r} is not in the base text"
            text = text.replace(old, new * (times[0] if times else 1), 1)
        text = text.replace("\n", spec.get("newline", "\n"))
        raw = spec.get("bom", "").encode("latin-1") + text.encode(spec.get("encoding", "utf-8"))
    for old, new in spec.get("splice", []):
        assert old.encode() in raw
        raw = raw.replace(old.encode(), new.encode("latin-1"), 1)
    return raw * spec.get("repeat", 1)


def _make(folder: Path, case: dict[str, Any]) -> None:
    """Put the case's stored and generated files into ``folder``."""
    stored = case.get("files", [f"briefings/{case['name']}.md"] if _default_file(case) else [])
    for name in stored:
        source = CASES_DIR / name
        target = folder / (name.split("/", 1)[1] if "/" in name else name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    for name, spec in (case.get("make") or {}).items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if spec.get("folder"):
            target.mkdir()
        elif "symlink" in spec:
            target.symlink_to(spec["symlink"])
        else:
            target.write_bytes(_bytes(spec))


def _default_file(case: dict[str, Any]) -> bool:
    """A check case without files, make or args checks its stored briefing, briefings/<name>.md."""
    return case["command"] == "check" and not {"files", "make", "args"} & set(case)


def _snapshot(folder: Path) -> dict[str, object]:
    """Every entry under ``folder``: file bytes, link targets, folders (links are not followed)."""
    state: dict[str, object] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                state[key] = ("link", str(path.readlink()))
            elif path.is_dir():
                state[key] = "folder"
            else:
                state[key] = path.read_bytes()
    return state


def _args(case: dict[str, Any]) -> list[str]:
    if "args" in case:
        return [case["command"], *case["args"]]
    return [case["command"], f"{case['name']}.md"]


# ---------------------------------------------------------------- the refused cases


def test_the_cases_are_well_formed():
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "case names must be unique"
    for case in CASES:
        assert case["command"] in ("check", "ingest"), case["name"]
        assert case["stderr"], case["name"]
        assert set(case) <= {"name", "command", "args", "files", "make", "stderr", "exit", "subprocess",
                             "why"}, case["name"]
    stored = {p.relative_to(CASES_DIR).as_posix() for p in CASES_DIR.rglob("*") if p.is_file()}
    used = {f"briefings/{c['name']}.md" for c in CASES if _default_file(c)}
    used |= {f for c in CASES for f in c.get("files", [])}
    unused = stored - used - {"cases.yaml", "briefings/valid.md", "seeds/mixed-script.txt",
                                  "seeds/script.html", "seeds/markup.md"}
    assert not unused, f"stored files no case uses: {sorted(unused)}"


def test_the_base_of_the_briefing_cases_is_valid(cli, tmp_path: Path):
    (tmp_path / "valid.md").write_bytes((CASES_DIR / "briefings" / "valid.md").read_bytes())
    run = cli("check", "valid.md")
    assert (run.code, run.err) == (0, "")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_input_gets_its_exact_message(cli, tmp_path: Path, case: dict[str, Any]):
    work = tmp_path / "work"
    work.mkdir()
    _make(work, case)
    before = _snapshot(work)
    if case.get("subprocess"):
        code, out, err = _run_child(_args(case), work)
    else:
        run = cli(*_args(case), cwd=work)
        code, out, err = run.code, run.out, run.err
    assert "Traceback" not in err
    assert err.splitlines() == case["stderr"]
    assert code == case.get("exit", 1) != 0
    assert out == ""
    assert _snapshot(work) == before, "a refused input must leave every file as it was"


def _limit_child() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))


def _run_child(args: list[str], cwd: Path) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "true", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=CHILD_TIMEOUT_S, preexec_fn=_limit_child, check=False)
    return proc.returncode, proc.stdout, proc.stderr


def test_a_yaml_tag_never_runs_its_command(tmp_path: Path):
    # Not only refused with a message: the command in the tag must not have run, in a real process.
    (tmp_path / "python-object-tag.md").write_bytes(
        (CASES_DIR / "briefings" / "python-object-tag.md").read_bytes())
    code, _, err = _run_child(["check", "python-object-tag.md"], tmp_path)
    assert code == 1 and "!!python/object/apply:os.system" in err
    assert not (tmp_path / "PWNED").exists()


def test_a_seed_that_leads_outside_seeds_through_a_link(tmp_path: Path):
    # check_against is given the project root; here a root of our own, whose seeds/ holds a link.
    (tmp_path / "seeds").mkdir()
    (tmp_path / "secret.txt").write_text("outside the seed archive\n", encoding="utf-8")
    (tmp_path / "seeds" / "link.txt").symlink_to(tmp_path / "secret.txt")
    briefing, problems = read_briefing(CASES_DIR / "briefings" / "valid.md")
    assert problems == []
    briefing.path, briefing.seed = "valid.md", "seeds/link.txt"
    assert check_against([briefing], load_taxonomy(), root=tmp_path) == [
        Problem("valid.md", 9, "'seed': seeds/link.txt leads outside seeds/")]


def test_yaml_is_only_ever_loaded_safely():
    # Every YAML load in the project goes through SafeLoader (or our subclass of it).
    unsafe = re.compile(r"yaml\.(?:load|load_all|unsafe_load|full_load)\(|Loader=yaml\.(?:Loader|FullLoader|"
                        r"UnsafeLoader)|yaml\.(?:Loader|FullLoader|UnsafeLoader)\b")
    found = [f"{p.relative_to(ROOT)}:{n}" for p in sorted((ROOT / "build_tools").rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if unsafe.search(line)]
    assert found == []


# ---------------------------------------------------------------- decoded, not refused


@pytest.mark.parametrize("case", DECODED, ids=[d["name"] for d in DECODED])
def test_encodings_and_line_ends_give_the_same_extraction(cli, tmp_path: Path, case: dict[str, Any]):
    text = (ROOT / case["from"]).read_text(encoding="utf-8")
    (tmp_path / "plain.txt").write_text(text, encoding="utf-8")
    (tmp_path / "encoded.txt").write_bytes(_bytes({"text": text, **case["make"]}))
    run = cli("ingest", "--json", "plain.txt", "encoded.txt")
    assert (run.code, run.err) == (0, "")
    plain, encoded = (json.loads(line) for line in run.out.splitlines())
    assert encoded == plain
    assert len(plain["paragraphs"]) >= 3


def _draft(cli, tmp_path: Path, seed: str) -> tuple[str, Any]:
    (tmp_path / seed).write_bytes((CASES_DIR / "seeds" / seed).read_bytes())
    run = cli("ingest", "--out", "drafts", "-q", seed)
    assert (run.code, run.err) == (0, "")
    (path,) = (tmp_path / "drafts").glob("*.md")
    return path.read_text(encoding="utf-8"), read_briefing(path)[0]


def test_mixed_scripts_take_the_majority_and_the_zh_column_is_simplified(cli, tmp_path: Path):
    text, briefing = _draft(cli, tmp_path, "mixed-script.txt")
    assert briefing.language == "zh-Hans"  # four Simplified lines against one Traditional
    # The Traditional line is in Simplified characters in the draft, the other lines untouched.
    assert "业内人士认为，降价的背后是推理成本的快速下降，这一轮价格战还会继续。" in text
    assert all(simplified_characters(p.zh) == p.zh for p in briefing.paragraphs)
    seed_lines = (CASES_DIR / "seeds" / "mixed-script.txt").read_text(encoding="utf-8").splitlines()
    assert briefing.paragraphs[0].zh == seed_lines[1]


def test_mostly_traditional_text_is_zh_hant(cli, tmp_path: Path):
    seed = (CASES_DIR / "seeds" / "mixed-script.txt").read_text(encoding="utf-8").splitlines()
    from build_tools.convert import _converter

    lines = [_converter("s2t").convert(line) for line in seed[:-1]] + seed[-1:]  # one Simplified line left
    (tmp_path / "trad.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = cli("ingest", "--json", "trad.txt")
    assert json.loads(run.out)["language"] == "zh-Hant"


def test_html_scripts_and_styles_never_reach_the_draft(cli, tmp_path: Path):
    text, briefing = _draft(cli, tmp_path, "script.html")
    assert "MUST-NOT-APPEAR" not in text
    assert briefing.title.en == "Lab releases an open model for climate research"
    starts = ["A research lab on Tuesday released", "The lab said the model had been trained",
              "Independent researchers welcomed"]
    assert len(briefing.paragraphs) == len(starts)
    assert all(p.en.startswith(start) for p, start in zip(briefing.paragraphs, starts, strict=True))


def test_markdown_keeps_the_visible_text_and_drops_the_markup(cli, tmp_path: Path):
    _, briefing = _draft(cli, tmp_path, "markup.md")
    assert briefing.title.en == "Lab releases an open model for climate research"
    assert [p.en for p in briefing.paragraphs] == [
        "A research lab on Tuesday released an open model that forecasts regional rainfall, and said "
        "scientists anywhere may use and change it without paying a licence fee.",
        "The lab said the model had been trained on forty years of public weather records & would publish "
        "the code next month.",
        "Independent researchers welcomed the release but warned that forecasts for mountain regions still "
        "needed careful checking.",
    ]


def test_a_txt_seed_that_is_a_saved_web_page_is_read_as_html(cli, tmp_path: Path):
    (tmp_path / "page.txt").write_bytes((CASES_DIR / "seeds" / "script.html").read_bytes())
    (tmp_path / "page.html").write_bytes((CASES_DIR / "seeds" / "script.html").read_bytes())
    run = cli("ingest", "--json", "page.txt", "page.html")
    as_txt, as_html = (json.loads(line) for line in run.out.splitlines())
    assert as_txt == as_html and "MUST-NOT-APPEAR" not in run.out


# ---------------------------------------------------------------- nothing lost, nothing half-done


def test_ingest_keeps_an_edited_draft_unless_forced(cli, tmp_path: Path):
    (tmp_path / "script.html").write_bytes((CASES_DIR / "seeds" / "script.html").read_bytes())
    assert cli("ingest", "--out", "briefings", "-q", "script.html").code == 0
    draft = tmp_path / "briefings" / "lab-releases-an-open-model-for-climate-research.md"
    generated = draft.read_text(encoding="utf-8")
    edited = generated.replace("  zh: ''", "  zh: 实验室发布用于气候研究的开放模型", 1)
    assert edited != generated
    draft.write_text(edited, encoding="utf-8")
    before = _snapshot(tmp_path)
    refused = cli("ingest", "--out", "briefings", "script.html")
    assert (refused.code, refused.out, refused.err) == (
        1, "", f"briefings/{draft.name}: edited since ingest wrote it, so it is not overwritten; use --force "
               "to replace it\n")
    assert _snapshot(tmp_path) == before  # neither the draft nor ingest's record of it changed
    forced = cli("ingest", "--out", "briefings", "--force", "-q", "script.html")
    assert (forced.code, forced.err) == (0, "")
    assert draft.read_text(encoding="utf-8") == generated


_WRITER = """
import sys
import time
sys.path.insert(0, sys.argv[2])
from build_tools.files import write_atomic
contents = [b"A" * 4_000_000, b"B" * 4_000_000]
print("ready", flush=True)
i = 0
while True:
    write_atomic(sys.argv[1], contents[i % 2])
    i += 1
"""


@pytest.mark.parametrize("delay", [0.02, 0.07, 0.15, 0.3])
def test_a_write_killed_midway_leaves_the_old_or_the_new_file(tmp_path: Path, delay: float):
    # A writer that rewrites one file in a loop is killed (SIGKILL, no clean-up) at some moment: the file
    # must hold one whole version, never a truncated mix.
    target = tmp_path / "draft.md"
    target.write_bytes(b"A" * 4_000_000)
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(target), str(ROOT)], stdout=subprocess.PIPE)
    assert proc.stdout.readline() == b"ready\n"
    time.sleep(delay)
    proc.kill()
    proc.wait()
    proc.stdout.close()
    assert target.read_bytes() in (b"A" * 4_000_000, b"B" * 4_000_000)
    # What a kill can leave is a hidden temporary file, which no reader of briefings looks at.
    left = [p for p in tmp_path.iterdir() if p != target]
    assert all(p.name.startswith(".draft.md.") and p.suffix == ".tmp" for p in left)


def test_unquoted_yaml_values_are_text_as_written(tmp_path: Path):
    # YAML 1.1 would read these as the octal 83, 750 seconds, False and a float; a briefing holds text.
    valid = (CASES_DIR / "briefings" / "valid.md").read_text(encoding="utf-8")
    text = (valid.replace("id: valid", "id: 0123").replace("  en: Rainfall in a small town", "  en: 12:30")
            .replace("  name: Example News", "  name: No").replace("  en: ''", "  en: 1e3", 1))
    path = tmp_path / "0123.md"
    path.write_text(text, encoding="utf-8")
    briefing, problems = read_briefing(path)
    assert problems == []
    got = (briefing.id, briefing.title.en, briefing.source.name, briefing.summary.en)
    assert got == ("0123", "12:30", "No", "1e3")
