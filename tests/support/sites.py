"""Real ``mkdocs build --strict`` runs of the fixture site or of a copy of the project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def build(
    dest: Path,
    *,
    briefings: Path = FIXTURES / "briefings",
    taxonomy: Path = FIXTURES / "taxonomy.yaml",
    config: Path = ROOT / "mkdocs.yml",
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` of ``config`` over the given briefings into ``dest``."""
    env = {
        **os.environ,
        "AI_BRIEFING_BRIEFINGS": str(briefings),
        "AI_BRIEFING_TAXONOMY": str(taxonomy),
        "NO_MKDOCS_2_WARNING": "1",
    }
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(dest)],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


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
