"""Real `mkdocs build --strict` runs: the fixture site in three languages, and the real site (slow)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_tools.convert import to_traditional
from build_tools.site import search_index
from build_tools.site.collect import load_corpus
from build_tools.site.language import LANGUAGES
from build_tools.site.linkcheck import check_site
from build_tools.site.render import indexed_column
from build_tools.site.search_words import as_written
from tests.support.sites import FIXTURES, ROOT, build, copy_project

LANGUAGE_DIRS = {"en": "", "zh": "zh/", "zh-hant": "zh-hant/"}
HTML_LANG = {"en": "en", "zh": "zh", "zh-hant": "zh-Hant"}


@pytest.fixture
def site(fixture_site: Path) -> Path:
    return fixture_site


def _read(site: Path, lang: str, page: str) -> str:
    return (site / LANGUAGE_DIRS[lang] / page / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", list(LANGUAGE_DIRS))
def test_every_language_is_a_complete_site(site: Path, lang: str) -> None:
    for page in (
        "",
        "briefings/altman-open-source",
        "briefings/board-crisis",
        "topics",
        "topics/sam-altman",
        "archive",
        "archive/2024-06",
        "glossary",
        "about",
    ):
        text = _read(site, lang, page)
        assert f'<html lang="{HTML_LANG[lang]}"' in text, (lang, page)
    assert (site / LANGUAGE_DIRS[lang] / "pagefind" / "pagefind.js").is_file()
    assert not (site / LANGUAGE_DIRS[lang] / "search").exists()  # no lunr index of Material's
    if lang == "zh-hant":
        assert "<title>從GPT-4o看人工智慧競爭 - AI 簡報</title>" in _read(site, lang, "briefings/gpt-4o-race")
        assert "搜尋" in _read(site, lang, "")  # Material's interface in Traditional Chinese
        assert "關於 AI 簡報" in _read(site, lang, "about")  # docs/zh converted
    # Briefings are not in the navigation (which Material renders into every page).
    assert "altman-open-source" not in _read(site, lang, "about")


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def _elements(text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(text)
    return parser.elements


@pytest.mark.parametrize("lang", list(LANGUAGE_DIRS))
def test_hostile_text_injects_nothing(site: Path, lang: str) -> None:
    text = _read(site, lang, "briefings/hostile-text")
    for tag, attrs in _elements(text):
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript:"), (tag, attrs)
        assert not (attrs.get("src") or "").lower().startswith("javascript:"), (tag, attrs)
        if tag == "script":  # only the theme's own scripts
            assert attrs.get("src") or attrs.get("id") == "__config" or not attrs, attrs
        assert attrs.get("id") not in ("injected", "injected-zh")
    content = text.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    assert not {tag for tag, _ in _elements(content)} & {"script", "img", "iframe", "svg", "b", "style"}
    assert "alert(5)" in text and "{{ 7*7 }}" in text  # shown as text, not run or rendered
    assert ">49<" not in text


@pytest.mark.parametrize("lang", list(LANGUAGE_DIRS))
def test_theme_configuration_holds_only_the_strings_pages_use(site: Path, lang: str) -> None:
    text = _read(site, lang, "briefings/hostile-text")
    raw = text.split('<script id="__config" type="application/json">', 1)[1].split("</script>", 1)[0]
    config = json.loads(raw)
    # Copying code (Material) and the count of results (search.js); Material's own search is not used.
    assert set(config["translations"]) == {"clipboard.copy", "clipboard.copied", "search.result.none",
                                           "search.result.one", "search.result.other"}
    assert "\\u" not in raw  # the page's own script, not six bytes for each Chinese character
    if lang != "en":
        assert not config["translations"]["search.result.none"].isascii()


@pytest.mark.parametrize("lang", list(LANGUAGE_DIRS))
def test_header_icons_are_drawn_once_for_the_whole_site(site: Path, lang: str) -> None:
    text = _read(site, lang, "briefings/hostile-text")
    sprite = (site / LANGUAGE_DIRS[lang] / "assets/images/icons.svg").read_text(encoding="utf-8")
    symbols = dict(re.findall(r'<symbol id="([^"]+)" viewBox="[^"]+">(.*?)</symbol>', sprite, re.S))
    uses = re.findall(r'<use href="\.\./\.\./assets/images/icons\.svg#([^"]+)"/>', text)
    assert set(uses) == set(symbols) == {"logo", "menu", "alternate", "search", "previous",
                                                 "close", "top", "palette-0", "palette-1"}
    for drawing in symbols.values():
        assert "<path" in drawing and drawing not in text  # in the shared file only


@pytest.mark.parametrize("lang", list(LANGUAGE_DIRS))
def test_briefing_page_carries_no_attribute_or_sidebar_nothing_reads(site: Path, lang: str) -> None:
    text = _read(site, lang, "briefings/hostile-text")
    scripts = "".join((site / LANGUAGE_DIRS[lang] / "assets/javascripts" / name).read_text(encoding="utf-8")
                      for name in ("briefing.js", "search.js"))
    related = text.split('<section class="related-briefings">', 1)[1].split("</section>", 1)[0]
    assert 'class="briefing-link"' in related
    for name in set(re.findall(r"\s(data-[\w-]+)", related)):
        assert name in scripts, f"{name} in the related list, read by no script"
    # The table of contents is hidden on generated pages: no empty sidebar is written for it.
    assert 'data-md-type="toc"' not in text and 'data-md-type="navigation"' in text
    assert "__tabbed_" not in text


def _resolve(page: str, link: str) -> str:
    parts = [p for p in page.split("/") if p]
    for segment in link.split("/"):
        if segment == "..":
            parts.pop()
        elif segment not in ("", "."):
            parts.append(segment)
    return "/".join(parts) + ("/" if link.endswith("/") and parts else "")


@pytest.mark.parametrize("lang", list(LANGUAGE_DIRS))
def test_language_switcher_goes_to_the_same_page(site: Path, lang: str) -> None:
    for page in ("", "briefings/gpt-4o-race/", "topics/openai/", "about/", "archive/2024-06/"):
        here = LANGUAGE_DIRS[lang] + page
        text = (site / here / "index.html").read_text(encoding="utf-8")
        switcher = text.split("data-language-switcher", 1)[1].split("</ul>", 1)[0]
        links = {
            a["data-lang"]: a["href"] for tag, a in _elements(switcher) if tag == "a" and "data-lang" in a
        }
        assert sorted(links) == sorted(LANGUAGE_DIRS)
        for other, prefix in LANGUAGE_DIRS.items():
            target = _resolve(here, links[other])
            assert target == prefix + page, (lang, page, other, links[other])
            assert (site / target / "index.html").is_file()


def _index(site: Path, lang: str) -> list[dict]:
    return list(search_index.read_fragments(site / LANGUAGE_DIRS[lang] / "pagefind"))


def _text(pages: list[dict], url: str) -> str:
    """Everything search finds a page by (its indexed content; Pagefind keeps the zero-width spaces it
    put between the Chinese words it segmented, the Traditional site's words are separated by the
    spaces the build put in: both taken out, as the search box takes them out)."""
    return as_written(" ".join(str(p["content"]) for p in pages if p["url"] == url).replace("\u200b", ""))


def test_search_indexes_are_per_language_and_find_every_name(site: Path) -> None:
    for lang in LANGUAGE_DIRS:
        pages = _index(site, lang)
        locations = [p["url"] for p in pages]
        assert locations.count("briefings/altman-open-source/") == 1, lang  # once, in its own language
        assert "about/" in locations and "glossary/" in locations, lang  # hand-written pages too
        for bid in ("altman-open-source", "board-crisis"):
            text = _text(pages, f"briefings/{bid}/")
            for name in ("Altman", "奥尔特曼", "奥特曼"):
                assert name in text, (lang, bid, name)
        # Pages that repeat others (home, archive, topic index) are left out.
        assert not [x for x in locations if x in ("", "archive/", "topics/") or x.startswith("archive/")]
    en = _index(site, "en")
    text = _text(en, "briefings/altman-open-source/")
    assert "一直站在历史的错误一边" not in text  # the column a reader of the site does not see first
    assert "wrong side of history" in text
    hant = _index(site, "zh-hant")
    assert "開源" in _text(hant, "briefings/gpt-4o-race/")
    assert "奧特曼" in _text(hant, "briefings/board-crisis/")
    # The whole article, to its last paragraph, in the site's script.
    corpus = load_corpus(FIXTURES / "briefings", FIXTURES / "taxonomy.yaml")
    for b in corpus.briefings:
        column = indexed_column(b, LANGUAGES["en"])
        assert b.paragraphs[-1].text(column) in _text(en, f"briefings/{b.id}/"), b.id
    last = to_traditional(corpus.by_id["board-crisis"].paragraphs[-1].zh)
    assert last in _text(hant, "briefings/board-crisis/")
    # Filters and sort keys: the reader's own label of each topic and name, and the year.
    page = next(p for p in hant if p["url"] == "briefings/board-crisis/")
    assert "2023" in page["filters"]["year"] and "山姆·奧特曼" in page["filters"]["name"]


def test_feeds_and_sitemaps_are_written_while_the_last_index_is_made(site: Path) -> None:
    """The root writes its feeds and the sitemaps when a core has no index to start, beside the last
    site's last process (plugin._index_languages), not after every index."""
    written = max((site / name).stat().st_mtime_ns for name in ("feed.xml", "feed.json", "sitemap.xml"))
    last = max((site / prefix / "pagefind" / "pagefind-entry.json").stat().st_mtime_ns
               for prefix in ("", "zh", "zh-hant"))
    assert written <= last


