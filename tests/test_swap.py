"""A failed build leaves the previous site/ as it was: build aside, then swap (build_tools/site/swap.py)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from tests.support.sites import FIXTURES, build, copy_project


def _snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


def test_a_build_that_fails_on_bad_input_leaves_the_previous_site(tmp_path: Path, fixture_site: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)  # the previous site: the session's build of the same project
    before = _snapshot(site)
    assert "index.html" in before and "zh-hant/index.html" in before

    briefings = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "briefings", briefings)
    bad = briefings / "gpt-4o-race.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("date: 2024-06-03", "date: 2024-02-30"),
                   encoding="utf-8")
    failed = build(site, briefings=briefings)
    assert failed.returncode == 1
    assert "'date': 2024-02-30 is not a real date" in failed.stderr
    assert _snapshot(site) == before
    assert _leftovers(site) == []


def test_a_strict_warning_in_another_language_leaves_the_previous_site(
    tmp_path: Path, fixture_site: Path
) -> None:
    project = copy_project(tmp_path)
    site = project / "site"
    shutil.copytree(fixture_site, site)  # the previous site: a build of the same pages
    before = _snapshot(site)

    about = project / "docs" / "zh" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[坏链接](no-such-page.md)\n", encoding="utf-8")
    failed = build(site, config=project / "mkdocs.yml")
    assert failed.returncode == 1
    assert "in strict mode" in failed.stdout + failed.stderr
    assert _snapshot(site) == before
    assert _leftovers(site) == []

    # and a good build after the failure replaces the site as a whole
    about.write_text(about.read_text(encoding="utf-8").replace("\n[坏链接](no-such-page.md)\n", ""),
                     encoding="utf-8")
    english = project / "docs" / "en" / "about.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    assert build(site, config=project / "mkdocs.yml").returncode == 0
    after = _snapshot(site)
    # The same files, but for the search index's: Pagefind names them by their content, which changed.
    def pages(snapshot: dict) -> set:
        return {name for name in snapshot if "pagefind/" not in name}

    assert pages(after) == pages(before) and after["about/index.html"] != before["about/index.html"]
    assert _leftovers(site) == []
