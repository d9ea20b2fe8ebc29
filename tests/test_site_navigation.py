"""The navigation of the pages not in it, rendered once for the pages it links alike
(build_tools/site/navigation.py)."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import url_filter

from build_tools.site import navigation

# A navigation template shaped like Material's: links relative to the page, the page's own entry marked.
NAV = """<nav>{% for item in nav.pages %}<a href="{{ item.url | url }}"
{%- if item == page %} class="active"{% endif %}>{{ item.title }}</a>{% endfor %}
{%- for item in nav.items if item.children %}<b>{{ item.title }}</b>{% endfor %}
<a href="{{ nav.homepage.url | url }}">home</a>
<svg href="{{ 'assets/images/icons.svg#logo' | url }}"/></nav>"""


def _config(**theme: str) -> SimpleNamespace:
    """The settings the navigation reads: no home page of its own, Material's logo icon unless given."""
    return SimpleNamespace(extra={}, theme=theme)


def _page(title: str, path: str, *, directory_urls: bool = True) -> Page:
    return Page(title, File(path, "docs", "site", use_directory_urls=directory_urls), MkDocsConfig())


@pytest.fixture
def site() -> tuple[jinja2.Environment, Navigation, dict[str, Page]]:
    pages = {"home": _page("Home", "index.md"), "topics": _page("Topics", "topics/index.md"),
             "ai": _page("AI", "topics/ai/index.md"), "about": _page("About", "about.md")}
    items = [pages["home"], Section("Topics", [pages["topics"], pages["ai"]]), pages["about"],
             Link("Feed", "feed.xml")]
    env = jinja2.Environment(loader=jinja2.DictLoader({"partials/nav.html": NAV}))
    env.filters["url"] = url_filter
    return env, Navigation(items, list(pages.values())), pages


def _both(env: jinja2.Environment, nav: Navigation, page: Page) -> tuple[str, str]:
    """The page's navigation with the plain include, and with site_navigation."""
    context = {"nav": nav, "page": page, "config": _config(), "base_url": "."}
    plain = env.from_string('{% include "partials/nav.html" %}').render(context)
    return plain, env.from_string("{{ site_navigation() }}").render(context)


def test_pages_out_of_the_navigation_that_link_alike_share_one_render(site, monkeypatch) -> None:
    env, nav, pages = site
    renders: list[str] = []
    render = navigation._render

    def counted(template: jinja2.Template, context: jinja2.runtime.Context) -> str:
        renders.append(context["page"].url)
        return render(template, context)

    monkeypatch.setattr(navigation, "_render", counted)
    env.globals["site_navigation"] = navigation.navigation_function(env)
    outside = [_page("A", "briefings/a.md"), _page("B", "briefings/b.md"),  # the same links
               _page("C", "topics/c.md"),  # shares topics/ with the navigation: its own links
               _page("D", "topics/ai/d.md"), _page("E", "e.md"), _page("F", "people/f.md"),
               _page("G", "g.md", directory_urls=False)]  # links as the home page does
    for page in outside:
        plain, shared = _both(env, nav, page)
        assert shared == plain
        assert 'class="active"' not in shared
    assert renders == ["briefings/a/", "topics/c/", "topics/ai/d/", "e/", "g.html"]  # F links as A and B
    renders.clear()
    for page in pages.values():  # in the navigation: its own entry marked, rendered every time
        plain, shared = _both(env, nav, page)
        assert shared == plain and shared.count('class="active"') == 1
    assert len(renders) == len(pages)


def test_link_targets_are_every_entry_the_home_page_and_the_logo(site) -> None:
    _, nav, _ = site
    config = _config(logo="assets/logo.png")
    config.extra["homepage"] = "https://example.org/"
    assert navigation.link_targets(nav, config) == [
        "", "topics/", "topics/ai/", "about/", "feed.xml", "https://example.org/", "assets/logo.png",
        navigation.SPRITE]
