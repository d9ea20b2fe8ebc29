"""A link named site, .site.building or .site.old never makes the build rename or delete what it points at.

``site -> ../victim`` committed in a pull request (``/site/`` in .gitignore ignored only a folder) made the
build swap its output into ``victim``'s place and delete ``victim``. The build now refuses to start, names
the link, and leaves everything as it was. Each case runs in a throw-away tree.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.sites import build


@pytest.mark.parametrize("name", ["site", ".site.building", ".site.old"])
def test_a_link_among_the_site_folders_is_refused_and_nothing_is_deleted(tmp_path: Path, name: str):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("precious\n", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    (work / name).symlink_to(victim)
    built = build(work / "site")
    assert built.returncode == 1
    assert f"{work / name}: is a symbolic link; the build writes and deletes the site folder and the " \
           ".site.building and .site.old folders beside it, so each must be a real folder or absent: " \
           "remove the link" in built.stderr, built.stderr[-2000:]
    assert "Traceback" not in built.stderr
    assert (victim / "keep.txt").read_text(encoding="utf-8") == "precious\n"
    assert sorted(p.name for p in victim.iterdir()) == ["keep.txt"]
    assert (work / name).is_symlink()


def test_a_linked_folder_on_the_way_to_the_site_is_refused(tmp_path: Path):
    """site/ inside a linked folder of the project (out -> ../victim, site_dir out/site) is refused too."""
    from build_tools.site.swap import refuse_links

    victim = tmp_path / "victim"
    victim.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    (project / "out").symlink_to(victim)
    with pytest.raises(Exception, match=r"out: is a symbolic link on the way to the site folder"):
        refuse_links(project / "out" / "site", project)
