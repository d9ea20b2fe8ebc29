"""The link checker, on a hand-made site and on the fixture site built in all three languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.errors import Problem
from build_tools.site.linkcheck import check_site, main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def _page(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>\n{body}\n</body></html>\n", encoding="utf-8")


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    _page(
        site / "index.html",
        '<a href="topics/x/">x</a> <a href="topics/x/#top">top</a> '
        '<a href="https://example.com/">out</a> <a href="#here" id="here">me</a>',
    )
    _page(
        site / "topics" / "x" / "index.html",
        '<h1 id="top">X</h1> <a href="../../">home</a> '
        '<a href="../../zh/topics/x/" hreflang="zh-Hans">中文</a>',
    )
    _page(
        site / "zh" / "topics" / "x" / "index.html",
        '<a href="../../../topics/x/" hreflang="en">English</a> <a href="../../">首页</a>',
    )
    _page(site / "zh" / "index.html", '<a href="topics/x/">x</a>')
    return site


def test_a_sound_site_has_no_problems(small_site: Path) -> None:
    assert check_site(small_site) == []


def test_broken_links_anchors_and_language_leaks_are_reported(small_site: Path) -> None:
    _page(
        small_site / "about" / "index.html",
        '<a href="../missing/">a</a>\n<a href="../topics/x/#nowhere">b</a>\n<a href="../zh/">c</a>\n'
        '<a href="../../../etc/">d</a>\n<img src="../logo.png">',
    )
    shown = (small_site / "about" / "index.html").as_posix()
    assert check_site(small_site) == [
        Problem(shown, 2, "broken link '../missing/': no page at /missing/"),
        Problem(shown, 3, "broken anchor '../topics/x/#nowhere': no id 'nowhere' on /topics/x/index.html"),
        Problem(shown, 4, "link '../zh/' leaves the page's language (to /zh/index.html)"),
        Problem(shown, 5, "link '../../../etc/' leads outside the site"),
        Problem(shown, 6, "broken link '../logo.png': no page at /logo.png"),
    ]


def test_command_line_exit_code(small_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(small_site)]) == 0
    _page(small_site / "zh" / "broken" / "index.html", '<a href="#gone">x</a>')
    assert main([str(small_site)]) == 1
    assert "broken anchor '#gone'" in capsys.readouterr().err


def test_fixture_site_has_no_broken_link_in_any_language(fixture_site: Path) -> None:
    for prefix in ("", "zh/", "zh-hant/"):
        assert (fixture_site / prefix / "briefings" / "hostile-text" / "index.html").is_file()
    assert check_site(fixture_site) == []
