"""The navigation sidebar of the pages that are not in it, rendered once for all the pages that share its
links.

Material renders the whole navigation into every page. For a page that is not in the navigation (every
generated page: see mkdocs.yml's not_in_nav) nothing in it is active or open, so it differs from one
such page to the next only by its links, each relative to the page. Two such pages whose links all come
out the same get the same navigation, rendered once: ``site_navigation()`` renders it as the theme's
``{% include "partials/nav.html" %}`` would, and keeps it under those links. A page in the navigation
(its own entry active, its table of contents) is rendered every time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import jinja2

SPRITE = "assets/images/icons.svg#logo"  # the logo's link, when the theme has no logo image


def link_targets(nav: Any, config: Any) -> list[str]:
    """Every URL the navigation's template makes relative to the page: its entries', the home page's and
    the logo's."""
    targets: list[str] = []

    def walk(items: Iterable[Any]) -> None:
        for item in items:
            url = getattr(item, "url", None)
            if isinstance(url, str):
                targets.append(url)
            walk(getattr(item, "children", None) or [])

    walk(nav.items)
    homepage = nav.homepage.url if nav.homepage else ""
    targets += [config.extra.get("homepage") or homepage, config.theme.get("logo") or "", SPRITE]
    return targets


def navigation_function(env: jinja2.Environment, template_name: str = "partials/nav.html"
                        ) -> Callable[..., str]:
    """``site_navigation()`` for the templates (a fresh one each build: its renders are kept in it)."""
    kept: dict[tuple[str, ...], str] = {}
    url = env.filters["url"]
    targets: list[str] | None = None

    @jinja2.pass_context
    def site_navigation(context: jinja2.runtime.Context) -> str:
        nonlocal targets
        template = env.get_template(template_name)
        page, nav = context.get("page"), context["nav"]
        if page is None or page in nav.pages:
            return _render(template, context)
        if targets is None:
            targets = link_targets(nav, context["config"])
        key = tuple(url(context, target) for target in targets)
        if key not in kept:
            kept[key] = _render(template, context)
        return kept[key]

    return site_navigation


def _render(template: jinja2.Template, context: jinja2.runtime.Context) -> str:
    """The template rendered as ``{% include %}`` renders it, in the page's context."""
    return "".join(template.root_render_func(template.new_context(context.get_all(), True)))
