"""Real ``mkdocs build`` runs: the fixture site, the real site, another corpus, a copy of the project.

Every test build goes through ``build``; the sites several modules read are session fixtures in
tests/conftest.py (``fixture_site``, ``real_site``), built once per configuration.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from build_tools.briefing.taxonomy import TAXONOMY_PATH

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
REAL_BRIEFINGS = ROOT / "briefings"
REAL_TAXONOMY = TAXONOMY_PATH


def build(
    dest: Path,
    *,
    briefings: Path = FIXTURES / "briefings",
    taxonomy: Path = FIXTURES / "taxonomy.yaml",
    config: Path = ROOT / "mkdocs.yml",
    strict: bool = True,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build [--strict]`` of ``config`` over the given briefings into ``dest``.

    The build cache is the session's temporary one (tests/conftest.py sets AI_BRIEFING_CACHE), never
    the user's cache; ``env`` adds to the environment (SITE_URL, for one).
    """
    run_env = {
        **os.environ,
        "AI_BRIEFING_BRIEFINGS": str(briefings),
        "AI_BRIEFING_TAXONOMY": str(taxonomy),
        "NO_MKDOCS_2_WARNING": "1",
        **(env or {}),
    }
    run_env.pop("SOURCE_DATE_EPOCH", None)
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(dest)]
    if strict:
        command.insert(4, "--strict")
    return subprocess.run(command, cwd=config.parent, env=run_env, capture_output=True, text=True,
                          timeout=900, check=False)


def copy_project(tmp_path: Path) -> Path:
    """A project folder whose docs and configs a test may edit (code and theme linked, not copied)."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("build_tools", "overrides"):
        (project / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "docs", project / "docs")
    for config in ROOT.glob("mkdocs*.yml"):
        shutil.copy(config, project / config.name)
    return project
