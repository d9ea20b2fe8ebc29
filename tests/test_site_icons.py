"""The header's icons, looked up once a build (build_tools/site/icons.py)."""

from __future__ import annotations

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import url_filter

from build_tools.site import icons

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="{box}"><path d="M0 0h1"/></svg>'


def _env(drawings: dict[str, str]) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader(
        {f".icons/{name}.svg": SVG.format(box=box) for name, box in drawings.items()}))
    env.filters["url"] = url_filter
    return env


def test_theme_icons_take_the_themes_choice_then_materials_default() -> None:
    theme = {"icon": {"search": "fontawesome/solid/magnifying-glass", "menu": None}}
    chosen = icons.theme_icons(theme)
    assert chosen["search"] == "fontawesome/solid/magnifying-glass"
    assert chosen["menu"] == "material/menu"  # named but empty: the default
    assert list(chosen) == list(icons.DEFAULTS)


def test_theme_icons_number_the_colour_toggles_by_their_place_in_the_palette() -> None:
    palette = [{"scheme": "default"},  # no toggle: no icon, but it keeps its place
               {"toggle": {"icon": "material/weather-night", "name": "Dark"}},
               {"toggle": {"icon": "material/weather-sunny", "name": "Light"}}]
    chosen = icons.theme_icons({"palette": palette})
    assert {k: v for k, v in chosen.items() if k.startswith("palette")} == {
        "palette-1": "material/weather-night", "palette-2": "material/weather-sunny"}
    # One palette (a mapping, no toggle) draws no toggle icon.
    assert not any(k.startswith("palette") for k in icons.theme_icons({"palette": {"scheme": "slate"}}))


def test_site_icon_links_the_symbol_relative_to_the_page_with_the_icons_own_view_box() -> None:
    chosen = {"menu": "material/menu", "top": "custom/up"}
    env = _env({"material/menu": "0 0 24 24", "custom/up": "0 0 448 512"})
    env.globals["site_icon"] = icons.icon_function(env, chosen)
    template = env.from_string('{{ site_icon("menu") }}|{{ site_icon("top") }}')
    deep = Page(None, File("briefings/a.md", "docs", "site", use_directory_urls=True), MkDocsConfig())
    home = Page(None, File("index.md", "docs", "site", use_directory_urls=True), MkDocsConfig())
    assert template.render(page=deep, base_url="../..") == (
        '<svg viewBox="0 0 24 24"><use href="../../assets/images/icons.svg#menu"/></svg>|'
        '<svg viewBox="0 0 448 512"><use href="../../assets/images/icons.svg#top"/></svg>')
    assert template.render(page=home, base_url=".") == (
        '<svg viewBox="0 0 24 24"><use href="assets/images/icons.svg#menu"/></svg>|'
        '<svg viewBox="0 0 448 512"><use href="assets/images/icons.svg#top"/></svg>')


def test_view_box_is_the_first_view_box_attribute() -> None:
    drawing = '<svg width="2" viewBox="0 0 16 16" x="viewBox"><g viewBox="9"/></svg>'
    assert icons.view_box(drawing) == "0 0 16 16"
