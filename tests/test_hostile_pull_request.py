"""A hostile pull request, end to end, on a throw-away copy of the repository.

The copy is a git repository in tmp_path holding the project's files; the pull request adds what the
security review found dangerous: links named site, build and .site.building (to folders outside the
copy), briefings/x.md -> /dev/zero, a briefing with control characters in its front matter, a seed of
2 MiB of lines built to make regular expressions backtrack, and (in a second copy) cache files added with
``git add -f``: page HTML, search entries and Jinja bytecode that would run code. ``make tracked-files``,
``check``, ``ingest`` and ``mkdocs build`` must each give clear ``path: message`` errors, delete nothing,
run nothing, and finish within a minute.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cache_trust import _plant_bytecode

ROOT = Path(__file__).resolve().parents[1]
MINUTE = 60
# The copy holds what check and the build read; tests and benchmarks are not needed there.
COPIED = ("build_tools", "overrides", "docs", "briefings", "seeds", "editions", "mkdocs.yml",
          "mkdocs.zh.yml", "mkdocs.zh-hant.yml", "Makefile", ".gitignore", "pyproject.toml")
MARK = "PlantedByAPullRequest"
CONTROL_BRIEFING = """\
---
id: odd
date: 2024-06-03
language: en
title:
  en: "Rain \\x01 and \\u202e"
translation:
  en: original
  zh: pending
---

en: A paragraph.
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo,
                   check=True, capture_output=True)


def _copy(tmp_path: Path) -> Path:
    """A git repository holding the project's files as committed on the base branch."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.exists():
            shutil.copy2(source, repo / name)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    return repo


def _run(repo: Path, *argv: str,
         env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run a command of the copy (its own build_tools first on the path); its CPU seconds.

    CPU time, not the wall's: a machine busy with other work does not add to it, while a pattern that
    backtracks does. A command that hangs without using the CPU runs into the timeout instead.
    """
    full = {**os.environ, "PYTHONPATH": str(repo), "NO_MKDOCS_2_WARNING": "1", "CI": "true", **(env or {})}
    full.pop("AI_BRIEFING_BRIEFINGS", None)
    full.pop("AI_BRIEFING_TAXONOMY", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run(list(argv), cwd=repo, env=full, capture_output=True, text=True, timeout=3 * MINUTE,
                         check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return run, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _victim(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "keep.txt").write_text("precious\n", encoding="utf-8")
    return folder


def _hostile_seed() -> str:
    """Just under 2 MiB of lines, each a shape that made a pattern backtrack before."""
    lines = ["By Ab" + "andAb" * 24 + "!", "a" + " " * 4000 + "b", "<!--" * 1000, "[" * 4000, "x Ab " * 800,
             "来源" + " " * 3000 + "x", "updated" + " " * 3000 + "x", "本文由" + " " * 3000 + "x"]
    text, i = [], 0
    size = 0
    while size < 2 * 1024 * 1024 - 8000:
        line = lines[i % len(lines)]
        text.append(line)
        size += len(line.encode("utf-8")) + 1
        i += 1
    return "Open models gain ground\n" + "\n".join(text) + "\n"


def test_links_a_dev_zero_briefing_control_characters_and_a_backtracking_seed(tmp_path: Path):
    repo = _copy(tmp_path)
    victims = {name: _victim(tmp_path, f"victim-{name.strip('.')}")
               for name in ("site", "build", ".site.building")}
    for name, target in victims.items():
        (repo / name).symlink_to(target)
    (repo / "briefings" / "x.md").symlink_to("/dev/zero")
    (repo / "briefings" / "odd.md").write_text(CONTROL_BRIEFING, encoding="utf-8")
    (repo / "seeds" / "hostile.txt").write_text(_hostile_seed(), encoding="utf-8")
    assert (repo / "seeds" / "hostile.txt").stat().st_size < 2 * 1024 * 1024
    _git(repo, "add", "-A")  # a plain add: the links are ignored by name, like a real pull request's
    _git(repo, "add", "-f", "site", "build", ".site.building")
    _git(repo, "commit", "-q", "-m", "hostile pull request")

    tracked, seconds = _run(repo, "make", "--no-print-directory", "tracked-files")
    assert tracked.returncode != 0 and seconds < MINUTE
    for name in ("site", "build", ".site.building", "briefings/x.md"):
        assert f"{name}: a symbolic link; the project tracks no links" in tracked.stdout, tracked.stdout

    check, seconds = _run(repo, sys.executable, "-m", "build_tools", "check")
    assert check.returncode == 1 and seconds < MINUTE
    assert "Traceback" not in check.stderr
    assert ("briefings/x.md: is a symbolic link; a briefing must be a regular file in the pull request"
            in check.stderr), check.stderr
    assert "briefings/odd.md:6: 'title.en': holds a control character U+0001 at character 6" in check.stderr

    ingest, seconds = _run(repo, sys.executable, "-m", "build_tools", "ingest", "--json", "--jobs", "1",
                           "seeds/hostile.txt")
    assert seconds < MINUTE, f"ingest took {seconds:.0f} s"
    assert "Traceback" not in ingest.stderr, ingest.stderr[-2000:]

    built, seconds = _run(repo, sys.executable, "-m", "mkdocs", "build", "--strict",
                          env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert built.returncode == 1 and seconds < MINUTE
    assert "Traceback" not in built.stderr
    refusal = f"{repo / 'site'}: is a symbolic link; the build writes and deletes the site folder"
    assert refusal in built.stderr, built.stderr[-2000:]
    for folder in victims.values():
        assert sorted(p.name for p in folder.iterdir()) == ["keep.txt"], f"{folder} was changed"
    for name in victims:
        assert (repo / name).is_symlink()


def test_cache_files_added_with_force_are_refused_and_never_used(tmp_path: Path):
    repo = _copy(tmp_path)
    planted = repo / "build" / "cache"
    marker = tmp_path / "code-ran"
    _plant_bytecode(planted / "jinja", marker)
    page = planted / "page" / "ab" / ("ab" + "0" * 38 + ".html")
    page.parent.mkdir(parents=True)
    page.write_text(f"<script>window.{MARK}=1</script>", encoding="utf-8")
    _git(repo, "add", "-f", "build")
    _git(repo, "commit", "-q", "-m", "hostile pull request")

    tracked, _ = _run(repo, "make", "--no-print-directory", "tracked-files")
    assert tracked.returncode != 0
    assert "build/cache/page/ab/" in tracked.stdout and "tracked, but .gitignore ignores it" in tracked.stdout

    cache_home = tmp_path / "user-cache"
    built, seconds = _run(repo, sys.executable, "-m", "mkdocs", "build", "--strict",
                          env={"XDG_CACHE_HOME": str(cache_home), "AI_BRIEFING_CACHE": ""})
    assert built.returncode == 0, built.stderr[-3000:]
    assert seconds < MINUTE
    assert not marker.exists(), "the build ran bytecode from the pull request"
    site_text = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                          for p in (repo / "site").rglob("*.html"))
    assert MARK not in site_text
    assert (cache_home / "ai-briefing").is_dir(), "the cache is in the user's cache folder"
    assert sorted(p.name for p in planted.iterdir()) == ["jinja", "page"], "nothing was added to build/cache"


@pytest.fixture(autouse=True)
def _no_inherited_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """The copies choose their own cache folder (the session's temporary one is for the other tests)."""
    monkeypatch.delenv("AI_BRIEFING_CACHE", raising=False)
