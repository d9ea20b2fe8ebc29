"""The header's icons: each page links to its drawing in assets/images/icons.svg, drawn once a site.

The icons of the header, the search box and the back-to-top button are drawn once, in
assets/images/icons.svg (a template, see mkdocs.yml's static_templates), which the browser fetches once
for the whole site; a page only links to them. Which icon each use draws, and its viewBox, are looked up
once a build here, not in every page's templates: the ``site_icon`` function the partials call gives a
page's ``<svg>`` for one use (the theme's CSS sizes some icons by their height alone, so the page's
``<svg>`` carries the icon's own viewBox).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import jinja2

# Each use of an icon, and Material's icon for it when the theme names none.
DEFAULTS = {
    "logo": "material/library",
    "menu": "material/menu",
    "alternate": "material/translate",
    "search": "material/magnify",
    "previous": "material/arrow-left",
    "close": "material/close",
    "top": "material/arrow-up",
}


def theme_icons(theme: Mapping[str, Any]) -> dict[str, str]:
    """Each use's icon: the theme's ``icon`` setting or Material's default, and the colour toggles'."""
    chosen = theme.get("icon") or {}
    icons = {use: chosen.get(use) or default for use, default in DEFAULTS.items()}
    palette = theme.get("palette")
    if not isinstance(palette, Mapping):
        for index, option in enumerate(palette or []):
            toggle = option.get("toggle")
            if toggle:
                icons[f"palette-{index}"] = toggle.get("icon")
    return icons


def view_box(drawing: str) -> str:
    """The viewBox of an icon's SVG."""
    return drawing.split('viewBox="', 1)[1].split('"', 1)[0]


def icon_function(env: jinja2.Environment, icons: Mapping[str, str]) -> Callable[..., str]:
    """``site_icon(use)`` for the templates: the page's ``<svg>`` linking to that use's symbol, its URL
    relative to the page (the theme's ``url`` filter)."""
    boxes = {use: view_box(env.get_template(f".icons/{name}.svg").render()) for use, name in icons.items()}
    url = env.filters["url"]

    @jinja2.pass_context
    def site_icon(context: jinja2.runtime.Context, use: str) -> str:
        href = url(context, f"assets/images/icons.svg#{use}")
        return f'<svg viewBox="{boxes[use]}"><use href="{href}"/></svg>'

    return site_icon