def test_the_helper_is_started_before_the_relations_are_found(tmp_path: Path, monkeypatch) -> None:
    """The root starts the helper that segments the Chinese records as soon as the corpus is read and
    hashed: it works on a core that would idle while the English build finds the relations."""
    from mkdocs.config import load_config

    from build_tools.site import collect

    monkeypatch.setenv("AI_BRIEFING_BRIEFINGS", str(FIXTURES / "briefings"))
    monkeypatch.setenv("AI_BRIEFING_TAXONOMY", str(FIXTURES / "taxonomy.yaml"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # on_config sets it; put back after
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plugin = config.plugins["ai-briefing"]
    helpers = []
    find = collect.build_relations

    def found(*args, **kwargs):
        helpers.append(plugin.helper)
        return find(*args, **kwargs)

    monkeypatch.setattr(collect, "build_relations", found)
    plugin.on_startup(command="build", dirty=False)
    try:
        plugin.on_config(config)
    finally:
        plugin._stop_helper()
        if plugin.swap is not None:
            plugin.swap.abandon()
    (helper,) = helpers
    assert helper is not None and helper.pid is not None and helper.exitcode is not None


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    result = build(again)
    assert result.returncode == 0, result.stderr
    first = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file())
    assert first == second
    different = [p for p in first if (site / p).read_bytes() != (again / p).read_bytes()]
    assert different == []


def test_a_bad_briefing_fails_the_build_with_its_line(tmp_path: Path) -> None:
    briefings = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "briefings", briefings)
    (tmp_path / "seeds").symlink_to(FIXTURES / "seeds")
    bad = briefings / "gpt-4o-race.md"
    bad.write_text(
        bad.read_text(encoding="utf-8").replace("date: 2024-06-03", "date: 3 June"), encoding="utf-8"
    )
    result = build(tmp_path / "site", briefings=briefings)
    assert result.returncode == 1
    assert f"{bad.as_posix()}:3: 'date': expected YYYY-MM-DD, got '3 June'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_warning_in_a_chinese_site_fails_the_strict_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    about = project / "docs" / "zh" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[坏链接](no-such-page.md)\n", encoding="utf-8")
    result = build(project / "site", config=project / "mkdocs.yml")
    assert result.returncode == 1, result.stderr
    assert "WARNING -  [zh] Doc file 'about.md' contains a link 'no-such-page.md'" in result.stderr
    assert "WARNING -  [zh-hant] Doc file 'about.md' contains a link 'no-such-page.md'" in result.stderr
    assert "Aborted with 2 warnings in strict mode!" in result.stdout + result.stderr


