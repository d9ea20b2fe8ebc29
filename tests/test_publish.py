"""Publishing: a real MkDocs build of all three languages with feeds, sitemap, social meta and 404 pages;
the contributor workflow's files (workflows, template, guide) and the CI report of ``check``."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from test_feeds import validate_json_feed, validate_rss

from build_tools.briefing.frontmatter import dump_briefing
from build_tools.ci_report import annotation, parse_problems, summary
from build_tools.model import Bilingual, Briefing, Paragraph
from tests.support import sites

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://example.org/ai/"
HOSTILE_TITLE = 'Model "X" <script>alert(1)</script> & friends'
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}

# The shared Chromium fixture lives in tests/support/browser.py.
pytest_plugins = ["tests.support.browser"]


class Head(HTMLParser):
    """The <meta> and <link> tags of a page's <head>."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.in_head = True

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "body":
            self.in_head = False
        if not self.in_head:
            return
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta.setdefault(a.get("property") or a["name"], []).append(a.get("content", ""))
        if tag == "link":
            self.links.append(a)


def head_of(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def fixture_briefings(folder: Path) -> list[Briefing]:
    folder.mkdir(parents=True)
    briefings = [
        Briefing(id="open-model-release", date=dt.date(2024, 6, 3), language="en",
                 title=Bilingual(en=HOSTILE_TITLE, zh="模型“X”发布"),
                 summary=Bilingual(en="A lab released an open model & its weights.",
                                   zh="一家实验室发布了开源模型及其权重。"),
                 key_points={"en": ["Weights are public."], "zh": ["权重已公开。"]},
                 tags=["open-source"], entities=["openai"], translation={"en": "original", "zh": "reviewed"},
                 paragraphs=[Paragraph(en="The lab published the weights.", zh="该实验室公布了权重。")]),
        Briefing(id="safety-institute-report", date=dt.date(2024, 5, 20), language="zh-Hans",
                 title=Bilingual(en="Safety institute publishes a report", zh="安全研究所发布报告"),
                 summary=Bilingual(en="A report on testing.", zh="一份关于软件测试的报告。"),
                 tags=["ai-safety"], translation={"en": "pending", "zh": "original"},
                 paragraphs=[Paragraph(zh="研究所发布了报告。")]),
    ]
    for b in briefings:
        (folder / f"{b.id}.md").write_text(dump_briefing(b), encoding="utf-8")
    return briefings


def build(tmp_path: Path, name: str) -> Path:
    site = tmp_path / name
    result = sites.build(site, briefings=tmp_path / "briefings", taxonomy=sites.REAL_TAXONOMY, strict=False,
                         env={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("publish")
    fixture_briefings(tmp / "briefings")
    return build(tmp, "site")


LANGS = {"": ("en", "en_US"), "zh/": ("zh-Hans", "zh_CN"), "zh-hant/": ("zh-Hant", "zh_TW")}


@pytest.mark.parametrize("prefix", list(LANGS))
def test_feeds_of_each_language_and_topic(site: Path, prefix: str):
    base = SITE_URL + prefix
    channel = validate_rss((site / prefix / "feed.xml").read_text(encoding="utf-8"))
    assert channel.findtext("link") == base
    assert [i.findtext("link") for i in channel.findall("item")] == [
        f"{base}briefings/open-model-release/", f"{base}briefings/safety-institute-report/"]
    assert [i.findtext("pubDate") for i in channel.findall("item")] == [
        "Mon, 03 Jun 2024 00:00:00 GMT", "Mon, 20 May 2024 00:00:00 GMT"]
    feed = validate_json_feed((site / prefix / "feed.json").read_text(encoding="utf-8"))
    assert feed["feed_url"] == f"{base}feed.json"
    assert feed["language"] == LANGS[prefix][0]
    topic = validate_json_feed((site / prefix / "feed-ai-safety.json").read_text(encoding="utf-8"))
    assert [i["url"] for i in topic["items"]] == [f"{base}briefings/safety-institute-report/"]
    assert topic["home_page_url"] == f"{base}topics/ai-safety/"
    assert topic["feed_url"] == f"{base}feed-ai-safety.json"
    validate_rss((site / prefix / "feed-open-source.xml").read_text(encoding="utf-8"))
    # the target of every item link is a page of the build
    for item in feed["items"]:
        assert (site / item["url"][len(SITE_URL):] / "index.html").is_file()


def page_url(site: Path, page: Path) -> str:
    """The published URL of a built page (directory URLs)."""
    rel = page.relative_to(site).as_posix()
    return SITE_URL + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def alternates_of(site: Path, page: Path) -> list[dict[str, str]]:
    """The <link rel="alternate"> of a page, each with its href resolved against the page's URL."""
    return [{**link, "url": urljoin(page_url(site, page), link["href"])}
            for link in head_of(page).links if link.get("rel") == "alternate"]


def assert_sitemap_beside(site: Path, page: Path, url: str) -> None:
    """Material's script fetches sitemap.xml from the folder of every alternate link: it must exist."""
    assert url.startswith(SITE_URL), (page, url)  # on the site itself, never another host
    folder = url[len(SITE_URL):].rpartition("/")[0]
    assert (site / folder / "sitemap.xml").is_file(), (page, url)


@pytest.mark.parametrize("prefix", list(LANGS))
def test_every_page_has_feed_links_and_social_meta(site: Path, prefix: str):
    root = site / prefix
    pages = [p for p in root.rglob("index.html")
             if not any(p.relative_to(root).as_posix().startswith(other) for other in ("zh/", "zh-hant/"))]
    assert len(pages) > 10
    for page in pages:
        head = head_of(page)
        alternates = alternates_of(site, page)
        for link in alternates:
            # relative, so the feeds and Material's sitemap fetches stay on the host serving the site
            assert not urlparse(link["href"]).netloc, (page, link)
            assert_sitemap_beside(site, page, link["url"])
        feeds = {(link.get("type"), link["url"]) for link in alternates}
        assert ("application/rss+xml", f"{SITE_URL}{prefix}feed.xml") in feeds, page
        assert ("application/feed+json", f"{SITE_URL}{prefix}feed.json") in feeds, page
        # hreflang: each language's home (the page's own translations are in the sitemaps)
        assert {link["hreflang"]: link["url"] for link in alternates if "hreflang" in link} == {
            lang: SITE_URL + other for other, (lang, _) in LANGS.items()}, page
        for key in ("og:title", "og:description", "og:url", "og:type"):
            assert len(head.meta.get(key, [])) == 1 and head.meta[key][0], (page, key)
        assert head.meta["og:locale"] == [LANGS[prefix][1]]
        assert head.meta["twitter:card"] == ["summary"]
        rel = page.parent.relative_to(root).as_posix()
        assert head.meta["og:url"] == [f"{SITE_URL}{prefix}{'' if rel == '.' else rel + '/'}"]
    topic = [link["url"] for link in alternates_of(site, root / "topics/ai-safety/index.html")]
    assert f"{SITE_URL}{prefix}feed-ai-safety.xml" in topic
    assert f"{SITE_URL}{prefix}feed-ai-safety.json" in topic


def test_briefing_page_meta_is_the_front_matter_escaped(site: Path):
    page = site / "briefings/open-model-release/index.html"
    head = head_of(page)
    assert head.meta["og:type"] == ["article"]
    assert head.meta["og:title"] == [HOSTILE_TITLE]
    # A card falls back on og:title and og:description: they are not repeated as twitter: tags.
    assert "twitter:title" not in head.meta and "twitter:description" not in head.meta
    assert head.meta["og:description"] == ["A lab released an open model & its weights."]
    assert head.meta["article:published_time"] == ["2024-06-03"]
    assert head.meta["article:tag"] == ["Open source"]
    head_html = page.read_text(encoding="utf-8").split("</head>")[0]
    assert "<script>alert(1)" not in head_html
    # the Traditional site shows the converted Chinese text; a pending translation falls back
    hant = head_of(site / "zh-hant/briefings/safety-institute-report/index.html")
    assert hant.meta["og:title"] == ["安全研究所釋出報告"]
    assert hant.meta["og:description"] == ["一份關於軟體測試的報告。"]
    en_pending = head_of(site / "briefings/safety-institute-report/index.html")
    assert en_pending.meta["og:title"] == ["Safety institute publishes a report"]
    assert head_of(site / "index.html").meta["og:type"] == ["website"]


def test_a_sitemap_per_language_with_hreflang_and_front_matter_dates(site: Path):
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("sitemap.xml*")) == [
        "sitemap.xml", "zh-hant/sitemap.xml", "zh/sitemap.xml"]
    entries = {}
    for prefix in LANGS:
        root = ET.parse(site / prefix / "sitemap.xml").getroot()
        locs = [u.findtext("s:loc", namespaces=NS) for u in root.findall("s:url", NS)]
        # each lists the pages of its own language, each page once
        assert {max((p for p in LANGS if loc.startswith(SITE_URL + p)), key=len) for loc in locs} == {prefix}
        assert len(locs) == len(set(locs))
        entries.update({u.findtext("s:loc", namespaces=NS): u for u in root.findall("s:url", NS)})
    html_pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert sorted(entries) == sorted(page_url(site, p) for p in html_pages)
    assert (site / "robots.txt").read_text(encoding="utf-8").splitlines()[-3:] == [
        f"Sitemap: {SITE_URL}{prefix}sitemap.xml" for prefix in LANGS]
    entry = entries[f"{SITE_URL}zh-hant/briefings/open-model-release/"]
    assert entry.findtext("s:lastmod", namespaces=NS) == "2024-06-03"
    assert {a.get("hreflang"): a.get("href") for a in entry.findall("x:link", NS)} == {
        "en": f"{SITE_URL}briefings/open-model-release/",
        "zh-Hans": f"{SITE_URL}zh/briefings/open-model-release/",
        "zh-Hant": f"{SITE_URL}zh-hant/briefings/open-model-release/",
        "x-default": f"{SITE_URL}briefings/open-model-release/",
    }
    assert entries[f"{SITE_URL}archive/"].find("s:lastmod", NS) is None


def test_404_pages_are_localised_and_link_home_archive_search(site: Path):
    for prefix, lang, title in (("", "en", "Page not found"), ("zh/", "zh-Hans", "找不到这个页面"),
                                ("zh-hant/", "zh-Hant", "找不到這個頁面")):
        text = (site / prefix / "404.html").read_text(encoding="utf-8")
        first = text.index('<section class="not-found"')
        assert f'lang="{lang}"' in text[first : first + 80]  # the page's own language comes first
        assert f"<h1>{title}</h1>" in text
        home = f"/ai/{prefix}"
        for href in (home, f"{home}archive/", f"{home}topics/", f"{home}feed.xml"):
            assert f'href="{href}"' in text
        assert f'<form class="not-found__search" action="{home}" method="get" role="search">' in text
        # shown at any depth: links are paths from the server root, none protocol-relative ("//zh/")
        assert not re.search(r'(href|src|action)="//', text)
        head = head_of(site / prefix / "404.html")
        alternates = [link for link in head.links if link.get("rel") == "alternate"]
        assert {link["hreflang"]: link["href"] for link in alternates if "hreflang" in link} == {
            lang: f"/ai/{other}" for other, (lang, _) in LANGS.items()}
        feeds = {link["href"] for link in alternates if "type" in link}
        assert feeds == {f"{home}feed.xml", f"{home}feed.json"}
        for link in alternates:
            folder = link["href"].removeprefix("/ai/").rpartition("/")[0]
            assert (site / folder / "sitemap.xml").is_file(), link
        switcher = re.findall(r'<a href="([^"]*)" hreflang="([^"]*)"[^>]*class="md-select__link"', text)
        assert {lang: href for href, lang in switcher} == {
            lang: f"/ai/{other}" for other, (lang, _) in LANGS.items()}


@pytest.mark.slow
def test_two_builds_publish_identical_bytes(site: Path, tmp_path: Path):
    fixture_briefings(tmp_path / "briefings")
    again = build(tmp_path, "again")
    for rel in ("sitemap.xml", "zh/sitemap.xml", "robots.txt", "feed.xml", "zh/feed.json",
                "zh-hant/feed-ai-safety.xml"):
        assert (site / rel).read_bytes() == (again / rel).read_bytes(), rel


# --- contributor workflow -----------------------------------------------------------------------

def load_workflow(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean True
    data["on"] = data.pop(True, data.get("on"))
    assert isinstance(data["jobs"], dict) and data["jobs"]
    for job in data["jobs"].values():
        assert job["runs-on"] == "ubuntu-latest"
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
    return data


def steps_of(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job["steps"]]


def test_ci_workflow_checks_tests_and_builds_every_pull_request():
    ci = load_workflow("ci.yml")
    assert "pull_request" in ci["on"]
    steps = steps_of(ci)
    uses = [s["uses"] for s in steps if "uses" in s]
    assert any(u.startswith("actions/checkout@") for u in uses)  # pinned by SHA: tests/test_workflows.py
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "3.11"
    runs = [s["run"] for s in steps if "run" in s]
    order = ["make setup", "sudo make browser-deps", "-m build_tools check", "make test", "make build"]
    positions = [next(i for i, r in enumerate(runs) if needle in r) for needle in order]
    assert positions == sorted(positions)
    check = next(r for r in runs if "-m build_tools check" in r)
    assert "build_tools.ci_report" in check and 'exit "$status"' in check


def test_deploy_workflow_publishes_to_pages_on_push_to_main():
    deploy = load_workflow("deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["permissions"] == {}  # per job: tests/test_workflows.py
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    build_steps, deploy_steps = deploy["jobs"]["build"]["steps"], deploy["jobs"]["deploy"]["steps"]
    upload = next(s for s in build_steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site/"
    make_build = next(s for s in build_steps if s.get("run") == "make build")
    assert "SITE_URL" in make_build["env"]
    assert [s["uses"].partition("@")[0] for s in deploy_steps] == ["actions/deploy-pages"]
    assert deploy["jobs"]["deploy"]["needs"] == "build"
    assert deploy["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_pull_request_template_and_guides():
    template = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert "python -m build_tools check" in template and "- [ ]" in template
    en = (ROOT / "docs/en/contributing.md").read_text(encoding="utf-8")
    zh = (ROOT / "docs/zh/contributing.md").read_text(encoding="utf-8")
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert en.partition("\n\n")[2] in contributing  # the repository's guide is the site's English page
    for guide in (en, zh):
        for command in ("build_tools new seeds/", "build_tools check", "make serve", "taxonomy.yaml"):
            assert command in guide
    # the Chinese page has the same sections and examples as the English one
    assert en.count("\n## ") == zh.count("\n## ") and en.count("```") == zh.count("```")


def test_ci_report_turns_check_output_into_annotations_and_a_summary(tmp_path: Path):
    folder = tmp_path / "briefings"
    folder.mkdir()
    text = ("---\nid: bad-date\ndate: 1 June\nlanguage: en\ntitle:\n  en: T\n"
            "translation:\n  en: original\n  zh: pending\n---\n\nen: Text, 100%.\n")
    (folder / "bad-date.md").write_text(text, encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "build_tools", "check", "briefings"], cwd=tmp_path,
                           capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                           check=False)
    assert check.returncode == 1
    summary_file = tmp_path / "summary.md"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GITHUB_STEP_SUMMARY": str(summary_file)}
    report = subprocess.run([sys.executable, "-m", "build_tools.ci_report"], input=check.stderr, cwd=tmp_path,
                            capture_output=True, text=True, env=env, check=False)
    assert report.returncode == 0
    assert report.stderr == check.stderr  # the log still shows check's own lines
    assert report.stdout.splitlines() == [
        "::error file=briefings/bad-date.md,line=3,title=check::'date': expected YYYY-MM-DD, got '1 June'"]
    text = summary_file.read_text(encoding="utf-8")
    assert text.startswith("### ❌ `check` found 1 problem in 1 file\n")
    assert "| `briefings/bad-date.md` | 3 | 'date': expected YYYY-MM-DD, got '1 June' |" in text


def test_ci_report_escapes_workflow_commands_and_markdown():
    problems, other = parse_problems("a,b:c.md:7: 50% <b>x</b> | y\nweird line\n1 problem in 1 file\n")
    assert other == ["weird line"]
    assert annotation(problems[0]) == "::error file=a%2Cb%3Ac.md,line=7,title=check::50%25 <b>x</b> | y"
    text = summary(problems, other)
    assert "50% &lt;b&gt;x&lt;/b&gt; \\| y" in text and "<b>" not in text
    assert summary([], []) == "### ✅ `check`: every briefing is valid\n"
    assert json.dumps(text)  # plain text, nothing binary


# --- the 404 page in a real browser -------------------------------------------------------------

class _StaticHost(SimpleHTTPRequestHandler):
    """A static host like GitHub Pages: the site under /ai/, the root 404.html for any missing path."""

    site: Path

    def translate_path(self, path: str) -> str:
        inner = path.split("?", 1)[0].removeprefix("/ai")
        return str(self.site / inner.lstrip("/"))

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (self.site / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # keep the test output clean
        pass


@pytest.mark.browser
def test_root_404_page_speaks_the_language_of_the_missing_address(site: Path, chromium):
    # One Playwright per session (the shared `chromium` fixture): a second sync_playwright() started
    # while the browser tests' one runs fails inside its event loop.
    handler = type("Host", (_StaticHost,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        context = chromium.new_context()
        try:
            page = context.new_page()
            page.route(re.compile(r"^(?!http://127\.0\.0\.1)"), lambda route: route.abort())
            for path, lang, title in (("/ai/zh-hant/no-such_page.html", "zh-Hant", "找不到這個頁面"),
                                      ("/ai/zh/no-such-page/", "zh-Hans", "找不到这个页面"),
                                      ("/ai/no-such-page/", "en", "Page not found")):
                response = page.goto(base + path)
                assert response is not None and response.status == 404
                visible = page.locator("section.not-found:visible")
                assert visible.count() == 1
                assert visible.get_attribute("lang") == lang
                assert visible.locator("h1").inner_text() == title
                assert page.evaluate("document.documentElement.lang") == lang
                assert visible.locator("input[name=q]").input_value() == "no such page"
            # the search form opens the language's home with Material's search query
            visible.locator("button[type=submit]").click()
            page.wait_for_url(re.compile(r"/ai/\?q=no\+such\+page$"))
            page.goto(base + "/ai/zh/missing/")
            page.locator("section.not-found:visible a", has_text="按月浏览全部简报").click()
            page.wait_for_url(base + "/ai/zh/archive/")
            assert page.locator("section.not-found").count() == 0  # a real page, not the 404 again
        finally:
            context.close()
    finally:
        server.shutdown()
        server.server_close()
