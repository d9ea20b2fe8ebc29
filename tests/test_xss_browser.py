"""Untrusted text stays text: a hostile briefing, built into a real site and opened in real Chromium.

Every text field of one briefing (title, summary, key points, editor's note, source name, paragraphs of
every kind) carries script tags, event handlers, javascript: and data: links in HTML and Markdown, raw
HTML blocks and template markers. The site is built from a temporary briefings folder
(AI_BRIEFING_BRIEFINGS); the tests then check the HTML files, the search index and the feeds, and load
every kind of page (and a search) in Chromium: nothing may run, and the text must read as written.
Briefings that cannot be made safe by escaping (YAML tags that construct Python objects, a
javascript: source URL) must be refused by ``check`` and by the build, with a clear message.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.register_assert_rewrite("tests.support.browser")
from build_tools.briefing.frontmatter import dump_briefing  # noqa: E402
from build_tools.model import Bilingual, Briefing, Paragraph, Source  # noqa: E402
from build_tools.site import search_index  # noqa: E402
from tests.support.browser import (  # noqa: E402
    LANGS,
    ROOT,
    SITE_PREFIX,
    Reader,
    briefing_path,
    search,
    serve_directory,
)
from tests.support.sites import REAL_TAXONOMY, build  # noqa: E402

# The fixtures (chromium, new_reader) live in tests/support/browser.py.
pytest_plugins = ["tests.support.browser"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE_ID = "hostile-text-stays-text"
# A word found in no real briefing: searching for it must find the hostile briefing.
MARK = "Zorblaxian"
FLAG = "window.__pwned=1"
PAYLOADS = [
    f"<script>{FLAG}</script>",
    f'<img src=x onerror="{FLAG}">',
    f"[click](javascript:{FLAG})",
    f"![x](data:text/html,<script>{FLAG}</script>)",
    f'<div onclick="{FLAG}">raw div</div>',
    f'<iframe src="javascript:{FLAG}"></iframe>',
    f'<svg onload="{FLAG}"><circle r="1"/></svg>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a> '
    f'<a href="javascript:{FLAG}">js link</a>',
    "{{ config }} {% raw %}{{ page.title }}{% endraw %} {# comment #}",
    "<!-- an HTML comment --> &lt;already escaped&gt; &amp; <b>bold</b>",
]
SOURCE_URL = "https://example.org/article?a=1&b=2"  # the & must come out as &amp; in the href
# ``{{ config }}`` rendered by Jinja would print the config's dict: its keys in quotes.
TEMPLATE_LEAKS = ["'site_name':", "'config_file_path':", "'plugins':", "'docs_dir':"]


def _text(label: str, i: int = 0) -> str:
    """One hostile text: a readable label, the mark, and one payload (rotating through all of them)."""
    return f"{label} {MARK} {PAYLOADS[i % len(PAYLOADS)]}"


def _hostile_briefing() -> Briefing:
    paragraphs = []
    for i, payload in enumerate(PAYLOADS):
        kind = ("p", "h", "li", "quote")[i % 4]
        paragraphs.append(Paragraph(kind=kind, en=f"{MARK} paragraph {i}: {payload}",
                                    zh=f"{MARK} 第{i}段：{payload}"))
    # A raw HTML block on its own, as Markdown would treat it at the start of a line.
    paragraphs.append(Paragraph(kind="p", en=f'<div onclick="{FLAG}">', zh=f'<div onclick="{FLAG}">'))
    return Briefing(
        id=HOSTILE_ID, date=dt.date(2024, 6, 1), language="en",
        title=Bilingual(en=_text("Title", 0), zh=_text("标题", 1)),
        summary=Bilingual(en=_text("Summary", 2), zh=_text("摘要", 3)),
        key_points={"en": [_text("Point", i) for i in range(len(PAYLOADS))],
                    "zh": [_text("要点", i) for i in range(len(PAYLOADS))]},
        source=Source(name=_text("Source", 1), url=SOURCE_URL),
        tags=["ai-safety"], entities=["openai"],
        translation={"en": "original", "zh": "reviewed"},
        editor_note=Bilingual(en=_text("Note", 4), zh=_text("编者按", 5)),
        paragraphs=paragraphs)


NEIGHBOUR_ID = "plain-neighbour-briefing"


def _plain_briefing(briefing_id: str) -> Briefing:
    """A harmless briefing with text of its own (so that it is no near-duplicate of a real one)."""
    return Briefing(
        id=briefing_id, date=dt.date(2024, 6, 2), language="en",
        title=Bilingual(en="Quarterly rainfall in a mountain town", zh="山区小镇的季度降雨量"),
        summary=Bilingual(en="Rain gauges in a small town.", zh="小镇的雨量计。"),
        source=Source(name="Town Gazette", url="https://example.org/rain"),
        tags=["ai-safety"], entities=["openai"], translation={"en": "original", "zh": "reviewed"},
        paragraphs=[Paragraph(kind="p", en="The rain gauges of the town were read every morning in spring.",
                              zh="春天每天早晨都会读取小镇的雨量计。")])


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site built from the hostile briefing and a neighbour whose pages link to it."""
    tmp = tmp_path_factory.mktemp("hostile")
    folder = tmp / "briefings"
    folder.mkdir()
    (folder / f"{HOSTILE_ID}.md").write_text(dump_briefing(_hostile_briefing()), encoding="utf-8")
    (folder / f"{NEIGHBOUR_ID}.md").write_text(dump_briefing(_plain_briefing(NEIGHBOUR_ID)),
                                               encoding="utf-8")
    checked = _check(folder / f"{HOSTILE_ID}.md")
    assert checked.returncode == 0, f"check refuses the hostile briefing:\n{checked.stderr}"
    site = tmp / "site"
    done = build(site, briefings=folder, taxonomy=REAL_TAXONOMY)
    if done.returncode != 0:
        pytest.fail(f"mkdocs build --strict of the hostile briefing failed:\n{done.stderr[-4000:]}",
                    pytrace=False)
    return site