@pytest.mark.slow
def test_real_site_builds_strict_with_sound_links(real_site: Path) -> None:
    assert check_site(real_site) == []
    ids = sorted(p.stem for p in (ROOT / "briefings").glob("*.md"))
    for lang, prefix in LANGUAGE_DIRS.items():
        for bid in ids:
            assert (real_site / prefix / "briefings" / bid / "index.html").is_file(), (lang, bid)


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait(url: str, text: str | None, seconds: float) -> str | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _get(url)
        if body is not None and (text is None or text in body):
            return body
        time.sleep(0.1)
    return None


@pytest.mark.slow
def test_serve_rebuilds_only_what_an_edited_briefing_changes(tmp_path: Path) -> None:
    briefings = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "briefings", briefings)
    (tmp_path / "seeds").symlink_to(FIXTURES / "seeds")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "AI_BRIEFING_BRIEFINGS": str(briefings),
        "AI_BRIEFING_TAXONOMY": str(FIXTURES / "taxonomy.yaml"),
        "NO_MKDOCS_2_WARNING": "1",
    }
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            # The config file named as many do, relative to the working folder.
            [sys.executable, "-m", "mkdocs", "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}/"
    try:
        assert _wait(base + "briefings/board-crisis/", None, 300), log.read_text()
        # Search is indexed after each (re)build, in the background: the page does not wait for it.
        entry = _wait(base + "pagefind/pagefind-entry.json", None, 120)
        assert entry, "no search index served"
        path = briefings / "gpt-4o-race.md"
        path.write_text(
            path.read_text(encoding="utf-8")
            .replace("en: What GPT-4o says", "en: Revised, what GPT-4o says")
            .replace("zh: 从GPT-4o看", "zh: 修订从GPT-4o看"),
            encoding="utf-8",
        )
        new = "Revised, what GPT-4o says about the AI race"
        assert _wait(base + "briefings/gpt-4o-race/", new, 120), log.read_text()
        # The pages that show the briefing show the edit too, in every language.
        for page in ("", "topics/openai/", "archive/2024-06/", "briefings/altman-open-source/"):
            assert new in (_get(base + page) or ""), page
        assert _wait(base + "zh/briefings/gpt-4o-race/", "修订从GPT-4o看", 30)
        assert _wait(base + "zh-hant/topics/openai/", "修訂從GPT-4o看", 30)
        # Search was indexed again, shortly after: Pagefind's entry names the index by its content.
        deadline = time.monotonic() + 60
        while _get(base + "pagefind/pagefind-entry.json") in (entry, None) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _get(base + "pagefind/pagefind-entry.json") not in (entry, None), "search index not updated"
        # The sitemaps (with each page's translations) follow the rebuild, as search does.
        assert _wait(base + "robots.txt", "sitemap.xml", 60), log.read_text()
        assert _wait(base + "zh/sitemap.xml", 'hreflang="zh-Hant"', 60), log.read_text()
        # The rebuild was the partial one: the site folder was not cleaned and rebuilt.
        rebuild = log.read_text(encoding="utf-8").split("Detected file changes", 1)[1]
        assert "Cleaning site directory" not in rebuild and "dirty" not in rebuild, rebuild
        # And so is the rebuild after the next edit (the first rebuild must leave what the next needs).
        path.write_text(path.read_text(encoding="utf-8").replace("Revised,", "Revised twice,"),
                        encoding="utf-8")
        assert _wait(base + "briefings/gpt-4o-race/", "Revised twice, what GPT-4o says", 120), log.read_text()
        rebuilds = log.read_text(encoding="utf-8").split("Detected file changes")[1:]
        assert len(rebuilds) >= 2, rebuilds
        full = [r for r in rebuilds if "Cleaning site directory" in r or "Building documentation" in r]
        assert not full, full
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@pytest.mark.slow
def test_a_chinese_site_built_on_its_own_has_its_own_search_index(tmp_path: Path) -> None:
    # A maintainer may build one language (`mkdocs build -f mkdocs.zh-hant.yml`): its site is indexed
    # by its own build, in its language, as the English build indexes the three.
    dest = tmp_path / "site"
    result = build(dest, config=ROOT / "mkdocs.zh-hant.yml")
    assert result.returncode == 0, result.stderr[-3000:]
    assert not (dest / "zh").exists() and not (dest / "zh-hant").exists()
    entry = json.loads((dest / search_index.BUNDLE_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == [LANGUAGES["zh-hant"].pagefind_language]
    pages = {p["url"]: p for p in search_index.read_fragments(dest / search_index.BUNDLE_DIR)}
    corpus = load_corpus(FIXTURES / "briefings", FIXTURES / "taxonomy.yaml")
    for b in corpus.briefings:
        page = pages[f"briefings/{b.id}/"]
        assert page["meta"]["title"] == to_traditional(b.title.zh), b.id
