"""The build cache can carry nothing the build would not have made itself.

``build/`` was git-ignored but ``git add -f build/cache/...`` put files there in a pull request, and the
build used them: cached page HTML and search entries as they were (stored XSS; keys are deterministic),
and Jinja's bytecode cache under build/cache/jinja/, which *executes* what it loads. Now there is no
bytecode cache, the cache is outside the checkout by default, and every entry is signed with a secret of
this machine: a planted entry is not used, it is made again.
"""

from __future__ import annotations

import json
import marshal
import os
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from build_tools.site import cache
from build_tools.site.search_index import read_fragments
from tests.support import cache as cached
from tests.support.sites import ROOT, build

MARK = "PlantedByAPullRequest"


def _site_text(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(site.rglob("*"))
                     if p.is_file() and p.suffix in (".html", ".json", ".xml"))


def test_the_default_cache_is_outside_the_checkout(monkeypatch, tmp_path: Path):
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.directory() == tmp_path / "xdg" / "ai-briefing"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert not cache.directory().resolve().is_relative_to(ROOT)


def test_planted_page_and_search_entries_are_not_used(tmp_path: Path, monkeypatch):
    """Every page and search entry replaced by hostile text after a build: the next build remakes them."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    assert build(tmp_path / "first").returncode == 0
    planted = 0
    for kind, key in cached.values(folder):
        if key.endswith(".html"):
            cached.plant(folder, kind, key, f"<script>window.{MARK}=1</script><p>{MARK}</p>")
            planted += 1
        elif key.endswith(".json"):
            entry = {"location": "x/", "title": MARK, "text": f"<img src=x onerror={MARK}>"}
            cached.plant(folder, kind, key, json.dumps([entry]))
            planted += 1
    assert planted > 10
    assert all(MARK in text for _, _, text in cached.values(folder).values())
    second = build(tmp_path / "second")
    assert second.returncode == 0, second.stderr[-2000:]
    assert MARK not in _site_text(tmp_path / "second")
    # Nor in what search finds and shows (the Traditional site's records are cached, segmented).
    bundles = sorted((tmp_path / "second").rglob("pagefind"))
    assert len(bundles) == 3
    assert not [f for b in bundles for f in read_fragments(b) if MARK in json.dumps(f, ensure_ascii=False)]


def _plant_bytecode(folder: Path, marker: Path) -> int:
    """Jinja bytecode for every template the theme can load, which writes ``marker`` when it runs."""
    import material

    env = jinja2.Environment()
    code = compile(f"open({str(marker)!r}, 'w').write('ran')\n", "<planted>", "exec")
    dirs = [ROOT / "overrides", Path(material.__file__).parent / "templates"]
    seen: set[str] = set()
    folder.mkdir(parents=True, exist_ok=True)
    for base in dirs:
        for path in sorted(base.rglob("*")):
            name = path.relative_to(base).as_posix()
            if not path.is_file() or name in seen:
                continue
            seen.add(name)
            filename = os.path.normpath(base.joinpath(*name.split("/")))
            key = jinja2.BytecodeCache().get_cache_key(name, filename)
            bucket = Bucket(env, key, jinja2.BytecodeCache().get_source_checksum(
                path.read_text(encoding="utf-8", errors="replace")))
            bucket.code = code
            with (folder / f"__jinja2_{key}.cache").open("wb") as fh:
                bucket.write_bytecode(fh)
    assert marshal  # the bucket holds marshalled code, as Jinja writes it
    return len(seen)


def test_planted_template_bytecode_never_runs(tmp_path: Path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    marker = tmp_path / "code-ran"
    assert _plant_bytecode(folder / "jinja", marker) > 10
    built = build(tmp_path / "site")
    assert not marker.exists(), "the build executed bytecode planted in the cache"
    assert built.returncode == 0, built.stderr[-2000:]
