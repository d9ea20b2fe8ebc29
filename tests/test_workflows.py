"""CI and deploy give a pull request's code nothing to steal and nothing to publish with (SECURITY.md)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
PUBLISHING = {"pages": "write", "id-token": "write"}


def _workflows() -> dict[str, dict]:
    return {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(WORKFLOWS.glob("*.yml"))}


def _steps(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def test_every_action_is_pinned_by_a_full_commit_sha():
    for file, workflow in _workflows().items():
        for job, step in _steps(workflow):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), (file, job, step["uses"])


def test_permissions_are_granted_per_job_and_only_deploy_can_publish():
    for file, workflow in _workflows().items():
        assert workflow.get("permissions") == {}, f"{file}: the workflow grants permissions to every job"
        for name, job in workflow["jobs"].items():
            granted = job.get("permissions", {})
            publishing = {k: v for k, v in granted.items() if PUBLISHING.get(k) == v}
            if file == "deploy.yml" and name == "deploy":
                assert publishing == PUBLISHING
                assert not any("run" in step for step in job["steps"]), "deploy runs the repository's code"
            else:
                assert publishing == {}, f"{file}: job {name} can publish"
                assert all(v in ("read", "none") for v in granted.values()), (file, name, granted)


def test_checkouts_keep_no_credentials():
    for file, workflow in _workflows().items():
        for job, step in _steps(workflow):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, (file, job)


def test_only_main_is_deployed():
    jobs = _workflows()["deploy.yml"]["jobs"]
    assert jobs["deploy"]["if"] == "github.ref == 'refs/heads/main'"
    assert jobs["build"]["if"] == "github.ref == 'refs/heads/main'"


def test_dependencies_are_installed_from_the_lock_with_hashes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    pinned_pip = makefile.index("pip install --quiet --require-hashes -r requirements-pip.lock")
    assert pinned_pip < makefile.index("pip install --quiet --require-hashes -r requirements.lock")
    assert "pip install --quiet --no-deps --no-build-isolation -e ." in makefile
    assert re.search(r"^pip==\S+ \\\n    --hash=sha256:[0-9a-f]{64}$",
                     (ROOT / "requirements-pip.lock").read_text(encoding="utf-8"), re.MULTILINE)
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", lock, re.MULTILINE)
    assert len(pins) > 20
    assert lock.count("--hash=sha256:") >= len(pins)
    assert "file:///" not in lock, "the lock names no index of this machine"
    for workflow in _workflows().values():
        for _, step in _steps(workflow):
            if step.get("uses", "").startswith("actions/setup-python@"):
                assert step["with"]["cache-dependency-path"] == "requirements.lock"


def test_code_owners_review_every_path_that_runs():
    owners = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    patterns = {line.split()[0] for line in owners.splitlines() if line.strip() and not line.startswith("#")}
    for path in ("/build_tools/", "/overrides/", "/mkdocs*.yml", "/.github/", "/Makefile", "/pyproject.toml",
                 "/docs/", "/requirements.lock", "/requirements-pip.lock"):
        assert path in patterns, path


def test_the_lock_pins_every_dependency_of_pyproject():
    """A dependency added to pyproject.toml without `make lock` would be missing from a fresh setup."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"].values()
    wanted = [*project["dependencies"], *(r for group in extras for r in group)]
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8").lower()
    for requirement in wanted:
        name = re.split(r"[<>=!~\[ ;]", requirement)[0].lower().replace("_", "-")
        assert re.search(rf"^{re.escape(name)}==", lock, re.MULTILINE), f"{name}: not locked; run make lock"