def _check(*paths: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_tools", "check", *map(str, paths)], cwd=cwd,
                          capture_output=True, text=True, timeout=120, check=False,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


# ---- The HTML files -------------------------------------------------------------------------------

class _Markup(HTMLParser):
    """Every element with its attributes, and the text inside <script> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_hostile_text_is_escaped_in_every_html_file(hostile_site: Path) -> None:
    """No script, handler, iframe or javascript:/data: URL comes from the text; it is escaped instead."""
    problems = []
    for path in _html_files(hostile_site):
        raw = path.read_text(encoding="utf-8")
        where = path.relative_to(hostile_site)
        markup = _Markup()
        markup.feed(raw)
        for tag, attrs in markup.elements:
            for name, value in attrs.items():
                if name.startswith("on"):
                    problems.append(f"{where}: <{tag} {name}={value!r}>")
                if name in ("href", "src", "action", "formaction", "data", "srcdoc") and \
                        re.match(r"\s*(javascript|data|vbscript):", value, re.IGNORECASE):
                    problems.append(f"{where}: <{tag} {name}={value!r}>")
            if tag in ("iframe", "object", "embed", "circle") or (tag == "img" and attrs.get("src") == "x"):
                problems.append(f"{where}: a <{tag}> element {attrs}")
            if tag == "div" and "onclick" in attrs:
                problems.append(f"{where}: raw <div onclick>")
        problems += [f"{where}: <script> holds {s.strip()[:80]!r}" for s in markup.scripts if "__pwned" in s]
        if MARK in raw:
            problems += [f"{where}: template output {leak!r} next to the hostile text"
                         for leak in TEMPLATE_LEAKS if leak in raw and "search" not in str(where)]
    assert not problems, "hostile markup reached the HTML:\n  " + "\n  ".join(problems[:30])

    # The hostile briefing's page holds every payload escaped, in every language.
    for lang in LANGS:
        page = hostile_site / briefing_path(lang, HOSTILE_ID).lstrip("/") / "index.html"
        raw = page.read_text(encoding="utf-8")
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in raw, f"{page}: script not shown escaped"
        assert "{{ config }}" in raw and "{% raw %}" in raw, f"{page}: template markers were interpreted"
        assert "&lt;img src=x onerror=" in raw
        # Material writes <title> and meta from page meta: the title is escaped there too, once.
        title = re.search(r"<title>(.*?)</title>", raw, re.DOTALL)
        assert title, f"{page}: no <title>"
        assert "<" not in title.group(1), f"{page}: markup in <title>: {title.group(1)!r}"
        assert "&lt;" in title.group(1), f"{page}: <title> lacks the escaped text: {title.group(1)!r}"
        assert "&amp;lt;" not in title.group(1), f"{page}: the title is escaped twice: {title.group(1)!r}"


# ---- Search index and feeds ------------------------------------------------------------------------

def test_search_index_and_feeds_hold_the_text_escaped(hostile_site: Path) -> None:
    """The search index holds the hostile text as text (the search box shows it as text, see
    test_nothing_runs_in_the_browser), and the feeds carry only escaped text."""
    for lang in LANGS:
        bundle = hostile_site / SITE_PREFIX[lang].lstrip("/") / "pagefind"
        hostile = [p for p in search_index.read_fragments(bundle) if MARK in p["content"]]
        assert hostile, f"{bundle}: the hostile briefing is not indexed"
        # Pagefind read the escaped HTML of the record: the text is back as written, no element was made.
        assert any("<script>" in p["content"] for p in hostile), f"{bundle}: the hostile text is missing"

    feeds = sorted(hostile_site.rglob("feed.xml")) + sorted(hostile_site.rglob("feed.json"))
    assert feeds, "no feed.xml or feed.json in the site"
    for feed in feeds:
        text = feed.read_text(encoding="utf-8")
        if feed.suffix == ".xml":
            for item in ET.fromstring(text).iter("item"):
                # RSS 2.0: <description> is entity-encoded HTML, so after XML decoding it must still be
                # HTML-escaped text; raw markup there is run by feed readers.
                for node in item.iter("description"):
                    value = node.text or ""
                    if MARK in value:
                        assert not re.search(r"<(script|img|iframe|svg|div)\b", value, re.IGNORECASE), (
                            f"{feed}: <description> decodes to markup: {value[:200]!r}")
        else:
            for item in json.loads(text).get("items", []):
                html_content = item.get("content_html", "")
                assert not re.search(r"<(script|img|iframe|svg)\b", html_content, re.IGNORECASE), (
                    f"{feed}: content_html holds markup: {html_content[:200]!r}")
                for key in ("url", "external_url", "image"):
                    assert not re.match(r"\s*(javascript|data):", str(item.get(key, "")), re.IGNORECASE)


# ---- In the browser ---------------------------------------------------------------------------------

# Anything in the live DOM that a payload would have become.
_INJECTED_JS = """
() => {
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on') && a.value.includes('__pwned')) out.push(el.tagName + ' ' + a.name);
      if (['href', 'src', 'action', 'formaction', 'data'].includes(a.name)
          && /^\\s*(javascript|data|vbscript):/i.test(a.value))
        out.push(el.tagName + ' ' + a.name + '=' + a.value);
    }
  }
  for (const s of document.querySelectorAll('script'))
    if (s.textContent.includes('__pwned')) out.push('SCRIPT');
  for (const t of ['iframe', 'object', 'embed', 'svg circle', 'img[src="x"]'])
    for (const el of document.querySelectorAll(t)) out.push(t);
  return out;
}
"""


def _assert_inert(reader: Reader) -> None:
    page = reader.page
    assert page.evaluate("typeof window.__pwned") == "undefined", f"a payload ran on {page.url}"
    injected = page.evaluate(_INJECTED_JS)
    assert not injected, f"{page.url}: hostile markup in the DOM: {injected}"
    assert not reader.watch.dialogs, f"{page.url}: dialogs opened: {reader.watch.dialogs}"


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path):
    """The hostile site served on 127.0.0.1."""
    with serve_directory(hostile_site) as url:
        yield url


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_runs_in_the_browser(new_reader, hostile_url: str, lang: str) -> None:
    """Every page showing the hostile text, and a search for it, run nothing and show the text as written."""
    reader: Reader = new_reader("desktop", base=hostile_url)
    prefix = SITE_PREFIX[lang]
    briefing = briefing_path(lang, HOSTILE_ID)
    pages = [briefing, briefing_path(lang, NEIGHBOUR_ID), prefix, f"{prefix}topics/ai-safety/",
             f"{prefix}topics/openai/", f"{prefix}archive/",
             f"{prefix}archive/2024-06/", f"{prefix}topics/", f"{prefix}glossary/"]
    for path in pages:
        reader.open(path)
        _assert_inert(reader)
        if path == briefing:
            # Click every view, the source link and every link inside the article: nothing runs.
            for view in ("original", "translation", "parallel"):
                reader.page.locator(f'.view-toggle button[data-view="{view}"]').click()
                text = reader.page.locator("article").inner_text()
                for payload in (f"<script>{FLAG}</script>", f'<img src=x onerror="{FLAG}">',
                                f"[click](javascript:{FLAG})", "{{ config }}", "{% raw %}"):
                    assert payload in text, f"{path} ({view}): {payload!r} is not shown as text"
            reader.page.locator(".bilingual").click(position={"x": 5, "y": 5})
            for row in reader.page.locator(".bilingual [data-col]").all()[:8]:
                row.click()
            _assert_inert(reader)
            source = reader.page.locator("a.briefing-source__original")
            assert source.get_attribute("href") == SOURCE_URL
    reader.open(prefix)
    paths, meta = search(reader, MARK)
    assert briefing in paths, f"search for {MARK} on {prefix} does not find the hostile briefing: {meta}"
    _assert_inert(reader)
    results = reader.page.locator(".md-search-result").inner_text()
    assert MARK in results
    assert "<script>" in results or "<img src=x" in results, "the hostile text is not shown as written"
    # Only what the hostile text could cause counts here; the site's other console errors are
    # test_browser.py's business.
    assert not reader.watch.exceptions, f"uncaught exceptions: {reader.watch.exceptions}"


# ---- Input that cannot be made safe is refused ---------------------------------------------------

def _refusal_case(tmp_path: Path, pattern: str, replacement: str) -> tuple[Path, Path, int]:
    """A plain briefing in tmp_path/briefings with its line matching ``pattern`` replaced; return the
    folder, the file (relative to tmp_path) and the line number."""
    folder = tmp_path / "briefings"
    folder.mkdir()
    text = dump_briefing(_plain_briefing("refused-briefing"))
    match = re.search(pattern, text, re.MULTILINE)
    assert match, f"the plain briefing has no line matching {pattern!r}"
    changed = text.replace(match.group(0), replacement, 1)
    (folder / "refused-briefing.md").write_text(changed, encoding="utf-8")
    return folder, Path("briefings") / "refused-briefing.md", text[:match.start()].count("\n") + 1


def _assert_refused(tmp_path: Path, pattern: str, replacement: str, message: str) -> None:
    """The briefing with ``pattern`` replaced is one exact problem for check, and fails the build with it,
    without a traceback and without writing a site."""
    folder, name, line = _refusal_case(tmp_path, pattern, replacement)
    checked = _check(name, cwd=tmp_path)
    assert (checked.returncode, checked.stderr.splitlines()) == (1, [
        f"{name.as_posix()}:{line}: {message}", "1 problem in 1 file"])
    site = tmp_path / "site"
    built = build(site, briefings=folder, taxonomy=REAL_TAXONOMY)
    assert built.returncode != 0, f"the build accepted {replacement.strip()!r}"
    assert f"{line}: {message}" in built.stderr, built.stderr[-2000:]
    assert "Traceback" not in built.stderr, built.stderr[-2000:]
    assert not (site / "index.html").exists(), "a site was written although the input is invalid"


def test_yaml_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    """A front matter tag that would run a command is a clear error in check and in the build."""
    marker = Path("/tmp") / f"pwned-{uuid.uuid4().hex}"
    _assert_refused(tmp_path, r"^  name: .*$", f'  name: !!python/object/apply:os.system ["touch {marker}"]',
                    "YAML tag '!!python/object/apply:os.system' is not allowed; "
                    "write plain text, lists and mappings")
    assert not marker.exists(), f"the YAML tag ran: {marker} was created"


def test_javascript_source_url_is_refused(tmp_path: Path) -> None:
    """A source URL that is not http(s) is refused by check and by the build, never linked."""
    _assert_refused(tmp_path, r"^  url: .+$", "  url: javascript:alert(1)",
                    "'source.url': expected an http:// or https:// URL, got 'javascript:alert(1)'")
